// Localized messages (issue 16) through the Kotlin API: the shared vectors of
// tests/vectors/l10n.json, en-XA for every built-in entry (looked up and as an
// error), locale fallback from a java.util.Locale, getLocalizedMessage under
// Locale.setDefault, registering, replacing and clearing overlays, and bad
// overlays. Its own JVM (scripts/test-kotlin.sh step l10n), since it changes
// the default locale and the registered overlays. Prints
// "kotlin-l10n: N passed, M failed".

package errcattest

import errcat.*
import java.io.File
import java.util.Locale

private val XA: Locale = Locale.forLanguageTag("en-XA")
private val PT_BR: Locale = Locale.forLanguageTag("pt-BR")

private const val RTC_BASE = "Attempting to execute request before joining the Session; Addressing client that is not in the Session"

private fun ptOverlay(message: String, locale: String = "pt") = """
[overlay]
catalog = "rtc"
locale = "$locale"

[entry.userNotFound]
message = "$message"
""".trimIndent()

/** A vector's locale strings as an app would hold them: Locales (`en_xa` written the Java way). */
private fun locales(v: Any?): List<Locale> =
    (v as List<*>).map { Locale.forLanguageTag((it as String).replace('_', '-')) }

private fun expectLoadFailure(what: String, vararg words: String, body: () -> Unit) {
    try {
        body()
        throw Mismatch("$what: no CatalogLoadException")
    } catch (e: CatalogLoadException) {
        for (w in words) ensure("$what: the message names $w: ${e.message}", e.message?.contains(w) == true)
    }
}

private fun runSharedVectors(file: File) {
    val doc = obj(parseJson(file.readText()))
    var n = 0
    for (raw in doc["localized"] as List<*>) {
        val c = obj(raw)
        val expect = obj(c["expect"])
        case("l10n.json localized: ${c["name"]}") {
            val cat = c["catalog"] as String
            val prefs = locales(c["locales"])
            val entry = Errcat.lookup(cat, c["query"] as String)
            eq("entry message", expect["message"], entry.localizedMessage(prefs))
            val err = Errcat.errorFor(cat, c["query"] as String)
            val t = err.localized(prefs) ?: throw Mismatch("no texts")
            eq("locale", expect["locale"], t.locale)
            eq("texts message", expect["message"], t.message)
            eq("error message", expect["message"], err.localizedMessage(prefs))
            eq("doc_url", expect["doc_url"], entry.docUrl)
            eq("deprecated", expect["deprecated"], entry.deprecated)
            if ("replaced_by" in expect) eq("replaced_by", expect["replaced_by"], entry.deprecation?.replacedBy)
        }
        n++
    }
    for (raw in doc["localized_decodes"] as List<*>) {
        val c = obj(raw)
        val expect = obj(c["expect"])
        case("l10n.json localized_decodes: ${c["name"]}") {
            val e = Errcat.decode(c["catalog"] as String, c["payload"] as String)
            eq("message", expect["message"], e.localizedMessage(locales(c["locales"])))
            if ("deprecated" in expect) {
                eq("deprecated", expect["deprecated"], Errcat.lookupCode(e.catalog, e.code)?.deprecated)
            }
        }
        n++
    }
    case("l10n.json has cases ($n)") { ensure("no cases", n > 0) }
}

