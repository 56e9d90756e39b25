"""errcat: one table of API error codes, as typed Python errors.

    >>> import errcat
    >>> errcat.lookup("spaces", "RATE_LIMITED").http_status
    429
    >>> try:
    ...     errcat.raise_for("spaces", b'{"error":{"code":"RATE_LIMITED","retry_after_ms":1500}}')
    ... except errcat.spaces.RateLimited as e:
    ...     print(e.retry_after_ms, e.kind)
    1500 resource_exhausted

The table lives in Rust (`errcat._native`); the exception classes of each
catalog are built from it the first time they are needed, so nothing here is
written by hand per code. See python/README.md.
"""

if "_export_catalog" in globals():
    # importlib.reload(errcat): the native module keeps the exception types
    # of the first import, so re-creating them here would split every class
    # in two. Refuse before anything is rebound.
    raise ImportError("errcat cannot be reloaded; restart the interpreter")

try:  # the C half of `operator`: importing `operator` itself costs more
    from _operator import attrgetter as _attrgetter
except ImportError:  # pragma: no cover - other Pythons
    from operator import attrgetter as _attrgetter

from errcat import _native
from errcat._native import (
    CATALOG_IDS,
    MAX_PAYLOAD_BYTES,
    Catalog,
    CatalogProblem,
    Category,
    Deprecation,
    Entry,
    LocalizedTexts,
    Minor,
    NsError,
    __version__,
    catalog,
    catalogs,
    class_name,
    clear_overlays,
    decode,
    decode_response,
    error_for,
    load_catalog,
    lookup,
    lookup_code,
    lookup_symbol,
    parse_catalog,
    register_overlay,
    search,
)

__all__ = [
    "CATALOG_IDS",
    "MAX_PAYLOAD_BYTES",
    "Catalog",
    "CatalogError",
    "CatalogProblem",
    "Category",
    "DecodeError",
    "Deprecation",
    "Entry",
    "ErrcatError",
    "Kind",
    "LocalizedTexts",
    "Minor",
    "NsError",
    "UnknownCatalogError",
    "UnknownCodeError",
    "__version__",
    "catalog",
    "catalogs",
    "class_name",
    "clear_overlays",
    "decode",
    "decode_response",
    "error_for",
    "from_response",
    "load_catalog",
    "lookup",
    "lookup_code",
    "lookup_symbol",
    "parse_catalog",
    "raise_for",
    "raise_for_response",
    "register_overlay",
    "search",
]


def _kind_enum():
    import enum  # not at import: `enum` and what it imports cost more than errcat

    kind = enum.Enum(
        "Kind",
        [(name.upper(), name) for name, _, _, _ in _native.KINDS],
        type=str,
        module=__name__,
        qualname="Kind",
    )
    info = {name: (grpc, http, retry) for name, grpc, http, retry in _native.KINDS}
    kind.__doc__ = (
        "The canonical error class shared by every catalog (the gRPC canonical "
        "codes). A str: `e.kind == \"not_found\"` works."
    )
    kind.__str__ = str.__str__  # type: ignore[method-assign]
    kind.__format__ = str.__format__  # type: ignore[method-assign]
    kind.grpc_code = property(lambda self: info[self.value][0], doc="The gRPC numeric code (0-16).")
    kind.http_status = property(lambda self: info[self.value][1], doc="The HTTP status gRPC maps this kind to.")
    kind.default_retryable = property(
        lambda self: info[self.value][2], doc="Whether errors of this kind are worth retrying by default."
    )
    return kind


