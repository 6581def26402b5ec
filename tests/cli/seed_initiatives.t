#!/usr/bin/env bash
# tests/cli/seed_initiatives.t -- the demo pilot initiatives of `whatson seed
# --demo` (TAP), on SQLite and, when WHATSON_TEST_PG is set (tests/run starts
# one), on a fresh PostgreSQL database: two initiatives in Kenya, seeding
# again adds none; the active one has the demo call of kind
# pilot_initiative linked, the demo focal point and the demo member's
# organization as participants, two updates in its space and an output
# published to the public beside a draft; the other is proposed; a visitor
# sees the published output only, and no space.
#
#   WHATSON_BIN  the binary (default: $ROOT/${B:-build}/san/whatson)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh" seedinis

# check BACKEND URL: the whole story on one database.
check() {
	local b=$1 url=$2 port i id mt
	export WHATSON_DB=$url

	"$W" seed --demo --orgs 12 --events 16 >"$tmp/$b.seed.out" 2>"$tmp/$b.seed.err"
	[ $? -eq 0 ] && grep -q '^2 pilot initiatives added' "$tmp/$b.seed.out"
	ok $? "$b: seed --demo adds 2 pilot initiatives" "$tmp/$b.seed.err"
	"$W" seed --demo --orgs 12 --events 16 >"$tmp/$b.seed2.out" 2>&1
	[ $? -eq 0 ] && grep -q '^0 pilot initiatives added' "$tmp/$b.seed2.out"
	ok $? "$b: seeding again adds none" "$tmp/$b.seed2.out"

	serve "$b"
	TOKEN=$(token staff@example.org demo-staff-pass-2026)
	[ -n "$TOKEN" ]
	ok $? "$b: serve starts and staff sign in" "$tmp/$b.serve.log"

	get all "/api/v1/initiatives"
	[ "$(json "$tmp/all.json" 'd["total"]')" = 2 ] &&
	    [ "$(json "$tmp/all.json" '" ".join(sorted(i["status"] for i in d["items"]))')" = "active proposed" ] &&
	    [ "$(json "$tmp/all.json" 'all(i["country"] == "KE" for i in d["items"])')" = True ]
	ok $? "$b: two initiatives in Kenya, one active, one proposed" "$tmp/all.json"
	id=$(json "$tmp/all.json" '[i for i in d["items"] if i["status"] == "active"][0]["id"]')
	get one "/api/v1/initiatives/$id"
	[ "$(json "$tmp/one.json" 'd["call_id"] is not None')" = True ] &&
	    [ "$(json "$tmp/one.json" '" ".join(sorted(p["kind"] for p in d["participants"]))')" = "focal organization" ] &&
	    [ "$(json "$tmp/one.json" '" ".join(sorted(o["status"] for o in d["outputs"]))')" = "draft published" ]
	ok $? "$b: the active one links a call, has a focal point and a partner, a published output and a draft" "$tmp/one.json"
	get call "/api/v1/calls/$(json "$tmp/one.json" 'd["call_id"]')"
	[ "$(json "$tmp/call.json" 'd["kind"]')" = pilot_initiative ]
	ok $? "$b: its call is of kind pilot_initiative" "$tmp/call.json"

	mt=$(token member@example.org demo-member-pass-2026)
	curl -s -H "Authorization: Bearer $mt" "$BASE/api/v1/initiatives/$id/space" >"$tmp/space.json"
	[ "$(json "$tmp/space.json" 'd["total"]')" = 2 ]
	ok $? "$b: the demo member takes part and reads two updates in its space" "$tmp/space.json"
	mt=$(token focal@example.org demo-focal-pass-2026)
	curl -s -H "Authorization: Bearer $mt" "$BASE/api/v1/account" >"$tmp/focal.json"
	[ "$(json "$tmp/focal.json" 'len(d["initiatives"])')" = 1 ]
	ok $? "$b: the demo focal point's account lists it" "$tmp/focal.json"

	curl -s "$BASE/api/v1/initiatives/$id" >"$tmp/visitor.json"
	[ "$(json "$tmp/visitor.json" 'len(d["outputs"])')" = 1 ] &&
	    [ "$(json "$tmp/visitor.json" '"participants" in d')" = False ]
	ok $? "$b: a visitor sees the published output, not the participants" "$tmp/visitor.json"
	[ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/v1/initiatives/$id/space")" = 401 ]
	ok $? "$b: and no space"
	curl -s "$BASE/initiatives?lang=en" >"$tmp/list.html"
	grep -q 'Kenya pilot initiative on following up the country review' "$tmp/list.html"
	ok $? "$b: /initiatives lists them" "$tmp/list.html"
	stop_server
}

both seedinis
