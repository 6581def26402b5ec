/*
 * discussion.c -- a cohort's discussion (issue 18, shared tasks): the
 * participants' answers to the course's tasks, the replies to them, and
 * the marks of staff and the cohort's tutors.
 *
 * Pages, each with its JSON twin: /courses/{id}/cohorts/{kid}/discussion
 * (every answer, a page at a time, oldest first, each with its replies)
 * and /courses/{id}/cohorts/{kid}/tasks/{tid} (one task: its
 * instructions, the caller's own answer and its form, the answers to it).
 *
 * Who reads: the cohort's participants, its tutors and staff; anyone else
 * signed in gets 403, a visitor 401 (the page: the sign-in form).  Another
 * cohort of the same course is another discussion.  A cohort that is not
 * the course's, a task that is not, a post that is not the cohort's: 404.
 *
 * Who writes: a participant of a running cohort posts one answer to a
 * task (POST .../tasks/{tid}/answer, the API's the same under /api/v1),
 * and edits it until it is marked complete (409 after); it may be no
 * longer than the task says (422, the form keeps what was typed), nor
 * empty.  The cohort's participants, tutors and staff reply to an answer
 * (threaded one level: a reply to a reply joins its answer), and the
 * answer's author is mailed.  Staff and the cohort's tutors mark an
 * answer complete or send it back with a comment (POST .../posts/{pid}/mark;
 * a participant gets 403); its author is mailed either way, and a sent
 * back answer may be edited again.  Posts are Markdown, rendered by cmark
 * in safe mode as lessons are (no raw HTML).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/app.h"
#include "app/courses/courses_int.h"
#include "app/events/events.h"
#include "app/orgs/orgs.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

const struct field crs_q_discussion[] = { APP_Q_PAGE, APP_Q_PER_PAGE, FIELDS_END };

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

/* A post as stored: {id, cohort_id, task_id, parent_id (or null), user_id
 * (or null), body, status, comment, marked_at (or null), created_at,
 * updated_at (Unix seconds), author, task_title}. */
static json_t *
post_row(struct db_q *q)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(db_col_int(q, CRS_POST_C_ID)));
	json_object_set_new(o, "cohort_id", json_integer(db_col_int(q, CRS_POST_C_COHORT_ID)));
	json_object_set_new(o, "task_id", json_integer(db_col_int(q, CRS_POST_C_TASK_ID)));
	json_object_set_new(o, "parent_id", app_col_int(q, CRS_POST_C_PARENT_ID));
	json_object_set_new(o, "user_id", app_col_int(q, CRS_POST_C_USER_ID));
	json_object_set_new(o, "body", json_string(db_col_text(q, CRS_POST_C_BODY)));
	json_object_set_new(o, "status", json_string(db_col_text(q, CRS_POST_C_STATUS)));
	json_object_set_new(o, "comment", json_string(db_col_text(q, CRS_POST_C_COMMENT)));
	json_object_set_new(o, "marked_at", app_col_int(q, CRS_POST_C_MARKED_AT));
	json_object_set_new(o, "created_at", json_integer(db_col_int(q, CRS_POST_C_CREATED_AT)));
	json_object_set_new(o, "updated_at", json_integer(db_col_int(q, CRS_POST_C_UPDATED_AT)));
	json_object_set_new(o, "author", json_string(db_col_text(q, CRS_POST_C_AUTHOR) ?
	    db_col_text(q, CRS_POST_C_AUTHOR) : ""));
	json_object_set_new(o, "task_title", json_string(db_col_text(q, CRS_POST_C_TASK_TITLE)));
	return o;
}

