"""Benchmark of the Python binding, every number a ratio against a baseline
measured in the same run:

* `errcat.lookup` against `http.HTTPStatus(404)` and a plain `dict.get`;
* `errcat.decode` against `json.loads` plus a dict lookup of the code;
* `import errcat` against a bare interpreter (`python -c pass`), with
  `import enum` and the first use of a catalog beside it.

    python tests/python/bench_python.py            # full run, prints a table
    python tests/python/bench_python.py --quick    # a few seconds (the test script)
    python tests/python/bench_python.py --report reports/bench-python.md

Timing: timeit, the best of several repeats (the least disturbed run), with
subject and baseline interleaved so drift hits both. Import times: the
median of fresh interpreters, the commands interleaved.
"""

import argparse
import ast
import ctypes
import datetime
import http
import json
import os
import platform
import statistics
import subprocess
import sys
import timeit

import errcat

IMPORT_TARGET_MS = 3.0  # issue 17: `import errcat` adds at most 3 ms
LOOKUP_TARGET = "<= 1.5"  # issue 17: lookup by code / dict.get


def per_call(stmt, env, repeats, target_s):
    t = timeit.Timer(stmt, globals=env)
    number, _ = t.autorange()
    number = max(1, int(number * target_s / 0.2))
    return min(t.repeat(repeat=repeats, number=number)) / number


def compare(pairs, env, repeats, target_s):
    """Best per-call time of each statement, measured round-robin."""
    best = {stmt: float("inf") for stmt in pairs}
    for _ in range(repeats):
        for stmt in pairs:
            best[stmt] = min(best[stmt], per_call(stmt, env, 1, target_s))
    return best


# The import rows: each a command run in fresh interpreters, interleaved
# with the others so drift hits all; the first is the baseline.
DECODE_FIRST = "errcat.decode('spaces', b'{\"error\":{\"code\":\"RATE_LIMITED\"}}')"
IMPORTS = [
    ("python -c pass", "pass"),
    ("import errcat", "import errcat"),
    # For scale: a stdlib module errcat needs for its enums (errcat.Kind,
    # each catalog's Code), which it builds on first use.
    ("import enum", "import enum"),
    # Where the work deferred at import goes: the first use of a catalog.
    ("import errcat + first lookup", "import errcat; errcat.lookup('spaces', 42901)"),
    ("import errcat + first decode", "import errcat; " + DECODE_FIRST),
]


def run_timed(exe, code, env):
    """Wall time of one fresh interpreter, and its CPU time (user + sys, from
    wait4; None where there is no wait4)."""
    t0 = timeit.default_timer()
    if hasattr(os, "wait4") and hasattr(os, "posix_spawn"):
        pid = os.posix_spawn(exe, [exe, "-c", code], env)
        _, status, usage = os.wait4(pid, 0)
        wall = timeit.default_timer() - t0
        if status != 0:
            raise RuntimeError(f"{exe} -c {code!r} failed (status {status})")
        return wall, usage.ru_utime + usage.ru_stime
    subprocess.run([exe, "-c", code], check=True, env=env)
    return timeit.default_timer() - t0, None


def import_times(runs):
    """{label: (median wall s, median CPU s or None)} over `runs` fresh
    interpreters of each command of IMPORTS, interleaved."""
    exe = sys.executable
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="")
    for _, code in IMPORTS:  # warm the OS cache and the bytecode cache
        for _ in range(2):
            run_timed(exe, code, env)
    wall = {label: [] for label, _ in IMPORTS}
    cpu = {label: [] for label, _ in IMPORTS}
    for _ in range(runs):
        for label, code in IMPORTS:
            w, c = run_timed(exe, code, env)
            wall[label].append(w)
            if c is not None:
                cpu[label].append(c)
    return {
        label: (statistics.median(wall[label]), statistics.median(cpu[label]) if cpu[label] else None)
        for label, _ in IMPORTS
    }


