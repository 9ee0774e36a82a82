"""Independent check of FUTEET sim-tdx evidence (no FUTEET code: python3-cbor2,
python3-cryptography, and the Python TDX helpers of tests/sim/pytdx.py):
  * the CMW collection (DESIGN.md section 5): "futeet" claims with the nonce,
    "tsm" {provider sim_tdx_guest, outblob = quote}, "ccel" event log;
  * the Quote v4 (Intel DCAP quote A.3): REPORT_DATA = SHA-512(claims set),
    signature under the attestation key, QE report under the PCK, QE
    REPORTDATA = SHA-256(AK || auth), PCK <- CA <- root = --root;
  * the event log (TCG PFP 1.05) replays to the quote's RTMR0..3;
  * claims_check.py: the descriptor, and the claims' own log of registers 2
    and 3 replays to the registers listed there, which equal RTMR2/RTMR3;
  * --cmdline S: RTMR2's first event is SHA-384(S) with S as its data, and
    RTMR2 = SHA-384(SHA-384(0^48 || SHA-384(S)) || program digest) (the
    kernel's rule, tee/core/measure.c), the program digest taken from the log;
  * --mrtd HEX: MRTD equals it.
usage: tdx_check_evidence.py EVIDENCE.txt NONCE_HEX --root ROOT.der
         [--cmdline S] [--program ELF] [--mrtd HEX] [--rtmr3-text TEXT]
Prints 'ok ...' and 'value NAME HEX' lines; exits 1 with 'FAIL: reason'."""
import argparse
import base64
import hashlib
import os
import struct
import sys

import cbor2
from cryptography import x509

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sim"))
import pytdx  # noqa: E402
from claims_check import check_claims  # noqa: E402


