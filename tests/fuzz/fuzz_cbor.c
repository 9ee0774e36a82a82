/* libFuzzer: the strict CBOR decoder (lib/cbor). Property: whatever
 * cbor_skip accepts is preferred-encoded, so walking it head by head and
 * re-encoding with the encoder gives back the same bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/cbor_get.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t out[1 << 16];
	struct cbor_dec d;
	struct cbor_enc e;
	size_t end, len;

	if (size > sizeof(out))
		return 0;
	cbor_dec_init(&d, data, size);
	if (cbor_skip(&d) != 0)
		return 0;
	end = d.pos;

	cbor_dec_init(&d, data, end);
	cbor_enc_init(&e, out, sizeof(out));
	while (!cbor_dec_done(&d)) {
		size_t at = d.pos;
		uint8_t major;
		uint64_t arg;
		if (cbor_get_head(&d, &major, &arg) != 0)
			abort(); /* accepted by skip, so every head must read */
		switch (major) {
		case CBOR_MAJOR_UINT: cbor_put_uint(&e, arg); break;
		case CBOR_MAJOR_NINT: cbor_put_nint(&e, arg); break;
		case CBOR_MAJOR_BSTR:
		case CBOR_MAJOR_TSTR:
			if (arg > d.len - d.pos)
				abort();
			if (major == CBOR_MAJOR_BSTR)
				cbor_put_bstr(&e, d.buf + d.pos, (size_t)arg);
			else
				cbor_put_tstr(&e, (const char *)d.buf + d.pos, (size_t)arg);
			d.pos += (size_t)arg;
			break;
		case CBOR_MAJOR_ARRAY: cbor_put_array(&e, arg); break;
		case CBOR_MAJOR_MAP: cbor_put_map(&e, arg); break;
		case CBOR_MAJOR_TAG: cbor_put_tag(&e, arg); break;
		default:
			/* simple values and floats: copy the head as read */
			cbor_put_raw(&e, data + at, d.pos - at);
			break;
		}
	}
	if (cbor_enc_finish(&e, &len) != 0 || len != end || memcmp(out, data, end) != 0)
		abort();
	return 0;
}
