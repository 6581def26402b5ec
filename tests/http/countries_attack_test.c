/*
 * countries_attack_test.c -- the review cycle and the country pages
 * (issue 17) attacked by each kind of person: a visitor, an account with
 * no organization, the admin of a suspended organization, members,
 * focal points of the country, of another country, moved to another or
 * whose role was taken away, a pending focal point, an account whose
 * address was never confirmed, staff.  What they try:
 * another country's view by case and encoding tricks, an organization's
 * fields above their level or its very existence when its country is
 * hidden, suspended organizations, delegates' personal data, focal
 * points' addresses; writes to reviews without staff or without CSRF;
 * hostile CSV (formulas, 10,000 lines, duplicates, bad UTF-8, a huge
 * file) and hostile values.  A test that passes shows the defence holds.
 *
 * The database is $WHATSON_TEST_DB (tests/http/run.t runs this program
 * once on SQLite and once on PostgreSQL).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/api.h"
#include "lib/people.h"
#include "lib/sqldirect.h"
#include "lib/testsrv.h"

#define PW "lime kettle north eleven"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

/* staff; Ada, admin of Lantern Watch (KE); Mo, a member of Sahel Voices
 * (SN); Fe, Kenya's focal point; Fi, Senegal's; Al, an account with no
 * organization; Sue, the admin of a suspended organization (KE) */
static char staff_tok[129], ada_tok[129], mo_tok[129], fe_tok[129], fi_tok[129],
    al_tok[129], sue_tok[129];
static int64_t lantern, hidden, sahel, shut, ada_id, sue_id;

#define SECRET_DESC "Lantern keeps shelters in Mombasa"	/* nongovernmental */
#define SHUT_NAME "Shuttered Shelter"			/* suspended, KE */
#define HIDDEN_NAME "Hidden Harbour"			/* its country: staff */
#define FE_MAIL "fe@interior.go.ke"

static json_t *
review_body(const char *stage)
{
	return json_pack("{s:s,s:i,s:s,s:s,s:s,s:s}", "cluster",
	    "criminalization_jurisdiction", "year", 2026, "reviewer_1", "GH", "reviewer_2",
	    "PE", "stage", stage, "self_assessment_date", "2025-11-03");
}

/* The review of code's stage as staff read it, "" when none. */
static const char *
stage_of(const char *code)
{
	static char out[64];
	char path[64];
	const struct ts_res *r;
	json_t *j;

	snprintf(path, sizeof path, "/api/v1/reviews/%s", code);
	r = ta_api("GET", path, staff_tok, NULL);
	out[0] = '\0';
	if (r->status == 200) {
		j = ts_jbody(r);
		snprintf(out, sizeof out, "%s", json_string_value(json_object_get(j, "stage")));
		json_decref(j);
	}
	return out;
}

/* ---- who may not read a country at all --------------------------------- */

