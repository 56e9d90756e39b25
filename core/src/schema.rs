//! The catalog file format (TOML or JSON) and its validator.
//!
//! This module is compiled twice: into the library (to load user catalogs at
//! run time) and into `build.rs` (to turn the built-in catalogs into static
//! Rust data). One validator, so a built-in catalog and a user catalog obey
//! exactly the same rules. It therefore depends on nothing else in the crate.
//!
//! The format is documented in `core/catalogs/SCHEMA.md`.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The canonical error class shared by every catalog: the gRPC canonical
/// status codes, so an app can handle "rate limited" or "not authenticated"
/// the same way whichever server sent it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Not an error (some status sets, such as `FED_OK`, include success).
    Ok,
    /// The operation was cancelled, typically by the caller.
    Cancelled,
    /// Unknown error; also the kind of every code the table does not know.
    Unknown,
    /// The client sent an invalid argument or a malformed request.
    InvalidArgument,
    /// The deadline expired before the operation could complete.
    DeadlineExceeded,
    /// Some requested entity was not found.
    NotFound,
    /// The entity the client tried to create already exists.
    AlreadyExists,
    /// The caller is known but may not do this.
    PermissionDenied,
    /// A quota or rate limit was hit, or the system is out of a resource.
    ResourceExhausted,
    /// The system is not in a state required for the operation.
    FailedPrecondition,
    /// The operation was aborted, typically by a concurrency conflict.
    Aborted,
    /// The operation was attempted past the valid range.
    OutOfRange,
    /// The operation is not implemented or not supported.
    Unimplemented,
    /// Internal error on the server side.
    Internal,
    /// The service is currently unavailable; retrying may succeed.
    Unavailable,
    /// Unrecoverable data loss or corruption.
    DataLoss,
    /// The request lacks valid authentication credentials.
    Unauthenticated,
}

impl Kind {
    /// Every kind, in gRPC code order.
    pub const ALL: [Kind; 17] = [
        Kind::Ok,
        Kind::Cancelled,
        Kind::Unknown,
        Kind::InvalidArgument,
        Kind::DeadlineExceeded,
        Kind::NotFound,
        Kind::AlreadyExists,
        Kind::PermissionDenied,
        Kind::ResourceExhausted,
        Kind::FailedPrecondition,
        Kind::Aborted,
        Kind::OutOfRange,
        Kind::Unimplemented,
        Kind::Internal,
        Kind::Unavailable,
        Kind::DataLoss,
        Kind::Unauthenticated,
    ];

