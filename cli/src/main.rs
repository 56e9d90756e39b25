//! `errcat`: list, look up, search, decode, export and check error catalogs.
//!
//! Human-readable output by default, `--json` for machines. Bad input is one
//! line on stderr and exit status 2; a breaking change found by `check` is
//! exit status 1.

use clap::{Parser, Subcommand, ValueEnum};
use errcat::{ApiError, Catalog, Entry};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "errcat",
    version,
    about = "One table of API error codes: look up, search, decode, export, check"
)]
struct Cli {
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    /// Use this catalog file (TOML or JSON) instead of the built-in catalogs.
    #[arg(long, global = true, value_name = "FILE")]
    catalog_file: Option<String>,
    /// Preferred locales, most wanted first (repeatable or comma-separated,
    /// BCP 47: `pt-BR,pt`): lookup and decode show the texts of the first
    /// with an overlay (`pt-BR` falls back to `pt`; `en` is the base text;
    /// `en-XA` is the built-in pseudo-locale). For l10n: the one locale.
    #[arg(long, global = true, value_name = "TAG", value_delimiter = ',')]
    locale: Vec<String>,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// List the catalogs, or the entries of one catalog.
    List {
        #[arg(help = format!("A catalog id ({})", errcat::CATALOG_IDS.join(", ")))]
        catalog: Option<String>,
    },
    /// Look up an entry by code or symbol.
    Lookup {
        /// A catalog id.
        catalog: String,
        /// An integer code or a symbol (case, `-`, `_` and spaces are ignored).
        code_or_symbol: String,
    },
    /// Search symbols, messages, causes and minor-code details in every catalog.
    Search {
        /// Words that must all occur.
        #[arg(required = true, num_args = 1..)]
        text: Vec<String>,
    },
    /// Decode a server's error payload (read from stdin), or a whole HTTP
    /// response with --status/--header or --http.
    Decode {
        /// The catalog whose server sent it.
        catalog: String,
        /// Read the payload from this file instead of stdin.
        #[arg(long, value_name = "FILE")]
        file: Option<String>,
        /// The input is the body of an HTTP response with this status.
        #[arg(long, value_name = "CODE", conflicts_with = "http")]
        status: Option<u16>,
        /// A header of that response, `Name: value` (repeatable; Retry-After
        /// and Content-Type are read).
        #[arg(long, value_name = "HEADER", requires = "status")]
        header: Vec<String>,
        /// The input is a raw HTTP response (status line, headers, body), as
        /// `curl -si` prints it.
        #[arg(long)]
        http: bool,
        /// The clock an HTTP-date Retry-After is read against, in Unix
        /// seconds (default: now).
        #[arg(long, value_name = "UNIX_SECONDS")]
        now: Option<u64>,
    },
    /// Export the table.
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: ExportFormat,
        /// Write to this file (json, markdown) or directory (html) instead of stdout.
        #[arg(short, long, value_name = "PATH")]
        output: Option<String>,
        /// With --format html: copy the browser build of the errcat npm
        /// package from this directory (node_modules/errcat, or
        /// target/npm/package from a checkout) into the site's pkg/, which
        /// enables the page's search.
        #[arg(long, value_name = "DIR")]
        package: Option<String>,
        /// Where the HTML reference is published: every entry's doc URL
        /// becomes `<URL>#<catalog>-<code>` (an entry's own URL is kept).
        #[arg(long, value_name = "URL")]
        doc_base_url: Option<String>,
    },
    /// Translation files: export texts for translators, import a translation
    /// as an overlay (see docs/l10n.md).
    L10n {
        #[command(subcommand)]
        cmd: L10nCmd,
    },
    /// Validate catalog files; with --against, report breaking changes.
    Check {
        /// Catalog files (TOML or JSON). Without files, the built-in catalogs.
        files: Vec<String>,
        /// An earlier `errcat export --format json` to compare with.
        #[arg(long, value_name = "EXPORT_JSON")]
        against: Option<String>,
    },
}

