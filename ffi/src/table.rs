//! Catalogs and entries: static data, looked up without allocating.

use crate::codes::{errcat_kind, kind_from_grpc};
use crate::{arg_str, errcat, errcat_status, fail, guard, Short};
use std::ffi::{c_char, CStr};
use std::ptr;

/// A catalog: built in (static, never freed) or loaded at run time by
/// `errcat_load_catalog` / `errcat_parse_catalog` (owned, freed with
/// `errcat_catalog_free`). Every `errcat_catalog_*` function takes either.
pub struct errcat_catalog {
    pub(crate) source: Source,
    pub(crate) id: &'static CStr,
    pub(crate) name: &'static CStr,
    pub(crate) domain: &'static CStr,
    pub(crate) wire: &'static CStr,
    pub(crate) description: Option<&'static CStr>,
    #[allow(dead_code)] // Read by the tests; kept for a category API.
    pub(crate) categories: &'static [CCategory],
    pub(crate) entries: &'static [errcat_entry],
}

/// Where a catalog's data lives.
pub(crate) enum Source {
    /// Position in `CATALOGS` and in `errcat::catalogs()`.
    Builtin(usize),
    /// Loaded at run time: the fields point into storage held here.
    Loaded(crate::user::Loaded),
}

/// The catalog an entry belongs to.
#[derive(Clone, Copy)]
pub(crate) enum Owner {
    /// Position in `CATALOGS`.
    Builtin(usize),
    /// A loaded catalog, which owns the entry.
    Loaded(CatalogPtr),
}

/// The address of a loaded catalog, from an entry of it.
#[derive(Clone, Copy)]
pub(crate) struct CatalogPtr(pub(crate) *const errcat_catalog);

// SAFETY: the catalog behind it is immutable and thread-safe; the pointer
// is only dereferenced while a reference to the catalog is held.
unsafe impl Send for CatalogPtr {}
// SAFETY: as above.
unsafe impl Sync for CatalogPtr {}

/// A category of a catalog.
pub(crate) struct CCategory {
    #[allow(dead_code)]
    pub(crate) id: &'static CStr,
    #[allow(dead_code)]
    pub(crate) name: &'static CStr,
    #[allow(dead_code)]
    pub(crate) http_status: i32,
}

/// A minor code of an entry.
pub(crate) struct CMinor {
    pub(crate) code: i64,
    pub(crate) detail: Option<&'static CStr>,
    pub(crate) reaction: Option<&'static CStr>,
}

/// One row of the table, safe to share between threads. Never freed by
/// the caller: an entry of a built-in catalog is static, one of a loaded
/// catalog lives as long as that catalog.
pub struct errcat_entry {
    pub(crate) catalog: Owner,
    pub(crate) code: i64,
    pub(crate) symbol: &'static CStr,
    pub(crate) type_name: &'static CStr,
    pub(crate) message: &'static CStr,
    pub(crate) category: &'static CStr,
    pub(crate) category_name: &'static CStr,
    pub(crate) kind: u8,
    pub(crate) http_status: u16,
    pub(crate) retryable: bool,
    pub(crate) causes: &'static [&'static CStr],
    pub(crate) reaction: Option<&'static CStr>,
    pub(crate) wait_required: bool,
    pub(crate) server_only: bool,
    pub(crate) request: Option<&'static CStr>,
    pub(crate) deprecated: bool,
    pub(crate) deprecated_since: Option<&'static CStr>,
    pub(crate) replaced_by: Option<&'static CStr>,
    pub(crate) deprecation_note: Option<&'static CStr>,
    pub(crate) doc_url: Option<&'static CStr>,
    pub(crate) aliases: &'static [&'static CStr],
    pub(crate) minor_codes: &'static [CMinor],
}

include!(concat!(env!("OUT_DIR"), "/ctable.rs"));

/// The core's catalog behind a C catalog.
pub(crate) fn core_catalog(cat: &errcat_catalog) -> &errcat::Catalog {
    match &cat.source {
        Source::Builtin(i) => errcat::catalogs()
            .nth(*i)
            .expect("CATALOGS mirrors errcat::catalogs()"),
        Source::Loaded(l) => &l.core,
    }
}

/// The core's catalog behind a C catalog, as decoding takes it.
pub(crate) fn core_ref(cat: &errcat_catalog) -> errcat::CatalogRef {
    match &cat.source {
        Source::Builtin(i) => errcat::CatalogRef::Builtin(
            errcat::catalogs()
                .nth(*i)
                .expect("CATALOGS mirrors errcat::catalogs()"),
        ),
        Source::Loaded(l) => errcat::CatalogRef::Loaded(l.core.clone()),
    }
}

