/*
 * courses_attack_test.c -- an attack round on the self-paced course (issue
 * 18 as built so far: courses, modules, lessons, cohorts, enrolment,
 * reading, progress, quizzes and attempts).  Each test plays someone who
 * should not get what they try: a visitor, a member not enrolled, a focal
 * point, a participant of another cohort, of a cohort that ended or has
 * not started, one whose organization was suspended or who left it, one
 * whose address is not confirmed, an applicant whose accepted application
 * someone tries to undo; and tricks: answers or feedback before an answer,
 * the order of the answers, scoring tricks, attempts past the limit at
 * once, a draft course or a deleted lesson through every route,
 * self-enrolment outside its window or twice at once, a copy carrying
 * people, hostile Markdown and video links, CSRF, method confusion and
 * oversized input.  A test that passes shows the defence holds.
 *
 * What was chosen (and is tested here): a participant's enrolment is
 * their own, so it outlives their organization's suspension or their
 * leaving it (they read on), while enrolling themselves anew needs the
 * member's role they then no longer have; a video lesson is a link to any
 * http(s) host (never embedded: javascript:, data: and the like are
 * refused), opened with rel="noopener noreferrer".
 *
 * The database is $WHATSON_TEST_DB (tests/http/run.t runs this program
 * once on SQLite and once on PostgreSQL).
 */
#include <pthread.h>
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
#define STAFF "sam.staff@attack-c.test"
#define TUTOR "tia.tutor@attack-c.test"
#define TUTOR2 "tom.tutor@attack-c.test"
#define ADA "ada@quillon-x.example"
#define BO "bo@quillon-x.example"
#define CY "cy@quillon-x.example"
#define DEE "dee@quillon-x.example"
#define EVE "eve@quillon-x.example"
#define FAY "fay@zedland-x.example"
#define GUS "gus@quillon-x.example"
#define UNA "una@quillon-x.example"
#define HAL "hal@quillon-x.example"
#define FE "fe@interior-x.go.ke"
#define DAY 86400

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

enum who { STAFF_, TUTOR_, TUTOR2_, ADA_, BO_, CY_, DEE_, EVE_, FAY_, GUS_, UNA_, HAL_, FE_,
	WHO__MAX };
static const char *const emails[] = { STAFF, TUTOR, TUTOR2, ADA, BO, CY, DEE, EVE, FAY, GUS,
	UNA, HAL, FE };
_Static_assert(sizeof emails / sizeof emails[0] == WHO__MAX, "an address each");
static char tok[WHO__MAX][129];
static int64_t uid[WHO__MAX];
static int64_t quillon, zedland;
static int64_t course, m1, m2, l1, l2, l3, quiz, quiz2;
static int64_t ka, kb, kended, kfuture;	/* running A, running B, ended, not started */
static int64_t draft, dmod, dlesson, dquiz, kdraft;

/* ---- helpers ------------------------------------------------------------ */

static int una_unconfirmed;	/* Una's address unconfirmed: she signs in no more */

static void
tokens(void)
{
	int i;

	for (i = 0; i < WHO__MAX; i++)
		if (i != UNA_ || !una_unconfirmed)
			assert_int_equal(ts_token(plain, emails[i], PW, tok[i], sizeof tok[i]), 0);
}

/* Moves the server's clock by s seconds; everyone's token made anew. */
static void
advance(long s)
{
	assert_int_equal(ts_clock_advance(plain, s), 200);
	tokens();
}

/* The quiz of the tests, its right answers written first (as people
 * often write them): two questions, pass mark 50, attempts as given. */
static json_t *
quiz_body(const char *title, int attempts)
{
	return json_pack("{s:s,s:i,s:i,s:["
	    "{s:s,s:s,s:[{s:s,s:b,s:s},{s:s,s:b,s:s},{s:s,s:b,s:s}]},"
	    "{s:s,s:s,s:[{s:s,s:b,s:s},{s:s,s:b,s:s},{s:s,s:b,s:s}]}]}",
	    "title", title, "pass_mark", 50, "attempts_max", attempts, "questions",
	    "text", "Who reviews the Convention?", "kind", "single", "answers",
	    "text", "The Conference of the Parties", "correct", 1, "feedback", "SECRET-FB-RIGHT",
	    "text", "The Security Council", "correct", 0, "feedback", "SECRET-FB-WRONG-1",
	    "text", "Interpol", "correct", 0, "feedback", "SECRET-FB-WRONG-2",
	    "text", "Which are protocols?", "kind", "multiple", "answers",
	    "text", "Trafficking in persons", "correct", 1, "feedback", "SECRET-FB-P1",
	    "text", "Smuggling of migrants", "correct", 1, "feedback", "SECRET-FB-P2",
	    "text", "Cybercrime", "correct", 0, "feedback", "SECRET-FB-NOT");
}

static const struct ts_res *
enrol(int64_t kid, const char *token, json_t *body)
{
	return tc_api("POST", tc_path("/api/v1/cohorts/%lld/enrolments", (long long)kid), token,
	    body ? body : json_object());
}

static const char *
lesson_path(int64_t c, int64_t l)
{
	return tc_path("/api/v1/courses/%lld/lessons/%lld", (long long)c, (long long)l);
}

static const char *
quiz_path(int64_t c, int64_t q)
{
	return tc_path("/api/v1/courses/%lld/quizzes/%lld", (long long)c, (long long)q);
}

static const char *
attempt_path(int64_t c, int64_t q)
{
	return tc_path("/api/v1/courses/%lld/quizzes/%lld/attempts", (long long)c, (long long)q);
}

static const char *
progress_path(int64_t c)
{
	return tc_path("/api/v1/courses/%lld/progress", (long long)c);
}

/* The id of the question with text in quiz view j. */
static const char *
question_id(json_t *j, const char *text)
{
	json_t *q;
	size_t i;

	json_array_foreach(json_object_get(j, "questions"), i, q)
		if (strcmp(tc_str(q, "text"), text) == 0)
			return tc_str(q, "id");
	return "";
}

/* How many attempts person w has used at quiz q of course c. */
static int64_t
used(enum who w, int64_t c, int64_t q)
{
	json_t *j = ts_jbody(tc_api("GET", quiz_path(c, q), tok[w], NULL));
	int64_t n = tc_num(j, "attempts_used");

	json_decref(j);
	return n;
}

/* ---- who reads -------------------------------------------------------------- */

/* A visitor: 401 on every reading route's twin, the sign-in form for the
 * pages; nothing of a lesson's text. */
static void
test_visitor(void **state)
{
	const struct ts_res *r;

	(void)state;
	r = tc_api("GET", lesson_path(course, l1), NULL, NULL);
	STATUS(r, 401);
	LACKS(r, "Lesson one text");
	STATUS(tc_api("GET", quiz_path(course, quiz), NULL, NULL), 401);
	STATUS(tc_api("GET", progress_path(course), NULL, NULL), 401);
	STATUS(tc_api("POST", attempt_path(course, quiz), NULL, json_pack("{s:i,s:{}}", "attempt",
	    1, "answers")), 401);
	STATUS(enrol(ka, NULL, NULL), 401);
	STATUS(tc_api("GET", tc_path("/api/v1/cohorts/%lld/enrolments", (long long)ka), NULL, NULL),
	    401);
	r = ts_get(plain, tc_path("/courses/%lld/lessons/%lld", (long long)course, (long long)l1));
	STATUS(r, 303);
	LACKS(r, "Lesson one text");
	STATUS(ts_get(plain, tc_path("/courses/%lld/quizzes/%lld", (long long)course,
	    (long long)quiz)), 303);
	/* the outline is public, without any lesson's text or the quiz's answers */
	r = tc_api("GET", tc_path("/api/v1/courses/%lld", (long long)course), NULL, NULL);
	STATUS(r, 200);
	LACKS(r, "Lesson one text");
	LACKS(r, "\"body\"");
	LACKS(r, "SECRET-FB");
	LACKS(r, "The Security Council");
	r = ts_get(plain, tc_path("/courses/%lld", (long long)course));
	STATUS(r, 200);
	LACKS(r, "Lesson one text");
	LACKS(r, "SECRET-FB");
	/* a draft course and its cohort do not exist for them */
	STATUS(tc_api("GET", tc_path("/api/v1/courses/%lld", (long long)draft), NULL, NULL), 404);
	STATUS(tc_api("GET", tc_path("/api/v1/cohorts/%lld", (long long)kdraft), NULL, NULL), 404);
	r = tc_api("GET", tc_path("/api/v1/cohorts?course=%lld", (long long)draft), NULL, NULL);
	STATUS(r, 200);
	LACKS(r, "Draft's cohort");
	r = tc_api("GET", "/api/v1/courses", NULL, NULL);
	LACKS(r, "Draft attack course");
}

/* A member enrolled nowhere and a focal point: 403 with why, never the
 * text; they see no one's enrolment, only counts the course page shows. */
