#!/usr/bin/env python3
"""Open a FUTEET sealed blob from sim-snp with code that shares nothing with
FUTEET: the blob layout and key of docs/FORMATS.md section 6, the sim's
MSG_KEY_REQ key of docs/SIM.md ("MSG_KEY_REQ"), the sim's platform secret
from its committed seed (docs/SIM.md "Keys and the seed": HMAC_DRBG, NIST SP
800-90A 10.1.2, as BearSSL's br_hmac_drbg implements it), AES-256-GCM from
python3-cryptography.

  seal_open.py BLOB SEED_TXT MEASUREMENT_HEX [--policy 0x30000]

Prints "plaintext-sha256 HEX" and exits 0 when the tag verifies; exits 1
with a one-line reason otherwise."""
import hashlib, hmac, struct, sys
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def h(k, m):
    return hmac.new(k, m, hashlib.sha256).digest()


def drbg_update(k, v, data):
    # SP 800-90A 10.1.2.2 HMAC_DRBG_Update
    k = h(k, v + b"\x00" + data)
    v = h(k, v)
    if data:
        k = h(k, v + b"\x01" + data)
        v = h(k, v)
    return k, v


def platform_secret(seed):
    # Instantiate (10.1.2.3) with entropy = seed, no nonce or personalization;
    # update with the label (br_hmac_drbg_update); generate 32 bytes (10.1.2.5).
    k, v = b"\x00" * 32, b"\x01" * 32
    k, v = drbg_update(k, v, seed)
    k, v = drbg_update(k, v, b"FUTEET-SIM PLATFORM SECRET")
    return h(k, v)


def main():
    args = sys.argv[1:]
    policy = 0x30000
    if "--policy" in args:
        i = args.index("--policy")
        policy = int(args[i + 1], 0)
        del args[i:i + 2]
    blob_path, seed_path, meas_hex = args
    blob = open(blob_path, "rb").read()
    seed_line = [l.strip() for l in open(seed_path) if l.strip() and not l.startswith("#")][0]
    seed = bytes.fromhex(seed_line)
    meas = bytes.fromhex(meas_hex)
    assert len(meas) == 48, "measurement must be 48 bytes"

    # docs/FORMATS.md section 6: the header, little-endian.
    if len(blob) < 0x28 + 16 or blob[:4] != b"FTSB" or blob[4] != 1:
        sys.exit("not a version-1 FUTEET sealed blob")
    tee, bind, key_vmpl = blob[5], blob[6], blob[7]
    pol, ct_len, key_fields = struct.unpack_from("<IIQ", blob, 8)
    iv = blob[0x18:0x24]
    if len(blob) != 0x28 + ct_len + 16:
        sys.exit("blob length does not match ct_len")
    if tee != 3:
        sys.exit("not a sim-snp blob (tee %d)" % tee)
    want_fields = (8 if pol & 1 else 0) | (1 if pol & 2 else 0)
    if key_fields != want_fields:
        sys.exit("key_fields %#x do not match policy %#x" % (key_fields, pol))

    # docs/SIM.md: the sim's derived key for this MSG_KEY_REQ.
    m = b"FUTEET-SIM-SNP-KEY-1" + struct.pack("<IQI", 0, key_fields, key_vmpl)
    m += struct.pack("<Q", policy if key_fields & 1 else 0)
    m += b"\x00" * 16 + b"\x00" * 16
    m += meas if key_fields & 8 else b"\x00" * 48
    m += b"\x00" * 4 + b"\x00" * 8
    derived = h(platform_secret(seed), m)
    # HKDF-Expand (RFC 5869 2.3), L = 32: T(1) = HMAC(PRK, info || 0x01).
    key = h(derived, b"FUTEET-SEAL-KEY-1" + blob[:0x18] + b"\x01")
    try:
        pt = AESGCM(key).decrypt(iv, blob[0x28:], blob[:0x28])
    except Exception:
        sys.exit("authentication failed under the documented key")
    print("bind %d policy %#x" % (bind, pol))
    print("plaintext-sha256 " + hashlib.sha256(pt).hexdigest())


main()
