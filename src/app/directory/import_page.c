/*
 * import_page.c -- the staff page of the CSV import (import.h): the form,
 * the upload, which runs import_orgs() as a background job, and the job's
 * page, which shows its progress and then its report.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/directory/import.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"
#include "files/files.h"
#include "http/form.h"
#include "jobs/jobs.h"
#include "views/view.h"

/*
 * An upload is stored in the database (src/files, in chunks) and imported by
 * a background job (src/jobs, kind "import_orgs"), so any node shows its
 * progress and report and a restart loses neither.  The page refreshes
 * itself (<meta http-equiv="refresh">, no JavaScript) while the job runs,
 * then shows the report, kept with the job, and links the uploaded file,
 * which staff may download (h_import_file) as long as it is kept: the
 * files of imports are kept as long as done jobs are (KEEP_FILES), and
 * each upload deletes the older ones.  One import runs at a time: a
 * second upload while one is queued or running is refused (409).
 */
#define JOB_KIND "import_orgs"
#define PAGE_LINES 2000		/* lines of the report a page shows */
#define API_LINES 20000		/* lines kept with the job, and given to the API */
#define KEEP_FILES (30 * 24 * 3600)	/* uploaded files are kept so long (jobs.c) */

struct run {
	struct job_ctx *c;
	char *data;
	size_t len, cap;
};

static int
collect(void *arg, const void *p, size_t n)
{
	struct run *x = arg;

	if (x->len + n > x->cap)
		return 1;
	memcpy(x->data + x->len, p, n);
	x->len += n;
	return 0;
}

static void
progress(void *arg, size_t done, size_t total)
{
	struct run *x = arg;
	char v[96];

	snprintf(v, sizeof v, "{\"done\":%zu,\"total\":%zu}", done, total);
	if (job_progress(x->c, v) != WS_OK)
		log_warn("import: progress not recorded");
}

