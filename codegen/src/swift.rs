//! Generated files for the Swift target: the NSError layer of the Swift
//! package (`swift/Sources/Errcat/ErrcatNSError.swift`) and its API
//! (`swift/Sources/Errcat/ErrcatAPI.swift`: `enum Errcat`).
//!
//! UniFFI generates one Swift enum per catalog (`SpacesError`, one case per
//! entry, each carrying an `ErrorInfo`), told by `bindings/uniffi.toml` to
//! leave out its own `LocalizedError` conformance (whose text is
//! `String(reflecting:)`). This file gives every catalog's enum:
//!
//! * `CustomNSError`: `errorDomain` is the catalog's domain from the core,
//!   `errorCode` the table's integer code written out per case, and
//!   `errorUserInfo` the core's NSError view (`errcat::NsErrorView`, asked of
//!   the core by `ErrorInfo.nsError`), so the userInfo keys are the core's
//!   `errcat::nserror::KEY_*` constants;
//! * `LocalizedError`: description, failure reason and recovery suggestion
//!   from the same view (the server's text, else the table's);
//! * the `ErrcatError` protocol, for code that handles every catalog alike.
//!
//! The API is `public enum Errcat`, a caseless namespace whose static members
//! are the operations of docs/api.md (`Errcat.lookup(catalog:query:)`,
//! `Errcat.decode(catalog:payload:)`, …), plus per catalog
//! `SpacesError.decode(payload:)` / `SpacesError.errorFor(query:)`. UniFFI's
//! global functions are the raw layer underneath. Because the enum has the
//! module's name, `Errcat.lookup` inside it cannot reach the module's global
//! `lookup`: the file calls them through file-scope forwarders.
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
        ("helpAnchor", ns::KEY_HELP_ANCHOR, "`NSHelpAnchorErrorKey`: the entry's documentation URL."),
        ("docUrl", ns::KEY_DOC_URL, "The entry's documentation URL (`<doc_base_url>#<catalog>-<code>`)."),
        ("responseStatus", ns::KEY_RESPONSE_STATUS, "The status of the HTTP response the error was decoded from (NSNumber)."),
        ("fromStatus", ns::KEY_FROM_STATUS, "Whether the error was typed from the HTTP status alone, the body having no error code (NSNumber holding a Bool)."),
        ("contentType", ns::KEY_CONTENT_TYPE, "The response's `Content-Type`."),
        ("bodyExcerpt", ns::KEY_BODY_EXCERPT, "A bounded excerpt of a body that was not an error payload, saying how many bytes were cut."),
        ("bodyLength", ns::KEY_BODY_LENGTH, "The size in bytes of the response's whole body (NSNumber)."),
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
    vec![
        (
            PathBuf::from("swift/Sources/Errcat/ErrcatNSError.swift"),
            nserror_swift(),
        ),
        (
            PathBuf::from("swift/Sources/Errcat/ErrcatAPI.swift"),
            api_swift(),
        ),
    ]
}

fn nserror_swift() -> String {
    let mut o = String::new();
    let _ = writeln!(o, "// {GENERATED_NOTE}");
    o.push_str(
        r#"//
// The NSError layer of errcat's Swift errors. UniFFI's own errors have no
// CustomNSError and (by `bindings/uniffi.toml`) no LocalizedError; both come
// from here, driven by the core's NSError view of every error,
// `info.nsError` (computed by the core when asked).

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
    /// The core's NSError view (domain, code, userInfo): the record's own
    /// (`nsErrorEager`, user catalogs and HTTP responses) when it carries one,
    /// else computed by the core from this record when asked (`nsErrorOf(info:)`),
    /// so a decode does not carry it. A record errcat did not make (no such
    /// built-in catalog or entry) gets a bare view of its domain, code and message.
    public var nsError: NsErrorInfo {
        if let view = nsErrorEager { return view }
        if let view = try? nsErrorOf(info: self) { return view }
        return NsErrorInfo(domain: domain, code: code, localizedDescription: message, failureReason: nil,
                           recoverySuggestion: nil,
                           userInfo: [ErrcatUserInfoKey.localizedDescription: .text(value: message)])
    }

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
        code_constants(&mut o, cat);
        o.push_str("    /// The table's integer code (for an unknown code, the core's: the raw integer, else 0).\n");
        o.push_str("    public var errorCode: Int {\n        switch self {\n");
        for e in cat.entries.iter() {
            let _ = writeln!(o, "        case .{}: return {}", e.type_name, e.code);
        }
        // `info.code` is the core's `ApiError::code`, which its NSError view's
        // code also is: reading it does not ask the core for the whole view.
        let _ = writeln!(
            o,
            "        case .{UNKNOWN_CASE}(let info): return Int(clamping: info.code)"
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
            r#"    /// userInfo: the core's NSError view (keys in `ErrcatUserInfoKey`), its
    /// description in the user's language (`errorUserInfo(locales:)` with
    /// `Locale.preferredLanguages`).
    public var errorUserInfo: [String: Any] { errorUserInfo(locales: Locale.preferredLanguages) }

    /// The message in the user's language (`localizedMessage()`, following
    /// `Locale.preferredLanguages`): an overlay's translation, else the
    /// server's message, else the table's.
    public var errorDescription: String? { localizedMessage(locales: Locale.preferredLanguages) }

    /// The minor code's detail, or the table's message when the description is the server's.
    public var failureReason: String? { info.nsError.failureReason }

    /// The documented reaction, else retry advice.
    public var recoverySuggestion: String? { info.nsError.recoverySuggestion }
}

"#,
        );
    }

    o
}

