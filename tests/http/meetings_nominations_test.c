/*
 * meetings_nominations_test.c -- delegates nominated to a session (issue
 * 16): an organization's admin nominates, within the window and the
 * organization's number; who may not is told the rule (403), a window
 * not open says when (409), a number reached says how many (409), the
 * same person twice is refused (409), a delegate without the required
 * fields is a 422 naming each; nothing half-written.  Staff approve and
 * decline (with a reason); the delegate and who nominated them are mailed;
 * each step is in the organization's history; the approved list comes out
 * as the registration desks' CSV, column by column, and from `whatson
 * export delegates --session ID`.  Staff's page of a session's nominations
 * shows each delegate's fields, filters them, and decides them in bulk
 * through the API's decision (a decline without a reason said by the
 * field); a delegate's account lists their own nominations, the reason of
 * a decline too, in English and French.
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

#define PW "plum tree orbit sixty"

#define HEADER_HAS(r, name, part) do { \
	const char *h_ = ts_header((r), (name)); \
	if (!h_ || !strstr(h_, (part))) \
		printf("# %s: %s, want it to contain %s\n", (name), h_ ? h_ : "(none)", (part)); \
	assert_true(h_ && strstr(h_, (part))); \
} while (0)

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

/* staff; Ada, an admin of Quillon (ECOSOC special status); Bo, a member of
 * Quillon, no admin; Cy, an admin of Rivet (no ECOSOC status) */
static char staff_tok[129], ada_tok[129], bo_tok[129], cy_tok[129];
static int64_t quillon, rivet;

/* A published session of body cosp numbered number, taking nominations
 * from opens to closes (RFC 3339 or NULL), of eligibility, with max
 * delegates; its id. */
static int64_t
session_made(int number, const char *opens, const char *closes, const char *elig, int max)
{
	json_t *b = json_pack("{s:s,s:i,s:s,s:s,s:s,s:s,s:s,s:s,s:i}", "body", "cosp", "number",
	    number, "title", "A session", "timezone", "Europe/Vienna", "start",
	    "2031-05-19T10:00", "end", "2031-05-23T18:00", "status", "published", "eligibility",
	    elig, "delegates_max", max);
	const struct ts_res *r;
	json_t *j;
	int64_t id;

	if (opens)
		json_object_set_new(b, "nominations_opens", json_string(opens));
	if (closes)
		json_object_set_new(b, "nominations_closes", json_string(closes));
	r = ta_api("POST", "/api/v1/meetings", staff_tok, b);
	STATUS(r, 201);
	j = ts_jbody(r);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return id;
}

/* A delegate's fields for organization org, named name at address email. */
static json_t *
delegate(int64_t org, const char *name, const char *email)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:b,s:s}", "organization_id",
	    (json_int_t)org, "name", name, "title", "Programme officer", "email", email,
	    "nationality", "KE", "passport_name", name, "visa_letter", 1, "attendance",
	    "in_person");
}

static const struct ts_res *
nominate(int64_t id, const char *tok, json_t *body)
{
	char path[80];

	snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations", (long long)id);
	return ta_api("POST", path, tok, body);
}

static int64_t
total_of(int64_t id, const char *tok)
{
	return ta_total(ta_path("/api/v1/meetings/%lld/nominations", (long long)id), tok);
}

/* ---- who may nominate, and when --------------------------------------------- */

