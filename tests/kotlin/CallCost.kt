// Where the time of one UniFFI call goes on the JVM: each piece a generated
// call is made of, timed alone, against a HashMap.get measured in the same
// run. Not a test. scripts/test-kotlin.sh --bench runs it once per JNA
// version and appends each run's table to reports/bench-kotlin.md.
//
// Usage: java ... errcattest.CallCostKt REPORT LABEL

package errcattest

import errcat.*
import com.sun.jna.Memory
import com.sun.jna.Native
import java.io.File

private fun time(iterations: Int, body: () -> Any?): Double {
    var sink = 0
    repeat(iterations / 5) { sink += body().hashCode() }
    var best = Double.MAX_VALUE
    repeat(5) {
        val t0 = System.nanoTime()
        for (i in 0 until iterations) sink += body().hashCode()
        best = minOf(best, (System.nanoTime() - t0).toDouble() / iterations)
    }
    if (sink == 42) println()
    return best
}

fun main(args: Array<String>) {
    require(args.size == 2) { "usage: CallCostKt REPORT LABEL" }
    val (report, label) = args
    val entries = catalogEntries("spaces")
    val bySymbol = HashMap<String, EntryInfo>().apply { entries.forEach { put(it.symbol, it) } }
    val symbols = entries.map { it.symbol }
    check(lookupCode("rtc", 999_999L) == null) { "rtc 999999 exists: pick another missing code" }
    val n = 50_000
    var k = 0
    // Each piece below is what uniffiRustCall and the converters do per call
    // (see the generated errcat.kt): a status Structure, RustBuffer
    // Structures for arguments and results, and Memory behind each.
    val rows = listOf(
        "baseline: `HashMap<String, EntryInfo>.get`" to time(n * 4) { bySymbol[symbols[k++ % symbols.size]] },
        "a direct-mapped JNA call with no structure (a UniFFI checksum function)" to
            time(n) { IntegrityCheckingUniffiLib.uniffi_errcat_bindings_checksum_func_lookup_code() },
        "`com.sun.jna.Memory(16)` (what backs each Structure)" to time(n) { Memory(16) },
        "`RustBuffer.ByValue()` (each buffer argument or result)" to time(n) { RustBuffer.ByValue() },
        "`UniffiRustCallStatus.ByValue()` (one per call; holds a RustBuffer)" to time(n) { UniffiRustCallStatus.ByValue() },
        "`RustBuffer.alloc` + `free` (two calls: how a String argument crosses)" to
            time(n) { RustBuffer.free(RustBuffer.alloc(3UL)); 1 },
        "generated `lookupCode(\"rtc\", missing)` (a whole call, `null` back)" to time(n) { lookupCode("rtc", 999_999L) ?: 0 },
    )
    val base = rows[0].second
    val jvm = System.getProperty("java.vm.version")
    // Read at run time: Native.VERSION is a constant kotlinc inlines from the
    // JNA it compiled against, not the one on this run's class path.
    fun constant(name: String) = Native::class.java.getField(name).apply { isAccessible = true }.get(null)
    val jna = constant("VERSION")
    val jnaNative = constant("VERSION_NATIVE")
    val out = StringBuilder()
    out.append("\n## One call, piece by piece: $label\n\n")
    out.append("`tests/kotlin/CallCost.kt` under JNA $jna (native $jnaNative), JVM $jvm; ")
    out.append("best of 5 rounds of $n calls, in one JVM, after warm-up.\n\n")
    out.append("| piece | ns/op | × `HashMap.get` |\n|---|---:|---:|\n")
    for ((name, ns) in rows) out.append(String.format("| %s | %,.1f | %,.1f |\n", name, ns, ns / base))
    val direct = rows[1].second
    val status = rows[4].second
    val whole = rows.last().second
    out.append(String.format(
        "\nIn this run a call's own crossing (the direct call) is %.1f%% of a whole generated call; " +
            "constructing one status structure alone is %.1f%% of it.\n",
        100 * direct / whole, 100 * status / whole))
    print(out)
    File(report).appendText(out.toString())
}
