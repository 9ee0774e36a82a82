#!/bin/bash
# futeet-sim --list-evil names every evil mode, each labelled with who could
# do it (host: without the VMPCK; firmware: sealed under it), and --evil
# refuses an unknown mode.
set -u
BUILD=${BUILD:-build}
sim=$BUILD/bin/futeet-sim
fail() { echo "sim_evil_list: FAIL: $*"; exit 1; }
[ -x "$sim" ] || fail "$sim not built"
out=$("$sim" --list-evil) || fail "--list-evil exited nonzero"
host="bad-tag replay skip oversize busy-forever no-answer too-small-on-plain-request"
firmware="short wrong-type wrong-version bad-status bad-signature flip-measurement"
for m in $host; do
	echo "$out" | grep -Eq "^$m +host " || fail "host mode '$m' missing or not labelled host"
done
for m in $firmware; do
	echo "$out" | grep -Eq "^$m +firmware " || fail "firmware mode '$m' missing or not labelled firmware"
done
n=$(echo "$out" | wc -l)
[ "$n" -eq 13 ] || fail "expected 13 modes, got $n"
if "$sim" --profile snp --evil no-such-mode --shm /nonexistent/x --secrets-out /nonexistent/y \
	--ovmf /dev/null --kernel /dev/null --cmdline "" 2>/dev/null; then
	fail "an unknown evil mode was accepted"
fi
echo "sim_evil_list: PASS"
