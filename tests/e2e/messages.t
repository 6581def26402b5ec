#!/usr/bin/env bash
# messages.t -- private messages in a real browser (messages.js): a member
# writes to an expert from the expert's page in the directory, the expert
# sees the unread count in the header and replies, the member reads the
# reply; blocking and reporting from the conversation's page.  e2e.t does
# the work: its own server, SMTP sink and demo database; screenshots in
# tests/e2e/out/.
export E2E_SCRIPT=messages.js
exec "$(dirname "$0")/e2e.t" "$@"
