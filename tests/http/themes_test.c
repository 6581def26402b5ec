/*
 * themes_test.c -- the thematic areas staff edit at /staff/themes, and
 * mail written in its recipient's language, through a real server.
 *
 * Themes: staff add one (offered at once in the join form, in English and
 * in French), rename it in one language, retire it (no longer offered nor
 * accepted for a new application, while the organization that has it
 * keeps it on its profile, in the directory's filters and facets, and
 * through an edit that leaves it there) and bring it back; a rename shows
 * at once in the directory (no answer kept from before) and in its search.
 * Only staff and admins may; duplicate codes, empty names and unknown
 * codes are refused with the status and the field named.
 *
 * Mail: a decision made by a French-speaking staff member reaches an
 * English-speaking applicant in English, and one made by an English-
 * speaking staff member reaches a French-speaking applicant in French (the
 * rejection letter too, from its French template).
 *
 * The database is $WHATSON_TEST_DB (tests/http/run.t runs this program once
 * on SQLite and once on PostgreSQL).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/testsrv.h"

#define PW "harbour lantern quiet seventy"
#define MAIL_WAIT 5000	/* ms */

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;

/* ---- helpers --------------------------------------------------------- */

static const char *
jstr(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* An RFC 9457 problem with status want naming field (when not NULL). */
static void
problem(const struct ts_res *r, int want, const char *field)
{
	json_t *j;

	STATUS(r, want);
	j = ts_jbody(r);
	assert_int_equal(json_integer_value(json_object_get(j, "status")), want);
	if (field && !json_object_get(json_object_get(j, "errors"), field))
		printf("# no errors.%s in %s\n", field, r->body);
	if (field)
		assert_non_null(json_object_get(json_object_get(j, "errors"), field));
	json_decref(j);
}

struct person {
	const char *email, *name, *role;
	char token[129];
	struct ts_browser *web;
};

static struct person staff_p = { "tess.staff@hub.test", "Tess Staff", "staff", "", NULL };
static struct person admin_p = { "ari.admin@hub.test", "Ari Admin", "admin", "", NULL };
static struct person member_p = { "mo.member@hub.test", "Mo Member", "member", "", NULL };
static struct person applicant_p = { "al.applicant@hub.test", "Al Applicant", "applicant", "",
	NULL };
static struct person fr_staff = { "camille.staff@hub.test", "Camille Staff", "staff", "",
	NULL };
static struct ts_browser *api_b;	/* no cookies: token calls */

static void
account(struct person *p)
{
	static struct person *made[8];
	static int n;
	int i;

	for (i = 0; i < n; i++)
		if (made[i] == p)
			return;
	assert_true(ts_user_add(db_url, p->email, p->name, p->role, PW) > 0);
	made[n++] = p;
}

static const char *
token(struct person *p)
{
	const struct ts_res *r;
	json_t *j;

	if (p->token[0])
		return p->token;
	account(p);
	if (!api_b)
		api_b = ts_browser_new(&srv, NULL);
	r = ts_call(api_b, "POST", "/api/v1/session", NULL, json_pack("{s:s,s:s}", "email",
	    p->email, "password", PW));
	STATUS(r, 201);
	j = ts_jbody(r);
	snprintf(p->token, sizeof p->token, "%s", jstr(j, "token"));
	json_decref(j);
	return p->token;
}

static struct ts_browser *
web(struct person *p)
{
	if (p->web)
		return p->web;
	account(p);
	p->web = ts_browser_new(&srv, NULL);
	assert_int_equal(ts_signin(p->web, p->email, PW), 303);
	return p->web;
}

/* A call as p with their token. */
static const struct ts_res *
as(struct person *p, const char *method, const char *path, json_t *body)
{
	const char *t = token(p);

	return ts_call(api_b, method, path, t, body);
}

/* The theme code as GET /api/v1/staff/themes lists it, or NULL (caller
 * decrefs). */
static json_t *
theme_get(const char *code)
{
	const struct ts_res *r = as(&staff_p, "GET", "/api/v1/staff/themes", NULL);
	json_t *j, *t, *out = NULL;
	size_t i;

	STATUS(r, 200);
	j = ts_jbody(r);
	json_array_foreach(json_object_get(j, "items"), i, t)
		if (strcmp(jstr(t, "code"), code) == 0)
			out = json_incref(t);
	json_decref(j);
	return out;
}

static void
theme_add(const char *code, const char *en, const char *fr)
{
	const struct ts_res *r = as(&staff_p, "POST", "/api/v1/staff/themes",
	    json_pack("{s:s,s:s,s:s}", "code", code, "name_en", en, "name_fr", fr));
	json_t *j;

	STATUS(r, 201);
	j = ts_jbody(r);
	assert_string_equal(jstr(j, "code"), code);
	assert_string_equal(jstr(j, "name_en"), en);
	assert_string_equal(jstr(j, "name_fr"), fr);
	assert_true(json_is_true(json_object_get(j, "active")));
	json_decref(j);
}

static void
theme_post(const char *code, const char *verb, int active)
{
	char path[160];
	const struct ts_res *r;
	json_t *j;

	snprintf(path, sizeof path, "/api/v1/staff/themes/%s/%s", code, verb);
	r = as(&staff_p, "POST", path, json_object());
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_int_equal(json_is_true(json_object_get(j, "active")), active);
	json_decref(j);
}

/* Whether the staff audit log has action with detail. */
static int
audited(const char *action, const char *detail)
{
	const struct ts_res *r = as(&staff_p, "GET", "/api/v1/staff/audit?per_page=200", NULL);
	json_t *j, *it;
	size_t i;
	int found = 0;

	STATUS(r, 200);
	j = ts_jbody(r);
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (strcmp(jstr(it, "action"), action) == 0 && strcmp(jstr(it, "detail"), detail) == 0)
			found = 1;
	json_decref(j);
	return found;
}

/* `whatson import orgs` of one organization with themes (';' between);
 * its id. */
static int64_t
org_made(const char *name, const char *themes)
{
	char path[512], out[4096];
	const char *line;
	int64_t id;
	FILE *f;

	snprintf(path, sizeof path, "%s/themes-org.csv", ts_tmpdir());
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "name,kind,country,description,themes,contact_name,contact_email\n"
	    "%s,ngo,KE,%s watches the sea lanes for stolen cargo.,%s,Contact,"
	    "contact@sea.example\n", name, name, themes);
	fclose(f);
	if (ts_whatson(NULL, out, sizeof out, "import", "orgs", path, "--db", db_url,
	    (char *)NULL) != 0)
		printf("# import: %s\n", out);
	line = strstr(out, "created ");
	assert_non_null(line);
	id = strtoll(line + 8, NULL, 10);
	assert_true(id > 0);
	return id;
}

