#!/bin/sh
# docs/openapi.yaml is valid OpenAPI and passes the recommended lint (TAP).
cd "$(dirname "$0")"
out=$(./node_modules/.bin/redocly lint ../../docs/openapi.yaml --config redocly.yaml --format=stylish 2>&1)
rc=$?
if [ "$rc" -eq 0 ]; then
	echo "ok 1 - docs/openapi.yaml lints clean"
else
	echo "not ok 1 - docs/openapi.yaml lint"
	echo "$out" | tail -n 40 | sed 's/^/# /'
	exit 1
fi
