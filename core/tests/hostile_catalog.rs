//! Hostile user catalog files: whatever the file holds, a refusal is a
//! short, readable `CatalogError` (the file is up to 8 MiB; the message is
//! not). Found while fuzzing the loader (fuzz/fuzz_targets/load_catalog.rs);
//! timing is measured by the fuzzer, not asserted here.

use errcat::{Format, MAX_PAYLOAD_BYTES};

/// A problem's text is cut at 1024 characters, an entry's description at 200.
fn assert_short(e: &errcat::CatalogError) {
    for p in &e.problems {
        assert!(
            p.problem.chars().count() <= 1025,
            "{} chars",
            p.problem.len()
        );
        assert!(p.entry.as_ref().is_none_or(|e| e.chars().count() <= 201));
    }
}

#[test]
fn toml_errors_do_not_quote_the_source_line() {
    let long = "x".repeat(MAX_PAYLOAD_BYTES);
    for text in [
        format!("[catalog]\nid = \"a\" {long}"),
        format!("x = {}", "[".repeat(100_000)),
        format!("[catalog]\n{long} = 1"),
    ] {
        let e = errcat::parse_catalog(text.as_bytes(), Format::Toml, "big.toml").unwrap_err();
        assert_short(&e);
        let m = e.to_string();
        assert!(m.starts_with("big.toml: invalid TOML: line "), "{m:.200}");
        assert!(m.len() < 1200, "{} bytes", m.len());
    }
    // Line and column point at the problem.
    let e = errcat::parse_catalog(b"[catalog]\nid = 1 2\n", Format::Toml, "t.toml").unwrap_err();
    assert!(
        e.to_string()
            .starts_with("t.toml: invalid TOML: line 2, column "),
        "{e}"
    );
}

#[test]
fn json_errors_and_quoted_values_are_cut() {
    let long = "k".repeat(MAX_PAYLOAD_BYTES);
    let e = errcat::parse_catalog(
        format!("{{\"{long}\": 1}}").as_bytes(),
        Format::Json,
        "big.json",
    )
    .unwrap_err();
    assert_short(&e);
    assert!(e.to_string().contains('…'));
    // A symbol of a megabyte is refused, and quoted only in part.
    let json = format!(
        r#"{{"catalog":{{"id":"a","name":"A","wire":"int"}},"category":[{{"id":"c","name":"C"}}],
            "entry":[{{"code":1,"symbol":"{long}","message":"m","category":"c","kind":"ok"}}]}}"#
    );
    let e = errcat::parse_catalog(json.as_bytes(), Format::Json, "big.json").unwrap_err();
    assert_short(&e);
    assert!(e.to_string().len() < 4096);
}

#[test]
fn many_dangling_deprecations_are_all_reported() {
    // Each entry names a replacement that does not exist: one problem each
    // (checked against a set of symbols, not a scan per entry).
    let n = 5000;
    let mut s = String::from(
        r#"{"catalog":{"id":"a","name":"A","wire":"int"},"category":[{"id":"c","name":"C"}],"entry":["#,
    );
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&format!(
            r#"{{"code":{i},"symbol":"S{i}","message":"m","category":"c","kind":"ok","deprecated":{{"replaced_by":"S{}x"}}}}"#,
            i
        ));
    }
    s.push_str("]}");
    let e = errcat::parse_catalog(s.as_bytes(), Format::Json, "d.json").unwrap_err();
    assert_eq!(e.problems.len(), n);
    assert!(
        e.problems[7].problem.contains("\"S7x\" is not a symbol"),
        "{}",
        e.problems[7].problem
    );
    // And one that does exist is accepted.
    let ok = s.replace("\"S0x\"", "\"S1\"");
    let e = errcat::parse_catalog(ok.as_bytes(), Format::Json, "d.json").unwrap_err();
    assert_eq!(e.problems.len(), n - 1);
}
