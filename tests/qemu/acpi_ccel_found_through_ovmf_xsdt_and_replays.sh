#!/usr/bin/env bash
# Proves: the kernel's ACPI walker (lib/acpi.c through kernel/acpi.c, the code
# the TDX probe uses to read the firmware's CC event log) finds a CCEL table
# through the RSDP and XSDT that OVMF really publishes, refuses a log area
# outside firmware-reserved memory, and copies a log area that is inside it.
# Plain q35 has no CCEL (that needs TDX and a TDVF), so QEMU's -acpitable adds
# one (type 2 = TDX, ACPI 6.5 5.2.34), and a second table "FTLG" whose body is
# the real CC event log of a Google Cloud TD (tests/data/go-tdx-guest/ccel,
# its used 18101 bytes). Boot 1: the CCEL points at 0x1000 (conventional
# memory): refused; the walker lists where OVMF put FTLG. Boot 2: the CCEL
# points at FTLG's body: the copied log replays to the RTMR0..2 of that TD's
# quote (cos-113-tdx-quote.dat, read here by Python: go-tdx-guest's own
# TestReplayCcelWithTdQuote oracle).
. "$(dirname "$0")/lib.sh"
data=${FUTEET_TESTDATA:-tests/data}/go-tdx-guest/ccel
head -c 18101 "$data/ccel_data.dat" > "$tq_tmp/ftlg.bin"
ccel() { # LAML LASA -> file
	python3 -c 'import struct,sys; sys.stdout.buffer.write(struct.pack("<BBHQQ", 2, 0, 0, int(sys.argv[1], 0), int(sys.argv[2], 0)))' "$1" "$2"
}
tables() { # CCEL-body-file
	echo --qemu-opt -acpitable --qemu-opt "sig=CCEL,rev=1,data=$1" \
	     --qemu-opt -acpitable --qemu-opt "sig=FTLG,rev=1,data=$tq_tmp/ftlg.bin"
}

ccel 0x10000 0x1000 > "$tq_tmp/ccel1.bin"
# shellcheck disable=SC2046
boot --init hello --append futeet.acpi=1 $(tables "$tq_tmp/ccel1.bin")
expect_status 0 "hello exits 0"
expect_line '^futeet: acpi: XSDT lists [0-9]+ tables$' "the XSDT is read"
expect_line '^futeet: acpi:   FACP at 0x[0-9a-f]+$' "QEMU's FADT is listed"
expect_line '^futeet: acpi:   CCEL at 0x[0-9a-f]+$' "the CCEL is listed"
expect_line '^futeet: acpi: CCEL log area 0x1000 \(65536 bytes\) is not in firmware-reserved memory$' \
	"a log area outside firmware memory is refused"
ftlg=$(sed -n 's/^futeet: acpi:   FTLG at \(0x[0-9a-f]*\)$/\1/p' "$out")
[ -n "$ftlg" ] || fail "FTLG not listed"

ccel 18101 $((ftlg + 36)) > "$tq_tmp/ccel2.bin"
# shellcheck disable=SC2046
boot --init hello --append futeet.acpi=1 $(tables "$tq_tmp/ccel2.bin")
expect_status 0 "hello exits 0"
expect_line "^futeet: acpi:   FTLG at $ftlg\$" "OVMF placed the tables as in boot 1"
expect_line '^futeet: acpi: CCEL: 18101 bytes copied, [0-9]+ events in 18101 bytes$' "the log is copied and parses"
# TDX quote v4: 48-byte header, then the TD report body; RTMR0 at body offset
# 328 (TEE_TCB_SVN 16, MRSEAM 48, MRSIGNERSEAM 48, SEAMATTRIBUTES 8,
# TDATTRIBUTES 8, XFAM 8, MRTD 48, MRCONFIGID 48, MROWNER 48, MROWNERCONFIG 48).
for i in 0 1 2; do
	want=$(python3 -c 'import sys; q=open(sys.argv[1],"rb").read(); o=48+328+48*int(sys.argv[2]); print(q[o:o+48].hex())' \
		"$data/cos-113-tdx-quote.dat" "$i")
	expect_line "^futeet: acpi: CCEL replays RTMR$i $want\$" "RTMR$i equals the quote's"
done
expect_no_line 'panic' "no kernel panic"
pass "CCEL found through OVMF's XSDT; outside log refused; the real log copied replays to the quote's RTMR0..2"
