/*
 * meetings_attack2_test.c -- the second attack round on intergovernmental
 * meetings (issue 16): side events and requests to speak.
 *
 * Who tries: a visitor; an admin whose address is not confirmed; an
 * account with no organization; a member who is not an admin; another
 * organization's admin, and one named as co-organizer; an admin demoted
 * after proposing and requesting; the admin of an organization suspended
 * after it proposed and requested; a focal point; and staff where only
 * admins may act (and admins where only staff may).  What they try: reading,
 * changing or withdrawing someone else's side events and requests to
 * speak (by id, PATCH, DELETE, through the pages), decisions with ids of
 * another session and slots the session does not offer; the programme and
 * the .ics feed of a draft session; two accepts into one slot at once and
 * two requests of one organization on one item at once; hostile input
 * (CRLF and control characters in titles, HTML in abstracts) in the .ics
 * feed, the pages and staff's CSV; oversized input; staff's allocation
 * by two at once; the windows' edges on the test clock; forms without
 * their CSRF token; methods a route does not take.
 *
 * Holes found and closed here: the admin of a suspended organization still
 * listed, read, changed and withdrew its side events and requests to
 * speak (the nominations' rule, meetings_attack_test: who no longer acts
 * for an organization sees none of its applications); a request on a
 * published list that staff put back to pending could be renamed by its
 * organization, and the public list showed the new speaker unpublished,
 * and a withdrawn one stayed on it for good; two of staff allocating at
 * once passed an item's minutes between them (12 of 10); an admin whose
 * address was not confirmed proposed, asked and changed (the calls'
 * rule: an address nobody confirmed keeps nothing).  Hidden means 404;
 * nothing answers 500.
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
#include <time.h>

#include <cmocka.h>

#include "lib/api.h"
#include "lib/people.h"
#include "lib/sqldirect.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

#define STAFF "sam.staff@meetings-attack2.test"
#define ADA "ada@quillon-sa.example"
#define REX "rex@quillon-sa.example"
#define BO "bo@quillon-sa.example"
#define MO "mo@meridian-sa.example"
#define SUE "sue@sable-sa.example"
#define NIA "nia@nowhere-sa.example"
#define FE "fe@interior-sa.go.ke"

/* Sam staff; Ada and Rex admins of Quillon (Rex demoted after he proposed
 * and requested); Bo of Quillon, no admin; Mo admin of Meridian; Sue
 * admin of Sable (suspended after she proposed and requested); Nia with
 * no organization; Fe a focal point. */
static char staff_tok[129], ada_tok[129], rex_tok[129], bo_tok[129], mo_tok[129],
    sue_tok[129], nia_tok[129], fe_tok[129];
static int64_t quillon, meridian, sable;

/* Kestrel: published, both windows open; Tourmalix: a draft with both
 * open.  Side events and requests to speak of Ada, Rex, Mo and Sue to
 * Kestrel; Mo's to Tourmalix. */
static int64_t s_open, s_draft;
static int64_t se_ada, se_rex, se_mo, se_sue, se_draft;
static int64_t rq_ada, rq_rex, rq_mo, rq_sue;

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

/* A session of body cnd numbered number in status with three side-event
 * slots and an agenda (item 3: 10 minutes for statements, item 4: 6),
 * both windows open; its id. */
static int64_t
session_made(int number, const char *title, const char *status)
{
	json_t *b = json_pack("{s:s,s:i,s:s,s:s,s:s,s:s,s:s,s:s,s:s,"
	    "s:[{s:s,s:s,s:s},{s:s,s:s,s:s},{s:s,s:s,s:s}],"
	    "s:[{s:s,s:s,s:b,s:i},{s:s,s:s,s:b,s:i}],s:s,s:s,s:s,s:s}",
	    "body", "cnd", "number", number, "title", title, "timezone", "Europe/Vienna",
	    "start", "2031-05-19T10:00", "end", "2031-05-23T18:00", "status", status,
	    "venue", "Vienna International Centre", "eligibility", "members",
	    "side_event_slots",
	    "start", "2031-05-19T13:15", "end", "2031-05-19T14:30", "room", "Room M3",
	    "start", "2031-05-20T13:15", "end", "2031-05-20T14:30", "room", "Room C3",
	    "start", "2031-05-21T08:00", "end", "2031-05-21T09:00", "room", "Online",
	    "agenda", "number", "3", "title", "Thematic discussion", "statements", 1, "minutes", 10,
	    "number", "4", "title", "Other matters", "statements", 1, "minutes", 6,
	    "side_events_opens", "2026-01-01T09:00", "side_events_closes", "2031-04-01T18:00",
	    "speaking_opens", "2026-01-01T09:00", "speaking_closes", "2031-05-19T09:00");
	const struct ts_res *r = ta_api("POST", "/api/v1/meetings", staff_tok, b);
	json_t *j;
	int64_t id;

	STATUS(r, 201);
	j = ts_jbody(r);
	id = ta_num(j, "id");
	json_decref(j);
	assert_true(id > 0);
	return id;
}

/* A proposal of org titled title whose abstract starts with abstract
 * (followed by a sentence long enough for the rule). */
static json_t *
proposal(int64_t org, const char *title, const char *abstract)
{
	static char text[80000];

	snprintf(text, sizeof text, "%s How community monitors track synthetic drug markets, "
	    "and what they found.", abstract);
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:[i]}", "organization_id", (json_int_t)org,
	    "title", title, "abstract", text, "format", "hybrid", "language", "en",
	    "preferred_slots", 1);
}

static int64_t
proposed(int64_t id, const char *tok, json_t *body)
{
	char path[80];
	const struct ts_res *r;
	json_t *j;
	int64_t sid;

	snprintf(path, sizeof path, "/api/v1/meetings/%lld/side-events", (long long)id);
	r = ta_api("POST", path, tok, body);
	STATUS(r, 201);
	j = ts_jbody(r);
	sid = ta_num(j, "id");
	json_decref(j);
	return sid;
}

static json_t *
request(int64_t org, const char *item, const char *speaker)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:i}", "organization_id", (json_int_t)org,
	    "item", item, "speaker_name", speaker, "speaker_title", "Director",
	    "summary", "What our organization learned about prevention in prisons.",
	    "minutes", 3);
}

