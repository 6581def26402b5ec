/*
 * resources_attack2_test.c -- the second attack round on the library
 * (issue 13): what landed after resources_attack_test.c -- the list
 * answered from memory (app/resources/index.c), the excerpts of its
 * results, and the pages /resources/new and /resources/{id}/edit.
 *
 * Nine viewers -- a visitor; Ada of Quillon; Rex of Quillon, who is removed
 * from it; Mo of Meridian, whom an admin makes a focal point at last; Sid
 * of Sable, which staff suspend; Fe, a focal point; Pat, an applicant; Eve,
 * an expert; staff -- look at resources while they
 * change every way that alters who sees them: visibility public -> staff
 * -> nongovernmental -> members, a staff draft credited to an
 * organization, a member's submission approved, unpublished, sent back
 * for changes and rejected, an organization suspended, a member removed,
 * a role changed.  After each change, for each viewer, the list from
 * memory (no X-Test-Library header) must equal the database's answer
 * (X-Test-Library: sql), for the unfiltered list (items, total, every
 * facet's counts) and a search for the resource's own words; a resource
 * the viewer may not see is in neither, its words match nothing and show
 * in no excerpt, and its page is a 404 -- as RES_VISIBLE says
 * (statements.c), modelled here apart.  A second node on the same
 * database hides a resource, and SQL written straight to it another: the
 * first node's memory stops showing each within its catch-up (waited
 * for, with a generous bound, and the time printed).
 *
 * Then the pages: someone else's edit form (GET and POST), a staff draft's,
 * ids guessed, negative, huge or not numbers, CSRF missing or another
 * session's, hidden fields changed by hand (another organization's credit,
 * status=published, repeated fields), staff publishing a member's draft
 * around the review, what the form echoes escaped, javascript: and data:
 * links refused, and what focal points, applicants and experts are
 * offered.
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
#include <unistd.h>

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

/* ---- who looks ------------------------------------------------------------ */

enum { V_ANON, V_ADA, V_REX, V_MO, V_SID, V_FE, V_PAT, V_EVE, V_STAFF, V__MAX };
static const char *const vname[V__MAX] = { "visitor", "Ada (Quillon)", "Rex (Quillon)",
	"Mo (Meridian)", "Sid (Sable)", "Fe (focal point)", "Pat (applicant)", "Eve (expert)",
	"staff" };
static const char *const vemail[V__MAX] = { NULL, "ada@quillon.example",
	"rex@quillon.example", "mo@meridian.example", "sid@sable.example", "fe@interior.go.ke",
	"pat@nowhere.example", "eve@research.example", "sam.staff@hub.test" };
static char tok[V__MAX][129], admin_tok[129];
static int64_t uid[V__MAX];
static int64_t quillon, meridian, sable;
static int64_t sable_draft;	/* Sid's, for Sable */

/* What changes on the way (the model of who each viewer is). */
static int rex_removed, sid_suspended, mo_focal;

/* The role RES_VISIBLE reads: 's' staff, 'm' member (nongovernmental
 * resources, members' files), 'f' focal point, 'p' applicant, 'a' none. */
static char
role_of(int v)
{
	switch (v) {
	case V_ANON: return 'a';
	case V_STAFF: return 's';
	case V_FE: return 'f';
	case V_PAT: return 'p';
	case V_MO: return mo_focal ? 'f' : 'm';
	case V_SID: return sid_suspended ? 'p' : 'm';
	case V_REX: return rex_removed ? 'p' : 'm';
	default: return 'm';
	}
}

/* Whether viewer v is one of organization org's people. */
static int
in_org(int v, int64_t org)
{
	if (!org)
		return 0;
	if (org == quillon)
		return v == V_ADA || (v == V_REX && !rex_removed);
	if (org == meridian)
		return v == V_MO;
	if (org == sable)
		return v == V_SID;
	return 0;
}

/* A resource and what it is now. */
struct res {
	int64_t id;
	const char *word;	/* in its title, summary and file: nowhere else */
	const char *fword;	/* in its file alone */
	const char *country;	/* its only country: no other resource has it */
	const char *vis, *status, *source;
	int64_t org;
	int creator;		/* a viewer */
};

/* RES_VISIBLE (src/db/statements.c), written out again. */
static int
sees(int v, const struct res *r)
{
	char ro = role_of(v);
	int published = strcmp(r->status, "published") == 0;

	if (ro == 's')
		return 1;
	if (published && (strcmp(r->vis, "public") == 0 || strcmp(r->vis, "members") == 0))
		return 1;
	if (published && strcmp(r->vis, "nongovernmental") == 0 && ro == 'm')
		return 1;
	if (strcmp(r->source, "member") == 0 && ((!r->org && r->creator == v) ||
	    in_org(v, r->org)))
		return 1;
	return 0;
}

/* Whether v's search finds r by its files' words: the database searches
 * the files of a "members" resource only for who may download such files
 * by their role (RES_FILTER), not for its contributors. */
static int
reads_files(int v, const struct res *r)
{
	char ro = role_of(v);

	return strcmp(r->vis, "members") != 0 || ro == 'm' || ro == 'f' || ro == 's';
}

