//! Decoding hostile payloads, for every wire shape.
//!
//! The first input byte picks the catalog (`% N`, N built-in catalogs in
//! public order: every wire family, integer codes, major/minor with wait,
//! string codes in the spaces envelope) and the mode (`/ N % 4`):
//!
//! * 0, 1: the rest is the payload, as is;
//! * 2: the rest is a string code and a message (split at the first `\n`),
//!   sent in the spaces envelope: the decode must succeed and keep both;
//! * 3: the rest gives three integers (major, minor, wait, 8 bytes each,
//!   little endian), sent as a messenger error: kept exactly.
//!
//! Invariants checked on every input: decode never panics; the built-in
//! catalog and the same catalog loaded from its file give the same answer;
//! a success keeps what the payload said (code, message, minor, wait, retry
//! delay, permission: compared with serde_json's own reading of the
//! payload); an unknown code comes back unknown with the raw code kept; a
//! failure has the right reason (too large, not UTF-8, empty, not JSON).

#![no_main]

mod common;

use errcat::{ApiError, Catalog, CatalogRef, DecodeError, Kind, RawCode, MAX_PAYLOAD_BYTES};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let (builtin, loaded) = common::pair(sel % common::N);
    match (sel / common::N) % 4 {
        2 => string_code(builtin, rest),
        3 => major_minor(builtin, rest),
        _ => {}
    }
    let a = errcat::decode(&builtin.id, rest);
    let b = errcat::decode_with(CatalogRef::Loaded(loaded), rest);
    match (&a, &b) {
        (Ok(x), Ok(y)) => {
            assert!(
                common::same(x.entry(), y.entry()),
                "built-in and loaded disagree on the entry"
            );
            assert_eq!(x.ns_error(), y.ns_error(), "built-in and loaded disagree");
            assert_eq!(x.raw_code(), y.raw_code());
        }
        (Err(x), Err(y)) => assert_eq!(x, y, "built-in and loaded fail differently"),
        _ => panic!("built-in gives {a:?}, loaded gives {b:?}"),
    }
    match a {
        Ok(e) => check_success(builtin, rest, &e),
        Err(e) => check_failure(rest, &e),
    }
});

/// The payload as JSON, read by serde_json itself (BOM stripped), or None
/// when it is not JSON at all.
fn as_json(payload: &[u8]) -> Option<Value> {
    let text = std::str::from_utf8(payload).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).ok()
}

const CODE_KEYS: [&str; 6] = [
    "code",
    "error_code",
    "errorCode",
    "major",
    "major_code",
    "majorCode",
];
const MESSAGE_KEYS: [&str; 6] = [
    "message",
    "msg",
    "error_message",
    "errorMessage",
    "description",
    "localizedDescription",
];
const MINOR_KEYS: [&str; 3] = ["minor", "minor_code", "minorCode"];
const RETRY_KEYS: [&str; 2] = ["retry_after_ms", "retryAfterMs"];
const PERMISSION_KEYS: [&str; 2] = ["missing_permission", "missingPermission"];
const WAIT_KEYS: [&str; 1] = ["wait"];

/// Every value of these keys in the payload's object and in its `error`
/// object (the places the decoder documents), nulls left out.
fn values<'a>(v: &'a Value, keys: &[&str]) -> Vec<&'a Value> {
    let mut out = Vec::new();
    let Value::Object(top) = v else { return out };
    let mut objs = vec![top];
    if let Some(Value::Object(inner)) = top.get("error") {
        objs.push(inner);
    }
    for o in objs {
        for k in keys {
            if let Some(x) = o.get(*k) {
                if !x.is_null() {
                    out.push(x);
                }
            }
        }
    }
    out
}

