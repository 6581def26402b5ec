#!/usr/bin/env bash
# tests/cli/seed_reviews.t -- the demo review cycle of `whatson seed --demo`
# and `whatson import reviews` (TAP), on SQLite and, when WHATSON_TEST_PG is
# set (tests/run starts one), on a fresh PostgreSQL database: a dozen
# countries' reviews in every stage, seeding again adds none; the demo focal
# point (Kenya) sees their country's view and its review, and gets 403 on
# another country's; an import with errors names line and column and writes
# nothing, a good one writes every row.
#
#   WHATSON_BIN  the binary (default: $ROOT/${B:-build}/san/whatson)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh" seedreviews

# check BACKEND URL: the whole story on one database.
check() {
	local b=$1 url=$2 port i ft
	export WHATSON_DB=$url

	"$W" seed --demo --orgs 12 --events 0 --resources 0 >"$tmp/$b.seed.out" 2>"$tmp/$b.seed.err"
	[ $? -eq 0 ] && grep -q '^12 reviews of the review cycle added' "$tmp/$b.seed.out"
	ok $? "$b: seed --demo adds 12 reviews" "$tmp/$b.seed.err"
	"$W" seed --demo --orgs 12 --events 0 --resources 0 >"$tmp/$b.seed2.out" 2>&1
	[ $? -eq 0 ] && grep -q '^0 reviews of the review cycle added' "$tmp/$b.seed2.out"
	ok $? "$b: seeding again adds no review" "$tmp/$b.seed2.out"

	printf 'country,cluster,year,reviewer_1,reviewer_2,stage\nTG,bad,2027,GH,PE,self_assessment\nBJ,international_cooperation,2027,BJ,PE,self_assessment\n' >"$tmp/bad.csv"
	"$W" import reviews "$tmp/bad.csv" >"$tmp/$b.imp.out" 2>"$tmp/$b.imp.err"
	[ $? -eq 1 ] && grep -q '^line 2, column cluster: Choose a cluster from the list.' "$tmp/$b.imp.err" &&
	    grep -q '^line 3, column reviewer_1: A State does not review itself.' "$tmp/$b.imp.err"
	ok $? "$b: import reviews names the line and column of each error" "$tmp/$b.imp.err"
	printf 'country,cluster,year,reviewer_1,reviewer_2,stage\nTG,international_cooperation,2027,GH,PE,self_assessment\n' >"$tmp/good.csv"
	"$W" import reviews "$tmp/good.csv" >"$tmp/$b.imp2.out" 2>&1
	[ $? -eq 0 ] && grep -q '^1 reviews imported' "$tmp/$b.imp2.out"
	ok $? "$b: a good file is imported" "$tmp/$b.imp2.out"

	serve "$b"
	TOKEN=$(token staff@example.org demo-staff-pass-2026)
	[ -n "$TOKEN" ]
	ok $? "$b: serve starts and staff sign in" "$tmp/$b.serve.log"

	get all "/api/v1/reviews" -d per_page=50
	[ "$(json "$tmp/all.json" 'd["total"]')" = 13 ] &&
	    [ "$(json "$tmp/all.json" '" ".join(sorted(set(r["stage"] for r in d["items"])))')" = \
	    "country_review review_completed self_assessment" ] &&
	    [ "$(json "$tmp/all.json" 'len(set(r["cluster"] for r in d["items"]))')" = 4 ]
	ok $? "$b: staff see 13 reviews in every stage and cluster" "$tmp/all.json"

	ft=$(token focal@example.org demo-focal-pass-2026)
	curl -s -H "Authorization: Bearer $ft" "$BASE/api/v1/country" >"$tmp/country.json"
	[ "$(json "$tmp/country.json" 'd["code"]')" = KE ] &&
	    [ "$(json "$tmp/country.json" 'd["review"]["stage"]')" = country_review ] &&
	    [ "$(json "$tmp/country.json" 'd["review"]["focal_points"][0]["name"] != ""')" = True ]
	ok $? "$b: the demo focal point sees Kenya's view and its review" "$tmp/country.json"
	[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ft" "$BASE/api/v1/countries/SN")" = 403 ]
	ok $? "$b: and 403 on another country's"
	stop_server
}

both seedreviews
