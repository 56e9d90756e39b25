// The Kotlin suite: every shared vector in tests/vectors/*.json (lookups,
// decodes with expect_error and expect_ns_error, HTTP responses), the HTTP
// vectors fetched with java.net.http from tests/http/server.py, then the typed exceptions of
// every entry of every catalog, user catalogs, bad input and the README
// example, all through `object Errcat` (the API) and the real library over
// JNA; the raw UniFFI functions only as the reference the cache is checked
// against.
//
// Usage: java -Djna.library.path=target/release -cp ... errcattest.VectorsTestKt tests/vectors

package errcattest

import errcat.*
import java.io.File

internal var passed = 0
internal var failed = 0

class Mismatch(message: String) : Exception(message)

internal fun case(name: String, body: () -> Unit) {
    try {
        body()
        passed++
    } catch (e: Mismatch) {
        failed++
        println("FAIL $name: ${e.message}")
    } catch (e: Throwable) {
        failed++
        println("FAIL $name: unexpected ${e.javaClass.name}: ${e.message}")
    }
}

internal fun eq(what: String, expected: Any?, actual: Any?) {
    if (expected != actual) throw Mismatch("$what: expected ${show(expected)}, got ${show(actual)}")
}

internal fun ensure(what: String, ok: Boolean) {
    if (!ok) throw Mismatch(what)
}

internal fun show(v: Any?): String {
    val t = v?.toString() ?: "null"
    return if (t.length > 200) t.take(200) + "…(${t.length} chars)" else t
}

@Suppress("UNCHECKED_CAST")
internal fun obj(v: Any?): Map<String, Any?> = v as Map<String, Any?>

/** A vector's bytes under [key]: `<key>` (UTF-8), `<key>_hex` or `<key>_gen` (payloads, HTTP bodies). */
internal fun bytesOf(c: Map<String, Any?>, key: String): ByteArray {
    c[key]?.let { return (it as String).toByteArray(Charsets.UTF_8) }
    c["${key}_hex"]?.let { h ->
        val hex = h as String
        return ByteArray(hex.length / 2) { hex.substring(2 * it, 2 * it + 2).toInt(16).toByte() }
    }
    val g = obj(c["${key}_gen"] ?: throw Mismatch("vector has no $key"))
    val prefix = (g["prefix"] as String).toByteArray(Charsets.UTF_8)
    val repeat = (g["repeat"] as String).toByteArray(Charsets.UTF_8)
    val suffix = ((g["suffix"] ?: "") as String).toByteArray(Charsets.UTF_8)
    val count = (g["count"] as Long).toInt()
    val out = ByteArray(prefix.size + repeat.size * count + suffix.size)
    System.arraycopy(prefix, 0, out, 0, prefix.size)
    var at = prefix.size
    if (repeat.size == 1) {
        java.util.Arrays.fill(out, at, at + count, repeat[0])
        at += count
    } else {
        repeat(count) { System.arraycopy(repeat, 0, out, at, repeat.size); at += repeat.size }
    }
    System.arraycopy(suffix, 0, out, at, suffix.size)
    return out
}

