#!/usr/bin/env bash
# dialogues.t -- issue 17's constructive dialogues in a real browser
# (dialogues.js): a visitor reads the list and a dialogue with its summary
# and published input; staff read the participants' balance; the approved
# member writes an input, a mistake coming back with the message by the
# field.  e2e.t does the work: its own server, SMTP sink and demo
# database; screenshots in tests/e2e/out/.
export E2E_SCRIPT=dialogues.js
exec "$(dirname "$0")/e2e.t" "$@"
