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
pair_tamper replay
expect_refused channel "13 record-seq" responder "the responder refuses the replay"
pass "a replayed record in the ring: reason 13 record-seq on both sides"
