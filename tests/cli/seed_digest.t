#!/usr/bin/env bash
# tests/cli/seed_digest.t -- the weekly digest of `whatson seed --demo` (TAP),
# on SQLite and, when WHATSON_TEST_PG is set (tests/run starts one), on a
# fresh PostgreSQL database: the demo member's digest is mailed (into the
# mail directory once served: news, opportunities, the threads they follow)
# and staff's page shows its run; seeding again adds nothing.
#
#   WHATSON_BIN  the binary (default: $ROOT/${B:-build}/san/whatson)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh" seeddigest

check() {
	local b=$1 url=$2 port i st mt f
	export WHATSON_DB=$url

	"$W" seed --demo --orgs 12 >"$tmp/$b.seed.out" 2>"$tmp/$b.seed.err"
	[ $? -eq 0 ] && grep -q '^a weekly digest mailed to the demo member' "$tmp/$b.seed.out"
	ok $? "$b: seed --demo mails the demo member a digest" "$tmp/$b.seed.err"
	"$W" seed --demo --orgs 12 >"$tmp/$b.seed2.out" 2>&1
	[ $? -eq 0 ] && ! grep -q 'digest' "$tmp/$b.seed2.out"
	ok $? "$b: seeding again adds nothing" "$tmp/$b.seed2.out"

	rm -rf "$tmp/mail"
	serve "$b"
	st=$(token staff@example.org demo-staff-pass-2026)
	mt=$(token member@example.org demo-member-pass-2026)
	[ -n "$st" ] && [ -n "$mt" ]
	ok $? "$b: serve starts, staff and the member sign in" "$tmp/$b.serve.log"

	curl -s -H "Authorization: Bearer $st" "$BASE/api/v1/staff/digest" >"$tmp/runs.json"
	[ "$(json "$tmp/runs.json" 'd["total"]')" = 1 ] &&
	    [ "$(json "$tmp/runs.json" 'd["last_run"]["mailed"]')" = 1 ]
	ok $? "$b: staff see the demo's run" "$tmp/runs.json"
	curl -s -H "Authorization: Bearer $mt" "$BASE/api/v1/account/digest" >"$tmp/me.json"
	[ "$(json "$tmp/me.json" 'd["receives"]')" = True ]
	ok $? "$b: the member receives it" "$tmp/me.json"
	f=
	for i in $(seq 300); do	# the outbox's job writes it once served
		f=$(grep -l 'Threads you follow with new replies' "$tmp/mail"/*.eml 2>/dev/null | head -1)
		[ -n "$f" ] && break
		sleep 0.1
	done
	[ -n "$f" ] && grep -q 'Open opportunities' "$f" && grep -q '/digest/unsubscribe?u=' "$f"
	ok $? "$b: the digest is in the mail directory" "$tmp/$b.serve.log"
	[ -n "$f" ] && grep -q '^List-Unsubscribe: <http://.*/digest/unsubscribe/one-click?u=[0-9]*&s=[0-9a-f]*>' "$f" &&
	    grep -q '^List-Unsubscribe-Post: List-Unsubscribe=One-Click' "$f"
	ok $? "$b: it has the List-Unsubscribe headers (RFC 8058)" "${f:-$tmp/$b.serve.log}"
	stop_server
}

both seeddigest
