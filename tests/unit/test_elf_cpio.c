/* lib/cpio.c and lib/elf.c on known inputs. The cpio archive is GNU cpio
 * 2.13's own output (`find . | cpio -o -H newc -R 0:0`, committed as the
 * fuzz seed tests/fuzz/corpus/fuzz_cpio/gnu_cpio_newc_dir_file_symlink):
 * ".", a symlink "l" -> "d/f", a directory "d", a file "d/f" holding "abc\n",
 * in that order. The ELF images are built here from the gABI 4.1 / psABI 1.0
 * layouts (lib/elf.h), one refusal rule per test, each checked by its
 * reason. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "futeet/errno.h"
#include "lib/cpio.h"
#include "lib/elf.h"

#define SEED "tests/fuzz/corpus/fuzz_cpio/gnu_cpio_newc_dir_file_symlink"

static uint8_t *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	static uint8_t buf[8192];
	assert_non_null(f);
	*len = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	return buf;
}

static void test_cpio_reads_gnu_cpio_archive(void **state)
{
	size_t len, off = 0;
	const uint8_t *a = slurp(SEED, &len);
	struct cpio_entry e;
	const char *why;
	(void)state;

	assert_int_equal(cpio_next(a, len, &off, &e, &why), 1);
	assert_string_equal(e.name, "");          /* "." is the root */
	assert_int_equal(e.mode & CPIO_S_IFMT, CPIO_S_IFDIR);
	assert_int_equal(cpio_next(a, len, &off, &e, &why), 1);
	assert_string_equal(e.name, "l");
	assert_int_equal(e.mode, 0120777);
	assert_int_equal(e.size, 3);
	assert_memory_equal(e.data, "d/f", 3);
	assert_int_equal(cpio_next(a, len, &off, &e, &why), 1);
	assert_string_equal(e.name, "d");
	assert_int_equal(e.mode, 040755);
	assert_int_equal(cpio_next(a, len, &off, &e, &why), 1);
	assert_string_equal(e.name, "d/f");
	assert_int_equal(e.mode, 0100644);
	assert_int_equal(e.uid, 0);
	assert_int_equal(e.size, 4);
	assert_memory_equal(e.data, "abc\n", 4);
	assert_int_equal(cpio_next(a, len, &off, &e, &why), 0);   /* TRAILER!!! */
}

static void expect_cpio_refused(const uint8_t *a, size_t len, const char *reason)
{
	size_t off = 0;
	struct cpio_entry e;
	const char *why = NULL;
	int rc;
	while ((rc = cpio_next(a, len, &off, &e, &why)) == 1)
		;
	assert_int_equal(rc, -EINVAL);
	assert_non_null(why);
	if (!strstr(why, reason))
		fail_msg("reason '%s' does not say '%s'", why, reason);
}

static void test_cpio_refuses_truncation_and_bad_names(void **state)
{
	size_t len;
	uint8_t a[8192];
	(void)state;
	const uint8_t *seed = slurp(SEED, &len);
	memcpy(a, seed, len);
	expect_cpio_refused(a, 0x1c8, "file data runs past");   /* cut inside "abc\n" */
	expect_cpio_refused(a, 0x150, "truncated header");
	expect_cpio_refused(a, 0x153, "name runs past");            /* "d\0" cut */
	uint8_t b[8192];
	memcpy(b, a, len);
	b[0] = '1';
	expect_cpio_refused(b, len, "bad magic");
	memcpy(b, a, len);
	memcpy(b + 0x1c2, "../", 3);                                /* "d/f" -> "../" */
	expect_cpio_refused(b, len, "'..'");
	memcpy(b, a, len);
	b[0x78] = 'g';                                              /* ino: not hex */
	expect_cpio_refused(b, len, "not 8 hex digits");
}

/* ---- ELF ------------------------------------------------------------------ */

#define BASE 0x400000ull
static uint8_t img[3 * 4096];
static const struct elf_window win[1] = { { 0x400000, 0x800000 } };

static void put_ph(unsigned i, uint32_t type, uint32_t flags, uint64_t off, uint64_t va,
		   uint64_t filesz, uint64_t memsz)
{
	struct elf64_phdr ph = { .p_type = type, .p_flags = flags, .p_offset = off, .p_vaddr = va,
				 .p_paddr = va, .p_filesz = filesz, .p_memsz = memsz, .p_align = 4096 };
	memcpy(img + 64 + i * sizeof(ph), &ph, sizeof(ph));
}

/* A valid two-segment ET_EXEC: text (R+X) at BASE, data (R+W) at BASE+0x2000. */
static void build(uint16_t type, unsigned phnum)
{
	struct elf64_ehdr eh;
	memset(img, 0, sizeof(img));
	memset(&eh, 0, sizeof(eh));
	memcpy(eh.e_ident, "\x7f" "ELF", 4);
	eh.e_ident[4] = ELFCLASS64;
	eh.e_ident[5] = ELFDATA2LSB;
	eh.e_ident[6] = EV_CURRENT;
	eh.e_type = type;
	eh.e_machine = EM_X86_64;
	eh.e_version = EV_CURRENT;
	eh.e_entry = (type == ET_EXEC ? BASE : 0) + 0x1000;
	eh.e_phoff = 64;
	eh.e_ehsize = 64;
	eh.e_phentsize = sizeof(struct elf64_phdr);
	eh.e_phnum = (uint16_t)phnum;
	memcpy(img, &eh, sizeof(eh));
	uint64_t b = type == ET_EXEC ? BASE : 0;
	put_ph(0, PT_LOAD, PF_R | PF_X, 0, b, 0x2000, 0x2000);
	put_ph(1, PT_LOAD, PF_R | PF_W, 0x2000, b + 0x2000, 0x1000, 0x3000);
}

