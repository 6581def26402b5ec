/*
 * summary_test.c -- the public summary of the membership (/about/members)
 * as a visitor reads it, through a real server: the counts move when staff
 * approve an organization (its country, its region and sub-region, its kind
 * and theme), not before; an organization that does not show its country,
 * kind or themes to everyone is not counted by them but stays in the total;
 * a count of 1 or 2 is shown as "fewer than 3" (JSON: count null,
 * fewer_than 3) in the page, the map, the tables and the JSON; the page has a
 * data table for every chart and a title on each country of the map; French
 * names.
 *
 * The database is $WHATSON_TEST_DB (tests/http/run.t runs this program on
 * SQLite and on PostgreSQL).  Counts are compared with those read before
 * each change, so the tests do not depend on what the database held.
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

#define PW "plum tree orbit sixty"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *visitor, *staff_b, *appl_b;
static char staff_tok[129], appl_tok[129];

/* The body as JSON, asserting that it is. */
/* A new account with role and its API token into tok[129]. */
static void
account_token(const char *email, const char *name, const char *role, char *tok)
{
	struct ts_browser *b = ts_browser_new(&srv, NULL);
	const struct ts_res *r;
	json_t *j;

	assert_true(ts_user_add(db_url, email, name, role, PW) > 0);
	r = ts_call(b, "POST", "/api/v1/session", NULL, json_pack("{s:s,s:s}", "email", email,
	    "password", PW));
	STATUS(r, 201);
	j = ts_jbody(r);
	snprintf(tok, 129, "%s", json_string_value(json_object_get(j, "token")));
	json_decref(j);
	assert_int_equal(strlen(tok), 64);
	ts_browser_free(b);
}

/* What a visitor's API twin says now (caller decrefs). */
static json_t *
summary(void)
{
	const struct ts_res *r = ts_get(visitor, "/api/v1/about/members");

	STATUS(r, 200);
	return ts_jbody(r);
}

#define FEW (-1)	/* a count shown as "fewer than 3" */

/* What the summary shows for n organizations. */
static json_int_t
shown(json_int_t n)
{
	return n > 0 && n < 3 ? FEW : n;
}

/* The count of item it: FEW when it says "fewer than 3" (count null,
 * fewer_than 3). */
static json_int_t
count_of(json_t *it)
{
	json_t *c = json_object_get(it, "count");

	if (json_is_null(c)) {
		assert_int_equal(json_integer_value(json_object_get(it, "fewer_than")), 3);
		return FEW;
	}
	assert_true(json_is_integer(c));
	assert_null(json_object_get(it, "fewer_than"));
	return json_integer_value(c);
}

/* The count of the item with code in list key of s (0 when absent, FEW for
 * "fewer than 3"); for sub-regions, key is "subregions" and they are searched
 * in every region. */
static json_int_t
count_in(json_t *s, const char *key, const char *code)
{
	json_t *it, *sub;
	size_t i, k;

	if (strcmp(key, "total") == 0 || strcmp(key, "no_country") == 0)
		return json_integer_value(json_object_get(s, key));
	if (strcmp(key, "subregions") == 0) {
		json_array_foreach(json_object_get(s, "regions"), i, it)
			json_array_foreach(json_object_get(it, "subregions"), k, sub)
				if (strcmp(json_string_value(json_object_get(sub, "code")), code) == 0)
					return count_of(sub);
		return 0;
	}
	json_array_foreach(json_object_get(s, key), i, it)
		if (strcmp(json_string_value(json_object_get(it, "code")), code) == 0)
			return count_of(it);
	return 0;
}

/* The figure a page shows for a count. */
static const char *
figure(json_int_t n, char *buf, size_t len)
{
	if (n == FEW)
		return "fewer than 3";
	snprintf(buf, len, "%lld", (long long)n);
	return buf;
}

/* What the tests watch: total, one country, its region and sub-region, a
 * kind, a theme, and the organizations without a public country. */
struct watch {
	json_int_t total, country, region, sub, kind, theme, no_country;
};

static struct watch
watch(const char *country, const char *region, const char *sub, const char *kind,
    const char *theme)
{
	json_t *s = summary();
	struct watch w = {
		count_in(s, "total", NULL), count_in(s, "countries", country),
		count_in(s, "regions", region), count_in(s, "subregions", sub),
		count_in(s, "kinds", kind), count_in(s, "themes", theme),
		count_in(s, "no_country", NULL),
	};

	json_decref(s);
	return w;
}

/* Applies (signed in as the applicant) for an organization; the
 * application's id. */
