//! errcat for Swift and Kotlin, through UniFFI (proc-macros, no UDL).
//!
//! What crosses the FFI:
//!
//! * records that copy a table row ([`EntryInfo`]), a catalog
//!   ([`CatalogInfo`]) and a decoded error ([`ErrorInfo`]); the core's
//!   NSError view of it ([`NsErrorInfo`]) crosses only when asked
//!   ([`ns_error_of`]), as most decoded errors are never bridged;
//! * functions named as in docs/api.md: [`catalogs`], [`catalog`],
//!   [`catalog_entries`], [`lookup`], [`lookup_code`], [`lookup_symbol`],
//!   [`search`], [`decode`], [`decode_response`], [`error_for`], [`load_catalog`],
//!   [`parse_catalog`], and per catalog `decode_<id>` / `error_for_<id>`
//!   returning the typed error;
//! * one typed error enum per catalog (`SpacesError`, …), one variant per
//!   entry, generated at build time from the table (see `build.rs`);
//! * [`UserCatalog`]: a catalog loaded at run time (TOML or JSON).
//!
//! These are the raw layer. Apps use the idiomatic layer on top, generated
//! by errcat-codegen: Kotlin's `object Errcat` (typed exceptions, cached
//! lookups) and Swift's `enum Errcat` (typed errors bridged to NSError).
//!
//! Failures are flat errors ([`LookupError`], [`DecodeError`],
//! [`CatalogLoadError`], [`UnexpectedError`]): their foreign `message` is the core's own text, not
//! a field dump. No field of an error variant is called `message` and no
//! error enum is called `Error` (both break UniFFI's Kotlin: uniffi #1434,
//! #2032).
//!
//! Nothing here panics on any input. Should it, UniFFI's scaffolding catches
//! the panic at the boundary and the foreign side gets an exception, never an
//! abort; and every exported call can fail (those that otherwise cannot return
//! [`UnexpectedError`]), because UniFFI's Swift calls infallible functions with
//! `try!`, which would turn that exception into a crash.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

use std::collections::HashMap;
use std::sync::Arc;

uniffi::setup_scaffolding!("errcat");

include!(concat!(env!("OUT_DIR"), "/typed.rs"));

// ---------------------------------------------------------------------------
// Records

/// The canonical kind of an error (the gRPC canonical codes), shared by all
/// catalogs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum ErrorKind {
    /// Not an error.
    Ok,
    /// Cancelled by the caller.
    Cancelled,
    /// Unknown error; the kind of every code the table does not know.
    Unknown,
    /// Invalid argument or malformed request.
    InvalidArgument,
    /// The deadline expired.
    DeadlineExceeded,
    /// Not found.
    NotFound,
    /// Already exists.
    AlreadyExists,
    /// Known caller, not allowed.
    PermissionDenied,
    /// Rate limit or quota hit.
    ResourceExhausted,
    /// The system is not in the required state.
    FailedPrecondition,
    /// Aborted (for example a concurrency conflict).
    Aborted,
    /// Out of the valid range.
    OutOfRange,
    /// Not implemented or not supported.
    Unimplemented,
    /// Internal server error.
    Internal,
    /// Unavailable; retrying may succeed.
    Unavailable,
    /// Data loss or corruption.
    DataLoss,
    /// Missing or invalid credentials.
    Unauthenticated,
}

impl From<errcat::Kind> for ErrorKind {
    fn from(k: errcat::Kind) -> Self {
        use errcat::Kind as K;
        match k {
            K::Ok => ErrorKind::Ok,
            K::Cancelled => ErrorKind::Cancelled,
            K::Unknown => ErrorKind::Unknown,
            K::InvalidArgument => ErrorKind::InvalidArgument,
            K::DeadlineExceeded => ErrorKind::DeadlineExceeded,
            K::NotFound => ErrorKind::NotFound,
            K::AlreadyExists => ErrorKind::AlreadyExists,
            K::PermissionDenied => ErrorKind::PermissionDenied,
            K::ResourceExhausted => ErrorKind::ResourceExhausted,
            K::FailedPrecondition => ErrorKind::FailedPrecondition,
            K::Aborted => ErrorKind::Aborted,
            K::OutOfRange => ErrorKind::OutOfRange,
            K::Unimplemented => ErrorKind::Unimplemented,
            K::Internal => ErrorKind::Internal,
            K::Unavailable => ErrorKind::Unavailable,
            K::DataLoss => ErrorKind::DataLoss,
            K::Unauthenticated => ErrorKind::Unauthenticated,
        }
    }
}

/// A minor code documented under an entry (the messenger protocol's).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct MinorInfo {
    /// The minor code.
    pub code: i64,
    /// What it means, when documented.
    pub detail: Option<String>,
    /// What the client should do, when documented.
    pub reaction: Option<String>,
}

/// A deprecation notice.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct DeprecationInfo {
    /// The version in which the code was deprecated.
    pub since: Option<String>,
    /// Symbol of the entry that replaces it.
    pub replaced_by: Option<String>,
    /// Free text.
    pub note: Option<String>,
}

/// One row of a catalog.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EntryInfo {
    /// The catalog id.
    pub catalog: String,
    /// Integer code, unique in its catalog.
    pub code: i64,
    /// The documented name, spelled as documented.
    pub symbol: String,
    /// True when errcat derived the symbol (the document has none).
    pub symbol_derived: bool,
    /// Other spellings that find this entry.
    pub aliases: Vec<String>,
    /// The type name of the entry (`AUTH_FAILED` -> `AuthFailed`): the
    /// variant of the catalog's typed error.
    pub type_name: String,
    /// The documented text.
    pub message: String,
    /// Category id.
    pub category: String,
    /// Canonical kind.
    pub kind: ErrorKind,
    /// Canonical kind, snake_case as in every binding (`resource_exhausted`).
    pub kind_name: String,
    /// HTTP status (documented, or the kind's).
    pub http_status: u16,
    /// Whether retrying may succeed.
    pub retryable: bool,
    /// Documented possible causes.
    pub causes: Vec<String>,
    /// What the client should do.
    pub reaction: Option<String>,
    /// The server sends a wait parameter with this error.
    pub wait_required: bool,
    /// Only the server sees this error.
    pub server_only: bool,
    /// The request the error refers to, as documented.
    pub request: Option<String>,
    /// True when the entry is deprecated (then [`Self::deprecation`] says how).
    pub deprecated: bool,
    /// Deprecation, when deprecated.
    pub deprecation: Option<DeprecationInfo>,
    /// Documentation URL.
    pub doc_url: Option<String>,
    /// The minor codes documented under this entry.
    pub minor_codes: Vec<MinorInfo>,
}