static int64_t
asked(int64_t id, const char *tok, json_t *body)
{
	char path[80];
	const struct ts_res *r;
	json_t *j;
	int64_t rid;

	snprintf(path, sizeof path, "/api/v1/meetings/%lld/speaking-requests", (long long)id);
	r = ta_api("POST", path, tok, body);
	STATUS(r, 201);
	j = ts_jbody(r);
	rid = ta_num(j, "id");
	json_decref(j);
	return rid;
}

static const char *
se_path(char *buf, size_t len, int64_t id, int64_t sid, const char *tail)
{
	snprintf(buf, len, "/api/v1/meetings/%lld/side-events/%lld%s", (long long)id,
	    (long long)sid, tail);
	return buf;
}

static const char *
rq_path(char *buf, size_t len, int64_t id, int64_t rid, const char *tail)
{
	snprintf(buf, len, "/api/v1/meetings/%lld/speaking-requests/%lld%s", (long long)id,
	    (long long)rid, tail);
	return buf;
}

/* The status of side event sid of session id as staff see it. */
static char se_status_buf[40];
static const char *
se_status(int64_t id, int64_t sid)
{
	char path[120];
	const struct ts_res *r = ta_api("GET", se_path(path, sizeof path, id, sid, ""), staff_tok,
	    NULL);
	json_t *j;

	STATUS(r, 200);
	j = ts_jbody(r);
	snprintf(se_status_buf, sizeof se_status_buf, "%s",
	    json_string_value(json_object_get(j, "status")));
	json_decref(j);
	return se_status_buf;
}

static char rq_status_buf[40];
static const char *
rq_status(int64_t id, int64_t rid)
{
	char path[120];
	const struct ts_res *r = ta_api("GET", rq_path(path, sizeof path, id, rid, ""), staff_tok,
	    NULL);
	json_t *j;

	STATUS(r, 200);
	j = ts_jbody(r);
	snprintf(rq_status_buf, sizeof rq_status_buf, "%s",
	    json_string_value(json_object_get(j, "status")));
	json_decref(j);
	return rq_status_buf;
}

/* ---- who sees and changes what --------------------------------------------- */

/*
 * Someone else's side event and request to speak, tried by every caller
 * who does not act for its organization now: not in their list, 404 on
 * GET, PATCH and DELETE, nothing changed.  Sue's organization was
 * suspended after she proposed and requested, Rex was demoted: they see
 * theirs no more.
 */
static void
test_not_theirs(void **state)
{
	static const struct {
		const char *who;
		char *tok;
		int64_t *se, *rq;
	} tries[] = {
		{ "bo", bo_tok, &se_ada, &rq_ada },
		{ "mo", mo_tok, &se_ada, &rq_ada },
		{ "nia", nia_tok, &se_ada, &rq_ada },
		{ "fe", fe_tok, &se_ada, &rq_ada },
		{ "ada", ada_tok, &se_mo, &rq_mo },
		{ "rex", rex_tok, &se_rex, &rq_rex },
		{ "sue", sue_tok, &se_sue, &rq_sue },
		{ "ada on sable's", ada_tok, &se_sue, &rq_sue },
	};
	char path[120];
	size_t k;

	(void)state;
	for (k = 0; k < sizeof tries / sizeof tries[0]; k++) {
		const struct ts_res *r;

		printf("# %s\n", tries[k].who);
		se_path(path, sizeof path, s_open, *tries[k].se, "");
		STATUS(ta_api("GET", path, tries[k].tok, NULL), 404);
		r = ta_api("PATCH", path, tries[k].tok, json_pack("{s:s}", "title", "Taken over"));
		assert_true(r->status == 404 || r->status == 403);
		r = ta_api("DELETE", path, tries[k].tok, NULL);
		assert_true(r->status == 404 || r->status == 403);
		rq_path(path, sizeof path, s_open, *tries[k].rq, "");
		STATUS(ta_api("GET", path, tries[k].tok, NULL), 404);
		r = ta_api("PATCH", path, tries[k].tok, json_pack("{s:s}", "speaker_name",
		    "Taken Over"));
		assert_true(r->status == 404 || r->status == 403);
		r = ta_api("DELETE", path, tries[k].tok, NULL);
		assert_true(r->status == 404 || r->status == 403);
		/* the pages */
		snprintf(path, sizeof path, "/meetings/%lld/side-events/%lld/edit",
		    (long long)s_open, (long long)*tries[k].se);
		STATUS(get(path, tries[k].tok), 404);
		snprintf(path, sizeof path, "/meetings/%lld/speaking-requests/%lld/edit",
		    (long long)s_open, (long long)*tries[k].rq);
		STATUS(get(path, tries[k].tok), 404);
	}
	/* nothing changed */
	assert_string_equal(se_status(s_open, se_ada), "pending");
	assert_string_equal(se_status(s_open, se_sue), "pending");
	assert_string_equal(rq_status(s_open, rq_ada), "pending");
	assert_string_equal(rq_status(s_open, rq_sue), "pending");
	LACKS(ta_api("GET", se_path(path, sizeof path, s_open, se_ada, ""), staff_tok, NULL),
	    "Taken over");
	/* the lists: each sees only their organization's, the others none */
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/side-events", (long long)s_open);
	assert_int_equal(ta_total(path, staff_tok), 4);
	assert_int_equal(ta_total(path, ada_tok), 2);
	assert_int_equal(ta_total(path, mo_tok), 1);
	assert_int_equal(ta_total(path, sue_tok), 0);
	assert_int_equal(ta_total(path, rex_tok), 0);
	assert_int_equal(ta_total(path, bo_tok), 0);
	assert_int_equal(ta_total(path, nia_tok), 0);
	assert_int_equal(ta_total(path, fe_tok), 0);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/speaking-requests", (long long)s_open);
	assert_int_equal(ta_total(path, staff_tok), 4);
	assert_int_equal(ta_total(path, ada_tok), 2);
	assert_int_equal(ta_total(path, sue_tok), 0);
	assert_int_equal(ta_total(path, rex_tok), 0);
	assert_int_equal(ta_total(path, bo_tok), 0);
	/* the session's page shows Sue none of Sable's */
	snprintf(path, sizeof path, "/meetings/%lld", (long long)s_open);
	LACKS(get(path, sue_tok), "Sable hidden side event");
	LACKS(get(path, sue_tok), "Sable Speaker");
	HAS(get(path, ada_tok), "Quillon side event");
	/* and the visitor: no lists, no side event */
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/side-events", (long long)s_open);
	STATUS(ta_api("GET", path, NULL, NULL), 401);
	STATUS(ta_api("GET", se_path(path, sizeof path, s_open, se_ada, ""), NULL, NULL), 401);
	LACKS(get("/meetings/999999/side-events/1/edit", ada_tok), "Quillon");
}

