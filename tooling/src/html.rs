//! The HTML reference site (`errcat export --format html -o DIR`).
//!
//! One static page, `index.html`, rendered from the table: every catalog,
//! category and entry, with an anchor per entry (`#<catalog>-<code>`, see
//! [`anchor`]). The page is complete without JavaScript; `errcat.js` only
//! adds search and filters. Text search runs on the errcat npm package
//! (WebAssembly), which the CLI cannot contain: [`copy_package`] copies its
//! browser build into `DIR/pkg/`, and without it the page says search is
//! unavailable (the catalog and kind filters still work). No external
//! resources: the site works offline.
//!
//! Element ids follow one rule so they never collide: a catalog section is
//! its id (`spaces`, no hyphen possible), an entry `<catalog>-<code>` (a
//! number after the hyphen), a category `<catalog>--<category>` (two
//! hyphens), and the page's own ids are `word-word` (a letter after one
//! hyphen: `search-q`, `kind-not_found`).

use errcat::{Catalog, Entry};
use errcat::{Kind, Wire};
use std::fmt::Write as _;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The stylesheet, written next to `index.html`.
pub const CSS: &str = include_str!("html/errcat.css");
/// The enhancement script (search and filters), written next to `index.html`.
pub const JS: &str = include_str!("html/errcat.js");
/// The directory of the site that holds the npm package's browser build.
pub const PACKAGE_DIR: &str = "pkg";

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_esc(&mut out, s);
    out
}

fn push_esc(out: &mut String, s: &str) {
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// The anchor of an entry: `<catalog>-<code>` (`spaces-40102`, `rtc--1`).
/// With a catalog's `doc_base_url`, an entry's doc URL is `<base>#<anchor>`.
pub fn anchor(catalog: &str, code: i64) -> String {
    format!("{catalog}-{code}")
}

/// The anchor of a category: `<catalog>--<category>`.
pub fn category_anchor(catalog: &str, category: &str) -> String {
    format!("{catalog}--{category}")
}

/// A short content hash, so a regenerated site's assets are not served
/// stale from a browser cache (`errcat.css?v=…`).
fn asset_version(s: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:08x}", h >> 32)
}

/// What a developer should know about a kind, in one line (the gRPC
/// canonical codes' meaning; the same words as the `Kind` docs).
fn kind_meaning(k: Kind) -> &'static str {
    match k {
        Kind::Ok => "Not an error (some status sets include success).",
        Kind::Cancelled => "The operation was cancelled, typically by the caller.",
        Kind::Unknown => "Unknown error; also the kind of every code the table does not know.",
        Kind::InvalidArgument => "The client sent an invalid argument or a malformed request.",
        Kind::DeadlineExceeded => "The deadline expired before the operation could complete.",
        Kind::NotFound => "Some requested entity was not found.",
        Kind::AlreadyExists => "The entity the client tried to create already exists.",
        Kind::PermissionDenied => "The caller is known but may not do this.",
        Kind::ResourceExhausted => {
            "A quota or rate limit was hit, or the system is out of a resource."
        }
        Kind::FailedPrecondition => "The system is not in a state required for the operation.",
        Kind::Aborted => "The operation was aborted, typically by a concurrency conflict.",
        Kind::OutOfRange => "The operation was attempted past the valid range.",
        Kind::Unimplemented => "The operation is not implemented or not supported.",
        Kind::Internal => "Internal error on the server side.",
        Kind::Unavailable => "The service is currently unavailable; retrying may succeed.",
        Kind::DataLoss => "Unrecoverable data loss or corruption.",
        Kind::Unauthenticated => "The request lacks valid authentication credentials.",
    }
}

/// The colour family of a kind's badge.
fn kind_family(k: Kind) -> &'static str {
    match k {
        Kind::Ok => "ok",
        Kind::Unauthenticated | Kind::PermissionDenied => "auth",
        Kind::Unavailable | Kind::ResourceExhausted | Kind::DeadlineExceeded | Kind::Aborted => {
            "transient"
        }
        Kind::Internal | Kind::Unknown | Kind::DataLoss | Kind::Unimplemented => "server",
        _ => "client",
    }
}

fn wire_short(w: Wire) -> &'static str {
    match w {
        Wire::Int => "integer codes",
        Wire::String => "string codes",
        Wire::MajorMinor => "major + minor codes",
    }
}

fn wire_text(w: Wire) -> &'static str {
    match w {
        Wire::Int => "integer codes",
        Wire::String => "string codes (the symbol); the integer codes are assigned by errcat",
        Wire::MajorMinor => "a major code, a minor code and an optional wait",
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Renders the whole reference as one HTML page.
pub fn render<'a>(catalogs: impl IntoIterator<Item = &'a Catalog>) -> String {
    render_with(catalogs, None)
}

