/* errcat_decode_response: what curl received from the shared fixture server
 * (tests/http/server.py) for every HTTP vector, parsed here and handed to
 * the C API; then the function's argument checks.
 * Usage: test_http <vector-dir> <dir of <name>.http files from curl -si>
 * (tests/c/fetch_http.sh makes the directory and runs this). */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check.h"
#include "errcat.h"
#include "vectors.h"

static char *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap + 1);
        }
    }
    fclose(f);
    buf[n] = 0;
    *len = n;
    return buf;
}

/* A raw response as curl -si writes it: a status line, header lines and a
 * blank line (CRLF), then the body. Interim 1xx heads are skipped.
 * Header values are copied NUL-terminated into `ra`/`ct` (first of each). */
struct raw {
    int status;
    char ra[512], ct[512];
    int has_ra, has_ct;
    const char *body;
    size_t body_len;
};

static int parse_raw(const char *buf, size_t len, struct raw *r) {
    const char *p = buf, *end = buf + len;
    for (;;) {
        memset(r, 0, sizeof *r);
        const char *head_end = NULL;
        for (const char *q = p; q + 3 < end; q++) {
            if (q[0] == '\r' && q[1] == '\n' && q[2] == '\r' && q[3] == '\n') {
                head_end = q;
                break;
            }
        }
        if (!head_end || end - p < 12 || strncmp(p, "HTTP/", 5) != 0) return 0;
        const char *sp = memchr(p, ' ', (size_t)(head_end - p));
        if (!sp) return 0;
        r->status = atoi(sp + 1);
        const char *line = memchr(p, '\n', (size_t)(head_end - p + 2)) + 1;
        while (line < head_end) {
            const char *eol = strstr(line, "\r\n");
            const char *colon = memchr(line, ':', (size_t)(eol - line));
            if (colon) {
                size_t klen = (size_t)(colon - line);
                const char *v = colon + 1;
                while (v < eol && (*v == ' ' || *v == '\t')) v++;
                size_t vlen = (size_t)(eol - v);
                while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t')) vlen--;
                char *dst = NULL;
                if (klen == 11 && !strncasecmp(line, "retry-after", 11) && !r->has_ra) {
                    dst = r->ra;
                    r->has_ra = 1;
                } else if (klen == 12 && !strncasecmp(line, "content-type", 12) && !r->has_ct) {
                    dst = r->ct;
                    r->has_ct = 1;
                }
                if (dst) {
                    if (vlen > 511) vlen = 511;
                    memcpy(dst, v, vlen);
                    dst[vlen] = 0;
                }
            }
            line = eol + 2;
        }
        r->body = head_end + 4;
        r->body_len = (size_t)(end - r->body);
        if (r->status >= 200 || r->status < 100) return 1;
        p = r->body; /* an interim 1xx response: the real one follows */
    }
}