/*
 * Ids that do not go together: a side event or request of one session
 * under another; staff deciding one under another session, or into a slot
 * the session does not offer; an admin deciding; staff changing what only
 * admins change.
 */
static void
test_foreign_ids(void **state)
{
	char path[120];
	const struct ts_res *r;

	(void)state;
	STATUS(ta_api("GET", se_path(path, sizeof path, s_draft, se_ada, ""), ada_tok, NULL), 404);
	STATUS(ta_api("GET", se_path(path, sizeof path, s_draft, se_ada, ""), staff_tok, NULL),
	    404);
	STATUS(ta_api("GET", rq_path(path, sizeof path, s_draft, rq_ada, ""), ada_tok, NULL), 404);
	STATUS(ta_api("POST", se_path(path, sizeof path, s_draft, se_ada, "/decision"), staff_tok,
	    json_pack("{s:s,s:i}", "decision", "accept", "slot_id", 1)), 404);
	r = ta_api("POST", se_path(path, sizeof path, s_open, se_ada, "/decision"), staff_tok,
	    json_pack("{s:s,s:i}", "decision", "accept", "slot_id", 99));
	STATUS(r, 422);
	HAS(r, "\"slot_id\"");
	STATUS(ta_api("POST", se_path(path, sizeof path, s_open, se_ada, "/decision"), ada_tok,
	    json_pack("{s:s,s:i}", "decision", "accept", "slot_id", 1)), 403);
	STATUS(ta_api("POST", se_path(path, sizeof path, s_open, se_ada, "/decision"), NULL,
	    json_pack("{s:s,s:i}", "decision", "accept", "slot_id", 1)), 401);
	r = ta_api("PATCH", se_path(path, sizeof path, s_open, se_ada, ""), staff_tok,
	    json_pack("{s:s}", "title", "Staff's title"));
	assert_true(r->status == 403 || r->status == 404);
	r = ta_api("PATCH", rq_path(path, sizeof path, s_open, rq_ada, ""), staff_tok,
	    json_pack("{s:i}", "minutes", 2));
	assert_true(r->status == 403 || r->status == 404);
	/* allocating a request of Kestrel on Tourmalix's list; an admin allocating */
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/speakers", (long long)s_draft);
	r = ta_api("POST", path, staff_tok, json_pack("{s:s,s:[{s:I,s:s,s:i,s:i}]}", "item", "3",
	    "requests", "id", (json_int_t)rq_ada, "decision", "allocate", "order", 1, "minutes",
	    2));
	assert_true(r->status == 404 || r->status == 409 || r->status == 422);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/speakers", (long long)s_open);
	STATUS(ta_api("POST", path, ada_tok, json_pack("{s:s,s:[{s:I,s:s,s:i,s:i}]}", "item", "3",
	    "requests", "id", (json_int_t)rq_ada, "decision", "allocate", "order", 1, "minutes",
	    2)), 403);
	/* staff do not propose, ask, withdraw for an organization */
	r = ta_api("DELETE", se_path(path, sizeof path, s_open, se_ada, ""), staff_tok, NULL);
	assert_true(r->status == 403 || r->status == 404);
	r = ta_api("DELETE", rq_path(path, sizeof path, s_open, rq_ada, ""), staff_tok, NULL);
	assert_true(r->status == 403 || r->status == 404);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/side-events", (long long)s_open);
	STATUS(ta_api("POST", path, staff_tok, proposal(quillon, "Staff's own", "By staff.")), 403);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/speaking-requests", (long long)s_open);
	STATUS(ta_api("POST", path, staff_tok, request(quillon, "4", "Staff Speaker")), 403);
	/* nor does a demoted admin, a suspended organization's, a member */
	STATUS(ta_api("POST", path, rex_tok, request(quillon, "4", "Rex Again")), 403);
	STATUS(ta_api("POST", path, sue_tok, request(sable, "4", "Sue Again")), 403);
	STATUS(ta_api("POST", path, bo_tok, request(quillon, "4", "Bo Speaker")), 403);
	STATUS(ta_api("POST", path, nia_tok, request(quillon, "4", "Nia Speaker")), 403);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/side-events", (long long)s_open);
	STATUS(ta_api("POST", path, sue_tok, proposal(sable, "Sue again", "Again.")), 403);
	STATUS(ta_api("POST", path, fe_tok, proposal(quillon, "Fe's", "Fe.")), 403);
	/* a preferred slot the session does not offer; a suspended organization,
	 * or one that does not exist, as co-organizer */
	{
		json_t *b = proposal(quillon, "Odd slots", "Odd.");

		json_object_set_new(b, "preferred_slots", json_pack("[i]", 99));
		snprintf(path, sizeof path, "/api/v1/meetings/%lld/side-events", (long long)s_open);
		STATUS(ta_api("POST", path, ada_tok, b), 422);
		b = proposal(quillon, "With Sable", "Odd.");
		json_object_set_new(b, "co_organizers", json_pack("{s:[I],s:[],s:[]}",
		    "organizations", (json_int_t)sable, "others", "governments"));
		STATUS(ta_api("POST", path, ada_tok, b), 422);
		b = proposal(quillon, "With nobody", "Odd.");
		json_object_set_new(b, "co_organizers", json_pack("{s:[I],s:[],s:[]}",
		    "organizations", (json_int_t)999999, "others", "governments"));
		STATUS(ta_api("POST", path, ada_tok, b), 422);
	}
	/* the admin of an organization named as co-organizer: not theirs either */
	{
		json_t *b = proposal(quillon, "Quillon with Meridian", "Together.");
		int64_t co;

		json_object_set_new(b, "co_organizers", json_pack("{s:[I],s:[],s:[]}",
		    "organizations", (json_int_t)meridian, "others", "governments"));
		co = proposed(s_open, ada_tok, b);
		STATUS(ta_api("GET", se_path(path, sizeof path, s_open, co, ""), mo_tok, NULL),
		    404);
		snprintf(path, sizeof path, "/api/v1/meetings/%lld/side-events", (long long)s_open);
		LACKS(ta_api("GET", path, mo_tok, NULL), "Quillon with Meridian");
		snprintf(path, sizeof path, "/meetings/%lld", (long long)s_open);
		LACKS(get(path, mo_tok), "Quillon with Meridian");
		LACKS(get(path, NULL), "Quillon with Meridian");
		STATUS(ta_api("DELETE", se_path(path, sizeof path, s_open, co, ""), ada_tok,
		    NULL), 200);
	}
	/* an id that is not one */
	STATUS(ta_api("GET", "/api/v1/meetings/1/side-events/abc", ada_tok, NULL), 404);
	STATUS(ta_api("GET", "/api/v1/meetings/1/speaking-requests/-1", ada_tok, NULL), 404);
	STATUS(ta_api("GET", "/api/v1/meetings/1/side-events/99999999999999999999999", ada_tok,
	    NULL), 404);
	assert_string_equal(se_status(s_open, se_ada), "pending");
	assert_string_equal(rq_status(s_open, rq_ada), "pending");
}

