-- bench/distinct.lua -- wrk script for the "dir distinct" rows: every request
-- asks the directory something else (one of 56 countries x 20 pages x 2
-- sorts, at random), so whatson's cache of recent answers rarely helps and
-- the row shows the cost of building an answer.
local countries = {
	"KE", "NG", "ZA", "MX", "BR", "CO", "IN", "PH", "ID", "FR", "DE", "IT", "UA", "TR",
	"EG", "MA", "SN", "CI", "GH", "UG", "TZ", "AR", "PE", "GT", "HN", "US", "CA", "GB",
	"ES", "PK", "BD", "TH", "VN", "NP", "LK", "JO", "LB", "TN", "KZ", "KG", "GE", "AM",
	"RS", "AL", "BA", "XK", "MD", "FJ", "PG", "AU", "NZ", "JM", "TT", "HT", "BO", "PY",
}
local sorts = { "name", "newest" }

function setup(thread)
	math.randomseed(os.time() + tonumber(tostring(thread):match("0x(%x+)") or "0", 16) % 1000)
end

request = function()
	local path = string.format("/api/v1/organizations?country=%s&page=%d&sort=%s",
		countries[math.random(#countries)], math.random(20), sorts[math.random(#sorts)])
	return wrk.format("GET", path)
end
