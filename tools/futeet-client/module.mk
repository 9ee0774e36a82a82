# tools/futeet-client: one end of an attested channel (docs/CHANNEL.md) over
# a unix or TCP socket; for now with forgeable test evidence only.
HOST_TOOLS += futeet-client
TOOL_futeet-client_SRCS := tools/futeet-client/main.c
