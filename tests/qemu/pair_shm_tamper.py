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
With pair --hold-ms the responder reads nothing for a while after that
first record, and the initiator's copy records queue in the ring behind it;
once at least four are there, unread, the host rewrites them in place:
  drop     the copy's first record disappears: every later one moves up
  reorder  its second and third records change places (the first is read
           as it came, then the third arrives where the second should)
(the responder must refuse the first one it reads: record-seq, 13). Then,
when the responder has written something more (its CLOSE), the host throws
away what is left unread (it moves the ring's tail to its head, as a relay
that discards), so that the initiator, blocked on a full ring, goes on to
read the responder's CLOSE and learns its reason too.
"""
import mmap, os, struct, sys, time

path, mode = sys.argv[1], sys.argv[2]
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
def walk(count):
    """Append (type, start, end) of the initiator's frames until there are
    count of them or the deadline passes (a frame: type, 24-bit length)."""
    global cur
    while len(frames) < count and time.time() < deadline:
        head = u64(R0)
        if head >= cur + 4:
            n = byte(cur + 1) << 16 | byte(cur + 2) << 8 | byte(cur + 3)
            if head >= cur + 4 + n:
                frames.append((byte(cur), cur, cur + 4 + n)); cur += 4 + n
                continue
        time.sleep(0.001)
walk(3)
t, s, e = frames[2]
assert t == 0x10, "third frame is not DATA: %#x" % t
if mode in ("drop", "reorder"):
    # the copy's records behind the first one, while nobody reads them
    walk(7)
    recs = frames[3:7]
    assert all(f[0] == 0x10 for f in recs), "not DATA records: %s" % [hex(f[0]) for f in recs]
    if u64(R0 + 0x40) != e:
        sys.exit("%s: too late, the responder already read on" % mode)
    data = [bytes(byte(a + i) for i in range(b - a)) for _, a, b in recs]
    assert len(set(len(d) for d in data)) == 1, "records of different sizes"
    seqs = [struct.unpack(">Q", d[4:12])[0] for d in data]
    if mode == "drop":
        new = data[1:] + data[3:]          # record 1 gone, the rest one place up
    else:
        new = [data[0], data[2], data[1], data[3]]
    for (_, a, _b), d in zip(recs, new):
        for i, v in enumerate(d):
            m[DATA + (a + i) % SIZE] = v
    if u64(R0 + 0x40) != e:
        sys.exit("%s: too late, the responder read while the host wrote" % mode)
    print("%s: wrote records with sequence numbers %s where %s were" % (
        mode, [struct.unpack(">Q", d[4:12])[0] for d in new], seqs), flush=True)
    # the responder's answer (its CLOSE) in the other ring, then discard
    # what it left unread so that the initiator can finish and read it
    R1 = 0x200800
    rhead = u64(R1)
    while time.time() < deadline and u64(R1) == rhead:
        time.sleep(0.01)
    end = time.time() + 60
    while time.time() < end:
        h = u64(R0)
        if u64(R0 + 0x40) != h:
            m[R0 + 0x40:R0 + 0x48] = struct.pack("<Q", h)
        time.sleep(0.005)
    sys.exit(0)
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
