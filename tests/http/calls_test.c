/*
 * calls_test.c -- calls for participants (issue 15) through the API, as
 * staff and applicants meet them: staff writing and opening a call, who
 * sees it, applying (a draft, submitting, a second submission, withdrawing),
 * the server's rules (the closing time on the test clock, eligibility,
 * required answers, scores 0-5, no decision while the call is open), the
 * reviewers' scores and their spread, decisions in bulk with the mail they
 * send, a workshop's accepted applicants registered for its event, the
 * organization's history and the CSV.  Nothing is half-written on a
 * refusal.
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
#include <time.h>

#include <cmocka.h>

#include "lib/api.h"
#include "lib/people.h"
#include "lib/sqldirect.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

/* staff, a second reviewer, Ada (an admin of Quillon, an NGO in Kenya),
 * Bo (a member of Quillon, no admin), Pat (an applicant whose
 * organization's application is pending), Xe (an admin of Solen, an NGO
 * in Senegal) */
static char staff_tok[129], rev_tok[129], ada_tok[129], bo_tok[129], pat_tok[129],
    xe_tok[129];
static int64_t quillon, solen, ada_id, pat_id;

#define STAFF "sam.staff@calls.test"
#define REVIEWER "rev.staff@calls.test"
#define ADA "ada@quillon-calls.example"
#define BO "bo@quillon-calls.example"
#define PAT "pat@pending-calls.example"
#define XE "xe@solen-calls.example"
#define KIM "kim@expert-calls.example"
#define LOU "lou@focal-calls.example"

/* ---- helpers ------------------------------------------------------------ */

static void
tokens(void)
{
	assert_int_equal(ts_token(plain, STAFF, PW, staff_tok, 129), 0);
	assert_int_equal(ts_token(plain, REVIEWER, PW, rev_tok, 129), 0);
	assert_int_equal(ts_token(plain, ADA, PW, ada_tok, 129), 0);
	assert_int_equal(ts_token(plain, BO, PW, bo_tok, 129), 0);
	assert_int_equal(ts_token(plain, PAT, PW, pat_tok, 129), 0);
	assert_int_equal(ts_token(plain, XE, PW, xe_tok, 129), 0);
}

/* Moves the server's clock by s seconds; everyone's token made anew. */
static void
advance(long s)
{
	assert_int_equal(ts_clock_advance(plain, s), 200);
	tokens();
}

/* Unix seconds t as RFC 3339 UTC into out. */
static const char *
utc(int64_t t, char *out, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return out;
}

/* A call staff create from body (consumed; kind, title, timezone and
 * closes filled in when absent: an open workshop call closing in 2031,
 * with one required text question and two criteria); its id. */
static int64_t
call_made(json_t *body)
{
	const struct ts_res *r;
	json_t *j;
	int64_t id;

	if (!json_object_get(body, "kind"))
		json_object_set_new(body, "kind", json_string("workshop"));
	if (!json_object_get(body, "title"))
		json_object_set_new(body, "title", json_string("Call for a workshop"));
	if (!json_object_get(body, "timezone"))
		json_object_set_new(body, "timezone", json_string("Europe/Vienna"));
	if (!json_object_get(body, "closes"))
		json_object_set_new(body, "closes", json_string("2031-10-05T23:59"));
	if (!json_object_get(body, "status"))
		json_object_set_new(body, "status", json_string("open"));
	if (!json_object_get(body, "questions"))
		json_object_set_new(body, "questions", json_pack("[{s:s,s:s,s:s,s:b,s:i}]", "id",
		    "why", "label", "Why do you want to take part?", "type", "text", "required", 1,
		    "max_length", 500));
	if (!json_object_get(body, "criteria"))
		json_object_set_new(body, "criteria", json_pack("[{s:s,s:s,s:i},{s:s,s:s,s:i}]",
		    "id", "fit", "name", "Fit with the workshop", "weight", 3, "id", "reach",
		    "name", "Reach", "weight", 1));
	r = ta_api("POST", "/api/v1/calls", staff_tok, body);
	STATUS(r, 201);
	j = ts_jbody(r);
	id = ta_num(j, "id");
	json_decref(j);
	assert_true(id > 0);
	return id;
}

/* POST to call id's applications as token (body consumed); the answer. */
static const struct ts_res *
apply(int64_t id, const char *token, json_t *body)
{
	char path[96];

	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)id);
	return ta_api("POST", path, token, body);
}

/* An application submitted to call id as token (for organization org,
 * 0: themselves); its id. */
static int64_t
submitted(int64_t id, const char *token, int64_t org)
{
	json_t *b = json_pack("{s:s,s:{s:s}}", "status", "submitted", "answers", "why",
	    "We train investigators.");
	const struct ts_res *r;
	json_t *j;
	int64_t aid;

	if (org)
		json_object_set_new(b, "organization_id", json_integer(org));
	r = apply(id, token, b);
	STATUS(r, 201);
	j = ts_jbody(r);
	assert_string_equal(ta_str(j, "status"), "submitted");
	aid = ta_num(j, "id");
	json_decref(j);
	return aid;
}

/* Waits for mail to `to` whose subject is subject; its body has has. */
static void
mail_has(const char *to, const char *subject, const char *has)
{
	struct ts_mail m;

	assert_int_equal(ts_mail_wait(&sink, to, 20000, &m), 0);
	if (strcmp(m.subject, subject) != 0 || (has && !strstr(m.body, has)))
		printf("# mail to %s: %s\n# %.800s\n", to, m.subject, m.body);
	assert_string_equal(m.subject, subject);
	if (has)
		assert_non_null(strstr(m.body, has));
	ts_mail_free(&m);
}

