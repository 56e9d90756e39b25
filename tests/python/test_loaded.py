"""User catalogs loaded at run time (TOML and JSON)."""

import json
import pathlib

import pytest

import errcat

TOML = """
[catalog]
id = "billing"
name = "Billing service"
wire = "string"

[[category]]
id = "pay"
name = "Payments"
http_status = 402

[[entry]]
code = 1
symbol = "CARD_DECLINED"
message = "The card was declined."
category = "pay"
kind = "failed_precondition"
causes = ["Insufficient funds", "Card reported stolen"]

[[entry]]
code = 2
symbol = "TRY_LATER"
aliases = ["TRY_AGAIN_LATER"]
message = "Payments are down."
category = "pay"
kind = "unavailable"
http_status = 503
"""


def as_json():
    # The same catalog as JSON (written by hand so the test needs no TOML parser).
    return json.dumps(
        {
            "catalog": {"id": "billing", "name": "Billing service", "wire": "string"},
            "category": [{"id": "pay", "name": "Payments", "http_status": 402}],
            "entry": [
                {
                    "code": 1,
                    "symbol": "CARD_DECLINED",
                    "message": "The card was declined.",
                    "category": "pay",
                    "kind": "failed_precondition",
                    "causes": ["Insufficient funds", "Card reported stolen"],
                },
                {
                    "code": 2,
                    "symbol": "TRY_LATER",
                    "aliases": ["TRY_AGAIN_LATER"],
                    "message": "Payments are down.",
                    "category": "pay",
                    "kind": "unavailable",
                    "http_status": 503,
                },
            ],
        }
    )


@pytest.fixture(params=["toml", "json"])
def billing(request, tmp_path):
    path = tmp_path / f"billing.{request.param}"
    path.write_text(TOML if request.param == "toml" else as_json(), encoding="utf-8")
    return errcat.load_catalog(path)


def test_lookup_decode_classes(billing):
    assert billing.id == "billing" and not billing.is_builtin and len(billing) == 2
    assert billing.path.endswith(("billing.toml", "billing.json"))
    e = billing.lookup("card-declined")
    assert e.code == 1 and e.http_status == 402 and e.causes == ("Insufficient funds", "Card reported stolen")
    assert billing.lookup("TRY_AGAIN_LATER").code == 2 and billing.lookup(2).retryable
    assert errcat.lookup(billing, "CARD_DECLINED") is e
    err = billing.decode({"error": {"code": "CARD_DECLINED", "message": "nope"}})
    assert type(err) is billing.class_for("CARD_DECLINED")
    assert type(err).__name__ == "CardDeclined" and type(err).__module__ == "errcat.loaded"
    assert isinstance(err, billing.base_class) and billing.base_class.__name__ == "BillingError"
    assert isinstance(err, errcat.ErrcatError)
    assert str(err) == "nope" and err.catalog == "billing" and err.domain == "errcat.billing"
    assert errcat.decode(billing, b'"TRY_LATER"').kind is errcat.Kind.UNAVAILABLE
    unknown = billing.decode(b'{"code":"NEW_THING"}')
    assert type(unknown) is billing.base_class and unknown.raw_code == "NEW_THING"
    with pytest.raises(billing.class_for(2)):
        billing.raise_for('"TRY_LATER"')
    assert billing.Code.CARD_DECLINED == 1
    assert [x.symbol for x in billing.search("declined")] == ["CARD_DECLINED"]
    assert billing.categories[0].http_status == 402
    # The built-in catalogs are not affected.
    assert errcat.catalog("billing") is None
    with pytest.raises(errcat.UnknownCatalogError):
        errcat.lookup("billing", 1)
    # The module functions take a loaded catalog in place of an id.
    assert errcat.lookup_code(billing, 1) is billing.lookup(1)
    assert errcat.lookup_code(billing, 99) is None
    assert errcat.lookup_symbol(billing, "CARD_DECLINED") is billing.lookup(1)
    assert errcat.lookup_symbol(billing, "card-declined") is None
    made = errcat.error_for(billing, "card-declined")
    assert type(made) is billing.class_for(1) and made.server_message is None and not made.is_unknown
    assert type(errcat.error_for(billing, 2)) is billing.class_for(2)
    with pytest.raises(errcat.UnknownCodeError):
        errcat.error_for(billing, "NO_SUCH")


def test_same_text_same_catalog(tmp_path):
    a = errcat.parse_catalog(TOML, "toml", name="x.toml")
    b = errcat.parse_catalog(TOML.encode(), "toml", name="x.toml")
    assert a is b and a.class_for(1) is b.class_for(1)
    c = errcat.parse_catalog(TOML, "toml", name="other.toml")
    assert c is not a


def problems(call):
    with pytest.raises(errcat.CatalogError) as info:
        call()
    err = info.value
    assert isinstance(err, ValueError) and err.problems
    assert str(err) == "\n".join(str(p) for p in err.problems)
    return err


def test_validation_names_file_entry_problem(tmp_path):
    bad = TOML.replace('kind = "unavailable"', 'kind = "sleepy"').replace("code = 2", "code = 1")
    path = tmp_path / "bad.toml"
    path.write_text(bad)
    err = problems(lambda: errcat.load_catalog(path))
    text = [p.problem for p in err.problems]
    assert any("duplicate code 1" in t for t in text), text
    assert any('unknown kind "sleepy"' in t for t in text), text
    p = err.problems[0]
    assert p.file == str(path) and p.entry and "entry #2" in p.entry and "TRY_LATER" in p.entry
    assert str(path) in str(err) and "entry #2" in str(err)


def test_load_errors(tmp_path):
    err = problems(lambda: errcat.load_catalog(tmp_path / "missing.toml"))
    assert "cannot read" in err.problems[0].problem
    (tmp_path / "x.yaml").write_text("a: 1")
    err = problems(lambda: errcat.load_catalog(tmp_path / "x.yaml"))
    assert "unknown file type" in str(err)
    err = problems(lambda: errcat.parse_catalog("not toml [", "toml", name="in-memory"))
    assert err.problems[0].file == "in-memory" and "invalid TOML" in str(err)
    err = problems(lambda: errcat.parse_catalog("{}", "json"))
    assert err.problems[0].file == "<string>"
    err = problems(lambda: errcat.parse_catalog(b"\xff\xfe", "toml"))
    assert "UTF-8" in str(err)
    with pytest.raises(ValueError, match="format"):
        errcat.parse_catalog(TOML, "yaml")
    with pytest.raises(TypeError):
        errcat.parse_catalog(42, "toml")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        errcat.load_catalog(42)  # type: ignore[arg-type]


def test_pathlike(tmp_path):
    path = pathlib.Path(tmp_path) / "b.toml"
    path.write_text(TOML)
    assert errcat.load_catalog(path).id == errcat.load_catalog(str(path)).id == "billing"
