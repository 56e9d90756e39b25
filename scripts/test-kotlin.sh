#!/usr/bin/env bash
# Kotlin bindings: installs kotlinc and JNA when missing, generates the UniFFI
# Kotlin with the pinned bindgen, compiles it with the generated exceptions,
# the README example and tests/kotlin/, and runs the suite over every shared
# vector (tests/vectors/*.json). Prints pass/fail counts; non-zero on failure.
#
#   scripts/test-kotlin.sh           # the suite
#   scripts/test-kotlin.sh --bench   # instead, the measurements of reports/bench-kotlin.md
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-test}

KOTLIN_VERSION=2.4.20
cache="${XDG_CACHE_HOME:-$HOME/.cache}/errcat"
kotlin_home="$cache/kotlinc-$KOTLIN_VERSION/package"
out=target/errcat-kotlin
mkdir -p "$cache" "$out"

step() { echo "== $*"; }
took() { echo "   ($1: $(( $(date +%s) - $2 ))s)"; }

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "$@" >/dev/null
}

# --- toolchain -------------------------------------------------------------
t=$(date +%s)
step "install: java, JNA"
if ! command -v java >/dev/null 2>&1; then
  apt_install openjdk-17-jdk-headless
fi
if [ ! -f /usr/share/java/jna.jar ]; then
  apt_install libjna-java
fi
java -version 2>&1 | head -1
[ -f /usr/share/java/jna.jar ] || { echo "JNA is missing after install" >&2; exit 1; }
took "java, JNA" "$t"

t=$(date +%s)
step "install: kotlinc $KOTLIN_VERSION"
# The npm package's own version file: no JVM start needed to know what is installed.
if ! grep -qs "\"version\": \"$KOTLIN_VERSION\"" "$kotlin_home/package.json"; then
  command -v npm >/dev/null 2>&1 || { echo "npm is needed to fetch kotlin-compiler" >&2; exit 1; }
  dl=$(mktemp -d)
  (cd "$dl" && npm pack --silent "kotlin-compiler@$KOTLIN_VERSION" >/dev/null)
  rm -rf "$cache/kotlinc-$KOTLIN_VERSION.tmp"
  mkdir -p "$cache/kotlinc-$KOTLIN_VERSION.tmp"
  tar xzf "$dl"/kotlin-compiler-*.tgz -C "$cache/kotlinc-$KOTLIN_VERSION.tmp"
  rm -rf "$dl" "$cache/kotlinc-$KOTLIN_VERSION"
  mv "$cache/kotlinc-$KOTLIN_VERSION.tmp" "$cache/kotlinc-$KOTLIN_VERSION"
fi
"$kotlin_home/bin/kotlinc-jvm" -version 2>&1 | grep "kotlinc-jvm $KOTLIN_VERSION" \
  || { echo "kotlinc $KOTLIN_VERSION is not usable at $kotlin_home" >&2; exit 1; }
took "kotlinc" "$t"

# --- build -----------------------------------------------------------------
t=$(date +%s)
step "build: library + UniFFI Kotlin"
bindings/generate.sh --only kotlin --kotlin-out "$out/gen"
took "build + generate" "$t"

step "fresh: the Kotlin exceptions and uniffi.toml (errcat-codegen)"
codegen=$(cargo run --release -q -p errcat-codegen -- check 2>&1 || true)
if grep -q '^stale: bindings/' <<<"$codegen"; then
  grep '^stale: bindings/' <<<"$codegen"
  echo "run: cargo run --release -p errcat-codegen -- write" >&2
  exit 1
fi
grep -qE '^(stale: |all generated files are fresh)' <<<"$codegen" \
  || { echo "errcat-codegen check did not run:" >&2; echo "$codegen" >&2; exit 1; }
echo "bindings/ generated files are fresh"
cargo test --release -q -p errcat-codegen --lib kotlin::

# The README's Kotlin example is compiled and run as part of the suite.
awk '/^```kotlin$/{f=1; next} /^```$/{f=0} f' bindings/README.md > "$out/ReadmeExample.body"
[ -s "$out/ReadmeExample.body" ] || { echo "no kotlin example in bindings/README.md" >&2; exit 1; }
{ echo "package errcattest"; echo; cat "$out/ReadmeExample.body"; } > "$out/ReadmeExample.kt"

t=$(date +%s)
step "compile: kotlinc"
rm -rf "$out/classes"
"$kotlin_home/bin/kotlinc-jvm" -nowarn -cp /usr/share/java/jna.jar -d "$out/classes" \
  "$out/gen/errcat/errcat.kt" bindings/kotlin/errcat/ErrcatExceptions.kt \
  "$out/ReadmeExample.kt" tests/kotlin/*.kt
took "kotlinc" "$t"

# --- run -------------------------------------------------------------------
run() {
  java -Xmx2g -Djna.library.path="${CARGO_TARGET_DIR:-target}/release" \
    -cp "$out/classes:/usr/share/java/jna.jar:$kotlin_home/lib/kotlin-stdlib.jar" \
    errcattest.VectorsTestKt "$@"
}
if [ "$mode" = --bench ]; then
  step "bench: tests/kotlin/Bench.kt"
  run --bench
  exit 0
fi
step "run: tests/kotlin over tests/vectors/*.json"
run tests/vectors
