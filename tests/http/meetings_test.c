/*
 * meetings_test.c -- intergovernmental meetings (issue 16): the bodies and
 * the sessions of them, through the API and the pages, as staff who make
 * them and the people who read them meet them: a session with its agenda
 * and nomination window, in its own zone; who sees a draft; the list by
 * body and year with its counts and pages; staff's changes; bad input
 * refused with the field named and nothing written; the staff form
 * without JavaScript; a session's page in English and French and what it
 * tells an organization's admin.
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

/* staff, Ada (an admin of Quillon), Bo (a member of Quillon, no admin),
 * Fe (a state focal point) */
static char staff_tok[129], ada_tok[129], bo_tok[129], fe_tok[129];
static int64_t quillon, ada_id;

/* ---- helpers ------------------------------------------------------------ */

/* A session staff create from JSON body (consumed, with body, number,
 * title, timezone, start and end filled in when absent); its id. */
static int64_t
session_made(json_t *body)
{
	const struct ts_res *r;
	json_t *j;
	int64_t id;

	if (!json_object_get(body, "body"))
		json_object_set_new(body, "body", json_string("ccpcj"));
	if (!json_object_get(body, "title"))
		json_object_set_new(body, "title", json_string("A session"));
	if (!json_object_get(body, "timezone"))
		json_object_set_new(body, "timezone", json_string("Europe/Vienna"));
	if (!json_object_get(body, "start"))
		json_object_set_new(body, "start", json_string("2031-05-19T10:00"));
	if (!json_object_get(body, "end"))
		json_object_set_new(body, "end", json_string("2031-05-23T18:00"));
	if (!json_object_get(body, "status"))
		json_object_set_new(body, "status", json_string("published"));
	r = ta_api("POST", "/api/v1/meetings", staff_tok, body);
	STATUS(r, 201);
	j = ts_jbody(r);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	assert_true(id > 0);
	return id;
}

/* ---- the bodies ----------------------------------------------------------- */

static void
test_bodies(void **state)
{
	static const char *const fixed[] = { "ccpcj", "cnd", "cop_untoc", "untoc_wg", "cosp",
		"irg", "congress", "other" };
	const struct ts_res *r;
	json_t *j, *items, *wg;
	size_t i;

	(void)state;
	j = ta_get_json("/api/v1/bodies", NULL, 200);
	items = json_object_get(j, "items");
	assert_true(json_array_size(items) >= 8);
	for (i = 0; i < 8; i++)
		assert_string_equal(ta_str(json_array_get(items, i), "code"), fixed[i]);
	assert_string_equal(ta_str(json_array_get(items, 1), "name"),
	    "Commission on Narcotic Drugs");
	assert_string_equal(ta_str(json_array_get(items, 1), "name_fr"),
	    "Commission des stupéfiants");
	wg = json_object_get(json_array_get(items, 3), "working_groups");
	assert_int_equal(json_array_size(wg), 5);
	assert_string_equal(ta_str(json_array_get(wg, 0), "code"), "firearms");
	assert_int_equal(json_array_size(json_object_get(json_array_get(items, 0),
	    "working_groups")), 0);
	json_decref(j);

	/* staff add one, placed before "other"; in French by its French name */
	r = ta_api("POST", "/api/v1/bodies", staff_tok, json_pack("{s:s,s:s,s:s}", "code",
	    "fatf", "name_en", "Financial Action Task Force", "name_fr",
	    "Groupe d'action financière"));
	STATUS(r, 201);
	HAS(r, "\"code\":\"fatf\"");
	j = ta_get_json("/api/v1/bodies?lang=fr", NULL, 200);
	items = json_object_get(j, "items");
	assert_string_equal(ta_str(json_array_get(items, 7), "code"), "fatf");
	assert_string_equal(ta_str(json_array_get(items, 8), "code"), "other");
	json_decref(j);
	r = ts_req(plain, "GET", "/api/v1/bodies", (const char *const[]){ "Accept-Language: fr",
	    NULL }, NULL, 0);
	STATUS(r, 200);
	HAS(r, "\"name\":\"Groupe d'action financière\"");
	STATUS(ta_api("GET", "/api/v1/bodies?lang=en", NULL, NULL), 200);

	/* twice, a bad code, no names, not staff */
	r = ta_api("POST", "/api/v1/bodies", staff_tok, json_pack("{s:s,s:s,s:s}", "code",
	    "fatf", "name_en", "Again", "name_fr", "Encore"));
	STATUS(r, 409);
	HAS(r, "\"code\"");
	ta_refused("POST", "/api/v1/bodies", staff_tok, json_pack("{s:s,s:s,s:s}", "code",
	    "Bad Code", "name_en", "Bad", "name_fr", "Mauvais"), "code");
	ta_refused("POST", "/api/v1/bodies", staff_tok, json_pack("{s:s}", "code", "nonames"),
	    "name_en");
	STATUS(ta_api("POST", "/api/v1/bodies", ada_tok, json_pack("{s:s,s:s,s:s}", "code",
	    "mine", "name_en", "Mine", "name_fr", "Le mien")), 403);
	STATUS(ta_api("POST", "/api/v1/bodies", NULL, json_pack("{s:s,s:s,s:s}", "code",
	    "mine", "name_en", "Mine", "name_fr", "Le mien")), 401);
	j = ta_get_json("/api/v1/bodies", NULL, 200);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 9);
	json_decref(j);
}

