/*
 * courses_quizzes_test.c -- the quiz at the end of a module (issue 18,
 * part 4): staff write it (bad input refused with the field named); a
 * participant of a running cohort takes it: the questions come without
 * what is right, shuffled for each attempt and stable on reload; answers
 * are checked on the server, the feedback of the answers chosen shown
 * after; the best attempt counts.  Bad input: the same attempt sent twice
 * at once (counted once), after the attempts are used up (409), answers
 * to questions the quiz does not have (422).  The page's form works
 * without JavaScript.  Each answer comes with an id of that attempt's
 * (aid() finds it by its text): the stored ids give away the order staff
 * wrote the answers in.
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
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"
#define STAFF "sam.staff@quizzes.test"
#define TUTOR "tia.tutor@quizzes.test"
#define ADA "ada@quillon-q.example"
#define BO "bo@quillon-q.example"
#define CY "cy@quillon-q.example"
#define DAY 86400

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;

static char staff_tok[129], tutor_tok[129], ada_tok[129], bo_tok[129], cy_tok[129];
static int64_t quillon, tutor_id, ada_id, bo_id, cy_id;
static int64_t course, module, quiz;

/* ---- helpers ------------------------------------------------------------ */

/* The quiz of the tests: three questions, pass mark 60, two attempts. */
static json_t *
quiz_body(void)
{
	return json_pack("{s:s,s:i,s:i,s:["
	    "{s:s,s:s,s:[{s:s,s:b,s:s},{s:s,s:b,s:s},{s:s,s:b,s:s}]},"
	    "{s:s,s:s,s:[{s:s,s:b,s:s},{s:s,s:b,s:s},{s:s,s:b,s:s}]},"
	    "{s:s,s:s,s:[{s:s,s:b,s:s},{s:s,s:b}]}]}",
	    "title", "What the Convention is", "pass_mark", 60, "attempts_max", 2, "questions",
	    "text", "Which body reviews the Convention's implementation?", "kind", "single",
	    "answers", "text", "The Conference of the Parties", "correct", 1, "feedback",
	    "Yes: its Review Mechanism.", "text", "The Security Council", "correct", 0,
	    "feedback", "No: the Conference of the Parties does.", "text", "Interpol", "correct", 0,
	    "feedback", "No: Interpol is a police organization.",
	    "text", "Which are protocols to the Convention?", "kind", "multiple", "answers",
	    "text", "Trafficking in persons", "correct", 1, "feedback", "One of the three.",
	    "text", "Smuggling of migrants", "correct", 1, "feedback", "One of the three.",
	    "text", "Cybercrime", "correct", 0, "feedback", "Not a protocol.",
	    "text", "May civil society take part in the review?", "kind", "single", "answers",
	    "text", "Yes, through constructive dialogues", "correct", 1, "feedback",
	    "Right: paragraph 53 of resolution 9/1.", "text", "No", "correct", 0);
}

/* The id a taker was given, for their next attempt, for the answer with
 * text in their quiz view j (GET .../quizzes/{qid}): not the stored one,
 * which gives away the order staff wrote the answers in. */
static const char *
aid(json_t *j, const char *text)
{
	json_t *q, *a;
	size_t i, k;

	json_array_foreach(json_object_get(j, "questions"), i, q)
		json_array_foreach(json_object_get(q, "answers"), k, a)
			if (strcmp(json_string_value(json_object_get(a, "text")), text) == 0)
				return json_string_value(json_object_get(a, "id"));
	fail_msg("no answer \"%s\"", text);
	return "";
}

/* person token's quiz view.  New reference. */
static json_t *
view_of(const char *token)
{
	char path[96];

	snprintf(path, sizeof path, "/api/v1/courses/%lld/quizzes/%lld", (long long)course,
	    (long long)quiz);
	return ts_jbody(tc_api("GET", path, token, NULL));
}

static const struct ts_res *
attempt(const char *token, json_t *body)
{
	char path[96];

	snprintf(path, sizeof path, "/api/v1/courses/%lld/quizzes/%lld/attempts",
	    (long long)course, (long long)quiz);
	return tc_api("POST", path, token, body);
}

/* ---- tests ---------------------------------------------------------------- */

