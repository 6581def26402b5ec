/*
 * resources_attack_test.c -- the knowledge-resources library attacked from
 * outside and from the side: a visitor, a member of another organization,
 * a state focal point, an applicant, an expert, a member of a suspended
 * organization and a member removed from theirs each try to read what is
 * hidden from them (one resource, its files with Range and If-None-Match,
 * the list and its counts, search and its excerpts, the organization's
 * history), to contribute for an organization not theirs (repeated or
 * mixed fields, a PATCH of organization_id), to review, and to reach
 * resources by guessed, negative or huge ids and file numbers.  Hidden
 * means 404, never 403, everywhere; nothing ever answers 500.
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
#include <unistd.h>

#include <cmocka.h>

#include "lib/api.h"
#include "lib/people.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

/* Staff; Ada and Cy of Quillon; Mo of Meridian; Eve an expert; Fe a focal
 * point; Pat an applicant; Rex of Quillon (removed later); Sid of Sable
 * (suspended later). */
static char staff_tok[129], ada_tok[129], cy_tok[129], mo_tok[129], eve_tok[129],
    fe_tok[129], pat_tok[129], rex_tok[129], sid_tok[129];
static int64_t quillon, meridian, sable, rex_id;

/* Cy's draft for Quillon (file: "wyvernquartz"), a nongovernmental one
 * (country NO, "gryphonite"), a staff one (FI, "basiliskine"), a staff
 * draft credited to Quillon, a members one whose file alone says
 * "manticorium". */
static int64_t r_cy, r_nongov, r_staff, r_sdraft, r_members;

/* ---- helpers ------------------------------------------------------------ */

/* The set-up of tests/lib/people.h, asserted. */
static int64_t
org_made(const char *name, const char *country, const char *email)
{
	int64_t id = ts_org_import(db_url, name, country, email, NULL);

	assert_true(id > 0);
	return id;
}

static void
token_of(const char *email, char *tok)
{
	assert_int_equal(ts_token(plain, email, PW, tok, 129), 0);
}

static int64_t
account(const char *email, const char *role, int64_t org, char *tok)
{
	int64_t id = ts_person_add(db_url, email, email, role, org, PW);

	assert_true(id > 0);
	token_of(email, tok);
	return id;
}

/* A multipart call with a bearer token (NULL: none). */
static const struct ts_res *
mp(const char *method, const char *path, const char *token, const struct ts_part *parts,
    size_t n)
{
	return ts_multipart_api(plain, method, path, token, parts, n);
}

#define TXT(name, text) { "file", (text), 0, (name), "text/plain" }
#define FIELD(name, value) { (name), (value), 0, NULL, NULL }

static int64_t
id_of(const struct ts_res *r)
{
	json_t *j = ts_jbody(r);
	int64_t id = json_integer_value(json_object_get(j, "id"));

	json_decref(j);
	assert_true(id > 0);
	return id;
}

/* GET path as token with one extra header (NULL: none). */
static const struct ts_res *
get_h(const char *path, const char *token, const char *header)
{
	char auth[200];
	const char *h[4];
	int n = 0;

	h[n++] = "Accept: application/json";
	if (token) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
		h[n++] = auth;
	}
	if (header)
		h[n++] = header;
	h[n] = NULL;
	return ts_req(plain, "GET", path, h, NULL, 0);
}

static long
res_status(int64_t id, const char *token)
{
	char path[96];

	snprintf(path, sizeof path, "/api/v1/resources/%lld", (long long)id);
	return get_h(path, token, NULL)->status;
}

static long
file_status(int64_t id, const char *n, const char *token, const char *header)
{
	char path[128];

	snprintf(path, sizeof path, "/api/v1/resources/%lld/files/%s", (long long)id, n);
	return get_h(path, token, header)->status;
}

