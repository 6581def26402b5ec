/*
 * mail.c -- staff writing to an event's people: POST
 * /api/v1/events/{id}/mail and the form of the registrations page
 * (staff.c), and the job that sends it.
 *
 * A message goes to the people whose place is confirmed, and to those on
 * the waiting list when staff ask.  Who they are is fixed when staff send
 * it: one transaction stores the message, a row per recipient, the audit
 * entry and the job, so the answer's count is the number mailed.  The job
 * (ev_msg_run) mails them in batches, each person in the transaction that
 * claims their row (sent_at from NULL to now): a person whose row another
 * run claimed is skipped, so nobody is mailed twice when the job runs
 * again after a lapsed lease or on two nodes at once (on PostgreSQL the
 * second UPDATE waits for the first to commit and then changes nothing).
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/events/events_int.h"
#include "app/events/notify.h"
#include "core/util.h"
#include "db/db.h"
#include "jobs/jobs.h"
#include "views/view.h"

#define MSG_BATCH 100	/* people one transaction of the job mails */

/* Characters (code points) of valid UTF-8 s. */
static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* Text field k of r's body, trimmed, in r's arena; NULL when it is there
 * but not text, "" when absent. */
static const char *
text_of(struct req *r, const char *k)
{
	json_t *x = json_object_get(r->in, k);
	const char *s, *e;

	if (!x || json_is_null(x))
		return "";
	if (!json_is_string(x) || strlen(json_string_value(x)) != json_string_length(x))
		return NULL;
	s = json_string_value(x);
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
		e--;
	return arena_strndup(r->a, s, (size_t)(e - s));
}

void
ev_mail_input(struct req *r, json_t *errors, const char **subject, const char **body,
    int *waitlisted)
{
	json_t *w = json_object_get(r->in, "include_waitlisted");
	const char *s;

	*subject = text_of(r, "subject");
	if (!*subject || !utf8_valid_text(*subject, strlen(*subject), 0))
		json_object_set_new(errors, "subject", json_string(view_tr(r->app->views,
		    r->locale, N_("The subject is one line of text."))));
	else if (!**subject)
		json_object_set_new(errors, "subject", json_string(view_tr(r->app->views,
		    r->locale, N_("Write a subject."))));
	else if (chars(*subject) > EV_MSG_SUBJECT_MAX)
		json_object_set_new(errors, "subject", json_string(view_tr(r->app->views,
		    r->locale, N_("Keep the subject to 200 characters."))));
	*body = text_of(r, "body");
	if (!*body || !utf8_valid_text(*body, strlen(*body), 1))
		json_object_set_new(errors, "body", json_string(view_tr(r->app->views,
		    r->locale, N_("The message must be text."))));
	else if (!**body)
		json_object_set_new(errors, "body", json_string(view_tr(r->app->views,
		    r->locale, N_("Write the message."))));
	else if (chars(*body) > EV_MSG_BODY_MAX)
		json_object_set_new(errors, "body", json_string(view_tr(r->app->views,
		    r->locale, N_("Keep the message to 20,000 characters."))));
	/* JSON true or false; a form's ticked box sends "1" (or "on") */
	s = json_string_value(w);
	*waitlisted = json_is_true(w) || (s && (strcmp(s, "1") == 0 || strcmp(s, "on") == 0 ||
	    strcmp(s, "true") == 0));
	if (w && !json_is_null(w) && !json_is_boolean(w) && !(s && (*waitlisted ||
	    strcmp(s, "") == 0 || strcmp(s, "0") == 0 || strcmp(s, "false") == 0)))
		json_object_set_new(errors, "include_waitlisted", json_string(view_tr(
		    r->app->views, r->locale, N_("Say true or false."))));
}

enum ws_err
ev_mail_send(struct req *r, int64_t id, json_t *ev, const char *subject, const char *body,
    int waitlisted, int64_t *n)
{
	struct db *d = req_db(r);
	int64_t mid = 0;
	char payload[64];
	enum ws_err rc;

	*n = 0;
	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	if ((rc = ev_msg_insert(d, id, r->user->id, subject, body, waitlisted, &mid, n)) !=
	    WS_OK)
		goto out;
	snprintf(payload, sizeof payload, "{\"message\":%lld}", (long long)mid);
	if (*n > 0 && (rc = app_job(r->app, d, EV_MSG_JOB, payload, NULL)) != WS_OK)
		goto out;
	app_audit_about(r->app, d, r->user->id, 0, 0, "event.mailed", r->ip,
	    arena_printf(r->a, "event %lld: %s: \"%s\" to %lld people%s", (long long)id,
	    json_string_value(json_object_get(ev, "title")), subject, (long long)*n,
	    waitlisted ? " (waiting list included)" : ""));
	rc = db_commit(d);
out:
	if (rc != WS_OK)
		db_rollback(d);
	else if (*n > 0)
		app_jobs_kick(r->app);
	return rc;
}

