"""Adapters from the response objects of Python's HTTP clients to
`errcat.decode_response` (the rule itself is the Rust core's).

Duck-typed: requests and httpx are never imported here, so errcat works
without them installed.
"""

from errcat import decode_response  # bound before errcat imports this module


def _parts(resp):
    """(status, headers, body) of a requests/httpx/urllib/http.client response."""
    status_code = getattr(resp, "status_code", None)
    if isinstance(status_code, int) and hasattr(resp, "headers"):
        if hasattr(resp, "is_stream_consumed") and callable(getattr(resp, "read", None)):
            # httpx.Response: read() returns the body, reading a streaming
            # response that was not read yet (and is a no-op after that).
            body = resp.read()
        elif hasattr(resp, "content"):
            # requests.Response: .content reads a stream=True body once and keeps it.
            body = resp.content
        else:
            body = None
        if body is not None:
            return status_code, resp.headers, body
    status = getattr(resp, "status", None)
    if not isinstance(status, int):
        status = getattr(resp, "code", None)  # urllib.error.HTTPError on Python < 3.9
    if isinstance(status, int) and callable(getattr(resp, "read", None)):
        # urllib.error.HTTPError (also a response), http.client.HTTPResponse,
        # what urllib.request.urlopen returns: reading consumes the body.
        headers = getattr(resp, "headers", None)
        if headers is None and callable(getattr(resp, "getheaders", None)):
            headers = resp.getheaders()
        if headers is not None:
            return status, headers, resp.read()
    raise TypeError(
        "errcat.from_response takes a requests.Response, an httpx.Response, a "
        "urllib.error.HTTPError or an http.client.HTTPResponse (what urlopen returns), "
        f"not {type(resp).__name__}; for anything else pass the parts to errcat.decode_response"
    )


def from_response(catalog, resp, *, now=None):
    """The error of an HTTP response object, or None when it is not an error.

    `resp` is a `requests.Response`, an `httpx.Response`, a
    `urllib.error.HTTPError` or an `http.client.HTTPResponse` (what
    `urllib.request.urlopen` returns). The status, the `Retry-After` and
    `Content-Type` headers and the body go to `errcat.decode_response`
    (see it for the rules); `now` is the clock an HTTP-date `Retry-After`
    is read against (a datetime, naive = UTC, or Unix seconds; default:
    the system clock).

    The body is read. requests and httpx keep it (`resp.content`; an
    unread httpx streaming response is read first; an async one must be
    `await resp.aread()` first). urllib and http.client do not: after this
    call `resp.read()` returns nothing more. What errcat kept of it is on
    the error: the decoded fields, or for a body that was not an error
    payload `body_excerpt` (its first 512 bytes as text, saying how many
    were cut) and `body_len`. To keep the whole body, read it yourself and
    call `errcat.decode_response(catalog, resp.status, resp.headers, body)`.

    Raises TypeError for an object it does not know, and DecodeError for
    an unknown catalog id or a status outside 100-599.
    """
    status, headers, body = _parts(resp)
    return decode_response(catalog, status, headers, body, now=now)


def raise_for_response(catalog, resp, *, now=None):
    """Raises the error of an HTTP response object (see `from_response`,
    which also says when the body is consumed); returns None when the
    response is not an error."""
    err = from_response(catalog, resp, now=now)
    if err is not None:
        raise err
