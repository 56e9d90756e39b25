"""Localized messages and deprecation (issue 16), against the installed package.

Which text wins is the Rust core's (errcat::l10n); these tests check that
Python reaches it with the caller's preferences, and check the en-XA texts
with rules written here, independently of the implementation.
"""

import json
import pickle
import re
import warnings

import pytest

import errcat
import errcat.securechat
from conftest import VECTORS

PLACEHOLDER = re.compile(r"\{[A-Za-z0-9_]+\}")
ENV = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

PT = """
[overlay]
catalog = "spaces"
locale = "pt"

[entry.RATE_LIMITED]
message = "Limite de requisições excedido."
"""
PT_MESSENGER = """
[overlay]
catalog = "messenger"
locale = "pt"

[entry.USER_LOGIN_FAILED]
message = "Falha no login"
reaction = "Vá para a página de cadastro"

[entry.USER_LOGIN_FAILED.minor.4]
detail = "O usuário está bloqueado"
"""
PT_BR = """
[overlay]
catalog = "spaces"
locale = "pt-BR"

[entry.RATE_LIMITED]
message = "Limite de requisições excedido (Brasil)."
"""
BASE = "Rate limit exceeded. Retry after retry_after_ms milliseconds."


@pytest.fixture(autouse=True)
def no_overlays_and_no_locale_env(monkeypatch):
    # Every test starts with no registered overlay and no locale in the
    # environment, and leaves none behind.
    for var in ENV:
        monkeypatch.delenv(var, raising=False)
    errcat.clear_overlays()
    yield
    errcat.clear_overlays()


def rate_limited():
    return errcat.lookup("spaces", "RATE_LIMITED")


def assert_pseudo(base, text):
    """text is the en-XA form of base: bracketed, >= 1.4x as long, not the
    base, and the base character for character (letters accented, the rest
    and {placeholders} kept) followed by filler."""
    assert text.startswith("[") and text.endswith("]"), text
    assert len(text) >= 1.4 * len(base), (base, text)
    assert text != base
    kept = set()
    for m in PLACEHOLDER.finditer(base):
        kept.update(range(m.start(), m.end()))
    body = text[1:]
    for i, ch in enumerate(base):
        if i in kept or not (ch.isascii() and ch.isalpha()):
            assert body[i] == ch, (base, text, i)
        else:
            assert not body[i].isascii(), (base, text, i)
    assert body[len(base)] == " " or len(base) == 0, text


# --- en-XA -------------------------------------------------------------------


@pytest.mark.parametrize("cid", errcat.CATALOG_IDS)
def test_every_entry_has_an_en_xa_message(cid):
    for e in errcat.catalog(cid).entries:
        text = e.localized_message("en-XA")
        assert_pseudo(e.message, text)


@pytest.mark.parametrize("cid", errcat.CATALOG_IDS)
def test_every_decoded_error_has_en_xa_texts(cid):
    for e in errcat.catalog(cid).entries:
        err = errcat.error_for(cid, e.code)
        assert err.localized_message("en-XA") == e.localized_message("en-XA")
        t = err.localized("en-XA")
        assert isinstance(t, errcat.LocalizedTexts)
        assert t.locale == "en-XA" and t.message == e.localized_message("en-XA")
        assert len(t.causes) == len(e.causes)
        for base, text in zip(e.causes, t.causes):
            assert_pseudo(base, text)
        assert (t.reaction is None) == (e.reaction is None)
        if e.reaction is not None:
            assert_pseudo(e.reaction, t.reaction)
        assert [m.code for m in t.minor_codes] == [m.code for m in e.minor_codes]
        for base, m in zip(e.minor_codes, t.minor_codes):
            assert isinstance(m, errcat.Minor)
            for field in ("detail", "reaction"):
                b, x = getattr(base, field), getattr(m, field)
                assert (b is None) == (x is None)
                if b is not None:
                    assert_pseudo(b, x)


def test_a_translation_wins_over_the_servers_text():
    err = errcat.decode("spaces", b'{"error":{"code":"RATE_LIMITED","message":"slow down"}}')
    assert str(err) == "slow down"
    assert err.localized_message("en-XA") == rate_limited().localized_message("en-XA")
    assert err.localized_message("en") == "slow down"  # the base text: the server's message
    assert err.localized_message([]) == "slow down"


