/*
 * events_test.c -- events (issue 14) through the API, as staff and the
 * people who look for them meet them: times in each event's own zone
 * across a change of the clocks, who sees which event, the filters and
 * their counts, staff changing an event, and bad input refused with the
 * field named and nothing written.
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
#include <pthread.h>

#include "core/util.h"
#include "db/db.h"
#include "lib/api.h"
#include "lib/people.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

/* staff, Ada (a member of Quillon), Fe (a state focal point), Pat (an
 * applicant) */
static char staff_tok[129], ada_tok[129], fe_tok[129], pat_tok[129], bo_tok[129],
    cy_tok[129];
static int64_t quillon;

/* ---- helpers ------------------------------------------------------------ */

static int64_t
org_made(const char *name, const char *country, const char *email)
{
	char desc[300];
	int64_t id;

	snprintf(desc, sizeof desc, "%s trains people.", name);
	id = ts_org_import(db_url, name, country, email, desc);
	assert_true(id > 0);
	return id;
}

static void
token_of(const char *email, char *tok)
{
	const struct ts_res *r = ta_api("POST", "/api/v1/session", NULL, json_pack("{s:s,s:s}",
	    "email", email, "password", PW));
	json_t *j;

	STATUS(r, 201);
	j = ts_jbody(r);
	snprintf(tok, 129, "%s", json_string_value(json_object_get(j, "token")));
	json_decref(j);
}

static void
account(const char *email, const char *role, int64_t org, char *tok)
{
	assert_true(ts_person_add(db_url, email, email, role, org, PW) > 0);
	token_of(email, tok);
}

/* An event staff create from JSON body (consumed, with kind, title,
 * timezone, start and end filled in when absent); its id. */
static int64_t
event_made(json_t *body)
{
	const struct ts_res *r;
	json_t *j;
	int64_t id;

	if (!json_object_get(body, "kind"))
		json_object_set_new(body, "kind", json_string("workshop"));
	if (!json_object_get(body, "title"))
		json_object_set_new(body, "title", json_string("A workshop"));
	if (!json_object_get(body, "timezone"))
		json_object_set_new(body, "timezone", json_string("Europe/Vienna"));
	if (!json_object_get(body, "start"))
		json_object_set_new(body, "start", json_string("2027-06-10T09:00"));
	if (!json_object_get(body, "end"))
		json_object_set_new(body, "end", json_string("2027-06-10T17:00"));
	r = ta_api("POST", "/api/v1/events", staff_tok, body);
	STATUS(r, 201);
	j = ts_jbody(r);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	assert_true(id > 0);
	return id;
}

/* ---- tests ---------------------------------------------------------------- */

/*
 * A week's workshop in Vienna through the last Sunday of October 2027
 * (the 31st): it starts at +02:00 and ends at +01:00, the times given as
 * Vienna's wall clock, and reads back the same.  New York's and Kolkata's
 * give their own offsets; a time sent with an offset is that instant.
 */
static void
test_times_in_zone(void **state)
{
	json_t *j;
	char path[64];
	int64_t id;

	(void)state;
	id = event_made(json_pack("{s:s,s:s,s:s,s:s,s:s}", "title", "Autumn week in Vienna",
	    "start", "2027-10-28T09:00", "end", "2027-11-04T17:00", "registration_closes",
	    "2027-10-21T18:00", "status", "published"));
	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)id);
	j = ta_get_json(path, NULL, 200);
	assert_string_equal(ta_str(j, "start"), "2027-10-28T09:00:00+02:00");
	assert_string_equal(ta_str(j, "end"), "2027-11-04T17:00:00+01:00");
	assert_string_equal(ta_str(j, "registration_closes"), "2027-10-21T18:00:00+02:00");
	assert_string_equal(ta_str(j, "timezone"), "Europe/Vienna");
	assert_true(json_is_null(json_object_get(j, "registration_opens")));
	assert_true(json_is_true(json_object_get(j, "registration_open")));
	json_decref(j);

	id = event_made(json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "title", "Webinar from New York",
	    "kind", "webinar", "timezone", "America/New_York", "start", "2027-11-07T01:30",
	    "end", "2027-11-07T03:00", "status", "published"));
	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)id);
	j = ta_get_json(path, NULL, 200);
	/* 01:30 happens twice that night: the first, still daylight time */
	assert_string_equal(ta_str(j, "start"), "2027-11-07T01:30:00-04:00");
	assert_string_equal(ta_str(j, "end"), "2027-11-07T03:00:00-05:00");
	json_decref(j);

	id = event_made(json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "title", "Briefing in Delhi",
	    "kind", "briefing", "timezone", "Asia/Kolkata", "start", "2027-01-15T12:00:00Z",
	    "end", "2027-01-15T19:00:00+05:30", "status", "published"));
	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)id);
	j = ta_get_json(path, NULL, 200);
	assert_string_equal(ta_str(j, "start"), "2027-01-15T17:30:00+05:30");
	json_decref(j);
	j = ta_get_json("/api/v1/events?when=all&kind=briefing", NULL, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	json_decref(j);
}

