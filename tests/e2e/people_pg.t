#!/usr/bin/env bash
# people_pg.t -- people.js as people.t runs it, on PostgreSQL: a fresh database in
# the cluster tests/run started (or one of its own when run alone).  No
# accessibility pass: people.t checks the same pages' markup on SQLite.
# Screenshots and logs in tests/e2e/out/pg/.
export E2E_SCRIPT=people.js E2E_BACKEND=pg E2E_AXE=0
exec "$(dirname "$0")/people.t" "$@"
