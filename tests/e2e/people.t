#!/usr/bin/env bash
# people.t -- issue 11's pages in a real browser (people.js): an expert
# applies, is approved and chooses who sees what; members find experts at
# /people; a person leaves an organization and deletes their account from
# /account; staff open /staff/themes and an organization's history.  e2e.t
# does the work: its own server, SMTP sink and demo database; screenshots
# in tests/e2e/out/.
export E2E_SCRIPT=people.js
exec "$(dirname "$0")/e2e.t" "$@"
