#!/usr/bin/env bash
# tests/cli/seed_courses.t -- the demo course of `whatson seed --demo` (TAP),
# on SQLite and, when WHATSON_TEST_PG is set (tests/run starts one), on a
# fresh PostgreSQL database: one course of three modules, each with lessons
# and a quiz; seeding again adds nothing; its cohort runs now, tutored by
# staff, with participants at different stages: the demo member has read
# the first module and passed its quiz; the last module's shared task has
# answers in the cohort's discussion, replies, and one marked complete; the
# tutor has written to them once; another has completed the course, with a
# certificate.
#
#   WHATSON_BIN  the binary (default: $ROOT/${B:-build}/san/whatson)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
. "$HERE/lib.sh" seedcourses

check() {
	local b=$1 url=$2 port i st mt id kid code
	export WHATSON_DB=$url

	"$W" seed --demo --orgs 12 >"$tmp/$b.seed.out" 2>"$tmp/$b.seed.err"
	[ $? -eq 0 ] && grep -q '^a course with a running cohort added' "$tmp/$b.seed.out"
	ok $? "$b: seed --demo adds the course" "$tmp/$b.seed.err"
	"$W" seed --demo --orgs 12 >"$tmp/$b.seed2.out" 2>&1
	[ $? -eq 0 ] && ! grep -q 'course' "$tmp/$b.seed2.out"
	ok $? "$b: seeding again adds nothing" "$tmp/$b.seed2.out"

	serve "$b"
	st=$(token staff@example.org demo-staff-pass-2026)
	mt=$(token member@example.org demo-member-pass-2026)
	[ -n "$st" ] && [ -n "$mt" ]
	ok $? "$b: serve starts, staff and the member sign in" "$tmp/$b.serve.log"

	curl -s "$BASE/api/v1/courses" >"$tmp/list.json"
	[ "$(json "$tmp/list.json" 'd["total"]')" = 1 ]
	ok $? "$b: one course, published" "$tmp/list.json"
	id=$(json "$tmp/list.json" 'd["items"][0]["id"]')
	curl -s "$BASE/api/v1/courses/$id" >"$tmp/course.json"
	[ "$(json "$tmp/course.json" 'len(d["modules"])')" = 3 ] &&
	    [ "$(json "$tmp/course.json" 'all(m["quiz"] and len(m["lessons"]) >= 2 for m in d["modules"])')" = True ] &&
	    [ "$(json "$tmp/course.json" 'len(d["cohorts"]) == 1 and d["cohorts"][0]["running"]')" = True ]
	ok $? "$b: three modules with lessons and a quiz each, a running cohort" "$tmp/course.json"
	kid=$(json "$tmp/course.json" 'd["cohorts"][0]["id"]')
	curl -s -H "Authorization: Bearer $st" "$BASE/api/v1/cohorts/$kid/enrolments" >"$tmp/enr.json"
	[ "$(json "$tmp/enr.json" 'd["total"] >= 2')" = True ]
	ok $? "$b: the cohort has participants" "$tmp/enr.json"
	curl -s -H "Authorization: Bearer $mt" "$BASE/api/v1/courses/$id/progress" >"$tmp/prog.json"
	[ "$(json "$tmp/prog.json" 'd["lessons_read"]')" = 3 ] &&
	    [ "$(json "$tmp/prog.json" 'd["quizzes_passed"]')" = 1 ] &&
	    [ "$(json "$tmp/prog.json" 'd["next"]["title"]')" = "How the Review Mechanism works" ]
	ok $? "$b: the member has read the first module and passed its quiz" "$tmp/prog.json"
	[ "$(json "$tmp/prog.json" 'd["task_count"]')" = 1 ] &&
	    [ "$(json "$tmp/prog.json" 'd["tasks_done"]')" = 0 ] &&
	    [ "$(json "$tmp/prog.json" 'd["tasks"][0]["status"]')" = submitted ]
	ok $? "$b: the last module's task, the member's answer waiting for a mark" "$tmp/prog.json"
	curl -s -H "Authorization: Bearer $mt" "$BASE/api/v1/courses/$id/cohorts/$kid/discussion" \
	    >"$tmp/disc.json"
	[ "$(json "$tmp/disc.json" 'd["total"] >= 2 and sum(len(a["replies"]) for a in d["items"]) >= 2')" = True ] &&
	    [ "$(json "$tmp/disc.json" '[a["status"] for a in d["items"]].count("complete")')" = 1 ]
	ok $? "$b: the cohort's discussion: answers, replies, one marked complete" "$tmp/disc.json"
	[ "$(json "$tmp/course.json" 'len(d["cohorts"][0]["tutors"])')" = 1 ] &&
	    [ "$(json "$tmp/prog.json" 'len(d["messages"]) == 1 and d["messages"][0]["subject"]')" = "Welcome to the first cohort" ]
	ok $? "$b: the cohort has a tutor, whose one message the member has" "$tmp/prog.json"
	curl -s -H "Authorization: Bearer $st" "$BASE/api/v1/staff/courses/$id/cohorts/$kid/table" >"$tmp/table.json"
	[ "$(json "$tmp/table.json" 'd["participants"] >= 2 and len(d["messages"]) == 1')" = True ]
	ok $? "$b: the tutors' table lists the participants and the message" "$tmp/table.json"
	curl -s -H "Authorization: Bearer $st" "$BASE/api/v1/staff/courses/$id/completion" \
	    >"$tmp/done.json"
	code=$(json "$tmp/done.json" 'd["completions"][0]["code"]')
	[ "$(json "$tmp/done.json" 'len(d["completions"])')" = 1 ] && [ ${#code} -eq 26 ] &&
	    curl -s "$BASE/api/v1/certificates/$code" >"$tmp/cert.json" &&
	    [ "$(json "$tmp/cert.json" 'd["hours"]')" = 12 ] &&
	    curl -s "$BASE/certificates/$code.pdf" | head -c 5 | grep -q '%PDF-'
	ok $? "$b: one participant has completed the course, with a certificate" "$tmp/done.json"
	stop_server
}

both seedcourses
