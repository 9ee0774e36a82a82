#!/usr/bin/env python3
"""A host in the middle of two guests' shared region (drivers/ivshmem.h,
docs/CHANNEL.md section 10), for tests/qemu/pair_shm_host_*.sh.

    pair_shm_tamper.py FILE replay|forge

Waits for scripts/run to create FILE, walks the initiator -> responder
ring's frames from its start (the guests run pair --no-plain, so the
channel is all there is): INIT_HELLO, INIT_AUTH, then the first DATA
record. Once that record has been read and nothing follows (pair
--pause-ms keeps the initiator quiet), it writes a record behind it and
advances the ring's head, as a host can:
  replay  the same bytes again (the responder must refuse: record-seq)
  forge   the same bytes with the sequence number advanced to the next one
          and one ciphertext bit flipped (record-auth: the tag fails)
"""
import mmap, os, struct, sys, time

path, mode = sys.argv[1], sys.argv[2]
import mmap, os, struct, sys, time
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
# Once it has been read and nothing follows, write behind it.
while time.time() < deadline and not (u64(R0) == e and u64(R0 + 0x40) == e):
    time.sleep(0.001)
rec = bytearray(byte(s + i) for i in range(e - s))
if mode == "forge":
    seq = struct.unpack(">Q", bytes(rec[4:12]))[0]
    rec[4:12] = struct.pack(">Q", seq + 1)   # CHANNEL.md 6: seq, bytes 4..11
    rec[12] ^= 0x01                          # the first ciphertext byte
for i, b in enumerate(rec):
    m[DATA + (e + i) % SIZE] = b
m[R0:R0 + 8] = struct.pack("<Q", e + len(rec))
print("%s: wrote a record at %d, length %d" % (mode, e, len(rec)), flush=True)
