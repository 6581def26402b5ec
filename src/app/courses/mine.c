/*
 * mine.c -- a person's own course data (issue 18): the courses their
 * account page lists (GET /account and its twin /api/v1/account), and
 * what the export of their account (GET /api/v1/me/export) holds of the
 * courses.
 *
 * Both are the person's alone: every statement here is by their user id
 * and reads only rows that are theirs (their enrolments, the lessons they
 * read, their quiz attempts, what they wrote in their cohorts'
 * discussions, the tutors' messages sent to them, the reminders mailed to
 * them, their completions).  What others wrote -- the answer a reply of
 * theirs answers, others' replies to their answer -- is not in it; a
 * reply names the answer it answers by id only.
 *
 * A quiz attempt is exported with its answers by their text (the question
 * and the answers they chose, and whether that question was answered
 * right), as the quiz's page showed them after the attempt: never the
 * right answers they did not choose (quizzes.c says why).
 *
 * The account page lists each enrolment (the course, the cohort, its
 * dates, the share of the course's lessons read, as the progress page
 * counts it) with the certificate once the course is completed, and a
 * completion whose enrolment has ended since, with its certificate.  A
 * draft course's enrolments are listed to staff only, as the course is.
 *
 * When the account is deleted, its certificates say "Deleted user" (a
 * code still verifies, without the name) and what it wrote in cohorts'
 * discussions is blanked (courses_forget_person).
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/courses/courses_int.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

static json_t *
utc_of(int64_t t)
{
	char s[40];

	if (t <= 0)
		return json_null();
	time_rfc3339((time_t)t, s, sizeof s);
	return json_string(s);
}

static json_t *
int_or_null(struct db_q *q, int col)
{
	return db_col_null(q, col) ? json_null() : json_integer(db_col_int(q, col));
}

/* ---- the account page --------------------------------------------------- */

/* The completion of course id in rows (crt_of_user's), or NULL. */
static json_t *
completion_of(json_t *rows, int64_t id)
{
	json_t *t;
	size_t i;

	json_array_foreach(rows, i, t)
		if (json_is_integer(json_object_get(t, "course_id")) &&
		    json_integer_value(json_object_get(t, "course_id")) == id)
			return t;
	return NULL;
}

