/*
 * calls_staff_test.c -- staff's pages for writing calls (issue 15):
 * /staff/calls with its filters, pages, counts, JSON twin and CSV, and the
 * call form at /staff/calls/new and /staff/calls/{id}/edit as a browser
 * sends it (every field of the API's call: the eligibility, the questions'
 * and criteria's rows, the event, the status), checked as POST and PATCH
 * /api/v1/calls check it: a refusal says what to fix by each field and
 * keeps what was typed, and writes nothing; a write is audited as the
 * API's is.  Members and focal points are refused, visitors sent to sign
 * in (the route walk tries every role too).
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

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

/* staff, Ada (an admin of Quillon, an NGO in Kenya), Pat (an applicant),
 * Lou (a state focal point) */
static char staff_tok[129], ada_tok[129], pat_tok[129], lou_tok[129];
static int64_t quillon;

#define STAFF "sam.staff@calls-staff.test"
#define ADA "ada@quillon-cs.example"
#define PAT "pat@pending-cs.example"
#define LOU "lou@focal-cs.example"

/* ---- helpers ------------------------------------------------------------ */

#define HEADER_HAS(r, name, part) do { \
	const char *h_ = ts_header((r), (name)); \
	if (!h_ || !strstr(h_, (part))) \
		printf("# %s: %s, want it to contain %s\n", (name), h_ ? h_ : "(none)", (part)); \
	assert_true(h_ && strstr(h_, (part))); \
} while (0)

/* A call staff create through the API from body (consumed; kind, title,
 * timezone, closes and status filled in when absent); its id. */
static int64_t
call_made(json_t *body)
{
	const struct ts_res *r;
	json_t *j;
	int64_t id;

	if (!json_object_get(body, "kind"))
		json_object_set_new(body, "kind", json_string("workshop"));
	if (!json_object_get(body, "timezone"))
		json_object_set_new(body, "timezone", json_string("Europe/Vienna"));
	if (!json_object_get(body, "closes"))
		json_object_set_new(body, "closes", json_string("2031-10-05T23:59"));
	if (!json_object_get(body, "status"))
		json_object_set_new(body, "status", json_string("open"));
	r = ta_api("POST", "/api/v1/calls", staff_tok, body);
	STATUS(r, 201);
	j = ts_jbody(r);
	id = ta_num(j, "id");
	json_decref(j);
	assert_true(id > 0);
	return id;
}

/* The item of staff's list (?q: its query) titled title, or NULL; new
 * reference. */
static json_t *
listed(const char *query, const char *title)
{
	char path[256];
	json_t *j, *it, *out = NULL;
	size_t i;

	snprintf(path, sizeof path, "/api/v1/staff/calls?per_page=200%s%s", *query ? "&" : "",
	    query);
	j = ta_get_json(path, staff_tok, 200);
	json_array_foreach(json_object_get(j, "items"), i, it)
		if (strcmp(ta_str(it, "title"), title) == 0)
			out = json_incref(it);
	json_decref(j);
	return out;
}

/* The form's fields every post sends, as the page's form sends them
 * (empty rows included), then extra (NULL-terminated pairs); the
 * answer. */
static const struct ts_res *
form_post(struct ts_browser *b, const char *path, const char *const *extra)
{
	const char *pairs[200];
	size_t n = 0;

	while (extra && *extra && n + 3 < sizeof pairs / sizeof pairs[0]) {
		pairs[n++] = *extra++;
		pairs[n++] = *extra++;
	}
	pairs[n] = NULL;
	return ts_post_list(b, path, 1, pairs);
}

/* ---- tests ---------------------------------------------------------------- */

/*
 * Staff's list: every call, drafts too, with its status, kind, times in
 * the reader's zone, places and applications (submitted / all: a draft
 * counts in all only); filtered by status and kind, a page at a time; the
 * JSON twin says the same; the CSV has every one, formula-safe.  Others
 * are refused.
 */
