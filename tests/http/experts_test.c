/*
 * experts_test.c -- individual experts through a real server (issue 11):
 * an expert applies on the join form's expert path and through the API,
 * staff see the kind and the likely duplicates (same name, same address),
 * approve, reject or ask for more, the expert is mailed and becomes a
 * member without an organization, and is listed at /people with the
 * directory's filters and facets.  Then who sees what: the expert hides
 * fields at every level, and a visitor, a member of an organization, a
 * state focal point, staff and the expert each get exactly their share on
 * the profile, in the list, its filters and facets, and in what a search
 * finds.  Then the bad input: no name, address or consent, a biography
 * over its limit, unknown codes, a visibility level that does not exist.
 * Last, forgetting: an expert, or the contact of an organization, deletes
 * their account and staff no longer see their name, address or phone; and
 * the mail an expert gets speaks to them as a person, in their language.
 *
 * The database is $WHATSON_TEST_DB (tests/http/run.t runs this program on
 * SQLite and on PostgreSQL), fresh: the counts below are exact.
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
static struct ts_browser *visitor, *plain, *ana_web, *staff_web, *mo_web, *fe_web;
/* API tokens: staff, Ana (the expert), Bo (a second applicant), a member of
 * an organization, a state focal point. */
static char staff_tok[129], ana_tok[129], bo_tok[129], mo_tok[129], fe_tok[129];
static int64_t ana_id, ana_app, org_id;

/* A new account with role; its id, its API token into tok[129] and, when
 * web is not NULL, a browser signed in as it. */
static int64_t
account(const char *email, const char *name, const char *role, char *tok,
    struct ts_browser **web)
{
	int64_t id = ts_user_add(db_url, email, name, role, PW);

	assert_true(id > 0);
	assert_int_equal(ts_token(plain, email, PW, tok, 129), 0);
	if (web)
		assert_non_null(*web = ts_signed_in(&srv, NULL, email, PW));
	return id;
}

/* An expert's application body: name, email, and the rest fixed. */
static json_t *
expert_body(const char *name, const char *email)
{
	return json_pack("{s:s,s:{s:s,s:s,s:s,s:s,s:s,s:[s],s:[s],s:[s,s],s:s,s:s},"
	    "s:{s:s,s:s},s:b}", "kind", "expert",
	    "expert", "name", name, "title", "Senior Researcher", "profession", "academic",
	    "affiliation", "Quorvane University", "country", "KE", "countries", "UG",
	    "themes", "corruption", "languages", "en", "sw", "biography",
	    "Studies *zephyrbio* procurement networks.", "website",
	    "https://orcid.org/0000-0002-1825-0097",
	    "contact", "email", email, "phone", "+254 20 555 0101", "consent", 1);
}

/* The application's id in a list of applications j whose applicant has
 * email; 0 when none. */
static int64_t
app_of(json_t *j, const char *email)
{
	json_t *it;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, it)
		if (strcmp(json_string_value(json_object_get(json_object_get(it, "applicant"),
		    "email")), email) == 0)
			return json_integer_value(json_object_get(it, "id"));
	return 0;
}

/* ---- applying ----------------------------------------------------------- */

/* The join form's expert path works without JavaScript: a link to
 * ?as=expert, the expert's fields only, and a refused form keeps what was
 * typed, still on the expert's path. */
