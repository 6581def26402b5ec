/*
 * initiatives_test.c -- country pilot initiatives (issue 17), as staff
 * who make them and the people who take part meet them: an initiative
 * with its focal point, partners and experts; who sees what (a visitor,
 * a member who takes no part, a participant, staff); outputs that staff
 * alone publish, to members or the public; the private space, its
 * updates a page at a time, each mailed to the other participants; bad
 * input refused with the field named and nothing written; a call's
 * accepted applicant joining in the decision's transaction; the
 * participation in the person's account, the expert's page and the
 * organization's history; the pages and staff's form without JavaScript,
 * in English and French; a country's initiatives as the country page
 * will show them (through a test hook: that page is not built yet).
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
#include "lib/people.h"
#include "lib/sqldirect.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

/* staff; Fe, a focal point of Kenya; Gu, of Uganda; Ada, an admin of
 * Quillon (KE); Bo, a member of Norrow, which takes no part; Ed, an
 * expert (a member without an organization); Cy, Quillon's other person */
static char staff_tok[129], fe_tok[129], gu_tok[129], ada_tok[129], bo_tok[129],
    ed_tok[129], cy_tok[129];
static int64_t quillon, norrow, fe_id, gu_id, ada_id, bo_id, ed_id, cy_id;

#define FE "fe@interior-pi.go.ke"
#define ED "ed@research-pi.example"
#define CY "cy@quillon-pi.example"

/* ---- helpers ------------------------------------------------------------ */

static void
tokens(void)
{
	assert_int_equal(ts_token(plain, "sam.staff@pilot.test", PW, staff_tok, 129), 0);
	assert_int_equal(ts_token(plain, FE, PW, fe_tok, 129), 0);
	assert_int_equal(ts_token(plain, "gu@interior-pi.go.ug", PW, gu_tok, 129), 0);
	assert_int_equal(ts_token(plain, "ada@quillon-pi.example", PW, ada_tok, 129), 0);
	assert_int_equal(ts_token(plain, "bo@norrow-pi.example", PW, bo_tok, 129), 0);
	assert_int_equal(ts_token(plain, ED, PW, ed_tok, 129), 0);
	assert_int_equal(ts_token(plain, CY, PW, cy_tok, 129), 0);
}

/* An initiative staff create from body (consumed; country KE and a title
 * filled in when absent); its id. */
static int64_t
initiative_made(json_t *body)
{
	if (!json_object_get(body, "country"))
		json_object_set_new(body, "country", json_string("KE"));
	if (!json_object_get(body, "title"))
		json_object_set_new(body, "title", json_string("A pilot initiative"));
	return ta_made("/api/v1/initiatives", staff_tok, body);
}

/* POSTs body to path as staff and asserts a 422 naming each of fields
 * (NULL-terminated). */
static void
refused(const char *method, const char *path, json_t *body, ...)
{
	const struct ts_res *r = ta_api(method, path, staff_tok, body);
	const char *field;
	va_list ap;
	json_t *j;

	STATUS(r, 422);
	j = ts_jbody(r);
	va_start(ap, body);
	while ((field = va_arg(ap, const char *)) != NULL) {
		if (!json_object_get(json_object_get(j, "errors"), field))
			printf("# no message for %s: %s\n", field, r->body);
		assert_non_null(json_object_get(json_object_get(j, "errors"), field));
	}
	va_end(ap);
	json_decref(j);
}

static int64_t
count_initiatives(void)
{
	return ts_sql_int("SELECT count(*) FROM initiatives");
}

/* Staff invite kind (organization, expert, focal) ref to initiative id. */
static void
invite(int64_t id, const char *kind, int64_t ref, int status)
{
	char path[96];

	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/participants", (long long)id);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s,s:I}", "kind", kind,
	    strcmp(kind, "organization") == 0 ? "organization_id" : "user_id",
	    (json_int_t)ref)), status);
}

/* The output titled title among initiative view j's, or NULL (borrowed). */
static json_t *
output_titled(json_t *j, const char *title)
{
	json_t *o;
	size_t i;

	json_array_foreach(json_object_get(j, "outputs"), i, o)
		if (strcmp(ta_str(o, "title"), title) == 0)
			return o;
	return NULL;
}

/* ---- making and changing ----------------------------------------------------- */

static void
test_create(void **state)
{
	const struct ts_res *r;
	char path[64];
	json_t *j, *parts;
	int64_t id;

	(void)state;
	id = initiative_made(json_pack("{s:s,s:s,s:s,s:s,s:[I]}", "country", "ke", "title",
	    "Following up the review in Kenya", "summary", "Government and **stakeholders** "
	    "together.", "status", "active", "focal_points", (json_int_t)fe_id));
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld", (long long)id);
	j = ta_get_json(path, staff_tok, 200);
	assert_string_equal(ta_str(j, "country"), "KE");
	assert_string_equal(ta_str(j, "country_name"), "Kenya");
	assert_string_equal(ta_str(j, "status"), "active");
	assert_non_null(strstr(ta_str(j, "summary_html"), "<strong>stakeholders</strong>"));
	parts = json_object_get(j, "participants");
	assert_int_equal(json_array_size(parts), 1);
	assert_string_equal(ta_str(json_array_get(parts, 0), "kind"), "focal");
	assert_int_equal(ta_num(json_array_get(parts, 0), "user_id"), fe_id);
	json_decref(j);

	/* staff change what they send; the rest stays */
	r = ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "status", "concluded"));
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_string_equal(ta_str(j, "status"), "concluded");
	assert_string_equal(ta_str(j, "title"), "Following up the review in Kenya");
	assert_int_equal(ta_num(j, "participants_count"), 1);
	json_decref(j);
	/* only staff */
	STATUS(ta_api("PATCH", path, ada_tok, json_pack("{s:s}", "status", "active")), 403);
	STATUS(ta_api("POST", "/api/v1/initiatives", fe_tok, json_pack("{s:s,s:s}", "country",
	    "KE", "title", "Mine")), 403);
	STATUS(ta_api("POST", "/api/v1/initiatives", NULL, json_pack("{s:s,s:s}", "country",
	    "KE", "title", "Mine")), 401);
	STATUS(ta_api("GET", "/api/v1/initiatives/999999", NULL, NULL), 404);
}

