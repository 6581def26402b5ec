#!/usr/bin/env bash
# diff.t -- differential test of our Mustache engine against mustache.js.
#
# gen.js renders 500 generated templates with mustache.js and with
# $B/tests/tools/mustache_render (B defaults to build) and prints TAP (one line per batch of 50).
# mustache.js comes from npm, installed here on first use (node_modules/ is
# not committed).  ROOT is the repository root (tests/run sets it).
set -u
cd "$(dirname "$0")" || exit 1
ROOT=${ROOT:-$(cd ../.. && pwd)}
export ROOT

if ! command -v node >/dev/null 2>&1; then
	echo "1..1"
	echo "not ok 1 - node is not installed"
	exit 1
fi
if [ ! -d node_modules/mustache ]; then
	if ! log=$(npm install --no-audit --no-fund 2>&1); then
		echo "1..1"
		echo "not ok 1 - npm install of mustache.js failed"
		printf '%s\n' "$log" | tail -n 20 | sed 's/^/# /'
		exit 1
	fi
fi
exec node gen.js
