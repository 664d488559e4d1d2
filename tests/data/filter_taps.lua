-- Used by tests/cli/filter_oracle_test.cpp: runs every display filter of a list (one per line,
-- path in WIRELAB_FILTER_LIST) as a tshark tap over one capture, so one tshark run answers
-- for all filters. Prints per filter "index<TAB>n1,n2,..." or "index<TAB>ERROR<TAB>message".
-- A tap's filter is compiled and evaluated by the same engine as -Y.
local path = os.getenv("WIRELAB_FILTER_LIST")
local results = {}
local count = 0
for line in io.lines(path) do
  count = count + 1
  local frames = {}
  local ok, listener = pcall(Listener.new, "frame", line)
  if ok then
    results[count] = frames
    listener.packet = function(pinfo) frames[#frames + 1] = pinfo.number end
  else
    results[count] = tostring(listener)
  end
end
-- A listener that selects nothing; its draw() runs once, after the last packet.
local printer = Listener.new("frame", "frame.number == 0")
printer.draw = function()
  for i = 1, count do
    local r = results[i]
    if type(r) == "table" then
      io.write(i, "\t", table.concat(r, ","), "\n")
    else
      io.write(i, "\tERROR\t", (r:gsub("[\r\n\t]", " ")), "\n")
    end
  end
end
