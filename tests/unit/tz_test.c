/*
 * tz_test.c -- time zones (core/tz.h) against known instants.
 *
 * An event that runs through a change of the clocks must show each of its
 * times with the offset of that moment: a workshop in Vienna from Thursday
 * 22 to Thursday 29 October 2026 starts at +02:00 and ends at +01:00.  The
 * instants below come from the tz database's rules (checked by hand
 * against `zdump -v`); the zones cover both hemispheres (New York,
 * Sydney), a half-hour offset without daylight-saving time (Kolkata) and
 * dates past 2037, where only a file's footer rule says what happens.
 * The same zones are then compared hour by hour with glibc's localtime_r
 * (here in a test, never in the server) over 2020-2045.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/tz.h"

/* The instant of a UTC date and time. */
static int64_t
utc(int y, int mo, int d, int h, int mi, int s)
{
	return tz_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

static const struct tz *
zone(const char *name)
{
	const struct tz *z = NULL;

	assert_int_equal(tz_get(name, &z), WS_OK);
	assert_non_null(z);
	return z;
}

static void
assert_rfc(const struct tz *z, int64_t t, const char *want)
{
	char s[40];

	tz_rfc3339(z, t, s, sizeof s);
	assert_string_equal(s, want);
}

/* The instant of local time s in z, and how it fit. */
static int64_t
local(const struct tz *z, const char *s, enum tz_fit want_fit)
{
	int64_t t = 0;
	enum tz_fit fit;

	assert_int_equal(tz_parse_time(z, s, &t, &fit), WS_OK);
	assert_int_equal(fit, want_fit);
	return t;
}

static void
test_vienna_october_week(void **state)
{
	const struct tz *z = zone("Europe/Vienna");
	int dst;

	(void)state;
	/* last Sunday of October 2026: 03:00 CEST becomes 02:00 CET at 01:00 UTC */
	assert_int_equal(tz_offset(z, utc(2026, 10, 25, 0, 59, 59), &dst), 7200);
	assert_true(dst);
	assert_int_equal(tz_offset(z, utc(2026, 10, 25, 1, 0, 0), &dst), 3600);
	assert_false(dst);
	/* a week's workshop through the change */
	assert_rfc(z, local(z, "2026-10-22T09:00", TZ_EXACT), "2026-10-22T09:00:00+02:00");
	assert_rfc(z, local(z, "2026-10-29T17:00:00", TZ_EXACT), "2026-10-29T17:00:00+01:00");
	assert_int_equal(local(z, "2026-10-29T17:00", TZ_EXACT) - local(z, "2026-10-22T09:00",
	    TZ_EXACT), 7 * 86400 + 8 * 3600 + 3600);
	/* 02:30 happens twice that night: the first is given */
	assert_int_equal(local(z, "2026-10-25T02:30", TZ_AMBIGUOUS), utc(2026, 10, 25, 0, 30, 0));
	/* and 02:30 on 29 March never happens: 03:30 CEST */
	assert_int_equal(local(z, "2026-03-29T02:30", TZ_GAP), utc(2026, 3, 29, 1, 30, 0));
	assert_rfc(z, utc(2026, 3, 29, 1, 30, 0), "2026-03-29T03:30:00+02:00");
	/* an offset given is taken as it is */
	assert_int_equal(local(z, "2026-10-25T02:30:00+01:00", TZ_EXACT),
	    utc(2026, 10, 25, 1, 30, 0));
	assert_int_equal(local(z, "2026-10-25T01:30:00Z", TZ_EXACT), utc(2026, 10, 25, 1, 30, 0));
	assert_int_equal(local(z, "2026-10-25T01:30:00.250Z", TZ_EXACT),
	    utc(2026, 10, 25, 1, 30, 0));
}

static void
test_new_york(void **state)
{
	const struct tz *z = zone("America/New_York");

	(void)state;
	/* second Sunday of March 2026: 02:00 EST becomes 03:00 EDT at 07:00 UTC */
	assert_int_equal(tz_offset(z, utc(2026, 3, 8, 6, 59, 59), NULL), -5 * 3600);
	assert_int_equal(tz_offset(z, utc(2026, 3, 8, 7, 0, 0), NULL), -4 * 3600);
	/* first Sunday of November: 02:00 EDT becomes 01:00 EST at 06:00 UTC */
	assert_int_equal(tz_offset(z, utc(2026, 11, 1, 5, 59, 59), NULL), -4 * 3600);
	assert_int_equal(tz_offset(z, utc(2026, 11, 1, 6, 0, 0), NULL), -5 * 3600);
	assert_rfc(z, local(z, "2026-11-01T01:30", TZ_AMBIGUOUS), "2026-11-01T01:30:00-04:00");
	assert_rfc(z, local(z, "2026-03-08T02:15", TZ_GAP), "2026-03-08T03:15:00-04:00");
	assert_rfc(z, local(z, "2026-07-04T12:00", TZ_EXACT), "2026-07-04T12:00:00-04:00");
	assert_rfc(z, local(z, "2026-12-24T18:00", TZ_EXACT), "2026-12-24T18:00:00-05:00");
}

static void
test_sydney(void **state)
{
	const struct tz *z = zone("Australia/Sydney");

	(void)state;
	/* first Sunday of April 2026: 03:00 AEDT becomes 02:00 AEST (16:00 UTC the day before) */
	assert_int_equal(tz_offset(z, utc(2026, 4, 4, 15, 59, 59), NULL), 11 * 3600);
	assert_int_equal(tz_offset(z, utc(2026, 4, 4, 16, 0, 0), NULL), 10 * 3600);
	/* first Sunday of October: 02:00 AEST becomes 03:00 AEDT */
	assert_int_equal(tz_offset(z, utc(2026, 10, 3, 15, 59, 59), NULL), 10 * 3600);
	assert_int_equal(tz_offset(z, utc(2026, 10, 3, 16, 0, 0), NULL), 11 * 3600);
	/* southern summer spans the new year */
	assert_rfc(z, local(z, "2027-01-01T00:00", TZ_EXACT), "2027-01-01T00:00:00+11:00");
	assert_rfc(z, local(z, "2026-07-01T09:00", TZ_EXACT), "2026-07-01T09:00:00+10:00");
}

static void
test_kolkata(void **state)
{
	const struct tz *z = zone("Asia/Kolkata");

	(void)state;
	assert_int_equal(tz_offset(z, utc(2026, 1, 15, 12, 0, 0), NULL), 5 * 3600 + 1800);
	assert_rfc(z, utc(2026, 1, 15, 12, 0, 0), "2026-01-15T17:30:00+05:30");
	assert_int_equal(local(z, "2026-06-30T23:45", TZ_EXACT), utc(2026, 6, 30, 18, 15, 0));
	assert_rfc(zone("UTC"), utc(2026, 6, 30, 18, 15, 0), "2026-06-30T18:15:00Z");
}

/* Past the last transition a file lists, its footer rule decides. */
static void
test_beyond_2037(void **state)
{
	const struct tz *z = zone("Europe/Vienna");

	(void)state;
	/* last Sunday of October 2040 is the 28th */
	assert_int_equal(tz_offset(z, utc(2040, 10, 28, 0, 59, 59), NULL), 7200);
	assert_int_equal(tz_offset(z, utc(2040, 10, 28, 1, 0, 0), NULL), 3600);
	assert_rfc(zone("America/New_York"), utc(2099, 7, 1, 16, 0, 0),
	    "2099-07-01T12:00:00-04:00");
	assert_rfc(zone("Australia/Sydney"), utc(2099, 1, 1, 0, 0, 0),
	    "2099-01-01T11:00:00+11:00");
}

/* Every hour of 2020-2045 agrees with glibc's reading of the same files. */
static void
test_against_glibc(void **state)
{
	static const char *const names[] = { "Europe/Vienna", "America/New_York",
		"Australia/Sydney", "Asia/Kolkata", "America/Sao_Paulo", "Pacific/Chatham",
		"Africa/Casablanca", "Europe/Dublin", NULL };
	const char *const *n;
	char *old = getenv("TZ") ? strdup(getenv("TZ")) : NULL;

	(void)state;
	for (n = names; *n; n++) {
		const struct tz *z = zone(*n);
		int64_t t;
		char env[80];

		snprintf(env, sizeof env, ":%s", *n);
		setenv("TZ", env, 1);
		tzset();
		for (t = utc(2020, 1, 1, 0, 0, 0); t < utc(2045, 1, 1, 0, 0, 0); t += 3600) {
			time_t tt = (time_t)t;
			struct tm tm;
			struct tz_local l;
			int64_t back;
			enum tz_fit fit;

			localtime_r(&tt, &tm);
			if (tz_offset(z, t, NULL) != tm.tm_gmtoff)
				fail_msg("%s at %lld: %d, glibc %ld", *n, (long long)t,
				    tz_offset(z, t, NULL), tm.tm_gmtoff);
			tz_to_local(z, t, &l);
			assert_int_equal(l.hour, tm.tm_hour);
			assert_int_equal(l.day, tm.tm_mday);
			/* a local time that happens once comes back to its instant */
			assert_int_equal(tz_to_utc(z, &l, &back, &fit), WS_OK);
			if (fit == TZ_EXACT)
				assert_int_equal(back, t);
			else
				assert_int_equal(fit, TZ_AMBIGUOUS);
		}
	}
	if (old)
		setenv("TZ", old, 1);
	else
		unsetenv("TZ");
	free(old);
	tzset();
}

static void
test_names_refused(void **state)
{
	static const char *const bad[] = { "", "..", "../etc/passwd", "Europe/../../etc/passwd",
		"/etc/passwd", "Europe//Vienna", "Europe/", "Europe/Vienna/", "zone.tab",
		"Europe/Vienna\n", "Europe/Vi enna", "-Europe", "America/Argentina/Buenos_Aires/X",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL };
	const char *const *b;
	const struct tz *z = (const struct tz *)1;

	(void)state;
	for (b = bad; *b; b++) {
		assert_false(tz_name_ok(*b));
		assert_int_equal(tz_get(*b, &z), WS_EINVAL);
		assert_null(z);
	}
	assert_true(tz_name_ok("America/Argentina/Buenos_Aires"));
	assert_true(tz_name_ok("Etc/GMT+5"));
	/* well-formed names that are not zones */
	assert_int_equal(tz_get("Nowhere/Atlantis", &z), WS_ENOTFOUND);
	assert_int_equal(tz_get("Europe", &z), WS_ENOTFOUND);	/* a directory */
	assert_int_equal(tz_get("leapseconds", &z), WS_ENOTFOUND);	/* not TZif */
	assert_int_equal(tz_get("right/UTC", &z), WS_ENOTFOUND);	/* leap seconds */
	assert_int_equal(tz_get("America/Argentina/Buenos_Aires", &z), WS_OK);
	assert_rfc(z, utc(2026, 1, 1, 12, 0, 0), "2026-01-01T09:00:00-03:00");
}

static void
test_times_refused(void **state)
{
	static const char *const bad[] = { "", "2026-10-22", "2026-10-22T9:00", "2026-13-01T09:00",
		"2026-04-31T09:00", "2026-02-29T09:00", "2026-10-22T24:00", "2026-10-22T09:60",
		"2026-10-22T09:00:00+2:00", "2026-10-22T09:00:00+02", "2026-10-22T09:00:00+24:00",
		"2026-10-22T09:00:00Zx", "2026-10-22T09:00:00.", "0000-01-01T00:00",
		"2026-10-22T09:00 ", "tomorrow", NULL };
	const char *const *b;
	const struct tz *z = zone("Europe/Vienna");
	struct tz_local l = { 2026, 2, 30, 0, 0, 0 };
	int64_t t;

	(void)state;
	for (b = bad; *b; b++)
		if (tz_parse_time(z, *b, &t, NULL) != WS_EINVAL)
			fail_msg("\"%s\" was taken", *b);
	assert_int_equal(tz_to_utc(z, &l, &t, NULL), WS_EINVAL);
	assert_int_equal(tz_parse_time(z, "2028-02-29T09:00", &t, NULL), WS_OK);
}

/* Truncated or altered files are refused, never read past their end. */
static void
test_parse_damaged(void **state)
{
	FILE *f = fopen("/usr/share/zoneinfo/Europe/Vienna", "rb");
	unsigned char buf[8192], *copy;
	size_t n, cut;
	struct tz *z = NULL;

	(void)state;
	assert_non_null(f);
	n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	assert_int_equal(tz_parse(buf, n, "x", &z), WS_OK);
	tz_free(z);
	for (cut = 0; cut < n; cut++) {
		/* an exact-size copy, so ASan sees any read past the end */
		copy = malloc(cut ? cut : 1);
		memcpy(copy, buf, cut);
		z = NULL;
		assert_int_equal(tz_parse(copy, cut, "x", &z), WS_EINVAL);
		assert_null(z);
		free(copy);
	}
	/* a type index out of range */
	memcpy(buf + 4, "\0", 1);	/* version 1: only the first block is read */
	assert_int_equal(tz_parse(buf, n, "x", &z), WS_OK);
	tz_free(z);
	buf[0] = 'X';
	assert_int_equal(tz_parse(buf, n, "x", &z), WS_EINVAL);
}

static void *
getter(void *arg)
{
	const struct tz **out = arg;
	int i;

	for (i = 0; i < 200; i++)
		if (tz_get("Pacific/Auckland", &out[0]) != WS_OK ||
		    tz_get("America/Chicago", &out[1]) != WS_OK)
			out[0] = NULL;
	return NULL;
}

/* Threads that load the same zones at once all get the one cached copy. */
static void
test_threads(void **state)
{
	pthread_t th[8];
	const struct tz *got[8][2];
	int i;

	(void)state;
	for (i = 0; i < 8; i++)
		assert_int_equal(pthread_create(&th[i], NULL, getter, got[i]), 0);
	for (i = 0; i < 8; i++)
		pthread_join(th[i], NULL);
	for (i = 0; i < 8; i++) {
		assert_non_null(got[i][0]);
		assert_ptr_equal(got[i][0], got[0][0]);
		assert_ptr_equal(got[i][1], got[0][1]);
	}
	assert_string_equal(tz_name(got[0][0]), "Pacific/Auckland");
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vienna_october_week),
		cmocka_unit_test(test_new_york),
		cmocka_unit_test(test_sydney),
		cmocka_unit_test(test_kolkata),
		cmocka_unit_test(test_beyond_2037),
		cmocka_unit_test(test_against_glibc),
		cmocka_unit_test(test_names_refused),
		cmocka_unit_test(test_times_refused),
		cmocka_unit_test(test_parse_damaged),
		cmocka_unit_test(test_threads),
	};

	return cmocka_run_group_tests_name("tz", tests, NULL, NULL);
}
