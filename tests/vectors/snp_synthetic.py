#!/usr/bin/env python3
"""Synthetic SEV-SNP chains and reports for the verifier paths that the real
evidence in tests/data cannot reach (no VLEK report, no Turin report,
no MASK_CHIP_ID, signed reports with a wrong TCB / signer / product).

    python3 tests/vectors/snp_synthetic.py > tests/vectors/snp_synthetic.h

Independent of our code: keys, certificates (RSASSA-PSS SHA-384 / MGF1
SHA-384 / salt 48, AMD 57230 extensions) and ECDSA P-384 report signatures
come from python3-cryptography. Layouts: SNP ABI 56860 rev 1.57
(ATTESTATION_REPORT, TCB_VERSION per generation); the signature's r and s are
stored little-endian in 72-byte fields at 0x2A0 / 0x2E8. The keys are fresh
on every run; the header records one run. The root is a test key, trusted only
as an "extra root" (allow_sim)."""
import datetime, struct
from cryptography import x509
from cryptography.x509.oid import NameOID, ObjectIdentifier
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa, ec, padding
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

PSS = padding.PSS(mgf=padding.MGF1(hashes.SHA384()), salt_length=48)
AMD = "1.3.6.1.4.1.3704.1."

def der_int(v):
    b = v.to_bytes((v.bit_length() + 8) // 8 or 1, "big")
    return bytes([0x02, len(b)]) + b

def der_ia5(s):
    return bytes([0x16, len(s)]) + s.encode()

def name(cn):
    return x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "FUTEET SYNTHETIC TEST ONLY"),
                      x509.NameAttribute(NameOID.COMMON_NAME, cn)])

def t(y, m, d):
    return datetime.datetime(y, m, d, tzinfo=datetime.timezone.utc)

def cert(subject_cn, issuer_cn, pub, signer, ca, amd=None, nb=t(2025, 1, 1), na=t(2045, 1, 1)):
    b = (x509.CertificateBuilder().subject_name(name(subject_cn)).issuer_name(name(issuer_cn))
         .public_key(pub).serial_number(x509.random_serial_number())
         .not_valid_before(nb).not_valid_after(na))
    if ca:
        b = b.add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        b = b.add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
    for oid, val in (amd or []):
        b = b.add_extension(x509.UnrecognizedExtension(ObjectIdentifier(AMD + oid), val), critical=False)
    return b.sign(signer, hashes.SHA384(), rsa_padding=PSS).public_bytes(serialization.Encoding.DER)

def amd_ext(product, spl, hwid):
    e = [("1", der_int(1)), ("2", der_ia5(product))]
    for oid, v in spl:
        e.append(("3." + oid, der_int(v)))
    if hwid is not None:
        e.append(("4", hwid))  # raw bytes, as AMD's KDS writes it
    return e

root = rsa.generate_private_key(65537, 2048)
ask_t, asvk_t, ask_m = (rsa.generate_private_key(65537, 2048) for _ in range(3))
vcek_t, vlek_t, vcek_m = (ec.generate_private_key(ec.SECP384R1()) for _ in range(3))
ROOT = "ARK-SYNTHETIC TEST ONLY"
HWID_T = bytes.fromhex("0102030405060708")
HWID_M = bytes(range(0x40, 0x80))
certs = {
    "root": cert(ROOT, ROOT, root.public_key(), root, True),
    "ask_turin": cert("SEV-Turin", ROOT, ask_t.public_key(), root, True),
    "asvk_turin": cert("SEV-VLEK-Turin", ROOT, asvk_t.public_key(), root, True),
    "ask_milan": cert("SEV-Milan", ROOT, ask_m.public_key(), root, True),
    # Turin TCB: fmc 1, bl 2, tee 3, snp 4, ucode 9 (fmcSPL = .3.9)
    "vcek_turin": cert("SEV-VCEK", "SEV-Turin", vcek_t.public_key(), ask_t, False,
                       amd_ext("Turin", [("9", 1), ("1", 2), ("2", 3), ("3", 4), ("8", 9)], HWID_T),
                       t(2025, 6, 1), t(2032, 6, 1)),
    "vlek_turin": cert("SEV-VLEK", "SEV-VLEK-Turin", vlek_t.public_key(), asvk_t, False,
                       amd_ext("Turin", [("9", 1), ("1", 2), ("2", 3), ("3", 4), ("8", 9)], None),
                       t(2025, 6, 1), t(2032, 6, 1)),
    # Milan TCB: bl 3, tee 0, snp 8, ucode 115
    "vcek_milan": cert("SEV-VCEK", "SEV-Milan", vcek_m.public_key(), ask_m, False,
                       amd_ext("Milan-B0", [("1", 3), ("2", 0), ("3", 8), ("8", 115)], HWID_M),
                       t(2025, 6, 1), t(2032, 6, 1)),
}

