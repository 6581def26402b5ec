/*
 * visibility_test.c -- who sees which field of an organization, through a
 * real server: a visitor, an applicant, a state focal point, a member of
 * another organization, the organization's own admin and staff, against an
 * organization that hides fields at every level (issue 9, finding 3).
 *
 * "Quillon Ledger Trust" shows its description, acronym and country to
 * "nongovernmental" (members and staff, not focal points), its kind to
 * "members" (focal points too), its themes to staff only, and keeps the
 * defaults for contact details and people ("nongovernmental").  "Meridian
 * Civic Watch", in the same country, keeps every default.  Each viewer must
 * see exactly their share on the profile and its JSON twin, in directory
 * items, filters and facet counts, in what the search matches and marks,
 * and answers kept in the directory's cache must never cross levels.  A
 * focal point's /api/v1/me has their country.  Migration 4 moves contact
 * details and people shown to "members" to "nongovernmental" (tested once
 * the server has stopped, on the same database with migration 4 undone).
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
#include <libpq-fe.h>
#include <sqlite3.h>

#include "lib/api.h"
#include "lib/people.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *visitor, *plain;
/* API tokens: staff, Quillon's admin, a member of Meridian, a focal point,
 * an applicant. */
static char staff_tok[129], ada_tok[129], mo_tok[129], fe_tok[129], pat_tok[129];
static struct ts_browser *ada_web, *mo_web, *fe_web;
static int64_t quillon, meridian;

/* A new account with role; its API token into tok[129] and, when web is
 * not NULL, a browser signed in as it. */
static void
account(const char *email, const char *name, const char *role, char *tok,
    struct ts_browser **web)
{
	assert_true(ts_user_add(db_url, email, name, role, PW) > 0);
	assert_int_equal(ts_token(plain, email, PW, tok, 129), 0);
	assert_int_equal(strlen(tok), 64);
	if (web)
		assert_non_null(*web = ts_signed_in(&srv, NULL, email, PW));
}

/* Staff approve application id; the organization's id (0 for a focal point). */
static int64_t
approve(int64_t id)
{
	char path[96];
	const struct ts_res *r;
	json_t *j;
	int64_t org;

	snprintf(path, sizeof path, "/api/v1/applications/%lld/approve", (long long)id);
	r = ta_api("POST", path, staff_tok, json_object());
	STATUS(r, 200);
	j = ts_jbody(r);
	org = json_integer_value(json_object_get(j, "organization_id"));
	json_decref(j);
	return org;
}

/* The applicant with tok applies for organization o (consumed); approved,
 * the organization's id. */
static int64_t
join(const char *tok, json_t *o, const char *email, const char *phone)
{
	const struct ts_res *r;
	json_t *j;
	int64_t id;

	r = ta_api("POST", "/api/v1/applications", tok, json_pack("{s:o,s:{s:s,s:s,s:s},s:b}",
	    "organization", o, "contact", "name", "Dana Contact", "email", email, "phone", phone,
	    "consent", 1));
	STATUS(r, 201);
	j = ts_jbody(r);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return approve(id);
}

static void
set_vis(int64_t org, const char *tok, json_t *vis)
{
	char path[96];

	snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)org);
	STATUS(ta_api("PATCH", path, tok, json_pack("{s:o}", "visibility", vis)), 200);
}

/* ---- the profile -------------------------------------------------------- */

static void
test_defaults_and_me(void **state)
{
	char path[96];
	json_t *j, *vis;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)meridian);
	j = ta_get_json(path, staff_tok, 200);
	vis = json_object_get(j, "visibility");
	assert_string_equal(json_string_value(json_object_get(vis, "contact")), "nongovernmental");
	assert_string_equal(json_string_value(json_object_get(vis, "people")), "nongovernmental");
	assert_string_equal(json_string_value(json_object_get(vis, "description")), "members");
	json_decref(j);

	j = ta_get_json("/api/v1/me", fe_tok, 200);
	assert_string_equal(json_string_value(json_object_get(j, "role")), "focal");
	assert_string_equal(json_string_value(json_object_get(j, "country")), "KE");
	json_decref(j);
	j = ta_get_json("/api/v1/me", mo_tok, 200);
	assert_string_equal(json_string_value(json_object_get(j, "role")), "member");
	assert_true(json_is_null(json_object_get(j, "country")));	/* none: null */
	json_decref(j);
}

