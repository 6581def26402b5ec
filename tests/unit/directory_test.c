/*
 * directory_test.c -- the directory index against a brute-force count:
 * random documents, 200 random filter combinations, then again after
 * replacements and removals.  Every total, every page and every facet count
 * must match what a plain scan of the documents says, at every viewer level
 * (documents hide facets from levels below theirs) and with the alternative
 * search text of viewers who search it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "app/directory/index.h"

#define NDOCS 3000

static const char *const pool[DF__MAX][12] = {
	{"KE", "NG", "FR", "BR", "IN", "MX", "UA", "PH", "EG", "CI", "XK", "TR"},
	{"002", "014", "011", "150", "039", "019", "419", "142"},
	{"ngo", "academia", "private_sector", "foundation", "network", "other"},
	{"corruption", "cybercrime", "gender", "youth", "firearms", "money_laundering"},
	{"en", "fr", "es", "ar", "ru", "zh"},
	{"none", "general", "special", "roster"},
	{"2021", "2022", "2023", "2024", "2025"},
	{"approved", "pending", "suspended"},
};
static const size_t pool_n[DF__MAX] = {12, 8, 6, 6, 6, 4, 5, 3};

struct mdoc {		/* the test's own copy of a document */
	int64_t id;
	char name[32];
	int64_t created;
	int has[DF__MAX][12];
	int need[DF__MAX];	/* the level that sees the facet */
	int alt;		/* alt_text */
	int alive;
};

static int qlevel;		/* the query's viewer level */

static struct mdoc docs[NDOCS];
static uint64_t seed = 42;

static unsigned
rnd(unsigned n)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((seed >> 33) % n);
}

static void
make_doc(struct mdoc *m, int64_t id)
{
	int f;
	size_t v;

	memset(m, 0, sizeof *m);
	m->id = id;
	snprintf(m->name, sizeof m->name, "%c%c org %u", 'a' + rnd(26), 'A' + rnd(26),
	    rnd(1000));
	m->created = 1000 + rnd(500);
	m->alive = 1;
	for (f = 0; f < DF__MAX; f++) {
		int multi = f == DF_THEME || f == DF_LANGUAGE || f == DF_COUNTRY ||
		    f == DF_REGION;

		m->has[f][rnd((unsigned)pool_n[f])] = 1;
		if (multi)
			for (v = 0; v < pool_n[f]; v++)
				if (rnd(5) == 0)
					m->has[f][v] = 1;
		m->need[f] = rnd(3) == 0 ? (int)rnd(DIR_LEVELS) : 0;
	}
	m->alt = rnd(4) == 0;
}

static void
put(struct dir_index *x, const struct mdoc *m)
{
	struct dir_doc d;
	int f;
	size_t v, k;

	memset(&d, 0, sizeof d);
	d.id = m->id;
	d.name = m->name;
	d.created_at = m->created;
	d.alt_text = m->alt;
	for (f = 0; f < DF__MAX; f++)
		d.need[f] = (unsigned char)m->need[f];
	for (f = 0; f < DF__MAX; f++)
		for (v = 0, k = 0; v < pool_n[f]; v++)
			if (m->has[f][v])
				d.values[f][k++] = pool[f][v];
	assert_int_equal(dir_index_put(x, &d), WS_OK);
}

static int
matches(const struct mdoc *m, int want[DF__MAX][12], int skip)
{
	int f, any;
	size_t v;

	if (!m->alive)
		return 0;
	for (f = 0; f < DF__MAX; f++) {
		int filtered = 0;

		if (f == skip)
			continue;
		any = 0;
		for (v = 0; v < pool_n[f]; v++)
			if (want[f][v]) {
				filtered = 1;
				if (m->has[f][v] && m->need[f] <= qlevel)
					any = 1;
			}
		if (filtered && !any)
			return 0;
	}
	return 1;
}

static int
cmp_name(const void *a, const void *b)
{
	const struct mdoc *x = *(struct mdoc *const *)a, *y = *(struct mdoc *const *)b;
	char kx[32], ky[32];
	size_t i;
	int c;

	for (i = 0; i < sizeof kx; i++) {
		kx[i] = (char)(x->name[i] >= 'A' && x->name[i] <= 'Z' ? x->name[i] + 32 : x->name[i]);
		ky[i] = (char)(y->name[i] >= 'A' && y->name[i] <= 'Z' ? y->name[i] + 32 : y->name[i]);
	}
	c = strcmp(kx, ky);
	return c ? c : (x->id < y->id ? -1 : 1);
}