/* A join application through the API by p (signed in) with themes. */
static const struct ts_res *
apply_with(struct person *p, const char *name, json_t *themes)
{
	return as(p, "POST", "/api/v1/applications", json_pack("{s:{s:s,s:s,s:s,s:s,s:o},"
	    "s:{s:s,s:s},s:b}", "organization", "name", name, "kind", "ngo", "country", "GH",
	    "description", "A newsroom that follows shipping and its paperwork.", "themes",
	    themes, "contact", "name", p->name, "email", p->email, "consent", 1));
}

/* ---- themes ---------------------------------------------------------- */

/* Staff add a theme, it is offered in both languages; renamed, the new
 * names show; retired, it is no longer offered; back, it is.  Audited. */
static void
test_add_rename_retire(void **state)
{
	struct ts_browser *anon = ts_browser_new(&srv, NULL);
	const struct ts_res *r;
	json_t *t;

	(void)state;
	t = theme_get("corruption");	/* the themes of before stay as they were */
	assert_non_null(t);
	assert_string_equal(jstr(t, "name_en"), "Corruption");
	assert_true(json_is_true(json_object_get(t, "active")));
	json_decref(t);

	theme_add("maritime_crime", "Maritime crime", "Criminalité maritime");
	r = ts_get(anon, "/join");
	STATUS(r, 200);
	HAS(r, "value=\"maritime_crime\"");
	HAS(r, "Maritime crime");
	r = ts_get(anon, "/join?lang=fr");
	HAS(r, "Criminalité maritime");
	assert_true(audited("theme.added", "maritime_crime"));

	/* one language at a time: the other keeps its name */
	r = as(&staff_p, "PATCH", "/api/v1/staff/themes/maritime_crime",
	    json_pack("{s:s}", "name_fr", "Criminalité en mer"));
	STATUS(r, 200);
	t = ts_jbody(r);
	assert_string_equal(jstr(t, "name_en"), "Maritime crime");
	assert_string_equal(jstr(t, "name_fr"), "Criminalité en mer");
	json_decref(t);
	r = ts_get(anon, "/join?lang=fr");
	HAS(r, "Criminalité en mer");
	LACKS(r, "Criminalité maritime");
	assert_true(audited("theme.renamed", "maritime_crime"));

	/* the page: the HTML form renames too */
	r = ts_form(web(&staff_p), "/staff/themes/maritime_crime", "name_en", "Crime at sea",
	    "name_fr", "Criminalité en mer", (char *)NULL);
	STATUS(r, 303);
	r = ts_get(web(&staff_p), "/staff/themes");
	STATUS(r, 200);
	HAS(r, "Crime at sea");

	theme_post("maritime_crime", "retire", 0);
	assert_true(audited("theme.retired", "maritime_crime"));
	r = ts_get(anon, "/join");
	LACKS(r, "value=\"maritime_crime\"");
	LACKS(r, "Crime at sea");
	r = ts_get(web(&staff_p), "/staff/themes");
	HAS(r, "Crime at sea");	/* staff still see it, to bring it back */

	theme_post("maritime_crime", "restore", 1);
	assert_true(audited("theme.restored", "maritime_crime"));
	r = ts_get(anon, "/join");
	HAS(r, "value=\"maritime_crime\"");
	ts_browser_free(anon);
}