/* Each refusal names its field and writes nothing. */
static void
test_bad_input(void **state)
{
	static const struct {
		const char *json;	/* laid over a good event */
		const char *field;
	} bad[] = {
		{ "{\"end\":\"2027-06-10T08:00\"}", "end" },
		{ "{\"end\":\"2027-06-10T09:00\"}", "end" },
		{ "{\"registration_closes\":\"2027-06-10T10:00\"}", "registration_closes" },
		{ "{\"registration_opens\":\"2027-06-01T10:00\",\"registration_closes\":"
		    "\"2027-05-01T10:00\"}", "registration_opens" },
		{ "{\"timezone\":\"Mars/Olympus_Mons\"}", "timezone" },
		{ "{\"timezone\":\"../../../etc/passwd\"}", "timezone" },
		{ "{\"timezone\":\"\"}", "timezone" },
		{ "{\"start\":\"2027-03-28T02:30\",\"end\":\"2027-03-28T05:00\"}", "start" },
		{ "{\"start\":\"tomorrow morning\"}", "start" },
		{ "{\"start\":\"2027-02-30T09:00\"}", "start" },
		{ "{\"kind\":\"party\"}", "kind" },
		{ "{\"capacity\":0}", "capacity" },
		{ "{\"capacity\":\"many\"}", "capacity" },
		{ "{\"visibility\":\"secret\"}", "visibility" },
		{ "{\"audience\":\"everyone\"}", "audience" },
		{ "{\"online_url\":\"javascript:alert(1)\"}", "online_url" },
		{ "{\"questions\":[{\"label\":\"Diet?\",\"type\":\"essay\"}]}", "questions" },
		{ "{\"questions\":[{\"label\":\"Track?\",\"type\":\"choice\",\"choices\":[\"A\"]}]}",
		    "questions" },
		{ "{\"questions\":[{\"id\":\"a\",\"label\":\"X\",\"type\":\"text\"},"
		    "{\"id\":\"a\",\"label\":\"Y\",\"type\":\"text\"}]}", "questions" },
		{ "{\"questions\":\"none\"}", "questions" },
		{ "{\"resources\":[0]}", "resources" },
		{ "{\"themes\":[\"astrology\"]}", "themes" },
	};
	int64_t before = ta_total("/api/v1/events?when=all", staff_tok);
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		json_t *body = json_pack("{s:s,s:s,s:s,s:s,s:s}", "kind", "workshop", "title",
		    "Refused", "timezone", "Europe/Vienna", "start", "2027-06-10T09:00", "end",
		    "2027-06-10T17:00"), *over = json_loads(bad[i].json, 0, NULL), *j, *errs;
		const struct ts_res *r;

		assert_non_null(over);
		json_object_update(body, over);
		json_decref(over);
		r = ta_api("POST", "/api/v1/events", staff_tok, body);
		if (r->status != 422)
			printf("# %s: %ld %.300s\n", bad[i].json, r->status, r->body);
		assert_int_equal(r->status, 422);
		j = ts_jbody(r);
		errs = json_object_get(j, "errors");
		if (!json_object_get(errs, bad[i].field))
			printf("# %s: want an error on %s: %.300s\n", bad[i].json, bad[i].field,
			    r->body);
		assert_non_null(json_object_get(errs, bad[i].field));
		json_decref(j);
	}
	assert_int_equal(ta_total("/api/v1/events?when=all", staff_tok), before);
	/* an unknown filter value is a 422 naming it */
	STATUS(ta_api("GET", "/api/v1/events?month=2027-13", NULL, NULL), 422);
	STATUS(ta_api("GET", "/api/v1/events?when=soon", NULL, NULL), 422);
	STATUS(ta_api("GET", "/api/v1/events?kind=party", NULL, NULL), 422);
}

