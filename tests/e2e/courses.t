#!/usr/bin/env bash
# courses.t -- issue 18's course in a real browser (courses.js): the demo
# member, enrolled in the seeded running cohort, opens the course, reads a
# lesson (previous and next), answers a module's quiz and reads its
# feedback, and follows their progress; staff open the course's editor.
# e2e.t does the work: its own server, SMTP sink and demo database;
# screenshots in tests/e2e/out/.
export E2E_SCRIPT=courses.js
exec "$(dirname "$0")/e2e.t" "$@"
