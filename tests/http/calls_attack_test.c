/*
 * calls_attack_test.c -- calls for participants (issue 15) attacked from
 * outside and from the side: a visitor, a verified account with no
 * organization, a member of an organization who is not its admin, the
 * admin of another organization, an admin removed from theirs (who applied
 * for it before), a focal point and an expert each try to read, change or
 * list someone else's application (ids guessed, of another call, drafts,
 * withdrawn ones, 0, negative, huge, not numbers), to see a draft call (by
 * id, in the lists and pages), to apply for an organization they do not
 * administer, to score, decide or export without the staff role, and to
 * use the forms without a CSRF token; staff are refused what nobody may
 * do (scores outside 0-5, deciding an open call, scoring their own
 * application, changing someone else's); malformed and huge bodies; two
 * submissions at once make one application; the closing time on the test
 * clock to the second.  An application filed for an organization is its
 * admins': another admin reads, lists, submits and withdraws it, and
 * applying for the organization gives it back (two admins at once too);
 * one removed from the organization, the filer included, or whose
 * organization is suspended, loses it.  The files answering a file
 * question are downloaded by nobody but those who read the application
 * and staff, with path tricks in the file's id, and names carrying HTML
 * or a CSV formula.  Hidden means 404, never 403;
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
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

/* Sam staff; Ada and Rex admins of Quillon, Bo of Quillon (no admin); Mo
 * admin of Meridian; Nia verified with no organization; Fe a focal point;
 * Eve an expert; Uma, who applies twice at once. */
static char staff_tok[129], ada_tok[129], rex_tok[129], bo_tok[129], mo_tok[129],
    nia_tok[129], fe_tok[129], eve_tok[129], uma_tok[129];
static int64_t quillon, meridian, ada_id, rex_id, uma_id;

#define STAFF "sam.staff@calls-attack.test"
#define NIA "nia@nowhere-calls.example"
#define UMA "uma@nowhere-calls.example"

/* Calls, closing in 2031: Kestrel (open), Lantern (open, another), Vesper
 * (organizations only), Tourmalix (a draft). */
static int64_t c_open, c_other, c_org, c_draft;
#define DRAFT_TITLE "Tourmalix confidential cohort"

/* Applications: Ada's for Quillon and Nia's own to Kestrel (submitted),
 * Nia's draft to Lantern, Mo's withdrawn one to Lantern, Rex's for Quillon
 * to Vesper (submitted). */
static int64_t a_ada, a_nia, a_nia_draft, a_mo_gone, a_rex;
#define ADA_SECRET "Quillon-answer-7q"
#define NIA_SECRET "Nia-answer-4k"
#define DRAFT_SECRET "Nia-draft-9z"
#define MO_SECRET "Mo-withdrawn-2w"
#define REX_SECRET "Rex-quillon-5v"
#define REVIEW_NOTE "Reviewer-note-8j"

/* ---- helpers ------------------------------------------------------------ */

/* GET path (a page, CSV or JSON) with the bearer token (NULL: none). */
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

/* method path with raw JSON body (len bytes) and the bearer token. */
static const struct ts_res *
raw(const char *method, const char *path, const char *token, const char *body, size_t len)
{
	char auth[200];
	const char *h[3] = { "Content-Type: application/json", auth, NULL };

	snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
	return ts_req(plain, method, path, h, body, len);
}

static int64_t
account(const char *email, const char *name, const char *role, int64_t org, char *tok)
{
	int64_t id = ts_person_add(db_url, email, name, role, org, PW);

	assert_true(id > 0);
	assert_int_equal(ts_token(plain, email, PW, tok, 129), 0);
	return id;
}

/* A call staff create from body (consumed): an open workshop call closing
 * in 2031 with a required question and two criteria unless body says
 * otherwise; its id. */
static int64_t
call_made(json_t *body)
{
	const struct ts_res *r;
	json_t *j;
	int64_t id;

	if (!json_object_get(body, "kind"))
		json_object_set_new(body, "kind", json_string("workshop"));
	if (!json_object_get(body, "timezone"))
		json_object_set_new(body, "timezone", json_string("Europe/Vienna"));
	if (!json_object_get(body, "closes"))
		json_object_set_new(body, "closes", json_string("2031-10-05T23:59"));
	if (!json_object_get(body, "status"))
		json_object_set_new(body, "status", json_string("open"));
	if (!json_object_get(body, "questions"))
		json_object_set_new(body, "questions", json_pack("[{s:s,s:s,s:s,s:b,s:i}]", "id",
		    "why", "label", "Why?", "type", "text", "required", 1, "max_length", 500));
	json_object_set_new(body, "criteria", json_pack("[{s:s,s:s,s:i},{s:s,s:s,s:i}]",
	    "id", "fit", "name", "Fit", "weight", 3, "id", "reach", "name", "Reach", "weight", 1));
	r = ta_api("POST", "/api/v1/calls", staff_tok, body);
	STATUS(r, 201);
	j = ts_jbody(r);
	id = ta_num(j, "id");
	json_decref(j);
	assert_true(id > 0);
	return id;
}

/* An application to call id as token with answer why, status and
 * organization org (0: none); want the status; its id (0 when refused). */
static int64_t
applied(int64_t id, const char *token, const char *why, const char *status, int64_t org,
    int want)
{
	char path[96];
	json_t *b = json_pack("{s:s,s:{s:s}}", "status", status, "answers", "why", why), *j;
	const struct ts_res *r;
	int64_t aid = 0;

	if (org)
		json_object_set_new(b, "organization_id", json_integer(org));
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)id);
	r = ta_api("POST", path, token, b);
	STATUS(r, want);
	if (want < 300) {
		j = ts_jbody(r);
		aid = ta_num(j, "id");
		json_decref(j);
		assert_true(aid > 0);
	}
	return aid;
}

/* The application's path: call id's application aid (as text). */
static const char *
app_path(char *out, size_t n, const char *id, const char *aid)
{
	snprintf(out, n, "/api/v1/calls/%s/applications/%s", id, aid);
	return out;
}

static const char *
itoa(char *out, size_t n, int64_t x)
{
	snprintf(out, n, "%lld", (long long)x);
	return out;
}

/* Application aid to call id as staff see it (caller decrefs). */
static json_t *
as_staff(int64_t id, int64_t aid)
{
	char path[128];
	const struct ts_res *r;

	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld", (long long)id,
	    (long long)aid);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	return ts_jbody(r);
}

/* Asserts application aid to call id is status, for staff. */
static void
app_is(int64_t id, int64_t aid, const char *status)
{
	json_t *j = as_staff(id, aid);

	if (strcmp(ta_str(j, "status"), status) != 0)
		printf("# application %lld: %s, want %s\n", (long long)aid, ta_str(j, "status"),
		    status);
	assert_string_equal(ta_str(j, "status"), status);
	json_decref(j);
}