/// [`render`], with every entry's documentation URL under `doc_base_url`
/// when given (see [`crate::export::doc_url`]).
pub fn render_with<'a>(
    catalogs: impl IntoIterator<Item = &'a Catalog>,
    doc_base_url: Option<&str>,
) -> String {
    let cats: Vec<&Catalog> = catalogs.into_iter().collect();
    let total: usize = cats.iter().map(|c| c.entries.len()).sum();
    let kinds: Vec<(Kind, usize)> = Kind::ALL
        .iter()
        .map(|&k| {
            let n = cats
                .iter()
                .flat_map(|c| c.entries.iter())
                .filter(|e| e.kind == k)
                .count();
            (k, n)
        })
        .filter(|&(_, n)| n > 0)
        .collect();

    let mut s = String::with_capacity(64 * 1024 + total * 1500);
    let _ = write!(
        s,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n\
         <meta name=\"generator\" content=\"errcat {ver}\">\n\
         <title>Error reference · errcat</title>\n\
         <link rel=\"icon\" href=\"data:,\">\n\
         <link rel=\"stylesheet\" href=\"errcat.css?v={cssv}\">\n\
         <script src=\"errcat.js?v={jsv}\" defer></script>\n</head>\n<body>\n\
         <a class=\"skip-link\" href=\"#main-content\">Skip to the reference</a>\n",
        ver = env!("CARGO_PKG_VERSION"),
        cssv = asset_version(CSS),
        jsv = asset_version(JS),
    );

    // Banner: title and the search form. The form is hidden until the
    // script runs: without JavaScript it could do nothing.
    s.push_str(
        "<header class=\"site-header\">\n<div class=\"header-inner\">\n\
         <p class=\"brand\"><a href=\"#page-top\"><span class=\"brand-mark\" aria-hidden=\"true\">!</span>errcat <span class=\"brand-sub\">error reference</span></a></p>\n\
         <form id=\"search-form\" class=\"search\" role=\"search\" aria-label=\"Search the error reference\" hidden>\n\
         <div class=\"search-field\">\n\
         <label class=\"visually-hidden\" for=\"search-q\">Search every catalog</label>\n\
         <input id=\"search-q\" name=\"q\" type=\"search\" autocomplete=\"off\" spellcheck=\"false\" \
         placeholder=\"Search codes, symbols, messages…\" aria-keyshortcuts=\"/\" \
         aria-describedby=\"search-status search-note\">\n\
         <kbd class=\"search-key\" aria-hidden=\"true\">/</kbd>\n</div>\n\
         <label class=\"visually-hidden\" for=\"search-catalog\">Catalog</label>\n\
         <select id=\"search-catalog\" name=\"catalog\">\n<option value=\"\">All catalogs</option>\n",
    );
    for c in &cats {
        let _ = writeln!(
            s,
            "<option value=\"{}\">{} ({})</option>",
            escape(&c.id),
            escape(&c.id),
            c.entries.len()
        );
    }
    s.push_str(
        "</select>\n<label class=\"visually-hidden\" for=\"search-kind\">Kind</label>\n\
         <select id=\"search-kind\" name=\"kind\">\n<option value=\"\">All kinds</option>\n",
    );
    for (k, n) in &kinds {
        let _ = writeln!(s, "<option value=\"{k}\">{k} ({n})</option>");
    }
    let _ = write!(
        s,
        "</select>\n<button type=\"reset\" class=\"search-clear\">Clear</button>\n</form>\n</div>\n\
         <div class=\"header-status\" id=\"search-meta\" hidden>\
         <p id=\"search-status\" role=\"status\" aria-live=\"polite\"></p>\
         <p id=\"search-note\"></p></div>\n</header>\n"
    );

    s.push_str("<div class=\"layout\">\n");
    render_toc(&mut s, &cats);
    s.push_str("<main id=\"main-content\" tabindex=\"-1\">\n");

    // Introduction and catalog overview (hidden while a search is active, so
    // the results come first).
    let _ = write!(
        s,
        "<section class=\"intro hide-when-filtered\" aria-labelledby=\"page-top\">\n\
         <h1 id=\"page-top\">Error reference</h1>\n\
         <p class=\"lede\">{total} error codes from {n} catalogs, generated by errcat from the one \
         table every binding uses, so this page and the code never disagree. Each entry has its \
         own link, <code>#&lt;catalog&gt;-&lt;code&gt;</code>.</p>\n\
         <noscript><p class=\"notice\">Search and filters need JavaScript. Everything on this \
         page reads fine without it; your browser’s find (Ctrl+F) works too.</p></noscript>\n\
         <ul class=\"catalog-cards\">\n",
        n = cats.len()
    );
    for c in &cats {
        let _ = writeln!(
            s,
            "<li><a href=\"#{id}\"><span class=\"card-name\">{name}</span> <code>{id}</code></a>\
             <span class=\"card-count\">{count}</span>\
             <span class=\"card-wire\">{wire}</span></li>",
            id = escape(&c.id),
            name = escape(&c.name),
            count = plural(c.entries.len(), "code", "codes"),
            wire = escape(wire_short(c.wire)),
        );
    }
    s.push_str(
        "</ul>\n<p class=\"legend\">Badges: the <strong>kind</strong> (one of the gRPC \
         canonical codes, shared by every catalog, <a href=\"#kinds-legend\">explained below</a>), \
         the <strong>HTTP status</strong> (a dashed outline means the source does not document \
         one and it comes from the kind), and whether <strong>retrying</strong> may succeed.</p>\n\
         </section>\n",
    );

    for c in &cats {
        render_catalog(&mut s, c, doc_base_url);
    }

    let _ = write!(
        s,
        "<p id=\"search-empty\" class=\"notice empty\" hidden>No entry matches. Try fewer or \
         shorter words, another kind or all catalogs.</p>\n\
         <section id=\"kinds-legend\" class=\"kinds hide-when-filtered\" aria-labelledby=\"kinds-heading\">\n\
         <h2 id=\"kinds-heading\">Kinds</h2>\n<p>Every entry has one kind: a gRPC canonical \
         status code, so an app can handle “rate limited” or “not authenticated” the same way \
         whichever server sent it. An entry without a documented HTTP status gets its kind’s.</p>\n\
         <ul class=\"kind-list\">\n"
    );
    for (k, n) in &kinds {
        let _ = writeln!(
            s,
            "<li id=\"kind-{k}\"><span class=\"badge kind kind-{fam}\">{k}</span> \
             <span class=\"kind-facts\">gRPC {g} · HTTP {h} · {r} · {count}</span>\
             <span class=\"kind-meaning\">{m}</span></li>",
            fam = kind_family(*k),
            g = k.grpc_code(),
            h = k.http_status(),
            r = if k.default_retryable() {
                "retryable by default"
            } else {
                "not retried by default"
            },
            count = plural(*n, "entry", "entries"),
            m = escape(kind_meaning(*k)),
        );
    }
    let _ = write!(
        s,
        "</ul>\n</section>\n</main>\n</div>\n<footer class=\"site-footer\">\n<p>Generated by \
         errcat {ver} from the catalog table: {entries} in {catalogs}. Search runs in your \
         browser on the errcat WebAssembly package (<code>{pkg}/</code>); nothing is sent \
         anywhere.</p>\n</footer>\n</body>\n</html>\n",
        ver = env!("CARGO_PKG_VERSION"),
        entries = plural(total, "entry", "entries"),
        catalogs = plural(cats.len(), "catalog", "catalogs"),
        pkg = PACKAGE_DIR,
    );
    s
}