#[derive(Subcommand)]
enum L10nCmd {
    /// Write the texts of one catalog (--catalog) or of every catalog in
    /// one file, with the --locale overlay's texts as translations.
    Export {
        /// The translation file format.
        #[arg(long, value_enum)]
        format: L10nFormat,
        /// Only this catalog (default: every catalog, in one file).
        #[arg(long, value_name = "ID")]
        catalog: Option<String>,
        /// Write to this file instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        output: Option<String>,
    },
    /// Read a translated file and print (or write) the overlay file(s).
    Import {
        /// The translated file.
        file: String,
        /// Its format (default: from the extension: .xcstrings, .xml,
        /// .xlf/.xliff, .json).
        #[arg(long, value_enum)]
        format: Option<L10nFormat>,
        /// Write the overlay here (TOML; JSON for a .json name); for a file
        /// with several catalogs, a directory that gets
        /// `<catalog>.<locale>.toml` each.
        #[arg(short, long, value_name = "PATH")]
        output: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum L10nFormat {
    /// Apple String Catalog (.xcstrings).
    Xcstrings,
    /// Android res/values-<lang>/strings.xml.
    Android,
    /// XLIFF 2.0.
    Xliff,
    /// A flat JSON object of keys to texts.
    Json,
}

impl L10nFormat {
    fn tooling(self) -> errcat_tooling::l10n::Format {
        use errcat_tooling::l10n::Format as F;
        match self {
            L10nFormat::Xcstrings => F::Xcstrings,
            L10nFormat::Android => F::Android,
            L10nFormat::Xliff => F::Xliff,
            L10nFormat::Json => F::Json,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Json,
    Markdown,
    Html,
}

/// A failure: message, exit status.
struct Fail(String, u8);

fn bad(msg: impl Into<String>) -> Fail {
    Fail(msg.into(), 2)
}

fn main() -> ExitCode {
    // clap prints its own usage errors; make them exit 2 (they do) and
    // keep `--help`/`--version` at 0.
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    // Nothing should panic, but if something does, the user gets one line
    // and status 2 rather than a backtrace.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("errcat: internal error: {info}");
    }));
    let result = std::panic::catch_unwind(|| run(&cli))
        .unwrap_or_else(|_| Err(Fail("internal error".into(), 2)));
    match result {
        Ok(code) => ExitCode::from(code),
        Err(Fail(msg, code)) => {
            eprintln!("errcat: {msg}");
            ExitCode::from(code)
        }
    }
}

fn out(s: &str) -> Result<(), Fail> {
    let mut o = std::io::stdout().lock();
    // A closed pipe (`errcat export | head`) is not an error worth a message.
    match o.write_all(s.as_bytes()).and_then(|_| o.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(bad(format!("cannot write output: {e}"))),
    }
}

fn print_json(v: &Value) -> Result<(), Fail> {
    out(&(serde_json::to_string_pretty(v).expect("values serialize") + "\n"))
}

/// The catalogs in play: the built-in ones, or the one loaded with --catalog-file.
enum Catalogs {
    Builtin,
    Loaded(Arc<Catalog>),
}

impl Catalogs {
    fn get(&self, id: &str) -> Result<errcat::CatalogRef, Fail> {
        match self {
            Catalogs::Builtin => errcat::catalog(id)
                .map(errcat::CatalogRef::Builtin)
                .ok_or_else(|| {
                    bad(format!(
                        "unknown catalog {:?} (known: {})",
                        errcat::clip(id),
                        errcat::CATALOG_IDS.join(", ")
                    ))
                }),
            Catalogs::Loaded(c) if c.id == id => Ok(errcat::CatalogRef::Loaded(c.clone())),
            Catalogs::Loaded(c) => Err(bad(format!(
                "unknown catalog {:?} (the loaded file has {:?})",
                errcat::clip(id),
                c.id
            ))),
        }
    }
    fn all(&self) -> Vec<&Catalog> {
        match self {
            Catalogs::Builtin => errcat::catalogs().collect(),
            Catalogs::Loaded(c) => vec![c],
        }
    }
}

fn run(cli: &Cli) -> Result<u8, Fail> {
    let prefs = locales(&cli.locale)?;
    let cats = match &cli.catalog_file {
        None => Catalogs::Builtin,
        Some(f) => Catalogs::Loaded(Arc::new(
            errcat::load_catalog(f).map_err(|e| bad(e.to_string()))?,
        )),
    };
    match &cli.cmd {
        Cmd::List { catalog } => list(cli, &cats, catalog.as_deref()),
        Cmd::Lookup {
            catalog,
            code_or_symbol,
        } => {
            let c = cats.get(catalog)?;
            let e = c.lookup(code_or_symbol).ok_or_else(|| {
                bad(format!(
                    "{} has no code or symbol {:?}",
                    c.id,
                    errcat::clip(code_or_symbol)
                ))
            })?;
            // Overlays are for the built-in tables only.
            let texts = (!prefs.is_empty()).then(|| match &c {
                errcat::CatalogRef::Builtin(b) => errcat::l10n::texts(&b.id, e, &prefs),
                errcat::CatalogRef::Loaded(_) => errcat::l10n::texts_in(e, None),
            });
            if cli.json {
                let mut v = json!({"catalog": c.id, "entry": errcat_tooling::export::catalog_json(&c)["entries"][index_of(&c, e)]});
                if let Some(t) = &texts {
                    v["locale"] = json!(locale_used(t.locale.as_deref()));
                    v["localized"] = json!({
                        "message": t.message,
                        "causes": t.causes,
                        "reaction": t.reaction,
                        "minor": t.minor_codes.iter().map(|(code, d, r)| json!({"code": code, "detail": d, "reaction": r})).collect::<Vec<_>>(),
                    });
                }
                print_json(&v)?;
            } else {
                out(&entry_text(&c, e, texts.as_ref()))?;
            }
            Ok(0)
        }
        Cmd::Search { text } => {
            let q = text.join(" ");
            let mut hits = Vec::new();
            for c in cats.all() {
                for e in c.search(&q) {
                    hits.push((c, e));
                }
            }
            if cli.json {
                let v: Vec<Value> = hits
                    .iter()
                    .map(|(c, e)| json!({"catalog": c.id, "code": e.code, "symbol": e.symbol, "message": e.message, "kind": e.kind.as_str()}))
                    .collect();
                print_json(&json!({"query": q, "hits": v}))?;
            } else {
                let mut s = String::new();
                for (c, e) in &hits {
                    s.push_str(&format!(
                        "{:<10} {:>6}  {:<40} {}\n",
                        c.id, e.code, e.symbol, e.message
                    ));
                }
                s.push_str(&format!("{} result(s)\n", hits.len()));
                out(&s)?;
            }
            Ok(0)
        }
        Cmd::Decode {
            catalog,
            file,
            status,
            header,
            http,
            now,
        } if status.is_some() || *http => {
            let c = cats.get(catalog)?;
            let input = read_limited(file.as_deref(), MAX_RESPONSE_BYTES)?;
            let (status, headers, body) = if *http {
                parse_http(&input)?
            } else {
                let headers = header
                    .iter()
                    .map(|h| {
                        h.split_once(':')
                            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                            .ok_or_else(|| {
                                bad(format!(
                                    "--header {:?}: expected `Name: value`",
                                    errcat::clip(h)
                                ))
                            })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                (status.expect("checked by the guard"), headers, &input[..])
            };
            let now = match now {
                Some(s) => std::time::UNIX_EPOCH
                    .checked_add(std::time::Duration::from_secs(*s))
                    .ok_or_else(|| bad(format!("--now {s}: too far in the future")))?,
                None => std::time::SystemTime::now(),
            };
            let parts = errcat::ResponseParts::from_headers(status, &headers, body);
            let got =
                errcat::decode_response_with(c, &parts, now).map_err(|e| bad(e.to_string()))?;
            match (&got, cli.json) {
                (Some(err), true) => print_json(&decoded_json(err, &prefs))?,
                (Some(err), false) => out(&decoded_text(err, &prefs))?,
                (None, true) => print_json(&json!({"error": false, "response_status": status}))?,
                (None, false) => out(&format!("no error (HTTP {status})\n"))?,
            }
            Ok(0)
        }
        Cmd::Decode { catalog, file, .. } => {
            let c = cats.get(catalog)?;
            let bytes = read_payload(file.as_deref())?;
            let err = errcat::decode_with(c, &bytes).map_err(|e| bad(e.to_string()))?;
            if cli.json {
                print_json(&decoded_json(&err, &prefs))?;
            } else {
                out(&decoded_text(&err, &prefs))?;
            }
            Ok(0)
        }
        Cmd::Export {
            format,
            output,
            package,
            doc_base_url,
        } => export(
            &cats,
            *format,
            output.as_deref(),
            package.as_deref(),
            doc_base_url.as_deref(),
        ),
        Cmd::L10n { cmd } => l10n(&cats, &prefs, cmd),
        Cmd::Check { files, against } => check(cli, files, against.as_deref()),
    }
}

/// The --locale list, each tag checked and in canonical case.
fn locales(given: &[String]) -> Result<Vec<String>, Fail> {
    given
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .map(|t| {
            errcat::l10n::canonical_locale(t).ok_or_else(|| {
                bad(format!(
                    "--locale {:?}: not a BCP 47 language tag",
                    errcat::clip(t)
                ))
            })
        })
        .collect()
}

/// How output names the locale whose texts it shows.
fn locale_used(overlay: Option<&str>) -> String {
    match overlay {
        Some(l) => l.to_string(),
        None => format!("{} (base text)", errcat::l10n::BASE_LANGUAGE),
    }
}

fn l10n(cats: &Catalogs, prefs: &[String], cmd: &L10nCmd) -> Result<u8, Fail> {
    use errcat_tooling::l10n as t;
    match cmd {
        L10nCmd::Export {
            format,
            catalog,
            output,
        } => {
            let [locale] = prefs else {
                return Err(bad("l10n export needs one --locale (the target locale)"));
            };
            let chosen: Vec<&Catalog> = match catalog {
                Some(id) => {
                    let c = cats.get(id)?;
                    vec![cats
                        .all()
                        .into_iter()
                        .find(|x| x.id == c.id)
                        .expect("get found it")]
                }
                None => cats.all(),
            };
            // Only the built-in tables have overlays.
            let overlays: Vec<Option<Arc<errcat::l10n::Overlay>>> = chosen
                .iter()
                .map(|c| match cats {
                    Catalogs::Builtin => t::builtin_overlay(&c.id, locale),
                    Catalogs::Loaded(_) => None,
                })
                .collect();
            let sources: Vec<(&Catalog, Option<&errcat::l10n::Overlay>)> = chosen
                .iter()
                .zip(&overlays)
                .map(|(c, o)| (*c, o.as_deref()))
                .collect();
            let text = t::export(format.tooling(), locale, &sources).map_err(bad)?;
            match output {
                Some(p) => std::fs::write(p, text).map_err(|e| bad(format!("{p}: {e}")))?,
                None => out(&text)?,
            }
            Ok(0)
        }
        L10nCmd::Import {
            file,
            format,
            output,
        } => {
            let format = match format {
                Some(f) => f.tooling(),
                None => t::Format::from_path(file).ok_or_else(|| {
                    bad(format!(
                        "{file}: cannot tell the format from the name; give --format"
                    ))
                })?,
            };
            let locale = match prefs {
                [] => None,
                [l] => Some(l.as_str()),
                _ => return Err(bad("l10n import takes at most one --locale")),
            };
            let bytes = read_limited(Some(file), errcat::l10n::MAX_OVERLAY_BYTES as u64 + 1)?;
            let overlays = t::import(format, &bytes, file, &cats.all(), locale)
                .map_err(|e| bad(t::one_line(&e)))?;
            let as_text = |o: &errcat::l10n::Overlay, path: &str| {
                if path.to_ascii_lowercase().ends_with(".json") {
                    o.to_text(errcat::Format::Json) + "\n"
                } else {
                    o.to_text(errcat::Format::Toml)
                }
            };
            match (overlays.as_slice(), output) {
                ([o], Some(p)) if !std::path::Path::new(p).is_dir() => {
                    std::fs::write(p, as_text(o, p)).map_err(|e| bad(format!("{p}: {e}")))?
                }
                ([o], None) => out(&as_text(o, ""))?,
                (all, Some(dir)) => {
                    std::fs::create_dir_all(dir).map_err(|e| bad(format!("{dir}: {e}")))?;
                    let mut s = String::new();
                    for o in all {
                        let p = std::path::Path::new(dir)
                            .join(format!("{}.{}.toml", o.catalog, o.locale));
                        std::fs::write(&p, as_text(o, ""))
                            .map_err(|e| bad(format!("{}: {e}", p.display())))?;
                        s.push_str(&format!("wrote {}\n", p.display()));
                    }
                    out(&s)?;
                }
                (all, None) => {
                    return Err(bad(format!(
                        "{file} holds {} catalogs ({}): give -o DIR for one overlay file each",
                        all.len(),
                        all.iter()
                            .map(|o| o.catalog.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )))
                }
            }
            Ok(0)
        }
    }
}

fn index_of(c: &Catalog, e: &Entry) -> usize {
    c.entries
        .iter()
        .position(|x| std::ptr::eq(x, e))
        .unwrap_or(0)
}

fn read_payload(file: Option<&str>) -> Result<Vec<u8>, Fail> {
    read_limited(file, errcat::MAX_PAYLOAD_BYTES as u64 + 1)
}

/// Most bytes of an HTTP response read (`--status`, `--http`). A body over
/// the payload limit is still an answer (an error typed from the status,
/// with an excerpt), so the response is read whole up to this much.
const MAX_RESPONSE_BYTES: u64 = 16 * 1024 * 1024;
/// Most bytes of a response's status line and headers.
const MAX_HEAD_BYTES: usize = 64 * 1024;

type Response<'a> = (u16, Vec<(String, String)>, &'a [u8]);

/// A raw HTTP/1.x or HTTP/2 response as `curl -si` prints it. Interim
/// responses are skipped: 1xx heads, and a head followed directly by
/// another status line (a proxy's `200 Connection established`, a redirect
/// followed with `curl -L`); the last response counts.
fn parse_http(input: &[u8]) -> Result<Response<'_>, Fail> {
    let mut rest = input;
    loop {
        let (status, headers, body) = parse_one(rest)?;
        let interim = (100..200).contains(&status) || body.starts_with(b"HTTP/");
        if interim && parse_one(body).is_ok() {
            rest = body;
            continue;
        }
        return Ok((status, headers, body));
    }
}

fn parse_one(input: &[u8]) -> Result<Response<'_>, Fail> {
    let window = &input[..input.len().min(MAX_HEAD_BYTES)];
    let mut end = None;
    let mut i = 0;
    while i < window.len() {
        if window[i..].starts_with(b"\r\n\r\n") {
            end = Some((i, i + 4));
            break;
        }
        if window[i..].starts_with(b"\n\n") {
            end = Some((i, i + 2));
            break;
        }
        i += 1;
    }
    let (head_end, body_start) = match end {
        Some(e) => e,
        None if input.len() <= MAX_HEAD_BYTES => (input.len(), input.len()),
        None => {
            return Err(bad(format!(
                "--http: no end of headers in the first {MAX_HEAD_BYTES} bytes"
            )))
        }
    };
    let head = String::from_utf8_lossy(&input[..head_end]);
    let mut lines = head.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let status_line = lines.next().unwrap_or("");
    let mut words = status_line.split_ascii_whitespace();
    let version = words.next().unwrap_or("");
    let status = words.next().unwrap_or("");
    if !version.starts_with("HTTP/")
        || status.len() != 3
        || !status.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad(format!(
            "--http: expected a status line such as `HTTP/1.1 503 Service Unavailable`, got {:?}",
            errcat::clip(status_line)
        )));
    }
    let status: u16 = status.parse().expect("three digits");
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            // Obsolete line folding: the line continues the previous value.
            if let Some((_, v)) = headers.last_mut() {
                v.push(' ');
                v.push_str(line.trim());
            }
        } else if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
        // A line without a colon is not a header: skipped.
    }
    Ok((status, headers, &input[body_start..]))
}