/* Who sees which event: 404 for one they may not, and lists and counts
 * without it. */
static void
test_visibility(void **state)
{
	static const struct {
		const char *title, *visibility, *status;
		int visitor, applicant, member, focal;	/* who sees it besides staff */
	} evs[] = {
		{ "Vis public", "public", "published", 1, 1, 1, 1 },
		{ "Vis members", "members", "published", 0, 0, 1, 1 },
		{ "Vis staff", "staff", "published", 0, 0, 0, 0 },
		{ "Vis draft", "public", "draft", 0, 0, 0, 0 },
		{ "Vis cancelled", "public", "cancelled", 1, 1, 1, 1 },
	};
	const char *toks[4] = { NULL, pat_tok, ada_tok, fe_tok };
	int64_t ids[5];
	size_t i, k;

	(void)state;
	for (i = 0; i < 5; i++)
		ids[i] = event_made(json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "title", evs[i].title,
		    "kind", "training", "visibility", evs[i].visibility, "status", evs[i].status,
		    "start", "2028-02-01T10:00", "end", "2028-02-01T12:00"));
	for (k = 0; k < 4; k++) {
		int64_t seen = 0;

		for (i = 0; i < 5; i++) {
			int want = k == 0 ? evs[i].visitor : k == 1 ? evs[i].applicant : k == 2 ?
			    evs[i].member : evs[i].focal;
			char path[64];

			snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)ids[i]);
			STATUS(ta_api("GET", path, toks[k], NULL), want ? 200 : 404);
			seen += want;
		}
		assert_int_equal(ta_total("/api/v1/events?month=2028-02", toks[k]), seen);
	}
	assert_int_equal(ta_total("/api/v1/events?month=2028-02", staff_tok), 5);
	assert_int_equal(ta_total("/api/v1/events?month=2028-02&status=draft", staff_tok), 1);
	assert_int_equal(ta_total("/api/v1/events?month=2028-02&status=draft", ada_tok), 0);
}

/* The link to join is for staff; the others see that there is none to see. */
static void
test_online_url(void **state)
{
	int64_t id = event_made(json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "title", "Online briefing",
	    "kind", "webinar", "online_url", "https://meet.example/secret-room", "status",
	    "published", "start", "2028-03-01T10:00", "end", "2028-03-01T11:00"));
	char path[64];
	const struct ts_res *r;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)id);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "secret-room");
	r = ta_api("GET", path, ada_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "secret-room");
	r = ta_api("GET", "/api/v1/events?when=all", NULL, NULL);
	STATUS(r, 200);
	LACKS(r, "secret-room");
}

/* Filters combine, and each facet counts with the other filters applied;
 * past events are apart from upcoming ones. */
static void
test_filters_and_counts(void **state)
{
	json_t *j, *fc;

	(void)state;
	event_made(json_pack("{s:s,s:s,s:s,s:s,s:[s,s],s:[s],s:[s],s:s}", "title", "Fil one",
	    "kind", "training", "start", "2029-05-02T09:00", "end", "2029-05-02T12:00",
	    "themes", "corruption", "cybercrime", "languages", "fr", "regions", "002", "status",
	    "published"));
	event_made(json_pack("{s:s,s:s,s:s,s:s,s:[s],s:[s],s:s}", "title", "Fil two", "kind",
	    "webinar", "start", "2029-05-20T09:00", "end", "2029-05-20T10:00", "themes",
	    "corruption", "languages", "en", "status", "published"));
	event_made(json_pack("{s:s,s:s,s:s,s:s,s:[s],s:s}", "title", "Fil three", "kind",
	    "webinar", "start", "2029-06-03T09:00", "end", "2029-06-03T10:00", "themes",
	    "firearms", "status", "published"));
	/* one that has ended */
	event_made(json_pack("{s:s,s:s,s:s,s:s,s:[s],s:s}", "title", "Fil past", "kind",
	    "webinar", "start", "2025-05-20T09:00", "end", "2025-05-20T10:00", "themes",
	    "corruption", "status", "published"));

	j = ta_get_json("/api/v1/events?theme=corruption&month=2029-05", NULL, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 2);
	fc = json_object_get(j, "facets");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(fc, "kind"),
	    "training")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(fc, "kind"),
	    "webinar")), 1);
	/* the theme's counts leave the theme filter out, the month's the month */
	assert_int_equal(json_integer_value(json_object_get(json_object_get(fc, "theme"),
	    "cybercrime")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(fc, "month"),
	    "2029-05")), 2);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(fc, "language"),
	    "fr")), 1);
	/* soonest first */
	assert_string_equal(ta_str(json_array_get(json_object_get(j, "items"), 0), "title"),
	    "Fil one");
	json_decref(j);
	assert_int_equal(ta_total("/api/v1/events?theme=corruption&language=en&month=2029-05",
	    NULL), 1);
	assert_int_equal(ta_total("/api/v1/events?region=002&month=2029-05", NULL), 1);
	assert_int_equal(ta_total("/api/v1/events?theme=firearms", NULL), 1);
	j = ta_get_json("/api/v1/events?when=past&theme=corruption", NULL, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	assert_string_equal(ta_str(json_array_get(json_object_get(j, "items"), 0), "title"),
	    "Fil past");
	json_decref(j);
	assert_int_equal(ta_total("/api/v1/events?theme=corruption&month=2025-05", NULL), 0);
	assert_int_equal(ta_total("/api/v1/events?when=all&theme=corruption&month=2025-05",
	    NULL), 1);
}

