/*
 * reminders.c -- the reminder job (notify.h): 7 days and 1 day before an
 * event starts, each person with a confirmed place is mailed once.
 *
 * Every node runs the job, and two may run it at the same moment.  What
 * makes a reminder go once is the database, not the job: the run inserts
 * its row of event_reminders (key: registration, kind, the start it was
 * for) in the transaction that queues the mail, and mails only when the
 * insert added the row; a second node's insert finds it there (on
 * PostgreSQL it waits for the first to commit, then adds nothing), so its
 * transaction queues no mail.  An event moved to another time gets its
 * reminders anew; one cancelled or a place cancelled gets none, nor does
 * a person who may no longer see the event (notify.c).
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/events/events_int.h"
#include "app/events/notify.h"
#include "core/log.h"
#include "core/util.h"
#include "db/db.h"
#include "jobs/jobs.h"

#define REMIND_BATCH 200	/* reminders one transaction sends */

/* One batch of the reminders due at now: *sent how many were mailed,
 * *more whether there may be others. */
static enum ws_err
remind_batch(struct app *app, struct db *d, int64_t now, int *sent, int *more)
{
	json_t *due = json_array(), *x;
	struct db_q *q;
	enum ws_err rc;
	size_t i;

	*more = 0;
	if ((rc = db_begin(d)) != WS_OK) {
		json_decref(due);
		return rc;
	}
	q = db_start(d, ST_EV_REMIND_DUE);
	db_bind_int(q, 1, now);
	db_bind_int(q, 2, now);
	db_bind_int(q, 3, now);
	db_bind_int(q, 4, now);
	db_bind_int(q, 5, REMIND_BATCH);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(due, json_pack("{s:I,s:I,s:I,s:s}",
		    "rid", (json_int_t)db_col_int(q, EV_REMIND_C_REG_ID),
		    "event", (json_int_t)db_col_int(q, EV_REMIND_C_EVENT_ID),
		    "start", (json_int_t)db_col_int(q, EV_REMIND_C_START_AT),
		    "kind", db_col_text(q, EV_REMIND_C_KIND)));
	db_end(q);
	rc = rc == WS_EDONE ? WS_OK : rc;
	json_array_foreach(due, i, x) {
		int64_t ev = json_integer_value(json_object_get(x, "event"));
		int64_t rid = json_integer_value(json_object_get(x, "rid"));
		const char *kind = json_string_value(json_object_get(x, "kind"));
		json_t *g = NULL;
		int64_t added = 0;

		if (rc != WS_OK)
			break;
		q = db_start(d, ST_EV_REMIND_CLAIM);
		db_bind_int(q, 1, rid);
		db_bind_text(q, 2, kind);
		db_bind_int(q, 3, json_integer_value(json_object_get(x, "start")));
		db_bind_int(q, 4, now);
		rc = db_exec(q, &added);
		db_end(q);
		if (rc != WS_OK || added != 1)
			continue;	/* another node sent it */
		if ((rc = ev_reg_get(d, ev, rid, &g)) == WS_OK)
			rc = ev_remind_mail(app, d, ev,
			    json_integer_value(json_object_get(g, "user_id")), kind);
		json_decref(g);
		if (rc == WS_OK)
			(*sent)++;
		else if (rc == WS_ENOTFOUND)
			rc = WS_OK;	/* an event no longer theirs to see: no reminder */
	}
	if (rc == WS_OK && json_array_size(due) == REMIND_BATCH)
		*more = 1;
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK)
		db_rollback(d);
	json_decref(due);
	return rc;
}

enum ws_err
ev_remind_run(struct job_ctx *c, const struct job *j)
{
	struct app *app = job_arg(c);
	struct db *d = db_acquire(job_pool(c));
	int64_t now = now_s();
	int sent = 0, more = 1;
	enum ws_err rc = WS_OK;
	char res[96];

	(void)j;
	while (more && rc == WS_OK) {
		int before = sent;

		rc = remind_batch(app, d, now, &sent, &more);
		if (sent == before)
			more = 0;	/* a batch another node had sent: it sends the rest */
	}
	/* the next run; a failed one is retried by the job's back-off */
	if (rc == WS_OK)
		rc = job_enqueue(d, EV_REMIND_JOB, NULL, now + EV_REMIND_EVERY, NULL);
	db_release(job_pool(c), d);
	if (rc != WS_OK)
		return rc;
	if (sent)
		app_jobs_kick(app);
	/* what the run did and at what clock: staff see it, tests wait on it */
	snprintf(res, sizeof res, "{\"clock\":%lld,\"sent\":%d}", (long long)now, sent);
	job_result(c, res);
	return job_progress(c, res);
}
