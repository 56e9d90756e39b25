// The HTTP vectors fetched for real: tests/http/server.py (the shared fixture,
// started here with --exit-on-eof) serves each vector at /<name>, the JDK's
// java.net.http.HttpClient fetches it (BodyHandlers.ofByteArray), and
// Errcat.fromResponse decodes the response object the client returned, with
// now = the vector's clock. Then throwForResponse, user catalogs, bad input
// (statuses outside 100-599, unknown catalogs, hostile headers and clocks)
// and the README's HTTP example against the same server. A server that does
// not start fails every case that needs it: nothing is skipped.

package errcattest

import errcat.*
import java.io.BufferedReader
import java.io.File
import java.io.InputStreamReader
import java.net.URI
import java.net.http.HttpClient
import java.net.http.HttpRequest
import java.net.http.HttpResponse
import java.time.Duration
import java.time.Instant
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/** The fixture server: its process and port. */
private class Fixture(val process: Process, val port: Int) : AutoCloseable {
    override fun close() {
        process.outputStream.close() // --exit-on-eof: the server stops
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly()
    }
}

/** Starts tests/http/server.py over [vectors] and reads its `port N` line; throws when it does not start. */
private fun startServer(dir: File, vectors: File): Fixture {
    val script = File(dir.parentFile, "http/server.py")
    val p = ProcessBuilder("python3", script.path, "--vectors", vectors.path, "--exit-on-eof")
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start()
    val reader = BufferedReader(InputStreamReader(p.inputStream, Charsets.UTF_8))
    val pool = Executors.newSingleThreadExecutor()
    try {
        val line = runCatching { pool.submit<String?> { reader.readLine() }.get(30, TimeUnit.SECONDS) }.getOrNull()
        val port = line?.let { Regex("^port (\\d+)$").find(it)?.groupValues?.get(1)?.toInt() }
        if (port == null) {
            p.destroyForcibly()
            throw IllegalStateException("$script did not start: first line ${show(line)}, exit ${if (p.isAlive) "-" else p.exitValue()}")
        }
        return Fixture(p, port)
    } finally {
        pool.shutdownNow()
    }
}

private val client: HttpClient by lazy {
    HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1) // the fixture speaks HTTP/1.1; no h2c upgrade attempt
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10))
        .build()
}

private fun get(port: Int, name: String): HttpResponse<ByteArray> {
    val req = HttpRequest.newBuilder(URI("http://127.0.0.1:$port/$name")).timeout(Duration.ofSeconds(30)).build()
    return client.send(req, HttpResponse.BodyHandlers.ofByteArray())
}

/** Every HTTP vector of [dir]/http.json, fetched and decoded; plus the adapter's other cases. */
internal fun runHttpClient(dir: File) {
    val vectors = File(dir, "http.json")
    val cases = (obj(parseJson(vectors.readText(Charsets.UTF_8)))["responses"] as List<*>).map { obj(it) }
    var server: Fixture? = null
    var why = "not started"
    case("fixture server starts (tests/http/server.py)") {
        try {
            server = startServer(dir, vectors)
        } catch (e: Exception) {
            why = e.message ?: e.javaClass.name
            throw Mismatch(why)
        }
    }
    val port: Int? = server?.port
    fun needPort(): Int = port ?: throw Mismatch("no fixture server: $why")
    try {
        for (c in cases) {
            case("http.json client ${c["name"]}") {
                val res = get(needPort(), c["name"] as String)
                eq("status on the wire", c["status"], res.statusCode().toLong())
                eq("body on the wire", bytesOf(c, "body").toList(), res.body().toList())
                checkResponse(c, Errcat.fromResponse(c["catalog"] as String, res, nowOf(c)))
            }
        }
        println("http.json: ${cases.size} vectors fetched with java.net.http")
        runThrowForResponse(::needPort)
        runUserCatalogResponses(::needPort)
        runBadResponses(::needPort)
        case("README HTTP example") { readmeHttpCheck(needPort()) }
    } finally {
        server?.close()
    }
}

