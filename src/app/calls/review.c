/*
 * review.c -- staff reviewing a call's applications: scores by reviewer,
 * decisions in bulk, and the applications as CSV.
 *
 * Each reviewer scores an application against the call's criteria, every
 * criterion 0 to 5, with a comment; scoring again replaces their scores.
 * Their weighted mean (sum of weight x score over sum of weights) is kept
 * with the scores, so the list sorts by the mean of the reviewers' means
 * and shows the spread between the highest and the lowest.
 *
 * Decisions wait for the call to close: one on a call still open is a 409
 * naming its closing time.  Each application named is decided in its own
 * transaction, which first takes the call (call_lock), so the places are
 * counted exactly however many decide at once:
 *
 *   accept    submitted or waitlisted -> accepted, while the call has places
 *             (none: no limit); the accepted of a call with an event are
 *             registered for it by the events module (events_enrol), and
 *             those of a course_cohort call enrolled in the cohorts that
 *             name it (courses_enrol_from_call); in the organization's
 *             history; the accepted of the call of a pilot initiative
 *             become its participants (initiatives_call_accepted), in the
 *             same transaction.
 *   waitlist  submitted -> waitlisted.
 *   decline   submitted or waitlisted -> declined.
 *
 * Deciding what already is so changes nothing; each change is mailed to
 * the applicant in their language, with staff's reason when given; an
 * organization's application is the organization's, so its decision is
 * mailed to its admins now, whoever filed it.  One whose filer no longer
 * acts for it (no admin now, or the organization suspended) is decided
 * all the same, in the organization's history, but its filer is neither
 * mailed nor registered for the event: they no longer speak for it.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/calls/calls_int.h"
#include "app/courses/courses.h"
#include "app/directory/directory.h"
#include "app/events/events.h"
#include "app/initiatives/initiatives.h"
#include "app/orgs/orgs.h"
#include "core/buf.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

#define CALL_REASON_MAX 2000	/* characters of a decision's reason */

static const char *const decisions[] = { "accept", "waitlist", "decline", NULL };

/* msg in r's language. */
static const char *
tr(struct req *r, const char *msg)
{
	return view_tr(r->app->views, r->locale, msg);
}

/* Whether v is text of 0 to max bytes, valid UTF-8 (newlines allowed). */
static int
text_ok(json_t *v, size_t max)
{
	const char *s = json_string_value(v);

	return s && json_string_length(v) <= max && strlen(s) == json_string_length(v) &&
	    utf8_valid_text(s, strlen(s), 1);
}

/* ---- scores --------------------------------------------------------------- */

/*
 * The scores r sends (r->in's scores: {criterion id: 0-5}, every one of
 * stored call c's criteria) as stored, their weighted mean in hundredths
 * into *weighted; a message per criterion that fails in errors, under
 * "scores.<id>".  New reference.
 */
static json_t *
scores_of(struct req *r, json_t *c, json_t *errors, int64_t *weighted)
{
	json_t *in = json_object_get(r->in, "scores"), *out = json_object(), *k;
	int64_t sum = 0, wsum = 0;
	size_t i;

	*weighted = 0;
	json_array_foreach(json_object_get(c, "criteria"), i, k) {
		const char *id = json_string_value(json_object_get(k, "id"));
		json_t *s = json_is_object(in) ? json_object_get(in, id) : NULL;
		int64_t wt = json_integer_value(json_object_get(k, "weight"));

		if (!json_is_integer(s) || json_integer_value(s) < 0 ||
		    json_integer_value(s) > CALL_SCORE_MAX) {
			json_object_set_new(errors, arena_printf(r->a, "scores.%s", id),
			    json_string(tr(r, N_("Score this criterion from 0 to 5."))));
			continue;
		}
		json_object_set(out, id, s);
		sum += wt * json_integer_value(s);
		wsum += wt;
	}
	if (wsum)
		*weighted = (int64_t)llround(100.0 * (double)sum / (double)wsum);
	return out;
}

