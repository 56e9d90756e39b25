//! Decoding a server's error payload into an owned `errcat_error`.

use crate::codes::{errcat_kind, kind_from_grpc};
use crate::table::{
    catalog_arg, core_catalog, errcat_catalog, errcat_entry, find_catalog, kind_name,
};
use crate::user::Held;
use crate::{arg_str, errcat, errcat_status, fail, guard, Short, ERRCAT_MAX_PAYLOAD_BYTES};
use std::ffi::{c_char, CStr};
use std::ptr;

/// A string owned by an `errcat_error`: its bytes and a trailing NUL. Text
/// a server sent is kept whole, even an embedded U+0000 (C's `strlen` stops
/// there; the `_len` accessors do not).
struct OwnedStr(Box<[u8]>);

impl OwnedStr {
    fn new(s: &str) -> OwnedStr {
        let mut v = Vec::with_capacity(s.len() + 1);
        v.extend_from_slice(s.as_bytes());
        v.push(0);
        OwnedStr(v.into_boxed_slice())
    }
    fn ptr(&self) -> *const c_char {
        self.0.as_ptr() as *const c_char
    }
    fn len(&self) -> usize {
        self.0.len() - 1
    }
}

enum Value {
    Str(OwnedStr),
    Int(i64),
    Bool(bool),
}

/// A decoded server error, owned by the caller: free it with
/// `errcat_error_free`. It may be read from several threads at once; it
/// must be freed exactly once, after the last read. Strings it returns live
/// as long as it does. It keeps a loaded catalog alive, so its catalog and
/// entry stay valid as long as it does.
pub struct errcat_error {
    catalog: Held,
    /// Index of the entry in the catalog's entries.
    entry: Option<usize>,
    code: i64,
    symbol: OwnedStr,
    message: OwnedStr,
    server_message: Option<OwnedStr>,
    raw_code: OwnedStr,
    kind: u8,
    http_status: u16,
    retryable: bool,
    minor: Option<i64>,
    minor_detail: Option<OwnedStr>,
    reaction: Option<OwnedStr>,
    retry_after_ms: Option<u64>,
    missing_permission: Option<OwnedStr>,
    wait: Option<i64>,
    ns_code: i64,
    user_info: Vec<(OwnedStr, Value)>,
    response_status: Option<u16>,
    content_type: Option<OwnedStr>,
    body_excerpt: Option<OwnedStr>,
    body_len: Option<usize>,
    from_status: bool,
}

/// The type of an NSError userInfo value.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum errcat_value_type {
    /// An NSString: `string` and `string_len` are set.
    ERRCAT_VALUE_STRING = 0,
    /// An NSNumber holding an integer: `integer` is set.
    ERRCAT_VALUE_INT = 1,
    /// An NSNumber holding a boolean: `boolean` is set.
    ERRCAT_VALUE_BOOL = 2,
}

/// One userInfo entry of an error's NSError view. The strings belong to
/// the `errcat_error` and live as long as it does.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct errcat_user_info {
    /// The key (`"NSLocalizedDescription"`, `"ErrcatSymbol"`, …; see the
    /// `ERRCAT_USER_INFO_*` constants).
    pub key: *const c_char,
    /// Which of the value fields is set.
    pub value_type: errcat_value_type,
    /// The string value (NUL-terminated), or NULL.
    pub string: *const c_char,
    /// The string value's length in bytes, without the NUL.
    pub string_len: usize,
    /// The integer value, or 0.
    pub integer: i64,
    /// The boolean value, or false.
    pub boolean: bool,
}

impl errcat_error {
    /// The catalog the error belongs to.
    pub(crate) fn catalog_ref(&self) -> &crate::table::errcat_catalog {
        self.catalog.get()
    }
    /// The position of its entry in the catalog, for a known code.
    pub(crate) fn entry_index(&self) -> Option<usize> {
        self.entry
    }
    /// `errcat_error_message` as text.
    pub(crate) fn message_text(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.message.0[..self.message.len()])
    }
}

fn status_of(e: &errcat::DecodeError) -> errcat_status {
    match e {
        errcat::DecodeError::UnknownCatalog(_) => errcat_status::ERRCAT_STATUS_UNKNOWN_CATALOG,
        errcat::DecodeError::TooLarge(_) => errcat_status::ERRCAT_STATUS_TOO_LARGE,
        errcat::DecodeError::Empty => errcat_status::ERRCAT_STATUS_EMPTY,
        errcat::DecodeError::InvalidUtf8(_) => errcat_status::ERRCAT_STATUS_INVALID_UTF8,
        errcat::DecodeError::Malformed(_) => errcat_status::ERRCAT_STATUS_MALFORMED,
        errcat::DecodeError::MissingCode => errcat_status::ERRCAT_STATUS_MISSING_CODE,
    }
}

