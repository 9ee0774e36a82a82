#!/usr/bin/env bash
# Intel collateral reaches a guest program, and the in-guest verifier
# (libfuteet futeet_verify, ring 3) gives a real TDX quote the same TCB
# verdict as futeet-verify on the host, on the same quote, collateral and
# time. The host relays the quote (scripts/run --stdin, as a peer's evidence
# would come) and the collateral (scripts/run --collateral: fw_cfg, the
# futeet_collateral_in syscall); the guest verifies at futeet_time's wall
# clock, the host-emulated RTC, which QEMU's -rtc base sets into the
# collateral's validity window, and says the host chose that time.
#  1. dcap-qvl's quote with dcap-qvl's one-file collateral inside its window
#     (issue dates 2025-06-19, PCK CRL nextUpdate 2025-07-19T10:00:35Z):
#     UpToDate in the guest, and futeet-verify --time <the guest's time>
#     says UpToDate too (tests/data/MANIFEST.md: UpToDate at 10:00:34Z).
#  2. go-tdx-guest's quote with its PCS responses as a directory (packed
#     into a cpio archive for the guest) at 2023-07-01T01:00:00Z: "no
#     matching TCB level" in both, as go-tdx-guest's test expects.
#  3. Collateral larger than FUTEET_VERIFY_COLLATERAL_MAX (256 KiB): the
#     kernel refuses it (-EMSGSIZE) before copying a byte; the program says so.
. "$(dirname "$0")/lib.sh"
T=${FUTEET_TESTDATA:-tests/data}
V="$FUTEET_BUILD/bin/futeet-verify"
[ -x "$V" ] || fail "$V not built (make tools)"

# host_reason QUOTE COLL UNIX_TIME: futeet-verify's TCB status, or its
# collateral reason.
host_verdict() {
	"$V" --time "$(date -u -d "@$3" +%Y-%m-%dT%H:%M:%SZ)" --collateral "$2" --format json "$1" \
		> "$tq_tmp/host.json" 2>/dev/null
	/usr/bin/python3 - "$tq_tmp/host.json" <<'PY'
import json, sys
ear = json.load(open(sys.argv[1]))
sub = next(iter(ear["submods"].values()))
tcb = sub["ear.veraison.annotated-evidence"].get("tcb", {})
coll = [r["reason"] for r in sub["futeet.reasons"] if r["reason"].startswith("TDX collateral")]
print(tcb.get("status"), sorted(tcb.get("advisory_ids", [])), coll[0] if coll else "")
PY
}
# guest_verdict: the same three things from the EAR the guest printed.
guest_verdict() {
	/usr/bin/python3 - "$out" <<'PY'
import json, sys
text = open(sys.argv[1]).read()
start = text.index('{\n  "eat_profile"') if '{\n  "eat_profile"' in text else text.index('{"eat_profile"')
ear, _ = json.JSONDecoder().raw_decode(text[start:])
sub = next(iter(ear["submods"].values()))
tcb = sub["ear.veraison.annotated-evidence"].get("tcb", {})
coll = [r["reason"] for r in sub["futeet.reasons"] if r["reason"].startswith("TDX collateral")]
print(tcb.get("status"), sorted(tcb.get("advisory_ids", [])), coll[0] if coll else "")
PY
}
guest_time() { sed -n 's/^verifyself: tcb .* at \([0-9][0-9]*\)$/\1/p' "$out" | head -n1; }

# 1. dcap-qvl, JSON file, RTC an hour before the CRL's nextUpdate.
boot --init verifyself --stdin "$T/dcap-qvl/tdx_quote" \
	--collateral "$T/dcap-qvl/tdx_quote_collateral.json" \
	--qemu-opt -rtc --qemu-opt base=2025-07-19T09:00:00 \
	-- --evidence-stdin --collateral --host-time
expect_line '^verifyself: [0-9]+ bytes of Intel collateral from the host' "collateral handed over"
expect_line '^verifyself: tcb UpToDate at [0-9]+$' "UpToDate in the guest"
expect_line "verified at the host's clock" "the result says the host chose the time"
t=$(guest_time)
[ -n "$t" ] || fail "the guest printed no verification time"
[ "$t" -ge 1752915600 ] && [ "$t" -lt 1752919235 ] ||
	fail "the guest verified at $t, not at the RTC time QEMU was given (2025-07-19T09:00:00Z + boot)"
g=$(guest_verdict) || fail "no EAR JSON in the guest's output"
h=$(host_verdict "$T/dcap-qvl/tdx_quote" "$T/dcap-qvl/tdx_quote_collateral.json" "$t") ||
	fail "futeet-verify's EAR could not be read"
[ "$g" = "$h" ] || fail "guest: $g / host futeet-verify: $h"
case "$g" in "UpToDate [] ") ;; *) fail "dcap-qvl at $t: $g, MANIFEST.md says UpToDate, no advisories" ;; esac
echo "dcap-qvl at $t: guest and host: $g"

# 2. go-tdx-guest, PCS directory (a cpio archive for the guest).
d="$tq_tmp/pcs"
mkdir -p "$d"
cp "$T/go-tdx-guest/sample_tcbInfo_response" "$d/tcb_info.json"
cp "$T/go-tdx-guest/sample_qeIdentity_response" "$d/qe_identity.json"
cp "$T/derived/go-tdx-guest_tcbInfo_issuer_chain.pem" "$d/tcb_info_issuer_chain.pem"
cp "$T/derived/go-tdx-guest_qeIdentity_issuer_chain.pem" "$d/qe_identity_issuer_chain.pem"
cp "$T/go-tdx-guest/pckcrl" "$d/pck_crl.der"
cp "$T/go-tdx-guest/rootcrl.der" "$d/root_crl.der"
boot --init verifyself --stdin "$T/go-tdx-guest/tdx_prod_quote_SPR_E4.dat" --collateral "$d" \
	--qemu-opt -rtc --qemu-opt base=2023-07-01T01:00:00 \
	-- --evidence-stdin --collateral --host-time
expect_line 'no matching TCB level found' "go-tdx-guest's 2023 set matches no TCB level in the guest"
t=$(sed -n 's/.*"validity_time": \([0-9][0-9]*\).*/\1/p' "$out" | head -n1)
[ -n "$t" ] || fail "the guest's EAR has no validity_time"
g=$(guest_verdict) || fail "no EAR JSON in the guest's output"
h=$(host_verdict "$T/go-tdx-guest/tdx_prod_quote_SPR_E4.dat" "$d" "$t") ||
	fail "futeet-verify's EAR could not be read"
[ "$g" = "$h" ] || fail "guest: $g / host futeet-verify --collateral DIR: $h"
case "$g" in *"no matching TCB level found"*) ;; *) fail "go-tdx-guest at $t: $g, expected no matching TCB level" ;; esac
echo "go-tdx-guest at $t: guest and host: $g"
# 3. Oversized collateral.
head -c 300000 /dev/zero > "$tq_tmp/big.json"
boot --init verifyself --collateral "$tq_tmp/big.json" -- --collateral
expect_status 1 "verifyself fails without usable collateral"
expect_line '^verifyself: no collateral from the host: Message too long' "256 KiB bound enforced by the kernel"
pass "guest and host CLI agree: UpToDate (dcap-qvl, JSON), no matching TCB level (go-tdx-guest, PCS archive)"
