-- reads a file, computes, writes /tmp, prints
local nums = {}
for line in io.lines("data/numbers") do nums[#nums + 1] = tonumber(line) end
table.sort(nums)
local sum = 0
for _, v in ipairs(nums) do sum = sum + v end
print(string.format("n=%d sum=%d min=%d max=%d mean=%.3f", #nums, sum, nums[1], nums[#nums], sum / #nums))
local f = assert(io.open("tmp/out.txt", "w"))
for i, v in ipairs(nums) do f:write(i, ":", v * v, "\n") end
f:close()
for l in io.lines("tmp/out.txt") do io.write("[", l, "]") end
print()
local t = {}
for w in ("the quick brown fox jumps over the lazy dog"):gmatch("%a+") do t[w] = (t[w] or 0) + 1 end
local keys = {}
for k in pairs(t) do keys[#keys + 1] = k end
table.sort(keys)
for _, k in ipairs(keys) do io.write(k, "=", t[k], " ") end
print()
local co = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i * 10) end end)
print(co(), co(), co())
print(pcall(error, {code = 7}) == false, select(2, pcall(error, "boom", 0)))
print(math.maxinteger, 7 // 2, 2^10, utf8.char(72, 228, 8364))
print(os.remove("tmp/out.txt"), io.open("tmp/out.txt") == nil)
print(os.getenv("HOME"), os.getenv("TZ"), type(os.time()), type(os.clock()))
local s = string.rep("ab", 100000)
print(#s, s:sub(-5), select("#", s:byte(1, 10)))
os.exit(5)
