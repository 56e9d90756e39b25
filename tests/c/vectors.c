#define _GNU_SOURCE /* memmem, scandir */
/* Runs the shared vectors through the C API. Every field a case lists is
 * compared; a field this runner does not know is a failure, so a vector can
 * never be skipped silently. */

#include "vectors.h"

#include <dirent.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "errcat.h"

/* cJSON strings are NUL-terminated, so a "\u0000" in a vector would cut
 * them short. Before parsing, each such escape (inside a string, not
 * preceded by an escaping backslash) becomes the escape of U+10FFFF, a
 * noncharacter no vector uses; jstr() turns its UTF-8 form back into a NUL
 * byte. */
static const char SENTINEL_ESC[] = "\\uDBFF\\uDFFF";
static const unsigned char SENTINEL_UTF8[4] = {0xF4, 0x8F, 0xBF, 0xBF};

static char *protect_nuls(const char *text, size_t len, const char *file) {
    if (memmem(text, len, SENTINEL_UTF8, 4) != NULL || strstr(text, "\\uDBFF\\uDFFF") != NULL ||
        strstr(text, "\\udbff\\udfff") != NULL) {
        CHECK_MSG(0, "%s uses U+10FFFF, which this runner reserves to carry U+0000", file);
        return NULL;
    }
    char *out = malloc(len * 2 + 1);
    if (!out) return NULL;
    size_t o = 0;
    int in_string = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (!in_string) {
            if (c == '"') in_string = 1;
            out[o++] = c;
        } else if (c == '\\' && i + 1 < len) {
            if (text[i + 1] == 'u' && i + 5 < len && strncmp(text + i + 2, "0000", 4) == 0) {
                memcpy(out + o, SENTINEL_ESC, sizeof SENTINEL_ESC - 1);
                o += sizeof SENTINEL_ESC - 1;
                i += 5;
            } else {
                out[o++] = c;
                out[o++] = text[++i];
            }
        } else {
            if (c == '"') in_string = 0;
            out[o++] = c;
        }
    }
    out[o] = 0;
    return out;
}

/* A JSON string's bytes (with real NULs restored) and length; malloc'd. */
struct bytes {
    char *p;
    size_t n;
};

/* Payloads are built once at load (some are 100 MB) and shared by every run. */
struct payload {
    char *p;
    size_t n;
};

static struct bytes jstr(const cJSON *item) {
    struct bytes b = {NULL, 0};
    const char *s = cJSON_GetStringValue(item);
    if (!s) return b;
    size_t len = strlen(s);
    b.p = malloc(len + 1);
    for (size_t i = 0; i < len; i++) {
        if (i + 4 <= len && memcmp(s + i, SENTINEL_UTF8, 4) == 0) {
            b.p[b.n++] = 0;
            i += 3;
        } else {
            b.p[b.n++] = s[i];
        }
    }
    b.p[b.n] = 0;
    return b;
}

static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* The payload of a decode case (payload, payload_hex or payload_gen), or
 * with `key` "body" the body of a response case (body, body_hex, body_gen). */
