# tests/lib/pg.sh -- a throw-away PostgreSQL cluster for tests (sourced).
#
# pg_start [DIR] initdb + pg_ctl in DIR on a free loopback port; sets PG_URL.
#                Without DIR, in a new private directory under $TMPDIR (or /tmp):
#                never inside the checkout, which user "postgres" may not reach
#                (a clone under /root is mode 0700).
# pg_stop        stops it and removes DIR.
# initdb refuses to run as root, so as root the cluster runs as user "postgres"
# (created by Debian's postgresql package) through runuser, in a directory
# that user owns.

PG_DIR=""
pg_bin() {
	local d
	for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return 0; }; done
	return 1
}
pg_as() {
	if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
pg_start() {
	local bin port
	bin=$(pg_bin) || { echo "initdb not found" >"$LOGS/pg.log"; return 1; }
	if [ -n "${1:-}" ]; then
		PG_DIR=$1
		rm -rf "$PG_DIR"; mkdir -p "$PG_DIR"
	else
		PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/whatson-pg.XXXXXX") || return 1
	fi
	[ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	pg_as "$bin/initdb" -D "$PG_DIR/data" -U whatson --auth=trust -E UTF8 --locale=C.UTF-8 >"$LOGS/pg.log" 2>&1 || return 1
	pg_as "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
		-o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >>"$LOGS/pg.log" 2>&1 || return 1
	pg_as "$bin/createdb" -h 127.0.0.1 -p "$port" -U whatson whatson_test >>"$LOGS/pg.log" 2>&1 || return 1
	PG_URL="postgresql://whatson@127.0.0.1:$port/whatson_test"
	PG_PORT=$port
	export PG_URL PG_PORT
}
pg_stop() {
	local bin
	[ -n "$PG_DIR" ] || return 0
	bin=$(pg_bin) || return 0
	pg_as "$bin/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1
	rm -rf "$PG_DIR"; PG_DIR=""
}
# pg_newdb NAME: a fresh database in the running cluster; prints its URL.
pg_newdb() {
	local bin; bin=$(pg_bin) || return 1
	pg_as "$bin/dropdb" --if-exists -h 127.0.0.1 -p "$PG_PORT" -U whatson "$1" >/dev/null 2>&1
	pg_as "$bin/createdb" -h 127.0.0.1 -p "$PG_PORT" -U whatson "$1" || return 1
	echo "postgresql://whatson@127.0.0.1:$PG_PORT/$1"
}