/* The rows of statement q (bound, started) into a new array *out. */
static enum ws_err
post_rows(struct db_q *q, json_t **out)
{
	enum ws_err rc;

	*out = json_array();
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, post_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

/* Post pid of cohort kid; WS_ENOTFOUND.  New reference in *out. */
static enum ws_err
post_get(struct db *d, int64_t kid, int64_t pid, json_t **out)
{
	struct db_q *q = db_start(d, ST_CRS_POST_GET);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, pid);
	db_bind_int(q, 2, kid);
	if ((rc = db_step(q)) == WS_OK)
		*out = post_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

/* Person uid's answer to task tid in cohort kid (NULL in *out: none). */
static enum ws_err
post_mine(struct db *d, int64_t kid, int64_t tid, int64_t uid, json_t **out)
{
	struct db_q *q = db_start(d, ST_CRS_POST_MINE);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, kid);
	db_bind_int(q, 2, tid);
	db_bind_int(q, 3, uid);
	if ((rc = db_step(q)) == WS_OK)
		*out = post_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
crs_post_add(struct db *d, int64_t kid, int64_t tid, int64_t parent, int64_t uid,
    const char *body, const char *status, int64_t *out)
{
	struct db_q *q = db_start(d, ST_CRS_POST_INSERT);
	int64_t now = now_s();
	enum ws_err rc;

	db_bind_int(q, 1, kid);
	db_bind_int(q, 2, tid);
	if (parent)
		db_bind_int(q, 3, parent);
	else
		db_bind_null(q, 3);
	db_bind_int(q, 4, uid);
	db_bind_text(q, 5, body);
	db_bind_text(q, 6, status);
	db_bind_int(q, 7, now);
	db_bind_int(q, 8, now);
	if ((rc = db_step(q)) == WS_OK)
		*out = db_col_int(q, 0);
	else if (rc == WS_EDONE)
		rc = WS_EDB;
	db_end(q);
	return rc;
}

enum ws_err
crs_cohort_of_user(struct db *d, int64_t uid, int64_t id, int64_t *kid)
{
	struct db_q *q = db_start(d, ST_CRS_COHORT_OF_USER);
	int64_t now = now_s();
	enum ws_err rc;

	*kid = 0;
	db_bind_int(q, 1, uid);
	db_bind_int(q, 2, id);
	db_bind_int(q, 3, now);
	db_bind_int(q, 4, now);
	if ((rc = db_step(q)) == WS_OK)
		*kid = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
crs_post_mark(struct db *d, int64_t pid, const char *status, const char *comment, int64_t by)
{
	struct db_q *q = db_start(d, ST_CRS_POST_MARK);
	int64_t now = now_s();
	enum ws_err rc;

	db_bind_text(q, 1, status);
	db_bind_text(q, 2, comment);
	db_bind_int(q, 3, by);
	db_bind_int(q, 4, now);
	db_bind_int(q, 5, now);
	db_bind_int(q, 6, pid);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

/* ---- who may do what -------------------------------------------------------- */

/* Course id and its cohort kid as r's caller meets them. */
struct kctx {
	int64_t id, kid;
	json_t *course;		/* crs_get's */
	json_t *cohort;		/* crs_cohort_get's */
	int enrolled;		/* a participant of the cohort */
	int tutor;		/* one of its tutors */
	int running;		/* started, not ended */
};

static void
kctx_free(struct kctx *k)
{
	json_decref(k->course);
	json_decref(k->cohort);
}

/* Fills k for course id's cohort kid: WS_ENOTFOUND when either is not
 * there for r's caller (or the cohort is another course's), WS_EFORBIDDEN
 * with why in w->detail when the caller is none of its participants,
 * tutors or staff. */
static enum ws_err
cohort_access(struct req *r, struct resp *w, int64_t id, int64_t kid, struct kctx *k)
{
	struct db *d = req_db(r);
	struct db_q *q;
	int64_t now = now_s();
	enum ws_err rc;

	memset(k, 0, sizeof *k);
	k->id = id;
	k->kid = kid;
	if ((rc = crs_get(d, id, is_staff(r), &k->course)) != WS_OK ||
	    (rc = crs_cohort_get(d, kid, is_staff(r), &k->cohort)) != WS_OK)
		return rc;
	if (json_integer_value(json_object_get(k->cohort, "course_id")) != id)
		return WS_ENOTFOUND;
	q = db_start(d, ST_CRS_COHORT_ROLE);
	db_bind_int(q, 1, kid);
	db_bind_int(q, 2, r->user->id);
	db_bind_int(q, 3, kid);
	db_bind_int(q, 4, r->user->id);
	if ((rc = db_step(q)) == WS_OK) {
		k->enrolled = db_col_int(q, CRS_KROLE_C_ENROLLED) > 0;
		/* a tutor is staff (cohorts.c): one made a member again tutors nothing */
		k->tutor = is_staff(r) && db_col_int(q, CRS_KROLE_C_TUTOR) > 0;
	}
	db_end(q);
	if (rc != WS_OK)
		return rc == WS_EDONE ? WS_EDB : rc;
	k->running = json_integer_value(json_object_get(k->cohort, "starts_at")) <= now &&
	    now < json_integer_value(json_object_get(k->cohort, "ends_at"));
	if (!k->enrolled && !k->tutor && !is_staff(r)) {
		w->detail = N_("Only the participants of this cohort, its tutors and staff read "
		    "its discussion.");
		return WS_EFORBIDDEN;
	}
	return WS_OK;
}

/* Whether the caller marks answers in k's cohort. */
static int
marks(struct req *r, const struct kctx *k)
{
	return is_staff(r) || k->tutor;
}

/* ---- the views ---------------------------------------------------------------- */

static json_t *
time_of(int64_t t)
{
	char buf[32];
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(buf);
}

/* Stored post p as the API gives it (the API's CoursePost; an answer
 * with its replies when replies is not NULL, borrowed).  New reference. */
static json_t *
post_view(struct req *r, const struct kctx *k, json_t *p, json_t *replies)
{
	json_t *o = json_object(), *x;
	const char *zone = json_string_value(json_object_get(k->cohort, "timezone"));
	int64_t uid = json_integer_value(json_object_get(p, "user_id"));
	int answer = json_is_null(json_object_get(p, "parent_id"));
	size_t i;

	json_object_set(o, "id", json_object_get(p, "id"));
	json_object_set(o, "cohort_id", json_object_get(p, "cohort_id"));
	json_object_set(o, "task_id", json_object_get(p, "task_id"));
	json_object_set(o, "parent_id", json_object_get(p, "parent_id"));
	json_object_set_new(o, "author", json_pack("{s:O,s:s}", "id", json_object_get(p,
	    "user_id"), "name", uid ? json_string_value(json_object_get(p, "author")) :
	    tr(r, N_("A former participant"))));
	json_object_set(o, "body", json_object_get(p, "body"));
	json_object_set_new(o, "body_html", org_markdown_html(json_string_value(
	    json_object_get(p, "body"))));
	json_object_set_new(o, "created_at", time_of(json_integer_value(json_object_get(p,
	    "created_at"))));
	json_object_set_new(o, "updated_at", time_of(json_integer_value(json_object_get(p,
	    "updated_at"))));
	json_object_set_new(o, "mine", json_boolean(uid && uid == r->user->id));
	if (!r->api)
		json_object_set_new(o, "when", events_when(r, zone, json_integer_value(
		    json_object_get(p, "created_at"))));
	if (!answer)
		return o;
	json_object_set(o, "task_title", json_object_get(p, "task_title"));
	json_object_set(o, "status", json_object_get(p, "status"));
	json_object_set(o, "comment", json_object_get(p, "comment"));
	json_object_set_new(o, "marked_at", json_is_integer(json_object_get(p, "marked_at")) ?
	    time_of(json_integer_value(json_object_get(p, "marked_at"))) : json_null());
	json_object_set_new(o, "can_mark", json_boolean(marks(r, k)));
	if (!r->api) {
		const char *s = json_string_value(json_object_get(p, "status"));

		json_object_set_new(o, "is_complete", json_boolean(strcmp(s, "complete") == 0));
		json_object_set_new(o, "is_returned", json_boolean(strcmp(s, "returned") == 0));
		json_object_set_new(o, "course_id", json_integer(k->id));
	}
	x = json_array();
	if (replies) {
		json_t *y;

		json_array_foreach(replies, i, y)
			json_array_append_new(x, post_view(r, k, y, NULL));
	}
	json_object_set_new(o, "replies", x);
	return o;
}

/* Answer p's replies (stored).  New reference in *out. */
static enum ws_err
replies_of(struct db *d, json_t *p, json_t **out)
{
	struct db_q *q = db_start(d, ST_CRS_REPLIES);

	db_bind_int(q, 1, json_integer_value(json_object_get(p, "id")));
	return post_rows(q, out);
}

/* Answer p as the API gives it, with its replies.  New reference in *out. */
static enum ws_err
answer_view(struct req *r, const struct kctx *k, json_t *p, json_t **out)
{
	json_t *replies = NULL;
	enum ws_err rc;

	*out = NULL;
	if ((rc = replies_of(req_db(r), p, &replies)) == WS_OK)
		*out = post_view(r, k, p, replies);
	json_decref(replies);
	return rc;
}

/* ---- mail ---------------------------------------------------------------------- */

/* Mails person uid, in their language, subject (English, translated) with
 * what's title and the text lead (English, translated), then text, then
 * the address path; nothing when they are not an active participant of
 * cohort kid (someone who left hears no more of it).  In the
 * caller's transaction. */
static enum ws_err
mail_person(struct req *r, struct db *d, int64_t uid, int64_t kid, const char *subject,
    const char *what, const char *lead, const char *text, const char *path)
{
	struct db_q *q = db_start(d, ST_CRS_PERSON);
	char *email = NULL, *locale = NULL;
	enum ws_err rc;

	db_bind_int(q, 1, uid);
	db_bind_int(q, 2, kid);
	if ((rc = db_step(q)) == WS_OK) {
		email = arena_strdup(r->a, db_col_text(q, CRS_PERSON_C_EMAIL));
		locale = arena_strdup(r->a, db_col_text(q, CRS_PERSON_C_LOCALE) ?
		    db_col_text(q, CRS_PERSON_C_LOCALE) : "");
	}
	db_end(q);
	if (rc == WS_EDONE)
		return WS_OK;
	if (rc != WS_OK)
		return rc;
	{
		const char *lang = app_mail_lang(r->app, locale, NULL);

		return app_mail(r->app, d, email, arena_printf(r->a, "%s: %s",
		    view_tr(r->app->views, lang, subject), what), arena_printf(r->a,
		    "%s\n\n%s\n\n%s%s\n", view_tr(r->app->views, lang, lead), text,
		    r->app->cfg.base_url ? r->app->cfg.base_url : "", path));
	}
}

/* ---- reading ---------------------------------------------------------------------- */

/* The tasks of k's course for the pages: [{id, title, module_title}]. */
static json_t *
task_links(json_t *tasks)
{
	json_t *out = json_array(), *t;
	size_t i;

	json_array_foreach(tasks, i, t)
		json_array_append_new(out, json_pack("{s:O,s:O,s:O}", "id", json_object_get(t, "id"),
		    "title", json_object_get(t, "title"), "module_title", json_object_get(t,
		    "module_title")));
	return out;
}

/* The discussion (tid 0) or one task's page (tid) into w, with form (what
 * was typed: {body}) and errors when not NULL (borrowed). */
static enum ws_err
discussion(struct req *r, struct resp *w, int64_t id, int64_t kid, int64_t tid, json_t *form,
    json_t *errors)
{
	struct db *d = req_db(r);
	struct kctx k;
	struct db_q *q;
	json_t *tasks = NULL, *task = NULL, *rows = NULL, *items, *v, *p, *mine = NULL;
	json_t *errs = json_object();
	int64_t page = 1, total = 0;
	int per_page = APP_PER_PAGE;
	enum ws_err rc;
	size_t i;

	if ((rc = cohort_access(r, w, id, kid, &k)) != WS_OK)
		goto out;
	if (app_paging(r, errs, &page, &per_page) > 0) {
		w->errors = json_incref(errs);
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = crs_tasks(d, id, &tasks)) != WS_OK)
		goto out;
	if (tid && (rc = crs_task_get(d, id, tid, &task)) != WS_OK)
		goto out;
	q = db_start(d, ST_CRS_POSTS_COUNT);
	db_bind_int(q, 1, kid);
	db_bind_int(q, 2, tid);
	db_bind_int(q, 3, tid);
	if ((rc = db_step(q)) == WS_OK)
		total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK) {
		rc = rc == WS_EDONE ? WS_EDB : rc;
		goto out;
	}
	q = db_start(d, ST_CRS_POSTS);
	db_bind_int(q, 1, kid);
	db_bind_int(q, 2, tid);
	db_bind_int(q, 3, tid);
	db_bind_int(q, 4, per_page);
	db_bind_int(q, 5, (page - 1) * per_page);
	if ((rc = post_rows(q, &rows)) != WS_OK)
		goto out;
	items = json_array();
	json_array_foreach(rows, i, p) {
		json_t *a = NULL;

		if ((rc = answer_view(r, &k, p, &a)) != WS_OK) {
			json_decref(items);
			goto out;
		}
		json_array_append_new(items, a);
	}
	v = app_list_value(items, page, per_page, total);
	json_object_set_new(v, "course", json_pack("{s:I,s:O}", "id", (json_int_t)id, "title",
	    json_object_get(k.course, "title")));
	json_object_set_new(v, "cohort", json_pack("{s:I,s:O}", "id", (json_int_t)kid, "title",
	    json_object_get(k.cohort, "title")));
	json_object_set_new(v, "tasks", task_links(tasks));
	json_object_set_new(v, "can_mark", json_boolean(marks(r, &k)));
	json_object_set_new(v, "running", json_boolean(k.running));
	if (task) {
		json_object_set_new(v, "task", crs_task_view(task));
		if (k.enrolled && (rc = post_mine(d, kid, tid, r->user->id, &mine)) != WS_OK) {
			json_decref(v);
			goto out;
		}
		json_object_set_new(v, "mine", json_null());
		if (mine) {
			json_t *a = NULL;

			if ((rc = answer_view(r, &k, mine, &a)) != WS_OK) {
				json_decref(v);
				goto out;
			}
			json_object_set_new(v, "mine", a);
		}
		json_object_set_new(v, "can_answer", json_boolean(k.enrolled && k.running &&
		    (!mine || strcmp(json_string_value(json_object_get(mine, "status")),
		    "complete") != 0)));
	}
	if (!r->api) {
		json_object_set_new(v, "heading", task ? json_incref(json_object_get(task, "title")) :
		    json_string(tr(r, N_("Discussion"))));
		json_object_set_new(v, "form", form ? json_incref(form) : json_pack("{s:s}", "body",
		    mine ? json_string_value(json_object_get(mine, "body")) : ""));
		if (errors)
			json_object_set(v, "errors", errors);
		json_object_set_new(v, "task_only", json_boolean(task != NULL));
		/* a reply or a mark refused: what was typed, under its answer */
		json_array_foreach(json_object_get(v, "items"), i, p) {
			json_int_t pid = json_integer_value(json_object_get(p, "id"));

			if (form && json_integer_value(json_object_get(form, "reply_to")) == pid) {
				json_object_set(p, "reply_body", json_object_get(form, "reply_body"));
				json_object_set(p, "reply_error", json_object_get(errors, "body"));
			}
			if (form && json_integer_value(json_object_get(form, "mark_of")) == pid) {
				json_object_set(p, "mark_comment", json_object_get(form, "mark_comment"));
				json_object_set(p, "mark_error", json_object_get(errors, "comment") ?
				    json_object_get(errors, "comment") : json_object_get(errors,
				    "decision"));
			}
		}
		json_object_set_new(v, "base", json_string(arena_printf(r->a,
		    "/courses/%lld/cohorts/%lld", (long long)id, (long long)kid)));
	}
	resp_value(w, v);
	w->tpl = "course_discussion";
	w->title = task ? N_("Shared task") : N_("Discussion");
out:
	kctx_free(&k);
	json_decref(tasks);
	json_decref(task);
	json_decref(rows);
	json_decref(mine);
	json_decref(errs);
	return rc;
}

enum ws_err
h_course_discussion(struct req *r, struct resp *w)
{
	int64_t id, kid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &kid)) != WS_OK)
		return rc;
	return discussion(r, w, id, kid, 0, NULL, NULL);
}

