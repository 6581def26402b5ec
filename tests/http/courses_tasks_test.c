/*
 * courses_tasks_test.c -- the shared tasks of a course (issue 18): staff
 * write a module's task (bad input refused with the field named; a copy
 * of the course copies it); a participant of a running cohort posts an
 * answer to the cohort's discussion and edits it until it is marked;
 * others of the cohort and its tutors reply (its author is mailed);
 * staff or the tutors mark it complete or send it back with a comment
 * (mailed), and the participant sees it in their progress.
 *
 * Who reads: the cohort's participants, tutors and staff; someone else
 * 403, a visitor 401; another cohort of the same course is another
 * discussion.  Bad input: a post by someone not enrolled (403), to a task
 * of another course (404), over the length (422, the form keeps the
 * text), empty (422), a mark by a participant (403), a reply to a post of
 * another cohort (404), a form without its CSRF token (403).
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

#include "lib/courses.h"
#include "lib/people.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"
#define STAFF "sam.staff@tasks.test"
#define TUTOR "tia.tutor@tasks.test"
#define ADA "ada@tallow-t.example"
#define BO "bo@tallow-t.example"
#define CY "cy@tallow-t.example"
#define DI "di@tallow-t.example"
#define DAY 86400

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

static char staff_tok[129], tutor_tok[129], ada_tok[129], bo_tok[129], cy_tok[129];
static char di_tok[129];
static int64_t tallow, tutor_id, ada_id, bo_id, cy_id, di_id;
static int64_t course, module, task, cohort, cohort2, other_course, other_task;
static int64_t ada_post, di_post;

/* ---- helpers ------------------------------------------------------------ */

/* The API address under cohort kid of the course: /api/v1/courses/C/cohorts/K/rest. */
static const char *
at(int64_t kid, const char *fmt, long long n)
{
	static char bufs[4][160];
	static int k;
	char *out = bufs[k++ % 4], rest[96];

	snprintf(rest, sizeof rest, fmt, n);
	snprintf(out, 160, "/api/v1/courses/%lld/cohorts/%lld/%s", (long long)course,
	    (long long)kid, rest);
	return out;
}

static const struct ts_res *
post_answer(const char *token, int64_t kid, int64_t tid, const char *body)
{
	return tc_api("POST", at(kid, "tasks/%lld/answer", (long long)tid), token,
	    json_pack("{s:s}", "body", body));
}

/* The next mail to `to` whose subject has part (others before it, such
 * as the enrolment's, read and dropped) into m; 0 when it came. */
static int
mail_about(const char *to, const char *part, struct ts_mail *m)
{
	int i;

	for (i = 0; i < 5; i++) {
		if (ts_mail_wait(&sink, to, 20000, m) != 0)
			return -1;
		if (strstr(m->subject, part))
			return 0;
		ts_mail_free(m);
	}
	return -1;
}

/* ---- tests ---------------------------------------------------------------- */