static void
test_list(void **state)
{
	struct ts_browser *staff = ts_signed_in(&srv, "127.0.0.51", STAFF, PW);
	struct ts_browser *visitor = ts_browser_new(&srv, "127.0.0.52");
	int64_t open_id, draft_id;
	const struct ts_res *r;
	char path[128];
	json_t *it, *j;

	(void)state;
	assert_non_null(staff);
	open_id = call_made(json_pack("{s:s,s:s,s:i,s:s}", "title", "Listed open workshop",
	    "opens", "2026-01-01T09:00", "places", 12, "closes", "2031-06-01T17:00"));
	draft_id = call_made(json_pack("{s:s,s:s,s:s}", "title", "=Listed draft roster", "kind",
	    "expert_roster", "status", "draft"));
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)open_id);
	STATUS(ta_api("POST", path, pat_tok, json_pack("{s:s}", "status", "submitted")), 201);
	STATUS(ta_api("POST", path, ada_tok, json_pack("{s:s}", "status", "draft")), 201);

	it = listed("", "Listed open workshop");
	assert_non_null(it);
	assert_int_equal(ta_num(it, "id"), open_id);
	assert_string_equal(ta_str(it, "status"), "open");
	assert_string_equal(ta_str(it, "kind_label"), "Workshop");
	assert_int_equal(ta_num(it, "places"), 12);
	assert_int_equal(ta_num(it, "submitted"), 1);
	assert_int_equal(ta_num(it, "applications"), 2);
	assert_string_equal(ta_str(it, "closes"), "2031-06-01T17:00:00+02:00");
	assert_string_equal(ta_str(json_object_get(it, "closes_when"), "text"),
	    "1 June 2031, 17:00 (UTC+2, Europe/Vienna)");
	json_decref(it);
	it = listed("", "=Listed draft roster");
	assert_non_null(it);
	assert_string_equal(ta_str(it, "status"), "draft");
	assert_true(json_is_null(json_object_get(it, "opens")));
	json_decref(it);
	/* filters */
	it = listed("status=draft", "Listed open workshop");
	assert_null(it);
	it = listed("status=draft", "=Listed draft roster");
	assert_non_null(it);
	json_decref(it);
	assert_null(listed("kind=workshop", "=Listed draft roster"));
	STATUS(ta_api("GET", "/api/v1/staff/calls?status=nonsense", staff_tok, NULL), 422);
	/* a page at a time */
	j = ta_get_json("/api/v1/staff/calls?per_page=1&page=2", staff_tok, 200);
	assert_true(ta_num(j, "total") >= 2);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	assert_int_equal(ta_num(j, "prev_page"), 1);
	json_decref(j);
	/* the page */
	r = ts_get(staff, "/staff/calls");
	STATUS(r, 200);
	HAS(r, "Listed open workshop");
	HAS(r, "Listed draft roster</a>");
	HAS(r, "<td>1 / 2</td>");
	HAS(r, "<td>12</td>");
	snprintf(path, sizeof path, "href=\"/staff/calls/%lld/edit\"", (long long)draft_id);
	HAS(r, path);
	snprintf(path, sizeof path, "href=\"/staff/calls/%lld/applications\"", (long long)open_id);
	HAS(r, path);
	HAS(r, "href=\"/staff/calls.csv?status=&amp;kind=\"");
	r = ts_get(staff, "/staff/calls?kind=expert_roster");
	HAS(r, "Listed draft roster</a>");
	LACKS(r, "Listed open workshop");
	HAS(r, "<option value=\"expert_roster\" selected>");
	r = ts_get(staff, "/staff");
	HAS(r, "href=\"/staff/calls\"");
	/* in French */
	r = ts_get(staff, "/staff/calls?lang=fr");
	HAS(r, "Candidatures (soumises");
	HAS(r, "1 juin 2031, 17:00 (UTC+2, Europe&#x2F;Vienna)");
	STATUS(ts_get(staff, "/staff/calls?lang=en"), 200);
	/* the CSV */
	r = ts_get(staff, "/staff/calls.csv?status=draft");
	STATUS(r, 200);
	HEADER_HAS(r, "Content-Type", "text/csv");
	HAS(r, "id,title,kind,status,opens,closes,timezone,places,submitted,applications,"
	    "event_id\r\n");
	HAS(r, ",\"'=Listed draft roster\",expert_roster,draft,,");
	LACKS(r, "Listed open workshop");
	/* others */
	STATUS(ta_api("GET", "/api/v1/staff/calls", ada_tok, NULL), 403);
	STATUS(ta_api("GET", "/api/v1/staff/calls", lou_tok, NULL), 403);
	STATUS(ta_api("GET", "/staff/calls.csv", ada_tok, NULL), 403);
	STATUS(ta_api("GET", "/api/v1/staff/calls", NULL, NULL), 401);
	r = ts_get(visitor, "/staff/calls");
	STATUS(r, 303);
	HEADER_HAS(r, "Location", "/signin?next=/staff/calls");
	ts_browser_free(staff);
	ts_browser_free(visitor);
}

