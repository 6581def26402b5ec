/*
 * courses_cohorts_test.c -- the cohorts of a course (issue 18, part 2):
 * staff make them with tutors and a window of enrolment; people are
 * enrolled by staff (and mailed), by themselves when the course allows it
 * and the window is open at the server's clock (409 before and after,
 * 403 when the course does not take it), and by a call of kind
 * course_cohort that accepts them, in the decision's transaction; who
 * sees the enrolments (staff and tutors all, a participant their own).
 *
 * The database is $WHATSON_TEST_DB (tests/http/run.t runs this program
 * once on SQLite and once on PostgreSQL).  The server's clock is moved
 * forward (POST /_test/clock), so each test reads it first.
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

#include "lib/courses.h"
#include "lib/people.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"
#define STAFF "sam.staff@cohorts.test"
#define TUTOR "tia.tutor@cohorts.test"
#define ADA "ada@quillon-k.example"
#define BO "bo@quillon-k.example"
#define CY "cy@quillon-k.example"
#define FE "fe@interior-k.go.ke"
#define DAY 86400

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

static char staff_tok[129], tutor_tok[129], ada_tok[129], bo_tok[129], cy_tok[129],
    fe_tok[129];
static int64_t quillon, tutor_id, ada_id, bo_id, cy_id, fe_id;

/* ---- helpers ------------------------------------------------------------ */

static void
tokens(void)
{
	assert_int_equal(ts_token(plain, STAFF, PW, staff_tok, 129), 0);
	assert_int_equal(ts_token(plain, TUTOR, PW, tutor_tok, 129), 0);
	assert_int_equal(ts_token(plain, ADA, PW, ada_tok, 129), 0);
	assert_int_equal(ts_token(plain, BO, PW, bo_tok, 129), 0);
	assert_int_equal(ts_token(plain, CY, PW, cy_tok, 129), 0);
	assert_int_equal(ts_token(plain, FE, PW, fe_tok, 129), 0);
}

/* Moves the server's clock by s seconds; everyone's token made anew. */
static void
advance(long s)
{
	assert_int_equal(ts_clock_advance(plain, s), 200);
	tokens();
}

/* A course staff make (published unless draft), taking self-enrolment or
 * not; its id. */
static int64_t
course_made(const char *title, int self, int draft)
{
	const struct ts_res *r = tc_api("POST", "/api/v1/courses", staff_tok, json_pack(
	    "{s:s,s:s,s:b}", "title", title, "status", draft ? "draft" : "published",
	    "self_enrolment", self));

	STATUS(r, 201);
	return tc_id_of(r);
}

/* A cohort of course from body (consumed; course_id, title, timezone,
 * start and end filled in when absent: starting in 5 days, for 60); its
 * id. */
static int64_t
cohort_made(int64_t course, json_t *body)
{
	int64_t now = tc_now();
	const struct ts_res *r;

	json_object_set_new(body, "course_id", json_integer(course));
	if (!json_object_get(body, "title"))
		json_object_set_new(body, "title", json_string("First cohort"));
	if (!json_object_get(body, "timezone"))
		json_object_set_new(body, "timezone", json_string("Europe/Vienna"));
	if (!json_object_get(body, "start"))
		json_object_set_new(body, "start", json_string(tc_utc(now + 5 * DAY)));
	if (!json_object_get(body, "end"))
		json_object_set_new(body, "end", json_string(tc_utc(now + 65 * DAY)));
	r = tc_api("POST", "/api/v1/cohorts", staff_tok, body);
	STATUS(r, 201);
	return tc_id_of(r);
}

static const struct ts_res *
enrol(int64_t kid, const char *token, json_t *body)
{
	char path[64];

	snprintf(path, sizeof path, "/api/v1/cohorts/%lld/enrolments", (long long)kid);
	return tc_api("POST", path, token, body ? body : json_object());
}

