"""Benchmark of the Python binding, every number a ratio against a baseline
measured in the same run:

* `errcat.lookup` against `http.HTTPStatus(404)` and a plain `dict.get`;
* `errcat.decode` against `json.loads` plus a dict lookup of the code;
* `import errcat` against a bare interpreter.

    python tests/python/bench_python.py            # full run, prints a table
    python tests/python/bench_python.py --quick    # a few seconds (the test script)
    python tests/python/bench_python.py --report reports/bench-python.md

Timing: timeit, the best of several repeats (the least disturbed run), with
subject and baseline interleaved so drift hits both.
"""

import argparse
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


def import_times(runs):
    """Median wall time of `python -c "import errcat"` and of `python -c pass`."""
    exe = sys.executable
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="")
    # Warm the OS cache and the bytecode cache first.
    for _ in range(3):
        subprocess.run([exe, "-c", "import errcat"], check=True, env=env)
    bare, imp = [], []
    for _ in range(runs):
        for cmd, out in (("pass", bare), ("import errcat", imp)):
            t0 = timeit.default_timer()
            subprocess.run([exe, "-c", cmd], check=True, env=env)
            out.append(timeit.default_timer() - t0)
    return statistics.median(bare), statistics.median(imp)


def importtime_self_us():
    """errcat's own cumulative import time from `-X importtime`, in µs."""
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import errcat"], capture_output=True, text=True, check=True
    )
    for line in out.stderr.splitlines():
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[2] == "errcat":
            return int(parts[1])
    return None


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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="fewer, shorter repeats")
    ap.add_argument("--report", help="write the Markdown report here")
    args = ap.parse_args()
    repeats, target_s, import_runs = (3, 0.05, 10) if args.quick else (9, 0.2, 40)

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
    rows.append(("lookup by code", t[lookups[0]], "dict.get(code)", t[lookups[3]], "< 2.0"))
    rows.append(("lookup by symbol", t[lookups[1]], "dict.get(symbol)", t[lookups[4]], "< 2.0"))
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

    bare, imp = import_times(import_runs)
    own = importtime_self_us()

    print(f"{'measure':30} {'errcat':>10} {'baseline':>24} {'base':>10} {'ratio':>7}  target")
    for name, a, bname, b, target in rows:
        ratio = a / b
        verdict = f"{target} {'ok' if met(ratio, target) else 'MISSED'}" if target else "(no target)"
        print(f"{name:30} {a * 1e9:8.0f}ns {bname:>24} {b * 1e9:8.0f}ns {ratio:7.2f}  {verdict}")
    added_ms = (imp - bare) * 1e3
    print(
        f"{'import errcat':30} {imp * 1e3:8.1f}ms {'python -c pass':>24} {bare * 1e3:8.1f}ms "
        f"  +{added_ms:.1f} ms  target < 20 ms {'ok' if added_ms < 20 else 'MISSED'}"
        + (f" (-X importtime: errcat {own / 1000:.1f} ms)" if own else "")
    )

    if args.report:
        lines = [
            "# Python binding benchmark",
            "",
            "Written by `tests/python/bench_python.py --report` (run by `scripts/test-python.sh --bench`",
            "or with `ERRCAT_WRITE_BENCH=1`). Every number is a ratio against a baseline measured in the",
            "same run, in the same interpreter: best of "
            f"{repeats} interleaved timeit repeats; import times are medians of {import_runs} fresh",
            "interpreters each.",
            "",
            f"Run: {datetime.date.today().isoformat()}, CPython {platform.python_version()} on "
            f"{platform.machine()} ({os.cpu_count()} cores), errcat {errcat.__version__} "
            f"(extension `{os.path.basename(errcat._native.__file__)}`);",
            f"load average {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end "
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
            f"| `import errcat` | {imp * 1e3:.1f} ms | `python -c pass` | {bare * 1e3:.1f} ms | "
            f"+{added_ms:.1f} ms | < +20 ms | {'yes' if added_ms < 20 else 'NO'} |"
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
        lines.append(
            "* A spelling that is not an exact key ('rate-limited') takes the slower path of the forgiving row."
        )
        if own:
            lines.append(f"\n`-X importtime` attributes {own / 1000:.1f} ms to `errcat` itself (cumulative).")
        with open(args.report, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        print(f"wrote {args.report}")


if __name__ == "__main__":
    main()
