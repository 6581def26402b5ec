/*
 * staff.c -- staff deciding on events' registrations:
 * POST /api/v1/events/{id}/registrations/decisions, and the filters of
 * an event's list of registrations.
 *
 * A decision is taken on each registration named, in its own transaction
 * that first takes the event (ev_lock), as registering does, so that
 * places stay exact however many decisions and registrations come at
 * once.  The answer says for each which succeeded and what it became, and
 * which were refused and why; one refused does not undo the others.
 *
 *   approve   pending (or declined) -> confirmed while there are places,
 *             waitlisted after (at the end of the list); mailed.
 *   decline   pending, waitlisted or confirmed -> declined.  A pending or
 *             waitlisted registration held no place, so nothing is freed;
 *             a confirmed one frees its place, which goes to the first on
 *             the waiting list (while the event has not started).  Mailed.
 *   attended  confirmed -> attended, once the event has started.
 *   absent    attended -> confirmed (attendance taken back), once the
 *             event has started; a confirmed one stays as it is.
 *
 * Each decision is written to the audit log, in the registration's
 * organization's history when it counts for one.
 *
 * The registrations as CSV (GET /staff/events/{id}/registrations.csv and
 * `whatson export registrations --event ID`): name, email, organization,
 * country, status, registered_at, decided_at and a column per question,
 * its cells written as the directory's export writes them (formula-safe).
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/directory/directory.h"
#include "app/events/events_int.h"
#include "app/events/notify.h"
#include "core/tz.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

#define EV_DECIDE_MAX 500	/* registrations one request decides */
#define EV_REASON_MAX 2000	/* bytes of a decision's reason */
#define EV_MSG_SHOWN 50		/* latest messages the registrations page lists */

static const char *const reg_statuses[] = { "pending", "confirmed", "waitlisted",
	"cancelled", "declined", "attended", NULL };
static const char *const decisions[] = { "approve", "decline", "attended", "absent", NULL };

const struct field ev_q_regs[] = {
	{ "status", FT_CHOICE, 0, 0, 0, reg_statuses, NULL,
	    N_("Choose a status from the list.") },
	{ "organization", FT_INT, 0, 1, INT64_MAX, NULL, NULL, N_("Not an organization.") },
	{ "q", FT_LINE, 0, 0, 200, NULL, NULL, NULL },
	APP_Q_PAGE,
	APP_Q_PER_PAGE,
	FIELDS_END
};

/* msg in r's language. */
static const char *
tr(struct req *r, const char *msg)
{
	return view_tr(r->app->views, r->locale, msg);
}

void
ev_reg_filter_of(struct req *r, struct ev_reg_filter *f)
{
	const char *q = req_qstr(r, "q");
	char *low = arena_strdup(r->a, q);
	size_t i;

	for (i = 0; low[i]; i++)
		if (low[i] >= 'A' && low[i] <= 'Z')
			low[i] = (char)(low[i] - 'A' + 'a');
	f->status = req_qstr(r, "status");
	f->org = req_qint(r, "organization", 0);
	f->q = low;
}

/* A registration's or an event's status, or an event's audience or
 * visibility, as staff's pages name it, in the reader's language (the JSON
 * keeps the codes). */
static const char *
status_label(struct req *r, const char *status)
{
	static const char *const names[][2] = {
		{ "pending", N_("Awaiting approval") },
		{ "confirmed", N_("Place confirmed") },
		{ "waitlisted", N_("On the waiting list") },
		{ "cancelled", N_("Cancelled") },
		{ "declined", N_("Declined by staff") },
		{ "attended", N_("Attended") },
		{ "draft", N_("Draft") },
		{ "published", N_("Published on the site") },
		/* audiences and visibilities, on the event form */
		{ "members", N_("Members") },
		{ "open", N_("Anyone with a verified account") },
		{ "public", N_("Everyone (public)") },
		{ "staff", N_("Staff only") },
	};
	size_t i;

	for (i = 0; status && i < sizeof names / sizeof names[0]; i++)
		if (strcmp(names[i][0], status) == 0)
			return view_tr(r->app->views, r->locale, names[i][1]);
	return status ? status : "";
}

/*
 * Inside a transaction with stored event ev locked: takes decision on
 * stored registration g.  WS_OK with the new status in *now, or
 * WS_ECONFLICT with why (English, to translate) in *why; another error
 * when the database fails.
 */
static enum ws_err
decide(struct req *r, struct db *d, json_t *ev, json_t *g, const char *decision,
    const char *reason, const char **now, const char **why)
{
	const char *cur = json_string_value(json_object_get(g, "status"));
	int64_t rid = json_integer_value(json_object_get(g, "id"));
	int64_t uid = json_integer_value(json_object_get(g, "user_id"));
	int64_t org = json_integer_value(json_object_get(g, "organization_id"));
	int started = json_integer_value(json_object_get(ev, "start_at")) <= now_s();
	const char *action;
	enum ws_err rc;

	*now = cur;
	*why = NULL;
	if (strcmp(decision, "approve") == 0) {
		json_t *cap = json_object_get(ev, "capacity");
		int64_t taken, last, position = 0;

		if (strcmp(cur, "pending") != 0 && strcmp(cur, "declined") != 0) {
			*why = N_("Only a pending or declined registration can be approved.");
			return WS_ECONFLICT;
		}
		if (strcmp(json_string_value(json_object_get(ev, "status")), "cancelled") == 0) {
			*why = N_("This event is cancelled.");
			return WS_ECONFLICT;
		}
		if ((rc = ev_reg_taken(d, json_integer_value(json_object_get(ev, "id")), &taken,
		    &last)) != WS_OK)
			return rc;
		if (json_is_integer(cap) && taken >= json_integer_value(cap)) {
			*now = "waitlisted";
			position = last + 1;
		} else {
			*now = "confirmed";
		}
		if ((rc = ev_reg_decide(d, rid, *now, position)) != WS_OK)
			return rc;
		action = "event.approved";
		if ((rc = ev_reg_mail(r, d, ev, uid, *now)) != WS_OK)
			return rc;
	} else if (strcmp(decision, "decline") == 0) {
		if (strcmp(cur, "pending") != 0 && strcmp(cur, "waitlisted") != 0 &&
		    strcmp(cur, "confirmed") != 0) {
			*why = N_("Only a pending, waitlisted or confirmed registration can be "
			    "declined.");
			return WS_ECONFLICT;
		}
		*now = "declined";
		if ((rc = ev_reg_decide(d, rid, *now, 0)) != WS_OK)
			return rc;
		if (strcmp(cur, "confirmed") == 0 && (rc = ev_reg_promote(r, d, ev)) != WS_OK)
			return rc;
		action = "event.declined";
		if ((rc = ev_mail_declined(r->app, d, json_integer_value(json_object_get(ev, "id")),
		    uid, reason)) != WS_OK)
			return rc;
	} else {
		int attended = strcmp(decision, "attended") == 0;

		if (!started) {
			*why = N_("Attendance is taken once the event has started.");
			return WS_ECONFLICT;
		}
		if (attended ? strcmp(cur, "confirmed") != 0 :
		    strcmp(cur, "attended") != 0 && strcmp(cur, "confirmed") != 0) {
			*why = attended ? N_("Only a confirmed registration can be marked attended.") :
			    N_("Only a confirmed or attended registration can be marked absent.");
			return WS_ECONFLICT;
		}
		*now = attended ? "attended" : "confirmed";
		if (strcmp(cur, *now) != 0 && (rc = ev_reg_mark(d, rid, *now)) != WS_OK)
			return rc;
		action = attended ? "event.attended" : "event.absent";
	}
	ev_reg_audit(r, d, ev, org, uid, action, *now);
	return WS_OK;
}

