#!/usr/bin/env bash
# Proves: a static-PIE program (musl, rcrt1.o: it relocates itself) built
# outside FUTEET loads at the user base from an initrd and prints the same
# stdout and exits with the same status as on the host.
. "$(dirname "$0")/lib.sh"
command -v musl-gcc >/dev/null || fail "musl-gcc missing (scripts/setup installs musl-tools)"
M=/usr/lib/x86_64-linux-musl
root="$tq_tmp/root"
mkdir -p "$root/bin" "$root/tmp"
musl-gcc -fPIE -O2 -c tests/qemu/linux/pie_files.c -o "$tq_tmp/pie.o" &&
	gcc -nostdlib -static-pie -o "$root/bin/pie" $M/rcrt1.o $M/crti.o "$tq_tmp/pie.o" -L$M -lc \
		"$(gcc -print-libgcc-file-name)" $M/crtn.o || fail "could not link the static PIE"
readelf -h "$root/bin/pie" | grep -q 'DYN (Position-Independent' || fail "not a PIE"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) > "$tq_tmp/initrd.cpio" ||
	fail "cpio could not build the initrd"
cp -a "$root" "$tq_tmp/host"
# The program writes and reads back /tmp/futeet_pie_files.txt (removed after).
(cd "$tq_tmp/host" && ./bin/pie alpha > "$tq_tmp/host.out" 2>/dev/null)
host_status=$?
rm -f /tmp/futeet_pie_files.txt
boot --initrd "$tq_tmp/initrd.cpio" --init /bin/pie --stdout "$tq_tmp/guest.out" -- alpha
expect_status "$host_status" "the same exit status as on the host"
cmp -s "$tq_tmp/guest.out" "$tq_tmp/host.out" || fail "stdout differs: guest '$(cat "$tq_tmp/guest.out")' host '$(cat "$tq_tmp/host.out")'"
pass "static PIE: stdout and status $host_status as on the host"
