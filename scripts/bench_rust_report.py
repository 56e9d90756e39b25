#!/usr/bin/env python3
"""Writes reports/bench-rust.md from criterion's own estimates of one
`cargo bench -p errcat --bench lookup` run (target/criterion/<group>/<bench>/
new/estimates.json). Every figure in the report comes from those files.

    python3 scripts/bench_rust_report.py target/criterion reports/bench-rust.md
"""
import datetime
import json
import os
import platform
import subprocess
import sys

GROUPS = [
    ("Code lookup (rtc, 8 lookups per iteration: 6 hits, 2 misses)", "code_lookup_x8", "hand_match", [
        ("hand_match", "hand-written `match` code → symbol (baseline)"),
        ("errcat_by_code", "`Catalog::by_code`"),
        ("errcat_typed_from_code", "`errcat::rtc::Code::from_code` (typed enum)"),
        ("hashmap", "`HashMap<i64, &Entry>`"),
    ], 1.2),
    ("Symbol lookup (rtc, 8 lookups per iteration)", "symbol_lookup_x8", "hand_match", [
        ("hand_match", "hand-written `match` on `&str` (baseline)"),
        ("errcat_by_symbol", "`Catalog::by_symbol`"),
        ("errcat_forgiving", "`Catalog::by_symbol_forgiving`"),
        ("hashmap", "`HashMap<&str, &Entry>`"),
    ], None),
]
DECODES = [
    ("decode_spaces_envelope", "spaces envelope (FORBIDDEN, missing_permission)"),
    ("decode_messenger_major_minor", 'messenger `{"major":203,"minor":32,"wait":null}`'),
    ("decode_rtc_bare", 'rtc `{"code":102,"message":"User not found"}`'),
]


def estimate(root, group, bench):
    p = os.path.join(root, group, bench, "new", "estimates.json")
    with open(p, encoding="utf-8") as f:
        return json.load(f)["mean"]["point_estimate"]


def fmt(ns):
    return f"{ns:.2f} ns" if ns < 100 else f"{ns:.0f} ns"


def main(root, out):
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    w = ["# Rust core: lookup and decode against hand-written baselines\n"]
    w.append(f"Written by `scripts/bench_rust_report.py` from criterion's estimates of\n"
             f"`cargo bench -p errcat --bench lookup` (`scripts/test-rust.sh --bench`), "
             f"{datetime.date.today().isoformat()},\n{rustc}, {platform.machine()}, {os.cpu_count()} cores, "
             f"load average {load:.1f} when the report was written.\n"
             "Each figure is criterion's mean; every ratio compares two numbers of this run.\n"
             "The baselines are checked against the table before timing (`core/benches/lookup.rs`).\n")
    verdicts = []
    for title, group, base, rows, target in GROUPS:
        b = estimate(root, group, base)
        w.append(f"## {title}\n")
        w.append("| method | time | ratio to baseline |\n|---|---:|---:|")
        for bench, label in rows:
            t = estimate(root, group, bench)
            w.append(f"| {label} | {fmt(t)} | {t / b:.2f} |")
        if target:
            r = estimate(root, group, "errcat_by_code") / b
            met = "met" if r <= target else f"missed by {r - target:.2f}"
            verdicts.append(f"code lookup within {target}x of the `match`: {r:.2f}x, {met}")
            w.append(f"\nTarget: within {target}x of the `match`: **{met}** ({r:.2f}x).")
        w.append("")
    w.append("## Decode vs `serde_json::from_slice::<Value>` of the same payload\n")
    w.append("| payload | `Value` (baseline) | `errcat::decode` | ratio |\n|---|---:|---:|---:|")
    worst = 0.0
    for group, label in DECODES:
        b = estimate(root, group, "serde_json_value")
        t = estimate(root, group, "errcat_decode")
        worst = max(worst, t / b)
        w.append(f"| {label} | {fmt(b)} | {fmt(t)} | {t / b:.2f} |")
    met = "met" if worst <= 1.0 else f"missed (worst {worst:.2f}x)"
    w.append(f"\nTarget: no slower than parsing into a `Value`: **{met}** (worst ratio {worst:.2f}).\n")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(w))
    print(f"wrote {out}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
