/*
 * http_test.c -- the pure parts of the HTTP layer: urlencoded form decoding
 * (form_parse), the router, the email and URL checks of declared input,
 * the in-memory rate limiter, and the Range and Content-Disposition
 * headers of downloads (object.c).
 *
 * What a user notices: a form field typed with spaces, accents or '=' comes
 * through as typed, a malformed or binary body is refused rather than stored,
 * each address reaches the right handler (or 405 when only the method is
 * wrong), a page's JSON twin answers under /api/v1, and repeated failed
 * sign-ins are slowed down for that address or account alone, until the
 * window has passed; a resumed download gets the bytes it asked for, and
 * a file's name cannot break out of its header.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "core/arena.h"
#include "core/util.h"
#include "http/form.h"
#include "http/http_int.h"
#include "http/ratelimit.h"

/* ---- form_parse --------------------------------------------------------- */

/* Parses s into a new object; *rc receives the result. */
static json_t *
parse(const char *s, enum ws_err *rc)
{
	json_t *o = json_object();

	*rc = form_parse(s, strlen(s), o);
	return o;
}

/* The value of name as a string, or NULL. */
static const char *
sval(json_t *o, const char *name)
{
	return json_string_value(json_object_get(o, name));
}

static void
test_form_simple(void **state)
{
	enum ws_err rc;
	json_t *o;

	(void)state;
	o = parse("email=ana%40example.org&name=Ana&empty=", &rc);
	assert_int_equal(rc, WS_OK);
	assert_int_equal(json_object_size(o), 3);
	assert_string_equal(sval(o, "email"), "ana@example.org");
	assert_string_equal(sval(o, "name"), "Ana");
	assert_string_equal(sval(o, "empty"), "");
	json_decref(o);

	o = parse("", &rc);			/* an empty body is an empty form */
	assert_int_equal(rc, WS_OK);
	assert_int_equal(json_object_size(o), 0);
	json_decref(o);
}

static void
test_form_repeated(void **state)
{
	enum ws_err rc;
	json_t *o, *a;

	(void)state;
	o = parse("tag=a&other=x&tag=b&tag=c", &rc);
	assert_int_equal(rc, WS_OK);
	a = json_object_get(o, "tag");
	assert_true(json_is_array(a));
	assert_int_equal(json_array_size(a), 3);
	assert_string_equal(json_string_value(json_array_get(a, 0)), "a");
	assert_string_equal(json_string_value(json_array_get(a, 1)), "b");
	assert_string_equal(json_string_value(json_array_get(a, 2)), "c");
	assert_string_equal(sval(o, "other"), "x");	/* single names stay strings */
	json_decref(o);

	o = parse("t=same&t=same", &rc);		/* equal values are kept both */
	assert_int_equal(rc, WS_OK);
	assert_int_equal(json_array_size(json_object_get(o, "t")), 2);
	json_decref(o);
}

static void
test_form_spaces_and_escapes(void **state)
{
	enum ws_err rc;
	json_t *o;

	(void)state;
	o = parse("q=hello+world%20again&plus=1%2B1&pct=100%25&"
	    "name=Ana+Mar%C3%ADa&lower=%c3%a9&multi=a%0D%0Ab%0Ac&tab=a%09b&"
	    "k%20ey=v&emoji=%F0%9F%98%80", &rc);
	assert_int_equal(rc, WS_OK);
	assert_string_equal(sval(o, "q"), "hello world again");
	assert_string_equal(sval(o, "plus"), "1+1");
	assert_string_equal(sval(o, "pct"), "100%");
	assert_string_equal(sval(o, "name"), "Ana Mar\xc3\xad" "a");
	assert_string_equal(sval(o, "lower"), "\xc3\xa9");
	assert_string_equal(sval(o, "multi"), "a\r\nb\nc");	/* text areas */
	assert_string_equal(sval(o, "tab"), "a\tb");
	assert_string_equal(sval(o, "k ey"), "v");
	assert_string_equal(sval(o, "emoji"), "\xf0\x9f\x98\x80");
	json_decref(o);
}

static void
test_form_bad_escapes(void **state)
{
	static const char *const bad[] = {
		"a=%zz", "a=%4", "a=%", "a=%g0", "a=%0g", "a=x%", "a=%%41",
		"%=x", "a%2=x", "ok=1&a=%4",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		enum ws_err rc;
		json_t *o = parse(bad[i], &rc);

		if (rc != WS_EINVAL)
			fail_msg("form_parse accepted \"%s\"", bad[i]);
		json_decref(o);
	}
}

