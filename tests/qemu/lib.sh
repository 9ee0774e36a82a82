# Shared helpers for the QEMU integration tests (tests/qemu/*.sh). Source it:
#   . "$(dirname "$0")/lib.sh"
#   boot --init hello -- a b        # runs scripts/run; sets $status, $out
#   expect_status 0
#   expect_line 'Hello from FUTEET'
#   pass "hello prints its greeting"
# Each test boots the real image (build/futeet.efi or build/futeet.img) under
# QEMU + OVMF through scripts/run and checks only what a user sees: serial
# output and exit status. On failure the guest output's tail is printed and
# the LAST line is the one-line reason (tests/run shows it).
# Not executable on purpose: tests/run runs only executable tests/qemu/*.sh.

set -u -o pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
export FUTEET_BUILD=${FUTEET_BUILD:-${BUILD:-build}}
test_name=$(basename "$0" .sh)
tq_tmp=$(mktemp -d "${TMPDIR:-/tmp}/futeet-qtest.XXXXXX") || exit 1
trap 'rm -rf "$tq_tmp"' EXIT
tq_boots=0
status=
out=

# fail REASON: show the last boot's output, then the reason as the last line.
fail() {
	if [ -n "$out" ] && [ -s "$out" ]; then
		echo "---- output of the last boot (scripts/run ${tq_last_args:-}) ----"
		tail -n 40 "$out"
		echo "---- exit status $status ----"
	fi
	echo "FAIL $test_name: $*"
	exit 1
}

pass() {
	echo "PASS $test_name${1:+: $1}"
	exit 0
}

# boot [scripts/run args...]: boots the guest; $status is scripts/run's exit
# status, $out a file with the guest's serial output and scripts/run's own
# messages (stderr), carriage returns and terminal escapes removed.
boot() {
	tq_boots=$((tq_boots + 1))
	out="$tq_tmp/boot$tq_boots.out"
	tq_last_args="$*"
	[ -e "$FUTEET_BUILD/futeet.efi" ] || fail "$FUTEET_BUILD/futeet.efi not built (make all)"
	echo "boot $tq_boots: scripts/run $*"
	scripts/run --timeout "${QEMU_BOOT_TIMEOUT:-120}" "$@" > "$tq_tmp/raw" 2>&1
	status=$?
	# OVMF paints the console with ANSI sequences (ESC [ ... letter, ESC [=3h).
	tr -d '\r' < "$tq_tmp/raw" | sed -e 's/\x1b\[[0-9;=?]*[A-Za-z]//g' > "$out"
	echo "boot $tq_boots: exit status $status"
}

expect_status() { # N [why]
	[ "$status" = "$1" ] || fail "exit status $status, expected $1${2:+ ($2)}"
}

expect_status_not() { # N [why]
	[ "$status" != "$1" ] || fail "exit status $status, expected anything else${2:+ ($2)}"
}

expect_line() { # ERE [why]: some output line matches
	grep -Eq -- "$1" "$out" || fail "no output line matches /$1/${2:+ ($2)}"
}

expect_no_line() { # ERE [why]: no output line matches
	if grep -Eq -- "$1" "$out"; then
		fail "unexpected output line: $(grep -E -m1 -- "$1" "$out")${2:+ ($2)}"
	fi
}

# The status a guest reports (scripts/run's contract, kernel/exit codes).
STATUS_KILLED=120
STATUS_PANIC=121
STATUS_TIMEOUT=124
STATUS_NO_REPORT=125

