#!/bin/sh
# futeet-verify on every real SEV-SNP report in tests/data with its
# VCEK (and chain) at a time inside the certificates' validity, as
# tests/data/MANIFEST.md lists them; the EAR must carry the facts it
# gives (measurement, report data, TCB, chip id, policy, firmware version).
# Without reference values a real report is "warning" (exit 3); with a
# policy that lists them it is "affirming" (exit 0).
NAME=futeet_verify_real
. tests/real/futeet_verify.inc
need
A=ear.veraison.annotated-evidence
S=$A/snp
T26=2026-01-01T00:00:00Z
RD=d447b55d197491bfe15cf298f9de9986b7a7c4be2468b4f6e2d53b71d7c645810b0f2cdfca0040433be063fc1a8293f0f3f8dae7b79fecb3d1cd82bd6a93ebfd  # virtee report_milan's REPORT_DATA

# go-sev-guest attestation.bin (Milan v2) at TestVerifyVcekCert's time.
# POLICY 0xb0000 has DEBUG (bit 19): the default policy forbids it.
check gsg-default 1 "debug" ear.status=contraindicated \
	$A/launch_measurement=b07af9620f3b839b47996422ddec6058338951d984e312115131ea82705eaf5b6bdf8a9ece31a5a608eb0cf2e4872b01 \
	$A/platform_id=3ac3fe21e13fb0990eb28a802e3fb6a29483a6b0753590c951bdd3b8e53786184ca39e359669a2b76a1936776b564ea464cdce40c05f63c9b610c5068b006b5d \
	$A/instance_id=8edc638e1857c555d21f6b11bda3c8b1b5a09dba4852b4c8ee7aa2f16f22cc0a \
	$A/report_data=01020304050000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000 \
	$A/tcb/reported/raw=0200000000000544 $A/tcb/reported/bl=2 $A/tcb/reported/snp=5 $A/tcb/reported/ucode=68 \
	$A/tcb/launch/raw=0200000000000544 $A/debug=true $S/policy=720896 $S/vmpl=0 $S/platform_info=1 \
	$S/report_id_ma=ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff \
	$S/current_version/major=1 $S/current_version/minor=49 $S/current_version/build=3 \
	$A/certificate_validity=checked $A/vendor_verified=true \
	-- --time 2022-09-24T01:00:00Z --certs "$T/go-sev-guest/vcek.testcer" "$T/go-sev-guest/attestation.bin"

cat > "$tmp/gsg.json" <<'P'
{ "policy_id": "test:gsg", "debug_forbidden": false,
  "reference_measurements": ["b07af9620f3b839b47996422ddec6058338951d984e312115131ea82705eaf5b6bdf8a9ece31a5a608eb0cf2e4872b01"],
  "min_tcb": {"bl": 2, "tee": 0, "snp": 5, "ucode": 68}, "allowed_products": ["Milan"] }
P
# debug allowed by policy: still only a warning (memory not confidential)
check gsg-debug-allowed 3 "debugging" ear.status=warning $A/tcb/status=meets-minimum \
	ear.appraisal-policy-id=test:gsg $A/policy_rules/reference_measurements=passed \
	ear.trustworthiness-vector/executables=2 ear.trustworthiness-vector/configuration=32 \
	-- --policy "$tmp/gsg.json" --time 2022-09-24T01:00:00Z --certs "$T/go-sev-guest/vcek.testcer" "$T/go-sev-guest/attestation.bin"
# raw report nonce = REPORT_DATA prefix, rest zero (01 02 03 04 05 00...)
check gsg-nonce 3 "" $A/nonce_check=ok /eat_nonce=AQIDBAU \
	-- --nonce 0102030405 --policy "$tmp/gsg.json" --time 2022-09-24T01:00:00Z --certs "$T/go-sev-guest/vcek.testcer" "$T/go-sev-guest/attestation.bin"