/* Checks the body of a decision: its ids (new reference in *ids),
 * decision and reason; a message per field in errors. */
static void
decision_input(struct req *r, json_t *errors, json_t **ids, const char **decision,
    const char **reason)
{
	json_t *in = json_object_get(r->in, "ids"), *x;
	const char *s;
	size_t i;
	int ok;

	*ids = json_array();
	ok = json_is_array(in) && json_array_size(in) >= 1 && json_array_size(in) <= EV_DECIDE_MAX;
	json_array_foreach(in, i, x) {
		if (!json_is_integer(x) || json_integer_value(x) < 1)
			ok = 0;
		else
			json_array_append(*ids, x);
	}
	if (!ok)
		json_object_set_new(errors, "ids", json_string(tr(r, N_("List from 1 to 500 "
		    "registrations by their ids."))));
	s = json_string_value(json_object_get(r->in, "decision"));
	*decision = NULL;
	for (i = 0; s && decisions[i]; i++)
		if (strcmp(s, decisions[i]) == 0)
			*decision = decisions[i];
	if (!*decision)
		json_object_set_new(errors, "decision", json_string(tr(r, N_("The decision must be "
		    "approve, decline, attended or absent."))));
	x = json_object_get(r->in, "reason");
	*reason = "";
	if (x && !json_is_null(x)) {
		s = json_string_value(x);
		if (!s || json_string_length(x) > EV_REASON_MAX || strlen(s) !=
		    json_string_length(x) || !utf8_valid_text(s, strlen(s), 1))
			json_object_set_new(errors, "reason", json_string(tr(r, N_("Give a reason of "
			    "at most 2000 characters."))));
		else
			*reason = s;
	}
}

/* What ev_decide_all decides with. */
struct ev_decision {
	int64_t id;		/* the event */
	const char *decision, *reason;
};

/* app_decide_fn of ev_decide_all: registration rid of the event, taken
 * as it is now, under its lock. */
static enum ws_err
decide_one(struct req *r, struct db *d, int64_t rid, void *ctx, const char **now,
    const char **why, const char **name)
{
	const struct ev_decision *x = ctx;
	struct ev_viewer v = { 0, 1, 1 };
	json_t *ev = NULL, *g = NULL;
	enum ws_err rc;

	if ((rc = ev_lock(d, x->id)) == WS_OK && (rc = ev_get(d, &v, x->id, &ev)) == WS_OK) {
		rc = ev_reg_get(d, x->id, rid, &g);
		if (rc == WS_ENOTFOUND) {
			*why = N_("There is no such registration for this event.");
			rc = WS_ECONFLICT;
		} else if (rc == WS_OK) {
			rc = decide(r, d, ev, g, x->decision, x->reason, now, why);
		}
	}
	if (json_string_value(json_object_get(g, "name")))
		*name = arena_strdup(r->a, json_string_value(json_object_get(g, "name")));
	json_decref(ev);
	json_decref(g);
	return rc;
}

enum ws_err
ev_decide_all(struct req *r, int64_t id, json_t *ids, const char *decision,
    const char *reason, json_t **out)
{
	struct ev_decision x = { id, decision, reason };
	enum ws_err rc;

	if ((rc = app_decide_each(r, ids, decide_one, &x, out)) != WS_OK)
		return rc;
	json_object_set_new(*out, "event_id", json_integer(id));
	json_object_set_new(*out, "decision", json_string(decision));
	return WS_OK;
}

enum ws_err
h_event_decisions(struct req *r, struct resp *w)
{
	struct ev_viewer v;
	json_t *ev = NULL, *ids = NULL, *errors = json_object(), *out = NULL;
	const char *decision, *reason;
	int64_t id;
	enum ws_err rc;

	ev_viewer_of(r, &v);
	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK) {
		rc = WS_ENOTFOUND;
		goto out;
	}
	if ((rc = ev_get(req_db(r), &v, id, &ev)) != WS_OK)
		goto out;
	decision_input(r, errors, &ids, &decision, &reason);
	if (json_object_size(errors)) {
		w->errors = errors;
		errors = NULL;
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = ev_decide_all(r, id, ids, decision, reason, &out)) != WS_OK)
		goto out;
	resp_value(w, out);
out:
	json_decref(ev);
	json_decref(ids);
	json_decref(errors);
	return rc;
}

/* ---- the registrations as CSV ------------------------------------------------ */

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