impl EntryInfo {
    fn of(catalog: &str, e: &errcat::Entry) -> EntryInfo {
        let s = |v: &Option<std::borrow::Cow<'static, str>>| v.as_ref().map(|x| x.to_string());
        EntryInfo {
            catalog: catalog.to_string(),
            code: e.code,
            symbol: e.symbol.to_string(),
            symbol_derived: e.symbol_derived,
            aliases: e.aliases.iter().map(|a| a.to_string()).collect(),
            type_name: e.type_name.to_string(),
            message: e.message.to_string(),
            category: e.category.to_string(),
            kind: e.kind.into(),
            kind_name: e.kind.as_str().to_string(),
            http_status: e.http_status,
            retryable: e.retryable,
            causes: e.causes.iter().map(|c| c.to_string()).collect(),
            reaction: s(&e.reaction),
            wait_required: e.wait_required,
            server_only: e.server_only,
            request: s(&e.request),
            deprecated: e.deprecated(),
            deprecation: e.deprecation.as_ref().map(|d| DeprecationInfo {
                since: s(&d.since),
                replaced_by: s(&d.replaced_by),
                note: s(&d.note),
            }),
            doc_url: s(&e.doc_url),
            minor_codes: e
                .minor_codes
                .iter()
                .map(|m| MinorInfo {
                    code: m.code,
                    detail: s(&m.detail),
                    reaction: s(&m.reaction),
                })
                .collect(),
        }
    }
}

/// A catalog.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CatalogInfo {
    /// Stable public id (`spaces`, …).
    pub id: String,
    /// Human-readable name.
    pub name: String,
    /// NSError domain of its errors.
    pub domain: String,
    /// What its server sends: `int`, `string` or `major_minor`.
    pub wire: String,
    /// Number of entries.
    pub entry_count: u32,
    /// A paragraph about the catalog.
    pub description: Option<String>,
}

impl CatalogInfo {
    fn of(c: &errcat::Catalog) -> CatalogInfo {
        CatalogInfo {
            id: c.id.to_string(),
            name: c.name.to_string(),
            domain: c.domain.to_string(),
            wire: c.wire.as_str().to_string(),
            entry_count: u32::try_from(c.entries.len()).unwrap_or(u32::MAX),
            description: c.description.as_ref().map(|d| d.to_string()),
        }
    }
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SearchHit {
    /// The catalog id.
    pub catalog: String,
    /// The entry.
    pub entry: EntryInfo,
}

/// A userInfo value: an NSString or an NSNumber.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum UserInfoValue {
    /// An NSString.
    Text {
        /// The string.
        value: String,
    },
    /// An NSNumber holding an integer.
    Integer {
        /// The integer.
        value: i64,
    },
    /// An NSNumber holding a boolean.
    Flag {
        /// The boolean.
        value: bool,
    },
}

/// The core's NSError view of an error (`errcat::NsErrorView`): what the
/// Swift `CustomNSError` conformance returns, the same in every language.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NsErrorInfo {
    /// The catalog's domain (`errcat.rtc`, …).
    pub domain: String,
    /// The table's integer code (the raw code for an unknown integer code, else 0).
    pub code: i64,
    /// `localizedDescription`: the server's message, else the table's.
    pub localized_description: String,
    /// `localizedFailureReason`.
    pub failure_reason: Option<String>,
    /// `localizedRecoverySuggestion` (from the reaction, or retry advice).
    pub recovery_suggestion: Option<String>,
    /// The complete userInfo dictionary, keys as in `errcat::nserror::KEY_*`
    /// (`NSLocalizedDescription`, …, `ErrcatSymbol`, …); absent values are
    /// left out.
    pub user_info: HashMap<String, UserInfoValue>,
}

impl NsErrorInfo {
    fn of(v: &errcat::NsErrorView) -> NsErrorInfo {
        use errcat::nserror::UserInfoValue as V;
        NsErrorInfo {
            domain: v.domain.clone(),
            code: v.code,
            localized_description: v.localized_description.clone(),
            failure_reason: v.failure_reason.clone(),
            recovery_suggestion: v.recovery_suggestion.clone(),
            user_info: v
                .user_info()
                .into_iter()
                .map(|(k, val)| {
                    let val = match val {
                        V::Str(value) => UserInfoValue::Text { value },
                        V::Int(value) => UserInfoValue::Integer { value },
                        V::Bool(value) => UserInfoValue::Flag { value },
                    };
                    (k.to_string(), val)
                })
                .collect(),
        }
    }
}

/// A decoded server error (or an entry's error with nothing from a server):
/// the table's row and everything the server sent. Every variant of the
/// typed catalog errors carries one.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ErrorInfo {
    /// The catalog id.
    pub catalog: String,
    /// The catalog's NSError domain (`errcat.spaces`, …).
    pub domain: String,
    /// True when the table does not know the code (a newer server's code):
    /// not a failure, the raw code and the server's message are kept.
    pub is_unknown: bool,
    /// The table's integer code; for an unknown code the raw integer, else 0.
    pub code: i64,
    /// The table's symbol; for an unknown code the raw string, or `UNKNOWN`.
    pub symbol: String,
    /// The canonical kind (`Unknown` for an unknown code).
    pub kind: ErrorKind,
    /// The canonical kind, snake_case as in every binding (`resource_exhausted`).
    pub kind_name: String,
    /// What to show: the server's message, else the table's.
    pub message: String,
    /// The message the server sent, if any.
    pub server_message: Option<String>,
    /// The code exactly as the server sent it, as a string.
    pub raw_code: String,
    /// HTTP status of the entry (500 for an unknown code).
    pub http_status: u16,
    /// Whether retrying may succeed.
    pub retryable: bool,
    /// The minor code the server sent.
    pub minor: Option<i64>,
    /// The documented detail of that minor code.
    pub minor_detail: Option<String>,
    /// What the client should do (the minor code's reaction, else the entry's).
    pub reaction: Option<String>,
    /// Milliseconds to wait before retrying, as sent by the server.
    pub retry_after_ms: Option<u64>,
    /// The permission the caller lacks, as sent by the server.
    pub missing_permission: Option<String>,
    /// The messenger protocol's wait parameter, as sent by the server.
    pub wait: Option<i64>,
    /// The NSError view (domain, code, userInfo) when it was computed with
    /// the decode: for user catalogs and HTTP responses, whose view cannot
    /// be rebuilt from this record alone. `None` for a bare payload or an
    /// entry of a built-in catalog: [`ns_error_of`] computes it when asked
    /// (Swift's and Kotlin's `nsError` do that).
    pub ns_error_eager: Option<NsErrorInfo>,
    /// The status of the HTTP response it was decoded from, if any.
    pub response_status: Option<u16>,
    /// That response's `Content-Type`.
    pub content_type: Option<String>,
    /// A bounded excerpt of a body that was not an error payload, saying how
    /// many bytes were cut.
    pub body_excerpt: Option<String>,
    /// The size in bytes of the response's whole body.
    pub body_len: Option<u64>,
    /// Typed from the HTTP status alone: the body had no error code.
    pub is_from_status: bool,
    /// The entry is deprecated (a deprecated code still decodes; its entry's
    /// `deprecation` says since when and what replaces it).
    pub deprecated: bool,
}

impl ErrorInfo {
    /// The record without its NSError view (rebuilt by [`ns_error_of`]).
    fn of(e: &errcat::ApiError) -> ErrorInfo {
        ErrorInfo::with_view(e, None)
    }

    /// The record with its NSError view, for errors [`ns_error_of`] cannot
    /// rebuild (a user catalog's, one from an HTTP response).
    fn eager(e: &errcat::ApiError) -> ErrorInfo {
        ErrorInfo::with_view(e, Some(NsErrorInfo::of(&e.ns_error())))
    }

