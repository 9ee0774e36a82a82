#!/usr/bin/env bash
# The attested channel (docs/CHANNEL.md) between two independent
# implementations over a unix socket, both directions: lib/chan.c in
# futeet-client and tests/chan/chan_peer.py (Python `cryptography`). Each
# side must print the same session id, the other's message, and a normal
# close; refusals (wrong measurement, evidence bound to another handshake)
# must be printed with the same reason code on both sides. Also checks that
# the Python still writes the `fresh` vector committed in
# tests/vectors/chan_v1.txt, and runs two C clients over TCP (one piping
# stdin). Test evidence (forgeable; CHANNEL.md 8), except the host client's
# runs, which appraise the sim's real evidence (tests/data/sim) with lib/verify.
set -u -o pipefail
cd "$(dirname "$0")/../.." || exit 1
B=${BUILD:-build}
CLIENT="$B/bin/futeet-client"
PY=/usr/bin/python3
PEER=tests/chan/chan_peer.py
fail() { echo "chan_python_interop: $*"; exit 1; }
[ -x "$CLIENT" ] || fail "$CLIENT not built"
$PY -c 'import cryptography' 2>/dev/null || fail "python3-cryptography missing (scripts/setup)"
tmp=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$tmp"' EXIT

# the committed vector is what the independent implementation writes
$PY $PEER vectors > "$tmp/v.txt" || fail "chan_peer.py vectors failed"
sed -n '/^vector = fresh$/,/^end = fresh$/p' "$tmp/v.txt" > "$tmp/a"
sed -n '/^vector = fresh$/,/^end = fresh$/p' tests/vectors/chan_v1.txt > "$tmp/b"
[ -s "$tmp/a" ] && cmp -s "$tmp/a" "$tmp/b" || fail "chan_peer.py no longer writes the committed fresh vector"
# ... and CHANNEL.md section 9 prints that same transcript
sed -n '/^vector = fresh$/,/^end = fresh$/p' docs/CHANNEL.md > "$tmp/c"
cmp -s "$tmp/b" "$tmp/c" || fail "docs/CHANNEL.md section 9 differs from tests/vectors/chan_v1.txt"

wait_sock() { for _ in $(seq 100); do [ -S "$1" ] && return 0; sleep 0.1; done; return 1; }
sid_of() { sed -n 's/.*established sid=\([0-9a-f]*\).*/\1/p' "$1" | head -n1; }

# run NAME  C-SIDE-ARGS...  --  PY-SIDE-ARGS...   (the first word of each is listen/connect)
run() {
	local name=$1; shift
	local cargs=() pargs=()
	while [ "$1" != "--" ]; do cargs+=("$1"); shift; done; shift
	pargs=("$@")
	local sock="$tmp/$name.sock"
	rm -f "$sock"
	if [ "${cargs[0]}" = listen ]; then
		timeout 60 "$CLIENT" --test-evidence --listen "unix:$sock" "${cargs[@]:1}" \
			> "$tmp/$name.c.out" 2> "$tmp/$name.c.err" &
		local cpid=$!
		wait_sock "$sock" || fail "$name: futeet-client did not listen"
		timeout 60 $PY $PEER connect "$sock" "${pargs[@]:1}" > "$tmp/$name.py.out" 2>&1
		prc=$?
		wait $cpid; crc=$?
	else
		timeout 60 $PY $PEER listen "$sock" "${pargs[@]:1}" > "$tmp/$name.py.out" 2>&1 &
		local ppid=$!
		wait_sock "$sock" || fail "$name: chan_peer.py did not listen"
		timeout 60 "$CLIENT" --test-evidence --connect "unix:$sock" "${cargs[@]:1}" \
			> "$tmp/$name.c.out" 2> "$tmp/$name.c.err"
		crc=$?
		wait $ppid; prc=$?
	fi
}

