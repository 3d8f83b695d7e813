-- wrk: GET BENCH_PATH with the bearer token, for read latencies. See common.lua.
dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")

function init(args)
  bench.init()
  headers["Content-Type"] = nil
  path = os.getenv("BENCH_PATH")
end

function request()
  return bench.get(path)
end

function response(status, headers, body)
  bench.count(status, body)
end
