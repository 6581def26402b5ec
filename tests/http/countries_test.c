/*
 * countries_test.c -- the review cycle and the country pages (issue 17),
 * as staff who keep the reviews and the people who read a country meet
 * them: a review written through the API, the staff form and a CSV import
 * (all or nothing, errors by line and column), with its focal points read
 * from the accounts; a country's page for members and staff, and a focal
 * point's view of their own country, who never sees another country's
 * page nor a field of the `nongovernmental` level; the meetings a
 * country's stakeholders took part in, delegates' names to staff only.
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
#include "lib/sqldirect.h"
#include "lib/testsrv.h"

#define PW "lime kettle north eleven"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

/* staff; Ada, an admin of Lantern Watch (KE); Mo, a member of Sahel
 * Voices (SN); Fe, Kenya's focal point; Fi, Senegal's */
static char staff_tok[129], ada_tok[129], mo_tok[129], fe_tok[129], fi_tok[129];
static int64_t lantern, hidden, sahel, ada_id;

#define SECRET_DESC "Lantern keeps shelters in Mombasa"	/* at nongovernmental */
#define MEMBERS_DESC "Hidden Harbour trains paralegals"	/* at members */

/* ---- helpers ------------------------------------------------------------ */

#define HEADER_HAS(r, name, part) do { \
	const char *h_ = ts_header((r), (name)); \
	if (!h_ || !strstr(h_, (part))) \
		printf("# %s: %s, want it to contain %s\n", (name), h_ ? h_ : "(none)", (part)); \
	assert_true(h_ && strstr(h_, (part))); \
} while (0)

/* A review of KE's kind for country code, as PUT sends it. */
static json_t *
review_body(const char *stage, const char *r1, const char *r2)
{
	return json_pack("{s:s,s:i,s:s,s:s,s:s,s:s,s:s}", "cluster",
	    "criminalization_jurisdiction", "year", 2026, "reviewer_1", r1, "reviewer_2", r2,
	    "stage", stage, "self_assessment_date", "2025-11-03", "country_review_date",
	    "2026-04-14");
}

/* PUTs body (consumed) as staff and asserts a 422 naming field. */
static void
refused(const char *path, json_t *body, const char *field)
{
	const struct ts_res *r = ta_api("PUT", path, staff_tok, body);
	json_t *j;

	STATUS(r, 422);
	HEADER_HAS(r, "Content-Type", "application/problem+json");
	j = ts_jbody(r);
	if (!json_object_get(json_object_get(j, "errors"), field))
		printf("# no message for %s: %s\n", field, r->body);
	assert_non_null(json_object_get(json_object_get(j, "errors"), field));
	json_decref(j);
}

/* The organization of list items whose id is id, or NULL. */
static json_t *
item(json_t *items, int64_t id)
{
	json_t *o;
	size_t i;

	json_array_foreach(items, i, o)
		if (json_integer_value(json_object_get(o, "id")) == id)
			return o;
	return NULL;
}

/* ---- the review through the API ----------------------------------------- */

