/* Exception reporting. An exception in the user program kills it with a
 * message that names the exception, the address and the registers; one in
 * the kernel is a panic. Vector names: Intel SDM Dec 2024 vol. 3A table 6-1;
 * #VC: AMD APM vol. 2 section 15.35. */
#include "arch/x86_64/coco/vc_ve.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/uart.h"
#include "futeet/printk.h"
#include "kernel/kernel.h"
#include "kernel/proc.h"

static const char *const names[32] = {
	"divide error (#DE)", "debug (#DB)", "NMI", "breakpoint (#BP)", "overflow (#OF)",
	"bound range (#BR)", "invalid opcode (#UD)", "device not available (#NM)",
	"double fault (#DF)", "coprocessor segment overrun", "invalid TSS (#TS)",
	"segment not present (#NP)", "stack fault (#SS)", "general protection (#GP)",
	"page fault (#PF)", "reserved 15", "x87 FP error (#MF)", "alignment check (#AC)",
	"machine check (#MC)", "SIMD FP exception (#XM)", "virtualization exception (#VE)",
	"control protection (#CP)", "reserved 22", "reserved 23", "reserved 24", "reserved 25",
	"reserved 26", "reserved 27", "hypervisor injection (#HV)", "VMM communication (#VC)",
	"security exception (#SX)", "reserved 31",
};

static void dump(const struct trap_frame *f, uint64_t cr2)
{
	kprintf("futeet:   vector %llu error %#llx rip %#llx cs %#llx rflags %#llx rsp %#llx",
		(unsigned long long)f->vector, (unsigned long long)f->error,
		(unsigned long long)f->rip, (unsigned long long)f->cs,
		(unsigned long long)f->rflags, (unsigned long long)f->rsp);
	if (f->vector == 14)
		kprintf(" cr2 %#llx", (unsigned long long)cr2);
	kprintf("\nfuteet:   rax %#llx rbx %#llx rcx %#llx rdx %#llx\n",
		(unsigned long long)f->rax, (unsigned long long)f->rbx,
		(unsigned long long)f->rcx, (unsigned long long)f->rdx);
	kprintf("futeet:   rsi %#llx rdi %#llx rbp %#llx r8 %#llx r9 %#llx\n",
		(unsigned long long)f->rsi, (unsigned long long)f->rdi, (unsigned long long)f->rbp,
		(unsigned long long)f->r8, (unsigned long long)f->r9);
	kprintf("futeet:   r10 %#llx r11 %#llx r12 %#llx r13 %#llx r14 %#llx r15 %#llx\n",
		(unsigned long long)f->r10, (unsigned long long)f->r11, (unsigned long long)f->r12,
		(unsigned long long)f->r13, (unsigned long long)f->r14, (unsigned long long)f->r15);
}

void trap_handler(struct trap_frame *f)
{
	uint64_t cr2 = f->vector == 14 ? cpu_read_cr2() : 0;
	const char *name = f->vector < 32 ? names[f->vector] : "unknown";
	char why[160];

	/* #VC / #VE on SNP / TDX: CPUID and HLT are served, from ring 3 too. */
	if (coco_exception(f))
		return;
	/* A not-present fault on the user stack below its initial pages, from
	 * ring 3 or from copy_to/from_user: a zeroed page, then the retry. */
	if (f->vector == 14 && !(f->error & 1) && proc_stack_fault(cr2))
		return;
	if ((f->cs & 3) == 3) {
		/* rsp below the stack window: the stack ran out (its guard page) */
		bool overflow = f->rsp < STACK_TOP - STACK_SIZE && f->rsp >= STACK_TOP - 2 * STACK_SIZE;
		if (f->vector == 14)
			ksnprintf(why, sizeof(why), "%s, vector 14, at rip %#llx: %s %s address %#llx%s",
				  name, (unsigned long long)f->rip,
				  (f->error & 1) ? "protection violation on" : "no mapping for",
				  (f->error & 16) ? "instruction fetch from" :
				  (f->error & 2) ? "write to" : "read from",
				  (unsigned long long)cr2, overflow ? " (stack overflow: 1 MiB)" : "");
		else
			ksnprintf(why, sizeof(why), "%s, vector %llu, at rip %#llx", name,
				  (unsigned long long)f->vector, (unsigned long long)f->rip);
		uart_end_line();
		kprintf("futeet: user program '%s' killed: %s\n", proc.name, why);
		dump(f, cr2);
		kernel_report_exit(EXIT_KILLED);
	}
	if (arch_exception_fixup(f))
		return;
	kprintf("\nfuteet: kernel exception: %s\n", name);
	dump(f, cr2);
	panic("exception %llu in the kernel at rip %#llx", (unsigned long long)f->vector,
	      (unsigned long long)f->rip);
}
