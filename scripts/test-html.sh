#!/usr/bin/env bash
# Builds the HTML error reference (`errcat export --format html`) and tests it:
# the Rust tests of the generator, then the generated site in headless
# Chromium (playwright-core) served from 127.0.0.1. Every tool runs through
# `step` (scripts/lib.sh), so any failing tool fails the run under its name.
#
#   scripts/test-html.sh
#
# Needs the browser build of the errcat npm package next to the site. It
# uses $ERRCAT_HTML_PACKAGE (an unpacked package directory) when set; else
# target/npm/package when it is newer than every input of the wasm build;
# else it builds it with `scripts/test-js.sh --package-only`.
#
# Outputs (under target/, or $CARGO_TARGET_DIR):
#   target/errcat-site/, target/errcat-site-plain/   the sites, from the commands in docs/html.md
#   target/html-test/*.png                           screenshots (desktop, phone, dark, no package)
#   target/html-test/tools/                          playwright-core from npm
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh html

ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
OUT=$TARGET/html-test
TOOLS=$OUT/tools
BIN=$TARGET/release/errcat
PLAYWRIGHT_VERSION=1.65.1
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
# Newer than the built .wasm, any of these means the package is stale.
WASM_INPUTS=(wasm core/src core/catalogs core/build.rs core/Cargo.toml codegen/src Cargo.lock)
export CI=${CI:-true} npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

check_node() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  echo "node $(node --version), npm $(npm --version)"
  [ "$major" -ge 20 ] || { echo "Node $(node --version) is too old; need 20+" >&2; return 1; }
}

install_chromium() {
  if [ ! -x "$CHROMIUM" ]; then
    [ "$CHROMIUM" = /usr/bin/chromium ] || { echo "no Chromium at \$CHROMIUM=$CHROMIUM" >&2; return 1; }
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
  "$CHROMIUM" --version
}

install_playwright() {
  mkdir -p "$TOOLS"
  if [ "$(node -p "require('$TOOLS/node_modules/playwright-core/package.json').version" 2>/dev/null || true)" = "$PLAYWRIGHT_VERSION" ]; then
    echo "playwright-core $PLAYWRIGHT_VERSION is installed"
  else
    echo '{ "name": "errcat-html-tools", "private": true }' >"$TOOLS/package.json"
    npm install --prefix "$TOOLS" --no-save --silent "playwright-core@$PLAYWRIGHT_VERSION"
  fi
  [ "$(node -p "require('$TOOLS/node_modules/playwright-core/package.json').version")" = "$PLAYWRIGHT_VERSION" ]
}

package_fresh() {
  local dir=$1 wasm
  [ -f "$dir/package.json" ] || return 1
  wasm=$(find "$dir" -name '*.wasm' -type f -print -quit)
  [ -n "$wasm" ] || return 1
  [ -z "$(find "${WASM_INPUTS[@]}" -type f -newer "$wasm" -print -quit 2>/dev/null)" ]
}

# Writes the package directory the later steps use to $OUT/package-dir.
npm_package() {
  local pkg=$TARGET/npm/package
  mkdir -p "$OUT"
  if [ -n "${ERRCAT_HTML_PACKAGE:-}" ]; then
    pkg=$ERRCAT_HTML_PACKAGE
    echo "using \$ERRCAT_HTML_PACKAGE=$pkg"
  elif package_fresh "$pkg"; then
    echo "reusing $pkg (newer than every input of the wasm build)"
  else
    echo "no fresh $pkg: building it with scripts/test-js.sh --package-only"
    # Its own results file, so a full run's js results are not overwritten;
    # its steps are not the ones a break of this script aims at.
    env -u ERRCAT_BREAK -u ERRCAT_DRY ERRCAT_RESULTS_DIR="$OUT/js-package-results" \
      scripts/test-js.sh --package-only
  fi
  [ -f "$pkg/package.json" ] || { echo "no package at $pkg" >&2; return 1; }
  [ -n "$(find "$pkg" -name '*.wasm' -type f -print -quit)" ] || { echo "no .wasm in $pkg" >&2; return 1; }
  echo "$pkg" >"$OUT/package-dir"
}

# The block after "<!-- run by scripts/test-html.sh -->" in docs/html.md: each
# `errcat ...` line is run as written (words split on spaces, no shell), with
# the CLI just built and target/ meaning $TARGET. The two site paths go to
# $OUT/site-dirs (with --package, then without).
generate_sites() {
  local line w out prev site="" plain=""
  local -a cmds words args
  mapfile -t cmds < <(awk '
    /<!-- run by scripts\/test-html.sh -->/ { armed = 1; next }
    armed && /^```/ { if (inblock) exit; inblock = 1; next }
    inblock && /^errcat / { sub(/[ \t]+#.*$/, ""); print }
  ' docs/html.md)
  [ "${#cmds[@]}" -ge 2 ] || { echo "docs/html.md has no tested command block (need the site with and without --package)" >&2; return 1; }
  for line in "${cmds[@]}"; do
    read -r -a words <<<"$line"
    args=()
    out=
    prev=
    for w in "${words[@]:1}"; do
      case $w in target/*) w=$TARGET/${w#target/} ;; esac
      [ "$prev" != -o ] || out=$w
      args+=("$w")
      prev=$w
    done
    [ -n "$out" ] || { echo "docs/html.md: no -o in: $line" >&2; return 1; }
    rm -rf "$out"
    echo "\$ $line"
    "$BIN" "${args[@]}"
    [ -f "$out/index.html" ] || { echo "$out/index.html was not written" >&2; return 1; }
    case " ${args[*]} " in
      *" --package "*) site=$out ;;
      *) plain=$out ;;
    esac
  done
  [ -n "$site" ] && [ -n "$plain" ] || { echo "docs/html.md must show the site with and without --package" >&2; return 1; }
  [ -n "$(find "$site/pkg" -name '*.wasm' -print -quit)" ] || { echo "$site/pkg has no .wasm" >&2; return 1; }
  [ ! -e "$plain/pkg" ] || { echo "$plain has a pkg/ it should not have" >&2; return 1; }
  echo "site: $site ($(du -sh "$site" | cut -f1), index.html $(stat -c %s "$site/index.html") bytes); without the package: $plain"
  printf '%s\n%s\n' "$site" "$plain" >"$OUT/site-dirs"
}

browser_tests() {
  local -a sites
  mapfile -t sites <"$OUT/site-dirs"
  [ "${#sites[@]}" -eq 2 ]
  rm -f "$OUT"/*.png
  ERRCAT_BIN=$BIN ERRCAT_HTML_SITE=${sites[0]} ERRCAT_HTML_SITE_PLAIN=${sites[1]} ERRCAT_HTML_OUT=$OUT \
    ERRCAT_HTML_TOOLS=$TOOLS ERRCAT_CHROMIUM=$CHROMIUM ERRCAT_HTML_PACKAGE_DIR=$(cat "$OUT/package-dir") \
    node --test --test-concurrency=1 --test-reporter=spec tests/html/*.test.mjs
  echo "screenshots: $(cd "$OUT" && ls -1 ./*.png | tr '\n' ' ')(in $OUT)"
}

# --- tools
step node check_node
step chromium install_chromium
step playwright install_playwright
# --- Rust: build the CLI, test the generator
step cli-build cargo build --release -q -p errcat-cli
step --count cargo generator-tests cargo test --release -q -p errcat-tooling --lib html::
# --- the site, with the npm package's browser build
step npm-package npm_package
step sites generate_sites
step --count node browser-tests browser_tests
