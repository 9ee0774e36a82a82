"""The FUTEET claims set's kernel parts, checked with no FUTEET code
(python3-cbor2 and hashlib only), for snp_check_evidence.py and
tdx_check_evidence.py (docs/FORMATS.md sections 1 and 5):
  * the claims set is deterministic: cbor2's canonical encoding of what it
    decoded gives the same bytes (RFC 8949 4.2.1 and cbor2's canonical order
    agree on these keys: unsigned, then negative, shorter heads first);
  * -75002, the capability descriptor: version 1, the TEE name the provider
    implies, every value [value, provenance 1..3]; on a sim, keys host-known
    and the "sim: not confidential" note;
  * -75004/-75005: the kernel's TCG2 log (TCG PFP 1.05 crypto-agile,
    SHA-384, MR index = register + 1) replays from zero to the registers
    2 and 3 listed in the same claims set."""
import hashlib
import struct

import cbor2

KEY_CAPS, KEY_CLAIMS, KEY_RTM_LOG, KEY_RTM, KEY_USER = -75002, -75003, -75004, -75005, -75006
TEE_OF_PROVIDER = {"sim_sev_guest": "sim-snp", "sev_guest": "sev-snp",
                   "sim_tdx_guest": "sim-tdx", "tdx_guest": "tdx"}


def log_events(log, die):
    """(mr index, type, SHA-384 digest, data) of each TCG_PCR_EVENT2."""
    if len(log) < 32 or log[32:48] != b"Spec ID Event03\0":
        die("the claims' event log does not start with a Spec ID event")
    off = 32 + struct.unpack_from("<I", log, 28)[0]
    out = []
    while off < len(log):
        mr, etype, count = struct.unpack_from("<III", log, off)
        off += 12
        digest = None
        for _ in range(count):
            if struct.unpack_from("<H", log, off)[0] != 0x000C:
                die("the claims' event log has a non-SHA-384 digest")
            digest = log[off + 2:off + 50]
            off += 50
        size = struct.unpack_from("<I", log, off)[0]
        out.append((mr, etype, digest, log[off + 4:off + 4 + size]))
        off += 4 + size
    if off != len(log):
        die("the claims' event log has stray bytes at its end")
    return out


def check_claims(claims, claims_bytes, provider, die, rtmr3_text=None):
    """Checks the kernel parts; returns {register index: value}. With
    rtmr3_text: register 3 = SHA-384(0^48 || SHA-384(text)), logged with it."""
    if cbor2.dumps(claims, canonical=True) != claims_bytes:
        die("the claims set is not in canonical (deterministic) CBOR")
    c = claims.value
    caps = c.get(KEY_CAPS)
    if not isinstance(caps, dict) or caps.get(0) != 1:
        die("no capability descriptor version 1 under -75002")
    for k, v in caps.items():
        if k in (0, 24):
            continue
        if not (isinstance(v, list) and len(v) == 2 and v[1] in (1, 2, 3)):
            die("capability %d is not [value, provenance 1..3]: %r" % (k, v))
    tee = TEE_OF_PROVIDER.get(provider)
    if caps.get(1, [None])[0] != tee:
        die("the descriptor names TEE %r, provider %s implies %r" % (caps.get(1), provider, tee))
    if provider.startswith("sim_"):
        if caps.get(22) != [True, 2] or not str(caps.get(24, "")).startswith("sim: not confidential"):
            die("a sim descriptor must say keys are host-known and 'sim: not confidential'")
        if caps.get(5, [None])[0] != "none":
            die("a sim descriptor must not claim confidentiality")
    want_rtm = "kernel-software-register" if "sev" in provider else "hardware-register"
    if caps.get(12, [None])[0] != want_rtm:
        die("runtime measurement is %r, not %r" % (caps.get(12), want_rtm))
    print("ok capability descriptor: %s, runtime measurement %s, canonical CBOR" % (tee, want_rtm))
    regs = c.get(KEY_RTM)
    log = c.get(KEY_RTM_LOG)
    if not isinstance(regs, list) or not isinstance(log, bytes):
        die("no runtime registers (-75005) or event log (-75004)")
    listed = {}
    for r in regs:
        if not (isinstance(r, list) and len(r) == 2 and isinstance(r[1], bytes) and len(r[1]) == 48):
            die("a runtime register entry is not [index, 48 bytes]: %r" % (r,))
        listed[r[0]] = r[1]
    if sorted(listed) != [2, 3]:
        die("the registers listed are %r, not 2 and 3" % sorted(listed))
    replay = {2: bytes(48), 3: bytes(48)}
    evs = log_events(log, die)
    for mr, _etype, digest, _data in evs:
        if mr - 1 not in replay or digest is None:
            die("the claims' log extends MR index %d" % mr)
        replay[mr - 1] = hashlib.sha384(replay[mr - 1] + digest).digest()
    for i in (2, 3):
        if replay[i] != listed[i]:
            die("the claims' log replays register %d to %s, the claims say %s" %
                (i, replay[i].hex(), listed[i].hex()))
    if replay[2] == bytes(48):
        die("register 2 holds no kernel measurement")
    print("ok the claims' event log (%d events) replays to registers 2 and 3" % len(evs))
    if rtmr3_text is not None:
        t = rtmr3_text.encode()
        u = [e for e in evs if e[0] == 4]
        if len(u) != 1 or u[0][2] != hashlib.sha384(t).digest() or u[0][3] != t:
            die("the claims' log does not hold one register-3 event SHA-384(%r) with its text" % rtmr3_text)
        if listed[3] != hashlib.sha384(bytes(48) + hashlib.sha384(t).digest()).digest():
            die("register 3 is not SHA-384(0^48 || SHA-384(text))")
        print("ok register 3 = extend(0, SHA-384(text)), logged")
    return listed