/* Waits for the receipt `to` is mailed on submitting an application to the
 * call titled title. */
static void
receipt(const char *to, const char *title)
{
	mail_has(to, "We received your application", title);
}

/* ---- tests ---------------------------------------------------------------- */

/*
 * Staff write a call as a draft, which only staff see; opened, everyone
 * sees it, its times in its own zone, its questions and criteria as
 * written, and staff change it.
 */
static void
test_call_written_and_seen(void **state)
{
	json_t *j, *c;
	char path[64];
	int64_t id;

	(void)state;
	id = call_made(json_pack("{s:s,s:s,s:s,s:s,s:{s:[s,s],s:[s],s:b,s:s},s:i}", "title",
	    "Course cohort 2031", "kind", "course_cohort", "status", "draft", "opens",
	    "2031-03-01T09:00", "eligibility", "organization_kinds", "ngo", "academia",
	    "countries", "KE", "experts", 0, "audience", "open", "places", 30));
	snprintf(path, sizeof path, "/api/v1/calls/%lld", (long long)id);
	STATUS(ta_api("GET", path, NULL, NULL), 404);
	STATUS(ta_api("GET", path, ada_tok, NULL), 404);
	j = ta_get_json("/api/v1/calls?kind=course_cohort", NULL, 200);
	assert_int_equal(ta_num(j, "total"), 0);
	json_decref(j);
	j = ta_get_json("/api/v1/calls?kind=course_cohort", staff_tok, 200);
	assert_int_equal(ta_num(j, "total"), 1);
	json_decref(j);

	j = ta_get_json(path, staff_tok, 200);
	assert_string_equal(ta_str(j, "opens"), "2031-03-01T09:00:00+01:00");
	assert_string_equal(ta_str(j, "closes"), "2031-10-05T23:59:00+02:00");
	assert_string_equal(ta_str(j, "status"), "draft");
	assert_false(json_is_true(json_object_get(j, "accepting")));
	c = json_object_get(j, "criteria");
	assert_int_equal(json_array_size(c), 2);
	assert_int_equal(ta_num(json_array_get(c, 0), "weight"), 3);
	assert_int_equal(ta_num(json_array_get(json_object_get(j, "questions"), 0), "max_length"),
	    500);
	assert_false(json_is_true(json_object_get(json_object_get(j, "eligibility"),
	    "experts")));
	json_decref(j);

	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:s,s:s}", "status", "open", "title",
	    "Course cohort 2031 (second intake)")), 200);
	j = ta_get_json(path, NULL, 200);
	assert_string_equal(ta_str(j, "title"), "Course cohort 2031 (second intake)");
	assert_string_equal(ta_str(j, "status"), "open");
	/* it opens in March 2031: not yet */
	assert_false(json_is_true(json_object_get(j, "accepting")));
	assert_true(json_is_null(json_object_get(j, "application")));
	json_decref(j);
	/* not staff's to change for others */
	STATUS(ta_api("PATCH", path, ada_tok, json_pack("{s:s}", "title", "Taken over")), 403);
	STATUS(ta_api("POST", "/api/v1/calls", ada_tok, json_pack("{s:s}", "title", "Mine")), 403);
	STATUS(ta_api("POST", "/api/v1/calls", NULL, json_pack("{s:s}", "title", "Mine")), 401);
}

/* Each refusal names its field and writes nothing. */
static void
test_bad_call(void **state)
{
	static const struct {
		const char *json;	/* laid over a good call */
		const char *field;
	} bad[] = {
		{ "{\"closes\":\"2031-02-01T09:00\",\"opens\":\"2031-03-01T09:00\"}", "closes" },
		{ "{\"closes\":\"soon\"}", "closes" },
		{ "{\"closes\":\"2031-03-30T02:30\"}", "closes" },	/* the clocks skip it */
		{ "{\"timezone\":\"Mars/Olympus\"}", "timezone" },
		{ "{\"kind\":\"party\"}", "kind" },
		{ "{\"places\":0}", "places" },
		{ "{\"eligibility\":{\"countries\":[\"XX\"]}}", "eligibility" },
		{ "{\"eligibility\":{\"organization_kinds\":[\"cartel\"]}}", "eligibility" },
		{ "{\"eligibility\":{\"audience\":\"friends\"}}", "eligibility" },
		{ "{\"eligibility\":[1]}", "eligibility" },
		{ "{\"criteria\":[{\"name\":\"Fit\",\"weight\":0}]}", "criteria" },
		{ "{\"criteria\":[{\"name\":\"Fit\",\"weight\":101}]}", "criteria" },
		{ "{\"criteria\":[{\"id\":\"a\",\"name\":\"A\"},{\"id\":\"a\",\"name\":\"B\"}]}",
		    "criteria" },
		{ "{\"questions\":[{\"label\":\"Why?\",\"type\":\"essay\"}]}", "questions" },
		{ "{\"questions\":[{\"label\":\"Why?\",\"type\":\"text\",\"max_length\":0}]}",
		    "questions" },
		{ "{\"questions\":[{\"label\":\"Ok?\",\"type\":\"yes_no\",\"max_length\":5}]}",
		    "questions" },
		{ "{\"event_id\":999999}", "event_id" },
		{ "{\"title\":\"\"}", "title" },
	};
	int64_t before = ta_total("/api/v1/calls", staff_tok);
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		json_t *b = json_pack("{s:s,s:s,s:s,s:s}", "kind", "workshop", "title", "A call",
		    "timezone", "Europe/Vienna", "closes", "2031-10-05T23:59");
		json_t *over = json_loads(bad[i].json, 0, NULL), *j, *errs;
		const struct ts_res *r;

		assert_non_null(over);
		json_object_update(b, over);
		json_decref(over);
		r = ta_api("POST", "/api/v1/calls", staff_tok, b);
		STATUS(r, 422);
		j = ts_jbody(r);
		errs = json_object_get(j, "errors");
		if (!json_object_get(errs, bad[i].field))
			printf("# %s: %s\n", bad[i].json, r->body);
		assert_non_null(json_object_get(errs, bad[i].field));
		json_decref(j);
	}
	assert_int_equal(ta_total("/api/v1/calls", staff_tok), before);
}

