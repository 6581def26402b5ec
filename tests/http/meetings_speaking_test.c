/*
 * meetings_speaking_test.c -- requests to speak in a session (issue 16):
 * staff set the speaking window and each item's minutes for statements;
 * an organization's admin asks to speak on an item open to statements
 * (the speaker one of its approved delegates, or a name); who may not is
 * told the rule (403), a window not open says when (409), an item closed
 * to statements is a 422 naming it, missing fields a 422 naming each, a
 * second live request on an item a 409; nothing half-written.  Its admins
 * change and withdraw it while it is pending.  Staff allocate order and
 * minutes, decline with a reason (over the item's minutes is a 409 saying
 * the sums, nothing changed), publish the item's list explicitly; the
 * organizations' admins are mailed, a republished list mails only those
 * whose slot changed, each is in the organization's history, and staff's
 * CSV has every request column by column.  The published list is on the
 * session's page, its printable page and their JSON, and visitors see
 * nothing before it is published; the window is on the open
 * opportunities of the admins of organizations that may ask.  The pages:
 * the request form (errors by the field, what was typed kept), the
 * session page's own requests and withdraw button, staff's page with one
 * form an item.
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

#include "lib/api.h"
#include "lib/people.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

/* staff; Ada, an admin of Quillon (ECOSOC special status); Bo, a member of
 * Quillon, no admin; Cy, an admin of Rivet (no ECOSOC status); Di, an admin
 * of Saltmarsh (ECOSOC general status) */
static char staff_tok[129], ada_tok[129], bo_tok[129], cy_tok[129], di_tok[129];
static int64_t quillon, rivet, saltmarsh;

/* A published session of body ccpcj numbered number, whose agenda has
 * item 3 (10 minutes for statements), item "4 (a)" (6 minutes) and item 5
 * (closed to statements), taking requests to speak from opens to closes
 * (RFC 3339 or NULL), of eligibility; its id. */
static int64_t
session_made(int number, const char *opens, const char *closes, const char *elig)
{
	json_t *b = json_pack("{s:s,s:i,s:s,s:s,s:s,s:s,s:s,s:s,s:[{s:s,s:s,s:b,s:i},"
	    "{s:s,s:s,s:b,s:i},{s:s,s:s,s:b}],s:s}", "body", "ccpcj", "number", number, "title",
	    "A session with statements", "timezone", "Europe/Vienna", "start",
	    "2031-05-19T10:00", "end", "2031-05-23T18:00", "status", "published", "eligibility",
	    elig, "agenda", "number", "3", "title", "Thematic discussion", "statements", 1,
	    "minutes", 10, "number", "4 (a)", "title", "Crime prevention", "statements", 1,
	    "minutes", 6, "number", "5", "title", "Other matters", "statements", 0,
	    "nominations_closes", "2031-04-01T18:00");
	const struct ts_res *r;
	json_t *j;
	int64_t id;

	if (opens)
		json_object_set_new(b, "speaking_opens", json_string(opens));
	if (closes)
		json_object_set_new(b, "speaking_closes", json_string(closes));
	r = ta_api("POST", "/api/v1/meetings", staff_tok, b);
	STATUS(r, 201);
	j = ts_jbody(r);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return id;
}

/* A request of organization org on item by speaker, asking minutes. */
static json_t *
request(int64_t org, const char *item, const char *speaker, int minutes)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:i}", "organization_id", (json_int_t)org,
	    "item", item, "speaker_name", speaker, "speaker_title", "Director",
	    "summary", "What our organization learned about prevention in prisons.",
	    "minutes", minutes);
}

static const struct ts_res *
ask(int64_t id, const char *tok, json_t *body)
{
	char path[80];

	snprintf(path, sizeof path, "/api/v1/meetings/%lld/speaking-requests", (long long)id);
	return ta_api("POST", path, tok, body);
}

static int64_t
asked(int64_t id, const char *tok, json_t *body)
{
	const struct ts_res *r = ask(id, tok, body);
	json_t *j;
	int64_t rid;

	STATUS(r, 201);
	j = ts_jbody(r);
	rid = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return rid;
}

static int64_t
total_of(int64_t id, const char *tok)
{
	return ta_total(ta_path("/api/v1/meetings/%lld/speaking-requests", (long long)id), tok);
}

/* ---- the session's window and minutes ---------------------------------------- */