static void
test_not_for_them(void **state)
{
	static const char *const toks_names[] = { "no organization", "suspended admin" };
	const char *toks[] = { al_tok, sue_tok };
	struct ts_browser *b;
	size_t i;

	(void)state;
	STATUS(ta_api("GET", "/api/v1/countries/KE", NULL, NULL), 401);
	STATUS(ta_api("GET", "/api/v1/country", NULL, NULL), 401);
	STATUS(ta_api("GET", "/api/v1/reviews", NULL, NULL), 401);
	STATUS(ta_api("GET", "/api/v1/reviews/KE", NULL, NULL), 401);
	STATUS(ta_api("PUT", "/api/v1/reviews/KE", NULL, review_body("self_assessment")), 401);
	for (i = 0; i < 2; i++) {
		printf("# %s\n", toks_names[i]);
		STATUS(ta_api("GET", "/api/v1/countries/KE", toks[i], NULL), 403);
		STATUS(ta_api("GET", "/api/v1/country", toks[i], NULL), 403);
		STATUS(ta_api("GET", "/api/v1/reviews", toks[i], NULL), 403);
		STATUS(ta_api("GET", "/api/v1/reviews/KE", toks[i], NULL), 403);
		STATUS(ta_api("PUT", "/api/v1/reviews/KE", toks[i], review_body("self_assessment")),
		    403);
	}
	/* members and focal points write no review */
	STATUS(ta_api("PUT", "/api/v1/reviews/KE", mo_tok, review_body("self_assessment")), 403);
	STATUS(ta_api("PUT", "/api/v1/reviews/KE", fe_tok, review_body("review_completed")), 403);
	STATUS(ta_api("GET", "/api/v1/reviews/KE", fe_tok, NULL), 403);
	STATUS(ta_api("GET", "/api/v1/reviews", ada_tok, NULL), 403);
	assert_string_equal(stage_of("KE"), "country_review");

	/* an account whose address was never confirmed signs in nowhere */
	{
		char tok[129];
		struct ts_browser *u;

		ta_account("unconfirmed@sahel-ct.example", "member", sahel, NULL, NULL);
		ts_sql_int("UPDATE users SET verified_at = NULL WHERE email = "
		    "'unconfirmed@sahel-ct.example'");
		assert_int_not_equal(ts_token(plain, "unconfirmed@sahel-ct.example", PW, tok,
		    sizeof tok), 0);
		u = ts_browser_new(&srv, NULL);
		assert_int_not_equal(ts_signin(u, "unconfirmed@sahel-ct.example", PW), 303);
		STATUS(ts_get(u, "/countries/KE"), 303);
		ts_browser_free(u);
	}

	/* the suspended organization's admin's page: nothing of Kenya */
	b = ts_signed_in(&srv, NULL, "sue@shut-ct.example", PW);
	assert_non_null(b);
	STATUS(ts_get(b, "/countries/KE"), 403);
	LACKS(ts_get(b, "/countries/KE"), "Lantern");
	STATUS(ts_get(b, "/staff/reviews"), 403);
	STATUS(ts_get(b, "/staff/reviews.csv"), 403);
	STATUS(ts_get(b, "/staff/reviews/KE"), 403);
	ts_browser_free(b);
	b = ts_signed_in(&srv, NULL, "ada@lantern-ct.example", PW);
	assert_non_null(b);
	STATUS(ts_get(b, "/staff/reviews.csv"), 403);
	STATUS(ts_form(b, "/staff/reviews/KE", "cluster", "law_enforcement_judicial", "year",
	    "2027", "reviewer_1", "GH", "reviewer_2", "PE", "stage", "self_assessment", NULL),
	    403);
	STATUS(ts_form(b, "/staff/reviews/new", "country", "FR", "cluster",
	    "law_enforcement_judicial", "year", "2027", "reviewer_1", "GH", "reviewer_2", "PE",
	    "stage", "self_assessment", NULL), 403);
	ts_browser_free(b);
	assert_string_equal(stage_of("KE"), "country_review");
	assert_string_equal(stage_of("FR"), "");
}

/* ---- another country's view, by any spelling ----------------------------- */

static void
test_other_country(void **state)
{
	static const char *const tries[] = { "KE", "ke", "Ke", "kE", "K%45", "%4B%45",
		"%4b%65", "KE%00", "KE%00SN", "KE%20", "%20KE", "KE.", "KEN", "ken", "K", "",
		"XK", "EU", "ZZ", "K%C3%89", "%EF%BC%AB%EF%BC%A5", NULL };
	struct ts_browser *b;
	const struct ts_res *r;
	char path[128];
	size_t i;

	(void)state;
	b = ts_signed_in(&srv, NULL, "fi@interieur.gouv.sn", PW);
	assert_non_null(b);
	for (i = 0; tries[i]; i++) {
		snprintf(path, sizeof path, "/api/v1/countries/%s", tries[i]);
		r = ta_api("GET", path, fi_tok, NULL);
		if (r->status == 200)
			printf("# %s answered 200\n", path);
		assert_true(r->status == 403 || r->status == 404 || r->status == 400);
		LACKS(r, "Lantern");
		snprintf(path, sizeof path, "/countries/%s", tries[i]);
		r = ts_get(b, path);
		if (r->status == 200)
			printf("# %s answered 200\n", path);
		assert_true(r->status == 403 || r->status == 404 || r->status == 400 ||
		    r->status == 308 || r->status == 301);
		LACKS(r, "Lantern");
		LACKS(r, FE_MAIL);
	}
	/* a trailing slash or a query does not change whose country it is */
	r = ta_api("GET", "/api/v1/countries/KE/", fi_tok, NULL);
	assert_true(r->status != 200);
	LACKS(r, "Lantern");
	r = ta_api("GET", "/api/v1/countries/KE?country=SN", fi_tok, NULL);
	STATUS(r, 403);
	r = ta_api("GET", "/api/v1/country?code=KE", fi_tok, NULL);
	assert_true(r->status == 200 || r->status == 422);
	LACKS(r, "Lantern");
	/* the 403 says nothing of the country's organizations or review */
	r = ts_get(b, "/countries/ke");
	STATUS(r, 403);
	LACKS(r, "Ghana");
	LACKS(r, SECRET_DESC);
	ts_browser_free(b);
	/* their own, by any case, is theirs */
	STATUS(ta_api("GET", "/api/v1/countries/ke", fe_tok, NULL), 200);
	STATUS(ta_api("GET", "/api/v1/countries/sn", fi_tok, NULL), 200);
}

