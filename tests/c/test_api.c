/* The C API beyond the vectors: iteration, every generated constant, and
 * bad input of every kind (NULL, invalid UTF-8, unknown catalog, oversized
 * length), which must give NULL/false/a status, never a crash. */

#include <ctype.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "codes_table.h"
#include "errcat.h"

static const char *const IDS[] = {"securechat", "messenger", "spaces", "rtc", "chatapi"};

/* The documented C name rule, recomputed here from the entry's type name. */
static void expected_c_name(const char *catalog, const char *type_name, char *out, size_t cap) {
    size_t o = (size_t)snprintf(out, cap, "ERRCAT_");
    for (const char *p = catalog; *p && o + 1 < cap; p++) out[o++] = (char)toupper((unsigned char)*p);
    for (const char *p = type_name; *p && o + 2 < cap; p++) {
        if (isupper((unsigned char)*p)) out[o++] = '_';
        out[o++] = (char)toupper((unsigned char)*p);
    }
    out[o] = 0;
}

static void test_catalogs_and_entries(void) {
    CHECK_INT(errcat_catalog_count(), 5, "catalog count");
    size_t total = 0;
    for (size_t c = 0; c < errcat_catalog_count(); c++) {
        const errcat_catalog *cat = errcat_catalog_at(c);
        CHECK(cat != NULL);
        CHECK_STR(errcat_catalog_id(cat), IDS[c], "catalog order");
        CHECK(errcat_catalog_get(IDS[c]) == cat);
        CHECK(errcat_catalog_name(cat) != NULL && errcat_catalog_name(cat)[0] != 0);
        CHECK(errcat_catalog_domain(cat) != NULL && strncmp(errcat_catalog_domain(cat), "errcat.", 7) == 0);
        const char *wire = errcat_catalog_wire(cat);
        CHECK(str_eq(wire, "int") || str_eq(wire, "string") || str_eq(wire, "major_minor"));
        size_t n = errcat_catalog_entry_count(cat);
        CHECK(n > 0);
        total += n;
        CHECK(errcat_catalog_entry_at(cat, n) == NULL);
        CHECK(errcat_last_error_status() == ERRCAT_STATUS_INVALID_ARGUMENT);
        for (size_t i = 0; i < n; i++) {
            const errcat_entry *e = errcat_catalog_entry_at(cat, i);
            char ctx[128];
            snprintf(ctx, sizeof ctx, "%s entry %zu", IDS[c], i);
            CHECK(e != NULL);
            CHECK(errcat_entry_catalog(e) == cat);
            CHECK(errcat_lookup_code(IDS[c], errcat_entry_code(e)) == e);
            CHECK(errcat_catalog_lookup_code(cat, errcat_entry_code(e)) == e);
            CHECK(errcat_lookup_symbol(IDS[c], errcat_entry_symbol(e)) == e);
            CHECK(errcat_lookup(IDS[c], errcat_entry_symbol(e)) == e);
            CHECK(errcat_entry_message(e) != NULL);
            CHECK(errcat_entry_category(e) != NULL && errcat_entry_category_name(e) != NULL);
            CHECK_STR(errcat_entry_kind_name(e), errcat_kind_name(errcat_entry_kind(e)), ctx);
            CHECK(errcat_entry_http_status(e) >= 100 && errcat_entry_http_status(e) <= 599);
            /* Aliases find the entry too; lists end with NULL. */
            for (size_t a = 0; a < errcat_entry_alias_count(e); a++)
                CHECK(errcat_lookup_symbol(IDS[c], errcat_entry_alias_at(e, a)) == e);
            CHECK(errcat_entry_alias_at(e, errcat_entry_alias_count(e)) == NULL);
            for (size_t k = 0; k < errcat_entry_cause_count(e); k++) CHECK(errcat_entry_cause_at(e, k) != NULL);
            CHECK(errcat_entry_cause_at(e, errcat_entry_cause_count(e)) == NULL);
            for (size_t m = 0; m < errcat_entry_minor_code_count(e); m++) {
                int64_t code = -12345;
                const char *detail = "unset", *reaction = "unset";
                CHECK(errcat_entry_minor_code_at(e, m, &code, &detail, &reaction));
                CHECK(code != -12345 && str_eq(detail, errcat_entry_minor_detail(e, code)));
                CHECK(reaction == NULL || reaction[0] != 0);
            }
            CHECK(!errcat_entry_minor_code_at(e, errcat_entry_minor_code_count(e), NULL, NULL, NULL));
            CHECK(errcat_entry_deprecated(e) || (errcat_entry_deprecated_since(e) == NULL &&
                                                  errcat_entry_replaced_by(e) == NULL));
        }
    }
    CHECK(errcat_catalog_at(5) == NULL);
    CHECK(errcat_last_error_status() == ERRCAT_STATUS_INVALID_ARGUMENT);
    CHECK_INT(total, CODES_TABLE_LEN, "entries = generated constants");
}

