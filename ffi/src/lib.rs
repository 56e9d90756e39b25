//! The C ABI of errcat: `liberrcat.a`, `liberrcat.so` and the cbindgen
//! header `include/errcat.h`.
//!
//! Conventions of the whole API (they are repeated in the header):
//!
//! * The built-in catalogs and their entries are static: nothing returned
//!   by a lookup is ever freed, and the pointers stay valid for the life of
//!   the process. Owned objects: an `errcat_error` (from `errcat_decode`,
//!   `errcat_error_for`, …), freed with `errcat_error_free`, and a loaded
//!   catalog (`errcat_load_catalog`, `errcat_parse_catalog`), freed with
//!   `errcat_catalog_free`; its entries live as long as it does.
//! * Bad input is a value, never a crash: a NULL pointer, a string that is
//!   not UTF-8, an unknown catalog or code, an oversized length give NULL or
//!   an `errcat_status` other than `ERRCAT_STATUS_OK`, and the calling
//!   thread's last error (`errcat_last_error_status`,
//!   `errcat_last_error_message`) says why. No panic crosses the boundary:
//!   every function runs under `catch_unwind` and reports
//!   `ERRCAT_STATUS_INTERNAL` instead.
//! * Everything is thread-safe. Lookups allocate nothing: the NUL-terminated
//!   strings are static copies of the table written by `build.rs`.

#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]
#![allow(non_camel_case_types)]

use core_errcat as errcat;
use std::cell::{Cell, RefCell};
use std::ffi::{c_char, CStr};
use std::fmt::{self, Write as _};
use std::panic::{catch_unwind, AssertUnwindSafe};

mod codes;
mod error;
mod l10n;
mod table;
mod user;

pub use codes::*;
pub use error::*;
pub use l10n::*;
pub use table::*;
pub use user::*;

/// The result of a call that can fail. `ERRCAT_STATUS_OK` is 0; every other
/// value is a failure, also recorded as the calling thread's last error.
/// `errcat_status_reason` gives each value's stable reason string (the
/// `expect_error` strings of the shared test vectors).
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum errcat_status {
    /// Success (`"ok"`).
    ERRCAT_STATUS_OK = 0,
    /// A required pointer argument was NULL (`"null_argument"`).
    ERRCAT_STATUS_NULL_ARGUMENT = 1,
    /// An argument is unusable: a string that is not UTF-8, an index past
    /// the end (`"invalid_argument"`).
    ERRCAT_STATUS_INVALID_ARGUMENT = 2,
    /// No built-in catalog has this id (`"unknown_catalog"`).
    ERRCAT_STATUS_UNKNOWN_CATALOG = 3,
    /// The catalog has no such code or symbol (`"unknown_code"`).
    ERRCAT_STATUS_UNKNOWN_CODE = 4,
    /// The payload is longer than `ERRCAT_MAX_PAYLOAD_BYTES` (`"too_large"`).
    ERRCAT_STATUS_TOO_LARGE = 5,
    /// The payload is empty or only whitespace (`"empty"`).
    ERRCAT_STATUS_EMPTY = 6,
    /// The payload is not UTF-8 (`"invalid_utf8"`).
    ERRCAT_STATUS_INVALID_UTF8 = 7,
    /// The payload is not JSON, too deep, or has a field of the wrong type
    /// or a duplicate field (`"malformed"`).
    ERRCAT_STATUS_MALFORMED = 8,
    /// The payload is JSON but carries no error code (`"missing_code"`).
    ERRCAT_STATUS_MISSING_CODE = 9,
    /// A bug in errcat was caught at the boundary (`"internal"`); please report it.
    ERRCAT_STATUS_INTERNAL = 10,
    /// A user catalog could not be loaded: unreadable file, unknown file
    /// type, invalid TOML or JSON, or a schema problem; the last error
    /// message names the file, the entry and the problem
    /// (`"invalid_catalog"`).
    ERRCAT_STATUS_INVALID_CATALOG = 11,
}

/// Largest payload `errcat_decode` accepts, in bytes (1 MiB).
pub const ERRCAT_MAX_PAYLOAD_BYTES: usize = 1048576;

/// Capacity of the per-thread last-error message buffer, NUL included;
/// longer messages are cut at a character boundary.
pub const ERRCAT_LAST_ERROR_CAPACITY: usize = 512;

const STATUS_REASONS: [&CStr; 12] = [
    c"ok",
    c"null_argument",
    c"invalid_argument",
    c"unknown_catalog",
    c"unknown_code",
    c"too_large",
    c"empty",
    c"invalid_utf8",
    c"malformed",
    c"missing_code",
    c"internal",
    c"invalid_catalog",
];

/// The stable reason string of a status (`"ok"`, `"unknown_catalog"`,
/// `"too_large"`, …), or NULL for a number that is no status.
///
/// # Safety
///
/// Always safe to call. The result is a static string: do not free it.
#[no_mangle]
pub extern "C" fn errcat_status_reason(status: i32) -> *const c_char {
    guard(std::ptr::null(), || {
        match usize::try_from(status)
            .ok()
            .and_then(|i| STATUS_REASONS.get(i))
        {
            Some(s) => s.as_ptr(),
            None => std::ptr::null(),
        }
    })
}

// ---------------------------------------------------------------------------
// The last error of each thread: a fixed buffer in thread-local storage, so
// recording an error allocates nothing and leaves nothing to free at exit.

