#!/bin/sh
# futeet-measure --platform tdx --explain lists the pages MRTD covers, one
# line per TDVF section (type, GPA, pages, whether TDH.MR.EXTEND measures
# them), in text and JSON, as the firmware's TDX metadata says; checked by
# Python reading Debian's OVMF.fd itself (TDVF Design Guide: "TDVF" header of
# 16 bytes, 32-byte sections u32 DataOffset, u32 RawDataSize, u64
# MemoryAddress, u64 MemoryDataSize, u32 Type, u32 Attributes, bit 0
# MR_EXTEND), and by recomputing MRTD in Python from that list (TDX Module
# ABI 348551: per page a 128-byte "MEM.PAGE.ADD" block with the GPA at 16;
# per 256-byte chunk of an extended page a 128-byte "MR.EXTEND" block, then
# the chunk), which must equal the printed mrtd (and td-shim's value, in
# tests/unit/test_measure_tdx.c).
cd "$(dirname "$0")/../.." || exit 1
B=${BUILD:-build}
M=$B/bin/futeet-measure
FW=/usr/share/ovmf/OVMF.fd
fail() { echo "futeet_measure_tdx_explain_lists_mrtd_sections: $*"; exit 1; }
[ -x "$M" ] || fail "$M not built"
[ -f "$FW" ] || fail "$FW missing (Debian package ovmf)"
tmp=$(mktemp -d) || fail "mktemp"
trap 'rm -rf "$tmp"' EXIT
"$M" --platform tdx --firmware "$FW" --explain > "$tmp/text" || fail "text: exit $?"
"$M" --platform tdx --firmware "$FW" --explain --format json > "$tmp/json" || fail "json: exit $?"
python3 - "$FW" "$tmp/text" "$tmp/json" <<'PY' || fail "see above"
import hashlib, json, re, struct, sys
fw = open(sys.argv[1], "rb").read()
text = open(sys.argv[2]).read()
js = json.load(open(sys.argv[3]))
at = fw.rfind(b"TDVF")
length, version, n = struct.unpack_from("<III", fw, at + 4)
assert version == 1 and length == 16 + 32 * n, (version, length, n)
names = {0: "BFV", 1: "CFV", 2: "TD_HOB", 3: "TEMP_MEM"}
secs = [struct.unpack_from("<IIQQII", fw, at + 16 + 32 * i) for i in range(n)]
lines = re.findall(r"^mrtd section (\d+) (\S+) +gpa 0x([0-9a-f]+) pages +(\d+)  TDH\.MEM\.PAGE\.ADD( \+ TDH\.MR\.EXTEND)?", text, re.M)
assert len(lines) == n, ("text lists", len(lines), "sections, metadata has", n)
assert len(js["mrtd_sections"]) == n
h = hashlib.sha384()
for i, (off, raw, gpa, size, typ, attr) in enumerate(secs):
    idx, tname, tgpa, tpages, ext = lines[i]
    assert (int(idx), tname, int(tgpa, 16), int(tpages), bool(ext)) == \
        (i, names[typ], gpa, size // 4096, bool(attr & 1)), (i, lines[i], secs[i])
    j = js["mrtd_sections"][i]
    assert (j["section"], j["type"], int(j["gpa"], 16), j["pages"], j["mr_extend"]) == \
        (i, names[typ], gpa, size // 4096, bool(attr & 1)), (i, j)
    for pg in range(0, size, 4096):
        h.update(b"MEM.PAGE.ADD".ljust(16, b"\0") + struct.pack("<Q", gpa + pg) + bytes(104))
        if attr & 1:
            for c in range(0, 4096, 256):
                h.update(b"MR.EXTEND".ljust(16, b"\0") + struct.pack("<Q", gpa + pg + c) + bytes(104))
                h.update(fw[off + pg + c: off + pg + c + 256])
mrtd = re.search(r"^mrtd: ([0-9a-f]{96})$", text, re.M).group(1)
assert mrtd == h.hexdigest() == js["mrtd"], (mrtd, h.hexdigest())
PY
echo "futeet_measure_tdx_explain_lists_mrtd_sections: ok"