static void test_generated_constants(void) {
    for (size_t i = 0; i < CODES_TABLE_LEN; i++) {
        const struct codes_table_row *r = &CODES_TABLE[i];
        const errcat_entry *e = errcat_lookup_code(r->catalog, r->value);
        CHECK_MSG(e != NULL, "%s = %" PRId64 " is no code of %s", r->name, r->value, r->catalog);
        if (!e) continue;
        CHECK_STR(errcat_entry_symbol(e), r->symbol, r->name);
        char want[256];
        expected_c_name(r->catalog, errcat_entry_type_name(e), want, sizeof want);
        CHECK_STR(r->name, want, "C name rule");
    }
    /* The examples of the naming rule. */
    CHECK_INT(ERRCAT_RTC_USER_NOT_FOUND, 102, "ERRCAT_RTC_USER_NOT_FOUND");
    CHECK_STR(errcat_entry_symbol(errcat_lookup_code("spaces", ERRCAT_SPACES_TWO_FA_REQUIRED)), "2FA_REQUIRED", "2FA");
    CHECK_STR(errcat_entry_symbol(errcat_lookup_code("messenger", ERRCAT_MESSENGER_FILE_UPLOAD_OPTION_BAD_PAYLOAD)),
              "FILE_UPLOAD_OPTION_BAD_PAYLOAD.", "trailing dot");
    CHECK_INT(ERRCAT_KIND_OK, 0, "kind ok");
    CHECK_INT(ERRCAT_KIND_UNAUTHENTICATED, 16, "kind unauthenticated");
    CHECK_INT(ERRCAT_STATUS_OK, 0, "status ok");
}

static void test_kinds_and_statuses(void) {
    for (int k = 0; k <= 16; k++) {
        CHECK(errcat_kind_name(k) != NULL);
        CHECK(errcat_kind_http_status(k) >= 200);
    }
    CHECK_STR(errcat_kind_name(ERRCAT_KIND_NOT_FOUND), "not_found", "kind name");
    CHECK_INT(errcat_kind_http_status(ERRCAT_KIND_NOT_FOUND), 404, "kind http");
    CHECK(errcat_kind_name(-1) == NULL && errcat_kind_name(17) == NULL);
    CHECK(errcat_kind_http_status(17) == 0);
    const char *reasons[] = {"ok", "null_argument", "invalid_argument", "unknown_catalog", "unknown_code", "too_large",
                             "empty", "invalid_utf8", "malformed", "missing_code", "internal", "invalid_catalog"};
    for (int s = 0; s <= ERRCAT_STATUS_INVALID_CATALOG; s++) CHECK_STR(errcat_status_reason(s), reasons[s], "reason");
    CHECK(errcat_status_reason(-1) == NULL && errcat_status_reason(ERRCAT_STATUS_INVALID_CATALOG + 1) == NULL);
}

