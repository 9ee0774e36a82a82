#!/usr/bin/python3
"""A host in the middle of one channel connection (docs/CHANNEL.md section 2
framing, which is plaintext): listens on a unix socket, connects to the
guest's socket, forwards frames both ways and tampers with them as MODE says.

  relay.py LISTEN_PATH TARGET_PATH MODE

MODE: pass | flip-hello-c2g | flip-auth-g2c | flip-auth-c2g | flip-rec-c2g |
      flip-rec-g2c | drop-c2g | dup-c2g | replay-c2g | reorder-c2g |
      truncate-c2g | truncate-g2c
c2g = client to guest, g2c = guest to client; "rec" counts DATA records
(type 0x10) in that direction, from 1. Prints "relay: ..." lines: what it did,
and "relay: PLAINTEXT SEEN" if the marker the bench client puts at the start
of each message ever crosses it in the clear. Handles one connection."""
import os
import socket
import sys
import threading

MARKER = b"FUTEET-CHAN-PLAINTEXT-MARKER"
T_DATA = 0x10


def recv_exact(s, n):
    """n bytes, or fewer at the end of the stream. A reset counts as the
    end: a peer that closes with bytes of ours unread (a client that stopped
    reading after a tampered record) resets the socket, and the pump must
    still half-close the other direction."""
    b = b""
    while len(b) < n:
        try:
            c = s.recv(n - len(b))
        except OSError:
            return b
        if not c:
            return b
        b += c
    return b


def flip(f, off):
    off = min(off, len(f) - 1)
    return f[:off] + bytes([f[off] ^ 0x01]) + f[off + 1:]


def main(argv):
    listen_path, target, mode = argv[1], argv[2], argv[3]
    if os.path.exists(listen_path):
        os.unlink(listen_path)
    ls = socket.socket(socket.AF_UNIX)
    ls.bind(listen_path)
    ls.listen(1)
    print("relay: listening mode %s" % mode, flush=True)
    ls.settimeout(120)   # a client that never comes ends the relay, not the test's run
    try:
        cs, _ = ls.accept()
    except socket.timeout:
        print("relay: no client within 120 s", flush=True)
        return 1
    cs.settimeout(None)
    gs = socket.socket(socket.AF_UNIX)
    gs.connect(target)
    lock = threading.Lock()
    seen = {"plaintext": False}

    def close_all():
        for s in (cs, gs):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def pump(src, dst, d):
        nframe, nrec, held, saved = 0, 0, None, None
        while True:
            h = recv_exact(src, 4)
            if len(h) < 4:
                break
            f = h + recv_exact(src, int.from_bytes(h[1:4], "big"))
            if MARKER in f:
                seen["plaintext"] = True
                print("relay: PLAINTEXT SEEN (%s)" % d, flush=True)
            nframe += 1
            if f[0] == T_DATA:
                nrec += 1
            out = [f]
            m = mode
            if m == "flip-hello-c2g" and d == "c2g" and nframe == 1:
                out = [flip(f, 10)]                  # the initiator's nonce
            elif m == "flip-auth-g2c" and d == "g2c" and nframe == 2:
                out = [flip(f, 100)]                 # RESP_AUTH, inside the evidence
            elif m == "flip-auth-c2g" and d == "c2g" and nframe == 2:
                out = [flip(f, len(f) - 1)]          # INIT_AUTH's MAC
            elif m == "flip-rec-c2g" and d == "c2g" and f[0] == T_DATA and nrec == 1:
                out = [flip(f, 20)]                  # ciphertext
            elif m == "flip-rec-g2c" and d == "g2c" and f[0] == T_DATA and nrec == 1:
                out = [flip(f, 20)]
            elif m == "drop-c2g" and d == "c2g" and f[0] == T_DATA and nrec == 2:
                out = []
            elif m == "dup-c2g" and d == "c2g" and f[0] == T_DATA and nrec == 1:
                out = [f, f]
            elif m == "replay-c2g" and d == "c2g" and f[0] == T_DATA:
                if nrec == 1:
                    saved = f
                if nrec == 3:
                    out = [saved]                    # record 1 again instead of 3
            elif m == "reorder-c2g" and d == "c2g" and f[0] == T_DATA and nrec in (1, 2):
                if nrec == 1:
                    held, out = f, []
                else:
                    out = [f, held]
            elif m in ("truncate-c2g", "truncate-g2c") and d == m[-3:] and f[0] == T_DATA and nrec == 2:
                with lock:
                    try:
                        dst.sendall(f[:len(f) // 2])
                    except OSError:
                        pass
                print("relay: %s: cut record %d after %d of %d bytes" % (d, nrec, len(f) // 2, len(f)),
                      flush=True)
                close_all()
                return
            if out != [f]:
                print("relay: %s: %s at frame %d (type 0x%02x)" % (d, m, nframe, f[0]), flush=True)
            try:
                for o in out:
                    dst.sendall(o)
            except OSError:
                break
        # half-close: what the other direction still carries (a CLOSE with
        # its reason) must get through
        try:
            dst.shutdown(socket.SHUT_WR)
        except OSError:
            pass

    t1 = threading.Thread(target=pump, args=(cs, gs, "c2g"))
    t2 = threading.Thread(target=pump, args=(gs, cs, "g2c"))
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    # Read each socket to its end before closing it: closing a unix socket
    # with unread bytes in it (the client's records after a cut) makes the
    # peer's next read fail with ECONNRESET instead of seeing the end of
    # the stream, and the client would then miss the truncation it must
    # report. After close_all's shutdown nothing more can arrive, so the
    # reads end; after a half-close they end when the peer closes.
    for s in (cs, gs):
        try:
            s.settimeout(5)
            while s.recv(65536):
                pass
        except OSError:
            pass
        s.close()
    print("relay: done%s" % (" (plaintext seen!)" if seen["plaintext"] else ", no plaintext seen"),
          flush=True)
    return 1 if seen["plaintext"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
