//! The compatibility guard: the committed export tests/compat/baseline.json
//! is the released table. A change that removes, renumbers or renames a
//! code fails here. To retire a code on purpose: mark it deprecated, release,
//! then regenerate the baseline (`errcat export --format json -o
//! tests/compat/baseline.json`) in the same change that removes it.

#[test]
fn no_breaking_change_against_the_baseline() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/compat/baseline.json"
    ))
    .unwrap();
    let old = errcat_tooling::check::parse_snapshot(&text).unwrap();
    let now = errcat_tooling::check::snapshot(errcat::catalogs());
    let breaking = errcat_tooling::check::compare(&old, &now, false);
    assert!(
        breaking.is_empty(),
        "breaking changes against tests/compat/baseline.json:\n{}",
        breaking
            .iter()
            .map(|b| b.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_guard_can_fail() {
    // The same comparison with one code renamed and one removed.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/compat/baseline.json"
    ))
    .unwrap();
    let old = errcat_tooling::check::parse_snapshot(&text).unwrap();
    let mut now = errcat_tooling::check::snapshot(errcat::catalogs());
    now.catalogs[3].entries[0].symbol = "renamed".into();
    now.catalogs[0].entries.pop();
    let b = errcat_tooling::check::compare(&old, &now, false);
    assert_eq!(b.len(), 2, "{b:?}");
}
