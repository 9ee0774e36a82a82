#!/usr/bin/env bash
# Proves: build/futeet.img (GPT + FAT ESP, EFI/BOOT/BOOTX64.EFI) boots from
# OVMF's removable-media path with no command line, so init defaults to
# hello, which prints its greeting and exits 0.
. "$(dirname "$0")/lib.sh"
[ -e "$FUTEET_BUILD/futeet.img" ] || fail "$FUTEET_BUILD/futeet.img not built (make image)"
boot --disk
expect_status 0 "hello exits 0"
expect_line '^Hello from FUTEET' "default init is hello"
pass "disk image boots to hello"