static int bytes_of(const cJSON *c, const char *key, struct bytes *out, const char *ctx) {
    char hex_key[32], gen_key[32];
    snprintf(hex_key, sizeof hex_key, "%s_hex", key);
    snprintf(gen_key, sizeof gen_key, "%s_gen", key);
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(c, key);
    const cJSON *hex = cJSON_GetObjectItemCaseSensitive(c, hex_key);
    const cJSON *gen = cJSON_GetObjectItemCaseSensitive(c, gen_key);
    int given = (p != NULL) + (hex != NULL) + (gen != NULL);
    CHECK_MSG(given == 1, "%s: needs exactly one of %s, %s, %s", ctx, key, hex_key, gen_key);
    if (given != 1) return 0;
    if (p) {
        CHECK_MSG(cJSON_IsString(p), "%s: %s is not a string", ctx, key);
        *out = jstr(p);
        return out->p != NULL;
    }
    if (hex) {
        const char *h = cJSON_GetStringValue(hex);
        size_t n = h ? strlen(h) : 1;
        CHECK_MSG(h && n % 2 == 0, "%s: %s is not an even-length string", ctx, hex_key);
        if (!h || n % 2) return 0;
        out->p = malloc(n / 2 + 1);
        out->n = n / 2;
        for (size_t i = 0; i < n / 2; i++) {
            int hi = hexval(h[2 * i]), lo = hexval(h[2 * i + 1]);
            CHECK_MSG(hi >= 0 && lo >= 0, "%s: %s has a non-hex digit", ctx, hex_key);
            out->p[i] = (char)((hi << 4) | (lo & 15));
        }
        out->p[out->n] = 0;
        return 1;
    }
    struct bytes pre = jstr(cJSON_GetObjectItemCaseSensitive(gen, "prefix"));
    struct bytes rep = jstr(cJSON_GetObjectItemCaseSensitive(gen, "repeat"));
    struct bytes suf = jstr(cJSON_GetObjectItemCaseSensitive(gen, "suffix"));
    const cJSON *count = cJSON_GetObjectItemCaseSensitive(gen, "count");
    int ok = cJSON_IsNumber(count) && count->valuedouble >= 0 && count->valuedouble < 1e9;
    CHECK_MSG(ok, "%s: %s.count is not a count", ctx, gen_key);
    size_t n = ok ? (size_t)count->valuedouble : 0;
    out->n = pre.n + rep.n * n + suf.n;
    out->p = malloc(out->n + 1);
    size_t o = 0;
    if (pre.n) memcpy(out->p, pre.p, pre.n);
    o += pre.n;
    /* Doubling copies: 100 MB of a one-byte repeat in ~27 memcpy calls. */
    if (n > 0 && rep.n > 0) {
        memcpy(out->p + o, rep.p, rep.n);
        size_t done = rep.n, total = rep.n * n;
        while (done < total) {
            size_t k = done < total - done ? done : total - done;
            memcpy(out->p + o + done, out->p + o, k);
            done += k;
        }
        o += total;
    }
    if (suf.n) memcpy(out->p + o, suf.p, suf.n);
    out->p[out->n] = 0;
    free(pre.p);
    free(rep.p);
    free(suf.p);
    return ok;
}

static int json_int(const cJSON *item, int64_t *out) {
    if (!cJSON_IsNumber(item)) return 0;
    double d = item->valuedouble;
    if (d != floor(d) || fabs(d) > 9007199254740992.0) return 0;
    *out = (int64_t)d;
    return 1;
}

/* Expected string (or JSON null for "absent") against an actual C string
 * of known length. */
static void check_str_field(const char *ctx, const char *field, const cJSON *want, const char *got, size_t got_len) {
    if (cJSON_IsNull(want)) {
        CHECK_MSG(got == NULL, "%s: %s is \"%s\", expected absent", ctx, field, got);
        return;
    }
    if (!cJSON_IsString(want)) {
        CHECK_MSG(0, "%s: expected %s is neither a string nor null", ctx, field);
        return;
    }
    struct bytes w = jstr(want);
    CHECK_MSG(got != NULL && got_len == w.n && memcmp(got, w.p, w.n) == 0, "%s: %s is \"%s\", expected \"%s\"", ctx,
              field, got ? got : "(null)", w.p);
    free(w.p);
}

static void check_cstr_field(const char *ctx, const char *field, const cJSON *want, const char *got) {
    check_str_field(ctx, field, want, got, got ? strlen(got) : 0);
}

static void check_int_field(const char *ctx, const char *field, const cJSON *want, int64_t got) {
    int64_t w;
    if (!json_int(want, &w)) {
        CHECK_MSG(0, "%s: expected %s is not an integer", ctx, field);
        return;
    }
    CHECK_MSG(got == w, "%s: %s is %" PRId64 ", expected %" PRId64, ctx, field, got, w);
}

/* An optional integer: JSON null means absent. */
static void check_opt_int_field(const char *ctx, const char *field, const cJSON *want, int present, int64_t got) {
    if (cJSON_IsNull(want)) {
        CHECK_MSG(!present, "%s: %s is %" PRId64 ", expected absent", ctx, field, got);
        return;
    }
    CHECK_MSG(present, "%s: %s is absent", ctx, field);
    if (present) check_int_field(ctx, field, want, got);
}

static void check_bool_field(const char *ctx, const char *field, const cJSON *want, int got) {
    if (!cJSON_IsBool(want)) {
        CHECK_MSG(0, "%s: expected %s is not a boolean", ctx, field);
        return;
    }
    CHECK_MSG(!!got == cJSON_IsTrue(want), "%s: %s is %s", ctx, field, got ? "true" : "false");
}

/* ------------------------------------------------------------------------ */
/* lookups[] */

static int parse_i64(const char *s, int64_t *out) {
    char *end;
    if (*s == 0) return 0;
    long long v = strtoll(s, &end, 10);
    if (*end != 0) return 0;
    *out = v;
    return 1;
}

