#!/usr/bin/env bash
# tests/http/run.t -- runs every built tests/http/*_test program twice: on a
# fresh SQLite file and on a fresh PostgreSQL database (TAP).
#
# Each program starts its own whatson server and SMTP sink (tests/lib/testsrv.c)
# on the database in WHATSON_TEST_DB.  TAP names get the backend in front
# ("ok 3 - sqlite: accounts: test_csrf").  Every JSON answer the programs
# get is logged (WHATSON_TEST_API_LOG, tests/lib/testsrv.c) and then checked
# against docs/openapi.yaml by tests/docs/check-api.js, one TAP line for each
# method, path and status ("ok - pg: openapi: GET /api/v1/me 200 (12 answers)").  PostgreSQL comes from tests/run,
# which exports WHATSON_TEST_PG, PG_URL and PG_PORT; without it the PostgreSQL
# half is one failure.  Exits non-zero when anything failed.
#
#   B=build-http tests/http/run.t           # the binaries under build-http/
#   WHATSON_TEST_ONLY='test_csrf' ...       # one test of each program (cmocka filter)
set -u
cd "$(dirname "$0")/../.."
ROOT=$PWD
B=${B:-build}
export WHATSON_BIN=${WHATSON_BIN:-$ROOT/$B/san/whatson}
export CMOCKA_MESSAGE_OUTPUT=TAP
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/tests/lsan.supp:print_suppressions=0}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/whatson-http-run.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failed=0

bins=()
for t in "$B"/tests/http/*_test; do
	[ -x "$t" ] && bins+=("$t")
done
if [ "${#bins[@]}" -eq 0 ]; then
	echo "not ok - no tests/http programs under $B/tests/http (make $B/tests/http/...)"
	exit 1
fi
if [ ! -x "$WHATSON_BIN" ]; then
	echo "not ok - $WHATSON_BIN is not built"
	exit 1
fi

# run BACKEND DB_URL PROGRAM: runs it into $tmp/BACKEND-NAME.{out,rc}.
run() {
	local backend=$1 url=$2 bin=$3 name TIMEFORMAT
	name=$(basename "$bin" _test)
	# bash's time: wall and CPU seconds, its server and tools included
	TIMEFORMAT='%R %U %S'
	{ time WHATSON_TEST_DB=$url WHATSON_TEST_API_LOG="$tmp/$backend-$name.api.jsonl" \
		timeout 600 "$bin" >"$tmp/$backend-$name.out" 2>&1; } 2>"$tmp/$backend-$name.time"
	echo $? >"$tmp/$backend-$name.rc"
}

# report BACKEND PROGRAM: its TAP lines, named after backend and program.
report() {
	local backend=$1 name rc
	name=$(basename "$2" _test)
	rc=$(cat "$tmp/$backend-$name.rc" 2>/dev/null || echo 1)
	# how long it ran, against the 600 s limit: a program nearing it is split
	echo "# $backend: $name: $(awk 'NF == 3 { printf "%.0f s of 600, %.0f s CPU", $1, $2 + $3 }' \
		"$tmp/$backend-$name.time" 2>/dev/null)"
	sed -E -e "s/^(ok|not ok) ([0-9]+) - /\1 \2 - $backend: $name: /" \
		-e 's/^([0-9]+\.\.[0-9]+)$/# \1/' "$tmp/$backend-$name.out" 2>/dev/null
	if [ "$rc" -ne 0 ]; then
		failed=1
		if ! grep -qE '^not ok ' "$tmp/$backend-$name.out" 2>/dev/null; then
			echo "not ok - $backend: $name exited $rc"
		fi
	fi
}

# Every program runs on each backend, JOBS at a time: the tests mostly wait
# (on argon2id hashes, mail, timeouts), and each has its own server, sink,
# database and addresses.  The longest programs start first.  Five at a
# time: with three, a make check on 2 cores used 64% of their CPU time,
# with four 59% (14 min 23 s, the HTTP programs its longest part).
JOBS=${WHATSON_HTTP_JOBS:-5}
launch() {
	while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
	"$@" &
}
# run_pg PROGRAM: a fresh database for it, the run, the database dropped.
run_pg() {
	local bin=$1 db url
	db="whatson_http_$(basename "$bin" _test)_$$"
	if url=$(pg_newdb "$db" 2>"$tmp/pg-$db.err"); then
		run pg "$url" "$bin"
		pg_as "$(pg_bin)/dropdb" --if-exists -h 127.0.0.1 -p "$PG_PORT" \
			-U whatson "$db" >/dev/null 2>&1
	else
		echo "could not create database $db: $(tr '\n' ' ' <"$tmp/pg-$db.err")" \
			>"$tmp/pg-$(basename "$bin" _test).out"
		echo 1 >"$tmp/pg-$(basename "$bin" _test).rc"
	fi
}

# check_api BACKEND: the JSON answers its programs got, against docs/openapi.yaml.
check_api() {
	local backend=$1 logs=()
	for f in "$tmp/$backend"-*.api.jsonl; do
		[ -f "$f" ] && logs+=("$f")
	done
	if [ "${#logs[@]}" -eq 0 ] && [ -n "${WHATSON_TEST_ONLY:-}" ]; then
		echo "# $backend: openapi: no JSON answers in this filtered run"
		return
	fi
	if ! command -v node >/dev/null || [ ! -d tests/docs/node_modules/ajv ]; then
		echo "not ok - $backend: openapi: node or tests/docs/node_modules missing (make test-deps)"
		failed=1
		return
	fi
	if [ "${#logs[@]}" -eq 0 ]; then
		logs=("$tmp/$backend-none.api.jsonl")	# the check says nothing was logged
	fi
	node tests/docs/check-api.js --label "$backend" "${logs[@]}" || failed=1
}

pg_ok=0
if [ -z "${WHATSON_TEST_PG:-}" ]; then
	pg_msg="PostgreSQL not available (WHATSON_TEST_PG is not set; tests/run sets it)"
else
	# shellcheck source=tests/lib/pg.sh
	. "$ROOT/tests/lib/pg.sh"
	PG_PORT=${PG_PORT:-$(sed -E 's#^.*:([0-9]+)/[^/]*$#\1#' <<<"$WHATSON_TEST_PG")}
	export PG_PORT
	pg_ok=1
fi
# by size of source, largest first: a fair guess at which runs longest (a
# source that is another one built again, as walk_test.c, counts as that one)
src_size() {
	local c=$1 inc
	inc=$(sed -nE 's/^#include "([a-z_]+\.c)"$/\1/p' "$c" 2>/dev/null | head -1)
	[ -n "$inc" ] && c="tests/http/$inc"
	wc -c <"$c" 2>/dev/null || echo 0
}
mapfile -t order < <(for bin in "${bins[@]}"; do
	echo "$(src_size "tests/http/$(basename "$bin").c") $bin"
done | sort -rn | cut -d' ' -f2-)
for bin in "${order[@]}"; do
	launch run sqlite "sqlite:$tmp/$(basename "$bin").db" "$bin"
	[ "$pg_ok" -eq 1 ] && launch run_pg "$bin"
done
wait

for bin in "${bins[@]}"; do
	report sqlite "$bin"
done
check_api sqlite
if [ "$pg_ok" -eq 1 ]; then
	for bin in "${bins[@]}"; do
		report pg "$bin"
	done
	check_api pg
else
	echo "not ok - $pg_msg"
	failed=1
fi
exit "$failed"
