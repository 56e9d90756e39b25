//! The fields of an entry (static strings, or the loaded catalog's).

use crate::codes::{errcat_kind, kind_from_grpc};
use crate::guard;
use crate::table::{entry_ref, errcat_catalog, errcat_entry, kind_name, opt_str, Owner, CATALOGS};
use std::ffi::c_char;
use std::ptr;

/// The entry's integer code, unique in its catalog (0 for NULL).
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed).
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_code(entry: *const errcat_entry) -> i64 {
    // SAFETY: forwarded contract.
    unsafe { with_entry(entry, 0, |e| e.code) }
}

/// The documented symbol, spelled as documented (`"userNotFound"`,
/// `"2FA_REQUIRED"`); NULL for NULL.
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed). Do not free
/// the string: it lives as long as the entry.
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_symbol(entry: *const errcat_entry) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { with_entry(entry, ptr::null(), |e| opt_str(Some(e.symbol))) }
}

/// The identifier-safe type name (`"TwoFaRequired"`); the C constant is
/// `ERRCAT_<CATALOG>_` plus its words in UPPER_SNAKE. NULL for NULL.
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed). Do not free
/// the string: it lives as long as the entry.
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_type_name(entry: *const errcat_entry) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { with_entry(entry, ptr::null(), |e| opt_str(Some(e.type_name))) }
}

/// The documented message; NULL for NULL.
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed). Do not free
/// the string: it lives as long as the entry.
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_message(entry: *const errcat_entry) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { with_entry(entry, ptr::null(), |e| opt_str(Some(e.message))) }
}

/// The category id (`"user"`, `"http_404"`); NULL for NULL.
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed). Do not free
/// the string: it lives as long as the entry.
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_category(entry: *const errcat_entry) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { with_entry(entry, ptr::null(), |e| opt_str(Some(e.category))) }
}

/// The category's heading as documented; NULL for NULL.
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed). Do not free
/// the string: it lives as long as the entry.
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_category_name(entry: *const errcat_entry) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { with_entry(entry, ptr::null(), |e| opt_str(Some(e.category_name))) }
}

/// The canonical kind (`ERRCAT_KIND_UNKNOWN` for NULL).
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed).
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_kind(entry: *const errcat_entry) -> errcat_kind {
    // SAFETY: forwarded contract.
    unsafe {
        with_entry(entry, errcat_kind::ERRCAT_KIND_UNKNOWN, |e| {
            kind_from_grpc(e.kind).unwrap_or(errcat_kind::ERRCAT_KIND_UNKNOWN)
        })
    }
}

/// The canonical kind as its snake_case name (`"not_found"`); NULL for NULL.
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed). Do not free
/// the string: it lives as long as the entry.
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_kind_name(entry: *const errcat_entry) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { with_entry(entry, ptr::null(), |e| opt_str(kind_name(e.kind))) }
}

/// The HTTP status: documented, else the kind's canonical one (0 for NULL).
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed).
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_http_status(entry: *const errcat_entry) -> u16 {
    // SAFETY: forwarded contract.
    unsafe { with_entry(entry, 0, |e| e.http_status) }
}

/// Whether retrying may succeed (false for NULL).
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed).
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_retryable(entry: *const errcat_entry) -> bool {
    // SAFETY: forwarded contract.
    unsafe { with_entry(entry, false, |e| e.retryable) }
}

/// The server sends a wait parameter with this error (messenger; false for NULL).
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed).
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_wait_required(entry: *const errcat_entry) -> bool {
    // SAFETY: forwarded contract.
    unsafe { with_entry(entry, false, |e| e.wait_required) }
}

/// Only the server sees this error (false for NULL).
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed).
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_server_only(entry: *const errcat_entry) -> bool {
    // SAFETY: forwarded contract.
    unsafe { with_entry(entry, false, |e| e.server_only) }
}

/// The entry is deprecated (false for NULL).
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed).
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_deprecated(entry: *const errcat_entry) -> bool {
    // SAFETY: forwarded contract.
    unsafe { with_entry(entry, false, |e| e.deprecated) }
}

/// The version the entry was deprecated in, or NULL.
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed). Do not free
/// the string: it lives as long as the entry.
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_deprecated_since(
    entry: *const errcat_entry,
) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { with_entry(entry, ptr::null(), |e| opt_str(e.deprecated_since)) }
}

/// The symbol of the entry that replaces this deprecated one, or NULL.
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed). Do not free
/// the string: it lives as long as the entry.
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_replaced_by(entry: *const errcat_entry) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { with_entry(entry, ptr::null(), |e| opt_str(e.replaced_by)) }
}

/// The deprecation note, or NULL.
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed). Do not free
/// the string: it lives as long as the entry.
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_deprecation_note(
    entry: *const errcat_entry,
) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { with_entry(entry, ptr::null(), |e| opt_str(e.deprecation_note)) }
}

