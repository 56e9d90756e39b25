"""HTTP responses in, typed errors out (issue 14): every shared HTTP vector
through `errcat.decode_response`, and through real clients (urllib,
http.client, requests, httpx) fetching it from the shared fixture server
tests/http/server.py; plus the adapters' and the arguments' failures.

requests and httpx are installed by scripts/test-python.sh: a missing one is
a failure here, never a skip.
"""

import copy
import datetime
import email.message
import http.client
import pickle
import subprocess
import sys
import urllib.error
import urllib.request

import httpx
import pytest
import requests

import errcat
from conftest import ROOT, load_cases, strict_equal

CASES = load_cases("responses")
SERVER = ROOT / "tests" / "http" / "server.py"

# Every `expect` field of tests/vectors/http.json (README there), read off the error.
FIELDS = {
    "known": lambda e: not e.is_unknown,
    "from_status": lambda e: e.is_from_status,
    "code": lambda e: e.code,
    "symbol": lambda e: e.symbol,
    "kind": lambda e: e.kind.value,
    "message": lambda e: e.message,
    "retryable": lambda e: e.retryable,
    "retry_after_ms": lambda e: e.retry_after_ms,
    "response_status": lambda e: e.response_status,
    "http_status": lambda e: e.http_status,
    "content_type": lambda e: e.content_type,
    "body_excerpt": lambda e: e.body_excerpt,
    "body_len": lambda e: e.body_len,
    "minor": lambda e: e.minor,
    "domain": lambda e: e.domain,
}

# Every attribute an error has, compared after pickling.
ALL_FIELDS = (
    "code", "symbol", "kind", "message", "server_message", "raw_code", "is_unknown", "http_status",
    "retryable", "minor", "minor_detail", "reaction", "retry_after_ms", "missing_permission", "wait",
    "catalog", "domain", "response_status", "content_type", "body_excerpt", "body_len", "is_from_status",
)


def body_of(case):
    if "body" in case:
        return case["body"].encode("utf-8")
    if "body_hex" in case:
        return bytes.fromhex(case["body_hex"])
    g = case["body_gen"]
    return (g["prefix"] + g["repeat"] * g["count"] + g.get("suffix", "")).encode("utf-8")


def check(got, case, how):
    """`got` (an error or None) against the case's `expect`, field by field."""
    want = case["expect"]
    name = f"{case['name']} ({how})"
    if want["error"] is False:
        assert got is None, f"{name}: expected no error, got {got!r}"
        return
    assert isinstance(got, errcat.ErrcatError), f"{name}: expected an error, got {got!r}"
    for field, w in want.items():
        if field == "error":
            continue
        assert field in FIELDS, f"vector field {field!r} is not handled by the Python tests"
        g = FIELDS[field](got)
        assert strict_equal(g, w), f"{name}: {field}: got {g!r}, want {w!r}"
    cat = errcat.catalog(case["catalog"])
    # The class is chosen as `decode` chooses it: the entry's class, else
    # (a code the table does not know, or an error typed from the status)
    # the catalog's base class.
    if got.is_unknown:
        assert type(got) is cat.base_class, name
    else:
        assert type(got) is cat.class_for(got.code), name
    assert str(got) == got.message
    assert got.response_status == case["status"], name
    if got.is_from_status:
        assert got.symbol == f"HTTP_{case['status']}" and got.is_unknown, name
        assert got.body_excerpt is not None and got.body_len == len(body_of(case)), name
    else:
        assert got.body_excerpt is None, name


def test_vectors_present():
    # The suite must not pass by finding nothing (tests/vectors/http.json has 58).
    assert len(CASES) >= 58


# ---------------------------------------------------------------------------
# (a) The parts, straight into decode_response.


@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[i for i, _ in CASES])
def test_decode_response(case):
    body = body_of(case)
    pairs = [tuple(h) for h in case["headers"]]
    args = (case["status"], pairs, body)
    check(errcat.decode_response(case["catalog"], *args, now=case["now"]), case, "pairs")
    # The Catalog method, headers as an email.message.Message (what urllib
    # holds) and the clock as an aware datetime say the same.
    msg = email.message.Message()
    for k, v in pairs:
        msg[k] = v
    now = datetime.datetime.fromtimestamp(case["now"], datetime.timezone.utc)
    cat = errcat.catalog(case["catalog"])
    check(cat.decode_response(case["status"], msg, body, now=now), case, "Catalog.decode_response")
    # A naive datetime is UTC.
    check(errcat.decode_response(case["catalog"], *args, now=now.replace(tzinfo=None)), case, "naive now")


