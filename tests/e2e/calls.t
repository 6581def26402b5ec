#!/usr/bin/env bash
# calls.t -- issue 15's calls for participants in a real browser
# (calls.js): a visitor finds an open call at /calls and is asked to sign
# in; a member applies through its form (a mistake coming back with the
# input kept), then submits; staff review the scored applications at
# /staff/calls/{id}/applications; staff write a call through the form at
# /staff/calls/new and a visitor finds it on /calls.  e2e.t does the work: its own server,
# SMTP sink and demo database; screenshots in tests/e2e/out/.
export E2E_SCRIPT=calls.js
exec "$(dirname "$0")/e2e.t" "$@"