static void
test_bad_input(void **state)
{
	int64_t before = count_initiatives(), id;
	char path[64];

	(void)state;
	/* a country that does not exist; missing fields, each named; a
	 * status that does not exist */
	refused("POST", "/api/v1/initiatives", json_pack("{s:s,s:s}", "country", "XX",
	    "title", "Nowhere"), "country", NULL);
	refused("POST", "/api/v1/initiatives", json_pack("{s:s,s:s}", "country", "KEN",
	    "title", "Too long a code"), "country", NULL);
	refused("POST", "/api/v1/initiatives", json_pack("{s:s}", "summary", "Nothing else"),
	    "country", "title", NULL);
	refused("POST", "/api/v1/initiatives", json_pack("{s:s,s:s,s:s}", "country", "KE",
	    "title", "Bad status", "status", "paused"), "status", NULL);
	/* a focal point of another country, or no focal point at all */
	refused("POST", "/api/v1/initiatives", json_pack("{s:s,s:s,s:[I]}", "country", "KE",
	    "title", "Wrong focal", "focal_points", (json_int_t)gu_id), "focal_points", NULL);
	refused("POST", "/api/v1/initiatives", json_pack("{s:s,s:s,s:[I]}", "country", "KE",
	    "title", "Not a focal", "focal_points", (json_int_t)ada_id), "focal_points", NULL);
	/* ids of things that are not there, or not ids */
	refused("POST", "/api/v1/initiatives", json_pack("{s:s,s:s,s:[i]}", "country", "KE",
	    "title", "No such meeting", "meetings", 999999), "meetings", NULL);
	refused("POST", "/api/v1/initiatives", json_pack("{s:s,s:s,s:s}", "country", "KE",
	    "title", "Bad documents", "documents", "many"), "documents", NULL);
	refused("POST", "/api/v1/initiatives", json_pack("{s:s,s:s,s:i}", "country", "KE",
	    "title", "No such note", "concept_note", 999999), "concept_note", NULL);
	refused("POST", "/api/v1/initiatives", json_pack("{s:s,s:s,s:i}", "country", "KE",
	    "title", "No such call", "call_id", 999999), "call_id", NULL);
	/* nothing half-written */
	assert_int_equal(count_initiatives(), before);

	/* an edit that fails changes nothing */
	id = initiative_made(json_pack("{s:s}", "title", "Stays as it is"));
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld", (long long)id);
	refused("PATCH", path, json_pack("{s:s,s:s}", "title", "Changed", "country", "ZZ"),
	    "country", NULL);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM initiatives WHERE id = %lld AND "
	    "title = 'Stays as it is' AND country = 'KE'", (long long)id), 1);
}

/* ---- who sees what; outputs --------------------------------------------------- */

static void
test_visibility(void **state)
{
	const struct ts_res *r;
	char path[96], pub[128];
	json_t *j, *o;
	int64_t id, oid_m, oid_p;

	(void)state;
	id = initiative_made(json_pack("{s:s,s:s,s:[I]}", "title", "Who sees what", "status",
	    "active", "focal_points", (json_int_t)fe_id));
	invite(id, "organization", quillon, 201);
	invite(id, "organization", quillon, 200);	/* once */
	invite(id, "expert", ed_id, 201);
	invite(id, "expert", ada_id + 100000, 422);
	invite(id, "focal", gu_id, 422);		/* another country's */

	/* outputs: a participant writes drafts; one who takes no part may not */
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/outputs", (long long)id);
	r = ta_api("POST", path, ada_tok, json_pack("{s:s,s:s,s:s}", "kind", "lessons_learned",
	    "title", "For members", "body", "Start *early*."));
	STATUS(r, 201);
	j = ts_jbody(r);
	o = output_titled(j, "For members");
	assert_non_null(o);
	assert_string_equal(ta_str(o, "status"), "draft");
	oid_m = ta_num(o, "id");
	json_decref(j);
	r = ta_api("POST", path, staff_tok, json_pack("{s:s,s:s,s:s}", "kind", "recommendations",
	    "title", "For everyone", "body", "Publish the timetable."));
	STATUS(r, 201);
	j = ts_jbody(r);
	oid_p = ta_num(output_titled(j, "For everyone"), "id");
	json_decref(j);
	STATUS(ta_api("POST", path, bo_tok, json_pack("{s:s,s:s,s:s}", "kind", "best_practices",
	    "title", "Not mine", "body", "No.")), 403);
	refused("POST", path, json_pack("{s:s,s:s,s:s}", "kind", "wisdom", "title", "Bad kind",
	    "body", "x"), "kind", NULL);

	/* only staff publish: a participant, a member, a focal point get 403 */
	snprintf(pub, sizeof pub, "/api/v1/initiatives/%lld/outputs/%lld/publish",
	    (long long)id, (long long)oid_m);
	STATUS(ta_api("POST", pub, ada_tok, json_pack("{s:s}", "audience", "members")), 403);
	STATUS(ta_api("POST", pub, bo_tok, json_pack("{s:s}", "audience", "members")), 403);
	STATUS(ta_api("POST", pub, fe_tok, json_pack("{s:s}", "audience", "public")), 403);
	STATUS(ta_api("POST", pub, NULL, json_pack("{s:s}", "audience", "public")), 401);
	refused("POST", pub, json_pack("{s:s}", "audience", "everybody"), "audience", NULL);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM initiative_outputs WHERE "
	    "initiative_id = %lld AND status = 'published'", (long long)id), 0);
	STATUS(ta_api("POST", pub, staff_tok, json_pack("{s:s}", "audience", "members")), 200);
	snprintf(pub, sizeof pub, "/api/v1/initiatives/%lld/outputs/%lld/publish",
	    (long long)id, (long long)oid_p);
	STATUS(ta_api("POST", pub, staff_tok, json_pack("{s:s}", "audience", "public")), 200);
	snprintf(pub, sizeof pub, "/api/v1/initiatives/%lld/outputs/999999/publish",
	    (long long)id);
	STATUS(ta_api("POST", pub, staff_tok, json_pack("{s:s}", "audience", "public")), 404);

	/* a visitor: public fields and the public output, no participants */
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld", (long long)id);
	j = ta_get_json(path, NULL, 200);
	assert_string_equal(ta_str(j, "title"), "Who sees what");
	assert_int_equal(ta_num(j, "participants_count"), 3);
	assert_null(json_object_get(j, "participants"));
	assert_int_equal(json_array_size(json_object_get(j, "outputs")), 1);
	assert_non_null(output_titled(j, "For everyone"));
	assert_false(json_is_true(json_object_get(j, "can_enter_space")));
	json_decref(j);
	/* a member who takes no part: the outputs to members too, the
	 * participants, no space */
	j = ta_get_json(path, bo_tok, 200);
	assert_int_equal(json_array_size(json_object_get(j, "outputs")), 2);
	assert_int_equal(json_array_size(json_object_get(j, "participants")), 3);
	assert_false(json_is_true(json_object_get(j, "is_participant")));
	json_decref(j);
	/* a focal point of another country sees what members see */
	j = ta_get_json(path, gu_tok, 200);
	assert_int_equal(json_array_size(json_object_get(j, "outputs")), 2);
	json_decref(j);
	/* Quillon's other person takes part through it */
	j = ta_get_json(path, cy_tok, 200);
	assert_true(json_is_true(json_object_get(j, "is_participant")));
	assert_true(json_is_true(json_object_get(j, "can_enter_space")));
	json_decref(j);

	/* the list: everyone sees every initiative, filtered and counted */
	j = ta_get_json("/api/v1/initiatives?country=ke&status=active", NULL, 200);
	assert_true(ta_num(j, "total") >= 1);
	assert_true(ta_num(json_object_get(json_object_get(j, "facets"), "country"), "KE") >= 1);
	json_decref(j);
	j = ta_get_json("/api/v1/initiatives?country=UG", NULL, 200);
	assert_int_equal(ta_num(j, "total"), 0);
	json_decref(j);
	STATUS(ta_api("GET", "/api/v1/initiatives?status=paused", NULL, NULL), 422);
	STATUS(ta_api("GET", "/api/v1/initiatives?country=Kenya", NULL, NULL), 422);

	/* removing a participant */
	j = ta_get_json(path, staff_tok, 200);
	{
		json_t *p;
		size_t i;
		int64_t pid = 0;

		json_array_foreach(json_object_get(j, "participants"), i, p)
			if (strcmp(ta_str(p, "kind"), "expert") == 0)
				pid = ta_num(p, "id");
		assert_true(pid > 0);
		snprintf(pub, sizeof pub, "/api/v1/initiatives/%lld/participants/%lld",
		    (long long)id, (long long)pid);
		STATUS(ta_api("DELETE", pub, ada_tok, NULL), 403);
		STATUS(ta_api("DELETE", pub, staff_tok, NULL), 204);
		STATUS(ta_api("DELETE", pub, staff_tok, NULL), 404);
	}
	json_decref(j);
}

