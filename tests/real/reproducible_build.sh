#!/usr/bin/env bash
# Proves: two clean builds of the same tree, checked out at two different
# paths, give the same futeet.efi bytes (no timestamps, no paths, no
# build-order effects in the image). Builds from the committed tree (HEAD)
# into two fresh directories; BearSSL's source package is taken from this
# build's cache (it is fetched from Debian otherwise) and the sim's RSA key
# cache is shared (keys derive from the committed seed either way).
set -u -o pipefail
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
fail() { echo "FAIL reproducible_build: $*"; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/futeet-repro.XXXXXX") || fail "mktemp"
trap 'rm -rf "$tmp"' EXIT
export FUTEET_SIM_CACHE=${FUTEET_SIM_CACHE:-$(pwd)/build/sim-cache}
for side in a b; do
	mkdir -p "$tmp/$side/src-$side"
	git archive HEAD | tar -x -C "$tmp/$side/src-$side" || fail "git archive"
	if [ -f "$BUILD/bearssl-src/.done" ]; then
		mkdir -p "$tmp/$side/src-$side/build"
		cp -a "$BUILD/bearssl-src" "$tmp/$side/src-$side/build/" || fail "copy BearSSL source"
	fi
	echo "building in $tmp/$side/src-$side"
	make -C "$tmp/$side/src-$side" -j2 build/futeet.efi > "$tmp/$side.log" 2>&1 \
		|| { tail -n 20 "$tmp/$side.log"; fail "build $side failed"; }
done
a=$tmp/a/src-a/build/futeet.efi b=$tmp/b/src-b/build/futeet.efi
sha256sum "$a" "$b"
cmp -s "$a" "$b" || fail "the two builds differ: $(cmp "$a" "$b" | head -n 1)"
echo "PASS reproducible_build: $(stat -c %s "$a") bytes, identical from two paths"
