# tools/futeet-client: one end of an attested channel (docs/CHANNEL.md) over
# a unix or TCP socket: the host client (no evidence of its own, the real
# verifier for the peer, with futeet-verify's compiled-in sim roots), or
# both sides with forgeable test evidence for protocol tests.
HOST_TOOLS += futeet-client
TOOL_futeet-client_SRCS := tools/futeet-client/main.c $(BUILD)/gen/futeet-verify/sim_roots.c
