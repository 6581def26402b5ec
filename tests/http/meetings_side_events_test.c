/*
 * meetings_side_events_test.c -- side events of a session (issue 16):
 * staff give a session a window for proposals and its slots; an eligible
 * organization's admin proposes, within the window; who may not is told
 * the rule (403), a window not open says when (409), missing fields and a
 * slot not offered are a 422 naming them; nothing half-written.  The
 * organization's admins change and withdraw their proposal while it is
 * open; others do not see it.  Staff accept into a slot (one a slot: a
 * second is a 409), decline with a reason, ask for changes; each is mailed
 * to the organization's admins and is in its history.  The accepted ones
 * make the session's public programme, on its page and as iCalendar.
 * The window is on the admins' open opportunities.  The form keeps what
 * was typed; staff's page filters, decides and exports CSV.
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
 * Quillon, no admin; Cy, an admin of Rivet (no ECOSOC status); Fo, a
 * government's focal point */
static char staff_tok[129], ada_tok[129], bo_tok[129], cy_tok[129], fo_tok[129];
static int64_t quillon, rivet;

/* Three slots within the session's dates (Europe/Vienna), the second in a
 * room whose name needs escaping in iCalendar. */
static json_t *
three_slots(void)
{
	return json_pack("[{s:s,s:s,s:s},{s:s,s:s,s:s},{s:s,s:s,s:s}]",
	    "start", "2031-05-19T13:15", "end", "2031-05-19T14:30", "room", "Room M3",
	    "start", "2031-05-20T13:15", "end", "2031-05-20T14:30", "room", "Room C3; Board, B",
	    "start", "2031-05-21T08:00", "end", "2031-05-21T09:00", "room", "Online");
}

/* A published session of body cnd numbered number, taking proposals from
 * opens to closes (RFC 3339 or NULL), of eligibility, with three slots. */
static int64_t
session_made(int number, const char *opens, const char *closes, const char *elig)
{
	json_t *b = json_pack("{s:s,s:i,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o}", "body", "cnd",
	    "number", number, "title", "A session", "timezone", "Europe/Vienna", "start",
	    "2031-05-19T10:00", "end", "2031-05-23T18:00", "status", "published",
	    "venue", "Vienna International Centre", "eligibility", elig, "side_event_slots",
	    three_slots());
	const struct ts_res *r;
	json_t *j;
	int64_t id;

	if (opens)
		json_object_set_new(b, "side_events_opens", json_string(opens));
	if (closes)
		json_object_set_new(b, "side_events_closes", json_string(closes));
	r = ta_api("POST", "/api/v1/meetings", staff_tok, b);
	STATUS(r, 201);
	j = ts_jbody(r);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return id;
}

/* A proposal's fields for organization org titled title. */
static json_t *
proposal(int64_t org, const char *title)
{
	return json_pack("{s:I,s:s,s:s,s:{s:[I],s:[s],s:[s]},s:s,s:s,s:[i,i]}",
	    "organization_id", (json_int_t)org, "title", title, "abstract",
	    "How community monitors track synthetic drug markets, and what they found.",
	    "co_organizers", "organizations", (json_int_t)rivet, "others",
	    "University of Vienna", "governments", "AT", "format", "hybrid", "language", "en",
	    "preferred_slots", 2, 1);
}

static const struct ts_res *
propose(int64_t id, const char *tok, json_t *body)
{
	char path[80];

	snprintf(path, sizeof path, "/api/v1/meetings/%lld/side-events", (long long)id);
	return ta_api("POST", path, tok, body);
}

static int64_t
total_of(int64_t id, const char *tok)
{
	return ta_total(ta_path("/api/v1/meetings/%lld/side-events", (long long)id), tok);
}

static const struct ts_res *
decide(int64_t id, int64_t sid, const char *tok, json_t *body)
{
	char path[100];

	snprintf(path, sizeof path, "/api/v1/meetings/%lld/side-events/%lld/decision",
	    (long long)id, (long long)sid);
	return ta_api("POST", path, tok, body);
}

/* ---- the session's window and slots ---------------------------------------- */

