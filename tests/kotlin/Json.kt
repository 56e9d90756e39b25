// A small JSON reader for the test vectors (no Maven here, so no library).
// Values: null, Boolean, Long (integers), Double (other numbers), String,
// List<Any?>, Map<String, Any?> (insertion order kept).

package errcattest

class JsonError(message: String) : Exception(message)

class JsonReader(private val s: String) {
    private var i = 0

    fun parseDocument(): Any? {
        val v = value()
        ws()
        if (i != s.length) fail("trailing data")
        return v
    }

    private fun fail(what: String): Nothing = throw JsonError("$what at offset $i")

    private fun ws() {
        while (i < s.length && (s[i] == ' ' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t')) i++
    }

    private fun value(): Any? {
        ws()
        if (i >= s.length) fail("unexpected end")
        return when (s[i]) {
            '{' -> obj()
            '[' -> arr()
            '"' -> str()
            't' -> lit("true", true)
            'f' -> lit("false", false)
            'n' -> lit("null", null)
            else -> num()
        }
    }

    private fun lit(word: String, v: Any?): Any? {
        if (!s.startsWith(word, i)) fail("bad literal")
        i += word.length
        return v
    }

    private fun obj(): Map<String, Any?> {
        val m = LinkedHashMap<String, Any?>()
        i++
        ws()
        if (i < s.length && s[i] == '}') { i++; return m }
        while (true) {
            ws()
            if (i >= s.length || s[i] != '"') fail("expected a key")
            val k = str()
            ws()
            if (i >= s.length || s[i] != ':') fail("expected ':'")
            i++
            m[k] = value()
            ws()
            if (i >= s.length) fail("unexpected end")
            when (s[i]) {
                ',' -> i++
                '}' -> { i++; return m }
                else -> fail("expected ',' or '}'")
            }
        }
    }

    private fun arr(): List<Any?> {
        val l = ArrayList<Any?>()
        i++
        ws()
        if (i < s.length && s[i] == ']') { i++; return l }
        while (true) {
            l.add(value())
            ws()
            if (i >= s.length) fail("unexpected end")
            when (s[i]) {
                ',' -> i++
                ']' -> { i++; return l }
                else -> fail("expected ',' or ']'")
            }
        }
    }

    private fun str(): String {
        i++
        val b = StringBuilder()
        while (true) {
            if (i >= s.length) fail("unterminated string")
            val c = s[i++]
            when {
                c == '"' -> return b.toString()
                c == '\\' -> {
                    if (i >= s.length) fail("bad escape")
                    when (val e = s[i++]) {
                        '"' -> b.append('"')
                        '\\' -> b.append('\\')
                        '/' -> b.append('/')
                        'b' -> b.append('\b')
                        'f' -> b.append('\u000c')
                        'n' -> b.append('\n')
                        'r' -> b.append('\r')
                        't' -> b.append('\t')
                        'u' -> {
                            if (i + 4 > s.length) fail("bad \\u escape")
                            b.append(s.substring(i, i + 4).toInt(16).toChar())
                            i += 4
                        }
                        else -> fail("bad escape \\$e")
                    }
                }
                c < ' ' -> fail("control character in string")
                else -> b.append(c)
            }
        }
    }

    private fun num(): Any {
        val start = i
        if (i < s.length && s[i] == '-') i++
        while (i < s.length && (s[i].isDigit() || s[i] in ".eE+-")) i++
        val t = s.substring(start, i)
        if (t.isEmpty() || t == "-") fail("bad value")
        return if (t.any { it in ".eE" }) t.toDouble() else t.toLongOrNull() ?: fail("integer out of range: $t")
    }
}

fun parseJson(text: String): Any? = JsonReader(text).parseDocument()
