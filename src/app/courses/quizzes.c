/*
 * quizzes.c -- the quiz at the end of a module (issue 18, part 4): staff
 * write it (POST /api/v1/courses/{id}/modules/{mid}/quiz, PATCH and DELETE
 * /api/v1/courses/{id}/quizzes/{qid}, and the form on the module's staff
 * page, through one check); participants take it at
 * /courses/{id}/quizzes/{qid} (and its twin) and answer it with POST
 * /api/v1/courses/{id}/quizzes/{qid}/attempts (the page's form posts to
 * /courses/{id}/quizzes/{qid}/attempt).
 *
 * A quiz has single-choice questions (one answer right) and
 * multiple-choice ones (the right set of answers), each answer with
 * feedback; a pass mark (percent of the questions answered right) and a
 * number of attempts.  The best attempt counts.
 *
 * What a taker is sent never says which answer is right: the questions
 * and answers come without `correct` or `feedback`, in an order shuffled
 * for each attempt -- stable on reload, as it is drawn from the quiz, the
 * person and the attempt's number, keyed with the site's secret -- and
 * each answer with an id of that attempt's, not the stored one (its
 * place as staff wrote it, which would undo the shuffle: "the first is
 * right").  Answers are checked here, and only
 * then is the feedback of the answers chosen shown (the last attempt's,
 * on the quiz's page).
 *
 * What is refused: an attempt whose number is not the next one (the same
 * attempt sent twice, at once or again: 409; the number is also a unique
 * key, so two sent at the same instant count once), one past the
 * attempts allowed (409), answers to questions the quiz does not have or
 * with answers a question does not have (422).  Only the participants of
 * a running cohort answer (403); its tutors and staff read the quiz.
 *
 * A participant whose cohort is not running (it ended, or has not
 * started) keeps their own standing on the quiz's page, as on their
 * progress: attempts used, best score, passed, and their last attempt's
 * result (the answers they chose, each with its feedback, and whether
 * each question was answered right) -- but not its questions, which
 * close with the lessons, and never the right answers they did not
 * choose, passed or not: the next cohort of the course takes the same
 * quiz, and a person enrolled again goes on with their attempts, so an
 * answer sheet after the end would be one for them and for anyone they
 * pass it to.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/courses/courses_int.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

#define QUIZ_QUESTIONS_MAX 50
#define QUIZ_ANSWERS_MAX 10
#define QUIZ_ATTEMPTS_MAX 20
#define QUIZ_FORM_SPARE 2	/* empty questions the staff form adds */
#define QUIZ_FORM_ANSWERS 5	/* answer rows of each question on the form, at least */

static const char *
tr(struct req *r, const char *msg)
{
	return view_tr(r->app->views, r->locale, msg);
}

static int
is_staff(struct req *r)
{
	return r->user && r->user->role >= ROLE_STAFF;
}

static enum ws_err
param_id(struct req *r, int n, int64_t *id)
{
	return parse_int(r->params[n], 1, INT64_MAX, id) == WS_OK ? WS_OK : WS_ENOTFOUND;
}

/* ---- the store -------------------------------------------------------------- */

static json_t *
quiz_row(struct db_q *q)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(db_col_int(q, CRS_QUIZ_C_ID)));
	json_object_set_new(o, "module_id", json_integer(db_col_int(q, CRS_QUIZ_C_MODULE_ID)));
	json_object_set_new(o, "title", json_string(db_col_text(q, CRS_QUIZ_C_TITLE)));
	json_object_set_new(o, "pass_mark", json_integer(db_col_int(q, CRS_QUIZ_C_PASS_MARK)));
	json_object_set_new(o, "attempts_max", json_integer(db_col_int(q,
	    CRS_QUIZ_C_ATTEMPTS_MAX)));
	json_object_set_new(o, "questions", app_col_json(q, CRS_QUIZ_C_QUESTIONS, json_array()));
	json_object_set_new(o, "course_id", json_integer(db_col_int(q, CRS_QUIZ_C_COURSE_ID)));
	json_object_set_new(o, "module_title", json_string(db_col_text(q,
	    CRS_QUIZ_C_MODULE_TITLE)));
	return o;
}

enum ws_err
crs_quiz_get(struct db *d, int64_t id, int64_t qid, json_t **out)
{
	struct db_q *q = db_start(d, ST_CRS_QUIZ_GET);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, qid);
	db_bind_int(q, 2, id);
	if ((rc = db_step(q)) == WS_OK)
		*out = quiz_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
crs_quizzes(struct db *d, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_CRS_QUIZZES);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, id);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, quiz_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
crs_quiz_put(struct db *d, int64_t qid, int64_t mid, json_t *values, int64_t *out)
{
	struct db_q *q = db_start(d, qid ? ST_CRS_QUIZ_UPDATE : ST_CRS_QUIZ_INSERT);
	int64_t now = now_s();
	enum ws_err rc;
	int i = 1;

	if (!qid)
		db_bind_int(q, i++, mid);
	db_bind_text(q, i++, json_string_value(json_object_get(values, "title")));
	db_bind_int(q, i++, json_integer_value(json_object_get(values, "pass_mark")));
	db_bind_int(q, i++, json_integer_value(json_object_get(values, "attempts_max")));
	app_bind_json(q, i++, json_object_get(values, "questions"), "[]");
	db_bind_int(q, i++, now);
	if (qid) {
		db_bind_int(q, i, qid);
		rc = db_exec(q, NULL);
		*out = qid;
	} else {
		db_bind_int(q, i, now);
		if ((rc = db_step(q)) == WS_OK)
			*out = db_col_int(q, 0);
		else if (rc == WS_EDONE)
			rc = WS_EDB;
	}
	db_end(q);
	return rc;
}

