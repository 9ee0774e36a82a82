#!/usr/bin/env bash
# Proves: an interpreter built from a Debian source package (lua5.4 5.4.4,
# the upstream tree of its .orig tarball) with musl-gcc -static, outside
# FUTEET and unchanged, runs scripts inside FUTEET from an initrd, and each
# script's stdout and exit status match the same binary with the same files,
# arguments, environment and stdin on the host. The scripts
# (tests/qemu/linux/lua/) read files and stdin, compute, write, read back and
# remove files under /tmp (io.open, os.tmpname = mkstemp, os.remove), use
# coroutines, pcall and the error paths, and end with os.exit(5) or an
# uncaught error (status 1). All runs share ONE boot (futeet.runlist=).
. "$(dirname "$0")/lib.sh"
command -v musl-gcc >/dev/null || fail "musl-gcc missing (scripts/setup installs musl-tools)"
command -v cpio >/dev/null || fail "cpio missing (scripts/setup installs it)"

# Build once per build directory (the source comes from Debian through apt).
src="$FUTEET_BUILD/lua5.4-src"
lua="$FUTEET_BUILD/linux-progs/lua5.4"
mkdir -p "$FUTEET_BUILD/linux-progs"
(
	flock 9
	scripts/fetch-source lua5.4 "$src" || exit 1
	[ -x "$lua" ] && [ "$lua" -nt "$src/.done" ] && exit 0
	objs="$tq_tmp/lua-obj"
	mkdir -p "$objs"
	# LUA_USE_POSIX: mkstemp, popen, isatty (src/Makefile's "posix" target).
	for c in "$src"/src/*.c; do
		case $(basename "$c") in luac.c) continue ;; esac
		echo "$c"
	done | xargs -P "${JOBS:-2}" -I{} sh -c \
		'musl-gcc -std=gnu99 -O2 -DLUA_USE_POSIX -c "$1" -o "$2/$(basename "$1" .c).o"' _ {} "$objs" &&
		musl-gcc -static -o "$lua.new" "$objs"/*.o -lm && mv "$lua.new" "$lua"
) 9> "$FUTEET_BUILD/linux-progs/.lua.lock" || fail "could not fetch or build lua5.4 with musl-gcc -static"
readelf -h "$lua" | grep -q 'EXEC (Executable' || fail "lua is not a static executable"
readelf -lW "$lua" | grep -q INTERP && fail "lua has a PT_INTERP: not static"

root="$tq_tmp/root"
mkdir -p "$root/bin" "$root/data" "$root/tmp"
cp "$lua" "$root/bin/lua"
cp tests/qemu/linux/lua/*.lua "$root/data/"
printf '10\n3\n250\n42\n7\n' > "$root/data/numbers"
printf 'line 1 of 2\nline 20 of 30\n' > "$tq_tmp/stdin"
printf '/bin/lua\tdata/files.lua\n/bin/lua\tdata/errors.lua\n/bin/lua\tdata/stdin.lua\n/bin/lua\t-e\tprint(#arg, arg[1], _VERSION)\tx\n' \
	> "$root/runlist"
rows=$(wc -l < "$root/runlist")
make_initrd "$root" "$tq_tmp/initrd.cpio"
host="$tq_tmp/host"
cp -a "$root" "$host"
run_rows_on_host "$root/runlist" "$host" "$tq_tmp/stdin"

boot --initrd "$tq_tmp/initrd.cpio" --stdin "$tq_tmp/stdin" --stdout "$tq_tmp/guest.out" \
	--append "futeet.runlist=/runlist env=TZ=UTC0"
expect_status 0 "the run list ends with status 0"
expect_line "run list /runlist done: $rows programs" "every row ran"
expect_no_line 'PANIC|not implemented' "no kernel panic, no unimplemented syscall"
compare_rows "$root/runlist" "$tq_tmp/guest.out"
pass "$rows lua5.4 runs (Debian source, musl-gcc -static) match the host (stdout and status)"