fn render_toc(s: &mut String, cats: &[&Catalog]) {
    s.push_str("<nav class=\"toc\" aria-label=\"Catalogs and categories\">\n<ul>\n");
    for c in cats {
        let _ = write!(
            s,
            "<li class=\"toc-catalog\"><a href=\"#{id}\" data-count-for=\"{id}\">\
             <span class=\"toc-name\">{name}</span><span class=\"toc-id\">{id}</span> \
             <span class=\"toc-count\">{n}</span></a>\n<ul>\n",
            id = escape(&c.id),
            name = escape(&c.name),
            n = c.entries.len()
        );
        for cat in c.categories.iter() {
            let n = c.entries.iter().filter(|e| e.category == cat.id).count();
            if n == 0 {
                continue;
            }
            let a = escape(&category_anchor(&c.id, &cat.id));
            let _ = writeln!(
                s,
                "<li><a href=\"#{a}\" data-count-for=\"{a}\">{} <span class=\"toc-count\">{n}</span></a></li>",
                escape(&cat.name)
            );
        }
        s.push_str("</ul>\n</li>\n");
    }
    s.push_str("<li class=\"toc-catalog hide-when-filtered\"><a href=\"#kinds-legend\">Kinds</a></li>\n</ul>\n</nav>\n");
}