private fun checkLookup(c: Map<String, Any?>) {
    val catalog = c["catalog"] as String
    val query = c["query"] as String
    val expectError = c["expect_error"] as String?
    if (expectError != null) {
        try {
            val e = Errcat.lookup(catalog, query)
            throw Mismatch("expected $expectError, got entry ${e.symbol}")
        } catch (e: LookupException) {
            eq("reason", expectError, e.reason)
            ensure("message is text", !e.message.isNullOrBlank())
        }
        return
    }
    val e = Errcat.lookup(catalog, query)
    eq("kindName is the kind's", e.kind.name.lowercase(), e.kindName)
    eq("deprecated iff a deprecation", e.deprecation != null, e.deprecated)
    for ((k, v) in obj(c["expect"])) {
        when (k) {
            "code" -> eq(k, v, e.code)
            "symbol" -> eq(k, v, e.symbol)
            "message" -> eq(k, v, e.message)
            "kind" -> eq(k, v, e.kindName)
            "http_status" -> eq(k, v, e.httpStatus.toLong())
            "retryable" -> eq(k, v, e.retryable)
            "category" -> eq(k, v, e.category)
            "deprecated" -> eq(k, v, e.deprecated)
            "server_only" -> eq(k, v, e.serverOnly)
            // The vectors' keys are the data format's (`wait`, `minor`); the API's are waitRequired, minorCodes.
            "wait" -> eq(k, v, e.waitRequired)
            "minor_count" -> eq(k, v, e.minorCodes.size.toLong())
            else -> throw Mismatch("unknown expect field $k (update this test)")
        }
    }
}

private fun userInfoOf(ns: NsErrorInfo): Map<String, Any> = ns.userInfo.mapValues { (_, v) ->
    when (v) {
        is UserInfoValue.Text -> v.value
        is UserInfoValue.Integer -> v.value
        is UserInfoValue.Flag -> v.value
    }
}

private fun checkDecode(c: Map<String, Any?>) {
    val catalog = c["catalog"] as String
    val payload = bytesOf(c, "payload")
    val expectError = c["expect_error"] as String?
    if (expectError != null) {
        try {
            val e = Errcat.decode(catalog, payload)
            throw Mismatch("expected $expectError, got ${e.javaClass.simpleName} ${show(e.message)}")
        } catch (e: DecodeException) {
            eq("reason", expectError, e.reason)
            ensure("message is text", !e.message.isNullOrBlank())
        }
        return
    }
    val e = Errcat.decode(catalog, payload)
    val info = e.info
    // The exception is the catalog's typed class, and its message is text, not a field dump.
    eq("message is the error's text", info.message, e.message)
    eq("catalog", catalog, e.catalog)
    eq("exception family", exceptionFamily(catalog), e.javaClass.enclosingClass?.simpleName)
    val expectedClass = if (!info.isUnknown) Errcat.lookupCode(catalog, info.code)?.typeName else "UnknownCode"
    eq("domain", Errcat.catalog(catalog)?.domain, e.domain)
    eq("domain is the NSError view's", e.nsError.domain, e.domain)
    // The view is computed by the core when asked, not carried by the decode.
    eq("a decode carries no NSError view", null, info.nsErrorEager)
    eq("kindName is the kind's", e.kind.name.lowercase(), e.kindName)
    eq("exception class", expectedClass, e.javaClass.simpleName)
    for ((k, v) in obj(c["expect"] ?: emptyMap<String, Any?>())) {
        when (k) {
            "known" -> eq(k, v, !e.isUnknown)
            "code" -> eq(k, v, e.code)
            "symbol" -> eq(k, v, e.symbol)
            "kind" -> eq(k, v, e.kindName)
            "message" -> eq(k, v, e.message)
            "server_message" -> eq(k, v, info.serverMessage)
            "raw_code" -> eq(k, v, info.rawCode)
            "http_status" -> eq(k, v, info.httpStatus.toLong())
            "retryable" -> eq(k, v, e.retryable)
            "minor" -> eq(k, v, info.minor)
            "minor_detail" -> eq(k, v, info.minorDetail)
            "retry_after_ms" -> eq(k, v, info.retryAfterMs?.toLong())
            "missing_permission" -> eq(k, v, info.missingPermission)
            "wait" -> eq(k, v, info.wait)
            else -> throw Mismatch("unknown expect field $k (update this test)")
        }
    }
    c["expect_ns_error"]?.let { nsv ->
        val ns = obj(nsv)
        for ((k, v) in ns) {
            when (k) {
                "domain" -> eq("ns domain", v, e.nsError.domain)
                "code" -> eq("ns code", v, e.nsError.code)
                "user_info" -> eq("ns user_info", v, userInfoOf(e.nsError))
                else -> throw Mismatch("unknown expect_ns_error field $k (update this test)")
            }
        }
    }
}

