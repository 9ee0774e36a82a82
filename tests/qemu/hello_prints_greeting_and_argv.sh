#!/usr/bin/env bash
# Proves: the kernel boots under OVMF, runs the default-named user program
# 'hello' in ring 3, hands it the arguments after ' -- ' on the command line,
# and its exit status 0 reaches the host.
. "$(dirname "$0")/lib.sh"
boot --init hello -- alpha beta
expect_status 0 "hello exits 0"
expect_line '^Hello from FUTEET' "hello's greeting"
expect_line '^argv\[0\] = hello$' "argv[0] is the program name"
expect_line '^argv\[1\] = alpha$' "first program argument"
expect_line '^argv\[2\] = beta$' "second program argument"
expect_no_line 'panic' "no kernel panic"
pass "greeting, argv and status 0"