static void test_null_arguments(void) {
    errcat_clear_last_error();
    CHECK(errcat_last_error_status() == ERRCAT_STATUS_OK && errcat_last_error_message() == NULL);
    CHECK(errcat_lookup_code(NULL, 102) == NULL);
    CHECK(errcat_last_error_status() == ERRCAT_STATUS_NULL_ARGUMENT);
    CHECK(errcat_last_error_message() != NULL);
    errcat_clear_last_error();
    CHECK(errcat_lookup_symbol(NULL, "userNotFound") == NULL);
    CHECK(errcat_lookup_symbol("rtc", NULL) == NULL);
    CHECK(errcat_last_error_status() == ERRCAT_STATUS_NULL_ARGUMENT);
    CHECK(errcat_lookup(NULL, "102") == NULL && errcat_lookup("rtc", NULL) == NULL);
    CHECK(errcat_catalog_get(NULL) == NULL);
    CHECK(errcat_catalog_lookup_code(NULL, 102) == NULL);
    CHECK(errcat_catalog_entry_at(NULL, 0) == NULL);

    /* Every accessor of a NULL catalog, entry or error gives its empty value. */
    CHECK(errcat_catalog_id(NULL) == NULL && errcat_catalog_name(NULL) == NULL && errcat_catalog_domain(NULL) == NULL);
    CHECK(errcat_catalog_wire(NULL) == NULL && errcat_catalog_description(NULL) == NULL);
    CHECK(errcat_catalog_entry_count(NULL) == 0);
    CHECK(errcat_entry_code(NULL) == 0 && errcat_entry_symbol(NULL) == NULL && errcat_entry_message(NULL) == NULL);
    CHECK(errcat_entry_type_name(NULL) == NULL && errcat_entry_category(NULL) == NULL);
    CHECK(errcat_entry_category_name(NULL) == NULL && errcat_entry_kind(NULL) == ERRCAT_KIND_UNKNOWN);
    CHECK(errcat_entry_kind_name(NULL) == NULL && errcat_entry_http_status(NULL) == 0);
    CHECK(!errcat_entry_retryable(NULL) && !errcat_entry_wait_required(NULL) && !errcat_entry_server_only(NULL));
    CHECK(!errcat_entry_deprecated(NULL) && errcat_entry_deprecated_since(NULL) == NULL);
    CHECK(errcat_entry_replaced_by(NULL) == NULL && errcat_entry_deprecation_note(NULL) == NULL);
    CHECK(errcat_entry_reaction(NULL) == NULL && errcat_entry_request(NULL) == NULL && errcat_entry_doc_url(NULL) == NULL);
    CHECK(errcat_entry_catalog(NULL) == NULL && errcat_entry_cause_count(NULL) == 0);
    CHECK(errcat_entry_alias_count(NULL) == 0 && errcat_entry_minor_code_count(NULL) == 0);
    CHECK(errcat_entry_cause_at(NULL, 0) == NULL && errcat_entry_alias_at(NULL, 0) == NULL);
    CHECK(!errcat_entry_minor_code_at(NULL, 0, NULL, NULL, NULL) && errcat_entry_minor_detail(NULL, 1) == NULL);
    int64_t i64 = 7;
    uint64_t u64 = 7;
    errcat_user_info info;
    CHECK(errcat_error_catalog(NULL) == NULL && errcat_error_entry(NULL) == NULL && !errcat_error_is_unknown(NULL));
    CHECK(errcat_error_code(NULL) == 0 && errcat_error_symbol(NULL) == NULL);
    CHECK(errcat_error_kind(NULL) == ERRCAT_KIND_UNKNOWN && errcat_error_kind_name(NULL) == NULL);
    CHECK(errcat_error_http_status(NULL) == 0 && !errcat_error_retryable(NULL));
    CHECK(errcat_error_message(NULL) == NULL && errcat_error_message_len(NULL) == 0);
    CHECK(errcat_error_server_message(NULL) == NULL && errcat_error_server_message_len(NULL) == 0);
    CHECK(errcat_error_raw_code(NULL) == NULL && !errcat_error_minor(NULL, &i64) && i64 == 7);
    CHECK(errcat_error_minor_detail(NULL) == NULL && errcat_error_reaction(NULL) == NULL);
    CHECK(!errcat_error_retry_after_ms(NULL, &u64) && u64 == 7 && errcat_error_missing_permission(NULL) == NULL);
    CHECK(!errcat_error_wait(NULL, &i64) && errcat_error_ns_domain(NULL) == NULL && errcat_error_ns_code(NULL) == 0);
    CHECK(errcat_error_user_info_count(NULL) == 0 && !errcat_error_user_info_at(NULL, 0, &info));
    CHECK(!errcat_error_user_info_get(NULL, ERRCAT_USER_INFO_SYMBOL, &info));
    errcat_error_free(NULL);

    errcat_error *err = NULL;
    const char *p = "{\"code\":102}";
    CHECK(errcat_decode("rtc", (const uint8_t *)p, strlen(p), NULL) == ERRCAT_STATUS_NULL_ARGUMENT);
    CHECK(errcat_decode(NULL, (const uint8_t *)p, strlen(p), &err) == ERRCAT_STATUS_NULL_ARGUMENT && err == NULL);
    CHECK(errcat_decode("rtc", NULL, 5, &err) == ERRCAT_STATUS_NULL_ARGUMENT && err == NULL);
    CHECK(errcat_decode("rtc", NULL, 0, &err) == ERRCAT_STATUS_EMPTY && err == NULL);
    CHECK(errcat_last_error_status() == ERRCAT_STATUS_EMPTY);
}

/* errcat_id_<catalog>: the library's own id strings, found by address;
 * any other string with the same characters finds the same catalog. */
