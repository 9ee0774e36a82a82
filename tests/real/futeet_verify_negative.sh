#!/bin/sh
# futeet-verify must refuse, with the right exit code and a one-line reason:
# expired / not-yet-valid time (1), a VCEK for another chip (1), a flipped
# byte in the signed region (1, the sources' own mutations in MANIFEST.md: virtee report[21] ^= 0x80,
# trustee report[42] += 1 and [384] += 1), certificates that do not chain to
# AMD (1), bad nonces (1), TDX/unknown providers (1), garbage and truncated
# input, bad options and bad policies (2).
NAME=futeet_verify_negative
. tests/real/futeet_verify.inc
need
A=ear.veraison.annotated-evidence
T26=2026-01-01T00:00:00Z
GSG_R="$T/go-sev-guest/attestation.bin"
GSG_C="$T/go-sev-guest/vcek.testcer"
TR_R="$T/trustee/snp/test-report.bin"
TR_C="$T/trustee/snp/test-vcek.der"

# validity: go-sev-guest VCEK ends 2029-09-24, GCP VCEK starts 2025-12-05
check expired 1 "expired" ear.status=contraindicated $A/vendor_verified=false \
	ear.trustworthiness-vector/hardware=96 \
	-- --time 2030-01-01T00:00:00Z --certs "$GSG_C" "$GSG_R"
check not-yet-valid 1 "expired or not yet valid" \
	-- --time 2025-01-01T00:00:00Z --certs "$T/teekit/sampleQuotes/sev-gcp-vcek.pem" "$T/teekit/sampleQuotes/sev-gcp.bin"
# VCEK of another chip
check wrong-vcek 1 "another chip" ear.status=contraindicated \
	-- --time $T26 --certs "$T/virtee-sev/vcek_milan.der" "$GSG_R"
# VCEK-format certs that chain to no AMD root (trustee parse-only certs)
check invalid-chain-legacy 1 "SEV-SNP verification failed" \
	-- --time $T26 --certs "$T/trustee/snp/test-vcek-invalid-legacy.der" "$TR_R"
check invalid-chain-new 1 "SEV-SNP verification failed" \
	-- --time $T26 --certs "$T/trustee/snp/test-vcek-invalid-new.der" "$TR_R"

# the wrong product's ASK (Genoa ASK for a Milan VCEK), and a Milan ASK
# under the Genoa ARK, given explicitly: used, and refused
mkdir -p "$tmp/genoa-ask" "$tmp/genoa-ark"
cp "$T/virtee-sev/builtin/genoa_ask.pem" "$tmp/genoa-ask/"
check wrong-product-ask 1 "not issued by ASK/ASVK SEV-Genoa" \
	-- --roots "$tmp/genoa-ask" --time $T26 --certs "$TR_C" "$TR_R"
cp "$T/virtee-sev/builtin/milan_ask.pem" "$T/virtee-sev/builtin/genoa_ark.pem" "$tmp/genoa-ark/"
check wrong-product-ark 1 "ARK is not a trusted root" \
	-- --roots "$tmp/genoa-ark" --time $T26 --certs "$TR_C" "$TR_R"
# an ASVK (VLEK signer) offered as the ASK of a VCEK (trustee
# check_milan_chain_signature_failure)
$PY -c "
import sys
pem = open(sys.argv[1]).read().split('-----END CERTIFICATE-----')
open(sys.argv[2], 'w').write(pem[2] + '-----END CERTIFICATE-----\n' + pem[1] + '-----END CERTIFICATE-----\n')
" "$T/trustee/amd-ca/milan_ask_ark_asvk.pem" "$tmp/asvk_ark.pem"
mkdir -p "$tmp/asvk" && mv "$tmp/asvk_ark.pem" "$tmp/asvk/"
check asvk-as-ask 1 "not issued by ASK/ASVK SEV-VLEK-Milan" \
	-- --roots "$tmp/asvk" --time $T26 --certs "$TR_C" "$TR_R"

# byte mutations of the signed region
mutate() { # SRC DST OFFSET XOR
	$PY -c "import sys; b=bytearray(open(sys.argv[1],'rb').read()); b[int(sys.argv[3])]^=int(sys.argv[4]); open(sys.argv[2],'wb').write(b)" "$@"
}
mutate "$T/derived/virtee-sev_report_milan.bin" "$tmp/v21.bin" 21 128
check virtee-byte21 1 "SEV-SNP verification failed" ear.trustworthiness-vector/hardware=99 \
	-- --time $T26 --certs "$T/virtee-sev/vcek_milan.der" "$tmp/v21.bin"
mutate "$TR_R" "$tmp/t42.bin" 42 1
check trustee-byte42 1 "SEV-SNP verification failed" -- --time $T26 --certs "$TR_C" "$tmp/t42.bin"
mutate "$TR_R" "$tmp/t384.bin" 384 1
check trustee-tcb-byte384 1 "SEV-SNP verification failed" -- --time $T26 --certs "$TR_C" "$tmp/t384.bin"
mutate "$TR_R" "$tmp/t144.bin" 144 1 # first MEASUREMENT byte
check trustee-measurement-byte 1 "SEV-SNP verification failed" -- --time $T26 --certs "$TR_C" "$tmp/t144.bin"
# the signature field itself (r, at 0x2A0)
mutate "$TR_R" "$tmp/tsig.bin" 672 1
check trustee-sig-byte 1 "SEV-SNP verification failed" -- --time $T26 --certs "$TR_C" "$tmp/tsig.bin"

