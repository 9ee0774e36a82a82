#!/usr/bin/env bash
# Proves: the user stack is 1 MiB although only its top is mapped at load
# (kernel/proc.c PROC_STACK_INITIAL_PAGES): a program recursing through
# 900 KiB of 4 KiB frames, every byte written and read back, works; below
# its deepest frame an untouched page reads as zeros from ring 3 and one the
# kernel writes first (getrandom: copy_to_user faults the page in) comes
# back filled. A program recursing past 1 MiB is killed at the guard page
# with a message that says stack overflow, and the kernel survives. A stack
# page made read-only (mprotect), touched before or not, is refused to a
# syscall's copy with EFAULT: the kernel never faults on it.
. "$(dirname "$0")/lib.sh"
boot --init fault -- stack-use 900
expect_status 0 "900 KiB of stack must work"
expect_line '^fault: used 900 KiB of stack$' "the frames read back and the fresh pages were right"
expect_no_line 'panic|killed' "nothing was killed"
boot --init fault -- stack-readonly-copy
expect_status 0 "a read-only stack page is refused, not faulted on"
expect_line '^fault: stack-readonly-copy: EFAULT twice$' "getrandom into a read-only stack page (touched, and untouched) is EFAULT"
expect_no_line 'panic|killed' "the kernel did not fault"
boot --init fault -- stack-overflow
expect_status "$STATUS_KILLED" "killed by a CPU exception"
expect_line "killed: page fault \(#PF\).*no mapping for write to address 0x7fffffe[0-9a-f]{5} \(stack overflow: 1 MiB\)" \
	"the kill message names the page fault below the stack and says stack overflow"
expect_no_line 'panic' "the kernel itself did not panic"
pass "900 KiB of stack works, past 1 MiB the program is killed: stack overflow"
