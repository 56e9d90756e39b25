//! errcat: one table of API error codes, shared by every client language.
//!
//! The built-in catalogs ([`CATALOG_IDS`]) are compiled in from every
//! `core/catalogs/*.toml`: lookups parse nothing and allocate nothing.
//!
//! ```
//! let e = errcat::lookup("spaces", "RATE_LIMITED").unwrap();
//! assert_eq!(e.kind, errcat::Kind::ResourceExhausted);
//! assert_eq!(errcat::rtc::Code::UserNotFound.entry().code, 102);
//!
//! let err = errcat::decode("spaces", br#"{"error":{"code":"RATE_LIMITED","message":"slow down","retry_after_ms":1500}}"#).unwrap();
//! assert_eq!(err.symbol(), "RATE_LIMITED");
//! assert_eq!(err.retry_after_ms(), Some(1500));
//! assert_eq!(err.to_string(), "slow down");
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// The README's Rust examples, compiled and run as doctests.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

mod compact;
pub mod decode;
pub mod http;
pub mod l10n;
pub mod model;
pub mod nserror;
pub mod schema;

pub use decode::{
    decode, decode_with, ApiError, CatalogRef, DecodeError, RawCode, MAX_DEPTH, MAX_PAYLOAD_BYTES,
};
pub use http::{decode_response, decode_response_with, ResponseParts};
pub use model::{Catalog, Category, Deprecation, Entry, Minor};
pub use nserror::NsErrorView;
pub use schema::{type_name, CatalogError, CatalogProblem, Format, Kind, Wire};

// The generated tables, `CATALOG_IDS` and the typed `Code` enum of every
// built-in catalog (`errcat::rtc::Code::UserNotFound`, …).
include!(concat!(env!("OUT_DIR"), "/builtin.rs"));

/// Every built-in catalog, in its public order.
pub fn catalogs() -> impl ExactSizeIterator<Item = &'static Catalog> + Clone {
    BUILTIN.iter().copied()
}

/// The built-in catalog with this id.
pub fn catalog(id: &str) -> Option<&'static Catalog> {
    BUILTIN.iter().copied().find(|c| c.id == id)
}

/// The built-in catalogs, in public order, rebuilt at run time from a
/// compact encoding of their validated data files, instead of read from the
/// static tables.
///
/// The result equals [`catalogs`] field for field (tested), with run-time
/// indices. For size-sensitive builds: a program that calls this and never
/// [`catalogs`] (or [`catalog`], [`lookup`], [`decode()`], [`search`]) links
/// about 15 KB of gzipped data instead of the static tables; the wasm module
/// does. Each call decodes and allocates anew; keep the result.
///
/// ```
/// let cats = errcat::compact_builtins();
/// let rtc = cats.iter().find(|c| c.id == "rtc").unwrap();
/// assert_eq!(rtc.by_code(102).unwrap().symbol, "userNotFound");
/// ```
pub fn compact_builtins() -> Vec<Catalog> {
    static COMPACT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/compact.bin"));
    compact::decode(COMPACT)
        .unwrap_or_default()
        .into_iter()
        .map(Catalog::from_file)
        .collect()
}

/// Why a lookup found nothing.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    /// No built-in catalog has this id.
    #[error("unknown catalog {0:?} (known: {KNOWN_IDS})")]
    UnknownCatalog(String),
    /// The catalog has no entry for this code or symbol.
    #[error("{catalog} has no code or symbol {query:?}")]
    UnknownCode {
        /// The catalog id.
        catalog: String,
        /// The query as given.
        query: String,
    },
}

impl LookupError {
    /// The stable reason string every binding exposes (`unknown_catalog`,
    /// `unknown_code`), like [`DecodeError::reason`].
    pub const fn reason(&self) -> &'static str {
        match self {
            LookupError::UnknownCatalog(_) => "unknown_catalog",
            LookupError::UnknownCode { .. } => "unknown_code",
        }
    }
}

/// Longest piece of a caller's text that an error message quotes, in
/// characters.
pub const MAX_QUOTED_CHARS: usize = 64;

/// A caller's text as error messages quote it (an unknown catalog id, a
/// query): at most [`MAX_QUOTED_CHARS`] characters, a cut marked with `…`.
/// Every binding quotes through this, so messages agree across languages.
pub fn clip(s: &str) -> String {
    schema::shorten(s, MAX_QUOTED_CHARS)
}

/// Looks up an entry of a built-in catalog by integer code (`"102"`,
/// `"-1"`) or symbol (forgiving: `"rate-limited"` finds `RATE_LIMITED`).
pub fn lookup(catalog_id: &str, query: &str) -> Result<&'static Entry, LookupError> {
    let cat = catalog(catalog_id).ok_or_else(|| LookupError::UnknownCatalog(clip(catalog_id)))?;
    cat.lookup(query).ok_or_else(|| LookupError::UnknownCode {
        catalog: cat.id.to_string(),
        query: clip(query),
    })
}