enum ws_err
import_job_run(struct job_ctx *c, const struct job *j)
{
	struct app *app = job_arg(c);
	json_error_t jerr;
	json_t *p = json_loads(j->payload, 0, &jerr), *rep_json;
	struct import_report rep;
	struct run x = { c, NULL, 0, 0 };
	struct import_opts o = { 0 };
	struct file_info fi;
	struct db *d;
	int64_t file_id = json_integer_value(json_object_get(p, "file_id"));
	enum ws_err rc;
	char *text;

	o.dry_run = json_is_true(json_object_get(p, "dry_run"));
	o.user_id = json_integer_value(json_object_get(p, "user_id"));
	o.ip = json_string_value(json_object_get(p, "ip"));
	o.source = json_string_value(json_object_get(p, "name"));
	o.progress = progress;
	o.arg = &x;
	d = db_acquire(app->pool);
	rc = file_stat(d, file_id, "import", &fi);
	if (rc == WS_OK && (fi.size < 0 || (uint64_t)fi.size > IMPORT_MAX_BYTES))
		rc = WS_ETOOBIG;
	if (rc == WS_OK) {
		x.cap = (size_t)fi.size;
		x.data = xmalloc(x.cap + 1);
		rc = file_read(d, &fi, 0, -1, collect, &x);
	}
	if (rc != WS_OK) {
		job_error(c, "the uploaded file cannot be read: %s", ws_strerror(rc));
		goto out;
	}
	rc = import_orgs(app, d, x.data, x.len, &o, &rep);
	rep_json = import_report_json(&rep, API_LINES);
	import_report_free(&rep);
	json_object_set_new(rep_json, "failed", json_boolean(rc != WS_OK && rc != WS_EINVAL));
	text = json_dumps(rep_json, JSON_COMPACT);
	json_decref(rep_json);
	if (rc == WS_OK || rc == WS_EINVAL) {	/* a refused file is a report too */
		job_result(c, text);	/* the file stays for staff to download */
		rc = WS_OK;
	} else {	/* what was committed stays: the report says what */
		if (job_progress(c, text) != WS_OK)
			log_warn("import: report not recorded");
		job_error(c, "the database failed during the import; what was committed before "
		    "stays (see the report)");
	}
	free(text);
out:
	db_release(app->pool, d);
	free(x.data);
	json_decref(p);
	return rc;
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
	return json_pack("{s:I}", "max_mb", (json_int_t)(http_upload_max(&r->app->cfg,
	    UPLOAD_IMPORT) / CONFIG_MB));
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
	const char *dry = req_field(r, "dry_run");
	struct db *d = req_db(r);
	struct db_q *q;
	json_t *payload;
	char *text;
	int64_t busy = 0, file_id = 0, job_id = 0;
	enum ws_err rc;

	u = req_upload(r, "file");
	if (u && (u->too_big || !u->id)) {	/* over --import-max, within the body's ceiling */
		w->detail = N_("The file is larger than the import limit.");
		return WS_ETOOBIG;
	}
	if (!u) {
		json_t *errors = json_pack("{s:s}", "file", view_tr(r->app->views, r->locale,
		    N_("Choose a CSV file to import.")));

		rc = form_fail(r, w, "staff_import", N_("Import organizations"), NULL, errors);
		resp_value(w, form_value(r));
		json_decref(errors);
		return rc;
	}
	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	q = db_start(d, ST_JOB_ACTIVE);
	db_bind_text(q, 1, JOB_KIND);
	if ((rc = db_step(q)) == WS_OK)
		busy = db_col_int(q, 0);
	db_end(q);
	if (rc == WS_OK && busy) {
		db_rollback(d);
		w->detail = N_("An import is running: wait for it to finish, then try again.");
		return WS_ECONFLICT;
	}
	if (rc == WS_OK)	/* the files of imports of long ago go */
		rc = file_purge(d, "import", now_s() - KEEP_FILES);
	if (rc == WS_OK && (rc = file_claim(d, u->id, "import", "text/csv")) == WS_OK)
		file_id = u->id;	/* streamed in as the form arrived (files.h) */
	payload = json_pack("{s:I,s:b,s:I,s:s,s:s}", "file_id", (json_int_t)file_id,
	    "dry_run", dry && *dry && strcmp(dry, "0") != 0, "user_id",
	    (json_int_t)r->user->id, "ip", r->ip, "name", u->filename && *u->filename ?
	    u->filename : "upload.csv");
	text = json_dumps(payload, JSON_COMPACT);
	json_decref(payload);
	if (rc == WS_OK)
		rc = app_job(r->app, d, JOB_KIND, text, &job_id);
	free(text);
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK) {
		db_rollback(d);
		return rc;
	}
	app_jobs_kick(r->app);
	if (r->api) {	/* 202: follow Location until "running" is false */
		const char *url = arena_printf(r->a, "/api/v1/staff/organizations/import/%lld",
		    (long long)job_id);

		resp_value(w, json_pack("{s:s,s:s,s:b}", "id", arena_printf(r->a, "%lld",
		    (long long)job_id), "url", url, "running", 1));
		resp_header(w, "Location", url);
		w->status = 202;
	} else {
		resp_redirect(w, arena_printf(r->a, "/staff/organizations/import/%lld",
		    (long long)job_id));
	}
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

/* Keeps the first max lines of a report (errors come first); says how many
 * more there are. */
static void
trim_lines(json_t *rep, size_t max)
{
	json_t *lines = json_object_get(rep, "lines");
	size_t n = json_array_size(lines), more;

	if (n <= max)
		return;
	more = n - max + (size_t)json_integer_value(json_object_get(rep, "more"));
	while (json_array_size(lines) > max)
		json_array_remove(lines, json_array_size(lines) - 1);
	json_object_set_new(rep, "more", json_integer((json_int_t)more));
}

/* The uploaded file of import job r->params[0] and its name into *file_id
 * and *name (in r's arena); WS_ENOTFOUND when there is no such import. */
static enum ws_err
import_file_of(struct req *r, int64_t *file_id, const char **name)
{
	struct db_q *q;
	json_t *payload = NULL;
	json_error_t jerr;
	int64_t id;
	enum ws_err rc;

	*file_id = 0;
	*name = "upload.csv";
	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	q = db_start(req_db(r), ST_JOB_GET);
	db_bind_int(q, 1, id);
	rc = db_step(q);
	if (rc == WS_OK && strcmp(db_col_text(q, JOB_C_KIND), JOB_KIND) == 0)
		payload = json_loads(db_col_text(q, JOB_C_PAYLOAD), 0, &jerr);
	db_end(q);
	if (rc != WS_OK && rc != WS_EDONE)
		return rc;
	*file_id = json_integer_value(json_object_get(payload, "file_id"));
	if (json_string_value(json_object_get(payload, "name")))
		*name = arena_strdup(r->a, json_string_value(json_object_get(payload, "name")));
	json_decref(payload);
	return *file_id > 0 ? WS_OK : WS_ENOTFOUND;
}

