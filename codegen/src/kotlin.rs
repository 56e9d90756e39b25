//! Generated files for the Kotlin target.
//!
//! * `bindings/kotlin/errcat/ErrcatExceptions.kt`: the Kotlin exceptions,
//!   one sealed class per catalog (`SpacesException`) with one class per
//!   entry (`SpacesException.RateLimited`), all extending
//!   `ErrcatException`, whose `message` is the server's text, else the
//!   table's, and which carries code, symbol, kind and catalog; and
//!   `object Errcat`, the Kotlin API (every operation of docs/api.md as a
//!   member: `Errcat.lookup`, `Errcat.decode`, `Errcat.errorFor`, …). The
//!   UniFFI-generated top-level functions are the raw layer under it.
//! * `bindings/uniffi.toml`: UniFFI's configuration for both languages.
//!
//! Why Kotlin has its own exception classes: UniFFI's Kotlin rich errors
//! override `message` with a dump of their fields (`info=ErrorInfo(...)`),
//! which cannot be overridden again. So the Kotlin bindings leave UniFFI's
//! per-catalog error enums out (`exclude` in `uniffi.toml`, generated here
//! from the catalog list) and these classes are built from the same
//! `ErrorInfo` record. Swift keeps UniFFI's enums and gets its NSError
//! layer from `swift.rs`.

use crate::{Generated, GENERATED_NOTE};
use std::fmt::Write as _;
use std::path::PathBuf;

/// The Kotlin class of a catalog's exceptions: `spaces` -> `SpacesException`.
pub fn exception_type(catalog_id: &str) -> String {
    let mut c = catalog_id.chars();
    match c.next() {
        Some(f) => format!("{}{}Exception", f.to_ascii_uppercase(), c.as_str()),
        None => "Exception".to_string(),
    }
}

/// The class of a code the table does not know.
pub const UNKNOWN_CLASS: &str = "UnknownCode";

/// Names the generated class bodies use; an entry's class must not shadow them.
const RESERVED: [&str; 6] = [
    "Companion",
    "CATALOG",
    "DOMAIN",
    "UnknownCode",
    "ErrcatException",
    "ErrorInfo",
];

/// Every generated file of this target.
pub fn files() -> Vec<Generated> {
    vec![
        (
            PathBuf::from("bindings/kotlin/errcat/ErrcatExceptions.kt"),
            exceptions_kt(),
        ),
        (PathBuf::from("bindings/uniffi.toml"), uniffi_toml()),
    ]
}