/* ---- the space ------------------------------------------------------------------- */

static void
test_space(void **state)
{
	const struct ts_res *r;
	char path[96], upd[96];
	struct ts_mail m;
	json_t *j;
	int64_t id, before;
	int i;

	(void)state;
	id = initiative_made(json_pack("{s:s,s:s,s:[I]}", "title", "The space", "status",
	    "active", "focal_points", (json_int_t)fe_id));
	invite(id, "organization", quillon, 201);
	invite(id, "expert", ed_id, 201);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/space", (long long)id);
	snprintf(upd, sizeof upd, "/api/v1/initiatives/%lld/updates", (long long)id);

	/* participants and staff read it; others 403, a visitor 401 */
	STATUS(ta_api("GET", path, ada_tok, NULL), 200);
	STATUS(ta_api("GET", path, fe_tok, NULL), 200);
	STATUS(ta_api("GET", path, ed_tok, NULL), 200);
	STATUS(ta_api("GET", path, staff_tok, NULL), 200);
	STATUS(ta_api("GET", path, bo_tok, NULL), 403);
	STATUS(ta_api("GET", path, gu_tok, NULL), 403);
	STATUS(ta_api("GET", path, NULL, NULL), 401);
	STATUS(ta_api("GET", "/api/v1/initiatives/999999/space", ada_tok, NULL), 404);

	/* one who takes no part posts: 403, nothing written, nobody mailed */
	before = ts_sql_int("SELECT count(*) FROM initiative_updates");
	STATUS(ta_api("POST", upd, bo_tok, json_pack("{s:s}", "body", "Let me in")), 403);
	STATUS(ta_api("POST", upd, gu_tok, json_pack("{s:s}", "body", "Me too")), 403);
	STATUS(ta_api("POST", upd, NULL, json_pack("{s:s}", "body", "Anyone")), 401);
	refused("POST", upd, json_pack("{s:s}", "body", ""), "body", NULL);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM initiative_updates"), before);

	/* Ada posts: mailed to the focal point, the expert and Quillon's other
	 * person, not to herself */
	r = ta_api("POST", upd, ada_tok, json_pack("{s:s}", "body",
	    "Field notes from **Mombasa**."));
	STATUS(r, 201);
	j = ts_jbody(r);
	assert_int_equal(ta_num(j, "mailed"), 3);
	assert_non_null(strstr(ta_str(j, "body_html"), "<strong>Mombasa</strong>"));
	json_decref(j);
	assert_int_equal(ts_mail_wait(&sink, FE, 10000, &m), 0);
	assert_non_null(strstr(m.subject, "The space"));
	assert_non_null(strstr(m.body, "Field notes"));
	ts_mail_free(&m);
	assert_int_equal(ts_mail_wait(&sink, ED, 10000, &m), 0);
	ts_mail_free(&m);
	assert_int_equal(ts_mail_wait(&sink, CY, 10000, &m), 0);
	ts_mail_free(&m);
	assert_int_equal(ts_mail_count(&sink, "ada@quillon-pi.example"), 0);

	/* more, a page at a time, newest first */
	for (i = 0; i < 3; i++)
		STATUS(ta_api("POST", upd, i % 2 ? staff_tok : fe_tok, json_pack("{s:s}", "body",
		    i == 2 ? "The newest" : "Another")), 201);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/space?per_page=2", (long long)id);
	j = ta_get_json(path, ed_tok, 200);
	assert_int_equal(ta_num(j, "total"), 4);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 2);
	assert_string_equal(ta_str(json_array_get(json_object_get(j, "items"), 0), "body"),
	    "The newest");
	assert_int_equal(ta_num(j, "next_page"), 2);
	assert_string_equal(ta_str(json_object_get(j, "initiative"), "title"), "The space");
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/space?per_page=2&page=2",
	    (long long)id);
	j = ta_get_json(path, ed_tok, 200);
	assert_string_equal(ta_str(json_array_get(json_object_get(j, "items"), 1), "body"),
	    "Field notes from **Mombasa**.");
	json_decref(j);
	/* everyone else got each one (Ada the three of others) */
	for (i = 0; i < 3; i++) {
		assert_int_equal(ts_mail_wait(&sink, "ada@quillon-pi.example", 10000, &m), 0);
		ts_mail_free(&m);
	}
}

/* ---- a call's accepted applicant joins -------------------------------------------- */

