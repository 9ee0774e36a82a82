#!/usr/bin/env bash
# Proves: the user ABI checks of user/apps/selftest pass on the sim-snp and
# sim-tdx platforms too (init_selftest_passes_syscall_checks covers none):
# futeet_time, futeet_counter, futeet_random and the attestation calls with
# good and bad arguments (bad pointers, nonce of 7 and 65 bytes, unknown
# flags and ops, index 0..2), elapsed time never flagged trusted on a sim,
# and -EOPNOTSUPP where the platform lacks the call (derive_key on sim-tdx,
# extend on sim-snp), the supported one succeeding on the other.
. "$(dirname "$0")/snp_lib.sh"
summary=
for platform in sim-snp sim-tdx; do
	snp_boot --platform "$platform" --init selftest
	expect_line "^futeet: platform $platform" "the kernel runs on $platform"
	expect_no_line '^FAIL ' "$platform: every check passes"
	for c in futeet_time_flags_each_source futeet_counters_count_up_and_refuse_bad_ids \
		futeet_random_fills_loops_and_refuses_bad_buffers unsupported_calls_eopnotsupp_by_platform \
		evidence_bad_nonce_or_buffer_refused extend_bad_index_length_or_pointer_refused; do
		expect_line "^ok $c\$" "$platform: check $c ran and passed"
	done
	expect_line '^selftest: [1-9][0-9]* passed, 0 failed' "$platform: selftest summary"
	expect_status 0 "$platform: selftest exits 0 iff every check passed"
	summary="$summary $platform: $(grep -E '^selftest: [0-9]+ passed' "$out" | tail -n 1 | sed 's/^selftest: //');"
done
pass "${summary# }"
