//! The table's invariants: pinned kinds, unique numbers, the kind
//! distribution, typed enums, validation of user catalogs.

use errcat::{Format, Kind};
use std::collections::{BTreeMap, BTreeSet};

#[test]
fn pinned_kinds() {
    let pins = [
        ("spaces", "RATE_LIMITED", Kind::ResourceExhausted),
        ("spaces", "AUTH_EXPIRED", Kind::Unauthenticated),
        ("rtc", "userNotFound", Kind::NotFound),
        ("chatapi", "ERR_TOO_MANY_REQUESTS", Kind::ResourceExhausted),
        ("securechat", "TOO_MANY_REQUESTS", Kind::ResourceExhausted),
        ("messenger", "LOGIN_REQUIRED", Kind::Unauthenticated),
        ("messenger", "TIMEOUT", Kind::DeadlineExceeded),
        ("spaces", "FORBIDDEN", Kind::PermissionDenied),
        ("spaces", "FED_OK", Kind::Ok),
        ("chatapi", "ERR_UID_NOT_FOUND", Kind::NotFound),
    ];
    for (cat, sym, kind) in pins {
        assert_eq!(
            errcat::lookup_symbol(cat, sym).unwrap().kind,
            kind,
            "{cat} {sym}"
        );
    }
}

#[test]
fn kind_distribution() {
    // Printed so a reviewer sees at a glance that kinds were chosen, not
    // defaulted; asserted loosely so that a mass default would fail.
    for c in errcat::catalogs() {
        let mut dist: BTreeMap<&str, usize> = BTreeMap::new();
        for e in c.entries.iter() {
            *dist.entry(e.kind.as_str()).or_default() += 1;
        }
        println!("{:<10} {:?}", c.id, dist);
        let max = dist.values().max().unwrap();
        assert!(
            dist.len() >= 5,
            "{}: only {} distinct kinds",
            c.id,
            dist.len()
        );
        assert!(
            *max * 10 < c.entries.len() * 6,
            "{}: one kind covers {max} of {} entries",
            c.id,
            c.entries.len()
        );
    }
}

#[test]
fn numbers_and_names_are_unique() {
    for c in errcat::catalogs() {
        let mut codes = BTreeSet::new();
        let mut types = BTreeSet::new();
        for (i, e) in c.entries.iter().enumerate() {
            assert!(codes.insert(e.code), "{}: duplicate code {}", c.id, e.code);
            assert!(
                types.insert(e.type_name.clone()),
                "{}: duplicate type name {}",
                c.id,
                e.type_name
            );
            assert_eq!(c.by_code(e.code).unwrap().symbol, e.symbol);
            assert!(std::ptr::eq(c.by_code(e.code).unwrap(), e));
            assert_eq!(c.code_index(e.code), Some(i));
            assert_eq!(c.by_symbol(&e.symbol).unwrap().code, e.code);
            assert_eq!(
                c.by_symbol_forgiving(&e.symbol.to_lowercase())
                    .unwrap()
                    .code,
                e.code
            );
            assert_eq!(
                e.http_status_documented || e.http_status == e.kind.http_status(),
                true
            );
        }
    }
    // Every code with no entry, across and just outside each catalog's range,
    // misses (the dense tables have holes).
    for c in errcat::catalogs() {
        let min = c.entries.iter().map(|e| e.code).min().unwrap();
        let max = c.entries.iter().map(|e| e.code).max().unwrap();
        for code in (min - 3..=max + 3).chain([i64::MIN, i64::MAX, 0, -2]) {
            let known = c.entries.iter().any(|e| e.code == code);
            assert_eq!(c.by_code(code).is_some(), known, "{} {code}", c.id);
            assert_eq!(c.code_index(code).is_some(), known, "{} {code}", c.id);
        }
    }
    let ids: Vec<&str> = errcat::catalogs().map(|c| c.id.as_ref()).collect();
    assert_eq!(ids, errcat::CATALOG_IDS);
    // The public order of the first five is stable (their `order` fields);
    // a catalog added later comes after them.
    assert_eq!(
        ids[..5],
        ["securechat", "messenger", "spaces", "rtc", "chatapi"]
    );
    let domains: BTreeSet<&str> = errcat::catalogs().map(|c| c.domain.as_ref()).collect();
    assert_eq!(domains.len(), ids.len(), "every catalog has its own domain");
}

