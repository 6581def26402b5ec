/*
 * meetings_slots_test.c -- a session's side-event slots and its public
 * programme (issue 16's follow-ups).
 *
 * A slot that holds an accepted side event is neither removed nor moved,
 * by any path: the API's PATCH sending the slots without it, with it under
 * a new id (no id), with its times changed, with the session's time zone
 * or dates changed under it, with the slots null; and the staff form doing
 * the same; and staff removing a slot while another accepts a side event
 * into it (the path that lost one: the decision read the slots before its
 * transaction).  Each is a 422 naming the side event, and the programme
 * still has it where it was.  Its room may change.
 *
 * An accepted side event of an organization later suspended or rejected
 * leaves the public programme (the session's page, its JSON twin, the .ics
 * feed) while the organization is so, and comes back when it is approved
 * again: a rule of reading, nothing written.
 *
 * The database is $WHATSON_TEST_DB (tests/http/run.t runs this program on
 * SQLite and on PostgreSQL), fresh.
 */
#include <pthread.h>
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
#include "lib/sqldirect.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain, *staff_web;

#define STAFF "sam.staff@meetings-slots.test"
#define ADA "ada@ossel-slots.example"
#define MO "mo@pernit-slots.example"

static char staff_tok[129], ada_tok[129], mo_tok[129];
static int64_t ossel, pernit;
static int64_t s_id;		/* the session: three slots, Ossel's event in 2, Pernit's in 3 */
static int64_t se_ossel, se_pernit;

/* ---- helpers ------------------------------------------------------------ */

static const struct ts_res *
get(const char *path, const char *token)
{
	char auth[200];
	const char *h[2] = { NULL, NULL };

	if (token) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
		h[0] = auth;
	}
	return ts_req(plain, "GET", path, h, NULL, 0);
}

static void
org_status(int64_t org, const char *status)
{
	char path[128];

	snprintf(path, sizeof path, "/organizations/%lld/status", (long long)org);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s}", "status", status)), 303);
}

/* The three slots as created, slot 2's start and room given. */
static json_t *
slots(const char *start2, const char *room2)
{
	return json_pack("[{s:i,s:s,s:s,s:s},{s:i,s:s,s:s,s:s},{s:i,s:s,s:s,s:s}]",
	    "id", 1, "start", "2031-05-19T13:15", "end", "2031-05-19T14:30", "room", "Room M3",
	    "id", 2, "start", start2, "end", "2031-05-20T14:30", "room", room2,
	    "id", 3, "start", "2031-05-21T08:00", "end", "2031-05-21T09:00", "room", "Online");
}

static int64_t proposed_only(int64_t sess, int64_t org, const char *tok, const char *title,
    int slot);

static int64_t
proposed(int64_t org, const char *tok, const char *title, int slot)
{
	char path[120];
	int64_t sid = proposed_only(s_id, org, tok, title, slot);

	snprintf(path, sizeof path, "/api/v1/meetings/%lld/side-events/%lld/decision",
	    (long long)s_id, (long long)sid);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s,s:i}", "decision", "accept",
	    "slot_id", slot)), 200);
	return sid;
}

/* A proposal of org's admin (tok) preferring slot, pending; its id. */
static int64_t
proposed_only(int64_t sess, int64_t org, const char *tok, const char *title, int slot)
{
	char path[80];
	const struct ts_res *r;
	json_t *j;
	int64_t sid;

	snprintf(path, sizeof path, "/api/v1/meetings/%lld/side-events", (long long)sess);
	r = ta_api("POST", path, tok, json_pack("{s:I,s:s,s:s,s:s,s:s,s:[i]}", "organization_id",
	    (json_int_t)org, "title", title, "abstract", "How community monitors track "
	    "synthetic drug markets, and what they found.", "format", "hybrid", "language",
	    "en", "preferred_slots", slot));
	STATUS(r, 201);
	j = ts_jbody(r);
	sid = ta_num(j, "id");
	json_decref(j);
	return sid;
}

/* The session's programme as tok reads it from the JSON twin: the number
 * of side events, and whether the one titled title is in slot slot at
 * start (NULL: any). */
