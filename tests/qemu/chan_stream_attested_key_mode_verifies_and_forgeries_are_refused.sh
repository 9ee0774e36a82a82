#!/usr/bin/env bash
# Proves: the attested-key mode of docs/CHANNEL.md section 4 end to end, a
# sim-snp guest (`chan serve --ak`, libfuteet FUTEET_CHAN_ATTESTED_KEY over
# the virtio-console stream) against the two independent host peers:
#   1. futeet-client (lib/chan.c + lib/verify) verifies the guest's attested
#      key and its signature: mode=attested-key; the guest says own=attested-key;
#   2. chan_peer.py (Python `cryptography`, evidence appraised by
#      futeet-verify without a nonce, the signature checked with the cnf of
#      the verified claims) does the same twice, and the evidence it saw is
#      byte for byte the same both times: attested once, not per handshake;
#   3. futeet-client whose policy file says "forbid_attested_key": its hello
#      asks for fresh evidence and gets it (mode=fresh);
#   4. chan_peer.py sending the guest's own attested-key evidence (genuine,
#      sim root, allowed) with a signature by a key of its own (the evidence's
#      cnf is another key): the guest refuses with reason 10 signature; and
#      with that signature's bit flipped, reason 10 again;
#   5. a second boot whose policy forbids the mode (`--forbid-ak`, the JSON
#      policy's forbid_attested_key): a peer that sends it anyway is refused
#      with reason 9 mode-forbidden, before its evidence is looked at.
. "$(dirname "$0")/lib.sh"
client=$FUTEET_BUILD/bin/futeet-client
verify=$FUTEET_BUILD/bin/futeet-verify
peer=tests/chan/chan_peer.py
[ -x "$client" ] && [ -x "$verify" ] || fail "futeet-client/futeet-verify not built"
sock="$tq_tmp/chan.sock"
export QEMU_BOOT_TIMEOUT=${QEMU_BOOT_TIMEOUT_CHAN:-300}
pyverify=(--verifier "$verify" --verifier-opt --allow-sim --accept-warning)

boot_bg --platform sim-snp --chan-socket "$sock" --init chan -- serve 6 --ak --allow-sim --allow-unattested
wait_line '^chan: serve 1/6 ready'
grep -q '^chan: policy .* +attested-key$' "$out" || fail "the guest did not take --ak"
run_client client 0 "$client" --connect "unix:$sock" --allow-sim --send "ak one"
grep -q '^futeet-client: established sid=[0-9a-f]\{32\} peer=sev-snp (sim_sev_guest, sim root) warning, cnf P-256.* mode=attested-key$' "$tq_tmp/client.out" ||
	fail "futeet-client did not verify the guest's attested key"
wait_line '^chan: serve 2/6 ready'
expect_line '^chan: established transport=stream sid=[0-9a-f]{32} peer=UNATTESTED.* own=attested-key us=[0-9]+$' "the guest says it used its attested key"

run_client py1 0 /usr/bin/python3 "$peer" connect "$sock" --unattested "${pyverify[@]}" \
	--save-peer-evidence "$tq_tmp/ak1.cmw" --send "ak two" --expect "ak two"
grep -q '^chan: established sid=[0-9a-f]\{32\} peer=sev-snp (sim_sev_guest, root futeet-sim-test-root) warning.* mode=attested-key ' "$tq_tmp/py1.out" ||
	fail "chan_peer.py did not verify the guest's attested key"
wait_line '^chan: serve 3/6 ready'
run_client py2 0 /usr/bin/python3 "$peer" connect "$sock" --unattested "${pyverify[@]}" \
	--save-peer-evidence "$tq_tmp/ak2.cmw" --send "ak three" --expect "ak three"
grep -q ' mode=attested-key ' "$tq_tmp/py2.out" || fail "second Python handshake: not attested-key"
[ -s "$tq_tmp/ak1.cmw" ] && cmp -s "$tq_tmp/ak1.cmw" "$tq_tmp/ak2.cmw" ||
	fail "the guest's attested-key evidence changed between handshakes (not attested once)"
wait_line '^chan: serve 4/6 ready'

echo '{"forbid_attested_key": true}' > "$tq_tmp/fresh-only.json"
run_client fresh 0 "$client" --connect "unix:$sock" --allow-sim --policy "$tq_tmp/fresh-only.json" --send "fresh please"
grep -q '^futeet-client: established .* mode=fresh$' "$tq_tmp/fresh.out" ||
	fail "a policy forbidding the attested key did not get fresh evidence"
wait_line '^chan: serve 5/6 ready'
expect_line '^chan: established transport=stream .* own=fresh us=[0-9]+$' "the guest honoured FRESH_REQUIRED"

run_client stolen 1 /usr/bin/python3 "$peer" connect "$sock" --ak-evidence-file "$tq_tmp/ak1.cmw" \
	"${pyverify[@]}" --send x
grep -q '^chan: closed: peer signature (10)$' "$tq_tmp/stolen.out" ||
	fail "the guest's evidence under another key's signature: not refused with reason 10"
wait_line '^chan: serve 6/6 ready'
expect_line '^chan: closed: local reason 10 signature' "the guest refused the signature itself"
run_client badsig 1 /usr/bin/python3 "$peer" connect "$sock" --ak-evidence-file "$tq_tmp/ak1.cmw" \
	--ak-bad-sig "${pyverify[@]}" --send x
grep -q '^chan: closed: peer signature (10)$' "$tq_tmp/badsig.out" || fail "a flipped signature: not refused with reason 10"
wait_line '^chan: served 6'
wait_bg
expect_status 0
[ "$(grep -c '^chan: closed: local reason 10 signature' "$out")" -eq 2 ] || fail "the guest did not refuse both forged signatures"
expect_no_line 'BEGIN .*PRIVATE|ak_priv' "no private key on the console"

# 5. the policy forbids the mode: refused before the evidence is appraised
boot_bg --platform sim-snp --chan-socket "$tq_tmp/f.sock" --init chan -- serve 1 --forbid-ak --allow-sim
wait_line '^chan: serve 1/1 ready'
grep -q '"forbid_attested_key": true' "$out" || fail "the guest's policy does not say forbid_attested_key"
run_client forbidden 1 /usr/bin/python3 "$peer" connect "$tq_tmp/f.sock" --ak-evidence-file "$tq_tmp/ak1.cmw" \
	"${pyverify[@]}" --send x
grep -q '^chan: closed: peer mode-forbidden (9)$' "$tq_tmp/forbidden.out" || fail "forbidden mode: not refused with reason 9"
wait_line '^chan: served 1'
wait_bg
expect_line '^chan: closed: local reason 9 mode-forbidden' "the guest names reason 9"
pass "attested-key mode: futeet-client and chan_peer.py verify the guest's key (evidence made once); a policy forbidding it gets fresh evidence or refuses with 9; another key's or a flipped signature refused with 10"
