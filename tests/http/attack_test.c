/*
 * attack_test.c -- issue 11's surface attacked through a real server, as
 * a visitor, an applicant whose application waits, a member of another
 * organization, a state focal point, an approved expert and an
 * organization's admin, through the API and the HTML forms (without a
 * CSRF token, with another person's, with fields the page does not show).
 *
 * What is pinned: an expert cannot raise their role, status, address or
 * organization through their profile, nor edit another's; what an expert
 * hides is neither shown nor found, filtered, counted or paged; an
 * organization's history is its admins' and shows no deleted person's
 * name or address; nobody leaves for another, removes an admin or deletes
 * another's account; a deleted account's profile, session, token and
 * reset link are gone, and its address makes a new account with nothing
 * of the old; the export holds only the person's own data (not the
 * addresses others acted from); staff routes stay staff's.
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
#define ADMIN_IP "127.0.0.61"	/* Mo's browser: no one else's export may show it */

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;

/* Browsers and tokens: a visitor, staff, Bo (an applicant whose
 * application waits), Fe (a state focal point), Mo (admin of A), Pat (a
 * member of A, no admin), Ola (admin of B), Ana and Eve (experts). */
static struct ts_browser *visitor, *plain, *staff_b, *bo_b, *fe_b, *mo_b, *pat_b, *ola_b,
    *ana_b, *eve_b;
static char staff_tok[129], bo_tok[129], fe_tok[129], mo_tok[129], pat_tok[129],
    ola_tok[129], ana_tok[129], eve_tok[129];
static int64_t org_a, org_b, mo_id, pat_id, ola_id, ana_id, eve_id, bo_id, bo_app, eve_app;

/* ---- helpers --------------------------------------------------------- */

/* The string at key of j's object at key o (NULL when absent). */
static const char *
str2(json_t *j, const char *o, const char *key)
{
	return json_string_value(json_object_get(json_object_get(j, o), key));
}

/* A session token for email/password into tok[129]. */
static void
token_of(const char *email, char *tok)
{
	assert_int_equal(ts_token(plain, email, PW, tok, 129), 0);
}

static struct ts_browser *
signed_in(const char *email, const char *ip)
{
	struct ts_browser *b = ts_browser_new(&srv, ip);

	assert_int_equal(ts_signin(b, email, PW), 303);
	return b;
}

/* `whatson import orgs` of one organization; its id. */
static int64_t
org_made(const char *name, const char *country, const char *email)
{
	char desc[300];
	int64_t id;

	snprintf(desc, sizeof desc, "%s keeps the ledgers nobody else keeps.", name);
	id = ts_org_import(db_url, name, country, email, desc);
	assert_true(id > 0);
	return id;
}

/* `whatson user add --org` of a member of org; their id. */
static int64_t
member_of(const char *email, const char *name, int64_t org)
{
	int64_t id = ts_person_add(db_url, email, name, "member", org, PW);

	assert_true(id > 0);
	return id;
}

/* Staff make uid an admin of org. */
static void
make_admin(int64_t org, int64_t uid)
{
	char path[128];

	snprintf(path, sizeof path, "/organizations/%lld/people/%lld/admin", (long long)org,
	    (long long)uid);
	STATUS(ts_form(staff_b, path, "admin", "1", (char *)NULL), 303);
}

/* An expert's application by the holder of tok; its id. */
static int64_t
expert_applies(const char *tok, const char *name, const char *email, const char *phone)
{
	const struct ts_res *r = ta_api("POST", "/api/v1/applications", tok, json_pack(
	    "{s:s,s:{s:s,s:s,s:s,s:s,s:s,s:[s],s:[s],s:[s,s],s:s,s:s},s:{s:s,s:s},s:b}",
	    "kind", "expert", "expert", "name", name, "title", "Senior Researcher",
	    "profession", "academic", "affiliation", "Quorvane University", "country", "KE",
	    "countries", "UG", "themes", "corruption", "languages", "en", "sw", "biography",
	    "Studies *zephyrbio* procurement networks.", "website", "https://ana.example",
	    "contact", "email", email, "phone", phone, "consent", 1));
	json_t *j;
	int64_t id;

	STATUS(r, 201);
	j = ts_jbody(r);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	assert_true(id > 0);
	return id;
}

/* Staff approve app; its mail to email is read, so that the next one
 * waited for is the next one sent. */
static void
approve(int64_t app, const char *email)
{
	char path[96];
	struct ts_mail m;

	snprintf(path, sizeof path, "/api/v1/applications/%lld/approve", (long long)app);
	STATUS(ta_api("POST", path, staff_tok, json_object()), 200);
	assert_int_equal(ts_mail_wait(&sink, email, 10000, &m), 0);
	ts_mail_free(&m);
}

static char *
path_of(char *buf, size_t len, const char *fmt, int64_t id)
{
	snprintf(buf, len, fmt, (long long)id);
	return buf;
}

/* ---- an expert and their profile ---------------------------------------- */

/*
 * Ana edits her own profile with every field the page does not show, by
 * the API and the form: role, status, address, organization, verified, id.
 * The edit goes through (unknown fields are ignored) and changes none of
 * them: she is still a member of no organization with her address and an
 * approved profile.  A visibility for a field that does not exist is
 * refused.  She cannot edit Eve's profile, by either door.
 */
