//! Runs every shared vector in tests/vectors/*.json against the Rust core.
//! The other bindings run the very same files.

mod common;

use errcat::{decode, lookup, LookupError};
use serde_json::Value;
use std::path::PathBuf;

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors")
}

fn files() -> Vec<(String, Value)> {
    let mut v = Vec::new();
    for f in std::fs::read_dir(vectors_dir()).expect("tests/vectors exists") {
        let p = f.unwrap().path();
        if p.extension().and_then(|e| e.to_str()) == Some("json") {
            let text = std::fs::read_to_string(&p).unwrap();
            v.push((
                p.file_name().unwrap().to_string_lossy().into_owned(),
                serde_json::from_str(&text).unwrap(),
            ));
        }
    }
    v.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(
        v.len() >= 2,
        "expected at least lookup.json and decode.json"
    );
    v
}

/// Builds a vector's payload bytes (payload, payload_hex or payload_gen).

fn check_field(failures: &mut Vec<String>, name: &str, field: &str, got: Value, want: &Value) {
    if &got != want {
        failures.push(format!("{name}: {field}: got {got}, want {want}"));
    }
}

#[test]
fn shared_vectors() {
    let mut failures = Vec::new();
    let mut ran = 0;
    for (file, doc) in files() {
        for case in doc
            .get("lookups")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            ran += 1;
            let name = format!("{file}: {}", case["name"].as_str().unwrap_or("?"));
            let res = lookup(
                case["catalog"].as_str().unwrap(),
                case["query"].as_str().unwrap(),
            );
            match (&res, case.get("expect_error").and_then(Value::as_str)) {
                (Err(LookupError::UnknownCatalog(_)), Some("unknown_catalog")) => {}
                (Err(LookupError::UnknownCode { .. }), Some("unknown_code")) => {}
                (Err(e), want) => {
                    failures.push(format!("{name}: lookup failed with {e}, wanted {want:?}"))
                }
                (Ok(e), Some(want)) => failures.push(format!(
                    "{name}: found {} but wanted error {want}",
                    e.symbol
                )),
                (Ok(e), None) => {
                    for (k, want) in case["expect"].as_object().unwrap() {
                        let got = match k.as_str() {
                            "code" => Value::from(e.code),
                            "symbol" => Value::from(e.symbol.as_ref()),
                            "message" => Value::from(e.message.as_ref()),
                            "kind" => Value::from(e.kind.as_str()),
                            "http_status" => Value::from(e.http_status),
                            "retryable" => Value::from(e.retryable),
                            "category" => Value::from(e.category.as_ref()),
                            "deprecated" => Value::from(e.deprecated()),
                            "server_only" => Value::from(e.server_only),
                            "wait" => Value::from(e.wait_required),
                            "minor_count" => Value::from(e.minor_codes.len()),
                            other => panic!("{name}: unknown expect field {other}"),
                        };
                        check_field(&mut failures, &name, k, got, want);
                    }
                }
            }
        }
        for case in doc
            .get("decodes")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            ran += 1;
            let name = format!("{file}: {}", case["name"].as_str().unwrap_or("?"));
            let res = decode(
                case["catalog"].as_str().unwrap(),
                &common::payload(case, usize::MAX)
                    .unwrap_or_else(|| panic!("case has no payload: {case}")),
            );
            match (&res, case.get("expect_error").and_then(Value::as_str)) {
                (Err(e), Some(want)) if e.reason() == want => {}
                (Err(e), want) => failures.push(format!(
                    "{name}: decode failed with {} ({e}), wanted {want:?}",
                    e.reason()
                )),
                (Ok(err), Some(want)) => failures.push(format!(
                    "{name}: decoded {} but wanted error {want}",
                    err.symbol()
                )),
                (Ok(err), None) => {
                    for (k, want) in case["expect"].as_object().unwrap() {
                        let got = common::decode_field(err, k)
                            .unwrap_or_else(|| panic!("{name}: unknown expect field {k}"));
                        check_field(&mut failures, &name, k, got, want);
                    }
                    if let Some(ns_want) = case.get("expect_ns_error") {
                        let ns = err.ns_error();
                        let ui: serde_json::Map<String, Value> = ns
                            .user_info()
                            .into_iter()
                            .map(|(k, v)| (k.to_string(), serde_json::to_value(v).unwrap()))
                            .collect();
                        let got = serde_json::json!({"domain": ns.domain, "code": ns.code, "user_info": ui});
                        check_field(&mut failures, &name, "ns_error", got, ns_want);
                    }
                }
            }
        }
    }
    println!("shared vectors: {ran} cases, {} failures", failures.len());
    assert!(
        failures.is_empty(),
        "{} of {ran} vector checks failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// `localized` and `localized_decodes` (tests/vectors/l10n.json): texts in
/// a locale, deprecation and documentation URLs.
#[test]
fn localized_vectors() {
    let mut failures = Vec::new();
    let mut ran = 0;
    let strs = |v: &Value| -> Vec<String> {
        v.as_array()
            .expect("locales is an array")
            .iter()
            .map(|s| s.as_str().expect("a locale is a string").to_string())
            .collect()
    };
    for (file, doc) in files() {
        for c in doc["localized"].as_array().into_iter().flatten() {
            let name = format!("{file}: {}", c["name"]);
            let cat = c["catalog"].as_str().unwrap();
            let e = lookup(cat, c["query"].as_str().unwrap()).unwrap();
            let t = errcat::l10n::texts(cat, e, &strs(&c["locales"]));
            for (k, want) in c["expect"].as_object().unwrap() {
                let got = match k.as_str() {
                    "locale" => Value::from(t.locale.clone()),
                    "message" => Value::from(t.message.clone()),
                    "doc_url" => Value::from(e.doc_url.as_deref()),
                    "deprecated" => Value::from(e.deprecated()),
                    "replaced_by" => Value::from(
                        e.deprecation
                            .as_ref()
                            .and_then(|d| d.replaced_by.as_deref()),
                    ),
                    other => panic!("{name}: unknown expect field {other}"),
                };
                check_field(&mut failures, &name, k, got, want);
            }
            ran += 1;
        }
        for c in doc["localized_decodes"].as_array().into_iter().flatten() {
            let name = format!("{file}: {}", c["name"]);
            let cat = c["catalog"].as_str().unwrap();
            let err = decode(cat, c["payload"].as_str().unwrap().as_bytes()).unwrap();
            let prefs = strs(&c["locales"]);
            for (k, want) in c["expect"].as_object().unwrap() {
                let got = match k.as_str() {
                    "message" => Value::from(err.localized_message(&prefs).into_owned()),
                    "deprecated" => Value::from(err.entry().is_some_and(|e| e.deprecated())),
                    other => panic!("{name}: unknown expect field {other}"),
                };
                check_field(&mut failures, &name, k, got, want);
            }
            ran += 1;
        }
    }
    assert!(ran >= 9, "only {ran} localized vectors ran");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