/// Swift's reserved words that could be a lowerCamel entry name; such a
/// name is written in backticks.
const SWIFT_KEYWORDS: &[&str] = &[
    "associatedtype",
    "break",
    "case",
    "catch",
    "class",
    "continue",
    "default",
    "defer",
    "deinit",
    "do",
    "else",
    "enum",
    "extension",
    "fallthrough",
    "false",
    "fileprivate",
    "for",
    "func",
    "guard",
    "if",
    "import",
    "in",
    "init",
    "inout",
    "internal",
    "is",
    "let",
    "nil",
    "open",
    "operator",
    "private",
    "protocol",
    "public",
    "repeat",
    "rethrows",
    "return",
    "self",
    "static",
    "struct",
    "subscript",
    "super",
    "switch",
    "throw",
    "throws",
    "true",
    "try",
    "typealias",
    "var",
    "where",
    "while",
    "as",
    "any",
    "some",
    "Self",
    "Type",
    "Protocol",
];

/// The constant of an entry in its catalog's `Code` namespace: the type
/// name with a lower-case first letter (`RateLimited` -> `rateLimited`).
pub fn code_constant(type_name: &str) -> String {
    let mut c = type_name.chars();
    let name = match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    };
    if SWIFT_KEYWORDS.contains(&name.as_str()) {
        format!("`{name}`")
    } else {
        name
    }
}

/// Per catalog, `enum Code`: one `Int` constant per entry (what
/// `errorCode` and a bridged NSError's `code` hold). A deprecated entry's
/// constant carries `@available(*, deprecated, message:)` with the shared
/// message: the enum case itself is UniFFI's (Errcat.swift), which cannot
/// carry attributes, so the constant is the name that warns. Nothing
/// generated names these constants, so the package builds without the
/// warning; the cases are named as before and never warn.
fn code_constants(o: &mut String, cat: &errcat::Catalog) {
    let _ = writeln!(
        o,
        "    /// The table's integer codes by name (`{}Error.Code.x == error.errorCode`).",
        upper(&cat.id)
    );
    o.push_str("    public enum Code {\n");
    for e in cat.entries.iter() {
        doc(o, "        ", &format!("`{}`: {}", e.symbol, e.message));
        if let Some(m) = crate::deprecation_message(e) {
            let _ = writeln!(
                o,
                "        @available(*, deprecated, message: {})",
                swift_str(&m)
            );
        }
        let _ = writeln!(
            o,
            "        public static let {}: Int = {}",
            code_constant(&e.type_name),
            e.code
        );
    }
    o.push_str("    }\n\n");
}

