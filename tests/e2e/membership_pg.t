#!/usr/bin/env bash
# membership_pg.t -- membership.js as membership.t runs it, on PostgreSQL: a fresh database in
# the cluster tests/run started (or one of its own when run alone).  No
# accessibility pass: membership.t checks the same pages' markup on SQLite.
# Screenshots and logs in tests/e2e/out/pg/.
export E2E_SCRIPT=membership.js E2E_BACKEND=pg E2E_AXE=0
exec "$(dirname "$0")/membership.t" "$@"
