#!/usr/bin/env bash
# Proves: with scripts/run --chan-socket, futeet_port_open(FUTEET_PORT_STREAM)
# finds the virtio console (modern PCI, virtio 1.2 4.1 and 5.3) and every
# byte a host client writes to the QEMU socket comes back unchanged through
# the guest's futeet_port_recv/send (`chan echo`): 1 byte, 2049 bytes (past
# one 2 KiB ring buffer), 300 000 random bytes written while reading (the
# rings wrap many times). Then the client hangs up and the guest's waiting
# futeet_port_recv (no timeout) returns 0 (virtio-console PORT_OPEN 0 from
# the host, virtio 1.2 5.3.6.2): `chan echo` ends. A second boot runs the port refusals with the
# device present: a second open -EBUSY, bad buffers -EFAULT (selftest).
. "$(dirname "$0")/lib.sh"
sock="$tq_tmp/chan.sock"
boot_bg --chan-socket "$sock" --init chan -- echo
wait_line '^chan: echo ready'
/usr/bin/python3 - "$sock" > "$tq_tmp/client" 2>&1 <<'PY' || { cat "$tq_tmp/client"; kill "$bg_pid"; fail "echo through the stream port: $(tail -n 1 "$tq_tmp/client")"; }
import os, socket, sys, threading
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.settimeout(60)
def roundtrip(data):
    t = threading.Thread(target=s.sendall, args=(data,))
    t.start()
    got = b""
    while len(got) < len(data):
        c = s.recv(65536)
        if not c:
            break
        got += c
    t.join()
    if got != data:
        sys.exit("sent %d bytes, got %d back%s" % (len(data), len(got),
                 ", different" if len(got) == len(data) else ""))
    print("echoed %d bytes" % len(data))
roundtrip(b"x")
roundtrip(os.urandom(2049))
roundtrip(os.urandom(300000))
s.close()
PY
cat "$tq_tmp/client"
wait_bg
expect_line '^futeet: virtio-console: .* port 1 \(multiport\), queues' "the driver found the device and its port 1 through the control queue"
expect_line '^chan: echo: the peer closed' "the client's hang-up reached futeet_port_recv as 0"
expect_status 0 "chan echo exits 0 after the hang-up"
boot --chan-socket "$tq_tmp/chan2.sock" --init selftest -- port_calls_refuse_bad_kinds_handles_and_buffers
expect_line '^ok port_calls_refuse_bad_kinds_handles_and_buffers' "port refusals with the device present"
expect_line '^futeet: port 1 \(virtio-console\) ready' "the selftest really had the device"
expect_status 0
pass "1, 2049 and 300000 bytes echoed, the hang-up seen as 0; -EBUSY and -EFAULT with the device present"
