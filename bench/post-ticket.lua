-- wrk script: POST a distinct ticket per request (bench/intake.sh uses it), as the channel client:
-- the bearer token comes from $BENCH_TOKEN (IntakeLoad sets it from ./suite token channel)
local counter = 0
local headers = {["Content-Type"] = "application/json"}
local token = os.getenv("BENCH_TOKEN")
if token and token ~= "" then
  headers["Authorization"] = "Bearer " .. token
end
local id = 0
function setup(thread)
  id = id + 1
  thread:set("tid", id)
end
function request()
  counter = counter + 1
  local body = string.format(
    '{"subject": "Cannot export invoices since the upgrade %d-%d", ' ..
    '"description": "Since this morning the export button fails with an error for all users of our team.", ' ..
    '"type": "SUPPORT", "channel": "api", ' ..
    '"customer": {"id": "bench-%d", "email": "bench@example.com", "tier": "PROFESSIONAL", "language": "en"}, ' ..
    '"tags": ["bench"]}', tid or 0, counter, counter % 500)
  return wrk.format("POST", "/api/v1/tickets", headers, body)
end
