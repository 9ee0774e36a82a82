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

uint8_t io_inb(uint16_t port)
{
	uint8_t v;
	if (coco_pv_kind)
		return (uint8_t)coco_io_in(port, 1);
	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

uint16_t io_inw(uint16_t port)
{
	uint16_t v;
	if (coco_pv_kind)
		return (uint16_t)coco_io_in(port, 2);
	__asm__ __volatile__("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

uint32_t io_inl(uint16_t port)
{
	uint32_t v;
	if (coco_pv_kind)
		return (uint32_t)coco_io_in(port, 4);
	__asm__ __volatile__("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

void io_outb(uint16_t port, uint8_t v)
{
	if (coco_pv_kind) {
		coco_io_out(port, 1, v);
		return;
	}
	__asm__ __volatile__("outb %0, %1" : : "a"(v), "Nd"(port));
}

void io_outw(uint16_t port, uint16_t v)
{
	if (coco_pv_kind) {
		coco_io_out(port, 2, v);
		return;
	}
	__asm__ __volatile__("outw %0, %1" : : "a"(v), "Nd"(port));
}

void io_outl(uint16_t port, uint32_t v)
{
	if (coco_pv_kind) {
		coco_io_out(port, 4, v);
		return;
	}
	__asm__ __volatile__("outl %0, %1" : : "a"(v), "Nd"(port));
}

/* One instruction per access, so a future #VC/#VE decoder sees a plain MOV. */
uint8_t mmio_read8(volatile void *a)
{
	uint8_t v;
	uint64_t pv;
	if (coco_pv_kind && coco_mmio_read(a, 1, &pv))
		return (uint8_t)pv;
	__asm__ __volatile__("movb %1, %0" : "=q"(v) : "m"(*(volatile uint8_t *)a) : "memory");
	return v;
}

uint16_t mmio_read16(volatile void *a)
{
	uint16_t v;
	uint64_t pv;
	if (coco_pv_kind && coco_mmio_read(a, 2, &pv))
		return (uint16_t)pv;
	__asm__ __volatile__("movw %1, %0" : "=r"(v) : "m"(*(volatile uint16_t *)a) : "memory");
	return v;
}

uint32_t mmio_read32(volatile void *a)
{
	uint32_t v;
	uint64_t pv;
	if (coco_pv_kind && coco_mmio_read(a, 4, &pv))
		return (uint32_t)pv;
	__asm__ __volatile__("movl %1, %0" : "=r"(v) : "m"(*(volatile uint32_t *)a) : "memory");
	return v;
}

uint64_t mmio_read64(volatile void *a)
{
	uint64_t v;
	uint64_t pv;
	if (coco_pv_kind && coco_mmio_read(a, 8, &pv))
		return (uint64_t)pv;
	__asm__ __volatile__("movq %1, %0" : "=r"(v) : "m"(*(volatile uint64_t *)a) : "memory");
	return v;
}

void mmio_write8(volatile void *a, uint8_t v)
{
	if (coco_pv_kind && coco_mmio_write(a, 1, v))
		return;
	__asm__ __volatile__("movb %1, %0" : "=m"(*(volatile uint8_t *)a) : "q"(v) : "memory");
}

void mmio_write16(volatile void *a, uint16_t v)
{
	if (coco_pv_kind && coco_mmio_write(a, 2, v))
		return;
	__asm__ __volatile__("movw %1, %0" : "=m"(*(volatile uint16_t *)a) : "r"(v) : "memory");
}

void mmio_write32(volatile void *a, uint32_t v)
{
	if (coco_pv_kind && coco_mmio_write(a, 4, v))
		return;
	__asm__ __volatile__("movl %1, %0" : "=m"(*(volatile uint32_t *)a) : "r"(v) : "memory");
}

void mmio_write64(volatile void *a, uint64_t v)
{
	if (coco_pv_kind && coco_mmio_write(a, 8, v))
		return;
	__asm__ __volatile__("movq %1, %0" : "=m"(*(volatile uint64_t *)a) : "r"(v) : "memory");
}

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