static enum ws_err
quiz_delete(struct db *d, int64_t qid)
{
	struct db_q *q = db_start(d, ST_CRS_QUIZ_DELETE);
	enum ws_err rc;

	db_bind_int(q, 1, qid);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

/* Person uid's attempts at quiz qid, in order: [{number, answers, score,
 * passed, created_at}].  New reference in *out. */
static enum ws_err
attempts_of(struct db *d, int64_t qid, int64_t uid, json_t **out)
{
	struct db_q *q = db_start(d, ST_CRS_ATTEMPTS);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, qid);
	db_bind_int(q, 2, uid);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, json_pack("{s:I,s:o,s:I,s:b,s:I}", "number",
		    (json_int_t)db_col_int(q, CRS_ATTEMPT_C_NUMBER), "answers", app_col_json(q,
		    CRS_ATTEMPT_C_ANSWERS, json_object()), "score", (json_int_t)db_col_int(q,
		    CRS_ATTEMPT_C_SCORE), "passed", (int)db_col_int(q, CRS_ATTEMPT_C_PASSED),
		    "created_at", (json_int_t)db_col_int(q, CRS_ATTEMPT_C_CREATED_AT)));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
crs_attempt_insert(struct db *d, int64_t qid, int64_t uid, int64_t number, json_t *answers,
    int64_t score, int passed)
{
	struct db_q *q = db_start(d, ST_CRS_ATTEMPT_INSERT);
	enum ws_err rc;

	db_bind_int(q, 1, qid);
	db_bind_int(q, 2, uid);
	db_bind_int(q, 3, number);
	app_bind_json(q, 4, answers, "{}");
	db_bind_int(q, 5, score);
	db_bind_int(q, 6, passed);
	db_bind_int(q, 7, now_s());
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

/* ---- the check ---------------------------------------------------------------- */

static const struct field quiz_fields[] = {
	{ "title", FT_LINE, 1, 2, 200, NULL, NULL, NULL },
	{ "pass_mark", FT_INT, 0, 0, 100, NULL, NULL, N_("Enter a pass mark from 0 to 100 "
	    "(percent).") },
	{ "attempts_max", FT_INT, 0, 1, QUIZ_ATTEMPTS_MAX, NULL, NULL,
	    N_("Enter a number of attempts from 1 to 20.") },
};
static const char *const quiz_names[] = { "title", "pass_mark", "attempts_max", "questions",
	NULL };

static int
text_ok(json_t *v, size_t min, size_t max)
{
	const char *s = json_string_value(v);

	return s && json_string_length(v) >= min && json_string_length(v) <= max &&
	    strlen(s) == json_string_length(v) && utf8_valid_text(s, strlen(s), 1);
}

/* The questions sent as stored ([{id, text, kind, answers: [{id, text,
 * correct, feedback}]}], ids given by position: "1", "2", ...), or NULL
 * with why (English) in *why. */
static json_t *
questions_of(json_t *in, const char **why)
{
	json_t *out = json_array(), *q, *a;
	size_t i, j;

	*why = N_("Give from 1 to 50 questions, each with its text, its kind (single or "
	    "multiple) and 2 to 10 answers, each with its text.");
	if (!json_is_array(in) || json_array_size(in) < 1 || json_array_size(in) >
	    QUIZ_QUESTIONS_MAX)
		goto bad;
	json_array_foreach(in, i, q) {
		const char *kind = json_string_value(json_object_get(q, "kind"));
		json_t *answers = json_object_get(q, "answers"), *list = json_array();
		int right = 0;
		char id[8];

		if (!json_is_object(q) || !text_ok(json_object_get(q, "text"), 1, 1000) || !kind ||
		    (strcmp(kind, "single") != 0 && strcmp(kind, "multiple") != 0) ||
		    !json_is_array(answers) || json_array_size(answers) < 2 ||
		    json_array_size(answers) > QUIZ_ANSWERS_MAX) {
			json_decref(list);
			goto bad;
		}
		json_array_foreach(answers, j, a) {
			json_t *fb = json_object_get(a, "feedback"), *c = json_object_get(a,
			    "correct");

			if (!json_is_object(a) || !text_ok(json_object_get(a, "text"), 1, 500) ||
			    (fb && !json_is_null(fb) && !text_ok(fb, 0, 1000)) ||
			    (c && !json_is_boolean(c))) {
				json_decref(list);
				goto bad;
			}
			right += json_is_true(c);
			snprintf(id, sizeof id, "%zu", j + 1);
			json_array_append_new(list, json_pack("{s:s,s:O,s:b,s:s}", "id", id, "text",
			    json_object_get(a, "text"), "correct", json_is_true(c), "feedback",
			    json_is_string(fb) ? json_string_value(fb) : ""));
		}
		if ((strcmp(kind, "single") == 0 && right != 1) || right < 1) {
			*why = N_("A single-choice question has one right answer; a multiple-choice "
			    "one at least one.");
			json_decref(list);
			goto bad;
		}
		snprintf(id, sizeof id, "%zu", i + 1);
		json_array_append_new(out, json_pack("{s:s,s:O,s:s,s:o}", "id", id, "text",
		    json_object_get(q, "text"), "kind", kind, "answers", list));
	}
	return out;
bad:
	json_decref(out);
	return NULL;
}

/* The one check of a quiz (the API and the staff form): in as values,
 * a message per field in *errors (NULL when none).  New references. */
static enum ws_err
quiz_check(struct req *r, json_t *in, json_t **values, json_t **errors)
{
	json_t *was = r->in, *errs = NULL, *x;
	const char *why;

	*values = *errors = NULL;
	r->in = in;
	if (form_check(r, quiz_fields, sizeof quiz_fields / sizeof quiz_fields[0], values,
	    &errs) == WS_OK || !errs)
		errs = json_object();
	r->in = was;
	if (!*values) {
		json_decref(errs);
		return WS_EDB;
	}
	if (!json_is_integer(json_object_get(*values, "pass_mark")))
		json_object_set_new(*values, "pass_mark", json_integer(70));
	if (!json_is_integer(json_object_get(*values, "attempts_max")))
		json_object_set_new(*values, "attempts_max", json_integer(3));
	if ((x = questions_of(json_object_get(in, "questions"), &why)) == NULL)
		json_object_set_new(errs, "questions", json_string(tr(r, why)));
	else
		json_object_set_new(*values, "questions", x);
	if (json_object_size(errs) > 0)
		*errors = errs;
	else
		json_decref(errs);
	return WS_OK;
}

/* ---- the views ---------------------------------------------------------------- */

/* Stored quiz z as staff see it (the API's Quiz: with what is right).
 * New reference. */
static json_t *
quiz_staff_view(json_t *z)
{
	return json_pack("{s:O,s:O,s:O,s:O,s:O,s:O,s:O}", "id", json_object_get(z, "id"),
	    "course_id", json_object_get(z, "course_id"), "module_id", json_object_get(z,
	    "module_id"), "title", json_object_get(z, "title"), "pass_mark", json_object_get(z,
	    "pass_mark"), "attempts_max", json_object_get(z, "attempts_max"), "questions",
	    json_object_get(z, "questions"));
}

/*
 * What a taker is given for attempt number of person uid at quiz qid is
 * keyed with the site's secret (app->key), so it says nothing of how
 * staff wrote the quiz: the stored answer ids are their places ("1" the
 * first written, often the right one), and an order drawn from public
 * numbers alone could be drawn again, and undone, by anyone.  Each answer
 * is given an id of its own for that attempt (answer_token), and the
 * order is drawn from a secret seed (order_seed); the answers sent back
 * are turned into the stored ids (stored_answers) before they are checked.
 */
#define QUIZ_TOKEN_LEN 16	/* hex digits of an answer's id for one attempt */

static void
answer_token(struct req *r, json_t *z, int64_t uid, int64_t number, const char *question,
    const char *answer, char out[QUIZ_TOKEN_LEN + 1])
{
	char mac[65];

	hmac_hex(r->app->key, sizeof r->app->key, arena_printf(r->a, "quiz-answer:%lld:%lld:"
	    "%lld:%s:%s", (long long)json_integer_value(json_object_get(z, "id")),
	    (long long)uid, (long long)number, question, answer), mac);
	memcpy(out, mac, QUIZ_TOKEN_LEN);
	out[QUIZ_TOKEN_LEN] = '\0';
}

static uint64_t
order_seed(struct req *r, json_t *z, int64_t uid, int64_t number)
{
	char mac[65];
	uint64_t s = 0;
	int i;

	hmac_hex(r->app->key, sizeof r->app->key, arena_printf(r->a, "quiz-order:%lld:%lld:%lld",
	    (long long)json_integer_value(json_object_get(z, "id")), (long long)uid,
	    (long long)number), mac);
	for (i = 0; i < 16; i++)
		s = s << 4 | (uint64_t)(mac[i] <= '9' ? mac[i] - '0' : mac[i] - 'a' + 10);
	return s ? s : 1;
}

/* A generator of the order of one attempt (xorshift64*, from order_seed),
 * so a reload shows the same order. */
static uint64_t
next_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

/* a (a JSON array) shuffled in place by Fisher-Yates from state s. */
static void
shuffle(json_t *a, uint64_t *s)
{
	size_t n = json_array_size(a), i, j;

	for (i = n; i > 1; i--) {
		json_t *x, *y;

		j = (size_t)(next_rand(s) % i);
		if (j == i - 1)
			continue;
		x = json_incref(json_array_get(a, i - 1));
		y = json_incref(json_array_get(a, j));
		json_array_set_new(a, i - 1, y);
		json_array_set_new(a, j, x);
	}
}

/* The questions of stored quiz z for attempt number of person uid, as a
 * taker is sent them: no correct, no feedback, each answer with its id
 * for that attempt, in that attempt's order.  New reference. */
static json_t *
taker_questions(struct req *r, json_t *z, int64_t uid, int64_t number)
{
	uint64_t s = order_seed(r, z, uid, number);
	json_t *out = json_array(), *q, *a;
	char t[QUIZ_TOKEN_LEN + 1];
	size_t i, j;

	json_array_foreach(json_object_get(z, "questions"), i, q) {
		json_t *answers = json_array();

		json_array_foreach(json_object_get(q, "answers"), j, a) {
			answer_token(r, z, uid, number, json_string_value(json_object_get(q, "id")),
			    json_string_value(json_object_get(a, "id")), t);
			json_array_append_new(answers, json_pack("{s:s,s:O}", "id", t, "text",
			    json_object_get(a, "text")));
		}
		shuffle(answers, &s);
		json_array_append_new(out, json_pack("{s:O,s:O,s:O,s:o}", "id", json_object_get(q,
		    "id"), "text", json_object_get(q, "text"), "kind", json_object_get(q, "kind"),
		    "answers", answers));
	}
	shuffle(out, &s);
	return out;
}

/* The stored id of the answer of question q (its ids for this attempt in
 * toks, in the order of its answers) that was given the id t (a JSON
 * string); otherwise "" for a string (a stored id sent as it is among
 * them), t itself for anything else: the check refuses both as no answer
 * of the question.  New reference. */
static json_t *
stored_id(json_t *q, char toks[][QUIZ_TOKEN_LEN + 1], json_t *t)
{
	json_t *a;
	size_t i;

	if (!json_is_string(t))
		return json_incref(t);
	json_array_foreach(json_object_get(q, "answers"), i, a)
		if (i < QUIZ_ANSWERS_MAX && strcmp(toks[i], json_string_value(t)) == 0)
			return json_incref(json_object_get(a, "id"));
	return json_string("");
}

/* answers as sent for attempt number of person uid at stored quiz z (by
 * question id: an answer's id for that attempt, or an array of them) with
 * the stored ids in their place; what is not such an id is kept as sent,
 * and so is anything over the limits (more questions or answers than a
 * quiz has), for the check to refuse.  New reference. */
static json_t *
stored_answers(struct req *r, json_t *z, json_t *answers, int64_t uid, int64_t number)
{
	char toks[QUIZ_ANSWERS_MAX][QUIZ_TOKEN_LEN + 1];
	json_t *out, *v, *q, *found, *x, *a;
	const char *key;
	size_t i;

	if (!json_is_object(answers) || json_object_size(answers) > QUIZ_QUESTIONS_MAX)
		return json_incref(answers);
	out = json_object();
	json_object_foreach(answers, key, v) {
		found = NULL;
		json_array_foreach(json_object_get(z, "questions"), i, q)
			if (strcmp(json_string_value(json_object_get(q, "id")), key) == 0)
				found = q;
		if (!found || (!json_is_string(v) && !(json_is_array(v) &&
		    json_array_size(v) <= QUIZ_ANSWERS_MAX))) {
			json_object_set(out, key, v);
			continue;
		}
		json_array_foreach(json_object_get(found, "answers"), i, a)
			if (i < QUIZ_ANSWERS_MAX)
				answer_token(r, z, uid, number, key, json_string_value(
				    json_object_get(a, "id")), toks[i]);
		if (json_is_string(v)) {
			json_object_set_new(out, key, stored_id(found, toks, v));
		} else {
			json_t *list = json_array();

			json_array_foreach(v, i, x)
				json_array_append_new(list, stored_id(found, toks, x));
			json_object_set_new(out, key, list);
		}
	}
	return out;
}

/* The chosen answer ids of question q in answers (an attempt's, by
 * question id: a string or an array of strings), as an array.  New
 * reference. */
static json_t *
chosen_of(json_t *answers, json_t *q)
{
	json_t *v = json_object_get(answers, json_string_value(json_object_get(q, "id")));

	if (json_is_string(v))
		return json_pack("[O]", v);
	if (json_is_array(v))
		return json_incref(v);
	return json_array();
}

static int
has_string(json_t *a, const char *s)
{
	json_t *x;
	size_t i;

	json_array_foreach(a, i, x)
		if (json_is_string(x) && strcmp(json_string_value(x), s) == 0)
			return 1;
	return 0;
}

/* Whether the chosen answers of question q are its right ones, exactly. */
static int
answered_right(json_t *q, json_t *chosen)
{
	json_t *a;
	size_t i;

	json_array_foreach(json_object_get(q, "answers"), i, a)
		if (json_is_true(json_object_get(a, "correct")) != has_string(chosen,
		    json_string_value(json_object_get(a, "id"))))
			return 0;
	return 1;
}

/* The result of answers (an attempt's) to stored quiz z: [{question_id,
 * text, right, chosen: [{id, text, correct, feedback}]}], in the quiz's
 * order, and the number answered right in *n.  New reference. */
static json_t *
results_of(json_t *z, json_t *answers, int *n)
{
	json_t *out = json_array(), *q, *a;
	size_t i, j;

	*n = 0;
	json_array_foreach(json_object_get(z, "questions"), i, q) {
		json_t *chosen = chosen_of(answers, q), *list = json_array();
		int right = answered_right(q, chosen);

		*n += right;
		json_array_foreach(json_object_get(q, "answers"), j, a)
			if (has_string(chosen, json_string_value(json_object_get(a, "id"))))
				json_array_append_new(list, json_pack("{s:O,s:O,s:O,s:O}", "id",
				    json_object_get(a, "id"), "text", json_object_get(a, "text"),
				    "correct", json_object_get(a, "correct"), "feedback",
				    json_object_get(a, "feedback")));
		json_array_append_new(out, json_pack("{s:O,s:O,s:b,s:o}", "question_id",
		    json_object_get(q, "id"), "text", json_object_get(q, "text"), "right", right,
		    "chosen", list));
		json_decref(chosen);
	}
	return out;
}

/* ---- who may take it ------------------------------------------------------------ */

/* Course id (visible to r's caller) and its quiz qid into *c and *z, and
 * whether the caller answers it (a participant of a running cohort: its
 * id into *running), reads it (tutor, staff: *questions 1) or only sees
 * their own results on it (a participant of a cohort not running:
 * *questions 0).  WS_EFORBIDDEN with why in w->detail for anyone else. */
static enum ws_err
quiz_access(struct req *r, struct resp *w, int64_t id, int64_t qid, json_t **c, json_t **z,
    int64_t *running, int *questions)
{
	int64_t enrolled = 0, tutor = 0;
	enum ws_err rc;

	*c = *z = NULL;
	*running = 0;
	*questions = 0;
	if ((rc = crs_get(req_db(r), id, is_staff(r), c)) != WS_OK ||
	    (rc = crs_quiz_get(req_db(r), id, qid, z)) != WS_OK)
		return rc;
	if ((rc = crs_access(req_db(r), r->user->id, id, now_s(), running, &enrolled, &tutor)) !=
	    WS_OK)
		return rc;
	if (!*running && !tutor && !is_staff(r) && !enrolled) {
		w->detail = N_("Only the participants of a cohort of this course read its lessons.");
		return WS_EFORBIDDEN;
	}
	*questions = *running || tutor || is_staff(r);
	return WS_OK;
}

/* The best score among attempts (-1: none) and whether one passed. */
static void
best_of(json_t *attempts, int64_t *best, int *passed)
{
	json_t *a;
	size_t i;

	*best = -1;
	*passed = 0;
	json_array_foreach(attempts, i, a) {
		if (json_integer_value(json_object_get(a, "score")) > *best)
			*best = json_integer_value(json_object_get(a, "score"));
		*passed |= json_is_true(json_object_get(a, "passed"));
	}
}

enum ws_err
crs_quiz_standing(struct db *d, json_t *z, int64_t uid, json_t **out)
{
	json_t *attempts = NULL;
	enum ws_err rc;
	int64_t best;
	int passed;

	*out = NULL;
	if ((rc = attempts_of(d, json_integer_value(json_object_get(z, "id")), uid, &attempts)) !=
	    WS_OK) {
		json_decref(attempts);
		return rc;
	}
	best_of(attempts, &best, &passed);
	*out = json_pack("{s:O,s:O,s:O,s:I,s:o,s:b}", "id", json_object_get(z, "id"), "title",
	    json_object_get(z, "title"), "module_id", json_object_get(z, "module_id"),
	    "attempts_used", (json_int_t)json_array_size(attempts), "best_score", best < 0 ?
	    json_null() : json_integer(best), "passed", passed);
	json_decref(attempts);
	return WS_OK;
}

/* ---- taking it ------------------------------------------------------------------- */

enum ws_err
h_course_quiz(struct req *r, struct resp *w)
{
	json_t *c = NULL, *z = NULL, *attempts = NULL, *v = NULL, *last;
	int64_t id, qid, running, best, used;
	enum ws_err rc;
	int passed, left, questions;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &qid)) != WS_OK)
		return rc;
	if ((rc = quiz_access(r, w, id, qid, &c, &z, &running, &questions)) != WS_OK)
		goto out;
	if ((rc = attempts_of(req_db(r), qid, r->user->id, &attempts)) != WS_OK)
		goto out;
	best_of(attempts, &best, &passed);
	used = (int64_t)json_array_size(attempts);
	left = (int)(json_integer_value(json_object_get(z, "attempts_max")) - used);
	if (left < 0)
		left = 0;
	v = json_pack("{s:I,s:{s:I,s:O},s:{s:O,s:O},s:O,s:O,s:O,s:I,s:i,s:o,s:b,s:b}", "id",
	    (json_int_t)qid, "course", "id", (json_int_t)id, "title", json_object_get(c, "title"),
	    "module", "id", json_object_get(z, "module_id"), "title", json_object_get(z,
	    "module_title"), "title", json_object_get(z, "title"), "pass_mark",
	    json_object_get(z, "pass_mark"), "attempts_max", json_object_get(z, "attempts_max"),
	    "attempts_used", (json_int_t)used, "attempts_left", left, "best_score", best < 0 ?
	    json_null() : json_integer(best), "passed", passed, "can_attempt", running && left > 0);
	/* the next attempt's questions, in its order; none once they are used */
	json_object_set_new(v, "attempt", running && left > 0 ? json_integer(used + 1) :
	    json_null());
	json_object_set_new(v, "questions", questions ? taker_questions(r, z, r->user->id,
	    used + 1) : json_array());
	/* false: a participant whose cohort is not running, who sees only
	 * their results */
	json_object_set_new(v, "open", json_boolean(questions));
	last = json_array_get(attempts, used ? (size_t)used - 1 : 0);
	if (used) {
		int n;

		json_object_set_new(v, "last", json_pack("{s:O,s:O,s:O,s:o}", "number",
		    json_object_get(last, "number"), "score", json_object_get(last, "score"),
		    "passed", json_object_get(last, "passed"), "results", results_of(z,
		    json_object_get(last, "answers"), &n)));
	} else {
		json_object_set_new(v, "last", json_null());
	}
	if (!r->api) {
		json_t *q, *a;
		size_t i, j;

		json_object_set(v, "heading", json_object_get(z, "title"));
		json_object_set_new(v, "has_best", json_boolean(best >= 0));
		json_array_foreach(json_object_get(v, "questions"), i, q) {
			json_object_set_new(q, "n", json_integer((json_int_t)i + 1));
			json_object_set_new(q, "multiple", json_boolean(strcmp(json_string_value(
			    json_object_get(q, "kind")), "multiple") == 0));
			json_array_foreach(json_object_get(q, "answers"), j, a)
				json_object_set(a, "qid", json_object_get(q, "id"));
		}
	}
	resp_value(w, v);
	w->tpl = "course_quiz";
	w->title = N_("Quiz");
