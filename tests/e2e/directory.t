#!/usr/bin/env bash
# directory.t -- the members' directory in a real browser (directory.js):
# search, filters with counts, sorting, pages, the back button, marks, the
# staff's status filter and CSV link.  e2e.t does the work: its own server
# and demo database; screenshots in tests/e2e/out/.
export E2E_SCRIPT=directory.js
exec "$(dirname "$0")/e2e.t" "$@"
