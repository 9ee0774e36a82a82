#!/bin/sh
# The verifier runs in ring 3 (libfuteet's futeet_verify), never in the
# kernel: the kernel image links none of the parsers of a peer's evidence
# (DER/X.509, RSA-PSS, JSON, SNP and TDX chain verification, collateral,
# CRLs, appraisal, EAR, evidence decoding, SNP TCB decoding, the string
# builder of their reasons, the CBOR getters, certificate-table look-ups and
# hex decoding only they use) nor BearSSL's signature verifiers, and syscall 1040
# is gone from the one syscall list. The in-guest verifier program does link
# them (so the check looks where they really are). It prints the ring-0
# source lines counted from the kernel's link map (scripts/tcb-lines); the
# API issue's 12k target is make bench's row, not enforced here (the Linux
# ABI of another issue is in ring 0 too).
cd "$(dirname "$0")/../.." || exit 1
B=${FUTEET_BUILD:-${BUILD:-build}}
so=$B/futeet.so kmap=$B/futeet.map umap=$B/user/verifyself.map
for f in "$so" "$kmap" "$umap"; do
	[ -f "$f" ] || { echo "kernel_links_no_peer_evidence_parser: $f missing (run make)"; exit 1; }
done
# The verifier's entry points and BearSSL's signature verification.
syms="appraise ear_write policy_parse json_dec_init x509_parse der_enter rsa_pss_verify
evidence_decode evidence_claims_decode snp_tcb_decode strbuf_add tdx_qe_report_decode tdx_looks_like_quote
snp_verify tdx_verify tdx_collateral_eval tdx_collateral_from_bytes tdx_crl_check tdx_pck_ext_from_cert
cbor_get_tstr cbor_get_bool cbor_span_eq snp_certtable_find snp_guid_parse hex_decode hex_digit
br_ecdsa_i31_vrfy_raw br_ecdsa_i31_vrfy_asn1 br_rsa_i31_pkcs1_vrfy br_rsa_i31_public"
defined=$(nm --defined-only "$so" | awk '{ print $3 }')
for s in $syms; do
	if echo "$defined" | grep -qx "$s"; then
		echo "kernel_links_no_peer_evidence_parser: the kernel defines $s (a verifier function in ring 0)"
		exit 1
	fi
done
for o in lib/der.c lib/x509.c lib/json.c lib/rsa_pss.c lib/verify/appraise.c lib/snp/verify.c \
	lib/tdx/verify.c lib/tdx/collateral.c lib/tdx/collateral_in.c lib/tdx/crl.c \
	lib/evidence_decode.c lib/snp/tcb.c lib/strbuf.c lib/tdx/qe_report.c \
	lib/cbor_get.c lib/snp/certtable_find.c lib/hex_decode.c; do
	if grep -q "/k/$o\.o" "$kmap"; then
		echo "kernel_links_no_peer_evidence_parser: the kernel's link map loads $o"
		exit 1
	fi
	grep -q "/u/$o\.o" "$umap" || {
		echo "kernel_links_no_peer_evidence_parser: verifyself does not link $o (the check would be empty)"
		exit 1
	}
done
if grep -q '^SYSCALL(futeet_verify' include/uapi/futeet/syscalls.def; then
	echo "kernel_links_no_peer_evidence_parser: syscalls.def still lists futeet_verify"
	exit 1
fi
n=$(scripts/tcb-lines "$kmap") || { echo "kernel_links_no_peer_evidence_parser: scripts/tcb-lines failed"; exit 1; }
echo "ring 0: $n lines; no peer-evidence parser in the kernel"
exit 0