static void
test_call(void **state)
{
	const struct ts_res *r;
	char path[128], closes[40];
	json_t *j, *p;
	int64_t call, id, aid, aid2, now, before;
	time_t t;
	struct tm tm;
	size_t i;
	int found = 0;

	(void)state;
	now = ta_now();
	t = (time_t)(now + 1800);
	gmtime_r(&t, &tm);
	strftime(closes, sizeof closes, "%Y-%m-%dT%H:%M:%SZ", &tm);
	r = ta_api("POST", "/api/v1/calls", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s,"
	    "s:{s:b,s:s}}", "kind", "pilot_initiative", "title", "Partners for the pilot",
	    "timezone", "Africa/Nairobi", "closes", closes, "status", "open",
	    "eligibility", "experts", 1, "audience", "open"));
	STATUS(r, 201);
	j = ts_jbody(r);
	call = ta_num(j, "id");
	json_decref(j);
	/* a call of another kind is not linked */
	refused("POST", "/api/v1/initiatives", json_pack("{s:s,s:s,s:I}", "country", "KE",
	    "title", "Wrong call", "call_id", (json_int_t)call + 100000), "call_id", NULL);
	id = initiative_made(json_pack("{s:s,s:s,s:I}", "title", "Joined through a call",
	    "status", "active", "call_id", (json_int_t)call));
	/* one call, one initiative */
	before = count_initiatives();
	r = ta_api("POST", "/api/v1/initiatives", staff_tok, json_pack("{s:s,s:s,s:I}", "country",
	    "KE", "title", "Same call", "call_id", (json_int_t)call));
	STATUS(r, 409);
	HAS(r, "call_id");
	assert_int_equal(count_initiatives(), before);

	/* Bo's organization applies; Ed for himself */
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)call);
	r = ta_api("POST", path, bo_tok, json_pack("{s:s,s:I,s:{}}", "status", "submitted",
	    "organization_id", (json_int_t)norrow, "answers"));
	STATUS(r, 201);
	j = ts_jbody(r);
	aid = ta_num(j, "id");
	json_decref(j);
	r = ta_api("POST", path, ed_tok, json_pack("{s:s,s:{}}", "status", "submitted", "answers"));
	STATUS(r, 201);
	j = ts_jbody(r);
	aid2 = ta_num(j, "id");
	json_decref(j);
	assert_int_equal(ts_clock_advance(plain, 3600), 200);
	tokens();
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/decisions", (long long)call);
	r = ta_api("POST", path, staff_tok, json_pack("{s:[I,I],s:s}", "ids", (json_int_t)aid,
	    (json_int_t)aid2, "decision", "accept"));
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_int_equal(ta_num(j, "succeeded"), 2);
	json_decref(j);

	/* both take part now: Norrow as a partner (from the call), Ed as an expert */
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld", (long long)id);
	j = ta_get_json(path, staff_tok, 200);
	json_array_foreach(json_object_get(j, "participants"), i, p) {
		if (strcmp(ta_str(p, "kind"), "organization") == 0 && ta_num(p,
		    "organization_id") == norrow && strcmp(ta_str(p, "source"), "call") == 0)
			found |= 1;
		if (strcmp(ta_str(p, "kind"), "expert") == 0 && ta_num(p, "user_id") == ed_id)
			found |= 2;
	}
	assert_int_equal(found, 3);
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/space", (long long)id);
	STATUS(ta_api("GET", path, bo_tok, NULL), 200);

	/* in Norrow's history */
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/history", (long long)norrow);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "initiative.partner");
}

/* ---- the person's and organization's pages -------------------------------------------- */

static void
test_person_and_org(void **state)
{
	const struct ts_res *r;
	char path[96];
	json_t *j, *it;
	size_t i;
	int found = 0;

	(void)state;
	/* earlier tests made Quillon, Fe and Ed participants */
	j = ta_get_json("/api/v1/account", cy_tok, 200);
	json_array_foreach(json_object_get(j, "initiatives"), i, it)
		if (strcmp(ta_str(it, "title"), "The space") == 0 && strcmp(ta_str(it, "as"),
		    "organization") == 0)
			found = 1;
	assert_true(found);
	json_decref(j);
	j = ta_get_json("/api/v1/account", fe_tok, 200);
	assert_true(json_array_size(json_object_get(j, "initiatives")) >= 2);
	assert_string_equal(ta_str(json_array_get(json_object_get(j, "initiatives"), 0), "as"),
	    "focal");
	json_decref(j);
	j = ta_get_json("/api/v1/account", bo_tok, 200);
	json_array_foreach(json_object_get(j, "initiatives"), i, it)
		assert_string_not_equal(ta_str(it, "title"), "The space");
	json_decref(j);
	/* the account export lists them too, and nothing of others' */
	found = 0;
	j = ta_get_json("/api/v1/me/export", cy_tok, 200);
	json_array_foreach(json_object_get(j, "initiatives"), i, it)
		if (strcmp(ta_str(it, "title"), "The space") == 0 && strcmp(ta_str(it, "as"),
		    "organization") == 0)
			found = 1;
	assert_true(found);
	json_decref(j);
	j = ta_get_json("/api/v1/me/export", bo_tok, 200);
	json_array_foreach(json_object_get(j, "initiatives"), i, it)
		assert_string_not_equal(ta_str(it, "title"), "The space");
	json_decref(j);

	/* the expert's page shows members their initiatives */
	snprintf(path, sizeof path, "/api/v1/people/%lld", (long long)ed_id);
	j = ta_get_json(path, bo_tok, 200);
	assert_true(json_array_size(json_object_get(j, "initiatives")) >= 1);
	json_decref(j);
	/* the organization's history */
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/history", (long long)quillon);
	r = ta_api("GET", path, ada_tok, NULL);
	STATUS(r, 200);
	HAS(r, "initiative.partner");
	/* and its leaving one */
	{
		int64_t id = ts_sql_int("SELECT id FROM initiatives WHERE title = 'The space'");
		int64_t pid = ts_sql_int("SELECT id FROM initiative_participants WHERE "
		    "initiative_id = %lld AND organization_id = %lld", (long long)id,
		    (long long)quillon);

		snprintf(path, sizeof path, "/api/v1/initiatives/%lld/participants/%lld",
		    (long long)id, (long long)pid);
		STATUS(ta_api("DELETE", path, staff_tok, NULL), 204);
		snprintf(path, sizeof path, "/api/v1/organizations/%lld/history", (long long)quillon);
		r = ta_api("GET", path, ada_tok, NULL);
		HAS(r, "initiative.partner_removed");
		snprintf(path, sizeof path, "/api/v1/initiatives/%lld/space", (long long)id);
		STATUS(ta_api("GET", path, cy_tok, NULL), 403);
		/* and it leaves their page, the history keeping both */
		j = ta_get_json("/api/v1/account", cy_tok, 200);
		json_array_foreach(json_object_get(j, "initiatives"), i, it)
			assert_string_not_equal(ta_str(it, "title"), "The space");
		json_decref(j);
		snprintf(path, sizeof path, "/api/v1/organizations/%lld/history", (long long)quillon);
		r = ta_api("GET", path, ada_tok, NULL);
		HAS(r, "\"initiative.partner\"");
	}
}

