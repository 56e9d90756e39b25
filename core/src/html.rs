//! The HTML reference site (`errcat export --format html -o DIR`).

use crate::model::Catalog;
use std::path::Path;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The anchor of an entry: `<catalog>-<code>`.
pub fn anchor(catalog: &str, code: i64) -> String {
    format!("{catalog}-{code}")
}

/// Renders the whole reference as one HTML page.
pub fn render<'a>(catalogs: impl IntoIterator<Item = &'a Catalog>) -> String {
    let mut s = String::from("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>errcat error reference</title></head><body>\n<h1>errcat error reference</h1>\n");
    for c in catalogs {
        s.push_str(&format!(
            "<section id=\"{}\"><h2>{} (<code>{}</code>)</h2>\n",
            esc(&c.id),
            esc(&c.name),
            esc(&c.id)
        ));
        for cat in c.categories.iter() {
            s.push_str(&format!("<h3>{}</h3>\n<dl>\n", esc(&cat.name)));
            for e in c.entries.iter().filter(|e| e.category == cat.id) {
                s.push_str(&format!(
                    "<dt id=\"{}\"><a href=\"#{}\">{}</a> <code>{}</code></dt><dd>{} <small>kind {} · HTTP {} · {}</small></dd>\n",
                    anchor(&c.id, e.code),
                    anchor(&c.id, e.code),
                    e.code,
                    esc(&e.symbol),
                    esc(&e.message),
                    e.kind,
                    e.http_status,
                    if e.retryable { "retryable" } else { "not retryable" }
                ));
            }
            s.push_str("</dl>\n");
        }
        s.push_str("</section>\n");
    }
    s.push_str("</body></html>\n");
    s
}

/// Writes the site into `dir` (created if needed).
pub fn write_html<'a>(
    dir: &Path,
    catalogs: impl IntoIterator<Item = &'a Catalog>,
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("index.html"), render(catalogs))
}
