#!/usr/bin/env bash
# Proves the kernel's own W^X, write half: a write to kernel text (asked for
# with futeet.test=write-kernel-text) is a page fault with error code 0x3
# (present, write: SDM vol. 3A 4.7) and a reported panic, never a silent write.
. "$(dirname "$0")/lib.sh"
boot --append futeet.test=write-kernel-text
expect_status "$STATUS_PANIC" "a kernel fault is a panic"
expect_line '^futeet: kernel exception: page fault \(#PF\)' "the fault is reported"
expect_line 'vector 14 error 0x3 ' "protection violation on a write"
expect_no_line 'the fault did not happen' "the write did not succeed"
pass "kernel text is not writable"
