/*
 * mail_test.c -- the site's mail, sent by the background jobs, as people
 * and staff see it.
 *
 * Two servers on one database (two nodes) share the mail of both: every
 * message arrives, and arrives once.  While the SMTP server is down a
 * sign-up still succeeds and its mail waits; after its last attempt staff
 * see it failed at /staff/jobs with the server's refusal, and "Try again"
 * sends it, once, with a link that still works.
 *
 * A program of its own: it stops the SMTP sink and moves the server's clock.
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

#include "db/db.h"
#include "jobs/jobs.h"
#include "lib/testsrv.h"
#include "mail/outbox.h"

#define PW "copper kettle meadow ninety"
#define STAFF "sam.staff@mail.test"
#define SUBJECT "Confirm your email address"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct db_pool *pool;	/* the test's own look at the database */

/* The mail job of the message to `to`, read from the database. */
struct mjob {
	int64_t id, attempts;
	char status[16], error[512];
};

static int
mail_job(const char *to, struct mjob *j)
{
	struct db *d = db_acquire(pool);
	struct db_q *q = db_start(d, ST_JOB_LIST);
	int64_t ids[200][2];
	int n = 0, i, found = 0;

	memset(j, 0, sizeof *j);
	db_bind_text(q, 1, "");
	db_bind_text(q, 2, "");
	db_bind_int(q, 3, 200);
	db_bind_int(q, 4, 0);
	while (db_step(q) == WS_OK && n < 200) {
		const char *p = db_col_text(q, 2);

		if (strcmp(db_col_text(q, 1), OUTBOX_JOB_KIND) != 0 || !(p = strchr(p, ':')))
			continue;
		ids[n][0] = db_col_int(q, 0);
		ids[n++][1] = strtoll(p + 1, NULL, 10);
	}
	db_end(q);
	for (i = 0; i < n && !found; i++) {
		q = db_start(d, ST_OUTBOX_GET);
		db_bind_int(q, 1, ids[i][1]);
		found = db_step(q) == WS_OK && strcmp(db_col_text(q, 0), to) == 0;
		db_end(q);
		if (!found)
			continue;
		q = db_start(d, ST_JOB_GET);
		db_bind_int(q, 1, ids[i][0]);
		assert_int_equal(db_step(q), WS_OK);
		j->id = db_col_int(q, 0);
		snprintf(j->status, sizeof j->status, "%s", db_col_text(q, 3));
		j->attempts = db_col_int(q, 5);
		snprintf(j->error, sizeof j->error, "%s", db_col_null(q, 8) ? "" :
		    db_col_text(q, 8));
		db_end(q);
	}
	db_release(pool, d);
	return found ? 0 : -1;
}

/* Waits up to 20 s for the mail job to `to` to have made `attempts`
 * attempts and not be running. */
static void
wait_attempts(const char *to, int64_t attempts, struct mjob *j)
{
	int64_t until = ts_now_ms() + 20000;

	while (ts_now_ms() < until) {
		if (mail_job(to, j) == 0 && j->attempts >= attempts &&
		    strcmp(j->status, "running") != 0)
			return;
		usleep(50 * 1000);
	}
	printf("# the mail job to %s is %s after %lld attempts, not %lld\n", to, j->status,
	    (long long)j->attempts, (long long)attempts);
	fail();
}

/* Mail jobs queued or running now. */
static int64_t
mail_active(void)
{
	struct db *d = db_acquire(pool);
	struct db_q *q = db_start(d, ST_JOB_ACTIVE);
	int64_t n;

	db_bind_text(q, 1, OUTBOX_JOB_KIND);
	assert_int_equal(db_step(q), WS_OK);
	n = db_col_int(q, 0);
	db_end(q);
	db_release(pool, d);
	return n;
}

/* Signs up `email` through the API of s from address ip: 202, mail sent. */
static void
sign_up(const struct ts_server *s, const char *ip, const char *email)
{
	struct ts_browser *b = ts_browser_new(s, ip);
	char body[256];

	snprintf(body, sizeof body, "{\"name\":\"Noa Node\",\"email\":\"%s\",\"password\":\"%s\"}",
	    email, PW);
	STATUS(ts_api(b, "POST", "/api/v1/accounts", NULL, body), 202);
	ts_browser_free(b);
}

#define NODE_MAIL 12

/* Two servers on one database, each taking sign-ups and each running its
 * jobs workers: every confirmation mail arrives once. */
