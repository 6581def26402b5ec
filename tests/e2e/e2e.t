#!/usr/bin/env bash
# e2e.t -- WhatsOn in a real browser: playwright-core drives Debian's chromium
# with JavaScript off through sign-up, mail confirmation, sign-in, form errors,
# French and the admin pages (e2e.js).  Prints TAP.  membership.t runs
# membership.js the same way (E2E_SCRIPT).
#
# It starts its own SMTP sink (aiosmtpd writing a Maildir) and its own server
# on free loopback ports with a fresh database (SQLite, or PostgreSQL with
# E2E_BACKEND=pg: each SCRIPT_pg.t) seeded with the demo accounts, and
# stops both on exit.  Screenshots go to tests/e2e/out/NAME.png,
# with the server's and the sink's logs (out/server.log, out/sink.log; for
# another script, out/SCRIPT-server.log and out/SCRIPT-sink.log).
#
#   ROOT         repository root (default: two levels up from here)
#   WHATSON_BIN  the binary to test (default: $ROOT/${B:-build}/san/whatson)
#   CHROMIUM     the browser (default: /usr/bin/chromium)
#   E2E_SCRIPT   the browser script, in this directory (default: e2e.js)
#   E2E_BACKEND  sqlite (default: a file in the scratch directory) or pg: a
#                fresh database in the PostgreSQL that tests/run started
#                (PG_PORT), or in a cluster of its own when run alone; the
#                screenshots and logs then go to out/pg/
#   E2E_SEED     more arguments for `whatson seed --demo` (resources.t:
#                --resources 60, a library to search and to photograph)
#   E2E_IMPORT   a CSV file of organizations to `whatson import orgs` after
#                the seed (countries.t: a country's stakeholders)
#   E2E_AXE      0: no accessibility pass (lib.js); the PostgreSQL runs of
#                the scripts leave it to their SQLite runs, since the pages'
#                markup does not depend on the database
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
SCRIPT=${E2E_SCRIPT:-e2e.js}
case $SCRIPT in
e2e.js) LOGPFX= ;;
*) LOGPFX=${SCRIPT%.js}- ;;
esac
BACKEND=${E2E_BACKEND:-sqlite}
case $BACKEND in
sqlite) OUTDIR=$HERE/out ;;
pg) OUTDIR=$HERE/out/pg ;;
*) echo "Bail out! E2E_BACKEND is sqlite or pg, not $BACKEND"; exit 1 ;;
esac
ROOT=${ROOT:-$(cd "$HERE/../.." && pwd)}
WHATSON_BIN=${WHATSON_BIN:-$ROOT/${B:-build}/san/whatson}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
export ROOT WHATSON_BIN CHROMIUM

bail() { echo "Bail out! $*"; exit 1; }

[ -f "$HERE/$SCRIPT" ] || bail "no $HERE/$SCRIPT"
[ -x "$WHATSON_BIN" ] || bail "no $WHATSON_BIN (make B=... \$B/san/whatson)"
[ -x "$CHROMIUM" ] || bail "no $CHROMIUM (deps/debian-test.txt lists chromium)"
command -v node >/dev/null || bail "no node (deps/debian-test.txt lists nodejs)"
command -v curl >/dev/null || bail "no curl"
if [ ! -d "$HERE/node_modules/playwright-core" ]; then
	(cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1) ||
	    bail "npm ci failed in tests/e2e (tools/install-npm)"
fi
# The Debian package python3-aiosmtpd serves the Debian python; a python3
# found first on PATH (pyenv, venv) may not have it.
PY=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import aiosmtpd' 2>/dev/null; then PY=$p; break; fi
done
[ -n "$PY" ] || bail "no python3 with aiosmtpd (python3-aiosmtpd)"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/whatson-e2e.XXXXXX")
SINK_PID= SERVER_PID= NODE_PID= OWN_PG=
cleanup() {
	local p
	for p in $NODE_PID $SERVER_PID $SINK_PID; do
		kill "$p" 2>/dev/null
	done
	for p in $NODE_PID $SERVER_PID $SINK_PID; do
		wait "$p" 2>/dev/null
	done
	NODE_PID= SERVER_PID= SINK_PID=
	# kept for a look after a failure, next to the screenshots
	if [ -d "$OUTDIR" ]; then
		cp "$TMP/server.log" "$OUTDIR/${LOGPFX}server.log" 2>/dev/null
		cp "$TMP/sink.log" "$OUTDIR/${LOGPFX}sink.log" 2>/dev/null
	fi
	[ -n "$OWN_PG" ] && pg_stop
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Two free loopback ports (a tiny race, harmless on a test machine).
read -r PORT SINK_PORT < <("$PY" - <<'EOF'
import socket
ss = [socket.socket() for _ in range(2)]
for s in ss:
    s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in ss])