static json_t *
list(const char *token, const char *q)
{
	char path[300];
	const struct ts_res *r;

	snprintf(path, sizeof path, "/api/v1/resources?per_page=100%s%s", *q ? "&" : "", q);
	r = get_h(path, token, NULL);
	STATUS(r, 200);
	return ts_jbody(r);
}

static int64_t
total(const char *token, const char *q)
{
	json_t *j = list(token, q);
	int64_t n = json_integer_value(json_object_get(j, "total"));

	json_decref(j);
	return n;
}

/* The count of value under facet in token's unfiltered list (0: none). */
static int64_t
facet(const char *token, const char *name, const char *value)
{
	json_t *j = list(token, "");
	int64_t n = json_integer_value(json_object_get(json_object_get(json_object_get(j,
	    "facets"), name), value));

	json_decref(j);
	return n;
}

/* Resource id as staff see it. */
static json_t *
as_staff(int64_t id)
{
	char path[96];

	snprintf(path, sizeof path, "/api/v1/resources/%lld", (long long)id);
	return ts_jbody(get_h(path, staff_tok, NULL));
}

/* Waits for the text job of every file of id (30 s at most). */
static void
text_done(int64_t id)
{
	int64_t end = ts_now_ms() + 30000;

	for (;;) {
		json_t *j = as_staff(id), *f;
		size_t i;
		int pending = 0;

		json_array_foreach(json_object_get(j, "files"), i, f)
			pending |= strcmp(json_string_value(json_object_get(f, "text_status")),
			    "pending") == 0;
		json_decref(j);
		if (!pending || ts_now_ms() > end)
			break;
		usleep(50 * 1000);	/* polling for the job, not guessing its time */
	}
}

static const struct ts_res *
verb(int64_t id, const char *v, const char *token, json_t *body)
{
	char path[128];

	snprintf(path, sizeof path, "/api/v1/resources/%lld/%s", (long long)id, v);
	return ta_api("POST", path, token, body ? body : json_object());
}

static const struct ts_res *
patch(int64_t id, const char *token, json_t *body)
{
	char path[96];

	snprintf(path, sizeof path, "/api/v1/resources/%lld", (long long)id);
	return ta_api("PATCH", path, token, body);
}

/* ---- the attacks -------------------------------------------------------- */

struct outsider {
	const char *who;
	const char *tok;
	int nongov;	/* may see the nongovernmental resource */
};

