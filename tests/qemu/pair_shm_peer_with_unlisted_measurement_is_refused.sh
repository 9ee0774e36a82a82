#!/usr/bin/env bash
# Proves: a policy whose reference measurement the peer does not have
# (pair --measurement with 96 zeros: neither the SNP MEASUREMENT nor the TDX
# MRTD of these sims) refuses the peer's evidence: the initiator (sim-tdx),
# which appraises first, closes with reason 7 evidence and says what it saw;
# the responder (sim-snp) learns reason 7 from its peer's ABORT; neither
# sends a message, and the run's status is not 0.
. "$(dirname "$0")/lib.sh"
zeros=$(printf '0%.0s' $(seq 96))
FUTEET_PEER_GRACE=30 QEMU_BOOT_TIMEOUT=400 boot --platform sim-tdx --peer sim-snp --chan shm \
	--init pair -- --no-plain --measurement "$zeros"
expect_refused handshake "7 evidence" initiator "the initiator refuses the SNP peer's measurement" \
	'; peer evidence: sev-snp .*contraindicated'
expect_no_line 'pair: PASS|message from the peer|PANIC' "no message, nobody passes"
expect_status_not 0 "a refused peer is not a success"
pass "unlisted measurement: reason 7 on both sides"