/* A retired theme stays on the organization that has it -- profile,
 * directory filter and facet, an edit that keeps it -- and is refused for
 * a new application and as an addition to an edit.  Renamed, the new name
 * shows at once in the directory and its search finds it. */
static void
test_retired_theme_stays_on_records(void **state)
{
	struct ts_browser *anon = ts_browser_new(&srv, NULL);
	const struct ts_res *r;
	char path[160];
	int64_t id;
	json_t *j;

	(void)state;
	theme_add("piracy", "Piracy at sea", "Piraterie maritime");
	theme_add("wreck_looting", "Wreck looting", "Pillage d'épaves");
	id = org_made("Tidewatch Collective", "piracy;corruption");
	theme_post("piracy", "retire", 0);
	theme_post("wreck_looting", "retire", 0);

	/* the profile keeps it, with its name, in both languages */
	snprintf(path, sizeof path, "/organizations/%lld", (long long)id);
	r = ts_get(anon, path);
	STATUS(r, 200);
	HAS(r, "Piracy at sea");
	snprintf(path, sizeof path, "/organizations/%lld?lang=fr", (long long)id);
	HAS(ts_get(anon, path), "Piraterie maritime");

	/* the directory filters by it and names it in its facets */
	r = ts_get(web(&staff_p), "/organizations?theme=piracy");
	STATUS(r, 200);
	HAS(r, "Tidewatch Collective");
	HAS(r, "Piracy at sea");
	r = as(&staff_p, "GET", "/api/v1/organizations?theme=piracy", NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(json_object_get(j,
	    "facets"), "theme"), "piracy")), 1);
	json_decref(j);
	/* a theme that never was is still refused */
	problem(as(&staff_p, "GET", "/api/v1/organizations?theme=no_such_theme", NULL), 422,
	    NULL);

	/* a new application may not choose it; an active theme is fine */
	problem(apply_with(&applicant_p, "Harbourlight Desk", json_pack("[s]", "piracy")), 422,
	    "themes");
	r = apply_with(&applicant_p, "Harbourlight Desk", json_pack("[s]", "corruption"));
	STATUS(r, 201);
	/* the join form does not offer it */
	LACKS(ts_get(anon, "/join"), "value=\"piracy\"");

	/* an edit that leaves it keeps it; adding another retired one is refused */
	snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)id);
	r = as(&staff_p, "PATCH", path, json_pack("{s:s}", "description",
	    "Tidewatch Collective watches the sea lanes and the ports for stolen cargo."));
	STATUS(r, 200);
	HAS(r, "\"piracy\"");
	problem(as(&staff_p, "PATCH", path, json_pack("{s:[s,s]}", "themes", "piracy",
	    "wreck_looting")), 422, "themes");
	/* the edit page shows it, chosen, and nothing else retired */
	snprintf(path, sizeof path, "/organizations/%lld/edit", (long long)id);
	r = ts_get(web(&staff_p), path);
	STATUS(r, 200);
	HAS(r, "value=\"piracy\"");
	LACKS(r, "value=\"wreck_looting\"");

	/* renamed while retired: the directory says so at once (no answer kept
	 * from before) and its search finds the new name */
	HAS(ts_get(web(&staff_p), "/organizations?theme=piracy"), "Piracy at sea");	/* kept */
	r = as(&staff_p, "PATCH", "/api/v1/staff/themes/piracy", json_pack("{s:s}", "name_en",
	    "Buccaneering"));
	STATUS(r, 200);
	r = ts_get(web(&staff_p), "/organizations?theme=piracy");
	HAS(r, "Buccaneering");
	LACKS(r, "Piracy at sea");
	r = as(&staff_p, "GET", "/api/v1/organizations?q=buccaneering", NULL);
	STATUS(r, 200);
	HAS(r, "Tidewatch Collective");
	ts_browser_free(anon);
}