/** `spaces` -> `SpacesException`. */
internal fun exceptionFamily(catalog: String) = catalog.replaceFirstChar { it.uppercase() } + "Exception"

private fun runVectors(dir: File) {
    val files = dir.listFiles { f -> f.name.endsWith(".json") }?.sortedBy { it.name } ?: emptyList()
    if (files.isEmpty()) throw IllegalStateException("no vectors in $dir")
    for (f in files) {
        val doc = obj(parseJson(f.readText(Charsets.UTF_8)))
        var n = 0
        for (c in (doc["lookups"] as List<*>? ?: emptyList<Any>())) {
            val m = obj(c)
            case("${f.name} lookup ${m["name"]}") { checkLookup(m) }
            n++
        }
        for (c in (doc["decodes"] as List<*>? ?: emptyList<Any>())) {
            val m = obj(c)
            case("${f.name} decode ${m["name"]}") { checkDecode(m) }
            n++
        }
        // HTTP responses (http.json) through Errcat.decodeResponse; HttpClientTest.kt fetches them too.
        if (doc.containsKey("responses")) n += runResponseVectors(f)
        val note = if (doc.containsKey("localized")) " (its localized texts: --l10n, step l10n)" else ""
        println("${f.name}: $n vectors$note")
    }
}

/** Every entry of every catalog has its typed exception, code, domain and text. */
private fun runEntries() {
    val cats = Errcat.catalogs()
    case("five built-in catalogs") {
        eq("ids", listOf("securechat", "messenger", "spaces", "rtc", "chatapi"), cats.map { it.id })
        eq("BUILTIN_CATALOGS", cats.map { it.id }, Errcat.BUILTIN_CATALOGS)
        for (c in cats) eq("catalog(${c.id})", c, Errcat.catalog(c.id))
        eq("unknown catalog", null, Errcat.catalog("nope"))
    }
    for (cat in cats) {
        val family = Class.forName("errcat.${exceptionFamily(cat.id)}")
        case("${cat.id} companion constants") {
            eq("DOMAIN", cat.domain, family.getField("DOMAIN").get(null))
            eq("CATALOG", cat.id, family.getField("CATALOG").get(null))
        }
        val entries = Errcat.catalogEntries(cat.id)
        case("${cat.id} entry count") { eq("entries", cat.entryCount.toInt(), entries.size) }
        for (entry in entries) {
            case("${cat.id} ${entry.symbol}") {
                val e = Errcat.errorFor(cat.id, entry.code.toString())
                eq("class", entry.typeName, e.javaClass.simpleName)
                eq("family", family, e.javaClass.superclass)
                ensure("is ErrcatException", e is ErrcatException)
                eq("code", entry.code, e.code)
                eq("symbol", entry.symbol, e.symbol)
                eq("kind", entry.kind, e.kind)
                eq("kindName", entry.kindName, e.kindName)
                eq("domain", cat.domain, e.domain)
                eq("not unknown", false, e.isUnknown)
                eq("deprecated", entry.deprecation != null, entry.deprecated)
                eq("message", entry.message, e.message)
                eq("ns domain", cat.domain, e.nsError.domain)
                eq("ns code", entry.code, e.nsError.code)
                eq("ns description", entry.message, userInfoOf(e.nsError)["NSLocalizedDescription"])
                eq("ns symbol", entry.symbol, userInfoOf(e.nsError)["ErrcatSymbol"])
                eq("ns catalog", cat.id, userInfoOf(e.nsError)["ErrcatCatalog"])
                // The same exception by symbol.
                eq("by symbol", entry.typeName, Errcat.errorFor(cat.id, entry.symbol).javaClass.simpleName)
                eq("lookupSymbol", entry, Errcat.lookupSymbol(cat.id, entry.symbol))
                for (a in entry.aliases) eq("lookupSymbol alias $a", entry, Errcat.lookupSymbol(cat.id, a))
                val companion = family.getField("Companion").get(null)
                val perCatalog = companion.javaClass.getMethod("errorFor", String::class.java).invoke(companion, entry.symbol)
                eq("per-catalog errorFor", entry.typeName, perCatalog.javaClass.simpleName)
            }
        }
    }
}

