/* The bounded string builder of lib/strbuf.h. */
#include "lib/bytes.h"
#include "lib/strbuf.h"

void strbuf_init(struct strbuf *b, char *p, size_t cap)
{
	b->p = p;
	b->cap = p ? cap : 0;
	b->len = 0;
	b->truncated = false;
	if (b->cap)
		b->p[0] = '\0';
}

void strbuf_reset(struct strbuf *b)
{
	b->len = 0;
	b->truncated = false;
	if (b->cap)
		b->p[0] = '\0';
}

static void add_char(struct strbuf *b, char c)
{
	if (b->len + 1 >= b->cap) {
		b->truncated = true;
		return;
	}
	b->p[b->len++] = c;
	b->p[b->len] = '\0';
}

void strbuf_add(struct strbuf *b, const char *s)
{
	for (; s && *s; s++)
		add_char(b, *s);
}

void strbuf_add_ascii(struct strbuf *b, const uint8_t *s, size_t n)
{
	for (size_t i = 0; s && i < n; i++)
		add_char(b, bytes_ascii(s[i]));
}

void strbuf_add_u64(struct strbuf *b, uint64_t v)
{
	char t[21]; /* 2^64 - 1 has 20 digits */
	size_t i = sizeof(t) - 1;

	t[i] = '\0';
	do {
		t[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v && i > 0);
	strbuf_add(b, t + i);
}

void strbuf_set2(char *p, size_t cap, const char *a, const char *b)
{
	struct strbuf sb;

	strbuf_init(&sb, p, cap);
	strbuf_add(&sb, a);
	strbuf_add(&sb, b);
}
