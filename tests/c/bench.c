/* Lookup through the C API against a plain switch over the same codes
 * (bench_switch.c, generated from the table), in one run. Each round looks
 * up every code of every catalog and reads its symbol; the best of several
 * rounds counts. Prints a Markdown table with the ratios.
 * Usage: bench [--report] [rounds]
 * --report prints the whole of reports/bench-c.md: every figure and fact in
 * it comes from this run (scripts/test-c.sh --bench writes it). */

#define _POSIX_C_SOURCE 200809L
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_switch.h"
#include "errcat.h"

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Defeats dead-code elimination: every symbol pointer read is folded in. */
static volatile uintptr_t sink;

enum method { SWITCH, LOOKUP_INTERNED, LOOKUP_COPY, CATALOG_LOOKUP, LOOKUP_SYMBOL };

/* The symbols of each catalog's codes, read once (not timed). */
static const char **symbols[64];
/* Each catalog id as a caller's own string (strdup of the literal): the
 * library cannot know its address, so it compares characters. */
static char *own_ids[64];

/* Specialized per method (always inlined into one function each, below), so
 * each loop is compiled alone: adding a method cannot change the baseline's
 * code. */
static inline __attribute__((always_inline)) size_t one_pass(enum method m) {
    uintptr_t acc = 0;
    size_t n = 0;
    for (size_t c = 0; c < BENCH_CATALOGS_LEN; c++) {
        const struct bench_catalog *bc = &BENCH_CATALOGS[c];
        const errcat_catalog *cat = errcat_catalog_get(bc->id);
        for (size_t i = 0; i < bc->n_codes; i++) {
            int64_t code = bc->codes[i];
            const char *s;
            switch (m) {
            case SWITCH: s = bc->symbol_of(code); break;
            case LOOKUP_INTERNED: s = errcat_entry_symbol(errcat_lookup_code(bc->interned, code)); break;
            case LOOKUP_COPY: s = errcat_entry_symbol(errcat_lookup_code(own_ids[c], code)); break;
            case CATALOG_LOOKUP: s = errcat_entry_symbol(errcat_catalog_lookup_code(cat, code)); break;
            default: s = errcat_entry_symbol(errcat_lookup_symbol(bc->id, symbols[c][i])); break;
            }
            acc += (uintptr_t)s;
            n++;
        }
    }
    sink += acc;
    return n;
}

#define PASS(name, m) \
    static __attribute__((noinline)) size_t name(void) { return one_pass(m); }
PASS(pass_switch, SWITCH)
PASS(pass_interned, LOOKUP_INTERNED)
PASS(pass_copy, LOOKUP_COPY)
PASS(pass_catalog, CATALOG_LOOKUP)
PASS(pass_symbol, LOOKUP_SYMBOL)
static size_t (*const PASSES[])(void) = {
    [SWITCH] = pass_switch,
    [LOOKUP_INTERNED] = pass_interned,
    [LOOKUP_COPY] = pass_copy,
    [CATALOG_LOOKUP] = pass_catalog,
    [LOOKUP_SYMBOL] = pass_symbol,
};

/* Best ns per lookup over `rounds` rounds of `reps` passes each. */
static double measure(enum method m, int rounds, int reps) {
    double best = 1e300;
    for (int r = 0; r < rounds; r++) {
        size_t n = 0;
        double t0 = now_ns();
        for (int k = 0; k < reps; k++) n += PASSES[m]();
        double per = (now_ns() - t0) / (double)n;
        if (per < best) best = per;
    }
    return best;
}

struct run { double t_switch, t_interned, t_lookup, t_cat, t_sym; };

static struct run measure_all(int rounds, int reps) {
    struct run r;
    measure(SWITCH, 2, reps); /* warm-up */
    r.t_switch = measure(SWITCH, rounds, reps);
    r.t_interned = measure(LOOKUP_INTERNED, rounds, reps);
    r.t_lookup = measure(LOOKUP_COPY, rounds, reps);
    r.t_cat = measure(CATALOG_LOOKUP, rounds, reps);
    r.t_sym = measure(LOOKUP_SYMBOL, rounds, reps);
    return r;
}

static void print_table(const struct run *r) {
    printf("| method | ns per lookup | ratio to switch |\n|---|---:|---:|\n");
    printf("| `switch` (baseline, code -> symbol) | %.2f | 1.00 |\n", r->t_switch);
    printf("| `errcat_entry_symbol(errcat_lookup_code(errcat_id_<catalog>, code))`, the header's id | %.2f | %.2f |\n",
           r->t_interned, r->t_interned / r->t_switch);
    printf("| `errcat_entry_symbol(errcat_lookup_code(id, code))`, the caller's own copy of the id | %.2f | %.2f |\n",
           r->t_lookup, r->t_lookup / r->t_switch);
    printf("| `errcat_entry_symbol(errcat_catalog_lookup_code(cat, code))` | %.2f | %.2f |\n", r->t_cat, r->t_cat / r->t_switch);
    printf("| `errcat_entry_symbol(errcat_lookup_symbol(id, symbol))` | %.2f | %.2f |\n", r->t_sym, r->t_sym / r->t_switch);
}

#define TARGET_ID 1.2
#define TARGET_HANDLE 1.1

static void verdict(const char *what, const struct run runs[3], size_t field, double target) {
    double worst = 0;
    for (int k = 0; k < 3; k++) {
        double t = *(const double *)((const char *)&runs[k] + field);
        if (t / runs[k].t_switch > worst) worst = t / runs[k].t_switch;
    }
    if (worst <= target)
        printf("- %s: %.2fx (target %.1fx), met\n", what, worst, target);
    else
        printf("- %s: %.2fx (target %.1fx), missed by %.2fx\n", what, worst, target, worst - target);
}