static void run_lookup(const cJSON *c, const char *file) {
    char ctx[512];
    const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "name"));
    snprintf(ctx, sizeof ctx, "%s lookup \"%s\"", file, name ? name : "?");
    const char *catalog = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "catalog"));
    const char *query = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "query"));
    const cJSON *expect = cJSON_GetObjectItemCaseSensitive(c, "expect");
    const cJSON *expect_error = cJSON_GetObjectItemCaseSensitive(c, "expect_error");
    CHECK_MSG(catalog && query, "%s: needs catalog and query strings", ctx);
    CHECK_MSG((expect != NULL) != (expect_error != NULL), "%s: needs exactly one of expect, expect_error", ctx);
    if (!catalog || !query) return;
    for (const cJSON *k = c->child; k; k = k->next) {
        const char *key = k->string;
        CHECK_MSG(!strcmp(key, "name") || !strcmp(key, "catalog") || !strcmp(key, "query") || !strcmp(key, "expect") ||
                      !strcmp(key, "expect_error") || !strcmp(key, "description") || !strcmp(key, "note"),
                  "%s: unknown case field \"%s\"", ctx, key);
    }

    errcat_clear_last_error();
    const errcat_entry *e = errcat_lookup(catalog, query);

    if (expect_error) {
        const char *want = cJSON_GetStringValue(expect_error);
        CHECK_MSG(e == NULL, "%s: found %s, expected error %s", ctx, errcat_entry_symbol(e), want);
        CHECK_STR(errcat_status_reason(errcat_last_error_status()), want, ctx);
        CHECK_MSG(errcat_last_error_message() != NULL, "%s: no last error message", ctx);
        /* The integer and exact-symbol lookups fail the same way. */
        int64_t code;
        if (parse_i64(query, &code)) {
            CHECK(errcat_lookup_code(catalog, code) == NULL);
        }
        errcat_clear_last_error();
        CHECK(errcat_lookup_symbol(catalog, query) == NULL);
        CHECK_STR(errcat_status_reason(errcat_last_error_status()), want, ctx);
        return;
    }
    CHECK_MSG(e != NULL, "%s: not found (%s)", ctx, errcat_last_error_message());
    if (!e) return;
    for (const cJSON *f = expect->child; f; f = f->next) {
        const char *k = f->string;
        if (!strcmp(k, "code")) check_int_field(ctx, k, f, errcat_entry_code(e));
        else if (!strcmp(k, "symbol")) check_cstr_field(ctx, k, f, errcat_entry_symbol(e));
        else if (!strcmp(k, "message")) check_cstr_field(ctx, k, f, errcat_entry_message(e));
        else if (!strcmp(k, "kind")) {
            check_cstr_field(ctx, k, f, errcat_entry_kind_name(e));
            check_cstr_field(ctx, "kind (enum)", f, errcat_kind_name(errcat_entry_kind(e)));
        } else if (!strcmp(k, "http_status")) check_int_field(ctx, k, f, errcat_entry_http_status(e));
        else if (!strcmp(k, "retryable")) check_bool_field(ctx, k, f, errcat_entry_retryable(e));
        else if (!strcmp(k, "category")) check_cstr_field(ctx, k, f, errcat_entry_category(e));
        else if (!strcmp(k, "deprecated")) check_bool_field(ctx, k, f, errcat_entry_deprecated(e));
        else if (!strcmp(k, "server_only")) check_bool_field(ctx, k, f, errcat_entry_server_only(e));
        else if (!strcmp(k, "wait")) check_bool_field(ctx, k, f, errcat_entry_wait_required(e));
        else if (!strcmp(k, "minor_count")) check_int_field(ctx, k, f, (int64_t)errcat_entry_minor_code_count(e));
        else CHECK_MSG(0, "%s: unknown expect field \"%s\"", ctx, k);
    }
    /* The other lookups agree: by code, by exact symbol, and the entry's
     * catalog is the one asked for. */
    CHECK(errcat_lookup_code(catalog, errcat_entry_code(e)) == e);
    CHECK(errcat_lookup_symbol(catalog, errcat_entry_symbol(e)) == e);
    CHECK(errcat_catalog_lookup_code(errcat_catalog_get(catalog), errcat_entry_code(e)) == e);
    CHECK_STR(errcat_catalog_id(errcat_entry_catalog(e)), catalog, ctx);
    int64_t code;
    if (parse_i64(query, &code)) CHECK(errcat_lookup_code(catalog, code) == e);
    const errcat_entry *exact = errcat_lookup_symbol(catalog, query);
    CHECK(exact == NULL || exact == e);
}

/* ------------------------------------------------------------------------ */
/* decodes[] */

