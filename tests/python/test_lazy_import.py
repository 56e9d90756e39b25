"""`import errcat` builds nothing it can build on first use (issue 17), and
first use gives the same objects as before. Each check runs in a fresh
interpreter; nothing here is timed (reports/bench-python.md has the times)."""

import json
import subprocess
import sys

import errcat


def fresh(code):
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_import_builds_nothing():
    got = fresh(
        "import sys, errcat\n"
        "got = {'mods': sorted(m for m in sys.modules if m.startswith('errcat')),\n"
        "  'enum': 'enum' in sys.modules, 'Kind': 'Kind' in vars(errcat),\n"
        "  'getattr': '__getattr__' in vars(errcat)}\n"
        "import json\n"  # json imports re, which imports enum
        "print(json.dumps(got))"
    )
    assert got == {"mods": ["errcat", "errcat._native"], "enum": False, "Kind": False, "getattr": True}


def test_first_lookup_binds_everything_and_drops_module_getattr():
    # A module with a __getattr__ is never specialized by CPython 3.11+:
    # after the first use `errcat.lookup` must be a plain attribute again.
    got = fresh(
        "import sys, json, errcat\n"
        "errcat.lookup('rtc', 102)\n"
        "print(json.dumps({'getattr': '__getattr__' in vars(errcat), 'dir': '__dir__' in vars(errcat),\n"
        "  'bound': all(n in vars(errcat) for n in ('Kind',) + errcat.CATALOG_IDS),\n"
        "  'same': all(getattr(errcat, c) is sys.modules['errcat.' + c] for c in errcat.CATALOG_IDS)}))"
    )
    assert got == {"getattr": False, "dir": False, "bound": True, "same": True}


def test_lazy_names_by_every_route():
    got = fresh(
        "import json, enum, errcat\n"
        "names = dir(errcat)\n"
        "from errcat import spaces\n"
        "import errcat.rtc as rtc\n"
        "from errcat import Kind\n"
        "k = errcat.Kind\n"
        "ns = {}\n"
        "exec('from errcat import *', ns)\n"
        "print(json.dumps({'dir': all(n in names for n in ('Kind',) + errcat.CATALOG_IDS),\n"
        "  'spaces': spaces is errcat.spaces and spaces.RateLimited.__module__ == 'errcat.spaces',\n"
        "  'rtc': rtc is errcat.rtc, 'kind': Kind is k is ns['Kind'] and issubclass(k, enum.Enum),\n"
        "  'entry_kind': errcat.lookup('spaces', 42901).kind is Kind.RESOURCE_EXHAUSTED,\n"
        "  'missing': not hasattr(errcat, 'nope')}))"
    )
    assert got == {"dir": True, "spaces": True, "rtc": True, "kind": True, "entry_kind": True, "missing": True}


def test_decode_first_in_a_fresh_interpreter():
    got = fresh(
        "import json, errcat\n"
        "e = errcat.decode('spaces', b'{\"error\":{\"code\":\"RATE_LIMITED\"}}')\n"
        "print(json.dumps({'cls': type(e) is errcat.spaces.RateLimited, 'kind': e.kind is errcat.Kind.RESOURCE_EXHAUSTED,\n"
        "  'getattr': '__getattr__' in vars(errcat)}))"
    )
    assert got == {"cls": True, "kind": True, "getattr": False}


def test_same_objects_here():
    assert type(errcat.lookup("rtc", 102).kind) is errcat.Kind
    assert "__getattr__" not in vars(errcat)
    assert errcat.catalog("spaces").Code is errcat.spaces.Code
