//! The NSError-shaped view of an error, the same in every language: what
//! the Swift `CustomNSError` conformance returns, and what the other
//! bindings expose for apps that log or forward errors in NSError form.

use crate::decode::ApiError;
use crate::schema::Kind;
use serde::Serialize;

/// `NSLocalizedDescriptionKey`.
pub const KEY_DESCRIPTION: &str = "NSLocalizedDescription";
/// `NSLocalizedFailureReasonErrorKey`.
pub const KEY_FAILURE_REASON: &str = "NSLocalizedFailureReason";
/// `NSLocalizedRecoverySuggestionErrorKey`.
pub const KEY_RECOVERY_SUGGESTION: &str = "NSLocalizedRecoverySuggestion";
/// errcat's userInfo key for the symbol.
pub const KEY_SYMBOL: &str = "ErrcatSymbol";
/// errcat's userInfo key for the catalog id.
pub const KEY_CATALOG: &str = "ErrcatCatalog";
/// errcat's userInfo key for the canonical kind.
pub const KEY_KIND: &str = "ErrcatKind";
/// errcat's userInfo key for the minor code.
pub const KEY_MINOR_CODE: &str = "ErrcatMinorCode";
/// errcat's userInfo key for the retry delay in milliseconds.
pub const KEY_RETRY_AFTER_MS: &str = "ErrcatRetryAfterMs";
/// errcat's userInfo key for the retry advice (`true`/`false`).
pub const KEY_RETRYABLE: &str = "ErrcatRetryable";
/// errcat's userInfo key for the missing permission.
pub const KEY_MISSING_PERMISSION: &str = "ErrcatMissingPermission";
/// errcat's userInfo key for the raw code of an unknown error.
pub const KEY_RAW_CODE: &str = "ErrcatRawCode";
/// `NSHelpAnchorErrorKey`: the entry's documentation URL, for the help
/// button of an alert built from the error.
pub const KEY_HELP_ANCHOR: &str = "NSHelpAnchor";
/// errcat's userInfo key for the entry's documentation URL.
pub const KEY_DOC_URL: &str = "ErrcatDocUrl";
/// errcat's userInfo key for the status of the HTTP response the error came from.
pub const KEY_RESPONSE_STATUS: &str = "ErrcatResponseStatus";
/// errcat's userInfo key for that response's `Content-Type`.
pub const KEY_CONTENT_TYPE: &str = "ErrcatContentType";
/// errcat's userInfo key for the excerpt of a body that was not an error payload.
pub const KEY_BODY_EXCERPT: &str = "ErrcatBodyExcerpt";
/// errcat's userInfo key for the size in bytes of that response's whole body.
pub const KEY_BODY_LENGTH: &str = "ErrcatBodyLength";
/// errcat's userInfo key saying the error was typed from the HTTP status alone.
pub const KEY_FROM_STATUS: &str = "ErrcatFromStatus";

/// An error as NSError sees it: a domain, an integer code and a userInfo.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NsErrorView {
    /// The catalog's domain (`errcat.rtc`, …).
    pub domain: String,
    /// The table's integer code (the raw code for an unknown one).
    pub code: i64,
    /// `localizedDescription`: the server's message, else the table's.
    pub localized_description: String,
    /// `localizedFailureReason`: the minor code's detail; else, when the
    /// description is the server's own text, the table's message.
    pub failure_reason: Option<String>,
    /// `localizedRecoverySuggestion`: the documented reaction; else, for a
    /// retryable error, when to retry.
    pub recovery_suggestion: Option<String>,
    /// The symbol.
    pub symbol: String,
    /// The catalog id.
    pub catalog: String,
    /// The canonical kind.
    pub kind: Kind,
    /// The minor code.
    pub minor_code: Option<i64>,
    /// The retry delay.
    pub retry_after_ms: Option<u64>,
    /// The retry advice.
    pub retryable: bool,
    /// The missing permission.
    pub missing_permission: Option<String>,
    /// The raw code, for an error the table does not know.
    pub raw_code: Option<String>,
    /// The entry's documentation URL (none for a code the table does not know).
    pub doc_url: Option<String>,
    /// The HTTP response's status, for an error decoded from a response.
    pub response_status: Option<u16>,
    /// The response's `Content-Type`.
    pub content_type: Option<String>,
    /// The excerpt of a body that was not an error payload.
    pub body_excerpt: Option<String>,
    /// The size of the response's whole body, in bytes.
    pub body_len: Option<usize>,
    /// Typed from the HTTP status alone (the body had no error code).
    pub from_status: bool,
}