enum ws_err
h_course_task(struct req *r, struct resp *w)
{
	int64_t id, kid, tid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &kid)) != WS_OK ||
	    (rc = param_id(r, 2, &tid)) != WS_OK)
		return rc;
	return discussion(r, w, id, kid, tid, NULL, NULL);
}

/* ---- writing ---------------------------------------------------------------------- */

/* The text of field name of in, checked: not empty, at most max
 * characters, text; NULL with a message in r's language under name in
 * errors. */
static const char *
text_of(struct req *r, json_t *in, const char *name, size_t max, json_t *errors,
    const char *empty, const char *too_long)
{
	const char *s = json_string_value(json_object_get(in, name));
	size_t n;

	if (!s || !*s || strspn(s, " \t\r\n") == strlen(s)) {
		json_object_set_new(errors, name, json_string(tr(r, empty)));
		return NULL;
	}
	n = strlen(s);
	if (!utf8_valid_text(s, n, 1)) {
		json_object_set_new(errors, name, json_string(tr(r, N_("Use plain text: no control "
		    "characters."))));
		return NULL;
	}
	if (utf8_chars(s) > max) {
		json_object_set_new(errors, name, json_string(tr(r, too_long)));
		return NULL;
	}
	return s;
}

/* Posts or edits r's caller's answer to task tid of cohort kid of course
 * id from in ({body}); the answer (the API's) into *out, *created 1 when
 * it is new. */
