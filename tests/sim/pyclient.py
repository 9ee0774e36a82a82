#!/usr/bin/env python3
"""An independent SEV-SNP "guest" for futeet-sim, sharing no code with FUTEET.

It talks to a running futeet-sim through the mailbox file (the layout of
include/futeet/simbox.h, re-typed in tests/sim/simbox.py), using only Python's
standard library and python3-cryptography:

  * reads VMPCK0 from the secrets page (SNP ABI 56860 "Secrets Page Format"),
  * builds MSG_REPORT_REQ / MSG_KEY_REQ guest messages (SNP ABI 56860 ch. 7:
    AES-256-GCM, IV = msg_seqno little-endian in 12 bytes, AAD = header
    bytes 0x30..0x5F, tag in the first 16 bytes of the header),
  * runs the extended request with too few certificate pages, then enough
    (GHCB 56421 4.1.8: VMM error INVALID_LEN, RBX = pages),
  * verifies the report signature (ECDSA P-384 / SHA-384 over 0x000..0x29F,
    r and s little-endian in 72-byte fields) under the VCEK, the VCEK under
    the ASK and the ASK and ARK under the ARK (RSASSA-PSS, SHA-384, MGF1
    SHA-384, salt 48), and the ARK against the one --export-roots wrote,
  * checks REPORT_DATA, MEASUREMENT (futeet-measure's value must equal the
    launch digest an independent tool computed: --expect-measurement), the options given to
    the sim, the VCEK's AMD extensions against CHIP_ID and REPORTED_TCB,
  * checks the PSP's sequence-number rule: a replayed or wrong sequence
    number and a bad tag get a firmware error (SW_EXITINFO2 bits 31:0) and
    consume nothing.

Prints one "ok N - what" / "not ok N - what" line per check (TAP); exit
status 0 only when every check passed.
"""
import argparse
import hashlib
import os
import struct
import sys

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from simbox import MAGIC, Mailbox, Tap

# ---- mailbox ops (include/futeet/simbox.h) ----
OP_GUEST_REQUEST, OP_EXT_GUEST_REQUEST = 1, 2

# ---- SNP (SNP ABI 56860 rev 1.57; GHCB 56421 rev 2.03) ----
PAGE = 4096
MSG_KEY_REQ, MSG_KEY_RSP, MSG_REPORT_REQ, MSG_REPORT_RSP = 3, 4, 5, 6
VMM_INVALID_LEN = 1 << 32
GUID_VCEK = "63da758d-e664-4564-adc5-f4b93be8accd"
GUID_ASK = "4ab7b379-bbac-4fe4-a02f-05aef327c782"
GUID_ARK = "c0b406a4-a803-4952-9743-3fb6014cd0ae"
AMD_OID = "1.3.6.1.4.1.3704.1."


def guid_bytes(s):
    """RFC 4122 byte order (as written), like AMD's sev-guest tool (libuuid),
    virtee/sev (Uuid::as_bytes) and go-sev-guest (uuid.FromBytes)."""
    return bytes.fromhex(s.replace("-", ""))


class Guest:
    def __init__(self, vmpck, vmpck_id=0):
        self.aes = AESGCM(vmpck)
        self.vmpck_id = vmpck_id
        self.seqno = 1

    def seal(self, msg_type, payload, seqno=None, version=1):
        seqno = self.seqno if seqno is None else seqno
        hdr_aad = struct.pack("<BBHBBHIB35s", 1, 1, 0x60, msg_type, version,
                              len(payload), 0, self.vmpck_id, b"")
        assert len(hdr_aad) == 0x30
        iv = struct.pack("<Q", seqno) + b"\0" * 4
        ct = self.aes.encrypt(iv, payload, hdr_aad)
        body, tag = ct[:-16], ct[-16:]
        page = tag + b"\0" * 16 + struct.pack("<Q", seqno) + b"\0" * 8 + hdr_aad + body
        return page + b"\0" * (PAGE - len(page))

    def open(self, page):
        """Header checks a careful guest makes, then decrypt. Returns (hdr, plain)."""
        tag = page[0:16]
        seqno = struct.unpack_from("<Q", page, 0x20)[0]
        algo, hv, hsz, mtype, mver, msz, _, vmpck = struct.unpack_from("<BBHBBHIB", page, 0x30)
        if msz > PAGE - 0x60:
            raise ValueError("msg_sz beyond the page")
        iv = struct.pack("<Q", seqno) + b"\0" * 4
        plain = self.aes.decrypt(iv, page[0x60:0x60 + msz] + tag, page[0x30:0x60])
        return dict(seqno=seqno, algo=algo, hdr_version=hv, hdr_sz=hsz, type=mtype,
                    version=mver, size=msz, vmpck=vmpck), plain


