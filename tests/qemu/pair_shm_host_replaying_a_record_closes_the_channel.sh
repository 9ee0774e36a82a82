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
python3 - "$shm" > "$tq_tmp/tamper.log" 2>&1 <<'PY' &
import mmap, os, struct, sys, time
path = sys.argv[1]
deadline = time.time() + 400
while not os.path.exists(path) or os.path.getsize(path) < 4 << 20:
    if time.time() > deadline: sys.exit(1)
    time.sleep(0.05)
f = open(path, "r+b")
m = mmap.mmap(f.fileno(), 4 << 20)
SIZE, R0 = 1 << 20, 0x1000           # initiator -> responder ring (drivers/ivshmem.h)
DATA = R0 + 0x80
u64 = lambda off: struct.unpack("<Q", m[off:off + 8])[0]
def byte(pos): return m[DATA + pos % SIZE]
# Walk the initiator's frames from the ring's start (pair --no-plain: the
# channel is all there is): INIT_HELLO, INIT_AUTH, then the first DATA record.
cur, frames = 0, []
while len(frames) < 3 and time.time() < deadline:
    head = u64(R0)
    if head >= cur + 4:
        n = byte(cur + 1) << 16 | byte(cur + 2) << 8 | byte(cur + 3)
        if head >= cur + 4 + n:
            frames.append((byte(cur), cur, cur + 4 + n)); cur += 4 + n
            continue
    time.sleep(0.001)
t, s, e = frames[2]
assert t == 0x10, "third frame is not DATA: %#x" % t
# Once it has been read and nothing follows, replay it.
while time.time() < deadline and not (u64(R0) == e and u64(R0 + 0x40) == e):
    time.sleep(0.001)
for i in range(e - s):
    m[DATA + (e + i) % SIZE] = byte(s + i)
m[R0:R0 + 8] = struct.pack("<Q", e + (e - s))
print("replayed the DATA record at", s, "length", e - s, flush=True)
PY
tamper=$!
FUTEET_PEER_GRACE=30 QEMU_BOOT_TIMEOUT=400 boot --platform sim-tdx --peer sim-snp --chan shm \
	--peer-shm "$shm" --init pair -- 1 --no-plain --pause-ms 3000
kill "$tamper" 2>/dev/null; wait "$tamper" 2>/dev/null
grep -q '^replayed' "$tq_tmp/tamper.log" || fail "the host never replayed: $(tail -n 1 "$tq_tmp/tamper.log")"
expect_line '^\[responder\] pair: message from the peer through the channel: "hello from the initiator"' "the genuine record was accepted once"
expect_line '^\[responder\] pair: FAIL: channel: refused, reason 13 record-seq: .*\(ours\)' "the responder refuses the replay"
expect_line '^\[initiator\] pair: FAIL: channel: refused, reason 13 record-seq: .*\(the peer.s\)' "the initiator is told why"
expect_no_line 'pair: PASS|plaintext differs|PANIC' "nothing accepted twice, nobody passes"
expect_status_not 0 "a tampered pair is not a success"
pass "a replayed record in the ring: reason 13 record-seq on both sides"
