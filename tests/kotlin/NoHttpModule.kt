// A program that never uses java.net.http works without that module: run by
// scripts/test-kotlin.sh on a JVM started with --limit-modules (java.base and
// java.logging, which JNA uses), so `object Errcat`, whose fromResponse and
// throwForResponse name java.net.http.HttpResponse, must load, decode and
// decode responses there. Prints "kotlin-no-http-module: N passed, M failed".

package errcattest

import errcat.*
import java.io.File

internal fun noHttpModuleMain(dir: File) {
    case("java.net.http is absent from this JVM") {
        eq("module", false, ModuleLayer.boot().findModule("java.net.http").isPresent)
        try {
            Class.forName("java.net.http.HttpClient")
            throw Mismatch("java.net.http.HttpClient loaded")
        } catch (e: ClassNotFoundException) {
        }
    }
    case("Errcat works without it") {
        eq("decode", "RateLimited", Errcat.decode("spaces", """{"error":{"code":"RATE_LIMITED"}}""").javaClass.simpleName)
        eq("lookup", "RATE_LIMITED", Errcat.lookup("spaces", "rate-limited").symbol)
        eq("2xx", null, Errcat.decodeResponse("spaces", 200, emptyMap(), ByteArray(0)))
    }
    val n = runResponseVectors(File(dir, "http.json"))
    println("http.json: $n vectors without java.net.http")
    println("kotlin-no-http-module: $passed passed, $failed failed")
    if (failed != 0 || passed == 0) kotlin.system.exitProcess(1)
}