/* ---- helpers ------------------------------------------------------------ */

/* GET path as v, from memory or (sql) from the database. */
static const struct ts_res *
ask(int v, const char *path, int sql)
{
	char auth[200];
	const char *h[4];
	int n = 0;

	h[n++] = "Accept: application/json";
	if (*tok[v]) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", tok[v]);
		h[n++] = auth;
	}
	if (sql)
		h[n++] = "X-Test-Library: sql";
	h[n] = NULL;
	return ts_req(plain, "GET", path, h, NULL, 0);
}

/* The answer to path as v from memory, checked against the database's;
 * the memory's JSON (caller decrefs).  by_memory: it must come from
 * memory. */
static json_t *
same_both(int v, const char *path, int by_memory)
{
	const struct ts_res *r = ask(v, path, 0);
	const char *how = ts_header(r, "X-Test-Library");
	json_t *mem, *sql;

	STATUS(r, 200);
	if (by_memory && (!how || strcmp(how, "memory") != 0)) {
		printf("# %s, %s: answered by %s, not from memory\n", vname[v], path,
		    how ? how : "?");
		fail();
	}
	mem = ts_jbody(r);
	r = ask(v, path, 1);
	STATUS(r, 200);
	sql = ts_jbody(r);
	if (!json_equal(mem, sql)) {
		char *a = json_dumps(mem, JSON_COMPACT | JSON_SORT_KEYS);
		char *b = json_dumps(sql, JSON_COMPACT | JSON_SORT_KEYS);

		printf("# %s, %s:\n#  memory: %.1500s\n#  sql:    %.1500s\n", vname[v], path, a, b);
		free(a);
		free(b);
		fail();
	}
	json_decref(sql);
	return mem;
}

/* Whether list j has resource id among its items. */
static int
listed(json_t *j, int64_t id)
{
	json_t *it;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, it)
		if (json_integer_value(json_object_get(it, "id")) == id)
			return 1;
	return 0;
}

/* Whether v's answer must come from memory: unless v sees, as a
 * contributor, a resource others do not (index.c, res_index_usable). */
static int
memory_for(int v, const struct res *all, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct res *r = &all[i];
		int published = strcmp(r->status, "published") == 0;

		if (role_of(v) == 's' || strcmp(r->source, "member") != 0)
			continue;
		if (published && (strcmp(r->vis, "public") == 0 || strcmp(r->vis, "members") == 0))
			continue;
		if (published && strcmp(r->vis, "nongovernmental") == 0 && role_of(v) == 'm')
			continue;
		if ((!r->org && r->creator == v) || in_org(v, r->org))
			return 0;
	}
	return 1;
}

static int64_t t_start;	/* when the program started */
static struct res lib[16];
static size_t nlib;

/* Whether JSON j, as text, has s. */
static int
json_has(json_t *j, const char *s)
{
	char *t = json_dumps(j, JSON_COMPACT);
	int has = t && strstr(t, s) != NULL;

	free(t);
	return has;
}

/* A search as v for word, from memory and from the database, the same: it
 * finds r (1) or nothing (0), as want says; what it does not find, no
 * answer shows (no title, no excerpt). */
static void
search_is(const char *when, int v, int mem, const struct res *r, const char *word, int want,
    int compare)
{
	char path[160];
	json_t *j;
	int64_t n;

	snprintf(path, sizeof path, "/api/v1/resources?q=%s", word);
	if (compare) {
		j = same_both(v, path, mem);
	} else {
		const struct ts_res *a = ask(v, path, 0);

		STATUS(a, 200);
		j = ts_jbody(a);
	}
	n = json_integer_value(json_object_get(j, "total"));
	if (n != want || listed(j, r->id) != want) {
		printf("# %s: %s finds %lld for %s\n", when, vname[v], (long long)n, word);
		fail();
	}
	if (!want && json_has(j, word)) {
		printf("# %s: %s reads %s in the answer\n", when, vname[v], word);
		fail();
	}
	/* a file's word only in the excerpts of who may read the file */
	if (!(want && reads_files(v, r)) && json_has(j, r->fword)) {
		printf("# %s: %s reads %s in an excerpt\n", when, vname[v], r->fword);
		fail();
	}
	json_decref(j);
}

/*
 * For every viewer in vmask (a bit each): the unfiltered list from memory
 * and from the database, the same, with every resource of lib in it and
 * counted under its country exactly when the model says the viewer sees
 * it, and a hidden one's words nowhere in it; for focus (NULL: every
 * resource of lib), a search for its word and for its file's word, and
 * its page, 200 or 404.
 */
