#!/usr/bin/env bash
# tests/cli/seed_calls.t -- the demo calls of `whatson seed --demo` (TAP), on
# SQLite and, when WHATSON_TEST_PG is set (tests/run starts one), on a fresh
# PostgreSQL database: six calls, seeding again adds none; staff see one of
# each kind, open, decided and draft ones, the workshop call filling a demo
# workshop, the course cohort open until 5 October, applications in every
# status and the decided call's scored by two reviewers; a visitor does not
# see the draft; the demo member is offered calls and has applied for their
# organization.
#
#   WHATSON_BIN  the binary (default: $ROOT/${B:-build}/san/whatson)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh" seedcalls

# check BACKEND URL: the whole story on one database.
check() {
	local b=$1 url=$2 port i ids statuses mt
	export WHATSON_DB=$url

	"$W" seed --demo --orgs 12 --events 16 >"$tmp/$b.seed.out" 2>"$tmp/$b.seed.err"
	[ $? -eq 0 ] && grep -q '^6 calls added' "$tmp/$b.seed.out"
	ok $? "$b: seed --demo adds 6 calls" "$tmp/$b.seed.err"
	"$W" seed --demo --orgs 12 --events 16 >"$tmp/$b.seed2.out" 2>&1
	[ $? -eq 0 ] && grep -q '^0 calls added' "$tmp/$b.seed2.out"
	ok $? "$b: seeding again adds no call" "$tmp/$b.seed2.out"

	serve "$b"
	TOKEN=$(token staff@example.org demo-staff-pass-2026)
	[ -n "$TOKEN" ]
	ok $? "$b: serve starts and staff sign in" "$tmp/$b.serve.log"

	get all "/api/v1/calls" -d per_page=50
	# the calls of the constructive dialogues' demo (issue 17) aside
	get dlg "/api/v1/dialogues" -d per_page=200
	python3 -c 'import json,sys
m = set(g["call_id"] for g in json.load(open(sys.argv[1]))["items"])
d = json.load(open(sys.argv[2]))
d["items"] = [c for c in d["items"] if c["id"] not in m]
d["total"] = len(d["items"])
json.dump(d, open(sys.argv[2], "w"))' "$tmp/dlg.json" "$tmp/all.json"
	[ "$(json "$tmp/all.json" 'd["total"]')" = 6 ] &&
	    [ "$(json "$tmp/all.json" '" ".join(sorted(c["kind"] for c in d["items"]))')" = \
	    "course_cohort dialogue expert_roster other pilot_initiative workshop" ] &&
	    [ "$(json "$tmp/all.json" '" ".join(sorted(set(c["status"] for c in d["items"])))')" = \
	    "decided draft open" ]
	ok $? "$b: staff see 6 calls of 6 kinds, open, decided and a draft" "$tmp/all.json"
	[ "$(json "$tmp/all.json" '[c for c in d["items"] if c["kind"] == "workshop"][0]["event_id"] is not None')" = True ] &&
	    [ "$(json "$tmp/all.json" '[c for c in d["items"] if c["kind"] == "course_cohort"][0]["closes"][5:16]')" = "10-05T23:59" ] &&
	    [ "$(json "$tmp/all.json" 'all(len(c["questions"]) > 0 and len(c["criteria"]) > 0 for c in d["items"])')" = True ]
	ok $? "$b: the workshop call fills an event, the course cohort is open until 5 October, each has questions and criteria" "$tmp/all.json"

	ids=$(json "$tmp/all.json" '" ".join(str(c["id"]) for c in d["items"])')
	: >"$tmp/statuses"
	for i in $ids; do
		get "apps$i" "/api/v1/calls/$i/applications" -d per_page=200
		json "$tmp/apps$i.json" '"\n".join(a["status"] for a in d["items"])' >>"$tmp/statuses"
		get "drafts$i" "/api/v1/calls/$i/applications" -d status=draft -d per_page=200
		json "$tmp/drafts$i.json" '"\n".join(a["status"] for a in d["items"])' >>"$tmp/statuses"
	done
	statuses=$(grep . "$tmp/statuses" | sort -u | tr '\n' ' ')
	[ "$statuses" = "accepted declined draft submitted waitlisted withdrawn " ]
	ok $? "$b: applications of every status (got: $statuses)" "$tmp/statuses"
	i=$(json "$tmp/all.json" '[c for c in d["items"] if c["status"] == "decided"][0]["id"]')
	get decided "/api/v1/calls/$i/applications" -d sort=score -d per_page=200
	[ "$(json "$tmp/decided.json" 'all(a["score"]["reviewers"] == 2 for a in d["items"])')" = True ] &&
	    [ "$(json "$tmp/decided.json" 'd["items"][0]["status"]')" = accepted ] &&
	    [ "$(json "$tmp/decided.json" 'd["items"][-1]["status"]')" = declined ] &&
	    [ "$(json "$tmp/decided.json" 'sum(1 for a in d["items"] if a["organization_id"])')" = 1 ]
	ok $? "$b: the decided call's applications scored by two reviewers, best first, one for an organization" "$tmp/decided.json"

	curl -s "$BASE/api/v1/calls?per_page=50" >"$tmp/visitor.json"
	python3 -c 'import json,sys
m = set(g["call_id"] for g in json.load(open(sys.argv[1]))["items"])
d = json.load(open(sys.argv[2]))
d["items"] = [c for c in d["items"] if c["id"] not in m]
d["total"] = len(d["items"])
json.dump(d, open(sys.argv[2], "w"))' "$tmp/dlg.json" "$tmp/visitor.json"
	[ "$(json "$tmp/visitor.json" 'd["total"]')" = 5 ] &&
	    [ "$(json "$tmp/visitor.json" 'any(c["status"] == "draft" for c in d["items"])')" = False ]
	ok $? "$b: a visitor sees the five that are no draft" "$tmp/visitor.json"
	curl -s "$BASE/calls?lang=en" >"$tmp/calls.html"
	grep -q 'Expert roster: cybercrime and electronic evidence' "$tmp/calls.html" &&
	    ! grep -q 'Call for trainers' "$tmp/calls.html"
	ok $? "$b: /calls lists them" "$tmp/calls.html"

	mt=$(token member@example.org demo-member-pass-2026)
	curl -s -H "Authorization: Bearer $mt" "$BASE/api/v1/opportunities?per_page=50" >"$tmp/opps.json"
	[ "$(json "$tmp/opps.json" 'sum(1 for o in d["items"] if o["type"] == "call")')" -ge 2 ]
	ok $? "$b: the demo member is offered calls" "$tmp/opps.json"
	stop_server
}

both seedcalls
