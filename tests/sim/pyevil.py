#!/usr/bin/env python3
"""Checks that one futeet-sim --evil MODE misbehaves exactly as docs/SIM.md
says, seen from an independent Python guest (pyclient.py's helpers; no FUTEET
code). Usage: pyevil.py MODE --shm PATH --secrets FILE --measurement HEX
Prints TAP lines; exit 0 only if every check passed."""
import argparse
import struct
import sys

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from pyclient import (GUID_VCEK, MSG_REPORT_REQ, MSG_REPORT_RSP, OP_EXT_GUEST_REQUEST,
                      OP_GUEST_REQUEST, PAGE, VMM_INVALID_LEN, Guest, guid_bytes, le_int,
                      report_req)
from simbox import Mailbox, Tap

VMM_BUSY = 2 << 32


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode")
    ap.add_argument("--shm", required=True)
    ap.add_argument("--secrets", required=True)
    ap.add_argument("--measurement", required=True)
    a = ap.parse_args()
    t = Tap()
    mb = Mailbox(a.shm)
    with open(a.secrets, "rb") as f:
        g = Guest(f.read()[0x20:0x40])
    ud = bytes(range(64))
    req1 = g.seal(MSG_REPORT_REQ, report_req(ud))
    m = a.mode

    def hdr(page):
        seqno = struct.unpack_from("<Q", page, 0x20)[0]
        mtype, mver, msz = struct.unpack_from("<BBH", page, 0x34)
        return seqno, mtype, mver, msz

    def decrypts(page, seqno=None):
        try:
            return g.open(page)
        except (InvalidTag, ValueError):
            return None

    if m == "vmpl1":  # not an evil mode: the sim started with --vmpl 1
        with open(a.secrets, "rb") as f:
            sp = f.read()
        t.check(sp[0x20:0x40] == b"\0" * 32 and sp[0x40:0x60] != b"\0" * 32,
                "--vmpl 1: VMPCK0 zeroed in the secrets page, VMPCK1 present")
        ret = mb.call(OP_GUEST_REQUEST, req1)[0]
        t.check((ret & 0xFFFFFFFF) != 0, "--vmpl 1: a request under VMPCK0 is a firmware error")
        g1 = Guest(sp[0x40:0x60], vmpck_id=1)
        ret, _, rsp = mb.call(OP_GUEST_REQUEST, g1.seal(MSG_REPORT_REQ, report_req(ud, vmpl=0)))
        st = struct.unpack_from("<I", g1.open(rsp)[1], 0)[0] if ret == 0 else -1
        t.check(st == 0x16, "--vmpl 1: report for VMPL 0 under VMPCK1 gets status 0x16", str(st))
        g1.seqno += 2
        ret, _, rsp = mb.call(OP_GUEST_REQUEST, g1.seal(MSG_REPORT_REQ, report_req(ud, vmpl=1)))
        ok = ret == 0
        if ok:
            h, p = g1.open(rsp)
            ok = h["seqno"] == 4 and h["vmpck"] == 1 and struct.unpack_from("<I", p, 0x20 + 0x30)[0] == 1
        t.check(ok, "--vmpl 1: report for VMPL 1 under VMPCK1 (seqno 3) says VMPL 1")
    elif m == "no-answer":
        try:
            mb.call(OP_GUEST_REQUEST, req1, timeout=1.0)
            t.check(False, "no-answer: the sim never acknowledges")
        except TimeoutError:
            t.check(True, "no-answer: the sim never acknowledges")
    elif m == "busy-forever":
        r1 = mb.call(OP_GUEST_REQUEST, req1)[0]
        r2 = mb.call(OP_GUEST_REQUEST, req1)[0]
        t.check(r1 == VMM_BUSY and r2 == VMM_BUSY, "busy-forever: VMM BUSY every time",
                f"{r1:#x} {r2:#x}")
    elif m == "too-small-on-plain-request":
        ret, aux, rsp = mb.call(OP_GUEST_REQUEST, req1)
        t.check(ret == VMM_INVALID_LEN and aux >= 1 and not rsp,
                "too-small: INVALID_LEN on a plain request", f"{ret:#x}")
        ret, aux, rsp = mb.call(OP_EXT_GUEST_REQUEST, req1, aux_in=4)
        ok = ret == 0 and decrypts(rsp[:PAGE]) is not None and hdr(rsp)[0] == 2
        t.check(ok, "too-small: the PSP never saw the plain request (seqno 1 still accepted)")
    else:
        ret, aux, rsp = mb.call(OP_EXT_GUEST_REQUEST, req1, aux_in=4)
        t.check(ret == 0 and len(rsp) == 5 * PAGE, "request answered", f"{ret:#x}")
        page = rsp[:PAGE]
        seqno, mtype, mver, msz = hdr(page)
        opened = decrypts(page)
        if m == "bad-tag":
            t.check(seqno == 2 and opened is None, "bad-tag: seqno right, tag does not verify")
        elif m == "replay":
            t.check(seqno == 0 and opened is not None, "replay (first): seqno = request - 1")
            req2 = g.seal(MSG_REPORT_REQ, report_req(ud), seqno=3)
            ret2, _, rsp2 = mb.call(OP_GUEST_REQUEST, req2)
            t.check(ret2 == 0 and rsp2 == page, "replay (second): the previous page again")
        elif m == "skip":
            t.check(seqno == 4 and opened is not None, "skip: seqno = request + 3", str(seqno))
        elif m == "short":
            t.check(msz == 16 and opened is not None and len(opened[1]) == 16,
                    "short: msg_sz 16, correctly encrypted")
        elif m == "oversize":
            t.check(msz == 0xFFFF, "oversize: msg_sz 0xFFFF beyond the page")
            try:
                g.open(page)
                t.check(False, "oversize: a bounds-checking guest refuses it")
            except ValueError:
                t.check(True, "oversize: a bounds-checking guest refuses it")
        elif m == "wrong-type":
            t.check(mtype == MSG_REPORT_REQ and opened is not None, "wrong-type: type = request's")
        elif m == "wrong-version":
            t.check(mver == 2 and opened is not None, "wrong-version: version = request's + 1")
        elif m in ("bad-status", "bad-signature", "flip-measurement", "none"):
            ok = opened is not None and seqno == 2 and mtype == MSG_REPORT_RSP and mver == 1
            t.check(ok, f"{m}: header and tag correct")
            p = opened[1] if opened else b"\0" * 0x4C0
            status = struct.unpack_from("<I", p, 0)[0]
            rep = p[0x20:0x20 + 0x4A0]
            t.check(status == (0x16 if m == "bad-status" else 0), f"{m}: status {status:#x}")
            vcek = None
            certs = rsp[PAGE:]
            for i in range(8):
                gd, off, ln = struct.unpack_from("<16sII", certs, 24 * i)
                if gd == guid_bytes(GUID_VCEK):
                    vcek = x509.load_der_x509_certificate(certs[off:off + ln])
            try:
                vcek.public_key().verify(
                    encode_dss_signature(le_int(rep[0x2A0:0x2E8]), le_int(rep[0x2E8:0x330])),
                    rep[:0x2A0], ec.ECDSA(hashes.SHA384()))
                sig_ok = True
            except InvalidSignature:
                sig_ok = False
            t.check(sig_ok == (m != "bad-signature"), f"{m}: signature valid = {sig_ok}")
            meas_ok = rep[0x90:0xC0].hex() == a.measurement
            t.check(meas_ok == (m != "flip-measurement"), f"{m}: measurement true = {meas_ok}")
            t.check(rep[0x50:0x90] == ud, f"{m}: REPORT_DATA == user_data")
        else:
            t.check(False, f"unknown mode {m}")
    print(f"1..{t.n}")
    return 1 if t.failed else 0


if __name__ == "__main__":
    sys.exit(main())