    fn with_view(e: &errcat::ApiError, ns_error_eager: Option<NsErrorInfo>) -> ErrorInfo {
        ErrorInfo {
            catalog: e.catalog().id.to_string(),
            domain: e.domain().to_string(),
            is_unknown: e.is_unknown(),
            code: e.code(),
            symbol: e.symbol().to_string(),
            kind: e.kind().into(),
            kind_name: e.kind().as_str().to_string(),
            message: e.message().into_owned(),
            server_message: e.server_message().map(str::to_string),
            raw_code: e.raw_code().to_string(),
            http_status: e.http_status(),
            retryable: e.retryable(),
            minor: e.minor(),
            minor_detail: e.minor_detail().map(str::to_string),
            reaction: e.reaction().map(str::to_string),
            retry_after_ms: e.retry_after_ms(),
            missing_permission: e.missing_permission().map(str::to_string),
            wait: e.wait(),
            ns_error_eager,
            response_status: e.response_status(),
            content_type: e.content_type().map(str::to_string),
            body_excerpt: e.body_excerpt().map(str::to_string),
            body_len: e.body_len().map(|n| n as u64),
            is_from_status: e.is_from_status(),
            deprecated: e.entry().is_some_and(|en| en.deprecated()),
        }
    }
}

// ---------------------------------------------------------------------------
// Failures: flat errors, so the foreign message is the core's text.

/// Why a lookup found nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum LookupError {
    /// No catalog has this id (reason `unknown_catalog`).
    #[error("{0}")]
    UnknownCatalog(String),
    /// The catalog has no entry for this code or symbol (reason `unknown_code`).
    #[error("{0}")]
    UnknownCode(String),
}

impl LookupError {
    /// The reason string, the same in every binding.
    pub fn reason(&self) -> &'static str {
        match self {
            LookupError::UnknownCatalog(_) => "unknown_catalog",
            LookupError::UnknownCode(_) => "unknown_code",
        }
    }
}

impl From<errcat::LookupError> for LookupError {
    fn from(e: errcat::LookupError) -> Self {
        match e {
            errcat::LookupError::UnknownCatalog(_) => LookupError::UnknownCatalog(e.to_string()),
            errcat::LookupError::UnknownCode { .. } => LookupError::UnknownCode(e.to_string()),
        }
    }
}

/// Why a payload could not be decoded at all. An unknown code is *not* a
/// decode failure: it decodes to an error whose `is_unknown` is true.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum DecodeError {
    /// No catalog has this id (reason `unknown_catalog`).
    #[error("{0}")]
    UnknownCatalog(String),
    /// Over 1 MiB (reason `too_large`).
    #[error("{0}")]
    TooLarge(String),
    /// Empty or only whitespace (reason `empty`).
    #[error("{0}")]
    Empty(String),
    /// Not UTF-8 (reason `invalid_utf8`).
    #[error("{0}")]
    InvalidUtf8(String),
    /// Not JSON, too deep, wrong types, duplicate fields (reason `malformed`).
    #[error("{0}")]
    Malformed(String),
    /// JSON without an error code (reason `missing_code`).
    #[error("{0}")]
    MissingCode(String),
}

impl DecodeError {
    /// The reason string, the same in every binding (`errcat::DecodeError::reason`).
    pub fn reason(&self) -> &'static str {
        match self {
            DecodeError::UnknownCatalog(_) => "unknown_catalog",
            DecodeError::TooLarge(_) => "too_large",
            DecodeError::Empty(_) => "empty",
            DecodeError::InvalidUtf8(_) => "invalid_utf8",
            DecodeError::Malformed(_) => "malformed",
            DecodeError::MissingCode(_) => "missing_code",
        }
    }
}

impl From<errcat::DecodeError> for DecodeError {
    fn from(e: errcat::DecodeError) -> Self {
        use errcat::DecodeError as D;
        let text = e.to_string();
        match e {
            D::UnknownCatalog(_) => DecodeError::UnknownCatalog(text),
            D::TooLarge(_) => DecodeError::TooLarge(text),
            D::Empty => DecodeError::Empty(text),
            D::InvalidUtf8(_) => DecodeError::InvalidUtf8(text),
            D::Malformed(_) => DecodeError::Malformed(text),
            D::MissingCode => DecodeError::MissingCode(text),
        }
    }
}

/// Why a catalog file could not be loaded: the message names the file, the
/// entry and every problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum CatalogLoadError {
    /// The file is unreadable, too large, not TOML/JSON, or fails validation.
    #[error("{0}")]
    Invalid(String),
}

impl From<errcat::CatalogError> for CatalogLoadError {
    fn from(e: errcat::CatalogError) -> Self {
        CatalogLoadError::Invalid(e.to_string())
    }
}

/// A bug in errcat: a Rust panic, caught before it reached the caller.
/// Functions that cannot otherwise fail return it, so that every exported
/// call throws in Swift (UniFFI's Swift calls a non-throwing function with
/// `try!`, which would turn a panic into a crash).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi(flat_error)]
pub enum UnexpectedError {
    /// A panic inside errcat, with its message (reason `unexpected`).
    #[error("errcat bug (please report): {0}")]
    Panic(String),
}

/// Runs `f`, turning a panic into [`UnexpectedError::Panic`].
fn guard<T>(f: impl FnOnce() -> T) -> Result<T, UnexpectedError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|p| {
        let text = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_string());
        UnexpectedError::Panic(text)
    })
}

// ---------------------------------------------------------------------------
// Built-in catalogs

fn builtin(id: &str) -> Result<&'static errcat::Catalog, LookupError> {
    errcat::catalog(id).ok_or_else(|| errcat::LookupError::UnknownCatalog(errcat::clip(id)).into())
}

/// Every built-in catalog, in its public order.
#[uniffi::export]
pub fn catalogs() -> Result<Vec<CatalogInfo>, UnexpectedError> {
    guard(|| errcat::catalogs().map(CatalogInfo::of).collect())
}

/// The built-in catalog with this id, if any.
#[uniffi::export]
pub fn catalog(id: String) -> Result<Option<CatalogInfo>, UnexpectedError> {
    guard(|| errcat::catalog(&id).map(CatalogInfo::of))
}

/// Every entry of a built-in catalog, in table order.
#[uniffi::export]
pub fn catalog_entries(catalog: String) -> Result<Vec<EntryInfo>, LookupError> {
    let c = builtin(&catalog)?;
    Ok(c.entries.iter().map(|e| EntryInfo::of(&c.id, e)).collect())
}

/// Looks up an entry of a built-in catalog: an integer string (`"102"`,
/// `"-1"`) is a code, anything else a symbol (forgiving: `rate-limited`
/// finds `RATE_LIMITED`).
#[uniffi::export]
pub fn lookup(catalog: String, query: String) -> Result<EntryInfo, LookupError> {
    let e = errcat::lookup(&catalog, &query)?;
    Ok(EntryInfo::of(&catalog, e))
}

/// The entry of a built-in catalog with this integer code, if any.
#[uniffi::export]
pub fn lookup_code(catalog: String, code: i64) -> Result<Option<EntryInfo>, LookupError> {
    let c = builtin(&catalog)?;
    Ok(c.by_code(code).map(|e| EntryInfo::of(&c.id, e)))
}