static void
test_staff(void **state)
{
	const struct ts_res *r;
	char path[128];
	json_t *j, *b;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/courses/%lld/modules/%lld/quiz", (long long)course,
	    (long long)module);
	/* refused, each by its field */
	b = quiz_body();
	json_object_set_new(b, "questions", json_array());
	r = tc_api("POST", path, staff_tok, b);
	STATUS(r, 422);
	HAS(r, "\"questions\"");
	b = quiz_body();
	json_object_set_new(json_array_get(json_object_get(json_array_get(json_object_get(b,
	    "questions"), 0), "answers"), 1), "correct", json_true());
	r = tc_api("POST", path, staff_tok, b);
	STATUS(r, 422);
	HAS(r, "one right answer");
	b = quiz_body();
	json_object_set_new(b, "pass_mark", json_integer(101));
	r = tc_api("POST", path, staff_tok, b);
	STATUS(r, 422);
	HAS(r, "\"pass_mark\"");
	b = quiz_body();
	json_object_del(b, "title");
	r = tc_api("POST", path, staff_tok, b);
	STATUS(r, 422);
	HAS(r, "\"title\"");
	STATUS(tc_api("POST", path, ada_tok, quiz_body()), 403);

	r = tc_api("POST", path, staff_tok, quiz_body());
	STATUS(r, 201);
	j = ts_jbody(r);
	quiz = tc_num(j, "id");
	assert_int_equal(tc_num(j, "pass_mark"), 60);
	assert_int_equal(json_array_size(json_object_get(j, "questions")), 3);
	/* staff see what is right */
	assert_true(json_is_true(json_object_get(json_array_get(json_object_get(json_array_get(
	    json_object_get(j, "questions"), 0), "answers"), 0), "correct")));
	json_decref(j);
	STATUS(tc_api("POST", path, staff_tok, quiz_body()), 409);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/quizzes/%lld", (long long)course,
	    (long long)quiz);
	r = tc_api("PATCH", path, staff_tok, json_pack("{s:s}", "title", "The Convention, a quiz"));
	STATUS(r, 200);
	HAS(r, "The Convention, a quiz");
	HAS(r, "Interpol");

	/* the outline names it */
	snprintf(path, sizeof path, "/api/v1/courses/%lld", (long long)course);
	r = tc_api("GET", path, NULL, NULL);
	HAS(r, "\"quiz\":{\"id\":");
}