static int
cmp_new(const void *a, const void *b)
{
	const struct mdoc *x = *(struct mdoc *const *)a, *y = *(struct mdoc *const *)b;

	if (x->created != y->created)
		return x->created > y->created ? -1 : 1;
	return x->id > y->id ? -1 : 1;
}

/* The ids a text search matched (match_pos[id] is 1 for those), and those
 * it matched in their title (boosted[id]). */
static int64_t match[NDOCS + 1], boost[NDOCS + 1];
static size_t match_pos[NDOCS + 1];
static int boosted[NDOCS + 1];
/* The same for the alternative text, and whether the query searches it. */
static int64_t match_alt[NDOCS + 1], boost_alt[NDOCS + 1];
static size_t match_alt_pos[NDOCS + 1];
static int boosted_alt[NDOCS + 1];
static int qalt;

/* True when m matched the text search, in the text its viewer searches. */
static int
text_hit(const struct mdoc *m)
{
	return qalt && m->alt ? match_alt_pos[m->id] != 0 : match_pos[m->id] != 0;
}

static int
text_boost(const struct mdoc *m)
{
	return qalt && m->alt ? boosted_alt[m->id] : boosted[m->id];
}

static int
cmp_rank(const void *a, const void *b)
{
	const struct mdoc *x = *(const struct mdoc *const *)a, *y = *(const struct mdoc *const *)b;

	if (text_boost(x) != text_boost(y))
		return text_boost(x) ? -1 : 1;
	return cmp_name(a, b);
}