/// The entry of a built-in catalog with exactly this documented symbol or
/// alias (not forgiving: see [`lookup`]), if any.
#[uniffi::export]
pub fn lookup_symbol(catalog: String, symbol: String) -> Result<Option<EntryInfo>, LookupError> {
    let c = builtin(&catalog)?;
    Ok(c.by_symbol(&symbol).map(|e| EntryInfo::of(&c.id, e)))
}

/// Full-text search over every built-in catalog (every whitespace-separated
/// term must occur, case-insensitive).
#[uniffi::export]
pub fn search(text: String) -> Result<Vec<SearchHit>, UnexpectedError> {
    guard(|| {
        errcat::search(&text)
            .into_iter()
            .map(|h| SearchHit {
                catalog: h.catalog.id.to_string(),
                entry: EntryInfo::of(&h.catalog.id, h.entry),
            })
            .collect()
    })
}

/// Decodes a server's error payload against a built-in catalog. An unknown
/// code is not a failure: it comes back with `is_unknown == true`, the raw
/// code and the server's message.
#[uniffi::export]
pub fn decode(catalog: String, payload: Vec<u8>) -> Result<ErrorInfo, DecodeError> {
    let e = errcat::decode(&catalog, &payload)?;
    Ok(ErrorInfo::of(&e))
}

/// Where a [`DecodedParts`] field's value is: the host reads it from the
/// catalog's entries it already holds (`catalog_entries`), so only what the
/// entries cannot give crosses. The numbers are the wire's ([`decode_parts`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartFrom {
    /// Absent.
    Nothing = 0,
    /// The entry's own field (`entries[entry_index]`).
    Entry = 1,
    /// The minor code's field (`entries[entry_index].minor_codes[minor_index]`).
    Minor = 2,
    /// The server's message ([`DecodedParts::server_message`]).
    Server = 3,
    /// The decimal digits of [`DecodedParts::code`].
    Code = 4,
    /// The error's symbol (the entry's, else [`DecodedParts::symbol`]).
    Symbol = 5,
    /// The part's own text, sent in the answer.
    Sent = 6,
}

/// A decode of a built-in catalog by reference to its entries: the core's
/// [`errcat::decode`] made every choice, and each field says where the
/// host finds its value (its cached `catalog_entries`, or here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedParts {
    /// Position of the entry in `catalog_entries(catalog)`; `None` for an
    /// unknown code.
    pub entry_index: Option<u32>,
    /// Position of the minor code in that entry's `minor_codes`, when the
    /// server's minor code is documented there.
    pub minor_index: Option<u32>,
    /// `ErrorInfo.code`.
    pub code: i64,
    /// `ErrorInfo.symbol` when there is no entry.
    pub symbol: Option<String>,
    /// `ErrorInfo.kind` when it is not the entry's.
    pub kind: Option<ErrorKind>,
    /// `ErrorInfo.kind_name` when there is no entry.
    pub kind_name: Option<String>,
    /// Where `ErrorInfo.message` is: `Entry`, `Server` or `Sent`.
    pub message_from: PartFrom,
    /// `ErrorInfo.message` when `message_from` is `Sent`.
    pub message: Option<String>,
    /// Where `ErrorInfo.raw_code` is: `Code`, `Symbol` or `Sent`.
    pub raw_code_from: PartFrom,
    /// `ErrorInfo.raw_code` when `raw_code_from` is `Sent`.
    pub raw_code: Option<String>,
    /// Where `ErrorInfo.reaction` is: `Nothing`, `Entry` or `Minor`.
    pub reaction_from: PartFrom,
    /// `ErrorInfo.is_unknown`.
    pub is_unknown: bool,
    /// `ErrorInfo.http_status`.
    pub http_status: u16,
    /// `ErrorInfo.retryable`.
    pub retryable: bool,
    /// `ErrorInfo.deprecated`.
    pub deprecated: bool,
    /// `ErrorInfo.server_message`.
    pub server_message: Option<String>,
    /// `ErrorInfo.minor`.
    pub minor: Option<i64>,
    /// `ErrorInfo.retry_after_ms`.
    pub retry_after_ms: Option<u64>,
    /// `ErrorInfo.missing_permission`.
    pub missing_permission: Option<String>,
    /// `ErrorInfo.wait`.
    pub wait: Option<i64>,
}

impl DecodedParts {
    fn of(e: &errcat::ApiError) -> DecodedParts {
        let index = e.entry().and_then(|en| e.catalog().entry_index(en));
        let entry = index.and(e.entry());
        let minor = e.minor_entry().filter(|_| entry.is_some());
        let minor_index =
            minor.and_then(|m| entry?.minor_codes.iter().position(|x| std::ptr::eq(x, m)));
        let message = e.message();
        let message_from = match (e.server_message(), entry) {
            (Some(s), _) if *s == *message => PartFrom::Server,
            (_, Some(en)) if *en.message == *message => PartFrom::Entry,
            _ => PartFrom::Sent,
        };
        let symbol = e.symbol();
        let raw = e.raw_code().to_string();
        let raw_code_from = if raw == e.code().to_string() {
            PartFrom::Code
        } else if raw == symbol {
            PartFrom::Symbol
        } else {
            PartFrom::Sent
        };
        let reaction = e.reaction();
        let reaction_from = match (reaction, minor_index.and(minor), entry) {
            (None, _, _) => PartFrom::Nothing,
            (Some(r), Some(m), _) if m.reaction.as_deref() == Some(r) => PartFrom::Minor,
            (Some(r), _, Some(en)) if en.reaction.as_deref() == Some(r) => PartFrom::Entry,
            // Not reachable (a reaction is the minor's or the entry's); the
            // host then asks for the full record.
            _ => PartFrom::Sent,
        };
        let kind = e.kind();
        DecodedParts {
            entry_index: index.map(|i| u32::try_from(i).unwrap_or(u32::MAX)),
            minor_index: minor_index.map(|i| u32::try_from(i).unwrap_or(u32::MAX)),
            code: e.code(),
            symbol: entry.is_none().then(|| symbol.to_string()),
            kind: (entry.map(|en| en.kind) != Some(kind)).then(|| kind.into()),
            kind_name: entry.is_none().then(|| kind.as_str().to_string()),
            message: (message_from == PartFrom::Sent).then(|| message.into_owned()),
            message_from,
            raw_code: (raw_code_from == PartFrom::Sent).then_some(raw),
            raw_code_from,
            reaction_from,
            is_unknown: e.is_unknown(),
            http_status: e.http_status(),
            retryable: e.retryable(),
            deprecated: e.entry().is_some_and(|en| en.deprecated()),
            server_message: e.server_message().map(str::to_string),
            minor: e.minor(),
            retry_after_ms: e.retry_after_ms(),
            missing_permission: e.missing_permission().map(str::to_string),
            wait: e.wait(),
        }
    }

