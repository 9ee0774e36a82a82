#!/bin/sh
# Each file under tests/data/derived/ whose upstream file is in tests/data is
# what tests/data/MANIFEST.md says it was made from: redo the hex decoding,
# the slicing and the base64 decoding, and check the rebuilt trustee e2e
# report field by field against its JSON, and its ECDSA P-384 signature with
# the e2e VCEK (python3-cryptography, independent of FUTEET's code).
cd "$(dirname "$0")/../.." || exit 1
exec /usr/bin/python3 - "${FUTEET_TESTDATA:-tests/data}" <<'PY'
import base64, json, sys
T = sys.argv[1]
fails = []

def rd(p):
    with open(f"{T}/{p}", "rb") as f:
        return f.read()

def want(name, ok):
    if not ok:
        fails.append(name)

def b64(s):  # base64 or base64url, padding optional
    s = s.replace("-", "+").replace("_", "/")
    return base64.b64decode(s + "=" * (-len(s) % 4))

# virtee/sev: the hex text, whitespace dropped
hx = rd("virtee-sev/report_milan.hex").decode()
want("virtee report_milan.bin is report_milan.hex decoded",
     bytes.fromhex("".join(hx.split())) == rd("derived/virtee-sev_report_milan.bin"))

# trustee Azure: the SNP report at offset 32 of the 2600-byte HCL report
want("az hcl-report[32:1216]",
     rd("trustee/az-snp-vtpm/hcl-report.bin")[32:1216] == rd("derived/az-snp-vtpm_hcl-report_snp-report.bin"))
want("az tdx hcl-report[32:1056]",
     rd("trustee/az-tdx-vtpm/hcl-report.bin")[32:1056] == rd("derived/az-tdx-vtpm_hcl-report_tdreport.bin"))
for v in ("v1", "v2"):
    j = json.loads(rd(f"trustee/az-snp-vtpm/evidence-{v}.json"))
    want(f"az evidence-{v} hcl_report[32:1216]",
         b64(j["hcl_report"])[32:1216] == rd(f"derived/az-snp-vtpm_evidence-{v}_snp-report.bin"))
    want(f"az evidence-{v} vcek", b64(j["vcek"]) == rd(f"derived/az-snp-vtpm_evidence-{v}_vcek.der"))

# dcap-qvl: the issuer chain string of the collateral
c = json.loads(rd("dcap-qvl/tdx_quote_collateral.json"))
want("dcap-qvl tcb_info_issuer_chain",
     c["tcb_info_issuer_chain"].encode() == rd("derived/dcap-qvl_tcb_info_issuer_chain_2025.pem"))

# trustee e2e: VCEK bytes, then the report's fields at their SNP ABI 56860
# (rev 1.57, table 23) offsets, then the signature over bytes 0x000..0x29F
e = json.loads(rd("trustee/e2e/evidence.json"))
vcek = bytes(e["cert_chain"][0]["data"])
want("e2e vcek is cert_chain[0].data", vcek == rd("derived/trustee-e2e_evidence_vcek.der"))
r = rd("derived/trustee-e2e_evidence_snp-report.bin")
a = e["attestation_report"]
le = lambda off, n: int.from_bytes(r[off:off + n], "little")
want("e2e size", len(r) == 0x4A0)
want("e2e version", le(0x00, 4) == a["version"])
want("e2e guest_svn", le(0x04, 4) == a["guest_svn"])
want("e2e policy", le(0x08, 8) == a["policy"])
want("e2e vmpl", le(0x30, 4) == a["vmpl"])
want("e2e platform_info", le(0x40, 8) == a["plat_info"])
for name, off in (("family_id", 0x10), ("image_id", 0x20), ("report_data", 0x50),
                  ("measurement", 0x90), ("host_data", 0xC0), ("id_key_digest", 0xE0),
                  ("author_key_digest", 0x110), ("report_id", 0x140), ("report_id_ma", 0x160),
                  ("chip_id", 0x1A0)):
    v = bytes(a[name])
    want(f"e2e {name}", r[off:off + len(v)] == v)
want("e2e cpuid", (r[0x188], r[0x189], r[0x18A]) == (a["cpuid_fam_id"], a["cpuid_mod_id"], a["cpuid_step"]))
sr, ss = bytes(a["signature"]["r"]), bytes(a["signature"]["s"])
want("e2e signature r, s", r[0x2A0:0x2A0 + len(sr)] == sr and r[0x2E8:0x2E8 + len(ss)] == ss)
try:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
    key = x509.load_der_x509_certificate(vcek).public_key()
    sig = encode_dss_signature(int.from_bytes(r[0x2A0:0x2E8], "little"), int.from_bytes(r[0x2E8:0x330], "little"))
    key.verify(sig, r[:0x2A0], ec.ECDSA(hashes.SHA384()))
except Exception as ex:  # InvalidSignature, or no python3-cryptography
    fails.append(f"e2e signature does not verify with the e2e VCEK ({type(ex).__name__})")

if fails:
    print(f"testdata_derived: {len(fails)} derived files do not match their sources; first: {fails[0]}")
    sys.exit(1)
PY
