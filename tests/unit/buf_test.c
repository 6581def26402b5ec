/*
 * buf_test.c -- the growable buffer with a ceiling (core/buf.h) and the
 * request arena (core/arena.h).
 *
 * What callers rely on: an append past the ceiling fails with WS_ETOOBIG and
 * leaves what was there untouched (a 413 page can still be rendered from a
 * half-built body), contents are always NUL-terminated, stealing hands over
 * the storage; the arena returns zeroed, aligned memory that stays valid
 * until arena_free however many and however large the allocations are.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"

/* ---- buf ---------------------------------------------------------------- */

static void
test_buf_empty(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 16);
	assert_string_equal(buf_str(&b), "");
	assert_int_equal(b.len, 0);
	buf_reset(&b);			/* harmless before any storage exists */
	assert_string_equal(buf_str(&b), "");
	buf_free(&b);
	buf_free(&b);			/* twice is fine */
}

static void
test_buf_append(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 1024);
	assert_int_equal(buf_adds(&b, "hello"), WS_OK);
	assert_int_equal(buf_addc(&b, ','), WS_OK);
	assert_int_equal(buf_add(&b, " world!!!", 6), WS_OK);
	assert_string_equal(buf_str(&b), "hello, world");
	assert_int_equal(b.len, 12);
	/* binary data with a NUL inside keeps its length */
	assert_int_equal(buf_add(&b, "\0x", 2), WS_OK);
	assert_int_equal(b.len, 14);
	assert_memory_equal(b.data + 12, "\0x", 2);
	assert_int_equal(b.data[14], '\0');
	/* an empty append changes nothing */
	assert_int_equal(buf_add(&b, NULL, 0), WS_OK);
	assert_int_equal(b.len, 14);
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_str(&b), "");
	assert_int_equal(buf_adds(&b, "again"), WS_OK);
	assert_string_equal(buf_str(&b), "again");
	buf_free(&b);
}

/* An append over the ceiling is refused whole and the contents stay. */
static void
test_buf_ceiling(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 10);
	assert_int_equal(buf_adds(&b, "0123456"), WS_OK);
	assert_int_equal(buf_adds(&b, "7890"), WS_ETOOBIG);	/* 11 > 10 */
	assert_string_equal(buf_str(&b), "0123456");
	assert_int_equal(b.len, 7);
	assert_int_equal(buf_printf(&b, "%d", 1234), WS_ETOOBIG);
	assert_string_equal(buf_str(&b), "0123456");
	assert_int_equal(buf_add(&b, "x", SIZE_MAX), WS_ETOOBIG);	/* no overflow */
	assert_int_equal(buf_add(&b, "x", SIZE_MAX - 3), WS_ETOOBIG);
	assert_string_equal(buf_str(&b), "0123456");
	/* exactly up to the ceiling is allowed, one more byte is not */
	assert_int_equal(buf_adds(&b, "789"), WS_OK);
	assert_int_equal(b.len, 10);
	assert_string_equal(buf_str(&b), "0123456789");
	assert_int_equal(buf_addc(&b, 'x'), WS_ETOOBIG);
	assert_string_equal(buf_str(&b), "0123456789");
	assert_true(b.cap <= b.max + 1);	/* never allocates past the ceiling */
	buf_free(&b);

	/* a zero ceiling takes nothing, but an empty append is fine */
	buf_init(&b, 0);
	assert_int_equal(buf_addc(&b, 'a'), WS_ETOOBIG);
	assert_int_equal(buf_add(&b, "", 0), WS_OK);
	assert_string_equal(buf_str(&b), "");
	buf_free(&b);
}