/* How many enrolments of cohort kid token sees. */
static int64_t
seen(int64_t kid, const char *token)
{
	const struct ts_res *r;
	char path[80];
	json_t *j;
	int64_t n;

	snprintf(path, sizeof path, "/api/v1/cohorts/%lld/enrolments", (long long)kid);
	r = tc_api("GET", path, token, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	n = (int64_t)json_array_size(json_object_get(j, "items"));
	assert_int_equal(tc_num(j, "total"), n);
	json_decref(j);
	return n;
}

/* Waits for a message to address to whose body has text, reading the
 * ones before it. */
static void
mail_with(const char *to, const char *text)
{
	struct ts_mail m;
	int found = 0;

	while (!found && ts_mail_wait(&sink, to, 10000, &m) == 0) {
		found = strstr(m.body, text) != NULL;
		ts_mail_free(&m);
	}
	if (!found)
		printf("# no mail to %s saying \"%s\"\n", to, text);
	assert_true(found);
}

static void
refused(json_t *body, const char *field)
{
	const struct ts_res *r = tc_api("POST", "/api/v1/cohorts", staff_tok, body);
	json_t *j;

	STATUS(r, 422);
	j = ts_jbody(r);
	if (!json_object_get(json_object_get(j, "errors"), field))
		printf("# no message for %s: %s\n", field, r->body);
	assert_non_null(json_object_get(json_object_get(j, "errors"), field));
	json_decref(j);
}

/* ---- tests ---------------------------------------------------------------- */

static void
test_cohort(void **state)
{
	int64_t course = course_made("Cohort course", 1, 0), now = tc_now(), kid;
	const struct ts_res *r;
	char path[64];
	json_t *j;

	(void)state;
	kid = cohort_made(course, json_pack("{s:s,s:s,s:s,s:s,s:s,s:[I]}", "title",
	    "Second cohort", "enrolment_opens", "2031-09-01T09:00", "enrolment_closes",
	    "2031-10-05T23:59", "start", "2031-10-12T09:00", "end", "2031-12-20T18:00", "tutors",
	    (json_int_t)tutor_id));
	(void)now;
	snprintf(path, sizeof path, "/api/v1/cohorts/%lld", (long long)kid);
	r = tc_api("GET", path, NULL, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_string_equal(tc_str(j, "title"), "Second cohort");
	assert_string_equal(tc_str(j, "course_title"), "Cohort course");
	assert_string_equal(tc_str(j, "enrolment_opens"), "2031-09-01T09:00:00+02:00");
	assert_string_equal(tc_str(j, "enrolment_closes"), "2031-10-05T23:59:00+02:00");
	assert_string_equal(tc_str(j, "enrolment"), "upcoming");
	assert_string_equal(tc_str(json_array_get(json_object_get(j, "tutors"), 0), "name"),
	    "Tia Tutor");
	assert_int_equal(tc_num(j, "participants"), 0);
	assert_false(json_is_true(json_object_get(j, "can_enrol")));
	json_decref(j);

	/* changed: what is not sent stays */
	r = tc_api("PATCH", path, staff_tok, json_pack("{s:s}", "title", "Second cohort, 2031"));
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_string_equal(tc_str(j, "title"), "Second cohort, 2031");
	assert_string_equal(tc_str(j, "enrolment_closes"), "2031-10-05T23:59:00+02:00");
	assert_int_equal(json_array_size(json_object_get(j, "tutors")), 1);
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/cohorts?course=%lld", (long long)course);
	r = tc_api("GET", path, NULL, NULL);
	STATUS(r, 200);
	HAS(r, "Second cohort, 2031");

	/* bad input: the field named, nothing written */
	refused(json_pack("{s:I,s:s,s:s,s:s,s:s}", "course_id", (json_int_t)999999, "title",
	    "No course", "timezone", "UTC", "start", "2031-01-01T10:00", "end",
	    "2031-02-01T10:00"), "course_id");
	refused(json_pack("{s:I,s:s,s:s,s:s,s:s}", "course_id", (json_int_t)course, "title",
	    "Backwards", "timezone", "UTC", "start", "2031-03-01T10:00", "end",
	    "2031-02-01T10:00"), "end");
	refused(json_pack("{s:I,s:s,s:s,s:s,s:s}", "course_id", (json_int_t)course, "title",
	    "Mars", "timezone", "Mars/Olympus", "start", "2031-01-01T10:00", "end",
	    "2031-02-01T10:00"), "timezone");
	refused(json_pack("{s:I,s:s,s:s,s:s,s:s,s:[I]}", "course_id", (json_int_t)course,
	    "title", "Member tutor", "timezone", "UTC", "start", "2031-01-01T10:00", "end",
	    "2031-02-01T10:00", "tutors", (json_int_t)ada_id), "tutors");
	refused(json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s}", "course_id", (json_int_t)course,
	    "title", "Late window", "timezone", "UTC", "start", "2031-01-01T10:00", "end",
	    "2031-02-01T10:00", "enrolment_opens", "2031-01-05T10:00", "enrolment_closes",
	    "2031-03-01T10:00"), "enrolment_closes");
	refused(json_pack("{s:I,s:s,s:s,s:s,s:s}", "course_id", (json_int_t)course, "title",
	    "No time", "timezone", "UTC", "start", "soon", "end", "2031-02-01T10:00"), "start");
	r = tc_api("GET", path, staff_tok, NULL);
	LACKS(r, "Backwards");
	LACKS(r, "Late window");

	/* only staff make cohorts */
	STATUS(tc_api("POST", "/api/v1/cohorts", ada_tok, json_pack("{s:I}", "course_id",
	    (json_int_t)course)), 403);
	STATUS(tc_api("POST", "/api/v1/cohorts", NULL, json_pack("{s:I}", "course_id",
	    (json_int_t)course)), 401);

	/* a draft course's cohorts are staff's */
	kid = cohort_made(course_made("Draft cohort course", 1, 1), json_pack("{}"));
	snprintf(path, sizeof path, "/api/v1/cohorts/%lld", (long long)kid);
	STATUS(tc_api("GET", path, ada_tok, NULL), 404);
	STATUS(tc_api("GET", path, staff_tok, NULL), 200);
	STATUS(enrol(kid, ada_tok, NULL), 404);
	r = tc_api("GET", "/api/v1/cohorts", NULL, NULL);
	LACKS(r, "Draft cohort course");
}