/* A draft session: its programme, .ics feed, speakers and side events are
 * nobody's but staff's. */
static void
test_draft_session(void **state)
{
	char path[120];
	const char *toks[] = { NULL, ada_tok, mo_tok, bo_tok, fe_tok };
	const struct ts_res *r;
	size_t k;

	(void)state;
	for (k = 0; k < sizeof toks / sizeof toks[0]; k++) {
		snprintf(path, sizeof path, "/meetings/%lld/programme.ics", (long long)s_draft);
		r = get(path, toks[k]);
		assert_true(r->status == 404 || r->status == 401);
		LACKS(r, "Tourmalix draft side event");
		snprintf(path, sizeof path, "/meetings/%lld/speakers", (long long)s_draft);
		r = get(path, toks[k]);
		assert_true(r->status == 404 || r->status == 401);
		LACKS(r, "Tourmalix Speaker");
		snprintf(path, sizeof path, "/api/v1/meetings/%lld/side-events", (long long)s_draft);
		r = ta_api("GET", path, toks[k], NULL);
		assert_true(r->status == 404 || r->status == 401);
		snprintf(path, sizeof path, "/meetings/%lld", (long long)s_draft);
		r = get(path, toks[k]);
		assert_true(r->status == 404 || r->status == 401);
		LACKS(r, "Tourmalix draft side event");
	}
	/* Mo, whose proposal it is, no more than the others */
	snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)s_draft);
	STATUS(ta_api("GET", path, mo_tok, NULL), 404);
	snprintf(path, sizeof path, "/meetings/%lld/programme.ics", (long long)s_draft);
	r = get(path, staff_tok);
	STATUS(r, 200);
	HAS(r, "Tourmalix draft side event");

	/* a session for members only: its programme and feed are not a visitor's */
	{
		int64_t m = session_made(63, "Members-only session", "published"), sid;

		snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)m);
		STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "visibility",
		    "members")), 200);
		sid = proposed(m, ada_tok, proposal(quillon, "Members-only side event", "Inside."));
		STATUS(ta_api("POST", se_path(path, sizeof path, m, sid, "/decision"), staff_tok,
		    json_pack("{s:s,s:i}", "decision", "accept", "slot_id", 2)), 200);
		snprintf(path, sizeof path, "/meetings/%lld/programme.ics", (long long)m);
		r = get(path, NULL);
		assert_true(r->status == 404 || r->status == 401);
		LACKS(r, "Members-only side event");
		snprintf(path, sizeof path, "/meetings/%lld/speakers", (long long)m);
		r = get(path, NULL);
		assert_true(r->status == 404 || r->status == 401);
		snprintf(path, sizeof path, "/api/v1/meetings/%lld/speakers", (long long)m);
		r = ta_api("GET", path, NULL, NULL);
		assert_true(r->status == 404 || r->status == 401);
		snprintf(path, sizeof path, "/meetings/%lld/programme.ics", (long long)m);
		HAS(get(path, mo_tok), "Members-only side event");
	}
}

/* ---- two at once -------------------------------------------------------------- */

static pthread_barrier_t race_gate;

struct racer {
	struct ts_browser *b;
	const char *tok;
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
	r = ts_call(x->b, "POST", x->path, x->tok, x->body);
	x->status = r->status;
	return NULL;
}

static void
race(struct racer *x, int n)
{
	pthread_t t[4];
	int k;

	assert_true(n <= 4);
	assert_int_equal(pthread_barrier_init(&race_gate, NULL, (unsigned)n), 0);
	for (k = 0; k < n; k++) {
		x[k].b = ts_browser_new(&srv, NULL);
		x[k].status = 0;
		assert_int_equal(pthread_create(&t[k], NULL, racer_run, &x[k]), 0);
	}
	for (k = 0; k < n; k++) {
		pthread_join(t[k], NULL);
		ts_browser_free(x[k].b);
	}
	pthread_barrier_destroy(&race_gate);
}

/*
 * Staff accepting two side events into one slot at once, three times
 * over: one accepted, the other a 409; the programme has one in the slot.
 * Two requests of one organization on one item at once: one taken, the
 * other a 409.  Never a 500.
 */