enum ws_err
h_call_app_score(struct req *r, struct resp *w)
{
	json_t *c = NULL, *a = NULL, *scores = NULL, *errors = json_object(), *now = NULL;
	json_t *comment = json_object_get(r->in, "comment");
	struct db *d = req_db(r);
	const char *st;
	int64_t id, aid, weighted;
	enum ws_err rc;

	if ((rc = call_param(r, &id, &c)) != WS_OK)
		goto out;
	if (parse_int(r->params[1], 1, INT64_MAX, &aid) != WS_OK ||
	    (rc = capp_get(d, id, aid, &a)) == WS_ENOTFOUND) {
		rc = WS_ENOTFOUND;
		goto out;
	}
	if (rc != WS_OK)
		goto out;
	st = json_string_value(json_object_get(a, "status"));
	if (strcmp(st, "draft") == 0 || strcmp(st, "withdrawn") == 0) {
		w->detail = N_("Only a submitted application is scored.");
		rc = WS_ECONFLICT;
		goto out;
	}
	if (json_integer_value(json_object_get(a, "user_id")) == r->user->id) {
		w->detail = N_("You do not score your own application.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	if (json_array_size(json_object_get(c, "criteria")) == 0) {
		w->detail = N_("This call has no criteria to score against.");
		rc = WS_ECONFLICT;
		goto out;
	}
	scores = scores_of(r, c, errors, &weighted);
	if (comment && !json_is_null(comment) && (!text_ok(comment, CALL_COMMENT_MAX * 4) ||
	    utf8_chars(json_string_value(comment)) > CALL_COMMENT_MAX))
		json_object_set_new(errors, "comment", json_string(tr(r, N_("Write a comment of "
		    "at most 5000 characters."))));
	if (json_object_size(errors)) {
		w->errors = errors;
		errors = NULL;
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = call_score_put(d, aid, r->user->id, scores, json_string_value(comment),
	    weighted)) == WS_OK) {
		app_audit_about(r->app, d, r->user->id, 0, 0, "call.scored", r->ip,
		    arena_printf(r->a, "call %lld: application %lld (%.2f)", (long long)id,
		    (long long)aid, (double)weighted / 100.0));
		rc = db_commit(d);
	}
	if (rc != WS_OK) {
		db_rollback(d);
		goto out;
	}
	if ((rc = capp_get(d, id, aid, &now)) == WS_OK)
		resp_value(w, capp_view(r, now));
out:
	json_decref(c);
	json_decref(a);
	json_decref(scores);
	json_decref(errors);
	json_decref(now);
	return rc;
}

/* ---- decisions ------------------------------------------------------------ */

/*
 * Mails what became of stored application a (status: accepted,
 * waitlisted, declined) with staff's reason (may be ""), and whether its
 * applicant was registered for the call's event (whose own mail gives its
 * details), inside the caller's transaction: to the applicant, or for an
 * organization's application to the people who speak for it now (its
 * admins, whoever filed it), each in their language.
 */