# Run lists that compare a static Linux program's runs with the host's (the
# host's Linux is the oracle). ROWS: one run per line, argv separated by TABs,
# argv[0] an absolute path in the initrd tree.
#   run_rows_on_host ROWS HOSTROOT STDIN: runs each row in HOSTROOT (a copy of
#     the tree; argv[0] is taken inside it) with the guest's environment;
#     leaves $tq_tmp/host.N and $tq_tmp/host.N.status.
#   compare_rows ROWS GUESTOUT: after a boot with futeet.runlist= and
#     --stdout GUESTOUT, each row's status and stdout bytes must match.
TQ_GUEST_ENV=(PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/ TERM=dumb TZ=UTC0)
run_rows_on_host() {
	local rows=$1 host=$2 stdin=$3 n=0 line argv
	while IFS= read -r line; do
		n=$((n + 1))
		IFS=$'\t' read -r -a argv <<< "$line"
		(cd "$host" && env -i "${TQ_GUEST_ENV[@]}" "$host${argv[0]}" "${argv[@]:1}" \
			< "$stdin" > "$tq_tmp/host.$n" 2>/dev/null)
		echo $? > "$tq_tmp/host.$n.status"
	done < "$rows"
}
# futeet: run N: status S stdout A-B  (byte offsets into the second serial port)
compare_rows() {
	local rows=$1 guest=$2 n=0 line l st a b want
	while IFS= read -r line; do
		n=$((n + 1))
		l=$(grep -E "^futeet: run $n: status -?[0-9]+ " "$out" | head -n 1)
		[ -n "$l" ] || fail "row $n ($line): no status line from the guest"
		st=$(echo "$l" | sed -E 's/.* status (-?[0-9]+) .*/\1/')
		a=$(echo "$l" | sed -E 's/.* stdout ([0-9]+)-([0-9]+)$/\1/')
		b=$(echo "$l" | sed -E 's/.* stdout ([0-9]+)-([0-9]+)$/\2/')
		tail -c +$((a + 1)) "$guest" | head -c $((b - a)) > "$tq_tmp/guest.$n"
		want=$(cat "$tq_tmp/host.$n.status")
		[ "$st" = "$want" ] || fail "row $n ($line): guest status $st, host $want"
		cmp -s "$tq_tmp/guest.$n" "$tq_tmp/host.$n" ||
			fail "row $n ($line): stdout differs (< guest, > host): $(diff "$tq_tmp/guest.$n" "$tq_tmp/host.$n" | grep -a '^[<>]' | head -n 2 | cat -v | tr '\n' ' ')"
	done < "$rows"
}
# make_initrd ROOT OUT: a cpio newc archive of ROOT, names sorted, owner 0:0.
make_initrd() {
	(cd "$1" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) > "$2" ||
		fail "cpio could not build the initrd"
}

# Background boots for tests that talk to a running guest (the channel's
# stream port): boot_bg ARGS... starts scripts/run in the background (its
# output in $out, pid in $bg_pid); wait_line ERE [seconds] waits for a
# line; wait_bg collects the status into $status.
boot_bg() {
	tq_boots=$((tq_boots + 1))
	out="$tq_tmp/boot$tq_boots.out"
	tq_last_args="$*"
	[ -e "$FUTEET_BUILD/futeet.efi" ] || fail "$FUTEET_BUILD/futeet.efi not built (make all)"
	echo "boot $tq_boots (background): scripts/run $*"
	scripts/run --timeout "${QEMU_BOOT_TIMEOUT:-120}" "$@" > "$tq_tmp/raw$tq_boots" 2>&1 &
	bg_pid=$!
	bg_raw="$tq_tmp/raw$tq_boots"
}

bg_refresh() {
	tr -d '\r' < "$bg_raw" | sed -e 's/\x1b\[[0-9;=?]*[A-Za-z]//g' > "$out"
}

wait_line() { # ERE [seconds]
	local n=$(( ${2:-90} * 10 ))
	while [ $n -gt 0 ]; do
		bg_refresh
		grep -Eq -- "$1" "$out" && return 0
		kill -0 "$bg_pid" 2>/dev/null || { bg_refresh; grep -Eq -- "$1" "$out" && return 0; fail "the guest ended before a line matched /$1/"; }
		sleep 0.1
		n=$((n - 1))
	done
	fail "no line matched /$1/ within ${2:-90} s"
}

# A host program against the running guest: run_client NAME STATUS CMD...
# runs CMD (90 s bound) into $tq_tmp/NAME.out, echoes it prefixed, and
# fails (stopping the guest) unless it exits with STATUS.
run_client() { # name expect-status args...
	local name=$1 want=$2
	shift 2
	timeout 90 "$@" > "$tq_tmp/$name.out" 2>&1
	local st=$?
	sed "s/^/  $name: /" "$tq_tmp/$name.out"
	[ $st -eq "$want" ] || { kill "$bg_pid" 2>/dev/null; fail "$name: exit status $st, want $want: $(tail -n 1 "$tq_tmp/$name.out")"; }
}

wait_bg() {
	wait "$bg_pid"
	status=$?
	bg_refresh
	echo "boot $tq_boots: exit status $status"
}

# The pair program (user/apps/pair.c) on two guests, scripts/run --peer: a
# sim-tdx initiator and a sim-snp responder. Lines are prefixed per guest.
TQ_I='^\[initiator\] ' TQ_R='^\[responder\] '

