/*
 * registrations.c -- people registering for events: POST, GET and DELETE
 * under /api/v1/events/{id}/registrations.
 *
 * The places are counted and one is taken in one transaction that first
 * takes the event (ev_lock: a row lock on PostgreSQL; SQLite lets one
 * writer at a time through), so that however many people register at once
 * on however many nodes, no more are confirmed than there are places: the
 * rest are waitlisted in the order they came, and the first of them takes
 * a place that is freed.  An event that asks for approval holds people as
 * pending (staff decide; a pending registration holds no place).
 *
 * Who may: members (and staff) for a `members` event, any account whose
 * address is verified for an `open` one; an organization's admin for a
 * colleague of that organization.  Outside the event's window, or for an
 * event cancelled or over, a 409 says why (and when it opens or closed).
 * Registering twice gives back the registration there is; one staff
 * declined stays declined (409).  Each
 * registration is in its organization's history, and the person is
 * mailed, in their language, what it became (received when pending,
 * confirmed, waitlisted, and promoted from the waiting list).
 */
#include <stdio.h>
#include <string.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/dialogues/dialogues.h"
#include "app/events/events_int.h"
#include "app/orgs/orgs.h"
#include "core/buf.h"
#include "core/tz.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

#define EV_ANSWER_MAX 2000	/* characters of a text answer, unless its question says */

/* msg in r's language with {{when}} as instant t in stored event ev's
 * zone, in r's arena. */
static const char *
with_when(struct req *r, const char *msg, json_t *ev, int64_t t)
{
	const char *s = view_tr(r->app->views, r->locale, msg), *at = strstr(s, "{{when}}");
	const struct tz *z = NULL;
	char when[40];

	if (tz_get(json_string_value(json_object_get(ev, "timezone")), &z) == WS_OK)
		tz_rfc3339(z, t, when, sizeof when);
	else
		time_rfc3339((time_t)t, when, sizeof when);
	if (!at)
		return s;
	return arena_printf(r->a, "%.*s%s%s", (int)(at - s), s, when, at + 8);
}

json_t *
ev_reg_view(struct req *r, json_t *g)
{
	json_t *out = json_copy(g);
	char s[40];

	(void)r;
	time_rfc3339((time_t)json_integer_value(json_object_get(g, "created_at")), s, sizeof s);
	json_object_set_new(out, "created_at", json_string(s));
	if (json_is_integer(json_object_get(g, "decided_at"))) {
		time_rfc3339((time_t)json_integer_value(json_object_get(g, "decided_at")), s,
		    sizeof s);
		json_object_set_new(out, "decided_at", json_string(s));
	}
	json_object_del(out, "position");
	return out;
}

/* The event of r's {id} that r's caller may see, stored JSON (a new
 * reference); WS_ENOTFOUND otherwise. */
static enum ws_err
event_param(struct req *r, int64_t *id, json_t **ev)
{
	struct ev_viewer v;

	*ev = NULL;
	ev_viewer_of(r, &v);
	if (parse_int(r->params[0], 1, INT64_MAX, id) != WS_OK)
		return WS_ENOTFOUND;
	return ev_get(req_db(r), &v, *id, ev);
}

/* msg in r's language with {{max}} as n, in r's arena. */
static const char *
with_max(struct req *r, const char *msg, json_int_t n)
{
	const char *s = view_tr(r->app->views, r->locale, msg), *at = strstr(s, "{{max}}");

	if (!at)
		return s;
	return arena_printf(r->a, "%.*s%lld%s", (int)(at - s), s, (long long)n, at + 7);
}

