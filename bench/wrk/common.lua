-- Shared by the bench's wrk scripts (loaded with dofile; BENCH_WRK_DIR names this folder).
--
-- The bench runs wrk with as many threads as connections (wrk -tN -cN), so each thread's Lua state
-- belongs to one connection: when wrk stops, the one request a thread sent and got no answer to is
-- known. done() prints those requests, and the bench sends them again with the same Idempotency-Key
-- (a replay if the first one committed, the spend itself if not). So the outcome of every key is
-- known, and the pool must have moved by exactly the number of 2xx answers.
--
-- Environment: BENCH_TOKEN (bearer token), BENCH_RUN (Idempotency-Key prefix, unique per run),
-- BENCH_TARGETS (file of "<orgId> <userId>" lines), BENCH_THREADS (= wrk -t).

bench = {}

local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("id", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

-- Per thread (call from init): counters and the request bookkeeping done() reads.
function bench.init()
  ok, refused, failed = 0, 0, 0
  -- "kind\tkey\tpath\tbody" lines: requests whose connection broke before an answer came.
  unanswered = ""
  -- The request in flight (same format); nil once answered.
  pending = nil
  -- A request this thread still owes (email finding: the capture of a hold it made); nil if none.
  owed = nil
  prefix = os.getenv("BENCH_RUN") .. "-" .. id .. "-"
  headers = {
    ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"),
    ["Content-Type"] = "application/json",
  }
end

function bench.targets()
  local targets = {}
  for line in io.lines(os.getenv("BENCH_TARGETS")) do
    local org, user = line:match("^(%S+)%s+(%S+)%s*$")
    if org then
      table.insert(targets, { org = org, user = user })
    end
  end
  return targets
end

-- A POST with its own Idempotency-Key. A request still pending here got no answer on a broken
-- connection (wrk reconnects and asks for a new request): remember it for the bench to settle.
function bench.post(kind, path, body, key)
  if pending then
    unanswered = unanswered .. pending .. "\n"
  end
  pending = kind .. "\t" .. key .. "\t" .. path .. "\t" .. body
  local h = { ["Idempotency-Key"] = key }
  for k, v in pairs(headers) do
    h[k] = v
  end
  return wrk.format("POST", path, h, body)
end

function bench.get(path)
  return wrk.format("GET", path, headers)
end

-- 2xx counts as done, 402 as refused (not enough credits), anything else as failed (first few shown).
function bench.count(status, body)
  pending = nil
  if status >= 200 and status < 300 then
    ok = ok + 1
  elseif status == 402 then
    refused = refused + 1
  else
    failed = failed + 1
    if failed <= 3 then
      io.stderr:write("wrk thread " .. id .. ": HTTP " .. status .. " " .. string.sub(body or "", 1, 300) .. "\n")
    end
  end
end

-- Monotonic microseconds (LuaJIT FFI), for latencies wrk does not measure itself.
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clk_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
function bench.now_us()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000000 + tonumber(ts.tv_nsec) / 1000
end

-- One machine-readable line for the bench, then one line per request it must settle.
function done(summary, latency, requests)
  local total_ok, total_refused, total_failed = 0, 0, 0
  local settle = {}
  for _, t in ipairs(threads) do
    total_ok = total_ok + (t:get("ok") or 0)
    total_refused = total_refused + (t:get("refused") or 0)
    total_failed = total_failed + (t:get("failed") or 0)
    for line in string.gmatch(t:get("unanswered") or "", "[^\n]+") do
      table.insert(settle, line)
    end
    local owed_line, pending_line = t:get("owed"), t:get("pending")
    if owed_line then
      table.insert(settle, owed_line)
    elseif pending_line then
      table.insert(settle, pending_line)
    end
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH-RESULT ok=%d refused=%d failed=%d requests=%d duration_us=%d errors=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d\n",
    total_ok, total_refused, total_failed, summary.requests, summary.duration,
    e.connect + e.read + e.write + e.timeout, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max))
  for _, line in ipairs(settle) do
    io.write("BENCH-SETTLE\t" .. line .. "\n")
  end
end
