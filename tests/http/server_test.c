/*
 * server_test.c -- the HTTP layer as a client meets it: security headers,
 * error pages, request limits, malformed input, static files, the health
 * check, and a walk of every route for every role and an approved expert.
 *
 * The walk grows with every route, so this file is three programs that
 * tests/http/run.t starts side by side, each well under its 600 s limit on
 * a busy machine: this one (WALK_PART 1) runs the HTTP layer's tests and
 * walks as visitor, applicant and member; walk_test.c (this file with
 * WALK_PART 2) walks as focal point, staff, admin and expert; others_test.c
 * (WALK_PART 3) tries others' records: test_others_*, the people walk,
 * leaving and deleting.
 *
 * The database is $WHATSON_TEST_DB (tests/http/run.t runs this program once
 * on SQLite and once on PostgreSQL).  The server runs with --conn-timeout 3
 * so an idle connection is closed quickly.  The route walk prints one TAP
 * line per (route, role), for every row of app_routes and, for pages with an
 * API twin, its /api/v1 address too.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include <cmocka.h>

#include "app/app.h"
#include "http/http.h"
#include "lib/people.h"
#include "lib/sqldirect.h"
#include "lib/testsrv.h"

#ifndef WALK_PART
#define WALK_PART 1
#endif

#define PW "plum tree orbit sixty"
#define CONN_TIMEOUT 3		/* seconds, given to the server */
#define PER_IP_CONNS 64		/* the server's default */
#define BODY_MAX (1u << 20)	/* forms and JSON */

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;

#define HEADER_HAS(r, name, part) do { \
	const char *h_ = ts_header((r), (name)); \
	if (!h_ || !strstr(h_, (part))) \
		printf("# %s: %s, want it to contain %s\n", (name), h_ ? h_ : "(none)", (part)); \
	assert_true(h_ && strstr(h_, (part))); \
} while (0)

/* ---- security headers ------------------------------------------------ */

/* The headers every answer carries; 0 when all are there (else says which
 * is missing for what). */
static int
security_headers_ok(const struct ts_res *r, const char *what)
{
	const char *csp = ts_header(r, "Content-Security-Policy");
	const char *nosniff = ts_header(r, "X-Content-Type-Options");
	const char *rid = ts_header(r, "X-Request-Id");
	int bad = 0;

	if (!csp || !strstr(csp, "frame-ancestors 'none'") || strstr(csp, "unsafe-inline") ||
	    !strstr(csp, "default-src 'self'")) {
		printf("# %s: Content-Security-Policy: %s\n", what, csp ? csp : "(none)");
		bad = 1;
	}
	if (!nosniff || strcmp(nosniff, "nosniff") != 0) {
		printf("# %s: X-Content-Type-Options: %s\n", what, nosniff ? nosniff : "(none)");
		bad = 1;
	}
	if (!ts_header(r, "Referrer-Policy")) {
		printf("# %s: no Referrer-Policy\n", what);
		bad = 1;
	}
	if (!rid || strlen(rid) < 8) {
		printf("# %s: X-Request-Id: %s\n", what, rid ? rid : "(none)");
		bad = 1;
	}
	return bad;
}

static void
test_security_headers(void **state)
{
	static const char *const form[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL };
	static const char *const json[] = { "Content-Type: application/json", NULL };
	static const char *const text[] = { "Content-Type: text/plain", NULL };
	static const char *const expect[] = {
		"Content-Type: application/x-www-form-urlencoded", "Expect: 100-continue", NULL };
	static const struct {
		const char *method, *path;
		const char *const *headers;
		const char *body;
		int status;
	} reqs[] = {
		{"GET", "/", NULL, NULL, 200},
		{"GET", "/signin", NULL, NULL, 200},
		{"GET", "/api/v1/", NULL, NULL, 200},
		{"GET", "/api/v1/me", NULL, NULL, 401},
		{"POST", "/api/v1/session", json, "{", 400},
		{"POST", "/signin", form, "email=x", 403},
		{"GET", "/account", NULL, NULL, 303},
		{"GET", "/no/such/page", NULL, NULL, 404},
		{"GET", "/api/v1/no/such/thing", NULL, NULL, 404},
		{"PUT", "/", NULL, NULL, 405},
		{"GET", "/static/site.css", NULL, NULL, 200},
		{"GET", "/static/nothing.css", NULL, NULL, 404},
		{"GET", "/healthz", NULL, NULL, 200},
		{"POST", "/signin", form, "email=%zz", 400},
		{"POST", "/signin", text, "x", 415},
	};
	struct ts_browser *b = ts_browser_new(&srv, NULL);
	const struct ts_res *r;
	char what[128];
	size_t i, sent;
	int bad = 0;

	for (i = 0; i < sizeof reqs / sizeof reqs[0]; i++) {
		r = ts_req(b, reqs[i].method, reqs[i].path, reqs[i].headers, reqs[i].body,
		    reqs[i].body ? strlen(reqs[i].body) : 0);
		snprintf(what, sizeof what, "%s %s (%ld)", reqs[i].method, reqs[i].path, r->status);
		if (r->status != reqs[i].status) {
			printf("# %s: want %d\n", what, reqs[i].status);
			bad = 1;
		}
		bad |= security_headers_ok(r, what);
	}
	/* refused before the body is read */
	r = ts_upload(b, "/signin", expect, 2 * BODY_MAX, 0, &sent);
	bad |= security_headers_ok(r, "POST /signin (2 MiB)");
	/* a not-modified answer */
	r = ts_get(b, "/static/site.css");
	if (ts_header(r, "ETag")) {
		char inm[128];
		const char *h[] = { inm, NULL };

		snprintf(inm, sizeof inm, "If-None-Match: %s", ts_header(r, "ETag"));
		r = ts_req(b, "GET", "/static/site.css", h, NULL, 0);
		bad |= security_headers_ok(r, "GET /static/site.css (304)");
	}
	ts_browser_free(b);
	assert_int_equal(bad, 0);
}

/* ---- error pages ----------------------------------------------------- */

/* r is an HTML error page showing its request id. */
static void
html_error(const struct ts_res *r, int status)
{
	const char *rid = ts_header(r, "X-Request-Id");

	STATUS(r, status);
	HEADER_HAS(r, "Content-Type", "text/html");
	assert_non_null(rid);
	if (!ts_has(r, rid))
		printf("# the page does not show its request id %s: %.600s\n", rid, r->body);
	assert_true(ts_has(r, rid));
	assert_true(ts_has(r, "<html"));
}

/* r is application/problem+json with status and request id. */
static void
problem(const struct ts_res *r, int status)
{
	const char *rid = ts_header(r, "X-Request-Id");
	json_t *j = ts_json(r);

	STATUS(r, status);
	HEADER_HAS(r, "Content-Type", "application/problem+json");
	assert_non_null(j);
	assert_int_equal(json_integer_value(json_object_get(j, "status")), status);
	assert_true(json_is_string(json_object_get(j, "title")));
	assert_non_null(rid);
	assert_string_equal(json_string_value(json_object_get(j, "request_id")), rid);
	json_decref(j);
}

static void
test_error_pages(void **state)
{
	struct ts_browser *b = ts_browser_new(&srv, NULL);

	html_error(ts_get(b, "/no/such/page"), 404);
	problem(ts_get(b, "/api/v1/no/such/thing"), 404);
	html_error(ts_req(b, "PUT", "/", NULL, NULL, 0), 405);
	html_error(ts_req(b, "DELETE", "/signin", NULL, NULL, 0), 405);
	problem(ts_req(b, "PUT", "/api/v1/me", NULL, NULL, 0), 405);
	problem(ts_req(b, "BREW", "/api/v1/me", NULL, NULL, 0), 405);
	problem(ts_get(b, "/api/v1/me"), 401);
	ts_browser_free(b);
}

/* ---- limits ---------------------------------------------------------- */

static void
test_body_limit_content_length(void **state)
{
	static const char *const form[] = {
		"Content-Type: application/x-www-form-urlencoded", "Expect: 100-continue", NULL };
	static const char *const json[] = {
		"Content-Type: application/json", "Expect: 100-continue", NULL };
	struct ts_browser *b = ts_browser_new(&srv, NULL);
	const struct ts_res *r;
	size_t sent;

	/* a body over 1 MiB is refused from its Content-Length, unread */
	r = ts_upload(b, "/signin", form, BODY_MAX + 1, 0, &sent);
	html_error(r, 413);
	if (sent != 0)
		printf("# the client sent %zu bytes before the 413\n", sent);
	assert_int_equal(sent, 0);
	r = ts_upload(b, "/api/v1/session", json, 2 * BODY_MAX, 0, &sent);
	problem(r, 413);
	assert_int_equal(sent, 0);
	/* exactly 1 MiB is read (and refused for what it says: no CSRF token) */
	r = ts_upload(b, "/signin", form, BODY_MAX, 0, &sent);
	STATUS(r, 403);
	assert_int_equal(sent, BODY_MAX);
	/* the server is fine */
	STATUS(ts_get(b, "/healthz"), 200);
	ts_browser_free(b);
}

static void
test_body_limit_chunked(void **state)
{
	static const char *const form[] = {
		"Content-Type: application/x-www-form-urlencoded", "Transfer-Encoding: chunked",
		NULL };
	static const char *const json[] = {
		"Content-Type: application/json", "Transfer-Encoding: chunked", NULL };
	struct ts_browser *b = ts_browser_new(&srv, NULL);

	html_error(ts_upload(b, "/signin", form, 2 * BODY_MAX, 1, NULL), 413);
	problem(ts_upload(b, "/api/v1/session", json, BODY_MAX + 1, 1, NULL), 413);
	STATUS(ts_get(b, "/healthz"), 200);
	ts_browser_free(b);
}

/* libmicrohttpd refuses headers that do not fit the connection's 64 KiB
 * memory pool with 431 Request Header Fields Too Large. */
static void
test_header_limit(void **state)
{
	struct ts_browser *b = ts_browser_new(&srv, NULL);
	size_t n = 70 * 1024;
	char *h = malloc(n + 16);
	const char *hs[] = { h, NULL };
	const struct ts_res *r;

	assert_non_null(h);
	memcpy(h, "X-Big: ", 7);
	memset(h + 7, 'a', n);
	h[7 + n] = '\0';
	r = ts_req(b, "GET", "/", hs, NULL, 0);
	if (r->status != 431)
		printf("# a %zu KiB header got %ld, not 431\n", n / 1024, r->status);
	assert_int_equal(r->status, 431);
	/* a large but acceptable header is fine */
	h[7 + 8 * 1024] = '\0';
	STATUS(ts_req(b, "GET", "/", hs, NULL, 0), 200);
	free(h);
	ts_browser_free(b);
}

/* More idle connections from one address than the per-address limit: the
 * extra ones are closed at once, other addresses are served meanwhile, and
 * the address gets service back when its connections close. */
static void
test_connection_limit(void **state)
{
	static const char req[] = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n"
	    "Connection: close\r\n\r\n";
	struct ts_browser *b = ts_browser_new(&srv, NULL);
	int fds[PER_IP_CONNS], extra, i, fd, ok = 0;
	int64_t end;
	char buf[64];
	int64_t t0 = ts_now_ms();

	for (i = 0; i < PER_IP_CONNS; i++) {
		fds[i] = ts_connect(srv.port, "127.0.0.41");
		assert_true(fds[i] >= 0);
	}
	extra = ts_connect(srv.port, "127.0.0.41");
	assert_true(extra >= 0);
	send(extra, req, sizeof req - 1, MSG_NOSIGNAL);	/* may be closed already */
	assert_int_equal(ts_closed_within(extra, 10000), 1);	/* returns at the close */
	close(extra);
	/* The first ones are kept.  That can only be told before the idle
	 * timeout (3 s) closes them anyway: a machine so loaded that the
	 * refusal took longer says so instead of failing on a guess. */
	if (ts_now_ms() - t0 < (CONN_TIMEOUT - 1) * 1000) {
		assert_int_equal(ts_closed_within(fds[0], 50), 0);
		assert_int_equal(ts_closed_within(fds[PER_IP_CONNS - 1], 50), 0);
	} else {
		printf("# refusal took %lld ms: kept connections not checked\n",
		    (long long)(ts_now_ms() - t0));
	}
	STATUS(ts_get(b, "/healthz"), 200);
	for (i = 0; i < PER_IP_CONNS; i++)
		close(fds[i]);
	/* the server notices the closes (waited for, up to 15 s when loaded) */
	end = ts_now_ms() + 15000;
	while (!ok && ts_now_ms() < end) {
		fd = ts_connect(srv.port, "127.0.0.41");
		assert_true(fd >= 0);
		if (send(fd, req, sizeof req - 1, MSG_NOSIGNAL) > 0 &&
		    recv(fd, buf, sizeof buf - 1, MSG_WAITALL) > 12)
			ok = strncmp(buf, "HTTP/1.1 200", 12) == 0;
		close(fd);
	}
	assert_true(ok);
	ts_browser_free(b);
}

/* A request that stops in the middle of its headers is closed after the
 * connection timeout (--conn-timeout). */
static void
test_slow_headers_closed(void **state)
{
	static const char part[] = "GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ";
	int fd = ts_connect(srv.port, "127.0.0.42");
	int64_t t0, ms;

	assert_true(fd >= 0);
	assert_true(send(fd, part, sizeof part - 1, MSG_NOSIGNAL) > 0);
	t0 = ts_now_ms();
	assert_int_equal(ts_closed_within(fd, (CONN_TIMEOUT + 5) * 1000), 1);
	ms = ts_now_ms() - t0;
	if (ms < (CONN_TIMEOUT - 1) * 1000)
		printf("# closed after %lld ms, before the timeout\n", (long long)ms);
	assert_true(ms >= (CONN_TIMEOUT - 1) * 1000);
	close(fd);
}

/* A client that sends its header one byte at a time, never finishing it,
 * is closed once the header deadline (--header-timeout, 10 s) passes,
 * though it is never silent long enough for --conn-timeout. */
static void
test_header_drip_closed(void **state)
{
	static const char part[] = "GET / HTTP/1.1\r\nHost: localhost\r\nX-Drip: ";
	int fd = ts_connect(srv.port, "127.0.0.43");
	int64_t t0, ms;
	int closed = 0;

	(void)state;
	assert_true(fd >= 0);
	assert_true(send(fd, part, sizeof part - 1, MSG_NOSIGNAL) > 0);
	t0 = ts_now_ms();
	while (!closed && ts_now_ms() - t0 < 30000) {
		if (send(fd, "x", 1, MSG_NOSIGNAL) != 1)
			closed = 1;
		else
			closed = ts_closed_within(fd, 250);
	}
	ms = ts_now_ms() - t0;
	printf("# closed after %lld ms of dripping\n", (long long)ms);
	assert_true(closed);
	assert_true(ms >= 8000);	/* not before the deadline (10 s from the connect) */
	close(fd);
}

/* ---- malformed input ------------------------------------------------- */

static void
test_malformed_input(void **state)
{
	static const char *const form[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL };
	static const char *const json[] = { "Content-Type: application/json", NULL };
	static const char *const text[] = { "Content-Type: text/plain", NULL };
	static const char *const xml[] = { "Content-Type: application/xml", NULL };
	struct ts_browser *b = ts_browser_new(&srv, NULL);
	char body[256];

	STATUS(ts_get(b, "/signin"), 200);	/* a visitor with a token */
	snprintf(body, sizeof body, "csrf=%s&email=%%zz&password=x", ts_csrf(b));
	html_error(ts_req(b, "POST", "/signin", form, body, strlen(body)), 400);
	snprintf(body, sizeof body, "csrf=%s&email=a%%", ts_csrf(b));
	html_error(ts_req(b, "POST", "/signin", form, body, strlen(body)), 400);
	snprintf(body, sizeof body, "csrf=%s&email=%%ff%%fe", ts_csrf(b));	/* not UTF-8 */
	html_error(ts_req(b, "POST", "/signin", form, body, strlen(body)), 400);
	problem(ts_req(b, "POST", "/api/v1/session", json, "{\"email\":", 9), 400);
	problem(ts_req(b, "POST", "/api/v1/session", json, "[1,2]", 5), 400);
	problem(ts_req(b, "POST", "/api/v1/session", json, "{\"a\":1,\"a\":2}", 13), 400);
	html_error(ts_req(b, "POST", "/signin", text, "email=x", 7), 415);
	problem(ts_req(b, "POST", "/api/v1/session", xml, "<a/>", 4), 415);
	STATUS(ts_get(b, "/healthz"), 200);
	ts_browser_free(b);
}

/* ---- static files and health ----------------------------------------- */

/* Inflates gzip data; the result (NUL-terminated) is the caller's. */
static char *
gunzip(const char *in, size_t len, size_t *outlen)
{
	z_stream z;
	size_t cap = len * 8 + 4096;
	char *out = malloc(cap);
	int rc;

	assert_non_null(out);
	memset(&z, 0, sizeof z);
	assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
	z.next_in = (unsigned char *)in;
	z.avail_in = (unsigned)len;
	z.next_out = (unsigned char *)out;
	z.avail_out = (unsigned)cap - 1;
	rc = inflate(&z, Z_FINISH);
	*outlen = z.total_out;
	inflateEnd(&z);
	assert_int_equal(rc, Z_STREAM_END);
	out[*outlen] = '\0';
	return out;
}

static void
test_static_files(void **state)
{
	static const char *const gz[] = { "Accept-Encoding: gzip", NULL };
	struct ts_browser *b = ts_browser_new(&srv, NULL);
	const struct ts_res *r;
	char etag[128], inm[160], *plain, *unz;
	const char *h[] = { inm, NULL };
	size_t plen, ulen;

	r = ts_get(b, "/static/site.css");
	STATUS(r, 200);
	HEADER_HAS(r, "Content-Type", "text/css");
	HEADER_HAS(r, "Cache-Control", "max-age=");
	assert_null(ts_header(r, "Content-Encoding"));
	assert_non_null(ts_header(r, "ETag"));
	snprintf(etag, sizeof etag, "%s", ts_header(r, "ETag"));
	assert_true(etag[0] == '"' && strlen(etag) > 2 && etag[strlen(etag) - 1] == '"');
	assert_true(r->len > 0);
	plain = malloc(r->len + 1);
	assert_non_null(plain);
	memcpy(plain, r->body, r->len + 1);
	plen = r->len;

	r = ts_req(b, "GET", "/static/site.css", gz, NULL, 0);
	STATUS(r, 200);
	HEADER_HAS(r, "Content-Encoding", "gzip");
	HEADER_HAS(r, "Vary", "Accept-Encoding");
	assert_string_equal(ts_header(r, "ETag"), etag);
	assert_true(r->len < plen);
	unz = gunzip(r->body, r->len, &ulen);
	assert_int_equal(ulen, plen);
	assert_memory_equal(unz, plain, plen);
	free(unz);
	free(plain);

	snprintf(inm, sizeof inm, "If-None-Match: %s", etag);
	r = ts_req(b, "GET", "/static/site.css", h, NULL, 0);
	STATUS(r, 304);
	assert_int_equal(r->len, 0);
	snprintf(inm, sizeof inm, "If-None-Match: \"0000\"");
	STATUS(ts_req(b, "GET", "/static/site.css", h, NULL, 0), 200);

	STATUS(ts_get(b, "/static/nothing.css"), 404);
	STATUS(ts_get(b, "/static/..%2fsite.css"), 404);
	ts_browser_free(b);
}

static void
test_healthz(void **state)
{
	struct ts_browser *b = ts_browser_new(&srv, NULL);
	const struct ts_res *r = ts_get(b, "/healthz");

	STATUS(r, 200);
	assert_string_equal(r->body, "ok\n");
	HEADER_HAS(r, "Cache-Control", "no-store");
	ts_browser_free(b);
}

/* PostgreSQL only: when the database goes away, /healthz says so (503) and
 * the server still stops cleanly. */
static void
test_healthz_without_database(void **state)
{
	struct ts_server s2;
	struct ts_browser *b;
	char name[64], url[600], sql[128], out[2048];
	const char *slash = strrchr(db_url, '/');
	const struct ts_res *r;
	int64_t end;

	snprintf(name, sizeof name, "whatson_scratch_%d", (int)getpid());
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
	assert_non_null(slash);
	if (ts_run(out, sizeof out, "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db_url,
	    "-c", sql, (char *)NULL) != 0)
		printf("# psql: %s\n", out);
	snprintf(url, sizeof url, "%.*s/%s", (int)(slash - db_url), db_url, name);
	assert_int_equal(ts_server_start(&s2, url, &sink, NULL), 0);
	b = ts_browser_new(&s2, NULL);
	STATUS(ts_get(b, "/healthz"), 200);

	snprintf(sql, sizeof sql, "DROP DATABASE %s WITH (FORCE)", name);
	if (ts_run(out, sizeof out, "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db_url,
	    "-c", sql, (char *)NULL) != 0)
		printf("# psql: %s\n", out);
	end = ts_now_ms() + 5000;
	do {
		r = ts_get(b, "/healthz");
	} while (r->status == 200 && ts_now_ms() < end);
	STATUS(r, 503);
	HEADER_HAS(r, "Cache-Control", "no-store");
	STATUS(ts_get(b, "/healthz"), 503);	/* and stays so */
	ts_browser_free(b);
	assert_int_equal(ts_server_stop(&s2), 0);
}

/* ---- the route walk -------------------------------------------------- */