private fun runEveryEntry() {
    case("en-XA for every built-in entry: looked up, as an error, decoded") {
        var n = 0
        for (cat in Errcat.catalogs()) {
            for (entry in Errcat.catalogEntries(cat.id)) {
                val what = "${cat.id} ${entry.symbol}"
                val xa = entry.localizedMessage(XA)
                ensure("$what: bracketed: $xa", xa.startsWith("[") && xa.endsWith("]"))
                ensure("$what: not the base text", xa != entry.message)
                ensure("$what: about 40% longer", xa.length >= entry.message.length * 14 / 10)
                ensure("$what: no ASCII letter of the base left in the first word",
                    xa.drop(1).takeWhile { it != ' ' }.none { it in 'a'..'z' || it in 'A'..'Z' })
                val err = Errcat.errorFor(cat.id, entry.code.toString())
                eq("$what: the error's", xa, err.localizedMessage(XA))
                val t = err.localized(XA) ?: throw Mismatch("$what: no texts")
                eq("$what: locale", "en-XA", t.locale)
                eq("$what: causes", entry.causes.size, t.causes.size)
                eq("$what: reaction", entry.reaction != null, t.reaction != null)
                eq("$what: minor codes", entry.minorCodes.map { it.code }, t.minorCodes.map { it.code })
                for ((m, lm) in entry.minorCodes.zip(t.minorCodes)) {
                    eq("$what minor ${m.code}: detail", m.detail != null, lm.detail != null)
                    if (m.detail != null) ensure("$what minor ${m.code}: detail translated", lm.detail != m.detail)
                }
                eq("$what: en-US", entry.message, entry.localizedMessage(Locale.US))
                n++
            }
        }
        ensure("entries seen ($n)", n > 100)
    }
    case("en-XA for a decoded error: the translation wins over the server's text") {
        val e = Errcat.decode("rtc", """{"code":102,"message":"User not found"}""")
        eq("class", RtcException.UserNotFound::class.java, e.javaClass)
        eq("message", "User not found", e.message)
        val xa = e.localizedMessage(XA)
        eq("en-XA", Errcat.lookup("rtc", "102").localizedMessage(XA), xa)
        ensure("pseudo-localized: $xa", xa.startsWith("[Åţţéɱþţîñĝ"))
        eq("en-US keeps the server's text", "User not found", e.localizedMessage(Locale.US))
        eq("en-US texts are the base", null, e.localized(Locale.US)?.locale)
        eq("German (no overlay) keeps the server's text", "User not found", e.localizedMessage(Locale.GERMAN))
        eq("the root locale keeps the server's text", "User not found", e.localizedMessage(Locale.ROOT))
        eq("no preference keeps the server's text", "User not found", e.localizedMessage(emptyList()))
        eq("message unchanged", "User not found", e.message)
    }
    case("a minor code's texts in en-XA (messenger)") {
        val e = Errcat.decode("messenger", """{"major":203,"minor":32}""")
        val t = e.localized(XA) ?: throw Mismatch("no texts")
        val base = Errcat.lookupCode("messenger", 203)!!
        eq("minor codes", base.minorCodes.map { it.code }, t.minorCodes.map { it.code })
        ensure("details translated", t.minorCodes.all { it.detail == null || it.detail!!.startsWith("[") })
    }
    case("unknown codes and errors typed from a status have no translation") {
        val u = Errcat.decode("spaces", """{"error":{"code":"NEW_THING","message":"new"}}""")
        eq("texts", null, u.localized(XA))
        eq("message", "new", u.localizedMessage(XA))
        val s = Errcat.decodeResponse("rtc", 503, emptyMap(), "<html/>".toByteArray()) ?: throw Mismatch("no error")
        ensure("from status", s.isFromStatus)
        eq("status texts", null, s.localized(XA))
        eq("status message", s.message, s.localizedMessage(XA))
    }
    case("a user catalog's errors and entries keep their own text, even under a built-in id") {
        Errcat.parseCatalog(USER_TOML, CatalogFormat.TOML, "acme.toml").use { acme ->
            val e = Errcat.decode(acme, """{"code":"TOKEN_EXPIRED"}""".toByteArray())
            eq("texts", null, e.localized(XA))
            eq("message", "The token has expired.", e.localizedMessage(XA))
            eq("entry", "The token has expired.", acme.lookup("TOKEN_EXPIRED").localizedMessage(XA))
        }
        val clash = USER_TOML.replace("id = \"acme\"", "id = \"spaces\"")
            .replace("code = 1\nsymbol = \"TOKEN_EXPIRED\"", "code = 42901\nsymbol = \"RATE_LIMITED\"")
        Errcat.parseCatalog(clash, CatalogFormat.TOML, "spaces.toml").use { mine ->
            val entry = mine.lookup("RATE_LIMITED")
            eq("catalog id", "spaces", entry.catalog)
            eq("entry", "The token has expired.", entry.localizedMessage(XA))
            val e = Errcat.decode(mine, """{"code":"RATE_LIMITED"}""".toByteArray())
            eq("error", "The token has expired.", e.localizedMessage(XA))
        }
    }
}