static void
test_races(void **state)
{
	int round;

	(void)state;
	for (round = 0; round < 3; round++) {
		struct racer x[2];
		int64_t a, b, s = session_made(70 + round, "Race session", "published");
		int ok = 0, conflict = 0, k;
		char path[120];
		json_t *j;

		a = proposed(s, ada_tok, proposal(quillon, "Race A", "One of two."));
		b = proposed(s, mo_tok, proposal(meridian, "Race B", "The other."));
		memset(x, 0, sizeof x);
		x[0].tok = x[1].tok = staff_tok;
		se_path(x[0].path, sizeof x[0].path, s, a, "/decision");
		se_path(x[1].path, sizeof x[1].path, s, b, "/decision");
		x[0].body = json_pack("{s:s,s:i}", "decision", "accept", "slot_id", 2);
		x[1].body = json_pack("{s:s,s:i}", "decision", "accept", "slot_id", 2);
		race(x, 2);
		for (k = 0; k < 2; k++) {
			printf("# slot race %d: %ld\n", round, x[k].status);
			ok += x[k].status == 200;
			conflict += x[k].status == 409;
		}
		assert_int_equal(ok, 1);
		assert_int_equal(conflict, 1);
		snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)s);
		j = ts_jbody(ta_api("GET", path, NULL, NULL));
		assert_int_equal(json_array_size(json_object_get(j, "programme")), 1);
		json_decref(j);

		/* two requests of Quillon on item 3 at once */
		memset(x, 0, sizeof x);
		x[0].tok = ada_tok;
		x[1].tok = ada_tok;
		snprintf(x[0].path, sizeof x[0].path, "/api/v1/meetings/%lld/speaking-requests",
		    (long long)s);
		snprintf(x[1].path, sizeof x[1].path, "%s", x[0].path);
		x[0].body = request(quillon, "3", "Racer One");
		x[1].body = request(quillon, "3", "Racer Two");
		race(x, 2);
		ok = conflict = 0;
		for (k = 0; k < 2; k++) {
			printf("# request race %d: %ld\n", round, x[k].status);
			ok += x[k].status == 201;
			conflict += x[k].status == 409;
		}
		assert_int_equal(ok, 1);
		assert_int_equal(conflict, 1);
		snprintf(path, sizeof path, "/api/v1/meetings/%lld/speaking-requests", (long long)s);
		assert_int_equal(ta_total(path, staff_tok), 1);
	}
}

/*
 * Two of staff allocating on one item at once, each within its minutes
 * alone but over them together (6 and 6 of 10), five times over: one
 * saved, the other a 409; the minutes allocated never more than the
 * item's.
 */
static void
test_allocation_race(void **state)
{
	int round;

	(void)state;
	for (round = 0; round < 5; round++) {
		struct racer x[2];
		int64_t s = session_made(100 + round, "Allocation race", "published"), a, b, sum = 0;
		int ok = 0, conflict = 0, k;
		char path[120];
		json_t *j;

		a = asked(s, ada_tok, request(quillon, "3", "Racing Ada"));
		b = asked(s, mo_tok, request(meridian, "3", "Racing Mo"));
		memset(x, 0, sizeof x);
		for (k = 0; k < 2; k++) {
			x[k].tok = staff_tok;
			snprintf(x[k].path, sizeof x[k].path, "/api/v1/meetings/%lld/speakers",
			    (long long)s);
			x[k].body = json_pack("{s:s,s:[{s:I,s:s,s:i,s:i}]}", "item", "3", "requests",
			    "id", (json_int_t)(k ? b : a), "decision", "allocate", "order", k + 1,
			    "minutes", 6);
		}
		race(x, 2);
		for (k = 0; k < 2; k++) {
			printf("# allocation race %d: %ld\n", round, x[k].status);
			ok += x[k].status == 200;
			conflict += x[k].status == 409;
		}
		assert_int_equal(ok + conflict, 2);
		for (k = 0; k < 2; k++) {
			j = ts_jbody(ta_api("GET", rq_path(path, sizeof path, s, k ? b : a, ""),
			    staff_tok, NULL));
			if (strcmp(json_string_value(json_object_get(j, "status")), "allocated") == 0)
				sum += ta_num(j, "minutes_allocated");
			json_decref(j);
		}
		printf("# allocated %lld of 10\n", (long long)sum);
		assert_true(sum <= 10);
		assert_int_equal(ok, 1);
	}
}

/* ---- hostile input ---------------------------------------------------------- */

/*
 * CR, LF and other control characters in a title, a speaker's name: 422.
 * An abstract with lines, HTML and a CSV formula, accepted into the
 * programme: the .ics feed folds and escapes it (no line of its own
 * starting a property), the page escapes the HTML, staff's CSV quotes
 * the formula.
 */
static void
test_hostile_input(void **state)
{
	char path[120];
	const struct ts_res *r;
	int64_t s = session_made(80, "Hostile session", "published"), sid;
	char big[70000];

	(void)state;
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/side-events", (long long)s);
	r = ta_api("POST", path, ada_tok, proposal(quillon, "Title\r\nBEGIN:VEVENT",
	    "An abstract."));
	STATUS(r, 422);
	HAS(r, "\"title\"");
	r = ta_api("POST", path, ada_tok, proposal(quillon, "Bell\a title", "An abstract."));
	STATUS(r, 422);
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	r = ta_api("POST", path, ada_tok, proposal(quillon, "A long one", big));
	assert_true(r->status == 422 || r->status == 413);
	sid = proposed(s, ada_tok, proposal(quillon, "=HYPERLINK(\"http://evil.example\")",
	    "First line.\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Injected\n"
	    "<script>alert(1)</script> and a long line to fold: "
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
	STATUS(ta_api("POST", se_path(path, sizeof path, s, sid, "/decision"), staff_tok,
	    json_pack("{s:s,s:i}", "decision", "accept", "slot_id", 1)), 200);
	snprintf(path, sizeof path, "/meetings/%lld/programme.ics", (long long)s);
	r = get(path, NULL);
	STATUS(r, 200);
	LACKS(r, "\r\nSUMMARY:Injected");
	LACKS(r, "\nSUMMARY:Injected");
	LACKS(r, "\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Injected");
	{
		/* one event; no line longer than 75 octets */
		const char *p = r->body, *q;
		int events = 0;

		while ((q = strstr(p, "\nBEGIN:VEVENT")) != NULL) {
			events++;
			p = q + 1;
		}
		assert_int_equal(events, 1);
		for (p = r->body; *p; p = q + 1) {
			q = strchr(p, '\n');
			if (!q)
				break;
			assert_true(q - p <= 76);
		}
	}
	snprintf(path, sizeof path, "/meetings/%lld", (long long)s);
	r = get(path, NULL);
	STATUS(r, 200);
	LACKS(r, "<script>alert(1)</script>");
	snprintf(path, sizeof path, "/staff/meetings/%lld/side-events.csv", (long long)s);
	r = get(path, staff_tok);
	STATUS(r, 200);
	LACKS(r, ",=HYPERLINK");
	LACKS(r, "\n=HYPERLINK");
	LACKS(r, "\"=HYPERLINK");
	HAS(r, "\"'=HYPERLINK");

	/* a speaker's name */
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/speaking-requests", (long long)s);
	STATUS(ta_api("POST", path, ada_tok, request(quillon, "3", "Ada\r\nBcc: all@example")),
	    422);
	{
		int64_t a = asked(s, ada_tok, request(quillon, "3", "=cmd|' /C calc'!A0"));
		int64_t b = asked(s, mo_tok, request(meridian, "3", "<img src=x onerror=alert(1)>"));

		snprintf(path, sizeof path, "/api/v1/meetings/%lld/speakers", (long long)s);
		STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s,s:[{s:I,s:s,s:i,s:i},"
		    "{s:I,s:s,s:i,s:i}],s:b}", "item", "3", "requests", "id", (json_int_t)a,
		    "decision", "allocate", "order", 1, "minutes", 3, "id", (json_int_t)b,
		    "decision", "allocate", "order", 2, "minutes", 3, "publish", 1)), 200);
	}
	snprintf(path, sizeof path, "/staff/meetings/%lld/speakers.csv", (long long)s);
	r = get(path, staff_tok);
	STATUS(r, 200);
	LACKS(r, ",=cmd");
	LACKS(r, "\"=cmd");
	HAS(r, "'=cmd");
	snprintf(path, sizeof path, "/meetings/%lld/speakers", (long long)s);
	r = get(path, NULL);
	STATUS(r, 200);
	LACKS(r, "<img src=x");
	HAS(r, "&lt;img src&#x3D;x");
	snprintf(path, sizeof path, "/meetings/%lld", (long long)s);
	LACKS(get(path, NULL), "<img src=x");
}

