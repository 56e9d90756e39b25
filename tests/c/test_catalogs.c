/* The C API's search, error_for and user catalogs (load, parse, free, and
 * every catalog function on a loaded catalog), with bad input of every
 * kind. Run under valgrind: a loaded catalog or an error left unfreed, or
 * read after it is gone, fails the test. */

#include <inttypes.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "errcat.h"

static const char ACME_TOML[] =
    "[catalog]\n"
    "id = \"acme\"\n"
    "name = \"Acme API\"\n"
    "domain = \"com.acme\"\n"
    "wire = \"int\"\n"
    "description = \"Errors of the Acme API.\"\n"
    "\n"
    "[[category]]\n"
    "id = \"machine\"\n"
    "name = \"Machine errors\"\n"
    "http_status = 503\n"
    "\n"
    "[[entry]]\n"
    "code = 7\n"
    "symbol = \"JAMMED\"\n"
    "aliases = [\"STUCK\"]\n"
    "message = \"The machine is jammed.\"\n"
    "category = \"machine\"\n"
    "kind = \"unavailable\"\n"
    "causes = [\"paper\", \"gears\"]\n"
    "reaction = \"Clear the jam.\"\n"
    "wait = true\n"
    "\n"
    "[[entry.minor]]\n"
    "code = 1\n"
    "detail = \"Paper jam\"\n"
    "reaction = \"Open tray 2.\"\n"
    "\n"
    "[[entry]]\n"
    "code = 8\n"
    "symbol = \"OUT_OF_TONER\"\n"
    "message = \"Toner is empty.\"\n"
    "category = \"machine\"\n"
    "kind = \"resource_exhausted\"\n"
    "deprecated = { since = \"2.0\", replaced_by = \"JAMMED\", note = \"merged\" }\n";

static const char ACME_JSON[] =
    "{\"catalog\":{\"id\":\"acme_json\",\"name\":\"Acme\",\"wire\":\"string\"},"
    "\"category\":[{\"id\":\"c\",\"name\":\"C\"}],"
    "\"entry\":[{\"code\":1,\"symbol\":\"BAD_THING\",\"message\":\"A bad thing.\",\"category\":\"c\","
    "\"kind\":\"internal\"}]}";

static errcat_status parse(const char *text, int32_t format, errcat_catalog **out) {
    return errcat_parse_catalog((const uint8_t *)text, strlen(text), format, out);
}

static int contains(const char *hay, const char *needle) { return hay && needle && strstr(hay, needle) != NULL; }

