# The attestation demo (user/apps/attest*.c: userland only; its evidence
# reader and SHA-512 are its own, independent of lib/).
USER_APPS += attest
USER_APP_attest_SRCS := user/apps/attest.c user/apps/attest_cbor.c user/apps/attest_sha512.c

# The sealing demo (user/apps/seal*.c: userland only; its SHA-256 is its own).
USER_APPS += seal
USER_APP_seal_SRCS := user/apps/seal.c user/apps/seal_sha256.c
