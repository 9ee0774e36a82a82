/* Guest side of the sim platform's mailbox (wire format and protocol:
 * include/futeet/simbox.h): finds the ivshmem-plain device, maps BAR2
 * shared, and performs one request/answer at a time with a bounded wait. */
#ifndef FUTEET_DRIVERS_SIMBOX_H
#define FUTEET_DRIVERS_SIMBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "futeet/simbox.h"

/* Longest wait for the sim's ack (FUTEET's choice: the sim polls every
 * ~0.2 ms; a no-answer must end, not hang). */
#define SIMBOX_TIMEOUT_NS 5000000000ull

/* Find and map the device, check magic and version. 0, -ENODEV (no device
 * or no usable BAR2), -EPROTO (wrong magic/version: not our sim). */
int simbox_init(void);

/* The profile the sim announced (enum simbox_profile), 0 if not ready. */
uint16_t simbox_profile(void);

/* What the sim's launch measurement covers (SIMBOX_LAUNCH_*), read once by
 * simbox_init; 0 if not ready. */
uint32_t simbox_launch_flags(void);

/* One exchange: write op, aux_in and req_len bytes of request, ring, wait
 * for the ack, then copy the header fields and up to rsp_cap response
 * bytes out of shared memory once. -ETIMEDOUT when the sim never answers,
 * -EPROTO when its rsp_len exceeds SIMBOX_DATA_MAX or rsp_cap. */
int simbox_call(uint32_t op, const void *req, size_t req_len, uint64_t aux_in,
		void *rsp, size_t rsp_cap, size_t *rsp_len, uint64_t *ret, uint64_t *ret_aux);

#endif
