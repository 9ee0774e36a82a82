#!/usr/bin/env bash
# Proves (one boot of two guests, scripts/run --peer sim-snp --chan shm): a
# sim-tdx guest (initiator) and a sim-snp guest (responder) share one ivshmem
# region beside each one's sim mailbox (also ivshmem) and each kernel takes
# the right device for each; 2 MiB of 64 KiB messages cross the bare ring
# byte for byte (the plain copy); then the attested channel: each side
# verifies the other's fresh evidence against its policy and prints what it
# verified (the TDX side sees sev-snp with its measurement, debug off and
# TCB; the SNP side sees tdx with MRTD, debug off, TEE_TCB_SVN; both: fresh
# evidence bound to this handshake), both derive the same session id, one
# message crosses each way, the same 2 MiB cross the channel intact, and the
# run's status is 0 because both sides ended with 0.
. "$(dirname "$0")/lib.sh"
QEMU_BOOT_TIMEOUT=400 boot --platform sim-tdx --peer sim-snp --chan shm --init pair -- 2
I='^\[initiator\] ' R='^\[responder\] '
expect_line "${I}futeet: platform sim-tdx " "the initiator's sim-tdx mailbox found beside the peer region"
expect_line "${R}futeet: platform sim-snp " "the responder's sim-snp mailbox found beside the peer region"
expect_line "${I}futeet: ivshmem-peer: 4096 KiB region shared with a peer guest, initiator" "initiator's port"
expect_line "${R}futeet: ivshmem-peer: 4096 KiB region shared with a peer guest, responder" "responder's port"
expect_line "${R}pair: plain copy: 32 messages of 64 KiB arrived intact" "plain copy intact"
expect_line "${I}pair: plain copy: 2097152 bytes in [0-9]+ us = [0-9]+ MB/s" "plain copy timed"
expect_line "${I}pair: handshake: [0-9]+ us \(initiator over shared memory\)" "handshake over shared memory"
expect_line "${I}pair: verified the peer: sev-snp \(sim_sev_guest, sim root\) warning, cnf P-256; measurement [0-9a-f]{16}\.\.\., debug off, TCB bl [0-9]+ tee [0-9]+ snp [0-9]+ ucode [0-9]+$" "the TDX side's view of the SNP peer"
expect_line "${R}pair: verified the peer: tdx \(sim_tdx_guest, sim root\) warning, cnf P-256; MRTD [0-9a-f]{16}\.\.\., debug off, TEE_TCB_SVN [0-9a-f]{16}$" "the SNP side's view of the TDX peer"
expect_line "${I}pair: the peer authenticated with: fresh evidence bound to this handshake" "initiator: peer mode"
expect_line "${R}pair: the peer authenticated with: fresh evidence bound to this handshake" "responder: peer mode"
sid_i=$(sed -n 's/^\[initiator\] pair: session id \([0-9a-f]\{32\}\)$/\1/p' "$out")
sid_r=$(sed -n 's/^\[responder\] pair: session id \([0-9a-f]\{32\}\)$/\1/p' "$out")
[ -n "$sid_i" ] && [ "$sid_i" = "$sid_r" ] || fail "session ids differ or are missing: '$sid_i' vs '$sid_r'"
expect_line "${I}pair: message from the peer through the channel: \"hello from the responder\"" "responder -> initiator"
expect_line "${R}pair: message from the peer through the channel: \"hello from the initiator\"" "initiator -> responder"
expect_line "${R}pair: channel: 32 messages of 64 KiB arrived intact" "channel copy intact"
expect_line "${I}pair: channel: 2097152 bytes in [0-9]+ us = [0-9]+ MB/s" "channel copy timed"
expect_line "${I}pair: PASS" "initiator passed"
expect_line "${R}pair: PASS" "responder passed"
expect_line '^run: initiator \(sim-tdx\) status 0, responder \(sim-snp\) status 0' "both statuses reported"
expect_no_line 'PANIC|ring broken' "no panic, no broken ring"
expect_status 0 "both guests succeeded"
pass "sim-tdx <-> sim-snp over ivshmem: attested both ways (session $sid_i), messages and 2 MiB intact"