/* ---- a session ------------------------------------------------------------ */

static void
test_session(void **state)
{
	const struct ts_res *r;
	char path[64];
	json_t *j, *a;
	int64_t id;

	(void)state;
	id = session_made(json_pack("{s:s,s:i,s:s,s:s,s:s,s:s,s:[{s:i,s:s},{s:s,s:s,s:b}],"
	    "s:s,s:s,s:i}", "body", "cnd", "number", 70, "title", "Seventieth session",
	    "venue", "Vienna International Centre", "start", "2031-03-10T10:00", "end",
	    "2031-03-14T18:00", "agenda", "number", 1, "title", "Election of officers",
	    "number", "5 (a)", "title", "Implementation of the international drug control "
	    "treaties", "statements", 1, "nominations_opens", "2026-11-01T09:00",
	    "nominations_closes", "2031-02-01T18:00", "delegates_max", 4));
	/* its event takes no registration: delegates are nominated; it is
	 * changed as a meeting, not as an event, and no event becomes one */
	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)id);
	j = ta_get_json(path, staff_tok, 200);
	assert_true(json_is_false(json_object_get(j, "registration_open")));
	json_decref(j);
	r = ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "title", "Renamed"));
	STATUS(r, 409);
	HAS(r, "/meetings");
	r = ta_api("POST", "/api/v1/events", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s}", "kind",
	    "session", "title", "A session by the back door", "timezone", "Europe/Vienna",
	    "start", "2031-03-10T10:00", "end", "2031-03-14T18:00"));
	STATUS(r, 422);
	HAS(r, "\"kind\"");
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations", (long long)id);
	r = ta_api("POST", path, ada_tok, json_pack("{s:{}}", "answers"));
	STATUS(r, 409);
	HAS(r, "nominate");
	/* nor is it offered as an event to register for */
	j = ta_get_json("/api/v1/opportunities?per_page=100", ada_tok, 200);
	{
		json_t *x;
		size_t i;

		json_array_foreach(json_object_get(j, "items"), i, x)
			assert_false(strcmp(ta_str(x, "type"), "event") == 0 &&
			    json_integer_value(json_object_get(x, "id")) == id);
	}
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)id);
	j = ta_get_json(path, NULL, 200);
	assert_string_equal(ta_str(j, "body"), "cnd");
	assert_string_equal(ta_str(j, "body_name"), "Commission on Narcotic Drugs");
	assert_int_equal(json_integer_value(json_object_get(j, "number")), 70);
	assert_string_equal(ta_str(j, "title"), "Seventieth session");
	assert_string_equal(ta_str(j, "event_title"), "Commission on Narcotic Drugs, Seventieth "
	    "session");
	/* times in the session's zone: winter, then summer for the window's close */
	assert_string_equal(ta_str(j, "start"), "2031-03-10T10:00:00+01:00");
	assert_string_equal(ta_str(j, "nominations_opens"), "2026-11-01T09:00:00+01:00");
	assert_string_equal(ta_str(j, "nominations_closes"), "2031-02-01T18:00:00+01:00");
	assert_string_equal(ta_str(j, "nominations"), "open");
	assert_int_equal(json_integer_value(json_object_get(j, "year")), 2031);
	assert_int_equal(json_integer_value(json_object_get(j, "delegates_max")), 4);
	assert_string_equal(ta_str(j, "eligibility"), "ecosoc");
	assert_true(json_is_null(json_object_get(j, "working_group")));
	assert_null(json_object_get(j, "invited"));	/* staff's to know */
	a = json_object_get(j, "agenda");
	assert_int_equal(json_array_size(a), 2);
	assert_string_equal(ta_str(json_array_get(a, 0), "number"), "1");
	assert_false(json_is_true(json_object_get(json_array_get(a, 0), "statements")));
	assert_string_equal(ta_str(json_array_get(a, 1), "number"), "5 (a)");
	assert_true(json_is_true(json_object_get(json_array_get(a, 1), "statements")));
	json_decref(j);

	/* it is an event of kind session, in the events list too */
	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)id);
	j = ta_get_json(path, NULL, 200);
	assert_string_equal(ta_str(j, "kind"), "session");
	assert_string_equal(ta_str(j, "venue"), "Vienna International Centre");
	json_decref(j);

	/* its page, in English and in French */
	snprintf(path, sizeof path, "/meetings/%lld", (long long)id);
	r = ts_get(plain, path);
	STATUS(r, 200);
	HAS(r, "<h1>Commission on Narcotic Drugs, Seventieth session</h1>");
	HAS(r, "5 (a).</span> Implementation of the international drug control treaties "
	    "<span class=\"tag\">open to statements</span>");
	HAS(r, "Organizations in consultative status with the Economic and Social Council");
	HAS(r, "Nominations of delegates are open until");
	HAS(r, "1 February 2031, 18:00");
	HAS(r, "Sign in to take part");
	LACKS(r, "Edit the session");
	snprintf(path, sizeof path, "/meetings/%lld?lang=fr", (long long)id);
	r = ts_get(plain, path);
	STATUS(r, 200);
	HAS(r, "Commission des stupéfiants, Seventieth session");
	HAS(r, "Ordre du jour");
	HAS(r, "ouvert aux déclarations");
	HAS(r, "La désignation des délégués est ouverte jusqu'au");
	snprintf(path, sizeof path, "/meetings/%lld?lang=en", (long long)id);
	STATUS(ts_get(plain, path), 200);
}

