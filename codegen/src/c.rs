//! Generated files for the C target (the `ffi/` crate and its C tests).
//!
//! * `ffi/src/codes.rs`: one `#[repr(C)]` enum per catalog, the kind enum and
//!   one exported id string per catalog (`errcat_id_rtc`).
//!   cbindgen turns them into the C enums of `ffi/include/errcat.h`, so the
//!   header's constants come from the table through exactly one path.
//! * `tests/c/codes_table.c`: every generated constant next to the catalog
//!   and symbol it stands for; the C tests check each one against the
//!   library's own lookup, so a header that drifted from the library fails.
//! * `tests/c/bench_switch.c`: the benchmark's baseline, a plain `switch`
//!   from code to symbol over the same codes.
//! * the `[export] include` line of the otherwise hand-written
//!   `ffi/cbindgen.toml`: one code enum per catalog.
//!
//! ## The C name rule
//!
//! A code's constant is `ERRCAT_<CATALOG>_<WORDS>`: the catalog id upper-cased,
//! then the words of the entry's type name ([`errcat::type_name`], which
//! already turns any symbol into an identifier: `2FA_REQUIRED` → `TwoFaRequired`,
//! `FILE_UPLOAD_OPTION_BAD_PAYLOAD.` → `FileUploadOptionBadPayload`,
//! `userNotFound` → `UserNotFound`) upper-cased and joined with `_`. A word
//! starts at each upper-case letter of the type name. So `ERRCAT_RTC_USER_NOT_FOUND`,
//! `ERRCAT_SPACES_TWO_FA_REQUIRED`, `ERRCAT_MESSENGER_FILE_UPLOAD_OPTION_BAD_PAYLOAD`.
//! Type names are unique in a catalog (the validator checks it) and the
//! split is reversible, so the constants are unique too; `tests` below
//! also checks it over every generated name.

use crate::{Generated, GENERATED_NOTE};
use std::fmt::Write as _;
use std::path::PathBuf;

/// The words of a type name: a new word at each upper-case ASCII letter.
fn words(type_name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for ch in type_name.chars() {
        if ch.is_ascii_uppercase() || out.is_empty() {
            out.push(String::new());
        }
        out.last_mut()
            .expect("pushed above")
            .push(ch.to_ascii_uppercase());
    }
    out
}

/// The C constant of an entry (see the module docs for the rule).
pub fn c_name(catalog_id: &str, type_name: &str) -> String {
    format!(
        "ERRCAT_{}_{}",
        catalog_id.to_ascii_uppercase(),
        words(type_name).join("_")
    )
}

/// The C name of a catalog's code enum (`errcat_rtc_code`).
pub fn enum_name(catalog_id: &str) -> String {
    format!("errcat_{catalog_id}_code")
}

/// The exported, interned id string of a catalog (`errcat_id_rtc`).
pub fn id_name(catalog_id: &str) -> String {
    format!("errcat_id_{catalog_id}")
}

/// The C constant of a kind (`ERRCAT_KIND_NOT_FOUND`).
pub fn kind_name(kind: errcat::Kind) -> String {
    format!("ERRCAT_KIND_{}", kind.as_str().to_ascii_uppercase())
}

/// Text for a doc comment: one line, and nothing that would close the C
/// comment cbindgen wraps it in.
fn doc_text(s: &str) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    one_line.replace("*/", "* /").replace("/*", "/ *")
}

