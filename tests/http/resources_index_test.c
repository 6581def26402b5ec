/*
 * resources_index_test.c -- the library's list from memory
 * (app/resources/index.c) answers exactly as the database does.
 *
 * `whatson seed --demo` fills the library (NRES resources, their PDFs'
 * text extracted by the server's jobs) while the server runs, as another
 * node would: the index must catch up with writes it did not make.  Then
 * for COMBOS random combinations -- 0 to 3 filters (kind, theme, language,
 * region, country, year) with 1 to 3 values each (values the library has,
 * and valid codes it does not), for one in three a search for a word of a
 * title or its first letters, two Chinese characters of a title (a
 * substring search), or a word only a "members" file has, a
 * sort, a page and a page size, for staff sometimes a status -- it asks
 * GET /api/v1/resources as a visitor, a member of an organization some
 * resources are credited to, a member of another, a state focal point and
 * staff, once from the index and once from the database (the test builds'
 * X-Test-Library: sql), and the two answers must be the same JSON: total,
 * every facet's counts, the page's items in order with their files,
 * marks and excerpts.  Those viewers, who see no resource only its
 * contributors see, must be answered from memory (X-Test-Library: memory
 * in the answer).  Then it changes the library every way the index must
 * follow -- resources created by staff and submitted by members at each
 * visibility, edits, approvals, rejections, requests for changes, a text
 * job's words, downloads -- and compares again; a member whose
 * organization has a resource under review is answered by the database,
 * and still the same.
 *
 * The combinations come from a fixed seed, printed with every mismatch;
 * WHATSON_RESOURCES_SEED=N runs another one.  The database is
 * $WHATSON_TEST_DB (tests/http/run.t runs this on SQLite and PostgreSQL).
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

#include "lib/people.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"
#define NRES "120"
#define COMBOS 60		/* per viewer and phase */

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *br;

/* Who asks. */
enum { V_VISITOR, V_MEMBER, V_OTHER, V_FOCAL, V_STAFF, V__MAX };
static const char *const viewer_name[] = { "visitor", "member of a credited organization",
	"member of another organization", "focal point", "staff" };
static char tok[V__MAX][129];
static int64_t credited;	/* an organization the seed credits resources to */
static uint64_t seed = 20261206;

/* ---- helpers ------------------------------------------------------------ */

static uint64_t rng;