ok_pair() { # name
	local n=$1
	[ $crc -eq 0 ] || { cat "$tmp/$n.c.err" "$tmp/$n.py.out"; fail "$n: futeet-client exit $crc"; }
	[ $prc -eq 0 ] || { cat "$tmp/$n.c.err" "$tmp/$n.py.out"; fail "$n: chan_peer.py exit $prc"; }
	local s1 s2
	s1=$(sid_of "$tmp/$n.c.err"); s2=$(sid_of "$tmp/$n.py.out")
	[ -n "$s1" ] && [ "$s1" = "$s2" ] || fail "$n: session ids differ ($s1 / $s2)"
	grep -q "^chan: peer says: from python$" "$tmp/$n.c.out" || fail "$n: C did not get python's message"
	grep -q "^chan: peer says: from C$" "$tmp/$n.py.out" || fail "$n: python did not get C's message"
}

M=$(printf '33%.0s' $(seq 48))
W=$(printf '44%.0s' $(seq 48))

run c_responder listen --send "from C" -- connect --send "from python" --expect "from C"
ok_pair c_responder
run c_initiator connect --send "from C" -- listen --send "from python" --expect "from C"
ok_pair c_initiator
# attested-key mode both ways, and the result says so
run c_ak listen --ak --send "from C" -- connect --ak --send "from python" --expect "from C"
ok_pair c_ak
grep -q "mode=attested-key" "$tmp/c_ak.c.err" || fail "c_ak: C did not report the peer's attested-key mode"
grep -q "mode=attested-key" "$tmp/c_ak.py.out" || fail "c_ak: python did not report the peer's attested-key mode"
# a peer that forbids the mode gets fresh evidence from an attested-key-capable side
run c_forbid listen --forbid-ak --send "from C" -- connect --ak --send "from python" --expect "from C"
ok_pair c_forbid
grep -q "mode=fresh" "$tmp/c_forbid.c.err" || fail "c_forbid: FRESH_REQUIRED was not honoured"
# ... and refuses it (9) from a peer that disregards FRESH_REQUIRED; a flipped
# signature bit under a valid MAC is refused by the signature check (10)
run ak_refused listen --forbid-ak --send "from C" -- connect --ak-always --send "from python"
[ $crc -ne 0 ] && grep -q "closed: local reason 9 " "$tmp/ak_refused.c.err" || fail "ak_refused: C did not refuse the forbidden mode with 9"
grep -q "^chan: closed: peer mode-forbidden (9)$" "$tmp/ak_refused.py.out" || fail "ak_refused: python was not told 9"
run ak_badsig listen --send "from C" -- connect --ak-bad-sig --send "from python"
[ $crc -ne 0 ] && grep -q "closed: local reason 10 " "$tmp/ak_badsig.c.err" || fail "ak_badsig: C accepted a flipped signature"
grep -q "^chan: closed: peer signature (10)$" "$tmp/ak_badsig.py.out" || fail "ak_badsig: python was not told 10"

# a host client without a TEE (UNATTESTED) to a peer whose policy allows it, both ways
run c_unatt listen --allow-unattested --send "from C" -- connect --unattested --send "from python" --expect "from C"
ok_pair c_unatt
grep -q "mode=unattested" "$tmp/c_unatt.c.err" || fail "c_unatt: C did not flag the unattested peer"
run py_unatt connect --unattested --send "from C" -- listen --allow-unattested --send "from python" --expect "from C"
ok_pair py_unatt
grep -q "mode=unattested" "$tmp/py_unatt.py.out" || fail "py_unatt: python did not flag the unattested peer"
# ... and refused by the default policy (mode-forbidden, 9, on both sides)
run unatt_refused listen --send "from C" -- connect --unattested --send "from python"
[ $crc -ne 0 ] && [ $prc -ne 0 ] || fail "unatt_refused: an unattested peer was accepted by default"
grep -q "closed: local reason 9 mode-forbidden" "$tmp/unatt_refused.c.err" || fail "unatt_refused: C did not say mode-forbidden (9)"
grep -q "closed: peer mode-forbidden (9)" "$tmp/unatt_refused.py.out" || fail "unatt_refused: python did not get reason 9"

