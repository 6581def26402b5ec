/*
 * testclock.c -- a clock the tests can move, in test builds only.
 *
 * The sanitizer build that tests/ runs is compiled with -DWHATSON_TEST_HOOKS;
 * there, POST /_test/clock?advance=SECONDS from a loopback address moves the
 * server's clock (now_s(), through util_clock_offset) forward, so tests of
 * session and token expiry, deadlines and back-off do not wait.  The answer
 * is the new time in seconds, as text.  Release builds compile none of it:
 * the path is then an ordinary 404.
 */
#include <stdio.h>
#include <string.h>

#include "core/util.h"
#include "http/http_int.h"

#ifdef WHATSON_TEST_HOOKS
int
http_test_clock(struct req *r, struct resp *w)
{
	const char *a = req_query(r, "advance");
	int64_t s;

	if (r->method != HM_POST || strcmp(r->path, "/_test/clock") != 0)
		return 0;
	w->ctype = "text/plain; charset=utf-8";
	if (strncmp(r->ip, "127.", 4) != 0 && strcmp(r->ip, "::1") != 0) {
		w->status = 403;
	} else if (!a || parse_int(a, 0, 10 * 365 * 86400, &s) != WS_OK) {
		w->status = 422;
	} else {
		util_clock_offset((time_t)s);
		w->status = 200;
	}
	if (buf_printf(&w->raw, "%lld\n", (long long)now_s()) != WS_OK)
		w->status = 500;
	return 1;
}
#else
int
http_test_clock(struct req *r, struct resp *w)
{
	(void)r;
	(void)w;
	return 0;
}
#endif