enum ws_err
courses_of_account(struct req *r, int64_t uid, json_t **out)
{
	struct db *d = req_db(r);
	json_t *done = NULL, *listed, *t;
	struct db_q *q;
	int64_t now = now_s();
	enum ws_err rc;
	size_t i;

	*out = NULL;
	if ((rc = crt_of_user(d, uid, &done)) != WS_OK) {
		json_decref(done);
		return rc;
	}
	*out = json_array();
	listed = json_object();	/* the courses listed, by id */
	q = db_start(d, ST_CRS_MY_ENROLMENTS);
	db_bind_int(q, 1, uid);
	while ((rc = db_step(q)) == WS_OK) {
		int64_t id = db_col_int(q, CRS_MYE_C_COURSE_ID);
		int64_t n = db_col_int(q, CRS_MYE_C_LESSONS), read = db_col_int(q, CRS_MYE_C_READ);
		int64_t starts = db_col_int(q, CRS_MYE_C_STARTS), ends = db_col_int(q,
		    CRS_MYE_C_ENDS);
		json_t *it;

		if (strcmp(db_col_text(q, CRS_MYE_C_COURSE_STATUS), "published") != 0 &&
		    !(r->user && r->user->role >= ROLE_STAFF))
			continue;
		it = json_pack("{s:I,s:s,s:I,s:s,s:o,s:o,s:b,s:b,s:I,s:I,s:I,s:s}", "course_id",
		    (json_int_t)id, "course", db_col_text(q, CRS_MYE_C_COURSE), "cohort_id",
		    (json_int_t)db_col_int(q, CRS_MYE_C_COHORT_ID), "cohort", db_col_text(q,
		    CRS_MYE_C_COHORT), "starts_at", utc_of(starts), "ends_at", utc_of(ends),
		    "running", starts <= now && now < ends, "ended", ends <= now, "lessons_read",
		    (json_int_t)read, "lesson_count", (json_int_t)n, "percent", (json_int_t)(n ?
		    read * 100 / n : 0), "progress", arena_printf(r->a, "/courses/%lld/progress",
		    (long long)id));
		t = completion_of(done, id);
		json_object_set_new(it, "certificate", t ? crt_view(r, t) : json_null());
		json_object_set_new(listed, arena_printf(r->a, "%lld", (long long)id), json_true());
		json_array_append_new(*out, it);
	}
	db_end(q);
	if (rc != WS_EDONE) {
		json_decref(*out);
		*out = NULL;
		goto out;
	}
	rc = WS_OK;
	/* completions whose enrolment is gone (they left, or were removed) */
	json_array_foreach(done, i, t) {
		json_t *cid = json_object_get(t, "course_id"), *it;

		if (json_is_integer(cid) && json_object_get(listed, arena_printf(r->a, "%lld",
		    (long long)json_integer_value(cid))))
			continue;
		it = json_pack("{s:O,s:O,s:O,s:O,s:n,s:n,s:b,s:b,s:n,s:n,s:n,s:n}", "course_id",
		    cid, "course", json_object_get(t, "course"), "cohort_id", json_object_get(t,
		    "cohort_id"), "cohort", json_object_get(t, "cohort"), "starts_at", "ends_at",
		    "running", 0, "ended", 1, "lessons_read", "lesson_count", "percent",
		    "progress");
		json_object_set_new(it, "certificate", crt_view(r, t));
		json_array_append_new(*out, it);
	}
out:
	json_decref(listed);
	json_decref(done);
	return rc;
}

/* ---- the export ----------------------------------------------------------- */

/* Runs statement s for person uid, appending row(q) for each row to a new
 * array in *out. */
static enum ws_err
rows_of(struct db *d, enum db_stmt s, int64_t uid, json_t *(*row)(struct db_q *),
    json_t **out)
{
	struct db_q *q = db_start(d, s);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, uid);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, row(q));
	db_end(q);
	if (rc != WS_EDONE) {
		json_decref(*out);
		*out = NULL;
		return rc;
	}
	return WS_OK;
}

static json_t *
enrolment_row(struct db_q *q)
{
	return json_pack("{s:I,s:I,s:s,s:I,s:s,s:s,s:o,s:o,s:o}", "id",
	    (json_int_t)db_col_int(q, CRS_MYE_C_ID), "cohort_id", (json_int_t)db_col_int(q,
	    CRS_MYE_C_COHORT_ID), "cohort", db_col_text(q, CRS_MYE_C_COHORT), "course_id",
	    (json_int_t)db_col_int(q, CRS_MYE_C_COURSE_ID), "course", db_col_text(q,
	    CRS_MYE_C_COURSE), "source", db_col_text(q, CRS_MYE_C_SOURCE), "enrolled_at",
	    utc_of(db_col_int(q, CRS_MYE_C_CREATED_AT)), "cohort_starts_at", utc_of(db_col_int(q,
	    CRS_MYE_C_STARTS)), "cohort_ends_at", utc_of(db_col_int(q, CRS_MYE_C_ENDS)));
}

static json_t *
read_row(struct db_q *q)
{
	return json_pack("{s:I,s:s,s:I,s:s,s:o,s:o}", "lesson_id", (json_int_t)db_col_int(q,
	    CRS_MYR_C_LESSON_ID), "lesson", db_col_text(q, CRS_MYR_C_LESSON), "course_id",
	    (json_int_t)db_col_int(q, CRS_MYR_C_COURSE_ID), "course", db_col_text(q,
	    CRS_MYR_C_COURSE), "cohort_id", int_or_null(q, CRS_MYR_C_COHORT_ID), "read_at",
	    utc_of(db_col_int(q, CRS_MYR_C_READ_AT)));
}

