/*
 * leaving.c -- a cohort deleted, an enrolment removed, a participant who
 * leaves (issue 18).
 *
 * Staff delete a cohort (DELETE /api/v1/cohorts/{id}, and the course's
 * staff page): one with participants is refused with 409 unless the
 * request confirms it (?confirm=1, or the form's box), so one click does
 * not drop a running cohort.  Its enrolments, tutors, messages and
 * reminders go with it, and its participants are mailed that it is
 * cancelled.
 *
 * An enrolment ends by staff (DELETE /api/v1/cohorts/{id}/enrolments/{uid}
 * and the tutors' table's button: the participant is mailed, unless their
 * account is disabled or deleted) or by the
 * participant themself (the same DELETE with their own number, or the
 * course page's "Leave this cohort"; no mail: they did it).  Anyone else
 * gets 403; someone not enrolled, 404.
 *
 * Progress is kept: the lessons a person read and their quiz attempts are
 * theirs for the course, not the cohort's (crs_reads, the attempts count
 * a person's tries at a quiz), so someone enrolled again, in this cohort
 * or the next, goes on where they were, and leaving and coming back does
 * not give them their quiz attempts again.  A read keeps its cohort's
 * number only while that cohort exists (ON DELETE SET NULL).
 */
#include <stdio.h>
#include <string.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/courses/courses_int.h"
#include "core/buf.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

static const char *const yes[] = { "1", "true", "yes", "on", NULL };

const struct field crs_q_confirm[] = {
	{ "confirm", FT_CHOICE, 0, 0, 0, yes, NULL, N_("Confirm with confirm=1.") },
	FIELDS_END
};

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

static int
ticked(json_t *v)
{
	const char *s = json_string_value(v);
	size_t i;

	if (json_is_true(v))
		return 1;
	for (i = 0; s && yes[i]; i++)
		if (strcmp(s, yes[i]) == 0)
			return 1;
	return 0;
}

/* Mails participant x (a crs_table_rows row) that stored cohort k is
 * cancelled, in the caller's transaction. */
static enum ws_err
mail_cancelled(struct req *r, struct db *d, json_t *k, json_t *x)
{
	const char *lang = app_mail_lang(r->app, json_string_value(json_object_get(x, "locale")),
	    NULL);
	json_t *ctx;
	struct buf body;
	enum ws_err rc;

	ctx = json_pack("{s:O,s:s,s:O,s:O,s:s}", "name", json_object_get(x, "name"), "site",
	    r->app->cfg.org_name, "course", json_object_get(k, "course_title"), "cohort",
	    json_object_get(k, "title"), "link", arena_printf(r->a, "%s/courses/%lld",
	    r->app->cfg.base_url, (long long)json_integer_value(json_object_get(k,
	    "course_id"))));
	buf_init(&body, 64 * 1024);
	rc = view_render(r->app->views, "mail_course_cancelled", ctx, lang, &body);
	if (rc == WS_OK)
		rc = app_mail(r->app, d, json_string_value(json_object_get(x, "email")),
		    view_tr(r->app->views, lang, N_("A course's cohort is cancelled")),
		    buf_str(&body));
	buf_free(&body);
	json_decref(ctx);
	return rc;
}

/* Deletes stored cohort k (confirmed: even with participants, who are
 * mailed, but for a disabled account). */