/* Staff change what they send; the rest keeps its value, times their
 * instants; a refused change leaves the event as it was. */
static void
test_staff_edit(void **state)
{
	int64_t id = event_made(json_pack("{s:s,s:s,s:s,s:s,s:i}", "title", "Edit me",
	    "start", "2028-07-01T09:00", "end", "2028-07-01T11:00", "status", "draft",
	    "capacity", 30));
	char path[64];
	const struct ts_res *r;
	json_t *j;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)id);
	STATUS(ta_api("GET", path, ada_tok, NULL), 404);
	r = ta_api("PATCH", path, staff_tok, json_pack("{s:s,s:s,s:[{s:s,s:s,s:b,s:[s,s]}]}",
	    "title", "Edited", "status", "published", "questions", "label", "Which track?",
	    "type", "choice", "required", 1, "choices", "Law", "Practice"));
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_string_equal(ta_str(j, "title"), "Edited");
	assert_string_equal(ta_str(j, "start"), "2028-07-01T09:00:00+02:00");
	assert_int_equal(json_integer_value(json_object_get(j, "capacity")), 30);
	assert_string_equal(ta_str(json_array_get(json_object_get(j, "questions"), 0), "id"), "q1");
	json_decref(j);
	STATUS(ta_api("GET", path, ada_tok, NULL), 200);

	/* another zone for the same instants */
	r = ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "timezone", "Asia/Kolkata"));
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_string_equal(ta_str(j, "start"), "2028-07-01T12:30:00+05:30");
	json_decref(j);

	r = ta_api("PATCH", path, staff_tok, json_pack("{s:s,s:s}", "title", "Broken",
	    "end", "2028-06-01T09:00"));
	STATUS(r, 422);
	HAS(r, "\"end\"");
	j = ta_get_json(path, staff_tok, 200);
	assert_string_equal(ta_str(j, "title"), "Edited");
	json_decref(j);

	/* no limit */
	r = ta_api("PATCH", path, staff_tok, json_pack("{s:n}", "capacity"));
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_true(json_is_null(json_object_get(j, "capacity")));
	assert_true(json_is_null(json_object_get(j, "places_left")));
	json_decref(j);
	STATUS(ta_api("PATCH", "/api/v1/events/999999", staff_tok, json_object()), 404);
	STATUS(ta_api("PATCH", path, ada_tok, json_object()), 403);
}


/* Sets the language of token's account to French, straight in the
 * database (accounts take it from the language they signed up in). */
static void
locale_fr(const char *token)
{
	json_t *me = ta_get_json("/api/v1/me", token, 200);
	struct db_pool *pool = NULL;
	struct db *d;
	struct db_q *q;
	char err[256];

	assert_int_equal(db_pool_open(db_url, 1, 0, &pool, err, sizeof err), WS_OK);
	d = db_acquire(pool);
	q = db_start(d, ST_USER_SET_LOCALE);
	db_bind_text(q, 1, "fr");
	db_bind_int(q, 2, (int64_t)time(NULL));
	db_bind_int(q, 3, json_integer_value(json_object_get(me, "id")));
	assert_int_equal(db_exec(q, NULL), WS_OK);
	db_end(q);
	db_release(pool, d);
	db_pool_free(pool);
	json_decref(me);
}