fn build(catalog: Held, e: &errcat::ApiError) -> errcat_error {
    let entry = e.entry().and_then(|en| {
        let i = core_catalog(catalog.get()).entry_index(en)?;
        (catalog.get().entries.get(i)?.code == en.code).then_some(i)
    });
    let view = e.ns_error();
    let user_info = view
        .user_info()
        .into_iter()
        .map(|(k, v)| {
            let v = match v {
                errcat::nserror::UserInfoValue::Str(s) => Value::Str(OwnedStr::new(&s)),
                errcat::nserror::UserInfoValue::Int(i) => Value::Int(i),
                errcat::nserror::UserInfoValue::Bool(b) => Value::Bool(b),
            };
            (OwnedStr::new(k), v)
        })
        .collect();
    errcat_error {
        catalog,
        entry,
        code: e.code(),
        symbol: OwnedStr::new(e.symbol()),
        message: OwnedStr::new(&e.message()),
        server_message: e.server_message().map(OwnedStr::new),
        raw_code: OwnedStr::new(&e.raw_code().to_string()),
        kind: e.kind().grpc_code(),
        http_status: e.http_status(),
        retryable: e.retryable(),
        minor: e.minor(),
        minor_detail: e.minor_detail().map(OwnedStr::new),
        reaction: e.reaction().map(OwnedStr::new),
        retry_after_ms: e.retry_after_ms(),
        missing_permission: e.missing_permission().map(OwnedStr::new),
        wait: e.wait(),
        ns_code: view.code,
        user_info,
        response_status: e.response_status(),
        content_type: e.content_type().map(OwnedStr::new),
        body_excerpt: e.body_excerpt().map(OwnedStr::new),
        body_len: e.body_len(),
        from_status: e.is_from_status(),
    }
}

/// Decodes a server's error payload (`len` bytes at `bytes`) against a
/// built-in catalog. On success writes a new error to `*out` and returns
/// `ERRCAT_STATUS_OK`; free it with `errcat_error_free`. On failure writes
/// NULL to `*out` (when `out` is not NULL), returns the reason
/// (`ERRCAT_STATUS_UNKNOWN_CATALOG`, `_TOO_LARGE`, `_EMPTY`,
/// `_INVALID_UTF8`, `_MALFORMED`, `_MISSING_CODE`, `_NULL_ARGUMENT`,
/// `_INVALID_ARGUMENT`) and records it as the thread's last error.
///
/// An unknown code is not a failure: the error comes back with
/// `errcat_error_is_unknown` true, the raw code and the server's message.
/// `len` over `ERRCAT_MAX_PAYLOAD_BYTES` is refused before the bytes are
/// read. `bytes` may be NULL when `len` is 0 (an empty payload).
///
/// # Safety
///
/// `catalog` must be NULL or a NUL-terminated string; `bytes` must be NULL
/// or valid for reads of `len` bytes; `out` must be NULL or valid for one
/// write.
#[no_mangle]
pub unsafe extern "C" fn errcat_decode(
    catalog: *const c_char,
    bytes: *const u8,
    len: usize,
    out: *mut *mut errcat_error,
) -> errcat_status {
    guard(errcat_status::ERRCAT_STATUS_INTERNAL, || {
        if out.is_null() {
            return fail(
                errcat_status::ERRCAT_STATUS_NULL_ARGUMENT,
                format_args!("out is NULL"),
            );
        }
        // SAFETY: `out` is valid for a write (checked non-NULL, promised valid).
        unsafe { *out = ptr::null_mut() };
        // SAFETY: forwarded contract.
        let cat = match unsafe { find_catalog(catalog) } {
            Ok(c) => c,
            Err(s) => return s,
        };
        // SAFETY: forwarded contract; `out` checked.
        unsafe { decode_into(Held::Builtin(cat), bytes, len, out) }
    })
}

/// Decodes a payload against `catalog`, built in or loaded: as
/// `errcat_decode`, with a catalog handle in place of an id (a NULL
/// catalog is `ERRCAT_STATUS_NULL_ARGUMENT`). The error keeps a loaded
/// catalog alive until the error is freed.
///
/// # Safety
///
/// `catalog` must be NULL or a live catalog from this library; `bytes`
/// must be NULL or valid for reads of `len` bytes; `out` must be NULL or
/// valid for one write.
#[no_mangle]
pub unsafe extern "C" fn errcat_catalog_decode(
    catalog: *const errcat_catalog,
    bytes: *const u8,
    len: usize,
    out: *mut *mut errcat_error,
) -> errcat_status {
    guard(errcat_status::ERRCAT_STATUS_INTERNAL, || {
        // SAFETY: forwarded contract.
        if let Err(s) = unsafe { clear_out(out) } {
            return s;
        }
        // SAFETY: forwarded contract.
        if unsafe { catalog_arg(catalog) }.is_none() {
            return errcat_status::ERRCAT_STATUS_NULL_ARGUMENT;
        }
        // SAFETY: a live catalog (caller's contract); `out` checked.
        unsafe { decode_into(Held::of(catalog), bytes, len, out) }
    })
}

