/* Monotonic time from the TSC. The frequency comes from CPUID (leaf 0x15,
 * Intel SDM vol. 2A; the hypervisor timing leaf 0x40000010) or, failing
 * that, from counting TSC ticks across 10 ms of the i8254 PIT channel 2
 * (Intel 8254 datasheet, mode 0). Never from the host's wall clock. On
 * SNP/TDX the PIT and the hypervisor leaf are host-controlled; the platform
 * layer replaces them with the Secure TSC / TDX-provided frequency. */
#include "futeet/io.h"
#include "futeet/printk.h"
#include "futeet/time.h"
#include "kernel/kernel.h"

#define PIT_HZ       1193182u
#define PIT_CH2      0x42
#define PIT_CMD      0x43
#define PIT_GATE     0x61     /* port B: bit 0 gate, bit 1 speaker, bit 5 OUT2 */
#define CALIB_MS     10u
#define CALIB_SPIN_MAX 50000000u
#define TSC_HZ_FALLBACK 1000000000ull

static uint64_t tsc0, tsc_hz;

static uint64_t hz_from_cpuid(void)
{
	struct cpuid_regs r;
	cpu_cpuid(0, 0, &r);
	if (r.eax >= 0x15) {
		cpu_cpuid(0x15, 0, &r);   /* eax denominator, ebx numerator, ecx crystal Hz */
		if (r.eax && r.ebx && r.ecx)
			return (uint64_t)r.ecx * r.ebx / r.eax;
	}
	cpu_cpuid(1, 0, &r);
	if (r.ecx & (1u << 31)) {         /* running under a hypervisor */
		cpu_cpuid(0x40000000u, 0, &r);
		if (r.eax >= 0x40000010u) {
			cpu_cpuid(0x40000010u, 0, &r); /* eax = TSC kHz */
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
	io_outb(PIT_CH2, count >> 8);
	uint64_t t0 = cpu_rdtsc();
	for (uint32_t i = 0; i < CALIB_SPIN_MAX; i++)
		if (io_inb(PIT_GATE) & 0x20) {
			uint64_t t1 = cpu_rdtsc();
			return (t1 - t0) * (1000 / CALIB_MS);
		}
	return 0;
}

void time_init(uint64_t tsc_at_entry)
{
	const char *src = "cpuid";
	tsc0 = tsc_at_entry;
	tsc_hz = hz_from_cpuid();
	if (!tsc_hz) {
		/* Median of three windows: one window stretched by the host
		 * (a descheduled vCPU) does not set the clock. */
		uint64_t a = hz_from_pit(), b = hz_from_pit(), c = hz_from_pit();
		src = "PIT calibration, median of 3";
		tsc_hz = a > b ? (b > c ? b : (a > c ? c : a)) : (a > c ? a : (b > c ? c : b));
	}
	if (!tsc_hz) {
		src = "fallback guess";
		tsc_hz = TSC_HZ_FALLBACK;
	}
	kprintf("futeet: TSC %llu.%03llu MHz (%s)\n", (unsigned long long)(tsc_hz / 1000000),
		(unsigned long long)(tsc_hz / 1000 % 1000), src);
}

uint64_t time_tsc_hz(void)
{
	return tsc_hz;
}

uint64_t time_tsc_to_us(uint64_t delta)
{
	return (uint64_t)((unsigned __int128)delta * 1000000u / tsc_hz);
}

uint64_t time_ns(void)
{
	uint64_t d = cpu_rdtsc() - tsc0;
	return (uint64_t)((unsigned __int128)d * 1000000000u / tsc_hz);
}

void time_udelay(uint64_t us)
{
	uint64_t end = time_ns() + us * 1000;
	while (time_ns() < end)
		cpu_pause();
}
