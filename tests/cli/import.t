#!/usr/bin/env bash
# tests/cli/import.t -- `whatson import orgs FILE.csv [--dry-run]` on a fresh
# SQLite database (TAP): export then import changes nothing; an edited cell
# is updated, not by a dry run; bad lines are reported by line number while
# good ones are written; semicolons, a byte-order mark, CRLF and quoted
# newlines; binary files refused; exit status 0, 1 (a row or the file
# refused), 2 (usage).
#
#   WHATSON_BIN  the binary (default: $ROOT/${B:-build}/san/whatson)
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=${ROOT:-$(cd "$HERE/../.." && pwd)}
W=${WHATSON_BIN:-$ROOT/${B:-build}/san/whatson}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/whatson-cli-import.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export WHATSON_DB="sqlite:$tmp/w.db"
n=0
ok() {	# ok CONDITION-STATUS DESCRIPTION [DIAGNOSTIC-FILE]
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else
		echo "not ok $n - $2"
		[ -n "${3:-}" ] && [ -f "$3" ] && sed 's/^/#   /' "$3" | head -20
	fi
}
run() {	# run NAME ARGS...: stdout, stderr and status into $tmp/NAME.{out,err,rc}
	local name=$1; shift
	"$W" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	echo $? >"$tmp/$name.rc"
}
rc() { cat "$tmp/$1.rc"; }

[ -x "$W" ] || { echo "Bail out! no $W"; exit 1; }
"$W" seed --demo --orgs 30 >/dev/null 2>"$tmp/seed.err" || { echo "Bail out! seed failed"; exit 1; }
"$W" export orgs >"$tmp/a.csv"

run same import orgs "$tmp/a.csv"
[ "$(rc same)" -eq 0 ] && grep -q '^0 created, 0 updated, 30 unchanged, 0 duplicates, 0 errors$' "$tmp/same.out"
ok $? "export then import: every row unchanged, exit 0" "$tmp/same.out"
[ "$(grep -c ': unchanged [0-9]*$' "$tmp/same.out")" -eq 30 ]
ok $? "a line of report per row"

first=$(sed -n 2p "$tmp/a.csv" | cut -d, -f2)
sed "2s/$first/$first Renamed/" "$tmp/a.csv" >"$tmp/b.csv"
run dry import orgs "$tmp/b.csv" --dry-run
[ "$(rc dry)" -eq 0 ] && grep -q '^line 2: updated 1 (name)$' "$tmp/dry.out" &&
    grep -q 'dry run: nothing written' "$tmp/dry.out"
ok $? "--dry-run reports the edited row as updated" "$tmp/dry.out"
! "$W" export orgs | grep -q "$first Renamed"
ok $? "--dry-run writes nothing"

run edit import orgs "$tmp/b.csv"
[ "$(rc edit)" -eq 0 ] && grep -q '^0 created, 1 updated, 29 unchanged' "$tmp/edit.out"
ok $? "the edited row is updated, the others unchanged" "$tmp/edit.out"
"$W" export orgs | grep -q "^1,$first Renamed,"
ok $? "export shows the edit"

printf 'name,kind,country,description,themes,contact_name,contact_email\n%s\n%s\n%s\n' \
    'Kestrel Audit Group,ngo,KE,Audits county budgets and publishes the findings.,corruption,Wanjiku,w@kestrel.test' \
    'Nowhere Group,ngo,XX,Claims a country that does not exist at all.,corruption,Nobody,n@nowhere.test' \
    'Osprey Legal Aid,ngo,UG,"Free legal aid for victims,' >"$tmp/c.csv"
printf '%s\n' 'in two lines.",victims_rights,Okello,o@osprey.test' >>"$tmp/c.csv"
run dry2 import orgs "$tmp/c.csv" --dry-run
[ "$(rc dry2)" -eq 1 ] && grep -q '^line 2: created$' "$tmp/dry2.out" &&
    grep -q '^line 3: error: country "XX": ' "$tmp/dry2.out" &&
    grep -q '^lines 4-5: created$' "$tmp/dry2.out"
ok $? "--dry-run of new rows: created without an id, the bad line by number, exit 1" "$tmp/dry2.out"
run bad import orgs "$tmp/c.csv"
[ "$(rc bad)" -eq 1 ] && grep -q '^line 2: created [0-9]*$' "$tmp/bad.out" &&
    grep -q '^lines 4-5: created [0-9]*$' "$tmp/bad.out" &&
    grep -q '1 rows have errors' "$tmp/bad.err"
ok $? "a bad line does not stop the good ones; exit 1 with a line on stderr" "$tmp/bad.out"
[ "$("$W" export orgs | grep -c 'Kestrel Audit Group\|Osprey Legal Aid')" -eq 2 ]
ok $? "the good rows are stored"
run again import orgs "$tmp/c.csv"
grep -q '^line 2: duplicate of [0-9]*: same name in the same country$' "$tmp/again.out"
ok $? "importing them again: duplicates of the stored rows" "$tmp/again.out"

printf '\xEF\xBB\xBFname;kind;country;description;themes;contact_name;contact_email\r\n%s\r\n' \
    'Heron Watch;ngo;TZ;"Watches fisheries; reports monthly, in public.";wildlife_crime;Asha;a@heron.test' \
    >"$tmp/d.csv"
run semi import orgs "$tmp/d.csv"
[ "$(rc semi)" -eq 0 ] && grep -q '^line 2: created' "$tmp/semi.out" &&
    "$W" export orgs | grep -q '"Watches fisheries; reports monthly, in public."'
ok $? "semicolons, a byte-order mark and CRLF" "$tmp/semi.out"

printf 'name,kind\n\x00\xff\xfe,ngo\n' >"$tmp/e.csv"
run bin import orgs "$tmp/e.csv"
[ "$(rc bin)" -eq 1 ] && grep -q 'UTF-8' "$tmp/bin.err"
ok $? "a binary file is refused, saying it is not UTF-8" "$tmp/bin.err"

run missing import orgs "$tmp/nothing.csv"
[ "$(rc missing)" -eq 1 ] && grep -q 'cannot open' "$tmp/missing.err"
ok $? "a missing file: exit 1" "$tmp/missing.err"
run usage import orgs
[ "$(rc usage)" -eq 2 ]
ok $? "no file: usage, exit 2"
run other import users "$tmp/a.csv"
[ "$(rc other)" -eq 1 ]
ok $? "import of something else: exit 1"

echo "1..$n"