static void
test_not_enrolled(void **state)
{
	static const enum who outsiders[] = { CY_, FE_ };
	const struct ts_res *r;
	size_t i;
	json_t *j;

	(void)state;
	for (i = 0; i < sizeof outsiders / sizeof outsiders[0]; i++) {
		const char *t = tok[outsiders[i]];

		r = tc_api("GET", lesson_path(course, l1), t, NULL);
		STATUS(r, 403);
		LACKS(r, "Lesson one text");
		r = tc_api("GET", quiz_path(course, quiz), t, NULL);
		STATUS(r, 403);
		LACKS(r, "Interpol");
		STATUS(tc_api("GET", progress_path(course), t, NULL), 403);
		STATUS(tc_api("POST", attempt_path(course, quiz), t, json_pack("{s:i,s:{}}",
		    "attempt", 1, "answers")), 403);
		/* a cohort's enrolments: their own, none */
		r = tc_api("GET", tc_path("/api/v1/cohorts/%lld/enrolments", (long long)ka), t,
		    NULL);
		STATUS(r, 200);
		LACKS(r, "Ada");
		j = ts_jbody(r);
		assert_int_equal(tc_num(j, "total"), 0);
		assert_int_equal(json_array_size(json_object_get(j, "items")), 0);
		json_decref(j);
	}
	/* a focal point takes no course by themself */
	STATUS(enrol(kb, tok[FE_], NULL), 403);
	/* nobody but staff enrols someone else, themself as someone else either */
	STATUS(enrol(kb, tok[CY_], json_pack("{s:I}", "user_id", (json_int_t)uid[ADA_])), 403);
	STATUS(enrol(kb, tok[CY_], json_pack("{s:s}", "user_id", "me")), 403);
	STATUS(enrol(kb, tok[TUTOR_], json_pack("{s:I}", "user_id", (json_int_t)-5)), 422);
	/* a tutor is staff: a member named tutor is refused */
	r = tc_api("POST", "/api/v1/cohorts", tok[STAFF_], json_pack("{s:I,s:s,s:s,s:s,s:s,s:[I]}",
	    "course_id", (json_int_t)course, "title", "Member-tutored", "timezone", "UTC",
	    "start", tc_utc(tc_now() + DAY), "end", tc_utc(tc_now() + 9 * DAY), "tutors",
	    (json_int_t)uid[CY_]));
	STATUS(r, 422);
	HAS(r, "\"tutors\"");
}

/* A participant of another cohort of the same course reads the course
 * (their cohort runs) but not the other cohort's people, nor anyone's
 * attempts or progress. */
static void
test_other_cohort(void **state)
{
	const struct ts_res *r;
	json_t *j, *a;

	(void)state;
	/* Ada answers the quiz first */
	j = ts_jbody(tc_api("GET", quiz_path(course, quiz2), tok[ADA_], NULL));
	a = json_pack("{s:i,s:{s:s}}", "attempt", (int)tc_num(j, "attempt"), "answers",
	    question_id(j, "Who reviews the Convention?"), tc_answer_id(j,
	    "The Conference of the Parties"));
	json_decref(j);
	STATUS(tc_api("POST", attempt_path(course, quiz2), tok[ADA_], a), 201);

	STATUS(tc_api("GET", lesson_path(course, l1), tok[BO_], NULL), 200);
	r = tc_api("GET", tc_path("/api/v1/cohorts/%lld/enrolments", (long long)ka), tok[BO_],
	    NULL);
	STATUS(r, 200);
	LACKS(r, "Ada");
	j = ts_jbody(r);
	assert_int_equal(tc_num(j, "total"), 0);
	json_decref(j);
	/* the quiz page is Bo's own: no attempt, no result of Ada's */
	r = tc_api("GET", quiz_path(course, quiz2), tok[BO_], NULL);
	STATUS(r, 200);
	LACKS(r, "SECRET-FB");
	j = ts_jbody(r);
	assert_int_equal(tc_num(j, "attempts_used"), 0);
	assert_true(json_is_null(json_object_get(j, "last")));
	assert_true(json_is_null(json_object_get(j, "best_score")));
	json_decref(j);
	j = ts_jbody(tc_api("GET", progress_path(course), tok[BO_], NULL));
	assert_int_equal(tc_num(j, "quizzes_passed"), 0);
	assert_int_equal(tc_num(j, "lessons_read"), 1);	/* the lesson Bo just opened */
	json_decref(j);
	/* the cohort's page counts, names no participant */
	r = tc_api("GET", tc_path("/api/v1/cohorts/%lld", (long long)ka), tok[BO_], NULL);
	STATUS(r, 200);
	LACKS(r, "Ada");
	HAS(r, "\"enrolled\":false");
	/* the other cohort's tutor (staff) sees them all; staff see Ada's standing
	 * nowhere but where staff look */
	r = tc_api("GET", tc_path("/api/v1/cohorts/%lld/enrolments", (long long)ka), tok[TUTOR2_],
	    NULL);
	STATUS(r, 200);
	HAS(r, "Ada");
	/* Ada's export holds her own account, nothing of Bo's */
	r = tc_api("GET", "/api/v1/me/export", tok[BO_], NULL);
	STATUS(r, 200);
	LACKS(r, ADA);
	/* Ada's person page says nothing of her course */
	r = tc_api("GET", tc_path("/api/v1/people/%lld", (long long)uid[ADA_]), tok[BO_], NULL);
	LACKS(r, "SECRET-FB");
	LACKS(r, "quiz");
	LACKS(r, "Attack course");
}

/* A cohort that ended, one not started: lessons closed (403 saying why),
 * quizzes answered no more (403) and opened only for one's own results,
 * without their questions; progress their own. */
static void
test_not_running(void **state)
{
	static const enum who people[] = { DEE_, EVE_ };
	const struct ts_res *r;
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		const char *t = tok[people[i]];

		r = tc_api("GET", lesson_path(course, l1), t, NULL);
		STATUS(r, 403);
		HAS(r, "not running");
		LACKS(r, "Lesson one text");
		r = tc_api("GET", quiz_path(course, quiz), t, NULL);
		STATUS(r, 200);
		HAS(r, "\"questions\":[]");
		HAS(r, "\"can_attempt\":false");
		LACKS(r, "Interpol");
		STATUS(tc_api("POST", attempt_path(course, quiz), t, json_pack("{s:i,s:{}}",
		    "attempt", 1, "answers")), 403);
		STATUS(tc_api("GET", progress_path(course), t, NULL), 200);
	}
	/* nor through the page's form */
	{
		struct ts_browser *dee = ts_signed_in(&srv, NULL, DEE, PW);

		assert_non_null(dee);
		r = ts_get(dee, tc_path("/courses/%lld", (long long)course));
		STATUS(r, 200);
		r = ts_form(dee, tc_path("/courses/%lld/quizzes/%lld/attempt", (long long)course,
		    (long long)quiz), "attempt", "1", NULL);
		STATUS(r, 403);
		ts_browser_free(dee);
	}
	assert_int_equal(ts_sql_int("SELECT count(*) FROM course_quiz_attempts WHERE user_id "
	    "IN (%lld, %lld)", (long long)uid[DEE_], (long long)uid[EVE_]), 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM course_lesson_reads WHERE user_id "
	    "IN (%lld, %lld)", (long long)uid[DEE_], (long long)uid[EVE_]), 0);
}

/* A tutor is staff: one no longer staff (made a member again) keeps the
 * row of tutor but neither reads the course nor sees its people. */
static void
test_former_tutor(void **state)
{
	const struct ts_res *r;

	(void)state;
	r = tc_api("GET", tc_path("/api/v1/cohorts/%lld/enrolments", (long long)kb), tok[TUTOR2_],
	    NULL);
	HAS(r, "\"Bo\"");
	ts_sql_int("UPDATE users SET role = 'member' WHERE id = %lld", (long long)uid[TUTOR2_]);
	r = tc_api("GET", "/api/v1/me", tok[TUTOR2_], NULL);
	HAS(r, "\"role\":\"member\"");
	r = tc_api("GET", tc_path("/api/v1/cohorts/%lld/enrolments", (long long)kb), tok[TUTOR2_],
	    NULL);
	STATUS(r, 200);
	LACKS(r, "\"Bo\"");
	r = tc_api("GET", lesson_path(course, l1), tok[TUTOR2_], NULL);
	STATUS(r, 403);
	LACKS(r, "Lesson one text");
	STATUS(tc_api("GET", quiz_path(course, quiz), tok[TUTOR2_], NULL), 403);
	ts_sql_int("UPDATE users SET role = 'staff' WHERE id = %lld", (long long)uid[TUTOR2_]);
	STATUS(tc_api("GET", lesson_path(course, l1), tok[TUTOR2_], NULL), 200);
}

/* ---- the quiz ----------------------------------------------------------------- */

/* Nothing says what is right before an answer: not the JSON, not the page,
 * not the answers' ids (which would give the order staff wrote them in,
 * the right one often first), not an error. */
