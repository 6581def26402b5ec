#!/usr/bin/env bash
# resources.t -- issue 13's library in a real browser (resources.js): a
# visitor searches, filters, pages and opens resources at /resources; a
# member of organization 1 shares a resource with a file through the form
# at /resources/new, a mistake coming back with the input kept; staff ask
# for changes, the member edits it and submits it again, staff publish it
# from /staff/resources; the words inside the file find it;
# /resources.atom.  e2e.t does the work: its own server, SMTP sink and demo
# database with the 60 demo resources (the README's pictures are of them);
# screenshots in tests/e2e/out/.
export E2E_SCRIPT=resources.js E2E_SEED=${E2E_SEED:---resources 60}
exec "$(dirname "$0")/e2e.t" "$@"
