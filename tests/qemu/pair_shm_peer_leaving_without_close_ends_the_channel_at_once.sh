#!/usr/bin/env bash
# Proves (one boot of two guests over shared memory, pair --leave): when the
# responder's program ends in the middle of an established channel without
# the channel's CLOSE, the kernel closes its port (the ring's close mark)
# and the initiator's waiting futeet_chan_recv ends at once: -EPROTO with
# reason 16 truncated (CHANNEL.md 7: the stream ended without a CLOSE),
# well before its 120 s bound, instead of a timeout. Both programs succeed.
. "$(dirname "$0")/lib.sh"
QEMU_BOOT_TIMEOUT=400 boot --platform sim-tdx --peer sim-snp --chan shm --init pair -- 1 --no-plain --leave
I=$TQ_I R=$TQ_R
expect_line "${R}pair: message from the peer through the channel: \"hello from the initiator\"" "the channel was up"
expect_line "${R}pair: leaving without a CLOSE" "the responder left"
expect_line "${I}pair: the peer left: recv -[0-9]+, reason 16 truncated: .* after [0-9]+ ms" "the initiator saw the channel end as truncated"
ms=$(sed -n 's/^\[initiator\] pair: the peer left: .* after \([0-9]*\) ms$/\1/p' "$out")
[ -n "$ms" ] && [ "$ms" -lt 60000 ] || fail "the initiator waited ${ms:-?} ms: a timeout, not the close"
expect_line "${I}pair: PASS" "initiator passed"
expect_line '^run: initiator \(sim-tdx\) status 0, responder \(sim-snp\) status 0' "both statuses reported"
expect_status 0 "both guests succeeded"
pass "the responder left mid-channel without a CLOSE: the initiator saw reason 16 truncated after $ms ms, not a timeout"
