#!/usr/bin/env bash
# tests/cli/seed_forums.t -- the demo forums of `whatson seed --demo` (TAP),
# on SQLite and, when WHATSON_TEST_PG is set (tests/run starts one), on a
# fresh PostgreSQL database: two forums, one for every approved person and
# one for members and staff only, each with threads and replies by the
# demo's members; seeding again adds nothing; the demo focal point sees the
# first forum only.
#
#   WHATSON_BIN  the binary (default: $ROOT/${B:-build}/san/whatson)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh" seedforums

check() {
	local b=$1 url=$2 port i mt ft id tid
	export WHATSON_DB=$url

	"$W" seed --demo --orgs 12 >"$tmp/$b.seed.out" 2>"$tmp/$b.seed.err"
	[ $? -eq 0 ] && grep -q '^2 forums added' "$tmp/$b.seed.out"
	ok $? "$b: seed --demo adds two forums" "$tmp/$b.seed.err"
	"$W" seed --demo --orgs 12 >"$tmp/$b.seed2.out" 2>&1
	[ $? -eq 0 ] && ! grep -q 'forum' "$tmp/$b.seed2.out"
	ok $? "$b: seeding again adds nothing" "$tmp/$b.seed2.out"

	serve "$b"
	mt=$(token member@example.org demo-member-pass-2026)
	ft=$(token focal@example.org demo-focal-pass-2026)
	[ -n "$mt" ] && [ -n "$ft" ]
	ok $? "$b: serve starts, the member and the focal point sign in" "$tmp/$b.serve.log"

	curl -s -H "Authorization: Bearer $mt" "$BASE/api/v1/forums" >"$tmp/list.json"
	[ "$(json "$tmp/list.json" 'd["total"]')" = 2 ] &&
	    [ "$(json "$tmp/list.json" 'sorted(f["audience"] for f in d["items"])')" = "['members', 'nongovernmental']" ]
	ok $? "$b: the member sees both forums" "$tmp/list.json"
	curl -s -H "Authorization: Bearer $ft" "$BASE/api/v1/forums" >"$tmp/flist.json"
	[ "$(json "$tmp/flist.json" 'd["total"]')" = 1 ]
	ok $? "$b: the focal point sees the members' forum only" "$tmp/flist.json"
	id=$(json "$tmp/list.json" '[f for f in d["items"] if f["audience"] == "members"][0]["id"]')
	curl -s -H "Authorization: Bearer $mt" "$BASE/api/v1/forums/$id" >"$tmp/forum.json"
	[ "$(json "$tmp/forum.json" 'd["total"] >= 2')" = True ]
	ok $? "$b: the members' forum has threads" "$tmp/forum.json"
	tid=$(json "$tmp/forum.json" '[t for t in d["items"] if t["posts"] >= 3][0]["id"]')
	curl -s -H "Authorization: Bearer $mt" "$BASE/api/v1/forums/$id/threads/$tid" >"$tmp/thread.json"
	[ "$(json "$tmp/thread.json" 'len(set(p["author"]["name"] for p in d["items"])) >= 2')" = True ]
	ok $? "$b: a thread with replies by several people" "$tmp/thread.json"
	stop_server
}

both seedforums