static void
test_expert_cannot_raise_herself(void **state)
{
	char path[96], web[96], other[96];
	const struct ts_res *r;
	json_t *j;

	(void)state;
	path_of(path, sizeof path, "/api/v1/people/%lld", ana_id);
	path_of(web, sizeof web, "/people/%lld/edit", ana_id);
	r = ta_api("PATCH", path, ana_tok, json_pack("{s:s,s:s,s:s,s:I,s:b,s:I,s:I,s:s,"
	    "s:{s:s,s:s,s:s,s:s},s:{s:s}}", "role", "staff", "status", "approved",
	    "email", "ana.taken@evil.example", "org_id", (json_int_t)org_a, "verified", 0,
	    "id", (json_int_t)eve_id, "user_id", (json_int_t)eve_id, "is_admin", "1",
	    "expert", "name", "Ana Lima", "role", "admin", "status", "approved", "email",
	    "ana.taken@evil.example", "contact", "phone", "+254 20 555 0101"));
	STATUS(r, 200);
	r = ta_api("PATCH", path, ana_tok, json_pack("{s:{s:s}}", "visibility", "role", "public"));
	STATUS(r, 422);
	r = ts_form(ana_b, web, "name", "Ana Lima", "country", "KE", "contact_email",
	    "ana.desk@research.example", "role", "admin", "status", "suspended", "email",
	    "ana.taken@evil.example", "org_id", "1", "verified", "0", "id", "1", "user_id", "1",
	    "vis_role", "public", "vis_status", "public", (char *)NULL);
	STATUS(r, 303);

	j = ta_get_json("/api/v1/me", ana_tok, 200);
	assert_string_equal(json_string_value(json_object_get(j, "role")), "member");
	assert_string_equal(json_string_value(json_object_get(j, "email")),
	    "ana@research.example");
	assert_true(json_integer_value(json_object_get(j, "org_id")) == 0);
	json_decref(j);
	j = ta_get_json(path, staff_tok, 200);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "approved");
	assert_string_equal(str2(j, "contact", "email"), "ana.desk@research.example");
	assert_null(json_object_get(json_object_get(j, "visibility"), "role"));
	json_decref(j);
	/* Eve's profile is hers still */
	j = ta_get_json(path_of(path, sizeof path, "/api/v1/people/%lld", eve_id), staff_tok,
	    200);
	assert_string_equal(json_string_value(json_object_get(j, "name")), "Eve Ndiaye");
	json_decref(j);
	STATUS(ts_get(ana_b, "/staff/applications"), 403);

	/* Eve's profile, by the API, by the form (with Ana's valid token), and
	 * its edit page */
	path_of(other, sizeof other, "/api/v1/people/%lld", eve_id);
	STATUS(ta_api("PATCH", other, ana_tok, json_pack("{s:{s:s}}", "expert", "name", "Taken")),
	    403);
	path_of(other, sizeof other, "/people/%lld/edit", eve_id);
	STATUS(ts_get(ana_b, other), 403);
	STATUS(ts_form(ana_b, other, "name", "Taken", "country", "KE", "contact_email",
	    "x@evil.example", (char *)NULL), 403);
	/* nor do other roles: a member of an organization, its admin, a
	 * focal point, an applicant, a visitor */
	path_of(other, sizeof other, "/api/v1/people/%lld", eve_id);
	STATUS(ta_api("PATCH", other, mo_tok, json_pack("{s:{s:s}}", "expert", "name", "Taken")),
	    403);
	STATUS(ta_api("PATCH", other, pat_tok, json_pack("{s:{s:s}}", "expert", "name", "Taken")),
	    403);
	STATUS(ta_api("PATCH", other, fe_tok, json_pack("{s:{s:s}}", "expert", "name", "Taken")),
	    403);
	STATUS(ta_api("PATCH", other, bo_tok, json_pack("{s:{s:s}}", "expert", "name", "Taken")),
	    403);
	STATUS(ta_api("PATCH", other, NULL, json_pack("{s:{s:s}}", "expert", "name", "Taken")),
	    401);
	/* an applicant has no profile to make one from */
	path_of(web, sizeof web, "/api/v1/people/%lld", bo_id);
	STATUS(ta_api("PATCH", web, bo_tok, json_pack("{s:{s:s}}", "expert", "name", "Bo")), 404);
	j = ta_get_json(other, staff_tok, 200);
	assert_string_equal(json_string_value(json_object_get(j, "name")), "Eve Ndiaye");
	json_decref(j);
}

/*
 * The edit form refuses a post without a CSRF token and one carrying
 * another signed-in person's token, and nothing changes.
 */
static void
test_edit_form_csrf(void **state)
{
	char web[96], path[96], body[512];
	static const char *const form[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL };
	const struct ts_res *r;
	json_t *j;

	(void)state;
	path_of(web, sizeof web, "/people/%lld/edit", ana_id);
	path_of(path, sizeof path, "/api/v1/people/%lld", ana_id);
	STATUS(ts_get(ana_b, web), 200);
	r = ts_post(ana_b, web, "name", "Forged Name", "country", "KE", "contact_email",
	    "forged@evil.example", (char *)NULL);
	STATUS(r, 403);
	(void)ts_get(eve_b, "/account");
	snprintf(body, sizeof body, "csrf=%s&name=Forged+Name&country=KE&contact_email="
	    "forged%%40evil.example&vis_contact=public", ts_csrf(eve_b));
	r = ts_req(ana_b, "POST", web, form, body, strlen(body));
	STATUS(r, 403);
	/* a text/plain body that looks like JSON is no JSON call */
	{
		static const char *const plain_hdr[] = { "Content-Type: text/plain", NULL };
		static const char js[] = "{\"expert\":{\"name\":\"Forged Name\"}}";

		r = ts_req(ana_b, "POST", web, plain_hdr, js, strlen(js));
		assert_true(r->status == 403 || r->status == 400 || r->status == 415);
	}
	j = ta_get_json(path, staff_tok, 200);
	assert_string_equal(json_string_value(json_object_get(j, "name")), "Ana Lima");
	assert_string_equal(str2(j, "contact", "email"), "ana.desk@research.example");
	assert_string_equal(str2(j, "visibility", "contact"), "nongovernmental");
	json_decref(j);
}