/* What a session tells an organization's admin, by its rule. */
static void
test_eligibility(void **state)
{
	char path[64];
	json_t *j, *orgs;
	int64_t ecosoc, members, invited;

	(void)state;
	ecosoc = session_made(json_pack("{s:s,s:i}", "body", "cosp", "number", 11));
	members = session_made(json_pack("{s:s,s:i,s:s}", "body", "cosp", "number", 12,
	    "eligibility", "members"));
	invited = session_made(json_pack("{s:s,s:i,s:s,s:[I]}", "body", "cosp", "number", 13,
	    "eligibility", "invited", "invited", (json_int_t)quillon));

	snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)ecosoc);
	j = ta_get_json(path, ada_tok, 200);
	orgs = json_object_get(j, "organizations");
	assert_int_equal(json_array_size(orgs), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(orgs, 0), "id")),
	    quillon);
	assert_false(json_is_true(json_object_get(json_array_get(orgs, 0), "eligible")));
	json_decref(j);
	snprintf(path, sizeof path, "/meetings/%lld", (long long)ecosoc);
	{
		struct ts_browser *b = ts_signed_in(&srv, NULL, "ada@quillon-mt.example", PW);
		const struct ts_res *r;

		assert_non_null(b);
		r = ts_get(b, path);
		STATUS(r, 200);
		HAS(r, "Quillon Training Trust: does not meet this session");
		snprintf(path, sizeof path, "/meetings/%lld", (long long)members);
		r = ts_get(b, path);
		HAS(r, "Quillon Training Trust: may take part");
		HAS(r, "Any member organization of the hub may take part.");
		ts_browser_free(b);
	}
	snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)members);
	j = ta_get_json(path, ada_tok, 200);
	assert_true(json_is_true(json_object_get(json_array_get(json_object_get(j,
	    "organizations"), 0), "eligible")));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)invited);
	j = ta_get_json(path, ada_tok, 200);
	assert_true(json_is_true(json_object_get(json_array_get(json_object_get(j,
	    "organizations"), 0), "eligible")));
	assert_null(json_object_get(j, "invited"));
	json_decref(j);
	/* staff see whom they invited; a member who is no admin has nothing to act for */
	j = ta_get_json(path, staff_tok, 200);
	assert_int_equal(json_array_size(json_object_get(j, "invited")), 1);
	json_decref(j);
	j = ta_get_json(path, bo_tok, 200);
	assert_int_equal(json_array_size(json_object_get(j, "organizations")), 0);
	json_decref(j);
}

