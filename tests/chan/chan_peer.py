#!/usr/bin/python3
"""An independent implementation of the FUTEET attested channel v1, written
from docs/CHANNEL.md with Debian's python3-cryptography (no BearSSL, no code
from lib/chan.c). It interoperates with the C implementation over a unix
socket, and `vectors` prints the test-vector transcript of CHANNEL.md
section 9 (tests/vectors/chan_v1.txt).

Evidence: the forgeable TEST EVIDENCE of CHANNEL.md section 8, or, with
--verifier PATH, a guest's real FUTEET evidence appraised by that program
(build/bin/futeet-verify: the host verifier, with --nonce = the binding of
CHANNEL.md section 4); the channel's own checks (MAC, binding, cnf against
the hello's key) stay in this file.

  chan_peer.py vectors
  chan_peer.py listen|connect UNIX_PATH [--send TEXT] [--expect TEXT]
               [--ak] [--forbid-ak] [--measurement HEX] [--want HEX] [--debug]
               [--ak-always]  (attested-key mode even when the peer's hello says
                               FRESH_REQUIRED: a peer that disregards it)
               [--ak-evidence-file CMW] (attested-key mode with that evidence, e.g. a
                               guest's, and a key of our own: its cnf is another key)
               [--ak-bad-sig]  (attested-key mode, one bit of the signature flipped)
               [--save-peer-evidence FILE]  (the evidence in the peer's auth message)
               [--records-per-key N] [--evil MODE] [--unattested] [--allow-unattested]
               [--evidence-file CMW]   (send that evidence as is: a replay)
               [--verifier PATH [--verifier-opt ARG]... [--accept-warning]]
               [--repeat N]  (N sessions one after another: a long-lived guest)
               [--payload-kib K --count N]  (bench: N messages of K KiB, echoed back;
                                             prints MB/s)
               [--stall-ms MS]  (bench: the reader starts MS after the writer:
                                 backpressure on the guest's sends)
Prints "chan: established ..." / "chan: peer says: TEXT" / "chan: closed: REASON";
exit status 0 only when the handshake and the expected exchange succeeded.
"""
import base64
import hashlib
import hmac
import json
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature, encode_dss_signature)
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from cryptography.exceptions import InvalidSignature, InvalidTag

# ---- CHANNEL.md section 2 ----
T_INIT_HELLO, T_RESP_HELLO, T_RESP_AUTH, T_INIT_AUTH, T_ABORT = 1, 2, 3, 4, 5
T_DATA, T_CLOSE, T_KEY_UPDATE = 0x10, 0x11, 0x12
MAX_EVIDENCE = 131072
MAX_PT = 16384
MAX_BODY = {T_INIT_HELLO: 101, T_RESP_HELLO: 101, T_RESP_AUTH: 8 + MAX_EVIDENCE + 64 + 32,
            T_INIT_AUTH: 8 + MAX_EVIDENCE + 64 + 32, T_ABORT: 1,
            T_DATA: 8 + MAX_PT + 16, T_CLOSE: 8 + MAX_PT + 16, T_KEY_UPDATE: 8 + MAX_PT + 16}
FLAG_FRESH_REQUIRED = 1
MODE_FRESH, MODE_AK, MODE_NONE = 1, 2, 3
MODE_NAME = {MODE_FRESH: "fresh", MODE_AK: "attested-key", MODE_NONE: "unattested"}
ROLE_I, ROLE_R = 1, 2
RECORDS_PER_KEY = 1 << 24
REASONS = {1: "closed", 2: "bad-frame", 3: "unexpected", 4: "version", 5: "bad-key",
           6: "reflected", 7: "evidence", 8: "binding", 9: "mode-forbidden", 10: "signature",
           11: "mac", 12: "record-auth", 13: "record-seq", 14: "record-size",
           15: "seq-exhausted", 16: "truncated", 17: "internal"}
P256_N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


def sha256(*parts):
    h = hashlib.sha256()
    for p in parts:
        h.update(p)
    return h.digest()


def hkdf_extract(salt, ikm):          # RFC 5869 2.2
    return hmac.new(salt, ikm, hashlib.sha256).digest()


