//! Fails when a committed generated file is stale, and says how to fix it.

#[test]
fn generated_files_are_fresh() {
    let stale = errcat_codegen::stale(&errcat_codegen::repo_root());
    assert!(
        stale.is_empty(),
        "stale generated files: {:?}\nrun `cargo run --release -p errcat-codegen -- write` and commit the result",
        stale
    );
}
