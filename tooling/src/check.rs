//! Breaking-change checks between an earlier JSON export and the current
//! table, the way protobuf breaking checks guard field numbers: a code may
//! be added, and its text or kind may change, but a released code is never
//! removed, renumbered or renamed.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// A breaking change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Breaking {
    /// A whole catalog is gone.
    CatalogRemoved {
        /// Catalog id.
        catalog: String,
    },
    /// A code is gone.
    CodeRemoved {
        /// Catalog id.
        catalog: String,
        /// The removed code.
        code: i64,
        /// Its symbol.
        symbol: String,
    },
    /// A symbol now has another code.
    Renumbered {
        /// Catalog id.
        catalog: String,
        /// The symbol.
        symbol: String,
        /// Its code in the baseline.
        old: i64,
        /// Its code now.
        new: i64,
    },
    /// A code now has another symbol.
    SymbolChanged {
        /// Catalog id.
        catalog: String,
        /// The code.
        code: i64,
        /// Its symbol in the baseline.
        old: String,
        /// Its symbol now.
        new: String,
    },
}

impl fmt::Display for Breaking {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Breaking::CatalogRemoved { catalog } => write!(f, "{catalog}: catalog removed"),
            Breaking::CodeRemoved {
                catalog,
                code,
                symbol,
            } => write!(f, "{catalog}: code {code} ({symbol}) removed"),
            Breaking::Renumbered {
                catalog,
                symbol,
                old,
                new,
            } => {
                write!(f, "{catalog}: {symbol} renumbered from {old} to {new}")
            }
            Breaking::SymbolChanged {
                catalog,
                code,
                old,
                new,
            } => {
                write!(f, "{catalog}: code {code} renamed from {old} to {new}")
            }
        }
    }
}

/// The part of an export a check reads.
#[derive(Debug, Deserialize)]
pub struct Snapshot {
    /// Catalogs.
    pub catalogs: Vec<SnapCatalog>,
}

/// A catalog of a snapshot.
#[derive(Debug, Deserialize)]
pub struct SnapCatalog {
    /// Id.
    pub id: String,
    /// Entries.
    pub entries: Vec<SnapEntry>,
}

/// An entry of a snapshot.
#[derive(Debug, Deserialize)]
pub struct SnapEntry {
    /// Code.
    pub code: i64,
    /// Symbol.
    pub symbol: String,
    /// Deprecated in the snapshot.
    #[serde(default)]
    pub deprecated: bool,
}

/// Parses an export (the output of `errcat export --format json`).
pub fn parse_snapshot(text: &str) -> Result<Snapshot, String> {
    serde_json::from_str(text).map_err(|e| format!("not an errcat JSON export: {e}"))
}

/// Compares a baseline with the current catalogs. Only catalogs present in
/// `old` are checked when `only_present` is set (checking a single file
/// against a full export). A code that was already deprecated in the
/// baseline may be removed.
pub fn compare(old: &Snapshot, new: &Snapshot, only_present: bool) -> Vec<Breaking> {
    let mut out = Vec::new();
    for oc in &old.catalogs {
        let Some(nc) = new.catalogs.iter().find(|c| c.id == oc.id) else {
            if !only_present {
                out.push(Breaking::CatalogRemoved {
                    catalog: oc.id.clone(),
                });
            }
            continue;
        };
        let by_code: BTreeMap<i64, &SnapEntry> = nc.entries.iter().map(|e| (e.code, e)).collect();
        let by_symbol: BTreeMap<&str, &SnapEntry> =
            nc.entries.iter().map(|e| (e.symbol.as_str(), e)).collect();
        for oe in &oc.entries {
            match by_code.get(&oe.code) {
                Some(ne) if ne.symbol == oe.symbol => {}
                Some(ne) => out.push(Breaking::SymbolChanged {
                    catalog: oc.id.clone(),
                    code: oe.code,
                    old: oe.symbol.clone(),
                    new: ne.symbol.clone(),
                }),
                None => match by_symbol.get(oe.symbol.as_str()) {
                    Some(ne) => out.push(Breaking::Renumbered {
                        catalog: oc.id.clone(),
                        symbol: oe.symbol.clone(),
                        old: oe.code,
                        new: ne.code,
                    }),
                    None if oe.deprecated => {}
                    None => out.push(Breaking::CodeRemoved {
                        catalog: oc.id.clone(),
                        code: oe.code,
                        symbol: oe.symbol.clone(),
                    }),
                },
            }
        }
    }
    out
}

/// A snapshot of live catalogs.
pub fn snapshot<'a>(catalogs: impl IntoIterator<Item = &'a errcat::Catalog>) -> Snapshot {
    Snapshot {
        catalogs: catalogs
            .into_iter()
            .map(|c| SnapCatalog {
                id: c.id.to_string(),
                entries: c
                    .entries
                    .iter()
                    .map(|e| SnapEntry {
                        code: e.code,
                        symbol: e.symbol.to_string(),
                        deprecated: e.deprecated(),
                    })
                    .collect(),
            })
            .collect(),
    }
}