static enum ws_err
cohort_delete(struct req *r, struct resp *w, json_t *k, int confirmed)
{
	struct db *d = req_db(r);
	int64_t kid = json_integer_value(json_object_get(k, "id"));
	int64_t n = json_integer_value(json_object_get(k, "participants"));
	json_t *rows = NULL, *x;
	struct db_q *q;
	enum ws_err rc;
	size_t i;

	if (n > 0 && !confirmed) {
		w->detail = N_("This cohort has participants: confirm to delete it with their "
		    "enrolments (their progress in the course is kept).");
		return WS_ECONFLICT;
	}
	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	if ((rc = crs_cohort_lock(d, kid)) != WS_OK || (rc = crs_table_rows(d, kid, &rows)) !=
	    WS_OK)
		goto out;
	json_array_foreach(rows, i, x)
		if (strcmp(json_string_value(json_object_get(x, "status")), "active") == 0 &&
		    (rc = mail_cancelled(r, d, k, x)) != WS_OK)
			goto out;
	q = db_start(d, ST_CRS_COHORT_DELETE);
	db_bind_int(q, 1, kid);
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc != WS_OK)
		goto out;
	app_audit(r->app, d, r->user->id, "course.cohort_deleted", r->ip, arena_printf(r->a,
	    "cohort %lld of course %lld: %s (%lld participants)", (long long)kid, (long long)
	    json_integer_value(json_object_get(k, "course_id")), json_string_value(
	    json_object_get(k, "title")), (long long)n));
	rc = db_commit(d);
out:
	if (rc != WS_OK)
		db_rollback(d);
	json_decref(rows);
	return rc;
}

enum ws_err
h_cohort_delete(struct req *r, struct resp *w)
{
	json_t *k = NULL;
	int64_t kid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &kid)) != WS_OK || (rc = crs_cohort_get(req_db(r), kid, 1,
	    &k)) != WS_OK)
		return rc;
	if ((rc = cohort_delete(r, w, k, *req_qstr(r, "confirm") != '\0')) == WS_OK)
		w->status = 204;
	json_decref(k);
	return rc;
}

enum ws_err
h_staff_cohort_delete(struct req *r, struct resp *w)
{
	json_t *k = NULL;
	int64_t id, kid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &kid)) != WS_OK ||
	    (rc = crs_cohort_get(req_db(r), kid, 1, &k)) != WS_OK)
		return rc;
	if (json_integer_value(json_object_get(k, "course_id")) != id) {
		rc = WS_ENOTFOUND;
		goto out;
	}
	rc = cohort_delete(r, w, k, ticked(json_object_get(r->in, "confirm")));
	if (rc == WS_OK)
		resp_redirect(w, arena_printf(r->a, "/staff/courses/%lld#h-cohorts", (long long)id));
	else if (rc == WS_ECONFLICT) {
		/* the course's page again, saying why */
		const char *why = w->detail;

		resp_value(w, json_object());
		if ((rc = crs_staff_course_page(r, w, id)) == WS_OK) {
			json_t *c = json_object_get(json_object_get(w->val, "course"), "cohorts"), *x;
			size_t i;

			json_array_foreach(c, i, x)
				if (json_integer_value(json_object_get(x, "id")) == kid)
					json_object_set_new(x, "delete_error", json_string(view_tr(
					    r->app->views, r->locale, why)));
			w->status = 409;
			w->detail = why;
		}
	}
out:
	json_decref(k);
	return rc;
}

/* Mails person u that staff ended their enrolment in stored cohort k, in
 * the caller's transaction. */
static enum ws_err
mail_removed(struct req *r, struct db *d, json_t *k, struct user *u)
{
	const char *lang = app_mail_lang(r->app, u->locale, NULL);
	json_t *ctx;
	struct buf body;
	enum ws_err rc;

	ctx = json_pack("{s:s,s:s,s:O,s:O,s:s}", "name", u->name ? u->name : "", "site",
	    r->app->cfg.org_name, "course", json_object_get(k, "course_title"), "cohort",
	    json_object_get(k, "title"), "link", arena_printf(r->a, "%s/courses/%lld",
	    r->app->cfg.base_url, (long long)json_integer_value(json_object_get(k,
	    "course_id"))));
	buf_init(&body, 64 * 1024);
	rc = view_render(r->app->views, "mail_course_removed", ctx, lang, &body);
	if (rc == WS_OK)
		rc = app_mail(r->app, d, u->email, view_tr(r->app->views, lang,
		    N_("Your enrolment in a course has ended")), buf_str(&body));
	buf_free(&body);
	json_decref(ctx);
	return rc;
}

/* Ends person uid's enrolment in stored cohort k: staff (mailing them) or
 * the person themself; WS_EFORBIDDEN for anyone else, WS_ENOTFOUND when
 * they are not enrolled. */