out:
	json_decref(c);
	json_decref(z);
	json_decref(attempts);
	return rc;
}

/* Checks answers (an attempt's: {question id: answer id, or an array of
 * them}) against stored quiz z: WS_OK, or WS_EINVAL with why in w. */
static enum ws_err
answers_ok(struct req *r, struct resp *w, json_t *z, json_t *answers)
{
	const char *key;
	json_t *v, *q, *qs = json_object_get(z, "questions");
	size_t i, j;

	if (!json_is_object(answers) || json_object_size(answers) > QUIZ_QUESTIONS_MAX)
		goto bad;
	json_object_foreach(answers, key, v) {
		json_t *found = NULL, *a, *ids;

		json_array_foreach(qs, i, q)
			if (strcmp(json_string_value(json_object_get(q, "id")), key) == 0)
				found = q;
		if (!found)
			goto bad;
		ids = json_is_string(v) ? json_pack("[O]", v) : json_incref(v);
		if (!json_is_array(ids) || json_array_size(ids) > QUIZ_ANSWERS_MAX ||
		    (strcmp(json_string_value(json_object_get(found, "kind")), "single") == 0 &&
		    json_array_size(ids) > 1)) {
			json_decref(ids);
			goto bad;
		}
		json_array_foreach(ids, j, a) {
			size_t k;
			json_t *x;
			int known = 0;

			json_array_foreach(json_object_get(found, "answers"), k, x)
				if (json_is_string(a) && strcmp(json_string_value(a),
				    json_string_value(json_object_get(x, "id"))) == 0)
					known = 1;
			if (!known) {
				json_decref(ids);
				goto bad;
			}
		}
		json_decref(ids);
	}
	return WS_OK;
bad:
	w->errors = json_pack("{s:s}", "answers", tr(r, N_("Answer the quiz's own questions, "
	    "with their own answers: one for a single-choice question.")));
	w->detail = N_("Some fields need your attention.");
	return WS_EINVAL;
}

