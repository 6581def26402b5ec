/*
 * partners_test.c -- partner matching (app/partners, migration 41): the
 * suggestions' scoring (3 a shared theme, 1 a shared country of
 * operation, from what the directory shows the reader: a field an
 * organization hid counts for nothing), their exclusions (the caller's
 * own, those asked, accepted, or declined in the last 180 days on the test
 * clock) and filters; who takes part (an organization's admins; its other
 * people, focal points, experts and staff are refused); the request with
 * its mails (the asked side's admins, then the asking side's either way,
 * through the SMTP sink); what the asked side sees before accepting (the
 * organization and the note, no person) and after (both contact persons,
 * and the contacts' conversation); the open-requests limit (429); the
 * staff's list and its CSV.
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

#include "lib/courses.h"
#include "lib/people.h"
#include "lib/sqldirect.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"
#define STAFF "sam.staff@ptn-t.test"
#define ADMA "ana@pelican-ptn-t.example"
#define MEMA "max@pelican-ptn-t.example"
#define ADMB "bea@heron-ptn-t.example"
#define MEMB "ben@heron-ptn-t.example"
#define ADMC "cai@egret-ptn-t.example"
#define FE "fe@interior-ptn-t.go.ke"
#define EXP "exa@ptn-expert-t.example"
#define DAY 86400

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

static char staff_tok[129], adma_tok[129], mema_tok[129], admb_tok[129], memb_tok[129],
    admc_tok[129], fe_tok[129], exp_tok[129];
static int64_t org_a, org_b, org_c, org_d, org_e, adma_id, mema_id, admb_id, memb_id, admc_id;

static void
tokens(void)
{
	assert_int_equal(ts_token(plain, STAFF, PW, staff_tok, 129), 0);
	assert_int_equal(ts_token(plain, ADMA, PW, adma_tok, 129), 0);
	assert_int_equal(ts_token(plain, MEMA, PW, mema_tok, 129), 0);
	assert_int_equal(ts_token(plain, ADMB, PW, admb_tok, 129), 0);
	assert_int_equal(ts_token(plain, MEMB, PW, memb_tok, 129), 0);
	assert_int_equal(ts_token(plain, ADMC, PW, admc_tok, 129), 0);
	assert_int_equal(ts_token(plain, FE, PW, fe_tok, 129), 0);
	assert_int_equal(ts_token(plain, EXP, PW, exp_tok, 129), 0);
}

/* The names of the suggestions token gets with query q, joined by
 * commas (the answer's status asserted to be want). */
static const char *
suggested(const char *token, const char *q, int want)
{
	static char out[1024];
	const struct ts_res *r = tc_api("GET", tc_path("/api/v1/partners/suggestions%s", q), token,
	    NULL);
	json_t *j, *x;
	size_t i;

	STATUS(r, want);
	out[0] = '\0';
	if (want != 200)
		return out;
	j = ts_jbody(r);
	json_array_foreach(json_object_get(j, "items"), i, x) {
		if (i)
			strncat(out, ",", sizeof out - strlen(out) - 1);
		strncat(out, tc_str(x, "name"), sizeof out - strlen(out) - 1);
		strncat(out, tc_path(":%lld", (long long)tc_num(x, "score")), sizeof out -
		    strlen(out) - 1);
		/* never a contact, a person, a hidden field */
		assert_null(json_object_get(x, "contact"));
		assert_null(json_object_get(x, "people"));
	}
	json_decref(j);
	return out;
}

static void
mail_says(const char *to, const char *subject, const char *text)
{
	struct ts_mail m;

	if (ts_mail_wait(&sink, to, 20000, &m) != 0)
		fail_msg("no mail to %s (%s)", to, subject);
	if (strcmp(m.subject, subject) != 0 || !strstr(m.body, text))
		printf("# mail to %s: %s\n%s\n", to, m.subject, m.body);
	assert_string_equal(m.subject, subject);
	assert_non_null(strstr(m.body, text));
	ts_mail_free(&m);
}

static const struct ts_res *
ask(const char *token, int64_t from, int64_t to, const char *note)
{
	return tc_api("POST", "/api/v1/partners/requests", token, json_pack("{s:I,s:I,s:s}", "org",
	    (json_int_t)from, "to", (json_int_t)to, "note", note));
}

/* The one request token's organization org has with the other org, as
 * GET /api/v1/partners shows it (new reference), NULL when none. */