/// True when `p` points at one of the built-in catalogs.
pub(crate) fn is_builtin_ptr(p: *const errcat_catalog) -> bool {
    CATALOGS.as_ptr_range().contains(&p)
}

/// The C entry for a core entry of the same catalog: same position (the
/// C entries mirror the core's one for one).
pub(crate) fn c_entry<'a>(cat: &'a errcat_catalog, e: &errcat::Entry) -> Option<&'a errcat_entry> {
    let ce = cat.entries.get(core_catalog(cat).entry_index(e)?)?;
    (ce.code == e.code).then_some(ce)
}

/// Finds a catalog by its C-string id without allocating; records the
/// failure otherwise.
///
/// # Safety
///
/// `id` is NULL or a NUL-terminated string.
pub(crate) unsafe fn find_catalog(
    id: *const c_char,
) -> Result<&'static errcat_catalog, errcat_status> {
    if id.is_null() {
        return Err(fail(
            errcat_status::ERRCAT_STATUS_NULL_ARGUMENT,
            format_args!("catalog id is NULL"),
        ));
    }
    // SAFETY: the caller promises a NUL-terminated string.
    let bytes = unsafe { CStr::from_ptr(id) }.to_bytes();
    if let Some(c) = CATALOGS.iter().find(|c| c.id.to_bytes() == bytes) {
        return Ok(c);
    }
    // SAFETY: as above.
    let s = unsafe { arg_str(id, "catalog id") }?;
    Err(fail(
        errcat_status::ERRCAT_STATUS_UNKNOWN_CATALOG,
        format_args!(
            "unknown catalog {} (known: {})",
            Short(s),
            errcat::CATALOG_IDS.join(", ")
        ),
    ))
}

fn opt_str(s: Option<&'static CStr>) -> *const c_char {
    s.map_or(ptr::null(), CStr::as_ptr)
}

/// # Safety: `p` is NULL or a live entry from this library.
unsafe fn entry_ref<'a>(p: *const errcat_entry) -> Option<&'a errcat_entry> {
    // SAFETY: the caller promises NULL or a pointer this library returned,
    // into static data or a live loaded catalog.
    unsafe { p.as_ref() }
}

/// # Safety: `p` is NULL or a live catalog from this library.
unsafe fn catalog_ref<'a>(p: *const errcat_catalog) -> Option<&'a errcat_catalog> {
    // SAFETY: as for entries.
    unsafe { p.as_ref() }
}

fn unknown_code(cat: &errcat_catalog, what: std::fmt::Arguments<'_>) {
    let id = cat.id.to_str().unwrap_or("?");
    fail(
        errcat_status::ERRCAT_STATUS_UNKNOWN_CODE,
        format_args!("{id} has no {what}"),
    );
}

// ---------------------------------------------------------------------------
// Catalogs

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

/// A required catalog argument: NULL is recorded as the last error.
///
/// # Safety: `p` is NULL or a live catalog from this library.
pub(crate) unsafe fn catalog_arg<'a>(p: *const errcat_catalog) -> Option<&'a errcat_catalog> {
    // SAFETY: forwarded contract.
    let c = unsafe { p.as_ref() };
    if c.is_none() {
        fail(
            errcat_status::ERRCAT_STATUS_NULL_ARGUMENT,
            format_args!("catalog is NULL"),
        );
    }
    c
}

fn by_code(c: &errcat_catalog, code: i64) -> *const errcat_entry {
    match core_catalog(c).by_code(code).and_then(|e| c_entry(c, e)) {
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

// ---------------------------------------------------------------------------
// Search

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

// ---------------------------------------------------------------------------
// Entries

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

pub(crate) fn kind_name(grpc: u8) -> Option<&'static CStr> {
    const NAMES: [&CStr; 17] = [
        c"ok",
        c"cancelled",
        c"unknown",
        c"invalid_argument",
        c"deadline_exceeded",
        c"not_found",
        c"already_exists",
        c"permission_denied",
        c"resource_exhausted",
        c"failed_precondition",
        c"aborted",
        c"out_of_range",
        c"unimplemented",
        c"internal",
        c"unavailable",
        c"data_loss",
        c"unauthenticated",
    ];
    NAMES.get(usize::from(grpc)).copied()
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

// ---------------------------------------------------------------------------
// Kinds

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

/// Runs `f` on an entry under the panic guard; `null` for a NULL entry.
///
/// # Safety
///
/// `entry` is NULL or an entry returned by this library.
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
