#!/bin/sh
# Flipping any one bit of the signed region (bytes 0x000-0x29F, SNP ABI
# 56860) of a real report makes futeet-verify refuse it: exit 1 (signature,
# TCB or chip-id check fails) or 2 (the field no longer parses, e.g. VERSION
# or SIGNATURE_ALGO), never 0 or 3. Report: trustee test-report.bin with its
# VCEK (MANIFEST.md, trustee); the unmodified report is checked first.
NAME=futeet_verify_every_signed_byte
. tests/real/futeet_verify.inc
need
R="$T/trustee/snp/test-report.bin"
C="$T/trustee/snp/test-vcek.der"
"$V" --time 2026-01-01T00:00:00Z --certs "$C" "$R" > /dev/null 2>&1
rc=$?
if [ $rc -ne 3 ]; then echo "$NAME: the unmodified report gives exit $rc, want 3"; exit 1; fi
mkdir -p "$tmp/m"
$PY - "$R" "$tmp/m" <<'P'
import sys
b = open(sys.argv[1], "rb").read()
for i in range(0x2A0):
    m = bytearray(b)
    m[i] ^= 0x01
    open("%s/%03x" % (sys.argv[2], i), "wb").write(m)
P
bad=""
count=0
for f in "$tmp"/m/*; do
	count=$((count + 1))
	"$V" --time 2026-01-01T00:00:00Z --certs "$C" "$f" > /dev/null 2>&1
	rc=$?
	if [ $rc -ne 1 ] && [ $rc -ne 2 ]; then bad="$bad $(basename "$f"):$rc"; fi
done
if [ "$count" -ne 672 ]; then echo "$NAME: made $count mutants, want 672"; exit 1; fi
if [ -n "$bad" ]; then echo "$NAME: accepted with a flipped bit at offset:exit$bad" | head -c 300; echo; exit 1; fi
exit 0