/// The codes a payload carries, as the documentation describes them.
fn codes(v: &Value) -> Vec<RawCode> {
    let as_code = |x: &Value| match x {
        Value::String(s) => Some(RawCode::Str(s.clone())),
        Value::Number(n) => n.as_i64().map(RawCode::Int),
        _ => None,
    };
    match v {
        Value::Object(top) => {
            let mut out: Vec<RawCode> = values(v, &CODE_KEYS)
                .into_iter()
                .filter_map(as_code)
                .collect();
            if let Some(e @ (Value::String(_) | Value::Number(_))) = top.get("error") {
                out.extend(as_code(e));
            }
            out
        }
        other => as_code(other).into_iter().collect(),
    }
}

/// An integer field as documented: an integer, a string of digits, a whole
/// float.
fn int_of(x: &Value) -> Option<i64> {
    match x {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The one value of an optional field: None when absent; when the payload
/// has it in both places, whichever the decoder took must be one of them.
fn check_field<T: PartialEq + std::fmt::Debug>(
    what: &str,
    got: Option<T>,
    candidates: Vec<Option<T>>,
) {
    if candidates.is_empty() {
        assert_eq!(got, None, "{what}: decoder invented a value");
    } else {
        assert!(
            candidates.contains(&got),
            "{what}: got {got:?}, the payload says {candidates:?}"
        );
    }
}

fn check_success(cat: &Catalog, payload: &[u8], e: &ApiError) {
    assert!(payload.len() <= MAX_PAYLOAD_BYTES);
    let v = as_json(payload).expect("decode accepted a payload that is not JSON");
    let codes = codes(&v);
    assert_eq!(
        codes.len(),
        1,
        "a success needs exactly one code; payload codes {codes:?}"
    );
    assert_eq!(
        e.raw_code(),
        &codes[0],
        "the raw code is not what the server sent"
    );

    check_field(
        "message",
        e.server_message(),
        values(&v, &MESSAGE_KEYS)
            .into_iter()
            .map(|x| x.as_str())
            .collect(),
    );
    check_field(
        "missing_permission",
        e.missing_permission(),
        values(&v, &PERMISSION_KEYS)
            .into_iter()
            .map(|x| x.as_str())
            .collect(),
    );
    check_field(
        "minor",
        e.minor(),
        values(&v, &MINOR_KEYS).into_iter().map(int_of).collect(),
    );
    check_field(
        "wait",
        e.wait(),
        values(&v, &WAIT_KEYS).into_iter().map(int_of).collect(),
    );
    check_field(
        "retry_after_ms",
        e.retry_after_ms(),
        values(&v, &RETRY_KEYS)
            .into_iter()
            .map(|x| int_of(x).and_then(|i| u64::try_from(i).ok()))
            .collect(),
    );

    // Known exactly when the table has the code (or the symbol, or a code
    // written as a string of digits).
    let expected = match &codes[0] {
        RawCode::Int(i) => common::scan_code(cat, *i),
        RawCode::Str(s) => common::scan_symbol(cat, s).or_else(|| {
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
                s.parse().ok().and_then(|i| common::scan_code(cat, i))
            } else {
                None
            }
        }),
    };
    assert!(
        common::same(e.entry(), expected),
        "entry {:?}, expected {:?}",
        e.entry().map(|x| x.code),
        expected.map(|x| x.code)
    );
    check_views(e);
}

/// The accessors agree with each other, and an unknown code is kept raw.
fn check_views(e: &ApiError) {
    match e.entry() {
        Some(en) => {
            assert!(!e.is_unknown());
            assert_eq!(e.code(), en.code);
            assert_eq!(e.symbol(), en.symbol);
            assert_eq!(e.kind(), en.kind);
            assert_eq!(e.http_status(), en.http_status);
        }
        None => {
            assert!(e.is_unknown());
            assert_eq!(e.kind(), Kind::Unknown);
            match e.raw_code() {
                RawCode::Int(i) => {
                    assert_eq!(e.code(), *i);
                    assert_eq!(e.symbol(), "UNKNOWN");
                }
                RawCode::Str(s) => assert_eq!(e.symbol(), s),
            }
            assert!(e.minor_detail().is_none());
        }
    }
    match e.server_message() {
        Some(m) => assert_eq!(e.message(), m),
        None => assert!(!e.message().is_empty()),
    }
    assert_eq!(e.to_string(), e.message());
    if e.retry_after_ms().is_some() || e.wait().is_some() {
        assert!(e.retryable());
    }
    let ns = e.ns_error();
    assert_eq!(ns.domain, e.catalog().domain);
    assert_eq!(ns.code, e.code());
    assert_eq!(ns.localized_description, e.message());
    assert_eq!(ns.raw_code.is_some(), e.is_unknown());
    let info = ns.user_info();
    assert_eq!(info[0].0, errcat::nserror::KEY_DESCRIPTION);
    let mut keys: Vec<_> = info.iter().map(|(k, _)| *k).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), info.len(), "duplicate userInfo key");
}