    /// The wire form of [`decode_parts`] (little-endian): nine `i64`
    /// (flags, entry index or -1, minor index or -1, code, kind, http
    /// status, minor, retry delay, wait), then six texts (symbol, kind
    /// name, message, raw code, server message, missing permission), each
    /// an `i32` byte length (-1: none) and its UTF-8. Flags: bit 0
    /// unknown, 1 retryable, 2 deprecated, 3/4/5 minor/retry delay/wait
    /// present; bits 8, 16, 24: where the message, the raw code and the
    /// reaction are ([`PartFrom`]). Kind: 0 for the entry's, else UniFFI's
    /// number of the `ErrorKind` case (declaration order from 1).
    fn bytes(&self) -> Vec<u8> {
        let flags = u64::from(self.is_unknown)
            | u64::from(self.retryable) << 1
            | u64::from(self.deprecated) << 2
            | u64::from(self.minor.is_some()) << 3
            | u64::from(self.retry_after_ms.is_some()) << 4
            | u64::from(self.wait.is_some()) << 5
            | (self.message_from as u64) << 8
            | (self.raw_code_from as u64) << 16
            | (self.reaction_from as u64) << 24;
        let index = |i: Option<u32>| i.map_or(-1, i64::from);
        let numbers = [
            flags as i64,
            index(self.entry_index),
            index(self.minor_index),
            self.code,
            self.kind.map_or(0, |k| k as i64 + 1),
            i64::from(self.http_status),
            self.minor.unwrap_or(0),
            self.retry_after_ms.unwrap_or(0) as i64,
            self.wait.unwrap_or(0),
        ];
        let texts = [
            &self.symbol,
            &self.kind_name,
            &self.message,
            &self.raw_code,
            &self.server_message,
            &self.missing_permission,
        ];
        let mut out = Vec::with_capacity(
            96 + texts
                .iter()
                .filter_map(|t| t.as_ref())
                .map(String::len)
                .sum::<usize>(),
        );
        for n in numbers {
            out.extend_from_slice(&n.to_le_bytes());
        }
        for t in texts {
            match t {
                Some(t) => {
                    out.extend_from_slice(
                        &i32::try_from(t.len()).unwrap_or(i32::MAX).to_le_bytes(),
                    );
                    out.extend_from_slice(t.as_bytes());
                }
                None => out.extend_from_slice(&(-1i32).to_le_bytes()),
            }
        }
        out
    }
}

/// [`decode`] against a built-in catalog, answered by reference to the
/// catalog's entries ([`DecodedParts`], in its wire form): Swift's
/// `Errcat.decode` builds the `ErrorInfo` from it and its cached
/// `catalog_entries`. One byte string, not a record: UniFFI's Swift reads a
/// record field by field, and each read costs more than the bytes it reads
/// (reports/bench-swift.md). The same decode (the core's), the same failures.
#[uniffi::export]
pub fn decode_parts(catalog: String, payload: Vec<u8>) -> Result<Vec<u8>, DecodeError> {
    let e = errcat::decode(&catalog, &payload)?;
    Ok(DecodedParts::of(&e).bytes())
}

/// The core's NSError view of a decoded error ([`errcat::NsErrorView`]):
/// the record's own when it carries one, else the error rebuilt in the core
/// from the record (its entry by code, the raw code and what the server
/// sent) and viewed. A record that names no built-in catalog or entry
/// (not made by errcat) fails with `unknown_catalog` / `unknown_code`.
#[uniffi::export]
pub fn ns_error_of(info: ErrorInfo) -> Result<NsErrorInfo, LookupError> {
    if let Some(v) = info.ns_error_eager {
        return Ok(v);
    }
    let cat = builtin(&info.catalog)?;
    // An unknown string code keeps it as its symbol; an unknown integer
    // code's symbol is UNKNOWN (errcat::ApiError::symbol).
    let raw_int = info.raw_code.parse::<i64>().ok();
    let raw = match (info.is_unknown, raw_int) {
        (true, Some(i)) if info.symbol != info.raw_code => errcat::RawCode::Int(i),
        (false, Some(i)) => errcat::RawCode::Int(i),
        _ => errcat::RawCode::Str(info.raw_code.clone()),
    };
    let fields = errcat::decode::PayloadFields {
        code: Some(raw),
        message: info.server_message,
        minor: info.minor,
        retry_after_ms: info.retry_after_ms,
        missing_permission: info.missing_permission,
        wait: info.wait,
    };
    let entry = (!info.is_unknown).then_some(info.code);
    let e = errcat::ApiError::from_fields(cat, entry, fields).ok_or_else(|| {
        LookupError::from(errcat::LookupError::UnknownCode {
            catalog: info.catalog.clone(),
            query: info.code.to_string(),
        })
    })?;
    Ok(NsErrorInfo::of(&e.ns_error()))
}

/// One HTTP response header, as the client received it (names compare
/// case-insensitively; the first `Retry-After` and `Content-Type` count).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct HttpHeader {
    /// The header's name.
    pub name: String,
    /// The header's value.
    pub value: String,
}

/// The clock `Retry-After` dates are read against: `now_ms` milliseconds
/// after the Unix epoch (before it counts as the epoch), else the system clock.
fn clock(now_ms: Option<i64>) -> std::time::SystemTime {
    match now_ms {
        Some(ms) => {
            let ms = u64::try_from(ms).unwrap_or(0);
            std::time::UNIX_EPOCH + std::time::Duration::from_millis(ms)
        }
        None => std::time::SystemTime::now(),
    }
}

/// Header pairs as the core reads them.
fn pairs(headers: &[HttpHeader]) -> Vec<(&str, &str)> {
    headers
        .iter()
        .map(|h| (h.name.as_str(), h.value.as_str()))
        .collect()
}

/// A status outside `u16` becomes 0, which the core rejects like any status
/// outside 100-599 (`malformed`).
fn status16(status: i32) -> u16 {
    u16::try_from(status).unwrap_or(0)
}

/// Decodes an HTTP response against a built-in catalog (the rules of
/// `errcat::http`): none when it is not an error, else the error typed from
/// its body or from its status. `now_ms` (Unix milliseconds) is the clock an
/// HTTP-date `Retry-After` is read against; none means the system clock.
#[uniffi::export]
pub fn decode_response(
    catalog: String,
    status: i32,
    headers: Vec<HttpHeader>,
    body: Vec<u8>,
    now_ms: Option<i64>,
) -> Result<Option<ErrorInfo>, DecodeError> {
    let cat = errcat::catalog(&catalog)
        .ok_or_else(|| errcat::DecodeError::UnknownCatalog(errcat::clip(&catalog)))?;
    let pairs = pairs(&headers);
    let parts = errcat::ResponseParts::from_headers(status16(status), &pairs, &body);
    let e = errcat::decode_response_with(cat, &parts, clock(now_ms))?;
    Ok(e.as_ref().map(ErrorInfo::eager))
}

/// The error of an entry of a built-in catalog (by code or symbol, forgiving
/// like [`lookup`]), with nothing from a server: for throwing a documented
/// error from app code.
#[uniffi::export]
pub fn error_for(catalog: String, query: String) -> Result<ErrorInfo, LookupError> {
    Ok(ErrorInfo::of(&errcat::error_for(&catalog, &query)?))
}

// ---------------------------------------------------------------------------
// User catalogs

/// The file format of a catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum CatalogFormat {
    /// TOML.
    Toml,
    /// JSON.
    Json,
}