# the KDS chain bundle (ASK, ARK) through --roots
mkdir -p "$tmp/roots" && cp "$T/go-sev-guest/ask_ark_milan.pem" "$tmp/roots/"
check gsg-roots-dir 3 "" $A/vendor_verified=true \
	-- --roots "$tmp/roots" --policy "$tmp/gsg.json" --time 2022-09-24T01:00:00Z --certs "$T/go-sev-guest/vcek.testcer" "$T/go-sev-guest/attestation.bin"

# virtee report_milan (hex text), policy 0x30000 (no debug): affirming when
# its REPORT_DATA is the expected nonce
cat > "$tmp/virtee.json" <<'P'
{ "reference_measurements": ["7a1e5c266c0108dbc9bb94fa926951320940915d0aafb42464bd88b579ea158d3e1a0dc39b2c60bd95b9c480cd81841f"],
  "allowed_host_data": ["0000000000000000000000000000000000000000000000000000000000000000"],
  "min_tcb": {"bl": 3, "tee": 0, "snp": 8, "ucode": 115},
  "required_capabilities": ["sev-snp", "hardware-root", "confidential-memory", "chip-id-bound"],
  "allowed_signing_keys": ["vcek"], "verification_time": "2026-01-01T00:00:00Z" }
P
check virtee-affirming 0 "affirming" ear.status=affirming \
	$A/launch_measurement=7a1e5c266c0108dbc9bb94fa926951320940915d0aafb42464bd88b579ea158d3e1a0dc39b2c60bd95b9c480cd81841f \
	$A/report_data=d447b55d197491bfe15cf298f9de9986b7a7c4be2468b4f6e2d53b71d7c645810b0f2cdfca0040433be063fc1a8293f0f3f8dae7b79fecb3d1cd82bd6a93ebfd \
	$S/policy=196608 $A/tcb/reported/raw=0300000000000873 $A/debug=false \
	$S/current_version/minor=52 $S/current_version/build=4 \
	$A/capabilities/confidential-memory/value=true $A/capabilities/confidential-memory/provenance=hardware-attested \
	$A/capabilities/sev-snp/provenance=verifier-derived \
	ear.trustworthiness-vector/hardware=2 ear.trustworthiness-vector/executables=2 \
	$A/nonce_check=ok \
	-- --nonce $RD --policy "$tmp/virtee.json" --time $T26 --certs "$T/virtee-sev/vcek_milan.der" "$T/virtee-sev/report_milan.hex"
# no freshness, still affirming (finding): without a nonce the same report is
# at most a warning, unless the policy says freshness is established elsewhere
check virtee-no-nonce-is-warning 3 "freshness not checked" ear.status=warning $A/nonce_check=not-checked \
	-- --policy "$tmp/virtee.json" --time $T26 --certs "$T/virtee-sev/vcek_milan.der" "$T/virtee-sev/report_milan.hex"
sed 's/^{ /{ "freshness_checked_elsewhere": true, /' "$tmp/virtee.json" > "$tmp/virtee-fresh.json"
check virtee-freshness-elsewhere 0 "affirming" ear.status=affirming $A/nonce_check=not-checked \
	-- --policy "$tmp/virtee-fresh.json" --time $T26 --certs "$T/virtee-sev/vcek_milan.der" "$T/virtee-sev/report_milan.hex"
# the same as CBOR: same content under EAR's integer keys (decoded by cbor2)
"$V" --format cbor --nonce $RD --policy "$tmp/virtee.json" --time $T26 --certs "$T/virtee-sev/vcek_milan.der" \
	"$T/virtee-sev/report_milan.hex" > "$tmp/ear.cbor" 2>/dev/null
n=$((n + 1))
if ! msg=$($PY - "$tmp/ear.cbor" <<'P'
import sys, cbor2
d = cbor2.loads(open(sys.argv[1], "rb").read())
s = d[266]["cpu0"]
assert d[265] == "tag:github.com,2023:veraison/ear", d[265]
assert s[1000] == 2, s[1000]
assert s[1001][4] == 2 and s[1001][2] == 2, s[1001]
m = s[-70000]["launch_measurement"]
assert m == bytes.fromhex("7a1e5c266c0108dbc9bb94fa926951320940915d0aafb42464bd88b579ea158d3e1a0dc39b2c60bd95b9c480cd81841f"), m
P
); then note_fail "virtee-cbor: $msg"; fi