static void
test_session_fields(void **state)
{
	const struct ts_res *r;
	char path[80];
	int64_t id;
	json_t *j;

	(void)state;
	id = session_made(61, "2026-01-01T09:00", "2031-05-19T09:00", "ecosoc");
	snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)id);
	r = ta_api("GET", path, NULL, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_string_equal(json_string_value(json_object_get(j, "speaking")), "open");
	assert_string_equal(json_string_value(json_object_get(j, "speaking_closes")),
	    "2031-05-19T09:00:00+02:00");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(j,
	    "agenda"), 0), "minutes")), 10);
	assert_true(json_is_null(json_object_get(json_array_get(json_object_get(j, "agenda"), 2),
	    "minutes")));
	json_decref(j);

	/* a window closing after the session's end, or opening after it closes */
	r = ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "speaking_closes",
	    "2031-06-01T09:00"));
	STATUS(r, 422);
	HAS(r, "Requests to speak must close by the end of the session.");
	r = ta_api("PATCH", path, staff_tok, json_pack("{s:s,s:s}", "speaking_opens",
	    "2031-05-19T09:00", "speaking_closes", "2031-05-01T09:00"));
	STATUS(r, 422);
	HAS(r, "Requests to speak must open before they close.");
	/* minutes out of range */
	r = ta_api("PATCH", path, staff_tok, json_pack("{s:[{s:s,s:s,s:b,s:i}]}", "agenda",
	    "number", "3", "title", "Thematic discussion", "statements", 1, "minutes", 0));
	STATUS(r, 422);
	HAS(r, "minutes for statements from 1 to 600");

	/* staff's form: the window and the minutes, kept */
	{
		struct ts_browser *staff = ts_signed_in(&srv, NULL, "sam.staff@speaking.test", PW);

		assert_non_null(staff);
		snprintf(path, sizeof path, "/staff/meetings/%lld/edit", (long long)id);
		r = ts_get(staff, path);
		STATUS(r, 200);
		HAS(r, "name=\"speaking_closes\"");
		HAS(r, "value=\"2031-05-19T09:00:00+02:00\"");
		HAS(r, "name=\"agenda.1.minutes\"");
		HAS(r, "value=\"10\"");
		ts_browser_free(staff);
	}
}

/* ---- who may ask, when and what ----------------------------------------------- */

static void
test_rules(void **state)
{
	const struct ts_res *r;
	int64_t open, later, closed, unset, members, rid;
	json_t *j;

	(void)state;
	open = session_made(62, "2026-01-01T09:00", "2031-05-19T09:00", "ecosoc");
	later = session_made(63, "2030-01-01T09:00", "2031-05-19T09:00", "ecosoc");
	closed = session_made(64, "2020-01-01T09:00", "2021-04-01T18:00", "ecosoc");
	unset = session_made(65, NULL, NULL, "ecosoc");
	members = session_made(66, NULL, "2031-05-19T09:00", "members");

	/* 403 naming the rule */
	r = ask(open, bo_tok, request(quillon, "3", "Bo Speaker", 5));
	STATUS(r, 403);
	HAS(r, "Only an admin of the organization may ask to speak for it.");
	r = ask(open, cy_tok, request(rivet, "3", "Cy Speaker", 5));
	STATUS(r, 403);
	HAS(r, "consultative status with the Economic and Social Council");
	STATUS(ask(open, ada_tok, request(rivet, "3", "Not Hers", 5)), 403);
	/* ... eligible where any member organization is */
	(void)asked(members, cy_tok, request(rivet, "3", "Cy Speaker", 5));

	/* 409 saying when */
	r = ask(later, ada_tok, request(quillon, "3", "Too Early", 5));
	STATUS(r, 409);
	HAS(r, "Requests to speak at this session open on 1 January 2030, 09:00");
	r = ask(closed, ada_tok, request(quillon, "3", "Too Late", 5));
	STATUS(r, 409);
	HAS(r, "Requests to speak at this session closed on 1 April 2021, 18:00");
	r = ask(unset, ada_tok, request(quillon, "3", "No Window", 5));
	STATUS(r, 409);
	HAS(r, "staff have not set when");

	/* 422: an item closed to statements, one there is not, fields missing */
	r = ask(open, ada_tok, request(quillon, "5", "Closed Item", 5));
	STATUS(r, 422);
	HAS(r, "Item 5 of the agenda is not open to statements.");
	r = ask(open, ada_tok, request(quillon, "9", "No Item", 5));
	STATUS(r, 422);
	HAS(r, "The agenda has no item 9.");
	r = ask(open, ada_tok, json_pack("{s:I,s:s}", "organization_id", (json_int_t)quillon,
	    "item", "3"));
	STATUS(r, 422);
	j = ts_jbody(r);
	assert_non_null(json_object_get(json_object_get(j, "errors"), "summary"));
	assert_non_null(json_object_get(json_object_get(j, "errors"), "minutes"));
	assert_non_null(json_object_get(json_object_get(j, "errors"), "speaker_name"));
	json_decref(j);
	STATUS(ask(open, ada_tok, json_object()), 422);
	r = ask(open, ada_tok, request(quillon, "3", "Too Long", 31));
	STATUS(r, 422);
	HAS(r, "Ask for 1 to 30 minutes.");
	/* more than the item has */
	r = ask(open, ada_tok, request(quillon, "4 (a)", "Too Long", 7));
	STATUS(r, 422);
	HAS(r, "Item 4 (a) has 6 minutes for statements: ask for that or less.");
	assert_int_equal(total_of(open, ada_tok), 0);

	/* one live request an organization and item */
	rid = asked(open, ada_tok, request(quillon, "3", "Ada Speaker", 5));
	r = ask(open, ada_tok, request(quillon, "3", "Ada Again", 4));
	STATUS(r, 409);
	HAS(r, "Your organization has asked to speak on this item already");
	/* an item given as a number is the same item */
	STATUS(ask(open, ada_tok, json_pack("{s:I,s:i,s:s,s:s,s:i}", "organization_id",
	    (json_int_t)quillon, "item", 3, "speaker_name", "Ada Number", "summary",
	    "The same item, as a number this time.", "minutes", 3)), 409);
	(void)asked(open, ada_tok, request(quillon, "4 (a)", "Ada Speaker", 6));
	assert_int_equal(total_of(open, ada_tok), 2);
	assert_int_equal(total_of(open, bo_tok), 0);	/* not an admin: none */
	assert_int_equal(total_of(open, staff_tok), 2);
	(void)rid;
}