/* Only staff and admins see or change the themes. */
static void
test_roles(void **state)
{
	struct ts_browser *anon = ts_browser_new(&srv, NULL);
	struct person *others[] = { &member_p, &applicant_p };
	const struct ts_res *r;
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		problem(as(others[i], "GET", "/api/v1/staff/themes", NULL), 403, NULL);
		problem(as(others[i], "POST", "/api/v1/staff/themes", json_pack("{s:s,s:s,s:s}",
		    "code", "sneaky", "name_en", "Sneaky", "name_fr", "Sournois")), 403, NULL);
		problem(as(others[i], "POST", "/api/v1/staff/themes/corruption/retire",
		    json_object()), 403, NULL);
		problem(as(others[i], "PATCH", "/api/v1/staff/themes/corruption",
		    json_pack("{s:s}", "name_en", "Gone")), 403, NULL);
		STATUS(ts_get(web(others[i]), "/staff/themes"), 403);
	}
	problem(ts_call(anon, "GET", "/api/v1/staff/themes", NULL, NULL), 401, NULL);
	problem(ts_call(anon, "POST", "/api/v1/staff/themes/corruption/retire", NULL,
	    json_object()), 401, NULL);
	r = ts_get(anon, "/staff/themes");
	STATUS(r, 303);
	/* nothing changed */
	{
		json_t *t = theme_get("corruption");

		assert_string_equal(jstr(t, "name_en"), "Corruption");
		assert_true(json_is_true(json_object_get(t, "active")));
		json_decref(t);
	}
	assert_null(theme_get("sneaky"));
	/* an admin may */
	r = as(&admin_p, "GET", "/api/v1/staff/themes", NULL);
	STATUS(r, 200);
	HAS(r, "\"corruption\"");
	ts_browser_free(anon);
}

/* Duplicate codes 409, empty or missing names and bad codes 422 naming
 * the field, unknown codes 404; the page keeps what was typed. */
