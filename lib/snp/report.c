/* SEV-SNP ATTESTATION_REPORT parser.
 * Spec: SNP ABI 56860 rev 1.57, "ATTESTATION_REPORT Structure" (layout in
 * include/futeet/snp_abi.h, struct snp_report); the report versions 3 (CPUID
 * fields) and 5 (mitigation vectors) are in the same revision. Little-endian fields are
 * read byte by byte (no casts of the caller's buffer). */
#include "lib/snp/report.h"
#include "lib/bytes.h"
#include "futeet/errno.h"
#include "futeet/snp_abi.h"
#include <stddef.h>
#include <string.h>

#define SNP_REPORT_MIN_VERSION 2u
#define SNP_REPORT_MAX_VERSION 5u
#define SNP_REPORT_V3 3u /* CPUID_FAM_ID/MOD_ID/STEP appear (SNP ABI 1.55+) */
#define SNP_REPORT_V5 5u /* LAUNCH/CURRENT_MIT_VECTOR appear (SNP ABI 1.57) */

#define OFF(f) offsetof(struct snp_report, f)
#define COPY(f) memcpy(out->f, buf + OFF(f), sizeof(out->f))

int snp_report_parse(const uint8_t *buf, size_t len, struct snp_report_info *out)
{
	if (!buf || !out)
		return -EINVAL;
	memset(out, 0, sizeof(*out));
	if (len != SNP_REPORT_SIZE)
		return len < SNP_REPORT_SIZE ? -EINVAL : -EMSGSIZE;
	out->version = bytes_le32(buf + OFF(version));
	if (out->version < SNP_REPORT_MIN_VERSION || out->version > SNP_REPORT_MAX_VERSION)
		return -EOPNOTSUPP;
	out->signature_algo = bytes_le32(buf + OFF(signature_algo));
	if (out->signature_algo != SNP_SIG_ALGO_ECDSA_P384_SHA384)
		return -EOPNOTSUPP;
	out->guest_svn = bytes_le32(buf + OFF(guest_svn));
	out->policy = bytes_le64(buf + OFF(policy));
	COPY(family_id);
	COPY(image_id);
	out->vmpl = bytes_le32(buf + OFF(vmpl));
	out->current_tcb = bytes_le64(buf + OFF(current_tcb));
	out->platform_info = bytes_le64(buf + OFF(platform_info));
	out->signer_info = bytes_le32(buf + OFF(signer_info));
	out->author_key_en = (out->signer_info & SNP_SIGNER_AUTHOR_KEY_EN) != 0;
	out->mask_chip_id = (out->signer_info & SNP_SIGNER_MASK_CHIP_KEY) != 0;
	out->signing_key = (out->signer_info >> SNP_SIGNER_KEY_SHIFT) & SNP_SIGNER_KEY_MASK;
	COPY(report_data);
	COPY(measurement);
	COPY(host_data);
	COPY(id_key_digest);
	COPY(author_key_digest);
	COPY(report_id);
	COPY(report_id_ma);
	out->reported_tcb = bytes_le64(buf + OFF(reported_tcb));
	if (out->version >= SNP_REPORT_V3) {
		out->cpuid_fam_id = buf[OFF(cpuid_fam_id)];
		out->cpuid_mod_id = buf[OFF(cpuid_mod_id)];
		out->cpuid_step = buf[OFF(cpuid_step)];
	}
	COPY(chip_id);
	out->committed_tcb = bytes_le64(buf + OFF(committed_tcb));
	out->current_build = buf[OFF(current_build)];
	out->current_minor = buf[OFF(current_minor)];
	out->current_major = buf[OFF(current_major)];
	out->committed_build = buf[OFF(committed_build)];
	out->committed_minor = buf[OFF(committed_minor)];
	out->committed_major = buf[OFF(committed_major)];
	out->launch_tcb = bytes_le64(buf + OFF(launch_tcb));
	if (out->version >= SNP_REPORT_V5) {
		out->launch_mit_vector = bytes_le64(buf + OFF(launch_mit_vector));
		out->current_mit_vector = bytes_le64(buf + OFF(current_mit_vector));
	}
	COPY(sig_r);
	COPY(sig_s);
	return 0;
}