static const char *const method_names[] = {
	[HM_GET] = "GET", [HM_HEAD] = "HEAD", [HM_POST] = "POST",
	[HM_PUT] = "PUT", [HM_PATCH] = "PATCH", [HM_DELETE] = "DELETE",
};
_Static_assert(sizeof method_names / sizeof method_names[0] == HM__MAX,
    "method_names needs a row per method");

struct walk {
	const struct route *rt;
	int twin;		/* the /api/v1 address of an RF_TWIN page */
	enum role role;
	int expert;		/* role is ROLE_MEMBER: an approved expert's, no organization */
	char name[200];
};

static struct walk *walks;
static int nwalks;
static struct ts_browser *as[ROLE__MAX];	/* a browser per role */
static char email_of[ROLE__MAX][64];
static int64_t member_id;
static struct ts_browser *expert_as;	/* the walk's expert (issue 11) */
#define WALK_EXPERT "expert-walk@walk.example"

static void
sign_in_role(enum role ro)
{
	assert_int_equal(ts_signin(as[ro], email_of[ro], PW), 303);
}

/* The browser of role ro: anonymous, or signed in to an account with that
 * role (made with user add on first use). */
static struct ts_browser *
role_browser(enum role ro)
{
	char name[64];
	int64_t id;

	if (as[ro])
		return as[ro];
	as[ro] = ts_browser_new(&srv, "127.0.0.31");
	if (ro == ROLE_ANON)
		return as[ro];
	snprintf(email_of[ro], sizeof email_of[ro], "%s@example.org", role_name(ro));
	snprintf(name, sizeof name, "Walker %s", role_name(ro));
	id = ts_user_add(db_url, email_of[ro], name, role_name(ro), PW);
	assert_true(id > 0);
	if (ro == ROLE_MEMBER)
		member_id = id;
	sign_in_role(ro);
	return as[ro];
}

static int64_t expert_made(const char *email, const char *name);
static struct ts_browser *signed_in(const char *email);

/* The walk's expert, signed in: approved on first use.  An expert is a
 * member without an organization, so the walk expects what it expects of
 * a member. */
static struct ts_browser *
expert_browser(void)
{
	if (expert_as)
		return expert_as;
	role_browser(ROLE_STAFF);
	(void)expert_made(WALK_EXPERT, "Walker Approved Expert");
	expert_as = signed_in(WALK_EXPERT);
	return expert_as;
}

/* {code}: a theme of the walk's own, so the staff rows rename, retire and
 * bring back a real theme, and not one that other tests use. */
#define WALK_THEME "walk_theme"

static void
walk_theme_made(void)
{
	static const char *const form[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL };
	static int made;
	struct ts_browser *b;
	char body[200];

	if (made)
		return;
	b = role_browser(ROLE_STAFF);
	snprintf(body, sizeof body, "csrf=%s&code=" WALK_THEME "&name_en=Walk+theme&"
	    "name_fr=Th%%C3%%A8me+de+la+marche", ts_csrf(b));
	STATUS(ts_req(b, "POST", "/staff/themes", form, body, strlen(body)), 303);
	made = 1;
}

/* pattern with its {captures} filled in: an existing user for {id}, a real
 * file for {file}, the walk's theme for {code}, 1 for anything else. */
static void
fill_pattern(const char *pat, int twin, char *out, size_t len)
{
	size_t k = 0;

	if (twin)
		k = (size_t)snprintf(out, len, "/api/v1");
	while (*pat && k + 1 < len) {
		if (*pat == '{') {
			const char *end = strchr(pat, '}');
			char val[32];

			if (!end)
				break;
			if (strncmp(pat, "{id}", 4) == 0)
				snprintf(val, sizeof val, "%lld", (long long)member_id);
			else if (strncmp(pat, "{file}", 6) == 0)
				snprintf(val, sizeof val, "site.css");
			else if (strncmp(pat, "{code}", 6) == 0)
				snprintf(val, sizeof val, WALK_THEME);
			else
				snprintf(val, sizeof val, "1");
			k += (size_t)snprintf(out + k, len - k, "%s", val);
			pat = end + 1;
			continue;
		}
		out[k++] = *pat++;
	}
	out[k < len ? k : len - 1] = '\0';
}

static void
test_walk(void **state)
{
	static const char *const form[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL };
	const struct walk *wk = *state;
	const struct route *rt = wk->rt;
	struct ts_browser *b;
	const char *method = method_names[rt->method];
	int api = wk->twin || (rt->flags & RF_API) || strncmp(rt->pattern, "/api/", 5) == 0;
	int allowed = (rt->roles & (1u << wk->role)) != 0;
	const struct ts_res *r;
	char path[300], body[200];
	long st;

	role_browser(ROLE_MEMBER);	/* {id} is the member's */
	walk_theme_made();
	b = wk->expert ? expert_browser() : role_browser(wk->role);
	fill_pattern(rt->pattern, wk->twin, path, sizeof path);
	if (rt->method == HM_GET || rt->method == HM_HEAD) {
		r = ts_req(b, method, path, NULL, NULL, 0);
	} else if (api) {
		r = ts_api(b, method, path, NULL, rt->method == HM_DELETE ? NULL : "{}");
	} else {
		snprintf(body, sizeof body, "csrf=%s", ts_csrf(b));
		r = ts_req(b, method, path, form, body, strlen(body));
	}
	st = r->status;
	if (!allowed && wk->role == ROLE_ANON && rt->method == HM_GET && !api) {
		char want[320];
		const char *loc = ts_header(r, "Location");

		snprintf(want, sizeof want, "/signin?next=%s", path);
		if (st != 303 || !loc || strcmp(loc, want) != 0)
			printf("# %s: %ld, Location %s; want 303 to %s\n", wk->name, st,
			    loc ? loc : "(none)", want);
		assert_int_equal(st, 303);
		assert_non_null(loc);
		assert_string_equal(loc, want);
	} else if (!allowed) {
		int want = wk->role == ROLE_ANON ? 401 : 403;

		if (st != want)
			printf("# %s: %ld, want %d: %.300s\n", wk->name, st, want, r->body);
		assert_int_equal(st, want);
		if (api)
			HEADER_HAS(r, "Content-Type", "application/problem+json");
	} else {
		int refused = st == 0 || st == 401 || st == 403 || st >= 500;

#ifdef RF_OWNER
		if (st == 403 && (rt->flags & RF_OWNER))
			refused = 0;	/* the handler refuses others' records */
#endif
		if (refused)
			printf("# %s: %ld: %.300s\n", wk->name, st, r->body);
		assert_false(refused);
	}
	/* routes that end the session (sign out) leave the role signed out */
	if (wk->expert && !ts_cookie(b, "ws_session"))
		assert_int_equal(ts_signin(b, WALK_EXPERT, PW), 303);
	else if (wk->role != ROLE_ANON && !ts_cookie(b, "ws_session"))
		sign_in_role(wk->role);
}

/* ---- others' organizations ------------------------------------------- */

/* `whatson import orgs` of one organization named name; its id. */
static int64_t
org_made(const char *name, const char *country, const char *email)
{
	char path[512], out[4096];
	long long id = 0;
	const char *line;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s.csv", ts_tmpdir(), country);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "name,kind,country,description,themes,contact_name,contact_email\n"
	    "%s,ngo,%s,%s keeps records for the route walk.,corruption,Contact,%s\n", name,
	    country, name, email);
	fclose(f);
	assert_int_equal(ts_whatson(NULL, out, sizeof out, "import", "orgs", path, "--db",
	    db_url, (char *)NULL), 0);
	line = strstr(out, "created ");
	assert_non_null(line);
	id = strtoll(line + 8, NULL, 10);
	assert_true(id > 0);
	return id;
}

/* `whatson user add` of a member of organization org; their id. */
static int64_t
person_of(const char *email, int64_t org)
{
	char in[64], out[4096], org_s[24];

	snprintf(in, sizeof in, "%s\n", PW);
	snprintf(org_s, sizeof org_s, "%lld", (long long)org);
	assert_int_equal(ts_whatson(in, out, sizeof out, "user", "add", "--db", db_url,
	    "--email", email, "--name", email, "--role", "member", "--org", org_s, (char *)NULL),
	    0);
	return strtoll(out, NULL, 10);
}

/* A browser from the walk's address signed in as email. */
static struct ts_browser *
signed_in(const char *email)
{
	struct ts_browser *b = ts_browser_new(&srv, "127.0.0.32");

	assert_int_equal(ts_signin(b, email, PW), 303);
	return b;
}

/* pattern for organization org, person uid ({user}, and an event's
 * registration {rid}), anything else 1. */
static void
fill_org(const char *pat, int64_t org, int64_t uid, char *out, size_t len)
{
	size_t k = 0;

	while (*pat && k + 1 < len) {
		if (*pat == '{') {
			const char *end = strchr(pat, '}');

			if (!end)
				break;
			k += (size_t)snprintf(out + k, len - k, "%lld", strncmp(pat, "{id}", 4) == 0 ?
			    (long long)org : strncmp(pat, "{user}", 6) == 0 ||
			    strncmp(pat, "{rid}", 5) == 0 ? (long long)uid : 1LL);
			pat = end + 1;
			continue;
		}
		out[k++] = *pat++;
	}
	out[k < len ? k : len - 1] = '\0';
}

/*
 * Every route that acts on one organization, tried against organization B
 * by the people of organization A: its admin and a member who is no admin.
 * Each is refused (403, or 404 for what only concerns one's own
 * memberships), B's person is still one of its people, and B keeps its name.
 * Reading a profile or its logo and asking to join are everyone's, so left
 * out.  The same admin may remove a person of A: the refusals are about the
 * organization.
 */
static void
test_others_organization(void **state)
{
	static const char *const form[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL };
	int64_t a = org_made("Walk Org A", "KE", "al@walk-a.example");
	int64_t b = org_made("Walk Org B", "SN", "bo@walk-b.example");
	int64_t admin_a = person_of("admin-a@walk.example", a);
	int64_t member_a = person_of("member-a@walk.example", a);
	int64_t person_b = person_of("person-b@walk.example", b);
	struct ts_browser *actors[2], *pb;
	const struct ts_res *r;
	const struct route *rt;
	char path[300], body[400];
	int i, tried = 0;

	(void)state;
	snprintf(path, sizeof path, "/organizations/%lld/people/%lld/admin", (long long)a,
	    (long long)admin_a);
	snprintf(body, sizeof body, "csrf=%s&admin=1", ts_csrf(role_browser(ROLE_STAFF)));
	STATUS(ts_req(role_browser(ROLE_STAFF), "POST", path, form, body, strlen(body)), 303);
	actors[0] = signed_in("admin-a@walk.example");
	actors[1] = signed_in("member-a@walk.example");
	for (rt = app_routes; rt->fn; rt++) {
		int api = (rt->flags & RF_API) || strncmp(rt->pattern, "/api/", 5) == 0;

		if (strncmp(rt->pattern, "/organizations/{id}", 19) != 0 &&
		    strncmp(rt->pattern, "/api/v1/organizations/{id}", 26) != 0)
			continue;
		if ((rt->roles & R_ANON) || strstr(rt->pattern, "/join-request"))
			continue;	/* everyone's */
		fill_org(rt->pattern, b, person_b, path, sizeof path);
		for (i = 0; i < 2; i++) {
			long st;

			if (rt->method == HM_GET) {
				r = ts_get(actors[i], path);
			} else if (api) {
				r = ts_api(actors[i], method_names[rt->method], path, NULL,
				    "{\"name\":\"Taken Over\",\"admin\":\"1\"}");
			} else {
				snprintf(body, sizeof body, "csrf=%s&admin=1&listed=0&status=suspended&"
				    "email=evil%%40example.net&name=Taken+Over", ts_csrf(actors[i]));
				r = ts_req(actors[i], method_names[rt->method], path, form, body,
				    strlen(body));
			}
			st = r->status;
			if (st != 403 && st != 404)
				printf("# %s %s as %s of A: %ld: %.300s\n", method_names[rt->method],
				    path, i ? "a member" : "the admin", st, r->body);
			assert_true(st == 403 || st == 404);
			tried++;
		}
	}
	assert_true(tried >= 20);
	pb = signed_in("person-b@walk.example");
	STATUS(ts_get(pb, "/organizations"), 200);
	snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)b);
	r = ts_api(pb, "GET", path, NULL, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "Walk Org B"));
	assert_false(ts_has(r, "Taken Over"));

	/* in A, its admin may */
	snprintf(path, sizeof path, "/organizations/%lld/people/%lld/remove", (long long)a,
	    (long long)member_a);
	snprintf(body, sizeof body, "csrf=%s", ts_csrf(actors[0]));
	STATUS(ts_req(actors[0], "POST", path, form, body, strlen(body)), 303);
	STATUS(ts_get(actors[1], "/organizations"), 403);
	for (i = 0; i < 2; i++)
		ts_browser_free(actors[i]);
	ts_browser_free(pb);
}

/*
 * Every route of one resource (issue 13), tried against a resource that a
 * member of organization B submitted (not yet published) by everyone who
 * is not of B: a visitor, an applicant, a state focal point, the admin and
 * a member of organization A, an expert.  Each gets a 404 for reading it
 * or opening its edit form (its existence is not told; the route table
 * keeps the form from visitors, applicants and focal points first) and
 * 401, 403 or 404 for acting on it; B's person still sees it as it was,
 * and staff see it; both open its edit form.
 */
static void
test_others_resource(void **state)
{
	int64_t a = org_made("Walk Res A", "GH", "al@walk-ra.example");
	int64_t b = org_made("Walk Res B", "TG", "bo@walk-rb.example");
	static const enum role who_role[6] = { ROLE_ANON, ROLE_APPLICANT, ROLE_FOCAL,
		ROLE_MEMBER, ROLE_MEMBER, ROLE_MEMBER };
	struct ts_browser *pb, *who[6];
	const struct route *rt;
	const struct ts_res *r;
	char path[300], body[300];
	json_t *j;
	int64_t id;
	int i, tried = 0;

	(void)state;
	(void)person_of("admin-ra@walk.example", a);
	(void)person_of("member-ra@walk.example", a);
	(void)person_of("person-rb@walk.example", b);
	pb = signed_in("person-rb@walk.example");
	snprintf(body, sizeof body, "{\"title\":\"Walk B notes\",\"kind\":\"report\","
	    "\"link\":\"https://example.org/walk\",\"organization_id\":%lld}", (long long)b);
	r = ts_api(pb, "POST", "/api/v1/resources", NULL, body);
	STATUS(r, 201);
	j = ts_json(r);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	assert_true(id > 0);
	who[0] = ts_browser_new(&srv, "127.0.0.32");
	who[1] = role_browser(ROLE_APPLICANT);
	who[2] = role_browser(ROLE_FOCAL);
	who[3] = signed_in("admin-ra@walk.example");
	who[4] = signed_in("member-ra@walk.example");
	who[5] = expert_browser();
	for (rt = app_routes; rt->fn; rt++) {
		if (strncmp(rt->pattern, "/api/v1/resources/{id}", 22) != 0 &&
		    strncmp(rt->pattern, "/resources/{id}", 15) != 0)
			continue;
		fill_org(rt->pattern, id, 0, path, sizeof path);
		for (i = 0; i < 6; i++) {
			long st;
			/* a page the route table keeps from the walker (the edit
			 * form: members and staff) refuses before it looks */
			int kept = rt->method == HM_GET && !(rt->roles & (1u << who_role[i]));

			r = rt->method == HM_GET ? ts_api(who[i], "GET", path, NULL, NULL) :
			    ts_api(who[i], method_names[rt->method], path, NULL,
			    "{\"title\":\"Taken Over\",\"reason\":\"taken over\"}");
			st = r->status;
			if (rt->method == HM_GET && !kept ? st != 404 :
			    (st != 401 && st != 403 && st != 404 && !(kept && st == 303)))
				printf("# %s %s as walker %d: %ld: %.300s\n", method_names[rt->method],
				    path, i, st, r->body);
			assert_true(rt->method == HM_GET && !kept ? st == 404 :
			    (st == 401 || st == 403 || st == 404 || (kept && st == 303)));
			tried++;
		}
	}
	/* its edit form: B's person who submitted it, and staff */
	snprintf(path, sizeof path, "/resources/%lld/edit", (long long)id);
	r = ts_get(pb, path);
	STATUS(r, 200);
	assert_true(ts_has(r, "Walk B notes"));
	STATUS(ts_get(role_browser(ROLE_STAFF), path), 200);
	assert_true(tried >= 36);
	snprintf(path, sizeof path, "/api/v1/resources/%lld", (long long)id);
	r = ts_api(pb, "GET", path, NULL, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "Walk B notes"));
	assert_false(ts_has(r, "Taken Over"));
	STATUS(ts_api(role_browser(ROLE_STAFF), "GET", path, NULL, NULL), 200);
	for (i = 0; i < 6; i++)
		if (i == 0 || i == 3 || i == 4)
			ts_browser_free(who[i]);
	ts_browser_free(pb);
}

/*
 * Every route of one event (issue 14), tried against events staff made (a
 * draft, a staff-only one, a members' one, each with staff registered
 * where they may be) by everyone who is not staff: a visitor, an
 * applicant, a state focal point, a member, an expert.  Reading an event
 * they may not see, or anyone else's registration, is a 404 (a 401 for
 * the visitor where one must sign in): their existence is not told;
 * changing either is a 401, 403 or 404.  The members' event is read by
 * the member, the expert and the focal point, and its registrations list
 * shows them none of staff's.  An event's calendar is seen as the event
 * is; staff's personal calendar address, with its secret changed by a
 * digit or put under another person's number, is a 404 to everyone.
 * Staff still see everything as it was.
 */
static void
test_others_event(void **state)
{
	struct ts_browser *staff = role_browser(ROLE_STAFF), *who[5];
	const char *vis[3] = { "draft", "staff", "members" };
	int64_t ids[3], rids[3];
	const struct route *rt;
	const struct ts_res *r;
	char path[300], body[400];
	json_t *j;
	int e, i, tried = 0;

	(void)state;
	for (e = 0; e < 3; e++) {
		snprintf(body, sizeof body, "{\"kind\":\"workshop\",\"title\":\"Walk event %s\","
		    "\"timezone\":\"Europe/Vienna\",\"start\":\"2031-05-05T09:00\","
		    "\"end\":\"2031-05-05T12:00\",\"status\":\"%s\",\"visibility\":\"%s\"}",
		    vis[e], e == 0 ? "draft" : "published", e == 0 ? "public" : vis[e]);
		r = ts_api(staff, "POST", "/api/v1/events", NULL, body);
		STATUS(r, 201);
		j = ts_json(r);
		ids[e] = json_integer_value(json_object_get(j, "id"));
		json_decref(j);
		assert_true(ids[e] > 0);
		rids[e] = 0;
		if (e == 0)
			continue;
		snprintf(path, sizeof path, "/api/v1/events/%lld/registrations", (long long)ids[e]);
		r = ts_api(staff, "POST", path, NULL, "{}");
		STATUS(r, 201);
		j = ts_json(r);
		rids[e] = json_integer_value(json_object_get(j, "id"));
		json_decref(j);
	}
	rids[0] = rids[2];	/* another event's: no such registration of the draft */
	who[0] = ts_browser_new(&srv, "127.0.0.32");
	who[1] = role_browser(ROLE_APPLICANT);
	who[2] = role_browser(ROLE_FOCAL);
	who[3] = role_browser(ROLE_MEMBER);
	who[4] = expert_browser();
	for (rt = app_routes; rt->fn; rt++) {
		int regs = strstr(rt->pattern, "/registrations") != NULL;
		int one = strstr(rt->pattern, "{rid}") != NULL;

		/* the pages' forms (/events/{id}/...) are tried as a browser sends
		 * them, their twins at /api/v1; an event's calendar at its own path */
		int ics = strcmp(rt->pattern, "/events/{id}/calendar.ics") == 0;
		int page = strncmp(rt->pattern, "/events/{id}", 12) == 0 && !ics;
		int form = page && rt->method != HM_GET;

		regs |= form && strstr(rt->pattern, "/register") != NULL;
		if (strncmp(rt->pattern, "/api/v1/events/{id}", 19) != 0 && !page && !ics)
			continue;
		for (e = 0; e < 3; e++) {
			if (page && !form)
				snprintf(path, sizeof path, "/api/v1");
			fill_org(rt->pattern, ids[e], rids[e], path + (page && !form ? 7 : 0),
			    sizeof path - (page && !form ? 7 : 0));
			for (i = 0; i < 5; i++) {
				int sees = e == 2 && i >= 2 && !one;
				int signin = i == 0 && !(rt->roles & R_ANON);
				long st;

				if (rt->method == HM_POST && regs && sees)
					continue;	/* theirs to do: events_test.c, events_pages_test.c */
				if (form) {
					static const char *const fh[] = {
						"Content-Type: application/x-www-form-urlencoded", NULL };

					snprintf(body, sizeof body, "csrf=%s&answers.q1=Taken+Over",
					    ts_csrf(who[i]));
					r = ts_req(who[i], "POST", path, fh, body, strlen(body));
				} else {
					r = rt->method == HM_GET ? ts_api(who[i], "GET", path, NULL, NULL) :
					    ts_api(who[i], method_names[rt->method], path, NULL,
					    rt->method == HM_DELETE ? NULL :
					    "{\"title\":\"Taken Over\",\"status\":\"cancelled\"}");
				}
				st = r->status;
				if (rt->method == HM_GET ? st != (sees ? 200 : signin ? 401 : 404) :
				    (st != 401 && st != 403 && st != 404))
					printf("# %s %s as walker %d: %ld: %.300s\n",
					    method_names[rt->method], path, i, st, r->body);
				assert_true(rt->method == HM_GET ? st == (sees ? 200 :
				    signin ? 401 : 404) : (st == 401 || st == 403 || st == 404));
				if (rt->method == HM_GET && regs)
					assert_false(ts_has(r, "Walker staff"));
				tried++;
			}
		}
	}
	assert_true(tried >= 95);
	/* staff's own calendar address: another number, or the secret changed
	 * by a digit, opens nobody's */
	r = ts_api(staff, "POST", "/api/v1/account/calendar-token", NULL, "{}");
	STATUS(r, 201);
	j = ts_json(r);
	snprintf(body, sizeof body, "%s", json_string_value(json_object_get(j, "token")));
	json_decref(j);
	assert_non_null(strchr(body, '-'));
	body[strlen(body) - 1] = body[strlen(body) - 1] == '0' ? '1' : '0';
	for (i = 0; i < 5; i++) {
		snprintf(path, sizeof path, "/calendar/%s.ics", body);
		STATUS(ts_get(who[i], path), 404);
		snprintf(path, sizeof path, "/calendar/%lld%s.ics", (long long)member_id,
		    strchr(body, '-'));
		STATUS(ts_get(who[i], path), 404);
		STATUS(ts_api(who[i], "GET", path, NULL, NULL), 404);
	}
	for (e = 0; e < 3; e++) {
		snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)ids[e]);
		r = ts_api(staff, "GET", path, NULL, NULL);
		STATUS(r, 200);
		assert_true(ts_has(r, "Walk event"));
		assert_false(ts_has(r, "Taken Over"));
		assert_false(ts_has(r, "cancelled"));
		if (e == 0)
			continue;
		snprintf(path, sizeof path, "/api/v1/events/%lld/registrations/%lld",
		    (long long)ids[e], (long long)rids[e]);
		r = ts_api(staff, "GET", path, NULL, NULL);
		STATUS(r, 200);
		assert_true(ts_has(r, "\"confirmed\""));
	}
	ts_browser_free(who[0]);
}

