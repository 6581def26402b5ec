/*
 * seed_data_test.c -- the demo resources (src/app/resources/seed_data.h).
 * A user would notice: a demo library refused by the API (an unknown
 * kind, theme, language or country), a language with only a document or
 * two, a "French" document that is not in French, a PDF whose words
 * pdftotext does not give back (so search in that language finds nothing),
 * 10,000 resources with repeated titles, and a seed that does not give the
 * same library twice.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/directory/regions.h"
#include "app/resources/seed_data.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/util.h"
#include "extract/extract.h"
#include "views/assets.h"

static char dir[256];

static const char *const kinds[] = {
	"toolkit", "guide", "concept_note", "report", "training_material", "publication",
	"legal_instrument", "presentation", "video", "web_link", NULL,
};
static const char *const themes[] = {
	"trafficking_in_persons", "smuggling_of_migrants", "firearms", "corruption",
	"cybercrime", "money_laundering", "drug_trafficking", "drug_prevention",
	"wildlife_crime", "environmental_crime", "terrorism_prevention", "criminal_justice",
	"victims_rights", "gender", "youth", NULL,
};
static const char *const languages[] = { "en", "fr", "es", "ru", "zh", "ar", NULL };
static const char *const visibilities[] = { "public", "members", "nongovernmental", NULL };

static int
in(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

/* A code of the embedded country list with an M49 region, so the API
 * takes it and the region facet counts it. */
static int
country_ok(const char *code)
{
	const struct asset *a = asset_find("data/countries.json");
	char key[32];

	assert_non_null(a);
	snprintf(key, sizeof key, "\"code\": \"%s\"", code);
	return strlen(code) == 2 && strstr(a->data, key) && m49_region(code);
}

static int
valid_text(const char *s)
{
	return s && *s && utf8_valid_text(s, strlen(s), 1);
}

/* What every resource, row or variant, must be. */
static void
check_resource(const struct seed_resource *r)
{
	assert_true(valid_text(r->title));
	assert_true(strlen(r->title) < sizeof r->title_buf - 1);	/* never cut */
	assert_true(valid_text(r->summary));
	assert_true(in(kinds, r->kind));
	assert_true(in(languages, r->language));
	assert_true(r->nthemes >= 1 && r->nthemes <= SEED_RESOURCE_MAX_THEMES);
	for (size_t k = 0; k < r->nthemes; k++)
		assert_true(in(themes, r->themes[k]));
	assert_true(r->ncountries <= SEED_RESOURCE_MAX_COUNTRIES);
	for (size_t k = 0; k < r->ncountries; k++) {
		if (!country_ok(r->countries[k]))
			fail_msg("unknown country %s in %s", r->countries[k], r->title);
		for (size_t l = 0; l < k; l++)
			assert_string_not_equal(r->countries[k], r->countries[l]);
	}
	assert_true(r->year >= 1990 && r->year <= 2026);
	for (size_t k = 0; k < r->nauthors; k++)
		assert_true(valid_text(r->authors[k]));
	assert_true(valid_text(r->publisher));
	assert_true(in(visibilities, r->visibility));
	assert_true(r->nparagraphs >= 2 && r->nparagraphs <= SEED_RESOURCE_MAX_PARAS);
	for (size_t k = 0; k < r->nparagraphs; k++)
		if (!valid_text(r->paragraphs[k]) || strlen(r->paragraphs[k]) < 60)
			fail_msg("a short paragraph in %s: %s", r->title, r->paragraphs[k]);
	if (strcmp(r->kind, "video") == 0 || strcmp(r->kind, "web_link") == 0) {
		assert_non_null(r->link);
		assert_int_equal(strncmp(r->link, "https://", 8), 0);
		assert_null(r->file_name);
	} else {
		size_t n = strlen(r->file_name);

		assert_null(r->link);
		assert_true(n > 4 && strcmp(r->file_name + n - 4, ".pdf") == 0);
		for (const char *c = r->file_name; *c; c++)
			assert_true((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
			    *c == '-' || *c == '.');
	}
}

/* At least 30 rows, at least five in each language, all valid, titles and
 * file names distinct. */
static void
test_table(void **state)
{
	size_t n = seed_resource_base_count(), per[6] = { 0 };
	struct seed_resource *r = xcalloc(n, sizeof *r);

	assert_true(n >= 30);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(seed_resource_get(0, i, &r[i]), WS_OK);
		check_resource(&r[i]);
		for (size_t l = 0; languages[l]; l++)
			per[l] += strcmp(r[i].language, languages[l]) == 0;
		for (size_t j = 0; j < i; j++) {
			assert_string_not_equal(r[i].title, r[j].title);
			if (r[i].file_name && r[j].file_name)
				assert_string_not_equal(r[i].file_name, r[j].file_name);
		}
	}
	for (size_t k = 0; kinds[k]; k++) {	/* every kind, for the facet */
		size_t seen = 0;

		for (size_t i = 0; i < n; i++)
			seen += strcmp(r[i].kind, kinds[k]) == 0;
		if (!seen)
			fail_msg("no resource of kind %s", kinds[k]);
	}
	for (size_t l = 0; languages[l]; l++) {
		print_message("# %s: %zu resources\n", languages[l], per[l]);
		assert_true(per[l] >= 5);
	}
	free(r);
}

