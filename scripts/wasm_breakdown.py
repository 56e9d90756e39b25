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
    imports, bodies, names = 0, None, {}
    for sid, body in sections(data):
        if sid == 2:
            imports = imported_functions(body)
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
    for k in range(count):
        n, j = leb(bodies, i)
        total = (j - i) + n
        sizes.append((names.get(imports + k, f"<function {imports + k}>"), total))
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