static enum ws_err
answer(struct req *r, struct resp *w, int64_t id, int64_t kid, int64_t tid, json_t *in,
    json_t **out, int *created)
{
	struct db *d = req_db(r);
	struct kctx k;
	json_t *task = NULL, *mine = NULL, *errors = json_object(), *p = NULL;
	const char *body;
	int64_t pid = 0;
	enum ws_err rc;

	*out = NULL;
	*created = 0;
	if ((rc = cohort_access(r, w, id, kid, &k)) != WS_OK)
		goto out;
	if ((rc = crs_task_get(d, id, tid, &task)) != WS_OK)
		goto out;
	if (!k.enrolled) {
		w->detail = N_("Only the participants of this cohort answer its tasks.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	if (!k.running) {
		w->detail = N_("Your cohort is not running now: its tasks are answered while it "
		    "runs.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	body = text_of(r, in, "body", (size_t)json_integer_value(json_object_get(task,
	    "max_length")), errors, N_("Write your answer."), N_("Your answer is longer than "
	    "this task allows: shorten it."));
	if (!body) {
		w->errors = json_incref(errors);
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = post_mine(d, kid, tid, r->user->id, &mine)) != WS_OK)
		goto end;
	if (mine) {
		struct db_q *q;

		pid = json_integer_value(json_object_get(mine, "id"));
		if ((rc = app_one_int(d, ST_CRS_POST_LOCK, pid, NULL)) != WS_OK)
			goto end;
		json_decref(mine);
		/* read again under the lock: a mark may have come in between */
		if ((rc = post_get(d, kid, pid, &mine)) != WS_OK)
			goto end;
		if (strcmp(json_string_value(json_object_get(mine, "status")), "complete") == 0) {
			w->detail = N_("Your answer is marked complete: it can no longer be changed.");
			rc = WS_ECONFLICT;
			goto end;
		}
		q = db_start(d, ST_CRS_POST_EDIT);
		db_bind_text(q, 1, body);
		db_bind_int(q, 2, now_s());
		db_bind_int(q, 3, pid);
		rc = db_exec(q, NULL);
		db_end(q);
	} else {
		rc = crs_post_add(d, kid, tid, 0, r->user->id, body, "submitted", &pid);
		if (rc == WS_ECONFLICT)	/* the same answer, sent at the same instant */
			w->detail = N_("Your answer was sent already: open the task again.");
		*created = 1;
	}
	if (rc == WS_OK)
		app_audit(r->app, d, r->user->id, mine ? "course.task_answer_edited" :
		    "course.task_answered", r->ip, arena_printf(r->a, "course %lld, cohort %lld, "
		    "task %lld: answer %lld", (long long)id, (long long)kid, (long long)tid,
		    (long long)pid));