# refusals: the wrong measurement (C wants 44..), both sides print reason 7
run bad_meas listen --want "$W" --send "from C" -- connect --measurement "$M" --send "from python"
[ $crc -ne 0 ] && [ $prc -ne 0 ] || fail "bad_meas: a wrong measurement was accepted"
grep -q "closed: local reason 7 evidence" "$tmp/bad_meas.c.err" || fail "bad_meas: C did not say evidence (7)"
grep -q "closed: peer evidence (7)" "$tmp/bad_meas.py.out" || fail "bad_meas: python did not get reason 7"
# python's evidence bound to another nonce: C refuses with binding (8)
run bad_nonce connect --send "from C" -- listen --evil 1 --send "from python"
[ $crc -ne 0 ] && [ $prc -ne 0 ] || fail "bad_nonce: evidence for another handshake was accepted"
grep -q "closed: local reason 8 binding" "$tmp/bad_nonce.c.err" || fail "bad_nonce: C did not say binding (8)"
grep -q "closed: peer binding (8)" "$tmp/bad_nonce.py.out" || fail "bad_nonce: python did not get reason 8"
# debug on where the policy forbids it: python refuses C
run debug_on connect --debug --send "from C" -- listen --send "from python"
[ $crc -ne 0 ] && [ $prc -ne 0 ] || fail "debug_on: debug evidence was accepted"
grep -q "closed: peer reason 7 evidence" "$tmp/debug_on.c.err" || fail "debug_on: C did not get reason 7"
# the host client (no --test-evidence): no evidence of its own, the real
# verifier (lib/verify) for the peer. A peer that replays the sim's genuine
# evidence (made for another nonce, no cnf) is refused: binding (8) with the
# sim allowed, evidence (7) without; both sides print it.
real() { # name client-args...
	local name=$1; shift
	local sock="$tmp/$name.sock"
	rm -f "$sock"
	timeout 60 $PY $PEER listen "$sock" --allow-unattested \
		--evidence-file "${FUTEET_TESTDATA:-tests/data}/sim/attest-vmpl0.cmw" \
		> "$tmp/$name.py.out" 2>&1 &
	local ppid=$!
	wait_sock "$sock" || fail "$name: chan_peer.py did not listen"
	timeout 60 "$CLIENT" --connect "unix:$sock" --send "from C" "$@" \
		> "$tmp/$name.c.out" 2> "$tmp/$name.c.err"
	crc=$?
	wait $ppid; prc=$?
}
real replay_sim --allow-sim
[ $crc -ne 0 ] && [ $prc -ne 0 ] || fail "replay_sim: replayed evidence was accepted"
grep -q "peer evidence: sev-snp (sim_sev_guest, sim root) warning" "$tmp/replay_sim.c.err" || \
	{ cat "$tmp/replay_sim.c.err"; fail "replay_sim: the real verifier did not appraise the evidence"; }
grep -q "closed: local reason 8 binding" "$tmp/replay_sim.c.err" || fail "replay_sim: C did not say binding (8)"
grep -q "closed: peer binding (8)" "$tmp/replay_sim.py.out" || fail "replay_sim: python did not get reason 8"
real replay_nosim
grep -q "closed: local reason 7 evidence" "$tmp/replay_nosim.c.err" || fail "replay_nosim: C did not refuse sim evidence (7)"
grep -q "contraindicated" "$tmp/replay_nosim.c.err" || fail "replay_nosim: no EAR status printed"

# C to C over TCP, the connecting side in pipe mode (stdin -> records, close at its end)
port=$((20000 + RANDOM % 20000))
timeout 60 "$CLIENT" --test-evidence --listen "tcp:127.0.0.1:$port" --send "from the listener" \
	> "$tmp/tcp.l.out" 2> "$tmp/tcp.l.err" &
lpid=$!
for _ in $(seq 100); do grep -q listening "$tmp/tcp.l.err" 2>/dev/null && break; sleep 0.1; done
printf 'piped through TCP' | timeout 60 "$CLIENT" --test-evidence --connect "tcp:127.0.0.1:$port" \
	> "$tmp/tcp.c.out" 2> "$tmp/tcp.c.err" || { cat "$tmp/tcp.c.err"; fail "tcp: the connecting client failed"; }
wait $lpid || { cat "$tmp/tcp.l.err"; fail "tcp: the listening client failed"; }
grep -q "^chan: peer says: piped through TCP$" "$tmp/tcp.l.out" || fail "tcp: the listener did not get the piped bytes"
echo "chan_python_interop: both directions, three modes, 6 refusals agree (2 by the real verifier); C to C over TCP"