/* path, as tok, finds one person, Eve (whose fields are not hidden). */
static void
only_eve(const char *path, const char *tok)
{
	json_t *j = ta_get_json(path, tok, 200);

	if (json_integer_value(json_object_get(j, "total")) != 1)
		printf("# %s: %lld found\n", path,
		    (long long)json_integer_value(json_object_get(j, "total")));
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(
	    json_object_get(j, "items"), 0), "id")), eve_id);
	json_decref(j);
}

/* Which of Ana's fields a viewer gets, on the profile's JSON. */
struct seen {
	const char *who, *tok;
	int title, website, country, themes, contact, biography, languages, countries;
};

/*
 * Ana hides fields at every level.  Each viewer gets exactly their share
 * of the profile, and what they may not see is not found by a search
 * (text, a theme's or a language's name), a filter (country, countries of
 * work, region, theme, language), a facet count, a page's total or the
 * HTML page's filter options.
 */
static void
test_hidden_fields_do_not_leak(void **state)
{
	const struct seen want[] = {
		{ "visitor", NULL, 1, 1, 0, 0, 0, 0, 0, 0 },
		{ "applicant", bo_tok, 1, 1, 0, 0, 0, 0, 0, 0 },
		{ "focal point", fe_tok, 1, 1, 1, 0, 0, 0, 0, 0 },
		{ "member of an organization", pat_tok, 1, 1, 1, 1, 1, 0, 0, 0 },
		{ "organization admin", mo_tok, 1, 1, 1, 1, 1, 0, 0, 0 },
		{ "another expert", eve_tok, 1, 1, 1, 1, 1, 0, 0, 0 },
		{ "staff", staff_tok, 1, 1, 1, 1, 1, 1, 1, 1 },
	};
	const struct ts_res *r;
	char path[96], web[96];
	size_t i;
	json_t *j, *f;

	(void)state;
	path_of(path, sizeof path, "/api/v1/people/%lld", ana_id);
	path_of(web, sizeof web, "/people/%lld", ana_id);
	STATUS(ta_api("PATCH", path, ana_tok, json_pack("{s:{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s}}",
	    "visibility", "title", "public", "website", "public", "country", "members",
	    "themes", "nongovernmental", "contact", "nongovernmental", "biography", "staff",
	    "languages", "staff", "countries", "staff", "affiliation", "staff")), 200);
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct seen *w = &want[i];

		printf("# %s\n", w->who);
		j = ta_get_json(path, w->tok, 200);
		assert_string_equal(json_string_value(json_object_get(j, "name")), "Ana Lima");
		assert_int_equal(json_object_get(j, "title") != NULL, w->title);
		assert_int_equal(json_object_get(j, "website") != NULL, w->website);
		assert_int_equal(json_object_get(j, "country") != NULL, w->country);
		assert_int_equal(json_object_get(j, "themes") != NULL, w->themes);
		assert_int_equal(json_object_get(j, "contact") != NULL, w->contact);
		assert_int_equal(json_object_get(j, "biography") != NULL, w->biography);
		assert_int_equal(json_object_get(j, "languages") != NULL, w->languages);
		assert_int_equal(json_object_get(j, "countries") != NULL, w->countries);
		assert_int_equal(json_object_get(j, "affiliation") != NULL, w->biography);
		/* the visibility map tells what is hidden: staff's only */
		assert_int_equal(json_object_get(j, "visibility") != NULL, w->biography);
		json_decref(j);
	}

	/* the focal point: the contact (nongovernmental) and the themes are
	 * neither shown nor found nor counted */
	r = ts_get(fe_b, web);
	STATUS(r, 200);
	HAS(r, "Kenya");
	LACKS(r, "ana.desk@");
	LACKS(r, "555 0101");
	LACKS(r, "Corruption");
	LACKS(r, "Swahili");
	LACKS(r, "Uganda");
	LACKS(r, "zephyrbio");
	LACKS(r, "Quorvane");
	only_eve("/api/v1/people?theme=corruption", fe_tok);
	only_eve("/api/v1/people?q=corruption", fe_tok);
	assert_int_equal(ta_total("/api/v1/people?q=ana.desk", fe_tok), 0);
	assert_int_equal(ta_total("/api/v1/people?q=kenya", fe_tok),
	    2);	/* shown: found */
	assert_int_equal(ta_total("/api/v1/people?region=002", fe_tok), 2);
	/* every viewer: staff-only fields are not found */
	for (i = 2; i < sizeof want / sizeof want[0] - 1; i++) {
		printf("# %s\n", want[i].who);
		only_eve("/api/v1/people?language=sw", want[i].tok);
		only_eve("/api/v1/people?country=UG", want[i].tok);
		only_eve("/api/v1/people?q=zephyrbio", want[i].tok);
		only_eve("/api/v1/people?q=quorvane&per_page=1&page=1", want[i].tok);
		/* facets count Eve only for what Ana hides */
		j = ta_get_json("/api/v1/people", want[i].tok, 200);
		f = json_object_get(j, "facets");
		assert_int_equal(json_integer_value(json_object_get(json_object_get(f, "language"),
		    "sw")), 1);
		assert_int_equal(json_integer_value(json_object_get(json_object_get(f, "country"),
		    "UG")), 1);
		assert_int_equal(json_integer_value(json_object_get(j, "total")), 2);
		json_decref(j);
		/* a page past the end says the same total */
		assert_int_equal(ta_total("/api/v1/people?page=9&per_page=1", want[i].tok), 2);
	}
	j = ta_get_json("/api/v1/people", fe_tok, 200);
	f = json_object_get(j, "facets");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(f, "theme"),
	    "corruption")), 1);	/* Eve's */
	assert_int_equal(json_integer_value(json_object_get(json_object_get(f, "country"),
	    "KE")), 2);
	json_decref(j);
	/* staff find both by every field */
	assert_int_equal(ta_total("/api/v1/people?language=sw", staff_tok), 2);
	assert_int_equal(ta_total("/api/v1/people?q=zephyrbio", staff_tok), 2);
	/* members see the contact Ana shows to members */
	r = ts_get(pat_b, web);
	STATUS(r, 200);
	HAS(r, "ana.desk@research.example");
	HAS(r, "+254 20 555 0101");
	LACKS(r, "zephyrbio");
	LACKS(r, "Quorvane");
	LACKS(r, "Swahili");
	LACKS(r, "Edit the profile");
	/* the list page: Ana's hidden language is no filter option of hers */
	r = ts_get(pat_b, "/people?q=lima");
	STATUS(r, 200);
	HAS(r, "Ana Lima");
	LACKS(r, "Swahili");
	LACKS(r, "ana.desk@");
	r = ts_get(fe_b, "/people?q=lima");
	STATUS(r, 200);
	LACKS(r, "Corruption");
	/* visitors and applicants: no list; the profile has only its public part */
	STATUS(ts_get(visitor, "/people"), 303);
	STATUS(ta_api("GET", "/api/v1/people?q=lima", NULL, NULL), 401);
	STATUS(ta_api("GET", "/api/v1/people?q=lima", bo_tok, NULL), 403);
	r = ts_get(visitor, web);
	STATUS(r, 200);
	HAS(r, "Senior Researcher");
	LACKS(r, "Kenya");
	LACKS(r, "ana.desk@");
	LACKS(r, "Edit the profile");
	r = ts_get(bo_b, web);
	STATUS(r, 200);
	LACKS(r, "Kenya");
	LACKS(r, "ana.desk@");
	/* the error of a bad filter names the parameter, nothing of a person */
	r = ta_api("GET", "/api/v1/people?country=ZZ&q=lima", fe_tok, NULL);
	STATUS(r, 422);
	LACKS(r, "Ana");
	/* the edit page is the expert's and staff's */
	path_of(web, sizeof web, "/people/%lld/edit", ana_id);
	STATUS(ts_get(visitor, web), 303);
	STATUS(ts_get(bo_b, web), 403);
	STATUS(ts_get(fe_b, web), 403);
	STATUS(ts_get(mo_b, web), 403);
	STATUS(ts_get(eve_b, web), 403);
	STATUS(ts_get(staff_b, web), 200);
}

