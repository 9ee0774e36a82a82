# libfuteet's verifier (futeet_verify, user/libfuteet/verify.c): lib/'s
# verifier compiled for ring 3, the sim roots and BearSSL, in an archive that
# every user program is linked against; only a program that calls
# futeet_verify pulls it in (mk/rules.mk, "user verifier").
USER_VERIFY_SRCS := user/libfuteet/verify.c $(BUILD)/gen/futeet-verify/sim_roots.c
# futeet_chan_* (user/libfuteet/chan.c): lib/'s channel over the ports, the
# same archive, pulled in only by programs that open a channel.
USER_VERIFY_SRCS += user/libfuteet/chan.c lib/chan.c lib/chan_verify.c

# RA-TLS (futeet_ratls_cert, user/libfuteet/ratls.c) in the same archive: only
# a program that calls it links lib/ratls.c and BearSSL's signing code.
USER_VERIFY_SRCS += user/libfuteet/ratls.c

# Host unit test: futeet_verify compiled hosted (the test includes
# user/libfuteet/verify.c) with lib/ and the same generated sim roots.
UNIT_TESTS += test_libfuteet_verify
UNIT_test_libfuteet_verify_SRCS := tests/unit/test_libfuteet_verify.c tests/unit/testdata.c \
	$(BUILD)/gen/futeet-verify/sim_roots.c
$(BUILD)/h/tests/unit/test_libfuteet_verify.c.o: HCFLAGS += -Iinclude/uapi