static json_t *
request_with(const char *token, int64_t org, int64_t other)
{
	const struct ts_res *r = tc_api("GET", tc_path("/api/v1/partners/requests?org=%lld",
	    (long long)org), token, NULL);
	json_t *j, *x, *hit = NULL;
	size_t i;

	STATUS(r, 200);
	j = ts_jbody(r);
	json_array_foreach(json_object_get(j, "items"), i, x)
		if (tc_num(json_object_get(x, "from"), "id") == other ||
		    tc_num(json_object_get(x, "to"), "id") == other)
			hit = json_incref(x);
	json_decref(j);
	return hit;
}

/* ---- tests ------------------------------------------------------------------ */

static void
test_suggestions(void **state)
{
	(void)state;
	/* B shares two themes and Kenya: 7; C one theme and Uganda: 4; D
	 * hides its countries and shares no theme; E nothing */
	assert_string_equal(suggested(adma_tok, "", 200),
	    "Heron Ptn Network:7,Egret Ptn Fund:4");
	assert_string_equal(suggested(adma_tok, tc_path("?org=%lld", (long long)org_a), 200),
	    "Heron Ptn Network:7,Egret Ptn Fund:4");
	/* filters: a theme, a region (Western Africa 011: Ghana) */
	assert_string_equal(suggested(adma_tok, "?theme=cybercrime", 200), "Heron Ptn Network:7");
	assert_string_equal(suggested(adma_tok, "?region=011", 200), "Egret Ptn Fund:4");
	assert_string_equal(suggested(adma_tok, "?per_page=1&page=2", 200), "Egret Ptn Fund:4");
	suggested(adma_tok, "?theme=nope", 422);
	/* an organization that is not theirs */
	suggested(adma_tok, tc_path("?org=%lld", (long long)org_b), 403);
	/* who takes part: admins only */
	suggested(mema_tok, "", 403);
	suggested(fe_tok, "", 403);
	suggested(exp_tok, "", 403);
	suggested(staff_tok, "", 403);
	suggested(NULL, "", 401);
	/* D's hidden countries count when staff show them... to nobody here:
	 * D shows them to members once it says so */
	ts_sql_int("UPDATE organizations SET visibility = '{}' WHERE id = %lld", (long long)org_d);
	assert_string_equal(suggested(adma_tok, "", 200),
	    "Heron Ptn Network:7,Egret Ptn Fund:4,Dipper Ptn Guild:1");
	ts_sql_int("UPDATE organizations SET visibility = '{\"countries\":\"staff\"}' WHERE id = "
	    "%lld", (long long)org_d);
}

