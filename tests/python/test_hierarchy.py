"""The exception hierarchy, the per-catalog modules and the naming rules."""

import enum
import importlib

import pytest

import errcat


@pytest.mark.parametrize("cid", errcat.CATALOG_IDS)
def test_module_classes_follow_the_table(cid):
    mod = importlib.import_module(f"errcat.{cid}")
    cat = errcat.catalog(cid)
    assert mod.CATALOG is cat
    base = getattr(mod, cat.base_class_name)
    assert base is cat.base_class
    assert base.__name__ == errcat.class_name(cid) + "Error"
    assert issubclass(base, errcat.ErrcatError) and issubclass(base, Exception)
    assert base.__module__ == f"errcat.{cid}" and base.entry is None
    assert len(cat.error_classes) == len(cat.entries) == len(cat) > 0
    names = set()
    for entry, cls in zip(cat.entries, cat.error_classes):
        # One class per entry, named by the documented rule, subclassing the base.
        assert cls.__name__ == entry.type_name == errcat.class_name(entry.symbol)
        assert cls.__qualname__ == cls.__name__
        if entry.deprecated:  # a use by name warns (test_l10n.py)
            with pytest.warns(DeprecationWarning):
                assert getattr(mod, cls.__name__) is cls
        else:
            assert getattr(mod, cls.__name__) is cls
        assert cls.__bases__ == (base,)
        assert cls.__module__ == f"errcat.{cid}"
        assert cls.entry is entry
        assert cat.class_for(entry.code) is cls and cat.class_for(entry.symbol) is cls
        assert entry.symbol in (cls.__doc__ or "")
        names.add(cls.__name__)
    assert len(names) == len(cat.entries)
    assert set(mod.__all__) == names | {base.__name__, "Code", "CATALOG"}


@pytest.mark.parametrize("cid", errcat.CATALOG_IDS)
def test_code_enum(cid):
    mod = importlib.import_module(f"errcat.{cid}")
    cat = errcat.catalog(cid)
    code = mod.Code
    assert code is cat.Code
    assert issubclass(code, enum.IntEnum)
    assert [m.value for m in code] == [e.code for e in cat.entries]
    for e in cat.entries:
        member = code[e.enum_name]
        assert member == e.code and code(e.code) is member
        # Words of the class name, upper-cased and joined with "_".
        words = []
        for ch in e.type_name:
            if ch.isupper() or not words:
                words.append("")
            words[-1] += ch.upper()
        assert e.enum_name == "_".join(words)
        # An enum member is an int: it looks up like one.
        assert errcat.lookup(cid, member) is e


def test_class_name_rule():
    assert errcat.class_name("AUTH_FAILED") == "AuthFailed"
    assert errcat.class_name("2FA_REQUIRED") == "TwoFaRequired"
    assert errcat.class_name("userNotFound") == "UserNotFound"
    assert errcat.class_name("FILE_UPLOAD_OPTION_BAD_PAYLOAD.") == "FileUploadOptionBadPayload"
    assert errcat.class_name("...") == "Code"
    with pytest.raises(TypeError):
        errcat.class_name(42)  # type: ignore[arg-type]


def test_except_by_class_and_base():
    payload = b'{"error":{"code":"RATE_LIMITED","message":"slow down","retry_after_ms":1500}}'
    for catcher in (errcat.spaces.RateLimited, errcat.spaces.SpacesError, errcat.ErrcatError, Exception):
        with pytest.raises(catcher):
            errcat.raise_for("spaces", payload)
    # Not caught by another entry's class, another catalog's base, or a lookup error.
    with pytest.raises(errcat.spaces.RateLimited):
        try:
            errcat.raise_for("spaces", payload)
        except (errcat.spaces.Banned, errcat.rtc.RtcError, LookupError, ValueError):
            pytest.fail("caught by the wrong class")


def test_unknown_code_is_the_base_class():
    e = errcat.decode("rtc", {"code": 4242, "message": "from the future"})
    assert type(e) is errcat.rtc.RtcError
    assert e.is_unknown and e.raw_code == "4242" and str(e) == "from the future"
    assert e.entry is None and e.kind == "unknown"


def test_lazy_module_attribute():
    # `import errcat` alone gives access to errcat.<catalog>.
    assert errcat.messenger.ChatSendMessageBadPayload.entry.code == 203
    with pytest.raises(AttributeError):
        errcat.not_a_catalog  # noqa: B018


def test_hand_made_errors():
    e = errcat.spaces.RateLimited()
    assert e.code == 42901 and e.symbol == "RATE_LIMITED" and not e.is_unknown
    assert str(e) == e.entry.message and e.server_message is None
    e = errcat.spaces.RateLimited("slow down")
    assert str(e) == "slow down" and e.server_message == "slow down"
    assert e.retryable and e.kind is errcat.Kind.RESOURCE_EXHAUSTED
    # Integer-coded catalogs too.
    assert errcat.rtc.UserNotFound().code == 102
    # errcat.error_for makes the same error as raising the class by hand.
    made = errcat.error_for("spaces", "rate-limited")
    hand = errcat.spaces.RateLimited()
    assert type(made) is type(hand) and made.entry is hand.entry
    for f in ("code", "symbol", "kind", "message", "server_message", "raw_code", "is_unknown", "http_status",
              "retryable", "minor", "wait", "catalog", "domain"):
        assert getattr(made, f) == getattr(hand, f), f
    assert made.ns_error() == hand.ns_error()
    assert errcat.error_for("rtc", 102).raw_code == "102" and made.raw_code == "RATE_LIMITED"
    # The base class made by hand is an unknown error without a code.
    u = errcat.spaces.SpacesError("odd")
    assert u.is_unknown and str(u) == "odd" and u.raw_code == ""
    # ErrcatError itself has no catalog, and says so.
    with pytest.raises(AttributeError, match="no catalog"):
        errcat.ErrcatError("x").code  # noqa: B018
    with pytest.raises(AttributeError):
        errcat.spaces.RateLimited().no_such_field  # noqa: B018


def test_user_subclass():
    class MyRateLimited(errcat.spaces.RateLimited):
        pass

    e = MyRateLimited("custom")
    assert isinstance(e, errcat.spaces.RateLimited)
    assert e.code == 42901 and str(e) == "custom"


def test_kind_enum():
    assert [k.value for k in errcat.Kind][:3] == ["ok", "cancelled", "unknown"]
    assert len(errcat.Kind) == 17
    k = errcat.Kind.NOT_FOUND
    assert k == "not_found" and str(k) == "not_found" and f"{k}" == "not_found"
    assert k.http_status == 404 and k.grpc_code == 5 and not k.default_retryable
    assert errcat.Kind("resource_exhausted").default_retryable
    assert errcat.lookup("rtc", 102).kind is k
