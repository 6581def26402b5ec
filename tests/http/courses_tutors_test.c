/*
 * courses_tutors_test.c -- the tutors' side of a cohort (issue 18): the
 * tutors' table (who is behind, who finished, who has been inactive for
 * 14 days), sorted and filtered by its query, its JSON twin and its CSV
 * (formula-safe); the messages tutors send to chosen participants or to
 * everyone a filter shows (mailed, listed on the participant's progress
 * page, nobody outside the cohort mailed, capped a day); the reminder job
 * (14 days inactive, once a spell; 7 days before the end, once; a
 * disabled account and someone who finished mailed nothing), moved to
 * with the test clock and read in the SMTP sink (on PostgreSQL with a
 * second node on the same database, both running the job); and the
 * cohort deleted (409 with participants unless confirmed; they are
 * mailed), an enrolment ended by staff (mailed, progress kept) or by the
 * participant.
 *
 * The database is $WHATSON_TEST_DB (tests/http/run.t runs this program
 * once on SQLite and once on PostgreSQL).  The server's clock only moves
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

#include "lib/api.h"
#include "lib/courses.h"
#include "lib/nodes.h"
#include "lib/people.h"
#include "lib/sqldirect.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"
#define STAFF "sam.staff@tutors.test"
#define TUTOR "tia.tutor@tutors.test"
#define ADA "ada@quillon-t.example"
#define BO "bo@quillon-t.example"
#define CY "cy@quillon-t.example"
#define DAN "dan@quillon-t.example"
#define EVE "eve@quillon-t.example"
#define FIN "fin@quillon-t.example"
#define GIL "gil@quillon-t.example"
#define FE "fe@interior-t.go.ke"
#define DAY 86400

static struct ts_sink sink;
static struct ts_server srv, srv2;
static const char *db_url;
static struct ts_browser *plain, *plain2;
static int two_nodes;	/* PostgreSQL: a second node runs the reminders too */

static char staff_tok[129], tutor_tok[129], ada_tok[129], bo_tok[129], cy_tok[129],
    dan_tok[129], eve_tok[129], fin_tok[129], gil_tok[129], fe_tok[129];
static int eve_off;	/* Eve's account disabled: no token */
static int64_t quillon, tutor_id, ada_id, bo_id, cy_id, dan_id, eve_id, fin_id, gil_id, fe_id;

/* ---- helpers ------------------------------------------------------------ */

static void
tokens(void)
{
	assert_int_equal(ts_token(plain, STAFF, PW, staff_tok, 129), 0);
	assert_int_equal(ts_token(plain, TUTOR, PW, tutor_tok, 129), 0);
	assert_int_equal(ts_token(plain, ADA, PW, ada_tok, 129), 0);
	assert_int_equal(ts_token(plain, BO, PW, bo_tok, 129), 0);
	assert_int_equal(ts_token(plain, CY, PW, cy_tok, 129), 0);
	assert_int_equal(ts_token(plain, DAN, PW, dan_tok, 129), 0);
	if (!eve_off)
		assert_int_equal(ts_token(plain, EVE, PW, eve_tok, 129), 0);
	assert_int_equal(ts_token(plain, FIN, PW, fin_tok, 129), 0);
	assert_int_equal(ts_token(plain, GIL, PW, gil_tok, 129), 0);
	assert_int_equal(ts_token(plain, FE, PW, fe_tok, 129), 0);
}

/* The clock of the node b talks to. */
static int64_t
node_now(struct ts_browser *b)
{
	const struct ts_res *r = ts_req(b, "POST", "/_test/clock?advance=0", NULL, "", 0);

	STATUS(r, 200);
	return strtoll(r->body, NULL, 10);
}

/* Moves every node's clock to t (at least); everyone's token made anew. */
static void
clock_to(int64_t t)
{
	int64_t now = tc_now();

	if (t > now)
		assert_int_equal(ts_clock_advance(plain, (long)(t - now)), 200);
	if (two_nodes && t > (now = node_now(plain2)))
		assert_int_equal(ts_clock_advance(plain2, (long)(t - now)), 200);
	tokens();
}

