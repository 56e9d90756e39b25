//! The wasm-bindgen layer of the `errcat` npm package.
//!
//! This is deliberately a narrow, number-and-string interface: the public
//! JavaScript API (`lookup`, `catalogs`, `search`, `decode`, `errorFor`,
//! `parseCatalog`, `decodeResponse`, `fromResponse`, `registerOverlay`, the
//! localized texts, the error classes) lives in `wasm/js/core.js`, which
//! validates every argument before it crosses into wasm and turns the
//! results below into JS objects.
//!
//! A catalog is named by a handle: `0..N` are the built-in catalogs in
//! public order, handles from `N` up are user catalogs made by
//! [`parse_catalog`] (never reused, released by [`free_catalog`]).
//!
//! Why so narrow:
//!
//! * Speed. A lookup passes one string in and gets one integer back (an
//!   index into the catalog's entries, which JS has already turned into
//!   frozen objects), so a lookup costs one boundary crossing and no
//!   object marshalling.
//! * Size. No serde-wasm-bindgen or js-sys: entries come back as JSON
//!   (written by hand, not by serde_json) that `JSON.parse` turns into
//!   objects faster than per-field boundary calls would; a decode answers
//!   with an entry index, a few numbers in wasm memory and the texts
//!   ([`compact_json`]).
//! * No panics. On wasm32-unknown-unknown a panic is an `unreachable` trap
//!   that cannot be caught, so nothing here unwraps, indexes unchecked or
//!   trusts its inputs; out-of-range arguments come back as sentinel values
//!   (`-2`, empty string) that the JS layer reports as errors. Sizes are
//!   bounded on the JS side before a payload is copied into wasm memory.

use errcat::{ApiError, Catalog, CatalogRef, DecodeError, Format};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, UNIX_EPOCH};
use wasm_bindgen::prelude::*;

// A size-class allocator in place of std's dlmalloc (issue 17, size: about
// 7 KB of code less, and faster). wasm32-unknown-unknown without atomics has
// one thread, so plain statics are enough.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOC: classes::Classes = classes::Classes;

/// Blocks of 2^k bytes (k >= 3), each aligned to its size up to a page,
/// kept on one free list per size: a freed block serves the next request of
/// its size. Memory is never given back, as with dlmalloc on wasm.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
mod classes {
    use core::alloc::{GlobalAlloc, Layout};
    use core::arch::wasm32::memory_grow;
    use core::cell::UnsafeCell;
    use core::ptr::null_mut;

    const PAGE: usize = 65536;
    const MAX_ALIGN: usize = 4096;

    struct State {
        free: [usize; 32],
        next: usize,
        end: usize,
    }

    struct Cell(UnsafeCell<State>);
    // One thread (no atomics target feature).
    unsafe impl Sync for Cell {}

    static STATE: Cell = Cell(UnsafeCell::new(State {
        free: [0; 32],
        next: 0,
        end: 0,
    }));

    pub struct Classes;

    /// The size class of a layout, or None when it cannot be served.
    fn class(l: Layout) -> Option<usize> {
        let n = l.size().max(l.align()).max(8);
        if l.align() > MAX_ALIGN || n > 1 << 31 {
            return None;
        }
        Some(n.next_power_of_two().trailing_zeros() as usize)
    }

    unsafe fn carve(st: &mut State, k: usize) -> *mut u8 {
        let size = 1usize << k;
        let align = size.min(MAX_ALIGN);
        let mut at = (st.next + align - 1) & !(align - 1);
        if at < st.next || st.end.saturating_sub(at) < size {
            let pages = (size + align).div_ceil(PAGE);
            let old = memory_grow(0, pages);
            if old == usize::MAX {
                return null_mut();
            }
            let base = old * PAGE;
            if base != st.end {
                st.next = base;
            }
            st.end = base + pages * PAGE;
            at = (st.next + align - 1) & !(align - 1);
        }
        st.next = at + size;
        at as *mut u8
    }

    unsafe impl GlobalAlloc for Classes {
        unsafe fn alloc(&self, l: Layout) -> *mut u8 {
            let Some(k) = class(l) else {
                return null_mut();
            };
            let st = &mut *STATE.0.get();
            let head = st.free[k];
            if head != 0 {
                st.free[k] = *(head as *const usize);
                return head as *mut u8;
            }
            carve(st, k)
        }

        unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
            if let Some(k) = class(l) {
                let st = &mut *STATE.0.get();
                *(p as *mut usize) = st.free[k];
                st.free[k] = p as usize;
            }
        }

        unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
            let Ok(nl) = Layout::from_size_align(new, l.align()) else {
                return null_mut();
            };
            if class(l).is_some() && class(l) == class(nl) {
                return p;
            }
            let q = self.alloc(nl);
            if !q.is_null() {
                core::ptr::copy_nonoverlapping(p, q, l.size().min(new));
                self.dealloc(p, l);
            }
            q
        }
    }
}

/// The built-in catalog ids in public order, separated by `\n`.
#[wasm_bindgen]
pub fn catalog_ids() -> String {
    errcat::CATALOG_IDS.join("\n")
}

/// Limits the JS layer enforces before copying input into wasm memory:
/// `[max payload bytes, max search query bytes, max JSON depth, max catalog bytes,
/// max overlay bytes]`.
#[wasm_bindgen]
pub fn limits() -> Vec<u32> {
    let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    vec![
        clamp(errcat::MAX_PAYLOAD_BYTES),
        clamp(errcat::MAX_QUERY_BYTES),
        clamp(errcat::MAX_DEPTH),
        clamp(errcat::schema::MAX_CATALOG_BYTES),
        clamp(errcat::l10n::MAX_OVERLAY_BYTES),
    ]
}

/// The built-in catalog at `index` (public order).
///
/// The module does not link the core's static tables: about 200 bytes of
/// pointers per entry, which compress poorly. It carries the catalogs'
/// compact encoding instead (its size: reports/bench-js.md) and rebuilds them on first
/// use (`errcat::compact_builtins`, equal to the static tables: tested in
/// the core and below).
fn catalog_at(index: u32) -> Option<&'static Catalog> {
    static BUILTINS: OnceLock<Vec<Catalog>> = OnceLock::new();
    BUILTINS
        .get_or_init(errcat::compact_builtins)
        .get(usize::try_from(index).ok()?)
}

/// User catalogs by `handle - N`; a released one is `None`.
static USER: Mutex<Vec<Option<Arc<Catalog>>>> = Mutex::new(Vec::new());

fn builtin_count() -> u32 {
    errcat::CATALOG_IDS.len() as u32
}

/// The catalog a handle names: built in or parsed by [`parse_catalog`].
fn catalog_ref(handle: u32) -> Option<CatalogRef> {
    match handle.checked_sub(builtin_count()) {
        None => catalog_at(handle).map(CatalogRef::Builtin),
        Some(i) => {
            let user = USER.lock().ok()?;
            user.get(usize::try_from(i).ok()?)?
                .clone()
                .map(CatalogRef::Loaded)
        }
    }
}