static void check_ns_error(const char *ctx, const errcat_error *err, const cJSON *ns) {
    for (const cJSON *f = ns->child; f; f = f->next) {
        const char *k = f->string;
        if (!strcmp(k, "domain")) check_cstr_field(ctx, "ns domain", f, errcat_error_ns_domain(err));
        else if (!strcmp(k, "code")) check_int_field(ctx, "ns code", f, errcat_error_ns_code(err));
        else if (strcmp(k, "user_info") != 0) CHECK_MSG(0, "%s: unknown expect_ns_error field \"%s\"", ctx, k);
    }
    const cJSON *ui = cJSON_GetObjectItemCaseSensitive(ns, "user_info");
    if (!ui) return;
    /* The complete dictionary: the same number of keys, each equal. */
    CHECK_INT(errcat_error_user_info_count(err), cJSON_GetArraySize(ui), ctx);
    for (const cJSON *f = ui->child; f; f = f->next) {
        char fctx[600];
        snprintf(fctx, sizeof fctx, "%s user_info[%s]", ctx, f->string);
        errcat_user_info info;
        memset(&info, 0xAB, sizeof info);
        int found = errcat_error_user_info_get(err, f->string, &info);
        CHECK_MSG(found, "%s: missing", fctx);
        if (!found) continue;
        CHECK_STR(info.key, f->string, fctx);
        if (cJSON_IsString(f)) {
            CHECK_MSG(info.value_type == ERRCAT_VALUE_STRING, "%s: not a string", fctx);
            if (info.value_type == ERRCAT_VALUE_STRING) check_str_field(fctx, "value", f, info.string, info.string_len);
        } else if (cJSON_IsBool(f)) {
            CHECK_MSG(info.value_type == ERRCAT_VALUE_BOOL, "%s: not a boolean", fctx);
            if (info.value_type == ERRCAT_VALUE_BOOL) check_bool_field(fctx, "value", f, info.boolean);
        } else if (cJSON_IsNumber(f)) {
            CHECK_MSG(info.value_type == ERRCAT_VALUE_INT, "%s: not an integer", fctx);
            if (info.value_type == ERRCAT_VALUE_INT) check_int_field(fctx, "value", f, info.integer);
        } else {
            CHECK_MSG(0, "%s: expected value has an unsupported JSON type", fctx);
        }
    }
    /* Iteration sees exactly the expected keys. */
    errcat_user_info info;
    size_t i = 0;
    while (errcat_error_user_info_at(err, i, &info)) {
        CHECK_MSG(cJSON_GetObjectItemCaseSensitive(ui, info.key) != NULL, "%s: unexpected user_info key %s", ctx,
                  info.key);
        i++;
    }
    CHECK_INT(i, errcat_error_user_info_count(err), ctx);
}

