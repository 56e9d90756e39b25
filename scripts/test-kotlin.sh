#!/usr/bin/env bash
# Kotlin bindings: installs java, JNA and kotlinc when missing, generates the
# UniFFI Kotlin with the pinned bindgen, compiles it with the generated
# exceptions, the README example and tests/kotlin/, and runs the suite over
# every shared vector (tests/vectors/*.json), the HTTP vectors also fetched
# with java.net.http from tests/http/server.py (started by the suite; it
# fails when the server does not start). The suite prints
# "kotlin: N passed, M failed", which the run counts; then the HTTP vectors
# again on a JVM without the java.net.http module (--limit-modules), then the
# localized messages (tests/kotlin/L10nTest.kt, "kotlin-l10n: N passed, M failed").
# docs/api.md is checked against the compiled classes (tests/api/check_api.py).
#
#   scripts/test-kotlin.sh           # the suite
#   scripts/test-kotlin.sh --bench   # instead of the suite, tests/kotlin/Bench.kt,
#                                    # which rewrites reports/bench-kotlin.md, then
#                                    # tests/kotlin/CallCost.kt under this JNA and
#                                    # under JNA 5.19.1 (Debian sid), appended to it
#
# The committed generated Kotlin (bindings/kotlin/errcat/ErrcatExceptions.kt,
# bindings/uniffi.toml) is checked by the `generated` step of scripts/test.sh
# and by test-rust.sh's codegen tests.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh kotlin

MODE=test
if [[ "${1:-}" == --bench ]]; then MODE=bench; fi
KOTLIN_VERSION=2.4.20
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/errcat"
KOTLIN_HOME="$CACHE/kotlinc-$KOTLIN_VERSION/package"
OUT=target/errcat-kotlin
JNA=/usr/share/java/jna.jar

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  # Other jobs may be installing too: wait for dpkg's lock instead of failing.
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$@" >/dev/null
}

jdk() {
  command -v java >/dev/null || apt_install openjdk-17-jdk-headless
  java -version 2>&1
}

jna() {
  [[ -f $JNA ]] || apt_install libjna-java
  ls -l "$(readlink -f $JNA)"
}

kotlinc() {
  # The npm package's own version file: no JVM start needed to know what is installed.
  if ! grep -qs "\"version\": \"$KOTLIN_VERSION\"" "$KOTLIN_HOME/package.json"; then
    local dl tmp="$CACHE/kotlinc-$KOTLIN_VERSION.tmp"
    mkdir -p "$CACHE"
    dl=$(mktemp -d)
    (cd "$dl" && npm pack --silent "kotlin-compiler@$KOTLIN_VERSION" >/dev/null)
    rm -rf "$tmp"
    mkdir -p "$tmp"
    tar xzf "$dl"/kotlin-compiler-*.tgz -C "$tmp"
    rm -rf "$dl" "$CACHE/kotlinc-$KOTLIN_VERSION"
    mv "$tmp" "$CACHE/kotlinc-$KOTLIN_VERSION"
  fi
  "$KOTLIN_HOME/bin/kotlinc-jvm" -version 2>&1 | grep "kotlinc-jvm $KOTLIN_VERSION"
}

# The library (built by generate.sh) and its UniFFI Kotlin.
bindings() {
  bindings/generate.sh --only kotlin --kotlin-out "$OUT/gen"
}

# The README's Kotlin example is compiled and run as part of the suite.
readme_example() {
  mkdir -p "$OUT"
  awk '/^```kotlin$/{f=1; next} /^```$/{f=0} f' bindings/README.md > "$OUT/ReadmeExample.body"
  [[ -s "$OUT/ReadmeExample.body" ]] || { echo "no kotlin example in bindings/README.md"; exit 1; }
  # Each example shows its own imports; in one file they must come first.
  { echo "package errcattest"; echo; grep '^import ' "$OUT/ReadmeExample.body" | sort -u
    grep -v '^import ' "$OUT/ReadmeExample.body"; } > "$OUT/ReadmeExample.kt"
  wc -l "$OUT/ReadmeExample.kt"
}

