#!/usr/bin/python3
"""Independent checks of FUTEET RA-TLS (docs/CHANNEL.md section 11) with Python
`cryptography`, for tests/real/ratls_*.sh and tests/qemu/ratls_*.sh.

  ratls_check.py session PEM S_CLIENT_OUT NONCE_HEX FRESH_OUT [--host-test]
      The certificate the client received (PEM): v3, self-issued, ECDSA P-256
      signature valid under its own key, keyUsage digitalSignature (critical),
      extension 2.23.133.5.4.9 non-critical. s_client's RFC 5705 keying
      material must equal the server's "exporter" line; the fresh evidence
      (BEGIN/END FUTEET EVIDENCE) is written to FRESH_OUT and the exporter
      printed. --host-test: the evidence is ratls-test's stand-in
      ("FUTEET-RATLS-HOST-TEST" || nonce) and its nonces are checked here:
      the extension binds SHA-256(SPKI), the fresh one SHA-256("futeet-ratls-v1
      fresh" || nonce || SHA-256(SPKI) || exporter).
  ratls_check.py make-certs DIR
      Certificates from this independent encoder: py_ok (extension "\\xa1hello
      cmw"), py_none, py_crit (critical extension), py_rsa (RSA key).
  ratls_check.py dup-ext IN_DER OUT_DER
      IN with its last extension repeated (cryptography refuses to build it).
  ratls_check.py console-pem CONSOLE_LOG OUT_PEM
      The CERTIFICATE block the guest printed, with the host's own log lines
      ("sim: ...") that scripts/run may splice into the console, even in the
      middle of a line, taken out; re-wrapped in 64 columns.
  ratls_check.py rekey IN_PEM OUT_PEM
      A certificate with IN's evidence extension but a new P-256 key.
  ratls_check.py flip IN_PEM OUT_PEM
      IN with one bit changed in the evidence's claims set (inside the eat_nonce,
      found as SHA-256(SPKI)); the certificate is not re-signed.
  ratls_check.py badsig IN_PEM OUT_PEM
      IN with one bit of its signature value changed.
Prints one line and exits 1 on a failed check.
"""
import base64, datetime, hashlib, re, sys
from cryptography import x509
from cryptography.x509.oid import NameOID
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

CMW_OID = x509.ObjectIdentifier("2.23.133.5.4.9")
HOST_PREFIX = b"FUTEET-RATLS-HOST-TEST"


def die(msg):
    print(msg)
    sys.exit(1)