static int64_t
apply(const char *name, const char *country, const char *kind, const char *theme)
{
	const struct ts_res *r;
	json_t *j;
	int64_t id;

	r = ts_call(appl_b, "POST", "/api/v1/applications", appl_tok,
	    json_pack("{s:{s:s,s:s,s:s,s:s,s:[s]},s:{s:s,s:s},s:b}", "organization", "name",
	    name, "kind", kind, "country", country, "description",
	    "A group that follows public money and publishes what it finds.", "themes",
	    theme, "contact", "name", "Ari Applicant", "email", "ari@applicants.test",
	    "consent", 1));
	STATUS(r, 201);
	j = ts_jbody(r);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	assert_true(id > 0);
	return id;
}

/* Staff approve application id; the organization's id. */
static int64_t
approve(int64_t id)
{
	char path[96];
	const struct ts_res *r;
	json_t *j;
	int64_t org;

	snprintf(path, sizeof path, "/api/v1/applications/%lld/approve", (long long)id);
	r = ts_call(staff_b, "POST", path, staff_tok, json_object());
	STATUS(r, 200);
	j = ts_jbody(r);
	org = json_integer_value(json_object_get(j, "organization_id"));
	json_decref(j);
	assert_true(org > 0);
	return org;
}

static void
test_counts_follow_approval(void **state)
{
	struct watch a = watch("KE", "002", "014", "labour_union", "firearms"), b;
	static const char *const names[] = { "Kilima Integrity Forum", "Mto Budget Watch",
		"Pwani Open Books" };
	const struct ts_res *r;
	char s[256], f[32];
	int64_t app;
	int i;

	(void)state;
	/* a fresh database: nothing in Kenya, or enough to be counted */
	assert_true(a.country == 0 && a.region != FEW && a.sub != FEW);
	app = apply(names[0], "KE", "labour_union", "firearms");
	b = watch("KE", "002", "014", "labour_union", "firearms");
	assert_memory_equal(&a, &b, sizeof a);	/* pending: not a member yet */

	for (i = 0; i < 3; i++) {
		json_int_t n = i + 1;

		approve(i ? apply(names[i], "KE", "labour_union", "firearms") : app);
		b = watch("KE", "002", "014", "labour_union", "firearms");
		assert_int_equal(b.total, a.total + n);
		assert_int_equal(b.country, shown(n));
		assert_int_equal(b.region, shown(a.region + n));	/* Africa */
		assert_int_equal(b.sub, shown(a.sub + n));		/* Eastern Africa */
		assert_int_equal(b.kind, shown(a.kind == FEW ? 0 : a.kind + n));
		assert_int_equal(b.no_country, a.no_country);

		/* the page a visitor reads says the same, never 1 or 2 */
		r = ts_get(visitor, "/about/members");
		STATUS(r, 200);
		snprintf(s, sizeof s, "<title>Kenya: %s</title>", figure(b.country, f, sizeof f));
		HAS(r, s);
		snprintf(s, sizeof s, "<th scope=\"row\">Eastern Africa</th><td class=\"num\">%s</td>",
		    figure(b.sub, f, sizeof f));
		HAS(r, s);
		snprintf(s, sizeof s, "<th scope=\"row\">Kenya</th><td>Africa</td><td class=\"num\">%s</td>",
		    figure(b.country, f, sizeof f));
		HAS(r, s);
		snprintf(s, sizeof s, "<th scope=\"row\">Labour union</th><td class=\"num\">%s</td>",
		    figure(b.kind, f, sizeof f));
		HAS(r, s);
		assert_null(strstr(r->body, "Kenya: 1<"));
		assert_null(strstr(r->body, "Kenya: 2<"));
		assert_null(strstr(r->body, ">Labour union: 1<"));
		assert_null(strstr(r->body, ">Labour union: 2<"));
		if (n < 3) {
			HAS(r, "<li><svg width=\"16\" height=\"16\" aria-hidden=\"true\" "
			    "focusable=\"false\"><rect class=\"c1\" width=\"16\" height=\"16\"/>"
			    "</svg> Fewer than 3</li>");
		}
	}
	snprintf(s, sizeof s, "<th scope=\"row\">Africa</th><td class=\"num\">%s</td>",
	    figure(b.region, f, sizeof f));
	HAS(r, s);
	snprintf(s, sizeof s, "%lld organizations are members", (long long)b.total);
	if (b.total > 1)
		HAS(r, s);
}

