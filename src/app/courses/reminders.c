/*
 * reminders.c -- the course's reminder job (CRS_REMIND_JOB): in every
 * cohort running at the server's clock (of a published course), each
 * participant who has not finished (completed, completion.c) is mailed
 *
 *   inactive  once a spell of CRS_INACTIVE_DAYS days with no lesson read
 *             and no quiz attempt in the course (counted from their last
 *             activity, else from when the cohort started or they were
 *             enrolled, whichever is later); active again, a later spell
 *             is another reminder;
 *   ending    once, in the last CRS_ENDING_DAYS days before the cohort
 *             ends.  One who gets it in a run is not also sent the
 *             inactivity reminder of that run (its spell is marked).
 *
 * A disabled account is mailed nothing, and one who left the cohort is no
 * longer its participant.  As the events' reminders do, a reminder goes
 * once because of the database: the run inserts its row of
 * course_reminders (cohort, person, kind, since) in the transaction that
 * queues the mail and mails only when the insert added the row, so two
 * nodes running the job at once mail each person once.  Each run queues
 * the next CRS_REMIND_EVERY seconds on, and says in its progress at which
 * clock it ran and how many it sent (what tests and staff read).
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/courses/courses_int.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/util.h"
#include "db/db.h"
#include "jobs/jobs.h"
#include "views/view.h"

#define DAY 86400

/* Claims reminder kind of person uid in cohort kid for since: *added 1
 * when it was not sent before. */
static enum ws_err
claim(struct db *d, int64_t kid, int64_t uid, const char *kind, int64_t since, int64_t now,
    int *added)
{
	struct db_q *q = db_start(d, ST_CRS_REMIND_CLAIM);
	int64_t n = 0;
	enum ws_err rc;

	db_bind_int(q, 1, kid);
	db_bind_int(q, 2, uid);
	db_bind_text(q, 3, kind);
	db_bind_int(q, 4, since);
	db_bind_int(q, 5, now);
	rc = db_exec(q, &n);
	db_end(q);
	*added = n == 1;
	return rc;
}

/* Mails participant x (a crs_table_rows row) reminder kind of stored
 * cohort k, in the caller's transaction. */
static enum ws_err
mail(struct app *app, struct db *d, json_t *k, json_t *x, const char *kind, int64_t days)
{
	const char *lang = app_mail_lang(app, json_string_value(json_object_get(x, "locale")),
	    NULL);
	int ending = strcmp(kind, "ending") == 0;
	char link[512], n[24];
	json_t *ctx;
	struct buf b;
	enum ws_err rc;

	snprintf(link, sizeof link, "%s/courses/%lld/progress", app->cfg.base_url, (long long)
	    json_integer_value(json_object_get(k, "course_id")));
	snprintf(n, sizeof n, "%lld", (long long)days);
	ctx = json_pack("{s:O,s:s,s:O,s:O,s:s,s:s,s:b,s:O,s:O}", "name", json_object_get(x,
	    "name"), "site", app->cfg.org_name, "course", json_object_get(k, "course_title"),
	    "cohort", json_object_get(k, "title"), "link", link, "days", n, "ending", ending,
	    "lessons_read", json_object_get(x, "lessons_read"), "lesson_count",
	    json_object_get(x, "lesson_count"));
	buf_init(&b, 64 * 1024);
	rc = view_render(app->views, "mail_course_reminder", ctx, lang, &b);
	if (rc == WS_OK)
		rc = app_mail(app, d, json_string_value(json_object_get(x, "email")),
		    view_tr(app->views, lang, ending ? N_("Your course's cohort ends soon") :
		    N_("Your course is waiting for you")), buf_str(&b));
	buf_free(&b);
	json_decref(ctx);
	return rc;
}

/* The reminders due in cohort kid at now, in one transaction; how many
 * went into *sent. */