/* Binary, NUL and invalid UTF-8 are refused: they would end up in pages,
 * mail and the database. */
static void
test_form_nul_and_utf8(void **state)
{
	static const char *const bad[] = {
		"a=%00", "a=x%00y", "%00=x", "k%00ey=v",
		"a=%C3%28", "a=%FF", "a=%C0%AF", "a=%ED%A0%80", "a=%F4%90%80%80",
		"a=%E2%82", "a=\xc3(", "\xff=x",
		"a=%01", "a=%1B%5B31m", "a=%7F",
		"line%0A=x",			/* names are one line */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		enum ws_err rc;
		json_t *o = parse(bad[i], &rc);

		if (rc != WS_EINVAL)
			fail_msg("form_parse accepted \"%s\"", bad[i]);
		json_decref(o);
	}
}

static void
test_form_shapes(void **state)
{
	enum ws_err rc;
	json_t *o;

	(void)state;
	o = parse("&&a=1&&&b=2&", &rc);			/* empty pairs are skipped */
	assert_int_equal(rc, WS_OK);
	assert_int_equal(json_object_size(o), 2);
	assert_string_equal(sval(o, "a"), "1");
	assert_string_equal(sval(o, "b"), "2");
	json_decref(o);

	o = parse("&", &rc);
	assert_int_equal(rc, WS_OK);
	assert_int_equal(json_object_size(o), 0);
	json_decref(o);

	o = parse("expr=a=b=c&eq==&b64=YWJj==", &rc);	/* '=' in values */
	assert_int_equal(rc, WS_OK);
	assert_string_equal(sval(o, "expr"), "a=b=c");
	assert_string_equal(sval(o, "eq"), "=");
	assert_string_equal(sval(o, "b64"), "YWJj==");
	json_decref(o);

	o = parse("flag", &rc);				/* no '=' at all */
	assert_int_equal(rc, WS_OK);
	assert_string_equal(sval(o, "flag"), "");
	json_decref(o);

	o = parse("remember&email=a%40b.c&x", &rc);
	assert_int_equal(rc, WS_OK);
	assert_string_equal(sval(o, "remember"), "");
	assert_string_equal(sval(o, "email"), "a@b.c");
	assert_string_equal(sval(o, "x"), "");
	json_decref(o);
}

/* Only the n bytes given are read: a body is not NUL-terminated. */
static void
test_form_length(void **state)
{
	json_t *o = json_object();
	const char body[] = "a=1&b=2%41";

	(void)state;
	assert_int_equal(form_parse(body, 3, o), WS_OK);
	assert_int_equal(json_object_size(o), 1);
	assert_string_equal(sval(o, "a"), "1");
	json_object_clear(o);
	/* a %XX cut by the length is malformed, not read past the end */
	assert_int_equal(form_parse(body, sizeof body - 2, o), WS_EINVAL);
	json_decref(o);
}

/* ---- router ------------------------------------------------------------- */

#define H(name) \
	static enum ws_err name(struct req *r, struct resp *w) { (void)r; (void)w; return WS_OK; }
H(h_home)
H(h_events)
H(h_event_new)
H(h_event)
H(h_event_delete)
H(h_talk)
H(h_signin)
H(h_me)
H(h_file)

#pragma GCC diagnostic ignored "-Wmissing-field-initializers"	/* no .query */
static const struct route table[] = {
	{HM_GET,    "/",                       h_home,         R_ALL,  CSRF_NONE,  RL_NONE, RF_TWIN},
	{HM_GET,    "/events",                 h_events,       R_ALL,  CSRF_NONE,  RL_NONE, RF_TWIN},
	{HM_POST,   "/events",                 h_event_new,    R_USER, CSRF_CHECK, RL_NONE, 0},
	{HM_GET,    "/events/{id}",            h_event,        R_ALL,  CSRF_NONE,  RL_NONE, RF_TWIN},
	{HM_DELETE, "/events/{id}",            h_event_delete, R_USER, CSRF_CHECK, RL_NONE, 0},
	{HM_GET,    "/events/{id}/talks/{t}",  h_talk,         R_ALL,  CSRF_NONE,  RL_NONE, 0},
	{HM_GET,    "/signin",                 h_signin,       R_ALL,  CSRF_NONE,  RL_NONE, 0},
	{HM_GET,    "/api/v1/me",              h_me,           R_USER, CSRF_NONE,  RL_NONE, RF_API},
	{HM_GET,    "/files/{name}",           h_file,         R_ALL,  CSRF_NONE,  RL_NONE, 0},
	{0, NULL, NULL, 0, 0, 0, 0},
};