/*
 * An applicant whose organization's application is still pending answers
 * an open call: a draft that leaves a required question, then submitted
 * once it is answered; submitting again gives back the first; withdrawn;
 * applying again makes it anew.  They see only their own; a draft is
 * deleted.
 */
static void
test_apply_draft_submit_withdraw(void **state)
{
	const struct ts_res *r;
	json_t *j;
	char path[128];
	int64_t id, aid, again;

	(void)state;
	/* Pat's organization applies to join: pending */
	r = ta_api("POST", "/api/v1/applications", pat_tok, json_pack("{s:{s:s,s:s,s:s,s:s,s:[s]},"
	    "s:{s:s,s:s},s:b}", "organization", "name", "Pending Pines Collective", "kind",
	    "ngo", "country", "GH", "description", "A group still waiting for review.",
	    "themes", "corruption", "contact", "name", "Pat", "email", PAT, "consent", 1));
	STATUS(r, 201);
	id = call_made(json_pack("{s:s}", "title", "Workshop on asset recovery"));
	r = apply(id, pat_tok, json_pack("{s:{s:s}}", "answers", "why", ""));
	STATUS(r, 201);
	j = ts_jbody(r);
	assert_string_equal(ta_str(j, "status"), "draft");
	assert_true(json_is_null(json_object_get(j, "submitted_at")));
	aid = ta_num(j, "id");
	json_decref(j);
	/* submitting without the answer: 422 naming it, still a draft */
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld", (long long)id,
	    (long long)aid);
	r = ta_api("PATCH", path, pat_tok, json_pack("{s:s}", "status", "submitted"));
	STATUS(r, 422);
	HAS(r, "answers.why");
	HAS(r, "This question needs an answer.");
	j = ta_get_json(path, pat_tok, 200);
	assert_string_equal(ta_str(j, "status"), "draft");
	json_decref(j);
	/* too long for the question's limit of 500 */
	{
		char longer[600];

		memset(longer, 'x', 501);
		longer[501] = '\0';
		r = ta_api("PATCH", path, pat_tok, json_pack("{s:s,s:{s:s}}", "status", "submitted",
		    "answers", "why", longer));
		STATUS(r, 422);
		HAS(r, "at most 500 characters");
	}
	r = ta_api("PATCH", path, pat_tok, json_pack("{s:s,s:{s:s}}", "status", "submitted",
	    "answers", "why", "To learn tracing."));
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_string_equal(ta_str(j, "status"), "submitted");
	assert_true(json_is_string(json_object_get(j, "submitted_at")));
	assert_string_equal(ta_str(json_object_get(j, "answers"), "why"), "To learn tracing.");
	json_decref(j);
	/* the receipt names the call and when it closes, in its zone */
	{
		struct ts_mail m;

		assert_int_equal(ts_mail_wait(&sink, PAT, 20000, &m), 0);
		if (strcmp(m.subject, "We received your application") != 0)
			printf("# mail to %s: %s\n# %.800s\n", PAT, m.subject, m.body);
		assert_string_equal(m.subject, "We received your application");
		assert_non_null(strstr(m.body, "“Workshop on asset recovery”"));
		assert_non_null(strstr(m.body, "2031-10-05T23:59:00+02:00 (Europe/Vienna)"));
		ts_mail_free(&m);
	}
	r = apply(id, pat_tok, json_pack("{s:s,s:{s:s}}", "status", "submitted", "answers", "why",
	    "Something else."));
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_int_equal(ta_num(j, "id"), aid);
	assert_string_equal(ta_str(json_object_get(j, "answers"), "why"), "To learn tracing.");
	json_decref(j);
	STATUS(ta_api("PATCH", path, pat_tok, json_pack("{s:s}", "status", "submitted")), 200);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)id);
	assert_int_equal(ta_total(path, staff_tok), 1);
	/* the call says it is theirs */
	snprintf(path, sizeof path, "/api/v1/calls/%lld", (long long)id);
	j = ta_get_json(path, pat_tok, 200);
	assert_int_equal(ta_num(json_object_get(j, "application"), "id"), aid);
	assert_int_equal(ta_num(j, "submitted"), 1);
	json_decref(j);
	/* a submitted application is not changed, only withdrawn */
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld", (long long)id,
	    (long long)aid);
	STATUS(ta_api("PATCH", path, pat_tok, json_pack("{s:{s:s}}", "answers", "why", "New")),
	    409);
	/* nobody else's to read or change, staff's to read only */
	STATUS(ta_api("GET", path, ada_tok, NULL), 404);
	STATUS(ta_api("PATCH", path, ada_tok, json_pack("{s:s}", "status", "withdrawn")), 404);
	STATUS(ta_api("DELETE", path, ada_tok, NULL), 404);
	STATUS(ta_api("GET", path, staff_tok, NULL), 200);
	STATUS(ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "status", "withdrawn")), 403);
	r = ta_api("DELETE", path, pat_tok, NULL);
	STATUS(r, 200);
	HAS(r, "\"withdrawn\"");
	/* applying again makes it anew, the same row */
	r = apply(id, pat_tok, json_pack("{s:s,s:{s:s}}", "status", "submitted", "answers", "why",
	    "Second thoughts."));
	STATUS(r, 201);
	j = ts_jbody(r);
	again = ta_num(j, "id");
	assert_int_equal(again, aid);
	assert_string_equal(ta_str(j, "status"), "submitted");
	json_decref(j);
	/* each sees their own only */
	(void)submitted(id, bo_tok, 0);
	/* submitting anew after withdrawing is a receipt again; returning the
	 * one submitted, or saving a draft, is none */
	receipt(PAT, "Workshop on asset recovery");
	receipt(BO, "Workshop on asset recovery");
	assert_int_equal(ts_mail_count(&sink, PAT), 0);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)id);
	j = ta_get_json(path, pat_tok, 200);
	assert_int_equal(ta_num(j, "total"), 1);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	assert_int_equal(ta_num(json_array_get(json_object_get(j, "items"), 0), "user_id"), pat_id);
	/* reviewers' scores are not the applicant's to see */
	assert_int_equal(json_array_size(json_object_get(json_array_get(json_object_get(j,
	    "items"), 0), "scores")), 0);
	json_decref(j);
	assert_int_equal(ta_total(path, staff_tok), 2);
	/* a draft deleted is gone */
	id = call_made(json_pack("{s:s}", "title", "Roster of experts"));
	r = apply(id, ada_tok, json_pack("{}"));
	STATUS(r, 201);
	j = ts_jbody(r);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld", (long long)id,
	    (long long)ta_num(j, "id"));
	json_decref(j);
	STATUS(ta_api("DELETE", path, ada_tok, NULL), 204);
	STATUS(ta_api("GET", path, ada_tok, NULL), 404);
}