/* ---- the published speakers' lists ---------------------------------------------- */

/*
 * A request allocated and published, then put back to pending by staff
 * (not published again): its organization may not rename its speaker on
 * the public list without staff (409, the list unchanged); withdrawn, it
 * leaves the public list (staff cannot publish a withdrawn request away).
 */
static void
test_published_list(void **state)
{
	int64_t s = session_made(90, "Published list session", "published"), rq;
	char path[120], api_path[120];
	const struct ts_res *r;

	(void)state;
	rq = asked(s, ada_tok, request(quillon, "3", "Ada Original"));
	snprintf(api_path, sizeof api_path, "/api/v1/meetings/%lld/speakers", (long long)s);
	STATUS(ta_api("POST", api_path, staff_tok, json_pack("{s:s,s:[{s:I,s:s,s:i,s:i}],s:b}",
	    "item", "3", "requests", "id", (json_int_t)rq, "decision", "allocate", "order", 1,
	    "minutes", 3, "publish", 1)), 200);
	HAS(ta_api("GET", api_path, NULL, NULL), "Ada Original");
	STATUS(ta_api("POST", api_path, staff_tok, json_pack("{s:s,s:[{s:I,s:s}]}", "item", "3",
	    "requests", "id", (json_int_t)rq, "decision", "pending")), 200);
	rq_path(path, sizeof path, s, rq, "");
	r = ta_api("PATCH", path, ada_tok, json_pack("{s:s,s:s}", "speaker_name", "Impostor Name",
	    "speaker_title", "Minister"));
	STATUS(r, 409);
	r = ta_api("GET", api_path, NULL, NULL);
	LACKS(r, "Impostor Name");
	HAS(r, "Ada Original");
	snprintf(path, sizeof path, "/meetings/%lld/speakers", (long long)s);
	LACKS(get(path, NULL), "Impostor Name");
	/* withdrawn: off the public list */
	STATUS(ta_api("DELETE", rq_path(path, sizeof path, s, rq, ""), ada_tok, NULL), 200);
	LACKS(ta_api("GET", api_path, NULL, NULL), "Ada Original");
	snprintf(path, sizeof path, "/meetings/%lld/speakers", (long long)s);
	LACKS(get(path, NULL), "Ada Original");
}

/* ---- CSRF and methods ---------------------------------------------------------- */

/* The module's new forms without their token or with another person's: 403,
 * nothing written; methods a route does not take. */
