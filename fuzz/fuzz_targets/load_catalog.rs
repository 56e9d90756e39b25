//! Loading a user catalog (TOML or JSON) from hostile bytes.
//!
//! The first byte picks the format (`& 1`: 0 TOML, 1 JSON); the rest is the
//! file. Invariants: never panics; a refusal names the file and lists at
//! least one problem, each at most 1024 characters; an accepted catalog
//! obeys every rule of SCHEMA.md that lookups rely on (every entry found by
//! its code, each of its names and their forgiving form, and by decoding
//! its code; unique type names that are identifiers), exports, and reads
//! back the same when written in the other format.

#![no_main]

mod common;

use errcat::schema::{fold_symbol, parse_catalog, FileCatalog};
use errcat::{Catalog, CatalogRef, Format, Wire};
use libfuzzer_sys::fuzz_target;
use std::collections::BTreeSet;
use std::sync::Arc;

const NAME: &str = "fuzz/catalog";

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let format = if sel & 1 == 0 {
        Format::Toml
    } else {
        Format::Json
    };
    let loaded = errcat::parse_catalog(rest, format, NAME);
    let parsed = parse_catalog(NAME, rest, format);
    assert_eq!(
        loaded.is_ok(),
        parsed.is_ok(),
        "errcat::parse_catalog and schema::parse_catalog disagree"
    );
    match loaded {
        Err(e) => {
            assert!(!e.problems.is_empty(), "a refusal without a problem");
            for p in &e.problems {
                assert_eq!(p.file, NAME, "a problem that does not name the file");
                assert!(!p.problem.is_empty());
                // Problems quote the file's values, cut short: a hostile
                // file must not make a megabyte error message.
                assert!(
                    p.problem.chars().count() <= 1025,
                    "problem of {} bytes",
                    p.problem.len()
                );
                assert!(p.entry.as_ref().map_or(true, |e| e.chars().count() <= 201));
            }
            assert!(!e.to_string().is_empty());
        }
        Ok(cat) => {
            let cat = Arc::new(cat);
            check_catalog(&cat);
            let file = parsed.expect("checked above");
            round_trip(&cat, &file);
        }
    }
});

fn check_catalog(cat: &Arc<Catalog>) {
    assert!(!cat.entries.is_empty());
    let id = cat.id.as_ref();
    assert!(id.len() <= 64 && id.starts_with(|c: char| c.is_ascii_lowercase()));
    assert!(id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'));
    let mut codes = BTreeSet::new();
    let mut types = BTreeSet::new();
    for e in cat.entries.iter() {
        assert!(codes.insert(e.code), "duplicate code {} accepted", e.code);
        assert!(
            types.insert(e.type_name.to_string()),
            "duplicate type name {} accepted",
            e.type_name
        );
        assert_eq!(e.type_name, errcat::type_name(&e.symbol));
        let mut tn = e.type_name.chars();
        assert!(
            tn.next().is_some_and(|c| c.is_ascii_uppercase()),
            "type name {:?}",
            e.type_name
        );
        assert!(
            tn.all(|c| c.is_ascii_alphanumeric()),
            "type name {:?}",
            e.type_name
        );
        assert!(!e.message.trim().is_empty());
        assert!(
            cat.category(&e.category).is_some(),
            "unknown category accepted"
        );
        assert!(
            (100..=599).contains(&e.http_status),
            "http_status {}",
            e.http_status
        );

        assert!(std::ptr::eq(cat.by_code(e.code).expect("by_code"), e));
        assert!(std::ptr::eq(
            cat.lookup(&e.code.to_string()).expect("lookup(code)"),
            e
        ));
        for n in common::names(e) {
            assert!(
                n.len() <= 128 && n.chars().all(|c| c.is_ascii_graphic()),
                "name {n:?} accepted"
            );
            assert!(std::ptr::eq(cat.by_symbol(n).expect("by_symbol"), e), "{n}");
            if fold_symbol(n).is_some() {
                for q in [
                    n.to_lowercase(),
                    n.to_uppercase(),
                    format!("  {} ", n.replace('_', "-")),
                ] {
                    let found = cat
                        .by_symbol_forgiving(&q)
                        .expect("forgiving lookup of a name");
                    assert!(
                        std::ptr::eq(found, e),
                        "{q:?} found {} instead of {}",
                        found.symbol,
                        e.symbol
                    );
                }
            }
        }
    }
    // Decoding the entry's code as the server would send it finds it.
    for e in cat.entries.iter().take(64) {
        let payload = match cat.wire {
            Wire::String => serde_json::json!({"error": {"code": e.symbol}}),
            Wire::Int => serde_json::json!({"code": e.code}),
            Wire::MajorMinor => serde_json::json!({"major": e.code, "minor": 0}),
        };
        let d = errcat::decode_with(
            CatalogRef::Loaded(cat.clone()),
            payload.to_string().as_bytes(),
        )
        .expect("decoding an entry's own code");
        assert_eq!(d.entry(), Some(e));
        let _ = d.ns_error().user_info();
    }
    let json = errcat_tooling::export::to_json_string([&**cat]);
    serde_json::from_str::<serde_json::Value>(&json).expect("the export is JSON");
    let _ = errcat_tooling::export::to_markdown([&**cat]);
    let _ = errcat_tooling::html::render([&**cat]);
}

/// The same file written in the other format (and in its own) loads to the
/// same catalog.
fn round_trip(cat: &Catalog, file: &FileCatalog) {
    let json = serde_json::to_string(file).expect("a parsed file serializes");
    let again = errcat::parse_catalog(json.as_bytes(), Format::Json, NAME)
        .unwrap_or_else(|e| panic!("accepted catalog refused once written as JSON: {e}\n{json}"));
    same_catalog(cat, &again);
    // TOML cannot write every value serde can (e.g. a null inside a list);
    // when it can, the result must load the same.
    if let Ok(toml) = toml::to_string(file) {
        let again =
            errcat::parse_catalog(toml.as_bytes(), Format::Toml, NAME).unwrap_or_else(|e| {
                panic!("accepted catalog refused once written as TOML: {e}\n{toml}")
            });
        same_catalog(cat, &again);
    }
}

fn same_catalog(a: &Catalog, b: &Catalog) {
    assert_eq!(
        (&a.id, &a.name, &a.domain, a.wire),
        (&b.id, &b.name, &b.domain, b.wire)
    );
    assert_eq!(a.categories, b.categories);
    assert_eq!(a.entries, b.entries);
}
