/*
 * res_plain_test.c -- a resource's Markdown summary as the plain text its
 * excerpts are cut from (res_plain, src/app/resources/labels.c).  A user
 * would notice: `**marks**`, `[link](targets)` or backticks in the
 * library's excerpts, raw HTML shown as text, two paragraphs or list items
 * run together into one word, and a summary of any size breaking the list.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "app/resources/resources_int.h"
#include "core/arena.h"

/* res_plain of md with each run of spaces as one and no space at the ends,
 * as the list's one_line() leaves it. */
static const char *
plain(struct arena *a, const char *md)
{
	char *s = res_plain(a, md), *w = s;
	const char *p;
	int space = 0;

	for (p = s; *p; p++) {
		if (*p == ' ' || *p == '\n') {
			space = w > s;
			continue;
		}
		if (space)
			*w++ = ' ';
		space = 0;
		*w++ = *p;
	}
	*w = '\0';
	return s;
}

static void
test_marks_go(void **state)
{
	struct arena *a = arena_new();

	(void)state;
	assert_string_equal(plain(a, "How **civil society** follows *stolen* assets."),
	    "How civil society follows stolen assets.");
	assert_string_equal(plain(a, "See [the guide](https://example.org/g) and <https://x.org>."),
	    "See the guide and https://x.org.");
	assert_string_equal(plain(a, "Use `grep` here."), "Use grep here.");
	assert_string_equal(plain(a, "# Title\n\nFirst.\nSecond line.\n\n- one\n- two\n\n> quoted"),
	    "Title First. Second line. one two quoted");
	assert_string_equal(plain(a, "![a map](https://example.org/m.png) of ports"),
	    "a map of ports");
	arena_free(a);
}

static void
test_html_is_not_text(void **state)
{
	struct arena *a = arena_new();
	const char *s;

	(void)state;
	s = plain(a, "Before <script>alert(1)</script> after.\n\n<div>block</div>\n\nEnd.");
	assert_null(strstr(s, "<script"));
	assert_null(strstr(s, "<div"));
	assert_non_null(strstr(s, "Before"));
	assert_non_null(strstr(s, "End."));
	arena_free(a);
}

static void
test_empty_and_huge(void **state)
{
	struct arena *a = arena_new();
	size_t n = 300 * 1024, i;
	char *big = malloc(n + 1);
	const char *s;

	(void)state;
	assert_string_equal(res_plain(a, NULL), "");
	assert_string_equal(res_plain(a, ""), "");
	assert_non_null(big);
	for (i = 0; i < n; i++)
		big[i] = i % 80 == 79 ? '\n' : i % 7 == 6 ? ' ' : 'w';
	big[n] = '\0';
	s = res_plain(a, big);
	assert_true(strlen(s) > 1000);
	assert_true(strlen(s) <= 64 * 1024);
	free(big);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_marks_go),
		cmocka_unit_test(test_html_is_not_text),
		cmocka_unit_test(test_empty_and_huge),
	};

	return cmocka_run_group_tests_name("res_plain", tests, NULL, NULL);
}
