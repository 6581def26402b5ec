/*
 * digest_test.c -- the weekly digest (migration 43), read in the SMTP sink:
 * who gets one and what it tells them by role and audience (a focal point
 * never hears of a nongovernmental forum's thread, an applicant never of a
 * members' item, nobody of a draft or of a post's text), that a person
 * with nothing new, a disabled, deleted or unverified account, a member
 * whose organization is suspended and one who said no get none; that a rerun in
 * the same week mails nobody twice, and the scheduled run a week later
 * only what is new (the test clock, never sleeping); the unsubscribe link
 * (forged, another person's, without CSRF, then for real) and the
 * List-Unsubscribe one-click POST; the setting,
 * its form and its JSON twin; staff's page.  On PostgreSQL a second node
 * serves the same database and both run the digest at once: one mail each.
 *
 * That a run is over is read from staff's /api/v1/staff/digest (each run
 * is a row there once done).  The scheduled run exists in the test build
 * only with WHATSON_TEST_DIGEST set, which this program sets.
 *
 * The database is $WHATSON_TEST_DB (tests/http/run.t runs this program
 * once on SQLite and once on PostgreSQL).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "lib/api.h"
#include "lib/nodes.h"
#include "lib/people.h"
#include "lib/sqldirect.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"
#define DAY 86400
#define WEEK (7 * DAY)

#define SAM "sam@digest-staff.test"
#define ADA "ada@alder-digest.example"	/* member, French */
#define BO "bo@alder-digest.example"	/* member: writes the replies */
#define FAY "fay@focal-digest.example"	/* focal point */
#define AL "al@applicant-digest.example"	/* applicant who asked for it */
#define UL "ul@alder-digest.example"	/* member, address not verified */
#define SUE "sue@suspended-digest.example"	/* member of a suspended organization */
#define DEE "dee@alder-digest.example"	/* member, account disabled */
#define NO "no@alder-digest.example"	/* member who said no on the form */
#define AP2 "ap2@applicant-digest.example"	/* applicant: off by default */
#define GONE "gone@alder-digest.example"	/* member who deleted their account */

static struct ts_sink sink;
static struct ts_server srv, srv2;
static int two_nodes;
static const char *db_url;
static struct ts_browser *plain, *plain2;
static char sam_tok[129], ada_tok[129], bo_tok[129], fay_tok[129], al_tok[129], ap2_tok[129];
static char gone_tok[129];
static int64_t ada_id, bo_id, fay_id, al_id;
static int64_t f_members, f_nongov, t_members, t_nongov;

/* ---- helpers ------------------------------------------------------------ */

static int64_t
made(const char *path, const char *tok, json_t *body)
{
	const struct ts_res *r = ta_api("POST", path, tok, body);
	json_t *j;
	int64_t id;

	STATUS(r, 201);
	j = ts_jbody(r);
	id = ta_num(j, "id");
	if (!id)
		id = ta_num(json_object_get(j, "thread"), "id");
	json_decref(j);
	assert_true(id > 0);
	return id;
}

static void
news_made(const char *title, const char *visibility, int publish)
{
	(void)made("/api/v1/news", sam_tok, json_pack("{s:s,s:s,s:s,s:s,s:b}", "title", title,
	    "kind", "news", "summary", "For the digest.", "visibility", visibility, "publish",
	    publish));
}

static void
reply(int64_t forum, int64_t thread, const char *body)
{
	STATUS(ta_api("POST", ta_path("/api/v1/forums/%lld/threads/%lld/posts", (long long)forum,
	    (long long)thread), bo_tok, json_pack("{s:s}", "body", body)), 201);
}

/* A published workshop open to everyone signed in, whose registration
 * closes in 60 days (an opportunity each can still act on). */
static void
event_made(const char *title)
{
	int64_t closes = ta_now() + 60 * DAY;

	(void)made("/api/v1/events", sam_tok, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}",
	    "kind", "workshop", "title", title, "timezone", "UTC", "start",
	    ta_utc(closes + 3 * DAY), "end", ta_utc(closes + 3 * DAY + 7200),
	    "registration_closes", ta_utc(closes), "status", "published", "visibility", "public",
	    "audience", "open"));
}

