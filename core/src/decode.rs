//! Decoding a server's error payload into one typed error value.
//!
//! Accepted shapes (JSON, UTF-8, optional BOM):
//!
//! * the `spaces` envelope `{"error":{"code","message","retry_after_ms","missing_permission"}}`;
//! * the messenger error `{"major":203,"minor":5,"wait":30}` (also `majorCode`/`major_code`,
//!   `minorCode`/`minor_code`; `code` is read as the major code);
//! * bare objects `{"code":102,"message":"…"}` / `{"code":"AUTH_FAILED"}` and
//!   `{"error":"AUTH_FAILED"}` / `{"error":102}`;
//! * a bare JSON number or string: `102`, `"RATE_LIMITED"`.
//!
//! Codes may be integers or strings; a string of digits is also a number.
//! Message fields: `message`, `msg`, `error_message`, `description`,
//! `localizedDescription`. Unknown fields are ignored.
//!
//! An unknown code is not a decoder error: the result is an [`ApiError`]
//! without an entry, keeping the raw code and the server's message. Decode
//! errors are for payloads that are not errors at all: not UTF-8, not JSON,
//! too large, too deep, a code that is a float or a boolean, and so on.

use crate::model::{Catalog, Entry, Minor};
use crate::schema::{Kind, Wire};
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// Largest payload accepted by [`decode`], in bytes (1 MiB). Error bodies are
/// small; anything bigger is refused before it is parsed.
pub const MAX_PAYLOAD_BYTES: usize = 1024 * 1024;
/// Deepest JSON nesting accepted (serde_json's own recursion limit, 128).
pub const MAX_DEPTH: usize = 128;

/// A catalog an error belongs to: built in, or loaded at run time.
#[derive(Clone, Debug)]
pub enum CatalogRef {
    /// A built-in catalog.
    Builtin(&'static Catalog),
    /// A catalog loaded at run time.
    Loaded(Arc<Catalog>),
}

impl Deref for CatalogRef {
    type Target = Catalog;
    fn deref(&self) -> &Catalog {
        match self {
            CatalogRef::Builtin(c) => c,
            CatalogRef::Loaded(c) => c,
        }
    }
}

impl From<&'static Catalog> for CatalogRef {
    fn from(c: &'static Catalog) -> Self {
        CatalogRef::Builtin(c)
    }
}

impl From<Arc<Catalog>> for CatalogRef {
    fn from(c: Arc<Catalog>) -> Self {
        CatalogRef::Loaded(c)
    }
}

/// The code exactly as the server sent it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RawCode {
    /// An integer code.
    Int(i64),
    /// A string code.
    Str(String),
}

impl fmt::Display for RawCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RawCode::Int(i) => write!(f, "{i}"),
            RawCode::Str(s) => f.write_str(s),
        }
    }
}

/// Why a payload could not be decoded at all.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// No built-in catalog has this id.
    #[error("unknown catalog {0:?} (known: {known})", known = crate::KNOWN_IDS)]
    UnknownCatalog(String),
    /// The payload is larger than [`MAX_PAYLOAD_BYTES`].
    #[error("payload is {0} bytes; the limit is {MAX_PAYLOAD_BYTES}")]
    TooLarge(usize),
    /// The payload is empty or only whitespace.
    #[error("payload is empty")]
    Empty,
    /// The payload is not UTF-8.
    #[error("payload is not valid UTF-8 (invalid byte at offset {0})")]
    InvalidUtf8(usize),
    /// The payload is not JSON, or a field has the wrong type.
    #[error("malformed payload: {0}")]
    Malformed(String),
    /// The payload is JSON but carries no error code.
    #[error("payload has no error code (expected \"code\", \"major\" or an \"error\" object)")]
    MissingCode,
}

impl DecodeError {
    /// The stable reason string every binding exposes (`unknown_catalog`,
    /// `too_large`, `empty`, `invalid_utf8`, `malformed`, `missing_code`),
    /// as used by the shared test vectors.
    pub const fn reason(&self) -> &'static str {
        match self {
            DecodeError::UnknownCatalog(_) => "unknown_catalog",
            DecodeError::TooLarge(_) => "too_large",
            DecodeError::Empty => "empty",
            DecodeError::InvalidUtf8(_) => "invalid_utf8",
            DecodeError::Malformed(_) => "malformed",
            DecodeError::MissingCode => "missing_code",
        }
    }
}

