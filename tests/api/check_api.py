#!/usr/bin/env python3
"""Checks docs/api.md against the names each binding really exports.

docs/api.md holds one table per surface (`op`: module-level operations,
`entry`: a table row, `error`: a decoded or constructed error, `catalog`: a
catalog, `types`: the failure and value types). Each row is one concept;
each language's cell holds that language's name for it in backticks, or
`n/a: <reason>`. This script collects the real names of one binding and
fails when:

* a name in the language's column is not exported (table -> code), or
* an exported name of the op/entry/error/catalog surfaces is in no row
  (code -> table: a name added in one language must be added to the table,
  where every other language's cell must then hold its name or a reason), or
* a cell is empty, or an `n/a` has no reason.

On failure it prints the rows to add, ready to paste.

    check_api.py rust   --rustdoc-json target/doc/errcat.json
    check_api.py c      --header ffi/include/errcat.h
    check_api.py swift  --sources swift/Sources/Errcat
    check_api.py python --python PY      (a Python with errcat installed)
    check_api.py js     --package DIR    (the installed npm package)
    check_api.py kotlin --classes DIR    (compiled bindings; uses javap)
    check_api.py selftest                (plants mismatches; they must fail)

Ends with "api-<lang>: N passed, M failed" (scripts/lib.sh counts it).
"""
import json
import os
import re
import subprocess
import sys

LANGS = ["Rust", "Python", "JS", "Kotlin", "Swift", "C"]
SURFACES = ["op", "entry", "error", "catalog", "types"]
# Surfaces checked both ways; `types` is checked table -> code only (every
# language has many internal helper types that are not concepts).
BOTH_WAYS = {"op", "entry", "error", "catalog"}
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def parse_table(path):
    """{surface: [(concept, {lang: cell})]} from docs/api.md."""
    out = {s: [] for s in SURFACES}
    surface = None
    header = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^## .*\(`(\w+)`\)\s*$", line)
            if m:
                surface = m.group(1) if m.group(1) in SURFACES else None
                header = None
                continue
            if surface is None or not line.startswith("|"):
                continue
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if header is None:
                header = cells
                continue
            if set(cells[0]) <= set("-: "):
                continue
            row = dict(zip(header[1:], cells[1:]))
            out[surface].append((cells[0], row))
    return out


def cell_names(cell):
    """The backticked names of a cell, or None for an n/a cell."""
    if cell.startswith("n/a"):
        return None
    return re.findall(r"`([^`]+)`", cell)


def check(table, lang, exported, flat=False):
    """exported: {surface: set(names)}. Returns (passed, failures).

    flat: the language's names are unique across surfaces (C), so a name
    may sit in any section."""
    passed, failures = 0, []
    in_table = {s: set() for s in SURFACES}
    everything = set().union(*exported.values()) if exported else set()
    for surface, rows in table.items():
        for concept, row in rows:
            for lg in LANGS:
                cell = row.get(lg, "")
                if not cell:
                    failures.append(f"{surface} row '{concept}': the {lg} cell is empty")
                elif cell.startswith("n/a") and not re.match(r"n/a: \S", cell):
                    failures.append(f"{surface} row '{concept}': the {lg} cell says n/a without a reason")
            cell = row.get(lang, "")
            names = cell_names(cell)
            if names is None:
                continue
            if not names:
                failures.append(f"{surface} row '{concept}': the {lang} cell has no `name`")
            for n in names:
                in_table[surface].add(n)
                if n in (everything if flat else exported.get(surface, set())):
                    passed += 1
                else:
                    failures.append(f"{surface} row '{concept}': {lang} does not export `{n}`")
    missing = []
    if flat:
        named = set().union(*in_table.values())
        missing = [("?", n) for n in sorted(exported.get("op", set()) - named)]
    else:
        for surface in sorted(BOTH_WAYS):
            for n in sorted(exported.get(surface, set()) - in_table[surface]):
                missing.append((surface, n))
    for surface, n in missing:
        cells = " | ".join(f"`{n}`" if lg == lang else "?" for lg in LANGS)
        failures.append(f"{lang} exports {surface} `{n}`, which no row of docs/api.md names; add:\n"
                        f"    (section `{surface}`) | {n} | {cells} |")
    if not missing:
        passed += 1
    return passed, failures


# --- collectors: the real exported names of each binding --------------------