enum ws_err
ev_reg_csv(struct db *d, int64_t id, struct buf *out)
{
	static const char *const head[] = { "name", "email", "organization", "country",
		"status", "registered_at", "decided_at", NULL };
	struct ev_viewer v = { 0, 1, 1 };
	struct ev_reg_filter f = { "", 0, "" };
	json_t *ev = NULL, *rows = NULL, *qs, *q, *g;
	int64_t page, total = 0, n = 0;
	enum ws_err rc;
	size_t i, k;

	if ((rc = ev_get(d, &v, id, &ev)) != WS_OK)
		return rc;
	qs = json_object_get(ev, "questions");
	rc = buf_adds(out, "\xEF\xBB\xBF");
	for (k = 0; rc == WS_OK && head[k]; k++)
		rc = dir_csv_cell(out, head[k], k == 0);
	json_array_foreach(qs, i, q)
		if (rc == WS_OK)
			rc = dir_csv_cell(out, json_string_value(json_object_get(q, "label")), 0);
	if (rc == WS_OK)
		rc = buf_adds(out, "\r\n");
	for (page = 1; rc == WS_OK && (page == 1 || n < total); page++) {
		if ((rc = ev_reg_find(d, id, 0, &f, page, APP_PER_PAGE_MAX, &rows, &total)) != WS_OK)
			break;
		if (json_array_size(rows) == 0)
			break;
		json_array_foreach(rows, i, g) {
			json_t *answers = json_object_get(g, "answers");
			char at[40], dec[40] = "";

			time_rfc3339((time_t)json_integer_value(json_object_get(g, "created_at")), at,
			    sizeof at);
			if (json_is_integer(json_object_get(g, "decided_at")))
				time_rfc3339((time_t)json_integer_value(json_object_get(g,
				    "decided_at")), dec, sizeof dec);
			if (rc == WS_OK)
				rc = dir_csv_cell(out, json_string_value(json_object_get(g, "name")) ?
				    json_string_value(json_object_get(g, "name")) : "", 1);
			if (rc == WS_OK)
				rc = dir_csv_cell(out, json_string_value(json_object_get(g, "email")) ?
				    json_string_value(json_object_get(g, "email")) : "", 0);
			if (rc == WS_OK)
				rc = dir_csv_cell(out, json_string_value(json_object_get(g,
				    "organization")) ? json_string_value(json_object_get(g,
				    "organization")) : "", 0);
			if (rc == WS_OK)
				rc = dir_csv_cell(out, json_string_value(json_object_get(g, "country")) ?
				    json_string_value(json_object_get(g, "country")) : "", 0);
			if (rc == WS_OK)
				rc = dir_csv_cell(out, json_string_value(json_object_get(g, "status")),
				    0);
			if (rc == WS_OK)
				rc = dir_csv_cell(out, at, 0);
			if (rc == WS_OK)
				rc = dir_csv_cell(out, dec, 0);
			json_array_foreach(qs, k, q)
				if (rc == WS_OK)
					rc = dir_csv_cell(out, answer_text(json_object_get(answers,
					    json_string_value(json_object_get(q, "id")))), 0);
			if (rc == WS_OK)
				rc = buf_adds(out, "\r\n");
			n++;
		}
		json_decref(rows);
		rows = NULL;
	}
	json_decref(rows);
	json_decref(ev);
	return rc;
}

enum ws_err
h_event_registrations_csv(struct req *r, struct resp *w)
{
	int64_t id;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = ev_reg_csv(req_db(r), id, &w->raw)) != WS_OK)
		return rc;
	w->ctype = "text/csv; charset=utf-8";
	resp_header(w, "Content-Disposition", arena_printf(r->a,
	    "attachment; filename=\"event-%lld-registrations.csv\"", (long long)id));
	resp_header(w, "Cache-Control", "no-store");
	app_audit(r->app, req_db(r), r->user->id, "event.registrations_exported", r->ip,
	    arena_printf(r->a, "event %lld", (long long)id));
	return WS_OK;
}

enum ws_err
events_csv_export(struct db *d, int64_t id, FILE *f)
{
	struct buf b;
	enum ws_err rc;

	buf_init(&b, (size_t)1 << 30);
	if ((rc = ev_reg_csv(d, id, &b)) == WS_OK && b.len && fwrite(b.data, 1, b.len, f) != b.len)
		rc = WS_EIO;
	buf_free(&b);
	return rc;
}

/* ---- staff's pages -------------------------------------------------------------- */

/* Instant t of stored event ev in its zone, RFC 3339 with its offset, in
 * r's arena. */
static const char *
local_rfc3339(struct req *r, json_t *ev, int64_t t)
{
	const struct tz *z = NULL;
	char s[40];

	if (tz_get(json_string_value(json_object_get(ev, "timezone")), &z) != WS_OK &&
	    tz_get("UTC", &z) != WS_OK)
		return "";
	tz_rfc3339(z, t, s, sizeof s);
	return arena_strdup(r->a, s);
}

enum ws_err
h_staff_events(struct req *r, struct resp *w)
{
	int64_t page = req_qint(r, "page", 1), total = 0;
	struct ev_viewer v = { 0, 1, 1 };
	struct ev_filter f;
	json_t *rows = NULL, *items, *row;
	enum ws_err rc;
	size_t i;
	int t;

	v.uid = r->user->id;
	memset(&f, 0, sizeof f);
	f.status = req_qstr(r, "status");
	f.kind = req_qstr(r, "kind");
	f.month = req_qstr(r, "month");
	f.when = req_qstr(r, "when");
	if (strcmp(f.when, "all") == 0)
		f.when = "";
	f.now = now_s();
	for (t = 0; t < ET__MAX; t++)
		f.term[t] = req_qstr(r, ev_term_facet[t]);
	if ((rc = ev_list(req_db(r), &v, &f, page, APP_PER_PAGE, &rows, &total)) != WS_OK)
		goto out;
	items = json_array();
	json_array_foreach(rows, i, row) {
		const char *status = json_string_value(json_object_get(row, "status"));
		json_t *counts = NULL, *it;

		if ((rc = ev_reg_status_counts(req_db(r), json_integer_value(json_object_get(row,
		    "id")), &counts)) != WS_OK) {
			json_decref(counts);
			json_decref(items);
			goto out;
		}
		it = json_pack("{s:O,s:O,s:O,s:O,s:s,s:o,s:o,s:b,s:b}", "id", json_object_get(row,
		    "id"), "title", json_object_get(row, "title"), "kind", json_object_get(row,
		    "kind"), "status", json_object_get(row, "status"), "start", local_rfc3339(r, row,
		    json_integer_value(json_object_get(row, "start_at"))), "when", ev_page_when(r, row,
		    json_integer_value(json_object_get(row, "start_at"))), "counts", counts,
		    "draft", strcmp(status, "draft") == 0, "cancellable",
		    strcmp(status, "published") == 0);
		json_object_set_new(it, "status_label", json_string(status_label(r, status)));
		json_object_set_new(it, "kind_label", json_string(ev_kind_label(r,
		    json_string_value(json_object_get(row, "kind")))));
		json_array_append_new(items, it);
	}
	resp_value(w, app_list_value(items, page, APP_PER_PAGE, total));
	json_object_set_new(w->val, "when", json_string(req_qstr(r, "when")));
	json_object_set_new(w->val, "status", json_string(f.status));
	w->tpl = "staff_events";
	w->title = N_("Events");
out:
	json_decref(rows);
	return rc;
}