/// Checks and clears an out pointer.
///
/// # Safety: `out` is NULL or valid for one write.
unsafe fn clear_out(out: *mut *mut errcat_error) -> Result<(), errcat_status> {
    if out.is_null() {
        return Err(fail(
            errcat_status::ERRCAT_STATUS_NULL_ARGUMENT,
            format_args!("out is NULL"),
        ));
    }
    // SAFETY: non-NULL, valid for a write (caller's contract).
    unsafe { *out = ptr::null_mut() };
    Ok(())
}

/// The shared body of the decode functions.
///
/// # Safety: `bytes` is NULL or valid for `len` reads; `out` is valid for
/// one write.
unsafe fn decode_into(
    cat: Held,
    bytes: *const u8,
    len: usize,
    out: *mut *mut errcat_error,
) -> errcat_status {
    if len > ERRCAT_MAX_PAYLOAD_BYTES {
        let e = errcat::DecodeError::TooLarge(len);
        return fail(status_of(&e), format_args!("{e}"));
    }
    let payload: &[u8] = if len == 0 {
        &[]
    } else if bytes.is_null() {
        return fail(
            errcat_status::ERRCAT_STATUS_NULL_ARGUMENT,
            format_args!("bytes is NULL but len is {len}"),
        );
    } else {
        // SAFETY: non-NULL, valid for `len` reads (promised), and `len`
        // is at most 1 MiB, far below isize::MAX.
        unsafe { std::slice::from_raw_parts(bytes, len) }
    };
    match errcat::decode_with(crate::table::core_ref(cat.get()), payload) {
        Ok(api) => {
            let boxed = Box::new(build(cat, &api));
            // SAFETY: caller's contract.
            unsafe { *out = Box::into_raw(boxed) };
            errcat_status::ERRCAT_STATUS_OK
        }
        Err(e) => fail(status_of(&e), format_args!("{e}")),
    }
}

/// Decodes a whole HTTP response against a built-in catalog (issue 14):
/// its `status`, the values of its `Retry-After` and `Content-Type`
/// headers (each NULL when absent) and its body (`len` bytes at `body`).
/// Returns `ERRCAT_STATUS_OK` and writes to `*out` either a new error (free
/// it with `errcat_error_free`) or NULL when the response is not an error
/// (below 400, without an error payload with a code). The rules are the
/// core's `errcat::http`: a body that is not an error payload (HTML, empty,
/// plain text, JSON without a code, over `ERRCAT_MAX_PAYLOAD_BYTES`) gives
/// an error typed from the status (`errcat_error_is_from_status`), with a
/// bounded `errcat_error_body_excerpt`; `Retry-After` is delta-seconds or
/// an HTTP-date read against `now_unix_seconds` (negative: the system
/// clock), invalid values ignored, delays clamped to one day; the body's
/// own delay wins over the header's. Header values that are not UTF-8 are
/// read with U+FFFD replacements (so such a `Retry-After` is ignored).
///
/// Fails (NULL in `*out`, the reason recorded as the last error) with
/// `ERRCAT_STATUS_UNKNOWN_CATALOG`, `_MALFORMED` (a status outside
/// 100-599), `_NULL_ARGUMENT` (`out` NULL, or `body` NULL with `len` not 0)
/// or `_INVALID_ARGUMENT` (`catalog` not UTF-8).
///
/// # Safety
///
/// `catalog`, `retry_after` and `content_type` must each be NULL or a
/// NUL-terminated string; `body` must be NULL or valid for reads of `len`
/// bytes; `out` must be NULL or valid for one write.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn errcat_decode_response(
    catalog: *const c_char,
    status: u16,
    retry_after: *const c_char,
    content_type: *const c_char,
    body: *const u8,
    len: usize,
    now_unix_seconds: i64,
    out: *mut *mut errcat_error,
) -> errcat_status {
    guard(errcat_status::ERRCAT_STATUS_INTERNAL, || {
        // SAFETY: forwarded contract.
        if let Err(s) = unsafe { clear_out(out) } {
            return s;
        }
        // SAFETY: forwarded contract.
        let cat = match unsafe { find_catalog(catalog) } {
            Ok(c) => c,
            Err(s) => return s,
        };
        let r = Response {
            status,
            retry_after,
            content_type,
            body,
            len,
            now_unix_seconds,
        };
        // SAFETY: forwarded contract; `out` checked.
        unsafe { decode_response_into(Held::Builtin(cat), &r, out) }
    })
}

/// `errcat_decode_response` with a catalog handle, built in or loaded, in
/// place of an id (a NULL catalog is `ERRCAT_STATUS_NULL_ARGUMENT`).
///
/// # Safety
///
/// `catalog` must be NULL or a live catalog from this library;
/// `retry_after` and `content_type` must each be NULL or a NUL-terminated
/// string; `body` must be NULL or valid for reads of `len` bytes; `out`
/// must be NULL or valid for one write.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn errcat_catalog_decode_response(
    catalog: *const errcat_catalog,
    status: u16,
    retry_after: *const c_char,
    content_type: *const c_char,
    body: *const u8,
    len: usize,
    now_unix_seconds: i64,
    out: *mut *mut errcat_error,
) -> errcat_status {
    guard(errcat_status::ERRCAT_STATUS_INTERNAL, || {
        // SAFETY: forwarded contract.
        if let Err(s) = unsafe { clear_out(out) } {
            return s;
        }
        // SAFETY: forwarded contract.
        if unsafe { catalog_arg(catalog) }.is_none() {
            return errcat_status::ERRCAT_STATUS_NULL_ARGUMENT;
        }
        let r = Response {
            status,
            retry_after,
            content_type,
            body,
            len,
            now_unix_seconds,
        };
        // SAFETY: a live catalog (caller's contract); `out` checked.
        unsafe { decode_response_into(Held::of(catalog), &r, out) }
    })
}

