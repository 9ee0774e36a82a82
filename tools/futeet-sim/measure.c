/* The sim-snp MEASUREMENT, shared by futeet-sim and futeet-measure. A stand-in
 * for the SNP launch digest with measured direct boot (docs/SIM.md):
 *   MEASUREMENT = SHA-384( "FUTEET-SIM-SNP"            14 ASCII bytes, no NUL
 *                          || SHA-384(OVMF code file)  48 bytes
 *                          || SHA-256(futeet.efi file) 32 bytes
 *                          || SHA-256(command line) )  32 bytes, the exact
 *                                                       bytes, no NUL */
#include <stdio.h>
#include <string.h>
#include "futeet/errno.h"
#include "sim.h"

#define SIM_SNP_MEASURE_LABEL "FUTEET-SIM-SNP"

static int hash_file(const char *path, const br_hash_class *vt, uint8_t *out)
{
	br_hash_compat_context c;
	uint8_t buf[65536];
	size_t n;
	FILE *f = fopen(path, "rb");
	int err = 0;

	if (!f)
		return -ENOENT;
	vt->init(&c.vtable);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		vt->update(&c.vtable, buf, n);
	if (ferror(f))
		err = -EIO;
	fclose(f);
	if (!err)
		vt->out(&c.vtable, out);
	return err;
}

int sim_snp_measure(const char *ovmf_path, const char *kernel_path,
		    const char *cmdline, size_t cmdline_len, uint8_t out[48])
{
	uint8_t ovmf_h[48], kern_h[32], cmd_h[32];
	br_sha256_context s;
	br_sha384_context m;
	int err;

	err = hash_file(ovmf_path, &br_sha384_vtable, ovmf_h);
	if (err)
		return err;
	err = hash_file(kernel_path, &br_sha256_vtable, kern_h);
	if (err)
		return err;
	br_sha256_init(&s);
	br_sha256_update(&s, cmdline, cmdline_len);
	br_sha256_out(&s, cmd_h);

	br_sha384_init(&m);
	br_sha384_update(&m, SIM_SNP_MEASURE_LABEL, strlen(SIM_SNP_MEASURE_LABEL));
	br_sha384_update(&m, ovmf_h, sizeof(ovmf_h));
	br_sha384_update(&m, kern_h, sizeof(kern_h));
	br_sha384_update(&m, cmd_h, sizeof(cmd_h));
	br_sha384_out(&m, out);
	return 0;
}
