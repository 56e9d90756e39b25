//! Catalogs loaded at run time (`errcat_load_catalog`,
//! `errcat_parse_catalog`): the same `errcat_catalog` and `errcat_entry`
//! as the built-in ones, whose strings and slices point into storage the
//! catalog owns. A loaded catalog is reference counted (`Arc`): the
//! caller's handle is one reference, every `errcat_error` decoded against
//! it another, so its entries outlive the handle while an error needs them.

#[cfg(not(unix))]
use crate::arg_str;
use crate::table::{errcat_catalog, errcat_entry, CCategory, CMinor, CatalogPtr, Owner, Source};
use crate::{errcat, errcat_status, fail, guard};
use std::ffi::{c_char, CStr, CString};
use std::ptr;
use std::sync::Arc;

/// `format` of `errcat_parse_catalog`: TOML text.
pub const ERRCAT_FORMAT_TOML: i32 = 0;
/// `format` of `errcat_parse_catalog`: JSON text.
pub const ERRCAT_FORMAT_JSON: i32 = 1;

/// What a loaded catalog owns: the core's catalog (for lookups and
/// decoding) and the C copies of its text.
pub(crate) struct Loaded {
    pub(crate) core: Arc<errcat::Catalog>,
    _storage: Storage,
}

/// Heap blocks the catalog's `&'static` fields point into. Held as raw
/// pointers (never as `Box`es, which assert uniqueness when moved) and
/// freed together when the catalog is dropped; nothing reads the fields
/// after that, because the last reference is gone.
#[derive(Default)]
struct Storage {
    strings: Vec<*mut c_char>,
    lists: Vec<*mut [&'static CStr]>,
    minors: Vec<*mut [CMinor]>,
    categories: Option<*mut [CCategory]>,
    entries: Option<*mut [errcat_entry]>,
}

// SAFETY: the blocks are immutable once built and freed only by Drop.
unsafe impl Send for Storage {}
// SAFETY: as above: shared reads only.
unsafe impl Sync for Storage {}

impl Drop for Storage {
    fn drop(&mut self) {
        // SAFETY: each pointer came from `into_raw` of its owning type in
        // this module and is freed exactly once, here.
        unsafe {
            for p in self.strings.drain(..) {
                drop(CString::from_raw(p));
            }
            for p in self.lists.drain(..) {
                drop(Box::from_raw(p));
            }
            for p in self.minors.drain(..) {
                drop(Box::from_raw(p));
            }
            if let Some(p) = self.categories.take() {
                drop(Box::from_raw(p));
            }
            if let Some(p) = self.entries.take() {
                drop(Box::from_raw(p));
            }
        }
    }
}

impl Storage {
    /// A C copy of `s`, valid until the storage is dropped. The caller has
    /// checked that `s` holds no U+0000 ([`first_nul`]).
    fn cstr(&mut self, s: &str) -> &'static CStr {
        let owned = CString::new(s).unwrap_or_default();
        let p = owned.into_raw();
        self.strings.push(p);
        // SAFETY: `p` is a NUL-terminated block that lives until Drop; the
        // catalog holding this reference is dropped with the storage.
        unsafe { CStr::from_ptr(p) }
    }

    fn opt(&mut self, s: &Option<errcat::model::Str>) -> Option<&'static CStr> {
        s.as_deref().map(|s| self.cstr(s))
    }

    fn list(&mut self, items: &[errcat::model::Str]) -> &'static [&'static CStr] {
        let v: Box<[&'static CStr]> = items.iter().map(|s| self.cstr(s)).collect();
        let p = Box::into_raw(v);
        self.lists.push(p);
        // SAFETY: as for `cstr`.
        unsafe { &*p }
    }

    fn minors(&mut self, items: &[errcat::Minor]) -> &'static [CMinor] {
        let v: Box<[CMinor]> = items
            .iter()
            .map(|m| CMinor {
                code: m.code,
                detail: self.opt(&m.detail),
                reaction: self.opt(&m.reaction),
            })
            .collect();
        let p = Box::into_raw(v);
        self.minors.push(p);
        // SAFETY: as for `cstr`.
        unsafe { &*p }
    }
}

