#!/usr/bin/env python3
"""Re-sign a real TDX quote and its collateral under test CAs that this
script generates (Python `cryptography`, independent of FUTEET's code), with
CRLs that revoke nothing, the PCK, or the PCK CA. Used by
tests/real/tdx_revocation.sh: no real sample is revoked, so revocation is
tested on these.

Layout written (Intel DCAP quote A.3; dcap-qvl's collateral JSON form):
  root.der                  the test root (self-signed, P-256)
  quote.dat                 header and body of the real quote, a new
                            attestation key, the QE report with its
                            REPORTDATA rebound to that key and signed by the
                            test PCK, and the test PCK chain (PEM) as
                            certification data type 6 wrapping type 5
  coll-ok.json, coll-pck-revoked.json, coll-ca-revoked.json
usage: make_tdx_test_chain.py QUOTE COLLATERAL_JSON NOW OUTDIR
"""
import datetime
import hashlib
import json
import struct
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.x509.oid import NameOID, ObjectIdentifier

SGX_EXT = ObjectIdentifier("1.2.840.113741.1.13.1")


def raw_sig(key, data):
    r, s = decode_dss_signature(key.sign(data, ec.ECDSA(hashes.SHA256())))
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def name(cn):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "FUTEET test CA")])


def cert(subject_cn, key, issuer_cn, issuer_key, ca, not_before, extra=None):
    b = (x509.CertificateBuilder().subject_name(name(subject_cn)).issuer_name(name(issuer_cn))
         .public_key(key.public_key()).serial_number(x509.random_serial_number())
         .not_valid_before(not_before).not_valid_after(not_before + datetime.timedelta(days=3650))
         .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
         .add_extension(x509.KeyUsage(digital_signature=not ca, content_commitment=False,
                                      key_encipherment=False, data_encipherment=False,
                                      key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                                      encipher_only=False, decipher_only=False), critical=True))
    if extra is not None:
        b = b.add_extension(extra, critical=False)
    return b.sign(issuer_key, hashes.SHA256())


def crl(issuer_cn, issuer_key, now, serials):
    b = (x509.CertificateRevocationListBuilder().issuer_name(name(issuer_cn))
         .last_update(now - datetime.timedelta(days=1))
         .next_update(now + datetime.timedelta(days=30)))
    for s in serials:
        b = b.add_revoked_certificate(x509.RevokedCertificateBuilder().serial_number(s)
                                      .revocation_date(now - datetime.timedelta(hours=1)).build())
    return b.sign(issuer_key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def pem(c):
    return c.public_bytes(serialization.Encoding.PEM)


def main():
    quote_path, coll_path, now_s, out = sys.argv[1:5]
    q = open(quote_path, "rb").read()
    coll = json.load(open(coll_path))
    now = datetime.datetime.fromtimestamp(int(now_s), datetime.timezone.utc)
    nb = now - datetime.timedelta(days=365)

    # The real quote (v4): header+body, then the QE report certification data.
    assert struct.unpack_from("<H", q, 0)[0] == 4
    signed = q[:0x278]
    sd = 0x27C
    qe_off = sd + 128 + 6
    qe_report = bytearray(q[qe_off:qe_off + 384])
    auth_len = struct.unpack_from("<H", q, qe_off + 448)[0]
    auth = q[qe_off + 450:qe_off + 450 + auth_len]
    inner = qe_off + 450 + auth_len
    itype, isize = struct.unpack_from("<HI", q, inner)
    assert itype == 5
    real_pck = x509.load_pem_x509_certificate(q[inner + 6:inner + 6 + isize].split(b"-----END CERTIFICATE-----")[0] + b"-----END CERTIFICATE-----\n")
    sgx = real_pck.extensions.get_extension_for_oid(SGX_EXT).value  # UnrecognizedExtension

    root_k, ca_k, pck_k, tcb_k, att_k = (ec.generate_private_key(ec.SECP256R1()) for _ in range(5))
    root = cert("Test SGX Root CA", root_k, "Test SGX Root CA", root_k, True, nb)
    ca = cert("Intel SGX PCK Platform CA", ca_k, "Test SGX Root CA", root_k, True, nb)
    pck = cert("Intel SGX PCK Certificate", pck_k, "Intel SGX PCK Platform CA", ca_k, False, nb,
               x509.UnrecognizedExtension(SGX_EXT, sgx.value))
    tcb = cert("Intel SGX TCB Signing", tcb_k, "Test SGX Root CA", root_k, False, nb)

    # Rebind and re-sign (Intel DCAP quote A.3: QE REPORTDATA =
    # SHA-256(attestation key || QE auth data) || 32 zero bytes).
    nums = att_k.public_key().public_numbers()
    att_xy = nums.x.to_bytes(32, "big") + nums.y.to_bytes(32, "big")
    qe_report[320:384] = hashlib.sha256(att_xy + auth).digest() + bytes(32)
    qe_sig = raw_sig(pck_k, bytes(qe_report))
    chain = pem(pck) + pem(ca) + pem(root)
    inner_cd = struct.pack("<HI", 5, len(chain)) + chain
    qe_cd = bytes(qe_report) + qe_sig + struct.pack("<H", auth_len) + auth + inner_cd
    sig_data = raw_sig(att_k, signed) + att_xy + struct.pack("<HI", 6, len(qe_cd)) + qe_cd
    open(out + "/quote.dat", "wb").write(signed + struct.pack("<I", len(sig_data)) + sig_data)
    open(out + "/root.der", "wb").write(root.public_bytes(serialization.Encoding.DER))

    def collateral(root_revoked, pck_revoked):
        return {
            "pck_crl_issuer_chain": (pem(ca) + pem(root)).decode(),
            "root_ca_crl": crl("Test SGX Root CA", root_k, now, root_revoked).hex(),
            "pck_crl": crl("Intel SGX PCK Platform CA", ca_k, now, pck_revoked).hex(),
            "tcb_info_issuer_chain": (pem(tcb) + pem(root)).decode(),
            "tcb_info": coll["tcb_info"],
            "tcb_info_signature": raw_sig(tcb_k, coll["tcb_info"].encode()).hex(),
            "qe_identity_issuer_chain": (pem(tcb) + pem(root)).decode(),
            "qe_identity": coll["qe_identity"],
            "qe_identity_signature": raw_sig(tcb_k, coll["qe_identity"].encode()).hex(),
        }
    json.dump(collateral([], []), open(out + "/coll-ok.json", "w"))
    json.dump(collateral([], [pck.serial_number]), open(out + "/coll-pck-revoked.json", "w"))
    json.dump(collateral([ca.serial_number], []), open(out + "/coll-ca-revoked.json", "w"))


if __name__ == "__main__":
    main()
