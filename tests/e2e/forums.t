#!/usr/bin/env bash
# forums.t -- the discussion forums in a real browser (forums.js): the demo
# member starts a thread (a refused form keeps what was typed), an expert
# replies, the member reads it, the focal point sees the members' forum
# only.  e2e.t does the work: its own server, SMTP sink and demo database;
# screenshots in tests/e2e/out/.
export E2E_SCRIPT=forums.js
exec "$(dirname "$0")/e2e.t" "$@"