/* A published course with one module of n lessons and, when quiz, a quiz
 * of one question (its right answer the first); ids into course and
 * lessons[0..n). */
static int64_t
course_made(const char *title, int n, int quiz, int64_t *lessons)
{
	const struct ts_res *r;
	int64_t id, mid;
	int i;

	r = tc_api("POST", "/api/v1/courses", staff_tok, json_pack("{s:s,s:s}", "title", title,
	    "status", "published"));
	STATUS(r, 201);
	id = tc_id_of(r);
	mid = tc_module_made(id, "The Convention");
	for (i = 0; i < n; i++)
		lessons[i] = tc_lesson_made(id, mid, json_pack("{s:s,s:s,s:s,s:i}", "title", i ?
		    "Second lesson" : "First lesson", "kind", "markdown", "body", "Read me.",
		    "minutes", 10));
	if (quiz)
		tc_quiz_made(id, mid, json_pack("{s:s,s:i,s:i,s:[{s:s,s:s,s:[{s:s,s:b,s:s},"
		    "{s:s,s:b,s:s}]}]}", "title", "A quiz", "pass_mark", 50, "attempts_max", 3,
		    "questions", "text", "Who reviews the Convention?", "kind", "single",
		    "answers", "text", "The Conference of the Parties", "correct", 1, "feedback",
		    "Yes.", "text", "Interpol", "correct", 0, "feedback", "No."));
	return id;
}

/* Cohort of course from start to end tutored by Tia; its id. */
static int64_t
cohort_made(int64_t course, const char *title, int64_t start, int64_t end)
{
	const struct ts_res *r = tc_api("POST", "/api/v1/cohorts", staff_tok, json_pack(
	    "{s:I,s:s,s:s,s:s,s:s,s:[I]}", "course_id", (json_int_t)course, "title", title,
	    "timezone", "UTC", "start", tc_utc(start), "end", tc_utc(end), "tutors",
	    (json_int_t)tutor_id));

	STATUS(r, 201);
	return tc_id_of(r);
}

/* Staff enrol person uid (address to) in cohort kid; their mail read. */
static void
enrolled(int64_t kid, int64_t uid, const char *to)
{
	tc_enrolled(kid, uid);
	ta_mail_says(&sink, to, "You are enrolled in a course", "You are enrolled", NULL);
}

/* Drops every unread mail to these addresses (NULL-terminated). */
static void
drained(const char *to, ...)
{
	struct ts_mail m;
	va_list ap;

	va_start(ap, to);
	for (; to; to = va_arg(ap, const char *))
		while (ts_mail_count(&sink, to) > 0 && ts_mail_wait(&sink, to, 1000, &m) == 0)
			ts_mail_free(&m);
	va_end(ap);
}