static void
test_csrf_methods(void **state)
{
	struct ts_browser *ada = ts_signed_in(&srv, "127.0.0.84", ADA, PW);
	struct ts_browser *mo = ts_signed_in(&srv, "127.0.0.85", MO, PW);
	struct ts_browser *staff = ts_signed_in(&srv, "127.0.0.86", STAFF, PW);
	char path[160], o[24], rid[24], sid[24], mo_csrf[200];
	const struct ts_res *r;

	(void)state;
	assert_non_null(ada);
	assert_non_null(mo);
	assert_non_null(staff);
	snprintf(o, sizeof o, "%lld", (long long)quillon);
	snprintf(rid, sizeof rid, "%lld", (long long)rq_ada);
	snprintf(sid, sizeof sid, "%lld", (long long)se_ada);
	snprintf(path, sizeof path, "/meetings/%lld", (long long)s_open);
	STATUS(ts_get(mo, path), 200);
	snprintf(mo_csrf, sizeof mo_csrf, "%s", ts_csrf(mo));
	STATUS(ts_get(ada, path), 200);
	snprintf(path, sizeof path, "/meetings/%lld/side-events/new", (long long)s_open);
	STATUS(ts_post(ada, path, "organization_id", o, "title", "Forged", "abstract", "Forged.",
	    "format", "online", "language", "en", (char *)NULL), 403);
	STATUS(ts_post(ada, path, "csrf", mo_csrf, "organization_id", o, "title", "Forged",
	    "abstract", "Forged.", "format", "online", "language", "en", (char *)NULL), 403);
	snprintf(path, sizeof path, "/meetings/%lld/side-events/%s/edit", (long long)s_open, sid);
	STATUS(ts_post(ada, path, "title", "Forged", (char *)NULL), 403);
	snprintf(path, sizeof path, "/meetings/%lld/speaking-requests/new", (long long)s_open);
	STATUS(ts_post(ada, path, "organization_id", o, "item", "4", "speaker_name", "Forged",
	    "summary", "Forged.", "minutes", "2", (char *)NULL), 403);
	STATUS(ts_post(ada, path, "csrf", mo_csrf, "organization_id", o, "item", "4",
	    "speaker_name", "Forged", "summary", "Forged.", "minutes", "2", (char *)NULL), 403);
	snprintf(path, sizeof path, "/meetings/%lld/speaking-requests/%s/withdraw",
	    (long long)s_open, rid);
	STATUS(ts_post(ada, path, (char *)NULL), 403);
	STATUS(ts_post(ada, path, "csrf", mo_csrf, (char *)NULL), 403);
	snprintf(path, sizeof path, "/meetings/%lld/speaking-requests/%s/edit", (long long)s_open,
	    rid);
	STATUS(ts_post(ada, path, "speaker_name", "Forged", (char *)NULL), 403);
	/* the API from a browser: JSON sent as text/plain, or a form (what a
	 * cross-site form can send), without a token.  (DELETE and PATCH need a
	 * CORS preflight, never granted: http/csrf.c.) */
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/speaking-requests", (long long)s_open);
	{
		const char *h[2] = { "Content-Type: text/plain", NULL };
		char body[400];

		snprintf(body, sizeof body, "{\"organization_id\":%s,\"item\":\"4\","
		    "\"speaker_name\":\"Forged\",\"summary\":\"Forged.\",\"minutes\":2}", o);
		r = ts_req(ada, "POST", path, h, body, strlen(body));
		assert_true(r->status == 403 || r->status == 415 || r->status == 400);
	}
	r = ts_post(ada, path, "organization_id", o, "item", "4", "speaker_name", "Forged",
	    "summary", "Forged.", "minutes", "2", (char *)NULL);
	assert_true(r->status == 403 || r->status == 415 || r->status == 400);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/side-events/%s/decision",
	    (long long)s_open, sid);
	r = ts_post(staff, path, "decision", "accept", "slot_id", "3", (char *)NULL);
	assert_true(r->status == 403 || r->status == 415 || r->status == 400);
	/* staff's */
	snprintf(path, sizeof path, "/staff/meetings/%lld/side-events", (long long)s_open);
	STATUS(ts_get(staff, path), 200);
	STATUS(ts_post(staff, path, "ids", sid, "decision", "accept", "slot_id", "3",
	    (char *)NULL), 403);
	STATUS(ts_post(staff, path, "csrf", mo_csrf, "ids", sid, "decision", "accept", "slot_id",
	    "3", (char *)NULL), 403);
	snprintf(path, sizeof path, "/staff/meetings/%lld/speakers", (long long)s_open);
	STATUS(ts_get(staff, path), 200);
	STATUS(ts_post(staff, path, "item", "3", (char *)NULL), 403);
	assert_string_equal(se_status(s_open, se_ada), "pending");
	assert_string_equal(rq_status(s_open, rq_ada), "pending");
	/* staff's page of one session deciding another session's side event,
	 * with its token: 404, nothing decided */
	{
		int64_t other = session_made(120, "Another session", "published");
		int64_t osid = proposed(other, mo_tok, proposal(meridian, "Elsewhere", "Other."));
		char n[24];

		snprintf(n, sizeof n, "%lld", (long long)osid);
		snprintf(path, sizeof path, "/staff/meetings/%lld/side-events", (long long)s_open);
		STATUS(ts_get(staff, path), 200);
		r = ts_form(staff, path, "sid", n, "decision", "accept", "slot_id", "3", (char *)NULL);
		STATUS(r, 404);
		assert_string_equal(se_status(other, osid), "pending");
	}
	/* methods */
	{
		static const char *const m[] = { "PUT", "PATCH", "DELETE", NULL };
		int k;

		for (k = 0; m[k]; k++) {
			snprintf(path, sizeof path, "/api/v1/meetings/%lld/side-events",
			    (long long)s_open);
			r = ta_api(m[k], path, ada_tok, json_object());
			assert_true(r->status == 404 || r->status == 405);
			snprintf(path, sizeof path, "/api/v1/meetings/%lld/speakers", (long long)s_open);
			r = ta_api(m[k], path, staff_tok, json_object());
			assert_true(r->status == 404 || r->status == 405);
		}
		r = ta_api("PUT", se_path(path, sizeof path, s_open, se_ada, ""), ada_tok,
		    json_object());
		assert_true(r->status == 404 || r->status == 405);
		r = ta_api("GET", se_path(path, sizeof path, s_open, se_ada, "/decision"),
		    staff_tok, NULL);
		assert_true(r->status == 404 || r->status == 405);
	}
	ts_browser_free(ada);
	ts_browser_free(mo);
	ts_browser_free(staff);
}

/*
 * An admin whose address is not confirmed (their token kept from before):
 * proposes, asks, nominates, changes nothing (403, the calls' rule: an address nobody
 * confirmed keeps nothing); confirmed again, they may.
 */
static void
test_unconfirmed_admin(void **state)
{
	int64_t s = session_made(130, "Unconfirmed session", "published"), sid, rid;
	char path[120];
	const struct ts_res *r;

	(void)state;
	sid = proposed(s, ada_tok, proposal(quillon, "Before unconfirmed", "Before."));
	rid = asked(s, ada_tok, request(quillon, "3", "Before Unconfirmed"));
	ts_db_open(db_url);
	ts_sql_int("UPDATE users SET verified_at = NULL WHERE email = '" ADA "'");
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/side-events", (long long)s);
	r = ta_api("POST", path, ada_tok, proposal(quillon, "Unconfirmed proposal", "Not yet."));
	STATUS(r, 403);
	HAS(r, "Confirm your email address");
	STATUS(ta_api("PATCH", se_path(path, sizeof path, s, sid, ""), ada_tok,
	    json_pack("{s:s}", "title", "Unconfirmed change")), 403);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/speaking-requests", (long long)s);
	STATUS(ta_api("POST", path, ada_tok, request(quillon, "4", "Unconfirmed Speaker")), 403);
	STATUS(ta_api("PATCH", rq_path(path, sizeof path, s, rid, ""), ada_tok,
	    json_pack("{s:s}", "speaker_name", "Unconfirmed Change")), 403);
	/* nor nominates delegates, whatever else the nomination says */
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations", (long long)s);
	r = ta_api("POST", path, ada_tok, json_pack("{s:I,s:s,s:s}", "organization_id",
	    (json_int_t)quillon, "name", "Unconfirmed Delegate", "email",
	    "delegate@unconfirmed.example"));
	STATUS(r, 403);
	HAS(r, "Confirm your email address");
	ts_sql_int("UPDATE users SET verified_at = 1 WHERE email = '" ADA "'");
	ts_db_close();
	LACKS(ta_api("GET", se_path(path, sizeof path, s, sid, ""), staff_tok, NULL),
	    "Unconfirmed change");
	LACKS(ta_api("GET", rq_path(path, sizeof path, s, rid, ""), staff_tok, NULL),
	    "Unconfirmed Change");
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations", (long long)s);
	LACKS(ta_api("GET", path, staff_tok, NULL), "Unconfirmed Delegate");
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/side-events", (long long)s);
	assert_int_equal(ta_total(path, staff_tok), 1);
	STATUS(ta_api("PATCH", se_path(path, sizeof path, s, sid, ""), ada_tok,
	    json_pack("{s:s}", "title", "Confirmed change")), 200);
}

