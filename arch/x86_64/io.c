/* The accessor layer (include/futeet/io.h): the only place the kernel
 * executes IN/OUT, MMIO loads/stores, RDMSR/WRMSR and CPUID. On a plain VM
 * these are the plain instructions (Intel SDM vol. 2). On SNP and TDX
 * (coco_pv_kind, set by detection) port I/O goes through the GHCB / TDVMCALL,
 * MMIO on TDX through #VE.RequestMMIO, CPUID on SNP from the CPUID page
 * (arch/x86_64/coco/pv.c), so no driver changes. MSRs go through the GHCB
 * MSR NAE event / TDVMCALL RDMSR-WRMSR, except those the platform keeps in
 * the guest's protected context (coco_msr_native, arch/x86_64/coco/
 * classify.c: EFER, the SYSCALL MSRs, segment bases, the GHCB MSR,
 * SEV_STATUS; the x2APIC in a TD). */
#include "futeet/errno.h"
#include "futeet/io.h"
#include "arch/x86_64/coco/pv.h"
#include "arch/x86_64/cpu.h"

/* One accessor pair per width, as Linux builds them (arch/x86/include/asm/
 * shared/io.h BUILDIO, asm/io.h build_mmio_read/write). */
#define BUILD_IO(bwl, type, size)                                                \
	type io_in##bwl(uint16_t port)                                           \
	{                                                                        \
		type v;                                                          \
		if (coco_pv_kind)                                                \
			return (type)coco_io_in(port, size);                     \
		__asm__ __volatile__("in" #bwl " %1, %0" : "=a"(v) : "Nd"(port)); \
		return v;                                                        \
	}                                                                        \
	void io_out##bwl(uint16_t port, type v)                                  \
	{                                                                        \
		if (coco_pv_kind)                                                \
			coco_io_out(port, size, v);                              \
		else                                                             \
			__asm__ __volatile__("out" #bwl " %0, %1" : : "a"(v), "Nd"(port)); \
	}
BUILD_IO(b, uint8_t, 1)
BUILD_IO(w, uint16_t, 2)
BUILD_IO(l, uint32_t, 4)

/* One REP INSB on a plain VM (Intel SDM vol. 2B, INS; DF is clear in C
 * code, SysV psABI 3.2.1): the fw_cfg directory and files were read a call
 * per byte, 0.9 ms of boot under TCG -icount for two directory scans.
 * Byte by byte through the platform on SNP and TDX. */
void io_insb(uint16_t port, void *buf, size_t n)
{
	uint8_t *p = buf;
	if (coco_pv_kind) {
		for (size_t i = 0; i < n; i++)
			p[i] = (uint8_t)coco_io_in(port, 1);
		return;
	}
	__asm__ __volatile__("rep insb" : "+D"(p), "+c"(n) : "d"(port) : "memory");
}

/* One instruction per access, so a future #VC/#VE decoder sees a plain MOV. */
#define BUILD_MMIO(bits, type, sfx, out, in)                                     \
	type mmio_read##bits(volatile void *a)                                   \
	{                                                                        \
		type v;                                                          \
		uint64_t pv;                                                     \
		if (coco_pv_kind && coco_mmio_read(a, sizeof(type), &pv))        \
			return (type)pv;                                         \
		__asm__ __volatile__("mov" sfx " %1, %0" : out(v) : "m"(*(volatile type *)a) : "memory"); \
		return v;                                                        \
	}                                                                        \
	void mmio_write##bits(volatile void *a, type v)                          \
	{                                                                        \
		if (!(coco_pv_kind && coco_mmio_write(a, sizeof(type), v)))      \
			__asm__ __volatile__("mov" sfx " %1, %0" : "=m"(*(volatile type *)a) : in(v) : "memory"); \
	}
BUILD_MMIO(8, uint8_t, "b", "=q", "q")
BUILD_MMIO(16, uint16_t, "w", "=r", "r")
BUILD_MMIO(32, uint32_t, "l", "=r", "r")
BUILD_MMIO(64, uint64_t, "q", "=r", "r")

uint64_t cpu_rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	if (coco_pv_kind && !coco_msr_native(coco_pv_kind, msr))
		return coco_msr_read(msr);
	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

void cpu_wrmsr(uint32_t msr, uint64_t v)
{
	if (coco_pv_kind && !coco_msr_native(coco_pv_kind, msr)) {
		coco_msr_write(msr, v);
		return;
	}
	__asm__ __volatile__("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}

/* The one RDMSR allowed to fault (only SEV_STATUS, at detection, before
 * coco_pv_kind is set, and native on SNP anyway): its address and where to resume are
 * global labels, and arch_exception_fixup() (called by the trap handler for
 * a kernel #GP) moves RIP from the first to the second and sets RSI = 1. */
extern const char cpu_rdmsr_safe_insn[], cpu_rdmsr_safe_resume[];

__attribute__((noinline)) int cpu_rdmsr_safe(uint32_t msr, uint64_t *v)
{
	uint32_t lo = 0, hi = 0;
	uint64_t faulted = 0;

	__asm__ __volatile__(".globl cpu_rdmsr_safe_insn\n"
			     "cpu_rdmsr_safe_insn: rdmsr\n"
			     ".globl cpu_rdmsr_safe_resume\n"
			     "cpu_rdmsr_safe_resume:\n"
			     : "+a"(lo), "+d"(hi), "+S"(faulted) : "c"(msr) : "memory");
	if (faulted) {
		*v = 0;
		return -EIO;
	}
	*v = ((uint64_t)hi << 32) | lo;
	return 0;
}

bool arch_exception_fixup(struct trap_frame *f)
{
	if (f->vector != 13 || (f->cs & 3) != 0 ||
	    f->rip != (uint64_t)(uintptr_t)cpu_rdmsr_safe_insn)
		return false;
	f->rip = (uint64_t)(uintptr_t)cpu_rdmsr_safe_resume;
	f->rsi = 1;
	f->rax = 0;
	f->rdx = 0;
	return true;
}

void cpu_cpuid(uint32_t leaf, uint32_t subleaf, struct cpuid_regs *r)
{
	uint32_t pv[4];
	if (coco_pv_kind && coco_cpuid(leaf, subleaf, pv)) {
		r->eax = pv[0];
		r->ebx = pv[1];
		r->ecx = pv[2];
		r->edx = pv[3];
		return;
	}
	__asm__ __volatile__("cpuid"
			     : "=a"(r->eax), "=b"(r->ebx), "=c"(r->ecx), "=d"(r->edx)
			     : "a"(leaf), "c"(subleaf));
}

uint64_t cpu_rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ __volatile__("lfence; rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

void cpu_pause(void)
{
	__asm__ __volatile__("pause" : : : "memory");
}

void cpu_mb(void)
{
	__asm__ __volatile__("mfence" : : : "memory");
}
