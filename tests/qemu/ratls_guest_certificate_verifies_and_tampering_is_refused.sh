#!/usr/bin/env bash
# RA-TLS certificate from a guest (docs/CHANNEL.md 11.2): the app ratls on
# sim-snp makes a key, sim evidence binding it (cnf, eat_nonce = SHA-256(SPKI))
# and a self-signed certificate, and prints it. One boot, then on the host:
#  - openssl reads it (v3, ecdsa-with-SHA256, extension 2.23.133.5.4.9);
#  - Python cryptography checks its self-signature and extension
#    (tests/ratls/ratls_check.py);
#  - futeet-verify --cert --allow-sim accepts it (warning: sim root) and says
#    the key is bound; without --allow-sim it is refused;
#  - the same evidence under another key (Python re-issued), one bit changed
#    in the evidence's claims, or one bit of the signature: each refused
#    (status 1) with its reason.
# A second boot on sim-tdx: the certificate with a TDX quote verifies the same
# way, and under another key is refused.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
V=$FUTEET_BUILD/bin/futeet-verify
boot --platform sim-snp --init ratls -- --print-only
expect_status 0 "ratls --print-only"
expect_line '^ratls: certificate [0-9]+ bytes, SHA-256\(SubjectPublicKeyInfo\) [0-9a-f]{64}$' "certificate made"
# the PEM block, without the host's log lines scripts/run may splice into it
$PY tests/ratls/ratls_check.py console-pem "$out" "$tq_tmp/guest.pem" || fail "no certificate on the console"
openssl x509 -in "$tq_tmp/guest.pem" -noout -text > "$tq_tmp/x509.txt" 2>&1 || fail "openssl cannot read the certificate"
grep -q 'Version: 3' "$tq_tmp/x509.txt" && grep -q 'ecdsa-with-SHA256' "$tq_tmp/x509.txt" &&
	grep -q '2.23.133.5.4.9:' "$tq_tmp/x509.txt" || fail "openssl: not v3 / ecdsa-with-SHA256 / no 2.23.133.5.4.9"
spki=$(sed -n 's/^ratls: certificate .* SHA-256(SubjectPublicKeyInfo) //p' "$out")
got=$(openssl x509 -in "$tq_tmp/guest.pem" -noout -pubkey | openssl pkey -pubin -outform DER | sha256sum | cut -d' ' -f1)
[ "$spki" = "$got" ] || fail "the guest's SHA-256(SPKI) $spki is not openssl's $got"

$V --cert "$tq_tmp/guest.pem" --allow-sim --format text > "$tq_tmp/v.out" 2> "$tq_tmp/v.err"
rc=$?
[ "$rc" = 3 ] || fail "futeet-verify --cert --allow-sim: status $rc, expected 3 (warning): $(tail -n1 "$tq_tmp/v.err")"
grep -q "certificate: cnf is the certificate's key, eat_nonce binds SHA-256(SubjectPublicKeyInfo)" "$tq_tmp/v.err" ||
	fail "futeet-verify did not report the key binding"
grep -q "nonce *$spki (the claims' eat_nonce): equals the expected nonce" "$tq_tmp/v.out" ||
	fail "the decoded claims do not show eat_nonce = SHA-256(SPKI)"
$V --cert "$tq_tmp/guest.pem" > /dev/null 2> "$tq_tmp/v.err"
rc=$?
[ "$rc" = 1 ] && grep -q 'sim test root' "$tq_tmp/v.err" || fail "without --allow-sim: status $rc, $(tail -n1 "$tq_tmp/v.err")"

check_refused() { # variant reason-ERE
	$PY tests/ratls/ratls_check.py "$1" "$tq_tmp/guest.pem" "$tq_tmp/$1.pem" || fail "ratls_check.py $1 failed"
	$V --cert "$tq_tmp/$1.pem" --allow-sim > /dev/null 2> "$tq_tmp/$1.err"
	rc=$?
	[ "$rc" = 1 ] || fail "$1: status $rc, expected 1: $(tail -n1 "$tq_tmp/$1.err")"
	grep -Eq "contraindicated: .*$2" "$tq_tmp/$1.err" || fail "$1: reason is not /$2/: $(tail -n1 "$tq_tmp/$1.err")"
}
check_refused rekey "certificate: the evidence's cnf key is not the certificate's key"
check_refused flip "REPORT_DATA is not SHA-512"
check_refused badsig "certificate: the certificate is not self-signed by its key"

boot --platform sim-tdx --init ratls -- --print-only
expect_status 0 "ratls --print-only on sim-tdx"
$PY tests/ratls/ratls_check.py console-pem "$out" "$tq_tmp/guest.pem" || fail "no certificate on the sim-tdx console"
$V --cert "$tq_tmp/guest.pem" --allow-sim --format text > "$tq_tmp/v.out" 2> "$tq_tmp/v.err"
rc=$?
[ "$rc" = 3 ] && grep -q "certificate: cnf is the certificate's key" "$tq_tmp/v.err" &&
	grep -q 'provider sim_tdx_guest' "$tq_tmp/v.out" ||
	fail "sim-tdx certificate: status $rc: $(tail -n1 "$tq_tmp/v.err")"
check_refused rekey "certificate: the evidence's cnf key is not the certificate's key"
pass "the guest's RA-TLS certificate verifies (sim-snp, sim-tdx); another key, altered evidence, a bad signature are refused"