fn api_swift() -> String {
    let mut o = String::new();
    let _ = writeln!(o, "// {GENERATED_NOTE}");
    o.push_str(
        &r#"//
// errcat's Swift API: `enum Errcat`, whose static members are the operations
// of docs/api.md, and per catalog `SpacesError.decode(payload:)` and
// `SpacesError.errorFor(query:)`. UniFFI's global functions (Errcat.swift:
// `lookup(catalog:query:)`, `decode(catalog:payload:)`, `decodeSpaces`, …) are
// the raw layer these call: treat them as internal.

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking  // URLResponse and HTTPURLResponse on Linux
#endif

// The raw layer, reached from file scope: inside `enum Errcat` a bare
// `lookup(...)` would be the enum's own member, and `Errcat.lookup` names the
// enum, not the module.
private func rawCatalogs() throws -> [CatalogInfo] { try catalogs() }
private func rawCatalog(id: String) throws -> CatalogInfo? { try catalog(id: id) }
private func rawCatalogEntries(catalog: String) throws -> [EntryInfo] { try catalogEntries(catalog: catalog) }
private func rawLookup(catalog: String, query: String) throws -> EntryInfo { try lookup(catalog: catalog, query: query) }
private func rawLookupCode(catalog: String, code: Int64) throws -> EntryInfo? { try lookupCode(catalog: catalog, code: code) }
private func rawLookupSymbol(catalog: String, symbol: String) throws -> EntryInfo? {
    try lookupSymbol(catalog: catalog, symbol: symbol)
}
private func rawSearch(text: String) throws -> [SearchHit] { try search(text: text) }
private func rawDecode(catalog: String, payload: Data) throws -> ErrorInfo { try decode(catalog: catalog, payload: payload) }
private func rawDecodeParts(catalog: String, payload: Data) throws -> Data { try decodeParts(catalog: catalog, payload: payload) }
private func rawErrorFor(catalog: String, query: String) throws -> ErrorInfo { try errorFor(catalog: catalog, query: query) }
private func rawLoadCatalog(path: String) throws -> UserCatalog { try loadCatalog(path: path) }
private func rawParseCatalog(text: Data, format: CatalogFormat, name: String) throws -> UserCatalog {
    try parseCatalog(text: text, format: format, name: name)
}
private func rawLocalizedTexts(catalog: String, code: Int64, preferred: [String]) throws -> LocalizedTexts? {
    try localizedTexts(catalog: catalog, code: code, preferred: preferred)
}
private func rawRegisterOverlay(text: String, format: CatalogFormat) throws { try registerOverlay(text: text, format: format) }
private func rawClearOverlays() throws { try clearOverlays() }
private func rawDecodeResponse(catalog: String, status: Int, headers: [HttpHeader], body: Data, now: Date?) throws -> ErrorInfo? {
    try decodeResponse(catalog: catalog, status: Int32(clamping: status), headers: headers, body: body, nowMs: unixMs(now))
}
private func rawDecodeResponse(catalog: UserCatalog, status: Int, headers: [HttpHeader], body: Data, now: Date?) throws -> ErrorInfo? {
    try catalog.decodeResponse(status: Int32(clamping: status), headers: headers, body: body, nowMs: unixMs(now))
}

// The core reads every HTTP rule (errcat::http); these only carry the parts
// across. A status outside Int32 clamps to one the core rejects (malformed).

/// The clock as Unix milliseconds (nil: the core reads the system clock).
private func unixMs(_ now: Date?) -> Int64? {
    guard let now = now else { return nil }
    let ms = (now.timeIntervalSince1970 * 1000).rounded(.down)
    if ms.isNaN { return 0 }
    if ms >= 9.2e18 { return Int64.max }
    if ms <= -9.2e18 { return Int64.min }
    return Int64(ms)
}

/// Header pairs sorted by name: of names differing only in case (possible in
/// a hand-built dictionary, never in `HTTPURLResponse`), the same one counts
/// every time.
private func headerPairs(_ headers: [String: String]) -> [HttpHeader] {
    headers.sorted { $0.key < $1.key }.map { HttpHeader(name: $0.key, value: $0.value) }
}

/// `HTTPURLResponse.allHeaderFields`' form: names and values as their text.
private func headerPairs(_ headers: [AnyHashable: Any]) -> [HttpHeader] {
    headers.map { key, value in
        HttpHeader(name: (key.base as? String) ?? String(describing: key.base),
                   value: (value as? String) ?? String(describing: value))
    }.sorted { $0.name < $1.name }
}

/// The HTTP response of a URLSession answer, else a `DecodeError` (`malformed`).
private func httpResponse(_ response: URLResponse) throws -> HTTPURLResponse {
    guard let http = response as? HTTPURLResponse else {
        throw DecodeError.Malformed(message: "not an HTTP response (\(type(of: response))): no status to decode")
    }
    return http
}

// The lookup cache. A call through UniFFI serializes the whole `EntryInfo`
// into a buffer and parses it back (reports/bench-swift.md); the built-in
// tables never change, so an answer, once had, stays true. `EntryInfo` is a
// struct of values: a cached answer is handed out as a copy, never shared
// mutable state. Failed lookups are not kept (they throw or return nil each
// time), nor is any localized text (overlays change at run time).

/// A pthread mutex, never destroyed (the caches live as long as the
/// process): no class call per lock as with `NSLock`, and available back to
/// iOS 13, unlike `Synchronization.Mutex`.
private struct Lock {
    private let m: UnsafeMutablePointer<pthread_mutex_t>
    init() {
        m = .allocate(capacity: 1)
        m.initialize(to: pthread_mutex_t())
        pthread_mutex_init(m, nil)
    }
    @inline(__always) func lock() { pthread_mutex_lock(m) }
    @inline(__always) func unlock() { pthread_mutex_unlock(m) }
}

/// One built-in catalog's answers, by query and symbol (a code is answered
/// from the catalog's entries, `BuiltinTable`). Every access holds `lock`,
/// hence `@unchecked Sendable`.
private final class AnswerCache: @unchecked Sendable {
    private let lock = Lock()
    private var queries: [String: EntryInfo] = [:]
    private var symbols: [String: EntryInfo] = [:]

    func byQuery(_ q: String) -> EntryInfo? { lock.lock(); defer { lock.unlock() }; return queries[q] }
    func bySymbol(_ s: String) -> EntryInfo? { lock.lock(); defer { lock.unlock() }; return symbols[s] }

    func keep(query: String, _ e: EntryInfo) { lock.lock(); defer { lock.unlock() }; makeRoom(); queries[query] = e }
    func keep(symbol: String, _ e: EntryInfo) { lock.lock(); defer { lock.unlock() }; makeRoom(); symbols[symbol] = e }

    var count: Int { lock.lock(); defer { lock.unlock() }; return queries.count + symbols.count }

    /// With the lock held: at the limit, this catalog's answers start over.
    private func makeRoom() {
        if queries.count + symbols.count >= Errcat.cacheLimit {
            queries.removeAll()
            symbols.removeAll()
        }
    }
}

/// One cache per built-in catalog, made up front: any other id goes to Rust
/// (which throws `unknown_catalog`) and gets no cache.
private let answerCaches: [AnswerCache] = [@@BUILTIN_CACHES@@]

/// The cache of a built-in catalog id, else nil (a `switch`: cheaper than
/// hashing the id).
private func answerCache(_ catalog: String) -> AnswerCache? {
    switch catalog {
@@BUILTIN_CASES@@    default: return nil
    }
}

// Decode by reference (issue 17). The full `ErrorInfo` record costs more to
// read in Swift than the decode itself (reports/bench-swift.md), yet most of
// it is the entry's own text. The core's decode makes every choice and says,
// in a few bytes (`decode_parts`, laid out in bindings/src/lib.rs), where each
// field is: the entry (by position in the catalog's entries, fetched once),
// its minor code, or the answer itself. This side only reads what it is
// pointed at.

/// A built-in catalog's domain and entries, fetched once on first use (a
/// global `let`, so its initialization is thread-safe) and never changed:
/// immutable values only, hence `@unchecked Sendable` (UniFFI's records do
/// not declare `Sendable`). Bounded by the built-in catalogs.
private final class BuiltinTable: @unchecked Sendable {
    let id: String
    let domain: String
    let entries: [EntryInfo]
    /// Each code's position in `entries` (codes are unique in a catalog).
    let byCode: [Int64: Int]
    init(_ id: String) {
        self.id = id
        domain = (try? rawCatalog(id: id))?.domain ?? ""
        entries = (try? rawCatalogEntries(catalog: id)) ?? []
        byCode = Dictionary(entries.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

@@BUILTIN_TABLES@@
/// The table of a built-in catalog id, else nil (a `switch`, like `answerCache`).
private func builtinTable(_ catalog: String) -> BuiltinTable? {
    switch catalog {
@@BUILTIN_TABLE_CASES@@    default: return nil
    }
}

/// Reads `decode_parts`' answer: little-endian numbers, then texts (an
/// `Int32` byte length, -1 for none, and UTF-8). Nil past its end.
private struct PartsReader {
    let bytes: UnsafeRawBufferPointer
    var at = 0
    mutating func int() -> Int64? {
        guard at + 8 <= bytes.count else { return nil }
        defer { at += 8 }
        return Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: Int64.self))
    }
    /// `.some(nil)` for an absent text.
    mutating func text() -> String?? {
        guard at + 4 <= bytes.count else { return nil }
        let n = Int(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: Int32.self)))
        at += 4
        if n < 0 { return .some(nil) }
        guard at + n <= bytes.count else { return nil }
        defer { at += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[at..<at + n]), as: UTF8.self)
    }
}

