//! Rust-side checks of the C layer. The C tests (tests/c) exercise the ABI
//! itself; these check what C cannot see: that the static C table is the
//! core's table, and that the header's copies of core constants agree.

use super::*;
use crate::table::{self, CATALOGS};
use crate::user;
use std::ffi::CStr;

fn s(c: &CStr) -> &str {
    c.to_str().unwrap()
}

fn os(c: Option<&CStr>) -> Option<&str> {
    c.map(s)
}

/// Every field of a C catalog equals its core catalog's.
fn mirrors(cc: &table::errcat_catalog, core: &errcat::Catalog) {
    assert_eq!(s(cc.id), core.id);
    assert_eq!(s(cc.name), core.name);
    assert_eq!(s(cc.domain), core.domain);
    assert_eq!(os(cc.description), core.description.as_deref());
    assert_eq!(cc.categories.len(), core.categories.len());
    for (k, ck) in cc.categories.iter().zip(core.categories.iter()) {
        assert_eq!(s(k.id), ck.id);
        assert_eq!(s(k.name), ck.name);
        assert_eq!(k.http_status, ck.http_status.map_or(0, i32::from));
    }
    assert_eq!(cc.entries.len(), core.entries.len(), "{}", core.id);
    for (ce, e) in cc.entries.iter().zip(core.entries.iter()) {
        let ctx = format!("{} {}", core.id, e.symbol);
        assert_eq!(ce.code, e.code, "{ctx}");
        assert_eq!(s(ce.symbol), e.symbol, "{ctx}");
        assert_eq!(s(ce.type_name), e.type_name, "{ctx}");
        assert_eq!(s(ce.message), e.message, "{ctx}");
        assert_eq!(s(ce.category), e.category, "{ctx}");
        let category_name = core.category(&e.category).map_or(&e.category, |k| &k.name);
        assert_eq!(s(ce.category_name), category_name, "{ctx}");
        assert_eq!(ce.kind, e.kind.grpc_code(), "{ctx}");
        assert_eq!(ce.http_status, e.http_status, "{ctx}");
        assert_eq!(ce.retryable, e.retryable, "{ctx}");
        assert_eq!(ce.wait_required, e.wait_required, "{ctx}");
        assert_eq!(ce.server_only, e.server_only, "{ctx}");
        assert_eq!(ce.deprecated, e.deprecated(), "{ctx}");
        let d = e.deprecation.as_ref();
        assert_eq!(os(ce.deprecated_since), d.and_then(|d| d.since.as_deref()));
        assert_eq!(os(ce.replaced_by), d.and_then(|d| d.replaced_by.as_deref()));
        assert_eq!(os(ce.deprecation_note), d.and_then(|d| d.note.as_deref()));
        assert_eq!(os(ce.reaction), e.reaction.as_deref(), "{ctx}");
        assert_eq!(os(ce.request), e.request.as_deref(), "{ctx}");
        assert_eq!(os(ce.doc_url), e.doc_url.as_deref(), "{ctx}");
        let causes: Vec<&str> = ce.causes.iter().map(|c| s(c)).collect();
        assert_eq!(
            causes,
            e.causes.iter().map(|c| c.as_ref()).collect::<Vec<_>>(),
            "{ctx}"
        );
        let aliases: Vec<&str> = ce.aliases.iter().map(|c| s(c)).collect();
        assert_eq!(
            aliases,
            e.aliases.iter().map(|c| c.as_ref()).collect::<Vec<_>>(),
            "{ctx}"
        );
        assert_eq!(ce.minor_codes.len(), e.minor_codes.len(), "{ctx}");
        for (cm, m) in ce.minor_codes.iter().zip(e.minor_codes.iter()) {
            assert_eq!(cm.code, m.code);
            assert_eq!(os(cm.detail), m.detail.as_deref());
            assert_eq!(os(cm.reaction), m.reaction.as_deref());
        }
        // The index mapping finds the same row.
        assert!(std::ptr::eq(table::c_entry(cc, e).unwrap(), ce), "{ctx}");
        // The entry points back to its catalog.
        let back = unsafe { errcat_entry_catalog(ce) };
        assert!(std::ptr::eq(back, cc), "{ctx}");
    }
}

