#!/usr/bin/env bash
# private_checkout.t -- the test suite works from a checkout that user
# "postgres" cannot reach: a clone in a mode-0700 directory, as under /root
# on a fresh machine.  The clone starts the throw-away PostgreSQL the way
# tests/run does (tests/lib/pg.sh) and asks it a question (TAP).
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
tmp=$(mktemp -d "${TMPDIR:-/tmp}/whatson-private.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
chmod 0700 "$tmp"
echo "1..2"
if git clone -q --no-hardlinks "$ROOT" "$tmp/whatson" 2>"$tmp/clone.log" &&
    cp tests/lib/pg.sh "$tmp/whatson/tests/lib/pg.sh"; then	# the working tree's
	echo "ok 1 - cloned into a 0700 directory"
else
	echo "not ok 1 - clone: $(tr '\n' ' ' <"$tmp/clone.log")"
	exit 1
fi
out=$(cd "$tmp/whatson" && LOGS="$tmp" bash -c '
	. tests/lib/pg.sh
	pg_start || { echo "pg_start failed: $(tail -n 5 "$LOGS/pg.log" | tr "\n" " ")"; exit 1; }
	trap pg_stop EXIT
	case $PG_DIR in "$PWD"/*) echo "the cluster is inside the checkout: $PG_DIR"; exit 1;; esac
	"$(pg_bin)/psql" -Atqc "SELECT 40 + 2" "$PG_URL"' 2>&1)
if [ "$out" = "42" ]; then
	echo "ok 2 - PostgreSQL starts and answers from a private checkout"
else
	echo "not ok 2 - PostgreSQL from a private checkout: $out"
	exit 1
fi
