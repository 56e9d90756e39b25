//! A whole HTTP response in, a typed error (or none) out.
//!
//! [`decode_response`] takes the status, the headers that matter
//! (`Retry-After`, `Content-Type`; names are case-insensitive, the first
//! occurrence of each counts) and the body. No HTTP client here: callers
//! hand over what their client received.
//!
//! # Rules
//!
//! * **The body is an error payload** when it decodes as [`decode`](fn@crate::decode)
//!   would, with these guards: with a `Content-Type` that is not JSON
//!   (`application/json`, `text/json`, `*/*+json`), only a JSON object is
//!   read (a `text/plain` body `404` is not the code 404); below status 400,
//!   also only a JSON object (a 2xx body `42` is data, not a code).
//! * **Status 400 and up**: a payload gives the error as today, keeping the
//!   response status ([`ApiError::response_status`]) and content type. A
//!   body that is not a payload (HTML, empty, plain text, JSON without a
//!   code, not UTF-8, over [`MAX_PAYLOAD_BYTES`](crate::MAX_PAYLOAD_BYTES)) gives an error typed from
//!   the status ([`ApiError::is_from_status`]): kind
//!   [`Kind::from_http_status`](crate::Kind::from_http_status) (401 unauthenticated, 403
//!   permission_denied, 404 not_found, 429 resource_exhausted, 502/503
//!   unavailable, 504 deadline_exceeded, other 5xx internal), retryable
//!   by that kind's default, symbol `HTTP_<status>`, code the status, in the
//!   catalog's domain, with a bounded [`ApiError::body_excerpt`].
//! * **Below 400** (2xx, and the 1xx/3xx a client did not act on): an error
//!   only when the body is an error payload with a code; else `Ok(None)`.
//! * **Retry-After** ([`parse_retry_after`]): delta-seconds (digits only)
//!   or an HTTP-date (IMF-fixdate, and the obsolete RFC 850 and asctime
//!   forms HTTP requires recipients to accept) relative to the caller's
//!   `now`. A date in the past means 0. Anything else (a sign, a fraction,
//!   garbage, a value over [`MAX_HEADER_VALUE_BYTES`]) is ignored. Delays
//!   are clamped to [`MAX_RETRY_AFTER_MS`] (one day).
//! * **Which delay wins**: the body's `retry_after_ms` when the body has
//!   one (it is the API's own, in milliseconds); else `Retry-After`.
//! * The only failures ([`DecodeError`]) are an unknown catalog id and a
//!   status outside 100–599 (`malformed`).
//!
//! ```
//! use std::time::{Duration, UNIX_EPOCH};
//! let now = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
//! let html = b"<html><body>502 Bad Gateway</body></html>";
//! let err = errcat::decode_response(
//!     "spaces", 503, [("retry-after", "120"), ("Content-Type", "text/html")], html, now,
//! ).unwrap().unwrap();
//! assert_eq!(err.kind(), errcat::Kind::Unavailable);
//! assert!(err.retryable() && err.is_from_status());
//! assert_eq!(err.retry_after_ms(), Some(120_000));
//! assert_eq!(err.body_excerpt(), Some("<html><body>502 Bad Gateway</body></html>"));
//! assert!(errcat::decode_response("spaces", 200, [("a", "b")], b"{}", now).unwrap().is_none());
//! ```

use crate::decode::{decode_with, ApiError, CatalogRef, DecodeError};
use std::time::SystemTime;

/// Longest delay a `Retry-After` header may ask for, in milliseconds (one
/// day); longer ones are clamped to it.
pub const MAX_RETRY_AFTER_MS: u64 = 24 * 60 * 60 * 1000;
/// Longest `Retry-After` value read, in bytes; longer values are ignored.
pub const MAX_HEADER_VALUE_BYTES: usize = 256;
/// Most body bytes an excerpt keeps (cut at a character boundary).
pub const MAX_EXCERPT_BYTES: usize = 512;
/// Most characters of a `Content-Type` kept.
pub const MAX_CONTENT_TYPE_CHARS: usize = 128;