/// The whole catalog with this handle as JSON (the core's serde form,
/// snake_case keys), or an empty string when there is no such catalog.
#[wasm_bindgen]
pub fn catalog_json(handle: u32) -> String {
    catalog_ref(handle)
        .map(|c| catalog_out(&c))
        .unwrap_or_default()
}

/// Looks `query` up in the catalog with this handle (an integer string is
/// a code, anything else a forgiving symbol). Returns the entry's index,
/// `-1` when the catalog has no such code or symbol, `-2` when there is no
/// such catalog.
#[wasm_bindgen]
pub fn lookup(catalog: u32, query: &str) -> i32 {
    let Some(cat) = catalog_ref(catalog) else {
        return -2;
    };
    cat.lookup(query)
        .and_then(|e| cat.entry_index(e))
        .and_then(|i| i32::try_from(i).ok())
        .unwrap_or(-1)
}

/// Full-text search in one catalog (built in or user): entry indices.
#[wasm_bindgen]
pub fn search_in(catalog: u32, text: &str) -> Vec<u32> {
    let Some(cat) = catalog_ref(catalog) else {
        return Vec::new();
    };
    cat.search(text)
        .into_iter()
        .filter_map(|e| cat.entry_index(e).and_then(|i| u32::try_from(i).ok()))
        .collect()
}

/// Parses and validates a user catalog in the JSON form of the catalog
/// format (`name` names the source in problems). Returns JSON:
/// `{"handle": n}`, or `{"message", "problems": [{"file", "entry", "problem"}]}`.
///
/// JSON only: the format is a constant here, so the TOML parser is not
/// linked into the module (it would grow it past the package's size
/// ceiling, `tests/js/api.test.mjs`). The JS layer refuses `"toml"` first.
#[wasm_bindgen]
pub fn parse_catalog(text: &[u8], format: &str, name: &str) -> String {
    if format != "json" {
        return problems_json(name, "only the JSON catalog format is supported here");
    }
    match errcat::parse_catalog(text, Format::Json, name) {
        Ok(cat) => {
            let Ok(mut user) = USER.lock() else {
                return problems_json(name, "internal error: catalog registry unavailable");
            };
            let Some(handle) = u32::try_from(user.len())
                .ok()
                .and_then(|i| i.checked_add(builtin_count()))
            else {
                return problems_json(name, "too many catalogs");
            };
            user.push(Some(Arc::new(cat)));
            format!("{{\"handle\":{handle}}}")
        }
        Err(e) => catalog_error_json(&e),
    }
}

/// A catalog (or overlay) error as JSON: `{"message", "problems": [{"file", "entry", "problem"}]}`.
fn catalog_error_json(e: &errcat::CatalogError) -> String {
    let problems: Vec<(&str, Option<&str>, &str)> = e
        .problems
        .iter()
        .map(|p| (&*p.file, p.entry.as_deref(), &*p.problem))
        .collect();
    problems_out(&e.to_string(), &problems)
}

fn problems_json(name: &str, problem: &str) -> String {
    problems_out(&format!("{name}: {problem}"), &[(name, None, problem)])
}

fn problems_out(message: &str, problems: &[(&str, Option<&str>, &str)]) -> String {
    let mut o = Json::default();
    o.open('{');
    o.key("message");
    o.str(message);
    o.key("problems");
    o.open('[');
    for (file, entry, problem) in problems {
        o.item();
        o.open('{');
        o.key("file");
        o.str(file);
        o.key("entry");
        o.opt_str(*entry);
        o.key("problem");
        o.str(problem);
        o.close('}');
    }
    o.close(']');
    o.close('}');
    o.0
}

/// Releases a user catalog (the JS object holding it was collected).
/// Built-in handles and unknown handles are ignored.
#[wasm_bindgen]
pub fn free_catalog(handle: u32) {
    let Some(i) = handle.checked_sub(builtin_count()) else {
        return;
    };
    if let (Ok(mut user), Ok(i)) = (USER.lock(), usize::try_from(i)) {
        if let Some(slot) = user.get_mut(i) {
            *slot = None;
        }
    }
}

/// Registers a translation overlay of a built-in catalog, in its JSON form
/// (validated by the core; it replaces the overlay of the same catalog and
/// locale). Returns an empty string, or [`parse_catalog`]'s problems JSON
/// (nothing is registered then). JSON only, and validated against the
/// rebuilt catalogs: the TOML parser and the static tables would grow the
/// module by about 43 KB and 56 KB gzipped.
#[wasm_bindgen]
pub fn register_overlay(text: &[u8]) -> String {
    const NAME: &str = "<overlay>";
    let mut cat = None;
    let parsed = errcat::l10n::parse_overlay_among(text, Format::Json, NAME, |id| {
        cat = builtin(id);
        cat
    });
    let done = match (parsed, cat) {
        (Ok(o), Some(c)) => errcat::l10n::register_for(c, o),
        (Err(e), _) => Err(e),
        (Ok(_), None) => return problems_json(NAME, "internal error: the catalog is gone"),
    };
    match done {
        Ok(()) => String::new(),
        Err(e) => catalog_error_json(&e),
    }
}

fn builtin(id: &str) -> Option<&'static Catalog> {
    let i = errcat::CATALOG_IDS.iter().position(|c| *c == id)?;
    catalog_at(u32::try_from(i).ok()?)
}

/// Drops every registered overlay (the pseudo-locale stays).
#[wasm_bindgen]
pub fn clear_overlays() {
    errcat::l10n::clear();
}

/// The texts of the entry at `entry` in the locale the preference list
/// `locales` (tags separated by `\n`) selects, by the core's fallback:
/// JSON `{"locale", "message", "causes", "reaction", "minor": [[code,
/// detail, reaction]]}` (`locale` null: the base text), or an empty string
/// when there is no such catalog or entry. A user catalog has no overlays.
#[wasm_bindgen]
pub fn localized(catalog: u32, entry: u32, locales: &str) -> String {
    let Some(cat) = catalog_ref(catalog) else {
        return String::new();
    };
    let Some(e) = usize::try_from(entry).ok().and_then(|i| cat.entries.get(i)) else {
        return String::new();
    };
    let preferred: Vec<&str> = locales.split('\n').collect();
    let t = match &cat {
        CatalogRef::Builtin(c) => errcat::l10n::texts(&c.id, e, &preferred),
        CatalogRef::Loaded(_) => errcat::l10n::texts_in(e, None),
    };
    let mut o = Json::default();
    o.open('{');
    o.key("locale");
    o.opt_str(t.locale.as_deref());
    o.key("message");
    o.str(&t.message);
    o.key("causes");
    o.strs(t.causes.iter().map(String::as_str));
    o.key("reaction");
    o.opt_str(t.reaction.as_deref());
    o.key("minor");
    o.open('[');
    for (code, detail, reaction) in &t.minor_codes {
        o.item();
        o.open('[');
        o.int(*code);
        o.item();
        o.opt_str(detail.as_deref());
        o.item();
        o.opt_str(reaction.as_deref());
        o.close(']');
    }
    o.close(']');
    o.close('}');
    o.0
}

