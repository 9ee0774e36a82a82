/* futeet-sim --collateral DIR: the Intel-style collateral that matches the
 * sim's TDX quotes (Intel PCS v4 "Get TDX TCB Info" tcbInfo v3, "Get TDX QE
 * Identity" enclaveIdentity v2, "Get PCK Cert CRL"; RFC 5280 CRLs), each
 * JSON body signed with ECDSA P-256 / SHA-256 over its exact text by the sim
 * "Intel SGX TCB Signing" key (raw r||s, hex), in the two forms the test
 * data holds:
 *   collateral.json              dcap-qvl's single object (tcb_info and
 *                                qe_identity as the signed strings, CRLs hex)
 *   tcb_info.json                {"tcbInfo":{...},"signature":"..."}
 *   qe_identity.json             {"enclaveIdentity":{...},"signature":"..."}
 *   tcb_info_issuer_chain.pem    TCB signing cert + root (the PCS header)
 *   qe_identity_issuer_chain.pem the same chain
 *   pck_crl.der, root_crl.der    the platform CA's and the root's CRLs
 *   pck_crl_issuer_chain.pem     platform CA + root
 *   sim-tdx-root.der             the root, for verifiers told to trust it
 * One TCB level, UpToDate: the sim's CPUSVN components, PCESVN and
 * TEE_TCB_SVN exactly; QE identity: the sim QE's MRSIGNER, ISVPRODID 2,
 * ISVSVN 4, attributes 0x11 under Intel's mask FBFF..., MISCSELECT 0.
 * Issue 2025-01-01, next update 2049-12-31, like the certificates. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "futeet/errno.h"
#include "lib/bytes.h"
#include "lib/hex.h"
#include "sim.h"

#define COLL_ISSUE  "2025-01-01T00:00:00Z"
#define COLL_NEXT   "2049-12-31T00:00:00Z"
#define COLL_TCB_DATE "2025-01-01T00:00:00Z"
#define COLL_EVAL_NUMBER 17
#define JSON_MAX 8192

static int write_all(const char *dir, const char *name, const void *p, size_t n)
{
	char path[4096];
	const uint8_t *b = p;
	int fd;

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path))
		return -E2BIG;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	while (n) {
		ssize_t w = write(fd, b, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return -EIO;
		}
		b += w;
		n -= (size_t)w;
	}
	return close(fd) ? -EIO : 0;
}

/* ECDSA P-256 over SHA-256(text), r||s as lower-case hex (PCS form). */
static int sign_text(const struct sim_tdx_keys *k, const char *text, char out[129])
{
	br_sha256_context h;
	uint8_t hash[32], sig[64];

	br_sha256_init(&h);
	br_sha256_update(&h, text, strlen(text));
	br_sha256_out(&h, hash);
	if (br_ecdsa_i31_sign_raw(&br_ec_all_m31, &br_sha256_vtable, hash, &k->tcb.sk, sig) != 64)
		return -EIO;
	hex_encode(sig, 64, out, false);
	return 0;
}

/* Append s to a JSON string literal being built in out (escaping " \ and
 * newlines). */
static int json_str(char *out, size_t cap, size_t *len, const char *s)
{
	size_t o = *len;

	if (o + 2 > cap)
		return -ENOSPC;
	out[o++] = '"';
	for (; *s; s++) {
		if (o + 3 > cap)
			return -ENOSPC;
		if (*s == '"' || *s == '\\')
			out[o++] = '\\', out[o++] = *s;
		else if (*s == '\n')
			out[o++] = '\\', out[o++] = 'n';
		else
			out[o++] = *s;
	}
	out[o++] = '"';
	out[o] = 0;
	*len = o;
	return 0;
}

static int appendf(char *out, size_t cap, size_t *len, const char *s)
{
	size_t n = strlen(s);

	if (*len + n + 1 > cap)
		return -ENOSPC;
	memcpy(out + *len, s, n + 1);
	*len += n;
	return 0;
}