static void
check(const char *when, const struct res *focus, unsigned vmask)
{
	char path[96];
	int v;
	size_t i;

	printf("# %s (at %lld ms)\n", when, (long long)(ts_now_ms() - t_start));
	for (v = 0; v < V__MAX; v++) {
		int mem = memory_for(v, lib, nlib);
		json_t *all;

		if (!(vmask >> v & 1))
			continue;
		all = same_both(v, "/api/v1/resources?per_page=100", mem);
		for (i = 0; i < nlib; i++) {
			const struct res *r = &lib[i];
			int s = sees(v, r);
			long st;

			if (listed(all, r->id) != s ||
			    json_integer_value(json_object_get(json_object_get(json_object_get(all,
			    "facets"), "country"), r->country)) != s || (!s && json_has(all, r->word))) {
				printf("# %s: %s %s resource %lld (%s, %s)\n", when, vname[v],
				    s ? "misses" : "is shown", (long long)r->id, r->vis, r->status);
				fail();
			}
			if (focus && focus != r)
				continue;
			search_is(when, v, mem, r, r->word, s, 1);
			/* the database's answer to a file's word too, when few
			 * viewers are checked (the program stays under 60 s) */
			search_is(when, v, mem, r, r->fword, s && reads_files(v, r), !focus);
			snprintf(path, sizeof path, "/api/v1/resources/%lld", (long long)r->id);
			if ((st = ask(v, path, 0)->status) != (s ? 200 : 404)) {
				printf("# %s: %s gets %ld for resource %lld\n", when, vname[v], st,
				    (long long)r->id);
				fail();
			}
		}
		json_decref(all);
	}
}

#define EVERYONE ((1u << V__MAX) - 1)

/* Waits until no text job is queued or running (120 s at most). */
static void
texts_done(void)
{
	assert_int_equal(ts_jobs_idle(plain, tok[V_STAFF], "resource_text", 120000), 0);
}

#define TXT(name, text) { "file", (text), 0, (name), "text/plain" }
#define FIELD(name, value) { (name), (value), 0, NULL, NULL }
#define NOFILE { "file", "", 0, "", "application/octet-stream" }

/* A resource of lib made through the API by viewer by: its word in its
 * title and summary, its fword in its file. */
static struct res *
made(int by, const char *word, const char *fword, const char *country, const char *vis,
    const char *status, int64_t org)
{
	struct res *r = &lib[nlib++];
	char title[96], summary[160], text[160], org_s[24];
	const struct ts_res *a;
	json_t *j;

	snprintf(title, sizeof title, "The %s handbook", word);
	snprintf(summary, sizeof summary, "What **%s** means for the field.", word);
	snprintf(text, sizeof text, "Inside: %s, then %s at length.", word, fword);
	snprintf(org_s, sizeof org_s, "%lld", (long long)org);
	{
		const struct ts_part p[] = { FIELD("title", title), FIELD("kind", "guide"),
			FIELD("summary", summary), FIELD("visibility", vis), FIELD("status", status),
			FIELD("countries", country), TXT("inside.txt", text),
			FIELD("organization_id", org_s) };

		a = ts_multipart_api(plain, "POST", "/api/v1/resources", tok[by], p, org ? 8 : 7);
	}
	STATUS(a, 201);
	j = ts_jbody(a);
	r->id = json_integer_value(json_object_get(j, "id"));
	r->status = strcmp(json_string_value(json_object_get(j, "status")), "published") == 0 ?
	    "published" : status;
	json_decref(j);
	r->word = word;
	r->fword = fword;
	r->country = country;
	r->vis = vis;
	r->source = by == V_STAFF ? "staff" : "member";
	r->org = org;
	r->creator = by;
	return r;
}

static const struct ts_res *
patch(const struct res *r, int by, json_t *body)
{
	char path[96];

	snprintf(path, sizeof path, "/api/v1/resources/%lld", (long long)r->id);
	return ta_api("PATCH", path, tok[by], body);
}

static const struct ts_res *
verb(const struct res *r, const char *v, json_t *body)
{
	char path[128];

	snprintf(path, sizeof path, "/api/v1/resources/%lld/%s", (long long)r->id, v);
	return ta_api("POST", path, tok[V_STAFF], body ? body : json_object());
}

/* ---- the list from memory -------------------------------------------------- */

/* A staff resource credited to Quillon goes public -> staff ->
 * nongovernmental -> members -> a staff draft -> public again. */
static void
test_staff_resource_visibility(void **state)
{
	struct res *r;

	(void)state;
	r = made(V_STAFF, "phoenixite", "phoenixfile", "LT", "public", "published", quillon);
	texts_done();
	check("a public resource", r, EVERYONE);
	STATUS(patch(r, V_STAFF, json_pack("{s:s}", "visibility", "staff")), 200);
	r->vis = "staff";
	check("made staff only", r, EVERYONE);
	STATUS(patch(r, V_STAFF, json_pack("{s:s}", "visibility", "nongovernmental")), 200);
	r->vis = "nongovernmental";
	check("made nongovernmental", r, EVERYONE);
	STATUS(patch(r, V_STAFF, json_pack("{s:s}", "visibility", "members")), 200);
	r->vis = "members";
	check("made for members", r, EVERYONE);
	/* a staff draft: never shown to members, Quillon's included */
	STATUS(patch(r, V_STAFF, json_pack("{s:s}", "status", "draft")), 200);
	r->status = "draft";
	check("a staff draft credited to Quillon", r, EVERYONE);
	STATUS(patch(r, V_STAFF, json_pack("{s:s,s:s}", "status", "published", "visibility",
	    "public")), 200);
	r->status = "published";
	r->vis = "public";
}

