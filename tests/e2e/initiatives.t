#!/usr/bin/env bash
# initiatives.t -- issue 17's country pilot initiatives in a real browser
# (initiatives.js): a visitor reads the seeded initiative without its
# space; the demo member, whose organization is a partner, enters its
# space and posts an update (an empty one coming back with the message by
# the field), which the demo focal point gets by mail; staff make an
# initiative through the form without JavaScript (a mistake coming back
# with the input kept).  e2e.t does the work: its own server, SMTP sink
# and demo database; screenshots in tests/e2e/out/.
export E2E_SCRIPT=initiatives.js
# events and resources for the initiative's meetings and documents
export E2E_SEED="${E2E_SEED:---events 8 --resources 4}"
exec "$(dirname "$0")/e2e.t" "$@"
