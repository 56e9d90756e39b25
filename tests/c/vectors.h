/* The shared test vectors (every .json file of tests/vectors, format in
 * tests/vectors/README.md) read with cJSON and run through the C API. */
#ifndef ERRCAT_TEST_VECTORS_H
#define ERRCAT_TEST_VECTORS_H

#include <stddef.h>
#include <cjson/cJSON.h>

#define VECTORS_MAX_FILES 64

struct payload;

struct vectors {
    size_t n_files;
    char *names[VECTORS_MAX_FILES];
    cJSON *roots[VECTORS_MAX_FILES];
    size_t n_lookups, n_decodes, n_responses, n_localized;
    struct payload *payloads; /* one per decode case, in order */
};

/* Loads every *.json file of `dir` (sorted by name). Problems (an unreadable
 * file, bad JSON, an unknown top-level key) are counted as failed checks.
 * Returns the number of files loaded. */
size_t vectors_load(const char *dir, struct vectors *v);

/* Runs every lookups[], decodes[] and responses[] case once, counting checks. Safe to
 * call from several threads at once on the same loaded vectors. */
void vectors_run(const struct vectors *v);

void vectors_free(struct vectors *v);

#include "errcat.h"

/* Checks what errcat_decode_response gave (`st`, `err`, NULL for "no
 * error") against a responses[] case's expect, counting checks. */
void vectors_check_response(const cJSON *c, const char *ctx, errcat_status st, const errcat_error *err);

/* A responses[] case's body (body, body_hex or body_gen), malloc'd. */
int vectors_response_body(const cJSON *c, const char *ctx, char **p, size_t *n);

#endif