static void
test_quiz_leaks(void **state)
{
	struct ts_browser *ada;
	const struct ts_res *r;
	char first[64], other[64];
	json_t *j, *q, *a;
	size_t i, k;

	(void)state;
	r = tc_api("GET", quiz_path(course, quiz), tok[ADA_], NULL);
	STATUS(r, 200);
	LACKS(r, "correct");
	LACKS(r, "feedback");
	LACKS(r, "SECRET-FB");
	j = ts_jbody(r);
	/* no answer keeps the id of its place as staff wrote it */
	json_array_foreach(json_object_get(j, "questions"), i, q) {
		json_array_foreach(json_object_get(q, "answers"), k, a) {
			const char *id = tc_str(a, "id");

			if (strlen(id) <= 2)
				printf("# answer \"%s\" has the id \"%s\"\n", tc_str(a, "text"),
				    id);
			assert_true(strlen(id) > 2);
		}
	}
	snprintf(first, sizeof first, "%s", tc_answer_id(j, "The Conference of the Parties"));
	json_decref(j);
	/* another person is given other ids for the same answer */
	j = ts_jbody(tc_api("GET", quiz_path(course, quiz), tok[BO_], NULL));
	snprintf(other, sizeof other, "%s", tc_answer_id(j, "The Conference of the Parties"));
	json_decref(j);
	assert_string_not_equal(first, other);
	/* the stored ids, guessed: refused, nothing counted */
	r = tc_api("POST", attempt_path(course, quiz), tok[ADA_], json_pack("{s:i,s:{s:s,s:[s,s]}}",
	    "attempt", 1, "answers", "1", "1", "2", "1", "2"));
	STATUS(r, 422);
	LACKS(r, "SECRET-FB");
	LACKS(r, "Conference");
	/* another person's ids are not Ada's */
	r = tc_api("POST", attempt_path(course, quiz), tok[ADA_], json_pack("{s:i,s:{s:s}}",
	    "attempt", 1, "answers", "1", other));
	STATUS(r, 422);
	assert_int_equal(used(ADA_, course, quiz), 0);

	/* the page: no feedback, no "correct", no stored ids */
	ada = ts_signed_in(&srv, NULL, ADA, PW);
	assert_non_null(ada);
	r = ts_get(ada, tc_path("/courses/%lld/quizzes/%lld", (long long)course, (long long)quiz));
	STATUS(r, 200);
	LACKS(r, "SECRET-FB");
	LACKS(r, "correct");
	LACKS(r, "name=\"answers.1\" value=\"1\"");
	LACKS(r, "name=\"answers.2\" value=\"2\"");
	HAS(r, first);
	ts_browser_free(ada);
	/* a tutor and staff read it as a taker would, with no attempt */
	r = tc_api("GET", quiz_path(course, quiz), tok[TUTOR_], NULL);
	STATUS(r, 200);
	LACKS(r, "SECRET-FB");
	HAS(r, "\"attempt\":null");
}

/* Scoring tricks: every option of a single choice, repeated answers,
 * answers of another quiz, odd ids, the wrong types, too many: refused
 * (422) or scored as what they are; nothing counted when refused. */
static void
test_scoring_tricks(void **state)
{
	const struct ts_res *r;
	const char *q1, *q2, *right, *w1, *w2, *p1, *p2, *cyber;
	json_t *j, *big, *view;
	int i;

	(void)state;
	view = j = ts_jbody(tc_api("GET", quiz_path(course, quiz), tok[ADA_], NULL));
	q1 = question_id(j, "Who reviews the Convention?");
	q2 = question_id(j, "Which are protocols?");
	right = tc_answer_id(j, "The Conference of the Parties");
	w1 = tc_answer_id(j, "The Security Council");
	w2 = tc_answer_id(j, "Interpol");
	p1 = tc_answer_id(j, "Trafficking in persons");
	p2 = tc_answer_id(j, "Smuggling of migrants");
	cyber = tc_answer_id(j, "Cybercrime");
#define TRY(...) STATUS(tc_api("POST", attempt_path(course, quiz), tok[ADA_], json_pack( \
	__VA_ARGS__)), 422)
	/* every option of a single choice, or two */
	TRY("{s:i,s:{s:[s,s,s]}}", "attempt", 1, "answers", q1, right, w1, w2);
	TRY("{s:i,s:{s:[s,s]}}", "attempt", 1, "answers", q1, right, right);
	/* an answer of another question, a question not there, odd ids */
	TRY("{s:i,s:{s:s}}", "attempt", 1, "answers", q1, p1);
	TRY("{s:i,s:{s:s}}", "attempt", 1, "answers", "-1", right);
	TRY("{s:i,s:{s:s}}", "attempt", 1, "answers", "99999999999999999999", right);
	TRY("{s:i,s:{s:s}}", "attempt", 1, "answers", "", right);
	TRY("{s:i,s:{s:s}}", "attempt", 1, "answers", q1, "");
	/* the wrong types */
	TRY("{s:i,s:{s:i}}", "attempt", 1, "answers", q1, 1);
	TRY("{s:i,s:{s:[[s]]}}", "attempt", 1, "answers", q1, right);
	TRY("{s:i,s:{s:{s:s}}}", "attempt", 1, "answers", q1, "id", right);
	TRY("{s:i,s:{s:b}}", "attempt", 1, "answers", q1, 1);
	TRY("{s:i,s:[s]}", "attempt", 1, "answers", right);
	TRY("{s:i,s:s}", "attempt", 1, "answers", right);
	TRY("{s:s,s:{}}", "attempt", "1", "answers");
	TRY("{s:f,s:{}}", "attempt", 1.0, "answers");
	TRY("{s:i,s:{}}", "attempt", 0, "answers");
	TRY("{s:i,s:{}}", "attempt", -1, "answers");
	/* a thousand answers; one question answered eleven times */
	big = json_object();
	for (i = 0; i < 1000; i++)
		json_object_set_new(big, tc_path("%d", i), json_string(right));
	STATUS(tc_api("POST", attempt_path(course, quiz), tok[ADA_], json_pack("{s:i,s:o}",
	    "attempt", 1, "answers", big)), 422);
	big = json_array();
	for (i = 0; i < 11; i++)
		json_array_append_new(big, json_string(p1));
	STATUS(tc_api("POST", attempt_path(course, quiz), tok[ADA_], json_pack("{s:i,s:{s:o}}",
	    "attempt", 1, "answers", q2, big)), 422);
	/* nearly a megabyte of answers to one question: refused as too many,
	 * none looked at */
	{
		size_t cap = 900 * 1024, k;
		char *huge = malloc(cap + 64);

		assert_non_null(huge);
		k = (size_t)snprintf(huge, 64, "{\"attempt\":1,\"answers\":{\"%s\":[", q2);
		while (k + 8 < cap) {
			memcpy(huge + k, "\"ab\",", 5);
			k += 5;
		}
		memcpy(huge + k, "\"ab\"]}}", 8);
		huge[k + 8] = '\0';
		STATUS(ts_api(plain, "POST", attempt_path(course, quiz), tok[ADA_], huge), 422);
		free(huge);
	}
	/* not an object at all */
	r = ts_api(plain, "POST", attempt_path(course, quiz), tok[ADA_], "[1,2,3]");
	assert_true(r->status == 400 || r->status == 422);
	r = ts_api(plain, "POST", attempt_path(course, quiz), tok[ADA_], "\"x\"");
	assert_true(r->status == 400 || r->status == 422);
	r = ts_api(plain, "POST", attempt_path(course, quiz), tok[ADA_], "{\"attempt\":1,");
	assert_true(r->status == 400 || r->status == 422);
	/* a huge attempt number: not the next one */
	STATUS(ts_api(plain, "POST", attempt_path(course, quiz), tok[ADA_],
	    "{\"attempt\":9223372036854775807,\"answers\":{}}"), 409);
#undef TRY
	assert_int_equal(used(ADA_, course, quiz), 0);

	/* repeated answers of a multiple choice are a set: the right set with a
	 * repeat is right; every option is not */
	r = tc_api("POST", attempt_path(course, quiz), tok[ADA_],
	    json_pack("{s:i,s:{s:s,s:[s,s,s,s]}}", "attempt", 1, "answers", q1, w1, q2, p1, p2, p1,
	    cyber));
	STATUS(r, 201);
	json_decref(view);
	j = ts_jbody(r);
	/* wrong single, every option of the multiple */
	assert_int_equal(tc_num(j, "score"), 0);
	json_decref(j);
	view = j = ts_jbody(tc_api("GET", quiz_path(course, quiz), tok[ADA_], NULL));
	q1 = question_id(j, "Who reviews the Convention?");
	q2 = question_id(j, "Which are protocols?");
	right = tc_answer_id(j, "The Conference of the Parties");
	p1 = tc_answer_id(j, "Trafficking in persons");
	p2 = tc_answer_id(j, "Smuggling of migrants");
	r = tc_api("POST", attempt_path(course, quiz), tok[ADA_],
	    json_pack("{s:i,s:{s:s,s:[s,s,s]}}", "attempt", 2, "answers", q1, right, q2, p1, p2,
	    p2));
	json_decref(view);
	STATUS(r, 201);
	j = ts_jbody(r);
	assert_int_equal(tc_num(j, "score"), 100);
	assert_int_equal(tc_num(j, "attempts_left"), 0);
	json_decref(j);
	/* the third is past the limit */
	STATUS(tc_api("POST", attempt_path(course, quiz), tok[ADA_], json_pack("{s:i,s:{}}",
	    "attempt", 3, "answers")), 409);
}

/* The page's form, tricked: odd attempt numbers, a thousand answers, a
 * field for a question not there, stored ids: refused, nothing counted. */
