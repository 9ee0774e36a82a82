#!/usr/bin/env python3
"""An independent TDX "guest" for futeet-sim --profile tdx, sharing no code
with FUTEET (Python standard library + python3-cryptography).

Through the mailbox (include/futeet/simbox.h, re-typed in simbox.py) it:
  * asks for a TDREPORT (TDX Module ABI 348551 TDREPORT_STRUCT: REPORTDATA
    @0x80, TEE_TCB_INFO @0x100 (239 bytes), TDINFO @0x200 (512 bytes)) and
    checks REPORTDATA, the two SHA-384 hashes in REPORTMACSTRUCT, MRTD
    (= futeet-measure --platform tdx's value for the firmware file), the options given to the
    sim, and RTMR0/RTMR1 against a replay of the CCEL file the sim wrote
    (TCG PFP 1.05 crypto-agile log, SHA-384 bank, MR index n+1 = RTMRn);
  * extends RTMR2 and RTMR3 and checks the extend rule SHA-384(old || digest),
    and that an RTMR index of 4 and a short digest are refused;
  * runs GetQuote (GHCI 343961: u64 version 1, u64 status, u32 in_len,
    u32 out_len, data at 0x18) and checks the Quote v4 (Intel DCAP quote A.3):
    header, body = the TDREPORT's fields, the ECDSA P-256 signature over
    header||body under the attestation key, the QE report signature under the
    PCK from the PEM chain, QE REPORTDATA = SHA-256(AK || auth data) || 0,
    the chain PCK <- platform CA <- root and the root = --export-tdx-root,
    the SGX extensions' FMSPC;
  * checks that a bad GetQuote header (version 2) and a tampered TDREPORT
    (the QE verifies the MAC) are refused.
Prints TAP; exit status 0 only when every check passed."""
import argparse
import hashlib
import os
import struct
import sys

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from simbox import Mailbox, Tap

OP_REPORT, OP_EXTEND, OP_GET_QUOTE = 0x10, 0x11, 0x12
TDX_OPERAND_INVALID = 0xC000010000000000
VMCALL_INVALID_OPERAND = 0x8000000000000000
SGX_EXT = "1.2.840.113741.1.13.1"


def sha384(b):
    return hashlib.sha384(b).digest()


def replay_ccel(log):
    """TCG PFP 1.05 10.2: a TCG_PCR_EVENT with the Spec ID event, then
    TCG_PCR_EVENT2 records (SHA-384 only here)."""
    rtmr = [bytes(48)] * 4
    esize = struct.unpack_from("<I", log, 28)[0]
    assert log[32:48] == b"Spec ID Event03\0"
    off = 32 + esize
    while off + 8 <= len(log):
        mr, etype, count = struct.unpack_from("<III", log, off)
        off += 12
        digest = None
        for _ in range(count):
            alg = struct.unpack_from("<H", log, off)[0]
            assert alg == 0x000C
            digest = log[off + 2:off + 50]
            off += 50
        size = struct.unpack_from("<I", log, off)[0]
        off += 4 + size
        if etype != 3:
            rtmr[mr - 1] = sha384(rtmr[mr - 1] + digest)
    return rtmr


def load_pem_chain(pem):
    """Each certificate of a PEM text (cryptography 38 has no
    load_pem_x509_certificates)."""
    end = b"-----END CERTIFICATE-----"
    out = []
    for part in pem.split(end)[:-1]:
        out.append(x509.load_pem_x509_certificate(part.strip(b"\0\n") + b"\n" + end + b"\n"))
    return out


def verify_p256(pub, sig, data):
    r, s = int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:64], "big")
    try:
        pub.verify(encode_dss_signature(r, s), data, ec.ECDSA(hashes.SHA256()))
        return True
    except InvalidSignature:
        return False


