#!/usr/bin/env bash
# Proves: scripts/run --platform sim-snp cleans up after itself, on a timeout
# and on SIGTERM: no futeet-sim process and no /dev/shm/futeet-sim-<pid>-*
# file of that run remain.
. "$(dirname "$0")/lib.sh"
[ -x "$FUTEET_BUILD/bin/futeet-sim" ] || fail "$FUTEET_BUILD/bin/futeet-sim not built (make tools)"
export FUTEET_SIM_READY_TIMEOUT=${FUTEET_SIM_READY_TIMEOUT:-240}
leftovers() { # pid of a finished scripts/run
	ls /dev/shm/futeet-sim-"$1"-* 2>/dev/null
	pgrep -af "futeet-sim-$1-" 2>/dev/null
}
# 1. timeout: QEMU paused (-S) never finishes.
scripts/run --platform sim-snp --init hello --timeout 5 --qemu-opt -S >"$tq_tmp/a.out" 2>&1 &
pid=$!
wait $pid; st=$?
out="$tq_tmp/a.out"; status=$st
[ $st -eq 124 ] || fail "timeout run: status $st, expected 124"
grep -q '^sim: futeet-sim: ready' "$tq_tmp/a.out" || fail "the sim never became ready"
sleep 0.5
l=$(leftovers $pid); [ -z "$l" ] || fail "left behind after a timeout: $l"
# 2. SIGTERM while the guest runs (a background job of a script ignores
# SIGINT, so TERM stands for both; scripts/run traps INT, TERM and HUP alike).
scripts/run --platform sim-snp --init hello --timeout 120 --qemu-opt -S >"$tq_tmp/b.out" 2>&1 &
pid=$!
for _ in $(seq 1 2400); do
	grep -q '^sim: futeet-sim: ready' "$tq_tmp/b.out" 2>/dev/null && break
	sleep 0.1
done
grep -q '^sim: futeet-sim: ready' "$tq_tmp/b.out" || { kill -TERM $pid; fail "the sim never became ready"; }
sleep 1
kill -TERM $pid
wait $pid; st=$?
out="$tq_tmp/b.out"; status=$st
[ $st -eq 143 ] || fail "SIGTERM run: status $st, expected 143"
sleep 0.5
l=$(leftovers $pid); [ -z "$l" ] || fail "left behind after SIGTERM: $l"
pass "no sim process or shm file left after a timeout or SIGTERM"