def spki_hash(cert):
    spki = cert.public_key().public_bytes(serialization.Encoding.DER,
                                          serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(spki).digest()


def session(pem, out_path, nonce_hex, fresh_out, host_test):
    out = open(out_path, errors="replace").read()
    nonce = bytes.fromhex(nonce_hex)
    c = x509.load_pem_x509_certificate(open(pem, "rb").read())
    if c.version != x509.Version.v3:
        die("the certificate is not v3")
    pub = c.public_key()
    if not isinstance(pub, ec.EllipticCurvePublicKey) or pub.curve.name != "secp256r1":
        die("the certificate key is not P-256")
    pub.verify(c.signature, c.tbs_certificate_bytes, ec.ECDSA(hashes.SHA256()))
    if c.issuer != c.subject:
        die("the certificate is not self-issued")
    ext = c.extensions.get_extension_for_oid(CMW_OID)
    if ext.critical:
        die("the evidence extension is critical")
    ku = c.extensions.get_extension_for_class(x509.KeyUsage)
    if not (ku.critical and ku.value.digital_signature):
        die("keyUsage digitalSignature missing")
    h = spki_hash(c)
    m = re.search(r"Keying material: ([0-9A-Fa-f]{64})", out)
    if not m:
        die("s_client printed no keying material")
    exporter = bytes.fromhex(m.group(1))
    m = re.search(r"^exporter ([0-9a-f]{64})$", out, re.M)
    if not m:
        die("the server sent no exporter line")
    if bytes.fromhex(m.group(1)) != exporter:
        die("the server's exporter is not the client's (RFC 5705)")
    b = re.search(r"-----BEGIN FUTEET EVIDENCE-----\n(.*?)-----END FUTEET EVIDENCE-----", out, re.S)
    if not b:
        die("no fresh evidence in the session")
    ev = base64.b64decode("".join(b.group(1).split()))
    open(fresh_out, "wb").write(ev)
    if host_test:
        if ext.value.value != HOST_PREFIX + h:
            die("the extension does not hold evidence binding SHA-256(SPKI)")
        want = hashlib.sha256(b"futeet-ratls-v1 fresh" + nonce + h + exporter).digest()
        if ev != HOST_PREFIX + want:
            die("the fresh evidence does not bind the nonce, the key and the exporter")
    print(exporter.hex())


def builder(key, name="py"):
    n = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    return (x509.CertificateBuilder().subject_name(n).issuer_name(n).public_key(key.public_key())
            .serial_number(7).not_valid_before(datetime.datetime(2026, 1, 1))
            .not_valid_after(datetime.datetime(2030, 1, 1)))


def write(path, cert, pem=False):
    enc = serialization.Encoding.PEM if pem else serialization.Encoding.DER
    open(path, "wb").write(cert.public_bytes(enc))


def make_certs(d):
    k = ec.generate_private_key(ec.SECP256R1())
    ext = x509.UnrecognizedExtension(CMW_OID, b"\xa1hello cmw")
    write(f"{d}/py_ok.der", builder(k).add_extension(ext, critical=False).sign(k, hashes.SHA256()))
    write(f"{d}/py_none.der", builder(k).sign(k, hashes.SHA256()))
    write(f"{d}/py_crit.der", builder(k).add_extension(ext, critical=True).sign(k, hashes.SHA256()))
    r = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    write(f"{d}/py_rsa.der", builder(r).add_extension(ext, critical=False).sign(r, hashes.SHA256()))


def tlv(t, v):
    n = len(v)
    if n < 128:
        return bytes([t, n]) + v
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([t, 0x80 | len(b)]) + b + v


def read(b, i):
    t, l, j = b[i], b[i + 1], i + 2
    if l & 0x80:
        k = l & 0x7F
        l, j = int.from_bytes(b[j:j + k], "big"), j + k
    return t, b[j:j + l], j + l


def dup_ext(src, dst):
    _, cert, _ = read(open(src, "rb").read(), 0)
    _, tbs, i = read(cert, 0)
    fields, j = [], 0
    while j < len(tbs):
        t, v, k = read(tbs, j)
        fields.append((t, v))
        j = k
    t, v = fields[-1]
    assert t == 0xA3
    _, exts, _ = read(v, 0)
    items, j = [], 0
    while j < len(exts):
        _, _, k = read(exts, j)
        items.append(exts[j:k])
        j = k
    fields[-1] = (0xA3, tlv(0x30, b"".join(items + [items[-1]])))
    tbs2 = b"".join(tlv(t, v) for t, v in fields)
    open(dst, "wb").write(tlv(0x30, tlv(0x30, tbs2) + cert[i:]))


def pem_out(dst, der):
    b = base64.b64encode(der).decode()
    open(dst, "w").write("-----BEGIN CERTIFICATE-----\n" +
                         "".join(b[i:i + 64] + "\n" for i in range(0, len(b), 64)) +
                         "-----END CERTIFICATE-----\n")


def flip(src, dst):
    c = x509.load_pem_x509_certificate(open(src, "rb").read())
    der = bytearray(c.public_bytes(serialization.Encoding.DER))
    i = der.find(spki_hash(c))
    if i < 0:
        die("the certificate's evidence does not contain SHA-256(SPKI)")
    der[i + 5] ^= 0x01
    pem_out(dst, bytes(der))


def badsig(src, dst):
    c = x509.load_pem_x509_certificate(open(src, "rb").read())
    der = bytearray(c.public_bytes(serialization.Encoding.DER))
    der[-3] ^= 0x01  # inside s of the Ecdsa-Sig-Value, the certificate's last field
    pem_out(dst, bytes(der))


def reissue(src, dst):
    c = x509.load_pem_x509_certificate(open(src, "rb").read())
    ev = c.extensions.get_extension_for_oid(CMW_OID).value.value
    k = ec.generate_private_key(ec.SECP256R1())
    ext = x509.UnrecognizedExtension(CMW_OID, bytes(ev))
    write(dst, builder(k, "FUTEET RA-TLS").add_extension(ext, critical=False)
          .sign(k, hashes.SHA256()), pem=True)


def console_pem(log, dst):
    text = open(log, errors="replace").read()
    m = re.search(r"^-----BEGIN CERTIFICATE-----\n(.*?)^-----END CERTIFICATE-----$", text, re.S | re.M)
    if not m:
        die("no CERTIFICATE block on the console")
    body = re.sub(r"sim: [^\n]*\n", "", m.group(1))
    b64 = re.sub(r"[^A-Za-z0-9+/=]", "", body)
    try:
        der = base64.b64decode(b64, validate=True)
    except ValueError:
        die("the console's CERTIFICATE block is not base64")
    pem_out(dst, der)


def main(a):
    if len(a) >= 5 and a[0] == "session":
        session(a[1], a[2], a[3], a[4], "--host-test" in a[5:])
    elif len(a) == 2 and a[0] == "make-certs":
        make_certs(a[1])
    elif len(a) == 3 and a[0] == "dup-ext":
        dup_ext(a[1], a[2])
    elif len(a) == 3 and a[0] == "console-pem":
        console_pem(a[1], a[2])
    elif len(a) == 3 and a[0] == "rekey":
        reissue(a[1], a[2])
    elif len(a) == 3 and a[0] == "flip":
        flip(a[1], a[2])
    elif len(a) == 3 and a[0] == "badsig":
        badsig(a[1], a[2])
    else:
        die(__doc__.strip().splitlines()[0])


if __name__ == "__main__":
    main(sys.argv[1:])
