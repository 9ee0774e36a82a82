# FUTEET: one top-level Makefile; each directory adds its sources in module.mk.
# Out-of-tree into build/, warnings are errors, reproducible, `make V=1` shows
# the full command lines.
#
# Four flavours of object:
#   build/k/   kernel: freestanding, -fpic (an EFI application is relocated),
#              linked with GNU-EFI and BearSSL built from Debian's source package
#   build/h/   host: tools and unit tests, linked with Debian's libbearssl
#   build/u/   user programs: freestanding ring-3 ELF64, embedded in the image
#              (build/u/lib/: lib/ for libfuteet's ring-3 verifier, linked
#              with BearSSL built again with the user flags)
#   build/fz/  libFuzzer harnesses: clang with ASan + UBSan
#
# What a module.mk may add to:
#   KERNEL_SRCS   kernel-only sources (.c or .S)
#   LIB_SRCS      lib/ sources: built into the kernel AND into host tools/tests
#                 (and, as needed, into ring-3 programs): only what the kernel
#                 itself calls, the parsers of its own platform's answers
#   VERIFY_LIB_SRCS lib/ sources of the verifier (X.509, JSON, collateral,
#                 appraisal, ...): built into host tools, unit tests, fuzzers
#                 and libfuteet's ring-3 futeet_verify, never into the kernel:
#                 peer evidence is hostile input and stays out of ring 0
#   HOST_LIB_SRCS lib/ sources the guest has no use for (freestanding all the
#                 same): built into host tools, unit tests and fuzzers only, so
#                 they stay out of the guest's TCB
#   USER_LIB_SRCS crt0, libc-lite, libfuteet (linked into every user app)
#   USER_APPS     app names; USER_APP_<name>_SRCS lists its sources
#   HOST_TOOLS    tool names; TOOL_<name>_SRCS lists its sources (lib/ is linked in)
#   UNIT_TESTS    cmocka test names; UNIT_<name>_SRCS (lib/ is linked in)
#   FUZZ_TARGETS  harness names; FUZZ_<name>_SRCS (lib/ is linked in)

BUILD ?= build
V ?= 0
ifeq ($(V),1)
Q :=
else
Q := @
endif
MAKEFLAGS += --no-builtin-rules
.SUFFIXES:
.DEFAULT_GOAL := all
.DELETE_ON_ERROR:

export LC_ALL := C
export SOURCE_DATE_EPOCH ?= 1764028800

TOP := $(CURDIR)
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wvla -Wpointer-arith -Wformat=2
# Paths never reach the binaries (reproducible builds).
REPRO := -ffile-prefix-map=$(TOP)/= -fdebug-prefix-map=$(TOP)/=

# ---- BearSSL from Debian's source package (never committed) --------------
BEARSSL_SRC := $(BUILD)/bearssl-src
BEARSSL_KLIB := $(BUILD)/bearssl/libbearssl-kernel.a
BEARSSL_ULIB := $(BUILD)/bearssl-user/libbearssl-user.a
BEARSSL_INC := $(BEARSSL_SRC)/inc

# ---- kernel flavour -------------------------------------------------------
KCC := gcc
EFI_INC := /usr/include/efi
EFI_LIB := /usr/lib
KCFLAGS := -std=gnu11 -O2 $(WARN) $(REPRO) -ffreestanding -fno-stack-protector \
	-fno-stack-check -fno-strict-aliasing -mno-red-zone -fpic -fshort-wchar \
	-fno-asynchronous-unwind-tables -fno-unwind-tables \
	-maccumulate-outgoing-args -DGNU_EFI_USE_MS_ABI -DFUTEET_KERNEL=1 \
	-isystem kernel/include -Iinclude -I. -I$(BEARSSL_INC) \
	-I$(EFI_INC) -I$(EFI_INC)/x86_64
KASFLAGS := $(filter-out -std=gnu11,$(KCFLAGS)) -D__ASSEMBLY__
KLDFLAGS := -nostdlib -znocombreloc -T mk/efi.lds -shared \
	-Bsymbolic --build-id=none --no-undefined
EFI_CRT0 := $(EFI_LIB)/crt0-efi-x86_64.o

# ---- host flavour ---------------------------------------------------------
HCC := gcc
HCFLAGS := -std=gnu11 -O2 -g $(WARN) $(REPRO) -Iinclude -I. -D_GNU_SOURCE
HLDLIBS := -lbearssl

# ---- user flavour ---------------------------------------------------------
UCC := gcc
UCFLAGS := -std=gnu11 -O2 $(WARN) $(REPRO) -ffreestanding -fno-stack-protector \
	-fno-stack-check -fpie -fno-plt -fno-asynchronous-unwind-tables \
	-isystem user/include -Iinclude/uapi
# --no-relax: ld must not turn a GOT load of a function address (BearSSL's
# br_ghash_ctmul64 in lib/chan.c) into a 32-bit immediate, which cannot hold
# an address above 4 GiB (the program sits at FUTEET_USER_BASE).
ULDFLAGS := -nostdlib -static -no-pie -T $(BUILD)/user/user.lds --build-id=none --no-relax

# ---- fuzz flavour ---------------------------------------------------------
FCC := clang
FCFLAGS := -std=gnu11 -O1 -g -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined -Iinclude -I. -D_GNU_SOURCE

KERNEL_SRCS :=
LIB_SRCS :=
VERIFY_LIB_SRCS :=
HOST_LIB_SRCS :=
USER_LIB_SRCS :=
USER_APPS :=
HOST_TOOLS :=
UNIT_TESTS :=
FUZZ_TARGETS :=

MODULES := $(sort $(wildcard */module.mk */*/module.mk */*/*/module.mk))
include $(MODULES)
include mk/rules.mk
