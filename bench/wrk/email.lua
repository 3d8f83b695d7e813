-- wrk: email finding as product backends do it — reserve 1 credit (EMAIL_FINDING), then capture it
-- (a valid result). Each connection alternates reserve and capture of its own hold, so "ok" counts
-- findings (captures answered 2xx). The time from sending the reserve to the capture's answer is
-- written per finding to BENCH_OUT/finding-<thread>.txt (microseconds), since wrk's own latency is
-- per request. See common.lua for how unanswered requests are settled.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

function init(args)
  bench.init()
  targets = bench.targets()
  n = 0
  reservation = nil
  latencies = io.open(os.getenv("BENCH_OUT") .. "/finding-" .. id .. ".txt", "w")
  latencies:setvbuf("line") -- the thread's state is never closed: write through
end

function request()
  local t = targets[1]
  if owed then
    -- The capture of our hold (again, with the same key, if the connection broke: so it is not
    -- also left to the bench to settle).
    pending = nil
    local kind, key, path, body = owed:match("^(%S+)\t(%S+)\t(%S+)\t(.*)$")
    return bench.post(kind, path, body, key)
  end
  n = n + 1
  started = bench.now_us()
  return bench.post("R", "/v1/orgs/" .. t.org .. "/reservations",
    '{"userId":"' .. t.user .. '","action":"EMAIL_FINDING","quantity":1}', prefix .. "r" .. n)
end

function response(status, headers, body)
  if owed then
    local captured = status >= 200 and status < 300
    bench.count(status, body)
    if captured then
      latencies:write(string.format("%d\n", bench.now_us() - started))
    else
      -- Left for the bench to try once more at the end; the final check finds a hold left open.
      unanswered = unanswered .. owed .. "\n"
    end
    owed = nil
    return
  end
  if status == 201 then
    pending = nil
    local id = body:match('"id"%s*:%s*"([^"]+)"')
    local path = "/v1/orgs/" .. targets[1].org .. "/reservations/" .. id .. "/capture"
    owed = "C\t" .. prefix .. "c" .. n .. "\t" .. path .. "\t" .. '{"amount":1}'
  else
    bench.count(status, body)
  end
end