static void
test_form_tricks(void **state)
{
	static const char *const odd[] = { "", "0", "-1", "01x", "1e0", " 1", "2", "999999",
		"1.0" };
	struct ts_browser *gus = ts_signed_in(&srv, NULL, GUS, PW);
	const char *pairs[2 * 1000 + 3];
	const struct ts_res *r;
	char form[128];
	size_t i;

	(void)state;
	assert_non_null(gus);
	snprintf(form, sizeof form, "/courses/%lld/quizzes/%lld/attempt", (long long)course,
	    (long long)quiz);
	STATUS(ts_get(gus, tc_path("/courses/%lld/quizzes/%lld", (long long)course,
	    (long long)quiz)), 200);
	for (i = 0; i < sizeof odd / sizeof odd[0]; i++) {
		r = ts_form(gus, form, "attempt", odd[i], NULL);
		if (r->status != 422 && r->status != 409)
			printf("# attempt \"%s\": %ld\n", odd[i], r->status);
		assert_true(r->status == 422 || r->status == 409);
	}
	pairs[0] = "attempt";
	pairs[1] = "1";
	for (i = 0; i < 999; i++) {
		char name[32];

		snprintf(name, sizeof name, "answers.%zu", i + 1);
		pairs[2 + 2 * i] = strdup(name);
		pairs[3 + 2 * i] = "1";
	}
	pairs[2 + 2 * 999] = NULL;
	r = ts_post_list(gus, form, 1, pairs);
	assert_true(r->status == 422 || r->status == 413);
	for (i = 0; i < 999; i++)
		free((char *)pairs[2 + 2 * i]);
	STATUS(ts_form(gus, form, "attempt", "1", "answers.7", "1", NULL), 422);
	STATUS(ts_form(gus, form, "attempt", "1", "answers.1", "1", NULL), 422);
	STATUS(ts_form(gus, form, "attempt", "1", "answers.", "1", "answers.1.x", "1", NULL), 422);
	ts_browser_free(gus);
	assert_int_equal(used(GUS_, course, quiz), 0);
}

struct racer {
	struct ts_browser *b;
	const char *token, *path, *body;
	long status;
};

static void *
race(void *arg)
{
	struct racer *x = arg;

	x->status = ts_api(x->b, "POST", x->path, x->token, x->body)->status;
	return NULL;
}

/* Runs n racers at once; how many got want. */
static int
run_race(struct racer *x, int n, long want)
{
	pthread_t t[8];
	int i, got = 0;

	for (i = 0; i < n; i++) {
		x[i].b = ts_browser_new(&srv, NULL);
		x[i].status = 0;
	}
	for (i = 0; i < n; i++)
		assert_int_equal(pthread_create(&t[i], NULL, race, &x[i]), 0);
	for (i = 0; i < n; i++) {
		pthread_join(t[i], NULL);
		got += x[i].status == want;
		ts_browser_free(x[i].b);
	}
	return got;
}

/* Attempts sent at once past the limit (one attempt allowed): one counts,
 * whatever numbers they carry. */
static void
test_attempts_at_once(void **state)
{
	static const char *const bodies[] = { "{\"attempt\":1,\"answers\":{}}",
		"{\"attempt\":1,\"answers\":{}}", "{\"attempt\":2,\"answers\":{}}",
		"{\"attempt\":1,\"answers\":{}}", "{\"attempt\":2,\"answers\":{}}",
		"{\"attempt\":1,\"answers\":{}}" };
	struct racer x[6];
	int i;

	(void)state;
	for (i = 0; i < 6; i++) {
		x[i].token = tok[BO_];
		x[i].body = bodies[i];
	}
	{
		char path[128];

		snprintf(path, sizeof path, "%s", attempt_path(course, quiz2));
		for (i = 0; i < 6; i++)
			x[i].path = path;
		assert_int_equal(run_race(x, 6, 201), 1);
	}
	for (i = 0; i < 6; i++)
		assert_true(x[i].status == 201 || x[i].status == 409);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM course_quiz_attempts WHERE user_id = "
	    "%lld AND quiz_id = %lld", (long long)uid[BO_], (long long)quiz2), 1);
	assert_int_equal(used(BO_, course, quiz2), 1);
}

/* ---- drafts and deleted things ------------------------------------------------- */

static void
test_draft_and_deleted(void **state)
{
	struct ts_browser *ada;
	const struct ts_res *r;
	int64_t gone, mgone, qgone;
	json_t *j;

	(void)state;
	/* Ada is enrolled in the draft's running cohort: it is still not there */
	STATUS(tc_api("GET", lesson_path(draft, dlesson), tok[ADA_], NULL), 404);
	STATUS(tc_api("GET", quiz_path(draft, dquiz), tok[ADA_], NULL), 404);
	STATUS(tc_api("GET", progress_path(draft), tok[ADA_], NULL), 404);
	STATUS(tc_api("POST", attempt_path(draft, dquiz), tok[ADA_], json_pack("{s:i,s:{}}",
	    "attempt", 1, "answers")), 404);
	STATUS(tc_api("GET", tc_path("/api/v1/cohorts/%lld/enrolments", (long long)kdraft),
	    tok[ADA_], NULL), 404);
	STATUS(enrol(kdraft, tok[CY_], NULL), 404);
	/* the draft's lesson through the published course's path, and back */
	STATUS(tc_api("GET", lesson_path(course, dlesson), tok[ADA_], NULL), 404);
	STATUS(tc_api("GET", quiz_path(course, dquiz), tok[ADA_], NULL), 404);
	STATUS(tc_api("GET", lesson_path(draft, l1), tok[ADA_], NULL), 404);
	ada = ts_signed_in(&srv, NULL, ADA, PW);
	assert_non_null(ada);
	STATUS(ts_get(ada, tc_path("/courses/%lld/lessons/%lld", (long long)draft,
	    (long long)dlesson)), 404);
	STATUS(ts_get(ada, tc_path("/courses/%lld", (long long)draft)), 404);
	r = ts_get(ada, tc_path("/courses/%lld", (long long)course));
	STATUS(r, 200);
	STATUS(ts_form(ada, tc_path("/courses/%lld/cohorts/%lld/enrol", (long long)draft,
	    (long long)kdraft), NULL), 404);
	/* a cohort through another course's path */
	STATUS(ts_form(ada, tc_path("/courses/%lld/cohorts/%lld/enrol", (long long)course,
	    (long long)kdraft), NULL), 404);
	STATUS(ts_form(ada, tc_path("/courses/%lld/quizzes/%lld/attempt", (long long)draft,
	    (long long)dquiz), "attempt", "1", NULL), 404);
	/* staff see the draft's lesson */
	STATUS(tc_api("GET", lesson_path(draft, dlesson), tok[STAFF_], NULL), 200);

	/* a lesson, a module and its quiz deleted: gone everywhere, not counted */
	mgone = tc_module_made(course, "Module to delete");
	gone = tc_lesson_made(course, mgone, json_pack("{s:s,s:s,s:s,s:i}", "title", "Doomed",
	    "kind", "markdown", "body", "Doomed text", "minutes", 5));
	qgone = tc_quiz_made(course, mgone, quiz_body("Doomed quiz", 3));
	STATUS(tc_api("GET", lesson_path(course, gone), tok[ADA_], NULL), 200);
	STATUS(tc_api("DELETE", lesson_path(course, gone), tok[STAFF_], NULL), 204);
	r = tc_api("GET", lesson_path(course, gone), tok[ADA_], NULL);
	STATUS(r, 404);
	LACKS(r, "Doomed text");
	STATUS(ts_get(ada, tc_path("/courses/%lld/lessons/%lld", (long long)course,
	    (long long)gone)), 404);
	STATUS(tc_api("PATCH", lesson_path(course, gone), tok[STAFF_], json_pack("{s:s}", "title",
	    "Back")), 404);
	STATUS(tc_api("DELETE", lesson_path(course, gone), tok[STAFF_], NULL), 404);
	j = ts_jbody(tc_api("GET", progress_path(course), tok[ADA_], NULL));
	assert_int_equal(tc_num(j, "lesson_count"), 3);
	json_decref(j);
	STATUS(tc_api("DELETE", tc_path("/api/v1/courses/%lld/modules/%lld", (long long)course,
	    (long long)mgone), tok[STAFF_], NULL), 204);
	STATUS(tc_api("GET", quiz_path(course, qgone), tok[ADA_], NULL), 404);
	STATUS(tc_api("POST", attempt_path(course, qgone), tok[ADA_], json_pack("{s:i,s:{}}",
	    "attempt", 1, "answers")), 404);
	STATUS(ts_form(ada, tc_path("/courses/%lld/quizzes/%lld/attempt", (long long)course,
	    (long long)qgone), "attempt", "1", NULL), 404);
	/* ids that are not ids */
	STATUS(tc_api("GET", tc_path("/api/v1/courses/%lld/lessons/-1", (long long)course),
	    tok[ADA_], NULL), 404);
	STATUS(tc_api("GET", tc_path("/api/v1/courses/%lld/lessons/99999999999999999999",
	    (long long)course), tok[ADA_], NULL), 404);
	STATUS(tc_api("GET", tc_path("/api/v1/courses/%lld/quizzes/0", (long long)course),
	    tok[ADA_], NULL), 404);
	STATUS(tc_api("GET", "/api/v1/courses/1e3/progress", tok[ADA_], NULL), 404);
	ts_browser_free(ada);
}

/* Staff's routes given one course's module, lesson or quiz through
 * another course's path: 404, nothing written; a module that is not there
 * either (never a 500). */