static void
test_rules(void **state)
{
	const struct ts_res *r;
	int64_t open, later, closed, unset, members;
	json_t *j;

	(void)state;
	open = session_made(41, "2026-01-01T09:00", "2031-04-01T18:00", "ecosoc", 2);
	later = session_made(42, "2030-01-01T09:00", "2031-04-01T18:00", "ecosoc", 2);
	closed = session_made(43, "2020-01-01T09:00", "2021-04-01T18:00", "ecosoc", 2);
	unset = session_made(44, NULL, NULL, "ecosoc", 2);
	members = session_made(45, NULL, "2031-04-01T18:00", "members", 2);

	/* 403 naming the rule: not an admin; an organization without the status */
	r = nominate(open, bo_tok, delegate(quillon, "Bo Delegate", "bo.d@quillon-nm.example"));
	STATUS(r, 403);
	HAS(r, "Only an admin of the organization may nominate its delegates.");
	r = nominate(open, cy_tok, delegate(rivet, "Cy Delegate", "cy.d@rivet-nm.example"));
	STATUS(r, 403);
	HAS(r, "consultative status with the Economic and Social Council");
	r = nominate(open, ada_tok, delegate(rivet, "Not Hers", "nh@rivet-nm.example"));
	STATUS(r, 403);
	/* ... who is eligible where any member organization is */
	STATUS(nominate(members, cy_tok, delegate(rivet, "Cy Delegate",
	    "cy.d@rivet-nm.example")), 201);

	/* 409 saying when */
	r = nominate(later, ada_tok, delegate(quillon, "Too Early", "early@quillon-nm.example"));
	STATUS(r, 409);
	HAS(r, "Nominations for this session open on 1 January 2030, 09:00");
	r = nominate(closed, ada_tok, delegate(quillon, "Too Late", "late@quillon-nm.example"));
	STATUS(r, 409);
	HAS(r, "Nominations for this session closed on 1 April 2021, 18:00");
	r = nominate(unset, ada_tok, delegate(quillon, "No Window", "nw@quillon-nm.example"));
	STATUS(r, 409);
	HAS(r, "staff have not set when");

	/* 422 naming each field */
	r = nominate(open, ada_tok, json_pack("{s:I,s:s,s:s,s:s}", "organization_id",
	    (json_int_t)quillon, "email", "not-an-address", "nationality", "XX", "attendance",
	    "by pigeon"));
	STATUS(r, 422);
	j = ts_jbody(r);
	assert_non_null(json_object_get(json_object_get(j, "errors"), "name"));
	assert_non_null(json_object_get(json_object_get(j, "errors"), "email"));
	assert_non_null(json_object_get(json_object_get(j, "errors"), "nationality"));
	assert_non_null(json_object_get(json_object_get(j, "errors"), "passport_name"));
	assert_non_null(json_object_get(json_object_get(j, "errors"), "attendance"));
	json_decref(j);
	STATUS(nominate(open, ada_tok, json_object()), 422);

	/* the number: two, then a third refused saying how many */
	r = nominate(open, ada_tok, delegate(quillon, "Dee One", "dee.one@quillon-nm.example"));
	STATUS(r, 201);
	HAS(r, "\"status\":\"pending\"");
	HAS(r, "\"visa_letter\":true");
	/* the same person twice */
	r = nominate(open, ada_tok, delegate(quillon, "Dee One Again",
	    "dee.one@quillon-nm.example"));
	STATUS(r, 409);
	HAS(r, "Your organization has nominated this person to this session already.");
	STATUS(nominate(open, ada_tok, delegate(quillon, "Dee Two", "dee.two@quillon-nm.example")),
	    201);
	r = nominate(open, ada_tok, delegate(quillon, "Dee Three", "dee.three@quillon-nm.example"));
	STATUS(r, 409);
	HAS(r, "Your organization has nominated 2 delegates to this session, the most it takes.");

	/* nothing half-written: two of Quillon's, none refused */
	assert_int_equal(total_of(open, staff_tok), 2);
	assert_int_equal(total_of(later, staff_tok), 0);
	assert_int_equal(total_of(closed, staff_tok), 0);
	/* who sees which: the admin theirs, a member who is no admin none, Cy
	 * none of Quillon's */
	assert_int_equal(total_of(open, ada_tok), 2);
	assert_int_equal(total_of(open, bo_tok), 0);
	assert_int_equal(total_of(open, cy_tok), 0);
	STATUS(ta_api("GET", "/api/v1/meetings/999999/nominations", staff_tok, NULL), 404);
	STATUS(nominate(999999, ada_tok, delegate(quillon, "No Session", "ns@q.example")), 404);
}