EOF
)
if [ "$BACKEND" = pg ]; then
	# shellcheck source=tests/lib/pg.sh
	. "$ROOT/tests/lib/pg.sh"
	LOGS=$TMP	# where pg_start writes pg.log
	if [ -z "${PG_PORT:-}" ]; then
		pg_start || { sed 's/^/# /' "$TMP/pg.log"; bail "could not start PostgreSQL"; }
		OWN_PG=1
	fi
	DB=$(pg_newdb "e2e_${SCRIPT%.js}") || bail "could not make a PostgreSQL database"
else
	DB="sqlite:$TMP/e2e.db"
fi
MAILDIR="$TMP/maildir"
BASE="http://localhost:$PORT"

# shellcheck disable=SC2086 # E2E_SEED is a list of arguments
if ! "$WHATSON_BIN" seed --demo --db "$DB" ${E2E_SEED:-} >"$TMP/seed.log" 2>&1; then
	sed 's/^/# /' "$TMP/seed.log"
	bail "whatson seed --demo failed"
fi
if [ -n "${E2E_IMPORT:-}" ] &&
    ! "$WHATSON_BIN" import orgs "$E2E_IMPORT" --db "$DB" >"$TMP/import.log" 2>&1; then
	sed 's/^/# /' "$TMP/import.log"
	bail "whatson import orgs $E2E_IMPORT failed"
fi

"$PY" -m aiosmtpd -n -l "127.0.0.1:$SINK_PORT" -c aiosmtpd.handlers.Mailbox "$MAILDIR" \
    >"$TMP/sink.log" 2>&1 &
SINK_PID=$!

"$WHATSON_BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" --base-url "$BASE" \
    --smtp "smtp://127.0.0.1:$SINK_PORT" --quiet >"$TMP/server.log" 2>&1 &
SERVER_PID=$!

up=
for _ in $(seq 1 100); do
	if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/healthz" 2>/dev/null; then up=1; break; fi
	kill -0 "$SERVER_PID" 2>/dev/null || break
	sleep 0.1
done
if [ -z "$up" ]; then
	sed 's/^/# server: /' "$TMP/server.log"
	bail "the server did not answer /healthz"
fi
for _ in $(seq 1 50); do	# the sink is up once its port takes connections
	(exec 3<>"/dev/tcp/127.0.0.1/$SINK_PORT") 2>/dev/null && break
	sleep 0.1
done

mkdir -p "$OUTDIR"
# TMPDIR: chromium's throw-away profile lands in $TMP and goes with it.
TMPDIR=$TMP E2E_BASE=$BASE E2E_MAILDIR=$MAILDIR E2E_OUT=$OUTDIR E2E_COUNT=$TMP/count \
    node "$HERE/$SCRIPT" &
NODE_PID=$!
wait "$NODE_PID"; node_rc=$?
NODE_PID=
n=$(cat "$TMP/count" 2>/dev/null || echo 0)

# The server must have lived through the run, and stop cleanly on SIGTERM
# with nothing from the sanitizers.
n=$((n + 1))
server_rc=0 gone=
if kill -0 "$SERVER_PID" 2>/dev/null; then
	kill -TERM "$SERVER_PID"
	for _ in $(seq 1 100); do
		kill -0 "$SERVER_PID" 2>/dev/null || break
		sleep 0.1
	done
else
	gone=1
fi
if kill -0 "$SERVER_PID" 2>/dev/null; then
	server_rc="still running 10 s after SIGTERM"
else
	wait "$SERVER_PID"; server_rc=$?
fi
SERVER_PID=
if [ -z "$gone" ] && [ "$server_rc" = 0 ] &&
    ! grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$TMP/server.log"; then
	echo "ok $n - server lives through the run, stops cleanly on SIGTERM, no sanitizer reports"
else
	echo "not ok $n - server lives through the run, stops cleanly on SIGTERM, no sanitizer reports"
	# exit 0 without our SIGTERM: another process sent it SIGTERM or SIGINT.
	[ -n "$gone" ] && echo "# the server had ended before the browser run was over"
	echo "# exit status: $server_rc"
	tail -n 60 "$TMP/server.log" | sed 's/^/# server: /'
	node_rc=1
fi
echo "1..$n"
exit "$node_rc"
