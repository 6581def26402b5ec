#!/usr/bin/env bash
# membership.t -- the membership flows in a real browser (membership.js):
# applying, staff review, joining an existing organization, who sees what on
# a profile, bad input on the join form.  e2e.t does the work: its own
# server, SMTP sink and demo database; screenshots in tests/e2e/out/.
export E2E_SCRIPT=membership.js
exec "$(dirname "$0")/e2e.t" "$@"
