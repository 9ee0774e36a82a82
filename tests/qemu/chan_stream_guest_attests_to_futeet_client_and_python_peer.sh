#!/usr/bin/env bash
# Proves: a sim-snp guest (`chan serve`, libfuteet futeet_chan_* over the
# virtio-console stream port) completes the attested handshake of
# docs/CHANNEL.md with two independent clients on one boot, and each side
# prints what it verified:
#   1. futeet-client (lib/chan.c + lib/verify on the host) appraises the
#      guest's fresh evidence (sim root allowed: EAR warning), the guest
#      accepts the client as unattested (its policy allows it); the client's
#      message comes back through the records;
#   2. tests/chan/chan_peer.py (Python `cryptography`, written from
#      CHANNEL.md; the guest's evidence appraised by futeet-verify with the
#      binding as nonce, cnf compared with the hello's key) does the same;
#   3. a client whose policy wants another launch measurement refuses the
#      guest (reason 7 evidence), and the guest prints the peer's ABORT;
#   4. a client whose policy forbids the sim root refuses the guest (7);
#   5. a peer replaying genuine sim evidence (made for another nonce and
#      key) is refused by the guest, whose policy forbids the sim root (7);
#   6. a second boot with the SNP DEBUG policy bit: the client refuses the
#      debug guest under the default policy (debug_forbidden);
#   7. a third boot with the roles turned: the guest initiates (`chan
#      call`, QEMU connecting with --chan-connect) to a listening
#      futeet-client, which verifies it; the messages cross both ways.
. "$(dirname "$0")/lib.sh"
client=$FUTEET_BUILD/bin/futeet-client
verify=$FUTEET_BUILD/bin/futeet-verify
[ -x "$client" ] && [ -x "$verify" ] || fail "futeet-client/futeet-verify not built"
sock="$tq_tmp/chan.sock"
export QEMU_BOOT_TIMEOUT=${QEMU_BOOT_TIMEOUT_CHAN:-300}
boot_bg --platform sim-snp --chan-socket "$sock" --init chan -- serve 5 --allow-unattested
wait_line '^chan: serve 1/5 ready'
run_client client 0 "$client" --connect "unix:$sock" --allow-sim --send "hello from futeet-client"
grep -q '^futeet-client: established sid=[0-9a-f]\{32\} peer=sev-snp (sim_sev_guest, sim root) warning, cnf P-256.* mode=fresh$' "$tq_tmp/client.out" ||
	fail "futeet-client did not verify the guest's fresh evidence"
grep -q '^chan: peer says: hello from futeet-client$' "$tq_tmp/client.out" || fail "futeet-client: no echo"
sid=$(sed -n 's/^futeet-client: established sid=\([0-9a-f]*\) .*/\1/p' "$tq_tmp/client.out")
wait_line '^chan: serve 2/5 ready'
expect_line "^chan: established transport=stream sid=$sid peer=UNATTESTED" "the guest saw the same session id and an unattested client"
expect_line '^chan: peer says: hello from futeet-client$'

run_client python 0 /usr/bin/python3 tests/chan/chan_peer.py connect "$sock" --unattested \
	--verifier "$verify" --verifier-opt --allow-sim --accept-warning \
	--send "hello from python" --expect "hello from python"
grep -q '^chan: established sid=[0-9a-f]\{32\} peer=sev-snp (sim_sev_guest, root futeet-sim-test-root) warning' "$tq_tmp/python.out" ||
	fail "chan_peer.py did not verify the guest's evidence"
psid=$(sed -n 's/^chan: established sid=\([0-9a-f]*\) .*/\1/p' "$tq_tmp/python.out")
wait_line '^chan: serve 3/5 ready'
expect_line "^chan: established transport=stream sid=$psid " "the guest and the Python peer agree on the session id"

printf '{"reference_measurements": ["%s"]}' "$(printf '00%.0s' $(seq 48))" > "$tq_tmp/wrong-meas.json"
run_client wrongmeas 1 "$client" --connect "unix:$sock" --allow-sim --policy "$tq_tmp/wrong-meas.json" --send x
grep -q 'closed: local reason 7 evidence' "$tq_tmp/wrongmeas.out" || fail "wrong measurement: no local refusal (7)"
grep -qi 'measurement' "$tq_tmp/wrongmeas.out" || fail "wrong measurement: the client did not say why"
wait_line '^chan: serve 4/5 ready'
expect_line '^chan: closed: peer reason 7 evidence' "the guest printed the client's ABORT"

run_client nosim 1 "$client" --connect "unix:$sock" --send x
grep -q 'closed: local reason 7 evidence' "$tq_tmp/nosim.out" || fail "sim root forbidden: no refusal (7)"
wait_line '^chan: serve 5/5 ready'

run_client replay 1 /usr/bin/python3 tests/chan/chan_peer.py connect "$sock" \
	--evidence-file tests/data/sim/attest-vmpl0.cmw --verifier "$verify" --verifier-opt --allow-sim --accept-warning
grep -q '^chan: closed: peer evidence (7)' "$tq_tmp/replay.out" || fail "replayed sim evidence: the guest did not refuse it (7)"
wait_line '^chan: served 5'
wait_bg
expect_line '^chan: closed: local reason 7 evidence' "the guest refused the replayed evidence itself"
expect_status 0

# 6. a debug guest (SNP guest policy 0xB0000: bit 19 DEBUG, SNP ABI 56860 table 9)
boot_bg --platform sim-snp --sim-opt --policy --sim-opt 0xB0000 --chan-socket "$tq_tmp/dbg.sock" \
	--init chan -- serve 1 --allow-unattested
wait_line '^chan: serve 1/1 ready'
run_client debug 1 "$client" --connect "unix:$tq_tmp/dbg.sock" --allow-sim --send x
grep -q 'closed: local reason 7 evidence' "$tq_tmp/debug.out" || fail "debug guest: not refused (7)"
grep -qi 'debug' "$tq_tmp/debug.out" || fail "debug guest: the client did not say debug"
wait_bg

# 7. the guest as the initiator
lsock="$tq_tmp/listen.sock"
timeout 120 "$client" --listen "unix:$lsock" --allow-sim --send "hello from the host" > "$tq_tmp/listen.out" 2>&1 &
lpid=$!
for _ in $(seq 50); do [ -S "$lsock" ] && break; sleep 0.1; done
boot --platform sim-snp --chan-connect "$lsock" --init chan -- call hello-from-the-guest --allow-unattested
wait "$lpid"
lst=$?
sed 's/^/  listen: /' "$tq_tmp/listen.out"
expect_status 0 "chan call (the guest as initiator)"
expect_line '^chan: established transport=stream sid=[0-9a-f]{32} peer=UNATTESTED' "the guest initiated a channel"
expect_line '^chan: peer says: hello from the host$' "the host's message reached the guest"
[ $lst -eq 0 ] || fail "the listening futeet-client: status $lst: $(tail -n 1 "$tq_tmp/listen.out")"
grep -q '^futeet-client: established sid=[0-9a-f]\{32\} peer=sev-snp (sim_sev_guest, sim root) warning, cnf P-256.* mode=fresh$' "$tq_tmp/listen.out" ||
	fail "the listening futeet-client did not verify the guest"
grep -q '^chan: peer says: hello-from-the-guest$' "$tq_tmp/listen.out" || fail "the guest's message did not reach the host"
pass "futeet-client and chan_peer.py verified the guest and exchanged records (guest as responder and as initiator); wrong measurement, sim root, replayed evidence and debug refused with reason 7"