/* Runs: how many staff see at /api/v1/staff/digest. */
static int64_t
runs(void)
{
	return ta_total("/api/v1/staff/digest", sam_tok);
}

/* Waits (up to 60 s) until there are at least want runs. */
static void
runs_reach(int64_t want)
{
	int64_t t0 = ts_now_ms();

	while (runs() < want) {
		struct timespec ts = { 0, 50 * 1000 * 1000 };	/* a poll, not a guess */

		if (ts_now_ms() - t0 > 60000)
			fail_msg("the digest did not run (%lld runs, want %lld)", (long long)runs(),
			    (long long)want);
		nanosleep(&ts, NULL);
	}
}

/* Moves every node's clock on by two seconds: a digest tells of what came
 * in its last one's second too, so the tests keep what they write apart
 * from the runs by a second at least. */
static void
tick(void)
{
	assert_int_equal(ts_clock_advance(plain, 2), 200);
	if (two_nodes)
		assert_int_equal(ts_clock_advance(plain2, 2), 200);
}

/* Staff run it now, on every node at once; waits until those runs are done. */
static void
run_now(void)
{
	int64_t before = runs();

	tick();

	STATUS(ta_api("POST", "/api/v1/staff/digest/run", sam_tok, NULL), 202);
	if (two_nodes)
		STATUS(ts_call(plain2, "POST", "/api/v1/staff/digest/run", sam_tok, NULL), 202);
	runs_reach(before + 1 + two_nodes);
	tick();
}

/* The digests queued for address to, in the outbox. */
static int64_t
queued(const char *to)
{
	return ts_sql_int("SELECT count(*) FROM outbox WHERE to_addr = '%s' AND subject IN "
	    "('Your weekly digest', 'Votre lettre hebdomadaire')", to);
}

/* The next mail to `to` (waited for); subject asserted; the body has each
 * of has (NULL-terminated list) and none of lacks.  The body (caller frees). */
static char *
digest_mail(const char *to, const char *subject, const char *const *has,
    const char *const *lacks)
{
	struct ts_mail m;
	char *body;
	size_t i;

	for (;;) {	/* the forums' reply mail comes too: skipped */
		if (ts_mail_wait(&sink, to, 20000, &m) != 0)
			fail_msg("no digest to %s", to);
		if (strcmp(m.subject, subject) == 0)
			break;
		ts_mail_free(&m);
	}
	for (i = 0; has && has[i]; i++) {
		if (!strstr(m.body, has[i]))
			printf("# the digest to %s lacks \"%s\":\n%s\n", to, has[i], m.body);
		assert_non_null(strstr(m.body, has[i]));
	}
	for (i = 0; lacks && lacks[i]; i++) {
		if (strstr(m.body, lacks[i]))
			printf("# the digest to %s has \"%s\":\n%s\n", to, lacks[i], m.body);
		assert_null(strstr(m.body, lacks[i]));
	}
	body = strdup(m.body);
	ts_mail_free(&m);
	return body;
}

/* The server's clock to the next Monday 06:00 UTC and a minute, on every node. */
static int64_t
to_next_monday(void)
{
	int64_t now = ta_now(), week = (now + 3 * DAY) / WEEK;
	int64_t t = (week + 1) * WEEK - 3 * DAY + 6 * 3600 + 60;

	ta_clock_to(t);
	if (two_nodes) {
		const struct ts_res *r = ts_req(plain2, "POST", "/_test/clock?advance=0", NULL, "",
		    0);
		int64_t n2 = strtoll(r->body, NULL, 10);

		if (t > n2)
			assert_int_equal(ts_clock_advance(plain2, (long)(t - n2)), 200);
	}
	/* a week later, the sessions have lapsed: new ones */
	assert_int_equal(ts_token(plain, SAM, PW, sam_tok, sizeof sam_tok), 0);
	assert_int_equal(ts_token(plain, ADA, PW, ada_tok, sizeof ada_tok), 0);
	assert_int_equal(ts_token(plain, BO, PW, bo_tok, sizeof bo_tok), 0);
	assert_int_equal(ts_token(plain, FAY, PW, fay_tok, sizeof fay_tok), 0);
	assert_int_equal(ts_token(plain, AL, PW, al_tok, sizeof al_tok), 0);
	assert_int_equal(ts_token(plain, AP2, PW, ap2_tok, sizeof ap2_tok), 0);
	return t;
}