/* Submitting after the closing time (on the test clock) is a 409 naming
 * it in the call's zone; so is saving a draft.  Nothing is written. */
static void
test_closed_after_closes(void **state)
{
	char closes[40], path[128];
	const struct ts_res *r;
	json_t *j;
	int64_t id, aid, now = ta_now();

	(void)state;
	utc(now + 3600, closes, sizeof closes);
	id = call_made(json_pack("{s:s,s:s,s:s}", "title", "Closing soon", "closes", closes,
	    "timezone", "UTC"));
	r = apply(id, xe_tok, json_pack("{s:{s:s}}", "answers", "why", "Draft for later."));
	STATUS(r, 201);
	j = ts_jbody(r);
	aid = ta_num(j, "id");
	json_decref(j);
	advance(7200);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld", (long long)id,
	    (long long)aid);
	r = ta_api("PATCH", path, xe_tok, json_pack("{s:s}", "status", "submitted"));
	STATUS(r, 409);
	utc(now + 3600, closes, sizeof closes);
	closes[19] = '\0';	/* 2031-...T..:..:.. then +00:00 */
	HAS(r, "Applications closed at");
	HAS(r, closes);
	r = apply(id, ada_tok, json_pack("{s:s,s:{s:s}}", "status", "submitted", "answers", "why",
	    "Too late."));
	STATUS(r, 409);
	HAS(r, closes);
	j = ta_get_json(path, xe_tok, 200);
	assert_string_equal(ta_str(j, "status"), "draft");
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)id);
	assert_int_equal(ta_total(path, staff_tok), 0);
	snprintf(path, sizeof path, "/api/v1/calls/%lld", (long long)id);
	j = ta_get_json(path, NULL, 200);
	assert_false(json_is_true(json_object_get(j, "accepting")));
	json_decref(j);
}

/*
 * Eligibility is checked on submit, each refusal a 403 naming the rule:
 * members only, organizations only, kinds, countries, regions; and only an
 * organization's admin applies for it.  Nothing is written.
 */
static void
test_eligibility(void **state)
{
	const struct ts_res *r;
	char path[96];
	int64_t id;

	(void)state;
	id = call_made(json_pack("{s:s,s:{s:s}}", "title", "Members only", "eligibility",
	    "audience", "members"));
	r = apply(id, pat_tok, json_pack("{s:s,s:{s:s}}", "status", "submitted", "answers",
	    "why", "Please."));
	STATUS(r, 403);
	HAS(r, "for members of the hub");
	(void)submitted(id, bo_tok, 0);
	receipt(BO, "Members only");

	id = call_made(json_pack("{s:s,s:{s:b}}", "title", "Organizations only", "eligibility",
	    "experts", 0));
	r = apply(id, ada_tok, json_pack("{s:s,s:{s:s}}", "status", "submitted", "answers",
	    "why", "Myself."));
	STATUS(r, 403);
	HAS(r, "This call is for organizations");
	/* Bo is one of Quillon's people, not an admin */
	r = apply(id, bo_tok, json_pack("{s:s,s:I,s:{s:s}}", "status", "submitted",
	    "organization_id", (json_int_t)quillon, "answers", "why", "For Quillon."));
	STATUS(r, 403);
	HAS(r, "an organization you are an admin of");
	(void)submitted(id, ada_tok, quillon);
	receipt(ADA, "Organizations only");

	id = call_made(json_pack("{s:s,s:{s:[s]}}", "title", "Universities", "eligibility",
	    "organization_kinds", "academia"));
	r = apply(id, ada_tok, json_pack("{s:s,s:I,s:{s:s}}", "status", "submitted",
	    "organization_id", (json_int_t)quillon, "answers", "why", "We teach too."));
	STATUS(r, 403);
	HAS(r, "kinds of organization: academia");

	id = call_made(json_pack("{s:s,s:{s:[s]}}", "title", "Kenya pilot", "eligibility",
	    "countries", "KE"));
	r = apply(id, xe_tok, json_pack("{s:s,s:I,s:{s:s}}", "status", "submitted",
	    "organization_id", (json_int_t)solen, "answers", "why", "From Dakar."));
	STATUS(r, 403);
	HAS(r, "countries: KE");
	(void)submitted(id, ada_tok, quillon);
	receipt(ADA, "Kenya pilot");

	/* Western Africa (011) takes Senegal, not Kenya */
	id = call_made(json_pack("{s:s,s:{s:[s]}}", "title", "West Africa dialogue",
	    "eligibility", "regions", "011"));
	r = apply(id, ada_tok, json_pack("{s:s,s:I,s:{s:s}}", "status", "submitted",
	    "organization_id", (json_int_t)quillon, "answers", "why", "From Nairobi."));
	STATUS(r, 403);
	HAS(r, "UN regions: 011");
	(void)submitted(id, xe_tok, solen);
	receipt(XE, "West Africa dialogue");
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)id);
	assert_int_equal(ta_total(path, staff_tok), 1);
}

