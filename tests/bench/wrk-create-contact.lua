-- Authenticated POST /v1/contacts with a unique email per request (duplicates would be 409).
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end
local counter = 0
function request()
  counter = counter + 1
  local body = string.format('{"name":"Bench %d-%d","email":"bench-%d-%d@example.com","phone":"+14155550123"}',
                             tid, counter, tid, counter)
  return wrk.format("POST", "/v1/contacts", {
    ["Authorization"] = "Bearer " .. os.getenv("BOTBAT_KEY"),
    ["Content-Type"] = "application/json"
  }, body)
end