json_t *
events_answers_of(struct req *r, json_t *questions, json_t *in, int need_required,
    json_t *errors)
{
	json_t *out = json_object(), *q;
	size_t i;

	if (in && !json_is_object(in) && !json_is_null(in)) {
		json_object_set_new(errors, "answers", json_string(view_tr(r->app->views,
		    r->locale, N_("Answers are an object: each question's id and its answer."))));
		return out;
	}
	json_array_foreach(questions, i, q) {
		const char *id = json_string_value(json_object_get(q, "id"));
		const char *type = json_string_value(json_object_get(q, "type"));
		json_t *a = json_object_get(in, id), *c, *maxv = json_object_get(q, "max_length");
		json_int_t max = json_is_integer(maxv) ? json_integer_value(maxv) : EV_ANSWER_MAX;
		const char *key = arena_printf(r->a, "answers.%s", id);
		const char *msg = NULL;
		size_t k;
		int ok = 0;

		if (strcmp(type, "file") == 0) {
			continue;	/* its answer is a file: the caller's */
		} else if (!a || json_is_null(a) || (json_is_string(a) &&
		    json_string_length(a) == 0)) {
			if (need_required && json_is_true(json_object_get(q, "required")))
				msg = N_("This question needs an answer.");
		} else if (strcmp(type, "yes_no") == 0) {
			if (json_is_boolean(a))
				json_object_set(out, id, a);
			else
				msg = N_("Answer yes (true) or no (false).");
		} else if (!json_is_string(a) || strlen(json_string_value(a)) !=
		    json_string_length(a) || !utf8_valid_text(json_string_value(a),
		    json_string_length(a), 1) || utf8_chars(json_string_value(a)) > (size_t)max) {
			msg = N_("Answer with text of at most {{max}} characters.");
		} else if (strcmp(type, "choice") == 0) {
			json_array_foreach(json_object_get(q, "choices"), k, c)
				ok |= strcmp(json_string_value(c), json_string_value(a)) == 0;
			if (ok)
				json_object_set(out, id, a);
			else
				msg = N_("Choose one of the choices.");
		} else {
			json_object_set(out, id, a);
		}
		if (msg)
			json_object_set_new(errors, key, json_string(with_max(r, msg, max)));
	}
	return out;
}

/*
 * Whom r registers: itself, or (user_id) a colleague of an approved
 * organization r's user is an admin of.  *uid, *org (the organization it
 * counts for, 0 for none) and the person's account in *u.  WS_EFORBIDDEN
 * (w->detail) for anyone else.
 */
static enum ws_err
registrant(struct req *r, struct resp *w, int64_t *uid, int64_t *org, struct user *u)
{
	json_t *want = json_object_get(r->in, "user_id"), *mine = NULL, *theirs = NULL, *a, *b;
	struct db *d = req_db(r);
	enum ws_err rc;
	size_t i, j;

	*uid = r->user->id;
	*org = 0;
	if (want && !json_is_null(want) && (!json_is_integer(want) ||
	    json_integer_value(want) != r->user->id)) {
		if (!json_is_integer(want) || user_by_id(d, r->a, json_integer_value(want), u) !=
		    WS_OK) {
			w->detail = N_("You may register yourself, or a colleague of an organization "
			    "you are an admin of.");
			return WS_EFORBIDDEN;
		}
		*uid = u->id;
	} else if ((rc = user_by_id(d, r->a, *uid, u)) != WS_OK) {
		return rc;
	}
	if ((rc = orgs_of_person(d, *uid, &theirs)) != WS_OK)
		return rc;
	if (*uid != r->user->id && (rc = orgs_of_person(d, r->user->id, &mine)) != WS_OK) {
		json_decref(theirs);
		return rc;
	}
	json_array_foreach(theirs, i, a) {
		if (strcmp(json_string_value(json_object_get(a, "status")), "approved") != 0)
			continue;
		if (*uid == r->user->id) {
			*org = json_integer_value(json_object_get(a, "id"));
			break;
		}
		json_array_foreach(mine, j, b)
			if (json_integer_value(json_object_get(b, "id")) ==
			    json_integer_value(json_object_get(a, "id")) &&
			    json_is_true(json_object_get(b, "admin")))
				*org = json_integer_value(json_object_get(a, "id"));
		if (*org)
			break;
	}
	json_decref(theirs);
	json_decref(mine);
	if (*uid != r->user->id && (!*org || strcmp(u->status, "active") != 0)) {
		w->detail = N_("You may register yourself, or a colleague of an organization you "
		    "are an admin of.");
		return WS_EFORBIDDEN;
	}
	/* the role they have now: a suspended organization's people are
	 * members no more (may_register reads it) */
	return user_effective_role(d, u);
}