#[test]
fn c_table_mirrors_the_core_table() {
    assert_eq!(CATALOGS.len(), errcat::catalogs().len());
    for (cc, core) in CATALOGS.iter().zip(errcat::catalogs()) {
        mirrors(cc, core);
    }
}

/// The built-in catalogs' code lookup (build.rs's `match`) finds exactly
/// what the core's finds, for every code and for codes around them.
#[test]
fn builtin_code_lookup_is_the_cores() {
    for (cc, core) in CATALOGS.iter().zip(errcat::catalogs()) {
        let mut probes = vec![i64::MIN, i64::MIN + 1, -1, 0, 1, i64::MAX - 1, i64::MAX];
        for e in core.entries.iter() {
            probes.extend([
                e.code - 1,
                e.code,
                e.code + 1,
                e.code + 65536,
                e.code - 65536,
            ]);
        }
        for code in probes {
            let want = core
                .by_code(code)
                .and_then(|e| table::c_entry(cc, e))
                .map_or(std::ptr::null(), |e| e as *const _);
            assert_eq!(table::by_code(cc, code), want, "{} code {code}", core.id);
        }
    }
}

/// A loaded catalog is built like the static table (the same fields from
/// the same core data), and owns what it points into.
#[test]
fn loaded_catalogs_mirror_their_core_catalog() {
    // Under Miri one small catalog (the built-ins take minutes there).
    let cores = if cfg!(miri) {
        let toml = "[catalog]\nid = \"t\"\nname = \"T\"\nwire = \"int\"\n\
                    [[category]]\nid = \"c\"\nname = \"C\"\n\
                    [[entry]]\ncode = 1\nsymbol = \"ONE\"\nmessage = \"one\"\ncategory = \"c\"\n\
                    kind = \"internal\"\naliases = [\"UNO\"]\ncauses = [\"x\"]\n\
                    deprecated = { since = \"2\", note = \"n\" }\n\
                    [[entry.minor]]\ncode = 5\ndetail = \"five\"\n";
        vec![errcat::parse_catalog(toml.as_bytes(), errcat::Format::Toml, "t.toml").unwrap()]
    } else {
        errcat::compact_builtins()
    };
    for core in cores {
        let loaded = user::build(core);
        mirrors(&loaded, table::core_catalog(&loaded));
        let entry_of_loaded = loaded.entries.first().map(|e| e as *const _);
        let held = unsafe { user::Held::of(std::sync::Arc::as_ptr(&loaded)) };
        drop(loaded);
        // The held reference keeps the entries alive.
        if let Some(e) = entry_of_loaded {
            assert!(!unsafe { errcat_entry_symbol(e) }.is_null());
        }
        drop(held);
    }
}

/// The header's userInfo key macros (written in cbindgen.toml, which cannot
/// export string constants) are the core's keys.
#[test]
fn user_info_keys_match_the_core() {
    use errcat::nserror as ns;
    let header =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/include/errcat.h")).unwrap();
    let keys = [
        ("DESCRIPTION", ns::KEY_DESCRIPTION),
        ("FAILURE_REASON", ns::KEY_FAILURE_REASON),
        ("RECOVERY_SUGGESTION", ns::KEY_RECOVERY_SUGGESTION),
        ("SYMBOL", ns::KEY_SYMBOL),
        ("CATALOG", ns::KEY_CATALOG),
        ("KIND", ns::KEY_KIND),
        ("MINOR_CODE", ns::KEY_MINOR_CODE),
        ("RETRY_AFTER_MS", ns::KEY_RETRY_AFTER_MS),
        ("RETRYABLE", ns::KEY_RETRYABLE),
        ("MISSING_PERMISSION", ns::KEY_MISSING_PERMISSION),
        ("RAW_CODE", ns::KEY_RAW_CODE),
        ("HELP_ANCHOR", ns::KEY_HELP_ANCHOR),
        ("DOC_URL", ns::KEY_DOC_URL),
        ("RESPONSE_STATUS", ns::KEY_RESPONSE_STATUS),
        ("FROM_STATUS", ns::KEY_FROM_STATUS),
        ("CONTENT_TYPE", ns::KEY_CONTENT_TYPE),
        ("BODY_EXCERPT", ns::KEY_BODY_EXCERPT),
        ("BODY_LENGTH", ns::KEY_BODY_LENGTH),
    ];
    for (name, value) in keys {
        let line = format!("#define ERRCAT_USER_INFO_{name} \"{value}\"");
        assert!(
            header.contains(&line),
            "include/errcat.h lacks `{line}` (edit ffi/cbindgen.toml)"
        );
    }
    assert_eq!(
        header.matches("#define ERRCAT_USER_INFO_").count(),
        keys.len(),
        "a key macro the core does not have"
    );
}

