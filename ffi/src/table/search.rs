//! Search: entries whose text holds every word of a query, written to a
//! caller's array.

use crate::table::{c_entry, catalog_arg, core_catalog, errcat_catalog, errcat_entry, CATALOGS};
use crate::{arg_str, errcat_status, fail, guard};
use std::ffi::c_char;

/// Writes the first `capacity` entries of `hits` to `out` and their total
/// number to `*total`.
///
/// # Safety: `out` is NULL with `capacity` 0, or valid for `capacity`
/// writes; `total` is valid for one write.
unsafe fn write_hits<'a>(
    hits: impl Iterator<Item = &'a errcat_entry>,
    out: *mut *const errcat_entry,
    capacity: usize,
    total: *mut usize,
) -> errcat_status {
    let mut n = 0usize;
    for e in hits {
        if n < capacity {
            // SAFETY: `n < capacity` and `out` is valid for `capacity`
            // writes (caller's contract, checked non-NULL).
            unsafe { *out.add(n) = e };
        }
        n += 1;
    }
    // SAFETY: caller's contract.
    unsafe { *total = n };
    errcat_status::ERRCAT_STATUS_OK
}

/// Checks the arguments shared by the search functions and reads `text`.
///
/// # Safety: as for `errcat_search`.
unsafe fn search_args<'a>(
    text: *const c_char,
    out: *mut *const errcat_entry,
    capacity: usize,
    total: *mut usize,
) -> Result<&'a str, errcat_status> {
    if total.is_null() {
        return Err(fail(
            errcat_status::ERRCAT_STATUS_NULL_ARGUMENT,
            format_args!("total is NULL"),
        ));
    }
    // SAFETY: non-NULL, valid for a write (caller's contract).
    unsafe { *total = 0 };
    if out.is_null() && capacity > 0 {
        return Err(fail(
            errcat_status::ERRCAT_STATUS_NULL_ARGUMENT,
            format_args!("out is NULL but capacity is {capacity}"),
        ));
    }
    // SAFETY: forwarded contract.
    unsafe { arg_str(text, "text") }
}

/// Full-text search across every built-in catalog: symbols, aliases,
/// messages, causes, reactions and minor-code details. Every
/// whitespace-separated term of `text` must occur (ASCII case ignored);
/// hits come in catalog order, then table order (`errcat_entry_catalog`
/// tells each hit's catalog). Text longer than 1024 bytes finds nothing.
///
/// Writes at most `capacity` hits to `out` and the total number of hits to
/// `*total`, so a caller can size `out` and call again:
///
/// ```c
/// size_t total = 0;
/// errcat_search("expired", NULL, 0, &total);      // count only
/// const errcat_entry **hits = malloc(total * sizeof *hits);
/// errcat_search("expired", hits, total, &total);
/// ```
///
/// Returns `ERRCAT_STATUS_OK`, or `ERRCAT_STATUS_NULL_ARGUMENT` (`text` or
/// `total` NULL, `out` NULL with a capacity) or
/// `ERRCAT_STATUS_INVALID_ARGUMENT` (`text` not UTF-8), with `*total` 0.
/// The entries are static: do not free them (free only `out`, if you
/// allocated it).
///
/// # Safety
///
/// `text` must be NULL or a NUL-terminated string; `out` must be NULL or
/// valid for `capacity` writes; `total` must be NULL or valid for one
/// write.
#[no_mangle]
pub unsafe extern "C" fn errcat_search(
    text: *const c_char,
    out: *mut *const errcat_entry,
    capacity: usize,
    total: *mut usize,
) -> errcat_status {
    guard(errcat_status::ERRCAT_STATUS_INTERNAL, || {
        // SAFETY: forwarded contract.
        let text = match unsafe { search_args(text, out, capacity, total) } {
            Ok(t) => t,
            Err(s) => return s,
        };
        let hits = CATALOGS.iter().flat_map(|c| {
            core_catalog(c)
                .search(text)
                .into_iter()
                .filter_map(move |e| c_entry(c, e))
        });
        // SAFETY: arguments checked by `search_args`.
        unsafe { write_hits(hits, out, capacity, total) }
    })
}

/// `errcat_search` in one catalog (built in or loaded): same matching,
/// same results and failures, table order; `ERRCAT_STATUS_NULL_ARGUMENT`
/// also for a NULL catalog. The entries live as long as the catalog.
///
/// # Safety
///
/// `catalog` must be NULL or a live catalog from this library; the other
/// arguments as for `errcat_search`.
#[no_mangle]
pub unsafe extern "C" fn errcat_catalog_search(
    catalog: *const errcat_catalog,
    text: *const c_char,
    out: *mut *const errcat_entry,
    capacity: usize,
    total: *mut usize,
) -> errcat_status {
    guard(errcat_status::ERRCAT_STATUS_INTERNAL, || {
        // SAFETY: forwarded contract.
        let text = match unsafe { search_args(text, out, capacity, total) } {
            Ok(t) => t,
            Err(s) => return s,
        };
        // SAFETY: forwarded contract.
        let Some(c) = (unsafe { catalog_arg(catalog) }) else {
            return errcat_status::ERRCAT_STATUS_NULL_ARGUMENT;
        };
        let hits = core_catalog(c)
            .search(text)
            .into_iter()
            .filter_map(|e| c_entry(c, e));
        // SAFETY: arguments checked by `search_args`.
        unsafe { write_hits(hits, out, capacity, total) }
    })
}
