-- wrk script for the bench: POSTs one JSON body on every request and prints a JSON summary at the end.
-- BENCH_BODY   file holding the body
-- BENCH_PATH   request target: origin-form (/ingest) or, through a forward proxy, absolute-form
--              (http://127.0.0.1:UP/ingest)
-- BENCH_HOST   Host header (the upstream's host:port when talking to a forward proxy)
local file = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
local body = file:read("*a")
file:close()

wrk.method = "POST"
wrk.path = os.getenv("BENCH_PATH") or "/ingest"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"
local host = os.getenv("BENCH_HOST")
if host and host ~= "" then wrk.headers["Host"] = host end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\nBENCH_RESULT {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,' ..
    '"connect_errors":%d,"read_errors":%d,"write_errors":%d,"status_errors":%d,"timeouts":%d}\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout))
end
