-- bench/resources.lua -- wrk script of bench/resources: fresh searches of
-- the knowledge-resources library.  Every request is GET /api/v1/resources
-- with a word drawn from the seeded texts (titles, summaries and PDF
-- bodies, in the six languages of seed_data.c) and, each present about
-- half of the time, a kind, a theme, a language, a year, a page (1-5), a
-- per_page (10, 20 or 50) and a sort; as a visitor or as a member (one
-- request in two).  MEMBER_TOKEN is a bearer token (bench/resources signs
-- in).
local words = {
	-- English, French, Spanish (titles, summaries and PDF bodies)
	"describes", "transnational", "chargées", "implement", "criminalité", "régional",
	"rassemble", "reprises", "peuvent", "favoritisme", "consultar", "risques",
	"application", "presenta", "psicológica", "accidentes", "questions", "initiative",
	"gestionan", "violences", "contributed", "meetings", "approach", "analysts",
	"survivors", "adopted", "plantea", "follows", "proviennent", "spending", "français",
	"threats", "ocultos", "gobierno", "fortalecer", "records", "judiciaire", "protección",
	"together", "contribuer", "examiné", "cybercrime", "réunissant", "seguimiento",
	"exemples", "locales", "verificación", "résultats", "secteur", "presentation",
	"victimes", "assistance", "ressources", "extorsion", "wolof", "procurement",
	-- Russian
	"кризисных", "средств", "участвовать", "организованной", "оружием", "родителям",
	"интернете", "огнестрельном", "предупреждению", "содержит", "укрепить",
	"руководстве", "способы", "октября", "гражданских", "памятки", "родителей",
	"порядок", "документом", "универсальным", "инициатив", "похищенные",
	"организаций", "подпитывает", "социальных", "взаимодействия", "национальных",
	-- Arabic
	"مبادرة", "والمحامين", "ضحايا", "خلاصات", "حماية", "المشاركة", "لإخفاء", "الثقة",
	"ومتابعة", "بكرامة", "الدراسة", "أموالها", "الحكومة", "تقترح", "تقديم", "الدروس",
	"المعلومات", "تحديد", "المبادرة", "والمجتمع", "جمعيات", "المتوسط", "الورشة",
	"الشراكة", "للتحضير", "وتونس", "ساهمت", "معلومات",
	-- Chinese (two characters: the substring scan's case)
	"联盟", "查获", "软件", "材料", "调查", "组织", "领袖", "家庭", "巡护", "腐败",
	"洗钱", "审议", "民间", "公约", "试点",
}
local kinds = {
	"toolkit", "guide", "concept_note", "report", "training_material", "legal_instrument",
}
local themes = {
	"corruption", "trafficking_in_persons", "money_laundering", "cybercrime",
	"criminal_justice", "smuggling_of_migrants", "firearms", "wildlife_crime",
	"victims_rights", "youth",
}
local languages = { "en", "fr", "es", "ru", "zh", "ar" }
local per_pages = { 10, 20, 50 }
local sorts = { "relevance", "newest", "downloads" }
local member = os.getenv("MEMBER_TOKEN") or ""

function setup(thread)
	math.randomseed(os.time() + tonumber(tostring(thread):match("0x(%x+)") or "0", 16) % 1000)
end

local function pick(t)
	return t[math.random(#t)]
end

local function esc(s)
	return (s:gsub("[^%w%-_.~]", function(c) return string.format("%%%02X", c:byte()) end))
end

local function maybe(q, name, value)
	if math.random(2) == 1 then
		q[#q + 1] = name .. "=" .. value
	end
end

request = function()
	local q = { "q=" .. esc(pick(words)) }

	maybe(q, "kind", pick(kinds))
	maybe(q, "theme", pick(themes))
	maybe(q, "language", pick(languages))
	maybe(q, "year", tostring(2010 + math.random(16)))
	maybe(q, "page", tostring(math.random(5)))
	maybe(q, "per_page", tostring(pick(per_pages)))
	maybe(q, "sort", pick(sorts))
	if math.random(2) == 1 then
		return wrk.format("GET", "/api/v1/resources?" .. table.concat(q, "&"))
	end
	return wrk.format("GET", "/api/v1/resources?" .. table.concat(q, "&"),
		{ ["Authorization"] = "Bearer " .. member })
end