end:
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK) {
		db_rollback(d);
		goto out;
	}
	if ((rc = post_get(d, kid, pid, &p)) == WS_OK)
		rc = answer_view(r, &k, p, out);
out:
	kctx_free(&k);
	json_decref(task);
	json_decref(mine);
	json_decref(errors);
	json_decref(p);
	return rc;
}

enum ws_err
h_task_answer(struct req *r, struct resp *w)
{
	json_t *out = NULL;
	int64_t id, kid, tid;
	int created = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &kid)) != WS_OK ||
	    (rc = param_id(r, 2, &tid)) != WS_OK)
		return rc;
	if (!json_is_object(r->in)) {
		w->detail = N_("Send the answer as a JSON object.");
		return WS_EINVAL;
	}
	if ((rc = answer(r, w, id, kid, tid, r->in, &out, &created)) != WS_OK)
		return rc;
	resp_value(w, out);
	w->status = created ? 201 : 200;
	return WS_OK;
}

/* A page's form refused with 422: the page again (discussion tid 0, or
 * task tid) with what was typed and why. */
static enum ws_err
form_again(struct req *r, struct resp *w, int64_t id, int64_t kid, int64_t tid, json_t *form)
{
	json_t *errors = w->errors ? json_incref(w->errors) : json_object();
	enum ws_err rc;

	json_decref(w->errors);
	w->errors = NULL;
	rc = discussion(r, w, id, kid, tid, form, errors);
	json_decref(errors);
	if (rc == WS_OK) {
		w->status = 422;
		w->detail = N_("Some fields need your attention.");
	}
	return rc;
}