static void test_interned_ids(void) {
    CHECK_INT(CODES_TABLE_IDS_LEN, errcat_catalog_count(), "one interned id per catalog");
    for (size_t i = 0; i < CODES_TABLE_IDS_LEN; i++) {
        const struct codes_table_id *r = &CODES_TABLE_IDS[i];
        const errcat_catalog *cat = errcat_catalog_at(i);
        CHECK_STR(r->interned, r->id, "interned id's characters");
        CHECK_MSG(errcat_catalog_id(cat) == r->interned, "errcat_catalog_id(%s) is the interned errcat_id_%s",
                  r->id, r->id);
        CHECK(errcat_catalog_get(r->interned) == cat);
        char *copy = strdup(r->id);
        CHECK(copy != r->interned && errcat_catalog_get(copy) == cat);
        int64_t code = errcat_entry_code(errcat_catalog_entry_at(cat, 0));
        const errcat_entry *e = errcat_lookup_code(r->interned, code);
        CHECK(e != NULL && e == errcat_lookup_code(copy, code) && e == errcat_lookup_code(r->id, code));
        CHECK(errcat_lookup_symbol(r->interned, errcat_entry_symbol(e)) == e);
        /* A pointer inside an interned id is just another string. */
        CHECK(errcat_lookup_code(r->interned + 1, code) == NULL);
        CHECK(errcat_last_error_status() == ERRCAT_STATUS_UNKNOWN_CATALOG);
        free(copy);
    }
    CHECK(errcat_lookup_code(errcat_id_rtc, ERRCAT_RTC_USER_NOT_FOUND) == errcat_lookup_code("rtc", 102));
    CHECK(errcat_lookup_code(errcat_id_rtc, 999999) == NULL);
    CHECK(errcat_last_error_status() == ERRCAT_STATUS_UNKNOWN_CODE);
}

static void test_invalid_utf8_and_unknowns(void) {
    const char *bad = "\xff\xfe";
    errcat_error *err = NULL;
    CHECK(errcat_lookup_code(bad, 102) == NULL);
    CHECK(errcat_last_error_status() == ERRCAT_STATUS_INVALID_ARGUMENT);
    CHECK(errcat_lookup_symbol("rtc", bad) == NULL);
    CHECK(errcat_last_error_status() == ERRCAT_STATUS_INVALID_ARGUMENT);
    CHECK(errcat_lookup_symbol("rtc", "user\xc3(") == NULL);
    CHECK(errcat_lookup("rtc", bad) == NULL);
    CHECK(errcat_catalog_get(bad) == NULL);
    CHECK(errcat_decode(bad, (const uint8_t *)"1", 1, &err) == ERRCAT_STATUS_INVALID_ARGUMENT && err == NULL);
    CHECK(errcat_decode("rtc", (const uint8_t *)bad, 2, &err) == ERRCAT_STATUS_INVALID_UTF8 && err == NULL);

    CHECK(errcat_lookup_code("nope", 102) == NULL);
    CHECK(errcat_last_error_status() == ERRCAT_STATUS_UNKNOWN_CATALOG);
    CHECK(strstr(errcat_last_error_message(), "nope") != NULL);
    CHECK(errcat_lookup_code("RTC", 102) == NULL); /* ids are exact */
    CHECK(errcat_lookup_code("", 102) == NULL);
    CHECK(errcat_lookup_code("rtc", 999999) == NULL);
    CHECK(errcat_last_error_status() == ERRCAT_STATUS_UNKNOWN_CODE);
    CHECK(errcat_lookup_code("rtc", INT64_MIN) == NULL && errcat_lookup_code("rtc", INT64_MAX) == NULL);
    CHECK(errcat_lookup_symbol("rtc", "") == NULL && errcat_lookup("rtc", "") == NULL);
    CHECK(errcat_lookup_symbol("rtc", "USER_NOT_FOUND") == NULL); /* exact only */
    CHECK(errcat_lookup("rtc", "USER_NOT_FOUND") == errcat_lookup_code("rtc", 102)); /* forgiving */
    CHECK(errcat_decode("nope", (const uint8_t *)"1", 1, &err) == ERRCAT_STATUS_UNKNOWN_CATALOG && err == NULL);

    /* A huge query is just not found. */
    size_t n = 100000;
    char *big = malloc(n + 1);
    memset(big, 'A', n);
    big[n] = 0;
    CHECK(errcat_lookup("rtc", big) == NULL && errcat_lookup_symbol("rtc", big) == NULL);
    CHECK(errcat_last_error_message() != NULL && strlen(errcat_last_error_message()) < ERRCAT_LAST_ERROR_CAPACITY);
    free(big);
}

