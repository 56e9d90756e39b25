#!/usr/bin/env python3
"""Appends "what the wasm code is made of" to the JS benchmark report.

    wasm_breakdown.py MODULE.wasm REPORT.md

MODULE is the module as wasm-bindgen wrote it, before wasm-opt (it still has
its name section). Every function body in the code section is counted under
the crate or module its name starts with; the table lists the largest
groups and functions. Every figure is read from MODULE: nothing is typed
in. Fails when the module has no code section or no function names.
"""
import collections
import re
import sys


def leb(b, i):
    """An unsigned LEB128 and the index after it. Signed immediates are only
    skipped here, and their bytes end the same way, so this reads past them too."""
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def sections(data):
    assert data[:4] == b"\0asm", "not a wasm module"
    i = 8
    while i < len(data):
        sid = data[i]
        n, i = leb(data, i + 1)
        yield sid, data[i:i + n]
        i += n


def imported_functions(body):
    count, i = leb(body, 0)
    funcs = 0
    for _ in range(count):
        for _ in range(2):  # module and field names
            n, i = leb(body, i)
            i += n
        kind = body[i]
        i += 1
        if kind == 0:
            _, i = leb(body, i)
            funcs += 1
        elif kind == 1:  # table: reftype, limits
            i += 1
            flag, i = leb(body, i + 0)
            _, i = leb(body, i)
            if flag & 1:
                _, i = leb(body, i)
        elif kind == 2:  # memory: limits
            flag, i = leb(body, i)
            _, i = leb(body, i)
            if flag & 1:
                _, i = leb(body, i)
        elif kind == 3:  # global: valtype, mut
            i += 2
        else:
            raise ValueError(f"import kind {kind}")
    return funcs


def function_names(body):
    names = {}
    i = 0
    while i < len(body):
        sub = body[i]
        n, i = leb(body, i + 1)
        end = i + n
        if sub == 1:
            count, j = leb(body, i)
            for _ in range(count):
                idx, j = leb(body, j)
                ln, j = leb(body, j)
                names[idx] = body[j:j + ln].decode("utf-8", "replace")
                j += ln
        i = end
    return names


VALTYPES = {0x40, 0x7F, 0x7E, 0x7D, 0x7C, 0x7B, 0x70, 0x6F}
# 0xFC sub-opcodes -> how many u32 immediates follow (memory/data ones take a
# 0x00 byte, which reads as a u32 too).
FC_IMMEDIATES = {8: 2, 9: 1, 10: 2, 11: 1, 12: 2, 13: 1, 14: 2, 15: 1, 16: 1, 17: 1}


def callees(code, i, end):
    """The functions an instruction sequence calls or takes a reference to
    (call, return_call, ref.func). Raises on an instruction it cannot read."""
    out = set()
    while i < end:
        op = code[i]
        i += 1
        if op in (0x02, 0x03, 0x04):
            if code[i] in VALTYPES:
                i += 1
            else:
                _, i = leb(code, i)
        elif op in (0x0C, 0x0D, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26):
            _, i = leb(code, i)
        elif op == 0x0E:
            n, i = leb(code, i)
            for _ in range(n + 1):
                _, i = leb(code, i)
        elif op in (0x10, 0x12, 0xD2):
            f, i = leb(code, i)
            out.add(f)
        elif op in (0x11, 0x13):
            _, i = leb(code, i)
            _, i = leb(code, i)
        elif op == 0x1C:
            n, i = leb(code, i)
            i += n
        elif 0x28 <= op <= 0x3E:
            _, i = leb(code, i)
            _, i = leb(code, i)
        elif op in (0x3F, 0x40):
            _, i = leb(code, i)
        elif op in (0x41, 0x42):
            _, i = leb(code, i)
        elif op == 0x43:
            i += 4
        elif op == 0x44:
            i += 8
        elif op == 0xD0:
            i += 1
        elif op == 0xFC:
            sub, i = leb(code, i)
            for _ in range(FC_IMMEDIATES.get(sub, 0)):
                _, i = leb(code, i)
        elif op in (0x00, 0x01, 0x05, 0x0B, 0x0F, 0x1A, 0x1B, 0xD1) or 0x45 <= op <= 0xC4:
            pass
        else:
            raise ValueError(f"opcode 0x{op:02x} at {i - 1}")
    return out


