#!/usr/bin/env bash
# The release command: builds every artifact into dist/ (issue 15), each
# carrying the workspace version (Cargo.toml [workspace.package] version, the
# one source), and writes dist/SHA256SUMS (`sha256sum -c` format).
#
#   scripts/dist.sh                  everything
#   scripts/dist.sh c rust           some parts (c rust python js kotlin swift)
#   scripts/dist.sh --check-versions only check that manifests holding a literal
#                                    version agree with the workspace's (of the
#                                    tree at $ERRCAT_DIST_ROOT, default this one)
#   scripts/dist.sh --report         also rewrite reports/dist.md (sizes, from stat)
#
# Artifacts (<v> = the workspace version):
#   errcat-c-<v>-linux-x86_64.tar.gz   include/, lib/ (liberrcat.a, liberrcat.so),
#                                      lib/pkgconfig/errcat{,-static}.pc,
#                                      lib/cmake/errcat/errcatConfig{,Version}.cmake
#   errcat-<v>.crate                   `cargo package -p errcat` (the runtime crate)
#   errcat-<v>-cp39-abi3-*.whl         maturin, abi3
#   errcat-<v>.tar.gz                  maturin sdist
#   errcat-<v>.tgz                     the npm package (scripts/test-js.sh --package-only builds it)
#   errcat-kotlin-<v>.jar              bindings + linux-x86-64/liberrcat_bindings.so for JNA
#   errcat-kotlin-<v>-sources.jar, errcat-kotlin-<v>.pom
#   errcat-swift-<v>.tar.gz            swift/dist.sh's package and its XCFramework zip
#                                      (-PLACEHOLDER in the name: no XCFramework, built off macOS)
#
# Everything builds in the release profile and reuses target/ (the other test
# scripts' builds): nothing is compiled twice. Tested by scripts/test-dist.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
export CARGO_TARGET_DIR=$TARGET
RELEASE=$TARGET/release
WORK=$TARGET/dist-work
DIST=$ROOT/dist
ALL_PARTS=(c rust python js kotlin swift)

# The workspace version: the first `version =` of [workspace.package].
workspace_version() {
  sed -n '/^\[workspace.package\]/,/^\[/ s/^version = "\(.*\)"/\1/p' "${1:-$ROOT}/Cargo.toml"
}

# Manifests that hold a literal copy of the version must equal it. (Path
# dependencies' `version = ` requirements are checked by cargo itself; the
# pyproject, Package.swift and the Rust crates take no literal.)
check_versions() {
  local root=${1:-$ROOT} v js bad=0
  v=$(workspace_version "$root")
  [[ -n "$v" ]] || { echo "dist.sh: no [workspace.package] version in $root/Cargo.toml" >&2; return 1; }
  js=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' "$root/wasm/js/package.json")
  if [[ "$js" != "$v" ]]; then
    echo "dist.sh: wasm/js/package.json has version $js, the workspace $v" >&2
    bad=1
  fi
  ((bad == 0)) && echo "versions agree: $v"
  return "$bad"
}

REPORT=
PARTS=()
for a in "$@"; do
  case $a in
    --check-versions) check_versions "${ERRCAT_DIST_ROOT:-$ROOT}"; exit ;;
    --report) REPORT=1 ;;
    c | rust | python | js | kotlin | swift) PARTS+=("$a") ;;
    *) echo "usage: scripts/dist.sh [--report] [--check-versions] [c|rust|python|js|kotlin|swift ...]" >&2; exit 2 ;;
  esac
