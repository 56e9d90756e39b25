//! Property tests for lookup and decode.

use proptest::prelude::*;

fn any_entry() -> impl Strategy<Value = (&'static errcat::Catalog, &'static errcat::Entry)> {
    let all: Vec<(&'static errcat::Catalog, &'static errcat::Entry)> = errcat::catalogs()
        .flat_map(|c| c.entries.iter().map(move |e| (c, e)))
        .collect();
    proptest::sample::select(all)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    // Every entry is found by its code and by its symbol in any mix of case
    // and separators.
    #[test]
    fn lookup_round_trips((c, e) in any_entry(), upper in any::<bool>(), sep in prop::sample::select(vec!["_", "-", " ", ""])) {
        prop_assert_eq!(c.lookup(&e.code.to_string()).unwrap().symbol.as_ref(), e.symbol.as_ref());
        let mut q = e.symbol.replace('_', sep);
        q = if upper { q.to_uppercase() } else { q.to_lowercase() };
        prop_assert_eq!(c.lookup(&q).unwrap().code, e.code);
    }

    // Arbitrary strings never panic and never match unless they fold to a symbol.
    #[test]
    fn lookup_never_panics(q in ".{0,200}") {
        for c in errcat::catalogs() {
            if let Some(e) = c.lookup(&q) {
                let folded = errcat::schema::fold_symbol(&q);
                let matches = q.trim().parse::<i64>().ok() == Some(e.code)
                    || std::iter::once(&e.symbol).chain(e.aliases.iter())
                        .any(|s| errcat::schema::fold_symbol(s) == folded);
                prop_assert!(matches, "{:?} matched {}", q, e.symbol);
            }
        }
    }

    // Decoding a well-formed envelope keeps everything the server sent.
    #[test]
    fn decode_keeps_what_the_server_sent((c, e) in any_entry(), msg in "\\PC{0,80}", retry in proptest::option::of(0u64..10_000_000), minor in proptest::option::of(-5i64..50)) {
        let code = match c.wire { errcat::Wire::String => serde_json::json!(e.symbol), _ => serde_json::json!(e.code) };
        let payload = serde_json::json!({"error": {"code": code, "message": msg, "retry_after_ms": retry, "minor": minor}});
        let err = errcat::decode(&c.id, payload.to_string().as_bytes()).unwrap();
        prop_assert_eq!(err.code(), e.code);
        prop_assert_eq!(err.server_message(), Some(msg.as_str()));
        prop_assert_eq!(err.retry_after_ms(), retry);
        prop_assert_eq!(err.minor(), minor);
        prop_assert_eq!(err.kind(), e.kind);
    }

    // Unknown integer codes come back unknown with the raw code kept.
    #[test]
    fn unknown_codes_are_kept(code in any::<i64>(), msg in "[a-z ]{0,20}") {
        for c in errcat::catalogs() {
            let payload = serde_json::json!({"code": code, "message": msg});
            let err = errcat::decode(&c.id, payload.to_string().as_bytes()).unwrap();
            if c.by_code(code).is_none() {
                prop_assert!(err.is_unknown());
                prop_assert_eq!(err.code(), code);
                prop_assert_eq!(err.raw_code(), &errcat::RawCode::Int(code));
                prop_assert_eq!(err.kind(), errcat::Kind::Unknown);
            }
        }
    }

    // Arbitrary bytes never panic: a value or a decode error.
    #[test]
    fn decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = errcat::decode("spaces", &bytes);
        let _ = errcat::decode("messenger", &bytes);
    }

    // Arbitrary JSON never panics either.
    #[test]
    fn decode_json_never_panics(v in arb_json()) {
        let _ = errcat::decode("rtc", v.to_string().as_bytes());
    }
}

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "[a-zA-Z_]{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("code".to_string()),
                    Just("error".to_string()),
                    Just("message".to_string()),
                    Just("minor".to_string()),
                    Just("wait".to_string()),
                    "[a-z]{1,6}".prop_map(|s| s)
                ],
                inner,
                0..5
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}