int main(int argc, char **argv) {
    int report = argc > 1 && strcmp(argv[1], "--report") == 0;
    if (report) { argc--; argv++; }
    int rounds = argc > 1 ? atoi(argv[1]) : 15;
    if (rounds < 1) rounds = 1;
    /* Sanity: the two sides agree on every code (and so do the same work). */
    if (BENCH_CATALOGS_LEN > 64) return 1;
    for (size_t c = 0; c < BENCH_CATALOGS_LEN; c++) {
        const struct bench_catalog *bc = &BENCH_CATALOGS[c];
        symbols[c] = malloc(bc->n_codes * sizeof *symbols[c]);
        for (size_t i = 0; i < bc->n_codes; i++) symbols[c][i] = bc->symbol_of(bc->codes[i]);
        own_ids[c] = strdup(bc->id);
        if (!own_ids[c] || own_ids[c] == bc->interned || strcmp(own_ids[c], bc->interned) != 0) return 1;
        for (size_t i = 0; i < bc->n_codes; i++) {
            const char *a = bc->symbol_of(bc->codes[i]);
            const char *b = errcat_entry_symbol(errcat_lookup_code(own_ids[c], bc->codes[i]));
            const char *d = errcat_entry_symbol(errcat_lookup_code(bc->interned, bc->codes[i]));
            if (!a || !b || strcmp(a, b) != 0 || b != d) {
                fprintf(stderr, "bench: %s code %lld: switch says %s, errcat says %s (own id), %s (header's id)\n",
                        bc->id, (long long)bc->codes[i], a ? a : "(null)", b ? b : "(null)", d ? d : "(null)");
                return 1;
            }
        }
    }
    size_t codes = pass_switch();
    int reps = 200;
    if (!report) {
        struct run r = measure_all(rounds, reps);
        print_table(&r);
        printf("\n%zu codes x %d passes per round, best of %d rounds.\n", codes, reps, rounds);
    } else {
        /* Three independent measurements: their spread is the noise. */
        struct run runs[3];
        for (int k = 0; k < 3; k++) runs[k] = measure_all(rounds, reps);
        printf("# C API lookup vs a plain `switch`\n\n");
        printf("Written by `tests/c/bench.c --report`, run by `scripts/test-c.sh --bench`\n");
#if defined(__clang__)
        const char *cc = "clang";
#elif defined(__GNUC__)
        const char *cc = "gcc";
#else
        const char *cc = "cc";
#endif
        printf("(compiled by %s %s, linked against `liberrcat.a`, not under valgrind).\n\n", cc, __VERSION__);
        printf("One pass looks up all %zu codes of the %zu built-in catalogs and reads each\n", codes,
               (size_t)BENCH_CATALOGS_LEN);
        printf("symbol; a round is %d passes; the best of %d rounds counts. The baseline is\n", reps, rounds);
        printf("`tests/c/bench_switch.c`, a plain `switch` from code to symbol per catalog,\n");
        printf("generated from the same table, measured in the same run. Before timing, the\n");
        printf("program checked that both sides return the same symbol for all %zu codes,\n", codes);
        printf("errcat given either form of the catalog id.\n\n");
        printf("Two forms of the id: `errcat_id_<catalog>`, the library's interned string the\n");
        printf("header declares (found by address), and a `strdup` copy the program made of\n");
        printf("its own literal (an address the library does not know: found by comparing\n");
        printf("characters). Each method runs in its own loop function, so the baseline's\n");
        printf("loop holds nothing but the switch.\n\n");
        printf("## Measurement 1\n\n");
        print_table(&runs[0]);
        printf("\n## Spread: ratios to `switch` in three measurements of this run\n\n");
        printf("| method | 1 | 2 | 3 |\n|---|---:|---:|---:|\n");
        printf("| `errcat_lookup_code(errcat_id_<catalog>, code)` | %.2f | %.2f | %.2f |\n",
               runs[0].t_interned / runs[0].t_switch, runs[1].t_interned / runs[1].t_switch,
               runs[2].t_interned / runs[2].t_switch);
        printf("| `errcat_lookup_code(own copy of id, code)` | %.2f | %.2f | %.2f |\n", runs[0].t_lookup / runs[0].t_switch,
               runs[1].t_lookup / runs[1].t_switch, runs[2].t_lookup / runs[2].t_switch);
        printf("| `errcat_catalog_lookup_code(cat, code)` | %.2f | %.2f | %.2f |\n", runs[0].t_cat / runs[0].t_switch,
               runs[1].t_cat / runs[1].t_switch, runs[2].t_cat / runs[2].t_switch);
        printf("| `errcat_lookup_symbol(id, symbol)` | %.2f | %.2f | %.2f |\n", runs[0].t_sym / runs[0].t_switch,
               runs[1].t_sym / runs[1].t_switch, runs[2].t_sym / runs[2].t_switch);
        printf("\n## Issue 17 targets: lookup by catalog id at most %.1fx the switch, by handle %.1fx\n\n",
               TARGET_ID, TARGET_HANDLE);
        printf("Judged on the worst of the three measurements.\n\n");
        verdict("`errcat_lookup_code(errcat_id_<catalog>, code)`", runs, offsetof(struct run, t_interned), TARGET_ID);
        verdict("`errcat_lookup_code(own copy of id, code)`", runs, offsetof(struct run, t_lookup), TARGET_ID);
        verdict("`errcat_catalog_lookup_code(cat, code)`", runs, offsetof(struct run, t_cat), TARGET_HANDLE);
        printf("\nWhat each call does is documented on the function in `ffi/include/errcat.h`.\n");
    }
    for (size_t c = 0; c < BENCH_CATALOGS_LEN; c++) {
        free(symbols[c]);
        free(own_ids[c]);
    }
    return 0;
}
