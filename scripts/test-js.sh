#!/usr/bin/env bash
# Builds the `errcat` npm package (wasm/) and tests it in Node and in headless
# Chromium, against the INSTALLED tarball. Every tool runs through `step`
# (scripts/lib.sh), so any failing tool fails the run under its step's name.
#
#   scripts/test-js.sh                 # install tools if missing, build, pack, test, bench
#   scripts/test-js.sh --package-only  # install, build and pack only (scripts/test-html.sh uses it)
#   ERRCAT_WRITE_BENCH=1 scripts/test-js.sh   # also rewrite reports/bench-js.md from this run
#
# Outputs (under target/, or $CARGO_TARGET_DIR):
#   target/npm/errcat-<version>.tgz   the installable package (`npm install ./target/npm/errcat-0.1.0.tgz`)
#   target/npm/package/               the same files, unpacked (a plain static page can serve
#                                     index.js + wasm/ straight from here)
#   target/js/build/                  what the bench reads about the build: the module before
#                                     wasm-opt, the cargo profile and wasm-opt flags used
#   target/js/tools/                  build/test tools from npm (wasm-opt, playwright-core, tsc)
#   target/js/scratch/                a scratch project the tarball is installed into; the tests run there
#
# The HTTP tests (tests/js/http.test.mjs, and the browser test) start the shared
# fixture server tests/http/server.py with python3; without it they fail.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh js

MODE=${1:-all}
case $MODE in all | --package-only) ;; *) echo "usage: scripts/test-js.sh [--package-only]" >&2; exit 2 ;; esac

ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
NPM_OUT=$TARGET/npm
PKG=$NPM_OUT/package
TOOLS=$TARGET/js/tools
SCRATCH=$TARGET/js/scratch
BUILD_INFO=$TARGET/js/build

# Tool versions. binaryen's wasm-opt comes from npm: Debian's binaryen 108 cannot
# read what current wasm-bindgen emits.
BINARYEN_VERSION=132.0.0
PLAYWRIGHT_VERSION=1.65.1
TYPESCRIPT_VERSION=5.9.3
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

# Size-friendly settings for the one wasm32 build, without a workspace profile
# change (the host build scripts and the rest of the workspace are not affected).
# opt-level s, not z (issue 17): the decode call ran about a third faster for
# about 4 KB more gzipped (measured side by side on the same sources).
WASM_PROFILE=(
  CARGO_PROFILE_RELEASE_OPT_LEVEL=s
  CARGO_PROFILE_RELEASE_LTO=fat
  CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
  CARGO_PROFILE_RELEASE_PANIC=abort
)
# The features enabled are the ones rustc's wasm32 target emits by default.
WASM_OPT_FLAGS=(
  -Oz --converge --strip-debug --strip-producers
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue
)

export CI=${CI:-true} npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
export ERRCAT_REPO=$ROOT ERRCAT_JS_TOOLS=$TOOLS ERRCAT_CHROMIUM=$CHROMIUM

# The wasm-bindgen version the build links, from Cargo.lock; the CLI must match it.
locked_wasm_bindgen() {
  local v
  v=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  [ -n "$v" ] || { echo "no wasm-bindgen in Cargo.lock" >&2; return 1; }
  echo "$v"
}
pkg_version() { node -p "require('$PKG/package.json').version"; }
tool_version() { node -p "require('$TOOLS/node_modules/$1/package.json').version" 2>/dev/null || true; }

check_node() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  echo "node $(node --version), npm $(npm --version)"
  [ "$major" -ge 20 ] || { echo "Node $(node --version) is too old; need 20+" >&2; return 1; }
}

install_rust_target() {
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "wasm32-unknown-unknown is installed"
  else
    rustup target add wasm32-unknown-unknown
  fi
}

