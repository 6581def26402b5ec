/*
 * slow_test.c -- a password hash does not hold up other requests.
 *
 * An Argon2id hash (sign-in, sign-up, a join with a new account, a password
 * change) takes 0.1 to 0.5 s; run on a libmicrohttpd request thread, it made
 * every other connection of that thread wait, an unrelated profile edit
 * included (bench/writes).  Routes flagged RF_SLOW now run their handler on
 * the slow pool (src/http/slowpool.h) while the request thread serves its
 * other connections.
 *
 * The server runs with --threads 1: without the pool every connection would
 * share the one request thread with the sign-ins.  The test build's
 * POST /_test/slow?hold=1 holds the answers of slow requests once built
 * (after their hash), so the sign-ins stay in flight for as long as the test
 * needs and it checks an order of events, not a guessed time.
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
#define NSIGNIN 4		/* more than the pool's threads on a small machine */

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;

/* POST /_test/slow (with ?hold=hold unless NULL): how many slow requests
 * wait at the hold with their answer built, and how many wait for a pool
 * thread; the pool's threads. */
static int
slow_state(struct ts_browser *b, const char *hold, int *held, int *queued)
{
	char path[64];
	const struct ts_res *r;
	int threads;

	snprintf(path, sizeof path, "/_test/slow%s%s", hold ? "?hold=" : "", hold ? hold : "");
	r = ts_req(b, "POST", path, NULL, "", 0);
	STATUS(r, 200);
	assert_int_equal(sscanf(r->body, "held %d queued %d threads %d", held, queued,
	    &threads), 3);
	return threads;
}

/* Waits (30 s at most) until n slow requests are in flight and none is
 * running: each has its answer held or waits for a thread.  How many are
 * held (their hash done) into *held. */
static void
wait_in_flight(struct ts_browser *b, int n, int *held)
{
	int64_t end = ts_now_ms() + 30000;
	int queued = 0;

	for (;;) {
		slow_state(b, NULL, held, &queued);
		if (*held + queued == n && *held > 0)
			return;
		if (ts_now_ms() > end) {
			printf("# held %d queued %d, want %d in flight\n", *held, queued, n);
			fail();
		}
		usleep(10 * 1000);	/* polls for the event; nothing waits on a time */
	}
}

/* Sends a sign-in through the API (POST /api/v1/session, JSON: no CSRF
 * token needed) on a new connection from ip, without waiting for the answer;
 * the connection. */
static int
signin_send(const char *ip, const char *email, const char *password)
{
	char body[256];
	int fd;

	snprintf(body, sizeof body, "{\"email\":\"%s\",\"password\":\"%s\"}", email,
	    password);
	fd = ts_request(srv.port, ip, "POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\n"
	    "Content-Type: application/json\r\nContent-Length: %zu\r\nConnection: close\r\n"
	    "\r\n%s", strlen(body), body);
	assert_true(fd >= 0);
	return fd;
}

/* Four sign-ins on the server's one request thread are in flight (two
 * hashed and waiting to answer, the rest waiting for a pool thread): a
 * health check and a rendered page are answered meanwhile, and then every
 * sign-in gets its session. */
static void
test_cheap_answered_while_signins_in_flight(void **state)
{
	struct ts_browser *b = ts_browser_new(&srv, "127.0.0.1");
	const struct ts_res *r;
	int fds[NSIGNIN], i, held, queued;
	char email[64];

	for (i = 0; i < NSIGNIN; i++) {
		snprintf(email, sizeof email, "sam%d@example.org", i);
		assert_true(ts_user_add(db_url, email, "Sam Slow", "member", PW) > 0);
	}
	slow_state(b, "1", &held, &queued);
	assert_int_equal(held + queued, 0);
	for (i = 0; i < NSIGNIN; i++) {
		snprintf(email, sizeof email, "sam%d@example.org", i);
		fds[i] = signin_send("127.0.0.41", email, PW);
	}
	wait_in_flight(b, NSIGNIN, &held);
	printf("# %d sign-ins in flight, %d of them hashed\n", NSIGNIN, held);

	r = ts_get(b, "/healthz");
	STATUS(r, 200);
	r = ts_get(b, "/signin");
	STATUS(r, 200);
	assert_true(ts_has(r, "password"));
	for (i = 0; i < NSIGNIN; i++)
		assert_false(ts_answered(fds[i]));	/* still in flight */

	slow_state(b, "0", &held, &queued);
	for (i = 0; i < NSIGNIN; i++) {
		assert_int_equal(ts_status_of(fds[i]), 201);
		close(fds[i]);
	}
	ts_browser_free(b);
}

