# verifyself: evidence appraised by the in-guest verifier (libfuteet futeet_verify, ring 3).
USER_APPS += verifyself
USER_APP_verifyself_SRCS := user/apps/verifyself/main.c