static void
test_apply_form(void **state)
{
	const struct ts_res *r;
	json_t *j;

	(void)state;
	r = ts_get(ana_web, "/join");
	STATUS(r, 200);
	HAS(r, "href=\"/join?as=expert\"");
	HAS(r, "Name of the organization");
	r = ts_get(ana_web, "/join?as=expert");
	STATUS(r, 200);
	HAS(r, "name=\"as\" value=\"expert\"");
	HAS(r, "Short biography");
	HAS(r, "Website or ORCID iD");
	LACKS(r, "Name of the organization");
	STATUS(ts_get(ana_web, "/join?as=robot"), 422);

	/* no consent, no name: refused, everything typed is still there */
	r = ts_form(ana_web, "/join", "action", "submit", "as", "expert", "title",
	    "Senior Researcher", "affiliation", "Quorvane University", "country", "KE",
	    "themes", "corruption", "biography", "Studies zephyrbio networks.",
	    "contact_email", "ana@research.example", (char *)NULL);
	STATUS(r, 422);
	HAS(r, "name=\"as\" value=\"expert\"");
	HAS(r, "value=\"Quorvane University\"");
	HAS(r, "Studies zephyrbio networks.");
	HAS(r, "id=\"e-name\"");
	HAS(r, "id=\"e-consent\"");
	LACKS(r, "Name of the organization");

	r = ts_form(ana_web, "/join", "action", "submit", "as", "expert", "name", "Ana Lima",
	    "title", "Senior Researcher", "profession", "academic", "affiliation",
	    "Quorvane University", "country", "KE", "countries", "UG", "themes", "corruption",
	    "languages", "en", "languages", "sw", "biography",
	    "Studies *zephyrbio* procurement networks.", "website",
	    "https://orcid.org/0000-0002-1825-0097", "contact_email", "ana@research.example",
	    "contact_phone", "+254 20 555 0101", "consent", "1", (char *)NULL);
	STATUS(r, 200);
	HAS(r, "Staff will review");

	j = ta_get_json("/api/v1/applications?status=pending&kind=expert", staff_tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	ana_app = app_of(j, "ana@research.example");
	assert_true(ana_app > 0);
	json_decref(j);
}

/* The API's "kind": "expert"; a second person with the same name and one
 * with the same address are shown to staff as likely duplicates; the
 * queue says the kind. */
static void
test_apply_api_and_duplicates(void **state)
{
	const struct ts_res *r;
	json_t *j, *d;
	char path[96];
	size_t i;
	int same_name = 0, same_mail = 0;
	int64_t bo_app;

	(void)state;
	r = ta_api("POST", "/api/v1/applications", bo_tok, expert_body("Ana  LIMA",
	    "bo@else.example"));
	STATUS(r, 201);
	j = ts_jbody(r);
	assert_string_equal(json_string_value(json_object_get(j, "kind")), "expert");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "expert"),
	    "name")), "Ana  LIMA");
	assert_null(json_object_get(j, "organization"));
	bo_app = json_integer_value(json_object_get(j, "id"));
	json_decref(j);

	/* the same address as Ana's, from another account */
	r = ta_api("POST", "/api/v1/applications", mo_tok, expert_body("Someone Else",
	    "ana@research.example"));
	STATUS(r, 201);

	snprintf(path, sizeof path, "/api/v1/staff/applications/%lld", (long long)bo_app);
	j = ta_get_json(path, staff_tok, 200);
	json_array_foreach(json_object_get(j, "duplicates"), i, d)
		same_name |= json_integer_value(json_object_get(d, "id")) == ana_app &&
		    strcmp(json_string_value(json_object_get(d, "why")), "same person's name") == 0;
	json_decref(j);
	assert_true(same_name);
	j = ta_get_json("/api/v1/applications?status=pending&kind=expert", staff_tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 3);
	snprintf(path, sizeof path, "/api/v1/staff/applications/%lld",
	    (long long)app_of(j, "mo@meridian.example"));
	json_decref(j);
	j = ta_get_json(path, staff_tok, 200);
	json_array_foreach(json_object_get(j, "duplicates"), i, d)
		same_mail |= json_integer_value(json_object_get(d, "id")) == ana_app &&
		    strcmp(json_string_value(json_object_get(d, "why")), "same email address") == 0;
	json_decref(j);
	assert_true(same_mail);

	/* the queue and the detail page say the kind and show the hint */
	r = ts_get(staff_web, "/staff/applications?kind=expert");
	STATUS(r, 200);
	HAS(r, "Individual expert");
	HAS(r, "Ana Lima");
	snprintf(path, sizeof path, "/staff/applications/%lld", (long long)bo_app);
	r = ts_get(staff_web, path);
	STATUS(r, 200);
	HAS(r, "same person&#39;s name");
	HAS(r, "Quorvane University");
	HAS(r, "Individual expert");
}

/* Approve: the mail, a member without an organization, with member
 * rights; reject and request information with their mails; the answer to
 * a request goes back to the queue. */
static void
test_decisions(void **state)
{
	struct ts_mail m;
	char path[128], link[256];
	const struct ts_res *r;
	json_t *j;
	int64_t bo_app, mo_app;

	(void)state;
	snprintf(path, sizeof path, "/staff/applications/%lld/approve", (long long)ana_app);
	STATUS(ts_form(staff_web, path, (char *)NULL), 303);
	assert_int_equal(ts_mail_wait(&sink, "ana@research.example", 10000, &m), 0);
	assert_non_null(strstr(m.subject, "member as an expert"));
	assert_int_equal(ts_mail_link(&m, link, sizeof link), 0);
	snprintf(path, sizeof path, "/people/%lld", (long long)ana_id);
	assert_non_null(strstr(link, path));
	ts_mail_free(&m);

	j = ta_get_json("/api/v1/me", ana_tok, 200);
	assert_string_equal(json_string_value(json_object_get(j, "role")), "member");
	assert_true(json_integer_value(json_object_get(j, "org_id")) == 0);
	json_decref(j);
	/* the audit log has the submission and the decision */
	r = ta_api("GET", "/api/v1/staff/audit?per_page=200", staff_tok, NULL);
	STATUS(r, 200);
	snprintf(path, sizeof path, "application %lld: Ana Lima", (long long)ana_app);
	assert_true(ts_has(r, path));
	assert_true(ts_has(r, "application.approved"));
	STATUS(ts_get(ana_web, "/organizations"), 200);	/* member rights */
	r = ts_get(ana_web, "/");
	HAS(r, "href=\"/people\"");
	/* not an organization: not in the directory nor its counts */
	j = ta_get_json("/api/v1/organizations?per_page=100", staff_tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	json_decref(j);

	j = ta_get_json("/api/v1/applications?status=pending&kind=expert", staff_tok, 200);
	bo_app = app_of(j, "bo@else.example");
	mo_app = app_of(j, "mo@meridian.example");
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/applications/%lld/reject", (long long)mo_app);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s}", "reason",
	    "The address is someone else's.")), 200);
	assert_int_equal(ts_mail_wait(&sink, "mo@meridian.example", 10000, &m), 0);
	ts_mail_free(&m);
	snprintf(path, sizeof path, "/api/v1/applications/%lld/request-info", (long long)bo_app);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s}", "message",
	    "Which university are you with?")), 200);
	assert_int_equal(ts_mail_wait(&sink, "bo@else.example", 10000, &m), 0);
	assert_non_null(strstr(m.body, "Which university"));
	ts_mail_free(&m);
	/* a rejected or waiting applicant is no member */
	j = ta_get_json("/api/v1/me", bo_tok, 200);
	assert_string_equal(json_string_value(json_object_get(j, "role")), "applicant");
	json_decref(j);

	/* Bo answers on the page, then through the API */
	snprintf(path, sizeof path, "/applications/%lld", (long long)bo_app);
	{
		struct ts_browser *bo = ts_browser_new(&srv, NULL);

		STATUS(ts_form(bo, "/signin", "email", "bo@else.example", "password", PW,
		    (char *)NULL), 303);
		r = ts_get(bo, path);
		STATUS(r, 200);
		HAS(r, "Short biography");
		HAS(r, "Which university are you with?");
		ts_browser_free(bo);
	}
	snprintf(path, sizeof path, "/api/v1/applications/%lld", (long long)bo_app);
	j = expert_body("Bo Okafor", "bo@else.example");
	json_object_set_new(json_object_get(j, "expert"), "affiliation",
	    json_string("Nairobi Institute"));
	r = ta_api("POST", path, bo_tok, j);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "pending");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "expert"),
	    "affiliation")), "Nairobi Institute");
	json_decref(j);
}