/* How many applications to call id token's list says (query q). */
static int64_t
apps_total(int64_t id, const char *token, const char *q)
{
	char path[200];
	const struct ts_res *r;
	json_t *j;
	int64_t n;

	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications%s", (long long)id, q);
	r = ta_api("GET", path, token, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	n = ta_num(j, "total");
	assert_int_equal((int64_t)json_array_size(json_object_get(j, "items")),
	    n < 100 ? n : (int64_t)json_array_size(json_object_get(j, "items")));
	json_decref(j);
	return n;
}

/* Staff's count of call id's applications (drafts too). */
static int64_t
staff_total(int64_t id)
{
	return apps_total(id, staff_tok, "?status=draft") + apps_total(id, staff_tok, "");
}

/* ---- tests ---------------------------------------------------------------- */

/*
 * Nobody reads, changes or withdraws an application that is not theirs:
 * by its id under its call, under another call, as a draft, withdrawn;
 * 404 to each (a visitor 401), and nothing changed.
 */
static void
test_others_applications(void **state)
{
	const char *const toks[] = { nia_tok, bo_tok, mo_tok, fe_tok, eve_tok, rex_tok };
	const struct {
		int64_t call, app;
		const char *owner;	/* who acts for it: skipped for them */
	} targets[] = {
		{ c_open, a_ada, ada_tok }, { c_open, a_nia, nia_tok },
		{ c_other, a_nia_draft, nia_tok }, { c_other, a_mo_gone, mo_tok },
		{ c_other, a_ada, NULL }, { c_open, a_nia_draft, NULL }, { c_org, a_ada, NULL },
		{ c_draft, a_ada, NULL }, { c_open, a_rex, NULL },
	};
	/* Quillon's applications are its admins', Rex's as much as Ada's */
	static const char *const secrets[] = { ADA_SECRET, NIA_SECRET, DRAFT_SECRET, MO_SECRET,
		REX_SECRET };
	char path[160], cs[24], as[24];
	const struct ts_res *r;
	size_t i, t, k;

	(void)state;
	for (t = 0; t < sizeof targets / sizeof targets[0]; t++) {
		app_path(path, sizeof path, itoa(cs, sizeof cs, targets[t].call), itoa(as,
		    sizeof as, targets[t].app));
		r = ta_api("GET", path, NULL, NULL);
		assert_int_equal(r->status, 401);
		for (i = 0; i < sizeof toks / sizeof toks[0]; i++) {
			if (toks[i] == targets[t].owner || (toks[i] == rex_tok &&
			    targets[t].owner == ada_tok))
				continue;
			r = ta_api("GET", path, toks[i], NULL);
			if (r->status != 404)
				printf("# GET %s as %zu: %ld\n", path, i, r->status);
			assert_int_equal(r->status, 404);
			for (k = 0; k < sizeof secrets / sizeof secrets[0]; k++)
				LACKS(r, secrets[k]);
			assert_int_equal(ta_api("PATCH", path, toks[i], json_pack("{s:s}", "status",
			    "withdrawn"))->status, 404);
			assert_int_equal(ta_api("PATCH", path, toks[i], json_pack("{s:s,s:{s:s}}",
			    "status", "submitted", "answers", "why", "Forged"))->status, 404);
			assert_int_equal(ta_api("DELETE", path, toks[i], NULL)->status, 404);
		}
	}
	app_is(c_open, a_ada, "submitted");
	app_is(c_open, a_nia, "submitted");
	app_is(c_other, a_nia_draft, "draft");
	app_is(c_other, a_mo_gone, "withdrawn");

	/* Bo, of Quillon but no admin, does not see Quillon's application in
	 * any list, whatever he filters by */
	{
		static const char *const qs[] = { "", "?status=submitted", "?status=draft",
			"?sort=score", "?per_page=100", "?status=submitted&status=draft",
			"?organization=1&organization=2", "?page=1&per_page=1&page=2" };
		char q[96];

		for (i = 0; i < sizeof qs / sizeof qs[0]; i++) {
			assert_int_equal(apps_total(c_open, bo_tok, qs[i]), 0);
			assert_int_equal(apps_total(c_open, mo_tok, qs[i]), 0);
			assert_int_equal(apps_total(c_other, fe_tok, qs[i]), 0);
		}
		snprintf(q, sizeof q, "?organization=%lld", (long long)quillon);
		assert_int_equal(apps_total(c_open, bo_tok, q), 0);
		assert_int_equal(apps_total(c_open, nia_tok, q), 1);	/* her own, no filter */
		snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)c_open);
		r = ta_api("GET", path, nia_tok, NULL);
		HAS(r, NIA_SECRET);
		LACKS(r, ADA_SECRET);
		LACKS(r, "facets");
		/* her own, without the reviewers' scores or anyone's address */
		LACKS(r, "\"email\"");
	}
	/* the pages: the call's shows the reader's own application only */
	for (i = 0; i < sizeof toks / sizeof toks[0]; i++) {
		snprintf(path, sizeof path, "/calls/%lld", (long long)c_open);
		r = get(path, toks[i]);
		STATUS(r, 200);
		for (k = 0; k < sizeof secrets / sizeof secrets[0]; k++)
			if (toks[i] != nia_tok || strcmp(secrets[k], NIA_SECRET) != 0)
				LACKS(r, secrets[k]);
		snprintf(path, sizeof path, "/calls/%lld", (long long)c_other);
		r = get(path, toks[i]);
		STATUS(r, 200);
		LACKS(r, MO_SECRET);
		if (toks[i] != nia_tok)
			LACKS(r, DRAFT_SECRET);
		r = get("/calls", toks[i]);
		LACKS(r, ADA_SECRET);
	}
	/* a visitor's list */
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)c_open);
	assert_int_equal(ta_api("GET", path, NULL, NULL)->status, 401);
}

/* Ids that are no ids: 404, never 500, for calls and applications. */
static void
test_bad_ids(void **state)
{
	static const char *const bad[] = { "0", "-1", "99999999999999999999",
		"9223372036854775807", "abc", "1e3", "%20", "0x10" };
	char path[200], cs[24], as[24];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		long st;

		snprintf(path, sizeof path, "/api/v1/calls/%s", bad[i]);
		assert_int_equal(ta_api("GET", path, nia_tok, NULL)->status, 404);
		assert_int_equal(ta_api("GET", path, staff_tok, NULL)->status, 404);
		assert_int_equal(ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "title",
		    "Renamed"))->status, 404);
		snprintf(path, sizeof path, "/calls/%s", bad[i]);
		assert_int_equal(get(path, NULL)->status, 404);
		snprintf(path, sizeof path, "/api/v1/calls/%s/applications", bad[i]);
		assert_int_equal(ta_api("GET", path, nia_tok, NULL)->status, 404);
		assert_int_equal(ta_api("POST", path, nia_tok, json_pack("{s:s}", "status",
		    "draft"))->status, 404);
		app_path(path, sizeof path, itoa(cs, sizeof cs, c_open), bad[i]);
		assert_int_equal(ta_api("GET", path, nia_tok, NULL)->status, 404);
		assert_int_equal(ta_api("GET", path, staff_tok, NULL)->status, 404);
		assert_int_equal(ta_api("DELETE", path, nia_tok, NULL)->status, 404);
		assert_int_equal(ta_api("PATCH", path, nia_tok, json_pack("{s:s}", "status",
		    "withdrawn"))->status, 404);
		snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%s/scores",
		    (long long)c_open, bad[i]);
		assert_int_equal(ta_api("POST", path, staff_tok, json_pack("{s:{s:i,s:i}}",
		    "scores", "fit", 3, "reach", 3))->status, 404);
		app_path(path, sizeof path, bad[i], itoa(as, sizeof as, a_nia));
		assert_int_equal(ta_api("GET", path, nia_tok, NULL)->status, 404);
		snprintf(path, sizeof path, "/staff/calls/%s/applications.csv", bad[i]);
		assert_int_equal(get(path, staff_tok)->status, 404);
		snprintf(path, sizeof path, "/staff/calls/%s/applications", bad[i]);
		st = get(path, staff_tok)->status;
		assert_int_equal(st, 404);
	}
	/* decisions naming ids that are none of this call's */
	{
		const struct ts_res *r;
		json_t *j;

		snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/decisions",
		    (long long)c_draft);
		r = ta_api("POST", path, staff_tok, json_pack("{s:[I,I,I],s:s}", "ids",
		    (json_int_t)a_ada, (json_int_t)a_nia, (json_int_t)INT64_MAX, "decision",
		    "decline"));
		STATUS(r, 200);
		j = ts_jbody(r);
		assert_int_equal(ta_num(j, "succeeded"), 0);
		json_decref(j);
		r = ta_api("POST", path, staff_tok, json_pack("{s:[i],s:s}", "ids", 0, "decision",
		    "decline"));
		STATUS(r, 422);
		r = ta_api("POST", path, staff_tok, json_pack("{s:[i],s:s}", "ids", -1, "decision",
		    "decline"));
		STATUS(r, 422);
		app_is(c_open, a_ada, "submitted");
		app_is(c_open, a_nia, "submitted");
	}
}

/* A draft call is staff's: by id, in the lists (whatever the filters),
 * on the pages, and for applying. */
static void
test_draft_call(void **state)
{
	const char *const toks[] = { NULL, nia_tok, ada_tok, bo_tok, mo_tok, fe_tok, eve_tok };
	static const char *const lists[] = { "/api/v1/calls", "/api/v1/calls?status=draft",
		"/api/v1/calls?status=draft&status=open", "/api/v1/calls?status=open&status=draft",
		"/api/v1/calls?per_page=100", "/api/v1/calls?kind=course_cohort",
		"/api/v1/calls?status=", "/calls", "/calls?status=draft", "/calls?kind=course_cohort",
		"/calls.json?status=draft" };
	char path[128];
	const struct ts_res *r;
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof toks / sizeof toks[0]; i++) {
		snprintf(path, sizeof path, "/api/v1/calls/%lld", (long long)c_draft);
		assert_int_equal(ta_api("GET", path, toks[i], NULL)->status, 404);
		snprintf(path, sizeof path, "/calls/%lld", (long long)c_draft);
		r = get(path, toks[i]);
		assert_int_equal(r->status, 404);
		LACKS(r, DRAFT_TITLE);
		for (k = 0; k < sizeof lists / sizeof lists[0]; k++) {
			r = get(lists[k], toks[i]);
			assert_true(r->status == 200 || r->status == 404 || r->status == 422);
			LACKS(r, DRAFT_TITLE);
		}
		if (!toks[i])
			continue;
		snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)c_draft);
		assert_int_equal(ta_api("POST", path, toks[i], json_pack("{s:s,s:{s:s}}", "status",
		    "submitted", "answers", "why", "Early"))->status, 404);
		assert_int_equal(ta_api("GET", path, toks[i], NULL)->status, 404);
	}
	/* staff see it, and nobody could apply to it */
	r = ta_api("GET", "/api/v1/calls?status=draft", staff_tok, NULL);
	HAS(r, DRAFT_TITLE);
	assert_int_equal(staff_total(c_draft), 0);
	/* the page's form, signed in */
	{
		struct ts_browser *b = ts_signed_in(&srv, "127.0.0.51", NIA, PW);

		assert_non_null(b);
		snprintf(path, sizeof path, "/calls/%lld/apply", (long long)c_draft);
		STATUS(ts_form(b, path, "answers.why", "Early", "status", "submitted",
		    (char *)NULL), 404);
		ts_browser_free(b);
	}
	assert_int_equal(staff_total(c_draft), 0);
}

