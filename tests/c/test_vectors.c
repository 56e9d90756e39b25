/* Every case of every shared vector file (the .json files of tests/vectors) through the
 * C API: lookups, decodes and HTTP responses, expect_error and the NSError view.
 * Usage: test_vectors <vector-dir> */

#include <stdio.h>

#include "check.h"
#include "vectors.h"

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: %s <vector-dir>\n", argv[0]);
        return 2;
    }
    struct vectors v;
    vectors_load(argv[1], &v);
    vectors_run(&v);
    printf("vectors: %zu files, %zu lookups, %zu decodes, %zu responses\n", v.n_files, v.n_lookups, v.n_decodes,
           v.n_responses);
    CHECK_MSG(v.n_lookups > 0 && v.n_decodes > 0 && v.n_responses > 0 && v.n_localized > 0,
              "the vector files hold no lookups, no decodes, no responses or no localized cases");
    vectors_free(&v);
    return check_summary("test_vectors");
}