/* ---- the pages ----------------------------------------------------------------------- */

static void
test_pages(void **state)
{
	struct ts_browser *staff, *ada, *bo, *anon;
	const struct ts_res *r;
	char path[96];
	int64_t id, before;
	json_t *j;

	(void)state;
	staff = ts_signed_in(&srv, NULL, "sam.staff@pilot.test", PW);
	ada = ts_signed_in(&srv, NULL, "ada@quillon-pi.example", PW);
	bo = ts_signed_in(&srv, NULL, "bo@norrow-pi.example", PW);
	anon = ts_browser_new(&srv, NULL);
	assert_non_null(staff);
	assert_non_null(ada);
	assert_non_null(bo);

	/* staff's form, without JavaScript: a refusal keeps what was typed */
	r = ts_get(staff, "/staff/initiatives/new");
	STATUS(r, 200);
	HAS(r, "name=\"country\"");
	before = count_initiatives();
	r = ts_form(staff, "/staff/initiatives/new", "country", "XX", "title", "Typed title kept",
	    "summary", "", "status", "active", "concept_note", "", "call_id", "",
	    "focal_points", "", "meetings", "", "documents", "", NULL);
	STATUS(r, 422);
	HAS(r, "Typed title kept");
	HAS(r, "aria-invalid=\"true\"");
	assert_int_equal(count_initiatives(), before);
	r = ts_form(staff, "/staff/initiatives/new", "country", "KE", "title", "Made by the form",
	    "summary", "From the *form*.", "status", "active", "concept_note", "", "call_id", "",
	    "focal_points", "", "meetings", "", "documents", "", NULL);
	STATUS(r, 303);
	assert_int_equal(count_initiatives(), before + 1);
	id = ts_sql_int("SELECT id FROM initiatives WHERE title = 'Made by the form'");
	snprintf(path, sizeof path, "/staff/initiatives/%lld/edit", (long long)id);
	r = ts_get(staff, path);
	STATUS(r, 200);
	HAS(r, "Made by the form");
	r = ts_form(staff, path, "country", "KE", "title", "Made by the form", "summary",
	    "From the *form*.", "status", "concluded", "concept_note", "", "call_id", "", "focal_points", "",
	    "meetings", "", "documents", "", NULL);
	STATUS(r, 303);
	STATUS(ts_get(ada, path), 403);
	/* staff invite a partner through the page */
	snprintf(path, sizeof path, "/staff/initiatives/%lld/participants", (long long)id);
	r = ts_form(staff, path, "kind", "organization", "organization_id", "999999",
	    "user_id", "", NULL);
	STATUS(r, 422);
	r = ts_form(staff, path, "kind", "organization", "organization_id", "", NULL);
	STATUS(r, 422);
	{
		char org[24];

		snprintf(org, sizeof org, "%lld", (long long)quillon);
		r = ts_form(staff, path, "kind", "organization", "organization_id", org,
		    "user_id", "", NULL);
		STATUS(r, 303);
	}
	STATUS(ts_form(ada, path, "kind", "organization", "organization_id", "1", NULL), 403);

	/* the list and the page, to each their view */
	r = ts_get(anon, "/initiatives");
	STATUS(r, 200);
	HAS(r, "Made by the form");
	r = ts_get(anon, "/initiatives?country=KE&status=concluded");
	STATUS(r, 200);
	HAS(r, "Made by the form");
	snprintf(path, sizeof path, "/initiatives/%lld", (long long)id);
	r = ts_get(anon, path);
	STATUS(r, 200);
	HAS(r, "<em>form</em>");
	LACKS(r, "Quillon");
	LACKS(r, "/space");
	r = ts_get(bo, path);
	HAS(r, "Quillon");
	LACKS(r, "Enter the initiative");
	r = ts_get(ada, path);
	HAS(r, "Enter the initiative");
	r = ts_get(staff, path);
	HAS(r, "Edit the initiative");
	r = ts_get(anon, "/initiatives?lang=fr");
	STATUS(r, 200);
	HAS(r, "Initiatives pilotes");

	/* the space's page and its form */
	snprintf(path, sizeof path, "/initiatives/%lld/space", (long long)id);
	r = ts_get(ada, path);
	STATUS(r, 200);
	HAS(r, "Post the update");
	STATUS(ts_get(bo, path), 403);
	r = ts_form(ada, path, "body", "", NULL);
	STATUS(r, 422);
	r = ts_form(ada, path, "body", "Posted from the *page*.", NULL);
	STATUS(r, 303);
	r = ts_get(ada, path);
	HAS(r, "<em>page</em>");
	STATUS(ts_form(bo, path, "body", "Not mine", NULL), 403);
	/* a participant drafts an output from the space's page; staff publish it
	 * from the initiative's */
	snprintf(path, sizeof path, "/initiatives/%lld/outputs", (long long)id);
	r = ts_form(ada, path, "kind", "best_practices", "title", "", "body", "Typed body kept",
	    NULL);
	STATUS(r, 422);
	HAS(r, "Typed body kept");
	HAS(r, "id=\"e-o-title\"");
	STATUS(ts_form(bo, path, "kind", "best_practices", "title", "Not mine", "body", "No",
	    NULL), 403);
	r = ts_form(ada, path, "kind", "best_practices", "title", "Drafted on the page", "body",
	    "Share the *calendar*.", NULL);
	STATUS(r, 303);
	{
		int64_t oid = ts_sql_int("SELECT id FROM initiative_outputs WHERE title = "
		    "'Drafted on the page'");
		char pub[128];

		snprintf(pub, sizeof pub, "/staff/initiatives/%lld/outputs/%lld/publish",
		    (long long)id, (long long)oid);
		STATUS(ts_form(ada, pub, "audience", "public", NULL), 403);
		snprintf(path, sizeof path, "/initiatives/%lld", (long long)id);
		r = ts_get(anon, path);
		LACKS(r, "Drafted on the page");
		r = ts_get(staff, path);
		HAS(r, pub);
		STATUS(ts_form(staff, pub, "audience", "everyone", NULL), 422);
		STATUS(ts_form(staff, pub, "audience", "public", NULL), 303);
		r = ts_get(anon, path);
		HAS(r, "<em>calendar</em>");
	}
	snprintf(path, sizeof path, "/initiatives/%lld/space", (long long)id);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/space", (long long)id);
	j = ta_get_json(path, staff_tok, 200);
	assert_int_equal(ta_num(j, "total"), 1);
	json_decref(j);

	ts_browser_free(staff);
	ts_browser_free(ada);
	ts_browser_free(bo);
	ts_browser_free(anon);
}

