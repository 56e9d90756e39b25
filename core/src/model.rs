//! The table's types: catalogs, categories, entries, minor codes.
//!
//! Strings and lists are `Cow<'static, _>` so the built-in catalogs are
//! plain `static` data (borrowed) while catalogs loaded at run time own
//! theirs, behind the same types and the same lookups.

use crate::schema::{self, FileCatalog, FileDeprecated, Kind, Wire};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashMap;

/// A static or owned string.
pub type Str = Cow<'static, str>;

/// One catalog: one server's (or SDK's) error reference.
#[derive(Debug, Serialize)]
pub struct Catalog {
    /// Stable public id (`rtc`, `spaces`, …; see [`crate::CATALOG_IDS`]).
    pub id: Str,
    /// Human-readable name.
    pub name: Str,
    /// NSError domain of this catalog's errors.
    pub domain: Str,
    /// What the server sends for a code.
    pub wire: Wire,
    /// Where the table was transcribed from.
    pub source: Option<Str>,
    /// A paragraph about the catalog.
    pub description: Option<Str>,
    /// Categories, in document order.
    pub categories: Cow<'static, [Category]>,
    /// Entries, in document order.
    pub entries: Cow<'static, [Entry]>,
    #[serde(skip)]
    pub(crate) index: Index,
}

/// A group of entries (a heading of the source document).
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Category {
    /// Id entries refer to.
    pub id: Str,
    /// Heading as documented.
    pub name: Str,
    /// HTTP status documented for the whole category.
    pub http_status: Option<u16>,
}

/// A deprecation notice.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Deprecation {
    /// The version in which the code was deprecated.
    pub since: Option<Str>,
    /// Symbol of the entry that replaces it.
    pub replaced_by: Option<Str>,
    /// Free text.
    pub note: Option<Str>,
}

/// A minor code under an entry (the messenger protocol's minor codes).
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Minor {
    /// The minor code.
    pub code: i64,
    /// What it means, when documented.
    pub detail: Option<Str>,
    /// What the client should do, when documented.
    pub reaction: Option<Str>,
}

/// One row of the table.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Entry {
    /// Integer code, unique in its catalog.
    pub code: i64,
    /// The documented name, spelled as documented.
    pub symbol: Str,
    /// True when errcat derived the symbol (the document has none).
    pub symbol_derived: bool,
    /// Other spellings that find this entry.
    pub aliases: Cow<'static, [Str]>,
    /// The identifier-safe type name ([`crate::schema::type_name`]).
    pub type_name: Str,
    /// The documented text.
    pub message: Str,
    /// True when errcat derived the message (the document has none).
    pub message_derived: bool,
    /// Category id.
    pub category: Str,
    /// Canonical kind.
    pub kind: Kind,
    /// HTTP status: documented, or the kind's canonical mapping.
    pub http_status: u16,
    /// True when the HTTP status is documented, false when it is the kind's.
    pub http_status_documented: bool,
    /// Whether retrying may succeed.
    pub retryable: bool,
    /// Documented possible causes.
    pub causes: Cow<'static, [Str]>,
    /// What the client should do.
    pub reaction: Option<Str>,
    /// The server sends a wait parameter with this error. Serialized as
    /// `wait`, the data format's key.
    #[serde(rename = "wait")]
    pub wait_required: bool,
    /// Only the server sees this error.
    pub server_only: bool,
    /// The request (action) number the error refers to, as documented.
    pub request: Option<Str>,
    /// The request link's target when it differs from its text.
    pub request_anchor: Option<Str>,
    /// Deprecation, when deprecated.
    pub deprecation: Option<Deprecation>,
    /// Documentation URL.
    pub doc_url: Option<Str>,
    /// Transcription note.
    pub note: Option<Str>,
    /// Documented minor codes. Serialized as `minor`, the data format's key.
    #[serde(rename = "minor")]
    pub minor_codes: Cow<'static, [Minor]>,
}

impl Entry {
    /// True when the entry is deprecated.
    pub fn deprecated(&self) -> bool {
        self.deprecation.is_some()
    }

    /// The minor code row, if documented.
    pub fn minor_code(&self, code: i64) -> Option<&Minor> {
        self.minor_codes.iter().find(|m| m.code == code)
    }
}

#[derive(Debug)]
pub(crate) enum Index {
    Static {
        min_code: i64,
        /// Dense code table: `slots[code - min_code]` is the entry, if any.
        slots: &'static [Option<&'static Entry>],
        sorted: &'static [(i64, u16)],
        entries: &'static [Entry],
        by_symbol: fn(&str) -> Option<usize>,
        by_folded: &'static phf::Map<&'static str, usize>,
        max_folded_len: usize,
    },
    Dynamic {
        by_code: HashMap<i64, usize>,
        by_symbol: HashMap<String, usize>,
        by_folded: HashMap<String, usize>,
        max_folded_len: usize,
    },
}

