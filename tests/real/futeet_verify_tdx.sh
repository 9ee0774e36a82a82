#!/bin/sh
# futeet-verify on every real TDX quote in tests/data at a time inside its
# PCK chain's validity (tests/data/MANIFEST.md): the EAR carries the facts
# the manifest lists (MRTD, RTMRs, report data, FMSPC, TEE TCB SVN); with
# dcap-qvl's collateral the TCB status is its source's UpToDate; the debug
# TD, the SGX quote, an expired chain, a stale collateral and the
# go-tdx-guest byte mutations are refused, each for its reason. Without
# reference values or collateral a real quote is "warning" (exit 3); with a
# policy naming its MRTD and with collateral it is "affirming" (exit 0).
NAME=futeet_verify_tdx
. tests/real/futeet_verify.inc
need
A=ear.veraison.annotated-evidence
X=$A/tdx
T25=2025-09-01T00:00:00Z

# go-tdx-guest SPR v4 quote at verify_test.go's currentTime.
check spr 3 "TCB status not evaluated" ear.status=warning $A/tee=tdx $A/vendor_verified=true \
	$A/launch_measurement=6363b8043668a3ad953278e10389574d326c6749fb78aa810ecd9336923db86f22fc00b8dcd404bc10d5e119d7215cbb \
	$A/report_data=6c62dec1b8191749a31dab490be532a35944dea47caef1f980863993d9899545eb7406a38d1eed313b987a467dacead6f0c87a6d766c66f6f29f8acb281f1113 \
	$X/rtmr0=2927da70461cd63266f43230cc1849c03ef25ebe490062a801d8fcc80af42976823adf08f833c1e50b51779c6593f32a \
	$X/rtmr1=2c700b8ba9b85783f8be9fb9443647bdc0bb3c50747f06297cc6538c25a5f589c4b56d035c59107c6bc5800db2cacb61 \
	$X/rtmr2=8652f0caaba7e215ea442dc36a4499d8fec3362f3a0b2ca151cbe4b3e6466fe59c7368b3c2287fc7c3bf5c924eb4424e \
	$X/mr_seam=2fd279c16164a93dd5bf373d834328d46008c2b693af9ebb865b08b2ced320c9a89b4869a9fab60fbe9d0c5a5363c656 \
	$X/td_attributes=0000004000000000 $X/xfam=e71a060000000000 $X/trailing_bytes=39 \
	$A/tcb/fmspc=50806f000000 $A/tcb/tee_tcb_svn=03000400000000000000000000000000 $A/tcb/pcesvn=11 \
	$A/tcb/status=not-evaluated $A/platform_id=089ddfdb9c0359c82a3bc7719239574e $A/debug=false \
	$A/certificate_validity=checked \
	-- --time 2023-07-01T01:00:00Z "$T/go-tdx-guest/tdx_prod_quote_SPR_E4.dat"
# ... and at 2053 its PCK (to 2029-09-20) has expired.
check spr-2053 1 "PCK certificate is expired" ear.status=contraindicated \
	-- --time 2053-07-01T01:00:00Z "$T/go-tdx-guest/tdx_prod_quote_SPR_E4.dat"

# go-tdx-guest v5 (body type 3) at 2026-02-03T01:00:00Z.
check v5 3 "" ear.status=warning $X/quote_version=5 $X/body_type=3 $A/tcb/fmspc=90c06f000000 \
	$A/launch_measurement=7348651a34b2d2d3462822e3a750ec6110125f36757c78480bbfc69cc0d21fb001a1ced3ee19747dda8f750c3bc8f876 \
	$A/report_data=945eaacf5abc1f719d8666a942fda03d1edcb4490277396093dc5a5289ab9f1e094aed63060cd4a4933a4dd537ed1255c9c79ecb3ed82cd1b486233e31c25c3a \
	-- --time 2026-02-03T01:00:00Z "$T/go-tdx-guest/quote_v5_sample.dat"
# GCP COS quote (REPORT_DATA = 64 zero bytes, ccel/nonce.dat) and Azure's.
check cos 3 "" ear.status=warning $A/tcb/fmspc=00806f050000 $X/trailing_bytes=3065 \
	$A/report_data=00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000 \
	-- --time $T25 --nonce 00000000000000000000000000000000 "$T/go-tdx-guest/ccel/cos-113-tdx-quote.dat"
# go-tdx-guest TestReplayCcelWithTdQuote: the COS TD's CCEL replays to its
# RTMRs (43 records); the same log against the SPR quote does not.
check cos-ccel 3 "" ear.status=warning $A/event_log_events=43 \
	-- --time $T25 --event-log "$T/go-tdx-guest/ccel/ccel_data.dat" \
	"$T/go-tdx-guest/ccel/cos-113-tdx-quote.dat"
check spr-foreign-ccel 1 "does not replay to the quote's RTMR" ear.status=contraindicated \
	-- --time 2023-07-01T01:00:00Z --event-log "$T/go-tdx-guest/ccel/ccel_data.dat" \
	"$T/go-tdx-guest/tdx_prod_quote_SPR_E4.dat"
check azure 3 "" ear.status=warning $A/tcb/fmspc=00806f050000 \
	$A/report_data=9734504f161d104c74e3165c15f779b06a9bb40dfa71937817d7eee68e5938390000000000000000000000000000000000000000000000000000000000000000 \
	-- --time $T25 "$T/trustee/az-tdx-vtpm/td-quote.bin"