@pytest.mark.parametrize("case", [c for _, c in CASES if c["expect"]["error"]],
                         ids=[i for i, c in CASES if c["expect"]["error"]])
def test_pickle_response_error(case):
    e = errcat.decode_response(case["catalog"], case["status"], case["headers"], body_of(case), now=case["now"])
    for back in (pickle.loads(pickle.dumps(e)), copy.copy(e)):
        assert type(back) is type(e)
        for f in ALL_FIELDS:
            assert strict_equal(getattr(back, f), getattr(e, f)), f
        assert back.ns_error() == e.ns_error() and str(back) == str(e) and back.args == e.args
        check(back, case, "unpickled")


# ---------------------------------------------------------------------------
# (b) Real clients against the shared fixture server.


@pytest.fixture(scope="module")
def server():
    proc = subprocess.Popen(
        [sys.executable, str(SERVER), "--exit-on-eof"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        line = proc.stdout.readline()
        assert line.startswith("port "), f"server.py said {line!r}"
        yield f"http://127.0.0.1:{int(line.split()[1])}"
    finally:
        proc.stdin.close()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def via_urllib(url, case):
    # No proxy from the environment: the server is local.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        resp = opener.open(url, timeout=30)
    except urllib.error.HTTPError as err:  # status 300 and up
        with err:
            return errcat.from_response(case["catalog"], err, now=case["now"])
    with resp:
        assert isinstance(resp, http.client.HTTPResponse)
        return errcat.from_response(case["catalog"], resp, now=case["now"])


def via_http_client(url, case):
    host, port = url.split("//")[1].split("/")[0].split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        conn.request("GET", "/" + url.split("/", 3)[3])
        return errcat.from_response(case["catalog"], conn.getresponse(), now=case["now"])
    finally:
        conn.close()


def via_requests(url, case, stream=False):
    with requests.Session() as s:
        s.trust_env = False
        resp = s.get(url, timeout=30, stream=stream, allow_redirects=False)
        with resp:
            return errcat.from_response(case["catalog"], resp, now=case["now"])


def via_httpx(url, case, stream=False):
    with httpx.Client(trust_env=False, timeout=30) as client:
        if not stream:
            return errcat.from_response(case["catalog"], client.get(url), now=case["now"])
        with client.stream("GET", url) as resp:
            assert not resp.is_stream_consumed
            return errcat.from_response(case["catalog"], resp, now=case["now"])


CLIENTS = {
    "urllib": via_urllib,
    "http.client": via_http_client,
    "requests": via_requests,
    "requests-stream": lambda url, case: via_requests(url, case, stream=True),
    "httpx": via_httpx,
    "httpx-stream": lambda url, case: via_httpx(url, case, stream=True),
}


@pytest.mark.parametrize("client", list(CLIENTS))
@pytest.mark.parametrize("case", [c for _, c in CASES], ids=[i for i, _ in CASES])
def test_real_client(server, client, case):
    got = CLIENTS[client](f"{server}/{case['name']}", case)
    check(got, case, client)


def test_raise_for_response_requests(server):
    case = next(c for _, c in CASES if c["name"] == "proxy-html-503-retry-after")
    resp = requests.get(f"{server}/{case['name']}", timeout=30, proxies={"http": "", "https": ""})
    with pytest.raises(errcat.rtc.RtcError) as info:
        errcat.raise_for_response("rtc", resp, now=case["now"])
    e = info.value
    assert (e.kind, e.retryable, e.retry_after_ms, e.is_from_status) == (errcat.Kind.UNAVAILABLE, True, 120000, True)
    # requests keeps the body.
    assert resp.content == body_of(case)
    ok = requests.get(f"{server}/ok-200-data", timeout=30, proxies={"http": "", "https": ""})
    assert errcat.raise_for_response("spaces", ok) is None
    assert ok.json() is not None


def test_raise_for_response_entry_class(server):
    with httpx.Client(trust_env=False) as client:
        resp = client.get(f"{server}/spaces-envelope-retry-after")
    with pytest.raises(errcat.spaces.RateLimited) as info:
        errcat.raise_for_response("spaces", resp)
    assert info.value.retry_after_ms == 1500 and info.value.response_status == 429


def test_urllib_body_is_consumed_but_kept_on_the_error(server):
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with pytest.raises(urllib.error.HTTPError) as info:
        opener.open(f"{server}/proxy-html-502", timeout=30)
    with info.value as err:
        e = errcat.from_response("rtc", err)
        assert err.read() == b""  # consumed, as documented
    assert e.body_excerpt.startswith("<") and e.body_len == len(e.body_excerpt.encode())
    # Reading the body first and passing the parts keeps it whole.
    with pytest.raises(urllib.error.HTTPError) as info:
        opener.open(f"{server}/proxy-html-502", timeout=30)
    with info.value as err:
        body = err.read()
        e2 = errcat.decode_response("rtc", err.code, err.headers, body)
    assert e2.body_excerpt == body.decode() and e2.symbol == e.symbol


def test_loaded_catalog(server):
    cat = errcat.parse_catalog(
        '[catalog]\nid = "mine"\nname = "Mine"\nwire = "int"\n'
        '[[category]]\nid = "a"\nname = "A"\n'
        '[[entry]]\ncode = 7\nsymbol = "SEVEN"\nmessage = "Seven"\ncategory = "a"\nkind = "internal"\n',
        "toml",
    )
    e = cat.decode_response(503, {"retry-after": "3"}, "")
    assert type(e) is cat.base_class and e.is_from_status and e.retry_after_ms == 3000
    assert e.kind is errcat.Kind.UNAVAILABLE and e.catalog == "mine"
    assert type(cat.decode_response(500, {}, b'{"code":7}')) is cat.class_for(7)
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is type(e) and back.retry_after_ms == 3000 and back.body_len == 0
    # A loaded catalog goes through the adapters too.
    with requests.get(f"{server}/empty-429-retry-after", timeout=30, proxies={"http": "", "https": ""}) as resp:
        e = errcat.from_response(cat, resp, now=0)
    assert e.retry_after_ms == 30000 and e.symbol == "HTTP_429"


# ---------------------------------------------------------------------------
# Bad input: a clear TypeError or DecodeError, never a crash.


@pytest.mark.parametrize("status", [99, 600, -1, 0, 65535, 65536, 2**70, -(2**70)])
def test_status_outside_100_599_is_malformed(status):
    with pytest.raises(errcat.DecodeError) as info:
        errcat.decode_response("spaces", status, {}, b"")
    assert info.value.reason == "malformed"
    assert str(status) in str(info.value)


def test_unknown_catalog(server):
    with pytest.raises(errcat.DecodeError) as info:
        errcat.decode_response("nope", 503, {}, b"")
    assert info.value.reason == "unknown_catalog"
    with requests.get(f"{server}/proxy-html-503", timeout=30, proxies={"http": "", "https": ""}) as resp:
        with pytest.raises(errcat.DecodeError) as info:
            errcat.raise_for_response("nope", resp)
    assert info.value.reason == "unknown_catalog"
    with pytest.raises(TypeError):
        errcat.decode_response(None, 503, {}, b"")


@pytest.mark.parametrize(
    "args, what",
    [
        (("503", {}, b""), "status must be an int"),
        ((503.0, {}, b""), "status must be an int"),
        ((True, {}, b""), "status must be an int"),
        ((None, {}, b""), "status must be an int"),
        ((503, "Retry-After: 5", b""), "headers must be"),
        ((503, b"Retry-After: 5", b""), "headers must be"),
        ((503, 5, b""), "headers must be"),
        ((503, None, b""), "headers must be"),
        ((503, {b"Retry-After": "5"}, b""), "header name must be a str"),
        ((503, {"Retry-After": 5}, b""), "header value must be a str"),
        ((503, {"Retry-After": b"5"}, b""), "header value must be a str"),
        ((503, {"Retry-After": ["5"]}, b""), "header value must be a str"),
        ((503, [("Retry-After", "5", "x")], b""), "(name, value) pair"),
        ((503, ["Retry-After"], b""), "(name, value) pair"),
        ((503, [None], b""), "(name, value) pair"),
        ((503, {}, 5), "body must be"),
        ((503, {}, None), "body must be"),
        ((503, {}, {"code": 1}), "body must be"),
        ((503, {}, [1, 2]), "body must be"),
    ],
)
def test_wrong_types(args, what):
    with pytest.raises(TypeError, match=__import__("re").escape(what)):
        errcat.decode_response("spaces", *args)


@pytest.mark.parametrize("now", ["2015-10-21", datetime.date(2015, 10, 21), True, [1], object()])
def test_wrong_clock_types(now):
    with pytest.raises(TypeError, match="now must be a datetime or Unix seconds"):
        errcat.decode_response("spaces", 503, {}, b"", now=now)


@pytest.mark.parametrize("now", [float("nan"), float("inf"), 2**64, -(2**64), 1e300])
def test_clock_out_of_range(now):
    with pytest.raises(ValueError, match="now is out of range"):
        errcat.decode_response("spaces", 503, {}, b"", now=now)


def test_clock_forms_agree():
    h = {"Retry-After": "Wed, 21 Oct 2015 07:30:00 GMT"}
    at = 1445412480  # 07:28:00
    tz = datetime.timezone(datetime.timedelta(hours=2))
    forms = [at, float(at), datetime.datetime(2015, 10, 21, 7, 28), datetime.datetime(2015, 10, 21, 9, 28, tzinfo=tz)]
    for now in forms:
        assert errcat.decode_response("spaces", 503, h, b"", now=now).retry_after_ms == 120000, now
    # Sub-second clocks are kept to the millisecond.
    assert errcat.decode_response("spaces", 503, h, b"", now=at + 0.25).retry_after_ms == 119750
    d = datetime.datetime(2015, 10, 21, 7, 28, 0, 250000)
    assert errcat.decode_response("spaces", 503, h, b"", now=d).retry_after_ms == 119750
    # The default is the system clock: a date long past is 0.
    assert errcat.decode_response("spaces", 503, h, b"").retry_after_ms == 0


def test_body_forms_agree():
    body = '{"error":{"code":"RATE_LIMITED","message":"é"}}'
    raw = body.encode()
    for b in (raw, bytearray(raw), memoryview(raw), body, memoryview(b"xx" + raw)[2:]):
        e = errcat.decode_response("spaces", 429, [], b)
        assert type(e) is errcat.spaces.RateLimited and e.message == "é" and e.body_len == len(raw)


def test_header_forms_agree():
    want = errcat.decode_response("spaces", 503, [("Retry-After", "5"), ("Content-Type", "text/html")], b"<p>")
    msg = email.message.Message()
    msg["retry-after"] = "5"
    msg["CONTENT-TYPE"] = "text/html"
    forms = [
        {"Retry-After": "5", "Content-Type": "text/html"},
        (["retry-after", "5"], ["content-type", "text/html"]),
        iter([("RETRY-AFTER", "5"), ("Content-Type", "text/html")]),
        requests.structures.CaseInsensitiveDict({"retry-after": "5", "content-type": "text/html"}),
        httpx.Headers({"Retry-After": "5", "Content-Type": "text/html"}),
        msg,
    ]
    for h in forms:
        e = errcat.decode_response("spaces", 503, h, b"<p>")
        assert (e.retry_after_ms, e.content_type) == (want.retry_after_ms, want.content_type), h


def test_repeated_header_first_counts():
    # httpx.Headers joins repeated names in items(); its multi_items() keeps them apart.
    h = httpx.Headers([("Retry-After", "5"), ("Retry-After", "9")])
    assert errcat.decode_response("spaces", 503, h, b"").retry_after_ms == 5000
    msg = email.message.Message()
    msg["Retry-After"] = "5"
    msg["Retry-After"] = "9"
    assert errcat.decode_response("spaces", 503, msg, b"").retry_after_ms == 5000


HOSTILE_RETRY_AFTER = [
    "9" * 100_000,
    "1" * 257,
    "Wed, 21 Oct 2015 07:30:00 GMT" + " " * 10_000,
    "\x00\x01\x7f",
    "\ud800",
    "é" * 1000,
    "Fri, 31 Dec 99999 23:59:59 GMT",
    "Thu, 01 Jan 1970 00:00:00 GMT",
    "-0",
    "  120  ",
    "\r\n120",
    "1e9",
    "0x10",
    "18446744073709551616",
]


@pytest.mark.parametrize("value", HOSTILE_RETRY_AFTER, ids=range(len(HOSTILE_RETRY_AFTER)))
def test_hostile_retry_after_keeps_the_excerpt(value):
    body = b"<html>" + b"x" * 2000 + b"</html>"
    e = errcat.decode_response("rtc", 503, [("Retry-After", value), ("Content-Type", value)], body, now=0)
    assert e.is_from_status and e.kind is errcat.Kind.UNAVAILABLE and e.retryable
    assert e.body_len == len(body)
    assert e.body_excerpt.startswith("<html>xxx") and e.body_excerpt.endswith(f"… ({len(body) - 512} more bytes)")
    assert e.retry_after_ms is None or 0 <= e.retry_after_ms <= 86_400_000
    assert e.content_type is None or len(e.content_type) <= 129
    pickle.loads(pickle.dumps(e))


def test_huge_header_count_and_sizes():
    headers = [(f"X-{i}", "v" * 100) for i in range(20_000)] + [("Retry-After", "7")]
    e = errcat.decode_response("rtc", 503, headers, b"")
    assert e.retry_after_ms == 7000 and e.body_excerpt == ""


def test_adapter_rejects_unknown_objects():
    for resp in (object(), "http://x", b"HTTP/1.1 503", 503, {"status": 503}, None):
        with pytest.raises(TypeError, match="from_response takes a requests.Response"):
            errcat.from_response("spaces", resp)
        with pytest.raises(TypeError):
            errcat.raise_for_response("spaces", resp)


def test_adapter_without_the_server_response_types():
    # An unsent requests.Response (status None) is not a response.
    with pytest.raises(TypeError):
        errcat.from_response("spaces", requests.models.Response())


def test_from_response_attributes_are_none_without_a_response():
    e = errcat.decode("spaces", b'{"error":{"code":"RATE_LIMITED"}}')
    assert (e.response_status, e.content_type, e.body_excerpt, e.body_len, e.is_from_status) == (
        None, None, None, None, False)
    e = errcat.spaces.RateLimited()
    assert (e.response_status, e.body_excerpt, e.is_from_status) == (None, None, False)


def test_import_needs_neither_requests_nor_httpx(server):
    code = (
        "import sys\n"
        "sys.modules['requests'] = None\n"
        "sys.modules['httpx'] = None\n"
        "import errcat, http.client\n"
        f"c = http.client.HTTPConnection('127.0.0.1', {server.rsplit(':', 1)[1]}, timeout=30)\n"
        "c.request('GET', '/proxy-html-503')\n"
        "e = errcat.from_response('rtc', c.getresponse())\n"
        "assert e.kind == 'unavailable' and e.is_from_status, e\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/")
    assert out.returncode == 0 and out.stdout == "ok\n", out.stdout + out.stderr
    out = subprocess.run(
        [sys.executable, "-c", "import errcat, sys; print(sorted({'requests', 'httpx'} & set(sys.modules)))"],
        capture_output=True, text=True, cwd="/",
    )
    assert out.stdout == "[]\n", out.stdout + out.stderr


# The adapter examples of python/README.md (```py blocks of its "HTTP
# responses" section, which need a URL) run against the fixture server.
README = (ROOT / "python" / "README.md").read_text(encoding="utf-8")
HTTP_SECTION = README.split("\n## HTTP responses\n", 1)[1].split("\n## ", 1)[0]
README_BLOCKS = __import__("re").findall(r"```py\n(.*?)```", HTTP_SECTION, flags=__import__("re").S)


def test_readme_adapter_examples_present():
    assert len(README_BLOCKS) == 3  # requests, httpx, urllib


@pytest.mark.parametrize("n", range(len(README_BLOCKS)))
def test_readme_adapter_example(server, n, monkeypatch):
    for var in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    code = compile(README_BLOCKS[n], f"README.md HTTP example {n + 1}", "exec")
    ok = {"__name__": "readme_example", "URL": f"{server}/ok-200-data"}
    exec(code, ok)
    assert ok["data"]
    with pytest.raises(errcat.spaces.SpacesError) as info:
        exec(code, {"__name__": "readme_example", "URL": f"{server}/proxy-html-503-retry-after"})
    e = info.value
    assert e.is_from_status and e.kind is errcat.Kind.UNAVAILABLE and e.retry_after_ms is not None