static uint64_t
rnd(void)
{
	uint64_t z = (rng += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static int
below(int n)
{
	return (int)(rnd() % (uint64_t)n);
}

/* GET path as viewer v, from the index or (sql) the database; the answer
 * (the browser's). */
static const struct ts_res *
ask(int v, const char *path, int sql)
{
	char auth[160];
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
	return ts_req(br, "GET", path, h, NULL, 0);
}

static json_t *
ask_json(int v, const char *path)
{
	const struct ts_res *r = ask(v, path, 0);

	STATUS(r, 200);
	return ts_jbody(r);
}

static const struct ts_res *
api(const char *method, const char *path, const char *token, json_t *b)
{
	return ts_call(br, method, path, token, b);
}

static void
token_of(const char *email, char *out)
{
	const struct ts_res *r = api("POST", "/api/v1/session", NULL, json_pack("{s:s,s:s}",
	    "email", email, "password", PW));
	json_t *j;

	STATUS(r, 201);
	j = ts_jbody(r);
	snprintf(out, 129, "%s", json_string_value(json_object_get(j, "token")));
	json_decref(j);
}

static void
account(const char *email, const char *role, int64_t org, char *out)
{
	assert_true(ts_person_add(db_url, email, email, role, org, PW) > 0);
	token_of(email, out);
}

/* Waits until no text job is queued or running (120 s at most). */
static void
texts_done(void)
{
	assert_int_equal(ts_jobs_idle(br, tok[V_STAFF], "resource_text", 120000), 0);
}

/* ---- the combinations --------------------------------------------------- */

static const char *const params[] = { "kind", "theme", "language", "region", "country",
	"year" };
/* Valid codes the library may well not have. */
static const char *const spare[] = { "legal_instrument", "youth", "is", "142", "TV", "1901" };

/* Appends to b (size n) a random query: filters drawn from facets (the
 * library's counts as staff see them), a search drawn from words, a sort,
 * a page. */
static void
combo(char *b, size_t n, json_t *facets, json_t *words, int staff)
{
	static const char *const sorts[] = { "", "relevance", "newest", "downloads" };
	static const char *const statuses[] = { "published", "submitted", "changes_requested",
		"rejected" };
	size_t len = 0;
	int nf = below(4), i, k;

	b[0] = '\0';
	for (i = 0; i < nf; i++) {
		int p = below(6), nv = 1 + below(3);
		json_t *fc = json_object_get(facets, params[p]);

		for (k = 0; k < nv; k++) {
			const char *val = spare[p];
			void *it;
			int pick = below((int)json_object_size(fc) + 1);

			for (it = json_object_iter(fc); it && pick > 0; it = json_object_iter_next(fc,
			    it))
				if (--pick == 0)
					val = json_object_iter_key(it);
			len += (size_t)snprintf(b + len, n - len, "&%s=%s", params[p], val);
		}
	}
	if (below(3) == 0 && json_array_size(words)) {
		const char *w = json_string_value(json_array_get(words, (size_t)below(
		    (int)json_array_size(words))));
		int cut = (int)strlen(w) > 3 && below(2) && !(*w & 0x80) ? 3 : (int)strlen(w);

		len += (size_t)snprintf(b + len, n - len, "&q=");
		for (k = 0; k < cut; k++)	/* percent-encoded: CJK words too */
			len += (size_t)snprintf(b + len, n - len, "%%%02X", (unsigned char)w[k]);
		if (below(3) == 0 && json_array_size(words) > 1)	/* two words */
			len += (size_t)snprintf(b + len, n - len, "+%s", json_string_value(
			    json_array_get(words, (size_t)below((int)json_array_size(words)))));
	}
	if (staff && below(4) == 0)
		len += (size_t)snprintf(b + len, n - len, "&status=%s", statuses[below(4)]);
	len += (size_t)snprintf(b + len, n - len, "&sort=%s&page=%d&per_page=%d",
	    sorts[below(4)], 1 + below(3), below(2) ? 5 : 20);
}

/* The words to search for: those of the titles the staff see (letters
 * only, 3 or more), and words only files have. */
static json_t *
words_of_titles(void)
{
	json_t *out = json_array(), *j, *it;
	size_t i;
	int page;

	for (page = 1; page <= 5; page++) {
		char path[96];

		snprintf(path, sizeof path, "/api/v1/resources?per_page=100&page=%d", page);
		j = ask_json(V_STAFF, path);
		json_array_foreach(json_object_get(j, "items"), i, it) {
			const char *t = json_string_value(json_object_get(it, "title"));
			const unsigned char *u;
			char w[64];
			size_t n = 0;

			/* two Chinese characters (a substring search) */
			for (u = (const unsigned char *)t; u[0] && u[1] && u[2] && u[3]; u++)
				if (u[0] >= 0xE4 && u[0] <= 0xE9 && u[3] >= 0xE4 && u[3] <= 0xE9 &&
				    below(2) == 0) {
					json_array_append_new(out, json_stringn((const char *)u, 6));
					break;
				}
			for (;; t++) {
				if ((*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z')) {
					if (n < sizeof w - 1)
						w[n++] = (char)(*t | 0x20);
					continue;
				}
				if (n >= 3 && below(4) == 0) {
					w[n] = '\0';
					json_array_append_new(out, json_string(w));
				}
				n = 0;
				if (!*t)
					break;
			}
		}
		json_decref(j);
	}
	json_array_append_new(out, json_string("zanzibarite"));	/* a members' file's */
	json_array_append_new(out, json_string("quokkarium"));	/* a public file's */
	return out;
}

/* Compares COMBOS combinations for every viewer; memory: the viewers who
 * must be answered from memory (a bit each). */
static void
compare_all(const char *phase, unsigned memory)
{
	json_t *facets, *words, *all;
	int v, c, bad = 0, searches = 0, found = 0, by_sql = 0;

	all = ask_json(V_STAFF, "/api/v1/resources?per_page=1");
	facets = json_incref(json_object_get(all, "facets"));
	json_decref(all);
	words = words_of_titles();
	for (v = 0; v < V__MAX; v++) {
		for (c = 0; c < COMBOS; c++) {
			char q[1024], path[1100];
			const struct ts_res *r;
			json_t *mem, *sql;
			const char *how;

			combo(q, sizeof q, facets, words, v == V_STAFF);
			snprintf(path, sizeof path, "/api/v1/resources?%s", q + 1);
			r = ask(v, path, 0);
			how = ts_header(r, "X-Test-Library");
			if (r->status != 200) {
				fprintf(stderr, "# %s, %s: %s: status %ld\n", phase, viewer_name[v], path,
				    r->status);
				bad++;
				continue;
			}
			if ((memory >> v & 1) && (!how || strcmp(how, "memory") != 0)) {
				fprintf(stderr, "# %s, %s: %s: answered by %s, not memory\n", phase,
				    viewer_name[v], path, how ? how : "?");
				bad++;
			}
			searches += strstr(path, "&q=") != NULL || strstr(path, "?q=") != NULL;
			by_sql += !how || strcmp(how, "memory") != 0;
			mem = ts_jbody(r);
			found += json_integer_value(json_object_get(mem, "total")) > 0;
			sql = ts_jbody(ask(v, path, 1));
			if (!json_equal(mem, sql)) {
				char *a = json_dumps(mem, JSON_COMPACT | JSON_SORT_KEYS);
				char *b = json_dumps(sql, JSON_COMPACT | JSON_SORT_KEYS);

				size_t at = 0;

				while (a && b && a[at] && a[at] == b[at])
					at++;
				at = at > 300 ? at - 300 : 0;	/* from a little before they part */
				fprintf(stderr, "# %s, %s (seed %llu): %s\n#  memory: ...%.1500s\n"
				    "#  sql:    ...%.1500s\n", phase, viewer_name[v],
				    (unsigned long long)seed, path, a ? a + at : "", b ? b + at : "");
				free(a);
				free(b);
				bad++;
			}
			json_decref(mem);
			json_decref(sql);
		}
	}
	fprintf(stderr, "# %s: %d combinations for each of %d viewers, %d differences (%d "
	    "searches, %d answers with results, %d answered by the database)\n", phase, COMBOS,
	    V__MAX, bad, searches, found, by_sql);
	json_decref(facets);
	json_decref(words);
	assert_int_equal(bad, 0);
}

/* ---- the tests ---------------------------------------------------------- */

static int
setup(void **state)
{
	char out[4096];
	const char *s = getenv("WHATSON_RESOURCES_SEED");
	json_t *j, *it;
	size_t i;

	(void)state;
	if (s)
		seed = strtoull(s, NULL, 10);
	rng = seed;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	br = ts_browser_new(&srv, NULL);
	/* written by another process: the index catches up with it */
	if (ts_whatson(NULL, out, sizeof out, "seed", "--demo", "--orgs", "12", "--resources",
	    NRES, "--db", db_url, (char *)NULL) != 0) {
		fprintf(stderr, "# seed: %s\n", out);
		return -1;
	}
	account("staff@ridx.example", "staff", 0, tok[V_STAFF]);
	/* the organization credited with the most resources */
	j = ask_json(V_STAFF, "/api/v1/resources?per_page=100");
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (!credited && json_is_integer(json_object_get(it, "organization_id")))
			credited = json_integer_value(json_object_get(it, "organization_id"));
	json_decref(j);
	if (!credited) {
		fprintf(stderr, "# no resource is credited to an organization\n");
		return -1;
	}
	account("member@ridx.example", "member", credited, tok[V_MEMBER]);
	account("other@ridx.example", "member", 0, tok[V_OTHER]);
	account("focal@ridx.example", "focal", 0, tok[V_FOCAL]);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ts_browser_free(br);
	ts_server_stop(&srv);
	ts_sink_stop(&sink);
	ts_cleanup();
	return 0;
}

/* The seeded library, its texts extracted. */
static void
test_seeded(void **state)
{
	(void)state;
	texts_done();
	compare_all("seeded", 0x1F);
}

/* A resource through the API as token (JSON with a link, or a text file
 * when text is not NULL); its id. */
static int64_t
made(const char *token, const char *title, const char *kind, const char *vis,
    const char *theme, const char *country, const char *text, int64_t org,
    const char *status)
{
	char org_s[24], year[8];
	const struct ts_res *r;
	json_t *j;
	int64_t id;

	snprintf(org_s, sizeof org_s, "%lld", (long long)org);
	snprintf(year, sizeof year, "%d", 2000 + below(25));
	if (text) {
		struct ts_part parts[] = {
			{ "title", title, 0, NULL, NULL }, { "kind", kind, 0, NULL, NULL },
			{ "visibility", vis, 0, NULL, NULL }, { "themes", theme, 0, NULL, NULL },
			{ "countries", country, 0, NULL, NULL }, { "languages", "en", 0, NULL, NULL },
			{ "year", year, 0, NULL, NULL },
			{ "summary", "A summary of what it says.", 0, NULL, NULL },
			{ "file", text, 0, "notes.txt", "text/plain" },
			{ "status", status, 0, NULL, NULL },
			{ "organization_id", org_s, 0, NULL, NULL },
		};

		r = ts_multipart_api(br, "POST", "/api/v1/resources", token, parts,
		    org ? 11 : 10);
	} else {
		j = json_pack("{s:s,s:s,s:s,s:[s],s:[s],s:[s],s:i,s:s,s:s}", "title", title, "kind",
		    kind, "visibility", vis, "themes", theme, "countries", country, "languages", "fr",
		    "year", 2000 + below(25), "summary", "Un résumé.", "link",
		    "https://example.org/doc");
		if (org)
			json_object_set_new(j, "organization_id", json_integer(org));
		json_object_set_new(j, "status", json_string(status));
		r = api("POST", "/api/v1/resources", token, j);
	}
	if (r->status != 201)
		fprintf(stderr, "# %s\n", ts_excerpt(r));
	STATUS(r, 201);
	j = ts_jbody(r);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return id;
}

/* Every kind of write the index must follow, then the same answers. */
static void
test_after_writes(void **state)
{
	static const char *const vis[] = { "public", "members", "nongovernmental", "staff" };
	static const char *const kinds[] = { "guide", "toolkit", "report", "video" };
	int64_t ids[16], sub[4];
	char path[128];
	int i;

	(void)state;
	for (i = 0; i < 8; i++)
		ids[i] = made(tok[V_STAFF], i % 2 ? "Lantern field guide" : "Orbit toolkit notes",
		    kinds[i % 4], vis[i % 4], i % 3 ? "corruption" : "youth", i % 2 ? "KE" : "BR",
		    i < 4 ? (i % 2 ? "zanzibarite lantern" : "quokkarium orbit") : NULL, 0,
		    i == 7 ? "draft" : "published");
	/* a member submits for their organization: under review */
	for (i = 0; i < 4; i++)
		sub[i] = made(tok[V_MEMBER], "Plum submission", kinds[i], vis[i], "gender", "IN",
		    i == 0 ? "quokkarium plum" : NULL, credited, "submitted");
	texts_done();
	/* edits: a title, a kind, themes, a visibility */
	snprintf(path, sizeof path, "/api/v1/resources/%lld", (long long)ids[0]);
	STATUS(api("PATCH", path, tok[V_STAFF], json_pack("{s:s,s:s,s:[s,s],s:s}", "title",
	    "Sixty lanterns", "kind", "report", "themes", "youth", "firearms", "visibility",
	    "members")), 200);
	snprintf(path, sizeof path, "/api/v1/resources/%lld", (long long)ids[5]);
	STATUS(api("PATCH", path, tok[V_STAFF], json_pack("{s:s}", "visibility", "public")), 200);
	/* review decisions */
	snprintf(path, sizeof path, "/api/v1/resources/%lld/approve", (long long)sub[0]);
	STATUS(api("POST", path, tok[V_STAFF], NULL), 200);
	snprintf(path, sizeof path, "/api/v1/resources/%lld/reject", (long long)sub[1]);
	STATUS(api("POST", path, tok[V_STAFF], json_pack("{s:s}", "reason", "Off topic.")), 200);
	snprintf(path, sizeof path, "/api/v1/resources/%lld/request-info", (long long)sub[2]);
	STATUS(api("POST", path, tok[V_STAFF], json_pack("{s:s}", "reason", "Which year?")), 200);
	/* downloads: the most downloaded come first */
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "/api/v1/resources/%lld/files/1", (long long)ids[0]);
		STATUS(api("GET", path, tok[V_STAFF], NULL), 200);
	}
	/* the member's organization has resources under review: the database
	 * answers them (and must agree still) */
	compare_all("after writes", 1u << V_VISITOR | 1u << V_OTHER | 1u << V_FOCAL |
	    1u << V_STAFF);
	{
		json_t *j = ask_json(V_VISITOR, "/api/v1/resources?sort=downloads&per_page=1");

		assert_int_equal(json_integer_value(json_object_get(json_array_get(
		    json_object_get(j, "items"), 0), "id")), ids[0]);
		json_decref(j);
	}
}

/* Several values of one filter: either will do. */
static void
test_multi_values(void **state)
{
	json_t *a, *b, *ab;

	(void)state;
	a = ask_json(V_STAFF, "/api/v1/resources?kind=guide");
	b = ask_json(V_STAFF, "/api/v1/resources?kind=toolkit");
	ab = ask_json(V_STAFF, "/api/v1/resources?kind=guide&kind=toolkit");
	assert_int_equal(json_integer_value(json_object_get(ab, "total")),
	    json_integer_value(json_object_get(a, "total")) +
	    json_integer_value(json_object_get(b, "total")));
	assert_true(json_integer_value(json_object_get(a, "total")) > 0);
	json_decref(a);
	json_decref(b);
	json_decref(ab);
	/* an unknown value is still refused */
	STATUS(ask(V_STAFF, "/api/v1/resources?kind=guide&kind=novel", 0), 422);
	STATUS(ask(V_STAFF, "/api/v1/resources?year=1800", 0), 422);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seeded),
		cmocka_unit_test(test_after_writes),
		cmocka_unit_test(test_multi_values),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
