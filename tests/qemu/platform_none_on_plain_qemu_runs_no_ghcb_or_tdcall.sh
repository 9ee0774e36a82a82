#!/usr/bin/env bash
# Proves: on plain QEMU (TCG, no TDX, no SEV) detection says "platform: none"
# and no confidential-computing path ran: the kernel counts every VMGEXIT
# (arch/x86_64/coco/ghcb.c) and every TDCALL (tdcall.S) and reports 0 and 0
# when the program exits.
. "$(dirname "$0")/lib.sh"
boot --init hello
expect_status 0 "hello exits 0"
expect_line '^futeet: platform: none \(CPU [^)]*\)$' "detection names the platform"
expect_line '^futeet: platform exits: 0 VMGEXIT, 0 TDCALL$' "no GHCB or TDCALL exit ran"
expect_no_line 'panic' "no kernel panic"
pass "platform: none, 0 VMGEXIT, 0 TDCALL"
