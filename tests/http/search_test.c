/*
 * search_test.c -- the directory's text search through a real server: what
 * a member types finds what they expect, on both backends (tests/http/run.t).
 *
 * The database is seeded with the demo data (300 organizations) after the
 * server started, so the index also has to catch up with writes it did not
 * make; staff then give a few organizations names and descriptions worth
 * searching for (accents, Chinese, a rare word) through the API.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <cmocka.h>

#include "lib/testsrv.h"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *staff, *member;

/* GET path as b, as JSON (caller decrefs); asserts a 200. */
static json_t *
get_json(struct ts_browser *b, const char *path)
{
	const struct ts_res *r = ts_api(b, "GET", path, NULL, NULL);
	json_t *j;

	STATUS(r, 200);
	j = ts_json(r);
	assert_non_null(j);
	return j;
}

/* The directory's answer to query string qs (percent-encoded) for b. */
static json_t *
search(struct ts_browser *b, const char *qs)
{
	char path[1024];

	snprintf(path, sizeof path, "/api/v1/organizations?%s", qs);
	return get_json(b, path);
}

static int64_t
total_of(json_t *j)
{
	return json_integer_value(json_object_get(j, "total"));
}

/* True when organization id is among j's items. */
static int
lists(json_t *j, int64_t id)
{
	json_t *it;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, it)
		if (json_integer_value(json_object_get(it, "id")) == id)
			return 1;
	return 0;
}

/* Staff change organization id's fields (a JSON object). */
static void
edit(int64_t id, const char *fields)
{
	char path[64];
	const struct ts_res *r;

	snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)id);
	r = ts_api(staff, "PATCH", path, NULL, fields);
	STATUS(r, 200);
}

static int
setup(void **state)
{
	char out[4096];
	json_t *j;
	int i;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	if (ts_whatson(NULL, out, sizeof out, "seed", "--demo", "--orgs", "300", "--db", db_url,
	    (char *)NULL) != 0) {
		printf("# seed failed: %s\n", out);
		return -1;
	}
	staff = ts_browser_new(&srv, NULL);
	member = ts_browser_new(&srv, NULL);
	if (ts_signin(staff, "staff@example.org", "demo-staff-pass-2026") != 303 ||
	    ts_signin(member, "member@example.org", "demo-member-pass-2026") != 303)
		return -1;
	/* the index reads what the seed wrote within a second or two */
	for (i = 0; i < 40; i++) {
		const struct ts_res *r = ts_api(staff, "GET", "/api/v1/organizations?per_page=1",
		    NULL, NULL);

		j = ts_json(r);
		if (j && total_of(j) >= 300) {
			json_decref(j);
			break;
		}
		json_decref(j);
		usleep(100 * 1000);
	}
	edit(2, "{\"name\":\"Café Intégrité Réseau\","
	    "\"description\":\"Lutte contre la corruption à Abidjan.\"}");
	edit(3, "{\"name\":\"反腐败联盟\",\"description\":\"中国的反腐败组织\"}");
	edit(4, "{\"description\":\"Whistle-blower protection in the Arctic.\"}");
	edit(6, "{\"name\":\"Zulu Zephyr Trust\"}");
	edit(7, "{\"name\":\"Aardvark Forum\",\"description\":\"Works with zephyr groups.\"}");
	edit(8, "{\"name\":\"Abacus Circle\",\"description\":\"Zephyr, zephyr and more zephyr.\"}");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ts_browser_free(staff);
	ts_browser_free(member);
	ts_cleanup();
	return 0;
}

/* Accents and case do not matter; every word must match, as a prefix. */
static void
test_words_accents_prefixes(void **state)
{
	json_t *j;

	(void)state;
	j = search(member, "q=cafe+integ");
	assert_int_equal(total_of(j), 1);
	assert_true(lists(j, 2));
	json_decref(j);
	j = search(member, "q=CAF%C3%89");	/* CAFÉ */
	assert_true(lists(j, 2));
	json_decref(j);
	j = search(member, "q=abidjan");	/* the description */
	assert_true(lists(j, 2));
	json_decref(j);
	j = search(member, "q=cafe+nowhere");	/* all words, not any */
	assert_int_equal(total_of(j), 0);
	json_decref(j);
}

