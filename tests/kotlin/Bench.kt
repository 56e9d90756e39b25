// What a call through the Kotlin bindings costs, as ratios against pure-Kotlin
// baselines measured in the same run. Not a test. Every number and claim of
// reports/bench-kotlin.md is computed or checked here, in the run that writes it.
//
// Usage: scripts/test-kotlin.sh --bench (passes -Derrcat.report=<path> and
// -Derrcat.uniffi=<version from Cargo.lock>; without errcat.report it only prints).

package errcattest

import errcat.*
import java.io.File
import java.lang.management.ManagementFactory
import java.time.LocalDate

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

private fun ns(x: Double) = if (x >= 1000) String.format("%,.0f", x) else String.format("%.1f", x)
private fun x(r: Double) = if (r >= 100) String.format("%,.0f", r) else String.format("%.1f", r)

fun benchMain() {
    val os = ManagementFactory.getOperatingSystemMXBean()
    val loadBefore = os.systemLoadAverage
    val entries = catalogEntries("spaces")
    val bySymbol = HashMap<String, EntryInfo>().apply { entries.forEach { put(it.symbol, it) } }
    val symbols = entries.map { it.symbol }
    val codes = entries.map { it.code }
    val payloads = entries.map {
        """{"error":{"code":"${it.symbol}","message":"server text","retry_after_ms":1500,"missing_permission":null}}"""
            .toByteArray()
    }
    val n = 200_000
    // Rows that cross the FFI on every call run fewer iterations (each takes
    // tens of microseconds); the time per call is what is compared.
    val f = n / 4

    // The cache's behaviour, checked here so the report can state it.
    val first = Errcat.lookup("spaces", symbols[0])
    val again = Errcat.lookup("spaces", symbols[0])
    val copies = first == again && first !== again
    val rtcBefore = Errcat.cachedAnswers("rtc")
    val missing = Errcat.lookupCode("rtc", 999_999L)
    val missesCached = Errcat.cachedAnswers("rtc") - rtcBefore
    check(missing == null) { "rtc 999999 exists: pick another missing code" }

    println("spaces catalog: ${entries.size} entries; best of 5 rounds of $n calls ($f for FFI rows)\n")
    val kmap = measure("baseline: Kotlin HashMap<String, EntryInfo>.get", n) { bySymbol[symbols[it % symbols.size]]!! }
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
    // The NSError view no longer crosses with a decode; what asking for it costs.
    val decoded = payloads.map { Errcat.decode("spaces", it) }
    val eagerViews = decoded.count { it.info.nsErrorEager != null }
    val ffiView = measure("errcat ErrcatException.nsError (asked of the core: FFI)", f) {
        decoded[it % decoded.size].nsError
    }
    val loadAfter = os.systemLoadAverage

    val ratios = listOf(
        "`Errcat.lookup` (cached) / `HashMap.get`" to cached / kmap,
        "`Errcat.lookupCode` (cached) / `HashMap.get`" to cachedCode / kmap,
        "`lookup` by symbol, FFI / `HashMap.get`" to ffiLookup / kmap,
        "`lookupCode` by code, FFI / `HashMap.get`" to ffiCode / kmap,
        "FFI round trip alone / `HashMap.get`" to ffiMiss / kmap,
        "`lookupCode` returning an entry / FFI round trip alone" to ffiCode / ffiMiss,
        "`decode` to a record / pure-Kotlin parse + get" to ffiInfo / kparse,
        "`Errcat.decode` to the typed exception / pure-Kotlin parse + get" to ffiDecode / kparse,
        "`Errcat.decode` (typed exception) / `decode` (record)" to ffiDecode / ffiInfo,
        "`nsError` of a decoded exception / `decode` (record)" to ffiView / ffiInfo,
    )
    println()
    for ((name, r) in ratios) println(String.format("%-70s %8sx", name.replace("`", ""), x(r)))

    val report = System.getProperty("errcat.report") ?: return
    val uniffi = System.getProperty("errcat.uniffi") ?: "(version not given)"
    val entryVsMiss = ffiCode / ffiMiss
    val exceptionVsRecord = ffiDecode / ffiInfo
    val md = buildString {
        appendLine("# Kotlin bindings: cost of a call (UniFFI $uniffi + JNA ${com.sun.jna.Native.VERSION}, JVM ${System.getProperty("java.version")})")
        appendLine()
        appendLine("Written by `scripts/test-kotlin.sh --bench` (`tests/kotlin/Bench.kt`) from the run below:")
        appendLine("best of 5 rounds after warm-up (${String.format("%,d", n)} calls a round; ${String.format("%,d", f)} for the rows that")
        appendLine("cross the FFI on every call), every row in the same JVM run, so the ratios are what to read.")
        appendLine()
        appendLine("Run: ${LocalDate.now()}, ${System.getProperty("os.name")} ${System.getProperty("os.version")} ${System.getProperty("os.arch")}, " +
            "${os.availableProcessors} cores; load average ${String.format("%.1f", loadBefore)} at the start, " +
            "${String.format("%.1f", loadAfter)} at the end (other builds may share the machine: absolute times are noisy).")
        appendLine()
        appendLine("| operation | ns/op |")
        appendLine("|---|---:|")
        appendLine("| baseline: Kotlin `HashMap<String, EntryInfo>.get` | ${ns(kmap)} |")
        appendLine("| `Errcat.lookup(\"spaces\", symbol)` → `EntryInfo` (cached on the Kotlin side) | ${ns(cached)} |")
        appendLine("| `Errcat.lookupCode(\"spaces\", code)` → `EntryInfo` (cached) | ${ns(cachedCode)} |")
        appendLine("| `lookup(\"spaces\", symbol)` → `EntryInfo` (one FFI call) | ${ns(ffiLookup)} |")
        appendLine("| `lookupCode(\"rtc\", missing)` → `null` (one FFI round trip, nothing returned) | ${ns(ffiMiss)} |")
        appendLine("| `lookupCode(\"spaces\", code)` → `EntryInfo` (one FFI call) | ${ns(ffiCode)} |")
        appendLine("| baseline: Kotlin JSON parse of an error body + `HashMap.get` | ${ns(kparse)} |")
        appendLine("| `decode(\"spaces\", bytes)` → `ErrorInfo` record | ${ns(ffiInfo)} |")
        appendLine("| `Errcat.decode(\"spaces\", bytes)` → typed exception | ${ns(ffiDecode)} |")
        appendLine("| `e.nsError` of such an exception (the NSError view, asked of the core: one FFI call) | ${ns(ffiView)} |")
        appendLine()
        appendLine("| ratio | × |")
        appendLine("|---|---:|")
        for ((name, r) in ratios) appendLine("| $name | ${x(r)} |")
        appendLine()
        appendLine("What this run says:")
        appendLine()
        append("* A generated function that returns an entry costs ${x(entryVsMiss)}x one that returns `null`")
        appendLine(
            if (entryVsMiss in 0.8..1.25) ": the FFI round trip, not errcat's lookup, is the cost of a call."
            else "."
        )
        appendLine("* Building the typed exception on top of the record costs ${x(exceptionVsRecord)}x the record alone.")
        appendLine(
            "* `Errcat.lookup` and `Errcat.lookupCode` keep answers per built-in catalog, at most " +
                "`Errcat.CACHE_LIMIT` = ${String.format("%,d", Errcat.CACHE_LIMIT)} each. Checked in this run: a repeated lookup " +
                (if (copies) "returns an equal record that is not the same object (a copy: UniFFI records are mutable)"
                else "did NOT return a fresh equal copy") +
                ", and a failed lookup " + (if (missesCached == 0) "is not cached" else "added $missesCached cached answers") + "."
        )
        appendLine(
            "  A repeated lookup costs ${x(cached / kmap)}x a `HashMap.get`, against ${x(ffiLookup / kmap)}x for the generated " +
                "`lookup`, which crosses the FFI every time."
        )
        appendLine(
            "* A decode takes ${String.format("%.1f", ffiDecode / 1000)} µs to the typed exception; it is not cached " +
                "(every payload differs)."
        )
        appendLine(
            "* The decoded records carry no NSError view ($eagerViews of ${decoded.size} carry one in `nsErrorEager`): " +
                "`nsError` asks the core for it when read, ${String.format("%.1f", ffiView / 1000)} µs " +
                "(${x(ffiView / ffiInfo)}x a decode), paid only by code that reads it."
        )
        appendLine("* Not measured here: Android/ART, and Swift.")
    }
    File(report).writeText(md)
    println("wrote $report")
}