/* One random query, checked against the brute force. */
static void
check_query(struct dir_index *x, int round)
{
	int want[DF__MAX][12] = {{0}};
	const char *lists[DF__MAX][13];
	struct dir_query q;
	struct dir_result res;
	struct mdoc *hits[NDOCS];
	const char *bad;
	size_t nh = 0, i, v, k;
	int f;

	memset(&q, 0, sizeof q);
	for (f = 0; f < DF__MAX; f++) {
		if (rnd(3) == 0 || round % 10 == 0)	/* every tenth: no filter at all */
			continue;
		for (v = 0, k = 0; v < pool_n[f]; v++)
			if (rnd(4) == 0) {
				want[f][v] = 1;
				lists[f][k++] = pool[f][v];
			}
		lists[f][k] = NULL;
		q.want[f] = lists[f];
	}
	q.sort = rnd(2) ? DIR_SORT_NAME : DIR_SORT_NEWEST;
	q.level = qlevel = (int)rnd(DIR_LEVELS);
	memset(match_pos, 0, sizeof match_pos);
	memset(boosted, 0, sizeof boosted);
	memset(match_alt_pos, 0, sizeof match_alt_pos);
	memset(boosted_alt, 0, sizeof boosted_alt);
	qalt = 0;
	if (rnd(3) == 0) {	/* a text search: random ids, some in their title */
		size_t nm = 0, nb = 0;

		for (i = 0; i < NDOCS; i++)
			if (rnd(2))
				match[nm++] = (int64_t)i + 1;
		match[nm++] = NDOCS + 7;	/* not in the index */
		for (i = nm - 1; i > 0; i--) {
			size_t j = rnd((unsigned)i + 1);
			int64_t t = match[i];

			match[i] = match[j];
			match[j] = t;
		}
		for (i = 0; i < nm; i++)
			if (match[i] <= NDOCS) {
				match_pos[match[i]] = i + 1;
				if (rnd(4) == 0) {
					boost[nb++] = match[i];
					boosted[match[i]] = 1;
				}
			}
		q.text = 1;
		q.match = match;
		q.nmatch = nm;
		q.boost = boost;
		q.nboost = nb;
		if (rnd(2)) {	/* and in the alternative text, other random ids */
			nm = nb = 0;
			for (i = 0; i < NDOCS; i++)
				if (rnd(3) == 0) {
					match_alt[nm++] = (int64_t)i + 1;
					match_alt_pos[i + 1] = nm;
					if (rnd(3) == 0) {
						boost_alt[nb++] = (int64_t)i + 1;
						boosted_alt[i + 1] = 1;
					}
				}
			q.alt = qalt = 1;
			q.match_alt = match_alt;
			q.nmatch_alt = nm;
			q.boost_alt = boost_alt;
			q.nboost_alt = nb;
		}
		if (rnd(2))
			q.sort = DIR_SORT_RELEVANCE;
	}
	{
		static const size_t offsets[] = { 0, 0, 20, 40, 500, NDOCS - 100 };
		static const size_t limits[] = { 1, 20, 20, 100 };

		q.offset = offsets[rnd(6)];
		q.limit = limits[rnd(4)];
	}
	assert_int_equal(dir_index_query(x, &q, &res, &bad), WS_OK);
	for (i = 0; i < NDOCS; i++)
		if (matches(&docs[i], want, -1) && (!q.text || text_hit(&docs[i])))
			hits[nh++] = &docs[i];
	if (res.total != nh)
		fail_msg("round %d: total %zu, brute force %zu", round, res.total, nh);
	qsort(hits, nh, sizeof *hits, q.sort == DIR_SORT_NAME ? cmp_name :
	    q.sort == DIR_SORT_NEWEST ? cmp_new : cmp_rank);
	for (i = 0; i < res.nids; i++)
		if (res.ids[i] != hits[q.offset + i]->id)
			fail_msg("round %d: page item %zu is %lld, brute force %lld", round, i,
			    (long long)res.ids[i], (long long)hits[q.offset + i]->id);
	assert_int_equal(res.nids, nh > q.offset ? (nh - q.offset < q.limit ? nh - q.offset :
	    q.limit) : 0);
	for (f = 0; f < DF__MAX; f++)
		for (k = 0; k < res.ncounts[f]; k++) {
			size_t n = 0, pv;

			for (pv = 0; pv < pool_n[f]; pv++)
				if (strcmp(pool[f][pv], res.counts[f][k].value) == 0)
					break;
			assert_true(pv < pool_n[f]);
			for (i = 0; i < NDOCS; i++)
				if (docs[i].has[f][pv] && docs[i].need[f] <= qlevel &&
				    matches(&docs[i], want, f) &&
				    (!q.text || text_hit(&docs[i])))
					n++;
			if (res.counts[f][k].n != n)
				fail_msg("round %d: facet %d value %s counts %zu, brute force %zu",
				    round, f, res.counts[f][k].value, res.counts[f][k].n, n);
		}
	dir_result_free(&res);
}

/* 200 random queries under each way of counting and paging (index.h). */
static void
check_plans(struct dir_index *x, int round)
{
	static const enum dir_plan plans[] = { DIR_PLAN_AUTO, DIR_PLAN_SCAN, DIR_PLAN_GATHER };
	uint64_t at = seed;
	size_t p;
	int i;

	for (p = 0; p < sizeof plans / sizeof plans[0]; p++) {
		seed = at;	/* the same queries each time */
		dir_index_plan(x, plans[p]);
		for (i = 0; i < 200; i++)
			check_query(x, round + i);
	}
	dir_index_plan(x, DIR_PLAN_AUTO);
}

static void
test_random_filters(void **state)
{
	struct dir_index *x = dir_index_new();
	int i;

	(void)state;
	for (i = 0; i < NDOCS; i++) {	/* the last 500 come later */
		make_doc(&docs[i], i + 1);
		if (i < NDOCS - 500)
			put(x, &docs[i]);
		else
			docs[i].alive = 0;
	}
	assert_int_equal(dir_index_size(x), NDOCS - 500);
	check_plans(x, 0);
	for (i = NDOCS - 500; i < NDOCS; i++) {	/* inserts after queries */
		docs[i].alive = 1;
		put(x, &docs[i]);
	}
	assert_int_equal(dir_index_size(x), NDOCS);
	check_plans(x, 1000);
	/* Edits, suspensions and deletes keep every count right. */
	for (i = 0; i < 500; i++) {
		struct mdoc *m = &docs[rnd(NDOCS)];

		if (rnd(4) == 0) {
			m->alive = 0;
			dir_index_remove(x, m->id);
		} else {
			make_doc(m, m->id);
			put(x, m);
		}
	}
	check_plans(x, 2000);
	dir_index_free(x);
}

