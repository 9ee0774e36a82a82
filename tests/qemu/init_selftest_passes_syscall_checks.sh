#!/usr/bin/env bash
# Proves: init=selftest picks that embedded program (not the default hello),
# and every syscall check in it passes, including that a bad user pointer
# gives -EFAULT and an unknown syscall -ENOSYS (user/apps/selftest.c);
# its exit status is 0 only when all pass. Its AVX probe executes CPUID in
# ring 3: on plain QEMU that runs natively, with no #VC/#VE path (0 VMGEXIT,
# 0 TDCALL); the SNP/TDX path is unit-tested (tests/unit/test_vc_ve.c).
. "$(dirname "$0")/lib.sh"
boot --init selftest
expect_no_line '^Hello from FUTEET' "init=selftest must not run hello"
expect_line '^selftest: [1-9][0-9]* passed, 0 failed' "selftest summary line"
expect_status 0 "selftest exits 0 iff every check passed"
expect_line '^futeet: platform exits: 0 VMGEXIT, 0 TDCALL$' "ring-3 CPUID on plain QEMU took no GHCB or TDCALL path"
summary=$(grep -E '^selftest: [0-9]+ passed' "$out" | tail -n 1)
pass "$summary"
