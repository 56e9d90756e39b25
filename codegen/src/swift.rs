//! Generated files for the Swift target: the NSError layer of the Swift
//! package (`swift/Sources/Errcat/ErrcatNSError.swift`).
//!
//! UniFFI generates one Swift enum per catalog (`SpacesError`, one case per
//! entry, each carrying an `ErrorInfo`), told by `bindings/uniffi.toml` to
//! leave out its own `LocalizedError` conformance (whose text is
//! `String(reflecting:)`). This file gives every catalog's enum:
//!
//! * `CustomNSError`: `errorDomain` is the catalog's domain from the core,
//!   `errorCode` the table's integer code written out per case, and
//!   `errorUserInfo` the core's NSError view (`errcat::NsErrorView`, carried
//!   in `ErrorInfo.nsError`), so the userInfo keys are the core's
//!   `errcat::nserror::KEY_*` constants;
//! * `LocalizedError`: description, failure reason and recovery suggestion
//!   from the same view (the server's text, else the table's);
//! * the `ErrcatError` protocol, for code that handles every catalog alike.
//!
//! Everything per code is written from the table here; nothing is kept by
//! hand. The UniFFI-generated `Errcat.swift` is committed next to it by
//! `bindings/generate.sh` and checked by `scripts/test-swift.sh`.

use crate::{Generated, GENERATED_NOTE};
use errcat::nserror as ns;
use std::fmt::Write as _;
use std::path::PathBuf;

/// The Swift name of a catalog's typed error (the UniFFI enum that
/// `bindings/build.rs` declares): `spaces` -> `SpacesError`.
pub fn error_type(catalog_id: &str) -> String {
    let mut c = catalog_id.chars();
    match c.next() {
        Some(f) => format!("{}{}Error", f.to_ascii_uppercase(), c.as_str()),
        None => "Error".to_string(),
    }
}

/// The case of a code the table does not know (see `bindings/build.rs`).
pub const UNKNOWN_CASE: &str = "UnknownCode";

/// The userInfo keys: Swift name, value (the core's constant), doc.
pub fn user_info_keys() -> Vec<(&'static str, &'static str, &'static str)> {
    vec![
        ("localizedDescription", ns::KEY_DESCRIPTION, "`NSLocalizedDescriptionKey`: the server's message, else the table's."),
        ("failureReason", ns::KEY_FAILURE_REASON, "`NSLocalizedFailureReasonErrorKey`: the minor code's detail, or the table's message when the description is the server's."),
        (
            "recoverySuggestion",
            ns::KEY_RECOVERY_SUGGESTION,
            "`NSLocalizedRecoverySuggestionErrorKey`: the documented reaction, else retry advice.",
        ),
        ("symbol", ns::KEY_SYMBOL, "The table's symbol (`RATE_LIMITED`), or the raw string code of an unknown error."),
        ("catalog", ns::KEY_CATALOG, "The catalog id (`spaces`)."),
        ("kind", ns::KEY_KIND, "The canonical kind, snake_case (`resource_exhausted`)."),
        ("retryable", ns::KEY_RETRYABLE, "Whether retrying may succeed (an NSNumber holding a Bool)."),
        ("minorCode", ns::KEY_MINOR_CODE, "The minor code the server sent (NSNumber)."),
        ("retryAfterMs", ns::KEY_RETRY_AFTER_MS, "The retry delay in milliseconds the server sent (NSNumber)."),
        ("missingPermission", ns::KEY_MISSING_PERMISSION, "The permission the caller lacks, as the server sent it."),
        ("rawCode", ns::KEY_RAW_CODE, "The code exactly as the server sent it, for a code the table does not know."),
    ]
}

/// A Swift string literal.
pub fn swift_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `///` doc lines, one per line of `text`.
fn doc(out: &mut String, indent: &str, text: &str) {
    for line in text.lines() {
        if line.is_empty() {
            let _ = writeln!(out, "{indent}///");
        } else {
            let _ = writeln!(out, "{indent}/// {line}");
        }
    }
}

/// Every generated file of this target.
pub fn files() -> Vec<Generated> {
    vec![(
        PathBuf::from("swift/Sources/Errcat/ErrcatNSError.swift"),
        nserror_swift(),
    )]
}

