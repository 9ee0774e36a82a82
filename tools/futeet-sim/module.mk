# tools/futeet-sim: the sim platform host program (DESIGN.md section 3).
# The committed seed (seed.txt) is embedded as a C string literal.
HOST_TOOLS += futeet-sim
TOOL_futeet-sim_SRCS := tools/futeet-sim/main.c tools/futeet-sim/snp.c \
	tools/futeet-sim/keys.c tools/futeet-sim/certs.c tools/futeet-sim/derw.c \
	tools/futeet-sim/pss.c tools/futeet-sim/measure.c tools/futeet-sim/util.c \
	tools/futeet-sim/tdx.c tools/futeet-sim/tdx_certs.c tools/futeet-sim/tdx_collateral.c \
	tools/common/file.c

$(BUILD)/gen/futeet-sim/futeet_sim_seed.inc: tools/futeet-sim/seed.txt
	@mkdir -p $(dir $@)
	$(Q)sed -n 's/^\([0-9a-f]\{64\}\)$$/"\1"/p' $< > $@
	$(Q)test "$$(wc -l < $@)" = 1 || { echo "seed.txt: want one line of 64 hex digits" >&2; rm -f $@; exit 1; }

$(BUILD)/h/tools/futeet-sim/keys.c.o: $(BUILD)/gen/futeet-sim/futeet_sim_seed.inc
$(BUILD)/h/tools/futeet-sim/keys.c.o: HCFLAGS += -I$(BUILD)/gen/futeet-sim

# Unit tests of the sim's DER writer, GUID strings and RSA-PSS signer.
UNIT_TESTS += test_sim_tools
UNIT_test_sim_tools_SRCS := tools/futeet-sim/test_sim.c tools/futeet-sim/derw.c \
	tools/futeet-sim/pss.c tools/futeet-sim/util.c

# libFuzzer: the guest-request path of the sim on hostile guest input.
FUZZ_TARGETS += fuzz_sim_snp
FUZZ_fuzz_sim_snp_SRCS := tools/futeet-sim/fuzz_sim_snp.c tools/futeet-sim/snp.c \
	tools/futeet-sim/certs.c tools/futeet-sim/derw.c tools/futeet-sim/pss.c \
	tools/futeet-sim/util.c

# libFuzzer: the sim-tdx mailbox (TDREPORT, extend, GetQuote + QE) on hostile guest input.
FUZZ_TARGETS += fuzz_sim_tdx
FUZZ_fuzz_sim_tdx_SRCS := tools/futeet-sim/fuzz_sim_tdx.c tools/futeet-sim/tdx.c \
	tools/futeet-sim/tdx_certs.c tools/futeet-sim/derw.c tools/futeet-sim/util.c \
	tools/common/file.c