/* ---- /people ------------------------------------------------------------ */

static void
test_people_list_and_facets(void **state)
{
	const struct ts_res *r;
	json_t *j, *f, *it;

	(void)state;
	j = ta_get_json("/api/v1/people", mo_tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	assert_int_equal(json_integer_value(json_object_get(j, "page")), 1);
	assert_non_null(json_object_get(j, "per_page"));
	it = json_array_get(json_object_get(j, "items"), 0);
	assert_string_equal(json_string_value(json_object_get(it, "name")), "Ana Lima");
	assert_int_equal(json_integer_value(json_object_get(it, "id")), ana_id);
	f = json_object_get(j, "facets");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(f, "country"), "KE")),
	    1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(f, "country"), "UG")),
	    1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(f, "region"), "002")),
	    1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(f, "theme"),
	    "corruption")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(f, "language"),
	    "sw")), 1);
	json_decref(j);
	assert_int_equal(ta_total("/api/v1/people?country=KE", mo_tok), 1);
	assert_int_equal(ta_total("/api/v1/people?country=FR", mo_tok), 0);
	/* a facet counts with the other filters only: Kenya is still offered */
	j = ta_get_json("/api/v1/people?country=FR", mo_tok, 200);
	f = json_object_get(j, "facets");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(f, "country"), "KE")),
	    1);
	assert_int_equal(json_object_size(json_object_get(f, "theme")), 0);
	json_decref(j);
	assert_int_equal(ta_total("/api/v1/people?region=002&theme=corruption", mo_tok), 1);
	assert_int_equal(ta_total("/api/v1/people?theme=cybercrime", mo_tok), 0);
	assert_int_equal(ta_total("/api/v1/people?language=sw&sort=newest", mo_tok), 1);
	assert_int_equal(ta_total("/api/v1/people?q=lima", mo_tok), 1);
	assert_int_equal(ta_total("/api/v1/people?q=nobody", mo_tok), 0);
	assert_int_equal(ta_total("/api/v1/people?page=2&per_page=1", mo_tok), 1);

	r = ts_get(mo_web, "/people?theme=corruption");
	STATUS(r, 200);
	HAS(r, "href=\"/people/");
	HAS(r, "Ana Lima");
	HAS(r, "Kenya");
	r = ts_get(mo_web, "/people?q=lima");	/* one, said as one */
	STATUS(r, 200);
	HAS(r, "1 expert matches");
	r = ts_get(mo_web, "/people?q=nobody");
	STATUS(r, 200);
	LACKS(r, "Ana Lima");
	HAS(r, "0 experts match");
	r = ta_api("GET", "/api/v1/people?country=ZZ", mo_tok, NULL);
	STATUS(r, 422);
	assert_true(ts_has(r, "\"country\""));
	r = ta_api("GET", "/api/v1/people?theme=nope", mo_tok, NULL);
	STATUS(r, 422);
	assert_true(ts_has(r, "\"theme\""));
	r = ta_api("GET", "/api/v1/people?per_page=101", mo_tok, NULL);
	STATUS(r, 422);
	/* a visitor is sent to sign in; an applicant may not */
	r = ts_get(visitor, "/people");
	STATUS(r, 303);
	STATUS(ta_api("GET", "/api/v1/people", NULL, NULL), 401);
	STATUS(ta_api("GET", "/api/v1/people", bo_tok, NULL), 403);
	/* Ana's own page links her edit form */
	r = ts_get(ana_web, "/people");
	STATUS(r, 200);
}

/* Which of Ana's fields a viewer gets. */
struct seen {
	const char *who, *tok;
	int title, biography, affiliation, themes, contact, country, visibility;
};