static enum ws_err
unenrol(struct req *r, struct resp *w, json_t *k, int64_t uid)
{
	struct db *d = req_db(r);
	int64_t kid = json_integer_value(json_object_get(k, "id")), n = 0;
	int self = uid == r->user->id;
	struct user u;
	struct db_q *q;
	enum ws_err rc;

	if (!self && !is_staff(r)) {
		w->detail = N_("Only staff end someone else's enrolment.");
		return WS_EFORBIDDEN;
	}
	if (user_by_id(d, r->a, uid, &u) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	if ((rc = crs_cohort_lock(d, kid)) != WS_OK)
		goto out;
	q = db_start(d, ST_CRS_UNENROL);
	db_bind_int(q, 1, kid);
	db_bind_int(q, 2, uid);
	rc = db_exec(q, &n);
	db_end(q);
	if (rc == WS_OK && n == 0) {
		w->detail = N_("This person is not enrolled in this cohort.");
		rc = WS_ENOTFOUND;
	}
	if (rc != WS_OK)
		goto out;
	app_audit_about(r->app, d, r->user->id, 0, uid, "course.unenrolled", r->ip,
	    arena_printf(r->a, "cohort %lld (%s) of course %lld, %s", (long long)kid,
	    json_string_value(json_object_get(k, "title")), (long long)json_integer_value(
	    json_object_get(k, "course_id")), self ? "left by themself" : "by staff"));
	/* a disabled (or deleted) account is mailed nothing, as elsewhere */
	if (!self && strcmp(u.status, "active") == 0 && (rc = mail_removed(r, d, k, &u)) !=
	    WS_OK)
		goto out;
	rc = db_commit(d);
out:
	if (rc != WS_OK)
		db_rollback(d);
	return rc;
}

enum ws_err
h_cohort_unenrol(struct req *r, struct resp *w)
{
	json_t *k = NULL;
	int64_t kid, uid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &kid)) != WS_OK || (rc = param_id(r, 1, &uid)) != WS_OK ||
	    (rc = crs_cohort_get(req_db(r), kid, is_staff(r), &k)) != WS_OK)
		return rc;
	if ((rc = unenrol(r, w, k, uid)) == WS_OK)
		w->status = 204;
	json_decref(k);
	return rc;
}

/* Cohort kid of course id (params 0 and 1) as r's caller sees it. */
static enum ws_err
cohort_of(struct req *r, int64_t *id, json_t **k)
{
	int64_t kid;
	enum ws_err rc;

	*k = NULL;
	if ((rc = param_id(r, 0, id)) != WS_OK || (rc = param_id(r, 1, &kid)) != WS_OK ||
	    (rc = crs_cohort_get(req_db(r), kid, is_staff(r), k)) != WS_OK)
		return rc;
	if (json_integer_value(json_object_get(*k, "course_id")) != *id) {
		json_decref(*k);
		*k = NULL;
		return WS_ENOTFOUND;
	}
	return WS_OK;
}

enum ws_err
h_course_leave_form(struct req *r, struct resp *w)
{
	json_t *k = NULL;
	int64_t id;
	enum ws_err rc;

	if ((rc = cohort_of(r, &id, &k)) != WS_OK)
		return rc;
	if ((rc = unenrol(r, w, k, r->user->id)) == WS_OK)
		resp_redirect(w, arena_printf(r->a, "/courses/%lld#cohorts", (long long)id));
	json_decref(k);
	return rc;
}

enum ws_err
h_staff_cohort_unenrol(struct req *r, struct resp *w)
{
	json_t *k = NULL;
	int64_t id, uid;
	enum ws_err rc;

	if ((rc = cohort_of(r, &id, &k)) != WS_OK)
		return rc;
	if ((rc = param_id(r, 2, &uid)) == WS_OK && (rc = unenrol(r, w, k, uid)) == WS_OK)
		resp_redirect(w, arena_printf(r->a, "/staff/courses/%lld/cohorts/%lld/table",
		    (long long)id, (long long)json_integer_value(json_object_get(k, "id"))));
	json_decref(k);
	return rc;
}
