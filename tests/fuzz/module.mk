# libFuzzer harnesses (see Makefile, FUZZ_TARGETS); seeds in tests/fuzz/corpus/<name>/.
# DER/X.509, RSA-PSS padding, SNP report + cert table + verifier
FUZZ_TARGETS += fuzz_x509 fuzz_rsa_pss fuzz_snp_report
FUZZ_fuzz_x509_SRCS := tests/fuzz/fuzz_x509.c
FUZZ_fuzz_rsa_pss_SRCS := tests/fuzz/fuzz_rsa_pss.c
FUZZ_fuzz_snp_report_SRCS := tests/fuzz/fuzz_snp_report.c
# CBOR (re-encode property), FUTEET evidence + unified verifier, policy JSON
FUZZ_TARGETS += fuzz_cbor fuzz_cmw fuzz_policy
FUZZ_fuzz_cbor_SRCS := tests/fuzz/fuzz_cbor.c
FUZZ_fuzz_cmw_SRCS := tests/fuzz/fuzz_cmw.c
FUZZ_fuzz_policy_SRCS := tests/fuzz/fuzz_policy.c
# SNP guest driver vs hostile answers (response checks, report/key/ext),
# and the certificate table check
FUZZ_TARGETS += fuzz_snp_response fuzz_certtable
FUZZ_fuzz_snp_response_SRCS := tests/fuzz/fuzz_snp_response.c tee/snp/guest_msg.c tee/snp/snp.c
FUZZ_fuzz_certtable_SRCS := tests/fuzz/fuzz_certtable.c
# the kernel command line (host input)
FUZZ_TARGETS += fuzz_cmdline
FUZZ_fuzz_cmdline_SRCS := tests/fuzz/fuzz_cmdline.c kernel/cmdline.c
# The initrd's cpio newc archive and the ELF64 program validator (host input)
FUZZ_TARGETS += fuzz_cpio fuzz_elf
FUZZ_fuzz_cpio_SRCS := tests/fuzz/fuzz_cpio.c
FUZZ_fuzz_elf_SRCS := tests/fuzz/fuzz_elf.c
# TDX Quote v4/v5 and TDREPORT parsers
FUZZ_TARGETS += fuzz_tdx_quote
FUZZ_fuzz_tdx_quote_SRCS := tests/fuzz/fuzz_tdx_quote.c
# TDX collateral: dcap-qvl JSON, PCS responses, tcbInfo / QE identity JSON, CRLs
FUZZ_TARGETS += fuzz_tdx_collateral
FUZZ_fuzz_tdx_collateral_SRCS := tests/fuzz/fuzz_tdx_collateral.c
# The CC event log parser and replay (lib/cclog.c)
FUZZ_TARGETS += fuzz_cclog
FUZZ_fuzz_cclog_SRCS := tests/fuzz/fuzz_cclog.c
# The TDX GetQuote response handling (tee/tdx/tdx.c) on hostile shared-buffer contents
FUZZ_TARGETS += fuzz_tdx_getquote
FUZZ_fuzz_tdx_getquote_SRCS := tests/fuzz/fuzz_tdx_getquote.c tee/tdx/tdx.c
# measure: OVMF footer table, SEV metadata, TDVF descriptor, SNP launch digest,
# PE Authenticode and QEMU's kernel patch (seeds: the sev-snp-measure fixtures)
FUZZ_TARGETS += fuzz_measure_firmware
FUZZ_fuzz_measure_firmware_SRCS := tests/fuzz/fuzz_measure_firmware.c
# The attested channel (lib/chan.c): records and handshake messages from a
# hostile peer or host; oracle: nothing but the genuine bytes is accepted
FUZZ_TARGETS += fuzz_chan_record fuzz_chan_handshake
FUZZ_fuzz_chan_record_SRCS := tests/fuzz/fuzz_chan_record.c
FUZZ_fuzz_chan_handshake_SRCS := tests/fuzz/fuzz_chan_handshake.c
# The shared-memory ring under the channel, with a hostile host
FUZZ_TARGETS += fuzz_shmring
FUZZ_fuzz_shmring_SRCS := tests/fuzz/fuzz_shmring.c
# The capability descriptor decoder (lib/caps_decode.c), round trip
FUZZ_TARGETS += fuzz_caps
FUZZ_fuzz_caps_SRCS := tests/fuzz/fuzz_caps.c
# The claims set's parts taken directly: descriptor, registers, the kernel's
# log, user claims; the COSE_Key futeet_attest accepts
FUZZ_TARGETS += fuzz_claims
FUZZ_fuzz_claims_SRCS := tests/fuzz/fuzz_claims.c
# The ACPI walker (RSDP -> XSDT -> CCEL) over a fake physical memory
FUZZ_TARGETS += fuzz_acpi
FUZZ_fuzz_acpi_SRCS := tests/fuzz/fuzz_acpi.c
# The CMOS RTC date registers (lib/cmos_rtc.c): the host writes them
FUZZ_TARGETS += fuzz_cmos_rtc
FUZZ_fuzz_cmos_rtc_SRCS := tests/fuzz/fuzz_cmos_rtc.c
# The sealed-blob decoder (host-supplied by --blob-in) and the GCM check after it
FUZZ_TARGETS += fuzz_seal_blob
FUZZ_fuzz_seal_blob_SRCS := tests/fuzz/fuzz_seal_blob.c
# The virtio split virtqueue's checks on what a hostile device writes back
# (drivers/virtq.c: used index, used elements)
FUZZ_TARGETS += fuzz_virtq
FUZZ_fuzz_virtq_SRCS := tests/fuzz/fuzz_virtq.c drivers/virtq.c
# The virtio-console control messages a hostile device sends (drivers/vcon_ctrl.c)
FUZZ_TARGETS += fuzz_vcon_ctrl
FUZZ_fuzz_vcon_ctrl_SRCS := tests/fuzz/fuzz_vcon_ctrl.c drivers/vcon_ctrl.c

# The RA-TLS certificate-extension extraction (lib/ratls.c) on a hostile
# server's certificate, and the encoder's round trip
FUZZ_TARGETS += fuzz_ratls_cert
FUZZ_fuzz_ratls_cert_SRCS := tests/fuzz/fuzz_ratls_cert.c
# The RA-TLS server's request lines from an anonymous TLS client
FUZZ_TARGETS += fuzz_ratls_request
FUZZ_fuzz_ratls_request_SRCS := tests/fuzz/fuzz_ratls_request.c