static int tcb_info_text(char *out, size_t cap)
{
	static const uint8_t fmspc[6] = SIM_TDX_FMSPC;
	char fm[13], comp[64];
	size_t len = 0;
	int err;

	hex_encode(fmspc, 6, fm, true);
	err = snprintf(out, cap,
		       "{\"id\":\"TDX\",\"version\":3,\"issueDate\":\"" COLL_ISSUE "\","
		       "\"nextUpdate\":\"" COLL_NEXT "\",\"fmspc\":\"%s\",\"pceId\":\"%04X\","
		       "\"tcbType\":0,\"tcbEvaluationDataNumber\":%d,"
		       "\"tdxModule\":{\"mrsigner\":\"%096d\",\"attributes\":\"0000000000000000\","
		       "\"attributesMask\":\"FFFFFFFFFFFFFFFF\"},"
		       "\"tdxModuleIdentities\":[{\"id\":\"TDX_01\",\"mrsigner\":\"%096d\","
		       "\"attributes\":\"0000000000000000\",\"attributesMask\":\"FFFFFFFFFFFFFFFF\","
		       "\"tcbLevels\":[{\"tcb\":{\"isvsvn\":%u},\"tcbDate\":\"" COLL_TCB_DATE "\","
		       "\"tcbStatus\":\"UpToDate\"}]}],"
		       "\"tcbLevels\":[{\"tcb\":{\"sgxtcbcomponents\":[",
		       fm, SIM_TDX_PCE_ID, COLL_EVAL_NUMBER, 0, 0, sim_tdx_tee_tcb_svn[0]);
	if (err < 0 || (size_t)err >= cap)
		return -ENOSPC;
	len = (size_t)err;
	err = 0;
	for (int i = 0; i < 16 && !err; i++) {
		snprintf(comp, sizeof(comp), "%s{\"svn\":%u}", i ? "," : "", sim_tdx_cpusvn[i]);
		err = appendf(out, cap, &len, comp);
	}
	snprintf(comp, sizeof(comp), "],\"pcesvn\":%u,\"tdxtcbcomponents\":[", SIM_TDX_PCE_SVN);
	err = err ? err : appendf(out, cap, &len, comp);
	for (int i = 0; i < 16 && !err; i++) {
		snprintf(comp, sizeof(comp), "%s{\"svn\":%u}", i ? "," : "", sim_tdx_tee_tcb_svn[i]);
		err = appendf(out, cap, &len, comp);
	}
	return err ? err : appendf(out, cap, &len, "]},\"tcbDate\":\"" COLL_TCB_DATE "\","
				   "\"tcbStatus\":\"UpToDate\",\"advisoryIDs\":[]}]}");
}

static int qe_identity_text(char *out, size_t cap)
{
	uint8_t mrsigner[32];
	char ms[65];
	br_sha256_context h;
	int n;

	/* The sim QE's MRSIGNER (tools/futeet-sim/tdx.c sim_tdx_quote). */
	br_sha256_init(&h);
	br_sha256_update(&h, "FUTEET-SIM TDQE MRSIGNER", 24);
	br_sha256_out(&h, mrsigner);
	hex_encode(mrsigner, 32, ms, true);
	n = snprintf(out, cap,
		     "{\"id\":\"TD_QE\",\"version\":2,\"issueDate\":\"" COLL_ISSUE "\","
		     "\"nextUpdate\":\"" COLL_NEXT "\",\"tcbEvaluationDataNumber\":%d,"
		     "\"miscselect\":\"00000000\",\"miscselectMask\":\"FFFFFFFF\","
		     "\"attributes\":\"11000000000000000000000000000000\","
		     "\"attributesMask\":\"FBFFFFFFFFFFFFFF0000000000000000\","
		     "\"mrsigner\":\"%s\",\"isvprodid\":2,\"tcbLevels\":[{\"tcb\":{\"isvsvn\":%u},"
		     "\"tcbDate\":\"" COLL_TCB_DATE "\",\"tcbStatus\":\"UpToDate\"}]}",
		     COLL_EVAL_NUMBER, ms, SIM_TDX_QE_SVN);
	return (n < 0 || (size_t)n >= cap) ? -ENOSPC : 0;
}

