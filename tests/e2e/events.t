#!/usr/bin/env bash
# events.t -- issue 14's events pages in a real browser (events.js): a
# visitor lists, filters and opens events and a month's calendar at
# /events; a member sets their time zone, registers for a workshop through
# its form (a mistake coming back with the input kept) and cancels.
# e2e.t does the work: its own server, SMTP sink and demo database;
# screenshots in tests/e2e/out/.
export E2E_SCRIPT=events.js
exec "$(dirname "$0")/e2e.t" "$@"