static void
test_tables_and_map(void **state)
{
	const struct ts_res *r;
	json_t *s;

	(void)state;
	r = ts_get(visitor, "/about/members");
	STATUS(r, 200);
	/* every chart has its data table, with a caption and headers */
	HAS(r, "<caption>Member organizations by country</caption>");
	HAS(r, "<caption>Member organizations by region</caption>");
	HAS(r, "<caption>Member organizations by kind</caption>");
	HAS(r, "<caption>Member organizations by thematic area</caption>");
	HAS(r, "<th scope=\"col\">Region</th>");
	HAS(r, "<svg class=\"map\"");
	HAS(r, "<svg class=\"bars\"");
	HAS(r, "<ul class=\"legend\"");
	HAS(r, "<title>Brazil: ");		/* every country on the map has a title */
	HAS(r, "<title>Türkiye: ");
	HAS(r, "href=\"/about/members\"");	/* in the navigation */
	assert_null(strstr(r->body, "<script>"));	/* drawn on the server */

	/* the API twin has the counts, not the drawing */
	s = summary();
	assert_null(json_object_get(s, "map"));
	assert_null(json_object_get(s, "charts"));
	assert_int_equal(json_array_size(json_object_get(s, "regions")), 5);
	json_decref(s);

	/* in French, region names too */
	r = ts_get(visitor, "/about/members?lang=fr");
	STATUS(r, 200);
	HAS(r, "<h1>Nos membres</h1>");
	HAS(r, "<th scope=\"row\">Afrique</th>");
	HAS(r, "<th scope=\"row\">Afrique orientale</th>");
	HAS(r, "<caption>Organisations membres par région</caption>");
	HAS(r, "</svg> Moins de 3</li>");	/* the map's palest shade */
}

/* Sets organization org's visibility of field to level, as staff. */
static void
set_vis(int64_t org, const char *field, const char *level)
{
	char path[96];

	snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)org);
	STATUS(ts_call(staff_b, "PATCH", path, staff_tok, json_pack("{s:{s:s}}", "visibility",
	    field, level)), 200);
}

/* The attack: an organization shows its country, kind or themes to members
 * (or less) only; a visitor who compares the summary before and after with
 * the public profiles would learn them.  They are not counted. */
static void
test_hidden_fields_not_counted(void **state)
{
	struct watch a = watch("FR", "150", "155", "academia", "corruption"), b;
	static const char *const levels[] = { "members", "nongovernmental", "staff" };
	int64_t org[3];
	int i;

	(void)state;
	/* a fresh database: nothing in France, Europe, academia or corruption */
	assert_true(a.country == 0 && a.region == 0 && a.sub == 0 && a.kind == 0 && a.theme == 0);
	org[0] = approve(apply("Seine Probity Lab", "FR", "academia", "corruption"));
	org[1] = approve(apply("Loire Ledger Watch", "FR", "academia", "corruption"));
	org[2] = approve(apply("Rhone Audit Circle", "FR", "academia", "corruption"));
	b = watch("FR", "150", "155", "academia", "corruption");
	assert_int_equal(b.country, 3);
	assert_int_equal(b.kind, 3);
	assert_int_equal(b.theme, 3);
	assert_int_equal(b.region, 3);

	for (i = 0; i < 3; i++) {	/* one at each level */
		set_vis(org[i], "country", levels[i]);
		set_vis(org[i], "kind", levels[i]);
		set_vis(org[i], "themes", levels[i]);
		b = watch("FR", "150", "155", "academia", "corruption");
		assert_int_equal(b.total, a.total + 3);		/* still members */
		assert_int_equal(b.country, shown(2 - i));	/* 2, 1, then 0: "fewer", then none */
		assert_int_equal(b.region, shown(2 - i));
		assert_int_equal(b.sub, shown(2 - i));
		assert_int_equal(b.kind, shown(2 - i));
		assert_int_equal(b.theme, shown(2 - i));
		assert_int_equal(b.no_country, a.no_country + i + 1);
	}
	/* none of them leaves a trace: as if they were not there */
	b = watch("FR", "150", "155", "academia", "corruption");
	assert_int_equal(b.country, a.country);
	assert_int_equal(b.region, a.region);
	assert_int_equal(b.sub, a.sub);
	assert_int_equal(b.kind, a.kind);
	assert_int_equal(b.theme, a.theme);
	/* shown again, counted again */
	for (i = 0; i < 3; i++) {
		set_vis(org[i], "country", "public");
		set_vis(org[i], "kind", "public");
	}
	b = watch("FR", "150", "155", "academia", "corruption");
	assert_int_equal(b.country, 3);
	assert_int_equal(b.kind, 3);
	assert_int_equal(b.theme, 0);	/* themes still hidden */
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
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	visitor = ts_browser_new(&srv, NULL);
	staff_b = ts_browser_new(&srv, NULL);
	appl_b = ts_browser_new(&srv, NULL);
	account_token("sam.staff@hub.test", "Sam Staff", "staff", staff_tok);
	account_token("ari@applicants.test", "Ari Applicant", "applicant", appl_tok);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ts_browser_free(visitor);
	ts_browser_free(staff_b);
	ts_browser_free(appl_b);
	ts_cleanup();
	return 0;
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_follow_approval),
		cmocka_unit_test(test_tables_and_map),
		cmocka_unit_test(test_hidden_fields_not_counted),
		cmocka_unit_test(test_server_stops_cleanly),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("summary", tests, setup, teardown);
}