/* Waits for the next two mails to `to` and asserts that one has subject a
 * and part pa, the other subject b and part pb, in either order: two
 * mail jobs may run side by side, and the sink gets what finishes first. */
static void
mails_say(const char *to, const char *a, const char *pa, const char *b, const char *pb)
{
	struct ts_mail m[2];
	int i, first;

	for (i = 0; i < 2; i++)
		if (ts_mail_wait(&sink, to, 20000, &m[i]) != 0)
			fail_msg("no mail %d to %s (%s, %s)", i + 1, to, a, b);
	first = strcmp(m[0].subject, a) == 0 ? 0 : 1;
	for (i = 0; i < 2; i++)
		printf("# mail to %s: %s\n", to, m[i].subject);
	assert_string_equal(m[first].subject, a);
	assert_non_null(strstr(m[first].body, pa));
	assert_string_equal(m[!first].subject, b);
	assert_non_null(strstr(m[!first].body, pb));
	ts_mail_free(&m[0]);
	ts_mail_free(&m[1]);
}

/* POST path as token with body (consumed): the JSON answer, asserting status. */
static json_t *
post_json(const char *path, const char *token, json_t *body, int status)
{
	const struct ts_res *r = ta_api("POST", path, token, body);

	STATUS(r, status);
	return ts_jbody(r);
}

/*
 * Two places: Ada and Bo are confirmed, Cy waitlisted; registering again
 * gives back the same registration; Ada cancels and Cy takes her place.
 * The questions are answered (a required one left out is a 422 naming
 * it), the link to join is shown to the confirmed, people see only their
 * own registrations, and each is in the organization's history.
 */
