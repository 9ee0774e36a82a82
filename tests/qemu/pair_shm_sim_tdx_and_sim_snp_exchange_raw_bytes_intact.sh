#!/usr/bin/env bash
# Proves: scripts/run --peer starts a sim-tdx guest (initiator) and a sim-snp
# guest (responder) that share one ivshmem region beside each one's sim
# mailbox (also ivshmem): each kernel picks the right device for each (both
# platforms detected, the peer port registered), a greeting crosses each
# way and 4 MiB of 64 KiB messages arrive byte for byte (pair raw; the
# responder recomputes every byte), and the run's status is 0 only because
# both sides ended with 0.
. "$(dirname "$0")/lib.sh"
QEMU_BOOT_TIMEOUT=300 boot --platform sim-tdx --peer sim-snp --chan shm --init pair -- raw 4
expect_line '^\[initiator\] futeet: platform sim-tdx ' "the initiator's sim-tdx mailbox found beside the peer region"
expect_line '^\[responder\] futeet: platform sim-snp ' "the responder's sim-snp mailbox found beside the peer region"
expect_line '^\[initiator\] futeet: ivshmem-peer: 4096 KiB region shared with a peer guest, initiator' "initiator's port"
expect_line '^\[responder\] futeet: ivshmem-peer: 4096 KiB region shared with a peer guest, responder' "responder's port"
expect_line '^\[initiator\] pair: raw greeting from the responder received intact' "responder -> initiator"
expect_line '^\[responder\] pair: raw greeting from the initiator received intact' "initiator -> responder"
expect_line '^\[responder\] pair: plain copy: 64 messages of 64 KiB arrived intact' "4 MiB intact"
expect_line '^\[initiator\] pair: plain copy: 4194304 bytes in [0-9]+ us = [0-9]+ MB/s' "timed copy"
expect_line '^\[initiator\] pair: PASS' "initiator passed"
expect_line '^\[responder\] pair: PASS' "responder passed"
expect_line '^run: initiator \(sim-tdx\) status 0, responder \(sim-snp\) status 0' "both statuses reported"
expect_no_line 'panic|ring broken' "no panic, no broken ring"
expect_status 0 "both guests succeeded"
pass "sim-tdx <-> sim-snp over ivshmem: greeting both ways, 4 MiB intact, status 0"