static void
test_staff(void **state)
{
	const struct ts_res *r;
	char path[128];
	json_t *j;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/courses/%lld/modules/%lld/task", (long long)course,
	    (long long)module);
	r = tc_api("POST", path, staff_tok, json_pack("{s:s}", "instructions", "No title."));
	STATUS(r, 422);
	HAS(r, "\"title\"");
	r = tc_api("POST", path, staff_tok, json_pack("{s:s,s:i}", "title", "Too short",
	    "max_length", 10));
	STATUS(r, 422);
	HAS(r, "\"max_length\"");
	STATUS(tc_api("POST", path, ada_tok, json_pack("{s:s}", "title", "Mine")), 403);
	STATUS(tc_api("POST", path, NULL, json_pack("{s:s}", "title", "Mine")), 401);

	r = tc_api("POST", path, staff_tok, json_pack("{s:s,s:s,s:i}", "title", "Share an "
	    "experience", "instructions", "Tell the cohort about **one** engagement with your "
	    "government.", "max_length", 200));
	STATUS(r, 201);
	j = ts_jbody(r);
	task = tc_num(j, "id");
	assert_int_equal(tc_num(j, "max_length"), 200);
	assert_non_null(strstr(json_string_value(json_object_get(j, "instructions_html")),
	    "<strong>one</strong>"));
	json_decref(j);
	/* one a module */
	STATUS(tc_api("POST", path, staff_tok, json_pack("{s:s}", "title", "Another")), 409);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/tasks/%lld", (long long)course,
	    (long long)task);
	r = tc_api("PATCH", path, staff_tok, json_pack("{s:s}", "title", "Share an experience "
	    "of engagement"));
	STATUS(r, 200);
	HAS(r, "Share an experience of engagement");
	HAS(r, "\"max_length\":200");
	/* a task of another course is not this course's */
	snprintf(path, sizeof path, "/api/v1/courses/%lld/tasks/%lld", (long long)course,
	    (long long)other_task);
	STATUS(tc_api("PATCH", path, staff_tok, json_pack("{s:s}", "title", "Taken over")), 404);
}

static void
test_answer(void **state)
{
	const struct ts_res *r;
	char big[400];
	json_t *j;

	(void)state;
	/* who may not: someone not enrolled, a visitor, a tutor (not a
	 * participant), a task of another course, empty, too long */
	STATUS(post_answer(cy_tok, cohort, task, "I am not enrolled."), 403);
	STATUS(post_answer(NULL, cohort, task, "A visitor."), 401);
	STATUS(post_answer(tutor_tok, cohort, task, "A tutor."), 403);
	STATUS(post_answer(ada_tok, cohort, other_task, "Another course's task."), 404);
	r = post_answer(ada_tok, cohort, task, "   ");
	STATUS(r, 422);
	HAS(r, "\"body\"");
	memset(big, 'x', 201);
	big[201] = '\0';
	r = post_answer(ada_tok, cohort, task, big);
	STATUS(r, 422);
	HAS(r, "\"body\"");
	/* 200 characters, not bytes: accented letters count once */
	{
		char ok[500];
		size_t k = 0;
		int i;

		for (i = 0; i < 200; i++) {
			ok[k++] = (char)0xc3;
			ok[k++] = (char)0xa9;
		}
		ok[k] = '\0';
		r = post_answer(bo_tok, cohort, task, ok);
		STATUS(r, 201);
	}

	r = post_answer(ada_tok, cohort, task, "We met the *ministry* <script>alert(1)</script> "
	    "twice.");
	STATUS(r, 201);
	j = ts_jbody(r);
	ada_post = tc_num(j, "id");
	assert_string_equal(json_string_value(json_object_get(j, "status")), "submitted");
	assert_non_null(strstr(json_string_value(json_object_get(j, "body_html")),
	    "<em>ministry</em>"));
	assert_null(strstr(json_string_value(json_object_get(j, "body_html")), "<script"));
	json_decref(j);
	/* one live answer: posting again edits it */
	r = post_answer(ada_tok, cohort, task, "We met the *ministry* three times.");
	STATUS(r, 200);
	assert_int_equal(tc_id_of(r), ada_post);
	HAS(r, "three times");

	/* another cohort of the course is another discussion */
	r = post_answer(di_tok, cohort2, task, "In the second cohort.");
	STATUS(r, 201);
	di_post = tc_id_of(r);
	STATUS(post_answer(di_tok, cohort, task, "Not my cohort."), 403);
}