/* Whether stored event ev takes u's registration now: WS_EFORBIDDEN for
 * its audience, WS_ECONFLICT for its status or window (w->detail says
 * why). */
static enum ws_err
may_register(struct req *r, struct resp *w, json_t *ev, const struct user *u)
{
	const char *status = json_string_value(json_object_get(ev, "status"));
	json_t *opens = json_object_get(ev, "registration_opens_at");
	json_t *closes = json_object_get(ev, "registration_closes_at");
	int64_t now = now_s(), end;

	if (strcmp(json_string_value(json_object_get(ev, "audience")), "members") == 0 &&
	    u->role != ROLE_MEMBER && u->role < ROLE_STAFF) {
		w->detail = N_("This event is for members of the hub.");
		return WS_EFORBIDDEN;
	}
	if (!u->verified_at) {
		w->detail = N_("Confirm your email address before registering.");
		return WS_EFORBIDDEN;
	}
	if (events_is_session(ev)) {
		w->detail = N_("A session takes no registrations: organizations nominate "
		    "their delegates on the session's page.");
		return WS_ECONFLICT;
	}
	{	/* a constructive dialogue's events: its approved participants only */
		const char *why = NULL;
		enum ws_err rc = dialogues_may_register(req_db(r), json_integer_value(
		    json_object_get(ev, "id")), u->id, &why);

		if (rc != WS_OK) {
			w->detail = why;
			return rc;
		}
	}
	if (strcmp(status, "cancelled") == 0) {
		w->detail = N_("This event is cancelled.");
		return WS_ECONFLICT;
	}
	if (strcmp(status, "published") != 0) {
		w->detail = N_("This event is not published yet.");
		return WS_ECONFLICT;
	}
	if (json_integer_value(json_object_get(ev, "end_at")) <= now) {
		w->detail = N_("This event is over.");
		return WS_ECONFLICT;
	}
	if (json_is_integer(opens) && now < json_integer_value(opens)) {
		w->detail = with_when(r, N_("Registration opens at {{when}}."), ev,
		    json_integer_value(opens));
		return WS_ECONFLICT;
	}
	end = json_is_integer(closes) ? json_integer_value(closes) :
	    json_integer_value(json_object_get(ev, "start_at"));
	if (now >= end) {
		w->detail = with_when(r, N_("Registration closed at {{when}}."), ev, end);
		return WS_ECONFLICT;
	}
	return WS_OK;
}

/*
 * Mails person uid what their registration for stored event ev became
 * (status "pending", "confirmed", "waitlisted", or "promoted": confirmed
 * from the waiting list), in their language, inside the caller's
 * transaction (the mail job commits with it).  The online link goes to
 * those with a place.
 */