int sim_tdx_collateral_write(const struct sim_tdx_keys *k, const char *dir)
{
	static char tcb[JSON_MAX], qe[JSON_MAX], body[2 * JSON_MAX], all[4 * JSON_MAX + 16384];
	static char tcb_chain[SIM_TDX_PEM_MAX], pck_chain[SIM_TDX_PEM_MAX];
	static struct sim_tdx_certs certs;
	uint8_t tcb_der[SIM_TDX_CERT_MAX], pck_crl[1024], root_crl[1024];
	char tcb_sig[129], qe_sig[129], crl_hex[2 * 1024 + 1];
	size_t tcb_der_len, pck_crl_len, root_crl_len, n = 0, m = 0, len = 0;
	int err;

	err = sim_tdx_certs_build(k, false, &certs);
	if (!err)
		err = sim_tdx_cert_tcb_signing(k, tcb_der, sizeof(tcb_der), &tcb_der_len);
	if (!err)
		err = sim_tdx_pem(tcb_der, tcb_der_len, tcb_chain, sizeof(tcb_chain), &n);
	if (!err)
		err = sim_tdx_pem(certs.der[2], certs.der_len[2], tcb_chain, sizeof(tcb_chain), &n);
	if (!err)
		err = sim_tdx_pem(certs.der[1], certs.der_len[1], pck_chain, sizeof(pck_chain), &m);
	if (!err)
		err = sim_tdx_pem(certs.der[2], certs.der_len[2], pck_chain, sizeof(pck_chain), &m);
	if (!err)
		err = sim_tdx_crl(k, false, pck_crl, sizeof(pck_crl), &pck_crl_len);
	if (!err)
		err = sim_tdx_crl(k, true, root_crl, sizeof(root_crl), &root_crl_len);
	if (!err)
		err = tcb_info_text(tcb, sizeof(tcb));
	if (!err)
		err = qe_identity_text(qe, sizeof(qe));
	if (!err)
		err = sign_text(k, tcb, tcb_sig);
	if (!err)
		err = sign_text(k, qe, qe_sig);
	if (err)
		return err;

	/* Intel PCS response form. */
	snprintf(body, sizeof(body), "{\"tcbInfo\":%s,\"signature\":\"%s\"}", tcb, tcb_sig);
	err = write_all(dir, "tcb_info.json", body, strlen(body));
	snprintf(body, sizeof(body), "{\"enclaveIdentity\":%s,\"signature\":\"%s\"}", qe, qe_sig);
	if (!err)
		err = write_all(dir, "qe_identity.json", body, strlen(body));
	if (!err)
		err = write_all(dir, "tcb_info_issuer_chain.pem", tcb_chain, n);
	if (!err)
		err = write_all(dir, "qe_identity_issuer_chain.pem", tcb_chain, n);
	if (!err)
		err = write_all(dir, "pck_crl_issuer_chain.pem", pck_chain, m);
	if (!err)
		err = write_all(dir, "pck_crl.der", pck_crl, pck_crl_len);
	if (!err)
		err = write_all(dir, "root_crl.der", root_crl, root_crl_len);
	if (!err)
		err = write_all(dir, "sim-tdx-root.der", certs.der[2], certs.der_len[2]);
	if (err)
		return err;

	/* dcap-qvl's single JSON object (key order as in its fixtures). */
	err = appendf(all, sizeof(all), &len, "{\"pck_crl_issuer_chain\":");
	if (!err)
		err = json_str(all, sizeof(all), &len, pck_chain);
	hex_encode(root_crl, root_crl_len, crl_hex, false);
	if (!err)
		err = appendf(all, sizeof(all), &len, ",\"root_ca_crl\":");
	if (!err)
		err = json_str(all, sizeof(all), &len, crl_hex);
	hex_encode(pck_crl, pck_crl_len, crl_hex, false);
	if (!err)
		err = appendf(all, sizeof(all), &len, ",\"pck_crl\":");
	if (!err)
		err = json_str(all, sizeof(all), &len, crl_hex);
	if (!err)
		err = appendf(all, sizeof(all), &len, ",\"tcb_info_issuer_chain\":");
	if (!err)
		err = json_str(all, sizeof(all), &len, tcb_chain);
	if (!err)
		err = appendf(all, sizeof(all), &len, ",\"tcb_info\":");
	if (!err)
		err = json_str(all, sizeof(all), &len, tcb);
	if (!err)
		err = appendf(all, sizeof(all), &len, ",\"tcb_info_signature\":");
	if (!err)
		err = json_str(all, sizeof(all), &len, tcb_sig);
	if (!err)
		err = appendf(all, sizeof(all), &len, ",\"qe_identity_issuer_chain\":");
	if (!err)
		err = json_str(all, sizeof(all), &len, tcb_chain);
	if (!err)
		err = appendf(all, sizeof(all), &len, ",\"qe_identity\":");
	if (!err)
		err = json_str(all, sizeof(all), &len, qe);
	if (!err)
		err = appendf(all, sizeof(all), &len, ",\"qe_identity_signature\":");
	if (!err)
		err = json_str(all, sizeof(all), &len, qe_sig);
	if (!err)
		err = appendf(all, sizeof(all), &len, "}\n");
	if (!err)
		err = write_all(dir, "collateral.json", all, len);
	return err;
}
