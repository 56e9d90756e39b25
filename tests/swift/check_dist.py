"""Checks the distributable Swift package made by swift/dist.sh (issue 12).

Reads DIST (target/swift/dist), where scripts/test-swift.sh has put, from the
chroot's Swift: `swift package dump-package` of the package as Apple
platforms see it (dump-apple.json, ERRCAT_SWIFT_FFI=xcframework) and as Linux
does (dump-linux.json), and `swift package compute-checksum` of the zip
(checksum.txt). Prints `dist: N passed, M failed`; non-zero on failure.
"""

import hashlib
import json
import re
import sys
import zipfile
from pathlib import Path

dist = Path(sys.argv[1])
pkg = dist / "errcat-swift"
zip_path = dist / "ErrcatFFI.xcframework.zip"
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name}{': ' + detail if detail else ''}")


def target(dump, name):
    return next((t for t in dump["targets"] if t["name"] == name), {})


apple = json.loads((dist / "dump-apple.json").read_text())
linux = json.loads((dist / "dump-linux.json").read_text())
computed = (dist / "checksum.txt").read_text().strip()
sha = hashlib.sha256(zip_path.read_bytes()).hexdigest()

check("manifest at the package root", (pkg / "Package.swift").is_file())
ffi = target(apple, "ErrcatFFI")
check("Apple: ErrcatFFI is a binary target by URL", ffi.get("type") == "binary" and "url" in ffi, str(ffi))
check("Apple: the URL names the zip", str(ffi.get("url", "")).endswith("/" + zip_path.name), str(ffi.get("url")))
check("Apple: manifest checksum == swift package compute-checksum", ffi.get("checksum") == computed,
      f"{ffi.get('checksum')} vs {computed}")
check("compute-checksum == SHA-256 of the zip", computed == sha, f"{computed} vs {sha}")
lffi = target(linux, "ErrcatFFI")
check("Linux: ErrcatFFI is a system library target", lffi.get("type") == "system", str(lffi))
for dump, where in ((apple, "Apple"), (linux, "Linux")):
    check(f"{where}: Errcat depends on ErrcatFFI",
          "ErrcatFFI" in json.dumps(target(dump, "Errcat").get("dependencies", [])))
    check(f"{where}: only shipped targets", sorted(t["name"] for t in dump["targets"]) == ["Errcat", "ErrcatFFI"])
    check(f"{where}: product Errcat", [p["name"] for p in dump["products"]] == ["Errcat"])
for rel in ("Sources/Errcat/Errcat.swift", "Sources/Errcat/ErrcatNSError.swift", "Sources/Errcat/ErrcatAPI.swift",
            "Sources/ErrcatFFI/module.modulemap", "Headers/ErrcatFFI.h", "Headers/module.modulemap"):
    check(f"package has {rel}", (pkg / rel).is_file())
linux_map = (pkg / "Sources/ErrcatFFI/module.modulemap").read_text()
code = "\n".join(l for l in linux_map.splitlines() if not l.strip().startswith("//"))
check("Linux module map names no Darwin module", not re.search(r"\bDarwin\b", code), code)
with zipfile.ZipFile(zip_path) as z:
    names = set(z.namelist())
    check("zip holds ErrcatFFI.xcframework/Info.plist", "ErrcatFFI.xcframework/Info.plist" in names, str(sorted(names)))
    placeholder = "ErrcatFFI.xcframework/PLACEHOLDER.txt" in names
    print(f"zip: {len(names)} entries, {'a placeholder (no libraries: no XCFramework can be built on Linux)' if placeholder else 'an XCFramework'}")
    for n in sorted(names):
        print(f"  {n}")

print(f"dist: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
