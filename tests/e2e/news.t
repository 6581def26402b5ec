#!/usr/bin/env bash
# news.t -- news and the site's pages in a real browser (news.js): staff
# write an item through the form without JavaScript (a mistake coming
# back with the input kept), save it as a draft a visitor cannot open,
# publish it; a visitor finds it in /news, filtered by kind, and reads it;
# the home page shows the seeded highlight, the footer leads to the
# privacy page.  e2e.t does the work: its own server, SMTP sink and demo
# database; screenshots in tests/e2e/out/ (docs/news.png is copied from
# out/news.png after a run).
export E2E_SCRIPT=news.js
exec "$(dirname "$0")/e2e.t" "$@"
