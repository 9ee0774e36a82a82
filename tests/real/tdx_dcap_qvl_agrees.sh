#!/usr/bin/env bash
# futeet-verify and the npm package @phala/dcap-qvl (Phala's port of Intel's
# DCAP quote verification; independent code) reach the same TCB verdict on
# the real TDX quotes with their real collateral at the sources' times
# (tests/data/MANIFEST.md): the same status and advisory ids, or both "no
# matching TCB level". The go-tdx-guest PCS responses are also handed to
# futeet-verify as a directory (--collateral DIR) and, rewritten into
# dcap-qvl's one-file form, to dcap-qvl. The npm package is installed under
# $BUILD/npm by scripts/setup-npm (this test runs it when it is missing).
set -u -o pipefail
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
T=${FUTEET_TESTDATA:-tests/data}
V="$BUILD/bin/futeet-verify"
NAME=tdx_dcap_qvl_agrees
[ -x "$V" ] || { echo "$NAME: $V not built (make tools)"; exit 1; }
command -v node >/dev/null || { echo "$NAME: node is not installed"; exit 1; }
scripts/setup-npm "$BUILD" >/dev/null 2>&1 ||
	{ echo "$NAME: @phala/dcap-qvl not installed and scripts/setup-npm failed (npm registry?)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# go-tdx-guest's PCS responses: a --collateral directory, and dcap-qvl's form.
d="$tmp/pcs"
mkdir -p "$d"
cp "$T/go-tdx-guest/sample_tcbInfo_response" "$d/tcb_info.json"
cp "$T/go-tdx-guest/sample_qeIdentity_response" "$d/qe_identity.json"
cp "$T/derived/go-tdx-guest_tcbInfo_issuer_chain.pem" "$d/tcb_info_issuer_chain.pem"
cp "$T/derived/go-tdx-guest_qeIdentity_issuer_chain.pem" "$d/qe_identity_issuer_chain.pem"
cp "$T/go-tdx-guest/pckcrl" "$d/pck_crl.der"
cp "$T/go-tdx-guest/rootcrl.der" "$d/root_crl.der"
/usr/bin/python3 - "$d" "$tmp/go.json" <<'PY' || { echo "$NAME: cannot rewrite the PCS responses"; exit 1; }
import json, sys
d, out = sys.argv[1], sys.argv[2]
def inner(path, key):
    # the exact bytes of the signed value: {"<key>":<value>,"signature":"<hex>"}
    b = open(path).read()
    head = '{"%s":' % key
    tail = b.rindex(',"signature":"')
    assert b.startswith(head)
    return b[len(head):tail], json.loads(b)["signature"]
ti, tis = inner(d + "/tcb_info.json", "tcbInfo")
qe, qes = inner(d + "/qe_identity.json", "enclaveIdentity")
json.dump({
    "pck_crl_issuer_chain": "",
    "root_ca_crl": open(d + "/root_crl.der", "rb").read().hex(),
    "pck_crl": open(d + "/pck_crl.der", "rb").read().hex(),
    "tcb_info_issuer_chain": open(d + "/tcb_info_issuer_chain.pem").read(),
    "tcb_info": ti, "tcb_info_signature": tis,
    "qe_identity_issuer_chain": open(d + "/qe_identity_issuer_chain.pem").read(),
    "qe_identity": qe, "qe_identity_signature": qes,
}, open(out, "w"))
PY

n=0 failed=0 first=""
# case QUOTE COLLATERAL(for futeet-verify) COLLATERAL(dcap-qvl JSON) UNIX_TIME
agree() {
	local q=$1 ours=$2 theirs=$3 t=$4 iso js fv
	n=$((n + 1))
	iso=$(date -u -d "@$t" +%Y-%m-%dT%H:%M:%SZ)
	js=$(node tests/real/dcap_qvl_verify.js "$BUILD/npm" "$q" "$theirs" "$t")
	"$V" --time "$iso" --collateral "$ours" --format json "$q" >"$tmp/ear.json" 2>/dev/null
	fv=$(/usr/bin/python3 - "$tmp/ear.json" "$js" <<'PY'
import json, sys
ear = json.load(open(sys.argv[1]))
theirs = json.loads(sys.argv[2])
sub = next(iter(ear["submods"].values()))
tcb = sub["ear.veraison.annotated-evidence"].get("tcb", {})
reasons = [r["reason"] for r in sub["futeet.reasons"]]
if theirs["ok"]:
    ok = tcb.get("status") == theirs["status"] and \
        sorted(tcb.get("advisory_ids", [])) == sorted(theirs["advisory_ids"])
    mine = "%s %s" % (tcb.get("status"), tcb.get("advisory_ids"))
    want = "%s %s" % (theirs["status"], theirs["advisory_ids"])
else:
    nm = "no matching tcb level" in theirs["error"].lower()
    ok = nm and any("no matching TCB level found" in r for r in reasons)
    mine = "; ".join(reasons)
    want = theirs["error"]
print("ok" if ok else "futeet-verify: %s / dcap-qvl: %s" % (mine, want))
PY
)
	if [ "$fv" != ok ]; then
		failed=$((failed + 1))
		[ -n "$first" ] || first="$(basename "$q"): $fv"
		echo "FAIL $(basename "$q"): $fv" >&2
	fi
}

# dcap-qvl could_parse_tdx_quote: UpToDate at now_from_collateral
agree "$T/dcap-qvl/tdx_quote" "$T/dcap-qvl/tdx_quote_collateral.json" \
	"$T/dcap-qvl/tdx_quote_collateral.json" 1752919234
# dcap-qvl's "outdated" v5 fixture: no baseline oracle upstream; the two must agree
agree "$T/dcap-qvl/tdx_quote_outdated" "$T/dcap-qvl/tdx_quote_outdated_collateral.json" \
	"$T/dcap-qvl/tdx_quote_outdated_collateral.json" 1774003274
# go-tdx-guest TestNegativeRawQuoteVerifyWithCollateral at 2023-07-01T01:00:00Z
agree "$T/go-tdx-guest/tdx_prod_quote_SPR_E4.dat" "$d" "$tmp/go.json" 1688173200

if [ "$failed" -ne 0 ]; then
	echo "$NAME: $failed of $n verdicts differ; first: $first"
	exit 1
fi
exit 0