/* ---- changing and withdrawing ------------------------------------------------- */

static void
test_change_withdraw(void **state)
{
	const struct ts_res *r;
	char path[120];
	int64_t id, rid;

	(void)state;
	id = session_made(67, NULL, "2031-05-19T09:00", "ecosoc");
	rid = asked(id, ada_tok, request(quillon, "3", "First Name", 5));
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/speaking-requests/%lld", (long long)id,
	    (long long)rid);

	/* who sees it: staff and Quillon's admins; not Cy, not Bo */
	STATUS(ta_api("GET", path, staff_tok, NULL), 200);
	STATUS(ta_api("GET", path, ada_tok, NULL), 200);
	STATUS(ta_api("GET", path, cy_tok, NULL), 404);
	STATUS(ta_api("GET", path, bo_tok, NULL), 404);
	STATUS(ta_api("GET", path, NULL, NULL), 401);

	r = ta_api("PATCH", path, ada_tok, json_pack("{s:s,s:i}", "speaker_name", "Second Name",
	    "minutes", 4));
	STATUS(r, 200);
	HAS(r, "\"speaker_name\":\"Second Name\"");
	HAS(r, "\"minutes\":4");
	HAS(r, "What our organization learned");	/* what was not sent is kept */
	r = ta_api("PATCH", path, ada_tok, json_pack("{s:s}", "item", "5"));
	STATUS(r, 422);
	HAS(r, "Item 5 of the agenda is not open to statements.");
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:i}", "minutes", 2)), 403);
	STATUS(ta_api("PATCH", path, cy_tok, json_pack("{s:i}", "minutes", 2)), 404);

	/* withdrawn: not again, not changed; a new one on the item is fine */
	r = ta_api("DELETE", path, ada_tok, NULL);
	STATUS(r, 200);
	HAS(r, "\"status\":\"withdrawn\"");
	STATUS(ta_api("DELETE", path, ada_tok, NULL), 409);
	r = ta_api("PATCH", path, ada_tok, json_pack("{s:i}", "minutes", 2));
	STATUS(r, 409);
	HAS(r, "This request is not pending any more");
	(void)asked(id, ada_tok, request(quillon, "3", "Third Name", 5));

	/* the history */
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/history", (long long)quillon);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "meeting.speaking_requested");
	HAS(r, "meeting.speaking_changed");
	HAS(r, "meeting.speaking_withdrawn");
}

/* ---- the speaker: an approved delegate ---------------------------------------- */

