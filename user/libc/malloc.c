/* FUTEET userland: malloc over sbrk. The free list of K&R ("The C Programming
 * Language", 2nd ed., 8.7): one circular list of free blocks in address
 * order, first fit, split on allocation, merged with both neighbours on free.
 *
 *   block:  [ struct hdr (16 bytes) | payload ... ]   size counted in 16-byte
 *            ^ next free (free blocks only), units     units, header included
 *
 * Payloads are 16-byte aligned (x86-64 psABI: max_align_t). A block being
 * freed that overlaps a free one (a double free, or a wild pointer caught by
 * chance) aborts the program. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct hdr {
	struct hdr *next;   /* next free block (when on the free list) */
	size_t units;       /* block size in units of sizeof(struct hdr) */
};
_Static_assert(sizeof(struct hdr) == 16, "a header is one 16-byte unit");

#define UNIT sizeof(struct hdr)
#define GROW_MIN_UNITS ((size_t)64 * 1024 / UNIT)   /* ask sbrk for >= 64 KiB */

static struct hdr base;            /* zero-size list head */
static struct hdr *freep;          /* where the last search ended */
static uintptr_t heap_lo, heap_hi; /* bounds of all memory sbrk gave us */

static void heap_corrupt(void)
{
	abort();
}

/* Return [p, p + units) to the free list, merging with its neighbours. */
static void free_block(struct hdr *bp)
{
	struct hdr *p;

	/* find p with p < bp < p->next, or p at the wrap-around point */
	for (p = freep; !(bp > p && bp < p->next); p = p->next) {
		if (p >= p->next && (bp > p || bp < p->next))
			break;   /* bp at one end of the arena */
		if (bp == p || bp == p->next)
			heap_corrupt();
	}
	if ((p != &base && bp < p + p->units) ||
	    (p->next != &base && p->next > bp && bp + bp->units > p->next))
		heap_corrupt();   /* overlaps a free block */

	if (bp + bp->units == p->next) {   /* merge with the upper neighbour */
		bp->units += p->next->units;
		bp->next = p->next->next;
	} else {
		bp->next = p->next;
	}
	if (p + p->units == bp) {          /* merge with the lower neighbour */
		p->units += bp->units;
		p->next = bp->next;
	} else {
		p->next = bp;
	}
	freep = p;
}

static struct hdr *grow(size_t units)
{
	char *cp;
	uintptr_t mis;
	struct hdr *up;

	if (units < GROW_MIN_UNITS)
		units = GROW_MIN_UNITS;
	if (units > (size_t)INTPTR_MAX / UNIT - 1)
		return NULL;
	cp = sbrk((intptr_t)(units * UNIT));
	if (cp == (char *)-1)
		return NULL;
	mis = (uintptr_t)cp % UNIT;
	if (mis) {   /* someone left the break unaligned: skip to a unit */
		if (sbrk((intptr_t)(UNIT - mis)) == (void *)-1)
			return NULL;
		cp += UNIT - mis;
	}
	up = (struct hdr *)cp;
	up->units = units;
	up->next = NULL;
	if (!heap_lo || (uintptr_t)cp < heap_lo)
		heap_lo = (uintptr_t)cp;
	if ((uintptr_t)cp + units * UNIT > heap_hi)
		heap_hi = (uintptr_t)cp + units * UNIT;
	free_block(up);
	return freep;
}

void *malloc(size_t size)
{
	struct hdr *p, *prev;
	size_t units;

	if (size > SIZE_MAX - 2 * UNIT) {
		errno = ENOMEM;
		return NULL;
	}
	units = (size + UNIT - 1) / UNIT + 1;   /* malloc(0) gets a unique block */
	if (!freep) {
		base.next = freep = &base;
		base.units = 0;
	}
	prev = freep;
	for (p = prev->next;; prev = p, p = p->next) {
		if (p->units >= units) {
			if (p->units == units) {
				prev->next = p->next;
			} else {   /* hand out the tail, keep the head free */
				p->units -= units;
				p += p->units;
				p->units = units;
			}
			p->next = NULL;
			freep = prev;
			return p + 1;
		}
		if (p == freep) {   /* wrapped around: nothing fits */
			p = grow(units);
			if (!p) {
				errno = ENOMEM;
				return NULL;
			}
		}
	}
}

void free(void *ptr)
{
	struct hdr *bp;

	if (!ptr)
		return;
	bp = (struct hdr *)ptr - 1;
	/* an allocated block lies inside the heap and has next == NULL */
	if ((uintptr_t)ptr % UNIT || (uintptr_t)bp < heap_lo || (uintptr_t)ptr > heap_hi ||
	    bp->units == 0 || bp->units > (heap_hi - (uintptr_t)bp) / UNIT || bp->next)
		heap_corrupt();
	free_block(bp);
}

void *calloc(size_t nmemb, size_t size)
{
	size_t n;
	void *p;

	if (__builtin_mul_overflow(nmemb, size, &n)) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(n);
	if (p)
		memset(p, 0, n);
	return p;
}

void *realloc(void *ptr, size_t size)
{
	struct hdr *bp;
	size_t have;
	void *np;

	if (!ptr)
		return malloc(size);
	if (size == 0) {
		free(ptr);
		return NULL;
	}
	bp = (struct hdr *)ptr - 1;
	have = (bp->units - 1) * UNIT;
	if (size <= have)
		return ptr;
	np = malloc(size);
	if (!np)
		return NULL;   /* C11 7.22.3.5: the old block is left as it was */
	memcpy(np, ptr, have);
	free(ptr);
	return np;
}
