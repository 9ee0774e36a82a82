#!/usr/bin/env bash
# Proves (one boot of two guests, scripts/run --peer sim-snp --chan stream):
# the same pair over the TCP stream (the responder's QEMU listens on a local
# port, the initiator's connects; each guest a virtio-console port): the
# plain copy, the attested handshake in both directions with what each side
# verified, one message each way, the channel copy, status 0 from both.
. "$(dirname "$0")/lib.sh"
pair_talk stream 1
expect_no_line 'ivshmem-peer: 4096' "no shared region on a stream pair"
expect_no_line 'QEMU failed' "no QEMU failure"
pass "sim-tdx <-> sim-snp over TCP: attested both ways (session $sid), message and 1 MiB intact"
