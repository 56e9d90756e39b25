#!/usr/bin/env bash
# Release step: the distributable Swift package, laid out as published
# UniFFI-based SDKs ship theirs. SwiftPM adds a package by git URL and wants
# its manifest at the repository root, so the output is the content of a
# repository of its own:
#
#   DIR/errcat-swift/               push this as the Swift package's repository
#     Package.swift                 swift/Package.swift, the XCFramework as
#                                   .binaryTarget(url:checksum:), no test or
#                                   benchmark targets
#     Sources/ Headers/ README.md
#   DIR/ErrcatFFI.xcframework.zip   upload it at the URL the manifest names
#
#   swift/dist.sh [--out DIR] [--url-base URL] [--placeholder]
#
# Needs `swift` (for `swift package compute-checksum`) and `zip`. On macOS,
# run swift/build-xcframework.sh first: the zip holds swift/ErrcatFFI.xcframework.
# Elsewhere no XCFramework can be built; --placeholder zips a stand-in instead
# (PLACEHOLDER.txt, Info.plist without libraries, the headers) so the
# packaging, manifest and checksum can be checked. Never publish that one.
set -euo pipefail
cd "$(dirname "$0")/.."

out=target/swift/dist
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
url_base="https://github.com/errcat/errcat-swift/releases/download/$version"
placeholder=
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out=$2; shift 2 ;;
    --url-base) url_base=$2; shift 2 ;;
    --placeholder) placeholder=1; shift ;;
    *) echo "usage: $0 [--out DIR] [--url-base URL] [--placeholder]" >&2; exit 2 ;;
  esac
done
[ -n "$version" ] || { echo "dist.sh: no version in Cargo.toml" >&2; exit 1; }

pkg=$out/errcat-swift
zip=$out/ErrcatFFI.xcframework.zip
stage=$out/stage
rm -rf "$pkg" "$zip" "$stage"
mkdir -p "$pkg" "$stage"
cp -R swift/Sources swift/Headers swift/README.md "$pkg/"

if [ -d swift/ErrcatFFI.xcframework ]; then
  cp -R swift/ErrcatFFI.xcframework "$stage/"
elif [ -n "$placeholder" ]; then
  x=$stage/ErrcatFFI.xcframework
  mkdir -p "$x/Headers"
  cp swift/Headers/* "$x/Headers/"
  echo "errcat $version: placeholder made on $(uname -s) by swift/dist.sh --placeholder; no libraries. Not for release." > "$x/PLACEHOLDER.txt"
  cat > "$x/Info.plist" <<PLIST
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
	<key>AvailableLibraries</key>
	<array/>
	<key>CFBundlePackageType</key>
	<string>XFWK</string>
	<key>XCFrameworkFormatVersion</key>
	<string>1.0</string>
</dict>
</plist>
PLIST
else
  echo "dist.sh: no swift/ErrcatFFI.xcframework: run swift/build-xcframework.sh (macOS), or pass --placeholder to check the packaging" >&2
  exit 1
fi

# The same bytes for the same inputs: fixed times, sorted names, no extra fields.
find "$stage/ErrcatFFI.xcframework" -exec touch -h -d '1980-01-01T00:00:00Z' {} +
(cd "$stage" && find ErrcatFFI.xcframework | LC_ALL=C sort | TZ=UTC zip -X -q -D -@ "$(pwd -P)/../$(basename "$zip")")
rm -rf "$stage"
checksum=$(swift package compute-checksum "$zip")

# The manifest: swift/Package.swift with the binary target by URL, and
# without the targets whose sources are not shipped.
manifest=swift/Package.swift
local_target='let xcframework: Target = .binaryTarget(name: "ErrcatFFI", path: "ErrcatFFI.xcframework")'
[ "$(grep -cF "$local_target" "$manifest")" = 1 ] || { echo "dist.sh: $manifest no longer has: $local_target" >&2; exit 1; }
[ "$(grep -cE '^ +\.(testTarget|executableTarget)\(' "$manifest")" = 2 ] || { echo "dist.sh: expected one test and one benchmark target in $manifest" >&2; exit 1; }
url="$url_base/ErrcatFFI.xcframework.zip"
awk -v from="$local_target" \
    -v to="let xcframework: Target = .binaryTarget(name: \"ErrcatFFI\", url: \"$url\", checksum: \"$checksum\")" \
    '$0 == from { print to; next } /^ +\.(testTarget|executableTarget)\(/ { next } { print }' \
    "$manifest" > "$pkg/Package.swift"

echo "package:  $pkg (manifest at its root)"
echo "zip:      $zip${placeholder:+ (PLACEHOLDER: no libraries; not for release)}"
echo "url:      $url"
echo "checksum: $checksum"
