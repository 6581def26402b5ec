#!/usr/bin/env bash
# account_courses.t -- issue 18's course list on /account in a real browser
# (account_courses.js): the demo member sees their course, its cohort and
# the share of the lessons read, and follows the link to their progress.
# e2e.t does the work: its own server, SMTP sink and demo database;
# screenshots in tests/e2e/out/.
export E2E_SCRIPT=account_courses.js
exec "$(dirname "$0")/e2e.t" "$@"