/* ---- a country's initiatives, for the country page (initiatives.h) ---------- */

/* POST /_test/initiatives (the test hook calling initiatives_of_country)
 * for country as person uid (0: a visitor): its two lines.  New string. */
static char *
of_country(const char *country, int64_t uid)
{
	char path[128];
	const struct ts_res *r;

	if (uid)
		snprintf(path, sizeof path, "/_test/initiatives?country=%s&as=%lld", country,
		    (long long)uid);
	else
		snprintf(path, sizeof path, "/_test/initiatives?country=%s", country);
	r = ts_req(plain, "POST", path, NULL, "", 0);
	STATUS(r, 200);
	return strdup(r->body);
}

static void
test_of_country(void **state)
{
	char *v, *m, *n;

	(void)state;
	/* a visitor: each initiative with its count of participants, no names */
	v = of_country("KE", 0);
	assert_non_null(strstr(v, "\"title\":\"The space\""));
	assert_non_null(strstr(v, "\"participants\":"));
	assert_null(strstr(v, "\"partners\""));
	assert_null(strstr(v, "Quillon Pilot Trust"));
	assert_non_null(strstr(v, "<section class=\"initiatives\""));
	assert_non_null(strstr(v, ">The space</a>"));	/* its link (mustache escapes /) */
	/* a member (and a focal point) also their partners, by name */
	m = of_country("KE", bo_id);
	assert_non_null(strstr(m, "\"partners\""));
	assert_non_null(strstr(m, "Norrow Pilot Network"));
	free(m);
	m = of_country("KE", fe_id);
	assert_non_null(strstr(m, "\"partners\""));
	free(m);
	/* a country without initiatives: [] and no block */
	n = of_country("UG", bo_id);
	assert_string_equal(n, "[]\n\n");
	free(n);
	free(v);
}

/* ---- set-up -------------------------------------------------------------------------- */