static void
test_register_and_waitlist(void **state)
{
	int64_t id = event_made(json_pack("{s:s,s:s,s:s,s:s,s:i,s:s,s:[{s:s,s:s,s:s,s:b,s:[s,s]},"
	    "{s:s,s:s,s:s}]}", "title", "Capacity two", "start", "2028-09-01T09:00", "end",
	    "2028-09-01T17:00", "status", "published", "capacity", 2, "online_url",
	    "https://meet.example/room-two", "questions", "id", "track", "label", "Which track?",
	    "type", "choice", "required", 1, "choices", "Law", "Practice", "id", "diet", "label",
	    "Diet", "type", "text"));
	char path[96], rpath[128];
	const struct ts_res *r;
	json_t *j, *g;
	int64_t ada_reg, cy_reg;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations", (long long)id);
	r = ta_api("POST", path, ada_tok, json_pack("{s:{s:s}}", "answers", "diet", "none"));
	STATUS(r, 422);
	HAS(r, "answers.track");
	r = ta_api("POST", path, ada_tok, json_pack("{s:{s:s}}", "answers", "track", "Poetry"));
	STATUS(r, 422);
	HAS(r, "answers.track");
	g = post_json(path, ada_tok, json_pack("{s:{s:s,s:s}}", "answers", "track", "Law", "diet",
	    "vegetarian"), 201);
	assert_string_equal(ta_str(g, "status"), "confirmed");
	assert_string_equal(ta_str(json_object_get(g, "answers"), "track"), "Law");
	ada_reg = json_integer_value(json_object_get(g, "id"));
	json_decref(g);
	/* her export has it, with its answers */
	g = ta_get_json("/api/v1/me/export", ada_tok, 200);
	{
		json_t *x, *found = NULL;
		size_t i;

		json_array_foreach(json_object_get(g, "event_registrations"), i, x)
			if (json_integer_value(json_object_get(x, "id")) == ada_reg)
				found = x;
		assert_non_null(found);
		assert_string_equal(ta_str(found, "event_title"), "Capacity two");
		assert_string_equal(ta_str(json_object_get(found, "answers"), "diet"),
		    "vegetarian");
	}
	json_decref(g);
	/* again: the same one */
	g = post_json(path, ada_tok, json_pack("{s:{s:s}}", "answers", "track", "Practice"), 200);
	assert_int_equal(json_integer_value(json_object_get(g, "id")), ada_reg);
	assert_string_equal(ta_str(json_object_get(g, "answers"), "track"), "Law");
	json_decref(g);
	/* not members: 403 */
	STATUS(ta_api("POST", path, pat_tok, json_pack("{s:{s:s}}", "answers", "track", "Law")),
	    403);
	STATUS(ta_api("POST", path, fe_tok, json_pack("{s:{s:s}}", "answers", "track", "Law")),
	    403);
	STATUS(ta_api("POST", path, NULL, json_pack("{s:{s:s}}", "answers", "track", "Law")), 401);
	/* a colleague, by someone who is not their organization's admin */
	g = ta_get_json("/api/v1/me", cy_tok, 200);
	r = ta_api("POST", path, ada_tok, json_pack("{s:O,s:{s:s}}", "user_id",
	    json_object_get(g, "id"), "answers", "track", "Law"));
	json_decref(g);
	STATUS(r, 403);

	locale_fr(bo_tok);
	g = post_json(path, bo_tok, json_pack("{s:{s:s}}", "answers", "track", "Practice"), 201);
	assert_string_equal(ta_str(g, "status"), "confirmed");
	json_decref(g);
	g = post_json(path, cy_tok, json_pack("{s:{s:s}}", "answers", "track", "Law"), 201);
	assert_string_equal(ta_str(g, "status"), "waitlisted");
	cy_reg = json_integer_value(json_object_get(g, "id"));
	json_decref(g);

	snprintf(rpath, sizeof rpath, "/api/v1/events/%lld", (long long)id);
	j = ta_get_json(rpath, ada_tok, 200);
	assert_string_equal(ta_str(j, "online_url"), "https://meet.example/room-two");
	assert_string_equal(ta_str(j, "registration"), "confirmed");
	assert_int_equal(json_integer_value(json_object_get(j, "places_left")), 0);
	assert_int_equal(json_integer_value(json_object_get(j, "waitlisted")), 1);
	json_decref(j);
	j = ta_get_json(rpath, cy_tok, 200);
	assert_true(json_is_null(json_object_get(j, "online_url")));
	assert_string_equal(ta_str(j, "registration"), "waitlisted");
	json_decref(j);
	/* the capacity cannot go below the two confirmed */
	r = ta_api("PATCH", rpath, staff_tok, json_pack("{s:i}", "capacity", 1));
	STATUS(r, 422);
	HAS(r, "\"capacity\"");

	/* each sees their own; staff all */
	assert_int_equal(ta_total(path, bo_tok), 1);
	assert_int_equal(ta_total(path, staff_tok), 3);
	snprintf(rpath, sizeof rpath, "%s/%lld", path, (long long)ada_reg);
	STATUS(ta_api("GET", rpath, bo_tok, NULL), 404);
	STATUS(ta_api("DELETE", rpath, bo_tok, NULL), 404);
	STATUS(ta_api("GET", rpath, ada_tok, NULL), 200);

	/* Ada cancels: Cy takes the place */
	g = ts_jbody(ta_api("DELETE", rpath, ada_tok, NULL));
	assert_string_equal(ta_str(g, "status"), "cancelled");
	json_decref(g);
	snprintf(rpath, sizeof rpath, "%s/%lld", path, (long long)cy_reg);
	j = ta_get_json(rpath, cy_tok, 200);
	assert_string_equal(ta_str(j, "status"), "confirmed");
	json_decref(j);
	snprintf(rpath, sizeof rpath, "/api/v1/events/%lld", (long long)id);
	j = ta_get_json(rpath, cy_tok, 200);
	assert_string_equal(ta_str(j, "online_url"), "https://meet.example/room-two");
	assert_int_equal(json_integer_value(json_object_get(j, "waitlisted")), 0);
	json_decref(j);

	/* each was told, in their language, with the time in the event's zone */
	ta_mail_says(&sink, "ada@quillon-ev.example", "Your place is confirmed",
	    "2028-09-01T09:00:00+02:00 (Europe/Vienna)", NULL);
	ta_mail_says(&sink, "bo@quillon-ev.example", "Votre place est confirmée",
	    "Votre place à « Capacity two » est confirmée", NULL);
	mails_say("cy@quillon-ev.example", "You are on the waiting list", "waiting list",
	    "A place is yours", "meet.example/room-two");
	assert_int_equal(ts_mail_count(&sink, "ada@quillon-ev.example"), 0);

	/* the organization's history has them */
	snprintf(rpath, sizeof rpath, "/api/v1/organizations/%lld/history", (long long)quillon);
	r = ta_api("GET", rpath, staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Capacity two (waitlisted)");
	HAS(r, "Capacity two (confirmed)");
}

/* Outside its window, cancelled or over: 409 saying why and when. */
static void
test_register_window(void **state)
{
	static const struct {
		const char *json, *says;
	} cases[] = {
		{ "{\"registration_opens\":\"2030-01-05T09:00\",\"start\":\"2030-02-01T09:00\","
		    "\"end\":\"2030-02-01T10:00\"}", "2030-01-05T09:00:00+01:00" },
		{ "{\"registration_closes\":\"2026-01-05T09:00\",\"start\":\"2030-02-01T09:00\","
		    "\"end\":\"2030-02-01T10:00\"}", "2026-01-05T09:00:00+01:00" },
		{ "{\"status\":\"cancelled\"}", "cancelled" },
		{ "{\"start\":\"2025-02-01T09:00\",\"end\":\"2025-02-01T10:00\"}", "over" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		json_t *body = json_pack("{s:s,s:s}", "title", "Window", "status", "published");
		json_t *over = json_loads(cases[i].json, 0, NULL);
		const struct ts_res *r;
		char path[96];
		int64_t id;

		json_object_update(body, over);
		json_decref(over);
		id = event_made(body);
		snprintf(path, sizeof path, "/api/v1/events/%lld/registrations", (long long)id);
		r = ta_api("POST", path, ada_tok, json_object());
		STATUS(r, 409);
		HAS(r, cases[i].says);
		assert_int_equal(ta_total(path, staff_tok), 0);
	}
}

/* ---- the capacity race -------------------------------------------------------- */

#define RACE_PEOPLE 500
#define RACE_PLACES 100
#define RACE_THREADS 250	/* each registers RACE_PEOPLE / RACE_THREADS people */
#define RACE_ADDRS 100		/* from 127.0.0.100 to 127.0.0.199 */

static char race_tok[RACE_PEOPLE][65];
static long race_status[RACE_PEOPLE];
static char race_got[RACE_PEOPLE][16];	/* the status each was told */
static char race_path[96];
static pthread_barrier_t race_gate;

struct racer {
	struct ts_browser *b;
	int first;
};

static void *
racer_run(void *arg)
{
	struct racer *x = arg;
	int k;

	pthread_barrier_wait(&race_gate);
	for (k = 0; k < RACE_PEOPLE / RACE_THREADS; k++) {
		int i = x->first + k;

		const struct ts_res *r = ts_call(x->b, "POST", race_path, race_tok[i],
		    json_object());
		json_t *j = json_loadb(r->body, r->len, 0, NULL);

		race_status[i] = r->status;
		snprintf(race_got[i], sizeof race_got[i], "%s",
		    json_string_value(json_object_get(j, "status")) ?
		    json_string_value(json_object_get(j, "status")) : "");
		json_decref(j);
	}
	return NULL;
}

/* RACE_PEOPLE verified accounts with a session each, written straight to
 * the database (signing 500 people in would test the password hash). */
static void
race_people(void)
{
	struct db_pool *pool = NULL;
	struct db *d;
	char err[256], email[64], hash[65];
	int64_t now = (int64_t)time(NULL), uid = 0;
	int i;

	assert_int_equal(db_pool_open(db_url, 1, 0, &pool, err, sizeof err), WS_OK);
	d = db_acquire(pool);
	assert_int_equal(db_begin(d), WS_OK);
	for (i = 0; i < RACE_PEOPLE; i++) {
		struct db_q *q = db_start(d, ST_USER_INSERT);

		snprintf(email, sizeof email, "racer%03d@race.example", i);
		db_bind_text(q, 1, email);
		db_bind_text(q, 2, email);
		db_bind_text(q, 3, "-");
		db_bind_text(q, 4, "applicant");
		db_bind_text(q, 5, "active");
		db_bind_null(q, 6);
		db_bind_int(q, 7, now);
		db_bind_int(q, 8, now);
		db_bind_int(q, 9, now);
		assert_int_equal(db_step(q), WS_OK);
		uid = db_col_int(q, 0);
		db_end(q);
		random_hex(race_tok[i], 32);
		token_hash(race_tok[i], hash);
		q = db_start(d, ST_SESSION_INSERT);
		db_bind_text(q, 1, hash);
		db_bind_int(q, 2, uid);
		db_bind_text(q, 3, "api");
		db_bind_int(q, 4, now);
		db_bind_int(q, 5, now);
		db_bind_text(q, 6, "127.0.0.1");
		assert_int_equal(db_exec(q, NULL), WS_OK);
		db_end(q);
	}
	assert_int_equal(db_commit(d), WS_OK);
	db_release(pool, d);
	db_pool_free(pool);
}

/*
 * 500 people register at once, from 100 addresses, for 100 places: exactly
 * 100 are confirmed and 400 waitlisted, and the event counts the same.
 */
static void
test_capacity_race(void **state)
{
	static struct racer racers[RACE_THREADS];
	pthread_t th[RACE_THREADS];
	int64_t id, t0;
	int i, confirmed = 0, waitlisted = 0, other = 0;
	char path[64];
	json_t *j;

	(void)state;
	race_people();
	id = event_made(json_pack("{s:s,s:s,s:s,s:i,s:s,s:s}", "title", "The race",
	    "audience", "open", "status", "published", "capacity", RACE_PLACES, "start",
	    "2029-09-09T09:00", "end", "2029-09-09T17:00"));
	snprintf(race_path, sizeof race_path, "/api/v1/events/%lld/registrations", (long long)id);
	for (i = 0; i < RACE_THREADS; i++) {
		char ip[32];

		snprintf(ip, sizeof ip, "127.0.0.%d", 100 + i % RACE_ADDRS);
		racers[i].b = ts_browser_new(&srv, ip);
		racers[i].first = i * (RACE_PEOPLE / RACE_THREADS);
	}
	assert_int_equal(pthread_barrier_init(&race_gate, NULL, RACE_THREADS + 1), 0);
	for (i = 0; i < RACE_THREADS; i++)
		assert_int_equal(pthread_create(&th[i], NULL, racer_run, &racers[i]), 0);
	t0 = ts_now_ms();
	pthread_barrier_wait(&race_gate);
	for (i = 0; i < RACE_THREADS; i++)
		pthread_join(th[i], NULL);
	printf("# %d registrations in %lld ms\n", RACE_PEOPLE, (long long)(ts_now_ms() - t0));
	pthread_barrier_destroy(&race_gate);
	for (i = 0; i < RACE_THREADS; i++)
		ts_browser_free(racers[i].b);
	for (i = 0; i < RACE_PEOPLE; i++)
		if (race_status[i] != 201)
			other++;
	if (other)
		printf("# %d registrations did not answer 201\n", other);
	assert_int_equal(other, 0);
	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)id);
	j = ta_get_json(path, staff_tok, 200);
	confirmed = (int)json_integer_value(json_object_get(j, "confirmed"));
	waitlisted = (int)json_integer_value(json_object_get(j, "waitlisted"));
	json_decref(j);
	assert_int_equal(confirmed, RACE_PLACES);
	assert_int_equal(waitlisted, RACE_PEOPLE - RACE_PLACES);
	assert_int_equal(ta_total(race_path, staff_tok), RACE_PEOPLE);
	/* and each racer was told what they got */
	for (i = confirmed = waitlisted = 0; i < RACE_PEOPLE; i++) {
		confirmed += strcmp(race_got[i], "confirmed") == 0;
		waitlisted += strcmp(race_got[i], "waitlisted") == 0;
	}
	assert_int_equal(confirmed, RACE_PLACES);
	assert_int_equal(waitlisted, RACE_PEOPLE - RACE_PLACES);
}