static void
test_taking(void **state)
{
	const struct ts_res *r;
	char path[128], first[8192];
	json_t *j, *qs;
	size_t i;

	(void)state;
	snprintf(path, sizeof path, "/api/v1/courses/%lld/quizzes/%lld", (long long)course,
	    (long long)quiz);
	r = tc_api("GET", path, ada_tok, NULL);
	STATUS(r, 200);
	/* nothing says what is right before an answer */
	LACKS(r, "correct");
	LACKS(r, "feedback");
	LACKS(r, "its Review Mechanism");
	snprintf(first, sizeof first, "%s", r->body);
	j = ts_jbody(r);
	assert_int_equal(tc_num(j, "attempt"), 1);
	assert_int_equal(tc_num(j, "attempts_left"), 2);
	assert_true(json_is_null(json_object_get(j, "best_score")));
	qs = json_object_get(j, "questions");
	assert_int_equal(json_array_size(qs), 3);
	for (i = 0; i < json_array_size(qs); i++)
		assert_int_equal(json_array_size(json_object_get(json_array_get(qs, i),
		    "answers")), i == 2 && strcmp(json_string_value(json_object_get(
		    json_array_get(qs, i), "id")), "3") == 0 ? 2 : json_array_size(json_object_get(
		    json_array_get(qs, i), "answers")));
	json_decref(j);
	/* the same order on reload */
	r = tc_api("GET", path, ada_tok, NULL);
	assert_string_equal(r->body, first);
	/* a tutor and staff read it; someone not enrolled does not */
	STATUS(tc_api("GET", path, tutor_tok, NULL), 200);
	STATUS(tc_api("GET", path, staff_tok, NULL), 200);
	STATUS(tc_api("GET", path, cy_tok, NULL), 403);
	STATUS(tc_api("GET", path, NULL, NULL), 401);

	/* bad input: answers to questions it does not have, answers a question
	 * does not have, two for a single choice, no attempt number */
	r = attempt(ada_tok, json_pack("{s:i,s:{s:s}}", "attempt", 1, "answers", "99", "1"));
	STATUS(r, 422);
	HAS(r, "\"answers\"");
	STATUS(attempt(ada_tok, json_pack("{s:i,s:{s:s}}", "attempt", 1, "answers", "1", "9")),
	    422);
	STATUS(attempt(ada_tok, json_pack("{s:i,s:{s:[s,s]}}", "attempt", 1, "answers", "1", "1",
	    "2")), 422);
	r = attempt(ada_tok, json_pack("{s:{s:s}}", "answers", "1", "1"));
	STATUS(r, 422);
	HAS(r, "\"attempt\"");
	STATUS(attempt(tutor_tok, json_pack("{s:i,s:{}}", "attempt", 1, "answers")), 403);
	STATUS(attempt(cy_tok, json_pack("{s:i,s:{}}", "attempt", 1, "answers")), 403);

	/* the stored ids, as staff wrote the answers: not this attempt's */
	STATUS(attempt(ada_tok, json_pack("{s:i,s:{s:s}}", "attempt", 1, "answers", "1", "1")),
	    422);

	/* attempt 1: one right of three; the feedback of what was chosen */
	j = view_of(ada_tok);
	r = attempt(ada_tok, json_pack("{s:i,s:{s:s,s:[s,s,s],s:s}}", "attempt", 1, "answers",
	    "1", aid(j, "The Conference of the Parties"), "2", aid(j, "Trafficking in persons"),
	    aid(j, "Smuggling of migrants"), aid(j, "Cybercrime"), "3", aid(j, "No")));
	json_decref(j);
	STATUS(r, 201);
	j = ts_jbody(r);
	assert_int_equal(tc_num(j, "score"), 33);
	assert_false(json_is_true(json_object_get(j, "passed")));
	assert_int_equal(tc_num(j, "attempts_left"), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(json_object_get(
	    json_array_get(json_object_get(j, "results"), 0), "chosen"), 0), "feedback")),
	    "Yes: its Review Mechanism.");
	json_decref(j);
	/* sent again: counted once */
	STATUS(attempt(ada_tok, json_pack("{s:i,s:{}}", "attempt", 1, "answers")), 409);
	/* the next attempt comes in another order */
	r = tc_api("GET", path, ada_tok, NULL);
	j = ts_jbody(r);
	assert_int_equal(tc_num(j, "attempt"), 2);
	assert_int_equal(tc_num(j, "best_score"), 33);
	assert_int_equal(tc_num(json_object_get(j, "last"), "score"), 33);
	json_decref(j);
}

static char race_body[1024];	/* attempt 2, every answer right */

struct racer {
	struct ts_browser *b;
	long status;
};

static void *
race(void *arg)
{
	struct racer *x = arg;
	char path[96];
	const struct ts_res *r;

	snprintf(path, sizeof path, "/api/v1/courses/%lld/quizzes/%lld/attempts",
	    (long long)course, (long long)quiz);
	r = ts_api(x->b, "POST", path, ada_tok, race_body);
	x->status = r->status;
	return NULL;
}

