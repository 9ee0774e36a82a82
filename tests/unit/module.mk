# h4: CBOR (RFC 8949 Appendix A vectors)
UNIT_TESTS += test_cbor
UNIT_test_cbor_SRCS := tests/unit/test_cbor.c
