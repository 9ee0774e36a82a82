#!/usr/bin/env bash
# Proves: a host that plays evil mode 'bad-tag' (futeet-sim --list-evil) gets
# its answer refused by the guest with a clear message, no evidence reaches
# the program, and VMPCK0 is wiped: the program's second request fails at
# once and never reaches the host.
. "$(dirname "$0")/snp_lib.sh"
evil_host_refused bad-tag 1
pass "bad-tag refused, VMPCK0 wiped, retry never reached the host"