static void
test_twice_at_once(void **state)
{
	struct racer x[2];
	pthread_t t[2];
	char path[96];
	json_t *j;
	int i, created = 0, conflict = 0;

	(void)state;
	j = view_of(ada_tok);
	snprintf(race_body, sizeof race_body, "{\"attempt\":2,\"answers\":{\"1\":\"%s\","
	    "\"2\":[\"%s\",\"%s\"],\"3\":\"%s\"}}", aid(j, "The Conference of the Parties"),
	    aid(j, "Trafficking in persons"), aid(j, "Smuggling of migrants"),
	    aid(j, "Yes, through constructive dialogues"));
	json_decref(j);
	for (i = 0; i < 2; i++) {
		x[i].b = ts_browser_new(&srv, NULL);
		x[i].status = 0;
	}
	for (i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&t[i], NULL, race, &x[i]), 0);
	for (i = 0; i < 2; i++) {
		pthread_join(t[i], NULL);
		created += x[i].status == 201;
		conflict += x[i].status == 409;
		ts_browser_free(x[i].b);
	}
	assert_int_equal(created, 1);
	assert_int_equal(conflict, 1);
	/* the attempts are used up: 409; the best attempt counts */
	STATUS(attempt(ada_tok, json_pack("{s:i,s:{}}", "attempt", 3, "answers")), 409);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/quizzes/%lld", (long long)course,
	    (long long)quiz);
	j = ts_jbody(tc_api("GET", path, ada_tok, NULL));
	assert_int_equal(tc_num(j, "attempts_used"), 2);
	assert_int_equal(tc_num(j, "best_score"), 100);
	assert_true(json_is_true(json_object_get(j, "passed")));
	assert_true(json_is_null(json_object_get(j, "attempt")));
	json_decref(j);
	snprintf(path, sizeof path, "/api/v1/courses/%lld/progress", (long long)course);
	j = ts_jbody(tc_api("GET", path, ada_tok, NULL));
	assert_int_equal(tc_num(j, "quizzes_passed"), 1);
	json_decref(j);
}

static void
test_page(void **state)
{
	struct ts_browser *bo = ts_signed_in(&srv, NULL, BO, PW);
	const struct ts_res *r;
	char path[128], form[128], want[512];
	json_t *j;

	(void)state;
	assert_non_null(bo);
	snprintf(path, sizeof path, "/courses/%lld/quizzes/%lld", (long long)course,
	    (long long)quiz);
	r = ts_get(bo, path);
	STATUS(r, 200);
	HAS(r, "name=\"attempt\" value=\"1\"");
	/* the page's ids are the JSON twin's: this attempt's, not the stored */
	j = view_of(bo_tok);
	snprintf(want, sizeof want, "type=\"radio\" id=\"a-1-%s\" name=\"answers.1\" "
	    "value=\"%s\"", aid(j, "Interpol"), aid(j, "Interpol"));
	HAS(r, want);
	snprintf(want, sizeof want, "type=\"checkbox\" id=\"a-2-%s\" name=\"answers.2\" "
	    "value=\"%s\"", aid(j, "Cybercrime"), aid(j, "Cybercrime"));
	HAS(r, want);
	LACKS(r, "value=\"1\"> ");
	LACKS(r, "Yes: its Review Mechanism.");
	LACKS(r, "correct");
	snprintf(form, sizeof form, "%s/attempt", path);
	r = ts_form(bo, form, "attempt", "1", "answers.1", aid(j, "The Security Council"),
	    "answers.2", aid(j, "Trafficking in persons"), "answers.2",
	    aid(j, "Smuggling of migrants"), "answers.3",
	    aid(j, "Yes, through constructive dialogues"), NULL);
	json_decref(j);
	STATUS(r, 303);
	r = ts_get(bo, path);
	STATUS(r, 200);
	HAS(r, "Your last attempt");
	HAS(r, "No: the Conference of the Parties does.");
	HAS(r, "Right: paragraph 53 of resolution 9&#x2F;1.");
	HAS(r, ": 66 %");
	HAS(r, "name=\"attempt\" value=\"2\"");
	/* the same form sent again: refused, nothing counted */
	r = ts_form(bo, form, "attempt", "1", NULL);
	STATUS(r, 409);
	snprintf(form, sizeof form, "%s?lang=fr", path);
	r = ts_get(bo, form);
	HAS(r, "Votre dernière tentative");
	ts_browser_free(bo);
}