/* ---- a focal point moved, demoted, pending ------------------------------- */

static void
test_focal_changed(void **state)
{
	char tok[129];
	int64_t id;
	const struct ts_res *r;
	struct ts_browser *b;

	(void)state;
	ta_account("fm@interior.go.ke", "focal", 0, tok, &id);
	ts_sql_int("UPDATE users SET country = 'KE', name = 'Moved Focal' WHERE id = %lld",
	    (long long)id);
	b = ts_signed_in(&srv, NULL, "fm@interior.go.ke", PW);
	assert_non_null(b);
	STATUS(ta_api("GET", "/api/v1/countries/KE", tok, NULL), 200);
	HAS(ta_api("GET", "/api/v1/countries/KE", staff_tok, NULL), "Moved Focal");

	/* moved to Senegal: Kenya's page is no longer theirs, on either door */
	ts_sql_int("UPDATE users SET country = 'SN' WHERE id = %lld", (long long)id);
	STATUS(ta_api("GET", "/api/v1/countries/KE", tok, NULL), 403);
	r = ta_api("GET", "/api/v1/country", tok, NULL);
	STATUS(r, 200);
	HAS(r, "\"SN\"");
	LACKS(r, "Lantern");
	STATUS(ts_get(b, "/countries/KE"), 403);
	LACKS(ta_api("GET", "/api/v1/countries/KE", staff_tok, NULL), "Moved Focal");

	/* the role taken away (back to an applicant, the country left) */
	ts_sql_int("UPDATE users SET role = 'applicant', country = 'KE' WHERE id = %lld",
	    (long long)id);
	STATUS(ta_api("GET", "/api/v1/countries/KE", tok, NULL), 403);
	STATUS(ta_api("GET", "/api/v1/country", tok, NULL), 403);
	STATUS(ts_get(b, "/countries/KE"), 403);
	STATUS(ts_get(b, "/country"), 403);
	r = ts_get(b, "/account");
	LACKS(r, "href=\"/country\"");
	/* nor named as one of Kenya's focal points */
	LACKS(ta_api("GET", "/api/v1/countries/KE", staff_tok, NULL), "Moved Focal");
	LACKS(ta_api("GET", "/api/v1/reviews/KE", staff_tok, NULL), "Moved Focal");

	/* a disabled focal account is no focal point of the page either */
	ts_sql_int("UPDATE users SET role = 'focal', status = 'disabled' WHERE id = %lld",
	    (long long)id);
	STATUS(ta_api("GET", "/api/v1/countries/KE", tok, NULL), 401);
	LACKS(ta_api("GET", "/api/v1/countries/KE", staff_tok, NULL), "Moved Focal");
	ts_browser_free(b);

	/* a pending focal point: an applicant whose country is set */
	ta_account("fp@interior.go.ke", "applicant", 0, tok, &id);
	ts_sql_int("UPDATE users SET country = 'KE', name = 'Pending Focal' WHERE id = %lld",
	    (long long)id);
	STATUS(ta_api("GET", "/api/v1/countries/KE", tok, NULL), 403);
	STATUS(ta_api("GET", "/api/v1/country", tok, NULL), 403);
	LACKS(ta_api("GET", "/api/v1/countries/KE", staff_tok, NULL), "Pending Focal");
}

/* ---- what is hidden stays hidden ----------------------------------------- */