/*
 * The form writes a call with every field the API takes, as a browser
 * sends it without JavaScript: repeated boxes and choices, the questions'
 * and criteria's rows with empty ones, an event chosen from the list; on
 * to the list; the call is then the API's as written, on /calls for
 * everyone once open, and in the audit log.
 */
static void
test_form_writes(void **state)
{
	struct ts_browser *staff = ts_signed_in(&srv, "127.0.0.53", STAFF, PW);
	const struct ts_res *r;
	char ev_s[32], path[128];
	json_t *j, *c, *el, *q, *cr;
	int64_t ev, id;

	(void)state;
	assert_non_null(staff);
	r = ta_api("POST", "/api/v1/events", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s}", "kind",
	    "workshop", "title", "Investigators' workshop in Nairobi", "timezone",
	    "Africa/Nairobi", "start", "2031-11-03T09:00", "end", "2031-11-05T17:00"));
	STATUS(r, 201);
	j = ts_jbody(r);
	ev = ta_num(j, "id");
	json_decref(j);
	snprintf(ev_s, sizeof ev_s, "%lld", (long long)ev);

	r = ts_get(staff, "/staff/calls/new");
	STATUS(r, 200);
	HAS(r, "name=\"criterion_rows\" value=\"3\"");
	HAS(r, "name=\"question_rows\" value=\"3\"");
	HAS(r, "name=\"cr.2.weight\"");
	HAS(r, "Investigators&#39; workshop in Nairobi (2031-11-03T09:00:00+03:00)");
	HAS(r, "<option value=\"KE\">");
	HAS(r, "name=\"organization_kinds\" value=\"academia\"");
	HAS(r, "name=\"experts\" value=\"1\" checked");
	HAS(r, "<option value=\"file\">A file to upload</option>");	/* a call may ask for one */
	{
		const char *const f[] = { "kind", "workshop", "title", "Form-made workshop call",
			"description", "Investigators who **train** others.", "timezone",
			"Africa/Nairobi", "opens", "2026-01-01T09:00", "closes", "2031-10-01T17:00",
			"places", "25", "event_id", ev_s, "status", "open", "audience", "members",
			"organization_kinds", "ngo", "organization_kinds", "academia", "countries",
			"KE", "countries", "UG", "regions", "014",
			"question_rows", "3", "q.0.id", "", "q.0.label", "Why this workshop?",
			"q.0.type", "text", "q.0.required", "1", "q.0.choices", "",
			"q.1.id", "", "q.1.label", "Your level", "q.1.type", "choice",
			"q.1.choices", "Beginner\r\nAdvanced\r\n", "q.2.id", "", "q.2.label", "Your CV",
			"q.2.type", "file", "q.2.required", "1", "q.2.choices", "",
			"criterion_rows", "3", "cr.0.id", "", "cr.0.name", "Experience",
			"cr.0.weight", "3", "cr.1.id", "", "cr.1.name", "Reach", "cr.1.weight", "",
			"cr.2.id", "", "cr.2.name", "", "cr.2.weight", "", NULL };

		r = form_post(staff, "/staff/calls/new", f);
	}
	STATUS(r, 303);
	HEADER_HAS(r, "Location", "/staff/calls");
	c = listed("", "Form-made workshop call");
	assert_non_null(c);
	id = ta_num(c, "id");
	json_decref(c);
	snprintf(path, sizeof path, "/api/v1/calls/%lld", (long long)id);
	c = ta_get_json(path, staff_tok, 200);
	assert_string_equal(ta_str(c, "status"), "open");
	assert_string_equal(ta_str(c, "timezone"), "Africa/Nairobi");
	assert_string_equal(ta_str(c, "opens"), "2026-01-01T09:00:00+03:00");
	assert_string_equal(ta_str(c, "closes"), "2031-10-01T17:00:00+03:00");
	assert_string_equal(ta_str(c, "description"), "Investigators who **train** others.");
	assert_int_equal(ta_num(c, "places"), 25);
	assert_int_equal(ta_num(c, "event_id"), ev);
	el = json_object_get(c, "eligibility");
	assert_string_equal(ta_str(el, "audience"), "members");
	assert_true(json_is_false(json_object_get(el, "experts")));	/* not ticked */
	assert_int_equal(json_array_size(json_object_get(el, "organization_kinds")), 2);
	assert_string_equal(json_string_value(json_array_get(json_object_get(el, "countries"), 1)),
	    "UG");
	assert_string_equal(json_string_value(json_array_get(json_object_get(el, "regions"), 0)),
	    "014");
	q = json_object_get(c, "questions");
	assert_int_equal(json_array_size(q), 3);
	assert_string_equal(ta_str(json_array_get(q, 0), "label"), "Why this workshop?");
	assert_string_equal(ta_str(json_array_get(q, 2), "type"), "file");
	assert_true(json_is_true(json_object_get(json_array_get(q, 2), "required")));
	assert_true(json_is_true(json_object_get(json_array_get(q, 0), "required")));
	assert_string_equal(ta_str(json_array_get(q, 1), "type"), "choice");
	assert_int_equal(json_array_size(json_object_get(json_array_get(q, 1), "choices")), 2);
	cr = json_object_get(c, "criteria");
	assert_int_equal(json_array_size(cr), 2);
	assert_string_equal(ta_str(json_array_get(cr, 0), "name"), "Experience");
	assert_int_equal(ta_num(json_array_get(cr, 0), "weight"), 3);
	assert_int_equal(ta_num(json_array_get(cr, 1), "weight"), 1);
	json_decref(c);
	/* on /calls for everyone */
	r = ts_get(plain, "/calls");
	HAS(r, "Form-made workshop call");
	snprintf(path, sizeof path, "/calls/%lld", (long long)id);
	r = ts_get(plain, path);
	HAS(r, "<strong>train</strong>");
	/* audited as the API's writes are */
	j = ta_get_json("/api/v1/staff/audit?per_page=200", staff_tok, 200);
	{
		char *s = json_dumps(j, 0);
		char want[96];

		snprintf(want, sizeof want, "call %lld: Form-made workshop call (open)",
		    (long long)id);
		assert_non_null(strstr(s, "call.created"));
		assert_non_null(strstr(s, want));
		free(s);
	}
	json_decref(j);
	ts_browser_free(staff);
}