static void test_oversized_lengths(void) {
    errcat_error *err = NULL;
    char small[4] = "102";
    /* Refused before a byte is read (valgrind would flag a read past `small`). */
    CHECK(errcat_decode("rtc", (const uint8_t *)small, SIZE_MAX, &err) == ERRCAT_STATUS_TOO_LARGE && err == NULL);
    CHECK(errcat_decode("rtc", (const uint8_t *)small, (size_t)ERRCAT_MAX_PAYLOAD_BYTES + 1, &err) ==
          ERRCAT_STATUS_TOO_LARGE);
    CHECK(errcat_last_error_status() == ERRCAT_STATUS_TOO_LARGE);
    /* Exactly the limit is accepted (here: whitespace, so empty). */
    char *ws = malloc(ERRCAT_MAX_PAYLOAD_BYTES);
    memset(ws, ' ', ERRCAT_MAX_PAYLOAD_BYTES);
    CHECK(errcat_decode("rtc", (const uint8_t *)ws, ERRCAT_MAX_PAYLOAD_BYTES, &err) == ERRCAT_STATUS_EMPTY);
    free(ws);
    /* The length is honoured: no NUL terminator needed, bytes past len unread. */
    CHECK(errcat_decode("rtc", (const uint8_t *)small, 3, &err) == ERRCAT_STATUS_OK);
    CHECK(errcat_error_code(err) == 102 && !errcat_error_is_unknown(err));
    errcat_error_free(err);
}

