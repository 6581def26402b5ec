/*
 * util_test.c -- the helpers of core/util.h.
 *
 * parse_int guards every number that arrives in a URL or a form, and
 * utf8_valid_text every string: what they let through reaches the database
 * and the pages.  token_hash and hmac_hex are how tokens are stored and CSRF
 * tokens signed, so they must agree with standard SHA-256 and HMAC-SHA-256
 * (the expected values below come from Python's hashlib and hmac, and RFC
 * 4231 test cases 1 and 6).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/util.h"

/* ---- parse_int ---------------------------------------------------------- */

/* 1 and the value in *out when s parses within [min, max]. */
static int
pint(const char *s, int64_t min, int64_t max, int64_t *out)
{
	*out = 12345;
	return parse_int(s, min, max, out) == WS_OK;
}

static void
test_parse_int_ok(void **state)
{
	int64_t v;

	(void)state;
	assert_true(pint("0", 0, 10, &v));
	assert_int_equal(v, 0);
	assert_true(pint("42", 0, 100, &v));
	assert_int_equal(v, 42);
	assert_true(pint("-17", -100, 100, &v));
	assert_int_equal(v, -17);
	assert_true(pint("-0", 0, 0, &v));
	assert_int_equal(v, 0);
	assert_true(pint("+7", 0, 10, &v));	/* an explicit plus is a sign too */
	assert_int_equal(v, 7);
	assert_true(pint("010", 0, 100, &v));	/* decimal, not octal */
	assert_int_equal(v, 10);
	/* the bounds are inclusive */
	assert_true(pint("1", 1, 5, &v));
	assert_true(pint("5", 1, 5, &v));
	assert_int_equal(v, 5);
	assert_true(pint("9223372036854775807", INT64_MIN, INT64_MAX, &v));
	assert_true(v == INT64_MAX);
	assert_true(pint("-9223372036854775808", INT64_MIN, INT64_MAX, &v));
	assert_true(v == INT64_MIN);
}

static void
test_parse_int_refused(void **state)
{
	static const char *const bad[] = {
		"", " ", " 5", "5 ", "\t5", "5\n", "\n5", "\v5", "1 2",
		"-", "+", "--1", "+-1", "-+1", "++1",
		"0x10", "1e3", "1.0", "1,000", "12abc", "abc", "٣",
		"9223372036854775808", "-9223372036854775809",
		"99999999999999999999999999",
	};
	size_t i;
	int64_t v;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (pint(bad[i], INT64_MIN, INT64_MAX, &v))
			fail_msg("parse_int accepted \"%s\"", bad[i]);
		assert_int_equal(v, 12345);	/* *out untouched on failure */
	}
	assert_false(pint(NULL, 0, 10, &v));
	/* out of range on either side */
	assert_false(pint("11", 0, 10, &v));
	assert_false(pint("-1", 0, 10, &v));
	assert_false(pint("0", 1, 10, &v));
	assert_false(pint("4294967296", 0, INT32_MAX, &v));
	assert_int_equal(v, 12345);
}

/* ---- utf8_valid_text ---------------------------------------------------- */

#define VALID(lit, nl) utf8_valid_text(lit, sizeof lit - 1, nl)

static void
test_utf8_valid(void **state)
{
	(void)state;
	assert_true(VALID("", 0));
	assert_true(VALID("plain ASCII text ~!@#", 0));
	assert_true(VALID("caf\xc3\xa9 \xe2\x82\xac 5 \xf0\x9f\x98\x80", 0));	/* é € 😀 */
	assert_true(VALID("\xc2\x80", 0));		/* U+0080, smallest 2-byte */
	assert_true(VALID("\xdf\xbf", 0));		/* U+07FF */
	assert_true(VALID("\xe0\xa0\x80", 0));		/* U+0800, smallest 3-byte */
	assert_true(VALID("\xed\x9f\xbf", 0));		/* U+D7FF, just below surrogates */
	assert_true(VALID("\xee\x80\x80", 0));		/* U+E000, just above */
	assert_true(VALID("\xef\xbf\xbd", 0));		/* U+FFFD */
	assert_true(VALID("\xf0\x90\x80\x80", 0));	/* U+10000, smallest 4-byte */
	assert_true(VALID("\xf4\x8f\xbf\xbf", 0));	/* U+10FFFF, the last */
	assert_true(VALID("tab\there", 0));		/* tabs always */
	/* only the first n bytes count */
	assert_true(utf8_valid_text("ok\x01", 2, 0));
	assert_true(utf8_valid_text("\xc3\xa9\xc3", 2, 0));
}

