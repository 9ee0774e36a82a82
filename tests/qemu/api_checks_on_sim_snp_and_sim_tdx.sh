#!/usr/bin/env bash
# Proves: on sim-snp and sim-tdx the unified API's syscalls (futeet_attest,
# futeet_caps, futeet_measurements, futeet_extend) refuse bad arguments
# (nonce of 7 or 65 bytes, kernel and non-canonical pointers, unknown flags,
# reserved fields, a malformed COSE_Key or user claims, registers 0/1/2/4
# from userland: -EPERM), answer -ENOSPC with the size needed, bind nonce,
# key and user claims, describe the platform (SNP: kernel software
# registers and a VMPL; TDX: hardware registers, no sealing; both: "sim: not
# confidential"), and that register 3's extend shows in the registers and
# the log; futeet_time (never trusted on a sim), futeet_counter and
# futeet_random with good and bad arguments, futeet_attest's nonce and
# buffer checks, and -EOPNOTSUPP exactly where the platform lacks a call
# (derive_key on sim-tdx). The same checks on "none" (every well-formed call -EOPNOTSUPP)
# run in init_selftest_passes_syscall_checks. user/apps/selftest.c.
. "$(dirname "$0")/snp_lib.sh"
checks="attest_refuses_bad_arguments attest_binds_nonce_key_and_user_claims
	caps_struct_and_cbor_describe_this_platform
	extend_refuses_other_registers_and_bad_arguments measurements_report_registers_and_log
	futeet_counter_never_created_enoent futeet_random_fills_loops_and_refuses_bad_buffers
	futeet_time_flags_each_source futeet_time_bad_pointer_or_flags_refused
	futeet_counters_count_up_and_refuse_bad_ids evidence_bad_nonce_or_buffer_refused
	unsupported_calls_eopnotsupp_by_platform"
for p in sim-snp sim-tdx; do
	# shellcheck disable=SC2086
	snp_boot --platform "$p" --init selftest -- $checks
	expect_line "^futeet: platform $p " "the kernel brings up $p"
	for c in $checks; do
		expect_line "^ok $c\$" "$p: $c"
	done
	expect_line '^selftest: 12 passed, 0 failed' "$p: summary"
	expect_status 0 "$p: selftest exits 0"
done
pass "attest, caps, measurements, extend, time, counter, random and evidence checks pass on sim-snp and sim-tdx"
