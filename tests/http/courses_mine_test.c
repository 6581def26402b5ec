/*
 * courses_mine_test.c -- a person's own course data (issue 18): the export
 * of their account holds their enrolments, the lessons they read, their
 * quiz attempts (answers by text), their answers to tasks and replies,
 * the tutors' messages sent to them and their certificates -- and none of
 * another participant's; their /account (and its twin) lists their
 * courses with progress and certificate, which no one else sees; an
 * expert's page lists only completions, to members, focal points' level
 * and staff, not to visitors; and once the cohort has ended (the test
 * clock), a participant keeps their progress, their own results on a
 * quiz (without its questions, without the right answers they did not
 * choose) and their certificate, while the lessons and new attempts
 * close; a deleted account's certificate no longer verifies.
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
#include "lib/sqldirect.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"
#define STAFF "sam.staff@mine.test"
#define ADA "ada@quillon-m.example"
#define BO "bo@quillon-m.example"
#define CY "cy@quillon-m.example"
#define WANG "wang@quillon-m.example"
#define DAY 86400

#define RIGHT "The Conference of the Parties"
#define WRONG "Interpol"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

static char staff_tok[129], ada_tok[129], bo_tok[129], cy_tok[129], wang_tok[129];
static int64_t org, staff_id, ada_id, bo_id, cy_id, wang_id;
static int64_t course, lesson, quiz, task, kid, course2, kid2;
static int64_t ada_post, bo_post;
static char ada_code[64];

/* ---- helpers ------------------------------------------------------------ */

/* Attempt number of token's at the quiz, choosing the answer whose text is
 * text (an answer's id is the attempt's: read from their view). */
static const struct ts_res *
answer(const char *token, int number, const char *text)
{
	return tc_attempt_with(token, course, quiz, number, text);
}

static int64_t
post_answer(const char *token, const char *body)
{
	const struct ts_res *r = tc_api("POST", tc_path("/api/v1/courses/%lld/cohorts/%lld/"
	    "tasks/%lld/answer", (long long)course, (long long)kid, (long long)task), token,
	    json_pack("{s:s}", "body", body));

	STATUS(r, 201);
	return tc_id_of(r);
}

static void
reply(const char *token, int64_t pid, const char *body)
{
	STATUS(tc_api("POST", tc_path("/api/v1/courses/%lld/cohorts/%lld/posts/%lld/replies",
	    (long long)course, (long long)kid, (long long)pid), token, json_pack("{s:s}", "body",
	    body)), 201);
}

static void
mark(int64_t pid)
{
	STATUS(tc_api("POST", tc_path("/api/v1/courses/%lld/cohorts/%lld/posts/%lld/mark",
	    (long long)course, (long long)kid, (long long)pid), staff_tok, json_pack("{s:s,s:s}",
	    "decision", "complete", "comment", "MARKER-COMMENT: well said.")), 200);
}

static void
message(const char *subject, int64_t to)
{
	STATUS(tc_api("POST", tc_path("/api/v1/cohorts/%lld/messages", (long long)kid), staff_tok,
	    json_pack("{s:s,s:s,s:[I]}", "subject", subject, "body", "A word from your tutor.",
	    "user_ids", (json_int_t)to)), 201);
}

/* token's export, as JSON (its courses part). */
static json_t *
export_of(const char *token)
{
	const struct ts_res *r = tc_api("GET", "/api/v1/me/export", token, NULL);
	json_t *j, *c;

	STATUS(r, 200);
	j = ts_jbody(r);
	c = json_incref(json_object_get(j, "courses"));
	json_decref(j);
	assert_non_null(c);
	return c;
}

/* token's certificate code of course c into code; 1 when there is one. */
static int
certificate_of(int64_t c, const char *token, char *code, size_t len)
{
	const struct ts_res *r = tc_api("GET", tc_path("/api/v1/courses/%lld/progress",
	    (long long)c), token, NULL);
	json_t *j, *t;
	int has;

	STATUS(r, 200);
	j = ts_jbody(r);
	t = json_object_get(j, "certificate");
	has = json_is_object(t);
	if (has && code)
		snprintf(code, len, "%s", json_string_value(json_object_get(t, "code")));
	json_decref(j);
	return has;
}