def report(key, version, signing_key, mask, tcb, chip, cpuid=(0, 0, 0)):
    r = bytearray(0x4A0)
    struct.pack_into("<IIQ", r, 0x000, version, 7, 0x30000)       # version, guest_svn, policy
    struct.pack_into("<II", r, 0x030, 0, 1)                        # vmpl, signature_algo
    struct.pack_into("<QQ", r, 0x038, tcb, 0x25)                   # current_tcb, platform_info
    struct.pack_into("<I", r, 0x048, (signing_key << 2) | (2 if mask else 0))
    r[0x050:0x090] = bytes(range(64))                               # report_data
    r[0x090:0x0C0] = bytes([0xA5]) * 48                             # measurement
    struct.pack_into("<Q", r, 0x180, tcb)                           # reported_tcb
    if version >= 3:
        r[0x188:0x18B] = bytes(cpuid)
    r[0x1A0:0x1A0 + len(chip)] = chip
    struct.pack_into("<Q", r, 0x1E0, tcb)
    struct.pack_into("<Q", r, 0x1F0, tcb)
    sig = key.sign(bytes(r[:0x2A0]), ec.ECDSA(hashes.SHA384()))
    rr, ss = decode_dss_signature(sig)
    r[0x2A0:0x2E8] = rr.to_bytes(72, "little")
    r[0x2E8:0x330] = ss.to_bytes(72, "little")
    return bytes(r)

TCB_T = int.from_bytes(bytes([1, 2, 3, 4, 0, 0, 0, 9]), "little")
TCB_M = int.from_bytes(bytes([3, 0, 0, 0, 0, 0, 8, 115]), "little")
TCB_M_BAD = int.from_bytes(bytes([3, 0, 0, 0, 0, 0, 8, 114]), "little")
reports = {
    "r_turin_vcek_v5": report(vcek_t, 5, 0, False, TCB_T, HWID_T, (0x1A, 0x02, 0x01)),
    "r_turin_vlek_v5": report(vlek_t, 5, 1, False, TCB_T, b"", (0x1A, 0x02, 0x01)),
    "r_turin_vlek_says_vcek": report(vlek_t, 5, 0, False, TCB_T, b"", (0x1A, 0x02, 0x01)),
    "r_turin_vcek_chip_mismatch": report(vcek_t, 5, 0, False, TCB_T, bytes(8) + HWID_T, (0x1A, 0x02, 0x01)),
    "r_milan_masked_v2": report(vcek_m, 2, 0, True, TCB_M, b""),
    "r_milan_v4": report(vcek_m, 4, 0, False, TCB_M, HWID_M, (0x19, 0x01, 0x01)),
    "r_milan_tcb_mismatch": report(vcek_m, 2, 0, False, TCB_M_BAD, HWID_M),
    "r_milan_cpuid_genoa": report(vcek_m, 3, 0, False, TCB_M, HWID_M, (0x19, 0x11, 0x01)),
    "r_milan_v6": report(vcek_m, 6, 0, False, TCB_M, HWID_M),
}

print("/* Generated by tests/vectors/snp_synthetic.py (python3-cryptography): synthetic")
print(" * SEV-SNP chains and signed reports; see the script for what each one is.")
print(" * Test keys only. Do not edit by hand. */")
for k, v in list(certs.items()) + list(reports.items()):
    print(f"static const unsigned char syn_{k}[{len(v)}] = {{")
    for i in range(0, len(v), 16):
        print("\t" + " ".join(f"0x{b:02x}," for b in v[i:i + 16]))
    print("};")
