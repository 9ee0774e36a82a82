# The attestation demo (user/apps/attest*.c: userland only; its evidence
# reader and SHA-512 are its own, independent of lib/).
USER_APPS += attest
USER_APP_attest_SRCS := user/apps/attest.c user/apps/attest_cbor.c user/apps/attest_sha512.c

# The sealing demo; its SHA-256 is BearSSL's, linked into every program
# (mk/rules.mk U_ARCHIVES) and checked against the host's sha256sum.
USER_APPS += seal
USER_APP_seal_SRCS := user/apps/seal.c
$(BUILD)/u/user/apps/seal.c.o: UCFLAGS += -I$(BEARSSL_INC)
$(BUILD)/u/user/apps/seal.c.o: | $(BEARSSL_SRC)/.done

# Two guests over the peer port (scripts/run --peer; docs/CHANNEL.md 10).
USER_APPS += pair
USER_APP_pair_SRCS := user/apps/pair.c

# The RA-TLS server (docs/CHANNEL.md 11): libfuteet's futeet_ratls_cert and
# lib/ratls_tls.c (BearSSL TLS 1.2) over the stream port.
USER_APPS += ratls
USER_APP_ratls_SRCS := user/apps/ratls.c
$(BUILD)/u/user/apps/ratls.c.o: UCFLAGS += -nostdinc -isystem $(shell $(UCC) -print-file-name=include) \
	-iquote include -iquote . -I$(BEARSSL_INC)
$(BUILD)/u/user/apps/ratls.c.o: | $(BEARSSL_SRC)/.done
# BearSSL's SSL engine takes function addresses through the GOT (-fno-plt),
# which ld cannot relax into a static program linked above 4 GiB: keep the
# GOT loads.
$(BUILD)/user/ratls.elf: ULDFLAGS += --no-relax