/// A userInfo value: NSString or NSNumber.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum UserInfoValue {
    /// An NSString.
    Str(String),
    /// An NSNumber holding an integer.
    Int(i64),
    /// An NSNumber holding a boolean.
    Bool(bool),
}

impl NsErrorView {
    /// The view of a decoded error.
    pub fn of(e: &ApiError) -> NsErrorView {
        let description = e.message().into_owned();
        let failure_reason = e.minor_detail().map(str::to_string).or_else(|| {
            match (e.server_message(), e.entry()) {
                (Some(server), Some(entry)) if server != entry.message => {
                    Some(entry.message.to_string())
                }
                _ => None,
            }
        });
        let recovery_suggestion = e.reaction().map(str::to_string).or_else(|| {
            if let Some(ms) = e.retry_after_ms() {
                Some(format!("Try again in {ms} ms."))
            } else if let Some(w) = e.wait() {
                Some(format!("Try again after waiting {w}."))
            } else if e.retryable() {
                Some("Try again later.".to_string())
            } else {
                None
            }
        });
        NsErrorView {
            domain: e.catalog().domain.to_string(),
            code: e.code(),
            localized_description: description,
            failure_reason,
            recovery_suggestion,
            symbol: e.symbol().to_string(),
            catalog: e.catalog().id.to_string(),
            kind: e.kind(),
            minor_code: e.minor(),
            retry_after_ms: e.retry_after_ms(),
            retryable: e.retryable(),
            missing_permission: e.missing_permission().map(str::to_string),
            raw_code: if e.is_unknown() {
                Some(e.raw_code().to_string())
            } else {
                None
            },
            doc_url: e
                .entry()
                .and_then(|en| en.doc_url.as_deref())
                .map(str::to_string),
            response_status: e.response_status(),
            content_type: e.content_type().map(str::to_string),
            body_excerpt: e.body_excerpt().map(str::to_string),
            body_len: e.body_len(),
            from_status: e.is_from_status(),
        }
    }

    /// The userInfo dictionary, keys as in the `KEY_*` constants; absent
    /// values are left out.
    pub fn user_info(&self) -> Vec<(&'static str, UserInfoValue)> {
        let mut v = vec![(
            KEY_DESCRIPTION,
            UserInfoValue::Str(self.localized_description.clone()),
        )];
        if let Some(r) = &self.failure_reason {
            v.push((KEY_FAILURE_REASON, UserInfoValue::Str(r.clone())));
        }
        if let Some(r) = &self.recovery_suggestion {
            v.push((KEY_RECOVERY_SUGGESTION, UserInfoValue::Str(r.clone())));
        }
        v.push((KEY_SYMBOL, UserInfoValue::Str(self.symbol.clone())));
        v.push((KEY_CATALOG, UserInfoValue::Str(self.catalog.clone())));
        v.push((KEY_KIND, UserInfoValue::Str(self.kind.as_str().to_string())));
        v.push((KEY_RETRYABLE, UserInfoValue::Bool(self.retryable)));
        if let Some(m) = self.minor_code {
            v.push((KEY_MINOR_CODE, UserInfoValue::Int(m)));
        }
        if let Some(ms) = self.retry_after_ms {
            v.push((
                KEY_RETRY_AFTER_MS,
                UserInfoValue::Int(ms.min(i64::MAX as u64) as i64),
            ));
        }
        if let Some(p) = &self.missing_permission {
            v.push((KEY_MISSING_PERMISSION, UserInfoValue::Str(p.clone())));
        }
        if let Some(r) = &self.raw_code {
            v.push((KEY_RAW_CODE, UserInfoValue::Str(r.clone())));
        }
        if let Some(u) = &self.doc_url {
            v.push((KEY_HELP_ANCHOR, UserInfoValue::Str(u.clone())));
            v.push((KEY_DOC_URL, UserInfoValue::Str(u.clone())));
        }
        if let Some(s) = self.response_status {
            v.push((KEY_RESPONSE_STATUS, UserInfoValue::Int(i64::from(s))));
            v.push((KEY_FROM_STATUS, UserInfoValue::Bool(self.from_status)));
        }
        if let Some(c) = &self.content_type {
            v.push((KEY_CONTENT_TYPE, UserInfoValue::Str(c.clone())));
        }
        if let Some(x) = &self.body_excerpt {
            v.push((KEY_BODY_EXCERPT, UserInfoValue::Str(x.clone())));
        }
        if let Some(n) = self.body_len {
            v.push((
                KEY_BODY_LENGTH,
                UserInfoValue::Int(n.min(i64::MAX as usize) as i64),
            ));
        }
        v
    }
}
