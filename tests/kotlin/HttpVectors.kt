// The HTTP vectors (tests/vectors/http.json `responses`) through
// Errcat.decodeResponse, and the comparison of a decoded response with a
// vector's `expect`, shared with HttpClientTest.kt (the same vectors fetched
// from tests/http/server.py). No java.net.http here: this file also runs on a
// JVM without that module (--no-http-module).

package errcattest

import errcat.*
import java.time.Instant

/** A vector's headers as name/value pairs, in order. */
internal fun headerPairs(c: Map<String, Any?>): List<Pair<String, String>> =
    (c["headers"] as List<*>).map { h ->
        val p = h as List<*>
        p[0] as String to p[1] as String
    }

/** A vector's headers as a map, names as sent, values in order (how most clients hand them over). */
internal fun headerMap(c: Map<String, Any?>): Map<String, List<String>> {
    val m = LinkedHashMap<String, MutableList<String>>()
    for ((k, v) in headerPairs(c)) m.getOrPut(k) { ArrayList() }.add(v)
    return m
}

internal fun nowOf(c: Map<String, Any?>): Instant = Instant.ofEpochSecond(c["now"] as Long)

/** (a) A vector through Errcat.decodeResponse, its headers as pairs or as a map. */
internal fun checkResponseParts(c: Map<String, Any?>, byMap: Boolean) {
    val catalog = c["catalog"] as String
    val status = (c["status"] as Long).toInt()
    val body = bytesOf(c, "body")
    val e = if (byMap) {
        Errcat.decodeResponse(catalog, status, headerMap(c), body, nowOf(c))
    } else {
        Errcat.decodeResponse(catalog, status, headerPairs(c), body, nowOf(c))
    }
    checkResponse(c, e)
}

/** A decoded response against the vector's `expect` (every listed field; an unknown field fails). */
internal fun checkResponse(c: Map<String, Any?>, e: ErrcatException?) {
    val catalog = c["catalog"] as String
    val want = obj(c["expect"])
    if (want["error"] == false) {
        eq("no error", null, e?.let { "${it.javaClass.simpleName} ${it.symbol}" })
        return
    }
    if (e == null) throw Mismatch("expected an error, got null")
    val info = e.info
    // The exception class: the entry's, or the catalog's UnknownCode for a code
    // the table does not know and for an error typed from the status.
    eq("exception family", exceptionFamily(catalog), e.javaClass.enclosingClass?.simpleName)
    val expectedClass = if (!info.isUnknown) Errcat.lookupCode(catalog, info.code)?.typeName else "UnknownCode"
    eq("exception class", expectedClass, e.javaClass.simpleName)
    eq("message is the error's text", info.message, e.message)
    if (e.isFromStatus) {
        eq("from status is unknown", true, e.isUnknown)
        eq("from status symbol", "HTTP_${c["status"]}", e.symbol)
        eq("from status code", c["status"], e.code)
    }
    // The exception's fields are the record's.
    eq("responseStatus", info.responseStatus?.toInt(), e.responseStatus)
    eq("bodyLen", info.bodyLen?.toLong(), e.bodyLen)
    for ((k, v) in want) {
        when (k) {
            "error" -> eq(k, true, v)
            "known" -> eq(k, v, !e.isUnknown)
            "from_status" -> eq(k, v, e.isFromStatus)
            "code" -> eq(k, v, e.code)
            "symbol" -> eq(k, v, e.symbol)
            "kind" -> eq(k, v, e.kindName)
            "message" -> eq(k, v, e.message)
            "retryable" -> eq(k, v, e.retryable)
            "retry_after_ms" -> eq(k, v, info.retryAfterMs?.toLong())
            "response_status" -> eq(k, v, e.responseStatus?.toLong())
            "http_status" -> eq(k, v, info.httpStatus.toLong())
            "content_type" -> eq(k, v, e.contentType)
            "body_excerpt" -> eq(k, v, e.bodyExcerpt)
            "body_len" -> eq(k, v, e.bodyLen)
            "minor" -> eq(k, v, info.minor)
            "domain" -> eq(k, v, e.domain)
            else -> throw Mismatch("unknown expect field $k (update this test)")
        }
    }
}

/** The HTTP vectors of [file] through decodeResponse; returns how many. */
internal fun runResponseVectors(file: java.io.File): Int {
    val doc = obj(parseJson(file.readText(Charsets.UTF_8)))
    val cases = doc["responses"] as List<*>? ?: emptyList<Any>()
    for (c in cases) {
        val m = obj(c)
        case("${file.name} response ${m["name"]} (header pairs)") { checkResponseParts(m, byMap = false) }
        case("${file.name} response ${m["name"]} (header map)") { checkResponseParts(m, byMap = true) }
    }
    return cases.size
}