def hkdf_expand(prk, info, n):        # RFC 5869 2.3, n <= 32: one block
    assert n <= 32
    return hmac.new(prk, info + b"\x01", hashlib.sha256).digest()[:n]


def frame(t, body):
    return bytes([t]) + len(body).to_bytes(3, "big") + body


def point_bytes(pub):
    return pub.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)


def priv_from(scalar):
    return ec.derive_private_key(int.from_bytes(scalar, "big"), ec.SECP256R1())


class Fail(Exception):
    def __init__(self, reason, peer=False):
        super().__init__(REASONS.get(reason, "unknown(%d)" % reason))
        self.reason, self.peer = reason, peer


# ---- test evidence (CHANNEL.md section 8): forgeable, host tests only ----
TESTEV_KEY = sha256(b"futeet-chan test evidence key: NOT A TEE")


def ak_nonce(pub):
    """CHANNEL.md 4: the eat_nonce of an attested key's one-time evidence."""
    return sha256(b"futeet-chan-v1 attested key", pub)


def testev_make(nonce, cnf, meas, debug, evil=0):
    if evil == 1:
        nonce = bytes([nonce[0] ^ 1]) + nonce[1:]
    if evil == 2:
        cnf = point_bytes(ec.derive_private_key(1, ec.SECP256R1()).public_key())
    b = b"FUTEETTESTEVID01" + nonce + cnf + meas + bytes([debug])
    mac = hmac.new(TESTEV_KEY, b, hashlib.sha256).digest()
    if evil == 3:
        mac = bytes([mac[0] ^ 1]) + mac[1:]
    return b + mac


def testev_verify(ev, want_meas, allow_debug):
    """-> (eat_nonce, cnf, summary) or raises Fail(7)"""
    if len(ev) != 194 or ev[:16] != b"FUTEETTESTEVID01":
        raise Fail(7)
    if not hmac.compare_digest(hmac.new(TESTEV_KEY, ev[:162], hashlib.sha256).digest(), ev[162:]):
        raise Fail(7)
    if ev[161] > 1 or ev[113:161] != want_meas or (ev[161] and not allow_debug):
        raise Fail(7)
    return ev[16:48], ev[48:113], "TEST EVIDENCE measurement %s... debug %s" % (
        ev[113:121].hex(), "on" if ev[161] else "off")


def _unbytes(v):
    """EAR JSON bytes: hex, or base64url without padding."""
    try:
        return bytes.fromhex(v)
    except (TypeError, ValueError):
        return base64.urlsafe_b64decode(v + "=" * (-len(v) % 4))


def real_verify(ev, binding, verifier, opts, accept_warning, ak=False):
    """Real FUTEET evidence through the host verifier (futeet-verify), with
    the binding as the expected nonce; in the attested-key mode (CHANNEL.md
    4) without a nonce (the evidence is not fresh: the signature is) and with
    the policy's freshness_checked_elsewhere. -> (eat_nonce, cnf, summary)
    or Fail(7)."""
    tmp = []
    with tempfile.NamedTemporaryFile(prefix="chan-ev-", delete=False) as f:
        f.write(ev)
        tmp.append(f.name)
    opts = list(opts)
    if ak:
        pol = {}
        if "--policy" in opts:
            k = opts.index("--policy")
            pol = json.load(open(opts[k + 1]))
            del opts[k:k + 2]
        pol["freshness_checked_elsewhere"] = True
        with tempfile.NamedTemporaryFile("w", prefix="chan-pol-", delete=False) as f:
            json.dump(pol, f)
            tmp.append(f.name)
        opts += ["--policy", f.name]
    else:
        opts += ["--nonce", binding.hex()]
    try:
        r = subprocess.run([verifier] + opts + [tmp[0]], capture_output=True, timeout=60)
    finally:
        for t in tmp:
            os.unlink(t)
    try:
        ear = json.loads(r.stdout)
        sub = ear["submods"]["cpu0"]
        ae = sub["ear.veraison.annotated-evidence"]
    except (ValueError, KeyError, TypeError):
        print("chan: verifier: %s" % r.stderr.decode(errors="replace").strip()[:200], flush=True)
        raise Fail(7)
    status = sub.get("ear.status")
    summary = "%s (%s, root %s) %s measurement %s... debug %s" % (
        ae.get("tee"), ae.get("provider"), ae.get("root_of_trust"), status,
        str(ae.get("launch_measurement", ""))[:16], ae.get("debug"))
    if status != "affirming" and not (accept_warning and status == "warning"):
        print("chan: verifier refused: %s" % summary, flush=True)
        raise Fail(7)
    if (not ak and ae.get("nonce_check") != "ok") or "cnf" not in ae:
        raise Fail(8)
    c = ae["cnf"]
    if c.get("crv") != "P-256":
        raise Fail(8)
    return binding, b"\x04" + _unbytes(c["x"]) + _unbytes(c["y"]), summary


