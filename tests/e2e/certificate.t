#!/usr/bin/env bash
# certificate.t -- issue 18's certificates in a real browser
# (certificate.js): staff open a course's completion rates and the
# certificate of the participant the demo has completing the course; a
# visitor opens its verification address and its PDF, which pdftoppm turns
# into an image.  e2e.t does the work: its own server, SMTP sink and demo
# database; screenshots in tests/e2e/out/.
export E2E_SCRIPT=certificate.js
exec "$(dirname "$0")/e2e.t" "$@"
