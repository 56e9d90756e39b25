#!/usr/bin/env bash
# Swift bindings, checked without a Swift compiler (none is reachable here):
# regenerates the UniFFI Swift and fails if the committed files are stale,
# checks the NSError layer is fresh, runs the Rust tests of the crates behind
# it, then tests/swift/check_swift.py reads the generated Swift (parsed with
# tree-sitter-swift) and proves every entry of every catalog has its case,
# domain and code. Prints pass/fail counts; non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."

TREE_SITTER_VERSION=0.26.1
TREE_SITTER_SWIFT_VERSION=0.7.4
cache="${XDG_CACHE_HOME:-$HOME/.cache}/errcat"
venv="$cache/swift-check-venv"
mkdir -p "$cache"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

step() { echo "== $*"; }
took() { echo "   ($1: $(( $(date +%s) - $2 ))s)"; }

# --- toolchain -------------------------------------------------------------
t=$(date +%s)
step "install: python venv with tree-sitter $TREE_SITTER_VERSION, tree-sitter-swift $TREE_SITTER_SWIFT_VERSION"
have_check_tools() {
  "$venv/bin/python" - <<PY 2>/dev/null
import importlib.metadata as m
assert m.version("tree-sitter") == "$TREE_SITTER_VERSION"
assert m.version("tree-sitter-swift") == "$TREE_SITTER_SWIFT_VERSION"
PY
}
if ! have_check_tools; then
  rm -rf "$venv"
  if ! python3 -m venv "$venv"; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
    rm -rf "$venv"
    python3 -m venv "$venv"
  fi
  "$venv/bin/pip" install -q "tree-sitter==$TREE_SITTER_VERSION" "tree-sitter-swift==$TREE_SITTER_SWIFT_VERSION"
fi
have_check_tools || { echo "tree-sitter-swift is not usable in $venv" >&2; exit 1; }
took "python tools" "$t"

# --- generate --------------------------------------------------------------
t=$(date +%s)
step "build: library + fresh UniFFI Swift"
bindings/generate.sh --only swift --swift-root "$tmp/fresh"
cargo run --release -q -p errcat-cli -- export --format json > "$tmp/table.json"
took "build + generate" "$t"

step "fresh: the NSError layer (errcat-codegen)"
codegen=$(cargo run --release -q -p errcat-codegen -- check 2>&1 || true)
if grep -q '^stale: swift/' <<<"$codegen"; then
  grep '^stale: swift/' <<<"$codegen"
  echo "run: cargo run --release -p errcat-codegen -- write" >&2
  exit 1
fi
grep -qE '^(stale: |all generated files are fresh)' <<<"$codegen" \
  || { echo "errcat-codegen check did not run:" >&2; echo "$codegen" >&2; exit 1; }
echo "swift/ generated files are fresh"

step "rust: errcat-bindings and the Swift generator"
cargo test --release -q -p errcat-bindings
cargo test --release -q -p errcat-codegen --lib swift::

step "check: tests/swift/check_swift.py"
"$venv/bin/python" tests/swift/check_swift.py --root . --fresh "$tmp/fresh" --table "$tmp/table.json"