/* Ada's submission for Quillon: under review, published, taken back to a
 * draft, submitted again, sent back for changes, rejected. */
static void
test_member_resource_review(void **state)
{
	struct res *r;

	(void)state;
	r = made(V_ADA, "salamandrine", "salamanderfile", "LV", "members", "submitted", quillon);
	texts_done();
	check("submitted by Ada", r, EVERYONE);
	STATUS(verb(r, "approve", NULL), 200);
	r->status = "published";
	check("approved", r, EVERYONE);
	STATUS(patch(r, V_STAFF, json_pack("{s:s}", "status", "draft")), 200);
	r->status = "draft";
	check("taken back to a draft by staff", r, EVERYONE);
	STATUS(patch(r, V_ADA, json_pack("{s:s}", "status", "submitted")), 200);
	r->status = "submitted";
	STATUS(verb(r, "request-info", json_pack("{s:s}", "reason", "Which year?")), 200);
	r->status = "changes_requested";
	check("changes requested", r, EVERYONE);
	STATUS(patch(r, V_ADA, json_pack("{s:s,s:s}", "status", "submitted", "visibility",
	    "nongovernmental")), 200);
	r->status = "submitted";
	r->vis = "nongovernmental";
	STATUS(verb(r, "reject", json_pack("{s:s}", "reason", "Off topic.")), 200);
	r->status = "rejected";
	check("rejected", r, EVERYONE);
}

/* Eve's own, a nongovernmental one of Meridian's, Sable's draft; then
 * Sable suspended, Rex removed from Quillon, Mo made a focal point. */
static void
test_people_change(void **state)
{
	struct res *m, *s, *e;
	char path[160];
	const struct ts_res *a;

	(void)state;
	e = made(V_EVE, "wyrmwood", "wyrmfile", "EE", "nongovernmental", "submitted", 0);
	m = made(V_MO, "krakenite", "krakenfile", "UY", "nongovernmental", "submitted", meridian);
	s = made(V_SID, "selkiestone", "selkiefile", "GM", "members", "draft", sable);
	sable_draft = s->id;
	made(V_STAFF, "nixieglass", "nixiefile", "BB", "public", "published", sable);
	texts_done();
	STATUS(verb(m, "approve", NULL), 200);
	m->status = "published";
	check("Eve's", e, EVERYONE);
	check("Meridian's", m, EVERYONE);
	check("Sable's", s, EVERYONE);
	HAS(ask(V_ANON, "/api/v1/resources?q=nixieglass", 0), "Sable Reef Alliance");

	snprintf(path, sizeof path, "/organizations/%lld/status", (long long)sable);
	STATUS(ta_api("POST", path, tok[V_STAFF], json_pack("{s:s}", "status", "suspended")), 303);
	sid_suspended = 1;
	check("Sable suspended", NULL, 1u << V_SID | 1u << V_ANON);
	/* from memory too, Sable is credited no more */
	LACKS(ask(V_ANON, "/api/v1/resources?q=nixieglass", 0), "Sable Reef Alliance");
	/* the suspended organization is credited to staff alone */
	snprintf(path, sizeof path, "/api/v1/resources/%lld", (long long)s->id);
	a = ask(V_SID, path, 0);
	STATUS(a, 200);
	LACKS(a, "Sable Reef Alliance");

	snprintf(path, sizeof path, "/api/v1/organizations/%lld/people/%lld/remove",
	    (long long)quillon, (long long)uid[V_REX]);
	a = ta_api("POST", path, tok[V_STAFF], json_object());
	assert_true(a->status == 200 || a->status == 303);
	rex_removed = 1;
	check("Rex removed from Quillon", NULL, 1u << V_REX | 1u << V_ADA);

	snprintf(path, sizeof path, "/admin/users/%lld/role", (long long)uid[V_MO]);
	a = ta_api("POST", path, admin_tok, json_pack("{s:s}", "role", "focal"));
	assert_true(a->status == 200 || a->status == 303);
	mo_focal = 1;
	check("Mo made a focal point", NULL, 1u << V_MO | 1u << V_FE);
}

/* Polls path as a visitor on this node's memory until its answer no longer
 * lists resource id (or, with text, no longer has text), bound 15 s; the
 * milliseconds it took. */
static int64_t
gone_from_memory(const char *path, int64_t id, const char *text)
{
	int64_t t0 = ts_now_ms();

	for (;;) {
		const struct ts_res *a = ask(V_ANON, path, 0);
		json_t *j = ts_jbody(a);
		int still = text ? ts_has(a, text) : listed(j, id);

		json_decref(j);
		if (!still)
			return ts_now_ms() - t0;
		if (ts_now_ms() - t0 > 15000)
			fail_msg("%s still in %s from memory after 15 s", text ? text : "resource",
			    path);
		usleep(20 * 1000);	/* polling for the catch-up, not guessing its time */
	}
}

