"""Checks of the generated Swift, for machines without a Swift compiler.

Reads the Swift package in swift/ and proves, against the table (an
`errcat export --format json`) and the core's NSError keys
(core/src/nserror.rs):

* the committed UniFFI output equals a fresh generation (--fresh DIR);
* every Swift file parses (tree-sitter-swift) without an error node;
* every entry of every catalog has its case in UniFFI's enum, and its
  errorDomain, errorCode and symbol in the NSError layer;
* UniFFI's errors bring no LocalizedError/CustomNSError of their own, and
  ours covers every error type;
* the userInfo keys are the core's constants;
* the README example and the XCTest suite use only names that exist.

Prints `swift: N passed, M failed` and exits non-zero on any failure.
"""

import argparse
import difflib
import json
import re
import sys
from pathlib import Path

import tree_sitter as ts
import tree_sitter_swift as tss

PARSER = ts.Parser(ts.Language(tss.language()))
PASSED = 0
FAILED = 0


class Mismatch(Exception):
    pass


def case(name, fn):
    global PASSED, FAILED
    try:
        fn()
        PASSED += 1
    except Mismatch as e:
        FAILED += 1
        print(f"FAIL {name}: {e}")
    except Exception as e:  # a crash of the check is a failure too
        FAILED += 1
        print(f"FAIL {name}: unexpected {type(e).__name__}: {e}")


def eq(what, expected, actual):
    if expected != actual:
        raise Mismatch(f"{what}: expected {expected!r}, got {actual!r}")


def ensure(what, ok):
    if not ok:
        raise Mismatch(what)


# ---------------------------------------------------------------------------
# Parsing

# tree-sitter-swift 0.7 does not know the `@_documentation(visibility:)`
# attribute UniFFI puts (inside `#if swift(>=5.8)`) before its helpers; it is
# blanked, keeping offsets, before parsing. Nothing else is excused.
GRAMMAR_GAPS = [re.compile(rb"@_documentation\(visibility: private\)")]


def parse(src: bytes):
    for gap in GRAMMAR_GAPS:
        src = gap.sub(lambda m: b" " * len(m.group(0)), src)
    return PARSER.parse(src)


def syntax_errors(src: bytes):
    tree = parse(src)
    out = []

    def walk(n):
        if n.type == "ERROR" or n.is_missing:
            line = n.start_point[0] + 1
            out.append(f"line {line}: {src[n.start_byte:n.end_byte][:80]!r}")
        for c in n.children:
            walk(c)

    walk(tree.root_node)
    return out


def text(n) -> str:
    return n.text.decode()


def children(n, type_):
    return [c for c in n.children if c.type == type_]


def decl_kind(n):
    """`enum`, `extension`, `struct`, `class` for a class_declaration node."""
    for c in n.children:
        if c.type in ("enum", "extension", "struct", "class", "actor"):
            return c.type
    return None


def decl_name(n):
    for c in n.children:
        if c.type in ("type_identifier", "user_type"):
            return text(c)
    return None


def inherits(n):
    return [text(c) for c in children(n, "inheritance_specifier")]


def top_decls(tree):
    return [c for c in tree.root_node.children if c.type == "class_declaration"]


def enum_cases(n):
    body = next(c for c in n.children if c.type == "enum_class_body")
    out = []
    for e in children(body, "enum_entry"):
        name = text(next(c for c in e.children if c.type == "simple_identifier"))
        params = next((c for c in e.children if c.type == "enum_type_parameters"), None)
        out.append((name, re.sub(r"\s+", "", text(params)) if params else ""))
    return out


def body_of(n):
    return next(c for c in n.children if c.type in ("class_body", "enum_class_body", "protocol_body"))


def properties(n):
    """name -> property_declaration node, for the members of a declaration."""
    out = {}
    for p in children(body_of(n), "property_declaration"):
        pat = next(c for c in p.children if c.type == "pattern")
        out.setdefault(text(pat), []).append(p)
    return out


def switch_entries(prop):
    """(case name, returned expression) of a computed property made of one switch."""
    sw = []

    def walk(n):
        if n.type == "switch_entry":
            sw.append(re.sub(r"\s+", " ", text(n)).strip())
        for c in n.children:
            walk(c)

    walk(prop)
    out = []
    for entry in sw:
        m = re.fullmatch(r"case \.(\w+)(?:\(let \w+\))?: return (.+)", entry)
        if not m:
            raise Mismatch(f"unexpected switch entry {entry!r}")
        out.append((m.group(1), m.group(2)))
    return out