done
((${#PARTS[@]})) || PARTS=("${ALL_PARTS[@]}")

VERSION=$(workspace_version)
check_versions
# Reproducible archives: times from the last commit.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 315532800)}
mkdir -p "$DIST" "$WORK"

# tgz DIR OUT: a deterministic tar.gz of DIR (its last path element is the top directory).
tgz() {
  tar -C "$(dirname "$1")" --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
    -cf - "$(basename "$1")" | gzip -9n > "$2"
}

# --- C ----------------------------------------------------------------------
c_part() {
  cargo build --release -p errcat-ffi
  local name=errcat-c-$VERSION-linux-x86_64 stage soname major minor
  stage=$WORK/c/$name
  rm -rf "$WORK/c"
  mkdir -p "$stage/include" "$stage/lib/pkgconfig" "$stage/lib/cmake/errcat"
  soname=$(readelf -d "$RELEASE/liberrcat.so" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
  [[ -n "$soname" ]] || { echo "dist.sh: $RELEASE/liberrcat.so has no SONAME (ffi/build.rs sets it)" >&2; return 1; }
  install -m 0644 ffi/include/errcat.h "$stage/include/"
  # Copies without debug sections (Rust's std brings its own); symbols stay.
  objcopy --strip-debug "$RELEASE/liberrcat.a" "$stage/lib/liberrcat.a"
  objcopy --strip-debug "$RELEASE/liberrcat.so" "$stage/lib/liberrcat.so"
  chmod 0644 "$stage/lib/liberrcat.a"
  chmod 0755 "$stage/lib/liberrcat.so"
  if [[ "$soname" != liberrcat.so ]]; then ln -s liberrcat.so "$stage/lib/$soname"; fi
  # Relocatable .pc files: the prefix is where the file is found.
  for pc in errcat errcat-static; do
    sed -e 's|@PREFIX@|${pcfiledir}/../..|g' -e "s|@VERSION@|$VERSION|g" "ffi/$pc.pc.in" > "$stage/lib/pkgconfig/$pc.pc"
  done
  IFS=. read -r major minor _ <<< "$VERSION"
  for f in errcatConfig errcatConfigVersion; do
    sed -e "s|@VERSION@|$VERSION|g" -e "s|@VERSION_MAJOR@|$major|g" -e "s|@VERSION_MINOR@|$minor|g" \
      -e "s|@SONAME@|$soname|g" "ffi/dist/$f.cmake.in" > "$stage/lib/cmake/errcat/$f.cmake"
  done
  cp ffi/README.md "$stage/README.md"
  tgz "$stage" "$DIST/$name.tar.gz"
}

# --- Rust -------------------------------------------------------------------
# --no-verify: cargo's verification would build the crate and its
# dependencies again in the dev profile; scripts/test-dist.sh builds the
# unpacked crate (release) outside the repository instead.
rust_part() {
  rm -f "$TARGET/package/errcat-"*.crate
  cargo package -p errcat --no-verify --allow-dirty --quiet
  cp "$TARGET/package/errcat-$VERSION.crate" "$DIST/"
}

# --- Python -----------------------------------------------------------------
# maturin as scripts/test-python.sh pins it; its tools venv is reused when
# there (then cargo reuses its build of the extension too).
python_part() {
  local maturin_v py venv
  maturin_v=$(sed -n 's/^MATURIN_VERSION=//p' scripts/test-python.sh)
  venv=$TARGET/python/tools-venv
  if [[ "$("$venv/bin/maturin" --version 2>/dev/null)" != "maturin $maturin_v" ]]; then
    venv=$WORK/maturin-venv
    if [[ "$("$venv/bin/maturin" --version 2>/dev/null)" != "maturin $maturin_v" ]]; then
      py=$(command -v python3)
      rm -rf "$venv"
      "$py" -m venv "$venv"
      "$venv/bin/pip" install -q "maturin==$maturin_v"
    fi
  fi
  rm -rf "$WORK/python"
  "$venv/bin/maturin" build --release -m python/Cargo.toml --out "$WORK/python"
  "$venv/bin/maturin" sdist -m python/Cargo.toml --out "$WORK/python"
  rm -f "$DIST"/errcat-*.whl "$DIST/errcat-$VERSION.tar.gz"
  cp "$WORK/python"/errcat-"$VERSION"-*abi3*.whl "$WORK/python/errcat-$VERSION.tar.gz" "$DIST/"
}

# --- JS ---------------------------------------------------------------------
# The JS test script builds and packs the package; its steps are recorded
# apart from any test run this is part of.
js_part() {
  ERRCAT_RESULTS_DIR=$WORK/js-results ERRCAT_DRY= ERRCAT_BREAK= scripts/test-js.sh --package-only
  cp "$TARGET/npm/errcat-$VERSION.tgz" "$DIST/"
}

# --- Kotlin -----------------------------------------------------------------
KOTLIN_VERSION=$(sed -n 's/^KOTLIN_VERSION=//p' scripts/test-kotlin.sh)
KOTLIN_HOME=${XDG_CACHE_HOME:-$HOME/.cache}/errcat/kotlinc-$KOTLIN_VERSION/package
JNA=/usr/share/java/jna.jar
KOTLIN_GROUP=io.github.errcat

kotlin_tools() {
  if ! command -v jar >/dev/null || [[ ! -f $JNA ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq openjdk-17-jdk-headless libjna-java >/dev/null
  fi
  # The same cached compiler as scripts/test-kotlin.sh (npm's kotlin-compiler).
  if ! grep -qs "\"version\": \"$KOTLIN_VERSION\"" "$KOTLIN_HOME/package.json"; then
    local dl cache
    cache=$(dirname "$(dirname "$KOTLIN_HOME")")
    dl=$(mktemp -d)
    (cd "$dl" && npm pack --silent "kotlin-compiler@$KOTLIN_VERSION" >/dev/null)
    rm -rf "$cache/kotlinc-$KOTLIN_VERSION.tmp"
    mkdir -p "$cache/kotlinc-$KOTLIN_VERSION.tmp"
    tar xzf "$dl"/kotlin-compiler-*.tgz -C "$cache/kotlinc-$KOTLIN_VERSION.tmp"
    rm -rf "$dl" "$cache/kotlinc-$KOTLIN_VERSION"
    mv "$cache/kotlinc-$KOTLIN_VERSION.tmp" "$cache/kotlinc-$KOTLIN_VERSION"
  fi
}

# The Maven POM: the jar needs JNA (the version tested here) and the Kotlin stdlib.
pom() {
  cat <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>$KOTLIN_GROUP</groupId>
  <artifactId>errcat-kotlin</artifactId>
  <version>$VERSION</version>
  <packaging>jar</packaging>
  <name>errcat-kotlin</name>
  <description>errcat for Kotlin/JVM: typed API errors from one table (UniFFI bindings, linux-x86-64 native library included)</description>
  <licenses>
    <license><name>MIT OR Apache-2.0</name></license>
  </licenses>
  <dependencies>
    <dependency>
      <groupId>net.java.dev.jna</groupId>
      <artifactId>jna</artifactId>
      <version>$1</version>
    </dependency>
    <dependency>
      <groupId>org.jetbrains.kotlin</groupId>
      <artifactId>kotlin-stdlib</artifactId>
      <version>$KOTLIN_VERSION</version>
    </dependency>
  </dependencies>
</project>
POM
}

kotlin_part() {
  kotlin_tools
  local k=$WORK/kotlin name=errcat-kotlin-$VERSION jna_v
  rm -rf "$k"
  mkdir -p "$k/classes/linux-x86-64" "$k/sources/errcat"
  bindings/generate.sh --only kotlin --kotlin-out "$k/gen"
  cp "$k/gen/errcat/errcat.kt" bindings/kotlin/errcat/*.kt "$k/sources/errcat/"
  "$KOTLIN_HOME/bin/kotlinc-jvm" -nowarn -cp "$JNA" -d "$k/classes" "$k/sources/errcat/"*.kt
  # JNA extracts a library from the classpath at <os>-<arch>/lib<name>.so
  # (Platform.RESOURCE_PREFIX); UniFFI loads it by bindings/uniffi.toml's cdylib_name.
  cp "$RELEASE/liberrcat_bindings.so" "$k/classes/linux-x86-64/"
  jna_v=$(unzip -p "$(readlink -f "$JNA")" META-INF/MANIFEST.MF | sed -n 's/^Implementation-Version: \([0-9.]*\).*/\1/p' | head -1)
  [[ -n "$jna_v" ]] || { echo "dist.sh: no Implementation-Version in $JNA" >&2; return 1; }
  pom "$jna_v" > "$k/$name.pom"
  mkdir -p "$k/classes/META-INF/maven/$KOTLIN_GROUP/errcat-kotlin"
  cp "$k/$name.pom" "$k/classes/META-INF/maven/$KOTLIN_GROUP/errcat-kotlin/pom.xml"
  printf 'Implementation-Title: errcat-kotlin\nImplementation-Version: %s\n' "$VERSION" > "$k/manifest.txt"
  find "$k/classes" "$k/sources" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
  rm -f "$DIST"/errcat-kotlin-*
  (cd "$k/classes" && jar --create --file "$DIST/$name.jar" --manifest "$k/manifest.txt" --date="$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)" .)
  (cd "$k/sources" && jar --create --file "$DIST/$name-sources.jar" --no-manifest --date="$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)" .)
  cp "$k/$name.pom" "$DIST/"
}

# --- Swift ------------------------------------------------------------------
# swift/dist.sh needs `swift` (for the checksum). Without one on PATH, the
# toolchain scripts/test-swift.sh keeps (a Debian trixie chroot) runs it, with
# the repository bind-mounted and that script's lock held. Without an
# XCFramework (built on macOS only) the zip is swift/dist.sh's placeholder,
# and the artifact's name says PLACEHOLDER.
SWIFT_CHROOT=${ERRCAT_SWIFT_CHROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/errcat/swift-trixie}

in_swift_chroot() { # shell command, run in the repository inside the chroot
  (
    exec 9>"$SWIFT_CHROOT.lock"
    flock 9
    undo() {
      local m
      for m in "$SWIFT_CHROOT/errcat" "$SWIFT_CHROOT/proc"; do
        if mountpoint -q "$m"; then umount "$m" || umount -l "$m"; fi
      done
    }
    undo
    trap undo EXIT
    mkdir -p "$SWIFT_CHROOT/proc" "$SWIFT_CHROOT/errcat"
    mount -t proc proc "$SWIFT_CHROOT/proc"
    mount --bind "$ROOT" "$SWIFT_CHROOT/errcat"
    chroot "$SWIFT_CHROOT" /usr/bin/env -i HOME=/root LANG=C.UTF-8 \
      PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin bash -ec "cd /errcat && $1"
  )
}

swift_part() {
  local out=${WORK#"$ROOT"/}/swift args=() name=errcat-swift-$VERSION stage
  [[ "$out" != /* ]] || { echo "dist.sh: $WORK must be inside the repository for the Swift chroot" >&2; return 1; }
  [[ -d swift/ErrcatFFI.xcframework ]] || { args+=(--placeholder); name+=-PLACEHOLDER; }
  rm -rf "$WORK/swift" "$WORK/swift-stage"
  if command -v swift >/dev/null; then
    swift/dist.sh --out "$out" "${args[@]}"
  elif [[ -x "$SWIFT_CHROOT/usr/libexec/swift/bin/swift" && $EUID == 0 ]]; then
    in_swift_chroot "swift/dist.sh --out $out ${args[*]}"
  else
    echo "dist.sh: no swift on PATH and no toolchain in $SWIFT_CHROOT: run scripts/test-swift.sh (as root) once to install it" >&2
    return 1
  fi
  stage=$WORK/swift-stage/$name
  mkdir -p "$stage"
  cp -R "$WORK/swift/errcat-swift" "$WORK/swift/ErrcatFFI.xcframework.zip" "$stage/"
  rm -f "$DIST"/errcat-swift-*.tar.gz
  tgz "$stage" "$DIST/$name.tar.gz"
}

for p in "${PARTS[@]}"; do
  echo "=== dist: $p"
  "${p}_part"
done

# Checksums of everything in dist/ (not of SHA256SUMS itself).
(cd "$DIST" && find . -maxdepth 1 -type f ! -name SHA256SUMS ! -name '.*' -printf '%f\n' | LC_ALL=C sort | xargs -r sha256sum > SHA256SUMS)
echo "=== dist/ ($VERSION)"
(cd "$DIST" && find . -maxdepth 1 -type f -printf '%f\t%s\n' | LC_ALL=C sort | awk -F'\t' '{ printf "  %-48s %10d bytes\n", $1, $2 }')

if [[ -n "$REPORT" ]]; then
  {
    echo "# Release artifacts"
    echo
    echo "Written by \`scripts/dist.sh --report\` from \`stat\` of each file it built"
    echo "(version $VERSION, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' plus uncommitted changes'), $(date -u +%Y-%m-%d))."
    echo
    echo "| artifact | bytes | sha256 |"
    echo "|---|---:|---|"
    (cd "$DIST" && find . -maxdepth 1 -type f ! -name SHA256SUMS -printf '%f\t%s\n' | LC_ALL=C sort \
      | while IFS=$'\t' read -r f size; do printf '| `%s` | %d | `%s` |\n' "$f" "$size" "$(sha256sum "$f" | cut -c1-64)"; done)
  } > reports/dist.md
  echo "wrote reports/dist.md"
fi