/// An entry's user-facing texts in one locale (`errcat::l10n::Texts`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LocalizedTexts {
    /// The locale the texts are in; none for the base (English) text.
    pub locale: Option<String>,
    /// The message.
    pub message: String,
    /// The causes.
    pub causes: Vec<String>,
    /// The reaction.
    pub reaction: Option<String>,
    /// The minor codes' texts.
    pub minor_codes: Vec<LocalizedMinor>,
}

/// A minor code's texts in one locale.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LocalizedMinor {
    /// The minor code.
    pub code: i64,
    /// Its detail.
    pub detail: Option<String>,
    /// Its reaction.
    pub reaction: Option<String>,
}

/// The texts of a built-in entry (by integer code) in the locale the
/// preference list selects (`pt-BR` → `pt` → the base text; `en`/`en-US`
/// stop at the base; `en-XA`, the pseudo-locale, is built in). Failures
/// as [`lookup_code`]'s; none when the catalog has no such code.
#[uniffi::export]
pub fn localized_texts(
    catalog: String,
    code: i64,
    preferred: Vec<String>,
) -> Result<Option<LocalizedTexts>, LookupError> {
    let cat = errcat::catalog(&catalog)
        .ok_or_else(|| errcat::LookupError::UnknownCatalog(errcat::clip(&catalog)))?;
    Ok(cat.by_code(code).map(|e| {
        let t = errcat::l10n::texts(&cat.id, e, &preferred);
        LocalizedTexts {
            locale: t.locale,
            message: t.message,
            causes: t.causes,
            reaction: t.reaction,
            minor_codes: t
                .minor_codes
                .into_iter()
                .map(|(code, detail, reaction)| LocalizedMinor {
                    code,
                    detail,
                    reaction,
                })
                .collect(),
        }
    }))
}

/// Registers a translation overlay for a built-in catalog (the file form
/// `errcat l10n import` writes), after validating it; the same catalog and
/// locale again replaces it.
#[uniffi::export]
pub fn register_overlay(text: String, format: CatalogFormat) -> Result<(), CatalogLoadError> {
    let format = match format {
        CatalogFormat::Toml => errcat::Format::Toml,
        CatalogFormat::Json => errcat::Format::Json,
    };
    let o = errcat::l10n::parse_overlay(text.as_bytes(), format, "<overlay>")?;
    errcat::l10n::register(o)?;
    Ok(())
}

/// Drops every registered overlay (the pseudo-locale stays).
#[uniffi::export]
pub fn clear_overlays() -> Result<(), UnexpectedError> {
    guard(errcat::l10n::clear)
}

/// Loads a user catalog file (`.toml` or `.json`), validated like the
/// built-in ones.
#[uniffi::export]
pub fn load_catalog(path: String) -> Result<Arc<UserCatalog>, CatalogLoadError> {
    let c = errcat::load_catalog(&path)?;
    Ok(Arc::new(UserCatalog { inner: Arc::new(c) }))
}

/// Parses a user catalog from its text; `name` names it in error messages
/// (a file name, say).
#[uniffi::export]
pub fn parse_catalog(
    text: Vec<u8>,
    format: CatalogFormat,
    name: String,
) -> Result<Arc<UserCatalog>, CatalogLoadError> {
    let format = match format {
        CatalogFormat::Toml => errcat::Format::Toml,
        CatalogFormat::Json => errcat::Format::Json,
    };
    let c = errcat::parse_catalog(&text, format, &name)?;
    Ok(Arc::new(UserCatalog { inner: Arc::new(c) }))
}

/// A catalog loaded at run time by [`load_catalog`] or [`parse_catalog`].
/// Lookups and decoding work as for a built-in catalog.
#[derive(Debug, uniffi::Object)]
pub struct UserCatalog {
    inner: Arc<errcat::Catalog>,
}

#[uniffi::export]
impl UserCatalog {
    /// The catalog's id, name, domain, wire and size.
    pub fn info(&self) -> Result<CatalogInfo, UnexpectedError> {
        guard(|| CatalogInfo::of(&self.inner))
    }

    /// Every entry, in table order.
    pub fn entries(&self) -> Result<Vec<EntryInfo>, UnexpectedError> {
        guard(|| {
            self.inner
                .entries
                .iter()
                .map(|e| EntryInfo::of(&self.inner.id, e))
                .collect()
        })
    }

    /// Looks up an entry by integer code or (forgiving) symbol.
    pub fn lookup(&self, query: String) -> Result<EntryInfo, LookupError> {
        self.inner
            .lookup(&query)
            .map(|e| EntryInfo::of(&self.inner.id, e))
            .ok_or_else(|| {
                errcat::LookupError::UnknownCode {
                    catalog: self.inner.id.to_string(),
                    query: errcat::clip(&query),
                }
                .into()
            })
    }

    /// The entry with this integer code, if any.
    pub fn lookup_code(&self, code: i64) -> Result<Option<EntryInfo>, UnexpectedError> {
        guard(|| {
            self.inner
                .by_code(code)
                .map(|e| EntryInfo::of(&self.inner.id, e))
        })
    }

    /// The entry with exactly this symbol or alias, if any.
    pub fn lookup_symbol(&self, symbol: String) -> Result<Option<EntryInfo>, UnexpectedError> {
        guard(|| {
            self.inner
                .by_symbol(&symbol)
                .map(|e| EntryInfo::of(&self.inner.id, e))
        })
    }

    /// Full-text search over this catalog.
    pub fn search(&self, text: String) -> Result<Vec<EntryInfo>, UnexpectedError> {
        guard(|| {
            self.inner
                .search(&text)
                .into_iter()
                .map(|e| EntryInfo::of(&self.inner.id, e))
                .collect()
        })
    }

    /// Decodes a server's error payload against this catalog.
    pub fn decode(&self, payload: Vec<u8>) -> Result<ErrorInfo, DecodeError> {
        let e = errcat::decode_with(self.inner.clone(), &payload)?;
        Ok(ErrorInfo::eager(&e))
    }

    /// Decodes an HTTP response against this catalog (see [`decode_response`]).
    pub fn decode_response(
        &self,
        status: i32,
        headers: Vec<HttpHeader>,
        body: Vec<u8>,
        now_ms: Option<i64>,
    ) -> Result<Option<ErrorInfo>, DecodeError> {
        let pairs = pairs(&headers);
        let parts = errcat::ResponseParts::from_headers(status16(status), &pairs, &body);
        let e = errcat::decode_response_with(self.inner.clone(), &parts, clock(now_ms))?;
        Ok(e.as_ref().map(ErrorInfo::eager))
    }