/* Every channel of a hidden resource answers as if it did not exist. */
static void
test_hidden_everywhere(void **state)
{
	const struct outsider rows[] = {
		{ "a visitor", NULL, 0 },
		{ "a member of another organization", mo_tok, 1 },
		{ "a state focal point", fe_tok, 0 },
		{ "an applicant", pat_tok, 0 },
		{ "an expert", eve_tok, 1 },
	};
	static const char *const ns[] = { "1", "0", "-1", "99999", "1abc", NULL };
	char path[128], inm[160];
	const char *const *n;
	const struct ts_res *r;
	json_t *j;
	size_t i;

	(void)state;
	j = as_staff(r_cy);
	snprintf(inm, sizeof inm, "If-None-Match: \"%s\"", json_string_value(json_object_get(
	    json_array_get(json_object_get(j, "files"), 0), "sha256")));
	json_decref(j);
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const struct outsider *o = &rows[i];
		int64_t hidden[3] = { r_cy, r_staff, r_sdraft };
		int k;

		printf("# as %s\n", o->who);
		for (k = 0; k < 3; k++) {
			assert_int_equal(res_status(hidden[k], o->tok), 404);
			for (n = ns; *n; n++)
				assert_int_equal(file_status(hidden[k], *n, o->tok, NULL), 404);
			assert_int_equal(file_status(hidden[k], "1", o->tok, "Range: bytes=0-3"), 404);
			assert_int_equal(file_status(hidden[k], "1", o->tok, inm), 404);
		}
		/* the draft's words, its country and theme count nowhere */
		assert_int_equal(total(o->tok, "q=wyvernquartz"), 0);
		assert_int_equal(total(o->tok, "q=basiliskine"), 0);
		assert_int_equal(total(o->tok, "country=IS"), 0);
		assert_int_equal(facet(o->tok, "country", "IS"), 0);
		assert_int_equal(facet(o->tok, "country", "FI"), 0);
		assert_int_equal(facet(o->tok, "theme", "firearms"), 0);
		assert_int_equal(total(o->tok, "status=draft"), 0);
		/* the nongovernmental one: members and experts, never focal points */
		assert_int_equal(res_status(r_nongov, o->tok), o->nongov ? 200 : 404);
		assert_int_equal(file_status(r_nongov, "1", o->tok, NULL), o->nongov ? 200 : 404);
		assert_int_equal(total(o->tok, "q=gryphonite"), o->nongov);
		assert_int_equal(facet(o->tok, "country", "NO"), o->nongov);
		/* changing or reviewing it: nothing learned */
		r = patch(r_cy, o->tok, json_pack("{s:s}", "title", "Taken"));
		assert_true(r->status == 404 || r->status == 403 || r->status == 401);
		LACKS(r, "Wyvernquartz");
		r = verb(r_cy, "approve", o->tok, NULL);
		assert_true(r->status == 403 || r->status == 401);
		LACKS(r, "Wyvernquartz");
		/* the organization's history does not tell its drafts */
		snprintf(path, sizeof path, "/organizations/%lld/history", (long long)quillon);
		r = get_h(path, o->tok, NULL);
		if (r->status != 404 && r->status != 403 && r->status != 401 && r->status != 303)
			printf("# history: %ld\n", r->status);
		assert_true(r->status == 404 || r->status == 403 || r->status == 401 ||
		    (r->status == 303 && !o->tok));	/* a visitor is sent to sign in */
		LACKS(r, "Wyvernquartz");
	}
	/* the attempts counted no download */
	j = as_staff(r_cy);
	assert_int_equal(json_integer_value(json_object_get(j, "downloads")), 0);
	json_decref(j);
	/* Quillon's people see Cy's draft, never staff's draft credited to them */
	assert_int_equal(res_status(r_cy, ada_tok), 200);
	assert_int_equal(res_status(r_sdraft, ada_tok), 404);
	assert_int_equal(total(ada_tok, "q=staffdraftword"), 0);
	/* nor may they review their own */
	STATUS(verb(r_cy, "approve", ada_tok, NULL), 403);
	STATUS(verb(r_cy, "approve", cy_tok, NULL), 403);
}

/* A member's draft is theirs to submit: staff cannot publish what was
 * never submitted. */
static void
test_unsubmitted_draft(void **state)
{
	(void)state;
	STATUS(verb(r_cy, "approve", staff_tok, NULL), 409);
	assert_int_equal(res_status(r_cy, mo_tok), 404);
	/* staff's own draft, yes */
	STATUS(verb(r_sdraft, "approve", staff_tok, NULL), 200);
	assert_int_equal(res_status(r_sdraft, mo_tok), 200);
}

/* A visitor reads a members resource's summary, never its file's words:
 * not in an excerpt, and not by asking whether the file has a word (a
 * search that finds it only by its file's text): members find it so,
 * visitors and applicants do not, and a word of its summary finds it for
 * everyone.  CJK words are substrings, the other path of the search. */