#[test]
fn typed_enums_come_from_the_rows() {
    use errcat::{messenger, rtc, spaces};
    assert_eq!(rtc::Code::UserNotFound as i64, 102);
    assert_eq!(rtc::Code::UnknownError.code(), -1);
    assert_eq!(rtc::Code::UserNotFound.entry().symbol, "userNotFound");
    assert_eq!(spaces::Code::TwoFaRequired.symbol(), "2FA_REQUIRED");
    assert_eq!(
        spaces::Code::from_code(42901),
        Some(spaces::Code::RateLimited)
    );
    assert_eq!(messenger::Code::FileUploadOptionBadPayload.code(), 700);
    for c in errcat::catalogs() {
        let n = match c.id.as_ref() {
            "securechat" => errcat::securechat::Code::ALL.len(),
            "messenger" => messenger::Code::ALL.len(),
            "spaces" => spaces::Code::ALL.len(),
            "rtc" => rtc::Code::ALL.len(),
            _ => errcat::chatapi::Code::ALL.len(),
        };
        assert_eq!(n, c.entries.len());
    }
    for code in rtc::Code::ALL {
        assert_eq!(rtc::Code::from_code(code.code()), Some(code));
        assert_eq!(code.entry().type_name, errcat::type_name(code.symbol()));
    }
}

#[test]
fn type_name_rule() {
    assert_eq!(errcat::type_name("AUTH_FAILED"), "AuthFailed");
    assert_eq!(errcat::type_name("2FA_REQUIRED"), "TwoFaRequired");
    assert_eq!(errcat::type_name("userNotFound"), "UserNotFound");
    assert_eq!(
        errcat::type_name("FILE_UPLOAD_OPTION_BAD_PAYLOAD."),
        "FileUploadOptionBadPayload"
    );
    assert_eq!(errcat::type_name("invalidSocketURL"), "InvalidSocketUrl");
    assert_eq!(errcat::type_name("___"), "Code");
}

const GOOD: &str = r#"
[catalog]
id = "acme"
name = "Acme chat"
wire = "string"

[[category]]
id = "auth"
name = "Auth"
http_status = 401

[[entry]]
code = 1
symbol = "TOKEN_EXPIRED"
message = "Token expired"
category = "auth"
kind = "unauthenticated"

[[entry]]
code = 2
symbol = "SLOW_DOWN"
message = "Too fast"
category = "auth"
kind = "resource_exhausted"
http_status = 429
"#;

#[test]
fn user_catalog_toml_and_json() {
    let c = errcat::parse_catalog(GOOD.as_bytes(), Format::Toml, "acme.toml").unwrap();
    assert_eq!(c.domain, "errcat.acme");
    let e = c.lookup("token-expired").unwrap();
    assert_eq!(
        (e.code, e.http_status, e.http_status_documented, e.retryable),
        (1, 401, true, false)
    );
    assert!(c.lookup("slow_down").unwrap().retryable);
    let arc = std::sync::Arc::new(c);
    let err = errcat::decode_with(
        arc.clone(),
        br#"{"error":{"code":"SLOW_DOWN","retry_after_ms":10}}"#,
    )
    .unwrap();
    assert_eq!((err.code(), err.retry_after_ms()), (2, Some(10)));
    // The same catalog through JSON.
    let v: toml::Value = toml::from_str(GOOD).unwrap();
    let json = serde_json::to_vec(&v).unwrap();
    let j = errcat::parse_catalog(&json, Format::Json, "acme.json").unwrap();
    assert_eq!(j.entries.len(), 2);
}

fn problems(text: &str) -> Vec<String> {
    match errcat::parse_catalog(text.as_bytes(), Format::Toml, "bad.toml") {
        Ok(_) => vec![],
        Err(e) => e.problems.iter().map(|p| p.to_string()).collect(),
    }
}

#[test]
fn validation_names_file_entry_and_problem() {
    let dup_code = GOOD.replace("code = 2", "code = 1");
    let p = problems(&dup_code);
    assert_eq!(
        p,
        vec!["bad.toml: entry #2 (code 1, SLOW_DOWN): duplicate code 1 (also entry #1)"]
    );

    let dup_sym = GOOD.replace("SLOW_DOWN", "token-expired");
    let p = problems(&dup_sym).join("\n");
    assert!(
        p.contains("entry #2") && p.contains("the same as \"TOKEN_EXPIRED\""),
        "{p}"
    );

    let no_msg = GOOD.replace("message = \"Too fast\"", "message = \"  \"");
    assert_eq!(
        problems(&no_msg),
        vec!["bad.toml: entry #2 (code 2, SLOW_DOWN): missing message"]
    );

    let bad_kind = GOOD.replace("kind = \"resource_exhausted\"", "kind = \"rate_limited\"");
    let p = problems(&bad_kind).join("\n");
    assert!(
        p.starts_with("bad.toml: entry #2 (code 2, SLOW_DOWN): unknown kind \"rate_limited\""),
        "{p}"
    );

    let bad_field = GOOD.replace("http_status = 429", "http_staus = 429");
    let p = problems(&bad_field).join("\n");
    assert!(
        p.starts_with("bad.toml: invalid TOML") && p.contains("http_staus"),
        "{p}"
    );

    let bad_cat = GOOD.replace(
        "category = \"auth\"\nkind = \"resource",
        "category = \"nope\"\nkind = \"resource",
    );
    assert_eq!(
        problems(&bad_cat),
        vec!["bad.toml: entry #2 (code 2, SLOW_DOWN): unknown category \"nope\""]
    );

    let bad_status = GOOD.replace("http_status = 429", "http_status = 99");
    assert_eq!(
        problems(&bad_status),
        vec!["bad.toml: entry #2 (code 2, SLOW_DOWN): http_status 99 is not between 100 and 599"]
    );

    assert!(problems("not toml [[[")
        .join("")
        .starts_with("bad.toml: invalid TOML"));
    let bad_utf8 = errcat::parse_catalog(b"{\"\xff\"}", Format::Json, "x.json").unwrap_err();
    assert!(bad_utf8.to_string().starts_with("x.json: not valid UTF-8"));
    // Several problems are all reported.
    let two = GOOD
        .replace("code = 2", "code = 1")
        .replace("message = \"Too fast\"", "message = \"\"");
    assert_eq!(problems(&two).len(), 2);
}