# policy violations on a genuine report
cat > "$tmp/meas.json" <<'P'
{ "reference_measurements": ["000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"] }
P
check measurement-not-listed 1 "not in the policy's reference_measurements" ear.trustworthiness-vector/executables=96 \
	-- --policy "$tmp/meas.json" --time $T26 --certs "$TR_C" "$TR_R"
echo '{ "min_tcb": { "ucode": 116 } }' > "$tmp/tcb.json"
check tcb-below-minimum 1 "below the policy minimum: ucode" $A/tcb/status=below-minimum \
	-- --policy "$tmp/tcb.json" --time $T26 --certs "$TR_C" "$TR_R"
echo '{ "allowed_host_data": ["0100000000000000000000000000000000000000000000000000000000000000"] }' > "$tmp/hd.json"
check host-data-not-allowed 1 "HOST_DATA" -- --policy "$tmp/hd.json" --time $T26 --certs "$TR_C" "$TR_R"
echo '{ "allowed_products": ["Genoa", "Turin"] }' > "$tmp/prod.json"
check product-not-allowed 1 "product not in allowed_products: Milan" -- --policy "$tmp/prod.json" --time $T26 --certs "$TR_C" "$TR_R"
echo '{ "allowed_signing_keys": ["vlek"] }' > "$tmp/vlek.json"
check vcek-not-allowed 1 "allows only VLEK" -- --policy "$tmp/vlek.json" --time $T26 --certs "$TR_C" "$TR_R"
echo '{ "required_capabilities": ["runtime-measurement-registers"] }' > "$tmp/cap.json"
check capability-missing 1 "required capability not derived from the evidence: runtime-measurement-registers" \
	-- --policy "$tmp/cap.json" --time $T26 --certs "$TR_C" "$TR_R"

# nonces: raw report REPORT_DATA prefix; unified evidence eat_nonce
check raw-nonce-mismatch 1 "expected nonce" $A/nonce_check=mismatch \
	-- --nonce 0102030406 --time 2022-09-24T01:00:00Z --certs "$GSG_C" "$GSG_R"
$PY $HERE/make_cmw.py "$TR_R" "$tmp/ev.txt" sev_guest 0001020304050607 armor
check cmw-armored-no-certs 1 "no VCEK/VLEK" $A/provider=sev_guest -- --time $T26 "$tmp/ev.txt"
$PY $HERE/make_cmw.py "$TR_R" "$tmp/tdx.cbor" tdx_guest 0001020304050607
check cmw-tdx-with-snp-outblob 1 "not a TDX quote" -- --time $T26 "$tmp/tdx.cbor"
$PY $HERE/make_cmw.py "$TR_R" "$tmp/odd.cbor" foo_guest 0001020304050607
check cmw-unknown-provider 1 "unknown evidence provider foo_guest" -- --time $T26 "$tmp/odd.cbor"
$PY $HERE/make_cmw.py "$TR_R" "$tmp/short.cbor" sev_guest 00010203040506
check cmw-nonce-too-short 2 "claims set is malformed" -- --time $T26 "$tmp/short.cbor"

# a raw report names no certificate: --certs is required (usage error)
check raw-report-without-certs 2 "needs its VCEK/VLEK" -- --time $T26 "$TR_R"

# not evidence at all, or cut short
printf 'garbage' > "$tmp/garbage"
check garbage 2 "neither FUTEET evidence" -- "$tmp/garbage"
: > "$tmp/empty"
check empty 2 "" -- "$tmp/empty"
head -c 1183 "$TR_R" > "$tmp/trunc.bin"
check truncated-report 2 "neither FUTEET evidence" -- --certs "$TR_C" "$tmp/trunc.bin"
$PY -c "import sys; b=bytearray(open(sys.argv[1],'rb').read()); b[0]=9; open(sys.argv[2],'wb').write(b)" "$TR_R" "$tmp/v9.bin"
check unknown-report-version 2 "not a SEV-SNP report" -- --certs "$TR_C" "$tmp/v9.bin"
head -c 200 "$tmp/tdx.cbor" > "$tmp/trunc.cbor"
check truncated-cmw 2 "" -- "$tmp/trunc.cbor"

# usage and policy errors
check no-file 2 "exactly one evidence FILE" --
check missing-file 2 "cannot read evidence file" -- /nonexistent/evidence
check bad-time 2 "RFC 3339" -- --time yesterday "$TR_R"
check bad-nonce 2 "--nonce" -- --nonce xyz "$TR_R"
check bad-format 2 "--format" -- --format xml "$TR_R"
echo '{ "reference_measurement": [] }' > "$tmp/typo.json"
check policy-unknown-key 2 "unknown key reference_measurement" -- --policy "$tmp/typo.json" "$TR_R"
echo '{ "reference_measurements": ["abcd"] }' > "$tmp/short.json"
check policy-bad-hex 2 "bad hex value" -- --policy "$tmp/short.json" "$TR_R"
echo '{ "debug_forbidden": true ' > "$tmp/trunc.json"
check policy-truncated 2 "policy" -- --policy "$tmp/trunc.json" "$TR_R"
check bad-certs 2 "--certs" -- --certs "$tmp/garbage" "$TR_R"
finish
