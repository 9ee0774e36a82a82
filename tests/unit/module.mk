# CBOR (RFC 8949 Appendix A vectors)
UNIT_TESTS += test_cbor
UNIT_test_cbor_SRCS := tests/unit/test_cbor.c tests/unit/unhex.c
# SNP guest messages (header, AES-256-GCM, response checks, cert table)
UNIT_TESTS += test_snp_msg
UNIT_test_snp_msg_SRCS := tests/unit/test_snp_msg.c tests/unit/unhex.c tee/snp/guest_msg.c tee/snp/snp.c
# unified evidence (CMW collection + tag-601 claims set)
UNIT_TESTS += test_evidence
UNIT_test_evidence_SRCS := tests/unit/test_evidence.c
# SNP seqno state machine against an in-process fake PSP + host
UNIT_TESTS += test_snp_seqno
UNIT_test_snp_seqno_SRCS := tests/unit/test_snp_seqno.c tee/snp/guest_msg.c tee/snp/snp.c
# kernel/random.c (hardware entropy stubbed) vs an independent HMAC_DRBG; BearSSL HMAC_DRBG vs NIST CAVP
UNIT_TESTS += test_hmac_drbg
UNIT_test_hmac_drbg_SRCS := tests/unit/test_hmac_drbg.c kernel/random.c tests/unit/unhex.c
# DER, X.509, RSA-PSS (Wycheproof vectors), SNP report parser + cert table
UNIT_TESTS += test_rsa_pss
UNIT_test_rsa_pss_SRCS := tests/unit/test_rsa_pss.c tests/unit/unhex.c
UNIT_TESTS += test_der test_x509
UNIT_test_der_SRCS := tests/unit/test_der.c
# lib/bytes.h and lib/strbuf.h: byte order, constant-time compare, ASCII filter, string builder
UNIT_TESTS += test_bytes
UNIT_test_bytes_SRCS := tests/unit/test_bytes.c
# lib/base64.c: base64 lines and base64url vs RFC 4648 and RFC 7515 examples
UNIT_TESTS += test_base64
UNIT_test_base64_SRCS := tests/unit/test_base64.c
# tools/common/file.c: the host tools' bounded file read and file SHA-256
UNIT_TESTS += test_tool_file
UNIT_test_tool_file_SRCS := tests/unit/test_tool_file.c tools/common/file.c
UNIT_test_x509_SRCS := tests/unit/test_x509.c tests/unit/testdata.c
UNIT_TESTS += test_snp_report
UNIT_test_snp_report_SRCS := tests/unit/test_snp_report.c tests/unit/testdata.c
# JSON reader, appraisal policy, appraisal table
UNIT_TESTS += test_policy
UNIT_test_policy_SRCS := tests/unit/test_policy.c tests/unit/testdata.c
UNIT_TESTS += test_snp_verify
UNIT_test_snp_verify_SRCS := tests/unit/test_snp_verify.c
# EAR writer (JSON and CBOR)
UNIT_TESTS += test_ear
UNIT_test_ear_SRCS := tests/unit/test_ear.c
# the GHCB page for SNP guest requests vs GHCB 56421's layout table
UNIT_TESTS += ghcb_page
UNIT_ghcb_page_SRCS := tests/unit/test_ghcb_page.c arch/x86_64/coco/ghcb_page.c
# TDX Quote v4/v5 and TDREPORT parsers vs the spec tables and real quotes
UNIT_TESTS += test_tdx_quote
UNIT_test_tdx_quote_SRCS := tests/unit/test_tdx_quote.c tests/unit/testdata.c tests/unit/unhex.c
# TDX quote verification (PCK chain, extensions, QE report, signatures) on the real quotes
UNIT_TESTS += test_tdx_verify
UNIT_test_tdx_verify_SRCS := tests/unit/test_tdx_verify.c tests/unit/testdata.c tests/unit/unhex.c
# TDX collateral (TCB info, QE identity, CRLs) and TCB status vs dcap-qvl / go-tdx-guest oracles
UNIT_TESTS += test_tdx_collateral
UNIT_test_tdx_collateral_SRCS := tests/unit/test_tdx_collateral.c tests/unit/testdata.c
# The one-string collateral forms a guest receives (lib/tdx/collateral_in.c).
UNIT_TESTS += test_collateral_in
UNIT_test_collateral_in_SRCS := tests/unit/test_collateral_in.c tests/unit/testdata.c
# The platform layer's unit tests (test_tdx_args, test_coco_detect, ...) are
# registered in arch/x86_64/module.mk, next to the code they test.
# measure: SEV-SNP launch digest vs virtee/sev-snp-measure's known answers
UNIT_TESTS += test_measure_snp
UNIT_test_measure_snp_SRCS := tests/unit/test_measure_snp.c tests/unit/testdata.c tests/unit/unhex.c
# measure: Debian 12's OVMF launch digests vs sev-snp-measure (recorded values)
UNIT_TESTS += test_measure_snp_debian
UNIT_test_measure_snp_debian_SRCS := tests/unit/test_measure_snp_debian.c tests/unit/testdata.c
# measure: TDX MRTD of Debian's OVMF.fd vs td-shim's tee-info-hash script, extend rule
UNIT_TESTS += test_measure_tdx
UNIT_test_measure_tdx_SRCS := tests/unit/test_measure_tdx.c tests/unit/testdata.c
# The CC event log (TCG2 crypto-agile) and the TDX extend rule, against a real CCEL
UNIT_TESTS += test_cclog
UNIT_test_cclog_SRCS := tests/unit/test_cclog.c tests/unit/testdata.c
# The TDX GetQuote buffer protocol (GHCI 343961) with a fake host and clock
UNIT_TESTS += test_tdx_getquote
UNIT_test_tdx_getquote_SRCS := tests/unit/test_tdx_getquote.c tee/tdx/tdx.c tests/unit/testdata.c
# kernel/proc.c's ELF loader with the page tables and frames stubbed: a failed load leaves nothing mapped
# lib/cpio.c on GNU cpio output, lib/elf.c: one refusal reason per rule
UNIT_TESTS += test_elf_cpio
UNIT_test_elf_cpio_SRCS := tests/unit/test_elf_cpio.c
UNIT_TESTS += test_proc_load
UNIT_test_proc_load_SRCS := tests/unit/test_proc_load.c kernel/proc.c
# kernel/pmm.c over a made-up EFI map backed by a real mapping: exact free
# counts by range, each free frame handed out once, zeroed
UNIT_TESTS += test_pmm
UNIT_test_pmm_SRCS := tests/unit/test_pmm.c
# The attested channel (lib/chan.c) vs the Python implementation's vectors
# (tests/vectors/chan_v1.txt) and a host in the middle
UNIT_TESTS += test_chan
UNIT_test_chan_SRCS := tests/unit/test_chan.c tests/unit/unhex.c
# The shared-memory ring under the channel (lib/shmring.c): order, wraps,
# two threads, hostile indices, and a channel running over two rings
UNIT_TESTS += test_shmring
UNIT_test_shmring_SRCS := tests/unit/test_shmring.c
UNIT_test_shmring_LDLIBS := -lpthread
# The channel's verify step on the real verifier, with the sim's real evidence
UNIT_TESTS += test_chan_verify
UNIT_test_chan_verify_SRCS := tests/unit/test_chan_verify.c tests/unit/testdata.c
# capability table (TEE Table I rows) and the descriptor's canonical CBOR
UNIT_TESTS += test_caps
UNIT_test_caps_SRCS := tests/unit/test_caps.c tests/unit/unhex.c
# The ACPI walker (RSDP, XSDT, CCEL) against tables laid out from ACPI 6.5
UNIT_TESTS += test_acpi
UNIT_test_acpi_SRCS := tests/unit/test_acpi.c
# CMOS RTC date registers -> Unix seconds (lib/cmos_rtc.c), against Python's calendar.timegm
UNIT_TESTS += test_cmos_rtc
UNIT_test_cmos_rtc_SRCS := tests/unit/test_cmos_rtc.c
# lib/seal_blob.c: the sealed-blob header against docs/FORMATS.md, one refusal per rule
UNIT_TESTS += test_seal_blob
UNIT_test_seal_blob_SRCS := tests/unit/test_seal_blob.c
# RA-TLS (lib/ratls.c, docs/CHANNEL.md 11): the DER writer, the certificate
# round trip, the key binding; known answers from Python cryptography/cbor2
UNIT_TESTS += test_ratls
UNIT_test_ratls_SRCS := tests/unit/test_ratls.c tests/unit/unhex.c

# The virtio-console stream port's pure parts: hang-ups counted per client,
# a transmit buffer the device keeps forgotten (drivers/vcon_ctrl.c, virtq.c)
UNIT_TESTS += test_vcon
UNIT_test_vcon_SRCS := tests/unit/test_vcon.c drivers/vcon_ctrl.c drivers/virtq.c