fn read_limited(file: Option<&str>, limit: u64) -> Result<Vec<u8>, Fail> {
    let mut buf = Vec::new();
    match file {
        Some(f) => {
            let fh = std::fs::File::open(f).map_err(|e| bad(format!("{f}: {e}")))?;
            fh.take(limit)
                .read_to_end(&mut buf)
                .map_err(|e| bad(format!("{f}: {e}")))?;
        }
        None => {
            std::io::stdin()
                .lock()
                .take(limit)
                .read_to_end(&mut buf)
                .map_err(|e| bad(format!("cannot read stdin: {e}")))?;
        }
    }
    // Reading stops at the limit: a payload one byte past it is refused
    // by the decoder without being read whole; a response is refused here.
    if limit == MAX_RESPONSE_BYTES && buf.len() as u64 >= limit {
        return Err(bad(format!("the HTTP response is over {limit} bytes")));
    }
    Ok(buf)
}

fn list(cli: &Cli, cats: &Catalogs, catalog: Option<&str>) -> Result<u8, Fail> {
    match catalog {
        None => {
            if cli.json {
                let v: Vec<Value> = cats
                    .all()
                    .iter()
                    .map(|c| json!({"id": c.id, "name": c.name, "domain": c.domain, "wire": c.wire.as_str(), "entries": c.entries.len()}))
                    .collect();
                print_json(&json!({"catalogs": v}))?;
            } else {
                let mut s = String::new();
                for c in cats.all() {
                    s.push_str(&format!(
                        "{:<10} {:>4} codes  {}\n",
                        c.id,
                        c.entries.len(),
                        c.name
                    ));
                }
                out(&s)?;
            }
        }
        Some(id) => {
            let c = cats.get(id)?;
            if cli.json {
                print_json(&errcat_tooling::export::catalog_json(&c))?;
            } else {
                let mut s = String::new();
                for cat in c.categories.iter() {
                    s.push_str(&format!("# {}\n", cat.name));
                    for e in c.entries.iter().filter(|e| e.category == cat.id) {
                        s.push_str(&format!(
                            "{:>6}  {:<48} {:<20} {}\n",
                            e.code,
                            e.symbol,
                            e.kind.as_str(),
                            e.message
                        ));
                    }
                }
                out(&s)?;
            }
        }
    }
    Ok(0)
}