/// The first text of `cat` that holds U+0000, which a C string cannot
/// carry: the catalog is refused rather than cut short.
fn first_nul(cat: &errcat::Catalog) -> Option<String> {
    let nul = |s: &str| s.contains('\0');
    let opt = |s: &Option<errcat::model::Str>| s.as_deref().is_some_and(nul);
    if nul(&cat.id) || nul(&cat.name) || nul(&cat.domain) || opt(&cat.description) {
        return Some("the catalog header".into());
    }
    if let Some(k) = cat.categories.iter().find(|k| nul(&k.id) || nul(&k.name)) {
        return Some(format!("category {:?}", errcat::clip(&k.id)));
    }
    cat.entries
        .iter()
        .find(|e| {
            nul(&e.symbol)
                || nul(&e.type_name)
                || nul(&e.message)
                || nul(&e.category)
                || e.causes.iter().any(|s| nul(s))
                || e.aliases.iter().any(|s| nul(s))
                || opt(&e.reaction)
                || opt(&e.request)
                || opt(&e.doc_url)
                || e.deprecation
                    .as_ref()
                    .is_some_and(|d| opt(&d.since) || opt(&d.replaced_by) || opt(&d.note))
                || e.minor_codes
                    .iter()
                    .any(|m| opt(&m.detail) || opt(&m.reaction))
        })
        .map(|e| format!("entry {}", e.code))
}

/// The C catalog of a core catalog, with the same entries in the same
/// order (so an entry's index is the core's).
pub(crate) fn build(core: errcat::Catalog) -> Arc<errcat_catalog> {
    Arc::new_cyclic(|me| {
        // The address the catalog will have; entries point back to it.
        // Only dereferenced once the Arc is built.
        let me = CatalogPtr(me.as_ptr());
        let mut st = Storage::default();
        let categories: Box<[CCategory]> = core
            .categories
            .iter()
            .map(|k| CCategory {
                id: st.cstr(&k.id),
                name: st.cstr(&k.name),
                http_status: k.http_status.map(i32::from).unwrap_or(0),
            })
            .collect();
        let categories = Box::into_raw(categories);
        st.categories = Some(categories);
        let entries: Box<[errcat_entry]> = core
            .entries
            .iter()
            .map(|e| {
                let category_name = match core.category(&e.category) {
                    Some(k) => st.cstr(&k.name),
                    None => st.cstr(&e.category),
                };
                let d = e.deprecation.as_ref();
                errcat_entry {
                    catalog: Owner::Loaded(me),
                    code: e.code,
                    symbol: st.cstr(&e.symbol),
                    type_name: st.cstr(&e.type_name),
                    message: st.cstr(&e.message),
                    category: st.cstr(&e.category),
                    category_name,
                    kind: e.kind.grpc_code(),
                    http_status: e.http_status,
                    retryable: e.retryable,
                    causes: st.list(&e.causes),
                    reaction: st.opt(&e.reaction),
                    wait_required: e.wait_required,
                    server_only: e.server_only,
                    request: st.opt(&e.request),
                    deprecated: d.is_some(),
                    deprecated_since: d.and_then(|d| st.opt(&d.since)),
                    replaced_by: d.and_then(|d| st.opt(&d.replaced_by)),
                    deprecation_note: d.and_then(|d| st.opt(&d.note)),
                    doc_url: st.opt(&e.doc_url),
                    aliases: st.list(&e.aliases),
                    minor_codes: st.minors(&e.minor_codes),
                }
            })
            .collect();
        let entries = Box::into_raw(entries);
        st.entries = Some(entries);
        let wire: &'static CStr = match core.wire {
            errcat::Wire::Int => c"int",
            errcat::Wire::String => c"string",
            errcat::Wire::MajorMinor => c"major_minor",
        };
        errcat_catalog {
            id: st.cstr(&core.id),
            name: st.cstr(&core.name),
            domain: st.cstr(&core.domain),
            wire,
            description: st.opt(&core.description),
            // SAFETY: both blocks live in `st`, dropped with this catalog.
            categories: unsafe { &*categories },
            entries: unsafe { &*entries },
            source: Source::Loaded(Loaded {
                core: Arc::new(core),
                _storage: st,
            }),
        }
    })
}

/// Hands a loaded catalog to C (one reference), or records why not.
///
/// # Safety: `out` is valid for one write.
unsafe fn give(
    out: *mut *mut errcat_catalog,
    result: Result<errcat::Catalog, errcat::CatalogError>,
) -> errcat_status {
    let core = match result {
        Ok(c) => c,
        Err(e) => {
            return fail(
                errcat_status::ERRCAT_STATUS_INVALID_CATALOG,
                format_args!("{e}"),
            )
        }
    };
    if let Some(what) = first_nul(&core) {
        return fail(
            errcat_status::ERRCAT_STATUS_INVALID_CATALOG,
            format_args!(
                "catalog {:?}: {what} holds U+0000, which a C string cannot carry",
                errcat::clip(&core.id)
            ),
        );
    }
    let p = Arc::into_raw(build(core)) as *mut errcat_catalog;
    // SAFETY: caller's contract.
    unsafe { *out = p };
    errcat_status::ERRCAT_STATUS_OK
}