static void
test_two_servers_send_once(void **state)
{
	struct ts_server other;
	struct ts_mail m;
	char email[64], ip[32];
	int64_t until;
	int i;

	(void)state;
	assert_int_equal(ts_server_start(&other, db_url, &sink, NULL), 0);
	for (i = 0; i < NODE_MAIL; i++) {
		snprintf(email, sizeof email, "node%d@mail.test", i);
		snprintf(ip, sizeof ip, "127.0.0.%d", 20 + i);
		sign_up(i % 2 ? &other : &srv, ip, email);
	}
	for (i = 0; i < NODE_MAIL; i++) {
		snprintf(email, sizeof email, "node%d@mail.test", i);
		assert_int_equal(ts_mail_wait(&sink, email, 20000, &m), 0);
		assert_string_equal(m.subject, SUBJECT);
		assert_non_null(strstr(m.body, "/verify?token="));
		ts_mail_free(&m);
	}
	/* Once no mail job is left, nothing else can arrive: none twice. */
	until = ts_now_ms() + 20000;
	while (mail_active() > 0 && ts_now_ms() < until)
		usleep(50 * 1000);
	assert_int_equal(mail_active(), 0);
	for (i = 0; i < NODE_MAIL; i++) {
		snprintf(email, sizeof email, "node%d@mail.test", i);
		assert_int_equal(ts_mail_count(&sink, email), 0);
	}
	assert_int_equal(ts_server_stop(&other), 0);
}

/* The SMTP server is down: the sign-up succeeds, its mail waits, each
 * attempt keeping the refusal; after the last one staff see the mail failed
 * at /staff/jobs (and its JSON twin), try it again once the server is back,
 * and the person gets the mail once, with a link that works. */
static void
test_failed_mail_retried_by_staff(void **state)
{
	static const char to[] = "late@mail.test";
	struct ts_browser *staff = ts_browser_new(&srv, NULL), *api = ts_browser_new(&srv, NULL);
	struct ts_browser *person = ts_browser_new(&srv, NULL);
	const struct ts_res *r;
	struct ts_mail m;
	struct mjob j;
	char path[96], link[512], want[64];
	json_t *v, *it;
	size_t i;
	int found = 0;
	int64_t n;

	(void)state;
	ts_sink_stop(&sink);
	sign_up(&srv, "127.0.0.50", to);
	for (n = 1; n < OUTBOX_ATTEMPTS; n++) {
		wait_attempts(to, n, &j);
		assert_string_equal(j.status, "queued");
		assert_int_equal(ts_clock_advance(staff, job_backoff((int)n)), 200);
	}
	wait_attempts(to, OUTBOX_ATTEMPTS, &j);
	assert_string_equal(j.status, "failed");
	snprintf(want, sizeof want, "to %s: ", to);
	assert_non_null(strstr(j.error, want));
	assert_non_null(strstr(j.error, "connect"));
	assert_int_equal(ts_sink_restart(&sink), 0);
	assert_int_equal(ts_mail_count(&sink, to), 0);

	/* Staff see it with its error ... */
	assert_int_equal(ts_signin(staff, STAFF, PW), 303);
	r = ts_get(staff, "/staff/jobs?status=failed");
	STATUS(r, 200);
	HAS(r, want);
	HAS(r, "Try again");
	r = ts_api(api, "POST", "/api/v1/session", NULL,
	    "{\"email\":\"" STAFF "\",\"password\":\"" PW "\"}");
	STATUS(r, 201);
	v = ts_json(r);
	snprintf(link, sizeof link, "%s", json_string_value(json_object_get(v, "token")));
	json_decref(v);
	r = ts_api(api, "GET", "/api/v1/staff/jobs?status=failed", link, NULL);
	STATUS(r, 200);
	v = ts_json(r);
	json_array_foreach(json_object_get(v, "items"), i, it)
		if (json_integer_value(json_object_get(it, "id")) == j.id) {
			found = 1;
			assert_string_equal(json_string_value(json_object_get(it, "kind")), "mail");
			assert_non_null(strstr(json_string_value(json_object_get(it, "last_error")),
			    want));
		}
	json_decref(v);
	assert_true(found);

	/* ... and try it again: it arrives, once, and its link works. */
	snprintf(path, sizeof path, "/staff/jobs/%lld/retry", (long long)j.id);
	STATUS(ts_form(staff, path, (char *)NULL), 303);
	assert_int_equal(ts_mail_wait(&sink, to, 20000, &m), 0);
	assert_string_equal(m.subject, SUBJECT);
	assert_int_equal(ts_mail_link(&m, link, sizeof link), 0);
	ts_mail_free(&m);
	wait_attempts(to, 1, &j);
	assert_string_equal(j.status, "done");
	assert_int_equal(ts_mail_count(&sink, to), 0);
	STATUS(ts_verify(person, link, PW), 200);

	ts_browser_free(staff);
	ts_browser_free(api);
	ts_browser_free(person);
}

static int
setup(void **state)
{
	char err[256];

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	if (ts_user_add(db_url, STAFF, "Sam Staff", "staff", PW) <= 0)
		return -1;
	if (db_pool_open(db_url, 1, 0, &pool, err, sizeof err) != WS_OK) {
		printf("# %s\n", err);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	db_pool_free(pool);
	ts_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_two_servers_send_once),
		cmocka_unit_test(test_failed_mail_retried_by_staff),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("mail", tests, setup, teardown);
}