static void
test_visibility_per_role(void **state)
{
	static const struct seen want[] = {
		{ "visitor", NULL, 1, 0, 0, 0, 0, 0, 0 },
		{ "applicant", bo_tok, 1, 0, 0, 0, 0, 0, 0 },
		{ "focal point", fe_tok, 1, 0, 0, 1, 0, 1, 0 },
		{ "member of an organization", mo_tok, 1, 1, 0, 1, 1, 1, 0 },
		{ "the expert", ana_tok, 1, 1, 1, 1, 1, 1, 1 },
		{ "staff", staff_tok, 1, 1, 1, 1, 1, 1, 1 },
	};
	const struct ts_res *r;
	char path[96], web[96];
	size_t i;
	json_t *j;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/people/%lld", (long long)ana_id);
	snprintf(web, sizeof web, "/people/%lld", (long long)ana_id);
	r = ta_api("PATCH", path, ana_tok, json_pack("{s:{s:s,s:s,s:s,s:s,s:s,s:s}}", "visibility",
	    "title", "public", "biography", "nongovernmental", "affiliation", "staff",
	    "themes", "members", "country", "members", "contact", "nongovernmental"));
	STATUS(r, 200);
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct seen *w = &want[i];

		printf("# %s\n", w->who);
		j = ta_get_json(path, w->tok, 200);
		assert_string_equal(json_string_value(json_object_get(j, "name")), "Ana Lima");
		assert_int_equal(json_object_get(j, "title") != NULL, w->title);
		assert_int_equal(json_object_get(j, "biography") != NULL, w->biography);
		assert_int_equal(json_object_get(j, "affiliation") != NULL, w->affiliation);
		assert_int_equal(json_object_get(j, "themes") != NULL, w->themes);
		assert_int_equal(json_object_get(j, "contact") != NULL, w->contact);
		assert_int_equal(json_object_get(j, "country") != NULL, w->country);
		assert_int_equal(json_object_get(j, "visibility") != NULL, w->visibility);
		json_decref(j);
	}
	/* the pages say the same */
	r = ts_get(visitor, web);
	STATUS(r, 200);
	HAS(r, "Senior Researcher");
	LACKS(r, "zephyrbio");
	LACKS(r, "Kenya");
	r = ts_get(fe_web, web);
	STATUS(r, 200);
	HAS(r, "Kenya");
	LACKS(r, "zephyrbio");
	LACKS(r, "+254 20 555 0101");
	LACKS(r, "Quorvane");
	r = ts_get(mo_web, web);
	STATUS(r, 200);
	HAS(r, "<em>zephyrbio</em>");
	HAS(r, "+254 20 555 0101");
	LACKS(r, "Quorvane");
	LACKS(r, "Edit the profile");
	r = ts_get(ana_web, web);
	HAS(r, "Quorvane");
	HAS(r, "Edit the profile");

	/* search finds a word only where its viewer sees it */
	assert_int_equal(ta_total("/api/v1/people?q=zephyrbio", mo_tok), 1);
	assert_int_equal(ta_total("/api/v1/people?q=zephyrbio", fe_tok), 0);
	assert_int_equal(ta_total("/api/v1/people?q=zephyrbio", staff_tok), 1);
	assert_int_equal(ta_total("/api/v1/people?q=quorvane", mo_tok), 0);
	assert_int_equal(ta_total("/api/v1/people?q=quorvane", fe_tok), 0);
	assert_int_equal(ta_total("/api/v1/people?q=quorvane", staff_tok), 1);
	assert_int_equal(ta_total("/api/v1/people?q=quorvane", ana_tok), 1);
	r = ts_get(fe_web, "/people?q=zephyrbio");
	STATUS(r, 200);
	LACKS(r, "Ana Lima");

	/* filters and facets: a country hidden from focal points */
	STATUS(ta_api("PATCH", path, ana_tok, json_pack("{s:{s:s,s:s}}", "visibility", "country",
	    "nongovernmental", "countries", "nongovernmental")), 200);
	assert_int_equal(ta_total("/api/v1/people?country=KE", fe_tok), 0);
	assert_int_equal(ta_total("/api/v1/people?region=002", fe_tok), 0);
	assert_int_equal(ta_total("/api/v1/people?q=kenya", fe_tok), 0);
	assert_int_equal(ta_total("/api/v1/people?country=KE", mo_tok), 1);
	assert_int_equal(ta_total("/api/v1/people?q=kenya", mo_tok), 1);
	j = ta_get_json("/api/v1/people", fe_tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	assert_int_equal(json_object_size(json_object_get(json_object_get(j, "facets"), "country")),
	    0);
	assert_int_equal(json_object_size(json_object_get(json_object_get(j, "facets"), "region")),
	    0);
	json_decref(j);

	/* only the expert and staff edit it */
	STATUS(ta_api("PATCH", path, mo_tok, json_pack("{s:{s:s}}", "expert", "name", "Taken")),
	    403);
	STATUS(ta_api("PATCH", path, fe_tok, json_pack("{s:{s:s}}", "expert", "name", "Taken")),
	    403);
	snprintf(web, sizeof web, "/people/%lld/edit", (long long)ana_id);
	STATUS(ts_get(mo_web, web), 403);
	r = ts_get(ana_web, web);
	STATUS(r, 200);
	HAS(r, "name=\"vis_biography\"");
	r = ts_form(ana_web, web, "name", "Ana M. Lima", "country", "KE", "contact_email",
	    "ana@research.example", "vis_title", "staff", (char *)NULL);
	STATUS(r, 303);
	j = ta_get_json(path, mo_tok, 200);
	assert_string_equal(json_string_value(json_object_get(j, "name")), "Ana M. Lima");
	assert_null(json_object_get(j, "title"));
	json_decref(j);
}

/* An expert who joins an organization and is removed from it stays a
 * member: their member rights come from their profile too. */
static void
test_expert_leaves_organization(void **state)
{
	const struct ts_res *r;
	const char *loc;
	char path[128];
	long long app;
	json_t *j;

	(void)state;
	snprintf(path, sizeof path, "/organizations/%lld/join-request", (long long)org_id);
	r = ts_form(ana_web, path, "title", "Adviser", (char *)NULL);
	STATUS(r, 303);
	loc = ts_header(r, "Location");
	assert_non_null(loc);
	assert_non_null(strstr(loc, "/applications/"));
	app = strtoll(strstr(loc, "/applications/") + 14, NULL, 10);
	snprintf(path, sizeof path, "/organizations/%lld/requests/%lld/approve",
	    (long long)org_id, app);
	STATUS(ts_form(mo_web, path, (char *)NULL), 303);
	snprintf(path, sizeof path, "/organizations/%lld/people/%lld/remove", (long long)org_id,
	    (long long)ana_id);
	STATUS(ts_form(mo_web, path, (char *)NULL), 303);
	j = ta_get_json("/api/v1/me", ana_tok, 200);
	assert_string_equal(json_string_value(json_object_get(j, "role")), "member");
	json_decref(j);
	STATUS(ts_get(ana_web, "/organizations"), 200);
	assert_int_equal(ta_total("/api/v1/people", mo_tok), 1);
}