/* A theme's or country's name finds the organizations that have it, in
 * English and in French, and agrees with the filter on the same value. */
static void
test_theme_and_country_names(void **state)
{
	json_t *j, *f;
	int64_t ke;

	(void)state;
	j = search(member, "country=KE&per_page=1");
	ke = total_of(j);
	json_decref(j);
	assert_true(ke > 0);
	j = search(member, "q=kenya&country=KE&per_page=1");
	assert_int_equal(total_of(j), ke);
	/* the counts of other countries apply the search too */
	f = json_object_get(json_object_get(j, "facets"), "country");
	assert_int_equal(json_integer_value(json_object_get(f, "KE")), ke);
	json_decref(j);
	j = search(member, "q=corruption&per_page=1");
	assert_true(total_of(j) > 0);
	json_decref(j);
}

/* Regions (M49): a region filter agrees with its count, a sub-region's
 * countries are in it, Kenya is in Eastern Africa, codes are checked. */
static void
test_regions(void **state)
{
	json_t *j, *k;
	int64_t africa, east, kenya;
	const struct ts_res *r;

	(void)state;
	j = search(member, "per_page=1");
	k = json_object_get(json_object_get(j, "facets"), "region");
	africa = json_integer_value(json_object_get(k, "002"));
	east = json_integer_value(json_object_get(k, "014"));
	kenya = json_integer_value(json_object_get(json_object_get(json_object_get(j,
	    "facets"), "country"), "KE"));
	json_decref(j);
	assert_true(kenya > 0 && kenya <= east && east < africa);
	j = search(member, "region=014&per_page=1");
	assert_int_equal(total_of(j), east);
	json_decref(j);
	j = search(member, "region=002&region=014&per_page=1");	/* OR: Africa */
	assert_int_equal(total_of(j), africa);
	json_decref(j);
	j = search(member, "region=014&country=KE&per_page=1");
	assert_int_equal(total_of(j), kenya);
	json_decref(j);
	r = ts_api(member, "GET", "/api/v1/organizations?region=999", NULL, NULL);
	STATUS(r, 422);
	HAS(r, "\"region\"");
	r = ts_get(member, "/organizations?region=014");
	STATUS(r, 200);
	HAS(r, "value=\"014\" checked> Eastern Africa");
}

/* Two Chinese characters inside a longer word, which the tokenizers keep
 * whole, are still found (the substring fallback). */
static void
test_cjk(void **state)
{
	json_t *j;

	(void)state;
	j = search(member, "q=%E8%85%90%E8%B4%A5");	/* 腐败 */
	assert_int_equal(total_of(j), 1);
	assert_true(lists(j, 3));
	json_decref(j);
	j = search(member, "q=%E7%BB%84%E7%BB%87");	/* 组织, in the description */
	assert_true(lists(j, 3));
	json_decref(j);
}

/* An edit changes what the search finds at once; a field the organization
 * shows to staff only is not searched for members. */
static void
test_edits_and_visibility(void **state)
{
	json_t *j;

	(void)state;
	j = search(member, "q=arctic");
	assert_int_equal(total_of(j), 1);
	json_decref(j);
	edit(4, "{\"description\":\"Whistle-blower protection in the tundra.\"}");
	j = search(member, "q=arctic");
	assert_int_equal(total_of(j), 0);
	json_decref(j);
	j = search(member, "q=tundra");
	assert_int_equal(total_of(j), 1);
	json_decref(j);
	edit(4, "{\"visibility\":{\"description\":\"staff\"}}");
	j = search(member, "q=tundra");
	assert_int_equal(total_of(j), 0);
	json_decref(j);
}

/* The page marks the words, keeps the search in the form and in its links,
 * and sorts by relevance, name or newest on request. */