static enum ws_err
remind_cohort(struct app *app, struct db *d, int64_t kid, int64_t now, int *sent)
{
	json_t *k = NULL, *rows = NULL, *lessons = NULL, *x;
	int64_t id, starts, ends, nl;
	enum ws_err rc;
	size_t i;

	if ((rc = crs_cohort_get(d, kid, 1, &k)) != WS_OK) {
		rc = rc == WS_ENOTFOUND ? WS_OK : rc;	/* deleted meanwhile */
		goto out;
	}
	if (strcmp(json_string_value(json_object_get(k, "course_status")), "published") != 0)
		goto out;	/* participants may not read a draft */
	id = json_integer_value(json_object_get(k, "course_id"));
	starts = json_integer_value(json_object_get(k, "starts_at"));
	ends = json_integer_value(json_object_get(k, "ends_at"));
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = crs_lessons(d, id, &lessons)) != WS_OK || (rc = crs_table_rows(d, kid, &rows)) !=
	    WS_OK)
		goto fail;
	nl = (int64_t)json_array_size(lessons);
	json_array_foreach(rows, i, x) {
		int64_t uid = json_integer_value(json_object_get(x, "user_id"));
		int64_t since = crs_active_since(json_integer_value(json_object_get(x,
		    "enrolled_at")), json_integer_value(json_object_get(x, "last_read")),
		    json_integer_value(json_object_get(x, "last_attempt")),
		    json_integer_value(json_object_get(x, "last_post")), starts);
		int added = 0, ended = 0;

		if (strcmp(json_string_value(json_object_get(x, "status")), "active") != 0 ||
		    json_is_true(json_object_get(x, "completed")))
			continue;
		json_object_set_new(x, "lesson_count", json_integer(nl));
		if (now >= ends - CRS_ENDING_DAYS * DAY) {
			if ((rc = claim(d, kid, uid, "ending", ends, now, &added)) != WS_OK)
				goto fail;
			if (added) {
				if ((rc = mail(app, d, k, x, "ending", (ends - now + DAY - 1) / DAY)) !=
				    WS_OK)
					goto fail;
				(*sent)++;
				ended = 1;
			}
		}
		if (now - since >= CRS_INACTIVE_DAYS * DAY) {
			if ((rc = claim(d, kid, uid, "inactive", since, now, &added)) != WS_OK)
				goto fail;
			if (added && !ended) {
				if ((rc = mail(app, d, k, x, "inactive", (now - since) / DAY)) != WS_OK)
					goto fail;
				(*sent)++;
			}
		}
	}
	rc = db_commit(d);
	if (rc == WS_OK)
		goto out;
fail:
	db_rollback(d);
out:
	json_decref(k);
	json_decref(rows);
	json_decref(lessons);
	return rc;
}

enum ws_err
crs_remind_run(struct job_ctx *c, const struct job *j)
{
	struct app *app = job_arg(c);
	struct db *d = db_acquire(job_pool(c));
	int64_t now = now_s();
	json_t *ids = json_array(), *x;
	struct db_q *q;
	enum ws_err rc;
	int sent = 0;
	size_t i;
	char res[96];

	(void)j;
	q = db_start(d, ST_CRS_RUNNING);
	db_bind_int(q, 1, now);
	db_bind_int(q, 2, now);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(ids, json_integer(db_col_int(q, 0)));
	db_end(q);
	rc = rc == WS_EDONE ? WS_OK : rc;
	json_array_foreach(ids, i, x)
		if (rc == WS_OK)
			rc = remind_cohort(app, d, json_integer_value(x), now, &sent);
	json_decref(ids);
	/* the next run; a failed one is retried by the job's back-off */
	if (rc == WS_OK)
		rc = job_enqueue(d, CRS_REMIND_JOB, NULL, now + CRS_REMIND_EVERY, NULL);
	db_release(job_pool(c), d);
	if (rc != WS_OK)
		return rc;
	if (sent)
		app_jobs_kick(app);
	snprintf(res, sizeof res, "{\"clock\":%lld,\"sent\":%d}", (long long)now, sent);
	job_result(c, res);
	return job_progress(c, res);
}