static int
setup(void **state)
{
	struct ts_browser *staff;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	ts_db_open(db_url);
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	ta_accounts(db_url, PW);
	quillon = ts_org_import(db_url, "Quillon Pilot Trust", "KE", "info@quillon-pi.example",
	    NULL);
	norrow = ts_org_import(db_url, "Norrow Pilot Network", "KE", "info@norrow-pi.example",
	    NULL);
	assert_true(quillon > 0 && norrow > 0);
	ta_account("sam.staff@pilot.test", "staff", 0, staff_tok, NULL);
	ta_account(FE, "focal", 0, fe_tok, &fe_id);
	ta_account("gu@interior-pi.go.ug", "focal", 0, gu_tok, &gu_id);
	ta_account("ada@quillon-pi.example", "member", quillon, ada_tok, &ada_id);
	ta_account(CY, "member", quillon, cy_tok, &cy_id);
	ta_account("bo@norrow-pi.example", "member", norrow, bo_tok, &bo_id);
	ta_account(ED, "member", 0, ed_tok, &ed_id);
	ts_sql_int("UPDATE users SET country = 'KE' WHERE id = %lld", (long long)fe_id);
	ts_sql_int("UPDATE users SET country = 'UG' WHERE id = %lld", (long long)gu_id);
	/* Ed's approved expert profile, as staff's approval leaves it */
	ts_sql_int("INSERT INTO experts (user_id, status, name, country, created_at, "
	    "updated_at) VALUES (%lld, 'approved', 'Ed Expert', 'KE', 1, 1)", (long long)ed_id);
	staff = ts_signed_in(&srv, NULL, "sam.staff@pilot.test", PW);
	if (!staff || ts_org_admin(staff, quillon, ada_id) != 0 ||
	    ts_org_admin(staff, norrow, bo_id) != 0)
		return -1;
	ts_browser_free(staff);
	return 0;
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

/* ---- changing and withdrawing ------------------------------------------------------------- */

/* The id in the JSON answer r (201 or 200 wanted). */
static int64_t
id_of(const struct ts_res *r)
{
	json_t *j = ts_jbody(r);
	int64_t id = ta_num(j, "id");

	json_decref(j);
	assert_true(id > 0);
	return id;
}

/*
 * Updates are changed and withdrawn by their author and staff; a draft
 * output by its author and staff, a published one by staff alone, and
 * withdrawing it unpublishes it (a draft again, kept); withdrawing a draft
 * deletes it.  Others get 403, a visitor 401, another initiative's item
 * 404; through the API and the pages' forms, which keep what was typed.
 */
static void
test_edits(void **state)
{
	struct ts_browser *cy, *ada;
	const struct ts_res *r;
	char path[128], upath[128], opath[128], other_upath[128];
	int64_t id, other, uid, oid, ouid;
	json_t *j, *o;

	(void)state;
	id = initiative_made(json_pack("{s:s,s:s}", "title", "Edits", "status", "active"));
	other = initiative_made(json_pack("{s:s}", "title", "Other edits"));
	invite(id, "organization", quillon, 201);
	invite(id, "expert", ed_id, 201);
	invite(other, "expert", ed_id, 201);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/updates", (long long)id);
	uid = id_of(ta_api("POST", path, cy_tok, json_pack("{s:s}", "body", "Cy's first word")));
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/updates", (long long)other);
	ouid = id_of(ta_api("POST", path, ed_tok, json_pack("{s:s}", "body", "Elsewhere")));
	snprintf(upath, sizeof upath, "/api/v1/initiatives/%lld/updates/%lld", (long long)id,
	    (long long)uid);
	snprintf(other_upath, sizeof other_upath, "/api/v1/initiatives/%lld/updates/%lld",
	    (long long)id, (long long)ouid);

	/* an update: not another participant's, nor an outsider's */
	STATUS(ta_api("PATCH", upath, ada_tok, json_pack("{s:s}", "body", "Taken over")), 403);
	STATUS(ta_api("PATCH", upath, ed_tok, json_pack("{s:s}", "body", "Taken over")), 403);
	STATUS(ta_api("PATCH", upath, bo_tok, json_pack("{s:s}", "body", "Taken over")), 403);
	STATUS(ta_api("PATCH", upath, fe_tok, json_pack("{s:s}", "body", "Taken over")), 403);
	STATUS(ta_api("PATCH", upath, NULL, json_pack("{s:s}", "body", "Taken over")), 401);
	STATUS(ta_api("DELETE", upath, ada_tok, NULL), 403);
	STATUS(ta_api("DELETE", upath, bo_tok, NULL), 403);
	STATUS(ta_api("DELETE", upath, NULL, NULL), 401);
	/* another initiative's update through this one: 404 */
	STATUS(ta_api("PATCH", other_upath, staff_tok, json_pack("{s:s}", "body", "Moved")), 404);
	STATUS(ta_api("DELETE", other_upath, ed_tok, NULL), 404);
	/* its author, with a message for an empty one */
	r = ta_api("PATCH", upath, cy_tok, json_pack("{s:s}", "body", ""));
	STATUS(r, 422);
	HAS(r, "\"body\"");
	r = ta_api("PATCH", upath, cy_tok, json_pack("{s:s}", "body", "Cy's *second* word"));
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_string_equal(ta_str(j, "body"), "Cy's *second* word");
	assert_non_null(strstr(ta_str(j, "body_html"), "<em>second</em>"));
	assert_int_equal(ta_num(j, "author_id"), cy_id);
	json_decref(j);
	STATUS(ta_api("PATCH", upath, staff_tok, json_pack("{s:s}", "body", "Staff's word")), 200);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/space", (long long)id);
	j = ta_get_json(path, cy_tok, 200);
	assert_string_equal(ta_str(json_array_get(json_object_get(j, "items"), 0), "body"),
	    "Staff's word");
	assert_true(json_is_true(json_object_get(json_array_get(json_object_get(j, "items"), 0),
	    "can_edit")));
	json_decref(j);
	j = ta_get_json(path, ada_tok, 200);
	assert_false(json_is_true(json_object_get(json_array_get(json_object_get(j, "items"), 0),
	    "can_edit")));
	json_decref(j);
	STATUS(ta_api("DELETE", upath, cy_tok, NULL), 204);
	STATUS(ta_api("DELETE", upath, cy_tok, NULL), 404);
	j = ta_get_json(path, staff_tok, 200);
	assert_int_equal(ta_num(j, "total"), 0);
	json_decref(j);

	/* an output: a draft is its author's and staff's */
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/outputs", (long long)id);
	r = ta_api("POST", path, cy_tok, json_pack("{s:s,s:s,s:s}", "kind", "lessons_learned",
	    "title", "Cy's draft", "body", "What we learned."));
	STATUS(r, 201);
	j = ts_jbody(r);
	o = output_titled(j, "Cy's draft");
	assert_non_null(o);
	oid = ta_num(o, "id");
	assert_true(json_is_true(json_object_get(o, "can_edit")));
	json_decref(j);
	snprintf(opath, sizeof opath, "/api/v1/initiatives/%lld/outputs/%lld", (long long)id,
	    (long long)oid);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld", (long long)id);
	j = ta_get_json(path, ada_tok, 200);
	assert_false(json_is_true(json_object_get(output_titled(j, "Cy's draft"), "can_edit")));
	json_decref(j);
	STATUS(ta_api("PATCH", opath, ada_tok, json_pack("{s:s}", "title", "Taken over")), 403);
	STATUS(ta_api("PATCH", opath, bo_tok, json_pack("{s:s}", "title", "Taken over")), 403);
	STATUS(ta_api("DELETE", opath, ed_tok, NULL), 403);
	STATUS(ta_api("DELETE", opath, NULL, NULL), 401);
	snprintf(other_upath, sizeof other_upath, "/api/v1/initiatives/%lld/outputs/%lld",
	    (long long)other, (long long)oid);
	STATUS(ta_api("PATCH", other_upath, staff_tok, json_pack("{s:s}", "title", "Moved")), 404);
	r = ta_api("PATCH", opath, cy_tok, json_pack("{s:s}", "kind", "bogus"));
	STATUS(r, 422);
	HAS(r, "\"kind\"");
	r = ta_api("PATCH", opath, cy_tok, json_pack("{s:s}", "title", "Cy's draft, changed"));
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_string_equal(ta_str(j, "title"), "Cy's draft, changed");
	assert_string_equal(ta_str(j, "kind"), "lessons_learned");	/* not sent: kept */
	assert_string_equal(ta_str(j, "body"), "What we learned.");
	assert_string_equal(ta_str(j, "status"), "draft");
	json_decref(j);
	/* published: staff's alone */
	snprintf(path, sizeof path, "%s/publish", opath);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s}", "audience", "public")), 200);
	STATUS(ta_api("PATCH", opath, cy_tok, json_pack("{s:s}", "title", "Too late")), 403);
	r = ta_api("DELETE", opath, cy_tok, NULL);
	STATUS(r, 403);
	HAS(r, "published output");
	STATUS(ta_api("PATCH", opath, staff_tok, json_pack("{s:s}", "body", "Corrected by staff.")),
	    200);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld", (long long)id);
	r = ta_api("GET", path, NULL, NULL);
	HAS(r, "Corrected by staff.");
	/* withdrawn by staff: unpublished, kept as a draft */
	r = ta_api("DELETE", opath, staff_tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_string_equal(ta_str(j, "status"), "draft");
	assert_true(json_is_null(json_object_get(j, "published_at")));
	json_decref(j);
	r = ta_api("GET", path, NULL, NULL);
	LACKS(r, "Corrected by staff.");
	r = ta_api("GET", path, bo_tok, NULL);
	LACKS(r, "Corrected by staff.");
	j = ta_get_json(path, cy_tok, 200);
	o = output_titled(j, "Cy's draft, changed");
	assert_non_null(o);
	assert_string_equal(ta_str(o, "status"), "draft");
	json_decref(j);
	/* the draft again: its author withdraws it, deleted */
	STATUS(ta_api("DELETE", opath, cy_tok, NULL), 204);
	STATUS(ta_api("DELETE", opath, staff_tok, NULL), 404);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM initiative_outputs WHERE id = %lld",
	    (long long)oid), 0);

	/* the pages, without JavaScript */
	cy = ts_signed_in(&srv, NULL, CY, PW);
	ada = ts_signed_in(&srv, NULL, "ada@quillon-pi.example", PW);
	assert_non_null(cy);
	assert_non_null(ada);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/updates", (long long)id);
	uid = id_of(ta_api("POST", path, cy_tok, json_pack("{s:s}", "body", "Typed on the page")));
	snprintf(path, sizeof path, "/initiatives/%lld/space", (long long)id);
	r = ts_get(cy, path);
	snprintf(upath, sizeof upath, "/initiatives/%lld/updates/%lld/edit", (long long)id,
	    (long long)uid);
	HAS(r, upath);
	r = ts_get(ada, path);
	LACKS(r, upath);
	r = ts_get(cy, upath);
	STATUS(r, 200);
	HAS(r, "Typed on the page</textarea>");
	r = ts_req(cy, "GET", upath, (const char *const[]){ "Accept-Language: fr", NULL }, NULL,
	    0);
	HAS(r, "Modifier la nouvelle");
	STATUS(ts_get(ada, upath), 403);
	r = ts_form(cy, upath, "body", "", NULL);
	STATUS(r, 422);
	HAS(r, "aria-invalid=\"true\"");
	r = ts_form(cy, upath, "body", "Changed on the page", NULL);
	STATUS(r, 303);
	r = ts_get(cy, path);
	HAS(r, "Changed on the page");
	{	/* no CSRF token, no change */
		static const char *const fh[] = {
			"Content-Type: application/x-www-form-urlencoded", NULL };

		r = ts_req(cy, "POST", upath, fh, "body=Forged", 11);
		STATUS(r, 403);
	}
	STATUS(ts_form(ada, upath, "body", "Taken over", NULL), 403);
	snprintf(upath, sizeof upath, "/initiatives/%lld/updates/%lld/withdraw", (long long)id,
	    (long long)uid);
	STATUS(ts_form(ada, upath, NULL), 403);
	STATUS(ts_form(cy, upath, NULL), 303);
	r = ts_get(cy, path);
	LACKS(r, "Changed on the page");

	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/outputs", (long long)id);
	r = ta_api("POST", path, cy_tok, json_pack("{s:s,s:s,s:s}", "kind", "recommendations",
	    "title", "Page draft", "body", "Drafted."));
	STATUS(r, 201);
	j = ts_jbody(r);
	oid = ta_num(output_titled(j, "Page draft"), "id");
	json_decref(j);
	snprintf(path, sizeof path, "/initiatives/%lld", (long long)id);
	snprintf(opath, sizeof opath, "/initiatives/%lld/outputs/%lld/edit", (long long)id,
	    (long long)oid);
	r = ts_get(cy, path);
	HAS(r, opath);
	HAS(r, "Withdraw the draft");
	r = ts_get(cy, opath);
	STATUS(r, 200);
	HAS(r, "value=\"Page draft\"");
	HAS(r, "<option value=\"recommendations\" selected>");
	r = ts_form(cy, opath, "kind", "best_practices", "title", "", "body", "Typed and kept",
	    NULL);
	STATUS(r, 422);
	HAS(r, "Typed and kept</textarea>");
	HAS(r, "<option value=\"best_practices\" selected>");
	r = ts_form(cy, opath, "kind", "best_practices", "title", "Page draft, changed", "body",
	    "Changed.", NULL);
	STATUS(r, 303);
	r = ts_get(cy, path);
	HAS(r, "Page draft, changed");
	snprintf(opath, sizeof opath, "/initiatives/%lld/outputs/%lld/withdraw", (long long)id,
	    (long long)oid);
	STATUS(ts_form(ada, opath, NULL), 403);
	STATUS(ts_form(cy, opath, NULL), 303);
	r = ts_get(cy, path);
	LACKS(r, "Page draft, changed");
	ts_browser_free(cy);
	ts_browser_free(ada);
}

