-- bench/fresh.lua -- wrk script for the "fresh" rows (bench/fresh): every
-- request asks something new, so no answer kept from before can help and
-- the row shows the cost of building one.
--
-- FRESH (environment) picks what is asked:
--   orgs     GET /api/v1/organizations with, each drawn at random and each
--            present about half of the time, a country, a theme, a kind, a
--            search word, a page (1-10), a per_page (10, 20, 50 or 100) and
--            a sort (best match, name, newest); as staff or as a member
--            (one request in two), so both levels' listed forms are written
--   filters  the same without the search word: what the full-text lookup
--            costs is the difference
--   people   GET /api/v1/people with a country, a theme, a word, a page, a
--            sort; as staff or as a member
--   profile  GET /api/v1/organizations/ID, ID random in 2..ORGS; as staff or
--            as a member
--   summary  GET /api/v1/about/members in English or French, signed out
-- STAFF_TOKEN and MEMBER_TOKEN are bearer tokens (bench/fresh signs in).
local countries = {
	"KE", "NG", "ZA", "MX", "BR", "CO", "IN", "PH", "ID", "FR", "DE", "IT", "UA", "TR",
	"EG", "MA", "SN", "CI", "GH", "UG", "TZ", "AR", "PE", "GT", "HN", "US", "CA", "GB",
	"ES", "PK", "BD", "TH", "VN", "NP", "LK", "JO", "LB", "TN", "KZ", "KG", "GE", "AM",
	"RS", "AL", "BA", "XK", "MD", "FJ", "PG", "AU", "NZ", "JM", "TT", "HT", "BO", "PY",
}
local themes = {
	"corruption", "trafficking_in_persons", "money_laundering", "cybercrime",
	"drug_prevention", "victims_rights", "criminal_justice", "gender", "youth",
	"smuggling_of_migrants", "firearms", "drug_trafficking", "wildlife_crime",
	"environmental_crime", "terrorism_prevention",
}
local kinds = {
	"ngo", "academia", "private_sector", "community_group", "labour_union", "indigenous",
	"charity", "faith_based", "professional_association", "foundation", "network", "other",
}
-- Words of the seed's names and descriptions, whole and as prefixes.
local words = {
	"integrity", "justice", "civic", "open", "safe", "youth", "women", "transparency",
	"rights", "community", "frontline", "green", "digital", "accountability", "hope",
	"watch", "alliance", "network", "institute", "forum", "coalition", "observatory",
	"nairobi", "lagos", "andes", "mekong", "sahel", "balkan", "pacific", "delta",
	"procurement", "trafficking", "journalists", "legal", "logging", "whistle",
	"trans", "integ", "acc", "net", "obs", "coast", "north", "sou",
}
local per_pages = { 10, 20, 50, 100 }
local sorts = { "relevance", "name", "newest" }

local mode = os.getenv("FRESH") or "orgs"
local staff = os.getenv("STAFF_TOKEN") or ""
local member = os.getenv("MEMBER_TOKEN") or ""
local orgs = tonumber(os.getenv("ORGS") or "1000")

-- SEED (environment): the same requests in every run (for comparing two
-- builds); without it, another draw each time.
local base_seed = tonumber(os.getenv("SEED") or "")
local threads = 0

function setup(thread)
	threads = threads + 1
	thread:set("rseed", base_seed and base_seed + threads or
		os.time() + tonumber(tostring(thread):match("0x(%x+)") or "0", 16) % 1000)
end

function init(args)
	math.randomseed(rseed)
end

local function pick(t)
	return t[math.random(#t)]
end

local function maybe(q, name, value)
	if math.random(2) == 1 then
		q[#q + 1] = name .. "=" .. value
	end
end

local function who()
	local tok = math.random(2) == 1 and staff or member
	return { ["Authorization"] = "Bearer " .. tok }
end

request = function()
	local q = {}

	if mode == "summary" then
		return wrk.format("GET", "/api/v1/about/members?lang=" .. (math.random(2) == 1 and
			"en" or "fr"))
	elseif mode == "profile" then
		return wrk.format("GET", string.format("/api/v1/organizations/%d",
			1 + math.random(math.max(orgs - 1, 1))), who())
	elseif mode == "people" then
		maybe(q, "country", pick(countries))
		maybe(q, "theme", pick(themes))
		maybe(q, "q", pick(words))
		maybe(q, "page", math.random(3))
		maybe(q, "sort", pick(sorts))
		return wrk.format("GET", "/api/v1/people?" .. table.concat(q, "&"), who())
	end
	maybe(q, "country", pick(countries))
	maybe(q, "theme", pick(themes))
	maybe(q, "kind", pick(kinds))
	if mode ~= "filters" then
		maybe(q, "q", pick(words))
	end
	maybe(q, "page", math.random(10))
	maybe(q, "per_page", pick(per_pages))
	maybe(q, "sort", pick(sorts))
	return wrk.format("GET", "/api/v1/organizations?" .. table.concat(q, "&"), who())
end
