//! Adding a catalog is adding one file: in a scratch copy of the repository,
//! write a sixth `core/catalogs/acme.toml` (no `order`, and an id that sorts
//! first alphabetically, so it also proves the order rule puts it last),
//! then build and look for it everywhere the catalog list reaches:
//!
//! * the core: `CATALOG_IDS`/`catalogs()` (through `errcat list --json`), the
//!   "(known: …)" message, lookup and decode (through the CLI);
//! * the tooling: the Markdown export;
//! * every file `errcat-codegen write` produces: Python modules and stubs,
//!   TypeScript types, Kotlin exceptions and `uniffi.toml`, the Swift
//!   NSError layer and API, the C code enums, C test tables and the `cbindgen.toml`
//!   include line; then `errcat-codegen check` is clean.
//!
//! Not built here (each needs its own toolchain): the Python, wasm, UniFFI
//! and C libraries, and the cbindgen header. Their inputs above are what
//! the test scripts compile.
//!
//! Slow (a release build of core, tooling, CLI and codegen in the scratch
//! copy, with its own target dir `target/new-catalog/target`, reused between
//! runs), so it is ignored by default:
//!
//! ```text
//! cargo test --release -p errcat-tooling --test new_catalog -- --ignored
//! ```

use std::path::{Path, PathBuf};
use std::process::Command;

const NEW: &str = r#"[catalog]
id = "acme"
name = "Acme test server"
wire = "int"

[[category]]
id = "general"
name = "General"

[[entry]]
code = 7
symbol = "ACME_EXPLODED"
message = "The anvil exploded."
category = "general"
kind = "internal"
"#;

/// Directories never copied: build output, VCS data, installed packages.
const SKIP: [&str; 7] = [
    "target",
    ".git",
    "node_modules",
    ".build",
    "__pycache__",
    ".venv",
    "corpus",
];

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for d in std::fs::read_dir(from).unwrap() {
        let d = d.unwrap();
        let name = d.file_name();
        let ty = d.file_type().unwrap();
        if ty.is_dir() {
            if !SKIP.iter().any(|s| name == *s) {
                copy_tree(&d.path(), &to.join(&name));
            }
        } else if ty.is_file() {
            std::fs::copy(d.path(), to.join(&name)).unwrap();
        }
    }
}

fn run(dir: &Path, target: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "cargo {args:?} failed:\n{stdout}\n{stderr}"
    );
    stdout
}

/// Runs the scratch copy's CLI; returns (success, stdout + stderr).
fn cli(dir: &Path, target: &Path, args: &[&str], stdin: &str) -> (bool, String) {
    use std::io::Write as _;
    let bin = target.join("release").join("errcat");
    let mut child = Command::new(bin)
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn has(dir: &Path, rel: &str, needle: &str) {
    let text = read(dir, rel);
    assert!(text.contains(needle), "{rel} lacks {needle:?}");
}

#[test]
#[ignore = "builds a scratch copy of the repository (minutes); run with --ignored"]
fn a_sixth_catalog_file_reaches_every_generated_file() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf();
    let base = root.join("target").join("new-catalog");
    let repo = base.join("repo");
    let target = base.join("target");
    if repo.exists() {
        std::fs::remove_dir_all(&repo).unwrap();
    }
    copy_tree(&root, &repo);
    std::fs::write(repo.join("core/catalogs/acme.toml"), NEW).unwrap();

    // Every generated file, from the table that now has six catalogs.
    let wrote = run(
        &repo,
        &target,
        &[
            "run",
            "--release",
            "-q",
            "-p",
            "errcat-codegen",
            "--",
            "write",
        ],
    );
    for (rel, needle) in [
        ("python/errcat/acme.py", "\"AcmeExploded\""),
        ("python/errcat/acme.pyi", "AcmeExploded"),
        (
            "python/errcat/__init__.pyi",
            "from errcat import acme as acme",
        ),
        ("wasm/js/catalogs.d.ts", "| \"acme\""),
        ("wasm/js/catalogs.d.ts", "ACME_EXPLODED"),
        (
            "bindings/kotlin/errcat/ErrcatExceptions.kt",
            "\"chatapi\", \"acme\")",
        ),
        (
            "bindings/kotlin/errcat/ErrcatExceptions.kt",
            "AcmeException",
        ),
        (
            "bindings/uniffi.toml",
            "\"AcmeError\", \"decode_acme\", \"error_for_acme\"",
        ),
        ("swift/Sources/Errcat/ErrcatNSError.swift", "\"acme\""),
        (
            "swift/Sources/Errcat/ErrcatAPI.swift",
            "case \"acme\": return try AcmeError.decode(payload: payload)",
        ),
        ("ffi/src/codes.rs", "ERRCAT_ACME_ACME_EXPLODED"),
        (
            "ffi/cbindgen.toml",
            "\"errcat_chatapi_code\", \"errcat_acme_code\"]",
        ),
        ("tests/c/codes_table.c", "ERRCAT_ACME_ACME_EXPLODED"),
        ("tests/c/bench_switch.c", "switch_acme"),
    ] {
        assert!(
            wrote.contains(rel),
            "codegen did not rewrite {rel}:\n{wrote}"
        );
        has(&repo, rel, needle);
    }
    let check = run(
        &repo,
        &target,
        &[
            "run",
            "--release",
            "-q",
            "-p",
            "errcat-codegen",
            "--",
            "check",
        ],
    );
    assert!(check.contains("fresh"), "{check}");

    // The core's list, through the CLI: last in public order.
    run(
        &repo,
        &target,
        &["build", "--release", "-q", "-p", "errcat-cli"],
    );
    let (ok, list) = cli(&repo, &target, &["list", "--json"], "");
    assert!(ok, "{list}");
    let v: serde_json::Value = serde_json::from_str(&list).unwrap();
    let ids: Vec<&str> = v["catalogs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "securechat",
            "messenger",
            "spaces",
            "rtc",
            "chatapi",
            "acme"
        ]
    );
    let (ok, out) = cli(&repo, &target, &["lookup", "acme", "7"], "");
    assert!(ok && out.contains("ACME_EXPLODED"), "{out}");
    let (ok, out) = cli(&repo, &target, &["lookup", "nope", "7"], "");
    assert!(
        !ok && out.contains("known: securechat, messenger, spaces, rtc, chatapi, acme"),
        "{out}"
    );
    let (ok, out) = cli(
        &repo,
        &target,
        &["decode", "acme"],
        r#"{"code":7,"message":"boom"}"#,
    );
    assert!(out.contains("ACME_EXPLODED"), "{ok} {out}");
    let (ok, out) = cli(&repo, &target, &["export", "--format", "markdown"], "");
    assert!(ok && out.contains("ACME_EXPLODED"), "{out}");
}