/* Applying for an organization one is no admin of (a member, another
 * organization's admin, nobody's), or with an id that is none: 403 or
 * 422, and nothing is written. */
static void
test_not_my_organization(void **state)
{
	int64_t before = staff_total(c_org), c;
	char path[96], org[24];
	const struct ts_res *r;
	size_t i;
	static const char *const bodies[] = {
		"{\"status\":\"submitted\",\"answers\":{\"why\":\"x\"},\"organization_id\":0}",
		"{\"status\":\"submitted\",\"answers\":{\"why\":\"x\"},\"organization_id\":-1}",
		"{\"status\":\"submitted\",\"answers\":{\"why\":\"x\"},\"organization_id\":"
		    "9223372036854775807}",
		"{\"status\":\"submitted\",\"answers\":{\"why\":\"x\"},\"organization_id\":true}",
		"{\"status\":\"submitted\",\"answers\":{\"why\":\"x\"},\"organization_id\":[1]}",
		"{\"status\":\"draft\",\"answers\":{\"why\":\"x\"},\"organization_id\":\"1\"}",
	};

	(void)state;
	c = call_made(json_pack("{s:s}", "title", "Sparrow call"));
	applied(c_org, bo_tok, "Bo for Quillon", "submitted", quillon, 403);
	applied(c_org, bo_tok, "Bo for Quillon", "draft", quillon, 403);
	applied(c_org, mo_tok, "Mo for Quillon", "submitted", quillon, 403);
	applied(c_org, nia_tok, "Nia for Quillon", "submitted", quillon, 403);
	applied(c_org, fe_tok, "Fe for Meridian", "submitted", meridian, 403);
	applied(c_org, eve_tok, "Eve for Quillon", "draft", quillon, 403);
	/* an organizations-only call: nobody for themselves */
	applied(c_org, nia_tok, "Nia herself", "submitted", 0, 403);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)c);
	for (i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		r = raw("POST", path, mo_tok, bodies[i], strlen(bodies[i]));
		if (r->status != 403 && r->status != 422)
			printf("# %s: %ld %s\n", bodies[i], r->status, r->body);
		assert_true(r->status == 403 || r->status == 422);
	}
	assert_int_equal(staff_total(c), 0);
	/* Mo's draft, made his, is not turned into Quillon's */
	{
		int64_t aid = applied(c, mo_tok, "Mo's own", "draft", 0, 201);
		char cs[24], as[24], p[160];

		app_path(p, sizeof p, itoa(cs, sizeof cs, c), itoa(as, sizeof as, aid));
		STATUS(ta_api("PATCH", p, mo_tok, json_pack("{s:I}", "organization_id",
		    (json_int_t)quillon)), 403);
		STATUS(ta_api("PATCH", p, mo_tok, json_pack("{s:I,s:s}", "organization_id",
		    (json_int_t)quillon, "status", "submitted")), 403);
		app_is(c, aid, "draft");
		{
			json_t *j = as_staff(c, aid);

			assert_true(json_is_null(json_object_get(j, "organization_id")));
			json_decref(j);
		}
	}
	/* the page's form, with Quillon's id */
	{
		struct ts_browser *b = ts_signed_in(&srv, "127.0.0.52", "bo@quillon-attack.example",
		    PW);

		assert_non_null(b);
		snprintf(path, sizeof path, "/calls/%lld/apply", (long long)c_org);
		r = ts_form(b, path, "answers.why", "By the form", "status", "submitted",
		    "organization_id", itoa(org, sizeof org, quillon), (char *)NULL);
		STATUS(r, 403);
		r = ts_form(b, path, "answers.why", "By the form", "status", "submitted",
		    "organization_id", "-5", (char *)NULL);
		STATUS(r, 403);
		ts_browser_free(b);
	}
	assert_int_equal(staff_total(c_org), before);
}

/* The staff's routes, for everyone else: 403 (a visitor 401 or the
 * sign-in), and nothing scored, decided or exported. */
static void
test_staff_routes(void **state)
{
	const char *const toks[] = { nia_tok, ada_tok, bo_tok, mo_tok, fe_tok, eve_tok, rex_tok };
	char path[160];
	const struct ts_res *r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof toks / sizeof toks[0]; i++) {
		snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld/scores",
		    (long long)c_open, (long long)a_ada);
		assert_int_equal(ta_api("POST", path, toks[i], json_pack("{s:{s:i,s:i}}", "scores",
		    "fit", 5, "reach", 5))->status, 403);
		snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/decisions",
		    (long long)c_open);
		assert_int_equal(ta_api("POST", path, toks[i], json_pack("{s:[I],s:s}", "ids",
		    (json_int_t)a_ada, "decision", "accept"))->status, 403);
		snprintf(path, sizeof path, "/staff/calls/%lld/applications.csv", (long long)c_open);
		r = get(path, toks[i]);
		assert_int_equal(r->status, 403);
		LACKS(r, ADA_SECRET);
		snprintf(path, sizeof path, "/staff/calls/%lld/applications", (long long)c_open);
		r = get(path, toks[i]);
		assert_int_equal(r->status, 403);
		LACKS(r, ADA_SECRET);
		assert_int_equal(ta_api("POST", path, toks[i], json_pack("{s:[I],s:s}", "ids",
		    (json_int_t)a_ada, "decision", "accept"))->status, 403);
		snprintf(path, sizeof path, "/staff/calls/%lld/applications/%lld/scores",
		    (long long)c_open, (long long)a_ada);
		assert_int_equal(ta_api("POST", path, toks[i], json_pack("{s:s,s:s}", "scores.fit",
		    "5", "scores.reach", "5"))->status, 403);
		snprintf(path, sizeof path, "/api/v1/calls/%lld", (long long)c_open);
		assert_int_equal(ta_api("PATCH", path, toks[i], json_pack("{s:s}", "status",
		    "closed"))->status, 403);
		snprintf(path, sizeof path, "/api/v1/calls/%lld", (long long)c_draft);
		assert_int_equal(ta_api("PATCH", path, toks[i], json_pack("{s:s}", "status",
		    "open"))->status, 403);
		assert_int_equal(ta_api("POST", "/api/v1/calls", toks[i],
		    json_pack("{s:s,s:s,s:s,s:s}", "kind", "workshop", "title", "Forged",
		    "timezone", "UTC", "closes", "2031-01-01T00:00"))->status, 403);
	}
	snprintf(path, sizeof path, "/staff/calls/%lld/applications.csv", (long long)c_open);
	r = get(path, NULL);
	assert_true(r->status == 401 || r->status == 303);
	LACKS(r, ADA_SECRET);
	snprintf(path, sizeof path, "/staff/calls/%lld/applications", (long long)c_open);
	r = get(path, NULL);
	assert_true(r->status == 401 || r->status == 303);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld/scores",
	    (long long)c_open, (long long)a_ada);
	assert_int_equal(ta_api("POST", path, NULL, json_pack("{s:{s:i,s:i}}", "scores", "fit", 5,
	    "reach", 5))->status, 401);
	/* nothing came of it */
	{
		json_t *j = as_staff(c_open, a_ada);

		assert_string_equal(ta_str(j, "status"), "submitted");
		assert_int_equal(json_array_size(json_object_get(j, "scores")), 0);
		json_decref(j);
	}
	snprintf(path, sizeof path, "/api/v1/calls/%lld", (long long)c_draft);
	assert_int_equal(ta_api("GET", path, nia_tok, NULL)->status, 404);

	/* staff's export: what a spreadsheet would run comes out as text, and
	 * a draft is still its person's */
	applied(c_other, eve_tok, "=HYPERLINK(\"https://evil.example\")", "submitted", 0, 201);
	snprintf(path, sizeof path, "/staff/calls/%lld/applications.csv", (long long)c_other);
	r = get(path, staff_tok);
	STATUS(r, 200);
	HAS(r, "'=HYPERLINK");
	LACKS(r, ",=HYPERLINK");
	LACKS(r, DRAFT_SECRET);
}