#define EV_CHOICES_SHOWN 200	/* upcoming events a call's form offers */

json_t *
events_choices(struct req *r, int64_t keep)
{
	struct ev_viewer v = { 0, 1, 1 };
	struct ev_filter f;
	json_t *rows = NULL, *row, *out = json_array(), *kept = NULL;
	int64_t total = 0;
	int found = 0;
	size_t i;

	v.uid = r->user ? r->user->id : 0;
	memset(&f, 0, sizeof f);
	f.status = "";
	f.kind = "";
	f.month = "";
	f.when = "upcoming";
	f.now = now_s();
	for (i = 0; i < ET__MAX; i++)
		f.term[i] = "";
	if (ev_list(req_db(r), &v, &f, 1, EV_CHOICES_SHOWN, &rows, &total) != WS_OK) {
		json_decref(rows);
		rows = json_array();
	}
	if (keep > 0 && ev_get(req_db(r), &v, keep, &kept) == WS_OK)
		json_array_insert_new(rows, 0, kept);
	json_array_foreach(rows, i, row) {
		int64_t id = json_integer_value(json_object_get(row, "id"));

		if (id == keep && found++)
			continue;	/* kept, and upcoming too */
		json_array_append_new(out, json_pack("{s:I,s:O,s:s,s:b}", "id", (json_int_t)id,
		    "title", json_object_get(row, "title"), "start", local_rfc3339(r, row,
		    json_integer_value(json_object_get(row, "start_at"))), "selected", id == keep));
	}
	json_decref(rows);
	return out;
}

/* Stored event ev as ev_update's values, with status.  New reference. */
static json_t *
values_of(json_t *ev, const char *status)
{
	json_t *vals = json_deep_copy(ev);
	const struct tz *z = NULL;
	struct tz_local l;
	char month[16];

	if (tz_get(json_string_value(json_object_get(ev, "timezone")), &z) == WS_OK) {
		tz_to_local(z, json_integer_value(json_object_get(ev, "start_at")), &l);
		snprintf(month, sizeof month, "%04d-%02d", l.year, l.mon);
		json_object_set_new(vals, "start_month", json_string(month));
	}
	json_object_set_new(vals, "status", json_string(status));
	return vals;
}

/* The event of r's {id} (staff see every one), stored JSON. */
static enum ws_err
staff_event(struct req *r, int64_t *id, json_t **ev)
{
	struct ev_viewer v = { 0, 1, 1 };

	*ev = NULL;
	if (parse_int(r->params[0], 1, INT64_MAX, id) != WS_OK)
		return WS_ENOTFOUND;
	return ev_get(req_db(r), &v, *id, ev);
}

/* Sets event id's status, audited as action. */
static enum ws_err
set_status(struct req *r, int64_t id, json_t *ev, const char *status, const char *action)
{
	struct db *d = req_db(r);
	json_t *vals = values_of(ev, status);
	enum ws_err rc;

	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = ev_lock(d, id)) == WS_OK && (rc = ev_update(d, id, vals)) == WS_OK &&
	    (rc = ev_notify_edit(r->app, d, ev, id)) == WS_OK) {	/* cancelled: mailed */
		app_audit_about(r->app, d, r->user->id, 0, 0, action, r->ip,
		    arena_printf(r->a, "event %lld: %s (%s)", (long long)id,
		    json_string_value(json_object_get(ev, "title")), status));
		rc = db_commit(d);
	}
	if (rc != WS_OK)
		db_rollback(d);
out:
	json_decref(vals);
	return rc;
}

enum ws_err
h_staff_event_publish(struct req *r, struct resp *w)
{
	json_t *ev;
	int64_t id;
	enum ws_err rc;

	if ((rc = staff_event(r, &id, &ev)) != WS_OK)
		return rc;
	if (strcmp(json_string_value(json_object_get(ev, "status")), "draft") != 0) {
		w->detail = N_("Only a draft can be published.");
		rc = WS_ECONFLICT;
	} else if ((rc = set_status(r, id, ev, "published", "event.published")) == WS_OK) {
		resp_redirect(w, "/staff/events");
	}
	json_decref(ev);
	return rc;
}

enum ws_err
h_staff_event_cancel(struct req *r, struct resp *w)
{
	json_t *ev;
	int64_t id;
	enum ws_err rc;

	if ((rc = staff_event(r, &id, &ev)) != WS_OK)
		return rc;
	if (strcmp(json_string_value(json_object_get(ev, "status")), "cancelled") == 0) {
		w->detail = N_("This event is cancelled.");
		rc = WS_ECONFLICT;
	} else if (strcmp(json_string_value(json_object_get(ev, "status")), "draft") == 0) {
		w->detail = EV_DRAFT_NOT_CANCELLED;
		rc = WS_ECONFLICT;
	} else if (!json_is_string(json_object_get(r->in, "confirm")) ||
	    strcmp(json_string_value(json_object_get(r->in, "confirm")), "yes") != 0) {
		w->errors = json_pack("{s:s}", "confirm", tr(r, N_("Tick the box to confirm that "
		    "the event is cancelled.")));
		w->detail = N_("Tick the box to confirm that the event is cancelled.");
		rc = WS_EINVAL;
	} else if ((rc = set_status(r, id, ev, "cancelled", "event.cancelled")) == WS_OK) {
		resp_redirect(w, "/staff/events");
	}
	json_decref(ev);
	return rc;
}

enum ws_err
h_staff_event_copy(struct req *r, struct resp *w)
{
	struct db *d = req_db(r);
	json_t *ev, *vals;
	int64_t id, copy = 0;
	enum ws_err rc;

	if ((rc = staff_event(r, &id, &ev)) != WS_OK)
		return rc;
	vals = values_of(ev, "draft");
	json_object_set_new(vals, "title", json_string(arena_printf(r->a, "%s %s",
	    tr(r, N_("Copy of")), json_string_value(json_object_get(ev, "title")))));
	if ((rc = db_begin(d)) == WS_OK) {
		if ((rc = ev_insert(d, vals, r->user->id, &copy)) == WS_OK &&
		    (rc = ev_terms_put(d, copy, vals)) == WS_OK) {
			app_audit_about(r->app, d, r->user->id, 0, 0, "event.created", r->ip,
			    arena_printf(r->a, "event %lld: copy of event %lld", (long long)copy,
			    (long long)id));
			rc = db_commit(d);
		}
		if (rc != WS_OK)
			db_rollback(d);
	}
	if (rc == WS_OK)
		resp_redirect(w, "/staff/events?status=draft");
	json_decref(vals);
	json_decref(ev);
	return rc;
}

