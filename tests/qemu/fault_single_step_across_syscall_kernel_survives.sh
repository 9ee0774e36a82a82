#!/usr/bin/env bash
# Proves: a program that sets the trap flag and then issues SYSCALL does not
# make the kernel single-step itself (IA32_FMASK clears TF on entry); the
# #DB is delivered in ring 3 after SYSRET and kills only the program.
. "$(dirname "$0")/lib.sh"
boot --init fault -- single-step-syscall
expect_status "$STATUS_KILLED" "killed by a CPU exception"
expect_line 'single-step-syscall: the syscall returned' "the syscall itself completed"
expect_line "killed: debug \(#DB\), vector 1, at rip 0x7" "the #DB is taken at a user address"
expect_no_line 'PANIC|kernel exception' "the kernel itself did not trap"
pass "TF across SYSCALL traps in the program, not in the kernel"