/* ---- the open opportunities ------------------------------------------------------ */

/* Whether tok's open opportunities offer nominating to session id. */
static int
offered(const char *tok, int64_t id)
{
	const struct ts_res *r = ta_api("GET", "/api/v1/opportunities?per_page=100", tok, NULL);
	json_t *j, *x;
	size_t i;
	int found = 0;

	STATUS(r, 200);
	j = ts_jbody(r);
	json_array_foreach(json_object_get(j, "items"), i, x)
		if (strcmp(json_string_value(json_object_get(x, "type")), "nomination") == 0 &&
		    json_integer_value(json_object_get(x, "id")) == id) {
			assert_string_equal(json_string_value(json_object_get(x, "action")),
			    "nominate");
			assert_non_null(strstr(json_string_value(json_object_get(x, "deadline")),
			    "2031-04-01T18:00:00"));
			found = 1;
		}
	json_decref(j);
	return found;
}

/*
 * A window open is offered on the open opportunities to an admin of an
 * organization that meets the session's rule and has delegates left to
 * nominate, and to nobody else: not a member who is no admin, not an
 * admin of an organization the rule leaves out, not once the number is
 * reached, not before the window opens.
 */
static void
test_opportunities(void **state)
{
	int64_t id = session_made(47, "2026-01-01T09:00", "2031-04-01T18:00", "ecosoc", 1);
	int64_t later = session_made(48, "2030-01-01T09:00", "2031-04-01T18:00", "ecosoc", 1);
	const struct ts_res *r;
	char path[80];

	(void)state;
	assert_true(offered(ada_tok, id));
	assert_false(offered(ada_tok, later));
	assert_false(offered(bo_tok, id));
	assert_false(offered(cy_tok, id));
	STATUS(ta_api("GET", "/api/v1/opportunities", NULL, NULL), 401);
	/* the page: what it is and one button to act */
	{
		struct ts_browser *b = ts_signed_in(&srv, NULL, "ada@quillon-nm.example", PW);

		assert_non_null(b);
		r = ts_get(b, "/opportunities");
		STATUS(r, 200);
		HAS(r, "Delegates to a session");
		HAS(r, "Nominate delegates");
		snprintf(path, sizeof path, "href=\"&#x2F;meetings&#x2F;%lld\"", (long long)id);
		HAS(r, path);
		ts_browser_free(b);
	}
	/* the number reached: no longer offered */
	STATUS(nominate(id, ada_tok, delegate(quillon, "Ona Only", "ona@quillon-nm.example")), 201);
	assert_false(offered(ada_tok, id));
}

/* ---- staff decide; mail; history; the desks' CSV ------------------------------- */