static void run_decode(const cJSON *c, const char *file, const struct payload *payload) {
    char ctx[512];
    const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "name"));
    snprintf(ctx, sizeof ctx, "%s decode \"%s\"", file, name ? name : "?");
    const char *catalog = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "catalog"));
    const cJSON *expect = cJSON_GetObjectItemCaseSensitive(c, "expect");
    const cJSON *expect_error = cJSON_GetObjectItemCaseSensitive(c, "expect_error");
    const cJSON *expect_ns = cJSON_GetObjectItemCaseSensitive(c, "expect_ns_error");
    CHECK_MSG(catalog != NULL, "%s: needs a catalog string", ctx);
    CHECK_MSG(expect_error == NULL || (expect == NULL && expect_ns == NULL),
              "%s: expect_error excludes expect and expect_ns_error", ctx);
    CHECK_MSG(expect_error || expect || expect_ns, "%s: expects nothing", ctx);
    for (const cJSON *k = c->child; k; k = k->next) {
        const char *key = k->string;
        CHECK_MSG(!strcmp(key, "name") || !strcmp(key, "catalog") || !strcmp(key, "payload") ||
                      !strcmp(key, "payload_hex") || !strcmp(key, "payload_gen") || !strcmp(key, "expect") ||
                      !strcmp(key, "expect_error") || !strcmp(key, "expect_ns_error") ||
                      !strcmp(key, "description") || !strcmp(key, "note"),
                  "%s: unknown case field \"%s\"", ctx, key);
    }
    if (!catalog) return;
    if (!payload || !payload->p) {
        CHECK_MSG(0, "%s: no usable payload", ctx);
        return;
    }

    errcat_error *err = (errcat_error *)(uintptr_t)1; /* must be overwritten */
    errcat_clear_last_error();
    errcat_status st = errcat_decode(catalog, (const uint8_t *)payload->p, payload->n, &err);

    if (expect_error) {
        const char *want = cJSON_GetStringValue(expect_error);
        CHECK_MSG(st != ERRCAT_STATUS_OK, "%s: decoded, expected error %s", ctx, want);
        CHECK_MSG(err == NULL, "%s: out not set to NULL on failure", ctx);
        CHECK_STR(errcat_status_reason((int32_t)st), want, ctx);
        CHECK_MSG(errcat_last_error_status() == st, "%s: last error status differs from the result", ctx);
        CHECK_MSG(errcat_last_error_message() != NULL, "%s: no last error message", ctx);
        if (st == ERRCAT_STATUS_OK) errcat_error_free(err);
        return;
    }
    CHECK_MSG(st == ERRCAT_STATUS_OK, "%s: failed with %s: %s", ctx, errcat_status_reason((int32_t)st),
              errcat_last_error_message());
    if (st != ERRCAT_STATUS_OK) return;
    CHECK_STR(errcat_catalog_id(errcat_error_catalog(err)), catalog, ctx);
    for (const cJSON *f = expect ? expect->child : NULL; f; f = f->next) {
        const char *k = f->string;
        int64_t v = 0;
        int present;
        if (!strcmp(k, "known")) {
            check_bool_field(ctx, k, f, !errcat_error_is_unknown(err));
            CHECK((errcat_error_entry(err) == NULL) == errcat_error_is_unknown(err));
        } else if (!strcmp(k, "code")) check_int_field(ctx, k, f, errcat_error_code(err));
        else if (!strcmp(k, "symbol")) check_cstr_field(ctx, k, f, errcat_error_symbol(err));
        else if (!strcmp(k, "kind")) {
            check_cstr_field(ctx, k, f, errcat_error_kind_name(err));
            check_cstr_field(ctx, "kind (enum)", f, errcat_kind_name(errcat_error_kind(err)));
        } else if (!strcmp(k, "message"))
            check_str_field(ctx, k, f, errcat_error_message(err), errcat_error_message_len(err));
        else if (!strcmp(k, "server_message"))
            check_str_field(ctx, k, f, errcat_error_server_message(err), errcat_error_server_message_len(err));
        else if (!strcmp(k, "raw_code")) check_cstr_field(ctx, k, f, errcat_error_raw_code(err));
        else if (!strcmp(k, "http_status")) check_int_field(ctx, k, f, errcat_error_http_status(err));
        else if (!strcmp(k, "retryable")) check_bool_field(ctx, k, f, errcat_error_retryable(err));
        else if (!strcmp(k, "minor")) {
            present = errcat_error_minor(err, &v);
            check_opt_int_field(ctx, k, f, present, v);
        } else if (!strcmp(k, "minor_detail")) check_cstr_field(ctx, k, f, errcat_error_minor_detail(err));
        else if (!strcmp(k, "retry_after_ms")) {
            uint64_t ms = 0;
            present = errcat_error_retry_after_ms(err, &ms);
            check_opt_int_field(ctx, k, f, present, (int64_t)ms);
        } else if (!strcmp(k, "missing_permission"))
            check_cstr_field(ctx, k, f, errcat_error_missing_permission(err));
        else if (!strcmp(k, "wait")) {
            present = errcat_error_wait(err, &v);
            check_opt_int_field(ctx, k, f, present, v);
        } else CHECK_MSG(0, "%s: unknown expect field \"%s\"", ctx, k);
    }
    /* A known error's entry is the table row of its code. */
    const errcat_entry *e = errcat_error_entry(err);
    if (e) {
        CHECK(errcat_lookup_code(catalog, errcat_error_code(err)) == e);
        CHECK_STR(errcat_error_symbol(err), errcat_entry_symbol(e), ctx);
    }
    if (expect_ns) check_ns_error(ctx, err, expect_ns);
    errcat_error_free(err);
}

/* ------------------------------------------------------------------------ */
/* responses[] (http.json) */