/* An empty index, then one document, then none again: no page, every count
 * 0, whichever way a query runs. */
static void
test_empty(void **state)
{
	static const enum dir_plan plans[] = { DIR_PLAN_AUTO, DIR_PLAN_SCAN, DIR_PLAN_GATHER };
	struct dir_index *x = dir_index_new();
	const char *want[] = { "KE", NULL };
	struct dir_query q;
	struct dir_result res;
	const char *bad;
	size_t p, k;
	int round, f;

	(void)state;
	for (round = 0; round < 3; round++)
		for (p = 0; p < 3; p++) {
			dir_index_plan(x, plans[p]);
			memset(&q, 0, sizeof q);
			q.limit = 10;
			q.unknown_empty = 1;
			q.want[DF_COUNTRY] = p == 1 ? want : NULL;
			q.level = (int)p;
			assert_int_equal(dir_index_query(x, &q, &res, &bad), WS_OK);
			if (round == 1) {	/* the one document, a Kenyan one */
				assert_int_equal(res.total, 1);
				assert_int_equal(res.nids, 1);
				assert_int_equal(res.ids[0], 9);
			} else {
				assert_int_equal(res.total, 0);
				assert_int_equal(res.nids, 0);
			}
			for (f = 0; f < DF__MAX; f++)
				for (k = 0; k < res.ncounts[f]; k++)
					assert_int_equal(res.counts[f][k].n, round == 1 ? 1 : 0);
			dir_result_free(&res);
			if (round == 0 && p == 2) {
				struct dir_doc d;

				memset(&d, 0, sizeof d);
				d.id = 9;
				d.name = "only";
				d.values[DF_COUNTRY][0] = "KE";
				d.values[DF_KIND][0] = "ngo";
				assert_int_equal(dir_index_put(x, &d), WS_OK);
			} else if (round == 1 && p == 2) {
				dir_index_remove(x, 9);
			}
		}
	dir_index_free(x);
}

/* ---- the vocabulary ------------------------------------------------------ */

static char texts[NDOCS][DT__MAX][160];	/* each document's search columns */
static int talive[NDOCS], talt[NDOCS];

/* A random word: a few frequent ones (bitsets), many rare ones (lists). */
static void
rand_words(char *out, size_t max, unsigned nw)
{
	static const char *const common[] = { "net", "network", "justice", "just", "youth",
		"a", "an", "and", "in", "into", "for", "forum" };
	size_t len = 0;
	unsigned i;

	out[0] = '\0';
	for (i = 0; i < nw; i++) {
		char w[16];

		if (rnd(2))
			snprintf(w, sizeof w, "%s", common[rnd(12)]);
		else
			snprintf(w, sizeof w, "%c%c%u", 'a' + rnd(5), 'a' + rnd(26), rnd(400));
		len += (size_t)snprintf(out + len, max - len, "%s%s", len ? " " : "", w);
	}
}

static void
vput(struct dir_index *x, int i)
{
	struct dir_doc d;
	int t;

	memset(&d, 0, sizeof d);
	d.id = i + 1;
	d.name = texts[i][DT_TITLE];
	d.alt_text = talt[i] = rnd(4) == 0;
	for (t = 0; t < DT__MAX; t++) {
		rand_words(texts[i][t], sizeof texts[i][t], t == DT_TITLE_GOV || t ==
		    DT_TEXT_GOV ? (talt[i] ? rnd(5) : 0) : 1 + rnd(t == DT_TITLE ? 3 : 8));
		d.text[t] = texts[i][t];
	}
	talive[i] = 1;
	assert_int_equal(dir_index_put(x, &d), WS_OK);
}

/* True when a word of text starts with w. */
static int
has_prefix(const char *text, const char *w)
{
	const char *p;
	size_t n = strlen(w);

	for (p = text; *p; p++)
		if ((p == text || p[-1] == ' ') && strncmp(p, w, n) == 0)
			return 1;
	return 0;
}