private fun runThrowForResponse(port: () -> Int) {
    case("throwForResponse throws the typed exception of an error body") {
        val res = get(port(), "spaces-envelope")
        try {
            Errcat.throwForResponse("spaces", res)
            throw Mismatch("no exception")
        } catch (e: SpacesException.RateLimited) {
            eq("retry", 1500L, e.info.retryAfterMs?.toLong())
            eq("responseStatus", 429, e.responseStatus)
            eq("contentType", "application/json", e.contentType)
            eq("not from status", false, e.isFromStatus)
        }
    }
    case("throwForResponse throws UnknownCode typed from the status for a proxy's HTML 503") {
        val res = get(port(), "proxy-html-503-retry-after")
        try {
            Errcat.throwForResponse("rtc", res, Instant.ofEpochSecond(1445412480))
            throw Mismatch("no exception")
        } catch (e: RtcException.UnknownCode) {
            eq("from status", true, e.isFromStatus)
            eq("kind", "unavailable", e.kindName)
            eq("retryable", true, e.retryable)
            eq("Retry-After", 120_000L, e.info.retryAfterMs?.toLong())
            eq("symbol", "HTTP_503", e.symbol)
            eq("excerpt is the body", res.body().decodeToString(), e.bodyExcerpt)
            eq("bodyLen", res.body().size.toLong(), e.bodyLen)
        }
    }
    case("throwForResponse returns the very response when it is not an error") {
        for (name in listOf("ok-200-data", "ok-200-html", "ok-200-empty", "not-modified-304")) {
            val res = get(port(), name)
            ensure("$name: same object", Errcat.throwForResponse("spaces", res) === res)
            eq("$name: fromResponse", null, Errcat.fromResponse("spaces", res))
        }
        val res = get(port(), "ok-204")
        ensure("ok-204: same object", Errcat.throwForResponse("rtc", res, Instant.EPOCH) === res)
    }
    case("throwForResponse throws an error payload sent with 200") {
        try {
            Errcat.throwForResponse("spaces", get(port(), "ok-200-error-payload"))
            throw Mismatch("no exception")
        } catch (e: ErrcatException) {
            eq("responseStatus", 200, e.responseStatus)
            eq("not from status", false, e.isFromStatus)
        }
    }
    case("the fields are null on an error not decoded from a response") {
        val e = Errcat.decode("spaces", """{"error":{"code":"RATE_LIMITED"}}""")
        eq("responseStatus", null, e.responseStatus)
        eq("contentType", null, e.contentType)
        eq("bodyExcerpt", null, e.bodyExcerpt)
        eq("bodyLen", null, e.bodyLen)
        eq("isFromStatus", false, e.isFromStatus)
        eq("errorFor isFromStatus", false, Errcat.errorFor("spaces", "RATE_LIMITED").isFromStatus)
    }
}

private fun runUserCatalogResponses(port: () -> Int) {
    case("user catalog: decodeResponse, fromResponse, throwForResponse") {
        Errcat.parseCatalog(USER_TOML, CatalogFormat.TOML, "acme.toml").use { acme ->
            val html = "<html>down</html>".toByteArray()
            val e = Errcat.decodeResponse(acme, 503, mapOf("Retry-After" to listOf("7")), html)
                ?: throw Mismatch("no error")
            eq("plain ErrcatException", ErrcatException::class.java, e.javaClass)
            eq("domain", "com.acme.api", e.domain)
            eq("from status", true, e.isFromStatus)
            eq("kind", "unavailable", e.kindName)
            eq("retry", 7000L, e.info.retryAfterMs?.toLong())
            eq("excerpt", "<html>down</html>", e.bodyExcerpt)
            val p = Errcat.decodeResponse(acme, 401, listOf("content-type" to "application/json"), """{"code":"TOKEN_EXPIRED"}""".toByteArray(), Instant.EPOCH)
            eq("payload symbol", "TOKEN_EXPIRED", p?.symbol)
            eq("payload contentType", "application/json", p?.contentType)
            eq("2xx", null, Errcat.decodeResponse(acme, 200, emptyList<Pair<String, String>>(), "{}".toByteArray()))
            eq("2xx with a map", null, Errcat.decodeResponse(acme, 204, emptyMap(), ByteArray(0), null))
            val res = get(port(), "empty-401")
            val f = Errcat.fromResponse(acme, res) ?: throw Mismatch("no error")
            eq("fromResponse kind", "unauthenticated", f.kindName)
            eq("fromResponse symbol", "HTTP_401", f.symbol)
            try {
                Errcat.throwForResponse(acme, res, Instant.EPOCH)
                throw Mismatch("no exception")
            } catch (t: ErrcatException) {
                eq("thrown status", 401, t.responseStatus)
            }
            val ok = get(port(), "ok-200-data")
            ensure("throwForResponse returns", Errcat.throwForResponse(acme, ok) === ok)
            eq("fromResponse of a 2xx", null, Errcat.fromResponse(acme, ok, null))
            try {
                Errcat.decodeResponse(acme, 600, emptyMap(), ByteArray(0))
                throw Mismatch("no exception")
            } catch (t: DecodeException) {
                eq("reason", "malformed", t.reason)
            }
        }
    }
}

