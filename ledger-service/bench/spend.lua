-- wrk script: every request is a spend of 1 credit from the same org's pool, with its own
-- Idempotency-Key, by the org's admin (who has pool access). Set ORG and TOKEN in the environment.
local counter = 0
local thread_id = 0

function setup(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
  wrk.body = '{"action":"PAGE_SCRAPE","quantity":1}'
  math.randomseed(os.time() + id)
  prefix = string.format("bench-%d-%d-", os.time(), id)
end

function request()
  counter = counter + 1
  wrk.headers["Idempotency-Key"] = prefix .. counter
  return wrk.format(nil, "/v1/orgs/" .. os.getenv("ORG") .. "/spends")
end

local statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