void vectors_check_response(const cJSON *c, const char *ctx, errcat_status st, const errcat_error *err) {
    const cJSON *expect = cJSON_GetObjectItemCaseSensitive(c, "expect");
    CHECK_MSG(cJSON_IsObject(expect), "%s: needs an expect object", ctx);
    CHECK_MSG(st == ERRCAT_STATUS_OK, "%s: failed with %s: %s", ctx, errcat_status_reason((int32_t)st),
              errcat_last_error_message());
    if (!cJSON_IsObject(expect) || st != ERRCAT_STATUS_OK) return;
    const cJSON *is_error = cJSON_GetObjectItemCaseSensitive(expect, "error");
    CHECK_MSG(cJSON_IsBool(is_error), "%s: expect.error is not a boolean", ctx);
    if (!cJSON_IsTrue(is_error)) {
        CHECK_MSG(err == NULL, "%s: an error (%s), expected none", ctx, err ? errcat_error_symbol(err) : "");
        return;
    }
    CHECK_MSG(err != NULL, "%s: no error, expected one", ctx);
    if (!err) return;
    for (const cJSON *f = expect->child; f; f = f->next) {
        const char *k = f->string;
        int present;
        if (!strcmp(k, "error")) continue;
        if (!strcmp(k, "known")) check_bool_field(ctx, k, f, !errcat_error_is_unknown(err));
        else if (!strcmp(k, "from_status")) check_bool_field(ctx, k, f, errcat_error_is_from_status(err));
        else if (!strcmp(k, "code")) check_int_field(ctx, k, f, errcat_error_code(err));
        else if (!strcmp(k, "symbol")) check_cstr_field(ctx, k, f, errcat_error_symbol(err));
        else if (!strcmp(k, "kind")) {
            check_cstr_field(ctx, k, f, errcat_error_kind_name(err));
            check_cstr_field(ctx, "kind (enum)", f, errcat_kind_name(errcat_error_kind(err)));
        } else if (!strcmp(k, "message"))
            check_str_field(ctx, k, f, errcat_error_message(err), errcat_error_message_len(err));
        else if (!strcmp(k, "retryable")) check_bool_field(ctx, k, f, errcat_error_retryable(err));
        else if (!strcmp(k, "http_status")) check_int_field(ctx, k, f, errcat_error_http_status(err));
        else if (!strcmp(k, "retry_after_ms")) {
            uint64_t ms = 0;
            present = errcat_error_retry_after_ms(err, &ms);
            check_opt_int_field(ctx, k, f, present, (int64_t)ms);
        } else if (!strcmp(k, "response_status")) {
            uint16_t s = 0;
            present = errcat_error_response_status(err, &s);
            check_opt_int_field(ctx, k, f, present, s);
        } else if (!strcmp(k, "content_type")) check_cstr_field(ctx, k, f, errcat_error_content_type(err));
        else if (!strcmp(k, "body_excerpt"))
            check_str_field(ctx, k, f, errcat_error_body_excerpt(err), errcat_error_body_excerpt_len(err));
        else if (!strcmp(k, "body_len")) {
            size_t n = 0;
            present = errcat_error_body_len(err, &n);
            check_opt_int_field(ctx, k, f, present, (int64_t)n);
        } else if (!strcmp(k, "minor")) {
            int64_t v = 0;
            present = errcat_error_minor(err, &v);
            check_opt_int_field(ctx, k, f, present, v);
        } else if (!strcmp(k, "domain")) check_cstr_field(ctx, k, f, errcat_error_ns_domain(err));
        else CHECK_MSG(0, "%s: unknown expect field \"%s\"", ctx, k);
    }
}

int vectors_response_body(const cJSON *c, const char *ctx, char **p, size_t *n) {
    struct bytes b = {NULL, 0};
    int ok = bytes_of(c, "body", &b, ctx);
    *p = b.p;
    *n = b.n;
    return ok;
}

static void run_response(const cJSON *c, const char *file) {
    char ctx[512];
    const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "name"));
    snprintf(ctx, sizeof ctx, "%s response \"%s\"", file, name ? name : "?");
    for (const cJSON *k = c->child; k; k = k->next) {
        const char *key = k->string;
        CHECK_MSG(!strcmp(key, "name") || !strcmp(key, "catalog") || !strcmp(key, "status") ||
                      !strcmp(key, "headers") || !strcmp(key, "body") || !strcmp(key, "body_hex") ||
                      !strcmp(key, "body_gen") || !strcmp(key, "now") || !strcmp(key, "expect"),
                  "%s: unknown case field \"%s\"", ctx, key);
    }
    const char *catalog = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "catalog"));
    int64_t status = 0, now = 0;
    int ok = catalog != NULL && json_int(cJSON_GetObjectItemCaseSensitive(c, "status"), &status) &&
             json_int(cJSON_GetObjectItemCaseSensitive(c, "now"), &now);
    CHECK_MSG(ok, "%s: needs catalog, status and now", ctx);
    /* The first Retry-After and Content-Type, names in any case. */
    const char *retry_after = NULL, *content_type = NULL;
    const cJSON *h;
    cJSON_ArrayForEach(h, cJSON_GetObjectItemCaseSensitive(c, "headers")) {
        const char *k = cJSON_GetStringValue(cJSON_GetArrayItem(h, 0));
        const char *val = cJSON_GetStringValue(cJSON_GetArrayItem(h, 1));
        CHECK_MSG(k && val, "%s: a header is not a [name, value] pair", ctx);
        if (!k || !val) continue;
        if (!retry_after && !strcasecmp(k, "retry-after")) retry_after = val;
        if (!content_type && !strcasecmp(k, "content-type")) content_type = val;
    }
    char *body = NULL;
    size_t len = 0;
    if (vectors_response_body(c, ctx, &body, &len) && ok) {
        errcat_error *err = (errcat_error *)(uintptr_t)1; /* must be overwritten */
        errcat_status st = errcat_decode_response(catalog, (uint16_t)status, retry_after, content_type,
                                                  (const uint8_t *)body, len, now, &err);
        vectors_check_response(c, ctx, st, err);
        errcat_error_free(err);
    }
    free(body);
}