/* ---- bad input ---------------------------------------------------------- */

/* A 422 naming exactly the fields given (NULL-terminated). */
static void
refused(const struct ts_res *r, ...)
{
	va_list ap;
	const char *f;
	json_t *j, *errors;
	size_t n = 0;

	STATUS(r, 422);
	j = ts_jbody(r);
	errors = json_object_get(j, "errors");
	va_start(ap, r);
	while ((f = va_arg(ap, const char *))) {
		if (!json_object_get(errors, f))
			printf("# no error for %s: %.400s\n", f, r->body);
		assert_non_null(json_object_get(errors, f));
		n++;
	}
	va_end(ap);
	if (json_object_size(errors) != n)
		printf("# errors: %.400s\n", r->body);
	assert_int_equal(json_object_size(errors), n);
	json_decref(j);
}

static void
test_bad_input(void **state)
{
	char path[96], *bio;
	json_t *b;

	(void)state;
	b = expert_body("", "");
	json_object_set_new(b, "consent", json_false());
	refused(ta_api("POST", "/api/v1/applications", bo_tok, b), "name", "contact_email",
	    "consent", (char *)NULL);
	b = expert_body("Cy Long", "cy@example.org");
	bio = calloc(1, 4002);
	memset(bio, 'x', 4001);
	json_object_set_new(json_object_get(b, "expert"), "biography", json_string(bio));
	free(bio);
	refused(ta_api("POST", "/api/v1/applications", bo_tok, b), "biography", (char *)NULL);
	b = expert_body("Cy Long", "cy@example.org");
	json_object_set_new(json_object_get(b, "expert"), "country", json_string("ZZ"));
	refused(ta_api("POST", "/api/v1/applications", bo_tok, b), "country", (char *)NULL);
	b = expert_body("Cy Long", "cy@example.org");
	json_object_set_new(json_object_get(b, "expert"), "themes", json_pack("[s]", "nope"));
	refused(ta_api("POST", "/api/v1/applications", bo_tok, b), "themes", (char *)NULL);
	b = expert_body("Cy Long", "cy@example.org");
	json_object_set_new(json_object_get(b, "expert"), "languages", json_pack("[s]", "xq"));
	refused(ta_api("POST", "/api/v1/applications", bo_tok, b), "languages", (char *)NULL);
	b = expert_body("Cy Long", "cy@example.org");
	json_object_set_new(json_object_get(b, "expert"), "website", json_string("not a site"));
	refused(ta_api("POST", "/api/v1/applications", bo_tok, b), "website", (char *)NULL);
	b = expert_body("Cy Long", "cy@example.org");
	json_object_set_new(b, "kind", json_string("focal"));
	refused(ta_api("POST", "/api/v1/applications", bo_tok, b), "kind", (char *)NULL);
	/* a visibility that does not exist */
	snprintf(path, sizeof path, "/api/v1/people/%lld", (long long)ana_id);
	refused(ta_api("PATCH", path, ana_tok, json_pack("{s:{s:s}}", "visibility", "biography",
	    "friends")), "visibility", (char *)NULL);
	refused(ta_api("PATCH", path, ana_tok, json_pack("{s:{s:s}}", "visibility", "shoe_size",
	    "public")), "visibility", (char *)NULL);
	/* nothing of it was stored */
	assert_int_equal(ta_total("/api/v1/applications?status=all&kind=expert", staff_tok), 3);
	STATUS(ta_api("GET", "/api/v1/people/999999", mo_tok, NULL), 404);
}

/* Signed out, an expert's application creates the account and waits for
 * the address to be confirmed, as an organization's does; confirmed, it is
 * in the queue.  The form's expert path does the same. */
static void
test_signed_out(void **state)
{
	struct ts_browser *b = ts_browser_new(&srv, NULL);
	struct ts_mail m;
	char link[512];
	const struct ts_res *r;
	json_t *j, *body = expert_body("Dee Indie", "dee@indie.example");

	(void)state;
	json_object_set_new(body, "password", json_string(PW));
	r = ta_api("POST", "/api/v1/applications", NULL, body);
	STATUS(r, 202);
	assert_true(ts_has(r, "verification_sent"));
	assert_int_equal(ts_mail_wait(&sink, "dee@indie.example", 10000, &m), 0);
	assert_non_null(strstr(m.subject, "Confirm your application"));
	assert_int_equal(ts_mail_link(&m, link, sizeof link), 0);
	ts_mail_free(&m);
	j = ta_get_json("/api/v1/applications?status=pending&kind=expert", staff_tok, 200);
	assert_int_equal(app_of(j, "dee@indie.example"), 0);	/* not yet */
	json_decref(j);
	STATUS(ts_verify(b, link, PW), 200);
	j = ta_get_json("/api/v1/applications?status=pending&kind=expert", staff_tok, 200);
	assert_true(app_of(j, "dee@indie.example") > 0);
	json_decref(j);
	ts_browser_free(b);

	b = ts_browser_new(&srv, NULL);
	r = ts_get(b, "/join?as=expert");
	STATUS(r, 200);
	HAS(r, "name=\"password\"");
	r = ts_form(b, "/join", "action", "submit", "as", "expert", "name", "Eli Form",
	    "country", "SN", "contact_email", "eli@indie.example", "consent", "1", "password",
	    PW, "fax_number", "", (char *)NULL);
	STATUS(r, 200);
	HAS(r, "We have sent a link");
	assert_int_equal(ts_mail_wait(&sink, "eli@indie.example", 10000, &m), 0);
	ts_mail_free(&m);
	ts_browser_free(b);
}

