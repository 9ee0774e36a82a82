/* GHCB page contents for SNP guest requests (arch/x86_64/coco/ghcb_page.h).
 * Plain C, no instructions: the host unit test runs it. */
#include <stdbool.h>
#include <string.h>

#include "futeet/errno.h"
#include "arch/x86_64/coco/ghcb_page.h"

static void set_qword(uint8_t *page, unsigned off, uint64_t v)
{
	memcpy(page + off, &v, 8);
	page[GHCB_OFF_VALID_BITMAP + off / 64] |= (uint8_t)(1u << ((off / 8) % 8));
}

static uint64_t get_qword(const uint8_t *page, unsigned off)
{
	uint64_t v;
	memcpy(&v, page + off, 8);
	return v;
}

void ghcb_page_guest_request(uint8_t page[GHCB_PAGE_SIZE], bool ext, uint64_t req_gpa,
			     uint64_t rsp_gpa, uint64_t certs_gpa, uint64_t npages)
{
	uint16_t version = GHCB_PROTOCOL_VERSION;
	uint32_t usage = 0;

	memset(page + GHCB_OFF_VALID_BITMAP, 0, GHCB_VALID_BITMAP_LEN);
	memcpy(page + GHCB_OFF_PROTOCOL, &version, sizeof(version));
	memcpy(page + GHCB_OFF_USAGE, &usage, sizeof(usage));
	set_qword(page, GHCB_OFF_SW_EXIT_CODE,
		  ext ? SVM_EXIT_SNP_EXT_GUEST_REQUEST : SVM_EXIT_SNP_GUEST_REQUEST);
	set_qword(page, GHCB_OFF_SW_EXIT_INFO_1, req_gpa);
	set_qword(page, GHCB_OFF_SW_EXIT_INFO_2, rsp_gpa);
	if (ext) {
		set_qword(page, GHCB_OFF_RAX, certs_gpa);
		set_qword(page, GHCB_OFF_RBX, npages);
	}
}

int ghcb_page_guest_response(const uint8_t page[GHCB_PAGE_SIZE], bool ext, uint64_t *exitinfo2,
			     uint64_t *npages)
{
	uint64_t info1 = get_qword(page, GHCB_OFF_SW_EXIT_INFO_1);
	uint64_t info2 = get_qword(page, GHCB_OFF_SW_EXIT_INFO_2);

	if ((uint32_t)info1 != 0)
		return -EIO;
	*exitinfo2 = info2;
	if (ext && (uint32_t)(info2 >> 32) == GHCB_VMM_ERR_INVALID_LEN)
		*npages = get_qword(page, GHCB_OFF_RBX);
	return 0;
}

static bool qword_valid(const uint8_t *page, unsigned off)
{
	return (page[GHCB_OFF_VALID_BITMAP + off / 64] >> ((off / 8) % 8)) & 1;
}

static void page_header(uint8_t *page)
{
	uint16_t version = GHCB_PROTOCOL_VERSION;
	uint32_t usage = 0;

	memset(page + GHCB_OFF_VALID_BITMAP, 0, GHCB_VALID_BITMAP_LEN);
	memcpy(page + GHCB_OFF_PROTOCOL, &version, sizeof(version));
	memcpy(page + GHCB_OFF_USAGE, &usage, sizeof(usage));
}

int ghcb_page_ioio(uint8_t page[GHCB_PAGE_SIZE], uint16_t port, unsigned size, bool in,
		   uint32_t value)
{
	uint64_t info = ((uint64_t)port << IOIO_PORT_SHIFT) | IOIO_A64;

	switch (size) {
	case 1: info |= IOIO_SZ8; value &= 0xFF; break;
	case 2: info |= IOIO_SZ16; value &= 0xFFFF; break;
	case 4: info |= IOIO_SZ32; break;
	default: return -EINVAL;
	}
	if (in)
		info |= IOIO_TYPE_IN;
	page_header(page);
	set_qword(page, GHCB_OFF_SW_EXIT_CODE, SVM_EXIT_IOIO);
	set_qword(page, GHCB_OFF_SW_EXIT_INFO_1, info);
	set_qword(page, GHCB_OFF_SW_EXIT_INFO_2, 0);
	set_qword(page, GHCB_OFF_RAX, in ? 0 : value);
	return 0;
}