/* Through the pool, the forms still sign in (a cookie and a redirect), and
 * refuse a wrong password with the form and its message. */
static void
test_forms_through_the_pool(void **state)
{
	struct ts_browser *b = ts_browser_new(&srv, "127.0.0.42");
	const struct ts_res *r;

	assert_true(ts_user_add(db_url, "tess@example.org", "Tess Form", "member", PW) > 0);
	r = ts_form(b, "/signin", "email", "tess@example.org", "password", "not the password",
	    (char *)NULL);
	STATUS(r, 403);
	assert_true(ts_has(r, "The email or password is not right."));
	assert_int_equal(ts_signin(b, "tess@example.org", PW), 303);
	r = ts_get(b, "/account");
	STATUS(r, 200);
	assert_true(ts_has(r, "tess@example.org"));
	ts_browser_free(b);
}

/* Holds the answers of slow requests and sends sign-ins from ip (into
 * fds, 16 at most) until every thread of the pool holds one and one more
 * waits for a thread.  "Queued" alone is not enough: a sign-in is queued
 * for a moment before an idle thread takes it, and one taken before the
 * test moves the clock is not late.  How many were sent; how many are held
 * and queued into *held and *queued. */
static int
threads_held(struct ts_browser *b, const char *ip, int *fds, int *held, int *queued)
{
	int n = 0, threads = slow_state(b, "1", held, queued);

	assert_true(threads >= 1 && threads < 15);
	do {
		assert_true(n < 16);
		fds[n++] = signin_send(ip, "sam1@example.org", PW);
		wait_in_flight(b, n, held);
		slow_state(b, NULL, held, queued);
	} while (*held < threads || *queued == 0);
	return n;
}

/*
 * A sign-in that waited for a pool thread longer than the server allows
 * (5 s, as for a hashing slot) is answered 503 with Retry-After, as
 * problem+json, without its hash; the sign-ins that had a thread get their
 * session.  The test clock is moved past the wait instead of waiting.
 */
static void
test_late_gets_503(void **state)
{
	struct ts_browser *b = ts_browser_new(&srv, "127.0.0.1");
	char answer[4096];
	int fds[16], n, i, held, queued, signed_in = 0, busy = 0;

	n = threads_held(b, "127.0.0.44", fds, &held, &queued);
	printf("# %d sign-ins: %d have a thread, %d wait for one\n", n, held, queued);
	assert_int_equal(ts_clock_advance(b, 6), 200);
	slow_state(b, "0", &held, &queued);
	for (i = 0; i < n; i++) {
		ts_answer_of(fds[i], answer, sizeof answer);
		close(fds[i]);
		if (strncmp(answer, "HTTP/1.1 201", 12) == 0) {
			signed_in++;
		} else if (strncmp(answer, "HTTP/1.1 503", 12) == 0) {
			busy++;
			assert_non_null(strcasestr(answer, "\r\nRetry-After: 5\r\n"));
			assert_non_null(strcasestr(answer, "application/problem+json"));
			assert_non_null(strstr(answer, "The server is busy."));
		} else {
			printf("# unexpected answer: %.200s\n", answer);
			fail();
		}
	}
	assert_int_equal(busy, n - signed_in);
	assert_true(busy >= 1);
	assert_true(signed_in >= 1);
	ts_browser_free(b);
}

/*
 * A browser's sign-in form that waited too long for a pool thread comes
 * back as the sign-in page with what was typed (never the password) and a
 * message to try again, 503 with Retry-After, instead of a bare error page.
 */
