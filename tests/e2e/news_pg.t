#!/usr/bin/env bash
# news_pg.t -- news.js as news.t runs it, on PostgreSQL: a fresh database in
# the cluster tests/run started (or one of its own when run alone).  No
# accessibility pass: news.t checks the same pages' markup on SQLite.
# Screenshots and logs in tests/e2e/out/pg/.
export E2E_SCRIPT=news.js E2E_BACKEND=pg E2E_AXE=0
exec "$(dirname "$0")/news.t" "$@"