static void
test_delegate_speaker(void **state)
{
	const struct ts_res *r;
	char path[120];
	int64_t id, nid, pending;
	json_t *j, *b;

	(void)state;
	id = session_made(68, NULL, "2031-05-19T09:00", "ecosoc");
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations", (long long)id);
	b = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s}", "organization_id", (json_int_t)quillon,
	    "name", "Dana Delegate", "title", "Head of research", "email",
	    "dana@quillon-sp.example", "nationality", "KE", "passport_name", "DANA DELEGATE",
	    "attendance", "in_person");
	r = ta_api("POST", path, ada_tok, b);
	STATUS(r, 201);
	j = ts_jbody(r);
	nid = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	r = ta_api("POST", path, ada_tok, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s}", "organization_id",
	    (json_int_t)quillon, "name", "Pat Pending", "email", "pat@quillon-sp.example",
	    "nationality", "KE", "passport_name", "PAT PENDING", "attendance", "online"));
	STATUS(r, 201);
	j = ts_jbody(r);
	pending = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations/decisions", (long long)id);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:[I],s:s}", "ids", (json_int_t)nid,
	    "decision", "approve")), 200);

	/* a delegate not approved is not offered */
	r = ask(id, ada_tok, json_pack("{s:I,s:s,s:I,s:s,s:i}", "organization_id",
	    (json_int_t)quillon, "item", "3", "nomination_id", (json_int_t)pending, "summary",
	    "Speaking through a pending delegate.", "minutes", 3));
	STATUS(r, 422);
	HAS(r, "approved delegates to this session");
	/* the approved one names the speaker */
	r = ask(id, ada_tok, json_pack("{s:I,s:s,s:I,s:s,s:i}", "organization_id",
	    (json_int_t)quillon, "item", "3", "nomination_id", (json_int_t)nid, "summary",
	    "Speaking through an approved delegate.", "minutes", 3));
	STATUS(r, 201);
	HAS(r, "\"speaker_name\":\"Dana Delegate\"");
	HAS(r, "\"speaker_title\":\"Head of research\"");

	/* the form offers the approved delegate, not the pending one */
	{
		struct ts_browser *ada = ts_signed_in(&srv, NULL, "ada@quillon-sp.example", PW);

		assert_non_null(ada);
		snprintf(path, sizeof path, "/meetings/%lld/speaking-requests/new", (long long)id);
		r = ts_get(ada, path);
		STATUS(r, 200);
		HAS(r, "Dana Delegate, Head of research");
		LACKS(r, "Pat Pending");
		ts_browser_free(ada);
	}
}

/* ---- staff allocate and publish; mail; history; CSV ----------------------------- */

/* Staff's allocation of item on session id. */
static const struct ts_res *
allocate(int64_t id, json_t *body)
{
	char path[80];

	snprintf(path, sizeof path, "/api/v1/meetings/%lld/speakers", (long long)id);
	return ta_api("POST", path, staff_tok, body);
}

/* Reads every mail to address to sent so far. */
static void
drain(const char *to)
{
	struct ts_mail m;

	while (ts_mail_wait(&sink, to, 300, &m) == 0)
		ts_mail_free(&m);
}