static void
test_review_api(void **state)
{
	json_t *j, *fp;
	const struct ts_res *r;

	(void)state;
	r = ta_api("PUT", "/api/v1/reviews/KE", staff_tok, review_body("country_review", "GH",
	    "PE"));
	STATUS(r, 201);
	j = ts_jbody(r);
	assert_string_equal(ta_str(j, "country"), "KE");
	assert_string_equal(ta_str(j, "country_name"), "Kenya");
	assert_string_equal(ta_str(j, "stage"), "country_review");
	assert_string_equal(ta_str(j, "stage_name"), "Country review");
	assert_string_equal(ta_str(j, "country_review_date"), "2026-04-14");
	assert_true(json_is_null(json_object_get(j, "review_completed_date")));
	assert_string_equal(ta_str(json_array_get(json_object_get(j, "reviewing_states"), 0),
	    "name"), "Ghana");
	/* the focal points are Kenya's focal accounts, read, not copied */
	fp = json_object_get(j, "focal_points");
	assert_int_equal(json_array_size(fp), 1);
	assert_string_equal(ta_str(json_array_get(fp, 0), "email"), "fe@interior.go.ke");
	json_decref(j);

	/* written again: 200, the new stage; lower-case codes are read as codes */
	r = ta_api("PUT", "/api/v1/reviews/ke", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s}",
	    "cluster", "criminalization_jurisdiction", "year", "2026", "reviewer_1", "gh",
	    "reviewer_2", "PE", "stage", "review_completed"));
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_string_equal(ta_str(j, "stage"), "review_completed");
	assert_string_equal(ta_str(j, "reviewer_1"), "GH");
	json_decref(j);
	STATUS(ta_api("PUT", "/api/v1/reviews/SN", staff_tok, review_body("self_assessment", "FR",
	    "VN")), 201);

	j = ta_get_json("/api/v1/reviews/KE", staff_tok, 200);
	assert_string_equal(ta_str(j, "stage"), "review_completed");
	json_decref(j);
	json_decref(ta_get_json("/api/v1/reviews/FR", staff_tok, 404));
	json_decref(ta_get_json("/api/v1/reviews/ZZ", staff_tok, 404));

	j = ta_get_json("/api/v1/reviews?stage=self_assessment", staff_tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	assert_string_equal(ta_str(json_array_get(json_object_get(j, "items"), 0), "country"),
	    "SN");
	json_decref(j);
	j = ta_get_json("/api/v1/reviews?year=2026&cluster=criminalization_jurisdiction",
	    staff_tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 2);
	json_decref(j);
	json_decref(ta_get_json("/api/v1/reviews?stage=nonsense", staff_tok, 422));

	/* staff's: others are refused */
	json_decref(ta_get_json("/api/v1/reviews", NULL, 401));
	json_decref(ta_get_json("/api/v1/reviews", ada_tok, 403));
	json_decref(ta_get_json("/api/v1/reviews/KE", fe_tok, 403));
	STATUS(ta_api("PUT", "/api/v1/reviews/KE", fe_tok, review_body("self_assessment", "GH",
	    "PE")), 403);
	STATUS(ta_api("PUT", "/api/v1/reviews/KE", ada_tok, review_body("self_assessment", "GH",
	    "PE")), 403);
}

static void
test_review_refused(void **state)
{
	json_t *b;

	(void)state;
	/* a code that names no country: 422, nothing written */
	refused("/api/v1/reviews/ZZ", review_body("self_assessment", "GH", "PE"), "country");
	refused("/api/v1/reviews/KEN", review_body("self_assessment", "GH", "PE"), "country");
	json_decref(ta_get_json("/api/v1/reviews/ZZ", staff_tok, 404));
	refused("/api/v1/reviews/TG", review_body("self_assessment", "XX", "PE"), "reviewer_1");
	refused("/api/v1/reviews/TG", review_body("self_assessment", "TG", "PE"), "reviewer_1");
	refused("/api/v1/reviews/TG", review_body("self_assessment", "PE", "PE"), "reviewer_2");
	refused("/api/v1/reviews/TG", review_body("halfway", "GH", "PE"), "stage");
	b = review_body("self_assessment", "GH", "PE");
	json_object_set_new(b, "cluster", json_string("everything"));
	refused("/api/v1/reviews/TG", b, "cluster");
	b = review_body("self_assessment", "GH", "PE");
	json_object_set_new(b, "year", json_integer(1999));
	refused("/api/v1/reviews/TG", b, "year");
	b = review_body("self_assessment", "GH", "PE");
	json_object_set_new(b, "self_assessment_date", json_string("2026-02-30"));
	refused("/api/v1/reviews/TG", b, "self_assessment_date");
	b = review_body("self_assessment", "GH", "PE");
	json_object_set_new(b, "country_review_date", json_string("2025-01-01"));
	refused("/api/v1/reviews/TG", b, "country_review_date");
	json_decref(ta_get_json("/api/v1/reviews/TG", staff_tok, 404));
	STATUS(ta_api("PUT", "/api/v1/reviews/TG", staff_tok, json_string("no")), 422);
	LACKS(ta_api("GET", "/api/v1/reviews?per_page=200", staff_tok, NULL), "\"TG\"");
}

/* ---- who sees a country's page ------------------------------------------- */