/* GET /staff/organizations/import/{job}/file: the file as it was uploaded,
 * under its own name, as a download. */
enum ws_err
h_import_file(struct req *r, struct resp *w)
{
	const char *name;
	int64_t file_id;
	enum ws_err rc;

	if ((rc = import_file_of(r, &file_id, &name)) != WS_OK)
		return rc;
	return app_file_send(r, w, file_id, "import", 1, name);
}

enum ws_err
h_import_job(struct req *r, struct resp *w)
{
	struct db *d = req_db(r);
	struct db_q *q;
	json_t *v, *payload = NULL, *progress = NULL, *result = NULL, *rep = NULL;
	json_error_t jerr;
	const char *status;
	int64_t id, done, total;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	q = db_start(d, ST_JOB_GET);
	db_bind_int(q, 1, id);
	rc = db_step(q);
	if (rc == WS_OK && strcmp(db_col_text(q, JOB_C_KIND), JOB_KIND) != 0)
		rc = WS_EDONE;
	if (rc != WS_OK) {
		db_end(q);
		return rc == WS_EDONE ? WS_ENOTFOUND : rc;
	}
	payload = json_loads(db_col_text(q, JOB_C_PAYLOAD), 0, &jerr);
	status = arena_strdup(r->a, db_col_text(q, JOB_C_STATUS));
	if (!db_col_null(q, JOB_C_PROGRESS))
		progress = json_loads(db_col_text(q, JOB_C_PROGRESS), 0, &jerr);
	if (!db_col_null(q, JOB_C_RESULT))
		result = json_loads(db_col_text(q, JOB_C_RESULT), 0, &jerr);
	db_end(q);
	done = json_integer_value(json_object_get(progress, "done"));
	total = json_integer_value(json_object_get(progress, "total"));
	if (strcmp(status, "done") == 0)
		rep = json_incref(result);
	else if (strcmp(status, "failed") == 0)	/* the report, or why there is none */
		rep = json_object_get(progress, "counts") ? json_incref(progress) :
		    json_pack("{s:b,s:{},s:[]}", "failed", 1, "counts", "lines");
	if (rep) {
		done = total = json_integer_value(json_object_get(rep, "total_lines"));
		json_object_set_new(rep, "failed", json_boolean(json_is_true(json_object_get(rep,
		    "failed")) || strcmp(status, "failed") == 0));
	}
	v = json_pack("{s:s,s:s,s:b,s:b,s:I,s:I,s:o,s:o}", "id", r->params[0], "file",
	    json_string_value(json_object_get(payload, "name")) ?
	    json_string_value(json_object_get(payload, "name")) : "", "dry_run",
	    json_is_true(json_object_get(payload, "dry_run")), "running", rep == NULL,
	    "done", (json_int_t)done, "total", (json_int_t)total, "done_text",
	    count_text((size_t)done), "total_text", count_text((size_t)total));
	if (!rep) {
		json_object_set_new(v, "refresh", json_integer(1));
		json_object_set_new(v, "percent", json_integer(total ? 100 * done / total : 0));
	} else {
		if (!r->api) {
			trim_lines(rep, PAGE_LINES);
			label_outcomes(r, json_object_get(rep, "lines"));
		}
		json_object_set_new(v, "report", rep);
	}
	{	/* the uploaded file, while it is kept */
		struct file_info fi;
		const char *name;
		int64_t file_id;

		if (import_file_of(r, &file_id, &name) == WS_OK &&
		    file_stat(d, file_id, "import", &fi) == WS_OK)
			json_object_set_new(v, "file_url", json_string(arena_printf(r->a,
			    "/staff/organizations/import/%s/file", r->params[0])));
	}
	json_decref(payload);
	json_decref(progress);
	json_decref(result);
	resp_value(w, v);
	w->tpl = "staff_import_job";
	w->title = N_("Import organizations");
	return WS_OK;
}