def die(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def sha384(b):
    return hashlib.sha384(b).digest()


def events(log):
    """(mr_index, type, sha384 digest, data) for each TCG_PCR_EVENT2."""
    esize = struct.unpack_from("<I", log, 28)[0]
    if log[32:48] != b"Spec ID Event03\0":
        die("event log does not start with a Spec ID event")
    off = 32 + esize
    out = []
    while off + 8 <= len(log):
        mr, etype, count = struct.unpack_from("<III", log, off)
        off += 12
        digest = None
        for _ in range(count):
            alg = struct.unpack_from("<H", log, off)[0]
            if alg != 0x000C:
                die("event log has a non-SHA-384 digest")
            digest = log[off + 2:off + 50]
            off += 50
        size = struct.unpack_from("<I", log, off)[0]
        out.append((mr, etype, digest, log[off + 4:off + 4 + size]))
        off += 4 + size
    if off != len(log):
        die("event log has %d stray bytes at its end" % (len(log) - off))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("evidence")
    ap.add_argument("nonce")
    ap.add_argument("--root", required=True)
    ap.add_argument("--cmdline")
    ap.add_argument("--mrtd")
    ap.add_argument("--program", help="the user program's ELF file: its SHA-384 is RTMR2's second event")
    ap.add_argument("--rtmr3-text", help="RTMR3 = SHA-384(0^48 || SHA-384(TEXT)), logged with TEXT")
    a = ap.parse_args()

    text = open(a.evidence).read().split("\n")
    b64 = "".join(l for l in text if l and not l.startswith("-----"))
    ev = cbor2.loads(base64.b64decode(b64, validate=True))
    for rec in ("futeet", "tsm", "ccel"):
        if rec not in ev:
            die("evidence lacks the %r record" % rec)
    claims_bytes = ev["futeet"][1]
    claims = cbor2.loads(claims_bytes)
    if not isinstance(claims, cbor2.CBORTag) or claims.tag != 601:
        die("claims set is not CBOR tag 601")
    if claims.value.get(10) != bytes.fromhex(a.nonce):
        die("eat_nonce is not the nonce")
    if ev["ccel"][0] != "application/vnd.futeet.tcg2-eventlog":
        die("ccel media type is %r" % ev["ccel"][0])
    rep = cbor2.loads(ev["tsm"][1])
    if rep.get("provider") != "sim_tdx_guest":
        die("tsm provider is %r" % rep.get("provider"))
    q = rep["outblob"]
    print("ok CMW: claims with the nonce, tsm provider sim_tdx_guest, ccel record")

    if struct.unpack_from("<HHI", q, 0) != (4, 2, 0x81):
        die("not a v4 ECDSA-P256 TDX quote")
    body = q[0x30:0x278]
    if body[0x208:0x248] != hashlib.sha512(claims_bytes).digest():
        die("quote REPORT_DATA is not SHA-512 of the claims set")
    print("ok REPORT_DATA = SHA-512(claims set)")
    sd = q[0x27C:0x27C + struct.unpack_from("<I", q, 0x278)[0]]
    from cryptography.hazmat.primitives.asymmetric import ec
    ak = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), b"\x04" + sd[64:128])
    if not pytdx.verify_p256(ak, sd[:64], q[:0x278]):
        die("quote signature does not verify under the attestation key")
    qe, qesig = sd[134:518], sd[518:582]
    alen = struct.unpack_from("<H", sd, 582)[0]
    if qe[320:352] != hashlib.sha256(sd[64:128] + sd[584:584 + alen]).digest():
        die("QE REPORTDATA does not bind the attestation key")
    inner = sd[584 + alen:]
    itype, isize = struct.unpack_from("<HI", inner, 0)
    if itype != 5:
        die("no PCK chain (certification data type %d)" % itype)
    pck, pca, root = pytdx.load_pem_chain(inner[6:6 + isize])
    if not pytdx.verify_p256(pck.public_key(), qesig, qe):
        die("QE report signature does not verify under the PCK")
    if not (pytdx.verify_cert(pck, pca) and pytdx.verify_cert(pca, root) and pytdx.verify_cert(root, root)):
        die("PCK chain does not verify (PCK <- platform CA <- root)")
    if x509.load_der_x509_certificate(open(a.root, "rb").read()) != root:
        die("the chain's root is not the sim root")
    print("ok quote signature, QE report, PCK chain up to the sim root")

    log = ev["ccel"][1]
    evs = events(log)
    rtmr = [bytes(48)] * 4
    for mr, etype, d, _ in evs:
        if etype == 3:
            continue
        if not 1 <= mr <= 4 or d is None:
            die("event with MR index %d" % mr)
        rtmr[mr - 1] = sha384(rtmr[mr - 1] + d)
    for i in range(4):
        if rtmr[i] != body[0x148 + 48 * i:0x178 + 48 * i]:
            die("replaying the event log gives RTMR%d %s, the quote has %s" %
                (i, rtmr[i].hex(), body[0x148 + 48 * i:0x178 + 48 * i].hex()))
    print("ok the event log (%d events) replays to the quote's RTMR0..3" % len(evs))
    regs = check_claims(claims, claims_bytes, "sim_tdx_guest", die)
    for i in (2, 3):
        if regs[i] != body[0x148 + 48 * i:0x178 + 48 * i]:
            die("the claims' register %d is not the quote's RTMR%d" % (i, i))
    print("ok the claims' registers 2 and 3 are the quote's RTMR2 and RTMR3")
    print("value mrtd " + body[0x88:0xB8].hex())
    print("value rtmr1 " + body[0x178:0x1A8].hex())
    print("value rtmr2 " + body[0x1A8:0x1D8].hex())
    if a.mrtd is not None:
        if body[0x88:0xB8].hex() != a.mrtd.lower():
            die("MRTD %s is not the expected %s" % (body[0x88:0xB8].hex(), a.mrtd))
        print("ok MRTD as expected")
    if a.cmdline is not None:
        k = [e for e in evs if e[0] == 3]
        if len(k) < 2:
            die("fewer than two RTMR2 events")
        c = a.cmdline.encode()
        if k[0][2] != sha384(c) or k[0][3] != c:
            die("RTMR2's first event is not SHA-384 of the command line %r" % a.cmdline)
        prog = k[1][2]
        if a.program is not None and prog != sha384(open(a.program, "rb").read()):
            die("RTMR2's second event is not SHA-384 of %s" % a.program)
        want = sha384(sha384(bytes(48) + sha384(c)) + prog)
        if len(k) == 2 and want != body[0x1A8:0x1D8]:
            die("RTMR2 does not follow SHA-384(SHA-384(0 || SHA-384(cmdline)) || program)")
        print("ok RTMR2 = extend(extend(0, SHA-384(command line)), program digest)")
        print("value program_digest " + prog.hex())
    if a.rtmr3_text is not None:
        t = a.rtmr3_text.encode()
        u = [e for e in evs if e[0] == 4]
        if len(u) != 1 or u[0][2] != sha384(t) or u[0][3] != t:
            die("the log does not hold exactly one RTMR3 event SHA-384(%r) with its text" % a.rtmr3_text)
        if body[0x1D8:0x208] != sha384(bytes(48) + sha384(t)):
            die("RTMR3 is not SHA-384(0^48 || SHA-384(text))")
        print("ok RTMR3 = extend(0, SHA-384(text)), logged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