def test_unknown_codes_and_loaded_catalogs_have_their_base_text():
    unknown = errcat.decode("spaces", {"error": {"code": "SHINY", "message": "hi"}})
    assert unknown.localized_message("en-XA") == "hi" and unknown.localized("en-XA") is None
    cat = errcat.parse_catalog(
        '[catalog]\nid = "billing"\nname = "Billing"\nwire = "string"\n\n'
        '[[category]]\nid = "pay"\nname = "Pay"\n\n'
        '[[entry]]\ncode = 1\nsymbol = "CARD_DECLINED"\nmessage = "Declined."\ncategory = "pay"\n'
        'kind = "failed_precondition"\n',
        "toml",
    )
    assert cat.lookup(1).localized_message("en-XA") == "Declined."
    err = errcat.error_for(cat, 1)
    assert err.localized_message("en-XA") == "Declined." and err.localized("en-XA") is None


def test_localized_error_pickles():
    err = errcat.decode("messenger", b'{"major":203,"minor":32,"message":"too long"}')
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is type(err) and str(back) == "too long"
    assert back.localized_message("en-XA") == err.localized_message("en-XA")
    assert back.localized("en-XA") == err.localized("en-XA")


# --- preferences and fallback -------------------------------------------------


def test_fallback_to_the_language_then_the_base():
    errcat.register_overlay(PT)
    e = rate_limited()
    assert e.localized_message("pt") == "Limite de requisições excedido."
    assert e.localized_message("pt-BR") == "Limite de requisições excedido."  # pt-BR -> pt
    assert e.localized_message("pt_br") == "Limite de requisições excedido."
    assert e.localized_message("fr-CA") == BASE  # fr-CA -> fr -> the base text
    errcat.register_overlay(PT_BR)
    assert e.localized_message("pt-BR") == "Limite de requisições excedido (Brasil)."
    assert e.localized_message("pt-PT") == "Limite de requisições excedido."
    errcat.register_overlay(PT_MESSENGER)
    err = errcat.decode("messenger", b'{"major":111,"minor":4}')
    assert err.localized_message("pt-BR") == "Falha no login"  # no pt-BR for messenger: pt
    t = err.localized("pt-BR")
    assert t.locale == "pt" and t.reaction == "Vá para a página de cadastro"
    assert [(m.code, m.detail, m.reaction) for m in t.minor_codes] == [(4, "O usuário está bloqueado", None)]
    assert t.causes == err.entry.causes  # not translated: the base texts


def test_english_stops_the_search():
    errcat.register_overlay(PT)
    e = rate_limited()
    assert e.localized_message(["en-US", "pt", "en-XA"]) == BASE
    assert e.localized_message("en-GB,en-XA") == BASE
    assert e.localized_message(["fr", "en-XA"]) != BASE


def test_unknown_and_malformed_tags_are_skipped():
    e = rate_limited()
    xa = e.localized_message("en-XA")
    assert e.localized_message(["x", "", "!!", "de-DE", "zz-ZZ-zz", "12", "en-XA"]) == xa
    assert e.localized_message("de, x, en-XA") == xa
    assert e.localized_message(("sw",)) == BASE
    assert e.localized_message(["en_xa"]) == xa


def test_locale_argument_types():
    e = rate_limited()
    for ok in ("en-XA", "fr,en-XA", ["en-XA"], ("en-XA",), [], ""):
        assert isinstance(e.localized_message(ok), str)
    err = errcat.error_for("spaces", "RATE_LIMITED")
    for bad in (b"en-XA", 1, ["en-XA", 1], {"en-XA"}, [b"en"], object()):
        for call in (e.localized_message, err.localized_message, err.localized):
            with pytest.raises(TypeError, match="locale"):
                call(bad)