static enum ws_err
mail_registration(struct req *r, struct db *d, json_t *ev, int64_t uid, const char *status)
{
	const struct tz *z = NULL;
	const char *subj, *lang;
	int place = strcmp(status, "confirmed") == 0 || strcmp(status, "promoted") == 0;
	char start[40];
	struct buf body;
	struct user u;
	json_t *ctx;
	enum ws_err rc;

	if (user_by_id(d, r->a, uid, &u) != WS_OK || !u.email || !*u.email)
		return WS_OK;
	if (strcmp(status, "pending") == 0)
		subj = N_("We received your registration");
	else if (strcmp(status, "confirmed") == 0)
		subj = N_("Your place is confirmed");
	else if (strcmp(status, "waitlisted") == 0)
		subj = N_("You are on the waiting list");
	else
		subj = N_("A place is yours");
	if (tz_get(json_string_value(json_object_get(ev, "timezone")), &z) == WS_OK)
		tz_rfc3339(z, json_integer_value(json_object_get(ev, "start_at")), start,
		    sizeof start);
	else
		time_rfc3339((time_t)json_integer_value(json_object_get(ev, "start_at")), start,
		    sizeof start);
	lang = app_mail_lang(r->app, u.locale, NULL);
	ctx = json_pack("{s:s,s:s,s:O,s:s,s:O,s:O,s:b}", "name", u.name ? u.name : "", "site",
	    r->app->cfg.org_name, "title", json_object_get(ev, "title"), "start", start,
	    "timezone", json_object_get(ev, "timezone"), "venue", json_object_get(ev, "venue"),
	    status, 1);
	if (place)
		json_object_set(ctx, "online_url", json_object_get(ev, "online_url"));
	buf_init(&body, 64 * 1024);
	rc = view_render(r->app->views, "mail_event_registration", ctx, lang, &body);
	if (rc == WS_OK)
		rc = app_mail(r->app, d, u.email, view_tr(r->app->views, lang, subj), buf_str(&body));
	buf_free(&body);
	json_decref(ctx);
	return rc;
}

/* Whether registration status s holds or asks for a place. */
static int
live(const char *s)
{
	return strcmp(s, "cancelled") != 0 && strcmp(s, "declined") != 0;
}

/* WS_ECONFLICT (w->detail) when registration g is one staff declined:
 * registering again does not undo their decision. */
static enum ws_err
declined(struct resp *w, json_t *g)
{
	if (strcmp(json_string_value(json_object_get(g, "status")), "declined") != 0)
		return WS_OK;
	w->detail = N_("Your registration for this event was not accepted.");
	return WS_ECONFLICT;
}

/* The entry of a registration in its organization's history, or the
 * audit log for a person without one. */
static void
reg_audit(struct req *r, struct db *d, json_t *ev, int64_t org, int64_t uid,
    const char *action, const char *status)
{
	const char *note = arena_printf(r->a, "event %lld: %s (%s)",
	    (long long)json_integer_value(json_object_get(ev, "id")),
	    json_string_value(json_object_get(ev, "title")), status);
	int64_t by = r->user ? r->user->id : 0;

	if (org)
		org_history_add(r->app, d, org, by, uid != by ? uid : 0, action, r->ip, note);
	else
		app_audit_about(r->app, d, by, 0, uid != by ? uid : 0, action, r->ip, note);
}

/*
 * Inside the caller's transaction, with event ev (stored JSON) locked:
 * gives freed places to the first on the waiting list while there are
 * places, each in its organization's history.
 */
static enum ws_err
promote(struct req *r, struct db *d, json_t *ev)
{
	int64_t id = json_integer_value(json_object_get(ev, "id"));
	json_t *cap = json_object_get(ev, "capacity");
	enum ws_err rc;

	if (json_integer_value(json_object_get(ev, "start_at")) <= now_s())
		return WS_OK;	/* too late to take a place */
	for (;;) {
		int64_t taken, last, rid;
		json_t *g = NULL;

		if ((rc = ev_reg_taken(d, id, &taken, &last)) != WS_OK)
			return rc;
		if (json_is_integer(cap) && taken >= json_integer_value(cap))
			return WS_OK;
		if ((rc = ev_reg_first_waiting(d, id, &rid)) == WS_ENOTFOUND)
			return WS_OK;
		if (rc != WS_OK || (rc = ev_reg_set_status(d, rid, "confirmed")) != WS_OK ||
		    (rc = ev_reg_get(d, id, rid, &g)) != WS_OK)
			return rc;
		reg_audit(r, d, ev, json_integer_value(json_object_get(g, "organization_id")),
		    json_integer_value(json_object_get(g, "user_id")), "event.promoted",
		    "confirmed");
		rc = mail_registration(r, d, ev, json_integer_value(json_object_get(g, "user_id")),
		    "promoted");
		json_decref(g);
		if (rc != WS_OK)
			return rc;
	}
}