/* ---- tests ---------------------------------------------------------------- */

/*
 * The first digest of the week, staff running it (on both nodes at once
 * with PostgreSQL): each who wants it gets one, with what they may read
 * and an open workshop marked new.
 */
static void
test_first_week(void **state)
{
	static const char *const ada_has[] = { "Public digest news", "Members digest news",
	    "Members thread for the digest", "Nongovernmental thread for the digest",
	    "Open digest workshop", "[nouveau]", "/digest/unsubscribe?u=", "/account/digest",
	    NULL };
	static const char *const ada_lacks[] = { "SECRET-BODY-TEXT", "Draft digest news",
	    NULL };
	static const char *const fay_has[] = { "Public digest news", "Members digest news",
	    "Members thread for the digest", NULL };
	static const char *const fay_lacks[] = { "Nongovernmental thread for the digest",
	    "Civil society digest forum", "SECRET-BODY-TEXT", "Draft digest news", NULL };
	static const char *const al_has[] = { "Public digest news", "Open digest workshop",
	    "[new]", NULL };
	static const char *const al_lacks[] = { "Members digest news",
	    "Members thread for the digest", "Nongovernmental thread for the digest", NULL };
	char *body;

	(void)state;
	news_made("Public digest news", "public", 1);
	news_made("Members digest news", "members", 1);
	news_made("Draft digest news", "members", 0);
	event_made("Open digest workshop");
	reply(f_members, t_members, "SECRET-BODY-TEXT in the members' forum.");
	reply(f_nongov, t_nongov, "SECRET-BODY-TEXT in the nongovernmental forum.");
	run_now();

	body = digest_mail(ADA, "Votre lettre hebdomadaire", ada_has, ada_lacks);
	assert_non_null(strstr(body, "Voici ce qui est nouveau pour vous"));
	free(body);
	free(digest_mail(FAY, "Your weekly digest", fay_has, fay_lacks));
	free(digest_mail(AL, "Your weekly digest", al_has, al_lacks));
	/* each once, however many runs */
	assert_int_equal(queued(ADA), 1);
	assert_int_equal(queued(FAY), 1);
	assert_int_equal(queued(AL), 1);
	/* none for the unverified, the suspended, the disabled, the one who
	 * said no, an applicant who did not ask */
	assert_int_equal(queued(UL), 0);
	assert_int_equal(queued(SUE), 0);
	assert_int_equal(queued(DEE), 0);
	assert_int_equal(queued(NO), 0);
	assert_int_equal(queued(AP2), 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM digest_sent d JOIN users u ON "
	    "u.id = d.user_id WHERE u.deleted_at IS NOT NULL"), 0);

	/* again the same week: nobody is mailed twice */
	run_now();
	assert_int_equal(queued(ADA), 1);
	assert_int_equal(queued(FAY), 1);
	assert_int_equal(queued(AL), 1);
	assert_int_equal(queued(BO), 1);
	{
		json_t *j = ta_get_json("/api/v1/staff/digest", sam_tok, 200);

		assert_int_equal(ta_num(json_object_get(j, "last_run"), "mailed"), 0);
		assert_true(ta_num(j, "mailed_this_week") >= 4);
		json_decref(j);
	}
}

/*
 * A week on, the scheduled run: only what is new since the first digest
 * (a new item, a new reply in one thread; the workshop still open, listed
 * but no longer marked new); one with nothing new gets none.
 */
