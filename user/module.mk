# user/: crt0, the small libc and libfuteet linked into every user program,
# and the programs embedded in the kernel image (see user/user.lds.S).
USER_LIB_SRCS += user/crt0.S \
	user/libc/ctype.c user/libc/malloc.c user/libc/start.c user/libc/stdio.c \
	user/libc/stdlib.c user/libc/strerror.c user/libc/string.c user/libc/syscalls.c \
	user/libfuteet/syscall.c user/libfuteet/api.c user/libfuteet/armor.c \
	user/libfuteet/tee.c \
	lib/strerror.c lib/base64.c
# libfuteet's console blocks share lib/base64.c with the host tools; both name
# it from the top of the tree.
$(BUILD)/u/lib/base64.c.o $(BUILD)/u/user/libfuteet/armor.c.o: UCFLAGS += -iquote .

USER_APPS += hello selftest fault bench caps
USER_APP_caps_SRCS := user/apps/caps.c
USER_APP_hello_SRCS := user/apps/hello.c
USER_APP_selftest_SRCS := user/apps/selftest.c user/apps/selftest_probe.S
USER_APP_fault_SRCS := user/apps/fault.c
USER_APP_bench_SRCS := user/apps/bench.c

# Host unit test of the pure-C parts of the libc (string, ctype, stdlib,
# malloc, stdio, strerror): compiled hosted against user/include with every
# public name prefixed ulibc_ (tests/unit/user_libc_rename.h), so glibc is the
# reference it is compared with. write() and sbrk() are the test's own fakes.
UNIT_TESTS += user_libc
UNIT_user_libc_SRCS := tests/unit/test_user_libc.c \
	user/libc/ctype.c user/libc/malloc.c user/libc/stdio.c user/libc/stdlib.c \
	user/libc/strerror.c user/libc/string.c
$(BUILD)/h/user/%: HCFLAGS := -std=gnu11 -O2 -g $(WARN) $(REPRO) -ffreestanding \
	-fno-builtin -isystem user/include -Iinclude/uapi -include tests/unit/user_libc_rename.h

# The user programs run on the Linux host (same syscall ABI): checks crt0,
# libfuteet and the libc against a real kernel; see tests/unit/test_user_native.c.
UNIT_TESTS += user_native
UNIT_user_native_SRCS := tests/unit/test_user_native.c
$(BUILD)/tests/unit/user_native: | $(BUILD)/user/hello.elf $(BUILD)/user/selftest.elf \
	$(BUILD)/user/fault.elf $(BUILD)/user/bench.elf

# user/include is an -isystem directory, and -MMD leaves system headers out
# of the dependency files: name them here so that a header change rebuilds
# every user object (and the hosted libc test objects).
USER_HEADERS := $(wildcard user/include/*.h user/include/sys/*.h)
$(patsubst %,$(BUILD)/u/%.o,$(filter user/%,$(USER_LIB_SRCS)) user/apps/hello.c \
	user/apps/selftest.c user/apps/fault.c user/apps/bench.c user/apps/caps.c $(filter user/%,$(USER_APP_attest_SRCS))) \
$(patsubst %,$(BUILD)/h/%.o,$(filter user/%,$(UNIT_user_libc_SRCS))): $(USER_HEADERS)

# libFuzzer: the same hosted libc objects, differential against glibc
# (tests/fuzz/fuzz_user_libc.c).
FUZZ_TARGETS += fuzz_user_libc
FUZZ_fuzz_user_libc_SRCS := tests/fuzz/fuzz_user_libc.c \
	user/libc/ctype.c user/libc/malloc.c user/libc/stdio.c user/libc/stdlib.c \
	user/libc/strerror.c user/libc/string.c
$(BUILD)/fz/user/%: FCFLAGS := -std=gnu11 -O1 -g -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined -ffreestanding -fno-builtin -isystem user/include \
	-Iinclude/uapi -include tests/unit/user_libc_rename.h
$(patsubst %,$(BUILD)/fz/%.o,$(filter user/%,$(FUZZ_fuzz_user_libc_SRCS))): $(USER_HEADERS)

# Layering: user code sees only user/include, include/uapi and GCC's own
# freestanding headers (stddef, stdint, stdarg, stdbool), never the host's
# /usr/include, so a missing libc header is an error instead of a silent glibc
# one. (user/include/limits.h shadows GCC's, which would include_next glibc's.)
$(BUILD)/u/user/%: UCFLAGS += -nostdinc -isystem $(shell $(UCC) -print-file-name=include)