/// Longest query folded on the stack; longer queries cannot match any
/// symbol of at most 128 characters anyway.
const FOLD_BUF: usize = 128;

impl Catalog {
    /// The entry with this integer code.
    #[inline]
    pub fn by_code(&self, code: i64) -> Option<&Entry> {
        match &self.index {
            // The hot path reads the static slices directly (no `Cow`
            // branch); an empty slot is u16::MAX, past every entries slice.
            Index::Static {
                min_code, slots, ..
            } if !slots.is_empty() => {
                let off = code.wrapping_sub(*min_code) as u64;
                if off < slots.len() as u64 {
                    slots[off as usize]
                } else {
                    None
                }
            }
            Index::Static { entries, .. } => entries.get(self.code_index(code)?),
            Index::Dynamic { .. } => self.entries.get(self.code_index(code)?),
        }
    }

    /// The position of `e` in [`Catalog::entries`], when `e` is one of this
    /// catalog's entries (as every lookup on it returns); `None` for any
    /// other entry, even an equal one. Bindings use it to hand out indices.
    #[inline]
    pub fn entry_index(&self, e: &Entry) -> Option<usize> {
        index_in(&self.entries, e)
    }

    /// The position of the entry with this code in [`Catalog::entries`].
    #[inline]
    pub fn code_index(&self, code: i64) -> Option<usize> {
        match &self.index {
            Index::Static {
                min_code,
                slots,
                sorted,
                entries,
                ..
            } => {
                if !slots.is_empty() {
                    let off = code.wrapping_sub(*min_code) as u64;
                    let e = (*slots.get(usize::try_from(off).ok()?)?)?;
                    // The slot points into `entries`.
                    index_in(entries, e)
                } else {
                    sorted
                        .binary_search_by_key(&code, |&(c, _)| c)
                        .ok()
                        .map(|p| sorted[p].1 as usize)
                }
            }
            Index::Dynamic { by_code, .. } => by_code.get(&code).copied(),
        }
    }

    /// The position of the entry with exactly this symbol (or alias).
    #[inline]
    pub fn symbol_index(&self, symbol: &str) -> Option<usize> {
        match &self.index {
            Index::Static { by_symbol, .. } => by_symbol(symbol),
            Index::Dynamic { by_symbol, .. } => by_symbol.get(symbol).copied(),
        }
    }

    /// The entry with exactly this symbol (or alias).
    #[inline]
    pub fn by_symbol(&self, symbol: &str) -> Option<&Entry> {
        self.entries.get(self.symbol_index(symbol)?)
    }

    /// The entry whose symbol matches ignoring ASCII case and the
    /// separators `_`, `-`, `.` and space (`auth-failed` finds
    /// `AUTH_FAILED`, `user not found` finds `userNotFound`). An exact match
    /// wins. Never allocates: the query is folded on the stack.
    pub fn by_symbol_forgiving(&self, query: &str) -> Option<&Entry> {
        if let Some(e) = self.by_symbol(query) {
            return Some(e);
        }
        let mut buf = [0u8; FOLD_BUF];
        let mut n = 0;
        let max = match &self.index {
            Index::Static { max_folded_len, .. } | Index::Dynamic { max_folded_len, .. } => {
                *max_folded_len
            }
        };
        for b in query.trim().bytes() {
            match schema::fold_byte(b) {
                Some(Some(c)) => {
                    if n >= max.min(FOLD_BUF) {
                        return None;
                    }
                    buf[n] = c;
                    n += 1;
                }
                Some(None) => {}
                None => return None,
            }
        }
        let folded = std::str::from_utf8(&buf[..n]).ok()?;
        if folded.is_empty() {
            return None;
        }
        let i = match &self.index {
            Index::Static { by_folded, .. } => by_folded.get(folded).copied(),
            Index::Dynamic { by_folded, .. } => by_folded.get(folded).copied(),
        }?;
        self.entries.get(i)
    }

    /// Looks up a user's query: an integer (`102`, `-1`) is a code, anything
    /// else a symbol (forgiving). For string-coded catalogs a number is the
    /// errcat-assigned code.
    pub fn lookup(&self, query: &str) -> Option<&Entry> {
        let q = query.trim();
        if let Ok(code) = q.parse::<i64>() {
            if let Some(e) = self.by_code(code) {
                return Some(e);
            }
        }
        self.by_symbol_forgiving(q)
    }

