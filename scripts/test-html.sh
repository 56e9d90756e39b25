#!/usr/bin/env bash
# Builds the HTML error reference (`errcat export --format html`) and tests it:
# the Rust tests of the generator, then the generated site in headless
# Chromium (playwright-core) served from 127.0.0.1.
#
#   scripts/test-html.sh
#
# Needs the browser build of the errcat npm package next to the site. It
# uses, in this order: $ERRCAT_HTML_PACKAGE (an unpacked package directory);
# scripts/build-wasm.sh when the wasm side has one; target/npm/package when it
# is newer than every input of the wasm build; else it runs scripts/test-js.sh
# (which builds target/npm/package) with its benchmark skipped.
#
# Outputs (under target/, or $CARGO_TARGET_DIR):
#   target/errcat-site/, target/errcat-site-plain/   the sites, from the commands in docs/html.md
#   target/html-test/*.png                           screenshots (desktop, phone, dark, no package)
#   target/html-test/tools/                          playwright-core from npm
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
OUT=$TARGET/html-test
TOOLS=$OUT/tools
PLAYWRIGHT_VERSION=1.65.1
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
die() { echo "test-html: $*" >&2; exit 1; }

# ---------------------------------------------------------------------------
step "toolchain"

command -v node >/dev/null || die "node is missing (need Node 20+)"
command -v npm >/dev/null || die "npm is missing"
NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
[ "$NODE_MAJOR" -ge 20 ] || die "Node $(node --version) is too old; need 20+"
echo "node $(node --version), npm $(npm --version)"

if [ ! -x "$CHROMIUM" ]; then
  if [ "$CHROMIUM" = /usr/bin/chromium ]; then
    timed "apt-get install chromium" bash -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null'
  fi
  [ -x "$CHROMIUM" ] || die "no Chromium at $CHROMIUM"
fi
echo "$("$CHROMIUM" --version 2>/dev/null | tail -n1)"

mkdir -p "$OUT" "$TOOLS"
if [ "$(node -p "require('$TOOLS/node_modules/playwright-core/package.json').version" 2>/dev/null || true)" != "$PLAYWRIGHT_VERSION" ]; then
  echo '{ "name": "errcat-html-tools", "private": true }' >"$TOOLS/package.json"
  timed "npm install playwright-core" npm install --prefix "$TOOLS" --no-save --silent "playwright-core@$PLAYWRIGHT_VERSION"
fi
echo "playwright-core $PLAYWRIGHT_VERSION"

# ---------------------------------------------------------------------------
step "Rust: build the CLI, test the generator"

timed "cargo build errcat-cli" cargo build --release -q -p errcat-cli
BIN=$TARGET/release/errcat
RLOG=$OUT/rust-test.log
set +e
cargo test --release -q -p errcat --lib html:: 2>&1 | tee "$RLOG"
RUST_RC=${PIPESTATUS[0]}
set -e
RUST_PASS=$(sed -n 's/^test result: .* \([0-9]*\) passed.*/\1/p' "$RLOG" | awk '{s+=$1} END {print s+0}')
RUST_FAIL=$(sed -n 's/^test result: .* \([0-9]*\) failed.*/\1/p' "$RLOG" | awk '{s+=$1} END {print s+0}')
if [ "$RUST_RC" -ne 0 ] && [ "$RUST_FAIL" -eq 0 ]; then RUST_FAIL=1; fi
[ "$RUST_PASS" -gt 0 ] || [ "$RUST_FAIL" -gt 0 ] || die "cargo test ran no html tests"

# ---------------------------------------------------------------------------
step "the npm package's browser build"

# Newer than the built .wasm, any of these means the package is stale.
WASM_INPUTS=(wasm core/src core/catalogs core/build.rs core/Cargo.toml codegen/src Cargo.lock)
package_fresh() {
  local dir=$1 wasm
  [ -f "$dir/package.json" ] || return 1
  wasm=$(find "$dir" -name '*.wasm' -type f -print -quit)
  [ -n "$wasm" ] || return 1
  [ -z "$(find "${WASM_INPUTS[@]}" -type f -newer "$wasm" -print -quit 2>/dev/null)" ]
}

if [ -n "${ERRCAT_HTML_PACKAGE:-}" ]; then
  PKG=$ERRCAT_HTML_PACKAGE
  echo "using \$ERRCAT_HTML_PACKAGE=$PKG"
elif [ -x scripts/build-wasm.sh ]; then
  PKG=$TARGET/npm/package
  timed "scripts/build-wasm.sh" scripts/build-wasm.sh
