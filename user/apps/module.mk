# h6: the attestation demo. It links three lib/ parsers (CBOR, CMW evidence,
# SNP report) and BearSSL's SHA-2 compiled in the user flavour; those objects
# need the repository root, include/ (lib's futeet/*.h) and BearSSL's headers.
# user/apps/attest.c itself includes only uapi, user/include, lib/*.h and
# <bearssl.h>.
USER_APPS += attest
ATTEST_BEARSSL := src/hash/sha2big.c src/hash/sha2small.c src/codec/dec64be.c \
	src/codec/enc64be.c src/codec/dec32be.c src/codec/enc32be.c
USER_APP_attest_SRCS := user/apps/attest.c lib/cbor.c lib/evidence.c lib/snp/report.c \
	$(addprefix $(BEARSSL_SRC)/,$(ATTEST_BEARSSL))

$(BUILD)/u/user/apps/attest.c.o: UCFLAGS += -I. -I$(BEARSSL_INC)
$(BUILD)/u/lib/%: UCFLAGS := -Iinclude $(UCFLAGS) -I. -I$(BEARSSL_INC)
$(BUILD)/u/$(BEARSSL_SRC)/%: UCFLAGS := -std=gnu11 -O2 -ffreestanding -fno-stack-protector \
	-fpie -fno-plt -isystem user/include -I$(BEARSSL_INC) -I$(BEARSSL_SRC)/src \
	-DBR_USE_URANDOM=0 -DBR_USE_UNIX_TIME=0 -DBR_USE_WIN32_TIME=0 -DBR_USE_GETENTROPY=0 \
	-DBR_USE_WIN32_RAND=0
$(addprefix $(BEARSSL_SRC)/,$(ATTEST_BEARSSL)): $(BEARSSL_SRC)/.done ;
$(BUILD)/u/user/apps/attest.c.o $(BUILD)/u/lib/evidence.c.o: | $(BEARSSL_SRC)/.done
