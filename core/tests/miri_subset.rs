//! The part of the core's tests that Miri runs (scripts/test-fuzz.sh:
//! `cargo +nightly miri test -p errcat --test miri_subset --test threads`).
//! It also runs in the ordinary test run.
//!
//! Miri interprets every step and checks it for undefined behaviour, about
//! a thousand times slower than native code, and without file IO by
//! default. So this file compiles its inputs in (the shared vectors and one
//! small catalog file), leaves out the payloads over 4 KiB (the 1 MiB and
//! 100 MB cases run in tests/vectors.rs), and samples instead of walking
//! every entry. The core has no `unsafe` of its own (`forbid(unsafe_code)`);
//! what Miri checks here is the unsafe code of its dependencies on the paths
//! the core uses (serde_json, toml, phf, std) and the core's own logic with
//! overflow checks on.

mod common;

use errcat::{Format, LookupError, RawCode};
use serde_json::Value;

const VECTORS: [(&str, &str); 3] = [
    (
        "lookup.json",
        include_str!("../../tests/vectors/lookup.json"),
    ),
    (
        "decode.json",
        include_str!("../../tests/vectors/decode.json"),
    ),
    (
        "hostile.json",
        include_str!("../../tests/vectors/hostile.json"),
    ),
];

const MAX_PAYLOAD: usize = 4096;

#[test]
fn shared_vectors_small_payloads() {
    let mut ran = 0;
    let mut failures = Vec::new();
    for (file, text) in VECTORS {
        let doc: Value = serde_json::from_str(text).unwrap();
        for case in doc["lookups"].as_array().into_iter().flatten() {
            let name = format!("{file}: {}", case["name"]);
            let res = errcat::lookup(
                case["catalog"].as_str().unwrap(),
                case["query"].as_str().unwrap(),
            );
            ran += 1;
            match (res, case.get("expect_error").and_then(Value::as_str)) {
                (Err(LookupError::UnknownCatalog(_)), Some("unknown_catalog")) => {}
                (Err(LookupError::UnknownCode { .. }), Some("unknown_code")) => {}
                (Ok(e), None) => {
                    let want = &case["expect"];
                    if let Some(c) = want.get("code") {
                        if c != &Value::from(e.code) {
                            failures.push(format!("{name}: code {}", e.code));
                        }
                    }
                    if let Some(s) = want.get("symbol") {
                        if s != &Value::from(e.symbol.as_ref()) {
                            failures.push(format!("{name}: symbol {}", e.symbol));
                        }
                    }
                }
                (got, want) => failures.push(format!("{name}: got {got:?}, want {want:?}")),
            }
        }
        for case in doc["decodes"].as_array().into_iter().flatten() {
            let name = format!("{file}: {}", case["name"]);
            let Some(p) = common::payload(case, MAX_PAYLOAD) else {
                continue;
            };
            ran += 1;
            let res = errcat::decode(case["catalog"].as_str().unwrap(), &p);
            match (res, case.get("expect_error").and_then(Value::as_str)) {
                (Err(e), Some(want)) if e.reason() == want => {}
                (Ok(err), None) => {
                    for (k, want) in case["expect"].as_object().unwrap() {
                        let Some(got) = common::decode_field(&err, k) else {
                            continue;
                        };
                        if &got != want {
                            failures.push(format!("{name}: {k}: got {got}, want {want}"));
                        }
                    }
                    // The NSError view is built (and its userInfo) for every case.
                    let ns = err.ns_error();
                    assert_eq!(ns.user_info()[0].0, errcat::nserror::KEY_DESCRIPTION);
                }
                (got, want) => failures.push(format!(
                    "{name}: got {:?}, want {want:?}",
                    got.map(|e| e.symbol().to_string())
                )),
            }
        }
    }
    assert!(ran > 100, "only {ran} vector cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The compiled tables (dense code slots, sorted codes, perfect hashes of
/// symbols and folded symbols) for a sample of every catalog's entries,
/// and codes just outside every catalog's range.
#[test]
fn static_indexes() {
    for c in errcat::catalogs() {
        for e in c.entries.iter().step_by(7) {
            assert_eq!(c.by_code(e.code), Some(e));
            assert_eq!(c.by_symbol(&e.symbol), Some(e));
            assert_eq!(
                c.by_symbol_forgiving(&e.symbol.to_ascii_lowercase()),
                Some(e)
            );
            assert_eq!(c.lookup(&format!(" {} ", e.code)), Some(e));
        }
        let min = c.entries.iter().map(|e| e.code).min().unwrap();
        let max = c.entries.iter().map(|e| e.code).max().unwrap();
        for code in [
            i64::MIN,
            i64::MAX,
            min.wrapping_sub(1),
            max.wrapping_add(1),
            0,
        ] {
            assert_eq!(
                c.by_code(code),
                c.entries.iter().find(|e| e.code == code),
                "{} {code}",
                c.id
            );
        }
        assert!(c.by_symbol_forgiving(&"A".repeat(5000)).is_none());
        assert!(c.search(&"a ".repeat(600)).is_empty());
    }
    assert!(!errcat::search("rate limited").is_empty());
}

/// Loading a user catalog (TOML and JSON), a refused one, and decoding
/// against a loaded catalog.
#[test]
fn load_and_decode_with_a_loaded_catalog() {
    let toml = include_str!("../catalogs/rtc.toml");
    let cat = errcat::parse_catalog(toml.as_bytes(), Format::Toml, "rtc.toml").unwrap();
    let builtin = errcat::catalog("rtc").unwrap();
    assert_eq!(cat.entries, builtin.entries);
    let cat = std::sync::Arc::new(cat);
    let e = errcat::decode_with(cat.clone(), br#"{"code":102,"message":"m"}"#).unwrap();
    assert_eq!(e.symbol(), "userNotFound");
    let e = errcat::decode_with(cat, br#"{"code":999999}"#).unwrap();
    assert!(e.is_unknown());
    assert_eq!(e.raw_code(), &RawCode::Int(999999));

    let json = r#"{"catalog":{"id":"mine","name":"Mine","wire":"string"},
        "category":[{"id":"c","name":"C","http_status":429}],
        "entry":[{"code":1,"symbol":"SLOW_DOWN","message":"Slow down","category":"c","kind":"resource_exhausted"}]}"#;
    let mine = errcat::parse_catalog(json.as_bytes(), Format::Json, "mine.json").unwrap();
    assert_eq!(mine.lookup("slow-down").unwrap().http_status, 429);
    let bad = json.replace("resource_exhausted", "nope");
    let err = errcat::parse_catalog(bad.as_bytes(), Format::Json, "mine.json").unwrap_err();
    assert!(err.to_string().contains("unknown kind"), "{err}");
    let err = errcat::parse_catalog(b"\xff\xfe", Format::Toml, "x.toml").unwrap_err();
    assert_eq!(err.problems.len(), 1);
    assert_eq!(mine.by_symbol("SLOW_DOWN").unwrap().code, 1);
}
