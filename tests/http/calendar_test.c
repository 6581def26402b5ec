/*
 * calendar_test.c -- events as calendar programs read them (issue 14):
 * the public feed, one event's and a person's own at its secret address,
 * each parsed by npm ical.js (tests/docs/ical-check.js) and compared with
 * the JSON API, instant by instant, for events in Vienna across the
 * October change, New York across the November one (one of them at a
 * time the clocks pass twice), Sydney across its April change and Kolkata
 * (no change at all).  A cancelled event comes as cancelled; a personal
 * address that was replaced, or forged, is a 404; the online address is
 * only in the feed of a person with a confirmed place.
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

#include <cmocka.h>

#include "core/util.h"
#include "lib/api.h"
#include "lib/people.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"

/* Asserts that r has header name and that it contains part. */
#define HEADER_HAS(r, name, part) do { \
	const char *h_ = ts_header((r), (name)); \
	if (!h_ || !strstr(h_, (part))) \
		printf("# header %s: %s, want %s\n", (name), h_ ? h_ : "(none)", (part)); \
	assert_non_null(h_); \
	assert_non_null(strstr(h_, (part))); \
} while (0)

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;
static char staff_tok[129], ada_tok[129], bo_tok[129];

/* The events of the public feed, as a visitor reads them from the API. */
static int64_t ids[8];
static int nids;

/* ---- helpers ------------------------------------------------------------ */

/* An event staff create from body (consumed; kind and visibility filled
 * in when absent); its id. */
static int64_t
event_made(json_t *body)
{
	const struct ts_res *r;
	json_t *j;
	int64_t id;

	if (!json_object_get(body, "kind"))
		json_object_set_new(body, "kind", json_string("workshop"));
	if (!json_object_get(body, "status"))
		json_object_set_new(body, "status", json_string("published"));
	r = ta_api("POST", "/api/v1/events", staff_tok, body);
	STATUS(r, 201);
	j = ts_jbody(r);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	assert_true(id > 0);
	return id;
}

static json_t *
event_json(int64_t id, const char *token)
{
	char path[64];
	const struct ts_res *r;

	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)id);
	r = ta_api("GET", path, token, NULL);
	STATUS(r, 200);
	return ts_jbody(r);
}

/* Writes body to a file of the test's directory named name; its path. */
static const char *
saved(const char *name, const char *body, size_t len)
{
	static char path[4][600];
	static int k;
	char *p = path[k++ % 4];
	FILE *f;

	snprintf(p, 600, "%s/%s", ts_tmpdir(), name);
	f = fopen(p, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(body, 1, len, f), len);
	fclose(f);
	return p;
}

/* Fetches path (a calendar) as a visitor and has ical.js compare it with
 * want (an array of the API's events, with what else to expect; consumed):
 * the checker's exit status, its report printed when it is not 0. */
static int
feed_check(const char *path, json_t *want, int quiet)
{
	const char *root = getenv("ROOT") ? getenv("ROOT") : ".";
	const struct ts_res *r = ts_get(plain, path);
	char script[600], out[65536], *wj;
	const char *feed, *events;
	int rc;

	STATUS(r, 200);
	HEADER_HAS(r, "Content-Type", "text/calendar");
	feed = saved("feed.ics", r->body, r->len);
	wj = json_dumps(want, JSON_INDENT(1));
	events = saved("want.json", wj, strlen(wj));
	free(wj);
	json_decref(want);
	snprintf(script, sizeof script, "%s/tests/docs/ical-check.js", root);
	rc = ts_run(out, sizeof out, "node", script, feed, events, (char *)NULL);
	if (rc != 0 && !quiet) {
		char *line = out, *nl;

		printf("# %s: ical-check.js exited %d\n", path, rc);
		for (; *line; line = nl ? nl + 1 : line + strlen(line)) {
			if ((nl = strchr(line, '\n')) != NULL)
				*nl = '\0';
			if (strncmp(line, "ok ", 3) != 0)
				printf("#   %s\n", line);
		}
		printf("# the feed:\n%.6000s\n", r->body);
	}
	return rc;
}

static void
feed_matches(const char *path, json_t *want)
{
	assert_int_equal(feed_check(path, want, 0), 0);
}

/* ---- tests ---------------------------------------------------------------- */

/*
 * The public feed holds every public event a visitor sees (published or
 * cancelled), each at the instants the API gives, through the feed's own
 * VTIMEZONEs; drafts, members' and staff events stay out.  Text with
 * commas, semicolons, backslashes, newlines and long non-Latin lines comes
 * back as it was.
 */
