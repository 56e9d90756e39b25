"""Shared helpers for the Python tests.

The tests run against the INSTALLED package (a wheel in a fresh virtual
environment, see scripts/test-python.sh), never against python/errcat/ in
the source tree, and read the shared vectors in tests/vectors/ directly.
"""

import json
import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
VECTORS = ROOT / "tests" / "vectors"


def vector_files():
    files = sorted(VECTORS.glob("*.json"))
    assert files, f"no vector files in {VECTORS}"
    return files


def load_cases(kind):
    """Every case of `kind` ("lookups" or "decodes") of every vector file,
    as (id, case) pairs."""
    out = []
    for f in vector_files():
        data = json.loads(f.read_text(encoding="utf-8"))
        for i, case in enumerate(data.get(kind, [])):
            out.append((f"{f.stem}:{i}:{case['name']}", case))
    return out


def payload_bytes(case):
    """The payload of a decode case as bytes (payload / payload_hex / payload_gen)."""
    if "payload" in case:
        return case["payload"].encode("utf-8")
    if "payload_hex" in case:
        return bytes.fromhex(case["payload_hex"])
    gen = case["payload_gen"]
    return (gen["prefix"] + gen["repeat"] * gen["count"] + gen["suffix"]).encode("utf-8")


def strict_equal(a, b):
    """Equality that also tells bool from int (True == 1 in Python)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(strict_equal(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(strict_equal(x, y) for x, y in zip(a, b))
    return a == b


@pytest.fixture(scope="session", autouse=True)
def installed_package():
    import errcat

    here = pathlib.Path(errcat.__file__).resolve()
    assert ROOT / "python" not in here.parents or os.environ.get("ERRCAT_ALLOW_SOURCE_TREE"), (
        f"errcat imported from the source tree ({here}); the tests must run against the installed wheel"
    )
    return errcat