/* Which of Quillon's fields a viewer gets. */
struct seen {
	const char *who, *tok;
	int contact, people, description, acronym, country, kind, themes, visibility;
};

static void
test_profile(void **state)
{
	static const struct seen want[] = {
		{ "visitor", NULL, 0, 0, 0, 0, 0, 0, 0, 0 },
		{ "applicant", pat_tok, 0, 0, 0, 0, 0, 0, 0, 0 },
		{ "focal point", fe_tok, 0, 0, 0, 0, 0, 1, 0, 0 },
		{ "member", mo_tok, 1, 1, 1, 1, 1, 1, 0, 0 },
		{ "its admin", ada_tok, 1, 1, 1, 1, 1, 1, 1, 1 },
		{ "staff", staff_tok, 1, 1, 1, 1, 1, 1, 1, 1 },
	};
	char path[96];
	size_t i;
	const struct ts_res *r;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)quillon);
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct seen *w = &want[i];
		json_t *j = ta_get_json(path, w->tok, 200);

		printf("# %s\n", w->who);
		assert_string_equal(json_string_value(json_object_get(j, "name")),
		    "Quillon Ledger Trust");
		assert_int_equal(json_object_get(j, "contact") != NULL, w->contact);
		assert_int_equal(json_object_get(j, "people") != NULL, w->people);
		assert_int_equal(json_object_get(j, "description") != NULL, w->description);
		assert_int_equal(json_object_get(j, "acronym") != NULL, w->acronym);
		assert_int_equal(json_object_get(j, "country") != NULL, w->country);
		assert_int_equal(json_object_get(j, "countries") != NULL, w->kind);	/* members */
		assert_int_equal(json_object_get(j, "kind") != NULL, w->kind);
		assert_int_equal(json_object_get(j, "themes") != NULL, w->themes);
		assert_int_equal(json_object_get(j, "visibility") != NULL, w->visibility);
		json_decref(j);
	}

	/* the pages say the same */
	snprintf(path, sizeof path, "/organizations/%lld", (long long)quillon);
	r = ts_get(fe_web, path);
	STATUS(r, 200);
	HAS(r, "Quillon Ledger Trust");
	HAS(r, "Guatemala");			/* countries of operation: members */
	LACKS(r, "+52 55 1234 9876");		/* contact */
	LACKS(r, "Ada Admin");			/* people */
	LACKS(r, "zephyrquill");		/* description */
	LACKS(r, "ZORVEX");			/* acronym */
	LACKS(r, "Mexico");			/* country */
	LACKS(r, "<h2>Changes</h2>");		/* the edit history */
	r = ts_get(mo_web, path);
	STATUS(r, 200);
	HAS(r, "+52 55 1234 9876");
	HAS(r, "Ada Admin");
	HAS(r, "zephyrquill");
	HAS(r, "ZORVEX");
	HAS(r, "Mexico");
	LACKS(r, "<h2>Changes</h2>");
	r = ts_get(ada_web, path);
	STATUS(r, 200);
	HAS(r, "<h2>Changes</h2>");
	r = ts_get(visitor, path);
	STATUS(r, 200);
	LACKS(r, "+52 55 1234 9876");
	LACKS(r, "Ada Admin");
	LACKS(r, "zephyrquill");
}

/* ---- the directory ------------------------------------------------------ */

