/* Private <-> shared page conversion on SNP and TDX (behind vm_set_shared,
 * include/futeet/mm.h). */
#ifndef FUTEET_ARCH_COCO_SHARED_H
#define FUTEET_ARCH_COCO_SHARED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Convert [va, va + size) (identity-mapped, page-aligned) to shared or back
 * to private on the detected platform. 0 or a negative errno; a failure
 * after the page state changed terminates the guest (fail closed). */
int coco_set_shared(uint64_t va, size_t size, bool shared);

/* TDX: the SHARED bit from TDG.VP.INFO (detect.c sets it). */
void coco_set_tdx_shared_bit(uint64_t bit);

/* EFI unaccepted memory (type 15) left in the map: accepted on TDX,
 * reported elsewhere (shared.c). */
struct boot_info;
void coco_unaccepted_memory(const struct boot_info *bi);

#endif
