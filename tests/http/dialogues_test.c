/*
 * dialogues_test.c -- the constructive dialogues of the Review Mechanism
 * (issue 17), end to end through the API and the pages, as staff, the
 * applicants, a visitor and a focal point meet them: a dialogue on a
 * working group's session with its two events, its call and the countries
 * under review; the applications and the Extended Bureau's decision made
 * as the call's (approved, not_approved), with the balance by region,
 * kind and gender and whether an applicant is from a country under
 * review; registration for the dialogue's events by approved participants
 * only; written inputs (text and a file) until they close; the summary
 * published once, the members mailed, and listed at the working group's
 * next session; bad input refused with the field or the rule named and
 * nothing written; the staff form without JavaScript; the page in French.
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
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

/* staff; Ada (an admin of Quillon, KE), Bo (an admin of Ndovu, NG), Di
 * (an approved expert, of no organization), Eve (a member of none), Fe (a
 * state focal point) */
static char staff_tok[129], ada_tok[129], bo_tok[129], di_tok[129], eve_tok[129],
    fe_tok[129];
static int64_t quillon, ndovu, ada_id, bo_id, di_id;

static int64_t
session_made(const char *body, const char *wg, int number, const char *start,
    const char *end)
{
	json_t *b = json_pack("{s:s,s:i,s:s,s:s,s:s,s:s,s:s}", "body", body, "number", number,
	    "title", "A session", "timezone", "Europe/Vienna", "start", start, "end", end,
	    "status", "published");

	if (wg)
		json_object_set_new(b, "working_group", json_string(wg));
	return ta_made("/api/v1/meetings", staff_tok, b);
}

static int64_t
event_made(const char *title, const char *start, const char *end)
{
	return ta_made("/api/v1/events", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s}", "kind",
	    "workshop", "title", title, "timezone", "Europe/Vienna", "start", start, "end", end,
	    "status", "published"));
}