static void
test_decide_and_export(void **state)
{
	const struct ts_res *r;
	struct ts_browser *staff;
	struct ts_mail m;
	char path[100], out[8192], sid[24];
	int64_t id, n1, n2, n3;
	json_t *j;

	(void)state;
	id = session_made(51, NULL, "2031-04-01T18:00", "ecosoc", 3);
	r = nominate(id, ada_tok, delegate(quillon, "Eve Approved", "eve@delegates-nm.example"));
	STATUS(r, 201);
	j = ts_jbody(r);
	n1 = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	j = delegate(quillon, "=Frank, \"Formula\"", "frank@delegates-nm.example");
	json_object_set_new(j, "visa_letter", json_false());
	json_object_set_new(j, "nationality", json_string("FR"));
	r = nominate(id, ada_tok, j);
	STATUS(r, 201);
	j = ts_jbody(r);
	n2 = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	r = nominate(id, ada_tok, delegate(quillon, "Gus Declined", "gus@delegates-nm.example"));
	STATUS(r, 201);
	j = ts_jbody(r);
	n3 = json_integer_value(json_object_get(j, "id"));
	json_decref(j);

	snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations/decisions", (long long)id);
	/* bad decisions: no ids, a decision not known, a decline without reason */
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:[],s:s}", "ids", "decision",
	    "approve")), 422);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:[I],s:s}", "ids", (json_int_t)n1,
	    "decision", "maybe")), 422);
	r = ta_api("POST", path, staff_tok, json_pack("{s:[I],s:s}", "ids", (json_int_t)n3,
	    "decision", "decline"));
	STATUS(r, 422);
	HAS(r, "\"reason\"");
	STATUS(ta_api("POST", path, ada_tok, json_pack("{s:[I],s:s}", "ids", (json_int_t)n1,
	    "decision", "approve")), 403);

	r = ta_api("POST", path, staff_tok, json_pack("{s:[I,I,i],s:s}", "ids", (json_int_t)n1,
	    (json_int_t)n2, 999999, "decision", "approve"));
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_int_equal(json_integer_value(json_object_get(j, "succeeded")), 2);
	assert_int_equal(json_integer_value(json_object_get(j, "refused")), 1);
	json_decref(j);
	r = ta_api("POST", path, staff_tok, json_pack("{s:[I],s:s,s:s}", "ids", (json_int_t)n3,
	    "decision", "decline", "reason", "One delegate a country of nationality, please."));
	STATUS(r, 200);
	HAS(r, "\"succeeded\":1");
	/* decided once */
	r = ta_api("POST", path, staff_tok, json_pack("{s:[I],s:s}", "ids", (json_int_t)n1,
	    "decision", "approve"));
	STATUS(r, 200);
	HAS(r, "This nomination was decided already.");

	/* the delegate and the organization's admins are mailed */
	assert_int_equal(ts_mail_wait(&sink, "eve@delegates-nm.example", 10000, &m), 0);
	assert_non_null(strstr(m.body, "Eve Approved"));
	assert_non_null(strstr(m.body, "is approved"));
	ts_mail_free(&m);
	assert_int_equal(ts_mail_wait(&sink, "gus@delegates-nm.example", 10000, &m), 0);
	assert_non_null(strstr(m.body, "is declined"));
	assert_non_null(strstr(m.body, "One delegate a country of nationality, please."));
	ts_mail_free(&m);
	/* Ada, Quillon's admin (who nominated them): one mail a decision */
	{
		int k;

		for (k = 0; k < 3; k++) {
			assert_int_equal(ts_mail_wait(&sink, "ada@quillon-nm.example", 10000, &m), 0);
			assert_non_null(strstr(m.body, "Hello ada@quillon-nm.example,"));
			ts_mail_free(&m);
		}
	}

	/* the admin and the delegate see what became of them */
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations?status=approved",
	    (long long)id);
	j = NULL;
	r = ta_api("GET", path, ada_tok, NULL);
	STATUS(r, 200);
	HAS(r, "\"total\":2");
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations?status=declined",
	    (long long)id);
	r = ta_api("GET", path, ada_tok, NULL);
	HAS(r, "One delegate a country of nationality, please.");

	/* the organization's history */
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/history", (long long)quillon);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "meeting.nominated");
	HAS(r, "meeting.nomination_approved");
	HAS(r, "meeting.nomination_declined");

	/* the registration desks' list, column by column */
	staff = ts_signed_in(&srv, NULL, "sam.staff@nominations.test", PW);
	assert_non_null(staff);
	snprintf(path, sizeof path, "/staff/meetings/%lld/delegates.csv", (long long)id);
	r = ts_get(staff, path);
	STATUS(r, 200);
	HEADER_HAS(r, "Content-Type", "text/csv");
	assert_non_null(strstr(r->body, "organization,ecosoc_status,delegate,title,nationality,"
	    "visa_letter\r\n"));
	assert_non_null(strstr(r->body, "Quillon Training Trust,special,Eve Approved,"
	    "Programme officer,KE,yes\r\n"));
	/* a cell that would be a formula is not one; quotes doubled */
	assert_non_null(strstr(r->body, "Quillon Training Trust,special,\"'=Frank, \"\"Formula\"\"\","
	    "Programme officer,FR,no\r\n"));
	assert_null(strstr(r->body, "Gus Declined"));
	ts_browser_free(staff);
	STATUS(ts_get(plain, path), 303);

	snprintf(sid, sizeof sid, "%lld", (long long)id);
	assert_int_equal(ts_whatson(NULL, out, sizeof out, "export", "delegates", "--session", sid,
	    "--db", db_url, (char *)NULL), 0);
	assert_non_null(strstr(out, "Quillon Training Trust,special,Eve Approved,"
	    "Programme officer,KE,yes"));
	assert_int_not_equal(ts_whatson(NULL, out, sizeof out, "export", "delegates", "--session",
	    "999999", "--db", db_url, (char *)NULL), 0);
}


