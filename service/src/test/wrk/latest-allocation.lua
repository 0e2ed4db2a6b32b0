-- wrk script for GET /api/v1/vaults/{address}/allocation/latest at a fixed request rate.
-- Stock wrk has no rate flag (wrk2's -R): each connection waits delay() ms between requests, so
-- connections * 1000 / WRK_DELAY_MS requests per second are offered (10 connections, 10 ms: 1,000 req/s).
-- Env: VAULTRISK_KEY (executor key), WRK_DELAY_MS (default 10), WRK_ETAG (send If-None-Match when set).
local key = os.getenv("VAULTRISK_KEY")
local pause = tonumber(os.getenv("WRK_DELAY_MS") or "10")
local etag = os.getenv("WRK_ETAG")
wrk.headers["X-API-Key"] = key
if etag and etag ~= "" then wrk.headers["If-None-Match"] = etag end

function delay()
  return pause
end

local codes = {}
function response(status, headers, body)
  codes[status] = (codes[status] or 0) + 1
end

function done(summary, latency, requests)
  io.write(string.format("requests %d in %.1f s = %.0f req/s; errors %d\n", summary.requests,
    summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  for _, p in ipairs({50, 90, 99, 99.9}) do
    io.write(string.format("p%-5s %.2f ms\n", p, latency:percentile(p) / 1000))
  end
  io.write(string.format("max    %.2f ms\n", latency.max / 1000))
end
