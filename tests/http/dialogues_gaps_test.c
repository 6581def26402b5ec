/*
 * dialogues_gaps_test.c -- what issue 17 still lacked around dialogues:
 * their calls on the open opportunities, the countries under review a
 * new dialogue starts with, and the focal point's open opportunities on
 * /country.
 *
 * The people: staff; Ada, an admin of Quillon (KE); Bo, an admin of Ndovu
 * (NG); Eve, a member of no organization; Fa, Kenya's focal point; Fb,
 * Nigeria's.  The review cycle: Kenya and Ghana in country review in
 * 2031, Nigeria in country review in 2030, Senegal in self-assessment in
 * 2031.
 *
 * The database is $WHATSON_TEST_DB (tests/http/run.t runs this program on
 * SQLite and on PostgreSQL), fresh.
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
#include "lib/people.h"
#include "lib/sqldirect.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

#define STAFF "sam.staff@dialogue-gaps.test"

static char staff_tok[129], ada_tok[129], bo_tok[129], eve_tok[129], fa_tok[129],
    fb_tok[129];
static int64_t quillon, ndovu;
static int64_t wg31;		/* a working group's session of 2031 */
static int64_t d_open, d_draft, d_closed;	/* dialogues on wg31 by their call's status */
static int64_t c_open, c_draft, c_closed;

/* ---- helpers ------------------------------------------------------------ */

/* POSTs body to path as staff; the new record's id (201 wanted). */
static int64_t
made(const char *path, json_t *body)
{
	return ta_made(path, staff_tok, body);
}

/* POSTs body to path as tok; the new record's id (201 wanted). */
static int64_t
made_as(const char *path, const char *tok, json_t *body)
{
	const struct ts_res *r = ta_api("POST", path, tok, body);

	STATUS(r, 201);
	return ta_id_of(r);
}

static void
review(const char *code, const char *stage, int year)
{
	char path[64];
	const struct ts_res *r;

	snprintf(path, sizeof path, "/api/v1/reviews/%s", code);
	r = ta_api("PUT", path, staff_tok, json_pack("{s:s,s:i,s:s,s:s,s:s,s:s}", "cluster",
	    "criminalization_jurisdiction", "year", year, "reviewer_1", "PE", "reviewer_2", "FR",
	    "stage", stage, "self_assessment_date", "2029-11-03"));
	assert_true(r->status == 201 || r->status == 200);
}

static int64_t
event_made(const char *title, const char *start, const char *end)
{
	return made("/api/v1/events", json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "kind",
	    "workshop", "title", title, "timezone", "Europe/Vienna", "start", start, "end", end,
	    "status", "published"));
}

static int64_t
call_made(const char *title, const char *status)
{
	return made("/api/v1/calls", json_pack("{s:s,s:s,s:s,s:s,s:s,s:[{s:s,s:s,s:s,s:b}]}",
	    "kind", "dialogue", "title", title, "timezone", "Europe/Vienna", "closes",
	    "2031-04-01T23:59", "status", status, "questions", "id", "expertise", "label",
	    "Your expertise", "type", "text", "required", 1));
}

/* A dialogue on wg31 with call call and its own two events; countries
 * (NULL: the field left out). */
static int64_t
dialogue_made(const char *title, int64_t call, json_t *countries)
{
	char t[120];
	int64_t prep, ev;
	json_t *b;

	snprintf(t, sizeof t, "%s: preparation day", title);
	prep = event_made(t, "2031-05-22T09:00", "2031-05-22T17:00");
	ev = event_made(title, "2031-05-23T09:00", "2031-05-23T17:00");
	b = json_pack("{s:s,s:I,s:I,s:I,s:I,s:s}", "title", title, "meeting_id",
	    (json_int_t)wg31, "prep_event_id", (json_int_t)prep, "event_id", (json_int_t)ev,
	    "call_id", (json_int_t)call, "inputs_close", "2031-06-30T18:00");
	if (countries)
		json_object_set_new(b, "countries", countries);
	return made("/api/v1/dialogues", b);
}

