/*
 * reminders_test.c -- the mail people get about an event they registered
 * for (issue 14), read in the SMTP sink: a change of its time, place or
 * online address, its cancellation (the registrations stay), and the
 * reminders 7 days and 1 day before it, each sent once, moved to with the
 * test clock (POST /_test/clock), never by sleeping.  On PostgreSQL a
 * second node serves the same database, and both look for reminders: one
 * mail each time still.
 *
 * That a reminder run is over is read from the jobs staff see
 * (/api/v1/staff/jobs?status=done): each run of "event_reminders" says
 * at which clock it ran and how many it sent.
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

#include "core/util.h"
#include "lib/api.h"
#include "lib/nodes.h"
#include "lib/people.h"
#include "lib/sqldirect.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"
#define DAY 86400

static struct ts_sink sink;
static struct ts_server srv, srv2;
static int two_nodes;
static const char *db_url;
static struct ts_browser *plain, *plain2;
static char staff_tok[129], ada_tok[129], bo_tok[129];

#define ADA "ada@reminders.example"
#define BO "bo@reminders.example"

/* ---- helpers ------------------------------------------------------------ */

/* An event staff publish from body (consumed); its id. */
static int64_t
event_made(json_t *body)
{
	const struct ts_res *r;
	json_t *j;
	int64_t id;

	json_object_set_new(body, "kind", json_string("workshop"));
	json_object_set_new(body, "status", json_string("published"));
	r = ta_api("POST", "/api/v1/events", staff_tok, body);
	STATUS(r, 201);
	j = ts_jbody(r);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	assert_true(id > 0);
	return id;
}

/* token registers for event id; the registration's status. */
static void
registered(int64_t id, const char *token, const char *want)
{
	char path[96];
	const struct ts_res *r;
	json_t *j;

	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations", (long long)id);
	r = ta_api("POST", path, token, json_object());
	STATUS(r, 201);
	j = ts_jbody(r);
	assert_string_equal(json_string_value(json_object_get(j, "status")), want);
	json_decref(j);
}

/* The server's clock now (each node's: both are moved alike). */
static int64_t
server_now(struct ts_browser *b)
{
	const struct ts_res *r = ts_req(b, "POST", "/_test/clock?advance=0", NULL, "", 0);

	STATUS(r, 200);
	return strtoll(r->body, NULL, 10);
}

/* Moves every node's clock to at least t. */
static void
clock_to(int64_t t)
{
	int64_t now = server_now(plain);

	if (t > now)
		assert_int_equal(ts_clock_advance(plain, (long)(t - now)), 200);
	if (two_nodes) {
		now = server_now(plain2);
		if (t > now)
			assert_int_equal(ts_clock_advance(plain2, (long)(t - now)), 200);
	}
	/* days later, staff's session has lapsed: a new one */
	assert_int_equal(ts_token(plain, "sam@reminders.test", PW, staff_tok, sizeof staff_tok),
	    0);
}

/*
 * Waits (up to 30 s) until a run of the reminder job that began at clock t
 * or later is done and the runs at t or later have sent at least want
 * (with two nodes, the run that found its reminder taken may report
 * before the one that took it); the reminders they sent.
 */
static int
reminders_run_since(int64_t t, int want)
{
	int64_t t0 = ts_now_ms();

	for (;;) {
		const struct ts_res *r = ta_api("GET", "/api/v1/staff/jobs?status=done&per_page=50",
		    staff_tok, NULL);
		json_t *j, *it;
		size_t i;
		int seen = 0, sent = 0;

		STATUS(r, 200);
		j = ts_jbody(r);
		json_array_foreach(json_object_get(j, "items"), i, it) {
			json_t *p = json_object_get(it, "progress");

			if (strcmp(json_string_value(json_object_get(it, "kind")), "event_reminders") ||
			    json_integer_value(json_object_get(p, "clock")) < t)
				continue;
			seen = 1;
			sent += (int)json_integer_value(json_object_get(p, "sent"));
		}
		json_decref(j);
		if (seen && sent >= want)
			return sent;
		if (ts_now_ms() - t0 > 30000)
			fail_msg("no reminder run at clock %lld or later", (long long)t);
		{
			struct timespec ts = { 0, 50 * 1000 * 1000 };	/* a poll, not a guess */

			nanosleep(&ts, NULL);
		}
	}
}

