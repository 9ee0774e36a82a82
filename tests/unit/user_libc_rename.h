/* Forced-included (-include) when user/libc is compiled for the host unit
 * test (tests/unit/test_user_libc.c): every public libc name gets a ulibc_
 * prefix so the objects link beside glibc without clashing, and the test can
 * call ours and glibc's side by side. */
#ifndef ULIBC_RENAME_H
#define ULIBC_RENAME_H

#define memcpy ulibc_memcpy
#define memmove ulibc_memmove
#define memset ulibc_memset
#define memcmp ulibc_memcmp
#define memchr ulibc_memchr
#define strlen ulibc_strlen
#define strnlen ulibc_strnlen
#define strcmp ulibc_strcmp
#define strncmp ulibc_strncmp
#define strchr ulibc_strchr
#define strrchr ulibc_strrchr
#define strstr ulibc_strstr
#define strcpy ulibc_strcpy
#define strncpy ulibc_strncpy
#define strcat ulibc_strcat
#define strncat ulibc_strncat
#define strdup ulibc_strdup
#define strerror ulibc_strerror

#define isdigit ulibc_isdigit
#define isxdigit ulibc_isxdigit
#define isalpha ulibc_isalpha
#define isalnum ulibc_isalnum
#define isupper ulibc_isupper
#define islower ulibc_islower
#define isspace ulibc_isspace
#define isprint ulibc_isprint
#define isgraph ulibc_isgraph
#define ispunct ulibc_ispunct
#define iscntrl ulibc_iscntrl
#define toupper ulibc_toupper
#define tolower ulibc_tolower

#define malloc ulibc_malloc
#define free ulibc_free
#define calloc ulibc_calloc
#define realloc ulibc_realloc
#define exit ulibc_exit
#define abort ulibc_abort
#define abs ulibc_abs
#define labs ulibc_labs
#define atoi ulibc_atoi
#define atol ulibc_atol
#define strtol ulibc_strtol
#define strtoul ulibc_strtoul
#define strtoll ulibc_strtoll
#define strtoull ulibc_strtoull

#define printf ulibc_printf
#define fprintf ulibc_fprintf
#define snprintf ulibc_snprintf
#define vprintf ulibc_vprintf
#define vfprintf ulibc_vfprintf
#define vsnprintf ulibc_vsnprintf
#define putchar ulibc_putchar
#define fputc ulibc_fputc
#define putc ulibc_putc
#define puts ulibc_puts
#define fputs ulibc_fputs
#define fwrite ulibc_fwrite
#define fflush ulibc_fflush
#define ferror ulibc_ferror
#define perror ulibc_perror
#define getenv ulibc_getenv
#define __ulibc_assert_fail ulibc___assert_fail
#define stdout ulibc_stdout
#define stderr ulibc_stderr

#define write ulibc_write
#define _exit ulibc__exit
#define brk ulibc_brk
#define sbrk ulibc_sbrk
#define errno ulibc_errno
#define environ ulibc_environ
#define mmap ulibc_mmap
#define munmap ulibc_munmap
#define clock_gettime ulibc_clock_gettime
#define getrandom ulibc_getrandom

#endif