# trustee test-report: current != reported TCB
check trustee 3 "reference_measurements" ear.status=warning \
	$A/launch_measurement=a1f3930413247bb38cfc171579ea3c12d5fe4901f0c792f63fd75d98f1ef827c23500644e0e692e6be917f9050d3d38c \
	$A/report_data=ec6c52d7533cc2c4f45be7849cf112ab82b2009fe7bd43e71ed08c14400ad7e20000000000000000000000000000000000000000000000000000000000000000 \
	$A/platform_id=c38427a30d4c7af9d96f7a15b97269825a64cb76a2352ffd5d18115d89ad473f8e8c0bcd9a5d9286612bad4aadfb4426205a3b9e4fea82301135a170e477524e \
	$A/tcb/current/raw=03000000000008ce $A/tcb/reported/raw=0300000000000873 $A/tcb/committed/raw=0300000000000873 \
	$S/guest_svn=4 $S/policy=196639 \
	$S/id_key_digest=0356215882a825279a85b300b0b742931d113bf7e32dde2e50ffde7ec743ca491ecdd7f336dc28a6e0b2bb57af7a44a3 \
	-- --time $T26 --certs "$T/trustee/snp/test-vcek.der" "$T/trustee/snp/test-report.bin"

# trustee e2e (Genoa, v3)
check e2e-genoa 3 "" $A/tcb/product=Genoa $A/tcb/reported/raw=0a00000000001719 $A/tcb/reported/bl=10 \
	$A/tcb/reported/snp=23 $A/tcb/reported/ucode=25 $S/platform_info=37 $S/policy=196608 \
	$A/launch_measurement=6a6519d757e68c2e939c9dbbbc1828498e8de35d2766dd05f1a2cca5059d0cf4ae62a36d75c837974dd50b315506e73e \
	$S/current_version/minor=55 $S/current_version/build=40 \
	-- --time $T26 --certs "$T/derived/trustee-e2e_evidence_vcek.der" "$T/derived/trustee-e2e_evidence_snp-report.bin"

# Azure HCL reports (VCEK file holds VCEK, ASK, ARK)
check az-hcl 3 "" $S/version=2 $S/guest_svn=5 $S/policy=196639 $S/vmpl=0 \
	-- --time $T26 --certs "$T/trustee/az-snp-vtpm/vcek.pem" "$T/derived/az-snp-vtpm_hcl-report_snp-report.bin"
check az-v1 3 "" $S/version=3 $S/guest_svn=10 $S/cpuid_fam_id=25 $S/cpuid_mod_id=1 $S/cpuid_step=1 \
	$A/launch_measurement=6a063be9dd79f6371c842e480f8dc3b5c725961344e57130e88c5adf49e8f7f6c79b75a5eb77fc769959f4aeb2f9401e \
	-- --time $T26 --certs "$T/derived/az-snp-vtpm_evidence-v1_vcek.der" "$T/derived/az-snp-vtpm_evidence-v1_snp-report.bin"
check az-v2 3 "" $S/version=3 $S/guest_svn=12 \
	$A/launch_measurement=5b0ce64ad1c1f6375dbda5f760b98526ca1bcf91b8195091afc28e7b024251d68fe32e05af34048d6607678cd23283ff \
	-- --time 2026-06-01T00:00:00Z --certs "$T/derived/az-snp-vtpm_evidence-v2_vcek.der" "$T/derived/az-snp-vtpm_evidence-v2_snp-report.bin"