    /// The snake_case name used in data files, exports and every binding.
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Ok => "ok",
            Kind::Cancelled => "cancelled",
            Kind::Unknown => "unknown",
            Kind::InvalidArgument => "invalid_argument",
            Kind::DeadlineExceeded => "deadline_exceeded",
            Kind::NotFound => "not_found",
            Kind::AlreadyExists => "already_exists",
            Kind::PermissionDenied => "permission_denied",
            Kind::ResourceExhausted => "resource_exhausted",
            Kind::FailedPrecondition => "failed_precondition",
            Kind::Aborted => "aborted",
            Kind::OutOfRange => "out_of_range",
            Kind::Unimplemented => "unimplemented",
            Kind::Internal => "internal",
            Kind::Unavailable => "unavailable",
            Kind::DataLoss => "data_loss",
            Kind::Unauthenticated => "unauthenticated",
        }
    }

    /// Parses the snake_case name (exactly as [`Kind::as_str`] writes it).
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.as_str() == s)
    }

    /// The gRPC numeric code (0 = ok … 16 = unauthenticated).
    pub const fn grpc_code(self) -> u8 {
        self as u8
    }

    /// The HTTP status gRPC documents for this kind (google.rpc.Code).
    pub const fn http_status(self) -> u16 {
        match self {
            Kind::Ok => 200,
            Kind::Cancelled => 499,
            Kind::Unknown => 500,
            Kind::InvalidArgument => 400,
            Kind::DeadlineExceeded => 504,
            Kind::NotFound => 404,
            Kind::AlreadyExists => 409,
            Kind::PermissionDenied => 403,
            Kind::ResourceExhausted => 429,
            Kind::FailedPrecondition => 400,
            Kind::Aborted => 409,
            Kind::OutOfRange => 400,
            Kind::Unimplemented => 501,
            Kind::Internal => 500,
            Kind::Unavailable => 503,
            Kind::DataLoss => 500,
            Kind::Unauthenticated => 401,
        }
    }

    /// The kind an HTTP status implies when nothing better is known (the
    /// inverse of [`Kind::http_status`], picking the most common kind).
    pub const fn from_http_status(status: u16) -> Kind {
        match status {
            200..=299 => Kind::Ok,
            400 | 413 | 422 => Kind::InvalidArgument,
            401 => Kind::Unauthenticated,
            403 => Kind::PermissionDenied,
            404 | 410 => Kind::NotFound,
            408 | 504 => Kind::DeadlineExceeded,
            409 => Kind::AlreadyExists,
            412 => Kind::FailedPrecondition,
            416 => Kind::OutOfRange,
            429 => Kind::ResourceExhausted,
            499 => Kind::Cancelled,
            501 => Kind::Unimplemented,
            502 | 503 => Kind::Unavailable,
            500..=599 => Kind::Internal,
            _ => Kind::Unknown,
        }
    }

    /// Whether an error of this kind is worth retrying when the entry does
    /// not say otherwise (gRPC's guidance: transient kinds only).
    pub const fn default_retryable(self) -> bool {
        matches!(
            self,
            Kind::Unavailable | Kind::ResourceExhausted | Kind::DeadlineExceeded | Kind::Aborted
        )
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a catalog's server puts on the wire for its error code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Wire {
    /// An integer code.
    Int,
    /// A string code (the symbol); integer codes are assigned by errcat.
    String,
    /// A major code, a minor code and an optional wait (the messenger protocol).
    MajorMinor,
}

impl Wire {
    /// The snake_case name used in data files and exports.
    pub const fn as_str(self) -> &'static str {
        match self {
            Wire::Int => "int",
            Wire::String => "string",
            Wire::MajorMinor => "major_minor",
        }
    }
}

// ---------------------------------------------------------------------------
// The file format. Field names here are the file's keys.

/// A whole catalog file.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FileCatalog {
    /// The `[catalog]` header.
    pub catalog: FileHeader,
    /// The `[[category]]` tables, in document order.
    #[serde(default)]
    pub category: Vec<FileCategory>,
    /// The `[[entry]]` tables, in document order.
    #[serde(default)]
    pub entry: Vec<FileEntry>,
}

/// The `[catalog]` header of a catalog file.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FileHeader {
    /// Stable public id (`[a-z][a-z0-9_]*`).
    pub id: String,
    /// Human-readable name.
    pub name: String,
    /// NSError domain; defaults to `errcat.<id>`.
    #[serde(default)]
    pub domain: Option<String>,
    /// What the server sends: `int`, `string` or `major_minor`.
    pub wire: Wire,
    /// Where the table was transcribed from.
    #[serde(default)]
    pub source: Option<String>,
    /// A paragraph about the catalog.
    #[serde(default)]
    pub description: Option<String>,
    /// Base URL of the entry documentation; an entry's doc URL is
    /// `<doc_base_url>#<catalog>-<code>` unless the entry sets its own.
    #[serde(default)]
    pub doc_base_url: Option<String>,
    /// Position of a built-in catalog in the public order (`core/catalogs/`
    /// only; ignored elsewhere). Built-ins without one come last, by id.
    #[serde(default)]
    pub order: Option<u32>,
}

/// A `[[category]]` table.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FileCategory {
    /// Id that entries refer to.
    pub id: String,
    /// Heading as documented.
    pub name: String,
    /// HTTP status documented for every entry of the category.
    #[serde(default)]
    pub http_status: Option<u16>,
}

/// Deprecation, written `deprecated = true` or as a table.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum FileDeprecated {
    /// `deprecated = true` / `false`.
    Flag(bool),
    /// `deprecated = { since = "...", replaced_by = "...", note = "..." }`.
    Detail(FileDeprecation),
}