static void
quiz_passed(int64_t course, const char *token)
{
	const struct ts_res *r;
	char path[96];
	json_t *j;
	int64_t qid;

	snprintf(path, sizeof path, "/api/v1/courses/%lld/progress", (long long)course);
	r = tc_api("GET", path, token, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	qid = tc_num(json_array_get(json_object_get(j, "quizzes"), 0), "id");
	json_decref(j);
	r = tc_attempt_with(token, course, qid, 1, "The Conference of the Parties");
	STATUS(r, 201);
	HAS(r, "\"passed\":true");
}

/* The table of cohort kid of course with query q ("" for none), as
 * token sees it: its JSON (new reference) when 200. */
static json_t *
table(int64_t course, int64_t kid, const char *q, const char *token, int want)
{
	char path[160];
	const struct ts_res *r;

	snprintf(path, sizeof path, "/api/v1/staff/courses/%lld/cohorts/%lld/table%s",
	    (long long)course, (long long)kid, q);
	r = tc_api("GET", path, token, NULL);
	STATUS(r, want);
	return want == 200 ? ts_jbody(r) : NULL;
}

/* The names of the table's rows, in order, joined by commas. */
static const char *
names(json_t *t)
{
	static char out[512];
	json_t *x;
	size_t i;

	out[0] = '\0';
	json_array_foreach(json_object_get(t, "items"), i, x) {
		if (i)
			strncat(out, ",", sizeof out - strlen(out) - 1);
		strncat(out, tc_str(x, "name"), sizeof out - strlen(out) - 1);
	}
	return out;
}

static json_t *
row_of(json_t *t, const char *name)
{
	json_t *x;
	size_t i;

	json_array_foreach(json_object_get(t, "items"), i, x)
		if (strcmp(tc_str(x, "name"), name) == 0)
			return x;
	return NULL;
}

/*
 * Waits (up to 30 s) until a run of the reminder job at clock t or later
 * is done (each run says in its progress at which clock it ran and how
 * many it sent); how many the runs at t or later sent.
 */
static int
run_since(int64_t t)
{
	int64_t t0 = ts_now_ms();

	for (;;) {
		const struct ts_res *r = tc_api("GET", "/api/v1/staff/jobs?status=done&per_page=50",
		    staff_tok, NULL);
		json_t *j, *it;
		size_t i;
		int seen = 0, sent = 0;

		STATUS(r, 200);
		j = ts_jbody(r);
		json_array_foreach(json_object_get(j, "items"), i, it) {
			json_t *p = json_object_get(it, "progress");

			if (strcmp(tc_str(it, "kind"), "course_reminders") != 0 ||
			    tc_num(p, "clock") < t)
				continue;
			seen = 1;
			sent += (int)tc_num(p, "sent");
		}
		json_decref(j);
		if (seen)
			return sent;
		if (ts_now_ms() - t0 > 30000)
			fail_msg("no reminder run at clock %lld or later", (long long)t);
		{
			struct timespec ts = { 0, 50 * 1000 * 1000 };	/* a poll, not a guess */

			nanosleep(&ts, NULL);
		}
	}
}

/* How many reminders cohort kid's participants have had. */
static int64_t
sent_in(int64_t kid)
{
	return ts_sql_int("SELECT count(*) FROM course_reminders WHERE cohort_id = %lld",
	    (long long)kid);
}

/* ---- tests ---------------------------------------------------------------- */

static void
test_table(void **state)
{
	int64_t l[2], now = tc_now(), course, kid, other;
	struct ts_browser *staff, *ada;
	const struct ts_res *r;
	char path[160];
	json_t *t;

	(void)state;
	course = course_made("Course of the table", 2, 1, l);
	kid = cohort_made(course, "Table cohort", now - DAY, now + 59 * DAY);
	other = cohort_made(course, "Other cohort", now - DAY, now + 59 * DAY);
	enrolled(kid, ada_id, ADA);
	enrolled(kid, bo_id, BO);
	enrolled(kid, cy_id, CY);
	enrolled(other, gil_id, GIL);
	/* Ada finishes; Bo reads one lesson; Cy nothing */
	tc_lesson_read(course, l[0], ada_tok);
	tc_lesson_read(course, l[1], ada_tok);
	quiz_passed(course, ada_tok);
	ta_mail_says(&sink, ADA, "You have completed the course: Course of the table", NULL);
	tc_lesson_read(course, l[0], bo_tok);

	t = table(course, kid, "", tutor_tok, 200);
	assert_string_equal(names(t), "=Bo the formula,Ada,Cy");
	assert_int_equal(tc_num(t, "participants"), 3);
	assert_int_equal(tc_num(t, "lesson_count"), 2);
	assert_int_equal(tc_num(t, "quiz_count"), 1);
	assert_string_equal(tc_str(row_of(t, "Ada"), "standing"), "finished");
	assert_int_equal(tc_num(row_of(t, "Ada"), "lessons_read"), 2);
	assert_int_equal(tc_num(row_of(t, "Ada"), "quizzes_passed"), 1);
	assert_string_equal(tc_str(row_of(t, "Ada"), "organization"), "Quillon Tutors Trust");
	assert_string_equal(tc_str(row_of(t, "Ada"), "country"), "KE");
	assert_string_equal(tc_str(row_of(t, "Cy"), "standing"), "behind");
	assert_true(json_is_null(json_object_get(row_of(t, "Cy"), "last_activity")));
	assert_true(json_is_string(json_object_get(row_of(t, "Ada"), "last_activity")));
	assert_null(row_of(t, "Gil"));	/* another cohort's */
	json_decref(t);

	/* filtered and sorted by the query */
	t = table(course, kid, "?filter=finished", staff_tok, 200);
	assert_string_equal(names(t), "Ada");
	assert_int_equal(tc_num(t, "total"), 1);
	json_decref(t);
	t = table(course, kid, "?filter=behind", staff_tok, 200);
	assert_string_equal(names(t), "Cy");	/* Bo has read his share */
	json_decref(t);
	t = table(course, kid, "?sort=name&dir=desc", staff_tok, 200);
	assert_string_equal(names(t), "Cy,Ada,=Bo the formula");
	json_decref(t);
	t = table(course, kid, "?sort=lessons&dir=desc", staff_tok, 200);
	assert_string_equal(names(t), "Ada,=Bo the formula,Cy");
	json_decref(t);
	t = table(course, kid, "?filter=inactive", staff_tok, 200);
	assert_string_equal(names(t), "");
	json_decref(t);
	t = table(course, cohort_made(course, "Empty cohort", now - DAY, now + DAY), "",
	    staff_tok, 200);
	assert_int_equal(tc_num(t, "participants"), 0);
	assert_int_equal(tc_num(t, "lesson_count"), 2);	/* the course's, nobody's */
	assert_int_equal(tc_num(t, "quiz_count"), 1);
	json_decref(t);
	table(course, kid, "?filter=lazy", staff_tok, 422);
	table(course, kid, "?sort=shoe", staff_tok, 422);

	/* only staff (every tutor is staff): not its participants, members,
	 * focal points or visitors; another course's cohort is a 404 */
	table(course, kid, "", ada_tok, 403);
	table(course, kid, "", gil_tok, 403);
	table(course, kid, "", fe_tok, 403);
	table(course, kid, "", NULL, 401);
	table(course + 1000, kid, "", staff_tok, 404);

	/* the page: sort links, the filter without JavaScript, the CSV */
	staff = ts_signed_in(&srv, NULL, TUTOR, PW);
	assert_non_null(staff);
	snprintf(path, sizeof path, "/staff/courses/%lld/cohorts/%lld/table?filter=behind",
	    (long long)course, (long long)kid);
	r = ts_get(staff, path);
	STATUS(r, 200);
	HAS(r, "Tutors&#39; table");
	HAS(r, "Cy");
	LACKS(r, ">Ada<");
	HAS(r, "sort&#x3D;lessons");
	HAS(r, "aria-sort=\"ascending\"");
	snprintf(path, sizeof path, "/staff/courses/%lld/cohorts/%lld/table.csv?sort=name",
	    (long long)course, (long long)kid);
	r = ts_get(staff, path);
	STATUS(r, 200);
	HAS(r, "name,organization,country,region,lessons_read,lesson_count,quizzes_passed");
	HAS(r, "'=Bo the formula");
	HAS(r, "Ada,Quillon Tutors Trust,KE,");
	HAS(r, ",finished");
	assert_non_null(strstr(ts_header(r, "Content-Type"), "text/csv"));
	ada = ts_signed_in(&srv, NULL, ADA, PW);
	STATUS(ts_get(ada, path), 403);
	ts_browser_free(ada);
	ts_browser_free(staff);
}

static void
test_messages(void **state)
{
	int64_t l[1], now = tc_now(), course, kid, other;
	struct ts_browser *tutor, *ada;
	const struct ts_res *r;
	char path[160], form[160], idv[24];
	json_t *j;
	int i;

	(void)state;
	course = course_made("Course of messages", 1, 0, l);
	kid = cohort_made(course, "Message cohort", now - DAY, now + 30 * DAY);
	other = cohort_made(course, "Quiet cohort", now - DAY, now + 30 * DAY);
	enrolled(kid, ada_id, ADA);
	enrolled(kid, bo_id, BO);
	enrolled(other, cy_id, CY);
	tc_lesson_read(course, l[0], ada_tok);	/* Ada finished, Bo behind */
	ta_mail_says(&sink, ADA, "You have completed the course: Course of messages", NULL);
	drained(ADA, BO, CY, DAN, NULL);
	snprintf(path, sizeof path, "/api/v1/cohorts/%lld/messages", (long long)kid);

	/* to chosen participants: Ada alone */
	r = tc_api("POST", path, tutor_tok, json_pack("{s:s,s:s,s:[I]}", "subject", "Welcome",
	    "body", "Start with the first lesson.\nAsk us anything.", "user_ids",
	    (json_int_t)ada_id));
	STATUS(r, 201);
	j = ts_jbody(r);
	assert_int_equal(tc_num(j, "recipients"), 1);
	json_decref(j);
	ta_mail_says(&sink, ADA, "Welcome", "Start with the first lesson.", NULL);
	/* to everyone the filter shows: Bo, behind, who reads French: the
	 * frame of the mail in French, the tutor's words as written */
	assert_int_equal(ts_sql_int("UPDATE users SET locale = 'fr' WHERE id = %lld",
	    (long long)bo_id), -1);
	r = tc_api("POST", path, staff_tok, json_pack("{s:s,s:s,s:s}", "subject", "Catch up",
	    "body", "The second week starts.", "filter", "behind"));
	STATUS(r, 201);
	ta_mail_says(&sink, BO, "Catch up", "The second week starts.", "vous a écrit",
	    "Bonjour", NULL);
	assert_int_equal(ts_sql_int("UPDATE users SET locale = NULL WHERE id = %lld",
	    (long long)bo_id), -1);

	/* nobody outside the cohort: a person not in it refused, nothing sent */
	r = tc_api("POST", path, staff_tok, json_pack("{s:s,s:s,s:[I,I]}", "subject", "Sneaky",
	    "body", "Hello.", "user_ids", (json_int_t)ada_id, (json_int_t)cy_id));
	STATUS(r, 422);
	HAS(r, "\"user_ids\"");
	r = tc_api("POST", path, staff_tok, json_pack("{s:s,s:s}", "subject", "", "body", "x"));
	STATUS(r, 422);
	HAS(r, "\"subject\"");
	HAS(r, "\"filter\"");
	{	/* oversized: a subject over 200 bytes, a body over 20000 */
		char big[20002];

		memset(big, 'a', sizeof big - 1);
		big[sizeof big - 1] = '\0';
		r = tc_api("POST", path, staff_tok, json_pack("{s:s,s:s,s:s}", "subject",
		    big + 20000 - 201, "body", "x", "filter", "all"));
		STATUS(r, 422);
		HAS(r, "\"subject\"");
		r = tc_api("POST", path, staff_tok, json_pack("{s:s,s:s,s:s}", "subject", "Long",
		    "body", big, "filter", "all"));
		STATUS(r, 422);
		HAS(r, "\"body\"");
		r = tc_api("POST", path, staff_tok, json_pack("{s:s,s:s,s:s}", "subject",
		    "Two\nlines", "body", "x", "filter", "all"));
		STATUS(r, 422);
		HAS(r, "\"subject\"");
	}
	STATUS(tc_api("POST", path, ada_tok, json_pack("{s:s,s:s,s:s}", "subject", "Hi", "body",
	    "Hi", "filter", "all")), 403);
	STATUS(tc_api("POST", path, fe_tok, json_pack("{s:s,s:s,s:s}", "subject", "Hi", "body",
	    "Hi", "filter", "all")), 403);
	STATUS(tc_api("POST", path, NULL, json_pack("{s:s,s:s,s:s}", "subject", "Hi", "body",
	    "Hi", "filter", "all")), 401);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM course_message_recipients x JOIN "
	    "course_messages m ON m.id = x.message_id WHERE m.cohort_id = %lld AND x.user_id = "
	    "%lld", (long long)kid, (long long)cy_id), 0);

	/* the participant's progress page lists what they got, no more */
	snprintf(form, sizeof form, "/api/v1/courses/%lld/progress", (long long)course);
	r = tc_api("GET", form, ada_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Welcome");
	LACKS(r, "Catch up");
	r = tc_api("GET", form, bo_tok, NULL);
	STATUS(r, 200);
	HAS(r, "Catch up");
	LACKS(r, "Welcome");
	r = tc_api("GET", form, cy_tok, NULL);
	STATUS(r, 200);
	LACKS(r, "Welcome");
	LACKS(r, "Catch up");
	ada = ts_signed_in(&srv, NULL, ADA, PW);
	snprintf(form, sizeof form, "/courses/%lld/progress", (long long)course);
	r = ts_get(ada, form);
	STATUS(r, 200);
	HAS(r, "Messages from your tutors");
	HAS(r, "Ask us anything.");
	ts_browser_free(ada);

	/* the table's form: refused, the page again with what was typed */
	tutor = ts_signed_in(&srv, NULL, TUTOR, PW);
	snprintf(form, sizeof form, "/staff/courses/%lld/cohorts/%lld/table", (long long)course,
	    (long long)kid);
	STATUS(ts_get(tutor, form), 200);
	snprintf(form, sizeof form, "/staff/courses/%lld/cohorts/%lld/messages",
	    (long long)course, (long long)kid);
	r = ts_form(tutor, form, "to", "selected", "subject", "", "body", "Typed body",
	    NULL);
	STATUS(r, 422);
	HAS(r, "Typed body");
	HAS(r, "aria-invalid=\"true\"");
	snprintf(idv, sizeof idv, "%lld", (long long)bo_id);
	r = ts_form(tutor, form, "to", "selected", "user_ids", idv, "subject", "From the form",
	    "body", "Sent from the table.", NULL);
	STATUS(r, 303);
	ta_mail_says(&sink, BO, "From the form", "Sent from the table.", NULL);
	assert_int_equal(ts_mail_count(&sink, ADA), 0);
	assert_int_equal(ts_mail_count(&sink, CY), 0);

	/* capped: 20 messages a cohort in 24 hours */
	for (i = 3; i < 20; i++) {
		r = tc_api("POST", path, staff_tok, json_pack("{s:s,s:s,s:[I]}", "subject", "Again",
		    "body", "Again.", "user_ids", (json_int_t)bo_id));
		STATUS(r, 201);
		ta_mail_says(&sink, BO, "Again", "Again.", NULL);
	}
	r = tc_api("POST", path, staff_tok, json_pack("{s:s,s:s,s:[I]}", "subject", "Too many",
	    "body", "Once too many.", "user_ids", (json_int_t)bo_id));
	STATUS(r, 429);
	ts_browser_free(tutor);
	drained(ADA, BO, CY, NULL);
}