fn render_catalog(s: &mut String, c: &Catalog, base: Option<&str>) {
    let id = escape(&c.id);
    let _ = write!(
        s,
        "<section id=\"{id}\" class=\"catalog\" data-catalog=\"{id}\" aria-labelledby=\"{id}-heading\">\n\
         <h2 id=\"{id}-heading\">{name} <code class=\"catalog-id\">{id}</code></h2>\n",
        name = escape(&c.name),
    );
    if let Some(d) = &c.description {
        let _ = writeln!(s, "<p class=\"catalog-desc\">{}</p>", escape(d));
    }
    let _ = write!(
        s,
        "<dl class=\"catalog-meta\"><div><dt>Codes</dt><dd>{}</dd></div>\
         <div><dt>On the wire</dt><dd>{}</dd></div>\
         <div><dt>NSError domain</dt><dd><code>{}</code></dd></div>",
        c.entries.len(),
        escape(wire_text(c.wire)),
        escape(&c.domain)
    );
    if let Some(src) = &c.source {
        let _ = write!(
            s,
            "<div><dt>Source document</dt><dd><code>{}</code></dd></div>",
            escape(src)
        );
    }
    s.push_str("</dl>\n");

    for cat in c.categories.iter() {
        let rows: Vec<&Entry> = c.entries.iter().filter(|e| e.category == cat.id).collect();
        if rows.is_empty() {
            continue;
        }
        let a = escape(&category_anchor(&c.id, &cat.id));
        let _ = write!(
            s,
            "<section id=\"{a}\" class=\"category\" aria-labelledby=\"{a}-heading\">\n\
             <h3 id=\"{a}-heading\">{name} <span class=\"count\">{n}</span></h3>\n",
            name = escape(&cat.name),
            n = plural(rows.len(), "code", "codes"),
        );
        for e in rows {
            render_entry(s, c, e, base);
        }
        s.push_str("</section>\n");
    }
    // Validation makes every entry's category a listed one; should a loaded
    // catalog ever slip through with one that is not, it is still shown.
    let orphans: Vec<&Entry> = c
        .entries
        .iter()
        .filter(|e| c.category(&e.category).is_none())
        .collect();
    if !orphans.is_empty() {
        let a = escape(&category_anchor(&c.id, "other"));
        let _ = writeln!(
            s,
            "<section id=\"{a}\" class=\"category\" aria-labelledby=\"{a}-heading\">\n\
             <h3 id=\"{a}-heading\">Other</h3>"
        );
        for e in orphans {
            render_entry(s, c, e, base);
        }
        s.push_str("</section>\n");
    }
    s.push_str("</section>\n");
}

fn render_entry(s: &mut String, c: &Catalog, e: &Entry, base: Option<&str>) {
    let a = escape(&anchor(&c.id, e.code));
    let sym = escape(&e.symbol);
    let _ = write!(
        s,
        "<article id=\"{a}\" class=\"entry\" data-catalog=\"{cat}\" data-code=\"{code}\" \
         data-symbol=\"{sym}\" data-kind=\"{kind}\" aria-labelledby=\"{a}-heading\">\n\
         <h4 id=\"{a}-heading\" class=\"entry-title\"><a class=\"entry-code\" href=\"#{a}\" \
         title=\"Link to this entry\"><span class=\"visually-hidden\">{cat} </span>{code}</a> \
         <code class=\"entry-symbol\">{sym}</code></h4>\n<p class=\"badges\">",
        cat = escape(&c.id),
        code = e.code,
        kind = e.kind,
    );
    let _ = write!(
        s,
        "<a class=\"badge kind kind-{fam}\" href=\"#kind-{k}\"><span class=\"visually-hidden\">kind: </span>{k}</a>",
        fam = kind_family(e.kind),
        k = e.kind
    );
    if e.http_status_documented {
        let _ = write!(
            s,
            "<span class=\"badge http\">HTTP {}</span>",
            e.http_status
        );
    } else {
        let _ = write!(
            s,
            "<span class=\"badge http inferred\" title=\"Not documented: the kind’s HTTP status\">HTTP {}<span class=\"visually-hidden\"> (from the kind)</span></span>",
            e.http_status
        );
    }
    s.push_str(if e.retryable {
        "<span class=\"badge retry-yes\">retryable</span>"
    } else {
        "<span class=\"badge retry-no\">not retryable</span>"
    });
    if e.deprecated() {
        s.push_str("<span class=\"badge flag-deprecated\">deprecated</span>");
    }
    if e.server_only {
        s.push_str("<span class=\"badge flag-server\">server only</span>");
    }
    if e.wait_required {
        s.push_str("<span class=\"badge flag-wait\">wait parameter</span>");
    }
    s.push_str("</p>\n");
    let _ = writeln!(s, "<p class=\"entry-message\">{}</p>", escape(&e.message));

    let mut facts = String::new();
    let mut fact = |label: &str, html: &str| {
        let _ = writeln!(facts, "<div><dt>{label}</dt><dd>{html}</dd></div>");
    };
    let causes: Vec<&str> = e.causes.iter().map(|c| c.as_ref()).collect();
    if causes.len() > 1 || (causes.len() == 1 && causes[0] != e.message) {
        let mut h = String::from("<ul>");
        for cause in &causes {
            let _ = write!(h, "<li>{}</li>", escape(cause));
        }
        h.push_str("</ul>");
        fact(if causes.len() == 1 { "Cause" } else { "Causes" }, &h);
    }
    if let Some(r) = &e.reaction {
        fact("Reaction", &escape(r));
    }
    if e.wait_required {
        fact(
            "Wait",
            "The server sends a wait parameter with this error: wait that long before retrying.",
        );
    }
    if e.server_only {
        fact(
            "Server only",
            "A virtual error: only the server sees it, clients do not receive it.",
        );
    }
    if let Some(d) = &e.deprecation {
        let mut h = String::from("Deprecated");
        if let Some(v) = &d.since {
            let _ = write!(h, " since {}", escape(v));
        }
        h.push('.');
        if let Some(r) = &d.replaced_by {
            match c.by_symbol(r) {
                Some(re) => {
                    let _ = write!(
                        h,
                        " Use <a href=\"#{}\"><code>{}</code></a>.",
                        escape(&anchor(&c.id, re.code)),
                        escape(r)
                    );
                }
                None => {
                    let _ = write!(h, " Use <code>{}</code>.", escape(r));
                }
            }
        }
        if let Some(n) = &d.note {
            let _ = write!(h, " {}", escape(n));
        }
        fact("Deprecation", &h);
    }
    if let Some(r) = &e.request {
        fact("Request", &format!("#{}", escape(r)));
    }
    if !e.aliases.is_empty() {
        let list: Vec<String> = e
            .aliases
            .iter()
            .map(|a| format!("<code>{}</code>", escape(a)))
            .collect();
        fact(
            if e.aliases.len() == 1 {
                "Alias"
            } else {
                "Aliases"
            },
            &list.join(", "),
        );
    }
    fact(
        "Type name",
        &format!("<code>{}</code>", escape(&e.type_name)),
    );
    if let Some(u) = &crate::export::doc_url(c, e, base) {
        // Only web links become links; anything else is shown as text.
        if u.starts_with("https://") || u.starts_with("http://") {
            fact(
                "Documentation",
                &format!("<a href=\"{0}\">{0}</a>", escape(u)),
            );
        } else {
            fact("Documentation", &escape(u));
        }
    }
    let derived = match (e.symbol_derived, e.message_derived) {
        (true, true) => Some("the symbol and the message (the source has neither)"),
        (true, false) => Some("the symbol (the source names none)"),
        (false, true) => Some("the message (the source has no text)"),
        (false, false) => None,
    };
    if let Some(d) = derived {
        fact("Derived by errcat", d);
    }
    if let Some(n) = &e.note {
        fact("Note", &escape(n));
    }
    if !facts.is_empty() {
        let _ = write!(s, "<dl class=\"facts\">\n{facts}</dl>\n");
    }

    if !e.minor_codes.is_empty() {
        let with_reaction = e.minor_codes.iter().any(|m| m.reaction.is_some());
        let _ = write!(
            s,
            "<table class=\"minor\">\n<caption>Minor codes <span class=\"count\">{}</span></caption>\n\
             <thead><tr><th scope=\"col\">Minor</th><th scope=\"col\">Detail</th>{}</tr></thead>\n<tbody>\n",
            e.minor_codes.len(),
            if with_reaction {
                "<th scope=\"col\">Reaction</th>"
            } else {
                ""
            }
        );
        for m in e.minor_codes.iter() {
            let detail = match &m.detail {
                Some(d) => escape(d),
                None => "<span class=\"muted\">any (*)</span>".to_string(),
            };
            let _ = write!(s, "<tr><td>{}</td><td>{}</td>", m.code, detail);
            if with_reaction {
                let _ = write!(
                    s,
                    "<td>{}</td>",
                    m.reaction.as_deref().map(escape).unwrap_or_default()
                );
            }
            s.push_str("</tr>\n");
        }
        s.push_str("</tbody>\n</table>\n");
    }
    s.push_str("</article>\n");
}