/* facets.<facet>.<value> of directory answer j (0 when absent). */
static json_int_t
facet(json_t *j, const char *f, const char *v)
{
	return json_integer_value(json_object_get(json_object_get(json_object_get(j, "facets"),
	    f), v));
}

/* The item of directory answer j named name, or NULL. */
static json_t *
item(json_t *j, const char *name)
{
	json_t *it;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, it)
		if (strcmp(json_string_value(json_object_get(it, "name")), name) == 0)
			return it;
	return NULL;
}

static json_int_t
total(json_t *j)
{
	return json_integer_value(json_object_get(j, "total"));
}

static void
test_directory_filters_and_counts(void **state)
{
	json_t *m, *f, *s, *it;

	(void)state;
	/* the country filter: Quillon's country is not the focal point's to know */
	m = ta_get_json("/api/v1/organizations?country=MX", mo_tok, 200);
	f = ta_get_json("/api/v1/organizations?country=MX", fe_tok, 200);
	s = ta_get_json("/api/v1/organizations?country=MX", staff_tok, 200);
	assert_int_equal(total(m), 2);
	assert_int_equal(total(s), 2);
	assert_int_equal(total(f), 1);
	assert_non_null(item(m, "Quillon Ledger Trust"));
	assert_null(item(f, "Quillon Ledger Trust"));
	assert_int_equal(facet(m, "country", "MX"), 2);
	assert_int_equal(facet(f, "country", "MX"), 1);
	assert_int_equal(facet(m, "region", "419"), 2);	/* its region follows */
	assert_int_equal(facet(f, "region", "419"), 1);
	/* themes are for staff: neither a filter nor a count for others */
	assert_int_equal(facet(m, "theme", "corruption"), 1);
	assert_int_equal(facet(f, "theme", "corruption"), 1);
	assert_int_equal(facet(s, "theme", "corruption"), 2);
	/* the kind is for members and focal points */
	assert_int_equal(facet(m, "kind", "ngo"), 2);
	assert_int_equal(facet(f, "kind", "ngo"), 1);	/* under the country filter */
	json_decref(m);
	json_decref(f);
	json_decref(s);

	/* every organization: counts, and what items show */
	m = ta_get_json("/api/v1/organizations", mo_tok, 200);
	f = ta_get_json("/api/v1/organizations", fe_tok, 200);
	assert_int_equal(total(m), total(f));		/* both are listed */
	assert_int_equal(facet(m, "country", "MX"), 2);
	assert_int_equal(facet(f, "country", "MX"), 1);
	assert_int_equal(facet(m, "kind", "ngo"), 2);
	assert_int_equal(facet(f, "kind", "ngo"), 2);
	it = item(f, "Quillon Ledger Trust");
	assert_non_null(it);
	assert_null(json_object_get(it, "description"));
	assert_null(json_object_get(it, "country"));
	assert_null(json_object_get(it, "acronym"));
	assert_null(json_object_get(it, "contact"));
	assert_null(json_object_get(it, "themes"));
	assert_string_equal(json_string_value(json_object_get(it, "kind")), "ngo");
	it = item(m, "Quillon Ledger Trust");
	assert_non_null(it);
	assert_non_null(json_object_get(it, "description"));
	assert_string_equal(json_string_value(json_object_get(it, "country")), "MX");
	assert_null(json_object_get(it, "themes"));
	json_decref(m);
	json_decref(f);

	/* a filter on a field hidden from the focal point matches nothing */
	f = ta_get_json("/api/v1/organizations?theme=corruption&country=MX", fe_tok, 200);
	assert_int_equal(total(f), 1);
	assert_null(item(f, "Quillon Ledger Trust"));
	json_decref(f);
}

