#!/usr/bin/env bash
# Release artifacts (issue 15): builds dist/ with scripts/dist.sh, checks
# SHA256SUMS, the version and the contents of every artifact, then installs
# each one the way its users would, in a scratch directory outside the
# repository, and runs it:
#
#   C       unpack the tarball to a prefix; build tests/c/example/main.c with
#           `pkg-config --cflags --libs errcat` and with CMake
#           find_package(errcat CONFIG) (shared and static); run it
#   Rust    a scratch cargo project depends on the unpacked .crate by path
#           (offline when the registry cache has every dependency); lookup,
#           decode. `cargo install --path cli`, then `errcat --version`
#   Python  fresh venvs: `pip install` of the wheel, and of the sdist (built
#           from source); python/README.md's examples run in each
#   JS      `npm install` of the tarball; ESM import from Node; tsc with
#           moduleResolution "bundler" resolves the package's types
#   Kotlin  a program compiled and run with only the jar, JNA and the Kotlin
#           stdlib, without -Djna.library.path (the library comes from the jar)
#   Swift   the package tarball's contents and manifest (the package itself
#           is built and consumed by scripts/test-swift.sh)
#
#   scripts/test-dist.sh                build dist/, then test it
#   scripts/test-dist.sh --dist DIR     test the artifacts in DIR instead (no build)
#
# Work files: a scratch directory under ${TMPDIR:-/tmp} (removed by the last
# step), and the consumers' build caches under target/dist-test/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh dist

ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
DIST=$ROOT/dist
PREBUILT=
if [[ "${1:-}" == --dist ]]; then DIST=$(cd "${2:?usage: scripts/test-dist.sh [--dist DIR]}" && pwd); PREBUILT=1; fi
VERSION=$(sed -n '/^\[workspace.package\]/,/^\[/ s/^version = "\(.*\)"/\1/p' Cargo.toml)
SCRATCH=${TMPDIR:-/tmp}/errcat-dist-test.$$
CACHE=$TARGET/dist-test
KOTLIN_VERSION=$(sed -n 's/^KOTLIN_VERSION=//p' scripts/test-kotlin.sh)
KOTLIN_HOME=${XDG_CACHE_HOME:-$HOME/.cache}/errcat/kotlinc-$KOTLIN_VERSION/package
JNA=/usr/share/java/jna.jar
C_NAME=errcat-c-$VERSION-linux-x86_64
export CI=${CI:-true} npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PYTHONDONTWRITEBYTECODE=1