static void
test_session_slots(void **state)
{
	const struct ts_res *r;
	int64_t id;
	char path[80];
	json_t *j, *slots;

	(void)state;
	id = session_made(31, "2026-01-01T09:00", "2031-04-01T18:00", "ecosoc");
	snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)id);
	r = ta_api("GET", path, NULL, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	slots = json_object_get(j, "side_event_slots");
	assert_int_equal(json_array_size(slots), 3);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(slots, 0), "id")), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(slots, 1), "start")),
	    "2031-05-20T13:15:00+02:00");
	assert_string_equal(json_string_value(json_object_get(j, "side_events_closes")),
	    "2031-04-01T18:00:00+02:00");
	assert_string_equal(json_string_value(json_object_get(j, "side_events")), "open");
	json_decref(j);

	/* a change keeps the ids of the slots sent back; a new one gets the next after
	 * the highest the session had */
	r = ta_api("PATCH", path, staff_tok, json_pack("{s:[{s:i,s:s,s:s,s:s},{s:s,s:s,s:s}]}",
	    "side_event_slots", "id", 2, "start", "2031-05-20T13:15", "end", "2031-05-20T14:45",
	    "room", "Room C3", "start", "2031-05-22T13:15", "end", "2031-05-22T14:30", "room",
	    "Room M7"));
	STATUS(r, 200);
	j = ts_jbody(r);
	slots = json_object_get(j, "side_event_slots");
	assert_int_equal(json_array_size(slots), 2);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(slots, 0), "id")), 2);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(slots, 1), "id")), 4);
	json_decref(j);

	/* refused: a slot outside the session, one ending before it starts, a
	 * window closing after the start */
	r = ta_api("PATCH", path, staff_tok, json_pack("{s:[{s:s,s:s}]}", "side_event_slots",
	    "start", "2031-06-01T13:00", "end", "2031-06-01T14:00"));
	STATUS(r, 422);
	HAS(r, "\"side_event_slots\"");
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:[{s:s,s:s}]}", "side_event_slots",
	    "start", "2031-05-20T14:00", "end", "2031-05-20T13:00")), 422);
	r = ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "side_events_closes",
	    "2031-05-20T09:00"));
	STATUS(r, 422);
	HAS(r, "\"side_events_closes\"");
	STATUS(ta_api("PATCH", path, ada_tok, json_pack("{s:s}", "side_events_closes",
	    "2031-04-20T09:00")), 403);
}

/* The staff form shows the slots and the window, and changes them. */
static void
test_staff_form(void **state)
{
	struct ts_browser *staff = ts_signed_in(&srv, NULL, "sam.staff@side-events.test", PW);
	const struct ts_res *r;
	char path[80], api_path[80];
	int64_t id;
	json_t *j, *slots;

	(void)state;
	assert_non_null(staff);
	id = session_made(32, NULL, "2031-04-01T18:00", "ecosoc");
	snprintf(path, sizeof path, "/staff/meetings/%lld/edit", (long long)id);
	r = ts_get(staff, path);
	STATUS(r, 200);
	HAS(r, "name=\"slot.1.id\" value=\"1\"");
	HAS(r, "value=\"2031-05-19T13:15\"");
	HAS(r, "value=\"Room C3; Board, B\"");
	HAS(r, "name=\"side_events_closes\"");
	/* slot 1 kept, slot 2 emptied (removed), a new one added; a bad one
	 * refused by its field with what was typed */
	r = ts_form(staff, path, "body", "cnd", "number", "32", "title", "A session", "start",
	    "2031-05-19T10:00", "end", "2031-05-23T18:00", "timezone", "Europe/Vienna", "status",
	    "published", "visibility", "public", "eligibility", "ecosoc", "side_events_closes",
	    "2031-04-02T18:00", "slot.1.id", "1", "slot.1.start", "2031-05-19T13:15",
	    "slot.1.end", "2031-05-19T14:30", "slot.1.room", "Room M3", "slot.4.start",
	    "2031-07-01T13:00", "slot.4.end", "2031-07-01T14:00", "slot.4.room", "Too late",
	    NULL);
	STATUS(r, 422);
	HAS(r, "Each side-event slot needs");
	HAS(r, "value=\"Too late\"");
	r = ts_form(staff, path, "body", "cnd", "number", "32", "title", "A session", "start",
	    "2031-05-19T10:00", "end", "2031-05-23T18:00", "timezone", "Europe/Vienna", "status",
	    "published", "visibility", "public", "eligibility", "ecosoc", "side_events_closes",
	    "2031-04-02T18:00", "slot.1.id", "1", "slot.1.start", "2031-05-19T13:15",
	    "slot.1.end", "2031-05-19T14:30", "slot.1.room", "Room M3", "slot.4.start",
	    "2031-05-22T13:00", "slot.4.end", "2031-05-22T14:00", "slot.4.room", "Room M7",
	    NULL);
	STATUS(r, 303);
	snprintf(api_path, sizeof api_path, "/api/v1/meetings/%lld", (long long)id);
	r = ta_api("GET", api_path, staff_tok, NULL);
	j = ts_jbody(r);
	slots = json_object_get(j, "side_event_slots");
	assert_int_equal(json_array_size(slots), 2);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(slots, 0), "id")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(slots, 1), "id")), 4);
	assert_string_equal(json_string_value(json_object_get(j, "side_events_closes")),
	    "2031-04-02T18:00:00+02:00");
	json_decref(j);
	ts_browser_free(staff);
}