/* What staff may not do either: scores outside 0-5 or not numbers, a
 * draft or withdrawn application scored, their own application scored or
 * decided, an open call decided, someone else's application changed. */
static void
test_staff_refused(void **state)
{
	static const char *const bad[] = {
		"{\"scores\":{\"fit\":6,\"reach\":3}}", "{\"scores\":{\"fit\":-1,\"reach\":3}}",
		"{\"scores\":{\"fit\":4.5,\"reach\":3}}", "{\"scores\":{\"fit\":\"5\",\"reach\":3}}",
		"{\"scores\":{\"fit\":5}}", "{\"scores\":[5,5]}", "{\"scores\":null}", "{}",
		"{\"scores\":{\"fit\":9223372036854775807,\"reach\":3}}",
		"{\"scores\":{\"fit\":true,\"reach\":3}}",
	};
	char path[160], cs[24], as[24];
	const struct ts_res *r;
	json_t *j;
	int64_t mine;
	size_t i;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld/scores",
	    (long long)c_open, (long long)a_nia);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		r = raw("POST", path, staff_tok, bad[i], strlen(bad[i]));
		if (r->status != 422)
			printf("# %s: %ld %.300s\n", bad[i], r->status, r->body);
		assert_int_equal(r->status, 422);
	}
	j = as_staff(c_open, a_nia);
	assert_int_equal(json_array_size(json_object_get(j, "scores")), 0);
	json_decref(j);
	/* the page's form, a score of 7 */
	{
		struct ts_browser *b = ts_signed_in(&srv, "127.0.0.53", STAFF, PW);

		assert_non_null(b);
		snprintf(path, sizeof path, "/staff/calls/%lld/applications/%lld/scores",
		    (long long)c_open, (long long)a_nia);
		r = ts_form(b, path, "scores.fit", "7", "scores.reach", "3", (char *)NULL);
		STATUS(r, 422);
		r = ts_form(b, path, "scores.fit", "-0", "scores.reach", "3", "scores.fit", "9",
		    (char *)NULL);
		assert_true(r->status == 422 || r->status == 303);
		ts_browser_free(b);
	}
	/* a draft and a withdrawn one are not scored */
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld/scores",
	    (long long)c_other, (long long)a_nia_draft);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:{s:i,s:i}}", "scores", "fit", 3,
	    "reach", 3)), 409);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld/scores",
	    (long long)c_other, (long long)a_mo_gone);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:{s:i,s:i}}", "scores", "fit", 3,
	    "reach", 3)), 409);
	/* an application scored under another call's id */
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld/scores",
	    (long long)c_other, (long long)a_nia);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:{s:i,s:i}}", "scores", "fit", 3,
	    "reach", 3)), 404);

	/* staff apply too, but do not score or decide their own */
	mine = applied(c_open, staff_tok, "Sam's own", "submitted", 0, 201);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld/scores",
	    (long long)c_open, (long long)mine);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:{s:i,s:i}}", "scores", "fit", 5,
	    "reach", 5)), 403);
	j = as_staff(c_open, mine);
	assert_int_equal(json_array_size(json_object_get(j, "scores")), 0);
	json_decref(j);

	/* an open call is not decided */
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/decisions",
	    (long long)c_open);
	r = ta_api("POST", path, staff_tok, json_pack("{s:[I],s:s}", "ids", (json_int_t)a_nia,
	    "decision", "accept"));
	STATUS(r, 409);
	HAS(r, "2031-10-05T23:59:00+02:00");
	r = ta_api("POST", path, staff_tok, json_pack("{s:[I],s:s}", "ids", (json_int_t)a_nia,
	    "decision", "elect"));
	STATUS(r, 422);
	app_is(c_open, a_nia, "submitted");
	{
		struct ts_browser *b = ts_signed_in(&srv, "127.0.0.54", STAFF, PW);
		char id[24];

		assert_non_null(b);
		snprintf(path, sizeof path, "/staff/calls/%lld/applications", (long long)c_open);
		r = ts_form(b, path, "ids", itoa(id, sizeof id, a_nia), "decision", "decline",
		    (char *)NULL);
		STATUS(r, 422);
		ts_browser_free(b);
	}
	app_is(c_open, a_nia, "submitted");
	/* someone else's application: not staff's to change */
	app_path(path, sizeof path, itoa(cs, sizeof cs, c_open), itoa(as, sizeof as, a_nia));
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "status", "withdrawn")), 403);
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:{s:s}}", "answers", "why",
	    "Rewritten")), 403);
	STATUS(ta_api("DELETE", path, staff_tok, NULL), 403);
	app_path(path, sizeof path, itoa(cs, sizeof cs, c_other), itoa(as, sizeof as,
	    a_nia_draft));
	STATUS(ta_api("DELETE", path, staff_tok, NULL), 403);
	app_is(c_open, a_nia, "submitted");
	app_is(c_other, a_nia_draft, "draft");
	j = as_staff(c_open, a_nia);
	assert_string_equal(ta_str(json_object_get(j, "answers"), "why"), NIA_SECRET);
	json_decref(j);

	/* the reviewers' scores and comments are staff's, not the applicant's */
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld/scores",
	    (long long)c_open, (long long)a_nia);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:{s:i,s:i},s:s}", "scores", "fit", 2,
	    "reach", 4, "comment", REVIEW_NOTE)), 200);
	app_path(path, sizeof path, itoa(cs, sizeof cs, c_open), itoa(as, sizeof as, a_nia));
	r = ta_api("GET", path, nia_tok, NULL);
	STATUS(r, 200);
	LACKS(r, REVIEW_NOTE);
	LACKS(r, "Sam Staff");
	j = ts_jbody(r);
	assert_int_equal(json_array_size(json_object_get(j, "scores")), 0);
	assert_true(json_is_null(json_object_get(j, "score")));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications?sort=score", (long long)c_open);
	LACKS(ta_api("GET", path, nia_tok, NULL), REVIEW_NOTE);
	snprintf(path, sizeof path, "/calls/%lld", (long long)c_open);
	LACKS(get(path, nia_tok), REVIEW_NOTE);
	snprintf(path, sizeof path, "/api/v1/calls/%lld", (long long)c_open);
	LACKS(ta_api("GET", path, nia_tok, NULL), REVIEW_NOTE);
}

/* Every form refuses without the signed-in person's CSRF token, or with
 * someone else's. */
static void
test_csrf(void **state)
{
	struct ts_browser *nb = ts_signed_in(&srv, "127.0.0.55", NIA, PW);
	struct ts_browser *sb = ts_signed_in(&srv, "127.0.0.56", STAFF, PW);
	char path[160], other[200], id[24];
	int64_t c;

	(void)state;
	assert_non_null(nb);
	assert_non_null(sb);
	c = call_made(json_pack("{s:s}", "title", "Wren call"));
	STATUS(ts_get(sb, "/calls"), 200);
	snprintf(other, sizeof other, "%s", ts_csrf(sb));
	assert_true(*other);
	STATUS(ts_get(nb, "/calls"), 200);

	snprintf(path, sizeof path, "/calls/%lld/apply", (long long)c);
	STATUS(ts_post(nb, path, "answers.why", "Forged", "status", "submitted", (char *)NULL),
	    403);
	STATUS(ts_post(nb, path, "answers.why", "Forged", "status", "submitted", "csrf", other,
	    (char *)NULL), 403);
	STATUS(ts_post(nb, path, "answers.why", "Forged", "status", "submitted", "csrf", "",
	    (char *)NULL), 403);
	assert_int_equal(staff_total(c), 0);
	snprintf(path, sizeof path, "/calls/%lld/withdraw", (long long)c_open);
	STATUS(ts_post(nb, path, (char *)NULL), 403);
	STATUS(ts_post(nb, path, "csrf", other, (char *)NULL), 403);
	app_is(c_open, a_nia, "submitted");

	snprintf(other, sizeof other, "%s", ts_csrf(nb));
	snprintf(path, sizeof path, "/staff/calls/%lld/applications", (long long)c_org);
	STATUS(ts_post(sb, path, "ids", itoa(id, sizeof id, a_rex), "decision", "decline",
	    (char *)NULL), 403);
	STATUS(ts_post(sb, path, "ids", id, "decision", "decline", "csrf", other, (char *)NULL),
	    403);
	snprintf(path, sizeof path, "/staff/calls/%lld/applications/%lld/scores",
	    (long long)c_open, (long long)a_ada);
	STATUS(ts_post(sb, path, "scores.fit", "5", "scores.reach", "5", (char *)NULL), 403);
	STATUS(ts_post(sb, path, "scores.fit", "5", "scores.reach", "5", "csrf", other,
	    (char *)NULL), 403);
	{
		json_t *j = as_staff(c_open, a_ada);

		assert_int_equal(json_array_size(json_object_get(j, "scores")), 0);
		json_decref(j);
	}
	/* the API by cookie, without the token */
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)c);
	STATUS(ts_post(nb, path, "status", "submitted", "answers.why", "Forged", (char *)NULL),
	    403);
	assert_int_equal(staff_total(c), 0);
	ts_browser_free(nb);
	ts_browser_free(sb);
}