/* ---- tests ---------------------------------------------------------------- */

/*
 * A change of time tells everyone registered, in their language, what it
 * was and what it is; a new online address only those with a place, who
 * alone get the address; the cancellation everyone once, and the
 * registrations stay.  Each change raises the calendar's SEQUENCE.
 */
static void
test_changes(void **state)
{
	int64_t id = event_made(json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:i}", "title",
	    "Moving workshop", "timezone", "Europe/Vienna", "start", "2029-03-05T09:00", "end",
	    "2029-03-05T12:00", "venue", "Room A", "online_url", "https://meet.example/first",
	    "capacity", 1));
	char path[96];
	const struct ts_res *r;
	json_t *j;

	(void)state;
	registered(id, ada_tok, "confirmed");
	registered(id, bo_tok, "waitlisted");
	ta_mail_says(&sink, ADA, "Votre place est confirmée", (char *)NULL);
	ta_mail_says(&sink, BO, "You are on the waiting list", (char *)NULL);

	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)id);
	/* a new title alone: the calendar changes, nobody is mailed */
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "title", "Moved workshop")),
	    200);
	/* the time: both hear, each in their language and zone */
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:s,s:s}", "start",
	    "2029-03-06T14:00", "end", "2029-03-06T17:00")), 200);
	ta_mail_says(&sink, BO, "An event you registered for has changed", "“Moved workshop”",
	    "it now starts 2029-03-06 14:00 (Europe/Vienna)",
	    "it was to start 2029-03-05 09:00", (char *)NULL);
	ta_mail_says(&sink, ADA, "Un événement auquel vous êtes inscrit·e a changé",
	    "il commence désormais le 2029-03-06 14:00", (char *)NULL);
	/* a new link: Ada, who has a place; Bo's next mail is the cancellation */
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "online_url",
	    "https://meet.example/second")), 200);
	ta_mail_says(&sink, ADA, "Un événement auquel vous êtes inscrit·e a changé",
	    "https://meet.example/second", (char *)NULL);
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "status", "cancelled")), 200);
	ta_mail_says(&sink, BO, "An event you registered for is cancelled", "“Moved workshop”",
	    "is cancelled", (char *)NULL);
	ta_mail_says(&sink, ADA, "Un événement auquel vous êtes inscrit·e est annulé",
	    (char *)NULL);
	/* cancelled again (an edit of a cancelled event): nobody is mailed twice */
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "venue", "Room B")), 200);

	snprintf(path, sizeof path, "/events/%lld/calendar.ics", (long long)id);
	r = ta_api("GET", path, NULL, NULL);
	STATUS(r, 200);
	HAS(r, "SEQUENCE:5\r\n");
	HAS(r, "STATUS:CANCELLED\r\n");
	HAS(r, "DTSTART;TZID=Europe/Vienna:20290306T140000\r\n");
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations", (long long)id);
	j = ts_jbody(ta_api("GET", path, staff_tok, NULL));
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 2);
	json_decref(j);
	/* the last edit mailed nobody: the next mail each gets is the reminder's
	 * (test_reminders), and a draft's edit mails nobody either */
	assert_int_equal(ts_mail_count(&sink, BO), 0);
}

/*
 * Ada and Bo have places at an event 10 days on; Bo's is cancelled.  The
 * clock goes to 8 days before (nothing), 7 days (Ada's reminder), an hour
 * later (nothing more), 1 day before (the second), and past the start
 * (nothing).  With two nodes, each mail still comes once.
 */
