# Helpers for the sim-snp QEMU tests (tests/qemu/snp_*.sh). Sourced, not run.
# The guest program is user/apps/attest; the host is tools/futeet-sim, whose
# stderr lines reach us prefixed "sim: " (scripts/run), one line per request
# it received ("futeet-sim: request N op M: ...").
. "$(dirname "$0")/lib.sh"

NONCE=00112233445566778899aabbccddeeff
# The firmware sim-snp boots (-bios; scripts/run's FUTEET_SNP_FIRMWARE): its
# MEASUREMENT is this file's SEV-SNP launch digest.
OVMF_CODE=${FUTEET_SNP_FIRMWARE:-/usr/share/ovmf/OVMF.fd}
# RSA-4096 key generation on a cold sim cache can take a while on a busy box.
export FUTEET_SIM_READY_TIMEOUT=${FUTEET_SIM_READY_TIMEOUT:-240}

# snp_boot ARGS...: lib.sh's boot, then repair the output: the sim's stderr
# lines (scripts/run forwards them into the same stream) can land in the
# middle of a serial line; move each to a line of its own and rejoin the
# serial line it split.
snp_boot() {
	boot "$@"
	perl -0pi -e '1 while s/^([^\n]+?)(sim: futeet-sim: [^\n]*\n)/$2$1/m' "$out"
}

# Requests the sim received during the last boot.
sim_requests() {
	grep -c '^sim: futeet-sim: request ' "$out"
}

# attest_field NAME: the first word after "attest: NAME" in the last boot.
attest_field() {
	sed -n "s/^attest: $1  *\([^ ]*\).*/\1/p" "$out" | head -n 1
}

# The command line the kernel saw (it prints it before using it).
guest_cmdline() {
	sed -n 's/^futeet: command line: "\(.*\)"$/\1/p' "$out" | head -n 1
}

# save_evidence FILE: the BEGIN/END block of the last boot. The sim's
# stderr lines (forwarded by scripts/run into the same stream) can land in the
# middle of a serial line: cut them out wherever they start, then keep only
# base64 lines.
save_evidence() {
	perl -0pe 's/sim: futeet-sim: [^\n]*\n//g' "$out" |
		sed -n '/^-----BEGIN FUTEET EVIDENCE-----$/,/^-----END FUTEET EVIDENCE-----$/p' |
		grep -E '^(-----(BEGIN|END) FUTEET EVIDENCE-----|[A-Za-z0-9+/=]{1,64})$' > "$1"
	[ -s "$1" ] || fail "no evidence block in the output"
}