static void
test_read(void **state)
{
	const struct ts_res *r;
	json_t *j;
	char path[128];

	(void)state;
	snprintf(path, sizeof path, "/api/v1/courses/%lld/cohorts/%lld/discussion",
	    (long long)course, (long long)cohort);
	r = tc_api("GET", path, bo_tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_int_equal(tc_num(j, "total"), 2);
	assert_int_equal(json_array_size(json_object_get(j, "tasks")), 1);
	json_decref(j);
	HAS(r, "three times");
	LACKS(r, "In the second cohort.");
	STATUS(tc_api("GET", path, tutor_tok, NULL), 200);
	STATUS(tc_api("GET", path, staff_tok, NULL), 200);
	STATUS(tc_api("GET", path, cy_tok, NULL), 403);
	STATUS(tc_api("GET", path, di_tok, NULL), 403);
	STATUS(tc_api("GET", path, NULL, NULL), 401);
	/* pages of it */
	snprintf(path, sizeof path, "/api/v1/courses/%lld/cohorts/%lld/discussion?per_page=1",
	    (long long)course, (long long)cohort);
	r = tc_api("GET", path, bo_tok, NULL);
	j = ts_jbody(r);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
	assert_int_equal(tc_num(j, "next_page"), 2);
	json_decref(j);
	/* a cohort that is another course's */
	snprintf(path, sizeof path, "/api/v1/courses/%lld/cohorts/%lld/discussion",
	    (long long)other_course, (long long)cohort);
	STATUS(tc_api("GET", path, staff_tok, NULL), 404);
	/* the task's page: one's own answer */
	snprintf(path, sizeof path, "/api/v1/courses/%lld/cohorts/%lld/tasks/%lld",
	    (long long)course, (long long)cohort, (long long)task);
	r = tc_api("GET", path, ada_tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_int_equal(tc_num(json_object_get(j, "mine"), "id"), ada_post);
	assert_true(json_is_true(json_object_get(j, "can_answer")));
	assert_false(json_is_true(json_object_get(j, "can_mark")));
	json_decref(j);
	r = tc_api("GET", path, tutor_tok, NULL);
	j = ts_jbody(r);
	assert_true(json_is_true(json_object_get(j, "can_mark")));
	assert_true(json_is_null(json_object_get(j, "mine")));
	json_decref(j);
}

static void
test_reply(void **state)
{
	const struct ts_res *r;
	struct ts_mail m;
	json_t *j;

	(void)state;
	STATUS(tc_api("POST", at(cohort, "posts/%lld/replies", (long long)ada_post), cy_tok,
	    json_pack("{s:s}", "body", "Not enrolled.")), 403);
	/* a post of another cohort, through this one: 404 */
	STATUS(tc_api("POST", at(cohort, "posts/%lld/replies", (long long)di_post), bo_tok,
	    json_pack("{s:s}", "body", "Crossing over.")), 404);
	r = tc_api("POST", at(cohort, "posts/%lld/replies", (long long)ada_post), bo_tok,
	    json_pack("{s:s}", "body", ""));
	STATUS(r, 422);
	HAS(r, "\"body\"");
	r = tc_api("POST", at(cohort, "posts/%lld/replies", (long long)ada_post), bo_tok,
	    json_pack("{s:s}", "body", "How did you get the **first** meeting?"));
	STATUS(r, 201);
	j = ts_jbody(r);
	assert_int_equal(tc_num(j, "parent_id"), ada_post);
	json_decref(j);
	/* the author is mailed */
	assert_int_equal(mail_about(ADA, "A reply to your answer", &m), 0);
	assert_non_null(strstr(m.subject, "Share an experience of engagement"));
	assert_non_null(strstr(m.body, "How did you get the **first** meeting?"));
	ts_mail_free(&m);
	/* a tutor replies too; a reply to a reply joins its answer */
	r = tc_api("POST", at(cohort, "posts/%lld/replies", (long long)ada_post), tutor_tok,
	    json_pack("{s:s}", "body", "Good question."));
	STATUS(r, 201);
	r = tc_api("POST", at(cohort, "posts/%lld/replies", (long long)tc_id_of(r)), ada_tok,
	    json_pack("{s:s}", "body", "Through the focal point."));
	STATUS(r, 201);
	j = ts_jbody(r);
	assert_int_equal(tc_num(j, "parent_id"), ada_post);
	json_decref(j);
	assert_int_equal(mail_about(ADA, "A reply to your answer", &m), 0);	/* the tutor's */
	ts_mail_free(&m);
	r = tc_api("GET", at(cohort, "tasks/%lld", (long long)task), ada_tok, NULL);
	j = ts_jbody(r);
	assert_int_equal(json_array_size(json_object_get(json_object_get(j, "mine"),
	    "replies")), 3);
	json_decref(j);
}

static void
test_mark(void **state)
{
	const struct ts_res *r;
	struct ts_mail m;
	char path[128];
	json_t *j;

	(void)state;
	/* a participant does not mark */
	STATUS(tc_api("POST", at(cohort, "posts/%lld/mark", (long long)ada_post), bo_tok,
	    json_pack("{s:s}", "decision", "complete")), 403);
	/* sent back needs a comment; a decision is one of two */
	r = tc_api("POST", at(cohort, "posts/%lld/mark", (long long)ada_post), tutor_tok,
	    json_pack("{s:s}", "decision", "returned"));
	STATUS(r, 422);
	HAS(r, "\"comment\"");
	r = tc_api("POST", at(cohort, "posts/%lld/mark", (long long)ada_post), tutor_tok,
	    json_pack("{s:s}", "decision", "maybe"));
	STATUS(r, 422);
	HAS(r, "\"decision\"");
	r = tc_api("POST", at(cohort, "posts/%lld/mark", (long long)ada_post), tutor_tok,
	    json_pack("{s:s,s:s}", "decision", "returned", "comment", "Say which ministry."));
	STATUS(r, 200);
	HAS(r, "\"status\":\"returned\"");
	assert_int_equal(mail_about(ADA, "Your answer was sent back", &m), 0);
	assert_non_null(strstr(m.body, "Say which ministry."));
	ts_mail_free(&m);
	/* sent back: the participant sees it and may edit again */
	snprintf(path, sizeof path, "/api/v1/courses/%lld/progress", (long long)course);
	j = ts_jbody(tc_api("GET", path, ada_tok, NULL));
	assert_int_equal(tc_num(j, "tasks_done"), 0);
	assert_int_equal(tc_num(j, "task_count"), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(j,
	    "tasks"), 0), "status")), "returned");
	assert_int_equal(tc_num(json_object_get(j, "next_task"), "id"), task);
	json_decref(j);
	r = post_answer(ada_tok, cohort, task, "We met the Ministry of Justice three times.");
	STATUS(r, 200);
	HAS(r, "\"status\":\"submitted\"");
	/* staff mark it complete: no longer editable */
	r = tc_api("POST", at(cohort, "posts/%lld/mark", (long long)ada_post), staff_tok,
	    json_pack("{s:s}", "decision", "complete"));
	STATUS(r, 200);
	HAS(r, "\"status\":\"complete\"");
	assert_int_equal(mail_about(ADA, "Your answer is marked complete", &m), 0);
	ts_mail_free(&m);
	STATUS(post_answer(ada_tok, cohort, task, "Changed after the mark."), 409);
	j = ts_jbody(tc_api("GET", path, ada_tok, NULL));
	assert_int_equal(tc_num(j, "tasks_done"), 1);
	assert_true(json_is_null(json_object_get(j, "next_task")));
	json_decref(j);
	/* a tutor of this cohort marks no post of another cohort through it */
	STATUS(tc_api("POST", at(cohort, "posts/%lld/mark", (long long)di_post), tutor_tok,
	    json_pack("{s:s}", "decision", "complete")), 404);
}