/// The detailed form of a deprecation.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq, Default)]
#[serde(deny_unknown_fields)]
pub struct FileDeprecation {
    /// The version in which the code was deprecated.
    #[serde(default)]
    pub since: Option<String>,
    /// Symbol of the entry that replaces it (same catalog).
    #[serde(default)]
    pub replaced_by: Option<String>,
    /// Free text.
    #[serde(default)]
    pub note: Option<String>,
}

/// An `[[entry]]` table: one row of the table.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    /// Integer code, unique in the catalog.
    pub code: i64,
    /// The documented name, spelled as documented.
    pub symbol: String,
    /// True when the document gives no name and errcat derived it.
    #[serde(default)]
    pub symbol_derived: bool,
    /// Other spellings that also find this entry (documented typos, etc.).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The documented text.
    pub message: String,
    /// True when the document gives no text and errcat derived it.
    #[serde(default)]
    pub message_derived: bool,
    /// Category id.
    pub category: String,
    /// Canonical kind (snake_case gRPC name).
    pub kind: String,
    /// Documented HTTP status; when absent, the category's, else the kind's.
    #[serde(default)]
    pub http_status: Option<u16>,
    /// Retry advice; when absent, the kind's default.
    #[serde(default)]
    pub retryable: Option<bool>,
    /// Documented possible causes.
    #[serde(default)]
    pub causes: Vec<String>,
    /// What the client should do (messenger "reaction").
    #[serde(default)]
    pub reaction: Option<String>,
    /// The server sends a wait parameter with this error.
    #[serde(default)]
    pub wait: bool,
    /// Only the server sees this error ("virtual" errors).
    #[serde(default)]
    pub server_only: bool,
    /// The request (action) number the error refers to, as documented;
    /// may be empty when the document leaves it empty.
    #[serde(default)]
    pub request: Option<String>,
    /// The link target of the request reference when it differs from its text.
    #[serde(default)]
    pub request_anchor: Option<String>,
    /// Deprecation.
    #[serde(default)]
    pub deprecated: Option<FileDeprecated>,
    /// A documentation URL for this entry.
    #[serde(default)]
    pub doc_url: Option<String>,
    /// A transcription note (why something differs from the source).
    #[serde(default)]
    pub note: Option<String>,
    /// Minor codes.
    #[serde(default)]
    pub minor: Vec<FileMinor>,
}

/// An `[[entry.minor]]` table.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FileMinor {
    /// Minor code, unique within its entry.
    pub code: i64,
    /// What it means; absent when the document says `*`.
    #[serde(default)]
    pub detail: Option<String>,
    /// What the client should do for this minor code.
    #[serde(default)]
    pub reaction: Option<String>,
}

// ---------------------------------------------------------------------------
// Validation.

/// One problem found in a catalog file: the file, the entry, the problem.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {}{problem}", entry.as_ref().map(|e| format!("{e}: ")).unwrap_or_default())]
pub struct CatalogProblem {
    /// The file (or the name the caller gave the source).
    pub file: String,
    /// The entry, as `entry #N (code C, SYMBOL)`, when the problem is in one.
    pub entry: Option<String>,
    /// What is wrong.
    pub problem: String,
}

/// Every problem found in a catalog file (never empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogError {
    /// The problems, in file order.
    pub problems: Vec<CatalogProblem>,
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for CatalogError {}

impl CatalogError {
    pub(crate) fn one(file: &str, problem: String) -> Self {
        CatalogError {
            problems: vec![CatalogProblem {
                file: file.to_string(),
                entry: None,
                problem: shorten(problem, MAX_PROBLEM_CHARS),
            }],
        }
    }
}

/// Longest problem text, and longest entry description, in characters.
/// Problems quote the file's own values (symbols, keys, kinds), which in a
/// hostile file can be megabytes long; the message stays readable.
const MAX_PROBLEM_CHARS: usize = 1024;
const MAX_ENTRY_CHARS: usize = 200;

