-- bench/events.lua -- wrk script of bench/events: the event list and
-- event pages, each request another question.
--
--   EV_MODE=list   GET EV_PATH (/events or /api/v1/events) with, each
--                  present some of the time, a kind, a theme, a month (one
--                  that has events), upcoming/past/all, a page (1-5) and,
--                  less often, a region or a language (the demo events have
--                  none: those answers are empty lists with their facets);
--   EV_MODE=event  GET EV_PATH/{id} for an id drawn from EV_IDS (the events
--                  the viewer may see, comma-separated);
--   EV_MODE=fixed  GET EV_PATH as it is (the home page).
--
-- EV_TOKEN, when set, is sent as a bearer token (a member; bench/events
-- signs in); without it the requests are a visitor's.  EV_MONTHS lists the
-- months that have events (comma-separated, from the list's facets).
local mode = os.getenv("EV_MODE") or "list"
local path = os.getenv("EV_PATH") or "/api/v1/events"
local token = os.getenv("EV_TOKEN") or ""

local function split(s)
	local t = {}
	for x in string.gmatch(s or "", "[^,]+") do
		t[#t + 1] = x
	end
	return t
end

local ids = split(os.getenv("EV_IDS"))
local months = split(os.getenv("EV_MONTHS"))
local kinds = {
	"workshop", "webinar", "training", "briefing", "expert_group_meeting", "side_event",
	"session", "other",
}
local themes = {
	"money_laundering", "victims_rights", "corruption", "cybercrime", "wildlife_crime",
	"youth", "firearms", "criminal_justice", "trafficking_in_persons",
}
local regions = { "002", "019", "142", "150", "009", "014", "151" }
local languages = { "en", "fr", "es", "ru", "zh", "ar" }
local whens = { "upcoming", "past", "all" }
local headers = {}
if token ~= "" then
	headers["Authorization"] = "Bearer " .. token
end

function setup(thread)
	math.randomseed(os.time() + tonumber(tostring(thread):match("0x(%x+)") or "0", 16) % 1000)
end

local function pick(t)
	return t[math.random(#t)]
end

-- adds name=value to q one time in n
local function maybe(q, n, name, value)
	if #value > 0 and math.random(n) == 1 then
		q[#q + 1] = name .. "=" .. value
	end
end

request = function()
	if mode == "fixed" then
		return wrk.format("GET", path, headers)
	end
	if mode == "event" then
		return wrk.format("GET", path .. "/" .. pick(ids), headers)
	end
	local q = {}

	maybe(q, 2, "when", pick(whens))
	maybe(q, 3, "kind", pick(kinds))
	maybe(q, 3, "theme", pick(themes))
	if #months > 0 then
		maybe(q, 4, "month", pick(months))
	end
	maybe(q, 3, "page", tostring(math.random(5)))
	maybe(q, 8, "region", pick(regions))
	maybe(q, 8, "language", pick(languages))
	if #q == 0 then
		return wrk.format("GET", path, headers)
	end
	return wrk.format("GET", path .. "?" .. table.concat(q, "&"), headers)
end