/// The error of the entry at `entry` in the catalog, as if a server had
/// sent it without a message: the same answer as [`decode_bytes`], or an
/// empty string when there is no such catalog or entry.
#[wasm_bindgen]
pub fn error_for(catalog: u32, entry: u32) -> String {
    entry_error(catalog, entry)
        .map(|(cat, e)| compact_json(&cat, &e))
        .unwrap_or_default()
}

/// The NSError view of [`error_for`]'s error, or an empty string.
#[wasm_bindgen]
pub fn ns_error_entry(catalog: u32, entry: u32) -> String {
    entry_error(catalog, entry)
        .map(|(cat, e)| ns_json(&cat, &e))
        .unwrap_or_default()
}

fn entry_error(catalog: u32, entry: u32) -> Option<(CatalogRef, ApiError)> {
    let cat = catalog_ref(catalog)?;
    let code = cat.entries.get(usize::try_from(entry).ok()?)?.code;
    let err = ApiError::from_entry(cat.clone(), code)?;
    Some((cat, err))
}

/// Full-text search over every built-in catalog: pairs of
/// `(catalog index, entry index)`, flattened.
#[wasm_bindgen]
pub fn search(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for ci in 0..errcat::CATALOG_IDS.len() as u32 {
        let Some(cat) = catalog_at(ci) else {
            continue;
        };
        for e in cat.search(text) {
            if let Some(ei) = cat.entry_index(e).and_then(|i| u32::try_from(i).ok()) {
                out.push(ci);
                out.push(ei);
            }
        }
    }
    out
}

/// Decodes a payload given as text. See [`decode_bytes`].
#[wasm_bindgen]
pub fn decode_str(catalog: u32, payload: &str) -> String {
    decode_json(catalog, payload.as_bytes())
}

/// Decodes a payload given as bytes. Returns JSON: the decoded error as
/// [`compact_json`]'s array, or `{"reason", "message"}` when the payload is
/// not an error payload at all (`reason` is the shared vectors' reason
/// string).
#[wasm_bindgen]
pub fn decode_bytes(catalog: u32, payload: &[u8]) -> String {
    decode_json(catalog, payload)
}

/// The NSError view of a payload given as text. See [`ns_error_bytes`].
#[wasm_bindgen]
pub fn ns_error_str(catalog: u32, payload: &str) -> String {
    ns_error_json(catalog, payload.as_bytes())
}

/// The NSError view (`{"domain","code","userInfo"}`) of the error a payload
/// decodes to, or an empty string when it does not decode. Separate from
/// `decode_*` because few callers want it: the JS error computes it on
/// demand by decoding its payload again.
#[wasm_bindgen]
pub fn ns_error_bytes(catalog: u32, payload: &[u8]) -> String {
    ns_error_json(catalog, payload)
}

fn ns_error_json(catalog: u32, payload: &[u8]) -> String {
    let Some(cat) = catalog_ref(catalog) else {
        return String::new();
    };
    let Ok(e) = errcat::decode_with(cat.clone(), payload) else {
        return String::new();
    };
    ns_json(&cat, &e)
}

fn ns_json(cat: &Catalog, e: &ApiError) -> String {
    let mut o = Json::default();
    ns_out(&mut o, cat, e);
    o.0
}

/// `{"domain","code","userInfo"}`, userInfo in the core's key order.
fn ns_out(o: &mut Json, cat: &Catalog, e: &ApiError) {
    use errcat::nserror::UserInfoValue;
    let view = e.ns_error();
    o.open('{');
    o.key("domain");
    o.str(&cat.domain);
    o.key("code");
    o.int(view.code);
    o.key("userInfo");
    o.open('{');
    for (k, v) in view.user_info() {
        o.key(k);
        match v {
            UserInfoValue::Str(s) => o.str(&s),
            UserInfoValue::Int(i) => o.int(i),
            UserInfoValue::Bool(b) => o.bool(b),
        }
    }
    o.close('}');
    o.close('}');
}

/// Decodes an HTTP response with the core's rule
/// (`errcat::decode_response_with`; its module documentation has the rules).
/// `headers` holds every header's name and value as UTF-8, in the response's
/// order, back to back; `lens` their byte lengths (name, value, name, value,
/// …). `ResponseParts::from_headers` picks the headers that matter, so the
/// JS side never does. `now_ms`: the caller's clock, milliseconds since 1970.
///
/// Returns an empty string when the response is not an error,
/// `{"reason", "message"}` when it cannot be decoded (unknown catalog,
/// status outside 100-599), else the decoded error's fields (camelCase,
/// `entry` = the entry's index or -1) plus `response`
/// (the response's fields) and `ns` (the NSError view, computed here as the
/// error keeps no payload to compute it from later).
#[wasm_bindgen]
pub fn decode_response(
    catalog: u32,
    status: f64,
    headers: &[u8],
    lens: &[u32],
    body: &[u8],
    now_ms: f64,
) -> String {
    let Some(cat) = catalog_ref(catalog) else {
        return no_catalog_json(catalog);
    };
    // JS sends a safe integer; the core judges 100-599, this only keeps a
    // u16. (Formatted as an integer: f64 formatting would grow the module.)
    let status = status as i64;
    let Ok(status) = u16::try_from(status) else {
        return failure_json(&DecodeError::Malformed(format!(
            "HTTP status {status} is outside 100-599"
        )));
    };
    let mut fields = Vec::with_capacity(lens.len());
    let mut rest = headers;
    for &n in lens {
        let (field, tail) = rest.split_at(rest.len().min(n as usize));
        fields.push(String::from_utf8_lossy(field));
        rest = tail;
    }
    let pairs: Vec<(&str, &str)> = fields
        .chunks_exact(2)
        .map(|p| (p[0].as_ref(), p[1].as_ref()))
        .collect();
    let parts = errcat::ResponseParts::from_headers(status, &pairs, body);
    // Negative or NaN `as u64` is 0; JS has checked the range already.
    let now = UNIX_EPOCH
        .checked_add(Duration::from_millis(now_ms as u64))
        .unwrap_or(UNIX_EPOCH);
    match errcat::decode_response_with(cat.clone(), &parts, now) {
        Ok(None) => String::new(),
        Ok(Some(e)) => decoded_json_with(&cat, &e, true),
        Err(err) => failure_json(&err),
    }
}

/// A handle the JS layer holds but wasm no longer knows (a bug if it happens).
fn no_catalog_json(catalog: u32) -> String {
    failure_out(
        "unknown_catalog",
        &format!("no catalog with handle {catalog}"),
    )
}

fn failure_json(err: &DecodeError) -> String {
    failure_out(reason(err), &err.to_string())
}

fn failure_out(reason: &str, message: &str) -> String {
    let mut o = Json::default();
    o.open('{');
    o.key("reason");
    o.str(reason);
    o.key("message");
    o.str(message);
    o.close('}');
    o.0
}