def body_callees(body):
    n, i = leb(body, 0)
    for _ in range(n):
        _, i = leb(body, i)
        i += 1
    return callees(body, i, len(body))


def element_functions(sec):
    """Every function an element segment puts in a table."""
    out = set()
    count, i = leb(sec, 0)
    for _ in range(count):
        flag, i = leb(sec, i)
        if flag & 2 and not flag & 1:
            _, i = leb(sec, i)  # table index
        if not flag & 1:
            i = const_expr_end(sec, i)  # offset
        if flag & 3:
            i += 1  # elemkind or reftype
        n, i = leb(sec, i)
        for _ in range(n):
            if flag & 4:
                j = const_expr_end(sec, i)
                out |= callees(sec, i, j)
                i = j
            else:
                f, i = leb(sec, i)
                out.add(f)
    return out


def const_expr_end(b, i):
    while True:
        op = b[i]
        if op == 0x0B:
            return i + 1
        if op in (0x41, 0x42):
            _, i = leb(b, i + 1)
        elif op in (0x23, 0xD2):
            _, i = leb(b, i + 1)
        elif op == 0xD0:
            i += 2
        else:
            raise ValueError(f"const expr opcode 0x{op:02x}")


def exported_functions(sec):
    out = {}
    count, i = leb(sec, 0)
    for _ in range(count):
        n, i = leb(sec, i)
        name = sec[i:i + n].decode()
        i += n
        kind = sec[i]
        idx, i = leb(sec, i + 1)
        if kind == 0:
            out[name] = idx
    return out


def reachable(roots, edges):
    seen, todo = set(), list(roots)
    while todo:
        f = todo.pop()
        if f not in seen:
            seen.add(f)
            todo.extend(edges.get(f, ()))
    return seen


# (group, regex on the function name); the first match wins.
GROUPS = [
    ("float formatting and parsing (`flt2dec`, `dec2flt`, bignum, zmij)", r"flt2dec|dec2flt|grisu|dragon|bignum|zmij|fmt::float"),
    ("`core::fmt` (formatting, Debug/Display)", r"core::fmt|<.* as core::fmt::"),
    ("panics", r"core::panicking|std::panicking|rust_panic|panic"),
    ("serde_json", r"serde_json"),
    ("serde (derive-generated visitors)", r"serde::|_serde::|<.*Visitor"),
    ("hashbrown / HashMap", r"hashbrown|HashMap"),
    ("phf (the built-in symbol maps)", r"phf|siphasher"),
    ("`errcat::schema` (user catalog files)", r"errcat::schema"),
    ("`errcat::l10n` (translations)", r"errcat::l10n"),
    ("`errcat::http`, httpdate (responses)", r"errcat::http|httpdate"),
    ("`errcat::decode`", r"errcat::decode"),
    ("`errcat::compact` (built-in catalogs)", r"errcat::compact"),
    ("other `errcat` core", r"errcat::"),
    ("`errcat_wasm` (the JS boundary)", r"errcat_wasm|wasm_bindgen|__wbg|__wbindgen"),
    ("the allocator", r"alloc::alloc|__rust_alloc|__rust_dealloc|__rust_realloc|dlmalloc|alloc_impl"),
    ("`alloc` collections (Vec, String, BTreeMap)", r"^(<.*>::)?alloc::|<alloc::|alloc::"),
    ("`core` str/slice/unicode", r"core::"),
    ("`std` (io, time)", r"std::"),
]