static void
test_allocate_publish(void **state)
{
	const struct ts_res *r;
	struct ts_browser *staff;
	struct ts_mail m;
	char path[120];
	int64_t id, ra, rd, rc2;
	json_t *j;

	(void)state;
	id = session_made(69, NULL, "2031-05-19T09:00", "ecosoc");
	ra = asked(id, ada_tok, request(quillon, "3", "Ada Speaker", 6));
	rd = asked(id, di_tok, request(saltmarsh, "3", "Di Speaker", 5));
	rc2 = asked(id, di_tok, request(saltmarsh, "4 (a)", "Di Other", 3));
	drain("ada@quillon-sp.example");
	drain("di@saltmarsh-sp.example");

	/* over the item's minutes: 409 with the sums, nothing changed */
	r = allocate(id, json_pack("{s:s,s:[{s:I,s:s,s:i,s:i},{s:I,s:s,s:i,s:i}]}", "item", "3",
	    "requests", "id", (json_int_t)ra, "decision", "allocate", "order", 1, "minutes", 6,
	    "id", (json_int_t)rd, "decision", "allocate", "order", 2, "minutes", 5));
	STATUS(r, 409);
	HAS(r, "The minutes allocated on item 3 add up to 11, more than the 10 minutes it has");
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/speaking-requests/%lld",
	    (long long)id, (long long)ra);
	HAS(ta_api("GET", path, staff_tok, NULL), "\"status\":\"pending\"");
	/* a decline without a reason; a request of another item */
	r = allocate(id, json_pack("{s:s,s:[{s:I,s:s}]}", "item", "3", "requests", "id",
	    (json_int_t)rd, "decision", "decline"));
	STATUS(r, 422);
	r = allocate(id, json_pack("{s:s,s:[{s:I,s:s}]}", "item", "3", "requests", "id",
	    (json_int_t)rc2, "decision", "pending"));
	STATUS(r, 422);
	STATUS(allocate(id, json_pack("{s:s}", "item", "5")), 422);
	STATUS(ta_api("POST", "/api/v1/meetings/999999/speakers", staff_tok,
	    json_pack("{s:s}", "item", "3")), 404);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/speakers", (long long)id);
	STATUS(ta_api("POST", path, ada_tok, json_pack("{s:s}", "item", "3")), 403);

	/* Di second (order 2) for 4 minutes, Ada first for 6; saved, not published */
	r = allocate(id, json_pack("{s:s,s:[{s:I,s:s,s:i,s:i},{s:I,s:s,s:i,s:i}]}", "item", "3",
	    "requests", "id", (json_int_t)ra, "decision", "allocate", "order", 5, "minutes", 6,
	    "id", (json_int_t)rd, "decision", "allocate", "order", 9, "minutes", 4));
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(j,
	    "items"), 0), "minutes_allocated")), 10);
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/speaking-requests/%lld",
	    (long long)id, (long long)ra);
	HAS(ta_api("GET", path, staff_tok, NULL), "\"status\":\"allocated\"");
	/* who is not staff sees nothing before it is published */
	r = ta_api("GET", path, ada_tok, NULL);
	HAS(r, "\"status\":\"pending\"");
	HAS(r, "\"order\":null");
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/speakers", (long long)id);
	r = ta_api("GET", path, NULL, NULL);
	STATUS(r, 200);
	HAS(r, "\"items\":[]");
	assert_int_equal(ts_mail_count(&sink, "ada@quillon-sp.example"), 0);

	/* published: both mailed, the list in order */
	STATUS(allocate(id, json_pack("{s:s,s:b}", "item", "3", "publish", 1)), 200);
	assert_int_equal(ts_mail_wait(&sink, "ada@quillon-sp.example", 10000, &m), 0);
	assert_non_null(strstr(m.subject, "On the speakers"));
	assert_non_null(strstr(m.body, "Ada Speaker speaks as number 1, for 6 minutes"));
	ts_mail_free(&m);
	assert_int_equal(ts_mail_wait(&sink, "di@saltmarsh-sp.example", 10000, &m), 0);
	assert_non_null(strstr(m.body, "Di Speaker speaks as number 2, for 4 minutes"));
	ts_mail_free(&m);
	r = ta_api("GET", path, NULL, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	{
		json_t *it = json_array_get(json_object_get(j, "items"), 0);
		json_t *sp = json_object_get(it, "speakers");

		assert_string_equal(json_string_value(json_object_get(it, "number")), "3");
		assert_int_equal(json_array_size(sp), 2);
		assert_string_equal(json_string_value(json_object_get(json_array_get(sp, 0),
		    "organization")), "Quillon Training Trust");
		assert_int_equal(json_integer_value(json_object_get(json_array_get(sp, 1), "order")),
		    2);
		assert_int_equal(json_integer_value(json_object_get(json_array_get(sp, 1),
		    "minutes")), 4);
	}
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/speaking-requests/%lld",
	    (long long)id, (long long)ra);
	r = ta_api("GET", path, ada_tok, NULL);
	HAS(r, "\"status\":\"allocated\"");
	HAS(r, "\"order\":1");
	/* allocated: not withdrawn by the organization any more */
	STATUS(ta_api("DELETE", path, ada_tok, NULL), 409);

	/* a change, republished: only Di (declined) is mailed */
	r = allocate(id, json_pack("{s:s,s:[{s:I,s:s,s:s}],s:b}", "item", "3", "requests", "id",
	    (json_int_t)rd, "decision", "decline", "reason", "The list is full; please send a "
	    "written statement.", "publish", 1));
	STATUS(r, 200);
	assert_int_equal(ts_mail_wait(&sink, "di@saltmarsh-sp.example", 10000, &m), 0);
	assert_non_null(strstr(m.body, "is declined"));
	assert_non_null(strstr(m.body, "please send a written statement"));
	ts_mail_free(&m);
	assert_int_equal(ts_mail_count(&sink, "ada@quillon-sp.example"), 0);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/speakers", (long long)id);
	r = ta_api("GET", path, NULL, NULL);
	LACKS(r, "Di Speaker");
	HAS(r, "Ada Speaker");

	/* staff's page's JSON twin: by item, the minutes, the requests with
	 * what staff balance by */
	snprintf(path, sizeof path, "/api/v1/staff/meetings/%lld/speakers", (long long)id);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "\"unpublished_changes\":false");
	HAS(r, "\"organization_region\":\"019\"");
	HAS(r, "\"organization_country\":\"PE\"");
	STATUS(ta_api("GET", path, ada_tok, NULL), 403);

	/* the organization's history */
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/history", (long long)saltmarsh);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "meeting.speaking_allocated");
	HAS(r, "meeting.speaking_declined");

	/* staff's CSV, column by column */
	staff = ts_signed_in(&srv, NULL, "sam.staff@speaking.test", PW);
	assert_non_null(staff);
	snprintf(path, sizeof path, "/staff/meetings/%lld/speakers.csv", (long long)id);
	r = ts_get(staff, path);
	STATUS(r, 200);
	assert_non_null(strstr(r->body, "item,order,organization,country,region,kind,speaker,"
	    "speaker_title,minutes_asked,minutes_allocated,status,published,reason,summary\r\n"));
	assert_non_null(strstr(r->body, "3,1,Quillon Training Trust,KE,Africa,ngo,Ada Speaker,"
	    "Director,6,6,allocated,yes,,What our organization learned"));
	assert_non_null(strstr(r->body, "3,,Saltmarsh Network,PE,Americas,ngo,Di Speaker,"
	    "Director,5,,declined,yes,The list is full; please send a written statement.,"));
	assert_non_null(strstr(r->body, "4 (a),,Saltmarsh Network,PE,Americas,ngo,Di Other,"));
	STATUS(ts_get(plain, path), 303);
	{
		struct ts_browser *ada = ts_signed_in(&srv, NULL, "ada@quillon-sp.example", PW);

		assert_non_null(ada);
		STATUS(ts_get(ada, path), 403);
		snprintf(path, sizeof path, "/staff/meetings/%lld/speakers", (long long)id);
		STATUS(ts_get(ada, path), 403);
		ts_browser_free(ada);
	}

	/* staff's page: one form an item; over the minutes, the form again */
	snprintf(path, sizeof path, "/staff/meetings/%lld/speakers", (long long)id);
	r = ts_get(staff, path);
	STATUS(r, 200);
	HAS(r, "Saltmarsh Network");
	HAS(r, "Peru");
	HAS(r, "Save and publish the list");
	ts_browser_free(staff);
}

