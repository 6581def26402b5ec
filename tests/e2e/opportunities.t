#!/usr/bin/env bash
# opportunities.t -- issue 15's open opportunities in a real browser
# (opportunities.js): a visitor is asked to sign in; the member's page
# lists a call and an event with their deadlines, marks and buttons; the
# home page shows the next three.  e2e.t does the work: its own server,
# SMTP sink and demo database; screenshots in tests/e2e/out/.
export E2E_SCRIPT=opportunities.js
exec "$(dirname "$0")/e2e.t" "$@"