/// A decoded server error: one value that carries the catalog, the table
/// row (or none, for a code the table does not know), and everything the
/// server sent.
#[derive(Clone, Debug)]
pub struct ApiError {
    catalog: CatalogRef,
    index: Option<usize>,
    raw_code: RawCode,
    server_message: Option<String>,
    minor: Option<i64>,
    retry_after_ms: Option<u64>,
    missing_permission: Option<String>,
    wait: Option<i64>,
    /// What the HTTP response added, for errors from [`crate::decode_response`].
    pub(crate) response: Option<Box<crate::http::ResponseInfo>>,
}

impl ApiError {
    /// An error for a known entry of a catalog, with nothing from a server.
    pub fn from_entry(catalog: impl Into<CatalogRef>, code: i64) -> Option<ApiError> {
        let catalog = catalog.into();
        let index = catalog.code_index(code)?;
        let raw_code = match catalog.wire {
            Wire::String => RawCode::Str(catalog.entries[index].symbol.to_string()),
            _ => RawCode::Int(code),
        };
        Some(ApiError {
            catalog,
            index: Some(index),
            raw_code,
            server_message: None,
            minor: None,
            retry_after_ms: None,
            missing_permission: None,
            wait: None,
            response: None,
        })
    }

    /// An error for a code as a server sends it, with nothing else: the
    /// entry when the table knows the code (by [`decode`]'s rule), else an
    /// unknown error that keeps the raw code.
    pub fn from_raw_code(catalog: impl Into<CatalogRef>, raw_code: RawCode) -> ApiError {
        let catalog = catalog.into();
        let index = match &raw_code {
            RawCode::Int(i) => catalog.code_index(*i),
            // A string code is a symbol; a string of digits ("102") is a code.
            RawCode::Str(s) => catalog.symbol_index(s).or_else(|| match s.parse::<i64>() {
                Ok(i) if s.bytes().all(|b| b.is_ascii_digit() || b == b'-') => {
                    catalog.code_index(i)
                }
                _ => None,
            }),
        };
        ApiError {
            catalog,
            index,
            raw_code,
            server_message: None,
            minor: None,
            retry_after_ms: None,
            missing_permission: None,
            wait: None,
            response: None,
        }
    }

    /// An error rebuilt from what a decoded error keeps (the bindings'
    /// `ErrorInfo` record, which computes its NSError view only when asked):
    /// the entry by its code (`None` for a code the table does not know), the
    /// raw code and the server's fields in `fields`. `None` when the catalog
    /// has no entry with that code. No HTTP response fields.
    pub fn from_fields(
        catalog: impl Into<CatalogRef>,
        entry_code: Option<i64>,
        fields: PayloadFields,
    ) -> Option<ApiError> {
        let catalog = catalog.into();
        let index = match entry_code {
            Some(code) => Some(catalog.code_index(code)?),
            None => None,
        };
        Some(ApiError {
            catalog,
            index,
            raw_code: fields.code?,
            server_message: fields.message,
            minor: fields.minor,
            retry_after_ms: fields.retry_after_ms,
            missing_permission: fields.missing_permission,
            wait: fields.wait,
            response: None,
        })
    }

    /// This error with `message` as the server's message.
    pub fn with_server_message(mut self, message: impl Into<String>) -> ApiError {
        self.server_message = Some(message.into());
        self
    }

    /// An error typed from an HTTP status alone (no code from the server).
    pub(crate) fn status_only(catalog: CatalogRef, status: u16) -> ApiError {
        ApiError {
            catalog,
            index: None,
            raw_code: RawCode::Int(i64::from(status)),
            server_message: None,
            minor: None,
            retry_after_ms: None,
            missing_permission: None,
            wait: None,
            response: None,
        }
    }

    /// Attaches what the response added; the body's own delay wins over
    /// the header's.
    pub(crate) fn with_response(
        mut self,
        info: crate::http::ResponseInfo,
        header_delay_ms: Option<u64>,
    ) -> ApiError {
        if self.retry_after_ms.is_none() {
            self.retry_after_ms = header_delay_ms;
        }
        self.response = Some(Box::new(info));
        self
    }

    /// The catalog this error belongs to.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The NSError domain of this error's catalog (`errcat.rtc`, …).
    pub fn domain(&self) -> &str {
        &self.catalog.domain
    }

    /// The catalog reference (cheap to clone).
    pub fn catalog_ref(&self) -> &CatalogRef {
        &self.catalog
    }

    /// The table row, or `None` for a code the table does not know.
    pub fn entry(&self) -> Option<&Entry> {
        self.index.and_then(|i| self.catalog.entries.get(i))
    }

