# The SNP verifier against real hardware evidence (tests/data), a cmocka
# program run by tests/real/snp_verify.sh (not a unit test: it reads the
# evidence through FUTEET_TESTDATA).
HOST_TOOLS += snp-real-check
TOOL_snp-real-check_SRCS := tests/real/snp_real_check.c tests/unit/unhex.c
TOOL_snp-real-check_LDLIBS := -lcmocka
