#!/usr/bin/env bash
# RA-TLS on the host (docs/CHANNEL.md 11): lib/'s certificate encoder and
# BearSSL TLS server (the code the guest's ratls app runs, here as
# build/bin/ratls-test over TCP on 127.0.0.1) against independent code:
#  - Debian's `openssl s_client` completes TLS 1.2 with ECDHE-ECDSA and
#    AES-GCM, and its RFC 5705 exporter equals the one the server bound;
#  - Python `cryptography` reads the certificate: v3, self-signed ECDSA P-256
#    signature valid, extension 2.23.133.5.4.9 non-critical holding the
#    (test) evidence, which binds SHA-256 of the SubjectPublicKeyInfo; the
#    fresh evidence binds SHA-256("futeet-ratls-v1 fresh" || client nonce ||
#    SHA-256(SPKI) || exporter), recomputed in Python;
#  - a TLS 1.3-only client and a CBC-only client are refused;
#  - certificates made by Python (an independent encoder) are read by
#    ratls-test parse: the evidence comes out; duplicate, critical or missing
#    extensions and an RSA key are refused with a reason.
# The evidence is the host test's stand-in ("FUTEET-RATLS-HOST-TEST" ||
# nonce), not TEE evidence: tests/qemu/ratls_*.sh checks the real one.
set -u -o pipefail
cd "$(dirname "$0")/../.." || exit 1
B=${BUILD:-build}
name=$(basename "$0" .sh)
tool=$B/bin/ratls-test
PY=/usr/bin/python3
fail() { echo "FAIL $name: $*"; exit 1; }
[ -x "$tool" ] || fail "$tool not built (make tools)"
command -v openssl > /dev/null || fail "openssl not installed"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/futeet-ratls.XXXXXX") || exit 1
srv=
trap '[ -n "$srv" ] && kill "$srv" 2>/dev/null; rm -rf "$tmp"' EXIT

"$tool" serve "$tmp/server.der" 4 > "$tmp/server.out" 2>&1 &
srv=$!
for _ in $(seq 50); do grep -q '^port ' "$tmp/server.out" && break; sleep 0.1; done
port=$(sed -n 's/^port //p' "$tmp/server.out")
[ -n "$port" ] || fail "ratls-test serve did not start: $(tail -n1 "$tmp/server.out")"

label=EXPERIMENTAL-futeet-ratls-v1
nonce=$($PY -c 'import os; print(os.urandom(32).hex())')
sc() { timeout 30 openssl s_client -connect "127.0.0.1:$port" -servername ratls "$@" 2>&1; }

# 1: TLS 1.2, AES-128-GCM, a nonce, the exporter
printf 'nonce %s\nquit\n' "$nonce" | sc -tls1_2 -ign_eof -cipher ECDHE-ECDSA-AES128-GCM-SHA256 \
	-keymatexport "$label" -keymatexportlen 32 > "$tmp/c1.out"
grep -Eq 'Protocol *: TLSv1\.2' "$tmp/c1.out" || fail "connection 1: not TLS 1.2: $(grep -m1 -E 'Protocol|error' "$tmp/c1.out")"
grep -Eq 'Cipher *: ECDHE-ECDSA-AES128-GCM-SHA256' "$tmp/c1.out" || fail "connection 1: suite is not ECDHE-ECDSA-AES128-GCM-SHA256"
grep -q '^ok$' "$tmp/c1.out" || fail "connection 1: no fresh evidence answer"
# 2: a TLS 1.3-only client (BearSSL has no TLS 1.3): refused
printf 'quit\n' | sc -tls1_3 > "$tmp/c2.out"
grep -Eq 'Cipher *: (ECDHE|TLS_)' "$tmp/c2.out" && grep -q 'Protocol *: TLSv1.3' "$tmp/c2.out" && fail "connection 2: TLS 1.3 was accepted"
# 3: CBC suites only: refused
printf 'quit\n' | sc -tls1_2 -cipher 'ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA' > "$tmp/c3.out"
grep -Eq 'Cipher *: ECDHE-ECDSA-AES128-SHA' "$tmp/c3.out" && fail "connection 3: a CBC suite was accepted"
# 4: AES-256-GCM; a malformed nonce and an unknown request each get an error line
printf 'nonce 12zz\nhello\nquit\n' | sc -tls1_2 -ign_eof -cipher ECDHE-ECDSA-AES256-GCM-SHA384 > "$tmp/c4.out"
grep -Eq 'Cipher *: ECDHE-ECDSA-AES256-GCM-SHA384' "$tmp/c4.out" || fail "connection 4: suite is not ECDHE-ECDSA-AES256-GCM-SHA384"
grep -q '^error nonce: 64 hex digits' "$tmp/c4.out" || fail "connection 4: a malformed nonce got no error line"
grep -q '^error unknown request$' "$tmp/c4.out" || fail "connection 4: an unknown request got no error line"
wait "$srv"; rc=$?; srv=
grep -q '^connection 1 ok suite 0xc02b$' "$tmp/server.out" || fail "server: connection 1 not clean: $(grep '^connection 1' "$tmp/server.out")"
grep -q '^connection 2 failed' "$tmp/server.out" || fail "server: the TLS 1.3 client was not refused"
grep -q '^connection 3 failed' "$tmp/server.out" || fail "server: the CBC client was not refused"
grep -q '^connection 4 ok suite 0xc02c$' "$tmp/server.out" || fail "server: connection 4 not clean"
[ "$rc" = 1 ] || fail "server exit status $rc, expected 1 (two refused connections)"

