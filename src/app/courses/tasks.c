/*
 * tasks.c -- the shared task of a module (issue 18, shared tasks): a
 * short text each participant posts to their cohort's discussion ("share
 * an experience", "a plan for engagement with your government"), with its
 * instructions (Markdown) and the most characters an answer may have.
 *
 * Staff write it as they write a module's quiz: POST
 * /api/v1/courses/{id}/modules/{mid}/task, PATCH and DELETE
 * /api/v1/courses/{id}/tasks/{tid}, and the form on the module's staff
 * page (POST /staff/courses/{id}/modules/{mid}/task), through one check.
 * A module has one task at most; a copy of the course copies its tasks
 * (courses.c), never anyone's answers.  The answers, replies and marks
 * are the discussion's (discussion.c).
 *
 * courses_tasks_state() says how many of a course's tasks a participant
 * of a cohort has had marked complete, for progress and completion.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/courses/courses_int.h"
#include "app/orgs/orgs.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

static enum ws_err
param_id(struct req *r, int n, int64_t *id)
{
	return parse_int(r->params[n], 1, INT64_MAX, id) == WS_OK ? WS_OK : WS_ENOTFOUND;
}

/* ---- the store -------------------------------------------------------------- */

static json_t *
task_row(struct db_q *q)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(db_col_int(q, CRS_TASK_C_ID)));
	json_object_set_new(o, "module_id", json_integer(db_col_int(q, CRS_TASK_C_MODULE_ID)));
	json_object_set_new(o, "title", json_string(db_col_text(q, CRS_TASK_C_TITLE)));
	json_object_set_new(o, "instructions", json_string(db_col_text(q,
	    CRS_TASK_C_INSTRUCTIONS)));
	json_object_set_new(o, "max_length", json_integer(db_col_int(q, CRS_TASK_C_MAX_LENGTH)));
	json_object_set_new(o, "course_id", json_integer(db_col_int(q, CRS_TASK_C_COURSE_ID)));
	json_object_set_new(o, "module_title", json_string(db_col_text(q,
	    CRS_TASK_C_MODULE_TITLE)));
	return o;
}

enum ws_err
crs_task_get(struct db *d, int64_t id, int64_t tid, json_t **out)
{
	struct db_q *q = db_start(d, ST_CRS_TASK_GET);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, tid);
	db_bind_int(q, 2, id);
	if ((rc = db_step(q)) == WS_OK)
		*out = task_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
crs_tasks(struct db *d, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_CRS_TASKS);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, id);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, task_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
crs_module_task(struct db *d, int64_t id, int64_t mid, json_t **out)
{
	json_t *all = NULL, *t;
	enum ws_err rc;
	size_t i;

	*out = NULL;
	if ((rc = crs_tasks(d, id, &all)) == WS_OK)
		json_array_foreach(all, i, t)
			if (json_integer_value(json_object_get(t, "module_id")) == mid)
				*out = json_incref(t);
	json_decref(all);
	return rc;
}

