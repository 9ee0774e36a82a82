/* hello: the default init program. Prints a greeting and its arguments. */
#include <stdio.h>

int main(int argc, char **argv)
{
	printf("Hello from FUTEET userland\n");
	for (int i = 0; i < argc; i++)
		printf("argv[%d] = %s\n", i, argv[i]);
	return 0;
}
