#!/usr/bin/env bash
# Proves: the kernel prints its boot timeline (EFI entry -> ExitBootServices
# -> kernel_main -> user entry) in microseconds, in that order, with
# non-decreasing times.
. "$(dirname "$0")/lib.sh"
boot --init hello
expect_status 0
expect_line 'futeet: boot timeline' "timeline header"
prev=-1
for stage in efi_main ExitBootServices kernel_main 'user entry'; do
	line=$(grep -E "^futeet: +$stage +[0-9]+" "$out" | head -n 1)
	[ -n "$line" ] || fail "timeline has no '$stage' line with microseconds"
	us=$(echo "$line" | grep -Eo '[0-9]+$')
	[ -n "$us" ] || fail "no number at the end of: $line"
	[ "$us" -ge "$prev" ] || fail "timeline goes backwards at '$stage' ($us < $prev)"
	prev=$us
done
pass "4 stages, user entry at $prev us"