struct match {
	const struct route *rt;
	int other;
	const char *p0, *p1;
};

static struct match
route(struct arena *a, enum http_method m, const char *path)
{
	struct req r;
	struct match out;

	memset(&r, 0, sizeof r);
	r.a = a;
	r.method = m;
	r.path = path;
	out.other = -1;
	out.rt = router_match(table, &r, &out.other);
	out.p0 = r.params[0];
	out.p1 = r.params[1];
	return out;
}

static void
test_router_literal_and_captures(void **state)
{
	struct arena *a = arena_new();
	struct match m;

	(void)state;
	m = route(a, HM_GET, "/");
	assert_ptr_equal(m.rt, &table[0]);
	m = route(a, HM_GET, "/events");
	assert_ptr_equal(m.rt->fn, h_events);
	assert_int_equal(m.other, 0);
	m = route(a, HM_POST, "/events");		/* same path, its own row */
	assert_ptr_equal(m.rt->fn, h_event_new);
	m = route(a, HM_GET, "/events/42");
	assert_ptr_equal(m.rt->fn, h_event);
	assert_string_equal(m.p0, "42");
	m = route(a, HM_DELETE, "/events/42");
	assert_ptr_equal(m.rt->fn, h_event_delete);
	assert_string_equal(m.p0, "42");
	m = route(a, HM_GET, "/events/spring-fair/talks/7");
	assert_ptr_equal(m.rt->fn, h_talk);
	assert_string_equal(m.p0, "spring-fair");
	assert_string_equal(m.p1, "7");
	m = route(a, HM_GET, "/files/site.css");
	assert_ptr_equal(m.rt->fn, h_file);
	assert_string_equal(m.p0, "site.css");
	arena_free(a);
}

static void
test_router_no_match(void **state)
{
	static const char *const miss[] = {
		"/nowhere", "/events/", "/events//talks/7", "/events/42/", "/events/4/2",
		"/events/42/talks/", "/eventsx", "/Events", "//events", "/files/a/b",
		"/files/", "", "events", "/signin/", "/signin?x=1", "/api/v1/signin",
		"/api/v1events", "/api/v2/events", "/api/v1", "/me",
	};
	struct arena *a = arena_new();
	size_t i;

	(void)state;
	for (i = 0; i < sizeof miss / sizeof miss[0]; i++) {
		struct match m = route(a, HM_GET, miss[i]);

		if (m.rt)
			fail_msg("GET %s matched %s", miss[i], m.rt->pattern);
		if (m.other != 0)
			fail_msg("GET %s: other_method set", miss[i]);
	}
	arena_free(a);
}

/* Issue 14's calendars: a capture followed by literal text in its segment
 * ("{token}.ics") captures the segment less that text; the row with the
 * fewest captures wins, whatever its place in the table. */
static const struct route cal_table[] = {
	{HM_GET,    "/events/{id}",            h_event,        R_ALL,  CSRF_NONE,  RL_NONE, RF_TWIN},
	{HM_GET,    "/events/{id}/calendar.ics", h_talk,       R_ALL,  CSRF_NONE,  RL_NONE, 0},
	{HM_GET,    "/events/calendar.ics",    h_events,       R_ALL,  CSRF_NONE,  RL_NONE, 0},
	{HM_GET,    "/calendar/{token}.ics",   h_file,         R_ALL,  CSRF_NONE,  RL_NONE, 0},
	{0, NULL, NULL, 0, 0, 0, 0},
};