/* ---- forgetting --------------------------------------------------------- */

/* True when the JSON or page r holds any of Cyra's own values. */
static int
holds_cyra(const struct ts_res *r)
{
	return ts_has(r, "Cyra Quenby") || ts_has(r, "cyra@quenby.example") ||
	    ts_has(r, "7946 0321") || ts_has(r, "quenbyfield");
}

/* An approved expert deletes their account: they are gone from /people,
 * their profile is 404, and staff's application (page and JSON) and its
 * notes no longer hold their name, address, phone or biography; the
 * application stays, with its kind and status, for the audit.  Before,
 * staff and the expert's own export had all of it. */
static void
test_deleted_expert_forgotten(void **state)
{
	char tok[129], path[128], ppath[128];
	struct ts_browser *cy;
	const struct ts_res *r;
	struct ts_mail m;
	int64_t id, app;
	json_t *j;

	(void)state;
	id = account("cyra@quenby.example", "Cyra Quenby", "applicant", tok, &cy);
	j = expert_body("Cyra Quenby", "cyra@quenby.example");
	json_object_set_new(json_object_get(j, "contact"), "phone",
	    json_string("+44 20 7946 0321"));
	json_object_set_new(json_object_get(j, "expert"), "biography",
	    json_string("Maps *quenbyfield* trawler permits."));
	r = ta_api("POST", "/api/v1/applications", tok, j);
	STATUS(r, 201);
	j = ts_jbody(r);
	app = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof path, "/staff/applications/%lld/note", (long long)app);
	STATUS(ts_form(staff_web, path, "note", "Called Cyra Quenby on +44 20 7946 0321.",
	    (char *)NULL), 303);
	snprintf(path, sizeof path, "/api/v1/applications/%lld/approve", (long long)app);
	STATUS(ta_api("POST", path, staff_tok, json_object()), 200);
	assert_int_equal(ts_mail_wait(&sink, "cyra@quenby.example", 10000, &m), 0);
	ts_mail_free(&m);

	/* listed, and staff see everything */
	assert_int_equal(ta_total("/api/v1/people?q=Quenby", staff_tok), 1);
	snprintf(ppath, sizeof ppath, "/api/v1/people/%lld", (long long)id);
	STATUS(ta_api("GET", ppath, staff_tok, NULL), 200);
	snprintf(path, sizeof path, "/api/v1/staff/applications/%lld", (long long)app);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "Cyra Quenby") && ts_has(r, "cyra@quenby.example") &&
	    ts_has(r, "7946 0321") && ts_has(r, "quenbyfield"));
	r = ta_api("GET", "/api/v1/me/export", tok, NULL);
	STATUS(r, 200);
	assert_true(ts_has(r, "Cyra Quenby") && ts_has(r, "cyra@quenby.example"));
	j = ts_json(r);	/* her profile is in it, as stored */
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "expert"),
	    "name")), "Cyra Quenby");
	json_decref(j);
	j = ta_get_json("/api/v1/me/export", staff_tok, 200);	/* none: null */
	assert_true(json_is_null(json_object_get(j, "expert")));
	json_decref(j);

	/* the wrong password deletes nothing */
	STATUS(ta_api("DELETE", "/api/v1/me", tok, json_pack("{s:s}", "password", "not it at all")),
	    403);
	assert_int_equal(ta_total("/api/v1/people?q=Quenby", staff_tok), 1);
	STATUS(ta_api("DELETE", "/api/v1/me", tok, json_pack("{s:s}", "password", PW)), 204);

	assert_int_equal(ta_total("/api/v1/people?q=Quenby", staff_tok), 0);
	r = ta_api("GET", "/api/v1/people?per_page=100", staff_tok, NULL);
	STATUS(r, 200);
	assert_false(holds_cyra(r));
	LACKS(ts_get(staff_web, "/people?per_page=100"), "Cyra Quenby");
	STATUS(ta_api("GET", ppath, staff_tok, NULL), 404);
	snprintf(ppath, sizeof ppath, "/people/%lld", (long long)id);
	STATUS(ts_get(staff_web, ppath), 404);
	STATUS(ts_get(visitor, ppath), 404);

	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	if (holds_cyra(r))
		printf("# %.2000s\n", r->body);
	assert_false(holds_cyra(r));
	j = ts_jbody(r);
	assert_string_equal(json_string_value(json_object_get(j, "kind")), "expert");
	assert_string_equal(json_string_value(json_object_get(j, "status")), "approved");
	assert_non_null(json_string_value(json_object_get(j, "submitted_at")));
	json_decref(j);
	snprintf(path, sizeof path, "/staff/applications/%lld", (long long)app);
	r = ts_get(staff_web, path);
	STATUS(r, 200);
	assert_false(holds_cyra(r));
	HAS(r, "Deleted user");
	r = ta_api("GET", "/api/v1/applications?kind=expert&per_page=100", staff_tok, NULL);
	STATUS(r, 200);
	assert_false(holds_cyra(r));
	ts_browser_free(cy);
}