/// A Kotlin string literal (`$` escaped, so no template is expanded).
pub fn kotlin_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '$' => out.push_str("\\$"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// KDoc text: `*/` cannot end the comment early.
fn kdoc(text: &str) -> String {
    text.replace("*/", "*&#47;")
}

fn uniffi_toml() -> String {
    let mut exclude = Vec::new();
    for c in errcat::catalogs() {
        exclude.push(format!("{}Error", upper(&c.id)));
        exclude.push(format!("decode_{}", c.id));
        exclude.push(format!("error_for_{}", c.id));
    }
    format!(
        r#"# {GENERATED_NOTE}
#
# UniFFI's configuration of errcat-bindings, read by `uniffi-bindgen generate
# --library` (bindings/generate.sh).

[bindings.kotlin]
package_name = "errcat"
cdylib_name = "errcat_bindings"
# UniFFI's Kotlin rich errors get a field dump as `message`: Kotlin uses the
# exceptions of bindings/kotlin/errcat/ErrcatExceptions.kt instead of the
# per-catalog error enums and the functions that return them.
exclude = [{}]

[bindings.swift]
module_name = "Errcat"
ffi_module_name = "ErrcatFFI"
# UniFFI's LocalizedError says `String(reflecting:)`; swift/Sources/Errcat/ErrcatNSError.swift
# conforms instead, with the table's (or the server's) text.
omit_localized_error_conformance = true
"#,
        exclude
            .iter()
            .map(|e| format!("{e:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn upper(id: &str) -> String {
    let mut c = id.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

fn exceptions_kt() -> String {
    let mut o = String::new();
    let _ = writeln!(o, "// {GENERATED_NOTE}");
    o.push_str(
        r#"//
// errcat's Kotlin exceptions: one sealed class per catalog, one class per
// entry, built from the ErrorInfo record the Rust core returns.

@file:Suppress("unused", "MemberVisibilityCanBePrivate")

package errcat

/**
 * The core's NSError view (domain, code, userInfo), the same as Swift's: the
 * record's own ([ErrorInfo.nsErrorEager], user catalogs and HTTP responses)
 * when it carries one, else computed by the core from this record when asked
 * ([nsErrorOf], one call), so a decode does not carry it. A record errcat did
 * not make (no such built-in catalog or entry) gets a bare view of its domain,
 * code and message.
 */
val errcat.ErrorInfo.nsError: errcat.NsErrorInfo
    get() = nsErrorEager ?: try {
        errcat.nsErrorOf(this)
    } catch (e: errcat.LookupException) {
        errcat.NsErrorInfo(domain, code, message, null, null,
            mapOf("NSLocalizedDescription" to errcat.UserInfoValue.Text(message)))
    }

/**
 * Every errcat error. [message] is the server's text, else the table's; [code],
 * [symbol], [kind] and [catalog] come from the table (for a code the table
 * does not know: what the server sent, `UNKNOWN` and [ErrorKind.UNKNOWN]).
 * Errors of user catalogs are plain `ErrcatException`s; built-in catalogs have
 * their typed subclasses ([SpacesException.RateLimited], …).
 */
open class ErrcatException(
    /** The table's row and everything the server sent. */
    val info: errcat.ErrorInfo,
) : kotlin.Exception(info.message) {
    /** The table's integer code (for an unknown code: the raw integer, else 0). */
    val code: kotlin.Long get() = info.code
    /** The table's symbol, as documented. */
    val symbol: kotlin.String get() = info.symbol
    /** The canonical kind. */
    val kind: errcat.ErrorKind get() = info.kind
    /** The canonical kind, snake_case as in every other binding (`resource_exhausted`). */
    val kindName: kotlin.String get() = info.kindName
    /** The catalog id. */
    val catalog: kotlin.String get() = info.catalog
    /** The catalog's NSError domain (`errcat.spaces`, …). */
    val domain: kotlin.String get() = info.domain
    /** True for a code the table does not know (a newer server's): the raw code is in `info.rawCode`. */
    val isUnknown: kotlin.Boolean get() = info.isUnknown
    /** Whether retrying may succeed. */
    val retryable: kotlin.Boolean get() = info.retryable
    /** The NSError view (domain, code, userInfo), the same as Swift's. */
    val nsError: errcat.NsErrorInfo get() = info.nsError
    /** The status of the HTTP response it was decoded from ([Errcat.decodeResponse]), else null. */
    val responseStatus: kotlin.Int? get() = info.responseStatus?.toInt()
    /** That response's `Content-Type`, else null. */
    val contentType: kotlin.String? get() = info.contentType
    /** A bounded excerpt of a response body that was not an error payload, saying how many bytes were cut; else null. */
    val bodyExcerpt: kotlin.String? get() = info.bodyExcerpt
    /** The size in bytes of the response's whole body, else null. */
    val bodyLen: kotlin.Long? get() = info.bodyLen?.toLong()
    /**
     * Typed from the HTTP status alone (the body had no error code): symbol
     * `HTTP_<status>`, code the status, [isUnknown] true, so a built-in
     * catalog's `UnknownCode` class.
     */
    val isFromStatus: kotlin.Boolean get() = info.isFromStatus

    /**
     * The built-in catalog whose translations apply: set by the catalogs'
     * classes. A plain ErrcatException (a user catalog's error) has none, as
     * in the core (only built-in catalogs take overlays).
     */
    internal open val l10nCatalog: kotlin.String? get() = null

    /**
     * The entry's texts (message, causes, reaction, minor codes) in [locale]'s
     * language: the overlay its language tag selects, with the usual fallback
     * (`pt-BR` → `pt` → the base English text; `en-XA`, the pseudo-locale, is
     * built in). The result's `locale` is null for the base text. Null for a
     * code the table does not know and for a user catalog's error.
     */
    fun localized(locale: java.util.Locale): errcat.LocalizedTexts? = localized(listOf(locale))

    /** [localized] for a preference list, most wanted first (as Android's `LocaleList` holds it). */
    fun localized(locales: List<java.util.Locale>): errcat.LocalizedTexts? {
        val id = l10nCatalog ?: return null
        if (info.isUnknown) return null
        return errcat.localizedTexts(id, info.code, languageTags(locales))
    }

    /**
     * The message to show in [locale]: the entry's translated message when an
     * overlay applies (it wins over the server's text, which is not in the
     * user's language), else [message]. Read on each call: overlays registered
     * or cleared later count.
     */
    fun localizedMessage(locale: java.util.Locale): kotlin.String = localizedMessage(listOf(locale))

    /** [localizedMessage] for a preference list, most wanted first. */
    fun localizedMessage(locales: List<java.util.Locale>): kotlin.String {
        val t = localized(locales)
        return if (t?.locale != null) t.message else info.message
    }

    /**
     * [localizedMessage] in `Locale.getDefault()` (read on each call, so it
     * follows `Locale.setDefault`). `toString()` and stack traces use it.
     */
    override fun getLocalizedMessage(): kotlin.String =
        // Called while logging or printing another failure: a failure here
        // (a library bug) must not hide that one, so it falls back to [message].
        try {
            localizedMessage(java.util.Locale.getDefault())
        } catch (e: kotlin.Exception) {
            info.message
        }

    companion object {
        /** The typed exception of an error: the catalog's subclass for a built-in catalog. */
        fun of(info: errcat.ErrorInfo): ErrcatException = when (info.catalog) {
"#,
    );
    for c in errcat::catalogs() {
        let _ = writeln!(
            o,
            "            {} -> {}.of(info)",
            kotlin_str(&c.id),
            exception_type(&c.id)
        );
    }
    let ids = errcat::catalogs()
        .map(|c| kotlin_str(&c.id))
        .collect::<Vec<_>>()
        .join(", ");
    o.push_str(
        &r#"            else -> ErrcatException(info)
        }
    }
}

/**
 * errcat for Kotlin: every operation, named as in docs/api.md. Errors come
 * back as typed exceptions ready to throw, lookups of built-in catalogs are
 * cached on the Kotlin side.
 *
 * The top-level functions of package `errcat` (`errcat.lookup`,
 * `errcat.decode`, …) are UniFFI's generated raw layer, which this object is
 * built on: they return records rather than exceptions and cross JNA on every
 * call. Treat them as internal.
 */
object Errcat {
    /** Every built-in catalog, in public order. */
    fun catalogs(): List<errcat.CatalogInfo> = errcat.catalogs()

    /** The built-in catalog with this id, or null. */
    fun catalog(id: kotlin.String): errcat.CatalogInfo? = errcat.catalog(id)

    /**
     * Every entry of a built-in catalog, in table order.
     *
     * @throws LookupException for an unknown catalog.
     */
    fun catalogEntries(catalog: kotlin.String): List<errcat.EntryInfo> = errcat.catalogEntries(catalog)

    /**
     * Decodes a server's error payload against a built-in catalog. An unknown code
     * is not a failure: it comes back as the catalog's `UnknownCode` (`isUnknown`
     * true), keeping the raw code and the server's message.
     *
     * @throws DecodeException when the payload is not an error at all (see its `reason`).
     */
    fun decode(catalog: kotlin.String, payload: kotlin.ByteArray): ErrcatException =
        ErrcatException.of(errcat.decode(catalog, payload))

    /** [decode] for a payload held as text (sent as its UTF-8 bytes). */
    fun decode(catalog: kotlin.String, payload: kotlin.String): ErrcatException =
        decode(catalog, payload.toByteArray(Charsets.UTF_8))

    /** Decodes a payload against a user catalog (a plain [ErrcatException]). */
    fun decode(catalog: errcat.UserCatalog, payload: kotlin.ByteArray): ErrcatException =
        ErrcatException(catalog.decode(payload))

    // HTTP responses. The rule (which body is an error, Retry-After, the
    // excerpt, the status's kind) is the Rust core's (errcat::http); these
    // only hand over what the client received. Overloads rather than default
    // arguments, as for parseCatalog.

    /**
     * Decodes an HTTP response against a built-in catalog: null when it is not
     * an error (a 2xx whose body is not an error payload with a code), else the
     * typed exception of its body, or, for a body that is not an error payload
     * (HTML from a proxy, empty, plain text, JSON without a code), an error
     * typed from the status ([ErrcatException.isFromStatus], the catalog's
     * `UnknownCode` class, symbol `HTTP_<status>`, kind from the status, with
     * [ErrcatException.bodyExcerpt]). A `Retry-After` header (seconds or an
     * HTTP-date read against [now]) gives `info.retryAfterMs` unless the body
     * has its own delay.
     *
     * @param headers as `java.net.http.HttpHeaders.map()`, OkHttp's
     *   `headers.toMultimap()` or Ktor's `headers.toMap()` hold them (names
     *   case-insensitive; the first `Retry-After` and `Content-Type` count;
     *   null names, as `HttpURLConnection.getHeaderFields()` has, are skipped).
     * @param now the clock an HTTP-date `Retry-After` is read against; null is the system clock.
     * @throws DecodeException `unknown_catalog`, or `malformed` for a status outside 100-599.
     */
    @Throws(DecodeException::class)
    fun decodeResponse(
        catalog: kotlin.String,
        status: kotlin.Int,
        headers: Map<kotlin.String, List<kotlin.String>>,
        body: kotlin.ByteArray,
        now: java.time.Instant?,
    ): ErrcatException? = errcat.decodeResponse(catalog, status, headerList(headers), body, nowMs(now))?.let { ErrcatException.of(it) }

    /** [decodeResponse] against the system clock. @throws DecodeException */
    @Throws(DecodeException::class)
    fun decodeResponse(catalog: kotlin.String, status: kotlin.Int, headers: Map<kotlin.String, List<kotlin.String>>, body: kotlin.ByteArray): ErrcatException? =
        decodeResponse(catalog, status, headers, body, null)

    /**
     * [decodeResponse] with the headers as name/value pairs in received order
     * (OkHttp's `Headers` is an `Iterable<Pair<String, String>>`).
     *
     * @throws DecodeException
     */
    @Throws(DecodeException::class)
    fun decodeResponse(
        catalog: kotlin.String,
        status: kotlin.Int,
        headers: Iterable<Pair<kotlin.String, kotlin.String>>,
        body: kotlin.ByteArray,
        now: java.time.Instant?,
    ): ErrcatException? = errcat.decodeResponse(catalog, status, headerList(headers), body, nowMs(now))?.let { ErrcatException.of(it) }

    /** [decodeResponse] of header pairs against the system clock. @throws DecodeException */
    @Throws(DecodeException::class)
    fun decodeResponse(catalog: kotlin.String, status: kotlin.Int, headers: Iterable<Pair<kotlin.String, kotlin.String>>, body: kotlin.ByteArray): ErrcatException? =
        decodeResponse(catalog, status, headers, body, null)

    /** [decodeResponse] against a user catalog (a plain [ErrcatException]). @throws DecodeException */
    @Throws(DecodeException::class)
    fun decodeResponse(
        catalog: errcat.UserCatalog,
        status: kotlin.Int,
        headers: Map<kotlin.String, List<kotlin.String>>,
        body: kotlin.ByteArray,
        now: java.time.Instant?,
    ): ErrcatException? = catalog.decodeResponse(status, headerList(headers), body, nowMs(now))?.let { ErrcatException(it) }

    /** [decodeResponse] against a user catalog and the system clock. @throws DecodeException */
    @Throws(DecodeException::class)
    fun decodeResponse(catalog: errcat.UserCatalog, status: kotlin.Int, headers: Map<kotlin.String, List<kotlin.String>>, body: kotlin.ByteArray): ErrcatException? =
        decodeResponse(catalog, status, headers, body, null)

    /** [decodeResponse] of header pairs against a user catalog. @throws DecodeException */
    @Throws(DecodeException::class)
    fun decodeResponse(
        catalog: errcat.UserCatalog,
        status: kotlin.Int,
        headers: Iterable<Pair<kotlin.String, kotlin.String>>,
        body: kotlin.ByteArray,
        now: java.time.Instant?,
    ): ErrcatException? = catalog.decodeResponse(status, headerList(headers), body, nowMs(now))?.let { ErrcatException(it) }

    /** [decodeResponse] of header pairs against a user catalog and the system clock. @throws DecodeException */
    @Throws(DecodeException::class)
    fun decodeResponse(catalog: errcat.UserCatalog, status: kotlin.Int, headers: Iterable<Pair<kotlin.String, kotlin.String>>, body: kotlin.ByteArray): ErrcatException? =
        decodeResponse(catalog, status, headers, body, null)

    /**
     * The error of a `java.net.http` response read with `BodyHandlers.ofByteArray()`,
     * or null ([decodeResponse] of its status, headers and body). The JDK's
     * client, no other dependency; a program that never calls this never loads
     * `java.net.http`.
     *
     * @throws DecodeException `unknown_catalog`.
     */
    @Throws(DecodeException::class)
    fun fromResponse(catalog: kotlin.String, response: java.net.http.HttpResponse<kotlin.ByteArray>, now: java.time.Instant?): ErrcatException? =
        decodeResponse(catalog, response.statusCode(), response.headers().map(), response.body() ?: EMPTY, now)

    /** [fromResponse] against the system clock. @throws DecodeException */
    @Throws(DecodeException::class)
    fun fromResponse(catalog: kotlin.String, response: java.net.http.HttpResponse<kotlin.ByteArray>): ErrcatException? =
        fromResponse(catalog, response, null)

    /** [fromResponse] against a user catalog (a plain [ErrcatException]). @throws DecodeException */
    @Throws(DecodeException::class)
    fun fromResponse(catalog: errcat.UserCatalog, response: java.net.http.HttpResponse<kotlin.ByteArray>, now: java.time.Instant?): ErrcatException? =
        decodeResponse(catalog, response.statusCode(), response.headers().map(), response.body() ?: EMPTY, now)

    /** [fromResponse] against a user catalog and the system clock. @throws DecodeException */
    @Throws(DecodeException::class)
    fun fromResponse(catalog: errcat.UserCatalog, response: java.net.http.HttpResponse<kotlin.ByteArray>): ErrcatException? =
        fromResponse(catalog, response, null)

    /**
     * Throws the error of a `java.net.http` response ([fromResponse]), else
     * returns the response: `Errcat.throwForResponse("spaces", client.send(req, ofByteArray()))`.
     *
     * @throws ErrcatException the response's error (the catalog's typed class).
     * @throws DecodeException `unknown_catalog`.
     */
    @Throws(ErrcatException::class, DecodeException::class)
    fun throwForResponse(
        catalog: kotlin.String,
        response: java.net.http.HttpResponse<kotlin.ByteArray>,
        now: java.time.Instant?,
    ): java.net.http.HttpResponse<kotlin.ByteArray> {
        fromResponse(catalog, response, now)?.let { throw it }
        return response
    }

    /** [throwForResponse] against the system clock. @throws ErrcatException @throws DecodeException */
    @Throws(ErrcatException::class, DecodeException::class)
    fun throwForResponse(catalog: kotlin.String, response: java.net.http.HttpResponse<kotlin.ByteArray>): java.net.http.HttpResponse<kotlin.ByteArray> =
        throwForResponse(catalog, response, null)

    /** [throwForResponse] against a user catalog. @throws ErrcatException @throws DecodeException */
    @Throws(ErrcatException::class, DecodeException::class)
    fun throwForResponse(
        catalog: errcat.UserCatalog,
        response: java.net.http.HttpResponse<kotlin.ByteArray>,
        now: java.time.Instant?,
    ): java.net.http.HttpResponse<kotlin.ByteArray> {
        fromResponse(catalog, response, now)?.let { throw it }
        return response
    }

    /** [throwForResponse] against a user catalog and the system clock. @throws ErrcatException @throws DecodeException */
    @Throws(ErrcatException::class, DecodeException::class)
    fun throwForResponse(catalog: errcat.UserCatalog, response: java.net.http.HttpResponse<kotlin.ByteArray>): java.net.http.HttpResponse<kotlin.ByteArray> =
        throwForResponse(catalog, response, null)

    private val EMPTY = kotlin.ByteArray(0)

    // Java maps may hold null names (HttpURLConnection keys its status line
    // with null) and null values: skipped, never a NullPointerException.
    @Suppress("UNCHECKED_CAST")
    private fun headerList(headers: Map<kotlin.String, List<kotlin.String>>): List<errcat.HttpHeader> {
        val out = ArrayList<errcat.HttpHeader>()
        for ((name, values) in headers as Map<kotlin.String?, List<kotlin.String?>?>) {
            if (name == null || values == null) continue
            for (v in values) if (v != null) out.add(errcat.HttpHeader(wellFormed(name), wellFormed(v)))
        }
        return out
    }

    @Suppress("UNCHECKED_CAST")
    private fun headerList(headers: Iterable<Pair<kotlin.String, kotlin.String>>): List<errcat.HttpHeader> {
        val out = ArrayList<errcat.HttpHeader>()
        for (p in headers as Iterable<Pair<kotlin.String?, kotlin.String?>?>) {
            val name = p?.first ?: continue
            val value = p.second ?: continue
            out.add(errcat.HttpHeader(wellFormed(name), wellFormed(value)))
        }
        return out
    }

    // UniFFI refuses a string with a lone surrogate (CharacterCodingException):
    // a header is data from a server, so it becomes U+FFFD instead, and the
    // body and its excerpt are still decoded.
    private fun wellFormed(s: kotlin.String): kotlin.String {
        if (s.none { it.isSurrogate() }) return s
        val b = StringBuilder(s.length)
        var i = 0
        while (i < s.length) {
            val c = s[i]
            if (c.isHighSurrogate() && i + 1 < s.length && s[i + 1].isLowSurrogate()) {
                b.append(c).append(s[i + 1])
                i += 2
                continue
            }
            b.append(if (c.isSurrogate()) '\uFFFD' else c)
            i++
        }
        return b.toString()
    }

    // Unix milliseconds; an Instant beyond a Long of milliseconds is clamped
    // (the core clamps delays to a day anyway; before 1970 counts as 1970).
    private fun nowMs(now: java.time.Instant?): kotlin.Long? = when {
        now == null -> null
        now.epochSecond >= Long.MAX_VALUE / 1000 - 1 -> Long.MAX_VALUE
        now.epochSecond <= Long.MIN_VALUE / 1000 + 1 -> Long.MIN_VALUE
        else -> now.toEpochMilli()
    }

    /**
     * The exception of a documented entry of a built-in catalog, by code or
     * symbol (forgiving, like [lookup]), with nothing from a server.
     *
     * @throws LookupException for an unknown catalog or code.
     */
    fun errorFor(catalog: kotlin.String, query: kotlin.String): ErrcatException =
        ErrcatException.of(errcat.errorFor(catalog, query))

    /** [errorFor] for a user catalog (a plain [ErrcatException]). @throws LookupException */
    fun errorFor(catalog: errcat.UserCatalog, query: kotlin.String): ErrcatException =
        ErrcatException(catalog.errorFor(query))

    /**
     * The entry with exactly this documented symbol or alias (not forgiving:
     * see [lookup]), or null.
     *
     * @throws LookupException for an unknown catalog.
     */
    fun lookupSymbol(catalog: kotlin.String, symbol: kotlin.String): errcat.EntryInfo? =
        errcat.lookupSymbol(catalog, symbol)

    /**
     * Full-text search over every built-in catalog: every whitespace-separated
     * term must occur, case-insensitive.
     */
    fun search(text: kotlin.String): List<errcat.SearchHit> = errcat.search(text)

    /**
     * Loads a user catalog file (`.toml` or `.json`), validated like the
     * built-in ones. Call `close()` on it when done.
     *
     * @throws CatalogLoadException naming the file, the entry and the problem.
     */
    fun loadCatalog(path: kotlin.String): errcat.UserCatalog = errcat.loadCatalog(path)

    /**
     * Parses a user catalog from its text; [name] names it in error messages.
     *
     * @throws CatalogLoadException naming [name], the entry and the problem.
     */
    fun parseCatalog(text: kotlin.ByteArray, format: errcat.CatalogFormat, name: kotlin.String): errcat.UserCatalog =
        errcat.parseCatalog(text, format, name)

    /** [parseCatalog] for text held as a string (parsed as its UTF-8 bytes). */
    fun parseCatalog(text: kotlin.String, format: errcat.CatalogFormat, name: kotlin.String): errcat.UserCatalog =
        parseCatalog(text.toByteArray(Charsets.UTF_8), format, name)

    // Overloads rather than a default argument: no synthetic `parseCatalog$default` in the API.
    /** [parseCatalog] named `catalog.toml` or `catalog.json` in error messages. */
    fun parseCatalog(text: kotlin.ByteArray, format: errcat.CatalogFormat): errcat.UserCatalog =
        parseCatalog(text, format, defaultName(format))

    /** [parseCatalog] of a string, named `catalog.toml` or `catalog.json` in error messages. */
    fun parseCatalog(text: kotlin.String, format: errcat.CatalogFormat): errcat.UserCatalog =
        parseCatalog(text, format, defaultName(format))

    // Translations (issue 16): the rules (validation, fallback, the
    // pseudo-locale, which text wins) are the core's (errcat::l10n).

    /**
     * Registers a translation overlay of a built-in catalog: the file form
     * `errcat l10n import` writes (`[overlay]` with `catalog` and `locale`,
     * then texts per symbol), validated against the catalog. The same catalog
     * and locale again replaces it. Nothing translated is cached, so every
     * later call sees it.
     *
     * @throws CatalogLoadException naming the key and the problem (unknown
     *   symbol, placeholder mismatch, empty text, …); nothing changes then.
     */
    @Throws(CatalogLoadException::class)
    fun registerOverlay(text: kotlin.String, format: errcat.CatalogFormat): kotlin.Unit =
        errcat.registerOverlay(text, format)

    /** [registerOverlay] of TOML text. @throws CatalogLoadException */
    @Throws(CatalogLoadException::class)
    fun registerOverlay(text: kotlin.String): kotlin.Unit = registerOverlay(text, errcat.CatalogFormat.TOML)

    /** Drops every registered overlay (the built-in `en-XA` stays). */
    fun clearOverlays(): kotlin.Unit = errcat.clearOverlays()

    private fun defaultName(format: errcat.CatalogFormat): kotlin.String =
        if (format == errcat.CatalogFormat.JSON) "catalog.json" else "catalog.toml"

    /**
     * Looks up an entry of a built-in catalog: an integer string (`"102"`) is a
     * code, anything else a symbol, forgiving (`rate-limited` finds
     * `RATE_LIMITED`).
     *
     * The answers are kept on the Kotlin side. A call through UniFFI's JNA costs
     * far more than a map read (reports/bench-kotlin.md), and the built-in tables
     * never change, so the first lookup of a query crosses into Rust and repeats
     * are a map read (a fresh copy of the record each time: records are mutable).
     * At most [CACHE_LIMIT] queries are kept per catalog; past that the cache
     * starts over. Failed lookups are not cached.
     *
     * @throws LookupException for an unknown catalog or code (see its `reason`).
     */
    fun lookup(catalog: kotlin.String, query: kotlin.String): errcat.EntryInfo {
        val cache = byQuery[catalog] ?: return errcat.lookup(catalog, query)
        cache[query]?.let { return it.copy() }
        val e = errcat.lookup(catalog, query)
        if (cache.size >= CACHE_LIMIT) cache.clear()
        cache[query] = e.copy()
        return e
    }

    /**
     * The entry of a built-in catalog with this integer code, or null; cached
     * like [lookup].
     *
     * @throws LookupException for an unknown catalog.
     */
    fun lookupCode(catalog: kotlin.String, code: kotlin.Long): errcat.EntryInfo? {
        val cache = byCode[catalog] ?: return errcat.lookupCode(catalog, code)
        cache[code]?.let { return it.copy() }
        val e = errcat.lookupCode(catalog, code) ?: return null
        if (cache.size >= CACHE_LIMIT) cache.clear()
        cache[code] = e.copy()
        return e
    }

    /** How many answers [lookup] and [lookupCode] keep per catalog, at most. */
    const val CACHE_LIMIT: kotlin.Int = 4096

    /** Answers kept so far for a catalog (for tests and monitoring). */
    fun cachedAnswers(catalog: kotlin.String): kotlin.Int =
        (byQuery[catalog]?.size ?: 0) + (byCode[catalog]?.size ?: 0)

    /** The built-in catalog ids, in public order. */
    val BUILTIN_CATALOGS: List<kotlin.String> = listOf(@@BUILTIN_IDS@@)

    // One map per built-in catalog, made up front: an unknown catalog id never
    // gets a map (it goes to Rust, which throws).
    private val byQuery: Map<kotlin.String, java.util.concurrent.ConcurrentHashMap<kotlin.String, errcat.EntryInfo>> =
        BUILTIN_CATALOGS.associateWith { java.util.concurrent.ConcurrentHashMap<kotlin.String, errcat.EntryInfo>() }
    private val byCode: Map<kotlin.String, java.util.concurrent.ConcurrentHashMap<kotlin.Long, errcat.EntryInfo>> =
        BUILTIN_CATALOGS.associateWith { java.util.concurrent.ConcurrentHashMap<kotlin.Long, errcat.EntryInfo>() }
}

/** The failure's reason string, as in the shared test vectors (`too_large`, …). */
val DecodeException.reason: kotlin.String
    get() = when (this) {
        is DecodeException.UnknownCatalog -> "unknown_catalog"
        is DecodeException.TooLarge -> "too_large"
        is DecodeException.Empty -> "empty"
        is DecodeException.InvalidUtf8 -> "invalid_utf8"
        is DecodeException.Malformed -> "malformed"
        is DecodeException.MissingCode -> "missing_code"
    }

/** The failure's reason string (`unknown_catalog` or `unknown_code`). */
val LookupException.reason: kotlin.String
    get() = when (this) {
        is LookupException.UnknownCatalog -> "unknown_catalog"
        is LookupException.UnknownCode -> "unknown_code"
    }

/**
 * The entry's message in [locale]'s language (default: `Locale.getDefault()`,
 * read on each call): the overlay its language tag selects, `pt-BR` → `pt` →
 * the base English text; `en-XA` is built in. An entry that is not a built-in
 * catalog's row (a user catalog's) gives its own message.
 */
@JvmOverloads
fun errcat.EntryInfo.localizedMessage(locale: java.util.Locale = java.util.Locale.getDefault()): kotlin.String =
    localizedMessage(listOf(locale))

/** [localizedMessage] for a preference list, most wanted first. */
fun errcat.EntryInfo.localizedMessage(locales: List<java.util.Locale>): kotlin.String {
    // A user catalog may reuse a built-in id: only the built-in row itself is translated.
    if (catalog !in Errcat.BUILTIN_CATALOGS || Errcat.lookupCode(catalog, code) != this) return message
    return errcat.localizedTexts(catalog, code, languageTags(locales))?.message ?: message
}

// BCP 47 tags; the core does the fallback (pt-BR -> pt) and skips what it cannot use.
private fun languageTags(locales: List<java.util.Locale>): List<kotlin.String> = locales.map { it.toLanguageTag() }
"#
        .replace("@@BUILTIN_IDS@@", &ids),
    );

    for c in errcat::catalogs() {
        let ty = exception_type(&c.id);
        for e in c.entries.iter() {
            assert!(
                !RESERVED.contains(&&*e.type_name),
                "{}: type name {} is reserved in Kotlin",
                c.id,
                e.type_name
            );
        }
        let _ = writeln!(
            o,
            "\n/**\n * Errors of the `{}` catalog ({}): one class per entry, plus [{UNKNOWN_CLASS}].\n */",
            c.id,
            kdoc(&c.name)
        );
        let _ = writeln!(
            o,
            "sealed class {ty}(info: errcat.ErrorInfo) : ErrcatException(info) {{"
        );
        for e in c.entries.iter() {
            let mut d = format!("`{}` ({}): {}", e.symbol, e.code, e.message);
            if e.deprecated() {
                d.push_str(" (deprecated)");
            }
            let _ = writeln!(o, "    /** {} */", kdoc(&d).replace('\n', " "));
            if let Some(m) = crate::deprecation_message(e) {
                // Kotlin warns where the class is named; the replacement
                // is the class of the entry `replaced_by` names.
                let with = e
                    .deprecation
                    .as_ref()
                    .and_then(|d| d.replaced_by.as_deref())
                    .and_then(|r| c.by_symbol(r))
                    .map(|r| {
                        format!(
                            ", ReplaceWith({})",
                            kotlin_str(&format!("{ty}.{}", r.type_name))
                        )
                    })
                    .unwrap_or_default();
                let _ = writeln!(o, "    @Deprecated({}{with})", kotlin_str(&m));
            }
            let _ = writeln!(
                o,
                "    class {}(info: errcat.ErrorInfo) : {ty}(info)",
                e.type_name
            );
        }
        let _ = writeln!(o, "    /** A code the table does not know: [info] keeps the raw code and the server's message. */");
        let _ = writeln!(
            o,
            "    class {UNKNOWN_CLASS}(info: errcat.ErrorInfo) : {ty}(info)\n"
        );
        let _ = writeln!(
            o,
            "    internal override val l10nCatalog: kotlin.String? get() = if (info.catalog == CATALOG) CATALOG else null\n"
        );
        o.push_str("    companion object {\n");
        let _ = writeln!(
            o,
            "        /** The catalog id. */\n        const val CATALOG: kotlin.String = {}",
            kotlin_str(&c.id)
        );
        let _ = writeln!(o, "        /** The catalog's NSError domain. */\n        const val DOMAIN: kotlin.String = {}\n", kotlin_str(&c.domain));
        o.push_str("        /** The typed exception of an error of this catalog. */\n");
        // Deprecated entries still decode to their own class.
        o.push_str("        @Suppress(\"DEPRECATION\")\n");
        let _ = writeln!(o, "        fun of(info: errcat.ErrorInfo): {ty} {{");
        let _ = writeln!(
            o,
            "            if (info.isUnknown || info.catalog != CATALOG) return {UNKNOWN_CLASS}(info)"
        );
        o.push_str("            return when (info.code) {\n");
        for e in c.entries.iter() {
            let _ = writeln!(o, "                {}L -> {}(info)", e.code, e.type_name);
        }
        let _ = writeln!(
            o,
            "                else -> {UNKNOWN_CLASS}(info)\n            }}\n        }}\n"
        );
        o.push_str("        /** Decodes a server's error payload against this catalog. @throws DecodeException */\n");
        let _ = writeln!(o, "        fun decode(payload: kotlin.ByteArray): {ty} = of(errcat.decode(CATALOG, payload))\n");
        o.push_str("        /** The exception of a documented entry, by code or symbol. @throws LookupException */\n");
        let _ = writeln!(
            o,
            "        fun errorFor(query: kotlin.String): {ty} = of(errcat.errorFor(CATALOG, query))"
        );
        o.push_str("    }\n}\n");
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_has_its_class() {
        let text = exceptions_kt();
        for c in errcat::catalogs() {
            for e in c.entries.iter() {
                assert!(text.contains(&format!(
                    "                {}L -> {}(info)\n",
                    e.code, e.type_name
                )));
            }
        }
    }

    #[test]
    fn every_catalog_class_takes_its_translations() {
        let text = exceptions_kt();
        let n = text
            .matches("    internal override val l10nCatalog: kotlin.String? get() = if (info.catalog == CATALOG) CATALOG else null\n")
            .count();
        assert_eq!(n, errcat::catalogs().count());
        assert!(text.contains("override fun getLocalizedMessage(): kotlin.String"));
    }

    #[test]
    fn kotlin_literals_escape() {
        assert_eq!(kotlin_str("a$b\"\\"), "\"a\\$b\\\"\\\\\"");
    }

    #[test]
    fn uniffi_config_excludes_every_typed_enum() {
        let t = uniffi_toml();
        for c in errcat::catalogs() {
            assert!(t.contains(&format!("\"{}Error\"", upper(&c.id))));
        }
    }
}
