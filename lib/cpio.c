/* cpio newc parser (lib/cpio.h has the layout and its sources). Bounded:
 * each call reads at most one header, one name and skips one data area, all
 * checked against the bytes left. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "futeet/errno.h"
#include "lib/cpio.h"

#define CPIO_FIELD_LEN 8u
#define CPIO_OFF_MODE     14u
#define CPIO_OFF_UID      22u
#define CPIO_OFF_GID      30u
#define CPIO_OFF_NLINK    38u
#define CPIO_OFF_MTIME    46u
#define CPIO_OFF_FILESIZE 54u
#define CPIO_OFF_NAMESIZE 94u
#define CPIO_TRAILER "TRAILER!!!"

static bool hex8(const uint8_t *p, uint32_t *v)
{
	uint32_t x = 0;

	for (unsigned i = 0; i < CPIO_FIELD_LEN; i++) {
		uint8_t c = p[i];
		uint32_t d;
		if (c >= '0' && c <= '9')
			d = (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (uint32_t)(c - 'A' + 10);
		else
			return false;
		x = x << 4 | d;
	}
	*v = x;
	return true;
}

static size_t pad4(size_t n)
{
	return (4u - (n & 3u)) & 3u;
}

/* Components are non-empty and never "..": the tree cannot name anything
 * outside itself. "." components are refused too (one spelling per path). */
static bool name_ok(const char *s, size_t n)
{
	size_t start = 0;

	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '/')
			continue;
		size_t c = i - start;
		if (c == 0)
			return false;
		if (c == 1 && s[start] == '.')
			return false;
		if (c == 2 && s[start] == '.' && s[start + 1] == '.')
			return false;
		start = i + 1;
	}
	return true;
}

int cpio_next(const uint8_t *buf, size_t len, size_t *off, struct cpio_entry *e,
	      const char **why)
{
	uint32_t mode, uid, gid, nlink, mtime, filesize, namesize;
	size_t o = *off;

	*why = NULL;
	if (o > len || len - o < CPIO_HDR_LEN) {
		*why = "cpio: truncated header (no TRAILER!!! entry)";
		return -EINVAL;
	}
	const uint8_t *h = buf + o;
	if (memcmp(h, "070701", 6) != 0 && memcmp(h, "070702", 6) != 0) {
		*why = "cpio: bad magic (not the newc format 070701/070702)";
		return -EINVAL;
	}
	for (unsigned f = 6; f < CPIO_HDR_LEN; f += CPIO_FIELD_LEN) {
		uint32_t dummy;
		if (!hex8(h + f, &dummy)) {
			*why = "cpio: a header field is not 8 hex digits";
			return -EINVAL;
		}
	}
	(void)hex8(h + CPIO_OFF_MODE, &mode);
	(void)hex8(h + CPIO_OFF_UID, &uid);
	(void)hex8(h + CPIO_OFF_GID, &gid);
	(void)hex8(h + CPIO_OFF_NLINK, &nlink);
	(void)hex8(h + CPIO_OFF_MTIME, &mtime);
	(void)hex8(h + CPIO_OFF_FILESIZE, &filesize);
	(void)hex8(h + CPIO_OFF_NAMESIZE, &namesize);
	o += CPIO_HDR_LEN;

	if (namesize == 0 || namesize > len - o) {
		*why = "cpio: name runs past the end of the archive";
		return -EINVAL;
	}
	const char *name = (const char *)(buf + o);
	if (name[namesize - 1] != '\0' || strlen(name) != namesize - 1) {
		*why = "cpio: name is not one NUL-terminated string";
		return -EINVAL;
	}
	size_t nlen = namesize - 1;
	size_t skip = namesize + pad4(CPIO_HDR_LEN + namesize);
	if (skip > len - o) {
		*why = "cpio: name padding runs past the end of the archive";
		return -EINVAL;
	}
	o += skip;
	if (nlen == strlen(CPIO_TRAILER) && memcmp(name, CPIO_TRAILER, nlen) == 0) {
		*off = o;
		return 0;
	}
	if (filesize > len - o) {
		*why = "cpio: file data runs past the end of the archive";
		return -EINVAL;
	}
	const uint8_t *data = buf + o;
	o += filesize;
	/* The last entry's data padding may be missing at the very end. */
	size_t dpad = pad4(filesize);
	o = dpad > len - o ? len : o + dpad;

	/* "./a", "/a" -> "a"; "." and "./" -> "" (the root). */
	while (nlen >= 2 && name[0] == '.' && name[1] == '/') {
		name += 2;
		nlen -= 2;
	}
	while (nlen >= 1 && name[0] == '/') {
		name++;
		nlen--;
	}
	if (nlen == 1 && name[0] == '.') {
		name++;
		nlen = 0;
	}
	if (nlen > CPIO_NAME_MAX) {
		*why = "cpio: path longer than 255 bytes";
		return -EINVAL;
	}
	if (nlen > 0 && !name_ok(name, nlen)) {
		*why = "cpio: path has an empty, '.' or '..' component";
		return -EINVAL;
	}
	uint32_t type = mode & CPIO_S_IFMT;
	if (type != CPIO_S_IFDIR && type != CPIO_S_IFREG && type != CPIO_S_IFLNK) {
		*why = "cpio: entry is not a directory, regular file or symlink";
		return -EINVAL;
	}
	if (type == CPIO_S_IFDIR && filesize != 0) {
		*why = "cpio: directory with data";
		return -EINVAL;
	}
	if (nlen == 0 && type != CPIO_S_IFDIR) {
		*why = "cpio: the root entry is not a directory";
		return -EINVAL;
	}
	e->name = name;
	e->name_len = nlen;
	e->mode = mode;
	e->uid = uid;
	e->gid = gid;
	e->nlink = nlink;
	e->mtime = mtime;
	e->data = data;
	e->size = filesize;
	*off = o;
	return 1;
}