# trustee v5 quote (teekit's quote-tdxv5 values).
check trustee-v5 3 "" ear.status=warning $X/body_type=3 $A/tcb/tee_tcb_svn=05010200000000000000000000000000 \
	$A/launch_measurement=dfba221b48a22af8511542ee796603f37382800840dcd978703909bf8e64d4c8a1e9de86e7c9638bfcba422f3886400a \
	-- --time $T25 "$T/trustee/tdx/tdx_quote_5.dat"
# trustee tdx_quote_4: a debug TD; the default policy forbids debug.
check debug-td 1 "debug TD" ear.status=contraindicated $A/debug=true \
	$X/td_attributes_decoded/debug=true $X/td_attributes_decoded/sept_ve_disable=true \
	$A/launch_measurement=705ee9381b8633a9fbe532b52345e8433343d2868959f57889d84ca377c395b689cac1599ccea1b7d420483a9ce5f031 \
	-- --time $T25 "$T/trustee/tdx/tdx_quote_4.dat"
# SGX quotes are not TDX quotes.
check sgx 1 "not a TDX quote" ear.status=contraindicated \
	-- --time $T25 "$T/dcap-qvl/sgx_quote"
check occlum 1 "not a TDX quote" ear.status=contraindicated \
	-- --time $T25 "$T/trustee/tdx/occlum_quote.dat"

# dcap-qvl's quote with its collateral at now_from_collateral: UpToDate, no
# advisories; with its MRTD in a policy and its REPORT_DATA as the expected
# nonce: affirming.
DCAP_RD=9a9d48e7f6799642d3d1b34e1e5e1742d4bb02dd6ddd551862c1211d35c304f9eca3efdbb481601c163cf52493d6e44aed55d51ec39b7e518fadb92c2b523f20
cat > "$tmp/dcap.json" <<'P'
{ "policy_id": "test:dcap-qvl",
  "reference_measurements": ["91eb2b44d141d4ece09f0c75c2c53d247a3c68edd7fafe8a3520c942a604a407de03ae6dc5f87f27428b2538873118b7"] }
P
check dcap-uptodate 0 "" ear.status=affirming $A/tcb/status=UpToDate \
	$A/tcb/fmspc=b0c06f000000 $A/tcb/tee_tcb_svn=06010300000000000000000000000000 $A/tcb/pcesvn=11 \
	$A/launch_measurement=91eb2b44d141d4ece09f0c75c2c53d247a3c68edd7fafe8a3520c942a604a407de03ae6dc5f87f27428b2538873118b7 \
	$A/report_data=$DCAP_RD $A/nonce_check=ok \
	-- --nonce $DCAP_RD --time 2025-07-19T10:00:34Z --policy "$tmp/dcap.json" \
	--collateral "$T/dcap-qvl/tdx_quote_collateral.json" "$T/dcap-qvl/tdx_quote"
# Without the nonce the same quote is only a warning: nothing shows it is fresh.
check dcap-no-nonce-is-warning 3 "freshness not checked" ear.status=warning $A/nonce_check=not-checked \
	-- --time 2025-07-19T10:00:34Z --policy "$tmp/dcap.json" \
	--collateral "$T/dcap-qvl/tdx_quote_collateral.json" "$T/dcap-qvl/tdx_quote"
# Two seconds later the PCK CRL (nextUpdate 10:00:35Z) is stale.
check dcap-stale 1 "PCK CRL is not current" ear.status=contraindicated \
	-- --time 2025-07-19T10:00:36Z --collateral "$T/dcap-qvl/tdx_quote_collateral.json" "$T/dcap-qvl/tdx_quote"
# Another platform's collateral does not fit.
check dcap-other-fmspc 1 "FMSPC" ear.status=contraindicated \
	-- --time 2026-03-20T10:41:14Z --collateral "$T/dcap-qvl/tdx_quote_outdated_collateral.json" \
	"$T/dcap-qvl/tdx_quote"
# Not collateral at all.
check bad-collateral 2 "not dcap-qvl collateral" \
	-- --collateral "$T/dcap-qvl/tdx_quote" "$T/dcap-qvl/tdx_quote"

# A real quote in a tdx_guest CMW: it verifies, but its REPORT_DATA is not
# SHA-512 of this claims set, so the claims are not bound to it.
$PY $HERE/make_cmw.py "$T/dcap-qvl/tdx_quote" "$tmp/tdx.cbor" tdx_guest 0001020304050607
check cmw-tdx-unbound 1 "REPORT_DATA is not SHA-512" ear.status=contraindicated $A/provider=tdx_guest \
	$A/vendor_verified=true $A/report_data_binding=mismatch \
	-- --time $T25 "$tmp/tdx.cbor"

# go-tdx-guest TestNegativeVerification: one byte set, each for its reason.
mut() { # name offset value reason
	cp "$T/go-tdx-guest/tdx_prod_quote_SPR_E4.dat" "$tmp/m.dat"
	printf "$(printf '\\%03o' "$3")" | dd of="$tmp/m.dat" bs=1 seek=$(($2)) conv=notrunc 2>/dev/null
	check "$1" "$5" "$4" -- --time 2023-07-01T01:00:00Z "$tmp/m.dat"
}
mut mut-version 0x00 3 "not a TDX quote" 1
mut mut-siglen 0x278 16 "not a TDX quote" 2
mut mut-chain 0x1343 50 "PCK chain is not three PEM" 1
mut mut-root 0x1329 50 "not the Intel SGX Root CA" 1
mut mut-intermediate 0xF5F 50 "PCK intermediate CA is not issued" 1
mut mut-leaf 0xB77 50 "PCK certificate is not issued" 1
mut mut-userdata 0x1E 50 "quote signature does not verify" 1
mut mut-body 0x3C 50 "quote signature does not verify" 1
finish