struct LastError {
    status: Cell<errcat_status>,
    buf: RefCell<[u8; ERRCAT_LAST_ERROR_CAPACITY]>,
}

thread_local! {
    static LAST_ERROR: LastError = const {
        LastError { status: Cell::new(errcat_status::ERRCAT_STATUS_OK), buf: RefCell::new([0; ERRCAT_LAST_ERROR_CAPACITY]) }
    };
}

/// Writes into a fixed buffer, dropping what does not fit (at a character
/// boundary, keeping room for the NUL).
struct FixedWriter<'a> {
    buf: &'a mut [u8],
    len: usize,
}

impl fmt::Write for FixedWriter<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let room = self.buf.len().saturating_sub(1 + self.len);
        let mut take = s.len().min(room);
        while !s.is_char_boundary(take) {
            take -= 1;
        }
        self.buf[self.len..self.len + take].copy_from_slice(&s.as_bytes()[..take]);
        self.len += take;
        Ok(())
    }
}

/// Records a failure as this thread's last error and returns its status.
pub(crate) fn fail(status: errcat_status, message: fmt::Arguments<'_>) -> errcat_status {
    // `try_with`: during thread teardown the slot may be gone; the status is
    // still returned to the caller.
    let _ = LAST_ERROR.try_with(|l| {
        l.status.set(status);
        if let Ok(mut buf) = l.buf.try_borrow_mut() {
            let mut w = FixedWriter {
                buf: &mut buf[..],
                len: 0,
            };
            let _ = w.write_fmt(message);
            let end = w.len;
            buf[end] = 0;
        }
    });
    status
}

/// The status of the calling thread's last failed errcat call, or
/// `ERRCAT_STATUS_OK` when none failed since the thread started or since
/// `errcat_clear_last_error`. Like `errno`, a successful call does not
/// reset it.
///
/// # Safety
///
/// Always safe to call.
#[no_mangle]
pub extern "C" fn errcat_last_error_status() -> errcat_status {
    guard(errcat_status::ERRCAT_STATUS_INTERNAL, || {
        LAST_ERROR
            .try_with(|l| l.status.get())
            .unwrap_or(errcat_status::ERRCAT_STATUS_OK)
    })
}

/// The message of the calling thread's last failed errcat call (UTF-8,
/// NUL-terminated, at most `ERRCAT_LAST_ERROR_CAPACITY - 1` bytes), or NULL
/// when none failed.
///
/// # Safety
///
/// Always safe to call. The string belongs to the calling thread: it stays
/// valid until that thread's next failing errcat call, its next
/// `errcat_clear_last_error`, or its exit. Do not free it.
#[no_mangle]
pub extern "C" fn errcat_last_error_message() -> *const c_char {
    guard(std::ptr::null(), || {
        LAST_ERROR
            .try_with(|l| {
                if l.status.get() == errcat_status::ERRCAT_STATUS_OK {
                    std::ptr::null()
                } else {
                    l.buf.as_ptr() as *const c_char
                }
            })
            .unwrap_or(std::ptr::null())
    })
}

/// Forgets the calling thread's last error.
///
/// # Safety
///
/// Always safe to call.
#[no_mangle]
pub extern "C" fn errcat_clear_last_error() {
    guard((), || {
        let _ = LAST_ERROR.try_with(|l| {
            l.status.set(errcat_status::ERRCAT_STATUS_OK);
            if let Ok(mut b) = l.buf.try_borrow_mut() {
                b[0] = 0;
            }
        });
    })
}

/// Runs `f`, turning a panic into `fallback` and an `ERRCAT_STATUS_INTERNAL`
/// last error: no panic ever unwinds into C.
#[inline(always)]
pub(crate) fn guard<T>(fallback: T, f: impl FnOnce() -> T) -> T {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(v) => v,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .copied()
                .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
                .unwrap_or("a panic");
            fail(
                errcat_status::ERRCAT_STATUS_INTERNAL,
                format_args!("internal error in errcat: {what}"),
            );
            // Dropping the payload runs arbitrary drop code: keep that inside
            // a guard too.
            let _ = catch_unwind(AssertUnwindSafe(move || drop(payload)));
            fallback
        }
    }
}

/// Reads a required C string argument: NULL and non-UTF-8 are failures
/// recorded as the last error.
///
/// # Safety
///
/// `p` is NULL or points to a NUL-terminated string.
pub(crate) unsafe fn arg_str<'a>(p: *const c_char, what: &str) -> Result<&'a str, errcat_status> {
    if p.is_null() {
        return Err(fail(
            errcat_status::ERRCAT_STATUS_NULL_ARGUMENT,
            format_args!("{what} is NULL"),
        ));
    }
    // SAFETY: the caller promises a NUL-terminated string.
    let s = unsafe { CStr::from_ptr(p) };
    s.to_str().map_err(|e| {
        fail(
            errcat_status::ERRCAT_STATUS_INVALID_ARGUMENT,
            format_args!(
                "{what} is not valid UTF-8 (invalid byte at offset {})",
                e.valid_up_to()
            ),
        )
    })
}

/// Shortens user input quoted in a message.
pub(crate) struct Short<'a>(pub &'a str);

impl fmt::Display for Short<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", errcat::clip(self.0))
    }
}

#[cfg(test)]
mod tests;
