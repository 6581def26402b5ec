#!/usr/bin/env bash
# e2e_pg.t -- e2e.js as e2e.t runs it, on PostgreSQL: a fresh database in
# the cluster tests/run started (or one of its own when run alone).  No
# accessibility pass: e2e.t checks the same pages' markup on SQLite.
# Screenshots and logs in tests/e2e/out/pg/.
export E2E_SCRIPT=e2e.js E2E_BACKEND=pg E2E_AXE=0
exec "$(dirname "$0")/e2e.t" "$@"