/*
 * A person applying for themselves is held to a call's countries and
 * regions through their own country: their expert profile's, else their
 * account's (a focal point's); with neither they are refused too.  Each
 * refusal a 403 naming the rule, with nothing written; a draft is kept.
 */
static void
test_eligibility_own_country(void **state)
{
	char kim_tok[129], lou_tok[129], path[96];
	const struct ts_res *r;
	int64_t kim, lou, kenya, west;

	(void)state;
	kim = ts_person_add(db_url, KIM, "Kim Expert", "member", 0, PW);
	lou = ts_person_add(db_url, LOU, "Lou Focal", "member", 0, PW);
	assert_true(kim > 0 && lou > 0);
	assert_int_equal(ts_token(plain, KIM, PW, kim_tok, 129), 0);
	assert_int_equal(ts_token(plain, LOU, PW, lou_tok, 129), 0);
	kenya = call_made(json_pack("{s:s,s:{s:[s]}}", "title", "Kenyan experts",
	    "eligibility", "countries", "KE"));
	west = call_made(json_pack("{s:s,s:{s:[s]}}", "title", "West African experts",
	    "eligibility", "regions", "011"));

	/* no country of their own: refused, by name of the rule */
	r = apply(kenya, kim_tok, json_pack("{s:s,s:{s:s}}", "status", "submitted", "answers",
	    "why", "I work on Kenya."));
	STATUS(r, 403);
	HAS(r, "people from these countries: KE");
	r = apply(west, lou_tok, json_pack("{s:s,s:{s:s}}", "status", "submitted", "answers",
	    "why", "From Accra."));
	STATUS(r, 403);
	HAS(r, "people in these UN regions: 011");
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)kenya);
	assert_int_equal(ta_total(path, staff_tok), 0);

	/* Kim's expert profile says Senegal: Western Africa, not Kenya */
	ts_sql_int("INSERT INTO experts (user_id, status, name, country, created_at, "
	    "updated_at) VALUES (%lld, 'approved', 'Kim Expert', 'SN', 1, 1)", (long long)kim);
	r = apply(kenya, kim_tok, json_pack("{s:s,s:{s:s}}", "status", "submitted", "answers",
	    "why", "I work on Kenya."));
	STATUS(r, 403);
	HAS(r, "people from these countries: KE");
	/* a draft is still theirs to keep */
	r = apply(kenya, kim_tok, json_pack("{s:s,s:{s:s}}", "status", "draft", "answers",
	    "why", "I work on Kenya."));
	STATUS(r, 201);
	(void)submitted(west, kim_tok, 0);

	/* Lou has no profile; their account's country (Ghana) counts */
	ts_sql_int("UPDATE users SET country = 'GH' WHERE id = %lld", (long long)lou);
	r = apply(kenya, lou_tok, json_pack("{s:s,s:{s:s}}", "status", "submitted", "answers",
	    "why", "From Accra."));
	STATUS(r, 403);
	(void)submitted(west, lou_tok, 0);
	/* the profile's country comes first */
	ts_sql_int("INSERT INTO experts (user_id, status, name, country, created_at, "
	    "updated_at) VALUES (%lld, 'approved', 'Lou Focal', 'KE', 1, 1)", (long long)lou);
	(void)submitted(kenya, lou_tok, 0);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)west);
	assert_int_equal(ta_total(path, staff_tok), 2);
}

/*
 * Two reviewers score each application against the criteria; the list
 * sorts by the weighted mean and shows the spread; a score outside 0-5, or
 * a criterion left out, is a 422 that writes nothing.  Decisions wait for
 * the call to close (409); then accept, waitlist and decline in bulk, each
 * applicant mailed, the accepted registered for the workshop's event and
 * in their organization's history; the places are kept; the CSV has them.
 */