/* ---- the pages -------------------------------------------------------------------- */

static void
test_pages(void **state)
{
	struct ts_browser *ada, *staff;
	const struct ts_res *r;
	char path[120], form[120], key[40], rid_s[24];
	int64_t id, rid;
	json_t *j;

	(void)state;
	id = session_made(70, NULL, "2031-05-19T09:00", "ecosoc");
	ada = ts_signed_in(&srv, NULL, "ada@quillon-sp.example", PW);
	staff = ts_signed_in(&srv, NULL, "sam.staff@speaking.test", PW);
	assert_non_null(ada);
	assert_non_null(staff);

	/* the session page: the window, the link to the form */
	snprintf(path, sizeof path, "/meetings/%lld", (long long)id);
	r = ts_get(ada, path);
	STATUS(r, 200);
	HAS(r, "Requests to speak are open until");
	HAS(r, "minutes for non-governmental speakers: 10");
	snprintf(form, sizeof form, "/meetings/%lld/speaking-requests/new", (long long)id);
	HAS(r, form);

	/* the form: refused, what was typed kept and the field named */
	r = ts_get(ada, form);
	STATUS(r, 200);
	HAS(r, "Thematic discussion");
	LACKS(r, "Other matters");	/* closed to statements: not offered */
	snprintf(rid_s, sizeof rid_s, "%lld", (long long)quillon);
	r = ts_form(ada, form, "organization_id", rid_s, "item", "3", "nomination_id", "",
	    "speaker_name", "Kept Name", "speaker_title", "", "summary", "short", "minutes", "40",
	    NULL);
	STATUS(r, 422);
	HAS(r, "value=\"Kept Name\"");
	HAS(r, "id=\"se-summary\"");
	HAS(r, "id=\"se-minutes\"");
	r = ts_form(ada, form, "organization_id", rid_s, "item", "3", "nomination_id", "",
	    "speaker_name", "Page Speaker", "speaker_title", "Chair", "summary",
	    "A statement asked through the page.", "minutes", "4", NULL);
	STATUS(r, 303);
	r = ts_get(ada, path);
	HAS(r, "Page Speaker");
	HAS(r, "waiting for staff");
	r = ts_form(ada, form, "organization_id", rid_s, "item", "3", "nomination_id", "",
	    "speaker_name", "Twice", "speaker_title", "", "summary",
	    "A second statement on the same item.", "minutes", "4", NULL);
	STATUS(r, 409);
	HAS(r, "Your organization has asked to speak on this item already");

	snprintf(path, sizeof path, "/api/v1/meetings/%lld/speaking-requests", (long long)id);
	j = ts_jbody(ta_api("GET", path, ada_tok, NULL));
	rid = json_integer_value(json_object_get(json_array_get(json_object_get(j, "items"), 0),
	    "id"));
	json_decref(j);

	/* staff's page: over the minutes, the form again with the sums */
	snprintf(path, sizeof path, "/staff/meetings/%lld/speakers", (long long)id);
	r = ts_get(staff, path);
	STATUS(r, 200);
	HAS(r, "Page Speaker");
	HAS(r, "Quillon Training Trust");
	HAS(r, "Kenya");
	snprintf(key, sizeof key, "name=\"r%lld.minutes\"", (long long)rid);
	HAS(r, key);
	{
		char kd[40], ko[40], km[40], kr[40];

		snprintf(kd, sizeof kd, "r%lld.decision", (long long)rid);
		snprintf(ko, sizeof ko, "r%lld.order", (long long)rid);
		snprintf(km, sizeof km, "r%lld.minutes", (long long)rid);
		snprintf(kr, sizeof kr, "r%lld.reason", (long long)rid);
		r = ts_form(staff, path, "item", "3", kd, "allocate", ko, "1", km, "11", kr, "",
		    NULL);
		STATUS(r, 409);
		HAS(r, "add up to 11, more than the 10 minutes");
		HAS(r, "value=\"11\"");
		r = ts_form(staff, path, "item", "3", kd, "allocate", ko, "1", km, "4", kr, "",
		    "publish", "1", NULL);
		STATUS(r, 303);
	}

	/* published: on the session page, the printable page, for a visitor too */
	snprintf(path, sizeof path, "/meetings/%lld", (long long)id);
	r = ts_get(plain, path);
	STATUS(r, 200);
	HAS(r, "Page Speaker, Chair");
	snprintf(path, sizeof path, "/meetings/%lld/speakers", (long long)id);
	r = ts_get(plain, path);
	STATUS(r, 200);
	HAS(r, "Page Speaker, Chair");
	HAS(r, "Quillon Training Trust");
	HAS(r, "Europe&#x2F;Vienna)");	/* published, in the session's zone */
	snprintf(path, sizeof path, "/meetings/%lld/speakers?lang=fr", (long long)id);
	r = ts_get(plain, path);
	HAS(r, "Listes des orateurs");
	HAS(r, "Orateurs sur le point");
	/* the window on the open opportunities page, in words */
	r = ts_get(ada, "/opportunities");
	STATUS(r, 200);
	HAS(r, "Requests to speak at a session");
	HAS(r, "Ask to speak");
	ts_browser_free(ada);
	ts_browser_free(staff);
}

