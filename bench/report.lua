-- wrk script used by bench/run: counts responses by status in every thread and, when the run ends, writes the
-- figures as one JSON object to the file named by BENCH_REPORT_FILE (stdout when unset).
-- wrk's own "errors.status" counts only statuses >= 400, so non-2xx responses are counted here instead.
-- Times from wrk are in microseconds; the report uses milliseconds.

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

statuses = {}
non_2xx = 0

function response(status, headers, body)
   local key = tostring(status)
   statuses[key] = (statuses[key] or 0) + 1
   if status < 200 or status > 299 then
      non_2xx = non_2xx + 1
   end
end

local function ms(microseconds)
   return string.format("%.3f", microseconds / 1000)
end

function done(summary, latency, requests)
   local merged, non2xx = {}, 0
   for _, thread in ipairs(threads) do
      non2xx = non2xx + (thread:get("non_2xx") or 0)
      for status, count in pairs(thread:get("statuses") or {}) do
         merged[status] = (merged[status] or 0) + count
      end
   end
   local status_json = {}
   for status, count in pairs(merged) do
      table.insert(status_json, string.format('"%s": %d', status, count))
   end
   table.sort(status_json)

   local e = summary.errors
   local socket = e.connect + e.read + e.write + e.timeout
   local seconds = summary.duration / 1e6
   local json = string.format(
      '{"requests": %d, "duration_s": %.3f, "requests_per_s": %.1f, "bytes": %d, ' ..
      '"latency_ms": {"p50": %s, "p90": %s, "p99": %s, "max": %s, "mean": %s}, ' ..
      '"errors": %d, "errors_detail": {"non_2xx": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}, ' ..
      '"statuses": {%s}}',
      summary.requests, seconds, summary.requests / seconds, summary.bytes,
      ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)), ms(latency.max), ms(latency.mean),
      non2xx + socket, non2xx, e.connect, e.read, e.write, e.timeout,
      table.concat(status_json, ", "))

   local path = os.getenv("BENCH_REPORT_FILE")
   if path and path ~= "" then
      local file = assert(io.open(path, "w"))
      file:write(json, "\n")
      file:close()
   else
      io.write(json, "\n")
   end
end
