//! Symbol and code lookup, and search, with hostile queries.
//!
//! The first byte picks the catalog (low nibble `% N`) and whether the cross-catalog
//! search runs too (`& 0xE0 == 0xE0`); the rest is the query (lossy UTF-8, so
//! invalid bytes become U+FFFD, which must find nothing). A `\t` splits it
//! into a catalog id and a query for `errcat::lookup`.
//!
//! Every answer is checked against a linear scan of the table and against
//! the same catalog loaded from its file: `lookup` finds an entry exactly
//! when the query is one of its codes or folds (ASCII case, `_ - .` and
//! space ignored) to one of its names; an exact name wins; search returns
//! exactly the entries containing every term, in table order.

#![no_main]

mod common;

use errcat::schema::fold_symbol;
use errcat::{Catalog, Entry, LookupError, MAX_QUERY_BYTES};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    let (builtin, loaded) = common::pair((sel & 0x0F) % common::N);
    let q = String::from_utf8_lossy(rest);

    let pre = precomputed((sel & 0x0F) % common::N);
    for cat in [builtin, &*loaded] {
        check_lookup(cat, pre, &q);
    }
    // Search does not use the indexes: the built-in copy is enough.
    check_search(builtin, pre, &q);
    assert!(common::same(builtin.lookup(&q), loaded.lookup(&q)));
    assert!(common::same(builtin.by_symbol(&q), loaded.by_symbol(&q)));
    assert!(common::same(
        builtin.by_symbol_forgiving(&q),
        loaded.by_symbol_forgiving(&q)
    ));

    // Integer codes straight from the bytes: the dense slot tables of the
    // built-in catalogs must agree with a scan for every i64.
    for chunk in rest.chunks(8) {
        let mut b = [0u8; 8];
        b[..chunk.len()].copy_from_slice(chunk);
        for code in [
            i64::from_le_bytes(b),
            i64::from(chunk[0] as i8),
            i64::from(u16::from_le_bytes([b[0], b[1]])),
        ] {
            let want = common::scan_code(builtin, code);
            assert!(common::same(builtin.by_code(code), want), "by_code({code})");
            assert!(
                common::same(loaded.by_code(code), want),
                "loaded by_code({code})"
            );
            assert_eq!(builtin.code_index(code).map(|i| &builtin.entries[i]), want);
            assert!(common::same(errcat::lookup_code(&builtin.id, code), want));
        }
    }

    // errcat::lookup with a catalog id from the input.
    if let Some((id, query)) = q.split_once('\t') {
        match errcat::lookup(id, query) {
            Ok(e) => {
                let c = errcat::catalog(id).expect("found in a catalog that does not exist");
                assert!(common::same(Some(e), c.lookup(query)));
            }
            Err(err @ LookupError::UnknownCatalog(_)) => {
                assert!(errcat::catalog(id).is_none());
                assert!(
                    err.to_string().len() < QUOTE_LIMIT,
                    "error message quotes too much"
                );
            }
            Err(err @ LookupError::UnknownCode { .. }) => {
                assert!(errcat::catalog(id)
                    .expect("known catalog")
                    .lookup(query)
                    .is_none());
                assert!(
                    err.to_string().len() < QUOTE_LIMIT,
                    "error message quotes too much"
                );
            }
        }
    }

    if sel & 0xE0 == 0xE0 {
        // Global search = every catalog's search, concatenated in order.
        let all: Vec<(&str, i64)> = errcat::search(&q)
            .iter()
            .map(|h| (&*h.catalog.id, h.entry.code))
            .collect();
        let each: Vec<(&str, i64)> = errcat::catalogs()
            .flat_map(|c| c.search(&q).into_iter().map(move |e| (&*c.id, e.code)))
            .collect();
        assert_eq!(all, each);
    }
});

/// Error messages quote at most 64 characters of the input, each at most
/// 10 bytes once escaped (`\u{10ffff}`), plus the fixed text.
const QUOTE_LIMIT: usize = 1024;

/// Per catalog, per entry: the folded names and the searchable texts with
/// ASCII letters lower-cased (search ignores ASCII case; other characters
/// compare exactly, and the terms are lower-cased), computed once so the
/// reference scans stay cheap.
struct Pre {
    folded: Vec<Vec<String>>,
    texts: Vec<Vec<String>>,
}

fn precomputed(i: u8) -> &'static Pre {
    static PRE: OnceLock<Vec<Pre>> = OnceLock::new();
    let all = PRE.get_or_init(|| {
        (0..common::N)
            .map(|i| {
                let (c, _) = common::pair(i);
                Pre {
                    folded: c
                        .entries
                        .iter()
                        .map(|e| common::names(e).filter_map(fold_symbol).collect())
                        .collect(),
                    texts: c
                        .entries
                        .iter()
                        .map(|e| searchable(e).map(str::to_ascii_lowercase).collect())
                        .collect(),
                }
            })
            .collect()
    });
    &all[usize::from(i)]
}

fn check_lookup(cat: &Catalog, pre: &Pre, q: &str) {
    let t = q.trim();
    let by_int = t
        .parse::<i64>()
        .ok()
        .and_then(|n| common::scan_code(cat, n));
    let folded = fold_symbol(t);
    let by_fold = folded
        .as_ref()
        .and_then(|f| pre.folded.iter().position(|names| names.contains(f)))
        .map(|i| &cat.entries[i]);
    let exact = common::scan_symbol(cat, t);
    let got = cat.lookup(q);
    // A code wins, then an exact name, then a forgiving match.
    let want = by_int.or(exact).or(by_fold);
    assert!(
        common::same(got, want),
        "lookup({q:?}) in {} = {:?}, expected {:?}",
        cat.id,
        got.map(|e| &e.symbol),
        want.map(|e| &e.symbol)
    );
    assert!(common::same(cat.by_symbol(q), common::scan_symbol(cat, q)));
    let forgiving = cat.by_symbol_forgiving(q);
    // The documented result: the exact name, else the folded match of the
    // trimmed query.
    assert!(common::same(
        forgiving,
        common::scan_symbol(cat, q).or(by_fold)
    ));
    if let Some(e) = forgiving {
        // Never a Unicode look-alike: apart from surrounding white space, a
        // match is ASCII.
        assert!(
            t.is_ascii() || common::names(e).any(|n| n == q),
            "{q:?} matched {}",
            e.symbol
        );
    }
}

fn check_search(cat: &Catalog, pre: &Pre, q: &str) {
    let got: Vec<i64> = cat.search(q).iter().map(|e| e.code).collect();
    let terms: Vec<String> = q.split_whitespace().map(str::to_lowercase).collect();
    let want: Vec<i64> = if q.len() > MAX_QUERY_BYTES || terms.is_empty() {
        Vec::new()
    } else {
        cat.entries
            .iter()
            .zip(&pre.texts)
            .filter(|(_, texts)| {
                terms
                    .iter()
                    .all(|t| texts.iter().any(|x| x.contains(t.as_str())))
            })
            .map(|(e, _)| e.code)
            .collect()
    };
    assert_eq!(got, want, "search({q:?}) in {}", cat.id);
}

/// The texts search documents: names, message, causes, reaction and
/// minor-code details.
fn searchable(e: &Entry) -> impl Iterator<Item = &str> {
    common::names(e)
        .chain(std::iter::once(e.message.as_ref()))
        .chain(e.causes.iter().map(|c| c.as_ref()))
        .chain(e.reaction.as_deref())
        .chain(e.minor_codes.iter().filter_map(|m| m.detail.as_deref()))
}
