# lib/: freestanding code shared by the kernel and the host tools (see Makefile).
# LIB_SRCS: what the kernel itself calls, the parsers of answers from its own
# platform (SNP report and certificate table, TDREPORT and quote, the CC event
# log it writes, the firmware's ACPI tables); VERIFY_LIB_SRCS: the verifier's
# parsers of a peer's evidence, built for the host tools and for ring 3
# (libfuteet), never for the kernel.
LIB_SRCS += lib/strerror.c lib/hex.c lib/cclog.c lib/acpi.c lib/cmos_rtc.c
# hex text to bytes: policies, options, GUIDs, collateral (never the kernel)
VERIFY_LIB_SRCS += lib/hex_decode.c
# the bounded string builder of lib/strbuf.h: the verifier's reasons and texts
VERIFY_LIB_SRCS += lib/strbuf.c
# the sealed blob (decoder) and AES-256-GCM (SNP guest messages, sealing)
LIB_SRCS += lib/seal_blob.c lib/aes_gcm.c
LIB_SRCS += lib/snp/report.c lib/snp/certtable.c
# the certificate look-up by GUID and text GUIDs: the verifier's
VERIFY_LIB_SRCS += lib/snp/certtable_find.c
VERIFY_LIB_SRCS += lib/der.c lib/x509.c lib/rsa_pss.c
# RA-TLS (docs/CHANNEL.md 11): the certificate encoder and its evidence
# extraction, and the BearSSL TLS 1.2 server; ring 3 and host, never the kernel
VERIFY_LIB_SRCS += lib/ratls.c lib/ratls_tls.c
# Base64 lines (PEM, the console blocks): host tools and ring 3, never the kernel.
VERIFY_LIB_SRCS += lib/base64.c
VERIFY_LIB_SRCS += lib/snp/verify.c lib/snp/amd_roots.c lib/snp/tcb.c
# Intel TDX: quote and TDREPORT parsers (kernel); quote verification, PCK
# extensions, Intel root, CRLs and collateral (verifier)
LIB_SRCS += lib/tdx/quote.c
VERIFY_LIB_SRCS += lib/tdx/verify.c lib/tdx/pck.c lib/tdx/intel_root.c lib/tdx/qe_report.c
VERIFY_LIB_SRCS += lib/tdx/crl.c lib/tdx/collateral.c lib/tdx/collateral_in.c
# The attested channel (docs/CHANNEL.md): ring-3/host code, never in the
# kernel; host-only for now (ring 3 links it once libfuteet has BearSSL).
# chan_testev.c is forgeable test evidence and refuses to build freestanding.
HOST_LIB_SRCS += lib/chan.c lib/chan_testev.c lib/chan_verify.c
# The shared-memory ring under the channel (lib/shmring.c, CHANNEL.md 10):
# the kernel's peer region (drivers/ivshmem.c) and the host tests.
LIB_SRCS += lib/shmring.c
# the initrd (cpio newc) and the ELF64 program validator
LIB_SRCS += lib/cpio.c lib/elf.c
