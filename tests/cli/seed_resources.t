#!/usr/bin/env bash
# tests/cli/seed_resources.t -- `whatson seed --demo --resources 40` (TAP), on
# SQLite and, when WHATSON_TEST_PG is set (tests/run starts one), on a fresh
# PostgreSQL database: the library has 40 published resources, seeding again
# adds none; `whatson serve` extracts the text of their PDFs (the test waits
# for the resource_text jobs, with a deadline), after which a French word
# that is only in a French PDF's body finds that document, a Chinese one the
# Chinese document, and the facet counts add up to the resources seeded.
#
#   WHATSON_BIN  the binary (default: $ROOT/${B:-build}/san/whatson)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh" seedres

# check BACKEND URL: the whole story on one database.
check() {
	local b=$1 url=$2 port i busy
	export WHATSON_DB=$url

	"$W" seed --demo --orgs 12 --resources 40 >"$tmp/$b.seed.out" 2>"$tmp/$b.seed.err"
	[ $? -eq 0 ] && grep -q '^40 resources added' "$tmp/$b.seed.out"
	ok $? "$b: seed --resources 40 adds 40 resources" "$tmp/$b.seed.err"
	"$W" seed --demo --orgs 12 --resources 40 >"$tmp/$b.seed2.out" 2>&1
	[ $? -eq 0 ] && grep -q '^0 resources added' "$tmp/$b.seed2.out"
	ok $? "$b: seeding again with the same number adds nothing" "$tmp/$b.seed2.out"

	serve "$b"
	TOKEN=$(curl -s -H 'Content-Type: application/json' \
	    -d '{"email":"staff@example.org","password":"demo-staff-pass-2026"}' \
	    "$BASE/api/v1/session" | sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p')
	[ -n "$TOKEN" ]
	ok $? "$b: serve starts and staff sign in" "$tmp/$b.serve.log"

	# The text jobs: none queued or running any more (deadline: 5 minutes
	# under the sanitizers on a busy machine).
	busy=1
	for i in $(seq 1500); do
		get queued "/api/v1/staff/jobs" -d status=queued -d per_page=200
		get running "/api/v1/staff/jobs" -d status=running -d per_page=200
		if ! grep -q '"resource_text"' "$tmp/queued.json" "$tmp/running.json"; then
			busy=0
			break
		fi
		sleep 0.2
	done
	get done "/api/v1/staff/jobs" -d status=done -d per_page=200
	[ $busy -eq 0 ] && [ "$(json "$tmp/done.json" \
	    'sum(1 for j in d["items"] if j["kind"] == "resource_text")')" -ge 35 ]
	ok $? "$b: serve extracts the text of every seeded PDF" "$tmp/done.json"

	# "extorsion" is only in the body of the French workshop report.
	get fr "/api/v1/resources" --data-urlencode q=extorsion
	[ "$(json "$tmp/fr.json" 'd["total"]')" = 1 ] &&
	    json "$tmp/fr.json" 'd["items"][0]["title"]' | grep -q "^Rapport de l'atelier régional" &&
	    [ "$(json "$tmp/fr.json" 'd["items"][0]["languages"]')" = "['fr']" ]
	ok $? "$b: a French word of a PDF's body finds that French document" "$tmp/fr.json"
	# 巡护员 (rangers) is only in the body of the Chinese wildlife report.
	get zh "/api/v1/resources" --data-urlencode q=巡护员
	[ "$(json "$tmp/zh.json" 'd["total"]')" = 1 ] &&
	    json "$tmp/zh.json" 'd["items"][0]["title"]' | grep -q '^研讨会报告：东南亚野生动植物犯罪' &&
	    [ "$(json "$tmp/zh.json" 'd["items"][0]["languages"]')" = "['zh']" ]
	ok $? "$b: a Chinese word of a PDF's body finds the Chinese document" "$tmp/zh.json"

	get all "/api/v1/resources" -d per_page=1
	[ "$(json "$tmp/all.json" 'd["total"]')" = 40 ] &&
	    [ "$(json "$tmp/all.json" 'sum(d["facets"]["language"].values())')" = 40 ] &&
	    [ "$(json "$tmp/all.json" 'sum(d["facets"]["kind"].values())')" = 40 ] &&
	    [ "$(json "$tmp/all.json" 'sum(d["facets"]["year"].values())')" = 40 ] &&
	    [ "$(json "$tmp/all.json" 'len(d["facets"]["language"])')" = 6 ]
	ok $? "$b: staff see the 40 resources; language, kind and year counts add up to 40" \
	    "$tmp/all.json"
	get pub "/api/v1/resources" -d status=published -d per_page=1
	[ "$(json "$tmp/pub.json" 'd["total"]')" = 40 ]
	ok $? "$b: every seeded resource is published" "$tmp/pub.json"
	stop_server
}

both seedres
