#!/bin/sh
# tests/docs/api.t -- the checks of tests/docs/check-api.js, and that they can
# fail (TAP).
#
#  1. docs/openapi.yaml describes every route of src/app/routes.c that answers
#     JSON, and no /api path that no route serves;
#  2-3. answers that fit the description pass, HEAD, 404 and 405 included;
#  4-13. answers that do not fit fail, each with the path, status and why;
#  14-16. a route table with undescribed JSON routes, a description with a
#     path no route serves, and a row the check cannot read all fail.
# tests/http/run.t runs the same check on every answer the HTTP tests get.
cd "$(dirname "$0")" || exit 1
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); failed=1; echo "not ok $n - $1"; }
# expect OUTPUT TEXT NAME: OUTPUT has the line or comment TEXT.
expect() {
	if printf '%s\n' "$1" | grep -qF -- "$2"; then
		ok "$3"
	else
		fail "$3"
		printf '%s\n' "$1" | sed 's/^/# /' | head -n 30
	fi
}
if ! command -v node >/dev/null || [ ! -d node_modules/ajv ] || [ ! -d node_modules/yaml ]; then
	echo "not ok 1 - node or tests/docs/node_modules missing (make test-deps)"
	exit 1
fi
check() { node check-api.js "$@" 2>&1; }

out=$(check --routes ../../src/app/routes.c); rc=$?
if [ "$rc" -eq 0 ]; then
	ok "docs/openapi.yaml describes the JSON routes of src/app/routes.c, and only those"
else
	fail "docs/openapi.yaml and src/app/routes.c disagree"
	printf '%s\n' "$out" | grep -v '^ok' | sed 's/^/# /'
fi

out=$(check --label fixture fixtures/good.api.jsonl); rc=$?
if [ "$rc" -eq 0 ] && ! printf '%s\n' "$out" | grep -q '^not ok'; then
	ok "answers that fit the description pass (exit 0)"
else
	fail "answers that fit the description pass (exit $rc)"
	printf '%s\n' "$out" | sed 's/^/# /'
fi
expect "$out" "ok - fixture: openapi: PUT /api/v1/me 405 (1 answer)" \
	"a method the description does not list may answer 405 problem+json"

out=$(check --label fixture fixtures/bad.api.jsonl); rc=$?
if [ "$rc" -eq 1 ]; then ok "answers that do not fit fail (exit 1)"; else fail "answers that do not fit fail (exit $rc, want 1)"; fi
expect "$out" 'not ok - fixture: openapi: GET /api/v1/me 200: body/role: must be equal to one of the allowed values' \
	"a value outside the schema's enum fails, naming the path, status and field"
expect "$out" '  body/created_at: must match format "date-time", got "yesterday"' \
	"a date that is not RFC 3339 fails"
expect "$out" 'not ok - fixture: openapi: GET /api/v1/me 418: status 418 is not listed for get /api/v1/me' \
	"a status the description does not list fails"
expect "$out" 'not ok - fixture: openapi: GET /api/v1/nowhere 200: no path in docs/openapi.yaml matches /api/v1/nowhere' \
	"a path the description does not have fails"
expect "$out" 'not ok - fixture: openapi: DELETE /api/v1/session 204: status 204 has no content in docs/openapi.yaml but the answer has a application/json body' \
	"a JSON body where the description lists none fails"
expect "$out" 'not ok - fixture: openapi: GET /api/v1/organizations/{id} 404: Content-Type text/html; charset=utf-8 is not listed' \
	"an error that is not problem+json fails"
expect "$out" 'not ok - fixture: openapi: POST /api/v1/session 422: body/title: is required but missing' \
	"a problem without its required members fails"
expect "$out" 'not ok - fixture: openapi: GET /api/v1/organizations/{id} 200: the body is not JSON' \
	"a body that is not JSON fails"
expect "$out" 'not ok - fixture: openapi: GET /api/v1/staff 200: the body is not UTF-8 text' \
	"a body that is not UTF-8 fails"

out=$(check --spec fixtures/spec.yaml --routes fixtures/routes.c); rc=$?
expect "$out" 'not ok - openapi: GET /api/v1/staff/nowhere/{id} (tests/docs/fixtures/routes.c:6) is not in tests/docs/fixtures/spec.yaml' \
	"a page's JSON twin missing from the description fails, naming the route table's line"
expect "$out" 'not ok - openapi: GET /api/v1/stale is in tests/docs/fixtures/spec.yaml but no row of tests/docs/fixtures/routes.c serves it' \
	"a described /api path that no route serves fails"
out=$(check --spec fixtures/spec.yaml --routes fixtures/routes-unreadable.c); rc=$?
if [ "$rc" -ne 0 ] && printf '%s\n' "$out" | grep -qF 'a route row this check cannot read: ROUTE_MACRO'; then
	ok "a route row the check cannot read fails rather than being skipped"
else
	fail "a route row the check cannot read fails rather than being skipped (exit $rc)"
	printf '%s\n' "$out" | sed 's/^/# /'
fi
echo "1..$n"
exit "$failed"
