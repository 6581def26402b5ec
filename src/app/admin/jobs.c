/*
 * jobs.c -- /staff/jobs: the background jobs (src/jobs) as staff see them,
 * queued, running, failed with their error, done; a failed one can be
 * queued again.  The JSON twin is /api/v1/staff/jobs.
 */
#include <stdio.h>
#include <string.h>

#include "app/admin/admin.h"
#include "app/app.h"
#include "core/util.h"
#include "db/db.h"
#include "jobs/jobs.h"
#include "views/view.h"

static const char *const statuses[] = { "queued", "running", "failed", "done", NULL };
static const char *const status_labels[] = {
	N_("Queued"), N_("Running"), N_("Failed"), N_("Done"), NULL
};

static json_t *
time_or_null(struct db_q *q, int i)
{
	char ts[32];

	if (db_col_null(q, i))
		return json_null();
	time_rfc3339((time_t)db_col_int(q, i), ts, sizeof ts);
	return json_string(ts);
}

static json_t *
json_or_null(struct db_q *q, int i)
{
	json_error_t err;
	json_t *v = db_col_null(q, i) ? NULL : json_loads(db_col_text(q, i), 0, &err);

	return v ? v : json_null();
}

/* A job's JSON from a row of enum job_col; pages get its status's label too. */
static json_t *
job_of(struct req *r, struct db_q *q)
{
	const char *status = db_col_text(q, JOB_C_STATUS);
	json_t *it = json_pack("{s:I,s:s,s:s,s:I,s:o,s:o,s:o,s:o,s:o,s:o}",
	    "id", (json_int_t)db_col_int(q, JOB_C_ID), "kind", db_col_text(q, JOB_C_KIND),
	    "status", status, "attempts", (json_int_t)db_col_int(q, JOB_C_ATTEMPTS),
	    "run_after", time_or_null(q, JOB_C_RUN_AFTER),
	    "last_error", db_col_null(q, JOB_C_LAST_ERROR) ? json_null() :
	    json_string(db_col_text(q, JOB_C_LAST_ERROR)),
	    "progress", json_or_null(q, JOB_C_PROGRESS),
	    "created_at", time_or_null(q, JOB_C_CREATED_AT),
	    "updated_at", time_or_null(q, JOB_C_UPDATED_AT),
	    "done_at", time_or_null(q, JOB_C_DONE_AT));
	size_t i;

	if (!r->api) {
		for (i = 0; statuses[i]; i++)
			if (strcmp(statuses[i], status) == 0)
				json_object_set_new(it, "status_label", json_string(view_tr(
				    r->app->views, r->locale, status_labels[i])));
		json_object_set_new(it, "failed", json_boolean(strcmp(status, "failed") == 0));
		if (strcmp(db_col_text(q, JOB_C_KIND), "import_orgs") == 0)
			json_object_set_new(it, "href", json_sprintf("/staff/organizations/import/%lld",
			    (long long)db_col_int(q, JOB_C_ID)));
	}
	return it;
}

const struct field admin_q_jobs[] = {
	{ "status", FT_CHOICE, 0, 0, 0, statuses, NULL, N_("Choose a status from the list.") },
	APP_Q_PAGE, APP_Q_PER_PAGE, FIELDS_END
};

enum ws_err
h_staff_jobs(struct req *r, struct resp *w)
{
	const char *status = req_qstr(r, "status");
	struct db *d = req_db(r);
	json_t *v, *items, *filters;
	struct db_q *q;
	int64_t page, total = 0;
	int per_page;
	enum ws_err rc;
	size_t i;

	if (app_paging(r, NULL, &page, &per_page))
		return WS_EINVAL;	/* not reached: the route declares its query */
	/* one status, or all: each its own statement, so an index serves it */
	if (*status) {
		q = db_start(d, ST_JOB_COUNT_STATUS);
		db_bind_text(q, 1, status);
	} else {
		q = db_start(d, ST_JOB_COUNT);
		db_bind_text(q, 1, "");
		db_bind_text(q, 2, "");
	}
	if ((rc = db_step(q)) == WS_OK)
		total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc == WS_EDONE ? WS_EDB : rc;
	items = json_array();
	if (*status) {
		q = db_start(d, ST_JOB_LIST_STATUS);
		db_bind_text(q, 1, status);
		db_bind_int(q, 2, per_page);
		db_bind_int(q, 3, (page - 1) * per_page);
	} else {
		q = db_start(d, ST_JOB_LIST);
		db_bind_text(q, 1, "");
		db_bind_text(q, 2, "");
		db_bind_int(q, 3, per_page);
		db_bind_int(q, 4, (page - 1) * per_page);
	}
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(items, job_of(r, q));
	db_end(q);
	if (rc != WS_EDONE) {
		json_decref(items);
		return rc;
	}
	v = app_list_value(items, page, per_page, total);
	if (!r->api) {
		filters = json_array();
		json_array_append_new(filters, json_pack("{s:s,s:s,s:b}", "value", "", "label",
		    view_tr(r->app->views, r->locale, N_("All")), "selected", !*status));
		for (i = 0; statuses[i]; i++)
			json_array_append_new(filters, json_pack("{s:s,s:s,s:b}", "value",
			    statuses[i], "label", view_tr(r->app->views, r->locale,
			    status_labels[i]), "selected", strcmp(status, statuses[i]) == 0));
		json_object_set_new(v, "statuses", filters);
		json_object_set_new(v, "status", json_string(status));
	}
	resp_value(w, v);
	w->tpl = "staff_jobs";
	w->title = N_("Background jobs");
	return WS_OK;
}

enum ws_err
h_staff_job_retry(struct req *r, struct resp *w)
{
	struct db *d = req_db(r);
	struct db_q *q;
	int64_t id;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	rc = job_retry(d, id);
	if (rc == WS_ECONFLICT) {
		w->detail = N_("Only a failed job can be tried again.");
		return rc;
	}
	if (rc != WS_OK)
		return rc;
	app_audit(r->app, d, r->user->id, "job.retried", r->ip,
	    arena_printf(r->a, "job %lld", (long long)id));
	app_jobs_kick(r->app);
	if (!r->api) {
		resp_redirect(w, "/staff/jobs?status=queued");
		return WS_OK;
	}
	q = db_start(d, ST_JOB_GET);
	db_bind_int(q, 1, id);
	if ((rc = db_step(q)) == WS_OK)
		resp_value(w, job_of(r, q));
	db_end(q);
	return rc == WS_OK ? WS_OK : rc == WS_EDONE ? WS_ENOTFOUND : rc;
}
