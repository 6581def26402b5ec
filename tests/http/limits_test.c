/*
 * limits_test.c -- the limits an outsider meets (issue 9, findings 7 and 8
 * and the low items): the password back-off that slows guessing without
 * locking the owner out, client addresses behind a trusted proxy, the
 * per-address connection limit, the encoded redirect after sign-in.
 *
 * The server runs with the test build's hidden --test-backoff 1,2: an
 * account (or a known browser) waits after its 2nd failure in a row, an
 * address after its 3rd, so the tests need few argon2id hashes and never
 * wait for a delay to pass.  127.0.0.2 is a trusted proxy; every other
 * test uses its own source address and its own accounts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"
#define WRONG "wrong wrong wrong"
#define PROXY "127.0.0.2"
#define MAX_CONNS 8		/* --max-conns-per-ip */

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;

/* A sign-in attempt through the form, from b. */
static const struct ts_res *
attempt(struct ts_browser *b, const char *email, const char *password)
{
	return ts_form(b, "/signin", "email", email, "password", password, (char *)NULL);
}

/* The same through the proxy, for the client xff (the X-Forwarded-For). */
static const struct ts_res *
attempt_via(struct ts_browser *b, const char *xff, const char *email, const char *password)
{
	char h[256], body[512];
	const char *headers[] = { h, "Content-Type: application/x-www-form-urlencoded", NULL };

	snprintf(h, sizeof h, "X-Forwarded-For: %s", xff);
	if (!*ts_csrf(b))
		ts_get(b, "/signin");
	snprintf(body, sizeof body, "email=%s&password=%s&csrf=%s", email, password, ts_csrf(b));
	for (char *p = body; *p; p++)
		if (*p == ' ')
			*p = '+';
	return ts_req(b, "POST", "/signin", headers, body, strlen(body));
}

/* A refusal that says the password was wrong (403, the form again). */
static void
refused(const struct ts_res *r)
{
	if (r->status != 403)
		printf("# status %ld, want 403: %.600s\n", r->status, r->body);
	assert_int_equal(r->status, 403);
	HAS(r, "The email or password is not right.");
}

/* 429 with a Retry-After of 1..max seconds and the message. */
static void
must_wait(const struct ts_res *r, int max, const char *why)
{
	const char *ra;
	long s;

	STATUS(r, 429);
	ra = ts_header(r, "Retry-After");
	assert_non_null(ra);
	s = strtol(ra, NULL, 10);
	if (s < 1 || s > max)
		printf("# Retry-After %s, want 1..%d\n", ra, max);
	assert_true(s >= 1 && s <= max);
	HAS(r, "Please try again in");
	HAS(r, why);
}

/* ---- finding 7: a back-off, not a lock ------------------------------- */

/*
 * A stranger's failures make the account wait (429 with Retry-After) for
 * every browser that has not signed in to it before, whatever the password
 * and whichever the address; the owner's browser, which signed in before,
 * still signs in.  An address nobody uses is answered alike.
 */
static void
test_stranger_slowed_owner_signs_in(void **state)
{
	struct ts_browser *owner, *stranger, *other, *ghost;
	const struct ts_res *r;
	int i;

	assert_true(ts_user_add(db_url, "owen@example.org", "Owen Owner", "member", PW) > 0);
	owner = ts_browser_new(&srv, "127.0.0.20");
	assert_int_equal(ts_signin(owner, "owen@example.org", PW), 303);
	assert_non_null(ts_cookie(owner, "ws_device"));
	STATUS(ts_form(owner, "/signout", (char *)NULL), 303);

	stranger = ts_browser_new(&srv, "127.0.0.21");
	ghost = ts_browser_new(&srv, "127.0.0.22");
	for (i = 0; i < 2; i++) {	/* one free failure, the second starts the wait */
		refused(attempt(stranger, "owen@example.org", WRONG));
		refused(attempt(ghost, "nobody-owen@example.org", WRONG));
	}
	must_wait(attempt(stranger, "owen@example.org", WRONG), 15, "for this account");
	must_wait(attempt(ghost, "nobody-owen@example.org", WRONG), 15, "for this account");
	/* the right password does not help a browser the account does not know */
	must_wait(attempt(stranger, "owen@example.org", PW), 15, "for this account");
	other = ts_browser_new(&srv, "127.0.0.23");
	must_wait(attempt(other, "owen@example.org", PW), 15, "for this account");
	r = ts_api(other, "POST", "/api/v1/session", NULL,
	    "{\"email\":\"owen@example.org\",\"password\":\"" PW "\"}");
	STATUS(r, 429);
	assert_non_null(ts_header(r, "Retry-After"));

	/* the owner's browser is not slowed, and is signed in */
	r = attempt(owner, "owen@example.org", PW);
	STATUS(r, 303);
	assert_non_null(ts_cookie(owner, "ws_session"));
	assert_int_equal(ts_get(owner, "/account")->status, 200);
	/* its own failures slow only itself */
	STATUS(ts_form(owner, "/signout", (char *)NULL), 303);
	for (i = 0; i < 2; i++)
		refused(attempt(owner, "owen@example.org", WRONG));
	must_wait(attempt(owner, "owen@example.org", PW), 15, "for this account");
	ts_browser_free(owner);
	ts_browser_free(stranger);
	ts_browser_free(other);
	ts_browser_free(ghost);
}