static void
test_hidden(void **state)
{
	const char *toks[] = { mo_tok, fe_tok, ada_tok };
	struct ts_browser *b;
	const struct ts_res *r;
	json_t *j;
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		r = ta_api("GET", "/api/v1/countries/KE", toks[i], NULL);
		STATUS(r, 200);
		LACKS(r, HIDDEN_NAME);		/* its country is staff's */
		LACKS(r, "info@hidden-ct.example");
		LACKS(r, SHUT_NAME);		/* suspended */
		LACKS(r, "shut-ct.example");
		LACKS(r, FE_MAIL);		/* a focal point's address is staff's */
		LACKS(r, "KAMAU WANJIRU");	/* delegates: passport names */
		LACKS(r, "wanjiru@lantern-ct.example");
		LACKS(r, "Wanjiru");
		LACKS(r, "Shut Delegate");
		j = ts_jbody(r);
		/* counted as listed: the hidden one is not counted either */
		assert_int_equal(json_integer_value(json_object_get(json_object_get(j,
		    "stakeholders"), "total")), 1);
		json_decref(j);
	}
	/* a focal point: no nongovernmental field of Lantern */
	r = ta_api("GET", "/api/v1/countries/KE", fe_tok, NULL);
	LACKS(r, SECRET_DESC);
	LACKS(r, "info@lantern-ct.example");
	LACKS(r, "\"visibility\"");
	r = ta_api("GET", "/api/v1/country", fe_tok, NULL);
	LACKS(r, SECRET_DESC);
	LACKS(r, HIDDEN_NAME);

	/* pages: the same */
	b = ts_signed_in(&srv, NULL, "mo@sahel-ct.example", PW);
	assert_non_null(b);
	r = ts_get(b, "/countries/KE");
	STATUS(r, 200);
	LACKS(r, HIDDEN_NAME);
	LACKS(r, SHUT_NAME);
	LACKS(r, FE_MAIL);
	LACKS(r, "Wanjiru");
	ts_browser_free(b);
	b = ts_signed_in(&srv, NULL, FE_MAIL, PW);
	assert_non_null(b);
	r = ts_get(b, "/country");
	STATUS(r, 200);
	LACKS(r, HIDDEN_NAME);
	LACKS(r, SECRET_DESC);
	LACKS(r, "Wanjiru");
	LACKS(r, "info@lantern-ct.example");
	ts_browser_free(b);

	/* staff: all the approved ones, the focal point's address, the
	 * delegates' names but never their passport names or addresses; a
	 * suspended organization is not the country's stakeholder */
	r = ta_api("GET", "/api/v1/countries/KE", staff_tok, NULL);
	HAS(r, HIDDEN_NAME);
	HAS(r, FE_MAIL);
	HAS(r, "Wanjiru Kamau");
	LACKS(r, "KAMAU WANJIRU");
	LACKS(r, "wanjiru@lantern-ct.example");
	LACKS(r, SHUT_NAME);
	LACKS(r, "Shut Delegate");
}

/* ---- writes without CSRF -------------------------------------------------- */

static void
test_csrf(void **state)
{
	static const char csv[] = "country,cluster,year,reviewer_1,reviewer_2,stage\n"
	    "FR,international_cooperation,2027,GH,PE,self_assessment\n";
	struct ts_browser *b = ts_signed_in(&srv, NULL, "sam.staff@cattack.test", PW);
	struct ts_part part = { "file", csv, 0, "reviews.csv", "text/csv" };
	const struct ts_res *r;

	(void)state;
	assert_non_null(b);
	STATUS(ts_get(b, "/staff/reviews/KE"), 200);
	r = ts_post(b, "/staff/reviews/KE", "cluster", "law_enforcement_judicial", "year", "2027",
	    "reviewer_1", "GH", "reviewer_2", "PE", "stage", "self_assessment", NULL);
	STATUS(r, 403);
	r = ts_post(b, "/staff/reviews/new", "country", "FR", "cluster",
	    "law_enforcement_judicial", "year", "2027", "reviewer_1", "GH", "reviewer_2", "PE",
	    "stage", "self_assessment", "csrf", "forged", NULL);
	STATUS(r, 403);
	r = ts_multipart(b, "/staff/reviews/import", 0, &part, 1);
	STATUS(r, 403);
	/* JSON a form of another site could send (text/plain, no preflight)
	 * is not read as JSON: the form's token is still asked for */
	{
		static const char *const h[] = { "Content-Type: text/plain", NULL };
		static const char body[] = "{\"cluster\":\"law_enforcement_judicial\","
		    "\"year\":2027,\"reviewer_1\":\"GH\",\"reviewer_2\":\"PE\",\"stage\":"
		    "\"self_assessment\"}";

		r = ts_req(b, "POST", "/staff/reviews/KE", h, body, sizeof body - 1);
		assert_int_equal(r->status / 100, 4);
		r = ts_req(b, "PUT", "/api/v1/reviews/KE", h, body, sizeof body - 1);
		assert_int_equal(r->status / 100, 4);
	}
	/* other methods are not routes */
	r = ta_api("DELETE", "/api/v1/reviews/KE", staff_tok, NULL);
	assert_true(r->status == 405 || r->status == 404);
	r = ta_api("POST", "/api/v1/reviews/KE", staff_tok, review_body("self_assessment"));
	assert_true(r->status == 405 || r->status == 404);
	r = ta_api("PATCH", "/api/v1/reviews", staff_tok, review_body("self_assessment"));
	assert_true(r->status == 405 || r->status == 404);
	assert_string_equal(stage_of("KE"), "country_review");
	assert_string_equal(stage_of("FR"), "");
	ts_browser_free(b);
}