/// The `ErrorInfo` `decode_parts`' answer points at. Nil when it points
/// outside this table (never for an answer about this catalog): the caller
/// then asks for the full record.
private func builtinInfo(_ t: BuiltinTable, _ answer: Data) -> ErrorInfo? {
    answer.withUnsafeBytes { raw -> ErrorInfo? in
        var r = PartsReader(bytes: raw)
        guard let flags = r.int(), let entryIndex = r.int(), let minorIndex = r.int(), let code = r.int(),
              let kindNumber = r.int(), let httpStatus = r.int(), let minorCode = r.int(),
              let retryAfter = r.int(), let waitValue = r.int(),
              let sentSymbol = r.text(), let sentKindName = r.text(), let sentMessage = r.text(),
              let sentRawCode = r.text(), let serverMessage = r.text(), let missingPermission = r.text()
        else { return nil }
        let entries = t.entries
        var e = -1, m = -1
        if entryIndex >= 0 {
            guard entryIndex < entries.count else { return nil }
            e = Int(entryIndex)
        }
        if minorIndex >= 0 {
            guard e >= 0, minorIndex < entries[e].minorCodes.count else { return nil }
            m = Int(minorIndex)
        }
        guard let symbol = sentSymbol ?? (e >= 0 ? entries[e].symbol : nil),
              let kindName = sentKindName ?? (e >= 0 ? entries[e].kindName : nil) else { return nil }
        let kind: ErrorKind
        if kindNumber == 0 {
            guard e >= 0 else { return nil }
            kind = entries[e].kind
        } else {
            // UniFFI's own numbering of the cases.
            var buf = (data: Data(withUnsafeBytes(of: Int32(truncatingIfNeeded: kindNumber).bigEndian) { Array($0) }), offset: 0)
            guard let k = try? FfiConverterTypeErrorKind.read(from: &buf) else { return nil }
            kind = k
        }
        let message: String
        switch (flags >> 8) & 0xff {
        case 1 where e >= 0: message = entries[e].message       // the entry's
        case 3 where serverMessage != nil: message = serverMessage!  // the server's
        case 6 where sentMessage != nil: message = sentMessage!
        default: return nil
        }
        let rawCode: String
        switch (flags >> 16) & 0xff {
        case 4: rawCode = String(code)                         // the code's digits
        case 5: rawCode = symbol
        case 6 where sentRawCode != nil: rawCode = sentRawCode!
        default: return nil
        }
        let reaction: String?
        switch (flags >> 24) & 0xff {
        case 0: reaction = nil
        case 1 where e >= 0: reaction = entries[e].reaction
        case 2 where m >= 0: reaction = entries[e].minorCodes[m].reaction
        default: return nil
        }
        return ErrorInfo(
            catalog: t.id, domain: t.domain, isUnknown: flags & 1 != 0, code: code, symbol: symbol, kind: kind,
            kindName: kindName, message: message, serverMessage: serverMessage, rawCode: rawCode,
            httpStatus: UInt16(truncatingIfNeeded: httpStatus), retryable: flags & 2 != 0,
            minor: flags & 8 != 0 ? minorCode : nil,
            minorDetail: m >= 0 ? entries[e].minorCodes[m].detail : nil, reaction: reaction,
            retryAfterMs: flags & 16 != 0 ? UInt64(bitPattern: retryAfter) : nil,
            missingPermission: missingPermission, wait: flags & 32 != 0 ? waitValue : nil, nsErrorEager: nil,
            responseStatus: nil, contentType: nil, bodyExcerpt: nil, bodyLen: nil, isFromStatus: false,
            deprecated: flags & 4 != 0)
    }
}

/// The core's decode against a built-in catalog, read by reference to its
/// entries; the full record if the table could not be fetched. Throws the
/// core's `DecodeError`.
private func builtinDecode(_ t: BuiltinTable, _ payload: Data) throws -> ErrorInfo {
    if !t.entries.isEmpty, let info = builtinInfo(t, try rawDecodeParts(catalog: t.id, payload: payload)) {
        return info
    }
    return try rawDecode(catalog: t.id, payload: payload)
}

/// errcat for Swift: every operation of docs/api.md, as a static member of
/// this caseless enum. Every call throws: a failure is a `LookupError`,
/// `DecodeError` or `CatalogLoadError` with a `reason`, and a caught Rust
/// panic (a bug) an `UnexpectedError`, never a trap.
public enum Errcat {
    /// Every built-in catalog, in public order.
    public static func catalogs() throws -> [CatalogInfo] { try rawCatalogs() }

    /// The built-in catalog with this id, or nil.
    public static func catalog(id: String) throws -> CatalogInfo? { try rawCatalog(id: id) }

    /// Every entry of a built-in catalog, in table order. Throws `LookupError` for an unknown catalog.
    public static func catalogEntries(catalog: String) throws -> [EntryInfo] { try rawCatalogEntries(catalog: catalog) }

    /// The entry of a built-in catalog for a code (`"42901"`) or a symbol or
    /// alias, forgiving about case, `-` and `_` (`rate-limited` finds
    /// `RATE_LIMITED`). Throws `LookupError` (`unknown_catalog`, `unknown_code`).
    ///
    /// Answers are kept on the Swift side (see `cacheLimit`): the first lookup
    /// of a query crosses into Rust, repeats read a dictionary.
    public static func lookup(catalog: String, query: String) throws -> EntryInfo {
        guard let answers = answerCache(catalog) else { return try rawLookup(catalog: catalog, query: query) }
        if let e = answers.byQuery(query) { return e }
        let e = try rawLookup(catalog: catalog, query: query)
        answers.keep(query: query, e)
        return e
    }

    /// The entry with this integer code, or nil. Throws `LookupError` for an
    /// unknown catalog. A built-in catalog answers from its entries, fetched
    /// once and indexed by code: no call into Rust, no lock, nothing kept per
    /// query.
    public static func lookupCode(catalog: String, code: Int64) throws -> EntryInfo? {
        guard let table = builtinTable(catalog), !table.entries.isEmpty else {
            return try rawLookupCode(catalog: catalog, code: code)
        }
        guard let i = table.byCode[code] else { return nil }
        return table.entries[i]
    }