static void
test_self_enrolment(void **state)
{
	int64_t course = course_made("Self-paced course", 1, 0), now = tc_now(), kid, shut;
	const struct ts_res *r;
	char path[64];
	json_t *j;

	(void)state;
	kid = cohort_made(course, json_pack("{s:s,s:s,s:s,s:s}", "enrolment_opens",
	    tc_utc(now + DAY), "enrolment_closes", tc_utc(now + 3 * DAY), "start",
	    tc_utc(now + 5 * DAY), "end", tc_utc(now + 65 * DAY)));
	shut = cohort_made(course_made("Staff-enrolled course", 0, 0), json_pack("{}"));

	/* before the window: 409; the course without self-enrolment: 403 */
	r = enrol(kid, ada_tok, NULL);
	STATUS(r, 409);
	HAS(r, "not open");
	STATUS(enrol(shut, ada_tok, NULL), 403);
	advance(2 * DAY);
	snprintf(path, sizeof path, "/api/v1/cohorts/%lld", (long long)kid);
	j = ts_jbody(tc_api("GET", path, ada_tok, NULL));
	assert_string_equal(tc_str(j, "enrolment"), "open");
	assert_true(json_is_true(json_object_get(j, "can_enrol")));
	json_decref(j);

	/* in the window: enrolled once, however many times they ask */
	r = enrol(kid, ada_tok, NULL);
	STATUS(r, 201);
	j = ts_jbody(r);
	assert_int_equal(tc_num(j, "user_id"), ada_id);
	assert_string_equal(tc_str(j, "source"), "self");
	json_decref(j);
	STATUS(enrol(kid, ada_tok, NULL), 200);
	STATUS(enrol(kid, ada_tok, json_pack("{s:I}", "user_id", (json_int_t)ada_id)), 200);
	j = ts_jbody(tc_api("GET", path, ada_tok, NULL));
	assert_true(json_is_true(json_object_get(j, "enrolled")));
	assert_false(json_is_true(json_object_get(j, "can_enrol")));
	assert_int_equal(tc_num(j, "participants"), 1);
	json_decref(j);

	/* not someone else; not a focal point; not a visitor */
	STATUS(enrol(kid, bo_tok, json_pack("{s:I}", "user_id", (json_int_t)cy_id)), 403);
	STATUS(enrol(kid, fe_tok, NULL), 403);
	STATUS(enrol(kid, NULL, NULL), 401);

	/* after the window: 409 */
	advance(2 * DAY);
	STATUS(enrol(kid, bo_tok, NULL), 409);
	assert_int_equal(seen(kid, staff_tok), 1);
}

