//! The canonical kinds: name and HTTP status of a kind number.

use crate::table::{kind_name, opt_str};
use crate::{errcat, guard};
use std::ffi::c_char;
use std::ptr;

/// The snake_case name of a kind (`"not_found"`), or NULL for a number
/// that is no kind.
///
/// # Safety
///
/// Always safe to call. The string is static.
#[no_mangle]
pub extern "C" fn errcat_kind_name(kind: i32) -> *const c_char {
    guard(ptr::null(), || {
        opt_str(u8::try_from(kind).ok().and_then(kind_name))
    })
}

/// The HTTP status gRPC documents for a kind (404 for
/// `ERRCAT_KIND_NOT_FOUND`), or 0 for a number that is no kind.
///
/// # Safety
///
/// Always safe to call.
#[no_mangle]
pub extern "C" fn errcat_kind_http_status(kind: i32) -> u16 {
    guard(0, || {
        u8::try_from(kind)
            .ok()
            .and_then(|k| errcat::Kind::ALL.get(usize::from(k)))
            .map_or(0, |k| k.http_status())
    })
}
