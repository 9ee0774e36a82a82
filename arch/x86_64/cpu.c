/* Boot CPU set-up: feature discovery, control registers, SSE/XSAVE.
 * Intel SDM Dec 2024: vol. 2A CPUID (tables 3-8, 3-10), vol. 3A section 2.5
 * (CR0/CR4), 2.2.1 (EFER), 13 (XSAVE); AMD APM vol. 2 for EFER.NXE. */
#include <string.h>

#include "arch/x86_64/cpu.h"
#include "futeet/io.h"
#include "futeet/printk.h"

#define MSR_EFER      0xC0000080u /* SDM vol. 4 table 2-2 */
#define EFER_NXE      (1ull << 11)

#define CR0_MP (1ull << 1)
#define CR0_EM (1ull << 2)
#define CR0_TS (1ull << 3)
#define CR0_NE (1ull << 5)
#define CR0_WP (1ull << 16)

#define CR4_OSFXSR     (1ull << 9)
#define CR4_OSXMMEXCPT (1ull << 10)
#define CR4_UMIP       (1ull << 11)
#define CR4_OSXSAVE    (1ull << 18)
#define CR4_SMEP       (1ull << 20)
#define CR4_SMAP       (1ull << 21)

/* XCR0 components (SDM vol. 1 section 13.1): x87, SSE, AVX. AVX-512 and
 * the supervisor components are left off: nothing here needs them. */
#define XCR0_X87 (1ull << 0)
#define XCR0_SSE (1ull << 1)
#define XCR0_AVX (1ull << 2)

struct cpu_features cpu_features;
uint8_t cpu_smap_enabled; /* read by trap.S to decide whether to CLAC */

static uint64_t read_cr0(void)
{
	uint64_t v;
	__asm__ __volatile__("mov %%cr0, %0" : "=r"(v));
	return v;
}

static void write_cr0(uint64_t v)
{
	__asm__ __volatile__("mov %0, %%cr0" : : "r"(v) : "memory");
}

static uint64_t read_cr4(void)
{
	uint64_t v;
	__asm__ __volatile__("mov %%cr4, %0" : "=r"(v));
	return v;
}

static void write_cr4(uint64_t v)
{
	__asm__ __volatile__("mov %0, %%cr4" : : "r"(v) : "memory");
}