class Chan:
    def __init__(self, role, rand, meas, want, allow_debug=False, forbid_ak=False,
                 ak=None, records_per_key=RECORDS_PER_KEY, evil=0, log=None,
                 unattested=False, allow_unattested=False):
        self.unattested, self.allow_unattested = unattested, allow_unattested
        self.evidence_file = None
        self.ak_always = self.ak_bad_sig = False
        self.save_peer_evidence = None
        self.role, self.rand = role, rand
        self.meas, self.want, self.allow_debug = meas, want, allow_debug
        self.forbid_ak, self.ak, self.rpk, self.evil = forbid_ak, ak, records_per_key, evil
        self.transcript = b""
        self.rx_seen = False
        self.log = log if log is not None else {}

    # section 3
    def _ephemeral(self):
        self.nonce = self.rand(32)
        while True:
            x = self.rand(32)
            if 0 < int.from_bytes(x, "big") < P256_N:
                break
        self.priv = priv_from(x)
        self.eph = point_bytes(self.priv.public_key())
        self.log[self._me() + "_nonce"] = self.nonce
        self.log[self._me() + "_eph_priv"] = x

    def _me(self):
        return "i" if self.role == ROLE_I else "r"

    def _hello(self, t):
        flags = FLAG_FRESH_REQUIRED if self.forbid_ak else 0
        return frame(t, bytes([1, 1, flags, 0]) + self.nonce + self.eph)

    def _read_hello(self, f):
        b = f[4:]
        if len(b) != 101:
            raise Fail(2)
        if b[0] != 1 or b[1] != 1:
            raise Fail(4)
        if b[2] & ~FLAG_FRESH_REQUIRED or b[3]:
            raise Fail(2)
        self.peer_flags, self.peer_nonce, self.peer_eph = b[2], b[4:36], b[36:101]
        if self.role == ROLE_I and (self.peer_nonce == self.nonce or self.peer_eph == self.eph):
            raise Fail(6)
        try:
            pub = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), self.peer_eph)
            if self.peer_eph[0] != 4:
                raise ValueError
        except ValueError:
            raise Fail(5)
        return pub

    def _ecdh(self, pub):
        self.z = self.priv.exchange(ec.ECDH(), pub)
        self.log["z"] = self.z

    def _mac_keys(self):
        th2 = sha256(self.transcript)
        hs = hkdf_extract(th2, self.z)
        self.km = {ROLE_R: hkdf_expand(hs, b"futeet-chan-v1 mac resp", 32),
                   ROLE_I: hkdf_expand(hs, b"futeet-chan-v1 mac init", 32)}
        self.log.update(th2=th2, km_r=self.km[ROLE_R], km_i=self.km[ROLE_I])

    @staticmethod
    def bi(role, peer_nonce, own_eph, th):
        return b"futeet-chan-v1 evidence" + bytes([role]) + peer_nonce + own_eph + th

    # section 4
    def _auth(self, t):
        th = sha256(self.transcript)
        bi = self.bi(self.role, self.peer_nonce, self.eph, th)
        binding = sha256(bi)
        self.log["binding_" + self._me()] = binding
        if self.unattested:
            ev, sig, mode = b"", b"", MODE_NONE
        elif self.evidence_file is not None:
            # canned evidence (e.g. the sim's real CMW): genuine, but made for
            # another nonce and key, as a replaying attacker would send it
            ev, sig, mode = open(self.evidence_file, "rb").read(), b"", MODE_FRESH
        elif self.ak is not None and (self.ak_always or not (self.peer_flags & FLAG_FRESH_REQUIRED)):
            # section 4: ECDSA P-256 / SHA-256 over BI, raw r || s
            ak_priv, ak_ev = self.ak
            r, s = decode_dss_signature(ak_priv.sign(bi, ec.ECDSA(hashes.SHA256())))
            sig, ev, mode = r.to_bytes(32, "big") + s.to_bytes(32, "big"), ak_ev, MODE_AK
            if self.ak_bad_sig:
                sig = sig[:63] + bytes([sig[63] ^ 1])
        else:
            ev = testev_make(binding, self.eph, self.meas, 0 if self.evil != 4 else 1, self.evil)
            sig, mode = b"", MODE_FRESH
        self.own_mode = mode
        body = bytes([mode, 0]) + len(sig).to_bytes(2, "big") + len(ev).to_bytes(4, "big") + ev + sig
        hdr = bytes([t]) + (len(body) + 32).to_bytes(3, "big")
        mac = hmac.new(self.km[self.role], sha256(self.transcript, hdr, body), hashlib.sha256).digest()
        f = hdr + body + mac
        self.transcript += f
        return f

    def _read_auth(self, f):
        b = f[4:]
        if len(b) < 40:
            raise Fail(2)
        mode, rsvd = b[0], b[1]
        sig_len, ev_len = struct.unpack(">HI", b[2:8])
        if rsvd or mode not in (MODE_FRESH, MODE_AK, MODE_NONE) or sig_len != (64 if mode == MODE_AK else 0):
            raise Fail(2)
        if (mode == MODE_NONE) != (ev_len == 0) or ev_len > MAX_EVIDENCE or len(b) != 8 + ev_len + sig_len + 32:
            raise Fail(2)
        if (mode == MODE_AK and self.forbid_ak) or (mode == MODE_NONE and not self.allow_unattested):
            raise Fail(9)
        peer = ROLE_R if self.role == ROLE_I else ROLE_I
        want = hmac.new(self.km[peer], sha256(self.transcript, f[:-32]), hashlib.sha256).digest()
        if not hmac.compare_digest(want, f[-32:]):
            raise Fail(11)
        ev, sig = b[8:8 + ev_len], b[8 + ev_len:8 + ev_len + sig_len]
        if self.save_peer_evidence:
            with open(self.save_peer_evidence, "wb") as o:
                o.write(ev)
        if mode == MODE_NONE:
            self.peer_summary, self.peer_mode = "UNATTESTED peer (no evidence)", mode
            self.transcript += f
            return
        bi = self.bi(peer, self.nonce, self.peer_eph, sha256(self.transcript))
        if getattr(self, "verifier", None):
            eat_nonce, cnf, self.peer_summary = real_verify(
                ev, sha256(bi), self.verifier, self.verifier_opts, self.accept_warning,
                ak=mode == MODE_AK)
        else:
            eat_nonce, cnf, self.peer_summary = testev_verify(ev, self.want, self.allow_debug)
        if mode == MODE_FRESH:
            if not hmac.compare_digest(eat_nonce, sha256(bi)) or cnf != self.peer_eph:
                raise Fail(8)
        else:
            try:
                pk = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), cnf)
                der = encode_dss_signature(int.from_bytes(sig[:32], "big"),
                                           int.from_bytes(sig[32:], "big"))
                pk.verify(der, bi, ec.ECDSA(hashes.SHA256()))
            except (ValueError, InvalidSignature):
                raise Fail(10)
        self.peer_mode = mode
        self.transcript += f

    # section 5
    def _traffic(self):
        th4 = sha256(self.transcript)
        master = hkdf_extract(th4, self.z)
        i2r = hkdf_expand(master, b"futeet-chan-v1 i2r", 32)
        r2i = hkdf_expand(master, b"futeet-chan-v1 r2i", 32)
        self.sid = hkdf_expand(master, b"futeet-chan-v1 session id", 16)
        self.tx = Dir(i2r if self.role == ROLE_I else r2i)
        self.rx = Dir(r2i if self.role == ROLE_I else i2r)
        self.log.update(th4=th4, sid=self.sid)
        for name, d in (("i2r", self.tx if self.role == ROLE_I else self.rx),
                        ("r2i", self.rx if self.role == ROLE_I else self.tx)):
            self.log["key_" + name], self.log["iv_" + name] = d.key, d.iv

    # driving the handshake: frames in, frames out
    def start(self):
        self._ephemeral()
        f = self._hello(T_INIT_HELLO)
        self.transcript += f
        self.state = "wait_resp_hello"
        return [f]

    def responder_start(self):
        self.state = "wait_init_hello"

    def input(self, f):
        t = f[0]
        if t == T_ABORT:
            raise Fail(f[4], peer=True)
        if self.state == "wait_init_hello" and t == T_INIT_HELLO:
            pub = self._read_hello(f)
            self._ephemeral()
            self._ecdh(pub)
            self.transcript += f
            f2 = self._hello(T_RESP_HELLO)
            self.transcript += f2
            self._mac_keys()
            f3 = self._auth(T_RESP_AUTH)
            self.log.update(th3=sha256(self.transcript))
            self.state = "wait_init_auth"
            return [f2, f3]
        if self.state == "wait_resp_hello" and t == T_RESP_HELLO:
            self._ecdh(self._read_hello(f))
            self.transcript += f
            self._mac_keys()
            self.state = "wait_resp_auth"
            return []
        if self.state == "wait_resp_auth" and t == T_RESP_AUTH:
            self._read_auth(f)
            self.log.update(th3=sha256(self.transcript))
            f4 = self._auth(T_INIT_AUTH)
            self._traffic()
            self.state = "established"
            return [f4]
        if self.state == "wait_init_auth" and t == T_INIT_AUTH:
            self._read_auth(f)
            self._traffic()
            self.state = "established"
            return []
        raise Fail(3)

    # section 6
    def seal(self, pt):
        out = b""
        if self.tx.seq + 1 >= self.rpk:
            out += self.tx.write(T_KEY_UPDATE, b"")
            self.tx.update()
        return out + self.tx.write(T_DATA, pt)

    def close(self, reason=1):
        return self.tx.write(T_CLOSE, bytes([reason]))

    def open(self, f):
        """-> plaintext bytes, or None for a KEY_UPDATE; raises Fail."""
        t = f[0]
        # the responder refused our INIT_AUTH: its ABORT is the first frame (section 2)
        if t == T_ABORT and self.role == ROLE_I and not self.rx_seen and len(f) == 5:
            raise Fail(f[4], peer=True)
        if t not in (T_DATA, T_CLOSE, T_KEY_UPDATE):
            raise Fail(3 if t <= T_ABORT else 2)
        if len(f) < 28:
            raise Fail(2)
        n = len(f) - 28
        if (t == T_CLOSE and n != 1) or (t == T_KEY_UPDATE and n != 0):
            raise Fail(2)
        seq = int.from_bytes(f[4:12], "big")
        if seq != self.rx.seq:
            raise Fail(13)
        if seq >= self.rpk:
            raise Fail(15)
        try:
            pt = AESGCM(self.rx.key).decrypt(self.rx.nonce(seq), f[12:], f[:12])
        except InvalidTag:
            raise Fail(12)
        self.rx.seq += 1
        self.rx_seen = True
        if t == T_CLOSE:
            raise Fail(pt[0], peer=True)
        if t == T_KEY_UPDATE:
            self.rx.update()
            return None
        return pt


