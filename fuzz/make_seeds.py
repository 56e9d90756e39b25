#!/usr/bin/env python3
"""Writes the committed seed corpus fuzz/corpus/<target>/ from the shared
test vectors (tests/vectors/*.json) and the catalog files
(core/catalogs/*.toml). Run it after changing either; the seeds are small
(< 300 files) and named by the SHA-1 of their content, like libFuzzer's own.

    python3 fuzz/make_seeds.py
    python3 fuzz/make_seeds.py --out DIR   # elsewhere (the staleness check)

The layout of each target's input is described at the top of its
fuzz_targets/<target>.rs.
"""

import hashlib
import json
import os
import shutil
import struct
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "fuzz", "corpus")


def builtin_ids():
    """The built-in catalog ids in public order, the rule of core/build.rs:
    by `order`, then the catalogs without one by id."""
    d = os.path.join(ROOT, "core", "catalogs")
    heads = []
    for name in os.listdir(d):
        if name.endswith(".toml"):
            with open(os.path.join(d, name), "rb") as f:
                heads.append(tomllib.load(f)["catalog"])
    heads.sort(key=lambda h: (h.get("order") is None, h.get("order") or 0, h["id"]))
    return [h["id"] for h in heads]


CATALOGS = builtin_ids()
N = len(CATALOGS)  # the fuzz targets pick a catalog `% N`
MAX_SEED = 4096  # bytes; bigger vectors (1 MiB payloads) are left to the tests


def payload(case):
    if "payload" in case:
        return case["payload"].encode()
    if "payload_hex" in case:
        return bytes.fromhex(case["payload_hex"])
    g = case["payload_gen"]
    if len(g.get("prefix", "")) + len(g["repeat"]) * g["count"] > MAX_SEED:
        return None
    return (g.get("prefix", "") + g["repeat"] * g["count"] + g.get("suffix", "")).encode()


def response_body(case):
    """An HTTP vector's body (body, body_hex or body_gen), None when too big."""
    if "body" in case:
        return case["body"].encode()
    if "body_hex" in case:
        return bytes.fromhex(case["body_hex"])
    g = case["body_gen"]
    if len(g.get("prefix", "")) + len(g["repeat"]) * g["count"] > MAX_SEED:
        return None
    return (g["prefix"] + g["repeat"] * g["count"] + g.get("suffix", "")).encode()


def vectors():
    out = []
    d = os.path.join(ROOT, "tests", "vectors")
    for name in sorted(os.listdir(d)):
        if name.endswith(".json"):
            with open(os.path.join(d, name), encoding="utf-8") as f:
                out.append(json.load(f))
    return out


def regressions(target):
    """Inputs the fuzzer once found, kept by hand in fuzz/regressions/<target>/."""
    d = os.path.join(ROOT, "fuzz", "regressions", target)
    if not os.path.isdir(d):
        return []
    out = []
    for name in sorted(os.listdir(d)):
        with open(os.path.join(d, name), "rb") as f:
            out.append(f.read())
    return out


def write(target, seeds):
    seeds = list(seeds) + regressions(target)
    d = os.path.join(CORPUS, target)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    names = set()
    for s in seeds:
        h = hashlib.sha1(s).hexdigest()
        if h not in names:
            names.add(h)
            with open(os.path.join(d, h), "wb") as f:
                f.write(s)
    return len(names)