def rust_names(path):
    d = json.load(open(path, encoding="utf-8"))
    idx = d["index"]

    def item(i):
        return idx.get(str(i))

    out = {s: set() for s in SURFACES}
    root = item(d["root"])
    structs = {}
    for i in root["inner"]["module"]["items"]:
        it = item(i)
        if not it:
            continue
        kind, inner = next(iter(it["inner"].items()))
        name = it["name"]
        if kind == "use":
            name = inner["name"]
            target = item(inner["id"]) if inner.get("id") is not None else None
            if target is None:
                continue
            kind, inner = next(iter(target["inner"].items()))
            it = target
        elif it["visibility"] != "public":
            continue
        if kind == "function":
            out["op"].add(name)
        elif kind in ("struct", "enum"):
            out["types"].add(name)
            structs[name] = (kind, inner)

    def members(name):
        kind, inner = structs[name]
        names = set()
        if kind == "struct":
            plain = inner.get("kind", {}).get("plain", {})
            for fid in plain.get("fields", []):
                f = item(fid)
                if f and f["visibility"] == "public":
                    names.add(f["name"])
        for iid in inner.get("impls", []):
            imp = item(iid)
            if not imp or imp["inner"]["impl"].get("trait") is not None:
                continue
            for mid in imp["inner"]["impl"]["items"]:
                m = item(mid)
                if m and m["visibility"] == "public" and "function" in m["inner"]:
                    names.add(m["name"])
        return names

    for surface, ty in (("entry", "Entry"), ("error", "ApiError"), ("catalog", "Catalog")):
        if ty in structs:
            out[surface] = members(ty)
    return out


def c_names(header):
    text = open(header, encoding="utf-8").read()
    fns = set(re.findall(r"^[A-Za-z_][\w \*]*?\b(errcat_\w+)\(", text, flags=re.M))
    types = set(re.findall(r"^typedef (?:struct|enum) \w+ (\w+);", text, flags=re.M))
    types |= set(re.findall(r"^typedef \w+ (errcat_\w+);", text, flags=re.M))
    # `op` holds every function: check(flat=True) wants each in some row.
    return {"op": fns, "types": types}


SWIFT_DECL = re.compile(r"^\s*(?:@\w+(?:\([^)]*\))?\s+)*public\s+(?:static\s+|final\s+|override\s+)*"
                        r"(func|var|let|case|init)\s*([A-Za-z_]\w*)?")


def swift_block(text, header_re):
    m = re.search(header_re, text, flags=re.M)
    if not m:
        return ""
    i = text.index("{", m.end() - 1)
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return text[i + 1:j]
    return ""


def swift_members(block, static_only=False):
    names = set()
    depth = 0
    for line in block.splitlines():
        if depth == 0:
            m = SWIFT_DECL.match(line)
            if m and m.group(2) and (not static_only or "static" in line):
                names.add(m.group(2))
        depth += line.count("{") - line.count("}")
    return names


def swift_names(src_dir):
    text = ""
    for n in sorted(os.listdir(src_dir)):
        if n.endswith(".swift"):
            text += open(os.path.join(src_dir, n), encoding="utf-8").read() + "\n"
    out = {s: set() for s in SURFACES}
    out["op"] = swift_members(swift_block(text, r"^public enum Errcat\s*\{"), static_only=True)
    out["entry"] = swift_members(swift_block(text, r"^public struct EntryInfo\b[^{]*\{"))
    out["error"] = swift_members(swift_block(text, r"^public struct ErrorInfo\b[^{]*\{"))
    out["catalog"] = swift_members(swift_block(text, r"^public struct CatalogInfo\b[^{]*\{"))
    for surface in ("entry", "error", "catalog"):
        out[surface].discard("init")
    out["types"] = set(re.findall(r"^public (?:enum|struct|class|protocol) (\w+)", text, flags=re.M))
    return out


PY_DUMP = r"""
import inspect, json, errcat
def public(cls, base=()):
    skip = set()
    for b in base:
        skip |= set(dir(b))
    return sorted(n for n in dir(cls) if not n.startswith('_') and n not in skip)
ops = sorted(n for n in getattr(errcat, '__all__', dir(errcat))
             if not n.startswith('_') and callable(getattr(errcat, n)) and not inspect.isclass(getattr(errcat, n)))
types = sorted(n for n in dir(errcat) if inspect.isclass(getattr(errcat, n)))
print(json.dumps({'op': ops, 'entry': public(errcat.Entry), 'error': public(errcat.ErrcatError, (Exception,)),
                  'catalog': public(errcat.Catalog), 'types': types}))
"""

JS_DUMP = r"""
const m = await import(process.argv[1]);
const isClass = (f) => typeof f === 'function' && /^class\b/.test(Function.prototype.toString.call(f));
const ops = Object.keys(m).filter((k) => typeof m[k] === 'function' && !isClass(m[k]));
const types = Object.keys(m).filter((k) => isClass(m[k]));
const entry = Object.keys(m.lookup('rtc', 102));
const err = m.decode('rtc', '{"code":102}');
const errNames = new Set(Object.keys(err));
for (let p = Object.getPrototypeOf(err); p && p !== Error.prototype; p = Object.getPrototypeOf(p))
  for (const k of Object.getOwnPropertyNames(p)) if (k !== 'constructor') errNames.add(k);
const catalog = Object.keys(m.catalog('rtc'));
console.log(JSON.stringify({ op: ops, entry, error: [...errNames].filter((k) => k !== 'name' && k !== 'message' && k !== 'stack'), catalog, types }));
"""