static void
test_pages(void **state)
{
	struct ts_browser *bo = ts_signed_in(&srv, NULL, BO, PW);
	struct ts_browser *tutor = ts_signed_in(&srv, NULL, TUTOR, PW);
	const struct ts_res *r;
	char path[160], form[160], big[400];
	static const char *const formtype[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL };

	(void)state;
	assert_non_null(bo);
	assert_non_null(tutor);
	snprintf(path, sizeof path, "/courses/%lld/cohorts/%lld/tasks/%lld", (long long)course,
	    (long long)cohort, (long long)task);
	r = ts_get(bo, path);
	STATUS(r, 200);
	HAS(r, "<strong>one</strong>");
	HAS(r, "We met the Ministry of Justice three times.");
	HAS(r, "How did you get the <strong>first</strong> meeting?");
	HAS(r, "name=\"body\"");
	LACKS(r, "name=\"decision\"");
	/* too long through the form: 422, what was typed kept */
	memset(big, 'y', 250);
	big[250] = '\0';
	snprintf(form, sizeof form, "%s/answer", path);
	r = ts_form(bo, form, "body", big, NULL);
	STATUS(r, 422);
	HAS(r, big);
	HAS(r, "id=\"e-body\"");
	r = ts_form(bo, form, "body", "", NULL);
	STATUS(r, 422);
	/* without the CSRF token: refused */
	r = ts_req(bo, "POST", form, formtype, "body=Forged", 11);
	STATUS(r, 403);
	r = ts_form(bo, form, "body", "Our **plan** for the review.", NULL);
	STATUS(r, 303);
	r = ts_get(bo, path);
	HAS(r, "Our <strong>plan</strong> for the review.");
	/* a reply through the form */
	snprintf(form, sizeof form, "/courses/%lld/cohorts/%lld/posts/%lld/reply",
	    (long long)course, (long long)cohort, (long long)ada_post);
	r = ts_form(bo, form, "body", "  ", NULL);
	STATUS(r, 422);
	snprintf(big, sizeof big, "id=\"re-%lld\"", (long long)ada_post);
	HAS(r, big);
	r = ts_form(bo, form, "body", "Thank you.", NULL);
	STATUS(r, 303);
	/* the tutor's page has the marking form; a refused mark keeps its comment */
	r = ts_get(tutor, path);
	STATUS(r, 200);
	HAS(r, "name=\"decision\"");
	snprintf(form, sizeof form, "/courses/%lld/cohorts/%lld/posts/%lld/mark",
	    (long long)course, (long long)cohort, (long long)ada_post);
	/* a participant's mark through the form: 403 */
	STATUS(ts_form(bo, form, "decision", "complete", NULL), 403);
	/* the progress page names the task */
	snprintf(form, sizeof form, "/courses/%lld/progress", (long long)course);
	r = ts_get(bo, form);
	STATUS(r, 200);
	HAS(r, "Share an experience of engagement");
	HAS(r, "tasks done");
	/* the course's page leads a participant to their cohort's discussion */
	snprintf(form, sizeof form, "/courses/%lld", (long long)course);
	r = ts_get(bo, form);
	snprintf(form, sizeof form, "href=\"/courses/%lld/cohorts/%lld/discussion\"",
	    (long long)course, (long long)cohort);
	HAS(r, form);
	snprintf(form, sizeof form, "href=\"/courses/%lld/cohorts/%lld/discussion\"",
	    (long long)course, (long long)cohort2);
	LACKS(r, form);
	/* the whole discussion */
	snprintf(form, sizeof form, "/courses/%lld/cohorts/%lld/discussion", (long long)course,
	    (long long)cohort);
	r = ts_get(bo, form);
	STATUS(r, 200);
	HAS(r, "Thank you.");
	/* French (the choice stays with the browser: last) */
	snprintf(form, sizeof form, "%s?lang=fr", path);
	r = ts_get(bo, form);
	HAS(r, "Votre réponse");
	ts_browser_free(bo);
	ts_browser_free(tutor);
}