/// The arguments of the decode_response functions.
struct Response {
    status: u16,
    retry_after: *const c_char,
    content_type: *const c_char,
    body: *const u8,
    len: usize,
    now_unix_seconds: i64,
}

/// An optional C string, read with U+FFFD for bytes that are not UTF-8.
///
/// # Safety: `p` is NULL or a NUL-terminated string.
unsafe fn opt_lossy<'a>(p: *const c_char) -> Option<std::borrow::Cow<'a, str>> {
    // SAFETY: caller's contract.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_string_lossy())
}

/// The shared body of the decode_response functions.
///
/// # Safety: the pointers of `r` are as the public functions promise;
/// `out` is valid for one write.
unsafe fn decode_response_into(
    cat: Held,
    r: &Response,
    out: *mut *mut errcat_error,
) -> errcat_status {
    let body: &[u8] = if r.len == 0 {
        &[]
    } else if r.body.is_null() {
        return fail(
            errcat_status::ERRCAT_STATUS_NULL_ARGUMENT,
            format_args!("body is NULL but len is {}", r.len),
        );
    } else if r.len > isize::MAX as usize {
        return fail(
            errcat_status::ERRCAT_STATUS_INVALID_ARGUMENT,
            format_args!("len {} is larger than any object", r.len),
        );
    } else {
        // SAFETY: non-NULL, valid for `len` reads (promised), `len` at most
        // isize::MAX. Over the payload limit only the excerpt's bytes and
        // the length are read.
        unsafe { std::slice::from_raw_parts(r.body, r.len) }
    };
    // SAFETY: forwarded contract.
    let retry_after = unsafe { opt_lossy(r.retry_after) };
    // SAFETY: forwarded contract.
    let content_type = unsafe { opt_lossy(r.content_type) };
    let now = if r.now_unix_seconds < 0 {
        std::time::SystemTime::now()
    } else {
        let secs = std::time::Duration::from_secs(r.now_unix_seconds as u64);
        match std::time::UNIX_EPOCH.checked_add(secs) {
            Some(t) => t,
            None => {
                return fail(
                    errcat_status::ERRCAT_STATUS_INVALID_ARGUMENT,
                    format_args!("now_unix_seconds {} is out of range", r.now_unix_seconds),
                )
            }
        }
    };
    let parts = errcat::ResponseParts {
        status: r.status,
        retry_after: retry_after.as_deref(),
        content_type: content_type.as_deref(),
        body,
    };
    match errcat::decode_response_with(crate::table::core_ref(cat.get()), &parts, now) {
        Ok(Some(api)) => {
            let boxed = Box::new(build(cat, &api));
            // SAFETY: caller's contract.
            unsafe { *out = Box::into_raw(boxed) };
            errcat_status::ERRCAT_STATUS_OK
        }
        Ok(None) => errcat_status::ERRCAT_STATUS_OK,
        Err(e) => fail(status_of(&e), format_args!("{e}")),
    }
}

/// The error of a documented entry of a built-in catalog, as if the server
/// had sent its code with no message: `errcat_error_for("spaces",
/// "rate-limited", &err)`. `query` is forgiving, as in `errcat_lookup`. On
/// success writes a new error to `*out` (free it with `errcat_error_free`)
/// and returns `ERRCAT_STATUS_OK`; otherwise writes NULL (when `out` is not
/// NULL) and returns `ERRCAT_STATUS_UNKNOWN_CATALOG`, `_UNKNOWN_CODE`,
/// `_NULL_ARGUMENT` or `_INVALID_ARGUMENT` (not UTF-8), also recorded as
/// the last error.
///
/// # Safety
///
/// `catalog` and `query` must each be NULL or a NUL-terminated string;
/// `out` must be NULL or valid for one write.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_for(
    catalog: *const c_char,
    query: *const c_char,
    out: *mut *mut errcat_error,
) -> errcat_status {
    guard(errcat_status::ERRCAT_STATUS_INTERNAL, || {
        // SAFETY: forwarded contract.
        if let Err(s) = unsafe { clear_out(out) } {
            return s;
        }
        // SAFETY: forwarded contract.
        let cat = match unsafe { find_catalog(catalog) } {
            Ok(c) => c,
            Err(s) => return s,
        };
        // SAFETY: forwarded contract; `out` checked.
        unsafe { error_for_into(Held::Builtin(cat), query, out) }
    })
}