/* The registrations page's value for event ev (stored JSON). */
static enum ws_err
regs_page(struct req *r, struct resp *w, int64_t id, json_t *ev)
{
	struct db *d = req_db(r);
	int64_t page = req_qint(r, "page", 1), total = 0;
	struct ev_reg_filter f;
	json_t *rows = NULL, *items, *g, *counts = NULL, *orgs = NULL, *qs, *q, *o, *cl;
	enum ws_err rc;
	size_t i, k;

	ev_reg_filter_of(r, &f);
	if ((rc = ev_reg_find(d, id, 0, &f, page, APP_PER_PAGE, &rows, &total)) != WS_OK ||
	    (rc = ev_reg_status_counts(d, id, &counts)) != WS_OK ||
	    (rc = ev_reg_orgs(d, id, &orgs)) != WS_OK)
		goto out;
	qs = json_object_get(ev, "questions");
	items = json_array();
	json_array_foreach(rows, i, g) {
		json_t *it = ev_reg_view(r, g), *ans = json_array();

		json_array_foreach(qs, k, q) {
			json_t *a = json_object_get(json_object_get(g, "answers"),
			    json_string_value(json_object_get(q, "id")));

			json_array_append_new(ans, json_pack("{s:O,s:s}", "label",
			    json_object_get(q, "label"), "answer", answer_text(a)));
		}
		json_object_set_new(it, "answer_list", ans);
		json_object_set_new(it, "registered", ev_page_when(r, ev,
		    json_integer_value(json_object_get(g, "created_at"))));
		json_object_set_new(it, "status_label", json_string(status_label(r,
		    json_string_value(json_object_get(g, "status")))));
		json_array_append_new(items, it);
	}
	resp_value(w, app_list_value(items, page, APP_PER_PAGE, total));
	cl = json_array();
	for (k = 0; reg_statuses[k]; k++) {
		json_t *n = json_object_get(counts, reg_statuses[k]);

		json_array_append_new(cl, json_pack("{s:s,s:s,s:I,s:b}", "status", reg_statuses[k],
		    "label", status_label(r, reg_statuses[k]), "count",
		    (json_int_t)(n ? json_integer_value(n) : 0), "selected",
		    strcmp(f.status, reg_statuses[k]) == 0));
	}
	json_array_foreach(orgs, i, o)
		json_object_set_new(o, "selected", json_boolean(json_integer_value(json_object_get(o,
		    "id")) == f.org));
	json_object_set_new(w->val, "event", json_pack("{s:I,s:O,s:O,s:s,s:s,s:o}", "id",
	    (json_int_t)id, "title", json_object_get(ev, "title"), "status",
	    json_object_get(ev, "status"), "status_label", status_label(r,
	    json_string_value(json_object_get(ev, "status"))), "start", local_rfc3339(r, ev,
	    json_integer_value(json_object_get(ev, "start_at"))), "when", ev_page_when(r, ev,
	    json_integer_value(json_object_get(ev, "start_at")))));
	json_object_set_new(w->val, "statuses", cl);
	json_object_set(w->val, "organizations", orgs);
	json_object_set_new(w->val, "q", json_string(req_qstr(r, "q")));
	json_object_set_new(w->val, "questions", json_copy(qs));
	{	/* what staff mailed its people (mail.c) */
		json_t *msgs = NULL, *m;

		if ((rc = ev_msg_list(d, id, EV_MSG_SHOWN, &msgs)) != WS_OK) {
			json_decref(msgs);
			goto out;
		}
		json_array_foreach(msgs, i, m)
			json_object_set_new(m, "when", ev_page_when(r, ev,
			    json_integer_value(json_object_get(m, "sent_at"))));
		json_object_set_new(w->val, "messages", msgs);
	}
	w->tpl = "staff_event_registrations";
	w->title = N_("Registrations");
out:
	json_decref(rows);
	json_decref(counts);
	json_decref(orgs);
	return rc;
}

enum ws_err
h_staff_event_registrations(struct req *r, struct resp *w)
{
	json_t *ev;
	int64_t id;
	enum ws_err rc;

	if ((rc = staff_event(r, &id, &ev)) != WS_OK)
		return rc;
	rc = regs_page(r, w, id, ev);
	json_decref(ev);
	return rc;
}

/* Result x of a decision ({ok, status or reason}) in words: "Approved:
 * place confirmed", "Refused: <why>", in r's language, r's arena. */
static const char *
result_label(struct req *r, const char *decision, json_t *x)
{
	static const char *const done[][2] = {
		{ "approve", N_("Approved") },
		{ "decline", N_("Declined") },
		{ "attended", N_("Marked attended") },
		{ "absent", N_("Marked absent") },
	};
	const char *what = decision;
	size_t i;

	if (!json_is_true(json_object_get(x, "ok")))
		return arena_printf(r->a, "%s %s", tr(r, N_("Refused:")),
		    json_string_value(json_object_get(x, "reason")));
	for (i = 0; i < sizeof done / sizeof done[0]; i++)
		if (strcmp(done[i][0], decision) == 0)
			what = tr(r, done[i][1]);
	return arena_printf(r->a, "%s: %s", what, status_label(r,
	    json_string_value(json_object_get(x, "status"))));
}

/* POST /staff/events/{id}/registrations: the form's ids (checkboxes),
 * decision (the button pressed) and reason; the page again, with what
 * became of each. */