/* ---- leaving and deleting ------------------------------------------------ */

/*
 * Nobody leaves for another or removes an admin who is not theirs: Pat
 * (no admin) cannot remove Mo, Ola (admin of B) cannot remove Pat from
 * A, nobody leaves an organization they are not in; Mo, A's last admin,
 * cannot leave, remove himself, stop being its admin nor delete his
 * account while Pat is in it; the forms want
 * their CSRF token, and not another person's.
 */
static void
test_leave_and_remove(void **state)
{
	static const char *const form[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL };
	char path[128], body[256];
	json_t *j;

	(void)state;
	snprintf(path, sizeof path, "/organizations/%lld/people/%lld/remove", (long long)org_a,
	    (long long)mo_id);
	STATUS(ts_form(pat_b, path, (char *)NULL), 403);
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/people/%lld/remove",
	    (long long)org_a, (long long)mo_id);
	STATUS(ta_api("POST", path, pat_tok, json_object()), 403);
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/people/%lld/remove",
	    (long long)org_a, (long long)pat_id);
	STATUS(ta_api("POST", path, ola_tok, json_object()), 403);
	STATUS(ta_api("POST", path, ana_tok, json_object()), 403);
	STATUS(ta_api("POST", path, fe_tok, json_object()), 403);
	/* Mo's form without its token, and with Pat's */
	snprintf(path, sizeof path, "/organizations/%lld/people/%lld/remove", (long long)org_a,
	    (long long)pat_id);
	STATUS(ts_post(mo_b, path, (char *)NULL), 403);
	(void)ts_get(pat_b, "/account");
	snprintf(body, sizeof body, "csrf=%s", ts_csrf(pat_b));
	STATUS(ts_req(mo_b, "POST", path, form, body, strlen(body)), 403);
	/* leaving B, which they are not in */
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/leave", (long long)org_b);
	STATUS(ta_api("POST", path, pat_tok, json_object()), 404);
	STATUS(ta_api("POST", path, ana_tok, json_object()), 404);
	STATUS(ta_api("POST", path, bo_tok, json_object()), 404);
	snprintf(path, sizeof path, "/organizations/%lld/leave", (long long)org_a);
	STATUS(ts_post(pat_b, path, (char *)NULL), 403);	/* no token */
	/* the last admin */
	STATUS(ts_form(mo_b, path, (char *)NULL), 409);
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/leave", (long long)org_a);
	STATUS(ta_api("POST", path, mo_tok, json_object()), 409);
	STATUS(ta_api("DELETE", "/api/v1/me", mo_tok, json_pack("{s:s}", "password", PW)), 409);
	/* nor remove himself or drop his own admin flag */
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/people/%lld/remove",
	    (long long)org_a, (long long)mo_id);
	STATUS(ta_api("POST", path, mo_tok, json_object()), 409);
	snprintf(path, sizeof path, "/organizations/%lld/people/%lld/admin", (long long)org_a,
	    (long long)mo_id);
	STATUS(ts_form(mo_b, path, "admin", "0", (char *)NULL), 409);
	/* the API's delete is the caller's own; a body naming someone else
	 * changes nothing of theirs */
	STATUS(ta_api("DELETE", "/api/v1/me", ola_tok, json_pack("{s:s,s:I,s:I}", "password",
	    "not Ola's password", "id", (json_int_t)pat_id, "user_id", (json_int_t)pat_id)), 403);
	STATUS(ta_api("POST", "/account/delete", ola_tok, json_pack("{s:s,s:I}", "password",
	    "not Ola's password", "id", (json_int_t)pat_id)), 403);
	j = ta_get_json("/api/v1/me", pat_tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "org_id")), org_a);
	json_decref(j);
	j = ta_get_json("/api/v1/me", mo_tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "org_id")), org_a);
	json_decref(j);
	/* the account delete form wants its own token */
	(void)ts_get(ola_b, "/account");
	snprintf(body, sizeof body, "csrf=%s&password=%s", ts_csrf(ola_b), "plum+tree+orbit+sixty");
	STATUS(ts_req(pat_b, "POST", "/account/delete", form, body, strlen(body)), 403);
	STATUS(ts_post(pat_b, "/account/delete", "password", PW, (char *)NULL), 403);
	STATUS(ta_api("GET", "/api/v1/me", pat_tok, NULL), 200);
}