static void
test_country_access(void **state)
{
	struct ts_browser *b;
	const struct ts_res *r;
	json_t *j;

	(void)state;
	/* visitors: the sign-in page, and 401 from the API */
	b = ts_browser_new(&srv, NULL);
	r = ts_get(b, "/countries/KE");
	STATUS(r, 303);
	HEADER_HAS(r, "Location", "/signin?next=/countries/KE");
	ts_browser_free(b);
	json_decref(ta_get_json("/api/v1/countries/KE", NULL, 401));
	json_decref(ta_get_json("/api/v1/country", NULL, 401));

	/* members and staff: every country */
	j = ta_get_json("/api/v1/countries/KE", mo_tok, 200);
	assert_string_equal(ta_str(j, "code"), "KE");
	assert_string_equal(ta_str(j, "name"), "Kenya");
	assert_string_equal(ta_str(json_object_get(j, "review"), "stage"), "review_completed");
	json_decref(j);
	j = ta_get_json("/api/v1/countries/sn", staff_tok, 200);
	assert_string_equal(ta_str(j, "code"), "SN");
	json_decref(j);
	j = ta_get_json("/api/v1/countries/FR", ada_tok, 200);	/* no review: null */
	assert_true(json_is_null(json_object_get(j, "review")));
	json_decref(j);
	json_decref(ta_get_json("/api/v1/countries/ZZ", ada_tok, 404));

	/* a focal point: their own country only */
	j = ta_get_json("/api/v1/countries/KE", fe_tok, 200);
	assert_string_equal(ta_str(j, "viewer_level"), "members");
	json_decref(j);
	r = ta_api("GET", "/api/v1/countries/SN", fe_tok, NULL);
	STATUS(r, 403);
	HEADER_HAS(r, "Content-Type", "application/problem+json");
	json_decref(ta_get_json("/api/v1/countries/KE", fi_tok, 403));
	j = ta_get_json("/api/v1/country", fe_tok, 200);
	assert_string_equal(ta_str(j, "code"), "KE");
	json_decref(j);
	j = ta_get_json("/api/v1/country", fi_tok, 200);
	assert_string_equal(ta_str(j, "code"), "SN");
	json_decref(j);
	/* /country is a focal point's */
	json_decref(ta_get_json("/api/v1/country", mo_tok, 403));
	json_decref(ta_get_json("/api/v1/country", staff_tok, 403));

	b = ts_signed_in(&srv, NULL, "fe@interior.go.ke", PW);
	assert_non_null(b);
	r = ts_get(b, "/countries/SN");
	STATUS(r, 403);
	LACKS(r, "Sahel Voices");
	r = ts_get(b, "/country");
	STATUS(r, 200);
	HAS(r, "Kenya");
	HAS(r, "Review completed");
	HAS(r, "This is your country");
	/* the account links to the country view */
	r = ts_get(b, "/account");
	STATUS(r, 200);
	HAS(r, "href=\"/country\"");
	ts_browser_free(b);
}

/* ---- what each sees of the stakeholders ---------------------------------- */

static void
test_country_visibility(void **state)
{
	struct ts_browser *b;
	const struct ts_res *r;
	json_t *j, *items, *o;

	(void)state;
	/* the focal point: members level, never nongovernmental */
	j = ta_get_json("/api/v1/countries/KE", fe_tok, 200);
	items = json_object_get(json_object_get(j, "stakeholders"), "items");
	o = item(items, lantern);
	assert_non_null(o);
	assert_null(json_object_get(o, "description"));	/* nongovernmental */
	assert_null(json_object_get(o, "contact"));	/* nongovernmental by default */
	assert_null(json_object_get(o, "visibility"));
	o = item(items, hidden);
	assert_null(o);	/* its country is staff's to know */
	assert_null(item(items, sahel));
	json_decref(j);
	r = ta_api("GET", "/api/v1/countries/KE", fe_tok, NULL);
	LACKS(r, SECRET_DESC);
	LACKS(r, "info@lantern-ct.example");

	b = ts_signed_in(&srv, NULL, "fe@interior.go.ke", PW);
	assert_non_null(b);
	r = ts_get(b, "/countries/KE");
	STATUS(r, 200);
	HAS(r, "Lantern Watch");
	LACKS(r, SECRET_DESC);
	LACKS(r, "info@lantern-ct.example");
	LACKS(r, "Hidden Harbour");
	r = ts_get(b, "/country");
	LACKS(r, SECRET_DESC);
	ts_browser_free(b);

	/* a member of another organization: nongovernmental, not staff's */
	j = ta_get_json("/api/v1/countries/KE", mo_tok, 200);
	items = json_object_get(json_object_get(j, "stakeholders"), "items");
	o = item(items, lantern);
	assert_string_equal(ta_str(o, "description"), SECRET_DESC);
	assert_non_null(json_object_get(o, "contact"));
	assert_null(item(items, hidden));
	assert_string_equal(ta_str(j, "viewer_level"), "nongovernmental");
	json_decref(j);

	/* staff: everything */
	j = ta_get_json("/api/v1/countries/KE", staff_tok, 200);
	items = json_object_get(json_object_get(j, "stakeholders"), "items");
	assert_non_null(item(items, lantern));
	o = item(items, hidden);
	assert_non_null(o);
	assert_string_equal(ta_str(o, "description"), MEMBERS_DESC);
	assert_non_null(json_object_get(o, "visibility"));
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j,
	    "stakeholders"), "total")), 2);
	json_decref(j);
}