static void
test_router_suffix_and_literal_first(void **state)
{
	static const char *const miss[] = {
		"/calendar/.ics", "/calendar/abc", "/calendar/abc.ics/", "/calendar/abc.icsx",
		"/calendar/a/b.ics", "/calendar/", "/events/calendar.ics/x",
	};
	struct arena *a = arena_new();
	struct req r;
	const struct route *rt;
	int other;
	size_t i;

	(void)state;
	memset(&r, 0, sizeof r);
	r.a = a;
	r.method = HM_GET;
	r.path = "/calendar/3-abcdef.ics";
	rt = router_match(cal_table, &r, &other);
	assert_non_null(rt);
	assert_ptr_equal(rt->fn, h_file);
	assert_string_equal(r.params[0], "3-abcdef");
	r.path = "/calendar/x.ics.ics";
	rt = router_match(cal_table, &r, &other);
	assert_non_null(rt);
	assert_string_equal(r.params[0], "x.ics");
	r.path = "/events/calendar.ics";	/* after "/events/{id}" in the table */
	rt = router_match(cal_table, &r, &other);
	assert_non_null(rt);
	assert_ptr_equal(rt->fn, h_events);
	r.path = "/events/42";
	rt = router_match(cal_table, &r, &other);
	assert_ptr_equal(rt->fn, h_event);
	assert_string_equal(r.params[0], "42");
	r.path = "/events/42/calendar.ics";
	rt = router_match(cal_table, &r, &other);
	assert_ptr_equal(rt->fn, h_talk);
	assert_string_equal(r.params[0], "42");
	r.path = "/api/v1/events/7";		/* a twin keeps its capture */
	rt = router_match(cal_table, &r, &other);
	assert_ptr_equal(rt->fn, h_event);
	assert_string_equal(r.params[0], "7");
	for (i = 0; i < sizeof miss / sizeof miss[0]; i++) {
		r.path = miss[i];
		if ((rt = router_match(cal_table, &r, &other)) != NULL)
			fail_msg("GET %s matched %s", miss[i], rt->pattern);
	}
	arena_free(a);
}

/* A page flagged RF_TWIN answers at /api/v1<path> too; other rows do not. */
static void
test_router_twins(void **state)
{
	struct arena *a = arena_new();
	struct match m;

	(void)state;
	m = route(a, HM_GET, "/api/v1/events");
	assert_ptr_equal(m.rt->fn, h_events);
	m = route(a, HM_GET, "/api/v1/events/9");
	assert_ptr_equal(m.rt->fn, h_event);
	assert_string_equal(m.p0, "9");
	m = route(a, HM_GET, "/api/v1/");
	assert_ptr_equal(m.rt->fn, h_home);
	m = route(a, HM_GET, "/api/v1/me");		/* an API row matches as written */
	assert_ptr_equal(m.rt->fn, h_me);
	/* not twins: a GET page without the flag, a capture route without it,
	 * and writes (the POST /events row is not a twin) */
	m = route(a, HM_GET, "/api/v1/signin");
	assert_null(m.rt);
	assert_int_equal(m.other, 0);
	m = route(a, HM_GET, "/api/v1/events/1/talks/2");
	assert_null(m.rt);
	m = route(a, HM_GET, "/api/v1/files/x");
	assert_null(m.rt);
	m = route(a, HM_DELETE, "/api/v1/events/9");	/* the GET twin exists: 405 */
	assert_null(m.rt);
	assert_int_equal(m.other, 1 << HM_GET | 1 << HM_HEAD);
	m = route(a, HM_GET, "/api/v1/api/v1/events");	/* one prefix only */
	assert_null(m.rt);
	arena_free(a);
}

static void
test_router_405(void **state)
{
	struct arena *a = arena_new();
	struct match m;

	(void)state;
	/* 405, with the methods the path does accept (for the Allow header) */
	m = route(a, HM_PUT, "/events");
	assert_null(m.rt);
	assert_int_equal(m.other, 1 << HM_GET | 1 << HM_HEAD | 1 << HM_POST);
	m = route(a, HM_POST, "/events/42");
	assert_null(m.rt);
	assert_int_equal(m.other, 1 << HM_GET | 1 << HM_HEAD | 1 << HM_DELETE);
	m = route(a, HM_POST, "/signin");
	assert_null(m.rt);
	assert_int_equal(m.other, 1 << HM_GET | 1 << HM_HEAD);
	m = route(a, HM_PATCH, "/api/v1/me");
	assert_null(m.rt);
	assert_int_equal(m.other, 1 << HM_GET | 1 << HM_HEAD);
	m = route(a, HM_POST, "/nowhere");		/* 404, not 405 */
	assert_null(m.rt);
	assert_int_equal(m.other, 0);
	arena_free(a);
}

static void
test_router_head(void **state)
{
	struct arena *a = arena_new();
	struct match m;

	(void)state;
	m = route(a, HM_HEAD, "/events/3");
	assert_ptr_equal(m.rt->fn, h_event);
	assert_string_equal(m.p0, "3");
	m = route(a, HM_HEAD, "/api/v1/events");
	assert_ptr_equal(m.rt->fn, h_events);
	m = route(a, HM_HEAD, "/nowhere");
	assert_null(m.rt);
	assert_int_equal(m.other, 0);
	arena_free(a);
}