/* ---- set-up ---------------------------------------------------------------- */

static int
setup(void **state)
{
	/* many request threads, so that the capacity race is a race; and
	 * long header and idle deadlines: on a loaded machine the race's 250
	 * connections wait on one writer for over 30 s, and the deadlines that
	 * drop slow clients (tested in limits_test) would close some unanswered */
	static const char *const extra[] = { "--threads", "16", "--header-timeout", "300",
		"--conn-timeout", "300", NULL };

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, extra) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	quillon = org_made("Quillon Training Trust", "KE", "info@quillon-ev.example");
	account("sam.staff@events.test", "staff", 0, staff_tok);
	account("ada@quillon-ev.example", "member", quillon, ada_tok);
	account("fe@interior-ev.go.ke", "focal", 0, fe_tok);
	account("pat@nowhere-ev.example", "applicant", 0, pat_tok);
	account("bo@quillon-ev.example", "member", quillon, bo_tok);
	account("cy@quillon-ev.example", "member", quillon, cy_tok);
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
		cmocka_unit_test(test_times_in_zone),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_visibility),
		cmocka_unit_test(test_online_url),
		cmocka_unit_test(test_filters_and_counts),
		cmocka_unit_test(test_staff_edit),
		cmocka_unit_test(test_register_and_waitlist),
		cmocka_unit_test(test_register_window),
		cmocka_unit_test(test_capacity_race),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("events", tests, setup, teardown);
}
