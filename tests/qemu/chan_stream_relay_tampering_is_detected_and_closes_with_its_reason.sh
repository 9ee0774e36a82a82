#!/usr/bin/env bash
# Proves: a host in the middle of the stream transport (tests/chan/relay.py
# between the Python peer and a sim-snp guest running `chan serve`) that
# flips, drops, duplicates, replays, reorders or truncates bytes never gets
# altered data accepted: each case is detected by the side that receives
# it, with the reason of docs/CHANNEL.md section 7 (11 mac in the
# handshake, 12 record-auth, 13 record-seq, 16 truncated), the channel
# closes, the other side prints the reason it was sent, the echoed bytes
# the client did accept are the ones it sent, and the plaintext marker of
# each message never crosses the relay in the clear. An untouched relay
# ("pass") carries the whole exchange. When the relay cuts the guest's
# record and hangs up, the guest learns it from the port (virtio-console
# PORT_OPEN 0: futeet_port_recv returns 0) and closes as truncated too;
# how many of the client's 4 records reached the guest before the hang-up
# (3 or 4 seen) depends on the relay's threads and QEMU's socket, so that
# count is not checked there.
# One boot serves every case.
. "$(dirname "$0")/lib.sh"
verify=$FUTEET_BUILD/bin/futeet-verify
[ -x "$verify" ] || fail "futeet-verify not built"
gsock="$tq_tmp/guest.sock"
rsock="$tq_tmp/relay.sock"
# mode | the client's line | the guest's line | messages the guest echoed (-: no
# channel established, empty: not checked)
cases='pass|^bench: chan handshake|^chan: closed: peer reason 1 closed|4
flip-hello-c2g|^chan: closed: local mac \(11\)|^chan: closed: peer reason 11 mac|-
flip-auth-g2c|^chan: closed: local mac \(11\)|^chan: closed: peer reason 11 mac|-
flip-auth-c2g|^chan: closed: peer mac \(11\)|^chan: closed: local reason 11 mac|-
flip-rec-c2g|^chan: closed: peer record-auth \(12\)|^chan: closed: local reason 12 record-auth|0
flip-rec-g2c|^chan: closed: local record-auth \(12\)|^chan: closed: peer reason 12 record-auth|
drop-c2g|^chan: closed: peer record-seq \(13\)|^chan: closed: local reason 13 record-seq|1
dup-c2g|^chan: closed: peer record-seq \(13\)|^chan: closed: local reason 13 record-seq|1
replay-c2g|^chan: closed: peer record-seq \(13\)|^chan: closed: local reason 13 record-seq|2
reorder-c2g|^chan: closed: peer record-seq \(13\)|^chan: closed: local reason 13 record-seq|0
truncate-c2g|^chan: closed: local truncated \(16\)|^chan: closed: local reason 16 truncated|1
truncate-g2c|^chan: closed: local truncated \(16\)|^chan: closed: local reason 16 truncated|'
n=$(echo "$cases" | wc -l)
export QEMU_BOOT_TIMEOUT=${QEMU_BOOT_TIMEOUT_CHAN:-540}
boot_bg --platform sim-snp --chan-socket "$gsock" --init chan -- serve "$n" --allow-unattested --idle-ms 3000
k=0
while IFS='|' read -r mode client_re guest_re echoed; do
	k=$((k + 1))
	wait_line "^chan: serve $k/$n ready"
	mark=$(wc -l < "$out")
	/usr/bin/python3 tests/chan/relay.py "$rsock" "$gsock" "$mode" > "$tq_tmp/relay.$mode" 2>&1 &
	relay_pid=$!
	# the client starts only once the relay listens: under load Python
	# takes seconds to start, and a client that came too early was refused
	# while the relay then waited for it forever
	for _ in $(seq 600); do grep -q '^relay: listening' "$tq_tmp/relay.$mode" && break; sleep 0.1; done
	grep -q '^relay: listening' "$tq_tmp/relay.$mode" || { kill "$bg_pid" "$relay_pid"; fail "$mode: the relay did not listen within 60 s"; }
	timeout 60 /usr/bin/python3 tests/chan/chan_peer.py connect "$rsock" --unattested \
		--verifier "$verify" --verifier-opt --allow-sim --accept-warning \
		--payload-kib 1 --count 4 > "$tq_tmp/client.$mode" 2>&1
	cst=$?
	wait "$relay_pid"
	rst=$?
	sed "s/^/  $mode client: /" "$tq_tmp/client.$mode"
	sed "s/^/  $mode relay: /" "$tq_tmp/relay.$mode"
	[ $rst -eq 0 ] || { kill "$bg_pid"; fail "$mode: $(tail -n 1 "$tq_tmp/relay.$mode")"; }
	grep -Eq -- "$client_re" "$tq_tmp/client.$mode" || { bg_refresh; kill "$bg_pid"; fail "$mode: the client did not print /$client_re/"; }
	grep -q 'echoed bytes differ' "$tq_tmp/client.$mode" && { kill "$bg_pid"; fail "$mode: the client accepted altered data"; }
	if [ "$mode" = pass ]; then [ $cst -eq 0 ] || fail "pass: client status $cst"; else [ $cst -ne 0 ] || fail "$mode: the client reported success"; fi
	if [ $k -lt $n ]; then wait_line "^chan: serve $((k + 1))/$n ready"; else wait_line '^chan: served'; fi
	tail -n +"$((mark + 1))" "$out" > "$tq_tmp/guest.$mode"
	grep -Eq -- "$guest_re" "$tq_tmp/guest.$mode" || { kill "$bg_pid"; fail "$mode: the guest did not print /$guest_re/: $(grep '^chan: closed' "$tq_tmp/guest.$mode")"; }
	if [ "$echoed" = - ]; then
		grep -q '^chan: established' "$tq_tmp/guest.$mode" && { kill "$bg_pid"; fail "$mode: the guest established a channel"; }
	elif [ -n "$echoed" ]; then
		grep -q "^chan: $echoed messages, $((echoed * 1024)) bytes echoed" "$tq_tmp/guest.$mode" ||
			{ kill "$bg_pid"; fail "$mode: the guest accepted $(grep -o '[0-9]* messages' "$tq_tmp/guest.$mode"), want $echoed"; }
	fi
	echo "ok $mode ($SECONDS s): $(grep -E -m1 -- "$client_re" "$tq_tmp/client.$mode") / $(grep -E -m1 -- "$guest_re" "$tq_tmp/guest.$mode")"
done <<< "$cases"
wait_bg
expect_status 0
pass "$n relay cases: each tampering detected with its reason on the receiving side, no altered data accepted, no plaintext seen"