static size_t
programme(const char *tok, const char *title, int slot, const char *start, int *found)
{
	char path[80];
	const struct ts_res *r;
	json_t *j, *p;
	size_t i, n;

	snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)s_id);
	r = ta_api("GET", path, tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	*found = 0;
	n = json_array_size(json_object_get(j, "programme"));
	json_array_foreach(json_object_get(j, "programme"), i, p)
		if (strcmp(json_string_value(json_object_get(p, "title")), title) == 0 &&
		    ta_num(p, "slot_id") == slot && (!start || strncmp(json_string_value(
		    json_object_get(p, "start")), start, strlen(start)) == 0))
			*found = 1;
	json_decref(j);
	return n;
}

/* Ossel's event is still in slot 2 at 13:15 on 20 May, Pernit's in 3. */
static void
programme_whole(void)
{
	int found;

	assert_int_equal(programme(NULL, "Ossel slot event", 2, "2031-05-20T13:15", &found), 2);
	assert_true(found);
	(void)programme(NULL, "Pernit slot event", 3, "2031-05-21T08:00", &found);
	assert_true(found);
}

/* A PATCH of the session with body b: a 422 whose side_event_slots error
 * names Ossel's side event. */
static void
refused(json_t *b, const char *why)
{
	char path[80];
	const struct ts_res *r;
	json_t *j;
	const char *msg;

	printf("# %s\n", why);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)s_id);
	r = ta_api("PATCH", path, staff_tok, b);
	STATUS(r, 422);
	j = ts_jbody(r);
	msg = json_string_value(json_object_get(json_object_get(j, "errors"),
	    "side_event_slots"));
	assert_non_null(msg);
	assert_non_null(strstr(msg, "Ossel slot event"));
	json_decref(j);
	programme_whole();
}

/* A published session of body cnd numbered number with the three slots
 * and an open window for proposals; its id. */
static int64_t
session_made(int number, const char *title)
{
	const struct ts_res *r = ta_api("POST", "/api/v1/meetings", staff_tok, json_pack(
	    "{s:s,s:i,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:s,s:s}", "body", "cnd", "number",
	    number, "title", title, "timezone", "Europe/Vienna", "start", "2031-05-19T10:00",
	    "end", "2031-05-23T18:00", "status", "published", "visibility", "public", "venue",
	    "Vienna International Centre", "eligibility", "members", "side_event_slots",
	    slots("2031-05-20T13:15", "Room C3"), "side_events_opens", "2026-01-01T09:00",
	    "side_events_closes", "2031-04-01T18:00"));
	json_t *j;
	int64_t id;

	STATUS(r, 201);
	j = ts_jbody(r);
	id = ta_num(j, "id");
	json_decref(j);
	return id;
}

/* ---- a slot that holds an accepted side event ---------------------------- */