/// The vector reason string of a decode error (stable, shared by every binding).
pub fn reason(e: &DecodeError) -> &'static str {
    e.reason()
}

fn decoded_json(cat: &Catalog, e: &ApiError) -> String {
    decoded_json_with(cat, e, false)
}

/// The decoded error's fields (camelCase, as the JS error's), plus
/// `response` for an error decoded from a response and, with `with_ns`,
/// `ns` (the NSError view).
fn decoded_json_with(cat: &Catalog, e: &ApiError, with_ns: bool) -> String {
    let mut o = Json::default();
    o.open('{');
    o.key("entry");
    o.int(
        e.entry()
            .and_then(|en| cat.entry_index(en))
            .map_or(-1, |i| i as i64),
    );
    o.key("code");
    o.int(e.code());
    o.key("symbol");
    o.str(e.symbol());
    o.key("kind");
    o.str(e.kind().as_str());
    o.key("httpStatus");
    o.int(i64::from(e.http_status()));
    o.key("retryable");
    o.bool(e.retryable());
    o.key("message");
    o.str(&e.message());
    o.key("serverMessage");
    o.opt_str(e.server_message());
    o.key("rawCode");
    o.str(&e.raw_code().to_string());
    o.key("minor");
    o.opt_int(e.minor());
    o.key("minorDetail");
    o.opt_str(e.minor_detail());
    o.key("reaction");
    o.opt_str(e.reaction());
    o.key("retryAfterMs");
    match e.retry_after_ms() {
        Some(v) => o.uint(v),
        None => o.null(),
    }
    o.key("missingPermission");
    o.opt_str(e.missing_permission());
    o.key("wait");
    o.opt_int(e.wait());
    if let Some(status) = e.response_status() {
        o.key("response");
        o.open('{');
        o.key("status");
        o.int(i64::from(status));
        o.key("contentType");
        o.opt_str(e.content_type());
        o.key("bodyExcerpt");
        o.opt_str(e.body_excerpt());
        o.key("bodyLen");
        match e.body_len() {
            Some(n) => o.uint(n as u64),
            None => o.null(),
        }
        o.key("isFromStatus");
        o.bool(e.is_from_status());
        o.close('}');
    }
    if with_ns {
        o.key("ns");
        ns_out(&mut o, cat, e);
    }
    o.close('}');
    o.0
}

fn decode_json(catalog: u32, payload: &[u8]) -> String {
    let Some(cat) = catalog_ref(catalog) else {
        return no_catalog_json(catalog);
    };
    match errcat::decode_with(cat.clone(), payload) {
        Ok(e) => compact_json(&cat, &e),
        Err(err) => failure_json(&err),
    }
}

/// A decoded error in few bytes: JS already holds every entry as an object,
/// so a known entry's fields are not sent again (issue 17: building the
/// long field JSON, decoding it to a JS string and parsing it cost more
/// than the decode). The numbers go to [`HEAD`], which core.js reads from
/// wasm memory (no `JSON.parse`: it took a fifth of the wasm call); the
/// string is `#` and then the texts back to back, each as long (in UTF-16
/// units) as its slot in `HEAD` says, -1 for null:
///
/// `HEAD = [entry, flags, minor, wait, retryAfterMs, minorIndex, |rawCode|,
/// |serverMessage|, |missingPermission|, |message|, code, httpStatus,
/// |symbol|, |kind|]`, texts in that order; NaN for a null number.
///
/// * `entry`: the entry's index, or -1 (unknown code: then `message` is
///   always sent, and `code, httpStatus, symbol, kind` too);
/// * `flags`: bit 0 `retryable`; bits 1-2 where `reaction` comes from
///   (0 none, 1 the entry, 2 the minor code at `minorIndex`);
/// * `minorIndex`: the index in the entry's minor codes of the one sent, or -1;
/// * `message`: -1 when it is the entry's own text.
///
/// Every value is the core's answer (`ApiError`'s accessors); JS only picks
/// the entry's field the core's answer points at. An error that does not
/// fit (a response's, whose symbol or message may come from its status)
/// is sent as the full object of [`decoded_json`] instead.
fn compact_json(cat: &Catalog, e: &ApiError) -> String {
    let entry = e.entry();
    let index = entry.and_then(|en| cat.entry_index(en));
    let minor = e.minor_entry();
    let minor_index = match (entry, minor) {
        (Some(en), Some(m)) => en.minor_codes.iter().position(|x| std::ptr::eq(x, m)),
        _ => None,
    };
    let same = |a: Option<&str>, b: Option<&str>| match (a, b) {
        (Some(a), Some(b)) => std::ptr::eq(a, b),
        _ => false,
    };
    let reaction = e.reaction();
    let reaction_from = if reaction.is_none() {
        0
    } else if same(reaction, entry.and_then(|en| en.reaction.as_deref())) {
        1
    } else if minor_index.is_some() && same(reaction, minor.and_then(|m| m.reaction.as_deref())) {
        2
    } else {
        return decoded_json(cat, e);
    };
    if e.response_status().is_some() {
        return decoded_json(cat, e);
    }
    let message = e.message();
    let flags = u8::from(e.retryable()) | reaction_from << 1;
    let opt = |v: Option<i64>| v.map_or(f64::NAN, |v| v as f64);
    let mut head = [f64::NAN; HEAD_LEN];
    head[0] = index.map_or(-1.0, |i| i as f64);
    head[1] = f64::from(flags);
    head[2] = opt(e.minor());
    head[3] = opt(e.wait());
    head[4] = e.retry_after_ms().map_or(f64::NAN, |v| v as f64);
    head[5] = minor_index.map_or(-1.0, |i| i as f64);
    let mut out = Texts(String::with_capacity(64 + message.len()));
    out.0.push('#');
    head[6] = match e.raw_code() {
        errcat::RawCode::Int(i) => out.put(Some(&i.to_string())),
        errcat::RawCode::Str(s) => out.put(Some(s)),
    };
    head[7] = out.put(e.server_message());
    head[8] = out.put(e.missing_permission());
    match entry {
        Some(en) => {
            // The entry's fields are the error's unless the core says otherwise.
            let own = e.code() == en.code
                && std::ptr::eq(e.symbol(), &*en.symbol)
                && e.kind() == en.kind
                && e.http_status() == en.http_status;
            if !own || index.is_none() {
                return decoded_json(cat, e);
            }
            let text = (!same(Some(&message), Some(&en.message))).then_some(&*message);
            head[9] = out.put(text);
        }
        None => {
            head[9] = out.put(Some(&message));
            head[10] = e.code() as f64;
            head[11] = f64::from(e.http_status());
            head[12] = out.put(Some(e.symbol()));
            head[13] = out.put(Some(e.kind().as_str()));
        }
    }
    HEAD.with(|h| h.set(head));
    out.0
}

const HEAD_LEN: usize = 14;

thread_local! {
    /// The numbers of the last compact answer (see [`compact_json`]).
    /// One thread on wasm: a plain static at a fixed address.
    static HEAD: std::cell::Cell<[f64; HEAD_LEN]> = const { std::cell::Cell::new([f64::NAN; HEAD_LEN]) };
}