private fun expectDecodeFailure(what: String, reason: String, call: () -> Unit) {
    try {
        call()
        throw Mismatch("$what: no exception")
    } catch (e: DecodeException) {
        eq("$what: reason", reason, e.reason)
        ensure("$what: message is text", !e.message.isNullOrBlank())
    }
}

private fun runBadResponses(port: () -> Int) {
    case("a status outside 100-599 is malformed, on every overload") {
        for (s in listOf(99, 600, 0, -1, 1000, 65_536, Int.MAX_VALUE, Int.MIN_VALUE)) {
            expectDecodeFailure("map $s", "malformed") { Errcat.decodeResponse("spaces", s, emptyMap(), ByteArray(0)) }
            expectDecodeFailure("pairs $s", "malformed") { Errcat.decodeResponse("spaces", s, listOf("A" to "b"), "x".toByteArray(), Instant.EPOCH) }
        }
        // The edges are fine.
        eq("100", null, Errcat.decodeResponse("spaces", 100, emptyMap(), ByteArray(0)))
        eq("599", "HTTP_599", Errcat.decodeResponse("spaces", 599, emptyMap(), ByteArray(0))?.symbol)
    }
    case("an unknown catalog is unknown_catalog, on every entry point") {
        val res = get(port(), "proxy-html-502")
        expectDecodeFailure("decodeResponse", "unknown_catalog") { Errcat.decodeResponse("nope", 503, emptyMap(), ByteArray(0)) }
        expectDecodeFailure("decodeResponse pairs", "unknown_catalog") { Errcat.decodeResponse("nope", 200, emptyList<Pair<String, String>>(), ByteArray(0)) }
        expectDecodeFailure("fromResponse", "unknown_catalog") { Errcat.fromResponse("nope", res) }
        expectDecodeFailure("throwForResponse", "unknown_catalog") { Errcat.throwForResponse("nope", res, null) }
    }
    val html = "<html><body>503 Service Unavailable</body></html>".toByteArray()
    fun fromStatus(what: String, e: ErrcatException?, retryMs: Long?) {
        if (e == null) throw Mismatch("$what: no error")
        eq("$what: from status", true, e.isFromStatus)
        eq("$what: kind", "unavailable", e.kindName)
        eq("$what: excerpt kept", html.decodeToString(), e.bodyExcerpt)
        eq("$what: bodyLen", html.size.toLong(), e.bodyLen)
        eq("$what: retry", retryMs, e.info.retryAfterMs?.toLong())
    }
    case("hostile header maps never crash and never lose the excerpt") {
        // HttpURLConnection.getHeaderFields() keys the status line with null.
        val withNulls = HashMap<String?, List<String?>?>()
        withNulls[null] = listOf("HTTP/1.1 503 Service Unavailable")
        withNulls["Retry-After"] = listOf(null, "5")
        withNulls["X-Null-List"] = null
        @Suppress("UNCHECKED_CAST")
        fromStatus("null names and values", Errcat.decodeResponse("spaces", 503, withNulls as Map<String, List<String>>, html, Instant.EPOCH), 5000L)
        fromStatus("lone surrogate in Retry-After", Errcat.decodeResponse("spaces", 503, mapOf("Retry-After" to listOf("1\uD800")), html, Instant.EPOCH), null)
        fromStatus("lone surrogate in a name", Errcat.decodeResponse("spaces", 503, mapOf("X-\uDC00" to listOf("v"), "Retry-After" to listOf("2")), html), 2000L)
        val ct = Errcat.decodeResponse("spaces", 503, listOf("Content-Type" to "text/html\uD83D"), html)
        fromStatus("lone surrogate in Content-Type", ct, null)
        eq("replaced, not dropped", "text/html\uFFFD", ct?.contentType)
        fromStatus("a pair surrogate is kept", Errcat.decodeResponse("spaces", 503, listOf("X-Emoji" to "\uD83D\uDE00", "Retry-After" to "3"), html), 3000L)
        fromStatus("NUL, CR, LF in values", Errcat.decodeResponse("spaces", 503, listOf("Retry-After" to "1\u0000", "Content-Type" to "a\r\nb"), html), null)
        fromStatus("a megabyte Retry-After", Errcat.decodeResponse("spaces", 503, listOf("Retry-After" to "9".repeat(1 shl 20)), html), null)
        val many = (0 until 20_000).map { "X-$it" to "v$it" } + ("Retry-After" to "4")
        fromStatus("20000 headers before Retry-After", Errcat.decodeResponse("spaces", 503, many, html), 4000L)
        fromStatus("empty name and value", Errcat.decodeResponse("spaces", 503, listOf("" to "", "Retry-After" to ""), html), null)
        fromStatus("huge delay clamped to a day", Errcat.decodeResponse("spaces", 503, listOf("Retry-After" to "99999999999999999999"), html), 86_400_000L)
        fromStatus("a day is the most", Errcat.decodeResponse("spaces", 503, listOf("Retry-After" to "999999"), html), 86_400_000L)
        @Suppress("UNCHECKED_CAST")
        val nullPairs = listOf(null, (null as String?) to "x", "Retry-After" to null, "Retry-After" to "6") as List<Pair<String, String>>
        fromStatus("null pairs", Errcat.decodeResponse("spaces", 503, nullPairs, html), 6000L)
    }
    case("extreme clocks never crash: an HTTP-date Retry-After against Instant.MIN/MAX/EPOCH") {
        val date = listOf("Retry-After" to "Wed, 21 Oct 2015 07:30:00 GMT")
        fromStatus("Instant.MAX (date in the past)", Errcat.decodeResponse("spaces", 503, date, html, Instant.MAX), 0L)
        fromStatus("Instant.MIN (before 1970 counts as 1970)", Errcat.decodeResponse("spaces", 503, date, html, Instant.MIN), 86_400_000L)
        fromStatus("before 1970", Errcat.decodeResponse("spaces", 503, date, html, Instant.ofEpochSecond(-5)), 86_400_000L)
        fromStatus("ten seconds before", Errcat.decodeResponse("spaces", 503, date, html, Instant.ofEpochSecond(1445412590)), 10_000L)
        fromStatus("sub-millisecond clock", Errcat.decodeResponse("spaces", 503, date, html, Instant.ofEpochSecond(1445412590, 999_999)), 10_000L)
    }
    case("hostile bodies keep their excerpt: binary, over the limit, invalid UTF-8") {
        val bin = byteArrayOf(0, -1, -2, 0x7f, 0x1b)
        val b = Errcat.decodeResponse("rtc", 502, emptyMap(), bin) ?: throw Mismatch("no error")
        eq("binary bodyLen", 5L, b.bodyLen)
        ensure("binary excerpt is text: ${show(b.bodyExcerpt)}", b.bodyExcerpt != null)
        val big = ByteArray((1 shl 20) + 10) { 'a'.code.toByte() }
        val g = Errcat.decodeResponse("spaces", 500, listOf("Content-Type" to "application/json"), big) ?: throw Mismatch("no error")
        eq("big bodyLen", big.size.toLong(), g.bodyLen)
        ensure("big excerpt says how much was cut: ${show(g.bodyExcerpt)}", g.bodyExcerpt!!.contains("more bytes"))
    }
}

/** Runs bindings/README.md's HTTP example (compiled from the README) against the fixture. */
private fun readmeHttpCheck(port: Int) {
    val base = "http://127.0.0.1:$port"
    eq("ok", "ok: {\"data\":{\"id\":1}}", showSpace(HttpClient.newHttpClient(), URI("$base/ok-200-data")))
    eq("rate limited", "retry in 1500 ms: Slow down", showSpace(HttpClient.newHttpClient(), URI("$base/spaces-envelope")))
    eq(
        "proxy",
        "HTTP 503 (unavailable), retry in 120000 ms",
        showSpace(HttpClient.newHttpClient(), URI("$base/retry-after-seconds")),
    )
    eq("forbidden", "FORBIDDEN: No.", showSpace(HttpClient.newHttpClient(), URI("$base/spaces-forbidden")))
    val res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI("$base/proxy-html-502")).build(), HttpResponse.BodyHandlers.ofByteArray())
    eq("retryDelayMs of a 502 without Retry-After", 0L, retryDelayMs(res))
    val ok = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI("$base/ok-200-data")).build(), HttpResponse.BodyHandlers.ofByteArray())
    eq("retryDelayMs of a 200", null, retryDelayMs(ok))
}