static void xsetbv0(uint64_t v)
{
	__asm__ __volatile__("xsetbv" : : "c"(0), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}

uint64_t cpu_read_cr2(void)
{
	uint64_t v;
	__asm__ __volatile__("mov %%cr2, %0" : "=r"(v));
	return v;
}

void cpu_write_cr3(uint64_t v)
{
	__asm__ __volatile__("mov %0, %%cr3" : : "r"(v) : "memory");
}

void cpu_invlpg(uint64_t va)
{
	__asm__ __volatile__("invlpg (%0)" : : "r"(va) : "memory");
}

/* RDSEED/RDRAND report success in CF (SDM vol. 2B). Bounded retries: the
 * caller decides what to do when the source stays empty. */
bool cpu_rdseed64(uint64_t *v)
{
	for (int i = 0; i < 1024; i++) {
		uint8_t ok;
		__asm__ __volatile__("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok) : : "cc");
		if (ok)
			return true;
		cpu_pause();
	}
	return false;
}

bool cpu_rdrand64(uint64_t *v)
{
	for (int i = 0; i < 64; i++) {
		uint8_t ok;
		__asm__ __volatile__("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok) : : "cc");
		if (ok)
			return true;
	}
	return false;
}

void cpu_halt(void)
{
	for (;;)
		__asm__ __volatile__("cli; hlt");
}

/* A zero-limit IDT makes any exception unrecoverable: the CPU shuts down
 * (SDM vol. 3A section 6.15, double fault during a double fault). */
void cpu_triple_fault(void)
{
	struct FUTEET_PACKED { uint16_t limit; uint64_t base; } idtr = { 0, 0 };
	__asm__ __volatile__("lidt %0; int3" : : "m"(idtr));
	cpu_halt();
}

void cpu_user_copy(void *dst, const void *src, size_t n)
{
	if (cpu_smap_enabled)
		__asm__ __volatile__("stac" : : : "memory");
	memcpy(dst, src, n);
	if (cpu_smap_enabled)
		__asm__ __volatile__("clac" : : : "memory");
}

static void discover(void)
{
	struct cpu_features *f = &cpu_features;
	struct cpuid_regs r;

	cpu_cpuid(0, 0, &r);
	f->max_leaf = r.eax;
	memcpy(f->vendor, &r.ebx, 4);
	memcpy(f->vendor + 4, &r.edx, 4);
	memcpy(f->vendor + 8, &r.ecx, 4);
	f->vendor[12] = '\0';

	cpu_cpuid(1, 0, &r);
	f->xsave = r.ecx & (1u << 26);
	f->avx = r.ecx & (1u << 28);
	f->rdrand = r.ecx & (1u << 30);
	f->aesni = r.ecx & (1u << 25);
	f->pclmul = r.ecx & (1u << 1);
	f->hypervisor = r.ecx & (1u << 31);

	if (f->max_leaf >= 7) {
		cpu_cpuid(7, 0, &r);
		f->smep = r.ebx & (1u << 7);
		f->rdseed = r.ebx & (1u << 18);
		f->smap = r.ebx & (1u << 20);
		f->umip = r.ecx & (1u << 2);
	}
	cpu_cpuid(0x80000000u, 0, &r);
	f->max_ext_leaf = r.eax;
	if (f->max_ext_leaf >= 0x80000001u) {
		cpu_cpuid(0x80000001u, 0, &r);
		f->nx = r.edx & (1u << 20);
	}
	if (f->max_ext_leaf >= 0x80000007u) {
		cpu_cpuid(0x80000007u, 0, &r);
		f->invariant_tsc = r.edx & (1u << 8);
	}
}

void cpu_init(void)
{
	discover();
	if (!cpu_features.nx)
		panic("CPU has no NX (execute-disable): refusing to run without W^X");
	/* Only when the bit is missing: in a TD every WRMSR of EFER raises #VE
	 * (Linux trampoline_64.S skips an unchanged write for that reason). */
	uint64_t efer = cpu_rdmsr(MSR_EFER);
	if (!(efer & EFER_NXE))
		cpu_wrmsr(MSR_EFER, efer | EFER_NXE);

	/* Native x87 errors, FPU present, no lazy switching; kernel writes
	 * honour read-only pages. */
	uint64_t cr0 = read_cr0();
	cr0 = (cr0 | CR0_MP | CR0_NE | CR0_WP) & ~(CR0_EM | CR0_TS);
	write_cr0(cr0);

	uint64_t cr4 = read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT;
	if (cpu_features.umip)
		cr4 |= CR4_UMIP;
	if (cpu_features.xsave)
		cr4 |= CR4_OSXSAVE;
	write_cr4(cr4);

	cpu_features.xsave_size = 512; /* FXSAVE area */
	if (cpu_features.xsave) {
		uint64_t xcr0 = XCR0_X87 | XCR0_SSE;
		struct cpuid_regs r;
		if (cpu_features.avx)
			xcr0 |= XCR0_AVX;
		xsetbv0(xcr0);
		cpu_features.xcr0 = xcr0;
		/* EBX of leaf 0xD.0 = size for the enabled XCR0 (SDM vol. 1 13.2) */
		cpu_cpuid(0xD, 0, &r);
		cpu_features.xsave_size = r.ebx;
	}
}

void cpu_enable_smep_smap(void)
{
	uint64_t cr4 = read_cr4();
	if (cpu_features.smep)
		cr4 |= CR4_SMEP;
	if (cpu_features.smap)
		cr4 |= CR4_SMAP;
	write_cr4(cr4);
	cpu_smap_enabled = cpu_features.smap;
}