fn nserror_swift() -> String {
    let mut o = String::new();
    let _ = writeln!(o, "// {GENERATED_NOTE}");
    o.push_str(
        r#"//
// The NSError layer of errcat's Swift errors. UniFFI's own errors have no
// CustomNSError and (by `bindings/uniffi.toml`) no LocalizedError; both come
// from here, driven by the core's NSError view that every error carries in
// `info.nsError`.

import Foundation

"#,
    );

    // userInfo keys.
    o.push_str("/// The userInfo keys of errcat's errors: Foundation's three localized keys, then\n/// errcat's own. The values are the core's `errcat::nserror::KEY_*` constants.\npublic enum ErrcatUserInfoKey {\n");
    for (name, value, d) in user_info_keys() {
        doc(&mut o, "    ", d);
        let _ = writeln!(
            o,
            "    public static let {name}: String = {}",
            swift_str(value)
        );
    }
    o.push_str("}\n\n");

    o.push_str(
        r#"/// Every errcat error: the typed error of each catalog (`SpacesError`,
/// `RtcError`, …) conforms, so one `catch let e as ErrcatError` handles them
/// all. Bridged to `NSError`, its domain is the catalog's, its code the
/// table's, and its userInfo the core's NSError view.
public protocol ErrcatError: CustomNSError, LocalizedError {
    /// The table's row and everything the server sent.
    var info: ErrorInfo { get }
}

extension UserInfoValue {
    /// The Foundation value: an `NSString` or an `NSNumber`.
    public var foundationValue: Any {
        switch self {
        case .text(let value): return value
        case .integer(let value): return NSNumber(value: value)
        case .flag(let value): return NSNumber(value: value)
        }
    }
}

extension NsErrorInfo {
    /// The userInfo dictionary as Foundation expects it (keys in `ErrcatUserInfoKey`).
    public var foundationUserInfo: [String: Any] {
        var out: [String: Any] = [:]
        for (key, value) in userInfo {
            out[key] = value.foundationValue
        }
        return out
    }

    /// This view as an `NSError` (for errors of user catalogs, whose domain
    /// is only known at run time).
    public func toNSError() -> NSError {
        NSError(domain: domain, code: Int(clamping: code), userInfo: foundationUserInfo)
    }
}

extension ErrorInfo {
    /// The error as an `NSError`, with the core's domain, code and userInfo.
    public func toNSError() -> NSError {
        nsError.toNSError()
    }
}

"#,
    );

    // The failures: flat errors whose message is the core's text.
    for (ty, cases) in [
        (
            "LookupError",
            &[
                ("UnknownCatalog", "unknown_catalog"),
                ("UnknownCode", "unknown_code"),
            ][..],
        ),
        (
            "DecodeError",
            &[
                ("UnknownCatalog", "unknown_catalog"),
                ("TooLarge", "too_large"),
                ("Empty", "empty"),
                ("InvalidUtf8", "invalid_utf8"),
                ("Malformed", "malformed"),
                ("MissingCode", "missing_code"),
            ][..],
        ),
        ("CatalogLoadError", &[("Invalid", "invalid")][..]),
        ("UnexpectedError", &[("Panic", "unexpected")][..]),
    ] {
        let _ = writeln!(o, "extension {ty}: LocalizedError {{");
        o.push_str(
            "    /// The core's message.\n    public var errorDescription: String? { message }\n\n",
        );
        o.push_str("    /// The core's text for this failure.\n    public var message: String {\n        switch self {\n");
        for (case, _) in cases {
            let _ = writeln!(o, "        case .{case}(let message): return message");
        }
        o.push_str("        }\n    }\n\n");
        o.push_str("    /// The failure's reason string, as in the shared test vectors.\n    public var reason: String {\n        switch self {\n");
        for (case, reason) in cases {
            let _ = writeln!(o, "        case .{case}: return {}", swift_str(reason));
        }
        o.push_str("        }\n    }\n}\n\n");
    }

    // One extension per catalog.
    for cat in errcat::catalogs() {
        let ty = error_type(&cat.id);
        doc(
            &mut o,
            "",
            &format!(
                "`{}` errors ({}) as `NSError`: domain `{}`, the table's code, the core's userInfo.",
                cat.id, cat.name, cat.domain
            ),
        );
        let _ = writeln!(o, "extension {ty}: ErrcatError {{");
        let _ = writeln!(o, "    /// The catalog's NSError domain.");
        let _ = writeln!(
            o,
            "    public static var errorDomain: String {{ {} }}\n",
            swift_str(&cat.domain)
        );
        let _ = writeln!(o, "    /// The catalog id.");
        let _ = writeln!(
            o,
            "    public static var catalogId: String {{ {} }}\n",
            swift_str(&cat.id)
        );
        o.push_str("    /// The table's integer code (for an unknown code, the core's: the raw integer, else 0).\n");
        o.push_str("    public var errorCode: Int {\n        switch self {\n");
        for e in cat.entries.iter() {
            let _ = writeln!(o, "        case .{}: return {}", e.type_name, e.code);
        }
        let _ = writeln!(
            o,
            "        case .{UNKNOWN_CASE}(let info): return Int(clamping: info.nsError.code)"
        );
        o.push_str("        }\n    }\n\n");
        o.push_str("    /// The table's symbol, as documented (for an unknown code, what the server sent).\n");
        o.push_str("    public var symbol: String {\n        switch self {\n");
        for e in cat.entries.iter() {
            let _ = writeln!(
                o,
                "        case .{}: return {}",
                e.type_name,
                swift_str(&e.symbol)
            );
        }
        let _ = writeln!(
            o,
            "        case .{UNKNOWN_CASE}(let info): return info.symbol"
        );
        o.push_str("        }\n    }\n\n");
        o.push_str("    /// The table's row and everything the server sent.\n");
        o.push_str("    public var info: ErrorInfo {\n        switch self {\n");
        for e in cat.entries.iter() {
            let _ = writeln!(o, "        case .{}(let info): return info", e.type_name);
        }
        let _ = writeln!(o, "        case .{UNKNOWN_CASE}(let info): return info");
        o.push_str("        }\n    }\n\n");
        o.push_str(
            r#"    /// userInfo: the core's NSError view (keys in `ErrcatUserInfoKey`).
    public var errorUserInfo: [String: Any] { info.nsError.foundationUserInfo }

    /// The server's message, else the table's.
    public var errorDescription: String? { info.nsError.localizedDescription }

    /// The minor code's detail, or the table's message when the description is the server's.
    public var failureReason: String? { info.nsError.failureReason }

    /// The documented reaction, else retry advice.
    public var recoverySuggestion: String? { info.nsError.recoverySuggestion }
}

"#,
        );
    }

    // Typed decoding and construction for any built-in catalog.
    o.push_str(
        "/// Decodes a server's error payload against a built-in catalog into that\n/// catalog's typed error, ready to throw. Throws `DecodeError` for a payload\n/// that is not an error at all, or an unknown catalog.\npublic func decodeError(catalog: String, payload: Data) throws -> any ErrcatError {\n    switch catalog {\n",
    );
    for cat in errcat::catalogs() {
        let _ = writeln!(
            o,
            "    case {}: return try decode{}(payload: payload)",
            swift_str(&cat.id),
            upper(&cat.id)
        );
    }
    o.push_str(
        "    default:\n        // Not a built-in catalog: the core's decode says so (UnknownCatalog).\n        _ = try decode(catalog: catalog, payload: payload)\n        throw DecodeError.UnknownCatalog(message: \"unknown catalog \\(catalog)\")\n    }\n}\n\n",
    );
    o.push_str(
        "/// The typed error of an entry of a built-in catalog (by code or symbol),\n/// with nothing from a server, ready to throw.\npublic func errcatError(catalog: String, query: String) throws -> any ErrcatError {\n    switch catalog {\n",
    );
    for cat in errcat::catalogs() {
        let _ = writeln!(
            o,
            "    case {}: return try {}Error(query: query)",
            swift_str(&cat.id),
            cat.id
        );
    }
    o.push_str(
        "    default:\n        // Not a built-in catalog: the core's lookup says so (UnknownCatalog).\n        _ = try errorInfo(catalog: catalog, query: query)\n        throw LookupError.UnknownCatalog(message: \"unknown catalog \\(catalog)\")\n    }\n}\n",
    );
    o
}

fn upper(id: &str) -> String {
    let mut c = id.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_has_its_case_and_code() {
        let text = nserror_swift();
        for cat in errcat::catalogs() {
            assert!(text.contains(&format!(
                "extension {}: ErrcatError {{",
                error_type(&cat.id)
            )));
            for e in cat.entries.iter() {
                assert!(
                    text.contains(&format!(
                        "        case .{}: return {}\n",
                        e.type_name, e.code
                    )),
                    "{}",
                    e.symbol
                );
            }
        }
    }

    #[test]
    fn string_literals_escape() {
        assert_eq!(swift_str("a\"b\\c\nd\u{1}"), "\"a\\\"b\\\\c\\nd\\u{1}\"");
    }

    #[test]
    fn keys_are_the_cores() {
        let keys: Vec<_> = user_info_keys().into_iter().map(|(_, v, _)| v).collect();
        assert!(keys.contains(&"NSLocalizedDescription"));
        assert_eq!(keys.len(), 11);
    }
}
