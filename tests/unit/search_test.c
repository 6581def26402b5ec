/*
 * search_test.c -- folding, query words and marks of the directory's text
 * search (src/app/directory/search.c).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "app/directory/search.h"
#include "core/buf.h"

static void
test_fold(void **state)
{
	struct arena *a = arena_new();

	(void)state;
	assert_string_equal(search_fold(a, "Ça Été — Œuvre, São Paulo; Straße!"),
	    "ca ete oeuvre sao paulo strasse");
	assert_string_equal(search_fold(a, "  Łódź  Ștefan Ærø Þing  "), "lodz stefan aero thing");
	assert_string_equal(search_fold(a, "ΑΘΗΝΑ Москва"), "αθηνα москва");
	assert_string_equal(search_fold(a, "反腐败联盟（中国）"), "反腐败联盟 中国");
	assert_string_equal(search_fold(a, "\"*:&|!()<>'"), "");
	assert_string_equal(search_fold(a, ""), "");
	/* Bidi marks are invisible: a word holding one, or wrapped in them,
	 * folds as without them; where they alone part Arabic from a number or
	 * a Latin word (as pdftotext writes), they part words. */
	assert_string_equal(search_fold(a, "\u202bال\u200fفساد\u202c \u2067مكافحة\u2069\u061c"),
	    "الفساد مكافحة");
	assert_string_equal(search_fold(a, "القرار 9/1\u202cفي 2024\u202c\u202bبشأن UNTOC\u202cلعام"),
	    "القرار 9 1 في 2024 بشأن untoc لعام");
	assert_string_equal(search_fold(a, "Vi\u200eenne \u202a\u202a"), "vienne");
	arena_free(a);
}

static void
test_parse(void **state)
{
	struct search_terms t;
	char big[SEARCH_MAX_QUERY + 2];

	(void)state;
	assert_int_equal(search_parse("Anti-Corruption  anti CAFÉ 腐败", &t), WS_OK);
	assert_int_equal(t.n, 4);	/* "anti" once */
	assert_string_equal(t.term[0], "anti");
	assert_string_equal(t.term[1], "corruption");
	assert_string_equal(t.term[2], "cafe");
	assert_string_equal(t.term[3], "腐败");
	assert_false(t.cjk[2]);
	assert_true(t.cjk[3]);
	assert_int_equal(search_parse(NULL, &t), WS_OK);
	assert_int_equal(t.n, 0);
	assert_int_equal(search_parse("!!! ---", &t), WS_OK);
	assert_int_equal(t.n, 0);
	assert_int_equal(search_parse("a b c d e f g h i j k", &t), WS_OK);
	assert_int_equal(t.n, SEARCH_MAX_TERMS);
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_int_equal(search_parse(big, &t), WS_EINVAL);
	big[SEARCH_MAX_QUERY] = '\0';
	assert_int_equal(search_parse(big, &t), WS_OK);
	assert_int_equal(strlen(t.term[0]), SEARCH_MAX_TERM);
	assert_int_equal(search_parse("\xff\xfe", &t), WS_EINVAL);
}

/* The text of the parts, with the marked ones in [brackets]. */
static char *
marked(const char *text, const char *q)
{
	static char out[512];
	struct search_terms t;
	json_t *parts, *p;
	size_t i, n = 0;

	assert_int_equal(search_parse(q, &t), WS_OK);
	parts = search_marks(text, &t);
	out[0] = '\0';
	json_array_foreach(parts, i, p) {
		int m = json_is_true(json_object_get(p, "m"));

		n += (size_t)snprintf(out + n, sizeof out - n, m ? "[%s]" : "%s",
		    json_string_value(json_object_get(p, "t")));
		assert_true(n < sizeof out);
	}
	json_decref(parts);
	return out;
}

static void
test_marks(void **state)
{
	(void)state;
	assert_string_equal(marked("Café Intégrité, Abidjan", "cafe integ"),
	    "[Café] [Intég]rité, Abidjan");
	/* words match at their start only; CJK anywhere */
	assert_string_equal(marked("Reintegration", "integ"), "Reintegration");
	assert_string_equal(marked("中国的反腐败组织", "腐败"), "中国的反[腐败]组织");
	assert_string_equal(marked("Straße", "strasse"), "[Straße]");
	assert_string_equal(marked("", "x"), "");
	assert_string_equal(marked("no match", ""), "no match");
}

/* search_marks_write() writes what json_dumps() writes of search_marks():
 * escapes, non-ASCII, surrogate pairs, and a part that is not UTF-8. */
static void
test_marks_write(void **state)
{
	static const char *const texts[] = {
		"Café Intégrité, Abidjan", "中国的反腐败组织 cafe", "quote \" back \\ slash / tab\t",
		"nl\n cr\r bs\b ff\f \x01\x1f del\x7f", "emoji \xF0\x9F\x98\x80 cafe",
		"bad \xff cafe", "overlong \xC0\xAF cafe", "surrogate \xED\xA0\x80 cafe",
		"cafe", "", "Straße strasse",
	};
	static const char *const queries[] = { "cafe", "腐败", "strasse", "bad", "x" };
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
		for (k = 0; k < sizeof queries / sizeof queries[0]; k++) {
			struct search_terms t;
			struct buf b;
			json_t *parts;
			char *want;

			assert_int_equal(search_parse(queries[k], &t), WS_OK);
			parts = search_marks(texts[i], &t);
			want = json_dumps(parts, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_ENCODE_ANY);
			buf_init(&b, 1 << 16);
			assert_int_equal(search_marks_write(texts[i], &t, &b), WS_OK);
			assert_string_equal(buf_str(&b), want);
			buf_free(&b);
			free(want);
			json_decref(parts);
		}
}

static void
test_excerpt(void **state)
{
	struct arena *a = arena_new();
	struct search_terms t;
	const char *text = "One two three four five six seven eight nine ten eleven twelve "
	    "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty.";
	char *e;

	(void)state;
	assert_int_equal(search_parse("seventeen", &t), WS_OK);
	e = search_excerpt(a, text, &t, 40);
	assert_non_null(strstr(e, "seventeen"));
	assert_true(strncmp(e, "… ", strlen("… ")) == 0);
	assert_true(strlen(e) <= 40 + 2 * strlen(" …"));
	assert_string_equal(search_excerpt(a, "short", &t, 40), "short");
	arena_free(a);
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_marks),
		cmocka_unit_test(test_marks_write),
		cmocka_unit_test(test_excerpt),
	};

	return cmocka_run_group_tests_name("search", tests, NULL, NULL);
}
