# The SNP verifier against real hardware evidence (tests/data), a cmocka
# program run by tests/real/snp_verify.sh (not a unit test: it reads the
# evidence through FUTEET_TESTDATA).
HOST_TOOLS += snp-real-check
TOOL_snp-real-check_SRCS := tests/real/snp_real_check.c tests/unit/unhex.c
TOOL_snp-real-check_LDLIBS := -lcmocka
# lib/tdx with a test root: run by tests/real/tdx_revocation.sh on quotes and
# CRLs that tests/real/make_tdx_test_chain.py generates.
HOST_TOOLS += tdx-chain-check
TOOL_tdx-chain-check_SRCS := tests/real/tdx_chain_check.c