static void
test_review_and_decide(void **state)
{
	char closes[40], path[160];
	const struct ts_res *r;
	json_t *j, *items, *first;
	int64_t id, ev, a_ada, a_bo, a_xe, a_pat;

	(void)state;
	r = ta_api("POST", "/api/v1/events", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:i}",
	    "kind", "workshop", "title", "Tracing assets workshop", "timezone", "Europe/Vienna",
	    "start", "2031-11-10T09:00", "end", "2031-11-12T17:00", "status", "published",
	    "capacity", 10));
	STATUS(r, 201);
	j = ts_jbody(r);
	ev = ta_num(j, "id");
	json_decref(j);
	utc(ta_now() + 1800, closes, sizeof closes);
	id = call_made(json_pack("{s:s,s:s,s:s,s:I,s:i}", "title", "Participants for tracing",
	    "closes", closes, "timezone", "Africa/Nairobi", "event_id", (json_int_t)ev,
	    "places", 1));
	a_ada = submitted(id, ada_tok, quillon);
	a_bo = submitted(id, bo_tok, 0);
	a_xe = submitted(id, xe_tok, solen);
	a_pat = submitted(id, pat_tok, 0);
	receipt(ADA, "Participants for tracing");
	receipt(BO, "Participants for tracing");
	receipt(XE, "Participants for tracing");
	receipt(PAT, "Participants for tracing");

	/* scores: Xe's best on average, Bo's most disputed */
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld/scores",
	    (long long)id, (long long)a_xe);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:{s:i,s:i},s:s}", "scores", "fit", 5,
	    "reach", 5, "comment", "Strong.")), 200);
	STATUS(ta_api("POST", path, rev_tok, json_pack("{s:{s:i,s:i}}", "scores", "fit", 4,
	    "reach", 4)), 200);
	r = ta_api("POST", path, rev_tok, json_pack("{s:{s:i,s:i}}", "scores", "fit", 6, "reach",
	    4));
	STATUS(r, 422);
	HAS(r, "scores.fit");
	r = ta_api("POST", path, rev_tok, json_pack("{s:{s:i,s:i}}", "scores", "fit", -1, "reach",
	    4));
	STATUS(r, 422);
	r = ta_api("POST", path, rev_tok, json_pack("{s:{s:i}}", "scores", "fit", 3));
	STATUS(r, 422);
	HAS(r, "scores.reach");
	STATUS(ta_api("POST", path, ada_tok, json_pack("{s:{s:i,s:i}}", "scores", "fit", 5, "reach",
	    5)), 403);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/%lld/scores",
	    (long long)id, (long long)a_bo);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:{s:i,s:i}}", "scores", "fit", 5,
	    "reach", 1)), 200);
	r = ta_api("POST", path, rev_tok, json_pack("{s:{s:i,s:i},s:s}", "scores", "fit", 1,
	    "reach", 1, "comment", "Not convinced."));
	STATUS(r, 200);
	j = ts_jbody(r);
	/* (5x3+1)/4 = 4, 1: mean 2.5, spread 3 */
	assert_true(json_real_value(json_object_get(json_object_get(j, "score"), "mean")) ==
	    2.5);
	assert_true(json_real_value(json_object_get(json_object_get(j, "score"), "spread")) ==
	    3.0);
	assert_int_equal(json_array_size(json_object_get(j, "scores")), 2);
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications?sort=score", (long long)id);
	j = ta_get_json(path, staff_tok, 200);
	items = json_object_get(j, "items");
	assert_int_equal(json_array_size(items), 4);
	first = json_array_get(items, 0);
	assert_int_equal(ta_num(first, "id"), a_xe);
	assert_true(json_real_value(json_object_get(json_object_get(first, "score"), "mean")) ==
	    4.5);
	assert_true(json_real_value(json_object_get(json_object_get(first, "score"), "spread")) ==
	    1.0);
	assert_int_equal(ta_num(json_array_get(items, 1), "id"), a_bo);
	assert_true(json_is_null(json_object_get(json_array_get(items, 3), "score")));
	assert_int_equal(ta_num(json_object_get(json_object_get(j, "facets"), "status"),
	    "submitted"), 4);
	json_decref(j);

	/* no decision while the call is open */
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/decisions", (long long)id);
	r = ta_api("POST", path, staff_tok, json_pack("{s:[I],s:s}", "ids", (json_int_t)a_xe,
	    "decision", "accept"));
	STATUS(r, 409);
	HAS(r, "still open");
	r = ta_api("POST", path, staff_tok, json_pack("{s:[],s:s}", "ids", "decision", "accept"));
	STATUS(r, 422);
	r = ta_api("POST", path, staff_tok, json_pack("{s:[I],s:s}", "ids", (json_int_t)a_xe,
	    "decision", "maybe"));
	STATUS(r, 422);
	advance(3600);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/decisions", (long long)id);
	/* one place: Xe's taken, Ada's refused for want of one */
	r = ta_api("POST", path, staff_tok, json_pack("{s:[I,I,I],s:s}", "ids", (json_int_t)a_xe,
	    (json_int_t)a_ada, (json_int_t)999999, "decision", "accept"));
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_int_equal(ta_num(j, "succeeded"), 1);
	assert_int_equal(ta_num(j, "refused"), 2);
	assert_string_equal(ta_str(json_array_get(json_object_get(j, "results"), 0), "status"),
	    "accepted");
	assert_string_equal(ta_str(json_array_get(json_object_get(j, "results"), 1), "reason"),
	    "Every place of this call is taken.");
	json_decref(j);
	r = ta_api("POST", path, staff_tok, json_pack("{s:[I,I],s:s}", "ids", (json_int_t)a_ada,
	    (json_int_t)a_bo, "decision", "waitlist"));
	STATUS(r, 200);
	HAS(r, "\"succeeded\":2");
	r = ta_api("POST", path, staff_tok, json_pack("{s:[I],s:s,s:s}", "ids", (json_int_t)a_pat,
	    "decision", "decline", "reason", "We look forward to your next application."));
	STATUS(r, 200);
	/* deciding the same again changes nothing and mails nobody */
	r = ta_api("POST", path, staff_tok, json_pack("{s:[I],s:s}", "ids", (json_int_t)a_xe,
	    "decision", "accept"));
	STATUS(r, 200);
	HAS(r, "\"succeeded\":1");
	STATUS(ta_api("POST", path, ada_tok, json_pack("{s:[I],s:s}", "ids", (json_int_t)a_xe,
	    "decision", "decline")), 403);

	/* two mails to Xe, sent by the jobs in either order */
	{
		struct ts_mail m1, m2;
		const struct ts_mail *place, *accepted;

		assert_int_equal(ts_mail_wait(&sink, XE, 20000, &m1), 0);
		assert_int_equal(ts_mail_wait(&sink, XE, 20000, &m2), 0);
		place = strcmp(m1.subject, "Your place is confirmed") == 0 ? &m1 : &m2;
		accepted = place == &m1 ? &m2 : &m1;
		if (strcmp(place->subject, "Your place is confirmed") != 0 ||
		    strcmp(accepted->subject, "Your application is accepted") != 0)
			printf("# mail to %s: %s; %s\n", XE, m1.subject, m2.subject);
		assert_string_equal(place->subject, "Your place is confirmed");
		assert_non_null(strstr(place->body, "Tracing assets workshop"));
		assert_string_equal(accepted->subject, "Your application is accepted");
		assert_non_null(strstr(accepted->body, "Participants for tracing"));
		ts_mail_free(&m1);
		ts_mail_free(&m2);
	}
	mail_has(ADA, "Your application is on the waiting list", NULL);
	mail_has(BO, "Your application is on the waiting list", NULL);
	mail_has(PAT, "About your application", "next application");
	assert_int_equal(ts_mail_count(&sink, XE), 0);

	/* Xe is registered for the event, counting for Solen */
	snprintf(path, sizeof path, "/api/v1/events/%lld/registrations", (long long)ev);
	j = ta_get_json(path, xe_tok, 200);
	assert_int_equal(ta_num(j, "total"), 1);
	assert_string_equal(ta_str(json_array_get(json_object_get(j, "items"), 0), "status"),
	    "confirmed");
	assert_int_equal(ta_num(json_array_get(json_object_get(j, "items"), 0), "organization_id"),
	    solen);
	json_decref(j);
	/* and Solen's history says it was accepted */
	assert_int_equal(ts_token(plain, STAFF, PW, staff_tok, 129), 0);
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/history", (long long)solen);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "call.accepted");
	HAS(r, "Participants for tracing");
	/* the CSV, best score first */
	{
		struct ts_browser *b = ts_signed_in(&srv, NULL, STAFF, PW);
		const char *xe, *bo;

		assert_non_null(b);
		snprintf(path, sizeof path, "/staff/calls/%lld/applications.csv", (long long)id);
		r = ts_get(b, path);
		STATUS(r, 200);
		assert_non_null(strstr(ts_header(r, "Content-Type"), "text/csv"));
		HAS(r, "name,email,organization,country,status,submitted_at,decided_at,score,"
		    "spread,reviewers,Why do you want to take part?");
		HAS(r, "Solen Study Centre,SN,accepted");
		HAS(r, ",4.50,1.00,2,");
		xe = strstr(r->body, XE);
		bo = strstr(r->body, BO);
		assert_true(xe && bo && xe < bo);
		STATUS(ts_get(plain, path), 303);
		ts_browser_free(b);
	}
}