# GCP report v5, chain file through --roots
mkdir -p "$tmp/gcp" && cp "$T/teekit/sampleQuotes/sev-gcp-cert-chain.pem" "$tmp/gcp/"
check gcp-v5 3 "" $S/version=5 $S/vmpl=0 $S/policy=196608 $S/platform_info=37 \
	$A/tcb/reported/raw=0400000000001bde $S/current_version/minor=55 $S/current_version/build=35 \
	$A/platform_id=980cf7b61876cb37fd517cd44ce11c72d43c5408e66ab39138370ec59bc195e063254cb501d87d82f0b8b8dc774bcfe28019447711598f007390e4accc405361 \
	$A/report_data=00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000 \
	-- --time 2026-01-01T00:00:00Z --roots "$tmp/gcp" --certs "$T/teekit/sampleQuotes/sev-gcp-vcek.pem" "$T/teekit/sampleQuotes/sev-gcp.bin"

# Unified evidence built by Python's cbor2 around a real report, with a
# certificate table as auxblob: the vendor part verifies from the table, the
# claims are read, but a real report cannot bind our claims set.
$PY $HERE/make_cmw.py "$T/trustee/snp/test-report.bin" "$tmp/ev.cbor" sev_guest 0001020304050607 \
	certs "$T/trustee/snp/test-vcek.der" "$T/virtee-sev/builtin/milan_ask.pem" "$T/virtee-sev/builtin/milan_ark.pem"
check cmw-certtable-binding 1 "REPORT_DATA is not SHA-512" $A/vendor_verified=true $A/provider=sev_guest \
	$A/evidence_format=futeet-cmw $A/eat_nonce=0001020304050607 $A/report_data_binding=mismatch \
	ear.trustworthiness-vector/sourced-data=96 \
	-- --time $T26 "$tmp/ev.cbor"
# the same in the attest app's text form, with a forwarded log line inside
# the armour (scripts/run interleaves "sim: ..." lines with the console)
$PY $HERE/make_cmw.py "$T/trustee/snp/test-report.bin" "$tmp/ev.txt" sev_guest 0001020304050607 armor \
	certs "$T/trustee/snp/test-vcek.der" "$T/virtee-sev/builtin/milan_ask.pem" "$T/virtee-sev/builtin/milan_ark.pem"
sed '3a sim: futeet-sim: request 1 op 1: ok' "$tmp/ev.txt" > "$tmp/ev-noise.txt"
check cmw-armored-with-log-line 1 "REPORT_DATA is not SHA-512" $A/vendor_verified=true $A/eat_nonce=0001020304050607 \
	-- --time $T26 "$tmp/ev-noise.txt"
# bare base64 of the CMW (no armour) is accepted too
base64 "$tmp/ev.cbor" > "$tmp/ev.b64"
check cmw-bare-base64 1 "REPORT_DATA is not SHA-512" $A/evidence_format=futeet-cmw $A/vendor_verified=true \
	-- --time $T26 "$tmp/ev.b64"

# Sim-snp evidence (tests/data/sim, made by tests/data/sim/make.sh): the sim
# root is named only with --allow-sim; sealing is no capability on the sim.
SN=000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
check sim-allowed 3 "sim: not confidential" ear.status=warning $A/vendor_verified=true \
	$A/root_of_trust=futeet-sim-test-root $A/signing_key=vcek $A/nonce_check=ok \
	$A/report_data_binding=sha512-claims-ok $A/capabilities/sealing/value=false \
	$A/capabilities/sim/value=true $S/vmpl=0 \
	-- --allow-sim --nonce $SN --time $T26 "$T/sim/attest-vmpl0.cmw"
check sim-refused 1 "sim test root" ear.status=contraindicated $A/vendor_verified=false \
	$A/root_of_trust=unverified $A/signing_key=unverified \
	-- --nonce $SN --time $T26 "$T/sim/attest-vmpl0.cmw"
check sim-vmpl1 1 "allowed_vmpls" ear.status=contraindicated $S/vmpl=1 \
	-- --allow-sim --nonce $SN --time $T26 "$T/sim/attest-vmpl1.cmw"
finish
