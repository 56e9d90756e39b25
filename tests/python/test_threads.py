"""Eight threads looking up and decoding at once."""

import subprocess
import sys
import threading

import errcat
from conftest import load_cases, payload_bytes

THREADS = 8


def work_items():
    items = []
    for _, c in load_cases("lookups"):
        items.append(("lookup", c["catalog"], c["query"]))
    for _, c in load_cases("decodes"):
        raw = payload_bytes(c)
        if len(raw) < 10_000:
            items.append(("decode", c["catalog"], raw))
    return items


def run(item):
    """A comparable summary of what one call gives (value or error)."""
    op, catalog, arg = item
    try:
        if op == "lookup":
            e = errcat.lookup(catalog, arg)
            return ("entry", e.catalog, e.code, id(e))
        err = errcat.decode(catalog, arg)
        return ("error", type(err), err.code, err.symbol, str(err), err.minor, err.retry_after_ms, err.raw_code)
    except (LookupError, ValueError) as x:
        return ("raised", type(x), getattr(x, "reason", None), str(x))


def test_eight_threads_agree_with_one():
    items = work_items()
    assert len(items) > 100
    expected = [run(i) for i in items]
    barrier = threading.Barrier(THREADS)
    failures = []

    def worker(n):
        barrier.wait()
        for rnd in range(40):
            order = items[n::] + items[:n]  # each thread starts elsewhere
            want = expected[n::] + expected[:n]
            for item, w in zip(order, want):
                got = run(item)
                if got != w:
                    failures.append((n, rnd, item[:2], got, w))
                    return

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures[:3]


def test_first_use_race_builds_one_set_of_classes():
    # In a fresh interpreter, eight threads decode against catalogs whose
    # classes do not exist yet: they must all end up with the same classes.
    code = r"""
import sys, threading, errcat
barrier = threading.Barrier(8)
seen = [[] for _ in range(8)]
payloads = {"spaces": b'{"code":"BANNED"}', "messenger": b'{"major":203}', "chatapi": b'"ERR_BAD_REQUEST"'}
def worker(n):
    barrier.wait()
    for cid, p in payloads.items():
        e = errcat.decode(cid, p)
        seen[n].append((type(e), errcat.catalog(cid).base_class, errcat.lookup(cid, e.code)))
ts = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
[t.start() for t in ts]
[t.join() for t in ts]
assert all(s == seen[0] for s in seen), "threads saw different classes"
import errcat.spaces
assert seen[0][0][0] is errcat.spaces.Banned
print("ok")
"""
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip() == "ok"
