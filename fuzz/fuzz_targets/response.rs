//! Decoding hostile HTTP responses (`errcat::decode_response_with`).
//!
//! Input layout:
//!
//! * byte 0: the catalog (`% N`, public order);
//! * bytes 1-2: the status, u16 little endian: below 0x8000 it is
//!   `100 + v % 500` (a valid status), else `v - 0x8000` (mostly invalid);
//! * bytes 3-6: the clock, u32 little endian, Unix seconds;
//! * then the headers, up to the first NUL byte: lines split at `\n`, each
//!   `name:value` split at the first `:` (invalid UTF-8 replaced);
//! * after that NUL, the body.
//!
//! Invariants checked on every input, besides "never panics": the built-in
//! catalog and the same catalog loaded from its file agree; a status outside
//! 100-599 is `malformed` and any other status decodes; status 400 and up is
//! always an error, below 400 only an error payload (a JSON object) is; the
//! response's status and whole body length are kept; an error typed from the
//! status has code = status, symbol `HTTP_<status>`, is unknown, and carries
//! an excerpt that is the body's start and says how many bytes it cut; an
//! error from a payload agrees with `errcat::decode` of the body; the delay
//! is the body's own when it has one, else the first `Retry-After` header's
//! (delta-seconds checked against an independent reading), never over a day.

#![no_main]

mod common;

use errcat::http::{parse_retry_after, MAX_EXCERPT_BYTES, MAX_RETRY_AFTER_MS};
use errcat::{ApiError, CatalogRef, DecodeError, RawCode, ResponseParts};
use libfuzzer_sys::fuzz_target;
use std::time::{Duration, UNIX_EPOCH};

fuzz_target!(|data: &[u8]| {
    if data.len() < 7 {
        return;
    }
    let (builtin, loaded) = common::pair(data[0]);
    let raw = u16::from_le_bytes([data[1], data[2]]);
    let status = if raw < 0x8000 {
        100 + raw % 500
    } else {
        raw - 0x8000
    };
    let secs = u32::from_le_bytes([data[3], data[4], data[5], data[6]]);
    let now = UNIX_EPOCH + Duration::from_secs(u64::from(secs));
    let rest = &data[7..];
    let (head, body) = match rest.iter().position(|&b| b == 0) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &[][..]),
    };
    let head = String::from_utf8_lossy(head);
    let headers: Vec<(&str, &str)> = head
        .split('\n')
        .map(|line| line.split_once(':').unwrap_or((line, "")))
        .collect();
    let parts = ResponseParts::from_headers(status, &headers, body);

    let a = errcat::decode_response_with(builtin, &parts, now);
    let b = errcat::decode_response_with(CatalogRef::Loaded(loaded), &parts, now);
    match (&a, &b) {
        (Ok(Some(x)), Ok(Some(y))) => {
            assert!(common::same(x.entry(), y.entry()), "built-in and loaded disagree");
            assert_eq!(x.ns_error(), y.ns_error(), "built-in and loaded disagree");
        }
        (Ok(None), Ok(None)) => {}
        (Err(x), Err(y)) => assert_eq!(x, y, "built-in and loaded fail differently"),
        _ => panic!("built-in gives {a:?}, loaded gives {b:?}"),
    }

    if !(100..=599).contains(&status) {
        assert!(matches!(a, Err(DecodeError::Malformed(_))), "status {status}: {a:?}");
        return;
    }
    let first = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.trim().eq_ignore_ascii_case(name))
            .map(|(_, v)| *v)
    };
    let header_delay = first("retry-after").and_then(|v| parse_retry_after(v, now));
    if let Some(v) = first("retry-after") {
        check_delta_seconds(v, header_delay);
    }
    match a.expect("a status in 100-599 decodes") {
        None => assert!(status < 400, "status {status} gave no error"),
        Some(e) => check_error(&builtin.id, status, &parts, header_delay, &e),
    }
});

/// Delta-seconds read independently: ASCII digits (spaces and tabs around
/// them allowed) in at most 256 bytes are `min(secs * 1000, one day)`.
fn check_delta_seconds(value: &str, got: Option<u64>) {
    let v = value.trim_matches(|c| c == ' ' || c == '\t');
    if value.len() <= 256 && !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        let digits = v.trim_start_matches('0');
        let want = if digits.len() > 6 {
            MAX_RETRY_AFTER_MS
        } else {
            (digits.parse::<u64>().unwrap_or(0) * 1000).min(MAX_RETRY_AFTER_MS)
        };
        assert_eq!(got, Some(want), "Retry-After {value:?}");
    }
    if let Some(ms) = got {
        assert!(ms <= MAX_RETRY_AFTER_MS);
    }
}

fn check_error(
    catalog: &str,
    status: u16,
    parts: &ResponseParts<'_>,
    header_delay: Option<u64>,
    e: &ApiError,
) {
    let body = parts.body;
    assert_eq!(e.response_status(), Some(status));
    assert_eq!(e.body_len(), Some(body.len()));
    assert_eq!(e.content_type().is_some(), parts.content_type.is_some());
    let ns = e.ns_error();
    assert_eq!(ns.response_status, Some(status));
    assert_eq!(ns.from_status, e.is_from_status());
    if e.is_from_status() {
        assert!(status >= 400, "a status below 400 typed an error from the status");
        assert!(e.is_unknown());
        assert_eq!(e.code(), i64::from(status));
        assert_eq!(e.raw_code(), &RawCode::Int(i64::from(status)));
        assert_eq!(e.symbol(), format!("HTTP_{status}"));
        assert_eq!(e.retry_after_ms(), header_delay, "the header's delay is lost");
        check_excerpt(e.body_excerpt().expect("an error typed from the status has an excerpt"), body);
        assert_eq!(ns.body_excerpt.as_deref(), e.body_excerpt());
    } else {
        assert!(e.body_excerpt().is_none());
        let b = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
        if status < 400 {
            let first = b.iter().find(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r'));
            assert_eq!(first, Some(&b'{'), "a 2xx/3xx error from a body that is not an object");
        }
        let plain = errcat::decode(catalog, body).expect("a payload error is a payload");
        assert!(common::same(e.entry(), plain.entry()));
        assert_eq!(e.raw_code(), plain.raw_code());
        assert_eq!(e.server_message(), plain.server_message());
        let want = plain.retry_after_ms().or(header_delay);
        assert_eq!(e.retry_after_ms(), want, "the body's delay wins, else the header's");
    }
}

/// The excerpt is the body's start (lossy UTF-8) and says how much it cut.
fn check_excerpt(x: &str, body: &[u8]) {
    if body.len() <= MAX_EXCERPT_BYTES {
        assert_eq!(x, String::from_utf8_lossy(body), "a short body is kept whole");
        return;
    }
    let (kept, tail) = x.rsplit_once("… (").expect("a cut excerpt says so");
    let cut: usize = tail
        .strip_suffix(" more bytes)")
        .and_then(|n| n.parse().ok())
        .expect("the excerpt says how many bytes it cut");
    let n = body.len() - cut;
    assert!(n <= MAX_EXCERPT_BYTES && n + 3 >= MAX_EXCERPT_BYTES, "kept {n} bytes");
    assert_eq!(kept, String::from_utf8_lossy(&body[..n]));
}