/* Hidden by another node, and by SQL written straight to the database;
 * an organization suspended by another node: this node's memory follows
 * within its catch-up (once a second). */
static void
test_other_node_hides(void **state)
{
	struct ts_server srv2;
	struct ts_browser *b2;
	struct res *r, *q;
	char path[96];
	int64_t ms;

	(void)state;
	r = made(V_STAFF, "griffonel", "griffonfile", "MT", "public", "published", 0);
	q = made(V_STAFF, "hippogrine", "hippofile", "CY", "public", "published", 0);
	made(V_STAFF, "lamiastone", "lamiafile", "BZ", "public", "published", meridian);
	texts_done();
	HAS(ask(V_ANON, "/api/v1/resources?q=lamiastone", 0), "Meridian Civic Watch");
	memset(&srv2, 0, sizeof srv2);
	assert_int_equal(ts_server_start(&srv2, db_url, &sink, NULL), 0);
	b2 = ts_browser_new(&srv2, NULL);
	snprintf(path, sizeof path, "/api/v1/resources/%lld", (long long)r->id);
	STATUS(ts_call(b2, "PATCH", path, tok[V_STAFF], json_pack("{s:s}", "visibility",
	    "staff")), 200);
	r->vis = "staff";
	ms = gone_from_memory("/api/v1/resources?q=griffonel", r->id, NULL);
	printf("# hidden by the second node: gone from the first's memory in %lld ms\n",
	    (long long)ms);
	snprintf(path, sizeof path, "/organizations/%lld/status", (long long)meridian);
	STATUS(ts_call(b2, "POST", path, tok[V_STAFF], json_pack("{s:s}", "status",
	    "suspended")), 303);
	ms = gone_from_memory("/api/v1/resources?q=lamiastone", 0, "Meridian Civic Watch");
	printf("# Meridian suspended by the second node: uncredited in the first's memory in "
	    "%lld ms\n", (long long)ms);
	ts_browser_free(b2);
	assert_int_equal(ts_server_stop(&srv2), 0);

	ts_db_open(db_url);
	ts_sql_int("UPDATE resources SET status = 'draft', changed_at = %lld WHERE id = %lld",
	    (long long)time(NULL), (long long)q->id);
	ts_db_close();
	q->status = "draft";
	ms = gone_from_memory("/api/v1/resources?per_page=100", q->id, NULL);
	printf("# hidden by SQL: gone from memory in %lld ms\n", (long long)ms);
	check("hidden by another node", r, EVERYONE);
	check("hidden by SQL", q, EVERYONE);
}

/* ---- the pages ------------------------------------------------------------ */

static struct ts_browser *
web(int v)
{
	struct ts_browser *b = ts_signed_in(&srv, NULL, vemail[v], PW);

	assert_non_null(b);
	return b;
}

