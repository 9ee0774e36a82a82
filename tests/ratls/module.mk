# ratls-test (tests/ratls/ratls_test.c): lib/'s RA-TLS certificate and TLS
# server on the host, for tests/real/ratls_*.sh (openssl s_client, Python).
HOST_TOOLS += ratls-test
TOOL_ratls-test_SRCS := tests/ratls/ratls_test.c