enum ws_err
h_staff_event_decide(struct req *r, struct resp *w)
{
	json_t *ev = NULL, *in = json_object_get(r->in, "ids"), *ids = json_array(), *x;
	json_t *errors = json_object(), *out = NULL;
	const char *decision, *reason;
	int64_t id, n;
	enum ws_err rc;
	size_t i;

	if ((rc = staff_event(r, &id, &ev)) != WS_OK)
		goto out;
	/* a form sends ids as text, one or repeated */
	if (json_is_string(in)) {
		if (parse_int(json_string_value(in), 1, INT64_MAX, &n) == WS_OK)
			json_array_append_new(ids, json_integer(n));
	} else {
		json_array_foreach(in, i, x)
			if (json_is_string(x) && parse_int(json_string_value(x), 1, INT64_MAX, &n) ==
			    WS_OK)
				json_array_append_new(ids, json_integer(n));
	}
	json_object_set(r->in, "ids", ids);
	json_decref(ids);
	decision_input(r, errors, &ids, &decision, &reason);
	if (json_object_size(errors) == 0)
		rc = ev_decide_all(r, id, ids, decision, reason, &out);
	if (rc == WS_OK && (rc = regs_page(r, w, id, ev)) == WS_OK) {
		if (out) {
			json_array_foreach(json_object_get(out, "results"), i, x)
				json_object_set_new(x, "label", json_string(result_label(r, decision,
				    x)));
			json_object_set(w->val, "decided", out);
		}
		if (json_object_size(errors)) {
			json_object_set(w->val, "errors", errors);
			w->status = 422;
		}
	}
out:
	json_decref(ev);
	json_decref(ids);
	json_decref(errors);
	json_decref(out);
	return rc;
}

/* POST /staff/events/{id}/mail: the registrations page's message to the
 * event's people; the page again, saying to how many it goes, or with
 * what to fix by each field and what was typed. */
enum ws_err
h_staff_event_mail(struct req *r, struct resp *w)
{
	json_t *ev = NULL, *errors = json_object();
	const char *subject, *body;
	int64_t id, n = 0;
	int waitlisted;
	enum ws_err rc;

	if ((rc = staff_event(r, &id, &ev)) != WS_OK)
		goto out;
	ev_mail_input(r, errors, &subject, &body, &waitlisted);
	if (json_object_size(errors) == 0 &&
	    (rc = ev_mail_send(r, id, ev, subject, body, waitlisted, &n)) != WS_OK)
		goto out;
	if ((rc = regs_page(r, w, id, ev)) != WS_OK)
		goto out;
	if (json_object_size(errors)) {
		json_t *in = json_object_get(r->in, "subject"), *bd = json_object_get(r->in, "body");

		json_object_set_new(w->val, "mail", json_pack("{s:s,s:s,s:b}", "subject",
		    json_is_string(in) ? json_string_value(in) : "", "body", json_is_string(bd) ?
		    json_string_value(bd) : "", "include_waitlisted", waitlisted));
		json_object_set(w->val, "mail_errors", errors);
		w->status = 422;
	} else {
		json_object_set_new(w->val, "mailed", json_pack("{s:I}", "recipients",
		    (json_int_t)n));
	}
out:
	json_decref(ev);
	json_decref(errors);
	return rc;
}

/* ---- the questions of the event form -------------------------------------------- */

/*
 * The form edits the questions without JavaScript: a row per question
 * (q.<n>.id hidden, label, type, required, choices one a line, remove) and
 * EV_FORM_BLANK rows for new ones; question_rows says how many rows it
 * has.  The rows become the API's `questions`, checked as the API checks
 * them, before the event's other fields are.  A question keeps its id, so
 * its answers stay with it; a new one gets an id no question of the event
 * had, so it inherits no answers; one that has answers keeps its kind.
 * Calls' form (app/calls) uses the same editor through events.h.
 */
#define EV_FORM_BLANK 3		/* empty question rows the form offers */
#define EV_FORM_ROWS_MAX 64	/* question rows a form may send */

/* The kinds of question; a file question only where files are taken
 * (the calls', not the events'). */
static const char *const qtypes[] = { "text", "choice", "yes_no", "file", NULL };

static const char *
qtype_label(struct req *r, const char *type)
{
	static const char *const names[][2] = {
		{ "text", N_("Text") },
		{ "choice", N_("Choice from a list") },
		{ "yes_no", N_("Yes or no") },
		{ "file", N_("A file to upload") },
	};
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (type && strcmp(names[i][0], type) == 0)
			return tr(r, names[i][1]);
	return type ? type : "";
}

/* Form field q.<n>.<k> of r, trimmed, in r's arena; "" when absent. */
static const char *
qfield(struct req *r, int n, const char *k)
{
	json_t *x = json_object_get(r->in, arena_printf(r->a, "q.%d.%s", n, k));
	const char *s = json_string_value(x), *e;

	if (json_is_true(x))
		return "1";
	if (!s || strlen(s) != json_string_length(x))
		return "";
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' || e[-1] == '\n'))
		e--;
	return arena_strndup(r->a, s, (size_t)(e - s));
}

/* A row of the form.  New reference. */
static json_t *
qrow(struct req *r, int n, const char *id, const char *label, const char *type,
    int required, const char *choices, int answered, int files)
{
	json_t *types = json_array();
	size_t k;

	for (k = 0; qtypes[k]; k++)
		if (files || strcmp(qtypes[k], "file") != 0)
			json_array_append_new(types, json_pack("{s:s,s:s,s:b}", "value", qtypes[k],
		    "label", qtype_label(r, qtypes[k]), "selected", strcmp(type, qtypes[k]) == 0));
	return json_pack("{s:i,s:i,s:s,s:s,s:o,s:b,s:s,s:b,s:b,s:b}", "n", n, "number", n + 1,
	    "id", id, "label", label, "types", types, "required", required, "choices", choices,
	    "removable", *id != '\0', "answered", answered, "remove", 0);
}

enum ws_err
events_question_rows(struct req *r, int64_t id, json_t *qs, events_answered_fn is_answered,
    int files, json_t **rows)
{
	enum ws_err rc = WS_OK;
	json_t *q, *c;
	size_t i, k;
	int n = 0;

	*rows = json_array();
	json_array_foreach(qs, i, q) {
		const char *qid = json_string_value(json_object_get(q, "id"));
		struct buf b;
		int answered = 0;

		if (!qid)
			continue;
		if (id > 0 && is_answered &&
		    (rc = is_answered(req_db(r), id, qid, &answered)) != WS_OK)
			return rc;
		buf_init(&b, 64 * 1024);
		json_array_foreach(json_object_get(q, "choices"), k, c)
			if (buf_adds(&b, json_string_value(c) ? json_string_value(c) : "") != WS_OK ||
			    buf_adds(&b, "\n") != WS_OK)
				break;
		json_array_append_new(*rows, qrow(r, n++, qid, json_string_value(json_object_get(q,
		    "label")) ? json_string_value(json_object_get(q, "label")) : "",
		    json_string_value(json_object_get(q, "type")) ? json_string_value(
		    json_object_get(q, "type")) : "text", json_is_true(json_object_get(q,
		    "required")), arena_strdup(r->a, buf_str(&b)), answered, files));
		buf_free(&b);
	}
	for (k = 0; k < EV_FORM_BLANK; k++)
		json_array_append_new(*rows, qrow(r, n++, "", "", "text", 0, "", 0, files));
	return rc;
}

