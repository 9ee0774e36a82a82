#!/usr/bin/env bash
# Proves: for every row of tests/qemu/evil_modes.table, a sim playing that
# evil mode gets the behaviour the row names: the guest's exit status, its
# one-line reason, and the row's other checks: no evidence reaching the
# program (host modes) or evidence that the independent checker or the
# verifier refuses (firmware modes), the SNP message key wiped or kept, the
# number of requests the host saw. One boot per row; "ok" per row; fails on
# the first bad row with the row's platform and mode in the reason.
# EVIL_MODES=regex runs only the rows whose "platform/mode" matches.
. "$(dirname "$0")/tdx_lib.sh"
table=tests/qemu/evil_modes.table
rows=0

# check_row CHECK: one entry of the row's 'then' column (the table's header
# says what each means) against the last boot.
check_row() {
	local c=$1 n rc
	case "$c" in
	no-evidence)
		expect_no_line '^-----BEGIN FUTEET EVIDENCE-----$' "$platform/$mode: no evidence may reach the program"
		expect_line '^attest: failed: no evidence: ' "$platform/$mode: the program gets a one-line reason"
		;;
	evidence)
		expect_line '^-----END FUTEET EVIDENCE-----$' "$platform/$mode: the evidence reaches the program"
		;;
	check-fails:*)
		save_evidence "$tq_tmp/ev.txt"
		if [ "$platform" = sim-tdx ]; then
			tdx_check "$tq_tmp/ev.txt" && fail "$platform/$mode: the checker accepted the evidence"
		else
			fail "$platform/$mode: no checker for this platform"
		fi
		grep -Eq "^FAIL: .*${c#check-fails:}" "$tq_tmp/check.out" ||
			fail "$platform/$mode: the checker refused for another reason: $(tail -n 1 "$tq_tmp/check.out")"
		;;
	verifier-refuses)
		[ -x "$FUTEET_BUILD/bin/futeet-verify" ] || fail "futeet-verify not built"
		save_evidence "$tq_tmp/ev.txt"
		"$FUTEET_BUILD/bin/futeet-verify" --allow-sim --nonce "$NONCE" "$tq_tmp/ev.txt" \
			> /dev/null 2> "$tq_tmp/err"
		rc=$?
		[ $rc = 1 ] || fail "$platform/$mode: futeet-verify exit $rc, expected 1 ($(head -c 300 "$tq_tmp/err"))"
		;;
	measurement-differs)
		local got want
		got=$(attest_field measurement)
		want=$("$FUTEET_BUILD/bin/futeet-measure" --platform "$platform" "$FUTEET_BUILD/futeet.efi" \
			--cmdline "$(guest_cmdline)" --ovmf "$OVMF_CODE" | grep -Eo '[0-9a-f]{96}' | head -n 1)
		[ -n "$got" ] && [ -n "$want" ] ||
			fail "$platform/$mode: missing measurement (reported '$got', reference '$want')"
		[ "$got" != "$want" ] || fail "$platform/$mode: MEASUREMENT equals the reference value"
		;;
	key-wiped)
		expect_line '^futeet: snp: SNP guest requests disabled: VMPCK0 wiped after a bad response$' \
			"$platform/$mode: the second request is refused because VMPCK0 is gone"
		expect_line '^attest: failed: .*Key was rejected' "$platform/$mode: the second attempt fails with EKEYREJECTED"
		expect_no_line 'second request succeeded' "$platform/$mode: the second attempt must fail"
		;;
	key-kept)
		expect_no_line 'VMPCK0 wiped' "$platform/$mode: an authentic answer does not wipe the key"
		;;
	no-key)
		expect_line '^attest: failed: key derivation: ' "$platform/$mode: the program gets a one-line reason"
		expect_no_line '^attest: key_fingerprint' "$platform/$mode: no key reaches the program"
		;;
	requests=*)
		n=$(sim_requests)
		[ "$n" = "${c#requests=}" ] || fail "$platform/$mode: the sim received $n requests, expected ${c#requests=}"
		;;
	*) fail "$table: unknown 'then' entry '$c' for $platform/$mode" ;;
	esac
}
while IFS= read -r row; do
	case "$row" in ''|'#'*) continue ;; esac
	IFS='|' read -r platform mode args want line then <<< "$row"
	platform=$(echo $platform); mode=$(echo $mode); args=$(echo $args); want=$(echo $want)
	line=$(echo "$line" | sed 's/^ *//; s/ *$//'); then=$(echo "$then" | sed 's/^ *//; s/ *$//')
	[ -n "${EVIL_MODES:-}" ] && ! echo "$platform/$mode" | grep -Eq "$EVIL_MODES" && continue
	[ "$args" = - ] && args=
	rows=$((rows + 1))
	snp_boot --platform "$platform" --evil "$mode" --init attest -- $args "$NONCE" < /dev/null
	expect_status "$want" "$platform/$mode: exit status"
	expect_line "$line" "$platform/$mode: the guest's reason"
	IFS=, read -r -a checks <<< "$then"
	for c in "${checks[@]}"; do
		check_row "$c"
	done
	echo "ok $rows - $platform/$mode"
done < "$table"
[ "$rows" -gt 0 ] || fail "no row of $table ran"
pass "$rows evil modes behaved as their rows say"