static void test_decoded_errors(void) {
    errcat_error *err = NULL;
    /* A server message with U+0000 is kept whole. */
    const char *p = "{\"code\":102,\"message\":\"a\\u0000b\"}";
    CHECK(errcat_decode("rtc", (const uint8_t *)p, strlen(p), &err) == ERRCAT_STATUS_OK);
    CHECK(errcat_error_message_len(err) == 3 && memcmp(errcat_error_message(err), "a\0b", 4) == 0);
    CHECK(errcat_error_server_message_len(err) == 3);
    errcat_user_info info;
    CHECK(errcat_error_user_info_get(err, ERRCAT_USER_INFO_DESCRIPTION, &info) && info.string_len == 3);
    CHECK(errcat_error_user_info_get(err, ERRCAT_USER_INFO_SYMBOL, NULL));
    CHECK(!errcat_error_user_info_get(err, "NoSuchKey", &info));
    CHECK(!errcat_error_user_info_get(err, NULL, &info));
    CHECK(!errcat_error_user_info_get(err, "\xff", &info));
    CHECK(!errcat_error_user_info_at(err, errcat_error_user_info_count(err), &info));
    CHECK(errcat_error_user_info_at(err, 0, NULL));
    errcat_error_free(err);

    /* An unknown integer code keeps everything the server sent. */
    p = "{\"code\":4242,\"message\":\"new\",\"retry_after_ms\":10}";
    CHECK(errcat_decode("rtc", (const uint8_t *)p, strlen(p), &err) == ERRCAT_STATUS_OK);
    CHECK(errcat_error_is_unknown(err) && errcat_error_entry(err) == NULL);
    CHECK(errcat_error_code(err) == 4242);
    CHECK_STR(errcat_error_symbol(err), "UNKNOWN", "unknown symbol");
    CHECK_STR(errcat_error_raw_code(err), "4242", "raw code");
    CHECK_STR(errcat_error_message(err), "new", "server message");
    CHECK(errcat_error_kind(err) == ERRCAT_KIND_UNKNOWN && errcat_error_http_status(err) == 500);
    uint64_t ms = 0;
    CHECK(errcat_error_retry_after_ms(err, &ms) && ms == 10 && errcat_error_retry_after_ms(err, NULL));
    CHECK(errcat_error_retryable(err));
    CHECK(errcat_error_user_info_get(err, ERRCAT_USER_INFO_RAW_CODE, &info) && info.value_type == ERRCAT_VALUE_STRING);
    CHECK(errcat_error_user_info_get(err, ERRCAT_USER_INFO_RETRY_AFTER_MS, &info) &&
          info.value_type == ERRCAT_VALUE_INT && info.integer == 10);
    CHECK(errcat_error_user_info_get(err, ERRCAT_USER_INFO_RETRYABLE, &info) && info.value_type == ERRCAT_VALUE_BOOL &&
          info.boolean);
    errcat_error_free(err);

    /* Messenger: minor code, its detail and reaction, wait. */
    p = "{\"major\":203,\"minor\":32,\"wait\":5}";
    CHECK(errcat_decode("messenger", (const uint8_t *)p, strlen(p), &err) == ERRCAT_STATUS_OK);
    int64_t v = 0;
    CHECK(errcat_error_minor(err, &v) && v == 32);
    CHECK(errcat_error_wait(err, &v) && v == 5);
    CHECK(str_eq(errcat_error_minor_detail(err), errcat_entry_minor_detail(errcat_error_entry(err), 32)));
    CHECK(errcat_error_user_info_get(err, ERRCAT_USER_INFO_MINOR_CODE, &info) && info.integer == 32);
    CHECK(errcat_error_user_info_get(err, ERRCAT_USER_INFO_KIND, &info) &&
          str_eq(info.string, errcat_error_kind_name(err)));
    CHECK(errcat_error_user_info_get(err, ERRCAT_USER_INFO_CATALOG, &info) && str_eq(info.string, "messenger"));
    CHECK(!errcat_error_user_info_get(err, ERRCAT_USER_INFO_MISSING_PERMISSION, &info));
    errcat_error_free(err);

    /* Spaces: missing permission; the failure reason is the table's text. */
    p = "{\"error\":{\"code\":\"FORBIDDEN\",\"message\":\"no\",\"missing_permission\":\"ban\"}}";
    CHECK(errcat_decode("spaces", (const uint8_t *)p, strlen(p), &err) == ERRCAT_STATUS_OK);
    CHECK_STR(errcat_error_missing_permission(err), "ban", "missing permission");
    CHECK(errcat_error_user_info_get(err, ERRCAT_USER_INFO_MISSING_PERMISSION, &info) && str_eq(info.string, "ban"));
    CHECK(errcat_error_user_info_get(err, ERRCAT_USER_INFO_FAILURE_REASON, &info) &&
          str_eq(info.string, errcat_entry_message(errcat_error_entry(err))));
    CHECK(!errcat_error_user_info_get(err, ERRCAT_USER_INFO_RECOVERY_SUGGESTION, &info));
    CHECK_STR(errcat_error_ns_domain(err), errcat_catalog_domain(errcat_catalog_get("spaces")), "domain");
    errcat_error_free(err);

    /* Malformed payloads are statuses with a message. */
    const char *bad[] = {"{", "[1]", "{\"code\":1.5}", "{\"code\":true}", "null", "{\"code\":1,\"code\":2}"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err = (errcat_error *)(uintptr_t)1;
        CHECK(errcat_decode("rtc", (const uint8_t *)bad[i], strlen(bad[i]), &err) == ERRCAT_STATUS_MALFORMED);
        CHECK(err == NULL && errcat_last_error_message() != NULL);
    }
    CHECK(errcat_decode("rtc", (const uint8_t *)"{}", 2, &err) == ERRCAT_STATUS_MISSING_CODE);
    /* Deep nesting is refused, not a stack overflow. */
    size_t depth = 50000, o = 0;
    char *deep = malloc(depth * 6 + 1);
    for (size_t i = 0; i < depth; i++, o += 5) memcpy(deep + o, "{\"x\":", 5);
    deep[o++] = '1';
    memset(deep + o, '}', depth);
    o += depth;
    CHECK(errcat_decode("rtc", (const uint8_t *)deep, o, &err) == ERRCAT_STATUS_MALFORMED && err == NULL);
    free(deep);
}

static void test_last_error_is_errno_like(void) {
    errcat_clear_last_error();
    CHECK(errcat_lookup_code("rtc", -424242) == NULL);
    CHECK(errcat_last_error_status() == ERRCAT_STATUS_UNKNOWN_CODE);
    CHECK(errcat_lookup_code("rtc", 102) != NULL); /* success does not reset it */
    CHECK(errcat_last_error_status() == ERRCAT_STATUS_UNKNOWN_CODE);
    CHECK(strstr(errcat_last_error_message(), "-424242") != NULL);
    errcat_clear_last_error();
    CHECK(errcat_last_error_message() == NULL);
}

int main(void) {
    test_catalogs_and_entries();
    test_generated_constants();
    test_interned_ids();
    test_kinds_and_statuses();
    test_null_arguments();
    test_invalid_utf8_and_unknowns();
    test_oversized_lengths();
    test_decoded_errors();
    test_last_error_is_errno_like();
    return check_summary("test_api");
}