static void
test_members_excerpt(void **state)
{
	const struct ts_res *r;

	(void)state;
	text_done(r_members);
	r = get_h("/api/v1/resources?q=manticorium", mo_tok, NULL);
	STATUS(r, 200);
	HAS(r, "manticorium");	/* members read it in the excerpt */
	r = get_h("/api/v1/resources?q=manticorium", NULL, NULL);
	STATUS(r, 200);
	LACKS(r, "manticorium");
	LACKS(r, "vault combination");
	r = get_h("/api/v1/resources?q=manticorium", pat_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "vault combination");
	assert_int_equal(total(mo_tok, "q=manticorium"), 1);
	assert_int_equal(total(NULL, "q=manticorium"), 0);
	assert_int_equal(total(pat_tok, "q=manticorium"), 0);
	assert_int_equal(total(NULL, "q=manticori"), 0);	/* a prefix neither */
	assert_int_equal(total(mo_tok, "q=%E4%BF%9D%E9%99%A9%E6%9F%9C"), 1);	/* 保险柜 */
	assert_int_equal(total(NULL, "q=%E4%BF%9D%E9%99%A9%E6%9F%9C"), 0);
	assert_int_equal(total(pat_tok, "q=%E4%BF%9D%E9%99%A9%E6%9F%9C"), 0);
	assert_int_equal(total(NULL, "q=ledger+members"), 1);	/* title and summary */
	assert_int_equal(total(pat_tok, "q=ledger"), 1);
}

/* Ids and file numbers guessed, negative, huge or not numbers: 404. */
static void
test_bad_ids(void **state)
{
	static const char *const ids[] = { "0", "-1", "99999999", "9223372036854775807",
		"99999999999999999999999", "abc", "1e3", "%00", "1%20", NULL };
	static const char *const ns[] = { "0", "-1", "99999", "9223372036854775808", "x",
		"..%2f..%2fetc%2fpasswd", NULL };
	const char *const *s, *const *n;
	char path[160];

	(void)state;
	for (s = ids; *s; s++) {
		snprintf(path, sizeof path, "/api/v1/resources/%s", *s);
		assert_int_equal(get_h(path, staff_tok, NULL)->status, 404);
		assert_int_equal(get_h(path, NULL, NULL)->status, 404);
		snprintf(path, sizeof path, "/api/v1/resources/%s/files/1", *s);
		assert_int_equal(get_h(path, NULL, NULL)->status, 404);
		snprintf(path, sizeof path, "/api/v1/resources/%s", *s);
		assert_true(ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "title",
		    "x y"))->status == 404);
	}
	for (n = ns; *n; n++)
		assert_int_equal(file_status(r_nongov, *n, staff_tok, NULL), 404);
}

