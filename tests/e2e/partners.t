#!/usr/bin/env bash
# partners.t -- partner matching in a real browser (partners.js): an
# organization's admin reads the suggestions, accepts a pending request
# naming themself as contact, sees both contact persons and writes in the
# contacts' conversation; the asking side is mailed.  e2e.t does the work:
# its own server, SMTP sink and demo database; screenshots in
# tests/e2e/out/.
export E2E_SCRIPT=partners.js
exec "$(dirname "$0")/e2e.t" "$@"