/* Every way the API has of removing or moving slot 2: 422, nothing moved. */
static void
test_api_paths(void **state)
{
	char path[80];
	json_t *s, *b;
	const struct ts_res *r;

	(void)state;
	programme_whole();
	/* slot 2 left out */
	s = slots("2031-05-20T13:15", "Room C3");
	json_array_remove(s, 1);
	refused(json_pack("{s:o}", "side_event_slots", s), "left out");
	/* slot 2 sent without its id: a new slot, the old one gone */
	s = slots("2031-05-20T13:15", "Room C3");
	json_object_del(json_array_get(s, 1), "id");
	refused(json_pack("{s:o}", "side_event_slots", s), "without its id");
	/* slot 2 under another id */
	s = slots("2031-05-20T13:15", "Room C3");
	json_object_set_new(json_array_get(s, 1), "id", json_integer(7));
	refused(json_pack("{s:o}", "side_event_slots", s), "under another id");
	/* slot 2 moved an hour */
	refused(json_pack("{s:o}", "side_event_slots", slots("2031-05-20T12:15", "Room C3")),
	    "moved");
	/* its end moved */
	s = slots("2031-05-20T13:15", "Room C3");
	json_object_set_new(json_array_get(s, 1), "end", json_string("2031-05-20T15:30"));
	refused(json_pack("{s:o}", "side_event_slots", s), "its end moved");
	/* the slots null, or none */
	refused(json_pack("{s:n}", "side_event_slots"), "null");
	refused(json_pack("{s:[]}", "side_event_slots"), "none");
	/* the session's zone changed with the slots sent in local time: they move */
	refused(json_pack("{s:s,s:o}", "timezone", "Europe/London", "side_event_slots",
	    slots("2031-05-20T13:15", "Room C3")), "zone changed, slots local");
	/* the session's dates moved so that slot 2 falls outside them */
	b = json_pack("{s:s,s:s}", "start", "2031-05-21T07:00", "end", "2031-05-23T18:00");
	snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)s_id);
	r = ta_api("PATCH", path, staff_tok, b);
	STATUS(r, 422);
	programme_whole();
	/* what stays allowed: the room of slot 2, a slot added, an empty slot removed */
	s = slots("2031-05-20T13:15", "Room C4");
	json_array_append_new(s, json_pack("{s:s,s:s,s:s}", "start", "2031-05-22T13:15", "end",
	    "2031-05-22T14:30", "room", "Room B"));
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:o}", "side_event_slots", s)), 200);
	s = slots("2031-05-20T13:15", "Room C3");
	json_array_remove(s, 0);
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:o}", "side_event_slots", s)), 200);
	/* and a PATCH that leaves the slots alone keeps them */
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "title",
	    "Slot session, renamed")), 200);
	programme_whole();
	/* back as it was */
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:o}", "side_event_slots",
	    slots("2031-05-20T13:15", "Room C3"))), 200);
	programme_whole();
}

/* The staff form: slot 2's row emptied, its id dropped, its start moved:
 * the form comes back (422) naming the side event, with what was typed. */
static void
test_form_paths(void **state)
{
	char path[80];
	const struct ts_res *r;
	static const struct {
		const char *why, *id2, *start2;
	} tries[] = {
		{ "row emptied", "2", "" },
		{ "id dropped", "", "2031-05-20T13:15" },
		{ "moved", "2", "2031-05-20T11:45" },
	};
	size_t k;

	(void)state;
	snprintf(path, sizeof path, "/staff/meetings/%lld/edit", (long long)s_id);
	for (k = 0; k < sizeof tries / sizeof tries[0]; k++) {
		const char *room2 = *tries[k].start2 ? "Room C3" : "";
		const char *end2 = *tries[k].start2 ? "2031-05-20T14:30" : "";

		printf("# form: %s\n", tries[k].why);
		STATUS(ts_get(staff_web, path), 200);
		r = ts_form(staff_web, path, "body", "cnd", "number", "71", "title",
		    "Slot session", "timezone", "Europe/Vienna", "start", "2031-05-19T10:00",
		    "end", "2031-05-23T18:00", "status", "published", "visibility", "public",
		    "venue", "Vienna International Centre", "eligibility", "members",
		    "side_events_opens", "2026-01-01T09:00", "side_events_closes",
		    "2031-04-01T18:00",
		    "slot.1.id", "1", "slot.1.start", "2031-05-19T13:15", "slot.1.end",
		    "2031-05-19T14:30", "slot.1.room", "Room M3",
		    "slot.2.id", tries[k].id2, "slot.2.start", tries[k].start2, "slot.2.end", end2,
		    "slot.2.room", room2,
		    "slot.3.id", "3", "slot.3.start", "2031-05-21T08:00", "slot.3.end",
		    "2031-05-21T09:00", "slot.3.room", "Online", (char *)NULL);
		STATUS(r, 422);
		HAS(r, "Ossel slot event");
		HAS(r, "Vienna International Centre");
		programme_whole();
	}
}

/* ---- two at once -------------------------------------------------------------- */

static pthread_barrier_t race_gate;

struct racer {
	struct ts_browser *b;
	const char *method, *tok;
	char path[120];
	json_t *body;		/* consumed */
	long status;
};