static void
test_staff_enrolment(void **state)
{
	int64_t course = course_made("Tutored course", 0, 0), kid;
	const struct ts_res *r;
	struct ts_mail m;

	(void)state;
	kid = cohort_made(course, json_pack("{s:s,s:[I]}", "title", "Tutored cohort", "tutors",
	    (json_int_t)tutor_id));
	r = enrol(kid, staff_tok, json_pack("{s:I}", "user_id", (json_int_t)bo_id));
	STATUS(r, 201);
	HAS(r, "\"source\":\"staff\"");
	assert_int_equal(ts_mail_wait(&sink, BO, 10000, &m), 0);
	assert_string_equal(m.subject, "You are enrolled in a course");
	assert_non_null(strstr(m.body, "Tutored cohort"));
	assert_non_null(strstr(m.body, "Tutored course"));
	ts_mail_free(&m);
	/* again: nothing changes, nobody is mailed again */
	STATUS(enrol(kid, staff_tok, json_pack("{s:I}", "user_id", (json_int_t)bo_id)), 200);
	STATUS(enrol(kid, staff_tok, json_pack("{s:I}", "user_id", (json_int_t)cy_id)), 201);
	assert_int_equal(ts_mail_wait(&sink, CY, 10000, &m), 0);
	ts_mail_free(&m);
	assert_int_equal(ts_mail_count(&sink, BO), 0);
	r = enrol(kid, staff_tok, json_pack("{s:i}", "user_id", 9999999));
	STATUS(r, 422);
	HAS(r, "\"user_id\"");

	/* who sees the enrolments: staff and the tutor all, a participant
	 * their own, anyone else none */
	assert_int_equal(seen(kid, staff_tok), 2);
	assert_int_equal(seen(kid, tutor_tok), 2);
	assert_int_equal(seen(kid, bo_tok), 1);
	assert_int_equal(seen(kid, ada_tok), 0);
	{
		char path[80];

		snprintf(path, sizeof path, "/api/v1/cohorts/%lld/enrolments", (long long)kid);
		STATUS(tc_api("GET", path, NULL, NULL), 401);
	}
}

static void
test_from_call(void **state)
{
	int64_t course = course_made("Course with a call", 0, 0), now = tc_now(), call, kid;
	int64_t other;
	const struct ts_res *r;
	char path[96];
	json_t *j;

	(void)state;
	/* a call for a workshop cannot fill a cohort */
	r = tc_api("POST", "/api/v1/calls", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s}", "kind",
	    "workshop", "title", "Call for a workshop", "timezone", "UTC", "closes",
	    tc_utc(now + 3600), "status", "open"));
	STATUS(r, 201);
	other = tc_id_of(r);
	refused(json_pack("{s:I,s:s,s:s,s:s,s:s,s:I}", "course_id", (json_int_t)course, "title",
	    "Workshop's", "timezone", "UTC", "start", tc_utc(now + 5 * DAY), "end",
	    tc_utc(now + 9 * DAY), "call_id", (json_int_t)other), "call_id");

	r = tc_api("POST", "/api/v1/calls", staff_tok, json_pack("{s:s,s:s,s:s,s:s,s:s}", "kind",
	    "course_cohort", "title", "Call for the second cohort", "timezone", "UTC", "closes",
	    tc_utc(now + 3600), "status", "open"));
	STATUS(r, 201);
	call = tc_id_of(r);
	kid = cohort_made(course, json_pack("{s:s,s:I}", "title", "Cohort of the call", "call_id",
	    (json_int_t)call));
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications", (long long)call);
	r = tc_api("POST", path, cy_tok, json_pack("{s:s}", "status", "submitted"));
	STATUS(r, 201);
	j = ts_jbody(r);
	other = tc_num(j, "id");
	json_decref(j);
	advance(7200);
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/decisions", (long long)call);
	r = tc_api("POST", path, staff_tok, json_pack("{s:[I],s:s}", "ids", (json_int_t)other,
	    "decision", "accept"));
	STATUS(r, 200);
	HAS(r, "\"succeeded\":1");
	mail_with(CY, "is accepted");	/* the call's own mail tells them */
	snprintf(path, sizeof path, "/api/v1/cohorts/%lld/enrolments", (long long)kid);
	r = tc_api("GET", path, cy_tok, NULL);
	STATUS(r, 200);
	HAS(r, "\"source\":\"call\"");
	assert_int_equal(seen(kid, staff_tok), 1);
	/* deciding again changes nothing */
	snprintf(path, sizeof path, "/api/v1/calls/%lld/applications/decisions", (long long)call);
	STATUS(tc_api("POST", path, staff_tok, json_pack("{s:[I],s:s}", "ids", (json_int_t)other,
	    "decision", "accept")), 200);
	assert_int_equal(seen(kid, staff_tok), 1);
}

