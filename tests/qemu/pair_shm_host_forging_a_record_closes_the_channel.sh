#!/usr/bin/env bash
# Proves: a host in the middle that forges a record in the shared region
# (once the initiator's first DATA record has been read, the host writes it
# again with the next sequence number and one ciphertext bit flipped, and
# advances the ring's head, while the initiator is quiet: pair --pause-ms)
# never gets altered data accepted: the responder closes the channel with
# reason 12 record-auth (the tag fails) and says so, the initiator learns
# reason 12 from the responder's CLOSE, nobody passes, the status is not 0.
. "$(dirname "$0")/lib.sh"
pair_tamper forge
expect_refused channel "12 record-auth" responder "the responder refuses the forged record"
pass "a forged record in the ring: reason 12 record-auth on both sides"