/// Writes the site into `dir` (created if needed): `index.html`,
/// `errcat.css` and `errcat.js`. An existing `pkg/` is left alone.
pub fn write_html<'a>(
    dir: &Path,
    catalogs: impl IntoIterator<Item = &'a Catalog>,
) -> io::Result<()> {
    write_html_with(dir, catalogs, None)
}

/// [`write_html`], with every entry's documentation URL under
/// `doc_base_url` when given.
pub fn write_html_with<'a>(
    dir: &Path,
    catalogs: impl IntoIterator<Item = &'a Catalog>,
    doc_base_url: Option<&str>,
) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("index.html"), render_with(catalogs, doc_base_url))?;
    std::fs::write(dir.join("errcat.css"), CSS)?;
    std::fs::write(dir.join("errcat.js"), JS)?;
    Ok(())
}

fn invalid(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, msg)
}

/// A path from the package's `package.json`, if it stays inside the package.
fn safe_relative(p: &str) -> Option<PathBuf> {
    let p = p.strip_prefix("./").unwrap_or(p);
    let path = Path::new(p);
    if p.is_empty() || p.contains('\\') {
        return None;
    }
    path.components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then(|| path.to_path_buf())
}

/// The browser entry of the package: `exports["."]` (its `browser`,
/// `import` or `default` condition, or the string itself), else `module`,
/// else `index.js`.
fn browser_entry(meta: &serde_json::Value) -> String {
    let dot = &meta["exports"]["."];
    let pick = dot
        .as_str()
        .or_else(|| dot["browser"].as_str())
        .or_else(|| dot["import"].as_str())
        .or_else(|| dot["default"].as_str())
        .or_else(|| meta["module"].as_str())
        .unwrap_or("index.js");
    pick.strip_prefix("./").unwrap_or(pick).to_string()
}

