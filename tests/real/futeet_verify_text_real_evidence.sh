#!/bin/sh
# futeet-verify --format text on real SEV-SNP evidence (tests/data): the
# readable report states the facts tests/data/MANIFEST.md gives for each
# report (measurement, product, TCB, chip id, AMD root and its SHA-256), the
# verdict and exit status are those of the JSON result, the nonce and
# binding lines say what was and was not checked, and a report that does not
# verify has its fields marked and its key and root "unverified".
NAME=futeet_verify_text
. tests/real/futeet_verify.inc
need
T26=2026-01-01T00:00:00Z

# text CASE WANT_RC LINE... -- futeet-verify args (each LINE a fixed string
# that must appear in stdout; "!LINE" must not)
text() {
	c=$1 want=$2
	shift 2
	lines=""
	n=$((n + 1))
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do lines="$lines
$1"; shift; done
	[ "$1" = "--" ] && shift
	"$V" --format text "$@" > "$tmp/out" 2> "$tmp/err"
	rc=$?
	if [ "$rc" -ne "$want" ]; then note_fail "$c: exit $rc, want $want ($(head -c 200 "$tmp/err"))"; return; fi
	if head -c 1 "$tmp/out" | grep -q '{'; then note_fail "$c: text output looks like JSON"; return; fi
	echo "$lines" | while IFS= read -r l; do
		[ -n "$l" ] || continue
		case "$l" in
		!*) if grep -qF -- "${l#!}" "$tmp/out"; then echo "$c: has '${l#!}'"; fi ;;
		*) if ! grep -qF -- "$l" "$tmp/out"; then echo "$c: lacks '$l'"; fi ;;
		esac
	done > "$tmp/miss"
	[ -s "$tmp/miss" ] && note_fail "$(head -n 1 "$tmp/miss")"
}

# virtee Milan report with a policy naming its facts, and saying freshness is
# established elsewhere (no nonce is given): affirming
cat > "$tmp/virtee.json" <<'P'
{ "policy_id": "test:virtee-milan", "freshness_checked_elsewhere": true,
  "reference_measurements": ["7a1e5c266c0108dbc9bb94fa926951320940915d0aafb42464bd88b579ea158d3e1a0dc39b2c60bd95b9c480cd81841f"],
  "min_tcb": {"bl": 3, "tee": 0, "snp": 8, "ucode": 115} }
P
text virtee-affirming 0 \
	"FUTEET attestation result: affirming" "raw SEV-SNP attestation report" \
	"AMD SEV-SNP, Milan-B0" \
	"launch measurement  7a1e5c266c0108dbc9bb94fa926951320940915d0aafb42464bd88b579ea158d3e1a0dc39b2c60bd95b9c480cd81841f" \
	"equals a reference measurement of the policy" \
	"0x30000 (debug off), VMPL 0" "bl 3 tee 0 snp 8 ucode 115 (meets the policy minimum)" \
	"VCEK, chip id d49554ec" "(equals the certificate's hwID)" \
	"AMD ARK-Milan, SHA-256 69d063b45344d26a" \
	"report data         d447b55d197491bfe15cf298f9de9986" \
	"no expected nonce given: freshness not checked" \
	"valid at 2026-01-01T00:00:00Z" "policy              test:virtee-milan" \
	-- --policy "$tmp/virtee.json" --time $T26 --certs "$T/virtee-sev/vcek_milan.der" "$T/virtee-sev/report_milan.hex"

# go-sev-guest: debug allowed by its guest policy, nonce 0102030405 at the
# start of REPORT_DATA; the default policy forbids debug
text gsg-debug-nonce 1 "FUTEET attestation result: contraindicated" \
	"0xb0000 (debug ALLOWED)" "bl 2 tee 0 snp 5 ucode 68" "VCEK, chip id 3ac3fe21e13fb099" \
	"0102030405 (expected at the start of REPORT_DATA): equals the expected nonce" \
	"reasons             contraindicated: guest policy allows debugging" \
	"not appraised: the policy lists no reference measurement" \
	-- --nonce 0102030405 --time 2022-09-24T01:00:00Z --certs "$T/go-sev-guest/vcek.testcer" "$T/go-sev-guest/attestation.bin"
text gsg-wrong-nonce 1 "0102030406 (expected at the start of REPORT_DATA): does NOT equal the expected nonce" \
	-- --nonce 0102030406 --time 2022-09-24T01:00:00Z --certs "$T/go-sev-guest/vcek.testcer" "$T/go-sev-guest/attestation.bin"

# trustee e2e: Genoa, anchored in ARK-Genoa (MANIFEST CA table)
text e2e-genoa 3 "FUTEET attestation result: warning" "AMD SEV-SNP, Genoa" \
	"launch measurement  6a6519d757e68c2e939c9dbbbc1828498e8de35d2766dd05f1a2cca5059d0cf4ae62a36d75c837974dd50b315506e73e" \
	"bl 10 tee 0 snp 23 ucode 25" "AMD ARK-Genoa, SHA-256 4c6598d19c18719c" \
	"warning: no reference_measurements in the policy" \
	-- --time $T26 --certs "$T/derived/trustee-e2e_evidence_vcek.der" "$T/derived/trustee-e2e_evidence_snp-report.bin"

# a VCEK of another chip: nothing from the report is vouched for
text wrong-vcek 1 "FUTEET attestation result: contraindicated" "(report not verified)" \
	"reported TCB        0x4405000000000002 (raw)" "signing key         unverified" \
	"root of trust       unverified" "!AMD ARK-" "!equals a reference measurement" \
	-- --time $T26 --certs "$T/virtee-sev/vcek_milan.der" "$T/go-sev-guest/attestation.bin"

# a FUTEET CMW (python3-cbor2) around a real report: the binding cannot hold
$PY $HERE/make_cmw.py "$T/trustee/snp/test-report.bin" "$tmp/ev.cbor" sev_guest 0001020304050607 \
	certs "$T/trustee/snp/test-vcek.der" "$T/virtee-sev/builtin/milan_ask.pem" "$T/virtee-sev/builtin/milan_ark.pem"
text cmw-binding 1 "FUTEET evidence (CMW collection), provider sev_guest" \
	"REPORT_DATA is NOT SHA-512(claims set)" \
	"0001020304050607 (the claims' eat_nonce): not vouched for by the report (no binding)" \
	"AMD ARK-Milan" \
	-- --nonce 0001020304050607 --time $T26 "$tmp/ev.cbor"

# same verdict and exit status as the JSON result
"$V" --time $T26 --certs "$T/trustee/snp/test-vcek.der" "$T/trustee/snp/test-report.bin" > "$tmp/j" 2> "$tmp/je"
jrc=$?
"$V" --format text --time $T26 --certs "$T/trustee/snp/test-vcek.der" "$T/trustee/snp/test-report.bin" > "$tmp/t" 2> "$tmp/te"
trc=$?
n=$((n + 1))
[ "$jrc" = "$trc" ] && cmp -s "$tmp/je" "$tmp/te" || note_fail "json/text: exit $jrc/$trc, stderr '$(cat "$tmp/je")' vs '$(cat "$tmp/te")'"
grep -q '"ear.status": "warning"' "$tmp/j" && grep -q '^FUTEET attestation result: warning$' "$tmp/t" ||
	{ n=$((n + 1)); note_fail "json/text: the two verdicts differ"; }
finish