static void
test_staff_cross_course(void **state)
{
	struct ts_browser *staff;
	const struct ts_res *r;
	int64_t bare = tc_module_made(draft, "Draft module without a quiz"), before;
	const char *form[] = { "title", "Crossed quiz", "pass_mark", "50", "attempts_max", "1",
		"questions.1.text", "Crossed?", "questions.1.kind", "single",
		"questions.1.answers.1.text", "Yes", "questions.1.answers.1.correct", "1",
		"questions.1.answers.2.text", "No", NULL };

	(void)state;
	/* the API */
	STATUS(tc_api("PATCH", lesson_path(course, dlesson), tok[STAFF_], json_pack("{s:s}",
	    "title", "Crossed")), 404);
	STATUS(tc_api("DELETE", lesson_path(course, dlesson), tok[STAFF_], NULL), 404);
	STATUS(tc_api("PATCH", quiz_path(course, dquiz), tok[STAFF_], json_pack("{s:s}", "title",
	    "Crossed")), 404);
	STATUS(tc_api("DELETE", quiz_path(course, dquiz), tok[STAFF_], NULL), 404);
	STATUS(tc_api("PATCH", tc_path("/api/v1/courses/%lld/modules/%lld", (long long)course,
	    (long long)dmod), tok[STAFF_], json_pack("{s:s}", "title", "Crossed")), 404);
	STATUS(tc_api("DELETE", tc_path("/api/v1/courses/%lld/modules/%lld", (long long)course,
	    (long long)dmod), tok[STAFF_], NULL), 404);
	STATUS(tc_api("POST", tc_path("/api/v1/courses/%lld/modules/%lld/lessons",
	    (long long)course, (long long)bare), tok[STAFF_], json_pack("{s:s,s:s,s:s,s:i}",
	    "title", "Crossed", "kind", "markdown", "body", "x", "minutes", 1)), 404);
	STATUS(tc_api("POST", tc_path("/api/v1/courses/%lld/modules/%lld/quiz", (long long)course,
	    (long long)bare), tok[STAFF_], quiz_body("Crossed quiz", 1)), 404);
	/* the staff pages' forms */
	staff = ts_signed_in(&srv, NULL, STAFF, PW);
	assert_non_null(staff);
	STATUS(ts_get(staff, tc_path("/staff/courses/%lld/modules/%lld", (long long)course,
	    (long long)bare)), 404);
	STATUS(ts_get(staff, tc_path("/staff/courses/%lld/lessons/%lld", (long long)course,
	    (long long)dlesson)), 404);
	before = ts_sql_int("SELECT count(*) FROM course_quizzes");
	r = ts_post_list(staff, tc_path("/staff/courses/%lld/modules/%lld/quiz", (long long)course,
	    (long long)bare), 1, form);
	STATUS(r, 404);
	r = ts_post_list(staff, tc_path("/staff/courses/%lld/modules/99999999/quiz",
	    (long long)course), 1, form);
	STATUS(r, 404);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM course_quizzes"), before);
	STATUS(ts_form(staff, tc_path("/staff/courses/%lld/modules/%lld", (long long)course,
	    (long long)bare), "title", "Crossed", NULL), 404);
	STATUS(ts_form(staff, tc_path("/staff/courses/%lld/modules/%lld/move", (long long)course,
	    (long long)dmod), "direction", "up", NULL), 404);
	STATUS(ts_form(staff, tc_path("/staff/courses/%lld/modules/%lld/delete", (long long)course,
	    (long long)dmod), NULL), 404);
	STATUS(ts_form(staff, tc_path("/staff/courses/%lld/modules/%lld/lessons/new",
	    (long long)course, (long long)bare), "title", "Crossed", "kind", "markdown", "body",
	    "x", "minutes", "1", NULL), 404);
	STATUS(ts_form(staff, tc_path("/staff/courses/%lld/lessons/%lld", (long long)course,
	    (long long)dlesson), "title", "Crossed", NULL), 404);
	STATUS(ts_form(staff, tc_path("/staff/courses/%lld/lessons/%lld/move", (long long)course,
	    (long long)dlesson), "direction", "up", NULL), 404);
	STATUS(ts_form(staff, tc_path("/staff/courses/%lld/lessons/%lld/delete", (long long)course,
	    (long long)dlesson), NULL), 404);
	STATUS(ts_form(staff, tc_path("/staff/courses/%lld/cohorts/%lld/enrol", (long long)course,
	    (long long)kdraft), "email", CY, NULL), 404);
	ts_browser_free(staff);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM course_lessons WHERE title = "
	    "'Crossed'"), 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM course_modules WHERE title = "
	    "'Crossed'"), 0);
	STATUS(tc_api("GET", lesson_path(draft, dlesson), tok[STAFF_], NULL), 200);
}

/* ---- who is enrolled --------------------------------------------------------- */

/* A copy for the next cohort carries the course, none of its people. */
static void
test_copy(void **state)
{
	const struct ts_res *r;
	int64_t copy;

	(void)state;
	r = tc_api("POST", tc_path("/api/v1/courses/%lld/copy", (long long)course), tok[STAFF_],
	    NULL);
	STATUS(r, 201);
	copy = tc_id_of(r);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM course_cohorts WHERE course_id = %lld",
	    (long long)copy), 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM course_quiz_attempts a JOIN "
	    "course_quizzes q ON q.id = a.quiz_id JOIN course_modules m ON m.id = q.module_id "
	    "WHERE m.course_id = %lld", (long long)copy), 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM course_lesson_reads r JOIN "
	    "course_lessons l ON l.id = r.lesson_id JOIN course_modules m ON m.id = l.module_id "
	    "WHERE m.course_id = %lld", (long long)copy), 0);
	/* a draft until staff publish it; then no one is in it */
	STATUS(tc_api("GET", progress_path(copy), tok[ADA_], NULL), 404);
	STATUS(tc_api("PATCH", tc_path("/api/v1/courses/%lld", (long long)copy), tok[STAFF_],
	    json_pack("{s:s}", "status", "published")), 200);
	STATUS(tc_api("GET", progress_path(copy), tok[ADA_], NULL), 403);
	r = tc_api("GET", tc_path("/api/v1/cohorts?course=%lld", (long long)copy), tok[STAFF_],
	    NULL);
	STATUS(r, 200);
	HAS(r, "\"items\":[]");
	/* the copy's quiz has no attempt of Ada's */
	{
		json_t *j = ts_jbody(tc_api("GET", tc_path("/api/v1/courses/%lld", (long long)copy),
		    NULL, NULL)), *m;
		size_t i;

		json_array_foreach(json_object_get(j, "modules"), i, m)
			if (json_is_object(json_object_get(m, "quiz")))
				assert_int_equal(ts_sql_int("SELECT count(*) FROM "
				    "course_quiz_attempts WHERE quiz_id = %lld", (long long)tc_num(
				    json_object_get(m, "quiz"), "id")), 0);
		json_decref(j);
	}
	/* nobody but staff copies */
	STATUS(tc_api("POST", tc_path("/api/v1/courses/%lld/copy", (long long)course), tok[ADA_],
	    NULL), 403);
	STATUS(tc_api("POST", tc_path("/api/v1/courses/%lld/copy", (long long)course), NULL, NULL),
	    401);
}

/* Whose organization was suspended, who left theirs: they read on (the
 * enrolment is theirs), and enrol themselves nowhere new. */
static void
test_suspended_and_left(void **state)
{
	const struct ts_res *r;

	(void)state;
	STATUS(tc_api("GET", lesson_path(course, l1), tok[FAY_], NULL), 200);
	ts_sql_int("UPDATE organizations SET status = 'suspended' WHERE id = %lld",
	    (long long)zedland);
	r = tc_api("GET", "/api/v1/me", tok[FAY_], NULL);
	HAS(r, "\"role\":\"applicant\"");
	STATUS(tc_api("GET", lesson_path(course, l1), tok[FAY_], NULL), 200);
	STATUS(tc_api("GET", progress_path(course), tok[FAY_], NULL), 200);
	r = enrol(kb, tok[FAY_], NULL);
	STATUS(r, 403);
	HAS(r, "not a member");

	r = tc_api("POST", tc_path("/api/v1/organizations/%lld/leave", (long long)quillon),
	    tok[GUS_], NULL);
	STATUS(r, 200);
	r = tc_api("GET", "/api/v1/me", tok[GUS_], NULL);
	HAS(r, "\"role\":\"applicant\"");
	STATUS(tc_api("GET", lesson_path(course, l1), tok[GUS_], NULL), 200);
	STATUS(enrol(kb, tok[GUS_], NULL), 403);
	ts_sql_int("UPDATE organizations SET status = 'approved' WHERE id = %lld",
	    (long long)zedland);
}

/* An accepted application is not undone: declining or withdrawing it is
 * refused, and the enrolment stays. */