#[test]
fn constants_match_the_core() {
    assert_eq!(ERRCAT_MAX_PAYLOAD_BYTES, errcat::MAX_PAYLOAD_BYTES);
    for k in errcat::Kind::ALL {
        assert_eq!(table::kind_name(k.grpc_code()).map(s), Some(k.as_str()));
        assert_eq!(
            codes::kind_from_grpc(k.grpc_code()).map(|c| c as i32),
            Some(i32::from(k.grpc_code()))
        );
    }
    assert!(table::kind_name(17).is_none());
}

#[test]
fn a_panic_becomes_a_status() {
    let r = guard(errcat_status::ERRCAT_STATUS_OK, || panic!("boom"));
    assert_eq!(r, errcat_status::ERRCAT_STATUS_OK);
    assert_eq!(
        errcat_last_error_status(),
        errcat_status::ERRCAT_STATUS_INTERNAL
    );
    let msg = unsafe { CStr::from_ptr(errcat_last_error_message()) };
    assert!(msg.to_str().unwrap().contains("boom"));
    errcat_clear_last_error();
    assert!(errcat_last_error_message().is_null());
}

#[test]
fn long_messages_are_cut_at_a_char_boundary() {
    let long = "é".repeat(1000);
    fail(
        errcat_status::ERRCAT_STATUS_MALFORMED,
        format_args!("{long}"),
    );
    let msg = unsafe { CStr::from_ptr(errcat_last_error_message()) };
    let m = msg.to_str().expect("still UTF-8");
    assert!(m.len() < ERRCAT_LAST_ERROR_CAPACITY && m.len() >= ERRCAT_LAST_ERROR_CAPACITY - 2);
}

/// cbindgen only emits the code enums listed in cbindgen.toml (nothing
/// uses them in a signature): every catalog's enum must be listed.
#[test]
fn cbindgen_exports_every_code_enum() {
    let config =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/cbindgen.toml")).unwrap();
    for c in errcat::catalogs() {
        let name = format!("\"errcat_{}_code\"", c.id);
        assert!(
            config.contains(&name),
            "add {name} to [export] include in ffi/cbindgen.toml"
        );
    }
}

/// The C target's generated files (codes.rs here, the C test tables) are
/// what errcat-codegen writes now. (codegen/tests/fresh.rs checks every
/// target; this keeps scripts/test-c.sh self-contained.)
#[test]
fn generated_c_files_are_fresh() {
    let root = errcat_codegen::repo_root();
    for (path, text) in errcat_codegen::c::files() {
        let on_disk = std::fs::read_to_string(root.join(&path)).unwrap_or_default();
        assert!(
            on_disk == text,
            "{} is stale: run `cargo run --release -p errcat-codegen -- write` and commit the result",
            path.display()
        );
    }
}

#[test]
fn catalog_ids_match_exactly_without_strlen() {
    // Every id, and every prefix, extension and case change of it.
    for c in CATALOGS.iter() {
        let id = s(c.id);
        let found = |arg: &str| {
            let arg = std::ffi::CString::new(arg).unwrap();
            // SAFETY: a NUL-terminated string.
            unsafe { table::find_catalog(arg.as_ptr()) }
                .ok()
                .map(|f| s(f.id))
        };
        assert_eq!(found(id), Some(id));
        for n in 0..id.len() {
            assert_eq!(found(&id[..n]), None, "prefix {:?}", &id[..n]);
        }
        assert_eq!(found(&format!("{id}x")), None);
        assert_eq!(found(&id.to_uppercase()), None);
    }
}
