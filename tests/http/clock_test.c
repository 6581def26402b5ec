/*
 * clock_test.c -- what depends on time, tested by moving the server's clock
 * (POST /_test/clock, test builds only) instead of waiting: sessions end
 * after --idle-timeout unused and --session-lifetime after sign-in, on
 * pages and for API tokens; a confirmation link lasts 24 hours, a reset
 * link one hour.  The release binary has no such clock.
 *
 * A program of its own: moving the clock ages every session of its server.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"
#define IDLE 1800	/* the defaults of serve */
#define LIFETIME 43200

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *clock_b;	/* moves the clock */

static void
advance(long s)
{
	assert_int_equal(ts_clock_advance(clock_b, s), 200);
}

static int
signed_in(struct ts_browser *b)
{
	return ts_get(b, "/account")->status == 200;
}

static struct ts_browser *
browser_of(const char *email)
{
	struct ts_browser *b = ts_browser_new(&srv, NULL);

	assert_true(ts_user_add(db_url, email, "Tim Clock", "member", PW) > 0);
	assert_int_equal(ts_signin(b, email, PW), 303);
	return b;
}

/* Unused for --idle-timeout: signed out.  Each use starts the wait again. */
static void
test_idle_timeout(void **state)
{
	struct ts_browser *b = browser_of("idle@clock.test");

	(void)state;
	advance(IDLE - 100);
	assert_true(signed_in(b));	/* and touched */
	advance(IDLE - 100);
	assert_true(signed_in(b));
	advance(IDLE + 5);
	assert_false(signed_in(b));
	STATUS(ts_get(b, "/account"), 303);	/* to the sign-in page */
	ts_browser_free(b);
}

/* Used all the time, a session still ends --session-lifetime after sign-in;
 * so does an API token. */
static void
test_absolute_lifetime(void **state)
{
	static const char creds[] = "{\"email\":\"life@clock.test\",\"password\":\"" PW "\"}";
	struct ts_browser *b = browser_of("life@clock.test"), *api = ts_browser_new(&srv, NULL);
	const struct ts_res *r;
	json_t *j;
	char tok[80];
	long t;

	(void)state;
	r = ts_api(api, "POST", "/api/v1/session", NULL, creds);
	STATUS(r, 201);
	j = ts_json(r);
	snprintf(tok, sizeof tok, "%s", json_string_value(json_object_get(j, "token")));
	json_decref(j);
	for (t = 0; t + 1500 < LIFETIME; t += 1500) {
		advance(1500);
		assert_true(signed_in(b));
		STATUS(ts_api(api, "GET", "/api/v1/me", tok, NULL), 200);
	}
	advance(LIFETIME - t + 5);
	assert_false(signed_in(b));
	STATUS(ts_api(api, "GET", "/api/v1/me", tok, NULL), 401);
	ts_browser_free(b);
	ts_browser_free(api);
}

/* The mailed link of path (a sign-up's or a reset's) for email. */
static void
link_of(const char *email, const char *path, char *link, size_t len)
{
	struct ts_mail m;

	assert_int_equal(ts_mail_wait(&sink, email, 10000, &m), 0);
	assert_int_equal(ts_mail_link(&m, link, len), 0);
	assert_non_null(strstr(link, path));
	ts_mail_free(&m);
}

/* A confirmation link lasts 24 hours, a reset link one hour. */
static void
test_links_expire(void **state)
{
	struct ts_browser *b = ts_browser_new(&srv, "127.0.0.7");
	const struct ts_res *r;
	char verify[512], reset[512];

	(void)state;
	r = ts_form(b, "/signup", "name", "Lou Late", "email", "late@clock.test", "password", PW,
	    (char *)NULL);
	STATUS(r, 200);
	link_of("late@clock.test", "/verify?token=", verify, sizeof verify);
	advance(24 * 3600 - 60);
	STATUS(ts_get(b, verify), 200);	/* still good: the form */
	advance(120);
	r = ts_get(b, verify);
	STATUS(r, 410);
	assert_true(ts_has(r, "This link has expired"));

	r = ts_form(b, "/forgot", "email", "late@clock.test", (char *)NULL);
	STATUS(r, 200);
	link_of("late@clock.test", "/reset?token=", reset, sizeof reset);
	advance(3600 + 5);
	r = ts_form(b, "/reset", "token", strstr(reset, "token=") + 6, "password",
	    "a fresh long passphrase", (char *)NULL);
	STATUS(r, 410);
	ts_browser_free(b);
}

/* The release build has no clock to move: an ordinary 404. */
static void
test_release_has_no_clock(void **state)
{
	char bin[1024], *root = getenv("ROOT");
	struct ts_server rel;
	struct ts_browser *b;
	struct stat st;
	const char *saved = getenv("WHATSON_BIN");
	char keep[1024];

	(void)state;
	snprintf(bin, sizeof bin, "%s/whatson", root && *root ? root : ".");
	if (stat(bin, &st) != 0) {
		printf("# %s is not built: make whatson\n", bin);
		fail();
	}
	snprintf(keep, sizeof keep, "%s", saved ? saved : "");
	setenv("WHATSON_BIN", bin, 1);
	assert_int_equal(ts_server_start(&rel, db_url, &sink, NULL), 0);
	if (*keep)
		setenv("WHATSON_BIN", keep, 1);
	else
		unsetenv("WHATSON_BIN");
	b = ts_browser_new(&rel, NULL);
	STATUS(ts_req(b, "POST", "/_test/clock?advance=100", NULL, "", 0), 404);
	ts_browser_free(b);
	assert_int_equal(ts_server_stop(&rel), 0);
}

static int
setup(void **state)
{
	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	clock_b = ts_browser_new(&srv, NULL);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ts_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_idle_timeout),
		cmocka_unit_test(test_absolute_lifetime),
		cmocka_unit_test(test_links_expire),
		cmocka_unit_test(test_release_has_no_clock),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("clock", tests, setup, teardown);
}