compile() {
  rm -rf "$OUT/classes"
  "$KOTLIN_HOME/bin/kotlinc-jvm" -nowarn -cp "$JNA" -d "$OUT/classes" \
    "$OUT/gen/errcat/errcat.kt" bindings/kotlin/errcat/ErrcatExceptions.kt \
    "$OUT/ReadmeExample.kt" tests/kotlin/*.kt
}

# run [java options] -- [program args]
run() {
  local opts=()
  while [[ $# -gt 0 && "$1" != -- ]]; do opts+=("$1"); shift; done
  shift
  java -Xmx2g "${opts[@]}" -Djna.library.path="${CARGO_TARGET_DIR:-target}/release" \
    -cp "$OUT/classes:$JNA:$KOTLIN_HOME/lib/kotlin-stdlib.jar" \
    errcattest.VectorsTestKt "$@"
}

bench() {
  local uniffi
  uniffi=$(awk '/^name = "uniffi"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
  [[ -n "$uniffi" ]] || { echo "no uniffi version in Cargo.lock"; exit 1; }
  rm -f "$OUT/bench.jfr"
  # Java Flight Recorder samples the run; scripts/jfr_hot.py (step
  # bench-profile) adds where the time goes to the report.
  run -XX:StartFlightRecording=filename="$OUT/bench.jfr",settings=profile \
    -Derrcat.report=reports/bench-kotlin.md -Derrcat.uniffi="$uniffi" -- --bench
}

# JNA 5.19.1 from Debian sid (bench only): it has JNA #1626 (Structure
# field lists cached), which 5.13 lacks. Pinned by checksum.
JNA_NEW=5.19.1
JNA_NEW_DIR="$CACHE/jna-$JNA_NEW"
jna_new() {
  local pool=http://deb.debian.org/debian/pool/main/libj/libjna-java tmp
  if [[ ! -f "$JNA_NEW_DIR/lib/libjnidispatch.so" ]]; then
    tmp=$(mktemp -d)
    curl -fsS -o "$tmp/java.deb" "$pool/libjna-java_${JNA_NEW}-1_all.deb"
    curl -fsS -o "$tmp/jni.deb" "$pool/libjna-jni_${JNA_NEW}-1_amd64.deb"
    printf '%s  %s\n' f1c4bd946a52b28eb602841c11447770a78ec2327e68f53a5aab33d7bf646efd "$tmp/java.deb" \
      dd0d8194f971aaef2000591e2d2349739378481d29924fca0032cce0784607c3 "$tmp/jni.deb" | sha256sum -c
    dpkg-deb -x "$tmp/java.deb" "$tmp/x"
    dpkg-deb -x "$tmp/jni.deb" "$tmp/x"
    rm -rf "$JNA_NEW_DIR"
    mkdir -p "$JNA_NEW_DIR/lib"
    cp "$tmp/x/usr/share/java/jna-$JNA_NEW.jar" "$JNA_NEW_DIR/jna.jar"
    cp "$tmp/x/usr/lib/x86_64-linux-gnu/jni/libjnidispatch.system.so" "$JNA_NEW_DIR/lib/libjnidispatch.so"
    rm -rf "$tmp"
  fi
  ls -l "$JNA_NEW_DIR"
}

# call_cost JAR LABEL: CallCost.kt with that JNA jar.
call_cost() {
  java -Xmx2g -Djna.library.path="${CARGO_TARGET_DIR:-target}/release" \
    -cp "$OUT/classes:$1:$KOTLIN_HOME/lib/kotlin-stdlib.jar" errcattest.CallCostKt reports/bench-kotlin.md "$2"
}
call_cost_debian() { call_cost "$JNA" "the JNA the suite uses (Debian's libjna-java)"; }
# Debian's JNA loads its native part only from /usr/lib/<arch>/jni, so the
# newer one is bind-mounted there in a mount namespace of this run alone.
call_cost_new() {
  local sys
  sys=$(ls /usr/lib/*/jni/libjnidispatch.system.so | sed -n 1p)
  unshare -m sh -c "mount --bind '$JNA_NEW_DIR/lib/libjnidispatch.so' '$sys' && \
    java -Xmx2g -Djna.library.path='${CARGO_TARGET_DIR:-target}/release' \
      -cp '$OUT/classes:$JNA_NEW_DIR/jna.jar:$KOTLIN_HOME/lib/kotlin-stdlib.jar' errcattest.CallCostKt \
      reports/bench-kotlin.md 'JNA $JNA_NEW (Debian sid, with JNA #1626)'"
}

# A deprecated entry's class warns where it is named, with its message.
deprecation_warning() {
  local log="$OUT/deprecated.log"
  "$KOTLIN_HOME/bin/kotlinc-jvm" -cp "$OUT/classes:$JNA" -d "$OUT/deprecated-classes" \
    tests/kotlin/deprecated/DeprecatedUse.kt > "$log" 2>&1
  cat "$log"
  grep -q "warning: .*UsernameHasAlreadyBeenTaken.* is deprecated\. USERNAME_HAS_ALREADY_BEEN_TAKEN is deprecated\." "$log"
}

step jdk jdk
step jna jna
step kotlinc kotlinc
step bindings bindings
step readme-example readme_example
step compile compile
# docs/api.md against the compiled API (javap on object Errcat and the records).
step --count checks api-table python3 tests/api/check_api.py kotlin --classes "$OUT/classes"
step deprecation-warning deprecation_warning
if [[ $MODE == bench ]]; then
  step bench bench
  step bench-profile python3 scripts/jfr_hot.py "$OUT/bench.jfr" reports/bench-kotlin.md
  step call-cost call_cost_debian
  step jna-new jna_new
  step call-cost-new call_cost_new
else
  step --count checks vectors run -- tests/vectors
  # A program that never uses java.net.http runs on a JVM without it.
  step --count checks no-http-module run --limit-modules java.base,java.logging -- --no-http-module tests/vectors
  # Localized messages, in a JVM of their own: they set the default locale
  # and register overlays.
  step --count checks l10n run -- --l10n tests/vectors
fi
