#!/usr/bin/env bash
# tests/cli/seed_events.t -- `whatson seed --demo --events 16` (TAP), on
# SQLite and, when WHATSON_TEST_PG is set (tests/run starts one), on a fresh
# PostgreSQL database: 16 events, seeding again adds none; staff see every
# kind, past and upcoming ones, six time zones, a week in Vienna that starts
# in summer time and ends in winter time, and registrations of every status;
# `whatson export registrations` writes an event's.
#
#   WHATSON_BIN  the binary (default: $ROOT/${B:-build}/san/whatson)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh" seedev

# check BACKEND URL: the whole story on one database.
check() {
	local b=$1 url=$2 port i ids statuses
	export WHATSON_DB=$url

	"$W" seed --demo --orgs 12 --events 16 >"$tmp/$b.seed.out" 2>"$tmp/$b.seed.err"
	[ $? -eq 0 ] && grep -q '^16 events added' "$tmp/$b.seed.out"
	ok $? "$b: seed --events 16 adds 16 events" "$tmp/$b.seed.err"
	"$W" seed --demo --orgs 12 --events 16 >"$tmp/$b.seed2.out" 2>&1
	[ $? -eq 0 ] && grep -q '^0 events added' "$tmp/$b.seed2.out"
	ok $? "$b: seeding again with the same number adds nothing" "$tmp/$b.seed2.out"

	serve "$b"
	TOKEN=$(curl -s -H 'Content-Type: application/json' \
	    -d '{"email":"staff@example.org","password":"demo-staff-pass-2026"}' \
	    "$BASE/api/v1/session" | sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p')
	[ -n "$TOKEN" ]
	ok $? "$b: serve starts and staff sign in" "$tmp/$b.serve.log"

	# the sessions of meetings seeded beside them (meetings/seed.c) are
	# events too: 7 of them, of several bodies, with their agendas
	get mtg "/api/v1/meetings" -d per_page=200
	[ "$(json "$tmp/mtg.json" 'd["total"]')" = 7 ] &&
	    [ "$(json "$tmp/mtg.json" 'len(d["facets"]["body"])')" = 7 ] &&
	    [ "$(json "$tmp/mtg.json" 'min(len(m["agenda"]) for m in d["items"])')" -ge 4 ] &&
	    grep -q '^7 sessions of meetings added' "$tmp/$b.seed.out" &&
	    grep -q '^0 sessions of meetings added' "$tmp/$b.seed2.out"
	ok $? "$b: 7 sessions of 7 bodies with agendas, seeded once" "$tmp/mtg.json"
	get every "/api/v1/events" -d when=all -d per_page=200
	get dlg "/api/v1/dialogues" -d per_page=200
	# the sessions' events and the constructive dialogues' (issue 17) aside
	python3 -c 'import json,sys
m = set(x["id"] for x in json.load(open(sys.argv[1]))["items"])
for g in json.load(open(sys.argv[4]))["items"]:
	m |= {g["prep_event_id"], g["event_id"]}
d = json.load(open(sys.argv[2]))
d["items"] = [e for e in d["items"] if e["id"] not in m]
d["total"] = len(d["items"])
d["facets"]["kind"] = {k: 1 for k in set(e["kind"] for e in d["items"])}
json.dump(d, open(sys.argv[3], "w"))' "$tmp/mtg.json" "$tmp/every.json" "$tmp/all.json" \
	    "$tmp/dlg.json"
	[ "$(json "$tmp/all.json" 'd["total"]')" = 16 ] &&
	    [ "$(json "$tmp/all.json" 'len(d["facets"]["kind"])')" = 8 ] &&
	    [ "$(json "$tmp/all.json" 'len(set(e["timezone"] for e in d["items"]))')" = 6 ]
	ok $? "$b: 16 events of the 8 kinds in 6 time zones" "$tmp/all.json"
	get past "/api/v1/events" -d when=past -d per_page=1
	get coming "/api/v1/events" -d when=upcoming -d per_page=1
	[ "$(json "$tmp/past.json" 'd["total"]')" -ge 4 ] &&
	    [ "$(json "$tmp/coming.json" 'd["total"]')" -ge 4 ]
	ok $? "$b: some are over, some to come" "$tmp/past.json"
	[ "$(json "$tmp/all.json" 'sum(1 for e in d["items"] if e["timezone"] == "Europe/Vienna" and e["start"].endswith("+02:00") and e["end"].endswith("+01:00"))')" -ge 1 ]
	ok $? "$b: a week in Vienna across the end of summer time" "$tmp/all.json"
	ids=$(json "$tmp/all.json" '" ".join(str(e["id"]) for e in d["items"])')
	: >"$tmp/statuses"
	for i in $ids; do
		get "reg$i" "/api/v1/events/$i/registrations" -d per_page=200
		json "$tmp/reg$i.json" '"\n".join(g["status"] for g in d["items"])' >>"$tmp/statuses"
	done
	statuses=$(sort -u "$tmp/statuses" | tr '\n' ' ')
	[ "$statuses" = "attended cancelled confirmed declined pending waitlisted " ]
	ok $? "$b: registrations of every status (got: $statuses)" "$tmp/statuses"
	stop_server
	i=${ids%% *}
	"$W" export registrations --event "$i" >"$tmp/$b.csv" 2>"$tmp/$b.csv.err" &&
	    head -1 "$tmp/$b.csv" | grep -q 'name,email,organization,country,status,registered_at,decided_at' &&
	    [ "$(wc -l <"$tmp/$b.csv")" -ge 2 ]
	ok $? "$b: export registrations --event $i writes the CSV" "$tmp/$b.csv.err"
}

both seedev