enum ws_err
h_task_answer_form(struct req *r, struct resp *w)
{
	json_t *in = json_object(), *out = NULL;
	const char *body = json_string_value(json_object_get(r->in, "body"));
	int64_t id, kid, tid;
	int created = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &kid)) != WS_OK ||
	    (rc = param_id(r, 2, &tid)) != WS_OK)
		goto out;
	json_object_set_new(in, "body", json_string(body ? body : ""));
	rc = answer(r, w, id, kid, tid, in, &out, &created);
	if (rc == WS_OK)
		resp_redirect(w, arena_printf(r->a, "/courses/%lld/cohorts/%lld/tasks/%lld#mine",
		    (long long)id, (long long)kid, (long long)tid));
	else if (rc == WS_EINVAL)
		rc = form_again(r, w, id, kid, tid, in);
out:
	json_decref(in);
	json_decref(out);
	return rc;
}

/* Adds r's caller's reply from in ({body}) to post pid of cohort kid of
 * course id (its answer's, when pid is a reply); the reply (the API's)
 * into *out and its answer's task into *tid. */
static enum ws_err
reply(struct req *r, struct resp *w, int64_t id, int64_t kid, int64_t pid, json_t *in,
    json_t **out, int64_t *tid)
{
	struct db *d = req_db(r);
	struct kctx k;
	json_t *p = NULL, *x = NULL, *errors = json_object();
	const char *body;
	int64_t rid = 0, author;
	enum ws_err rc;

	*out = NULL;
	if ((rc = cohort_access(r, w, id, kid, &k)) != WS_OK)
		goto out;
	if ((rc = post_get(d, kid, pid, &p)) != WS_OK)
		goto out;
	if (json_is_integer(json_object_get(p, "parent_id"))) {	/* one level: its answer */
		pid = json_integer_value(json_object_get(p, "parent_id"));
		json_decref(p);
		if ((rc = post_get(d, kid, pid, &p)) != WS_OK)
			goto out;
	}
	*tid = json_integer_value(json_object_get(p, "task_id"));
	if (!(body = text_of(r, in, "body", CRS_REPLY_MAX, errors, N_("Write your reply."),
	    N_("Your reply is too long: 5000 characters at most.")))) {
		w->errors = json_incref(errors);
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	author = json_integer_value(json_object_get(p, "user_id"));
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	rc = crs_post_add(d, kid, *tid, pid, r->user->id, body, "reply", &rid);
	if (rc == WS_OK && author && author != r->user->id)
		rc = mail_person(r, d, author, kid, N_("A reply to your answer"), json_string_value(
		    json_object_get(p, "task_title")), N_("Someone replied to your answer in the "
		    "course's discussion:"), arena_printf(r->a, "%s:\n\n%s", r->user->name, body),
		    arena_printf(r->a, "/courses/%lld/cohorts/%lld/tasks/%lld#post-%lld",
		    (long long)id, (long long)kid, (long long)*tid, (long long)pid));
	if (rc == WS_OK)
		app_audit(r->app, d, r->user->id, "course.task_reply", r->ip, arena_printf(r->a,
		    "course %lld, cohort %lld: reply %lld to answer %lld", (long long)id,
		    (long long)kid, (long long)rid, (long long)pid));
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK) {
		db_rollback(d);
		goto out;
	}
	if ((rc = post_get(d, kid, rid, &x)) == WS_OK)
		*out = post_view(r, &k, x, NULL);
out:
	kctx_free(&k);
	json_decref(p);
	json_decref(x);
	json_decref(errors);
	return rc;
}