# pair_talk shm|stream MIB: boots the pair over the shared region or the TCP
# stream and checks what every good run shows: the plain copy and the
# channel copy intact and timed, the handshake over that transport on both
# sides, what each verified of the other (the TDX side: sev-snp with
# measurement, debug off, TCB; the SNP side: tdx with MRTD, debug off,
# TEE_TCB_SVN), fresh evidence both ways, one session id ($sid), a message
# each way, PASS and status 0 from both, no panic.
pair_talk() {
	local n=$(($2 * 16)) bytes=$(($2 * 1048576)) via="shared memory" side
	[ "$1" = stream ] && via="the stream"
	QEMU_BOOT_TIMEOUT=400 boot --platform sim-tdx --peer sim-snp --chan "$1" --init pair -- "$2"
	expect_line "${TQ_R}pair: plain copy: $n messages of 64 KiB arrived intact" "plain copy intact"
	expect_line "${TQ_I}pair: plain copy: $bytes bytes in [0-9]+ us = [0-9]+ MB/s" "plain copy timed"
	for side in initiator responder; do
		expect_line "^\[$side\] pair: handshake: [0-9]+ us \($side over $via\)" "$side: handshake over $via"
		expect_line "^\[$side\] pair: the peer authenticated with: fresh evidence bound to this handshake" "$side: peer mode"
	done
	expect_line "${TQ_I}pair: verified the peer: sev-snp \(sim_sev_guest, sim root\) warning, cnf P-256; measurement [0-9a-f]{16}\.\.\., debug off, TCB bl [0-9]+ tee [0-9]+ snp [0-9]+ ucode [0-9]+$" "the TDX side's view of the SNP peer"
	expect_line "${TQ_R}pair: verified the peer: tdx \(sim_tdx_guest, sim root\) warning, cnf P-256; MRTD [0-9a-f]{16}\.\.\., debug off, TEE_TCB_SVN [0-9a-f]{16}$" "the SNP side's view of the TDX peer"
	local sid_r
	sid=$(sed -n 's/^\[initiator\] pair: session id \([0-9a-f]\{32\}\)$/\1/p' "$out")
	sid_r=$(sed -n 's/^\[responder\] pair: session id \([0-9a-f]\{32\}\)$/\1/p' "$out")
	[ -n "$sid" ] && [ "$sid" = "$sid_r" ] || fail "session ids differ or are missing: '$sid' vs '$sid_r'"
	expect_line "${TQ_I}pair: message from the peer through the channel: \"hello from the responder\"" "responder -> initiator"
	expect_line "${TQ_R}pair: message from the peer through the channel: \"hello from the initiator\"" "initiator -> responder"
	expect_line "${TQ_R}pair: channel: $n messages of 64 KiB arrived intact" "channel copy intact"
	expect_line "${TQ_I}pair: channel: $bytes bytes in [0-9]+ us = [0-9]+ MB/s" "channel copy timed"
	expect_line "${TQ_I}pair: PASS" "initiator passed"
	expect_line "${TQ_R}pair: PASS" "responder passed"
	expect_line '^run: initiator \(sim-tdx\) status 0, responder \(sim-snp\) status 0' "both statuses reported"
	expect_no_line 'PANIC' "no panic"
	expect_status 0 "both guests succeeded"
}

# pair_tamper MODE: the pair over the shared region with
# tests/qemu/pair_shm_tamper.py MODE as the host in the middle (it acts once
# the initiator's first DATA record has been read, while the initiator is
# quiet: pair --pause-ms); checks that the host did act, that the genuine
# record was accepted once, that nothing was accepted twice, nobody passes
# and the status is not 0. The reason each side gives: expect_refused.
pair_tamper() { # MODE [PAIR ARGS (default: 1 --no-plain --pause-ms 3000)]
	local shm="$tq_tmp/peer.shm" tamper mode=$1
	shift
	[ $# -gt 0 ] || set -- 1 --no-plain --pause-ms 3000
	python3 tests/qemu/pair_shm_tamper.py "$shm" "$mode" > "$tq_tmp/tamper.log" 2>&1 &
	tamper=$!
	FUTEET_PEER_GRACE=30 QEMU_BOOT_TIMEOUT=400 boot --platform sim-tdx --peer sim-snp --chan shm \
		--peer-shm "$shm" --init pair -- "$@"
	kill "$tamper" 2>/dev/null; wait "$tamper" 2>/dev/null
	grep -q "^$mode: wrote" "$tq_tmp/tamper.log" || fail "the host never did '$mode': $(tail -n 1 "$tq_tmp/tamper.log")"
	expect_line "${TQ_R}pair: message from the peer through the channel: \"hello from the initiator\"" "the genuine record was accepted once"
	expect_no_line 'pair: PASS|plaintext differs|PANIC' "nothing accepted twice, nobody passes"
	expect_status_not 0 "a tampered pair is not a success"
}

# expect_refused STAGE 'N name' REFUSER WHY [ERE]: the REFUSER side's pair
# fails at STAGE (handshake|channel) with the channel's reason N name as its
# own (then ERE, if given), the other side with it as the peer's.
expect_refused() {
	local other=initiator
	[ "$3" = initiator ] && other=responder
	expect_line "^\[$3\] pair: FAIL: $1: refused, reason $2: .*\(ours\)${5:-}" "$4"
	expect_line "^\[$other\] pair: FAIL: $1: refused, reason $2: .*\(the peer.s\)" "the $other is told why"
}