enum ws_err
h_event_register(struct req *r, struct resp *w)
{
	json_t *ev = NULL, *g = NULL, *answers = NULL, *errors = json_object();
	struct db *d = req_db(r);
	struct user u;
	int64_t id, uid, org, rid = 0, taken, last, position = 0;
	const char *status;
	enum ws_err rc;
	int began = 0;

	if ((rc = event_param(r, &id, &ev)) != WS_OK)
		goto out;
	if ((rc = registrant(r, w, &uid, &org, &u)) != WS_OK)
		goto out;
	/* registering twice gives back the registration there is; staff's
	 * refusal stands */
	if ((rc = ev_reg_of_user(d, id, uid, &g)) == WS_OK &&
	    live(json_string_value(json_object_get(g, "status"))))
		goto answer;
	if (rc != WS_OK && rc != WS_ENOTFOUND)
		goto out;
	if (rc == WS_OK && (rc = declined(w, g)) != WS_OK)
		goto out;
	if ((rc = may_register(r, w, ev, &u)) != WS_OK)
		goto out;
	answers = events_answers_of(r, json_object_get(ev, "questions"),
	    json_object_get(r->in, "answers"), 1, errors);
	if (json_object_size(errors)) {
		w->errors = errors;
		errors = NULL;
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	began = 1;
	json_decref(g);
	g = NULL;
	if ((rc = ev_lock(d, id)) != WS_OK)
		goto out;
	/* someone may have registered the same person meanwhile, or staff
	 * declined them */
	if ((rc = ev_reg_of_user(d, id, uid, &g)) == WS_OK &&
	    live(json_string_value(json_object_get(g, "status")))) {
		db_rollback(d);
		began = 0;
		goto answer;
	}
	if (rc != WS_OK && rc != WS_ENOTFOUND)
		goto out;
	if (rc == WS_OK && (rc = declined(w, g)) != WS_OK)
		goto out;
	if ((rc = ev_reg_taken(d, id, &taken, &last)) != WS_OK)
		goto out;
	if (json_is_true(json_object_get(ev, "approval_required"))) {
		status = "pending";
	} else if (!json_is_integer(json_object_get(ev, "capacity")) ||
	    taken < json_integer_value(json_object_get(ev, "capacity"))) {
		status = "confirmed";
	} else {
		status = "waitlisted";
		position = last + 1;
	}
	if (g) {
		rid = json_integer_value(json_object_get(g, "id"));
		rc = ev_reg_reopen(d, rid, org, r->user->id, status, answers, position);
	} else {
		rc = ev_reg_insert(d, id, uid, org, r->user->id, status, answers, position, &rid);
	}
	if (rc != WS_OK)
		goto out;
	reg_audit(r, d, ev, org, uid, "event.registered", status);
	if ((rc = mail_registration(r, d, ev, uid, status)) != WS_OK ||
	    (rc = db_commit(d)) != WS_OK)
		goto out;
	began = 0;
	json_decref(g);
	if ((rc = ev_reg_get(d, id, rid, &g)) != WS_OK)
		goto out;
	w->status = 201;
answer:
	resp_value(w, ev_reg_view(r, g));
	rc = WS_OK;
out:
	if (began)
		db_rollback(d);
	json_decref(ev);
	json_decref(g);
	json_decref(answers);
	json_decref(errors);
	return rc;
}

/* Whether person uid is one of organization org's people (an admin too
 * when admin), and it is approved. */
static int
one_of(struct db *d, int64_t uid, int64_t org, int admin)
{
	json_t *orgs = NULL, *o;
	size_t i;
	int ok = 0;

	if (orgs_of_person(d, uid, &orgs) != WS_OK)
		return 0;
	json_array_foreach(orgs, i, o)
		ok |= json_integer_value(json_object_get(o, "id")) == org &&
		    (!admin || json_is_true(json_object_get(o, "admin"))) &&
		    strcmp(json_string_value(json_object_get(o, "status")), "approved") == 0;
	json_decref(orgs);
	return ok;
}

/* Whether r's caller may see registration g: staff, its person, and
 * (when an admin filed it for a colleague) the admins its approved
 * organization has now, while the person is still one of its people: not
 * whoever filed it once, should they have left or stepped down since
 * (EV_REG_BY_ADMIN in statements.c). */
static int
may_see(struct req *r, json_t *g)
{
	int64_t org = json_integer_value(json_object_get(g, "organization_id"));
	int64_t uid = json_integer_value(json_object_get(g, "user_id"));

	if (r->user->role >= ROLE_STAFF || uid == r->user->id)
		return 1;
	return org && json_integer_value(json_object_get(g, "registered_by")) != uid &&
	    one_of(req_db(r), r->user->id, org, 1) && one_of(req_db(r), uid, org, 0);
}

enum ws_err
h_event_registrations(struct req *r, struct resp *w)
{
	json_t *ev = NULL, *rows = NULL, *items, *g, *val, *counts;
	int staff = r->user->role >= ROLE_STAFF;
	struct ev_reg_filter f;
	int64_t id, page, total = 0;
	int per_page;
	enum ws_err rc;
	size_t i;

	if ((rc = event_param(r, &id, &ev)) != WS_OK)
		return rc;
	json_decref(ev);
	if ((rc = app_list_args(r, w, &page, &per_page)) != WS_OK)
		return rc;
	ev_reg_filter_of(r, &f);
	if ((rc = ev_reg_find(req_db(r), id, staff ? 0 : r->user->id, &f, page, per_page, &rows,
	    &total)) != WS_OK)
		return rc;
	items = json_array();
	json_array_foreach(rows, i, g) {
		json_t *o = ev_reg_view(r, g);

		if (!staff) {	/* the address and the rest are for staff's lists */
			json_object_del(o, "email");
			json_object_del(o, "organization");
			json_object_del(o, "country");
		}
		json_array_append_new(items, o);
	}
	json_decref(rows);
	val = app_list_value(items, page, per_page, total);
	/* staff: how many of each status the event has, whatever the filters */
	if (staff) {
		if ((rc = ev_reg_status_counts(req_db(r), id, &counts)) != WS_OK) {
			json_decref(counts);
			json_decref(val);
			return rc;
		}
		json_object_set_new(val, "facets", json_pack("{s:o}", "status", counts));
	}
	resp_value(w, val);
	return WS_OK;
}

/* Registration {rid} of the event of r's {id}, if r's caller may see
 * both (WS_ENOTFOUND otherwise): stored JSON of both, new references. */
static enum ws_err
reg_param(struct req *r, int64_t *id, json_t **ev, json_t **g)
{
	int64_t rid;
	enum ws_err rc;

	*g = NULL;
	if ((rc = event_param(r, id, ev)) != WS_OK)
		return rc;
	if (parse_int(r->params[1], 1, INT64_MAX, &rid) != WS_OK ||
	    (rc = ev_reg_get(req_db(r), *id, rid, g)) == WS_ENOTFOUND ||
	    (rc == WS_OK && !may_see(r, *g))) {
		json_decref(*ev);
		json_decref(*g);
		*ev = *g = NULL;
		return WS_ENOTFOUND;
	}
	if (rc != WS_OK) {
		json_decref(*ev);
		*ev = NULL;
	}
	return rc;
}

enum ws_err
h_event_registration(struct req *r, struct resp *w)
{
	json_t *ev, *g;
	int64_t id;
	enum ws_err rc;

	if ((rc = reg_param(r, &id, &ev, &g)) != WS_OK)
		return rc;
	resp_value(w, ev_reg_view(r, g));
	json_decref(ev);
	json_decref(g);
	return WS_OK;
}

enum ws_err
h_event_unregister(struct req *r, struct resp *w)
{
	struct db *d = req_db(r);
	json_t *ev, *g, *now = NULL;
	int64_t id, rid;
	enum ws_err rc;

	if ((rc = reg_param(r, &id, &ev, &g)) != WS_OK)
		return rc;
	rid = json_integer_value(json_object_get(g, "id"));
	if (!live(json_string_value(json_object_get(g, "status"))))
		goto answer;	/* cancelled already: nothing changes */
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = ev_lock(d, id)) == WS_OK &&
	    (rc = ev_reg_set_status(d, rid, "cancelled")) == WS_OK &&
	    (rc = promote(r, d, ev)) == WS_OK) {
		reg_audit(r, d, ev, json_integer_value(json_object_get(g, "organization_id")),
		    json_integer_value(json_object_get(g, "user_id")), "event.unregistered",
		    "cancelled");
		rc = db_commit(d);
	}
	if (rc != WS_OK) {
		db_rollback(d);
		goto out;
	}