    /// The entry with exactly this documented symbol or alias (not forgiving:
    /// see `lookup`), or nil. Throws `LookupError` for an unknown catalog.
    /// Cached like `lookup`.
    public static func lookupSymbol(catalog: String, symbol: String) throws -> EntryInfo? {
        guard let answers = answerCache(catalog) else { return try rawLookupSymbol(catalog: catalog, symbol: symbol) }
        if let e = answers.bySymbol(symbol) { return e }
        guard let e = try rawLookupSymbol(catalog: catalog, symbol: symbol) else { return nil }
        answers.keep(symbol: symbol, e)
        return e
    }

    /// The most answers `lookup` and `lookupSymbol` keep for one built-in
    /// catalog; past it, that catalog's answers start over.
    public static let cacheLimit = 4096

    /// Answers kept so far for a built-in catalog (0 for any other id): for
    /// tests and monitoring.
    public static func cachedAnswers(catalog: String) -> Int { answerCache(catalog)?.count ?? 0 }

    /// Full-text search over every built-in catalog: every whitespace-separated
    /// term must occur, case-insensitive.
    public static func search(text: String) throws -> [SearchHit] { try rawSearch(text: text) }

"#
        .replace("@@BUILTIN_CACHES@@", &builtin_caches())
        .replace("@@BUILTIN_CASES@@", &builtin_cases())
        .replace("@@BUILTIN_TABLES@@", &builtin_tables())
        .replace("@@BUILTIN_TABLE_CASES@@", &builtin_table_cases()),
    );
    o.push_str(
        r#"    /// Decodes a server's error payload against a built-in catalog into that
    /// catalog's typed error (`SpacesError`, …), ready to throw. An unknown code is
    /// not a failure: it is the catalog's `.UnknownCode` (`info.isUnknown`), keeping
    /// the raw code and the server's message. Throws `DecodeError` (with a `reason`)
    /// for a payload that is not an error at all, or an unknown catalog.
    public static func decode(catalog: String, payload: Data) throws -> any ErrcatError {
        switch catalog {
"#,
    );
    for cat in errcat::catalogs() {
        let _ = writeln!(
            o,
            "        case {}: return try {}.decode(payload: payload)",
            swift_str(&cat.id),
            error_type(&cat.id)
        );
    }
    o.push_str(
        r#"        default:
            // Not a built-in catalog: the core's decode says so (UnknownCatalog).
            _ = try rawDecode(catalog: catalog, payload: payload)
            throw DecodeError.UnknownCatalog(message: "unknown catalog \(catalog)")
        }
    }

"#,
    );
    o.push_str(
        r#"    /// Decodes a server's error payload against a user catalog: its `ErrorInfo`
    /// (`info.toNSError()` bridges it with the catalog's run-time domain).
    public static func decode(catalog: UserCatalog, payload: Data) throws -> ErrorInfo {
        try catalog.decode(payload: payload)
    }

"#,
    );
    o.push_str(&http_ops());
    o.push_str(
        r#"    /// The typed error of a documented entry of a built-in catalog (by code or
    /// symbol, forgiving like `lookup`), as if its server had sent it without a
    /// message: ready to throw. Throws `LookupError` for an unknown catalog or code.
    public static func errorFor(catalog: String, query: String) throws -> any ErrcatError {
        switch catalog {
"#,
    );
    for cat in errcat::catalogs() {
        let _ = writeln!(
            o,
            "        case {}: return try {}.errorFor(query: query)",
            swift_str(&cat.id),
            error_type(&cat.id)
        );
    }
    o.push_str(
        r#"        default:
            // Not a built-in catalog: the core's lookup says so (UnknownCatalog).
            _ = try rawErrorFor(catalog: catalog, query: query)
            throw LookupError.UnknownCatalog(message: "unknown catalog \(catalog)")
        }
    }

"#,
    );
    o.push_str(
        r#"    /// The error of a documented entry of a user catalog, as an `ErrorInfo`.
    public static func errorFor(catalog: UserCatalog, query: String) throws -> ErrorInfo {
        try catalog.errorFor(query: query)
    }

    /// Loads a user catalog file (`.toml` or `.json`), validated like the
    /// built-in ones. Throws `CatalogLoadError` naming the file, entry and problem.
    public static func loadCatalog(path: String) throws -> UserCatalog { try rawLoadCatalog(path: path) }

    /// Parses a user catalog from its text; `name` names it in error messages
    /// (default `catalog.toml` / `catalog.json`). Throws `CatalogLoadError`.
    public static func parseCatalog(text: Data, format: CatalogFormat, name: String? = nil) throws -> UserCatalog {
        try rawParseCatalog(text: text, format: format, name: name ?? (format == .json ? "catalog.json" : "catalog.toml"))
    }

    /// `parseCatalog` of text held as a string (parsed as its UTF-8 bytes).
    public static func parseCatalog(text: String, format: CatalogFormat, name: String? = nil) throws -> UserCatalog {
        try parseCatalog(text: Data(text.utf8), format: format, name: name)
    }

    /// Registers a translation overlay of a built-in catalog (the file form
    /// `errcat l10n import` writes: `[overlay] catalog, locale` and
    /// `[entry.SYMBOL]` texts), validated against the catalog; the same catalog
    /// and locale again replaces it. Throws `CatalogLoadError` (unknown symbol,
    /// empty text, a placeholder missing or extra, …) and then changes nothing.
    public static func registerOverlay(_ text: String, format: CatalogFormat) throws {
        try rawRegisterOverlay(text: text, format: format)
    }

    /// Drops every registered overlay (the built-in `en-XA` stays).
    public static func clearOverlays() throws { try rawClearOverlays() }
}

