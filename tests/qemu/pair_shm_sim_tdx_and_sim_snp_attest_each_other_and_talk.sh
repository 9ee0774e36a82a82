#!/usr/bin/env bash
# Proves (one boot of two guests, scripts/run --peer sim-snp --chan shm): a
# sim-tdx guest (initiator) and a sim-snp guest (responder) share one ivshmem
# region beside each one's sim mailbox (also ivshmem) and each kernel takes
# the right device for each; 2 MiB of 64 KiB messages cross the bare ring
# byte for byte (the plain copy), and the initiator's futeet_port_close
# reaches the responder as futeet_port_recv 0 (the ring's close mark);
# then the attested channel: each side
# verifies the other's fresh evidence against its policy and prints what it
# verified (the TDX side sees sev-snp with its measurement, debug off and
# TCB; the SNP side sees tdx with MRTD, debug off, TEE_TCB_SVN; both: fresh
# evidence bound to this handshake), both derive the same session id, one
# message crosses each way, the same 2 MiB cross the channel intact, and the
# run's status is 0 because both sides ended with 0.
. "$(dirname "$0")/lib.sh"
pair_talk shm 2
I=$TQ_I R=$TQ_R
expect_line "${I}futeet: platform sim-tdx " "the initiator's sim-tdx mailbox found beside the peer region"
expect_line "${R}futeet: platform sim-snp " "the responder's sim-snp mailbox found beside the peer region"
expect_line "${I}futeet: ivshmem-peer: 4096 KiB region shared with a peer guest, initiator" "initiator's port"
expect_line "${R}futeet: ivshmem-peer: 4096 KiB region shared with a peer guest, responder" "responder's port"
expect_line "${R}pair: plain copy: the initiator closed its port: futeet_port_recv returned 0" "the initiator's port close seen as 0"
expect_no_line 'ring broken' "no broken ring"
pass "sim-tdx <-> sim-snp over ivshmem: attested both ways (session $sid), messages and 2 MiB intact"
