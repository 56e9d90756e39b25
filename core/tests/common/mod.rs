//! Helpers shared by the tests that read the shared vectors
//! (`tests/vectors/*.json`, format in `tests/vectors/README.md`).

#![allow(dead_code)] // each test file uses a part

use errcat::ApiError;
use serde_json::Value;

/// A vector's payload bytes, from `payload` (text), `payload_hex` or
/// `payload_gen` (prefix + repeat × count + suffix). `None` when the case has
/// no payload, or when a generated payload would be longer than `max` bytes
/// (tests that cannot afford huge inputs, such as Miri's, skip those).
pub fn payload(case: &Value, max: usize) -> Option<Vec<u8>> {
    bytes(case, "payload", max)
}

/// The bytes a vector gives under `name`, `name_hex` or `name_gen` (the
/// payload of a decode case, the body of an HTTP case), as [`payload`].
pub fn bytes(case: &Value, name: &str, max: usize) -> Option<Vec<u8>> {
    if let Some(s) = case.get(name).and_then(Value::as_str) {
        return Some(s.as_bytes().to_vec());
    }
    if let Some(h) = case.get(format!("{name}_hex")).and_then(Value::as_str) {
        return Some(
            (0..h.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap())
                .collect(),
        );
    }
    let g = case.get(format!("{name}_gen"))?;
    let s = |k: &str| g.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let n = g["count"].as_u64().unwrap() as usize;
    if s("repeat").len().saturating_mul(n) > max {
        return None;
    }
    Some(format!("{}{}{}", s("prefix"), s("repeat").repeat(n), s("suffix")).into_bytes())
}

/// The decoded error's value for a field of a vector's `expect` object, as
/// JSON; `None` for a name the vector format does not define.
pub fn decode_field(err: &ApiError, key: &str) -> Option<Value> {
    Some(match key {
        "known" => Value::from(!err.is_unknown()),
        "code" => Value::from(err.code()),
        "symbol" => Value::from(err.symbol()),
        "kind" => Value::from(err.kind().as_str()),
        "message" => Value::from(err.message().as_ref()),
        "server_message" => serde_json::to_value(err.server_message()).unwrap(),
        "raw_code" => Value::from(err.raw_code().to_string()),
        "http_status" => Value::from(err.http_status()),
        "retryable" => Value::from(err.retryable()),
        "minor" => serde_json::to_value(err.minor()).unwrap(),
        "minor_detail" => serde_json::to_value(err.minor_detail()).unwrap(),
        "retry_after_ms" => serde_json::to_value(err.retry_after_ms()).unwrap(),
        "missing_permission" => serde_json::to_value(err.missing_permission()).unwrap(),
        "wait" => serde_json::to_value(err.wait()).unwrap(),
        _ => return None,
    })
}
