"""Wrong types, unknown names and hostile payloads: a clear exception or a
faithful unknown error, never a crash or a PanicException."""

import random

import pytest

import errcat

OK_ERRORS = (errcat.DecodeError, errcat.UnknownCatalogError)


class Weird:
    pass


@pytest.mark.parametrize("catalog", [None, 1, b"rtc", 1.5, ["rtc"], Weird()])
def test_catalog_of_the_wrong_type(catalog):
    for call in (
        lambda: errcat.lookup(catalog, 102),
        lambda: errcat.decode(catalog, b"102"),
        lambda: errcat.raise_for(catalog, b"102"),
        lambda: errcat.lookup_code(catalog, 102),
        lambda: errcat.lookup_symbol(catalog, "userNotFound"),
        lambda: errcat.error_for(catalog, 102),
    ):
        with pytest.raises(TypeError, match="catalog must be"):
            call()
    with pytest.raises(TypeError):
        errcat.catalog(catalog)


@pytest.mark.parametrize("query", [None, True, False, 102.0, b"102", [102], Weird()])
def test_query_of_the_wrong_type(query):
    with pytest.raises(TypeError, match="code_or_symbol must be"):
        errcat.lookup("rtc", query)
    with pytest.raises(TypeError):
        errcat.catalog("rtc").lookup(query)
    with pytest.raises(TypeError):
        errcat.catalog("rtc").class_for(query)
    with pytest.raises(TypeError, match="code_or_symbol must be"):
        errcat.error_for("rtc", query)
    assert query not in errcat.catalog("rtc")


@pytest.mark.parametrize("code", [None, True, "102", 102.0, b"102", [102], Weird()])
def test_code_of_the_wrong_type(code):
    with pytest.raises(TypeError, match="code must be an int"):
        errcat.lookup_code("rtc", code)
    with pytest.raises(TypeError, match="code must be an int"):
        errcat.lookup_code(errcat.catalog("rtc"), code)


@pytest.mark.parametrize("symbol", [None, 102, True, b"userNotFound", ["userNotFound"], Weird()])
def test_symbol_of_the_wrong_type(symbol):
    with pytest.raises(TypeError, match="symbol must be a str"):
        errcat.lookup_symbol("rtc", symbol)
    with pytest.raises(TypeError, match="symbol must be a str"):
        errcat.lookup_symbol(errcat.catalog("rtc"), symbol)


def test_exact_lookups_miss_without_raising():
    for code in (4242, -5, 10**40, -(10**40)):
        assert errcat.lookup_code("rtc", code) is None
    # lookup_symbol is exact: no forgiving spellings, no codes.
    for s in ("USER-NOT-FOUND", "usernotfound", " userNotFound", "102", "", "\ud800", "x" * 5000):
        assert errcat.lookup_symbol("rtc", s) is None
    assert errcat.lookup_symbol("rtc", "userNotFound") is errcat.lookup("rtc", 102)
    # An alias is exact too.
    e = errcat.lookup("messenger", "FILE_UPLOAD_OPTION_BAD_PAYLOAD")
    assert errcat.lookup_symbol("messenger", "FILE_UPLOAD_OPTION_BAD_PAYLOAD") is e


@pytest.mark.parametrize("payload", [None, 102, 1.5, True, [102], (1,), Weird(), object])
def test_payload_of_the_wrong_type(payload):
    with pytest.raises(TypeError, match="payload must be bytes, str or dict"):
        errcat.decode("rtc", payload)


def test_wrong_argument_counts():
    with pytest.raises(TypeError, match="2 positional arguments"):
        errcat.lookup("rtc")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        errcat.lookup("rtc", 102, 3)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        errcat.lookup(catalog="rtc", code_or_symbol=102)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        errcat.decode("rtc")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        errcat.search(42)  # type: ignore[arg-type]


def test_unknown_catalog_everywhere():
    for call in (
        lambda: errcat.lookup("nope", 1),
        lambda: errcat.lookup("RTC", 102),
        lambda: errcat.lookup("", 102),
        lambda: errcat.lookup("x" * 10_000, 102),
        lambda: errcat.lookup_code("nope", 1),
        lambda: errcat.lookup_symbol("nope", "x"),
        lambda: errcat.error_for("nope", 1),
        lambda: errcat.error_for("x" * 10_000, 1),
    ):
        with pytest.raises(errcat.UnknownCatalogError) as info:
            call()
        assert info.value.reason == "unknown_catalog"
        assert "known: securechat, messenger, spaces, rtc, chatapi" in str(info.value)
        assert len(str(info.value)) < 300
    # decode reports it as a DecodeError with the same reason.
    for call in (
        lambda: errcat.decode("nope", b"1"),
        lambda: errcat.raise_for("nope", b"1"),
        lambda: errcat.decode("x" * 10_000, b"1"),
    ):
        with pytest.raises(errcat.DecodeError) as dinfo:
            call()
        assert dinfo.value.reason == "unknown_catalog"
        assert not isinstance(dinfo.value, errcat.UnknownCatalogError)
        assert "known: securechat, messenger, spaces, rtc, chatapi" in str(dinfo.value)
        assert len(str(dinfo.value)) < 300
    # catalog() is a plain query: None for an unknown id.
    assert errcat.catalog("nope") is None and errcat.catalog("RTC") is None