#define HEAD "{\"status\":\"submitted\",\"answers\":{\"why\":\""

/* Bodies that are not what they should be: 400 or 422 (a huge one 413),
 * never 500, and nothing is written. */
static void
test_malformed(void **state)
{
	static const char *const bad[] = {
		"[1]", "null", "\"submitted\"", "{\"status\":\"accepted\"}",
		"{\"status\":\"withdrawn\"}", "{\"status\":[\"submitted\"]}",
		"{\"status\":\"submitted\",\"answers\":[\"x\"]}",
		"{\"status\":\"submitted\",\"answers\":\"x\"}",
		"{\"status\":\"submitted\",\"answers\":{\"why\":42}}",
		"{\"status\":\"submitted\",\"answers\":{\"why\":\"\"}}",
		"{\"status\":\"submitted\",\"answers\":{\"why\":\"a\\u0000b\"}}",
		"{\"status\":\"submitted\",\"answers\":{\"why\":\"ok\"}", "{\"status\":",
		"{\"status\":\"submitted\",\"status\":\"draft\",\"answers\":{\"why\":\"\"}}",
	};
	char path[96], *big;
	const struct ts_res *r;
	int64_t c;
	size_t i, n = 3u << 20;

	(void)state;
	c = call_made(json_pack("{s:s}", "title", "Heron call"));
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)c);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		r = raw("POST", path, nia_tok, bad[i], strlen(bad[i]));
		if (r->status != 400 && r->status != 422)
			printf("# %s: %ld %.300s\n", bad[i], r->status, r->body);
		assert_true(r->status == 400 || r->status == 422);
	}
	/* an answer longer than its question allows, and a body of megabytes */
	big = malloc(n + 1);
	assert_non_null(big);
	memcpy(big, HEAD, strlen(HEAD));
	memset(big + strlen(HEAD), 'x', n - strlen(HEAD) - 4);
	memcpy(big + n - 4, "\"}}", 4);
	r = raw("POST", path, nia_tok, big, strlen(big));
	STATUS(r, 413);
	snprintf(big + strlen(HEAD), n - strlen(HEAD), "%0600d\"}}", 0);
	r = raw("POST", path, nia_tok, big, strlen(big));
	STATUS(r, 422);
	free(big);
	assert_int_equal(staff_total(c), 0);
	/* unknown answers are not kept */
	r = ta_api("POST", path, nia_tok, json_pack("{s:s,s:{s:s,s:s}}", "status", "draft",
	    "answers", "why", "Fine", "stowaway", "Smuggled"));
	STATUS(r, 201);
	LACKS(r, "Smuggled");
	assert_int_equal(staff_total(c), 1);
}

/* ---- an organization's application ------------------------------------------- */

/*
 * Ada drafts for Quillon; Rex, its other admin, reads it and finds it in
 * his list, applying for Quillon gives it back (no second row), he
 * submits it and withdraws it; Ada applies anew and Rex gets hers again.
 * Bo (no admin) and Mo (Meridian's) see none of it; a draft of Rex's own
 * is not moved to Quillon, which has one.
 */