/// The error of a documented entry of a built-in catalog, as if the server
/// had sent its code with no message. `query` is forgiving, as in
/// [`lookup`]. For a catalog at hand, use [`ApiError::from_entry`].
///
/// ```
/// let err = errcat::error_for("spaces", "rate-limited").unwrap();
/// assert_eq!(err.symbol(), "RATE_LIMITED");
/// assert!(!err.is_unknown());
/// assert_eq!(errcat::error_for("spaces", "nope").unwrap_err().reason(), "unknown_code");
/// ```
pub fn error_for(catalog_id: &str, query: &str) -> Result<ApiError, LookupError> {
    let entry = lookup(catalog_id, query)?;
    let cat = catalog(catalog_id).expect("lookup found the catalog");
    Ok(ApiError::from_entry(cat, entry.code).expect("lookup found the entry"))
}

/// Looks up an entry of a built-in catalog by integer code.
pub fn lookup_code(catalog_id: &str, code: i64) -> Option<&'static Entry> {
    catalog(catalog_id)?.by_code(code)
}

/// Looks up an entry of a built-in catalog by exact symbol or alias.
pub fn lookup_symbol(catalog_id: &str, symbol: &str) -> Option<&'static Entry> {
    catalog(catalog_id)?.by_symbol(symbol)
}

/// One search result.
#[derive(Clone, Copy, Debug)]
pub struct Hit<'a> {
    /// The catalog of the entry.
    pub catalog: &'a Catalog,
    /// The entry.
    pub entry: &'a Entry,
}

/// Longest search query accepted, in bytes; longer queries find nothing.
pub const MAX_QUERY_BYTES: usize = 1024;

impl Catalog {
    /// Full-text search over symbols, aliases, messages, causes, reactions
    /// and minor-code details. Every whitespace-separated term must occur
    /// (case-insensitive); results are in table order.
    pub fn search(&self, text: &str) -> Vec<&Entry> {
        let terms = terms(text);
        if terms.is_empty() {
            return Vec::new();
        }
        self.entries
            .iter()
            .filter(|e| matches_terms(e, &terms))
            .collect()
    }
}

fn terms(text: &str) -> Vec<String> {
    if text.len() > MAX_QUERY_BYTES {
        return Vec::new();
    }
    text.split_whitespace()
        .map(|t| t.to_ascii_lowercase())
        .collect()
}

fn matches_terms(e: &Entry, terms: &[String]) -> bool {
    terms.iter().all(|t| {
        let t = t.as_bytes();
        contains_ci(&e.symbol, t)
            || e.aliases.iter().any(|a| contains_ci(a, t))
            || contains_ci(&e.message, t)
            || e.causes.iter().any(|c| contains_ci(c, t))
            || e.reaction.as_deref().is_some_and(|r| contains_ci(r, t))
            || e.minor_codes
                .iter()
                .any(|m| m.detail.as_deref().is_some_and(|d| contains_ci(d, t)))
    })
}

/// Whether `hay` contains `needle` (already lower-cased), ignoring ASCII
/// case. Allocation-free; non-ASCII characters compare exactly, which is
/// enough for tables written in English.
fn contains_ci(hay: &str, needle: &[u8]) -> bool {
    let h = hay.as_bytes();
    if needle.is_empty() {
        return true;
    }
    if needle.len() > h.len() {
        return false;
    }
    let first = needle[0];
    (0..=h.len() - needle.len()).any(|i| {
        h[i].to_ascii_lowercase() == first
            && h[i..i + needle.len()]
                .iter()
                .zip(needle)
                .all(|(a, b)| a.to_ascii_lowercase() == *b)
    })
}

/// Full-text search across every built-in catalog.
pub fn search(text: &str) -> Vec<Hit<'static>> {
    let terms = terms(text);
    if terms.is_empty() {
        return Vec::new();
    }
    catalogs()
        .flat_map(|c| {
            c.entries
                .iter()
                .filter(|e| matches_terms(e, &terms))
                .map(move |e| Hit {
                    catalog: c,
                    entry: e,
                })
        })
        .collect()
}

/// Parses and validates a catalog from text in `format` (TOML or JSON).
/// `name` names the source in errors (a file name, `"<stdin>"`, …).
// Inlined so a caller passing a constant format links one parser only (the wasm module: JSON).
#[inline(always)]
pub fn parse_catalog(bytes: &[u8], format: Format, name: &str) -> Result<Catalog, CatalogError> {
    let file = schema::parse_catalog(name, bytes, format)?;
    Ok(Catalog::from_file(file))
}

/// Loads and validates a catalog file (`.toml` or `.json`).
pub fn load_catalog(path: impl AsRef<std::path::Path>) -> Result<Catalog, CatalogError> {
    let path = path.as_ref();
    let name = path.display().to_string();
    let one = |problem: String| CatalogError {
        problems: vec![CatalogProblem {
            file: name.clone(),
            entry: None,
            problem,
        }],
    };
    let format = Format::from_path(&name)
        .ok_or_else(|| one("unknown file type (expected .toml or .json)".into()))?;
    let meta = std::fs::metadata(path).map_err(|e| one(format!("cannot read: {e}")))?;
    if meta.len() > schema::MAX_CATALOG_BYTES as u64 {
        return Err(one(format!(
            "file is {} bytes; the limit is {}",
            meta.len(),
            schema::MAX_CATALOG_BYTES
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| one(format!("cannot read: {e}")))?;
    parse_catalog(&bytes, format, &name)
}
