-- Errors a script meets: a missing file, a bad number, a runtime error
-- caught by pcall, a directory listed through io.lines on a missing path,
-- then an uncaught error (lua prints it on stderr and exits with 1).
print(io.open("data/missing"))
print(pcall(function() return 1 + {} end))
print(tonumber("12x"), tonumber("0x1F"), math.tointeger(3.0))
local ok, e = pcall(io.lines, "data/missing")
print(ok, e)
local t = setmetatable({}, { __index = function(_, k) return k * 2 end })
print(t[21], rawget(t, 21))
io.stdout:write("before the error\n")
io.stdout:flush()
error("stop here")