internal val USER_TOML = """
[catalog]
id = "acme"
name = "ACME API"
domain = "com.acme.api"
wire = "string"

[[category]]
id = "auth"
name = "Auth"
http_status = 401

[[entry]]
code = 1
symbol = "TOKEN_EXPIRED"
message = "The token has expired."
category = "auth"
kind = "unauthenticated"
reaction = "Sign in again."
""".trimIndent()

private fun runMore() {
    case("user catalog from text") {
        val cat = Errcat.parseCatalog(USER_TOML, CatalogFormat.TOML, "acme.toml")
        eq("id", "acme", cat.info().id)
        eq("lookup", 1L, cat.lookup("token-expired").code)
        val e = Errcat.decode(cat, """{"code":"TOKEN_EXPIRED"}""".toByteArray())
        eq("plain ErrcatException", ErrcatException::class.java, e.javaClass)
        eq("message", "The token has expired.", e.message)
        eq("domain", "com.acme.api", e.nsError.domain)
        // A user catalog's view cannot be rebuilt from the record: it crosses with it.
        ensure("a user catalog's error carries its view", e.info.nsErrorEager != null)
        eq("error domain", "com.acme.api", e.domain)
        eq("errorFor", "TOKEN_EXPIRED", Errcat.errorFor(cat, "token-expired").symbol)
        eq("lookupCode", "TOKEN_EXPIRED", cat.lookupCode(1)?.symbol)
        eq("lookupSymbol exact", "TOKEN_EXPIRED", cat.lookupSymbol("TOKEN_EXPIRED")?.symbol)
        eq("lookupSymbol not forgiving", null, cat.lookupSymbol("token-expired"))
        eq("recovery", "Sign in again.", e.nsError.recoverySuggestion)
        val u = Errcat.decode(cat, """{"code":"NEW"}""".toByteArray())
        eq("unknown kept", "NEW", u.info.rawCode)
        eq("unknown isUnknown", true, u.isUnknown)
        try {
            cat.lookup("NOPE")
            throw Mismatch("no error")
        } catch (e: LookupException) {
            eq("reason", "unknown_code", e.reason)
        }
        cat.close()
    }
    case("invalid user catalog names the file") {
        try {
            Errcat.parseCatalog(USER_TOML.replace("unauthenticated", "sleepy"), CatalogFormat.TOML, "broken.toml")
            throw Mismatch("no error")
        } catch (e: CatalogLoadException) {
            ensure("message names the file: ${e.message}", e.message!!.contains("broken.toml"))
            ensure("message names the problem: ${e.message}", e.message!!.contains("sleepy"))
        }
    }
    case("missing user catalog file") {
        try {
            Errcat.loadCatalog("/nonexistent/errcat.toml")
            throw Mismatch("no error")
        } catch (e: CatalogLoadException) {
            ensure("message: ${e.message}", e.message!!.contains("/nonexistent/errcat.toml"))
        }
    }
    case("user catalog from a file, JSON") {
        val f = File.createTempFile("errcat", ".json")
        f.writeText(
            """{"catalog":{"id":"acme","name":"ACME","wire":"int"},"category":[{"id":"c","name":"C"}],
               "entry":[{"code":7,"symbol":"BUSY","message":"Busy.","category":"c","kind":"unavailable"}]}""",
        )
        val cat = Errcat.loadCatalog(f.path)
        f.delete()
        eq("domain default", "errcat.acme", cat.info().domain)
        eq("retryable by kind", true, Errcat.errorFor(cat, "7").retryable)
        cat.close()
    }
    case("parseCatalog names the format by default") {
        try {
            Errcat.parseCatalog("{", CatalogFormat.JSON)
            throw Mismatch("no error")
        } catch (e: CatalogLoadException) {
            ensure("message names catalog.json: ${e.message}", e.message!!.contains("catalog.json"))
        }
    }
    case("search") {
        val hits = Errcat.search("rate limit")
        ensure("hits", hits.isNotEmpty())
        ensure("spaces RATE_LIMITED found", hits.any { it.catalog == "spaces" && it.entry.symbol == "RATE_LIMITED" })
        eq("empty query", 0, Errcat.search("   ").size)
    }
    case("typed catch") {
        try {
            throw Errcat.decode("spaces", """{"error":{"code":"RATE_LIMITED","retry_after_ms":1500}}""")
        } catch (e: SpacesException.RateLimited) {
            eq("retry", 1500L, e.info.retryAfterMs?.toLong())
            eq("message", "Rate limit exceeded. Retry after retry_after_ms milliseconds.", e.message)
            eq("toString", "errcat.SpacesException\$RateLimited: ${e.message}", e.toString())
        }
    }
    case("per-catalog decode and entry") {
        eq("decode", "UserNotFound", RtcException.decode("102".toByteArray()).javaClass.simpleName)
        eq("errorFor", "TwoFaRequired", SpacesException.errorFor("2FA_REQUIRED").javaClass.simpleName)
    }
    case("unknown catalog on every entry point") {
        for (call in listOf<() -> Unit>(
            { Errcat.decode("nope", "1") },
            { Errcat.errorFor("nope", "1") },
            { Errcat.catalogEntries("nope") },
            { Errcat.lookup("nope", "1") },
            { Errcat.lookupCode("nope", 1) },
            { Errcat.lookupSymbol("nope", "X") },
        )) {
            try {
                call()
                throw Mismatch("no error")
            } catch (e: DecodeException) {
                eq("reason", "unknown_catalog", e.reason)
            } catch (e: LookupException) {
                eq("reason", "unknown_catalog", e.reason)
            }
        }
        eq("lookupCode of an unknown code", null, Errcat.lookupCode("rtc", 999_999))
        eq("lookupSymbol of an unknown symbol", null, Errcat.lookupSymbol("rtc", "NOPE"))
    }
    case("NUL in a query is an unknown code") {
        try { Errcat.lookup("spaces", "RATE\u0000LIMITED"); throw Mismatch("no error") } catch (e: LookupException) { eq("reason", "unknown_code", e.reason) }
    }
    case("a lone surrogate in a Kotlin string is refused before the FFI, as an exception") {
        // UniFFI encodes strings with a reporting UTF-8 encoder: not UTF-8, not sent.
        try { Errcat.lookup("spaces", "A\uD800B"); throw Mismatch("no error") } catch (e: java.nio.charset.CharacterCodingException) { }
    }
    case("a lone surrogate escape in a payload is malformed") {
        try {
            Errcat.decode("spaces", "{\"code\":\"X\",\"message\":\"\\ud800\"}")
            throw Mismatch("no error")
        } catch (e: DecodeException) {
            eq("reason", "malformed", e.reason)
        }
    }
    case("README example") { readmeExampleCheck() }
}