/* The ids of the opportunities of type type tok has (all pages). */
static json_t *
opportunities(const char *tok, const char *type)
{
	const struct ts_res *r = ta_api("GET", "/api/v1/opportunities?per_page=100", tok, NULL);
	json_t *j, *out = json_array(), *it;
	size_t i;

	STATUS(r, 200);
	j = ts_jbody(r);
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (strcmp(json_string_value(json_object_get(it, "type")), type) == 0)
			json_array_append(out, json_object_get(it, "id"));
	json_decref(j);
	return out;
}

static int
has_id(json_t *ids, int64_t id)
{
	json_t *x;
	size_t i;

	json_array_foreach(ids, i, x)
		if (json_integer_value(x) == id)
			return 1;
	return 0;
}

/* ---- the dialogues' calls on the open opportunities ----------------------- */

/*
 * The open dialogue call is on the open opportunities of those who may
 * apply (an organization's admin, a member of none), on the page and its
 * JSON twin; not a focal point's (governments do not apply); the draft
 * and the closed ones are no one's.
 */
static void
test_opportunities(void **state)
{
	const char *toks[] = { ada_tok, bo_tok, eve_tok };
	const struct ts_res *r;
	struct ts_browser *b;
	json_t *ids;
	size_t k;

	(void)state;
	for (k = 0; k < 3; k++) {
		ids = opportunities(toks[k], "call");
		assert_true(has_id(ids, c_open));
		assert_false(has_id(ids, c_draft));
		assert_false(has_id(ids, c_closed));
		json_decref(ids);
	}
	ids = opportunities(fa_tok, "call");
	assert_false(has_id(ids, c_open));
	json_decref(ids);
	ids = opportunities(staff_tok, "call");
	assert_false(has_id(ids, c_draft));
	json_decref(ids);
	/* the page names the call as a constructive dialogue's */
	b = ts_signed_in(&srv, NULL, "ada@quillon-gaps.example", PW);
	assert_non_null(b);
	r = ts_get(b, "/opportunities");
	STATUS(r, 200);
	HAS(r, "Participants in the open dialogue");
	LACKS(r, "Participants in the draft dialogue");
	LACKS(r, "Participants in the closed dialogue");
	ts_browser_free(b);
}

/* ---- the countries a new dialogue starts with ------------------------------ */

/* The countries of dialogue id (a JSON array, new reference). */
static json_t *
countries_of(int64_t id)
{
	char path[64];
	const struct ts_res *r;
	json_t *j, *c;

	snprintf(path, sizeof path, "/api/v1/dialogues/%lld", (long long)id);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	c = json_incref(json_object_get(j, "countries"));
	json_decref(j);
	return c;
}

static void
countries_are(int64_t id, const char *want)
{
	json_t *c = countries_of(id);
	char *got = json_dumps(c, JSON_COMPACT);

	printf("# countries of %lld: %s\n", (long long)id, got);
	assert_string_equal(got, want);
	free(got);
	json_decref(c);
}

/*
 * A dialogue created without countries starts with those in country
 * review in its session's year (Kenya and Ghana for 2031; not Nigeria,
 * 2030, nor Senegal, in self-assessment); sent, they are what staff sent,
 * none included; a PATCH without them keeps them.  The staff form lists
 * every country in country review with its year, this year's checked, and
 * saves the boxes checked and the codes typed; back with an error, it
 * keeps what was checked.
 */