static void
test_call_decision(void **state)
{
	const struct ts_res *r;
	int64_t call, kid, aid, now = tc_now();
	json_t *j;

	(void)state;
	r = tc_api("POST", "/api/v1/calls", tok[STAFF_], json_pack("{s:s,s:s,s:s,s:s,s:s}", "kind",
	    "course_cohort", "title", "Call for the attack cohort", "timezone", "UTC", "closes",
	    tc_utc(now + 3600), "status", "open"));
	STATUS(r, 201);
	call = tc_id_of(r);
	kid = tc_cohort_made(course, "Cohort of the call", -DAY, 30 * DAY, 0);
	STATUS(tc_api("PATCH", tc_path("/api/v1/cohorts/%lld", (long long)kid), tok[STAFF_],
	    json_pack("{s:I}", "call_id", (json_int_t)call)), 200);
	r = tc_api("POST", tc_path("/api/v1/calls/%lld/applications", (long long)call), tok[HAL_],
	    json_pack("{s:s}", "status", "submitted"));
	STATUS(r, 201);
	aid = tc_id_of(r);
	advance(7200);
	r = tc_api("POST", tc_path("/api/v1/calls/%lld/applications/decisions", (long long)call),
	    tok[STAFF_], json_pack("{s:[I],s:s}", "ids", (json_int_t)aid, "decision", "accept"));
	STATUS(r, 200);
	HAS(r, "\"succeeded\":1");
	STATUS(tc_api("GET", lesson_path(course, l1), tok[HAL_], NULL), 200);
	/* accepted -> declined: refused; the applicant withdrawing: refused */
	r = tc_api("POST", tc_path("/api/v1/calls/%lld/applications/decisions", (long long)call),
	    tok[STAFF_], json_pack("{s:[I],s:s}", "ids", (json_int_t)aid, "decision", "decline"));
	j = ts_jbody(r);
	assert_int_equal(tc_num(j, "succeeded"), 0);
	json_decref(j);
	r = tc_api("PATCH", tc_path("/api/v1/calls/%lld/applications/%lld", (long long)call,
	    (long long)aid), tok[HAL_], json_pack("{s:s}", "status", "withdrawn"));
	STATUS(r, 409);
	STATUS(tc_api("DELETE", tc_path("/api/v1/calls/%lld/applications/%lld", (long long)call,
	    (long long)aid), tok[HAL_], NULL), 409);
	r = tc_api("GET", tc_path("/api/v1/cohorts/%lld/enrolments", (long long)kid), tok[HAL_],
	    NULL);
	HAS(r, "\"source\":\"call\"");
	STATUS(tc_api("GET", lesson_path(course, l1), tok[HAL_], NULL), 200);
	/* the course takes self-enrolment, but this cohort's people come
	 * through its call: nobody passes its selection by enrolling */
	r = enrol(kid, tok[CY_], NULL);
	STATUS(r, 403);
	HAS(r, "through its call");
	r = tc_api("GET", tc_path("/api/v1/cohorts/%lld", (long long)kid), tok[CY_], NULL);
	HAS(r, "\"can_enrol\":false");
	assert_int_equal(ts_sql_int("SELECT count(*) FROM course_enrolments WHERE cohort_id = "
	    "%lld AND user_id = %lld", (long long)kid, (long long)uid[CY_]), 0);
}

/* ---- self-enrolment ------------------------------------------------------------ */

/* Outside the window on the test clock (409), twice at once (once), into
 * a draft's cohort (404), without a confirmed address (403). */
static void
test_self_enrolment(void **state)
{
	struct racer x[4];
	const struct ts_res *r;
	int64_t now = tc_now(), kid;
	json_t *b;
	int i;

	(void)state;
	b = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s}", "course_id", (json_int_t)course, "title",
	    "Windowed cohort", "timezone", "UTC", "start", tc_utc(now + 10 * DAY), "end",
	    tc_utc(now + 40 * DAY), "enrolment_opens", tc_utc(now + 3600), "enrolment_closes",
	    tc_utc(now + 2 * 3600));
	r = tc_api("POST", "/api/v1/cohorts", tok[STAFF_], b);
	STATUS(r, 201);
	kid = tc_id_of(r);
	r = enrol(kid, tok[CY_], NULL);
	STATUS(r, 409);
	/* an address unconfirmed since she signed in enrols nowhere */
	advance(3600);
	ts_sql_int("UPDATE users SET verified_at = NULL WHERE id = %lld", (long long)uid[UNA_]);
	una_unconfirmed = 1;
	r = enrol(kid, tok[UNA_], NULL);
	STATUS(r, 403);
	HAS(r, "Confirm your email address");
	/* twice at once: one enrolment */
	{
		char path[96];

		snprintf(path, sizeof path, "/api/v1/cohorts/%lld/enrolments", (long long)kid);
		for (i = 0; i < 4; i++) {
			x[i].token = tok[CY_];
			x[i].path = path;
			x[i].body = "{}";
		}
		assert_int_equal(run_race(x, 4, 201), 1);
		for (i = 0; i < 4; i++)
			assert_true(x[i].status == 201 || x[i].status == 200);
	}
	assert_int_equal(ts_sql_int("SELECT count(*) FROM course_enrolments WHERE cohort_id = "
	    "%lld", (long long)kid), 1);
	/* at the closing second: closed */
	advance(3600);
	STATUS(enrol(kid, tok[DEE_], NULL), 409);
	/* a draft's cohort: not there; a course without self-enrolment: 403 */
	STATUS(enrol(kdraft, tok[DEE_], NULL), 404);
	STATUS(tc_api("PATCH", tc_path("/api/v1/courses/%lld", (long long)course), tok[STAFF_],
	    json_pack("{s:b}", "self_enrolment", 0)), 200);
	STATUS(enrol(kb, tok[DEE_], NULL), 403);
	STATUS(tc_api("PATCH", tc_path("/api/v1/courses/%lld", (long long)course), tok[STAFF_],
	    json_pack("{s:b}", "self_enrolment", 1)), 200);
	ts_sql_int("UPDATE users SET verified_at = 1 WHERE id = %lld", (long long)uid[UNA_]);
	una_unconfirmed = 0;
}

/* ---- content ------------------------------------------------------------------- */

/* Hostile Markdown in lessons and summaries: no raw HTML, no script link;
 * a video link is http(s) only, to any host, a plain link. */
static void
test_hostile_content(void **state)
{
	struct ts_browser *ada;
	const struct ts_res *r;
	const char *bad[] = { "javascript:alert(1)", "JAVASCRIPT:alert(1)",
		" javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
		"vbscript:msgbox(1)", "//evil.example/x", "https://x.example/\" onmouseover=\"x",
		"https://x.example/<script>", "file:///etc/passwd", "ftp://x.example/v", NULL };
	int64_t vid;
	int i;

	(void)state;
	for (i = 0; bad[i]; i++) {
		r = tc_api("POST", tc_path("/api/v1/courses/%lld/modules/%lld/lessons",
		    (long long)course, (long long)m2), tok[STAFF_], json_pack("{s:s,s:s,s:s,s:i}",
		    "title", "Bad video", "kind", "video", "video_url", bad[i], "minutes", 5));
		if (r->status != 422)
			printf("# video_url %s\n", bad[i]);
		STATUS(r, 422);
		HAS(r, "\"video_url\"");
	}
	vid = tc_lesson_made(course, m2, json_pack("{s:s,s:s,s:s,s:i}", "title", "Elsewhere",
	    "kind", "video", "video_url", "https://videos.elsewhere.example/watch?v=1&t=2",
	    "minutes", 5));
	STATUS(tc_api("PATCH", lesson_path(course, vid), tok[STAFF_], json_pack("{s:s}",
	    "video_url", "javascript:alert(1)")), 422);

	r = tc_api("GET", lesson_path(course, l1), tok[ADA_], NULL);
	STATUS(r, 200);
	HAS(r, "Lesson one text");
	LACKS(r, "<script");
	LACKS(r, "onerror");
	LACKS(r, "href=\\\"javascript");	/* an autolink's text stays, as text */
	LACKS(r, "src=\\\"javascript");
	LACKS(r, "data:text");
	LACKS(r, "<iframe");
	LACKS(r, "JaVaScRiPt:");
	LACKS(r, "vbscript:");
	LACKS(r, "file:");
	LACKS(r, "&#58;");
	ada = ts_signed_in(&srv, NULL, ADA, PW);
	assert_non_null(ada);
	r = ts_get(ada, tc_path("/courses/%lld/lessons/%lld", (long long)course, (long long)l1));
	STATUS(r, 200);
	HAS(r, "Lesson one text");
	LACKS(r, "<script>alert");
	LACKS(r, "onerror=");
	LACKS(r, "href=\"javascript");
	LACKS(r, "src=\"javascript");
	LACKS(r, "href=\"data:");
	LACKS(r, "<iframe");
	LACKS(r, "href=\"JaVa");
	LACKS(r, "href=\"vbscript");
	LACKS(r, "href=\"file");
	LACKS(r, "alert(9)\"");
	LACKS(r, "href=\" javascript");
	r = ts_get(ada, tc_path("/courses/%lld/lessons/%lld", (long long)course, (long long)vid));
	STATUS(r, 200);
	HAS(r, "href=\"https:&#x2F;&#x2F;videos.elsewhere.example&#x2F;watch?v&#x3D;1&amp;t&#x3D;2\" "
	    "rel=\"noopener noreferrer\"");
	LACKS(r, "<iframe");
	LACKS(r, "<video");
	r = ts_get(ada, tc_path("/courses/%lld", (long long)course));
	STATUS(r, 200);
	LACKS(r, "<script>alert");
	LACKS(r, "href=\"javascript");
	ts_browser_free(ada);
	STATUS(tc_api("DELETE", lesson_path(course, vid), tok[STAFF_], NULL), 204);

	/* a quiz's texts are text: escaped on the page, before and after */
	{
		int64_t m = tc_module_made(course, "Module <b>bold</b>");
		int64_t q = tc_quiz_made(course, m, json_pack("{s:s,s:i,s:[{s:s,s:s,s:["
		    "{s:s,s:b,s:s},{s:s,s:b,s:s}]}]}", "title", "Quiz <script>alert(4)</script>",
		    "attempts_max", 1, "questions", "text", "Q <img src=x onerror=alert(5)>",
		    "kind", "single", "answers", "text", "A <script>alert(6)</script>", "correct", 1,
		    "feedback", "F <script>alert(7)</script>", "text", "B", "correct", 0,
		    "feedback", ""));
		json_t *j;

		ada = ts_signed_in(&srv, NULL, ADA, PW);
		assert_non_null(ada);
		r = ts_get(ada, tc_path("/courses/%lld/quizzes/%lld", (long long)course,
		    (long long)q));
		STATUS(r, 200);
		LACKS(r, "<script>alert");
		LACKS(r, "<img src=x");
		LACKS(r, "<b>bold");
		j = ts_jbody(tc_api("GET", quiz_path(course, q), tok[ADA_], NULL));
		r = ts_form(ada, tc_path("/courses/%lld/quizzes/%lld/attempt", (long long)course,
		    (long long)q), "attempt", "1", "answers.1", tc_answer_id(j,
		    "A <script>alert(6)</script>"), NULL);
		json_decref(j);
		STATUS(r, 303);
		r = ts_get(ada, tc_path("/courses/%lld/quizzes/%lld", (long long)course,
		    (long long)q));
		STATUS(r, 200);
		HAS(r, "F &lt;script&gt;");
		LACKS(r, "<script>alert");
		ts_browser_free(ada);
		STATUS(tc_api("DELETE", tc_path("/api/v1/courses/%lld/modules/%lld",
		    (long long)course, (long long)m), tok[STAFF_], NULL), 204);
	}
}