def swift_literal(expr):
    """The value of a simple Swift string literal (the escapes swift.rs writes)."""
    m = re.fullmatch(r'"((?:[^"\\]|\\.|\\u\{[0-9a-f]+\})*)"', expr)
    if not m:
        raise Mismatch(f"not a string literal: {expr!r}")
    body = m.group(1)
    body = re.sub(r"\\u\{([0-9a-f]+)\}", lambda x: chr(int(x.group(1), 16)), body)
    return re.sub(r"\\(.)", lambda x: {"n": "\n", "r": "\r", "t": "\t"}.get(x.group(1), x.group(1)), body)


def computed_literal(prop):
    """The string literal a `{ "…" }` computed property returns."""
    cp = next(c for c in prop.children if c.type == "computed_property")
    stmts = next(c for c in cp.children if c.type == "statements")
    return swift_literal(text(stmts).strip())


# ---------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True, type=Path)
    ap.add_argument("--fresh", required=True, type=Path, help="a fresh bindings/generate.sh --swift-root")
    ap.add_argument("--table", required=True, type=Path, help="errcat export --format json")
    a = ap.parse_args()
    root: Path = a.root
    swift = root / "swift"
    table = json.loads(a.table.read_text())
    cats = table["catalogs"]

    # --- the committed UniFFI output is fresh --------------------------------
    for rel in ["Sources/Errcat/Errcat.swift", "Headers/ErrcatFFI.h", "Headers/module.modulemap"]:

        def fresh(rel=rel):
            committed = (swift / rel).read_text() if (swift / rel).exists() else ""
            new = (a.fresh / rel).read_text()
            if committed != new:
                diff = list(difflib.unified_diff(committed.splitlines(), new.splitlines(), "committed", "fresh", lineterm=""))
                raise Mismatch(
                    f"stale ({len(diff)} diff lines); run bindings/generate.sh and commit swift/\n  " + "\n  ".join(diff[:20])
                )

        case(f"fresh swift/{rel}", fresh)

    uniffi_src = (swift / "Sources/Errcat/Errcat.swift").read_bytes()
    layer_src = (swift / "Sources/Errcat/ErrcatNSError.swift").read_bytes()
    uniffi = parse(uniffi_src)
    layer = parse(layer_src)

    # --- every Swift file parses ---------------------------------------------
    readme_blocks = re.findall(r"```swift\n(.*?)```", (swift / "README.md").read_text(), re.S)
    sources = {str(p.relative_to(root)): p.read_bytes() for p in sorted(swift.rglob("*.swift")) if ".build" not in p.parts}
    for i, block in enumerate(readme_blocks):
        sources[f"swift/README.md swift block {i + 1}"] = block.encode()
    case("swift/ has the package files", lambda: ensure(
        f"files: {sorted(sources)}",
        {"swift/Package.swift", "swift/Sources/Errcat/Errcat.swift", "swift/Sources/Errcat/ErrcatNSError.swift"} <= set(sources),
    ))
    for name, src in sources.items():
        case(f"parses: {name}", lambda src=src: eq("syntax errors", [], syntax_errors(src)))

    enums = {decl_name(d): d for d in top_decls(uniffi) if decl_kind(d) == "enum"}
    uniffi_exts = [d for d in top_decls(uniffi) if decl_kind(d) == "extension"]
    layer_exts = {}
    for d in top_decls(layer):
        if decl_kind(d) == "extension":
            layer_exts.setdefault(decl_name(d), []).append(d)
    error_enums = sorted(n for n, d in enums.items() if "Swift.Error" in inherits(d))

    # --- UniFFI's errors have no NSError layer of their own; ours covers all --
    def no_uniffi_nserror():
        for n in error_enums:
            bad = [i for i in inherits(enums[n]) if "LocalizedError" in i or "CustomNSError" in i]
            ensure(f"{n} conforms to {bad} in UniFFI's output (uniffi.toml omit_localized_error_conformance?)", not bad)
            ensure(f"{n} has errorDescription in UniFFI's output", "errorDescription" not in properties(enums[n]))
        for x in uniffi_exts:
            bad = [i for i in inherits(x) if "LocalizedError" in i or "CustomNSError" in i]
            ensure(f"UniFFI extension of {decl_name(x)} adds {bad}", not bad)

    case("UniFFI errors have no LocalizedError/CustomNSError of their own", no_uniffi_nserror)

    protocols = {text(next(c for c in p.children if c.type == "type_identifier")): p
                 for p in layer.root_node.children if p.type == "protocol_declaration"}
    case("ErrcatError refines CustomNSError and LocalizedError", lambda: eq(
        "inherits", ["CustomNSError", "LocalizedError"], inherits(protocols["ErrcatError"])))

    def every_error_is_localized():
        for n in error_enums:
            exts = layer_exts.get(n, [])
            ensure(f"{n}: no extension in ErrcatNSError.swift", exts)
            conf = [i for x in exts for i in inherits(x)]
            ensure(f"{n}: conforms to {conf}", "LocalizedError" in conf or "ErrcatError" in conf)
            props = {k for x in exts for k in properties(x)}
            ensure(f"{n}: no errorDescription", "errorDescription" in props)

    case("every UniFFI error type is a LocalizedError with real text", every_error_is_localized)

    # --- the failures' reasons are the vectors' ------------------------------
    vector_reasons = {"lookups": set(), "decodes": set()}
    for f in sorted((root / "tests/vectors").glob("*.json")):
        doc = json.loads(f.read_text())
        for part in vector_reasons:
            for c in doc.get(part, []):
                if "expect_error" in c:
                    vector_reasons[part].add(c["expect_error"])
    for ty, part in [("DecodeError", "decodes"), ("LookupError", "lookups")]:

        def reasons(ty=ty, part=part):
            (x,) = layer_exts[ty]
            entries = switch_entries(properties(x)["reason"][0])
            eq(f"{ty}.reason cases", sorted(c for c, _ in enum_cases(enums[ty])), sorted(c for c, _ in entries))
            got = {swift_literal(v) for _, v in entries}
            ensure(f"{ty}: vector reasons {sorted(vector_reasons[part] - got)} have no case", vector_reasons[part] <= got)
            msg = switch_entries(properties(x)["message"][0])
            eq(f"{ty}.message cases", sorted(c for c, _ in enum_cases(enums[ty])), sorted(c for c, _ in msg))

        case(f"{ty}.reason covers every case and every vector reason", reasons)

    # --- userInfo keys are the core's ----------------------------------------
    core_keys = dict(re.findall(r'pub const (KEY_\w+): &str = "([^"]+)";', (root / "core/src/nserror.rs").read_text()))

    def keys():
        ensure("no KEY_* constants found in core/src/nserror.rs", core_keys)
        (enum,) = [d for d in top_decls(layer) if decl_kind(d) == "enum" and decl_name(d) == "ErrcatUserInfoKey"]
        swift_keys = {}
        for name, (p,) in properties(enum).items():
            m = re.search(r'= (".*")\s*$', text(p))
            swift_keys[name] = swift_literal(m.group(1))
        eq("userInfo key values", sorted(core_keys.values()), sorted(swift_keys.values()))
        # Foundation's constants have these values (Apple SDK).
        eq("NSLocalizedDescriptionKey", "NSLocalizedDescription", swift_keys["localizedDescription"])
        eq("NSLocalizedFailureReasonErrorKey", "NSLocalizedFailureReason", swift_keys["failureReason"])
        eq("NSLocalizedRecoverySuggestionErrorKey", "NSLocalizedRecoverySuggestion", swift_keys["recoverySuggestion"])

    case("ErrcatUserInfoKey values are core/src/nserror.rs KEY_* constants", keys)

    def user_info_values():
        (x,) = layer_exts["UserInfoValue"]
        cases = [c for c, _ in switch_entries(properties(x)["foundationValue"][0])]
        eq("foundationValue cases", sorted(c for c, _ in enum_cases(enums["UserInfoValue"])), sorted(cases))

    case("every UserInfoValue case maps to a Foundation value", user_info_values)

    # --- every call into Rust throws: UniFFI's Swift calls a non-throwing
    # function with `try!`, which would turn a caught Rust panic into a crash.
    def every_call_throws():
        bad = []

        def walk(n, owner):
            if n.type == "class_declaration":
                owner = decl_name(n)
            if n.type == "function_declaration":
                name = text(next(c for c in n.children if c.type == "simple_identifier"))
                mods = next((c for c in n.children if c.type == "modifiers"), None)
                public = mods is not None and re.search(r"\b(public|open)\b", text(mods))
                helper = name.startswith(("FfiConverter", "uniffi")) or (owner or "").startswith("FfiConverter")
                if public and not helper:
                    signature = text(n).split("{", 1)[0]
                    if "throws" not in signature:
                        bad.append(f"{owner + '.' if owner else ''}{name}")
            for c in n.children:
                walk(c, owner)

        walk(uniffi.root_node, None)
        eq("public functions that do not throw", [], bad)

    case("every public UniFFI function throws (no try! around a Rust call)", every_call_throws)

    # --- package structure ----------------------------------------------------
    def package():
        pkg = (swift / "Package.swift").read_text()
        ensure("binary target ErrcatFFI", re.search(r'\.binaryTarget\(name: "ErrcatFFI", path: "ErrcatFFI\.xcframework"\)', pkg))
        ensure("target Errcat", re.search(r'\.target\(name: "Errcat", dependencies: \["ErrcatFFI"\], path: "Sources/Errcat"\)', pkg))
        ensure("product Errcat", re.search(r'\.library\(name: "Errcat", targets: \["Errcat"\]\)', pkg))
        mm = (swift / "Headers/module.modulemap").read_text()
        ensure("module ErrcatFFI with ErrcatFFI.h", re.search(r'module ErrcatFFI \{\s*header "ErrcatFFI\.h"', mm))
        ensure("Errcat.swift imports ErrcatFFI", b"import ErrcatFFI" in uniffi_src)

    case("Package.swift, module map and import agree", package)

    # --- every entry of every catalog ----------------------------------------
    decode_error_fn = next(
        (f for f in layer.root_node.children if f.type == "function_declaration" and b"func decodeError(" in f.text), None
    )
    errcat_error_fn = next(
        (f for f in layer.root_node.children if f.type == "function_declaration" and b"func errcatError(" in f.text), None
    )
    ensure_all = []
    for cat in cats:
        cid = cat["id"]
        ty = cid[0].upper() + cid[1:] + "Error"
        entries = cat["entries"]
        expected_cases = [e["type_name"] for e in entries] + ["UnknownCode"]
        state = {}

        def catalog_level(cid=cid, ty=ty, cat=cat, expected_cases=expected_cases, state=state):
            ensure(f"UniFFI enum {ty} missing", ty in enums)
            cases = enum_cases(enums[ty])
            eq(f"{ty} cases", expected_cases, [c for c, _ in cases])
            bad = [c for c, p in cases if p != "(info:ErrorInfo)"]
            eq(f"{ty} cases without (info: ErrorInfo)", [], bad)
            exts = [x for x in layer_exts.get(ty, []) if "ErrcatError" in inherits(x)]
            eq(f"extension {ty}: ErrcatError count", 1, len(exts))
            props = properties(exts[0])
            for p in ["errorDomain", "errorCode", "errorUserInfo", "errorDescription", "failureReason", "recoverySuggestion", "info", "symbol"]:
                ensure(f"{ty}.{p} missing", p in props)
            eq(f"{ty}.errorDomain", cat["domain"], computed_literal(props["errorDomain"][0]))
            eq(f"{ty}.catalogId", cid, computed_literal(props["catalogId"][0]))
            ensure(f"{ty}.errorDomain is static", "static" in text(props["errorDomain"][0]))
            for p in ["errorUserInfo", "errorDescription", "failureReason", "recoverySuggestion"]:
                ensure(f"{ty}.{p} comes from info.nsError", "info.nsError." in text(props[p][0]))
            state["code"] = dict(switch_entries(props["errorCode"][0]))
            state["symbol"] = dict(switch_entries(props["symbol"][0]))
            info = dict(switch_entries(props["info"][0]))
            eq(f"{ty}.errorCode cases", sorted(expected_cases), sorted(state["code"]))
            eq(f"{ty}.symbol cases", sorted(expected_cases), sorted(state["symbol"]))
            eq(f"{ty}.info cases", sorted(expected_cases), sorted(info))
            ensure(f"{ty}.info returns the payload", set(info.values()) == {"info"})
            eq(f"{ty}.UnknownCode code", "Int(clamping: info.nsError.code)", state["code"]["UnknownCode"])
            eq(f"{ty}.UnknownCode symbol", "info.symbol", state["symbol"]["UnknownCode"])
            cap = cid[0].upper() + cid[1:]
            ensure(f"Errcat.swift has decode{cap}(payload:) -> {ty}",
                   re.search(rf"public func decode{cap}\(payload: Data\)\s*throws\s*->\s*{ty}\b".encode(), uniffi_src))
            ensure(f"Errcat.swift has {cid}Error(query:) -> {ty}",
                   re.search(rf"public func {cid}Error\(query: String\)\s*throws\s*->\s*{ty}\b".encode(), uniffi_src))
            ensure(f"decodeError covers {cid}",
                   f'case "{cid}": return try decode{cap}(payload: payload)' in text(decode_error_fn))
            ensure(f"errcatError covers {cid}", f'case "{cid}": return try {cid}Error(query: query)' in text(errcat_error_fn))

        case(f"{cid}: typed error, NSError layer, domain {cat['domain']}", catalog_level)
        for e in entries:

            def entry(e=e, state=state, ty=ty):
                ensure("catalog-level check failed", "code" in state)
                tn = e["type_name"]
                eq(f"{ty}.{tn} errorCode", str(e["code"]), state["code"].get(tn))
                eq(f"{ty}.{tn} symbol", e["symbol"], swift_literal(state["symbol"].get(tn, '""')))

            case(f"{cid} {e['symbol']} ({e['code']})", entry)
            ensure_all.append(e)

    # --- the README example and the XCTest suite use names that exist --------
    known = set(re.findall(rb"[A-Za-z_][A-Za-z0-9_]*", uniffi_src + layer_src))
    # Swift, Foundation and XCTest names the examples and tests use.
    platform = set(
        b"import Foundation XCTest Errcat func throws throw try do catch let var if else for in while guard return "
        b"continue nil true false as is any self final class private static case switch default "
        b"Data String Int UInt8 URL NSError NSDictionary FileManager JSONSerialization print error "
        b"XCTestCase XCTAssertEqual XCTAssertFalse XCTAssertTrue XCTAssertThrowsError XCTUnwrap "
        b"fileURLWithPath filePath deletingLastPathComponent appendingPathComponent contentsOfDirectory atPath path "
        b"filter hasSuffix sorted isEmpty contentsOf jsonObject with utf8 startIndex endIndex index offsetBy radix "
        b"append repeating count localizedDescription domain code userInfo dictionary"
        .split()
    )

    def names_exist(src: bytes):
        tree = parse(src)
        ids = set()
        declared = set()

        def walk(n):
            if n.type in ("simple_identifier", "type_identifier"):
                ids.add(n.text)
            if n.type in ("function_declaration", "class_declaration", "property_declaration", "parameter"):
                for c in n.children:
                    if c.type in ("simple_identifier", "type_identifier"):
                        declared.add(c.text)
            if n.type in ("pattern", "value_binding_pattern"):
                for c in n.children:
                    if c.type == "simple_identifier":
                        declared.add(c.text)
            for c in n.children:
                walk(c)

        walk(tree.root_node)
        # Local names (`let ns = …`, `for file in …`) are declared by the code itself.
        local = set(re.findall(rb"\b(?:let|var|for|func)\s+([A-Za-z_]\w*)", src))
        closure_args = {i for i in ids if re.fullmatch(rb"\$\d+", i)}
        missing = sorted(i.decode() for i in ids - known - platform - declared - local - closure_args)
        eq("names not in the generated API", [], missing)

    for i, block in enumerate(readme_blocks):
        case(f"README swift block {i + 1} uses existing API", lambda b=block.encode(): names_exist(b))
    for p in sorted((swift / "Tests").rglob("*.swift")):
        case(f"{p.relative_to(root)} uses existing API", lambda p=p: names_exist(p.read_bytes()))

    total_entries = sum(len(c["entries"]) for c in cats)
    print(f"{len(cats)} catalogs, {total_entries} entries, {len(sources)} Swift sources checked")
    print(f"swift: {PASSED} passed, {FAILED} failed")
    sys.exit(1 if FAILED or not PASSED else 0)


if __name__ == "__main__":
    main()