enum ws_err
crs_task_put(struct db *d, int64_t tid, int64_t mid, json_t *values, int64_t *out)
{
	struct db_q *q = db_start(d, tid ? ST_CRS_TASK_UPDATE : ST_CRS_TASK_INSERT);
	int64_t now = now_s();
	enum ws_err rc;
	int i = 1;

	if (!tid)
		db_bind_int(q, i++, mid);
	db_bind_text(q, i++, json_string_value(json_object_get(values, "title")));
	db_bind_text(q, i++, json_string_value(json_object_get(values, "instructions")) ?
	    json_string_value(json_object_get(values, "instructions")) : "");
	db_bind_int(q, i++, json_integer_value(json_object_get(values, "max_length")));
	db_bind_int(q, i++, now);
	if (tid) {
		db_bind_int(q, i, tid);
		rc = db_exec(q, NULL);
		*out = tid;
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

enum ws_err
courses_tasks_state(struct db *d, int64_t cohort_id, int64_t user_id, int *done, int *total)
{
	struct db_q *q = db_start(d, ST_CRS_TASKS_STATE);
	enum ws_err rc;

	*done = *total = 0;
	db_bind_int(q, 1, cohort_id);
	db_bind_int(q, 2, user_id);
	db_bind_int(q, 3, cohort_id);
	if ((rc = db_step(q)) == WS_OK) {
		*done = (int)db_col_int(q, CRS_TSTATE_C_DONE);
		*total = (int)db_col_int(q, CRS_TSTATE_C_TOTAL);
	}
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

/* ---- the check ---------------------------------------------------------------- */

static const struct field task_fields[] = {
	{ "title", FT_LINE, 1, 2, 200, NULL, NULL, NULL },
	{ "instructions", FT_TEXT, 0, 0, CRS_TASK_INSTRUCTIONS_MAX, NULL, NULL, NULL },
	{ "max_length", FT_INT, 0, CRS_TASK_LENGTH_MIN, CRS_TASK_LENGTH_MAX, NULL, NULL,
	    N_("Enter a length from 50 to 20000 characters.") },
};
static const char *const task_names[] = { "title", "instructions", "max_length", NULL };

/* The one check of a task (the API and the staff form): in as values, a
 * message per field in *errors (NULL when none).  New references. */
static enum ws_err
task_check(struct req *r, json_t *in, json_t **values, json_t **errors)
{
	json_t *was = r->in, *errs = NULL;

	*values = *errors = NULL;
	r->in = in;
	if (form_check(r, task_fields, sizeof task_fields / sizeof task_fields[0], values,
	    &errs) == WS_OK || !errs)
		errs = NULL;
	r->in = was;
	if (!*values) {
		json_decref(errs);
		return WS_EDB;
	}
	if (!json_is_integer(json_object_get(*values, "max_length")))
		json_object_set_new(*values, "max_length", json_integer(CRS_TASK_LENGTH_DEFAULT));
	if (!json_is_string(json_object_get(*values, "instructions")))
		json_object_set_new(*values, "instructions", json_string(""));
	if (errs && json_object_size(errs) > 0)
		*errors = errs;
	else
		json_decref(errs);
	return WS_OK;
}

/* ---- the views ---------------------------------------------------------------- */

json_t *
crs_task_view(json_t *t)
{
	return json_pack("{s:O,s:O,s:O,s:O,s:O,s:o,s:O}", "id", json_object_get(t, "id"),
	    "course_id", json_object_get(t, "course_id"), "module_id", json_object_get(t,
	    "module_id"), "title", json_object_get(t, "title"), "instructions",
	    json_object_get(t, "instructions"), "instructions_html", org_markdown_html(
	    json_string_value(json_object_get(t, "instructions"))), "max_length",
	    json_object_get(t, "max_length"));
}

/* ---- staff ------------------------------------------------------------------------ */

static enum ws_err
task_save(struct req *r, int64_t tid, int64_t mid, int64_t id, json_t *values, int64_t *out)
{
	struct db *d = req_db(r);
	enum ws_err rc;

	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	if ((rc = crs_lock(d, id)) == WS_OK && (rc = crs_task_put(d, tid, mid, values, out)) ==
	    WS_OK && (rc = crs_touch(d, id)) == WS_OK)
		app_audit(r->app, d, r->user->id, tid ? "course.task_edited" : "course.task_added",
		    r->ip, arena_printf(r->a, "course %lld, task %lld: %s", (long long)id,
		    (long long)*out, json_string_value(json_object_get(values, "title"))));
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK)
		db_rollback(d);
	return rc;
}

static enum ws_err
answer_task(struct req *r, struct resp *w, int64_t id, int64_t tid)
{
	json_t *t = NULL;
	enum ws_err rc;

	if ((rc = crs_task_get(req_db(r), id, tid, &t)) != WS_OK)
		return rc;
	resp_value(w, crs_task_view(t));
	json_decref(t);
	return WS_OK;
}

enum ws_err
h_task_create(struct req *r, struct resp *w)
{
	json_t *m = NULL, *values = NULL, *errors = NULL;
	int64_t id, mid, tid = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &mid)) != WS_OK ||
	    (rc = crs_module_get(req_db(r), id, mid, &m)) != WS_OK)
		return rc;
	if (!json_is_object(r->in)) {
		w->detail = N_("Send the task as a JSON object.");
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = task_check(r, r->in, &values, &errors)) != WS_OK)
		goto out;
	if (errors) {
		w->errors = json_incref(errors);
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
	} else if ((rc = task_save(r, 0, mid, id, values, &tid)) == WS_ECONFLICT) {
		w->detail = N_("This module has its task already: change it.");
	} else if (rc == WS_OK && (rc = answer_task(r, w, id, tid)) == WS_OK) {
		w->status = 201;
	}