# Built on first use, not at import: `Kind` (an enum: `import enum` and what
# it imports cost more than errcat itself) and the catalog modules
# (errcat.spaces, ...). Until then the module __getattr__ below finds them.
def _first_use():
    """Binds Kind and every catalog module, then drops the module
    __getattr__: a module with one is never specialized by CPython 3.11+,
    so every `errcat.lookup` would stay a slow attribute load. Called by
    errcat._native with the first Entry objects (which need Kind), so any
    use of a catalog gets there."""
    if "Kind" not in globals():
        # Two threads may both build it: the first one stored wins.
        globals().setdefault("Kind", _kind_enum())
    for cid in CATALOG_IDS:
        if cid not in globals():
            __import__(f"{__name__}.{cid}")
    globals().pop("__getattr__", None)
    globals().pop("__dir__", None)


def _kind():
    """errcat.Kind (handed to errcat._native, which asks for it on first use)."""
    _first_use()
    return globals()["Kind"]


def __getattr__(name):
    if name == "Kind":
        return _kind()
    if name in CATALOG_IDS:
        __import__(f"{__name__}.{name}")  # binds it here
        return globals()[name]
    raise AttributeError(f"module 'errcat' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | {"Kind", *CATALOG_IDS})


class DecodeError(ValueError):
    """A payload that is not an error at all (not UTF-8, not JSON, too large,
    no code...), or a decode against a catalog id that does not exist.
    `reason` is one of "unknown_catalog", "too_large", "empty",
    "invalid_utf8", "malformed", "missing_code". An unknown *code* is not a
    DecodeError: it decodes to the catalog's base class."""

    def __init__(self, message, reason):
        super().__init__(message)
        self.reason = reason

    def __reduce__(self):
        return (type(self), (str(self), self.reason))


class UnknownCatalogError(LookupError):
    """A lookup in a catalog id that does not exist. `reason` is
    "unknown_catalog". (`decode` reports an unknown catalog as a
    DecodeError with the same reason.)"""

    reason = "unknown_catalog"

    def __init__(self, message, catalog):
        super().__init__(message)
        self.catalog = catalog

    def __reduce__(self):
        return (type(self), (str(self), self.catalog))


class UnknownCodeError(LookupError):
    """The catalog has no entry for this code or symbol. `reason` is "unknown_code"."""

    reason = "unknown_code"

    def __init__(self, message, catalog, query):
        super().__init__(message)
        self.catalog = catalog
        self.query = query

    def __reduce__(self):
        return (type(self), (str(self), self.catalog, self.query))


class CatalogError(ValueError):
    """A catalog file failed to load or validate. `problems` lists every
    problem found, each naming the file, the entry and what is wrong; the
    message is all of them, one per line."""

    def __init__(self, message, problems):
        super().__init__(message)
        self.problems = list(problems)

    def __reduce__(self):
        return (type(self), (str(self), self.problems))


# The attributes an ErrcatError reads from its decoded data.
_FIELDS = (
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


def _field(name, doc):
    return property(_attrgetter("_e." + name), doc=doc)


class ErrcatError(Exception):
    """Base class of every error a server sent, in every catalog.

    Each catalog has a base class (`errcat.spaces.SpacesError`) and one
    subclass per entry (`errcat.spaces.RateLimited`); an unknown code
    decodes to the catalog's base class with the raw code and the server's
    message kept. `str(e)` is the server's message, else the table's.

    Raising an entry's class yourself (`raise errcat.spaces.RateLimited()`,
    optionally with a message) gives an error with that entry, as if a
    server had sent it without any extra fields.
    """

    #: The table row of this class; None for a catalog's base class (unknown codes).
    entry = None
    _catalog = None

    code = _field("code", "The table's integer code (for an unknown code: the raw integer, else 0).")
    symbol = _field("symbol", "The table's symbol (unknown: the raw string code, or 'UNKNOWN').")
    kind = _field("kind", "The canonical kind (errcat.Kind); Kind.UNKNOWN for an unknown code.")
    message = _field("message", "The server's message, else the table's.")
    server_message = _field("server_message", "The message the server sent, if any.")
    raw_code = _field("raw_code", "The code exactly as the server sent it, as a str.")
    is_unknown = _field("is_unknown", "True when the table does not know the code.")
    http_status = _field("http_status", "The entry's HTTP status (500 for an unknown code).")
    retryable = _field("retryable", "Whether retrying may succeed (always True when the server sent a delay).")
    minor = _field("minor", "The minor code the server sent, if any.")
    minor_detail = _field("minor_detail", "The documented detail of the minor code, if any.")
    reaction = _field("reaction", "What the client should do (the minor code's reaction, else the entry's).")
    retry_after_ms = _field("retry_after_ms", "Milliseconds to wait before retrying, as sent by the server.")
    missing_permission = _field("missing_permission", "The permission the caller lacks, as sent by the server.")
    wait = _field("wait", "The messenger protocol's wait parameter, as sent by the server.")
    catalog = _field("catalog", "The catalog id.")
    domain = _field("domain", "The catalog's NSError domain.")
    response_status = _field(
        "response_status", "The status of the HTTP response it came from (decode_response); None for a payload."
    )
    content_type = _field("content_type", "The response's Content-Type as sent (at most 128 characters), if any.")
    body_excerpt = _field(
        "body_excerpt",
        "For an error typed from the status: the start of the body as text (at most 512 bytes), "
        "ending with '… (N more bytes)' when cut. None when the body was an error payload.",
    )
    body_len = _field("body_len", "The size in bytes of the response's whole body; None for a payload.")
    is_from_status = _field(
        "is_from_status", "True when typed from the HTTP status alone (the body had no error code)."
    )

    def ns_error(self):
        """The NSError-shaped view (domain, code, user_info)."""
        return self._e.ns_error()

    def localized_message(self, locale=None):
        """The message to show in a locale: a registered (or the built-in
        en-XA) translation of the entry's message wins over the server's
        text; else `message`. `locale`: a str ("pt-BR" or "pt-BR,pt"), a
        list or tuple of str, or None for gettext's environment (LANGUAGE,
        LC_ALL, LC_MESSAGES, LANG)."""
        return self._e.localized_message(locale)

    def localized(self, locale=None):
        """The entry's texts (an errcat.LocalizedTexts: locale, message,
        causes, reaction, minor_codes) in a locale, as `localized_message`
        chooses it; None for an unknown code or a loaded catalog's entry."""
        return self._e.localized(locale)

    def __str__(self):
        try:
            return self._e.message
        except AttributeError:  # ErrcatError itself, raised by hand
            return Exception.__str__(self)

    def __repr__(self):
        try:
            e = self._e
        except AttributeError:
            return Exception.__repr__(self)
        extra = ""
        for name in ("minor", "retry_after_ms", "missing_permission", "wait"):
            value = getattr(e, name)
            if value is not None:
                extra += f", {name}={value!r}"
        return f"{type(self).__qualname__}(code={e.code!r}, symbol={e.symbol!r}, message={e.message!r}{extra})"

    def __getattr__(self, name):
        # Only reached when normal lookup fails: `_e` is missing on an error
        # built by hand, or a field property failed because of that.
        if name == "_e":
            cat = type(self)._catalog
            if cat is None:
                raise AttributeError(
                    f"{type(self).__name__} has no catalog: raise a catalog's class "
                    "(errcat.spaces.RateLimited) or use errcat.decode"
                )
            args = self.args
            message = args[0] if len(args) == 1 and isinstance(args[0], str) else None
            data = cat._error_data(type(self).entry, message)
            self._e = data
            return data
        if name in _FIELDS:
            self._e  # noqa: B018 - raises the explanation
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __reduce__(self):
        data = self._e
        state = {k: v for k, v in self.__dict__.items() if k != "_e"}
        if type(self) is data.error_class():
            # A class errcat built: found again from the catalog on unpickling,
            # so it unpickles to the very same class (also for loaded catalogs).
            return (_restore, (data, self.args), state or None)
        # A user's subclass: pickled by reference as usual.
        state["_e"] = data
        return (type(self), self.args, state)


def _restore(data, args):
    inst = data.error_class()(*args)
    inst._e = data
    return inst


def _build_classes(cat):
    """Builds a catalog's classes from its entries (called once per catalog
    by errcat._native): the base class, one subclass per entry, and the
    `Code` IntEnum."""
    module = cat.module
    base_name = cat.base_class_name
    base = type(
        base_name,
        (ErrcatError,),
        {
            "__module__": module,
            "__qualname__": base_name,
            "__doc__": f"Base class of every error of the {cat.id} catalog ({cat.name}); "
            "also the class of a code the table does not know.",
            "_catalog": cat,
            "entry": None,
        },
    )
    classes = tuple(
        type(
            e.type_name,
            (base,),
            {
                "__module__": module,
                "__qualname__": e.type_name,
                "__doc__": f"{e.symbol} ({cat.id} {e.code}, {e.kind.value}, HTTP {e.http_status}): {e.message}",
                "entry": e,
            },
        )
        for e in cat.entries
    )
    import enum

    code = enum.IntEnum(
        "Code", [(e.enum_name, e.code) for e in cat.entries], module=module, qualname="Code"
    )
    code.__doc__ = f"The codes of the {cat.id} catalog."
    return base, classes, code


_native._setup(DecodeError, UnknownCatalogError, UnknownCodeError, CatalogError, _kind, _build_classes)


def raise_for(catalog, payload):
    """Decodes a payload (bytes, str or dict) and raises the error it holds."""
    raise decode(catalog, payload)


# The response adapters of from_response / raise_for_response (the rule
# itself is the core's decode_response). Duck-typed: requests and httpx are
# never imported, so errcat works without them installed.


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


def _export_catalog(namespace, catalog_id, deprecated=()):
    """Fills a per-catalog module (errcat.spaces, ...) with its classes,
    except the deprecated ones; returns every exported name's object."""
    cat = _native.catalog(catalog_id)
    base = cat.base_class
    exported = {base.__name__: base, "Code": cat.Code, "CATALOG": cat}
    for cls in cat.error_classes:
        if cls.__name__ in exported:
            raise ImportError(f"errcat.{catalog_id}: class name {cls.__name__} is taken twice")
        exported[cls.__name__] = cls
    if list(exported) != namespace.get("__all__"):
        raise ImportError(f"errcat.{catalog_id} is stale: regenerate it with errcat-codegen")
    namespace.update((n, c) for n, c in exported.items() if n not in deprecated)
    return exported


def _catalog_module_hooks(namespace, catalog_id, deprecated=None):
    """The module-level __getattr__ and __dir__ of a per-catalog module: the
    first attribute asked for builds the catalog's classes into the module,
    then __getattr__ removes itself so later lookups are plain (and, on
    CPython 3.11+, specialized) module attribute loads.

    `deprecated` maps the class names of deprecated entries to their
    deprecation message (generated, codegen::deprecation_message). Those
    classes never become module attributes, so every use by name reaches
    __getattr__, which warns (DeprecationWarning) and returns the class; a
    decode still gives the class without a warning."""
    deprecated = dict(deprecated or {})
    hidden = {}

    def __getattr__(name):
        if name.startswith("__") or name not in namespace["__all__"]:
            raise AttributeError(f"module 'errcat.{catalog_id}' has no attribute {name!r}")
        if name not in namespace and name not in hidden:
            exported = _export_catalog(namespace, catalog_id, deprecated)
            hidden.update((n, exported[n]) for n in deprecated)
            if not deprecated:
                namespace.pop("__getattr__", None)
        if name in deprecated:
            import warnings  # only here: `import errcat` stays cheap

            warnings.warn(deprecated[name], DeprecationWarning, stacklevel=2)
            return hidden[name]
        return namespace[name]

    def __dir__():
        return sorted(set(namespace) | set(namespace["__all__"]))

    return __getattr__, __dir__
