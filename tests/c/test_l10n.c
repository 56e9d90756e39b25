/* Localized messages: the built-in en-XA pseudo-locale, locale fallback,
 * the buffer rule, overlays registered at run time, and bad input. */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "errcat.h"

static int starts_with(const char *s, const char *p) { return strncmp(s, p, strlen(p)) == 0; }

int main(void) {
    char buf[512];
    const errcat_entry *e = errcat_lookup("spaces", "RATE_LIMITED");
    CHECK(e != NULL);

    /* The pseudo-locale: accented, bracketed, longer. */
    size_t n = errcat_entry_localized_message(e, "en-XA", buf, sizeof buf);
    CHECK_MSG(starts_with(buf, "[\xC5\x94\xC3\xA5\xC5\xA3\xC3\xA9"), "en-XA: %s", buf); /* "[Ŕåţé" */
    CHECK(n == strlen(buf) && n > strlen(errcat_entry_message(e)) * 14 / 10);

    /* English, an unknown locale, NULL and "" give the base text. */
    const char *base[] = {"en-US", "fr", "", NULL, "??,en-GB,en-XA"};
    for (size_t i = 0; i < sizeof base / sizeof base[0]; i++) {
        errcat_entry_localized_message(e, base[i], buf, sizeof buf);
        CHECK_STR(buf, errcat_entry_message(e), base[i] ? base[i] : "(null)");
    }

    /* The buffer rule: the whole length comes back; a short buffer gets a
     * NUL-terminated prefix cut at a character boundary. */
    size_t whole = errcat_entry_localized_message(e, "en-XA", NULL, 0);
    CHECK(whole == n);
    char small[6];
    CHECK(errcat_entry_localized_message(e, "en-XA", small, sizeof small) == whole);
    CHECK_MSG(strcmp(small, "[\xC5\x94\xC3\xA5") == 0, "cut: %s", small); /* 5 bytes: "[Ŕå" */
    char tiny[1] = {'x'};
    CHECK(errcat_entry_localized_message(e, "en-XA", tiny, 1) == whole && tiny[0] == 0);

    /* A run-time overlay, found through pt-BR -> pt. */
    const char *pt = "[overlay]\ncatalog = \"spaces\"\nlocale = \"pt\"\n\n"
                     "[entry.RATE_LIMITED]\nmessage = \"Limite excedido.\"\n";
    CHECK(errcat_register_overlay((const uint8_t *)pt, strlen(pt), ERRCAT_FORMAT_TOML) == ERRCAT_STATUS_OK);
    errcat_entry_localized_message(e, "pt-BR", buf, sizeof buf);
    CHECK_STR(buf, "Limite excedido.", "pt-BR");

    /* A decoded error: the translation wins over the server's text. */
    const char *payload = "{\"error\":{\"code\":\"RATE_LIMITED\",\"message\":\"slow down\"}}";
    errcat_error *err = NULL;
    CHECK(errcat_decode("spaces", (const uint8_t *)payload, strlen(payload), &err) == ERRCAT_STATUS_OK);
    errcat_error_localized_message(err, "pt", buf, sizeof buf);
    CHECK_STR(buf, "Limite excedido.", "error pt");
    errcat_error_localized_message(err, "de", buf, sizeof buf);
    CHECK_STR(buf, "slow down", "error de");
    errcat_error_localized_message(err, "en-XA", buf, sizeof buf);
    CHECK(starts_with(buf, "[\xC5\x94"));
    errcat_error_free(err);

    /* Bad overlays change nothing and say why. */
    const char *bad[] = {
        "[overlay]\ncatalog = \"spaces\"\nlocale = \"pt\"\n[entry.NO_SUCH]\nmessage = \"x\"\n",
        "[overlay]\ncatalog = \"spaces\"\nlocale = \"pt\"\n[entry.RATE_LIMITED]\nmessage = \"\"\n",
        "[overlay]\ncatalog = \"spaces\"\nlocale = \"pt\"\n[entry.RATE_LIMITED]\nmessage = \"{n} x\"\n",
        "[overlay]\ncatalog = \"nope\"\nlocale = \"pt\"\n",
        "not toml [",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK(errcat_register_overlay((const uint8_t *)bad[i], strlen(bad[i]), ERRCAT_FORMAT_TOML) ==
              ERRCAT_STATUS_INVALID_CATALOG);
        CHECK(errcat_last_error_status() == ERRCAT_STATUS_INVALID_CATALOG);
        CHECK(strlen(errcat_last_error_message()) > 0);
    }
    errcat_entry_localized_message(e, "pt", buf, sizeof buf);
    CHECK_STR(buf, "Limite excedido.", "unchanged after bad overlays");
    CHECK(errcat_register_overlay(NULL, 5, ERRCAT_FORMAT_TOML) == ERRCAT_STATUS_NULL_ARGUMENT);
    CHECK(errcat_register_overlay((const uint8_t *)pt, strlen(pt), 7) == ERRCAT_STATUS_INVALID_ARGUMENT);

    /* NULL entry or error: 0 and a NULL-argument status. */
    CHECK(errcat_entry_localized_message(NULL, "en-XA", buf, sizeof buf) == 0);
    CHECK(errcat_last_error_status() == ERRCAT_STATUS_NULL_ARGUMENT);
    CHECK(errcat_error_localized_message(NULL, "en-XA", buf, sizeof buf) == 0);

    /* Cleared: back to the base text, nothing left allocated. */
    errcat_clear_overlays();
    errcat_entry_localized_message(e, "pt", buf, sizeof buf);
    CHECK_STR(buf, errcat_entry_message(e), "after clear");
    errcat_clear_last_error();

    return check_summary("test_l10n");
}