static void *
racer_run(void *arg)
{
	struct racer *x = arg;
	const struct ts_res *r;

	pthread_barrier_wait(&race_gate);
	r = ts_call(x->b, x->method, x->path, x->tok, x->body);
	x->status = r->status;
	return NULL;
}

/*
 * Staff removing slot 1 while another of staff accepts a side event into
 * it, five times over: never both (the accepted side event would be in a
 * slot the session no longer has, out of the programme without a word);
 * the one that comes second is a 422.
 */
static void
test_remove_accept_race(void **state)
{
	int round;

	(void)state;
	for (round = 0; round < 5; round++) {
		struct racer x[2];
		pthread_t t[2];
		char path[120];
		json_t *s, *j;
		int64_t sess = session_made(80 + round, "Race session");
		int64_t sid = proposed_only(sess, ossel, ada_tok, "Ossel race event", 1);
		int k;

		memset(x, 0, sizeof x);
		x[0].method = "PATCH";
		x[0].tok = staff_tok;
		snprintf(x[0].path, sizeof x[0].path, "/api/v1/meetings/%lld", (long long)sess);
		s = slots("2031-05-20T13:15", "Room C3");
		json_array_remove(s, 0);
		x[0].body = json_pack("{s:o}", "side_event_slots", s);
		x[1].method = "POST";
		x[1].tok = staff_tok;
		snprintf(x[1].path, sizeof x[1].path,
		    "/api/v1/meetings/%lld/side-events/%lld/decision", (long long)sess,
		    (long long)sid);
		x[1].body = json_pack("{s:s,s:i}", "decision", "accept", "slot_id", 1);
		assert_int_equal(pthread_barrier_init(&race_gate, NULL, 2), 0);
		for (k = 0; k < 2; k++) {
			x[k].b = ts_browser_new(&srv, NULL);
			assert_int_equal(pthread_create(&t[k], NULL, racer_run, &x[k]), 0);
		}
		for (k = 0; k < 2; k++) {
			pthread_join(t[k], NULL);
			ts_browser_free(x[k].b);
		}
		pthread_barrier_destroy(&race_gate);
		printf("# round %d: remove %ld, accept %ld\n", round, x[0].status, x[1].status);
		assert_true((x[0].status == 200 && x[1].status == 422) ||
		    (x[0].status == 422 && x[1].status == 200));
		/* the programme has it when it was accepted, in slot 1 */
		snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)sess);
		j = ts_jbody(ta_api("GET", path, NULL, NULL));
		assert_int_equal(json_array_size(json_object_get(j, "programme")),
		    x[1].status == 200 ? 1 : 0);
		assert_int_equal(json_array_size(json_object_get(j, "side_event_slots")),
		    x[1].status == 200 ? 3 : 2);
		json_decref(j);
	}
}

/* ---- the programme and suspended organizations ---------------------------- */

/* The programme as a visitor, a member and staff read it: the page, its
 * twin and the .ics feed; Pernit's side event shown or not. */
static void
pernit_shown(int shown)
{
	char path[80];
	const struct ts_res *r;
	const char *toks[] = { NULL, ada_tok, staff_tok };
	size_t k;
	int found;

	for (k = 0; k < 3; k++) {
		assert_int_equal(programme(toks[k], "Pernit slot event", 3, NULL, &found),
		    shown ? 2 : 1);
		assert_int_equal(found, shown);
		snprintf(path, sizeof path, "/meetings/%lld", (long long)s_id);
		r = get(path, toks[k]);
		STATUS(r, 200);
		HAS(r, "Ossel slot event");
		if (shown)
			HAS(r, "Pernit slot event");
		else
			LACKS(r, "Pernit slot event");
		snprintf(path, sizeof path, "/meetings/%lld/programme.ics", (long long)s_id);
		r = get(path, toks[k]);
		STATUS(r, 200);
		HAS(r, "Ossel slot event");
		if (shown)
			HAS(r, "Pernit slot event");
		else
			LACKS(r, "Pernit slot event");
	}
}