/* Records an attempt of r's caller at quiz qid of course id from input in
 * ({attempt, answers}); its result into *out (a new reference). */
static enum ws_err
attempt(struct req *r, struct resp *w, int64_t id, int64_t qid, json_t *in, json_t **out)
{
	struct db *d = req_db(r);
	json_t *c = NULL, *z = NULL, *attempts = NULL, *answers = json_object_get(in, "answers");
	json_t *num = json_object_get(in, "attempt"), *results = NULL, *sent = NULL;
	int64_t running, used, score, best;
	enum ws_err rc;
	int right = 0, ever, questions;

	*out = NULL;
	if ((rc = quiz_access(r, w, id, qid, &c, &z, &running, &questions)) != WS_OK)
		goto out;
	if (!running) {
		w->detail = questions ? N_("Only the participants of a running cohort answer its "
		    "quizzes.") : N_("Your cohort is not running now: its quizzes open when it "
		    "starts, and close when it ends.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	if (!json_is_integer(num) || json_integer_value(num) < 1) {
		w->errors = json_pack("{s:s}", "attempt", tr(r, N_("Say which attempt this is: "
		    "the number the quiz gave.")));
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	/* the ids of this attempt's answers, as the stored ones */
	answers = sent = answers ? stored_answers(r, z, answers, r->user->id,
	    json_integer_value(num)) : json_object();
	if ((rc = answers_ok(r, w, z, answers)) != WS_OK)
		goto out;
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = app_one_int(d, ST_CRS_QUIZ_LOCK, qid, NULL)) != WS_OK ||
	    (rc = attempts_of(d, qid, r->user->id, &attempts)) != WS_OK)
		goto end;
	used = (int64_t)json_array_size(attempts);
	if (used >= json_integer_value(json_object_get(z, "attempts_max"))) {
		w->detail = N_("You have used every attempt at this quiz.");
		rc = WS_ECONFLICT;
		goto end;
	}
	if (json_integer_value(num) != used + 1) {
		w->detail = N_("This attempt was sent already: open the quiz again for the next "
		    "one.");
		rc = WS_ECONFLICT;
		goto end;
	}
	results = results_of(z, answers, &right);
	score = json_array_size(json_object_get(z, "questions")) ? right * 100 /
	    (int64_t)json_array_size(json_object_get(z, "questions")) : 0;
	rc = crs_attempt_insert(d, qid, r->user->id, used + 1, answers, score, score >=
	    json_integer_value(json_object_get(z, "pass_mark")));
	if (rc == WS_ECONFLICT)	/* the same attempt, sent at the same instant */
		w->detail = N_("This attempt was sent already: open the quiz again for the next "
		    "one.");
	if (rc == WS_OK && score >= json_integer_value(json_object_get(z, "pass_mark")))
		rc = courses_progress_changed(r->app, d, r->ip, id, running,
		    r->user->id, NULL);
	if (rc == WS_OK)
		app_audit(r->app, d, r->user->id, "course.quiz_attempt", r->ip, arena_printf(r->a,
		    "quiz %lld of course %lld: attempt %lld, %lld%%", (long long)qid, (long long)id,
		    (long long)(used + 1), (long long)score));
end:
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK) {
		db_rollback(d);
		goto out;
	}
	best_of(attempts, &best, &ever);
	*out = json_pack("{s:I,s:I,s:I,s:b,s:O,s:I,s:b,s:I,s:I,s:O}", "quiz_id", (json_int_t)qid,
	    "attempt", (json_int_t)(used + 1), "score", (json_int_t)score, "passed", score >=
	    json_integer_value(json_object_get(z, "pass_mark")), "pass_mark", json_object_get(z,
	    "pass_mark"), "best_score", (json_int_t)(score > best ? score : best), "passed_ever",
	    ever || score >= json_integer_value(json_object_get(z, "pass_mark")),
	    "attempts_used", (json_int_t)(used + 1), "attempts_left", (json_int_t)
	    (json_integer_value(json_object_get(z, "attempts_max")) - used - 1), "results",
	    results);