/// What a response added to an error.
#[derive(Clone, Debug)]
pub(crate) struct ResponseInfo {
    pub(crate) status: u16,
    pub(crate) content_type: Option<String>,
    pub(crate) excerpt: Option<String>,
    pub(crate) body_len: usize,
    /// `HTTP_<status>` for an error typed from the status.
    pub(crate) status_symbol: Option<String>,
}

/// The parts of an HTTP response that [`decode_response_with`] reads.
#[derive(Clone, Copy, Debug)]
pub struct ResponseParts<'a> {
    /// The status code.
    pub status: u16,
    /// The `Retry-After` header's value, if any.
    pub retry_after: Option<&'a str>,
    /// The `Content-Type` header's value, if any.
    pub content_type: Option<&'a str>,
    /// The body.
    pub body: &'a [u8],
}

impl<'a> ResponseParts<'a> {
    /// Picks `Retry-After` and `Content-Type` out of `headers` (names
    /// case-insensitive, the first occurrence of each counts).
    pub fn from_headers<K, V>(
        status: u16,
        headers: impl IntoIterator<Item = &'a (K, V)>,
        body: &'a [u8],
    ) -> ResponseParts<'a>
    where
        K: AsRef<str> + 'a,
        V: AsRef<str> + 'a,
    {
        let mut parts = ResponseParts {
            status,
            retry_after: None,
            content_type: None,
            body,
        };
        for (k, v) in headers {
            let (k, v) = (k.as_ref(), v.as_ref());
            if parts.retry_after.is_none() && k.trim().eq_ignore_ascii_case("retry-after") {
                parts.retry_after = Some(v);
            } else if parts.content_type.is_none() && k.trim().eq_ignore_ascii_case("content-type")
            {
                parts.content_type = Some(v);
            }
        }
        parts
    }
}

/// Decodes an HTTP response against a built-in catalog: `Ok(None)` when it
/// is not an error, else the error typed from its body or its status (the
/// rules are in the [module documentation](crate::http)). `now` is the
/// clock an HTTP-date `Retry-After` is read against.
pub fn decode_response<K: AsRef<str>, V: AsRef<str>>(
    catalog: &str,
    status: u16,
    headers: impl IntoIterator<Item = (K, V)>,
    body: &[u8],
    now: SystemTime,
) -> Result<Option<ApiError>, DecodeError> {
    let cat =
        crate::catalog(catalog).ok_or_else(|| DecodeError::UnknownCatalog(crate::clip(catalog)))?;
    let headers: Vec<(K, V)> = headers.into_iter().collect();
    decode_response_with(
        cat,
        &ResponseParts::from_headers(status, &headers, body),
        now,
    )
}

/// [`decode_response`] against any catalog (built in or loaded), from the
/// parts already picked out of the response.
pub fn decode_response_with(
    catalog: impl Into<CatalogRef>,
    parts: &ResponseParts<'_>,
    now: SystemTime,
) -> Result<Option<ApiError>, DecodeError> {
    let catalog = catalog.into();
    let status = parts.status;
    if !(100..=599).contains(&status) {
        return Err(DecodeError::Malformed(format!(
            "HTTP status {status} is outside 100-599"
        )));
    }
    let delay = parts.retry_after.and_then(|v| parse_retry_after(v, now));
    let content_type = parts
        .content_type
        .map(|c| crate::schema::shorten(c.trim(), MAX_CONTENT_TYPE_CHARS));
    let json_type = parts.content_type.is_none_or(is_json_type);
    let readable = (json_type && status >= 400) || starts_object(parts.body);
    let decoded = if readable {
        // The limits of `decode` apply (size, depth, UTF-8).
        decode_with(catalog.clone(), parts.body).ok()
    } else {
        None
    };
    let mut info = ResponseInfo {
        status,
        content_type,
        excerpt: None,
        body_len: parts.body.len(),
        status_symbol: None,
    };
    match decoded {
        Some(err) => Ok(Some(err.with_response(info, delay))),
        None if status < 400 => Ok(None),
        None => {
            info.excerpt = Some(excerpt(parts.body));
            info.status_symbol = Some(format!("HTTP_{status}"));
            Ok(Some(
                ApiError::status_only(catalog, status).with_response(info, delay),
            ))
        }
    }
}