/* ---- withdrawing through the page ------------------------------------------------ */

static void
test_page_withdraw(void **state)
{
	struct ts_browser *ada;
	const struct ts_res *r;
	char path[120], edit[120];
	int64_t id, rid;

	(void)state;
	id = session_made(71, NULL, "2031-05-19T09:00", "ecosoc");
	rid = asked(id, ada_tok, request(quillon, "4 (a)", "Withdrawn Soon", 3));
	ada = ts_signed_in(&srv, NULL, "ada@quillon-sp.example", PW);
	assert_non_null(ada);
	snprintf(path, sizeof path, "/meetings/%lld", (long long)id);
	r = ts_get(ada, path);
	HAS(r, "Withdrawn Soon");
	snprintf(edit, sizeof edit, "/meetings/%lld/speaking-requests/%lld/edit", (long long)id,
	    (long long)rid);
	HAS(r, edit);
	snprintf(path, sizeof path, "/meetings/%lld/speaking-requests/%lld/withdraw",
	    (long long)id, (long long)rid);
	HAS(r, path);

	/* changed through the page: what is stored, then what was typed */
	r = ts_get(ada, edit);
	STATUS(r, 200);
	HAS(r, "value=\"Withdrawn Soon\"");
	HAS(r, "Save the request");
	r = ts_form(ada, edit, "item", "4 (a)", "nomination_id", "", "speaker_name", "Too Long",
	    "speaker_title", "", "summary", "A statement that asks for too long.", "minutes", "9",
	    NULL);
	STATUS(r, 422);
	HAS(r, "Item 4 (a) has 6 minutes for statements");
	HAS(r, "value=\"Too Long\"");
	r = ts_form(ada, edit, "item", "3", "nomination_id", "", "speaker_name", "Renamed Soon",
	    "speaker_title", "Chair", "summary", "The statement, moved to item 3.", "minutes", "4",
	    NULL);
	STATUS(r, 303);
	snprintf(edit, sizeof edit, "/meetings/%lld", (long long)id);
	r = ts_get(ada, edit);
	HAS(r, "Renamed Soon");
	LACKS(r, "Withdrawn Soon");
	/* not Cy's to change */
	{
		struct ts_browser *cy = ts_signed_in(&srv, NULL, "cy@rivet-sp.example", PW);

		assert_non_null(cy);
		snprintf(edit, sizeof edit, "/meetings/%lld/speaking-requests/%lld/edit",
		    (long long)id, (long long)rid);
		STATUS(ts_get(cy, edit), 404);
		STATUS(ts_form(cy, edit, "item", "3", "speaker_name", "Taken", "summary",
		    "Someone else's request.", "minutes", "2", NULL), 404);
		ts_browser_free(cy);
	}
	STATUS(ts_form(ada, path, NULL), 303);
	snprintf(path, sizeof path, "/meetings/%lld", (long long)id);
	r = ts_get(ada, path);
	HAS(r, "withdrawn");
	snprintf(edit, sizeof edit, "/meetings/%lld/speaking-requests/%lld/edit", (long long)id,
	    (long long)rid);
	STATUS(ts_get(ada, edit), 409);
	ts_browser_free(ada);
}