/// `errcat_error_for` on a catalog handle, built in or loaded (a NULL
/// catalog is `ERRCAT_STATUS_NULL_ARGUMENT`). The error keeps a loaded
/// catalog alive until the error is freed.
///
/// # Safety
///
/// `catalog` must be NULL or a live catalog from this library; `query`
/// must be NULL or a NUL-terminated string; `out` must be NULL or valid
/// for one write.
#[no_mangle]
pub unsafe extern "C" fn errcat_catalog_error_for(
    catalog: *const errcat_catalog,
    query: *const c_char,
    out: *mut *mut errcat_error,
) -> errcat_status {
    guard(errcat_status::ERRCAT_STATUS_INTERNAL, || {
        // SAFETY: forwarded contract.
        if let Err(s) = unsafe { clear_out(out) } {
            return s;
        }
        // SAFETY: forwarded contract.
        if unsafe { catalog_arg(catalog) }.is_none() {
            return errcat_status::ERRCAT_STATUS_NULL_ARGUMENT;
        }
        // SAFETY: a live catalog (caller's contract); `out` checked.
        unsafe { error_for_into(Held::of(catalog), query, out) }
    })
}

/// The shared body of the error_for functions.
///
/// # Safety: `query` is NULL or NUL-terminated; `out` is valid for one
/// write.
unsafe fn error_for_into(
    cat: Held,
    query: *const c_char,
    out: *mut *mut errcat_error,
) -> errcat_status {
    // SAFETY: forwarded contract.
    let q = match unsafe { arg_str(query, "query") } {
        Ok(q) => q,
        Err(s) => return s,
    };
    let core = crate::table::core_ref(cat.get());
    let api = core
        .lookup(q)
        .map(|e| e.code)
        .and_then(|code| errcat::ApiError::from_entry(core.clone(), code));
    match api {
        Some(api) => {
            let boxed = Box::new(build(cat, &api));
            // SAFETY: caller's contract.
            unsafe { *out = Box::into_raw(boxed) };
            errcat_status::ERRCAT_STATUS_OK
        }
        None => {
            let id = cat.get().id.to_str().unwrap_or("?");
            fail(
                errcat_status::ERRCAT_STATUS_UNKNOWN_CODE,
                format_args!("{id} has no code or symbol {}", Short(q)),
            )
        }
    }
}

/// Frees an error from `errcat_decode`, `errcat_catalog_decode`,
/// `errcat_decode_response`, `errcat_catalog_decode_response`,
/// `errcat_error_for` or `errcat_catalog_error_for`. NULL is ignored.
///
/// # Safety
///
/// `error` must be NULL or an error from this library not yet freed;
/// no other thread may be using it, and it must not be used afterwards.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_free(error: *mut errcat_error) {
    guard((), || {
        if !error.is_null() {
            // SAFETY: the pointer came from Box::into_raw in errcat_decode
            // and is freed once (caller's contract).
            drop(unsafe { Box::from_raw(error) });
        }
    })
}

/// # Safety: `p` is NULL or a live error from this library.
unsafe fn err_ref<'a>(p: *const errcat_error) -> Option<&'a errcat_error> {
    // SAFETY: caller's contract.
    unsafe { p.as_ref() }
}

fn owned(s: Option<&OwnedStr>) -> *const c_char {
    s.map_or(ptr::null(), OwnedStr::ptr)
}

/// The catalog the error was decoded against (NULL for NULL). Borrowed:
/// valid while the error lives; never pass it to `errcat_catalog_free`.
///
/// # Safety
///
/// `error` must be NULL or a live error from this library. A returned
/// string belongs to the error: do not free it or use it after
/// `errcat_error_free`.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_catalog(error: *const errcat_error) -> *const errcat_catalog {
    // SAFETY: forwarded contract.
    unsafe { with_error(error, ptr::null(), |e| e.catalog.as_ptr()) }
}

/// The table row, or NULL when the table does not know the code (or
/// for NULL). Valid while the error lives (for a built-in catalog: for
/// the life of the process).
///
/// # Safety
///
/// `error` must be NULL or a live error from this library. A returned
/// string belongs to the error: do not free it or use it after
/// `errcat_error_free`.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_entry(error: *const errcat_error) -> *const errcat_entry {
    // SAFETY: forwarded contract.
    unsafe {
        with_error(error, ptr::null(), |e| {
            e.entry
                .and_then(|i| e.catalog.get().entries.get(i))
                .map_or(ptr::null(), |x| x as *const _)
        })
    }
}

/// True when the table does not know the code: the error keeps the raw
/// code and the server's message, and `errcat_error_entry` is NULL. False
/// for NULL.
///
/// # Safety
///
/// `error` must be NULL or a live error from this library.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_is_unknown(error: *const errcat_error) -> bool {
    // SAFETY: forwarded contract.
    unsafe { with_error(error, false, |e| e.entry.is_none()) }
}

/// The integer code: the table's; for an unknown code the raw integer,
/// or 0 for an unknown string code (0 for NULL).
///
/// # Safety
///
/// `error` must be NULL or a live error from this library. A returned
/// string belongs to the error: do not free it or use it after
/// `errcat_error_free`.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_code(error: *const errcat_error) -> i64 {
    // SAFETY: forwarded contract.
    unsafe { with_error(error, 0, |e| e.code) }
}

