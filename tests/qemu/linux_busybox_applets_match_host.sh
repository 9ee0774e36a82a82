#!/usr/bin/env bash
# Proves: an unmodified static Linux program (Debian's busybox-static, a
# non-PIE glibc binary) runs on FUTEET from an initrd handed over through
# fw_cfg, and each applet of tests/qemu/linux_busybox_applets.table writes the
# same stdout, byte for byte, and ends with the same exit status as the same
# binary with the same files, arguments, environment and stdin on the host
# (the host's Linux is the oracle). All rows run in ONE boot through a run
# list (futeet.runlist=), sharing /tmp (gzip, then gunzip through tmp/).
# Then, in the same boot, a truncated copy of the binary is refused with the
# loader's reason and the run list goes on.
. "$(dirname "$0")/lib.sh"
bb=/bin/busybox
[ -x "$bb" ] || fail "$bb missing (scripts/setup installs busybox-static)"
command -v cpio >/dev/null || fail "cpio missing (scripts/setup installs it)"
table=tests/qemu/linux_busybox_applets.table

# The tree: the binary, two data files, /etc for ls's user names; fixed
# times (2001-09-09, far in the past on both sides) for ls -l and gzip.
root="$tq_tmp/root"
mkdir -p "$root/bin" "$root/data" "$root/etc" "$root/tmp"
cp "$bb" "$root/bin/busybox"
printf 'hello world\nfoo bar\nsome words to count\n' > "$root/data/words"
printf '10\n3\n250\n42\n7\n' > "$root/data/numbers"
printf 'root:x:0:0:root:/root:/bin/sh\n' > "$root/etc/passwd"
printf 'root:x:0:\n' > "$root/etc/group"
printf 'line one\nline two\n' > "$tq_tmp/stdin"
find "$root/data" "$root/etc" -type f -exec touch -d @1000000000 {} +
# The run list: /bin/busybox, then the row's fields.
grep -v -e '^#' -e '^$' "$table" | sed 's|^|/bin/busybox\t|' > "$root/runlist"
rows=$(wc -l < "$root/runlist")
head -c 100000 "$bb" > "$root/bin/truncated"
chmod +x "$root/bin/truncated"
cp "$root/runlist" "$tq_tmp/host-rows"
printf '/bin/truncated\n' >> "$root/runlist"
make_initrd "$root" "$tq_tmp/initrd.cpio"

# The host side first, on a copy of the same tree (its tmp/ starts empty too).
host="$tq_tmp/host"
cp -a "$root" "$host"
run_rows_on_host "$tq_tmp/host-rows" "$host" "$tq_tmp/stdin"

boot --initrd "$tq_tmp/initrd.cpio" --stdin "$tq_tmp/stdin" --stdout "$tq_tmp/guest.out" \
	--append "futeet.runlist=/runlist env=TZ=UTC0"
expect_status 0 "the run list ends with status 0"
expect_line "run list /runlist done: $((rows + 1)) programs" "every row ran"
expect_line '^futeet: /bin/truncated refused: ELF: truncated' "the truncated ELF is refused with its reason"
expect_line "^futeet: run $((rows + 1)): status 127 " "a refused program is status 127"
expect_no_line 'PANIC' "no kernel panic"

compare_rows "$tq_tmp/host-rows" "$tq_tmp/guest.out"
pass "$rows busybox runs match the host (stdout and status); a truncated ELF is refused"