/* ---- hostile CSV ---------------------------------------------------------- */

static const struct ts_res *
import(struct ts_browser *b, const char *data, size_t len)
{
	struct ts_part part = { "file", data, len, "reviews.csv", "text/csv" };

	return ts_multipart(b, "/staff/reviews/import", 1, &part, 1);
}

static void
test_csv(void **state)
{
	static const char head[] = "country,cluster,year,reviewer_1,reviewer_2,stage\n";
	static const char nul_csv[] = "country,cluster,year,reviewer_1,reviewer_2,stage\n"
	    "BJ,international_cooperation,2027,GH,PE,self_assessment\n"
	    "TG,internat\0ional_cooperation,2027,GH,PE,self_assessment\n";
	struct ts_browser *b = ts_signed_in(&srv, NULL, "sam.staff@cattack.test", PW);
	const struct ts_res *r;
	char *big, *p;
	size_t i, n;

	(void)state;
	assert_non_null(b);
	/* a formula in a focal point's name leaves the export as text */
	ts_sql_int("UPDATE users SET name = '=HYPERLINK(\"http://x.example\",\"y\")' "
	    "WHERE email = 'fi@interieur.gouv.sn'");
	STATUS(ta_api("PUT", "/api/v1/reviews/SN", staff_tok, review_body("self_assessment")), 201);
	r = ts_get(b, "/staff/reviews.csv");
	STATUS(r, 200);
	HAS(r, "\"'=HYPERLINK(\"\"http://x.example\"\",\"\"y\"\")\"");
	ts_sql_int("UPDATE users SET name = 'Fi Senegal' WHERE email = 'fi@interieur.gouv.sn'");

	/* formulas, quotes and a NUL in cells: refused, nothing written */
	r = import(b, "country,cluster,year,reviewer_1,reviewer_2,stage\n"
	    "=cmd|' /C calc'!A0,international_cooperation,2027,GH,PE,self_assessment\n"
	    "BJ,international_cooperation,@SUM(2027),GH,PE,self_assessment\n"
	    "\"T\"\"G\",international_cooperation,2027,GH,PE,self_assessment\n", 0);
	STATUS(r, 422);
	HAS(r, "line 2, column country");
	HAS(r, "line 3, column year");
	HAS(r, "line 4, column country");
	assert_string_equal(stage_of("BJ"), "");
	r = import(b, nul_csv, sizeof nul_csv - 1);
	assert_true(r->status == 422);
	assert_string_equal(stage_of("BJ"), "");

	/* a country twice: all or nothing */
	r = import(b, "country,cluster,year,reviewer_1,reviewer_2,stage\n"
	    "BJ,international_cooperation,2027,GH,PE,self_assessment\n"
	    "bj,international_cooperation,2028,GH,PE,country_review\n", 0);
	STATUS(r, 422);
	HAS(r, "line 3, column country");
	assert_string_equal(stage_of("BJ"), "");

	/* bad UTF-8 */
	r = import(b, "country,cluster,year,reviewer_1,reviewer_2,stage\n"
	    "BJ,international_cooperation,2027,GH,PE,self_assessment\xff\xfe\n", 0);
	STATUS(r, 422);
	assert_string_equal(stage_of("BJ"), "");

	/* 10,000 lines, the first right, the others one country again and
	 * again: nothing written (the errors listed stop at 200) */
	n = sizeof head - 1 + 10000 * 64;
	big = malloc(n + 1);
	assert_non_null(big);
	p = big + snprintf(big, n + 1, "%s", head);
	for (i = 0; i < 10000; i++)
		p += snprintf(p, n + 1 - (size_t)(p - big), "%s,international_cooperation,2027,GH,"
		    "PE,self_assessment\n", i == 0 ? "BJ" : "TG");
	r = import(b, big, (size_t)(p - big));
	STATUS(r, 422);
	HAS(r, "Nothing was imported");
	HAS(r, "line 4, column country");
	assert_string_equal(stage_of("BJ"), "");
	assert_string_equal(stage_of("TG"), "");
	free(big);

	/* a file of 5 MB: refused as too large, nothing written */
	n = 5u << 20;
	big = malloc(n);
	assert_non_null(big);
	memcpy(big, head, sizeof head - 1);
	p = big + sizeof head - 1;
	p += snprintf(p, n - (size_t)(p - big), "%s",
	    "BJ,international_cooperation,2027,GH,PE,self_assessment\n");
	memset(p, ' ', n - (size_t)(p - big));
	r = import(b, big, n);
	assert_true(r->status == 413 || r->status == 422);
	assert_string_equal(stage_of("BJ"), "");
	free(big);

	/* only a header, or nothing */
	r = import(b, head, 0);
	assert_true(r->status == 303 || r->status == 422);
	r = import(b, "\xEF\xBB\xBF", 3);
	STATUS(r, 422);
	assert_string_equal(stage_of("KE"), "country_review");
	ts_browser_free(b);
}