/* Does s hold a character whose UTF-8 lead byte is in [lo, hi]? */
static int
has_lead(const char *s, unsigned lo, unsigned hi)
{
	for (; *s; s++)
		if ((unsigned char)*s >= lo && (unsigned char)*s <= hi)
			return 1;
	return 0;
}

/* Each row's body is written in its language: its script, and for the
 * Latin ones a word only that language uses. */
static void
test_languages(void **state)
{
	for (size_t i = 0; i < seed_resource_base_count(); i++) {
		struct seed_resource r;
		struct buf all;
		const char *s;

		assert_int_equal(seed_resource_get(0, i, &r), WS_OK);
		buf_init(&all, 1u << 16);
		assert_int_equal(buf_printf(&all, " %s ", r.title), WS_OK);
		for (size_t k = 0; k < r.nparagraphs; k++)
			assert_int_equal(buf_printf(&all, "%s ", r.paragraphs[k]), WS_OK);
		s = buf_str(&all);
		if (strcmp(r.language, "ru") == 0)
			assert_true(has_lead(s, 0xd0, 0xd1));		/* Cyrillic */
		else if (strcmp(r.language, "ar") == 0)
			assert_true(has_lead(s, 0xd8, 0xdb));		/* Arabic */
		else if (strcmp(r.language, "zh") == 0)
			assert_true(has_lead(s, 0xe4, 0xe9));		/* CJK ideographs */
		else if (strcmp(r.language, "fr") == 0)
			assert_true(strstr(s, " les ") || strstr(s, " des ") || strstr(s, " la "));
		else if (strcmp(r.language, "es") == 0)
			assert_true(strstr(s, " los ") || strstr(s, " las ") || strstr(s, " el "));
		else
			assert_non_null(strstr(s, " the "));
		if (strcmp(r.language, "en") != 0)
			assert_null(strstr(s, " the "));
		buf_free(&all);
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 10,000 resources: valid, distinct titles, the rows taken in turn (so the
 * languages stay balanced), and the same seed making the same library. */
static void
test_variants(void **state)
{
	const size_t n = 10000, base = seed_resource_base_count();
	size_t vis[3] = { 0 }, changed = 0;
	char **t = xcalloc(n, sizeof *t);

	for (size_t i = 0; i < n; i++) {
		struct seed_resource a, b, c, row;

		assert_int_equal(seed_resource_get(42, i, &a), WS_OK);
		assert_int_equal(seed_resource_get(42, i, &b), WS_OK);
		assert_int_equal(seed_resource_get(7, i, &c), WS_OK);
		assert_int_equal(seed_resource_get(0, i % base, &row), WS_OK);
		check_resource(&a);
		assert_string_equal(a.title, b.title);
		assert_int_equal(a.year, b.year);
		assert_int_equal(a.ncountries, b.ncountries);
		for (size_t k = 0; k < a.ncountries; k++)
			assert_string_equal(a.countries[k], b.countries[k]);
		assert_string_equal(a.visibility, b.visibility);
		assert_string_equal(a.language, row.language);
		assert_string_equal(a.kind, row.kind);
		assert_true(a.year <= row.year && a.year >= row.year - 8);
		if (i < base) {
			assert_string_equal(a.title, c.title);
			assert_string_equal(a.title, row.title);
		} else {
			char num[32];

			snprintf(num, sizeof num, "%zu", i + 1);
			assert_non_null(strstr(a.title, num));
			changed += a.year != c.year || strcmp(a.visibility, c.visibility) ||
			    a.ncountries != c.ncountries;
		}
		for (size_t v = 0; v < 3; v++)
			vis[v] += strcmp(a.visibility, visibilities[v]) == 0;
		t[i] = xstrdup(a.title);
	}
	/* Distinct titles: sorted, no two neighbours equal. */
	qsort(t, n, sizeof *t, cmp_str);
	for (size_t i = 1; i < n; i++)
		assert_string_not_equal(t[i - 1], t[i]);
	for (size_t i = 0; i < n; i++)
		free(t[i]);
	free(t);
	print_message("# visibility: %zu public, %zu members, %zu nongovernmental; "
	    "%zu of %zu variants differ under another seed\n", vis[0], vis[1], vis[2],
	    changed, n - base);
	assert_true(vis[0] > n / 2 && vis[1] > n / 20 && vis[2] > n / 50);
	assert_true(changed > (n - base) / 2);
}

static void
test_limit(void **state)
{
	struct seed_resource r;

	assert_int_equal(seed_resource_get(1, SEED_RESOURCE_MAX - 1, &r), WS_OK);
	check_resource(&r);
	assert_int_equal(seed_resource_get(1, SEED_RESOURCE_MAX, &r), WS_ETOOBIG);
}

/* Keeps the letters and digits of s as words: white space, pdftotext's
 * bidi controls (U+202A..U+202E) and punctuation separate them; free() it. */
static char *
words(const char *s)
{
	struct buf b;
	int sep = 1;

	buf_init(&b, 1u << 20);
	while (*s) {
		const unsigned char *u = (const unsigned char *)s;
		size_t k = 1;
		int space = strchr(" \n\t\f\r.,;:()!?\"'", *s) != NULL;

		if (u[0] == 0xe2 && u[1] == 0x80 && u[2] >= 0xaa && u[2] <= 0xae)
			space = 1, k = 3;
		else if (u[0] == 0xd8 && u[1] == 0x8c)	/* Arabic comma */
			space = 1, k = 2;
		if (space) {
			sep = 1;
		} else {
			if (sep && b.len)
				assert_int_equal(buf_addc(&b, ' '), WS_OK);
			assert_int_equal(buf_addc(&b, *s), WS_OK);
			sep = 0;
		}
		s += k;
	}
	{
		char *r = buf_steal(&b);

		return r ? r : xstrdup("");
	}
}

/* Chinese lines break between characters: compare without white space. */
static void
squeeze(char *s)
{
	for (char *w = s; ; s++) {
		if (*s != ' ')
			*w++ = *s;
		if (!*s)
			break;
	}
}

/* Every row's PDF gives its words back through the real extract_text(),
 * so a search in each language finds its documents. */
static void
test_pdfs_extract(void **state)
{
	size_t pdfs = 0;

	for (size_t i = 0; i < seed_resource_base_count(); i++) {
		struct seed_resource r;
		struct buf pdf, want;
		char path[512], *out = NULL, *w, *g;
		size_t len = 0;
		int fd;

		assert_int_equal(seed_resource_get(3, i + seed_resource_base_count(), &r), WS_OK);
		buf_init(&pdf, 1u << 20);
		if (!r.file_name) {
			assert_int_equal(seed_resource_pdf(&r, &pdf), WS_EINVAL);
			buf_free(&pdf);
			continue;
		}
		assert_int_equal(seed_resource_pdf(&r, &pdf), WS_OK);
		assert_true(pdf.len < 20000);	/* small */
		snprintf(path, sizeof path, "%s/%s", dir, r.file_name);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		assert_true(fd >= 0);
		assert_int_equal(write(fd, pdf.data, pdf.len), (ssize_t)pdf.len);
		close(fd);
		buf_free(&pdf);
		assert_int_equal(extract_text(path, "application/pdf", NULL, &out, &len),
		    EXTRACT_OK);
		unlink(path);

		buf_init(&want, 1u << 20);
		assert_int_equal(buf_printf(&want, "%s\n", r.title), WS_OK);
		for (size_t k = 0; k < r.nparagraphs; k++)
			assert_int_equal(buf_printf(&want, "%s\n", r.paragraphs[k]), WS_OK);
		w = words(buf_str(&want));
		g = words(out);
		if (strcmp(r.language, "zh") == 0) {
			squeeze(w);
			squeeze(g);
		}
		if (strcmp(g, w) != 0)
			fail_msg("%s: extracted\n%s\nwanted\n%s", r.file_name, g, w);
		free(w);
		free(g);
		free(out);
		buf_free(&want);
		pdfs++;
	}
	print_message("# %zu PDFs read back word for word\n", pdfs);
}

static int
setup(void **state)
{
	const char *t = getenv("TMPDIR");

	snprintf(dir, sizeof dir, "%s/whatson-seed.XXXXXX", t && *t ? t : "/tmp");
	return mkdtemp(dir) ? 0 : -1;
}

static int
teardown(void **state)
{
	return rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_languages),
		cmocka_unit_test(test_variants),
		cmocka_unit_test(test_limit),
		cmocka_unit_test(test_pdfs_extract),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