/* Contributing for an organization not theirs, however the fields come. */
static void
test_foreign_org(void **state)
{
	char q[24], m[24], path[160];
	const struct ts_res *r;
	int64_t id;
	json_t *j;

	(void)state;
	snprintf(q, sizeof q, "%lld", (long long)quillon);
	snprintf(m, sizeof m, "%lld", (long long)meridian);
	/* repeated, theirs first or last */
	{
		const struct ts_part a[] = { FIELD("title", "Repeat one"), FIELD("kind", "report"),
			FIELD("organization_id", m), FIELD("organization_id", q),
			TXT("a.txt", "repeat one") };
		const struct ts_part b[] = { FIELD("title", "Repeat two"), FIELD("kind", "report"),
			FIELD("organization_id", q), FIELD("organization_id", m),
			TXT("b.txt", "repeat two") };
		const struct ts_part *ps[2] = { a, b };
		int k;

		for (k = 0; k < 2; k++) {
			r = mp("POST", "/api/v1/resources", mo_tok, ps[k], 5);
			if (r->status == 201) {
				id = id_of(r);
				j = as_staff(id);
				assert_int_equal(json_integer_value(json_object_get(j,
				    "organization_id")), meridian);
				json_decref(j);
			} else {
				assert_true(r->status == 403 || r->status == 422);
			}
		}
	}
	/* the query string next to a JSON body */
	snprintf(path, sizeof path, "/api/v1/resources?organization_id=%s", q);
	r = ta_api("POST", path, mo_tok, json_pack("{s:s,s:s,s:s,s:I}", "title", "Mixed",
	    "kind", "report", "link", "https://example.org/mixed", "organization_id",
	    (json_int_t)meridian));
	STATUS(r, 201);
	id = id_of(r);
	j = as_staff(id);
	assert_int_equal(json_integer_value(json_object_get(j, "organization_id")), meridian);
	json_decref(j);
	/* organization_id as a string, a list, negative, huge */
	r = ta_api("POST", "/api/v1/resources", mo_tok, json_pack("{s:s,s:s,s:s,s:s}", "title",
	    "As text", "kind", "report", "link", "https://example.org/t", "organization_id", q));
	STATUS(r, 403);
	r = ta_api("POST", "/api/v1/resources", mo_tok, json_pack("{s:s,s:s,s:s,s:[I,I]}", "title",
	    "As list", "kind", "report", "link", "https://example.org/l", "organization_id",
	    (json_int_t)meridian, (json_int_t)quillon));
	assert_true(r->status == 403 || r->status == 422 || r->status == 201);
	if (r->status == 201) {
		j = as_staff(id_of(r));
		assert_int_equal(json_integer_value(json_object_get(j, "organization_id")),
		    meridian);
		json_decref(j);
	}
	r = ta_api("POST", "/api/v1/resources", mo_tok, json_pack("{s:s,s:s,s:s,s:s}", "title",
	    "Negative", "kind", "report", "link", "https://example.org/n", "organization_id",
	    "-5"));
	assert_true(r->status == 403 || r->status == 422);
	r = ta_api("POST", "/api/v1/resources", mo_tok, json_pack("{s:s,s:s,s:s,s:s}", "title",
	    "Huge", "kind", "report", "link", "https://example.org/h", "organization_id",
	    "99999999999999999999999"));
	assert_true(r->status == 403 || r->status == 422);
	/* PATCH cannot move a resource to another organization */
	r = patch(id, mo_tok, json_pack("{s:I,s:s}", "organization_id", (json_int_t)quillon,
	    "summary", "Moved?"));
	STATUS(r, 200);
	j = as_staff(id);
	assert_int_equal(json_integer_value(json_object_get(j, "organization_id")), meridian);
	json_decref(j);
	assert_int_equal(res_status(id, ada_tok), 404);
	/* nor PATCH Quillon's */
	STATUS(patch(r_cy, mo_tok, json_pack("{s:s}", "title", "Mine now")), 404);
	/* an expert in nobody's name but theirs */
	r = ta_api("POST", "/api/v1/resources", eve_tok, json_pack("{s:s,s:s,s:s,s:I}", "title",
	    "Eve for Quillon", "kind", "report", "link", "https://example.org/e",
	    "organization_id", (json_int_t)quillon));
	STATUS(r, 403);
	/* a focal point and an applicant not at all */
	STATUS(ta_api("POST", "/api/v1/resources", fe_tok, json_pack("{s:s,s:s,s:s,s:I}", "title",
	    "Gov for Quillon", "kind", "report", "link", "https://example.org/g",
	    "organization_id", (json_int_t)quillon)), 403);
}

/* Signed in by cookie, a form (what another site can make a browser send)
 * changes nothing without the CSRF token of one of our pages.  (A JSON
 * body needs a CORS preflight we never grant: csrf.c.) */
static void
test_csrf(void **state)
{
	struct ts_browser *b = ts_browser_new(&srv, NULL);
	const struct ts_part p[] = { FIELD("title", "Forged upload"), FIELD("kind", "report"),
		FIELD("link", "https://example.org/forged") };
	const struct ts_res *r;

	(void)state;
	assert_int_equal(ts_signin(b, "eve@research.example", PW), 303);
	STATUS(ts_multipart(b, "/api/v1/resources", 0, p, 3), 403);
	STATUS(ts_post(b, "/api/v1/resources", "title", "Forged form", "kind", "report",
	    "link", "https://example.org/forged", (char *)NULL), 403);
	assert_int_equal(total(staff_tok, "q=forged"), 0);
	/* with the token of our page, it is Eve's */
	r = ts_multipart(b, "/api/v1/resources", 1, p, 3);
	if (r->status != 201)
		printf("# %ld %s\n", r->status, ts_excerpt(r));
	assert_int_equal(r->status, 201);
	ts_browser_free(b);
}