static void
test_next_week(void **state)
{
	static const char *const ada_has[] = { "Second week news",
	    "Members thread for the digest", "Open digest workshop", NULL };
	static const char *const ada_lacks[] = { "Public digest news", "Members digest news",
	    "Nongovernmental thread for the digest", "SECRET-BODY-TEXT", "[nouveau]", NULL };
	static const char *const fay_lacks[] = { "Public digest news", "Members digest news",
	    "Nongovernmental thread for the digest", "SECRET-BODY-TEXT", NULL };
	static const char *const fay_has[] = { "Second week news",
	    "Members thread for the digest", NULL };
	int64_t before, t;

	(void)state;
	news_made("Second week news", "members", 1);
	reply(f_members, t_members, "SECRET-BODY-TEXT again.");
	before = runs();
	t = to_next_monday();
	runs_reach(before + 1);	/* the scheduled one */
	tick();
	free(digest_mail(ADA, "Votre lettre hebdomadaire", ada_has, ada_lacks));
	free(digest_mail(FAY, "Your weekly digest", fay_has, fay_lacks));
	assert_int_equal(queued(ADA), 2);
	/* the applicant: no public item since and the workshop listed before:
	 * nothing new, no mail */
	assert_int_equal(queued(AL), 1);
	{
		json_t *j = ta_get_json("/api/v1/staff/digest", sam_tok, 200);
		json_t *last = json_object_get(j, "last_run");

		assert_false(json_is_true(json_object_get(last, "manual")));
		assert_true(strcmp(ta_str(last, "ran_at"), ta_utc(t - 120)) >= 0);
		json_decref(j);
	}
	/* and a rerun mails nobody */
	run_now();
	assert_int_equal(queued(ADA), 2);
	assert_int_equal(queued(FAY), 2);
}

/* The link in Ada's digest stops it without signing in, with a POST. */
static void
test_unsubscribe(void **state)
{
	struct ts_browser *b = ts_browser_new(&srv, "127.0.0.9");
	char link[512], forged[512], other[512], sig[80];
	const char *p, *s;
	const struct ts_res *r;
	json_t *j;
	int64_t n;
	size_t len;

	(void)state;
	n = ts_sql_int("SELECT count(*) FROM outbox WHERE to_addr = '" ADA "'");
	assert_true(n > 0);
	{
		struct ts_mail m;

		/* send Ada one more digest a week on, to read its link from the sink */
		news_made("Third week news", "public", 1);
		(void)to_next_monday();
		do {
			if (ts_mail_wait(&sink, ADA, 30000, &m) != 0)
				fail_msg("no third digest to Ada");
		} while (strcmp(m.subject, "Votre lettre hebdomadaire") != 0 &&
		    (ts_mail_free(&m), 1));
		p = strstr(m.body, "/digest/unsubscribe?");
		assert_non_null(p);
		len = strcspn(p, " \r\n");
		assert_true(len < sizeof link);
		snprintf(link, sizeof link, "%.*s", (int)len, p);
		ts_mail_free(&m);
	}
	s = strstr(link, "&s=");
	assert_non_null(s);
	snprintf(sig, sizeof sig, "%s", s + 3);
	/* forged: one character changed */
	snprintf(forged, sizeof forged, "%s", link);
	forged[strlen(forged) - 1] = forged[strlen(forged) - 1] == 'a' ? 'b' : 'a';
	STATUS(ts_get(b, forged), 404);
	/* Ada's signature on Bo's number */
	snprintf(other, sizeof other, "/digest/unsubscribe?u=%lld&s=%s", (long long)bo_id, sig);
	STATUS(ts_get(b, other), 404);
	r = ts_post(b, "/digest/unsubscribe", "u", ta_path("%lld", (long long)bo_id), "s", sig,
	    (char *)NULL);
	assert_true(r->status == 403 || r->status == 404);
	/* the real one: a page that asks, then a POST that needs its CSRF */
	r = ts_get(b, link);
	STATUS(r, 200);
	HAS(r, "<form method=\"post\" action=\"/digest/unsubscribe\">");
	r = ts_post(b, "/digest/unsubscribe", "u", ta_path("%lld", (long long)ada_id), "s", sig,
	    (char *)NULL);
	STATUS(r, 403);
	j = ta_get_json("/api/v1/account/digest", ada_tok, 200);
	assert_true(json_is_true(json_object_get(j, "enabled")));
	json_decref(j);
	(void)ts_get(b, link);
	r = ts_form(b, "/digest/unsubscribe", "u", ta_path("%lld", (long long)ada_id), "s", sig,
	    (char *)NULL);
	STATUS(r, 200);
	HAS(r, "Stop the weekly digest");
	j = ta_get_json("/api/v1/account/digest", ada_tok, 200);
	assert_false(json_is_true(json_object_get(j, "enabled")));
	assert_true(json_is_true(json_object_get(j, "chosen")));
	json_decref(j);
	j = ta_get_json("/api/v1/account/digest", bo_tok, 200);
	assert_true(json_is_true(json_object_get(j, "enabled")));
	json_decref(j);
	ts_browser_free(b);
}

