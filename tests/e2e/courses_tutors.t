#!/usr/bin/env bash
# courses_tutors.t -- the tutors' side of issue 18's cohort in a real browser
# (courses_tutors.js): the demo member reads their progress and their
# tutor's message; the tutor reads the cohort's table, filters and sorts
# it, and writes to a participant.  e2e.t does the work: its own server,
# SMTP sink and demo database; screenshots in tests/e2e/out/.
export E2E_SCRIPT=courses_tutors.js
exec "$(dirname "$0")/e2e.t" "$@"