/*
 * Every route of one call for participants (issue 15), tried against a
 * draft call and an open one, with the application an admin of
 * organization B filed for B (with a file answering its file question, cv),
 * by everyone who is not staff: a visitor, an
 * applicant, a state focal point, a member, the admin of another
 * organization, an expert.  Reading a draft, or anyone else's application,
 * is a 404 (a 401 for the visitor where one must sign in), downloading its
 * file too; changing,
 * scoring, deciding or exporting is a 401, 403 or 404.  The open call is
 * read by all, and its applications list shows them none of B's.  Staff
 * still see everything as it was.
 */
static void
test_others_call(void **state)
{
	struct ts_browser *staff = role_browser(ROLE_STAFF), *pb, *who[6];
	int64_t b = org_made("Walk Calls B", "CM", "bo@walk-cb.example");
	int64_t a = org_made("Walk Calls A", "BJ", "al@walk-ca.example");
	int64_t ids[2], aid, pid;
	const struct route *rt;
	const struct ts_res *r;
	char path[300], body[600], tok[129];
	json_t *j;
	int e, i, tried = 0;

	(void)state;
	for (e = 0; e < 2; e++) {
		snprintf(body, sizeof body, "{\"kind\":\"workshop\",\"title\":\"Walk call %d\","
		    "\"timezone\":\"Europe/Vienna\",\"closes\":\"2031-05-05T09:00\","
		    "\"status\":\"%s\",\"criteria\":[{\"name\":\"Fit\"}],\"questions\":"
		    "[{\"id\":\"cv\",\"label\":\"CV\",\"type\":\"file\"}]}", e,
		    e == 0 ? "draft" : "open");
		r = ts_api(staff, "POST", "/api/v1/calls", NULL, body);
		STATUS(r, 201);
		j = ts_json(r);
		ids[e] = json_integer_value(json_object_get(j, "id"));
		json_decref(j);
		assert_true(ids[e] > 0);
	}
	pid = person_of("person-cb@walk.example", b);
	(void)person_of("admin-ca@walk.example", a);
	assert_int_equal(ts_org_admin(staff, b, pid), 0);
	assert_int_equal(ts_org_admin(staff, a, person_of("other-ca@walk.example", a)), 0);
	pb = signed_in("person-cb@walk.example");
	assert_int_equal(ts_token(pb, "person-cb@walk.example", PW, tok, sizeof tok), 0);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)ids[1]);
	snprintf(body, sizeof body, "%lld", (long long)b);
	{
		const struct ts_part parts[] = { { "status", "submitted", 0, NULL, NULL },
			{ "organization_id", body, 0, NULL, NULL },
			{ "answers.cv", "%PDF-1.4\n%%EOF\n", 0, "b-cv.pdf", "application/pdf" } };

		r = ts_multipart_api(pb, "POST", path, tok, parts, 3);
	}
	STATUS(r, 201);
	assert_true(ts_has(r, "b-cv.pdf"));
	j = ts_json(r);
	aid = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	who[0] = ts_browser_new(&srv, "127.0.0.32");
	who[1] = role_browser(ROLE_APPLICANT);
	who[2] = role_browser(ROLE_FOCAL);
	who[3] = role_browser(ROLE_MEMBER);
	who[4] = signed_in("other-ca@walk.example");
	who[5] = expert_browser();
	for (rt = app_routes; rt->fn; rt++) {
		int one = strstr(rt->pattern, "{aid}") != NULL;
		int list = !one && strstr(rt->pattern, "/applications") != NULL &&
		    strstr(rt->pattern, ".csv") == NULL && strstr(rt->pattern, "decisions") == NULL;

		/* the pages' forms (/calls/{id}/...) are tried as a browser sends
		 * them, the call's page at its /api/v1 twin */
		int page = strncmp(rt->pattern, "/calls/{id}", 11) == 0;
		int form = page && rt->method != HM_GET;

		if (strncmp(rt->pattern, "/api/v1/calls/{id}", 18) != 0 &&
		    strncmp(rt->pattern, "/staff/calls/{id}", 17) != 0 && !page)
			continue;
		for (e = 0; e < 2; e++) {
			if (page && !form)
				snprintf(path, sizeof path, "/api/v1");
			fill_org(rt->pattern, ids[e], 0, path + (page && !form ? 7 : 0),
			    sizeof path - (page && !form ? 7 : 0));
			if (one) {	/* {aid}: B's application (of the open call) */
				char *at = strstr(path, "/applications/");

				assert_non_null(at);
				snprintf(at, sizeof path - (size_t)(at - path), "/applications/%lld%s",
				    (long long)aid, strstr(rt->pattern, "/scores") ? "/scores" :
				    strstr(rt->pattern, "/files/") ? "/files/cv" : "");
			}
			for (i = 0; i < 6; i++) {
				int sees = e == 1 && rt->method == HM_GET && !one &&
				    (page || strncmp(rt->pattern, "/api/", 5) == 0) && (i > 0 || !list);
				int signin = i == 0 && !(rt->roles & R_ANON);
				long st;

				if (rt->method == HM_POST && (list || strstr(rt->pattern, "/apply")) &&
				    e == 1)
					continue;	/* theirs to do: calls_test.c */
				if (form) {
					static const char *const fh[] = {
						"Content-Type: application/x-www-form-urlencoded", NULL };

					snprintf(body, sizeof body, "csrf=%s&answers.c1=Taken+Over",
					    ts_csrf(who[i]));
					r = ts_req(who[i], "POST", path, fh, body, strlen(body));
				} else {
					r = rt->method == HM_GET ? ts_api(who[i], "GET", path, NULL,
					    NULL) : ts_api(who[i], method_names[rt->method], path, NULL,
					    rt->method == HM_DELETE ? NULL : "{\"title\":\"Taken Over\","
					    "\"status\":\"withdrawn\",\"ids\":[1],\"decision\":"
					    "\"decline\",\"scores\":{\"c1\":5}}");
				}
				st = r->status;
				int ok = sees ? st == 200 : rt->method == HM_GET && (page ||
				    strncmp(rt->pattern, "/api/", 5) == 0) ? st == (signin ? 401 : 404) :
				    (st == 401 || st == 403 || st == 404 || (st == 303 && i == 0));

				if (!ok)
					printf("# %s %s as walker %d: %ld: %.300s\n",
					    method_names[rt->method], path, i, st, r->body);
				assert_true(ok);
				if (sees)
					assert_false(ts_has(r, "person-cb@walk.example"));
				tried++;
			}
		}
	}
	assert_true(tried >= 100);
	/* staff see the calls and B's application as they were */
	for (e = 0; e < 2; e++) {
		snprintf(path, sizeof path, "/api/v1/calls/%lld", (long long)ids[e]);
		r = ts_api(staff, "GET", path, NULL, NULL);
		STATUS(r, 200);
		assert_true(ts_has(r, "Walk call"));
		assert_false(ts_has(r, "Taken Over"));
	}
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld", (long long)ids[1],
	    (long long)aid);
	r = ts_api(staff, "GET", path, NULL, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "\"submitted\""));
	assert_true(ts_has(r, "person-cb@walk.example"));
	assert_false(ts_has(r, "\"c1\""));
	/* its file is there, for staff and its person */
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld/files/cv",
	    (long long)ids[1], (long long)aid);
	r = ts_api(staff, "GET", path, NULL, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "%PDF-1.4"));
	STATUS(ts_api(pb, "GET", path, tok, NULL), 200);
	ts_browser_free(who[0]);
	ts_browser_free(who[4]);
	ts_browser_free(pb);
}

/*
 * Every route of one pilot initiative (issue 17), tried against an
 * initiative whose partner is organization B by those who take no part
 * in it: a visitor, an applicant, a state focal point, a member, the
 * admin of another organization, an expert.  Its public page and JSON
 * answer everyone without its space's updates or its drafts; its space
 * is 401 (a visitor) or 403; every write is refused; staff see it as it
 * was.  {pid} and {oid} are 1: B's participation and the draft.
 */
/* pattern for initiative id, its update uid ({uid}) and output oid
 * ({oid}), anything else 1. */
static void
fill_ini(const char *pat, int64_t id, int64_t uid, int64_t oid, char *out, size_t len)
{
	size_t k = 0;

	while (*pat && k + 1 < len) {
		if (*pat == '{') {
			const char *end = strchr(pat, '}');

			if (!end)
				break;
			k += (size_t)snprintf(out + k, len - k, "%lld", strncmp(pat, "{id}", 4) == 0 ?
			    (long long)id : strncmp(pat, "{uid}", 5) == 0 ? (long long)uid :
			    strncmp(pat, "{oid}", 5) == 0 ? (long long)oid : 1LL);
			pat = end + 1;
			continue;
		}
		out[k++] = *pat++;
	}
	out[k < len ? k : len - 1] = '\0';
}

static void
test_others_initiative(void **state)
{
	struct ts_browser *staff = role_browser(ROLE_STAFF), *pb, *who[6];
	int64_t b = org_made("Walk Initiative B", "KE", "bo@walk-ib.example");
	int64_t a = org_made("Walk Initiative A", "UG", "al@walk-ia.example");
	const struct route *rt;
	const struct ts_res *r;
	char path[300], body[300], tok[129];
	int64_t id, uid, oid;
	json_t *j;
	int i, tried = 0;

	(void)state;
	r = ts_api(staff, "POST", "/api/v1/initiatives", NULL, "{\"country\":\"KE\","
	    "\"title\":\"Walk initiative\",\"status\":\"active\"}");
	STATUS(r, 201);
	j = ts_json(r);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/participants", (long long)id);
	snprintf(body, sizeof body, "{\"kind\":\"organization\",\"organization_id\":%lld}",
	    (long long)b);
	STATUS(ts_api(staff, "POST", path, NULL, body), 201);
	(void)person_of("person-ib@walk.example", b);
	assert_int_equal(ts_org_admin(staff, a, person_of("admin-ia@walk.example", a)), 0);
	pb = signed_in("person-ib@walk.example");
	assert_int_equal(ts_token(pb, "person-ib@walk.example", PW, tok, sizeof tok), 0);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/updates", (long long)id);
	r = ts_api(pb, "POST", path, tok, "{\"body\":\"Walk secret update\"}");
	STATUS(r, 201);
	j = ts_json(r);
	uid = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/outputs", (long long)id);
	r = ts_api(pb, "POST", path, tok, "{\"kind\":\"recommendations\","
	    "\"title\":\"Walk draft output\",\"body\":\"Not yet.\"}");
	STATUS(r, 201);
	j = ts_json(r);
	oid = json_integer_value(json_object_get(json_array_get(json_object_get(j, "outputs"),
	    0), "id"));
	json_decref(j);
	assert_true(uid > 0 && oid > 0);
	who[0] = ts_browser_new(&srv, "127.0.0.32");
	who[1] = role_browser(ROLE_APPLICANT);
	who[2] = role_browser(ROLE_FOCAL);
	who[3] = role_browser(ROLE_MEMBER);
	who[4] = signed_in("admin-ia@walk.example");
	who[5] = expert_browser();
	for (rt = app_routes; rt->fn; rt++) {
		int page = strncmp(rt->pattern, "/initiatives/{id}", 17) == 0;
		int staffp = strncmp(rt->pattern, "/staff/initiatives/{id}", 23) == 0;
		int form = (page || staffp) && rt->method != HM_GET;
		int edit = page && strstr(rt->pattern, "/edit") != NULL;	/* no twin */
		int space = strstr(rt->pattern, "/space") != NULL || edit;
		int twin = page && !form && !edit;

		if (strncmp(rt->pattern, "/api/v1/initiatives/{id}", 24) != 0 && !page && !staffp)
			continue;
		if (twin)
			snprintf(path, sizeof path, "/api/v1");
		fill_ini(rt->pattern, id, uid, oid, path + (twin ? 7 : 0), sizeof path - (twin ? 7 : 0));
		for (i = 0; i < 6; i++) {
			int sees = rt->method == HM_GET && !space && !staffp;
			long st;
			int ok;

			if (form) {
				static const char *const fh[] = {
					"Content-Type: application/x-www-form-urlencoded", NULL };

				snprintf(body, sizeof body, "csrf=%s&title=Taken+Over&body=Taken+Over&"
				    "kind=organization&organization_id=1&audience=public",
				    ts_csrf(who[i]));
				r = ts_req(who[i], "POST", path, fh, body, strlen(body));
			} else {
				r = rt->method == HM_GET ? ts_api(who[i], "GET", path, NULL, NULL) :
				    ts_api(who[i], method_names[rt->method], path, NULL,
				    rt->method == HM_DELETE ? NULL : "{\"title\":\"Taken Over\","
				    "\"body\":\"Taken Over\",\"kind\":\"expert\",\"user_id\":1,"
				    "\"audience\":\"public\"}");
			}
			st = r->status;
			if (sees)
				ok = st == 200;
			else if (rt->method == HM_GET && !staffp)
				ok = st == (i == 0 ? 401 : 403) || (edit && i == 0 && st == 303);
			else
				ok = st == 401 || st == 403 || (st == 303 && i == 0);
			if (!ok)
				printf("# %s %s as walker %d: %ld: %.300s\n", method_names[rt->method],
				    path, i, st, r->body);
			assert_true(ok);
			if (sees) {
				assert_false(ts_has(r, "Walk secret update"));
				assert_false(ts_has(r, "Walk draft output"));
			}
			tried++;
		}
	}
	assert_true(tried >= 60);
	/* staff see it as it was */
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/space", (long long)id);
	r = ts_api(staff, "GET", path, NULL, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "Walk secret update"));
	assert_true(ts_has(r, "\"total\":1"));
	assert_true(ts_has(r, "Walk draft output"));
	assert_true(ts_has(r, "\"participants_count\":1"));
	assert_false(ts_has(r, "Taken Over"));
	assert_false(ts_has(r, "\"status\":\"published\""));
	ts_browser_free(who[0]);
	ts_browser_free(who[4]);
	ts_browser_free(pb);
}

/*
 * A course's completion and certificate (issue 18), tried by everyone but
 * the participant of organization B who completed it: a visitor, an
 * applicant, a focal point, a member, an admin of organization A and an
 * expert, none enrolled.  The progress (where the certificate is linked)
 * is refused (401, 403); staff's completion rates and their CSV are
 * refused (401 or a sign-in for a visitor, 403); the certificate itself is
 * everyone's to confirm, and says nothing of B's person but what it
 * certifies (no address, no id).
 */
static void
test_others_certificate(void **state)
{
	struct ts_browser *staff = role_browser(ROLE_STAFF), *pb, *who[6];
	int64_t b = org_made("Lantern Scholars Circle", "TZ", "bo@lantern-cb.example");
	int64_t a = org_made("Harbour Learning Guild", "RW", "al@harbour-ca.example");
	const struct route *rt;
	const struct ts_res *r;
	char path[300], body[400], tok[129], code[64] = "";
	int64_t id, mid, lid, kid, uid, now;
	json_t *j;
	int i, tried = 0;

	(void)state;
	r = ts_api(staff, "POST", "/api/v1/courses", NULL, "{\"title\":\"Walk course\","
	    "\"status\":\"published\",\"complete_quizzes\":false,\"complete_tasks\":false}");
	STATUS(r, 201);
	j = ts_json(r);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/modules", (long long)id);
	r = ts_api(staff, "POST", path, NULL, "{\"title\":\"Walk module\"}");
	STATUS(r, 201);
	j = ts_json(r);
	mid = json_integer_value(json_object_get(json_array_get(json_object_get(j, "modules"),
	    0), "id"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/modules/%lld/lessons", (long long)id,
	    (long long)mid);
	r = ts_api(staff, "POST", path, NULL, "{\"title\":\"Walk lesson\",\"kind\":\"markdown\","
	    "\"body\":\"Walk.\"}");
	STATUS(r, 201);
	j = ts_json(r);
	lid = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	r = ts_req(staff, "POST", "/_test/clock?advance=0", NULL, "", 0);
	STATUS(r, 200);
	now = strtoll(r->body, NULL, 10);
	{
		char from[40], to[40];
		time_t t0 = (time_t)(now - 86400), t1 = (time_t)(now + 30 * 86400);
		struct tm tm;

		strftime(from, sizeof from, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t0, &tm));
		strftime(to, sizeof to, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t1, &tm));
		snprintf(body, sizeof body, "{\"course_id\":%lld,\"title\":\"Walk cohort\","
		    "\"timezone\":\"UTC\",\"start\":\"%s\",\"end\":\"%s\"}", (long long)id,
		    from, to);
	}
	r = ts_api(staff, "POST", "/api/v1/cohorts", NULL, body);
	if (r->status != 201)
		printf("# cohort: %ld: %.300s\n", r->status, r->body);
	STATUS(r, 201);
	j = ts_json(r);
	kid = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	uid = person_of("person-kb@walk.example", b);
	assert_int_equal(ts_org_admin(staff, a, person_of("admin-ka@walk.example", a)), 0);
	snprintf(path, sizeof path, "/api/v1/cohorts/%lld/enrolments", (long long)kid);
	snprintf(body, sizeof body, "{\"user_id\":%lld}", (long long)uid);
	STATUS(ts_api(staff, "POST", path, NULL, body), 201);
	pb = signed_in("person-kb@walk.example");
	assert_int_equal(ts_token(pb, "person-kb@walk.example", PW, tok, sizeof tok), 0);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/lessons/%lld", (long long)id,
	    (long long)lid);
	STATUS(ts_api(pb, "GET", path, tok, NULL), 200);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/progress", (long long)id);
	r = ts_api(pb, "GET", path, tok, NULL);
	STATUS(r, 200);
	j = ts_json(r);
	snprintf(code, sizeof code, "%s", json_string_value(json_object_get(json_object_get(j,
	    "certificate"), "code")) ? json_string_value(json_object_get(json_object_get(j,
	    "certificate"), "code")) : "");
	json_decref(j);
	assert_int_equal(strlen(code), 26);

	who[0] = ts_browser_new(&srv, "127.0.0.32");
	who[1] = role_browser(ROLE_APPLICANT);
	who[2] = role_browser(ROLE_FOCAL);
	who[3] = role_browser(ROLE_MEMBER);
	who[4] = signed_in("admin-ka@walk.example");
	who[5] = expert_browser();
	for (rt = app_routes; rt->fn; rt++) {
		int cert = strncmp(rt->pattern, "/certificates/", 14) == 0;
		int progress = strcmp(rt->pattern, "/courses/{id}/progress") == 0;
		int rates = strncmp(rt->pattern, "/staff/courses/{id}/completion", 30) == 0;
		const char *p = rt->pattern;
		size_t k = 0;

		if (!cert && !progress && !rates)
			continue;
		if (rt->flags & RF_TWIN)
			k = (size_t)snprintf(path, sizeof path, "/api/v1");
		for (; *p && k + 1 < sizeof path; ) {
			if (*p == '{') {
				if (cert)
					k += (size_t)snprintf(path + k, sizeof path - k, "%s", code);
				else
					k += (size_t)snprintf(path + k, sizeof path - k, "%lld",
					    (long long)id);
				p = strchr(p, '}') + 1;
				continue;
			}
			path[k++] = *p++;
		}
		path[k] = '\0';
		for (i = 0; i < 6; i++) {
			long st;
			int ok;

			r = ts_api(who[i], "GET", path, NULL, NULL);
			st = r->status;
			if (cert)
				ok = st == 200;
			else if (rates)
				ok = st == 403 || (i == 0 && (st == 401 || st == 303));
			else
				ok = st == (i == 0 ? 401 : 403);
			if (!ok)
				printf("# GET %s as walker %d: %ld: %.300s\n", path, i, st, r->body);
			assert_true(ok);
			/* the certificate names them (the walk's names are addresses),
			 * and says nothing else of them */
			assert_false(ts_has(r, "\"email\""));
			assert_false(ts_has(r, "\"user_id\""));
			tried++;
		}
	}
	assert_true(tried >= 30);
	ts_browser_free(who[0]);
	ts_browser_free(who[4]);
	ts_browser_free(pb);
}