/* The stored question of qs with id qid, or NULL. */
static json_t *
question_of(json_t *qs, const char *qid)
{
	json_t *q;
	size_t i;

	json_array_foreach(qs, i, q)
		if (qid && *qid && json_string_value(json_object_get(q, "id")) &&
		    strcmp(json_string_value(json_object_get(q, "id")), qid) == 0)
			return q;
	return NULL;
}

/* Sets message msg (English) on row's field k. */
static void
qerr(struct req *r, json_t *row, const char *k, const char *msg)
{
	json_t *e = json_object_get(row, "problems");

	if (!e) {
		e = json_object();
		json_object_set_new(row, "problems", e);
	}
	if (!json_object_get(e, k))
		json_object_set_new(e, k, json_string(tr(r, msg)));
}

enum ws_err
events_questions_from_form(struct req *r, int64_t id, json_t *stored,
    events_answered_fn is_answered, int files, json_t **rows, int *bad)
{
	json_t *out = json_array(), *used = json_object();
	int64_t count = 0;
	enum ws_err rc = WS_OK;
	int n, kept = 0, next = 1;
	json_t *q;
	size_t i;

	*rows = NULL;
	*bad = 0;
	if (!json_string_value(json_object_get(r->in, "question_rows")) ||
	    parse_int(json_string_value(json_object_get(r->in, "question_rows")), 0,
	    EV_FORM_ROWS_MAX, &count) != WS_OK) {
		json_decref(out);
		json_decref(used);
		return WS_OK;
	}
	json_array_foreach(stored, i, q)	/* a new question takes no old id */
		if (json_string_value(json_object_get(q, "id")))
			json_object_set_new(used, json_string_value(json_object_get(q, "id")),
			    json_true());
	*rows = json_array();
	for (n = 0; n < (int)count && rc == WS_OK; n++) {
		const char *qid = qfield(r, n, "id"), *label = qfield(r, n, "label");
		const char *type = qfield(r, n, "type"), *text = qfield(r, n, "choices");
		int required = *qfield(r, n, "required") != '\0';
		json_t *old = question_of(stored, qid), *choices = json_array(), *row;
		const char *p = text;
		int answered = 0;
		size_t k;

		if (!old)
			qid = "";
		if (old && id > 0 && is_answered &&
		    (rc = is_answered(req_db(r), id, qid, &answered)) != WS_OK) {
			json_decref(choices);
			break;
		}
		row = qrow(r, n, qid, label, *type ? type : "text", required, text, answered,
		    files);
		json_array_append_new(*rows, row);
		if (old && *qfield(r, n, "remove")) {
			json_object_set_new(row, "remove", json_true());
			json_decref(choices);
			continue;
		}
		if (!old && !*label && !*text) {	/* a blank row */
			json_decref(choices);
			continue;
		}
		while (*p) {	/* the choices, one a line */
			const char *e = strchr(p, '\n'), *s = p, *t;

			if (!e)
				e = p + strlen(p);
			t = e;
			while (s < t && (*s == ' ' || *s == '\t'))
				s++;
			while (t > s && (t[-1] == ' ' || t[-1] == '\t' || t[-1] == '\r'))
				t--;
			if (t > s) {
				if ((size_t)(t - s) > EV_CHOICE_MAX ||
				    !utf8_valid_text(s, (size_t)(t - s), 0))
					qerr(r, row, "choices", N_("Keep each option to one line of "
					    "200 characters."));
				json_array_append_new(choices, json_stringn(s, (size_t)(t - s)));
			}
			p = *e ? e + 1 : e;
		}
		if (!*label)
			qerr(r, row, "label", N_("Give the question a label."));
		else if (strlen(label) > EV_LABEL_MAX || !utf8_valid_text(label, strlen(label), 0))
			qerr(r, row, "label", N_("Keep the label to one line of 300 characters."));
		for (k = 0; qtypes[k] && strcmp(qtypes[k], type) != 0; k++)
			;
		if (!qtypes[k] || (!files && strcmp(type, "file") == 0))
			qerr(r, row, "type", N_("Choose a kind of question."));
		else if (strcmp(type, "choice") == 0 && json_array_size(choices) < 2)
			qerr(r, row, "choices", N_("A choice needs at least two options, one a line."));
		else if (strcmp(type, "choice") == 0 && json_array_size(choices) > EV_CHOICES_MAX)
			qerr(r, row, "choices", N_("Give at most 20 options."));
		if (old && answered && qtypes[k] && strcmp(json_string_value(json_object_get(old,
		    "type")), type) != 0)
			qerr(r, row, "type", N_("People have answered this question: its kind "
			    "cannot change."));
		if (++kept > EV_QUESTIONS_MAX)
			qerr(r, row, "label", N_("An event asks at most 20 questions."));
		if (json_object_get(row, "problems")) {
			*bad = 1;
			json_decref(choices);
			continue;
		}
		if (!*qid) {	/* a new id, never an old one's */
			do
				qid = arena_printf(r->a, "q%d", next++);
			while (json_object_get(used, qid));
		}
		json_object_set_new(used, qid, json_true());
		q = json_pack("{s:s,s:s,s:s,s:b}", "id", qid, "label", label, "type", type,
		    "required", required);
		if (strcmp(type, "choice") == 0)
			json_object_set(q, "choices", choices);
		json_decref(choices);
		json_array_append_new(out, q);
	}
	if (rc == WS_OK && !*bad)
		json_object_set(r->in, "questions", out);
	json_decref(out);
	json_decref(used);
	if (rc != WS_OK) {
		json_decref(*rows);
		*rows = NULL;
	}
	return rc;
}

/* ---- the event form --------------------------------------------------------------- */

/* [{value, label, selected}] of choices, named by label() in r's
 * language, the one equal to cur selected. */