/// Copies the browser build of the errcat npm package (its ES modules and
/// `.wasm`, as listed in its `package.json` `files`) from `package_dir` (an
/// unpacked package: `node_modules/errcat`, or `target/npm/package` from a
/// checkout) into `site_dir/pkg/`. Returns the copied paths, relative to
/// `pkg/`. Existing files are overwritten; nothing else is removed.
///
/// Errors name the problem: not an npm package, not the errcat package, a
/// listed file missing, no `.wasm` (the package was not built).
pub fn copy_package(package_dir: &Path, site_dir: &Path) -> io::Result<Vec<String>> {
    let pd = package_dir.display();
    let meta_path = package_dir.join("package.json");
    let text = std::fs::read(&meta_path).map_err(|e| {
        invalid(format!(
            "{pd}: not an npm package directory (cannot read package.json: {e})"
        ))
    })?;
    let meta: serde_json::Value = serde_json::from_slice(&text)
        .map_err(|e| invalid(format!("{pd}/package.json: not valid JSON: {e}")))?;
    match meta["name"].as_str() {
        Some("errcat") => {}
        Some(other) => {
            return Err(invalid(format!(
                "{pd}: this is the npm package {other:?}, not \"errcat\""
            )))
        }
        None => return Err(invalid(format!("{pd}/package.json has no \"name\""))),
    }
    let files = meta["files"].as_array().ok_or_else(|| {
        invalid(format!(
            "{pd}/package.json has no \"files\" list to copy from"
        ))
    })?;
    let mut wanted: Vec<PathBuf> = Vec::new();
    for f in files {
        let f = f
            .as_str()
            .ok_or_else(|| invalid(format!("{pd}/package.json: \"files\" holds a non-string")))?;
        let rel = safe_relative(f).ok_or_else(|| {
            invalid(format!(
                "{pd}/package.json: {f:?} in \"files\" leaves the package"
            ))
        })?;
        let full = package_dir.join(&rel);
        if full.is_dir() {
            collect_files(package_dir, &rel, &mut wanted)?;
        } else if full.is_file() {
            wanted.push(rel);
        } else {
            return Err(invalid(format!(
                "{pd}: {f} is listed in package.json but missing (is the package built?)"
            )));
        }
    }
    // The browser needs the modules and the .wasm; package.json tells the
    // page which module is the entry.
    wanted.retain(|p| {
        matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("js" | "mjs" | "wasm")
        )
    });
    wanted.push(PathBuf::from("package.json"));
    if !wanted
        .iter()
        .any(|p| p.extension().is_some_and(|e| e == "wasm"))
    {
        return Err(invalid(format!(
            "{pd}: the package has no .wasm file (build it first: scripts/test-js.sh)"
        )));
    }
    let entry = browser_entry(&meta);
    if !wanted.iter().any(|p| p == Path::new(&entry)) {
        return Err(invalid(format!(
            "{pd}: the browser entry {entry:?} is not among the package's files"
        )));
    }
    let dest = site_dir.join(PACKAGE_DIR);
    let mut copied = Vec::new();
    for rel in &wanted {
        let to = dest.join(rel);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(package_dir.join(rel), &to).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("{}: {e}", package_dir.join(rel).display()),
            )
        })?;
        copied.push(rel.to_string_lossy().replace('\\', "/"));
    }
    Ok(copied)
}

