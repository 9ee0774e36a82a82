# chan: the guest end of the attested channel over the stream port
# (libfuteet futeet_chan_*, docs/CHANNEL.md), and a plain echo for the bench.
USER_APPS += chan
USER_APP_chan_SRCS := user/apps/chan/main.c
