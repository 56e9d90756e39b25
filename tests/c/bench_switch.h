/* The benchmark baseline (bench_switch.c, written by errcat-codegen). */
#ifndef ERRCAT_TEST_BENCH_SWITCH_H
#define ERRCAT_TEST_BENCH_SWITCH_H

#include <stddef.h>
#include <stdint.h>
#include "errcat.h"

struct bench_catalog {
    const char *id;       /* a string literal of the test program */
    const char *interned; /* the header's errcat_id_<catalog> */
    const char *(*symbol_of)(int64_t code);
    const int64_t *codes;
    size_t n_codes;
};

extern const struct bench_catalog BENCH_CATALOGS[];
extern const size_t BENCH_CATALOGS_LEN;

#endif