/* printf output of any length is appended whole, growing as needed. */
static void
test_buf_printf_growth(void **state)
{
	struct buf b;
	char *big = malloc(5001), want[64];
	size_t i, len;

	(void)state;
	memset(big, 'z', 5000);
	big[5000] = '\0';
	buf_init(&b, 1 << 20);
	assert_int_equal(buf_printf(&b, "%s", ""), WS_OK);
	assert_string_equal(buf_str(&b), "");
	assert_int_equal(buf_printf(&b, "[%s]", big), WS_OK);
	assert_int_equal(b.len, 5002);
	assert_int_equal(b.data[0], '[');
	assert_int_equal(b.data[5001], ']');
	assert_int_equal(b.data[5002], '\0');
	for (i = 0; i < 1000; i++)
		assert_int_equal(buf_printf(&b, "%zu,", i), WS_OK);
	len = b.len;
	assert_int_equal(strlen(b.data), len);
	snprintf(want, sizeof want, "998,999,");
	assert_string_equal(b.data + len - strlen(want), want);
	assert_true(b.cap > b.len);
	buf_free(&b);
	free(big);
}

/* The steal hands the storage over; the buffer is empty and reusable. */
static void
test_buf_steal(void **state)
{
	struct buf b;
	char *s;

	(void)state;
	buf_init(&b, 100);
	s = buf_steal(&b);		/* never-used buffer: an empty string */
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
	assert_int_equal(buf_adds(&b, "kept"), WS_OK);
	s = buf_steal(&b);
	assert_string_equal(s, "kept");
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_str(&b), "");
	assert_int_equal(b.max, 100);	/* the ceiling survives */
	assert_int_equal(buf_adds(&b, "new"), WS_OK);
	assert_string_equal(buf_str(&b), "new");
	assert_string_equal(s, "kept");	/* the stolen copy is independent */
	free(s);
	buf_free(&b);
}

/* ---- arena -------------------------------------------------------------- */

static void
test_arena_many(void **state)
{
	struct arena *a = arena_new();
	enum { N = 20000 };
	uint32_t **p = malloc(N * sizeof *p);
	size_t i;

	(void)state;
	for (i = 0; i < N; i++) {
		size_t n = 1 + i % 97;
		unsigned char *z = arena_alloc(a, n * sizeof(uint32_t));
		size_t k;

		for (k = 0; k < n * sizeof(uint32_t); k++)
			assert_int_equal(z[k], 0);	/* zeroed */
		p[i] = (uint32_t *)z;
		for (k = 0; k < n; k++)
			p[i][k] = (uint32_t)i;
	}
	/* nothing was overwritten by a later allocation */
	for (i = 0; i < N; i++) {
		size_t n = 1 + i % 97, k;

		for (k = 0; k < n; k++)
			assert_int_equal(p[i][k], (uint32_t)i);
	}
	free(p);
	arena_free(a);
	arena_free(NULL);
}

static void
test_arena_large(void **state)
{
	struct arena *a = arena_new();
	char *small1, *big, *small2, *huge;
	size_t i;

	(void)state;
	small1 = arena_alloc(a, 10);
	memset(small1, 'a', 10);
	big = arena_alloc(a, 100000);	/* larger than a block */
	for (i = 0; i < 100000; i++)
		assert_int_equal(big[i], 0);
	memset(big, 'b', 100000);
	small2 = arena_alloc(a, 10);
	memset(small2, 'c', 10);
	huge = arena_alloc(a, 8u << 20);
	memset(huge, 'd', 8u << 20);
	for (i = 0; i < 10; i++) {
		assert_int_equal(small1[i], 'a');
		assert_int_equal(small2[i], 'c');
	}
	for (i = 0; i < 100000; i++)
		assert_int_equal(big[i], 'b');
	assert_int_equal(huge[(8u << 20) - 1], 'd');
	/* a zero-byte allocation is a valid pointer */
	assert_non_null(arena_alloc(a, 0));
	arena_free(a);
}

static void
test_arena_alignment(void **state)
{
	struct arena *a = arena_new();
	size_t i;

	(void)state;
	for (i = 0; i < 3000; i++) {
		void *p = arena_alloc(a, i % 7 == 0 ? 5000 + i : 1 + i % 13);

		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		/* a double and a long double fit where the pointer says */
		*(long double *)p = 1.0L;
	}
	arena_free(a);
}