def importtime_breakdown(runs):
    """From `-X importtime` in `runs` fresh interpreters: the median own time
    (µs) of every module `import errcat` imports, in import order, and the
    median cumulative time of `errcat`."""
    own, order, total = {}, [], []
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="")
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import errcat"],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        rows = []
        for line in out.stderr.splitlines():
            parts = line.split("|")
            if len(parts) == 3 and parts[0].startswith("import time:") and parts[1].strip().isdigit():
                rows.append((parts[2].rstrip(), int(parts[0].split(":")[1]), int(parts[1])))
        # `errcat` is the last top-level line; the indented lines just
        # before it are what it imported.
        end = max(i for i, r in enumerate(rows) if r[0].strip() == "errcat")
        start = end
        while start > 0 and rows[start - 1][0].startswith("  "):
            start -= 1
        for name, us, _ in rows[start : end + 1]:
            name = name.strip()
            if name not in own:
                own[name] = []
                order.append(name)
            own[name].append(us)
        total.append(rows[end][2])
    return [(n, statistics.median(own[n]), len(own[n])) for n in order], statistics.median(total)


def fresh_state():
    """What a fresh interpreter holds after `import errcat`, and after its
    first lookup: {errcat modules, enum imported, module __getattr__, names
    in dir(errcat) but not yet bound}, twice."""
    code = (
        "import sys, errcat\n"
        "def state():\n"
        "    return {'mods': sorted(m for m in sys.modules if m.startswith('errcat')),"
        " 'enum': 'enum' in sys.modules, 'getattr': '__getattr__' in vars(errcat),"
        " 'lazy': sorted(set(dir(errcat)) - set(vars(errcat)))}\n"
        "a = state()\n"
        "errcat.lookup('spaces', 42901)\n"
        "print(repr((a, state())))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return ast.literal_eval(out.stdout.strip())


def dlopen_time(runs):
    """Median time to dlopen the extension's file alone in a fresh
    interpreter, and the shared objects that maps (from /proc/self/maps);
    None off Linux."""
    if not os.path.exists("/proc/self/maps"):
        return None
    code = (
        "import ctypes, sys, time\n"
        "def libs():\n"
        "    return {l.split()[-1] for l in open('/proc/self/maps') if '.so' in l.split()[-1]}\n"
        "before = libs()\n"
        "t0 = time.perf_counter(); ctypes.CDLL(sys.argv[1]); t = time.perf_counter() - t0\n"
        "print(repr((t, sorted(p.rsplit('/', 1)[-1] for p in libs() - before))))"
    )
    times, new = [], None
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code, errcat._native.__file__], capture_output=True, text=True, check=True
        )
        t, new = ast.literal_eval(out.stdout.strip())
        times.append(t)
    return statistics.median(times), new


def method_flags(f):
    """ml_flags of a builtin function's PyMethodDef, read from the object
    (CPython layout: PyObject_HEAD, then m_ml; PyMethodDef: name, meth, flags),
    or None when the layout does not check out (the name must match)."""
    if type(f).__name__ != "builtin_function_or_method" or platform.python_implementation() != "CPython":
        return None
    try:
        head = ctypes.sizeof(ctypes.c_ssize_t) + ctypes.sizeof(ctypes.c_void_p)
        ml = ctypes.c_void_p.from_address(id(f) + head).value
        name = ctypes.c_char_p.from_address(ml).value
        if name is None or name.decode() != f.__name__:
            return None
        return ctypes.c_int.from_address(ml + 2 * ctypes.sizeof(ctypes.c_void_p)).value
    except (ValueError, OSError, UnicodeDecodeError):
        return None


def flags_text(flags):
    names = {0x1: "METH_VARARGS", 0x2: "METH_KEYWORDS", 0x4: "METH_NOARGS", 0x8: "METH_O", 0x80: "METH_FASTCALL"}
    return " | ".join(n for bit, n in names.items() if flags & bit) or hex(flags)


def met(ratio, target):
    op, bound = target.split()
    return {"<": ratio < float(bound), "<=": ratio <= float(bound)}[op]


