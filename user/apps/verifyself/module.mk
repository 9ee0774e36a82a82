# verifyself: evidence appraised by the in-guest verifier (kernel/verify.c).
USER_APPS += verifyself
USER_APP_verifyself_SRCS := user/apps/verifyself/main.c
