#!/usr/bin/env bash
# Every committed generated file, checked for staleness in every full run
# (scripts/test.sh runs this first, whichever languages follow):
#
# * errcat-codegen's outputs (Python classes and stubs, TypeScript types,
#   Kotlin exceptions, C tables, the Swift NSError layer, ...);
# * the UniFFI Swift sources and header in swift/ (bindings/generate.sh);
# * the cbindgen header ffi/include/errcat.h;
# * the fuzz seed corpus fuzz/corpus/ (fuzz/make_seeds.py).
#
# Each failure names the file and the command that rewrites it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh generated
export CARGO_TERM_COLOR=${CARGO_TERM_COLOR:-never}
CBINDGEN_VERSION=0.29.4
WORK=target/generated-check

step codegen cargo run --release -q -p errcat-codegen -- check

uniffi_swift() {
  rm -rf "$WORK/swift"
  bindings/generate.sh --only swift --swift-root "$WORK/swift"
  local f stale=0
  for f in Sources/Errcat/Errcat.swift Headers/ErrcatFFI.h Headers/module.modulemap; do
    [[ -f "$WORK/swift/$f" ]] || continue
    if ! diff -q "$WORK/swift/$f" "swift/$f" >/dev/null; then
      diff -u "swift/$f" "$WORK/swift/$f" | head -40
      echo "stale: swift/$f (run: bindings/generate.sh and commit it)"
      stale=1
    fi
  done
  [[ -f "$WORK/swift/Sources/Errcat/Errcat.swift" ]] || { echo "bindings/generate.sh wrote no Errcat.swift"; return 1; }
  return $stale
}
step uniffi-swift uniffi_swift

install_cbindgen() {
  local bin="${CARGO_HOME:-$HOME/.cargo}/bin/cbindgen"
  if "$bin" --version 2>/dev/null | grep -qx "cbindgen $CBINDGEN_VERSION"; then
    echo "cbindgen $CBINDGEN_VERSION is installed"
  else
    echo "installing cbindgen $CBINDGEN_VERSION"
    cargo install cbindgen --locked --version "=$CBINDGEN_VERSION" --quiet
  fi
}
step install-cbindgen install_cbindgen
step cbindgen-header "${CARGO_HOME:-$HOME/.cargo}/bin/cbindgen" --config ffi/cbindgen.toml --crate errcat-ffi \
  --output ffi/include/errcat.h --verify ffi

fuzz_seeds() {
  rm -rf "$WORK/corpus"
  python3 fuzz/make_seeds.py --out "$WORK/corpus"
  diff -r fuzz/corpus "$WORK/corpus" || { echo "stale: fuzz/corpus (run: python3 fuzz/make_seeds.py and commit it)"; return 1; }
}
step fuzz-seeds fuzz_seeds

# The lock files are committed: a dependency change that leaves one stale
# fails here (the fuzz workspace has its own lock file).
lockfiles() {
  cargo metadata --locked --format-version 1 > /dev/null
  cargo metadata --locked --manifest-path fuzz/Cargo.toml --format-version 1 > /dev/null
  echo "Cargo.lock and fuzz/Cargo.lock are up to date"
}
step lockfiles lockfiles