static void
test_request_accepted(void **state)
{
	const struct ts_res *r;
	json_t *p;
	int64_t id, conv;

	(void)state;
	r = ask(adma_tok, org_a, org_b, "We both work on cybercrime in Kenya: shall we talk?");
	STATUS(r, 201);
	id = tc_id_of(r);
	mail_says(ADMB, "An organization would like to connect with yours", "Pelican Ptn Trust");
	/* asked: not suggested any more, not asked twice (either way) */
	assert_string_equal(suggested(adma_tok, "", 200), "Egret Ptn Fund:4");
	STATUS(ask(adma_tok, org_a, org_b, "Again"), 409);
	STATUS(ask(admb_tok, org_b, org_a, "Back"), 409);
	/* the asked side sees the organization and the note, no person */
	p = request_with(admb_tok, org_b, org_a);
	assert_non_null(p);
	assert_string_equal(tc_str(p, "note"), "We both work on cybercrime in Kenya: shall we talk?");
	assert_string_equal(tc_str(json_object_get(p, "from"), "name"), "Pelican Ptn Trust");
	assert_true(json_is_null(json_object_get(p, "asked_by")));
	assert_true(json_is_null(json_object_get(p, "from_contact")));
	assert_true(json_is_null(json_object_get(p, "conversation_id")));
	json_decref(p);
	/* only the asked side's admins answer */
	STATUS(tc_api("POST", tc_path("/api/v1/partners/requests/%lld/accept", (long long)id),
	    adma_tok, NULL), 404);
	STATUS(tc_api("POST", tc_path("/api/v1/partners/requests/%lld/accept", (long long)id),
	    admc_tok, NULL), 404);
	STATUS(tc_api("POST", tc_path("/api/v1/partners/requests/%lld/accept", (long long)id),
	    memb_tok, NULL), 403);
	/* a contact who is not one of theirs */
	STATUS(tc_api("POST", tc_path("/api/v1/partners/requests/%lld/accept", (long long)id),
	    admb_tok, json_pack("{s:I}", "contact", (json_int_t)mema_id)), 422);
	r = tc_api("POST", tc_path("/api/v1/partners/requests/%lld/accept", (long long)id),
	    admb_tok, json_pack("{s:I}", "contact", (json_int_t)memb_id));
	STATUS(r, 200);
	mail_says(ADMA, "Your request to connect was accepted", "Heron Ptn Network");
	STATUS(tc_api("POST", tc_path("/api/v1/partners/requests/%lld/decline", (long long)id),
	    admb_tok, NULL), 409);
	/* both sides' admins see both contacts; the contacts have a conversation */
	p = request_with(adma_tok, org_a, org_b);
	assert_string_equal(tc_str(p, "status"), "accepted");
	assert_string_equal(tc_str(json_object_get(p, "from_contact"), "name"), "Ana Admin");
	assert_string_equal(tc_str(json_object_get(p, "to_contact"), "name"), "Ben Member");
	conv = tc_num(p, "conversation_id");
	assert_true(conv > 0);	/* Ana is a contact */
	json_decref(p);
	p = request_with(admb_tok, org_b, org_a);
	assert_string_equal(tc_str(json_object_get(p, "from_contact"), "name"), "Ana Admin");
	assert_true(json_is_null(json_object_get(p, "conversation_id")));	/* not theirs */
	json_decref(p);
	r = tc_api("GET", "/api/v1/messages", memb_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Ana Admin");
	STATUS(tc_api("POST", tc_path("/api/v1/messages/%lld", (long long)conv), memb_tok,
	    json_pack("{s:s}", "body", "Hello from Heron.")), 201);
	mail_says(ADMA, "You have a new message", "Ben Member");
	/* in the export of the asker and of the contact */
	r = tc_api("GET", "/api/v1/me/export", memb_tok, NULL);
	STATUS(r, 200);
	HAS(r, "\"partner_requests\":[{");
	HAS(r, "We both work on cybercrime in Kenya");
	r = tc_api("GET", "/api/v1/me/export", mema_tok, NULL);
	STATUS(r, 200);
	HAS(r, "\"partner_requests\":[]");
		/* nothing else of theirs: Ben's profile stays as it was (no expert) */
	STATUS(tc_api("GET", tc_path("/api/v1/people/%lld", (long long)memb_id), adma_tok, NULL),
	    404);
}

static void
test_request_declined(void **state)
{
	const struct ts_res *r;
	int64_t id;

	(void)state;
	r = ask(adma_tok, org_a, org_c, "Uganda?");
	STATUS(r, 201);
	id = tc_id_of(r);
	mail_says(ADMC, "An organization would like to connect with yours", "Pelican Ptn Trust");
	STATUS(tc_api("POST", tc_path("/api/v1/partners/requests/%lld/decline", (long long)id),
	    admc_tok, NULL), 200);
	mail_says(ADMA, "Your request to connect was declined", "Egret Ptn Fund");
	assert_string_equal(suggested(adma_tok, "", 200), "");
	STATUS(ask(adma_tok, org_a, org_c, "Again?"), 409);
	/* 180 days on, they are suggested again */
	assert_int_equal(ts_clock_advance(plain, 181 * DAY), 200);
	tokens();
	assert_string_equal(suggested(adma_tok, "", 200), "Egret Ptn Fund:4");
}

static void
test_limits_and_staff(void **state)
{
	const struct ts_res *r;
	struct ts_browser *b;
	int i;

	(void)state;
	/* the note */
	STATUS(ask(adma_tok, org_a, org_e, ""), 422);
	STATUS(ask(adma_tok, org_a, org_a, "Ourselves"), 404);
	STATUS(ask(adma_tok, org_a, 999999, "Nobody"), 404);
	STATUS(ask(mema_tok, org_a, org_e, "Not an admin"), 403);
	/* 10 waiting: the 11th is refused */
	for (i = 0; i < 10; i++)
		ts_sql_int("INSERT INTO partner_requests (from_org, to_org, note, created_at) "
		    "VALUES (%lld, %lld, 'x', 1)", (long long)org_a, (long long)org_b);
	r = ask(adma_tok, org_a, org_c, "One too many");
	STATUS(r, 429);
	HAS(r, "10 requests");
	/* the form: the suggestions again, the note kept by its organization */
	b = ts_signed_in(&srv, NULL, ADMA, PW);
	assert_non_null(b);
	r = ts_form(b, "/partners/requests", "org", tc_path("%lld", (long long)org_a), "to",
	    tc_path("%lld", (long long)org_c), "note", "Kept words", (char *)NULL);
	STATUS(r, 429);
	HAS(r, "Kept words</textarea>");
	HAS(r, "10 requests");
	ts_sql_int("DELETE FROM partner_requests WHERE note = 'x'");
	r = ts_form(b, "/partners/requests", "org", tc_path("%lld", (long long)org_a), "to",
	    tc_path("%lld", (long long)org_c), "note", "", (char *)NULL);
	STATUS(r, 422);
	HAS(r, "aria-invalid=\"true\"");
	r = ts_form(b, "/partners/requests", "org", tc_path("%lld", (long long)org_a), "to",
	    tc_path("%lld", (long long)org_c), "note", "By the form", (char *)NULL);
	STATUS(r, 303);
	ts_browser_free(b);
	/* staff see them all, and as CSV */
	r = tc_api("GET", "/api/v1/staff/partners", staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Heron Ptn Network");
	HAS(r, "Uganda?");
	STATUS(tc_api("GET", "/api/v1/staff/partners?status=accepted", staff_tok, NULL), 200);
	STATUS(tc_api("GET", "/api/v1/staff/partners", adma_tok, NULL), 403);
	r = tc_api("GET", "/staff/partners.csv", staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "from_organization");
	HAS(r, "Pelican Ptn Trust");
}

static int
setup(void **state)
{
	struct ts_browser *staff;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	ts_db_open(db_url);
	plain = ts_browser_new(&srv, NULL);
	tc_use(plain, staff_tok);
	org_a = ts_org_import(db_url, "Pelican Ptn Trust", "KE", "info@pelican-ptn-t.example", NULL);
	org_b = ts_org_import(db_url, "Heron Ptn Network", "KE", "info@heron-ptn-t.example", NULL);
	org_c = ts_org_import(db_url, "Egret Ptn Fund", "GH", "info@egret-ptn-t.example", NULL);
	org_d = ts_org_import(db_url, "Dipper Ptn Guild", "BR", "info@dipper-ptn-t.example", NULL);
	org_e = ts_org_import(db_url, "Ibis Ptn Circle", "BR", "info@ibis-ptn-t.example", NULL);
	assert_true(org_a > 0 && org_b > 0 && org_c > 0 && org_d > 0 && org_e > 0);
	ts_sql_int("UPDATE organizations SET themes = '[\"corruption\",\"cybercrime\"]', "
	    "countries = '[\"UG\"]' WHERE id = %lld", (long long)org_a);
	ts_sql_int("UPDATE organizations SET themes = '[\"corruption\",\"cybercrime\"]', "
	    "countries = '[]' WHERE id = %lld", (long long)org_b);
	ts_sql_int("UPDATE organizations SET themes = '[\"corruption\"]', countries = '[\"UG\"]' "
	    "WHERE id = %lld", (long long)org_c);
	ts_sql_int("UPDATE organizations SET themes = '[\"wildlife_crime\"]', countries = "
	    "'[\"UG\"]', visibility = '{\"countries\":\"staff\"}' WHERE id = %lld",
	    (long long)org_d);
	ts_sql_int("UPDATE organizations SET themes = '[\"drug_trafficking\"]' WHERE id = %lld",
	    (long long)org_e);
	assert_true(ts_person_add(db_url, STAFF, "Sam Staff", "staff", 0, PW) > 0);
	adma_id = ts_person_add(db_url, ADMA, "Ana Admin", "member", org_a, PW);
	mema_id = ts_person_add(db_url, MEMA, "Max Member", "member", org_a, PW);
	admb_id = ts_person_add(db_url, ADMB, "Bea Admin", "member", org_b, PW);
	memb_id = ts_person_add(db_url, MEMB, "Ben Member", "member", org_b, PW);
	admc_id = ts_person_add(db_url, ADMC, "Cai Admin", "member", org_c, PW);
	assert_true(adma_id > 0 && mema_id > 0 && admb_id > 0 && memb_id > 0 && admc_id > 0);
	assert_true(ts_person_add(db_url, FE, "Fe", "focal", 0, PW) > 0);
	assert_true(tc_expert_made(&srv, db_url, STAFF, EXP, "Expert Ptn", PW) > 0);
	staff = ts_signed_in(&srv, NULL, STAFF, PW);
	if (!staff)
		return -1;
	assert_int_equal(ts_org_admin(staff, org_a, adma_id), 0);
	assert_int_equal(ts_org_admin(staff, org_b, admb_id), 0);
	assert_int_equal(ts_org_admin(staff, org_c, admc_id), 0);
	ts_browser_free(staff);
	tokens();
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
		cmocka_unit_test(test_suggestions),
		cmocka_unit_test(test_request_accepted),
		cmocka_unit_test(test_request_declined),
		cmocka_unit_test(test_limits_and_staff),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("partners", tests, setup, teardown);
}
