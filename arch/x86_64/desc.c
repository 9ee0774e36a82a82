/* GDT, TSS (with IST stacks) and IDT for the boot CPU. Intel SDM Dec 2024
 * vol. 3A: 3.4.5 (segment descriptors), 7.2.3 (64-bit TSS, table 7-11... the
 * TSS layout figure 8-11), 6.14.1 (64-bit IDT gate descriptors), 6.14.5 (IST).
 *
 * Every structure is per CPU in spirit (one instance now): a second CPU gets
 * its own GDT/TSS copy, not a rewrite. */
#include <string.h>

#include "arch/x86_64/cpu.h"
#include "futeet/compiler.h"

struct tss64 {
	uint32_t rsvd0;
	uint64_t rsp[3];
	uint64_t rsvd1;
	uint64_t ist[7];
	uint64_t rsvd2;
	uint16_t rsvd3;
	uint16_t iomap_base;
} FUTEET_PACKED;
FUTEET_ASSERT_SIZE(struct tss64, 104);
FUTEET_ASSERT_OFFSET(struct tss64, rsp, 4);
FUTEET_ASSERT_OFFSET(struct tss64, ist, 0x24);

struct idt_gate {
	uint16_t off_lo, sel;
	uint8_t ist, type_attr;
	uint16_t off_mid;
	uint32_t off_hi, rsvd;
} FUTEET_PACKED;
FUTEET_ASSERT_SIZE(struct idt_gate, 16);

struct desc_ptr {
	uint16_t limit;
	uint64_t base;
} FUTEET_PACKED;

/* Descriptor words: long-mode code (L=1), data, DPL 0/3 (SDM 3.4.5). */
#define GDT_KCODE 0x00209a0000000000ull
#define GDT_KDATA 0x0000920000000000ull
#define GDT_UDATA 0x0000f20000000000ull
#define GDT_UCODE 0x0020fa0000000000ull

static uint64_t gdt[7] FUTEET_ALIGNED(16);
static struct tss64 tss FUTEET_ALIGNED(16);
static struct idt_gate idt[256] FUTEET_ALIGNED(16);

/* The IST slots (1-based in the gate): NMI, #DF, #MC, and #VC / #VE. */
enum { IST_NMI = 1, IST_DF = 2, IST_MC = 3, IST_VCVE = 4 };

extern const uint64_t trap_stub_table[32]; /* trap.S */

void gdt_init(uint64_t kstack_top, const uint64_t ist_tops[4])
{
	uint64_t base = (uint64_t)(uintptr_t)&tss;

	gdt[0] = 0;
	gdt[SEL_KCODE >> 3] = GDT_KCODE;
	gdt[SEL_KDATA >> 3] = GDT_KDATA;
	gdt[SEL_UDATA >> 3] = GDT_UDATA;
	gdt[SEL_UCODE >> 3] = GDT_UCODE;
	/* 64-bit available TSS, two slots (SDM 8.2.3 figure 8-4). */
	gdt[SEL_TSS >> 3] = (sizeof(tss) - 1) | ((base & 0xffffff) << 16) |
			    (0x89ull << 40) | (((base >> 24) & 0xff) << 56);
	gdt[(SEL_TSS >> 3) + 1] = base >> 32;

	memset(&tss, 0, sizeof(tss));
	tss.rsp[0] = kstack_top;
	for (int i = 0; i < 4; i++)
		tss.ist[i] = ist_tops[i];
	tss.iomap_base = sizeof(tss); /* no I/O bitmap: ring 3 has no port access */

	struct desc_ptr p = { sizeof(gdt) - 1, (uint64_t)(uintptr_t)gdt };
	__asm__ __volatile__(
		"lgdt %0\n\t"
		"pushq %1\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movw %w2, %%ax\n\t"
		"movw %%ax, %%ds\n\t"
		"movw %%ax, %%es\n\t"
		"movw %%ax, %%ss\n\t"
		"xorl %%eax, %%eax\n\t"
		"movw %%ax, %%fs\n\t"
		"movw %%ax, %%gs\n\t"
		"movw %w3, %%ax\n\t"
		"ltr %%ax"
		:
		: "m"(p), "i"((uint64_t)SEL_KCODE), "i"(SEL_KDATA), "i"(SEL_TSS)
		: "rax", "memory");
}

static void set_gate(int vec, uint64_t handler, uint8_t ist)
{
	struct idt_gate *g = &idt[vec];
	g->off_lo = handler & 0xffff;
	g->sel = SEL_KCODE;
	g->ist = ist;
	g->type_attr = 0x8e; /* present, DPL 0, 64-bit interrupt gate (IF cleared) */
	g->off_mid = (handler >> 16) & 0xffff;
	g->off_hi = handler >> 32;
	g->rsvd = 0;
}

void idt_init(void)
{
	memset(idt, 0, sizeof(idt));
	for (int v = 0; v < 32; v++) {
		uint8_t ist = 0;
		if (v == 2)
			ist = IST_NMI;
		else if (v == 8)
			ist = IST_DF;
		else if (v == 18)
			ist = IST_MC;
		else if (v == 20 || v == 29) /* #VE (TDX), #VC (SEV-ES/SNP) */
			ist = IST_VCVE;
		set_gate(v, trap_stub_table[v], ist);
	}
	/* Vectors 32-255 stay not-present: no device interrupts are enabled,
	 * and a stray one raises #NP, which is reported like any fault. */
	struct desc_ptr p = { sizeof(idt) - 1, (uint64_t)(uintptr_t)idt };
	__asm__ __volatile__("lidt %0" : : "m"(p));
}