/* ---- the meetings of a country's stakeholders ----------------------------- */

static void
test_country_meetings(void **state)
{
	const struct ts_res *r;
	json_t *j, *m;
	int64_t ev;
	struct ts_browser *b;

	(void)state;
	r = ta_api("POST", "/api/v1/meetings", staff_tok, json_pack("{s:s,s:i,s:s,s:s,s:s,s:s,"
	    "s:s}", "body", "ccpcj", "number", 41, "title", "Forty-first session", "timezone",
	    "Europe/Vienna", "start", "2031-05-19T10:00", "end", "2031-05-23T18:00", "status",
	    "published"));
	STATUS(r, 201);
	j = ts_jbody(r);
	ev = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	assert_true(ev > 0);
	ts_sql_int("INSERT INTO meeting_nominations (event_id, organization_id, name, email, "
	    "nationality, passport_name, attendance, status, created_at) VALUES (%lld, %lld, "
	    "'Wanjiru Kamau', 'wanjiru@lantern-ct.example', 'KE', 'KAMAU WANJIRU', 'in_person', "
	    "'approved', 1)", (long long)ev, (long long)lantern);
	ts_sql_int("INSERT INTO meeting_nominations (event_id, organization_id, name, email, "
	    "nationality, passport_name, attendance, status, created_at) VALUES (%lld, %lld, "
	    "'Otieno Pending', 'otieno@lantern-ct.example', 'KE', 'OTIENO', 'online', "
	    "'pending', 1)", (long long)ev, (long long)lantern);
	ts_sql_int("INSERT INTO meeting_nominations (event_id, organization_id, name, email, "
	    "nationality, passport_name, attendance, status, created_at) VALUES (%lld, %lld, "
	    "'Harbour Hidden', 'hh@hidden-ct.example', 'KE', 'HIDDEN', 'online', "
	    "'approved', 1)", (long long)ev, (long long)hidden);

	/* a member: the session and the organization, no delegate */
	j = ta_get_json("/api/v1/countries/KE", mo_tok, 200);
	m = json_array_get(json_object_get(j, "meetings"), 0);
	assert_non_null(m);
	assert_int_equal(json_integer_value(json_object_get(m, "id")), ev);
	assert_int_equal(json_array_size(json_object_get(m, "organizations")), 1);
	assert_string_equal(ta_str(json_array_get(json_object_get(m, "organizations"), 0), "name"),
	    "Lantern Watch");
	assert_null(json_object_get(m, "delegates"));
	json_decref(j);
	r = ta_api("GET", "/api/v1/countries/KE", fe_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Forty-first session");
	LACKS(r, "Wanjiru");
	LACKS(r, "Harbour Hidden");

	/* staff: the approved delegates too, not the pending one */
	j = ta_get_json("/api/v1/countries/KE", staff_tok, 200);
	m = json_array_get(json_object_get(j, "meetings"), 0);
	assert_int_equal(json_array_size(json_object_get(m, "organizations")), 2);
	assert_int_equal(json_array_size(json_object_get(m, "delegates")), 2);
	json_decref(j);
	r = ta_api("GET", "/api/v1/countries/KE", staff_tok, NULL);
	HAS(r, "Wanjiru Kamau");
	LACKS(r, "Otieno");

	b = ts_signed_in(&srv, NULL, "mo@sahel-ct.example", PW);
	assert_non_null(b);
	r = ts_get(b, "/countries/KE");
	STATUS(r, 200);
	HAS(r, "Forty-first session");
	HAS(r, "Review completed");
	LACKS(r, "Wanjiru");
	/* in French */
	r = ts_get(b, "/countries/KE?lang=fr");
	STATUS(r, 200);
	HAS(r, "Parties prenantes");
	HAS(r, "Examen achevé");
	ts_browser_free(b);
}

/*
 * The country's pilot initiatives on its page: Kenya's, with Lantern Watch
 * as partner, is on Kenya's page and twin for a member, Kenya's focal
 * point and staff, partners named; Senegal's page has none; the page says
 * so in words, in French too.
 */
static void
test_country_initiatives(void **state)
{
	const struct ts_res *r;
	struct ts_browser *b;
	json_t *j, *ini;
	int64_t id;
	char path[96];

	(void)state;
	r = ta_api("POST", "/api/v1/initiatives", staff_tok, json_pack("{s:s,s:s,s:s,s:s}",
	    "country", "KE", "title", "Kenyan pilot on witness protection", "status", "active",
	    "summary", "A pilot."));
	STATUS(r, 201);
	j = ts_jbody(r);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/initiatives/%lld/participants", (long long)id);
	r = ta_api("POST", path, staff_tok, json_pack("{s:s,s:I}", "kind", "organization",
	    "organization_id", (json_int_t)lantern));
	assert_true(r->status == 200 || r->status == 201);

	j = ta_get_json("/api/v1/countries/KE", mo_tok, 200);
	ini = json_array_get(json_object_get(j, "initiatives"), 0);
	assert_non_null(ini);
	assert_string_equal(ta_str(ini, "title"), "Kenyan pilot on witness protection");
	assert_int_equal(json_integer_value(json_object_get(ini, "participants")), 1);
	assert_string_equal(ta_str(json_array_get(json_object_get(ini, "partners"), 0), "name"),
	    "Lantern Watch");
	assert_true(json_is_array(json_object_get(j, "dialogues")));
	json_decref(j);
	r = ta_api("GET", "/api/v1/country", fe_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Kenyan pilot on witness protection");
	HAS(r, "Lantern Watch");
	j = ta_get_json("/api/v1/countries/SN", staff_tok, 200);
	assert_int_equal(json_array_size(json_object_get(j, "initiatives")), 0);
	json_decref(j);

	b = ts_signed_in(&srv, NULL, "mo@sahel-ct.example", PW);
	assert_non_null(b);
	r = ts_get(b, "/countries/KE");
	STATUS(r, 200);
	HAS(r, "Kenyan pilot on witness protection");
	HAS(r, "<section aria-labelledby=\"dialogues-h\">");
	/* Mo reads French since test_country_meetings */
	r = ts_get(b, "/countries/SN");
	STATUS(r, 200);
	HAS(r, "Aucune initiative pilote dans ce pays");
	LACKS(r, "Kenyan pilot");
	ts_browser_free(b);
}

/* ---- staff's pages -------------------------------------------------------- */

static void
test_staff_pages(void **state)
{
	struct ts_browser *staff = ts_signed_in(&srv, NULL, "sam.staff@countries.test", PW);
	struct ts_browser *ada = ts_signed_in(&srv, NULL, "ada@lantern-ct.example", PW);
	const struct ts_res *r;
	json_t *j;

	(void)state;
	assert_non_null(staff);
	assert_non_null(ada);
	r = ts_get(staff, "/staff/reviews");
	STATUS(r, 200);
	HAS(r, "Kenya");
	HAS(r, "Senegal");
	r = ts_get(staff, "/staff/reviews?stage=self_assessment");
	STATUS(r, 200);
	HAS(r, "Senegal");
	LACKS(r, ">Kenya<");
	r = ts_get(staff, "/staff/reviews.csv?stage=review_completed");
	STATUS(r, 200);
	HEADER_HAS(r, "Content-Type", "text/csv");
	HAS(r, "country,cluster,year,reviewer_1,reviewer_2,stage");
	HAS(r, "KE,criminalization_jurisdiction,2026,GH,PE,review_completed");
	LACKS(r, "SN,");
	HAS(r, "Fe Kenya");

	/* the form: what was typed is kept with the message */
	r = ts_get(staff, "/staff/reviews/KE");
	STATUS(r, 200);
	HAS(r, "value=\"GH\" selected");
	r = ts_form(staff, "/staff/reviews/KE", "cluster", "law_enforcement_judicial", "year",
	    "2027", "reviewer_1", "KE", "reviewer_2", "PE", "stage", "country_review", NULL);
	STATUS(r, 422);
	HAS(r, "A State does not review itself.");
	HAS(r, "value=\"law_enforcement_judicial\" selected");
	HAS(r, "value=\"2027\"");
	j = ta_get_json("/api/v1/reviews/KE", staff_tok, 200);
	assert_string_equal(ta_str(j, "cluster"),
	    "criminalization_jurisdiction");	/* unchanged */
	json_decref(j);
	r = ts_form(staff, "/staff/reviews/KE", "cluster", "law_enforcement_judicial", "year",
	    "2027", "reviewer_1", "GH", "reviewer_2", "PE", "stage", "review_completed",
	    "self_assessment_date", "2026-01-05", "country_review_date", "",
	    "review_completed_date", "2026-09-30", NULL);
	STATUS(r, 303);
	HEADER_HAS(r, "Location", "/staff/reviews?saved=KE");
	j = ta_get_json("/api/v1/reviews/KE", staff_tok, 200);
	assert_string_equal(ta_str(j, "cluster"), "law_enforcement_judicial");
	assert_string_equal(ta_str(j, "review_completed_date"), "2026-09-30");
	assert_true(json_is_null(json_object_get(j, "country_review_date")));
	json_decref(j);
	/* a new country's, chosen on the form */
	r = ts_get(staff, "/staff/reviews/new");
	STATUS(r, 200);
	r = ts_form(staff, "/staff/reviews/new", "country", "ZZ", "cluster",
	    "law_enforcement_judicial", "year", "2027", "reviewer_1", "GH", "reviewer_2", "PE",
	    "stage", "self_assessment", NULL);
	STATUS(r, 422);
	HAS(r, "No country has this code.");
	r = ts_form(staff, "/staff/reviews/new", "country", "BJ", "cluster",
	    "law_enforcement_judicial", "year", "2027", "reviewer_1", "GH", "reviewer_2", "PE",
	    "stage", "self_assessment", NULL);
	STATUS(r, 303);
	json_decref(ta_get_json("/api/v1/reviews/BJ", staff_tok, 200));

	/* not staff: 403 */
	STATUS(ts_get(ada, "/staff/reviews"), 403);
	STATUS(ts_form(ada, "/staff/reviews/KE", "cluster", "law_enforcement_judicial", NULL),
	    403);
	ts_browser_free(staff);
	ts_browser_free(ada);
}

/* ---- importing ------------------------------------------------------------ */

static void
test_import(void **state)
{
	static const char bad[] = "country,cluster,year,reviewer_1,reviewer_2,stage\r\n"
	    "CI,international_cooperation,2027,GH,PE,self_assessment\r\n"
	    "ZZ,international_cooperation,2027,GH,PE,self_assessment\r\n"
	    "ML,international_cooperation,2027,ML,PE,someday\r\n";
	static const char good[] = "\xEF\xBB\xBF" "country;stage;cluster;year;reviewer_1;"
	    "reviewer_2;self_assessment_date;country_name\n"
	    "ci;self_assessment;international_cooperation;2027;gh;pe;2027-01-11;C\xC3\xB4te\n"
	    "ML;country_review;international_cooperation;2027;SN;PE;;Mali\n";
	struct ts_browser *staff = ts_signed_in(&srv, NULL, "sam.staff@countries.test", PW);
	struct ts_part part = { "file", bad, 0, "reviews.csv", "text/csv" };
	const struct ts_res *r;
	char path[300], out[4096];
	json_t *j;
	FILE *f;

	(void)state;
	assert_non_null(staff);
	r = ts_multipart(staff, "/staff/reviews/import", 1, &part, 1);
	STATUS(r, 422);
	HAS(r, "Nothing was imported");
	HAS(r, "line 3, column country: No country has this code.");
	HAS(r, "line 4, column reviewer_1: A State does not review itself.");
	HAS(r, "line 4, column stage: Choose a stage from the list.");
	json_decref(ta_get_json("/api/v1/reviews/CI", staff_tok, 404));	/* all or nothing */
	r = ts_multipart(staff, "/staff/reviews/import", 1, NULL, 0);
	STATUS(r, 422);
	HAS(r, "Choose a CSV file to import.");

	part.data = good;
	r = ts_multipart(staff, "/staff/reviews/import", 1, &part, 1);
	STATUS(r, 303);
	HEADER_HAS(r, "Location", "/staff/reviews?imported=2");
	j = ta_get_json("/api/v1/reviews/CI", staff_tok, 200);
	assert_string_equal(ta_str(j, "self_assessment_date"), "2027-01-11");
	assert_string_equal(ta_str(j, "reviewer_1"), "GH");
	json_decref(j);
	j = ta_get_json("/api/v1/reviews/ML", staff_tok, 200);
	assert_string_equal(ta_str(j, "stage"), "country_review");
	json_decref(j);

	/* the command line: the same rules, the same all or nothing */
	snprintf(path, sizeof path, "%s/reviews.csv", ts_tmpdir());
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("country,cluster,year,reviewer_1,reviewer_2,stage\nNE,law_enforcement_judicial,"
	    "2028,GH,PE,self_assessment\nTD,law_enforcement_judicial,2028,GH,GH,"
	    "self_assessment\n", f);
	fclose(f);
	assert_int_equal(ts_whatson(NULL, out, sizeof out, "import", "reviews", path, "--db",
	    db_url, NULL), 1);
	json_decref(ta_get_json("/api/v1/reviews/NE", staff_tok, 404));
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("country,cluster,year,reviewer_1,reviewer_2,stage\nNE,law_enforcement_judicial,"
	    "2028,GH,PE,self_assessment\n", f);
	fclose(f);
	assert_int_equal(ts_whatson(NULL, out, sizeof out, "import", "reviews", path, "--db",
	    db_url, NULL), 0);
	assert_non_null(strstr(out, "1 reviews imported"));
	json_decref(ta_get_json("/api/v1/reviews/NE", staff_tok, 200));
	ts_browser_free(staff);
}

/* ---- links to a country's page -------------------------------------------- */

static void
test_links(void **state)
{
	struct ts_browser *mo = ts_signed_in(&srv, NULL, "mo@sahel-ct.example", PW);
	const struct ts_res *r;
	char path[64];

	(void)state;
	assert_non_null(mo);
	snprintf(path, sizeof path, "/organizations/%lld", (long long)lantern);
	r = ts_get(mo, path);
	STATUS(r, 200);
	HAS(r, "href=\"&#x2F;countries&#x2F;KE\"");	/* escaped as any value */
	ts_browser_free(mo);
}

/* ---- set-up ---------------------------------------------------------------- */

static int
setup(void **state)
{
	struct ts_browser *staff;
	char path[64];

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	ta_accounts(db_url, PW);
	ts_db_open(db_url);
	lantern = ts_org_import(db_url, "Lantern Watch", "KE", "info@lantern-ct.example",
	    SECRET_DESC);
	hidden = ts_org_import(db_url, "Hidden Harbour", "KE", "info@hidden-ct.example",
	    MEMBERS_DESC);
	sahel = ts_org_import(db_url, "Sahel Voices", "SN", "info@sahel-ct.example", NULL);
	assert_true(lantern > 0 && hidden > 0 && sahel > 0);
	ta_account("sam.staff@countries.test", "staff", 0, staff_tok, NULL);
	ta_account("ada@lantern-ct.example", "member", lantern, ada_tok, &ada_id);
	ta_account("mo@sahel-ct.example", "member", sahel, mo_tok, NULL);
	ta_account("fe@interior.go.ke", "focal", 0, fe_tok, NULL);
	ta_account("fi@interieur.gouv.sn", "focal", 0, fi_tok, NULL);
	ts_sql_int("UPDATE users SET country = 'KE', name = 'Fe Kenya' "
	    "WHERE email = 'fe@interior.go.ke'");
	ts_sql_int("UPDATE users SET country = 'SN' WHERE email = 'fi@interieur.gouv.sn'");
	/* Lantern shows its description to members and staff, not to
	 * governments; Hidden Harbour shows its country to staff only */
	snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)lantern);
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:{s:s}}", "visibility",
	    "description", "nongovernmental")), 200);
	snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)hidden);
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:{s:s}}", "visibility", "country",
	    "staff")), 200);
	staff = ts_signed_in(&srv, NULL, "sam.staff@countries.test", PW);
	if (!staff || ts_org_admin(staff, lantern, ada_id) != 0)
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_review_api),
		cmocka_unit_test(test_review_refused),
		cmocka_unit_test(test_country_access),
		cmocka_unit_test(test_country_visibility),
		cmocka_unit_test(test_country_meetings),
		cmocka_unit_test(test_country_initiatives),
		cmocka_unit_test(test_staff_pages),
		cmocka_unit_test(test_import),
		cmocka_unit_test(test_links),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("countries", tests, setup, teardown);
}