/* ---- staff's CSV ---------------------------------------------------------------------- */

/*
 * /staff/initiatives.csv: a row per initiative the filters keep, with its
 * participants by kind and outputs by status, cells that a spreadsheet
 * would read as a formula written as text; staff's alone.
 */
static void
test_csv(void **state)
{
	const struct ts_res *r;
	char path[96], auth[200];
	int64_t id, oid;

	(void)state;
	id = initiative_made(json_pack("{s:s,s:s,s:s}", "country", "CM", "title",
	    "=HYPERLINK(\"http://x.example\",\"CSV\")", "status", "proposed"));
	invite(id, "organization", quillon, 201);
	invite(id, "organization", norrow, 201);
	invite(id, "expert", ed_id, 201);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/outputs", (long long)id);
	r = ta_api("POST", path, staff_tok, json_pack("{s:s,s:s,s:s}", "kind", "recommendations",
	    "title", "Published one", "body", "Out."));
	STATUS(r, 201);
	r = ta_api("POST", path, staff_tok, json_pack("{s:s,s:s,s:s}", "kind", "lessons_learned",
	    "title", "A draft", "body", "Not yet."));
	STATUS(r, 201);
	oid = ts_sql_int("SELECT id FROM initiative_outputs WHERE initiative_id = %lld AND "
	    "title = 'Published one'", (long long)id);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/outputs/%lld/publish",
	    (long long)id, (long long)oid);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s}", "audience", "members")), 200);

	r = ta_api("GET", "/staff/initiatives.csv?country=cm", staff_tok, NULL);
	STATUS(r, 200);
	assert_non_null(strstr(ts_header(r, "Content-Type"), "text/csv"));
	assert_non_null(strstr(ts_header(r, "Content-Disposition"), "initiatives.csv"));
	HAS(r, "id,country,country_name,title,status,focal_points,organizations,experts,"
	    "outputs_published,outputs_draft,created_at,updated_at\r\n");
	snprintf(path, sizeof path, "%lld,CM,Cameroon,\"'=HYPERLINK(\"\"http://x.example\"\","
	    "\"\"CSV\"\")\",proposed,0,2,1,1,1,", (long long)id);
	HAS(r, path);
	LACKS(r, "Following up the review in Kenya");	/* another country's */
	r = ta_api("GET", "/staff/initiatives.csv", staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, path);
	HAS(r, "Following up the review in Kenya");
	r = ta_api("GET", "/staff/initiatives.csv?status=active&country=CM", staff_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "HYPERLINK");
	/* a bad filter is a 422 naming it */
	STATUS(ta_api("GET", "/staff/initiatives.csv?status=gone", staff_tok, NULL), 422);
	STATUS(ta_api("GET", "/staff/initiatives.csv?country=Kenya", staff_tok, NULL), 422);
	/* the list links staff to it, with its filters */
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", staff_tok);
	r = ts_req(plain, "GET", "/initiatives?country=CM", (const char *const[]){ auth, NULL },
	    NULL, 0);
	STATUS(r, 200);
	HAS(r, "href=\"/staff/initiatives.csv?country&#x3D;CM\"");	/* = escaped */
	/* staff's alone: a participant, a focal point, a member, a visitor */
	STATUS(ta_api("GET", "/staff/initiatives.csv", ada_tok, NULL), 403);
	STATUS(ta_api("GET", "/staff/initiatives.csv", fe_tok, NULL), 403);
	STATUS(ta_api("GET", "/staff/initiatives.csv", bo_tok, NULL), 403);
	r = ts_get(plain, "/staff/initiatives.csv");
	STATUS(r, 303);
	assert_string_equal(ts_header(r, "Location"), "/signin?next=/staff/initiatives.csv");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_visibility),
		cmocka_unit_test(test_space),
		cmocka_unit_test(test_person_and_org),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_call),
		cmocka_unit_test(test_of_country),	/* after test_call: Norrow a partner */
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_edits),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("initiatives", tests, setup, teardown);
}
