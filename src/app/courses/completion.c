/*
 * completion.c -- completing a course (issue 18, part 5): the course's
 * rules, a completion recorded once, and the store of completions.
 *
 * A course says what completing it takes, each a yes or no of the course
 * (complete_lessons, complete_quizzes, complete_tasks): every lesson read,
 * every quiz passed, every shared task done.  Whenever a participant's
 * progress changes (a lesson read, a quiz passed, a task marked done),
 * the change's own transaction asks courses_progress_changed whether the
 * rules are met now; the first time they are, a completion is recorded
 * with a certificate code, the participant is mailed the certificate's
 * address, and the completion enters their organization's history (the
 * audit log).  A completion is once a person and course: the person's
 * enrolment row is locked first, so their changes are asked one after the
 * other, and the table's unique key decides anyway, only the change that
 * inserted mailing.  Someone not enrolled in the cohort (who left it, or
 * was removed) completes nothing there: an answer of theirs marked after
 * they left is no completion.
 *
 * The code is 128 bits from libsodium's randombytes in RFC 4648 base32
 * (lowercase, no padding: 26 characters), so it cannot be guessed; the
 * certificate copies what it says (the name as the person entered it,
 * the course's and cohort's titles, the hours) as they were then.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/courses/courses_int.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

/* ---- codes --------------------------------------------------------------- */

static const char b32[] = "abcdefghijklmnopqrstuvwxyz234567";