    /// True when the table does not know the code.
    pub fn is_unknown(&self) -> bool {
        self.index.is_none()
    }

    /// The code as the server sent it.
    pub fn raw_code(&self) -> &RawCode {
        &self.raw_code
    }

    /// The integer code: the table's, else the raw integer, else 0 for an
    /// unknown string code. For an error typed from the HTTP status
    /// ([`ApiError::is_from_status`]), the status.
    pub fn code(&self) -> i64 {
        match (self.entry(), &self.raw_code) {
            (Some(e), _) => e.code,
            (None, RawCode::Int(i)) => *i,
            (None, RawCode::Str(s)) => s.trim().parse().unwrap_or(0),
        }
    }

    /// The symbol: the table's; for an unknown code, the raw string code, or
    /// `UNKNOWN` for an unknown integer code; `HTTP_<status>` for an error
    /// typed from the HTTP status.
    pub fn symbol(&self) -> &str {
        if let Some(s) = self
            .response
            .as_ref()
            .and_then(|r| r.status_symbol.as_deref())
        {
            return s;
        }
        match (self.entry(), &self.raw_code) {
            (Some(e), _) => &e.symbol,
            (None, RawCode::Str(s)) => s,
            (None, RawCode::Int(_)) => "UNKNOWN",
        }
    }

    /// The canonical kind: the entry's; for a code the table does not know
    /// that came in an HTTP error response (status 400 or more), the kind
    /// of that status ([`Kind::from_http_status`]); else `unknown`.
    pub fn kind(&self) -> Kind {
        match (self.entry(), self.status_kind()) {
            (Some(e), _) => e.kind,
            (None, Some(k)) => k,
            (None, None) => Kind::Unknown,
        }
    }

    fn status_kind(&self) -> Option<Kind> {
        let s = self.response_status()?;
        (s >= 400).then(|| Kind::from_http_status(s))
    }

    /// The HTTP status of the entry; without an entry, the response's
    /// status when the error came from an HTTP response, else 500.
    pub fn http_status(&self) -> u16 {
        self.entry()
            .map(|e| e.http_status)
            .or(self.response_status())
            .unwrap_or(Kind::Unknown.http_status())
    }

    /// Whether retrying may succeed: the table's advice (without an entry,
    /// the default of the response status's kind), or true whenever the
    /// server sent a retry delay (body or `Retry-After`) or a wait.
    pub fn retryable(&self) -> bool {
        self.retry_after_ms.is_some()
            || self.wait.is_some()
            || match (self.entry(), self.status_kind()) {
                (Some(e), _) => e.retryable,
                (None, Some(k)) => k.default_retryable(),
                (None, None) => false,
            }
    }

    /// The status of the HTTP response this error came from
    /// ([`crate::decode_response`]); `None` for a bare payload.
    pub fn response_status(&self) -> Option<u16> {
        self.response.as_ref().map(|r| r.status)
    }

    /// The response's `Content-Type`, as sent (trimmed, at most
    /// [`crate::http::MAX_CONTENT_TYPE_CHARS`] characters, a cut marked
    /// with `…`); `None` without one or for a bare payload.
    pub fn content_type(&self) -> Option<&str> {
        self.response.as_ref()?.content_type.as_deref()
    }

    /// For an error typed from the HTTP status ([`ApiError::is_from_status`]):
    /// the start of the body as text (at most
    /// [`crate::http::MAX_EXCERPT_BYTES`] bytes, invalid UTF-8 replaced by
    /// U+FFFD), ending with `… (N more bytes)` when the body was cut; `""`
    /// for an empty body. `None` when the body was decoded as an error.
    pub fn body_excerpt(&self) -> Option<&str> {
        self.response.as_ref()?.excerpt.as_deref()
    }

    /// The size in bytes of the whole response body the error came from
    /// (so a cut excerpt can be compared with it); `None` for a bare payload.
    pub fn body_len(&self) -> Option<usize> {
        self.response.as_ref().map(|r| r.body_len)
    }

    /// True when the error is typed from the HTTP status alone: the
    /// response's body was not an error payload with a code (HTML, empty,
    /// plain text, JSON without a code, over the size limit).
    pub fn is_from_status(&self) -> bool {
        self.response
            .as_ref()
            .is_some_and(|r| r.status_symbol.is_some())
    }