/* Whose resource it is and who may change it, however the form is sent. */
static void
test_edit_form_attacks(void **state)
{
	static const char *const ids[] = { "0", "-1", "99999999", "9223372036854775807",
		"99999999999999999999999", "abc", "1e3", "%00", NULL };
	struct ts_browser *mo = web(V_MO), *ada = web(V_ADA);
	struct res *d, *sd;
	char path[160], org_q[24], org_m[24], othercsrf[200];
	const char *const *s;
	const struct ts_res *a;
	json_t *j;

	(void)state;
	snprintf(org_q, sizeof org_q, "%lld", (long long)quillon);
	snprintf(org_m, sizeof org_m, "%lld", (long long)meridian);
	d = made(V_ADA, "cockatrine", "cockafile", "LU", "public", "draft", quillon);
	sd = made(V_STAFF, "chimerite", "chimerafile", "MC", "public", "draft", quillon);
	{
		const struct ts_part p[] = { FIELD("title", "Taken over"), FIELD("kind", "guide"),
			FIELD("link", "https://example.org/x"), FIELD("status", "submitted") };

		/* another organization's draft, staff's draft: 404 both ways */
		STATUS(ts_get(mo, "/resources/new"), 200);
		snprintf(path, sizeof path, "/resources/%lld/edit", (long long)d->id);
		STATUS(ts_get(mo, path), 404);
		STATUS(ts_multipart(mo, path, 1, p, 4), 404);
		snprintf(path, sizeof path, "/resources/%lld/edit", (long long)sd->id);
		STATUS(ts_get(ada, path), 404);
		STATUS(ts_get(ada, "/resources/new"), 200);
		STATUS(ts_multipart(ada, path, 1, p, 4), 404);
		/* ids guessed, negative, huge, not numbers */
		for (s = ids; *s; s++) {
			snprintf(path, sizeof path, "/resources/%s/edit", *s);
			STATUS(ts_get(ada, path), 404);
			STATUS(ts_multipart(ada, path, 1, p, 4), 404);	/* the last page's token */
		}
		/* no CSRF token, or Mo's with Ada's session */
		snprintf(path, sizeof path, "/resources/%lld/edit", (long long)d->id);
		STATUS(ts_multipart(ada, path, 0, p, 4), 403);
		snprintf(othercsrf, sizeof othercsrf, "%s", ts_csrf(mo));
		{
			const struct ts_part q[] = { FIELD("csrf", othercsrf),
				FIELD("title", "Taken over"), FIELD("kind", "guide"),
				FIELD("link", "https://example.org/x") };

			STATUS(ts_multipart(ada, path, 0, q, 4), 403);
			STATUS(ts_multipart(ada, "/resources/new", 0, q, 4), 403);
		}
	}
	snprintf(path, sizeof path, "/api/v1/resources/%lld", (long long)d->id);
	j = ts_jbody(ta_api("GET", path, tok[V_STAFF], NULL));
	assert_string_equal(json_string_value(json_object_get(j, "title")),
	    "The cockatrine handbook");
	json_decref(j);

	/* hidden fields by hand: Meridian's credit, publishing, repeated */
	snprintf(path, sizeof path, "/resources/%lld/edit", (long long)d->id);
	STATUS(ts_get(ada, path), 200);
	{
		const struct ts_part p[] = { FIELD("title", "The cockatrine handbook"),
			FIELD("kind", "guide"), FIELD("link", "https://example.org/c"),
			FIELD("organization_id", org_m), FIELD("status", "published") };

		a = ts_multipart(ada, path, 1, p, 5);
		STATUS(a, 422);
		HAS(a, "Staff publish resources after review");
	}
	{
		const struct ts_part p[] = { FIELD("title", "The cockatrine handbook"),
			FIELD("kind", "guide"), FIELD("link", "https://example.org/c"),
			FIELD("status", "submitted"), FIELD("status", "published") };

		STATUS(ts_multipart(ada, path, 1, p, 5), 422);
	}
	{
		const struct ts_part p[] = { FIELD("title", "The cockatrine handbook"),
			FIELD("kind", "guide"), FIELD("link", "https://example.org/c"),
			FIELD("organization_id", org_m), FIELD("organization_id", "0"),
			FIELD("countries", "LU"), FIELD("status", "published"),
			FIELD("status", "draft") };

		STATUS(ts_multipart(ada, path, 1, p, 8), 303);
	}
	snprintf(path, sizeof path, "/api/v1/resources/%lld", (long long)d->id);
	j = ts_jbody(ta_api("GET", path, tok[V_STAFF], NULL));
	assert_int_equal(json_integer_value(json_object_get(j, "organization_id")), quillon);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "draft");
	/* no visibility sent (above), or an empty one: it stays */
	assert_string_equal(json_string_value(json_object_get(j, "visibility")), "public");
	json_decref(j);
	STATUS(patch(d, V_ADA, json_pack("{s:s}", "visibility", "")), 200);
	STATUS(patch(d, V_ADA, json_pack("{s:s}", "visibility", "secret")), 422);
	STATUS(patch(d, V_ADA, json_pack("{s:i}", "visibility", 3)), 422);

	/* a new one for Meridian, however the organization comes */
	STATUS(ts_get(ada, "/resources/new"), 200);
	{
		const struct ts_part p[] = { FIELD("title", "Ada for Meridian"),
			FIELD("kind", "guide"), FIELD("link", "https://example.org/m"),
			FIELD("organization_id", org_m), FIELD("status", "submitted") };
		const struct ts_part p2[] = { FIELD("title", "Ada for Meridian"),
			FIELD("kind", "guide"), FIELD("link", "https://example.org/m"),
			FIELD("organization_id", org_q), FIELD("organization_id", org_m),
			FIELD("status", "submitted") };
		const struct ts_part p3[] = { FIELD("title", "Ada publishes"),
			FIELD("kind", "guide"), FIELD("link", "https://example.org/p"),
			FIELD("organization_id", org_q), FIELD("status", "published") };

		STATUS(ts_multipart(ada, "/resources/new", 1, p, 5), 403);
		STATUS(ts_multipart(ada, "/resources/new", 1, p2, 6), 403);
		a = ts_multipart(ada, "/resources/new", 1, p3, 5);
		STATUS(a, 422);
		HAS(a, "Staff publish resources after review");
	}
	j = ts_jbody(ta_api("GET", "/api/v1/resources?q=meridian+ada&per_page=100", tok[V_STAFF],
	    NULL));
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);
	j = ts_jbody(ta_api("GET", "/api/v1/resources?q=publishes", tok[V_STAFF], NULL));
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);
	ts_browser_free(mo);
	ts_browser_free(ada);
}

/* Staff publish a member's resource through the review (which tells the
 * member and writes it in the organization's history), not around it: a
 * member's draft is not staff's to publish, from the form or the API. */