/** Runs the functions of bindings/README.md's Kotlin examples (compiled from the README itself). */
private fun readmeExampleCheck() {
    eq(
        "rate limited",
        "retry in 1500 ms: Slow down",
        describe("""{"error":{"code":"RATE_LIMITED","message":"Slow down","retry_after_ms":1500}}""".toByteArray()),
    )
    eq(
        "other",
        "spaces BANNED (${Errcat.lookup("spaces", "BANNED").code}, permission_denied): The user is banned from this space.",
        describe("""{"error":{"code":"BANNED"}}""".toByteArray()),
    )
    eq("bad payload", "not an error payload (malformed)", describe("{".toByteArray()))
    eq("advice", "RATE_LIMITED (42901, resource_exhausted): retry later", advice("rate-limited"))
    eq("acme", "com.acme.api TOKEN_EXPIRED: Slow", acme(USER_TOML, """{"code":"TOKEN_EXPIRED","message":"Slow"}"""))
    ensure("acme bad catalog", acme("[catalog", "{}").startsWith("bad catalog: acme.toml"))
}

/** Errcat.lookup / Errcat.lookupCode: the cached answers are the FFI's answers. */
private fun runCache() {
    case("cached lookups agree with the FFI for every entry, twice") {
        for (cat in errcat.catalogs()) {
            for (entry in errcat.catalogEntries(cat.id)) {
                repeat(2) {
                    eq("${cat.id} by symbol", entry, Errcat.lookup(cat.id, entry.symbol))
                    eq("${cat.id} by code string", entry, Errcat.lookup(cat.id, entry.code.toString()))
                    eq("${cat.id} by code", entry, Errcat.lookupCode(cat.id, entry.code))
                    eq("${cat.id} forgiving", errcat.lookup(cat.id, entry.symbol.lowercase()), Errcat.lookup(cat.id, entry.symbol.lowercase()))
                }
            }
        }
    }
    case("a cached record is a copy: changing it does not change the next answer") {
        val a = Errcat.lookup("spaces", "RATE_LIMITED")
        a.message = "changed by the caller"
        eq("message", errcat.lookup("spaces", "RATE_LIMITED").message, Errcat.lookup("spaces", "RATE_LIMITED").message)
        val b = Errcat.lookupCode("rtc", 102)!!
        b.symbol = "changed"
        eq("symbol", "userNotFound", Errcat.lookupCode("rtc", 102)!!.symbol)
    }
    case("misses are errors (or null), and are not cached") {
        val before = Errcat.cachedAnswers("rtc")
        try {
            Errcat.lookup("rtc", "no such thing")
            throw Mismatch("no error")
        } catch (e: LookupException) {
            eq("reason", "unknown_code", e.reason)
        }
        eq("lookupCode miss", null, Errcat.lookupCode("rtc", 999_999))
        eq("nothing cached", before, Errcat.cachedAnswers("rtc"))
    }
    case("the cache is bounded") {
        // Every case spelling of a symbol is a distinct query with an answer.
        val base = "invalid_encrypted_body"
        val letters = base.indices.filter { base[it].isLetter() }.take(13)
        var n = 0
        for (mask in 0 until 6000) {
            val up = letters.filterIndexed { bit, _ -> (mask shr bit) and 1 == 1 }.toSet()
            val q = base.mapIndexed { i, ch -> if (i in up) ch.uppercaseChar() else ch }.joinToString("")
            if (runCatching { Errcat.lookup("securechat", q) }.isSuccess) n++
            ensure("at most CACHE_LIMIT kept", Errcat.cachedAnswers("securechat") <= Errcat.CACHE_LIMIT + 64)
        }
        ensure("the spellings were found ($n)", n > Errcat.CACHE_LIMIT)
    }
}

fun main(args: Array<String>) {
    if (args.firstOrNull() == "--bench") return benchMain()
    if (args.firstOrNull() == "--no-http-module") return noHttpModuleMain(File(args.getOrNull(1) ?: "tests/vectors"))
    if (args.firstOrNull() == "--l10n") return l10nMain(File(args.getOrNull(1) ?: "tests/vectors"))
    val dir = File(args.firstOrNull() ?: "tests/vectors")
    runVectors(dir)
    runEntries()
    runMore()
    runCache()
    runHttpClient(dir)
    println("kotlin: $passed passed, $failed failed")
    if (failed != 0 || passed == 0) kotlin.system.exitProcess(1)
}
