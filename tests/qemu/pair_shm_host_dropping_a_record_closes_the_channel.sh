#!/usr/bin/env bash
# Proves: a host in the middle that drops a record in the shared region
# (the responder holds off reading, pair --hold-ms, so the initiator's copy
# records queue in the ring; the host removes the first of them and moves
# every later one up a place) never gets the gap accepted: the responder
# closes the channel with reason 13 record-seq at the first record it reads
# (the one after the dropped one), and says so; the initiator learns 13 from
# the responder's CLOSE; nobody passes, no copy is reported intact, the
# status is not 0.
. "$(dirname "$0")/lib.sh"
pair_tamper drop 1 --no-plain --hold-ms 20000
grep -q '^drop: wrote records with sequence numbers \[2, 3, 4, 4\] where \[1, 2, 3, 4\] were' "$tq_tmp/tamper.log" ||
	fail "the host did not drop record 1: $(tail -n 1 "$tq_tmp/tamper.log")"
expect_refused channel "13 record-seq" responder "the responder refuses the record after the gap"
expect_no_line 'arrived intact' "no copy accepted"
pass "a record dropped from the ring: reason 13 record-seq on both sides"