static void
test_pages(void **state)
{
	struct ts_browser *staff = ts_signed_in(&srv, NULL, STAFF, PW);
	struct ts_browser *ada = ts_signed_in(&srv, NULL, ADA, PW);
	int64_t course = course_made("Course of the pages", 1, 0), now = tc_now(), kid;
	const struct ts_res *r;
	char path[96], form[96];
	const char *loc;

	(void)state;
	assert_non_null(staff);
	assert_non_null(ada);
	kid = cohort_made(course, json_pack("{s:s,s:s,s:[I]}", "title", "Open cohort",
	    "enrolment_closes", tc_utc(now + DAY), "tutors", (json_int_t)tutor_id));

	/* a visitor reads the cohorts and is asked to sign in */
	snprintf(path, sizeof path, "/courses/%lld", (long long)course);
	r = ts_get(plain, path);
	STATUS(r, 200);
	HAS(r, "Open cohort");
	HAS(r, "Enrolment is open");
	HAS(r, "Tia Tutor");
	HAS(r, "Sign in to enrol");
	LACKS(r, "Enrol in this cohort");

	/* a member enrols through the button, without JavaScript */
	r = ts_get(ada, path);
	HAS(r, "Enrol in this cohort");
	snprintf(form, sizeof form, "/courses/%lld/cohorts/%lld/enrol", (long long)course,
	    (long long)kid);
	r = ts_form(ada, form, NULL);
	STATUS(r, 303);
	r = ts_get(ada, path);
	HAS(r, "You are enrolled in this cohort.");
	LACKS(r, "Enrol in this cohort");
	snprintf(form, sizeof form, "%s?lang=fr", path);
	r = ts_get(ada, form);
	HAS(r, "Vous êtes inscrit ou inscrite à cette cohorte.");
	HAS(r, "Les inscriptions sont ouvertes");
	/* another course's cohort is not this course's */
	snprintf(form, sizeof form, "/courses/%lld/cohorts/%lld/enrol", (long long)course + 1000,
	    (long long)kid);
	STATUS(ts_form(ada, form, NULL), 404);

	/* staff add a cohort: refused with each field named and what was typed */
	snprintf(path, sizeof path, "/staff/courses/%lld", (long long)course);
	snprintf(form, sizeof form, "/staff/courses/%lld/cohorts", (long long)course);
	r = ts_form(staff, form, "title", "Kept cohort", "timezone", "Europe/Vienna", "start",
	    "next spring", "end", "2032-05-31T18:00", "tutors", "1, x", NULL);
	STATUS(r, 422);
	HAS(r, "id=\"e-c-start\"");
	HAS(r, "id=\"e-c-tutors\"");
	HAS(r, "value=\"Kept cohort\"");
	HAS(r, "value=\"next spring\"");
	r = ts_form(staff, form, "title", "Spring cohort", "timezone", "Europe/Vienna", "start",
	    "2032-03-01T09:00", "end", "2032-05-31T18:00", "call_id", "", "tutors", "", NULL);
	STATUS(r, 303);
	loc = ts_header(r, "Location");
	assert_non_null(strstr(loc, "#cohort-"));
	kid = strtoll(strstr(loc, "#cohort-") + 8, NULL, 10);
	r = ts_get(staff, path);
	STATUS(r, 200);
	HAS(r, "Spring cohort");

	/* staff enrol a person by address: an unknown one is said and kept */
	snprintf(form, sizeof form, "/staff/courses/%lld/cohorts/%lld/enrol", (long long)course,
	    (long long)kid);
	r = ts_form(staff, form, "email", "nobody@nowhere.example", NULL);
	STATUS(r, 422);
	HAS(r, "There is no account with this address.");
	HAS(r, "value=\"nobody@nowhere.example\"");
	r = ts_form(staff, form, "email", CY, NULL);
	STATUS(r, 303);
	mail_with(CY, "Spring cohort");
	assert_int_equal(seen(kid, staff_tok), 1);
	STATUS(ts_form(ada, form, "email", CY, NULL), 403);
	ts_browser_free(staff);
	ts_browser_free(ada);
}

