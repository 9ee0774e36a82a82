#!/usr/bin/env bash
# RA-TLS with a stock client (docs/CHANNEL.md 11): the app ratls on sim-snp
# serves TLS 1.2 over the stream port (virtio console bound to a QEMU unix
# socket); Debian's `openssl s_client` connects three times in one boot:
#  1. ECDHE-ECDSA-AES128-GCM-SHA256, sends a nonce, gets fresh evidence; its
#     RFC 5705 exporter (-keymatexport) equals the guest's;
#  2. TLS 1.3 only: refused by the guest (BearSSL has no TLS 1.3);
#  3. ECDHE-ECDSA-AES256-GCM-SHA384, plain close.
# On the host: the certificate the client saved passes futeet-verify --cert
# --allow-sim (warning: sim root) with the key bound; the fresh evidence
# passes with --client-nonce/--exporter, and is refused (status 1) for another
# nonce or another exporter; Python cryptography checks the certificate.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
V=$FUTEET_BUILD/bin/futeet-verify
sock="$tq_tmp/ratls.sock"
label=EXPERIMENTAL-futeet-ratls-v1
sc() { timeout 60 openssl s_client -unix "$sock" "$@" 2>&1; }

boot_bg --platform sim-snp --chan-socket "$sock" --init ratls -- --connections 3
wait_line '^ratls: serving TLS 1.2 on the stream port' 120
nonce=$($PY -c 'import os; print(os.urandom(32).hex())')
printf 'nonce %s\nquit\n' "$nonce" | sc -tls1_2 -ign_eof -cipher ECDHE-ECDSA-AES128-GCM-SHA256 \
	-keymatexport "$label" -keymatexportlen 32 > "$tq_tmp/c1.out"
wait_line '^ratls: connection 1 ' 60
printf 'quit\n' | sc -tls1_3 > "$tq_tmp/c2.out"
wait_line '^ratls: connection 2 ' 60
sleep 1   # the guest drops what a refused client left (500 ms)
printf 'quit\n' | sc -tls1_2 -ign_eof -cipher ECDHE-ECDSA-AES256-GCM-SHA384 > "$tq_tmp/c3.out"
wait_bg

grep -Eq 'Protocol *: TLSv1\.2' "$tq_tmp/c1.out" || fail "connection 1 is not TLS 1.2: $(grep -m1 -iE 'error|alert' "$tq_tmp/c1.out")"
grep -Eq 'Cipher *: ECDHE-ECDSA-AES128-GCM-SHA256' "$tq_tmp/c1.out" || fail "connection 1: suite is not ECDHE-ECDSA-AES128-GCM-SHA256"
grep -q '^ok$' "$tq_tmp/c1.out" || fail "connection 1: no fresh evidence: $(grep -m1 '^error' "$tq_tmp/c1.out")"
expect_line '^ratls: connection 1 closed cleanly \(suite 0xc02b\)' "connection 1 clean"
expect_line '^ratls: connection 2 failed' "the TLS 1.3-only client refused"
grep -q 'Protocol *: TLSv1.3' "$tq_tmp/c2.out" && fail "connection 2 negotiated TLS 1.3"
grep -Eq 'Cipher *: ECDHE-ECDSA-AES256-GCM-SHA384' "$tq_tmp/c3.out" || fail "connection 3: suite is not ECDHE-ECDSA-AES256-GCM-SHA384"
expect_line '^ratls: connection 3 closed cleanly \(suite 0xc02c\)' "connection 3 clean"
expect_status 1 "one of three connections was refused"

sed -n '/-----BEGIN CERTIFICATE-----/,/-----END CERTIFICATE-----/p' "$tq_tmp/c1.out" > "$tq_tmp/cert.pem"
exporter=$($PY tests/ratls/ratls_check.py session "$tq_tmp/cert.pem" "$tq_tmp/c1.out" "$nonce" "$tq_tmp/fresh.cbor") ||
	fail "$exporter"
# the certificate the console printed is the one the client received
$PY tests/ratls/ratls_check.py console-pem "$out" "$tq_tmp/console.pem" || fail "no certificate on the console"
[ "$(openssl x509 -in "$tq_tmp/console.pem" -outform DER | sha256sum)" = \
  "$(openssl x509 -in "$tq_tmp/cert.pem" -outform DER | sha256sum)" ] ||
	fail "the client received another certificate than the guest printed"

$V --cert "$tq_tmp/cert.pem" --allow-sim > /dev/null 2> "$tq_tmp/v1.err"
rc=$?
[ "$rc" = 3 ] && grep -q "certificate: cnf is the certificate's key" "$tq_tmp/v1.err" ||
	fail "futeet-verify --cert: status $rc: $(tail -n1 "$tq_tmp/v1.err")"
$V --cert "$tq_tmp/cert.pem" --client-nonce "$nonce" --exporter "$exporter" --allow-sim \
	"$tq_tmp/fresh.cbor" > /dev/null 2> "$tq_tmp/v2.err"
rc=$?
[ "$rc" = 3 ] && grep -q "eat_nonce binds the client's nonce, the key and the TLS exporter" "$tq_tmp/v2.err" ||
	fail "fresh evidence: status $rc: $(tail -n1 "$tq_tmp/v2.err")"
other=$($PY -c 'import os; print(os.urandom(32).hex())')
$V --cert "$tq_tmp/cert.pem" --client-nonce "$other" --exporter "$exporter" --allow-sim \
	"$tq_tmp/fresh.cbor" > /dev/null 2> "$tq_tmp/v3.err"
rc=$?
[ "$rc" = 1 ] || fail "fresh evidence under another nonce: status $rc, expected 1"
$V --cert "$tq_tmp/cert.pem" --client-nonce "$nonce" --exporter "$other" --allow-sim \
	"$tq_tmp/fresh.cbor" > /dev/null 2> "$tq_tmp/v4.err"
rc=$?
[ "$rc" = 1 ] || fail "fresh evidence under another exporter: status $rc, expected 1"
grep -q 'eat_nonce' "$tq_tmp/v4.err" || fail "another exporter: reason $(tail -n1 "$tq_tmp/v4.err")"
pass "openssl s_client: TLS 1.2 ECDHE-ECDSA AES-GCM with the guest, certificate and fresh evidence verify; TLS 1.3, another nonce or exporter refused"