/* One address guessing many accounts waits after its 3rd failure, even on
 * accounts it never tried; another address does not. */
static void
test_address_limit(void **state)
{
	struct ts_browser *b = ts_browser_new(&srv, "127.0.0.24");
	struct ts_browser *c = ts_browser_new(&srv, "127.0.0.25");
	char email[64];
	int i;

	for (i = 0; i < 3; i++) {
		snprintf(email, sizeof email, "guess%d@example.org", i);
		refused(attempt(b, email, WRONG));
	}
	must_wait(attempt(b, "guess9@example.org", WRONG), 15, "from your address");
	refused(attempt(c, "guess9@example.org", WRONG));
	ts_browser_free(b);
	ts_browser_free(c);
}

/* Wrong current passwords on the account page count as sign-in failures:
 * a stolen session cannot guess the password to take the account. */
static void
test_account_page_counts(void **state)
{
	struct ts_browser *b = ts_browser_new(&srv, "127.0.0.26");
	const struct ts_res *r;
	int i;

	assert_true(ts_user_add(db_url, "pat@example.org", "Pat Page", "member", PW) > 0);
	assert_int_equal(ts_signin(b, "pat@example.org", PW), 303);
	for (i = 0; i < 2; i++) {
		r = ts_form(b, i % 2 ? "/account/email" : "/account/password",
		    "current_password", WRONG, "password", "a brand new password",
		    "email", "pat2@example.org", (char *)NULL);
		STATUS(r, 422);
		HAS(r, "This is not your current password.");
	}
	must_wait(ts_form(b, "/account/password", "current_password", PW,
	    "password", "a brand new password", (char *)NULL), 15, "for this account");
	must_wait(ts_form(b, "/account/email", "current_password", PW,
	    "email", "pat2@example.org", (char *)NULL), 15, "for this account");
	ts_browser_free(b);
}

/*
 * Issue 9, last findings: a browser's own bucket (its ws_device cookie)
 * cannot be multiplied.  Signing in again keeps the cookie the browser has;
 * cookies someone collected by signing in while they knew the password
 * lapse when the owner changes it, so their guesses meet the account's
 * bucket, as a browser without a cookie (or that threw its cookie away)
 * does; the owner's browser, which changed the password, keeps a bucket of
 * its own and signs in.
 */
static void
test_device_cookie_not_multiplied(void **state)
{
	static const char email[] = "dee@example.org";
	static const char pw2[] = "cobalt harbour willow seven";
	struct ts_browser *owner = ts_browser_new(&srv, "127.0.0.30"), *m[3], *fresh;
	char first[256], ip[32];
	const char *c;
	const struct ts_res *r;
	int i;

	(void)state;
	assert_true(ts_user_add(db_url, email, "Dee Device", "member", PW) > 0);
	assert_int_equal(ts_signin(owner, email, PW), 303);
	c = ts_cookie(owner, "ws_device");
	assert_non_null(c);
	snprintf(first, sizeof first, "%s", c);
	STATUS(ts_form(owner, "/signout", (char *)NULL), 303);
	assert_int_equal(ts_signin(owner, email, PW), 303);
	c = ts_cookie(owner, "ws_device");
	assert_non_null(c);
	if (strcmp(c, first) != 0)
		printf("# a new ws_device at the second sign-in: %s, was %s\n", c, first);
	assert_string_equal(c, first);

	/* someone who knows the password today collects three browsers' cookies */
	for (i = 0; i < 3; i++) {
		snprintf(ip, sizeof ip, "127.0.0.%d", 31 + i);
		m[i] = ts_browser_new(&srv, ip);
		assert_int_equal(ts_signin(m[i], email, PW), 303);
		assert_non_null(ts_cookie(m[i], "ws_device"));
	}
	/* the owner changes her password in her browser */
	r = ts_form(owner, "/account/password", "current_password", PW, "password", pw2,
	    (char *)NULL);
	STATUS(r, 200);
	HAS(r, "Your password is changed");
	c = ts_cookie(owner, "ws_device");
	assert_non_null(c);
	assert_string_not_equal(c, first);
	STATUS(ts_form(owner, "/signout", (char *)NULL), 303);

	/* the collected cookies are worth nothing now: one account bucket */
	refused(attempt(m[0], email, WRONG));
	refused(attempt(m[1], email, WRONG));
	must_wait(attempt(m[2], email, WRONG), 15, "for this account");
	must_wait(attempt(m[2], email, pw2), 15, "for this account");
	fresh = ts_browser_new(&srv, "127.0.0.34");	/* no cookie at all */
	must_wait(attempt(fresh, email, WRONG), 15, "for this account");
	/* the owner's browser is not slowed */
	r = attempt(owner, email, pw2);
	STATUS(r, 303);
	assert_int_equal(ts_get(owner, "/account")->status, 200);
	for (i = 0; i < 3; i++)
		ts_browser_free(m[i]);
	ts_browser_free(fresh);
	ts_browser_free(owner);
}