@pytest.mark.parametrize(
    "env, expected",
    [
        ({"LANGUAGE": "fr:en_XA"}, "xa"),
        ({"LANGUAGE": "en_XA:pt"}, "xa"),
        ({"LANGUAGE": "pt_BR", "LANG": "en_XA.UTF-8"}, "pt"),
        ({"LANGUAGE": "", "LANG": "en_XA.UTF-8"}, "xa"),  # empty: the next variable
        ({"LC_ALL": "pt_BR.UTF-8@euro", "LANG": "en_XA"}, "pt"),
        ({"LC_MESSAGES": "en_XA.utf8", "LANG": "pt_BR"}, "xa"),
        ({"LANG": "pt_BR.ISO-8859-1"}, "pt"),
        ({"LC_ALL": "C.UTF-8", "LANG": "en_XA"}, "base"),  # C: the base text
        ({"LANGUAGE": "POSIX:en_XA"}, "base"),
        ({"LANG": "en_US.UTF-8"}, "base"),
        ({}, "base"),
    ],
)
def test_default_locale_follows_gettexts_environment(monkeypatch, env, expected):
    errcat.register_overlay(PT)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    e = rate_limited()
    want = {"xa": e.localized_message("en-XA"), "pt": "Limite de requisições excedido.", "base": BASE}[expected]
    assert e.localized_message() == want
    assert e.localized_message(None) == want
    err = errcat.decode("spaces", b'{"error":{"code":"RATE_LIMITED"}}')
    assert err.localized_message() == want
    assert err.localized().message == want


# --- registering overlays ---------------------------------------------------


def test_register_replace_and_clear():
    e = rate_limited()
    assert errcat.register_overlay(PT) is None
    assert e.localized_message("pt") == "Limite de requisições excedido."
    errcat.register_overlay(PT.replace("excedido.", "ultrapassado.").encode("utf-8"))  # bytes; replaces
    assert e.localized_message("pt") == "Limite de requisições ultrapassado."
    as_json = json.dumps(
        {"overlay": {"catalog": "rtc", "locale": "de"}, "entry": {"userNotFound": {"message": "Nicht in der Sitzung"}}}
    )
    errcat.register_overlay(as_json, format="json")
    assert errcat.lookup("rtc", 102).localized_message("de-AT") == "Nicht in der Sitzung"
    assert errcat.lookup("rtc", 102).localized_message("pt") == errcat.lookup("rtc", 102).message
    errcat.clear_overlays()
    assert e.localized_message("pt") == BASE
    assert errcat.lookup("rtc", 102).localized_message("de") == errcat.lookup("rtc", 102).message
    assert_pseudo(e.message, e.localized_message("en-XA"))  # built in: stays


BAD_OVERLAYS = [
    ("unknown symbol", PT.replace("RATE_LIMITED", "NO_SUCH_SYMBOL"), "no symbol"),
    ("extra placeholder", PT.replace("excedido.", "excedido {retry_after_ms}."), "placeholders"),
    ("reaction the entry lacks", PT + 'reaction = "Espere."\n', "no reaction"),
    ("minor code the entry lacks", PT_MESSENGER.replace("minor.4", "minor.99"), "no such minor code"),
    ("empty text", PT.replace('"Limite de requisições excedido."', '""'), "is empty"),
    ("bad TOML", PT.replace("[entry.RATE_LIMITED]", "[entry.RATE_LIMITED"), "invalid TOML"),
    ("unknown field", PT.replace("message =", "mesage ="), "mesage"),
    ("unknown catalog", PT.replace('catalog = "spaces"', 'catalog = "nope"'), "unknown catalog"),
    ("bad locale", PT.replace('locale = "pt"', 'locale = "p t"'), "BCP 47"),
    ("the built-in pseudo-locale", PT.replace('locale = "pt"', 'locale = "en-XA"'), "built in"),
    ("not UTF-8", PT.encode("latin-1"), "UTF-8"),
    ("bad JSON", '{"overlay": ', "invalid JSON"),
]


@pytest.mark.parametrize("name, text, message", BAD_OVERLAYS, ids=[b[0] for b in BAD_OVERLAYS])
def test_a_bad_overlay_is_a_clear_error_that_changes_nothing(name, text, message):
    errcat.register_overlay(PT)
    errcat.register_overlay(PT_MESSENGER)
    login = errcat.decode("messenger", b'{"major":111,"minor":4}')

    def state():
        texts = [rate_limited().localized_message(loc) for loc in ("pt", "en-XA", "en")]
        return texts + [login.localized(loc) for loc in ("pt", "en-XA", "en")]

    before = state()
    assert before[0] == "Limite de requisições excedido." and before[3].message == "Falha no login"
    fmt = "json" if name == "bad JSON" else "toml"
    with pytest.raises(errcat.CatalogError) as info:
        errcat.register_overlay(text, fmt)
    assert message in str(info.value), str(info.value)
    assert info.value.problems and all(isinstance(p, errcat.CatalogProblem) for p in info.value.problems)
    assert state() == before


