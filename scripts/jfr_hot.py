#!/usr/bin/env python3
"""Appends "where the time goes" to a benchmark report, from a JFR recording.

    jfr_hot.py RECORDING.jfr REPORT.md

Reads the recording's execution samples (`jfr print --events
jdk.ExecutionSample`, the JDK's own tool) and writes, for the groups of
frames below, the share of samples whose stack contains one of them
(inclusive), then the hottest self frames. Every figure comes from the
recording: nothing here is typed in. Fails when the recording has no
samples.
"""
import collections
import re
import subprocess
import sys

# (label, frame-name prefixes): a sample counts for a group when any frame
# of its stack starts with one of the prefixes.
GROUPS = [
    ("JNA `Structure` construction (per-call `RustCallStatus`/`RustBuffer`)",
     ["com.sun.jna.Structure.<init>", "com.sun.jna.Structure.autoAllocate"]),
    ("JNA `Memory` allocation and its registration in `Memory`'s global map",
     ["com.sun.jna.Memory.<init>"]),
    ("JNA's Cleaner thread freeing that memory (`Memory$MemoryDisposer`)",
     ["com.sun.jna.Memory$MemoryDisposer.run", "com.sun.jna.internal.Cleaner"]),
    ("`ConcurrentHashMap` updates (`put`/`remove`/`sumCount`) anywhere",
     ["java.util.concurrent.ConcurrentHashMap.putVal", "java.util.concurrent.ConcurrentHashMap.replaceNode",
      "java.util.concurrent.ConcurrentHashMap.sumCount"]),
    ("JNA `Structure` field reflection (`getFieldList`, `getDeclaredFields`)",
     ["com.sun.jna.Structure.getFieldList", "java.lang.Class.getDeclaredFields"]),
    ("reading and writing structure fields (`Structure.read`/`write`)",
     ["com.sun.jna.Structure.read", "com.sun.jna.Structure.write"]),
]


def samples(recording):
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", recording],
                         check=True, capture_output=True, text=True).stdout
    stacks = []
    for ev in out.split("jdk.ExecutionSample")[1:]:
        frames = re.findall(r"^\s+([\w.$<>]+)\(.*?\)\s+line:", ev, re.M)
        if frames:
            stacks.append(frames)
    return stacks


def main():
    recording, report = sys.argv[1], sys.argv[2]
    stacks = samples(recording)
    if not stacks:
        sys.exit(f"{recording}: no execution samples")
    n = len(stacks)
    lines = ["", "## Where the time of an FFI call goes (JFR)", "",
             f"Sampled by Java Flight Recorder during the benchmark above "
             f"(`-XX:StartFlightRecording`, settings `profile`): {n} execution samples of Java "
             "threads, all rows together. A sample counts for a group when its stack contains "
             "one of the group's frames, so the shares overlap.", "",
             "| frames on the stack | share of samples |", "|---|---:|"]
    for label, prefixes in GROUPS:
        hit = sum(1 for s in stacks if any(f.startswith(p) for f in s for p in prefixes))
        lines.append(f"| {label} | {100 * hit / n:.1f}% |")
    top = collections.Counter(s[0] for s in stacks)
    lines += ["", "Hottest self frames:", "", "| frame | share |", "|---|---:|"]
    for f, c in top.most_common(8):
        lines.append(f"| `{f}` | {100 * c / n:.1f}% |")
    with open(report, "a", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
