#!/bin/sh
# lib/snp/amd_roots.c (the verifier's built-in AMD ARK/ASK/ASVK) is exactly
# what lib/snp/gen_amd_roots.py makes from AMD's certificates in tests/data
# (virtee/sev and go-sev-guest copies; tests/data/MANIFEST.md): nobody edited
# an anchor by hand, and the data still holds the certificates we ship.
cd "$(dirname "$0")/../.." || exit 1
T=${FUTEET_TESTDATA:-tests/data}
tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp"' EXIT
if ! /usr/bin/python3 lib/snp/gen_amd_roots.py "$T" > "$tmp" 2>&1; then
	echo "amd_roots: gen_amd_roots.py failed: $(tail -n 1 "$tmp")"
	exit 1
fi
if ! cmp -s "$tmp" lib/snp/amd_roots.c; then
	echo "amd_roots: lib/snp/amd_roots.c differs from gen_amd_roots.py $T (first difference: $(diff "$tmp" lib/snp/amd_roots.c | sed -n 2p | cut -c1-80))"
	exit 1
fi
exit 0