/*
 * A form that fails comes back (422) with a message by each field that
 * failed, what was typed kept (escaped), and nothing written: the API's
 * rules (the closing time after the opening, a zone of the tz database,
 * places, an event that exists) and the rows' (a choice needs two
 * options, a weight from 1 to 100).  No CSRF token, no write.
 */
static void
test_form_refuses(void **state)
{
	struct ts_browser *staff = ts_signed_in(&srv, "127.0.0.54", STAFF, PW);
	const struct ts_res *r;
	json_t *j;
	int64_t before;

	(void)state;
	assert_non_null(staff);
	j = ta_get_json("/api/v1/staff/calls", staff_tok, 200);
	before = ta_num(j, "total");
	json_decref(j);
	{
		const char *const f[] = { "kind", "workshop", "title", "Refused <call> & co",
			"timezone", "Europe/Vienna", "opens", "2031-06-01T09:00", "closes",
			"2031-05-01T09:00", "places", "0", "event_id", "99999999", "status", "open",
			"audience", "open", "countries", "KE", "question_rows", "1", "q.0.label",
			"Level", "q.0.type", "text", "criterion_rows", "1", "cr.0.name", "Fit",
			"cr.0.weight", "7", NULL };

		r = form_post(staff, "/staff/calls/new", f);
	}
	STATUS(r, 422);
	HAS(r, "Some fields need your attention.");
	HAS(r, "<p class=\"error\" id=\"e-closes\">The call must close after it opens.</p>");
	HAS(r, "<p class=\"error\" id=\"e-places\">Enter a number of places");
	HAS(r, "<p class=\"error\" id=\"e-event\">There is no such event.</p>");
	HAS(r, "value=\"Refused &lt;call&gt; &amp; co\"");
	HAS(r, "value=\"2031-06-01T09:00\"");
	HAS(r, "<option value=\"KE\" selected>");
	HAS(r, "value=\"Level\"");
	HAS(r, "name=\"cr.0.weight\" type=\"text\" inputmode=\"numeric\" value=\"7\"");
	{
		const char *const f[] = { "kind", "workshop", "title", "Refused rows", "timezone",
			"Mars/Olympus", "closes", "2031-05-01T09:00", "status", "open", "audience",
			"open", "question_rows", "1", "q.0.label", "Level", "q.0.type", "choice",
			"q.0.choices", "Only one", "criterion_rows", "2", "cr.0.name", "Fit",
			"cr.0.weight", "500", "cr.1.name", "", "cr.1.weight", "2", NULL };

		r = form_post(staff, "/staff/calls/new", f);
	}
	STATUS(r, 422);
	HAS(r, "A choice needs at least two options, one a line.");
	HAS(r, "<p class=\"error\" id=\"cr-0-e-weight\">A weight is a whole number from 1 to "
	    "100.</p>");
	HAS(r, "<p class=\"error\" id=\"cr-1-e-name\">Give the criterion a name.</p>");
	HAS(r, "Some criteria need your attention.");
	HAS(r, ">Only one</textarea>");
	r = form_post(staff, "/staff/calls/new", (const char *const[]){ "kind", "workshop",
	    "title", "Refused zone", "timezone", "Mars/Olympus", "closes", "2031-05-01T09:00",
	    "audience", "open", NULL });
	STATUS(r, 422);
	HAS(r, "<p class=\"error\" id=\"e-timezone\">Choose a time zone of the tz database");
	HAS(r, "value=\"Mars&#x2F;Olympus\"");
	/* in French */
	STATUS(ts_get(staff, "/staff/calls?lang=fr"), 200);
	r = form_post(staff, "/staff/calls/new", (const char *const[]){ "kind", "workshop",
	    "title", "Refused in French", "timezone", "Europe/Vienna", "closes", "soon",
	    "audience", "open", "criterion_rows", "1", "cr.0.name", "Fit", "cr.0.weight", "x",
	    NULL });
	STATUS(r, 422);
	HAS(r, "Un poids est un nombre entier de 1 à 100.");
	STATUS(ts_get(staff, "/staff/calls?lang=en"), 200);
	/* without the CSRF token */
	r = ts_post(staff, "/staff/calls/new", "kind", "workshop", "title", "No token call",
	    "timezone", "Europe/Vienna", "closes", "2031-05-01T09:00", "audience", "open",
	    (char *)NULL);
	STATUS(r, 403);
	j = ta_get_json("/api/v1/staff/calls", staff_tok, 200);
	assert_int_equal(ta_num(j, "total"), before);
	json_decref(j);
	ts_browser_free(staff);
}