/*
 * An organization's history is for its admins and staff: a member who is
 * no admin, another organization's admin, an expert, a focal point, an
 * applicant get 403, a visitor is sent to sign in.  It has its own
 * events only.
 */
static void
test_history_is_its_admins(void **state)
{
	char page[96], twin[128];
	const struct ts_res *r;
	struct { const char *who; struct ts_browser *b; int want; } rows[] = {
		{ "visitor", visitor, 303 }, { "applicant", bo_b, 403 },
		{ "focal point", fe_b, 403 }, { "member, no admin", pat_b, 403 },
		{ "another organization's admin", ola_b, 403 }, { "an expert", ana_b, 403 },
		{ "its admin", mo_b, 200 }, { "staff", staff_b, 200 },
	};
	size_t i;

	(void)state;
	snprintf(page, sizeof page, "/organizations/%lld/history", (long long)org_a);
	snprintf(twin, sizeof twin, "/api/v1%s", page);
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		printf("# %s\n", rows[i].who);
		r = ts_get(rows[i].b, page);
		STATUS(r, rows[i].want);
		r = ts_api(rows[i].b, "GET", twin, NULL, NULL);
		STATUS(r, rows[i].want == 303 ? 401 : rows[i].want);
		if (rows[i].want == 200) {
			HAS(r, "\"organization.admin_added\"");
			/* B's events are B's: Ola was made its admin */
			LACKS(r, "Ola Bright");
		}
	}
	r = ts_api(ola_b, "GET", twin, NULL, NULL);
	LACKS(r, "Pat Quill");
}

/*
 * The export is the caller's: their account, their organizations and the
 * audit lines by or about them, but not the address another person acted
 * from: Mo, from ADMIN_IP, makes Pat an admin and takes it back, and
 * Pat's export has those lines without Mo's address.
 */
static void
test_export_is_own(void **state)
{
	char path[128];
	const struct ts_res *r;
	json_t *j, *it;
	size_t i;
	int about = 0;

	(void)state;
	/* Mo, from ADMIN_IP, makes Pat an admin and takes it back */
	snprintf(path, sizeof path, "/organizations/%lld/people/%lld/admin", (long long)org_a,
	    (long long)pat_id);
	STATUS(ts_form(mo_b, path, "admin", "1", (char *)NULL), 303);
	STATUS(ts_form(mo_b, path, "admin", "0", (char *)NULL), 303);
	r = ta_api("GET", "/api/v1/me/export", pat_tok, NULL);
	STATUS(r, 200);
	LACKS(r, ADMIN_IP);
	LACKS(r, "mo@ardent.example");
	LACKS(r, "Ola Bright");
	j = ts_jbody(r);
	assert_string_equal(str2(j, "account", "email"), "pat@ardent.example");
	json_array_foreach(json_object_get(j, "audit"), i, it)
		if (!json_is_true(json_object_get(it, "by_them"))) {
			about++;
			assert_null(json_object_get(it, "ip"));
		}
	assert_true(about >= 2);	/* the two admin changes */
	json_array_foreach(json_object_get(j, "organizations"), i, it)
		assert_int_equal(json_integer_value(json_object_get(it, "id")), org_a);
	json_decref(j);
	/* Mo's own export has his address */
	r = ta_api("GET", "/api/v1/me/export", mo_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "pat@ardent.example");
}

/*
 * Eve, an expert, deletes her account.  Her profile is gone from /people
 * and its page for everyone, staff included; her application no longer
 * holds her contact address or phone; her session, API token and a reset
 * link she had asked for no longer work; her address makes a new account
 * that has nothing of hers (no profile, no role, no organization).
 */