static enum ws_err
mail_decision(struct req *r, struct db *d, json_t *c, json_t *a, const char *status,
    const char *reason, int event)
{
	int64_t org = json_integer_value(json_object_get(a, "organization_id"));
	const char *subj, *lang;
	struct buf body;
	struct user u;
	json_t *ctx;
	enum ws_err rc;

	subj = strcmp(status, "accepted") == 0 ? N_("Your application is accepted") :
	    strcmp(status, "waitlisted") == 0 ? N_("Your application is on the waiting list") :
	    N_("About your application");
	ctx = json_pack("{s:s,s:O,s:b}", "site", r->app->cfg.org_name, "title",
	    json_object_get(c, "title"), status, 1);
	if (reason && *reason)
		json_object_set_new(ctx, "reason", json_string(reason));
	if (event)
		json_object_set_new(ctx, "event", json_true());
	if (org) {
		rc = org_mail_admins(r, d, org, "mail_call_decision", subj, ctx, NULL);
		json_decref(ctx);
		return rc;
	}
	if (user_by_id(d, r->a, json_integer_value(json_object_get(a, "user_id")), &u) != WS_OK ||
	    !u.email || !*u.email) {
		json_decref(ctx);
		return WS_OK;
	}
	json_object_set_new(ctx, "name", json_string(u.name ? u.name : ""));
	lang = app_mail_lang(r->app, u.locale, NULL);
	buf_init(&body, 64 * 1024);
	rc = view_render(r->app->views, "mail_call_decision", ctx, lang, &body);
	if (rc == WS_OK)
		rc = app_mail(r->app, d, u.email, view_tr(r->app->views, lang, subj),
		    buf_str(&body));
	buf_free(&body);
	json_decref(ctx);
	return rc;
}

/* Whether person uid acts now for organization org: one of its admins,
 * and it is not rejected or suspended (apply.c's capp_mine). */
static int
filer_acts(struct db *d, int64_t uid, int64_t org)
{
	json_t *mine = NULL, *o;
	const char *st;
	size_t i;
	int ok = 0;

	if (orgs_of_person(d, uid, &mine) == WS_OK)
		json_array_foreach(mine, i, o) {
			st = json_string_value(json_object_get(o, "status"));
			ok |= json_integer_value(json_object_get(o, "id")) == org &&
			    json_is_true(json_object_get(o, "admin")) && st &&
			    strcmp(st, "rejected") != 0 && strcmp(st, "suspended") != 0;
		}
	json_decref(mine);
	return ok;
}

/*
 * Inside a transaction with stored call c locked: takes decision on
 * stored application a.  WS_OK with its status now in *now, or
 * WS_ECONFLICT with why (English, to translate) in *why.
 */
