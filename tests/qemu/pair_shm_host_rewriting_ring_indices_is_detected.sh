#!/usr/bin/env bash
# Proves: a host in the middle that rewrites the ring indices in the shared
# file while both guests run (the initiator->responder ring's head, which
# the responder reads, and its tail, which the initiator reads, set far out
# of range over and over) is detected by both kernels (lib/shmring.c's
# checks: "ring broken", -EIO to the program, never a read outside the
# ring), both programs fail with that reason, and the run's status is not 0.
. "$(dirname "$0")/lib.sh"
shm="$tq_tmp/peer.shm"
# The rewriting starts once scripts/run has made the region and ends with it.
python3 - "$shm" > "$tq_tmp/tamper.log" 2>&1 <<'PY' &
import mmap, os, struct, sys, time
path = sys.argv[1]
deadline = time.time() + 400
while not os.path.exists(path) or os.path.getsize(path) < 4 << 20:
    if time.time() > deadline: sys.exit(1)
    time.sleep(0.05)
f = open(path, "r+b")
m = mmap.mmap(f.fileno(), 4 << 20)
ring0 = 0x1000           # drivers/ivshmem.h: the initiator -> responder ring
n = 0
while os.path.exists(path) and time.time() < deadline:
    m[ring0 + 0x00:ring0 + 0x08] = struct.pack("<Q", 1 << 40)   # head
    m[ring0 + 0x40:ring0 + 0x48] = struct.pack("<Q", 1 << 41)   # tail
    n += 1
    time.sleep(0.001)
print("rewrites:", n)
PY
tamper=$!
FUTEET_PEER_GRACE=20 QEMU_BOOT_TIMEOUT=300 boot --platform none --peer none --chan shm \
	--peer-shm "$shm" --init pair -- 1
kill "$tamper" 2>/dev/null; wait "$tamper" 2>/dev/null
expect_line '^\[responder\] futeet: ivshmem-peer: the receive ring.s other index is out of range or moved back: ring broken' "responder detects the head"
expect_line '^\[initiator\] futeet: ivshmem-peer: the send ring.s other index is out of range or moved back: ring broken' "initiator detects the tail"
expect_line '^\[responder\] pair: FAIL: greeting: recv: ' "the responder's program fails with a reason"
expect_line '^\[initiator\] pair: FAIL: .*(send|Input/output|I/O)' "the initiator's program fails with a reason"
expect_no_line 'pair: PASS|panic' "nobody passes, no panic"
expect_status_not 0 "a tampered pair is not a success"
pass "rewritten ring indices: both sides refuse with 'ring broken', status $status"
