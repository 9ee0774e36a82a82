#!/usr/bin/env bash
# Proves: a host in the middle that forges a record in the shared region
# (once the initiator's first DATA record has been read, the host writes it
# again with the next sequence number and one ciphertext bit flipped, and
# advances the ring's head, while the initiator is quiet: pair --pause-ms)
# never gets altered data accepted: the responder closes the channel with
# reason 12 record-auth (the tag fails) and says so, the initiator learns
# reason 12 from the responder's CLOSE, nobody passes, the status is not 0.
. "$(dirname "$0")/lib.sh"
shm="$tq_tmp/peer.shm"
python3 tests/qemu/pair_shm_tamper.py "$shm" forge > "$tq_tmp/tamper.log" 2>&1 &
tamper=$!
FUTEET_PEER_GRACE=30 QEMU_BOOT_TIMEOUT=400 boot --platform sim-tdx --peer sim-snp --chan shm \
	--peer-shm "$shm" --init pair -- 1 --no-plain --pause-ms 3000
kill "$tamper" 2>/dev/null; wait "$tamper" 2>/dev/null
grep -q '^forge: wrote' "$tq_tmp/tamper.log" || fail "the host never forged: $(tail -n 1 "$tq_tmp/tamper.log")"
expect_line '^\[responder\] pair: message from the peer through the channel: "hello from the initiator"' "the genuine record was accepted once"
expect_line '^\[responder\] pair: FAIL: channel: refused, reason 12 record-auth: .*\(ours\)' "the responder refuses the forged record"
expect_line '^\[initiator\] pair: FAIL: channel: refused, reason 12 record-auth: .*\(the peer.s\)' "the initiator is told why"
expect_no_line 'pair: PASS|plaintext differs|PANIC' "nothing accepted twice, nobody passes"
expect_status_not 0 "a tampered pair is not a success"
pass "a forged record in the ring: reason 12 record-auth on both sides"
