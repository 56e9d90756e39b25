//! Generated files for the typescript target: `wasm/js/catalogs.d.ts`, the
//! literal types of the npm package (catalog ids, kinds, and per catalog the
//! symbol → code table with each entry's message as its doc comment), which
//! `wasm/js/index.d.ts` builds its typed `lookup`/`decode` signatures on.

use crate::Generated;
use errcat::{Catalog, Kind, Wire};
use std::fmt::Write as _;
use std::path::PathBuf;

/// Path of the generated declarations, relative to the repository root.
pub const PATH: &str = "wasm/js/catalogs.d.ts";

/// Every generated file of this target.
pub fn files() -> Vec<Generated> {
    vec![(PathBuf::from(PATH), catalogs_d_ts(errcat::catalogs()))]
}

/// A JSON (= TypeScript) string literal.
fn lit(s: &str) -> String {
    serde_json::to_string(s).expect("a string always serialises")
}

/// Text safe inside a `/** … */` comment, on one line.
fn doc(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("*/", "*\\/")
}

fn union<I: IntoIterator<Item = String>>(items: I) -> String {
    let v: Vec<String> = items.into_iter().collect();
    if v.is_empty() {
        "never".to_string()
    } else {
        v.join(" | ")
    }
}

fn wire_name(w: Wire) -> &'static str {
    // Exhaustive on purpose: a new wire format must be added here too.
    match w {
        Wire::Int | Wire::String | Wire::MajorMinor => w.as_str(),
    }
}

/// The contents of `catalogs.d.ts` for these catalogs.
pub fn catalogs_d_ts<'a>(catalogs: impl IntoIterator<Item = &'a Catalog>) -> String {
    let catalogs: Vec<&Catalog> = catalogs.into_iter().collect();
    let mut o = String::new();
    let _ = writeln!(o, "// {}", crate::GENERATED_NOTE);
    o.push_str("//\n// Literal types of every built-in catalog: ids, kinds, symbols, codes and aliases.\n\n");

    o.push_str("/** The id of a built-in catalog. */\n");
    let _ = writeln!(
        o,
        "export type CatalogId = {};\n",
        union(catalogs.iter().map(|c| lit(&c.id)))
    );
    o.push_str("/** The canonical kind of an error (the gRPC canonical codes), shared by every catalog. */\n");
    let _ = writeln!(
        o,
        "export type Kind = {};\n",
        union(Kind::ALL.iter().map(|k| lit(k.as_str())))
    );
    o.push_str("/** What a catalog's server puts on the wire for its error code. */\n");
    let _ = writeln!(
        o,
        "export type Wire = {};\n",
        union(
            [Wire::Int, Wire::String, Wire::MajorMinor]
                .iter()
                .map(|w| lit(wire_name(*w)))
        )
    );

    for c in &catalogs {
        let t = errcat::type_name(&c.id);
        let _ = writeln!(
            o,
            "/** `{}` ({}): the code of every symbol. */",
            c.id,
            doc(&c.name)
        );
        let _ = writeln!(o, "export interface {t}Codes {{");
        for e in c.entries.iter() {
            let d = format!(
                "{} ({}, HTTP {})",
                doc(&e.message),
                e.kind.as_str(),
                e.http_status
            );
            // A JSDoc tag on the literal's declaration: editors strike a use
            // through and tsc's language service reports it (6385).
            match crate::deprecation_message(e) {
                Some(m) => {
                    let _ = writeln!(o, "  /**\n   * {d}\n   * @deprecated {}\n   */", doc(&m));
                }
                None => {
                    let _ = writeln!(o, "  /** {d} */");
                }
            }
            let _ = writeln!(o, "  readonly {}: {};", lit(&e.symbol), e.code);
        }
        o.push_str("}\n");
        let _ = writeln!(o, "/** A symbol of the `{}` catalog. */", c.id);
        let _ = writeln!(o, "export type {t}Symbol = keyof {t}Codes;");
        let _ = writeln!(o, "/** A code of the `{}` catalog. */", c.id);
        let _ = writeln!(o, "export type {t}Code = {t}Codes[{t}Symbol];");
        let _ = writeln!(
            o,
            "/** Another spelling that finds an entry of the `{}` catalog. */",
            c.id
        );
        let _ = writeln!(
            o,
            "export type {t}Alias = {};\n",
            union(
                c.entries
                    .iter()
                    .flat_map(|e| e.aliases.iter().map(|a| lit(a)))
            )
        );
    }

    o.push_str("/** Per catalog id: its symbols, codes and aliases. */\n");
    o.push_str("export interface CatalogTypes {\n");
    for c in &catalogs {
        let t = errcat::type_name(&c.id);
        let _ = writeln!(
            o,
            "  readonly {}: {{ readonly symbol: {t}Symbol; readonly code: {t}Code; readonly alias: {t}Alias }};",
            lit(&c.id)
        );
    }
    o.push_str("}\n\n");
    o.push_str("/** The symbols of catalog `C`. */\nexport type SymbolOf<C extends CatalogId> = CatalogTypes[C][\"symbol\"];\n");
    o.push_str("/** The codes of catalog `C`. */\nexport type CodeOf<C extends CatalogId> = CatalogTypes[C][\"code\"];\n");
    o.push_str("/** The aliases of catalog `C`. */\nexport type AliasOf<C extends CatalogId> = CatalogTypes[C][\"alias\"];\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_symbol_and_code_is_typed() {
        let text = catalogs_d_ts(errcat::catalogs());
        assert!(text.contains(crate::GENERATED_NOTE));
        for c in errcat::catalogs() {
            assert!(text.contains(&format!("readonly {}: {{ readonly symbol", lit(&c.id))));
            for e in c.entries.iter() {
                assert!(
                    text.contains(&format!("  readonly {}: {};\n", lit(&e.symbol), e.code)),
                    "{} {}",
                    c.id,
                    e.symbol
                );
            }
        }
        assert!(!text.contains("*/ */"));
    }

    /// The one file of this target, checked on its own so `scripts/test-js.sh`
    /// need not depend on every other target's generated files.
    #[test]
    fn committed_file_is_fresh() {
        let committed = std::fs::read_to_string(crate::repo_root().join(PATH)).unwrap_or_default();
        assert!(
            committed == files()[0].1,
            "{PATH} is stale: run `cargo run --release -p errcat-codegen -- write` and commit the result"
        );
    }

    #[test]
    fn deprecated_literals_carry_the_shared_message() {
        let text = catalogs_d_ts(errcat::catalogs());
        let e = errcat::catalog("securechat").unwrap().by_code(504).unwrap();
        let m = crate::deprecation_message(e).unwrap();
        assert!(
            text.contains(&format!(
                "   * @deprecated {}\n   */\n  readonly \"USERNAME_HAS_ALREADY_BEEN_TAKEN\": 504;\n",
                doc(&m)
            )),
            "{m}"
        );
        let tags = text.matches("@deprecated").count();
        let deprecated = errcat::catalogs()
            .flat_map(|c| c.entries.iter())
            .filter(|e| e.deprecated())
            .count();
        assert_eq!(tags, deprecated);
    }

    #[test]
    fn doc_text_cannot_close_the_comment() {
        assert_eq!(doc("a */ b\n  c"), "a *\\/ b c");
    }
}