/* ------------------------------------------------------------------------ */

static int has_json_suffix(const char *name) {
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n + 65536 + 1 > cap) {
            cap = (cap + 65536 + 1) * 2;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                fclose(f);
                return NULL;
            }
            buf = nb;
        }
        size_t r = fread(buf + n, 1, 65536, f);
        n += r;
        if (r == 0) break;
    }
    fclose(f);
    buf[n] = 0;
    *len = n;
    return buf;
}

static void build_payloads(struct vectors *v);

size_t vectors_load(const char *dir, struct vectors *v) {
    memset(v, 0, sizeof *v);
    struct dirent **list;
    int n = scandir(dir, &list, NULL, alphasort);
    CHECK_MSG(n >= 0, "cannot read the vector directory %s", dir);
    if (n < 0) return 0;
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        if (has_json_suffix(name) && v->n_files < VECTORS_MAX_FILES) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", dir, name);
            size_t len = 0;
            char *text = read_file(path, &len);
            CHECK_MSG(text != NULL, "cannot read %s", path);
            char *safe = text ? protect_nuls(text, len, name) : NULL;
            free(text);
            cJSON *root = safe ? cJSON_Parse(safe) : NULL;
            free(safe);
            CHECK_MSG(cJSON_IsObject(root), "%s is not a JSON object", path);
            if (cJSON_IsObject(root)) {
                for (const cJSON *k = root->child; k; k = k->next) {
                    int known = !strcmp(k->string, "lookups") || !strcmp(k->string, "decodes") ||
                                !strcmp(k->string, "responses") || !strcmp(k->string, "description") ||
                                !strcmp(k->string, "localized") || !strcmp(k->string, "localized_decodes");
                    CHECK_MSG(known, "%s: unknown top-level key \"%s\" (the C runner must learn it)", name, k->string);
                    if (!strcmp(k->string, "lookups")) v->n_lookups += (size_t)cJSON_GetArraySize(k);
                    if (!strcmp(k->string, "decodes")) v->n_decodes += (size_t)cJSON_GetArraySize(k);
                    if (!strcmp(k->string, "responses")) v->n_responses += (size_t)cJSON_GetArraySize(k);
                    if (!strcmp(k->string, "localized") || !strcmp(k->string, "localized_decodes"))
                        v->n_localized += (size_t)cJSON_GetArraySize(k);
                }
                v->names[v->n_files] = strdup(name);
                v->roots[v->n_files] = root;
                v->n_files++;
            } else {
                cJSON_Delete(root);
            }
        }
        free(list[i]);
    }
    free(list);
    CHECK_MSG(v->n_files > 0, "no .json vector files in %s", dir);
    build_payloads(v);
    return v->n_files;
}

static void build_payloads(struct vectors *v) {
    v->payloads = calloc(v->n_decodes ? v->n_decodes : 1, sizeof *v->payloads);
    size_t d = 0;
    for (size_t i = 0; i < v->n_files; i++) {
        const cJSON *item;
        cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(v->roots[i], "decodes")) {
            char ctx[512];
            const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(item, "name"));
            snprintf(ctx, sizeof ctx, "%s decode \"%s\"", v->names[i], name ? name : "?");
            struct bytes b = {NULL, 0};
            if (bytes_of(item, "payload", &b, ctx)) {
                v->payloads[d].p = b.p;
                v->payloads[d].n = b.n;
            } else {
                free(b.p);
            }
            d++;
        }
    }
}

/* localized[] and localized_decodes[] (l10n.json) */

/* The locales array as one preference string ("a,b"). */
static void prefs_of(const cJSON *c, char *out, size_t cap) {
    out[0] = 0;
    const cJSON *l;
    size_t n = 0;
    cJSON_ArrayForEach(l, cJSON_GetObjectItemCaseSensitive(c, "locales")) {
        const char *s = cJSON_GetStringValue(l);
        if (!s) continue;
        n += (size_t)snprintf(out + n, n < cap ? cap - n : 0, "%s%s", n ? "," : "", s);
    }
}