fn entry_text(c: &Catalog, e: &Entry, texts: Option<&errcat::l10n::Texts>) -> String {
    let base = errcat::l10n::texts_in(e, None);
    let t = texts.unwrap_or(&base);
    let mut s = format!("{} {}  {}\n", c.id, e.code, e.symbol);
    if texts.is_some() {
        s.push_str(&format!(
            "  locale:      {}\n",
            locale_used(t.locale.as_deref())
        ));
    }
    s.push_str(&format!("  message:     {}\n", t.message));
    if let Some(cat) = c.category(&e.category) {
        s.push_str(&format!("  category:    {}\n", cat.name));
    }
    s.push_str(&format!("  kind:        {}\n", e.kind));
    s.push_str(&format!(
        "  http status: {}{}\n",
        e.http_status,
        if e.http_status_documented {
            ""
        } else {
            " (from the kind)"
        }
    ));
    s.push_str(&format!(
        "  retryable:   {}\n",
        if e.retryable { "yes" } else { "no" }
    ));
    if !e.aliases.is_empty() {
        s.push_str(&format!("  aliases:     {}\n", e.aliases.join(", ")));
    }
    if e.causes.len() > 1 || (e.causes.len() == 1 && e.causes[0] != e.message) {
        s.push_str("  causes:\n");
        for cause in t.causes.iter() {
            s.push_str(&format!("    - {cause}\n"));
        }
    }
    if let Some(r) = &t.reaction {
        s.push_str(&format!("  reaction:    {r}\n"));
    }
    if e.wait_required {
        s.push_str("  wait:        the server sends a wait parameter\n");
    }
    if e.server_only {
        s.push_str("  server only: yes (a virtual error; clients do not receive it)\n");
    }
    if let Some(r) = &e.request {
        s.push_str(&format!("  request:     #{r}\n"));
    }
    if let Some(d) = &e.deprecation {
        let mut parts = Vec::new();
        if let Some(v) = &d.since {
            parts.push(format!("since {v}"));
        }
        if let Some(r) = &d.replaced_by {
            parts.push(format!("use {r} instead"));
        }
        if let Some(n) = &d.note {
            parts.push(n.to_string());
        }
        if parts.is_empty() {
            parts.push("yes".into());
        }
        s.push_str(&format!("  deprecated:  {}\n", parts.join("; ")));
    }
    if let Some(u) = &e.doc_url {
        s.push_str(&format!("  docs:        {u}\n"));
    }
    if !e.minor_codes.is_empty() {
        s.push_str("  minor codes:\n");
        for (code, detail, reaction) in t.minor_codes.iter() {
            s.push_str(&format!(
                "    {:>3}  {}",
                code,
                detail.as_deref().unwrap_or("*")
            ));
            if let Some(r) = reaction {
                s.push_str(&format!("  (reaction: {r})"));
            }
            s.push('\n');
        }
    }
    s
}

