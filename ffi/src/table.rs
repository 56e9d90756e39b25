//! The C shapes of catalogs and entries, the built-in tables (written by
//! build.rs as static data, looked up without allocating), and the helpers
//! every accessor shares.

// One file per job. cbindgen writes the header's functions in declaration
// order, so the groups below keep that order (rustfmt sorts within a group).
mod catalog;
mod lookup;

mod search;

mod entry;
mod kind;

pub use catalog::*;
pub use entry::*;
pub use kind::*;
pub use lookup::*;
pub use search::*;

use crate::{arg_str, errcat, errcat_status, fail, Short};
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
#[inline]
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
#[inline]
pub(crate) fn c_entry<'a>(cat: &'a errcat_catalog, e: &errcat::Entry) -> Option<&'a errcat_entry> {
    let ce = cat.entries.get(core_catalog(cat).entry_index(e)?)?;
    (ce.code == e.code).then_some(ce)
}

/// The characters of an interned catalog id (`codes.rs`), as C declares them.
pub(crate) const fn id_chars<const N: usize>(id: &[u8; N]) -> [c_char; N] {
    assert!(N > 1 && id[N - 1] == 0, "an id ends with its one NUL");
    let mut out = [0 as c_char; N];
    let mut i = 0;
    while i < N {
        assert!(i == N - 1 || id[i] != 0, "an id ends with its one NUL");
        out[i] = id[i] as c_char;
        i += 1;
    }
    out
}

/// An interned id as the `&CStr` of its catalog: the same address, so
/// `find_catalog` can match it by address.
pub(crate) const fn interned(id: &'static [c_char]) -> &'static CStr {
    // SAFETY: `id_chars` made it: ends with its only NUL.
    unsafe { CStr::from_ptr(id.as_ptr()) }
}

/// Whether the NUL-terminated `arg` equals `id`.
///
/// # Safety
///
/// `arg` is a NUL-terminated string.
#[inline]
unsafe fn same_c_str(arg: *const c_char, id: &CStr) -> bool {
    for (i, &b) in id.to_bytes_with_nul().iter().enumerate() {
        // SAFETY: bytes 0..i of `arg` matched `id`'s non-NUL bytes, so
        // `arg`'s NUL is at `i` or later.
        if unsafe { *arg.add(i) } as u8 != b {
            return false;
        }
    }
    true
}

/// Finds a catalog by its C-string id without allocating; records the
/// failure otherwise. Inlined whole into each caller (the lookups are
/// measured against a `switch`); failures leave through a cold call.
///
/// # Safety
///
/// `id` is NULL or a NUL-terminated string.
#[inline(always)]
pub(crate) unsafe fn find_catalog(
    id: *const c_char,
) -> Result<&'static errcat_catalog, errcat_status> {
    // The interned ids (`errcat_id_<catalog>`) first: an address compare.
    for c in CATALOGS.iter() {
        if ptr::eq(c.id.as_ptr(), id) {
            return Ok(c);
        }
    }
    if id.is_null() {
        // SAFETY: NULL is allowed.
        return Err(unsafe { no_catalog(id) });
    }
    // Any other string: compared byte by byte up to and including each
    // id's NUL, without measuring the argument first: a mismatch (the
    // argument's own NUL at the latest) stops the read, so no byte past its
    // end is touched.
    for c in CATALOGS.iter() {
        // SAFETY: reads stop at the first mismatch or after the id's NUL;
        // the argument is NUL-terminated, so every byte read is inside it.
        if unsafe { same_c_str(id, c.id) } {
            return Ok(c);
        }
    }
    // SAFETY: forwarded contract.
    Err(unsafe { no_catalog(id) })
}

/// Records why `id` names no catalog (NULL, not UTF-8, unknown).
///
/// # Safety
///
/// `id` is NULL or a NUL-terminated string.
#[cold]
#[inline(never)]
unsafe fn no_catalog(id: *const c_char) -> errcat_status {
    // SAFETY: forwarded contract (NULL is reported as such).
    match unsafe { arg_str(id, "catalog id") } {
        Ok(s) => fail(
            errcat_status::ERRCAT_STATUS_UNKNOWN_CATALOG,
            format_args!(
                "unknown catalog {} (known: {})",
                Short(s),
                errcat::CATALOG_IDS.join(", ")
            ),
        ),
        Err(status) => status,
    }
}

pub(crate) fn opt_str(s: Option<&'static CStr>) -> *const c_char {
    s.map_or(ptr::null(), CStr::as_ptr)
}

/// # Safety: `p` is NULL or a live entry from this library.
#[inline]
pub(crate) unsafe fn entry_ref<'a>(p: *const errcat_entry) -> Option<&'a errcat_entry> {
    // SAFETY: the caller promises NULL or a pointer this library returned,
    // into static data or a live loaded catalog.
    unsafe { p.as_ref() }
}

/// # Safety: `p` is NULL or a live catalog from this library.
pub(crate) unsafe fn catalog_ref<'a>(p: *const errcat_catalog) -> Option<&'a errcat_catalog> {
    // SAFETY: as for entries.
    unsafe { p.as_ref() }
}

pub(crate) fn unknown_code(cat: &errcat_catalog, what: std::fmt::Arguments<'_>) {
    let id = cat.id.to_str().unwrap_or("?");
    fail(
        errcat_status::ERRCAT_STATUS_UNKNOWN_CODE,
        format_args!("{id} has no {what}"),
    );
}

/// A required catalog argument: NULL is recorded as the last error.
///
/// # Safety: `p` is NULL or a live catalog from this library.
#[inline]
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