/* Removed from the organization: its drafts, even their own, are no
 * longer theirs (their old token keeps nothing). */
static void
test_removed_member(void **state)
{
	char path[160];
	const struct ts_res *r;
	int64_t id;

	(void)state;
	r = ta_api("POST", "/api/v1/resources", rex_tok, json_pack("{s:s,s:s,s:s,s:I,s:s}", "title",
	    "Rex draft on drakonite", "kind", "report", "link", "https://example.org/rex",
	    "organization_id", (json_int_t)quillon, "status", "draft"));
	STATUS(r, 201);
	id = id_of(r);
	assert_int_equal(res_status(id, rex_tok), 200);
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/people/%lld/remove",
	    (long long)quillon, (long long)rex_id);
	r = ta_api("POST", path, staff_tok, json_object());
	assert_true(r->status == 200 || r->status == 303);
	assert_int_equal(res_status(id, rex_tok), 404);
	assert_int_equal(total(rex_tok, "q=drakonite"), 0);
	assert_int_equal(res_status(r_nongov, rex_tok), 404);
	assert_true(patch(id, rex_tok, json_pack("{s:s}", "title", "Still mine"))->status ==
	    403);
	/* Quillon keeps it */
	assert_int_equal(res_status(id, ada_tok), 200);
}

/* A suspended organization's people lose member rights: no
 * nongovernmental resources, no members files, no contributing. */
static void
test_suspended_member(void **state)
{
	char path[96], org[24];
	const struct ts_res *r;
	int64_t id;

	(void)state;
	r = ta_api("POST", "/api/v1/resources", sid_tok, json_pack("{s:s,s:s,s:s,s:I,s:s}", "title",
	    "Sable notes", "kind", "report", "link", "https://example.org/sable",
	    "organization_id", (json_int_t)sable, "status", "draft"));
	STATUS(r, 201);
	id = id_of(r);
	snprintf(path, sizeof path, "/organizations/%lld/status", (long long)sable);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s}", "status", "suspended")), 303);
	assert_int_equal(res_status(r_nongov, sid_tok), 404);
	assert_int_equal(total(sid_tok, "q=gryphonite"), 0);
	assert_int_equal(file_status(r_members, "1", sid_tok, NULL), 403);
	assert_true(patch(id, sid_tok, json_pack("{s:s}", "status", "submitted"))->status ==
	    403);
	snprintf(org, sizeof org, "%lld", (long long)sable);
	{
		const struct ts_part p[] = { FIELD("title", "Sable again"), FIELD("kind", "report"),
			FIELD("organization_id", org), TXT("s.txt", "sable again") };

		STATUS(mp("POST", "/api/v1/resources", sid_tok, p, 4), 403);
	}
	/* nobody outside sees its draft */
	assert_int_equal(res_status(id, mo_tok), 404);
	assert_int_equal(res_status(id, NULL), 404);
}

/* ---- the suite ------------------------------------------------------------ */