/* Pernit suspended: its side event leaves the programme; approved again,
 * it is back in its slot; rejected, gone again; nothing was written (the
 * side event is still accepted, in slot 3, and staff see it so). */
static void
test_suspended_organization(void **state)
{
	char path[120];
	const struct ts_res *r;
	json_t *j;

	(void)state;
	pernit_shown(1);
	org_status(pernit, "suspended");
	pernit_shown(0);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/side-events/%lld", (long long)s_id,
	    (long long)se_pernit);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "accepted");
	assert_int_equal(ta_num(j, "slot_id"), 3);
	json_decref(j);
	/* its slot stays held while it is out of the programme */
	snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)s_id);
	r = ta_api("PATCH", path, staff_tok, json_pack("{s:[{s:i,s:s,s:s,s:s},{s:i,s:s,s:s,s:s}]}",
	    "side_event_slots", "id", 1, "start", "2031-05-19T13:15", "end", "2031-05-19T14:30",
	    "room", "Room M3", "id", 2, "start", "2031-05-20T13:15", "end", "2031-05-20T14:30",
	    "room", "Room C3"));
	STATUS(r, 422);
	HAS(r, "Pernit slot event");
	org_status(pernit, "approved");
	pernit_shown(1);
	/* rejected (no route turns an approved organization rejected; the
	 * store may hold one, from before) */
	ts_sql_int("UPDATE organizations SET status = 'rejected' WHERE id = %lld",
	    (long long)pernit);
	pernit_shown(0);
	ts_sql_int("UPDATE organizations SET status = 'approved' WHERE id = %lld",
	    (long long)pernit);
	pernit_shown(1);
}

/* ---- setup -------------------------------------------------------------- */

static int
setup(void **state)
{
	int64_t ada_id, mo_id;
	const struct ts_res *r;
	json_t *j;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	ta_accounts(db_url, PW);
	staff_web = ts_browser_new(&srv, NULL);
	ossel = ts_org_import(db_url, "Ossel Slot Trust", "KE", "info@ossel-slots.example", NULL);
	pernit = ts_org_import(db_url, "Pernit Slot Watch", "UG", "info@pernit-slots.example",
	    NULL);
	if (ossel <= 0 || pernit <= 0)
		return -1;
	ta_account(STAFF, "staff", 0, staff_tok, NULL);
	ta_account(ADA, "member", ossel, ada_tok, &ada_id);
	ta_account(MO, "member", pernit, mo_tok, &mo_id);
	ta_org_admin(staff_tok, ossel, ada_id, "1");
	ta_org_admin(staff_tok, pernit, mo_id, "1");
	if (ts_signin(staff_web, STAFF, PW) != 303)
		return -1;
	r = ta_api("POST", "/api/v1/meetings", staff_tok, json_pack("{s:s,s:i,s:s,s:s,s:s,s:s,"
	    "s:s,s:s,s:s,s:s,s:o,s:s,s:s}", "body", "cnd", "number", 71, "title", "Slot session",
	    "timezone", "Europe/Vienna", "start", "2031-05-19T10:00", "end", "2031-05-23T18:00",
	    "status", "published", "visibility", "public", "venue",
	    "Vienna International Centre", "eligibility", "members", "side_event_slots",
	    slots("2031-05-20T13:15", "Room C3"), "side_events_opens", "2026-01-01T09:00",
	    "side_events_closes", "2031-04-01T18:00"));
	if (r->status != 201)
		return -1;
	j = ts_jbody(r);
	s_id = ta_num(j, "id");
	json_decref(j);
	se_ossel = proposed(ossel, ada_tok, "Ossel slot event", 2);
	se_pernit = proposed(pernit, mo_tok, "Pernit slot event", 3);
	ts_db_open(db_url);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ts_browser_free(plain);
	ts_browser_free(staff_web);
	ts_db_close();
	ts_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_api_paths),
		cmocka_unit_test(test_form_paths),
		cmocka_unit_test(test_remove_accept_race),
		cmocka_unit_test(test_suspended_organization),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests_name("meetings_slots", tests, setup, teardown);
}
