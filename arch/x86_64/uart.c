/* The 16550 serial console on COM1 (port 0x3F8), 115200 8N1, polled.
 * Register map: TI PC16550D datasheet (rev. 1995), table 2. The host reads
 * everything written here. */
#include "arch/x86_64/uart.h"
#include "futeet/io.h"

#define COM1 0x3F8
#define COM2 0x2F8  /* the second serial port: the program's raw stdout on request */
#define UART_THR 0  /* transmit holding (DLAB=0) */
#define UART_DLL 0  /* divisor latch low (DLAB=1) */
#define UART_IER 1
#define UART_DLM 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define LSR_THRE 0x20
#define LCR_DLAB 0x80
#define LCR_8N1  0x03
#define UART_SPIN_MAX 100000 /* never hang on an absent or stuck UART */

static void port_init(uint16_t port)
{
	io_outb(port + UART_IER, 0x00);          /* polled: no interrupts */
	io_outb(port + UART_LCR, LCR_DLAB);
	io_outb(port + UART_DLL, 1);             /* 115200 = 1.8432 MHz / 16 / 1 */
	io_outb(port + UART_DLM, 0);
	io_outb(port + UART_LCR, LCR_8N1);
	io_outb(port + UART_FCR, 0x07);          /* enable and clear FIFOs */
	io_outb(port + UART_MCR, 0x03);          /* DTR, RTS */
}

void uart_init(void)
{
	port_init(COM1);
}

static uint64_t serial1_count;

void uart_serial1_init(void)
{
	port_init(COM2);
}

/* Raw bytes (no CR added) on COM2; the count lets the kernel say where
 * each program's output starts. */
void uart_serial1_write(const void *buf, size_t n)
{
	const uint8_t *s = buf;
	for (size_t i = 0; i < n; i++) {
		for (int k = 0; k < UART_SPIN_MAX; k++)
			if (io_inb(COM2 + UART_LSR) & LSR_THRE)
				break;
		io_outb(COM2 + UART_THR, s[i]);
	}
	serial1_count += n;
}

uint64_t uart_serial1_count(void)
{
	return serial1_count;
}

static char last = '\n';

static void uart_putc(char c)
{
	last = c;
	for (int i = 0; i < UART_SPIN_MAX; i++)
		if (io_inb(COM1 + UART_LSR) & LSR_THRE)
			break;
	io_outb(COM1 + UART_THR, (uint8_t)c);
}

void uart_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			uart_putc('\r');
		uart_putc(s[i]);
	}
}

void uart_end_line(void)
{
	if (last != '\n')
		uart_write("\n", 1);
}