static void expect_elf(size_t size, const char *reason)
{
	struct elf_info in;
	const char *why = NULL;
	int rc = elf_check(img, size, win, 1, 1ull << 30, &in, &why);
	if (!reason) {
		if (rc != 0)
			fail_msg("refused: %s", why ? why : "?");
		return;
	}
	assert_int_equal(rc, -ENOEXEC);
	assert_non_null(why);
	if (!strstr(why, reason))
		fail_msg("reason '%s' does not say '%s'", why, reason);
}

static void test_elf_accepts_exec_and_pie(void **state)
{
	struct elf_info in;
	const char *why;
	(void)state;
	build(ET_EXEC, 2);
	expect_elf(sizeof(img), NULL);
	assert_int_equal(elf_check(img, sizeof(img), win, 1, 1ull << 30, &in, &why), 0);
	assert_int_equal(in.lo, BASE);
	assert_int_equal(in.hi, BASE + 0x5000);
	assert_int_equal(in.phdr, BASE + 64);
	build(ET_DYN, 2);
	expect_elf(sizeof(img), NULL);
}

static void test_elf_refuses_with_a_reason(void **state)
{
	(void)state;
	build(ET_EXEC, 2);
	expect_elf(0x2800, "truncated");                       /* data's bytes cut */
	expect_elf(40, "shorter than the ELF header");
	build(ET_EXEC, 2);
	put_ph(1, PT_LOAD, PF_R | PF_W, 0x2000, BASE + 0x1000, 0x1000, 0x1000);
	expect_elf(sizeof(img), "overlap");
	build(ET_EXEC, 2);
	put_ph(0, PT_LOAD, PF_R, 0, BASE, 0x2000, 0x2000);     /* text not executable */
	expect_elf(sizeof(img), "entry point");
	build(ET_EXEC, 2);
	put_ph(1, PT_LOAD, PF_R | PF_W, 0x2000, BASE + 0x2000, 0x1000, 1ull << 40);
	expect_elf(sizeof(img), "too large");                  /* huge bss */
	build(ET_EXEC, 2);
	put_ph(1, PT_LOAD, PF_R | PF_W, 0x2000, BASE + 0x2000, 0x1000, 0x800000);
	expect_elf(sizeof(img), "outside the fixed-address");
	build(ET_EXEC, 2);
	put_ph(1, PT_LOAD, PF_R | PF_W | PF_X, 0x2000, BASE + 0x2000, 0x1000, 0x1000);
	expect_elf(sizeof(img), "writable and executable");
	build(ET_EXEC, 3);
	put_ph(2, PT_INTERP, PF_R, 0x100, BASE + 0x100, 0x10, 0x10);
	expect_elf(sizeof(img), "PT_INTERP");
}

/* A PIE whose RELA table holds a symbol relocation (R_X86_64_64 = 1), then
 * one that writes into the text segment. */
static void test_elf_refuses_bad_pie_relocations(void **state)
{
	(void)state;
	struct elf64_dyn dyn[4] = { { DT_RELA, 0x2100 }, { DT_RELASZ, 24 }, { DT_RELAENT, 24 },
				    { DT_NULL, 0 } };
	struct elf64_rela r = { .r_offset = 0x2800, .r_info = (1ull << 32) | 1, .r_addend = 0 };
	build(ET_DYN, 3);
	put_ph(2, PT_DYNAMIC, PF_R | PF_W, 0x2000, 0x2000, sizeof(dyn), sizeof(dyn));
	memcpy(img + 0x2000, dyn, sizeof(dyn));
	memcpy(img + 0x2100, &r, sizeof(r));
	expect_elf(sizeof(img), "other than RELATIVE");
	r.r_info = R_X86_64_RELATIVE;
	memcpy(img + 0x2100, &r, sizeof(r));
	expect_elf(sizeof(img), NULL);
	r.r_offset = 0x1000;                                   /* into text */
	memcpy(img + 0x2100, &r, sizeof(r));
	expect_elf(sizeof(img), "outside every writable segment");
	dyn[0].d_val = 0x9000;                                 /* table outside the image */
	memcpy(img + 0x2000, dyn, sizeof(dyn));
	expect_elf(sizeof(img), "not inside a loaded segment");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cpio_reads_gnu_cpio_archive),
		cmocka_unit_test(test_cpio_refuses_truncation_and_bad_names),
		cmocka_unit_test(test_elf_accepts_exec_and_pie),
		cmocka_unit_test(test_elf_refuses_with_a_reason),
		cmocka_unit_test(test_elf_refuses_bad_pie_relocations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
