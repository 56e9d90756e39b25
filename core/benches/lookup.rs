//! Lookup and decode against hand-written baselines, in the same run.
//!
//! * code lookup: `Catalog::by_code` vs a hand-written `match` over the rtc
//!   codes and a `HashMap<i64, _>`;
//! * symbol lookup: `Catalog::by_symbol` vs a hand-written `match` on `&str`
//!   and a `HashMap<&str, _>`;
//! * decode: `errcat::decode` vs `serde_json::from_slice::<Value>` of the
//!   same payload (which does not even resolve the code).
//!
//! The ratios are written up in reports/bench-rust.md.

use criterion::{criterion_group, criterion_main, Criterion};
use std::collections::HashMap;
use std::hint::black_box;

/// The hand-written baseline a team would otherwise keep: rtc's codes.
fn rtc_match(code: i64) -> Option<&'static str> {
    Some(match code {
        101 => "userGeneric",
        102 => "userNotFound",
        103 => "userClosedError",
        104 => "existingUserInSession",
        105 => "userNotStreaming",
        106 => "userNotAuthorized",
        201 => "sessionGenericError",
        203 => "sessionClosed",
        206 => "sessionIsFull",
        303 => "mediaEndpoint",
        801 => "transportRequest",
        802 => "transportResponse",
        803 => "transport",
        -1 => "unknownError",
        901 => "genericConnectionError",
        999 => "genericError",
        1101 => "invalidToken",
        1102 => "invalidTokenData",
        1103 => "invalidTokenJsonData",
        1104 => "invalidSocketURL",
        1105 => "invalidStunServer",
        _ => return None,
    })
}

fn rtc_symbol_match(s: &str) -> Option<i64> {
    Some(match s {
        "userGeneric" => 101,
        "userNotFound" => 102,
        "userClosedError" => 103,
        "existingUserInSession" => 104,
        "userNotStreaming" => 105,
        "userNotAuthorized" => 106,
        "sessionGenericError" => 201,
        "sessionClosed" => 203,
        "sessionIsFull" => 206,
        "mediaEndpoint" => 303,
        "transportRequest" => 801,
        "transportResponse" => 802,
        "transport" => 803,
        "unknownError" => -1,
        "genericConnectionError" => 901,
        "genericError" => 999,
        "invalidToken" => 1101,
        "invalidTokenData" => 1102,
        "invalidTokenJsonData" => 1103,
        "invalidSocketURL" => 1104,
        "invalidStunServer" => 1105,
        _ => return None,
    })
}

const CODES: [i64; 8] = [102, 1105, -1, 206, 4242, 801, 999, 0];
const SYMBOLS: [&str; 8] = [
    "userNotFound",
    "invalidStunServer",
    "unknownError",
    "sessionIsFull",
    "nope",
    "transportRequest",
    "genericError",
    "x",
];

/// The hand-written baselines must be the real table, or the ratios compare
/// against a different job: every rtc entry maps both ways, and nothing
/// else does. Runs before any timing, also in `cargo test --benches`.
fn check_baselines_match_the_table(rtc: &errcat::Catalog) {
    for e in rtc.entries.iter() {
        assert_eq!(
            rtc_match(e.code),
            Some(e.symbol.as_ref()),
            "rtc_match({}) is stale",
            e.code
        );
        assert_eq!(
            rtc_symbol_match(&e.symbol),
            Some(e.code),
            "rtc_symbol_match({}) is stale",
            e.symbol
        );
    }
    for code in -1000..=2000 {
        let documented = rtc.by_code(code).is_some();
        assert_eq!(
            rtc_match(code).is_some(),
            documented,
            "rtc_match({code}) disagrees with the table"
        );
    }
    for s in SYMBOLS {
        assert_eq!(
            rtc_symbol_match(s).is_some(),
            rtc.by_symbol(s).is_some(),
            "rtc_symbol_match({s})"
        );
    }
}

fn lookup(c: &mut Criterion) {
    let rtc = errcat::catalog("rtc").unwrap();
    check_baselines_match_the_table(rtc);
    let by_code: HashMap<i64, &errcat::Entry> = rtc.entries.iter().map(|e| (e.code, e)).collect();
    let by_sym: HashMap<&str, &errcat::Entry> =
        rtc.entries.iter().map(|e| (e.symbol.as_ref(), e)).collect();

    let mut g = c.benchmark_group("code_lookup_x8");
    g.bench_function("hand_match", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for code in black_box(CODES) {
                n += black_box(rtc_match(code)).is_some() as usize;
            }
            n
        })
    });
    g.bench_function("errcat_by_code", |b| {
        b.iter(|| {
            let rtc = black_box(rtc);
            let mut n = 0usize;
            for code in black_box(CODES) {
                n += black_box(rtc.by_code(code)).is_some() as usize;
            }
            n
        })
    });
    g.bench_function("errcat_typed_from_code", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for code in black_box(CODES) {
                n += black_box(errcat::rtc::Code::from_code(code)).is_some() as usize;
            }
            n
        })
    });
    g.bench_function("hashmap", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for code in black_box(CODES) {
                n += black_box(by_code.get(&code)).is_some() as usize;
            }
            n
        })
    });
    g.finish();

    let mut g = c.benchmark_group("symbol_lookup_x8");
    g.bench_function("hand_match", |b| {
        b.iter(|| {
            let mut n = 0i64;
            for s in black_box(SYMBOLS) {
                n += rtc_symbol_match(s).unwrap_or(0);
            }
            n
        })
    });
    g.bench_function("errcat_by_symbol", |b| {
        b.iter(|| {
            let mut n = 0i64;
            for s in black_box(SYMBOLS) {
                n += black_box(rtc).by_symbol(s).map_or(0, |e| e.code);
            }
            n
        })
    });
    g.bench_function("errcat_forgiving", |b| {
        b.iter(|| {
            let mut n = 0i64;
            for s in black_box(SYMBOLS) {
                n += black_box(rtc).by_symbol_forgiving(s).map_or(0, |e| e.code);
            }
            n
        })
    });
    g.bench_function("hashmap", |b| {
        b.iter(|| {
            let mut n = 0i64;
            for s in black_box(SYMBOLS) {
                n += by_sym.get(s).map_or(0, |e| e.code);
            }
            n
        })
    });
    g.finish();
}

fn decode(c: &mut Criterion) {
    let payloads: [(&str, &[u8]); 3] = [
        ("spaces_envelope", br#"{"error":{"code":"FORBIDDEN","message":"You do not have permission to perform this action.","retry_after_ms":null,"missing_permission":"manage_messages"}}"#),
        ("messenger_major_minor", br#"{"major":203,"minor":32,"wait":null}"#),
        ("rtc_bare", br#"{"code":102,"message":"User not found"}"#),
    ];
    for (name, p) in payloads {
        let cat = if name.starts_with("spaces") {
            "spaces"
        } else if name.starts_with("messenger") {
            "messenger"
        } else {
            "rtc"
        };
        let mut g = c.benchmark_group(format!("decode_{name}"));
        g.bench_function("serde_json_value", |b| {
            b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(p)).unwrap())
        });
        g.bench_function("errcat_decode", |b| {
            b.iter(|| errcat::decode(black_box(cat), black_box(p)).unwrap())
        });
        g.finish();
    }
}

criterion_group!(benches, lookup, decode);
criterion_main!(benches);