static void
test_staff_form(void **state)
{
	struct ts_browser *staff = ts_signed_in(&srv, NULL, STAFF, PW);
	const struct ts_res *r;
	char path[128], form[128];
	int64_t mid;

	(void)state;
	assert_non_null(staff);
	/* the module page shows the quiz as stored, and empty rows */
	snprintf(path, sizeof path, "/staff/courses/%lld/modules/%lld", (long long)course,
	    (long long)module);
	r = ts_get(staff, path);
	STATUS(r, 200);
	HAS(r, "value=\"The Convention, a quiz\"");
	HAS(r, "name=\"questions.2.answers.3.text\" type=\"text\" maxlength=\"500\" "
	    "value=\"Cybercrime\"");
	HAS(r, "name=\"questions.4.text\"");

	/* a new module's quiz through the form: refused, kept; then saved */
	{
		const struct ts_res *m;
		json_t *j, *mods;

		snprintf(form, sizeof form, "/api/v1/courses/%lld/modules", (long long)course);
		m = tc_api("POST", form, staff_tok, json_pack("{s:s}", "title", "Second module"));
		STATUS(m, 201);
		j = ts_jbody(m);
		mods = json_object_get(j, "modules");
		mid = tc_num(json_array_get(mods, json_array_size(mods) - 1), "id");
		json_decref(j);
	}
	snprintf(form, sizeof form, "/staff/courses/%lld/modules/%lld/quiz", (long long)course,
	    (long long)mid);
	r = ts_form(staff, form, "title", "Second quiz", "pass_mark", "50", "attempts_max", "1",
	    "questions.1.text", "Kept question", "questions.1.kind", "single",
	    "questions.1.answers.1.text", "Only one answer", NULL);
	STATUS(r, 422);
	HAS(r, "id=\"e-z-questions\"");
	HAS(r, "value=\"Kept question\"");
	HAS(r, "value=\"Only one answer\"");
	r = ts_form(staff, form, "title", "Second quiz", "pass_mark", "50", "attempts_max", "1",
	    "questions.1.text", "Kept question", "questions.1.kind", "single",
	    "questions.1.answers.1.text", "Only one answer", "questions.1.answers.1.correct", "1",
	    "questions.1.answers.1.feedback", "Good.", "questions.1.answers.2.text", "Another",
	    NULL);
	STATUS(r, 303);
	snprintf(path, sizeof path, "/staff/courses/%lld/modules/%lld", (long long)course,
	    (long long)mid);
	r = ts_get(staff, path);
	HAS(r, "value=\"Second quiz\"");
	HAS(r, "value=\"Good.\"");

	/* a copy of the course has its quizzes, without anyone's attempts */
	snprintf(path, sizeof path, "/api/v1/courses/%lld/copy", (long long)course);
	r = tc_api("POST", path, staff_tok, NULL);
	STATUS(r, 201);
	HAS(r, "The Convention, a quiz");
	HAS(r, "Second quiz");
	ts_browser_free(staff);
}

/* ---- set-up ------------------------------------------------------------- */

static int
setup(void **state)
{
	const struct ts_res *r;
	int64_t kid;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	tc_use(plain, staff_tok);
	quillon = ts_org_import(db_url, "Quillon Quiz Trust", "KE", "info@quillon-q.example",
	    NULL);
	assert_true(quillon > 0);
	assert_true(ts_person_add(db_url, STAFF, "Sam Staff", "staff", 0, PW) > 0);
	tutor_id = ts_person_add(db_url, TUTOR, "Tia Tutor", "staff", 0, PW);
	ada_id = ts_person_add(db_url, ADA, "Ada", "member", quillon, PW);
	bo_id = ts_person_add(db_url, BO, "Bo", "member", quillon, PW);
	cy_id = ts_person_add(db_url, CY, "Cy", "member", quillon, PW);
	assert_int_equal(ts_token(plain, STAFF, PW, staff_tok, 129), 0);
	assert_int_equal(ts_token(plain, TUTOR, PW, tutor_tok, 129), 0);
	assert_int_equal(ts_token(plain, ADA, PW, ada_tok, 129), 0);
	assert_int_equal(ts_token(plain, BO, PW, bo_tok, 129), 0);
	assert_int_equal(ts_token(plain, CY, PW, cy_tok, 129), 0);

	r = tc_api("POST", "/api/v1/courses", staff_tok, json_pack("{s:s,s:s}", "title",
	    "Course with a quiz", "status", "published"));
	STATUS(r, 201);
	course = tc_id_of(r);
	module = tc_module_made(course, "The Convention");
	kid = tc_cohort_made(course, "Running cohort", -DAY, 30 * DAY, tutor_id);
	tc_enrolled(kid, ada_id);
	tc_enrolled(kid, bo_id);
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
		cmocka_unit_test(test_taking),
		cmocka_unit_test(test_twice_at_once),
		cmocka_unit_test(test_page),
		cmocka_unit_test(test_staff_form),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("courses_quizzes", tests, setup, teardown);
}
