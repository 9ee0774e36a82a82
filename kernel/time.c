/* Time: elapsed time from the TSC, and the host's wall clock.
 *
 * The TSC frequency comes from a source the TEE vouches for where there is
 * one, else from the host, flagged untrusted (struct futeet_time):
 *   TDX    CPUID 0x15, which the TDX module (not the host) answers with the
 *          TD's virtual TSC frequency, set at TD creation and constant for
 *          the TD's life (TDX Module base 348549, "Time Stamp Counter"
 *          virtualization; Linux arch/x86/coco/tdx/tdx.c tdx_tsc_init uses
 *          it over any paravirtual source for that reason): trusted.
 *   SNP    with Secure TSC (SEV_STATUS bit 11) the PSP fixes the guest
 *          TSC's scale and offset and GUEST_TSC_FREQ with the secrets
 *          page's TSC_FACTOR give its frequency (arch/x86_64/coco/
 *          securetsc.h, read at detection): trusted. Without it SNP time is
 *          the host's word like a plain VM's. Never run (docs/CAVEATS.md).
 *   other  CPUID 0x15 (Intel SDM vol. 2A, CPUID leaf 15H: TSC = crystal Hz *
 *          EBX / EAX), 0x16 (leaf 16H: base frequency in MHz), the
 *          hypervisor timing leaf 0x40000010 (EAX = TSC kHz), or counting TSC
 *          ticks across 1 ms windows of the i8254 PIT channel 2 (Intel 8254
 *          datasheet, mode 0): all host-controlled, untrusted.
 * A PIT window is timed so that a descheduled vCPU can only lengthen it (the
 * TSC is read before the count starts and after OUT2 is seen high): the
 * smallest window is the best, and two windows within 0.4 % of each other end
 * the calibration (2 ms on a quiet host, at most CALIB_WINDOWS ms). It runs
 * at the first call that needs the frequency (time_ns and its users, the
 * futeet_time syscall, the boot timeline printed at exit), not during boot:
 * it was most of kernel_main -> user entry under TCG. Until then tsc_hz is 0
 * and tsc_source already says PIT (untrusted), so no caller can see a
 * frequency without its source. The TSC line is printed at exit.
 * The wall clock is the CMOS RTC (drivers/cmos_rtc.c), never trusted. */
#include "arch/x86_64/coco/detect.h"
#include "drivers/cmos_rtc.h"
#include "futeet/errno.h"
#include "futeet/io.h"
#include "futeet/printk.h"
#include "futeet/time.h"
#include "futeet/uaccess.h"
#include "kernel/kernel.h"
#include "uapi/futeet/clock.h"
#include "uapi/futeet/tee.h"

#define PIT_HZ       1193182u
#define PIT_CH2      0x42
#define PIT_CMD      0x43
#define PIT_GATE     0x61     /* port B: bit 0 gate, bit 1 speaker, bit 5 OUT2 */
/* 1 ms windows: 1193 PIT ticks, so a one-tick error is 0.08 %; two
 * agreeing ones cost 2 ms of boot where three 10 ms windows cost 30 ms. */
#define CALIB_MS     1u
#define CALIB_WINDOWS 8u
#define CALIB_AGREE_SHIFT 8u   /* agree within 1/256 = 0.4 % */
#define CALIB_SPIN_MAX 50000000u
#define TSC_HZ_FALLBACK 1000000000ull
#define CPUID_TSC_LEAF   0x15u
#define CPUID_FREQ_LEAF  0x16u
#define CPUID_HV_TIMING  0x40000010u

static uint64_t tsc0, tsc_hz, calib_ticks;
static uint32_t tsc_source, tsc_trusted, calib_windows;
static const char *tsc_how;   /* for the console line */

static uint64_t hz_from_leaf15(void)
{
	struct cpuid_regs r;
	cpu_cpuid(0, 0, &r);
	if (r.eax < CPUID_TSC_LEAF)
		return 0;
	cpu_cpuid(CPUID_TSC_LEAF, 0, &r);   /* eax denominator, ebx numerator, ecx crystal Hz */
	if (r.eax && r.ebx && r.ecx)
		return (uint64_t)r.ecx * r.ebx / r.eax;
	return 0;
}

static uint64_t hz_from_host_cpuid(void)
{
	struct cpuid_regs r;
	uint64_t hz = hz_from_leaf15();

	if (hz)
		return hz;
	cpu_cpuid(0, 0, &r);
	if (r.eax >= CPUID_FREQ_LEAF) {
		cpu_cpuid(CPUID_FREQ_LEAF, 0, &r);   /* eax[15:0] base MHz */
		if (r.eax & 0xffff)
			return (uint64_t)(r.eax & 0xffff) * 1000000u;
	}
	cpu_cpuid(1, 0, &r);
	if (r.ecx & (1u << 31)) {         /* running under a hypervisor */
		cpu_cpuid(0x40000000u, 0, &r);
		if (r.eax >= CPUID_HV_TIMING) {
			cpu_cpuid(CPUID_HV_TIMING, 0, &r); /* eax = TSC kHz */
			if (r.eax)
				return (uint64_t)r.eax * 1000;
		}
	}
	return 0;
}