/// The symbol: the table's; for an unknown code the raw string code, or
/// `"UNKNOWN"` for an unknown integer code (NULL for NULL).
///
/// # Safety
///
/// `error` must be NULL or a live error from this library. A returned
/// string belongs to the error: do not free it or use it after
/// `errcat_error_free`.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_symbol(error: *const errcat_error) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { with_error(error, ptr::null(), |e| e.symbol.ptr()) }
}

/// The canonical kind (`ERRCAT_KIND_UNKNOWN` for an unknown code or NULL).
///
/// # Safety
///
/// `error` must be NULL or a live error from this library.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_kind(error: *const errcat_error) -> errcat_kind {
    // SAFETY: forwarded contract.
    unsafe {
        with_error(error, errcat_kind::ERRCAT_KIND_UNKNOWN, |e| {
            kind_from_grpc(e.kind).unwrap_or(errcat_kind::ERRCAT_KIND_UNKNOWN)
        })
    }
}

/// The canonical kind's snake_case name (`"unknown"` for an unknown
/// code; NULL for NULL). Static.
///
/// # Safety
///
/// `error` must be NULL or a live error from this library. A returned
/// string belongs to the error: do not free it or use it after
/// `errcat_error_free`.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_kind_name(error: *const errcat_error) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe {
        with_error(error, ptr::null(), |e| {
            kind_name(e.kind).map_or(ptr::null(), CStr::as_ptr)
        })
    }
}

/// The HTTP status of the entry (500 for an unknown code; 0 for NULL).
///
/// # Safety
///
/// `error` must be NULL or a live error from this library. A returned
/// string belongs to the error: do not free it or use it after
/// `errcat_error_free`.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_http_status(error: *const errcat_error) -> u16 {
    // SAFETY: forwarded contract.
    unsafe { with_error(error, 0, |e| e.http_status) }
}

/// Whether retrying may succeed: the table's advice, or true whenever
/// the server sent a retry delay or a wait (false for NULL).
///
/// # Safety
///
/// `error` must be NULL or a live error from this library. A returned
/// string belongs to the error: do not free it or use it after
/// `errcat_error_free`.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_retryable(error: *const errcat_error) -> bool {
    // SAFETY: forwarded contract.
    unsafe { with_error(error, false, |e| e.retryable) }
}

/// The message to show: the server's, else the table's, else a
/// description of the unknown code (NULL for NULL).
///
/// # Safety
///
/// `error` must be NULL or a live error from this library. A returned
/// string belongs to the error: do not free it or use it after
/// `errcat_error_free`.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_message(error: *const errcat_error) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { with_error(error, ptr::null(), |e| e.message.ptr()) }
}

/// The length in bytes of `errcat_error_message` (it may hold U+0000
/// if the server sent one; 0 for NULL).
///
/// # Safety
///
/// `error` must be NULL or a live error from this library. A returned
/// string belongs to the error: do not free it or use it after
/// `errcat_error_free`.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_message_len(error: *const errcat_error) -> usize {
    // SAFETY: forwarded contract.
    unsafe { with_error(error, 0, |e| e.message.len()) }
}

/// The message the server sent, or NULL when it sent none.
///
/// # Safety
///
/// `error` must be NULL or a live error from this library. A returned
/// string belongs to the error: do not free it or use it after
/// `errcat_error_free`.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_server_message(error: *const errcat_error) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { with_error(error, ptr::null(), |e| owned(e.server_message.as_ref())) }
}

/// The length in bytes of `errcat_error_server_message` (0 when none).
///
/// # Safety
///
/// `error` must be NULL or a live error from this library. A returned
/// string belongs to the error: do not free it or use it after
/// `errcat_error_free`.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_server_message_len(error: *const errcat_error) -> usize {
    // SAFETY: forwarded contract.
    unsafe {
        with_error(error, 0, |e| {
            e.server_message.as_ref().map_or(0, OwnedStr::len)
        })
    }
}

/// The code exactly as the server sent it, as a string (`"102"`,
/// `"RATE_LIMITED"`; NULL for NULL).
///
/// # Safety
///
/// `error` must be NULL or a live error from this library. A returned
/// string belongs to the error: do not free it or use it after
/// `errcat_error_free`.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_raw_code(error: *const errcat_error) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { with_error(error, ptr::null(), |e| e.raw_code.ptr()) }
}

/// The minor code the server sent: writes it to `*out` (when `out` is
/// not NULL) and returns true; false when absent.
///
/// # Safety
///
/// `error` must be NULL or a live error from this library; `out` must be
/// NULL or valid for one write.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_minor(error: *const errcat_error, out: *mut i64) -> bool {
    // SAFETY: forwarded contract.
    unsafe { with_error_opt(error, out, |e| e.minor) }
}

