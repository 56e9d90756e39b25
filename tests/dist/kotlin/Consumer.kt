// A Kotlin program outside the repository, compiled and run with only the
// released jar, JNA and the Kotlin stdlib on the classpath, and no
// jna.library.path: JNA must find the native library inside the jar.
import errcat.*

fun main(args: Array<String>) {
    var passed = 0
    val e = Errcat.lookup("spaces", "RATE_LIMITED")
    check(e.code == 42901L && e.kindName == "resource_exhausted") { "lookup: $e" }
    passed++

    val body = """{"error":{"code":"RATE_LIMITED","message":"Slow down","retry_after_ms":1500}}""".toByteArray()
    val err = Errcat.decode("spaces", body)
    check(err.message == "Slow down" && err.symbol == "RATE_LIMITED") { "decode: ${err.message}" }
    passed++

    try {
        throw err
    } catch (x: SpacesException.RateLimited) {
        check(x.info.retryAfterMs == 1500UL) { "retryAfterMs: ${x.info.retryAfterMs}" }
        passed++
    }

    try {
        Errcat.lookup("spaces", "NO_SUCH_CODE")
        error("lookup of an unknown symbol did not throw")
    } catch (x: LookupException) {
        passed++
    }
    println("kotlin-consumer: $passed passed, 0 failed")
}