/// Cuts `s` to at most `max` characters, marking the cut with `…`.
pub(crate) fn shorten(s: impl AsRef<str> + Into<String>, max: usize) -> String {
    match s.as_ref().char_indices().nth(max) {
        Some((i, _)) => {
            let mut t = s.as_ref()[..i].to_string();
            t.push('…');
            t
        }
        None => s.into(),
    }
}

/// The file formats a catalog can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// TOML (`.toml`).
    Toml,
    /// JSON (`.json`).
    Json,
}

impl Format {
    /// Picks the format from a file name's extension.
    pub fn from_path(path: &str) -> Option<Format> {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".toml") {
            Some(Format::Toml)
        } else if lower.ends_with(".json") {
            Some(Format::Json)
        } else {
            None
        }
    }
}

/// Largest catalog file accepted (bytes). A catalog is a small table; this
/// keeps a hostile file from eating memory.
pub const MAX_CATALOG_BYTES: usize = 8 * 1024 * 1024;
/// Most entries in one catalog.
pub const MAX_ENTRIES: usize = 100_000;

/// Parses and validates a catalog file's text. `file` names it in errors.
// Inlined so a caller passing a constant format links one parser only (the wasm module: JSON).
#[inline(always)]
pub fn parse_catalog(file: &str, text: &[u8], format: Format) -> Result<FileCatalog, CatalogError> {
    if text.len() > MAX_CATALOG_BYTES {
        return Err(CatalogError::one(
            file,
            format!(
                "file is {} bytes; the limit is {MAX_CATALOG_BYTES}",
                text.len()
            ),
        ));
    }
    let text = std::str::from_utf8(text)
        .map_err(|e| CatalogError::one(file, format!("not valid UTF-8 ({e})")))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let parsed: FileCatalog = match format {
        Format::Toml => toml::from_str(text).map_err(|e| {
            CatalogError::one(file, format!("invalid TOML: {}", toml_problem(text, &e)))
        })?,
        Format::Json => serde_json::from_str(text)
            .map_err(|e| CatalogError::one(file, format!("invalid JSON: {e}")))?,
    };
    validate(file, &parsed)?;
    Ok(parsed)
}

/// Where and what, without the source line that toml's own message quotes
/// (a hostile file's line can be megabytes long).
pub(crate) fn toml_problem(text: &str, e: &toml::de::Error) -> String {
    let what = one_line(e.message());
    match e.span().and_then(|span| text.get(..span.start)) {
        Some(before) => {
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("line {line}, column {column}: {what}")
        }
        None => what,
    }
}