static void
test_org_shared(void **state)
{
	int64_t c = call_made(json_pack("{s:s}", "title", "Heron call")), aid, again, own;
	char path[160], cs[24], as[24];
	const struct ts_res *r;
	json_t *j;

	(void)state;
	aid = applied(c, ada_tok, "Heron-draft-3x", "draft", quillon, 201);
	app_path(path, sizeof path, itoa(cs, sizeof cs, c), itoa(as, sizeof as, aid));
	r = ta_api("GET", path, rex_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Heron-draft-3x");
	assert_int_equal(apps_total(c, rex_tok, ""), 1);
	assert_int_equal(apps_total(c, bo_tok, ""), 0);
	assert_int_equal(apps_total(c, mo_tok, ""), 0);
	STATUS(ta_api("GET", path, bo_tok, NULL), 404);
	STATUS(ta_api("GET", path, mo_tok, NULL), 404);
	STATUS(ta_api("DELETE", path, bo_tok, NULL), 404);
	/* the call's page shows Rex Quillon's draft, and its form saves it */
	{
		struct ts_browser *b = ts_signed_in(&srv, "127.0.0.59",
		    "rex@quillon-attack.example", PW);
		char p[96], org[24];

		assert_non_null(b);
		snprintf(p, sizeof p, "/calls/%lld", (long long)c);
		HAS(ts_get(b, p), "Heron-draft-3x");
		LACKS(get(p, bo_tok), "Heron-draft-3x");
		snprintf(p, sizeof p, "/calls/%lld/apply", (long long)c);
		r = ts_form(b, p, "answers.why", "Heron-form-2z", "status", "draft",
		    "organization_id", itoa(org, sizeof org, quillon), (char *)NULL);
		STATUS(r, 303);
		j = as_staff(c, aid);
		assert_string_equal(ta_str(json_object_get(j, "answers"), "why"), "Heron-form-2z");
		assert_string_equal(ta_str(j, "status"), "draft");
		json_decref(j);
		assert_int_equal(staff_total(c), 1);
		ts_browser_free(b);
	}

	/* a second admin's application for Quillon: the first, as it is */
	again = applied(c, rex_tok, "Rex's go", "submitted", quillon, 200);
	assert_int_equal(again, aid);
	assert_int_equal(staff_total(c), 1);
	app_is(c, aid, "draft");
	r = ta_api("PATCH", path, rex_tok, json_pack("{s:s,s:{s:s}}", "status", "submitted",
	    "answers", "why", "Heron-final-6y"));
	STATUS(r, 200);
	app_is(c, aid, "submitted");
	r = ta_api("GET", path, ada_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Heron-final-6y");
	j = as_staff(c, aid);
	assert_int_equal(ta_num(j, "user_id"), ada_id);	/* still filed by Ada */
	assert_int_equal(ta_num(j, "organization_id"), quillon);
	json_decref(j);
	STATUS(ta_api("DELETE", path, rex_tok, NULL), 200);
	app_is(c, aid, "withdrawn");

	/* withdrawn, it is made anew; Rex gets that one */
	assert_int_equal(applied(c, ada_tok, "Heron-again-1w", "submitted", quillon, 201), aid);
	assert_int_equal(applied(c, rex_tok, "Rex's go", "draft", quillon, 200), aid);
	assert_int_equal(staff_total(c), 1);

	/* Rex's own draft stays his: Quillon has an application already */
	own = applied(c, rex_tok, "Rex-own-8u", "draft", 0, 201);
	assert_true(own != aid);
	app_path(path, sizeof path, itoa(cs, sizeof cs, c), itoa(as, sizeof as, own));
	r = ta_api("PATCH", path, rex_tok, json_pack("{s:I}", "organization_id",
	    (json_int_t)quillon));
	STATUS(r, 409);
	j = as_staff(c, own);
	assert_true(json_is_null(json_object_get(j, "organization_id")));
	json_decref(j);
	/* his own is his alone: Ada does not see it */
	STATUS(ta_api("GET", path, ada_tok, NULL), 404);
	assert_int_equal(apps_total(c, ada_tok, ""), 1);
	assert_int_equal(apps_total(c, rex_tok, ""), 2);
}

/*
 * Sable is suspended: Sid, its admin, loses the application he filed for
 * it (404, out of his list; applying again is a 409, his one application
 * to the call being Sable's) and may not apply for it to another call;
 * staff still see it.
 */
static void
test_suspended_org(void **state)
{
	int64_t sable, sid, aid, c = call_made(json_pack("{s:s}", "title", "Plover call"));
	char path[160], cs[24], as[24], sid_tok[129];
	const struct ts_res *r;

	(void)state;
	sable = ts_org_import(db_url, "Sable Attack Circle", "GH", "info@sable-attack.example",
	    NULL);
	assert_true(sable > 0);
	sid = account("sid@sable-attack.example", "Sid", "member", sable, sid_tok);
	ta_org_admin(staff_tok, sable, sid, "1");
	aid = applied(c, sid_tok, "Sable-answer-5t", "submitted", sable, 201);
	app_path(path, sizeof path, itoa(cs, sizeof cs, c), itoa(as, sizeof as, aid));
	STATUS(ta_api("GET", path, sid_tok, NULL), 200);
	{
		char p[96];

		snprintf(p, sizeof p, "/organizations/%lld/status", (long long)sable);
		STATUS(ta_api("POST", p, staff_tok, json_pack("{s:s}", "status", "suspended")),
		    303);
	}
	r = ta_api("GET", path, sid_tok, NULL);
	STATUS(r, 404);
	LACKS(r, "Sable-answer-5t");
	STATUS(ta_api("DELETE", path, sid_tok, NULL), 404);
	assert_int_equal(apps_total(c, sid_tok, ""), 0);
	/* his one application to the call is Sable's; to another, Sable may
	 * not apply */
	applied(c, sid_tok, "Sable again", "submitted", sable, 409);
	applied(c_open, sid_tok, "Sable elsewhere", "submitted", sable, 403);
	app_is(c, aid, "submitted");
}

/* ---- two at once ------------------------------------------------------------ */

static pthread_barrier_t race_gate;
static char race_path[96];

struct racer {
	struct ts_browser *b;
	long status;
	int64_t id;
};

static void *
racer_run(void *arg)
{
	struct racer *x = arg;
	const struct ts_res *r;
	json_t *j;

	pthread_barrier_wait(&race_gate);
	r = ts_call(x->b, "POST", race_path, uma_tok, json_pack("{s:s,s:{s:s}}", "status",
	    "submitted", "answers", "why", "Twice at once"));
	x->status = r->status;
	j = json_loadb(r->body, r->len, 0, NULL);
	x->id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return NULL;
}

/* Uma submits twice at the same moment, four times over: one application
 * each time, both answers naming it. */
static void
test_race(void **state)
{
	struct racer x[2];
	pthread_t t[2];
	int round, k;

	(void)state;
	for (round = 0; round < 4; round++) {
		int64_t c = call_made(json_pack("{s:s}", "title", "Swift call"));

		snprintf(race_path, sizeof race_path, "/api/v1/calls/%lld/applications",
		    (long long)c);
		assert_int_equal(pthread_barrier_init(&race_gate, NULL, 2), 0);
		for (k = 0; k < 2; k++) {
			x[k].b = ts_browser_new(&srv, NULL);
			x[k].status = 0;
			x[k].id = 0;
			assert_int_equal(pthread_create(&t[k], NULL, racer_run, &x[k]), 0);
		}
		for (k = 0; k < 2; k++) {
			pthread_join(t[k], NULL);
			ts_browser_free(x[k].b);
		}
		pthread_barrier_destroy(&race_gate);
		if (x[0].id != x[1].id || x[0].status + x[1].status > 401)
			printf("# round %d: %ld %lld, %ld %lld\n", round, x[0].status,
			    (long long)x[0].id, x[1].status, (long long)x[1].id);
		assert_true((x[0].status == 201 && x[1].status == 200) ||
		    (x[0].status == 200 && x[1].status == 201));
		assert_int_equal(x[0].id, x[1].id);
		assert_int_equal(staff_total(c), 1);
		app_is(c, x[0].id, "submitted");
	}
}

/* Ada and Rex apply for Quillon at the same moment, four times over: one
 * application each time, both answers naming it. */
struct org_racer {
	struct ts_browser *b;
	const char *token;
	long status;
	int64_t id;
};

static void *
org_racer_run(void *arg)
{
	struct org_racer *x = arg;
	const struct ts_res *r;
	json_t *j;

	pthread_barrier_wait(&race_gate);
	r = ts_call(x->b, "POST", race_path, x->token, json_pack("{s:s,s:{s:s},s:I}", "status",
	    "submitted", "answers", "why", "Both at once", "organization_id",
	    (json_int_t)quillon));
	x->status = r->status;
	j = json_loadb(r->body, r->len, 0, NULL);
	x->id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return NULL;
}

static void
test_org_race(void **state)
{
	struct org_racer x[2];
	pthread_t t[2];
	int round, k;

	(void)state;
	for (round = 0; round < 4; round++) {
		int64_t c = call_made(json_pack("{s:s}", "title", "Tern call"));

		snprintf(race_path, sizeof race_path, "/api/v1/calls/%lld/applications",
		    (long long)c);
		assert_int_equal(pthread_barrier_init(&race_gate, NULL, 2), 0);
		for (k = 0; k < 2; k++) {
			x[k].b = ts_browser_new(&srv, NULL);
			x[k].token = k ? rex_tok : ada_tok;
			x[k].status = 0;
			x[k].id = 0;
			assert_int_equal(pthread_create(&t[k], NULL, org_racer_run, &x[k]), 0);
		}
		for (k = 0; k < 2; k++) {
			pthread_join(t[k], NULL);
			ts_browser_free(x[k].b);
		}
		pthread_barrier_destroy(&race_gate);
		if (x[0].id != x[1].id || x[0].status + x[1].status != 401)
			printf("# round %d: %ld %lld, %ld %lld\n", round, x[0].status,
			    (long long)x[0].id, x[1].status, (long long)x[1].id);
		assert_true((x[0].status == 201 && x[1].status == 200) ||
		    (x[0].status == 200 && x[1].status == 201));
		assert_int_equal(x[0].id, x[1].id);
		assert_int_equal(staff_total(c), 1);
		app_is(c, x[0].id, "submitted");
	}
}

/* Staff accept an application while its person withdraws it, at the same
 * moment: one of the two happens, and the other is told so. */
struct pair_arg {
	struct ts_browser *b;
	const char *method, *token;
	char path[128], body[128];
	long status;
	char answer[1024];
};

static void *
pair_run(void *arg)
{
	struct pair_arg *x = arg;
	const char *h[3] = { "Content-Type: application/json", NULL, NULL };
	char auth[200];
	const struct ts_res *r;

	snprintf(auth, sizeof auth, "Authorization: Bearer %s", x->token);
	h[1] = auth;
	pthread_barrier_wait(&race_gate);
	r = ts_req(x->b, x->method, x->path, h, x->body, strlen(x->body));
	x->status = r->status;
	snprintf(x->answer, sizeof x->answer, "%.*s", (int)r->len, r->body);
	return NULL;
}

static void
test_withdraw_while_decided(void **state)
{
	static struct pair_arg x[2];
	pthread_t t[2];
	int round, k;

	(void)state;
	for (round = 0; round < 8; round++) {
		int64_t c = call_made(json_pack("{s:s}", "title", "Egret call"));
		int64_t aid = applied(c, uma_tok, "Uma's", "submitted", 0, 201);
		char path[96];
		json_t *j, *res;
		const char *now;
		int accepted, withdrawn;

		snprintf(path, sizeof path, "/api/v1/calls/%lld", (long long)c);
		STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "status", "closed")),
		    200);
		x[0].method = "POST";
		x[0].token = staff_tok;
		snprintf(x[0].path, sizeof x[0].path, "/api/v1/calls/%lld/applications/decisions",
		    (long long)c);
		snprintf(x[0].body, sizeof x[0].body, "{\"ids\":[%lld],\"decision\":\"accept\"}",
		    (long long)aid);
		x[1].method = "DELETE";
		x[1].token = uma_tok;
		snprintf(x[1].path, sizeof x[1].path, "/api/v1/calls/%lld/applications/%lld",
		    (long long)c, (long long)aid);
		x[1].body[0] = '\0';
		assert_int_equal(pthread_barrier_init(&race_gate, NULL, 2), 0);
		for (k = 0; k < 2; k++) {
			x[k].b = ts_browser_new(&srv, NULL);
			assert_int_equal(pthread_create(&t[k], NULL, pair_run, &x[k]), 0);
		}
		for (k = 0; k < 2; k++) {
			pthread_join(t[k], NULL);
			ts_browser_free(x[k].b);
		}
		pthread_barrier_destroy(&race_gate);
		assert_int_equal(x[0].status, 200);
		j = json_loads(x[0].answer, 0, NULL);
		res = json_array_get(json_object_get(j, "results"), 0);
		accepted = json_is_true(json_object_get(res, "ok"));
		json_decref(j);
		withdrawn = x[1].status == 200;
		if (accepted == withdrawn)
			printf("# round %d: decision %s; withdrawal %ld %s\n", round, x[0].answer,
			    x[1].status, x[1].answer);
		assert_true(accepted != withdrawn);
		assert_true(withdrawn || x[1].status == 409);
		j = as_staff(c, aid);
		now = ta_str(j, "status");
		if (strcmp(now, accepted ? "accepted" : "withdrawn") != 0)
			printf("# round %d: %s, accepted %d withdrawn %d\n", round, now, accepted,
			    withdrawn);
		assert_string_equal(now, accepted ? "accepted" : "withdrawn");
		json_decref(j);
	}
}

