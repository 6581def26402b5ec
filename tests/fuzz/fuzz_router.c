/*
 * fuzz_router.c -- router_match (src/http/router.c) against the real route
 * table, app_routes, on arbitrary paths.
 *
 * The first byte picks the method, the rest (up to a NUL) is the path.  The
 * answer is compared with a plain reference matcher written here segment by
 * segment: the same route, the same captures, the same 405 verdict.  A
 * wrong answer here is an access-control bug, so it aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/arena.h"
#include "http/http_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reference: pattern and path split on '/', "{x}" matches one non-empty
 * segment.  Captures into caps (up to 4); their count in *ncap. */
static int
ref_match(const char *pat, const char *path, const char *caps[4], size_t capn[4], int *ncap)
{
	*ncap = 0;
	for (;;) {
		const char *pe = strchr(pat, '/'), *se = strchr(path, '/');
		size_t pl = pe ? (size_t)(pe - pat) : strlen(pat);
		size_t sl = se ? (size_t)(se - path) : strlen(path);

		if (pl > 1 && pat[0] == '{' && pat[pl - 1] == '}') {
			if (sl == 0 || *ncap >= 4)
				return 0;
			caps[*ncap] = path;
			capn[(*ncap)++] = sl;
		} else if (pl != sl || memcmp(pat, path, pl) != 0) {
			return 0;
		}
		if (!pe || !se)
			return !pe && !se;
		pat = pe + 1;
		path = se + 1;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct req r;
	const struct route *got, *want = NULL, *rt;
	const char *caps[4], *wcaps[4] = {0};
	size_t capn[4], wcapn[4] = {0};
	int other = -1, want_other = 0, ncap, wncap = 0, i;
	enum http_method m;

	if (size < 1)
		return 0;
	memset(&r, 0, sizeof r);
	r.a = arena_new();
	r.method = (enum http_method)(data[0] % HM__MAX);
	r.path = arena_strndup(r.a, (const char *)data + 1, size - 1);
	got = router_match(app_routes, &r, &other);

	m = r.method == HM_HEAD ? HM_GET : r.method;
	for (rt = app_routes; rt->fn; rt++) {
		int hit = ref_match(rt->pattern, r.path, caps, capn, &ncap);

		if (!hit && (rt->flags & RF_TWIN) && strncmp(r.path, "/api/v1/", 8) == 0)
			hit = ref_match(rt->pattern, r.path + 7, caps, capn, &ncap);
		if (!hit)
			continue;
		if (rt->method == m) {
			want = rt;
			memcpy(wcaps, caps, sizeof caps);
			memcpy(wcapn, capn, sizeof capn);
			wncap = ncap;
			break;
		}
		want_other = 1;
	}
	if (got != want)
		abort();
	if (!got && (other != 0) != want_other)
		abort();
	if (other < 0 || other >= 1 << HM__MAX)	/* a mask of methods */
		abort();
	if (got) {
		if (got->method != m)
			abort();
		if ((got->flags & RF_API) && strncmp(r.path, "/api/v1/", 8) != 0)
			abort();
		for (i = 0; i < wncap; i++) {
			if (!r.params[i] || strlen(r.params[i]) != wcapn[i] ||
			    memcmp(r.params[i], wcaps[i], wcapn[i]) != 0 ||
			    strchr(r.params[i], '/'))
				abort();
		}
	}
	arena_free(r.a);
	return 0;
}