/*
 * Every staff route on one constructive dialogue ({id} under
 * /api/v1/dialogues and /staff/dialogues: editing it, the Extended
 * Bureau's decisions, its summary, inviting a focal point, the
 * participants' page), tried on a dialogue staff made by a visitor, an
 * applicant, a focal point, a member, an organization's admin and an
 * expert: each refused (401 or a sign-in for a visitor, 403), and nothing
 * written -- no invitation, no summary, the title as it was.
 */
static void
test_others_dialogue_staff(void **state)
{
	static const char *const fh[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL };
	struct ts_browser *staff = role_browser(ROLE_STAFF), *who[6];
	int64_t a = org_made("Walk Dialogue A", "GH", "al@walk-da.example");
	int64_t sess, prep, ev, call, id;
	const struct route *rt;
	const struct ts_res *r;
	char path[300], body[600];
	json_t *j;
	int i, tried = 0;

	(void)state;
#define MADE(out, p, b) do { \
	r = ts_api(staff, "POST", (p), NULL, (b)); \
	STATUS(r, 201); \
	j = ts_json(r); \
	(out) = json_integer_value(json_object_get(j, "id")); \
	json_decref(j); \
} while (0)
	MADE(sess, "/api/v1/meetings", "{\"body\":\"untoc_wg\",\"working_group\":"
	    "\"firearms\",\"number\":978,\"title\":\"Walk working group\",\"timezone\":"
	    "\"Europe/Vienna\",\"start\":\"2031-05-19T10:00\",\"end\":\"2031-05-21T18:00\","
	    "\"status\":\"published\"}");
	MADE(prep, "/api/v1/events", "{\"kind\":\"workshop\",\"title\":\"Walk prep day\","
	    "\"timezone\":\"Europe/Vienna\",\"start\":\"2031-05-22T09:00\",\"end\":"
	    "\"2031-05-22T17:00\",\"status\":\"published\"}");
	MADE(ev, "/api/v1/events", "{\"kind\":\"workshop\",\"title\":\"Walk dialogue day\","
	    "\"timezone\":\"Europe/Vienna\",\"start\":\"2031-05-23T09:00\",\"end\":"
	    "\"2031-05-23T17:00\",\"status\":\"published\"}");
	MADE(call, "/api/v1/calls", "{\"kind\":\"dialogue\",\"title\":\"Walk dialogue call\","
	    "\"timezone\":\"Europe/Vienna\",\"closes\":\"2031-04-01T23:59\",\"status\":"
	    "\"open\"}");
	snprintf(body, sizeof body, "{\"title\":\"Walk dialogue\",\"meeting_id\":%lld,"
	    "\"prep_event_id\":%lld,\"event_id\":%lld,\"call_id\":%lld,\"inputs_close\":"
	    "\"2031-06-30T18:00\",\"countries\":[\"KE\"]}", (long long)sess, (long long)prep,
	    (long long)ev, (long long)call);
	MADE(id, "/api/v1/dialogues", body);
#undef MADE
	assert_int_equal(ts_org_admin(staff, a, person_of("admin-da@walk.example", a)), 0);
	who[0] = ts_browser_new(&srv, "127.0.0.32");
	who[1] = role_browser(ROLE_APPLICANT);
	who[2] = role_browser(ROLE_FOCAL);
	who[3] = role_browser(ROLE_MEMBER);
	who[4] = signed_in("admin-da@walk.example");
	who[5] = expert_browser();
	for (rt = app_routes; rt->fn; rt++) {
		int page = strncmp(rt->pattern, "/staff/dialogues/{id}", 21) == 0;

		if ((strncmp(rt->pattern, "/api/v1/dialogues/{id}", 22) != 0 && !page) ||
		    rt->roles != R_STAFFS)
			continue;
		fill_org(rt->pattern, id, 0, path, sizeof path);
		for (i = 0; i < 6; i++) {
			long st;

			if (page && rt->method != HM_GET) {
				snprintf(body, sizeof body, "csrf=%s&user_id=1&ids=1&decision=approved&"
				    "summary=Taken+Over&title=Taken+Over", ts_csrf(who[i]));
				r = ts_req(who[i], "POST", path, fh, body, strlen(body));
			} else {
				r = ts_api(who[i], method_names[rt->method], path, NULL,
				    rt->method == HM_GET ? NULL : "{\"user_id\":1,\"ids\":[1],"
				    "\"decision\":\"approved\",\"summary\":\"Taken Over\","
				    "\"title\":\"Taken Over\"}");
			}
			st = r->status;
			if (!(st == 401 || st == 403 || (st == 303 && i == 0)))
				printf("# %s %s as walker %d: %ld: %.300s\n", method_names[rt->method],
				    path, i, st, r->body);
			assert_true(st == 401 || st == 403 || (st == 303 && i == 0));
			tried++;
		}
	}
	assert_true(tried >= 60);
	/* staff find it as it was */
	snprintf(path, sizeof path, "/api/v1/staff/dialogues/%lld/participants", (long long)id);
	r = ts_api(staff, "GET", path, NULL, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "\"invitations\":[]"));
	assert_false(ts_has(r, "Taken Over"));
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld", (long long)id);
	r = ts_api(staff, "GET", path, NULL, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "\"title\":\"Walk dialogue\""));
	assert_true(ts_has(r, "\"summary\":null"));
	ts_browser_free(who[0]);
	ts_browser_free(who[4]);
}

/*
 * Every route on one side event of a session (issue 16: {sid}), tried
 * against organization B's proposal by everyone but B's admins: a visitor,
 * an applicant, a focal point, a member, an admin of organization A and an
 * expert.  Each is refused (401 or a sign-in for a visitor, 403 for a route
 * not theirs, 404 for a proposal they may not see), and staff find B's
 * proposal as it was.
 */
static void
test_others_side_event(void **state)
{
	static const char *const fh[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL };
	struct ts_browser *staff = role_browser(ROLE_STAFF), *pb, *who[6];
	int64_t b = org_made("Walk Side B", "CM", "bo@walk-sb.example");
	int64_t a = org_made("Walk Side A", "BJ", "al@walk-sa.example");
	int64_t id, sid, pid;
	const struct route *rt;
	const struct ts_res *r;
	char path[300], body[600], tok[129];
	json_t *j;
	int i, tried = 0;

	(void)state;
	r = ts_api(staff, "POST", "/api/v1/meetings", NULL, "{\"body\":\"other\",\"number\":977,"
	    "\"title\":\"Walk session\",\"timezone\":\"Europe/Vienna\",\"start\":"
	    "\"2031-05-19T10:00\",\"end\":\"2031-05-23T18:00\",\"status\":\"published\","
	    "\"eligibility\":\"members\",\"side_events_closes\":\"2031-04-01T18:00\","
	    "\"side_event_slots\":[{\"start\":\"2031-05-19T13:15\",\"end\":\"2031-05-19T14:30\","
	    "\"room\":\"M3\"}]}");
	STATUS(r, 201);
	j = ts_json(r);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	pid = person_of("person-sb@walk.example", b);
	assert_int_equal(ts_org_admin(staff, b, pid), 0);
	assert_int_equal(ts_org_admin(staff, a, person_of("admin-sa@walk.example", a)), 0);
	pb = signed_in("person-sb@walk.example");
	assert_int_equal(ts_token(pb, "person-sb@walk.example", PW, tok, sizeof tok), 0);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/side-events", (long long)id);
	snprintf(body, sizeof body, "{\"organization_id\":%lld,\"title\":\"B's side event\","
	    "\"abstract\":\"What organization B will show.\",\"format\":\"online\","
	    "\"language\":\"en\",\"preferred_slots\":[1]}", (long long)b);
	r = ts_api(pb, "POST", path, tok, body);
	STATUS(r, 201);
	j = ts_json(r);
	sid = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	who[0] = ts_browser_new(&srv, "127.0.0.32");
	who[1] = role_browser(ROLE_APPLICANT);
	who[2] = role_browser(ROLE_FOCAL);
	who[3] = role_browser(ROLE_MEMBER);
	who[4] = signed_in("admin-sa@walk.example");
	who[5] = expert_browser();
	for (rt = app_routes; rt->fn; rt++) {
		const char *at = strstr(rt->pattern, "{sid}");
		int form = strncmp(rt->pattern, "/api/", 5) != 0 && rt->method != HM_GET;

		if (!at)
			continue;
		snprintf(path, sizeof path, "%.*s%lld%.*s%lld%s",
		    (int)(strstr(rt->pattern, "{id}") - rt->pattern), rt->pattern, (long long)id,
		    (int)(at - strstr(rt->pattern, "{id}") - 4), strstr(rt->pattern, "{id}") + 4,
		    (long long)sid, at + 5);
		for (i = 0; i < 6; i++) {
			long st;
			int ok;

			if (form) {
				snprintf(body, sizeof body, "csrf=%s&title=Taken+Over&withdraw=1",
				    ts_csrf(who[i]));
				r = ts_req(who[i], "POST", path, fh, body, strlen(body));
			} else {
				r = ts_api(who[i], method_names[rt->method], path, NULL,
				    rt->method == HM_GET || rt->method == HM_DELETE ? NULL :
				    "{\"title\":\"Taken Over\",\"decision\":\"decline\","
				    "\"message\":\"Taken over\"}");
			}
			st = r->status;
			ok = st == 401 || st == 403 || st == 404 || (st == 303 && i == 0);
			if (!ok)
				printf("# %s %s as walker %d: %ld: %.300s\n",
				    method_names[rt->method], path, i, st, r->body);
			assert_true(ok);
			tried++;
		}
	}
	assert_true(tried >= 30);
	/* staff see B's proposal as it was */
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/side-events/%lld", (long long)id,
	    (long long)sid);
	r = ts_api(staff, "GET", path, NULL, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "\"status\":\"pending\""));
	assert_true(ts_has(r, "B's side event"));
	assert_false(ts_has(r, "Taken Over"));
	ts_browser_free(who[0]);
	ts_browser_free(who[4]);
	ts_browser_free(pb);
}

/*
 * Requests to speak (issue 16) tried against someone else's: B's admin asks
 * to speak at a session; a visitor, an applicant, a focal point, a member,
 * an admin of another organization (A) and an expert try every route of
 * requests to speak and speakers' lists with B's request.  None sees it
 * (the list of requests is their own: B's is not in it), changes it,
 * withdraws it, allocates or publishes; B's request is as it was.
 */
static void
test_others_speaking(void **state)
{
	static const char *const fh[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL };
	struct ts_browser *staff = role_browser(ROLE_STAFF), *pb, *who[6];
	int64_t b = org_made("Walk Speak B", "GH", "bo@walk-spb.example");
	int64_t a = org_made("Walk Speak A", "TG", "al@walk-spa.example");
	int64_t id, rid, pid;
	const struct route *rt;
	const struct ts_res *r;
	char path[300], body[600];
	json_t *j;
	int i, tried = 0;

	(void)state;
	r = ts_api(staff, "POST", "/api/v1/meetings", NULL, "{\"body\":\"cnd\",\"number\":"
	    "901,\"title\":\"Walk session\",\"timezone\":\"Europe/Vienna\",\"start\":"
	    "\"2031-03-10T10:00\",\"end\":\"2031-03-14T18:00\",\"status\":\"published\","
	    "\"eligibility\":\"members\",\"speaking_closes\":\"2031-03-01T18:00\","
	    "\"agenda\":[{\"number\":\"3\",\"title\":\"General debate\",\"statements\":"
	    "true,\"minutes\":20}]}");
	STATUS(r, 201);
	j = ts_json(r);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	pid = person_of("person-spb@walk.example", b);
	assert_int_equal(ts_org_admin(staff, b, pid), 0);
	assert_int_equal(ts_org_admin(staff, a, person_of("other-spa@walk.example", a)), 0);
	pb = signed_in("person-spb@walk.example");
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/speaking-requests", (long long)id);
	snprintf(body, sizeof body, "{\"organization_id\":%lld,\"item\":\"3\","
	    "\"speaker_name\":\"Bea Speaker\",\"summary\":\"What B has to say on item 3.\","
	    "\"minutes\":5}", (long long)b);
	r = ts_api(pb, "POST", path, NULL, body);
	STATUS(r, 201);
	j = ts_json(r);
	rid = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	who[0] = ts_browser_new(&srv, "127.0.0.32");
	who[1] = role_browser(ROLE_APPLICANT);
	who[2] = role_browser(ROLE_FOCAL);
	who[3] = role_browser(ROLE_MEMBER);
	who[4] = signed_in("other-spa@walk.example");
	who[5] = expert_browser();
	for (rt = app_routes; rt->fn; rt++) {
		int page = strncmp(rt->pattern, "/meetings/{id}/speak", 20) == 0;
		int staffs = strncmp(rt->pattern, "/staff/meetings/{id}/speakers", 29) == 0;
		int apis = strncmp(rt->pattern, "/api/v1/meetings/{id}/speak", 27) == 0;
		const char *p = rt->pattern;
		size_t k = 0;

		if (!page && !staffs && !apis)
			continue;
		/* {id}: the session; {rid}: B's request */
		while (*p && k + 1 < sizeof path) {
			if (strncmp(p, "{id}", 4) == 0) {
				k += (size_t)snprintf(path + k, sizeof path - k, "%lld", (long long)id);
				p += 4;
			} else if (strncmp(p, "{rid}", 5) == 0) {
				k += (size_t)snprintf(path + k, sizeof path - k, "%lld", (long long)rid);
				p += 5;
			} else {
				path[k++] = *p++;
			}
		}
		path[k] = '\0';
		for (i = 0; i < 6; i++) {
			long st;
			int ok;

			if (rt->method != HM_GET && !apis) {
				snprintf(body, sizeof body, "csrf=%s&item=3&r%lld.decision=decline&"
				    "r%lld.reason=Taken+Over&publish=1&speaker_name=Taken+Over",
				    ts_csrf(who[i]), (long long)rid, (long long)rid);
				r = ts_req(who[i], "POST", path, fh, body, strlen(body));
			} else if (rt->method == HM_GET) {
				r = ts_req(who[i], "GET", path, NULL, NULL, 0);
			} else {
				snprintf(body, sizeof body, "{\"item\":\"3\",\"speaker_name\":"
				    "\"Taken Over\",\"requests\":[{\"id\":%lld,\"decision\":"
				    "\"decline\",\"reason\":\"Taken Over\"}],\"publish\":true}",
				    (long long)rid);
				r = ts_api(who[i], method_names[rt->method], path, NULL,
				    rt->method == HM_DELETE ? NULL : body);
			}
			st = r->status;
			if (rt->method == HM_GET && (rt->roles & R_ANON))
				ok = st == 200;	/* the published lists: none yet */
			else if (rt->method == HM_GET && strstr(rt->pattern, "/new"))
				ok = (i == 0 && st == 303) || st == 200;	/* the form, to their own */
			else if (rt->method == HM_GET && apis && !strstr(rt->pattern, "{rid}"))
				ok = i == 0 ? st == 401 : st == 200;	/* their own requests */
			else
				ok = st == 401 || st == 403 || st == 404 || st == 422 ||
				    (st == 303 && i == 0);
			if (!ok)
				printf("# %s %s as walker %d: %ld: %.300s\n",
				    method_names[rt->method], path, i, st, r->body);
			assert_true(ok);
			assert_false(ts_has(r, "Bea Speaker"));
			tried++;
		}
	}
	assert_true(tried >= 60);
	/* B's request is as it was */
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/speaking-requests/%lld", (long long)id,
	    (long long)rid);
	r = ts_api(staff, "GET", path, NULL, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "\"status\":\"pending\""));
	assert_true(ts_has(r, "Bea Speaker"));
	assert_false(ts_has(r, "Taken Over"));
	STATUS(ts_api(pb, "GET", path, NULL, NULL), 200);
	ts_browser_free(who[0]);
	ts_browser_free(who[4]);
	ts_browser_free(pb);
}

/*
 * Every route on a cohort's discussion (issue 18: /courses/{id}/cohorts/
 * {kid}/...), tried against a cohort in which B's person answered a task,
 * by everyone who is none of its participants, tutors or staff: a
 * visitor, an applicant, a focal point, a member, an admin of
 * organization A and an expert.  Each is refused (401, or a sign-in for a
 * visitor, 403 otherwise), and staff find B's answer as it was, with no
 * reply and no mark.
 */
static void
test_others_discussion(void **state)
{
	static const char *const fh[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL };
	struct ts_browser *staff = role_browser(ROLE_STAFF), *pb, *who[6];
	int64_t b = org_made("Walk Learners Bureau", "RW", "bo@walk-dsb.example");
	int64_t a = org_made("Walk Cohort Alliance", "TZ", "al@walk-dsa.example");
	int64_t course, mid, tid, kid, pid, person;
	const struct route *rt;
	const struct ts_res *r;
	char path[300], body[600], tok[129];
	json_t *j;
	int i, tried = 0;

	(void)state;
	r = ts_api(staff, "POST", "/api/v1/courses", NULL, "{\"title\":\"Walk course\","
	    "\"status\":\"published\"}");
	STATUS(r, 201);
	j = ts_json(r);
	course = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/modules", (long long)course);
	r = ts_api(staff, "POST", path, NULL, "{\"title\":\"Walk module\"}");
	STATUS(r, 201);
	j = ts_json(r);
	mid = json_integer_value(json_object_get(json_array_get(json_object_get(j, "modules"), 0),
	    "id"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/modules/%lld/task", (long long)course,
	    (long long)mid);
	r = ts_api(staff, "POST", path, NULL, "{\"title\":\"Walk task\"}");
	STATUS(r, 201);
	j = ts_json(r);
	tid = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(body, sizeof body, "{\"course_id\":%lld,\"title\":\"Walk cohort\",\"timezone\":"
	    "\"UTC\",\"start\":\"2020-01-01T00:00:00Z\",\"end\":\"2099-01-01T00:00:00Z\"}",
	    (long long)course);
	r = ts_api(staff, "POST", "/api/v1/cohorts", NULL, body);
	STATUS(r, 201);
	j = ts_json(r);
	kid = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	person = person_of("person-dis@walk.example", b);
	snprintf(path, sizeof path, "/api/v1/cohorts/%lld/enrolments", (long long)kid);
	snprintf(body, sizeof body, "{\"user_id\":%lld}", (long long)person);
	STATUS(ts_api(staff, "POST", path, NULL, body), 201);
	assert_int_equal(ts_org_admin(staff, a, person_of("admin-dis@walk.example", a)), 0);
	pb = signed_in("person-dis@walk.example");
	assert_int_equal(ts_token(pb, "person-dis@walk.example", PW, tok, sizeof tok), 0);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/cohorts/%lld/tasks/%lld/answer",
	    (long long)course, (long long)kid, (long long)tid);
	r = ts_api(pb, "POST", path, tok, "{\"body\":\"Walk secret plan\"}");
	STATUS(r, 201);
	j = ts_json(r);
	pid = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	who[0] = ts_browser_new(&srv, "127.0.0.32");
	who[1] = role_browser(ROLE_APPLICANT);
	who[2] = role_browser(ROLE_FOCAL);
	who[3] = role_browser(ROLE_MEMBER);
	who[4] = signed_in("admin-dis@walk.example");
	who[5] = expert_browser();
	for (rt = app_routes; rt->fn; rt++) {
		const char *pat = rt->pattern, *p;
		int page = strncmp(pat, "/courses/{id}/cohorts/{kid}/", 28) == 0;
		int api = strncmp(pat, "/api/v1/courses/{id}/cohorts/{kid}/", 35) == 0;
		int form = page && rt->method != HM_GET;
		size_t k = 0;

		if (!page && !api)
			continue;
		/* the enrolment and leaving forms are the course page's, tried by
		 * the cohort walks (test_others_course) */
		if (strstr(pat, "/enrol") || strstr(pat, "/leave"))
			continue;
		if (page && !form)
			k = (size_t)snprintf(path, sizeof path, "/api/v1");
		for (p = pat; *p && k + 24 < sizeof path; ) {
			if (*p == '{') {
				long long v = strncmp(p, "{id}", 4) == 0 ? course : strncmp(p, "{kid}", 5) ==
				    0 ? kid : strncmp(p, "{tid}", 5) == 0 ? tid : pid;

				k += (size_t)snprintf(path + k, sizeof path - k, "%lld", v);
				p = strchr(p, '}') + 1;
				continue;
			}
			path[k++] = *p++;
		}
		path[k] = '\0';
		for (i = 0; i < 6; i++) {
			long st;
			int ok;

			if (form) {
				snprintf(body, sizeof body, "csrf=%s&body=Taken+Over&decision=complete&"
				    "comment=Taken+Over", ts_csrf(who[i]));
				r = ts_req(who[i], "POST", path, fh, body, strlen(body));
			} else {
				r = rt->method == HM_GET ? ts_api(who[i], "GET", path, NULL, NULL) :
				    ts_api(who[i], method_names[rt->method], path, NULL,
				    "{\"body\":\"Taken Over\",\"decision\":\"complete\","
				    "\"comment\":\"Taken Over\"}");
			}
			st = r->status;
			ok = st == (i == 0 ? 401 : 403) || (i == 0 && form && st == 303);
			if (!ok)
				printf("# %s %s as walker %d: %ld: %.300s\n", method_names[rt->method],
				    path, i, st, r->body);
			assert_true(ok);
			assert_false(ts_has(r, "Walk secret plan"));
			tried++;
		}
	}
	assert_true(tried >= 48);
	/* staff see it as it was: no reply, no mark */
	snprintf(path, sizeof path, "/api/v1/courses/%lld/cohorts/%lld/discussion",
	    (long long)course, (long long)kid);
	r = ts_api(staff, "GET", path, NULL, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "Walk secret plan"));
	assert_true(ts_has(r, "\"status\":\"submitted\""));
	assert_true(ts_has(r, "\"replies\":[]"));
	assert_false(ts_has(r, "Taken Over"));
	ts_browser_free(who[0]);
	ts_browser_free(who[4]);
	ts_browser_free(pb);
}

