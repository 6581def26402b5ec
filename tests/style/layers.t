#!/bin/sh
# layers.t -- the includes of src/ keep to the layers of tools/layers.tab
# (tools/check-layers), and the check itself refuses what it must: each
# forbidden include below, added to a copy of src/, fails it with the file
# and line named (TAP).
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d "${TMPDIR:-/tmp}/whatson-layers.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
echo "1..7"
n=1
if out=$(tools/check-layers src 2>&1); then
	echo "ok $n - the includes of src/ keep to tools/layers.tab"
else
	echo "not ok $n - the includes of src/ break tools/layers.tab"
	echo "$out" | sed 's/^/# /'
fi

# refused FILE INCLUDE WHY: a copy of src/ with INCLUDE added after the
# first line of FILE must fail, naming FILE:2.
refused() {
	n=$((n + 1))
	rm -rf "$tmp/src"
	cp -R src "$tmp/src" || { echo "not ok $n - could not copy src/"; return; }
	sed -i "1a $2" "$tmp/src/$1"
	if out=$(tools/check-layers "$tmp/src" 2>&1); then
		echo "not ok $n - $3: $2 in $1 was let through"
	elif echo "$out" | grep -q "^$tmp/src/$1:2: "; then
		echo "ok $n - $3: refused, naming $1:2"
	else
		echo "not ok $n - $3: failed without naming $1:2"
		echo "$out" | sed 's/^/# /'
	fi
}
refused http/router.c '#include "app/app.h"' "http never includes app"
refused views/view.c '#include "http/http.h"' "views knows only core"
refused app/directory/search.c '#include "app/orgs/orgs_int.h"' \
    "a *_int.h is private to its folder"
refused app/pages/pages.c '#include <microhttpd.h>' "microhttpd.h only in src/http"
refused core/util.c '#include "db/db.h"' "core knows nothing else"
refused main.c '#include "http/http_int.h"' "main.c uses no *_int.h"
