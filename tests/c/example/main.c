#include <errcat.h>
#include <stdio.h>
#include <string.h>

int main(void) {
    /* Look up a code: entries are static, nothing to free. */
    const errcat_entry *e = errcat_lookup_code("rtc", ERRCAT_RTC_USER_NOT_FOUND);
    printf("%s (%s, HTTP %u): %s\n", errcat_entry_symbol(e), errcat_entry_kind_name(e),
           (unsigned)errcat_entry_http_status(e), errcat_entry_message(e));

    /* Decode a server's error payload: the error is owned, free it. */
    const char *body = "{\"error\":{\"code\":\"RATE_LIMITED\",\"message\":\"Slow down\",\"retry_after_ms\":1500}}";
    errcat_error *err = NULL;
    errcat_status st = errcat_decode("spaces", (const uint8_t *)body, strlen(body), &err);
    if (st != ERRCAT_STATUS_OK) {
        fprintf(stderr, "decode failed (%s): %s\n", errcat_status_reason(st), errcat_last_error_message());
        return 1;
    }
    uint64_t ms = 0;
    if (errcat_error_kind(err) == ERRCAT_KIND_RESOURCE_EXHAUSTED && errcat_error_retry_after_ms(err, &ms))
        printf("%s: \"%s\", retry in %llu ms\n", errcat_error_symbol(err), errcat_error_message(err),
               (unsigned long long)ms);
    errcat_error_free(err);

    /* A code the table does not know is kept, not lost. */
    body = "{\"code\":9999,\"message\":\"from a newer server\"}";
    if (errcat_decode("rtc", (const uint8_t *)body, strlen(body), &err) == ERRCAT_STATUS_OK) {
        printf("unknown: %d, raw code %s: %s\n", errcat_error_is_unknown(err), errcat_error_raw_code(err),
               errcat_error_message(err));
        errcat_error_free(err);
    }

    /* Search every catalog's text: up to 4 hits, and how many there are. */
    const errcat_entry *hits[4];
    size_t total = 0;
    if (errcat_search("rate limit", hits, 4, &total) == ERRCAT_STATUS_OK && total > 0)
        printf("search \"rate limit\": %zu hits, first %s in %s\n", total, errcat_entry_symbol(hits[0]),
               errcat_catalog_id(errcat_entry_catalog(hits[0])));

    /* The error of a documented entry, as if the server had sent it. */
    if (errcat_error_for("spaces", "rate-limited", &err) == ERRCAT_STATUS_OK) {
        printf("error_for: %s, HTTP %u\n", errcat_error_symbol(err), (unsigned)errcat_error_http_status(err));
        errcat_error_free(err);
    }

    /* A catalog of your own, from text (or a file: errcat_load_catalog). */
    const char *toml = "[catalog]\nid = \"acme\"\nname = \"Acme\"\nwire = \"int\"\n"
                       "[[category]]\nid = \"general\"\nname = \"General\"\n"
                       "[[entry]]\ncode = 7\nsymbol = \"JAMMED\"\nmessage = \"The machine is jammed.\"\n"
                       "category = \"general\"\nkind = \"unavailable\"\n";
    errcat_catalog *acme = NULL;
    if (errcat_parse_catalog((const uint8_t *)toml, strlen(toml), ERRCAT_FORMAT_TOML, &acme) == ERRCAT_STATUS_OK) {
        body = "{\"code\":7}";
        if (errcat_catalog_decode(acme, (const uint8_t *)body, strlen(body), &err) == ERRCAT_STATUS_OK) {
            printf("acme %s: %s\n", errcat_error_symbol(err), errcat_error_message(err));
            errcat_error_free(err);
        }
        errcat_catalog_free(acme); /* entries of acme are gone with it */
    }

    /* Bad input is a value, never a crash. */
    if (errcat_lookup_code("nope", 1) == NULL)
        printf("%s: %s\n", errcat_status_reason(errcat_last_error_status()), errcat_last_error_message());
    return 0;
}
