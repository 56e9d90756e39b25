#!/usr/bin/env bash
# Generates the UniFFI bindings of errcat-bindings with the pinned generator
# (bindings/uniffi-bindgen, the same UniFFI version as the crate).
#
#   bindings/generate.sh                 # Kotlin into target/errcat-bindings/kotlin,
#                                        # Swift into swift/ (committed files)
#   bindings/generate.sh --swift-root D  # Swift into D/Sources/Errcat and D/Headers instead
#   bindings/generate.sh --kotlin-out D  # Kotlin into D
#   bindings/generate.sh --only kotlin   # one language only (kotlin|swift)
#
# Kotlin's UniFFI output is not committed (built by the tests); Swift's is, so
# an iOS developer can add the package without Rust installed.
set -euo pipefail
cd "$(dirname "$0")/.."

swift_root=swift
kotlin_out=target/errcat-bindings/kotlin
only=
while [ $# -gt 0 ]; do
  case "$1" in
    --swift-root) swift_root=$2; shift 2 ;;
    --kotlin-out) kotlin_out=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "usage: $0 [--swift-root DIR] [--kotlin-out DIR] [--only kotlin|swift]" >&2; exit 2 ;;
  esac
done

cargo build --release -p errcat-bindings
release="${CARGO_TARGET_DIR:-target}/release"
lib=$release/liberrcat_bindings.so
[ -f "$lib" ] || lib=$release/liberrcat_bindings.dylib
[ -f "$lib" ] || { echo "generate.sh: no liberrcat_bindings.so/.dylib in $release" >&2; exit 1; }

bindgen() {
  # --no-format: the output must not depend on whether ktlint/swift-format is installed.
  cargo run --release -q -p errcat-uniffi-bindgen -- \
    generate --no-format --library "$lib" "$@"
}

if [ "$only" != swift ]; then
  rm -rf "$kotlin_out"
  bindgen --language kotlin --out-dir "$kotlin_out"
  echo "generated: $kotlin_out/errcat/errcat.kt"
fi
[ "$only" = kotlin ] && exit 0

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bindgen --language swift --out-dir "$tmp"
mkdir -p "$swift_root/Sources/Errcat" "$swift_root/Headers"
cp "$tmp/Errcat.swift" "$swift_root/Sources/Errcat/Errcat.swift"
cp "$tmp/ErrcatFFI.h" "$swift_root/Headers/ErrcatFFI.h"
# An XCFramework's headers need the module map under this exact name.
cp "$tmp/ErrcatFFI.modulemap" "$swift_root/Headers/module.modulemap"
echo "generated: $swift_root/Sources/Errcat/Errcat.swift, $swift_root/Headers/{ErrcatFFI.h,module.modulemap}"
