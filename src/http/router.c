/*
 * router.c -- matches a request against the route table.
 *
 * Patterns are literal segments and {captures}; a capture matches one
 * non-empty segment.  GET pages flagged RF_TWIN are also served at
 * /api/v1<path> as JSON.  The table is small; a linear scan is fast enough
 * and keeps the table the single source of truth.
 */
#include <string.h>

#include "http/http_int.h"

/* Matches path against pattern; fills caps (up to 4).  1 on match. */
static int
match(const char *pat, const char *path, struct req *r)
{
	int ncap = 0;

	while (*pat && *path) {
		if (*pat == '{') {
			const char *end = strchr(path, '/');
			size_t n = end ? (size_t)(end - path) : strlen(path);

			if (n == 0 || ncap >= 4)
				return 0;
			r->params[ncap++] = arena_strndup(r->a, path, n);
			path += n;
			pat = strchr(pat, '}');
			if (!pat)
				return 0;
			pat++;
			continue;
		}
		if (*pat != *path)
			return 0;
		pat++;
		path++;
	}
	return *pat == '\0' && *path == '\0';
}

const struct route *
router_match(const struct route *table, struct req *r, int *other_method)
{
	const struct route *rt;
	const char *twin = NULL;
	enum http_method m = r->method == HM_HEAD ? HM_GET : r->method;

	*other_method = 0;
	if (strncmp(r->path, "/api/v1/", 8) == 0)
		twin = r->path + 7;	/* keeps the leading '/' */
	for (rt = table; rt->fn; rt++) {
		int hit = 0;

		if (match(rt->pattern, r->path, r))
			hit = 1;
		else if (twin && (rt->flags & RF_TWIN) && match(rt->pattern, twin, r))
			hit = 1;
		if (!hit)
			continue;
		if (rt->method == m)
			return rt;
		*other_method |= 1 << rt->method;
		if (rt->method == HM_GET)
			*other_method |= 1 << HM_HEAD;
	}
	return NULL;
}