static void run_curl_outputs(const char *vector_dir, const char *curl_dir) {
    char path[4096];
    snprintf(path, sizeof path, "%s/http.json", vector_dir);
    size_t len = 0;
    char *text = read_all(path, &len);
    CHECK_MSG(text != NULL, "cannot read %s", path);
    cJSON *root = text ? cJSON_Parse(text) : NULL;
    free(text);
    CHECK_MSG(root != NULL, "%s is not JSON", path);
    size_t n = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(root, "responses")) {
        const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "name"));
        const char *catalog = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(c, "catalog"));
        const cJSON *now = cJSON_GetObjectItemCaseSensitive(c, "now");
        char ctx[512];
        snprintf(ctx, sizeof ctx, "curl \"%s\"", name ? name : "?");
        snprintf(path, sizeof path, "%s/%s.http", curl_dir, name ? name : "?");
        size_t got_len = 0;
        char *got = read_all(path, &got_len);
        CHECK_MSG(got != NULL, "%s: cannot read %s", ctx, path);
        if (!got) continue;
        struct raw r;
        int ok = parse_raw(got, got_len, &r);
        CHECK_MSG(ok, "%s: not an HTTP response", ctx);
        if (ok) {
            CHECK_INT(r.status, cJSON_GetObjectItemCaseSensitive(c, "status")->valueint, ctx);
            /* The body curl received is the vector's, byte for byte. */
            char *want = NULL;
            size_t want_len = 0;
            if (vectors_response_body(c, ctx, &want, &want_len)) {
                CHECK_MSG(want_len == r.body_len && memcmp(want, r.body, want_len) == 0,
                          "%s: the body differs from the vector's (%zu bytes, expected %zu)", ctx, r.body_len,
                          want_len);
            }
            free(want);
            errcat_error *err = (errcat_error *)(uintptr_t)1;
            errcat_status st =
                errcat_decode_response(catalog, (uint16_t)r.status, r.has_ra ? r.ra : NULL, r.has_ct ? r.ct : NULL,
                                       (const uint8_t *)r.body, r.body_len, (int64_t)now->valuedouble, &err);
            vectors_check_response(c, ctx, st, err);
            errcat_error_free(err);
            n++;
        }
        free(got);
    }
    printf("test_http: %zu responses received by curl decoded\n", n);
    CHECK_MSG(n >= 50, "only %zu responses", n);
    cJSON_Delete(root);
}

