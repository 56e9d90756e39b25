#include "check.h"

_Atomic long check_passed, check_failed;

int check_summary(const char *name) {
    long p = check_passed, f = check_failed;
    printf("%s: %ld passed, %ld failed\n", name, p, f);
    return f == 0 && p > 0 ? 0 : 1;
}
