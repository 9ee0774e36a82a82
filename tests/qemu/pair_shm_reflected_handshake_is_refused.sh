#!/usr/bin/env bash
# Proves: a host that reflects a guest's own handshake back to it (one
# sim-tdx guest as initiator; a host process copies everything it writes in
# the shared region's initiator->responder ring into the other ring,
# turning its INIT_HELLO's type into RESP_HELLO) is refused: the guest
# finds its own nonce and key in the "peer's" hello and closes with reason
# 6 reflected before any evidence is produced or appraised (CHANNEL.md 3).
. "$(dirname "$0")/lib.sh"
shm="$tq_tmp/peer.shm"
{ printf 'FUTEET-PEERSHM-1' > "$shm" && truncate -s 4M "$shm"; } || fail "cannot make the region"
python3 - "$shm" > "$tq_tmp/relay.log" 2>&1 <<'PY' &
import mmap, struct, sys, time
f = open(sys.argv[1], "r+b")
m = mmap.mmap(f.fileno(), 4 << 20)
SIZE = 1 << 20
R0, R1 = 0x1000, 0x200800            # drivers/ivshmem.h
u64 = lambda off: struct.unpack("<Q", m[off:off + 8])[0]
def put(off, v): m[off:off + 8] = struct.pack("<Q", v)
tail0 = head1 = 0
deadline = time.time() + 400
while time.time() < deadline:
    head0 = u64(R0)
    n = min(head0 - tail0, SIZE - (head1 - u64(R1 + 0x40)))
    for i in range(n):
        b = m[R0 + 0x80 + (tail0 + i) % SIZE]
        if tail0 + i == 0 and b == 0x01:
            b = 0x02                 # INIT_HELLO -> RESP_HELLO
        m[R1 + 0x80 + (head1 + i) % SIZE] = b
    if n > 0:
        tail0 += n; head1 += n
        put(R0 + 0x40, tail0); put(R1, head1)
        print("reflected", n, "bytes", flush=True)
    time.sleep(0.005)
PY
relay=$!
boot --platform sim-tdx --init pair --append env=FUTEET_PEER=initiator \
	--qemu-opt -object --qemu-opt "memory-backend-file,id=peer,share=on,mem-path=$shm,size=4M" \
	--qemu-opt -device --qemu-opt ivshmem-plain,memdev=peer -- --no-plain
kill "$relay" 2>/dev/null; wait "$relay" 2>/dev/null
grep -q '^reflected' "$tq_tmp/relay.log" || fail "the relay reflected nothing: $(tail -n 1 "$tq_tmp/relay.log")"
expect_line '^pair: FAIL: handshake: refused, reason 6 reflected: .*\(ours\)' "reflection refused with reason 6"
expect_no_line 'pair: PASS|verified the peer|PANIC' "no peer verified, no pass"
expect_status 1 "the program failed"
pass "a handshake reflected to its sender: reason 6 reflected"
