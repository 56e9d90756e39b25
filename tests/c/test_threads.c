/* 8 threads look up and decode at once: each runs every shared vector
 * (which checks its thread's own last error after each failure) and walks
 * every entry of every catalog through every lookup. Usage:
 * test_threads <vector-dir> [rounds] */

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "errcat.h"
#include "vectors.h"

#define THREADS 8

static struct vectors vec;
static int rounds = 2;
static pthread_barrier_t start;

static void walk_all_entries(void) {
    for (size_t c = 0; c < errcat_catalog_count(); c++) {
        const errcat_catalog *cat = errcat_catalog_at(c);
        const char *id = errcat_catalog_id(cat);
        for (size_t i = 0; i < errcat_catalog_entry_count(cat); i++) {
            const errcat_entry *e = errcat_catalog_entry_at(cat, i);
            CHECK(errcat_lookup_code(id, errcat_entry_code(e)) == e);
            CHECK(errcat_lookup_symbol(id, errcat_entry_symbol(e)) == e);
        }
    }
}

static void *worker(void *arg) {
    long me = (long)(intptr_t)arg;
    pthread_barrier_wait(&start);
    for (int r = 0; r < rounds; r++) {
        vectors_run(&vec);
        walk_all_entries();
        /* The last error is per thread: a failure here is seen here only,
         * with this thread's own message, whatever the others do meanwhile. */
        char bogus[32];
        snprintf(bogus, sizeof bogus, "no-such-catalog-%ld", me);
        CHECK(errcat_lookup_code(bogus, 1) == NULL);
        const char *msg = errcat_last_error_message();
        CHECK_MSG(msg && strstr(msg, bogus), "thread %ld sees another thread's last error: %s", me, msg);
        CHECK(errcat_last_error_status() == ERRCAT_STATUS_UNKNOWN_CATALOG);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: %s <vector-dir> [rounds]\n", argv[0]);
        return 2;
    }
    if (argc > 2) rounds = atoi(argv[2]);
    vectors_load(argv[1], &vec);
    pthread_barrier_init(&start, NULL, THREADS);
    pthread_t t[THREADS];
    for (long i = 0; i < THREADS; i++) {
        int rc = pthread_create(&t[i], NULL, worker, (void *)(intptr_t)i);
        CHECK_MSG(rc == 0, "pthread_create failed");
        if (rc) return 1;
    }
    for (int i = 0; i < THREADS; i++) pthread_join(t[i], NULL);
    pthread_barrier_destroy(&start);
    printf("threads: %d threads x %d rounds over %zu lookups, %zu decodes\n", THREADS, rounds, vec.n_lookups,
           vec.n_decodes);
    vectors_free(&vec);
    return check_summary("test_threads");
}