static void
test_utf8_overlong(void **state)
{
	(void)state;
	assert_false(VALID("\xc0\x80", 0));		/* NUL, overlong */
	assert_false(VALID("\xc0\xaf", 0));		/* '/', overlong */
	assert_false(VALID("\xc1\xbf", 0));
	assert_false(VALID("\xe0\x80\x80", 0));
	assert_false(VALID("\xe0\x80\xaf", 0));
	assert_false(VALID("\xe0\x9f\xbf", 0));		/* U+07FF in three bytes */
	assert_false(VALID("\xf0\x80\x80\x80", 0));
	assert_false(VALID("\xf0\x8f\xbf\xbf", 0));	/* U+FFFF in four bytes */
}

static void
test_utf8_surrogates_and_range(void **state)
{
	(void)state;
	assert_false(VALID("\xed\xa0\x80", 0));		/* U+D800 */
	assert_false(VALID("\xed\xad\xbf", 0));		/* U+DB7F */
	assert_false(VALID("\xed\xbf\xbf", 0));		/* U+DFFF */
	assert_false(VALID("\xed\xa0\xbd\xed\xb8\x80", 0));	/* CESU-8 pair */
	assert_false(VALID("\xf4\x90\x80\x80", 0));	/* U+110000 */
	assert_false(VALID("\xf7\xbf\xbf\xbf", 0));	/* U+1FFFFF */
	assert_false(VALID("\xf5\x80\x80\x80", 0));
	assert_false(VALID("\xf8\x88\x80\x80\x80", 0));	/* 5-byte form */
	assert_false(VALID("\xfc\x84\x80\x80\x80\x80", 0));
	assert_false(VALID("\xfe", 0));
	assert_false(VALID("\xff", 0));
}

static void
test_utf8_truncated(void **state)
{
	(void)state;
	assert_false(VALID("a\xc3", 0));			/* lead byte at the end */
	assert_false(VALID("\xe2\x82", 0));
	assert_false(VALID("\xf0\x9f\x98", 0));
	assert_false(VALID("\x80", 0));			/* lone continuation */
	assert_false(VALID("a\xbf" "b", 0));
	assert_false(VALID("\xc3\x28", 0));		/* continuation missing */
	assert_false(VALID("\xe2\x28\xa1", 0));
	assert_false(VALID("\xe2\x82\x28", 0));
	assert_false(VALID("\xf0\x9f\x98" "a", 0));
	/* a sequence cut by n is truncated even if the byte after is there */
	assert_false(utf8_valid_text("\xc3\xa9", 1, 0));
	assert_false(utf8_valid_text("\xf0\x9f\x98\x80", 3, 0));
}

static void
test_utf8_controls(void **state)
{
	(void)state;
	assert_false(VALID("a\0b", 1));			/* NUL never */
	assert_false(VALID("\x01", 1));
	assert_false(VALID("bell\x07", 1));
	assert_false(VALID("esc\x1b[31m", 1));
	assert_false(VALID("\x1f", 1));
	assert_false(VALID("del\x7f", 1));
	assert_false(VALID("line\nbreak", 0));		/* one-line fields */
	assert_false(VALID("cr\r", 0));
	assert_true(VALID("line\nbreak", 1));		/* multi-line text */
	assert_true(VALID("windows\r\nbreak", 1));
	assert_true(VALID("tab\tand\nnewline", 1));
	assert_false(VALID("form\ffeed", 1));
	assert_false(VALID("vertical\vtab", 1));
}

/* ---- hashes ------------------------------------------------------------- */