static void
test_staff_form_and_copy(void **state)
{
	struct ts_browser *staff = ts_signed_in(&srv, NULL, STAFF, PW);
	const struct ts_res *r;
	char path[128], form[128];

	(void)state;
	assert_non_null(staff);
	snprintf(path, sizeof path, "/staff/courses/%lld/modules/%lld", (long long)course,
	    (long long)module);
	r = ts_get(staff, path);
	STATUS(r, 200);
	HAS(r, "value=\"Share an experience of engagement\"");
	snprintf(form, sizeof form, "%s/task", path);
	r = ts_form(staff, form, "title", "", "instructions", "Kept instructions", "max_length",
	    "300", NULL);
	STATUS(r, 422);
	HAS(r, "id=\"e-k-title\"");
	HAS(r, "Kept instructions");
	r = ts_form(staff, form, "title", "A plan for engagement", "instructions",
	    "Write your plan.", "max_length", "300", NULL);
	STATUS(r, 303);
	r = ts_get(staff, path);
	HAS(r, "value=\"A plan for engagement\"");
	/* a copy of the course has its task, without anyone's answers */
	snprintf(path, sizeof path, "/api/v1/courses/%lld/copy", (long long)course);
	r = tc_api("POST", path, staff_tok, NULL);
	STATUS(r, 201);
	{
		int64_t copy = tc_id_of(r), kid;
		json_t *j;

		snprintf(path, sizeof path, "/api/v1/courses/%lld", (long long)copy);
		STATUS(tc_api("PATCH", path, staff_tok, json_pack("{s:s}", "status", "published")),
		    200);
		kid = tc_cohort_made(copy, "Copy's cohort", -DAY, 30 * DAY, tutor_id);
		tc_enrolled(kid, cy_id);
		snprintf(path, sizeof path, "/api/v1/courses/%lld/progress", (long long)copy);
		j = ts_jbody(tc_api("GET", path, cy_tok, NULL));
		assert_int_equal(tc_num(j, "task_count"), 1);
		assert_int_equal(tc_num(j, "tasks_done"), 0);
		assert_string_equal(json_string_value(json_object_get(json_object_get(j,
		    "next_task"), "title")), "A plan for engagement");
		json_decref(j);
		snprintf(path, sizeof path, "/api/v1/courses/%lld/cohorts/%lld/discussion",
		    (long long)copy, (long long)kid);
		r = tc_api("GET", path, cy_tok, NULL);
		STATUS(r, 200);
		HAS(r, "\"total\":0");
		/* staff delete the copy's task: the copy has none, the course keeps its own */
		j = ts_jbody(r);
		snprintf(path, sizeof path, "/api/v1/courses/%lld/tasks/%lld", (long long)copy,
		    (long long)tc_num(json_array_get(json_object_get(j, "tasks"), 0), "id"));
		json_decref(j);
		STATUS(tc_api("DELETE", path, cy_tok, NULL), 403);
		STATUS(tc_api("DELETE", path, staff_tok, NULL), 204);
		STATUS(tc_api("DELETE", path, staff_tok, NULL), 404);
		snprintf(path, sizeof path, "/api/v1/courses/%lld/progress", (long long)copy);
		j = ts_jbody(tc_api("GET", path, cy_tok, NULL));
		assert_int_equal(tc_num(j, "task_count"), 0);
		json_decref(j);
		snprintf(path, sizeof path, "/api/v1/courses/%lld/progress", (long long)course);
		j = ts_jbody(tc_api("GET", path, ada_tok, NULL));
		assert_int_equal(tc_num(j, "task_count"), 1);
		json_decref(j);
	}
	ts_browser_free(staff);
}