/* ---- who sees a session ------------------------------------------------------- */

static void
test_visibility(void **state)
{
	const char *who[] = { NULL, ada_tok, fe_tok };
	char path[64];
	json_t *j;
	int64_t draft, mem;
	int i;

	(void)state;
	draft = session_made(json_pack("{s:s,s:i,s:s,s:s}", "body", "irg", "number", 16,
	    "title", "Sixteenth session, draft", "status", "draft"));
	mem = session_made(json_pack("{s:s,s:i,s:s,s:s}", "body", "irg", "number", 17,
	    "title", "Seventeenth session", "visibility", "members"));
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)draft);
		STATUS(ta_api("GET", path, who[i], NULL), 404);
		snprintf(path, sizeof path, "/meetings/%lld", (long long)draft);
		STATUS(ts_get(plain, path), 404);
		snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)mem);
		STATUS(ta_api("GET", path, who[i], NULL), i == 0 ? 404 : 200);
		j = ta_get_json("/api/v1/meetings?body=irg", who[i], 200);
		assert_int_equal(json_integer_value(json_object_get(j, "total")), i == 0 ? 0 : 1);
		json_decref(j);
	}
	j = ta_get_json("/api/v1/meetings?body=irg", staff_tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 2);
	json_decref(j);
	snprintf(path, sizeof path, "/meetings/%lld", (long long)draft);
	STATUS(ta_api("GET", "/api/v1/meetings/999999", staff_tok, NULL), 404);
	STATUS(ta_api("GET", "/api/v1/meetings/abc", staff_tok, NULL), 404);
	/* an event that is not a session is no meeting */
	{
		const struct ts_res *r = ta_api("POST", "/api/v1/events", staff_tok, json_pack(
		    "{s:s,s:s,s:s,s:s,s:s,s:s}", "kind", "workshop", "title", "Not a session",
		    "timezone", "UTC", "start", "2031-01-01T10:00", "end", "2031-01-01T12:00",
		    "status", "published"));
		json_t *e;

		STATUS(r, 201);
		e = ts_jbody(r);
		snprintf(path, sizeof path, "/api/v1/meetings/%lld",
		    (long long)json_integer_value(json_object_get(e, "id")));
		json_decref(e);
		STATUS(ta_api("GET", path, staff_tok, NULL), 404);
	}
}

/* ---- the list --------------------------------------------------------------- */