/* A person whose organization's application they filed deletes their
 * account: the organization stays, with its name and description, but
 * neither its application nor its profile nor staff's CSV of organizations
 * holds their name, address or phone any more. */
static void
test_deleted_contact_forgotten(void **state)
{
	char tok[129], path[128];
	const struct ts_res *r;
	struct ts_mail m;
	int64_t app, oid;
	json_t *j;

	(void)state;
	account("dag@halvorsen.example", "Dagny Halvorsen", "applicant", tok, NULL);
	r = ta_api("POST", "/api/v1/applications", tok, json_pack("{s:{s:s,s:s,s:s,s:s,s:[s]},"
	    "s:{s:s,s:s,s:s,s:s},s:b}", "organization", "name", "Skarvik Reef Trust", "kind",
	    "ngo", "country", "NO", "description", "Follows fishing licences and who gets them.",
	    "themes", "corruption", "contact", "name", "Dagny Halvorsen", "email",
	    "dag@halvorsen.example", "phone", "+47 22 86 1234", "title", "Founder", "consent", 1));
	STATUS(r, 201);
	j = ts_jbody(r);
	app = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/applications/%lld/approve", (long long)app);
	r = ta_api("POST", path, staff_tok, json_object());
	STATUS(r, 200);
	j = ts_jbody(r);
	oid = json_integer_value(json_object_get(j, "organization_id"));
	json_decref(j);
	assert_int_equal(ts_mail_wait(&sink, "dag@halvorsen.example", 10000, &m), 0);
	ts_mail_free(&m);
	r = ts_get(staff_web, "/staff/organizations.csv");
	STATUS(r, 200);
	HAS(r, "dag@halvorsen.example");
	HAS(r, "Dagny Halvorsen");

	/* the last admin of an organization with nobody else may go */
	STATUS(ta_api("DELETE", "/api/v1/me", tok, json_pack("{s:s}", "password", PW)), 204);
	r = ts_get(staff_web, "/staff/organizations.csv");
	STATUS(r, 200);
	HAS(r, "Skarvik Reef Trust");
	LACKS(r, "dag@halvorsen.example");
	LACKS(r, "Dagny Halvorsen");
	LACKS(r, "86 1234");
	snprintf(path, sizeof path, "/api/v1/staff/applications/%lld", (long long)app);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "dag@halvorsen.example");
	LACKS(r, "Dagny Halvorsen");
	LACKS(r, "86 1234");
	LACKS(r, "Founder");
	j = ts_jbody(r);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j,
	    "organization"), "name")), "Skarvik Reef Trust");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j,
	    "organization"), "description")), "Follows fishing licences and who gets them.");
	json_decref(j);
	snprintf(path, sizeof path, "/organizations/%lld", (long long)oid);
	r = ts_get(staff_web, path);
	STATUS(r, 200);
	HAS(r, "Skarvik Reef Trust");
	LACKS(r, "dag@halvorsen.example");
	LACKS(r, "86 1234");
}

/* ---- mail to an expert -------------------------------------------------- */

/* An expert applies signed out in French, so their account speaks French.
 * Returns the application's id once the address is confirmed. */
static int64_t
apply_fr(const char *name, const char *email)
{
	struct ts_browser *b = ts_browser_new(&srv, NULL);
	char link[512];
	const struct ts_res *r;
	struct ts_mail m;
	json_t *j, *body = expert_body(name, email);
	int64_t id;

	json_object_set_new(body, "password", json_string(PW));
	r = ta_api("POST", "/api/v1/applications?lang=fr", NULL, body);
	STATUS(r, 202);
	assert_int_equal(ts_mail_wait(&sink, email, 10000, &m), 0);
	if (strstr(m.body, "en tant qu’expert individuel") == NULL)
		printf("# %s\n%s\n", m.subject, m.body);
	assert_non_null(strstr(m.body, "en tant qu’expert individuel"));
	assert_null(strstr(m.body, "candidature de"));	/* of no organization */
	assert_int_equal(ts_mail_link(&m, link, sizeof link), 0);
	ts_mail_free(&m);
	STATUS(ts_verify(b, link, PW), 200);
	ts_browser_free(b);
	j = ta_get_json("/api/v1/applications?status=pending&kind=expert", staff_tok, 200);
	id = app_of(j, email);
	json_decref(j);
	assert_true(id > 0);
	return id;
}

/* Staff who read English decide on French-speaking experts: each mail is
 * in French, speaks to the expert as a person (no organization, nothing
 * "on behalf of"), and names them.  In English too: the rejection and the
 * request for information name no organization. */