def main():
    docs = vectors()
    decodes = [c for d in docs for c in d.get("decodes", [])]
    lookups = [c for d in docs for c in d.get("lookups", [])]

    # decode: byte 0 = catalog index (mode 0, raw payload).
    dec = []
    for c in decodes:
        p = payload(c)
        if p is not None and c["catalog"] in CATALOGS:
            dec.append(bytes([CATALOGS.index(c["catalog"])]) + p)
    # mode 2 (string code + message) and mode 3 (major, minor, wait).
    dec.append(bytes([2 + N * 2]) + b"RATE_LIMITED\nslow down")
    dec.append(bytes([2 + N * 2]) + b"NOT_A_CODE\n")
    dec.append(bytes([1 + N * 3]) + struct.pack("<qqq", 203, 32, 30))
    dec.append(bytes([1 + N * 3]) + struct.pack("<qqq", -1, -(2**63), 2**63 - 1))

    # lookup: byte 0 = catalog index (| 0xE0: global search too); rest = query,
    # or "catalog\tquery" for errcat::lookup.
    look = []
    for n, c in enumerate(lookups):
        q = c["query"].encode()
        if c["catalog"] in CATALOGS:
            i = CATALOGS.index(c["catalog"]) | (0xE0 if n % 2 else 0)
            look.append(bytes([i]) + q[:MAX_SEED])
        if c["catalog"] not in CATALOGS or n % 5 == 0:
            look.append(bytes([0]) + c["catalog"].encode() + b"\t" + q[:200])

    # load_catalog: byte 0 = format (0 TOML, 1 JSON); the catalog files,
    # their JSON form, and small cut-down catalogs (3 entries) of each.
    cat = []
    for i, name in enumerate(CATALOGS):
        with open(os.path.join(ROOT, "core", "catalogs", name + ".toml"), "rb") as f:
            raw = f.read()
        data = tomllib.loads(raw.decode())
        cat.append(b"\x00" + raw)
        cat.append(b"\x01" + json.dumps(data).encode())
        small = dict(data, entry=data["entry"][:3])
        cat.append(b"\x01" + json.dumps(small, indent=1).encode())
        # The same small catalog as TOML, written by hand (no TOML writer in
        # the standard library): header and entries' scalar fields.
        cat.append(b"\x00" + small_toml(small).encode())

    # ffi: byte 0 = flags, 8 bytes of integer, then id 0xFF symbol 0xFF payload.
    ffi = []
    for c in decodes:
        p = payload(c)
        if p is None or len(p) > 512:
            continue
        sym = (c.get("expect") or {}).get("symbol") or "RATE_LIMITED"
        code = (c.get("expect") or {}).get("code") or 102
        ffi.append(b"\x00" + struct.pack("<q", code) + c["catalog"].encode() + b"\xff" + sym.encode() + b"\xff" + p)
        if len(ffi) >= 20:
            break
    for flags in (1, 2, 4, 8, 12):
        ffi.append(bytes([flags]) + struct.pack("<q", 102) + b"rtc\xffuserNotFound\xff{\"code\":102}")
    ffi.append(b"\x00" + struct.pack("<q", 203) + b"messenger\xffmessage too long\xff{\"major\":203,\"minor\":32,\"wait\":5}")
    ffi.append(b"\x00" + struct.pack("<q", 1) + b"sp\x00aces\xffRATE\x00LIMITED\xff{\"code\":\"A\\u0000B\",\"message\":\"x\\u0000y\"}")

    # response: byte 0 = catalog index, u16 status (below 0x8000: 100 + v % 500),
    # u32 clock, "name:value" header lines, NUL, body.
    resp = []
    for c in (c for d in docs for c in d.get("responses", [])):
        body = response_body(c)
        if body is None or c["catalog"] not in CATALOGS or not 100 <= c["status"] <= 599:
            continue
        head = "\n".join(f"{k}:{v}" for k, v in c.get("headers", [])).encode()
        resp.append(
            bytes([CATALOGS.index(c["catalog"])])
            + struct.pack("<HI", c["status"] - 100, c.get("now", 0))
            + head + b"\x00" + body
        )
    resp.append(b"\x00" + struct.pack("<HI", 0x8000 + 99, 0) + b"Retry-After:5\x00<html>")

    # l10n_import: byte 0 = format (0 xcstrings, 1 android, 2 xliff, 3 json;
    # | 4: a locale, fr, is given); the rest is a small translation file.
    key = "rtc.userNotFound.message"
    xcstrings = json.dumps({"sourceLanguage": "en", "version": "1.0", "strings": {key: {
        "localizations": {"en": {"stringUnit": {"state": "translated", "value": "User not found"}},
                          "fr": {"stringUnit": {"state": "translated", "value": "Utilisateur introuvable"}}}}}})
    android = ('<?xml version="1.0" encoding="utf-8"?>\n<resources xmlns:tools="http://schemas.android.com/tools" '
               'tools:locale="fr">\n    <!-- rtc.userNotFound.message -->\n'
               '    <string name="errcat_rtc_usernotfound_message">Utilisateur \\\'introuvable\\\'</string>\n</resources>\n')
    xliff = ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" '
             'srcLang="en" trgLang="fr">\n  <file id="rtc">\n    <unit id="' + key + '">\n      <segment>\n'
             '        <source>User not found</source>\n        <target>Utilisateur introuvable</target>\n'
             '      </segment>\n    </unit>\n  </file>\n</xliff>\n')
    flat = json.dumps({"@locale": "fr", "@catalog": "rtc", key: "Utilisateur introuvable"})
    l10n = []
    for i, doc in enumerate([xcstrings, android, xliff, flat]):
        l10n.append(bytes([i]) + doc.encode())
        l10n.append(bytes([i | 4]) + doc.encode())

    total = 0
    for target, seeds in [("decode", dec), ("lookup", look), ("load_catalog", cat), ("ffi", ffi), ("response", resp),
                          ("l10n_import", l10n)]:
        n = write(target, seeds)
        total += n
        print(f"fuzz/corpus/{target}: {n} seeds")
    assert total < 300, f"{total} seeds: keep the committed corpus under 300 files"
    print(f"total: {total}")


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)


def small_toml(data):
    lines = ["[catalog]"]
    for k, v in data["catalog"].items():
        lines.append(f"{k} = {toml_str(v)}")
    for c in data.get("category", []):
        lines.append("\n[[category]]")
        for k, v in c.items():
            lines.append(f"{k} = {toml_str(v) if isinstance(v, str) else v}")
    for e in data["entry"]:
        lines.append("\n[[entry]]")
        for k, v in e.items():
            if isinstance(v, bool):
                lines.append(f"{k} = {'true' if v else 'false'}")
            elif isinstance(v, (int, str)):
                lines.append(f"{k} = {toml_str(v) if isinstance(v, str) else v}")
            elif isinstance(v, list) and all(isinstance(x, str) for x in v):
                lines.append(f"{k} = [{', '.join(toml_str(x) for x in v)}]")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] == ["--out"] and len(sys.argv) == 3:
        CORPUS = os.path.abspath(sys.argv[2])
    elif sys.argv[1:]:
        sys.exit("usage: make_seeds.py [--out DIR]")
    main()
