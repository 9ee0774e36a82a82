/* The kernel's own runtime measurements (DESIGN.md section 2, step 1 and 5):
 * before it uses the command line and before the user program runs, the
 * kernel extends the runtime register 2 (TDX RTMR2, SNP the kernel's
 * software register 2: tee/core/rtm.c) with, in this order,
 *   1. SHA-384(command line), the exact bytes the kernel received (no NUL),
 *      logged as EV_IPL with the command line as event data;
 *   2. with an initrd (fw_cfg opt/org.futeet/initrd), SHA-384(its bytes),
 *      logged as EV_IPL with "futeet initrd=opt/org.futeet/initrd"; then
 *      with a host stdin file, SHA-384(its bytes), "futeet stdin=opt/...";
 *   3. SHA-384(the user program's ELF image as embedded in futeet.efi or
 *      as read from the initrd), logged as EV_IPL with event data
 *      "futeet init=NAME" (NAME = the initrd path for an initrd program),
 *      before each program of a run list.
 * (TCG PFP 1.05 10.4.1: EV_IPL = 0x0D, "IPL" code and its configuration.)
 * Predicting RTMR2: replay these two digests with SHA-384(old || digest)
 * from 48 zero bytes. A platform without attestation (none) skips this. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <bearssl.h>

#include "futeet/printk.h"
#include "futeet/tee.h"
#include "lib/cclog.h"
#include "tee/core/tee.h"

#define PROGRAM_EVENT_PREFIX "futeet init="
#define PROGRAM_EVENT_MAX    96u

static void measure(const char *what, const void *data, size_t len, const void *ev,
		    size_t ev_len)
{
	const struct tee_ops *ops = tee_active();
	uint8_t d[CCLOG_SHA384_SIZE];
	br_sha384_context h;
	int rc;

	if (ops == NULL)
		return;
	br_sha384_init(&h);
	br_sha384_update(&h, data, len);
	br_sha384_out(&h, d);
	rc = tee_rtm_extend(TEE_RTMR_KERNEL, d, CCLOG_EV_IPL, ev, ev_len);
	if (rc)
		panic("cannot measure %s into runtime register %u (%d): refusing to run unmeasured",
		      what, TEE_RTMR_KERNEL, rc);
}

void tee_measure_cmdline(const char *cmdline)
{
	size_t n = strlen(cmdline);

	measure("the command line", cmdline, n, cmdline, n);
}

/* Host-supplied data the kernel reads before the program runs (the initrd,
 * stdin): EV_IPL with event data "futeet WHAT=NAME". */
void tee_measure_data(const char *what, const char *name, const uint8_t *data, size_t len)
{
	char ev[PROGRAM_EVENT_MAX];
	size_t o = 0, n;

	n = strnlen("futeet ", sizeof(ev));
	memcpy(ev, "futeet ", n);
	o = n;
	n = strnlen(what, sizeof(ev) - o - 1);
	memcpy(ev + o, what, n);
	o += n;
	ev[o++] = '=';
	n = strnlen(name, sizeof(ev) - o);
	memcpy(ev + o, name, n);
	o += n;
	measure(what, data, len, ev, o);
}

void tee_measure_program(const char *name, const uint8_t *image, size_t len)
{
	char ev[PROGRAM_EVENT_MAX];
	size_t p = strlen(PROGRAM_EVENT_PREFIX), n = strnlen(name, sizeof(ev) - p);

	memcpy(ev, PROGRAM_EVENT_PREFIX, p);
	memcpy(ev + p, name, n);
	measure("the user program", image, len, ev, p + n);
}
