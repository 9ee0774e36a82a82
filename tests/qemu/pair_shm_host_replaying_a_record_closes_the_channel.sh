#!/usr/bin/env bash
# Proves: a host in the middle that replays a record in the shared region
# (once the initiator's first DATA record has been read, the host writes the
# same bytes again behind it and advances the ring's head, while the
# initiator is quiet: pair --pause-ms) never gets it accepted: the responder
# closes the channel with reason 13 record-seq and says so, the initiator
# learns reason 13 from the responder's CLOSE, nobody passes, the status is
# not 0. (A host cannot alter bytes unnoticed either: a replayed record with
# its sequence number rewritten fails its tag, CHANNEL.md section 6; the
# ring's own checks are pair_shm_host_rewriting_ring_indices_is_detected.)
. "$(dirname "$0")/lib.sh"
shm="$tq_tmp/peer.shm"
python3 tests/qemu/pair_shm_tamper.py "$shm" replay > "$tq_tmp/tamper.log" 2>&1 &
tamper=$!
FUTEET_PEER_GRACE=30 QEMU_BOOT_TIMEOUT=400 boot --platform sim-tdx --peer sim-snp --chan shm \
	--peer-shm "$shm" --init pair -- 1 --no-plain --pause-ms 3000
kill "$tamper" 2>/dev/null; wait "$tamper" 2>/dev/null
grep -q '^replay: wrote' "$tq_tmp/tamper.log" || fail "the host never replayed: $(tail -n 1 "$tq_tmp/tamper.log")"
expect_line '^\[responder\] pair: message from the peer through the channel: "hello from the initiator"' "the genuine record was accepted once"
expect_line '^\[responder\] pair: FAIL: channel: refused, reason 13 record-seq: .*\(ours\)' "the responder refuses the replay"
expect_line '^\[initiator\] pair: FAIL: channel: refused, reason 13 record-seq: .*\(the peer.s\)' "the initiator is told why"
expect_no_line 'pair: PASS|plaintext differs|PANIC' "nothing accepted twice, nobody passes"
expect_status_not 0 "a tampered pair is not a success"
pass "a replayed record in the ring: reason 13 record-seq on both sides"