tools() {
  local missing=()
  command -v cmake >/dev/null || missing+=(cmake)
  command -v pkg-config >/dev/null || missing+=(pkg-config)
  command -v cc >/dev/null || missing+=(gcc)
  command -v unzip >/dev/null || missing+=(unzip)
  command -v zip >/dev/null || missing+=(zip)
  command -v readelf >/dev/null || missing+=(binutils)
  command -v java >/dev/null || missing+=(openjdk-17-jdk-headless)
  [[ -f $JNA ]] || missing+=(libjna-java)
  python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
  if ((${#missing[@]})); then
    echo "installing with apt: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  cmake --version | sed -n 1p
  echo "pkg-config $(pkg-config --version), $(python3 --version), node $(node --version), $(cargo --version)"
}

scratch() {
  rm -rf "$SCRATCH"
  mkdir -p "$SCRATCH" "$CACHE"
  case "$(cd "$SCRATCH" && pwd -P)/" in "$(pwd -P)/"*) echo "scratch $SCRATCH is inside the repository" >&2; exit 1 ;; esac
  echo "scratch: $SCRATCH"
}

# A manifest with a literal version that differs must fail the version check.
version_mismatch_fails() {
  local r=$SCRATCH/version-root rc=0
  mkdir -p "$r/wasm/js"
  cp Cargo.toml "$r/"
  sed 's/"version": "[^"]*"/"version": "0.0.0-not-the-workspace"/' wasm/js/package.json > "$r/wasm/js/package.json"
  ERRCAT_DIST_ROOT=$r scripts/dist.sh --check-versions || rc=$?
  ((rc != 0)) || { echo "a package.json with another version passed the version check"; exit 1; }
  echo "version-mismatch: 1 passed, 0 failed"
}

build() {
  if [[ -n "$PREBUILT" ]]; then echo "testing the artifacts in $DIST (not built by this run)"; ls -l "$DIST"; return; fi
  scripts/dist.sh
}

checksums() {
  cd "$DIST"
  sha256sum -c SHA256SUMS
  # Every artifact is listed.
  diff <(find . -maxdepth 1 -type f ! -name SHA256SUMS -printf '%f\n' | LC_ALL=C sort) <(awk '{ sub(/^\*/, "", $2); print $2 }' SHA256SUMS | LC_ALL=C sort)
  echo "sha256sums: $(wc -l < SHA256SUMS) passed, 0 failed"
}

# artifact GLOB: the path of the one file of dist/ that GLOB names.
artifact() {
  local files
  # shellcheck disable=SC2206  # GLOB is meant to be expanded
  files=("$DIST"/$1)
  ((${#files[@]} == 1)) && [[ -f "${files[0]}" ]] || { echo "expected one artifact $DIST/$1, found: ${files[*]}" >&2; return 1; }
  echo "${files[0]}"
}

# contents KIND GLOB: that artifact, checked by tests/dist/contents.py.
contents() {
  local f
  f=$(artifact "$2")
  python3 tests/dist/contents.py "$1" "$f" "$VERSION"
}

# The checker fails when a required file is missing: scratch copies with one
# file deleted (the .so from the jar, a catalog from the crate, a stub from
# the wheel, the shared library from the C tarball, the .wasm from the npm package).
contents_can_fail() {
  local d=$SCRATCH/broken passed=0 failed=0 kind artifact member rc
  mkdir -p "$d"
  while read -r kind artifact member; do
    rm -rf "$d/x" && mkdir -p "$d/x"
    local copy=$d/$(basename "$artifact")
    case $artifact in
      *.jar | *.whl)
        cp "$artifact" "$copy"
        zip -q -d "$copy" "$member" ;;
      *)
        tar xzf "$artifact" -C "$d/x"
        rm "$d/x/$member"
        tar czf "$copy" -C "$d/x" . --transform 's|^\./||' ;;
    esac
    rc=0
    python3 tests/dist/contents.py "$kind" "$copy" "$VERSION" > "$d/out" || rc=$?
    if ((rc != 0)) && grep -q "MISS $member" "$d/out"; then
      passed=$((passed + 1)); echo "without $member: $kind check fails, as it must"
    else
      failed=$((failed + 1)); echo "without $member: the $kind check did not fail"; cat "$d/out"
    fi
  done <<EOF
jar $DIST/errcat-kotlin-$VERSION.jar linux-x86-64/liberrcat_bindings.so
crate $DIST/errcat-$VERSION.crate errcat-$VERSION/catalogs/spaces.toml
wheel $(ls "$DIST"/errcat-"$VERSION"-*.whl) errcat/__init__.pyi
c $DIST/$C_NAME.tar.gz $C_NAME/lib/liberrcat.so
npm $DIST/errcat-$VERSION.tgz package/wasm/errcat_wasm_bg.wasm
EOF
  echo "contents-can-fail: $passed passed, $failed failed"
}

# --- C ------------------------------------------------------------------------
c_unpack() {
  rm -rf "$SCRATCH/c"
  mkdir -p "$SCRATCH/c"
  tar xzf "$DIST/$C_NAME.tar.gz" -C "$SCRATCH/c"
  readelf -d "$SCRATCH/c/$C_NAME/lib/liberrcat.so" | grep -E 'Library soname: \[liberrcat\.so(\.[0-9]+)*\]'
  cp tests/c/example/main.c tests/c/example/expected_output.txt tests/dist/c/CMakeLists.txt "$SCRATCH/c/"
}

c_pkgconfig() {
  local prefix=$SCRATCH/c/$C_NAME pc lib
  export PKG_CONFIG_PATH=$prefix/lib/pkgconfig
  [[ "$(pkg-config --modversion errcat)" == "$VERSION" ]]
  cd "$SCRATCH/c"
  for pc in errcat errcat-static; do
    # shellcheck disable=SC2046  # pkg-config output is meant to be split
    cc -Wall -Werror -o "pc-$pc" main.c $(pkg-config --cflags --libs "$pc")
    LD_LIBRARY_PATH=$prefix/lib "./pc-$pc" > "pc-$pc.out"
    diff -u expected_output.txt "pc-$pc.out"
    echo "pkg-config $pc: built and ran"
  done
  # The shared build needs the library by its soname, not by a path.
  lib=$(readelf -d pc-errcat | sed -n 's/.*Shared library: \[\(liberrcat[^]]*\)\]/\1/p')
  [[ "$lib" == liberrcat.so* ]] || { echo "pc-errcat does not need liberrcat by soname"; readelf -d pc-errcat; exit 1; }
  if readelf -d pc-errcat-static | grep -q liberrcat; then echo "pc-errcat-static needs a shared liberrcat"; exit 1; fi
  echo "c-pkgconfig: 2 passed, 0 failed"
}

c_cmake() {
  local prefix=$SCRATCH/c/$C_NAME b=$SCRATCH/c/build
  cmake -S "$SCRATCH/c" -B "$b" -DCMAKE_PREFIX_PATH="$prefix" -DERRCAT_VERSION="$VERSION"
  cmake --build "$b"
  for exe in consumer_shared consumer_static; do
    # CMake links the imported library by path and sets the build RPATH.
    "$b/$exe" > "$b/$exe.out"
    diff -u "$SCRATCH/c/expected_output.txt" "$b/$exe.out"
  done
  echo "c-cmake: 2 passed, 0 failed"
}

# forget_path_crates TARGET_DIR: removes what a cached target directory holds
# of errcat's own crates, so they are compiled from the unpacked artifact
# while registry dependencies (immutable) are reused. Needed because cargo
# hashes path packages without their location, and core/build.rs reads
# env!("CARGO_MANIFEST_DIR") at compile time: a cached build script would
# read the catalogs of an earlier, deleted scratch directory.
forget_path_crates() {
  local r=$1/release
  rm -rf "$r"/build/errcat* "$r"/.fingerprint/errcat* "$r"/deps/*errcat* "$r"/deps/*_native* "$r"/.fingerprint/*_native*
}

# --- Rust ---------------------------------------------------------------------
rust_consumer() {
  local d=$SCRATCH/rust n
  mkdir -p "$d/crate" "$d/app/src"
  tar xzf "$DIST/errcat-$VERSION.crate" -C "$d/crate"
  cat > "$d/app/Cargo.toml" <<EOF
[package]
name = "errcat-dist-consumer"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
errcat = { path = "$d/crate/errcat-$VERSION" }

[workspace]
EOF
  cp tests/dist/rust/main.rs "$d/app/src/main.rs"
  # The package's lock file: the versions this release was tested with.
  cp "$d/crate/errcat-$VERSION/Cargo.lock" "$d/app/Cargo.lock"
  n=$(find core/catalogs -maxdepth 1 -name '*.toml' | wc -l)
  cd "$d/app"
  export CARGO_TARGET_DIR=$CACHE/cargo ERRCAT_CATALOGS=$n
  forget_path_crates "$CARGO_TARGET_DIR"
  if cargo build --release --offline; then
    echo "built offline (every dependency was in the registry cache)"
  else
    echo "offline build failed; building with the registry"
    cargo build --release
  fi
  "$CARGO_TARGET_DIR/release/errcat-dist-consumer"
}

cli_install() {
  local root=$SCRATCH/cli-root out
  # The workspace's target directory: the CLI the other steps built is reused.
  cargo install --locked --path cli --root "$root"
  out=$("$root/bin/errcat" --version)
  echo "$out"
  [[ "$out" == "errcat $VERSION" ]]
  (cd "$SCRATCH" && "$root/bin/errcat" lookup spaces RATE_LIMITED)
  echo "cli-install: 1 passed, 0 failed"
}

# --- Python -------------------------------------------------------------------
# py_consumer LABEL GLOB: a fresh venv, pip install, the README's examples.
py_consumer() {
  local venv=$SCRATCH/venv-$1 f
  f=$(artifact "$2")
  rm -rf "$venv"
  python3 -m venv "$venv"
  # The sdist builds the extension from source, in the Rust consumer's cargo
  # target directory: registry dependencies are compiled once, kept between runs.
  forget_path_crates "$CACHE/cargo"
  CARGO_TARGET_DIR=$CACHE/cargo "$venv/bin/pip" install -q "$f"
  cd "$SCRATCH"
  "$venv/bin/python" "$ROOT/tests/dist/python/readme_examples.py" "$ROOT/python/README.md" "python-$1"
}

# --- JS -----------------------------------------------------------------------
js_install() {
  local d=$SCRATCH/js
  mkdir -p "$d"
  echo '{ "name": "errcat-dist-consumer", "private": true, "type": "module" }' > "$d/package.json"
  cd "$d"
  npm install --silent "$DIST/errcat-$VERSION.tgz"
  cp "$ROOT"/tests/dist/js/consumer.* "$ROOT/tests/dist/js/tsconfig.json" "$d/"
  node -p "require('errcat/package.json').version"
}

js_node() {
  cd "$SCRATCH/js"
  node consumer.mjs "$VERSION"
}

js_types() {
  cd "$SCRATCH/js"
  "$TARGET/js/tools/node_modules/.bin/tsc" -p tsconfig.json
  echo "js-types: 1 passed, 0 failed"
}

# --- Kotlin -------------------------------------------------------------------
kotlin_consumer() {
  local d=$SCRATCH/kotlin jar=$DIST/errcat-kotlin-$VERSION.jar cp out
  mkdir -p "$d"
  cp tests/dist/kotlin/Consumer.kt "$d/"
  cd "$d"
  "$KOTLIN_HOME/bin/kotlinc-jvm" -nowarn -cp "$jar:$JNA" -d classes Consumer.kt
  cp="classes:$jar:$JNA:$KOTLIN_HOME/lib/kotlin-stdlib.jar"
  # No jna.library.path; jna.debug_load shows where the library came from.
  out=$(env -u LD_LIBRARY_PATH java -Djna.debug_load=true -cp "$cp" ConsumerKt 2>&1)
  echo "$out"
  grep -qE "Found library resource at jar:file:.*errcat-kotlin-$VERSION\.jar!/linux-x86-64/liberrcat_bindings\.so" <<< "$out" \
    || { echo "JNA did not load liberrcat_bindings.so from the jar"; exit 1; }
}

# --- Swift --------------------------------------------------------------------
swift_package() {
  local d=$SCRATCH/swift f
  f=$(artifact "errcat-swift-$VERSION*.tar.gz")
  mkdir -p "$d"
  tar xzf "$f" -C "$d"
  cd "$d"/errcat-swift-*/
  unzip -l ErrcatFFI.xcframework.zip | tail -1
  grep -F ".binaryTarget(name: \"ErrcatFFI\", url:" errcat-swift/Package.swift
  if unzip -l ErrcatFFI.xcframework.zip | grep -q PLACEHOLDER.txt; then
    [[ "$f" == *-PLACEHOLDER.tar.gz ]] || { echo "a placeholder XCFramework in $f, whose name does not say so"; exit 1; }
    echo "placeholder XCFramework (no libraries): built off macOS, not for release"
  fi
  echo "swift-package: 1 passed, 0 failed"
}

step tools tools
step scratch scratch
step --count checks versions-agree bash -c 'scripts/dist.sh --check-versions && echo "versions: 1 passed, 0 failed"'
step --count checks version-mismatch-fails version_mismatch_fails
step build build
step --count checks sha256sums checksums
# Each ecosystem: what is in the artifact, then a consumer installs and runs it.
step --count checks contents-c contents c "$C_NAME.tar.gz"
step c-unpack c_unpack
step --count checks c-pkgconfig c_pkgconfig
step --count checks c-cmake c_cmake
step --count checks contents-crate contents crate "errcat-$VERSION.crate"
step --count checks rust-consumer rust_consumer
step --count checks cli-install cli_install
step --count checks contents-wheel contents wheel "errcat-$VERSION-*.whl"
step --count checks contents-sdist contents sdist "errcat-$VERSION.tar.gz"
step --count checks python-wheel py_consumer wheel "errcat-$VERSION-*.whl"
step --count checks python-sdist py_consumer sdist "errcat-$VERSION.tar.gz"
step --count checks contents-npm contents npm "errcat-$VERSION.tgz"
step js-install js_install
step --count checks js-node js_node
step --count checks js-types js_types
step --count checks contents-jar contents jar "errcat-kotlin-$VERSION.jar"
step --count checks contents-sources-jar contents sources-jar "errcat-kotlin-$VERSION-sources.jar"
step --count checks contents-pom contents pom "errcat-kotlin-$VERSION.pom"
step --count checks kotlin-consumer kotlin_consumer
step --count checks contents-swift contents swift "errcat-swift-$VERSION*.tar.gz"
step --count checks swift-package swift_package
step --count checks contents-can-fail contents_can_fail
step cleanup rm -rf "$SCRATCH"
