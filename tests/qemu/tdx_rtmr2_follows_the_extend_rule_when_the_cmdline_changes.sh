#!/usr/bin/env bash
# Proves: RTMR2 = SHA-384(SHA-384(0^48 || SHA-384(command line)) ||
# SHA-384(program ELF)) for two different command lines, recomputed in
# Python from the command line each kernel printed and build/user/attest.elf,
# and the two values differ.
. "$(dirname "$0")/tdx_lib.sh"
declare -a r2
for extra in "" "--twice"; do
	snp_boot --platform sim-tdx --init attest -- $extra "$NONCE"
	expect_status 0 "attest succeeds on sim-tdx"
	save_evidence "$tq_tmp/ev.txt"
	cmdline=$(guest_cmdline)
	tdx_check "$tq_tmp/ev.txt" --cmdline "$cmdline" --program "$FUTEET_BUILD/user/attest.elf" ||
		fail "independent check (cmdline '$cmdline'): $(tail -n 1 "$tq_tmp/check.out")"
	r2+=("$(check_value rtmr2)")
done
[ "${r2[0]}" != "${r2[1]}" ] || fail "RTMR2 did not change with the command line"
pass "RTMR2 follows the extend rule for both command lines (${r2[0]:0:16}... vs ${r2[1]:0:16}...)"