static void
test_countries_default(void **state)
{
	struct ts_browser *b;
	const struct ts_res *r;
	char path[80], year[8], box[64];
	int64_t id, c1, c2, c3;
	time_t now = time(NULL);
	struct tm tm;

	(void)state;
	c1 = call_made("Participants in dialogue one", "open");
	c2 = call_made("Participants in dialogue two", "open");
	c3 = call_made("Participants in dialogue three", "open");
	id = dialogue_made("Dialogue one", c1, NULL);
	countries_are(id, "[\"GH\",\"KE\"]");
	countries_are(dialogue_made("Dialogue two", c2, json_array()), "[]");
	countries_are(dialogue_made("Dialogue three", c3, json_pack("[s]", "br")), "[\"BR\"]");
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld", (long long)id);
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "title",
	    "Dialogue one, renamed")), 200);
	countries_are(id, "[\"GH\",\"KE\"]");
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:[s]}", "countries", "NG")), 200);
	countries_are(id, "[\"NG\"]");

	/* the form: Benin in country review this year, checked; the others not */
	gmtime_r(&now, &tm);
	review("BJ", "country_review", tm.tm_year + 1900);
	snprintf(year, sizeof year, "%d", tm.tm_year + 1900);
	b = ts_signed_in(&srv, NULL, STAFF, PW);
	assert_non_null(b);
	r = ts_get(b, "/staff/dialogues/new");
	STATUS(r, 200);
	HAS(r, "name=\"countries\" value=\"BJ\" checked");
	HAS(r, "name=\"countries\" value=\"KE\">");
	HAS(r, "name=\"countries\" value=\"GH\">");
	HAS(r, "name=\"countries\" value=\"NG\">");
	LACKS(r, "value=\"SN\"");
	snprintf(box, sizeof box, "(BJ, %s)", year);
	HAS(r, box);
	/* a mistake (no title): the boxes checked stay checked, the codes typed too */
	r = ts_form(b, "/staff/dialogues/new", "meeting_id", "999999", "countries", "KE",
	    "countries", "NG", "countries_other", "br", (char *)NULL);
	STATUS(r, 422);
	HAS(r, "name=\"countries\" value=\"KE\" checked");
	HAS(r, "name=\"countries\" value=\"NG\" checked");
	HAS(r, "name=\"countries\" value=\"BJ\">");
	HAS(r, "value=\"br\"");
	/* the edit form shows the dialogue's own checked */
	snprintf(path, sizeof path, "/staff/dialogues/%lld/edit", (long long)id);
	r = ts_get(b, path);
	STATUS(r, 200);
	HAS(r, "name=\"countries\" value=\"NG\" checked");
	HAS(r, "name=\"countries\" value=\"KE\">");
	ts_browser_free(b);
}

/* ---- the focal point's open opportunities -------------------------------- */

/* The /api/v1/country of tok: its opportunities (new reference). */
static json_t *
country_opps(const char *tok)
{
	const struct ts_res *r = ta_api("GET", "/api/v1/country", tok, NULL);
	json_t *j, *o;

	STATUS(r, 200);
	j = ts_jbody(r);
	o = json_incref(json_object_get(j, "opportunities"));
	json_decref(j);
	assert_true(json_is_array(o));
	return o;
}

/* The item of opps titled title, or NULL. */
static json_t *
opp_titled(json_t *opps, const char *title)
{
	json_t *x;
	size_t i;

	json_array_foreach(opps, i, x)
		if (strcmp(json_string_value(json_object_get(x, "title")), title) == 0)
			return x;
	return NULL;
}

/*
 * Kenya's focal point sees, on /country and its twin, the dialogues ahead
 * that concern Kenya (under review in the open one and the draft-call one,
 * whose events are still to come) and the meetings ahead of Kenya's
 * initiative (not its past one, nor the concluded initiative's), soonest
 * first, each with its date and link; never Nigeria's.  Nigeria's sees the
 * one with Nigeria under review, and not the open one even once a Nigerian
 * organization applied to its call.  The page shows
 * what the JSON says.  Demoted, the focal point sees nothing (403).
 */