static uint64_t hz_from_pit(void)
{
	uint16_t count = (uint16_t)(PIT_HZ / (1000 / CALIB_MS));
	io_outb(PIT_GATE, (uint8_t)((io_inb(PIT_GATE) & ~0x02) | 0x01));
	io_outb(PIT_CMD, 0xB0);          /* channel 2, lo/hi byte, mode 0, binary */
	io_outb(PIT_CH2, count & 0xff);
	uint64_t t0 = cpu_rdtsc();       /* before the MSB write starts the count */
	io_outb(PIT_CH2, count >> 8);
	for (uint32_t i = 0; i < CALIB_SPIN_MAX; i++)
		if (io_inb(PIT_GATE) & 0x20) {
			uint64_t t1 = cpu_rdtsc();
			return (t1 - t0) * (1000 / CALIB_MS);
		}
	return 0;
}

/* The smallest of up to CALIB_WINDOWS windows, ending early when a window
 * agrees with the smallest so far. */
static uint64_t hz_from_pit_windows(uint32_t *windows)
{
	uint64_t best = 0;

	for (uint32_t i = 0; i < CALIB_WINDOWS; i++) {
		uint64_t hz = hz_from_pit();

		*windows = i + 1;
		if (!hz)
			continue;
		if (best && (hz > best ? hz - best : best - hz) <= best >> CALIB_AGREE_SHIFT)
			return hz < best ? hz : best;
		if (!best || hz < best)
			best = hz;
	}
	return best;
}

/* The frequency, calibrating against the PIT first when that is the source. */
static uint64_t hz(void)
{
	if (tsc_hz)
		return tsc_hz;
	uint64_t t = cpu_rdtsc();
	tsc_hz = hz_from_pit_windows(&calib_windows);
	calib_ticks = cpu_rdtsc() - t;
	if (!tsc_hz) {
		tsc_how = "fallback guess, untrusted";
		tsc_source = FUTEET_TSC_GUESS;
		tsc_hz = TSC_HZ_FALLBACK;
	}
	return tsc_hz;
}

void time_init(uint64_t tsc_at_entry)
{
	tsc0 = tsc_at_entry;
	if (coco_platform_kind() == FUTEET_PLATFORM_TDX && (tsc_hz = hz_from_leaf15()) != 0) {
		tsc_source = FUTEET_TSC_TDX_CPUID;
		tsc_how = "TDX module CPUID 0x15, trusted";
	} else if (coco_platform_kind() == FUTEET_PLATFORM_SNP && (tsc_hz = coco_secure_tsc_hz()) != 0) {
		tsc_source = FUTEET_TSC_SNP_SECURE_TSC;
		tsc_how = "SNP Secure TSC, GUEST_TSC_FREQ and TSC_FACTOR, trusted";
	} else if ((tsc_hz = hz_from_host_cpuid()) != 0) {
		tsc_source = FUTEET_TSC_HOST_CPUID;
		tsc_how = "host CPUID, untrusted";
	} else {   /* hz() calibrates at first use */
		tsc_source = FUTEET_TSC_PIT;
		tsc_how = "PIT calibration at first use, untrusted";
	}
	tsc_trusted = tsc_source == FUTEET_TSC_TDX_CPUID || tsc_source == FUTEET_TSC_SNP_SECURE_TSC;
}

/* After the program (kernel_report_exit): the line would cost boot time. */
void time_report(void)
{
	uint64_t f = hz();   /* first: it may set tsc_how and calib_* */
	kprintf("futeet: TSC %llu.%03llu MHz (%s; %u PIT windows, %llu us)\n",
		(unsigned long long)(f / 1000000), (unsigned long long)(f / 1000 % 1000),
		tsc_how, calib_windows, (unsigned long long)time_tsc_to_us(calib_ticks));
}

uint64_t time_tsc_to_us(uint64_t delta)
{
	return (uint64_t)((unsigned __int128)delta * 1000000u / hz());
}

uint64_t time_ns(void)
{
	uint64_t d = cpu_rdtsc() - tsc0;
	return (uint64_t)((unsigned __int128)d * 1000000000u / hz());
}

void time_udelay(uint64_t us)
{
	uint64_t end = time_ns() + us * 1000;
	while (time_ns() < end)
		cpu_pause();
}

long sys_futeet_time(uint64_t uout, uint64_t flags)
{
	struct futeet_time t = { 0 };
	int64_t wall;

	if (flags != 0)
		return -EINVAL;
	if (!user_range_ok(uout, sizeof(t), true))
		return -EFAULT;
	t.elapsed_ns = time_ns();   /* first: it settles tsc_hz and tsc_source */
	t.tsc_hz = tsc_hz;
	t.tsc_source = tsc_source;
	t.elapsed_flags = FUTEET_TIME_VALID | (tsc_trusted ? FUTEET_TIME_TRUSTED : 0);
	if (cmos_rtc_read(&wall) == 0) {
		t.wall_sec = wall;
		t.wall_source = FUTEET_WALL_CMOS_RTC;
		t.wall_flags = FUTEET_TIME_VALID;   /* the host's clock: never trusted */
	}
	return copy_to_user(uout, &t, sizeof(t));
}