class Dir:
    def __init__(self, ts):
        self.ts = ts
        self._keys()

    def _keys(self):
        self.key = hkdf_expand(self.ts, b"futeet-chan-v1 key", 32)
        self.iv = hkdf_expand(self.ts, b"futeet-chan-v1 iv", 12)
        self.seq = 0

    def update(self):
        self.ts = hkdf_expand(self.ts, b"futeet-chan-v1 update", 32)
        self._keys()

    def nonce(self, seq):
        return bytes(a ^ b for a, b in zip(self.iv, b"\0\0\0\0" + seq.to_bytes(8, "big")))

    def write(self, t, pt):
        hdr = bytes([t]) + (8 + len(pt) + 16).to_bytes(3, "big") + self.seq.to_bytes(8, "big")
        ct = AESGCM(self.key).encrypt(self.nonce(self.seq), pt, hdr)
        self.seq += 1
        return hdr + ct


# ---- vectors (CHANNEL.md section 9) ----
def fixed_rand(items):
    q = list(items)

    def rand(n):
        v = q.pop(0)
        assert len(v) == n
        return v
    return rand


def vectors(out):
    def line(k, v):
        out.write("%s = %s\n" % (k, v.hex() if isinstance(v, bytes) else v))

    for name, ak in (("fresh", False), ("ak", True)):
        inp = {k: sha256(("futeet-chan-v1 vector " + k).encode()) for k in
               ("i_nonce", "i_eph_priv", "r_nonce", "r_eph_priv", "r_ak_priv")}
        meas_i, meas_r = bytes([0x11]) * 48, bytes([0x22]) * 48
        ak_pair = None
        out.write("# vector %s: %s\n" % (name, "both sides FRESH" if not ak else
                  "responder in ATTESTED_KEY mode (its ECDSA signature is randomized: "
                  "check it, do not compare it)"))
        line("vector", name)
        for k in ("i_nonce", "i_eph_priv", "r_nonce", "r_eph_priv"):
            line(k, inp[k])
        line("i_measurement", meas_i)
        line("r_measurement", meas_r)
        line("records_per_key", "2")
        if ak:
            akp = priv_from(inp["r_ak_priv"])
            ak_pub = point_bytes(akp.public_key())
            ak_ev = testev_make(ak_nonce(ak_pub), ak_pub, meas_r, 0)
            ak_pair = (akp, ak_ev)
            line("r_ak_priv", inp["r_ak_priv"])
            line("r_ak_evidence", ak_ev)
        li, lr = {}, {}
        ci = Chan(ROLE_I, fixed_rand([inp["i_nonce"], inp["i_eph_priv"]]), meas_i, meas_r,
                  records_per_key=2, log=li)
        cr = Chan(ROLE_R, fixed_rand([inp["r_nonce"], inp["r_eph_priv"]]), meas_r, meas_i,
                  records_per_key=2, ak=ak_pair, log=lr)
        cr.responder_start()
        (f1,) = ci.start()
        f2, f3 = cr.input(f1)
        assert ci.input(f2) == []
        (f4,) = ci.input(f3)
        assert cr.input(f4) == []
        line("F1", f1)
        line("F2", f2)
        line("F3", f3)
        line("F4", f4)
        for k in ("z", "th2", "km_r", "km_i", "binding_r", "th3", "binding_i", "th4",
                  "key_i2r", "iv_i2r", "key_r2i", "iv_r2i", "sid"):
            line(k, (lr if k in ("binding_r",) else li)[k])
        assert li["sid"] == lr["sid"]
        # I -> R: DATA seq 0, then (limit 2) KEY_UPDATE seq 1 + DATA seq 0 under the next key,
        # then CLOSE seq 1; R -> I: DATA seq 0
        m1, m2, m3 = b"hello from the initiator", b"after the key update", b"hello from the responder"
        r1 = ci.seal(m1)
        r2 = ci.seal(m2)
        r3 = ci.close(1)
        r4 = cr.seal(m3)
        assert cr.open(r1) == m1
        assert cr.open(r2[:28]) is None and cr.open(r2[28:]) == m2
        try:
            cr.open(r3)
            raise AssertionError("close not seen")
        except Fail as e:
            assert e.peer and e.reason == 1
        assert ci.open(r4) == m3
        line("i2r_msg1", m1)
        line("i2r_rec1", r1)
        line("i2r_msg2", m2)
        line("i2r_rec2", r2)
        line("i2r_close", r3)
        line("r2i_msg1", m3)
        line("r2i_rec1", r4)
        line("end", name)