static void
test_reading(void **state)
{
	struct ts_browser *ada;
	int64_t course = course_made("Course to read", 0, 0), now = tc_now(), kid, m1, m2;
	int64_t l1, l2, l3, draft;
	const struct ts_res *r;
	char p1[96], p2[96], p3[96], prog[96], path[128];
	json_t *j;

	(void)state;
	m1 = tc_module_made(course, "The Convention");
	m2 = tc_module_made(course, "Engaging");
	l1 = tc_lesson_made(course, m1, json_pack("{s:s,s:s,s:s,s:i}", "title", "What it says",
	    "kind", "markdown", "body", "The **Convention**.\n\n![Map](https://img.example/m.png)",
	    "minutes", 10));
	l2 = tc_lesson_made(course, m1, json_pack("{s:s,s:s,s:s,s:i}", "title", "A talk", "kind",
	    "video", "video_url", "https://video.example/talk", "minutes", 20));
	l3 = tc_lesson_made(course, m2, json_pack("{s:s,s:s,s:s,s:i}", "title", "Entry points",
	    "kind", "markdown", "body", "Where to start.", "minutes", 15));
	kid = cohort_made(course, json_pack("{s:s,s:s,s:s,s:[I]}", "title", "Reading cohort",
	    "start", tc_utc(now + DAY), "end", tc_utc(now + 30 * DAY), "tutors",
	    (json_int_t)tutor_id));
	STATUS(enrol(kid, staff_tok, json_pack("{s:I}", "user_id", (json_int_t)ada_id)), 201);
	mail_with(ADA, "Reading cohort");
	snprintf(p1, sizeof p1, "/api/v1/courses/%lld/lessons/%lld", (long long)course,
	    (long long)l1);
	snprintf(p2, sizeof p2, "/api/v1/courses/%lld/lessons/%lld", (long long)course,
	    (long long)l2);
	snprintf(p3, sizeof p3, "/api/v1/courses/%lld/lessons/%lld", (long long)course,
	    (long long)l3);
	snprintf(prog, sizeof prog, "/api/v1/courses/%lld/progress", (long long)course);

	/* before the cohort starts: closed to its participant, open to its
	 * tutor and staff, who leave no mark */
	r = tc_api("GET", p1, ada_tok, NULL);
	STATUS(r, 403);
	HAS(r, "not running");
	STATUS(tc_api("GET", p1, bo_tok, NULL), 403);
	STATUS(tc_api("GET", p1, fe_tok, NULL), 403);
	STATUS(tc_api("GET", p1, NULL, NULL), 401);
	snprintf(path, sizeof path, "/courses/%lld/lessons/%lld", (long long)course, (long long)l1);
	r = ts_get(plain, path);
	STATUS(r, 303);
	r = tc_api("GET", p1, tutor_tok, NULL);
	STATUS(r, 200);
	HAS(r, "\"read\":false");
	STATUS(tc_api("GET", p1, staff_tok, NULL), 200);
	j = ts_jbody(tc_api("GET", prog, ada_tok, NULL));
	assert_false(json_is_true(json_object_get(j, "running")));
	assert_int_equal(tc_num(j, "lessons_read"), 0);
	assert_int_equal(tc_num(j, "lesson_count"), 3);
	assert_int_equal(tc_num(json_object_get(j, "next"), "id"), l1);
	json_decref(j);
	STATUS(tc_api("GET", prog, bo_tok, NULL), 403);
	STATUS(tc_api("GET", prog, tutor_tok, NULL), 403);

	/* running: opened, read; previous and next across modules */
	advance(2 * DAY);
	r = tc_api("GET", p1, ada_tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_true(json_is_true(json_object_get(j, "read")));
	assert_true(json_is_null(json_object_get(j, "previous")));
	assert_int_equal(tc_num(json_object_get(j, "next"), "id"), l2);
	assert_non_null(strstr(tc_str(j, "body_html"), "<strong>Convention</strong>"));
	assert_non_null(strstr(tc_str(j, "body_html"), "<img src=\"https://img.example/m.png\""));
	assert_null(json_object_get(j, "body"));
	assert_string_equal(tc_str(json_object_get(j, "module"), "title"), "The Convention");
	json_decref(j);
	j = ts_jbody(tc_api("GET", p2, ada_tok, NULL));
	assert_int_equal(tc_num(json_object_get(j, "previous"), "id"), l1);
	assert_int_equal(tc_num(json_object_get(j, "next"), "id"), l3);
	assert_string_equal(tc_str(j, "video_url"), "https://video.example/talk");
	json_decref(j);
	j = ts_jbody(tc_api("GET", prog, ada_tok, NULL));
	assert_true(json_is_true(json_object_get(j, "running")));
	assert_int_equal(tc_num(j, "lessons_read"), 2);
	assert_int_equal(tc_num(j, "percent"), 66);
	assert_int_equal(tc_num(json_object_get(j, "next"), "id"), l3);
	json_decref(j);
	/* opening again counts once; a tutor's reading is not theirs */
	STATUS(tc_api("GET", p1, ada_tok, NULL), 200);
	j = ts_jbody(tc_api("GET", prog, ada_tok, NULL));
	assert_int_equal(tc_num(j, "lessons_read"), 2);
	json_decref(j);

	/* the pages, without JavaScript, in English and French */
	ada = ts_signed_in(&srv, NULL, ADA, PW);
	assert_non_null(ada);
	r = ts_get(ada, path);
	STATUS(r, 200);
	HAS(r, "<strong>Convention</strong>");
	HAS(r, "rel=\"next\"");
	LACKS(r, "rel=\"prev\"");
	snprintf(path, sizeof path, "/courses/%lld/lessons/%lld?lang=fr", (long long)course,
	    (long long)l3);
	r = ts_get(ada, path);
	STATUS(r, 200);
	HAS(r, "Précédent");
	snprintf(path, sizeof path, "/courses/%lld/progress?lang=en", (long long)course);
	r = ts_get(ada, path);
	STATUS(r, 200);
	HAS(r, "<strong>3</strong> / 3 lessons read");
	HAS(r, "You have read every lesson.");

	/* a lesson not of this course, a draft course: 404 */
	draft = course_made("Draft to read", 0, 1);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/lessons/%lld", (long long)draft,
	    (long long)l1);
	STATUS(tc_api("GET", path, ada_tok, NULL), 404);
	STATUS(tc_api("GET", path, staff_tok, NULL), 404);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/progress", (long long)draft);
	STATUS(tc_api("GET", path, ada_tok, NULL), 404);

	/* after the cohort ends: closed again, the progress kept */
	advance(40 * DAY);
	STATUS(tc_api("GET", p1, ada_tok, NULL), 403);
	j = ts_jbody(tc_api("GET", prog, ada_tok, NULL));
	assert_int_equal(tc_num(j, "lessons_read"), 3);
	json_decref(j);
	ts_browser_free(ada);
}