fn one_line(s: &str) -> String {
    s.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The identifier-safe type name of a symbol, used for the Rust enum
/// variants, Python exception classes, Kotlin/Swift cases and TypeScript
/// names. The rule, applied the same way in every language:
///
/// 1. Split the symbol into words at every character that is not an ASCII
///    letter or digit, and at each lower-to-upper case change
///    (`userNotFound` → `user`, `Not`, `Found`).
/// 2. Write each word with its first letter upper-case and the rest
///    lower-case (`AUTH_FAILED` → `AuthFailed`).
/// 3. A leading digit is spelled out in English (`2FA_REQUIRED` →
///    `TwoFaRequired`), so every name is a valid identifier.
///
/// An empty result (a symbol with no letters or digits) becomes `Code`.
pub fn type_name(symbol: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for ch in symbol.chars() {
        if ch.is_ascii_alphanumeric() {
            if ch.is_ascii_uppercase() && prev_lower && !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev_lower = ch.is_ascii_lowercase() || ch.is_ascii_digit();
            cur.push(ch);
        } else {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    let mut out = String::new();
    for w in words {
        let mut chars = w.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    if out.is_empty() {
        return "Code".to_string();
    }
    const DIGITS: [&str; 10] = [
        "Zero", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine",
    ];
    let first = out.as_bytes()[0];
    if first.is_ascii_digit() {
        let mut rest = out[1..].to_string();
        if let Some(c) = rest.get(0..1) {
            let up = c.to_ascii_uppercase();
            rest.replace_range(0..1, &up);
        }
        out = format!("{}{}", DIGITS[(first - b'0') as usize], rest);
    }
    out
}

/// The form a symbol takes for forgiving lookup: ASCII letters and digits
/// only, lower-cased (`Auth-Failed`, `auth failed` and `AUTH_FAILED` all fold
/// to `authfailed`). Any non-ASCII character makes the query unfoldable, so
/// Unicode look-alikes never match.
pub fn fold_symbol(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match fold_byte(b) {
            Some(Some(c)) => out.push(c as char),
            Some(None) => {}
            None => return None,
        }
    }
    if out.is_empty() {
        None
    } else {
        Some(out)
    }
}

/// The fold rule for one byte, shared by [`fold_symbol`] and the
/// allocation-free forgiving lookup: `Some(Some(c))` keeps `c` (lower-cased),
/// `Some(None)` drops a separator, `None` makes the query unfoldable (any
/// other byte, including every byte of a non-ASCII character).
#[inline]
pub fn fold_byte(b: u8) -> Option<Option<u8>> {
    match b {
        b'a'..=b'z' | b'0'..=b'9' | b'A'..=b'Z' => Some(Some(b.to_ascii_lowercase())),
        b'_' | b'-' | b'.' | b' ' => Some(None),
        _ => None,
    }
}

fn valid_id(s: &str) -> bool {
    let mut it = s.chars();
    matches!(it.next(), Some(c) if c.is_ascii_lowercase())
        && it.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && s.len() <= 64
}

fn valid_symbol(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 128
        && s.chars().all(|c| c.is_ascii_graphic())
        && s.chars().any(|c| c.is_ascii_alphanumeric())
}

/// The HTTP status an entry ends up with, and whether the document says so.
pub fn resolve_http_status(cat: &FileCatalog, e: &FileEntry, kind: Kind) -> (u16, bool) {
    let category_status = cat
        .category
        .iter()
        .find(|c| c.id == e.category)
        .and_then(|c| c.http_status);
    resolve_http_status_with(category_status, e, kind)
}

/// [`resolve_http_status`] given the entry's category status, for callers
/// that index the categories once instead of scanning them per entry.
pub fn resolve_http_status_with(
    category_status: Option<u16>,
    e: &FileEntry,
    kind: Kind,
) -> (u16, bool) {
    if let Some(s) = e.http_status {
        return (s, true);
    }
    if let Some(s) = category_status {
        return (s, true);
    }
    (kind.http_status(), false)
}

/// Checks every rule of SCHEMA.md, collecting all problems.
pub fn validate(file: &str, cat: &FileCatalog) -> Result<(), CatalogError> {
    let mut problems = Vec::new();
    let mut push = |entry: Option<String>, problem: String| {
        problems.push(CatalogProblem {
            file: file.to_string(),
            entry: entry.map(|e| shorten(e, MAX_ENTRY_CHARS)),
            problem: shorten(problem, MAX_PROBLEM_CHARS),
        })
    };
    let h = &cat.catalog;
    if !valid_id(&h.id) {
        push(
            None,
            format!(
                "catalog id {:?} must match [a-z][a-z0-9_]* (at most 64 characters)",
                h.id
            ),
        );
    }
    if h.name.trim().is_empty() {
        push(None, "catalog name is empty".into());
    }
    if let Some(d) = &h.domain {
        if d.trim().is_empty() || d.chars().any(char::is_whitespace) {
            push(
                None,
                format!("catalog domain {d:?} must be non-empty and without spaces"),
            );
        }
    }
    let mut cat_ids = BTreeSet::new();
    for (i, c) in cat.category.iter().enumerate() {
        let where_ = Some(format!("category #{} ({})", i + 1, c.id));
        if !valid_id(&c.id) {
            push(
                where_.clone(),
                format!("category id {:?} must match [a-z][a-z0-9_]*", c.id),
            );
        }
        if !cat_ids.insert(c.id.as_str()) {
            push(where_.clone(), format!("duplicate category id {:?}", c.id));
        }
        if let Some(s) = c.http_status {
            if !(100..=599).contains(&s) {
                push(
                    where_,
                    format!("http_status {s} is not between 100 and 599"),
                );
            }
        }
    }
    if cat.entry.is_empty() {
        push(None, "catalog has no entries".into());
    }
    if cat.entry.len() > MAX_ENTRIES {
        push(
            None,
            format!(
                "catalog has {} entries; the limit is {MAX_ENTRIES}",
                cat.entry.len()
            ),
        );
    }
    let mut codes: BTreeMap<i64, usize> = BTreeMap::new();
    let mut names: BTreeMap<&str, usize> = BTreeMap::new();
    let mut folded: BTreeMap<String, (usize, &str)> = BTreeMap::new();
    let mut types: BTreeMap<String, usize> = BTreeMap::new();
    // Looked up once per deprecated entry: a set, so a hostile file of
    // 100 000 deprecations is not 10^10 comparisons.
    let symbols: BTreeSet<&str> = cat.entry.iter().map(|o| o.symbol.as_str()).collect();
    for (i, e) in cat.entry.iter().enumerate() {
        let where_ = Some(format!("entry #{} (code {}, {})", i + 1, e.code, e.symbol));
        if let Some(prev) = codes.insert(e.code, i) {
            push(
                where_.clone(),
                format!("duplicate code {} (also entry #{})", e.code, prev + 1),
            );
        }
        if !valid_symbol(&e.symbol) {
            push(
                where_.clone(),
                format!(
                    "symbol {:?} must be 1-128 printable ASCII characters without spaces",
                    e.symbol
                ),
            );
        }
        for name in std::iter::once(&e.symbol).chain(e.aliases.iter()) {
            if name != &e.symbol && !valid_symbol(name) {
                push(
                    where_.clone(),
                    format!(
                        "alias {name:?} must be 1-128 printable ASCII characters without spaces"
                    ),
                );
            }
            if let Some(prev) = names.insert(name.as_str(), i) {
                if prev != i {
                    push(
                        where_.clone(),
                        format!("duplicate symbol {name:?} (also entry #{})", prev + 1),
                    );
                }
            }
            if let Some(f) = fold_symbol(name) {
                match folded.get(&f) {
                    Some((prev, other)) if *prev != i => push(
                        where_.clone(),
                        format!("symbol {name:?} is the same as {other:?} (entry #{}) when case and separators are ignored", prev + 1),
                    ),
                    _ => {
                        folded.insert(f, (i, name.as_str()));
                    }
                }
            }
        }
        let tn = type_name(&e.symbol);
        if let Some(prev) = types.insert(tn.clone(), i) {
            push(
                where_.clone(),
                format!(
                    "type name {tn} is also the type name of entry #{}",
                    prev + 1
                ),
            );
        }
        if e.message.trim().is_empty() {
            push(where_.clone(), "missing message".into());
        }
        if !cat_ids.contains(e.category.as_str()) {
            push(where_.clone(), format!("unknown category {:?}", e.category));
        }
        if Kind::parse(&e.kind).is_none() {
            push(
                where_.clone(),
                format!(
                    "unknown kind {:?} (expected one of: {})",
                    e.kind,
                    Kind::ALL
                        .iter()
                        .map(|k| k.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
        if let Some(s) = e.http_status {
            if !(100..=599).contains(&s) {
                push(
                    where_.clone(),
                    format!("http_status {s} is not between 100 and 599"),
                );
            }
        }
        if e.causes.iter().any(|c| c.trim().is_empty()) {
            push(where_.clone(), "empty cause".into());
        }
        let mut minors = BTreeSet::new();
        for m in &e.minor {
            if !minors.insert(m.code) {
                push(where_.clone(), format!("duplicate minor code {}", m.code));
            }
        }
        if let Some(FileDeprecated::Detail(d)) = &e.deprecated {
            if let Some(r) = &d.replaced_by {
                if !symbols.contains(r.as_str()) {
                    push(
                        where_.clone(),
                        format!("deprecated.replaced_by {r:?} is not a symbol of this catalog"),
                    );
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(CatalogError { problems })
    }
}