static void
test_list(void **state)
{
	const struct ts_res *r;
	json_t *j, *f, *items;
	int n;

	(void)state;
	for (n = 1; n <= 3; n++)
		(void)session_made(json_pack("{s:s,s:i,s:s,s:s,s:s}", "body", "congress",
		    "number", 20 + n, "title", "A Congress", "start", n == 3 ?
		    "2035-04-20T10:00" : "2034-04-20T10:00", "end", n == 3 ? "2035-04-27T18:00" :
		    "2034-04-27T18:00"));
	(void)session_made(json_pack("{s:s,s:s,s:i,s:s,s:s,s:s}", "body", "untoc_wg",
	    "working_group", "firearms", "number", 12, "title", "Twelfth meeting", "start",
	    "2034-06-01T10:00", "end", "2034-06-02T18:00"));

	j = ta_get_json("/api/v1/meetings?body=congress", NULL, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 3);
	items = json_object_get(j, "items");
	/* the latest year first */
	assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 0), "year")),
	    2035);
	f = json_object_get(j, "facets");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(f, "year"),
	    "2034")), 2);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(f, "year"),
	    "2035")), 1);
	json_decref(j);

	j = ta_get_json("/api/v1/meetings?year=2034", NULL, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 3);
	f = json_object_get(j, "facets");
	/* each facet counts with the other filter only */
	assert_int_equal(json_integer_value(json_object_get(json_object_get(f, "body"),
	    "congress")), 2);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(f, "body"),
	    "untoc_wg")), 1);
	assert_true(json_object_size(json_object_get(f, "year")) >= 2);
	items = json_object_get(j, "items");
	/* in a year, the bodies in their order: untoc_wg (4) before congress (7) */
	assert_string_equal(ta_str(json_array_get(items, 0), "body"), "untoc_wg");
	assert_string_equal(ta_str(json_array_get(items, 0), "working_group"), "firearms");
	json_decref(j);

	j = ta_get_json("/api/v1/meetings?body=congress&year=2034&per_page=1&page=2", NULL, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 2);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	assert_int_equal(json_integer_value(json_object_get(j, "prev_page")), 1);
	json_decref(j);

	/* the page: filters as links with counts, the working group named */
	r = ts_get(plain, "/meetings?year=2034");
	STATUS(r, 200);
	HAS(r, "Working Group on Firearms: Twelfth meeting");
	HAS(r, "href=\"&#x2F;meetings?body&#x3D;congress&amp;year&#x3D;2034\"");
	HAS(r, "aria-current=\"true\">2034</a>");
	r = ts_get(plain, "/meetings?lang=fr&year=2034");
	HAS(r, "Réunions intergouvernementales");
	HAS(r, "Congrès des Nations Unies pour la prévention de la criminalité");
	STATUS(ts_get(plain, "/meetings?lang=en"), 200);

	/* bad filters */
	STATUS(ta_api("GET", "/api/v1/meetings?year=abc", NULL, NULL), 422);
	STATUS(ta_api("GET", "/api/v1/meetings?page=0", NULL, NULL), 422);
	j = ta_get_json("/api/v1/meetings?body=nosuchbody", NULL, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);
}

/* ---- staff change a session --------------------------------------------------- */