static void
test_page_marks_and_sorts(void **state)
{
	const struct ts_res *r;
	json_t *j, *it;
	const char *prev = "";
	size_t i;

	(void)state;
	r = ts_get(member, "/organizations?q=abidjan");
	STATUS(r, 200);
	HAS(r, "<mark>Abidjan</mark>");
	HAS(r, "value=\"abidjan\"");
	HAS(r, "<option value=\"\" selected>Best match");
	r = ts_get(member, "/organizations?q=a&per_page=10");
	STATUS(r, 200);
	HAS(r, "href=\"?q&#x3D;a&amp;per_page&#x3D;10&amp;page=2\"");	/* = escaped */
	r = ts_get(member, "/organizations?q=%3Cscript%3E");	/* escaped, not run */
	STATUS(r, 200);
	HAS(r, "value=\"&lt;script&gt;\"");
	j = search(member, "q=a&sort=name&per_page=100");
	json_array_foreach(json_object_get(j, "items"), i, it) {
		const char *name = json_string_value(json_object_get(it, "name"));

		assert_true(strcasecmp(prev, name) <= 0);
		prev = name;
	}
	json_decref(j);
}

/* Best match: organizations with the words in their name or acronym come
 * first, then the others, each group by name. */
static void
test_relevance(void **state)
{
	json_t *j, *items;

	(void)state;
	j = search(member, "q=zephyr");
	items = json_object_get(j, "items");
	assert_int_equal(total_of(j), 3);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 0), "id")), 6);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 1), "id")), 7);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 2), "id")), 8);
	json_decref(j);
	j = search(member, "q=zephyr&sort=name");	/* Aardvark, Abacus, Zulu */
	items = json_object_get(j, "items");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 0), "id")), 7);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(items, 2), "id")), 6);
	json_decref(j);
}

/* Bad searches are a 422 naming the field; the search's own syntax is
 * plain text. */
static void
test_bad_and_hostile_queries(void **state)
{
	char qs[512];
	const struct ts_res *r;
	json_t *j;

	(void)state;
	memset(qs, 0, sizeof qs);
	memset(qs + snprintf(qs, sizeof qs, "/api/v1/organizations?q="), 'x', 201);
	r = ts_api(member, "GET", qs, NULL, NULL);
	STATUS(r, 422);
	HAS(r, "\"q\"");
	r = ts_api(member, "GET", "/api/v1/organizations?q=%FF%FE", NULL, NULL);
	STATUS(r, 422);
	r = ts_api(member, "GET", "/api/v1/organizations?sort=loudest", NULL, NULL);
	STATUS(r, 422);
	/* FTS5 and tsquery operators are only punctuation here */
	j = search(member, "q=%22%2A%3A%26%7C%21%28%29+NEAR+AND+OR+NOT+caf%C3%A9");
	json_decref(j);
	j = search(member, "q=%22%27%3B--");
	assert_true(total_of(j) >= 300);	/* nothing to search for: everything */
	json_decref(j);
}

/* Each organization has one year joined: the year counts add up to the
 * total, and filtering on a year agrees with its count. */
static void
test_year_facet(void **state)
{
	json_t *j, *years, *c, *k;
	const char *y, *some = NULL;
	int64_t sum = 0, n = 0;
	char qs[64];

	(void)state;
	j = search(staff, "per_page=1");
	years = json_object_get(json_object_get(j, "facets"), "year");
	json_object_foreach(years, y, c) {
		sum += json_integer_value(c);
		if (json_integer_value(c) > 0) {
			some = y;
			n = json_integer_value(c);
		}
	}
	assert_int_equal(sum, total_of(j));
	assert_non_null(some);
	snprintf(qs, sizeof qs, "year=%s&per_page=1", some);
	k = search(staff, qs);
	assert_int_equal(total_of(k), n);
	json_decref(k);
	json_decref(j);
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words_accents_prefixes),
		cmocka_unit_test(test_theme_and_country_names),
		cmocka_unit_test(test_regions),
		cmocka_unit_test(test_cjk),
		cmocka_unit_test(test_edits_and_visibility),
		cmocka_unit_test(test_page_marks_and_sorts),
		cmocka_unit_test(test_relevance),
		cmocka_unit_test(test_bad_and_hostile_queries),
		cmocka_unit_test(test_year_facet),
	};

	return cmocka_run_group_tests_name("search", tests, setup, teardown);
}
