//! Exports of the table: JSON (the machine-readable form every binding and
//! test reads) and Markdown reference docs.

use errcat::{Catalog, Entry};
use serde_json::{json, Value};

/// Version of the JSON export's shape. Fields are only ever added.
pub const EXPORT_FORMAT_VERSION: u32 = 1;

fn entry_json(e: &Entry) -> Value {
    json!({
        "code": e.code,
        "symbol": e.symbol,
        "symbol_derived": e.symbol_derived,
        "aliases": e.aliases,
        "type_name": e.type_name,
        "message": e.message,
        "message_derived": e.message_derived,
        "category": e.category,
        "kind": e.kind.as_str(),
        "http_status": e.http_status,
        "http_status_documented": e.http_status_documented,
        "retryable": e.retryable,
        "deprecated": e.deprecated(),
        "deprecation": e.deprecation,
        "causes": e.causes,
        "reaction": e.reaction,
        "wait": e.wait_required,
        "server_only": e.server_only,
        "request": e.request,
        "request_anchor": e.request_anchor,
        "doc_url": e.doc_url,
        "note": e.note,
        "minor": e.minor_codes.iter().map(|m| json!({"code": m.code, "detail": m.detail, "reaction": m.reaction})).collect::<Vec<_>>(),
    })
}

/// One catalog as JSON.
pub fn catalog_json(c: &Catalog) -> Value {
    json!({
        "id": c.id,
        "name": c.name,
        "domain": c.domain,
        "wire": c.wire.as_str(),
        "source": c.source,
        "description": c.description,
        "categories": c.categories,
        "entries": c.entries.iter().map(entry_json).collect::<Vec<_>>(),
    })
}

/// An entry's documentation URL, under another base when one is chosen at
/// export time: `<base>#<catalog>-<code>` (the HTML reference's anchor),
/// unless the entry has its own URL that is not of that form.
pub fn doc_url(c: &Catalog, e: &Entry, base: Option<&str>) -> Option<String> {
    let Some(base) = base else {
        return e.doc_url.as_deref().map(str::to_string);
    };
    let anchor = format!("#{}", crate::html::anchor(&c.id, e.code));
    match e.doc_url.as_deref() {
        Some(own) if !own.ends_with(&anchor) => Some(own.to_string()),
        _ => Some(format!("{base}{anchor}")),
    }
}

/// [`to_json_string`], with every entry's documentation URL under
/// `doc_base_url` when given (see [`doc_url`]).
pub fn to_json_string_with<'a>(
    catalogs: impl IntoIterator<Item = &'a Catalog>,
    doc_base_url: Option<&str>,
) -> String {
    let cats: Vec<&Catalog> = catalogs.into_iter().collect();
    let mut v = to_json(cats.iter().copied());
    if doc_base_url.is_some() {
        for (cv, c) in v["catalogs"]
            .as_array_mut()
            .into_iter()
            .flatten()
            .zip(&cats)
        {
            for (ev, e) in cv["entries"]
                .as_array_mut()
                .into_iter()
                .flatten()
                .zip(c.entries.iter())
            {
                ev["doc_url"] = json!(doc_url(c, e, doc_base_url));
            }
        }
    }
    serde_json::to_string_pretty(&v).expect("JSON values always serialize")
}

/// The export document: `{"format_version", "catalogs": [...]}`.
pub fn to_json<'a>(catalogs: impl IntoIterator<Item = &'a Catalog>) -> Value {
    json!({
        "format_version": EXPORT_FORMAT_VERSION,
        "generator": concat!("errcat ", env!("CARGO_PKG_VERSION")),
        "catalogs": catalogs.into_iter().map(catalog_json).collect::<Vec<_>>(),
    })
}

/// The export document as pretty JSON text, ending in a newline.
pub fn to_json_string<'a>(catalogs: impl IntoIterator<Item = &'a Catalog>) -> String {
    let mut s =
        serde_json::to_string_pretty(&to_json(catalogs)).expect("JSON values always serialize");
    s.push('\n');
    s
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Markdown reference docs: one section per catalog, one table per category.
pub fn to_markdown<'a>(catalogs: impl IntoIterator<Item = &'a Catalog>) -> String {
    let mut out = String::from("# errcat error reference\n\n");
    for c in catalogs {
        out.push_str(&format!("## {} (`{}`)\n\n", c.name, c.id));
        if let Some(d) = &c.description {
            out.push_str(d);
            out.push_str("\n\n");
        }
        out.push_str(&format!(
            "NSError domain: `{}`. Wire: {}.\n\n",
            c.domain,
            c.wire.as_str()
        ));
        for cat in c.categories.iter() {
            let rows: Vec<&Entry> = c.entries.iter().filter(|e| e.category == cat.id).collect();
            if rows.is_empty() {
                continue;
            }
            out.push_str(&format!("### {}\n\n", cat.name));
            out.push_str("| Code | Symbol | Message | Kind | HTTP | Retry | Notes |\n|---:|---|---|---|---:|---|---|\n");
            for e in rows {
                let mut notes = Vec::new();
                if e.deprecated() {
                    notes.push("deprecated".to_string());
                }
                if e.server_only {
                    notes.push("server only".to_string());
                }
                if e.wait_required {
                    notes.push("wait parameter".to_string());
                }
                if let Some(r) = &e.reaction {
                    notes.push(format!("reaction: {r}"));
                }
                if !e.aliases.is_empty() {
                    notes.push(format!("aliases: {}", e.aliases.join(", ")));
                }
                if e.causes.len() > 1 {
                    notes.push(format!("causes: {}", e.causes.join("; ")));
                }
                for m in e.minor_codes.iter() {
                    notes.push(format!(
                        "minor {}: {}",
                        m.code,
                        m.detail.as_deref().unwrap_or("*")
                    ));
                }
                out.push_str(&format!(
                    "| {} | `{}` | {} | {} | {} | {} | {} |\n",
                    e.code,
                    md_cell(&e.symbol),
                    md_cell(&e.message),
                    e.kind,
                    e.http_status,
                    if e.retryable { "yes" } else { "no" },
                    md_cell(&notes.join("<br>"))
                ));
            }
            out.push('\n');
        }
    }
    out
}

pub use crate::html::{write_html, write_html_with};