elif package_fresh "$TARGET/npm/package"; then
  PKG=$TARGET/npm/package
  echo "reusing $PKG (newer than every input of the wasm build)"
else
  PKG=$TARGET/npm/package
  echo "no scripts/build-wasm.sh and no fresh $PKG: building it with scripts/test-js.sh (benchmark skipped)"
  set +e
  timed "scripts/test-js.sh" env ERRCAT_SKIP_BENCH=1 scripts/test-js.sh
  JS_RC=$?
  set -e
  if [ "$JS_RC" -ne 0 ]; then
    package_fresh "$PKG" || die "scripts/test-js.sh failed and built no package"
    echo "test-html: scripts/test-js.sh reported failures (see above; they are the JS suite's); its package was built, continuing"
  fi
fi
[ -f "$PKG/package.json" ] || die "no package at $PKG"

# ---------------------------------------------------------------------------
step "generate the sites with the commands in docs/html.md"

# The block after "<!-- run by scripts/test-html.sh -->" in docs/html.md: each
# `errcat ...` line is run as written (words split on spaces, no shell), with
# the CLI just built and target/ meaning $TARGET.
mapfile -t DOC_CMDS < <(awk '
  /<!-- run by scripts\/test-html.sh -->/ { armed = 1; next }
  armed && /^```/ { if (inblock) exit; inblock = 1; next }
  inblock && /^errcat / { sub(/[ \t]+#.*$/, ""); print }
' docs/html.md)
[ "${#DOC_CMDS[@]}" -ge 2 ] || die "docs/html.md has no tested command block (need the site with and without --package)"
SITE=
SITE_PLAIN=
for line in "${DOC_CMDS[@]}"; do
  read -r -a words <<<"$line"
  args=()
  out=
  prev=
  for w in "${words[@]:1}"; do
    case $w in target/*) w=$TARGET/${w#target/} ;; esac
    [ "$prev" = -o ] && out=$w
    args+=("$w")
    prev=$w
  done
  [ -n "$out" ] || die "docs/html.md: no -o in: $line"
  rm -rf "$out"
  echo "\$ $line"
  "$BIN" "${args[@]}"
  [ -f "$out/index.html" ] || die "$out/index.html was not written"
  case " ${args[*]} " in
    *" --package "*) SITE=$out ;;
    *) SITE_PLAIN=$out ;;
  esac
done
[ -n "$SITE" ] && [ -n "$SITE_PLAIN" ] || die "docs/html.md must show the site with and without --package"
[ -n "$(find "$SITE/pkg" -name '*.wasm' -print -quit)" ] || die "$SITE/pkg has no .wasm"
[ ! -e "$SITE_PLAIN/pkg" ] || die "$SITE_PLAIN has a pkg/ it should not have"
echo "site: $SITE ($(du -sh "$SITE" | cut -f1), index.html $(stat -c %s "$SITE/index.html") bytes); without the package: $SITE_PLAIN"

# ---------------------------------------------------------------------------
step "node --test tests/html (headless Chromium)"

rm -f "$OUT"/*.png
export ERRCAT_BIN=$BIN ERRCAT_HTML_SITE=$SITE ERRCAT_HTML_SITE_PLAIN=$SITE_PLAIN ERRCAT_HTML_OUT=$OUT \
  ERRCAT_HTML_TOOLS=$TOOLS ERRCAT_CHROMIUM=$CHROMIUM ERRCAT_HTML_PACKAGE_DIR=$PKG
LOG=$OUT/node-test.log
set +e
node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$LOG" tests/html/*.test.mjs
NODE_RC=$?
set -e
PASS=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$LOG" | tail -n1)
FAIL=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$LOG" | tail -n1)
PASS=${PASS:-0}
FAIL=${FAIL:-0}
if [ "$NODE_RC" -ne 0 ] && [ "$FAIL" -eq 0 ]; then FAIL=1; fi
[ "$PASS" -gt 0 ] || [ "$FAIL" -gt 0 ] || die "node --test ran no tests"

echo
echo "screenshots: $(cd "$OUT" && ls -1 ./*.png 2>/dev/null | tr '\n' ' ')(in $OUT)"
echo "rust: $RUST_PASS passed, $RUST_FAIL failed; browser: $PASS passed, $FAIL failed; took $(($(date +%s) - START))s"
echo "html: $((RUST_PASS + PASS)) passed, $((RUST_FAIL + FAIL)) failed"
[ "$RUST_FAIL" -eq 0 ] && [ "$FAIL" -eq 0 ] && [ "$RUST_RC" -eq 0 ] && [ "$NODE_RC" -eq 0 ]