int ghcb_page_ioio_response(const uint8_t page[GHCB_PAGE_SIZE], bool in, unsigned size,
			    uint32_t *value)
{
	uint8_t copy[GHCB_VALID_BITMAP_LEN + 0x400];
	uint64_t rax;

	*value = 0;
	/* One read of each field the checks use (the page is the host's). */
	memcpy(copy, page, sizeof(copy));
	if ((uint32_t)get_qword(copy, GHCB_OFF_SW_EXIT_INFO_1) != 0)
		return -EIO;
	if (!in)
		return 0;
	if (!qword_valid(copy, GHCB_OFF_RAX))
		return -EPROTO;
	rax = get_qword(copy, GHCB_OFF_RAX);
	*value = (uint32_t)(size == 1 ? (rax & 0xFF) : size == 2 ? (rax & 0xFFFF) : rax);
	return 0;
}

void ghcb_page_psc(uint8_t page[GHCB_PAGE_SIZE], uint64_t scratch_gpa)
{
	page_header(page);
	set_qword(page, GHCB_OFF_SW_EXIT_CODE, SVM_EXIT_SNP_PSC);
	set_qword(page, GHCB_OFF_SW_EXIT_INFO_1, 0);
	set_qword(page, GHCB_OFF_SW_EXIT_INFO_2, 0);
	set_qword(page, GHCB_OFF_SW_SCRATCH, scratch_gpa);
}

uint64_t ghcb_page_exit_info2(const uint8_t page[GHCB_PAGE_SIZE])
{
	return get_qword(page, GHCB_OFF_SW_EXIT_INFO_2);
}

void ghcb_page_mmio(uint8_t page[GHCB_PAGE_SIZE], bool write, uint64_t gpa, unsigned size,
		    uint64_t scratch_gpa)
{
	page_header(page);
	set_qword(page, GHCB_OFF_SW_EXIT_CODE, write ? SVM_VMGEXIT_MMIO_WRITE : SVM_VMGEXIT_MMIO_READ);
	set_qword(page, GHCB_OFF_SW_EXIT_INFO_1, gpa);
	set_qword(page, GHCB_OFF_SW_EXIT_INFO_2, size);
	set_qword(page, GHCB_OFF_SW_SCRATCH, scratch_gpa);
}

void ghcb_page_hlt(uint8_t page[GHCB_PAGE_SIZE])
{
	page_header(page);
	set_qword(page, GHCB_OFF_SW_EXIT_CODE, SVM_EXIT_HLT);
	set_qword(page, GHCB_OFF_SW_EXIT_INFO_1, 0);
	set_qword(page, GHCB_OFF_SW_EXIT_INFO_2, 0);
}

int ghcb_page_nae_result(const uint8_t page[GHCB_PAGE_SIZE])
{
	return (uint32_t)get_qword(page, GHCB_OFF_SW_EXIT_INFO_1) == 0 ? 0 : -EIO;
}

void ghcb_page_msr(uint8_t page[GHCB_PAGE_SIZE], bool write, uint32_t msr, uint64_t value)
{
	page_header(page);
	set_qword(page, GHCB_OFF_SW_EXIT_CODE, SVM_EXIT_MSR);
	set_qword(page, GHCB_OFF_SW_EXIT_INFO_1,
		  write ? GHCB_MSR_EXITINFO1_WRITE : GHCB_MSR_EXITINFO1_READ);
	set_qword(page, GHCB_OFF_SW_EXIT_INFO_2, 0);
	set_qword(page, GHCB_OFF_RCX, msr);
	if (write) {
		set_qword(page, GHCB_OFF_RAX, value & 0xFFFFFFFFull);
		set_qword(page, GHCB_OFF_RDX, value >> 32);
	}
}

int ghcb_page_msr_response(const uint8_t page[GHCB_PAGE_SIZE], bool write, uint64_t *value)
{
	uint8_t copy[GHCB_VALID_BITMAP_LEN + 0x400];
	uint64_t rax, rdx;

	*value = 0;
	/* One read of each field the checks use (the page is the host's). */
	memcpy(copy, page, sizeof(copy));
	if ((uint32_t)get_qword(copy, GHCB_OFF_SW_EXIT_INFO_1) != 0)
		return -EIO;
	if (write)
		return 0;
	if (!qword_valid(copy, GHCB_OFF_RAX) || !qword_valid(copy, GHCB_OFF_RDX))
		return -EPROTO;
	rax = get_qword(copy, GHCB_OFF_RAX);
	rdx = get_qword(copy, GHCB_OFF_RDX);
	if ((rax >> 32) != 0 || (rdx >> 32) != 0)
		return -EPROTO;
	*value = (rdx << 32) | rax;
	return 0;
}
