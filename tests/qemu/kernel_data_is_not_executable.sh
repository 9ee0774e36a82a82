#!/usr/bin/env bash
# Proves the kernel's own W^X, execute half: a jump into kernel data (asked
# for with futeet.test=exec-kernel-data) is a page fault with error code 0x11
# (present, instruction fetch: SDM vol. 3A 4.7) and a reported panic.
. "$(dirname "$0")/lib.sh"
boot --append futeet.test=exec-kernel-data
expect_status "$STATUS_PANIC" "a kernel fault is a panic"
expect_line '^futeet: kernel exception: page fault \(#PF\)' "the fault is reported"
expect_line 'vector 14 error 0x11 ' "instruction fetch from an NX page"
expect_no_line 'the fault did not happen' "the data did not run"
pass "kernel data is not executable"