static void
test_edit(void **state)
{
	const struct ts_res *r;
	char path[64];
	json_t *j;
	int64_t id, other;

	(void)state;
	id = session_made(json_pack("{s:s,s:i,s:s,s:[{s:i,s:s}]}", "body", "cop_untoc",
	    "number", 12, "title", "Twelfth session", "agenda", "number", 1, "title",
	    "Opening"));
	other = session_made(json_pack("{s:s,s:i}", "body", "cop_untoc", "number", 13));
	snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)id);
	r = ta_api("PATCH", path, staff_tok, json_pack("{s:s,s:s,s:[{s:s,s:s},{s:s,s:s,s:b}]}",
	    "venue", "Vienna, Board Room", "eligibility", "members", "agenda", "number", "1",
	    "title", "Opening of the session", "number", "2", "title", "Review", "statements",
	    1));
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_string_equal(ta_str(j, "venue"), "Vienna, Board Room");
	assert_string_equal(ta_str(j, "eligibility"), "members");
	assert_string_equal(ta_str(j, "title"), "Twelfth session");	/* kept */
	assert_string_equal(ta_str(j, "start"), "2031-05-19T10:00:00+02:00");
	assert_int_equal(json_array_size(json_object_get(j, "agenda")), 2);
	json_decref(j);

	/* another session's number: 409, and nothing changed */
	r = ta_api("PATCH", path, staff_tok, json_pack("{s:i,s:s}", "number", 13, "venue",
	    "Elsewhere"));
	STATUS(r, 409);
	HAS(r, "already has a session with this number");
	j = ta_get_json(path, staff_tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "number")), 12);
	assert_string_equal(ta_str(j, "venue"), "Vienna, Board Room");
	json_decref(j);
	/* its own number is its own; the same number in another body is fine */
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:i}", "number", 12)), 200);
	(void)session_made(json_pack("{s:s,s:i}", "body", "ccpcj", "number", 13));
	(void)other;

	/* the session's event says so too, and its title follows the body */
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "body", "cnd")), 200);
	snprintf(path, sizeof path, "/api/v1/events/%lld", (long long)id);
	j = ta_get_json(path, staff_tok, 200);
	assert_string_equal(ta_str(j, "venue"), "Vienna, Board Room");
	assert_non_null(strstr(ta_str(j, "title"), "Commission on Narcotic Drugs, Twelfth"));
	json_decref(j);

	/* not staff */
	snprintf(path, sizeof path, "/api/v1/meetings/%lld", (long long)id);
	STATUS(ta_api("PATCH", path, ada_tok, json_pack("{s:s}", "venue", "Mine")), 403);
	STATUS(ta_api("PATCH", path, NULL, json_pack("{s:s}", "venue", "Mine")), 401);
	STATUS(ta_api("PATCH", "/api/v1/meetings/999999", staff_tok, json_pack("{s:s}", "venue",
	    "Nowhere")), 404);
}

/* ---- bad input ------------------------------------------------------------------ */

static void
test_bad_input(void **state)
{
	json_t *j, *items;
	int64_t before;
	size_t i;
	struct {
		const char *json, *field;
	} bad[] = {
		{ "{\"body\":\"nosuch\"}", "body" },
		{ "{\"number\":0}", "number" },
		{ "{\"number\":1000}", "number" },
		{ "{\"title\":\"\"}", "title" },
		{ "{\"body\":\"untoc_wg\"}", "working_group" },
		{ "{\"working_group\":\"firearms\"}", "working_group" },
		{ "{\"body\":\"untoc_wg\",\"working_group\":\"cyber\"}", "working_group" },
		{ "{\"end\":\"2031-05-18T10:00\"}", "end" },
		{ "{\"timezone\":\"Mars/Olympus\"}", "timezone" },
		{ "{\"eligibility\":\"everyone\"}", "eligibility" },
		{ "{\"invited\":[999999]}", "invited" },
		{ "{\"invited\":\"1,2\"}", "invited" },
		{ "{\"agenda\":[{\"title\":\"No number\"}]}", "agenda" },
		{ "{\"agenda\":[{\"number\":\"1\"}]}", "agenda" },
		{ "{\"agenda\":[{\"number\":\"1\",\"title\":\"A\"},{\"number\":\"1\",\"title\":\"B\"}]}",
		    "agenda" },
		{ "{\"agenda\":[{\"number\":\"1\",\"title\":\"A\",\"statements\":\"yes\"}]}",
		    "agenda" },
		{ "{\"agenda\":{}}", "agenda" },
		{ "{\"nominations_closes\":\"2031-06-01T10:00\"}", "nominations_closes" },
		{ "{\"nominations_opens\":\"2031-01-01T10:00\"}", "nominations_closes" },
		{ "{\"nominations_opens\":\"2031-02-01T10:00\",\"nominations_closes\":"
		    "\"2031-01-01T10:00\"}", "nominations_opens" },
		{ "{\"nominations_closes\":\"2031-03-30T02:30\"}", "nominations_closes" },
		{ "{\"nominations_closes\":\"soon\"}", "nominations_closes" },
		{ "{\"delegates_max\":0}", "delegates_max" },
		{ "{\"delegates_max\":101}", "delegates_max" },
		{ "{\"documents\":[0]}", "documents" },
		{ "{\"status\":\"open\"}", "status" },
	};

	(void)state;
	j = ta_get_json("/api/v1/meetings?per_page=1", staff_tok, 200);
	before = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		json_t *b = json_loads(bad[i].json, 0, NULL);

		assert_non_null(b);
		if (!json_object_get(b, "body"))
			json_object_set_new(b, "body", json_string("ccpcj"));
		if (!json_object_get(b, "number"))
			json_object_set_new(b, "number", json_integer(500 + (json_int_t)i));
		if (!json_object_get(b, "title"))
			json_object_set_new(b, "title", json_string("Refused session"));
		if (!json_object_get(b, "timezone"))
			json_object_set_new(b, "timezone", json_string("Europe/Vienna"));
		if (!json_object_get(b, "start"))
			json_object_set_new(b, "start", json_string("2031-05-19T10:00"));
		if (!json_object_get(b, "end"))
			json_object_set_new(b, "end", json_string("2031-05-23T18:00"));
		printf("# %s\n", bad[i].json);
		ta_refused("POST", "/api/v1/meetings", staff_tok, b, bad[i].field);
	}
	/* not a JSON object, and required fields missing */
	ta_refused("POST", "/api/v1/meetings", staff_tok, json_object(), "body");
	ta_refused("POST", "/api/v1/meetings", staff_tok, json_object(), "number");
	ta_refused("POST", "/api/v1/meetings", staff_tok, json_object(), "start");
	STATUS(ta_api("POST", "/api/v1/meetings", ada_tok, json_object()), 403);
	STATUS(ta_api("POST", "/api/v1/meetings", NULL, json_object()), 401);
	/* nothing was written: no session, no event */
	j = ta_get_json("/api/v1/meetings?per_page=1", staff_tok, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), before);
	json_decref(j);
	j = ta_get_json("/api/v1/events?when=all&per_page=200", staff_tok, 200);
	items = json_object_get(j, "items");
	for (i = 0; i < json_array_size(items); i++)
		assert_null(strstr(ta_str(json_array_get(items, i), "title"), "Refused session"));
	json_decref(j);
}