static void
test_arena_strings(void **state)
{
	struct arena *a = arena_new();
	char src[] = "source text";
	char *s, *t, *u, *big;
	char *longfmt = malloc(30001);

	(void)state;
	s = arena_strdup(a, src);
	src[0] = 'X';
	assert_string_equal(s, "source text");	/* a copy */
	assert_null(arena_strdup(a, NULL));
	assert_null(arena_strndup(a, NULL, 3));
	t = arena_strndup(a, "abcdef", 3);
	assert_string_equal(t, "abc");
	u = arena_printf(a, "%s-%d-%05.1f", "x", -42, 3.14159);
	assert_string_equal(u, "x--42-003.1");
	assert_string_equal(arena_printf(a, "%s", ""), "");
	memset(longfmt, 'q', 30000);
	longfmt[30000] = '\0';
	big = arena_printf(a, "<%s>", longfmt);
	assert_int_equal(strlen(big), 30002);
	assert_int_equal(big[30001], '>');
	assert_string_equal(s, "source text");
	assert_string_equal(t, "abc");
	free(longfmt);
	arena_free(a);
}

/* JSON strings and numbers written without jansson: the bytes jansson
 * would parse back to the same value, and the ceiling still holds. */
static void
test_buf_json(void **state)
{
	static const char *const strs[] = {
		"", "plain", "quote \" and \\ back", "tab\tnew\nline\x01\x1f",
		"Côte d'Ivoire 中国 عربي", NULL
	};
	static const long long nums[] = { 0, 7, -1, 1234567890123LL, -9223372036854775807LL - 1 };
	struct buf b;
	size_t i;

	(void)state;
	for (i = 0; strs[i]; i++) {
		json_error_t err;
		json_t *v;

		buf_init(&b, 1024);
		assert_int_equal(buf_json_str(&b, strs[i]), WS_OK);
		v = json_loadb(b.data, b.len, JSON_DECODE_ANY, &err);
		assert_non_null(v);
		assert_string_equal(json_string_value(v), strs[i]);
		json_decref(v);
		buf_free(&b);
	}
	buf_init(&b, 1024);
	assert_int_equal(buf_json_str(&b, NULL), WS_OK);
	assert_string_equal(buf_str(&b), "\"\"");
	buf_free(&b);
	for (i = 0; i < sizeof nums / sizeof nums[0]; i++) {
		char want[32];

		buf_init(&b, 64);
		assert_int_equal(buf_add_int(&b, nums[i]), WS_OK);
		snprintf(want, sizeof want, "%lld", nums[i]);
		assert_string_equal(buf_str(&b), want);
		buf_free(&b);
	}
	buf_init(&b, 8);	/* the ceiling: refused whole, nothing half-written */
	assert_int_equal(buf_adds(&b, "abc"), WS_OK);
	assert_int_equal(buf_json_str(&b, "toolong"), WS_ETOOBIG);
	assert_int_equal(buf_add_int(&b, 123456), WS_ETOOBIG);
	assert_int_equal(buf_add_int(&b, 12345), WS_OK);
	assert_string_equal(buf_str(&b), "abc12345");
	assert_int_equal(buf_addc(&b, 'x'), WS_ETOOBIG);
	buf_free(&b);
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_empty),
		cmocka_unit_test(test_buf_append),
		cmocka_unit_test(test_buf_ceiling),
		cmocka_unit_test(test_buf_printf_growth),
		cmocka_unit_test(test_buf_steal),
		cmocka_unit_test(test_buf_json),
		cmocka_unit_test(test_arena_many),
		cmocka_unit_test(test_arena_large),
		cmocka_unit_test(test_arena_alignment),
		cmocka_unit_test(test_arena_strings),
	};

	return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
