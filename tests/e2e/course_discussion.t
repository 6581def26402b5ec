#!/usr/bin/env bash
# course_discussion.t -- issue 18's shared tasks in a real browser
# (course_discussion.js): the demo member opens the seeded task from their
# progress, reads their answer and the tutor's reply, replies to another
# participant; staff send an answer back (a refused mark keeps its comment)
# and read the whole discussion.  e2e.t does the work: its own server, SMTP
# sink and demo database; screenshots in tests/e2e/out/.
export E2E_SCRIPT=course_discussion.js
exec "$(dirname "$0")/e2e.t" "$@"