out:
	json_decref(c);
	json_decref(z);
	json_decref(attempts);
	json_decref(results);
	json_decref(sent);
	return rc;
}

enum ws_err
h_quiz_attempt(struct req *r, struct resp *w)
{
	json_t *out = NULL;
	int64_t id, qid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &qid)) != WS_OK)
		return rc;
	if (!json_is_object(r->in)) {
		w->detail = N_("Send the attempt as a JSON object.");
		return WS_EINVAL;
	}
	if ((rc = attempt(r, w, id, qid, r->in, &out)) != WS_OK)
		return rc;
	resp_value(w, out);
	w->status = 201;
	return WS_OK;
}

enum ws_err
h_quiz_attempt_form(struct req *r, struct resp *w)
{
	json_t *in = json_object(), *answers = json_object(), *out = NULL, *v;
	const char *key, *n = json_string_value(json_object_get(r->in, "attempt"));
	int64_t id, qid, num = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &qid)) != WS_OK)
		goto out;
	/* answers.<question>: one value (a radio button) or several (boxes) */
	json_object_foreach(r->in, key, v)
		if (strncmp(key, "answers.", 8) == 0 && key[8])
			json_object_set(answers, key + 8, v);
	if (n && parse_int(n, 1, QUIZ_ATTEMPTS_MAX, &num) == WS_OK)
		json_object_set_new(in, "attempt", json_integer(num));
	json_object_set(in, "answers", answers);
	if ((rc = attempt(r, w, id, qid, in, &out)) == WS_OK)
		resp_redirect(w, arena_printf(r->a, "/courses/%lld/quizzes/%lld#result",
		    (long long)id, (long long)qid));
