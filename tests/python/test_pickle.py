"""Pickling: errors come back as the same class with the same fields."""

import copy
import pickle
import subprocess
import sys

import pytest

import errcat

FIELDS = (
    "code",
    "symbol",
    "kind",
    "message",
    "server_message",
    "raw_code",
    "is_unknown",
    "http_status",
    "retryable",
    "minor",
    "minor_detail",
    "reaction",
    "retry_after_ms",
    "missing_permission",
    "wait",
    "catalog",
    "domain",
    "response_status",
    "content_type",
    "body_excerpt",
    "body_len",
    "is_from_status",
)

CASES = [
    ("spaces", b'{"error":{"code":"RATE_LIMITED","message":"slow","retry_after_ms":1500}}'),
    ("spaces", b'{"error":{"code":"FORBIDDEN","missing_permission":"manage_messages"}}'),
    ("spaces", b'{"error":{"code":"SHINY_NEW","message":"new"}}'),
    ("messenger", b'{"major":203,"minor":32}'),
    ("messenger", b'{"majorCode":136,"minorCode":0,"wait":30}'),
    ("messenger", b'{"major":999,"minor":1,"message":"future"}'),
    ("rtc", b"-1"),
    ("rtc", b'{"code":"1101"}'),
    ("securechat", b"502"),
    ("chatapi", b'{"error":"ERR_UID_NOT_FOUND"}'),
]


def same(a, b):
    assert type(a) is type(b)
    for f in FIELDS:
        assert getattr(a, f) == getattr(b, f), f
    assert str(a) == str(b) and a.args == b.args
    assert a.ns_error() == b.ns_error()


@pytest.mark.parametrize("catalog,payload", CASES)
@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_roundtrip(catalog, payload, protocol):
    e = errcat.decode(catalog, payload)
    back = pickle.loads(pickle.dumps(e, protocol=protocol))
    same(e, back)
    same(e, copy.copy(e))
    same(e, copy.deepcopy(e))


def test_extra_attributes_survive():
    e = errcat.decode("spaces", b'{"code":"BANNED"}')
    e.request_id = "abc"
    back = pickle.loads(pickle.dumps(e))
    assert back.request_id == "abc" and type(back) is errcat.spaces.Banned


def test_hand_made_and_subclass():
    e = errcat.spaces.RateLimited("slow")
    same(e, pickle.loads(pickle.dumps(e)))
    # A user's subclass pickles by reference, as usual.
    e = MyBanned("nope")
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is MyBanned and back.code == e.code and str(back) == "nope"


class MyBanned(errcat.spaces.Banned):
    pass


def test_across_processes():
    blob = pickle.dumps(errcat.decode("messenger", b'{"major":203,"minor":32,"message":"m"}'))
    code = (
        "import pickle, sys\n"
        "e = pickle.loads(sys.stdin.buffer.read())\n"
        "import errcat.messenger as m\n"
        "assert type(e) is m.ChatSendMessageBadPayload, type(e)\n"
        "print(e.code, e.minor, e.minor_detail, str(e))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], input=blob, capture_output=True, check=True)
    assert out.stdout.decode().strip() == "203 32 Message is too long m"


def test_other_types_pickle():
    for obj in (
        errcat.lookup("rtc", 102),
        errcat.catalog("spaces"),
        errcat.Kind.NOT_FOUND,
    ):
        assert pickle.loads(pickle.dumps(obj)) is obj
    for exc in (
        errcat.DecodeError("bad", "malformed"),
        errcat.UnknownCatalogError("no", "nope"),
        errcat.UnknownCodeError("no", "rtc", 4242),
    ):
        back = pickle.loads(pickle.dumps(exc))
        assert type(back) is type(exc) and str(back) == str(exc) and back.reason == exc.reason


def test_loaded_catalog_errors(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(MINE)
    cat = errcat.load_catalog(path)
    e = cat.decode({"code": 7, "message": "x"})
    back = pickle.loads(pickle.dumps(e))
    # Same process: the registry hands back the very same catalog and classes.
    assert type(back) is type(e) and back.code == 7 and str(back) == "x"
    assert pickle.loads(pickle.dumps(cat)) is cat
    with pytest.raises(TypeError, match="loaded catalog"):
        pickle.dumps(cat.lookup(7))


MINE = """
[catalog]
id = "mine"
name = "My service"
wire = "int"

[[category]]
id = "general"
name = "General"

[[entry]]
code = 7
symbol = "SEVEN_FAILED"
message = "Seven failed."
category = "general"
kind = "internal"
"""