    /// The category with this id.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// Builds an owned catalog from a validated file. build.rs writes the
    /// built-in statics from its result, so entries are resolved only here.
    pub(crate) fn from_file(f: FileCatalog) -> Catalog {
        let h = f.catalog;
        let categories: Vec<Category> = f
            .category
            .iter()
            .map(|c| Category {
                id: c.id.clone().into(),
                name: c.name.clone().into(),
                http_status: c.http_status,
            })
            .collect();
        // Category id -> documented status, built once (a scan per entry
        // made large catalogs quadratic).
        let category_status: HashMap<&str, Option<u16>> = f
            .category
            .iter()
            .map(|c| (c.id.as_str(), c.http_status))
            .collect();
        let mut entries = Vec::with_capacity(f.entry.len());
        for e in f.entry {
            let kind = Kind::parse(&e.kind).unwrap_or(Kind::Unknown);
            let (http_status, documented) = schema::resolve_http_status_with(
                category_status.get(e.category.as_str()).copied().flatten(),
                &e,
                kind,
            );
            let deprecation = match &e.deprecated {
                None | Some(FileDeprecated::Flag(false)) => None,
                Some(FileDeprecated::Flag(true)) => Some(Deprecation {
                    since: None,
                    replaced_by: None,
                    note: None,
                }),
                Some(FileDeprecated::Detail(d)) => Some(Deprecation {
                    since: d.since.clone().map(Into::into),
                    replaced_by: d.replaced_by.clone().map(Into::into),
                    note: d.note.clone().map(Into::into),
                }),
            };
            let doc_url = e.doc_url.clone().or_else(|| {
                h.doc_base_url
                    .as_ref()
                    .map(|b| format!("{b}#{}-{}", h.id, e.code))
            });
            entries.push(Entry {
                code: e.code,
                type_name: schema::type_name(&e.symbol).into(),
                symbol: e.symbol.into(),
                symbol_derived: e.symbol_derived,
                aliases: e
                    .aliases
                    .into_iter()
                    .map(Str::from)
                    .collect::<Vec<_>>()
                    .into(),
                message: e.message.into(),
                message_derived: e.message_derived,
                category: e.category.into(),
                kind,
                http_status,
                http_status_documented: documented,
                retryable: e.retryable.unwrap_or(kind.default_retryable()),
                causes: e
                    .causes
                    .into_iter()
                    .map(Str::from)
                    .collect::<Vec<_>>()
                    .into(),
                reaction: e.reaction.map(Into::into),
                wait_required: e.wait,
                server_only: e.server_only,
                request: e.request.map(Into::into),
                request_anchor: e.request_anchor.map(Into::into),
                deprecation,
                doc_url: doc_url.map(Into::into),
                note: e.note.map(Into::into),
                minor_codes: e
                    .minor
                    .into_iter()
                    .map(|m| Minor {
                        code: m.code,
                        detail: m.detail.map(Into::into),
                        reaction: m.reaction.map(Into::into),
                    })
                    .collect::<Vec<_>>()
                    .into(),
            });
        }
        let mut by_code = HashMap::new();
        let mut by_symbol = HashMap::new();
        let mut by_folded = HashMap::new();
        let mut max_folded_len = 0;
        for (i, e) in entries.iter().enumerate() {
            by_code.insert(e.code, i);
            for name in std::iter::once(&e.symbol).chain(e.aliases.iter()) {
                by_symbol.insert(name.to_string(), i);
                if let Some(f) = schema::fold_symbol(name) {
                    max_folded_len = max_folded_len.max(f.len());
                    by_folded.entry(f).or_insert(i);
                }
            }
        }
        Catalog {
            domain: h
                .domain
                .clone()
                .unwrap_or_else(|| format!("errcat.{}", h.id))
                .into(),
            id: h.id.into(),
            name: h.name.into(),
            wire: h.wire,
            source: h.source.map(Into::into),
            description: h.description.map(Into::into),
            categories: categories.into(),
            entries: entries.into(),
            index: Index::Dynamic {
                by_code,
                by_symbol,
                by_folded,
                max_folded_len,
            },
        }
    }
}

/// The position of `e` in `entries`, by address (no comparison of fields).
#[inline]
fn index_in(entries: &[Entry], e: &Entry) -> Option<usize> {
    let size = std::mem::size_of::<Entry>().max(1);
    let offset = (e as *const Entry as usize).checked_sub(entries.as_ptr() as usize)?;
    let i = offset / size;
    (offset % size == 0 && i < entries.len()).then_some(i)
}