out:
	json_decref(in);
	json_decref(answers);
	json_decref(out);
	return rc;
}

/* ---- staff ------------------------------------------------------------------------ */

static enum ws_err
quiz_save(struct req *r, int64_t qid, int64_t mid, int64_t id, json_t *values, int64_t *out)
{
	struct db *d = req_db(r);
	enum ws_err rc;

	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	if ((rc = crs_lock(d, id)) == WS_OK && (rc = crs_quiz_put(d, qid, mid, values, out)) ==
	    WS_OK && (rc = crs_touch(d, id)) == WS_OK)
		app_audit(r->app, d, r->user->id, qid ? "course.quiz_edited" : "course.quiz_added",
		    r->ip, arena_printf(r->a, "course %lld, quiz %lld: %s", (long long)id,
		    (long long)*out, json_string_value(json_object_get(values, "title"))));
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK)
		db_rollback(d);
	return rc;
}

static enum ws_err
answer_quiz(struct req *r, struct resp *w, int64_t id, int64_t qid)
{
	json_t *z = NULL;
	enum ws_err rc;

	if ((rc = crs_quiz_get(req_db(r), id, qid, &z)) != WS_OK)
		return rc;
	resp_value(w, quiz_staff_view(z));
	json_decref(z);
	return WS_OK;
}