fn decoded_json(err: &ApiError, prefs: &[String]) -> Value {
    let ns = err.ns_error();
    let user_info: serde_json::Map<String, Value> = ns
        .user_info()
        .into_iter()
        .map(|(k, v)| (k.to_string(), serde_json::to_value(v).expect("serializes")))
        .collect();
    let mut v = json!({
        "catalog": err.catalog().id,
        "known": !err.is_unknown(),
        "code": err.code(),
        "symbol": err.symbol(),
        "raw_code": err.raw_code().to_string(),
        "kind": err.kind().as_str(),
        "message": err.message(),
        "server_message": err.server_message(),
        "http_status": err.http_status(),
        "retryable": err.retryable(),
        "minor": err.minor(),
        "minor_detail": err.minor_detail(),
        "retry_after_ms": err.retry_after_ms(),
        "missing_permission": err.missing_permission(),
        "wait": err.wait(),
        "error": true,
        "from_status": err.is_from_status(),
        "response_status": err.response_status(),
        "content_type": err.content_type(),
        "body_excerpt": err.body_excerpt(),
        "body_len": err.body_len(),
        "domain": err.domain(),
        "ns_error": {"domain": ns.domain, "code": ns.code, "user_info": user_info},
    });
    if !prefs.is_empty() {
        let l = Localized::of(err, prefs);
        v["locale"] = json!(locale_used(l.locale.as_deref()));
        v["localized"] = json!({
            "message": l.message,
            "causes": l.causes,
            "reaction": l.reaction,
            "minor_detail": l.minor_detail,
        });
    }
    v
}

