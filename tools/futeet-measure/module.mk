# tools/futeet-measure: reference values (SNP launch digest, TDX MRTD/RTMRs)
# computed before boot with lib/measure, and what the sim profile reports.
HOST_TOOLS += futeet-measure
TOOL_futeet-measure_SRCS := tools/futeet-measure/main.c tools/futeet-sim/measure.c \
	tools/common/file.c
