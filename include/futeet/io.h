/* The accessor layer: every port I/O, MMIO, MSR and CPUID access in the kernel
 * goes through these functions (arch/x86_64/io.c). On a plain VM they are the
 * plain instructions; the platform layer (SNP GHCB, TDX TDVMCALL) is added
 * behind the same names, so drivers never change. */
#ifndef FUTEET_IO_H
#define FUTEET_IO_H

#include <stddef.h>
#include <stdint.h>

uint8_t io_inb(uint16_t port);
uint16_t io_inw(uint16_t port);
uint32_t io_inl(uint16_t port);
void io_outb(uint16_t port, uint8_t v);
void io_outw(uint16_t port, uint16_t v);
void io_outl(uint16_t port, uint32_t v);
/* n bytes read from one port into buf (fw_cfg's data port). */
void io_insb(uint16_t port, void *buf, size_t n);

/* MMIO on addresses returned by vm_map_mmio(). */
uint8_t mmio_read8(volatile void *addr);
uint16_t mmio_read16(volatile void *addr);
uint32_t mmio_read32(volatile void *addr);
uint64_t mmio_read64(volatile void *addr);
void mmio_write8(volatile void *addr, uint8_t v);
void mmio_write16(volatile void *addr, uint16_t v);
void mmio_write32(volatile void *addr, uint32_t v);
void mmio_write64(volatile void *addr, uint64_t v);

uint64_t cpu_rdmsr(uint32_t msr);
void cpu_wrmsr(uint32_t msr, uint64_t v);
/* RDMSR of an MSR that may not exist: 0 with *v, or -EIO when it raised
 * #GP (the kernel's #GP handler resumes after it; arch/x86_64/io.c). Only
 * once the kernel's IDT is live. */
int cpu_rdmsr_safe(uint32_t msr, uint64_t *v);

struct cpuid_regs {
	uint32_t eax, ebx, ecx, edx;
};
void cpu_cpuid(uint32_t leaf, uint32_t subleaf, struct cpuid_regs *out);

uint64_t cpu_rdtsc(void);
void cpu_pause(void);
/* Full barrier: orders shared-memory stores against later loads (mailboxes). */
void cpu_mb(void);

#endif