static int64_t
call_made(const char *closes)
{
	return ta_made("/api/v1/calls", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s,s:[{s:s,s:s,"
	    "s:s,s:b},{s:s,s:s,s:s,s:b,s:[s,s,s,s]}],s:[{s:s,s:s},{s:s,s:s}]}",
	    "kind", "dialogue", "title", "Constructive dialogue on firearms: participants",
	    "timezone", "Europe/Vienna", "closes", closes, "status", "open",
	    "questions", "id", "expertise", "label", "Your expertise on firearms", "type", "text",
	    "required", 1, "id", "speaker_gender", "label", "Gender of the speaker", "type",
	    "choice", "required", 1, "choices", "woman", "man", "another", "prefer_not_to_say",
	    "criteria", "id", "country_under_review", "name", "From a country under review",
	    "id", "proven_expertise", "name", "Proven expertise"));
}

/* Waits for a mail to `to` whose subject or body has needle (reading up to
 * six); 0 when one came. */
static int
mail_with(const char *to, const char *needle)
{
	struct ts_mail m;
	int i, found = 0;

	for (i = 0; i < 6 && !found; i++) {
		if (ts_mail_wait(&sink, to, 10000, &m) != 0)
			break;
		found = strstr(m.subject, needle) || strstr(m.body, needle);
		ts_mail_free(&m);
	}
	return found ? 0 : -1;
}

/* Moves the server's clock so that it reads about Unix time t. */
static void
clock_to(time_t t)
{
	static long moved;
	long by = (long)(t - time(NULL)) - moved;

	if (by > 0) {
		assert_int_equal(ts_clock_advance(plain, by), 200);
		moved += by;
	}
	/* the tokens of years ago have lapsed: new ones */
	assert_int_equal(ts_token(plain, "sam.staff@dialogues.test", PW, staff_tok, 129), 0);
	assert_int_equal(ts_token(plain, "ada@quillon-dl.example", PW, ada_tok, 129), 0);
	assert_int_equal(ts_token(plain, "bo@ndovu-dl.example", PW, bo_tok, 129), 0);
	assert_int_equal(ts_token(plain, "di@expert-dl.example", PW, di_tok, 129), 0);
	assert_int_equal(ts_token(plain, "eve@late-dl.example", PW, eve_tok, 129), 0);
}

/* ---- the whole of a dialogue -------------------------------------------------- */

static void
test_dialogue(void **state)
{
	const struct ts_res *r;
	struct ts_browser *staff;
	char path[200], ev_path[200], in_path[200], call_path[200];
	int64_t wg, wg_next, other, prep, ev, call, id, ada_app, bo_app, di_app;
	json_t *j, *items, *x, *bal;
	size_t i;

	(void)state;
	wg = session_made("untoc_wg", "firearms", 11, "2031-05-19T10:00", "2031-05-21T18:00");
	wg_next = session_made("untoc_wg", "firearms", 12, "2032-05-17T10:00",
	    "2032-05-19T18:00");
	other = session_made("ccpcj", NULL, 40, "2031-05-12T10:00", "2031-05-16T18:00");
	prep = event_made("Multistakeholder preparation day", "2031-05-22T09:00",
	    "2031-05-22T17:00");
	ev = event_made("Constructive dialogue on firearms", "2031-05-23T09:00",
	    "2031-05-23T17:00");
	call = call_made("2031-04-01T23:59");

	/* missing fields, named; nothing written */
	r = ta_api("POST", "/api/v1/dialogues", staff_tok, json_object());
	STATUS(r, 422);
	j = ts_jbody(r);
	x = json_object_get(j, "errors");
	assert_non_null(json_object_get(x, "title"));
	assert_non_null(json_object_get(x, "meeting_id"));
	assert_non_null(json_object_get(x, "prep_event_id"));
	assert_non_null(json_object_get(x, "event_id"));
	assert_non_null(json_object_get(x, "call_id"));
	assert_non_null(json_object_get(x, "inputs_close"));
	json_decref(j);
	/* a session that is not a working group's */
	ta_refused("POST", "/api/v1/dialogues", staff_tok,
	    json_pack("{s:s,s:I,s:I,s:I,s:I,s:s}", "title", "Dialogue", "meeting_id",
	    (json_int_t)other, "prep_event_id", (json_int_t)prep, "event_id", (json_int_t)ev,
	    "call_id", (json_int_t)call, "inputs_close", "2031-06-30T18:00"), "meeting_id");
	ta_refused("POST", "/api/v1/dialogues", staff_tok,
	    json_pack("{s:s,s:I,s:I,s:I,s:I,s:s,s:[s]}", "title", "Dialogue", "meeting_id",
	    (json_int_t)wg, "prep_event_id", (json_int_t)prep, "event_id", (json_int_t)ev,
	    "call_id", (json_int_t)call, "inputs_close", "2031-06-30T18:00", "countries", "XX"),
	    "countries");
	j = ts_jbody(ta_api("GET", "/api/v1/dialogues", NULL, NULL));
	assert_int_equal(ta_num(j, "total"), 0);
	json_decref(j);
	/* only staff write one */
	STATUS(ta_api("POST", "/api/v1/dialogues", ada_tok, json_object()), 403);

	id = ta_made("/api/v1/dialogues", staff_tok, json_pack("{s:s,s:s,s:I,s:I,s:I,s:I,s:s,"
	    "s:[s,s]}", "title", "Constructive dialogue on firearms, 2031", "description",
	    "After the **eleventh** session.", "meeting_id", (json_int_t)wg, "prep_event_id",
	    (json_int_t)prep, "event_id", (json_int_t)ev, "call_id", (json_int_t)call,
	    "inputs_close", "2031-06-30T18:00", "countries", "ng", "BR"));
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld", (long long)id);
	j = ts_jbody(ta_api("GET", path, NULL, NULL));
	assert_string_equal(ta_str(j, "title"), "Constructive dialogue on firearms, 2031");
	assert_string_equal(ta_str(json_object_get(j, "session"), "working_group"), "firearms");
	assert_string_equal(ta_str(j, "inputs_close"), "2031-06-30T18:00:00+02:00");
	assert_string_equal(json_string_value(json_array_get(json_object_get(j, "countries"),
	    0)), "NG");
	assert_true(json_is_null(json_object_get(j, "summary")));
	json_decref(j);
	/* a second dialogue may not take the same call */
	ta_refused("POST", "/api/v1/dialogues", staff_tok,
	    json_pack("{s:s,s:I,s:I,s:I,s:I,s:s}", "title", "Again", "meeting_id",
	    (json_int_t)wg, "prep_event_id", (json_int_t)prep, "event_id", (json_int_t)ev,
	    "call_id", (json_int_t)call, "inputs_close", "2031-06-30T18:00"), "call_id");
	r = ta_api("PATCH", path, staff_tok, json_pack("{s:s}", "title",
	    "Constructive dialogue on firearms"));
	STATUS(r, 200);
	ta_refused("PATCH", path, staff_tok, json_pack("{s:I}", "meeting_id",
	    (json_int_t)other), "meeting_id");
	j = ts_jbody(ta_api("GET", "/api/v1/dialogues", NULL, NULL));
	assert_int_equal(ta_num(j, "total"), 1);
	assert_string_equal(ta_str(json_array_get(json_object_get(j, "items"), 0), "title"),
	    "Constructive dialogue on firearms");
	json_decref(j);
	snprintf(path, sizeof path, "/dialogues/%lld", (long long)id);
	r = ts_get(plain, path);
	STATUS(r, 200);
	HAS(r, "Constructive dialogue on firearms");
	HAS(r, "<strong>eleventh</strong>");
	HAS(r, "NG, BR");
	LACKS(r, "action=\"/dialogues/");	/* no input form for a visitor */
	r = ts_req(plain, "GET", path, (const char *const[]){ "Accept-Language: fr", NULL },
	    NULL, 0);
	HAS(r, "Pays examinés");

	/* the applications: Ada for Quillon (KE), Bo for Ndovu (NG, under review) */
	snprintf(call_path, sizeof call_path, "/api/v1/calls/%lld/applications", (long long)call);
	ada_app = ta_made(call_path, ada_tok, json_pack("{s:I,s:s,s:{s:s,s:s}}", "organization_id",
	    (json_int_t)quillon, "status", "submitted", "answers", "expertise",
	    "Ten years of firearms tracing", "speaker_gender", "woman"));
	bo_app = ta_made(call_path, bo_tok, json_pack("{s:I,s:s,s:{s:s,s:s}}", "organization_id",
	    (json_int_t)ndovu, "status", "submitted", "answers", "expertise",
	    "Community violence reduction", "speaker_gender", "man"));

	/* a government's focal point is no non-governmental stakeholder */
	r = ta_api("POST", call_path, fe_tok, json_pack("{s:s,s:{s:s,s:s}}", "status", "submitted",
	    "answers", "expertise", "A ministry", "speaker_gender", "man"));
	STATUS(r, 403);
	HAS(r, "non-governmental stakeholders");
	di_app = ta_made(call_path, di_tok, json_pack("{s:s,s:{s:s,s:s}}", "status", "submitted",
	    "answers", "expertise", "Tracing in the Sahel", "speaker_gender", "another"));

	/* not approved yet: no registration, no input */
	snprintf(ev_path, sizeof ev_path, "/api/v1/events/%lld/registrations", (long long)ev);
	r = ta_api("POST", ev_path, ada_tok, json_object());
	STATUS(r, 403);
	HAS(r, "approved participants");
	snprintf(in_path, sizeof in_path, "/api/v1/dialogues/%lld/inputs", (long long)id);
	r = ta_api("POST", in_path, ada_tok, json_pack("{s:s}", "body", "Too soon"));
	STATUS(r, 403);
	HAS(r, "approved participants");

	/* staff's list: who is from a country under review, the balance */
	snprintf(path, sizeof path, "/api/v1/staff/dialogues/%lld/participants", (long long)id);
	j = ts_jbody(ta_api("GET", path, staff_tok, NULL));
	items = json_object_get(j, "items");
	assert_int_equal(json_array_size(items), 3);
	json_array_foreach(items, i, x) {
		int nigerian = ta_num(x, "application_id") == bo_app;

		if (ta_num(x, "application_id") == di_app) {	/* no organization */
			assert_false(json_is_true(json_object_get(x, "from_country_under_review")));
			assert_string_equal(ta_str(x, "gender"), "another");
			continue;
		}
		assert_int_equal(json_is_true(json_object_get(x, "from_country_under_review")),
		    nigerian);
		assert_string_equal(ta_str(x, "gender"), nigerian ? "man" : "woman");
		assert_string_equal(ta_str(x, "decision"), "proposed");
	}
	bal = json_object_get(json_object_get(j, "balance"), "proposed");
	assert_int_equal(ta_num(bal, "total"), 3);
	assert_int_equal(ta_num(json_object_get(bal, "gender"), "woman"), 1);
	assert_int_equal(ta_num(json_object_get(bal, "kind"), "ngo"), 2);
	assert_int_equal(ta_num(json_object_get(json_object_get(j, "balance"), "approved"),
	    "total"), 0);
	json_decref(j);
	STATUS(ta_api("GET", path, ada_tok, NULL), 403);
	STATUS(ta_api("GET", path, fe_tok, NULL), 403);
	STATUS(ta_api("GET", path, NULL, NULL), 401);

	/* the call closes: no application after, then the Bureau decides */
	clock_to(1933200000);	/* 2031-04-04 */
	r = ta_api("POST", call_path, eve_tok, json_pack("{s:s,s:{s:s,s:s}}", "status", "submitted",
	    "answers", "expertise", "Late", "speaker_gender", "another"));
	STATUS(r, 409);
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld/decisions", (long long)id);
	ta_refused("POST", path, staff_tok, json_pack("{s:[I],s:s}", "ids", (json_int_t)ada_app,
	    "decision", "accept"), "decision");
	r = ta_api("POST", path, staff_tok, json_pack("{s:[I,I],s:s}", "ids", (json_int_t)ada_app,
	    (json_int_t)di_app, "decision", "approved"));
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_int_equal(ta_num(j, "succeeded"), 2);
	assert_string_equal(ta_str(j, "decision"), "approved");
	json_decref(j);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:[I],s:s}", "ids", (json_int_t)bo_app,
	    "decision", "not_approved")), 200);
	assert_int_equal(mail_with("ada@quillon-dl.example", "accepted"), 0);
	snprintf(path, sizeof path, "/api/v1/staff/dialogues/%lld/participants", (long long)id);
	j = ts_jbody(ta_api("GET", path, staff_tok, NULL));
	bal = json_object_get(j, "balance");
	assert_int_equal(ta_num(json_object_get(bal, "approved"), "total"), 2);
	assert_int_equal(ta_num(json_object_get(json_object_get(bal, "approved"), "region"), "002"),
	    1);
	assert_int_equal(ta_num(json_object_get(bal, "proposed"), "total"), 0);
	json_decref(j);

	/* who takes part: members see it, visitors do not */
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld", (long long)id);
	j = ts_jbody(ta_api("GET", path, bo_tok, NULL));
	x = json_object_get(j, "participants");
	assert_int_equal(json_array_size(x), 2);
	assert_string_equal(ta_str(json_array_get(x, 0), "organization"), "Quillon Training Trust");
	assert_string_equal(ta_str(json_array_get(x, 1), "name"), "Di Expert");
	assert_false(json_is_true(json_object_get(j, "approved_participant")));
	json_decref(j);
	j = ts_jbody(ta_api("GET", path, ada_tok, NULL));
	assert_true(json_is_true(json_object_get(j, "approved_participant")));
	json_decref(j);
	j = ts_jbody(ta_api("GET", path, NULL, NULL));
	assert_null(json_object_get(j, "participants"));
	json_decref(j);

	/* registration: the approved participant only */
	STATUS(ta_api("POST", ev_path, ada_tok, json_object()), 201);
	r = ta_api("POST", ev_path, bo_tok, json_object());
	STATUS(r, 403);
	HAS(r, "approved participants");

	/* written inputs */
	r = ta_api("POST", in_path, bo_tok, json_pack("{s:s}", "body", "Not approved"));
	STATUS(r, 403);
	r = ta_api("POST", in_path, ada_tok, json_pack("{s:s}", "body", ""));
	STATUS(r, 422);
	HAS(r, "\"body\"");
	r = ta_api("POST", in_path, ada_tok, json_pack("{s:s,s:b}", "body",
	    "Marking and **tracing** need civil society.", "publish", 1));
	STATUS(r, 201);
	{
		static const char doc[] = "Our written input, as a text file.\n";
		const struct ts_part parts[] = {
			{ "body", "Not for publication.", 0, NULL, NULL },
			{ "file", doc, sizeof doc - 1, "input.txt", "text/plain" },
		};

		r = ts_multipart_api(plain, "POST", in_path, ada_tok, parts, 2);
		STATUS(r, 201);
		j = ts_jbody(r);
		assert_string_equal(ta_str(json_object_get(j, "file"), "name"), "input.txt");
		assert_false(json_is_true(json_object_get(j, "publish")));
		json_decref(j);
	}
	STATUS(ta_api("POST", in_path, di_tok, json_pack("{s:s}", "body", "From the Sahel.")), 201);
	j = ts_jbody(ta_api("GET", in_path, ada_tok, NULL));
	assert_int_equal(json_array_size(json_object_get(j, "items")), 2);	/* not Di's */
	json_decref(j);
	j = ts_jbody(ta_api("GET", in_path, staff_tok, NULL));
	assert_int_equal(json_array_size(json_object_get(j, "items")), 3);
	json_decref(j);
	/* the account export: their own applications with the decision, their
	 * own inputs (text, file name, consent), nothing of others */
	j = ts_jbody(ta_api("GET", "/api/v1/me/export", ada_tok, NULL));
	x = json_object_get(j, "dialogue_applications");
	assert_int_equal(json_array_size(x), 1);
	assert_int_equal(ta_num(json_array_get(x, 0), "application_id"), ada_app);
	assert_int_equal(ta_num(json_array_get(x, 0), "dialogue_id"), id);
	assert_string_equal(ta_str(json_array_get(x, 0), "decision"), "approved");
	assert_string_equal(ta_str(json_array_get(x, 0), "organization"), "Quillon Training Trust");
	x = json_object_get(j, "dialogue_inputs");
	assert_int_equal(json_array_size(x), 2);
	assert_string_equal(ta_str(json_array_get(x, 0), "body"),
	    "Marking and **tracing** need civil society.");
	assert_true(json_is_true(json_object_get(json_array_get(x, 0), "publish")));
	assert_true(json_is_null(json_object_get(json_array_get(x, 0), "file")));
	assert_string_equal(ta_str(json_array_get(x, 1), "body"), "Not for publication.");
	assert_false(json_is_true(json_object_get(json_array_get(x, 1), "publish")));
	assert_string_equal(ta_str(json_object_get(json_array_get(x, 1), "file"), "name"),
	    "input.txt");
	json_decref(j);
	r = ta_api("GET", "/api/v1/me/export", ada_tok, NULL);
	LACKS(r, "From the Sahel.");
	LACKS(r, "Community violence reduction");
	j = ts_jbody(ta_api("GET", "/api/v1/me/export", bo_tok, NULL));
	x = json_object_get(j, "dialogue_applications");
	assert_int_equal(json_array_size(x), 1);
	assert_int_equal(ta_num(json_array_get(x, 0), "application_id"), bo_app);
	assert_string_equal(ta_str(json_array_get(x, 0), "decision"), "not_approved");
	assert_int_equal(json_array_size(json_object_get(j, "dialogue_inputs")), 0);
	json_decref(j);
	r = ta_api("GET", "/api/v1/me/export", bo_tok, NULL);
	LACKS(r, "Marking and");
	LACKS(r, "input.txt");
	j = ts_jbody(ta_api("GET", "/api/v1/me/export", di_tok, NULL));
	x = json_object_get(j, "dialogue_inputs");
	assert_int_equal(json_array_size(x), 1);
	assert_string_equal(ta_str(json_array_get(x, 0), "body"), "From the Sahel.");
	assert_string_equal(ta_str(json_array_get(json_object_get(j, "dialogue_applications"), 0),
	    "decision"), "approved");
	json_decref(j);
	/* the person's page: approved, and an input written */
	snprintf(path, sizeof path, "/api/v1/people/%lld", (long long)di_id);
	j = ts_jbody(ta_api("GET", path, bo_tok, NULL));
	x = json_object_get(j, "dialogues");
	assert_int_equal(json_array_size(x), 2);
	assert_string_equal(ta_str(json_array_get(x, 0), "what"), "approved");
	assert_string_equal(ta_str(json_array_get(x, 1), "what"), "input");
	json_decref(j);
	j = ts_jbody(ta_api("GET", path, NULL, NULL));
	assert_null(json_object_get(j, "dialogues"));
	json_decref(j);
	{
		char auth[200];

		snprintf(auth, sizeof auth, "Authorization: Bearer %s", bo_tok);
		snprintf(path, sizeof path, "/people/%lld", (long long)di_id);
		r = ts_req(plain, "GET", path, (const char *const[]){ auth, NULL }, NULL, 0);
		STATUS(r, 200);
		HAS(r, "approved participant");
		HAS(r, "written input");
	}
	/* the input's file, to its author and staff */
	j = ts_jbody(ta_api("GET", in_path, ada_tok, NULL));
	x = json_object_get(json_array_get(json_object_get(j, "items"), 1), "file");
	assert_non_null(x);
	snprintf(path, sizeof path, "%s", ta_str(x, "url"));
	json_decref(j);
	r = ta_api("GET", path, ada_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Our written input");
	STATUS(ta_api("GET", path, bo_tok, NULL), 404);
	j = ts_jbody(ta_api("GET", in_path, NULL, NULL));
	assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/history", (long long)quillon);
	r = ta_api("GET", path, ada_tok, NULL);
	STATUS(r, 200);
	HAS(r, "dialogue.input");

	/* the summary, once; the members mailed */
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld/summary", (long long)id);
	ta_refused("POST", path, staff_tok, json_pack("{s:s}", "summary", ""), "summary");
	STATUS(ta_api("POST", path, ada_tok, json_pack("{s:s}", "summary", "Mine")), 403);
	{
		static const char doc[] = "The summary, as a document.\n";
		const struct ts_part parts[] = {
			{ "summary", "The dialogue agreed on *three* points.", 0, NULL, NULL },
			{ "file", doc, sizeof doc - 1, "summary.txt", "text/plain" },
		};
		char url[200];

		r = ts_multipart_api(plain, "POST", path, staff_tok, parts, 2);
		STATUS(r, 200);
		j = ts_jbody(r);
		assert_string_equal(ta_str(j, "summary"), "The dialogue agreed on *three* points.");
		snprintf(url, sizeof url, "%s", ta_str(json_object_get(j, "summary_file"), "url"));
		json_decref(j);
		r = ta_api("GET", url, NULL, NULL);
		STATUS(r, 200);
		HAS(r, "The summary, as a document.");
	}
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s}", "summary", "Again")), 409);
	assert_int_equal(mail_with("bo@ndovu-dl.example", "Summary of a constructive dialogue"),
	    0);
	j = ts_jbody(ta_api("GET", in_path, NULL, NULL));
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	assert_string_equal(ta_str(json_array_get(json_object_get(j, "items"), 0), "body"),
	    "Marking and **tracing** need civil society.");
	json_decref(j);
	/* listed at the working group's next session, not at the one it followed */
	snprintf(path, sizeof path, "/meetings/%lld", (long long)wg_next);
	r = ts_get(plain, path);
	STATUS(r, 200);
	HAS(r, "Constructive dialogue on firearms");
	snprintf(path, sizeof path, "/meetings/%lld", (long long)wg);
	r = ts_get(plain, path);
	LACKS(r, "Summaries of the constructive dialogues");

	/* inputs close */
	clock_to(1940800000);	/* 2031-07-01 */
	r = ta_api("POST", in_path, ada_tok, json_pack("{s:s}", "body", "Too late"));
	STATUS(r, 409);
	HAS(r, "closed");

	/* staff's CSV and page */
	staff = ts_signed_in(&srv, NULL, "sam.staff@dialogues.test", PW);
	assert_non_null(staff);
	snprintf(path, sizeof path, "/staff/dialogues/%lld/participants.csv", (long long)id);
	r = ts_get(staff, path);
	STATUS(r, 200);
	HAS(r, "from_country_under_review");
	HAS(r, "Ndovu");
	snprintf(path, sizeof path, "/staff/dialogues/%lld/participants", (long long)id);
	r = ts_get(staff, path);
	STATUS(r, 200);
	HAS(r, "Gender of the speaker");
	/* the staff form: what was typed kept, the fields named */
	r = ts_get(staff, "/staff/dialogues/new");
	STATUS(r, 200);
	r = ts_form(staff, "/staff/dialogues/new", "title", "Kept title", "meeting_id", "", NULL);
	STATUS(r, 422);
	HAS(r, "value=\"Kept title\"");
	HAS(r, "id=\"e-meeting\"");
	snprintf(path, sizeof path, "/staff/dialogues/%lld/edit", (long long)id);
	r = ts_get(staff, path);
	STATUS(r, 200);
	HAS(r, "NG, BR");
	/* the staff page's decision form, through the API's */
	snprintf(path, sizeof path, "/staff/dialogues/%lld/participants", (long long)id);
	{
		char ids[32];
		const char *pairs[] = { "ids", ids, "decision", "approved", NULL };

		snprintf(ids, sizeof ids, "%lld", (long long)bo_app);
		r = ts_post_list(staff, path, 1, pairs);
		STATUS(r, 200);	/* a declined application is decided already: said by it */
		HAS(r, "Only a submitted or waitlisted application is decided.");
	}
	/* the staff form saves through the same check */
	snprintf(path, sizeof path, "/staff/dialogues/%lld/edit", (long long)id);
	{
		char m[24], p[24], e[24], c[24];

		snprintf(m, sizeof m, "%lld", (long long)wg);
		snprintf(p, sizeof p, "%lld", (long long)prep);
		snprintf(e, sizeof e, "%lld", (long long)ev);
		snprintf(c, sizeof c, "%lld", (long long)call);
		r = ts_form(staff, path, "title", "Constructive dialogue on firearms", "meeting_id", m,
		    "prep_event_id", p, "event_id", e, "call_id", c, "countries", "ng, br, ph",
		    "inputs_close", "2031-06-30T18:00", (char *)NULL);
		STATUS(r, 303);
	}
	snprintf(path, sizeof path, "/api/v1/dialogues/%lld", (long long)id);
	j = ts_jbody(ta_api("GET", path, NULL, NULL));
	assert_int_equal(json_array_size(json_object_get(j, "countries")), 3);
	json_decref(j);
	ts_browser_free(staff);

	/* a dialogue on a draft session is staff's: 404 for others */
	{
		int64_t draft, call2, hidden;
		json_t *b = json_pack("{s:s,s:s,s:i,s:s,s:s,s:s,s:s,s:s}", "body", "untoc_wg",
		    "working_group", "smuggling_of_migrants", "number", 9, "title", "A draft",
		    "timezone", "Europe/Vienna", "start", "2033-05-19T10:00", "end",
		    "2033-05-20T18:00", "status", "draft");

		draft = ta_made("/api/v1/meetings", staff_tok, b);
		call2 = call_made("2033-04-01T23:59");
		hidden = ta_made("/api/v1/dialogues", staff_tok,
		    json_pack("{s:s,s:I,s:I,s:I,s:I,s:s}", "title", "Hidden dialogue",
		    "meeting_id", (json_int_t)draft, "prep_event_id", (json_int_t)prep,
		    "event_id", (json_int_t)ev, "call_id", (json_int_t)call2, "inputs_close",
		    "2033-06-30T18:00"));
		snprintf(path, sizeof path, "/api/v1/dialogues/%lld", (long long)hidden);
		STATUS(ta_api("GET", path, NULL, NULL), 404);
		STATUS(ta_api("GET", path, ada_tok, NULL), 404);
		STATUS(ta_api("GET", path, staff_tok, NULL), 200);
		snprintf(path, sizeof path, "/api/v1/dialogues/%lld/inputs", (long long)hidden);
		STATUS(ta_api("POST", path, ada_tok, json_pack("{s:s}", "body", "x")), 404);
	}

	/* a call made through the staff form has its questions numbered: the
	 * speaker's gender is the choice question offering woman and man */
	{
		int64_t call3, d3;

		call3 = ta_made("/api/v1/calls", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s,"
		    "s:[{s:s,s:s,s:s,s:b},{s:s,s:s,s:s,s:b,s:[s,s,s,s]}]}", "kind", "dialogue",
		    "title", "Next dialogue", "timezone", "Europe/Vienna", "closes",
		    "2032-04-01T23:59", "status", "open", "questions", "id", "q1", "label",
		    "Expertise", "type", "text", "required", 1, "id", "q2", "label", "Speaker",
		    "type", "choice", "required", 1, "choices", "woman", "man", "another",
		    "prefer_not_to_say"));
		d3 = ta_made("/api/v1/dialogues", staff_tok, json_pack("{s:s,s:I,s:I,s:I,s:I,s:s}",
		    "title", "Next dialogue", "meeting_id", (json_int_t)wg_next, "prep_event_id",
		    (json_int_t)prep, "event_id", (json_int_t)ev, "call_id", (json_int_t)call3,
		    "inputs_close", "2032-06-30T18:00"));
		snprintf(call_path, sizeof call_path, "/api/v1/calls/%lld/applications",
		    (long long)call3);
		(void)ta_made(call_path, di_tok, json_pack("{s:s,s:{s:s,s:s}}", "status",
		    "submitted", "answers", "q1", "Tracing", "q2", "woman"));
		snprintf(path, sizeof path, "/api/v1/staff/dialogues/%lld/participants",
		    (long long)d3);
		j = ts_jbody(ta_api("GET", path, staff_tok, NULL));
		assert_string_equal(ta_str(json_array_get(json_object_get(j, "items"), 0),
		    "gender"), "woman");
		json_decref(j);
	}
}