static void
test_search_and_marks(void **state)
{
	static const struct {
		const char *q;
		json_int_t member, focal, staff;
	} cases[] = {
		{ "zephyrquill", 1, 0, 1 },	/* its description */
		{ "zephyr", 1, 0, 1 },		/* a prefix of it */
		{ "zorvex", 1, 0, 1 },		/* its acronym */
		{ "quillon", 1, 1, 1 },		/* its name: everyone's */
		{ "guatemala", 1, 1, 1 },	/* countries of operation: members' */
		{ "mexique", 2, 1, 2 },		/* its country (in French) hides it */
		{ "quillon mexico", 1, 0, 1 },
	};
	char path[160];
	const struct ts_res *r;
	size_t i;
	json_t *j, *it;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char q[64], *p;

		snprintf(q, sizeof q, "%s", cases[i].q);
		for (p = q; *p; p++)
			if (*p == ' ')
				*p = '+';
		printf("# q=%s\n", q);
		snprintf(path, sizeof path, "/api/v1/organizations?q=%s", q);
		j = ta_get_json(path, mo_tok, 200);
		assert_int_equal(total(j), cases[i].member);
		json_decref(j);
		j = ta_get_json(path, fe_tok, 200);
		assert_int_equal(total(j), cases[i].focal);
		json_decref(j);
		j = ta_get_json(path, staff_tok, 200);
		assert_int_equal(total(j), cases[i].staff);
		json_decref(j);
		/* best match, by name or newest: the same set */
		snprintf(path, sizeof path, "/api/v1/organizations?q=%s&sort=newest", q);
		j = ta_get_json(path, fe_tok, 200);
		assert_int_equal(total(j), cases[i].focal);
		json_decref(j);
	}
	/* the focal point's counts under a search count only what they see */
	j = ta_get_json("/api/v1/organizations?q=quillon", fe_tok, 200);
	assert_int_equal(facet(j, "country", "MX"), 0);
	assert_int_equal(facet(j, "kind", "ngo"), 1);
	it = item(j, "Quillon Ledger Trust");
	assert_non_null(it);
	assert_null(json_object_get(it, "excerpt_marks"));	/* no description to mark */
	json_decref(j);

	/* marks on the page: the member's has the description, marked */
	r = ts_get(mo_web, "/organizations?q=zephyrquill");
	STATUS(r, 200);
	HAS(r, "<mark>zephyrquill</mark>");
	r = ts_get(fe_web, "/organizations?q=zephyrquill");
	STATUS(r, 200);
	LACKS(r, "zephyrquill</mark>");
	LACKS(r, "Quillon Ledger Trust");
	r = ts_get(fe_web, "/organizations?q=quillon");
	STATUS(r, 200);
	HAS(r, "<mark>Quillon</mark>");
	LACKS(r, "zephyrquill");
	LACKS(r, "ZORVEX");
}

/* The same question, asked by a member and at once by a focal point, is
 * answered for each (the directory keeps answers for two seconds). */
static void
test_cache_never_crosses_levels(void **state)
{
	static const char *const paths[] = {
		"/api/v1/organizations?q=quillon&per_page=7",
		"/api/v1/organizations?country=MX&per_page=7",
	};
	const struct ts_res *r;
	size_t i;
	json_t *j;

	(void)state;
	for (i = 0; i < 2; i++) {
		j = ta_get_json(paths[i], mo_tok, 200);
		assert_non_null(json_object_get(item(j, "Quillon Ledger Trust"), "description"));
		assert_int_equal(facet(j, "country", "MX"), (json_int_t)i + 1);
		json_decref(j);
		j = ta_get_json(paths[i], fe_tok, 200);
		assert_null(json_object_get(item(j, "Quillon Ledger Trust"), "description"));
		assert_int_equal(facet(j, "country", "MX"), (json_int_t)i);
		json_decref(j);
		j = ta_get_json(paths[i], mo_tok, 200);	/* and back */
		assert_int_equal(facet(j, "country", "MX"), (json_int_t)i + 1);
		json_decref(j);
	}
	r = ts_get(mo_web, "/organizations?q=quillon&per_page=7");
	STATUS(r, 200);
	HAS(r, "zephyrquill");
	r = ts_get(fe_web, "/organizations?q=quillon&per_page=7");
	STATUS(r, 200);
	LACKS(r, "zephyrquill");
}