    /// The entry's texts in the locale a preference list selects
    /// ([`crate::l10n::resolve`]), for a known code of a built-in catalog;
    /// `None` otherwise (an unknown code, a loaded catalog).
    pub fn localized<S: AsRef<str>>(&self, preferred: &[S]) -> Option<crate::l10n::Texts> {
        let CatalogRef::Builtin(c) = &self.catalog else {
            return None;
        };
        Some(crate::l10n::texts(&c.id, self.entry()?, preferred))
    }

    /// The message to show in the locale a preference list selects: the
    /// overlay's translation of the entry's message when one applies (it
    /// wins over the server's text, which is not in the user's language),
    /// else [`ApiError::message`].
    pub fn localized_message<S: AsRef<str>>(&self, preferred: &[S]) -> Cow<'_, str> {
        match self.localized(preferred) {
            Some(t) if t.locale.is_some() => Cow::Owned(t.message),
            _ => self.message(),
        }
    }

    /// The message to show: the server's, else the table's, else a
    /// description of the unknown code.
    pub fn message(&self) -> Cow<'_, str> {
        if let Some(m) = &self.server_message {
            return Cow::Borrowed(m);
        }
        if let (true, Some(s)) = (self.is_from_status(), self.response_status()) {
            return Cow::Owned(format!("HTTP {s} ({})", self.kind()));
        }
        match self.entry() {
            Some(e) => Cow::Borrowed(&e.message),
            None => Cow::Owned(format!(
                "unknown {} error code {}",
                self.catalog.id, self.raw_code
            )),
        }
    }

    /// The message the server sent, if any.
    pub fn server_message(&self) -> Option<&str> {
        self.server_message.as_deref()
    }

    /// The minor code the server sent.
    pub fn minor(&self) -> Option<i64> {
        self.minor
    }

    /// The documented row of the minor code, if any.
    pub fn minor_entry(&self) -> Option<&Minor> {
        self.entry().and_then(|e| e.minor_code(self.minor?))
    }

    /// The documented detail of the minor code, if any.
    pub fn minor_detail(&self) -> Option<&str> {
        self.minor_entry().and_then(|m| m.detail.as_deref())
    }

    /// What the client should do: the minor code's reaction, else the entry's.
    pub fn reaction(&self) -> Option<&str> {
        self.minor_entry()
            .and_then(|m| m.reaction.as_deref())
            .or_else(|| self.entry().and_then(|e| e.reaction.as_deref()))
    }

    /// Milliseconds to wait before retrying, as sent by the server: the
    /// body's `retry_after_ms`, else the response's `Retry-After` header
    /// (see [`crate::http`]).
    pub fn retry_after_ms(&self) -> Option<u64> {
        self.retry_after_ms
    }

    /// The permission the caller lacks, as sent by the server.
    pub fn missing_permission(&self) -> Option<&str> {
        self.missing_permission.as_deref()
    }

    /// The messenger protocol's wait parameter, as sent by the server.
    pub fn wait(&self) -> Option<i64> {
        self.wait
    }

    /// The NSError-shaped view of this error.
    pub fn ns_error(&self) -> crate::NsErrorView {
        crate::NsErrorView::of(self)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ApiError {}

/// Decodes a payload against a built-in catalog.
pub fn decode(catalog: &str, payload: &[u8]) -> Result<ApiError, DecodeError> {
    let cat =
        crate::catalog(catalog).ok_or_else(|| DecodeError::UnknownCatalog(crate::clip(catalog)))?;
    decode_with(cat, payload)
}

/// Decodes a payload against any catalog (built in or loaded).
pub fn decode_with(
    catalog: impl Into<CatalogRef>,
    payload: &[u8],
) -> Result<ApiError, DecodeError> {
    let catalog = catalog.into();
    let fields = parse_payload(payload)?;
    Ok(resolve(catalog, fields))
}

/// What a payload says, before it meets a catalog.
#[derive(Debug, Default, PartialEq)]
pub struct PayloadFields {
    /// The code (or major code).
    pub code: Option<RawCode>,
    /// The server's message.
    pub message: Option<String>,
    /// The minor code.
    pub minor: Option<i64>,
    /// Retry delay in milliseconds.
    pub retry_after_ms: Option<u64>,
    /// The missing permission.
    pub missing_permission: Option<String>,
    /// The wait parameter.
    pub wait: Option<i64>,
}

/// Parses a payload into its fields, applying every limit.
pub fn parse_payload(payload: &[u8]) -> Result<PayloadFields, DecodeError> {
    if payload.len() > MAX_PAYLOAD_BYTES {
        return Err(DecodeError::TooLarge(payload.len()));
    }
    let text =
        std::str::from_utf8(payload).map_err(|e| DecodeError::InvalidUtf8(e.valid_up_to()))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Only JSON's own whitespace makes a payload empty; a no-break space
    // or any other Unicode space is not JSON, so it is malformed.
    if text
        .trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
        .is_empty()
    {
        return Err(DecodeError::Empty);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let mut fields = PayloadFields::default();
    TopSeed {
        out: &mut fields,
        depth: 0,
    }
    .deserialize(&mut de)
    .map_err(|e| DecodeError::Malformed(e.to_string()))?;
    de.end()
        .map_err(|e| DecodeError::Malformed(e.to_string()))?;
    if fields.code.is_none() {
        return Err(DecodeError::MissingCode);
    }
    Ok(fields)
}

fn resolve(catalog: CatalogRef, f: PayloadFields) -> ApiError {
    let raw = f.code.expect("checked by parse_payload");
    ApiError {
        server_message: f.message,
        minor: f.minor,
        retry_after_ms: f.retry_after_ms,
        missing_permission: f.missing_permission,
        wait: f.wait,
        ..ApiError::from_raw_code(catalog, raw)
    }
}

// ---------------------------------------------------------------------------
// A streaming visitor: no intermediate `Value`, borrowed keys, unknown
// fields skipped. serde_json's recursion limit bounds the nesting depth.

struct TopSeed<'a> {
    out: &'a mut PayloadFields,
    depth: u8,
}

impl<'de> DeserializeSeed<'de> for TopSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TopSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an error object, an error code number or an error code string")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.out.code = Some(RawCode::Int(v));
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        let v =
            i64::try_from(v).map_err(|_| E::custom(format!("error code {v} is out of range")))?;
        self.visit_i64(v)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        Err(E::custom(format!(
            "error code must be an integer or a string, not the float {v}"
        )))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        Err(E::custom(format!(
            "error code must be an integer or a string, not the boolean {v}"
        )))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.out.code = Some(RawCode::Str(v.to_string()));
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom("payload is null"))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, _seq: A) -> Result<(), A::Error> {
        Err(de::Error::custom(
            "payload is an array; expected an error object",
        ))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen: u32 = 0;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            let slot = match key.as_ref() {
                "error" => 0,
                "code" | "error_code" | "errorCode" | "major" | "major_code" | "majorCode" => 1,
                "message"
                | "msg"
                | "error_message"
                | "errorMessage"
                | "description"
                | "localizedDescription" => 2,
                "minor" | "minor_code" | "minorCode" => 3,
                "retry_after_ms" | "retryAfterMs" => 4,
                "missing_permission" | "missingPermission" => 5,
                "wait" => 6,
                _ => {
                    map.next_value::<Skip>()?;
                    continue;
                }
            };
            // The same field twice (directly or through an alias) is
            // ambiguous: refuse it rather than guess which one the server meant.
            if seen & (1 << slot) != 0 {
                return Err(de::Error::custom(format!("duplicate field {key:?}")));
            }
            seen |= 1 << slot;
            match slot {
                0 => {
                    // `error` is the envelope's inner object, or a bare code;
                    // a boolean or null `error` carries nothing and is skipped.
                    if self.depth > 0 {
                        map.next_value::<Skip>()?;
                    } else {
                        map.next_value_seed(ErrorField { out: self.out })?;
                    }
                }
                1 => {
                    if let Some(c) = map.next_value_seed(CodeSeed)? {
                        if self.out.code.is_some() {
                            return Err(de::Error::custom(
                                "error code given twice (\"error\" and \"code\")",
                            ));
                        }
                        self.out.code = Some(c);
                    }
                }
                2 => {
                    if let Some(m) = map.next_value::<Option<String>>()? {
                        self.out.message = Some(m);
                    }
                }
                3 => self.out.minor = map.next_value_seed(IntSeed("minor code"))?,
                4 => {
                    self.out.retry_after_ms = map
                        .next_value_seed(IntSeed("retry_after_ms"))?
                        .map(|v| {
                            u64::try_from(v).map_err(|_| {
                                de::Error::custom("retry_after_ms must not be negative")
                            })
                        })
                        .transpose()?
                }
                5 => {
                    if let Some(m) = map.next_value::<Option<String>>()? {
                        self.out.missing_permission = Some(m);
                    }
                }
                _ => self.out.wait = map.next_value_seed(IntSeed("wait"))?,
            }
        }
        Ok(())
    }
}

