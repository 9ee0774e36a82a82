#!/usr/bin/env bash
# Proves: on a plain VM (no TDX, no SEV, no sim mailbox) the kernel says
# "platform none" and the evidence syscall returns EOPNOTSUPP with a kernel
# message, so attest exits 1 with a one-line reason and prints no evidence.
. "$(dirname "$0")/snp_lib.sh"
snp_boot --init attest -- "$NONCE"
expect_status 1 "attest fails on a plain VM"
expect_line '^futeet: platform none \(plain VM' "the kernel names the platform"
expect_line '^futeet: futeet_attest: platform none has no attestation \(EOPNOTSUPP\)$' "kernel message"
expect_line '^attest: failed: no evidence: Operation not supported$' "one-line reason"
expect_no_line '^-----BEGIN FUTEET EVIDENCE-----$' "no evidence"
pass "platform none refuses attestation with EOPNOTSUPP"
