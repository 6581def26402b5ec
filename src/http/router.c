/*
 * router.c -- matches a request against the route table.
 *
 * Patterns are literal segments and {captures}; a capture matches one
 * non-empty segment, or the non-empty start of one when literal text
 * follows it in the segment ("/calendar/{token}.ics": the segment must
 * end in ".ics", which the capture leaves out).  Where several rows of a
 * method match, the one with the fewest captures wins, so "/events/
 * calendar.ics" is not taken by "/events/{id}" whatever their order in
 * the table.  GET pages flagged RF_TWIN are also served at /api/v1<path>
 * as JSON.  The table is small; a linear scan is fast enough and keeps
 * the table the single source of truth.
 */
#include <string.h>

#include "http/http_int.h"

/* Matches path against pattern; fills caps (up to 4) and their number
 * into *ncaps.  1 on match. */
static int
match(const char *pat, const char *path, struct req *r, int *ncaps)
{
	int ncap = 0;

	while (*pat && *path) {
		if (*pat == '{') {
			const char *end = strchr(path, '/');
			const char *close = strchr(pat, '}'), *tail, *tail_end;
			size_t n = end ? (size_t)(end - path) : strlen(path), tn;

			if (!close || ncap >= 4)
				return 0;
			/* literal text after the capture, up to the segment's end */
			tail = close + 1;
			tail_end = strchr(tail, '/');
			tn = tail_end ? (size_t)(tail_end - tail) : strlen(tail);
			if (memchr(tail, '{', tn) || n <= tn ||
			    memcmp(path + n - tn, tail, tn) != 0)
				return 0;
			r->params[ncap++] = arena_strndup(r->a, path, n - tn);
			path += n;
			pat = tail + tn;
			continue;
		}
		if (*pat != *path)
			return 0;
		pat++;
		path++;
	}
	*ncaps = ncap;
	return *pat == '\0' && *path == '\0';
}

const struct route *
router_match(const struct route *table, struct req *r, int *other_method)
{
	const struct route *rt, *best = NULL;
	const char *twin = NULL;
	enum http_method m = r->method == HM_HEAD ? HM_GET : r->method;
	int best_caps = 5, best_twin = 0, ncaps = 0;

	*other_method = 0;
	if (strncmp(r->path, "/api/v1/", 8) == 0)
		twin = r->path + 7;	/* keeps the leading '/' */
	for (rt = table; rt->fn; rt++) {
		int hit = 0, as_twin = 0;

		if (match(rt->pattern, r->path, r, &ncaps))
			hit = 1;
		else if (twin && (rt->flags & RF_TWIN) && match(rt->pattern, twin, r, &ncaps))
			hit = as_twin = 1;
		if (!hit)
			continue;
		if (rt->method == m) {
			if (ncaps < best_caps) {
				best = rt;
				best_caps = ncaps;
				best_twin = as_twin;
			}
			continue;
		}
		*other_method |= 1 << rt->method;
		if (rt->method == HM_GET)
			*other_method |= 1 << HM_HEAD;
	}
	if (!best)
		return NULL;
	/* the captures of the row chosen, not of the last row tried */
	if (best_caps > 0)
		(void)match(best->pattern, best_twin ? twin : r->path, r, &ncaps);
	*other_method = 0;
	return best;
}
