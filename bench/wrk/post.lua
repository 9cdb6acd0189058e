-- wrk script for the bench: POSTs one JSON body on every request and prints a JSON summary at the end.
-- BENCH_BODY   file holding the body
-- BENCH_PATH   request target: origin-form (/ingest) or, through a forward proxy, absolute-form
--              (http://127.0.0.1:UP/ingest)
-- BENCH_HOST   Host header (the upstream's host:port when talking to a forward proxy)
-- BENCH_COUNT_HEADER  optional: count the responses that carry this header (the gateway marks inspected
--              responses with x-privacy-gateway-edits), so a run that fell back to tunnelling shows
local file = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
local body = file:read("*a")
file:close()

wrk.method = "POST"
wrk.path = os.getenv("BENCH_PATH") or "/ingest"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
local host = os.getenv("BENCH_HOST")
if host and host ~= "" then wrk.headers["Host"] = host end

-- Each wrk thread has its own Lua state: setup() keeps the threads so done() can add up their counters.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

counted = 0
local count_header = os.getenv("BENCH_COUNT_HEADER")
if count_header and count_header ~= "" then
  -- Only defined when asked: a response() callback makes wrk parse every response's headers into Lua.
  function response(status, headers, body)
    if headers[count_header] ~= nil then counted = counted + 1 end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local total = 0
  for _, thread in ipairs(threads) do total = total + (thread:get("counted") or 0) end
  io.write(string.format(
    '\nBENCH_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,' ..
    '"connect_errors":%d,"read_errors":%d,"write_errors":%d,"status_errors":%d,"timeouts":%d,"counted":%d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout, total))
end