/*
 * Rex applied for Quillon, then was removed from it: the application is
 * Quillon's, so he loses it (404 by the API and the page, out of his
 * lists; he does not apply for Quillon again, and his one application to
 * the call is taken), while Ada, still its admin, reads and withdraws it.
 */
static void
test_removed_admin(void **state)
{
	char path[160], cs[24], as[24];
	const struct ts_res *r;
	struct ts_browser *b;

	(void)state;
	b = ts_signed_in(&srv, "127.0.0.57", "rex@quillon-attack.example", PW);
	assert_non_null(b);
	STATUS(ts_get(b, "/calls"), 200);
	app_path(path, sizeof path, itoa(cs, sizeof cs, c_org), itoa(as, sizeof as, a_rex));
	r = ta_api("GET", path, ada_tok, NULL);
	STATUS(r, 200);
	HAS(r, REX_SECRET);
	assert_int_equal(apps_total(c_org, rex_tok, ""), 1);
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/people/%lld/remove",
	    (long long)quillon, (long long)rex_id);
	r = ta_api("POST", path, staff_tok, json_object());
	assert_true(r->status == 200 || r->status == 303);

	app_path(path, sizeof path, itoa(cs, sizeof cs, c_org), itoa(as, sizeof as, a_rex));
	r = ta_api("GET", path, rex_tok, NULL);
	STATUS(r, 404);
	LACKS(r, REX_SECRET);
	STATUS(ta_api("PATCH", path, rex_tok, json_pack("{s:s}", "status", "withdrawn")), 404);
	STATUS(ta_api("DELETE", path, rex_tok, NULL), 404);
	assert_int_equal(apps_total(c_org, rex_tok, ""), 0);
	assert_int_equal(apps_total(c_org, rex_tok, "?status=submitted"), 0);
	snprintf(path, sizeof path, "/calls/%lld", (long long)c_org);
	r = get(path, rex_tok);
	STATUS(r, 200);
	LACKS(r, REX_SECRET);
	snprintf(path, sizeof path, "/calls/%lld/withdraw", (long long)c_org);
	STATUS(ts_form(b, path, (char *)NULL), 404);
	app_is(c_org, a_rex, "submitted");
	/* nor applies for it anew; his own row for the call is Quillon's */
	applied(c_open, rex_tok, "Rex again", "submitted", quillon, 403);
	applied(c_open, rex_tok, "Rex again", "draft", quillon, 403);
	/* his export says he filed it, and nothing of it now */
	r = ta_api("GET", "/api/v1/me/export", rex_tok, NULL);
	STATUS(r, 200);
	LACKS(r, REX_SECRET);
	{
		json_t *j = ts_jbody(r), *x, *found = NULL;
		size_t i;

		json_array_foreach(json_object_get(j, "call_applications"), i, x)
			if (json_integer_value(json_object_get(x, "id")) == a_rex)
				found = x;
		assert_non_null(found);
		assert_null(json_object_get(found, "answers"));
		assert_null(json_object_get(found, "status"));
		json_decref(j);
	}
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)c_org);
	r = ta_api("POST", path, rex_tok, json_pack("{s:s,s:{s:s}}", "status", "draft", "answers",
	    "why", "Mine now?"));
	STATUS(r, 409);
	LACKS(r, REX_SECRET);
	/* Ada, still its admin, reads it and withdraws it */
	app_path(path, sizeof path, itoa(cs, sizeof cs, c_org), itoa(as, sizeof as, a_rex));
	r = ta_api("GET", path, ada_tok, NULL);
	STATUS(r, 200);
	HAS(r, REX_SECRET);
	STATUS(ta_api("PATCH", path, ada_tok, json_pack("{s:s}", "status", "withdrawn")), 200);
	app_is(c_org, a_rex, "withdrawn");
	ts_browser_free(b);
}

/*
 * The files answering a call's file question (issue 15).  Ada's, filed for
 * Quillon under a name carrying HTML, is downloaded by Ada and staff only:
 * a visitor (401), Bo of Quillon (no admin), Rex (removed from Quillon's
 * admins), Mo (another organization's admin), Nia, the focal point and the
 * expert get 404, as for an id with path tricks, another application's
 * file under Ada's application, or Ada's under another call.  Nia's, whose
 * name is a CSV formula, is a text cell in the CSV; the HTML of Ada's name
 * is text on staff's page.  Runs after test_removed_admin (Rex removed).
 */
static void
test_files(void **state)
{
	static const char html_name[] = "<img src=x onerror=alert(1)>.pdf";
	static const char formula_name[] = "=SUM(1+1)*cmd|'calc'!A0.pdf";
	static const char pdf[] = "%PDF-1.4\n%secret-cv-3x\n%%EOF\n";
	int64_t c = call_made(json_pack("{s:s,s:[{s:s,s:s,s:s,s:b}]}", "title", "Osprey call",
	    "questions", "id", "cv", "label", "CV", "type", "file", "required", 1));
	const char *const tricks[] = { "..%2Fcv", "..%2F..%2Fetc%2Fpasswd", "cv%2F",
		"CV", "cv.pdf", "%2e%2e", "cv%20OR%201%3D1", "q1", "-1", "0",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "cv%0d%0aX-Injected:%201" };
	const char *const nobody[] = { bo_tok, rex_tok, mo_tok, nia_tok, fe_tok, eve_tok };
	char path[300], base[160], cs[24], as[24], org[24];
	const struct ts_res *r;
	int64_t a_file, a_formula;
	json_t *j;
	size_t i;

	(void)state;
	itoa(org, sizeof org, quillon);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)c);
	{
		const struct ts_part parts[] = { { "status", "submitted", 0, NULL, NULL },
			{ "organization_id", org, 0, NULL, NULL },
			{ "answers.cv", pdf, 0, html_name, "application/pdf" } };

		r = ts_multipart_api(plain, "POST", path, ada_tok, parts, 3);
	}
	STATUS(r, 201);
	j = ts_jbody(r);
	a_file = ta_num(j, "id");
	assert_string_equal(ta_str(json_array_get(json_object_get(j, "files"), 0), "name"),
	    html_name);
	json_decref(j);
	{
		const struct ts_part parts[] = { { "status", "submitted", 0, NULL, NULL },
			{ "answers.cv", pdf, 0, formula_name, "application/pdf" } };

		r = ts_multipart_api(plain, "POST", path, nia_tok, parts, 2);
	}
	STATUS(r, 201);
	j = ts_jbody(r);
	a_formula = ta_num(j, "id");
	json_decref(j);

	app_path(base, sizeof base, itoa(cs, sizeof cs, c), itoa(as, sizeof as, a_file));
	snprintf(path, sizeof path, "%s/files/cv", base);
	r = get(path, ada_tok);
	STATUS(r, 200);
	HAS(r, "secret-cv-3x");
	assert_non_null(strstr(ts_header(r, "Content-Disposition"), "attachment"));
	assert_non_null(ts_header(r, "Content-Security-Policy"));
	STATUS(get(path, staff_tok), 200);
	r = get(path, NULL);
	STATUS(r, 401);
	LACKS(r, "secret-cv-3x");
	for (i = 0; i < sizeof nobody / sizeof nobody[0]; i++) {
		r = get(path, nobody[i]);
		if (r->status != 404)
			printf("# walker %zu: %ld\n", i, r->status);
		STATUS(r, 404);
		LACKS(r, "secret-cv-3x");
	}
	/* the page's twin, as a browser of another organization's admin */
	{
		struct ts_browser *mo = ts_signed_in(&srv, "127.0.0.58", "mo@meridian-attack.example",
		    PW);

		assert_non_null(mo);
		snprintf(path, sizeof path, "/calls/%lld/applications/%lld/files/cv", (long long)c,
		    (long long)a_file);
		r = ts_get(mo, path);
		STATUS(r, 404);
		LACKS(r, "secret-cv-3x");
		ts_browser_free(mo);
	}
	/* path tricks in the file's id: 404, never a file nor a 500 */
	for (i = 0; i < sizeof tricks / sizeof tricks[0]; i++) {
		snprintf(path, sizeof path, "%s/files/%s", base, tricks[i]);
		r = get(path, ada_tok);
		if (r->status != 404)
			printf("# %s: %ld\n", path, r->status);
		assert_true(r->status == 404 || r->status == 400);
		LACKS(r, "secret-cv-3x");
		assert_null(ts_header(r, "X-Injected"));
	}
	snprintf(path, sizeof path, "%s/files/cv/..", base);
	assert_true(get(path, ada_tok)->status == 404);
	/* the server decodes %00 as the path's end (libmicrohttpd): "cv%00" is
	 * "cv", Ada's own file to her, and still nobody else's */
	snprintf(path, sizeof path, "%s/files/cv%%00", base);
	STATUS(get(path, mo_tok), 404);
	STATUS(get(path, bo_tok), 404);
	/* Nia's file under Ada's application id, and Ada's under another call */
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld/files/cv",
	    (long long)c, (long long)a_formula);
	STATUS(get(path, ada_tok), 404);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld/files/cv",
	    (long long)c_open, (long long)a_file);
	STATUS(get(path, ada_tok), 404);
	STATUS(get(path, staff_tok), 404);

	/* the names are text: on staff's page and in the CSV */
	snprintf(path, sizeof path, "/staff/calls/%lld/applications", (long long)c);
	r = get(path, staff_tok);
	STATUS(r, 200);
	LACKS(r, "<img src=x");
	HAS(r, "&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;.pdf");
	snprintf(path, sizeof path, "/staff/calls/%lld/applications.csv", (long long)c);
	r = get(path, staff_tok);
	STATUS(r, 200);
	HAS(r, "\"'=SUM(1+1)*cmd|'calc'!A0.pdf\"");
	LACKS(r, ",=SUM");
}