/* ---- who may propose, and when --------------------------------------------- */

static void
test_rules(void **state)
{
	const struct ts_res *r;
	int64_t open, later, closed, unset, members;
	json_t *j, *e;

	(void)state;
	open = session_made(41, "2026-01-01T09:00", "2031-04-01T18:00", "ecosoc");
	later = session_made(42, "2030-01-01T09:00", "2031-04-01T18:00", "ecosoc");
	closed = session_made(43, "2020-01-01T09:00", "2021-04-01T18:00", "ecosoc");
	unset = session_made(44, NULL, NULL, "ecosoc");
	members = session_made(45, NULL, "2031-04-01T18:00", "members");

	/* 403 naming the rule: not an admin; an organization without the status */
	r = propose(open, bo_tok, proposal(quillon, "Bo's event"));
	STATUS(r, 403);
	HAS(r, "Only an admin of the organization may propose its side events.");
	r = propose(open, cy_tok, proposal(rivet, "Cy's event"));
	STATUS(r, 403);
	HAS(r, "consultative status with the Economic and Social Council");
	r = propose(open, ada_tok, proposal(rivet, "Not hers"));
	STATUS(r, 403);
	/* ... who is eligible where any member organization is */
	j = proposal(rivet, "Cy's event");
	json_object_set_new(j, "co_organizers", json_pack("{s:[I]}", "organizations",
	    (json_int_t)quillon));
	STATUS(propose(members, cy_tok, j), 201);

	/* 409 saying when */
	r = propose(later, ada_tok, proposal(quillon, "Too early"));
	STATUS(r, 409);
	HAS(r, "Proposals of side events for this session open on 1 January 2030, 09:00");
	r = propose(closed, ada_tok, proposal(quillon, "Too late"));
	STATUS(r, 409);
	HAS(r, "Proposals of side events for this session closed on 1 April 2021, 18:00");
	r = propose(unset, ada_tok, proposal(quillon, "No window"));
	STATUS(r, 409);
	HAS(r, "staff have not set when");

	/* 422 naming each field */
	r = propose(open, ada_tok, json_pack("{s:I,s:s,s:s}", "organization_id",
	    (json_int_t)quillon, "format", "by pigeon", "language", "xx"));
	STATUS(r, 422);
	j = ts_jbody(r);
	e = json_object_get(j, "errors");
	assert_non_null(json_object_get(e, "title"));
	assert_non_null(json_object_get(e, "abstract"));
	assert_non_null(json_object_get(e, "format"));
	assert_non_null(json_object_get(e, "language"));
	assert_non_null(json_object_get(e, "preferred_slots"));
	json_decref(j);
	STATUS(propose(open, ada_tok, json_object()), 422);
	/* a slot the session does not offer */
	j = proposal(quillon, "Slot nine");
	json_object_set_new(j, "preferred_slots", json_pack("[i]", 9));
	r = propose(open, ada_tok, j);
	STATUS(r, 422);
	HAS(r, "\"preferred_slots\"");
	/* co-organizers: a government that is no country, an organization
	 * that does not exist */
	j = proposal(quillon, "Bad partners");
	json_object_set_new(j, "co_organizers", json_pack("{s:[s]}", "governments", "XX"));
	STATUS(propose(open, ada_tok, j), 422);
	j = proposal(quillon, "Bad partners");
	json_object_set_new(j, "co_organizers", json_pack("{s:[i]}", "organizations", 999999));
	r = propose(open, ada_tok, j);
	STATUS(r, 422);
	HAS(r, "\"co_organizers\"");

	/* nothing half-written */
	assert_int_equal(total_of(open, staff_tok), 0);
	assert_int_equal(total_of(later, staff_tok), 0);
	assert_int_equal(total_of(closed, staff_tok), 0);

	r = propose(open, ada_tok, proposal(quillon, "Monitoring synthetic drug markets"));
	STATUS(r, 201);
	HAS(r, "\"status\":\"pending\"");
	HAS(r, "\"preferred_slots\":[2,1]");
	HAS(r, "\"name\":\"Rivet Watch\"");
	HAS(r, "\"governments\":[\"AT\"]");
	assert_int_equal(total_of(open, staff_tok), 1);
	assert_int_equal(total_of(open, ada_tok), 1);
	assert_int_equal(total_of(open, bo_tok), 0);
	assert_int_equal(total_of(open, cy_tok), 0);
	STATUS(ta_api("GET", "/api/v1/meetings/999999/side-events", staff_tok, NULL), 404);
	STATUS(propose(999999, ada_tok, proposal(quillon, "No session")), 404);
	STATUS(ta_api("GET", "/api/v1/meetings/1/side-events", NULL, NULL), 401);
}