static enum ws_err
decide(struct req *r, struct db *d, json_t *c, json_t *a, const char *decision,
    const char *reason, const char **now, const char **why)
{
	const char *cur = json_string_value(json_object_get(a, "status"));
	int64_t aid = json_integer_value(json_object_get(a, "id"));
	int64_t uid = json_integer_value(json_object_get(a, "user_id"));
	int64_t org = json_integer_value(json_object_get(a, "organization_id"));
	json_t *places = json_object_get(c, "places"), *ev = json_object_get(c, "event_id");
	const char *want, *reg = NULL;
	enum ws_err rc;
	int64_t n;
	int enrol;

	*now = NULL;
	*why = NULL;
	want = strcmp(decision, "accept") == 0 ? "accepted" : strcmp(decision, "waitlist") == 0 ?
	    "waitlisted" : "declined";
	if (uid == r->user->id) {
		*why = N_("You do not decide on your own application.");
		return WS_ECONFLICT;
	}
	if (strcmp(cur, want) == 0) {
		*now = want;
		return WS_OK;	/* so already: nothing changes, nobody is mailed again */
	}
	if (strcmp(cur, "submitted") != 0 && !(strcmp(cur, "waitlisted") == 0 &&
	    strcmp(want, "waitlisted") != 0)) {
		*why = N_("Only a submitted or waitlisted application is decided.");
		return WS_ECONFLICT;
	}
	if (strcmp(want, "accepted") == 0 && json_is_integer(places)) {
		if ((rc = capp_accepted(d, json_integer_value(json_object_get(c, "id")), &n)) !=
		    WS_OK)
			return rc;
		if (n >= json_integer_value(places)) {
			*why = N_("Every place of this call is taken.");
			return WS_ECONFLICT;
		}
	}
	if ((rc = capp_decide(d, aid, cur, want, r->user->id)) != WS_OK) {
		if (rc == WS_ECONFLICT)	/* withdrawn meanwhile, say */
			*why = N_("This application changed meanwhile: look at it again.");
		return rc;
	}
	*now = want;
	/* an organization's application filed by one who no longer acts for
	 * it: decided, in its history, and told to those who speak for it
	 * now, but its filer is not registered for the event in its name */
	enrol = !org || filer_acts(d, uid, org);
	if (enrol && strcmp(want, "accepted") == 0 && json_is_integer(ev)) {
		rc = events_enrol(r, d, json_integer_value(ev), uid, org, &reg);
		if (rc == WS_ENOTFOUND)
			rc = WS_OK;	/* the event is gone: accepted all the same */
		if (rc != WS_OK)
			return rc;
	}
	/* the accepted of a call linked to a pilot initiative take part in it */
	if (strcmp(want, "accepted") == 0 && (rc = initiatives_call_accepted(r->app, d,
	    json_integer_value(json_object_get(c, "id")), aid, uid, org, r->user->id)) != WS_OK)
		return rc;
	/* a course's cohort: the accepted are enrolled in the cohorts the call
	 * fills (app/courses), in this transaction */
	if (enrol && strcmp(want, "accepted") == 0 && strcmp(json_string_value(json_object_get(c,
	    "kind")), "course_cohort") == 0) {
		int enrolled = 0;

		if ((rc = courses_enrol_from_call(r, d, json_integer_value(json_object_get(c, "id")),
		    uid, aid, &enrolled)) != WS_OK)
			return rc;
	}
	{
		const char *note = arena_printf(r->a, "call %lld: %s (application %lld, %s)",
		    (long long)json_integer_value(json_object_get(c, "id")),
		    json_string_value(json_object_get(c, "title")), (long long)aid, want);
		const char *action = arena_printf(r->a, "call.%s", want);

		if (org)
			org_history_add(r->app, d, org, r->user->id, uid, action, r->ip, note);
		else
			app_audit_about(r->app, d, r->user->id, 0, uid, action, r->ip, note);
	}
	return mail_decision(r, d, c, a, want, reason, reg != NULL);
}

/* Checks the body of a decision: its ids (new reference in *ids),
 * decision and reason; a message per field in errors. */
static void
decision_input(struct req *r, json_t *errors, json_t **ids, const char **decision,
    const char **reason)
{
	json_t *in = json_object_get(r->in, "ids"), *x;
	const char *s = json_string_value(json_object_get(r->in, "decision"));
	size_t i;
	int ok = json_is_array(in) && json_array_size(in) >= 1 &&
	    json_array_size(in) <= CALL_DECIDE_MAX;

	*ids = json_array();
	json_array_foreach(in, i, x) {
		if (!json_is_integer(x) || json_integer_value(x) < 1)
			ok = 0;
		else
			json_array_append(*ids, x);
	}
	if (!ok)
		json_object_set_new(errors, "ids", json_string(tr(r, N_("List from 1 to 500 "
		    "applications by their ids."))));
	*decision = NULL;
	for (i = 0; s && decisions[i]; i++)
		if (strcmp(s, decisions[i]) == 0)
			*decision = decisions[i];
	if (!*decision)
		json_object_set_new(errors, "decision", json_string(tr(r, N_("The decision must be "
		    "accept, waitlist or decline."))));
	x = json_object_get(r->in, "reason");
	*reason = "";
	if (x && !json_is_null(x) && !text_ok(x, CALL_REASON_MAX))
		json_object_set_new(errors, "reason", json_string(tr(r, N_("Give a reason of at "
		    "most 2000 characters."))));
	else if (x && !json_is_null(x))
		*reason = json_string_value(x);
}

/* What h_call_decisions decides with. */
struct call_decision {
	int64_t id;		/* the call */
	const char *decision, *reason;
};

/* app_decide_fn of h_call_decisions: application aid to the call, taken as
 * it is now, under its lock. */