/// Checks and clears an out pointer.
///
/// # Safety: `out` is NULL or valid for one write.
unsafe fn clear_out<T>(out: *mut *mut T) -> Result<(), errcat_status> {
    if out.is_null() {
        return Err(fail(
            errcat_status::ERRCAT_STATUS_NULL_ARGUMENT,
            format_args!("out is NULL"),
        ));
    }
    // SAFETY: caller's contract, and non-NULL.
    unsafe { *out = ptr::null_mut() };
    Ok(())
}

/// Loads and validates a user catalog file (`.toml` or `.json`, at most 8
/// MiB), as every other binding does. On success writes a new catalog to
/// `*out` and returns `ERRCAT_STATUS_OK`; free it with
/// `errcat_catalog_free`. On failure writes NULL to `*out` (when `out` is
/// not NULL) and returns `ERRCAT_STATUS_INVALID_CATALOG` (unreadable file,
/// unknown extension, invalid TOML/JSON, a schema problem, text holding
/// U+0000) or `ERRCAT_STATUS_NULL_ARGUMENT`; the last error message names
/// the file, the entry and the problem.
///
/// The catalog works with every `errcat_catalog_*` function
/// (`errcat_catalog_lookup`, `errcat_catalog_decode`, …); its entries and
/// strings stay valid until it is freed and every error decoded from it is
/// freed. It is not found by id (`errcat_catalog_get`, `errcat_lookup`
/// know the built-in catalogs only).
///
/// On Unix the path is bytes (need not be UTF-8); elsewhere it must be
/// UTF-8.
///
/// # Safety
///
/// `path` must be NULL or a NUL-terminated string; `out` must be NULL or
/// valid for one write.
#[no_mangle]
pub unsafe extern "C" fn errcat_load_catalog(
    path: *const c_char,
    out: *mut *mut errcat_catalog,
) -> errcat_status {
    guard(errcat_status::ERRCAT_STATUS_INTERNAL, || {
        // SAFETY: forwarded contract.
        if let Err(s) = unsafe { clear_out(out) } {
            return s;
        }
        if path.is_null() {
            return fail(
                errcat_status::ERRCAT_STATUS_NULL_ARGUMENT,
                format_args!("path is NULL"),
            );
        }
        #[cfg(unix)]
        let path = {
            use std::os::unix::ffi::OsStrExt;
            // SAFETY: non-NULL and NUL-terminated (caller's contract).
            let bytes = unsafe { CStr::from_ptr(path) }.to_bytes();
            std::path::PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
        };
        #[cfg(not(unix))]
        // SAFETY: forwarded contract.
        let path = match unsafe { arg_str(path, "path") } {
            Ok(s) => std::path::PathBuf::from(s),
            Err(s) => return s,
        };
        // SAFETY: `out` checked above.
        unsafe { give(out, errcat::load_catalog(path)) }
    })
}

/// Parses and validates a user catalog from `len` bytes of text in
/// `format` (`ERRCAT_FORMAT_TOML` or `ERRCAT_FORMAT_JSON`; at most 8 MiB).
/// Results, failures and lifetime as for `errcat_load_catalog` (the
/// messages name the source `<bytes>`); an unknown `format` is
/// `ERRCAT_STATUS_INVALID_ARGUMENT`. `bytes` may be NULL when `len` is 0.
/// The bytes are copied: they may be freed once the call returns.
///
/// # Safety
///
/// `bytes` must be NULL or valid for reads of `len` bytes; `out` must be
/// NULL or valid for one write.
#[no_mangle]
pub unsafe extern "C" fn errcat_parse_catalog(
    bytes: *const u8,
    len: usize,
    format: i32,
    out: *mut *mut errcat_catalog,
) -> errcat_status {
    guard(errcat_status::ERRCAT_STATUS_INTERNAL, || {
        // SAFETY: forwarded contract.
        if let Err(s) = unsafe { clear_out(out) } {
            return s;
        }
        let format = match format_arg(format) {
            Ok(f) => f,
            Err(s) => return s,
        };
        // SAFETY: forwarded contract.
        let text =
            match unsafe { bytes_arg(bytes, len, errcat::schema::MAX_CATALOG_BYTES, "catalog") } {
                Ok(t) => t,
                Err(s) => return s,
            };
        // SAFETY: `out` checked above.
        unsafe { give(out, errcat::parse_catalog(text, format, "<bytes>")) }
    })
}