/* ---- changing and withdrawing -------------------------------------------------- */

static void
test_edit_withdraw(void **state)
{
	const struct ts_res *r;
	int64_t id, sid;
	char path[100];

	(void)state;
	id = session_made(51, NULL, "2031-04-01T18:00", "ecosoc");
	r = propose(id, ada_tok, proposal(quillon, "First title"));
	STATUS(r, 201);
	sid = ta_id_of(r);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/side-events/%lld", (long long)id,
	    (long long)sid);
	/* others do not see it: a member who is no admin, another organization */
	STATUS(ta_api("GET", path, bo_tok, NULL), 404);
	STATUS(ta_api("GET", path, cy_tok, NULL), 404);
	STATUS(ta_api("PATCH", path, cy_tok, json_pack("{s:s}", "title", "Taken over")), 404);
	STATUS(ta_api("DELETE", path, cy_tok, NULL), 404);
	STATUS(ta_api("GET", path, staff_tok, NULL), 200);
	/* staff decide on it, they do not write it */
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "title", "Staff's title")), 403);

	r = ta_api("PATCH", path, ada_tok, json_pack("{s:s,s:[i]}", "title", "Second title",
	    "preferred_slots", 3));
	STATUS(r, 200);
	HAS(r, "\"title\":\"Second title\"");
	HAS(r, "\"preferred_slots\":[3]");
	HAS(r, "\"format\":\"hybrid\"");
	STATUS(ta_api("PATCH", path, ada_tok, json_pack("{s:s}", "title", "")), 422);
	r = ta_api("DELETE", path, ada_tok, NULL);
	STATUS(r, 200);
	HAS(r, "\"status\":\"withdrawn\"");
	r = ta_api("PATCH", path, ada_tok, json_pack("{s:s}", "title", "Third title"));
	STATUS(r, 409);
	HAS(r, "can no longer be changed");
	STATUS(ta_api("DELETE", path, ada_tok, NULL), 409);
	STATUS(decide(id, sid, staff_tok, json_pack("{s:s,s:i}", "decision", "accept",
	    "slot_id", 1)), 409);
}

