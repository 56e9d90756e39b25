"""Every lookup and decode case of every file in tests/vectors/."""

import json

import pytest

import errcat
from conftest import load_cases, payload_bytes, strict_equal

LOOKUPS = load_cases("lookups")
DECODES = load_cases("decodes")

# Fields a lookup case may check, and how to read each from an Entry.
LOOKUP_FIELDS = {
    "code": lambda e: e.code,
    "symbol": lambda e: e.symbol,
    "message": lambda e: e.message,
    "kind": lambda e: e.kind.value,
    "http_status": lambda e: e.http_status,
    "retryable": lambda e: e.retryable,
    "category": lambda e: e.category,
    "deprecated": lambda e: e.deprecated,
    "server_only": lambda e: e.server_only,
    "wait": lambda e: e.wait_required,
    "minor_count": lambda e: len(e.minor_codes),
}

# Fields a decode case may check, and how to read each from the exception.
DECODE_FIELDS = {
    "known": lambda e: not e.is_unknown,
    "code": lambda e: e.code,
    "symbol": lambda e: e.symbol,
    "kind": lambda e: e.kind.value,
    "message": lambda e: e.message,
    "server_message": lambda e: e.server_message,
    "raw_code": lambda e: e.raw_code,
    "http_status": lambda e: e.http_status,
    "retryable": lambda e: e.retryable,
    "minor": lambda e: e.minor,
    "minor_detail": lambda e: e.minor_detail,
    "retry_after_ms": lambda e: e.retry_after_ms,
    "missing_permission": lambda e: e.missing_permission,
    "wait": lambda e: e.wait,
}


def test_vectors_present():
    # The suite must not pass by finding nothing.
    assert len(LOOKUPS) >= 30
    assert len(DECODES) >= 39


def check_entry(entry, expect):
    assert isinstance(entry, errcat.Entry)
    for field, want in expect.items():
        assert field in LOOKUP_FIELDS, f"vector field {field!r} is not handled by the Python tests"
        got = LOOKUP_FIELDS[field](entry)
        assert strict_equal(got, want), f"{field}: got {got!r}, want {want!r}"


@pytest.mark.parametrize("case", [c for _, c in LOOKUPS], ids=[i for i, _ in LOOKUPS])
def test_lookup(case):
    catalog, query = case["catalog"], case["query"]
    queries = [query]
    # An integer string is a code: the int must find the same entry.
    try:
        queries.append(int(query.strip()))
    except ValueError:
        pass
    for q in queries:
        if "expect_error" in case:
            reason = case["expect_error"]
            cls = {"unknown_catalog": errcat.UnknownCatalogError, "unknown_code": errcat.UnknownCodeError}[reason]
            with pytest.raises(cls) as info:
                errcat.lookup(catalog, q)
            assert info.value.reason == reason
            assert isinstance(info.value, LookupError)
            if reason == "unknown_code":
                assert errcat.catalog(catalog).get(q) is None
                if isinstance(q, int):
                    assert errcat.lookup_code(catalog, q) is None
                else:
                    assert errcat.lookup_symbol(catalog, q) is None
                with pytest.raises(errcat.UnknownCodeError):
                    errcat.error_for(catalog, q)
            else:
                with pytest.raises(errcat.UnknownCatalogError):
                    errcat.error_for(catalog, q)
        else:
            entry = errcat.lookup(catalog, q)
            check_entry(entry, case["expect"])
            # The Catalog method, the fallback path and `in` agree.
            cat = errcat.catalog(catalog)
            assert cat.lookup(q) is entry
            assert cat.get(q) is entry
            assert q in cat
            assert errcat._native._lookup_slow(catalog, q) is entry
            # The exact lookups find it by its code and its documented symbol.
            assert errcat.lookup_code(catalog, entry.code) is entry
            assert errcat.lookup_symbol(catalog, entry.symbol) is entry
            # error_for takes the same queries and makes the entry's error.
            err = errcat.error_for(catalog, q)
            assert type(err) is cat.class_for(entry.code) and err.entry is entry


def decode_forms(case, raw):
    """The payload as bytes, and the same payload as str and as a dict when
    that form says the same thing."""
    forms = [("bytes", raw)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return forms
    forms.append(("str", text))
    if "expect" in case and len(raw) < 100_000:
        try:
            obj = json.loads(text.lstrip("\ufeff"))
        except ValueError:
            obj = None
        if isinstance(obj, dict):
            forms.append(("dict", obj))
    return forms


def check_error(e, case):
    cat = errcat.catalog(case["catalog"]) if case["catalog"] in errcat.CATALOG_IDS else None
    assert isinstance(e, errcat.ErrcatError)
    assert isinstance(e, cat.base_class)
    for field, want in case["expect"].items():
        assert field in DECODE_FIELDS, f"vector field {field!r} is not handled by the Python tests"
        got = DECODE_FIELDS[field](e)
        assert strict_equal(got, want), f"{field}: got {got!r}, want {want!r}"
    # str(e) is what the error displays.
    assert str(e) == e.message
    # The class follows the table: the entry's own class, else the base class.
    if e.is_unknown:
        assert type(e) is cat.base_class
        assert e.entry is None
        assert e.kind is errcat.Kind.UNKNOWN
    else:
        assert type(e) is cat.class_for(e.symbol)
        assert e.entry is errcat.lookup(cat.id, e.code)
        assert type(e).__name__ == errcat.class_name(e.symbol)
    assert e.catalog == cat.id and e.domain == cat.domain
    if "expect_ns_error" in case:
        want = case["expect_ns_error"]
        ns = e.ns_error()
        assert ns.domain == want["domain"]
        assert ns.code == want["code"]
        assert strict_equal(ns.user_info, want["user_info"]), f"user_info: got {ns.user_info!r}"
        assert ns.as_dict() == {"domain": ns.domain, "code": ns.code, "user_info": ns.user_info}


@pytest.mark.parametrize("case", [c for _, c in DECODES], ids=[i for i, _ in DECODES])
def test_decode(case):
    raw = payload_bytes(case)
    for form, payload in decode_forms(case, raw):
        if "expect_error" in case:
            reason = case["expect_error"]
            # An unknown catalog is a DecodeError too (reason "unknown_catalog").
            with pytest.raises(errcat.DecodeError) as info:
                errcat.decode(case["catalog"], payload)
            assert info.value.reason == reason, f"{form}: {info.value}"
            assert not isinstance(info.value, errcat.UnknownCatalogError)
            with pytest.raises(errcat.DecodeError):
                errcat.raise_for(case["catalog"], payload)
        else:
            e = errcat.decode(case["catalog"], payload)
            try:
                check_error(e, case)
            except AssertionError as err:
                raise AssertionError(f"payload as {form}: {err}") from None
            with pytest.raises(type(e)) as info:
                errcat.raise_for(case["catalog"], payload)
            assert info.value.code == e.code and str(info.value) == str(e)