/// What the client should do, when documented; else NULL.
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed). Do not free
/// the string: it lives as long as the entry.
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_reaction(entry: *const errcat_entry) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { with_entry(entry, ptr::null(), |e| opt_str(e.reaction)) }
}

/// The request (action) the error refers to, when documented; else NULL.
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed). Do not free
/// the string: it lives as long as the entry.
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_request(entry: *const errcat_entry) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { with_entry(entry, ptr::null(), |e| opt_str(e.request)) }
}

/// The documentation URL, or NULL.
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed). Do not free
/// the string: it lives as long as the entry.
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_doc_url(entry: *const errcat_entry) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { with_entry(entry, ptr::null(), |e| opt_str(e.doc_url)) }
}

/// The catalog the entry belongs to (NULL for NULL). Borrowed: never pass
/// it to `errcat_catalog_free`.
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed).
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_catalog(entry: *const errcat_entry) -> *const errcat_catalog {
    // SAFETY: forwarded contract.
    unsafe {
        with_entry(entry, ptr::null(), |e| match e.catalog {
            Owner::Builtin(i) => &CATALOGS[i] as *const _,
            Owner::Loaded(p) => p.0,
        })
    }
}

/// The number of documented causes (0 for NULL).
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed).
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_cause_count(entry: *const errcat_entry) -> usize {
    // SAFETY: forwarded contract.
    unsafe { with_entry(entry, 0, |e| e.causes.len()) }
}

/// The number of aliases: other spellings that find this entry (0 for NULL).
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed).
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_alias_count(entry: *const errcat_entry) -> usize {
    // SAFETY: forwarded contract.
    unsafe { with_entry(entry, 0, |e| e.aliases.len()) }
}

/// The number of minor codes (messenger; 0 for NULL).
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed).
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_minor_code_count(entry: *const errcat_entry) -> usize {
    // SAFETY: forwarded contract.
    unsafe { with_entry(entry, 0, |e| e.minor_codes.len()) }
}

/// The documented cause at `index`, or NULL past the end or for NULL.
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed). Do not free
/// the string: it lives as long as the entry.
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_cause_at(
    entry: *const errcat_entry,
    index: usize,
) -> *const c_char {
    // SAFETY: forwarded contract.
    guard(ptr::null(), || {
        opt_str(unsafe { entry_ref(entry) }.and_then(|e| e.causes.get(index).copied()))
    })
}

/// The alias at `index`, or NULL past the end or for NULL.
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed). Do not free
/// the string: it lives as long as the entry.
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_alias_at(
    entry: *const errcat_entry,
    index: usize,
) -> *const c_char {
    // SAFETY: forwarded contract.
    guard(ptr::null(), || {
        opt_str(unsafe { entry_ref(entry) }.and_then(|e| e.aliases.get(index).copied()))
    })
}

/// The minor code at `index` (document order): writes its code, detail and
/// reaction (each out pointer may be NULL; detail and reaction are set to
/// NULL when undocumented) and returns true; false past the end or for a
/// NULL entry, leaving the outputs untouched.
///
/// # Safety
///
/// `entry` must be NULL or an entry returned by this library; each out
/// pointer must be NULL or valid for one write. The strings live as long as the entry.
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_minor_code_at(
    entry: *const errcat_entry,
    index: usize,
    code: *mut i64,
    detail: *mut *const c_char,
    reaction: *mut *const c_char,
) -> bool {
    guard(false, || {
        // SAFETY: forwarded contract.
        let Some(m) = (unsafe { entry_ref(entry) }).and_then(|e| e.minor_codes.get(index)) else {
            return false;
        };
        // SAFETY: each out pointer is NULL or valid for a write.
        unsafe {
            if let Some(p) = code.as_mut() {
                *p = m.code;
            }
            if let Some(p) = detail.as_mut() {
                *p = opt_str(m.detail);
            }
            if let Some(p) = reaction.as_mut() {
                *p = opt_str(m.reaction);
            }
        }
        true
    })
}

/// The documented detail of minor code `minor` of this entry, or NULL
/// when the entry has no such minor code or it has no detail.
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive (built in, or loaded and not yet freed). Do not free
/// the string: it lives as long as the entry.
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_minor_detail(
    entry: *const errcat_entry,
    minor: i64,
) -> *const c_char {
    guard(ptr::null(), || {
        // SAFETY: forwarded contract.
        opt_str(
            unsafe { entry_ref(entry) }
                .and_then(|e| e.minor_codes.iter().find(|m| m.code == minor))
                .and_then(|m| m.detail),
        )
    })
}

/// Runs `f` on an entry under the panic guard; `null` for a NULL entry.
///
/// # Safety
///
/// `entry` is NULL or an entry returned by this library.
#[inline(always)]
unsafe fn with_entry<T: Copy>(
    entry: *const errcat_entry,
    null: T,
    f: impl FnOnce(&errcat_entry) -> T,
) -> T {
    // SAFETY: forwarded contract.
    guard(null, || match unsafe { entry_ref(entry) } {
        Some(e) => f(e),
        None => null,
    })
}