/* ---- staff decide; mail; history; the programme --------------------------- */

static void
test_decide_and_programme(void **state)
{
	const struct ts_res *r;
	struct ts_mail m;
	int64_t id, s1, s2, s3;
	char path[100];
	json_t *j;

	(void)state;
	id = session_made(61, NULL, "2031-04-01T18:00", "ecosoc");
	s1 = ta_id_of(propose(id, ada_tok, proposal(quillon, "Drug checking, in practice")));
	s2 = ta_id_of(propose(id, ada_tok, proposal(quillon, "Second in slot one")));
	s3 = ta_id_of(propose(id, ada_tok, proposal(quillon, "Declined one")));
	assert_true(s1 > 0 && s2 > 0 && s3 > 0);

	/* bad decisions */
	STATUS(decide(id, s1, staff_tok, json_pack("{s:s}", "decision", "maybe")), 422);
	r = decide(id, s1, staff_tok, json_pack("{s:s}", "decision", "accept"));
	STATUS(r, 422);
	HAS(r, "\"slot_id\"");
	STATUS(decide(id, s1, staff_tok, json_pack("{s:s,s:i}", "decision", "accept", "slot_id",
	    9)), 422);
	r = decide(id, s3, staff_tok, json_pack("{s:s}", "decision", "decline"));
	STATUS(r, 422);
	HAS(r, "\"message\"");
	STATUS(decide(id, s1, staff_tok, json_pack("{s:s}", "decision", "request_changes")), 422);
	STATUS(decide(id, s1, ada_tok, json_pack("{s:s,s:i}", "decision", "accept", "slot_id",
	    1)), 403);

	/* changes asked: mailed; the proposer changes it and it is pending again */
	r = decide(id, s1, staff_tok, json_pack("{s:s,s:s}", "decision", "request_changes",
	    "message", "Please name a government co-sponsor."));
	STATUS(r, 200);
	HAS(r, "\"status\":\"changes_requested\"");
	assert_int_equal(ts_mail_wait(&sink, "ada@quillon-se.example", 10000, &m), 0);
	assert_non_null(strstr(m.body, "Staff ask for changes"));
	assert_non_null(strstr(m.body, "Please name a government co-sponsor."));
	ts_mail_free(&m);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/side-events/%lld", (long long)id,
	    (long long)s1);
	r = ta_api("PATCH", path, ada_tok, json_pack("{s:{s:[s,s]}}", "co_organizers",
	    "governments", "AT", "KE"));
	STATUS(r, 200);
	HAS(r, "\"status\":\"pending\"");

	/* accepted into slot 1; a second into slot 1 is refused naming the first */
	r = decide(id, s1, staff_tok, json_pack("{s:s,s:i}", "decision", "accept", "slot_id", 1));
	STATUS(r, 200);
	HAS(r, "\"status\":\"accepted\"");
	HAS(r, "\"slot_id\":1");
	HAS(r, "\"room\":\"Room M3\"");
	r = decide(id, s2, staff_tok, json_pack("{s:s,s:i}", "decision", "accept", "slot_id", 1));
	STATUS(r, 409);
	HAS(r, "This slot has an accepted side event already");
	STATUS(decide(id, s2, staff_tok, json_pack("{s:s,s:i}", "decision", "accept", "slot_id",
	    2)), 200);
	r = decide(id, s3, staff_tok, json_pack("{s:s,s:s}", "decision", "decline", "message",
	    "The programme is full."));
	STATUS(r, 200);
	/* decided once */
	r = decide(id, s3, staff_tok, json_pack("{s:s,s:s}", "decision", "decline", "message",
	    "Again."));
	STATUS(r, 409);
	HAS(r, "decided or withdrawn already");

	/* each decision mailed to the organization's admins, in whatever
	 * order the mail workers deliver them */
	{
		int k, slot1 = 0, declined = 0;

		for (k = 0; k < 3; k++) {
			assert_int_equal(ts_mail_wait(&sink, "ada@quillon-se.example", 10000, &m),
			    0);
			slot1 += strstr(m.body, "is accepted") &&
			    strstr(m.body, "19 May 2031, 13:15");
			declined += strstr(m.body, "is declined") &&
			    strstr(m.body, "The programme is full.");
			ts_mail_free(&m);
		}
		assert_int_equal(slot1, 1);
		assert_int_equal(declined, 1);
	}

	/* the organization's history */
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/history", (long long)quillon);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "meeting.side_event_proposed");
	HAS(r, "meeting.side_event_changes_requested");
	HAS(r, "meeting.side_event_accepted");
	HAS(r, "meeting.side_event_declined");

	/* a slot with an accepted side event stays */
	snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)id);
	r = ta_api("PATCH", path, staff_tok, json_pack("{s:[{s:i,s:s,s:s,s:s}]}",
	    "side_event_slots", "id", 2, "start", "2031-05-20T13:15", "end", "2031-05-20T14:30",
	    "room", "Room C3; Board, B"));
	STATUS(r, 422);
	HAS(r, "cannot be removed");

	/* the public programme: a visitor sees the accepted ones, by slot */
	snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)id);
	r = ta_api("GET", path, NULL, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_int_equal(json_array_size(json_object_get(j, "programme")), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j,
	    "programme"), 0), "title")), "Drug checking, in practice");
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j,
	    "programme"), 1), "start")), "2031-05-20T13:15:00+02:00");
	json_decref(j);
	LACKS(r, "Declined one");
	/* a focal point and a member of another organization: the programme,
	 * none of the proposals */
	r = ta_api("GET", path, fo_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Drug checking, in practice");
	assert_int_equal(total_of(id, fo_tok), 0);
	assert_int_equal(total_of(id, cy_tok), 0);
	STATUS(propose(id, fo_tok, proposal(quillon, "A focal point's")), 403);
	snprintf(path, sizeof path, "/meetings/%lld", (long long)id);
	r = ts_get(plain, path);
	STATUS(r, 200);
	HAS(r, "Drug checking, in practice");
	HAS(r, "Organized by Quillon Training Trust");
	HAS(r, "19 May 2031");

	/* and as iCalendar, as the events' calendars are written */
	snprintf(path, sizeof path, "/meetings/%lld/programme.ics", (long long)id);
	r = ts_get(plain, path);
	STATUS(r, 200);
	assert_non_null(strstr(ts_header(r, "Content-Type"), "text/calendar"));
	HAS(r, "BEGIN:VCALENDAR\r\n");
	HAS(r, "BEGIN:VTIMEZONE\r\nTZID:Europe/Vienna\r\n");
	HAS(r, "DTSTART;TZID=Europe/Vienna:20310519T131500\r\n");
	HAS(r, "DTEND;TZID=Europe/Vienna:20310520T143000\r\n");
	HAS(r, "SUMMARY:Drug checking\\, in practice (Quillon Training Trust)\r\n");
	HAS(r, "LOCATION:Room C3\\; Board\\, B\\, Vienna International Centre\r\n");
	HAS(r, "DTSTAMP:");
	{
		char uid[80];

		snprintf(uid, sizeof uid, "UID:side-event-%lld@", (long long)s1);
		HAS(r, uid);
	}
	LACKS(r, "Declined one");
	STATUS(ts_get(plain, "/meetings/999999/programme.ics"), 404);
}

