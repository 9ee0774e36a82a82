#!/usr/bin/env bash
# Proves: scripts/run --peer stops both guests when it is stopped: after
# SIGTERM, while both QEMUs are up (paused with -S: nothing boots), it exits
# 143, and neither QEMU of that run (their command lines name the run's
# /dev/shm/futeet-peer-<pid>-* region) nor the region file remains.
. "$(dirname "$0")/lib.sh"
leftovers() { # pid of a finished scripts/run
	ls /dev/shm/futeet-peer-"$1"-* 2>/dev/null
	pgrep -af "futeet-peer-$1-" 2>/dev/null
}
scripts/run --platform none --peer none --chan shm --init hello --timeout 120 --qemu-opt -S \
	>"$tq_tmp/a.out" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
	[ "$(pgrep -f "qemu-system-x86_64.*futeet-peer-$pid-" | wc -l)" -ge 2 ] && break
	sleep 0.1
done
n=$(pgrep -f "qemu-system-x86_64.*futeet-peer-$pid-" | wc -l)
[ "$n" -ge 2 ] || { kill -TERM $pid; fail "the two QEMUs never started ($n seen)"; }
kill -TERM $pid
wait $pid; st=$?
out="$tq_tmp/a.out"; status=$st
[ $st -eq 143 ] || fail "SIGTERM run: status $st, expected 143"
sleep 1
l=$(leftovers $pid); [ -z "$l" ] || fail "left behind after SIGTERM: $l"
pass "both QEMUs and the region gone after SIGTERM"
