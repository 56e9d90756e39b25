"""The rest of the public API: catalogs, entries, search, reprs."""

import errcat


def test_catalogs():
    cats = errcat.catalogs()
    assert tuple(c.id for c in cats) == errcat.CATALOG_IDS
    for c in cats:
        assert errcat.catalog(c.id) is c and c.is_builtin and c.path is None
        assert c.domain == f"errcat.{c.id}" and c.wire in ("int", "string", "major_minor")
        assert c.name and c.module == f"errcat.{c.id}"
        assert list(c) == list(c.entries) and len(c) == len(c.entries)
        ids = {cat.id for cat in c.categories}
        assert all(e.category in ids for e in c.entries)
        assert repr(c).startswith(f"<errcat.Catalog {c.id} (")
    assert errcat.__version__.count(".") == 2


def test_entry_fields():
    e = errcat.lookup("messenger", "FILE_UPLOAD_OPTION_BAD_PAYLOAD")
    assert e.symbol == "FILE_UPLOAD_OPTION_BAD_PAYLOAD." and "FILE_UPLOAD_OPTION_BAD_PAYLOAD" in e.aliases
    assert e.type_name == "FileUploadOptionBadPayload"
    m = errcat.lookup("messenger", 203)
    assert len(m.minor_codes) == 32 and isinstance(m.minor_codes[0], errcat.Minor)
    assert m.minor_codes[0] == errcat.lookup("messenger", "CHAT_SEND_MESSAGE_BAD_PAYLOAD").minor_codes[0]
    assert repr(m.minor_codes[0]) == "Minor(code=1, detail='Invalid roomId', reaction=None)"
    assert m.wait_required is False and errcat.lookup("messenger", 136).wait_required is True
    # The entry's old names are gone (0.x): the error keeps `minor`/`wait`,
    # the numbers the server sent.
    assert not hasattr(m, "wait") and not hasattr(m, "minor")
    d = errcat.lookup("securechat", 504)
    assert d.deprecated and isinstance(d.deprecation, errcat.Deprecation)
    assert not errcat.lookup("securechat", 502).deprecated and errcat.lookup("securechat", 502).deprecation is None
    assert errcat.lookup("messenger", 602).server_only
    assert isinstance(errcat.lookup("rtc", 102).causes, tuple)
    assert repr(errcat.lookup("rtc", 102)) == "<errcat.Entry rtc 102 userNotFound>"
    assert isinstance(errcat.catalog("spaces").categories[0], errcat.Category)
    assert repr(errcat.catalog("spaces").categories[0]) == "Category(id='http_400', name='400 Bad Request', http_status=400)"


def test_search():
    hits = errcat.search("rate limit")
    assert {(h.catalog, h.symbol) for h in hits} >= {("spaces", "RATE_LIMITED")}
    assert errcat.search("") == [] and errcat.search("zzzz-no-such-thing") == []
    assert errcat.search("x" * 5000) == []
    assert [h.symbol for h in errcat.catalog("spaces").search("RATE_LIMITED")] == ["RATE_LIMITED"]


def test_error_repr_and_fields():
    e = errcat.decode("spaces", b'{"error":{"code":"FORBIDDEN","message":"no","missing_permission":"manage"}}')
    assert repr(e) == "Forbidden(code=40301, symbol='FORBIDDEN', message='no', missing_permission='manage')"
    assert e.entry is errcat.lookup("spaces", "FORBIDDEN") and e.args == ("no",)
    ns = e.ns_error()
    assert isinstance(ns, errcat.NsError)
    assert ns.failure_reason == e.entry.message and ns.localized_description == "no"
    assert repr(ns) == "NsError(domain='errcat.spaces', code=40301, localized_description='no')"
    m = errcat.decode("messenger", b'{"major":111,"minor":4}')
    assert m.reaction == "Go to registration page" and m.minor_detail == "User is blocked"


def test_catalog_get_and_contains():
    c = errcat.catalog("rtc")
    assert c.get(102) is errcat.lookup("rtc", 102)
    assert c.get(4242) is None and c.get(4242, "x") == "x"
    assert 102 in c and "userNotFound" in c and "nope" not in c and 4242 not in c


def test_module_docstring_examples():
    import doctest

    result = doctest.testmod(errcat, verbose=False)
    assert result.attempted >= 2 and result.failed == 0


def test_plain_errcat_error_still_prints():
    e = errcat.ErrcatError("boom")
    assert str(e) == "boom" and repr(e) == "ErrcatError('boom')"


def test_reload_is_refused():
    import importlib

    try:
        importlib.reload(errcat)
    except ImportError as e:
        assert "cannot be reloaded" in str(e)
    else:
        raise AssertionError("reload should be refused")
    # The package still works afterwards.
    assert errcat.lookup("rtc", 102).code == 102


def test_loaded_catalogs_are_collected():
    import gc
    import weakref

    text = """
[catalog]
id = "temp"
name = "Temp"
wire = "int"

[[category]]
id = "c"
name = "C"

[[entry]]
code = 1
symbol = "ONE"
message = "One."
category = "c"
kind = "internal"
"""
    cat = errcat.parse_catalog(text, "toml", name="temp-gc.toml")
    err = cat.decode(b"1")
    assert type(err).__name__ == "One"
    ref = weakref.ref(cat)
    cls_ref = weakref.ref(type(err))
    del cat, err
    gc.collect()
    assert ref() is None and cls_ref() is None, "a loaded catalog and its classes must not leak"