/* ---- the open opportunities ------------------------------------------------------ */

static int
offered(const char *tok, int64_t id)
{
	const struct ts_res *r = ta_api("GET", "/api/v1/opportunities?per_page=100", tok, NULL);
	json_t *j, *x;
	size_t i;
	int found = 0;

	STATUS(r, 200);
	j = ts_jbody(r);
	json_array_foreach(json_object_get(j, "items"), i, x)
		if (strcmp(json_string_value(json_object_get(x, "type")), "side_event") == 0 &&
		    json_integer_value(json_object_get(x, "id")) == id) {
			assert_string_equal(json_string_value(json_object_get(x, "action")),
			    "propose");
			found = 1;
		}
	json_decref(j);
	return found;
}

static void
test_opportunities(void **state)
{
	int64_t id = session_made(71, "2026-01-01T09:00", "2031-04-01T18:00", "ecosoc");
	int64_t later = session_made(72, "2030-01-01T09:00", "2031-04-01T18:00", "ecosoc");
	const struct ts_res *r;
	struct ts_browser *b;

	(void)state;
	assert_true(offered(ada_tok, id));
	assert_false(offered(ada_tok, later));
	assert_false(offered(bo_tok, id));
	assert_false(offered(cy_tok, id));
	b = ts_signed_in(&srv, NULL, "ada@quillon-se.example", PW);
	assert_non_null(b);
	r = ts_get(b, "/opportunities");
	STATUS(r, 200);
	HAS(r, "Side events of a session");
	HAS(r, "Propose a side event");
	ts_browser_free(b);
}

