#!/bin/sh
# Proves: every line of include/uapi/futeet/syscalls.def below 1024 is a Linux
# x86-64 call with Linux's number (the kernel headers' <asm/unistd_64.h>,
# generated from arch/x86/entry/syscalls/syscall_64.tbl), and every line from
# 1024 on is one of FUTEET's own calls (name futeet_*, number <= 2047); the
# kernel-only Linux calls of kernel/linux_syscalls.def obey the same rule; no
# number or name appears twice across both lists.
cd "$(dirname "$0")/../.." || exit 1
def=include/uapi/futeet/syscalls.def
tbl=/usr/include/x86_64-linux-gnu/asm/unistd_64.h
[ -r "$tbl" ] || { echo "syscall_numbers: $tbl missing (linux-libc-dev)"; exit 1; }
lines=$(sed -n 's/^SYSCALL(\([a-z0-9_]*\), *\([0-9]*\), *\([0-9]*\)).*/\1 \2 \3/p' "$def"
	sed -n 's/^LINUX_SYSCALL(\([a-z0-9_]*\), *\([0-9]*\), *\([0-9]*\)).*/\1 \2 \3/p' kernel/linux_syscalls.def)
[ -n "$lines" ] || { echo "syscall_numbers: no SYSCALL lines in $def"; exit 1; }
n=0
echo "$lines" | {
	while read -r name nr nargs; do
		n=$((n + 1))
		if [ "$nr" -lt 1024 ]; then
			want=$(sed -n "s/^#define __NR_$name \([0-9]*\)\$/\1/p" "$tbl")
			[ -n "$want" ] || { echo "syscall_numbers: $name ($nr) is below 1024 but not a Linux x86-64 call"; exit 1; }
			[ "$want" = "$nr" ] || { echo "syscall_numbers: $name is $nr, Linux x86-64 says $want"; exit 1; }
			case $name in futeet_*) echo "syscall_numbers: $name is a FUTEET call below 1024"; exit 1 ;; esac
		else
			case $name in futeet_*) ;; *) echo "syscall_numbers: $name ($nr) is in FUTEET's range but not named futeet_*"; exit 1 ;; esac
			[ "$nr" -le 2047 ] || { echo "syscall_numbers: $name ($nr) is above 2047"; exit 1; }
		fi
		[ "$nargs" -le 6 ] || { echo "syscall_numbers: $name has $nargs arguments (at most 6)"; exit 1; }
	done
	exit 0
} || exit 1
dup=$(echo "$lines" | awk '{print $2}' | sort | uniq -d | head -n 1)
[ -z "$dup" ] || { echo "syscall_numbers: number $dup appears twice"; exit 1; }
dup=$(echo "$lines" | awk '{print $1}' | sort | uniq -d | head -n 1)
[ -z "$dup" ] || { echo "syscall_numbers: name $dup appears twice"; exit 1; }
exit 0
