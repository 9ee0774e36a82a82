#!/usr/bin/env bash
# Proves (one boot of two guests, scripts/run --peer sim-snp --chan stream):
# the same pair over the TCP stream (the responder's QEMU listens on a local
# port, the initiator's connects; each guest a virtio-console port): the
# plain copy, the attested handshake in both directions with what each side
# verified, one message each way, the channel copy, status 0 from both.
. "$(dirname "$0")/lib.sh"
QEMU_BOOT_TIMEOUT=400 boot --platform sim-tdx --peer sim-snp --chan stream --init pair -- 1
I='^\[initiator\] ' R='^\[responder\] '
expect_no_line 'ivshmem-peer: 4096' "no shared region on a stream pair"
expect_line "${R}pair: plain copy: 16 messages of 64 KiB arrived intact" "plain copy over TCP intact"
expect_line "${I}pair: handshake: [0-9]+ us \(initiator over the stream\)" "initiator over the stream"
expect_line "${R}pair: handshake: [0-9]+ us \(responder over the stream\)" "responder over the stream"
expect_line "${I}pair: verified the peer: sev-snp \(sim_sev_guest, sim root\) warning, cnf P-256; measurement " "the TDX side verified sev-snp"
expect_line "${R}pair: verified the peer: tdx \(sim_tdx_guest, sim root\) warning, cnf P-256; MRTD " "the SNP side verified tdx"
expect_line "${I}pair: message from the peer through the channel: \"hello from the responder\"" "responder -> initiator"
expect_line "${R}pair: message from the peer through the channel: \"hello from the initiator\"" "initiator -> responder"
expect_line "${R}pair: channel: 16 messages of 64 KiB arrived intact" "channel copy intact"
expect_line "${I}pair: PASS" "initiator passed"
expect_line "${R}pair: PASS" "responder passed"
expect_no_line 'PANIC|QEMU failed' "no panic, no QEMU failure"
expect_status 0 "both guests succeeded"
pass "sim-tdx <-> sim-snp over TCP: attested both ways, message and 1 MiB intact"