static enum ws_err
decide_one(struct req *r, struct db *d, int64_t aid, void *ctx, const char **now,
    const char **why, const char **name)
{
	const struct call_decision *x = ctx;
	json_t *c = NULL, *a = NULL;
	enum ws_err rc;

	if ((rc = call_lock(d, x->id)) == WS_OK && (rc = call_get(d, 0, 1, x->id, &c)) == WS_OK) {
		rc = capp_get(d, x->id, aid, &a);
		if (rc == WS_ENOTFOUND) {
			*why = N_("There is no such application to this call.");
			rc = WS_ECONFLICT;
		} else if (rc == WS_OK) {
			rc = decide(r, d, c, a, x->decision, x->reason, now, why);
		}
	}
	if (json_string_value(json_object_get(a, "name")))
		*name = arena_strdup(r->a, json_string_value(json_object_get(a, "name")));
	json_decref(c);
	json_decref(a);
	return rc;
}

enum ws_err
h_call_decisions(struct req *r, struct resp *w)
{
	json_t *c = NULL, *ids = NULL, *errors = json_object(), *done = NULL;
	const char *decision, *reason;
	struct call_decision x;
	int64_t id;
	enum ws_err rc;

	if ((rc = call_param(r, &id, &c)) != WS_OK)
		goto out;
	decision_input(r, errors, &ids, &decision, &reason);
	if (json_object_size(errors)) {
		w->errors = errors;
		errors = NULL;
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if (strcmp(json_string_value(json_object_get(c, "status")), "open") == 0 &&
	    now_s() < json_integer_value(json_object_get(c, "closes_at"))) {
		char when[40];

		call_time(c, json_integer_value(json_object_get(c, "closes_at")), when, sizeof when);
		w->detail = call_sub(r, N_("This call is still open: decide once it closes, at "
		    "{{when}}."), "when", when);
		rc = WS_ECONFLICT;
		goto out;
	}
	x.id = id;
	x.decision = decision;
	x.reason = reason;
	if ((rc = app_decide_each(r, ids, decide_one, &x, &done)) != WS_OK)
		goto out;
	json_object_set_new(done, "call_id", json_integer(id));
	json_object_set_new(done, "decision", json_string(decision));
	resp_value(w, done);
	done = NULL;
out:
	json_decref(c);
	json_decref(ids);
	json_decref(errors);
	json_decref(done);
	return rc;
}

/* ---- the applications as CSV -------------------------------------------------- */

/* Answer a of a question as a cell's text. */
static const char *
answer_text(json_t *a)
{
	if (json_is_true(a))
		return "yes";
	if (json_is_false(a))
		return "no";
	return json_string_value(a) ? json_string_value(a) : "";
}

/* Unix seconds t (a JSON integer or null) as RFC 3339 into s ("" for null). */
static const char *
when_text(json_t *t, char *s, size_t n)
{
	s[0] = '\0';
	if (json_is_integer(t))
		time_rfc3339((time_t)json_integer_value(t), s, n);
	return s;
}

/* The name of the file of files (capp_files') answering question q, or
 * "". */
static const char *
file_name(json_t *files, json_t *q)
{
	json_t *f;
	size_t i;

	json_array_foreach(files, i, f)
		if (strcmp(json_string_value(json_object_get(f, "question")),
		    json_string_value(json_object_get(q, "id"))) == 0)
			return json_string_value(json_object_get(f, "name"));
	return "";
}

/* The row of stored application a (under stored call c's questions; a
 * file question's cell the name of its file in files, capp_files') to
 * out. */
static enum ws_err
csv_row(struct buf *out, json_t *c, json_t *a, json_t *files)
{
	json_t *answers = json_object_get(a, "answers"), *q;
	int64_t n = json_integer_value(json_object_get(a, "score_n"));
	const char *cells[10];
	char sub[40], dec[40], mean[24] = "", spread[24] = "", rev[24];
	enum ws_err rc = WS_OK;
	size_t i, k;

	if (n > 0) {
		snprintf(mean, sizeof mean, "%.2f", (double)json_integer_value(json_object_get(a,
		    "score_sum")) / (double)n / 100.0);
		snprintf(spread, sizeof spread, "%.2f", (double)json_integer_value(
		    json_object_get(a, "score_spread")) / 100.0);
	}
	snprintf(rev, sizeof rev, "%lld", (long long)n);
	cells[0] = json_string_value(json_object_get(a, "name"));
	cells[1] = json_string_value(json_object_get(a, "email"));
	cells[2] = json_string_value(json_object_get(a, "organization"));
	cells[3] = json_string_value(json_object_get(a, "country"));
	cells[4] = json_string_value(json_object_get(a, "status"));
	cells[5] = when_text(json_object_get(a, "submitted_at"), sub, sizeof sub);
	cells[6] = when_text(json_object_get(a, "decided_at"), dec, sizeof dec);
	cells[7] = mean;
	cells[8] = spread;
	cells[9] = rev;
	for (k = 0; rc == WS_OK && k < sizeof cells / sizeof cells[0]; k++)
		rc = dir_csv_cell(out, cells[k] ? cells[k] : "", k == 0);
	json_array_foreach(json_object_get(c, "questions"), i, q)
		if (rc == WS_OK)
			rc = dir_csv_cell(out, strcmp(json_string_value(json_object_get(q, "type")),
			    "file") == 0 ? file_name(files, q) : answer_text(json_object_get(answers,
			    json_string_value(json_object_get(q, "id")))), 0);
	return rc == WS_OK ? buf_adds(out, "\r\n") : rc;
}

enum ws_err
h_call_apps_csv(struct req *r, struct resp *w)
{
	static const char *const head[] = { "name", "email", "organization", "country",
		"status", "submitted_at", "decided_at", "score", "spread", "reviewers", NULL };
	struct capp_filter f = { "", 0, "score" };
	json_t *c = NULL, *rows = NULL, *q, *a;
	struct buf *out = &w->raw;
	int64_t id, page, total = 0, n = 0;
	enum ws_err rc;
	size_t i, k;

	if ((rc = call_param(r, &id, &c)) != WS_OK)
		return rc;
	rc = buf_adds(out, "\xEF\xBB\xBF");
	for (k = 0; rc == WS_OK && head[k]; k++)
		rc = dir_csv_cell(out, head[k], k == 0);
	json_array_foreach(json_object_get(c, "questions"), i, q)
		if (rc == WS_OK)
			rc = dir_csv_cell(out, json_string_value(json_object_get(q, "label")), 0);
	if (rc == WS_OK)
		rc = buf_adds(out, "\r\n");
	for (page = 1; rc == WS_OK && (page == 1 || n < total); page++) {
		if ((rc = capp_list(req_db(r), id, 0, &f, page, APP_PER_PAGE_MAX, &rows, &total)) !=
		    WS_OK || json_array_size(rows) == 0)
			break;
		json_array_foreach(rows, i, a) {
			json_t *files = NULL;

			if (rc == WS_OK && (rc = capp_files(req_db(r), json_integer_value(
			    json_object_get(a, "id")), &files)) == WS_OK)
				rc = csv_row(out, c, a, files);
			json_decref(files);
			n++;
		}
		json_decref(rows);
		rows = NULL;
	}
	json_decref(rows);
	json_decref(c);
	if (rc != WS_OK)
		return rc;
	w->ctype = "text/csv; charset=utf-8";
	resp_header(w, "Content-Disposition", arena_printf(r->a,
	    "attachment; filename=\"call-%lld-applications.csv\"", (long long)id));
	resp_header(w, "Cache-Control", "no-store");
	app_audit(r->app, req_db(r), r->user->id, "call.applications_exported", r->ip,
	    arena_printf(r->a, "call %lld", (long long)id));
	return WS_OK;
}