/* ---- set-up ------------------------------------------------------------- */

static int
setup(void **state)
{
	struct ts_browser *staff;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	tc_use(plain, staff_tok);
	quillon = ts_org_import(db_url, "Quillon Cohort Trust", "KE", "info@quillon-k.example",
	    NULL);
	assert_true(quillon > 0);
	assert_true(ts_person_add(db_url, STAFF, "Sam Staff", "staff", 0, PW) > 0);
	tutor_id = ts_person_add(db_url, TUTOR, "Tia Tutor", "staff", 0, PW);
	ada_id = ts_person_add(db_url, ADA, "Ada", "member", quillon, PW);
	bo_id = ts_person_add(db_url, BO, "Bo", "member", quillon, PW);
	cy_id = ts_person_add(db_url, CY, "Cy", "member", quillon, PW);
	fe_id = ts_person_add(db_url, FE, "Fe", "focal", 0, PW);
	assert_true(tutor_id > 0 && ada_id > 0 && bo_id > 0 && cy_id > 0 && fe_id > 0);
	tokens();
	staff = ts_signed_in(&srv, NULL, STAFF, PW);
	if (!staff || ts_org_admin(staff, quillon, ada_id) != 0)
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
		cmocka_unit_test(test_cohort),
		cmocka_unit_test(test_self_enrolment),
		cmocka_unit_test(test_staff_enrolment),
		cmocka_unit_test(test_from_call),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_reading),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("courses_cohorts", tests, setup, teardown);
}
