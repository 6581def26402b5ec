/*
 * import_page.c -- the staff page of the CSV import (import.h): the form,
 * the upload, which runs import_orgs() as a background job, and the job's
 * page, which shows its progress and then its report.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/directory/import.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"
#include "http/form.h"
#include "views/view.h"

/*
 * An upload is imported by a thread of its own while the page refreshes
 * itself (<meta http-equiv="refresh">, no JavaScript) to show how far it
 * is, then the report.  The jobs live in this process: the last
 * IMPORT_JOBS_MAX are kept for their reports, one runs at a time (a second
 * upload meanwhile is refused, 409), and with several nodes the page must
 * be asked of the node that took the upload (the audit log records the
 * outcome on every node).  A table for them would outlive restarts; the
 * report of an interrupted import is in the audit log and the rows it
 * committed, batch by batch.
 */
#define IMPORT_JOBS_MAX 8

struct import_job {
	char id[17];			/* random hex, "" for a free slot */
	struct app *app;
	int64_t user_id;
	char ip[48];
	char name[128];			/* the uploaded file's name */
	char *data;			/* the file, freed when the import ends */
	size_t len;
	int dry_run;
	int running;			/* the thread has not ended */
	int joined;			/* pthread_join done */
	pthread_t th;
	size_t done, total;		/* physical lines */
	time_t started, ended;
	enum ws_err rc;
	struct import_report rep;
};

static struct import_job jobs[IMPORT_JOBS_MAX];
static pthread_mutex_t jobs_mu = PTHREAD_MUTEX_INITIALIZER;

static void
job_progress(void *arg, size_t done, size_t total)
{
	struct import_job *j = arg;

	pthread_mutex_lock(&jobs_mu);
	j->done = done;
	j->total = total;
	pthread_mutex_unlock(&jobs_mu);
}

static void *
job_run(void *arg)
{
	struct import_job *j = arg;
	struct import_opts o = { j->dry_run, j->user_id, j->ip, j->name, job_progress, j };
	struct import_report rep;
	struct db *d = db_acquire(j->app->pool);
	enum ws_err rc;

	rc = import_orgs(j->app, d, j->data, j->len, &o, &rep);
	db_release(j->app->pool, d);
	pthread_mutex_lock(&jobs_mu);
	j->rep = rep;
	j->rc = rc;
	j->running = 0;
	j->ended = now_s();
	free(j->data);
	j->data = NULL;
	pthread_mutex_unlock(&jobs_mu);
	return NULL;
}

/* Frees slot j (not running). */
static void
job_clear(struct import_job *j)
{
	if (j->id[0] && !j->joined)
		pthread_join(j->th, NULL);
	import_report_free(&j->rep);
	free(j->data);
	memset(j, 0, sizeof *j);
}

void
import_jobs_shutdown(void)
{
	size_t i;

	for (i = 0; i < IMPORT_JOBS_MAX; i++)	/* joins without the lock: the
						 * threads take it to finish */
		if (jobs[i].id[0] && !jobs[i].joined) {
			pthread_join(jobs[i].th, NULL);
			jobs[i].joined = 1;
		}
	pthread_mutex_lock(&jobs_mu);
	for (i = 0; i < IMPORT_JOBS_MAX; i++)
		job_clear(&jobs[i]);
	pthread_mutex_unlock(&jobs_mu);
}

/* "12,345". */
static json_t *
count_text(size_t n)
{
	char digits[32], out[48];
	size_t len, i, k = 0;

	snprintf(digits, sizeof digits, "%zu", n);
	len = strlen(digits);
	for (i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			out[k++] = ',';
		out[k++] = digits[i];
	}
	out[k] = '\0';
	return json_string(out);
}

static json_t *
form_value(struct req *r)
{
	return json_pack("{s:I}", "max_mb", (json_int_t)(r->app->cfg.upload_max >> 20));
}

enum ws_err
h_import_form(struct req *r, struct resp *w)
{
	resp_value(w, form_value(r));
	w->tpl = "staff_import";
	w->title = N_("Import organizations");
	return WS_OK;
}

