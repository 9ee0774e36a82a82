#!/usr/bin/env bash
# Proves: the Linux syscalls of tests/qemu/linux/abi_checks.c (poll, ppoll,
# select, pselect6, statx, symlink(at), link(at), chmod, fchmodat, truncate,
# chown, lchown, fchown, fchownat, fsync, fdatasync, sync, sendfile,
# prctl, sysinfo, sched_getaffinity, /proc/self/cmdline, /proc/self/exe,
# /proc/meminfo, /sys/devices/system/cpu/online; signals a program sends
# itself: handlers with siginfo, nested, blocked then pending then run,
# ignored, SA_RESETHAND, SA_ONSTACK on a sigaltstack, the FPU state kept
# across a handler, abort() ending with status 134), in a musl-gcc -static
# program built at test time, give the same results and errno values in
# FUTEET as on the host's Linux (each row's stdout and status compared byte
# for byte), all rows in ONE boot (futeet.runlist=). A last row, run only in
# the guest, shows FUTEET's documented differences (docs/LINUX-ABI.md): no
# hard links (EPERM, EXDEV), the read-only initrd (EROFS), rseq ENOSYS
# without a log line, statfs (tmpfs /tmp, read-only ramfs root), no
# supplementary groups, one CPU, an endless poll on an empty pipe is EDEADLK;
# and an unknown syscall is logged by number and named by scripts/run.
. "$(dirname "$0")/lib.sh"
command -v musl-gcc >/dev/null || fail "musl-gcc missing (scripts/setup installs musl-tools)"
root="$tq_tmp/root"
mkdir -p "$root/bin" "$root/data" "$root/tmp"
musl-gcc -static -O2 -o "$root/bin/abi" tests/qemu/linux/abi_checks.c || fail "musl-gcc could not build abi_checks.c"
printf 'file data\n' > "$root/data/file"
chmod 644 "$root/data/file"
printf '/bin/abi\tpoll\n/bin/abi\tstatx\n/bin/abi\tfiles\n/bin/abi\tproc\ta b\tc\n/bin/abi\tsignals\n/bin/abi\tabort\n' > "$tq_tmp/rows"
cp "$tq_tmp/rows" "$root/runlist"
printf '/bin/abi\tguest\n' >> "$root/runlist"
rows=$(wc -l < "$root/runlist")
make_initrd "$root" "$tq_tmp/initrd.cpio"
host="$tq_tmp/host"
cp -a "$root" "$host"
run_rows_on_host "$tq_tmp/rows" "$host" /dev/null

boot --initrd "$tq_tmp/initrd.cpio" --stdout "$tq_tmp/guest.out" --append "futeet.runlist=/runlist"
expect_status 0 "the run list ends with status 0"
expect_line "run list /runlist done: $rows programs" "every row ran"
expect_no_line 'PANIC' "no kernel panic"
compare_rows "$tq_tmp/rows" "$tq_tmp/guest.out"

# The guest-only row: FUTEET's answers, fixed by docs/LINUX-ABI.md.
l=$(grep -E "^futeet: run $rows: status 0 " "$out") || fail "the guest row did not end with status 0"
a=$(echo "$l" | sed -E 's/.* stdout ([0-9]+)-([0-9]+)$/\1/')
b=$(echo "$l" | sed -E 's/.* stdout ([0-9]+)-([0-9]+)$/\2/')
tail -c +$((a + 1)) "$tq_tmp/guest.out" | head -c $((b - a)) > "$tq_tmp/guest.last"
cat > "$tq_tmp/want" <<'WANT'
link in /tmp: EPERM
link from the initrd: EXDEV
link into the initrd: EROFS
symlink in the initrd: EROFS
chmod in the initrd: EROFS
truncate in the initrd: EROFS
rseq: ENOSYS
statfs /tmp: tmpfs 1, 8192 blocks of 4096, read-only 0
statfs /: ramfs 1, read-only 1
statfs missing: ENOENT
getgroups: 0
chown in the initrd: EROFS
online CPUs: 1
poll forever on an empty pipe: other
an unknown syscall: ENOSYS
WANT
diff "$tq_tmp/want" "$tq_tmp/guest.last" > "$tq_tmp/diff" ||
	fail "the guest-only row differs: $(tr '\n' ' ' < "$tq_tmp/diff")"
expect_line '^futeet: poll/select would wait forever with no other thread: EDEADLK' "an endless poll says why"
expect_line '^futeet: syscall 41 not implemented: ENOSYS' "the unknown syscall is logged by number"
expect_line '^run: the program called syscall 41 \(Linux socket\): ENOSYS' "scripts/run names it"
expect_no_line '^futeet: syscall 334 ' "rseq is ENOSYS without a log line"
pass "$((rows - 1)) rows match the host; FUTEET's documented differences hold"