/*
 * Days from the cohort's start: d2 Fin finishes; d16 Dan gets the
 * inactivity reminder (Eve, disabled, and Fin get none), and a run an hour
 * later sends nothing; d17 Dan reads a lesson; d32 his second spell's
 * reminder; d34 the end's (the cohort ends at d40), once.
 */
static void
test_reminders(void **state)
{
	int64_t l[2], now = tc_now(), start = now + 3600, course, kid;
	json_t *t;

	(void)state;
	course = course_made("Course of reminders", 2, 0, l);
	kid = cohort_made(course, "Reminded cohort", start, start + 40 * DAY);
	enrolled(kid, dan_id, DAN);
	enrolled(kid, eve_id, EVE);
	enrolled(kid, fin_id, FIN);
	drained(DAN, EVE, FIN, NULL);
	clock_to(start + 2 * DAY);
	tc_lesson_read(course, l[0], fin_tok);
	tc_lesson_read(course, l[1], fin_tok);
	ta_mail_says(&sink, FIN, "You have completed the course: Course of reminders", NULL);
	assert_int_equal(ts_sql_int("UPDATE users SET status = 'disabled' WHERE id = %lld",
	    (long long)eve_id), -1);
	eve_off = 1;

	clock_to(start + 16 * DAY);
	run_since(start + 16 * DAY);
	ta_mail_says(&sink, DAN, "Your course is waiting for you", "Reminded cohort", NULL);
	assert_int_equal(sent_in(kid), 1);
	t = table(course, kid, "?filter=inactive", staff_tok, 200);
	assert_string_equal(names(t), "Dan,Eve");
	json_decref(t);
	clock_to(start + 16 * DAY + 2 * 3600);
	run_since(start + 16 * DAY + 2 * 3600);
	assert_int_equal(sent_in(kid), 1);
	tc_lesson_read(course, l[0], dan_tok);	/* a new spell from now */

	clock_to(start + 17 * DAY);
	run_since(start + 17 * DAY);
	assert_int_equal(sent_in(kid), 1);
	clock_to(start + 32 * DAY);
	run_since(start + 32 * DAY);
	ta_mail_says(&sink, DAN, "Your course is waiting for you", "15 days", NULL);
	assert_int_equal(sent_in(kid), 2);
	clock_to(start + 34 * DAY);
	run_since(start + 34 * DAY);
	ta_mail_says(&sink, DAN, "Your course's cohort ends soon", "ends in 6 days", NULL);
	assert_int_equal(sent_in(kid), 3);
	clock_to(start + 35 * DAY);
	run_since(start + 35 * DAY);
	assert_int_equal(sent_in(kid), 3);

	/* nobody twice, and nothing to the disabled or the finished */
	assert_int_equal(ts_mail_count(&sink, DAN), 0);
	assert_int_equal(ts_mail_count(&sink, EVE), 0);
	assert_int_equal(ts_mail_count(&sink, FIN), 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM course_reminders WHERE cohort_id = "
	    "%lld AND user_id = %lld", (long long)kid, (long long)dan_id), 3);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM course_reminders WHERE cohort_id = "
	    "%lld AND user_id <> %lld", (long long)kid, (long long)dan_id), 0);
	assert_int_equal(ts_sql_int("UPDATE users SET status = 'active' WHERE id = %lld",
	    (long long)eve_id), -1);
	eve_off = 0;
	tokens();
}