/// The documented detail of the minor code, or NULL.
///
/// # Safety
///
/// `error` must be NULL or a live error from this library. A returned
/// string belongs to the error: do not free it or use it after
/// `errcat_error_free`.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_minor_detail(error: *const errcat_error) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { with_error(error, ptr::null(), |e| owned(e.minor_detail.as_ref())) }
}

/// What the client should do: the minor code's reaction, else the
/// entry's; NULL when undocumented.
///
/// # Safety
///
/// `error` must be NULL or a live error from this library. A returned
/// string belongs to the error: do not free it or use it after
/// `errcat_error_free`.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_reaction(error: *const errcat_error) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { with_error(error, ptr::null(), |e| owned(e.reaction.as_ref())) }
}

/// The retry delay in milliseconds the server sent: writes it to `*out`
/// (when `out` is not NULL) and returns true; false when absent.
///
/// # Safety
///
/// `error` must be NULL or a live error from this library; `out` must be
/// NULL or valid for one write.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_retry_after_ms(
    error: *const errcat_error,
    out: *mut u64,
) -> bool {
    // SAFETY: forwarded contract.
    unsafe { with_error_opt(error, out, |e| e.retry_after_ms) }
}

/// The permission the caller lacks, as the server sent it, or NULL.
///
/// # Safety
///
/// `error` must be NULL or a live error from this library. A returned
/// string belongs to the error: do not free it or use it after
/// `errcat_error_free`.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_missing_permission(
    error: *const errcat_error,
) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { with_error(error, ptr::null(), |e| owned(e.missing_permission.as_ref())) }
}

/// The messenger protocol's wait parameter: writes it to `*out` (when
/// `out` is not NULL) and returns true; false when absent.
///
/// # Safety
///
/// `error` must be NULL or a live error from this library; `out` must be
/// NULL or valid for one write.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_wait(error: *const errcat_error, out: *mut i64) -> bool {
    // SAFETY: forwarded contract.
    unsafe { with_error_opt(error, out, |e| e.wait) }
}

/// The status of the HTTP response the error came from
/// (`errcat_decode_response`): writes it to `*out` (when `out` is not NULL)
/// and returns true; false for an error from a bare payload.
///
/// # Safety
///
/// `error` must be NULL or a live error from this library; `out` must be
/// NULL or valid for one write.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_response_status(
    error: *const errcat_error,
    out: *mut u16,
) -> bool {
    // SAFETY: forwarded contract.
    unsafe { with_error_opt(error, out, |e| e.response_status) }
}

/// The response's `Content-Type` as sent (trimmed, at most 128
/// characters), or NULL when it had none or the error is not from a
/// response.
///
/// # Safety
///
/// `error` must be NULL or a live error from this library. A returned
/// string belongs to the error: do not free it or use it after
/// `errcat_error_free`.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_content_type(error: *const errcat_error) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { with_error(error, ptr::null(), |e| owned(e.content_type.as_ref())) }
}

/// For an error typed from the HTTP status: the start of the body as
/// UTF-8 text (at most 512 bytes of it, invalid UTF-8 replaced by U+FFFD),
/// ending with `… (N more bytes)` when cut; `""` for an empty body. NULL
/// when the body was decoded as an error or the error is not from a
/// response. The body may hold U+0000: use `errcat_error_body_excerpt_len`.
///
/// # Safety
///
/// `error` must be NULL or a live error from this library. A returned
/// string belongs to the error: do not free it or use it after
/// `errcat_error_free`.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_body_excerpt(error: *const errcat_error) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { with_error(error, ptr::null(), |e| owned(e.body_excerpt.as_ref())) }
}

/// The length in bytes of `errcat_error_body_excerpt` (0 when none).
///
/// # Safety
///
/// `error` must be NULL or a live error from this library.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_body_excerpt_len(error: *const errcat_error) -> usize {
    // SAFETY: forwarded contract.
    unsafe {
        with_error(error, 0, |e| {
            e.body_excerpt.as_ref().map_or(0, OwnedStr::len)
        })
    }
}

/// The size in bytes of the whole body of the response the error came
/// from: writes it to `*out` (when `out` is not NULL) and returns true;
/// false for an error from a bare payload.
///
/// # Safety
///
/// `error` must be NULL or a live error from this library; `out` must be
/// NULL or valid for one write.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_body_len(
    error: *const errcat_error,
    out: *mut usize,
) -> bool {
    // SAFETY: forwarded contract.
    unsafe { with_error_opt(error, out, |e| e.body_len) }
}

/// True when the error is typed from the HTTP status alone: the body was
/// not an error payload with a code (false for NULL).
///
/// # Safety
///
/// `error` must be NULL or a live error from this library.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_is_from_status(error: *const errcat_error) -> bool {
    // SAFETY: forwarded contract.
    unsafe { with_error(error, false, |e| e.from_status) }
}

/// NSError view: the domain (`"errcat.spaces"`; NULL for NULL). Valid
/// while the error lives.
///
/// # Safety
///
/// `error` must be NULL or a live error from this library. A returned
/// string belongs to the error: do not free it or use it after
/// `errcat_error_free`.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_ns_domain(error: *const errcat_error) -> *const c_char {
    // SAFETY: forwarded contract.
    unsafe { with_error(error, ptr::null(), |e| e.catalog.get().domain.as_ptr()) }
}

