#!/usr/bin/env bash
# digest.t -- the weekly digest in a real browser (digest.js): a member
# turns it off and on from their account without JavaScript (a form sent
# without a choice coming back with the message by the field); staff see
# the demo's run at /staff/digest and run it now; the link in the member's
# digest stops it without signing in.  e2e.t does the work: its
# own server, SMTP sink and demo database; screenshots in tests/e2e/out/
# (docs/digest.png is copied from out/digest.png after a run).
export E2E_SCRIPT=digest.js
exec "$(dirname "$0")/e2e.t" "$@"