/* ---- finding 8: trusted proxies -------------------------------------- */

/*
 * Behind the trusted proxy each client has its own bucket, named by the
 * right-most X-Forwarded-For entry that is not a trusted proxy; entries a
 * client wrote further left change nothing.  From an untrusted address the
 * header is ignored.  Audit entries record the client's address.
 */
static void
test_forwarded_for(void **state)
{
	struct ts_browser *p = ts_browser_new(&srv, PROXY);
	struct ts_browser *u = ts_browser_new(&srv, "127.0.0.27");
	char email[64];
	const struct ts_res *r;
	json_t *j;
	int i;

	for (i = 0; i < 3; i++) {
		snprintf(email, sizeof email, "xff%d@example.org", i);
		refused(attempt_via(p, "203.0.113.7", email, WRONG));
	}
	must_wait(attempt_via(p, "203.0.113.7", "xff9@example.org", WRONG), 15,
	    "from your address");
	/* the same client through a second trusted hop */
	must_wait(attempt_via(p, "203.0.113.7, " PROXY, "xff9@example.org", WRONG), 15,
	    "from your address");
	/* another client, and one that claims to be the first: own buckets */
	refused(attempt_via(p, "203.0.113.8", "xff9@example.org", WRONG));
	refused(attempt_via(p, "203.0.113.7, 203.0.113.9", "xff8@example.org", WRONG));
	refused(attempt_via(p, "2001:db8::1", "xff8@example.org", WRONG));

	/* untrusted: the header is ignored, the connection's address counts */
	for (i = 0; i < 3; i++) {
		snprintf(email, sizeof email, "xfu%d@example.org", i);
		refused(attempt_via(u, i % 2 ? "198.51.100.1" : "198.51.100.2", email, WRONG));
	}
	must_wait(attempt_via(u, "198.51.100.3", "xfu9@example.org", WRONG), 15,
	    "from your address");

	/* a staff member signing in through the proxy: the audit log has the
	 * client's address */
	assert_true(ts_user_add(db_url, "sam@example.org", "Sam Staff", "staff", PW) > 0);
	STATUS(attempt_via(p, "203.0.113.50", "sam@example.org", PW), 303);
	r = ts_get(p, "/api/v1/staff/audit");
	STATUS(r, 200);
	j = ts_json(r);
	assert_non_null(j);
	HAS(r, "\"203.0.113.50\"");
	json_decref(j);
	ts_browser_free(p);
	ts_browser_free(u);
}

/* A balancer on a trusted address holds more connections open than the
 * per-address limit (64 by default) and is still served; another address
 * is held to --max-conns-per-ip. */
static void
test_balancer_connections(void **state)
{
	static const char req[] = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n"
	    "Connection: close\r\n\r\n";
	int fds[70], few[MAX_CONNS], extra, i;
	struct ts_browser *b;

	for (i = 0; i < 70; i++) {
		fds[i] = ts_connect(srv.port, PROXY);
		assert_true(fds[i] >= 0);
	}
	/* each of them is served */
	assert_int_equal(ts_send_str(fds[69], req), 0);
	assert_int_equal(ts_status_of(fds[69]), 200);
	assert_int_equal(ts_closed_within(fds[0], 50), 0);
	b = ts_browser_new(&srv, PROXY);
	STATUS(ts_get(b, "/healthz"), 200);
	ts_browser_free(b);

	for (i = 0; i < MAX_CONNS; i++) {
		few[i] = ts_connect(srv.port, "127.0.0.28");
		assert_true(few[i] >= 0);
	}
	extra = ts_connect(srv.port, "127.0.0.28");
	assert_true(extra >= 0);
	(void)ts_send_str(extra, req);	/* may be closed already */
	assert_int_equal(ts_closed_within(extra, 10000), 1);	/* returns at the close */
	close(extra);
	assert_int_equal(ts_closed_within(few[0], 50), 0);
	for (i = 0; i < MAX_CONNS; i++)
		close(few[i]);
	for (i = 0; i < 70; i++)
		close(fds[i]);
}

