// What a call through the Kotlin bindings costs, as ratios against pure-Kotlin
// baselines measured in the same run (reports/bench-kotlin.md). Not a test.
//
// Usage: scripts/test-kotlin.sh --bench

package errcattest

import errcat.*

private fun <T> measure(name: String, iterations: Int, body: (Int) -> T): Double {
    var sink = 0
    // Warm up (JIT), then take the best of five rounds.
    repeat(3) { for (i in 0 until iterations / 10) sink += body(i).hashCode() }
    var best = Double.MAX_VALUE
    repeat(5) {
        val t0 = System.nanoTime()
        for (i in 0 until iterations) sink += body(i).hashCode()
        best = minOf(best, (System.nanoTime() - t0).toDouble() / iterations)
    }
    println(String.format("%-58s %10.1f ns/op", name, best) + if (sink == 42) "" else "")
    return best
}

fun benchMain() {
    val entries = catalogEntries("spaces")
    val bySymbol = HashMap<String, EntryInfo>().apply { entries.forEach { put(it.symbol, it) } }
    val symbols = entries.map { it.symbol }
    val codes = entries.map { it.code }
    val payloads = entries.map {
        """{"error":{"code":"${it.symbol}","message":"server text","retry_after_ms":1500,"missing_permission":null}}"""
            .toByteArray()
    }
    val n = 200_000

    println("spaces catalog: ${entries.size} entries; best of 5 rounds of $n calls\n")
    val kmap = measure("baseline: Kotlin HashMap<String, EntryInfo>.get", n) { bySymbol[symbols[it % symbols.size]]!! }
    // Rows that cross the FFI on every call run fewer iterations (each takes
    // tens of microseconds); the time per call is what is compared.
    val f = n / 4
    val cached = measure("errcat Errcat.lookup(\"spaces\", symbol) -> EntryInfo (cached)", n) { Errcat.lookup("spaces", symbols[it % symbols.size]) }
    val cachedCode = measure("errcat Errcat.lookupCode(\"spaces\", code) -> EntryInfo (cached)", n) { Errcat.lookupCode("spaces", codes[it % codes.size])!! }
    val ffiLookup = measure("errcat lookup(\"spaces\", symbol) -> EntryInfo (FFI)", f) { lookup("spaces", symbols[it % symbols.size]) }
    val ffiMiss = measure("errcat lookupCode(\"rtc\", missing) -> null (FFI round trip)", f) { lookupCode("rtc", 999_999L + (it % 7)) ?: 0 }
    val ffiCode = measure("errcat lookupCode(\"spaces\", code) -> EntryInfo (FFI)", f) { lookupCode("spaces", codes[it % codes.size])!! }
    val kparse = measure("baseline: Kotlin JSON parse of the payload + HashMap.get", n) {
        val doc = parseJson(String(payloads[it % payloads.size], Charsets.UTF_8)) as Map<*, *>
        bySymbol[(doc["error"] as Map<*, *>)["code"] as String]!!
    }
    val ffiDecode = measure("errcat Errcat.decode(\"spaces\", bytes) -> typed exception", f) {
        Errcat.decode("spaces", payloads[it % payloads.size])
    }
    val ffiInfo = measure("errcat decode(\"spaces\", bytes) -> ErrorInfo record", f) {
        decode("spaces", payloads[it % payloads.size])
    }
    println()
    println(String.format("Errcat.lookup (cached) / HashMap:          %6.1fx", cached / kmap))
    println(String.format("Errcat.lookupCode (cached) / HashMap:      %6.1fx", cachedCode / kmap))
    println(String.format("lookup by symbol, FFI / HashMap:           %6.1fx", ffiLookup / kmap))
    println(String.format("lookup by code, FFI / HashMap:             %6.1fx", ffiCode / kmap))
    println(String.format("FFI round trip alone / HashMap:            %6.1fx", ffiMiss / kmap))
    println(String.format("lookup by code / FFI round trip alone:     %6.1fx", ffiCode / ffiMiss))
    println(String.format("decode to exception / Kotlin parse + get:  %6.1fx", ffiDecode / kparse))
    println(String.format("decode to record / Kotlin parse + get:     %6.1fx", ffiInfo / kparse))
}