static void
test_leaving(void **state)
{
	int64_t l[1], now = tc_now(), course, kid, empty;
	struct ts_browser *staff, *ada;
	const struct ts_res *r;
	char path[160];

	(void)state;
	course = course_made("Course to leave", 1, 0, l);
	kid = cohort_made(course, "Leaving cohort", now - DAY, now + 30 * DAY);
	empty = cohort_made(course, "Empty cohort", now + DAY, now + 30 * DAY);
	enrolled(kid, ada_id, ADA);
	enrolled(kid, bo_id, BO);
	tc_lesson_read(course, l[0], bo_tok);
	ta_mail_says(&sink, BO, "You have completed the course: Course to leave", NULL);
	drained(ADA, BO, NULL);

	/* a participant ends only their own enrolment */
	snprintf(path, sizeof path, "/api/v1/cohorts/%lld/enrolments/%lld", (long long)kid,
	    (long long)bo_id);
	STATUS(tc_api("DELETE", path, ada_tok, NULL), 403);
	STATUS(tc_api("DELETE", path, cy_tok, NULL), 403);
	STATUS(tc_api("DELETE", path, NULL, NULL), 401);
	/* staff end Bo's: he is mailed, his reading kept */
	STATUS(tc_api("DELETE", path, staff_tok, NULL), 204);
	ta_mail_says(&sink, BO, "Your enrolment in a course has ended", "Leaving cohort", NULL);
	STATUS(tc_api("DELETE", path, staff_tok, NULL), 404);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM course_lesson_reads WHERE user_id = "
	    "%lld AND lesson_id = %lld", (long long)bo_id, (long long)l[0]), 1);
	enrolled(kid, bo_id, BO);	/* enrolled again, he goes on where he was */
	snprintf(path, sizeof path, "/api/v1/courses/%lld/progress", (long long)course);
	r = tc_api("GET", path, bo_tok, NULL);
	STATUS(r, 200);
	HAS(r, "\"lessons_read\":1");
	drained(BO, NULL);

	/* Ada leaves by the course page's button; no mail: she did it */
	ada = ts_signed_in(&srv, NULL, ADA, PW);
	snprintf(path, sizeof path, "/courses/%lld", (long long)course);
	r = ts_get(ada, path);
	STATUS(r, 200);
	HAS(r, "Leave this cohort");
	snprintf(path, sizeof path, "/courses/%lld/cohorts/%lld/leave", (long long)course,
	    (long long)kid);
	STATUS(ts_form(ada, path, NULL), 303);
	STATUS(ts_form(ada, path, NULL), 404);
	assert_int_equal(ts_mail_count(&sink, ADA), 0);
	ts_browser_free(ada);

	/* a cohort with participants: 409 unless confirmed */
	snprintf(path, sizeof path, "/api/v1/cohorts/%lld", (long long)kid);
	STATUS(tc_api("DELETE", path, ada_tok, NULL), 403);
	r = tc_api("DELETE", path, staff_tok, NULL);
	STATUS(r, 409);
	HAS(r, "confirm");
	staff = ts_signed_in(&srv, NULL, STAFF, PW);
	snprintf(path, sizeof path, "/staff/courses/%lld", (long long)course);
	STATUS(ts_get(staff, path), 200);
	snprintf(path, sizeof path, "/staff/courses/%lld/cohorts/%lld/delete", (long long)course,
	    (long long)kid);
	r = ts_form(staff, path, NULL);
	STATUS(r, 409);
	HAS(r, "confirm to delete it");
	snprintf(path, sizeof path, "/api/v1/cohorts/%lld?confirm=1", (long long)kid);
	STATUS(tc_api("DELETE", path, staff_tok, NULL), 204);
	ta_mail_says(&sink, BO, "A course's cohort is cancelled", "Leaving cohort", "are kept",
	    NULL);
	assert_int_equal(ts_mail_count(&sink, ADA), 0);	/* she had left */
	STATUS(tc_api("DELETE", path, staff_tok, NULL), 404);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM course_enrolments WHERE cohort_id = "
	    "%lld", (long long)kid), 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM course_lesson_reads WHERE user_id = "
	    "%lld AND lesson_id = %lld", (long long)bo_id, (long long)l[0]), 1);
	/* an empty one at once, by the form */
	snprintf(path, sizeof path, "/staff/courses/%lld/cohorts/%lld/delete", (long long)course,
	    (long long)empty);
	STATUS(ts_form(staff, path, NULL), 303);
	snprintf(path, sizeof path, "/api/v1/cohorts/%lld", (long long)empty);
	STATUS(tc_api("GET", path, staff_tok, NULL), 404);
	ts_browser_free(staff);
}