/* ---- hostile values -------------------------------------------------------- */

/* PUTs body (consumed) to code as staff: the status. */
static long
put(const char *code, json_t *body)
{
	char path[64];

	snprintf(path, sizeof path, "/api/v1/reviews/%s", code);
	return ta_api("PUT", path, staff_tok, body)->status;
}

static void
test_values(void **state)
{
	char *huge;
	json_t *b;
	char pad[200];

	(void)state;
	memset(pad, ' ', sizeof pad);
	pad[sizeof pad - 1] = '\0';
	/* what a field holds past its first 64 bytes counts */
	b = review_body("self_assessment");
	json_object_set_new(b, "year", json_sprintf("2026%sDROP TABLE reviews", pad));
	assert_int_equal(put("BJ", b), 422);
	b = review_body("self_assessment");
	json_object_set_new(b, "self_assessment_date", json_sprintf("2025-11-03%sx", pad));
	assert_int_equal(put("BJ", b), 422);
	b = review_body("self_assessment");
	json_object_set_new(b, "stage", json_sprintf("self_assessment%s<script>", pad));
	assert_int_equal(put("BJ", b), 422);
	b = review_body("self_assessment");
	json_object_set_new(b, "reviewer_1", json_sprintf("GH%s!", pad));
	assert_int_equal(put("BJ", b), 422);
	assert_string_equal(stage_of("BJ"), "");

	/* a megabyte in a field; types that are not the field's */
	huge = malloc(1 << 20);
	assert_non_null(huge);
	memset(huge, 'a', (1 << 20) - 1);
	huge[(1 << 20) - 1] = '\0';
	b = review_body("self_assessment");
	json_object_set_new(b, "cluster", json_string(huge));
	assert_true(put("BJ", b) / 100 == 4);
	free(huge);
	b = review_body("self_assessment");
	json_object_set_new(b, "year", json_real(2026.5));
	assert_int_equal(put("BJ", b), 422);
	b = review_body("self_assessment");
	json_object_set_new(b, "year", json_integer(INT64_MAX));
	assert_int_equal(put("BJ", b), 422);
	b = review_body("self_assessment");
	json_object_set_new(b, "stage", json_pack("[s]", "self_assessment"));
	assert_int_equal(put("BJ", b), 422);
	b = review_body("self_assessment");
	json_object_set_new(b, "reviewer_2", json_string("BJ"));	/* itself */
	assert_int_equal(put("bj", b), 422);
	assert_int_equal(put("BJ", json_pack("[]")), 400);
	assert_string_equal(stage_of("BJ"), "");
	/* a path that is no country's; an encoded NUL ends the path's text
	 * (the server's URL decoding, every route's), so "BJ%00" is BJ's and
	 * "B%00J" no country's: never another country than the one read */
	assert_int_equal(put("B%00J", review_body("self_assessment")) / 100, 4);
	assert_int_equal(put("%42J", review_body("self_assessment")) / 100, 2);
	assert_string_equal(stage_of("BJ"), "self_assessment");
	assert_int_equal(put("BJ%00KE", review_body("country_review")) / 100, 2);
	assert_string_equal(stage_of("BJ"), "country_review");
	assert_string_equal(stage_of("KE"), "country_review");
	assert_int_equal(put("BJ%00KE", review_body("self_assessment")) / 100, 2);
	assert_string_equal(stage_of("KE"), "country_review");
}

