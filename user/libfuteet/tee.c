/* libfuteet: typed wrappers of the attestation, measurement, capability and
 * sealing calls (docs/API.md, one section per call). Each passes its
 * arguments to the raw stub unchanged and returns what the kernel returned:
 * 0 or a length, or a negative errno; the kernel checks every argument. */
#include <futeet/futeet.h>

int futeet_caps(struct futeet_caps *out)
{
	size_t n = 0;

	return (int)futeet_sys_futeet_caps((long)out, (long)sizeof(*out), (long)&n,
					   FUTEET_CAPS_STRUCT);
}

int futeet_caps_cbor(uint8_t *buf, size_t cap, size_t *out_len)
{
	return (int)futeet_sys_futeet_caps((long)buf, (long)cap, (long)out_len, FUTEET_CAPS_CBOR);
}

int futeet_attest(const uint8_t *nonce, size_t nonce_len, uint8_t *buf, size_t cap,
		  size_t *out_len, const struct futeet_attest_opts *opts)
{
	return (int)futeet_sys_futeet_attest((long)nonce, (long)nonce_len, (long)buf, (long)cap,
					     (long)out_len, (long)opts);
}

int futeet_extend(uint32_t index, const uint8_t digest[FUTEET_EXTEND_DIGEST_LEN],
		  const void *event, size_t event_len)
{
	return (int)futeet_sys_futeet_extend((long)index, (long)digest, FUTEET_EXTEND_DIGEST_LEN,
					     (long)event, (long)event_len);
}

int futeet_measurements(struct futeet_measurements *out, uint8_t *log, size_t cap,
			size_t *log_len)
{
	return (int)futeet_sys_futeet_measurements((long)out, (long)log, (long)cap, (long)log_len);
}

int futeet_derive_key(const struct futeet_key_req *req, uint8_t key[FUTEET_KEY_LEN])
{
	return (int)futeet_sys_futeet_derive_key((long)req, (long)key);
}

long futeet_seal(uint32_t policy, const void *plaintext, size_t len, uint8_t *blob, size_t cap)
{
	return futeet_sys_futeet_seal((long)policy, (long)plaintext, (long)len, (long)blob,
				      (long)cap);
}

long futeet_unseal(const uint8_t *blob, size_t blob_len, void *out, size_t cap)
{
	return futeet_sys_futeet_unseal((long)blob, (long)blob_len, (long)out, (long)cap);
}

long futeet_blob_in(uint8_t *buf, size_t cap)
{
	return futeet_sys_futeet_blob_in((long)buf, (long)cap);
}
