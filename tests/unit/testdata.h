/* Loading real hardware evidence from tests/data (or $FUTEET_TESTDATA) in
 * host unit tests; tests/data/MANIFEST.md gives each file's source. */
#ifndef FUTEET_TESTS_TESTDATA_H
#define FUTEET_TESTS_TESTDATA_H

#include <stddef.h>
#include <stdint.h>

/* The whole file at PATH, malloc'ed, a NUL after its bytes; NULL (and
 * *len = 0) when it cannot be read or is empty. */
uint8_t *testdata_read(const char *path, size_t *len);
/* The same for the file at REL below the test-data directory. */
uint8_t *testdata_load(const char *rel, size_t *len);
/* testdata_load, or the running cmocka test fails naming the file. */
uint8_t *testdata_need(const char *rel, size_t *len);

#endif