/* Every row of the application's table is reachable at its own address
 * (no earlier row shadows it), by HEAD too for GET rows, and at /api/v1 for
 * twins; API-only rows live under /api/v1. */
static void
test_router_app_table(void **state)
{
	struct arena *a = arena_new();
	const struct route *rt;
	char path[256], api[300];

	(void)state;
	for (rt = app_routes; rt->fn; rt++) {
		struct req r;
		const char *p;
		size_t k = 0;
		int other;

		for (p = rt->pattern; *p && k < sizeof path - 8; p++) {
			if (*p == '{') {
				memcpy(path + k, "17", 2);
				k += 2;
				p = strchr(p, '}');
				assert_non_null(p);
			} else {
				path[k++] = *p;
			}
		}
		path[k] = '\0';
		memset(&r, 0, sizeof r);
		r.a = a;
		r.method = rt->method;
		r.path = path;
		if (router_match(app_routes, &r, &other) != rt)
			fail_msg("%s %s does not reach its row", rt->pattern, path);
		if (rt->method == HM_GET) {
			r.method = HM_HEAD;
			assert_ptr_equal(router_match(app_routes, &r, &other), rt);
		}
		if (rt->flags & RF_TWIN) {
			assert_int_equal(rt->method, HM_GET);
			snprintf(api, sizeof api, "/api/v1%s", path);
			r.path = api;
			r.method = HM_GET;
			if (router_match(app_routes, &r, &other) != rt)
				fail_msg("twin %s does not reach %s", api, rt->pattern);
		}
		if (rt->flags & RF_API)
			assert_int_equal(strncmp(rt->pattern, "/api/v1/", 8), 0);
	}
	arena_free(a);
}

/* ---- email and URL checks ----------------------------------------------- */

