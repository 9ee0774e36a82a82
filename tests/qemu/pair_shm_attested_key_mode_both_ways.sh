#!/usr/bin/env bash
# Proves (one boot of two guests, scripts/run --peer sim-snp --chan shm,
# `pair --ak`): the attested-key mode between two guests, each receiving it
# in ring 3: the sim-tdx initiator and the sim-snp responder each make a
# P-256 key, attest it once (cnf = the key) and sign the handshake with it;
# each verifies the other's evidence with its ring-3 verifier (no nonce:
# the signature over its own nonce is the freshness) and the signature with
# the cnf of the verified claims; each says the peer authenticated with an
# attested key; one session id, a message each way, 1 MiB through the
# channel intact, both PASS, status 0.
. "$(dirname "$0")/lib.sh"
QEMU_BOOT_TIMEOUT=400 boot --platform sim-tdx --peer sim-snp --chan shm --init pair -- 1 --no-plain --ak
I=$TQ_I R=$TQ_R
for side in initiator responder; do
	expect_line "^\[$side\] pair: the peer authenticated with: attested key signing this handshake" "$side: the peer's mode is attested-key"
done
expect_line "${I}pair: verified the peer: sev-snp \(sim_sev_guest, sim root\) warning, cnf P-256; measurement " "the TDX side verified the SNP peer's attested key"
expect_line "${R}pair: verified the peer: tdx \(sim_tdx_guest, sim root\) warning, cnf P-256; MRTD " "the SNP side verified the TDX peer's attested key"
sid=$(sed -n 's/^\[initiator\] pair: session id \([0-9a-f]\{32\}\)$/\1/p' "$out")
[ -n "$sid" ] && [ "$sid" = "$(sed -n 's/^\[responder\] pair: session id \([0-9a-f]\{32\}\)$/\1/p' "$out")" ] ||
	fail "session ids differ or are missing"
expect_line "${R}pair: message from the peer through the channel: \"hello from the initiator\"" "initiator -> responder"
expect_line "${I}pair: message from the peer through the channel: \"hello from the responder\"" "responder -> initiator"
expect_line "${R}pair: channel: 16 messages of 64 KiB arrived intact" "channel copy intact"
expect_line "${I}pair: PASS" "initiator passed"
expect_line "${R}pair: PASS" "responder passed"
expect_status 0 "both guests succeeded"
pass "sim-tdx <-> sim-snp over ivshmem in the attested-key mode: each verified the other's attested key in ring 3 (session $sid)"
