#!/usr/bin/env bash
# meetings_speaking.t -- issue 16's requests to speak in a real browser
# (meetings_speaking.js): a visitor reads the seeded session's published
# speakers' list and its printable page; the member asks to speak through
# the form without JavaScript (a mistake coming back with the input kept);
# staff allocate on their page (over the item's minutes refused, then
# right) and publish the list.  e2e.t does the work: its own server, SMTP
# sink and demo database; screenshots in tests/e2e/out/.
export E2E_SCRIPT=meetings_speaking.js
exec "$(dirname "$0")/e2e.t" "$@"
