/* Small compiler helpers shared by the kernel, lib/ and the tools. */
#ifndef FUTEET_COMPILER_H
#define FUTEET_COMPILER_H

#include <stddef.h>
#include <stdint.h>

#define FUTEET_PACKED __attribute__((packed))
#define FUTEET_NORETURN __attribute__((noreturn))
#define FUTEET_UNUSED __attribute__((unused))
#define FUTEET_ALIGNED(n) __attribute__((aligned(n)))
#define FUTEET_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
/* A result the caller must act on: a guest message, a parser of hostile
 * input, a verification. GCC warns (an error under -Werror) even through a
 * (void) cast, so an ignored failure cannot slip in unnoticed. */
#define FUTEET_MUST_CHECK __attribute__((warn_unused_result))

/* Pin a wire struct: its size and the offsets a spec table gives. */
#define FUTEET_ASSERT_SIZE(type, size) \
	_Static_assert(sizeof(type) == (size), #type " size")
#define FUTEET_ASSERT_OFFSET(type, field, off) \
	_Static_assert(offsetof(type, field) == (off), #type "." #field " offset")

/* Wipe a secret so the compiler cannot elide the stores (musl explicit_bzero).
 * An index below n, not a moving pointer: Frama-C's EVA bounds v[i] by n
 * (tests/prove/eva_snp_decrypt.c). */
static inline void futeet_wipe(void *p, size_t n)
{
	volatile uint8_t *v = (volatile uint8_t *)p;
	for (size_t i = 0; i < n; i++)
		v[i] = 0;
	__asm__ __volatile__("" : : "r"(p) : "memory");
}

#endif