static void
test_public_feed(void **state)
{
	json_t *want = json_array();
	const struct ts_res *r;
	int i;

	(void)state;
	ids[nids++] = event_made(json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "title",
	    "Night of the change, Vienna", "timezone", "Europe/Vienna", "start",
	    "2027-10-30T18:00", "end", "2027-10-31T10:00", "venue", "Vienna International Centre, "
	    "Wagramer Straße 5; Room M1", "description", "Line one, with a comma; and a "
	    "semicolon.\nLine two \\ a backslash.\n\nÉtude de cas: 中文的长句子需要折叠在多个行之间，"
	    "而且不能在字符中间断开。Ελληνικά κείμενα επίσης. 🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂"));
	ids[nids++] = event_made(json_pack("{s:s,s:s,s:s,s:s,s:s}", "title",
	    "Week of the change, New York", "timezone", "America/New_York", "start",
	    "2027-11-03T09:00", "end", "2027-11-09T17:00", "kind", "training"));
	/* 01:30 on 7 November happens twice: the first, still at -04:00 */
	ids[nids++] = event_made(json_pack("{s:s,s:s,s:s,s:s,s:s}", "title",
	    "Late call, New York", "timezone", "America/New_York", "start",
	    "2027-11-07T01:30", "end", "2027-11-07T03:30", "kind", "webinar"));
	ids[nids++] = event_made(json_pack("{s:s,s:s,s:s,s:s}", "title",
	    "Autumn in Sydney", "timezone", "Australia/Sydney", "start",
	    "2027-04-03T18:00", "end", "2027-04-05T12:00"));
	ids[nids++] = event_made(json_pack("{s:s,s:s,s:s,s:s}", "title",
	    "Summer in Sydney", "timezone", "Australia/Sydney", "start",
	    "2028-01-10T09:00", "end", "2028-01-10T17:00"));
	ids[nids++] = event_made(json_pack("{s:s,s:s,s:s,s:s}", "title",
	    "Briefing in Delhi", "timezone", "Asia/Kolkata", "start",
	    "2027-01-15T12:00", "end", "2027-01-15T19:30"));
	ids[nids++] = event_made(json_pack("{s:s,s:s,s:s,s:s,s:s}", "title",
	    "Called off in Vienna", "timezone", "Europe/Vienna", "start",
	    "2027-03-28T01:00", "end", "2027-03-28T04:00", "status", "cancelled"));
	/* not for the public */
	(void)event_made(json_pack("{s:s,s:s,s:s,s:s,s:s}", "title", "A draft", "timezone",
	    "Europe/Vienna", "start", "2027-05-01T09:00", "end", "2027-05-01T10:00", "status",
	    "draft"));
	(void)event_made(json_pack("{s:s,s:s,s:s,s:s,s:s}", "title", "Members only",
	    "timezone", "Europe/Vienna", "start", "2027-05-02T09:00", "end", "2027-05-02T10:00",
	    "visibility", "members"));
	(void)event_made(json_pack("{s:s,s:s,s:s,s:s,s:s}", "title", "Staff only",
	    "timezone", "Europe/Vienna", "start", "2027-05-03T09:00", "end", "2027-05-03T10:00",
	    "visibility", "staff"));

	for (i = 0; i < nids; i++) {
		json_t *j = event_json(ids[i], NULL);

		json_object_set_new(j, "want_sequence", json_integer(0));
		json_array_append_new(want, j);
	}
	/* what the API says of the night of the clocks */
	assert_string_equal(json_string_value(json_object_get(json_array_get(want, 0), "start")),
	    "2027-10-30T18:00:00+02:00");
	assert_string_equal(json_string_value(json_object_get(json_array_get(want, 0), "end")),
	    "2027-10-31T10:00:00+01:00");
	assert_string_equal(json_string_value(json_object_get(json_array_get(want, 2), "start")),
	    "2027-11-07T01:30:00-04:00");
	{	/* the check can fail: an hour off, or one event too few */
		json_t *off = json_deep_copy(want), *less = json_deep_copy(want);

		json_object_set_new(json_array_get(off, 0), "start",
		    json_string("2027-10-30T18:00:00+01:00"));
		assert_int_equal(feed_check("/events/calendar.ics", off, 1), 1);
		json_array_remove(less, 1);
		assert_int_equal(feed_check("/events/calendar.ics", less, 1), 1);
	}
	feed_matches("/events/calendar.ics", want);

	r = ts_get(plain, "/events/calendar.ics");
	HAS(r, "BEGIN:VTIMEZONE\r\nTZID:Europe/Vienna\r\n");
	HAS(r, "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n");
	HAS(r, "DTSTART;TZID=Europe/Vienna:20271030T180000\r\n");
	HAS(r, "TZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530\r\n");
	HAS(r, "Wagramer Straße 5\\; Room M1");
	HAS(r, "STATUS:CANCELLED");
	LACKS(r, "A draft");
	LACKS(r, "Members only");
	LACKS(r, "Staff only");
	/* the ambiguous 01:30 goes as an instant: 05:30 UTC */
	HAS(r, "DTSTART:20271107T053000Z\r\n");
}

