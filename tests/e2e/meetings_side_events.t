#!/usr/bin/env bash
# meetings_side_events.t -- issue 16's side events in a real browser
# (meetings_side_events.js): the member proposes a side event to the demo
# session of the Commission on Crime Prevention and Criminal Justice
# through its form without JavaScript (a mistake coming back with the input
# kept), staff accept it into a slot on the session's proposals page, and a
# visitor reads the session's programme.  e2e.t does the work: its own
# server, SMTP sink and demo database; screenshots in tests/e2e/out/.
export E2E_SCRIPT=meetings_side_events.js
exec "$(dirname "$0")/e2e.t" "$@"