/// Where core.js reads [`HEAD`] (a byte offset in wasm memory).
#[wasm_bindgen]
pub fn answer_head() -> usize {
    HEAD.with(|h| h.as_ptr() as usize)
}

/// The texts of a compact answer, back to back.
struct Texts(String);

impl Texts {
    /// Appends `s`; its length in UTF-16 units, or -1 for `None`.
    fn put(&mut self, s: Option<&str>) -> f64 {
        match s {
            Some(s) => {
                self.0.push_str(s);
                s.chars().map(char::len_utf16).sum::<usize>() as f64
            }
            None => -1.0,
        }
    }
}

/// The catalog in the core's serde form (snake_case keys, every field).
fn catalog_out(c: &Catalog) -> String {
    let mut o = Json::default();
    o.open('{');
    o.key("id");
    o.str(&c.id);
    o.key("name");
    o.str(&c.name);
    o.key("domain");
    o.str(&c.domain);
    o.key("wire");
    o.str(c.wire.as_str());
    o.key("source");
    o.opt_str(c.source.as_deref());
    o.key("description");
    o.opt_str(c.description.as_deref());
    o.key("categories");
    o.open('[');
    for k in c.categories.iter() {
        o.item();
        o.open('{');
        o.key("id");
        o.str(&k.id);
        o.key("name");
        o.str(&k.name);
        o.key("http_status");
        o.opt_int(k.http_status.map(i64::from));
        o.close('}');
    }
    o.close(']');
    o.key("entries");
    o.open('[');
    for e in c.entries.iter() {
        o.item();
        entry_out(&mut o, e);
    }
    o.close(']');
    o.close('}');
    o.0
}

fn entry_out(o: &mut Json, e: &errcat::Entry) {
    o.open('{');
    o.key("code");
    o.int(e.code);
    o.key("symbol");
    o.str(&e.symbol);
    o.key("symbol_derived");
    o.bool(e.symbol_derived);
    o.key("aliases");
    o.strs(e.aliases.iter().map(|a| &**a));
    o.key("type_name");
    o.str(&e.type_name);
    o.key("message");
    o.str(&e.message);
    o.key("message_derived");
    o.bool(e.message_derived);
    o.key("category");
    o.str(&e.category);
    o.key("kind");
    o.str(e.kind.as_str());
    o.key("http_status");
    o.int(i64::from(e.http_status));
    o.key("http_status_documented");
    o.bool(e.http_status_documented);
    o.key("retryable");
    o.bool(e.retryable);
    o.key("causes");
    o.strs(e.causes.iter().map(|a| &**a));
    o.key("reaction");
    o.opt_str(e.reaction.as_deref());
    o.key("wait");
    o.bool(e.wait_required);
    o.key("server_only");
    o.bool(e.server_only);
    o.key("request");
    o.opt_str(e.request.as_deref());
    o.key("request_anchor");
    o.opt_str(e.request_anchor.as_deref());
    o.key("deprecation");
    match &e.deprecation {
        Some(d) => {
            o.open('{');
            o.key("since");
            o.opt_str(d.since.as_deref());
            o.key("replaced_by");
            o.opt_str(d.replaced_by.as_deref());
            o.key("note");
            o.opt_str(d.note.as_deref());
            o.close('}');
        }
        None => o.null(),
    }
    o.key("doc_url");
    o.opt_str(e.doc_url.as_deref());
    o.key("note");
    o.opt_str(e.note.as_deref());
    o.key("minor");
    o.open('[');
    for m in e.minor_codes.iter() {
        o.item();
        o.open('{');
        o.key("code");
        o.int(m.code);
        o.key("detail");
        o.opt_str(m.detail.as_deref());
        o.key("reaction");
        o.opt_str(m.reaction.as_deref());
        o.close('}');
    }
    o.close(']');
    o.close('}');
}

/// A small JSON writer for every answer of the module (issue 17, size:
/// serde_json's serializer and the derived `Serialize` impls it drives
/// cost more). Commas come from [`Json::key`] and [`Json::item`].
#[derive(Default)]
struct Json(String);

impl Json {
    fn open(&mut self, c: char) {
        self.0.push(c);
    }

    fn close(&mut self, c: char) {
        self.0.push(c);
    }

    /// Before an array element: a comma unless it is the first.
    fn item(&mut self) {
        if !self.0.ends_with('[') {
            self.0.push(',');
        }
    }

    /// An object key (a plain ASCII name), with its comma and colon.
    fn key(&mut self, k: &str) {
        if !self.0.ends_with('{') {
            self.0.push(',');
        }
        self.0.push('"');
        self.0.push_str(k);
        self.0.push_str("\":");
    }

    fn null(&mut self) {
        self.0.push_str("null");
    }

    fn bool(&mut self, b: bool) {
        self.0.push_str(if b { "true" } else { "false" });
    }

    fn uint(&mut self, mut v: u64) {
        let mut buf = [0u8; 20];
        let mut i = buf.len();
        loop {
            i -= 1;
            buf[i] = b'0' + (v % 10) as u8;
            v /= 10;
            if v == 0 {
                break;
            }
        }
        // Only ASCII digits were written.
        self.0
            .push_str(std::str::from_utf8(buf.get(i..).unwrap_or_default()).unwrap_or("0"));
    }

    fn int(&mut self, v: i64) {
        if v < 0 {
            self.0.push('-');
        }
        self.uint(v.unsigned_abs());
    }

    fn opt_int(&mut self, v: Option<i64>) {
        match v {
            Some(v) => self.int(v),
            None => self.null(),
        }
    }