/// Whether the body, past a BOM and JSON whitespace, starts a JSON object.
fn starts_object(body: &[u8]) -> bool {
    let b = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    b.iter()
        .find(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
        .is_some_and(|&c| c == b'{')
}

/// `application/json`, `text/json` or any `+json` type, parameters ignored.
fn is_json_type(ct: &str) -> bool {
    let essence = ct.split(';').next().unwrap_or("").trim();
    essence.eq_ignore_ascii_case("application/json")
        || essence.eq_ignore_ascii_case("text/json")
        || (essence.len() > 5
            && essence.is_char_boundary(essence.len() - 5)
            && essence[essence.len() - 5..].eq_ignore_ascii_case("+json"))
}

/// The body as an excerpt: at most [`MAX_EXCERPT_BYTES`] bytes cut at a
/// character boundary, invalid UTF-8 replaced, and `… (N more bytes)` when
/// cut. Checked by property tests: the excerpt of any body is present and
/// says how many bytes it left out.
pub fn excerpt(body: &[u8]) -> String {
    if body.len() <= MAX_EXCERPT_BYTES {
        return String::from_utf8_lossy(body).into_owned();
    }
    let mut end = MAX_EXCERPT_BYTES;
    // Back off over continuation bytes so a character is not split
    // (at most 3: a UTF-8 sequence is at most 4 bytes).
    for _ in 0..3 {
        if body[end] & 0xC0 == 0x80 {
            end -= 1;
        } else {
            break;
        }
    }
    if body[end] & 0xC0 == 0x80 {
        end = MAX_EXCERPT_BYTES;
    }
    let mut s = String::from_utf8_lossy(&body[..end]).into_owned();
    s.push_str(&format!("… ({} more bytes)", body.len() - end));
    s
}

/// A `Retry-After` value as milliseconds from `now`: delta-seconds (ASCII
/// digits only, any length: huge values clamp) or an HTTP-date (a date in
/// the past is 0), clamped to [`MAX_RETRY_AFTER_MS`]. `None` for anything
/// else: empty, signed (`-5`, `+5`), fractional, garbage, or longer than
/// [`MAX_HEADER_VALUE_BYTES`].
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// let now = UNIX_EPOCH + Duration::from_secs(1_445_412_480); // Wed, 21 Oct 2015 07:28:00 GMT
/// assert_eq!(errcat::http::parse_retry_after("120", now), Some(120_000));
/// assert_eq!(errcat::http::parse_retry_after("Wed, 21 Oct 2015 07:30:00 GMT", now), Some(120_000));
/// assert_eq!(errcat::http::parse_retry_after("-5", now), None);
/// assert_eq!(errcat::http::parse_retry_after("99999999999999999999999", now), Some(errcat::http::MAX_RETRY_AFTER_MS));
/// ```
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<u64> {
    if value.len() > MAX_HEADER_VALUE_BYTES {
        return None;
    }
    let v = value.trim_matches(|c| c == ' ' || c == '\t');
    if v.is_empty() {
        return None;
    }
    if v.bytes().all(|b| b.is_ascii_digit()) {
        // More digits than u64 holds is "huge": clamp.
        let secs = v.parse::<u64>().unwrap_or(u64::MAX);
        return Some(secs.saturating_mul(1000).min(MAX_RETRY_AFTER_MS));
    }
    let date = httpdate::parse_http_date(v).ok()?;
    let ms = match date.duration_since(now) {
        Ok(d) => u64::try_from(d.as_millis()).unwrap_or(u64::MAX),
        Err(_) => 0,
    };
    Some(ms.min(MAX_RETRY_AFTER_MS))
}