out:
	json_decref(m);
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_task_edit(struct req *r, struct resp *w)
{
	json_t *t = NULL, *in = NULL, *values = NULL, *errors = NULL, *x;
	const char *const *k;
	int64_t id, tid, out = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &tid)) != WS_OK ||
	    (rc = crs_task_get(req_db(r), id, tid, &t)) != WS_OK)
		return rc;
	if (!json_is_object(r->in)) {
		w->detail = N_("Send the fields to change as a JSON object.");
		rc = WS_EINVAL;
		goto out;
	}
	in = json_object();
	for (k = task_names; *k; k++)
		if ((x = json_object_get(r->in, *k)) != NULL || (x = json_object_get(t, *k)) != NULL)
			json_object_set(in, *k, x);
	if ((rc = task_check(r, in, &values, &errors)) != WS_OK)
		goto out;
	if (errors) {
		w->errors = json_incref(errors);
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
	} else if ((rc = task_save(r, tid, 0, id, values, &out)) == WS_OK) {
		rc = answer_task(r, w, id, tid);
	}
out:
	json_decref(t);
	json_decref(in);
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_task_delete(struct req *r, struct resp *w)
{
	struct db *d = req_db(r);
	struct db_q *q;
	json_t *t = NULL;
	int64_t id, tid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &tid)) != WS_OK ||
	    (rc = crs_task_get(d, id, tid, &t)) != WS_OK)
		return rc;
	json_decref(t);
	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	q = db_start(d, ST_CRS_TASK_DELETE);
	db_bind_int(q, 1, tid);
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc == WS_OK && (rc = crs_touch(d, id)) == WS_OK)
		app_audit(r->app, d, r->user->id, "course.task_deleted", r->ip, arena_printf(r->a,
		    "course %lld, task %lld", (long long)id, (long long)tid));
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK) {
		db_rollback(d);
		return rc;
	}
	w->status = 204;
	return WS_OK;
}

enum ws_err
crs_task_form(struct req *r, json_t *val, int64_t id, int64_t mid)
{
	json_t *t = NULL, *form;
	enum ws_err rc;

	if (json_object_get(val, "task_form"))
		return WS_OK;
	if ((rc = crs_module_task(req_db(r), id, mid, &t)) != WS_OK)
		return rc;
	form = t ? json_pack("{s:O,s:O,s:O,s:s}", "id", json_object_get(t, "id"), "title",
	    json_object_get(t, "title"), "instructions", json_object_get(t, "instructions"),
	    "max_length", arena_printf(r->a, "%lld", (long long)json_integer_value(
	    json_object_get(t, "max_length")))) : json_pack("{s:s,s:s,s:s}", "title", "",
	    "instructions", "", "max_length", arena_printf(r->a, "%d",
	    CRS_TASK_LENGTH_DEFAULT));
	json_object_set_new(val, "task_form", form);
	json_decref(t);
	return WS_OK;
}

enum ws_err
h_staff_task_save(struct req *r, struct resp *w)
{
	json_t *in = json_object(), *values = NULL, *errors = NULL, *t = NULL, *m = NULL, *x;
	const char *const *k;
	int64_t id, mid, tid = 0, out = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK || (rc = param_id(r, 1, &mid)) != WS_OK ||
	    (rc = crs_module_get(req_db(r), id, mid, &m)) != WS_OK)
		goto end;
	if ((rc = crs_module_task(req_db(r), id, mid, &t)) != WS_OK)
		goto end;
	if (t)
		tid = json_integer_value(json_object_get(t, "id"));
	for (k = task_names; *k; k++)
		if ((x = json_object_get(r->in, *k)) != NULL)
			json_object_set(in, *k, x);
	if ((rc = task_check(r, in, &values, &errors)) != WS_OK)
		goto end;
	if (!errors) {
		if ((rc = task_save(r, tid, mid, id, values, &out)) == WS_OK)
			resp_redirect(w, arena_printf(r->a, "/staff/courses/%lld/modules/%lld#task",
			    (long long)id, (long long)mid));
		goto end;
	}
	/* the module's page again with the task as typed */
	resp_value(w, json_pack("{s:O,s:O}", "task_form", in, "task_errors", errors));
	if ((rc = crs_staff_module_page(r, w, id, mid)) == WS_OK) {
		w->status = 422;
		w->detail = N_("Some fields need your attention.");
	}
end:
	json_decref(in);
	json_decref(values);
	json_decref(errors);
	json_decref(t);
	json_decref(m);
	return rc;
}