# ---- sockets ----
def recv_exact(s, n):
    b = b""
    while len(b) < n:
        c = s.recv(n - len(b))
        if not c:
            raise Fail(16)
        b += c
    return b


def recv_frame(s):
    h = recv_exact(s, 4)
    n = int.from_bytes(h[1:4], "big")
    if h[0] not in MAX_BODY or n > MAX_BODY[h[0]]:
        raise Fail(2)
    return h + recv_exact(s, n)


def session(role, path, opts, flags, verifier_opts):
    meas = bytes.fromhex(opts["--measurement"])
    ak = None
    if flags & {"--ak", "--ak-always", "--ak-bad-sig"} or opts["--ak-evidence-file"]:
        akp = ec.generate_private_key(ec.SECP256R1())
        ak_pub = point_bytes(akp.public_key())
        if opts["--ak-evidence-file"]:
            ak = (akp, open(opts["--ak-evidence-file"], "rb").read())
        else:
            ak = (akp, testev_make(ak_nonce(ak_pub), ak_pub, meas, 1 if "--debug" in flags else 0))
    c = Chan(role, os.urandom, meas, bytes.fromhex(opts["--want"]),
             allow_debug="--allow-debug" in flags, forbid_ak="--forbid-ak" in flags, ak=ak,
             records_per_key=int(opts["--records-per-key"]), evil=int(opts["--evil"]),
             unattested="--unattested" in flags, allow_unattested="--allow-unattested" in flags)
    c.evidence_file = opts["--evidence-file"]
    c.ak_always = "--ak-always" in flags or opts["--ak-evidence-file"] is not None
    c.ak_bad_sig = "--ak-bad-sig" in flags
    c.save_peer_evidence = opts["--save-peer-evidence"]
    c.verifier, c.verifier_opts = opts["--verifier"], verifier_opts
    c.accept_warning = "--accept-warning" in flags
    if "--debug" in flags and c.evil == 0:
        c.evil = 4
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    if role == ROLE_R:
        if os.path.exists(path):
            os.unlink(path)
        s.bind(path)
        s.listen(1)
        print("chan: listening", flush=True)
        s, _ = s.accept()
    else:
        s.connect(path)
    got = None
    bench = opts["--payload-kib"] is not None
    try:
        try:
            t0 = time.monotonic()
            if role == ROLE_I:
                for f in c.start():
                    s.sendall(f)
            else:
                c.responder_start()
            while c.state != "established":
                for f in c.input(recv_frame(s)):
                    s.sendall(f)
            t_hs = time.monotonic() - t0
        except Fail as e:
            if not e.peer:
                s.sendall(frame(T_ABORT, bytes([e.reason])))
            raise
        print("chan: established sid=%s peer=%s mode=%s own=%s hs_ms=%.1f" % (
            c.sid.hex(), c.peer_summary, MODE_NAME[c.peer_mode], MODE_NAME[c.own_mode],
            t_hs * 1000), flush=True)
        if bench:
            return bench_records(s, c, t_hs, int(opts["--payload-kib"]), int(opts["--count"]),
                                 int(opts["--stall-ms"]))
        try:
            s.sendall(c.seal(opts["--send"].encode()))
        except (BrokenPipeError, ConnectionError):
            pass  # a peer that refused us may be gone; its ABORT is still to be read
        try:
            while True:
                try:
                    pt = c.open(recv_frame(s))
                except Fail as e:
                    if not e.peer and e.reason != 16:
                        s.sendall(c.close(e.reason))
                    raise
                if pt is not None:
                    got = pt.decode("ascii", "replace")
                    print("chan: peer says: %s" % got, flush=True)
                    try:
                        s.sendall(c.close(1))
                    except (BrokenPipeError, ConnectionError):
                        pass
                    if opts["--expect"] is not None or opts["--verifier"]:
                        break  # a long-lived guest does not close on its own
        except Fail as e:
            if not (e.peer and e.reason == 1):
                raise
            print("chan: closed: peer closed (closed)", flush=True)
    except Fail as e:
        print("chan: closed: %s %s (%d)" % ("peer" if e.peer else "local",
                                            REASONS.get(e.reason, "unknown"), e.reason), flush=True)
        return 1
    except (ConnectionError, BrokenPipeError):
        pass
    finally:
        s.close()
    if got is None:
        print("chan: closed: truncated: no data from the peer", flush=True)
        return 1
    if opts["--expect"] is not None and got != opts["--expect"]:
        print("chan: expected %r, got %r" % (opts["--expect"], got), flush=True)
        return 1
    return 0