enum ws_err
h_event_mail(struct req *r, struct resp *w)
{
	struct ev_viewer v = { 0, 1, 1 };
	json_t *ev = NULL, *errors = json_object();
	const char *subject, *body;
	int64_t id, n;
	int waitlisted;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK) {
		rc = WS_ENOTFOUND;
		goto out;
	}
	if ((rc = ev_get(req_db(r), &v, id, &ev)) != WS_OK)
		goto out;
	ev_mail_input(r, errors, &subject, &body, &waitlisted);
	if (json_object_size(errors)) {
		w->errors = errors;
		errors = NULL;
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = ev_mail_send(r, id, ev, subject, body, waitlisted, &n)) != WS_OK)
		goto out;
	resp_value(w, json_pack("{s:I}", "recipients", (json_int_t)n));
	w->status = 202;
out:
	json_decref(ev);
	json_decref(errors);
	return rc;
}

/* ---- the job ------------------------------------------------------------------ */

/* One batch of message mid (stored msg) about stored event ev: *sent how
 * many this run mailed, *left whether any were still to do. */
static enum ws_err
msg_batch(struct app *app, struct db *d, int64_t mid, json_t *msg, json_t *ev, int *sent,
    int *left)
{
	json_t *uids = NULL, *x;
	enum ws_err rc;
	size_t i;

	*left = 0;
	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	if ((rc = ev_msg_pending(d, mid, MSG_BATCH, &uids)) != WS_OK)
		goto out;
	*left = json_array_size(uids) > 0;
	json_array_foreach(uids, i, x) {
		int claimed = 0;

		if ((rc = ev_msg_claim(d, mid, json_integer_value(x), &claimed)) != WS_OK)
			break;
		if (!claimed)
			continue;	/* another run mailed them */
		if ((rc = ev_mail_message(app, d, ev, json_integer_value(x),
		    json_string_value(json_object_get(msg, "subject")),
		    json_string_value(json_object_get(msg, "body")))) != WS_OK)
			break;
		(*sent)++;
	}
	if (rc == WS_OK)
		rc = db_commit(d);
out:
	if (rc != WS_OK)
		db_rollback(d);
	json_decref(uids);
	return rc;
}

enum ws_err
ev_msg_run(struct job_ctx *c, const struct job *j)
{
	struct app *app = job_arg(c);
	struct ev_viewer staff = { 0, 1, 1 };
	json_t *p, *msg = NULL, *ev = NULL;
	json_error_t err;
	struct db *d;
	int64_t mid;
	int sent = 0, left = 1;
	enum ws_err rc;
	char res[64] = "{}";

	p = json_loads(j->payload, 0, &err);
	mid = json_integer_value(json_object_get(p, "message"));
	json_decref(p);
	if (mid < 1) {
		job_error(c, "no message in the payload");
		return WS_EINVAL;
	}
	d = db_acquire(job_pool(c));
	rc = ev_msg_get(d, mid, &msg);
	if (rc == WS_OK)
		rc = ev_get(d, &staff, json_integer_value(json_object_get(msg, "event_id")), &ev);
	while (rc == WS_OK && left) {
		rc = msg_batch(app, d, mid, msg, ev, &sent, &left);
		snprintf(res, sizeof res, "{\"message\":%lld,\"sent\":%d}", (long long)mid, sent);
		if (rc == WS_OK && left)
			rc = job_progress(c, res);
		if (rc == WS_OK && sent)
			app_jobs_kick(app);	/* the outbox's jobs */
	}
	db_release(job_pool(c), d);
	json_decref(msg);
	json_decref(ev);
	if (rc == WS_ENOTFOUND)	/* the event went, and its message with it */
		rc = WS_OK;
	if (rc == WS_OK)
		job_result(c, res);
	return rc;
}