fn codes_rs() -> String {
    let mut out = String::new();
    writeln!(out, "// {GENERATED_NOTE}").unwrap();
    out.push_str(
        "//! The C constants of the table: one enum per catalog and the kind enum.\n\
         //!\n\
         //! cbindgen copies these into `include/errcat.h`. The Rust names are the\n\
         //! C names, so the header needs no renaming rules.\n\n\
         #![allow(non_camel_case_types, non_upper_case_globals)]\n\n\
         use std::ffi::c_char;\n\n",
    );
    writeln!(
        out,
        "/// The canonical kind of an error (the gRPC canonical codes, same numbers)."
    )
    .unwrap();
    out.push_str(
        "#[repr(C)]\n#[derive(Clone, Copy, Debug, PartialEq, Eq)]\npub enum errcat_kind {\n",
    );
    for k in errcat::Kind::ALL {
        writeln!(
            out,
            "    /// `{}` (gRPC {}, HTTP {}).",
            k.as_str(),
            k.grpc_code(),
            k.http_status()
        )
        .unwrap();
        writeln!(out, "    {} = {},", kind_name(k), k.grpc_code()).unwrap();
    }
    out.push_str("}\n\n");
    out.push_str("/// The kind with this gRPC code (`None` past the last one).\n");
    out.push_str(
        "pub(crate) fn kind_from_grpc(code: u8) -> Option<errcat_kind> {\n    match code {\n",
    );
    for k in errcat::Kind::ALL {
        writeln!(
            out,
            "        {} => Some(errcat_kind::{}),",
            k.grpc_code(),
            kind_name(k)
        )
        .unwrap();
    }
    out.push_str("        _ => None,\n    }\n}\n");
    // One exported, interned id string per catalog: the C lookups compare
    // its address before comparing characters.
    for cat in errcat::catalogs() {
        let n = cat.id.len() + 1;
        write!(
            out,
            "\n/// The id of the `{id}` catalog, `\"{id}\"`. Every function that takes\n\
             /// a catalog id takes any string; given this one it finds the catalog\n\
             /// by address, without comparing characters. `errcat_catalog_id` of\n\
             /// this catalog returns it.\n\
             #[no_mangle]\n\
             pub static {name}: [c_char; {n}] = crate::table::id_chars(b\"{id}\\0\");\n",
            id = cat.id,
            name = id_name(&cat.id),
        )
        .unwrap();
    }
    for cat in errcat::catalogs() {
        out.push('\n');
        writeln!(
            out,
            "/// Codes of the `{}` catalog ({}).",
            cat.id,
            doc_text(&cat.name)
        )
        .unwrap();
        out.push_str("#[repr(C)]\n#[derive(Clone, Copy, Debug, PartialEq, Eq)]\n");
        writeln!(out, "pub enum {} {{", enum_name(&cat.id)).unwrap();
        for e in cat.entries.iter() {
            // C enum constants are `int`; every code of the table fits (checked).
            assert!(
                i32::try_from(e.code).is_ok(),
                "{} code {} does not fit a C enum constant (int)",
                cat.id,
                e.code
            );
            writeln!(
                out,
                "    /// `{}`: {}",
                doc_text(&e.symbol),
                doc_text(&e.message)
            )
            .unwrap();
            if let Some(m) = crate::deprecation_message(e) {
                // cbindgen turns this into ERRCAT_DEPRECATED(...) on the constant.
                // In rustfmt's own layout, so the generated file stays formatted.
                writeln!(out, "    #[deprecated(\n        note = {m:?}\n    )]").unwrap();
            }
            writeln!(out, "    {} = {},", c_name(&cat.id, &e.type_name), e.code).unwrap();
        }
        out.push_str("}\n");
    }
    out
}

/// Around generated C that names every constant, deprecated ones included.
const IGNORE_DEPRECATED_PUSH: &str =
    "#pragma GCC diagnostic push\n#pragma GCC diagnostic ignored \"-Wdeprecated-declarations\"\n";
const IGNORE_DEPRECATED_POP: &str = "#pragma GCC diagnostic pop\n";

fn c_string(s: &str) -> String {
    let mut out = String::from("\"");
    for b in s.bytes() {
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            0x20..=0x7e => out.push(b as char),
            _ => write!(out, "\\{b:03o}").unwrap(),
        }
    }
    out.push('"');
    out
}

fn codes_table_c() -> String {
    let mut out = String::new();
    writeln!(out, "// {GENERATED_NOTE}").unwrap();
    out.push_str(
        "/* Every C constant of errcat.h with the catalog and symbol it stands for.\n   \
         test_api.c checks each against errcat_lookup_code(). */\n\n\
         #include \"codes_table.h\"\n\n",
    );
    // Lists deprecated constants too, on purpose.
    out.push_str(IGNORE_DEPRECATED_PUSH);
    out.push_str("const struct codes_table_row CODES_TABLE[] = {\n");
    let mut n = 0usize;
    for cat in errcat::catalogs() {
        for e in cat.entries.iter() {
            let name = c_name(&cat.id, &e.type_name);
            writeln!(
                out,
                "    {{ {}, {}, {}, {} }},",
                c_string(&cat.id),
                c_string(&name),
                name,
                c_string(&e.symbol)
            )
            .unwrap();
            n += 1;
        }
    }
    out.push_str("};\n");
    out.push_str(IGNORE_DEPRECATED_POP);
    out.push('\n');
    writeln!(out, "const size_t CODES_TABLE_LEN = {n};").unwrap();
    out.push_str("\n/* Every catalog's interned id, in errcat_catalog_at order. */\n");
    out.push_str("const struct codes_table_id CODES_TABLE_IDS[] = {\n");
    let mut ids = 0usize;
    for cat in errcat::catalogs() {
        writeln!(
            out,
            "    {{ {}, {} }},",
            c_string(&cat.id),
            id_name(&cat.id)
        )
        .unwrap();
        ids += 1;
    }
    out.push_str("};\n\n");
    writeln!(out, "const size_t CODES_TABLE_IDS_LEN = {ids};").unwrap();
    out
}

