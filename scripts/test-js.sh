#!/usr/bin/env bash
# Builds the `errcat` npm package (wasm/) and tests it in Node and in headless
# Chromium, against the INSTALLED tarball.
#
#   scripts/test-js.sh            # install tools if missing, build, pack, test, bench
#
# Outputs (under target/, or $CARGO_TARGET_DIR):
#   target/npm/errcat-<version>.tgz   the installable package (`npm install ./target/npm/errcat-0.1.0.tgz`)
#   target/npm/package/               the same files, unpacked (a plain static page can serve
#                                     index.js + wasm/ straight from here)
#   target/js/tools/                  build/test tools from npm (wasm-opt, playwright-core, tsc)
#   target/js/scratch/                a scratch project the tarball is installed into; the tests run there
#
# Environment: ERRCAT_WRITE_BENCH=1 rewrites reports/bench-js.md from this run's benchmark;
# ERRCAT_SKIP_BENCH=1 skips the benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
NPM_OUT=$TARGET/npm
PKG=$NPM_OUT/package
TOOLS=$TARGET/js/tools
SCRATCH=$TARGET/js/scratch

# Tool versions. binaryen's wasm-opt comes from npm: Debian's binaryen 108 cannot
# read what current wasm-bindgen emits.
BINARYEN_VERSION=132.0.0
PLAYWRIGHT_VERSION=1.65.1
TYPESCRIPT_VERSION=5.9.3
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

export CI=${CI:-true} npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

START=$(date +%s)
step() { echo; echo "=== $* ($(($(date +%s) - START))s)"; }
timed() {
  local name=$1
  shift
  local t0
  t0=$(date +%s)
  "$@"
  echo "--- $name took $(($(date +%s) - t0))s"
}
die() { echo "test-js: $*" >&2; exit 1; }

# ---------------------------------------------------------------------------
step "toolchain"

command -v node >/dev/null || die "node is missing (need Node 20+)"
command -v npm >/dev/null || die "npm is missing"
NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
[ "$NODE_MAJOR" -ge 20 ] || die "Node $(node --version) is too old; need 20+"
echo "node $(node --version), npm $(npm --version)"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  timed "rustup target add" rustup target add wasm32-unknown-unknown
fi

# The CLI must be exactly the version the crate pins (wasm/Cargo.toml `=x.y.z`).
WB_VERSION=$(sed -n 's/^wasm-bindgen = .*version = "=\([0-9.]*\)".*/\1/p' wasm/Cargo.toml)
[ -n "$WB_VERSION" ] || die "cannot read the pinned wasm-bindgen version from wasm/Cargo.toml"
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WB_VERSION" ]; then
  # Without --locked: the CLI's own lock file does not build with current Rust.
  timed "cargo install wasm-bindgen-cli $WB_VERSION" cargo install wasm-bindgen-cli --version "$WB_VERSION"
fi
echo "$(wasm-bindgen --version)"

if [ ! -x "$CHROMIUM" ]; then
  if [ "$CHROMIUM" = /usr/bin/chromium ]; then
    timed "apt-get install chromium" bash -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null'
  fi
  [ -x "$CHROMIUM" ] || die "no Chromium at $CHROMIUM"
fi
echo "$("$CHROMIUM" --version 2>/dev/null | tail -n1)"

tool_version() { node -p "require('$TOOLS/node_modules/$1/package.json').version" 2>/dev/null || true; }
if [ "$(tool_version binaryen)" != "$BINARYEN_VERSION" ] ||
  [ "$(tool_version playwright-core)" != "$PLAYWRIGHT_VERSION" ] ||
  [ "$(tool_version typescript)" != "$TYPESCRIPT_VERSION" ]; then
  mkdir -p "$TOOLS"
  echo '{ "name": "errcat-js-tools", "private": true }' >"$TOOLS/package.json"
  timed "npm install tools" npm install --prefix "$TOOLS" --no-save --silent \
    "binaryen@$BINARYEN_VERSION" "playwright-core@$PLAYWRIGHT_VERSION" "typescript@$TYPESCRIPT_VERSION"
fi
WASM_OPT=$TOOLS/node_modules/.bin/wasm-opt
echo "$("$WASM_OPT" --version), playwright-core $(tool_version playwright-core), typescript $(tool_version typescript)"

# ---------------------------------------------------------------------------
step "Rust side: generated TypeScript types fresh, wasm layer unit tests"

timed "codegen typescript tests" cargo test --release -q -p errcat-codegen --lib typescript
timed "errcat-wasm unit tests" cargo test --release -q -p errcat-wasm

# ---------------------------------------------------------------------------
step "build the wasm module"

# Size-friendly settings for this one build, without a workspace profile change:
# one codegen unit, fat LTO, optimise for size. (The target is wasm32 only, so
# the host build scripts and the rest of the workspace are not affected.)
timed "cargo build wasm32" env \
  CARGO_PROFILE_RELEASE_OPT_LEVEL=z \
  CARGO_PROFILE_RELEASE_LTO=fat \
  CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1 \
  CARGO_PROFILE_RELEASE_PANIC=abort \
  cargo build --release -p errcat-wasm --target wasm32-unknown-unknown