def runtime_names(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    d = json.loads(out.strip().splitlines()[-1])
    return {s: set(d.get(s, [])) for s in SURFACES}


def kotlin_names(classes):
    def members(cls):
        out = subprocess.run(["javap", "-public", "-cp", classes, cls], check=True, capture_output=True, text=True).stdout
        names = set()
        # Kotlin mangles accessors of inline-class types (getHttpStatus-Mh2AYeg).
        for m in re.finditer(r"public (?:final |static |abstract )*[\w.<>\[\], ?$]+ ([\w$]+)(?:-[\w]+)?\(", out):
            n = m.group(1)
            # Data-class plumbing, UniFFI records' setters, constants.
            if re.match(r"^(component\d+|copy|equals|hashCode|toString|getINSTANCE|copy\$default|set[A-Z]\w*|get[A-Z0-9_]+)$", n):
                continue
            if n.startswith("get") and len(n) > 3:
                n = n[3].lower() + n[4:]
            names.add(n)
        return names

    out = {s: set() for s in SURFACES}
    out["op"] = members("errcat.Errcat")
    out["entry"] = members("errcat.EntryInfo")
    out["error"] = members("errcat.ErrorInfo")
    out["catalog"] = members("errcat.CatalogInfo")
    return out


def report(lang, passed, failures):
    for f in failures:
        print(f"FAIL: {f}")
    print(f"api-{lang.lower()}: {passed} passed, {len(failures)} failed")
    return 1 if failures else 0


def selftest(table_path):
    """Plants a name in a fake export and a fake row: both must fail."""
    table = parse_table(table_path)
    exported = {s: set() for s in SURFACES}
    for surface, rows in table.items():
        for _, row in rows:
            exported[surface] |= set(cell_names(row.get("Python", "")) or [])
    ok = 0
    p, f = check(table, "Python", exported)
    if f:
        print("selftest: the table does not agree with itself:", *f, sep="\n  ")
        return report("selftest", ok, ["baseline"])
    ok += 1
    planted = {s: set(v) for s, v in exported.items()}
    planted["op"].add("planted_extra_function")
    _, f = check(table, "Python", planted)
    if not any("planted_extra_function" in x for x in f):
        return report("selftest", ok, ["an exported name missing from the table passed"])
    ok += 1
    removed = {s: set(v) for s, v in exported.items()}
    victim = sorted(removed["op"])[0]
    removed["op"].discard(victim)
    _, f = check(table, "Python", removed)
    if not any(victim in x for x in f):
        return report("selftest", ok, ["a table name missing from the exports passed"])
    ok += 1
    bad = parse_table(table_path)
    concept, row = bad["op"][0]
    bad["op"][0] = (concept, dict(row, Kotlin="n/a"))
    _, f = check(bad, "Python", exported)
    if not any("without a reason" in x for x in f):
        return report("selftest", ok, ["an n/a cell without a reason passed"])
    ok += 1
    return report("selftest", ok, [])


def main(argv):
    import argparse

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("lang", choices=["rust", "c", "swift", "python", "js", "kotlin", "selftest"])
    ap.add_argument("--table", default=os.path.join(ROOT, "docs", "api.md"))
    ap.add_argument("--rustdoc-json")
    ap.add_argument("--header", default=os.path.join(ROOT, "ffi", "include", "errcat.h"))
    ap.add_argument("--sources", default=os.path.join(ROOT, "swift", "Sources", "Errcat"))
    ap.add_argument("--python")
    ap.add_argument("--package")
    ap.add_argument("--classes")
    ap.add_argument("--dump", action="store_true", help="print the collected names as JSON and stop")
    a = ap.parse_args(argv)
    if a.lang == "selftest":
        return selftest(a.table)
    if a.lang == "c":
        exported = c_names(a.header)
    elif a.lang == "rust":
        exported = rust_names(a.rustdoc_json)
    elif a.lang == "swift":
        exported = swift_names(a.sources)
    elif a.lang == "python":
        exported = runtime_names([a.python, "-c", PY_DUMP])
    elif a.lang == "js":
        # The package's Node entry ("exports" -> "node"): the same API as index.js.
        entry = os.path.join(os.path.abspath(a.package), "node.js")
        exported = runtime_names(["node", "--input-type=module", "-e", JS_DUMP, "file://" + entry])
    else:
        exported = kotlin_names(a.classes)
    if a.dump:
        print(json.dumps({k: sorted(v) for k, v in exported.items()}, indent=1))
        return 0
    table = parse_table(a.table)
    if a.lang == "c":
        return report("C", *check(table, "C", exported, flat=True))
    lang = {"rust": "Rust", "swift": "Swift", "python": "Python", "js": "JS", "kotlin": "Kotlin"}[a.lang]
    return report(lang, *check(table, lang, exported))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