def test_bad_overlay_arguments():
    with pytest.raises(TypeError, match="str or bytes"):
        errcat.register_overlay(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="format"):
        errcat.register_overlay(PT, 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="format"):
        errcat.register_overlay(PT, "yaml")
    with pytest.raises(errcat.CatalogError, match="UTF-8"):
        errcat.register_overlay(PT + "\ud800")
    assert rate_limited().localized_message("pt") == BASE


# --- the shared vectors (tests/vectors/l10n.json) ----------------------------

L10N = VECTORS / "l10n.json"
L10N_DATA = json.loads(L10N.read_text(encoding="utf-8")) if L10N.exists() else {}


@pytest.mark.parametrize("case", L10N_DATA.get("localized", []), ids=lambda c: c["name"])
def test_l10n_vector_lookup(case):
    e = errcat.lookup(case["catalog"], case["query"])
    want = case["expect"]
    assert e.localized_message(case["locales"]) == want["message"]
    err = errcat.error_for(case["catalog"], e.code)
    assert err.localized(case["locales"]).locale == want["locale"]
    assert e.deprecated == want["deprecated"]
    if "doc_url" in want:
        assert e.doc_url == want["doc_url"]
    if "replaced_by" in want:
        assert (e.deprecation.replaced_by if e.deprecation else None) == want["replaced_by"]


@pytest.mark.parametrize("case", L10N_DATA.get("localized_decodes", []), ids=lambda c: c["name"])
def test_l10n_vector_decode(case):
    err = errcat.decode(case["catalog"], case["payload"].encode("utf-8"))
    assert err.localized_message(case["locales"]) == case["expect"]["message"]


# --- deprecation ----------------------------------------------------------------


def deprecated_message():
    """The shared message, rebuilt from the entry (codegen::deprecation_message's rule)."""
    e = errcat.lookup("securechat", 504)
    d = e.deprecation
    parts = [f"{e.symbol} is deprecated since {d.since}." if d.since else f"{e.symbol} is deprecated."]
    if d.replaced_by:
        parts.append(f"Use {d.replaced_by} instead.")
    if d.note:
        parts.append(" ".join(d.note.split()))
    return " ".join(parts)


def test_a_deprecated_class_warns_when_used_by_name():
    assert errcat.lookup("securechat", 504).deprecated
    with pytest.warns(DeprecationWarning) as record:
        cls = errcat.securechat.UsernameHasAlreadyBeenTaken
    assert [str(w.message) for w in record] == [deprecated_message()]
    assert record[0].filename == __file__  # points at the use, not at errcat
    assert cls.entry is errcat.lookup("securechat", 504)
    with pytest.warns(DeprecationWarning, match="USERNAME_HAS_ALREADY_BEEN_TAKEN is deprecated"):
        from errcat.securechat import UsernameHasAlreadyBeenTaken  # noqa: F401
    with pytest.warns(DeprecationWarning):  # every use, not only the first
        errcat.securechat.UsernameHasAlreadyBeenTaken
    assert "UsernameHasAlreadyBeenTaken" in dir(errcat.securechat)
    assert "UsernameHasAlreadyBeenTaken" in errcat.securechat.__all__


def test_decoding_a_deprecated_code_does_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        e = errcat.decode("securechat", b"504")
        made = errcat.error_for("securechat", "USERNAME_HAS_ALREADY_BEEN_TAKEN")
        cls = errcat.catalog("securechat").class_for(504)
        back = pickle.loads(pickle.dumps(e))
        other = errcat.securechat.InvalidBody  # other classes are plain attributes
        assert isinstance(e, errcat.securechat.SecurechatError)
    assert type(e) is cls is type(made) is type(back)
    assert other.entry.code == 101
    assert e.entry.deprecated and e.entry.deprecation is not None
    with pytest.warns(DeprecationWarning):
        assert cls is errcat.securechat.UsernameHasAlreadyBeenTaken
    assert e.localized_message("en-XA").startswith("[")