/// NSError view: the code (the table's integer code, the raw code for
/// an unknown one; 0 for NULL).
///
/// # Safety
///
/// `error` must be NULL or a live error from this library. A returned
/// string belongs to the error: do not free it or use it after
/// `errcat_error_free`.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_ns_code(error: *const errcat_error) -> i64 {
    // SAFETY: forwarded contract.
    unsafe { with_error(error, 0, |e| e.ns_code) }
}

/// NSError view: the number of userInfo entries (0 for NULL).
///
/// # Safety
///
/// `error` must be NULL or a live error from this library. A returned
/// string belongs to the error: do not free it or use it after
/// `errcat_error_free`.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_user_info_count(error: *const errcat_error) -> usize {
    // SAFETY: forwarded contract.
    unsafe { with_error(error, 0, |e| e.user_info.len()) }
}

fn fill(out: *mut errcat_user_info, key: &OwnedStr, v: &Value) {
    let mut info = errcat_user_info {
        key: key.ptr(),
        value_type: errcat_value_type::ERRCAT_VALUE_STRING,
        string: ptr::null(),
        string_len: 0,
        integer: 0,
        boolean: false,
    };
    match v {
        Value::Str(s) => {
            info.string = s.ptr();
            info.string_len = s.len();
        }
        Value::Int(i) => {
            info.value_type = errcat_value_type::ERRCAT_VALUE_INT;
            info.integer = *i;
        }
        Value::Bool(b) => {
            info.value_type = errcat_value_type::ERRCAT_VALUE_BOOL;
            info.boolean = *b;
        }
    }
    // SAFETY: callers pass NULL or a pointer valid for a write (contract).
    if let Some(o) = unsafe { out.as_mut() } {
        *o = info;
    }
}

/// NSError view: the userInfo entry at `index` (in a stable order:
/// description, failure reason, recovery suggestion, symbol, catalog,
/// kind, retryable, then the optional ones). Writes it to `*out` (when not
/// NULL) and returns true; false past the end or for NULL.
///
/// # Safety
///
/// `error` must be NULL or a live error from this library; `out` must be
/// NULL or valid for one write. The strings written belong to the error.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_user_info_at(
    error: *const errcat_error,
    index: usize,
    out: *mut errcat_user_info,
) -> bool {
    guard(false, || {
        // SAFETY: forwarded contract.
        match unsafe { err_ref(error) }.and_then(|e| e.user_info.get(index)) {
            Some((k, v)) => {
                fill(out, k, v);
                true
            }
            None => false,
        }
    })
}

/// NSError view: the userInfo entry with this key (see the
/// `ERRCAT_USER_INFO_*` constants). Writes it to `*out` (when not NULL) and
/// returns true; false when the error has no such entry, or an argument is
/// NULL or not UTF-8.
///
/// # Safety
///
/// `error` must be NULL or a live error from this library; `key` must be
/// NULL or a NUL-terminated string; `out` must be NULL or valid for one
/// write. The strings written belong to the error.
#[no_mangle]
pub unsafe extern "C" fn errcat_error_user_info_get(
    error: *const errcat_error,
    key: *const c_char,
    out: *mut errcat_user_info,
) -> bool {
    guard(false, || {
        // SAFETY: forwarded contract.
        let Some(e) = (unsafe { err_ref(error) }) else {
            return false;
        };
        // SAFETY: forwarded contract.
        let Ok(key) = (unsafe { crate::arg_str(key, "key") }) else {
            return false;
        };
        match e
            .user_info
            .iter()
            .find(|(k, _)| &k.0[..k.len()] == key.as_bytes())
        {
            Some((k, v)) => {
                fill(out, k, v);
                true
            }
            None => false,
        }
    })
}

/// Runs `f` on an error under the panic guard; `null` for a NULL error.
///
/// # Safety
///
/// `error` is NULL or a live error from this library.
unsafe fn with_error<T: Copy>(
    error: *const errcat_error,
    null: T,
    f: impl FnOnce(&errcat_error) -> T,
) -> T {
    // SAFETY: forwarded contract.
    guard(null, || match unsafe { err_ref(error) } {
        Some(e) => f(e),
        None => null,
    })
}

/// Writes an optional value of an error to `out`: true when present.
///
/// # Safety
///
/// `error` is NULL or a live error from this library; `out` is NULL or
/// valid for one write.
unsafe fn with_error_opt<T: Copy>(
    error: *const errcat_error,
    out: *mut T,
    f: impl FnOnce(&errcat_error) -> Option<T>,
) -> bool {
    guard(false, || {
        // SAFETY: forwarded contract.
        let Some(v) = (unsafe { err_ref(error) }).and_then(f) else {
            return false;
        };
        // SAFETY: NULL or valid for a write (contract).
        if let Some(o) = unsafe { out.as_mut() } {
            *o = v;
        }
        true
    })
}