static void api_checks(void) {
    errcat_error *err = (errcat_error *)(uintptr_t)1;
    /* No error: OK and NULL. */
    CHECK(errcat_decode_response("spaces", 200, NULL, NULL, (const uint8_t *)"{}", 2, 0, &err) == ERRCAT_STATUS_OK);
    CHECK(err == NULL);
    /* NULL body with len 0 is an empty body. */
    CHECK(errcat_decode_response("rtc", 401, NULL, NULL, NULL, 0, -1, &err) == ERRCAT_STATUS_OK);
    CHECK(err != NULL && errcat_error_is_from_status(err) && errcat_error_body_excerpt_len(err) == 0);
    CHECK_STR(errcat_error_body_excerpt(err), "", "empty body");
    CHECK_STR(errcat_error_kind_name(err), "unauthenticated", "401");
    CHECK(errcat_error_content_type(err) == NULL);
    errcat_error_free(err);
    /* A body holding U+0000 is kept whole. */
    CHECK(errcat_decode_response("rtc", 502, NULL, "text/plain", (const uint8_t *)"a\0b", 3, 0, &err) ==
          ERRCAT_STATUS_OK);
    CHECK(err && errcat_error_body_excerpt_len(err) == 3 && memcmp(errcat_error_body_excerpt(err), "a\0b", 3) == 0);
    errcat_error_free(err);
    /* A Retry-After that is not UTF-8 is ignored; the error stays. */
    CHECK(errcat_decode_response("spaces", 503, "\xff" "5", NULL, NULL, 0, 0, &err) == ERRCAT_STATUS_OK);
    uint64_t ms = 7;
    CHECK(err && !errcat_error_retry_after_ms(err, &ms) && ms == 7 && errcat_error_retryable(err));
    errcat_error_free(err);
    /* A bare payload's error has no response fields. */
    CHECK(errcat_decode("rtc", (const uint8_t *)"102", 3, &err) == ERRCAT_STATUS_OK);
    uint16_t s = 1;
    size_t n = 1;
    CHECK(!errcat_error_response_status(err, &s) && s == 1 && !errcat_error_body_len(err, &n) && n == 1);
    CHECK(!errcat_error_is_from_status(err) && errcat_error_body_excerpt(err) == NULL);
    errcat_error_free(err);
    /* NULL errors read as absent. */
    CHECK(!errcat_error_response_status(NULL, &s) && errcat_error_content_type(NULL) == NULL);
    CHECK(errcat_error_body_excerpt(NULL) == NULL && errcat_error_body_excerpt_len(NULL) == 0);
    CHECK(!errcat_error_body_len(NULL, &n) && !errcat_error_is_from_status(NULL));
    /* Failures: out NULL, unknown catalog, bad status, NULL body with a length. */
    CHECK(errcat_decode_response("spaces", 503, NULL, NULL, NULL, 0, 0, NULL) == ERRCAT_STATUS_NULL_ARGUMENT);
    err = (errcat_error *)(uintptr_t)1;
    CHECK(errcat_decode_response("nope", 503, NULL, NULL, NULL, 0, 0, &err) == ERRCAT_STATUS_UNKNOWN_CATALOG);
    CHECK(err == NULL && errcat_last_error_status() == ERRCAT_STATUS_UNKNOWN_CATALOG);
    CHECK(errcat_decode_response("spaces", 600, NULL, NULL, NULL, 0, 0, &err) == ERRCAT_STATUS_MALFORMED);
    CHECK(err == NULL && strstr(errcat_last_error_message(), "600") != NULL);
    CHECK(errcat_decode_response("spaces", 99, NULL, NULL, NULL, 0, 0, &err) == ERRCAT_STATUS_MALFORMED);
    CHECK(errcat_decode_response("spaces", 503, NULL, NULL, NULL, 4, 0, &err) == ERRCAT_STATUS_NULL_ARGUMENT);
    CHECK(errcat_decode_response(NULL, 503, NULL, NULL, NULL, 0, 0, &err) == ERRCAT_STATUS_NULL_ARGUMENT);
    /* The latest clock: an HTTP-date is then in the past (0), nothing overflows. */
    errcat_status st = errcat_decode_response("spaces", 503, "Fri, 31 Dec 9999 23:59:59 GMT", NULL, NULL, 0,
                                              INT64_MAX, &err);
    CHECK(st == ERRCAT_STATUS_OK || st == ERRCAT_STATUS_INVALID_ARGUMENT);
    if (st == ERRCAT_STATUS_OK) CHECK(err && errcat_error_retry_after_ms(err, &ms) && ms == 0);
    else CHECK(err == NULL);
    errcat_error_free(err);
    err = NULL;
    /* With a catalog handle: a parsed user catalog, and NULL. */
    const char *toml = "[catalog]\nid = \"mine\"\nname = \"Mine\"\nwire = \"int\"\n"
                       "[[category]]\nid = \"a\"\nname = \"A\"\n"
                       "[[entry]]\ncode = 7\nsymbol = \"SEVEN\"\nmessage = \"Seven\"\ncategory = \"a\"\nkind = \"internal\"\n";
    errcat_catalog *cat = NULL;
    CHECK(errcat_parse_catalog((const uint8_t *)toml, strlen(toml), ERRCAT_FORMAT_TOML, &cat) == ERRCAT_STATUS_OK);
    CHECK(errcat_catalog_decode_response(cat, 429, "3", "application/json", (const uint8_t *)"{\"code\":7}", 10, 0,
                                         &err) == ERRCAT_STATUS_OK);
    errcat_catalog_free(cat); /* the error keeps it alive */
    CHECK(err && !errcat_error_is_from_status(err));
    CHECK_STR(errcat_error_symbol(err), "SEVEN", "user catalog");
    CHECK(errcat_error_retry_after_ms(err, &ms) && ms == 3000);
    CHECK(errcat_error_response_status(err, &s) && s == 429);
    CHECK_STR(errcat_error_content_type(err), "application/json", "user catalog");
    CHECK_STR(errcat_error_ns_domain(err), "errcat.mine", "user catalog");
    errcat_error_free(err);
    CHECK(errcat_catalog_decode_response(NULL, 503, NULL, NULL, NULL, 0, 0, &err) == ERRCAT_STATUS_NULL_ARGUMENT);
    CHECK(err == NULL);
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s <vector-dir> <curl-output-dir>\n", argv[0]);
        return 2;
    }
    api_checks();
    run_curl_outputs(argv[1], argv[2]);
    return check_summary("test_http");
}
