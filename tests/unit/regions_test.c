/*
 * regions_test.c -- the M49 tables as a reader of the directory would check
 * them: where Kenya, Türkiye, Côte d'Ivoire, Kosovo, France and Brazil
 * fall, names in both languages, and that every country's areas exist.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "app/directory/regions.h"

static void
place(const char *alpha2, const char *region, const char *rname, const char *sub,
    const char *sname)
{
	assert_string_equal(m49_region(alpha2), region);
	assert_string_equal(m49_name(m49_region(alpha2), "en"), rname);
	assert_string_equal(m49_subregion(alpha2), sub);
	assert_string_equal(m49_name(m49_subregion(alpha2), "en"), sname);
}

static void
test_countries(void **state)
{
	(void)state;
	place("KE", "002", "Africa", "014", "Eastern Africa");
	place("TR", "142", "Asia", "145", "Western Asia");	/* M49, not Europe */
	place("CI", "002", "Africa", "011", "Western Africa");
	place("XK", "150", "Europe", "039", "Southern Europe");	/* with Serbia */
	place("TW", "142", "Asia", "030", "Eastern Asia");	/* with China */
	place("FR", "150", "Europe", "155", "Western Europe");
	place("BR", "019", "Americas", "419", "Latin America and the Caribbean");
	place("US", "019", "Americas", "021", "Northern America");
	place("EG", "002", "Africa", "015", "Northern Africa");
	place("AU", "009", "Oceania", "053", "Australia and New Zealand");
}

static void
test_unknown(void **state)
{
	(void)state;
	assert_null(m49_region("AQ"));		/* Antarctica: in no region */
	assert_null(m49_subregion("AQ"));
	assert_null(m49_region("ZZ"));
	assert_null(m49_region(""));
	assert_null(m49_region(NULL));
	assert_null(m49_name("999", "en"));
	assert_null(m49_name(NULL, "en"));
	assert_false(m49_valid("202"));		/* Sub-Saharan Africa: not used */
	assert_false(m49_valid("001"));		/* World */
	assert_false(m49_valid("KE"));
	assert_false(m49_valid(NULL));
	assert_true(m49_valid("002"));
	assert_true(m49_valid("419"));
}

static void
test_names(void **state)
{
	(void)state;
	assert_string_equal(m49_name("002", "fr"), "Afrique");
	assert_string_equal(m49_name("014", "fr"), "Afrique orientale");
	assert_string_equal(m49_name("419", "fr"), "Amérique latine et Caraïbes");
	assert_string_equal(m49_name("002", "de"), "Africa");	/* English otherwise */
	assert_string_equal(m49_name("002", NULL), "Africa");
}

static void
test_areas(void **state)
{
	const struct m49_area *a;
	size_t n, i, regions = 0;
	const char *const every[] = { "KE", "NG", "FR", "BR", "IN", "MX", "UA", "PH", "JP",
	    "NZ", "FJ", "CA", "RU", "SA", NULL };

	(void)state;
	a = m49_areas(&n);
	assert_int_equal(n, 25);
	for (i = 0; i < n; i++) {
		if (a[i].level == M49_REGION) {
			assert_int_equal(i, regions);	/* regions come first */
			regions++;
			assert_string_equal(a[i].parent, "");
		} else {
			assert_true(m49_valid(a[i].parent));
			assert_int_equal(a[i].level, M49_SUBREGION);
		}
		assert_true(*a[i].en && *a[i].fr);
	}
	assert_int_equal(regions, 5);
	assert_string_equal(a[0].en, "Africa");
	for (i = 0; every[i]; i++) {
		const char *sub = m49_subregion(every[i]);
		size_t k;

		assert_non_null(sub);
		for (k = 0; k < n && strcmp(a[k].code, sub) != 0; k++)
			;
		assert_true(k < n);
		assert_string_equal(a[k].parent, m49_region(every[i]));
	}
}

int
main(void)
{
	static const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_countries),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_areas),
	};

	return cmocka_run_group_tests_name("regions", tests, NULL, NULL);
}