// Localized texts: the core picks the locale from the caller's preference
// list (`pt-BR` -> `pt` -> the base text; `en`/`en-US` stop at the base;
// `en-XA` built in) and reads the overlays registered now: nothing is cached
// here, so a registered or cleared overlay shows at the next call.

extension EntryInfo {
    /// The message in the locale the preference list selects (default: the
    /// user's, `Locale.preferredLanguages`); the documented `message` when no
    /// overlay applies or the entry is not a built-in catalog's.
    public func localizedMessage(locales: [String] = Locale.preferredLanguages) -> String {
        guard let texts = (try? rawLocalizedTexts(catalog: catalog, code: code, preferred: locales)) ?? nil,
              texts.locale != nil else { return message }
        return texts.message
    }
}

extension ErrorInfo {
    /// The entry's texts (message, causes, reaction, minor codes) in the locale
    /// the preference list selects; `locale` is nil for the base (English) text.
    /// Nil for a code the table does not know.
    public func localized(locales: [String] = Locale.preferredLanguages) -> LocalizedTexts? {
        if isUnknown { return nil }
        return (try? rawLocalizedTexts(catalog: catalog, code: code, preferred: locales)) ?? nil
    }

    /// The message to show in the locale the preference list selects: an
    /// overlay's translation wins over the server's text (which is not in the
    /// user's language); without one, `message` (the server's, else the table's).
    public func localizedMessage(locales: [String] = Locale.preferredLanguages) -> String {
        if let texts = localized(locales: locales), texts.locale != nil { return texts.message }
        return message
    }
}

extension ErrcatError {
    /// The entry's texts in the locale the preference list selects (default
    /// `Locale.preferredLanguages`); nil for an unknown code.
    public func localized(locales: [String] = Locale.preferredLanguages) -> LocalizedTexts? {
        info.localized(locales: locales)
    }

    /// The message in the locale the preference list selects (default
    /// `Locale.preferredLanguages`): a translation wins over the server's text;
    /// without one, `message`. `errorDescription` is this with the default.
    public func localizedMessage(locales: [String] = Locale.preferredLanguages) -> String {
        info.localizedMessage(locales: locales)
    }

    /// The NSError userInfo with its description (`NSLocalizedDescription`) in
    /// the locale the preference list selects; `errorUserInfo` is this with
    /// `Locale.preferredLanguages`.
    public func errorUserInfo(locales: [String]) -> [String: Any] {
        var out = info.nsError.foundationUserInfo
        out[ErrcatUserInfoKey.localizedDescription] = localizedMessage(locales: locales)
        return out
    }
}