def report_req(user_data, vmpl=0, flags=0):
    return user_data + struct.pack("<II", vmpl, flags) + b"\0" * 24


def key_req(root=0, fields=0, vmpl=0, svn=0, tcb=0):
    return struct.pack("<IIQIIQ", root, 0, fields, vmpl, svn, tcb)


def le_int(b):
    return int.from_bytes(b, "little")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shm", required=True)
    ap.add_argument("--secrets", required=True)
    ap.add_argument("--ark", required=True, help="sim-ark.der from --export-roots")
    ap.add_argument("--ask", required=True, help="sim-ask.der from --export-roots")
    ap.add_argument("--ovmf", required=True)
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--cmdline", required=True)
    ap.add_argument("--measure-output", required=True, help="futeet-measure's hex output")
    ap.add_argument("--expect-measurement", required=True,
                    help="the launch digest virtee/sev-snp-measure computes for these inputs")
    ap.add_argument("--policy", type=lambda s: int(s, 0), required=True)
    ap.add_argument("--host-data", required=True)
    ap.add_argument("--family-id", required=True)
    ap.add_argument("--image-id", required=True)
    ap.add_argument("--dump", help="directory: write report.bin and certs.bin there")
    a = ap.parse_args()
    t = Tap()

    # Measurement: the SEV-SNP launch digest (docs/SIM.md), as virtee's
    # sev-snp-measure computes it for these inputs (not our code).
    expect_meas = bytes.fromhex(a.expect_measurement)
    t.check(a.measure_output.strip() == expect_meas.hex(),
            "futeet-measure prints the launch digest sev-snp-measure computes",
            f"{a.measure_output.strip()} != {expect_meas.hex()}")

    mb = Mailbox(a.shm)
    t.check(mb.u("<I", "magic") == MAGIC and mb.u("<H", "version") == 1 and
            mb.u("<H", "profile") == 1, "mailbox header: magic FSIM, version 1, profile snp")

    with open(a.secrets, "rb") as f:
        secrets = f.read()
    t.check(len(secrets) == PAGE, "secrets page is 4096 bytes")
    vmpck0 = secrets[0x20:0x40]
    t.check(vmpck0 != b"\0" * 32 and len({secrets[0x20 + 32 * i:0x40 + 32 * i] for i in range(4)}) == 4,
            "VMPCK0..3 present and distinct")
    g = Guest(vmpck0)

    # 1. A plain MSG_REPORT_REQ.
    user_data = os.urandom(64)
    ret, aux, rsp = mb.call(OP_GUEST_REQUEST, g.seal(MSG_REPORT_REQ, report_req(user_data)))
    t.check(ret == 0 and len(rsp) == PAGE, "report request: SW_EXITINFO2 0, one page back",
            f"ret {ret:#x} len {len(rsp)}")
    h, p = g.open(rsp)
    t.check(h["seqno"] == 2 and h["type"] == MSG_REPORT_RSP and h["version"] == 1 and
            h["algo"] == 1 and h["hdr_version"] == 1 and h["hdr_sz"] == 0x60 and h["vmpck"] == 0,
            "response header: seqno = request + 1, MSG_REPORT_RSP, version 1, AES-256-GCM", str(h))
    g.seqno += 2
    status, size = struct.unpack_from("<II", p, 0)
    t.check(status == 0 and size == 0x4A0 and len(p) == 0x20 + 0x4A0,
            "MSG_REPORT_RSP: status 0, report_size 0x4A0")
    report = p[0x20:0x20 + 0x4A0]

    # 2. Extended request: too small first (nothing consumed), then enough.
    user_data2 = os.urandom(64)
    page = g.seal(MSG_REPORT_REQ, report_req(user_data2))
    ret, aux, rsp = mb.call(OP_EXT_GUEST_REQUEST, page, aux_in=0)
    t.check(ret == VMM_INVALID_LEN and aux >= 1 and len(rsp) == 0,
            "extended request with 0 pages: VMM error INVALID_LEN and the pages needed",
            f"ret {ret:#x} aux {aux}")
    pages = aux
    ret, aux, rsp = mb.call(OP_EXT_GUEST_REQUEST, page, aux_in=pages)
    t.check(ret == 0 and len(rsp) == PAGE * (1 + pages),
            "same ciphertext resent with enough pages is accepted (INVALID_LEN consumed no seqno)",
            f"ret {ret:#x}")
    h, p = g.open(rsp[:PAGE])
    t.check(h["seqno"] == 4, "extended response seqno = 4", str(h["seqno"]))
    g.seqno += 2
    report2 = p[0x20:0x20 + 0x4A0]
    certbuf = rsp[PAGE:]
    if a.dump:
        with open(os.path.join(a.dump, "report.bin"), "wb") as f:
            f.write(report2)
        with open(os.path.join(a.dump, "certs.bin"), "wb") as f:
            f.write(certbuf)
    certs = {}
    for i in range(16):
        guid, off, ln = struct.unpack_from("<16sII", certbuf, 24 * i)
        if guid == b"\0" * 16 and off == 0 and ln == 0:
            break
        if off + ln > len(certbuf):
            t.check(False, "certificate table entry within the buffer")
            break
        certs[guid] = certbuf[off:off + ln]
    t.check(set(certs) == {guid_bytes(GUID_VCEK), guid_bytes(GUID_ASK), guid_bytes(GUID_ARK)},
            "certificate table holds VCEK, ASK and ARK by GUID (RFC 4122 byte order)")
    vcek = x509.load_der_x509_certificate(certs[guid_bytes(GUID_VCEK)])
    ask = x509.load_der_x509_certificate(certs[guid_bytes(GUID_ASK)])
    ark = x509.load_der_x509_certificate(certs[guid_bytes(GUID_ARK)])
    with open(a.ark, "rb") as f:
        t.check(f.read() == certs[guid_bytes(GUID_ARK)], "table ARK == --export-roots sim-ark.der")
    with open(a.ask, "rb") as f:
        t.check(f.read() == certs[guid_bytes(GUID_ASK)], "table ASK == --export-roots sim-ask.der")

    pss = padding.PSS(mgf=padding.MGF1(hashes.SHA384()), salt_length=48)

    def pss_ok(cert, issuer):
        try:
            issuer.public_key().verify(cert.signature, cert.tbs_certificate_bytes, pss,
                                       hashes.SHA384())
            return True
        except InvalidSignature:
            return False

    t.check(pss_ok(ark, ark), "ARK is self-signed (RSA-PSS SHA-384, salt 48)")
    t.check(pss_ok(ask, ark), "ASK is signed by the ARK (RSA-PSS)")
    t.check(pss_ok(vcek, ask), "VCEK is signed by the ASK (RSA-PSS)")
    t.check(not pss_ok(vcek, ark), "VCEK does not verify under the ARK (the check can fail)")
    t.check(ark.public_key().key_size == 4096 and ask.public_key().key_size == 4096,
            "ARK and ASK are RSA-4096")
    t.check(isinstance(vcek.public_key(), ec.EllipticCurvePublicKey) and
            vcek.public_key().curve.name == "secp384r1", "VCEK is an EC P-384 key")
    t.check("SIM TEST ONLY" in ark.subject.rfc4514_string() and
            "SIM TEST ONLY" in vcek.subject.rfc4514_string(), "names say SIM TEST ONLY")
    t.check(ask.subject == vcek.issuer and ark.subject == ask.issuer, "issuer names chain")

    def report_sig_ok(rep):
        r, s = le_int(rep[0x2A0:0x2E8]), le_int(rep[0x2E8:0x330])
        try:
            vcek.public_key().verify(encode_dss_signature(r, s), rep[:0x2A0],
                                     ec.ECDSA(hashes.SHA384()))
            return True
        except InvalidSignature:
            return False

    for n, rep, ud in ((1, report, user_data), (2, report2, user_data2)):
        t.check(report_sig_ok(rep), f"report {n}: ECDSA P-384 signature verifies under the VCEK")
        bad = bytearray(rep)
        bad[0x50] ^= 1
        t.check(not report_sig_ok(bytes(bad)), f"report {n}: a flipped REPORT_DATA bit breaks it")
        t.check(rep[0x50:0x90] == ud, f"report {n}: REPORT_DATA == user_data")
        t.check(rep[0x90:0xC0] == expect_meas, f"report {n}: MEASUREMENT == futeet-measure's value")

    ver, svn, policy = struct.unpack_from("<IIQ", report, 0)
    vmpl, sigalgo = struct.unpack_from("<II", report, 0x30)
    t.check(ver == 5 and sigalgo == 1, "report version 5, signature_algo 1")
    t.check(policy == a.policy, "POLICY == --policy", f"{policy:#x}")
    t.check(vmpl == 0, "VMPL == request's 0")
    t.check(report[0xC0:0xE0] == bytes.fromhex(a.host_data), "HOST_DATA == --host-data")
    t.check(report[0x10:0x20] == bytes.fromhex(a.family_id), "FAMILY_ID == --family-id")
    t.check(report[0x20:0x30] == bytes.fromhex(a.image_id), "IMAGE_ID == --image-id")
    signer = struct.unpack_from("<I", report, 0x48)[0]
    t.check((signer >> 2) & 7 == 0, "SIGNER_INFO.SIGNING_KEY = VCEK")
    t.check(report[0x140:0x160] == report2[0x140:0x160] and report[0x140:0x160] != b"\0" * 32,
            "REPORT_ID nonzero and the same within one boot")
    t.check(report[0x188] == 0x19 and report[0x189] == 0x11, "CPUID family 19h model 11h (Genoa)")

    ext = {e.oid.dotted_string: e.value.value for e in vcek.extensions}
    chip_id = report[0x1A0:0x1E0]
    t.check(ext.get(AMD_OID + "4") == chip_id, "VCEK hwID == CHIP_ID")
    tcb = report[0x180:0x188]
    t.check(report[0x38:0x40] == tcb and report[0x1E0:0x1E8] == tcb and report[0x1F0:0x1F8] == tcb,
            "CURRENT, COMMITTED, LAUNCH TCB == REPORTED_TCB")

    def der_int(b):  # the extension value is one DER INTEGER: 02 len bytes
        return int.from_bytes(b[2:2 + b[1]], "big") if len(b) >= 3 and b[0] == 2 else None

    spl = {k: der_int(ext.get(AMD_OID + "3." + str(k), b"")) for k in (1, 2, 3, 8)}
    t.check(spl == {1: tcb[0], 2: tcb[1], 3: tcb[6], 8: tcb[7]},
            "VCEK bl/tee/snp/ucode SPLs == REPORTED_TCB (Genoa layout)", str(spl))
    pn = ext.get(AMD_OID + "2", b"")
    t.check(len(pn) > 2 and pn[0] == 0x16 and pn[2:] == b"Genoa", "VCEK productName IA5String Genoa")

    # 3. MSG_KEY_REQ: stable for the same fields, different for other fields.
    def get_key(fields, **kw):
        ret, _, rsp = mb.call(OP_GUEST_REQUEST, g.seal(MSG_KEY_REQ, key_req(fields=fields, **kw)))
        if ret != 0:
            return ret, None
        h, p = g.open(rsp)
        ok = h["seqno"] == g.seqno + 1 and h["type"] == MSG_KEY_RSP
        g.seqno += 2
        status = struct.unpack_from("<I", p, 0)[0]
        return status if ok else -1, p[0x20:0x40]

    st1, k1 = get_key(1 << 3)
    st2, k2 = get_key(1 << 3)
    st3, k3 = get_key(1 << 0)
    t.check(st1 == 0 and st2 == 0 and st3 == 0, "MSG_KEY_RSP status 0")
    t.check(k1 == k2 and k1 != b"\0" * 32, "derived key stable for the same fields")
    t.check(k1 != k3, "derived key differs for another field selection")
    st4, _ = get_key(1 << 7)
    t.check(st4 == 0x16, "reserved GUEST_FIELD_SELECT bit: status 0x16", str(st4))
    st5, _ = get_key(0, vmpl=4)
    t.check(st5 == 0x16, "VMPL 4: status 0x16", str(st5))

    # 4. Sequence numbers: replay, wrong number, bad tag -> firmware error.
    old = g.seal(MSG_REPORT_REQ, report_req(os.urandom(64)), seqno=g.seqno - 2)
    ret, _, rsp = mb.call(OP_GUEST_REQUEST, old)
    t.check(ret != 0 and (ret & 0xFFFFFFFF) != 0 and ret >> 32 == 0 and len(rsp) == 0,
            "replayed sequence number: firmware error in SW_EXITINFO2[31:0]", f"{ret:#x}")
    ret, _, _ = mb.call(OP_GUEST_REQUEST, g.seal(MSG_REPORT_REQ, report_req(b"\1" * 64),
                                                 seqno=g.seqno + 2))
    t.check((ret & 0xFFFFFFFF) != 0, "skipped sequence number: firmware error", f"{ret:#x}")
    page = bytearray(g.seal(MSG_REPORT_REQ, report_req(b"\2" * 64)))
    page[0] ^= 1
    ret, _, _ = mb.call(OP_GUEST_REQUEST, bytes(page))
    t.check((ret & 0xFFFFFFFF) != 0, "bad GCM tag: firmware error", f"{ret:#x}")
    ud = os.urandom(64)
    ret, _, rsp = mb.call(OP_GUEST_REQUEST, g.seal(MSG_REPORT_REQ, report_req(ud, vmpl=2)))
    ok = ret == 0
    if ok:
        h, p = g.open(rsp)
        ok = h["seqno"] == g.seqno + 1
        rep = p[0x20:0x20 + 0x4A0]
        ok = ok and rep[0x50:0x90] == ud and struct.unpack_from("<I", rep, 0x30)[0] == 2
        g.seqno += 2
    t.check(ok, "after the refused requests the expected seqno still works; VMPL 2 reported")
    ret, _, rsp = mb.call(OP_GUEST_REQUEST, b"\0" * 100)
    t.check(ret != 0 and len(rsp) == 0, "malformed mailbox request (100 bytes) refused")

    print(f"1..{t.n}")
    return 1 if t.failed else 0


if __name__ == "__main__":
    sys.exit(main())
