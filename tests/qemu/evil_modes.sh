#!/usr/bin/env bash
# Proves: for every row of tests/qemu/evil_modes.table, a sim playing that
# evil mode gets the behaviour the row names: the guest's exit status, its
# one-line reason, and either no evidence reaching the program (host modes)
# or evidence that the independent checker refuses (firmware modes). One
# boot per row; "ok"/"not ok" per row; fails on the first bad row with the
# row's mode in the reason. EVIL_MODES=regex runs only matching modes.
. "$(dirname "$0")/tdx_lib.sh"
table=tests/qemu/evil_modes.table
rows=0
while IFS= read -r row; do
	case "$row" in ''|'#'*) continue ;; esac
	IFS='|' read -r platform mode args want line then <<< "$row"
	platform=$(echo $platform); mode=$(echo $mode); args=$(echo $args); want=$(echo $want)
	line=$(echo "$line" | sed 's/^ *//; s/ *$//'); then=$(echo "$then" | sed 's/^ *//; s/ *$//')
	[ -n "${EVIL_MODES:-}" ] && ! echo "$mode" | grep -Eq "$EVIL_MODES" && continue
	[ "$args" = - ] && args=
	rows=$((rows + 1))
	snp_boot --platform "$platform" --evil "$mode" --init attest -- $args "$NONCE"
	expect_status "$want" "$platform/$mode: exit status"
	expect_line "$line" "$platform/$mode: the guest's reason"
	case "$then" in
	no-evidence)
		expect_no_line '^-----BEGIN FUTEET EVIDENCE-----$' "$platform/$mode: no evidence may reach the program"
		expect_line '^attest: failed: no evidence: ' "$platform/$mode: the program gets a one-line reason"
		;;
	check-fails:*)
		save_evidence "$tq_tmp/ev.txt"
		if [ "$platform" = sim-tdx ]; then
			tdx_check "$tq_tmp/ev.txt" && fail "$platform/$mode: the checker accepted the evidence"
		else
			fail "$platform/$mode: no checker for this platform"
		fi
		grep -Eq "^FAIL: .*${then#check-fails:}" "$tq_tmp/check.out" ||
			fail "$platform/$mode: the checker refused for another reason: $(tail -n 1 "$tq_tmp/check.out")"
		;;
	*) fail "$table: unknown 'then' column '$then' for $platform/$mode" ;;
	esac
	echo "ok $rows - $platform/$mode"
done < "$table"
[ "$rows" -gt 0 ] || fail "no row of $table ran"
pass "$rows evil modes behaved as their rows say"