    /// The error of an entry (by code or forgiving symbol), with nothing
    /// from a server.
    pub fn error_for(&self, query: String) -> Result<ErrorInfo, LookupError> {
        let unknown = || errcat::LookupError::UnknownCode {
            catalog: self.inner.id.to_string(),
            query: errcat::clip(&query),
        };
        let code = self.inner.lookup(&query).ok_or_else(unknown)?.code;
        let e = errcat::ApiError::from_entry(self.inner.clone(), code).ok_or_else(unknown)?;
        Ok(ErrorInfo::eager(&e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_response_crosses_with_its_fields() {
        let h = |n: &str, v: &str| HttpHeader {
            name: n.into(),
            value: v.into(),
        };
        let html = b"<html>503</html>".to_vec();
        let headers = vec![h("retry-after", "120"), h("Content-Type", "text/html")];
        let e = decode_response("spaces".into(), 503, headers, html.clone(), Some(0))
            .unwrap()
            .unwrap();
        assert!(e.is_from_status && e.retryable && e.is_unknown);
        assert_eq!(e.kind_name, "unavailable");
        assert_eq!(e.retry_after_ms, Some(120_000));
        assert_eq!(e.response_status, Some(503));
        assert_eq!(e.body_excerpt.as_deref(), Some("<html>503</html>"));
        assert_eq!(e.body_len, Some(html.len() as u64));
        assert!(
            decode_response("spaces".into(), 200, vec![], b"{}".to_vec(), None)
                .unwrap()
                .is_none()
        );
        let d = decode("securechat".into(), br#"{"code":504}"#.to_vec()).unwrap();
        assert!(d.deprecated);
        assert!(!e.deprecated);
        for bad in [-1, 70_000, 99, 600] {
            let r = decode_response("spaces".into(), bad, vec![], vec![], None);
            assert_eq!(r.unwrap_err().reason(), "malformed");
        }
        let r = decode_response("nope".into(), 500, vec![], vec![], None);
        assert_eq!(r.unwrap_err().reason(), "unknown_catalog");
    }

    #[test]
    fn localized_texts_and_overlays_cross() {
        let t = localized_texts("spaces".into(), 42901, vec!["en-XA".into()])
            .unwrap()
            .unwrap();
        assert_eq!(t.locale.as_deref(), Some("en-XA"));
        assert!(t.message.starts_with("[Ŕåţé"));
        assert!(localized_texts("spaces".into(), 1, vec![])
            .unwrap()
            .is_none());
        assert_eq!(
            localized_texts("nope".into(), 1, vec![])
                .unwrap_err()
                .reason(),
            "unknown_catalog"
        );
        let pt = "[overlay]\ncatalog = \"rtc\"\nlocale = \"pt\"\n[entry.userNotFound]\nmessage = \"Usuário não encontrado.\"\n";
        register_overlay(pt.into(), CatalogFormat::Toml).unwrap();
        let t = localized_texts("rtc".into(), 102, vec!["pt-BR".into()])
            .unwrap()
            .unwrap();
        assert_eq!(t.message, "Usuário não encontrado.");
        let bad = pt.replace("userNotFound", "nope");
        assert!(register_overlay(bad, CatalogFormat::Toml).is_err());
        clear_overlays().unwrap();
        let t = localized_texts("rtc".into(), 102, vec!["pt".into()])
            .unwrap()
            .unwrap();
        assert_eq!(t.locale, None);
    }

    #[test]
    fn typed_variant_per_entry() {
        let e =
            decode_spaces(br#"{"error":{"code":"RATE_LIMITED","retry_after_ms":1500}}"#.to_vec())
                .unwrap();
        assert!(matches!(e, SpacesError::RateLimited { .. }));
        assert_eq!(ns_error_of(e.info().clone()).unwrap().code, 42901);
        assert_eq!(
            e.to_string(),
            "Rate limit exceeded. Retry after retry_after_ms milliseconds."
        );
        let u = decode_spaces(br#""NEW_THING""#.to_vec()).unwrap();
        assert!(matches!(u, SpacesError::UnknownCode { .. }));
        assert_eq!(u.info().raw_code, "NEW_THING");
        // Every entry of every catalog maps to its own variant.
        for c in errcat::catalogs() {
            for e in c.entries.iter() {
                let info = error_for(c.id.to_string(), e.code.to_string()).unwrap();
                assert_eq!(info.code, e.code);
                assert!(!info.is_unknown);
                assert_eq!(info.domain, c.domain.as_ref());
                assert_eq!(info.kind_name, e.kind.as_str());
            }
        }
    }

    /// The view rebuilt from a lazy record is the core's view of the decoded
    /// error itself, for every entry of every catalog (by code and by
    /// symbol, with and without the server's fields, each documented minor
    /// code) and unknown codes.
    /// Payloads for every entry of every catalog (by code and by symbol,
    /// with and without the server's fields, each documented minor code)
    /// and unknown codes of both wire types.
    fn every_entry_payloads() -> Vec<(String, String)> {
        let mut payloads = Vec::new();
        for c in errcat::catalogs() {
            let id = c.id.to_string();
            for raw in ["999999", "\"NEW_THING\"", "\"12345\"", "\"UNKNOWN\"", "-7"] {
                payloads.push((id.clone(), format!("{{\"code\":{raw}}}")));
                payloads.push((
                    id.clone(),
                    format!(r#"{{"code":{raw},"message":"srv","wait":3}}"#),
                ));
            }
            for e in c.entries.iter() {
                for raw in [e.code.to_string(), format!("{:?}", e.symbol.as_ref())] {
                    payloads.push((id.clone(), format!("{{\"code\":{raw}}}")));
                    payloads.push((
                        id.clone(),
                        format!(r#"{{"code":{raw},"message":{:?}}}"#, e.message.as_ref()),
                    ));
                    payloads.push((
                        id.clone(),
                        format!(r#"{{"code":{raw},"message":"srv","retry_after_ms":1500,"missing_permission":"p"}}"#),
                    ));
                    payloads.push((id.clone(), format!(r#"{{"code":{raw},"wait":30}}"#)));
                    for m in e.minor_codes.iter().map(|m| m.code).chain([424242]) {
                        payloads.push((id.clone(), format!(r#"{{"major":{raw},"minor":{m}}}"#)));
                    }
                }
            }
        }
        payloads
    }

    #[test]
    fn ns_error_of_equals_the_cores_view() {
        let payloads = every_entry_payloads();
        let mut checked = 0;
        for (cat, p) in &payloads {
            let Ok(core) = errcat::decode(cat, p.as_bytes()) else {
                continue;
            };
            let info = decode(cat.clone(), p.as_bytes().to_vec()).unwrap();
            assert_eq!(info.ns_error_eager, None, "{cat} {p}");
            let want = NsErrorInfo::of(&core.ns_error());
            assert_eq!(ns_error_of(info.clone()).unwrap(), want, "{cat} {p}");
            // Swift's errorCode of an unknown code reads info.code, not the view.
            assert_eq!(info.code, want.code, "{cat} {p}");
            assert_eq!(
                ErrorInfo::eager(&core),
                ErrorInfo {
                    ns_error_eager: Some(want),
                    ..info
                }
            );
            checked += 1;
        }
        assert!(checked > 3000, "only {checked} payloads decoded");
        let mut alien = error_for("spaces".into(), "RATE_LIMITED".into()).unwrap();
        alien.catalog = "nope".into();
        assert_eq!(
            ns_error_of(alien.clone()).unwrap_err().reason(),
            "unknown_catalog"
        );
        alien.catalog = "spaces".into();
        alien.code = 1;
        assert_eq!(ns_error_of(alien).unwrap_err().reason(), "unknown_code");
    }

    /// What Swift's host does with a [`DecodedParts`] (ErrcatAPI.swift,
    /// `builtinInfo`): dereference, nothing else.
    fn host_info(catalog: &str, domain: &str, entries: &[EntryInfo], p: DecodedParts) -> ErrorInfo {
        let e = p.entry_index.map(|i| &entries[i as usize]);
        let m = p.minor_index.map(|i| &e.unwrap().minor_codes[i as usize]);
        let symbol = p
            .symbol
            .clone()
            .unwrap_or_else(|| e.unwrap().symbol.clone());
        let pick = |from: PartFrom,
                    sent: Option<String>,
                    own: fn(&EntryInfo) -> Option<String>,
                    minor: fn(&MinorInfo) -> Option<String>| match from {
            PartFrom::Nothing => None,
            PartFrom::Entry => own(e.unwrap()),
            PartFrom::Minor => minor(m.unwrap()),
            PartFrom::Server => p.server_message.clone(),
            PartFrom::Code => Some(p.code.to_string()),
            PartFrom::Symbol => Some(symbol.clone()),
            PartFrom::Sent => sent,
        };
        ErrorInfo {
            catalog: catalog.to_string(),
            domain: domain.to_string(),
            is_unknown: p.is_unknown,
            code: p.code,
            symbol: symbol.clone(),
            kind: p.kind.unwrap_or_else(|| e.unwrap().kind),
            kind_name: p
                .kind_name
                .clone()
                .unwrap_or_else(|| e.unwrap().kind_name.clone()),
            message: pick(
                p.message_from,
                p.message.clone(),
                |e| Some(e.message.clone()),
                |_| None,
            )
            .unwrap(),
            server_message: p.server_message.clone(),
            raw_code: pick(p.raw_code_from, p.raw_code.clone(), |_| None, |_| None).unwrap(),
            http_status: p.http_status,
            retryable: p.retryable,
            minor: p.minor,
            minor_detail: m.and_then(|m| m.detail.clone()),
            reaction: pick(
                p.reaction_from,
                None,
                |e| e.reaction.clone(),
                |m| m.reaction.clone(),
            ),
            retry_after_ms: p.retry_after_ms,
            missing_permission: p.missing_permission.clone(),
            wait: p.wait,
            ns_error_eager: None,
            response_status: None,
            content_type: None,
            body_excerpt: None,
            body_len: None,
            is_from_status: false,
            deprecated: p.deprecated,
        }
    }

    /// The parts, dereferenced against the catalog's entries, are the full
    /// record, for every entry payload (Swift's VectorTests add the shared
    /// decode vectors).
    #[test]
    fn decoded_parts_rebuild_the_record() {
        let payloads = every_entry_payloads();
        let mut checked = 0;
        for (cat, p) in &payloads {
            let Ok(want) = decode(cat.clone(), p.as_bytes().to_vec()) else {
                assert!(decode_parts(cat.clone(), p.as_bytes().to_vec()).is_err());
                continue;
            };
            let core = errcat::decode(cat, p.as_bytes()).unwrap();
            let parts = DecodedParts::of(&core);
            assert_eq!(
                decode_parts(cat.clone(), p.as_bytes().to_vec()).unwrap(),
                parts.bytes()
            );
            assert_ne!(parts.reaction_from, PartFrom::Sent, "{cat} {p}");
            let entries = catalog_entries(cat.clone()).unwrap();
            let domain = errcat::catalog(cat).unwrap().domain.to_string();
            assert_eq!(host_info(cat, &domain, &entries, parts), want, "{cat} {p}");
            checked += 1;
        }
        assert!(checked > 3000, "only {checked} payloads decoded");
    }

    /// UniFFI runs every exported call under `catch_unwind`: a panic becomes
    /// an "unexpected error" status (a thrown `InternalException` in Kotlin,
    /// a thrown error in Swift), never an abort, as long as the library is
    /// built with `panic = "unwind"`.
    #[test]
    fn a_panic_becomes_an_error_status() {
        let mut status = uniffi::RustCallStatus::default();
        let out: i8 = uniffi::rust_call(&mut status, || -> Result<i8, uniffi::RustCallError> {
            panic!("probe")
        });
        assert_eq!(out, 0);
        assert!(matches!(
            status.code,
            uniffi::RustCallStatusCode::UnexpectedError
        ));
    }

    /// `cargo test` ignores `panic = "abort"`, so check the profile the
    /// library is shipped and tested with.
    #[test]
    fn release_profile_unwinds() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.toml");
        let text = std::fs::read_to_string(root).unwrap();
        let doc: toml::Table = toml::from_str(&text).unwrap();
        let panic = doc["profile"]["release"]
            .get("panic")
            .and_then(|v| v.as_str())
            .unwrap_or("unwind");
        assert_eq!(
            panic, "unwind",
            "the bindings need panic = \"unwind\" to turn panics into errors"
        );
    }

    #[test]
    fn guard_turns_a_panic_into_an_error() {
        let r: Result<(), _> = guard(|| panic!("probe {}", 1));
        assert_eq!(r, Err(UnexpectedError::Panic("probe 1".into())));
        assert_eq!(guard(|| 5), Ok(5));
    }

    #[test]
    fn reasons_are_the_cores() {
        let payloads: [(&str, &[u8]); 6] = [
            ("nope", b"1"),
            ("rtc", &[b' '; 2 * 1024 * 1024]),
            ("rtc", b"  "),
            ("rtc", &[0xff, 0xfe]),
            ("rtc", b"{"),
            ("rtc", b"{}"),
        ];
        let mut seen = Vec::new();
        for (cat, p) in payloads {
            let core = errcat::decode(cat, p).unwrap_err();
            let ours = decode(cat.into(), p.to_vec()).unwrap_err();
            assert_eq!(ours.reason(), core.reason());
            seen.push(ours.reason());
        }
        seen.dedup();
        assert_eq!(seen.len(), 6, "every decode reason: {seen:?}");
        let a = lookup("nope".into(), "1".into()).unwrap_err();
        let b = lookup("rtc".into(), "NOPE".into()).unwrap_err();
        assert_eq!(
            (a.reason(), b.reason()),
            ("unknown_catalog", "unknown_code")
        );
    }

    #[test]
    fn lookup_symbol_is_exact() {
        let e = lookup_symbol("spaces".into(), "RATE_LIMITED".into()).unwrap();
        assert_eq!(e.map(|e| e.symbol).as_deref(), Some("RATE_LIMITED"));
        assert_eq!(
            lookup_symbol("spaces".into(), "rate-limited".into()).unwrap(),
            None
        );
        assert!(lookup_symbol("nope".into(), "X".into()).is_err());
        assert_eq!(catalog("spaces".into()).unwrap().unwrap().id, "spaces");
        assert_eq!(catalog("nope".into()).unwrap(), None);
    }

    #[test]
    fn bad_input_is_an_error() {
        assert!(matches!(
            decode("nope".into(), b"1".to_vec()),
            Err(DecodeError::UnknownCatalog(_))
        ));
        assert!(matches!(
            decode("rtc".into(), vec![0xff, 0xfe]),
            Err(DecodeError::InvalidUtf8(_))
        ));
        assert!(matches!(
            lookup("rtc".into(), "x".repeat(10_000)),
            Err(LookupError::UnknownCode(_))
        ));
        assert!(matches!(
            parse_catalog(b"[catalog".to_vec(), CatalogFormat::Toml, "t.toml".into()),
            Err(CatalogLoadError::Invalid(_))
        ));
    }
}