static void
test_staff_cannot_skip_review(void **state)
{
	struct ts_browser *sam = web(V_STAFF);
	struct res *d, *sub;
	char path[160];
	const struct ts_res *a;
	json_t *j;

	(void)state;
	d = made(V_ADA, "basilard", "basilfile", "LI", "public", "draft", quillon);
	sub = made(V_ADA, "mandragor", "mandrafile", "AD", "public", "submitted", quillon);
	snprintf(path, sizeof path, "/resources/%lld/edit", (long long)d->id);
	a = ts_get(sam, path);
	STATUS(a, 200);
	LACKS(a, "value=\"published\"");
	{
		const struct ts_part p[] = { FIELD("title", "The basilard handbook"),
			FIELD("kind", "guide"), FIELD("status", "published") };

		a = ts_multipart(sam, path, 1, p, 3);
		STATUS(a, 422);
		HAS(a, "review");
	}
	STATUS(patch(d, V_STAFF, json_pack("{s:s}", "status", "published")), 422);
	STATUS(patch(sub, V_STAFF, json_pack("{s:s}", "status", "published")), 422);
	j = ts_jbody(ta_api("GET", "/api/v1/resources?q=basilard", NULL, NULL));
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);
	j = ts_jbody(ta_api("GET", "/api/v1/resources?q=mandragor", NULL, NULL));
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);
	/* the review publishes the submitted one; staff then edit it freely */
	STATUS(verb(sub, "approve", NULL), 200);
	sub->status = "published";
	STATUS(patch(sub, V_STAFF, json_pack("{s:s,s:s}", "title", "The mandragor handbook",
	    "status", "published")), 200);
	d->status = "draft";
	ts_browser_free(sam);
}

/* What the form echoes is escaped; javascript: and data: links refused. */
static void
test_echo_escaped(void **state)
{
	static const char *const links[] = { " JaVaScRiPt:alert(1)",
		"data:text/html,<script>alert(1)</script>", "https:javascript:alert(1)",
		"http://x\" onmouseover=\"a", NULL };
	struct ts_browser *ada = web(V_ADA);
	char org[24], path[96];
	const char *const *l;
	const struct ts_res *a;
	int64_t id;

	(void)state;
	snprintf(org, sizeof org, "%lld", (long long)quillon);
	STATUS(ts_get(ada, "/resources/new"), 200);
	{
		const struct ts_part p[] = {
			FIELD("title", "<script>alert('t')</script>"), FIELD("kind", "guide"),
			FIELD("summary", "</textarea><script>alert('s')</script>"),
			FIELD("authors", "</textarea><img src=x onerror=alert('a')>"),
			FIELD("publisher", "\"><img src=x onerror=alert('p')>"),
			FIELD("year", "\"><b>y"), FIELD("organization_id", org),
			FIELD("link", "javascript:alert('l')"),
			{ "file", "<html><script>alert('f')</script>", 0,
			    "<img src=x onerror=alert('n')>.pdf", "application/pdf" },
		};

		a = ts_multipart(ada, "/resources/new", 1, p, sizeof p / sizeof p[0]);
	}
	STATUS(a, 422);
	HAS(a, "id=\"e-link\"");
	HAS(a, "&lt;script&gt;alert(");
	LACKS(a, "<script>alert(");
	LACKS(a, "<img src=x");
	LACKS(a, "<b>y");
	for (l = links; *l; l++) {
		const struct ts_part p[] = { FIELD("title", "Linked"), FIELD("kind", "guide"),
			FIELD("organization_id", org), FIELD("link", *l) };

		a = ts_multipart(ada, "/resources/new", 1, p, 4);
		if (a->status != 422)
			printf("# link %s: %ld\n", *l, a->status);
		STATUS(a, 422);
		HAS(a, "id=\"e-link\"");
		LACKS(a, "onmouseover=\"a");
		assert_int_equal(ta_api("POST", "/api/v1/resources", tok[V_ADA], json_pack(
		    "{s:s,s:s,s:I,s:s}", "title", "Linked", "kind", "guide", "organization_id",
		    (json_int_t)quillon, "link", *l))->status, 422);
	}
	/* the same on the edit form */
	{
		const struct ts_part p[] = { FIELD("title", "Escaped edit"), FIELD("kind", "guide"),
			FIELD("organization_id", org), FIELD("link", "https://example.org/e"),
			FIELD("status", "draft") };

		const char *loc;

		a = ts_multipart(ada, "/resources/new", 1, p, 5);
		STATUS(a, 303);
		loc = ts_header(a, "Location");
		assert_non_null(loc);
		id = strtoll(loc + 11, NULL, 10);
	}
	assert_true(id > 0);
	snprintf(path, sizeof path, "/resources/%lld/edit", (long long)id);
	STATUS(ts_get(ada, path), 200);
	{
		const struct ts_part p[] = { FIELD("title", "<svg onload=alert(1)>"),
			FIELD("kind", "guide"), FIELD("link", "data:text/html;base64,PHNjcmlwdD4="),
			FIELD("summary", "<iframe src=javascript:alert(2)>") };

		a = ts_multipart(ada, path, 1, p, 4);
	}
	STATUS(a, 422);
	HAS(a, "id=\"e-link\"");
	LACKS(a, "<svg onload");
	LACKS(a, "<iframe");
	HAS(a, "&lt;svg onload&#x3D;alert(1)&gt;");
	ts_browser_free(ada);
}