static void
test_bad_input(void **state)
{
	const struct ts_res *r;
	json_t *t;

	(void)state;
	theme_add("port_fraud", "Port fraud", "Fraude portuaire");
	problem(as(&staff_p, "POST", "/api/v1/staff/themes", json_pack("{s:s,s:s,s:s}", "code",
	    "port_fraud", "name_en", "Port fraud again", "name_fr", "Encore")), 409, "code");
	problem(as(&staff_p, "POST", "/api/v1/staff/themes", json_pack("{s:s,s:s,s:s}", "code",
	    "corruption", "name_en", "Corruption", "name_fr", "Corruption")), 409, "code");
	problem(as(&staff_p, "POST", "/api/v1/staff/themes", json_pack("{s:s,s:s,s:s}", "code",
	    "empty_en", "name_en", "  ", "name_fr", "Vide")), 422, "name_en");
	problem(as(&staff_p, "POST", "/api/v1/staff/themes", json_pack("{s:s,s:s}", "code",
	    "no_fr", "name_en", "No French")), 422, "name_fr");
	problem(as(&staff_p, "POST", "/api/v1/staff/themes", json_pack("{s:s,s:s,s:s}", "code",
	    "Bad Code!", "name_en", "Bad", "name_fr", "Mauvais")), 422, "code");
	problem(as(&staff_p, "PATCH", "/api/v1/staff/themes/port_fraud", json_pack("{s:s}",
	    "name_fr", "")), 422, "name_fr");
	problem(as(&staff_p, "PATCH", "/api/v1/staff/themes/no_such_theme", json_pack("{s:s}",
	    "name_en", "Nothing")), 404, NULL);
	problem(as(&staff_p, "POST", "/api/v1/staff/themes/no_such_theme/retire", json_object()),
	    404, NULL);
	problem(as(&staff_p, "POST", "/api/v1/staff/themes/no_such_theme/restore",
	    json_object()), 404, NULL);
	t = theme_get("port_fraud");	/* unchanged by what was refused */
	assert_string_equal(jstr(t, "name_en"), "Port fraud");
	assert_string_equal(jstr(t, "name_fr"), "Fraude portuaire");
	json_decref(t);
	assert_null(theme_get("empty_en"));
	assert_null(theme_get("no_fr"));

	/* the page: the message by the field, what was typed kept */
	r = ts_form(web(&staff_p), "/staff/themes", "code", "harbour_theft", "name_en",
	    "Harbour theft", "name_fr", "", (char *)NULL);
	STATUS(r, 422);
	HAS(r, "value=\"harbour_theft\"");
	HAS(r, "value=\"Harbour theft\"");
	HAS(r, "class=\"error\"");
	r = ts_form(web(&staff_p), "/staff/themes", "code", "port_fraud", "name_en", "Again",
	    "name_fr", "Encore", (char *)NULL);
	STATUS(r, 409);
	HAS(r, "A theme with this code exists already");
	r = ts_form(web(&staff_p), "/staff/themes/port_fraud", "name_en", "", "name_fr",
	    "Fraude portuaire", (char *)NULL);
	STATUS(r, 422);
	HAS(r, "class=\"error\"");
	STATUS(ts_form(web(&staff_p), "/staff/themes/no_such_theme/retire", (char *)NULL), 404);
}

/* ---- mail in the recipient's language ---------------------------------- */

/* Waits for the next mail to `to`; its subject into subj, its body into
 * *body (caller frees) when body is not NULL. */
static void
mail_next(const char *to, char *subj, size_t len, char **body)
{
	struct ts_mail m;

	assert_int_equal(ts_mail_wait(&sink, to, MAIL_WAIT, &m), 0);
	snprintf(subj, len, "%s", m.subject);
	if (body)
		*body = strdup(m.body);
	ts_mail_free(&m);
}

/* Applies signed out through the API in lang ("en", "fr"), confirms the
 * address from the mail (whose subject must be confirm); the application's
 * id, from the staff queue. */
