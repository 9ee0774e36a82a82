/* FUTEET userland: from crt0 to main, and the ways out (exit, abort). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv, char **envp);
__attribute__((noreturn, used)) void __ulibc_start(long *sp);

char **environ;

/* sp -> argc, argv[0..argc-1], NULL, envp..., NULL, auxv (psABI 3.4.1). */
void __ulibc_start(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);

	environ = argv + argc + 1;
	exit(main(argc, argv, environ));
}

void exit(int status)
{
	fflush(NULL);
	_exit(status);
}

void abort(void)
{
	fflush(NULL);
	for (;;)
		__builtin_trap();   /* ud2: #UD kills the program, the host sees 120 */
}