extension ErrcatError {
    /// The catalog id.
    public var catalog: String { info.catalog }
    /// The catalog's NSError domain (also `errorDomain`).
    public var domain: String { info.domain }
    /// The table's integer code (for an unknown code: the raw integer, else 0).
    public var code: Int64 { info.code }
    /// The canonical kind (`.unknown` for an unknown code).
    public var kind: ErrorKind { info.kind }
    /// The canonical kind, snake_case as in every binding (`resource_exhausted`).
    public var kindName: String { info.kindName }
    /// True for a code the table does not know (a newer server's): `info.rawCode` keeps it.
    public var isUnknown: Bool { info.isUnknown }
    /// Whether retrying may succeed.
    public var retryable: Bool { info.retryable }
    /// The server's message, else the table's.
    public var message: String { info.message }
    /// The status of the HTTP response it was decoded from (`decodeResponse`, `fromResponse`), else nil.
    public var responseStatus: Int? { info.responseStatus.map { Int($0) } }
    /// That response's `Content-Type`, if it had one.
    public var contentType: String? { info.contentType }
    /// A bounded excerpt of a body that was not an error payload, saying how many bytes were cut.
    public var bodyExcerpt: String? { info.bodyExcerpt }
    /// The size in bytes of the response's whole body.
    public var bodyLen: Int? { info.bodyLen.map { Int(clamping: $0) } }
    /// Typed from the HTTP status alone (the body had no error code): the catalog's `.UnknownCode`.
    public var isFromStatus: Bool { info.isFromStatus }
}
"#,
    );

    // Per catalog: typed decode and construction as static members.
    for cat in errcat::catalogs() {
        let ty = error_type(&cat.id);
        let _ = writeln!(
            o,
            "
extension {ty} {{"
        );
        let _ = writeln!(
            o,
            "    /// Decodes a server's error payload as a `{}` error (`.{UNKNOWN_CASE}` for a code the table does not know).
    /// Throws `DecodeError` for a payload that is not an error at all.",
            cat.id
        );
        let _ = writeln!(
            o,
            "    public static func decode(payload: Data) throws -> {ty} {{ typed(try builtinDecode(builtinTable{}, payload)) }}
",
            upper(&cat.id)
        );
        let _ = writeln!(
            o,
            "    /// The error of a documented `{}` entry, by code or symbol. Throws `LookupError`.",
            cat.id
        );
        let _ = writeln!(
            o,
            "    public static func errorFor(query: String) throws -> {ty} {{ try errorFor{}(query: query) }}",
            upper(&cat.id)
        );
        typed_of_info(&mut o, cat);
        o.push_str("}\n");
    }
    o
}

/// The HTTP response operations of `enum Errcat` (issue 14): the parts of a
/// response, or URLSession's `(Data, URLResponse)`, to the catalog's typed
/// error or nil, through the core's `decode_response`.
fn http_ops() -> String {
    let mut o = String::new();
    o.push_str(
        r#"    /// Decodes an HTTP response against a built-in catalog (the core's rules,
    /// `errcat::http`): nil when it is not an error, else the catalog's typed
    /// error. A body that is an error payload gives its entry's case (a 2xx
    /// too: some APIs answer errors with 200); any other body of a status
    /// 400 and up (HTML from a proxy, empty, plain text, JSON without a code)
    /// gives an error typed from the status: `.UnknownCode`, `isFromStatus`,
    /// symbol `HTTP_<status>`, kind and `retryable` from the status, with a
    /// bounded `bodyExcerpt`. A `Retry-After` header (seconds, or an HTTP-date
    /// read against `now`, default the system clock) gives `retryAfterMs`
    /// unless the body has its own. Header names are case-insensitive. Throws
    /// `DecodeError` for an unknown catalog or a status outside 100-599
    /// (`malformed`).
    public static func decodeResponse(_ catalog: String, status: Int, headers: [String: String], body: Data,
                                      now: Date? = nil) throws -> (any ErrcatError)? {
        try typedResponse(catalog, rawDecodeResponse(catalog: catalog, status: status, headers: headerPairs(headers),
                                                     body: body, now: now))
    }

    /// `decodeResponse` with headers as `HTTPURLResponse.allHeaderFields` holds them.
    public static func decodeResponse(_ catalog: String, status: Int, headers: [AnyHashable: Any], body: Data,
                                      now: Date? = nil) throws -> (any ErrcatError)? {
        try typedResponse(catalog, rawDecodeResponse(catalog: catalog, status: status, headers: headerPairs(headers),
                                                     body: body, now: now))
    }

    /// Decodes an HTTP response against a user catalog (the rules of the
    /// built-in `decodeResponse`): nil when it is not an error, else its `ErrorInfo`.
    public static func decodeResponse(_ catalog: UserCatalog, status: Int, headers: [String: String], body: Data,
                                      now: Date? = nil) throws -> ErrorInfo? {
        try rawDecodeResponse(catalog: catalog, status: status, headers: headerPairs(headers), body: body, now: now)
    }

    /// `decodeResponse` against a user catalog, with headers as `HTTPURLResponse.allHeaderFields` holds them.
    public static func decodeResponse(_ catalog: UserCatalog, status: Int, headers: [AnyHashable: Any], body: Data,
                                      now: Date? = nil) throws -> ErrorInfo? {
        try rawDecodeResponse(catalog: catalog, status: status, headers: headerPairs(headers), body: body, now: now)
    }

    /// The error of what URLSession answered (`let (data, response) = try await
    /// URLSession.shared.data(for: request)`) against a built-in catalog, or nil:
    /// `decodeResponse` of its status, headers and body. Throws `DecodeError`
    /// (`malformed`) when `response` is not an `HTTPURLResponse` (a `file:` URL).
    public static func fromResponse(_ catalog: String, data: Data, response: URLResponse,
                                    now: Date? = nil) throws -> (any ErrcatError)? {
        let http = try httpResponse(response)
        return try decodeResponse(catalog, status: http.statusCode, headers: http.allHeaderFields, body: data, now: now)
    }

    /// The error of what URLSession answered, against a user catalog, or nil.
    public static func fromResponse(_ catalog: UserCatalog, data: Data, response: URLResponse,
                                    now: Date? = nil) throws -> ErrorInfo? {
        let http = try httpResponse(response)
        return try decodeResponse(catalog, status: http.statusCode, headers: http.allHeaderFields, body: data, now: now)
    }

    /// Throws the typed error of what URLSession answered (`fromResponse`),
    /// else returns: `try Errcat.throwForResponse("spaces", data: data, response: response)`.
    public static func throwForResponse(_ catalog: String, data: Data, response: URLResponse, now: Date? = nil) throws {
        if let error = try fromResponse(catalog, data: data, response: response, now: now) { throw error }
    }

    /// Throws the error of what URLSession answered against a user catalog, as
    /// its `NSError` (the catalog's run-time domain, code and userInfo), else returns.
    public static func throwForResponse(_ catalog: UserCatalog, data: Data, response: URLResponse,
                                        now: Date? = nil) throws {
        if let info = try fromResponse(catalog, data: data, response: response, now: now) { throw info.toNSError() }
    }

    /// The built-in catalog's typed error of a decoded record.
    private static func typedResponse(_ catalog: String, _ info: ErrorInfo?) throws -> (any ErrcatError)? {
        guard let info = info else { return nil }
        switch catalog {
"#,
    );
    for cat in errcat::catalogs() {
        let _ = writeln!(
            o,
            "        case {}: return {}.typed(info)",
            swift_str(&cat.id),
            error_type(&cat.id)
        );
    }
    o.push_str(
        r#"        default: throw DecodeError.UnknownCatalog(message: "unknown catalog \(catalog)")
        }
    }

"#,
    );
    o
}

/// Per catalog: the typed error of a record the core decoded, the case of
/// its code as `bindings/build.rs`'s `from_info` picks it.
fn typed_of_info(o: &mut String, cat: &errcat::Catalog) {
    let ty = error_type(&cat.id);
    let _ = writeln!(
        o,
        "
    /// The case of a decoded record's code (`.{UNKNOWN_CASE}` for a code the table does not know).
    static func typed(_ info: ErrorInfo) -> {ty} {{
        if info.isUnknown || info.catalog != {} {{ return .{UNKNOWN_CASE}(info: info) }}
        switch info.code {{",
        swift_str(&cat.id)
    );
    for e in cat.entries.iter() {
        let _ = writeln!(
            o,
            "        case {}: return .{}(info: info)",
            e.code, e.type_name
        );
    }
    let _ = writeln!(
        o,
        "        default: return .{UNKNOWN_CASE}(info: info)\n        }}\n    }}"
    );
}

/// `AnswerCache(), …`: one for every built-in catalog, in public order.
fn builtin_caches() -> String {
    vec!["AnswerCache()"; errcat::catalogs().count()].join(", ")
}

/// `private let builtinTableSpaces = BuiltinTable("spaces")` for every built-in catalog.
fn builtin_tables() -> String {
    errcat::catalogs()
        .map(|c| {
            format!(
                "private let builtinTable{} = BuiltinTable({})\n",
                upper(&c.id),
                swift_str(&c.id)
            )
        })
        .collect()
}

/// `    case "spaces": return answerCaches[2]` for every built-in catalog.
fn builtin_cases() -> String {
    errcat::catalogs()
        .enumerate()
        .map(|(i, c)| format!("    case {}: return answerCaches[{i}]\n", swift_str(&c.id)))
        .collect()
}

/// `case "spaces": return builtinTableSpaces` for every built-in catalog.
fn builtin_table_cases() -> String {
    errcat::catalogs()
        .map(|c| {
            format!(
                "    case {}: return builtinTable{}\n",
                swift_str(&c.id),
                upper(&c.id)
            )
        })
        .collect()
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
    fn api_dispatches_every_catalog() {
        let text = api_swift();
        assert!(text.contains("public enum Errcat {"));
        for cat in errcat::catalogs() {
            let ty = error_type(&cat.id);
            assert!(text.contains(&format!(
                "        case {}: return try {ty}.decode(payload: payload)\n",
                swift_str(&cat.id)
            )));
            assert!(text.contains(&format!("extension {ty} {{")));
        }
    }

    #[test]
    fn every_entry_is_typed_from_its_record() {
        let text = api_swift();
        for cat in errcat::catalogs() {
            assert!(text.contains(&format!(
                "        case {}: return {}.typed(info)\n",
                swift_str(&cat.id),
                error_type(&cat.id)
            )));
            for e in cat.entries.iter() {
                assert!(
                    text.contains(&format!(
                        "        case {}: return .{}(info: info)\n",
                        e.code, e.type_name
                    )),
                    "{}",
                    e.symbol
                );
            }
        }
        for op in [
            "decodeResponse(_ catalog: String",
            "fromResponse(_ catalog: String",
            "throwForResponse(_ catalog: String",
        ] {
            assert!(text.contains(&format!("public static func {op}")), "{op}");
        }
    }

    #[test]
    fn deprecated_entries_warn_through_their_code_constant() {
        let text = nserror_swift();
        let mut deprecated = 0;
        for cat in errcat::catalogs() {
            let mut names = std::collections::HashSet::new();
            for e in cat.entries.iter() {
                let name = code_constant(&e.type_name);
                assert!(names.insert(name.clone()), "{}: {name} twice", cat.id);
                let decl = format!("        public static let {name}: Int = {}\n", e.code);
                let at = text.find(&decl).unwrap_or_else(|| panic!("{decl}"));
                let before = text[..at].lines().last().unwrap_or("");
                match crate::deprecation_message(e) {
                    Some(m) => {
                        deprecated += 1;
                        assert_eq!(
                            before,
                            format!(
                                "        @available(*, deprecated, message: {})",
                                swift_str(&m)
                            )
                        );
                    }
                    None => assert!(!before.contains("@available"), "{}", e.symbol),
                }
            }
        }
        assert!(deprecated >= 1, "securechat 504 is deprecated");
        assert!(text.contains("public static let usernameHasAlreadyBeenTaken: Int = 504\n"));
        assert_eq!(code_constant("Internal"), "`internal`");
    }

    #[test]
    fn lookups_of_every_builtin_catalog_are_cached() {
        let text = api_swift();
        let ids: Vec<_> = errcat::catalogs().map(|c| c.id.clone()).collect();
        for (i, id) in ids.iter().enumerate() {
            assert!(
                text.contains(&format!(
                    "    case {}: return answerCaches[{i}]\n",
                    swift_str(id)
                )),
                "{id}"
            );
        }
        assert!(text.contains(&format!(
            "private let answerCaches: [AnswerCache] = [{}]",
            vec!["AnswerCache()"; ids.len()].join(", ")
        )));
        let at = text
            .find("public static func lookupCode(catalog: String, code")
            .unwrap();
        assert!(text[at..]
            .lines()
            .nth(1)
            .unwrap()
            .contains("builtinTable(catalog)"));
        for id in &ids {
            assert!(text.contains(&format!(
                "    case {}: return builtinTable{}\n",
                swift_str(id),
                upper(id)
            )));
        }
        for op in [
            "lookup(catalog: String, query",
            "lookupSymbol(catalog: String, symbol",
        ] {
            let at = text
                .find(&format!("public static func {op}"))
                .unwrap_or_else(|| panic!("{op}"));
            assert!(
                text[at..]
                    .lines()
                    .nth(1)
                    .unwrap()
                    .contains("answerCache(catalog)"),
                "{op}"
            );
        }
        assert!(text.contains("public static let cacheLimit = 4096"));
        // Nothing localized goes through the cache.
        let l10n = text.find("extension EntryInfo {").unwrap();
        assert!(!text[l10n..].contains("answerCache"));
    }

    #[test]
    fn l10n_is_in_the_api() {
        let text = api_swift();
        for decl in [
            "public static func registerOverlay(_ text: String, format: CatalogFormat) throws",
            "public static func clearOverlays() throws",
            "public func localizedMessage(locales: [String] = Locale.preferredLanguages) -> String",
            "public func localized(locales: [String] = Locale.preferredLanguages) -> LocalizedTexts?",
        ] {
            assert!(text.contains(decl), "{decl}");
        }
        let ns = nserror_swift();
        assert!(ns.contains(
            "errorDescription: String? { localizedMessage(locales: Locale.preferredLanguages) }"
        ));
    }

    #[test]
    fn string_literals_escape() {
        assert_eq!(swift_str("a\"b\\c\nd\u{1}"), "\"a\\\"b\\\\c\\nd\\u{1}\"");
    }

    #[test]
    fn keys_are_the_cores() {
        let keys: Vec<_> = user_info_keys().into_iter().map(|(_, v, _)| v).collect();
        assert!(keys.contains(&"NSLocalizedDescription"));
        for k in [
            ns::KEY_RESPONSE_STATUS,
            ns::KEY_FROM_STATUS,
            ns::KEY_CONTENT_TYPE,
            ns::KEY_BODY_EXCERPT,
            ns::KEY_BODY_LENGTH,
        ] {
            assert!(keys.contains(&k), "{k}");
        }
        let unique: std::collections::HashSet<_> = keys.iter().collect();
        assert_eq!(unique.len(), keys.len(), "a key twice");
    }
}
