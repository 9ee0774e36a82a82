#!/usr/bin/env bash
# Proves: the caps program prints the capability descriptor readably and as
# CBOR diagnostic notation (RFC 8949 section 8), and that it says what each
# platform is: on none nothing is confidential or attested (guest-asserted);
# on sim-tdx hardware registers, no sealing, debug and TCB hardware-attested,
# and "sim: not confidential". (sim-snp's descriptor is checked by the
# selftest boot of api_checks_on_sim_snp_and_sim_tdx and the Python check of
# snp_evidence_binds_nonce_and_verifies.)
. "$(dirname "$0")/snp_lib.sh"
boot --init caps
expect_status 0 "caps exits 0 on none"
expect_line '^caps: tee +none \(vendor none, arch x86_64\) \[guest-asserted\]$' "none: the TEE, guest-asserted"
expect_line '^caps: remote attestation +none +\[guest-asserted\]$' "none: no remote attestation"
expect_line '^caps: NOTE none: no TEE' "none: the note"
expect_line '^\{0: 1, 1: \["none", 3\], .*4: \["none", 3\], 5: \["none", 3\]' "none: diagnostic notation"
snp_boot --platform sim-tdx --init caps
expect_status 0 "caps exits 0 on sim-tdx"
expect_line '^caps: tee +sim-tdx \(vendor FUTEET sim, arch x86_64\) \[verifier-derived\]$' "sim-tdx: the TEE"
expect_line '^caps: runtime measurement +hardware-register +\[verifier-derived\]$' "sim-tdx: RTMRs"
expect_line '^caps: sealing +none ' "sim-tdx: no sealing key in TDX 1.x"
expect_line '^caps: debug +no +\[hardware-attested\]$' "sim-tdx: debug from the TDREPORT"
expect_line '^caps: tcb +[0-9a-f]{32} \[hardware-attested\]$' "sim-tdx: TEE_TCB_SVN from the TDREPORT"
expect_line '^caps: NOTE sim: not confidential' "sim-tdx: the sim note"
expect_line '^\{0: 1, 1: \["sim-tdx", 2\], .*12: \["hardware-register", 2\], .*22: \[true, 2\], 23: \[h.[0-9a-f]{32}., 1\], 24: "sim: not confidential' "sim-tdx: diagnostic notation"
pass "caps describes none and sim-tdx, readably and in CBOR diagnostic notation"
