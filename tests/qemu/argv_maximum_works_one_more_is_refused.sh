#!/usr/bin/env bash
# Proves: the documented maximum of program arguments (CMDLINE_ARGS_MAX = 64
# after " -- ", plus argv[0]) reaches the program intact, and one more stops
# the kernel with a message that says so (panic 121), instead of a crash or
# a program that runs with arguments silently dropped.
. "$(dirname "$0")/lib.sh"
args=()
for i in $(seq 1 64); do args+=("a$i"); done
boot --init hello -- "${args[@]}"
expect_status 0 "hello with 64 arguments exits 0"
expect_line '^argv\[0\] = hello$' "argv[0] is the program name"
expect_line '^argv\[1\] = a1$' "first argument"
expect_line '^argv\[64\] = a64$' "the 64th argument arrives"
expect_no_line '^argv\[65\]' "nothing beyond the 64th"
expect_no_line 'panic' "no kernel panic at the maximum"
boot --init hello -- "${args[@]}" a65
expect_status "$STATUS_PANIC" "65 arguments stop the kernel"
expect_line 'more than 64 program arguments' "the panic says why"
expect_no_line '^Hello from FUTEET' "the program does not run with arguments dropped"
pass "64 arguments work, 65 are refused with a clear panic"
