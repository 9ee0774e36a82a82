#!/bin/sh
# The SEV-SNP verifier (lib/snp) against every real SNP report in
# tests/data, with the facts and negative cases tests/data/MANIFEST.md lists.
# Runs build/bin/snp-real-check (tests/real/snp_real_check.c, cmocka).
BUILD=${BUILD:-build}
BIN="$BUILD/bin/snp-real-check"
export FUTEET_TESTDATA="${FUTEET_TESTDATA:-tests/data}"
if [ ! -x "$BIN" ]; then
	echo "snp_verify: $BIN not built (make tools)"
	exit 1
fi
if [ ! -d "$FUTEET_TESTDATA" ]; then
	echo "snp_verify: testdata directory $FUTEET_TESTDATA missing"
	exit 1
fi
out=$(CMOCKA_MESSAGE_OUTPUT=TAP "$BIN" 2>&1)
rc=$?
if [ $rc -ne 0 ]; then
	echo "$out" | grep -E '^not ok|^# (ERROR|FAIL)' | head -5
	echo "snp_verify: $(echo "$out" | grep -c '^not ok') of $(echo "$out" | grep -cE '^(not )?ok') SNP real-data checks failed"
	exit 1
fi
exit 0