/* How many courses token's account page lists. */
static int
courses_listed(const char *token)
{
	const struct ts_res *r = tc_api("GET", "/api/v1/account", token, NULL);
	json_t *j, *c;
	int n;

	STATUS(r, 200);
	j = ts_jbody(r);
	c = json_object_get(j, "courses");
	assert_true(json_is_array(c));
	n = (int)json_array_size(c);
	json_decref(j);
	return n;
}

/* ---- tests ---------------------------------------------------------------- */

/* Ada and Bo take the course side by side; Ada completes it. */
static void
test_activity(void **state)
{
	(void)state;
	STATUS(tc_api("GET", tc_path("/api/v1/courses/%lld/lessons/%lld", (long long)course,
	    (long long)lesson), ada_tok, NULL), 200);
	STATUS(answer(ada_tok, 1, WRONG), 201);
	STATUS(answer(ada_tok, 2, RIGHT), 201);
	STATUS(answer(bo_tok, 1, WRONG), 201);
	ada_post = post_answer(ada_tok, "ADA-ANSWER: we met the ministry twice and wrote a "
	    "shared plan for the review.");
	bo_post = post_answer(bo_tok, "BO-SECRET-ANSWER: our union talked to the focal point "
	    "about the self-assessment.");
	reply(ada_tok, bo_post, "ADA-REPLY: which ministry was it?");
	reply(bo_tok, ada_post, "BO-SECRET-REPLY: how did you get the meeting?");
	mark(ada_post);
	message("ADA-MESSAGE: welcome", ada_id);
	message("BO-ONLY-MESSAGE: a nudge", bo_id);
	assert_true(certificate_of(course, ada_tok, ada_code, sizeof ada_code));
	assert_false(certificate_of(course, bo_tok, NULL, 0));
}