enum ws_err
h_post_reply(struct req *r, struct resp *w)
{
	json_t *out = NULL;
	int64_t id, kid, pid, tid = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &kid)) != WS_OK ||
	    (rc = param_id(r, 2, &pid)) != WS_OK)
		return rc;
	if (!json_is_object(r->in)) {
		w->detail = N_("Send the reply as a JSON object.");
		return WS_EINVAL;
	}
	if ((rc = reply(r, w, id, kid, pid, r->in, &out, &tid)) != WS_OK)
		return rc;
	resp_value(w, out);
	w->status = 201;
	return WS_OK;
}

enum ws_err
h_post_reply_form(struct req *r, struct resp *w)
{
	json_t *in = json_object(), *out = NULL;
	const char *body = json_string_value(json_object_get(r->in, "body"));
	int64_t id, kid, pid, tid = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &kid)) != WS_OK ||
	    (rc = param_id(r, 2, &pid)) != WS_OK)
		goto out;
	json_object_set_new(in, "body", json_string(body ? body : ""));
	rc = reply(r, w, id, kid, pid, in, &out, &tid);
	if (rc == WS_OK) {
		resp_redirect(w, arena_printf(r->a, "/courses/%lld/cohorts/%lld/tasks/%lld#post-%lld",
		    (long long)id, (long long)kid, (long long)tid, (long long)pid));
	} else if (rc == WS_EINVAL && tid) {
		json_t *typed = json_pack("{s:O,s:I}", "reply_body", json_object_get(in, "body"),
		    "reply_to", (json_int_t)pid);

		rc = form_again(r, w, id, kid, tid, typed);
		json_decref(typed);
	}
out:
	json_decref(in);
	json_decref(out);
	return rc;
}

/* Marks post pid of cohort kid of course id from in ({decision: complete
 * or returned, comment}) by r's caller (staff or a tutor of the cohort);
 * the answer (the API's) into *out and its task into *tid. */
static enum ws_err
mark(struct req *r, struct resp *w, int64_t id, int64_t kid, int64_t pid, json_t *in,
    json_t **out, int64_t *tid)
{
	struct db *d = req_db(r);
	struct kctx k;
	json_t *p = NULL, *errors = json_object();
	const char *decision = json_string_value(json_object_get(in, "decision"));
	const char *comment = json_string_value(json_object_get(in, "comment"));
	int64_t author;
	int done;
	enum ws_err rc;

	*out = NULL;
	if ((rc = cohort_access(r, w, id, kid, &k)) != WS_OK)
		goto out;
	if ((rc = post_get(d, kid, pid, &p)) != WS_OK)
		goto out;
	if (!json_is_null(json_object_get(p, "parent_id"))) {	/* a reply is not marked */
		rc = WS_ENOTFOUND;
		goto out;
	}
	*tid = json_integer_value(json_object_get(p, "task_id"));
	if (!marks(r, &k)) {
		w->detail = N_("Only staff and the cohort's tutors mark its tasks.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	if (!decision || (strcmp(decision, "complete") != 0 && strcmp(decision, "returned") !=
	    0))
		json_object_set_new(errors, "decision", json_string(tr(r, N_("Choose complete, or "
		    "returned to send it back."))));
	if (!comment)
		comment = "";
	if (!utf8_valid_text(comment, strlen(comment), 1) || utf8_chars(comment) >
	    CRS_COMMENT_MAX)
		json_object_set_new(errors, "comment", json_string(tr(r, N_("Write a comment of "
		    "2000 characters at most, in plain text."))));
	else if (decision && strcmp(decision, "returned") == 0 && strspn(comment, " \t\r\n") ==
	    strlen(comment))
		json_object_set_new(errors, "comment", json_string(tr(r, N_("Say what to change "
		    "before sending it back."))));
	if (json_object_size(errors) > 0) {
		w->errors = json_incref(errors);
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	done = strcmp(decision, "complete") == 0;
	author = json_integer_value(json_object_get(p, "user_id"));
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = app_one_int(d, ST_CRS_POST_LOCK, pid, NULL)) != WS_OK)
		goto end;
	rc = crs_post_mark(d, pid, decision, comment, r->user->id);
	/* a task marked complete is progress: the course may be completed now,
	 * in this transaction */
	if (rc == WS_OK && done && author)
		rc = courses_progress_changed(r->app, d, r->ip, id, kid, author, NULL);
	if (rc == WS_OK && author)
		rc = mail_person(r, d, author, kid, done ? N_("Your answer is marked complete") :
		    N_("Your answer was sent back"), json_string_value(json_object_get(p,
		    "task_title")), done ? N_("Your answer to this task of the course is marked "
		    "complete.") : N_("Your answer to this task of the course was sent back: change "
		    "it and post it again."), *comment ? comment : "", arena_printf(r->a,
		    "/courses/%lld/cohorts/%lld/tasks/%lld#mine", (long long)id, (long long)kid,
		    (long long)*tid));
	if (rc == WS_OK)
		app_audit(r->app, d, r->user->id, "course.task_marked", r->ip, arena_printf(r->a,
		    "course %lld, cohort %lld, answer %lld: %s", (long long)id, (long long)kid,
		    (long long)pid, decision));