/*
 * Every route of one conversation (/messages/{id}, its API twin and the
 * API's calls), tried against a conversation between staff and a member
 * of an organization by everyone who is neither: a visitor, an
 * applicant, a focal point, a member, an admin (staff, but not one of
 * its two people) and an expert.  A visitor is refused (401, or a
 * sign-in), an applicant 403, the others find nothing (404); nobody reads
 * the words, and the member finds the conversation as it was: two
 * messages, not blocked.
 */
static void
test_others_messages(void **state)
{
	static const char *const fh[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL };
	struct ts_browser *staff = role_browser(ROLE_STAFF), *pb, *who[6];
	int64_t org = org_made("Walk Msgs Keepers", "UG", "mk@walk-msgs.example");
	int64_t person = person_of("person-msg@walk-msgs.example", org), conv;
	const struct route *rt;
	const struct ts_res *r;
	char path[300], body[600], tok[129];
	json_t *j;
	int i, tried = 0;

	(void)state;
	snprintf(body, sizeof body, "{\"to\":%lld,\"body\":\"Walk private words\"}",
	    (long long)person);
	r = ts_api(staff, "POST", "/api/v1/messages", NULL, body);
	STATUS(r, 201);
	j = ts_json(r);
	conv = json_integer_value(json_object_get(j, "conversation_id"));
	json_decref(j);
	pb = signed_in("person-msg@walk-msgs.example");
	assert_int_equal(ts_token(pb, "person-msg@walk-msgs.example", PW, tok, sizeof tok), 0);
	snprintf(path, sizeof path, "/api/v1/messages/%lld", (long long)conv);
	STATUS(ts_api(pb, "POST", path, tok, "{\"body\":\"Walk private answer\"}"), 201);
	who[0] = ts_browser_new(&srv, "127.0.0.32");
	who[1] = role_browser(ROLE_APPLICANT);
	who[2] = role_browser(ROLE_FOCAL);
	who[3] = role_browser(ROLE_MEMBER);
	who[4] = role_browser(ROLE_ADMIN);
	who[5] = expert_browser();
	for (rt = app_routes; rt->fn; rt++) {
		const char *pat = rt->pattern;
		int page = strncmp(pat, "/messages/{id}", 14) == 0;
		int api = strncmp(pat, "/api/v1/messages/{id}", 21) == 0;
		int twin;

		if (!page && !api)
			continue;
		for (twin = 0; twin <= (page && rt->method == HM_GET); twin++) {
			int form = page && !twin && rt->method != HM_GET;

			snprintf(path, sizeof path, "%s%s", twin ? "/api/v1" : "", pat);
			snprintf(strstr(path, "{id}"), sizeof path - (size_t)(strstr(path, "{id}") -
			    path), "%lld%s", (long long)conv, strstr(pat, "{id}") + 4);
			for (i = 0; i < 6; i++) {
				long st, want = i == 0 ? 401 : i == 1 ? 403 : 404;
				int ok;

				if (form) {
					snprintf(body, sizeof body, "csrf=%s&body=Taken+Over&reason=Taken+"
					    "Over", ts_csrf(who[i]));
					r = ts_req(who[i], "POST", path, fh, body, strlen(body));
				} else if (rt->method == HM_GET && !twin && !api) {
					r = ts_get(who[i], path);
				} else {
					r = rt->method == HM_GET ? ts_api(who[i], "GET", path, NULL, NULL) :
					    ts_api(who[i], method_names[rt->method], path, NULL,
					    "{\"body\":\"Taken Over\",\"reason\":\"Taken Over\"}");
				}
				st = r->status;
				ok = st == want || (i == 0 && !twin && !api && st == 303);
				if (!ok)
					printf("# %s %s as walker %d: %ld, want %ld: %.300s\n",
					    method_names[rt->method], path, i, st, want, r->body);
				assert_true(ok);
				assert_false(ts_has(r, "Walk private"));
				tried++;
			}
		}
	}
	assert_true(tried >= 60);
	/* the member finds it as it was */
	snprintf(path, sizeof path, "/api/v1/messages/%lld", (long long)conv);
	r = ts_api(pb, "GET", path, tok, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "\"total\":2"));
	assert_true(ts_has(r, "\"blocked\":false"));
	assert_false(ts_has(r, "Taken Over"));
	STATUS(ts_api(staff, "GET", "/api/v1/staff/messages?status=all", NULL, NULL), 200);
	assert_false(ts_has(ts_api(staff, "GET", "/api/v1/staff/messages?status=all", NULL,
	    NULL), "Walk private"));
	ts_browser_free(who[0]);
	ts_browser_free(pb);
}

/*
 * Every route of one partner request (/partners/requests/{id}/accept and
 * /decline, and their API), tried against a pending request between two
 * organizations by everyone who may not answer it: a visitor, an
 * applicant, a focal point, a member, an admin of a third organization,
 * an expert, staff and the asking organization's own admin.  A visitor is
 * refused (401), an applicant and a focal point 403, the others 403 or
 * 404; nobody reads the note, and the request is still pending.
 */
static void
test_others_partners(void **state)
{
	static const char *const fh[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL };
	struct ts_browser *staff = role_browser(ROLE_STAFF), *who[8];
	int64_t a = org_made("Walk Kestrel Askers", "ZM", "pa@walk-kestrel.example");
	int64_t b = org_made("Walk Osprey Answerers", "MW", "pb@walk-osprey.example");
	int64_t c = org_made("Walk Plover Bystanders", "MZ", "pc@walk-plover.example");
	int64_t id;
	const struct route *rt;
	const struct ts_res *r;
	char path[300], body[600];
	json_t *j;
	int i, tried = 0;

	(void)state;
	assert_int_equal(ts_org_admin(staff, a, person_of("admin-pa@walk-ptn.example", a)), 0);
	assert_int_equal(ts_org_admin(staff, b, person_of("admin-pb@walk-ptn.example", b)), 0);
	assert_int_equal(ts_org_admin(staff, c, person_of("admin-pc@walk-ptn.example", c)), 0);
	who[0] = signed_in("admin-pa@walk-ptn.example");
	snprintf(body, sizeof body, "{\"org\":%lld,\"to\":%lld,\"note\":\"Walk partner note\"}",
	    (long long)a, (long long)b);
	r = ts_api(who[0], "POST", "/api/v1/partners/requests", NULL, body);
	STATUS(r, 201);
	j = ts_json(r);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	who[1] = ts_browser_new(&srv, "127.0.0.32");
	who[2] = role_browser(ROLE_APPLICANT);
	who[3] = role_browser(ROLE_FOCAL);
	who[4] = role_browser(ROLE_MEMBER);
	who[5] = signed_in("admin-pc@walk-ptn.example");
	who[6] = expert_browser();
	who[7] = staff;
	for (rt = app_routes; rt->fn; rt++) {
		const char *pat = rt->pattern;
		int page = strncmp(pat, "/partners/requests/{id}", 23) == 0;
		int api = strncmp(pat, "/api/v1/partners/requests/{id}", 30) == 0;

		if (!page && !api)
			continue;
		snprintf(path, sizeof path, "%s", pat);
		snprintf(strstr(path, "{id}"), sizeof path - (size_t)(strstr(path, "{id}") - path),
		    "%lld%s", (long long)id, strstr(pat, "{id}") + 4);
		for (i = 0; i < 8; i++) {
			long st;
			int ok;

			if (page) {
				snprintf(body, sizeof body, "csrf=%s", ts_csrf(who[i]));
				r = ts_req(who[i], "POST", path, fh, body, strlen(body));
			} else {
				r = ts_api(who[i], "POST", path, NULL, "{}");
			}
			st = r->status;
			ok = i == 1 ? st == 401 : i == 2 || i == 3 ? st == 403 : st == 403 || st == 404;
			if (!ok)
				printf("# POST %s as walker %d: %ld: %.300s\n", path, i, st, r->body);
			assert_true(ok);
			assert_false(ts_has(r, "Walk partner note"));
			tried++;
		}
	}
	assert_true(tried >= 32);
	r = ts_api(staff, "GET", "/api/v1/staff/partners?status=pending", NULL, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "Walk partner note"));
	ts_browser_free(who[0]);
	ts_browser_free(who[1]);
	ts_browser_free(who[5]);
}

/* pat with {id} as id, the course's {mid}, {lid}, {qid} and {kid} as
 * given, anything else 1. */
static void
fill_course(const char *pat, int64_t id, const int64_t ids[4], char *out, size_t len)
{
	static const char *const names[] = { "{mid}", "{lid}", "{qid}", "{kid}" };
	size_t k = 0;
	int n;

	while (*pat && k + 1 < len) {
		if (*pat == '{') {
			const char *end = strchr(pat, '}');
			long long v = strncmp(pat, "{id}", 4) == 0 ? (long long)id : 1LL;

			if (!end)
				break;
			for (n = 0; n < 4; n++)
				if (strncmp(pat, names[n], 5) == 0)
					v = (long long)ids[n];
			k += (size_t)snprintf(out + k, len - k, "%lld", v);
			pat = end + 1;
			continue;
		}
		out[k++] = *pat++;
	}
	out[k < len ? k : len - 1] = '\0';
}

/*
 * Every route of one course (issue 18: {id}, its {mid}, {lid}, {qid} and
 * cohort {kid}, and /api/v1/cohorts/{id}), tried against a course whose
 * running cohort is another's by everyone else: a visitor, an applicant,
 * a focal point, a member, an admin of another organization and an
 * expert.  The outline and the cohort are everyone's, without a lesson's
 * text, a quiz's answers or the participant's name; the rest is refused
 * (401 or a sign-in for a visitor, 403, and a cohort's enrolments are
 * only one's own: none); staff find the course, the participant's attempt
 * and enrolment as they were.
 */
static void
test_others_course_outsiders(void **state)
{
	struct ts_browser *staff = role_browser(ROLE_STAFF), *pb, *who[6];
	int64_t b = org_made("Walk Course B", "RW", "bo@walk-crb.example");
	int64_t a = org_made("Walk Course A", "TZ", "al@walk-cra.example");
	int64_t id, kid, pid, ids[4];
	const struct route *rt;
	const struct ts_res *r;
	char path[300], body[400], tok[129];
	json_t *j;
	int i, tried = 0;

	(void)state;
	r = ts_api(staff, "POST", "/api/v1/courses", NULL, "{\"title\":\"Walk course\","
	    "\"status\":\"published\"}");
	STATUS(r, 201);
	j = ts_json(r);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/modules", (long long)id);
	r = ts_api(staff, "POST", path, NULL, "{\"title\":\"Walk module\"}");
	STATUS(r, 201);
	j = ts_json(r);
	ids[0] = json_integer_value(json_object_get(json_array_get(json_object_get(j, "modules"),
	    0), "id"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/modules/%lld/lessons", (long long)id,
	    (long long)ids[0]);
	r = ts_api(staff, "POST", path, NULL, "{\"title\":\"Walk lesson\",\"kind\":\"markdown\","
	    "\"body\":\"Walk secret lesson\",\"minutes\":5}");
	STATUS(r, 201);
	j = ts_json(r);
	ids[1] = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/modules/%lld/quiz", (long long)id,
	    (long long)ids[0]);
	r = ts_api(staff, "POST", path, NULL, "{\"title\":\"Walk quiz\",\"attempts_max\":2,"
	    "\"questions\":[{\"text\":\"Walk?\",\"kind\":\"single\",\"answers\":[{\"text\":"
	    "\"Yes\",\"correct\":true,\"feedback\":\"Walk secret feedback\"},{\"text\":\"No\"}]}]}");
	STATUS(r, 201);
	j = ts_json(r);
	ids[2] = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(body, sizeof body, "{\"course_id\":%lld,\"title\":\"Walk cohort\",\"timezone\":"
	    "\"UTC\",\"start\":\"2000-01-01T00:00\",\"end\":\"2999-01-01T00:00\"}", (long long)id);
	r = ts_api(staff, "POST", "/api/v1/cohorts", NULL, body);
	STATUS(r, 201);
	j = ts_json(r);
	kid = ids[3] = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	pid = person_of("person-crb@walk.example", b);
	snprintf(path, sizeof path, "/api/v1/cohorts/%lld/enrolments", (long long)kid);
	snprintf(body, sizeof body, "{\"user_id\":%lld}", (long long)pid);
	STATUS(ts_api(staff, "POST", path, NULL, body), 201);
	pb = signed_in("person-crb@walk.example");
	assert_int_equal(ts_token(pb, "person-crb@walk.example", PW, tok, sizeof tok), 0);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/quizzes/%lld/attempts", (long long)id,
	    (long long)ids[2]);
	STATUS(ts_api(pb, "POST", path, tok, "{\"attempt\":1,\"answers\":{}}"), 201);
	assert_int_equal(ts_org_admin(staff, a, person_of("admin-cra@walk.example", a)), 0);
	who[0] = ts_browser_new(&srv, "127.0.0.32");
	who[1] = role_browser(ROLE_APPLICANT);
	who[2] = role_browser(ROLE_FOCAL);
	who[3] = role_browser(ROLE_MEMBER);
	who[4] = signed_in("admin-cra@walk.example");
	who[5] = expert_browser();
	for (rt = app_routes; rt->fn; rt++) {
		int page = strncmp(rt->pattern, "/courses/{id}", 13) == 0;
		int staffp = strncmp(rt->pattern, "/staff/courses/{id}", 19) == 0;
		int cohort = strncmp(rt->pattern, "/api/v1/cohorts/{id}", 20) == 0;
		int form = (page || staffp) && rt->method != HM_GET;
		int outline = strcmp(rt->pattern, "/courses/{id}") == 0 ||
		    strcmp(rt->pattern, "/api/v1/courses/{id}") == 0 ||
		    strcmp(rt->pattern, "/api/v1/cohorts/{id}") == 0;
		int mine = strcmp(rt->pattern, "/api/v1/cohorts/{id}/enrolments") == 0 &&
		    rt->method == HM_GET;

		if (strncmp(rt->pattern, "/api/v1/courses/{id}", 20) != 0 && !page && !staffp &&
		    !cohort)
			continue;
		/* leaving is one's own enrolment's, tried by test_others_course; the
		 * shared tasks' routes by test_others_discussion */
		if (strstr(rt->pattern, "/leave") || strstr(rt->pattern, "{tid}") ||
		    strstr(rt->pattern, "{pid}"))
			continue;
		if (page && !form)
			snprintf(path, sizeof path, "/api/v1");
		fill_course(rt->pattern, cohort ? kid : id, ids, path + (page && !form ? 7 : 0),
		    sizeof path - (page && !form ? 7 : 0));
		for (i = 0; i < 6; i++) {
			int sees = rt->method == HM_GET && (outline || (mine && i > 0));
			long st;
			int ok;

			if (form) {
				static const char *const fh[] = {
					"Content-Type: application/x-www-form-urlencoded", NULL };

				snprintf(body, sizeof body, "csrf=%s&title=Taken+Over&attempt=1&"
				    "email=person-crb%%40walk.example&direction=up", ts_csrf(who[i]));
				r = ts_req(who[i], "POST", path, fh, body, strlen(body));
			} else {
				snprintf(body, sizeof body, "{\"title\":\"Taken Over\",\"user_id\":%lld,"
				    "\"attempt\":2,\"answers\":{},\"status\":\"draft\"}", (long long)pid);
				r = rt->method == HM_GET ? ts_api(who[i], "GET", path, NULL, NULL) :
				    ts_api(who[i], method_names[rt->method], path, NULL,
				    rt->method == HM_DELETE ? NULL : body);
			}
			st = r->status;
			if (sees)
				ok = st == 200;
			else if (rt->method == HM_GET && !staffp)
				ok = st == (i == 0 ? 401 : 403);
			else
				ok = st == 401 || st == 403 || (st == 303 && i == 0);
			if (!ok)
				printf("# %s %s as walker %d: %ld: %.300s\n", method_names[rt->method],
				    path, i, st, r->body);
			assert_true(ok);
			assert_false(ts_has(r, "Walk secret lesson"));
			assert_false(ts_has(r, "Walk secret feedback"));
			assert_false(ts_has(r, "person-crb@walk.example"));
			if (mine && i > 0)
				assert_true(ts_has(r, "\"total\":0"));
			tried++;
		}
	}
	assert_true(tried >= 150);
	/* staff find it all as it was */
	snprintf(path, sizeof path, "/api/v1/courses/%lld", (long long)id);
	r = ts_api(staff, "GET", path, NULL, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "\"title\":\"Walk course\""));
	assert_true(ts_has(r, "Walk secret lesson"));
	assert_false(ts_has(r, "Taken Over"));
	snprintf(path, sizeof path, "/api/v1/cohorts/%lld/enrolments", (long long)kid);
	r = ts_api(staff, "GET", path, NULL, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "\"total\":1"));
	snprintf(path, sizeof path, "/api/v1/courses/%lld/quizzes/%lld", (long long)id,
	    (long long)ids[2]);
	r = ts_api(pb, "GET", path, tok, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "\"attempts_used\":1"));
	ts_browser_free(who[0]);
	ts_browser_free(who[4]);
	ts_browser_free(pb);
}

/*
 * The history of an organization (issue 11) against a real one, page and
 * JSON twin, for each role: a visitor (sign in / 401), an applicant, a
 * state focal point, a member of another organization, a member of it
 * who is no admin, an expert (403 each), its admin and staff (200).  An unknown
 * organization is 404 even for staff.
 */
static void
test_history_roles(void **state)
{
	static const char *const form[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL };
	int64_t a = org_made("Walk History A", "GH", "al@walk-ha.example");
	int64_t b = org_made("Walk History B", "TG", "bo@walk-hb.example");
	int64_t admin_a = person_of("admin-ha@walk.example", a);
	struct hrow {
		const char *who;
		struct ts_browser *br;
		long page, twin;
	} rows[8];
	char page[96], twin[128], body[300];
	const struct ts_res *r;
	size_t i, n = 0;

	(void)state;
	(void)person_of("member-ha@walk.example", a);
	(void)person_of("member-hb@walk.example", b);
	snprintf(page, sizeof page, "/organizations/%lld/people/%lld/admin", (long long)a,
	    (long long)admin_a);
	snprintf(body, sizeof body, "csrf=%s&admin=1", ts_csrf(role_browser(ROLE_STAFF)));
	STATUS(ts_req(role_browser(ROLE_STAFF), "POST", page, form, body, strlen(body)), 303);
	rows[n++] = (struct hrow){ "a visitor", ts_browser_new(&srv, "127.0.0.32"), 303, 401 };
	rows[n++] = (struct hrow){ "an applicant", role_browser(ROLE_APPLICANT), 403, 403 };
	rows[n++] = (struct hrow){ "a state focal point", role_browser(ROLE_FOCAL), 403, 403 };
	rows[n++] = (struct hrow){ "a member of another organization",
	    signed_in("member-hb@walk.example"), 403, 403 };
	rows[n++] = (struct hrow){ "a member who is no admin",
	    signed_in("member-ha@walk.example"), 403, 403 };
	rows[n++] = (struct hrow){ "its admin", signed_in("admin-ha@walk.example"), 200, 200 };
	rows[n++] = (struct hrow){ "staff", role_browser(ROLE_STAFF), 200, 200 };
	(void)expert_made("expert-ha@walk.example", "History Expert");
	rows[n++] = (struct hrow){ "an expert", signed_in("expert-ha@walk.example"), 403, 403 };
	snprintf(page, sizeof page, "/organizations/%lld/history", (long long)a);
	snprintf(twin, sizeof twin, "/api/v1%s", page);
	for (i = 0; i < n; i++) {
		r = ts_get(rows[i].br, page);
		if (r->status != rows[i].page)
			printf("# %s as %s: %ld, want %ld\n", page, rows[i].who, r->status,
			    rows[i].page);
		assert_int_equal(r->status, rows[i].page);
		if (r->status == 200)
			assert_true(ts_has(r, "Walk History A"));
		r = ts_api(rows[i].br, "GET", twin, NULL, NULL);
		if (r->status != rows[i].twin)
			printf("# %s as %s: %ld, want %ld\n", twin, rows[i].who, r->status,
			    rows[i].twin);
		assert_int_equal(r->status, rows[i].twin);
		if (r->status == 200)	/* made admin by staff */
			assert_true(ts_has(r, "\"organization.admin_added\""));
		else
			HEADER_HAS(r, "Content-Type", "application/problem+json");
	}
	r = ts_api(role_browser(ROLE_STAFF), "GET", "/api/v1/organizations/99999999/history",
	    NULL, NULL);
	STATUS(r, 404);
	ts_browser_free(rows[0].br);
	for (i = 3; i < 6; i++)
		ts_browser_free(rows[i].br);
	ts_browser_free(rows[7].br);
}