/* ---- set-up ------------------------------------------------------------- */

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
	if ((two_nodes = tw_start(&srv2, &plain2, db_url, &sink)) < 0)
		return -1;
	quillon = ts_org_import(db_url, "Quillon Tutors Trust", "KE", "info@quillon-t.example",
	    NULL);
	assert_true(quillon > 0);
	assert_true(ts_person_add(db_url, STAFF, "Sam Staff", "staff", 0, PW) > 0);
	tutor_id = ts_person_add(db_url, TUTOR, "Tia Tutor", "staff", 0, PW);
	ada_id = ts_person_add(db_url, ADA, "Ada", "member", quillon, PW);
	bo_id = ts_person_add(db_url, BO, "=Bo the formula", "member", quillon, PW);
	cy_id = ts_person_add(db_url, CY, "Cy", "member", quillon, PW);
	dan_id = ts_person_add(db_url, DAN, "Dan", "member", quillon, PW);
	eve_id = ts_person_add(db_url, EVE, "Eve", "member", quillon, PW);
	fin_id = ts_person_add(db_url, FIN, "Fin", "member", quillon, PW);
	gil_id = ts_person_add(db_url, GIL, "Gil", "member", quillon, PW);
	fe_id = ts_person_add(db_url, FE, "Fe", "focal", 0, PW);
	assert_true(tutor_id > 0 && ada_id > 0 && bo_id > 0 && cy_id > 0 && dan_id > 0 &&
	    eve_id > 0 && fin_id > 0 && gil_id > 0 && fe_id > 0);
	tokens();
	staff = ts_signed_in(&srv, NULL, STAFF, PW);
	if (!staff)
		return -1;
	ts_browser_free(staff);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ts_browser_free(plain);
	if (tw_stop(&srv2, plain2, two_nodes) != 0)
		return -1;
	ts_db_close();
	ts_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_messages),
		cmocka_unit_test(test_leaving),
		cmocka_unit_test(test_reminders),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("courses_tutors", tests, setup, teardown);
}