/* The items of dialogues list x whose title is title and what is what. */
static size_t
count_what(json_t *x, const char *title, const char *what)
{
	json_t *it;
	size_t i, n = 0;

	json_array_foreach(x, i, it)
		n += strcmp(ta_str(it, "title"), title) == 0 && strcmp(ta_str(it, "what"),
		    what) == 0;
	return n;
}

/*
 * Every participation in a dialogue is in both places (after
 * test_dialogue): Quillon's acceptance and Ada's inputs in Quillon's
 * history, and on Ada's own page (her account and its twin; she is no
 * expert, so has no /people page -- Di's is tested above).  While Quillon
 * is suspended its approval is none of its people's (who may take part is
 * who is shown taking part): it leaves Ada's page, her inputs stay, and
 * the history keeps both; it comes back when Quillon is reinstated.
 */
static void
test_participation_everywhere(void **state)
{
	const char *title = "Constructive dialogue on firearms";
	const struct ts_res *r;
	char path[128], auth[200];
	json_t *j;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/organizations/%lld/history", (long long)quillon);
	r = ta_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "call.accepted");
	HAS(r, "dialogue.input");
	j = ts_jbody(ta_api("GET", "/api/v1/account", ada_tok, NULL));
	assert_int_equal(count_what(json_object_get(j, "dialogues"), title, "approved"), 1);
	assert_int_equal(count_what(json_object_get(j, "dialogues"), title, "input"), 2);
	json_decref(j);
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", ada_tok);
	r = ts_req(plain, "GET", "/account", (const char *const[]){ auth, NULL }, NULL, 0);
	STATUS(r, 200);
	HAS(r, "Your constructive dialogues");
	HAS(r, "approved participant");
	HAS(r, "written input");
	r = ts_req(plain, "GET", "/account", (const char *const[]){ auth, "Accept-Language: fr",
	    NULL }, NULL, 0);
	HAS(r, "Vos dialogues constructifs");
	/* Bo's organization was not approved: nothing of it on his page */
	j = ts_jbody(ta_api("GET", "/api/v1/account", bo_tok, NULL));
	assert_int_equal(json_array_size(json_object_get(j, "dialogues")), 0);
	json_decref(j);

	/* Quillon suspended: the approval leaves Ada's page, the history keeps it */
	snprintf(path, sizeof path, "/organizations/%lld/status", (long long)quillon);
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s}", "status", "suspended")), 303);
	j = ts_jbody(ta_api("GET", "/api/v1/account", ada_tok, NULL));
	assert_int_equal(count_what(json_object_get(j, "dialogues"), title, "approved"), 0);
	assert_int_equal(count_what(json_object_get(j, "dialogues"), title, "input"), 2);
	json_decref(j);
	snprintf(auth, sizeof auth, "/api/v1/organizations/%lld/history", (long long)quillon);
	r = ta_api("GET", auth, staff_tok, NULL);
	HAS(r, "call.accepted");
	HAS(r, "dialogue.input");
	STATUS(ta_api("POST", path, staff_tok, json_pack("{s:s}", "status", "approved")), 303);
	j = ts_jbody(ta_api("GET", "/api/v1/account", ada_tok, NULL));
	assert_int_equal(count_what(json_object_get(j, "dialogues"), title, "approved"), 1);
	json_decref(j);
}