/* ---- people: an expert's profile ------------------------------------- */

/* An approved expert (issue 11): an account that applies at /join as an
 * expert, approved by staff; their user id. */
static int64_t
expert_made(const char *email, const char *name)
{
	struct ts_browser *b;
	const struct ts_res *r;
	char path[96];
	long long app = 0;
	int64_t uid;
	json_t *j, *it;
	size_t k;

	uid = ts_user_add(db_url, email, name, "applicant", PW);
	assert_true(uid > 0);
	b = signed_in(email);
	r = ts_form(b, "/join", "action", "submit", "as", "expert", "name", name,
	    "country", "KE", "themes", "corruption", "biography", "Walks every route.",
	    "contact_email", email, "consent", "1", (char *)NULL);
	STATUS(r, 200);
	ts_browser_free(b);
	r = ts_get(role_browser(ROLE_STAFF), "/api/v1/applications?status=pending&kind=expert");
	STATUS(r, 200);
	j = ts_json(r);
	json_array_foreach(json_object_get(j, "items"), k, it) {
		const char *e = json_string_value(json_object_get(json_object_get(it, "applicant"),
		    "email"));

		if (e && strcmp(e, email) == 0)
			app = json_integer_value(json_object_get(it, "id"));
	}
	json_decref(j);
	assert_true(app > 0);
	snprintf(path, sizeof path, "/staff/applications/%lld/approve", app);
	STATUS(ts_form(role_browser(ROLE_STAFF), path, (char *)NULL), 303);
	return uid;
}

/*
 * Every route of /people, tried against a real expert's profile by a
 * visitor, an applicant, a member of an organization, a member of another
 * organization, a state focal point, the expert and staff.  Everyone reads
 * the profile; the list is the members' space (focal points and staff
 * included); only the expert and staff edit it, and after the walk the
 * expert's name is still theirs.
 */
static void
test_people_walk(void **state)
{
	static const char *const form[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL };
	enum who { W_VISITOR, W_APPLICANT, W_MEMBER, W_OTHER, W_FOCAL, W_EXPERT, W_EXPERT2,
		W_STAFF, W__MAX };
	static const char *const names[] = { "a visitor", "an applicant", "a member",
		"a member of another organization", "a focal point", "the expert",
		"another expert", "staff" };
	struct ts_browser *b[W__MAX], *expert;
	const struct ts_res *r;
	const struct route *rt;
	char path[300], body[400];
	long long uid;
	int64_t org;
	int i, tried = 0;

	(void)state;
	uid = expert_made("expert@walk.example", "Walker Expert");
	expert = signed_in("expert@walk.example");
	(void)expert_made("expert2@walk.example", "Second Walker");

	org = org_made("Walk Org People", "GH", "al@walk-people.example");
	person_of("other@walk-people.example", org);
	b[W_VISITOR] = role_browser(ROLE_ANON);
	b[W_APPLICANT] = role_browser(ROLE_APPLICANT);
	b[W_MEMBER] = role_browser(ROLE_MEMBER);
	b[W_OTHER] = signed_in("other@walk-people.example");
	b[W_FOCAL] = role_browser(ROLE_FOCAL);
	b[W_EXPERT] = expert;
	b[W_EXPERT2] = signed_in("expert2@walk.example");
	b[W_STAFF] = role_browser(ROLE_STAFF);
	for (rt = app_routes; rt->fn; rt++) {
		int api = (rt->flags & RF_API) != 0, twin;

		if (strncmp(rt->pattern, "/people", 7) != 0 &&
		    strncmp(rt->pattern, "/api/v1/people", 14) != 0)
			continue;
		for (twin = 0; twin <= ((rt->flags & RF_TWIN) ? 1 : 0); twin++)
			for (i = 0; i < W__MAX; i++) {
				int list = strcmp(rt->pattern, "/people") == 0;
				int edit = strstr(rt->pattern, "edit") || rt->method == HM_PATCH;
				int json = api || twin;
				long want, st;

				snprintf(path, sizeof path, "%s%s", twin ? "/api/v1" : "", rt->pattern);
				if (strstr(path, "{id}"))
					snprintf(strstr(path, "{id}"), sizeof path - (size_t)(strstr(path,
					    "{id}") - path), "%lld%s", uid, strstr(rt->pattern, "{id}") + 4);
				if (rt->method == HM_GET) {
					r = ts_get(b[i], path);
				} else if (json) {
					r = ts_api(b[i], method_names[rt->method], path, NULL,
					    "{\"expert\":{\"name\":\"Taken Over\"}}");
				} else {
					snprintf(body, sizeof body, "csrf=%s&name=Taken+Over&country=KE&"
					    "contact_email=evil%%40example.net", ts_csrf(b[i]));
					r = ts_req(b[i], method_names[rt->method], path, form, body,
					    strlen(body));
				}
				st = r->status;
				if (i == W_VISITOR && (list || edit))
					want = rt->method == HM_GET && !json ? 303 : 401;
				else if (list && i == W_APPLICANT)
					want = 403;
				else if (edit && i != W_EXPERT && i != W_STAFF)
					want = 403;
				else if (edit && rt->method != HM_GET)
					want = json ? 200 : 303;	/* theirs: saved */
				else
					want = 200;
				if (st != want)
					printf("# %s %s as %s: %ld, want %ld: %.300s\n",
					    method_names[rt->method], path, names[i], st, want, r->body);
				assert_int_equal(st, want);
				tried++;
				if (rt->method == HM_GET)
					continue;
				snprintf(path, sizeof path, "/api/v1/people/%lld", uid);
				if (want == 200 || want == 303) {	/* theirs: set back */
					r = ts_api(expert, "PATCH", path, NULL, "{\"expert\":{\"name\":"
					    "\"Walker Expert\"},\"contact\":{\"email\":"
					    "\"expert@walk.example\"}}");
					STATUS(r, 200);
				}
				r = ts_get(expert, path);	/* what was refused did nothing */
				STATUS(r, 200);
				assert_true(ts_has(r, "Walker Expert"));
				assert_false(ts_has(r, "Taken Over"));
				assert_false(ts_has(r, "evil@example.net"));
			}
	}
	assert_true(tried >= 6 * W__MAX);
	ts_browser_free(expert);
	ts_browser_free(b[W_OTHER]);
	ts_browser_free(b[W_EXPERT2]);
}

/* ---- leaving and deleting -------------------------------------------- */

/*
 * Leaving an organization and deleting an account (issue 11), tried
 * against another organization and another person by a visitor, an
 * applicant, a member of another organization, a focal point, an expert
 * and staff, as forms and as JSON.  Leaving an organization one is not in
 * is 404 (401 signed out) and its person stays in it; deleting with a wrong
 * password while naming that person is 403 (401 signed out), and everyone
 * is still signed in.  An account that deletes itself with its password
 * while naming that person deletes itself only; an expert's profile goes
 * with it (it was still shown, name, contact and all, until people_forget).
 */
static void
test_leave_delete_roles(void **state)
{
	enum who { W_VISITOR, W_APPLICANT, W_OTHER, W_FOCAL, W_EXPERT, W_STAFF, W__MAX };
	static const char *const names[] = { "a visitor", "an applicant",
		"a member of another organization", "a focal point", "an expert", "staff" };
	int64_t a = org_made("Walk Leave A", "BJ", "al@walk-la.example");
	int64_t b = org_made("Walk Leave B", "NE", "bo@walk-lb.example");
	int64_t victim = person_of("victim-lb@walk.example", b);
	struct ts_browser *br[W__MAX], *self;
	const struct ts_res *r;
	char leave[96], api_leave[128], who[24], json[160];
	int i, pass;

	(void)state;
	(void)person_of("member-la@walk.example", a);
	(void)expert_made("expert-l@walk.example", "Leaving Expert");
	/* accounts of their own: wrong passwords count in the sign-in back-off */
	assert_true(ts_user_add(db_url, "applicant-l@walk.example", "Leaving Applicant",
	    "applicant", PW) > 0);
	assert_true(ts_user_add(db_url, "focal-l@walk.example", "Leaving Focal", "focal",
	    PW) > 0);
	assert_true(ts_user_add(db_url, "staff-l@walk.example", "Leaving Staff", "staff",
	    PW) > 0);
	br[W_VISITOR] = ts_browser_new(&srv, "127.0.0.32");
	br[W_APPLICANT] = signed_in("applicant-l@walk.example");
	br[W_OTHER] = signed_in("member-la@walk.example");
	br[W_FOCAL] = signed_in("focal-l@walk.example");
	br[W_EXPERT] = signed_in("expert-l@walk.example");
	br[W_STAFF] = signed_in("staff-l@walk.example");
	snprintf(leave, sizeof leave, "/organizations/%lld/leave", (long long)b);
	snprintf(api_leave, sizeof api_leave, "/api/v1%s", leave);
	snprintf(who, sizeof who, "%lld", (long long)victim);
	snprintf(json, sizeof json, "{\"password\":\"not-the-password\",\"user\":%lld,"
	    "\"id\":%lld}", (long long)victim, (long long)victim);
	for (i = 0; i < W__MAX; i++) {
		long gone = i == W_VISITOR ? 401 : 404, wrong = i == W_VISITOR ? 401 : 403;

		for (pass = 0; pass < 4; pass++) {
			const char *what = pass == 0 ? leave : pass == 1 ? api_leave :
			    pass == 2 ? "/account/delete" : "DELETE /api/v1/me";
			long want = pass < 2 ? gone : wrong;

			if (pass == 0)
				r = ts_form(br[i], leave, "user", who, (char *)NULL);
			else if (pass == 1)
				r = ts_api(br[i], "POST", api_leave, NULL, json);
			else if (pass == 2)
				r = ts_form(br[i], "/account/delete", "password", "not-the-password",
				    "user", who, "id", who, (char *)NULL);
			else
				r = ts_api(br[i], "DELETE", "/api/v1/me", NULL, json);
			if (r->status != want)
				printf("# %s as %s: %ld, want %ld: %.300s\n", what, names[i],
				    r->status, want, r->body);
			assert_int_equal(r->status, want);
			if (pass == 1 || pass == 3)
				HEADER_HAS(r, "Content-Type", "application/problem+json");
		}
		if (i != W_VISITOR)	/* still signed in */
			STATUS(ts_get(br[i], "/api/v1/me"), 200);
	}
	/* the person is still one of B's people, and still signs in */
	self = signed_in("victim-lb@walk.example");
	r = ts_get(self, "/api/v1/me");
	STATUS(r, 200);
	assert_true(ts_has(r, "Walk Leave B"));
	ts_browser_free(self);

	/* deleting oneself while naming them: oneself only, form and JSON; the
	 * second is an expert, whose profile goes with the account */
	for (pass = 0; pass < 2; pass++) {
		const char *email = pass ? "self-api@walk.example" : "self-form@walk.example";
		int64_t me = pass ? expert_made(email, "Self Deleting Expert") :
		    ts_user_add(db_url, email, "Self Deleter", "applicant", PW);
		char profile[64];

		assert_true(me > 0);
		snprintf(profile, sizeof profile, "/api/v1/people/%lld", (long long)me);
		STATUS(ts_get(role_browser(ROLE_STAFF), profile), pass ? 200 : 404);
		self = signed_in(email);
		if (pass) {
			snprintf(json, sizeof json, "{\"password\":\"%s\",\"user\":%lld}", PW,
			    (long long)victim);
			STATUS(ts_api(self, "DELETE", "/api/v1/me", NULL, json), 204);
		} else {
			r = ts_form(self, "/account/delete", "password", PW, "user", who, "id", who,
			    (char *)NULL);
			STATUS(r, 200);
			assert_true(ts_has(r, "Your account is deleted"));
		}
		STATUS(ts_get(self, "/api/v1/me"), 401);
		ts_browser_free(self);
		r = ts_get(role_browser(ROLE_STAFF), profile);
		if (r->status != 404)
			printf("# %s after deleting: %ld: %.300s\n", profile, r->status, r->body);
		STATUS(r, 404);
		r = ts_get(role_browser(ROLE_STAFF), "/api/v1/people?q=Deleting");
		STATUS(r, 200);
		assert_false(ts_has(r, "Self Deleting Expert"));
		self = ts_browser_new(&srv, "127.0.0.32");
		assert_int_not_equal(ts_signin(self, email, PW), 303);
		ts_browser_free(self);
		self = signed_in("victim-lb@walk.example");
		r = ts_get(self, "/api/v1/me");
		STATUS(r, 200);
		assert_true(ts_has(r, "Walk Leave B"));
		ts_browser_free(self);
	}
	for (i = 0; i < W__MAX; i++)
		ts_browser_free(br[i]);
}

/*
 * Every course route (issue 18: the course's pages and API, its staff
 * pages, lessons, progress, quizzes and attempts, cohorts, enrolments, the
 * tutors' table and messages), tried against a cohort {kid} whose
 * participant P has read a lesson, passed the quiz and had a message, by
 * those who are not its people: a visitor, a member enrolled nowhere, a
 * participant of another cohort of the course, a focal point, the tutor
 * of another cohort, and an organization's admin (a member, as such).  A published course's page and cohorts answer
 * everyone; a lesson and a quiz open to the participants of a running
 * cohort of the course (the other cohort's too: lessons are the
 * course's); progress is one's own; P's enrolment, P's name in the
 * enrolments, the table and messages are staff's.  A tutor is staff (the
 * cohort's check takes no one else), so the tutor of another cohort reads
 * every page as staff do (and is walked for reads only: staff's writes are
 * theirs by design); their own progress is a 403, enrolled nowhere.
 * Afterwards P is enrolled as before, the course keeps its title, and no
 * walker's message or attempt is stored.
 */
static void
test_others_course(void **state)
{
	static const char *const fh[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL };
	struct ts_browser *staff = role_browser(ROLE_STAFF), *who[6];
	int64_t course, mid, lid, qid, kid, kid2, p, p2, t1, t2;
	int64_t org = org_made("Walk Course Org", "NA", "al@walk-kc.example");
	const struct route *rt;
	const struct ts_res *r;
	char path[300], body[600];
	json_t *j;
	int i, tried = 0;

	(void)state;
	t1 = ts_user_add(db_url, "tutor-kc@walk.example", "Walk Tutor One", "staff", PW);
	t2 = ts_user_add(db_url, "tutor-kc2@walk.example", "Walk Tutor Two", "staff", PW);
	p = ts_user_add(db_url, "part-kc@walk.example", "Walk Participant P", "member", PW);
	p2 = ts_user_add(db_url, "part-kc2@walk.example", "Walk Participant Two", "member", PW);
	assert_true(t1 > 0 && t2 > 0 && p > 0 && p2 > 0);
	r = ts_api(staff, "POST", "/api/v1/courses", NULL, "{\"title\":\"Walk course\","
	    "\"status\":\"published\"}");
	STATUS(r, 201);
	j = ts_json(r);
	course = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/modules", (long long)course);
	r = ts_api(staff, "POST", path, NULL, "{\"title\":\"Walk module\"}");
	STATUS(r, 201);
	j = ts_json(r);
	mid = json_integer_value(json_object_get(json_array_get(json_object_get(j, "modules"), 0),
	    "id"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/modules/%lld/lessons", (long long)course,
	    (long long)mid);
	r = ts_api(staff, "POST", path, NULL, "{\"title\":\"Walk lesson\",\"kind\":\"markdown\","
	    "\"body\":\"Read me.\",\"minutes\":5}");
	STATUS(r, 201);
	j = ts_json(r);
	lid = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/modules/%lld/quiz", (long long)course,
	    (long long)mid);
	r = ts_api(staff, "POST", path, NULL, "{\"title\":\"Walk quiz\",\"pass_mark\":50,"
	    "\"attempts_max\":3,\"questions\":[{\"text\":\"Who reviews it?\",\"kind\":"
	    "\"single\",\"answers\":[{\"text\":\"The Conference\",\"correct\":true,"
	    "\"feedback\":\"Yes.\"},{\"text\":\"Nobody\",\"correct\":false,\"feedback\":"
	    "\"No.\"}]}]}");
	STATUS(r, 201);
	j = ts_json(r);
	qid = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	for (i = 0; i < 2; i++) {
		time_t now = time(NULL);
		char s[32], e[32];
		struct tm tm;
		time_t a = now - 86400 * 30, b = now + 86400 * 60;	/* running, at any test clock */

		gmtime_r(&a, &tm);
		strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%SZ", &tm);
		gmtime_r(&b, &tm);
		strftime(e, sizeof e, "%Y-%m-%dT%H:%M:%SZ", &tm);
		snprintf(body, sizeof body, "{\"course_id\":%lld,\"title\":\"Walk cohort %d\","
		    "\"timezone\":\"UTC\",\"start\":\"%s\",\"end\":\"%s\",\"tutors\":[%lld]}",
		    (long long)course, i + 1, s, e, (long long)(i ? t2 : t1));
		r = ts_api(staff, "POST", "/api/v1/cohorts", NULL, body);
		STATUS(r, 201);
		j = ts_json(r);
		*(i ? &kid2 : &kid) = json_integer_value(json_object_get(j, "id"));
		json_decref(j);
		snprintf(path, sizeof path, "/api/v1/cohorts/%lld/enrolments", (long long)(i ? kid2 :
		    kid));
		snprintf(body, sizeof body, "{\"user_id\":%lld}", (long long)(i ? p2 : p));
		STATUS(ts_api(staff, "POST", path, NULL, body), 201);
	}
	{	/* P reads, passes the quiz, and has a message */
		struct ts_browser *pb = signed_in("part-kc@walk.example");

		snprintf(path, sizeof path, "/api/v1/courses/%lld/lessons/%lld", (long long)course,
		    (long long)lid);
		STATUS(ts_api(pb, "GET", path, NULL, NULL), 200);
		/* the right answer by its text: its id holds for P's attempt only */
		snprintf(path, sizeof path, "/api/v1/courses/%lld/quizzes/%lld", (long long)course,
		    (long long)qid);
		r = ts_api(pb, "GET", path, NULL, NULL);
		STATUS(r, 200);
		j = ts_json(r);
		{
			json_t *q = json_array_get(json_object_get(j, "questions"), 0), *a;
			size_t n;
			const char *right = "";

			json_array_foreach(json_object_get(q, "answers"), n, a)
				if (strcmp(json_string_value(json_object_get(a, "text")),
				    "The Conference") == 0)
					right = json_string_value(json_object_get(a, "id"));
			snprintf(body, sizeof body, "{\"attempt\":1,\"answers\":{\"%s\":\"%s\"}}",
			    json_string_value(json_object_get(q, "id")), right);
		}
		json_decref(j);
		snprintf(path, sizeof path, "/api/v1/courses/%lld/quizzes/%lld/attempts",
		    (long long)course, (long long)qid);
		STATUS(ts_api(pb, "POST", path, NULL, body), 201);
		ts_browser_free(pb);
		snprintf(path, sizeof path, "/api/v1/cohorts/%lld/messages", (long long)kid);
		snprintf(body, sizeof body, "{\"subject\":\"Walk secret message\",\"body\":\"For P.\","
		    "\"user_ids\":[%lld]}", (long long)p);
		STATUS(ts_api(staff, "POST", path, NULL, body), 201);
	}
	who[0] = ts_browser_new(&srv, "127.0.0.32");
	who[1] = role_browser(ROLE_MEMBER);
	who[2] = signed_in("part-kc2@walk.example");
	who[3] = role_browser(ROLE_FOCAL);
	who[4] = signed_in("tutor-kc2@walk.example");
	assert_int_equal(ts_org_admin(staff, org, person_of("admin-kc@walk.example", org)), 0);
	who[5] = signed_in("admin-kc@walk.example");	/* an organization's admin */
	for (rt = app_routes; rt->fn; rt++) {
		const char *pat = rt->pattern;
		int cohort_api = strncmp(pat, "/api/v1/cohorts/{id}", 20) == 0;
		int page = strncmp(pat, "/courses/{id}", 13) == 0;
		int staffp = strncmp(pat, "/staff/courses/{id}", 19) == 0;
		int get = rt->method == HM_GET;
		int form = (page || staffp) && !get;
		int twin = get && (rt->flags & RF_TWIN);
		int csv = strstr(pat, ".csv") != NULL;
		size_t k = 0;

		if (!cohort_api && !page && !staffp && strncmp(pat, "/api/v1/courses/{id}", 20) != 0)
			continue;
		if (strstr(pat, "{tid}") || strstr(pat, "{pid}"))
			continue;	/* the shared tasks': test_others_discussion walks them */
		if (twin)
			k = (size_t)snprintf(path, sizeof path, "/api/v1");
		while (*pat && k + 1 < sizeof path) {	/* {captures} filled in */
			const char *end = strchr(pat, '}');
			long long v = 1;

			if (*pat != '{' || !end) {
				path[k++] = *pat++;
				continue;
			}
			if (strncmp(pat, "{id}", 4) == 0)
				v = cohort_api ? kid : course;
			else if (strncmp(pat, "{kid}", 5) == 0)
				v = kid;
			else if (strncmp(pat, "{mid}", 5) == 0)
				v = mid;
			else if (strncmp(pat, "{lid}", 5) == 0)
				v = lid;
			else if (strncmp(pat, "{qid}", 5) == 0)
				v = qid;
			else if (strncmp(pat, "{uid}", 5) == 0)
				v = p;
			k += (size_t)snprintf(path + k, sizeof path - k, "%lld", v);
			pat = end + 1;
		}
		path[k] = '\0';
		for (i = 0; i < 6; i++) {
			int staff_only = !(rt->roles & (1u << ROLE_MEMBER));
			int reads = strstr(rt->pattern, "/lessons/{lid}") || strstr(rt->pattern,
			    "/quizzes/{qid}");
			int attempt = strstr(rt->pattern, "/attempt") != NULL;
			long st;
			int ok;

			if (i == 4 && !get)
				continue;	/* staff's writes are staff's */
			if (form) {
				snprintf(body, sizeof body, "csrf=%s&title=Taken+Over&subject=Taken+Over&"
				    "body=Taken+Over&user_ids=%lld&to=selected&email=walker%%40example.org&"
				    "confirm=1&attempt=1&q.1=1", ts_csrf(who[i]), (long long)p);
				r = ts_req(who[i], "POST", path, fh, body, strlen(body));
			} else if (get) {
				r = csv ? ts_req(who[i], "GET", path, NULL, NULL, 0) :
				    ts_api(who[i], "GET", path, NULL, NULL);
			} else {
				snprintf(body, sizeof body, "{\"title\":\"Taken Over\",\"subject\":"
				    "\"Taken Over\",\"body\":\"Taken Over\",\"user_id\":%lld,\"user_ids\":"
				    "[%lld],\"filter\":\"all\",\"attempt\":1,\"answers\":{\"1\":\"1\"}}",
				    (long long)p, (long long)p);
				r = ts_api(who[i], method_names[rt->method], path, NULL,
				    rt->method == HM_DELETE ? NULL : body);
			}
			st = r->status;
			if (i == 0)	/* a visitor */
				ok = (rt->roles & R_ANON) ? st == 200 : st == 401 || st == 403 ||
				    (st == 303 && (form || csv || (get && !twin)));
			else if (i == 4)	/* staff: every read but their own progress */
				ok = strstr(rt->pattern, "/progress") ? st == 403 : st == 200;
			else if (staff_only)
				ok = st == 403;
			else if (rt->roles & R_ANON)
				ok = st == 200;
			else if (strstr(rt->pattern, "/leave"))
				ok = st == 404;	/* not enrolled in {kid} */
			else if (i == 2 && (reads || strstr(rt->pattern, "/progress")))
				ok = get ? st == 200 : attempt ? st == 201 || st == 303 ||
				    st == 409 || st == 422 : st == 403;
			else if (strcmp(rt->pattern, "/api/v1/cohorts/{id}/enrolments") == 0 && get)
				ok = st == 200;	/* their own: none */
			else
				ok = st == 403;
			if (!ok)
				printf("# %s %s as walker %d: %ld: %.300s\n", method_names[rt->method],
				    path, i, st, r->body);
			assert_true(ok);
			if (st == 200 && i != 4) {
				assert_false(ts_has(r, "Walk Participant P"));
				assert_false(ts_has(r, "Walk secret message"));
			}
			tried++;
		}
	}
	assert_true(tried >= 180);
	/* P as before: enrolled, their message theirs, nothing taken over */
	snprintf(path, sizeof path, "/api/v1/cohorts/%lld/enrolments", (long long)kid);
	r = ts_api(staff, "GET", path, NULL, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "Walk Participant P"));
	assert_true(ts_has(r, "\"total\":1"));
	snprintf(path, sizeof path, "/api/v1/staff/courses/%lld/cohorts/%lld/table",
	    (long long)course, (long long)kid);
	r = ts_api(staff, "GET", path, NULL, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "\"standing\":\"finished\""));
	assert_true(ts_has(r, "Walk secret message"));
	assert_false(ts_has(r, "Taken Over"));
	snprintf(path, sizeof path, "/api/v1/courses/%lld", (long long)course);
	r = ts_api(staff, "GET", path, NULL, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "Walk course"));
	assert_false(ts_has(r, "Taken Over"));
	ts_browser_free(who[0]);
	ts_browser_free(who[2]);
	ts_browser_free(who[4]);
	ts_browser_free(who[5]);
}