def test_unknown_codes():
    for q in (4242, -5, 10**40, -(10**40), "NOT_A_CODE", "", "\ud800", "a\x00b", "9" * 5000):
        for call in (errcat.lookup, errcat.error_for):
            with pytest.raises(errcat.UnknownCodeError) as info:
                call("rtc", q)
            assert info.value.reason == "unknown_code" and info.value.catalog == "rtc"
            assert info.value.query == q
            assert len(str(info.value)) < 300


def test_dict_payload_limits():
    deep = {"code": 102}
    node = deep
    for _ in range(200):
        node["x"] = {}
        node = node["x"]
    with pytest.raises(errcat.DecodeError) as info:
        errcat.decode("rtc", deep)
    assert info.value.reason == "malformed"

    cyclic = {"code": 102}
    cyclic["self"] = cyclic
    with pytest.raises(errcat.DecodeError, match="deeper"):
        errcat.decode("rtc", cyclic)

    big = {"code": 102, "pad": "x" * (errcat.MAX_PAYLOAD_BYTES + 10)}
    with pytest.raises(errcat.DecodeError) as info:
        errcat.decode("rtc", big)
    assert info.value.reason == "too_large"

    wide = {"code": 102, "list": list(range(400_000))}
    with pytest.raises(errcat.DecodeError) as info:
        errcat.decode("rtc", wide)
    assert info.value.reason == "too_large"

    for bad, reason in (
        ({"code": float("nan")}, "malformed"),
        ({"code": 102, "x": float("inf")}, "malformed"),
        ({"code": 102, 5: "int key"}, "malformed"),
        ({"code": 102, "x": {1, 2}}, "malformed"),
        ({"code": 102, "x": Weird()}, "malformed"),
        ({"code": 102, "x": b"bytes"}, "malformed"),
        ({"code": "\ud800"}, "invalid_utf8"),
        ({"code": 10**30}, "malformed"),
        ({"code": True}, "malformed"),
        ({}, "missing_code"),
    ):
        with pytest.raises(errcat.DecodeError) as info:
            errcat.decode("rtc", bad)
        assert info.value.reason == reason, bad


def test_dict_payload_values():
    # Big ints in ignored fields are written exactly; tuples are arrays.
    e = errcat.decode("rtc", {"code": 102, "n": 10**30, "t": (1, 2, None, 1.5, False)})
    assert e.symbol == "userNotFound"
    # An IntEnum member is an int; a str subclass is a str.
    e = errcat.decode("spaces", {"error": {"code": errcat.spaces.Code.BANNED}})
    assert type(e) is errcat.spaces.Banned

    class S(str):
        pass

    e = errcat.decode("spaces", {S("code"): S("BANNED")})
    assert type(e) is errcat.spaces.Banned


def test_dict_mutated_during_conversion_is_safe():
    class Sneaky(int):
        def __int__(self):
            payload.clear()
            return 1

        __index__ = __int__

    payload = {"code": 102, "x": Sneaky(10**30)}
    try:
        errcat.decode("rtc", payload)
    except errcat.DecodeError:
        pass


def test_str_and_buffer_payloads():
    assert errcat.decode("rtc", "102").code == 102
    assert errcat.decode("rtc", bytearray(b"102")).code == 102
    assert errcat.decode("rtc", memoryview(b'{"code":102}')).code == 102
    with pytest.raises(errcat.DecodeError) as info:
        errcat.decode("rtc", '{"code":"\ud800"}')
    assert info.value.reason == "invalid_utf8"


def test_no_panic_crosses_into_python():
    # The guard every core call runs under turns a panic into RuntimeError
    # (a PanicException would be a BaseException and escape `except Exception`).
    with pytest.raises(RuntimeError, match="internal error"):
        errcat._native._panic_for_test()


def test_random_bytes_never_crash():
    rng = random.Random(1234)
    alphabet = b'{}[]":,0123456789-.eE tfnrualsAZ_\\\x00\xff\xc3\xa9'
    seeds = [b'{"error":{"code":"RATE_LIMITED","retry_after_ms":15}}', b'{"major":203,"minor":32,"wait":3}', b"102"]
    for i in range(5000):
        if i % 2:
            raw = bytes(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        else:
            s = bytearray(rng.choice(seeds))
            for _ in range(rng.randrange(1, 4)):
                s[rng.randrange(len(s))] = rng.choice(alphabet)
            raw = bytes(s)
        catalog = errcat.CATALOG_IDS[i % 5]
        try:
            e = errcat.decode(catalog, raw)
        except errcat.DecodeError as x:
            assert x.reason in {"too_large", "empty", "invalid_utf8", "malformed", "missing_code"}
            continue
        assert isinstance(e, errcat.ErrcatError)
        str(e), repr(e), e.ns_error().user_info  # every view works


def test_random_objects_never_crash():
    rng = random.Random(99)
    leaves = [None, True, 0, -1, 2**63, 1.25, "", "RATE_LIMITED", "\x00", "é", [], {}]

    def gen(depth):
        r = rng.random()
        if depth > 4 or r < 0.4:
            return rng.choice(leaves)
        if r < 0.7:
            return [gen(depth + 1) for _ in range(rng.randrange(3))]
        return {rng.choice(["code", "error", "message", "minor", "wait", "retry_after_ms", "x"]): gen(depth + 1) for _ in range(rng.randrange(4))}

    for i in range(3000):
        obj = gen(0)
        if not isinstance(obj, dict):
            obj = {"error": obj}
        try:
            e = errcat.decode(errcat.CATALOG_IDS[i % 5], obj)
        except errcat.DecodeError:
            continue
        assert isinstance(e, errcat.ErrcatError)