/* The export: each kind of course data of Ada's, and none of Bo's. */
static void
test_export(void **state)
{
	json_t *c = export_of(ada_tok), *x, *a;
	char *text;
	size_t i;
	int answers = 0, replies = 0;

	(void)state;
	/* enrolments: the course, the cohort, how, when */
	x = json_array_get(json_object_get(c, "enrolments"), 0);
	assert_non_null(x);
	assert_int_equal(json_array_size(json_object_get(c, "enrolments")), 1);
	assert_string_equal(json_string_value(json_object_get(x, "course")), "Course of mine");
	assert_string_equal(json_string_value(json_object_get(x, "cohort")), "Mine cohort");
	assert_string_equal(json_string_value(json_object_get(x, "source")), "staff");
	assert_int_equal(tc_num(x, "cohort_id"), kid);
	assert_true(json_is_string(json_object_get(x, "enrolled_at")));
	assert_true(json_is_string(json_object_get(x, "cohort_ends_at")));
	/* the lesson read */
	x = json_array_get(json_object_get(c, "lessons_read"), 0);
	assert_non_null(x);
	assert_int_equal(tc_num(x, "lesson_id"), lesson);
	assert_string_equal(json_string_value(json_object_get(x, "lesson")), "What the "
	    "Convention is");
	/* two attempts, their answers by text */
	assert_int_equal(json_array_size(json_object_get(c, "quiz_attempts")), 2);
	x = json_array_get(json_object_get(c, "quiz_attempts"), 0);
	assert_int_equal(tc_num(x, "number"), 1);
	assert_int_equal(tc_num(x, "score"), 0);
	assert_false(json_is_true(json_object_get(x, "passed")));
	a = json_array_get(json_object_get(x, "answers"), 0);
	assert_string_equal(json_string_value(json_object_get(a, "question")), "Who reviews the "
	    "Convention?");
	assert_string_equal(json_string_value(json_array_get(json_object_get(a, "answers"), 0)),
	    WRONG);
	assert_int_equal(json_array_size(json_object_get(a, "answers")), 1);
	assert_false(json_is_true(json_object_get(a, "right")));
	x = json_array_get(json_object_get(c, "quiz_attempts"), 1);
	assert_true(json_is_true(json_object_get(x, "passed")));
	a = json_array_get(json_object_get(x, "answers"), 0);
	assert_string_equal(json_string_value(json_array_get(json_object_get(a, "answers"), 0)),
	    RIGHT);
	assert_true(json_is_true(json_object_get(a, "right")));
	/* their answer, marked, and their reply (to Bo's answer, by id) */
	json_array_foreach(json_object_get(c, "posts"), i, x) {
		const char *kind = json_string_value(json_object_get(x, "kind"));

		if (strcmp(kind, "answer") == 0) {
			answers++;
			assert_int_equal(tc_num(x, "id"), ada_post);
			assert_non_null(strstr(json_string_value(json_object_get(x, "body")),
			    "ADA-ANSWER"));
			assert_string_equal(json_string_value(json_object_get(x, "status")),
			    "complete");
			assert_string_equal(json_string_value(json_object_get(x, "comment")),
			    "MARKER-COMMENT: well said.");
			assert_string_equal(json_string_value(json_object_get(x, "task")),
			    "Share an experience");
		} else {
			replies++;
			assert_int_equal(tc_num(x, "reply_to"), bo_post);
			assert_string_equal(json_string_value(json_object_get(x, "body")),
			    "ADA-REPLY: which ministry was it?");
		}
	}
	assert_int_equal(answers, 1);
	assert_int_equal(replies, 1);
	/* the tutor's message to them, and their certificate */
	assert_int_equal(json_array_size(json_object_get(c, "messages")), 1);
	x = json_array_get(json_object_get(c, "messages"), 0);
	assert_string_equal(json_string_value(json_object_get(x, "subject")),
	    "ADA-MESSAGE: welcome");
	assert_string_equal(json_string_value(json_object_get(x, "sender")), "Sam Staff");
	assert_int_equal(json_array_size(json_object_get(c, "certificates")), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(c,
	    "certificates"), 0), "code")), ada_code);
	/* nothing of Bo's: his answer, his reply to Ada, his message */
	text = json_dumps(c, JSON_COMPACT);
	assert_null(strstr(text, "BO-SECRET"));
	assert_null(strstr(text, "BO-ONLY-MESSAGE"));
	assert_null(strstr(text, "\"correct\""));
	free(text);
	json_decref(c);

	/* Bo's: his, none of Ada's (her answer, reply, message, certificate) */
	c = export_of(bo_tok);
	assert_int_equal(json_array_size(json_object_get(c, "quiz_attempts")), 1);
	assert_int_equal(json_array_size(json_object_get(c, "certificates")), 0);
	assert_int_equal(json_array_size(json_object_get(c, "messages")), 1);
	text = json_dumps(c, JSON_COMPACT);
	assert_non_null(strstr(text, "BO-SECRET-ANSWER"));
	assert_non_null(strstr(text, "BO-SECRET-REPLY"));
	assert_null(strstr(text, "ADA-"));
	assert_null(strstr(text, ada_code));
	assert_null(strstr(text, "What the Convention is"));	/* he read no lesson */
	free(text);
	json_decref(c);
	/* someone who never took a course: every list there, empty */
	c = export_of(cy_tok);
	assert_int_equal(json_array_size(json_object_get(c, "enrolments")), 0);
	assert_int_equal(json_array_size(json_object_get(c, "posts")), 0);
	json_decref(c);
}

