# user/: crt0, the small libc and libfuteet linked into every user program,
# and the programs embedded in the kernel image (see user/user.lds).
USER_LIB_SRCS += user/crt0.S \
	user/libc/ctype.c user/libc/malloc.c user/libc/start.c user/libc/stdio.c \
	user/libc/stdlib.c user/libc/strerror.c user/libc/string.c user/libc/syscalls.c \
	user/libfuteet/syscall.c

USER_APPS += hello
USER_APP_hello_SRCS := user/apps/hello.c