/*
 * The edit form shows the call as stored; what is sent changes it: the
 * title, the status (closed), a criterion removed and one added (the kept
 * one keeps its id, the new one takes an id no criterion had), the
 * eligibility; once an application is scored, its criteria stay, and the
 * form says so by them, keeping what was typed.  An unknown call is a
 * 404; others are refused.
 */
static void
test_form_edits(void **state)
{
	struct ts_browser *staff = ts_signed_in(&srv, "127.0.0.55", STAFF, PW);
	const struct ts_res *r;
	char path[128], apps[128], score[160];
	json_t *c, *cr, *j;
	int64_t id, aid;

	(void)state;
	assert_non_null(staff);
	id = call_made(json_pack("{s:s,s:s,s:{s:[s],s:[s],s:b,s:s},s:[{s:s,s:s,s:i},{s:s,s:s,"
	    "s:i}],s:[{s:s,s:s,s:s}]}", "title", "Edited call", "kind", "course_cohort",
	    "eligibility", "organization_kinds", "charity", "countries", "SN", "experts", 0,
	    "audience", "open", "criteria", "id", "fit", "name", "Fit", "weight", 2, "id", "reach",
	    "name", "Reach", "weight", 1, "questions", "id", "why", "label", "Why?", "type",
	    "text"));
	snprintf(path, sizeof path, "/staff/calls/%lld/edit", (long long)id);
	r = ts_get(staff, path);
	STATUS(r, 200);
	HAS(r, "value=\"Edited call\"");
	HAS(r, "<option value=\"course_cohort\" selected>");
	HAS(r, "<option value=\"SN\" selected>");
	HAS(r, "name=\"organization_kinds\" value=\"charity\" checked");
	LACKS(r, "name=\"experts\" value=\"1\" checked");
	HAS(r, "name=\"cr.0.id\" value=\"fit\"");
	HAS(r, "value=\"Reach\"");
	HAS(r, "name=\"q.0.id\" value=\"why\"");
	HAS(r, "value=\"2031-10-05T23:59:00+02:00\"");
	{
		const char *const f[] = { "kind", "course_cohort", "title", "Edited call, closed",
			"timezone", "Europe/Vienna", "closes", "2031-10-05T23:59:00+02:00",
			"status", "closed", "audience", "open", "experts", "1",
			"question_rows", "1", "q.0.id", "why", "q.0.label", "Why now?", "q.0.type",
			"text", "criterion_rows", "3", "cr.0.id", "fit", "cr.0.name", "Fit",
			"cr.0.weight", "4", "cr.1.id", "reach", "cr.1.name", "Reach", "cr.1.weight",
			"1", "cr.1.remove", "1", "cr.2.id", "", "cr.2.name", "Depth", "cr.2.weight",
			"2", NULL };

		r = form_post(staff, path, f);
	}
	STATUS(r, 303);
	snprintf(apps, sizeof apps, "/api/v1/calls/%lld", (long long)id);
	c = ta_get_json(apps, staff_tok, 200);
	assert_string_equal(ta_str(c, "title"), "Edited call, closed");
	assert_string_equal(ta_str(c, "status"), "closed");
	assert_true(json_is_true(json_object_get(json_object_get(c, "eligibility"), "experts")));
	assert_int_equal(json_array_size(json_object_get(json_object_get(c, "eligibility"),
	    "countries")), 0);
	assert_string_equal(ta_str(json_array_get(json_object_get(c, "questions"), 0), "id"),
	    "why");
	assert_string_equal(ta_str(json_array_get(json_object_get(c, "questions"), 0), "label"),
	    "Why now?");
	cr = json_object_get(c, "criteria");
	assert_int_equal(json_array_size(cr), 2);
	assert_string_equal(ta_str(json_array_get(cr, 0), "id"), "fit");
	assert_int_equal(ta_num(json_array_get(cr, 0), "weight"), 4);
	assert_string_equal(ta_str(json_array_get(cr, 1), "name"), "Depth");
	assert_string_equal(ta_str(json_array_get(cr, 1), "id"), "c1");
	json_decref(c);
	j = ta_get_json("/api/v1/staff/audit?per_page=200", staff_tok, 200);
	{
		char *s = json_dumps(j, 0);

		assert_non_null(strstr(s, "call.edited"));
		assert_non_null(strstr(s, "Edited call, closed (closed)"));
		free(s);
	}
	json_decref(j);

	/* open it again; an application, scored: the criteria stay */
	r = form_post(staff, path, (const char *const[]){ "title", "Edited call, closed",
	    "status", "open", NULL });
	STATUS(r, 303);
	snprintf(apps, sizeof apps, "/api/v1/calls/%lld/applications", (long long)id);
	r = ta_api("POST", apps, pat_tok, json_pack("{s:s,s:{s:s}}", "status", "submitted",
	    "answers", "why", "To teach."));
	STATUS(r, 201);
	j = ts_jbody(r);
	aid = ta_num(j, "id");
	json_decref(j);
	snprintf(score, sizeof score, "/api/v1/calls/%lld/applications/%lld/scores",
	    (long long)id, (long long)aid);
	STATUS(ta_api("POST", score, staff_tok, json_pack("{s:{s:i,s:i}}", "scores", "fit", 4, "c1",
	    3)), 200);
	r = form_post(staff, path, (const char *const[]){ "title", "Edited, criteria kept",
	    "criterion_rows", "2", "cr.0.id", "fit", "cr.0.name", "Fit", "cr.0.weight", "9",
	    "cr.1.id", "c1", "cr.1.name", "Depth", "cr.1.weight", "2", NULL });
	STATUS(r, 422);
	HAS(r, "Applications have been scored against these criteria: they cannot change now.");
	HAS(r, "value=\"Edited, criteria kept\"");
	HAS(r, "name=\"cr.0.weight\" type=\"text\" inputmode=\"numeric\" value=\"9\"");
	snprintf(apps, sizeof apps, "/api/v1/calls/%lld", (long long)id);
	c = ta_get_json(apps, staff_tok, 200);
	assert_string_equal(ta_str(c, "title"), "Edited call, closed");
	assert_int_equal(ta_num(json_array_get(json_object_get(c, "criteria"), 0), "weight"), 4);
	json_decref(c);

	/* unknown, others */
	STATUS(ts_get(staff, "/staff/calls/99999999/edit"), 404);
	r = form_post(staff, "/staff/calls/99999999/edit", (const char *const[]){ "title", "X",
	    NULL });
	STATUS(r, 404);
	STATUS(ta_api("GET", path, ada_tok, NULL), 403);
	STATUS(ta_api("GET", path, lou_tok, NULL), 403);
	STATUS(ta_api("GET", "/staff/calls/new", ada_tok, NULL), 403);
	STATUS(ta_api("POST", path, ada_tok, json_pack("{s:s}", "title", "Taken over")), 403);
	STATUS(ta_api("POST", "/staff/calls/new", lou_tok, json_pack("{s:s}", "title", "Taken")),
	    403);
	ts_browser_free(staff);
}