/* ---- the page's form ---------------------------------------------------------- */

static void
test_page_form(void **state)
{
	struct ts_browser *ada = ts_signed_in(&srv, NULL, "ada@quillon-nm.example", PW);
	struct ts_browser *cy = ts_signed_in(&srv, NULL, "cy@rivet-nm.example", PW);
	const struct ts_res *r;
	char path[80], form[80];
	int64_t id;

	(void)state;
	assert_non_null(ada);
	assert_non_null(cy);
	id = session_made(61, NULL, "2031-04-01T18:00", "ecosoc", 1);
	snprintf(path, sizeof path, "/meetings/%lld", (long long)id);
	snprintf(form, sizeof form, "/meetings/%lld/nominate", (long long)id);
	r = ts_get(ada, path);
	STATUS(r, 200);
	HAS(r, "action=\"/meetings/");
	HAS(r, "<option value=\"");
	/* Cy's organization has no ECOSOC status: no form for him */
	r = ts_get(cy, path);
	LACKS(r, "name=\"passport_name\"");

	/* a mistake: the page again, the message by the field, the rest kept */
	r = ts_form(ada, form, "organization_id", "0", "name", "Hana Kept", "email", "nope",
	    "nationality", "KE", "passport_name", "HANA KEPT", "attendance", "online", NULL);
	STATUS(r, 422);
	r = ts_get(ada, path);
	{
		char org[24];

		snprintf(org, sizeof org, "%lld", (long long)quillon);
		r = ts_form(ada, form, "organization_id", org, "name", "Hana Kept", "email", "nope",
		    "nationality", "KE", "passport_name", "HANA KEPT", "attendance", "online", NULL);
		STATUS(r, 422);
		HAS(r, "id=\"ne-email\"");
		HAS(r, "value=\"Hana Kept\"");
		HAS(r, "value=\"online\" checked");
		r = ts_form(ada, form, "organization_id", org, "name", "Hana Right", "email",
		    "hana@quillon-nm.example", "nationality", "KE", "passport_name", "HANA RIGHT",
		    "attendance", "in_person", "visa_letter", "1", NULL);
		STATUS(r, 303);
		r = ts_get(ada, path);
		HAS(r, "Hana Right (Quillon Training Trust): waiting for staff");
		/* the number reached: the page says so */
		r = ts_form(ada, form, "organization_id", org, "name", "Ivo Over", "email",
		    "ivo@quillon-nm.example", "nationality", "KE", "passport_name", "IVO OVER",
		    "attendance", "online", NULL);
		STATUS(r, 409);
		HAS(r, "the most it takes");
		HAS(r, "value=\"Ivo Over\"");
	}
	ts_browser_free(ada);
	ts_browser_free(cy);
}

/* ---- staff's page of nominations ------------------------------------------------ */