fn collect_files(root: &Path, rel: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for item in std::fs::read_dir(root.join(rel))? {
        let item = item?;
        let r = rel.join(item.file_name());
        let ty = item.file_type()?;
        if ty.is_dir() {
            collect_files(root, &r, out)?;
        } else if ty.is_file() {
            out.push(r);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn ids(html: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = html;
        while let Some(i) = rest.find(" id=\"") {
            rest = &rest[i + 5..];
            let end = rest.find('"').expect("closed attribute");
            out.push(rest[..end].to_string());
            rest = &rest[end..];
        }
        out
    }

    #[test]
    fn every_entry_has_its_anchor_once_and_ids_are_unique() {
        let html = render(errcat::catalogs());
        let all = ids(&html);
        let mut seen = HashSet::new();
        for id in &all {
            assert!(seen.insert(id.as_str()), "duplicate id {id:?}");
        }
        let mut n = 0;
        for c in errcat::catalogs() {
            assert!(seen.contains(c.id.as_ref()), "no section for {}", c.id);
            for e in c.entries.iter() {
                let a = anchor(&c.id, e.code);
                assert!(seen.contains(a.as_str()), "no anchor {a}");
                assert!(
                    html.contains(&format!("href=\"#{a}\"")),
                    "no link to its own anchor {a}"
                );
                n += 1;
            }
        }
        let articles = html.matches("<article ").count();
        assert_eq!(articles, n, "one article per entry");
        assert!(n > 300, "the built-in table has {n} entries");
    }

    #[test]
    fn every_field_is_rendered() {
        let html = render(errcat::catalogs());
        // Minor codes with detail, reaction, deprecation, server-only, wait,
        // aliases, causes: the data has each at least once.
        let m = errcat::lookup("messenger", "203").unwrap();
        assert!(html.contains(&escape(m.minor_codes[0].detail.as_deref().unwrap())));
        assert!(html.contains("<caption>Minor codes"));
        assert!(html.contains("badge flag-deprecated"));
        assert!(html.contains("badge flag-server"));
        assert!(html.contains("badge flag-wait"));
        assert!(html.contains("<code>FILE_UPLOAD_OPTION_BAD_PAYLOAD</code>"));
        for c in errcat::catalogs() {
            for e in c.entries.iter() {
                assert!(
                    html.contains(&escape(&e.message)),
                    "message of {}",
                    e.symbol
                );
                for cause in e.causes.iter() {
                    assert!(html.contains(&escape(cause)), "cause of {}", e.symbol);
                }
                if let Some(r) = &e.reaction {
                    assert!(html.contains(&escape(r)), "reaction of {}", e.symbol);
                }
                for mi in e.minor_codes.iter() {
                    if let Some(r) = &mi.reaction {
                        assert!(html.contains(&escape(r)), "minor reaction of {}", e.symbol);
                    }
                }
            }
        }
    }

    const HOSTILE: &str = r#"
[catalog]
id = "evil"
name = "Evil <script>alert('name')</script> & co"
wire = "string"
description = "Desc with \"quotes\" and <b>tags</b>"
doc_base_url = "https://docs.example/x\"onmouseover=\"alert(1)"

[[category]]
id = "c1"
name = "Cat </h3><img src=x onerror=alert(1)>"

[[entry]]
code = 1
symbol = "EVIL\"><SCRIPT>"
message = "Message <script>alert(\"m\")</script> & 'quoted'"
category = "c1"
kind = "internal"
causes = ["cause <i>one</i>", "cause & two"]
reaction = "react </dd></dl><script>x</script>"
aliases = ["ALIAS<'>"]
deprecated = { note = "note <b>", replaced_by = "OTHER" }

[[entry]]
code = -7
symbol = "OTHER"
message = "fine"
category = "c1"
kind = "not_found"
doc_url = "javascript:alert(1)"

[[entry.minor]]
code = 3
detail = "minor <u>detail</u>"
reaction = "minor <reaction>"
"#;

    #[test]
    fn text_is_escaped_everywhere() {
        let c = errcat::parse_catalog(HOSTILE.as_bytes(), errcat::Format::Toml, "evil.toml")
            .expect("valid catalog");
        let html = render([&c]);
        for raw in [
            "<script>alert",
            "<SCRIPT>",
            "<b>",
            "<i>one",
            "<img",
            "<u>",
            "<reaction>",
            "</dd></dl><script>",
            "\"onmouseover",
            "& co",
            "& two",
            "ALIAS<'>",
        ] {
            assert!(!html.contains(raw), "unescaped {raw:?} in the page");
        }
        for escaped in [
            "Evil &lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt; &amp; co",
            "Message &lt;script&gt;alert(&quot;m&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;",
            "data-symbol=\"EVIL&quot;&gt;&lt;SCRIPT&gt;\"",
            "cause &lt;i&gt;one&lt;/i&gt;",
            "minor &lt;u&gt;detail&lt;/u&gt;",
            "minor &lt;reaction&gt;",
            "x&quot;onmouseover=&quot;alert(1)#evil-1",
        ] {
            assert!(html.contains(escaped), "missing {escaped:?}");
        }
        // The only <script> is the page's own; a javascript: URL is text, not a link.
        assert_eq!(html.matches("<script").count(), 1);
        assert!(!html.contains("href=\"javascript:"));
        // Negative codes get anchors too, and the replacement is linked.
        assert!(html.contains("id=\"evil--7\""));
        assert!(html.contains("<a href=\"#evil--7\"><code>OTHER</code></a>"));
    }

    #[test]
    fn anchors_and_doc_urls_agree() {
        assert_eq!(anchor("spaces", 40102), "spaces-40102");
        assert_eq!(anchor("rtc", -1), "rtc--1");
        let c =
            errcat::parse_catalog(HOSTILE.as_bytes(), errcat::Format::Toml, "evil.toml").unwrap();
        let e = c.by_code(1).unwrap();
        let url = e.doc_url.as_deref().unwrap();
        assert!(url.ends_with(&format!("#{}", anchor("evil", 1))), "{url}");
    }

    #[test]
    fn every_builtin_entry_has_a_doc_url_to_its_own_anchor() {
        let page = render(errcat::catalogs());
        for c in errcat::catalogs() {
            for e in c.entries.iter() {
                let a = anchor(&c.id, e.code);
                let url = e
                    .doc_url
                    .as_deref()
                    .unwrap_or_else(|| panic!("{a}: no doc_url"));
                assert!(
                    url.starts_with("https://") && url.ends_with(&format!("#{a}")),
                    "{url}"
                );
                assert_eq!(page.matches(&format!("id=\"{a}\"")).count(), 1, "{a}");
                assert!(
                    page.contains(&format!("<a href=\"{}\">", escape(url))),
                    "{a}"
                );
            }
        }
        // Under a base chosen at export time: every link moves, an entry's
        // own URL that is not of the anchor form stays.
        let moved = render_with(errcat::catalogs(), Some("https://docs.example/ref/"));
        assert!(moved.contains("<a href=\"https://docs.example/ref/#spaces-42901\">"));
        assert!(!moved.contains("https://errcat.dev/errors/#"));
        let c =
            errcat::parse_catalog(HOSTILE.as_bytes(), errcat::Format::Toml, "evil.toml").unwrap();
        for e in c.entries.iter() {
            let got = crate::export::doc_url(&c, e, Some("https://b.example/"));
            match e.doc_url.as_deref() {
                Some(own) if !own.ends_with(&format!("#{}", anchor("evil", e.code))) => {
                    assert_eq!(got.as_deref(), Some(own))
                }
                _ => assert_eq!(
                    got,
                    Some(format!("https://b.example/#{}", anchor("evil", e.code)))
                ),
            }
        }
    }

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("errcat-html-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn copy_package_copies_the_browser_build() {
        let pkg = tmp("pkg-ok");
        std::fs::create_dir_all(pkg.join("wasm")).unwrap();
        std::fs::write(
            pkg.join("package.json"),
            r#"{"name":"errcat","version":"0.1.0","exports":{".":{"node":"./node.js","default":"./index.js"}},
               "files":["index.js","node.js","index.d.ts","wasm/errcat_wasm.js","wasm/errcat_wasm_bg.wasm","README.md"]}"#,
        )
        .unwrap();
        for f in [
            "index.js",
            "node.js",
            "index.d.ts",
            "wasm/errcat_wasm.js",
            "README.md",
        ] {
            std::fs::write(pkg.join(f), "x").unwrap();
        }
        std::fs::write(pkg.join("wasm/errcat_wasm_bg.wasm"), b"\0asm").unwrap();
        let site = tmp("site-ok");
        let mut got = copy_package(&pkg, &site).unwrap();
        got.sort();
        assert_eq!(
            got,
            [
                "index.js",
                "node.js",
                "package.json",
                "wasm/errcat_wasm.js",
                "wasm/errcat_wasm_bg.wasm"
            ]
        );
        assert_eq!(
            std::fs::read(site.join("pkg/wasm/errcat_wasm_bg.wasm")).unwrap(),
            b"\0asm"
        );
        assert!(!site.join("pkg/README.md").exists());
        let _ = std::fs::remove_dir_all(&pkg);
        let _ = std::fs::remove_dir_all(&site);
    }

    #[test]
    fn copy_package_refuses_what_it_cannot_use() {
        let site = tmp("site-bad");
        let case = |name: &str, json: Option<&str>, files: &[&str]| -> String {
            let pkg = tmp(name);
            if let Some(j) = json {
                std::fs::write(pkg.join("package.json"), j).unwrap();
            }
            for f in files {
                std::fs::write(pkg.join(f), "x").unwrap();
            }
            let err = copy_package(&pkg, &site).unwrap_err().to_string();
            let _ = std::fs::remove_dir_all(&pkg);
            err
        };
        assert!(case("none", None, &[]).contains("not an npm package directory"));
        assert!(case("json", Some("{"), &[]).contains("not valid JSON"));
        assert!(
            case("other", Some(r#"{"name":"left-pad","files":[]}"#), &[])
                .contains("\"left-pad\", not \"errcat\"")
        );
        assert!(case("nofiles", Some(r#"{"name":"errcat"}"#), &[]).contains("no \"files\""));
        assert!(case(
            "escape",
            Some(r#"{"name":"errcat","files":["../x.js"]}"#),
            &[]
        )
        .contains("leaves the package"));
        assert!(case(
            "missing",
            Some(r#"{"name":"errcat","files":["index.js"]}"#),
            &[]
        )
        .contains("missing"));
        assert!(case(
            "nowasm",
            Some(r#"{"name":"errcat","files":["index.js"]}"#),
            &["index.js"]
        )
        .contains("no .wasm"));
        assert!(case(
            "noentry",
            Some(r#"{"name":"errcat","module":"main.js","files":["index.js","a.wasm"]}"#),
            &["index.js", "a.wasm"]
        )
        .contains("browser entry \"main.js\""));
        assert!(!site.join(PACKAGE_DIR).exists(), "nothing copied on error");
        let _ = std::fs::remove_dir_all(&site);
    }
}