/*
 * The pages, without JavaScript: a visitor sees the open call and is asked
 * to sign in; Pat sends the form without the required answer (the page
 * again, 422, the message by the question and what was typed kept), then
 * saves a draft, which the page shows again, then submits and withdraws.
 * Staff's page lists the applications with their answers; a scoring form
 * and a decision while the call is open (refused, the page says why).
 */
static void
test_pages(void **state)
{
	struct ts_browser *pat = ts_signed_in(&srv, "127.0.0.41", PAT, PW);
	struct ts_browser *staff = ts_signed_in(&srv, "127.0.0.42", STAFF, PW);
	const struct ts_res *r;
	char path[128], field[64];
	int64_t id;

	(void)state;
	assert_non_null(pat);
	assert_non_null(staff);
	id = call_made(json_pack("{s:s,s:s,s:s}", "title", "Roster of anti-corruption trainers",
	    "kind", "expert_roster", "description", "Trainers who **teach** integrity."));
	r = ts_get(plain, "/calls?status=open");
	STATUS(r, 200);
	HAS(r, "Roster of anti-corruption trainers");
	snprintf(path, sizeof path, "/calls/%lld", (long long)id);
	r = ts_get(plain, path);
	STATUS(r, 200);
	HAS(r, "<strong>teach</strong>");
	HAS(r, "Sign in to apply");
	LACKS(r, "answers.why");

	r = ts_get(pat, path);
	STATUS(r, 200);
	HAS(r, "name=\"answers.why\"");
	snprintf(path, sizeof path, "/calls/%lld/apply", (long long)id);
	r = ts_form(pat, path, "answers.why", "", "status", "submitted", (char *)NULL);
	STATUS(r, 422);
	HAS(r, "This question needs an answer.");
	HAS(r, "aria-invalid=\"true\"");
	r = ts_form(pat, path, "answers.why", "Kept & typed <here>", "status", "submitted",
	    "organization_id", "999999", (char *)NULL);
	STATUS(r, 403);
	HAS(r, "Kept &amp; typed &lt;here&gt;");
	HAS(r, "an organization you are an admin of");
	r = ts_form(pat, path, "answers.why", "A first thought", "status", "draft", (char *)NULL);
	STATUS(r, 303);
	snprintf(path, sizeof path, "/calls/%lld", (long long)id);
	r = ts_get(pat, path);
	HAS(r, "A first thought");
	HAS(r, "Your application: Draft");
	snprintf(path, sizeof path, "/calls/%lld/apply", (long long)id);
	r = ts_form(pat, path, "answers.why", "Twelve years of teaching", "status", "submitted",
	    (char *)NULL);
	STATUS(r, 303);
	snprintf(path, sizeof path, "/calls/%lld", (long long)id);
	r = ts_get(pat, path);
	HAS(r, "Your application: Submitted");
	LACKS(r, "name=\"answers.why\"");

	/* staff's page: the application, its answer, a scoring form */
	snprintf(path, sizeof path, "/staff/calls/%lld/applications", (long long)id);
	r = ts_get(staff, path);
	STATUS(r, 200);
	HAS(r, "Pat Pending");
	HAS(r, "Twelve years of teaching");
	HAS(r, "Not scored");
	STATUS(ts_get(pat, path), 403);
	/* its JSON twin: the list with the call */
	{
		json_t *j;

		snprintf(path, sizeof path, "/api/v1/staff/calls/%lld/applications", (long long)id);
		j = ta_get_json(path, staff_tok, 200);
		assert_int_equal(ta_num(j, "total"), 1);
		assert_string_equal(ta_str(json_object_get(j, "call"), "title"),
		    "Roster of anti-corruption trainers");
		json_decref(j);
		STATUS(ta_api("GET", path, pat_tok, NULL), 403);
		snprintf(path, sizeof path, "/staff/calls/%lld/applications", (long long)id);
	}
	{
		json_t *j = ta_get_json("/api/v1/calls?kind=expert_roster", staff_tok, 200);
		int64_t aid;
		char body[64];

		json_decref(j);
		snprintf(body, sizeof body, "/api/v1/calls/%lld/applications", (long long)id);
		j = ta_get_json(body, pat_tok, 200);
		aid = ta_num(json_array_get(json_object_get(j, "items"), 0), "id");
		json_decref(j);
		snprintf(path, sizeof path, "/staff/calls/%lld/applications/%lld/scores",
		    (long long)id, (long long)aid);
		snprintf(field, sizeof field, "scores.fit");
		r = ts_form(staff, path, field, "4", "scores.reach", "2", "comment", "Solid.",
		    (char *)NULL);
		STATUS(r, 303);
		r = ts_form(staff, path, field, "9", "scores.reach", "2", (char *)NULL);
		STATUS(r, 422);
		HAS(r, "Some fields need your attention.");
		snprintf(path, sizeof path, "/staff/calls/%lld/applications", (long long)id);
		r = ts_get(staff, path);
		HAS(r, "3.50");
		HAS(r, "Solid.");
		snprintf(body, sizeof body, "%lld", (long long)aid);
		r = ts_form(staff, path, "ids", body, "decision", "accept", (char *)NULL);
		STATUS(r, 422);
		HAS(r, "This call is still open");
	}
	snprintf(path, sizeof path, "/calls/%lld/withdraw", (long long)id);
	STATUS(ts_form(pat, path, (char *)NULL), 303);
	snprintf(path, sizeof path, "/calls/%lld", (long long)id);
	r = ts_get(pat, path);
	HAS(r, "Your application: Withdrawn");
	ts_browser_free(pat);
	ts_browser_free(staff);
}