/* A new certificate code into out (CRT_CODE_LEN + 1 bytes). */
static void
new_code(char *out)
{
	unsigned char raw[16];
	unsigned int acc = 0;
	int bits = 0, n = 0;
	size_t i;

	randombytes_buf(raw, sizeof raw);
	for (i = 0; i < sizeof raw; i++) {
		acc = (acc << 8) | raw[i];
		bits += 8;
		while (bits >= 5) {
			out[n++] = b32[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0)
		out[n++] = b32[(acc << (5 - bits)) & 31];
	out[n] = '\0';
	sodium_memzero(raw, sizeof raw);
}

int
crt_code_ok(const char *s)
{
	size_t i;

	if (!s || strlen(s) != CRT_CODE_LEN)
		return 0;
	for (i = 0; i < CRT_CODE_LEN; i++)
		if (!strchr(b32, s[i]) || s[i] == '\0')
			return 0;
	return 1;
}

/* ---- the store ------------------------------------------------------------ */

/* The current row of q (enum crt_col) as JSON: {code, name, course,
 * cohort, hours, completed_at (Unix seconds), course_id, cohort_id,
 * user_id}.  New reference. */
static json_t *
crt_row(struct db_q *q)
{
	return json_pack("{s:s,s:s,s:s,s:s,s:I,s:I,s:o,s:o,s:I}", "code", db_col_text(q,
	    CRT_C_CODE), "name", db_col_text(q, CRT_C_NAME), "course", db_col_text(q,
	    CRT_C_COURSE), "cohort", db_col_text(q, CRT_C_COHORT), "hours", (json_int_t)
	    db_col_int(q, CRT_C_HOURS), "completed_at", (json_int_t)db_col_int(q,
	    CRT_C_COMPLETED_AT), "course_id", app_col_int(q, CRT_C_COURSE_ID), "cohort_id",
	    app_col_int(q, CRT_C_COHORT_ID), "user_id", (json_int_t)db_col_int(q,
	    CRT_C_USER_ID));
}

/* Runs s (bound with a, and b when b is not 0 or text is NULL) for one row
 * or none. */
static enum ws_err
one(struct db *d, enum db_stmt s, const char *text, int64_t a, int64_t b, json_t **out)
{
	struct db_q *q = db_start(d, s);
	enum ws_err rc;

	*out = NULL;
	if (text) {
		db_bind_text(q, 1, text);
	} else {
		db_bind_int(q, 1, a);
		db_bind_int(q, 2, b);
	}
	if ((rc = db_step(q)) == WS_OK)
		*out = crt_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
crt_by_code(struct db *d, const char *code, json_t **out)
{
	return one(d, ST_CRT_BY_CODE, code, 0, 0, out);
}

enum ws_err
crt_of_person(struct db *d, int64_t uid, int64_t id, json_t **out)
{
	return one(d, ST_CRT_OF_PERSON, NULL, uid, id, out);
}

enum ws_err
crt_of_user(struct db *d, int64_t uid, json_t **out)
{
	struct db_q *q = db_start(d, ST_CRT_OF_USER);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, uid);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, crt_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
crt_of_course(struct db *d, int64_t id, int max, json_t **out)
{
	struct db_q *q = db_start(d, ST_CRT_OF_COURSE);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, max);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, crt_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

/* A count statement bound with course id and person uid. */
static enum ws_err
left_of(struct db *d, enum db_stmt s, int64_t id, int64_t uid, int64_t *n)
{
	struct db_q *q = db_start(d, s);
	enum ws_err rc;

	*n = 0;
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, uid);
	if ((rc = db_step(q)) == WS_OK)
		*n = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

/* ---- completing ------------------------------------------------------------ */

/* Whether person uid of cohort kid meets course c's rules now: into *met. */
static enum ws_err
rules_met(struct db *d, json_t *c, int64_t kid, int64_t uid, int *met)
{
	int64_t id = json_integer_value(json_object_get(c, "id")), n = 0;
	enum ws_err rc;

	*met = 0;
	if (json_is_true(json_object_get(c, "complete_lessons"))) {
		if ((rc = left_of(d, ST_CRT_LESSONS_LEFT, id, uid, &n)) != WS_OK)
			return rc;
		if (n > 0)
			return WS_OK;
	}
	if (json_is_true(json_object_get(c, "complete_quizzes"))) {
		if ((rc = left_of(d, ST_CRT_QUIZZES_LEFT, id, uid, &n)) != WS_OK)
			return rc;
		if (n > 0)
			return WS_OK;
	}
	if (json_is_true(json_object_get(c, "complete_tasks"))) {
		int done = 0, total = 0;

		if ((rc = courses_tasks_state(d, kid, uid, &done, &total)) != WS_OK)
			return rc;
		if (done < total)
			return WS_OK;
	}
	*met = 1;
	return WS_OK;
}

/* Mails person uid the certificate of completion t, in their language
 * (nothing to a disabled account); their organization into *org. */
static enum ws_err
mail_completed(struct app *app, struct db *d, int64_t uid, json_t *t, int64_t *org)
{
	struct db_q *q = db_start(d, ST_USER_BY_ID);
	char email[320] = "", locale[16] = "", subject[400], body[2000];
	const char *lang, *base = app->cfg.base_url ? app->cfg.base_url : "";
	enum ws_err rc;
	int active = 0;

	*org = 0;
	db_bind_int(q, 1, uid);
	if ((rc = db_step(q)) == WS_OK) {
		snprintf(email, sizeof email, "%s", db_col_text(q, USER_C_EMAIL));
		snprintf(locale, sizeof locale, "%s", db_col_text(q, USER_C_LOCALE));
		*org = db_col_int(q, USER_C_ORG_ID);
		active = strcmp(db_col_text(q, USER_C_STATUS), "active") == 0;
	}
	db_end(q);
	if (rc != WS_OK)
		return rc == WS_EDONE ? WS_ENOTFOUND : rc;
	if (!active)	/* a disabled (or deleted) account is mailed nothing */
		return WS_OK;
	lang = app_mail_lang(app, locale, NULL);
	snprintf(subject, sizeof subject, "%s: %s", view_tr(app->views, lang,
	    N_("You have completed the course")), json_string_value(json_object_get(t,
	    "course")));
	snprintf(body, sizeof body, "%s\n\n%s\n%s\n\n%s\n%s/certificates/%s.pdf\n\n%s\n"
	    "%s/certificates/%s\n", view_tr(app->views, lang, N_("Congratulations: you have "
	    "completed the course")), json_string_value(json_object_get(t, "course")),
	    json_string_value(json_object_get(t, "cohort")), view_tr(app->views, lang,
	    N_("Your certificate (PDF):")), base, json_string_value(json_object_get(t, "code")),
	    view_tr(app->views, lang, N_("Anyone can confirm it at this address:")), base,
	    json_string_value(json_object_get(t, "code")));
	return app_mail(app, d, email, subject, body);
}

enum ws_err
courses_progress_changed(struct app *app, struct db *d, const char *ip, int64_t id,
    int64_t kid, int64_t uid, int *completed)
{
	json_t *c = NULL, *t = NULL;
	char code[CRT_CODE_LEN + 1];
	struct db_q *q;
	int64_t n = 0, org = 0;
	enum ws_err rc;
	int met = 0;

	if (completed)
		*completed = 0;
	/* one person's changes one after the other: two lessons read at once,
	 * the last two, would each miss the other's mark otherwise (on
	 * PostgreSQL; SQLite has one writer) and neither complete the course */
	q = db_start(d, ST_CRT_LOCK);
	db_bind_int(q, 1, kid);
	db_bind_int(q, 2, uid);
	rc = db_step(q);
	db_end(q);
	if (rc == WS_EDONE) {	/* not (or no longer) enrolled: nothing completes */
		rc = WS_OK;
		goto out;
	}
	if (rc != WS_OK)
		goto out;
	if ((rc = crs_get(d, id, 1, &c)) != WS_OK)
		goto out;
	if ((rc = rules_met(d, c, kid, uid, &met)) != WS_OK || !met)
		goto out;
	new_code(code);
	q = db_start(d, ST_CRT_INSERT);
	db_bind_text(q, 1, code);
	db_bind_int(q, 2, now_s());
	db_bind_int(q, 3, uid);
	db_bind_int(q, 4, id);
	db_bind_int(q, 5, kid);
	rc = db_exec(q, &n);
	db_end(q);
	if (rc != WS_OK || n == 0)	/* completed before: the first counts */
		goto out;
	if ((rc = crt_by_code(d, code, &t)) != WS_OK)
		goto out;
	if ((rc = mail_completed(app, d, uid, t, &org)) != WS_OK)
		goto out;
	{
		char detail[600];

		snprintf(detail, sizeof detail, "course %lld, cohort %lld: %s completed",
		    (long long)id, (long long)kid, json_string_value(json_object_get(t, "course")));
		app_audit_about(app, d, uid, org, uid, "course.completed", ip, detail);
	}
	if (completed)
		*completed = 1;
out:
	json_decref(c);
	json_decref(t);
	return rc;
}
