-- wrk: 1-credit spends (PAGE_SCRAPE, quantity 1), each with its own Idempotency-Key, by a trusted
-- backend on behalf of a member. Each request takes the next target of BENCH_TARGETS: one target is
-- one org's pool (the hot row); many spread the load over orgs and members. See common.lua.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

function init(args)
  bench.init()
  targets = bench.targets()
  -- Threads start at different targets, so the spread run touches every org from the start.
  n = math.floor(id * #targets / tonumber(os.getenv("BENCH_THREADS")))
end

function request()
  n = n + 1
  local t = targets[(n % #targets) + 1]
  return bench.post("S", "/v1/orgs/" .. t.org .. "/spends",
    '{"userId":"' .. t.user .. '","action":"PAGE_SCRAPE","quantity":1}', prefix .. n)
end

function response(status, headers, body)
  bench.count(status, body)
end