static void
test_staff_page(void **state)
{
	struct ts_browser *staff = ts_signed_in(&srv, NULL, "sam.staff@nominations.test", PW);
	struct ts_browser *ada = ts_signed_in(&srv, NULL, "ada@quillon-nm.example", PW);
	const struct ts_res *r;
	char path[100], q[140], n1s[24], n2s[24];
	int64_t id, n1, n2;
	json_t *j, *b;

	(void)state;
	assert_non_null(staff);
	assert_non_null(ada);
	id = session_made(71, NULL, "2031-04-01T18:00", "members", 5);
	r = nominate(id, ada_tok, delegate(quillon, "Lea Listed", "lea@page-nm.example"));
	STATUS(r, 201);
	j = ts_jbody(r);
	n1 = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	b = delegate(rivet, "Max Rivet", "max@page-nm.example");
	json_object_set_new(b, "attendance", json_string("online"));
	json_object_set_new(b, "visa_letter", json_false());
	r = nominate(id, cy_tok, b);
	STATUS(r, 201);
	j = ts_jbody(r);
	n2 = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(n1s, sizeof n1s, "%lld", (long long)n1);
	snprintf(n2s, sizeof n2s, "%lld", (long long)n2);

	/* the API says each organization's ECOSOC status */
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations", (long long)id);
	r = ta_api("GET", path, staff_tok, NULL);
	HAS(r, "\"organization_ecosoc_status\":\"special\"");

	/* linked from the session's page and the form, for staff only */
	snprintf(path, sizeof path, "/meetings/%lld", (long long)id);
	snprintf(q, sizeof q, "href=\"/staff/meetings/%lld/nominations\"", (long long)id);
	HAS(ts_get(staff, path), q);
	LACKS(ts_get(ada, path), q);
	snprintf(path, sizeof path, "/staff/meetings/%lld/edit", (long long)id);
	HAS(ts_get(staff, path), q);

	/* every delegate's fields, the organization's status, the desks' CSV */
	snprintf(path, sizeof path, "/staff/meetings/%lld/nominations", (long long)id);
	r = ts_get(staff, path);
	STATUS(r, 200);
	HAS(r, "Lea Listed");
	HAS(r, "lea@page-nm.example");
	HAS(r, "Programme officer");
	HAS(r, "Special consultative status");
	HAS(r, "Max Rivet");
	HAS(r, "No consultative status");
	HAS(r, "Online");
	HAS(r, "waiting for staff");
	HAS(r, "2 nominations");
	HAS(r, "name=\"ids\"");
	snprintf(q, sizeof q, "/staff/meetings/%lld/delegates.csv", (long long)id);
	HAS(r, q);
	/* the filters */
	snprintf(q, sizeof q, "%s?organization=%lld", path, (long long)rivet);
	r = ts_get(staff, q);
	STATUS(r, 200);
	HAS(r, "Max Rivet");
	LACKS(r, "Lea Listed");
	snprintf(q, sizeof q, "%s?status=approved", path);
	r = ts_get(staff, q);
	HAS(r, "0 nominations");
	STATUS(ts_get(staff, "/staff/meetings/999999/nominations"), 404);
	/* not for others */
	STATUS(ts_get(ada, path), 403);
	STATUS(ts_get(plain, path), 303);

	/* decline without a reason: said by the field, nothing decided */
	r = ts_form(staff, path, "ids", n1s, "decision", "decline", "reason", "", NULL);
	STATUS(r, 422);
	HAS(r, "id=\"e-reason\"");
	HAS(r, "Say why the nomination is declined");
	snprintf(q, sizeof q, "/api/v1/meetings/%lld/nominations?status=pending", (long long)id);
	HAS(ta_api("GET", q, staff_tok, NULL), "\"total\":2");
	/* no box ticked */
	r = ts_form(staff, path, "decision", "approve", NULL);
	STATUS(r, 422);
	HAS(r, "id=\"e-ids\"");

	/* the bulk form: approve one, decline the other with a reason */
	r = ts_form(staff, path, "ids", n1s, "decision", "approve", "reason", "", NULL);
	STATUS(r, 200);
	HAS(r, "Lea Listed: approved");
	snprintf(q, sizeof q, "%s?status=pending", path);
	r = ts_form(staff, q, "ids", n2s, "ids", n1s, "decision", "decline", "reason",
	    "Online seats are full.", NULL);
	STATUS(r, 200);
	HAS(r, "Max Rivet: declined");
	HAS(r, "This nomination was decided already.");
	snprintf(q, sizeof q, "%s?status=declined", path);
	r = ts_get(staff, q);
	HAS(r, "Online seats are full.");
	LACKS(r, "Lea Listed");
	/* the same decisions as the API: mailed */
	{
		struct ts_mail m;

		assert_int_equal(ts_mail_wait(&sink, "max@page-nm.example", 10000, &m), 0);
		assert_non_null(strstr(m.body, "Online seats are full."));
		ts_mail_free(&m);
	}

	/* French */
	snprintf(q, sizeof q, "%s?lang=fr", path);
	r = ts_get(staff, q);
	STATUS(r, 200);
	HAS(r, "Désignations");
	HAS(r, "Avec les désignations choisies");
	snprintf(q, sizeof q, "%s?lang=en", path);	/* the choice is kept: back to English */
	STATUS(ts_get(staff, q), 200);
	ts_browser_free(staff);
	ts_browser_free(ada);
}