/* The new form as each role: what the route table and DESIGN.md say. */
static void
test_who_gets_the_form(void **state)
{
	struct ts_browser *b;
	const struct ts_res *a;
	int v;
	char org[24], path[96];

	(void)state;
	snprintf(org, sizeof org, "%lld", (long long)meridian);
	for (v = V_FE; v <= V_PAT; v++) {	/* a focal point, an applicant */
		const struct ts_part p[] = { FIELD("title", "Not theirs"), FIELD("kind", "guide"),
			FIELD("link", "https://example.org/n"), FIELD("organization_id", org) };

		b = web(v);
		a = ts_get(b, "/resources");
		STATUS(a, 200);
		LACKS(a, "href=\"/resources/new\"");
		STATUS(ts_get(b, "/resources/new"), 403);
		ts_get(b, "/resources");	/* a token from a page */
		STATUS(ts_multipart(b, "/resources/new", 1, p, 4), 403);
		ts_browser_free(b);
	}
	/* Sid (suspended) and Rex (removed) are applicants now: Sid still
	 * reads Sable's draft, and is not offered its edit form either */
	b = web(V_SID);
	STATUS(ts_get(b, "/resources/new"), 403);
	snprintf(path, sizeof path, "/resources/%lld", (long long)sable_draft);
	a = ts_get(b, path);
	STATUS(a, 200);
	LACKS(a, "/edit\"");
	snprintf(path, sizeof path, "/resources/%lld/edit", (long long)sable_draft);
	STATUS(ts_get(b, path), 403);
	ts_browser_free(b);
	b = web(V_REX);
	STATUS(ts_get(b, "/resources/new"), 403);
	ts_browser_free(b);
	/* an expert shares in their own name, for no organization */
	b = web(V_EVE);
	a = ts_get(b, "/resources/new");
	STATUS(a, 200);
	LACKS(a, "name=\"organization_id\"");
	{
		const struct ts_part p[] = { FIELD("title", "Eve for Meridian"),
			FIELD("kind", "guide"), FIELD("link", "https://example.org/e"),
			FIELD("organization_id", org), FIELD("status", "submitted") };

		STATUS(ts_multipart(b, "/resources/new", 1, p, 5), 403);
	}
	ts_browser_free(b);
}

/* ---- the suite ------------------------------------------------------------ */

static int
setup(void **state)
{
	char path[96];
	const struct ts_res *r;
	json_t *j;
	int v;

	(void)state;
	t_start = ts_now_ms();
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	quillon = ts_org_import(db_url, "Quillon Ledger Trust", "KE", "info@quillon.example",
	    NULL);
	meridian = ts_org_import(db_url, "Meridian Civic Watch", "MX", "info@meridian.example",
	    NULL);
	sable = ts_org_import(db_url, "Sable Reef Alliance", "SN", "info@sable.example", NULL);
	if (quillon <= 0 || meridian <= 0 || sable <= 0)
		return -1;
	for (v = V_ADA; v < V__MAX; v++) {
		const char *role = v == V_STAFF ? "staff" : v == V_FE ? "focal" :
		    v == V_PAT || v == V_EVE ? "applicant" : "member";
		int64_t org = v <= V_REX ? quillon : v == V_MO ? meridian : v == V_SID ? sable : 0;

		uid[v] = ts_person_add(db_url, vemail[v], vemail[v], role, org, PW);
		if (uid[v] <= 0 || ts_token(plain, vemail[v], PW, tok[v], sizeof tok[v]) != 0)
			return -1;
	}
	if (ts_person_add(db_url, "ann.admin@hub.test", "Ann", "admin", 0, PW) <= 0 ||
	    ts_token(plain, "ann.admin@hub.test", PW, admin_tok, sizeof admin_tok) != 0)
		return -1;
	/* Eve becomes an expert: a member without an organization */
	r = ta_api("POST", "/api/v1/applications", tok[V_EVE], json_pack("{s:s,s:{s:s,s:s,s:s,"
	    "s:[s]},s:{s:s},s:b}", "kind", "expert", "expert", "name", "Eve Expert", "country",
	    "KE", "biography", "Studies procurement.", "themes", "corruption", "contact", "email",
	    vemail[V_EVE], "consent", 1));
	if (r->status != 201)
		return -1;
	j = ts_jbody(r);
	snprintf(path, sizeof path, "/api/v1/applications/%lld/approve",
	    (long long)json_integer_value(json_object_get(j, "id")));
	json_decref(j);
	if (ta_api("POST", path, tok[V_STAFF], json_object())->status != 200)
		return -1;
	printf("# set up in %lld ms\n", (long long)(ts_now_ms() - t_start));
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
		cmocka_unit_test(test_staff_resource_visibility),
		cmocka_unit_test(test_member_resource_review),
		cmocka_unit_test(test_edit_form_attacks),
		cmocka_unit_test(test_staff_cannot_skip_review),
		cmocka_unit_test(test_echo_escaped),
		cmocka_unit_test(test_people_change),
		cmocka_unit_test(test_who_gets_the_form),
		cmocka_unit_test(test_other_node_hides),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("resources_attack2", tests, setup, teardown);
}
