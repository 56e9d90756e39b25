#!/usr/bin/env python3
"""Checks that a release artifact holds what its users need and carries the version.

    tests/dist/contents.py KIND ARTIFACT VERSION [REPO]

KIND: c, crate, wheel, sdist, npm, jar, sources-jar, pom, swift. What must be
inside is read from the repository (REPO, default the checkout this file is
in) where it can be: every catalog of core/catalogs, every stub of
python/errcat, every file of wasm/js/package.json's `files`. Prints one line
per check and "contents <kind>: N passed, M failed"; exits 1 on any miss.
"""

import hashlib
import json
import re
import sys
import tarfile
import zipfile
from pathlib import Path


def members(path):
    """name -> bytes reader, for tar.gz and zip archives."""
    if zipfile.is_zipfile(path):
        z = zipfile.ZipFile(path)
        return {n: (lambda n=n: z.read(n)) for n in z.namelist() if not n.endswith("/")}
    t = tarfile.open(path, "r:gz")
    out = {}
    for m in t.getmembers():
        if m.isfile():
            out[m.name] = lambda m=m: t.extractfile(m).read()
        elif m.issym():
            out[m.name] = lambda m=m: ("-> " + m.linkname).encode()
    return out


def main():
    kind, artifact, version = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    repo = Path(sys.argv[4]) if len(sys.argv) > 4 else Path(__file__).resolve().parents[2]
    results = []

    def need(desc, ok):
        results.append(bool(ok))
        print(f"  {'ok  ' if ok else 'MISS'} {desc}")

    if kind == "pom":
        text = artifact.read_text()
        need(f"<version>{version}</version>", f"<artifactId>errcat-kotlin</artifactId>\n  <version>{version}</version>" in text)
        need("depends on net.java.dev.jna:jna", "<artifactId>jna</artifactId>" in text)
        need("depends on org.jetbrains.kotlin:kotlin-stdlib", "<artifactId>kotlin-stdlib</artifactId>" in text)
        return report(kind, results)

    files = members(artifact)

    def has(name):
        need(name, name in files)
        return name in files

    def text_has(name, pattern):
        ok = name in files and re.search(pattern, files[name]().decode("utf-8", "replace"), re.M) is not None
        need(f"{name} matches {pattern!r}", ok)

    catalogs = sorted(p.name for p in (repo / "core" / "catalogs").glob("*.toml"))
    stubs = sorted(p.relative_to(repo / "python").as_posix() for p in (repo / "python" / "errcat").rglob("*.pyi"))
    pyfiles = sorted(p.relative_to(repo / "python").as_posix() for p in (repo / "python" / "errcat").rglob("*.py"))

    if kind == "c":
        top = f"errcat-c-{version}-linux-x86_64/"
        for f in ["include/errcat.h", "lib/liberrcat.a", "lib/liberrcat.so", "lib/pkgconfig/errcat.pc",
                  "lib/pkgconfig/errcat-static.pc", "lib/cmake/errcat/errcatConfig.cmake",
                  "lib/cmake/errcat/errcatConfigVersion.cmake"]:
            has(top + f)
        text_has(top + "lib/pkgconfig/errcat.pc", rf"^Version: {re.escape(version)}$")
        text_has(top + "lib/pkgconfig/errcat-static.pc", rf"^Version: {re.escape(version)}$")
        text_has(top + "lib/cmake/errcat/errcatConfigVersion.cmake", rf'^set\(PACKAGE_VERSION "{re.escape(version)}"\)$')
    elif kind == "crate":
        top = f"errcat-{version}/"
        for f in ["Cargo.toml", "build.rs", "src/lib.rs", "src/schema.rs", "src/model.rs", "src/compact.rs"]:
            has(top + f)
        need(f"{len(catalogs)} catalogs in the repository", catalogs)
        for c in catalogs:
            has(top + "catalogs/" + c)
        text_has(top + "Cargo.toml", rf'^version = "{re.escape(version)}"$')
    elif kind == "wheel":
        dist_info = f"errcat-{version}.dist-info/"
        has(dist_info + "METADATA")
        text_has(dist_info + "METADATA", rf"^Version: {re.escape(version)}$")
        need("errcat/_native*.so (abi3)", any(re.fullmatch(r"errcat/_native\.abi3\.so", n) for n in files))
        has("errcat/py.typed")
        need(f"{len(stubs)} stubs in the repository", stubs)
        for f in stubs + pyfiles:
            has(f)
    elif kind == "sdist":
        top = f"errcat-{version}/"
        has(top + "PKG-INFO")
        text_has(top + "PKG-INFO", rf"^Version: {re.escape(version)}$")
        has(top + "pyproject.toml")
        for f in stubs + pyfiles + ["errcat/py.typed"]:
            need(f"{f} (under any directory)", any(n.endswith("/" + f) for n in files))
        for c in catalogs:
            need(f"catalogs/{c} (under any directory)", any(n.endswith("/catalogs/" + c) for n in files))
    elif kind == "npm":
        pkg = json.loads((repo / "wasm" / "js" / "package.json").read_text())
        for f in pkg["files"] + ["package.json"]:
            has("package/" + f)
        text_has("package/package.json", rf'^  "version": "{re.escape(version)}",$')
    elif kind == "jar":
        has("linux-x86-64/liberrcat_bindings.so")
        has("errcat/Errcat.class")
        has("errcat/ErrcatException.class")
        has("META-INF/maven/io.github.errcat/errcat-kotlin/pom.xml")
        text_has("META-INF/MANIFEST.MF", rf"^Implementation-Version: {re.escape(version)}\r?$")
    elif kind == "sources-jar":
        has("errcat/errcat.kt")
        for p in sorted((repo / "bindings" / "kotlin" / "errcat").glob("*.kt")):
            has("errcat/" + p.name)
    elif kind == "swift":
        top = artifact.name[: -len(".tar.gz")] + "/"
        zip_name = top + "ErrcatFFI.xcframework.zip"
        for f in ["errcat-swift/Package.swift", "errcat-swift/README.md"]:
            has(top + f)
        has(zip_name)
        for p in sorted((repo / "swift" / "Sources").rglob("*.swift")):
            has(top + "errcat-swift/" + p.relative_to(repo / "swift").as_posix())
        text_has(top + "errcat-swift/Package.swift", rf'releases/download/{re.escape(version)}/ErrcatFFI\.xcframework\.zip"')
        # The manifest names the zip's SHA-256 (what `swift package compute-checksum` prints).
        if zip_name in files:
            text_has(top + "errcat-swift/Package.swift", 'checksum: "' + hashlib.sha256(files[zip_name]()).hexdigest() + '"')
    else:
        sys.exit(f"contents.py: unknown kind {kind}")
    return report(kind, results)


def report(kind, results):
    failed = results.count(False)
    print(f"contents {kind}: {len(results) - failed} passed, {failed} failed")
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