LOCKED_WB=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ "$LOCKED_WB" = "$WB_VERSION" ] || die "Cargo.lock has wasm-bindgen $LOCKED_WB but wasm/Cargo.toml pins $WB_VERSION"

rm -rf "$PKG" "$NPM_OUT"/errcat-*.tgz
mkdir -p "$PKG/wasm"
timed "wasm-bindgen" wasm-bindgen --target web --no-typescript --out-name errcat_wasm --out-dir "$PKG/wasm" \
  "$TARGET/wasm32-unknown-unknown/release/errcat_wasm.wasm"
RAW_SIZE=$(stat -c %s "$PKG/wasm/errcat_wasm_bg.wasm")
# The features enabled are the ones rustc's wasm32 target emits by default.
timed "wasm-opt -Oz" "$WASM_OPT" -Oz --strip-debug --strip-producers \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$PKG/wasm/errcat_wasm_bg.wasm" -o "$PKG/wasm/errcat_wasm_bg.wasm"
OPT_SIZE=$(stat -c %s "$PKG/wasm/errcat_wasm_bg.wasm")
GZ_SIZE=$(gzip -9c "$PKG/wasm/errcat_wasm_bg.wasm" | wc -c)
echo "errcat_wasm_bg.wasm: $RAW_SIZE bytes from wasm-bindgen, $OPT_SIZE after wasm-opt, $GZ_SIZE gzipped"

# ---------------------------------------------------------------------------
step "stage and pack the npm package"

for f in package.json index.js node.js manual.js core.js index.d.ts manual.d.ts catalogs.d.ts; do
  cp "wasm/js/$f" "$PKG/$f"
done
cp wasm/README.md "$PKG/README.md"
CRATE_VERSION=$(sed -n '/^\[workspace.package\]/,/^\[/ s/^version = "\(.*\)"/\1/p' Cargo.toml)
PKG_VERSION=$(node -p "require('$PKG/package.json').version")
[ "$PKG_VERSION" = "$CRATE_VERSION" ] || die "wasm/js/package.json version $PKG_VERSION != workspace version $CRATE_VERSION"
TARBALL=$NPM_OUT/errcat-$PKG_VERSION.tgz
timed "npm pack" npm pack --silent "$PKG" --pack-destination "$NPM_OUT" >/dev/null
[ -f "$TARBALL" ] || die "npm pack did not produce $TARBALL"
echo "package: $TARBALL ($(stat -c %s "$TARBALL") bytes)"

# ---------------------------------------------------------------------------
step "install the tarball into a scratch project"

rm -rf "$SCRATCH"
mkdir -p "$SCRATCH/test"
cat >"$SCRATCH/package.json" <<EOF
{ "name": "errcat-scratch", "private": true, "type": "module",
  "dependencies": { "errcat": "file:$TARBALL" } }
EOF
timed "npm install errcat tarball" npm install --prefix "$SCRATCH" --silent
cp -r tests/js/. "$SCRATCH/test/"

step "type-check the declarations (tsc, strict, no DOM lib; node16 and bundler resolution)"
TSC_PASS=0
TSC_FAIL=0
for cfg in tsconfig.json tsconfig.bundler.json; do
  if timed "tsc -p $cfg" "$TOOLS/node_modules/.bin/tsc" -p "$SCRATCH/test/types/$cfg"; then
    TSC_PASS=$((TSC_PASS + 1))
  else
    echo "FAIL: tsc -p $cfg"
    TSC_FAIL=$((TSC_FAIL + 1))
  fi
done

# ---------------------------------------------------------------------------
step "node --test (Node + headless Chromium)"

export ERRCAT_REPO=$ROOT ERRCAT_TARBALL=$TARBALL ERRCAT_JS_TOOLS=$TOOLS ERRCAT_CHROMIUM=$CHROMIUM
LOG=$TARGET/js/node-test.log
set +e
(cd "$SCRATCH" && node --test --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$LOG" test/*.test.mjs)
NODE_RC=$?
set -e
PASS=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$LOG" | tail -n1)
FAIL=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$LOG" | tail -n1)
PASS=${PASS:-0}
FAIL=${FAIL:-0}
if [ "$NODE_RC" -ne 0 ] && [ "$FAIL" -eq 0 ]; then FAIL=1; fi

if [ "${ERRCAT_SKIP_BENCH:-}" != 1 ]; then
  step "benchmark (one run, ratios against plain-JS baselines)"
  BENCH_ARGS=()
  if [ "${ERRCAT_WRITE_BENCH:-}" = 1 ]; then BENCH_ARGS=(--write "$ROOT/reports/bench-js.md"); fi
  (cd "$SCRATCH" && node test/bench.mjs "${BENCH_ARGS[@]}")
fi

echo
echo "wasm: $OPT_SIZE bytes, $GZ_SIZE gzipped; package: $TARBALL; took $(($(date +%s) - START))s"
echo "js: $((PASS + TSC_PASS)) passed, $((FAIL + TSC_FAIL)) failed"
[ "$FAIL" -eq 0 ] && [ "$TSC_FAIL" -eq 0 ] && [ "$NODE_RC" -eq 0 ]
