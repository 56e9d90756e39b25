//! Localized messages (`errcat::l10n`) for C: the caller passes its
//! locale preference list as one string and a buffer; the built-in
//! pseudo-locale `en-XA` is always there, more overlays are registered with
//! `errcat_register_overlay`.

use crate::table::{core_catalog, entry_ref, errcat_catalog, errcat_entry, Owner, Source};
use crate::{errcat, errcat_status, fail, guard};
use std::ffi::{c_char, CStr};

/// The preference list: tags separated by commas, semicolons or white
/// space (`"pt-BR, pt"`); NULL or empty means the base text.
///
/// # Safety: `p` is NULL or a NUL-terminated string.
unsafe fn preferences(p: *const c_char) -> Vec<String> {
    if p.is_null() {
        return Vec::new();
    }
    // SAFETY: caller's contract.
    let s = unsafe { CStr::from_ptr(p) }.to_string_lossy();
    s.split([',', ';', ' ', '\t', '\n'])
        .filter(|t| !t.is_empty())
        .take(64)
        .map(str::to_string)
        .collect()
}

/// Copies `text` to `buf` (at most `cap - 1` bytes, cut at a character
/// boundary, then a NUL) and returns its whole length in bytes.
///
/// # Safety: `buf` is NULL or valid for `cap` bytes of writes.
unsafe fn copy_out(text: &str, buf: *mut c_char, cap: usize) -> usize {
    if !buf.is_null() && cap > 0 {
        let mut n = text.len().min(cap - 1);
        while !text.is_char_boundary(n) {
            n -= 1;
        }
        // SAFETY: `n < cap` bytes plus the NUL fit in `buf` (contract).
        unsafe {
            std::ptr::copy_nonoverlapping(text.as_ptr(), buf.cast::<u8>(), n);
            *buf.add(n) = 0;
        }
    }
    text.len()
}

/// The built-in catalog id of an entry's catalog, or None for a loaded one.
fn builtin_id(e: &errcat_entry) -> Option<&'static str> {
    match e.catalog {
        Owner::Builtin(i) => errcat::catalogs().nth(i).map(|c| &*c.id),
        Owner::Loaded(_) => None,
    }
}

/// Writes an entry's message in the locale that `locales` (a preference
/// list: `"pt-BR,pt"`, as `navigator.languages` or `Accept-Language` tags
/// without weights) selects, with fallback `pt-BR` → `pt` → the base
/// (English) text, into `buf` (at most `cap - 1` bytes and a NUL; cut at a
/// UTF-8 character boundary). Returns the message's whole length in bytes:
/// when it is `>= cap`, call again with a buffer of that length plus one.
/// `buf` may be NULL when `cap` is 0. A loaded catalog's entries have only
/// their base text. NULL `entry`: returns 0 with
/// `ERRCAT_STATUS_NULL_ARGUMENT` as the last error.
///
/// # Safety
///
/// `entry` must be NULL or an entry from this library whose catalog is
/// alive; `locales` NULL or a NUL-terminated string; `buf` NULL or valid
/// for `cap` bytes of writes.
#[no_mangle]
pub unsafe extern "C" fn errcat_entry_localized_message(
    entry: *const errcat_entry,
    locales: *const c_char,
    buf: *mut c_char,
    cap: usize,
) -> usize {
    guard(0, || {
        // SAFETY: forwarded contract.
        let Some(e) = (unsafe { entry_ref(entry) }) else {
            fail(
                errcat_status::ERRCAT_STATUS_NULL_ARGUMENT,
                format_args!("entry is NULL"),
            );
            return 0;
        };
        // SAFETY: forwarded contract.
        let prefs = unsafe { preferences(locales) };
        let text = builtin_id(e)
            .and_then(|id| {
                let core = errcat::catalog(id)?.by_code(e.code)?;
                Some(errcat::l10n::texts(id, core, &prefs).message)
            })
            .unwrap_or_else(|| e.message.to_string_lossy().into_owned());
        // SAFETY: forwarded contract.
        unsafe { copy_out(&text, buf, cap) }
    })
}

/// Writes the message of an error to show in the locale `locales` selects
/// (as `errcat_entry_localized_message`): the translation of its entry's
/// message when an overlay applies (it wins over the server's text), else
/// `errcat_error_message`. Same buffer rule and return value.
///
/// # Safety
///
/// `error` must be NULL or a live error from this library; `locales` NULL
/// or a NUL-terminated string; `buf` NULL or valid for `cap` bytes.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_localized_message(
    error: *const crate::error::errcat_error,
    locales: *const c_char,
    buf: *mut c_char,
    cap: usize,
) -> usize {
    guard(0, || {
        // SAFETY: forwarded contract.
        let Some(err) = (unsafe { error.as_ref() }) else {
            fail(
                errcat_status::ERRCAT_STATUS_NULL_ARGUMENT,
                format_args!("error is NULL"),
            );
            return 0;
        };
        // SAFETY: forwarded contract.
        let prefs = unsafe { preferences(locales) };
        let cat: &errcat_catalog = err.catalog_ref();
        let translated = match (&cat.source, err.entry_index()) {
            (Source::Builtin(_), Some(i)) => {
                let core = core_catalog(cat);
                core.entries.get(i).and_then(|en| {
                    let t = errcat::l10n::texts(&core.id, en, &prefs);
                    t.locale.map(|_| t.message)
                })
            }
            _ => None,
        };
        let text = translated.unwrap_or_else(|| err.message_text().into_owned());
        // SAFETY: forwarded contract.
        unsafe { copy_out(&text, buf, cap) }
    })
}

/// Registers a translation overlay for a built-in catalog (`len` bytes of
/// TOML or JSON in `format`, as `errcat l10n import` writes; at most 8 MiB),
/// after validating it: unknown symbols, empty texts and placeholders that
/// differ from the base text's are `ERRCAT_STATUS_INVALID_CATALOG`, with
/// every problem in the last error's message. An overlay for a catalog and
/// locale already registered replaces it; `en-XA` is built in.
///
/// # Safety
///
/// `bytes` must be NULL or valid for reads of `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn errcat_register_overlay(
    bytes: *const u8,
    len: usize,
    format: i32,
) -> errcat_status {
    guard(errcat_status::ERRCAT_STATUS_INTERNAL, || {
        let format = match crate::user::format_arg(format) {
            Ok(f) => f,
            Err(s) => return s,
        };
        // SAFETY: forwarded contract.
        let text = match unsafe {
            crate::user::bytes_arg(bytes, len, errcat::l10n::MAX_OVERLAY_BYTES, "overlay")
        } {
            Ok(t) => t,
            Err(s) => return s,
        };
        let registered =
            errcat::l10n::parse_overlay(text, format, "<bytes>").and_then(errcat::l10n::register);
        match registered {
            Ok(()) => errcat_status::ERRCAT_STATUS_OK,
            Err(e) => fail(
                errcat_status::ERRCAT_STATUS_INVALID_CATALOG,
                format_args!("{e}"),
            ),
        }
    })
}

/// Drops every overlay registered with `errcat_register_overlay` and frees
/// its memory; messages fall back to the base text (`en-XA` stays: it is
/// built in). Not needed before exit, but a leak checker that reports
/// reachable memory wants it.
///
/// # Safety
///
/// None: no arguments; safe from any thread at any time.
#[no_mangle]
pub extern "C" fn errcat_clear_overlays() {
    guard((), errcat::l10n::clear)
}
