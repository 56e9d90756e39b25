//! The typed constructors of `ApiError` give what decoding the matching
//! payload gives, so a binding never has to write a payload to get one.

use errcat::{ApiError, RawCode, Wire};

fn same(a: &ApiError, b: &ApiError) {
    assert_eq!(a.raw_code(), b.raw_code());
    assert_eq!(a.is_unknown(), b.is_unknown());
    assert_eq!(a.code(), b.code());
    assert_eq!(a.symbol(), b.symbol());
    assert_eq!(a.message(), b.message());
    assert_eq!(a.server_message(), b.server_message());
    assert_eq!(a.kind(), b.kind());
    assert_eq!(a.retryable(), b.retryable());
}

#[test]
fn entry_with_server_message_is_the_decoded_payload() {
    for c in errcat::catalogs() {
        for e in c.entries.iter() {
            let code = match c.wire {
                Wire::String => serde_json::Value::from(e.symbol.to_string()),
                _ => serde_json::Value::from(e.code),
            };
            let payload = serde_json::json!({"code": code, "message": "slow down"}).to_string();
            let decoded = errcat::decode_with(c, payload.as_bytes()).unwrap();
            let built = ApiError::from_entry(c, e.code)
                .unwrap()
                .with_server_message("slow down");
            same(&built, &decoded);
            assert_eq!(built.message(), "slow down");
            let raw = ApiError::from_raw_code(c, decoded.raw_code().clone());
            assert_eq!(raw.entry().map(|x| x.code), Some(e.code));
        }
    }
}

#[test]
fn unknown_raw_code_is_the_decoded_payload() {
    for c in errcat::catalogs() {
        for (raw, json) in [
            (RawCode::Str(String::new()), r#"{"code":""}"#),
            (RawCode::Int(987_654_321), r#"{"code":987654321}"#),
            (RawCode::Str("NO_SUCH".into()), r#"{"code":"NO_SUCH"}"#),
        ] {
            let decoded = errcat::decode_with(c, json.as_bytes()).unwrap();
            let built = ApiError::from_raw_code(c, raw);
            assert!(built.is_unknown());
            same(&built, &decoded);
        }
    }
}