/// The `format` argument of the functions that read text
/// (`ERRCAT_FORMAT_TOML` or `ERRCAT_FORMAT_JSON`); anything else is
/// `ERRCAT_STATUS_INVALID_ARGUMENT`, recorded as the last error.
pub(crate) fn format_arg(format: i32) -> Result<errcat::Format, errcat_status> {
    match format {
        ERRCAT_FORMAT_TOML => Ok(errcat::Format::Toml),
        ERRCAT_FORMAT_JSON => Ok(errcat::Format::Json),
        other => Err(fail(
            errcat_status::ERRCAT_STATUS_INVALID_ARGUMENT,
            format_args!(
                "format {other} is neither ERRCAT_FORMAT_TOML (0) nor ERRCAT_FORMAT_JSON (1)"
            ),
        )),
    }
}

/// `len` bytes at `bytes` (NULL allowed when `len` is 0), at most `limit`;
/// failures recorded as the last error (`what` names the text: `catalog`,
/// `overlay`).
///
/// # Safety
///
/// `bytes` is NULL or valid for reads of `len` bytes.
pub(crate) unsafe fn bytes_arg<'a>(
    bytes: *const u8,
    len: usize,
    limit: usize,
    what: &str,
) -> Result<&'a [u8], errcat_status> {
    if len == 0 {
        Ok(&[])
    } else if bytes.is_null() {
        Err(fail(
            errcat_status::ERRCAT_STATUS_NULL_ARGUMENT,
            format_args!("bytes is NULL but len is {len}"),
        ))
    } else if len > limit {
        Err(fail(
            errcat_status::ERRCAT_STATUS_INVALID_CATALOG,
            format_args!("<bytes>: {what} is {len} bytes; the limit is {limit}"),
        ))
    } else {
        // SAFETY: non-NULL and valid for `len` reads (caller's contract).
        Ok(unsafe { std::slice::from_raw_parts(bytes, len) })
    }
}

/// Frees a catalog from `errcat_load_catalog` or `errcat_parse_catalog`.
/// NULL and the built-in catalogs (from `errcat_catalog_get`,
/// `errcat_catalog_at`, …) are ignored, so any catalog pointer may be
/// passed. Errors decoded from the catalog keep it alive until they are
/// freed; nothing else of it may be used afterwards.
///
/// # Safety
///
/// `catalog` must be NULL, a built-in catalog, or a loaded catalog not yet
/// freed, passed here once; no other thread may be using the handle.
#[no_mangle]
pub unsafe extern "C" fn errcat_catalog_free(catalog: *mut errcat_catalog) {
    guard((), || {
        if catalog.is_null() || crate::table::is_builtin_ptr(catalog) {
            return;
        }
        // SAFETY: a live catalog from this library (caller's contract).
        if let Source::Loaded(_) = unsafe { &(*catalog).source } {
            // SAFETY: loaded catalogs are handed out by `Arc::into_raw`
            // (`give`); this releases the caller's one reference.
            drop(unsafe { Arc::from_raw(catalog as *const errcat_catalog) });
        }
    })
}

/// One more reference to a catalog: the static one for a built-in, a new
/// `Arc` reference for a loaded one.
pub(crate) enum Held {
    Builtin(&'static errcat_catalog),
    Loaded(Arc<errcat_catalog>),
}

impl Held {
    /// # Safety: `p` is a live catalog from this library, the very pointer
    /// it handed out (a loaded catalog's reference count sits before it,
    /// outside what a `&errcat_catalog` may reach).
    pub(crate) unsafe fn of(p: *const errcat_catalog) -> Held {
        if crate::table::is_builtin_ptr(p) {
            // SAFETY: points into the static table (caller's contract).
            return Held::Builtin(unsafe { &*p });
        }
        // SAFETY: a live loaded catalog (caller's contract), handed out by
        // `Arc::into_raw` (`give`) or `Weak::as_ptr` (an entry's back
        // pointer) and kept alive by the caller's reference: take one more.
        unsafe {
            Arc::increment_strong_count(p);
            Held::Loaded(Arc::from_raw(p))
        }
    }

    /// The catalog's address with the provenance of the whole allocation,
    /// so C may hand it back to `Held::of`.
    pub(crate) fn as_ptr(&self) -> *const errcat_catalog {
        match self {
            Held::Builtin(c) => *c,
            Held::Loaded(c) => Arc::as_ptr(c),
        }
    }

    pub(crate) fn get(&self) -> &errcat_catalog {
        match self {
            Held::Builtin(c) => c,
            Held::Loaded(c) => c,
        }
    }
}