end:
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK) {
		db_rollback(d);
		goto out;
	}
	json_decref(p);
	p = NULL;
	if ((rc = post_get(d, kid, pid, &p)) == WS_OK)
		rc = answer_view(r, &k, p, out);
out:
	kctx_free(&k);
	json_decref(p);
	json_decref(errors);
	return rc;
}

enum ws_err
h_post_mark(struct req *r, struct resp *w)
{
	json_t *out = NULL;
	int64_t id, kid, pid, tid = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &kid)) != WS_OK ||
	    (rc = param_id(r, 2, &pid)) != WS_OK)
		return rc;
	if (!json_is_object(r->in)) {
		w->detail = N_("Send the mark as a JSON object.");
		return WS_EINVAL;
	}
	if ((rc = mark(r, w, id, kid, pid, r->in, &out, &tid)) != WS_OK)
		return rc;
	resp_value(w, out);
	return WS_OK;
}

enum ws_err
h_post_mark_form(struct req *r, struct resp *w)
{
	json_t *in = json_object(), *out = NULL, *x;
	int64_t id, kid, pid, tid = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &kid)) != WS_OK ||
	    (rc = param_id(r, 2, &pid)) != WS_OK)
		goto out;
	if ((x = json_object_get(r->in, "decision")) != NULL)
		json_object_set(in, "decision", x);
	if ((x = json_object_get(r->in, "comment")) != NULL)
		json_object_set(in, "comment", x);
	rc = mark(r, w, id, kid, pid, in, &out, &tid);
	if (rc == WS_OK) {
		resp_redirect(w, arena_printf(r->a, "/courses/%lld/cohorts/%lld/tasks/%lld#post-%lld",
		    (long long)id, (long long)kid, (long long)tid, (long long)pid));
	} else if (rc == WS_EINVAL && tid) {
		json_t *typed = json_pack("{s:s,s:I}", "mark_comment", json_is_string(json_object_get(in,
		    "comment")) ? json_string_value(json_object_get(in, "comment")) : "", "mark_of",
		    (json_int_t)pid);

		rc = form_again(r, w, id, kid, tid, typed);
		json_decref(typed);
	}
out:
	json_decref(in);
	json_decref(out);
	return rc;
}

/* ---- progress ------------------------------------------------------------------------ */

enum ws_err
crs_task_progress(struct req *r, int64_t id, int64_t kid, int64_t uid, json_t **out,
    json_t **next)
{
	struct db *d = req_db(r);
	struct db_q *q;
	json_t *tasks = NULL, *mine = NULL, *t, *p;
	enum ws_err rc;
	size_t i, j;

	*out = json_array();
	*next = NULL;
	if ((rc = crs_tasks(d, id, &tasks)) != WS_OK)
		goto out;
	if (kid) {
		q = db_start(d, ST_CRS_MINE);
		db_bind_int(q, 1, kid);
		db_bind_int(q, 2, uid);
		if ((rc = post_rows(q, &mine)) != WS_OK)
			goto out;
	}
	json_array_foreach(tasks, i, t) {
		const char *status = "none", *comment = "";

		json_array_foreach(mine, j, p)
			if (json_integer_value(json_object_get(p, "task_id")) ==
			    json_integer_value(json_object_get(t, "id"))) {
				status = json_string_value(json_object_get(p, "status"));
				comment = json_string_value(json_object_get(p, "comment"));
			}
		json_array_append_new(*out, json_pack("{s:O,s:O,s:O,s:s,s:s,s:I}", "id",
		    json_object_get(t, "id"), "title", json_object_get(t, "title"), "module_id",
		    json_object_get(t, "module_id"), "status", status, "comment", comment,
		    "cohort_id", (json_int_t)kid));
		if (!r->api) {
			json_t *x = json_array_get(*out, json_array_size(*out) - 1);

			json_object_set_new(x, "is_complete", json_boolean(strcmp(status,
			    "complete") == 0));
			json_object_set_new(x, "is_returned", json_boolean(strcmp(status,
			    "returned") == 0));
			json_object_set_new(x, "is_submitted", json_boolean(strcmp(status,
			    "submitted") == 0));
		}
		if (!*next && strcmp(status, "complete") != 0 && kid)
			*next = json_pack("{s:O,s:O,s:I}", "id", json_object_get(t, "id"), "title",
			    json_object_get(t, "title"), "cohort_id", (json_int_t)kid);
	}
out:
	json_decref(tasks);
	json_decref(mine);
	return rc;
}