def verify_cert(cert, issuer):
    try:
        issuer.public_key().verify(cert.signature, cert.tbs_certificate_bytes,
                                   ec.ECDSA(cert.signature_hash_algorithm))
        return True
    except InvalidSignature:
        return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shm", required=True)
    ap.add_argument("--ccel", required=True)
    ap.add_argument("--mrtd", required=True, help="futeet-measure --platform tdx's MRTD for the firmware")
    ap.add_argument("--root", required=True)
    ap.add_argument("--td-attributes", type=lambda v: int(v, 0), required=True)
    ap.add_argument("--mrconfigid", required=True)
    ap.add_argument("--mrowner", required=True)
    ap.add_argument("--dump")
    a = ap.parse_args()
    t = Tap()
    mb = Mailbox(a.shm)
    t.check(mb.u("<I", "magic") == 0x4D495346 and mb.u("<H", "profile") == 2,
            "mailbox magic FSIM, profile 2 (tdx)")

    # ---- TDREPORT ----
    rd = os.urandom(64)
    ret, _, rep = mb.call(OP_REPORT, rd)
    t.check(ret == 0 and len(rep) == 1024, "TDREPORT: 1024 bytes, status 0", f"{ret:#x} {len(rep)}")
    t.check(rep[0] == 0x81, "REPORTTYPE.TYPE 0x81 (TDX)")
    t.check(rep[0x80:0xC0] == rd, "REPORTDATA as requested")
    t.check(rep[0x20:0x50] == sha384(rep[0x100:0x100 + 239]), "TEE_TCB_INFO_HASH = SHA-384(TEE_TCB_INFO)")
    t.check(rep[0x50:0x80] == sha384(rep[0x200:0x400]), "TEE_INFO_HASH = SHA-384(TDINFO)")
    td = rep[0x200:0x400]
    t.check(struct.unpack_from("<Q", td, 0)[0] == a.td_attributes, "TD_ATTRIBUTES = --td-attributes")
    mrtd = bytes.fromhex(a.mrtd)
    t.check(td[0x10:0x40] == mrtd, "MRTD = futeet-measure --platform tdx's value for the firmware")
    t.check(td[0x40:0x70] == bytes.fromhex(a.mrconfigid), "MRCONFIGID = --mrconfigid")
    t.check(td[0x70:0xA0] == bytes.fromhex(a.mrowner), "MROWNER = --mrowner")
    rt = replay_ccel(open(a.ccel, "rb").read())
    t.check(td[0xD0:0x100] == rt[0] and td[0x100:0x130] == rt[1] and rt[0] != bytes(48),
            "RTMR0, RTMR1 = the replay of the CCEL file")
    t.check(td[0x130:0x190] == bytes(96), "RTMR2, RTMR3 start at zero")
    ret, _, _ = mb.call(OP_REPORT, rd, aux_in=1)
    t.check(ret == TDX_OPERAND_INVALID, "TDG.MR.REPORT subtype 1 refused (OPERAND_INVALID)")

    # ---- RTMR extend ----
    d2, d3 = os.urandom(48), os.urandom(48)
    r2 = sha384(bytes(48) + d2)
    r3 = sha384(bytes(48) + d3)
    ok = mb.call(OP_EXTEND, d2, aux_in=2)[0] == 0 and mb.call(OP_EXTEND, d3, aux_in=3)[0] == 0
    _, _, rep = mb.call(OP_REPORT, rd)
    t.check(ok and rep[0x200 + 0x130:0x200 + 0x160] == r2 and rep[0x200 + 0x160:0x200 + 0x190] == r3,
            "RTMR2/3 = SHA-384(old || digest)")
    t.check(mb.call(OP_EXTEND, d2, aux_in=4)[0] == TDX_OPERAND_INVALID, "RTMR index 4 refused")
    t.check(mb.call(OP_EXTEND, d2[:47], aux_in=2)[0] == TDX_OPERAND_INVALID, "47-byte digest refused")
    _, _, rep2 = mb.call(OP_REPORT, rd)
    t.check(rep2[0x200 + 0x130:0x200 + 0x160] == r2, "refused extends changed nothing")

    # ---- GetQuote ----
    buflen = 4 * 4096
    buf = struct.pack("<QQII", 1, 0, 1024, 0) + rep
    buf += bytes(buflen - len(buf))
    ret, _, out = mb.call(OP_GET_QUOTE, buf)
    ver, status, in_len, out_len = struct.unpack_from("<QQII", out, 0)
    t.check(ret == 0 and status == 0 and len(out) == buflen, "GetQuote: TDVMCALL 0, status SUCCESS",
            f"ret {ret:#x} status {status:#x}")
    q = out[24:24 + out_len]
    t.check(0 < out_len <= buflen - 24, f"out_len {out_len} inside the buffer")
    if a.dump:
        open(os.path.join(a.dump, "quote.bin"), "wb").write(q)
    t.check(struct.unpack_from("<HHI", q, 0) == (4, 2, 0x81), "quote header: v4, ECDSA-P256, TDX")
    t.check(q[12:28] == bytes.fromhex("939a7233f79c4ca9940a0db3957f0607"), "QE vendor id: Intel's")
    body = q[0x30:0x278]
    t.check(body[0x208:0x248] == rd and body[0x88:0xB8] == mrtd and
            body[0x148:0x1D8] == rep[0x200 + 0xD0:0x200 + 0x160] and
            body[0x78:0x80] == rep[0x200:0x208] and body[0:16] == rep[0x108:0x118],
            "body: REPORT_DATA, MRTD, RTMR0..2, TD_ATTRIBUTES, TEE_TCB_SVN from the TDREPORT")
    siglen = struct.unpack_from("<I", q, 0x278)[0]
    t.check(0x27C + siglen == len(q), "signature data length covers the rest")
    sd = q[0x27C:]
    ak = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b"\x04" + sd[64:128])
    t.check(verify_p256(ak, sd[:64], q[:0x278]), "quote signature verifies under the attestation key")
    ctype, csize = struct.unpack_from("<HI", sd, 128)
    t.check(ctype == 6 and 134 + csize == len(sd), "certification data type 6 (QE report)")
    qe = sd[134:134 + 384]
    qesig = sd[518:582]
    alen = struct.unpack_from("<H", sd, 582)[0]
    auth = sd[584:584 + alen]
    t.check(qe[320:352] == hashlib.sha256(sd[64:128] + auth).digest() and qe[352:384] == bytes(32),
            "QE REPORTDATA = SHA-256(attestation key || auth data) || zeros")
    inner = sd[584 + alen:]
    itype, isize = struct.unpack_from("<HI", inner, 0)
    t.check(itype == 5 and 6 + isize == len(inner), "nested certification data type 5 (PCK chain)")
    certs = load_pem_chain(inner[6:6 + isize])
    t.check(len(certs) == 3, "PEM chain holds 3 certificates")
    pck, pca, root = certs
    t.check(verify_p256(pck.public_key(), qesig, qe), "QE report signature verifies under the PCK")
    t.check(verify_cert(pck, pca) and verify_cert(pca, root) and verify_cert(root, root),
            "chain: PCK <- platform CA <- root (self-signed)")
    exported = x509.load_der_x509_certificate(open(a.root, "rb").read())
    t.check(exported == root, "root = futeet-sim --export-tdx-root")
    sgx = pck.extensions.get_extension_for_oid(x509.ObjectIdentifier(SGX_EXT)).value.value
    # SEQUENCE { OID 1.2.840.113741.1.13.1.4 (FMSPC), OCTET STRING (6) } (Intel PCK profile)
    t.check(bytes.fromhex("060a2a864886f84d010d01040406" + "00906ed50000") in sgx,
            "PCK carries the SGX extensions: FMSPC 00906ed50000")

    # ---- GetQuote refusals ----
    bad = bytearray(buf)
    struct.pack_into("<Q", bad, 0, 2)
    ret, _, _ = mb.call(OP_GET_QUOTE, bytes(bad))
    t.check(ret == VMCALL_INVALID_OPERAND, "GetQuote header version 2 refused")
    ret, _, _ = mb.call(OP_GET_QUOTE, buf[:4000])
    t.check(ret == VMCALL_INVALID_OPERAND, "GetQuote buffer not a whole page refused")
    bad = bytearray(buf)
    bad[24 + 0x200 + 0x10] ^= 1  # MRTD in the TDREPORT
    ret, _, out = mb.call(OP_GET_QUOTE, bytes(bad))
    status, out_len = struct.unpack_from("<QI", out, 8)[0], struct.unpack_from("<I", out, 20)[0]
    t.check(ret == 0 and status == 0x8000000000000000 and out_len == 0,
            "a tampered TDREPORT gets status ERROR and no quote (the QE checks hashes and MAC)")
    return 0 if t.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