answer:
	if ((rc = ev_reg_get(d, id, rid, &now)) == WS_OK)
		resp_value(w, ev_reg_view(r, now));
out:
	json_decref(ev);
	json_decref(g);
	json_decref(now);
	return rc;
}

/* ---- for staff's decisions (staff.c) ---------------------------------------- */

enum ws_err
ev_reg_promote(struct req *r, struct db *d, json_t *ev)
{
	return promote(r, d, ev);
}

enum ws_err
ev_reg_mail(struct req *r, struct db *d, json_t *ev, int64_t uid, const char *status)
{
	return mail_registration(r, d, ev, uid, status);
}

void
ev_reg_audit(struct req *r, struct db *d, json_t *ev, int64_t org, int64_t uid,
    const char *action, const char *status)
{
	reg_audit(r, d, ev, org, uid, action, status);
}

/* ---- for calls' accepted applicants (app/calls) --------------------------------- */

enum ws_err
events_enrol(struct req *r, struct db *d, int64_t ev, int64_t uid, int64_t org,
    const char **status)
{
	static const struct ev_viewer staff = { 0, 1, 1 };
	json_t *e = NULL, *g = NULL, *answers = json_object();
	int64_t taken, last, rid, position = 0;
	enum ws_err rc;

	*status = "confirmed";
	if ((rc = ev_get(d, &staff, ev, &e)) != WS_OK || (rc = ev_lock(d, ev)) != WS_OK)
		goto out;
	if ((rc = ev_reg_of_user(d, ev, uid, &g)) == WS_OK &&
	    live(json_string_value(json_object_get(g, "status")))) {
		*status = strcmp(json_string_value(json_object_get(g, "status")), "waitlisted") == 0 ?
		    "waitlisted" : strcmp(json_string_value(json_object_get(g, "status")),
		    "pending") == 0 ? "pending" : "confirmed";
		goto out;	/* registered already: nothing changes */
	}
	if (rc != WS_OK && rc != WS_ENOTFOUND)
		goto out;
	if ((rc = ev_reg_taken(d, ev, &taken, &last)) != WS_OK)
		goto out;
	if (json_is_integer(json_object_get(e, "capacity")) &&
	    taken >= json_integer_value(json_object_get(e, "capacity"))) {
		*status = "waitlisted";
		position = last + 1;
	}
	if (g)
		rc = ev_reg_reopen(d, json_integer_value(json_object_get(g, "id")), org,
		    r->user->id, *status, answers, position);
	else
		rc = ev_reg_insert(d, ev, uid, org, r->user->id, *status, answers, position, &rid);
	if (rc != WS_OK)
		goto out;
	reg_audit(r, d, e, org, uid, "event.registered", *status);
	rc = mail_registration(r, d, e, uid, *status);
out:
	json_decref(e);
	json_decref(g);
	json_decref(answers);
	return rc;
}