static int64_t
apply_in(const char *lang, const char *name, const char *email, const char *confirm)
{
	struct ts_browser *b = ts_browser_new(&srv, NULL);
	char path[160], subj[512], link[512];
	const struct ts_res *r;
	struct ts_mail m;
	int64_t id = 0;
	json_t *j, *it;
	size_t i;

	snprintf(path, sizeof path, "/api/v1/applications?lang=%s", lang);
	r = ts_call(b, "POST", path, NULL, json_pack("{s:{s:s,s:s,s:s,s:s,s:[s]},s:{s:s,s:s},s:b,"
	    "s:s}", "organization", "name", name, "kind", "ngo", "country", "FR", "description",
	    "A network of lawyers who defend people smuggled across borders.", "themes",
	    "smuggling_of_migrants", "contact", "name", "Contact Person", "email", email,
	    "consent", 1, "password", PW));
	STATUS(r, 202);
	assert_int_equal(ts_mail_wait(&sink, email, MAIL_WAIT, &m), 0);
	snprintf(subj, sizeof subj, "%s", m.subject);
	if (strcmp(subj, confirm) != 0)
		printf("# subject \"%s\", want \"%s\"\n", subj, confirm);
	assert_string_equal(subj, confirm);
	assert_int_equal(ts_mail_link(&m, link, sizeof link), 0);
	ts_mail_free(&m);
	STATUS(ts_verify(b, link, PW), 200);
	ts_browser_free(b);
	r = as(&staff_p, "GET", "/api/v1/applications?status=pending&sort=newest", NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (strcmp(jstr(json_object_get(it, "organization"), "name"), name) == 0)
			id = json_integer_value(json_object_get(it, "id"));
	json_decref(j);
	assert_true(id > 0);
	return id;
}

/* A French-speaking staff member approves an English-speaking applicant:
 * the mail is in English.  An English-speaking staff member approves and
 * rejects French-speaking applicants: the mails are in French. */
static void
test_mail_in_recipients_language(void **state)
{
	char path[160], subj[512], *body;
	int64_t id;
	const struct ts_res *r;

	(void)state;
	/* Camille reads the site in French (stored with her account) */
	r = ts_get(web(&fr_staff), "/staff?lang=fr");
	STATUS(r, 200);
	HAS(ts_get(web(&fr_staff), "/staff"), "Domaines thématiques");

	id = apply_in("en", "Bridgewater Legal Aid", "ed@bridgewater.example",
	    "Confirm your application");
	snprintf(path, sizeof path, "/staff/applications/%lld/approve", (long long)id);
	STATUS(ts_form(web(&fr_staff), path, (char *)NULL), 303);
	mail_next("ed@bridgewater.example", subj, sizeof subj, &body);
	assert_string_equal(subj, "Welcome: your organization is now a member");
	assert_null(strstr(body, "Bonjour"));
	free(body);

	/* the reverse: English-speaking staff (no language stored, an English
	 * browser), French-speaking applicants */
	id = apply_in("fr", "Passeurs de Droit", "lea@passeurs.example",
	    "Confirmez votre candidature");
	snprintf(path, sizeof path, "/api/v1/applications/%lld/approve", (long long)id);
	STATUS(as(&staff_p, "POST", path, json_object()), 200);
	mail_next("lea@passeurs.example", subj, sizeof subj, NULL);
	assert_string_equal(subj, "Bienvenue : votre organisation est désormais membre");

	id = apply_in("fr", "Rives Solidaires", "noe@rives.example", "Confirmez votre candidature");
	snprintf(path, sizeof path, "/api/v1/applications/%lld/reject", (long long)id);
	STATUS(as(&staff_p, "POST", path, json_pack("{s:s}", "reason",
	    "Outside the hub's remit.")), 200);
	mail_next("noe@rives.example", subj, sizeof subj, &body);
	if (strncmp(subj, "Votre demande d'adhésion", 25) != 0)
		printf("# subject \"%s\"\n", subj);
	assert_int_equal(strncmp(subj, "Votre demande d'adhésion", 25), 0);
	assert_non_null(strstr(body, "Outside the hub's remit."));
	assert_non_null(strstr(body, "Bonjour"));
	free(body);
}

static void
test_server_stops_cleanly(void **state)
{
	(void)state;
	assert_int_equal(ts_server_stop(&srv), 0);
}

static int
setup(void **state)
{
	(void)state;
	return ts_suite_start(&sink, &srv, &db_url, NULL);
}

static int
teardown(void **state)
{
	struct person *ps[] = { &staff_p, &admin_p, &member_p, &applicant_p, &fr_staff };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof ps / sizeof ps[0]; i++)
		ts_browser_free(ps[i]->web);
	ts_browser_free(api_b);
	ts_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_add_rename_retire),
		cmocka_unit_test(test_retired_theme_stays_on_records),
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_mail_in_recipients_language),
		cmocka_unit_test(test_server_stops_cleanly),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("themes", tests, setup, teardown);
}