fn check_failure(payload: &[u8], e: &DecodeError) {
    let msg = e.to_string();
    assert!(!msg.is_empty());
    // An error message quotes at most a little of the payload.
    assert!(
        msg.len() < 4096,
        "decode error message of {} bytes",
        msg.len()
    );
    if payload.len() > MAX_PAYLOAD_BYTES {
        assert_eq!(e, &DecodeError::TooLarge(payload.len()));
        return;
    }
    let Ok(text) = std::str::from_utf8(payload) else {
        assert!(
            matches!(e, DecodeError::InvalidUtf8(_)),
            "{e:?} for a payload that is not UTF-8"
        );
        return;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Only JSON's four white-space characters make a payload empty; other
    // Unicode spaces (form feed, U+00A0, …) are not JSON, so malformed.
    if text
        .trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
        .is_empty()
    {
        assert_eq!(e, &DecodeError::Empty);
        return;
    }
    match e {
        DecodeError::MissingCode => {
            let v = as_json(payload).expect("missing_code for a payload that is not JSON");
            assert!(
                codes(&v).is_empty(),
                "missing_code but the payload has a code: {v}"
            );
        }
        DecodeError::Malformed(_) => {}
        other => panic!("unexpected failure {other:?}"),
    }
}

/// Mode 2: a string code and a message in the spaces envelope.
fn string_code(cat: &'static Catalog, rest: &[u8]) {
    let text = String::from_utf8_lossy(rest);
    let (code, message) = text.split_once('\n').unwrap_or((&text, ""));
    let payload = json!({"error": {"code": code, "message": message}}).to_string();
    let e = errcat::decode(&cat.id, payload.as_bytes()).expect("a well-formed envelope decodes");
    assert_eq!(e.raw_code(), &RawCode::Str(code.to_string()));
    assert_eq!(e.server_message(), Some(message));
    if let Some(en) = common::scan_symbol(cat, code) {
        assert_eq!(e.entry(), Some(en));
    } else if e.is_unknown() {
        assert_eq!(e.symbol(), code);
        assert_eq!(e.ns_error().raw_code.as_deref(), Some(code));
    } else {
        // Only a code written as digits may find an entry without a name.
        assert_eq!(code.parse::<i64>().ok(), e.entry().map(|x| x.code));
    }
    check_views(&e);
}

/// Mode 3: a messenger error with three arbitrary integers.
fn major_minor(cat: &'static Catalog, rest: &[u8]) {
    let mut n = [0i64; 3];
    for (i, chunk) in rest.chunks(8).take(3).enumerate() {
        let mut b = [0u8; 8];
        b[..chunk.len()].copy_from_slice(chunk);
        n[i] = i64::from_le_bytes(b);
    }
    let payload = json!({"major": n[0], "minor": n[1], "wait": n[2]}).to_string();
    let e =
        errcat::decode(&cat.id, payload.as_bytes()).expect("a well-formed messenger error decodes");
    assert_eq!(e.raw_code(), &RawCode::Int(n[0]));
    assert_eq!((e.minor(), e.wait()), (Some(n[1]), Some(n[2])));
    assert!(common::same(e.entry(), common::scan_code(cat, n[0])));
    match e.minor_entry() {
        Some(m) => assert_eq!(m.code, n[1]),
        None => assert!(e.entry().map_or(true, |en| en.minor_code(n[1]).is_none())),
    }
    check_views(&e);
}
