/*
 * dupkeys_test.c -- the keys that make two organizations likely duplicates
 * (src/app/orgs/dupkeys.c), from the fields a person types in the join
 * form or a CSV file.  What a user would notice if these broke: the same
 * organization typed with other capitals, accents, punctuation or another
 * form of its web address slipping past the review queue and the import;
 * two organizations that share only gmail.com or a Facebook page flagged
 * as one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "app/orgs/orgs.h"
#include "core/arena.h"

static struct arena *a;

/* The keys of an organization as the join form's data holds it. */
static struct dup_keys
keys(const char *name, const char *acronym, const char *country, const char *website,
    const char *email)
{
	json_t *data = json_pack("{s:{s:s,s:s,s:s,s:s},s:{s:s}}", "organization",
	    "name", name, "acronym", acronym, "country", country, "website", website,
	    "contact", "email", email);
	struct app_keys k;
	struct dup_keys dk;

	app_keys_of(a, data, &k);
	org_dupkeys_of(a, &k, &dk);
	json_decref(data);
	return dk;
}

static const char *
name_key(const char *name, const char *country)
{
	return keys(name, "", country, "", "").key[DUP_NAME];
}

static const char *
site_key(const char *website)
{
	return keys("X", "", "KE", website, "").key[DUP_SITE];
}

static const char *
mail_key(const char *email)
{
	return keys("X", "", "KE", "", email).key[DUP_MAIL];
}

static void
test_name_case_accents_punctuation(void **state)
{
	(void)state;
	assert_string_equal(name_key("Lantern Watch", "KE"), "name:lantern watch|KE");
	assert_string_equal(name_key("LANTERN WATCH", "KE"), name_key("lantern watch", "KE"));
	assert_string_equal(name_key("  Lantern -- Watch! ", "KE"), "name:lantern watch|KE");
	/* accents, lower and upper case: one name */
	assert_string_equal(name_key("Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale", "SN"),
	    "name:societe generale|SN");
	assert_string_equal(name_key("SOCI\xc3\x89T\xc3\x89 G\xc3\x89N\xc3\x89RALE", "SN"),
	    "name:societe generale|SN");
	assert_string_equal(name_key("\xc3\x86r\xc3\xb8 Stra\xc3\x9f" "e \xc5\x81\xc3\xb3" "d\xc5\xba",
	    "DK"), "name:aero strasse lodz|DK");
	/* typographic apostrophe, no-break space, en dash: punctuation too */
	assert_string_equal(name_key("Women\xe2\x80\x99s\xc2\xa0Voice \xe2\x80\x93 Kenya", "KE"),
	    name_key("Women's Voice - Kenya", "KE"));
	/* letters outside Latin are kept as they are */
	assert_string_equal(name_key("\xd0\x9c\xd0\xb8\xd1\x80", "RU"),
	    "name:\xd0\x9c\xd0\xb8\xd1\x80|RU");
	/* the country is part of the key */
	assert_string_not_equal(name_key("Lantern Watch", "KE"), name_key("Lantern Watch", "UG"));
	/* a name of punctuation alone has no key: it would match every other */
	assert_string_equal(name_key("?!", "KE"), "");
}

static void
test_acronym(void **state)
{
	(void)state;
	assert_string_equal(keys("X", "U.N.O.", "KE", "", "").key[DUP_ACRONYM],
	    "acronym:uno|KE");
	assert_string_equal(keys("X", "uno", "KE", "", "").key[DUP_ACRONYM], "acronym:uno|KE");
	assert_string_equal(keys("X", "", "KE", "", "").key[DUP_ACRONYM], "");
}

static void
test_website(void **state)
{
	(void)state;
	assert_string_equal(site_key("https://www.Lanternwatch.org/"), "site:lanternwatch.org");
	assert_string_equal(site_key("http://lanternwatch.org"), "site:lanternwatch.org");
	assert_string_equal(site_key("HTTPS://WWW.LANTERNWATCH.ORG/team?x=1#top"),
	    "site:lanternwatch.org");
	assert_string_equal(site_key("lanternwatch.org/about/"), "site:lanternwatch.org");
	assert_string_equal(site_key("https://lanternwatch.org:443/"), "site:lanternwatch.org");
	/* another subdomain is another site */
	assert_string_equal(site_key("https://kenya.lanternwatch.org/"),
	    "site:kenya.lanternwatch.org");
	assert_string_equal(site_key(""), "");
	/* pages on sites every organization uses say nothing */
	assert_string_equal(site_key("https://www.facebook.com/lanternwatch"), "");
	assert_string_equal(site_key("https://sites.google.com/view/lantern"), "");
	assert_string_equal(site_key("http://gmail.com"), "");
}