static void
test_email_plausible(void **state)
{
	static const char *const good[] = {
		"a@b.co", "ana@example.org", "first.last+tag@sub.example.org",
		"x_y-z@mail.example.co.uk", "1@2.3",
	};
	static const char *const bad[] = {
		"", "plain", "@example.org", "ana@", "ana@example", "ana@@example.org",
		"a@b@example.org", "ana@.example.org", "ana@example.org.",
		"ana maria@example.org", " ana@example.org", "ana@example.org\n",
		"ana\t@example.org", "<ana@example.org>", "ana,bob@example.org",
		"ana;bob@example.org", "\"ana\"@example.org", "ana\\@example.org",
		"ana@exa\x7fmple.org", "ana@example.org\r\nBcc: x@y.z",
		"\xc3\xa9lodie@exemple.fr",	/* the mail queue takes ASCII addresses only */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		if (!email_plausible(good[i]))
			fail_msg("refused \"%s\"", good[i]);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (email_plausible(bad[i]))
			fail_msg("accepted \"%s\"", bad[i]);
}

static void
test_url_plausible(void **state)
{
	(void)state;
	assert_true(url_plausible("https://example.org"));
	assert_true(url_plausible("http://example.org/path?q=1#x"));
	assert_true(url_plausible("HTTPS://EXAMPLE.ORG/"));
	assert_false(url_plausible(""));
	assert_false(url_plausible("example.org"));
	assert_false(url_plausible("javascript:alert(1)"));
	assert_false(url_plausible("JaVaScRiPt://example.org/%0Aalert(1)"));
	assert_false(url_plausible("data:text/html,<b>x</b>"));
	assert_false(url_plausible("ftp://example.org"));
	assert_false(url_plausible("https://"));
	assert_false(url_plausible("https:///path"));
	assert_false(url_plausible("https://exa mple.org"));
	assert_false(url_plausible("https://example.org/\"onmouseover=x"));
	assert_false(url_plausible("https://example.org/<script>"));
}

/* ---- rate limits -------------------------------------------------------- */

/* Failed sign-ins: 10 a minute per key. */
static void
test_ratelimit_limit(void **state)
{
	struct ratelimit *rl = ratelimit_new();
	int i, wait;

	(void)state;
	for (i = 0; i < 9; i++)
		ratelimit_hit(rl, RL_SIGNIN, "192.0.2.1");
	assert_int_equal(ratelimit_check(rl, RL_SIGNIN, "192.0.2.1"), 0);	/* 9 < 10 */
	ratelimit_hit(rl, RL_SIGNIN, "192.0.2.1");
	wait = ratelimit_check(rl, RL_SIGNIN, "192.0.2.1");
	assert_true(wait >= 59 && wait <= 60);
	/* more failures do not lengthen the wait past the window */
	for (i = 0; i < 50; i++)
		ratelimit_hit(rl, RL_SIGNIN, "192.0.2.1");
	wait = ratelimit_check(rl, RL_SIGNIN, "192.0.2.1");
	assert_true(wait >= 1 && wait <= 60);
	/* other keys, and the same key in another class, are unaffected */
	assert_int_equal(ratelimit_check(rl, RL_SIGNIN, "192.0.2.2"), 0);
	assert_int_equal(ratelimit_check(rl, RL_SIGNIN, "acct:192.0.2.1"), 0);
	assert_int_equal(ratelimit_check(rl, RL_SIGNUP, "192.0.2.1"), 0);
	assert_int_equal(ratelimit_check(rl, RL_MAIL, "192.0.2.1"), 0);
	/* a class without limits never waits */
	for (i = 0; i < 100; i++)
		ratelimit_hit(rl, RL_NONE, "192.0.2.3");
	assert_int_equal(ratelimit_check(rl, RL_NONE, "192.0.2.3"), 0);
	/* no key, no count */
	ratelimit_hit(rl, RL_SIGNIN, NULL);
	assert_int_equal(ratelimit_check(rl, RL_SIGNIN, NULL), 0);
	ratelimit_free(rl);
}

/* A successful sign-in forgets the account's failures. */
static void
test_ratelimit_clear(void **state)
{
	struct ratelimit *rl = ratelimit_new();
	int i;

	(void)state;
	for (i = 0; i < 10; i++) {
		ratelimit_hit(rl, RL_SIGNIN, "acct:ana@example.org");
		ratelimit_hit(rl, RL_SIGNIN, "acct:bob@example.org");
	}
	assert_true(ratelimit_check(rl, RL_SIGNIN, "acct:ana@example.org") > 0);
	ratelimit_clear(rl, RL_SIGNIN, "acct:ana@example.org");
	assert_int_equal(ratelimit_check(rl, RL_SIGNIN, "acct:ana@example.org"), 0);
	assert_true(ratelimit_check(rl, RL_SIGNIN, "acct:bob@example.org") > 0);
	ratelimit_clear(rl, RL_SIGNUP, "acct:bob@example.org");	/* other class */
	assert_true(ratelimit_check(rl, RL_SIGNIN, "acct:bob@example.org") > 0);
	ratelimit_clear(rl, RL_SIGNIN, "acct:nobody@example.org");	/* unknown: fine */
	ratelimit_clear(rl, RL_SIGNIN, NULL);				/* like hit/check */
	/* counting starts again from zero */
	for (i = 0; i < 9; i++)
		ratelimit_hit(rl, RL_SIGNIN, "acct:ana@example.org");
	assert_int_equal(ratelimit_check(rl, RL_SIGNIN, "acct:ana@example.org"), 0);
	ratelimit_free(rl);
}

/* The window slides: the wait shrinks with time and ends when the oldest
 * counted failure is a window old. */
static void
test_ratelimit_window(void **state)
{
	struct ratelimit *rl = ratelimit_new();
	int i, wait;
	time_t moved = 0;

	(void)state;
	for (i = 0; i < 10; i++)
		ratelimit_hit(rl, RL_SIGNIN, "198.51.100.7");
	assert_true(ratelimit_check(rl, RL_SIGNIN, "198.51.100.7") >= 59);
	util_clock_offset(30);
	moved += 30;
	wait = ratelimit_check(rl, RL_SIGNIN, "198.51.100.7");
	assert_true(wait >= 29 && wait <= 30);
	util_clock_offset(31);
	moved += 31;
	assert_int_equal(ratelimit_check(rl, RL_SIGNIN, "198.51.100.7"), 0);
	/* one more failure after the window is one failure, not eleven */
	ratelimit_hit(rl, RL_SIGNIN, "198.51.100.7");
	assert_int_equal(ratelimit_check(rl, RL_SIGNIN, "198.51.100.7"), 0);

	/* mail: 10 an hour */
	for (i = 0; i < 10; i++)
		ratelimit_hit(rl, RL_MAIL, "198.51.100.8");
	wait = ratelimit_check(rl, RL_MAIL, "198.51.100.8");
	assert_true(wait >= 3599 && wait <= 3600);
	util_clock_offset(3000);
	moved += 3000;
	wait = ratelimit_check(rl, RL_MAIL, "198.51.100.8");
	assert_true(wait >= 599 && wait <= 600);
	util_clock_offset(601);
	moved += 601;
	assert_int_equal(ratelimit_check(rl, RL_MAIL, "198.51.100.8"), 0);
	util_clock_offset(-moved);
	ratelimit_free(rl);
}

/* Many keys at once (one per address of a busy site) each keep their own
 * count, and filling the table does not block a new address. */
static void
test_ratelimit_many_keys(void **state)
{
	struct ratelimit *rl = ratelimit_new();
	char key[32];
	int i, limited = 0;

	(void)state;
	for (i = 0; i < 20000; i++) {
		snprintf(key, sizeof key, "10.%d.%d.%d", i >> 16, (i >> 8) & 255, i & 255);
		ratelimit_hit(rl, RL_SIGNUP, key);
	}
	for (i = 0; i < 20000; i++) {
		snprintf(key, sizeof key, "10.%d.%d.%d", i >> 16, (i >> 8) & 255, i & 255);
		limited += ratelimit_check(rl, RL_SIGNUP, key) > 0;
	}
	assert_int_equal(limited, 0);		/* one sign-up each is allowed */
	for (i = 0; i < 20; i++)
		ratelimit_hit(rl, RL_SIGNUP, "203.0.113.9");
	assert_true(ratelimit_check(rl, RL_SIGNUP, "203.0.113.9") > 0);
	ratelimit_free(rl);
}

/* The slot a key lands in must not be predictable from outside: otherwise
 * an attacker guessing one account's password fails sign-ins for addresses
 * chosen to land in that account's slot, evicting its count.  The keys here
 * are chosen for the unkeyed slot function the limiter once used (BLAKE2b
 * of class and key, 8192 slots); the account must stay limited. */
static void
test_ratelimit_targeted_eviction(void **state)
{
	struct ratelimit *rl = ratelimit_new();
	const char *victim = "acct:victim@example.org";
	unsigned char h[16], cb = RL_SIGNIN;
	crypto_generichash_state st;
	unsigned slot, want;
	char key[64];
	int i, found = 0;
	long n;

	(void)state;
	crypto_generichash_init(&st, NULL, 0, 16);
	crypto_generichash_update(&st, &cb, 1);
	crypto_generichash_update(&st, (const unsigned char *)victim, strlen(victim));
	crypto_generichash_final(&st, h, 16);
	memcpy(&want, h, sizeof want);
	want %= 8192;
	for (i = 0; i < 10; i++)
		ratelimit_hit(rl, RL_SIGNIN, victim);
	assert_true(ratelimit_check(rl, RL_SIGNIN, victim) > 0);
	util_clock_offset(1);
	for (n = 0; found < 32 && n < 10000000; n++) {
		snprintf(key, sizeof key, "acct:x%ld@example.org", n);
		crypto_generichash_init(&st, NULL, 0, 16);
		crypto_generichash_update(&st, &cb, 1);
		crypto_generichash_update(&st, (const unsigned char *)key, strlen(key));
		crypto_generichash_final(&st, h, 16);
		memcpy(&slot, h, sizeof slot);
		if (slot % 8192 != want)
			continue;
		ratelimit_hit(rl, RL_SIGNIN, key);
		found++;
	}
	util_clock_offset(-1);
	assert_int_equal(found, 32);
	assert_true(ratelimit_check(rl, RL_SIGNIN, victim) > 0);
	ratelimit_free(rl);
}

/* ---- downloads ------------------------------------------------------- */

/* One Range header against an object of size bytes: want (1 range, 0
 * whole object, -1 unsatisfiable) and, for 1, [from, to]. */
static void
range_is(const char *h, int64_t size, int want, int64_t from, int64_t to)
{
	int64_t a = -7, b = -7;
	int got = http_range_parse(h, size, &a, &b);

	if (got != want || (want == 1 && (a != from || b != to)))
		print_message("# %s of %lld: %d %lld-%lld, want %d %lld-%lld\n", h ? h : "(none)",
		    (long long)size, got, (long long)a, (long long)b, want, (long long)from,
		    (long long)to);
	assert_int_equal(got, want);
	if (want == 1) {
		assert_int_equal(a, from);
		assert_int_equal(b, to);
	}
}

static void
test_range_parse(void **state)
{
	(void)state;
	range_is("bytes=0-99", 1000, 1, 0, 99);
	range_is("bytes=262100-262200", 700000, 1, 262100, 262200);
	range_is("bytes=500-", 1000, 1, 500, 999);
	range_is("bytes=-10", 1000, 1, 990, 999);
	range_is("bytes=-5000", 1000, 1, 0, 999);	/* more than there is: all */
	range_is("bytes=900-5000", 1000, 1, 900, 999);	/* the end is cut */
	range_is("bytes=999-999", 1000, 1, 999, 999);
	range_is("Bytes = 1 - 2 ", 1000, 1, 1, 2);	/* the unit is case-insensitive */
	range_is("bytes=1000-", 1000, -1, 0, 0);	/* starts past the end */
	range_is("bytes=1000-1001", 1000, -1, 0, 0);
	range_is("bytes=-0", 1000, -1, 0, 0);
	range_is("bytes=-10", 0, -1, 0, 0);	/* an empty object has no bytes */
	range_is("bytes=0-", 0, -1, 0, 0);
	/* ignored: the whole object */
	range_is(NULL, 1000, 0, 0, 0);
	range_is("", 1000, 0, 0, 0);
	range_is("bytes=5-1", 1000, 0, 0, 0);
	range_is("bytes=-", 1000, 0, 0, 0);
	range_is("bytes=a-b", 1000, 0, 0, 0);
	range_is("bytes=0-1,5-9", 1000, 0, 0, 0);	/* several ranges */
	range_is("items=0-1", 1000, 0, 0, 0);
	range_is("bytes 0-1", 1000, 0, 0, 0);
	range_is("bytes=0-1x", 1000, 0, 0, 0);
	range_is("bytes=1234567890123456789-", 1000, 0, 0, 0);	/* too long a number */
}

static void
test_disposition(void **state)
{
	struct arena *a = arena_new();

	(void)state;
	assert_string_equal(http_disposition(a, "orgs.csv", 1),
	    "attachment; filename=\"orgs.csv\"; filename*=UTF-8''orgs.csv");
	assert_string_equal(http_disposition(a, "logo", 0),
	    "inline; filename=\"logo\"; filename*=UTF-8''logo");
	/* quotes, backslashes, control characters, slashes and % cannot end
	 * the value or name a path; each UTF-8 letter is one _ */
	assert_string_equal(http_disposition(a, "a\"b\\c\r\nd/e%f.csv", 1),
	    "attachment; filename=\"a_b_c__d_e_f.csv\"; "
	    "filename*=UTF-8''a%22b%5Cc%0D%0Ad%2Fe%25f.csv");
	assert_string_equal(http_disposition(a, "Société \"Été\".csv", 1),
	    "attachment; filename=\"Soci_t_ __t__.csv\"; "
	    "filename*=UTF-8''Soci%C3%A9t%C3%A9%20%22%C3%89t%C3%A9%22.csv");
	assert_string_equal(http_disposition(a, "", 1), "attachment; filename=\"download\"");
	arena_free(a);
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_form_simple),
		cmocka_unit_test(test_form_repeated),
		cmocka_unit_test(test_form_spaces_and_escapes),
		cmocka_unit_test(test_form_bad_escapes),
		cmocka_unit_test(test_form_nul_and_utf8),
		cmocka_unit_test(test_form_shapes),
		cmocka_unit_test(test_form_length),
		cmocka_unit_test(test_router_literal_and_captures),
		cmocka_unit_test(test_router_no_match),
		cmocka_unit_test(test_router_suffix_and_literal_first),
		cmocka_unit_test(test_router_twins),
		cmocka_unit_test(test_router_405),
		cmocka_unit_test(test_router_head),
		cmocka_unit_test(test_router_app_table),
		cmocka_unit_test(test_email_plausible),
		cmocka_unit_test(test_url_plausible),
		cmocka_unit_test(test_ratelimit_limit),
		cmocka_unit_test(test_ratelimit_clear),
		cmocka_unit_test(test_ratelimit_window),
		cmocka_unit_test(test_ratelimit_many_keys),
		cmocka_unit_test(test_ratelimit_targeted_eviction),
		cmocka_unit_test(test_range_parse),
		cmocka_unit_test(test_disposition),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests_name("http", tests, NULL, NULL);
}