/*
 * The mail's List-Unsubscribe header leads to an address a mail program
 * POSTs List-Unsubscribe=One-Click to (RFC 8058), without CSRF: it stops
 * Bo's digest with his signature only, and asks for that body.
 */
static void
test_one_click(void **state)
{
	struct ts_browser *b = ts_browser_new(&srv, "127.0.0.12");
	static const char *const fh[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL };
	static const char one[] = "List-Unsubscribe=One-Click";
	char path[300], sig[80];
	struct ts_mail m;
	const char *p;
	const struct ts_res *r;
	json_t *j;

	(void)state;
	assert_true(ts_sql_int("SELECT count(*) FROM outbox WHERE to_addr = '" BO "' AND "
	    "list_unsubscribe LIKE '%%/digest/unsubscribe/one-click?u=%lld&s=%%'",
	    (long long)bo_id) >= 1);
	do {
		if (ts_mail_wait(&sink, BO, 20000, &m) != 0)
			fail_msg("no digest to Bo");
	} while (strcmp(m.subject, "Your weekly digest") != 0 && (ts_mail_free(&m), 1));
	p = strstr(m.body, "&s=");
	assert_non_null(p);
	snprintf(sig, sizeof sig, "%.64s", p + 3);
	ts_mail_free(&m);
	/* forged, another's number: nothing */
	snprintf(path, sizeof path, "/digest/unsubscribe/one-click?u=%lld&s=%s", (long long)ada_id,
	    sig);
	STATUS(ts_req(b, "POST", path, fh, one, strlen(one)), 404);
	/* Bo's, without the body: a 400 */
	snprintf(path, sizeof path, "/digest/unsubscribe/one-click?u=%lld&s=%s", (long long)bo_id,
	    sig);
	STATUS(ts_req(b, "POST", path, fh, "x=1", 3), 400);
	j = ta_get_json("/api/v1/account/digest", bo_tok, 200);
	assert_true(json_is_true(json_object_get(j, "enabled")));
	json_decref(j);
	/* opened, it asks; posted as a mail program does, it stops */
	r = ts_get(b, path);
	STATUS(r, 200);
	HAS(r, "<form method=\"post\" action=\"/digest/unsubscribe\">");
	STATUS(ts_req(b, "POST", path, fh, one, strlen(one)), 200);
	j = ta_get_json("/api/v1/account/digest", bo_tok, 200);
	assert_false(json_is_true(json_object_get(j, "enabled")));
	json_decref(j);
	/* on again, for what follows */
	STATUS(ta_api("PATCH", "/api/v1/account/digest", bo_tok, json_pack("{s:b}", "enabled", 1)),
	    200);
	ts_browser_free(b);
}

/* The setting: defaults by role, the JSON twin, the form and its errors. */
static void
test_setting(void **state)
{
	struct ts_browser *b;
	const struct ts_res *r;
	json_t *j;

	(void)state;
	j = ta_get_json("/api/v1/account/digest", ap2_tok, 200);
	assert_false(json_is_true(json_object_get(j, "enabled")));
	assert_false(json_is_true(json_object_get(j, "default_enabled")));
	json_decref(j);
	j = ta_get_json("/api/v1/account/digest", fay_tok, 200);
	assert_true(json_is_true(json_object_get(j, "default_enabled")));
	assert_true(json_is_true(json_object_get(j, "receives")));
	json_decref(j);
	STATUS(ta_api("GET", "/api/v1/account/digest", NULL, NULL), 401);
	ta_refused("PATCH", "/api/v1/account/digest", ap2_tok, json_pack("{s:s}", "enabled",
	    "maybe"), "enabled");
	ta_refused("PATCH", "/api/v1/account/digest", ap2_tok, json_object(), "enabled");
	r = ta_api("PATCH", "/api/v1/account/digest", ap2_tok, json_pack("{s:b}", "enabled", 1));
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_true(json_is_true(json_object_get(j, "enabled")));
	json_decref(j);

	/* the form, signed in as Bo */
	b = ts_signed_in(&srv, "127.0.0.10", BO, PW);
	assert_non_null(b);
	r = ts_get(b, "/account/digest");
	STATUS(r, 200);
	HAS(r, "name=\"enabled\" value=\"on\" checked");
	r = ts_form(b, "/account/digest", "enabled", "sometimes", (char *)NULL);
	STATUS(r, 422);
	HAS(r, "Choose whether you want the weekly digest.");
	r = ts_post(b, "/account/digest", "enabled", "off", (char *)NULL);
	STATUS(r, 403);	/* no CSRF */
	(void)ts_get(b, "/account/digest");
	r = ts_form(b, "/account/digest", "enabled", "off", (char *)NULL);
	STATUS(r, 303);
	r = ts_get(b, "/account/digest?saved=1");
	STATUS(r, 200);
	HAS(r, "name=\"enabled\" value=\"off\" checked");
	j = ta_get_json("/api/v1/account/digest", bo_tok, 200);
	assert_false(json_is_true(json_object_get(j, "enabled")));
	json_decref(j);
	/* the account page links to it; the export has it */
	r = ts_get(b, "/account");
	HAS(r, "href=\"/account/digest\"");
	j = ta_get_json("/api/v1/me/export", ada_tok, 200);
	assert_true(json_array_size(json_object_get(json_object_get(j, "digest"), "sent")) >= 2);
	json_decref(j);
	ts_browser_free(b);
}

