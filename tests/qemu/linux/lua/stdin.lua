-- Reads stdin line by line and a temporary file through os.tmpname (mkstemp
-- under /tmp), then prints the numbers' sum and the lines upper-cased.
local sum, lines = 0, {}
for l in io.stdin:lines() do
	lines[#lines + 1] = l:upper()
	for d in l:gmatch("%d+") do sum = sum + tonumber(d) end
end
local name = os.tmpname()
local f = assert(io.open(name, "w+"))
f:write(table.concat(lines, "\n"), "\n")
f:seek("set", 0)
local back = f:read("a")
f:close()
assert(os.remove(name))
io.write(back, "sum ", sum, " tmp ", name:match("^/tmp/") and "under /tmp" or name, "\n")