/* ---- a country field above the viewer's level; a draft session --------- */

static void
test_levels(void **state)
{
	struct ts_browser *b;
	const struct ts_res *r;
	char path[64];
	int64_t ev;
	json_t *j;

	(void)state;
	/* Lantern's country now for members and staff, not governments: the
	 * focal point no longer finds Lantern, nor its session, anywhere on
	 * the country's page; a member still does */
	snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)lantern);
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:{s:s}}", "visibility", "country",
	    "nongovernmental")), 200);
	r = ta_api("GET", "/api/v1/countries/KE", fe_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "Lantern");
	LACKS(r, "Forty-second session");
	j = ts_jbody(r);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(j,
	    "stakeholders"), "total")), 0);
	assert_int_equal(json_array_size(json_object_get(j, "meetings")), 0);
	json_decref(j);
	b = ts_signed_in(&srv, NULL, FE_MAIL, PW);
	assert_non_null(b);
	r = ts_get(b, "/country");
	STATUS(r, 200);
	LACKS(r, "Lantern");
	LACKS(r, "Forty-second session");
	/* nor links to Kenya from Lantern's profile */
	snprintf(path, sizeof path, "/organizations/%lld", (long long)lantern);
	r = ts_get(b, path);
	LACKS(r, "countries&#x2F;KE");
	LACKS(r, "Kenya");
	ts_browser_free(b);
	r = ta_api("GET", "/api/v1/countries/KE", mo_tok, NULL);
	HAS(r, "Lantern Watch");
	HAS(r, "Forty-second session");
	snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)lantern);
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:{s:s}}", "visibility", "country",
	    "members")), 200);

	/* a draft session with an approved delegate of Lantern: staff's only */
	r = ta_api("POST", "/api/v1/meetings", staff_tok, json_pack("{s:s,s:i,s:s,s:s,s:s,s:s,"
	    "s:s}", "body", "ccpcj", "number", 43, "title", "Draft Forty-third", "timezone",
	    "Europe/Vienna", "start", "2032-05-17T10:00", "end", "2032-05-21T18:00", "status",
	    "draft"));
	STATUS(r, 201);
	j = ts_jbody(r);
	ev = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	ts_sql_int("INSERT INTO meeting_nominations (event_id, organization_id, name, email, "
	    "nationality, passport_name, attendance, status, created_at) VALUES (%lld, %lld, "
	    "'Draft Delegate', 'dd@lantern-ct.example', 'KE', 'DRAFT', 'online', "
	    "'approved', 1)", (long long)ev, (long long)lantern);
	LACKS(ta_api("GET", "/api/v1/countries/KE", mo_tok, NULL), "Draft Forty-third");
	LACKS(ta_api("GET", "/api/v1/countries/KE", fe_tok, NULL), "Draft Forty-third");
	LACKS(ta_api("GET", "/api/v1/countries/KE", ada_tok, NULL), "Draft Forty-third");
	HAS(ta_api("GET", "/api/v1/countries/KE", staff_tok, NULL), "Draft Forty-third");
}

/* ---- what an import file says is shown as text --------------------------- */

static void
test_import_echo(void **state)
{
	struct ts_browser *b = ts_signed_in(&srv, NULL, "sam.staff@cattack.test", PW);
	struct ts_part part = { "file", "country,cluster,year,reviewer_1,reviewer_2,stage,"
	    "<script>alert(1)</script>\nBJ,international_cooperation,2027,GH,PE,"
	    "self_assessment,x\n", 0, "<img src=x onerror=alert(1)>.csv", "text/csv" };
	const struct ts_res *r;

	(void)state;
	assert_non_null(b);
	r = ts_multipart(b, "/staff/reviews/import", 1, &part, 1);
	STATUS(r, 422);
	LACKS(r, "<script>alert(1)");
	LACKS(r, "<img src=x");
	HAS(r, "&lt;script&gt;");
	assert_string_equal(stage_of("BJ"), "self_assessment");
	ts_browser_free(b);
}

/* ---- set-up ------------------------------------------------------------------ */