/* Whether s is among a (a JSON string, or an array of them). */
static int
chose(json_t *a, const char *s)
{
	json_t *x;
	size_t i;

	if (json_is_string(a))
		return strcmp(json_string_value(a), s) == 0;
	json_array_foreach(a, i, x)
		if (json_is_string(x) && strcmp(json_string_value(x), s) == 0)
			return 1;
	return 0;
}

/* Stored answers (by question id: an answer id or an array of them) to
 * questions (the quiz's as stored) by their text: [{question, answers:
 * [text], right}], in the quiz's order; right says whether the answers
 * chosen are exactly the right ones, and nothing says which those are.
 * New reference. */
static json_t *
answers_by_text(json_t *questions, json_t *answers)
{
	json_t *out = json_array(), *qn, *a;
	size_t i, j;

	json_array_foreach(questions, i, qn) {
		json_t *given = json_object_get(answers, json_string_value(json_object_get(qn, "id")));
		json_t *texts = json_array();
		int right = 1;

		json_array_foreach(json_object_get(qn, "answers"), j, a) {
			int yes = given && chose(given, json_string_value(json_object_get(a, "id")));

			if (yes)
				json_array_append(texts, json_object_get(a, "text"));
			if (yes != json_is_true(json_object_get(a, "correct")))
				right = 0;
		}
		json_array_append_new(out, json_pack("{s:O,s:o,s:b}", "question",
		    json_object_get(qn, "text"), "answers", texts, "right", right));
	}
	return out;
}

static json_t *
attempt_row(struct db_q *q)
{
	json_t *questions = app_col_json(q, CRS_MYA_C_QUESTIONS, json_array());
	json_t *answers = app_col_json(q, CRS_MYA_C_ANSWERS, json_object());
	json_t *o;

	o = json_pack("{s:I,s:I,s:s,s:I,s:s,s:I,s:I,s:b,s:o,s:o}", "id", (json_int_t)db_col_int(q,
	    CRS_MYA_C_ID), "quiz_id", (json_int_t)db_col_int(q, CRS_MYA_C_QUIZ_ID), "quiz",
	    db_col_text(q, CRS_MYA_C_QUIZ), "course_id", (json_int_t)db_col_int(q,
	    CRS_MYA_C_COURSE_ID), "course", db_col_text(q, CRS_MYA_C_COURSE), "number",
	    (json_int_t)db_col_int(q, CRS_MYA_C_NUMBER), "score", (json_int_t)db_col_int(q,
	    CRS_MYA_C_SCORE), "passed", (int)db_col_int(q, CRS_MYA_C_PASSED), "created_at",
	    utc_of(db_col_int(q, CRS_MYA_C_CREATED_AT)), "answers", answers_by_text(questions,
	    answers));
	json_decref(questions);
	json_decref(answers);
	return o;
}

static json_t *
post_row(struct db_q *q)
{
	int reply = !db_col_null(q, CRS_MYP_C_PARENT_ID);
	json_t *o;

	o = json_pack("{s:I,s:s,s:I,s:s,s:I,s:s,s:I,s:s,s:o,s:s,s:o,s:o}", "id",
	    (json_int_t)db_col_int(q, CRS_MYP_C_ID), "kind", reply ? "reply" : "answer",
	    "cohort_id", (json_int_t)db_col_int(q, CRS_MYP_C_COHORT_ID), "cohort", db_col_text(q,
	    CRS_MYP_C_COHORT), "course_id", (json_int_t)db_col_int(q, CRS_MYP_C_COURSE_ID),
	    "course", db_col_text(q, CRS_MYP_C_COURSE), "task_id", (json_int_t)db_col_int(q,
	    CRS_MYP_C_TASK_ID), "task", db_col_text(q, CRS_MYP_C_TASK), "reply_to",
	    int_or_null(q, CRS_MYP_C_PARENT_ID), "body", db_col_text(q, CRS_MYP_C_BODY),
	    "created_at", utc_of(db_col_int(q, CRS_MYP_C_CREATED_AT)), "updated_at",
	    utc_of(db_col_int(q, CRS_MYP_C_UPDATED_AT)));
	if (!reply) {	/* where their answer stands, and the marker's comment to them */
		json_object_set_new(o, "status", json_string(db_col_text(q, CRS_MYP_C_STATUS)));
		json_object_set_new(o, "comment", json_string(db_col_text(q, CRS_MYP_C_COMMENT)));
		json_object_set_new(o, "marked_at", db_col_null(q, CRS_MYP_C_MARKED_AT) ?
		    json_null() : utc_of(db_col_int(q, CRS_MYP_C_MARKED_AT)));
	}
	return o;
}