/* A lesson that is a resource of the library says nothing of a resource
 * its reader may not see. */
static void
test_resource_lesson(void **state)
{
	const struct ts_res *r;
	int64_t rid, lid;

	(void)state;
	r = tc_api("POST", "/api/v1/resources", tok[STAFF_], json_pack("{s:s,s:s,s:s,s:s,s:s}",
	    "title", "Staff-only negotiation notes", "kind", "guide", "link",
	    "https://example.org/staff", "visibility", "staff", "status", "published"));
	if (r->status != 201)
		printf("# %s\n", r->body);
	STATUS(r, 201);
	rid = tc_id_of(r);
	lid = tc_lesson_made(course, m2, json_pack("{s:s,s:s,s:I,s:i}", "title", "Read this",
	    "kind", "resource", "resource_id", (json_int_t)rid, "minutes", 5));
	STATUS(tc_api("GET", tc_path("/api/v1/resources/%lld", (long long)rid), tok[ADA_], NULL),
	    404);
	r = tc_api("GET", lesson_path(course, lid), tok[ADA_], NULL);
	STATUS(r, 200);
	LACKS(r, "Staff-only negotiation notes");
	HAS(r, "\"resource_id\":null");
	r = ts_get(plain, tc_path("/courses/%lld/lessons/%lld", (long long)course, (long long)lid));
	LACKS(r, "Staff-only negotiation notes");
	/* staff (its tutors too) see what it is */
	r = tc_api("GET", lesson_path(course, lid), tok[TUTOR_], NULL);
	STATUS(r, 200);
	HAS(r, "Staff-only negotiation notes");
	/* made public, it is named to the participant */
	STATUS(tc_api("PATCH", tc_path("/api/v1/resources/%lld", (long long)rid), tok[STAFF_],
	    json_pack("{s:s}", "visibility", "public")), 200);
	r = tc_api("GET", lesson_path(course, lid), tok[ADA_], NULL);
	HAS(r, "Staff-only negotiation notes");
	STATUS(tc_api("DELETE", lesson_path(course, lid), tok[STAFF_], NULL), 204);
}

/* ---- the forms ------------------------------------------------------------------ */

/* Every form of the course without its CSRF token: 403, nothing done; a
 * form-encoded or text body to the API on a session cookie too. */
static void
test_csrf(void **state)
{
	struct ts_browser *staff, *ada;
	const struct ts_res *r;
	int64_t before;
	const char *const staff_forms[] = {
		"/staff/courses/new", tc_path("/staff/courses/%lld", (long long)course),
		tc_path("/staff/courses/%lld/copy", (long long)course),
		tc_path("/staff/courses/%lld/delete", (long long)course),
		tc_path("/staff/courses/%lld/modules", (long long)course),
		tc_path("/staff/courses/%lld/modules/%lld", (long long)course, (long long)m1),
		tc_path("/staff/courses/%lld/modules/%lld/move", (long long)course, (long long)m1),
		tc_path("/staff/courses/%lld/modules/%lld/delete", (long long)course,
		    (long long)m1),
	};
	const char *const staff_forms2[] = {
		tc_path("/staff/courses/%lld/modules/%lld/lessons/new", (long long)course,
		    (long long)m1),
		tc_path("/staff/courses/%lld/lessons/%lld", (long long)course, (long long)l1),
		tc_path("/staff/courses/%lld/lessons/%lld/move", (long long)course, (long long)l1),
		tc_path("/staff/courses/%lld/lessons/%lld/delete", (long long)course,
		    (long long)l1),
		tc_path("/staff/courses/%lld/modules/%lld/quiz", (long long)course, (long long)m1),
		tc_path("/staff/courses/%lld/cohorts", (long long)course),
		tc_path("/staff/courses/%lld/cohorts/%lld/enrol", (long long)course, (long long)ka),
	};
	size_t i;

	(void)state;
	staff = ts_signed_in(&srv, NULL, STAFF, PW);
	assert_non_null(staff);
	before = ts_sql_int("SELECT count(*) FROM audit_log");
	for (i = 0; i < sizeof staff_forms / sizeof staff_forms[0]; i++) {
		r = ts_post(staff, staff_forms[i], "title", "Forged", "direction", "up", NULL);
		if (r->status != 403)
			printf("# %s\n", staff_forms[i]);
		STATUS(r, 403);
	}
	for (i = 0; i < sizeof staff_forms2 / sizeof staff_forms2[0]; i++) {
		r = ts_post(staff, staff_forms2[i], "title", "Forged", "email", CY, NULL);
		if (r->status != 403)
			printf("# %s\n", staff_forms2[i]);
		STATUS(r, 403);
	}
	/* a wrong token is no token */
	r = ts_post(staff, tc_path("/staff/courses/%lld/copy", (long long)course), "csrf",
	    "0000000000000000000000000000000000000000000000000000000000000000", NULL);
	STATUS(r, 403);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM audit_log"), before);
	ts_browser_free(staff);

	ada = ts_signed_in(&srv, NULL, ADA, PW);
	assert_non_null(ada);
	r = ts_post(ada, tc_path("/courses/%lld/quizzes/%lld/attempt", (long long)course,
	    (long long)quiz2), "attempt", "2", NULL);
	STATUS(r, 403);
	r = ts_post(ada, tc_path("/courses/%lld/cohorts/%lld/enrol", (long long)course,
	    (long long)kb), NULL);
	STATUS(r, 403);
	/* the API on the session cookie, as a cross-site form sends it */
	{
		const char *form[] = { "Content-Type: application/x-www-form-urlencoded", NULL };
		const char *text[] = { "Content-Type: text/plain", NULL };

		r = ts_req(ada, "POST", attempt_path(course, quiz2), form, "attempt=2", 9);
		assert_true(r->status == 403 || r->status == 415 || r->status == 401);
		r = ts_req(ada, "POST", attempt_path(course, quiz2), text,
		    "{\"attempt\":2,\"answers\":{}}", 26);
		assert_true(r->status == 403 || r->status == 415 || r->status == 401);
		r = ts_req(ada, "POST", tc_path("/api/v1/cohorts/%lld/enrolments", (long long)kb),
		    form, "x=1", 3);
		assert_true(r->status == 403 || r->status == 415 || r->status == 401);
	}
	ts_browser_free(ada);
	assert_int_equal(used(ADA_, course, quiz2), 1);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM course_enrolments WHERE cohort_id = "
	    "%lld AND user_id = %lld", (long long)kb, (long long)uid[ADA_]), 0);
}

/* Methods a route does not take: 405, never another handler. */
static void
test_methods(void **state)
{
	const char *const over[] = { "X-HTTP-Method-Override: DELETE", NULL };
	const struct ts_res *r;

	(void)state;
	STATUS(tc_api("GET", attempt_path(course, quiz2), tok[ADA_], NULL), 405);
	STATUS(tc_api("PUT", attempt_path(course, quiz2), tok[ADA_], json_object()), 405);
	STATUS(tc_api("DELETE", attempt_path(course, quiz2), tok[ADA_], NULL), 405);
	STATUS(tc_api("POST", lesson_path(course, l1), tok[ADA_], json_object()), 405);
	STATUS(tc_api("PUT", tc_path("/api/v1/courses/%lld", (long long)course), tok[STAFF_],
	    json_object()), 405);
	STATUS(tc_api("PUT", tc_path("/api/v1/cohorts/%lld", (long long)ka), tok[STAFF_],
	    json_object()), 405);
	STATUS(tc_api("DELETE", tc_path("/api/v1/cohorts/%lld/enrolments", (long long)ka),
	    tok[ADA_], NULL), 405);
	STATUS(tc_api("PATCH", progress_path(course), tok[ADA_], json_object()), 405);
	/* an override header is not a method */
	r = ts_req(plain, "POST", tc_path("/api/v1/courses/%lld", (long long)course), over, "{}",
	    2);
	STATUS(r, 405);
	STATUS(tc_api("GET", tc_path("/api/v1/courses/%lld", (long long)course), NULL, NULL), 200);
	/* GET of a form's address changes nothing */
	r = ts_get(plain, tc_path("/courses/%lld/cohorts/%lld/enrol", (long long)course,
	    (long long)kb));
	assert_true(r->status == 405 || r->status == 404);
}

