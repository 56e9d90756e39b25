"""Typed use of the API: `mypy --strict` must accept this file (see
test_stubs.py), and running it must work."""

from __future__ import annotations

import datetime
from typing import Optional

import errcat
import errcat.spaces


def retry_delay(payload: bytes) -> Optional[int]:
    try:
        errcat.raise_for("spaces", payload)
    except errcat.spaces.RateLimited as e:
        delay: Optional[int] = e.retry_after_ms
        return delay
    except errcat.spaces.SpacesError as e:
        kind: errcat.Kind = e.kind
        assert kind.http_status >= 200
        return None
    except errcat.DecodeError as e:
        reason: str = e.reason
        raise ValueError(reason) from e


def main() -> None:
    entry: errcat.Entry = errcat.lookup("spaces", "RATE_LIMITED")
    status: int = entry.http_status
    assert status == 429
    code: errcat.spaces.Code = errcat.spaces.Code.RATE_LIMITED
    assert errcat.lookup("spaces", code) is entry
    # A built-in id is typed as a Catalog; any other str as Optional[Catalog].
    cls: type[errcat.ErrcatError] = errcat.catalog("spaces").class_for(entry.code)
    assert cls is errcat.spaces.RateLimited
    e = errcat.decode("spaces", {"error": {"code": "FORBIDDEN", "missing_permission": "x"}})
    perm: Optional[str] = e.missing_permission
    assert perm == "x"
    info = e.ns_error().user_info
    assert info["ErrcatCatalog"] == "spaces"
    assert retry_delay(b'{"error":{"code":"RATE_LIMITED","retry_after_ms":5}}') == 5
    maybe: Optional[errcat.Entry] = errcat.catalog("rtc").get(999_999)
    assert maybe is None
    entries: list[errcat.Entry] = errcat.search("rate limit")
    assert entries
    minors = errcat.lookup("messenger", 203).minor_codes
    assert minors[0].code >= 0
    flag: bool = errcat.lookup("messenger", 136).wait_required
    assert flag
    exact: Optional[errcat.Entry] = errcat.lookup_code("rtc", 102)
    assert exact is not None and exact is errcat.lookup_symbol("rtc", "userNotFound")
    made: errcat.ErrcatError = errcat.error_for("spaces", "RATE_LIMITED")
    assert isinstance(made, errcat.spaces.RateLimited)
    unknown: Optional[errcat.Catalog] = errcat.catalog("no-such-catalog")
    assert unknown is None
    cat: errcat.Catalog = errcat.catalogs()[0]
    assert cat.id == "securechat"
    # HTTP responses: headers as a dict or pairs, the clock as a datetime or seconds.
    resp = errcat.decode_response("rtc", 503, {"Retry-After": "5"}, b"<html>", now=datetime.datetime(2015, 1, 1))
    assert resp is not None
    excerpt: Optional[str] = resp.body_excerpt
    from_status: bool = resp.is_from_status
    status_of: Optional[int] = resp.response_status
    assert excerpt == "<html>" and from_status and status_of == 503
    none = cat.decode_response(200, [("Content-Type", "text/html")], "<p>", now=0)
    assert none is None
    # Localized texts (issue 16): a str, a list or tuple of tags, or None.
    xa: str = entry.localized_message("en-XA")
    assert xa.startswith("[") and entry.localized_message(["fr", "en-XA"]) == xa
    texts: Optional[errcat.LocalizedTexts] = e.localized(("en-XA",))
    assert texts is not None and texts.locale == "en-XA"
    causes: tuple[str, ...] = texts.causes
    minor_texts: tuple[errcat.Minor, ...] = texts.minor_codes
    assert len(causes) >= 0 and len(minor_texts) >= 0
    shown: str = e.localized_message(None)
    assert shown
    errcat.register_overlay(b'[overlay]\ncatalog = "rtc"\nlocale = "de"\n', format="toml")
    errcat.clear_overlays()


if __name__ == "__main__":
    main()