static json_t *
message_row(struct db_q *q)
{
	return json_pack("{s:I,s:I,s:s,s:I,s:s,s:s,s:s,s:o,s:s}", "id", (json_int_t)db_col_int(q,
	    CRS_MYM_C_ID), "cohort_id", (json_int_t)db_col_int(q, CRS_MYM_C_COHORT_ID), "cohort",
	    db_col_text(q, CRS_MYM_C_COHORT), "course_id", (json_int_t)db_col_int(q,
	    CRS_MYM_C_COURSE_ID), "course", db_col_text(q, CRS_MYM_C_COURSE), "subject",
	    db_col_text(q, CRS_MYM_C_SUBJECT), "body", db_col_text(q, CRS_MYM_C_BODY),
	    "created_at", utc_of(db_col_int(q, CRS_MYM_C_CREATED_AT)), "sender", db_col_text(q,
	    CRS_MYM_C_SENDER));
}

static json_t *
reminder_row(struct db_q *q)
{
	return json_pack("{s:I,s:s,s:s,s:o,s:o}", "cohort_id", (json_int_t)db_col_int(q,
	    CRS_MYN_C_COHORT_ID), "cohort", db_col_text(q, CRS_MYN_C_COHORT), "kind",
	    db_col_text(q, CRS_MYN_C_KIND), "since", utc_of(db_col_int(q, CRS_MYN_C_SINCE)),
	    "sent_at", utc_of(db_col_int(q, CRS_MYN_C_SENT_AT)));
}

enum ws_err
courses_export_person(struct req *r, int64_t uid, json_t **out)
{
	static const struct {
		const char *key;
		enum db_stmt s;
		json_t *(*row)(struct db_q *);
	} parts[] = {
		{ "enrolments", ST_CRS_MY_ENROLMENTS, enrolment_row },
		{ "lessons_read", ST_CRS_MY_READS, read_row },
		{ "quiz_attempts", ST_CRS_MY_ATTEMPTS, attempt_row },
		{ "posts", ST_CRS_MY_POSTS, post_row },
		{ "messages", ST_CRS_MY_MESSAGES, message_row },
		{ "reminders", ST_CRS_MY_REMINDERS, reminder_row },
	};
	struct db *d = req_db(r);
	json_t *rows = NULL, *done = NULL;
	enum ws_err rc;
	size_t i;

	*out = json_object();
	for (i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		if ((rc = rows_of(d, parts[i].s, uid, parts[i].row, &rows)) != WS_OK)
			goto fail;
		json_object_set_new(*out, parts[i].key, rows);
	}
	if ((rc = courses_of_person(r, uid, &done)) != WS_OK)
		goto fail;
	json_object_set_new(*out, "certificates", done);
	return WS_OK;
fail:
	json_decref(*out);
	*out = NULL;
	return rc;
}

/* ---- a deleted account ------------------------------------------------------ */

enum ws_err
courses_forget_person(struct db *d, int64_t uid, const char *name)
{
	struct db_q *q = db_start(d, ST_CRS_FORGET_CERTS);
	enum ws_err rc;

	db_bind_text(q, 1, name);
	db_bind_int(q, 2, uid);
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc != WS_OK)
		return rc;
	q = db_start(d, ST_CRS_FORGET_POSTS);
	db_bind_int(q, 1, uid);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}
