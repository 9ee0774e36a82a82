#!/usr/bin/python3
"""Sim-snp evidence for the unit tests of appraise() (tests/unit/test_policy.c),
made by talking to a running futeet-sim as tests/sim/pyclient.py does (no
FUTEET guest code): MSG_REPORT_REQ with REPORT_DATA = SHA-512(claims set),
the certificate table from the extended request, wrapped into a FUTEET CMW
(docs/FORMATS.md) with python3-cbor2 as tests/real/make_cmw.py does.

usage: make_sim_evidence.py --shm SHM --secrets SECRETS --nonce HEX
                            --out PREFIX --vmpls 0,1
writes PREFIX-vmpl0.cmw, PREFIX-vmpl1.cmw, ... (one guest session: the
sequence numbers continue from one request to the next).
Run by tests/data/sim/make.sh, which starts the sim."""
import argparse
import hashlib
import os
import struct
import sys

import cbor2

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "sim"))
from pyclient import (Mailbox, Guest, report_req, MSG_REPORT_REQ,  # noqa: E402
                      OP_EXT_GUEST_REQUEST, VMM_INVALID_LEN, PAGE)

PROFILE = "tag:futeet.dev,2026:evidence/v1"
UCS_MT = 'application/eat-ucs+cbor; eat_profile="%s"' % PROFILE
TSM_MT = "application/vnd.veraison.tsm-report+cbor"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shm", required=True)
    ap.add_argument("--secrets", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--nonce", required=True)
    ap.add_argument("--vmpls", default="0")
    a = ap.parse_args()

    # EAT claims set (RFC 9711): eat_nonce (10), eat_profile (265), tag 601
    claims = cbor2.dumps(cbor2.CBORTag(601, {10: bytes.fromhex(a.nonce), 265: PROFILE}))
    user_data = hashlib.sha512(claims).digest()

    mb = Mailbox(a.shm)
    with open(a.secrets, "rb") as f:
        vmpck0 = f.read()[0x20:0x40]       # SNP ABI 56860 secrets page: VMPCK0
    g = Guest(vmpck0)
    for v in a.vmpls.split(","):
        evidence(mb, g, claims, user_data, int(v), f"{a.out}-vmpl{v}.cmw")


def evidence(mb, g, claims, user_data, vmpl, out):
    page = g.seal(MSG_REPORT_REQ, report_req(user_data, vmpl=vmpl))
    ret, aux, rsp = mb.call(OP_EXT_GUEST_REQUEST, page, aux_in=0)
    if ret != VMM_INVALID_LEN:
        sys.exit(f"extended request: expected INVALID_LEN, got {ret:#x}")
    ret, aux, rsp = mb.call(OP_EXT_GUEST_REQUEST, page, aux_in=aux)
    if ret != 0:
        sys.exit(f"extended request failed: {ret:#x}")
    _, plain = g.open(rsp[:PAGE])
    g.seqno += 2
    status, size = struct.unpack_from("<II", plain, 0)
    if status != 0 or size != 0x4A0:
        sys.exit(f"MSG_REPORT_RSP status {status} size {size}")
    report = plain[0x20:0x20 + 0x4A0]
    certbuf = rsp[PAGE:]
    end = 0
    for i in range(len(certbuf) // 24):     # GHCB 56421 4.1.8.1 table
        guid, off, ln = struct.unpack_from("<16sII", certbuf, 24 * i)
        if guid == b"\0" * 16:
            end = max(end, 24 * (i + 1))
            break
        end = max(end, off + ln)
    tsm = {"outblob": report, "provider": "sim_sev_guest", "auxblob": certbuf[:end]}
    cmw = cbor2.dumps({
        "__cmwc_t": PROFILE,
        "futeet": [UCS_MT, claims, 4],
        "tsm": [TSM_MT, cbor2.dumps(tsm), 4],
    }, canonical=True)
    with open(out, "wb") as f:
        f.write(cmw)


if __name__ == "__main__":
    main()