/* Opens a connection from the proxy and sends the headers of a POST for
 * client xff whose body never comes: a request in progress. */
static int
pending_via(const char *xff)
{
	int fd = ts_request(srv.port, PROXY, "POST /signin HTTP/1.1\r\nHost: localhost\r\n"
	    "X-Forwarded-For: %s\r\nContent-Type: application/x-www-form-urlencoded\r\n"
	    "Content-Length: 100\r\n\r\n", xff);

	assert_true(fd >= 0);
	return fd;
}

/* Behind the proxy, the per-address limit holds each client to
 * --max-conns-per-ip requests in progress; other clients are served. */
static void
test_forwarded_client_limit(void **state)
{
	int fds[MAX_CONNS], extra, i;

	for (i = 0; i < MAX_CONNS; i++)
		fds[i] = pending_via("203.0.113.77");
	assert_int_equal(ts_closed_within(fds[0], 200), 0);	/* they are read */
	extra = pending_via("203.0.113.77");
	assert_int_equal(ts_status_of(extra), 429);
	close(extra);
	extra = pending_via("203.0.113.78");	/* another client: waits for its body */
	assert_int_equal(ts_closed_within(extra, 200), 0);
	close(extra);
	for (i = 0; i < MAX_CONNS; i++)
		close(fds[i]);
}

/* ---- low: the redirect after sign-in is encoded ---------------------- */

static void
signin_next(struct ts_browser *b, const char *email, const char *next, const char *want)
{
	const struct ts_res *r = ts_form(b, "/signin", "email", email, "password", PW, "next",
	    next, (char *)NULL);
	const char *loc;

	STATUS(r, 303);
	loc = ts_header(r, "Location");
	assert_non_null(loc);
	if (strcmp(loc, want) != 0)
		printf("# next %s: Location %s, want %s\n", next, loc, want);
	assert_string_equal(loc, want);
}

static void
test_next_encoded(void **state)
{
	struct ts_browser *b = ts_browser_new(&srv, "127.0.0.29");
	const struct ts_res *r;
	int i;

	assert_true(ts_user_add(db_url, "nia@example.org", "Nia Next", "member", PW) > 0);
	/* a space, UTF-8 and a '%' (the form decoded "%252F" to "%2F") are
	 * escaped; the query's delimiters stay */
	signin_next(b, "nia@example.org", "/resources/a b/caf\xc3\xa9/a%2Fb?q=a&b=c",
	    "/resources/a%20b/caf%C3%A9/a%252Fb?q=a&b=c");
	signin_next(b, "nia@example.org", "//evil.example/", "/");
	signin_next(b, "nia@example.org", "/ /evil.example/", "/%20/evil.example/");
	/* line breaks never reach a header: the form refuses them */
	r = ts_form(b, "/signin", "email", "nia@example.org", "password", PW, "next",
	    "/x\r\nSet-Cookie: evil=1", (char *)NULL);
	assert_true(r->status == 422 || r->status == 303);
	for (i = 0; i < r->nh; i++)
		assert_null(strstr(r->h[i][1], "evil"));
	ts_browser_free(b);
	/* the way in: a page that needs a session sends to /signin with the
	 * path encoded as a query value */
	b = ts_browser_new(&srv, "127.0.0.29");
	r = ts_get(b, "/applications/a%20b%C3%A9%25");
	STATUS(r, 303);
	assert_non_null(ts_header(r, "Location"));
	assert_string_equal(ts_header(r, "Location"),
	    "/signin?next=/applications/a%20b%C3%A9%25");
	ts_browser_free(b);
}

/* ---- last: the server stops cleanly ---------------------------------- */

static void
test_server_stops_cleanly(void **state)
{
	assert_int_equal(ts_server_stop(&srv), 0);
}

static int
setup(void **state)
{
	static const char *const extra[] = { "--test-backoff", "1,2",
	    "--trusted-proxy", PROXY, "--trusted-proxy", "2001:db8:ffff::/48",
	    "--max-conns-per-ip", "8", NULL };

	_Static_assert(MAX_CONNS == 8, "the --max-conns-per-ip given");
	return ts_suite_start(&sink, &srv, &db_url, extra);
}

static int
teardown(void **state)
{
	ts_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stranger_slowed_owner_signs_in),
		cmocka_unit_test(test_address_limit),
		cmocka_unit_test(test_account_page_counts),
		cmocka_unit_test(test_device_cookie_not_multiplied),
		cmocka_unit_test(test_forwarded_for),
		cmocka_unit_test(test_balancer_connections),
		cmocka_unit_test(test_forwarded_client_limit),
		cmocka_unit_test(test_next_encoded),
		cmocka_unit_test(test_server_stops_cleanly),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("limits", tests, setup, teardown);
}
