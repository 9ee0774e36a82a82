/* The host tools' file reading (futeet-measure, futeet-sim, futeet-verify):
 * a whole file into memory, bounded, and the SHA-256 of a file. */
#ifndef FUTEET_TOOLS_COMMON_FILE_H
#define FUTEET_TOOLS_COMMON_FILE_H

#include <stddef.h>
#include <stdint.h>

/* The file's bytes in a malloc'ed *out (the caller frees it) with a NUL
 * after them, *len without it. 0; -ENOENT (cannot open), -E2BIG (more than
 * max bytes), -ENOMEM or -EIO; *out is NULL then. */
int tool_read_file(const char *path, size_t max, uint8_t **out, size_t *len);

/* SHA-256 of the file's bytes, read in pieces. 0, -ENOENT or -EIO. */
int tool_sha256_file(const char *path, uint8_t out[32]);

#endif
