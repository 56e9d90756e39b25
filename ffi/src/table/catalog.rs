//! Catalogs: the built-in list and the fields of one catalog.

use crate::table::{catalog_ref, errcat_catalog, errcat_entry, find_catalog, opt_str, CATALOGS};
use crate::{errcat_status, fail, guard};
use std::ffi::c_char;
use std::ptr;

/// The number of built-in catalogs.
///
/// # Safety
///
/// Always safe to call.
#[no_mangle]
pub extern "C" fn errcat_catalog_count() -> usize {
    CATALOGS.len()
}

/// The built-in catalog at `index` (0 ≤ index < `errcat_catalog_count()`),
/// in public order (the order of the core's `CATALOG_IDS`); NULL past
/// the end. Static: do not free.
///
/// # Safety
///
/// Always safe to call.
#[no_mangle]
pub extern "C" fn errcat_catalog_at(index: usize) -> *const errcat_catalog {
    guard(ptr::null(), || match CATALOGS.get(index) {
        Some(c) => c,
        None => {
            fail(
                errcat_status::ERRCAT_STATUS_INVALID_ARGUMENT,
                format_args!("catalog index {index} is past the end ({})", CATALOGS.len()),
            );
            ptr::null()
        }
    })
}

/// The built-in catalog with this id (`"rtc"`), or NULL when the id is
/// NULL, not UTF-8 or unknown. Static: do not free.
///
/// # Safety
///
/// `id` must be NULL or a NUL-terminated string.
#[no_mangle]
pub unsafe extern "C" fn errcat_catalog_get(id: *const c_char) -> *const errcat_catalog {
    // SAFETY: forwarded contract.
    guard(ptr::null(), || {
        unsafe { find_catalog(id) }.map_or(ptr::null(), |c| c as *const _)
    })
}

/// The catalog's stable id (`"rtc"`), or NULL for a NULL catalog.
///
/// # Safety
///
/// `catalog` must be NULL or a live catalog from this library (built in,
/// or loaded and not yet freed).
#[no_mangle]
pub unsafe extern "C" fn errcat_catalog_id(catalog: *const errcat_catalog) -> *const c_char {
    // SAFETY: forwarded contract.
    guard(ptr::null(), || {
        opt_str(unsafe { catalog_ref(catalog) }.map(|c| c.id))
    })
}

/// The catalog's human-readable name, or NULL for a NULL catalog.
///
/// # Safety
///
/// `catalog` must be NULL or a live catalog from this library (built in,
/// or loaded and not yet freed).
#[no_mangle]
pub unsafe extern "C" fn errcat_catalog_name(catalog: *const errcat_catalog) -> *const c_char {
    // SAFETY: forwarded contract.
    guard(ptr::null(), || {
        opt_str(unsafe { catalog_ref(catalog) }.map(|c| c.name))
    })
}

/// The catalog's NSError domain (`"errcat.rtc"`), or NULL for a NULL catalog.
///
/// # Safety
///
/// `catalog` must be NULL or a live catalog from this library (built in,
/// or loaded and not yet freed).
#[no_mangle]
pub unsafe extern "C" fn errcat_catalog_domain(catalog: *const errcat_catalog) -> *const c_char {
    // SAFETY: forwarded contract.
    guard(ptr::null(), || {
        opt_str(unsafe { catalog_ref(catalog) }.map(|c| c.domain))
    })
}

/// What the server sends for a code: `"int"`, `"string"` or
/// `"major_minor"`; NULL for a NULL catalog.
///
/// # Safety
///
/// `catalog` must be NULL or a live catalog from this library (built in,
/// or loaded and not yet freed).
#[no_mangle]
pub unsafe extern "C" fn errcat_catalog_wire(catalog: *const errcat_catalog) -> *const c_char {
    // SAFETY: forwarded contract.
    guard(ptr::null(), || {
        opt_str(unsafe { catalog_ref(catalog) }.map(|c| c.wire))
    })
}

/// A paragraph about the catalog, or NULL when it has none.
///
/// # Safety
///
/// `catalog` must be NULL or a live catalog from this library (built in,
/// or loaded and not yet freed).
#[no_mangle]
pub unsafe extern "C" fn errcat_catalog_description(
    catalog: *const errcat_catalog,
) -> *const c_char {
    // SAFETY: forwarded contract.
    guard(ptr::null(), || {
        opt_str(unsafe { catalog_ref(catalog) }.and_then(|c| c.description))
    })
}

/// The number of entries of the catalog (0 for a NULL catalog).
///
/// # Safety
///
/// `catalog` must be NULL or a live catalog from this library (built in,
/// or loaded and not yet freed).
#[no_mangle]
pub unsafe extern "C" fn errcat_catalog_entry_count(catalog: *const errcat_catalog) -> usize {
    // SAFETY: forwarded contract.
    guard(0, || {
        unsafe { catalog_ref(catalog) }.map_or(0, |c| c.entries.len())
    })
}

/// The entry at `index`, in document order; NULL past the end or for a
/// NULL catalog. Do not free it: it lives as long as the catalog.
///
/// # Safety
///
/// `catalog` must be NULL or a live catalog from this library (built in,
/// or loaded and not yet freed).
#[no_mangle]
pub unsafe extern "C" fn errcat_catalog_entry_at(
    catalog: *const errcat_catalog,
    index: usize,
) -> *const errcat_entry {
    guard(ptr::null(), || {
        // SAFETY: forwarded contract.
        let Some(c) = (unsafe { catalog_ref(catalog) }) else {
            fail(
                errcat_status::ERRCAT_STATUS_NULL_ARGUMENT,
                format_args!("catalog is NULL"),
            );
            return ptr::null();
        };
        match c.entries.get(index) {
            Some(e) => e,
            None => {
                fail(
                    errcat_status::ERRCAT_STATUS_INVALID_ARGUMENT,
                    format_args!("entry index {index} is past the end ({})", c.entries.len()),
                );
                ptr::null()
            }
        }
    })
}