static void
test_server_stops_cleanly(void **state)
{
	assert_int_equal(ts_server_stop(&srv), 0);
}

static int
setup(void **state)
{
	static const char *const extra[] = { "--conn-timeout", "3", NULL };

	_Static_assert(CONN_TIMEOUT == 3, "the --conn-timeout given");
	return ts_suite_start(&sink, &srv, &db_url, extra);
}

static int
teardown(void **state)
{
	int i;

	for (i = 0; i < ROLE__MAX; i++)
		ts_browser_free(as[i]);
	ts_browser_free(expert_as);
	ts_cleanup();
	return 0;
}

static void
add_walk(const struct route *rt, int twin, enum role ro, int expert)
{
	struct walk *w = &walks[nwalks++];

	w->rt = rt;
	w->twin = twin;
	w->role = ro;
	w->expert = expert;
	snprintf(w->name, sizeof w->name, "%s %s%s as %s", method_names[rt->method],
	    twin ? "/api/v1" : "", rt->pattern, expert ? "expert" : role_name(ro));
}

/* What a signed-in person sees is sent "private, no-store", pages and
 * JSON alike; a visitor's pages are not. */
static void
test_signed_in_not_stored(void **state)
{
	struct ts_browser *m = role_browser(ROLE_MEMBER), *anon = ts_browser_new(&srv, NULL);
	static const char *const paths[] = { "/", "/account", "/api/v1/account", "/api/v1/me",
		"/organizations", NULL };
	const char *const *p;
	const struct ts_res *r;
	const char *h;

	(void)state;
	for (p = paths; *p; p++) {
		r = ts_get(m, *p);
		STATUS(r, 200);
		h = ts_header(r, "Cache-Control");
		if (!h || !strstr(h, "no-store") || (strcmp(*p, "/organizations") != 0 &&
		    !strstr(h, "private")))
			printf("# %s: Cache-Control %s\n", *p, h ? h : "(none)");
		assert_non_null(h);
		assert_non_null(strstr(h, "no-store"));
	}
	r = ts_get(anon, "/");
	STATUS(r, 200);
	h = ts_header(r, "Cache-Control");
	assert_true(!h || !strstr(h, "private"));
	ts_browser_free(anon);
}

/* Every staff list honours ?per_page= (1 to 200) and refuses a page or a
 * per_page out of range with a 422 naming it. */
static void
test_lists_per_page(void **state)
{
	static const char *const lists[] = {
		"/api/v1/applications?status=all", "/api/v1/staff/applications?status=all",
		"/api/v1/staff/audit", "/api/v1/admin/users", "/api/v1/staff/jobs",
		"/api/v1/staff/memberships", NULL
	};
	struct ts_browser *b = role_browser(ROLE_ADMIN);
	const struct ts_res *r;
	const char *const *l;
	char path[160];
	json_t *j;

	(void)state;
	role_browser(ROLE_MEMBER);	/* the audit log and users have rows */
	for (l = lists; *l; l++) {
		const char *sep = strchr(*l, '?') ? "&" : "?";

		snprintf(path, sizeof path, "%s%sper_page=1", *l, sep);
		r = ts_get(b, path);
		STATUS(r, 200);
		j = ts_json(r);
		if (json_integer_value(json_object_get(j, "per_page")) != 1 ||
		    json_array_size(json_object_get(j, "items")) > 1)
			printf("# %s: %.300s\n", path, r->body);
		assert_int_equal(json_integer_value(json_object_get(j, "per_page")), 1);
		assert_true(json_array_size(json_object_get(j, "items")) <= 1);
		json_decref(j);
		snprintf(path, sizeof path, "%s%sper_page=201", *l, sep);
		r = ts_get(b, path);
		STATUS(r, 422);
		assert_true(ts_has(r, "\"per_page\""));
		snprintf(path, sizeof path, "%s%spage=0", *l, sep);
		r = ts_get(b, path);
		STATUS(r, 422);
		assert_true(ts_has(r, "\"page\""));
	}
	r = ts_get(b, "/api/v1/staff/audit?per_page=2");	/* it has more than one row */
	j = ts_json(r);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
	json_decref(j);
}

/* Query parameters are declared per route: a bad one gets one 422 naming
 * it (problem+json for the API, the message in the reader's language on a
 * page), and every list has the same page-number limit. */
static void
test_bad_query_params(void **state)
{
	static const char *const bad[][2] = {
		{ "/api/v1/staff/jobs?status=nope", "status" },
		{ "/api/v1/staff/jobs?per_page=0", "per_page" },
		{ "/api/v1/applications?kind=bogus", "kind" },
		{ "/api/v1/applications?older_than=soon", "older_than" },
		{ "/api/v1/applications?country=ZZ", "country" },
		{ "/api/v1/applications?sort=random", "sort" },
		{ "/api/v1/staff/applications?status=nope", "status" },
		{ "/api/v1/organizations?sort=random", "sort" },
		{ "/api/v1/organizations?per_page=101", "per_page" },
		{ "/api/v1/organizations?page=abc", "page" },
		{ "/api/v1/staff/audit?page=-1", "page" },
		{ "/api/v1/staff/memberships?per_page=x", "per_page" },
		/* one page-number limit for the whole program */
		{ "/api/v1/organizations?page=100001", "page" },
		{ "/api/v1/staff/audit?page=100001", "page" },
		{ "/api/v1/staff/jobs?page=100001", "page" },
		{ "/api/v1/admin/users?page=100001", "page" },
	};
	static const char *const fr[] = { "Accept-Language: fr", NULL };
	struct ts_browser *b = role_browser(ROLE_ADMIN);
	const struct ts_res *r;
	json_t *j, *errors;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		r = ts_get(b, bad[i][0]);
		if (r->status != 422)
			printf("# %s: %ld %.300s\n", bad[i][0], r->status, r->body);
		STATUS(r, 422);
		assert_non_null(strstr(ts_header(r, "Content-Type"), "problem+json"));
		j = ts_json(r);
		errors = json_object_get(j, "errors");
		if (json_object_size(errors) != 1 || !json_object_get(errors, bad[i][1]))
			printf("# %s: %.300s\n", bad[i][0], r->body);
		assert_int_equal(json_object_size(errors), 1);
		assert_non_null(json_string_value(json_object_get(errors, bad[i][1])));
		json_decref(j);
	}
	/* the highest page is still a page */
	STATUS(ts_get(b, "/api/v1/staff/audit?page=100000"), 200);
	STATUS(ts_get(b, "/api/v1/organizations?page=100000&sort=name&per_page=100"), 200);
	STATUS(ts_get(b, "/api/v1/applications?status=all&kind=join&sort=newest&older_than=3"),
	    200);
	/* pages say it in the reader's language */
	r = ts_req(b, "GET", "/staff/jobs?status=nope", fr, NULL, 0);
	STATUS(r, 422);
	assert_true(ts_has(r, "Choisissez un statut dans la liste."));
	r = ts_req(b, "GET", "/organizations?per_page=500", fr, NULL, 0);
	STATUS(r, 422);
	assert_true(ts_has(r, "Choisissez un nombre de 1 à 100."));
	r = ts_req(b, "GET", "/staff/applications?older_than=soon", fr, NULL, 0);
	STATUS(r, 422);
	assert_true(ts_has(r, "Ce n&#39;est pas un nombre de jours.") ||
	    ts_has(r, "Ce n'est pas un nombre de jours."));
	r = ts_get(b, "/staff/applications?older_than=soon");
	STATUS(r, 422);
	assert_true(ts_has(r, "Not a number of days."));
}

/*
 * Every route of a constructive dialogue (issue 17) tried against
 * organization B's part in it: B's admin applied and was approved, wrote
 * an input (with a file, not for publication) and registered for the
 * dialogue's event.  A visitor, a member of organization A, A's admin and
 * a focal point of another country (GH; B is of NG, the country under
 * review) try the dialogue's pages and API, its staff pages, inputs,
 * files, participants, decisions, summary, and the registration for its
 * event: each gets what its role may (the dialogue's public page and the
 * inputs' list, without B's input; 401, a sign-in or 403 for staff's
 * routes; 403 for inputs and registration, which are the approved
 * participants'; 403 or 404 for B's input file and registration), and
 * staff find it all as it was.
 */
static void
test_others_dialogue(void **state)
{
	static const char *const fh[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL };
	static const char doc[] = "Walk dialogue secret file.\n";
	struct ts_browser *staff = role_browser(ROLE_STAFF), *pb, *who[4];
	enum role roles[4] = { ROLE_ANON, ROLE_MEMBER, ROLE_MEMBER, ROLE_FOCAL };
	int64_t b = org_made("Walk Dialogue B", "NG", "bo@walk-db.example");
	int64_t a = org_made("Walk Dialogue C", "GH", "al@walk-dc.example");
	int64_t mid, prep, ev, call, id, aid, iid, rid;
	const struct route *rt;
	const struct ts_res *r;
	char path[300], body[900], tok[129];
	json_t *j;
	int i, tried = 0;

	(void)state;
	r = ts_api(staff, "POST", "/api/v1/meetings", NULL, "{\"body\":\"untoc_wg\","
	    "\"working_group\":\"firearms\",\"number\":979,\"title\":\"Walk working group\","
	    "\"timezone\":\"Europe/Vienna\",\"start\":\"2031-05-19T10:00\",\"end\":"
	    "\"2031-05-21T18:00\",\"status\":\"published\"}");
	STATUS(r, 201);
	j = ts_json(r);
	mid = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	r = ts_api(staff, "POST", "/api/v1/events", NULL, "{\"kind\":\"workshop\",\"title\":"
	    "\"Walk preparation day\",\"timezone\":\"Europe/Vienna\",\"start\":"
	    "\"2031-05-22T09:00\",\"end\":\"2031-05-22T17:00\",\"status\":\"published\"}");
	STATUS(r, 201);
	j = ts_json(r);
	prep = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	r = ts_api(staff, "POST", "/api/v1/events", NULL, "{\"kind\":\"workshop\",\"title\":"
	    "\"Walk dialogue day\",\"timezone\":\"Europe/Vienna\",\"start\":"
	    "\"2031-05-23T09:00\",\"end\":\"2031-05-23T17:00\",\"status\":\"published\"}");
	STATUS(r, 201);
	j = ts_json(r);
	ev = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	r = ts_api(staff, "POST", "/api/v1/calls", NULL, "{\"kind\":\"dialogue\",\"title\":"
	    "\"Walk dialogue: participants\",\"timezone\":\"Europe/Vienna\",\"closes\":"
	    "\"2031-04-01T23:59\",\"status\":\"open\",\"questions\":[{\"id\":\"expertise\","
	    "\"label\":\"Your expertise\",\"type\":\"text\",\"required\":true},{\"id\":"
	    "\"speaker_gender\",\"label\":\"Gender of the speaker\",\"type\":\"choice\","
	    "\"required\":true,\"choices\":[\"woman\",\"man\",\"another\","
	    "\"prefer_not_to_say\"]}]}");
	STATUS(r, 201);
	j = ts_json(r);
	call = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(body, sizeof body, "{\"title\":\"Walk dialogue\",\"meeting_id\":%lld,"
	    "\"prep_event_id\":%lld,\"event_id\":%lld,\"call_id\":%lld,\"inputs_close\":"
	    "\"2031-06-30T18:00\",\"countries\":[\"NG\"]}", (long long)mid, (long long)prep,
	    (long long)ev, (long long)call);
	r = ts_api(staff, "POST", "/api/v1/dialogues", NULL, body);
	STATUS(r, 201);
	j = ts_json(r);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);

	/* B's admin applies and is approved, writes an input, registers */
	assert_int_equal(ts_org_admin(staff, b, person_of("admin-db@walk.example", b)), 0);
	pb = signed_in("admin-db@walk.example");
	assert_int_equal(ts_token(pb, "admin-db@walk.example", PW, tok, sizeof tok), 0);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)call);
	snprintf(body, sizeof body, "{\"organization_id\":%lld,\"status\":\"submitted\","
	    "\"answers\":{\"expertise\":\"Walk tracing\",\"speaker_gender\":\"woman\"}}",
	    (long long)b);
	r = ts_api(pb, "POST", path, tok, body);
	STATUS(r, 201);
	j = ts_json(r);
	aid = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/calls/%lld", (long long)call);
	STATUS(ts_api(staff, "PATCH", path, NULL, "{\"status\":\"closed\"}"), 200);
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld/decisions", (long long)id);
	snprintf(body, sizeof body, "{\"ids\":[%lld],\"decision\":\"approved\"}", (long long)aid);
	STATUS(ts_api(staff, "POST", path, NULL, body), 200);
	{
		const struct ts_part parts[] = {
			{ "body", "Walk dialogue secret input.", 0, NULL, NULL },
			{ "file", doc, sizeof doc - 1, "walk-input.txt", "text/plain" },
		};

		snprintf(path, sizeof path, "/api/v1/dialogues/%lld/inputs", (long long)id);
		r = ts_multipart_api(pb, "POST", path, tok, parts, 2);
		STATUS(r, 201);
		j = ts_json(r);
		iid = json_integer_value(json_object_get(j, "id"));
		json_decref(j);
	}
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations", (long long)ev);
	r = ts_api(pb, "POST", path, tok, "{}");
	STATUS(r, 201);
	j = ts_json(r);
	rid = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	assert_true(id > 0 && aid > 0 && iid > 0 && rid > 0);
	snprintf(path, sizeof path, "/dialogues/%lld/inputs/%lld/file", (long long)id,
	    (long long)iid);
	r = ts_api(pb, "GET", path, tok, NULL);	/* B's own: theirs to read */
	STATUS(r, 200);

	/* the walkers: a visitor, a member of A, A's admin, a focal point of GH */
	who[0] = ts_browser_new(&srv, "127.0.0.32");
	(void)person_of("member-da@walk.example", a);
	who[1] = signed_in("member-da@walk.example");
	assert_int_equal(ts_org_admin(staff, a, person_of("admin-dc@walk.example", a)), 0);
	who[2] = signed_in("admin-dc@walk.example");
	assert_true(ts_user_add(db_url, "focal-gh@walk.example", "Walk Focal Ghana", "focal",
	    PW) > 0);
	ts_db_open(db_url);
	ts_sql_int("UPDATE users SET country = 'GH' WHERE email = 'focal-gh@walk.example'");
	ts_db_close();
	who[3] = signed_in("focal-gh@walk.example");
	for (rt = app_routes; rt->fn; rt++) {
		int dlg = strstr(rt->pattern, "/dialogues/{id}") != NULL ||
		    strcmp(rt->pattern, "/api/v1/dialogues") == 0 ||
		    strcmp(rt->pattern, "/staff/dialogues/new") == 0;
		int reg = strncmp(rt->pattern, "/events/{id}/regist", 19) == 0 ||
		    strncmp(rt->pattern, "/api/v1/events/{id}/registrations", 33) == 0;
		int api = strncmp(rt->pattern, "/api/", 5) == 0;
		int twins, tw;

		if (!dlg && !reg)
			continue;
		if (strcmp(rt->pattern, "/dialogues/{id}/inputs/{iid}/file") == 0 ||
		    strcmp(rt->pattern, "/dialogues/{id}/summary/file") == 0)
			api = 0;
		twins = (rt->flags & RF_TWIN) ? 2 : 1;
		for (tw = 0; tw < twins; tw++) {
			char *at = path;

			if (tw)
				at += snprintf(path, sizeof path, "/api/v1");
			{	/* {id}: the dialogue (or its event), {iid} the input, {rid} B's
				 * registration */
				const char *p = rt->pattern;
				size_t k = (size_t)(at - path);

				while (*p && k + 24 < sizeof path) {
					if (*p == '{') {
						const char *end = strchr(p, '}');

						k += (size_t)snprintf(path + k, sizeof path - k, "%lld",
						    strncmp(p, "{id}", 4) == 0 ? (long long)(reg ? ev : id) :
						    strncmp(p, "{iid}", 5) == 0 ? (long long)iid :
						    strncmp(p, "{rid}", 5) == 0 ? (long long)rid : 1LL);
						p = end + 1;
						continue;
					}
					path[k++] = *p++;
				}
				path[k] = '\0';
			}
			for (i = 0; i < 4; i++) {
				int allowed = (rt->roles & (1u << roles[i])) != 0;
				int isapi = api || tw;
				const char *m = method_names[rt->method];
				long st;
				int ok;

				if (rt->method != HM_GET && !isapi) {
					snprintf(body, sizeof body, "csrf=%s&body=Taken+Over&publish=1&"
					    "summary=Taken+Over&title=Taken+Over&ids=%lld&decision="
					    "not_approved", ts_csrf(who[i]), (long long)aid);
					r = ts_req(who[i], m, path, fh, body, strlen(body));
				} else if (rt->method == HM_GET && !isapi) {
					r = ts_req(who[i], m, path, NULL, NULL, 0);
				} else {
					snprintf(body, sizeof body, "{\"body\":\"Taken Over\",\"publish\":true,"
					    "\"summary\":\"Taken Over\",\"title\":\"Taken Over\",\"ids\":[%lld],"
					    "\"decision\":\"not_approved\"}", (long long)aid);
					r = ts_api(who[i], m, path, NULL, rt->method == HM_GET ||
					    rt->method == HM_DELETE ? NULL : body);
				}
				st = r->status;
				if (!allowed && roles[i] == ROLE_ANON)
					ok = st == (rt->method == HM_GET && !isapi ? 303 : 401);
				else if (!allowed)
					ok = st == 403;
				else if (rt->method == HM_GET && (strcmp(rt->pattern, "/dialogues/{id}") == 0 ||
				    strcmp(rt->pattern, "/api/v1/dialogues/{id}/inputs") == 0))
					ok = st == 200;	/* public, without B's input */
				else if (reg && rt->method == HM_GET && !strstr(rt->pattern, "{rid}"))
					ok = st == 200 && !ts_has(r, "admin-db@walk.example");	/* their own */
				else if (strstr(rt->pattern, "/summary/file"))
					ok = st == 404;	/* none published */
				else if (strstr(rt->pattern, "/inputs/{iid}/file") ||
				    strstr(rt->pattern, "{rid}"))
					ok = st == 401 || st == 403 || st == 404;
				else
					ok = st == 403;	/* inputs, registration: approved participants' */
				if (!ok)
					printf("# %s %s as walker %d: %ld: %.300s\n", m, path, i, st,
					    r->body);
				assert_true(ok);
				assert_false(ts_has(r, "Walk dialogue secret"));
				tried++;
			}
		}
	}
	assert_true(tried >= 80);
	/* staff find it all as it was */
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld", (long long)id);
	r = ts_api(staff, "GET", path, NULL, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "\"title\":\"Walk dialogue\""));
	assert_false(ts_has(r, "Taken Over"));
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld/inputs", (long long)id);
	r = ts_api(staff, "GET", path, NULL, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "Walk dialogue secret input."));
	assert_false(ts_has(r, "Taken Over"));
	snprintf(path, sizeof path, "/api/v1/staff/dialogues/%lld/participants", (long long)id);
	r = ts_api(staff, "GET", path, NULL, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "\"decision\":\"approved\""));
	assert_false(ts_has(r, "\"decision\":\"not_approved\""));
	assert_false(ts_has(r, "\"decision\":\"proposed\""));
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations/%lld", (long long)ev,
	    (long long)rid);
	r = ts_api(pb, "GET", path, tok, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "\"status\":\"confirmed\""));
	for (i = 0; i < 4; i++)
		ts_browser_free(who[i]);
	ts_browser_free(pb);
}