/* Oversized input: refused with the field named, or 413. */
static void
test_oversized(void **state)
{
	const struct ts_res *r;
	json_t *b, *qs;
	char *big;
	size_t n = 100001;
	int i;

	(void)state;
	big = malloc(3 * 1024 * 1024 + 1);
	assert_non_null(big);
	memset(big, 'a', n);
	big[n] = '\0';
	r = tc_api("POST", tc_path("/api/v1/courses/%lld/modules/%lld/lessons", (long long)course,
	    (long long)m2), tok[STAFF_], json_pack("{s:s,s:s,s:s,s:i}", "title", "Too long",
	    "kind", "markdown", "body", big, "minutes", 5));
	STATUS(r, 422);
	HAS(r, "\"body\"");
	memset(big, 'a', 201);
	big[201] = '\0';
	r = tc_api("PATCH", lesson_path(course, l1), tok[STAFF_], json_pack("{s:s}", "title", big));
	STATUS(r, 422);
	HAS(r, "\"title\"");
	STATUS(tc_api("PATCH", lesson_path(course, l1), tok[STAFF_], json_pack("{s:i}", "minutes",
	    1441)), 422);
	/* 51 questions; a question of 11 answers */
	b = quiz_body("Too big", 2);
	qs = json_object_get(b, "questions");
	for (i = 0; i < 50; i++)
		json_array_append(qs, json_array_get(qs, 0));
	r = tc_api("PATCH", quiz_path(course, quiz2), tok[STAFF_], b);
	STATUS(r, 422);
	HAS(r, "\"questions\"");
	b = quiz_body("Too many answers", 2);
	qs = json_object_get(json_array_get(json_object_get(b, "questions"), 1), "answers");
	for (i = 0; i < 8; i++)
		json_array_append_new(qs, json_pack("{s:s}", "text", tc_path("Extra %d", i)));
	STATUS(tc_api("PATCH", quiz_path(course, quiz2), tok[STAFF_], b), 422);
	/* an attempt of three megabytes */
	memcpy(big, "{\"attempt\":2,\"answers\":{\"1\":\"", 29);
	memset(big + 29, 'x', 3 * 1024 * 1024 - 32);
	memcpy(big + 3 * 1024 * 1024 - 3, "\"}}", 3);
	big[3 * 1024 * 1024] = '\0';
	r = ts_api(plain, "POST", attempt_path(course, quiz2), tok[ADA_], big);
	STATUS(r, 413);
	free(big);
	assert_int_equal(used(ADA_, course, quiz2), 1);
	/* a page of a million enrolments */
	r = tc_api("GET", tc_path("/api/v1/cohorts/%lld/enrolments?per_page=1000000",
	    (long long)ka), tok[STAFF_], NULL);
	assert_true(r->status == 400 || r->status == 422);
	r = tc_api("GET", tc_path("/api/v1/cohorts/%lld/enrolments?page=99999999999999999999",
	    (long long)ka), tok[STAFF_], NULL);
	assert_true(r->status == 400 || r->status == 422);
}

/* ---- set-up ------------------------------------------------------------- */

static int
setup(void **state)
{
	static const char *const names[] = { "Sam Staff", "Tia Tutor", "Tom Tutor", "Ada", "Bo",
		"Cy", "Dee", "Eve", "Fay", "Gus", "Una", "Hal", "Fe" };
	static const char *const roles[] = { "staff", "staff", "staff", "member", "member",
		"member", "member", "member", "member", "member", "member", "member", "focal" };
	int i;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	tc_use(plain, tok[STAFF_]);
	quillon = ts_org_import(db_url, "Quillon Attack Trust", "KE", "info@quillon-x.example",
	    NULL);
	zedland = ts_org_import(db_url, "Zedland Watch", "UG", "info@zedland-x.example", NULL);
	assert_true(quillon > 0 && zedland > 0);
	for (i = 0; i < WHO__MAX; i++) {
		int64_t org = strcmp(roles[i], "member") ? 0 : i == FAY_ ? zedland : quillon;

		uid[i] = ts_person_add(db_url, emails[i], names[i], roles[i], org, PW);
		assert_true(uid[i] > 0);
	}
	tokens();
	ts_db_open(db_url);

	{
		const struct ts_res *r = tc_api("POST", "/api/v1/courses", tok[STAFF_],
		    json_pack("{s:s,s:s,s:b,s:s}", "title", "Attack course", "status", "published",
		    "self_enrolment", 1, "summary", "Summary <script>alert(1)</script> "
		    "[x](javascript:alert(1))"));

		STATUS(r, 201);
		course = tc_id_of(r);
	}
	m1 = tc_module_made(course, "First module");
	m2 = tc_module_made(course, "Second module");
	l1 = tc_lesson_made(course, m1, json_pack("{s:s,s:s,s:s,s:i}", "title", "Lesson one",
	    "kind", "markdown", "body", "Lesson one text.\n\n<script>alert(1)</script>\n\n"
	    "<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) "
	    "[data](data:text/html;base64,PHNjcmlwdD4=) ![i](javascript:alert(2)) "
	    "<a href=\"javascript:alert(3)\">raw</a> <iframe src=\"https://evil.example\">"
	    "</iframe>\n\n[ok](https://ok.example/) <javascript:alert(8)> "
	    "[e](javascript&#58;alert(9)) [m](JaVaScRiPt:alert(10)) [r][ref] "
	    "[v](vbscript:msgbox(1)) [f](file:///etc/passwd) [s]( javascript:alert(12))\n\n"
	    "[ref]: javascript:alert(11)\n", "minutes", 10));
	l2 = tc_lesson_made(course, m1, json_pack("{s:s,s:s,s:s,s:i}", "title", "Lesson two",
	    "kind", "video", "video_url", "https://video.example/talk", "minutes", 20));
	l3 = tc_lesson_made(course, m2, json_pack("{s:s,s:s,s:s,s:i}", "title", "Lesson three",
	    "kind", "markdown", "body", "Third.", "minutes", 5));
	quiz = tc_quiz_made(course, m1, quiz_body("First quiz", 2));
	quiz2 = tc_quiz_made(course, m2, quiz_body("Second quiz", 1));

	ka = tc_cohort_made(course, "Cohort A", -DAY, 60 * DAY, uid[TUTOR_]);
	kb = tc_cohort_made(course, "Cohort B", -DAY, 60 * DAY, uid[TUTOR2_]);
	kended = tc_cohort_made(course, "Ended cohort", -60 * DAY, -DAY, uid[TUTOR_]);
	kfuture = tc_cohort_made(course, "Future cohort", 20 * DAY, 80 * DAY, uid[TUTOR_]);
	tc_enrolled(ka, uid[ADA_]);
	tc_enrolled(ka, uid[FAY_]);
	tc_enrolled(ka, uid[GUS_]);
	tc_enrolled(kb, uid[BO_]);
	tc_enrolled(kended, uid[DEE_]);
	tc_enrolled(kfuture, uid[EVE_]);

	{
		const struct ts_res *r = tc_api("POST", "/api/v1/courses", tok[STAFF_],
		    json_pack("{s:s,s:s,s:b}", "title", "Draft attack course", "status", "draft",
		    "self_enrolment", 1));

		STATUS(r, 201);
		draft = tc_id_of(r);
	}
	dmod = tc_module_made(draft, "Draft module");
	dlesson = tc_lesson_made(draft, dmod, json_pack("{s:s,s:s,s:s,s:i}", "title",
	    "Draft lesson", "kind", "markdown", "body", "Draft text", "minutes", 10));
	dquiz = tc_quiz_made(draft, dmod, quiz_body("Draft quiz", 2));
	kdraft = tc_cohort_made(draft, "Draft's cohort", -DAY, 60 * DAY, 0);
	tc_enrolled(kdraft, uid[ADA_]);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ts_db_close();
	ts_browser_free(plain);
	ts_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_visitor),
		cmocka_unit_test(test_not_enrolled),
		cmocka_unit_test(test_other_cohort),
		cmocka_unit_test(test_not_running),
		cmocka_unit_test(test_former_tutor),
		cmocka_unit_test(test_quiz_leaks),
		cmocka_unit_test(test_scoring_tricks),
		cmocka_unit_test(test_attempts_at_once),
		cmocka_unit_test(test_form_tricks),
		cmocka_unit_test(test_draft_and_deleted),
		cmocka_unit_test(test_staff_cross_course),
		cmocka_unit_test(test_copy),
		cmocka_unit_test(test_suspended_and_left),
		cmocka_unit_test(test_hostile_content),
		cmocka_unit_test(test_resource_lesson),
		cmocka_unit_test(test_csrf),
		cmocka_unit_test(test_methods),
		cmocka_unit_test(test_oversized),
		cmocka_unit_test(test_call_decision),
		cmocka_unit_test(test_self_enrolment),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("courses_attack", tests, setup, teardown);
}
