#!/usr/bin/env bash
# Proves: a policy may give the launch as a reference ("reference":
# {"firmware": FILE, "vcpus": N}) instead of a hex value; futeet-verify
# computes the launch digest of that firmware (lib/measure), the sim-snp
# evidence matches it, and because Debian's OVMF has no kernel-hashes page the
# verifier says "kernel not bound by the launch measurement" and the
# executables claim is a warning, not affirming (docs/MEASURE.md). A reference
# with a kernel on that firmware is refused (exit 2) with the reason.
. "$(dirname "$0")/snp_lib.sh"
V="$FUTEET_BUILD/bin/futeet-verify"
[ -x "$V" ] || fail "$V not built (make tools)"

snp_boot --platform sim-snp --init attest -- "$NONCE"
expect_status 0 "attest succeeds on sim-snp"
save_evidence "$tq_tmp/ev.txt"
cat > "$tq_tmp/policy.json" <<P
{ "policy_id": "test:reference", "allow_sim": true,
  "reference": {"firmware": "$OVMF_CODE", "vcpus": 1, "vcpu_type": "EPYC-v4"},
  "min_tcb": {"bl": 0, "tee": 0, "snp": 0, "ucode": 0} }
P
"$V" --policy "$tq_tmp/policy.json" --nonce "$NONCE" "$tq_tmp/ev.txt" > "$tq_tmp/ear.json" 2> "$tq_tmp/err"
rc=$?
[ $rc = 3 ] || fail "futeet-verify exit $rc, want 3 (warning): $(cat "$tq_tmp/err")"
grep -q 'kernel not bound by the launch measurement' "$tq_tmp/err" ||
	fail "the verifier must say the kernel is not bound: $(cat "$tq_tmp/err")"
grep -qF '"reference_measurements": "passed"' "$tq_tmp/ear.json" || fail "the reference did not match"
grep -qF '"executables": 32' "$tq_tmp/ear.json" || fail "executables is not a warning (32)"

cat > "$tq_tmp/policy2.json" <<P
{ "allow_sim": true, "reference": {"firmware": "$OVMF_CODE", "kernel": "$FUTEET_BUILD/futeet.efi"} }
P
"$V" --policy "$tq_tmp/policy2.json" "$tq_tmp/ev.txt" > /dev/null 2> "$tq_tmp/err2"
rc=$?
[ $rc = 2 ] || fail "a kernel reference on Debian's OVMF: exit $rc, want 2"
grep -q 'SNP_KERNEL_HASHES' "$tq_tmp/err2" || fail "no reason: $(cat "$tq_tmp/err2")"
pass "firmware reference: MEASUREMENT matches, kernel not bound, executables warning"
