#!/usr/bin/env bash
# meetings.t -- issue 16's meetings pages in a real browser (meetings.js):
# a visitor lists the seeded sessions at /meetings, narrows them to a body
# and opens one (its agenda, the nomination window in words); staff make a
# session through the form without JavaScript (a mistake coming back with
# the input kept); a member nominates a delegate and staff decide it on the
# session's nominations page; a member reads what their organization can do.
# e2e.t does the work: its own server, SMTP sink and demo database;
# screenshots in tests/e2e/out/.
export E2E_SCRIPT=meetings.js
exec "$(dirname "$0")/e2e.t" "$@"
