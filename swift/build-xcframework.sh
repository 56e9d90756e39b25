#!/usr/bin/env bash
# macOS only (Xcode + rustup): builds swift/ErrcatFFI.xcframework from the
# errcat-bindings crate for iOS devices, the iOS simulator and macOS, after
# checking that the committed Swift bindings match this library. Linux cannot
# build it: there, scripts/test-swift.sh links liberrcat_bindings.so instead,
# and swift/dist.sh --placeholder packages a stand-in zip.
#
#   swift/build-xcframework.sh
#   cargo run --release -p errcat-cli -- export --format json > target/swift/table.json
#   (cd swift && swift test)          # the XCTest suite, on macOS
#   swift/dist.sh --url-base URL      # the release package, with this XCFramework zipped
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(uname -s)" = Darwin ] || { echo "build-xcframework.sh: needs macOS with Xcode" >&2; exit 1; }

ios=aarch64-apple-ios
sims=(aarch64-apple-ios-sim x86_64-apple-ios)
macs=(aarch64-apple-darwin x86_64-apple-darwin)
rustup target add "$ios" "${sims[@]}" "${macs[@]}"

# The committed Swift must be what this library generates.
bindings/generate.sh --only swift
git diff --exit-code -- swift/Sources swift/Headers \
  || { echo "the committed Swift bindings are stale: commit the regenerated files" >&2; exit 1; }

for t in "$ios" "${sims[@]}" "${macs[@]}"; do
  cargo rustc --release -p errcat-bindings --lib --crate-type staticlib --target "$t"
done
lib=liberrcat_bindings.a
out=target/xcframework
rm -rf "$out" swift/ErrcatFFI.xcframework
mkdir -p "$out/sim" "$out/mac" "$out/headers"
lipo -create $(for t in "${sims[@]}"; do echo "target/$t/release/$lib"; done) -output "$out/sim/$lib"
lipo -create $(for t in "${macs[@]}"; do echo "target/$t/release/$lib"; done) -output "$out/mac/$lib"
cp swift/Headers/ErrcatFFI.h swift/Headers/module.modulemap "$out/headers/"

xcodebuild -create-xcframework \
  -library "target/$ios/release/$lib" -headers "$out/headers" \
  -library "$out/sim/$lib" -headers "$out/headers" \
  -library "$out/mac/$lib" -headers "$out/headers" \
  -output swift/ErrcatFFI.xcframework
echo "built swift/ErrcatFFI.xcframework"
