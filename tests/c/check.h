/* A tiny check counter for the C tests: every CHECK counts as passed or
 * failed, failures print where and why, and check_summary() prints the
 * closing "N passed, M failed" line and gives the exit code. */
#ifndef ERRCAT_TEST_CHECK_H
#define ERRCAT_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

/* Shared by every file of a test program (defined in check.c); atomic so
 * that the threads of test_threads.c can count at once. */
extern _Atomic long check_passed, check_failed;

#define CHECK_MSG(cond, ...)                                                  \
    do {                                                                      \
        if (cond) {                                                           \
            check_passed++;                                                   \
        } else {                                                              \
            check_failed++;                                                   \
            fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);              \
            fprintf(stderr, __VA_ARGS__);                                     \
            fputc('\n', stderr);                                              \
        }                                                                     \
    } while (0)

#define CHECK(cond) CHECK_MSG(cond, "%s", #cond)

/* Compares two C strings, NULL-safe (NULL equals only NULL). */
static inline int str_eq(const char *a, const char *b) {
    if (a == NULL || b == NULL) return a == b;
    return strcmp(a, b) == 0;
}

#define CHECK_STR(actual, expected, ctx)                                      \
    do {                                                                      \
        const char *a_ = (actual), *e_ = (expected);                          \
        CHECK_MSG(str_eq(a_, e_), "%s: %s is \"%s\", expected \"%s\"", (ctx), \
                  #actual, a_ ? a_ : "(null)", e_ ? e_ : "(null)");           \
    } while (0)

#define CHECK_INT(actual, expected, ctx)                                      \
    do {                                                                      \
        long long a_ = (long long)(actual), e_ = (long long)(expected);       \
        CHECK_MSG(a_ == e_, "%s: %s is %lld, expected %lld", (ctx), #actual,  \
                  a_, e_);                                                    \
    } while (0)

/* Prints "<name>: N passed, M failed"; 0 when nothing failed and something
 * passed (a test that checked nothing is a failure too). */
int check_summary(const char *name);

#endif