static void
test_token_hash(void **state)
{
	char out[65];

	(void)state;
	token_hash("", out);
	assert_string_equal(out,
	    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	token_hash("abc", out);
	assert_string_equal(out,
	    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	token_hash("token-0123", out);
	assert_string_equal(out,
	    "83a7535077c0b9a3c5b7a20d50944ba80aeca11b496c648dc3412afaa65543a4");
	token_hash("h\xc3\xa9llo", out);
	assert_string_equal(out,
	    "3c48591d8d098a4538f5e013dfcf406e948eac4d3277b10bf614e295d6068179");
}

static void
test_hmac(void **state)
{
	unsigned char k20[20], k131[131], k32[32];
	char out[65];
	size_t i;

	(void)state;
	memset(k20, 0x0b, sizeof k20);
	hmac_hex(k20, sizeof k20, "Hi There", out);	/* RFC 4231 case 1 */
	assert_string_equal(out,
	    "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
	memset(k131, 0xaa, sizeof k131);		/* RFC 4231 case 6: long key */
	hmac_hex(k131, sizeof k131, "Test Using Larger Than Block-Size Key - Hash Key First",
	    out);
	assert_string_equal(out,
	    "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
	hmac_hex((const unsigned char *)"key", 3,
	    "The quick brown fox jumps over the lazy dog", out);
	assert_string_equal(out,
	    "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
	hmac_hex((const unsigned char *)"", 0, "", out);
	assert_string_equal(out,
	    "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
	for (i = 0; i < sizeof k32; i++)		/* a site key, as CSRF uses */
		k32[i] = (unsigned char)i;
	hmac_hex(k32, sizeof k32, "session:abc", out);
	assert_string_equal(out,
	    "b5315424f545573a20689e92f975e15e141b84f310b0094a08bb7dfd08fe38b5");
	k32[0] = 1;					/* another key, another MAC */
	hmac_hex(k32, sizeof k32, "session:abc", out);
	assert_string_not_equal(out,
	    "b5315424f545573a20689e92f975e15e141b84f310b0094a08bb7dfd08fe38b5");
}

static void
test_random_hex(void **state)
{
	char a[65], b[65], small[9];
	size_t i;

	(void)state;
	random_hex(a, 32);
	random_hex(b, 32);
	assert_int_equal(strlen(a), 64);
	for (i = 0; i < 64; i++)
		assert_true(isxdigit((unsigned char)a[i]) && !isupper((unsigned char)a[i]));
	assert_string_not_equal(a, b);
	random_hex(small, 4);
	assert_int_equal(strlen(small), 8);
}

/* ---- strings and time --------------------------------------------------- */

static void
test_str_eq_ct(void **state)
{
	(void)state;
	assert_true(str_eq_ct("", ""));
	assert_true(str_eq_ct("abc", "abc"));
	assert_false(str_eq_ct("abc", "abd"));
	assert_false(str_eq_ct("abc", "ab"));		/* a prefix is not equal */
	assert_false(str_eq_ct("ab", "abc"));
	assert_false(str_eq_ct("", "a"));
	assert_false(str_eq_ct("Abc", "abc"));		/* case matters */
}

static void
test_time_rfc3339(void **state)
{
	char out[32];

	(void)state;
	time_rfc3339(0, out, sizeof out);
	assert_string_equal(out, "1970-01-01T00:00:00Z");
	time_rfc3339(1795503600, out, sizeof out);
	assert_string_equal(out, "2026-11-24T07:00:00Z");
	time_rfc3339(951782400, out, sizeof out);	/* a leap day */
	assert_string_equal(out, "2000-02-29T00:00:00Z");
	time_rfc3339((time_t)4102444799, out, sizeof out);
	assert_string_equal(out, "2099-12-31T23:59:59Z");
	time_rfc3339(-1, out, sizeof out);
	assert_string_equal(out, "1969-12-31T23:59:59Z");
	time_rfc3339(1795503600, out, 21);		/* the documented minimum fits */
	assert_string_equal(out, "2026-11-24T07:00:00Z");
}

static void
test_clock_offset(void **state)
{
	time_t before = now_s(), after;

	(void)state;
	assert_true(before - time(NULL) <= 1 && time(NULL) - before <= 1);
	util_clock_offset(3600);
	after = now_s();
	assert_true(after - before >= 3600 && after - before <= 3602);
	util_clock_offset(-3600);
	after = now_s();
	assert_true(after - before >= 0 && after - before <= 2);
}

static void
test_ascii_lower(void **state)
{
	char s[] = "Name@Example.ORG \xc3\x89T\xc3\x89";

	(void)state;
	assert_ptr_equal(ascii_lower(s), s);
	assert_string_equal(s, "name@example.org \xc3\x89t\xc3\x89");	/* É kept */
}

/* --trusted-proxy blocks: IPv4 and IPv6, with and without a prefix. */
static void
test_net_blocks(void **state)
{
	struct ws_net n, a;
	struct config c;

	(void)state;
	assert_int_equal(net_parse("10.0.0.0/8", &n), 0);
	assert_int_equal(net_parse_addr("10.200.3.4", &a), 0);
	assert_true(net_contains(&n, &a));
	assert_int_equal(net_parse_addr("11.0.0.1", &a), 0);
	assert_false(net_contains(&n, &a));
	assert_int_equal(net_parse_addr("::ffff:10.1.1.1", &a), 0);	/* mapped */
	assert_true(net_contains(&n, &a));
	assert_int_equal(net_parse("192.0.2.77/27", &n), 0);	/* host bits cleared */
	assert_int_equal(net_parse_addr("192.0.2.64", &a), 0);
	assert_true(net_contains(&n, &a));
	assert_int_equal(net_parse_addr("192.0.2.96", &a), 0);
	assert_false(net_contains(&n, &a));
	assert_int_equal(net_parse("2001:db8::/32", &n), 0);
	assert_int_equal(net_parse_addr("2001:db8:1::5", &a), 0);
	assert_true(net_contains(&n, &a));
	assert_int_equal(net_parse_addr("2001:db9::5", &a), 0);
	assert_false(net_contains(&n, &a));
	assert_int_equal(net_parse_addr("127.0.0.1", &a), 0);	/* families differ */
	assert_false(net_contains(&n, &a));
	assert_int_equal(net_parse("127.0.0.2", &n), 0);	/* one address */
	assert_int_equal(net_parse_addr("127.0.0.2", &a), 0);
	assert_true(net_contains(&n, &a));
	assert_int_equal(net_parse_addr("127.0.0.3", &a), 0);
	assert_false(net_contains(&n, &a));
	assert_int_equal(net_parse("::/0", &n), 0);	/* everything IPv6 */
	assert_int_equal(net_parse_addr("::1", &a), 0);
	assert_true(net_contains(&n, &a));
	/* refused */
	assert_int_equal(net_parse("10.0.0.0/33", &n), -1);
	assert_int_equal(net_parse("2001:db8::/129", &n), -1);
	assert_int_equal(net_parse("10.0.0.0/", &n), -1);
	assert_int_equal(net_parse("10.0.0.0/-1", &n), -1);
	assert_int_equal(net_parse("10.0.0.0/8x", &n), -1);
	assert_int_equal(net_parse("proxy.example", &n), -1);
	assert_int_equal(net_parse("", &n), -1);
	assert_int_equal(net_parse_addr("10.0.0.1 ", &a), -1);
	/* a configuration's list */
	config_defaults(&c);
	assert_int_equal(net_parse_addr("10.0.0.1", &a), 0);
	assert_false(config_trusted(&c, &a));
	assert_int_equal(net_parse("10.0.0.0/24", &c.trusted[c.ntrusted++]), 0);
	assert_true(config_trusted(&c, &a));
}

/* Percent-encoding for Location headers and query values. */
static void
test_urlencode(void **state)
{
	struct arena *a = arena_new();

	(void)state;
	assert_string_equal(arena_urlencode(a, "/a b/caf\xc3\xa9?q=1&x=%2F#f", "/?&="),
	    "/a%20b/caf%C3%A9?q=1&x=%252F%23f");
	assert_string_equal(arena_urlencode(a, "/x\r\ny", "/"), "/x%0D%0Ay");
	assert_string_equal(arena_urlencode(a, "/p?q", "/"), "/p%3Fq");
	assert_string_equal(arena_urlencode(a, "AZaz09-._~", NULL), "AZaz09-._~");
	assert_string_equal(arena_urlencode(a, "", NULL), "");
	assert_null(arena_urlencode(a, NULL, NULL));
	arena_free(a);
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_int_ok),
		cmocka_unit_test(test_parse_int_refused),
		cmocka_unit_test(test_utf8_valid),
		cmocka_unit_test(test_utf8_overlong),
		cmocka_unit_test(test_utf8_surrogates_and_range),
		cmocka_unit_test(test_utf8_truncated),
		cmocka_unit_test(test_utf8_controls),
		cmocka_unit_test(test_token_hash),
		cmocka_unit_test(test_hmac),
		cmocka_unit_test(test_random_hex),
		cmocka_unit_test(test_str_eq_ct),
		cmocka_unit_test(test_time_rfc3339),
		cmocka_unit_test(test_clock_offset),
		cmocka_unit_test(test_ascii_lower),
		cmocka_unit_test(test_net_blocks),
		cmocka_unit_test(test_urlencode),
	};

	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
