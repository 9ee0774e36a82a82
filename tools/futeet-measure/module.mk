# tools/futeet-measure: what a sim profile will report for an image.
HOST_TOOLS += futeet-measure
TOOL_futeet-measure_SRCS := tools/futeet-measure/main.c tools/futeet-sim/measure.c
