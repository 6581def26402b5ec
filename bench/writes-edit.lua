-- bench/writes-edit.lua -- wrk script for bench/writes: an organization's
-- admin edits its profile again and again (PATCH EDIT_PATH with the bearer
-- token EDIT_TOKEN, a new description each time).
--
-- done() prints one line: "EDITS n=N errors=N p50=MS p99=MS max=MS", the
-- latencies of the edits in milliseconds (wrk's own summary rounds them and
-- leaves out requests over its timeout, which bench/writes sets to 30 s).
local n = 0

request = function()
	n = n + 1
	return wrk.format("PATCH", os.getenv("EDIT_PATH"), {
		["Content-Type"] = "application/json",
		["Authorization"] = "Bearer " .. os.getenv("EDIT_TOKEN"),
	}, string.format('{"description":"Our profile, edited during a bench run (edit %d)."}', n))
end

done = function(summary, latency, requests)
	local e = summary.errors

	io.write(string.format("EDITS n=%d errors=%d p50=%.2f p99=%.2f max=%.2f\n",
		summary.requests, e.connect + e.read + e.write + e.status + e.timeout,
		latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
