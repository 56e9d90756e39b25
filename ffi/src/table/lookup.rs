//! Lookups: by code, exact symbol or forgiving query, in one catalog or
//! in a built-in catalog named by id.

use crate::table::{
    c_entry, catalog_arg, core_catalog, errcat_catalog, errcat_entry, find_catalog, unknown_code,
    Source, CODE_SLOTS,
};
use crate::{arg_str, guard, Short};
use std::ffi::c_char;
use std::ptr;

/// Looks up a user's query in `catalog`, as `errcat_lookup` does: an
/// integer string (`"102"`) is a code, anything else a symbol or alias
/// matched forgivingly. NULL when an argument is NULL or not UTF-8, or
/// nothing matches; the last error tells which. Do not free the entry.
///
/// # Safety
///
/// `catalog` must be NULL or a live catalog from this library; `query`
/// must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn errcat_catalog_lookup(
    catalog: *const errcat_catalog,
    query: *const c_char,
) -> *const errcat_entry {
    guard(ptr::null(), || {
        // SAFETY: forwarded contract.
        let Some(c) = (unsafe { catalog_arg(catalog) }) else {
            return ptr::null();
        };
        // SAFETY: forwarded contract.
        match unsafe { arg_str(query, "query") } {
            Ok(q) => by_symbol(c, q, true),
            Err(_) => ptr::null(),
        }
    })
}

/// The entry of `catalog` with this integer code, or NULL. The fastest
/// lookup: no catalog id to compare. Do not free the entry.
///
/// # Safety
///
/// `catalog` must be NULL or a live catalog from this library.
#[no_mangle]
pub unsafe extern "C" fn errcat_catalog_lookup_code(
    catalog: *const errcat_catalog,
    code: i64,
) -> *const errcat_entry {
    guard(ptr::null(), || {
        // SAFETY: forwarded contract.
        let Some(c) = (unsafe { catalog_arg(catalog) }) else {
            return ptr::null();
        };
        by_code(c, code)
    })
}

/// The entry of `catalog` with exactly this symbol or alias, or NULL (as
/// `errcat_lookup_symbol`). Do not free the entry.
///
/// # Safety
///
/// `catalog` must be NULL or a live catalog from this library; `symbol`
/// must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn errcat_catalog_lookup_symbol(
    catalog: *const errcat_catalog,
    symbol: *const c_char,
) -> *const errcat_entry {
    guard(ptr::null(), || {
        // SAFETY: forwarded contract.
        let Some(c) = (unsafe { catalog_arg(catalog) }) else {
            return ptr::null();
        };
        // SAFETY: forwarded contract.
        match unsafe { arg_str(symbol, "symbol") } {
            Ok(q) => by_symbol(c, q, false),
            Err(_) => ptr::null(),
        }
    })
}

#[inline]
pub(crate) fn by_code(c: &errcat_catalog, code: i64) -> *const errcat_entry {
    let found = match c.source {
        // build.rs's slots over the same table (src/tests.rs compares).
        Source::Builtin(i) if !CODE_SLOTS[i].1.is_empty() => {
            let (min, slots) = CODE_SLOTS[i];
            let off = code.wrapping_sub(min) as u64;
            if off < slots.len() as u64 {
                c.entries.get(usize::from(slots[off as usize]))
            } else {
                None
            }
        }
        _ => core_catalog(c).by_code(code).and_then(|e| c_entry(c, e)),
    };
    match found {
        Some(e) => e,
        None => {
            unknown_code(c, format_args!("code {code}"));
            ptr::null()
        }
    }
}

fn by_symbol(c: &errcat_catalog, symbol: &str, forgiving: bool) -> *const errcat_entry {
    let cat = core_catalog(c);
    let found = if forgiving {
        cat.lookup(symbol)
    } else {
        cat.by_symbol(symbol)
    };
    match found.and_then(|e| c_entry(c, e)) {
        Some(e) => e,
        None => {
            unknown_code(
                c,
                format_args!(
                    "{} {}",
                    if forgiving {
                        "code or symbol"
                    } else {
                        "symbol"
                    },
                    Short(symbol)
                ),
            );
            ptr::null()
        }
    }
}

/// Looks up an entry by catalog id and integer code:
/// `errcat_lookup_code("rtc", 102)`. NULL when the catalog id is NULL, not
/// UTF-8 or unknown, or the catalog has no such code; the last error
/// (`errcat_last_error_status`) tells which. Never allocates.
///
/// The entry is static: do not free it; it stays valid for the life of
/// the process.
///
/// # Safety
///
/// `catalog` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn errcat_lookup_code(
    catalog: *const c_char,
    code: i64,
) -> *const errcat_entry {
    guard(ptr::null(), || {
        // SAFETY: forwarded contract.
        match unsafe { find_catalog(catalog) } {
            Ok(c) => by_code(c, code),
            Err(_) => ptr::null(),
        }
    })
}

/// Looks up an entry by its exact symbol or one of its aliases:
/// `errcat_lookup_symbol("rtc", "userNotFound")`. NULL when an argument is
/// NULL or not UTF-8, the catalog is unknown, or no entry has this symbol.
/// Static: do not free.
///
/// # Safety
///
/// `catalog` and `symbol` must each be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn errcat_lookup_symbol(
    catalog: *const c_char,
    symbol: *const c_char,
) -> *const errcat_entry {
    guard(ptr::null(), || {
        // SAFETY: forwarded contract.
        let Ok(c) = (unsafe { find_catalog(catalog) }) else {
            return ptr::null();
        };
        // SAFETY: forwarded contract.
        match unsafe { arg_str(symbol, "symbol") } {
            Ok(s) => by_symbol(c, s, false),
            Err(_) => ptr::null(),
        }
    })
}

/// Looks up a user's query: an integer string (`"102"`, `"-1"`) is a code,
/// anything else a symbol matched forgivingly (ASCII case, `_`, `-`, `.`
/// and spaces ignored: `"user not found"` finds `userNotFound`; an exact
/// symbol or alias wins). NULL as for `errcat_lookup_symbol`. Static: do
/// not free.
///
/// # Safety
///
/// `catalog` and `query` must each be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn errcat_lookup(
    catalog: *const c_char,
    query: *const c_char,
) -> *const errcat_entry {
    guard(ptr::null(), || {
        // SAFETY: forwarded contract.
        let Ok(c) = (unsafe { find_catalog(catalog) }) else {
            return ptr::null();
        };
        // SAFETY: forwarded contract.
        match unsafe { arg_str(query, "query") } {
            Ok(s) => by_symbol(c, s, true),
            Err(_) => ptr::null(),
        }
    })
}