enum ws_err
h_quiz_create(struct req *r, struct resp *w)
{
	json_t *m = NULL, *values = NULL, *errors = NULL;
	int64_t id, mid, qid = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &mid)) != WS_OK ||
	    (rc = crs_module_get(req_db(r), id, mid, &m)) != WS_OK)
		return rc;
	if ((rc = quiz_check(r, r->in, &values, &errors)) != WS_OK)
		goto out;
	if (errors) {
		w->errors = json_incref(errors);
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
	} else if ((rc = quiz_save(r, 0, mid, id, values, &qid)) == WS_ECONFLICT) {
		w->detail = N_("This module has its quiz already: change it.");
	} else if (rc == WS_OK && (rc = answer_quiz(r, w, id, qid)) == WS_OK) {
		w->status = 201;
	}
out:
	json_decref(m);
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_quiz_edit(struct req *r, struct resp *w)
{
	json_t *z = NULL, *in = NULL, *values = NULL, *errors = NULL, *x;
	const char *const *k;
	int64_t id, qid, out = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &qid)) != WS_OK ||
	    (rc = crs_quiz_get(req_db(r), id, qid, &z)) != WS_OK)
		return rc;
	if (!json_is_object(r->in)) {
		w->detail = N_("Send the fields to change as a JSON object.");
		rc = WS_EINVAL;
		goto out;
	}
	in = json_object();
	for (k = quiz_names; *k; k++)
		if ((x = json_object_get(r->in, *k)) != NULL || (x = json_object_get(z, *k)) != NULL)
			json_object_set(in, *k, x);
	if ((rc = quiz_check(r, in, &values, &errors)) != WS_OK)
		goto out;
	if (errors) {
		w->errors = json_incref(errors);
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
	} else if ((rc = quiz_save(r, qid, 0, id, values, &out)) == WS_OK) {
		rc = answer_quiz(r, w, id, qid);
	}
out:
	json_decref(z);
	json_decref(in);
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_quiz_delete(struct req *r, struct resp *w)
{
	struct db *d = req_db(r);
	json_t *z = NULL;
	int64_t id, qid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &qid)) != WS_OK ||
	    (rc = crs_quiz_get(d, id, qid, &z)) != WS_OK)
		return rc;
	json_decref(z);
	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	if ((rc = quiz_delete(d, qid)) == WS_OK && (rc = crs_touch(d, id)) == WS_OK)
		app_audit(r->app, d, r->user->id, "course.quiz_deleted", r->ip, arena_printf(r->a,
		    "course %lld, quiz %lld", (long long)id, (long long)qid));
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK) {
		db_rollback(d);
		return rc;
	}
	w->status = 204;
	return WS_OK;
}

/* The staff form's rows (questions.<n>.text, .kind, .answers.<m>.text,
 * .correct, .feedback) as the API's questions; rows left empty are
 * dropped. */