/* ---- staff's form ------------------------------------------------------------ */

static void
test_staff_form(void **state)
{
	struct ts_browser *staff = ts_signed_in(&srv, NULL, "sam.staff@meetings.test", PW);
	struct ts_browser *ada = ts_signed_in(&srv, NULL, "ada@quillon-mt.example", PW);
	const struct ts_res *r;
	char path[64];
	const char *loc;
	json_t *j;
	long long id;

	(void)state;
	assert_non_null(staff);
	assert_non_null(ada);
	r = ts_get(staff, "/staff/meetings/new");
	STATUS(r, 200);
	HAS(r, "name=\"agenda.1.number\"");
	HAS(r, "<option value=\"untoc_wg\">");

	/* refused: every message by its field, what was typed kept */
	r = ts_form(staff, "/staff/meetings/new", "body", "untoc_wg", "number", "x", "title",
	    "Kept title", "start", "2031-07-01T10:00", "end", "2031-07-02T18:00", "timezone",
	    "Europe/Vienna", "agenda.1.title", "A title without a number", "invited", "3, abc",
	    NULL);
	STATUS(r, 422);
	HAS(r, "id=\"e-wg\">Say which working group meets.");
	HAS(r, "id=\"e-number\">");
	HAS(r, "id=\"e-invited\">");
	HAS(r, "value=\"Kept title\"");
	HAS(r, "value=\"A title without a number\"");
	HAS(r, "<option value=\"untoc_wg\" selected>");

	/* made: on to its page */
	r = ts_form(staff, "/staff/meetings/new", "body", "untoc_wg", "working_group",
	    "smuggling_of_migrants", "number", "9", "title", "Ninth meeting", "start",
	    "2031-07-01T10:00", "end", "2031-07-02T18:00", "timezone", "Europe/Vienna", "venue",
	    "Vienna", "status", "published", "visibility", "public", "eligibility", "members",
	    "delegates_max", "3", "agenda.1.number", "1", "agenda.1.title", "Opening",
	    "agenda.2.number", "2", "agenda.2.title", "Good practices", "agenda.2.statements",
	    "1", "nominations_closes", "2031-06-01T18:00", NULL);
	STATUS(r, 303);
	loc = ts_header(r, "Location");
	assert_non_null(loc);
	assert_int_equal(strncmp(loc, "/meetings/", 10), 0);
	id = strtoll(loc + 10, NULL, 10);
	assert_true(id > 0);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld", id);
	j = ta_get_json(path, NULL, 200);
	assert_string_equal(ta_str(j, "working_group"), "smuggling_of_migrants");
	assert_string_equal(ta_str(j, "working_group_name"), "Working Group on the Smuggling of "
	    "Migrants");
	assert_int_equal(json_array_size(json_object_get(j, "agenda")), 2);
	assert_true(json_is_true(json_object_get(json_array_get(json_object_get(j, "agenda"), 1),
	    "statements")));
	assert_int_equal(json_integer_value(json_object_get(j, "delegates_max")), 3);
	json_decref(j);

	/* edited: the form shows what is stored; a row emptied leaves the agenda */
	snprintf(path, sizeof path, "/staff/meetings/%lld/edit", id);
	r = ts_get(staff, path);
	STATUS(r, 200);
	HAS(r, "value=\"Good practices\"");
	HAS(r, "value=\"2031-07-01T10:00:00+02:00\"");
	HAS(r, "<option value=\"smuggling_of_migrants\" selected>");
	r = ts_form(staff, path, "body", "untoc_wg", "working_group", "smuggling_of_migrants",
	    "number", "9", "title", "Ninth meeting", "start", "2031-07-01T10:00:00+02:00", "end",
	    "2031-07-02T18:00:00+02:00", "timezone", "Europe/Vienna", "venue", "Vienna, M Building",
	    "status", "published", "visibility", "public", "eligibility", "members",
	    "delegates_max", "3", "agenda.1.number", "1", "agenda.1.title", "Opening",
	    "agenda.2.number", "", "agenda.2.title", "", NULL);
	STATUS(r, 303);
	snprintf(path, sizeof path, "/api/v1/meetings/%lld", id);
	j = ta_get_json(path, NULL, 200);
	assert_string_equal(ta_str(j, "venue"), "Vienna, M Building");
	assert_int_equal(json_array_size(json_object_get(j, "agenda")), 1);
	assert_string_equal(ta_str(j, "nominations"), "not_set");
	json_decref(j);

	/* the page shows staff the way to the form, and others not */
	snprintf(path, sizeof path, "/meetings/%lld", id);
	r = ts_get(staff, path);
	HAS(r, "Edit the session");
	r = ts_get(ada, path);
	LACKS(r, "Edit the session");
	HAS(r, "The window for nominating delegates is not set yet.");
	/* members cannot use the form */
	STATUS(ts_get(ada, "/staff/meetings/new"), 403);
	r = ts_form(ada, "/staff/meetings/new", "body", "ccpcj", "number", "77", "title",
	    "Mine", NULL);
	STATUS(r, 403);
	ts_browser_free(staff);
	ts_browser_free(ada);
}

/* ---- set-up ---------------------------------------------------------------- */

static int
setup(void **state)
{
	struct ts_browser *staff;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	ta_accounts(db_url, PW);
	quillon = ts_org_import(db_url, "Quillon Training Trust", "KE", "info@quillon-mt.example",
	    NULL);
	assert_true(quillon > 0);
	ta_account("sam.staff@meetings.test", "staff", 0, staff_tok, NULL);
	ta_account("ada@quillon-mt.example", "member", quillon, ada_tok, &ada_id);
	ta_account("bo@quillon-mt.example", "member", quillon, bo_tok, NULL);
	ta_account("fe@interior-mt.go.ke", "focal", 0, fe_tok, NULL);
	staff = ts_signed_in(&srv, NULL, "sam.staff@meetings.test", PW);
	if (!staff || ts_org_admin(staff, quillon, ada_id) != 0)
		return -1;
	ts_browser_free(staff);
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
		cmocka_unit_test(test_bodies),
		cmocka_unit_test(test_session),
		cmocka_unit_test(test_eligibility),
		cmocka_unit_test(test_visibility),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_edit),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_staff_form),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("meetings", tests, setup, teardown);
}