# The certificate as the client saw it, the exporter, the fresh evidence: Python.
sed -n '/-----BEGIN CERTIFICATE-----/,/-----END CERTIFICATE-----/p' "$tmp/c1.out" > "$tmp/client.pem"
openssl x509 -in "$tmp/client.pem" -outform DER -out "$tmp/client.der" 2>/dev/null || fail "openssl cannot read the certificate"
cmp -s "$tmp/client.der" "$tmp/server.der" || fail "the certificate the client received is not the one the server made"
msg=$($PY tests/ratls/ratls_check.py session "$tmp/client.pem" "$tmp/c1.out" "$nonce" "$tmp/fresh.bin" --host-test) ||
	fail "$msg"

# Certificates from an independent encoder (Python cryptography) through our parser.
$PY tests/ratls/ratls_check.py make-certs "$tmp" || fail "could not make the Python certificates"
"$tool" parse "$tmp/py_ok.der" > "$tmp/p.out" || fail "a Python-made certificate was refused: $(cat "$tmp/p.out")"
grep -q '^evidence a168656c6c6f20636d77$' "$tmp/p.out" || fail "the Python certificate's extension did not come out: $(head -n1 "$tmp/p.out")"
grep -q '^self-signed ok$' "$tmp/p.out" || fail "the Python certificate's signature did not verify"
refused() { "$tool" parse "$1" | grep -E "^refused: .*$2" || true; }
[ -n "$(refused "$tmp/py_none.der" 'no evidence extension')" ] || fail "a certificate without the extension was not refused"
[ -n "$(refused "$tmp/py_crit.der" 'critical')" ] || fail "a critical evidence extension was not refused"
[ -n "$(refused "$tmp/py_rsa.der" 'P-256')" ] || fail "an RSA certificate was not refused"
# The same extension twice (RFC 5280 4.2 forbids it)
$PY tests/ratls/ratls_check.py dup-ext "$tmp/server.der" "$tmp/dup.der" || fail "could not splice the duplicate"
[ -n "$(refused "$tmp/dup.der" 'more than once')" ] || fail "a duplicated evidence extension was not refused: $("$tool" parse "$tmp/dup.der")"
# futeet-verify --cert: unreadable certificates and inconsistent options are
# usage errors (status 2) with a reason
V=$B/bin/futeet-verify
vr() { "$V" "$@" > /dev/null 2> "$tmp/v.err"; echo "$? $(tail -n1 "$tmp/v.err")"; }
r=$(vr --cert "$tmp/py_none.der"); case $r in "2 "*"no evidence extension"*) ;; *) fail "futeet-verify --cert without the extension: $r" ;; esac
r=$(vr --cert "$tmp/dup.der"); case $r in "2 "*"more than once"*) ;; *) fail "futeet-verify --cert with two extensions: $r" ;; esac
r=$(vr --cert "$tmp/server.der"); case $r in "2 "*"certificate's evidence"*) ;; *) fail "futeet-verify --cert with stand-in evidence: $r" ;; esac
r=$(vr --cert "$tmp/server.der" --nonce 00); case $r in "2 "*"no --nonce"*) ;; *) fail "futeet-verify --cert --nonce: $r" ;; esac
r=$(vr --cert "$tmp/server.der" "$tmp/fresh.bin"); case $r in "2 "*"--client-nonce and --exporter"*) ;; *) fail "futeet-verify FRESH without --client-nonce: $r" ;; esac
echo "PASS $name"