/* Staff's page goes by pages of 50, the filters kept in its links. */
static void
test_staff_page_pages(void **state)
{
	struct ts_browser *staff = ts_signed_in(&srv, NULL, "sam.staff@nominations.test", PW);
	const struct ts_res *r;
	char path[100], q[160], name[40], email[60];
	int64_t id;
	int k;

	(void)state;
	assert_non_null(staff);
	id = session_made(91, NULL, "2031-04-01T18:00", "members", 60);
	for (k = 1; k <= 51; k++) {
		snprintf(name, sizeof name, "Paged Delegate %02d", k);
		snprintf(email, sizeof email, "paged%02d@pages-nm.example", k);
		STATUS(nominate(id, ada_tok, delegate(quillon, name, email)), 201);
	}
	snprintf(path, sizeof path, "/staff/meetings/%lld/nominations", (long long)id);
	snprintf(q, sizeof q, "%s?status=pending&organization=%lld", path, (long long)quillon);
	r = ts_get(staff, q);
	STATUS(r, 200);
	HAS(r, "51 nominations");
	HAS(r, "Paged Delegate 50");
	LACKS(r, "Paged Delegate 51");
	snprintf(q, sizeof q, "?status=pending&amp;organization=%lld&amp;page=2", (long long)quillon);
	HAS(r, q);
	snprintf(q, sizeof q, "%s?status=pending&organization=%lld&page=2", path,
	    (long long)quillon);
	r = ts_get(staff, q);
	STATUS(r, 200);
	HAS(r, "Paged Delegate 51");
	LACKS(r, "Paged Delegate 50");
	ts_browser_free(staff);
}

/* ---- the delegate's own view ------------------------------------------------------ */