/* ---- widening ----------------------------------------------------------- */

static void
test_edit_form_and_widening(void **state)
{
	char path[96];
	const struct ts_res *r;
	json_t *j;

	(void)state;
	snprintf(path, sizeof path, "/organizations/%lld/edit", (long long)quillon);
	r = ts_get(ada_web, path);
	STATUS(r, 200);
	HAS(r, "<option value=\"nongovernmental\" selected>Members, not government focal "
	    "points</option>");
	HAS(r, "<option value=\"members\">Members and government focal points</option>");

	/* a level that does not exist */
	snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)quillon);
	STATUS(ta_api("PATCH", path, ada_tok, json_pack("{s:{s:s}}", "visibility", "contact",
	    "governments")), 422);

	/* the organization widens its contact details and country to members */
	set_vis(quillon, ada_tok, json_pack("{s:s,s:s}", "contact", "members", "country",
	    "members"));
	j = ta_get_json(path, fe_tok, 200);
	assert_non_null(json_object_get(j, "contact"));
	assert_string_equal(json_string_value(json_object_get(j, "country")), "MX");
	assert_null(json_object_get(j, "people"));
	json_decref(j);
	j = ta_get_json("/api/v1/organizations?country=MX&per_page=9", fe_tok, 200);
	assert_int_equal(total(j), 2);
	assert_int_equal(facet(j, "country", "MX"), 2);
	json_decref(j);
	j = ta_get_json("/api/v1/organizations?q=mexique&per_page=9", fe_tok, 200);
	assert_int_equal(total(j), 2);
	json_decref(j);
	/* a visitor still sees none of it */
	j = ta_get_json(path, NULL, 200);
	assert_null(json_object_get(j, "contact"));
	assert_null(json_object_get(j, "country"));
	json_decref(j);

	/* and narrows them again, through the page's form */
	snprintf(path, sizeof path, "/organizations/%lld/edit", (long long)quillon);
	r = ts_form(ada_web, path, "vis_contact", "nongovernmental", "vis_country",
	    "nongovernmental", (char *)NULL);
	STATUS(r, 303);
	snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)quillon);
	j = ta_get_json(path, fe_tok, 200);
	assert_null(json_object_get(j, "contact"));
	assert_null(json_object_get(j, "country"));
	json_decref(j);

	/* the choices in French */
	snprintf(path, sizeof path, "/organizations/%lld/edit?lang=fr", (long long)quillon);
	r = ts_get(ada_web, path);
	STATUS(r, 200);
	HAS(r, "Membres, sans les points focaux gouvernementaux");
	HAS(r, "Membres et points focaux gouvernementaux");
}

static void
test_server_stops_cleanly(void **state)
{
	(void)state;
	assert_int_equal(ts_server_stop(&srv), 0);
}

/* ---- migration 4 (the server is stopped) --------------------------------- */

static sqlite3 *lite;
static PGconn *pg;

/* Runs sql (several statements) on the database directly. */
static void
sql_exec(const char *sql)
{
	if (lite) {
		char *err = NULL;

		if (sqlite3_exec(lite, sql, NULL, NULL, &err) != SQLITE_OK)
			printf("# %s: %s\n", sql, err);
		assert_null(err);
	} else {
		PGresult *res = PQexec(pg, sql);

		if (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK)
			printf("# %s: %s\n", sql, PQresultErrorMessage(res));
		assert_true(PQresultStatus(res) == PGRES_COMMAND_OK ||
		    PQresultStatus(res) == PGRES_TUPLES_OK);
		PQclear(res);
	}
}