/// The benchmark's baseline: a plain `switch` per catalog from code to
/// symbol, over the same codes (case labels are the header's constants).
fn bench_switch_c() -> String {
    let mut out = String::new();
    writeln!(out, "// {GENERATED_NOTE}").unwrap();
    out.push_str(
        "/* The baseline of bench.c: a plain switch from code to symbol per catalog. */\n\n\
         #include \"bench_switch.h\"\n\n",
    );
    let cats: Vec<_> = errcat::catalogs().collect();
    // Case labels name deprecated constants too, on purpose.
    out.push_str(IGNORE_DEPRECATED_PUSH);
    for cat in &cats {
        writeln!(
            out,
            "static const char *switch_{}(int64_t code) {{\n    switch (code) {{",
            cat.id
        )
        .unwrap();
        for e in cat.entries.iter() {
            writeln!(
                out,
                "    case {}: return {};",
                c_name(&cat.id, &e.type_name),
                c_string(&e.symbol)
            )
            .unwrap();
        }
        out.push_str("    default: return 0;\n    }\n}\n\n");
        writeln!(out, "static const int64_t codes_{}[] = {{", cat.id).unwrap();
        for chunk in cat.entries.chunks(12) {
            let row: Vec<String> = chunk.iter().map(|e| e.code.to_string()).collect();
            writeln!(out, "    {},", row.join(", ")).unwrap();
        }
        out.push_str("};\n\n");
    }
    out.push_str(IGNORE_DEPRECATED_POP);
    out.push('\n');
    writeln!(out, "const struct bench_catalog BENCH_CATALOGS[] = {{").unwrap();
    for cat in &cats {
        writeln!(
            out,
            "    {{ {}, {}, switch_{id}, codes_{id}, sizeof codes_{id} / sizeof codes_{id}[0] }},",
            c_string(&cat.id),
            id_name(&cat.id),
            id = cat.id
        )
        .unwrap();
    }
    out.push_str("};\n\n");
    writeln!(out, "const size_t BENCH_CATALOGS_LEN = {};", cats.len()).unwrap();
    out
}

/// The marker of the one line of the hand-written `ffi/cbindgen.toml`
/// that errcat-codegen writes: the code enums cbindgen must emit (no
/// signature uses them, so cbindgen only emits the listed ones).
const CBINDGEN_INCLUDE: &str = "include = [";

/// `ffi/cbindgen.toml` with its `[export] include` line listing every
/// catalog's enum; the rest of the file is kept as written.
fn cbindgen_toml() -> String {
    let path = crate::repo_root().join("ffi/cbindgen.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let names: Vec<String> = errcat::catalogs()
        .map(|c| format!("{:?}", enum_name(&c.id)))
        .collect();
    let line = format!("{CBINDGEN_INCLUDE}{}]", names.join(", "));
    let mut out = String::with_capacity(text.len());
    for l in text.lines() {
        out.push_str(if l.starts_with(CBINDGEN_INCLUDE) {
            &line
        } else {
            l
        });
        out.push('\n');
    }
    out
}

/// Every generated file of this target.
pub fn files() -> Vec<Generated> {
    vec![
        (PathBuf::from("ffi/cbindgen.toml"), cbindgen_toml()),
        (PathBuf::from("ffi/src/codes.rs"), codes_rs()),
        (PathBuf::from("tests/c/codes_table.c"), codes_table_c()),
        (PathBuf::from("tests/c/bench_switch.c"), bench_switch_c()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn name_rule_examples() {
        assert_eq!(
            c_name("rtc", &errcat::type_name("userNotFound")),
            "ERRCAT_RTC_USER_NOT_FOUND"
        );
        assert_eq!(
            c_name("spaces", &errcat::type_name("2FA_REQUIRED")),
            "ERRCAT_SPACES_TWO_FA_REQUIRED"
        );
        assert_eq!(
            c_name(
                "messenger",
                &errcat::type_name("FILE_UPLOAD_OPTION_BAD_PAYLOAD.")
            ),
            "ERRCAT_MESSENGER_FILE_UPLOAD_OPTION_BAD_PAYLOAD"
        );
        assert_eq!(kind_name(errcat::Kind::NotFound), "ERRCAT_KIND_NOT_FOUND");
    }

    fn valid_c_identifier(s: &str) -> bool {
        let mut it = s.bytes();
        matches!(it.next(), Some(b'A'..=b'Z' | b'a'..=b'z' | b'_'))
            && it.all(|b| b.is_ascii_alphanumeric() || b == b'_')
    }

    /// Every generated C name is a valid identifier and none is used twice
    /// (codes of all catalogs, kinds and the enum names share one namespace in C).
    #[test]
    fn c_names_are_valid_and_unique() {
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let mut add = |name: String, what: String| {
            assert!(
                valid_c_identifier(&name),
                "{name:?} ({what}) is not a C identifier"
            );
            if let Some(prev) = seen.insert(name.clone(), what.clone()) {
                panic!("C name {name} is used by {prev} and {what}");
            }
        };
        for k in errcat::Kind::ALL {
            add(kind_name(k), format!("kind {}", k.as_str()));
        }
        for cat in errcat::catalogs() {
            add(enum_name(&cat.id), format!("enum of {}", cat.id));
            add(id_name(&cat.id), format!("id of {}", cat.id));
            for e in cat.entries.iter() {
                add(
                    c_name(&cat.id, &e.type_name),
                    format!("{} {}", cat.id, e.symbol),
                );
            }
        }
        // The hand-written names of ffi/src/lib.rs use the ERRCAT_STATUS_ prefix,
        // which no catalog id can produce while no catalog is named `status`.
        assert!(errcat::catalogs().all(|c| c.id != "status" && c.id != "kind"));
    }
}