#[test]
fn load_catalog_from_files() {
    let dir = std::env::temp_dir().join(format!("errcat-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("acme.toml");
    std::fs::write(&p, GOOD).unwrap();
    assert_eq!(errcat::load_catalog(&p).unwrap().id, "acme");
    let e = errcat::load_catalog(dir.join("missing.toml")).unwrap_err();
    assert!(e.to_string().contains("missing.toml: cannot read"), "{e}");
    let e = errcat::load_catalog(dir.join("x.yaml")).unwrap_err();
    assert!(e.to_string().contains("unknown file type"), "{e}");
    // Every built-in catalog file loads through the run-time path too and
    // gives the same rows as the compiled-in table.
    for c in errcat::catalogs() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("catalogs/{}.toml", c.id));
        let loaded = errcat::load_catalog(path).unwrap();
        assert_eq!(loaded.entries.as_ref(), c.entries.as_ref(), "{}", c.id);
        assert_eq!(loaded.categories.as_ref(), c.categories.as_ref());
        assert_eq!(loaded.domain, c.domain);
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn search_finds_across_catalogs() {
    let hits = errcat::search("expired");
    let cats: BTreeSet<&str> = hits.iter().map(|h| h.catalog.id.as_ref()).collect();
    assert!(cats.len() >= 4, "{cats:?}");
    assert!(hits.iter().any(|h| h.entry.symbol == "AUTH_EXPIRED"));
    // Minor details and causes are searched.
    assert!(errcat::search("forwardFrom.messageId")
        .iter()
        .any(|h| h.entry.code == 203));
    assert!(errcat::search("ICE candidates")
        .iter()
        .any(|h| h.entry.symbol == "userGeneric"));
    assert!(errcat::search("   ").is_empty());
    assert!(errcat::search(&"x".repeat(5000)).is_empty());
}

#[test]
fn nserror_view_of_every_entry() {
    for c in errcat::catalogs() {
        for e in c.entries.iter() {
            let err = errcat::ApiError::from_entry(c, e.code).unwrap();
            let ns = err.ns_error();
            assert_eq!(ns.domain, c.domain);
            assert_eq!(ns.code, e.code);
            assert_eq!(ns.localized_description, e.message);
            assert_eq!(ns.symbol, e.symbol);
            assert_eq!(
                ns.recovery_suggestion.is_some(),
                e.reaction.is_some() || e.retryable
            );
        }
    }
}

/// The compact encoding (what the wasm module carries) rebuilds catalogs
/// equal to the static ones: same data, same answers.
#[test]
fn compact_builtins_equal_the_static_tables() {
    let compact = errcat::compact_builtins();
    let ids: Vec<&str> = compact.iter().map(|c| c.id.as_ref()).collect();
    assert_eq!(ids, errcat::CATALOG_IDS);
    for (loaded, c) in compact.iter().zip(errcat::catalogs()) {
        assert_eq!(
            serde_json::to_value(loaded).unwrap(),
            serde_json::to_value(c).unwrap(),
            "{}",
            c.id
        );
        assert_eq!(loaded.entries, c.entries);
        assert_eq!(loaded.categories, c.categories);
        for e in c.entries.iter() {
            assert_eq!(loaded.by_code(e.code), Some(e), "{} {}", c.id, e.code);
            assert_eq!(loaded.by_symbol(&e.symbol), Some(e));
            assert_eq!(loaded.lookup(&e.symbol.to_lowercase()), Some(e));
            for a in e.aliases.iter() {
                assert_eq!(loaded.lookup(a), c.lookup(a), "{} alias {a}", c.id);
            }
        }
        for q in ["rate", "not found", "permission", "expired", "zzz"] {
            assert_eq!(loaded.search(q), c.search(q), "{} search {q}", c.id);
        }
    }
}