static void
test_deleted_expert_is_gone(void **state)
{
	char path[128], link[512], body[300];
	struct ts_mail m;
	const struct ts_res *r;
	struct ts_browser *nb;
	json_t *j;
	int64_t again;

	(void)state;
	assert_int_equal(ta_total("/api/v1/people", pat_tok), 2);
	/* a reset link asked for before */
	STATUS(ts_form(visitor, "/forgot", "email", "eve@acct.example", (char *)NULL), 200);
	assert_int_equal(ts_mail_wait(&sink, "eve@acct.example", 10000, &m), 0);
	assert_int_equal(ts_mail_link(&m, link, sizeof link), 0);
	ts_mail_free(&m);
	assert_non_null(strstr(link, "/reset"));

	/* nobody takes the address her deleted account will have first (its
	 * deletion would then fail on the unique address) */
	snprintf(body, sizeof body, "{\"email\":\"deleted-%lld@invalid\",\"name\":\"Squat\","
	    "\"password\":\"%s\"}", (long long)eve_id, PW);
	STATUS(ts_api(visitor, "POST", "/api/v1/accounts", NULL, body), 422);
	STATUS(ta_api("DELETE", "/api/v1/me", eve_tok, json_pack("{s:s}", "password", PW)), 204);
	STATUS(ta_api("GET", "/api/v1/me", eve_tok, NULL), 401);
	STATUS(ts_api(eve_b, "GET", "/api/v1/me", NULL, NULL), 401);
	r = ts_get(eve_b, "/account");
	STATUS(r, 303);

	/* the profile */
	path_of(path, sizeof path, "/api/v1/people/%lld", eve_id);
	STATUS(ta_api("GET", path, pat_tok, NULL), 404);
	STATUS(ta_api("GET", path, staff_tok, NULL), 404);
	STATUS(ta_api("GET", path, NULL, NULL), 404);
	STATUS(ts_get(visitor, path + 7), 404);
	assert_int_equal(ta_total("/api/v1/people", pat_tok), 1);
	assert_int_equal(ta_total("/api/v1/people?q=ndiaye", staff_tok), 0);
	r = ts_get(pat_b, "/people");
	STATUS(r, 200);
	LACKS(r, "Eve Ndiaye");
	LACKS(r, "eve.desk@");
	/* the application staff read */
	path_of(path, sizeof path, "/api/v1/staff/applications/%lld", eve_app);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "eve.desk@inst.example");
	LACKS(r, "+221 33 555 0199");
	LACKS(r, "Eve Ndiaye");
	LACKS(r, "eve@acct.example");

	/* the reset link asked for before: gone, and no password it sets */
	r = ts_form(visitor, "/reset", "token", strstr(link, "token=") + 6, "password",
	    "a brand new pass phrase", (char *)NULL);
	STATUS(r, 410);
	nb = ts_browser_new(&srv, NULL);
	assert_int_not_equal(ts_signin(nb, "eve@acct.example", "a brand new pass phrase"), 303);
	assert_int_not_equal(ts_signin(nb, "eve@acct.example", PW), 303);
	ts_browser_free(nb);

	/* the address again: a new account with nothing of the old */
	nb = ts_browser_new(&srv, NULL);
	snprintf(body, sizeof body, "{\"email\":\"eve@acct.example\",\"name\":\"Eve Again\","
	    "\"password\":\"%s\"}", PW);
	r = ts_api(nb, "POST", "/api/v1/accounts", NULL, body);
	assert_true(r->status == 201 || r->status == 202);
	assert_int_equal(ts_mail_wait(&sink, "eve@acct.example", 10000, &m), 0);
	assert_int_equal(ts_mail_link(&m, link, sizeof link), 0);
	ts_mail_free(&m);
	STATUS(ts_verify(nb, link, PW), 200);
	r = ts_api(nb, "GET", "/api/v1/me", NULL, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	again = json_integer_value(json_object_get(j, "id"));
	assert_true(again != eve_id);
	assert_string_equal(json_string_value(json_object_get(j, "role")), "applicant");
	json_decref(j);
	STATUS(ts_get(nb, "/people"), 403);
	r = ts_api(nb, "GET", "/api/v1/me/export", NULL, NULL);
	STATUS(r, 200);
	LACKS(r, "Ndiaye");
	LACKS(r, "eve.desk@");
	j = ts_jbody(r);
	assert_int_equal(json_array_size(json_object_get(j, "applications")), 0);
	assert_int_equal(json_array_size(json_object_get(j, "organizations")), 0);
	json_decref(j);
	path_of(path, sizeof path, "/api/v1/people/%lld", again);
	STATUS(ts_api(nb, "GET", path, NULL, NULL), 404);
	ts_browser_free(nb);
}

/*
 * An administrator disables Ana's account: members no longer find her on
 * /people nor reach her profile (404, as for no profile); staff still read
 * it; enabled again, she is back.
 */
static void
test_disabled_expert_is_hidden(void **state)
{
	char path[128], web[64];
	struct ts_browser *adm;
	int64_t before;

	(void)state;
	assert_true(ts_user_add(db_url, "ida@hub.test", "Ida Admin", "admin", PW) > 0);
	adm = signed_in("ida@hub.test", NULL);
	before = ta_total("/api/v1/people", pat_tok);
	path_of(path, sizeof path, "/api/v1/people/%lld", ana_id);
	snprintf(web, sizeof web, "/admin/users/%lld/status", (long long)ana_id);
	STATUS(ts_form(adm, web, "status", "disabled", (char *)NULL), 303);
	assert_int_equal(ta_total("/api/v1/people", pat_tok), before - 1);
	assert_int_equal(ta_total("/api/v1/people?q=lima", pat_tok), 0);
	STATUS(ta_api("GET", path, pat_tok, NULL), 404);
	STATUS(ta_api("GET", path, fe_tok, NULL), 404);
	STATUS(ta_api("GET", path, NULL, NULL), 404);
	STATUS(ts_get(pat_b, path + 7), 404);
	STATUS(ta_api("GET", path, staff_tok, NULL), 200);
	STATUS(ts_form(adm, web, "status", "active", (char *)NULL), 303);
	assert_int_equal(ta_total("/api/v1/people", pat_tok), before);
	STATUS(ta_api("GET", path, pat_tok, NULL), 200);
	ts_browser_free(adm);
}