/// A decoded error's texts in the --locale choice.
struct Localized {
    locale: Option<String>,
    message: String,
    causes: Vec<String>,
    reaction: Option<String>,
    minor_detail: Option<String>,
}

impl Localized {
    fn of(err: &ApiError, prefs: &[String]) -> Localized {
        let t = err.localized(prefs);
        let minor = err
            .minor()
            .and_then(|m| t.as_ref().and_then(|t| t.minor(m)));
        Localized {
            locale: t.as_ref().and_then(|t| t.locale.clone()),
            message: err.localized_message(prefs).into_owned(),
            causes: t.as_ref().map(|t| t.causes.clone()).unwrap_or_default(),
            // As ApiError::reaction: the minor code's, else the entry's.
            reaction: minor
                .and_then(|m| m.1)
                .map(str::to_string)
                .or_else(|| t.as_ref().and_then(|t| t.reaction.clone()))
                .or_else(|| err.reaction().map(str::to_string)),
            minor_detail: minor
                .and_then(|m| m.0)
                .map(str::to_string)
                .or_else(|| err.minor_detail().map(str::to_string)),
        }
    }
}

fn decoded_text(err: &ApiError, prefs: &[String]) -> String {
    let l = (!prefs.is_empty()).then(|| Localized::of(err, prefs));
    let mut s = if err.is_from_status() {
        format!(
            "{} {}  (the body has no error code: typed from the HTTP status)\n",
            err.catalog().id,
            err.symbol()
        )
    } else if err.is_unknown() {
        format!(
            "{} unknown code {} (not in the table)\n",
            err.catalog().id,
            err.raw_code()
        )
    } else {
        format!("{} {}  {}\n", err.catalog().id, err.code(), err.symbol())
    };
    if let Some(l) = &l {
        s.push_str(&format!(
            "  locale:      {}\n",
            locale_used(l.locale.as_deref())
        ));
    }
    let message = l
        .as_ref()
        .map_or(err.message(), |l| l.message.as_str().into());
    s.push_str(&format!("  message:     {message}\n"));
    if let (Some(server), Some(_)) = (
        err.server_message(),
        l.as_ref().and_then(|l| l.locale.as_ref()),
    ) {
        s.push_str(&format!("  server text: {}\n", printable(server)));
    }
    if let (Some(server), Some(e)) = (err.server_message(), err.entry()) {
        if server != e.message && l.as_ref().is_none_or(|l| l.locale.is_none()) {
            s.push_str(&format!("  table text:  {}\n", e.message));
        }
    }
    s.push_str(&format!("  kind:        {}\n", err.kind()));
    s.push_str(&format!("  http status: {}\n", err.http_status()));
    s.push_str(&format!(
        "  retryable:   {}\n",
        if err.retryable() { "yes" } else { "no" }
    ));
    if let Some(ms) = err.retry_after_ms() {
        s.push_str(&format!("  retry after: {ms} ms\n"));
    }
    if let Some(p) = err.missing_permission() {
        s.push_str(&format!("  missing permission: {p}\n"));
    }
    if let Some(m) = err.minor() {
        let detail = match &l {
            Some(l) => l.minor_detail.as_deref(),
            None => err.minor_detail(),
        };
        s.push_str(&format!(
            "  minor code:  {m} {}\n",
            detail.unwrap_or("(undocumented)")
        ));
    }
    if let Some(w) = err.wait() {
        s.push_str(&format!("  wait:        {w}\n"));
    }
    let reaction = match &l {
        Some(l) => l.reaction.as_deref(),
        None => err.reaction(),
    };
    if let Some(r) = reaction {
        s.push_str(&format!("  reaction:    {r}\n"));
    }
    if let Some(st) = err.response_status() {
        s.push_str(&format!(
            "  response:    HTTP {st}, {} bytes, content type {}\n",
            err.body_len().unwrap_or(0),
            err.content_type()
                .map(printable)
                .unwrap_or_else(|| "none".into())
        ));
    }
    if let Some(x) = err.body_excerpt() {
        s.push_str(&format!("  body:        {}\n", printable(x)));
    }
    let ns = err.ns_error();
    s.push_str(&format!(
        "  NSError:     domain {} code {}\n",
        ns.domain, ns.code
    ));
    s
}

