#!/usr/bin/env bash
# resources.t -- issue 13's library in a real browser (resources.js): a
# visitor searches, filters, pages and opens resources at /resources; a
# member of organization 1 sends a resource with a file; staff ask for
# changes and publish it from /staff/resources; the words inside the file
# find it; /resources.atom.  e2e.t does the work: its own server, SMTP sink
# and demo database; screenshots in tests/e2e/out/.
export E2E_SCRIPT=resources.js
exec "$(dirname "$0")/e2e.t" "$@"