/*
 * Every route of the news (/news, /news.atom, /staff/news, /api/v1/news),
 * tried on a members' item staff published (with an image) and on a
 * draft, by a visitor, an applicant, a focal point, a member, an
 * organization's admin, an expert and a person of a suspended
 * organization: the members' item is read by members, focal points and
 * experts, and is "not found" to the others (never "forbidden"); the draft
 * is not found to all of them; the lists and the feed name only what each
 * may read; every staff route is refused (a sign-in for a visitor's page,
 * 401, 403); and nothing is written -- the draft is still a draft, the
 * title as it was.
 */
static void
test_others_news(void **state)
{
	static const char *const form[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL };
	static const unsigned char png[] = {
		0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49,
		0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06,
		0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44,
		0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d,
		0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42,
		0x60, 0x82 };
	const struct ts_part parts[] = {
		{ "title", "Walk news for members", 0, NULL, NULL },
		{ "slug", "walk-news-members", 0, NULL, NULL },
		{ "kind", "story", 0, NULL, NULL },
		{ "visibility", "members", 0, NULL, NULL },
		{ "publish", "1", 0, NULL, NULL },
		{ "image", (const char *)png, sizeof png, "walk.png", "image/png" },
		{ "image_alt", "A walk", 0, NULL, NULL },
	};
	struct ts_browser *staff = role_browser(ROLE_STAFF), *who[7];
	struct ts_browser *tb = ts_browser_new(&srv, "127.0.0.32");	/* token calls */
	int64_t a = org_made("Newsroom Walkers A", "BJ", "al@walk-news-a.example");
	int64_t s = org_made("Newsroom Walkers S", "NE", "so@walk-news-s.example");
	const char *slugs[2] = { "walk-news-members", "walk-news-draft" };
	int64_t ids[2];
	const struct route *rt;
	const struct ts_res *r;
	char path[300], body[200], tok[129];
	json_t *j;
	int i, k, tried = 0;

	(void)state;
	assert_int_equal(ts_token(tb, email_of[ROLE_STAFF], PW, tok, sizeof tok), 0);
	r = ts_multipart_api(tb, "POST", "/api/v1/news", tok, parts,
	    sizeof parts / sizeof parts[0]);
	STATUS(r, 201);
	j = ts_json(r);
	ids[0] = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	r = ts_api(tb, "POST", "/api/v1/news", tok, "{\"title\":\"Walk news draft\","
	    "\"slug\":\"walk-news-draft\",\"kind\":\"news\",\"visibility\":\"public\"}");
	STATUS(r, 201);
	j = ts_json(r);
	ids[1] = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	(void)person_of("member-na@walk.example", a);
	assert_int_equal(ts_org_admin(staff, a, person_of("admin-na@walk.example", a)), 0);
	(void)person_of("person-ns@walk.example", s);
	snprintf(path, sizeof path, "csrf=%s&status=suspended", ts_csrf(staff));
	snprintf(body, sizeof body, "/organizations/%lld/status", (long long)s);
	STATUS(ts_req(staff, "POST", body, form, path, strlen(path)), 303);

	who[0] = ts_browser_new(&srv, "127.0.0.32");
	who[1] = role_browser(ROLE_APPLICANT);
	who[2] = role_browser(ROLE_FOCAL);
	who[3] = signed_in("member-na@walk.example");
	who[4] = signed_in("admin-na@walk.example");
	who[5] = expert_browser();
	who[6] = signed_in("person-ns@walk.example");
	for (rt = app_routes; rt->fn; rt++) {
		int twin;

		if (strncmp(rt->pattern, "/news", 5) != 0 && strncmp(rt->pattern, "/staff/news", 11)
		    != 0 && strncmp(rt->pattern, "/api/v1/news", 12) != 0)
			continue;
		for (twin = 0; twin <= ((rt->flags & RF_TWIN) ? 1 : 0); twin++)
		for (k = 0; k < 2; k++) {
			const char *p = rt->pattern;
			int api = twin || (rt->flags & RF_API);
			size_t n = (size_t)snprintf(path, sizeof path, "%s", twin ? "/api/v1" : "");

			while (*p && n + 1 < sizeof path) {
				if (*p == '{') {
					n += (size_t)(strncmp(p, "{slug}", 6) == 0 ?
					    snprintf(path + n, sizeof path - n, "%s", slugs[k]) :
					    snprintf(path + n, sizeof path - n, "%lld", (long long)ids[k]));
					p = strchr(p, '}') + 1;
					continue;
				}
				path[n++] = *p++;
			}
			path[n] = '\0';
			for (i = 0; i < 7; i++) {
				int reader = i >= 2 && i <= 5, allowed = (rt->roles & R_ANON) != 0;
				long st, want;

				if (rt->method == HM_GET)
					r = ts_req(who[i], "GET", path, NULL, NULL, 0);
				else if (api)
					r = ts_api(who[i], method_names[rt->method], path, NULL,
					    rt->method == HM_DELETE ? NULL : "{}");
				else {
					snprintf(body, sizeof body, "csrf=%s", ts_csrf(who[i]));
					r = ts_req(who[i], method_names[rt->method], path, form, body,
					    strlen(body));
				}
				st = r->status;
				if (!allowed)
					want = i == 0 ? (rt->method == HM_GET && !api ? 303 : 401) : 403;
				else if (strchr(rt->pattern, '{'))
					want = k == 0 && reader ? 200 : 404;
				else
					want = 200;
				if (st != want)
					printf("# %s %s as walker %d: %ld, want %ld: %.300s\n",
					    method_names[rt->method], path, i, st, want, r->body);
				assert_int_equal(st, want);
				/* lists and the feed: only what each may read */
				if (st == 200 && !strchr(rt->pattern, '{')) {
					assert_false(ts_has(r, "walk-news-draft"));
					assert_int_equal(ts_has(r, "walk-news-members"), reader &&
					    strcmp(rt->pattern, "/news.atom") != 0);
				}
				tried++;
			}
		}
	}
	assert_true(tried >= 7 * 30);
	/* nothing was written */
	r = ts_api(tb, "GET", "/api/v1/staff/news?status=draft", tok, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "\"walk-news-draft\""));
	assert_true(ts_has(r, "Walk news draft"));
	r = ts_api(tb, "GET", "/api/v1/news/walk-news-members", tok, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "Walk news for members"));
	ts_browser_free(who[0]);
	ts_browser_free(who[3]);
	ts_browser_free(who[4]);
	ts_browser_free(who[6]);
	ts_browser_free(tb);
}

/*
 * Every route of the forums (migration 40) tried against what is someone
 * else's: a post by B's person, edited, deleted or decided by everyone but
 * them and staff (a visitor 401 or a sign-in, the others 403); the
 * nongovernmental forum and its thread by a focal point (404: it does not
 * exist for them); staff's routes by everyone else.  Staff find the post
 * as it was.
 */
static void
test_others_forum(void **state)
{
	static const char *const fh[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL };
	struct ts_browser *staff = role_browser(ROLE_STAFF), *pb, *who[6];
	int64_t b = org_made("Walk Forum Bureau", "UG", "bo@walk-fob.example");
	int64_t a = org_made("Walk Forum Alliance", "ZM", "al@walk-foa.example");
	int64_t forum, thread, pid;
	const struct route *rt;
	const struct ts_res *r;
	char path[300], body[600], tok[129];
	json_t *j;
	int i, tried = 0;

	(void)state;
	r = ts_api(staff, "POST", "/api/v1/forums", NULL, "{\"title\":\"Walk forum\","
	    "\"audience\":\"nongovernmental\"}");
	STATUS(r, 201);
	j = ts_json(r);
	forum = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	(void)person_of("person-fo@walk.example", b);
	assert_int_equal(ts_org_admin(staff, a, person_of("admin-fo@walk.example", a)), 0);
	pb = signed_in("person-fo@walk.example");
	assert_int_equal(ts_token(pb, "person-fo@walk.example", PW, tok, sizeof tok), 0);
	snprintf(path, sizeof path, "/api/v1/forums/%lld/threads", (long long)forum);
	r = ts_api(pb, "POST", path, tok, "{\"title\":\"Walk forum thread\","
	    "\"body\":\"Walk forum secret\"}");
	STATUS(r, 201);
	j = ts_json(r);
	thread = json_integer_value(json_object_get(json_object_get(j, "thread"), "id"));
	pid = json_integer_value(json_object_get(json_array_get(json_object_get(j, "items"), 0),
	    "id"));
	json_decref(j);
	who[0] = ts_browser_new(&srv, "127.0.0.32");
	who[1] = role_browser(ROLE_APPLICANT);
	who[2] = role_browser(ROLE_FOCAL);
	who[3] = role_browser(ROLE_MEMBER);
	who[4] = signed_in("admin-fo@walk.example");
	who[5] = expert_browser();
	for (rt = app_routes; rt->fn; rt++) {
		const char *pat = rt->pattern, *p;
		int api = strncmp(pat, "/api/v1/", 8) == 0;
		const char *rest = api ? pat + 7 : pat;
		int staff_only = !(rt->roles & R_MEMBER);
		int on_post = strstr(pat, "{pid}") != NULL;
		int form = !api && rt->method != HM_GET;
		size_t k = 0;

		if (strncmp(rest, "/forums", 7) != 0 && strncmp(rest, "/staff/forums", 13) != 0)
			continue;
		if (strstr(pat, "/unfollow") || strstr(pat, "/flag"))
			continue;	/* a signed link's; any reader flags */
		if (!api && rt->method == HM_GET && (rt->flags & RF_TWIN))
			k = (size_t)snprintf(path, sizeof path, "/api/v1");
		for (p = pat; *p && k + 24 < sizeof path; ) {
			if (*p == '{') {
				long long v = strncmp(p, "{id}", 4) == 0 ? forum : strncmp(p, "{tid}", 5) ==
				    0 ? thread : pid;

				k += (size_t)snprintf(path + k, sizeof path - k, "%lld", v);
				p = strchr(p, '}') + 1;
				continue;
			}
			path[k++] = *p++;
		}
		path[k] = '\0';
		for (i = 0; i < 6; i++) {
			long st, want;
			int ok;

			if (i >= 3 && !staff_only && !on_post)
				continue;	/* members read and write in it: theirs too */
			if (i == 2 && !staff_only && !strchr(pat, '{'))
				continue;	/* the list: a focal point's too */
			if (i == 2 && !staff_only)
				want = 404;	/* a focal point: nongovernmental, so no such forum */
			else
				want = i == 0 ? 401 : 403;
			if (form) {
				snprintf(body, sizeof body, "csrf=%s&body=Taken+Over&title=Taken+Over&"
				    "action=hide&locked=1&pinned=1&follow=1", ts_csrf(who[i]));
				r = ts_req(who[i], "POST", path, fh, body, strlen(body));
			} else {
				r = rt->method == HM_GET ? ts_req(who[i], "GET", path, NULL, NULL, 0) :
				    ts_api(who[i], method_names[rt->method], path, NULL,
				    rt->method == HM_DELETE ? NULL : "{\"body\":\"Taken Over\","
				    "\"title\":\"Taken Over\",\"action\":\"hide\",\"locked\":true,"
				    "\"archived\":true,\"follow\":true}");
			}
			st = r->status;
			ok = st == want || (i == 0 && !api && st == 303) || (i == 1 && st == 403);
			if (!ok)
				printf("# %s %s as walker %d: %ld, want %ld: %.300s\n",
				    method_names[rt->method], path, i, st, want, r->body);
			assert_true(ok);
			if (i < 3 || on_post)
				assert_false(ts_has(r, "Walk forum secret"));
			tried++;
		}
	}
	assert_true(tried >= 40);
	/* staff see it as it was */
	snprintf(path, sizeof path, "/api/v1/forums/%lld/threads/%lld", (long long)forum,
	    (long long)thread);
	r = ts_api(staff, "GET", path, NULL, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "Walk forum secret"));
	assert_true(ts_has(r, "\"status\":\"visible\""));
	assert_true(ts_has(r, "\"locked\":false"));
	assert_false(ts_has(r, "Taken Over"));
	ts_browser_free(who[0]);
	ts_browser_free(who[4]);
	ts_browser_free(pb);
}

/*
 * The weekly digest (migration 43) tried against someone else's: the
 * setting is always the caller's own (a PATCH by anyone changes nobody
 * else's), an unsubscribe link with another person's number and a forged
 * or borrowed signature stops nobody's digest (404, from every role), and
 * staff's page and run answer nobody else.
 */
static void
test_others_digest(void **state)
{
	static const char *const fh[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL };
	int64_t b = org_made("Walk Digest Bureau", "MW", "bo@walk-dgb.example");
	int64_t pid = person_of("person-dg@walk-dg.example", b);
	struct ts_browser *pb = signed_in("person-dg@walk-dg.example"), *who[6];
	const struct ts_res *r;
	char body[400], sig[65], path[200];
	int i;

	(void)state;
	memset(sig, 'a', 64);
	sig[64] = '\0';
	who[0] = ts_browser_new(&srv, "127.0.0.33");
	who[1] = role_browser(ROLE_APPLICANT);
	who[2] = role_browser(ROLE_FOCAL);
	who[3] = role_browser(ROLE_MEMBER);
	who[4] = role_browser(ROLE_STAFF);
	who[5] = expert_browser();
	for (i = 0; i < 6; i++) {
		/* a forged link to stop the person's digest */
		snprintf(path, sizeof path, "/digest/unsubscribe?u=%lld&s=%s", (long long)pid, sig);
		r = ts_req(who[i], "GET", path, NULL, NULL, 0);
		STATUS(r, 404);
		snprintf(body, sizeof body, "csrf=%s&u=%lld&s=%s", ts_csrf(who[i]), (long long)pid,
		    sig);
		r = ts_req(who[i], "POST", "/digest/unsubscribe", fh, body, strlen(body));
		STATUS(r, 404);
		if (i == 0)
			continue;
		/* each one's own setting: off, whatever they send */
		snprintf(body, sizeof body, "{\"enabled\":false,\"user_id\":%lld,\"id\":%lld}",
		    (long long)pid, (long long)pid);
		r = ts_api(who[i], "PATCH", "/api/v1/account/digest", NULL, body);
		STATUS(r, 200);
		if (i != 4) {
			STATUS(ts_req(who[i], "GET", "/api/v1/staff/digest", NULL, NULL, 0), 403);
			STATUS(ts_api(who[i], "POST", "/api/v1/staff/digest/run", NULL, NULL), 403);
		}
	}
	/* the person's digest is as it was: on, their role's default */
	r = ts_req(pb, "GET", "/api/v1/account/digest", NULL, NULL, 0);
	STATUS(r, 200);
	assert_true(ts_has(r, "\"enabled\":true"));
	assert_true(ts_has(r, "\"chosen\":false"));
	for (i = 1; i < 6; i++) {	/* and theirs back to the default, for the walk */
		r = ts_api(who[i], "PATCH", "/api/v1/account/digest", NULL,
		    i == 1 ? "{\"enabled\":false}" : "{\"enabled\":true}");
		STATUS(r, 200);
	}
	ts_browser_free(who[0]);
	ts_browser_free(pb);
}

int
main(void)
{
	static const struct CMUnitTest http_tests[] = {	/* WALK_PART 1 */
		cmocka_unit_test(test_security_headers),
		cmocka_unit_test(test_error_pages),
		cmocka_unit_test(test_body_limit_content_length),
		cmocka_unit_test(test_body_limit_chunked),
		cmocka_unit_test(test_header_limit),
		cmocka_unit_test(test_connection_limit),
		cmocka_unit_test(test_slow_headers_closed),
		cmocka_unit_test(test_header_drip_closed),
		cmocka_unit_test(test_malformed_input),
		cmocka_unit_test(test_static_files),
		cmocka_unit_test(test_healthz),
		cmocka_unit_test(test_lists_per_page),
		cmocka_unit_test(test_bad_query_params),
		cmocka_unit_test(test_signed_in_not_stored),
	};
	static const struct CMUnitTest others_tests[] = {	/* WALK_PART 3 */
		cmocka_unit_test(test_others_organization),
		cmocka_unit_test(test_history_roles),
		cmocka_unit_test(test_others_resource),
		cmocka_unit_test(test_others_event),
		cmocka_unit_test(test_others_call),
		cmocka_unit_test(test_others_side_event),
		cmocka_unit_test(test_others_initiative),
		cmocka_unit_test(test_others_speaking),
		cmocka_unit_test(test_others_discussion),
		cmocka_unit_test(test_others_messages),
		cmocka_unit_test(test_others_partners),
		cmocka_unit_test(test_others_certificate),
		cmocka_unit_test(test_others_dialogue_staff),
		cmocka_unit_test(test_others_course_outsiders),
		cmocka_unit_test(test_people_walk),
		cmocka_unit_test(test_leave_delete_roles),
		cmocka_unit_test(test_others_dialogue),
		cmocka_unit_test(test_others_course),
		cmocka_unit_test(test_others_news),
		cmocka_unit_test(test_others_forum),
		cmocka_unit_test(test_others_digest),
	};
	const struct CMUnitTest *fixed = WALK_PART == 1 ? http_tests : others_tests;
	const struct CMUnitTest pg_only = cmocka_unit_test(test_healthz_without_database);
	const struct CMUnitTest last = cmocka_unit_test(test_server_stops_cleanly);
	const char *db = getenv("WHATSON_TEST_DB");
	struct CMUnitTest *tests;
	const struct route *rt;
	size_t nfixed = WALK_PART == 1 ? sizeof http_tests / sizeof http_tests[0] :
	    WALK_PART == 3 ? sizeof others_tests / sizeof others_tests[0] : 0;
	size_t n = 0, nroutes = 0;
	int ro, i, rc;

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	for (rt = app_routes; rt->fn; rt++)
		nroutes += (rt->flags & RF_TWIN) ? 2 : 1;
	walks = calloc(nroutes * (ROLE__MAX + 1), sizeof *walks);
	tests = calloc(nfixed + nroutes * (ROLE__MAX + 1) + 2, sizeof *tests);
	if (!walks || !tests)
		return 1;
	/* every role, and an approved expert (a member without organization):
	 * visitor to member in part 1, the others in part 2, none in part 3 */
	for (rt = app_routes; rt->fn; rt++)
		for (ro = 0; ro <= ROLE__MAX; ro++) {
			enum role as_role = ro == ROLE__MAX ? ROLE_MEMBER : (enum role)ro;

			if (WALK_PART == 3 || (ro < ROLE_FOCAL) != (WALK_PART == 1))
				continue;

			add_walk(rt, 0, as_role, ro == ROLE__MAX);
			if (rt->flags & RF_TWIN)
				add_walk(rt, 1, as_role, ro == ROLE__MAX);
		}
	if (nfixed)
		memcpy(tests, fixed, nfixed * sizeof *fixed);
	n = nfixed;
	for (i = 0; i < nwalks; i++) {
		tests[n].name = walks[i].name;
		tests[n].test_func = test_walk;
		tests[n].initial_state = &walks[i];
		n++;
	}
	if (WALK_PART == 1 && db && strncmp(db, "postgres", 8) == 0)
		tests[n++] = pg_only;
	tests[n++] = last;
	if (getenv("WHATSON_TEST_ONLY"))	/* e.g. "test_static*" while debugging */
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	rc = _cmocka_run_group_tests(WALK_PART == 1 ? "server" : WALK_PART == 2 ? "walk" :
	    "others", tests, n, setup, teardown);
	free(tests);
	free(walks);
	return rc;
}
