-- bench/writes-join.lua -- wrk script for bench/writes: a stream of join
-- applications (POST /api/v1/applications), every one a new organization.
--
--   JOIN_MODE=new     signed out: the join form of a newcomer, who creates an
--                     account on it (a new address each time, its password
--                     hashed with Argon2id), each request from another client
--                     address (X-Forwarded-For; the server trusts 127.0.0.1)
--   JOIN_MODE=signed  signed in: applicants' bearer tokens from JOIN_TOKENS
--                     (space-separated), in turn.  An account may send 10 a
--                     day; the rest are refused with 429 by a check made
--                     inside the application's write transaction.
--
-- done() prints one line: "JOINS ok=N refused=N other=N".
local mode = os.getenv("JOIN_MODE") or "new"
local tokens = {}
local threads = {}
local n = 0
-- globals: setup() sets id in each thread, done() reads the counts
id, ok, refused, other = 0, 0, 0, 0

function setup(thread)
	id = id + 1
	thread:set("id", id)
	table.insert(threads, thread)
end

function init(args)
	for t in string.gmatch(os.getenv("JOIN_TOKENS") or "", "%S+") do
		tokens[#tokens + 1] = t
	end
	math.randomseed(os.time() * 1000 + id)
end

request = function()
	local tag, body, hdr

	n = n + 1
	tag = string.format("%d-%d-%d-%d", os.time(), id, n, math.random(1e9))
	hdr = { ["Content-Type"] = "application/json" }
	body = string.format('{"organization":{"name":"Bench Applicants %s","kind":"ngo",' ..
		'"country":"KE","description":"An organization that applied during a bench run (%s).",' ..
		'"themes":["corruption"]},"contact":{"name":"Bench Applicant","email":' ..
		'"applicant-%s@bench.example"},"consent":true', tag, tag, tag)
	if mode == "signed" then
		hdr["Authorization"] = "Bearer " .. tokens[n % #tokens + 1]
		body = body .. "}"
	else
		hdr["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.random(0, 255),
			math.random(0, 255), math.random(1, 254))
		body = body .. string.format(',"password":"bench applicant %s"}', tag)
	end
	return wrk.format("POST", "/api/v1/applications", hdr, body)
end

response = function(status, headers, body)
	if status >= 200 and status < 300 then
		ok = ok + 1
	elseif status == 429 then
		refused = refused + 1
	else
		other = other + 1
	end
end

done = function(summary, latency, requests)
	local o, r, x = 0, 0, 0

	for _, t in ipairs(threads) do
		o = o + t:get("ok")
		r = r + t:get("refused")
		x = x + t:get("other")
	end
	io.write(string.format("JOINS ok=%d refused=%d other=%d\n", o, r, x))
end