def bench_records(s, c, t_hs, kib, count, stall_ms=0):
    """count messages of kib KiB each way through the channel (the peer
    echoes them), then CLOSE; prints the handshake time and MB/s. With
    stall_ms the reader sleeps that long first, while the writer goes on."""
    import threading
    # a marker a relay can look for: it must never cross in the clear
    msg = (b"FUTEET-CHAN-PLAINTEXT-MARKER" + os.urandom(kib * 1024))[:kib * 1024]
    err = []

    def writer():
        try:
            for _ in range(count):
                for o in range(0, len(msg), MAX_PT):
                    s.sendall(c.seal(msg[o:o + MAX_PT]))
        except OSError as e:
            err.append(e)
    t0 = time.monotonic()
    th = threading.Thread(target=writer)
    th.start()
    back = 0
    want = len(msg) * count
    if stall_ms:
        time.sleep(stall_ms / 1000.0)
        print("chan: bench: reader stalled %d ms" % stall_ms, flush=True)
    try:
        while back < want:
            pt = c.open(recv_frame(s))
            if pt is not None:
                if pt != msg[back % len(msg):back % len(msg) + len(pt)]:
                    print("chan: bench: echoed bytes differ", flush=True)
                    return 1
                back += len(pt)
    except Fail as e:
        if not e.peer and e.reason != 16:
            try:
                s.sendall(c.close(e.reason))
            except OSError:
                pass
        print("chan: closed: %s %s (%d)" % ("peer" if e.peer else "local",
                                            REASONS.get(e.reason, "unknown"), e.reason), flush=True)
        return 1
    th.join()
    dt = time.monotonic() - t0
    s.sendall(c.close(1))
    print("bench: chan handshake %.1f ms; %d x %d KiB echoed in %.3f s: %.2f MB/s each way"
          % (t_hs * 1000, count, kib, dt, want / dt / 1e6), flush=True)
    return 0 if not err else 1