/* A failed call: the status, NULL in *out, and a last error naming what. */
#define CHECK_FAILS(call, status, what, out)                                              \
    do {                                                                                  \
        errcat_clear_last_error();                                                        \
        errcat_status st_ = (call);                                                       \
        CHECK_MSG(st_ == (status), "%s gave %s", #call, errcat_status_reason((int32_t)st_)); \
        CHECK_MSG((out) == NULL, "%s: out not NULL", #call);                              \
        CHECK_MSG(errcat_last_error_status() == (status), "%s: last error status", #call); \
        CHECK_MSG(contains(errcat_last_error_message(), (what)), "%s: message \"%s\" lacks \"%s\"", #call, \
                  errcat_last_error_message() ? errcat_last_error_message() : "(null)", (what)); \
    } while (0)

static void test_search(void) {
    size_t total = 99;
    CHECK(errcat_search("expired", NULL, 0, &total) == ERRCAT_STATUS_OK);
    CHECK(total > 1);
    size_t n = total;
    const errcat_entry **hits = calloc(n, sizeof *hits);
    CHECK(errcat_search("EXPIRED", hits, n, &total) == ERRCAT_STATUS_OK && total == n);
    size_t per_catalog = 0;
    for (size_t c = 0; c < errcat_catalog_count(); c++) {
        const errcat_catalog *cat = errcat_catalog_at(c);
        size_t t = 0;
        CHECK(errcat_catalog_search(cat, "expired", NULL, 0, &t) == ERRCAT_STATUS_OK);
        /* Catalog order, then table order: this catalog's hits are the next t. */
        const errcat_entry **mine = calloc(t ? t : 1, sizeof *mine);
        CHECK(errcat_catalog_search(cat, "expired", mine, t, &t) == ERRCAT_STATUS_OK);
        for (size_t i = 0; i < t && per_catalog + i < n; i++) {
            CHECK(mine[i] == hits[per_catalog + i]);
            CHECK(errcat_entry_catalog(mine[i]) == cat);
        }
        per_catalog += t;
        free(mine);
    }
    CHECK_INT(per_catalog, n, "search = sum of catalog searches");
    for (size_t i = 0; i < n; i++) {
        const errcat_entry *e = hits[i];
        const errcat_catalog *cat = errcat_entry_catalog(e);
        CHECK(errcat_catalog_lookup_code(cat, errcat_entry_code(e)) == e);
    }
    /* A smaller buffer gets the first hits and the full total. */
    const errcat_entry *two[2] = {NULL, NULL};
    CHECK(errcat_search("expired", two, 2, &total) == ERRCAT_STATUS_OK && total == n);
    CHECK(two[0] == hits[0] && two[1] == hits[1]);
    free(hits);
    /* Every term must match; nothing and blank text find nothing. */
    CHECK(errcat_search("expired zzzznotaword", NULL, 0, &total) == ERRCAT_STATUS_OK && total == 0);
    CHECK(errcat_search("   ", NULL, 0, &total) == ERRCAT_STATUS_OK && total == 0);
    const errcat_entry *one = NULL;
    CHECK(errcat_search("RATE_LIMITED", &one, 1, &total) == ERRCAT_STATUS_OK && total >= 1);
    CHECK(one == errcat_lookup_symbol("spaces", "RATE_LIMITED"));
    /* Text over 1024 bytes finds nothing. */
    char *longtext = malloc(2000);
    memset(longtext, 'a', 1999);
    longtext[1999] = 0;
    CHECK(errcat_search(longtext, NULL, 0, &total) == ERRCAT_STATUS_OK && total == 0);
    free(longtext);

    /* Bad arguments: a status, *total 0, a last error. */
    total = 5;
    errcat_clear_last_error();
    CHECK(errcat_search(NULL, NULL, 0, &total) == ERRCAT_STATUS_NULL_ARGUMENT && total == 0);
    CHECK(contains(errcat_last_error_message(), "text is NULL"));
    CHECK(errcat_search("x", NULL, 0, NULL) == ERRCAT_STATUS_NULL_ARGUMENT);
    CHECK(contains(errcat_last_error_message(), "total is NULL"));
    total = 5;
    CHECK(errcat_search("x", NULL, 3, &total) == ERRCAT_STATUS_NULL_ARGUMENT && total == 0);
    CHECK(contains(errcat_last_error_message(), "capacity is 3"));
    CHECK(errcat_search("bad \xff utf8", two, 2, &total) == ERRCAT_STATUS_INVALID_ARGUMENT && total == 0);
    CHECK(contains(errcat_last_error_message(), "not valid UTF-8"));
    CHECK(errcat_catalog_search(NULL, "x", NULL, 0, &total) == ERRCAT_STATUS_NULL_ARGUMENT && total == 0);
    CHECK(contains(errcat_last_error_message(), "catalog is NULL"));
}

static void test_error_for(void) {
    errcat_error *err = NULL;
    CHECK(errcat_error_for("spaces", "rate-limited", &err) == ERRCAT_STATUS_OK && err != NULL);
    CHECK_STR(errcat_error_symbol(err), "RATE_LIMITED", "error_for symbol");
    CHECK(!errcat_error_is_unknown(err));
    CHECK(errcat_error_entry(err) == errcat_lookup_symbol("spaces", "RATE_LIMITED"));
    CHECK(errcat_error_catalog(err) == errcat_catalog_get("spaces"));
    CHECK(errcat_error_server_message(err) == NULL);
    CHECK_STR(errcat_error_message(err), errcat_entry_message(errcat_error_entry(err)), "table's message");
    CHECK_STR(errcat_error_raw_code(err), "RATE_LIMITED", "string wire: raw code is the symbol");
    CHECK_STR(errcat_error_ns_domain(err), "errcat.spaces", "domain");
    errcat_error_free(err);

    /* A code works as well as a symbol; integer wire keeps the number. */
    CHECK(errcat_error_for("rtc", "102", &err) == ERRCAT_STATUS_OK);
    CHECK_INT(errcat_error_code(err), 102, "rtc 102");
    CHECK_STR(errcat_error_raw_code(err), "102", "rtc raw");
    errcat_error_free(err);
    CHECK(errcat_catalog_error_for(errcat_catalog_get("rtc"), "user not found", &err) == ERRCAT_STATUS_OK);
    CHECK_INT(errcat_error_code(err), 102, "catalog_error_for");
    errcat_error_free(err);

    err = (errcat_error *)1;
    CHECK_FAILS(errcat_error_for("spaces", "NO_SUCH_THING", &err), ERRCAT_STATUS_UNKNOWN_CODE, "spaces has no code or symbol \"NO_SUCH_THING\"", err);
    err = (errcat_error *)1;
    CHECK_FAILS(errcat_error_for("nope", "x", &err), ERRCAT_STATUS_UNKNOWN_CATALOG, "unknown catalog \"nope\"", err);
    err = (errcat_error *)1;
    CHECK_FAILS(errcat_error_for(NULL, "x", &err), ERRCAT_STATUS_NULL_ARGUMENT, "catalog id is NULL", err);
    err = (errcat_error *)1;
    CHECK_FAILS(errcat_error_for("rtc", NULL, &err), ERRCAT_STATUS_NULL_ARGUMENT, "query is NULL", err);
    err = (errcat_error *)1;
    CHECK_FAILS(errcat_error_for("rtc", "\xc3\x28", &err), ERRCAT_STATUS_INVALID_ARGUMENT, "not valid UTF-8", err);
    err = (errcat_error *)1;
    CHECK_FAILS(errcat_catalog_error_for(NULL, "102", &err), ERRCAT_STATUS_NULL_ARGUMENT, "catalog is NULL", err);
    errcat_clear_last_error();
    CHECK(errcat_error_for("rtc", "102", NULL) == ERRCAT_STATUS_NULL_ARGUMENT);
    CHECK(contains(errcat_last_error_message(), "out is NULL"));
}

static void test_catalog_lookups(void) {
    const errcat_catalog *rtc = errcat_catalog_get("rtc");
    const errcat_entry *e = errcat_lookup_code("rtc", 102);
    CHECK(errcat_catalog_lookup(rtc, "102") == e);
    CHECK(errcat_catalog_lookup(rtc, "USER-NOT-FOUND") == e);
    CHECK(errcat_catalog_lookup_symbol(rtc, "userNotFound") == e);
    errcat_clear_last_error();
    CHECK(errcat_catalog_lookup_symbol(rtc, "USER_NOT_FOUND") == NULL); /* exact only */
    CHECK(errcat_last_error_status() == ERRCAT_STATUS_UNKNOWN_CODE);
    CHECK(errcat_catalog_lookup(NULL, "102") == NULL && errcat_last_error_status() == ERRCAT_STATUS_NULL_ARGUMENT);
    CHECK(errcat_catalog_lookup(rtc, NULL) == NULL && errcat_last_error_status() == ERRCAT_STATUS_NULL_ARGUMENT);
    CHECK(errcat_catalog_lookup(rtc, "\xff") == NULL && errcat_last_error_status() == ERRCAT_STATUS_INVALID_ARGUMENT);
    CHECK(errcat_catalog_lookup_symbol(NULL, "x") == NULL && errcat_last_error_status() == ERRCAT_STATUS_NULL_ARGUMENT);
    CHECK(errcat_catalog_lookup_code(NULL, 1) == NULL && errcat_last_error_status() == ERRCAT_STATUS_NULL_ARGUMENT);
}

/* Everything a loaded catalog answers, as the built-in ones do. */
static void check_acme(const errcat_catalog *cat, const char *ctx) {
    CHECK_STR(errcat_catalog_id(cat), "acme", ctx);
    CHECK_STR(errcat_catalog_name(cat), "Acme API", ctx);
    CHECK_STR(errcat_catalog_domain(cat), "com.acme", ctx);
    CHECK_STR(errcat_catalog_wire(cat), "int", ctx);
    CHECK_STR(errcat_catalog_description(cat), "Errors of the Acme API.", ctx);
    CHECK_INT(errcat_catalog_entry_count(cat), 2, ctx);
    const errcat_entry *e = errcat_catalog_entry_at(cat, 0);
    CHECK(e != NULL && errcat_catalog_entry_at(cat, 2) == NULL);
    CHECK(errcat_entry_catalog(e) == cat);
    CHECK(errcat_catalog_lookup_code(cat, 7) == e);
    CHECK(errcat_catalog_lookup(cat, "jammed") == e);
    CHECK(errcat_catalog_lookup(cat, "7") == e);
    CHECK(errcat_catalog_lookup_symbol(cat, "STUCK") == e);
    CHECK(errcat_catalog_lookup_code(cat, 9) == NULL && errcat_last_error_status() == ERRCAT_STATUS_UNKNOWN_CODE);
    CHECK(contains(errcat_last_error_message(), "acme has no code 9"));
    CHECK_INT(errcat_entry_code(e), 7, ctx);
    CHECK_STR(errcat_entry_symbol(e), "JAMMED", ctx);
    CHECK_STR(errcat_entry_type_name(e), "Jammed", ctx);
    CHECK_STR(errcat_entry_message(e), "The machine is jammed.", ctx);
    CHECK_STR(errcat_entry_category(e), "machine", ctx);
    CHECK_STR(errcat_entry_category_name(e), "Machine errors", ctx);
    CHECK(errcat_entry_kind(e) == ERRCAT_KIND_UNAVAILABLE);
    CHECK_STR(errcat_entry_kind_name(e), "unavailable", ctx);
    CHECK_INT(errcat_entry_http_status(e), 503, ctx);
    CHECK(errcat_entry_retryable(e) && errcat_entry_wait_required(e) && !errcat_entry_server_only(e));
    CHECK_STR(errcat_entry_reaction(e), "Clear the jam.", ctx);
    CHECK_INT(errcat_entry_alias_count(e), 1, ctx);
    CHECK_STR(errcat_entry_alias_at(e, 0), "STUCK", ctx);
    CHECK_INT(errcat_entry_cause_count(e), 2, ctx);
    CHECK_STR(errcat_entry_cause_at(e, 1), "gears", ctx);
    CHECK(errcat_entry_cause_at(e, 2) == NULL);
    CHECK_INT(errcat_entry_minor_code_count(e), 1, ctx);
    int64_t code = 0;
    const char *detail = NULL, *reaction = NULL;
    CHECK(errcat_entry_minor_code_at(e, 0, &code, &detail, &reaction) && code == 1);
    CHECK_STR(detail, "Paper jam", ctx);
    CHECK_STR(reaction, "Open tray 2.", ctx);
    CHECK_STR(errcat_entry_minor_detail(e, 1), "Paper jam", ctx);
    CHECK(!errcat_entry_deprecated(e));
    const errcat_entry *old = errcat_catalog_lookup_code(cat, 8);
    CHECK(errcat_entry_deprecated(old));
    CHECK_STR(errcat_entry_deprecated_since(old), "2.0", ctx);
    CHECK_STR(errcat_entry_replaced_by(old), "JAMMED", ctx);
    CHECK_STR(errcat_entry_deprecation_note(old), "merged", ctx);
    size_t total = 0;
    const errcat_entry *hit = NULL;
    CHECK(errcat_catalog_search(cat, "gears", &hit, 1, &total) == ERRCAT_STATUS_OK && total == 1 && hit == e);
    /* Not registered by id. */
    CHECK(errcat_catalog_get("acme") == NULL && errcat_lookup("acme", "7") == NULL);
}

static void test_parse_catalog(void) {
    errcat_catalog *cat = NULL;
    CHECK(parse(ACME_TOML, ERRCAT_FORMAT_TOML, &cat) == ERRCAT_STATUS_OK && cat != NULL);
    check_acme(cat, "parsed TOML");

    /* Decoding and error_for against the loaded catalog. */
    errcat_error *err = NULL;
    const char *body = "{\"code\":7,\"message\":\"jam!\",\"minor\":1}";
    CHECK(errcat_catalog_decode(cat, (const uint8_t *)body, strlen(body), &err) == ERRCAT_STATUS_OK);
    CHECK_STR(errcat_error_symbol(err), "JAMMED", "decode loaded");
    CHECK_STR(errcat_error_message(err), "jam!", "decode loaded");
    CHECK_STR(errcat_error_minor_detail(err), "Paper jam", "decode loaded");
    CHECK_STR(errcat_error_ns_domain(err), "com.acme", "decode loaded");
    CHECK(errcat_error_catalog(err) == cat);
    CHECK(errcat_error_entry(err) == errcat_catalog_lookup_code(cat, 7));
    errcat_error *unknown = NULL;
    CHECK(errcat_catalog_decode(cat, (const uint8_t *)"99", 2, &unknown) == ERRCAT_STATUS_OK);
    CHECK(errcat_error_is_unknown(unknown) && errcat_error_entry(unknown) == NULL);
    errcat_error_free(unknown);
    errcat_error *made = NULL;
    CHECK(errcat_catalog_error_for(cat, "out-of-toner", &made) == ERRCAT_STATUS_OK);
    CHECK_INT(errcat_error_code(made), 8, "error_for loaded");
    CHECK(errcat_catalog_decode(cat, (const uint8_t *)"{", 1, &unknown) == ERRCAT_STATUS_MALFORMED);
    CHECK(unknown == NULL);

    /* Errors keep the catalog alive after its handle is freed. */
    errcat_catalog_free(cat);
    CHECK_STR(errcat_catalog_id(errcat_error_catalog(err)), "acme", "catalog outlives its handle");
    CHECK_STR(errcat_entry_symbol(errcat_error_entry(err)), "JAMMED", "entry outlives the handle");
    CHECK_STR(errcat_entry_symbol(errcat_error_entry(made)), "OUT_OF_TONER", "entry outlives the handle");
    errcat_error_free(err);
    errcat_error_free(made);

    /* JSON, a string-wire catalog. */
    CHECK(parse(ACME_JSON, ERRCAT_FORMAT_JSON, &cat) == ERRCAT_STATUS_OK);
    CHECK_STR(errcat_catalog_wire(cat), "string", "json");
    CHECK(errcat_catalog_decode(cat, (const uint8_t *)"\"BAD_THING\"", 11, &err) == ERRCAT_STATUS_OK);
    CHECK_INT(errcat_error_code(err), 1, "json decode");
    errcat_error_free(err);
    errcat_catalog_free(cat);

    /* Failures: a status, NULL out, a message that says what is wrong. */
    cat = (errcat_catalog *)1;
    CHECK_FAILS(parse(ACME_TOML, ERRCAT_FORMAT_JSON, &cat), ERRCAT_STATUS_INVALID_CATALOG, "<bytes>: invalid JSON", cat);
    cat = (errcat_catalog *)1;
    CHECK_FAILS(parse("[catalog]\nid = 1 2\n", ERRCAT_FORMAT_TOML, &cat), ERRCAT_STATUS_INVALID_CATALOG,
                "<bytes>: invalid TOML: line 2", cat);
    cat = (errcat_catalog *)1;
    CHECK_FAILS(errcat_parse_catalog((const uint8_t *)"x\xff\xfe", 3, ERRCAT_FORMAT_TOML, &cat),
                ERRCAT_STATUS_INVALID_CATALOG, "UTF-8", cat);
    cat = (errcat_catalog *)1;
    CHECK_FAILS(parse("[catalog]\nid = \"x\"\nname = \"X\"\nwire = \"int\"\n[[category]]\nid = \"c\"\nname = \"C\"\n"
                      "[[entry]]\ncode = 1\nsymbol = \"A\"\nmessage = \"m\"\ncategory = \"nope\"\nkind = \"internal\"\n",
                      ERRCAT_FORMAT_TOML, &cat),
                ERRCAT_STATUS_INVALID_CATALOG, "nope", cat);
    cat = (errcat_catalog *)1;
    CHECK_FAILS(parse("{\"catalog\":{\"id\":\"z\",\"name\":\"Z\",\"wire\":\"int\"},\"category\":[{\"id\":\"c\",\"name\":\"C\"}],"
                      "\"entry\":[{\"code\":1,\"symbol\":\"A\",\"message\":\"nul\\u0000inside\",\"category\":\"c\","
                      "\"kind\":\"internal\"}]}",
                      ERRCAT_FORMAT_JSON, &cat),
                ERRCAT_STATUS_INVALID_CATALOG, "entry 1 holds U+0000", cat);
    cat = (errcat_catalog *)1;
    CHECK_FAILS(parse(ACME_TOML, 2, &cat), ERRCAT_STATUS_INVALID_ARGUMENT, "format 2", cat);
    cat = (errcat_catalog *)1;
    CHECK_FAILS(errcat_parse_catalog(NULL, 5, ERRCAT_FORMAT_TOML, &cat), ERRCAT_STATUS_NULL_ARGUMENT,
                "bytes is NULL", cat);
    cat = (errcat_catalog *)1;
    CHECK_FAILS(errcat_parse_catalog(NULL, 0, ERRCAT_FORMAT_TOML, &cat), ERRCAT_STATUS_INVALID_CATALOG, "<bytes>", cat);
    errcat_clear_last_error();
    CHECK(parse(ACME_TOML, ERRCAT_FORMAT_TOML, NULL) == ERRCAT_STATUS_NULL_ARGUMENT);
    CHECK(contains(errcat_last_error_message(), "out is NULL"));
    CHECK_STR(errcat_status_reason(ERRCAT_STATUS_INVALID_CATALOG), "invalid_catalog", "reason");
}

static int write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    size_t n = fwrite(text, 1, strlen(text), f);
    return fclose(f) == 0 && n == strlen(text);
}

static void test_load_catalog(void) {
    char dir[] = "/tmp/errcat-c-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char good[256], bad[256], txt[256], missing[256], json[256];
    snprintf(good, sizeof good, "%s/acme.toml", dir);
    snprintf(bad, sizeof bad, "%s/bad.toml", dir);
    snprintf(txt, sizeof txt, "%s/acme.txt", dir);
    snprintf(missing, sizeof missing, "%s/missing.toml", dir);
    snprintf(json, sizeof json, "%s/acme.json", dir);
    CHECK(write_file(good, ACME_TOML) && write_file(bad, "[catalog]\nid = \"x\"\n") && write_file(txt, ACME_TOML) &&
          write_file(json, ACME_JSON));

    errcat_catalog *cat = NULL;
    CHECK(errcat_load_catalog(good, &cat) == ERRCAT_STATUS_OK && cat != NULL);
    check_acme(cat, "loaded file");
    errcat_catalog_free(cat);
    CHECK(errcat_load_catalog(json, &cat) == ERRCAT_STATUS_OK);
    CHECK_STR(errcat_catalog_id(cat), "acme_json", "json file");
    errcat_catalog_free(cat);

    /* A bad file: the message names the file and the problem. */
    cat = (errcat_catalog *)1;
    CHECK_FAILS(errcat_load_catalog(bad, &cat), ERRCAT_STATUS_INVALID_CATALOG, bad, cat);
    CHECK(contains(errcat_last_error_message(), "name"));
    cat = (errcat_catalog *)1;
    CHECK_FAILS(errcat_load_catalog(missing, &cat), ERRCAT_STATUS_INVALID_CATALOG, "cannot read", cat);
    cat = (errcat_catalog *)1;
    CHECK_FAILS(errcat_load_catalog(txt, &cat), ERRCAT_STATUS_INVALID_CATALOG, "unknown file type", cat);
    cat = (errcat_catalog *)1;
    CHECK_FAILS(errcat_load_catalog("/tmp/errcat-\xff-no-such.toml", &cat), ERRCAT_STATUS_INVALID_CATALOG,
                "cannot read", cat);
    cat = (errcat_catalog *)1;
    CHECK_FAILS(errcat_load_catalog(NULL, &cat), ERRCAT_STATUS_NULL_ARGUMENT, "path is NULL", cat);
    errcat_clear_last_error();
    CHECK(errcat_load_catalog(good, NULL) == ERRCAT_STATUS_NULL_ARGUMENT);

    unlink(good);
    unlink(bad);
    unlink(txt);
    unlink(json);
    CHECK(rmdir(dir) == 0);
}

static void test_free(void) {
    /* NULL and the built-in catalogs are ignored; built-ins still work. */
    errcat_catalog_free(NULL);
    errcat_catalog_free((errcat_catalog *)errcat_catalog_get("rtc"));
    errcat_catalog_free((errcat_catalog *)errcat_catalog_at(0));
    CHECK(errcat_lookup_code("rtc", 102) != NULL);
    CHECK_STR(errcat_catalog_id(errcat_catalog_get("rtc")), "rtc", "built-in survives free");
    /* Many catalogs loaded and freed: valgrind sees every byte returned. */
    for (int i = 0; i < 20; i++) {
        errcat_catalog *cat = NULL;
        CHECK(parse(ACME_TOML, ERRCAT_FORMAT_TOML, &cat) == ERRCAT_STATUS_OK);
        errcat_catalog_free(cat);
    }
}

/* One loaded catalog shared by threads: each looks up, searches, decodes
 * and keeps its error; the handle is freed while they still hold errors,
 * and whichever error is freed last frees the catalog. */
#define THREADS 4

struct worker {
    errcat_catalog *cat;
    errcat_error *err;
    int ok;
};

static void *work(void *arg) {
    struct worker *w = arg;
    const errcat_entry *e = errcat_catalog_lookup(w->cat, "jammed");
    size_t total = 0;
    const errcat_entry *hit = NULL;
    w->ok = e != NULL && errcat_catalog_lookup_code(w->cat, 7) == e &&
            errcat_catalog_search(w->cat, "gears", &hit, 1, &total) == ERRCAT_STATUS_OK && hit == e &&
            errcat_catalog_decode(w->cat, (const uint8_t *)"7", 1, &w->err) == ERRCAT_STATUS_OK &&
            errcat_error_entry(w->err) == e;
    return NULL;
}

static void test_threads(void) {
    errcat_catalog *cat = NULL;
    CHECK(parse(ACME_TOML, ERRCAT_FORMAT_TOML, &cat) == ERRCAT_STATUS_OK);
    struct worker w[THREADS];
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) {
        w[i] = (struct worker){cat, NULL, 0};
        CHECK(pthread_create(&t[i], NULL, work, &w[i]) == 0);
    }
    for (int i = 0; i < THREADS; i++) {
        CHECK(pthread_join(t[i], NULL) == 0);
        CHECK_MSG(w[i].ok, "thread %d", i);
    }
    errcat_catalog_free(cat);
    for (int i = 0; i < THREADS; i++) {
        CHECK_STR(errcat_error_symbol(w[i].err), "JAMMED", "error after the handle is freed");
        errcat_error_free(w[i].err);
    }
}

int main(void) {
    test_search();
    test_error_for();
    test_catalog_lookups();
    test_parse_catalog();
    test_load_catalog();
    test_free();
    test_threads();
    return check_summary("test_catalogs");
}