enum ws_err
h_import(struct req *r, struct resp *w)
{
	const struct upload *u = NULL;
	struct import_job *j = NULL;
	const char *dry = req_field(r, "dry_run");
	int i;

	for (i = 0; i < r->nfiles; i++)
		if (strcmp(r->files[i].field, "file") == 0 && r->files[i].len > 0)
			u = &r->files[i];
	if (!u) {
		json_t *errors = json_pack("{s:s}", "file", view_tr(r->app->views, r->locale,
		    N_("Choose a CSV file to import.")));
		enum ws_err rc = form_fail(r, w, "staff_import", N_("Import organizations"),
		    NULL, errors);

		resp_value(w, form_value(r));
		json_decref(errors);
		return rc;
	}
	pthread_mutex_lock(&jobs_mu);
	for (i = 0; i < IMPORT_JOBS_MAX; i++)
		if (jobs[i].id[0] && jobs[i].running) {
			pthread_mutex_unlock(&jobs_mu);
			w->detail = N_("An import is running: wait for it to finish, then try again.");
			return WS_ECONFLICT;
		}
	for (i = 0; i < IMPORT_JOBS_MAX; i++)	/* a free slot, or the oldest */
		if (!j || !jobs[i].id[0] || (j->id[0] && jobs[i].started < j->started))
			j = &jobs[i];
	job_clear(j);
	random_hex(j->id, 8);
	j->app = r->app;
	j->user_id = r->user->id;
	snprintf(j->ip, sizeof j->ip, "%s", r->ip);
	snprintf(j->name, sizeof j->name, "%s", u->filename && *u->filename ? u->filename :
	    "upload.csv");
	j->data = xmalloc(u->len);
	memcpy(j->data, u->data, u->len);
	j->len = u->len;
	j->dry_run = dry && *dry && strcmp(dry, "0") != 0;
	j->running = 1;
	j->started = now_s();
	if (pthread_create(&j->th, NULL, job_run, j) != 0) {
		log_error("import: cannot start a thread");
		j->joined = 1;
		job_clear(j);
		pthread_mutex_unlock(&jobs_mu);
		return WS_EDB;
	}
	if (r->api) {	/* 202: follow Location until "running" is false */
		const char *url = arena_printf(r->a, "/api/v1/staff/organizations/import/%s",
		    j->id);

		resp_value(w, json_pack("{s:s,s:s,s:b}", "id", j->id, "url", url, "running", 1));
		resp_header(w, "Location", url);
		w->status = 202;
	} else {
		resp_redirect(w, arena_printf(r->a, "/staff/organizations/import/%s", j->id));
	}
	pthread_mutex_unlock(&jobs_mu);
	return WS_OK;
}

/* Pages show each line's outcome in the reader's language, and link the
 * organization. */
static void
label_outcomes(struct req *r, json_t *lines)
{
	static const char *const labels[] = {
		N_("Created"), N_("Updated"), N_("Unchanged"), N_("Duplicate"), N_("Error")
	};
	json_t *l;
	size_t i, k;

	_Static_assert(sizeof labels / sizeof labels[0] == IMP__MAX, "a label per outcome");
	json_array_foreach(lines, i, l) {
		/* its own name: a line without one must not find the job's "id" */
		if (json_object_get(l, "id"))
			json_object_set(l, "org_id", json_object_get(l, "id"));
		for (k = 0; k < IMP__MAX; k++)
			if (strcmp(import_outcome_name(k), json_string_value(json_object_get(l,
			    "outcome"))) == 0)
				json_object_set_new(l, "label", json_string(view_tr(r->app->views,
				    r->locale, labels[k])));
	}
}

enum ws_err
h_import_job(struct req *r, struct resp *w)
{
	struct import_job *j = NULL;
	json_t *v;
	int i;

	pthread_mutex_lock(&jobs_mu);
	for (i = 0; i < IMPORT_JOBS_MAX; i++)
		if (jobs[i].id[0] && strcmp(jobs[i].id, r->params[0]) == 0)
			j = &jobs[i];
	if (!j) {
		pthread_mutex_unlock(&jobs_mu);
		return WS_ENOTFOUND;
	}
	v = json_pack("{s:s,s:s,s:b,s:b,s:I,s:I,s:o,s:o}", "id", j->id, "file", j->name,
	    "dry_run", j->dry_run, "running", j->running, "done", (json_int_t)j->done,
	    "total", (json_int_t)j->total, "done_text", count_text(j->done), "total_text",
	    count_text(j->total));
	if (j->running) {
		json_object_set_new(v, "refresh", json_integer(1));
		json_object_set_new(v, "percent", json_integer(j->total ?
		    (json_int_t)(100 * j->done / j->total) : 0));
	} else {
		json_t *rep = import_report_json(&j->rep, r->api ? 20000 : 2000);

		json_object_set_new(rep, "failed", json_boolean(j->rc != WS_OK &&
		    j->rc != WS_EINVAL));
		if (!r->api)
			label_outcomes(r, json_object_get(rep, "lines"));
		json_object_set_new(v, "report", rep);
	}
	pthread_mutex_unlock(&jobs_mu);
	resp_value(w, v);
	w->tpl = "staff_import_job";
	w->title = N_("Import organizations");
	return WS_OK;
}