/* /account and its twin list one's own courses; no one else's. */
static void
test_account(void **state)
{
	struct ts_browser *ada;
	const struct ts_res *r;
	json_t *j, *x;

	(void)state;
	r = tc_api("GET", "/api/v1/account", ada_tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_int_equal(json_array_size(json_object_get(j, "courses")), 1);
	x = json_array_get(json_object_get(j, "courses"), 0);
	assert_string_equal(json_string_value(json_object_get(x, "course")), "Course of mine");
	assert_string_equal(json_string_value(json_object_get(x, "cohort")), "Mine cohort");
	assert_int_equal(tc_num(x, "percent"), 100);
	assert_true(json_is_true(json_object_get(x, "running")));
	assert_string_equal(json_string_value(json_object_get(json_object_get(x, "certificate"),
	    "code")), ada_code);
	json_decref(j);
	ada = ts_signed_in(&srv, NULL, ADA, PW);
	assert_non_null(ada);
	r = ts_get(ada, "/account");
	STATUS(r, 200);
	HAS(r, "Your courses");
	HAS(r, "Course of mine");
	HAS(r, "100 %");
	HAS(r, tc_path("href=\"/certificates/%s\"", ada_code));
	HAS(r, tc_path("href=\"/courses/%lld/progress\"", (long long)course));
	ts_browser_free(ada);

	/* Bo: his course, not completed, and nothing of Ada's */
	r = tc_api("GET", "/api/v1/account", bo_tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	x = json_array_get(json_object_get(j, "courses"), 0);
	assert_non_null(x);
	assert_int_equal(tc_num(x, "percent"), 0);
	assert_true(json_is_null(json_object_get(x, "certificate")));
	json_decref(j);
	LACKS(r, ada_code);
	/* a member in no course: no list; staff (the tutor): their own, none */
	assert_int_equal(courses_listed(cy_tok), 0);
	assert_int_equal(courses_listed(staff_tok), 0);
	LACKS(tc_api("GET", "/api/v1/account", staff_tok, NULL), ada_code);
	/* a visitor: sign in first */
	STATUS(tc_api("GET", "/api/v1/account", NULL, NULL), 401);
	STATUS(tc_api("GET", "/api/v1/me/export", NULL, NULL), 401);
}

/* An expert's page lists what they completed -- to members, focal
 * points' level and staff, not to visitors -- and never a course in
 * progress, which only their own /account shows. */
static void
test_person_page(void **state)
{
	const struct ts_res *r;
	char path[64];
	int64_t wpost;
	json_t *j, *x;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/people/%lld", (long long)wang_id);
	STATUS(tc_api("GET", tc_path("/api/v1/courses/%lld/lessons/%lld", (long long)course,
	    (long long)lesson), wang_tok, NULL), 200);
	STATUS(answer(wang_tok, 1, RIGHT), 201);
	wpost = post_answer(wang_tok, "WANG-ANSWER: the review's country visit had a "
	    "stakeholder meeting.");
	mark(wpost);
	assert_true(certificate_of(course, wang_tok, NULL, 0));

	r = tc_api("GET", path, ada_tok, NULL);	/* a member */
	STATUS(r, 200);
	j = ts_jbody(r);
	x = json_array_get(json_object_get(j, "courses_completed"), 0);
	assert_non_null(x);
	assert_string_equal(json_string_value(json_object_get(x, "course")), "Course of mine");
	json_decref(j);
	LACKS(r, "Second course");	/* in progress: his alone */
	LACKS(r, "percent");
	r = tc_api("GET", path, staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, "courses_completed");
	HAS(r, "Course of mine");
	LACKS(r, "Second course");
	r = tc_api("GET", path, NULL, NULL);	/* a visitor */
	STATUS(r, 200);
	LACKS(r, "courses_completed");
	LACKS(r, "Course of mine");
	/* the page itself, for a member */
	{
		struct ts_browser *b = ts_signed_in(&srv, NULL, ADA, PW);

		assert_non_null(b);
		r = ts_get(b, tc_path("/people/%lld", (long long)wang_id));
		STATUS(r, 200);
		HAS(r, "Courses completed");
		HAS(r, "Course of mine");
		LACKS(r, "Second course");
		ts_browser_free(b);
	}
	/* his /account: both, the second at 0 % */
	r = tc_api("GET", "/api/v1/account", wang_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Course of mine");
	HAS(r, "Second course");
}

/* Staff's CSV of a cohort (the tutors' table's) is its list of
 * enrolments too: each participant's address, how and when enrolled. */
static void
test_csv(void **state)
{
	struct ts_browser *staff = ts_signed_in(&srv, NULL, STAFF, PW), *ada;
	const struct ts_res *r;
	char path[128];

	(void)state;
	assert_non_null(staff);
	snprintf(path, sizeof path, "/staff/courses/%lld/cohorts/%lld/table.csv",
	    (long long)course, (long long)kid);
	r = ts_get(staff, path);
	STATUS(r, 200);
	HAS(r, "name,organization,country,region,lessons_read,lesson_count,quizzes_passed,"
	    "quiz_count,last_activity,standing,email,source,enrolled_at\r\n");
	HAS(r, "Ada Lovelace,Quillon Mine Trust,KE,");
	HAS(r, ",finished," ADA ",staff,20");
	HAS(r, BO ",staff,");
	HAS(r, "Wang Xiaoming");
	LACKS(r, CY);
	ada = ts_signed_in(&srv, NULL, ADA, PW);
	assert_non_null(ada);
	STATUS(ts_get(ada, path), 403);
	ts_browser_free(ada);
	ts_browser_free(staff);
}

/* Wang leaves the cohort after completing the course: his /account keeps
 * the course, with its certificate and no progress. */
static void
test_left(void **state)
{
	const struct ts_res *r;
	json_t *j, *x, *found = NULL;
	size_t i;

	(void)state;
	STATUS(tc_api("DELETE", tc_path("/api/v1/cohorts/%lld/enrolments/%lld", (long long)kid,
	    (long long)wang_id), wang_tok, NULL), 204);
	r = tc_api("GET", "/api/v1/account", wang_tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	json_array_foreach(json_object_get(j, "courses"), i, x)
		if (strcmp(json_string_value(json_object_get(x, "course")), "Course of mine") == 0)
			found = x;
	assert_non_null(found);
	assert_true(json_is_object(json_object_get(found, "certificate")));
	assert_true(json_is_null(json_object_get(found, "percent")));
	assert_true(json_is_null(json_object_get(found, "progress")));
	assert_string_equal(json_string_value(json_object_get(found, "cohort")), "Mine cohort");
	json_decref(j);
	/* the page: the course and its certificate, no progress link */
	{
		struct ts_browser *b = ts_signed_in(&srv, NULL, WANG, PW);

		assert_non_null(b);
		r = ts_get(b, "/account");
		STATUS(r, 200);
		HAS(r, "Course of mine");
		HAS(r, "Your certificate");
		LACKS(r, tc_path("href=\"/courses/%lld/progress\"", (long long)course));
		ts_browser_free(b);
	}
}

/* The cohort ends (the test clock): progress, one's own quiz results
 * (without its questions or the right answers not chosen) and the
 * certificate stay; lessons and new attempts close. */
static void
test_ended(void **state)
{
	const struct ts_res *r;
	char qpath[96];
	json_t *j, *res;

	(void)state;
	snprintf(qpath, sizeof qpath, "/api/v1/courses/%lld/quizzes/%lld", (long long)course,
	    (long long)quiz);
	assert_int_equal(ts_clock_advance(plain, 12 * DAY), 200);
	/* days later, the sessions have lapsed: new ones */
	assert_int_equal(ts_token(plain, ADA, PW, ada_tok, 129), 0);
	assert_int_equal(ts_token(plain, BO, PW, bo_tok, 129), 0);
	assert_int_equal(ts_token(plain, CY, PW, cy_tok, 129), 0);
	assert_int_equal(ts_token(plain, STAFF, PW, staff_tok, 129), 0);

	/* Ada passed: her standing and last result */
	r = tc_api("GET", tc_path("/api/v1/courses/%lld/quizzes/%lld", (long long)course,
	    (long long)quiz), ada_tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_false(json_is_true(json_object_get(j, "open")));
	assert_false(json_is_true(json_object_get(j, "can_attempt")));
	assert_true(json_is_null(json_object_get(j, "attempt")));
	assert_int_equal(json_array_size(json_object_get(j, "questions")), 0);
	assert_int_equal(tc_num(j, "best_score"), 100);
	assert_true(json_is_true(json_object_get(j, "passed")));
	assert_int_equal(tc_num(j, "attempts_used"), 2);
	res = json_array_get(json_object_get(json_object_get(j, "last"), "results"), 0);
	assert_true(json_is_true(json_object_get(res, "right")));
	json_decref(j);
	LACKS(r, WRONG);	/* not chosen that time, and no questions listed */

	/* Bo did not pass: what he chose, and not which answer was right */
	r = tc_api("GET", qpath, bo_tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_false(json_is_true(json_object_get(j, "passed")));
	assert_int_equal(json_array_size(json_object_get(j, "questions")), 0);
	res = json_array_get(json_object_get(json_object_get(j, "last"), "results"), 0);
	assert_false(json_is_true(json_object_get(res, "right")));
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(res,
	    "chosen"), 0), "text")), WRONG);
	json_decref(j);
	LACKS(r, RIGHT);
	/* and answers no more; nor reads a lesson */
	r = tc_api("POST", tc_path("/api/v1/courses/%lld/quizzes/%lld/attempts", (long long)course,
	    (long long)quiz), bo_tok, json_pack("{s:i,s:{}}", "attempt", 2, "answers"));
	STATUS(r, 403);
	HAS(r, "not running");
	r = tc_api("GET", tc_path("/api/v1/courses/%lld/lessons/%lld", (long long)course,
	    (long long)lesson), bo_tok, NULL);
	STATUS(r, 403);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM course_quiz_attempts WHERE user_id = "
	    "%lld", (long long)bo_id), 1);
	/* someone never enrolled: still nothing; staff read it whole */
	STATUS(tc_api("GET", qpath, cy_tok, NULL), 403);
	r = tc_api("GET", qpath, staff_tok, NULL);
	STATUS(r, 200);
	HAS(r, RIGHT);
	HAS(r, "\"open\":true");

	/* progress and certificate stay */
	assert_true(certificate_of(course, ada_tok, NULL, 0));
	assert_false(certificate_of(course, bo_tok, NULL, 0));
	STATUS(tc_api("GET", tc_path("/api/v1/certificates/%s", ada_code), NULL, NULL), 200);
	r = tc_api("GET", "/api/v1/account", ada_tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	res = json_array_get(json_object_get(j, "courses"), 0);
	assert_true(json_is_true(json_object_get(res, "ended")));
	assert_false(json_is_true(json_object_get(res, "running")));
	assert_true(json_is_object(json_object_get(res, "certificate")));
	json_decref(j);
	/* the pages say so */
	{
		struct ts_browser *b = ts_signed_in(&srv, NULL, BO, PW);

		assert_non_null(b);
		r = ts_get(b, tc_path("/courses/%lld/quizzes/%lld", (long long)course,
		    (long long)quiz));
		STATUS(r, 200);
		HAS(r, "Your cohort is not running now: here are your results on this quiz");
		HAS(r, "Your answer:");
		LACKS(r, "Submit my answers");
		LACKS(r, RIGHT);
		r = ts_get(b, "/account");
		STATUS(r, 200);
		HAS(r, "the cohort has ended");
		/* his progress: no link to a lesson that is closed; the quiz's is */
		r = ts_get(b, tc_path("/courses/%lld/progress", (long long)course));
		STATUS(r, 200);
		HAS(r, "Your progress, your results on its quizzes and your certificate stay here.");
		LACKS(r, "/lessons/");
		HAS(r, tc_path("href=\"/courses/%lld/quizzes/%lld\"", (long long)course,
		    (long long)quiz));
		ts_browser_free(b);
	}
}

/* A deleted account: its certificate no longer verifies (404) and names no
 * one where it is counted, and what
 * it wrote in the cohort's discussion is blanked; others' posts stay. */
static void
test_deleted(void **state)
{
	const struct ts_res *r;

	(void)state;
	STATUS(tc_api("DELETE", "/api/v1/me", ada_tok, json_pack("{s:s}", "password", PW)), 204);
	r = tc_api("GET", tc_path("/api/v1/certificates/%s", ada_code), NULL, NULL);
	STATUS(r, 404);	/* the certificate went with the account */
	LACKS(r, "Ada Lovelace");
	assert_int_equal(ts_sql_int("SELECT count(*) FROM course_completions WHERE user_id = "
	    "%lld AND name = 'Deleted user'", (long long)ada_id), 1);
	r = tc_api("GET", tc_path("/api/v1/courses/%lld/cohorts/%lld/discussion", (long long)course,
	    (long long)kid), staff_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "ADA-ANSWER");
	LACKS(r, "ADA-REPLY");
	LACKS(r, "Ada Lovelace");
	HAS(r, "BO-SECRET-ANSWER");
	assert_int_equal(ts_sql_int("SELECT count(*) FROM course_completions WHERE user_id = "
	    "%lld", (long long)ada_id), 1);	/* still counted in the rates */
}

/* ---- set-up ------------------------------------------------------------- */

static int
setup(void **state)
{
	const struct ts_res *r;
	int64_t mod, mod2;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	tc_use(plain, staff_tok);
	ts_db_open(db_url);
	org = ts_org_import(db_url, "Quillon Mine Trust", "KE", "info@quillon-m.example", NULL);
	assert_true(org > 0);
	staff_id = ts_person_add(db_url, STAFF, "Sam Staff", "staff", 0, PW);
	ada_id = ts_person_add(db_url, ADA, "Ada Lovelace", "member", org, PW);
	bo_id = ts_person_add(db_url, BO, "Bo Bright", "member", org, PW);
	cy_id = ts_person_add(db_url, CY, "Cy Clear", "member", org, PW);
	wang_id = tc_expert_made(&srv, db_url, STAFF, WANG, "Wang Xiaoming", PW);
	assert_int_equal(ts_token(plain, STAFF, PW, staff_tok, 129), 0);
	assert_int_equal(ts_token(plain, ADA, PW, ada_tok, 129), 0);
	assert_int_equal(ts_token(plain, BO, PW, bo_tok, 129), 0);
	assert_int_equal(ts_token(plain, CY, PW, cy_tok, 129), 0);
	assert_int_equal(ts_token(plain, WANG, PW, wang_tok, 129), 0);

	r = tc_api("POST", "/api/v1/courses", staff_tok, json_pack("{s:s,s:s,s:i}", "title",
	    "Course of mine", "status", "published", "estimated_hours", 6));
	STATUS(r, 201);
	course = tc_id_of(r);
	mod = tc_module_made(course, "The Convention");
	lesson = tc_lesson_made(course, mod, json_pack("{s:s,s:s,s:s,s:i}", "title",
	    "What the Convention is", "kind", "markdown", "body", "Read this.", "minutes", 10));
	quiz = tc_quiz_made(course, mod, json_pack("{s:s,s:i,s:i,s:[{s:s,s:s,s:[{s:s,s:b,s:s},"
	    "{s:s,s:b,s:s}]}]}", "title", "A quiz", "pass_mark", 100, "attempts_max", 3,
	    "questions", "text", "Who reviews the Convention?", "kind", "single", "answers",
	    "text", RIGHT, "correct", 1, "feedback", "Yes.", "text", WRONG, "correct", 0,
	    "feedback", "No: the police."));
	r = tc_api("POST", tc_path("/api/v1/courses/%lld/modules/%lld/task", (long long)course,
	    (long long)mod), staff_tok, json_pack("{s:s,s:s,s:i}", "title", "Share an experience",
	    "instructions", "Tell the cohort.", "max_length", 2000));
	STATUS(r, 201);
	task = tc_id_of(r);
	kid = tc_cohort_made(course, "Mine cohort", -DAY, 10 * DAY, staff_id);
	tc_enrolled(kid, ada_id);
	tc_enrolled(kid, bo_id);
	tc_enrolled(kid, wang_id);

	/* a second course Wang is in, not completed */
	r = tc_api("POST", "/api/v1/courses", staff_tok, json_pack("{s:s,s:s}", "title",
	    "Second course", "status", "published"));
	STATUS(r, 201);
	course2 = tc_id_of(r);
	mod2 = tc_module_made(course2, "Only module");
	tc_lesson_made(course2, mod2, json_pack("{s:s,s:s,s:s,s:i}", "title", "Unread", "kind",
	    "markdown", "body", "Later.", "minutes", 5));
	kid2 = tc_cohort_made(course2, "Second cohort", -DAY, 40 * DAY, 0);
	tc_enrolled(kid2, wang_id);
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
		cmocka_unit_test(test_activity),
		cmocka_unit_test(test_export),
		cmocka_unit_test(test_account),
		cmocka_unit_test(test_person_page),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_left),
		cmocka_unit_test(test_ended),
		cmocka_unit_test(test_deleted),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("courses_mine", tests, setup, teardown);
}
