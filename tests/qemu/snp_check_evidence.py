"""Independent check of FUTEET evidence (shares no code with the guest or
lib/): python3-cbor2 decodes the CMW collection of DESIGN.md section 5,
python3-cryptography verifies the SNP report signature under the VCEK from
the certificate table (GHCB 56421 4.1.8.1 table; SNP ABI 56860 report:
signature over bytes 0x000-0x29F, r and s little-endian 72-byte fields);
claims_check.py checks the descriptor and replays the kernel's software
registers from the claims' own event log.
usage: python3 snp_check_evidence.py EVIDENCE.txt NONCE_HEX [REGISTER3_TEXT]
Prints 'ok ...' lines; exits 1 with a one-line reason on the first failure."""
import base64, hashlib, struct, sys, uuid

import cbor2
from claims_check import check_claims
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def die(msg):
    print("FAIL: " + msg)
    sys.exit(1)


text = open(sys.argv[1]).read().split("\n")
nonce = bytes.fromhex(sys.argv[2])
b64 = "".join(l for l in text if l and not l.startswith("-----"))
ev = cbor2.loads(base64.b64decode(b64, validate=True))
if not isinstance(ev, dict) or "futeet" not in ev or "tsm" not in ev:
    die("evidence is not a CMW collection with 'futeet' and 'tsm' records")
fut, tsm = ev["futeet"], ev["tsm"]
if not (isinstance(fut, list) and len(fut) >= 2 and isinstance(fut[1], bytes)):
    die("'futeet' record is not [media-type, bstr, ...]")
if not fut[0].startswith("application/eat-ucs+cbor"):
    die("'futeet' media type is %r" % fut[0])
claims_bytes = fut[1]
claims = cbor2.loads(claims_bytes)
if not isinstance(claims, cbor2.CBORTag) or claims.tag != 601:
    die("claims set is not CBOR tag 601")
if claims.value.get(10) != nonce:
    die("eat_nonce (key 10) is %r, not the nonce" % claims.value.get(10))
print("ok claims set: tag 601, eat_nonce = nonce")
rep = cbor2.loads(tsm[1])
if rep.get("provider") != "sim_sev_guest":
    die("tsm provider is %r" % rep.get("provider"))
out = rep["outblob"]
if len(out) != 0x4A0:
    die("outblob is %d bytes, not an SNP report" % len(out))
if out[0x50:0x90] != hashlib.sha512(claims_bytes).digest():
    die("REPORT_DATA is not SHA-512 of the claims set")
print("ok REPORT_DATA = SHA-512(claims set)")
check_claims(claims, claims_bytes, rep["provider"], die, sys.argv[3] if len(sys.argv) > 3 else None)
# The descriptor's runtime values (-75002 keys 15 debug, 16 migration, 21
# privilege level, 23 TCB), hardware-attested (provenance 1), from the
# kernel's earlier report: the same as this report's (SNP ABI 56860 rev
# 1.57 table 23: POLICY at 0x08, bit 19 DEBUG, bit 18 MIGRATE_MA; VMPL at
# 0x30; REPORTED_TCB at 0x180), and so are the normalized claims (-75003).
policy, = struct.unpack_from("<Q", out, 0x08)
vmpl, = struct.unpack_from("<I", out, 0x30)
caps = claims.value[-75002]
want = {15: bool(policy >> 19 & 1), 16: bool(policy >> 18 & 1), 21: vmpl, 23: out[0x180:0x188]}
for k, v in want.items():
    if caps.get(k) != [v, 1]:
        die("descriptor key %d is %r, the report says [%r, 1 (hardware-attested)]" % (k, caps.get(k), v))
norm = claims.value.get(-75003, {})
if (norm.get("debug"), norm.get("migratable"), norm.get("privilege_level"), norm.get("platform_tcb"),
        norm.get("launch_measurement")) != (want[15], want[16], vmpl, want[23], out[0x90:0xC0]):
    die("the normalized claims' debug/migratable/privilege_level/platform_tcb/launch_measurement "
        "differ from the report's: %r" % norm)
print("ok the claims' debug %s, VMPL %d and TCB %s (hardware-attested) equal the report's"
      % (want[15], vmpl, want[23].hex()))
aux = rep.get("auxblob", b"")
# Real writers (virtee, go-sev-guest) store the GUID in RFC 4122 byte order;
# accept EFI_GUID mixed-endian order too.
vcek_uuid = uuid.UUID("63da758d-e664-4564-adc5-f4b93be8accd")
vcek_guids = (vcek_uuid.bytes, vcek_uuid.bytes_le)
vcek = None
for i in range(64):
    guid, off, ln = struct.unpack_from("<16sII", aux, 24 * i)
    if guid == b"\0" * 16 and off == 0 and ln == 0:
        break
    if guid in vcek_guids:
        vcek = x509.load_der_x509_certificate(aux[off:off + ln])
if vcek is None:
    die("no VCEK in the certificate table")
r = int.from_bytes(out[0x2A0:0x2A0 + 72], "little")
s = int.from_bytes(out[0x2E8:0x2E8 + 72], "little")
try:
    vcek.public_key().verify(encode_dss_signature(r, s), out[:0x2A0], ec.ECDSA(hashes.SHA384()))
except Exception as e:
    die("report signature does not verify under the VCEK: %r" % e)
print("ok report signature verifies under the VCEK from the certificate table")