/* ---- set-up ---------------------------------------------------------------- */

static int
setup(void **state)
{
	struct ts_browser *staff;
	int64_t ada_id;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	ts_db_open(db_url);
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	quillon = ts_org_import(db_url, "Quillon Staff Trust", "KE", "info@quillon-cs.example",
	    NULL);
	if (quillon <= 0 ||
	    ts_person_add(db_url, STAFF, "Sam Staff", "staff", 0, PW) <= 0 ||
	    (ada_id = ts_person_add(db_url, ADA, "Ada Quillon", "member", quillon, PW)) <= 0 ||
	    ts_person_add(db_url, PAT, "Pat Pending", "applicant", 0, PW) <= 0 ||
	    ts_person_add(db_url, LOU, "Lou Focal", "focal", 0, PW) <= 0)
		return -1;
	staff = ts_signed_in(&srv, NULL, STAFF, PW);
	if (!staff || ts_org_admin(staff, quillon, ada_id) != 0)
		return -1;
	ts_browser_free(staff);
	if (ts_token(plain, STAFF, PW, staff_tok, 129) != 0 ||
	    ts_token(plain, ADA, PW, ada_tok, 129) != 0 ||
	    ts_token(plain, PAT, PW, pat_tok, 129) != 0 ||
	    ts_token(plain, LOU, PW, lou_tok, 129) != 0)
		return -1;
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
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_form_writes),
		cmocka_unit_test(test_form_refuses),
		cmocka_unit_test(test_form_edits),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("calls_staff", tests, setup, teardown);
}