/* ---- set-up ---------------------------------------------------------------- */

static int
setup(void **state)
{
	struct ts_browser *staff;
	int64_t xe_id;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	ts_db_open(db_url);
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	quillon = ts_org_import(db_url, "Quillon Training Trust", "KE", "info@quillon-calls.example",
	    NULL);
	solen = ts_org_import(db_url, "Solen Study Centre", "SN", "info@solen-calls.example", NULL);
	if (quillon <= 0 || solen <= 0 ||
	    ts_person_add(db_url, STAFF, "Sam Staff", "staff", 0, PW) <= 0 ||
	    ts_person_add(db_url, REVIEWER, "Rev Staff", "staff", 0, PW) <= 0 ||
	    (ada_id = ts_person_add(db_url, ADA, "Ada Quillon", "member", quillon, PW)) <= 0 ||
	    ts_person_add(db_url, BO, "Bo Quillon", "member", quillon, PW) <= 0 ||
	    (pat_id = ts_person_add(db_url, PAT, "Pat Pending", "applicant", 0, PW)) <= 0 ||
	    (xe_id = ts_person_add(db_url, XE, "Xe Solen", "member", solen, PW)) <= 0)
		return -1;
	staff = ts_signed_in(&srv, NULL, STAFF, PW);
	if (!staff || ts_org_admin(staff, quillon, ada_id) != 0 ||
	    ts_org_admin(staff, solen, xe_id) != 0)
		return -1;
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
		cmocka_unit_test(test_call_written_and_seen),
		cmocka_unit_test(test_bad_call),
		cmocka_unit_test(test_apply_draft_submit_withdraw),
		cmocka_unit_test(test_closed_after_closes),
		cmocka_unit_test(test_eligibility),
		cmocka_unit_test(test_eligibility_own_country),
		cmocka_unit_test(test_review_and_decide),
		cmocka_unit_test(test_pages),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("calls", tests, setup, teardown);
}
