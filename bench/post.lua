-- wrk script: POST the JSON file named by BODY to the path named by TARGET; DELAY_MS spaces each connection's
-- requests (for fixed-rate latency runs); prints one machine-readable RESULT line.
local body_file = os.getenv("BODY") or "bench/patient-view-24k.json"
local f = assert(io.open(body_file, "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.path = os.getenv("TARGET") or "/cds-services/rectal-cancer-pathways"
local delay_ms = tonumber(os.getenv("DELAY_MS") or "0")

if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

-- per-thread counters (each wrk thread has its own Lua state; done() adds them up)
n503 = 0
nother = 0
if os.getenv("COUNT_STATUS") then
  function response(status, headers, body)
    if status == 503 then
      n503 = n503 + 1
    elseif status ~= 200 then
      nother = nother + 1
    end
  end
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local s503, sother = 0, 0
  for _, t in ipairs(threads) do
    s503 = s503 + (t:get("n503") or 0)
    sother = sother + (t:get("nother") or 0)
  end
  io.write(string.format("RESULT rps=%.1f ok_rps=%.1f p50=%.3f p99=%.3f p999=%.3f max=%.3f requests=%d non2xx=%d"
    .. " n503=%d nother=%d sockerr=%d\n",
    summary.requests / seconds, (summary.requests - summary.errors.status) / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    latency.max / 1000, summary.requests, summary.errors.status, s503, sother,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