/// The value of `"error"`: an object (the envelope) or a bare code.
struct ErrorField<'a> {
    out: &'a mut PayloadFields,
}

impl<'de> DeserializeSeed<'de> for ErrorField<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ErrorField<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an error object or an error code")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        TopSeed {
            out: self.out,
            depth: 1,
        }
        .visit_map(map)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        set_code(self.out, RawCode::Int(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        let v =
            i64::try_from(v).map_err(|_| E::custom(format!("error code {v} is out of range")))?;
        set_code(self.out, RawCode::Int(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        set_code(self.out, RawCode::Str(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        Err(E::custom(format!(
            "error code must be an integer or a string, not the float {v}"
        )))
    }
    fn visit_bool<E: de::Error>(self, _v: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, _seq: A) -> Result<(), A::Error> {
        Err(de::Error::custom(
            "\"error\" is an array; expected an object or a code",
        ))
    }
}

fn set_code<E: de::Error>(out: &mut PayloadFields, c: RawCode) -> Result<(), E> {
    if out.code.is_some() {
        return Err(E::custom("error code given twice (\"error\" and \"code\")"));
    }
    out.code = Some(c);
    Ok(())
}

/// A code: integer, string, or null (absent).
struct CodeSeed;

impl<'de> DeserializeSeed<'de> for CodeSeed {
    type Value = Option<RawCode>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CodeSeed {
    type Value = Option<RawCode>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer or string error code")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(RawCode::Int(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        i64::try_from(v)
            .map(|v| Some(RawCode::Int(v)))
            .map_err(|_| E::custom(format!("error code {v} is out of range")))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Err(E::custom(format!(
            "error code must be an integer or a string, not the float {v}"
        )))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Err(E::custom(format!(
            "error code must be an integer or a string, not the boolean {v}"
        )))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(RawCode::Str(v.to_string())))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_map<A: MapAccess<'de>>(self, _m: A) -> Result<Self::Value, A::Error> {
        Err(de::Error::custom(
            "error code must be an integer or a string, not an object",
        ))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, _s: A) -> Result<Self::Value, A::Error> {
        Err(de::Error::custom(
            "error code must be an integer or a string, not an array",
        ))
    }
}

/// An integer field (minor, wait, retry delay): an integer, a string of
/// digits, a whole float such as `1500.0` (finite, below 9e15 in magnitude),
/// or null. A negative value is accepted here; `retry_after_ms` rejects it.
struct IntSeed(&'static str);

impl<'de> DeserializeSeed<'de> for IntSeed {
    type Value = Option<i64>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for IntSeed {
    type Value = Option<i64>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an integer {}", self.0)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        i64::try_from(v)
            .map(Some)
            .map_err(|_| E::custom(format!("{} {v} is out of range", self.0)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 {
            Ok(Some(v as i64))
        } else {
            Err(E::custom(format!("{} must be an integer, not {v}", self.0)))
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        v.trim()
            .parse::<i64>()
            .map(Some)
            .map_err(|_| E::custom(format!("{} must be an integer, not {v:?}", self.0)))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Err(E::custom(format!(
            "{} must be an integer, not the boolean {v}",
            self.0
        )))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_map<A: MapAccess<'de>>(self, _m: A) -> Result<Self::Value, A::Error> {
        Err(de::Error::custom(format!(
            "{} must be an integer, not an object",
            self.0
        )))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, _s: A) -> Result<Self::Value, A::Error> {
        Err(de::Error::custom(format!(
            "{} must be an integer, not an array",
            self.0
        )))
    }
}

/// Skips a value of any shape. Unlike `IgnoredAny` (which serde_json skips
/// without a depth limit), it goes through `deserialize_any`, so ignored
/// fields obey the same nesting limit ([`MAX_DEPTH`]) as everything else.
struct Skip;

impl<'de> Deserialize<'de> for Skip {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Skip, D::Error> {
        d.deserialize_any(SkipVisitor)
    }
}

struct SkipVisitor;

impl<'de> Visitor<'de> for SkipVisitor {
    type Value = Skip;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Skip, E> {
        Ok(Skip)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Skip, A::Error> {
        while seq.next_element::<Skip>()?.is_some() {}
        Ok(Skip)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Skip, A::Error> {
        while map.next_key::<IgnoredAny>()?.is_some() {
            map.next_value::<Skip>()?;
        }
        Ok(Skip)
    }
}