fn export(
    cats: &Catalogs,
    format: ExportFormat,
    output: Option<&str>,
    package: Option<&str>,
    doc_base_url: Option<&str>,
) -> Result<u8, Fail> {
    let all = cats.all();
    if let Some(base) = doc_base_url {
        if !(base.starts_with("https://") || base.starts_with("http://")) {
            return Err(bad(format!("--doc-base-url {base}: not an http(s) URL")));
        }
    }
    if package.is_some() && !matches!(format, ExportFormat::Html) {
        return Err(bad("--package only applies to --format html"));
    }
    match format {
        ExportFormat::Json | ExportFormat::Markdown => {
            let text = match format {
                ExportFormat::Json => {
                    errcat_tooling::export::to_json_string_with(all.iter().copied(), doc_base_url)
                }
                _ => errcat_tooling::export::to_markdown(all.iter().copied()),
            };
            match output {
                Some(p) => std::fs::write(p, text).map_err(|e| bad(format!("{p}: {e}")))?,
                None => out(&text)?,
            }
        }
        ExportFormat::Html => {
            let dir = output.ok_or_else(|| bad("export --format html needs -o DIR"))?;
            // The package first: when it is unusable, nothing is written.
            if let Some(p) = package {
                errcat_tooling::html::copy_package(
                    std::path::Path::new(p),
                    std::path::Path::new(dir),
                )
                .map_err(|e| bad(format!("--package: {e}")))?;
            }
            errcat_tooling::export::write_html_with(
                std::path::Path::new(dir),
                all.iter().copied(),
                doc_base_url,
            )
            .map_err(|e| bad(format!("{dir}: {e}")))?;
        }
    }
    Ok(0)
}