static void
test_expert_mail(void **state)
{
	char path[128], tok[129];
	struct ts_mail m;
	const struct ts_res *r;
	int64_t app;
	json_t *j;

	(void)state;
	app = apply_fr("Inès Marchal", "ines@marchal.example");
	snprintf(path, sizeof path, "/api/v1/applications/%lld/approve", (long long)app);
	STATUS(ta_api("POST", path, staff_tok, json_object()), 200);
	assert_int_equal(ts_mail_wait(&sink, "ines@marchal.example", 10000, &m), 0);
	if (strcmp(m.subject, "Bienvenue : vous êtes maintenant membre en tant qu’expert") != 0)
		printf("# subject \"%s\"\n", m.subject);
	assert_string_equal(m.subject, "Bienvenue : vous êtes maintenant membre en tant qu’expert");
	assert_non_null(strstr(m.body, "Bonjour Inès Marchal"));
	assert_non_null(strstr(m.body, "expert individuel"));
	ts_mail_free(&m);

	app = apply_fr("Rémi Fourcade", "remi@fourcade.example");
	snprintf(path, sizeof path, "/api/v1/applications/%lld/request-info", (long long)app);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s}", "message",
	    "Which university are you with?")), 200);
	assert_int_equal(ts_mail_wait(&sink, "remi@fourcade.example", 10000, &m), 0);
	assert_non_null(strstr(m.body, "Bonjour Rémi Fourcade"));
	assert_non_null(strstr(m.body, "en tant qu’expert individuel"));
	assert_null(strstr(m.body, "candidature de"));
	ts_mail_free(&m);
	snprintf(path, sizeof path, "/api/v1/applications/%lld/reject", (long long)app);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s}", "reason",
	    "Outside the hub's remit.")), 200);
	assert_int_equal(ts_mail_wait(&sink, "remi@fourcade.example", 10000, &m), 0);
	if (strstr(m.body, "au nom de") || !strstr(m.body, "Bonjour Rémi Fourcade"))
		printf("# %s\n%s\n", m.subject, m.body);
	assert_null(strstr(m.body, "au nom de"));
	assert_non_null(strstr(m.body, "Bonjour Rémi Fourcade"));
	assert_non_null(strstr(m.body, "expert indépendant"));
	assert_non_null(strstr(m.body, "Outside the hub's remit."));
	ts_mail_free(&m);

	/* in English */
	account("gil@expert.example", "Gil Varga", "applicant", tok, NULL);
	r = ta_api("POST", "/api/v1/applications", tok, expert_body("Gil Varga",
	    "gil@expert.example"));
	STATUS(r, 201);
	j = ts_jbody(r);
	app = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/applications/%lld/request-info", (long long)app);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s}", "message",
	    "Which university are you with?")), 200);
	assert_int_equal(ts_mail_wait(&sink, "gil@expert.example", 10000, &m), 0);
	assert_non_null(strstr(m.body, "Hello Gil Varga"));
	assert_non_null(strstr(m.body, "as an individual expert"));
	assert_null(strstr(m.body, "applying for"));
	ts_mail_free(&m);
	snprintf(path, sizeof path, "/api/v1/applications/%lld/reject", (long long)app);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s}", "reason",
	    "Outside the hub's remit.")), 200);
	assert_int_equal(ts_mail_wait(&sink, "gil@expert.example", 10000, &m), 0);
	if (strstr(m.body, "on behalf of"))
		printf("# %s\n", m.body);
	assert_null(strstr(m.body, "on behalf of"));
	assert_non_null(strstr(m.body, "Hello Gil Varga"));
	assert_non_null(strstr(m.body, "as an individual expert"));
	ts_mail_free(&m);
}

/* The server stops with status 0: under ASan, nothing it allocated for
 * these requests leaked. */
static void
test_server_stops_cleanly(void **state)
{
	(void)state;
	assert_int_equal(ts_server_stop(&srv), 0);
}

/* ---- setup -------------------------------------------------------------- */

static int
setup(void **state)
{
	const struct ts_res *r;
	json_t *j;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	visitor = ts_browser_new(&srv, NULL);
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	account("sam.staff@hub.test", "Sam Staff", "staff", staff_tok, &staff_web);
	ana_id = account("ana@research.example", "Ana Lima", "applicant", ana_tok, &ana_web);
	account("bo@else.example", "Bo Okafor", "applicant", bo_tok, NULL);
	account("mo@meridian.example", "Mo Member", "applicant", mo_tok, &mo_web);
	account("fe@interior.go.ke", "Fe Focal", "focal", fe_tok, &fe_web);

	/* Mo's organization, approved: Mo is a member of an organization */
	r = ta_api("POST", "/api/v1/applications", mo_tok, json_pack("{s:{s:s,s:s,s:s,s:s,s:[s]},"
	    "s:{s:s,s:s},s:b}", "organization", "name", "Meridian Civic Watch", "kind", "ngo",
	    "country", "MX", "description", "A group that follows public money and publishes.",
	    "themes", "corruption", "contact", "name", "Mo Member", "email",
	    "mo@meridian.example", "consent", 1));
	STATUS(r, 201);
	j = ts_jbody(r);
	{
		char path[96];

		snprintf(path, sizeof path, "/api/v1/applications/%lld/approve",
		    (long long)json_integer_value(json_object_get(j, "id")));
		json_decref(j);
		r = ta_api("POST", path, staff_tok, json_object());
		STATUS(r, 200);
		j = ts_jbody(r);
		org_id = json_integer_value(json_object_get(j, "organization_id"));
		json_decref(j);
	}
	assert_true(org_id > 0);
	{
		struct ts_mail m;

		if (ts_mail_wait(&sink, "mo@meridian.example", 10000, &m) == 0)
			ts_mail_free(&m);
	}
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ts_browser_free(visitor);
	ts_browser_free(plain);
	ts_browser_free(ana_web);
	ts_browser_free(staff_web);
	ts_browser_free(mo_web);
	ts_browser_free(fe_web);
	ts_cleanup();
	return 0;
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_apply_form),
		cmocka_unit_test(test_apply_api_and_duplicates),
		cmocka_unit_test(test_decisions),
		cmocka_unit_test(test_people_list_and_facets),
		cmocka_unit_test(test_visibility_per_role),
		cmocka_unit_test(test_expert_leaves_organization),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_signed_out),
		cmocka_unit_test(test_deleted_expert_forgotten),
		cmocka_unit_test(test_deleted_contact_forgotten),
		cmocka_unit_test(test_expert_mail),
		cmocka_unit_test(test_server_stops_cleanly),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("experts", tests, setup, teardown);
}