static void
test_late_form_keeps_input(void **state)
{
	static const char pw[] = "lemon+kite+harbour+nine";	/* urlencoded */
	struct ts_browser *b = ts_browser_new(&srv, "127.0.0.1");
	struct ts_browser *web = ts_browser_new(&srv, "127.0.0.46");
	char body[512], answer[65536], csrf_cookie[128];
	int fds[16], n, i, held, queued, form;

	/* the page and its token, as a browser has them before it posts */
	STATUS(ts_get(web, "/signin"), 200);
	assert_non_null(ts_cookie(web, "ws_csrf"));
	snprintf(csrf_cookie, sizeof csrf_cookie, "%s", ts_cookie(web, "ws_csrf"));
	snprintf(body, sizeof body, "csrf=%s&next=%%2Faccount&email=wren.typed%%40example.org"
	    "&password=%s", ts_csrf(web), pw);

	n = threads_held(b, "127.0.0.45", fds, &held, &queued);
	form = ts_request(srv.port, "127.0.0.46", "POST /signin HTTP/1.1\r\nHost: localhost\r\n"
	    "Content-Type: application/x-www-form-urlencoded\r\nCookie: ws_csrf=%s\r\n"
	    "Content-Length: %zu\r\nConnection: close\r\n\r\n%s", csrf_cookie, strlen(body),
	    body);
	assert_true(form >= 0);
	wait_in_flight(b, n + 1, &held);
	assert_int_equal(ts_clock_advance(b, 6), 200);
	slow_state(b, "0", &held, &queued);

	ts_answer_of(form, answer, sizeof answer);
	close(form);
	if (strncmp(answer, "HTTP/1.1 503", 12) != 0)
		printf("# the form's answer: %.300s\n", answer);
	assert_int_equal(strncmp(answer, "HTTP/1.1 503", 12), 0);
	assert_non_null(strcasestr(answer, "\r\nRetry-After: 5\r\n"));
	assert_non_null(strcasestr(answer, "\r\nContent-Type: text/html"));
	assert_non_null(strstr(answer, "The server is busy; please try again in a few seconds."));
	/* the sign-in form again, with the address typed and where to go */
	assert_non_null(strstr(answer, "action=\"/signin\""));
	assert_non_null(strstr(answer, "value=\"wren.typed@example.org\""));
	assert_non_null(strstr(answer, "name=\"next\" value=\"&#x2F;account\""));
	assert_null(strstr(answer, "lemon"));
	for (i = 0; i < n; i++) {
		ts_answer_of(fds[i], answer, sizeof answer);
		close(fds[i]);
	}
	ts_browser_free(web);
	ts_browser_free(b);
}

/* Stopping the server while sign-ins are in flight ends them (an answer or
 * the close) and the server exits cleanly: libmicrohttpd is never stopped
 * with a connection suspended. */
static void
test_stop_with_signins_in_flight(void **state)
{
	struct ts_browser *b = ts_browser_new(&srv, "127.0.0.1");
	int fds[NSIGNIN], i, held, queued;

	slow_state(b, "1", &held, &queued);
	for (i = 0; i < NSIGNIN; i++)
		fds[i] = signin_send("127.0.0.43", "sam0@example.org", PW);
	wait_in_flight(b, NSIGNIN, &held);
	ts_browser_free(b);
	assert_int_equal(ts_server_stop(&srv), 0);
	for (i = 0; i < NSIGNIN; i++) {
		assert_int_equal(ts_closed_within(fds[i], 15000), 1);
		close(fds[i]);
	}
}

static int
setup(void **state)
{
	static const char *const extra[] = { "--threads", "1", NULL };

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
		cmocka_unit_test(test_cheap_answered_while_signins_in_flight),
		cmocka_unit_test(test_forms_through_the_pool),
		cmocka_unit_test(test_late_gets_503),
		cmocka_unit_test(test_late_form_keeps_input),
		cmocka_unit_test(test_stop_with_signins_in_flight),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("slow", tests, setup, teardown);
}
