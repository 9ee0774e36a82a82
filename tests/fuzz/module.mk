# libFuzzer harnesses (see Makefile, FUZZ_TARGETS); seeds in tests/fuzz/corpus/<name>/.
# h3: DER/X.509, RSA-PSS padding, SNP report + cert table + verifier
FUZZ_TARGETS += fuzz_x509 fuzz_rsa_pss fuzz_snp_report
FUZZ_fuzz_x509_SRCS := tests/fuzz/fuzz_x509.c
FUZZ_fuzz_rsa_pss_SRCS := tests/fuzz/fuzz_rsa_pss.c
FUZZ_fuzz_snp_report_SRCS := tests/fuzz/fuzz_snp_report.c
