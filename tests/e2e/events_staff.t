#!/usr/bin/env bash
# events_staff.t -- issue 14's staff pages in a real browser
# (events_staff.js): staff list the demo events, open one's registrants,
# approve one ticked with the form (no JavaScript), download the CSV, and
# send the new-event form with the end before the start, which comes back
# with the message by the field and what was typed kept.  e2e.t does the
# work: its own server, SMTP sink and demo database with 8 demo events;
# screenshots in tests/e2e/out/.
export E2E_SCRIPT=events_staff.js E2E_SEED=${E2E_SEED:---events 8}
exec "$(dirname "$0")/e2e.t" "$@"