install_wasm_bindgen() {
  local v pinned
  v=$(locked_wasm_bindgen)
  pinned=$(sed -n 's/^wasm-bindgen = .*version = "=\([0-9.]*\)".*/\1/p' wasm/Cargo.toml)
  [ "$pinned" = "$v" ] || { echo "Cargo.lock has wasm-bindgen $v but wasm/Cargo.toml pins '$pinned'" >&2; return 1; }
  if [ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $v" ]; then
    echo "wasm-bindgen $v is installed"
  else
    # Without --locked: the CLI's own lock file does not build with current Rust.
    cargo install wasm-bindgen-cli --version "$v"
  fi
  [ "$(wasm-bindgen --version)" = "wasm-bindgen $v" ]
}

install_npm_tools() {
  if [ "$(tool_version binaryen)" = "$BINARYEN_VERSION" ] &&
    [ "$(tool_version playwright-core)" = "$PLAYWRIGHT_VERSION" ] &&
    [ "$(tool_version typescript)" = "$TYPESCRIPT_VERSION" ]; then
    echo "npm tools are installed"
  else
    mkdir -p "$TOOLS"
    echo '{ "name": "errcat-js-tools", "private": true }' >"$TOOLS/package.json"
    npm install --prefix "$TOOLS" --no-save --silent \
      "binaryen@$BINARYEN_VERSION" "playwright-core@$PLAYWRIGHT_VERSION" "typescript@$TYPESCRIPT_VERSION"
  fi
  "$TOOLS/node_modules/.bin/wasm-opt" --version
  "$TOOLS/node_modules/.bin/tsc" --version
  [ "$(tool_version playwright-core)" = "$PLAYWRIGHT_VERSION" ]
}

install_chromium() {
  if [ ! -x "$CHROMIUM" ]; then
    [ "$CHROMIUM" = /usr/bin/chromium ] || { echo "no Chromium at \$CHROMIUM=$CHROMIUM" >&2; return 1; }
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
  "$CHROMIUM" --version
}

build_wasm() {
  env "${WASM_PROFILE[@]}" cargo build --release -p errcat-wasm --target wasm32-unknown-unknown
  mkdir -p "$BUILD_INFO"
  printf '%s\n' "${WASM_PROFILE[@]}" >"$BUILD_INFO/cargo-profile.txt"
}

run_wasm_bindgen() {
  rm -rf "$PKG" "$NPM_OUT"/errcat-*.tgz
  mkdir -p "$PKG/wasm" "$BUILD_INFO"
  wasm-bindgen --target web --no-typescript --out-name errcat_wasm --out-dir "$PKG/wasm" \
    "$TARGET/wasm32-unknown-unknown/release/errcat_wasm.wasm"
  # Kept for the bench: the module's size before wasm-opt.
  cp "$PKG/wasm/errcat_wasm_bg.wasm" "$BUILD_INFO/errcat_wasm_bg.pre-opt.wasm"
}

run_wasm_opt() {
  "$TOOLS/node_modules/.bin/wasm-opt" "${WASM_OPT_FLAGS[@]}" \
    "$PKG/wasm/errcat_wasm_bg.wasm" -o "$PKG/wasm/errcat_wasm_bg.wasm"
  printf '%s\n' "${WASM_OPT_FLAGS[@]}" >"$BUILD_INFO/wasm-opt-flags.txt"
  echo "errcat_wasm_bg.wasm: $(stat -c %s "$BUILD_INFO/errcat_wasm_bg.pre-opt.wasm") bytes before wasm-opt," \
    "$(stat -c %s "$PKG/wasm/errcat_wasm_bg.wasm") after, $(gzip -9c "$PKG/wasm/errcat_wasm_bg.wasm" | wc -c) gzipped"
}

npm_pack() {
  local f crate
  for f in package.json index.js node.js manual.js core.js index.d.ts manual.d.ts catalogs.d.ts; do
    cp "wasm/js/$f" "$PKG/$f"
  done
  cp wasm/README.md "$PKG/README.md"
  crate=$(sed -n '/^\[workspace.package\]/,/^\[/ s/^version = "\(.*\)"/\1/p' Cargo.toml)
  [ "$(pkg_version)" = "$crate" ] || { echo "wasm/js/package.json version $(pkg_version) != workspace version $crate" >&2; return 1; }
  npm pack --silent "$PKG" --pack-destination "$NPM_OUT" >/dev/null
  local tarball=$NPM_OUT/errcat-$(pkg_version).tgz
  [ -f "$tarball" ] || { echo "npm pack did not produce $tarball" >&2; return 1; }
  echo "package: $tarball ($(stat -c %s "$tarball") bytes)"
}

install_into_scratch() {
  local tarball=$NPM_OUT/errcat-$(pkg_version).tgz
  rm -rf "$SCRATCH"
  mkdir -p "$SCRATCH/test"
  cat >"$SCRATCH/package.json" <<EOF
{ "name": "errcat-scratch", "private": true, "type": "module",
  "dependencies": { "errcat": "file:$tarball" } }
EOF
  npm install --prefix "$SCRATCH" --silent
  cp -r tests/js/. "$SCRATCH/test/"
}

# tsc prints nothing on success; the count line is printed only after it passed.
type_check() { # tsconfig file, label
  "$TOOLS/node_modules/.bin/tsc" -p "$SCRATCH/test/types/$1"
  echo "tsc $2: 1 passed, 0 failed"
}

node_tests() {
  cd "$SCRATCH"
  ERRCAT_TARBALL=$NPM_OUT/errcat-$(pkg_version).tgz \
    node --test --test-reporter=spec test/*.test.mjs
}

bench() {
  local args=()
  if [ "${ERRCAT_WRITE_BENCH:-}" = 1 ]; then args=(--write "$ROOT/reports/bench-js.md"); fi
  cd "$SCRATCH"
  ERRCAT_JS_BUILD_INFO=$BUILD_INFO ERRCAT_WASM_TARGET_DIR=$TARGET/wasm32-unknown-unknown/release \
    node test/bench.mjs "${args[@]}"
}

# With the report: what the module's code is made of, read from this build.
breakdown() {
  local out=/dev/null
  if [ "${ERRCAT_WRITE_BENCH:-}" = 1 ]; then out=$ROOT/reports/bench-js.md; fi
  python3 "$ROOT/scripts/wasm_breakdown.py" "$BUILD_INFO/errcat_wasm_bg.pre-opt.wasm" "$out"
}

# --- tools
step node check_node
step rust-target install_rust_target
step wasm-bindgen-cli install_wasm_bindgen
step npm-tools install_npm_tools
if [ "$MODE" = all ]; then
  step chromium install_chromium
  # --- Rust side: generated TypeScript types fresh, wasm layer unit tests
  step --count cargo codegen-ts-tests cargo test --release -p errcat-codegen --lib typescript
  step --count cargo wasm-unit-tests cargo test --release -p errcat-wasm
fi

# --- build and pack
step wasm-build build_wasm
step wasm-bindgen run_wasm_bindgen
step wasm-opt run_wasm_opt
step npm-pack npm_pack
if [ "$MODE" = --package-only ]; then exit 0; fi

# --- test the installed tarball
step scratch-install install_into_scratch
# strict, no DOM lib; node16 and bundler resolution
step --count checks tsc-nodenext type_check tsconfig.json nodenext
step --count checks tsc-bundler type_check tsconfig.bundler.json bundler
# the DOM lib without DOM.Iterable: a real Response and Headers fit the response API
step --count checks tsc-dom type_check tsconfig.dom.json dom
# tsc's language service reports a use of a deprecated literal (6385) with the shared message
step --count checks ts-deprecation node "$SCRATCH/test/types/deprecation.mjs"
step --count node node-test node_tests
# docs/api.md against what the installed package really exports.
step --count checks api-table python3 tests/api/check_api.py js --package "$SCRATCH/node_modules/errcat"
# One run, ratios against plain-JS baselines measured in the same process.
step bench bench
step wasm-breakdown breakdown
