//! Shared by the fuzz targets: the built-in catalogs, and a second copy of
//! each loaded from its data file (`core/catalogs/<id>.toml`) at run time. The two copies use different
//! indexes (compiled dense tables and perfect hashes vs. hash maps built at
//! load time), so every answer is checked against the other copy.

#![allow(dead_code)]

use errcat::{Catalog, Entry, Format};
use std::sync::{Arc, OnceLock};

/// The number of built-in catalogs: an input byte picks one `% N`.
pub const N: u8 = errcat::CATALOG_IDS.len() as u8;

/// (built-in catalog, the same catalog loaded from its data file) for index
/// `i % N`, in public order.
pub fn pair(i: u8) -> (&'static Catalog, Arc<Catalog>) {
    static LOADED: OnceLock<Vec<Arc<Catalog>>> = OnceLock::new();
    let loaded = LOADED.get_or_init(|| {
        errcat::CATALOG_IDS
            .iter()
            .map(|id| {
                let path = format!("{}/../core/catalogs/{id}.toml", env!("CARGO_MANIFEST_DIR"));
                let text = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
                let c = errcat::parse_catalog(&text, Format::Toml, &format!("{id}.toml"))
                    .unwrap_or_else(|e| panic!("built-in catalog {id} does not load: {e}"));
                Arc::new(c)
            })
            .collect()
    });
    let i = usize::from(i % N);
    let builtin = errcat::catalogs().nth(i).expect("i < N");
    assert_eq!(builtin.id, loaded[i].id);
    (builtin, loaded[i].clone())
}

/// Every name an entry is found by.
pub fn names(e: &Entry) -> impl Iterator<Item = &str> {
    std::iter::once(e.symbol.as_ref()).chain(e.aliases.iter().map(|a| a.as_ref()))
}

/// The entry with this code, by a linear scan (the reference the indexes
/// are checked against).
pub fn scan_code(c: &Catalog, code: i64) -> Option<&Entry> {
    c.entries.iter().find(|e| e.code == code)
}

/// The entry with this exact symbol or alias, by a linear scan.
pub fn scan_symbol<'a>(c: &'a Catalog, s: &str) -> Option<&'a Entry> {
    c.entries.iter().find(|e| names(e).any(|n| n == s))
}

/// Same row of the same table (compared by value: the two copies live in
/// different memory).
pub fn same(a: Option<&Entry>, b: Option<&Entry>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}