/* ---- the open opportunities --------------------------------------------------- */

/* Whether tok's open opportunities have a speaking window of session id. */
static int
offered(const char *tok, int64_t id)
{
	const struct ts_res *r = ta_api("GET", "/api/v1/opportunities?per_page=100", tok, NULL);
	json_t *j, *o;
	size_t i;
	int found = 0;

	STATUS(r, 200);
	j = ts_jbody(r);
	json_array_foreach(json_object_get(j, "items"), i, o)
		if (strcmp(json_string_value(json_object_get(o, "type")), "speaking") == 0 &&
		    json_integer_value(json_object_get(o, "id")) == id)
			found = 1;
	json_decref(j);
	return found;
}

static void
test_opportunities(void **state)
{
	int64_t id;

	(void)state;
	id = session_made(72, NULL, "2031-05-19T09:00", "ecosoc");
	assert_true(offered(ada_tok, id));
	assert_false(offered(cy_tok, id));	/* no ECOSOC status */
	assert_false(offered(bo_tok, id));	/* not an admin */
}

/* ---- set-up ---------------------------------------------------------------- */

static int
setup(void **state)
{
	struct ts_browser *staff;
	int64_t ada, cy, di;
	char path[80];

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	ta_accounts(db_url, PW);
	quillon = ts_org_import(db_url, "Quillon Training Trust", "KE", "info@quillon-sp.example",
	    NULL);
	rivet = ts_org_import(db_url, "Rivet Watch", "UG", "info@rivet-sp.example", NULL);
	saltmarsh = ts_org_import(db_url, "Saltmarsh Network", "PE", "info@saltmarsh-sp.example",
	    NULL);
	if (quillon <= 0 || rivet <= 0 || saltmarsh <= 0)
		return -1;
	ta_account("sam.staff@speaking.test", "staff", 0, staff_tok, NULL);
	ta_account("ada@quillon-sp.example", "member", quillon, ada_tok, &ada);
	ta_account("bo@quillon-sp.example", "member", quillon, bo_tok, NULL);
	ta_account("cy@rivet-sp.example", "member", rivet, cy_tok, &cy);
	ta_account("di@saltmarsh-sp.example", "member", saltmarsh, di_tok, &di);
	staff = ts_signed_in(&srv, NULL, "sam.staff@speaking.test", PW);
	if (!staff || ts_org_admin(staff, quillon, ada) != 0 || ts_org_admin(staff, rivet, cy) != 0 ||
	    ts_org_admin(staff, saltmarsh, di) != 0)
		return -1;
	ts_browser_free(staff);
	snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)quillon);
	if (ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "ecosoc_status",
	    "special"))->status != 200)
		return -1;
	snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)saltmarsh);
	if (ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "ecosoc_status",
	    "general"))->status != 200)
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
		cmocka_unit_test(test_session_fields),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_change_withdraw),
		cmocka_unit_test(test_delegate_speaker),
		cmocka_unit_test(test_allocate_publish),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_page_withdraw),
		cmocka_unit_test(test_opportunities),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests_name("meetings_speaking", tests, setup, teardown);
}