/* ---- the windows' edges ---------------------------------------------------------- */

/*
 * Both windows opening in five minutes and closing in fifteen, on the test
 * clock: seconds before they open, refused (409); as they open, taken;
 * seconds before they close, taken; as they close, refused.  Last: it
 * moves the clock.
 */
static void
test_window_edges(void **state)
{
	const struct ts_res *r;
	char opens[40], closes[40], path[120];
	int64_t now, s = session_made(110, "Window-edge session", "published");
	time_t t;
	struct tm tm;

	(void)state;
	now = ta_now();
	t = (time_t)(now + 300);
	gmtime_r(&t, &tm);
	strftime(opens, sizeof opens, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
	t = (time_t)(now + 900);
	gmtime_r(&t, &tm);
	strftime(closes, sizeof closes, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)s);
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:s,s:s,s:s,s:s}", "side_events_opens",
	    opens, "side_events_closes", closes, "speaking_opens", opens, "speaking_closes",
	    closes)), 200);
	ta_clock_to(now + 300 - 5);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/side-events", (long long)s);
	STATUS(ta_api("POST", path, ada_tok, proposal(quillon, "Too soon", "Early.")), 409);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/speaking-requests", (long long)s);
	STATUS(ta_api("POST", path, ada_tok, request(quillon, "3", "Too Soon")), 409);
	ta_clock_to(now + 300);
	(void)proposed(s, ada_tok, proposal(quillon, "Just open", "On time."));
	(void)asked(s, ada_tok, request(quillon, "3", "Just Open"));
	ta_clock_to(now + 900 - 5);
	(void)proposed(s, mo_tok, proposal(meridian, "Just in", "On time."));
	(void)asked(s, ada_tok, request(quillon, "4", "Just In"));
	ta_clock_to(now + 900);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/side-events", (long long)s);
	r = ta_api("POST", path, mo_tok, proposal(meridian, "Too late", "Late."));
	STATUS(r, 409);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/speaking-requests", (long long)s);
	STATUS(ta_api("POST", path, mo_tok, request(meridian, "3", "Too Late")), 409);
	assert_int_equal(ta_total(path, staff_tok), 2);
}

/* ---- setup ------------------------------------------------------------------- */

static int
setup(void **state)
{
	int64_t ada_id, rex_id, mo_id, sue_id;
	char path[128];

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	ta_accounts(db_url, PW);
	quillon = ts_org_import(db_url, "Quillon Attack Trust", "KE", "info@quillon-sa.example",
	    NULL);
	meridian = ts_org_import(db_url, "Meridian Attack Watch", "UG", "info@meridian-sa.example",
	    NULL);
	sable = ts_org_import(db_url, "Sable Attack Circle", "GH", "info@sable-sa.example", NULL);
	if (quillon <= 0 || meridian <= 0 || sable <= 0)
		return -1;
	ta_account(STAFF, "staff", 0, staff_tok, NULL);
	ta_account(ADA, "member", quillon, ada_tok, &ada_id);
	ta_account(REX, "member", quillon, rex_tok, &rex_id);
	ta_account(BO, "member", quillon, bo_tok, NULL);
	ta_account(MO, "member", meridian, mo_tok, &mo_id);
	ta_account(SUE, "member", sable, sue_tok, &sue_id);
	ta_account(NIA, "member", 0, nia_tok, NULL);
	ta_account(FE, "focal", 0, fe_tok, NULL);
	ta_org_admin(staff_tok, quillon, ada_id, "1");
	ta_org_admin(staff_tok, quillon, rex_id, "1");
	ta_org_admin(staff_tok, meridian, mo_id, "1");
	ta_org_admin(staff_tok, sable, sue_id, "1");

	s_open = session_made(61, "Kestrel session", "published");
	s_draft = session_made(62, "Tourmalix session", "published");
	se_ada = proposed(s_open, ada_tok, proposal(quillon, "Quillon side event", "Ada's."));
	se_rex = proposed(s_open, rex_tok, proposal(quillon, "Quillon second event", "Rex's."));
	se_mo = proposed(s_open, mo_tok, proposal(meridian, "Meridian side event", "Mo's."));
	se_sue = proposed(s_open, sue_tok, proposal(sable, "Sable hidden side event", "Sue's."));
	se_draft = proposed(s_draft, mo_tok, proposal(meridian, "Tourmalix draft side event",
	    "Mo's, to a draft."));
	/* Tourmalix: Mo's side event accepted, then the session back to draft */
	STATUS(ta_api("POST", se_path(path, sizeof path, s_draft, se_draft, "/decision"), staff_tok,
	    json_pack("{s:s,s:i}", "decision", "accept", "slot_id", 1)), 200);
	(void)asked(s_draft, mo_tok, request(meridian, "3", "Tourmalix Speaker"));
	snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)s_draft);
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "status", "draft")), 200);
	rq_ada = asked(s_open, ada_tok, request(quillon, "3", "Ada Speaker"));
	rq_rex = asked(s_open, rex_tok, request(quillon, "4", "Rex Speaker"));
	rq_mo = asked(s_open, mo_tok, request(meridian, "3", "Mo Speaker"));
	rq_sue = asked(s_open, sue_tok, request(sable, "3", "Sable Speaker"));

	/* then: Rex demoted, Sable suspended */
	ta_org_admin(staff_tok, quillon, rex_id, "0");
	snprintf(path, sizeof path, "/organizations/%lld/status", (long long)sable);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s}", "status", "suspended")), 303);
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
		cmocka_unit_test(test_not_theirs),
		cmocka_unit_test(test_foreign_ids),
		cmocka_unit_test(test_draft_session),
		cmocka_unit_test(test_races),
		cmocka_unit_test(test_allocation_race),
		cmocka_unit_test(test_hostile_input),
		cmocka_unit_test(test_csrf_methods),
		cmocka_unit_test(test_published_list),
		cmocka_unit_test(test_unconfirmed_admin),
		cmocka_unit_test(test_window_edges),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests_name("meetings_attack2", tests, setup, teardown);
}
