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

    /* Bad input is a value, never a crash. */
    if (errcat_lookup_code("nope", 1) == NULL)
        printf("%s: %s\n", errcat_status_reason(errcat_last_error_status()), errcat_last_error_message());
    return 0;
}
