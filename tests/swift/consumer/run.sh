#!/usr/bin/env bash
# A new app's package, outside the repository, that depends on errcat by path
# (the distributable package of swift/dist.sh) and runs the README's example.
# Runs where `swift` is (scripts/test-swift.sh: in its chroot, with
# liberrcat_bindings.so on LIBRARY_PATH and LD_LIBRARY_PATH).
#
#   tests/swift/consumer/run.sh PATH_TO_ERRCAT_PACKAGE [SCRATCH_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
errcat=$(cd "$1" && pwd)
scratch=${2:-/tmp/errcat-consumer}
case "$scratch/" in "$(cd "$here/../../.." && pwd)/"*) echo "run.sh: the scratch package must be outside the repository" >&2; exit 2 ;; esac

# Sources are rewritten every run; .build is kept between runs (incremental).
mkdir -p "$scratch/Sources/App"
rm -f "$scratch/Sources/App/"*.swift
cp "$here/Example.swift" "$here/Fetch.swift" "$here/main.swift" "$scratch/Sources/App/"
cat > "$scratch/Package.swift" <<MANIFEST
// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "App",
    dependencies: [.package(path: "$errcat")],
    targets: [
        .executableTarget(name: "App", dependencies: [.product(name: "Errcat", package: "errcat-swift")]),
    ]
)
MANIFEST
cd "$scratch"
swift build 2>&1 | tail -3
"$(swift build --show-bin-path)/App" > output.txt
if diff -u "$here/expected_output.txt" output.txt; then
  echo "consumer: 1 passed, 0 failed"
else
  echo "consumer: 0 passed, 1 failed"
  exit 1
fi