static json_t *
options(struct req *r, const char *const *choices, const char *cur,
    const char *(*label)(struct req *, const char *))
{
	json_t *a = json_array();

	for (; *choices; choices++)
		json_array_append_new(a, json_pack("{s:s,s:s,s:b}", "value", *choices, "label",
		    label(r, *choices), "selected", cur && strcmp(cur, *choices) == 0));
	return a;
}

/* Completes the form page's value in w (its form: what was typed or
 * stored) with the lists to choose from and where it posts. */
static enum ws_err
form_page(struct req *r, struct resp *w, int64_t id, const char *action, const char *title)
{
	static const char *const statuses[] = { "draft", "published", "cancelled", NULL };
	static const char *const audiences[] = { "members", "open", NULL };
	static const char *const vis[] = { "public", "members", "staff", NULL };
	json_t *form = json_object_get(w->val, "form");
	json_t *ar = json_object_get(form, "approval_required");

	json_object_set_new(w->val, "kinds", options(r, ev_kinds, json_string_value(
	    json_object_get(form, "kind")), ev_kind_label));
	json_object_set_new(w->val, "statuses", options(r, statuses, json_string_value(
	    json_object_get(form, "status")), status_label));
	json_object_set_new(w->val, "audiences", options(r, audiences, json_string_value(
	    json_object_get(form, "audience")), status_label));
	json_object_set_new(w->val, "visibilities", options(r, vis, json_string_value(
	    json_object_get(form, "visibility")), status_label));
	json_object_set_new(w->val, "approval", json_boolean(json_is_true(ar) ||
	    (json_is_string(ar) && (strcmp(json_string_value(ar), "1") == 0 ||
	    strcmp(json_string_value(ar), "on") == 0 || strcmp(json_string_value(ar), "true") == 0))));
	json_object_set_new(w->val, "action", json_string(action));
	w->tpl = "staff_event_form";
	w->title = title;
	if (!json_object_get(w->val, "question_rows")) {
		json_t *rows = NULL;
		enum ws_err rc = events_question_rows(r, id, json_object_get(form, "questions"),
		    ev_q_answered, 0, &rows);

		if (rc != WS_OK) {
			json_decref(rows);
			return rc;
		}
		json_object_set_new(w->val, "question_rows", rows);
	}
	json_object_set_new(w->val, "question_count", json_integer((json_int_t)json_array_size(
	    json_object_get(w->val, "question_rows"))));
	return WS_OK;
}

/* The event form's question rows of r for event id (0: new), its stored
 * questions stored: set as r->in's questions, or, when a row fails, the
 * form again with what was typed and WS_EINVAL; *done then. */
static enum ws_err
form_questions(struct req *r, struct resp *w, int64_t id, json_t *stored, const char *action,
    const char *title, int *done)
{
	json_t *rows = NULL, *e;
	enum ws_err rc;
	int bad = 0;

	*done = 0;
	if ((rc = events_questions_from_form(r, id, stored, ev_q_answered, 0, &rows, &bad)) !=
	    WS_OK || !bad) {
		json_decref(rows);
		return rc;
	}
	*done = 1;
	e = json_pack("{s:s}", "questions", tr(r, N_("Some questions need your attention.")));
	rc = form_fail(r, w, "staff_event_form", title, r->in, e);
	json_decref(e);
	json_object_set_new(w->val, "question_rows", rows);
	if (json_is_object(json_object_get(w->val, "form")))
		json_object_set_new(json_object_get(w->val, "form"), "id", id > 0 ?
		    json_integer(id) : json_null());
	if (form_page(r, w, id, action, title) != WS_OK)
		return WS_EDB;
	return rc;
}

enum ws_err
h_staff_event_new_form(struct req *r, struct resp *w)
{
	resp_value(w, json_pack("{s:{s:s,s:s,s:s,s:s,s:s}}", "form", "kind", "workshop",
	    "timezone", "Europe/Vienna", "status", "draft", "audience", "members", "visibility",
	    "public"));
	return form_page(r, w, 0, "/staff/events/new", N_("New event"));
}

/* After h_event_create or h_event_edit on a page: the form again with
 * what was typed and a message by each field, or on to the list. */
static enum ws_err
form_done(struct req *r, struct resp *w, enum ws_err rc, int64_t id, const char *action,
    const char *title)
{
	json_t *e;

	if (rc == WS_EINVAL && w->errors) {
		e = json_incref(w->errors);
		rc = form_fail(r, w, "staff_event_form", title, r->in, e);
		json_decref(e);
		if (form_page(r, w, id, action, title) != WS_OK)
			return WS_EDB;
		return rc;
	}
	if (rc == WS_OK) {
		w->status = 0;
		resp_redirect(w, "/staff/events?when=all");
	}
	return rc;
}

enum ws_err
h_staff_event_create(struct req *r, struct resp *w)
{
	json_t *none = json_array();
	enum ws_err rc;
	int done;

	rc = form_questions(r, w, 0, none, "/staff/events/new", N_("New event"), &done);
	json_decref(none);
	if (rc != WS_OK || done)
		return rc;
	return form_done(r, w, h_event_create(r, w), 0, "/staff/events/new", N_("New event"));
}

enum ws_err
h_staff_event_edit_form(struct req *r, struct resp *w)
{
	const char *action;
	json_t *form;
	enum ws_err rc;

	if ((rc = h_event(r, w)) != WS_OK)
		return rc;
	form = json_incref(w->val);
	resp_value(w, json_pack("{s:o}", "form", form));
	action = arena_printf(r->a, "/staff/events/%s/edit", r->params[0]);
	return form_page(r, w, json_integer_value(json_object_get(form, "id")), action,
	    N_("Edit the event"));
}

enum ws_err
h_staff_event_edit(struct req *r, struct resp *w)
{
	const char *action = arena_printf(r->a, "/staff/events/%s/edit", r->params[0]);
	json_t *ev = NULL;
	int64_t id;
	enum ws_err rc;
	int done;

	/* an unticked box sends nothing: on this form, that is no */
	if (json_is_object(r->in) && !json_object_get(r->in, "approval_required"))
		json_object_set_new(r->in, "approval_required", json_false());
	if ((rc = staff_event(r, &id, &ev)) != WS_OK)
		return rc;
	rc = form_questions(r, w, id, json_object_get(ev, "questions"), action,
	    N_("Edit the event"), &done);
	json_decref(ev);
	if (rc != WS_OK || done)
		return rc;
	return form_done(r, w, h_event_edit(r, w), id, action, N_("Edit the event"));
}