/* One event's calendar is seen as the event is: 404 for those who may
 * not see it, whatever the number. */
static void
test_one_event(void **state)
{
	int64_t draft = event_made(json_pack("{s:s,s:s,s:s,s:s,s:s}", "title", "Hidden draft",
	    "timezone", "Europe/Vienna", "start", "2027-06-01T09:00", "end", "2027-06-01T10:00",
	    "status", "draft"));
	int64_t members = event_made(json_pack("{s:s,s:s,s:s,s:s,s:s}", "title",
	    "For members", "timezone", "Europe/Vienna", "start", "2027-06-02T09:00", "end",
	    "2027-06-02T10:00", "visibility", "members"));
	const struct ts_res *r;
	char path[80];
	json_t *want;
	const char *const toks[] = { NULL, ada_tok, staff_tok };
	int i;

	(void)state;
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "/events/%lld/calendar.ics", (long long)draft);
		r = ta_api("GET", path, toks[i], NULL);
		STATUS(r, i == 2 ? 200 : 404);
		snprintf(path, sizeof path, "/events/%lld/calendar.ics", (long long)members);
		r = ta_api("GET", path, toks[i], NULL);
		STATUS(r, i == 0 ? 404 : 200);
	}
	STATUS(ts_get(plain, "/events/999999/calendar.ics"), 404);
	STATUS(ts_get(plain, "/events/abc/calendar.ics"), 404);
	STATUS(ts_get(plain, "/events/-1/calendar.ics"), 404);
	snprintf(path, sizeof path, "/events/%lld/calendar.ics", (long long)ids[3]);
	want = json_pack("[o]", event_json(ids[3], NULL));
	feed_matches(path, want);
}

/*
 * Ada's own feed: her confirmed place (with the online address), a place
 * she waits for (tentative), one she cancelled (cancelled).  Bo's token
 * does not open hers; a new token closes the old address; a forged one is
 * a 404.  The account page makes and shows an address once.
 */