static int
setup(void **state)
{
	struct ts_browser *staff;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	ta_accounts(db_url, PW);
	quillon = ts_org_import(db_url, "Quillon Training Trust", "KE", "info@quillon-dl.example",
	    NULL);
	ndovu = ts_org_import(db_url, "Ndovu Peace Network", "NG", "info@ndovu-dl.example", NULL);
	assert_true(quillon > 0 && ndovu > 0);
	ta_account("sam.staff@dialogues.test", "staff", 0, staff_tok, NULL);
	ta_account("ada@quillon-dl.example", "member", quillon, ada_tok, &ada_id);
	ta_account("bo@ndovu-dl.example", "member", ndovu, bo_tok, &bo_id);
	ta_account("eve@late-dl.example", "member", 0, eve_tok, NULL);
	{	/* Di: an approved expert (a member without an organization) */
		const struct ts_res *r;
		struct ts_browser *b;
		json_t *j, *it;
		size_t k;
		int64_t app = 0;
		char path[96];

		di_id = ts_person_add(db_url, "di@expert-dl.example", "Di Expert", "applicant", 0, PW);
		assert_true(di_id > 0);
		b = ts_signed_in(&srv, NULL, "di@expert-dl.example", PW);
		assert_non_null(b);
		r = ts_form(b, "/join", "action", "submit", "as", "expert", "name", "Di Expert",
		    "country", "NG", "themes", "firearms", "biography", "Traces firearms.",
		    "contact_email", "di@expert-dl.example", "consent", "1", (char *)NULL);
		STATUS(r, 200);
		ts_browser_free(b);
		j = ts_jbody(ta_api("GET", "/api/v1/applications?status=pending&kind=expert",
		    staff_tok, NULL));
		json_array_foreach(json_object_get(j, "items"), k, it)
			app = json_integer_value(json_object_get(it, "id"));
		json_decref(j);
		assert_true(app > 0);
		snprintf(path, sizeof path, "/api/v1/applications/%lld/approve", (long long)app);
		STATUS(ta_api("POST", path, staff_tok, json_object()), 200);
		assert_int_equal(ts_token(plain, "di@expert-dl.example", PW, di_tok, 129), 0);
	}
	ta_account("fe@interior-dl.go.ke", "focal", 0, fe_tok, NULL);
	staff = ts_signed_in(&srv, NULL, "sam.staff@dialogues.test", PW);
	if (!staff || ts_org_admin(staff, quillon, ada_id) != 0 ||
	    ts_org_admin(staff, ndovu, bo_id) != 0)
		return -1;
	ts_browser_free(staff);
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
		cmocka_unit_test(test_dialogue),
		cmocka_unit_test(test_participation_everywhere),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("dialogues", tests, setup, teardown);
}
