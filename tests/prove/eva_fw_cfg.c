/* Frama-C EVA entry point for the fw_cfg file directory (drivers/fw_cfg.c):
 * every byte read from the data port is unknown (the host writes all of
 * them: signature, directory count, entries), the name looked up is a
 * string of unknown characters of every length 0..63 (NUL-terminated
 * inside a 64-byte buffer; the parser refuses >= 56), and the file is read
 * into a buffer of every capacity 0..FILE_MAX. Checked: no runtime error.
 * The buffer sits at the start of file[], so EVA shows the file read stays
 * inside file[], not below cap: that is the relational `size > cap` check
 * (with the buffer at the end of file[] and cap split into its values, EVA
 * still reports the write; not resolved). Run by scripts/prove; not
 * compiled by make. */
#include "__fc_builtin.h"
#include "drivers/fw_cfg.h"
#include "futeet/io.h"

#define FILE_MAX 64u

/* The port I/O the parser sees (include/futeet/io.h, inline asm in the
 * kernel): a read returns any byte, a write changes nothing the C sees. */
/*@ assigns \result \from port, Frama_C_entropy_source;
    assigns Frama_C_entropy_source \from Frama_C_entropy_source; */
uint8_t io_inb(uint16_t port);
/* REP INSB (arch/x86_64/io.c) as the byte loop it is on SNP and TDX: n
 * unknown bytes into buf, each store checked by EVA (the reads stay in
 * bounds). A spec-only stub left the bytes "uninitialized" to EVA. */
void io_insb(uint16_t port, void *buf, size_t n)
{
	uint8_t *p = buf;

	for (size_t i = 0; i < n; i++)
		p[i] = io_inb(port);
}
/*@ assigns \nothing; */
void io_outw(uint16_t port, uint16_t v);

static char name[64];
static uint8_t file[FILE_MAX];

int main(void)
{
	uint16_t sel;
	uint32_t size;
	size_t cap = Frama_C_size_t_interval(0, sizeof(file));
	size_t len;

	Frama_C_make_unknown(name, sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	(void)fw_cfg_probe();
	(void)fw_cfg_find(name, &sel, &size);
	(void)fw_cfg_find("opt/futeet/initrd", &sel, &size);
	(void)fw_cfg_read_file(name, file, cap, &len);
	return 0;
}