static void
vcheck(struct dir_index *x, int round)
{
	static const char *const prefixes[] = { "n", "net", "netw", "j", "ju", "justice",
		"a", "an", "and", "i", "in", "f", "for", "forum", "b", "c1", "y", "x", "zz",
		"e3", "d", "da", "network" };
	struct dir_query q;
	struct dir_result res;
	const char *bad;
	size_t nh = 0, nb = 0, k;
	int i, alt = rnd(2), t;

	memset(&q, 0, sizeof q);
	q.level = DIR_LEVELS - 1;
	q.alt = alt;
	q.nwords = 1 + rnd(2);
	for (k = 0; k < q.nwords; k++)
		q.words[k] = prefixes[rnd(sizeof prefixes / sizeof prefixes[0])];
	q.sort = DIR_SORT_RELEVANCE;
	q.limit = NDOCS;
	assert_int_equal(dir_index_query(x, &q, &res, &bad), WS_OK);
	for (i = 0; i < NDOCS; i++) {
		int in = talive[i], title = talive[i];
		int tt = alt && talt[i] ? DT_TITLE_GOV : DT_TITLE;

		for (k = 0; k < q.nwords; k++) {
			t = alt && talt[i] ? DT_TEXT_GOV : DT_TEXT;
			in &= has_prefix(texts[i][tt], q.words[k]) ||
			    has_prefix(texts[i][t], q.words[k]);
			title &= has_prefix(texts[i][tt], q.words[k]);
		}
		nh += in;
		nb += in && title;
	}
	if (res.total != nh)
		fail_msg("round %d: %zu found, brute force %zu", round, res.total, nh);
	for (k = 0; k < res.nids; k++) {	/* the title's matches first */
		i = (int)res.ids[k] - 1;
		t = alt && talt[i] ? DT_TITLE_GOV : DT_TITLE;
		if ((k < nb) != (has_prefix(texts[i][t], q.words[0]) &&
		    (q.nwords < 2 || has_prefix(texts[i][t], q.words[1]))))
			fail_msg("round %d: item %zu is out of place", round, k);
	}
	dir_result_free(&res);
}

/* The index's own text search against a scan of the words, after puts,
 * replacements and removals. */
static void
test_vocabulary(void **state)
{
	struct dir_index *x = dir_index_new();
	int i;

	(void)state;
	for (i = 0; i < NDOCS; i++)
		vput(x, i);
	for (i = 0; i < 200; i++)
		vcheck(x, i);
	for (i = 0; i < 3000; i++) {
		int d = (int)rnd(NDOCS);

		if (rnd(4) == 0) {
			talive[d] = 0;
			dir_index_remove(x, d + 1);
		} else {
			vput(x, d);
		}
		if (i % 10 == 0)
			vcheck(x, 200 + i);
	}
	dir_index_free(x);
}

static void
test_unknown_value(void **state)
{
	struct dir_index *x = dir_index_new();
	const char *want[] = { "ZZ", NULL };
	struct dir_query q;
	struct dir_result res;
	const char *bad;

	(void)state;
	make_doc(&docs[0], 1);
	put(x, &docs[0]);
	memset(&q, 0, sizeof q);
	q.want[DF_COUNTRY] = want;
	q.limit = 10;
	assert_int_equal(dir_index_query(x, &q, &res, &bad), WS_EINVAL);
	assert_string_equal(bad, "ZZ");
	dir_index_free(x);
}

static void
test_too_many_values(void **state)
{
	struct dir_index *x = dir_index_new();
	struct dir_doc d;
	char code[16];
	int i;

	(void)state;
	for (i = 0; i < DIR_MAX_VALUES; i++) {
		memset(&d, 0, sizeof d);
		d.id = i + 1;
		d.name = "x";
		snprintf(code, sizeof code, "v%d", i);
		d.values[DF_KIND][0] = code;
		assert_int_equal(dir_index_put(x, &d), WS_OK);
	}
	d.id = DIR_MAX_VALUES + 1;
	d.values[DF_KIND][0] = "one-too-many";
	assert_int_equal(dir_index_put(x, &d), WS_ETOOBIG);
	assert_int_equal(dir_index_size(x), DIR_MAX_VALUES);
	dir_index_free(x);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_filters),
		cmocka_unit_test(test_vocabulary),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_unknown_value),
		cmocka_unit_test(test_too_many_values),
	};

	return cmocka_run_group_tests_name("directory", tests, NULL, NULL);
}