static void
test_focal_view(void **state)
{
	struct ts_browser *fa, *fb;
	const struct ts_res *r;
	json_t *opps, *x, *y;
	char path[80], href[80];
	int64_t past, m1, m2, ini, done, fa_id;
	size_t i;

	(void)state;
	past = event_made("Kenya pilot kick-off", "2025-01-10T09:00", "2025-01-10T17:00");
	m1 = event_made("Kenya pilot workshop", "2031-03-10T09:00", "2031-03-10T17:00");
	m2 = event_made("Concluded pilot meeting", "2031-02-10T09:00", "2031-02-10T17:00");
	ini = made("/api/v1/initiatives", json_pack("{s:s,s:s,s:s,s:[I,I]}", "country", "KE",
	    "title", "Kenya pilot on firearms", "status", "active", "meetings", (json_int_t)past,
	    (json_int_t)m1));
	done = made("/api/v1/initiatives", json_pack("{s:s,s:s,s:s,s:[I]}", "country", "KE",
	    "title", "Kenya pilot, concluded", "status", "concluded", "meetings",
	    (json_int_t)m2));
	(void)done;

	opps = country_opps(fa_tok);
	assert_non_null(x = opp_titled(opps, "The open dialogue"));
	assert_string_equal(json_string_value(json_object_get(x, "what")), "call_closes");
	assert_true(json_is_true(json_object_get(x, "under_review")));
	assert_string_equal(json_string_value(json_object_get(x, "date")),
	    "2031-04-01T23:59:00+02:00");
	snprintf(href, sizeof href, "/dialogues/%lld", (long long)d_open);
	assert_string_equal(json_string_value(json_object_get(x, "href")), href);
	assert_non_null(x = opp_titled(opps, "The draft dialogue"));
	assert_string_equal(json_string_value(json_object_get(x, "what")), "preparation_day");
	assert_null(opp_titled(opps, "The closed dialogue"));
	assert_non_null(x = opp_titled(opps, "Kenya pilot workshop"));
	assert_string_equal(json_string_value(json_object_get(x, "type")), "initiative_meeting");
	assert_int_equal(ta_num(json_object_get(x, "initiative"), "id"), ini);
	assert_null(opp_titled(opps, "Kenya pilot kick-off"));
	assert_null(opp_titled(opps, "Concluded pilot meeting"));
	/* soonest first */
	for (i = 1; i < json_array_size(opps); i++)
		assert_true(strcmp(json_string_value(json_object_get(json_array_get(opps, i - 1),
		    "date")), json_string_value(json_object_get(json_array_get(opps, i),
		    "date"))) <= 0);
	/* the page shows each, with its link */
	fa = ts_signed_in(&srv, NULL, "fa@interior-gaps.go.ke", PW);
	assert_non_null(fa);
	r = ts_get(fa, "/country");
	STATUS(r, 200);
	HAS(r, "Open opportunities for the government");
	json_array_foreach(opps, i, y) {
		HAS(r, json_string_value(json_object_get(y, "title")));
		{	/* the page escapes / in attributes */
			const char *h = json_string_value(json_object_get(y, "href"));
			size_t n = 0;

			n += (size_t)snprintf(href, sizeof href, "href=\"");
			for (; *h && n + 8 < sizeof href; h++)
				n += (size_t)snprintf(href + n, sizeof href - n, *h == '/' ? "&#x2F;" :
				    "%c", *h);
			snprintf(href + n, sizeof href - n, "\"");
		}
		HAS(r, href);
	}
	LACKS(r, "The closed dialogue");
	json_decref(opps);
	/* the country's page for members has no such section */
	LACKS(ta_api("GET", "/api/v1/countries/KE", ada_tok, NULL), "\"opportunities\"");
	LACKS(ta_api("GET", "/api/v1/countries/KE", fa_tok, NULL), "\"opportunities\"");

	/* Nigeria's: the closed-call dialogue (Nigeria under review), not Kenya's */
	opps = country_opps(fb_tok);
	assert_non_null(x = opp_titled(opps, "The closed dialogue"));
	assert_true(json_is_true(json_object_get(x, "under_review")));
	assert_null(opp_titled(opps, "The open dialogue"));
	assert_null(opp_titled(opps, "Kenya pilot workshop"));
	json_decref(opps);
	fb = ts_signed_in(&srv, NULL, "fb@interior-gaps.gov.ng", PW);
	assert_non_null(fb);
	r = ts_get(fb, "/country");
	STATUS(r, 200);
	LACKS(r, "Kenya pilot workshop");
	LACKS(r, "The open dialogue");
	STATUS(ts_get(fb, "/countries/KE"), 403);
	/* Ndovu (NG) applies to the open dialogue's call: still not Nigeria's
	 * (an application says nothing to the government: the organization may
	 * hide its country from it, and staff have not decided) */
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)c_open);
	(void)made_as(path, bo_tok, json_pack("{s:I,s:s,s:{s:s}}", "organization_id",
	    (json_int_t)ndovu, "status", "submitted", "answers", "expertise",
	    "Community violence reduction"));
	opps = country_opps(fb_tok);
	assert_null(opp_titled(opps, "The open dialogue"));
	json_decref(opps);
	ts_browser_free(fb);

	/* demoted: nothing */
	fa_id = ts_sql_int("SELECT id FROM users WHERE email = 'fa@interior-gaps.go.ke'");
	ts_sql_int("UPDATE users SET role = 'member' WHERE id = %lld", (long long)fa_id);
	STATUS(ta_api("GET", "/api/v1/country", fa_tok, NULL), 403);
	r = ts_get(fa, "/country");
	STATUS(r, 403);
	LACKS(r, "The open dialogue");
	LACKS(r, "Kenya pilot workshop");
	ts_sql_int("UPDATE users SET role = 'focal' WHERE id = %lld", (long long)fa_id);
	ts_browser_free(fa);
}