def ms(seconds):
    return f"{seconds * 1e3:.1f} ms"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer, shorter repeats")
    ap.add_argument("--report", help="write the Markdown report here")
    args = ap.parse_args()
    repeats, target_s, import_runs, importtime_runs = (3, 0.05, 10, 5) if args.quick else (9, 0.2, 60, 20)

    spaces = errcat.catalog("spaces")
    by_code = {e.code: e for e in spaces.entries}
    by_symbol = {e.symbol: e for e in spaces.entries}
    envelope = b'{"error":{"code":"RATE_LIMITED","message":"Slow down","retry_after_ms":1500,"missing_permission":null}}'
    messenger = b'{"major":203,"minor":32,"message":"too long"}'
    messenger_by_code = {e.code: e for e in errcat.catalog("messenger").entries}
    env = {
        "errcat": errcat,
        "HTTPStatus": http.HTTPStatus,
        "json": json,
        "by_code": by_code,
        "by_symbol": by_symbol,
        "messenger_by_code": messenger_by_code,
        "envelope": envelope,
        "messenger": messenger,
    }
    # Sanity: each statement does what its name says.
    assert errcat.lookup("spaces", 42901) is by_code.get(42901)
    assert errcat.lookup("spaces", "RATE_LIMITED") is by_symbol.get("RATE_LIMITED")
    assert errcat.decode("spaces", envelope).entry is by_symbol.get(json.loads(envelope)["error"]["code"])

    rows = []

    load_before = os.getloadavg()[0]
    lookups = [
        "errcat.lookup('spaces', 42901)",
        "errcat.lookup('spaces', 'RATE_LIMITED')",
        "HTTPStatus(404)",
        "by_code.get(42901)",
        "by_symbol.get('RATE_LIMITED')",
        "errcat.lookup('spaces', 'rate-limited')",
        "errcat.catalog('spaces')",
    ]
    t = compare(lookups, env, repeats, target_s)
    rows.append(("lookup by code", t[lookups[0]], "HTTPStatus(404)", t[lookups[2]], "< 1.0"))
    rows.append(("lookup by code", t[lookups[0]], "dict.get(code)", t[lookups[3]], LOOKUP_TARGET))
    rows.append(("lookup by symbol", t[lookups[1]], "dict.get(symbol)", t[lookups[4]], LOOKUP_TARGET))
    # Not a target: a forgiving spelling goes through the core.
    rows.append(("lookup 'rate-limited' (forgiving)", t[lookups[5]], "dict.get(symbol)", t[lookups[4]], None))
    # Not a target: what one call of an ordinary pyo3 function costs (it returns a cached object).
    rows.append(("pyo3 function: catalog('spaces')", t[lookups[6]], "dict.get(code)", t[lookups[3]], None))
    pyo3_call = t[lookups[6]] / t[lookups[3]]

    decodes = [
        "errcat.decode('spaces', envelope)",
        "by_symbol.get(json.loads(envelope)['error']['code'])",
        "errcat.decode('messenger', messenger)",
        "messenger_by_code.get(json.loads(messenger)['major'])",
    ]
    t = compare(decodes, env, repeats, target_s)
    rows.append(("decode spaces envelope", t[decodes[0]], "json.loads + dict.get", t[decodes[1]], "<= 1.0"))
    rows.append(("decode messenger major/minor", t[decodes[2]], "json.loads + dict.get", t[decodes[3]], "<= 1.0"))

    # Facts the report states, taken from this interpreter.
    lookup_flags = method_flags(errcat.lookup)
    catalog_flags = method_flags(errcat.catalog)
    same_entry = errcat.lookup("spaces", 42901) is errcat.lookup("spaces", "42901") is errcat.lookup("spaces", "RATE_LIMITED")
    decoded = errcat.decode("spaces", envelope)

    imports = import_times(import_runs)
    breakdown, errcat_cumulative_us = importtime_breakdown(importtime_runs)
    dl = dlopen_time(importtime_runs)
    at_import, after_lookup = fresh_state()
    load_after = os.getloadavg()[0]

    bare_wall, bare_cpu = imports["python -c pass"]
    imp_wall, imp_cpu = imports["import errcat"]
    added = imp_wall - bare_wall
    added_cpu = imp_cpu - bare_cpu if imp_cpu is not None and bare_cpu is not None else None
    import_met = added * 1e3 <= IMPORT_TARGET_MS

    print(f"{'measure':34} {'errcat':>10} {'baseline':>24} {'base':>10} {'ratio':>7}  target")
    for name, a, bname, b, target in rows:
        ratio = a / b
        verdict = f"{target} {'ok' if met(ratio, target) else 'MISSED'}" if target else "(no target)"
        print(f"{name:34} {a * 1e9:8.0f}ns {bname:>24} {b * 1e9:8.0f}ns {ratio:7.2f}  {verdict}")
    for label, _ in IMPORTS:
        w, c = imports[label]
        cpu = f", CPU {c * 1e3:6.1f} ms (+{(c - bare_cpu) * 1e3:.1f})" if c is not None and bare_cpu is not None else ""
        print(f"{label:34} wall {w * 1e3:6.1f} ms (+{(w - bare_wall) * 1e3:.1f}){cpu}")
    print(
        f"import errcat adds {added * 1e3:.1f} ms (median wall, {import_runs} interpreters): target "
        f"<= +{IMPORT_TARGET_MS:g} ms {'ok' if import_met else 'MISSED'}; -X importtime: "
        + ", ".join(f"{n} {us / 1000:.2f}" for n, us, _ in breakdown)
        + f" ms (errcat cumulative {errcat_cumulative_us / 1000:.2f} ms); load {load_before:.1f} -> {load_after:.1f}"
    )

    if not args.report:
        return
    lines = [
        "# Python binding benchmark",
        "",
        "Written by `tests/python/bench_python.py --report` (run by `scripts/test-python.sh --bench`",
        "or with `ERRCAT_WRITE_BENCH=1`). Every number is a ratio against a baseline measured in the",
        "same run, in the same interpreter: best of "
        f"{repeats} interleaved timeit repeats; import times are medians of {import_runs} fresh",
        "interpreters of each command, the commands interleaved.",
        "",
        f"Run: {datetime.date.today().isoformat()}, CPython {platform.python_version()} on "
        f"{platform.machine()} ({os.cpu_count()} cores), errcat {errcat.__version__} "
        f"(extension `{os.path.basename(errcat._native.__file__)}`);",
        f"load average {load_before:.1f} at the start, {load_after:.1f} at the end "
        "(other builds may share the machine: absolute times are noisy, ratios less so).",
        "",
        "| measure | errcat | baseline | baseline time | ratio | target | met |",
        "|---|---:|---|---:|---:|---|---|",
    ]
    for name, a, bname, b, target in rows:
        ratio = a / b
        ok = ("yes" if met(ratio, target) else "NO") if target else "-"
        lines.append(
            f"| {name} | {a * 1e9:.0f} ns | `{bname}` | {b * 1e9:.0f} ns | {ratio:.2f} | {target or '-'} | {ok} |"
        )
    lines.append(
        f"| `import errcat` (median wall) | {ms(imp_wall)} | `python -c pass` | {ms(bare_wall)} | "
        f"+{added * 1e3:.1f} ms | <= +{IMPORT_TARGET_MS:g} ms | {'yes' if import_met else 'NO'} |"
    )
    lines += [
        "",
        "Statements: `errcat.lookup('spaces', 42901)` / `errcat.lookup('spaces', 'RATE_LIMITED')`",
        "against `HTTPStatus(404)` and `dict.get` on a plain dict of the same Entry objects;",
        "`errcat.decode('spaces', <envelope bytes>)` against",
        "`by_symbol.get(json.loads(<envelope>)['error']['code'])` (the messenger row: `{\"major\":203,\"minor\":32,...}`).",
        f"The decode result is a `{type(decoded).__module__}.{type(decoded).__qualname__}` "
        f"({'an exception' if isinstance(decoded, BaseException) else 'NOT an exception'}, "
        f"retry_after_ms={getattr(decoded, 'retry_after_ms', None)});",
        "the baseline only finds the row.",
        "",
        "How the lookup gets there, as observed in this run:",
        "",
        "* `lookup` by int code, code string and symbol returns "
        + ("the same cached Entry object." if same_entry else "DIFFERENT objects (not one cached Entry)."),
    ]
    if lookup_flags is not None and catalog_flags is not None:
        lines += [
            f"* `errcat.lookup` is registered as `{flags_text(lookup_flags)}`; an ordinary pyo3 function"
            f" such as `errcat.catalog` as `{flags_text(catalog_flags)}`.",
            f"  One `errcat.catalog('spaces')` call, which returns a cached object, costs {pyo3_call:.2f}x a `dict.get`",
            "  (row above): the call overhead that the raw function in python/src/fast.rs avoids.",
        ]
    else:
        lines.append("* (This interpreter's function objects could not be inspected; calling conventions not reported.)")
    lines.append("* A spelling that is not an exact key ('rate-limited') takes the slower path of the forgiving row.")
    lines.append(
        "* In a fresh interpreter, after the first lookup errcat "
        + (
            "has no module `__getattr__` left, so `errcat.lookup` is a plain module attribute"
            " (CPython 3.11+ specializes the load; it does not for a module with a `__getattr__`)."
            if not after_lookup["getattr"]
            else "STILL has a module `__getattr__`: CPython 3.11+ does not specialize `errcat.lookup` loads."
        )
    )

    # The import: its rows, where the time goes, the verdict.
    lines += [
        "",
        "## `import errcat`",
        "",
        f"Fresh interpreters of this Python (`python -c <command>`), {import_runs} of each, interleaved;"
        " median wall time, and median CPU time"
        " (user + sys of the child, from `wait4`), each against `python -c pass` in the same run.",
        "",
        "| command | wall | added | CPU | added CPU |",
        "|---|---:|---:|---:|---:|",
    ]
    for label, code in IMPORTS:
        w, c = imports[label]
        cpu_cells = (
            f"{ms(c)} | +{(c - bare_cpu) * 1e3:.1f} ms" if c is not None and bare_cpu is not None else "- | -"
        )
        added_cell = "(baseline)" if label == "python -c pass" else f"+{(w - bare_wall) * 1e3:.1f} ms"
        lines.append(f"| `{code}` | {ms(w)} | {added_cell} | {cpu_cells} |")
    if import_met:
        verdict = (
            f"**Target met**: `import errcat` adds {added * 1e3:.1f} ms (median wall) to a bare interpreter, "
            f"{IMPORT_TARGET_MS - added * 1e3:.1f} ms under the +{IMPORT_TARGET_MS:g} ms target"
        )
    else:
        verdict = (
            f"**Target missed** by {added * 1e3 - IMPORT_TARGET_MS:.1f} ms: `import errcat` adds "
            f"{added * 1e3:.1f} ms (median wall) to a bare interpreter, target +{IMPORT_TARGET_MS:g} ms"
        )
    if added_cpu is not None:
        verdict += f"; in CPU time it adds {added_cpu * 1e3:.1f} ms"
    lines += ["", verdict + "."]
    enum_wall = imports["import enum"][0] - bare_wall
    first_lookup = imports["import errcat + first lookup"][0] - imp_wall
    first_decode = imports["import errcat + first decode"][0] - imp_wall
    def mods(names):
        return ", ".join(f"`{m}`" for m in names) or "nothing more"

    lines += [
        "",
        "What a fresh interpreter of this run holds:",
        "",
        f"* after `import errcat`: modules {mods(at_import['mods'])}; `enum` "
        + ("imported" if at_import["enum"] else "not imported")
        + "; "
        + (
            f"a module `__getattr__`, which finds {mods(at_import['lazy'])} when first asked for"
            if at_import["getattr"]
            else "no module `__getattr__`"
        )
        + ".",
        f"* after its first lookup: modules {mods(after_lookup['mods'])}; `enum` "
        + ("imported" if after_lookup["enum"] else "not imported")
        + "; "
        + ("a module `__getattr__` still" if after_lookup["getattr"] else "no module `__getattr__` any more")
        + ".",
        f"* For scale, `import enum` alone adds {enum_wall * 1e3:.1f} ms in this run"
        f" ({'more' if enum_wall > added else 'less'} than the whole of `import errcat`);"
        f" the first lookup adds {first_lookup * 1e3:.1f} ms to `import errcat`, a first decode"
        f" {first_decode * 1e3:.1f} ms.",
        "",
        f"Where the import time goes: `-X importtime`, median own time of each module `import errcat`"
        f" imports, over {importtime_runs} interpreters:",
        "",
        "| module | own time |",
        "|---|---:|",
    ]
    for name, us, n in breakdown:
        seen = "" if n == importtime_runs else f" (imported in {n} of {importtime_runs} runs)"
        lines.append(f"| `{name}` | {us / 1000:.2f} ms{seen} |")
    lines.append(f"| `errcat`, cumulative | {errcat_cumulative_us / 1000:.2f} ms |")
    native = next((us for name, us, _ in breakdown if name == "errcat._native"), None)
    if native is not None:
        lines += [
            "",
            f"Of errcat's {errcat_cumulative_us / 1000:.2f} ms, the extension module `errcat._native` takes"
            f" {native / 1000:.2f} ms ({native / errcat_cumulative_us:.0%}); the rest is finding, reading and"
            " running errcat's Python code.",
        ]
    if dl is not None:
        dl_s, new_libs = dl
        lines.append(
            f"Loading the extension's shared library alone (`dlopen` through ctypes, in {importtime_runs} fresh"
            f" interpreters, median) takes {dl_s * 1e3:.2f} ms and maps "
            + ", ".join(f"`{n}`" for n in new_libs)
            + ": that much of `errcat._native` is the dynamic loader's, before any of errcat's code runs."
        )
    with open(args.report, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {args.report}")


if __name__ == "__main__":
    main()
