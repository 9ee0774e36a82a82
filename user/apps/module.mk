# The attestation demo (user/apps/attest*.c: userland only; its evidence
# reader and SHA-512 are its own, independent of lib/).
USER_APPS += attest
USER_APP_attest_SRCS := user/apps/attest.c user/apps/attest_cbor.c user/apps/attest_sha512.c