/* ---- the page's form ------------------------------------------------------------- */

static void
test_page_form(void **state)
{
	struct ts_browser *ada = ts_signed_in(&srv, NULL, "ada@quillon-se.example", PW);
	struct ts_browser *cy = ts_signed_in(&srv, NULL, "cy@rivet-se.example", PW);
	const struct ts_res *r;
	char path[80], form[80], org[24];
	int64_t id;

	(void)state;
	assert_non_null(ada);
	assert_non_null(cy);
	id = session_made(81, NULL, "2031-04-01T18:00", "ecosoc");
	snprintf(path, sizeof path, "/meetings/%lld", (long long)id);
	snprintf(form, sizeof form, "/meetings/%lld/side-events/new", (long long)id);
	snprintf(org, sizeof org, "%lld", (long long)quillon);
	r = ts_get(ada, path);
	STATUS(r, 200);
	HAS(r, "Propose a side event");
	r = ts_get(cy, path);
	LACKS(r, "/side-events/new\"");
	r = ts_get(cy, form);
	STATUS(r, 200);
	HAS(r, "None of your organizations may propose");
	LACKS(r, "name=\"abstract\"");

	r = ts_get(ada, form);
	STATUS(r, 200);
	HAS(r, "name=\"abstract\"");
	HAS(r, "Room M3");
	/* a mistake: the form again, the message by the field, the rest kept */
	r = ts_form(ada, form, "organization_id", org, "title", "Kept title", "abstract", "short",
	    "format", "online", "language", "fr", "co_others", "Kept Partner", "preferred_1", "2",
	    NULL);
	STATUS(r, 422);
	HAS(r, "id=\"se-e-abstract\"");
	HAS(r, "value=\"Kept title\"");
	HAS(r, "Kept Partner");
	HAS(r, "value=\"online\" checked");
	HAS(r, "value=\"fr\" selected");
	r = ts_form(ada, form, "organization_id", org, "title", "Right title", "abstract",
	    "An abstract long enough to be one.", "format", "online", "language", "fr",
	    "co_governments", "AT, KE", "preferred_1", "2", "preferred_2", "3", NULL);
	STATUS(r, 303);
	r = ts_get(ada, path);
	HAS(r, "Right title (Quillon Training Trust): waiting for staff");
	HAS(r, "Change or withdraw");
	ts_browser_free(ada);
	ts_browser_free(cy);
}

/* ---- staff's page -------------------------------------------------------------- */

