#!/usr/bin/env bash
# Proves: a host in the middle that reorders records in the shared region
# (the responder holds off reading, pair --hold-ms, so the initiator's copy
# records queue in the ring; the host swaps the second and the third) never
# gets them accepted out of order: the responder reads the first as it came,
# then refuses the third where the second belongs with reason 13
# record-seq, and says so; the initiator learns 13 from the responder's
# CLOSE; nobody passes, no copy is reported intact, the status is not 0.
. "$(dirname "$0")/lib.sh"
pair_tamper reorder 1 --no-plain --hold-ms 20000
grep -q '^reorder: wrote records with sequence numbers \[1, 3, 2, 4\] where \[1, 2, 3, 4\] were' "$tq_tmp/tamper.log" ||
	fail "the host did not swap records 2 and 3: $(tail -n 1 "$tq_tmp/tamper.log")"
expect_refused channel "13 record-seq" responder "the responder refuses the record out of order"
expect_no_line 'arrived intact' "no copy accepted"
pass "records reordered in the ring: reason 13 record-seq on both sides"