static int
setup(void **state)
{
	char q[24], path[96];
	const struct ts_res *r;
	json_t *j;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	quillon = org_made("Quillon Ledger Trust", "KE", "info@quillon.example");
	meridian = org_made("Meridian Civic Watch", "MX", "info@meridian.example");
	sable = org_made("Sable Reef Alliance", "SN", "info@sable.example");
	account("sam.staff@hub.test", "staff", 0, staff_tok);
	account("ada@quillon.example", "member", quillon, ada_tok);
	account("cy@quillon.example", "member", quillon, cy_tok);
	rex_id = account("rex@quillon.example", "member", quillon, rex_tok);
	account("mo@meridian.example", "member", meridian, mo_tok);
	account("sid@sable.example", "member", sable, sid_tok);
	account("fe@interior.go.ke", "focal", 0, fe_tok);
	account("pat@nowhere.example", "applicant", 0, pat_tok);
	account("eve@research.example", "applicant", 0, eve_tok);
	r = ta_api("POST", "/api/v1/applications", eve_tok, json_pack("{s:s,s:{s:s,s:s,s:s,s:[s]},"
	    "s:{s:s},s:b}", "kind", "expert", "expert", "name", "Eve Expert", "country", "KE",
	    "biography", "Studies procurement.", "themes", "corruption", "contact", "email",
	    "eve@research.example", "consent", 1));
	STATUS(r, 201);
	j = ts_jbody(r);
	snprintf(path, sizeof path, "/api/v1/applications/%lld/approve",
	    (long long)json_integer_value(json_object_get(j, "id")));
	json_decref(j);
	STATUS(ta_api("POST", path, staff_tok, json_object()), 200);
	token_of("eve@research.example", eve_tok);

	snprintf(q, sizeof q, "%lld", (long long)quillon);
	{
		const struct ts_part p[] = { FIELD("title", "Wyvernquartz plan"),
			FIELD("kind", "guide"), FIELD("organization_id", q), FIELD("status", "draft"),
			FIELD("countries", "IS"), FIELD("themes", "firearms"),
			TXT("plan.txt", "The wyvernquartz route, in full.") };

		r = mp("POST", "/api/v1/resources", cy_tok, p, 7);
		STATUS(r, 201);
		r_cy = id_of(r);
	}
	{
		const struct ts_part p[] = { FIELD("title", "Gryphonite brief"),
			FIELD("kind", "guide"), FIELD("visibility", "nongovernmental"),
			FIELD("status", "published"), FIELD("countries", "NO"),
			TXT("brief.txt", "Gryphonite for civil society.") };

		r = mp("POST", "/api/v1/resources", staff_tok, p, 6);
		STATUS(r, 201);
		r_nongov = id_of(r);
	}
	{
		const struct ts_part p[] = { FIELD("title", "Basiliskine memo"),
			FIELD("kind", "guide"), FIELD("visibility", "staff"),
			FIELD("status", "published"), FIELD("countries", "FI"),
			TXT("memo.txt", "Basiliskine for staff.") };

		r = mp("POST", "/api/v1/resources", staff_tok, p, 6);
		STATUS(r, 201);
		r_staff = id_of(r);
	}
	{
		const struct ts_part p[] = { FIELD("title", "Staff draft staffdraftword"),
			FIELD("kind", "guide"), FIELD("organization_id", q),
			FIELD("countries", "IS"), TXT("sd.txt", "staffdraftword inside.") };

		r = mp("POST", "/api/v1/resources", staff_tok, p, 5);
		STATUS(r, 201);
		r_sdraft = id_of(r);
	}
	{
		const struct ts_part p[] = { FIELD("title", "Members ledger"),
			FIELD("kind", "guide"), FIELD("visibility", "members"),
			FIELD("status", "published"), FIELD("summary", "A ledger for members."),
			TXT("ledger.txt", "The manticorium vault combination is 4711. 保险柜") };

		r = mp("POST", "/api/v1/resources", staff_tok, p, 6);
		STATUS(r, 201);
		r_members = id_of(r);
	}
	text_done(r_cy);
	text_done(r_nongov);
	text_done(r_staff);
	text_done(r_sdraft);
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
		cmocka_unit_test(test_hidden_everywhere),
		cmocka_unit_test(test_members_excerpt),
		cmocka_unit_test(test_bad_ids),
		cmocka_unit_test(test_foreign_org),
		cmocka_unit_test(test_csrf),
		cmocka_unit_test(test_removed_member),
		cmocka_unit_test(test_suspended_member),
		cmocka_unit_test(test_unsubmitted_draft),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("resources_attack", tests, setup, teardown);
}