static void
test_staff_page(void **state)
{
	struct ts_browser *staff = ts_signed_in(&srv, NULL, "sam.staff@side-events.test", PW);
	const struct ts_res *r;
	char path[100], sid[24];
	int64_t id, s1, s2;

	(void)state;
	assert_non_null(staff);
	id = session_made(91, NULL, "2031-04-01T18:00", "ecosoc");
	s1 = ta_id_of(propose(id, ada_tok, proposal(quillon, "=Formula, \"quoted\"")));
	s2 = ta_id_of(propose(id, ada_tok, proposal(quillon, "Another proposal")));
	snprintf(path, sizeof path, "/staff/meetings/%lld/side-events", (long long)id);
	r = ts_get(staff, path);
	STATUS(r, 200);
	HAS(r, "Another proposal");
	HAS(r, "Rivet Watch, University of Vienna, Government of Austria");
	snprintf(sid, sizeof sid, "%lld", (long long)s2);
	r = ts_form(staff, path, "sid", sid, "decision", "accept", "slot_id", "2", "message", "",
	    NULL);
	STATUS(r, 200);
	HAS(r, "Another proposal: accepted");
	r = ts_form(staff, path, "sid", sid, "decision", "decline", "slot_id", "2", "message",
	    "Too late", NULL);
	STATUS(r, 409);
	HAS(r, "decided or withdrawn already");
	snprintf(sid, sizeof sid, "%lld", (long long)s1);
	r = ts_form(staff, path, "sid", sid, "decision", "accept", "slot_id", "2", "message", "",
	    NULL);
	STATUS(r, 409);
	HAS(r, "This slot has an accepted side event already");
	r = ts_form(staff, path, "sid", sid, "decision", "decline", "slot_id", "2", "message", "",
	    NULL);
	STATUS(r, 422);
	snprintf(path, sizeof path, "/staff/meetings/%lld/side-events?status=accepted",
	    (long long)id);
	r = ts_get(staff, path);
	HAS(r, "Another proposal");
	LACKS(r, "quoted");

	snprintf(path, sizeof path, "/staff/meetings/%lld/side-events.csv", (long long)id);
	r = ts_get(staff, path);
	STATUS(r, 200);
	assert_non_null(strstr(ts_header(r, "Content-Type"), "text/csv"));
	HAS(r, "id,organization,title,format,language,co_organizers,preferred_slots,status,"
	    "slot_start,slot_end,room,message,created_at\r\n");
	HAS(r, ",Quillon Training Trust,\"'=Formula, \"\"quoted\"\"\",hybrid,en,");
	HAS(r, ",accepted,2031-05-20T13:15:00+02:00,2031-05-20T14:30:00+02:00,");
	STATUS(ts_get(plain, path), 303);
	{
		struct ts_browser *ada = ts_signed_in(&srv, NULL, "ada@quillon-se.example", PW);

		STATUS(ts_get(ada, path), 403);
		ts_browser_free(ada);
	}
	ts_browser_free(staff);
}

/* ---- set-up ---------------------------------------------------------------- */

static int
setup(void **state)
{
	struct ts_browser *staff;
	int64_t ada, cy;
	char path[80];

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	ta_accounts(db_url, PW);
	quillon = ts_org_import(db_url, "Quillon Training Trust", "KE", "info@quillon-se.example",
	    NULL);
	rivet = ts_org_import(db_url, "Rivet Watch", "UG", "info@rivet-se.example", NULL);
	if (quillon <= 0 || rivet <= 0)
		return -1;
	ta_account("sam.staff@side-events.test", "staff", 0, staff_tok, NULL);
	ta_account("ada@quillon-se.example", "member", quillon, ada_tok, &ada);
	ta_account("bo@quillon-se.example", "member", quillon, bo_tok, NULL);
	ta_account("cy@rivet-se.example", "member", rivet, cy_tok, &cy);
	ta_account("fo@gov-se.example", "focal", 0, fo_tok, NULL);
	staff = ts_signed_in(&srv, NULL, "sam.staff@side-events.test", PW);
	if (!staff || ts_org_admin(staff, quillon, ada) != 0 || ts_org_admin(staff, rivet, cy) != 0)
		return -1;
	ts_browser_free(staff);
	snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)quillon);
	if (ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "ecosoc_status",
	    "special"))->status != 200)
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
		cmocka_unit_test(test_session_slots),
		cmocka_unit_test(test_staff_form),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_edit_withdraw),
		cmocka_unit_test(test_decide_and_programme),
		cmocka_unit_test(test_opportunities),
		cmocka_unit_test(test_page_form),
		cmocka_unit_test(test_staff_page),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("meetings_side_events", tests, setup, teardown);
}