/*
 * Cy applies as an expert and deletes his account while staff have not
 * decided: approving it afterwards makes no profile of a deleted person
 * (409, staff reject it instead), and /people lists no "Deleted user".
 */
static void
test_deleted_applicant_is_not_approved(void **state)
{
	char tok[129], path[96];
	const struct ts_res *r;
	json_t *j;
	int64_t cy, dee, app;

	(void)state;
	cy = ts_user_add(db_url, "cy@late.example", "Cy Late", "applicant", PW);
	assert_true(cy > 0);
	token_of("cy@late.example", tok);
	app = expert_applies(tok, "Cy Late", "cy.desk@late.example", "+233 30 555 0142");
	STATUS(ta_api("DELETE", "/api/v1/me", tok, json_pack("{s:s}", "password", PW)), 204);
	snprintf(path, sizeof path, "/api/v1/applications/%lld/approve", (long long)app);
	r = ta_api("POST", path, staff_tok, json_object());
	STATUS(r, 409);
	HAS(r, "deleted their account");
	STATUS(ta_api("GET", path_of(path, sizeof path, "/api/v1/people/%lld", cy), staff_tok,
	    NULL), 404);
	r = ta_api("GET", "/api/v1/people?per_page=100", staff_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "Deleted user");
	LACKS(r, "Cy Late");
	snprintf(path, sizeof path, "/api/v1/applications/%lld/reject", (long long)app);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s}", "reason",
	    "The account was deleted.")), 200);

	/* the same for an organization's application: no organization whose
	 * first admin is a deleted account */
	dee = ts_user_add(db_url, "dee@late.example", "Dee Late", "applicant", PW);
	assert_true(dee > 0);
	token_of("dee@late.example", tok);
	r = ta_api("POST", "/api/v1/applications", tok, json_pack("{s:{s:s,s:s,s:s,s:s,s:[s]},"
	    "s:{s:s,s:s},s:b}", "organization", "name", "Late Lantern Collective", "kind",
	    "ngo", "country", "GH", "description", "A group whose applicant has gone away.",
	    "themes", "corruption", "contact", "name", "Dee Late", "email",
	    "dee@late.example", "consent", 1));
	STATUS(r, 201);
	j = ts_jbody(r);
	app = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	STATUS(ta_api("DELETE", "/api/v1/me", tok, json_pack("{s:s}", "password", PW)), 204);
	snprintf(path, sizeof path, "/api/v1/applications/%lld/approve", (long long)app);
	r = ta_api("POST", path, staff_tok, json_object());
	STATUS(r, 409);
	HAS(r, "deleted their account");
	assert_int_equal(ta_total("/api/v1/organizations?q=lantern", staff_tok), 0);
}

/*
 * Pat, of A, deletes her account (Mo stays its admin): A's history names
 * neither her name nor her address any more, to its admin or to staff.
 */
static void
test_history_forgets_the_deleted(void **state)
{
	char twin[128];
	const struct ts_res *r;

	(void)state;
	snprintf(twin, sizeof twin, "/api/v1/organizations/%lld/history?per_page=100",
	    (long long)org_a);
	r = ta_api("GET", twin, mo_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Pat Quill");
	STATUS(ta_api("DELETE", "/api/v1/me", pat_tok, json_pack("{s:s}", "password", PW)), 204);
	r = ta_api("GET", twin, mo_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "Pat Quill");
	LACKS(r, "pat@ardent.example");
	HAS(r, "Deleted user");
	r = ta_api("GET", twin, staff_tok, NULL);
	LACKS(r, "Pat Quill");
	LACKS(r, "pat@ardent.example");
}

/* ---- staff only ------------------------------------------------------------ */

/*
 * /staff/themes and the review of expert applications are staff's: every
 * other role is refused on the page, its twin, the forms (with their own
 * valid token) and the API; Bo cannot approve his own application.
 */
static void
test_staff_routes(void **state)
{
	struct { const char *who; struct ts_browser *b; } rows[] = {
		{ "applicant", bo_b }, { "focal point", fe_b }, { "member", pat_b },
		{ "organization admin", mo_b }, { "another organization's admin", ola_b },
		{ "expert", ana_b },
	};
	char path[128];
	const struct ts_res *r;
	size_t i;

	(void)state;
	STATUS(ts_get(visitor, "/staff/themes"), 303);
	STATUS(ta_api("GET", "/api/v1/staff/themes", NULL, NULL), 401);
	STATUS(ta_api("POST", "/api/v1/staff/themes", NULL, json_pack("{s:s,s:s}", "code",
	    "visitor_theme", "name_en", "Visitor theme")), 401);
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		printf("# %s\n", rows[i].who);
		STATUS(ts_get(rows[i].b, "/staff/themes"), 403);
		STATUS(ts_api(rows[i].b, "GET", "/api/v1/staff/themes", NULL, NULL), 403);
		STATUS(ts_form(rows[i].b, "/staff/themes", "code", "stolen_theme", "name_en",
		    "Stolen theme", (char *)NULL), 403);
		STATUS(ts_form(rows[i].b, "/staff/themes/corruption", "name_en", "Renamed",
		    (char *)NULL), 403);
		STATUS(ts_form(rows[i].b, "/staff/themes/corruption/retire", (char *)NULL), 403);
		STATUS(ts_api(rows[i].b, "PATCH", "/api/v1/staff/themes/corruption", NULL,
		    "{\"name_en\":\"Renamed\"}"), 403);
		STATUS(ts_api(rows[i].b, "POST", "/api/v1/staff/themes/corruption/retire", NULL,
		    "{}"), 403);
		STATUS(ts_get(rows[i].b, "/staff/applications?kind=expert"), 403);
		snprintf(path, sizeof path, "/staff/applications/%lld/approve", (long long)bo_app);
		STATUS(ts_form(rows[i].b, path, (char *)NULL), 403);
		snprintf(path, sizeof path, "/api/v1/applications/%lld/approve", (long long)bo_app);
		STATUS(ts_api(rows[i].b, "POST", path, NULL, "{}"), 403);
	}
	snprintf(path, sizeof path, "/api/v1/applications/%lld/approve", (long long)bo_app);
	STATUS(ta_api("POST", path, bo_tok, json_object()), 403);
	/* staff's own form wants its token */
	STATUS(ts_post(staff_b, "/staff/themes", "code", "no_token", "name_en", "No token",
	    (char *)NULL), 403);
	r = ta_api("GET", "/api/v1/staff/themes", staff_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "stolen_theme");
	LACKS(r, "Renamed");
	LACKS(r, "no_token");
	HAS(r, "\"corruption\"");
	r = ta_api("GET", "/api/v1/me", bo_tok, NULL);
	HAS(r, "\"applicant\"");
}