private fun runOverlays() {
    Errcat.clearOverlays()
    case("pt-BR falls back to a registered pt overlay") {
        Errcat.registerOverlay(ptOverlay("O usuário não está na sessão."))
        val entry = Errcat.lookup("rtc", "userNotFound")
        eq("entry", "O usuário não está na sessão.", entry.localizedMessage(PT_BR))
        eq("Locale(pt, BR)", "O usuário não está na sessão.", entry.localizedMessage(Locale("pt", "BR")))
        eq("with extensions", "O usuário não está na sessão.", entry.localizedMessage(Locale.forLanguageTag("pt-BR-u-nu-latn")))
        val e = Errcat.decode("rtc", """{"code":102,"message":"User not found"}""")
        eq("error wins over the server's text", "O usuário não está na sessão.", e.localizedMessage(PT_BR))
        val t = e.localized(PT_BR) ?: throw Mismatch("no texts")
        eq("locale", "pt", t.locale)
        eq("untranslated causes stay the base's", Errcat.lookup("rtc", "102").causes, t.causes)
        eq("en-US gives the base text", RTC_BASE, entry.localizedMessage(Locale.US))
        eq("an entry it does not translate", Errcat.lookup("rtc", "101").message, Errcat.lookup("rtc", "101").localizedMessage(PT_BR))
        eq("a list: the first that applies", "O usuário não está na sessão.", entry.localizedMessage(listOf(Locale.GERMAN, PT_BR, XA)))
        eq("a list: English first stops at the base", RTC_BASE, entry.localizedMessage(listOf(Locale.UK, PT_BR)))
    }
    case("replace: the same catalog and locale again; a pt-BR overlay beats pt") {
        Errcat.registerOverlay(ptOverlay("Usuário fora da sessão."))
        val entry = Errcat.lookup("rtc", "userNotFound")
        eq("replaced", "Usuário fora da sessão.", entry.localizedMessage(PT_BR))
        Errcat.registerOverlay(
            """{"overlay":{"catalog":"rtc","locale":"pt-BR"},"entry":{"userNotFound":{"message":"Você não está na sessão."}}}""",
            CatalogFormat.JSON,
        )
        eq("pt-BR", "Você não está na sessão.", entry.localizedMessage(PT_BR))
        eq("pt", "Usuário fora da sessão.", entry.localizedMessage(Locale.forLanguageTag("pt-PT")))
    }
    case("getLocalizedMessage follows Locale.setDefault") {
        val saved = Locale.getDefault()
        try {
            val e = Errcat.decode("rtc", """{"code":102,"message":"User not found"}""")
            Locale.setDefault(XA)
            eq("en-XA", e.localizedMessage(XA), e.localizedMessage)
            ensure("toString uses it", e.toString().endsWith(": " + e.localizedMessage(XA)))
            eq("entry default", Errcat.lookup("rtc", "102").localizedMessage(XA), Errcat.lookup("rtc", "102").localizedMessage())
            Locale.setDefault(PT_BR)
            eq("pt-BR", "Você não está na sessão.", e.localizedMessage)
            Locale.setDefault(Locale.US)
            eq("en-US: the server's text", "User not found", e.localizedMessage)
            eq("entry en-US", RTC_BASE, Errcat.lookup("rtc", "102").localizedMessage())
            eq("message never changes", "User not found", e.message)
        } finally {
            Locale.setDefault(saved)
        }
        eq("restored", saved, Locale.getDefault())
    }
    case("bad overlays are clear errors that change nothing") {
        val entry = Errcat.lookup("rtc", "userNotFound")
        val before = entry.localizedMessage(PT_BR)
        expectLoadFailure("unknown symbol", "noSuchSymbol") {
            Errcat.registerOverlay(ptOverlay("x").replace("userNotFound", "noSuchSymbol"))
        }
        expectLoadFailure("placeholder", "placeholder") { Errcat.registerOverlay(ptOverlay("Olá {name}")) }
        expectLoadFailure("empty text", "empty") { Errcat.registerOverlay(ptOverlay(" ")) }
        expectLoadFailure("unknown catalog", "nope") {
            Errcat.registerOverlay(ptOverlay("x").replace("catalog = \"rtc\"", "catalog = \"nope\""))
        }
        expectLoadFailure("the pseudo-locale", "en-XA") { Errcat.registerOverlay(ptOverlay("x", "en-XA")) }
        expectLoadFailure("bad locale", "locale") { Errcat.registerOverlay(ptOverlay("x", "pt BR")) }
        expectLoadFailure("invalid TOML", "TOML") { Errcat.registerOverlay("[overlay") }
        expectLoadFailure("JSON read as TOML", "TOML") {
            Errcat.registerOverlay("""{"overlay":{"catalog":"rtc","locale":"pt"}}""")
        }
        expectLoadFailure("invalid JSON", "JSON") { Errcat.registerOverlay("{", CatalogFormat.JSON) }
        expectLoadFailure("unknown field", "unknown field") {
            Errcat.registerOverlay(ptOverlay("x") + "\nsubtitle = \"y\"")
        }
        expectLoadFailure("huge", "limit") {
            Errcat.registerOverlay(ptOverlay("x") + "\n# " + "a".repeat(9 * 1024 * 1024))
        }
        // A bad overlay for a new locale registers nothing either.
        expectLoadFailure("bad new locale", "noSuchSymbol") {
            Errcat.registerOverlay(ptOverlay("Hallo").replace("userNotFound", "noSuchSymbol").replace("\"pt\"", "\"de\""))
        }
        eq("unchanged", before, entry.localizedMessage(PT_BR))
        eq("no German", RTC_BASE, entry.localizedMessage(Locale.GERMAN))
        eq("en-XA still built in", true, entry.localizedMessage(XA).startsWith("["))
    }
    case("clearOverlays drops every registered overlay, not en-XA") {
        Errcat.clearOverlays()
        val entry = Errcat.lookup("rtc", "userNotFound")
        eq("pt-BR", RTC_BASE, entry.localizedMessage(PT_BR))
        eq("error", "User not found", Errcat.decode("rtc", """{"code":102,"message":"User not found"}""").localizedMessage(PT_BR))
        eq("texts locale", null, Errcat.errorFor("rtc", "102").localized(PT_BR)?.locale)
        ensure("en-XA", entry.localizedMessage(XA).startsWith("[Åţţéɱþţîñĝ"))
        Errcat.clearOverlays()
        eq("twice is fine", RTC_BASE, entry.localizedMessage(PT_BR))
    }
    case("README: Localized messages") {
        eq("portuguese", "O usuário não está na sessão.", portugueseMessage())
        Errcat.clearOverlays()
    }
}

internal fun l10nMain(dir: File) {
    runSharedVectors(File(dir, "l10n.json"))
    runEveryEntry()
    runOverlays()
    println("kotlin-l10n: $passed passed, $failed failed")
    if (failed != 0 || passed == 0) kotlin.system.exitProcess(1)
}