static int
setup(void **state)
{
	struct ts_browser *staff;
	char path[64];
	int64_t ev;
	const struct ts_res *r;
	json_t *j;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	ta_accounts(db_url, PW);
	ts_db_open(db_url);
	lantern = ts_org_import(db_url, "Lantern Watch", "KE", "info@lantern-ct.example",
	    SECRET_DESC);
	hidden = ts_org_import(db_url, HIDDEN_NAME, "KE", "info@hidden-ct.example", NULL);
	sahel = ts_org_import(db_url, "Sahel Voices", "SN", "info@sahel-ct.example", NULL);
	shut = ts_org_import(db_url, SHUT_NAME, "KE", "info@shut-ct.example", NULL);
	assert_true(lantern > 0 && hidden > 0 && sahel > 0 && shut > 0);
	ta_account("sam.staff@cattack.test", "staff", 0, staff_tok, NULL);
	ta_account("ada@lantern-ct.example", "member", lantern, ada_tok, &ada_id);
	ta_account("mo@sahel-ct.example", "member", sahel, mo_tok, NULL);
	ta_account(FE_MAIL, "focal", 0, fe_tok, NULL);
	ta_account("fi@interieur.gouv.sn", "focal", 0, fi_tok, NULL);
	ta_account("al@nowhere.example", "applicant", 0, al_tok, NULL);
	ta_account("sue@shut-ct.example", "member", shut, NULL, &sue_id);
	ts_sql_int("UPDATE users SET country = 'KE', name = 'Fe Kenya' WHERE email = '"
	    FE_MAIL "'");
	ts_sql_int("UPDATE users SET country = 'SN' WHERE email = 'fi@interieur.gouv.sn'");
	snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)lantern);
	if (ta_api("PATCH", path, staff_tok, json_pack("{s:{s:s}}", "visibility",
	    "description", "nongovernmental"))->status != 200)
		return -1;
	snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)hidden);
	if (ta_api("PATCH", path, staff_tok, json_pack("{s:{s:s}}", "visibility", "country",
	    "staff"))->status != 200)
		return -1;
	staff = ts_signed_in(&srv, NULL, "sam.staff@cattack.test", PW);
	if (!staff || ts_org_admin(staff, lantern, ada_id) != 0 ||
	    ts_org_admin(staff, shut, sue_id) != 0)
		return -1;
	ts_browser_free(staff);
	if (ts_token(plain, "sue@shut-ct.example", PW, sue_tok, sizeof sue_tok) != 0)
		return -1;
	if (ta_api("PUT", "/api/v1/reviews/KE", staff_tok, review_body("country_review"))->status
	    != 201)
		return -1;
	/* a session with approved delegates of Lantern, Hidden Harbour and the
	 * organization then suspended */
	r = ta_api("POST", "/api/v1/meetings", staff_tok, json_pack("{s:s,s:i,s:s,s:s,s:s,s:s,"
	    "s:s}", "body", "ccpcj", "number", 42, "title", "Forty-second session", "timezone",
	    "Europe/Vienna", "start", "2031-05-19T10:00", "end", "2031-05-23T18:00", "status",
	    "published"));
	if (r->status != 201)
		return -1;
	j = ts_jbody(r);
	ev = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	ts_sql_int("INSERT INTO meeting_nominations (event_id, organization_id, name, email, "
	    "nationality, passport_name, attendance, status, created_at) VALUES (%lld, %lld, "
	    "'Wanjiru Kamau', 'wanjiru@lantern-ct.example', 'KE', 'KAMAU WANJIRU', 'in_person', "
	    "'approved', 1)", (long long)ev, (long long)lantern);
	ts_sql_int("INSERT INTO meeting_nominations (event_id, organization_id, name, email, "
	    "nationality, passport_name, attendance, status, created_at) VALUES (%lld, %lld, "
	    "'Harbour Delegate', 'hd@hidden-ct.example', 'KE', 'HIDDEN', 'online', "
	    "'approved', 1)", (long long)ev, (long long)hidden);
	ts_sql_int("INSERT INTO meeting_nominations (event_id, organization_id, name, email, "
	    "nationality, passport_name, attendance, status, created_at) VALUES (%lld, %lld, "
	    "'Shut Delegate', 'sd@shut-ct.example', 'KE', 'SHUT', 'online', "
	    "'approved', 1)", (long long)ev, (long long)shut);
	ts_sql_int("UPDATE organizations SET status = 'suspended' WHERE id = %lld",
	    (long long)shut);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ts_browser_free(plain);
	ts_db_close();
	ts_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_not_for_them),
		cmocka_unit_test(test_other_country),
		cmocka_unit_test(test_focal_changed),
		cmocka_unit_test(test_hidden),
		cmocka_unit_test(test_csrf),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_levels),
		cmocka_unit_test(test_import_echo),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("countries_attack", tests, setup, teardown);
}