static void check_opt_str(const char *ctx, const char *k, const cJSON *want, const char *got) {
    if (cJSON_IsNull(want)) {
        CHECK_MSG(got == NULL, "%s: %s is \"%s\", expected null", ctx, k, got ? got : "");
    } else {
        CHECK_STR(got, cJSON_GetStringValue(want), ctx);
    }
}

static void run_localized(const cJSON *c, const char *file) {
    char ctx[512], prefs[512], buf[4096];
    const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "name"));
    snprintf(ctx, sizeof ctx, "%s localized \"%s\"", file, name ? name : "?");
    const char *cat = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "catalog"));
    const char *query = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "query"));
    prefs_of(c, prefs, sizeof prefs);
    const errcat_entry *e = errcat_lookup(cat, query);
    CHECK_MSG(e != NULL, "%s: lookup failed", ctx);
    if (!e) return;
    size_t n = errcat_entry_localized_message(e, prefs, buf, sizeof buf);
    CHECK_MSG(n < sizeof buf, "%s: message of %zu bytes", ctx, n);
    const cJSON *k;
    cJSON_ArrayForEach(k, cJSON_GetObjectItemCaseSensitive(c, "expect")) {
        if (!strcmp(k->string, "message")) {
            CHECK_STR(buf, cJSON_GetStringValue(k), ctx);
        } else if (!strcmp(k->string, "locale")) {
            /* C gives the text, not the locale: a base-text case must equal the entry's message. */
            if (cJSON_IsNull(k)) CHECK_STR(buf, errcat_entry_message(e), ctx);
            else CHECK_MSG(strcmp(buf, errcat_entry_message(e)) != 0, "%s: untranslated", ctx);
        } else if (!strcmp(k->string, "doc_url")) {
            check_opt_str(ctx, k->string, k, errcat_entry_doc_url(e));
        } else if (!strcmp(k->string, "deprecated")) {
            CHECK_MSG(errcat_entry_deprecated(e) == cJSON_IsTrue(k), "%s: deprecated", ctx);
        } else if (!strcmp(k->string, "replaced_by")) {
            check_opt_str(ctx, k->string, k, errcat_entry_replaced_by(e));
        } else {
            CHECK_MSG(0, "%s: unknown expect field %s", ctx, k->string);
        }
    }
}

static void run_localized_decode(const cJSON *c, const char *file) {
    char ctx[512], prefs[512], buf[4096];
    const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "name"));
    snprintf(ctx, sizeof ctx, "%s localized_decode \"%s\"", file, name ? name : "?");
    const char *cat = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "catalog"));
    const char *payload = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "payload"));
    prefs_of(c, prefs, sizeof prefs);
    errcat_error *err = NULL;
    errcat_status st = errcat_decode(cat, (const uint8_t *)payload, strlen(payload), &err);
    CHECK_MSG(st == ERRCAT_STATUS_OK, "%s: decode failed", ctx);
    if (st != ERRCAT_STATUS_OK) return;
    errcat_error_localized_message(err, prefs, buf, sizeof buf);
    const cJSON *k;
    cJSON_ArrayForEach(k, cJSON_GetObjectItemCaseSensitive(c, "expect")) {
        if (!strcmp(k->string, "message")) {
            CHECK_STR(buf, cJSON_GetStringValue(k), ctx);
        } else if (!strcmp(k->string, "deprecated")) {
            const errcat_entry *e = errcat_error_entry(err);
            CHECK_MSG((e && errcat_entry_deprecated(e)) == cJSON_IsTrue(k), "%s: deprecated", ctx);
        } else {
            CHECK_MSG(0, "%s: unknown expect field %s", ctx, k->string);
        }
    }
    errcat_error_free(err);
}

void vectors_run(const struct vectors *v) {
    size_t d = 0;
    for (size_t i = 0; i < v->n_files; i++) {
        const cJSON *item;
        cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(v->roots[i], "lookups")) {
            run_lookup(item, v->names[i]);
        }
        cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(v->roots[i], "decodes")) {
            run_decode(item, v->names[i], &v->payloads[d++]);
        }
        cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(v->roots[i], "responses")) {
            run_response(item, v->names[i]);
        }
        cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(v->roots[i], "localized")) {
            run_localized(item, v->names[i]);
        }
        cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(v->roots[i], "localized_decodes")) {
            run_localized_decode(item, v->names[i]);
        }
    }
}

void vectors_free(struct vectors *v) {
    for (size_t i = 0; i < v->n_files; i++) {
        cJSON_Delete(v->roots[i]);
        free(v->names[i]);
    }
    for (size_t d = 0; d < v->n_decodes; d++) free(v->payloads[d].p);
    free(v->payloads);
    memset(v, 0, sizeof *v);
}