def main(argv):
    if len(argv) >= 2 and argv[1] == "vectors":
        vectors(sys.stdout)
        return 0
    if len(argv) < 3 or argv[1] not in ("listen", "connect"):
        print(__doc__, file=sys.stderr)
        return 2
    opts = {"--send": "hello from python", "--expect": None, "--measurement": "33" * 48,
            "--want": "33" * 48, "--records-per-key": str(RECORDS_PER_KEY), "--evil": "0",
            "--evidence-file": None, "--verifier": None, "--repeat": "1",
            "--payload-kib": None, "--count": "16", "--ak-evidence-file": None,
            "--save-peer-evidence": None, "--stall-ms": "0"}
    flags = set()
    verifier_opts = []
    a = argv[3:]
    while a:
        k = a.pop(0)
        if k in ("--ak", "--forbid-ak", "--debug", "--allow-debug", "--unattested", "--allow-unattested",
                 "--accept-warning", "--ak-always", "--ak-bad-sig"):
            flags.add(k)
        elif k == "--verifier-opt" and a:
            verifier_opts.append(a.pop(0))
        elif k in opts and a:
            opts[k] = a.pop(0)
        else:
            print("chan_peer: unknown option %s" % k, file=sys.stderr)
            return 2
    role = ROLE_R if argv[1] == "listen" else ROLE_I
    rc = 0
    for _ in range(int(opts["--repeat"])):
        rc |= session(role, argv[2], opts, flags, verifier_opts)
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv))
