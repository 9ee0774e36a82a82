#!/usr/bin/env bash
# Proves: the stream transport loses nothing when the host reader lags
# (the port is a virtserialport, which QEMU throttles, not a virtconsole,
# which drops what the socket cannot take; drivers/virtio_console.c). One
# boot of `chan serve 1 --echo-first`:
# 1. the bare port: a host client writes 4 MiB while its reader sleeps 8 s
#    (far more than the unix socket's buffer, so the guest's sends block
#    on a throttled port), then reads: all 4 MiB come back byte for byte;
# 2. the attested channel: chan_peer.py sends 64 messages of 64 KiB while
#    its reader sleeps 8 s: every record is echoed intact, in sequence, and
#    the channel closes normally (no record-auth or record-seq closure,
#    which a lossy port would cause).
. "$(dirname "$0")/lib.sh"
verify=$FUTEET_BUILD/bin/futeet-verify
[ -x "$verify" ] || fail "futeet-verify not built"
sock="$tq_tmp/chan.sock"
export QEMU_BOOT_TIMEOUT=${QEMU_BOOT_TIMEOUT_CHAN:-400}
boot_bg --platform sim-snp --chan-socket "$sock" --init chan -- serve 1 --allow-unattested --echo-first
wait_line '^chan: echo ready' 240
/usr/bin/python3 - "$sock" > "$tq_tmp/client" 2>&1 <<'PY' || { cat "$tq_tmp/client"; bg_refresh; kill "$bg_pid"; fail "bare port under backpressure: $(tail -n 1 "$tq_tmp/client")"; }
import os, socket, sys, threading, time
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.settimeout(120)
data = os.urandom(4 << 20)
print("socket buffers: send %d, receive %d bytes" % (
    s.getsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF), s.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF)))
t = threading.Thread(target=s.sendall, args=(data,))
t.start()
time.sleep(8)
got = bytearray()
s.settimeout(30)   # a lossy port never completes the 4 MiB
while len(got) < len(data):
    try:
        c = s.recv(65536)
    except socket.timeout:
        break
    if not c:
        break
    got += c
t.join(1)
if got != data:
    first = next((i for i in range(min(len(got), len(data))) if got[i] != data[i]), min(len(got), len(data)))
    sys.exit("sent %d bytes, got %d back, first difference at %d" % (len(data), len(got), first))
print("echoed %d bytes intact after an 8 s stall" % len(data))
s.sendall(b"QUIT")
time.sleep(0.5)
PY
cat "$tq_tmp/client"
wait_line '^chan: serve 1/1 ready' 120
timeout 200 /usr/bin/python3 tests/chan/chan_peer.py connect "$sock" --unattested \
	--verifier "$verify" --verifier-opt --allow-sim --accept-warning \
	--payload-kib 64 --count 64 --stall-ms 8000 > "$tq_tmp/chan" 2>&1
cst=$?
sed 's/^/  client: /' "$tq_tmp/chan"
[ $cst -eq 0 ] || { bg_refresh; kill "$bg_pid"; fail "the channel under backpressure: client status $cst: $(tail -n 1 "$tq_tmp/chan")"; }
grep -q '^chan: bench: reader stalled 8000 ms' "$tq_tmp/chan" || { kill "$bg_pid"; fail "the client's reader did not stall"; }
wait_bg
expect_line '^chan: echo done' "the bare echo ended on QUIT"
expect_line '^chan: 256 messages, 4194304 bytes echoed' "the guest echoed all 4 MiB through the channel (256 records of 16 KiB)"
expect_line '^chan: closed: peer reason 1 closed' "the channel closed normally"
expect_no_line 'record-auth|record-seq|truncated|idle for' "no closure a lost byte would cause"
expect_status 0
pass "4 MiB over the bare port and 4 MiB through the channel, each with the host reader stalled 8 s: nothing lost, the channel closed normally"