/* Staff's page; nobody else's. */
static void
test_staff_page(void **state)
{
	struct ts_browser *b = ts_signed_in(&srv, "127.0.0.11", SAM, PW);
	const struct ts_res *r;

	(void)state;
	assert_non_null(b);
	r = ts_get(b, "/staff/digest");
	STATUS(r, 200);
	HAS(r, "action=\"/staff/digest/run\"");
	r = ts_post(b, "/staff/digest/run", (char *)NULL);
	STATUS(r, 403);	/* no CSRF */
	(void)ts_get(b, "/staff/digest");
	r = ts_form(b, "/staff/digest/run", (char *)NULL);
	STATUS(r, 303);
	STATUS(ta_api("GET", "/api/v1/staff/digest", ada_tok, NULL), 403);
	STATUS(ta_api("POST", "/api/v1/staff/digest/run", fay_tok, NULL), 403);
	STATUS(ta_api("GET", "/api/v1/staff/digest?per_page=0", sam_tok, NULL), 422);
	ts_browser_free(b);
}

/* ---- set-up ---------------------------------------------------------------- */

static int
setup(void **state)
{
	int64_t org, sus, id;

	(void)state;
	setenv("WHATSON_TEST_DIGEST", "1", 1);	/* the scheduled run */
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	org = ts_org_import(db_url, "Alder Digest Trust", "KE", "info@alder-digest.example", NULL);
	sus = ts_org_import(db_url, "Suspended Digest Union", "KE",
	    "info@suspended-digest.example", NULL);
	if (org < 0 || sus < 0 ||
	    ts_person_add(db_url, SAM, "Sam Staff", "staff", 0, PW) < 0 ||
	    (ada_id = ts_person_add(db_url, ADA, "Ada", "member", org, PW)) < 0 ||
	    (bo_id = ts_person_add(db_url, BO, "Bo", "member", org, PW)) < 0 ||
	    (fay_id = ts_person_add(db_url, FAY, "Fay Focal", "focal", 0, PW)) < 0 ||
	    (al_id = ts_person_add(db_url, AL, "Al", "applicant", 0, PW)) < 0 ||
	    ts_person_add(db_url, GONE, "Gone", "member", org, PW) < 0 ||
	    ts_person_add(db_url, AP2, "Ap Two", "applicant", 0, PW) < 0 ||
	    ts_person_add(db_url, UL, "Ul", "member", org, PW) < 0 ||
	    ts_person_add(db_url, SUE, "Sue", "member", sus, PW) < 0 ||
	    ts_person_add(db_url, DEE, "Dee", "member", org, PW) < 0 ||
	    (id = ts_person_add(db_url, NO, "No", "member", org, PW)) < 0 ||
	    ts_token(plain, SAM, PW, sam_tok, sizeof sam_tok) != 0 ||
	    ts_token(plain, ADA, PW, ada_tok, sizeof ada_tok) != 0 ||
	    ts_token(plain, BO, PW, bo_tok, sizeof bo_tok) != 0 ||
	    ts_token(plain, FAY, PW, fay_tok, sizeof fay_tok) != 0 ||
	    ts_token(plain, AL, PW, al_tok, sizeof al_tok) != 0 ||
	    ts_token(plain, AP2, PW, ap2_tok, sizeof ap2_tok) != 0 ||
	    ts_token(plain, GONE, PW, gone_tok, sizeof gone_tok) != 0)
		return -1;
	ts_db_open(db_url);
	ts_sql_int("UPDATE users SET locale = 'fr' WHERE email = '" ADA "'");
	ts_sql_int("UPDATE users SET verified_at = NULL WHERE email = '" UL "'");
	ts_sql_int("UPDATE users SET status = 'disabled' WHERE email = '" DEE "'");
	ts_sql_int("UPDATE organizations SET status = 'suspended' WHERE id = %lld", (long long)sus);
	/* the one who said no, and the applicant who asked */
	ts_sql_int("INSERT INTO digest_settings (user_id, enabled, updated_at) VALUES (%lld, 0, 0)",
	    (long long)id);
	STATUS(ta_api("PATCH", "/api/v1/account/digest", al_tok, json_pack("{s:b}", "enabled", 1)),
	    200);

	/* the forums: Bo's thread in each; Ada follows both, Fay the members'
	 * one, and (as if from when she could) the nongovernmental forum */
	f_members = made("/api/v1/forums", sam_tok, json_pack("{s:s,s:s}", "title",
	    "Members digest forum", "audience", "members"));
	f_nongov = made("/api/v1/forums", sam_tok, json_pack("{s:s,s:s}", "title",
	    "Civil society digest forum", "audience", "nongovernmental"));
	t_members = made(ta_path("/api/v1/forums/%lld/threads", (long long)f_members), bo_tok,
	    json_pack("{s:s,s:s}", "title", "Members thread for the digest", "body", "Opening."));
	t_nongov = made(ta_path("/api/v1/forums/%lld/threads", (long long)f_nongov), bo_tok,
	    json_pack("{s:s,s:s}", "title", "Nongovernmental thread for the digest", "body",
	    "Opening."));
	STATUS(ta_api("POST", ta_path("/api/v1/forums/%lld/threads/%lld/follow",
	    (long long)f_members, (long long)t_members), ada_tok, json_pack("{s:b}", "follow", 1)),
	    200);
	STATUS(ta_api("POST", ta_path("/api/v1/forums/%lld/threads/%lld/follow",
	    (long long)f_nongov, (long long)t_nongov), ada_tok, json_pack("{s:b}", "follow", 1)),
	    200);
	STATUS(ta_api("POST", ta_path("/api/v1/forums/%lld/threads/%lld/follow",
	    (long long)f_members, (long long)t_members), fay_tok, json_pack("{s:b}", "follow", 1)),
	    200);
	ts_sql_int("INSERT INTO forum_subscriptions (user_id, forum_id, thread_id, active, "
	    "created_at) VALUES (%lld, %lld, 0, 1, 0)", (long long)fay_id, (long long)f_nongov);
	/* and the applicant follows the members' forum as if they once could */
	ts_sql_int("INSERT INTO forum_subscriptions (user_id, forum_id, thread_id, active, "
	    "created_at) VALUES (%lld, %lld, 0, 1, 0)", (long long)al_id, (long long)f_members);
	/* one who deleted their account (they wanted the digest before) */
	STATUS(ta_api("PATCH", "/api/v1/account/digest", gone_tok, json_pack("{s:b}", "enabled",
	    1)), 200);
	STATUS(ta_api("DELETE", "/api/v1/me", gone_tok, json_pack("{s:s}", "password", PW)), 204);
	/* a second node on one PostgreSQL database: both run the digest */
	if ((two_nodes = tw_start(&srv2, &plain2, db_url, &sink)) < 0)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ts_db_close();
	ts_browser_free(plain);
	if (tw_stop(&srv2, plain2, two_nodes) != 0)
		return -1;
	ts_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_week),
		cmocka_unit_test(test_next_week),
		cmocka_unit_test(test_unsubscribe),
		cmocka_unit_test(test_one_click),
		cmocka_unit_test(test_setting),
		cmocka_unit_test(test_staff_page),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("digest", tests, setup, teardown);
}
