#!/usr/bin/env bash
# tests/cli/seed_news.t -- the demo news of `whatson seed --demo` (TAP), on
# SQLite and, when WHATSON_TEST_PG is set (tests/run starts one), on a fresh
# PostgreSQL database: eight items, seeding again adds none; a visitor reads
# the five public published ones, the demo member and focal point the two
# for members too, staff the draft as well; the community story names the
# demo member's organization; the home page shows a highlight, and the
# site's pages show their default texts.
#
#   WHATSON_BIN  the binary (default: $ROOT/${B:-build}/san/whatson)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh" seednews

# check BACKEND URL: the whole story on one database.
check() {
	local b=$1 url=$2 port i t
	export WHATSON_DB=$url

	"$W" seed --demo --orgs 12 --events 4 >"$tmp/$b.seed.out" 2>"$tmp/$b.seed.err"
	[ $? -eq 0 ] && grep -q '^8 news items added' "$tmp/$b.seed.out"
	ok $? "$b: seed --demo adds 8 news items" "$tmp/$b.seed.out"
	"$W" seed --demo --orgs 12 --events 4 >"$tmp/$b.seed2.out" 2>&1
	[ $? -eq 0 ] && grep -q '^0 news items added' "$tmp/$b.seed2.out"
	ok $? "$b: seeding again adds none" "$tmp/$b.seed2.out"

	serve "$b"
	TOKEN=$(token staff@example.org demo-staff-pass-2026)
	[ -n "$TOKEN" ]
	ok $? "$b: serve starts and staff sign in" "$tmp/$b.serve.log"

	curl -s "$BASE/api/v1/news" >"$tmp/visitor.json"
	[ "$(json "$tmp/visitor.json" 'd["total"]')" = 5 ] &&
	    [ "$(json "$tmp/visitor.json" 'all(i["visibility"] == "public" for i in d["items"])')" = True ]
	ok $? "$b: a visitor reads the five public items" "$tmp/visitor.json"
	for who in member focal; do
		t=$(token "$who@example.org" "demo-$who-pass-2026")
		curl -s -H "Authorization: Bearer $t" "$BASE/api/v1/news" >"$tmp/$who.json"
		[ "$(json "$tmp/$who.json" 'd["total"]')" = 7 ]
		ok $? "$b: the demo $who reads the members' ones too" "$tmp/$who.json"
	done
	get staff "/api/v1/staff/news"
	[ "$(json "$tmp/staff.json" 'd["total"]')" = 8 ] &&
	    [ "$(json "$tmp/staff.json" 'sorted(set(i["kind"] for i in d["items"]))')" = "['highlight', 'news', 'story']" ]
	ok $? "$b: staff see all eight, of each kind, the draft too" "$tmp/staff.json"
	curl -s "$BASE/api/v1/news/story-community-monitoring" >"$tmp/story.json"
	[ "$(json "$tmp/story.json" 'len(d["organizations"])')" = 1 ]
	ok $? "$b: the community story names the demo member's organization" "$tmp/story.json"
	curl -s "$BASE/?lang=en" >"$tmp/home.html"
	grep -q 'Side events at the Conference of the Parties' "$tmp/home.html"
	ok $? "$b: the home page shows the public highlight" "$tmp/home.html"
	for p in about partners privacy terms; do
		[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/$p")" = 200 ]
		ok $? "$b: /$p shows its default text"
	done
	stop_server
}

both seednews
