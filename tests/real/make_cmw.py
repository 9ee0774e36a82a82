#!/usr/bin/python3
"""Wrap a raw SEV-SNP report into FUTEET evidence (docs/FORMATS.md) with
Python's cbor2, independently of lib/evidence, for tests/real/futeet_verify.sh.

usage: make_cmw.py REPORT OUT PROVIDER NONCE_HEX [armor] [certs VCEK ASK ARK]
'armor' writes the base64 text form the guest's attest app prints; 'certs'
adds a GHCB 56421 section 4.1.8.1 certificate table as auxblob (DER or PEM
files; GUIDs in RFC 4122 string byte order, as Linux/go-sev-guest write them)."""
import base64
import struct
import sys
import uuid

import cbor2

PROFILE = "tag:futeet.dev,2026:evidence/v1"
UCS_MT = 'application/eat-ucs+cbor; eat_profile="%s"' % PROFILE
TSM_MT = "application/vnd.veraison.tsm-report+cbor"


GUIDS = ["63da758d-e664-4564-adc5-f4b93be8accd",  # VCEK
         "4ab7b379-bbac-4fe4-a02f-05aef327c782",  # ASK
         "c0b406a4-a803-4952-9743-3fb6014cd0ae"]  # ARK


def der(path):
    data = open(path, "rb").read()
    if b"-----BEGIN CERTIFICATE-----" in data:
        body = data.split(b"-----BEGIN CERTIFICATE-----")[1].split(b"-----END")[0]
        return base64.b64decode(b"".join(body.split()))
    return data


def certtable(paths):
    certs = [der(p) for p in paths]
    off = 24 * (len(certs) + 1)
    head, body = b"", b""
    for g, c in zip(GUIDS, certs):
        head += uuid.UUID(g).bytes + struct.pack("<II", off + len(body), len(c))
        body += c
    return head + b"\0" * 24 + body


def main():
    report = open(sys.argv[1], "rb").read()
    claims = cbor2.dumps(cbor2.CBORTag(601, {10: bytes.fromhex(sys.argv[4]), 265: PROFILE}))
    tsm = {"outblob": report, "provider": sys.argv[3]}
    rest = sys.argv[5:]
    if "certs" in rest:
        i = rest.index("certs")
        tsm["auxblob"] = certtable(rest[i + 1:i + 4])
    cmw = cbor2.dumps({
        "__cmwc_t": PROFILE,
        "futeet": [UCS_MT, claims, 4],
        "tsm": [TSM_MT, cbor2.dumps(tsm), 4],
    }, canonical=True)
    with open(sys.argv[2], "wb") as f:
        if "armor" in rest:
            f.write(b"some console noise\n-----BEGIN FUTEET EVIDENCE-----\n")
            b = base64.b64encode(cmw)
            for i in range(0, len(b), 64):
                f.write(b[i:i + 64] + b"\n")
            f.write(b"-----END FUTEET EVIDENCE-----\n")
        else:
            f.write(cmw)


if __name__ == "__main__":
    main()