static json_t *
questions_of_form(struct req *r)
{
	json_t *out = json_array();
	int n, m;

	for (n = 1; n <= QUIZ_QUESTIONS_MAX + QUIZ_FORM_SPARE; n++) {
		const char *text = json_string_value(json_object_get(r->in, arena_printf(r->a,
		    "questions.%d.text", n)));
		const char *kind = json_string_value(json_object_get(r->in, arena_printf(r->a,
		    "questions.%d.kind", n)));
		json_t *answers = json_array();

		for (m = 1; m <= QUIZ_ANSWERS_MAX; m++) {
			const char *at = json_string_value(json_object_get(r->in, arena_printf(r->a,
			    "questions.%d.answers.%d.text", n, m)));
			const char *fb = json_string_value(json_object_get(r->in, arena_printf(r->a,
			    "questions.%d.answers.%d.feedback", n, m)));

			if (!at || !*at)
				continue;
			json_array_append_new(answers, json_pack("{s:s,s:b,s:s}", "text", at,
			    "correct", json_object_get(r->in, arena_printf(r->a,
			    "questions.%d.answers.%d.correct", n, m)) != NULL, "feedback", fb ? fb : ""));
		}
		if ((!text || !*text) && json_array_size(answers) == 0) {
			json_decref(answers);
			continue;
		}
		json_array_append_new(out, json_pack("{s:s,s:s,s:o}", "text", text ? text : "",
		    "kind", kind && *kind ? kind : "single", "answers", answers));
	}
	return out;
}

void
crs_quiz_form_rows(struct req *r, json_t *val, json_t *questions)
{
	json_t *rows = json_array(), *q, *a;
	size_t i, j;
	int n = 0;

	json_array_foreach(questions, i, q) {
		json_t *answers = json_array();

		n++;
		json_array_foreach(json_object_get(q, "answers"), j, a)
			json_array_append_new(answers, json_pack("{s:i,s:i,s:O,s:b,s:O}", "n", n, "m",
			    (int)j + 1, "text", json_object_get(a, "text"), "correct",
			    json_is_true(json_object_get(a, "correct")), "feedback",
			    json_object_get(a, "feedback") ? json_object_get(a, "feedback") :
			    json_string("")));
		for (j = json_array_size(answers); j < QUIZ_FORM_ANSWERS; j++)
			json_array_append_new(answers, json_pack("{s:i,s:i,s:s,s:b,s:s}", "n", n, "m",
			    (int)j + 1, "text", "", "correct", 0, "feedback", ""));
		json_array_append_new(rows, json_pack("{s:i,s:O,s:b,s:o}", "n", n, "text",
		    json_object_get(q, "text"), "multiple", strcmp(json_string_value(
		    json_object_get(q, "kind")) ? json_string_value(json_object_get(q, "kind")) : "",
		    "multiple") == 0, "answers", answers));
	}
	for (i = 0; i < QUIZ_FORM_SPARE && n < QUIZ_QUESTIONS_MAX; i++) {
		json_t *answers = json_array();

		n++;
		for (j = 0; j < QUIZ_FORM_ANSWERS; j++)
			json_array_append_new(answers, json_pack("{s:i,s:i,s:s,s:b,s:s}", "n", n, "m",
			    (int)j + 1, "text", "", "correct", 0, "feedback", ""));
		json_array_append_new(rows, json_pack("{s:i,s:s,s:b,s:o}", "n", n, "text", "",
		    "multiple", 0, "answers", answers));
	}
	(void)r;
	json_object_set_new(val, "quiz_rows", rows);
}

enum ws_err
h_staff_quiz_save(struct req *r, struct resp *w)
{
	json_t *in = json_object(), *values = NULL, *errors = NULL, *z = NULL, *m = NULL, *x;
	int64_t id, mid, qid = 0, out = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &mid)) != WS_OK)
		goto end;
	/* a module of this course: another course's is not written through it */
	if ((rc = crs_module_get(req_db(r), id, mid, &m)) != WS_OK ||
	    (rc = crs_module_quiz(req_db(r), id, mid, &z)) != WS_OK)
		goto end;
	if (z)
		qid = json_integer_value(json_object_get(z, "id"));
	if ((x = json_object_get(r->in, "title")) != NULL)
		json_object_set(in, "title", x);
	if ((x = json_object_get(r->in, "pass_mark")) != NULL)
		json_object_set(in, "pass_mark", x);
	if ((x = json_object_get(r->in, "attempts_max")) != NULL)
		json_object_set(in, "attempts_max", x);
	json_object_set_new(in, "questions", questions_of_form(r));
	if ((rc = quiz_check(r, in, &values, &errors)) != WS_OK)
		goto end;
	if (!errors) {
		if ((rc = quiz_save(r, qid, mid, id, values, &out)) == WS_OK)
			resp_redirect(w, arena_printf(r->a, "/staff/courses/%lld/modules/%lld#quiz",
			    (long long)id, (long long)mid));
		goto end;
	}
	/* the module's page again with the quiz as typed */
	resp_value(w, json_pack("{s:O,s:O}", "quiz_form", in, "quiz_errors", errors));
	crs_quiz_form_rows(r, w->val, json_object_get(in, "questions"));
	if ((rc = crs_staff_module_page(r, w, id, mid)) == WS_OK) {
		w->status = 422;
		w->detail = N_("Some fields need your attention.");
	}
end:
	json_decref(in);
	json_decref(values);
	json_decref(errors);
	json_decref(z);
	json_decref(m);
	return rc;
}

enum ws_err
crs_module_quiz(struct db *d, int64_t id, int64_t mid, json_t **out)
{
	json_t *all = NULL, *z;
	enum ws_err rc;
	size_t i;

	*out = NULL;
	if ((rc = crs_quizzes(d, id, &all)) == WS_OK)
		json_array_foreach(all, i, z)
			if (json_integer_value(json_object_get(z, "module_id")) == mid)
				*out = json_incref(z);
	json_decref(all);
	return rc;
}