/* The server stops with status 0: under ASan, nothing leaked. */
static void
test_server_stops_cleanly(void **state)
{
	(void)state;
	assert_int_equal(ts_server_stop(&srv), 0);
}

/* ---- setup ------------------------------------------------------------------ */

static int
setup(void **state)
{
	const struct ts_res *r;
	json_t *j;
	int64_t app;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	visitor = ts_browser_new(&srv, NULL);
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	assert_true(ts_user_add(db_url, "sam@hub.test", "Sam Staff", "staff", PW) > 0);
	token_of("sam@hub.test", staff_tok);
	staff_b = signed_in("sam@hub.test", NULL);
	assert_true(ts_user_add(db_url, "fe@interior.go.ke", "Fe Focal", "focal", PW) > 0);
	token_of("fe@interior.go.ke", fe_tok);
	fe_b = signed_in("fe@interior.go.ke", NULL);

	org_a = org_made("Ardent Ledger Trust", "KE", "info@ardent.example");
	org_b = org_made("Bright Harbour Union", "SN", "info@bright.example");
	mo_id = member_of("mo@ardent.example", "Mo Ardent", org_a);
	pat_id = member_of("pat@ardent.example", "Pat Quill", org_a);
	ola_id = member_of("ola@bright.example", "Ola Bright", org_b);
	make_admin(org_a, mo_id);
	make_admin(org_b, ola_id);
	token_of("mo@ardent.example", mo_tok);
	token_of("pat@ardent.example", pat_tok);
	token_of("ola@bright.example", ola_tok);
	mo_b = signed_in("mo@ardent.example", ADMIN_IP);
	pat_b = signed_in("pat@ardent.example", NULL);
	ola_b = signed_in("ola@bright.example", NULL);

	/* Bo: an organization's application, waiting */
	bo_id = ts_user_add(db_url, "bo@waiting.example", "Bo Waits", "applicant", PW);
	assert_true(bo_id > 0);
	token_of("bo@waiting.example", bo_tok);
	bo_b = signed_in("bo@waiting.example", NULL);
	r = ta_api("POST", "/api/v1/applications", bo_tok, json_pack("{s:{s:s,s:s,s:s,s:s,s:[s]},"
	    "s:{s:s,s:s},s:b}", "organization", "name", "Waiting Room Collective", "kind",
	    "ngo", "country", "GH", "description", "A group that waits for its review here.",
	    "themes", "corruption", "contact", "name", "Bo Waits", "email",
	    "bo@waiting.example", "consent", 1));
	STATUS(r, 201);
	j = ts_jbody(r);
	bo_app = json_integer_value(json_object_get(j, "id"));
	json_decref(j);

	/* Ana and Eve: approved experts */
	ana_id = ts_user_add(db_url, "ana@research.example", "Ana Lima", "applicant", PW);
	eve_id = ts_user_add(db_url, "eve@acct.example", "Eve Ndiaye", "applicant", PW);
	assert_true(ana_id > 0 && eve_id > 0);
	token_of("ana@research.example", ana_tok);
	token_of("eve@acct.example", eve_tok);
	app = expert_applies(ana_tok, "Ana Lima", "ana.desk@research.example",
	    "+254 20 555 0101");
	approve(app, "ana@research.example");
	eve_app = expert_applies(eve_tok, "Eve Ndiaye", "eve.desk@inst.example",
	    "+221 33 555 0199");
	approve(eve_app, "eve@acct.example");
	ana_b = signed_in("ana@research.example", NULL);
	eve_b = signed_in("eve@acct.example", NULL);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ts_browser_free(visitor);
	ts_browser_free(plain);
	ts_browser_free(staff_b);
	ts_browser_free(bo_b);
	ts_browser_free(fe_b);
	ts_browser_free(mo_b);
	ts_browser_free(pat_b);
	ts_browser_free(ola_b);
	ts_browser_free(ana_b);
	ts_browser_free(eve_b);
	ts_cleanup();
	return 0;
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expert_cannot_raise_herself),
		cmocka_unit_test(test_edit_form_csrf),
		cmocka_unit_test(test_hidden_fields_do_not_leak),
		cmocka_unit_test(test_leave_and_remove),
		cmocka_unit_test(test_history_is_its_admins),
		cmocka_unit_test(test_export_is_own),
		cmocka_unit_test(test_staff_routes),
		cmocka_unit_test(test_disabled_expert_is_hidden),
		cmocka_unit_test(test_deleted_expert_is_gone),
		cmocka_unit_test(test_history_forgets_the_deleted),
		cmocka_unit_test(test_deleted_applicant_is_not_approved),
		cmocka_unit_test(test_server_stops_cleanly),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("attack", tests, setup, teardown);
}
