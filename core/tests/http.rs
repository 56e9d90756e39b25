//! `errcat::decode_response`: the shared HTTP vectors, the Retry-After
//! rules, and property tests that hostile headers and bodies never panic
//! and never lose the body excerpt.

use errcat::http::{excerpt, parse_retry_after, MAX_EXCERPT_BYTES, MAX_RETRY_AFTER_MS};
use errcat::{decode_response, decode_response_with, ApiError, ResponseParts};
use proptest::prelude::*;
use serde_json::Value;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

mod common;

fn at(secs: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(secs)
}

/// A vector's body bytes: `body`, `body_hex` or `body_gen`.
fn body(case: &Value) -> Vec<u8> {
    common::bytes(case, "body", usize::MAX).expect("an HTTP vector has body, body_hex or body_gen")
}

/// The facts a vector may state about an error, as JSON.
fn facts(e: &ApiError) -> Value {
    serde_json::json!({
        "error": true,
        "known": !e.is_unknown(),
        "from_status": e.is_from_status(),
        "code": e.code(),
        "symbol": e.symbol(),
        "kind": e.kind().as_str(),
        "retryable": e.retryable(),
        "retry_after_ms": e.retry_after_ms(),
        "response_status": e.response_status(),
        "http_status": e.http_status(),
        "content_type": e.content_type(),
        "body_excerpt": e.body_excerpt(),
        "body_len": e.body_len(),
        "minor": e.minor(),
        "domain": e.domain(),
        "message": e.message(),
    })
}

#[test]
fn shared_http_vectors() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/http.json");
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut n = 0;
    for case in doc["responses"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let headers: Vec<(String, String)> = case["headers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h[0].as_str().unwrap().to_string(),
                    h[1].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let got = decode_response(
            case["catalog"].as_str().unwrap(),
            case["status"].as_u64().unwrap() as u16,
            headers,
            &body(case),
            at(case["now"].as_u64().unwrap()),
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        let want = &case["expect"];
        match got {
            None => assert_eq!(want["error"], false, "{name}: no error"),
            Some(e) => {
                let got = facts(&e);
                for (k, w) in want.as_object().unwrap() {
                    assert_eq!(&got[k], w, "{name}: {k}");
                }
            }
        }
        n += 1;
    }
    assert!(n >= 50, "{n} vectors");
}

#[test]
fn body_delay_wins_over_retry_after() {
    let body = br#"{"error":{"code":"RATE_LIMITED","retry_after_ms":250}}"#;
    let e = decode_response("spaces", 429, [("Retry-After", "9")], body, at(0))
        .unwrap()
        .unwrap();
    assert_eq!(e.retry_after_ms(), Some(250));
}

#[test]
fn first_header_counts_and_names_ignore_case() {
    let h = [
        ("rEtRy-AfTeR", "5"),
        ("Retry-After", "9"),
        (" content-type ", "text/html"),
    ];
    let e = decode_response("spaces", 503, h, b"<p>", at(0))
        .unwrap()
        .unwrap();
    assert_eq!(e.retry_after_ms(), Some(5000));
    assert_eq!(e.content_type(), Some("text/html"));
}

#[test]
fn status_outside_100_599_and_unknown_catalog_are_decode_errors() {
    let none: [(&str, &str); 0] = [];
    for s in [0u16, 99, 600, 65535] {
        let e = decode_response("spaces", s, none, b"", at(0)).unwrap_err();
        assert_eq!(e.reason(), "malformed", "{s}");
    }
    let e = decode_response("nope", 503, none, b"", at(0)).unwrap_err();
    assert_eq!(e.reason(), "unknown_catalog");
}

#[test]
fn loaded_catalog_and_parts() {
    let toml = "[catalog]\nid = \"mine\"\nname = \"Mine\"\nwire = \"int\"\n\
        [[category]]\nid = \"a\"\nname = \"A\"\n\
        [[entry]]\ncode = 7\nsymbol = \"SEVEN\"\nmessage = \"Seven\"\ncategory = \"a\"\nkind = \"internal\"\n";
    let cat = errcat::parse_catalog(toml.as_bytes(), errcat::Format::Toml, "mine.toml").unwrap();
    let cat = std::sync::Arc::new(cat);
    let parts = ResponseParts {
        status: 503,
        retry_after: Some("Wed, 21 Oct 2015 07:28:01 GMT"),
        content_type: None,
        body: b"",
    };
    let e = decode_response_with(
        cat.clone(),
        &parts,
        at(1_445_412_480) + Duration::from_millis(250),
    )
    .unwrap()
    .unwrap();
    assert_eq!(e.retry_after_ms(), Some(750));
    assert_eq!(e.domain(), "errcat.mine");
    let parts = ResponseParts {
        status: 200,
        retry_after: None,
        content_type: Some("application/json; charset=utf-8"),
        body: b"{\"code\":7}",
    };
    let e = decode_response_with(cat, &parts, at(0)).unwrap().unwrap();
    assert_eq!((e.symbol(), e.response_status()), ("SEVEN", Some(200)));
}

#[test]
fn retry_after_rules() {
    let now = at(1_445_412_480);
    assert_eq!(parse_retry_after("  7\t", now), Some(7000));
    assert_eq!(parse_retry_after("", now), None);
    assert_eq!(parse_retry_after("1e3", now), None);
    assert_eq!(parse_retry_after("0x10", now), None);
    assert_eq!(parse_retry_after("٣", now), None); // Arabic-Indic digit
    assert_eq!(parse_retry_after("86401", now), Some(MAX_RETRY_AFTER_MS));
    assert_eq!(
        parse_retry_after(&"1".repeat(256), now),
        Some(MAX_RETRY_AFTER_MS)
    );
    assert_eq!(parse_retry_after(&"1".repeat(257), now), None);
    assert_eq!(
        parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now),
        Some(0)
    );
    assert_eq!(
        parse_retry_after("wed, 21 oct 2015 07:28:05 gmt", now),
        None
    );
    assert_eq!(
        parse_retry_after("Wed, 21 Oct 2015 07:28:05 UTC", now),
        None
    );
}