/* ---- staff invite a focal point -------------------------------------------- */

/*
 * Staff invite Kenya's focal point to the closed-call dialogue (on
 * Nigeria, not Kenya): 201, a mail, and the dialogue is then on Kenya's
 * view, marked invited (not on Nigeria's as invited); the participants
 * page and its twin list it.  Twice is a 409; someone who is no focal
 * point a 422 naming user_id; a dialogue on a draft session a 409; anyone
 * but staff 403 (401 for a visitor), nothing written.  The staff form does
 * the same, and comes back saying why.
 */
static void
test_invitations(void **state)
{
	struct ts_browser *st;
	struct ts_mail m;
	const struct ts_res *r;
	char path[96], form[96], uid[32];
	int64_t fa_id, fb_id, ada_id, draft_s, dd, call;
	json_t *opps, *x, *j;

	(void)state;
	fa_id = ts_sql_int("SELECT id FROM users WHERE email = 'fa@interior-gaps.go.ke'");
	fb_id = ts_sql_int("SELECT id FROM users WHERE email = 'fb@interior-gaps.gov.ng'");
	ada_id = ts_sql_int("SELECT id FROM users WHERE email = 'ada@quillon-gaps.example'");
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld/invitations", (long long)d_closed);
	/* not staff */
	STATUS(ta_api("POST", path, NULL, json_pack("{s:I}", "user_id", (json_int_t)fa_id)), 401);
	STATUS(ta_api("POST", path, ada_tok, json_pack("{s:I}", "user_id", (json_int_t)fa_id)),
	    403);
	STATUS(ta_api("POST", path, fa_tok, json_pack("{s:I}", "user_id", (json_int_t)fa_id)), 403);
	/* no focal point */
	r = ta_api("POST", path, staff_tok, json_pack("{s:I}", "user_id", (json_int_t)ada_id));
	STATUS(r, 422);
	HAS(r, "\"user_id\"");
	STATUS(ta_api("POST", path, staff_tok, json_object()), 422);
	opps = country_opps(fa_tok);
	assert_null(opp_titled(opps, "The closed dialogue"));
	json_decref(opps);

	/* invited: mailed, on Kenya's view */
	r = ta_api("POST", path, staff_tok, json_pack("{s:I}", "user_id", (json_int_t)fa_id));
	STATUS(r, 201);
	j = ts_jbody(r);
	assert_int_equal(ta_num(j, "user_id"), fa_id);
	assert_string_equal(json_string_value(json_object_get(j, "country")), "KE");
	assert_int_equal(ta_num(j, "dialogue_id"), d_closed);
	json_decref(j);
	assert_int_equal(ts_mail_wait(&sink, "fa@interior-gaps.go.ke", 10000, &m), 0);
	assert_non_null(strstr(m.subject, "Invitation to a constructive dialogue"));
	assert_non_null(strstr(m.subject, "The closed dialogue"));
	snprintf(form, sizeof form, "/dialogues/%lld", (long long)d_closed);
	assert_non_null(strstr(m.body, form));
	assert_non_null(strstr(m.body, "/country"));
	ts_mail_free(&m);
	opps = country_opps(fa_tok);
	assert_non_null(x = opp_titled(opps, "The closed dialogue"));
	assert_true(json_is_true(json_object_get(x, "invited")));
	assert_false(json_is_true(json_object_get(x, "under_review")));
	json_decref(opps);
	opps = country_opps(fb_tok);
	assert_non_null(x = opp_titled(opps, "The closed dialogue"));
	assert_false(json_is_true(json_object_get(x, "invited")));
	json_decref(opps);
	/* twice */
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:I}", "user_id",
	    (json_int_t)fa_id)), 409);
	/* the participants' twin */
	snprintf(path, sizeof path, "/api/v1/staff/dialogues/%lld/participants",
	    (long long)d_closed);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_int_equal(json_array_size(json_object_get(j, "invitations")), 1);
	assert_int_equal(ta_num(json_array_get(json_object_get(j, "invitations"), 0), "user_id"),
	    fa_id);
	json_decref(j);

	/* a dialogue on a draft session: focal points may not see it */
	draft_s = made("/api/v1/meetings", json_pack("{s:s,s:s,s:i,s:s,s:s,s:s,s:s,s:s}", "body",
	    "untoc_wg", "working_group", "firearms", "number", 12, "title", "Firearms draft",
	    "timezone", "Europe/Vienna", "start", "2031-09-19T10:00", "end", "2031-09-21T18:00",
	    "status", "draft"));
	call = call_made("Participants in the hidden dialogue", "open");
	dd = made("/api/v1/dialogues", json_pack("{s:s,s:I,s:I,s:I,s:I,s:s}", "title",
	    "The hidden dialogue", "meeting_id", (json_int_t)draft_s, "prep_event_id",
	    (json_int_t)event_made("Hidden prep", "2031-09-22T09:00", "2031-09-22T17:00"),
	    "event_id", (json_int_t)event_made("Hidden dialogue", "2031-09-23T09:00",
	    "2031-09-23T17:00"), "call_id", (json_int_t)call, "inputs_close", "2031-10-30T18:00"));
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld/invitations", (long long)dd);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:I}", "user_id",
	    (json_int_t)fa_id)), 409);

	/* the staff form on the participants page */
	st = ts_signed_in(&srv, NULL, STAFF, PW);
	assert_non_null(st);
	snprintf(path, sizeof path, "/staff/dialogues/%lld/participants", (long long)d_draft);
	r = ts_get(st, path);
	STATUS(r, 200);
	HAS(r, "No focal point invited yet.");
	HAS(r, "fb@interior-gaps.gov.ng (NG)");
	snprintf(form, sizeof form, "/staff/dialogues/%lld/invitations", (long long)d_draft);
	r = ts_form(st, form, "user_id", "999999", (char *)NULL);
	STATUS(r, 422);
	HAS(r, "Choose a government");
	snprintf(uid, sizeof uid, "%lld", (long long)fb_id);
	r = ts_form(st, form, "user_id", uid, (char *)NULL);
	STATUS(r, 303);
	r = ts_get(st, path);
	STATUS(r, 200);
	HAS(r, "Focal points invited");
	LACKS(r, "No focal point invited yet.");
	assert_int_equal(ts_mail_wait(&sink, "fb@interior-gaps.gov.ng", 10000, &m), 0);
	assert_non_null(strstr(m.subject, "The draft dialogue"));
	ts_mail_free(&m);
	r = ts_form(st, form, "user_id", uid, (char *)NULL);
	STATUS(r, 409);
	HAS(r, "invited to this dialogue already");
	ts_browser_free(st);
	opps = country_opps(fb_tok);
	assert_non_null(x = opp_titled(opps, "The draft dialogue"));
	assert_true(json_is_true(json_object_get(x, "invited")));
	json_decref(opps);
}