static void
test_email(void **state)
{
	(void)state;
	assert_string_equal(mail_key("Pat@LanternWatch.org"), "mail:lanternwatch.org");
	assert_string_equal(mail_key("pat@gmail.com"), "");
	assert_string_equal(mail_key("pat@GMAIL.COM"), "");
	assert_string_equal(mail_key("pat@yahoo.co.uk"), "");
	assert_string_equal(mail_key("pat@gmx.de"), "");
	assert_string_equal(mail_key(""), "");
}

static void
test_why(void **state)
{
	(void)state;
	assert_string_equal(org_dupkeys_why(DUP_NAME), "same name in the same country");
	assert_string_equal(org_dupkeys_why(DUP_ACRONYM), "same acronym in the same country");
	assert_string_equal(org_dupkeys_why(DUP_SITE), "same website domain");
	assert_string_equal(org_dupkeys_why(DUP_MAIL), "same email domain");
	assert_string_equal(org_dupkeys_why(DUP_PERSON), "same person's name");
	assert_string_equal(org_dupkeys_why(DUP_EMAIL), "same email address");
	/* every key of one organization names its rule: no two rules share one */
	{
		struct dup_keys dk = keys("Uno", "UNO", "KE", "uno.org", "a@uno.org");
		int i, j;

		for (i = 0; i < DUP__MAX; i++)
			for (j = i + 1; j < DUP__MAX; j++)
				if (*dk.key[i])
					assert_string_not_equal(dk.key[i], dk.key[j]);
		assert_string_equal(dk.key[DUP_PERSON], "");	/* a person's rules */
		assert_string_equal(dk.key[DUP_EMAIL], "");
	}
}

/* An expert (issue 11) is a person: found by the same name (other capitals,
 * accents, spacing) or the same address, never by an organization's
 * rules, and an organization of the same name is no match. */
static void
test_expert(void **state)
{
	json_t *one = json_pack("{s:{s:s,s:s,s:s},s:{s:s}}", "expert", "name", "Ana Lima",
	    "country", "KE", "website", "https://uno.org", "contact", "email", "Ana@Uno.org");
	json_t *two = json_pack("{s:{s:s,s:s},s:{s:s}}", "expert", "name", "ANA  LÍMA",
	    "country", "FR", "contact", "email", "ana@gmail.com");
	struct app_keys k1, k2;
	struct dup_keys d1, d2, org = keys("Ana Lima", "", "KE", "uno.org", "ana@uno.org");
	int i;

	(void)state;
	app_keys_of(a, one, &k1);
	app_keys_of(a, two, &k2);
	org_dupkeys_of(a, &k1, &d1);
	org_dupkeys_of(a, &k2, &d2);
	assert_string_equal(d1.key[DUP_PERSON], d2.key[DUP_PERSON]);	/* any country */
	assert_string_equal(d1.key[DUP_EMAIL], "email:ana@uno.org");
	assert_string_equal(d2.key[DUP_EMAIL], "email:ana@gmail.com");	/* webmail too */
	for (i = 0; i < DUP__MAX; i++) {
		if (i != DUP_PERSON && i != DUP_EMAIL)
			assert_string_equal(d1.key[i], "");
		if (*d1.key[i] && *org.key[i])
			assert_string_not_equal(d1.key[i], org.key[i]);
	}
	json_decref(one);
	json_decref(two);
}

static int
setup(void **state)
{
	(void)state;
	a = arena_new();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	arena_free(a);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_case_accents_punctuation),
		cmocka_unit_test(test_acronym),
		cmocka_unit_test(test_website),
		cmocka_unit_test(test_email),
		cmocka_unit_test(test_why),
		cmocka_unit_test(test_expert),
	};

	return cmocka_run_group_tests_name("dupkeys", tests, setup, teardown);
}