#[test]
fn excerpt_of_four_byte_characters() {
    let body = "😀".repeat(200); // 800 bytes; 512 is a character boundary
    let x = excerpt(body.as_bytes());
    assert_eq!(x, format!("{}… (288 more bytes)", "😀".repeat(128)));
    let body = format!("a{}", "😀".repeat(200)); // 513 is a boundary, 512 is not
    let x = excerpt(body.as_bytes());
    assert_eq!(x, format!("a{}… (292 more bytes)", "😀".repeat(127)));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn hostile_headers_never_panic_or_lose_the_excerpt(
        status in 100u16..=599,
        ra in ".{0,300}",
        ct in proptest::option::of(".{0,300}"),
        body in proptest::collection::vec(any::<u8>(), 0..1200),
        now in 0u64..=253_402_300_799,
    ) {
        let mut headers = vec![("Retry-After".to_string(), ra.clone())];
        if let Some(ct) = &ct {
            headers.push(("Content-Type".to_string(), ct.clone()));
        }
        let got = decode_response("spaces", status, headers, &body, at(now)).unwrap();
        if let Some(d) = parse_retry_after(&ra, at(now)) {
            prop_assert!(d <= MAX_RETRY_AFTER_MS);
        }
        match got {
            None => prop_assert!(status < 400),
            Some(e) => {
                prop_assert_eq!(e.response_status(), Some(status));
                prop_assert_eq!(e.body_len(), Some(body.len()));
                if e.is_from_status() || status >= 400 && e.body_excerpt().is_some() {
                    let x = e.body_excerpt().expect("an error typed from the status keeps an excerpt");
                    check_excerpt(x, &body)?;
                } else {
                    prop_assert!(e.body_excerpt().is_none());
                }
                if status >= 400 && !e.is_from_status() {
                    prop_assert!(errcat::decode("spaces", &body).is_ok());
                }
            }
        }
    }

    #[test]
    fn excerpt_says_what_it_cut(body in proptest::collection::vec(any::<u8>(), 0..2000)) {
        check_excerpt(&excerpt(&body), &body)?;
    }

    #[test]
    fn text_bodies_on_errors_are_never_lost(status in 400u16..=599, text in "[^{]\\PC{0,700}") {
        let e = decode_response("rtc", status, [("Content-Type", "text/plain")], text.as_bytes(), at(0))
            .unwrap()
            .unwrap();
        prop_assert!(e.is_from_status());
        check_excerpt(e.body_excerpt().unwrap(), text.as_bytes())?;
    }
}

fn check_excerpt(x: &str, body: &[u8]) -> Result<(), TestCaseError> {
    if body.len() <= MAX_EXCERPT_BYTES {
        prop_assert_eq!(x, String::from_utf8_lossy(body));
    } else {
        let (kept, tail) = x.rsplit_once("… (").expect("a cut excerpt says so");
        let cut: usize = tail.strip_suffix(" more bytes)").unwrap().parse().unwrap();
        prop_assert!(
            cut >= body.len() - MAX_EXCERPT_BYTES && cut <= body.len() - MAX_EXCERPT_BYTES + 3
        );
        prop_assert_eq!(kept, String::from_utf8_lossy(&body[..body.len() - cut]));
    }
    Ok(())
}

#[test]
fn nserror_view_carries_the_response() {
    use errcat::nserror::{NsErrorView, UserInfoValue, KEY_BODY_EXCERPT, KEY_BODY_LENGTH};
    use errcat::nserror::{KEY_CONTENT_TYPE, KEY_FROM_STATUS, KEY_RESPONSE_STATUS};
    let html = b"<html>bad gateway</html>";
    let hdrs = [("Content-Type", "text/html")];
    let e = decode_response("spaces", 502, hdrs, html, at(0))
        .unwrap()
        .unwrap();
    let info = NsErrorView::of(&e).user_info();
    let get = |k: &str| {
        info.iter()
            .find(|(key, _)| *key == k)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(get(KEY_RESPONSE_STATUS), Some(UserInfoValue::Int(502)));
    assert_eq!(get(KEY_FROM_STATUS), Some(UserInfoValue::Bool(true)));
    assert_eq!(
        get(KEY_CONTENT_TYPE),
        Some(UserInfoValue::Str("text/html".into()))
    );
    let excerpt = String::from_utf8(html.to_vec()).unwrap();
    assert_eq!(get(KEY_BODY_EXCERPT), Some(UserInfoValue::Str(excerpt)));
    assert_eq!(
        get(KEY_BODY_LENGTH),
        Some(UserInfoValue::Int(html.len() as i64))
    );
    // A payload error keeps the status but has no excerpt; a plain decode has none of these.
    let body = br#"{"error":{"code":"RATE_LIMITED","message":"m"}}"#;
    let e = decode_response("spaces", 429, [("a", "b")], body, at(0))
        .unwrap()
        .unwrap();
    let info = NsErrorView::of(&e).user_info();
    let get = |k: &str| {
        info.iter()
            .find(|(key, _)| *key == k)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(get(KEY_FROM_STATUS), Some(UserInfoValue::Bool(false)));
    assert_eq!(get(KEY_BODY_EXCERPT), None);
    let plain = errcat::decode("spaces", body).unwrap();
    let info = NsErrorView::of(&plain).user_info();
    assert!(info
        .iter()
        .all(|(k, _)| *k != KEY_RESPONSE_STATUS && *k != KEY_FROM_STATUS));
}