/* ---- setup -------------------------------------------------------------- */

static int
setup(void **state)
{
	int64_t ada_id, bo_id;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	ta_accounts(db_url, PW);
	quillon = ts_org_import(db_url, "Quillon Gaps Trust", "KE", "info@quillon-gaps.example",
	    NULL);
	ndovu = ts_org_import(db_url, "Ndovu Gaps Network", "NG", "info@ndovu-gaps.example", NULL);
	if (quillon <= 0 || ndovu <= 0)
		return -1;
	ta_account(STAFF, "staff", 0, staff_tok, NULL);
	ta_account("ada@quillon-gaps.example", "member", quillon, ada_tok, &ada_id);
	ta_account("bo@ndovu-gaps.example", "member", ndovu, bo_tok, &bo_id);
	ta_account("eve@none-gaps.example", "member", 0, eve_tok, NULL);
	ta_account("fa@interior-gaps.go.ke", "focal", 0, fa_tok, NULL);
	ta_account("fb@interior-gaps.gov.ng", "focal", 0, fb_tok, NULL);
	ta_org_admin(staff_tok, quillon, ada_id, "1");
	ta_org_admin(staff_tok, ndovu, bo_id, "1");
	ts_db_open(db_url);
	ts_sql_int("UPDATE users SET country = 'KE' WHERE email = 'fa@interior-gaps.go.ke'");
	ts_sql_int("UPDATE users SET country = 'NG' WHERE email = 'fb@interior-gaps.gov.ng'");
	review("KE", "country_review", 2031);
	review("GH", "country_review", 2031);
	review("NG", "country_review", 2030);
	review("SN", "self_assessment", 2031);
	wg31 = made("/api/v1/meetings", json_pack("{s:s,s:s,s:i,s:s,s:s,s:s,s:s,s:s}", "body",
	    "untoc_wg", "working_group", "firearms", "number", 11, "title", "Firearms 2031",
	    "timezone", "Europe/Vienna", "start", "2031-05-19T10:00", "end", "2031-05-21T18:00",
	    "status", "published"));
	c_open = call_made("Participants in the open dialogue", "open");
	c_draft = call_made("Participants in the draft dialogue", "draft");
	c_closed = call_made("Participants in the closed dialogue", "closed");
	d_open = dialogue_made("The open dialogue", c_open, json_pack("[s]", "KE"));
	d_draft = dialogue_made("The draft dialogue", c_draft, json_pack("[s]", "KE"));
	d_closed = dialogue_made("The closed dialogue", c_closed, json_pack("[s]", "NG"));
	return 0;
}

