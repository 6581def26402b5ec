#!/usr/bin/env bash
# tests/cli/seed_side_events.t -- the demo side events of `whatson seed
# --demo` (TAP), on SQLite and, when WHATSON_TEST_PG is set (tests/run starts
# one), on a fresh PostgreSQL database: the Commission on Narcotic Drugs'
# demo session has four side-event slots and an open window, five proposals
# in four states, two accepted into slots that a visitor sees in the
# programme (page, JSON and iCalendar); seeding again adds none.
#
#   WHATSON_BIN  the binary (default: $ROOT/${B:-build}/san/whatson)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh" seedse

# check BACKEND URL: the whole story on one database.
check() {
	local b=$1 url=$2 port i id
	export WHATSON_DB=$url

	"$W" seed --demo --orgs 12 --events 4 >"$tmp/$b.seed.out" 2>"$tmp/$b.seed.err"
	ok $? "$b: seed --demo" "$tmp/$b.seed.err"
	"$W" seed --demo --orgs 12 --events 4 >"$tmp/$b.seed2.out" 2>&1
	ok $? "$b: seeding again" "$tmp/$b.seed2.out"

	serve "$b"
	TOKEN=$(token staff@example.org demo-staff-pass-2026)
	[ -n "$TOKEN" ]
	ok $? "$b: serve starts and staff sign in" "$tmp/$b.serve.log"

	get list /api/v1/meetings --data-urlencode body=cnd
	id=$(json "$tmp/list.json" 'd["items"][0]["id"]')
	get one "/api/v1/meetings/$id"
	[ "$(json "$tmp/one.json" 'len(d["side_event_slots"])')" = 4 ] &&
	    [ "$(json "$tmp/one.json" 'd["side_events"]')" = open ]
	ok $? "$b: the session has four slots and an open window" "$tmp/one.json"
	get ses "/api/v1/meetings/$id/side-events"
	[ "$(json "$tmp/ses.json" 'd["total"]')" = 5 ] &&
	    [ "$(json "$tmp/ses.json" 'sorted(set(x["status"] for x in d["items"]))')" = \
	    "['accepted', 'changes_requested', 'declined', 'pending']" ]
	ok $? "$b: five proposals in four states, none added twice" "$tmp/ses.json"
	curl -s "$BASE/api/v1/meetings/$id" >"$tmp/pub.json"
	[ "$(json "$tmp/pub.json" '[p["slot_id"] for p in d["programme"]]')" = "[1, 2]" ]
	ok $? "$b: a visitor sees two in the programme, by slot" "$tmp/pub.json"
	curl -s "$BASE/meetings/$id" >"$tmp/page.html"
	grep -q 'Community monitoring of synthetic drug markets' "$tmp/page.html" &&
	    ! grep -q 'Harm reduction in prisons' "$tmp/page.html"
	ok $? "$b: the session's page shows the programme" "$tmp/page.html"
	curl -s "$BASE/meetings/$id/programme.ics" >"$tmp/p.ics"
	[ "$(grep -c '^BEGIN:VEVENT' "$tmp/p.ics")" = 2 ]
	ok $? "$b: the programme as iCalendar" "$tmp/p.ics"
	stop_server
}

both seedse