/* Last, as it moves the server's clock on: once the cohort has ended, its
 * tasks are answered no more (403), and its discussion is still read. */
static void
test_ended(void **state)
{
	const struct ts_res *r;
	json_t *j;

	(void)state;
	assert_int_equal(ts_clock_advance(plain, 31 * DAY), 200);
	assert_int_equal(ts_token(plain, BO, PW, bo_tok, 129), 0);	/* the old one lapsed */
	r = post_answer(bo_tok, cohort, task, "After the end.");
	STATUS(r, 403);
	r = tc_api("GET", at(cohort, "tasks/%lld", (long long)task), bo_tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_false(json_is_true(json_object_get(j, "can_answer")));
	assert_false(json_is_true(json_object_get(j, "running")));
	json_decref(j);
	LACKS(r, "After the end.");
}

/* ---- set-up ------------------------------------------------------------- */

static int
setup(void **state)
{
	const struct ts_res *r;
	char path[96];
	json_t *j;
	int64_t omod;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	tc_use(plain, staff_tok);
	tallow = ts_org_import(db_url, "Tallow Tasks Trust", "KE", "info@tallow-t.example", NULL);
	assert_true(tallow > 0);
	assert_true(ts_person_add(db_url, STAFF, "Sam Staff", "staff", 0, PW) > 0);
	tutor_id = ts_person_add(db_url, TUTOR, "Tia Tutor", "staff", 0, PW);
	ada_id = ts_person_add(db_url, ADA, "Ada", "member", tallow, PW);
	bo_id = ts_person_add(db_url, BO, "Bo", "member", tallow, PW);
	cy_id = ts_person_add(db_url, CY, "Cy", "member", tallow, PW);
	di_id = ts_person_add(db_url, DI, "Di", "member", tallow, PW);
	assert_int_equal(ts_token(plain, STAFF, PW, staff_tok, 129), 0);
	assert_int_equal(ts_token(plain, TUTOR, PW, tutor_tok, 129), 0);
	assert_int_equal(ts_token(plain, ADA, PW, ada_tok, 129), 0);
	assert_int_equal(ts_token(plain, BO, PW, bo_tok, 129), 0);
	assert_int_equal(ts_token(plain, CY, PW, cy_tok, 129), 0);
	assert_int_equal(ts_token(plain, DI, PW, di_tok, 129), 0);

	r = tc_api("POST", "/api/v1/courses", staff_tok, json_pack("{s:s,s:s}", "title",
	    "Course with a task", "status", "published"));
	STATUS(r, 201);
	course = tc_id_of(r);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/modules", (long long)course);
	r = tc_api("POST", path, staff_tok, json_pack("{s:s}", "title", "Engaging"));
	STATUS(r, 201);
	j = ts_jbody(r);
	module = tc_num(json_array_get(json_object_get(j, "modules"), 0), "id");
	json_decref(j);
	/* another course, with its own task */
	r = tc_api("POST", "/api/v1/courses", staff_tok, json_pack("{s:s,s:s}", "title",
	    "Another course", "status", "published"));
	STATUS(r, 201);
	other_course = tc_id_of(r);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/modules", (long long)other_course);
	r = tc_api("POST", path, staff_tok, json_pack("{s:s}", "title", "Elsewhere"));
	j = ts_jbody(r);
	omod = tc_num(json_array_get(json_object_get(j, "modules"), 0), "id");
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/modules/%lld/task",
	    (long long)other_course, (long long)omod);
	r = tc_api("POST", path, staff_tok, json_pack("{s:s}", "title", "Other task"));
	STATUS(r, 201);
	other_task = tc_id_of(r);

	cohort = tc_cohort_made(course, "First cohort", -DAY, 30 * DAY, tutor_id);
	cohort2 = tc_cohort_made(course, "Second cohort", -DAY, 30 * DAY, tutor_id);
	tc_enrolled(cohort, ada_id);
	tc_enrolled(cohort, bo_id);
	tc_enrolled(cohort2, di_id);
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
		cmocka_unit_test(test_staff),
		cmocka_unit_test(test_answer),
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_reply),
		cmocka_unit_test(test_mark),
		cmocka_unit_test(test_pages),
		cmocka_unit_test(test_staff_form_and_copy),
		cmocka_unit_test(test_ended),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("courses_tasks", tests, setup, teardown);
}