/*
 * The dates of a dialogue's preparation day and of the dialogue are the
 * government's only while those events are published: with both set back
 * to drafts (the call closed), Nigeria's focal point no longer has "The
 * closed dialogue" among its opportunities; published again, it has.
 */
static void
test_focal_draft_events(void **state)
{
	json_t *opps;

	(void)state;
	opps = country_opps(fb_tok);
	assert_non_null(opp_titled(opps, "The closed dialogue"));
	json_decref(opps);
	ts_sql_int("UPDATE events SET status = 'draft' WHERE id IN (SELECT prep_event_id FROM "
	    "dialogues WHERE id = %lld UNION SELECT event_id FROM dialogues WHERE id = %lld)",
	    (long long)d_closed, (long long)d_closed);
	opps = country_opps(fb_tok);
	assert_null(opp_titled(opps, "The closed dialogue"));
	json_decref(opps);
	ts_sql_int("UPDATE events SET status = 'published' WHERE id IN (SELECT prep_event_id "
	    "FROM dialogues WHERE id = %lld UNION SELECT event_id FROM dialogues WHERE id = %lld)",
	    (long long)d_closed, (long long)d_closed);
	opps = country_opps(fb_tok);
	assert_non_null(opp_titled(opps, "The closed dialogue"));
	json_decref(opps);
}

static int
teardown(void **state)
{
	(void)state;
	ts_browser_free(plain);
	ts_db_close();
	ts_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_opportunities),
		cmocka_unit_test(test_countries_default),
		cmocka_unit_test(test_focal_view),
		cmocka_unit_test(test_invitations),
		cmocka_unit_test(test_focal_draft_events),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	return cmocka_run_group_tests_name("dialogues_gaps", tests, setup, teardown);
}
