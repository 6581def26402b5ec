# tests/cli/lib.sh -- what the seed scripts (tests/cli/seed_*.t) share,
# sourced with the script's short name:  . "$HERE/lib.sh" NAME
# It sets ROOT, W (the binary), tmp (a private directory, removed at exit,
# also LOGS for pg.sh), SERVER (the pid a script's server runs as), and
# gives stop_server, ok (TAP), free_port, json, get, token, and pg.sh's
# pg_start/pg_stop.
#
#   WHATSON_BIN  the binary (default: $ROOT/${B:-build}/san/whatson)
ROOT=${ROOT:-$(cd "$HERE/../.." && pwd)}
W=${WHATSON_BIN:-$ROOT/${B:-build}/san/whatson}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/whatson-cli-${1:-seed}.XXXXXX")
LOGS=$tmp
SERVER=
# shellcheck source=../lib/pg.sh
. "$ROOT/tests/lib/pg.sh"
stop_server() {
	[ -n "$SERVER" ] || return 0
	kill -TERM "$SERVER" 2>/dev/null
	wait "$SERVER" 2>/dev/null
	SERVER=
}
trap 'stop_server; rm -rf "$tmp"' EXIT
n=0
ok() {	# ok CONDITION-STATUS DESCRIPTION [DIAGNOSTIC-FILE]
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else
		echo "not ok $n - $2"
		[ -n "${3:-}" ] && [ -f "$3" ] && sed 's/^/#   /' "$3" | head -20
	fi
}
[ -x "$W" ] || { echo "Bail out! no $W"; exit 1; }
command -v python3 >/dev/null || { echo "Bail out! no python3"; exit 1; }

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}
# json FILE EXPR: EXPR of the JSON document in FILE as d (python).
json() {
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2" 2>/dev/null
}
# get NAME PATH [CURL ARGS...]: the answer of GET PATH as staff into $tmp/NAME.json.
get() {
	local name=$1 path=$2; shift 2
	curl -s -G -H "Authorization: Bearer $TOKEN" "$@" "$BASE$path" >"$tmp/$name.json"
}
# token EMAIL PASSWORD: a bearer token.
token() {
	curl -s -H 'Content-Type: application/json' -d "{\"email\":\"$1\",\"password\":\"$2\"}" \
	    "$BASE/api/v1/session" | sed -n 's/.*"token":"\([0-9a-f]*\)".*/\1/p'
}
# serve BACKEND: `whatson serve` on a free port (its log $tmp/BACKEND.serve.log,
# mail into $tmp/mail), its pid in SERVER and its address in BASE; returns
# once it answers /healthz (or has died: the sign-in test then says so).
serve() {
	local i port
	port=$(free_port)
	BASE="http://127.0.0.1:$port"
	"$W" serve --quiet --listen "127.0.0.1:$port" --mail-dir "$tmp/mail" >"$tmp/$1.serve.log" 2>&1 &
	SERVER=$!
	for i in $(seq 600); do
		curl -s -o /dev/null "$BASE/healthz" && break
		kill -0 "$SERVER" 2>/dev/null || break
		sleep 0.1
	done
}
# both NAME: the script's `check BACKEND URL` on SQLite and, when
# WHATSON_TEST_PG is set, on a fresh PostgreSQL database NAME_<pid> (dropped
# after); then the TAP plan.
both() {
	local url host port
	check sqlite "sqlite:$tmp/w.db"
	if [ -n "${WHATSON_TEST_PG:-}" ]; then
		url=${WHATSON_TEST_PG%/*}/$1_$$
		host=$(echo "$url" | sed 's|.*@\([^:]*\):.*|\1|')
		port=$(echo "$url" | sed 's|.*:\([0-9]*\)/.*|\1|')
		pg_as "$(pg_bin)/createdb" -h "$host" -p "$port" -U whatson "$1_$$" \
		    >"$tmp/createdb.log" 2>&1
		ok $? "postgresql: a fresh database" "$tmp/createdb.log"
		check postgresql "$url"
		pg_as "$(pg_bin)/dropdb" -h "$host" -p "$port" -U whatson "$1_$$" >/dev/null 2>&1
	else
		echo "ok $((n + 1)) # SKIP postgresql: WHATSON_TEST_PG is not set"
		n=$((n + 1))
	fi
	echo "1..$n"
}
