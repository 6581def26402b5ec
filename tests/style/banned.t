#!/bin/sh
# The banned libc calls of STYLE.md, refused in src/ and tests/ (TAP).
cd "$(dirname "$0")/../.."
if out=$(tools/check-banned src tests tools 2>&1); then
	echo "ok 1 - no banned libc calls"
else
	echo "not ok 1 - banned libc calls"
	echo "$out" | sed 's/^/# /'
fi