fn check(cli: &Cli, files: &[String], against: Option<&str>) -> Result<u8, Fail> {
    let mut loaded: Vec<Catalog> = Vec::new();
    let mut problems: Vec<String> = Vec::new();
    for f in files {
        match errcat::load_catalog(f) {
            Ok(c) => loaded.push(c),
            Err(e) => problems.extend(e.problems.iter().map(|p| p.to_string())),
        }
    }
    if !problems.is_empty() {
        if cli.json {
            print_json(&json!({"ok": false, "problems": problems, "breaking": []}))?;
        } else {
            for p in &problems {
                eprintln!("{p}");
            }
        }
        return Err(Fail(
            format!("{} problem(s) in catalog files", problems.len()),
            2,
        ));
    }
    let current = if files.is_empty() {
        errcat_tooling::check::snapshot(errcat::catalogs())
    } else {
        errcat_tooling::check::snapshot(loaded.iter())
    };
    let mut breaking = Vec::new();
    if let Some(a) = against {
        let text = std::fs::read(a).map_err(|e| bad(format!("{a}: {e}")))?;
        let text = String::from_utf8(text).map_err(|_| bad(format!("{a}: not valid UTF-8")))?;
        let old =
            errcat_tooling::check::parse_snapshot(&text).map_err(|e| bad(format!("{a}: {e}")))?;
        breaking = errcat_tooling::check::compare(&old, &current, !files.is_empty());
    }
    if cli.json {
        let b: Vec<String> = breaking.iter().map(|b| b.to_string()).collect();
        print_json(&json!({"ok": breaking.is_empty(), "problems": [], "breaking": b}))?;
    } else {
        let n: usize = current.catalogs.iter().map(|c| c.entries.len()).sum();
        let mut s = format!(
            "{} catalog(s), {} entries: valid\n",
            current.catalogs.len(),
            n
        );
        for b in &breaking {
            s.push_str(&format!("breaking: {b}\n"));
        }
        if against.is_some() && breaking.is_empty() {
            s.push_str("no breaking changes\n");
        }
        out(&s)?;
    }
    if breaking.is_empty() {
        Ok(0)
    } else {
        Err(Fail(format!("{} breaking change(s)", breaking.len()), 1))
    }
}

/// Text from a server, safe for a terminal: control characters (escape
/// sequences, line breaks) are written as Rust escapes.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