/* The first column of the first row of sql, as text ("" for none). */
static void
sql_text(const char *sql, char *out, size_t len)
{
	*out = '\0';
	if (lite) {
		sqlite3_stmt *st;

		assert_int_equal(sqlite3_prepare_v2(lite, sql, -1, &st, NULL), SQLITE_OK);
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
			snprintf(out, len, "%s", (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	} else {
		PGresult *res = PQexec(pg, sql);

		if (PQresultStatus(res) != PGRES_TUPLES_OK)
			printf("# %s: %s\n", sql, PQresultErrorMessage(res));
		assert_int_equal(PQresultStatus(res), PGRES_TUPLES_OK);
		if (PQntuples(res) > 0)
			snprintf(out, len, "%s", PQgetvalue(res, 0, 0));
		PQclear(res);
	}
}

/* The visibility of field k of organization id, as stored. */
static void
stored_vis(int64_t id, const char *k, char *out, size_t len)
{
	char sql[256];

	if (lite)
		snprintf(sql, sizeof sql, "SELECT coalesce(json_extract(visibility, '$.%s'), '') "
		    "FROM organizations WHERE id = %lld", k, (long long)id);
	else
		snprintf(sql, sizeof sql, "SELECT coalesce(visibility::jsonb->>'%s', '') "
		    "FROM organizations WHERE id = %lld", k, (long long)id);
	sql_text(sql, out, len);
}

/*
 * A hub from before the new level: migration 4 undone, Meridian with the
 * old default stored as chosen ("members", as the edit form saved it),
 * Quillon with contact details public and people for staff.  `whatson
 * migrate` moves only "members" to "nongovernmental" and says so in the
 * organization's history.
 */
static void
test_migration_4(void **state)
{
	char sql[512], v[256], out[4096];

	(void)state;
	if (strncmp(db_url, "sqlite:", 7) == 0) {
		assert_int_equal(sqlite3_open_v2(db_url + 7, &lite, SQLITE_OPEN_READWRITE, NULL),
		    SQLITE_OK);
		sql_exec("DROP TRIGGER org_fts_gov_insert; DROP TRIGGER org_fts_gov_delete;"
		    "DROP TRIGGER org_fts_gov_update; DROP TABLE org_fts_gov;"
		    "ALTER TABLE organizations DROP COLUMN search_title_gov;"
		    "ALTER TABLE organizations DROP COLUMN search_text_gov;");
	} else {
		pg = PQconnectdb(db_url);
		assert_int_equal(PQstatus(pg), CONNECTION_OK);
		sql_exec("ALTER TABLE organizations DROP COLUMN search_gov,"
		    " DROP COLUMN search_title_gov, DROP COLUMN search_text_gov");
	}
	sql_exec("DELETE FROM schema_version WHERE version = 4; DELETE FROM org_changes");
	snprintf(sql, sizeof sql, "UPDATE organizations SET visibility = '{\"kind\":\"public\","
	    "\"contact\":\"members\",\"people\":\"members\",\"description\":\"members\"}' "
	    "WHERE id = %lld", (long long)meridian);
	sql_exec(sql);
	snprintf(sql, sizeof sql, "UPDATE organizations SET visibility = '{\"contact\":"
	    "\"public\",\"people\":\"staff\"}' WHERE id = %lld", (long long)quillon);
	sql_exec(sql);

	assert_int_equal(ts_whatson(NULL, out, sizeof out, "migrate", "--db", db_url, NULL), 0);
	stored_vis(meridian, "contact", v, sizeof v);
	assert_string_equal(v, "nongovernmental");
	stored_vis(meridian, "people", v, sizeof v);
	assert_string_equal(v, "nongovernmental");
	stored_vis(meridian, "description", v, sizeof v);
	assert_string_equal(v, "members");		/* only contact details and people */
	stored_vis(meridian, "kind", v, sizeof v);
	assert_string_equal(v, "public");
	stored_vis(quillon, "contact", v, sizeof v);
	assert_string_equal(v, "public");		/* chosen wider: kept */
	stored_vis(quillon, "people", v, sizeof v);
	assert_string_equal(v, "staff");
	/* in Meridian's history, by no one; none in Quillon's */
	snprintf(sql, sizeof sql, "SELECT count(*) FROM org_changes WHERE org_id = %lld AND "
	    "user_id IS NULL AND changes LIKE '%%visibility%%nongovernmental%%'",
	    (long long)meridian);
	sql_text(sql, v, sizeof v);
	assert_string_equal(v, "1");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM org_changes WHERE org_id = %lld",
	    (long long)quillon);
	sql_text(sql, v, sizeof v);
	assert_string_equal(v, "0");
	sql_text("SELECT count(*) FROM organizations WHERE search_title_gov = ''", v, sizeof v);
	assert_string_equal(v, "2");
	if (lite) {
		sqlite3_close(lite);
		lite = NULL;
	} else {
		PQfinish(pg);
		pg = NULL;
	}
}

/* ---- setup -------------------------------------------------------------- */

static int
setup(void **state)
{
	const struct ts_res *r;
	json_t *j, *it;
	size_t i;
	int64_t id = 0;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	visitor = ts_browser_new(&srv, NULL);
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	account("sam.staff@hub.test", "Sam Staff", "staff", staff_tok, NULL);
	account("ada@quillon.example", "Ada Admin", "applicant", ada_tok, &ada_web);
	account("mo@meridian.example", "Mo Member", "applicant", mo_tok, &mo_web);
	account("fe@interior.go.ke", "Fe Focal", "applicant", fe_tok, &fe_web);
	account("pat@applicants.test", "Pat Applicant", "applicant", pat_tok, NULL);

	quillon = join(ada_tok, json_pack("{s:s,s:s,s:s,s:s,s:s,s:[s],s:[s,s]}", "name",
	    "Quillon Ledger Trust", "acronym", "ZORVEX", "kind", "ngo", "country", "MX",
	    "description", "Investigates zephyrquill contracts and who profits from them.",
	    "themes", "corruption", "countries", "GT", "HN"), "ada@quillon.example",
	    "+52 55 1234 9876");
	meridian = join(mo_tok, json_pack("{s:s,s:s,s:s,s:s,s:[s]}", "name",
	    "Meridian Civic Watch", "kind", "ngo", "country", "MX", "description",
	    "A group that follows public money and publishes what it finds.", "themes",
	    "corruption"), "mo@meridian.example", "+52 55 0000 1111");
	assert_true(quillon > 0 && meridian > 0);
	set_vis(quillon, staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s}", "description",
	    "nongovernmental", "acronym", "nongovernmental", "country", "nongovernmental",
	    "kind", "members", "themes", "staff"));

	/* the focal point applies through the page; staff approve */
	r = ts_form(fe_web, "/join/focal", "country", "KE", "institution", "Ministry of Interior",
	    "title", "Head of unit", (char *)NULL);
	STATUS(r, 303);
	j = ta_get_json("/api/v1/applications?status=pending&kind=focal", staff_tok, 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		id = json_integer_value(json_object_get(it, "id"));
	json_decref(j);
	assert_true(id > 0);
	approve(id);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ts_browser_free(visitor);
	ts_browser_free(plain);
	ts_browser_free(ada_web);
	ts_browser_free(mo_web);
	ts_browser_free(fe_web);
	ts_cleanup();
	return 0;
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_and_me),
		cmocka_unit_test(test_profile),
		cmocka_unit_test(test_directory_filters_and_counts),
		cmocka_unit_test(test_search_and_marks),
		cmocka_unit_test(test_cache_never_crosses_levels),
		cmocka_unit_test(test_edit_form_and_widening),
		cmocka_unit_test(test_server_stops_cleanly),
		cmocka_unit_test(test_migration_4),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("visibility", tests, setup, teardown);
}
