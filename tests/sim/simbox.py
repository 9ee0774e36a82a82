"""The sim's mailbox and a TAP printer, shared by the independent Python
guests (pyclient.py for sim-snp, pytdx.py for sim-tdx, pyevil.py). The
mailbox layout is re-typed here from include/futeet/simbox.h's comment; no
FUTEET code is used."""
import mmap
import os
import struct
import time

MAGIC = 0x4D495346          # "FSIM"
HDR = dict(magic=0x00, version=0x04, profile=0x06, req_seq=0x08, ack_seq=0x10,
           op=0x18, req_len=0x1C, aux_in=0x20, rsp_len=0x28, ret=0x30, ret_aux=0x38)
REQ_OFF, RSP_OFF, DATA_MAX, SIZE = 0x1000, 0x41000, 0x40000, 0x100000


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, cond, what, detail=""):
        self.n += 1
        if cond:
            print(f"ok {self.n} - {what}")
        else:
            self.failed += 1
            print(f"not ok {self.n} - {what}" + (f": {detail}" if detail else ""))
        return cond


class Mailbox:
    def __init__(self, path):
        fd = os.open(path, os.O_RDWR)
        self.m = mmap.mmap(fd, SIZE, mmap.MAP_SHARED)
        os.close(fd)
        self.seq = struct.unpack_from("<Q", self.m, HDR["ack_seq"])[0]

    def u(self, fmt, name):
        return struct.unpack_from(fmt, self.m, HDR[name])[0]

    def call(self, op, data, aux_in=0, timeout=20.0):
        """One request; returns (ret, ret_aux, response bytes)."""
        self.m[REQ_OFF:REQ_OFF + len(data)] = data
        struct.pack_into("<IIQ", self.m, HDR["op"], op, len(data), aux_in)
        self.seq += 1
        struct.pack_into("<Q", self.m, HDR["req_seq"], self.seq)
        end = time.monotonic() + timeout
        while self.u("<Q", "ack_seq") != self.seq:
            if time.monotonic() > end:
                raise TimeoutError("the sim did not answer")
            time.sleep(0.0002)
        n = self.u("<I", "rsp_len")
        if n > DATA_MAX:
            raise ValueError("rsp_len beyond the mailbox")
        return self.u("<Q", "ret"), self.u("<Q", "ret_aux"), bytes(self.m[RSP_OFF:RSP_OFF + n])