static void
test_reminders(void **state)
{
	int64_t start = (server_now(plain) / DAY + 10) * DAY + 9 * 3600;	/* 09:00 UTC */
	char s[32], e[32], path[128];
	time_t t;
	json_t *j;
	int64_t id, rid;
	const struct ts_res *r;

	(void)state;
	t = (time_t)start;
	time_rfc3339(t, s, sizeof s);
	t = (time_t)(start + 3 * 3600);
	time_rfc3339(t, e, sizeof e);
	id = event_made(json_pack("{s:s,s:s,s:s,s:s,s:s}", "title", "Reminded workshop",
	    "timezone", "Asia/Kolkata", "start", s, "end", e, "online_url",
	    "https://meet.example/remind"));
	registered(id, ada_tok, "confirmed");
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations", (long long)id);
	r = ta_api("POST", path, bo_tok, json_object());
	STATUS(r, 201);
	j = ts_jbody(r);
	rid = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations/%lld", (long long)id,
	    (long long)rid);
	STATUS(ta_api("DELETE", path, bo_tok, NULL), 200);
	ta_mail_says(&sink, ADA, "Votre place est confirmée", (char *)NULL);
	ta_mail_says(&sink, BO, "Your place is confirmed", (char *)NULL);

	clock_to(start - 8 * DAY);
	assert_int_equal(reminders_run_since(start - 8 * DAY, 0), 0);
	assert_int_equal(ts_mail_count(&sink, ADA), 0);

	clock_to(start - 7 * DAY);
	assert_int_equal(reminders_run_since(start - 7 * DAY, 1), 1);
	ta_mail_says(&sink, ADA, "Rappel : votre événement a lieu dans une semaine",
	    "« Reminded workshop » a lieu dans une semaine", "(Asia/Kolkata)",
	    "https://meet.example/remind", (char *)NULL);

	clock_to(start - 7 * DAY + 3600);
	assert_int_equal(reminders_run_since(start - 7 * DAY + 3600, 0), 0);
	assert_int_equal(ts_mail_count(&sink, ADA), 0);

	/* Moved two days later after its 7-day reminder: a "changed" mail at
	 * once, and the reminders of the new time, the 7-day one too (a
	 * reminder names a time, and the one sent named the old one); none
	 * for the old time any more. */
	start += 2 * DAY;
	t = (time_t)start;
	time_rfc3339(t, s, sizeof s);
	t = (time_t)(start + 3 * 3600);
	time_rfc3339(t, e, sizeof e);
	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)id);
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:s,s:s}", "start", s, "end", e)), 200);
	ta_mail_says(&sink, ADA, "Un événement auquel vous êtes inscrit·e a changé",
	    "« Reminded workshop »", (char *)NULL);
	clock_to(start - 7 * DAY);
	assert_int_equal(reminders_run_since(start - 7 * DAY, 1), 1);
	ta_mail_says(&sink, ADA, "Rappel : votre événement a lieu dans une semaine",
	    "« Reminded workshop » a lieu dans une semaine", (char *)NULL);
	clock_to(start - 3 * DAY);	/* a day before the old time: nothing */
	assert_int_equal(reminders_run_since(start - 3 * DAY, 0), 0);
	assert_int_equal(ts_mail_count(&sink, ADA), 0);

	clock_to(start - DAY);
	assert_int_equal(reminders_run_since(start - DAY, 1), 1);
	ta_mail_says(&sink, ADA, "Rappel : votre événement a lieu demain",
	    "« Reminded workshop » a lieu demain", (char *)NULL);

	clock_to(start + 60);
	assert_int_equal(reminders_run_since(start + 60, 0), 0);
	assert_int_equal(ts_mail_count(&sink, ADA), 0);
	assert_int_equal(ts_mail_count(&sink, BO), 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM event_reminders m JOIN "
	    "event_registrations g ON g.id = m.registration_id WHERE g.event_id = %lld",
	    (long long)id), 3);
}

/* ---- set-up ---------------------------------------------------------------- */

static int
setup(void **state)
{
	int64_t org;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	org = ts_org_import(db_url, "Reminder Trust", "IN", "info@reminders.example", NULL);
	if (org < 0 ||
	    ts_person_add(db_url, "sam@reminders.test", "Sam Staff", "staff", 0, PW) < 0 ||
	    ts_person_add(db_url, ADA, "Ada", "member", org, PW) < 0 ||
	    ts_person_add(db_url, BO, "Bo", "member", org, PW) < 0 ||
	    ts_token(plain, "sam@reminders.test", PW, staff_tok, sizeof staff_tok) != 0 ||
	    ts_token(plain, ADA, PW, ada_tok, sizeof ada_tok) != 0 ||
	    ts_token(plain, BO, PW, bo_tok, sizeof bo_tok) != 0)
		return -1;
	ts_db_open(db_url);
	ts_sql_int("UPDATE users SET locale = 'fr' WHERE email = '" ADA "'");
	/* a second node on one PostgreSQL database: both run the reminders */
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
		cmocka_unit_test(test_changes),
		cmocka_unit_test(test_reminders),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("reminders", tests, setup, teardown);
}