static void
test_delegate_account(void **state)
{
	const struct ts_res *r;
	struct ts_browser *pia;
	char path[100], pia_tok[129];
	int64_t id, nid;
	json_t *j, *n;

	(void)state;
	id = session_made(81, NULL, "2031-04-01T18:00", "members", 5);
	r = nominate(id, ada_tok, delegate(quillon, "Pia Own", "pia@own-nm.example"));
	STATUS(r, 201);
	j = ts_jbody(r);
	nid = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	ta_account("pia@own-nm.example", "member", 0, pia_tok, NULL);

	/* while the address is not confirmed, it is not shown to be hers:
	 * nothing named by it is */
	ts_db_open(db_url);
	ts_sql_int("UPDATE users SET verified_at = NULL WHERE email = 'pia@own-nm.example'");
	r = ta_api("GET", "/api/v1/account", pia_tok, NULL);
	STATUS(r, 200);
	HAS(r, "\"nominations\":[]");
	assert_int_equal(total_of(id, pia_tok), 0);
	ts_sql_int("UPDATE users SET verified_at = 1 WHERE email = 'pia@own-nm.example'");
	ts_db_close();
	assert_int_equal(total_of(id, pia_tok), 1);

	/* pending: the API names the session, the organization and the status */
	r = ta_api("GET", "/api/v1/account", pia_tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_int_equal(json_array_size(json_object_get(j, "nominations")), 1);
	n = json_array_get(json_object_get(j, "nominations"), 0);
	assert_int_equal(json_integer_value(json_object_get(n, "id")), nid);
	assert_int_equal(json_integer_value(json_object_get(n, "meeting_id")), id);
	assert_string_equal(json_string_value(json_object_get(n, "organization")),
	    "Quillon Training Trust");
	assert_string_equal(json_string_value(json_object_get(n, "status")), "pending");
	assert_non_null(strstr(json_string_value(json_object_get(n, "session")), "A session"));
	json_decref(j);

	/* declined: the reason too, on the page and in French */
	snprintf(path, sizeof path, "/api/v1/meetings/%lld/nominations/decisions", (long long)id);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:[I],s:s,s:s}", "ids", (json_int_t)nid,
	    "decision", "decline", "reason", "The delegation is complete.")), 200);
	r = ta_api("GET", "/api/v1/account", pia_tok, NULL);
	HAS(r, "\"status\":\"declined\"");
	HAS(r, "The delegation is complete.");
	pia = ts_signed_in(&srv, NULL, "pia@own-nm.example", PW);
	assert_non_null(pia);
	r = ts_get(pia, "/account");
	STATUS(r, 200);
	HAS(r, "Your nominations as a delegate");
	HAS(r, "(Quillon Training Trust): declined");
	HAS(r, "The delegation is complete.");
	snprintf(path, sizeof path, "href=\"/meetings/%lld\"", (long long)id);
	HAS(r, path);
	r = ts_get(pia, "/account?lang=fr");
	HAS(r, "Vos désignations comme délégué ou déléguée");
	HAS(r, "Motif :");
	ts_browser_free(pia);

	/* her export has it too */
	r = ta_api("GET", "/api/v1/me/export", pia_tok, NULL);
	STATUS(r, 200);
	HAS(r, "\"nominations\":[{");
	HAS(r, "The delegation is complete.");

	/* nobody else's: Bo is named by no nomination */
	r = ta_api("GET", "/api/v1/account", bo_tok, NULL);
	STATUS(r, 200);
	HAS(r, "\"nominations\":[]");
}

/* ---- set-up ---------------------------------------------------------------- */

static int
setup(void **state)
{
	struct ts_browser *staff;
	int64_t ada, cy;
	char path[80];

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	ta_accounts(db_url, PW);
	quillon = ts_org_import(db_url, "Quillon Training Trust", "KE", "info@quillon-nm.example",
	    NULL);
	rivet = ts_org_import(db_url, "Rivet Watch", "UG", "info@rivet-nm.example", NULL);
	if (quillon <= 0 || rivet <= 0)
		return -1;
	ta_account("sam.staff@nominations.test", "staff", 0, staff_tok, NULL);
	ta_account("ada@quillon-nm.example", "member", quillon, ada_tok, &ada);
	ta_account("bo@quillon-nm.example", "member", quillon, bo_tok, NULL);
	ta_account("cy@rivet-nm.example", "member", rivet, cy_tok, &cy);
	staff = ts_signed_in(&srv, NULL, "sam.staff@nominations.test", PW);
	if (!staff || ts_org_admin(staff, quillon, ada) != 0 || ts_org_admin(staff, rivet, cy) != 0)
		return -1;
	ts_browser_free(staff);
	snprintf(path, sizeof path, "/api/v1/organizations/%lld", (long long)quillon);
	if (ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "ecosoc_status",
	    "special"))->status != 200)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ts_browser_free(plain);
	ts_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_opportunities),
		cmocka_unit_test(test_decide_and_export),
		cmocka_unit_test(test_page_form),
		cmocka_unit_test(test_staff_page),
		cmocka_unit_test(test_staff_page_pages),
		cmocka_unit_test(test_delegate_account),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("meetings_nominations", tests, setup, teardown);
}