static void
test_personal_feed(void **state)
{
	int64_t open_ev = event_made(json_pack("{s:s,s:s,s:s,s:s,s:s}", "title",
	    "Ada's workshop", "timezone", "Europe/Vienna", "start", "2027-10-29T09:00", "end",
	    "2027-11-02T17:00", "online_url", "https://meet.example/ada-room"));
	int64_t full_ev = event_made(json_pack("{s:s,s:s,s:s,s:s,s:i,s:s}", "title",
	    "Full seminar", "timezone", "America/New_York", "start", "2027-11-06T22:00", "end",
	    "2027-11-07T02:00", "capacity", 1, "online_url", "https://meet.example/full-room"));
	int64_t left_ev = event_made(json_pack("{s:s,s:s,s:s,s:s}", "title",
	    "Left behind", "timezone", "Asia/Kolkata", "start", "2027-02-01T10:00", "end",
	    "2027-02-01T12:00"));
	const struct ts_res *r;
	char path[128], url[400], old[400], *p;
	json_t *j, *want, *e;
	int64_t rid;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations", (long long)full_ev);
	STATUS(ta_api("POST", path, bo_tok, json_object()), 201);
	STATUS(ta_api("POST", path, ada_tok, json_object()), 201);		/* waitlisted */
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations", (long long)open_ev);
	STATUS(ta_api("POST", path, ada_tok, json_object()), 201);
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations", (long long)left_ev);
	r = ta_api("POST", path, ada_tok, json_object());
	STATUS(r, 201);
	j = ts_jbody(r);
	rid = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations/%lld", (long long)left_ev,
	    (long long)rid);
	STATUS(ta_api("DELETE", path, ada_tok, NULL), 200);

	/* no address before one is made */
	j = ts_jbody(ta_api("GET", "/api/v1/account/calendar", ada_tok, NULL));
	assert_false(json_is_true(json_object_get(j, "exists")));
	json_decref(j);
	r = ta_api("POST", "/api/v1/account/calendar-token", ada_tok, NULL);
	STATUS(r, 201);
	j = ts_jbody(r);
	snprintf(url, sizeof url, "%s", json_string_value(json_object_get(j, "feed_url")));
	json_decref(j);
	p = strstr(url, "/calendar/");
	assert_non_null(p);
	memmove(url, p, strlen(p) + 1);
	j = ts_jbody(ta_api("GET", "/api/v1/account/calendar", ada_tok, NULL));
	assert_true(json_is_true(json_object_get(j, "exists")));
	assert_true(json_is_null(json_object_get(j, "feed_url")));	/* only a hash is kept */
	json_decref(j);

	want = json_array();
	e = event_json(open_ev, ada_tok);	/* hers to see: the link is in it */
	json_object_set_new(e, "want_link", json_true());
	json_array_append_new(want, e);
	e = event_json(full_ev, staff_tok);
	json_object_set_new(e, "want_status", json_string("TENTATIVE"));
	json_object_set_new(e, "want_link", json_false());
	json_array_append_new(want, e);
	e = event_json(left_ev, NULL);
	json_object_set_new(e, "want_status", json_string("CANCELLED"));
	json_array_append_new(want, e);
	feed_matches(url, want);
	r = ts_get(plain, url);
	HEADER_HAS(r, "Cache-Control", "no-store");
	LACKS(r, "Night of the change");	/* not hers */

	/* the public and one-event calendars never carry the link */
	snprintf(path, sizeof path, "/events/%lld/calendar.ics", (long long)open_ev);
	LACKS(ta_api("GET", path, ada_tok, NULL), "ada-room");
	LACKS(ts_get(plain, "/events/calendar.ics"), "ada-room");

	/* Bo's token is no key to Ada's feed, and neither is a forged one */
	r = ta_api("POST", "/api/v1/account/calendar-token", bo_tok, NULL);
	STATUS(r, 201);
	j = ts_jbody(r);
	{
		const char *bo = json_string_value(json_object_get(j, "token"));
		const char *dash = strchr(bo, '-');
		char forged[200];

		assert_non_null(dash);
		/* Bo's secret under Ada's number */
		snprintf(forged, sizeof forged, "/calendar/%.*s%s.ics",
		    (int)(strchr(url + 10, '-') - (url + 10)), url + 10, dash);
		STATUS(ts_get(plain, forged), 404);
		snprintf(forged, sizeof forged, "/calendar/%s.ics", bo);
		r = ts_get(plain, forged);
		STATUS(r, 200);
		LACKS(r, "Ada's workshop");
		HAS(r, "Full seminar");
		HAS(r, "full-room");	/* Bo's place is confirmed */
	}
	json_decref(j);
	STATUS(ts_get(plain, "/calendar/1-00.ics"), 404);
	STATUS(ts_get(plain, "/calendar/x.ics"), 404);
	STATUS(ts_get(plain,
	    "/calendar/99999-0000000000000000000000000000000000000000000000000000000000000000.ics"),
	    404);

	/* a new address closes the old one */
	snprintf(old, sizeof old, "%s", url);
	{
		struct ts_browser *b = ts_signed_in(&srv, NULL, "ada@calendar.example", PW);

		assert_non_null(b);
		r = ts_get(b, "/account");
		STATUS(r, 200);
		HAS(r, "/account/calendar");
		r = ts_get(b, "/account/calendar");
		STATUS(r, 200);
		HAS(r, "Make a new address");
		r = ts_form(b, "/account/calendar", (char *)NULL);
		STATUS(r, 200);
		/* the address as the page shows it (its "/" escaped) */
		HAS(r, "&#x2F;calendar&#x2F;");
		p = strstr(r->body, "&#x2F;calendar&#x2F;") + 20;
		assert_non_null(strstr(p, ".ics"));
		snprintf(url, sizeof url, "/calendar/%.*s.ics", (int)(strstr(p, ".ics") - p), p);
		/* without the CSRF field, nothing changes */
		STATUS(ts_post(b, "/account/calendar", (char *)NULL), 403);
		ts_browser_free(b);
	}
	STATUS(ts_get(plain, old), 404);
	r = ts_get(plain, url);
	STATUS(r, 200);
	HAS(r, "Ada's workshop");
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
	org = ts_org_import(db_url, "Calendar Trust", "AT", "info@calendar.example", NULL);
	if (org < 0 ||
	    ts_person_add(db_url, "sam@calendar.test", "Sam Staff", "staff", 0, PW) < 0 ||
	    ts_person_add(db_url, "ada@calendar.example", "Ada", "member", org, PW) < 0 ||
	    ts_person_add(db_url, "bo@calendar.example", "Bo", "member", org, PW) < 0 ||
	    ts_token(plain, "sam@calendar.test", PW, staff_tok, sizeof staff_tok) != 0 ||
	    ts_token(plain, "ada@calendar.example", PW, ada_tok, sizeof ada_tok) != 0 ||
	    ts_token(plain, "bo@calendar.example", PW, bo_tok, sizeof bo_tok) != 0)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ts_browser_free(plain);
	ts_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_public_feed),
		cmocka_unit_test(test_one_event),
		cmocka_unit_test(test_personal_feed),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("calendar", tests, setup, teardown);
}
