/* The generated table of every C constant (codes_table.c, written by
 * errcat-codegen): the name, its value as the compiler saw it through
 * errcat.h, and the catalog and symbol it stands for. */
#ifndef ERRCAT_TEST_CODES_TABLE_H
#define ERRCAT_TEST_CODES_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include "errcat.h"

struct codes_table_row {
    const char *catalog;
    const char *name;
    int64_t value;
    const char *symbol;
};

extern const struct codes_table_row CODES_TABLE[];
extern const size_t CODES_TABLE_LEN;

/* A catalog's id and the header's interned copy of it (errcat_id_<id>). */
struct codes_table_id {
    const char *id;
    const char *interned;
};

extern const struct codes_table_id CODES_TABLE_IDS[];
extern const size_t CODES_TABLE_IDS_LEN;

#endif