def plain(name):
    """The name without crate disambiguators (`core[c593…]`) or the hash suffix."""
    return re.sub(r"::h[0-9a-f]{16}$", "", re.sub(r"\[[0-9a-f]+\]", "", name))


def group_of(name):
    name = plain(name)
    for label, pat in GROUPS:
        if re.search(pat, name):
            return label
    return "other"


def main():
    module, report = sys.argv[1], sys.argv[2]
    data = open(module, "rb").read()
    imports, bodies, names, exports, table = 0, None, {}, {}, set()
    for sid, body in sections(data):
        if sid == 2:
            imports = imported_functions(body)
        elif sid == 7:
            exports = exported_functions(body)
        elif sid == 9:
            table = element_functions(body)
        elif sid == 10:
            bodies = body
        elif sid == 0:
            ln, j = leb(body, 0)
            if body[j:j + ln] == b"name":
                names = function_names(body[j + ln:])
    if bodies is None or not names:
        sys.exit(f"{module}: no code section or no function names")
    count, i = leb(bodies, 0)
    sizes = []
    edges = {}
    for k in range(count):
        n, j = leb(bodies, i)
        total = (j - i) + n
        sizes.append((names.get(imports + k, f"<function {imports + k}>"), total))
        edges[imports + k] = body_callees(bodies[j:j + n])
        i = j + n
    code = sum(s for _, s in sizes)
    by_group = collections.Counter()
    for name, s in sizes:
        by_group[group_of(name)] += s
    out = ["", "## What the code is made of (before wasm-opt)", "",
           f"Read by `scripts/wasm_breakdown.py` from this run's module as wasm-bindgen wrote it "
           f"(`target/js/build/errcat_wasm_bg.pre-opt.wasm`, with its name section): {count} functions, "
           f"{code:,} bytes of code. A function counts for the first group its name matches; "
           "generic code is named after the crate that instantiates it or the one that defines it, so the groups are approximate.",
           "", "| group | functions | bytes | share |", "|---|---:|---:|---:|"]
    nfun = collections.Counter(group_of(n) for n, _ in sizes)
    for label, s in by_group.most_common():
        out.append(f"| {label} | {nfun[label]} | {s:,} | {100 * s / code:.1f}% |")
    # What each export keeps alive: the code no longer reachable when that
    # export alone is removed (the functions of the indirect-call table count
    # as reachable always, since any call_indirect may reach them).
    size_of = {imports + k: s for k, (_, s) in enumerate(sizes)}
    everything = reachable(set(exports.values()) | table, edges)
    live = sum(size_of.get(f, 0) for f in everything)
    kept = []
    for name, f in exports.items():
        rest = reachable({g for n, g in exports.items() if n != name} | table, edges)
        alone = sum(size_of.get(g, 0) for g in reachable({f}, edges))
        kept.append((name, sum(size_of.get(g, 0) for g in everything - rest), alone))
    kept.sort(key=lambda x: -x[1])
    out += ["", f"What each export keeps alive: the bytes of code reachable from it and from no other export "
            f"(the {len(table)} functions of the indirect-call table count as always reachable). "
            f"Reachable from the {len(exports)} exports: {live:,} bytes.", "",
            "| export | bytes only it reaches | share of the code | bytes it reaches (with shared code) |",
            "|---|---:|---:|---:|"]
    for name, b, alone in kept[:12]:
        if b:
            out.append(f"| `{name}` | {b:,} | {100 * b / code:.1f}% | {alone:,} |")
    out += ["", "Largest functions:", "", "| function | bytes |", "|---|---:|"]
    for name, s in sorted(sizes, key=lambda x: -x[1])[:12]:
        short = plain(name)
        short = short if len(short) <= 110 else short[:107] + "..."
        out.append(f"| `{short.replace('|', '/')}` | {s:,} |")
    text = "\n".join(out) + "\n"
    print(text)
    with open(report, "a") as f:
        f.write(text)


if __name__ == "__main__":
    main()