    /// A JSON string; `"`, `\\` and control characters as `\\u00XX`.
    fn str(&mut self, s: &str) {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        self.0.push('"');
        let mut run = 0;
        for (i, b) in s.bytes().enumerate() {
            if b != b'"' && b != b'\\' && b >= 0x20 {
                continue;
            }
            // Escapes start at ASCII bytes, so `run..i` is on char boundaries.
            self.0.push_str(s.get(run..i).unwrap_or_default());
            self.0.push_str("\\u00");
            self.0.push(char::from(HEX[usize::from(b >> 4)]));
            self.0.push(char::from(HEX[usize::from(b & 15)]));
            run = i + 1;
        }
        self.0.push_str(s.get(run..).unwrap_or_default());
        self.0.push('"');
    }

    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }

    fn strs<'a>(&mut self, items: impl Iterator<Item = &'a str>) {
        self.open('[');
        for s in items {
            self.item();
            self.str(s);
        }
        self.close(']');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compact answer (the text and [`HEAD`] after it was made) as the
    /// array `[[entry, flags, rawCode, serverMessage, minor, wait,
    /// retryAfterMs, missingPermission, minorIndex], message, code, symbol,
    /// kind, httpStatus]` (the last four for an unknown code only).
    fn compact(text: &str) -> serde_json::Value {
        use serde_json::{json, Value};
        let h = HEAD.with(|h| h.get());
        let units: Vec<u16> = text.strip_prefix('#').expect(text).encode_utf16().collect();
        let mut at = 0;
        let mut take = |n: f64| -> Value {
            if n < 0.0 {
                return Value::Null;
            }
            let s = String::from_utf16(&units[at..at + n as usize]).unwrap();
            at += n as usize;
            json!(s)
        };
        let num = |v: f64| {
            if v.is_nan() {
                Value::Null
            } else {
                json!(v as i64)
            }
        };
        let (raw, server, perm, message) = (take(h[6]), take(h[7]), take(h[8]), take(h[9]));
        let mut v = json!([
            [
                num(h[0]),
                num(h[1]),
                raw,
                server,
                num(h[2]),
                num(h[3]),
                num(h[4]),
                perm,
                num(h[5])
            ],
            message
        ]);
        if h[0] < 0.0 {
            let (symbol, kind) = (take(h[12]), take(h[13]));
            for x in [num(h[10]), symbol, kind, num(h[11])] {
                v.as_array_mut().unwrap().push(x);
            }
        }
        assert_eq!(at, units.len(), "{text}");
        v
    }

    #[test]
    fn lookup_returns_indices() {
        let ids: Vec<String> = catalog_ids().split('\n').map(str::to_string).collect();
        let rtc = ids.iter().position(|i| i == "rtc").unwrap() as u32;
        let i = lookup(rtc, "102");
        assert!(i >= 0);
        assert_eq!(
            errcat::catalog("rtc").unwrap().entries[i as usize].symbol,
            "userNotFound"
        );
        assert_eq!(lookup(rtc, "no such thing"), -1);
        assert_eq!(lookup(99, "102"), -2);
    }

    #[test]
    fn every_entry_index_round_trips() {
        for (ci, cat) in errcat::catalogs().enumerate() {
            for (i, e) in cat.entries.iter().enumerate() {
                assert_eq!(cat.entry_index(e), Some(i));
                assert_eq!(
                    lookup(ci as u32, &e.code.to_string()),
                    i as i32,
                    "{} {}",
                    cat.id,
                    e.code
                );
            }
        }
    }

    #[test]
    fn decode_reports_reasons() {
        let v: serde_json::Value = serde_json::from_str(&decode_str(2, "{")).unwrap();
        assert_eq!(v["reason"], "malformed");
        let v: serde_json::Value = serde_json::from_str(&decode_bytes(2, &[0xff])).unwrap();
        assert_eq!(v["reason"], "invalid_utf8");
        let v: serde_json::Value = serde_json::from_str(&decode_str(7, "1")).unwrap();
        assert_eq!(v["reason"], "unknown_catalog");
        let v = compact(&decode_str(
            2,
            r#"{"error":{"code":"RATE_LIMITED","retry_after_ms":5}}"#,
        ));
        let i = v[0][0].as_u64().unwrap() as usize;
        assert_eq!(catalog_at(2).unwrap().entries[i].symbol, "RATE_LIMITED");
        assert_eq!(v[0][6], 5);
        let ns: serde_json::Value = serde_json::from_str(&ns_error_str(
            2,
            r#"{"error":{"code":"RATE_LIMITED","retry_after_ms":5}}"#,
        ))
        .unwrap();
        assert_eq!(ns["userInfo"]["ErrcatRetryAfterMs"], 5);
        assert_eq!(ns["domain"], "errcat.spaces");
        assert!(ns_error_str(2, "{").is_empty());
        assert!(catalog_json(99).is_empty());
        assert!(catalog_json(0).starts_with('{'));
    }

    /// What the module rebuilds at run time is the core's static table,
    /// field for field, with every entry at the same index.
    #[test]
    fn runtime_catalogs_equal_the_static_ones() {
        assert_eq!(catalog_ids(), errcat::CATALOG_IDS.join("\n"));
        for (ci, cat) in errcat::catalogs().enumerate() {
            let loaded = catalog_at(ci as u32).expect("rebuilt");
            assert_eq!(
                serde_json::from_str::<serde_json::Value>(&catalog_json(ci as u32)).unwrap(),
                serde_json::to_value(cat).unwrap()
            );
            assert_eq!(loaded.entries, cat.entries);
            for q in ["rate limit", "not found", "token"] {
                let hits: Vec<u32> = search(q)
                    .chunks(2)
                    .filter(|p| p[0] == ci as u32)
                    .map(|p| p[1])
                    .collect();
                let want: Vec<u32> = cat
                    .search(q)
                    .into_iter()
                    .map(|e| cat.entry_index(e).unwrap() as u32)
                    .collect();
                assert_eq!(hits, want, "{} {q}", cat.id);
            }
        }
        assert!(catalog_at(errcat::CATALOG_IDS.len() as u32).is_none());
    }

    const USER_JSON: &str = r#"{
        "catalog": { "id": "billing", "name": "Billing", "wire": "string" },
        "category": [{ "id": "pay", "name": "Payments" }],
        "entry": [{ "code": 1, "symbol": "CARD_DECLINED", "message": "The card was declined.",
                    "category": "pay", "kind": "failed_precondition" }]
    }"#;

    #[test]
    fn user_catalogs_by_handle() {
        let v: serde_json::Value =
            serde_json::from_str(&parse_catalog(USER_JSON.as_bytes(), "json", "b.json")).unwrap();
        let h = v["handle"].as_u64().unwrap() as u32;
        assert!(h >= builtin_count());
        assert_eq!(lookup(h, "card-declined"), 0);
        assert_eq!(lookup(h, "1"), 0);
        assert_eq!(lookup(h, "nope"), -1);
        assert_eq!(search_in(h, "declined"), vec![0]);
        let d = compact(&decode_str(h, r#""CARD_DECLINED""#));
        assert_eq!(d[0][0], 0);
        let made = compact(&error_for(h, 0));
        assert_eq!(made[0][2], "CARD_DECLINED");
        assert_eq!(made[0][3], serde_json::Value::Null);
        let ns: serde_json::Value = serde_json::from_str(&ns_error_entry(h, 0)).unwrap();
        assert_eq!(ns["domain"], "errcat.billing");
        assert!(error_for(h, 1).is_empty());
        assert!(catalog_json(h).contains("CARD_DECLINED"));
        free_catalog(h);
        assert_eq!(lookup(h, "1"), -2);
        assert!(catalog_json(h).is_empty());
        let gone: serde_json::Value = serde_json::from_str(&decode_str(h, "1")).unwrap();
        assert_eq!(gone["reason"], "unknown_catalog");
        // Built-in handles cannot be freed.
        free_catalog(0);
        assert!(lookup(0, "101") >= 0);
    }

    #[test]
    fn bad_user_catalogs_report_problems() {
        let v: serde_json::Value = serde_json::from_str(&parse_catalog(
            br#"{"catalog":{"id":"x"}}"#,
            "json",
            "x.json",
        ))
        .unwrap();
        assert!(v["handle"].is_null());
        assert_eq!(v["problems"][0]["file"], "x.json");
        for format in ["toml", "yaml"] {
            let v: serde_json::Value =
                serde_json::from_str(&parse_catalog(b"{}", format, "x")).unwrap();
            assert!(v["problems"][0]["problem"]
                .as_str()
                .unwrap()
                .contains("JSON"));
        }
        let v: serde_json::Value =
            serde_json::from_str(&parse_catalog(&[0xff, 0xfe], "json", "x.json")).unwrap();
        assert!(!v["problems"].as_array().unwrap().is_empty());
    }

    #[test]
    fn error_for_builtin_entries() {
        for (ci, cat) in errcat::catalogs().enumerate() {
            for (i, e) in cat.entries.iter().enumerate() {
                let v = compact(&error_for(ci as u32, i as u32));
                assert_eq!(v[0][0], i as i64, "{} {}", cat.id, e.symbol);
                assert_eq!(v[1], serde_json::Value::Null, "the entry's own message");
            }
            assert!(error_for(ci as u32, cat.entries.len() as u32).is_empty());
        }
    }

    /// Headers flattened as the JS layer sends them: UTF-8 back to back, byte lengths.
    fn flat(headers: &[(&str, &str)]) -> (Vec<u8>, Vec<u32>) {
        let mut bytes = Vec::new();
        let mut lens = Vec::new();
        for (k, v) in headers {
            for s in [k, v] {
                bytes.extend_from_slice(s.as_bytes());
                lens.push(s.len() as u32);
            }
        }
        (bytes, lens)
    }

    fn response(
        catalog: u32,
        status: f64,
        headers: &[(&str, &str)],
        body: &[u8],
        now_ms: f64,
    ) -> String {
        let (h, l) = flat(headers);
        decode_response(catalog, status, &h, &l, body, now_ms)
    }

    #[test]
    fn responses_use_the_core_rule() {
        let rtc = lookup_catalog("rtc");
        // The core picks the first Retry-After, whatever its case.
        let v: serde_json::Value = serde_json::from_str(&response(
            rtc,
            503.0,
            &[
                ("x-é", "ü"),
                ("rEtRy-AfTeR", "120"),
                ("Retry-After", "9"),
                ("content-type", "text/html"),
            ],
            b"<html>busy</html>",
            0.0,
        ))
        .unwrap();
        assert_eq!(v["symbol"], "HTTP_503");
        assert_eq!(v["kind"], "unavailable");
        assert_eq!(v["retryAfterMs"], 120_000);
        assert_eq!(v["response"]["status"], 503);
        assert_eq!(v["response"]["isFromStatus"], true);
        assert_eq!(v["response"]["contentType"], "text/html");
        assert_eq!(v["response"]["bodyExcerpt"], "<html>busy</html>");
        assert_eq!(v["response"]["bodyLen"], 17);
        assert_eq!(v["ns"]["domain"], "errcat.rtc");
        assert_eq!(v["ns"]["userInfo"]["ErrcatResponseStatus"], 503);
        // An HTTP-date is read against now_ms.
        let v: serde_json::Value = serde_json::from_str(&response(
            rtc,
            503.0,
            &[("Retry-After", "Wed, 21 Oct 2015 07:30:00 GMT")],
            b"",
            1_445_412_480_000.0,
        ))
        .unwrap();
        assert_eq!(v["retryAfterMs"], 120_000);
        // A body payload keeps the response status, no excerpt.
        let v: serde_json::Value =
            serde_json::from_str(&response(rtc, 404.0, &[], br#"{"code":102}"#, 0.0)).unwrap();
        assert_eq!(v["symbol"], "userNotFound");
        assert_eq!(v["response"]["isFromStatus"], false);
        assert_eq!(v["response"]["bodyExcerpt"], serde_json::Value::Null);
        // Not an error; plain decode has no response fields.
        assert_eq!(response(rtc, 200.0, &[], b"{}", 0.0), "");
        assert!(!decode_str(rtc, "102").contains("response"));
    }

    #[test]
    fn bad_response_input_never_panics() {
        for status in [0.0, 99.0, 600.0, 65536.0, -1.0, f64::NAN, 1e300] {
            let v: serde_json::Value =
                serde_json::from_str(&response(0, status, &[], b"", 0.0)).unwrap();
            assert_eq!(v["reason"], "malformed", "{status}");
        }
        let v: serde_json::Value =
            serde_json::from_str(&response(99, 503.0, &[], b"", 0.0)).unwrap();
        assert_eq!(v["reason"], "unknown_catalog");
        // Lengths that do not match the bytes, an odd count, a split inside a character.
        for lens in [&[100u32, 100][..], &[1], &[1, 1, 1], &[u32::MAX, 0]] {
            let v: serde_json::Value = serde_json::from_str(&decode_response(
                0,
                503.0,
                "é-retry-after".as_bytes(),
                lens,
                b"x",
                f64::MAX,
            ))
            .unwrap();
            assert_eq!(v["response"]["status"], 503);
        }
    }

    #[test]
    fn localized_texts_and_overlays() {
        let rtc = lookup_catalog("rtc");
        let i = lookup(rtc, "102") as u32;
        let t: serde_json::Value = serde_json::from_str(&localized(rtc, i, "x\nen-XA")).unwrap();
        assert_eq!(t["locale"], "en-XA");
        assert!(t["message"].as_str().unwrap().starts_with('['));
        let base: serde_json::Value =
            serde_json::from_str(&localized(rtc, i, "en-US\nen-XA")).unwrap();
        assert_eq!(base["locale"], serde_json::Value::Null);
        assert!(localized(rtc, 100_000, "").is_empty());
        assert!(localized(99, 0, "").is_empty());
        let pt = r#"{"overlay":{"catalog":"rtc","locale":"pt"},"entry":{"userNotFound":{"message":"Fora"}}}"#;
        assert_eq!(register_overlay(pt.as_bytes()), "");
        let t: serde_json::Value = serde_json::from_str(&localized(rtc, i, "pt-BR")).unwrap();
        assert_eq!(
            (t["locale"].as_str(), t["message"].as_str()),
            (Some("pt"), Some("Fora"))
        );
        for bad in [
            pt.replace("userNotFound", "nope"),
            "{".into(),
            pt.replace("\"rtc\"", "\"x\""),
        ] {
            let v: serde_json::Value =
                serde_json::from_str(&register_overlay(bad.as_bytes())).unwrap();
            assert!(!v["problems"].as_array().unwrap().is_empty(), "{bad}");
        }
        clear_overlays();
        let t: serde_json::Value = serde_json::from_str(&localized(rtc, i, "pt")).unwrap();
        assert_eq!(t["locale"], serde_json::Value::Null);
    }

    fn lookup_catalog(id: &str) -> u32 {
        catalog_ids().split('\n').position(|i| i == id).unwrap() as u32
    }

    /// The compact answer, read as core.js reads it (the entry's own fields
    /// from the entry), gives the same fields as the full object.
    fn expand(cat: &Catalog, text: &str) -> serde_json::Value {
        use serde_json::{json, Value};
        let r = compact(text);
        let h = &r[0];
        let flags = h[1].as_u64().unwrap();
        let mut v = json!({
            "entry": h[0], "retryable": flags & 1 == 1, "serverMessage": h[3], "rawCode": h[2],
            "minor": h[4], "wait": h[5], "retryAfterMs": h[6], "missingPermission": h[7],
        });
        match usize::try_from(h[0].as_i64().unwrap()) {
            Ok(i) => {
                let e = &cat.entries[i];
                let m = usize::try_from(h[8].as_i64().unwrap())
                    .ok()
                    .map(|m| &e.minor_codes[m]);
                v["code"] = json!(e.code);
                v["symbol"] = json!(e.symbol);
                v["kind"] = json!(e.kind.as_str());
                v["httpStatus"] = json!(e.http_status);
                v["message"] = if r[1].is_null() {
                    json!(e.message)
                } else {
                    r[1].clone()
                };
                v["minorDetail"] = json!(m.and_then(|m| m.detail.clone()));
                v["reaction"] = match (flags >> 1) & 3 {
                    1 => json!(e.reaction),
                    2 => json!(m.unwrap().reaction),
                    _ => Value::Null,
                };
            }
            Err(_) => {
                for (k, at) in [
                    ("message", 1),
                    ("code", 2),
                    ("symbol", 3),
                    ("kind", 4),
                    ("httpStatus", 5),
                ] {
                    v[k] = r[at].clone();
                }
                v["minorDetail"] = Value::Null;
                v["reaction"] = Value::Null;
            }
        }
        v
    }

    /// Numbers as JS sees them (a double), as `JSON.parse` and a read of
    /// [`HEAD`] both give.
    fn js(v: serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match v {
            Value::Number(n) => serde_json::json!(n.as_f64().unwrap()),
            Value::Object(m) => Value::Object(m.into_iter().map(|(k, v)| (k, js(v))).collect()),
            v => v,
        }
    }

    #[test]
    fn compact_answers_equal_the_full_fields() {
        let payloads = [
            r#"{"error":{"code":"RATE_LIMITED","message":"Slow \"down\"\n\u0001 é 😀","retry_after_ms":1500,"missing_permission":"a\\b"}}"#,
            r#"{"major":203,"minor":5,"wait":30}"#,
            r#"{"major":203,"minor":999}"#,
            r#"{"code":102,"message":"not in the session"}"#,
            r#"{"code":"CHANNEL_NOT_FOUND","message":"no such channel"}"#,
            r#"{"error":{"code":"SHINY_NEW_ERROR","message":"A newer server says hi"}}"#,
            r#"{"code":-9007199254740993}"#,
            r#"" 12 ""#,
            "102",
        ];
        let mut checked = 0;
        for (ci, cat) in errcat::catalogs().enumerate() {
            let rebuilt = catalog_at(ci as u32).unwrap();
            let mut all: Vec<String> = payloads.iter().map(|p| p.to_string()).collect();
            for e in cat.entries.iter() {
                all.push(e.code.to_string());
                all.push(format!("{:?}", e.symbol));
                for m in e.minor_codes.iter() {
                    all.push(format!(r#"{{"major":{},"minor":{}}}"#, e.code, m.code));
                    all.push(format!(
                        r#"{{"code":{},"minor":{},"message":"x"}}"#,
                        e.code, m.code
                    ));
                }
            }
            for p in &all {
                let Ok(e) = errcat::decode_with(rebuilt, p.as_bytes()) else {
                    continue;
                };
                let full: serde_json::Value =
                    serde_json::from_str(&decoded_json(rebuilt, &e)).unwrap();
                let compact = decode_str(ci as u32, p);
                assert!(compact.starts_with('#'), "{compact}");
                assert_eq!(
                    js(expand(rebuilt, &compact)),
                    js(full),
                    "{} {p}: {compact}",
                    cat.id
                );
                checked += 1;
            }
        }
        assert!(checked > 500, "{checked}");

        // No built-in minor code has a reaction: a user catalog's do.
        let user = r#"{
            "catalog": { "id": "mm", "name": "MM", "wire": "major_minor" },
            "category": [{ "id": "c", "name": "C" }],
            "entry": [{ "code": 7, "symbol": "SEVEN", "message": "Seven.", "category": "c",
                        "kind": "unavailable", "reaction": "wait",
                        "minor": [{ "code": 1, "detail": "one", "reaction": "reconnect" },
                                  { "code": 2, "detail": "two" }] }]
        }"#;
        let v: serde_json::Value =
            serde_json::from_str(&parse_catalog(user.as_bytes(), "json", "mm.json")).unwrap();
        let h = v["handle"].as_u64().unwrap() as u32;
        let cat = catalog_ref(h).unwrap();
        for (p, reaction) in [
            (r#"{"major":7,"minor":1}"#, "reconnect"),
            (r#"{"major":7,"minor":2}"#, "wait"),
            (r#"{"major":7,"minor":3}"#, "wait"),
            (r#"{"major":7}"#, "wait"),
        ] {
            let e = errcat::decode_with(cat.clone(), p.as_bytes()).unwrap();
            let full: serde_json::Value = serde_json::from_str(&decoded_json(&cat, &e)).unwrap();
            assert_eq!(full["reaction"], reaction, "{p}");
            assert_eq!(expand(&cat, &decode_str(h, p)), full, "{p}");
        }
        free_catalog(h);
    }

    /// The hand-written writer gives what serde_json gives for the core's
    /// types: the NSError view of every entry of every catalog, and escapes.
    #[test]
    fn writer_matches_serde() {
        for (ci, cat) in errcat::catalogs().enumerate() {
            for i in 0..cat.entries.len() {
                let (c, e) = entry_error(ci as u32, i as u32).unwrap();
                let view = e.ns_error();
                let mut info = serde_json::Map::new();
                for (k, v) in view.user_info() {
                    info.insert(k.to_string(), serde_json::to_value(v).unwrap());
                }
                let want =
                    serde_json::json!({"domain": c.domain, "code": view.code, "userInfo": info});
                let got: serde_json::Value = serde_json::from_str(&ns_json(&c, &e)).unwrap();
                assert_eq!(got, want);
            }
        }
        let text = "a\"b\\c\n\u{1}\u{7f}é😀";
        let mut o = Json::default();
        o.strs([text, ""].into_iter());
        let back: Vec<String> = serde_json::from_str(&o.0).unwrap();
        assert_eq!(back, [text, ""]);
        let p: serde_json::Value = serde_json::from_str(&problems_out(
            "m",
            &[("f", Some("e"), "p"), ("g", None, "q")],
        ))
        .unwrap();
        assert_eq!(
            p,
            serde_json::json!({"message": "m", "problems": [
                {"file": "f", "entry": "e", "problem": "p"},
                {"file": "g", "entry": null, "problem": "q"}]})
        );
    }

    #[test]
    fn search_pairs() {
        let v = search("rate limit");
        assert!(!v.is_empty() && v.len().is_multiple_of(2));
        assert!(search(&"x".repeat(5000)).is_empty());
    }
}