/*
 * The closing time on the test clock: seconds before it a draft is
 * submitted and a new application taken; at it, neither (409 naming the
 * time), by the API and the page, and no decision before it.  Last: it
 * moves the clock.
 */
static void
test_closing_time(void **state)
{
	const struct ts_res *r;
	char when[40], path[160], cs[24], as[24];
	int64_t now, c, d1, d2, s1, own;
	time_t tt;
	struct tm tm;
	struct ts_browser *b;

	(void)state;
	now = ta_now();
	tt = (time_t)(now + 600);
	gmtime_r(&tt, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	c = call_made(json_pack("{s:s,s:s,s:s}", "title", "Finch call", "closes", when,
	    "timezone", "UTC"));
	d1 = applied(c, nia_tok, "Nia's draft", "draft", 0, 201);
	d2 = applied(c, mo_tok, "Mo's draft", "draft", 0, 201);
	s1 = applied(c, ada_tok, "Ada's", "submitted", 0, 201);
	own = applied(c, staff_tok, "Sam's", "submitted", 0, 201);
	b = ts_signed_in(&srv, "127.0.0.58", "bo@quillon-attack.example", PW);
	assert_non_null(b);
	STATUS(ts_get(b, "/calls"), 200);

	/* The test clock is an offset over the real one, which goes on: the
	 * set-up above may take seconds on a busy machine, so "before" is a
	 * few seconds before, reckoned from the server's clock now. */
	ta_clock_to(now + 600 - 5);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/decisions", (long long)c);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:[I],s:s}", "ids", (json_int_t)s1,
	    "decision", "accept")), 409);
	app_path(path, sizeof path, itoa(cs, sizeof cs, c), itoa(as, sizeof as, d1));
	STATUS(ta_api("PATCH", path, nia_tok, json_pack("{s:s}", "status", "submitted")), 200);
	ta_clock_to(now + 600);
	/* closed now, to the second (or a little after) */
	app_path(path, sizeof path, itoa(cs, sizeof cs, c), itoa(as, sizeof as, d2));
	r = ta_api("PATCH", path, mo_tok, json_pack("{s:s}", "status", "submitted"));
	STATUS(r, 409);
	HAS(r, when + 11);
	r = ta_api("PATCH", path, mo_tok, json_pack("{s:{s:s}}", "answers", "why", "Late edit"));
	STATUS(r, 409);
	applied(c, eve_tok, "Too late", "submitted", 0, 409);
	applied(c, eve_tok, "Too late", "draft", 0, 409);
	snprintf(path, sizeof path, "/calls/%lld/apply", (long long)c);
	r = ts_form(b, path, "answers.why", "Too late", "status", "submitted", (char *)NULL);
	STATUS(r, 409);
	app_is(c, d1, "submitted");
	app_is(c, d2, "draft");
	{
		json_t *j = as_staff(c, d2);

		assert_string_equal(ta_str(json_object_get(j, "answers"), "why"), "Mo's draft");
		json_decref(j);
	}
	/* decided now, but not by staff on their own */
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/decisions", (long long)c);
	r = ta_api("POST", path, staff_tok, json_pack("{s:[I,I,I],s:s}", "ids", (json_int_t)s1,
	    (json_int_t)d2, (json_int_t)own, "decision", "accept"));
	STATUS(r, 200);
	HAS(r, "your own application");
	{
		json_t *j = ts_jbody(r);

		assert_int_equal(ta_num(j, "succeeded"), 1);
		json_decref(j);
	}
	app_is(c, s1, "accepted");
	app_is(c, d2, "draft");
	app_is(c, own, "submitted");
	ts_browser_free(b);
}

/* ---- set-up ---------------------------------------------------------------- */

static int
setup(void **state)
{
	const struct ts_res *r;
	json_t *j;
	char path[96];
	int64_t mo_id;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	quillon = ts_org_import(db_url, "Quillon Attack Trust", "KE", "info@quillon-attack.example",
	    NULL);
	meridian = ts_org_import(db_url, "Meridian Attack Watch", "SN",
	    "info@meridian-attack.example", NULL);
	if (quillon <= 0 || meridian <= 0)
		return -1;
	account(STAFF, "Sam Staff", "staff", 0, staff_tok);
	ada_id = account("ada@quillon-attack.example", "Ada", "member", quillon, ada_tok);
	rex_id = account("rex@quillon-attack.example", "Rex", "member", quillon, rex_tok);
	account("bo@quillon-attack.example", "Bo", "member", quillon, bo_tok);
	mo_id = account("mo@meridian-attack.example", "Mo", "member", meridian, mo_tok);
	account(NIA, "Nia", "applicant", 0, nia_tok);
	uma_id = account(UMA, "Uma", "applicant", 0, uma_tok);
	account("fe@interior-attack.go.ke", "Fe", "focal", 0, fe_tok);
	account("eve@research-attack.example", "Eve", "applicant", 0, eve_tok);
	ta_org_admin(staff_tok, quillon, ada_id, "1");
	ta_org_admin(staff_tok, quillon, rex_id, "1");
	ta_org_admin(staff_tok, meridian, mo_id, "1");
	r = ta_api("POST", "/api/v1/applications", eve_tok, json_pack("{s:s,s:{s:s,s:s,s:s,s:[s]},"
	    "s:{s:s},s:b}", "kind", "expert", "expert", "name", "Eve Expert", "country", "KE",
	    "biography", "Studies procurement.", "themes", "corruption", "contact", "email",
	    "eve@research-attack.example", "consent", 1));
	STATUS(r, 201);
	j = ts_jbody(r);
	snprintf(path, sizeof path, "/api/v1/applications/%lld/approve",
	    (long long)json_integer_value(json_object_get(j, "id")));
	json_decref(j);
	STATUS(ta_api("POST", path, staff_tok, json_object()), 200);

	c_open = call_made(json_pack("{s:s}", "title", "Kestrel call"));
	c_other = call_made(json_pack("{s:s}", "title", "Lantern call"));
	c_org = call_made(json_pack("{s:s,s:{s:b}}", "title", "Vesper call", "eligibility",
	    "experts", 0));
	c_draft = call_made(json_pack("{s:s,s:s,s:s}", "title", DRAFT_TITLE, "status", "draft",
	    "kind", "course_cohort"));

	a_ada = applied(c_open, ada_tok, ADA_SECRET, "submitted", quillon, 201);
	a_nia = applied(c_open, nia_tok, NIA_SECRET, "submitted", 0, 201);
	a_nia_draft = applied(c_other, nia_tok, DRAFT_SECRET, "draft", 0, 201);
	a_mo_gone = applied(c_other, mo_tok, MO_SECRET, "submitted", 0, 201);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld", (long long)c_other,
	    (long long)a_mo_gone);
	STATUS(ta_api("DELETE", path, mo_tok, NULL), 200);
	a_rex = applied(c_org, rex_tok, REX_SECRET, "submitted", quillon, 201);
	(void)uma_id;
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
		cmocka_unit_test(test_others_applications),
		cmocka_unit_test(test_bad_ids),
		cmocka_unit_test(test_draft_call),
		cmocka_unit_test(test_not_my_organization),
		cmocka_unit_test(test_staff_routes),
		cmocka_unit_test(test_staff_refused),
		cmocka_unit_test(test_csrf),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_org_shared),
		cmocka_unit_test(test_race),
		cmocka_unit_test(test_org_race),
		cmocka_unit_test(test_withdraw_while_decided),
		cmocka_unit_test(test_removed_admin),
		cmocka_unit_test(test_suspended_org),
		cmocka_unit_test(test_files),	/* after test_removed_admin */
		cmocka_unit_test(test_closing_time),	/* it moves the clock */
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("calls_attack", tests, setup, teardown);
}
