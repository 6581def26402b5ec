/*
 * pwhash_test.c -- the cost of a password hash (password_hash_raw,
 * src/app/accounts/accounts.c).  A user would notice, after a leak, that
 * passwords were stored cheap to guess: the server must hash at libsodium's
 * interactive limits (argon2id, 64 MiB, 2 passes) unless a test build is
 * told otherwise, and what it stores must check the same either way.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "app/accounts/accounts.h"

static void
test_default_cost(void **state)
{
	char h[crypto_pwhash_STRBYTES];

	(void)state;
	assert_int_equal(unsetenv("WHATSON_TEST_PWHASH"), 0);
	assert_int_equal(password_hash_raw("correct horse", h), 0);
	assert_non_null(strstr(h, "$argon2id$v=19$m=65536,t=2,p=1$"));
	assert_int_equal(crypto_pwhash_str_verify(h, "correct horse", 13), 0);
	assert_int_not_equal(crypto_pwhash_str_verify(h, "correct hors", 12), 0);
	/* only "min" lowers it: anything else keeps the full cost */
	assert_int_equal(setenv("WHATSON_TEST_PWHASH", "0", 1), 0);
	assert_int_equal(password_hash_raw("correct horse", h), 0);
	assert_non_null(strstr(h, "$argon2id$v=19$m=65536,t=2,p=1$"));
}

static void
test_test_cost(void **state)
{
	char h[crypto_pwhash_STRBYTES];

	(void)state;
	assert_int_equal(setenv("WHATSON_TEST_PWHASH", "min", 1), 0);
	assert_int_equal(password_hash_raw("correct horse", h), 0);
	assert_non_null(strstr(h, "$argon2id$v=19$m=8,t=1,p=1$"));
	assert_int_equal(crypto_pwhash_str_verify(h, "correct horse", 13), 0);
	assert_int_not_equal(crypto_pwhash_str_verify(h, "Correct horse", 13), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_cost),
		cmocka_unit_test(test_test_cost),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests_name("pwhash", tests, NULL, NULL);
}
