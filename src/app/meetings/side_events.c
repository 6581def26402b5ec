/*
 * side_events.c -- side events organizations propose to a session (issue
 * 16): GET and POST /api/v1/meetings/{id}/side-events, one proposal's GET,
 * PATCH (its organization's admins change it) and DELETE (they withdraw
 * it), staff's decision on it, the session's public programme and its
 * iCalendar feed (/meetings/{id}/programme.ics).
 *
 * An admin of an organization proposes: title, abstract, co-organizers
 * (member organizations by id, other organizations by name, governments
 * by country code), format (in person, online, hybrid), language and the
 * slots it prefers, in order, among those the session offers.  What is
 * checked, in this order, each refusal saying why and nothing written:
 * the caller is an admin of the organization (403), the organization
 * meets the session's rule (403 naming it: the nominations' own check),
 * the window for proposals is open now (409 saying whether it opens later,
 * closed or is not set), the fields (422 naming each; a slot the session
 * does not offer is a 422 on preferred_slots).
 *
 * The organization's current admins may change or withdraw a proposal
 * while it is pending or staff asked for changes; a change while the
 * window is open, or, once it closed, only when staff asked for changes
 * (the change sends it back to staff: pending again).  Staff accept it
 * into one slot the session offers (one accepted side event a slot: two
 * in a room at once is what a programme must not show; a second is a 409
 * naming the first), decline it (a reason needed) or ask for changes (a
 * message needed).  Each decision is mailed to the organization's current
 * admins and is in the organization's history.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/events/events.h"
#include "app/meetings/meetings_int.h"
#include "app/orgs/orgs.h"
#include "core/buf.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

static const char *const formats[] = { "in_person", "online", "hybrid", NULL };
static const char *const se_statuses[] = { "pending", "changes_requested", "accepted",
	"declined", "withdrawn", NULL };

#define MTG_SE_MESSAGE_MAX 2000	/* bytes of staff's reason or message */

const struct field mtg_q_side_events[] = {
	{ "status", FT_CHOICE, 0, 0, 0, se_statuses, NULL,
	    N_("The status must be pending, changes_requested, accepted, declined or "
	    "withdrawn.") },
	{ "organization", FT_INT, 0, 1, INT64_MAX, NULL, NULL, N_("Not an organization.") },
	APP_Q_PAGE,
	APP_Q_PER_PAGE,
	FIELDS_END
};

static const struct field se_fields[] = {
	{ "organization_id", FT_INT, 1, 1, INT64_MAX, NULL, NULL,
	    N_("Say which organization proposes.") },
	{ "title", FT_LINE, 1, 2, 200, NULL, NULL, NULL },
	{ "abstract", FT_TEXT, 1, 10, 5000, NULL, NULL, NULL },
	{ "format", FT_CHOICE, 1, 0, 0, formats, NULL,
	    N_("Choose in person, online or hybrid.") },
	{ "language", FT_CHOICE, 1, 0, 0, NULL, language_valid,
	    N_("Choose a language from the list.") },
};
#define SE_NFIELDS (sizeof se_fields / sizeof se_fields[0])

static const char *
tr(struct req *r, const char *msg)
{
	return view_tr(r->app->views, r->locale, msg);
}

/* The slot id of stored session s ({id, start_at, end_at, room}), or NULL. */
static json_t *
slot_of(json_t *s, int64_t id)
{
	json_t *x;
	size_t i;

	json_array_foreach(json_object_get(s, "side_event_slots"), i, x)
		if (json_integer_value(json_object_get(x, "id")) == id)
			return x;
	return NULL;
}

/* Slot x of stored session s as the API gives it.  New reference. */
static json_t *
slot_view(json_t *s, json_t *x)
{
	json_t *all, *one, *v;
	size_t i;

	all = mtg_slots_view(s);
	json_array_foreach(all, i, v)
		if (json_equal(json_object_get(v, "id"), json_object_get(x, "id"))) {
			one = json_incref(v);
			json_decref(all);
			return one;
		}
	json_decref(all);
	return json_null();
}

json_t *
mtg_se_view(json_t *s, json_t *e)
{
	json_t *o = json_deep_copy(e), *x;

	json_object_set_new(o, "created_at", mtg_utc_or_null(json_object_get(e, "created_at")));
	json_object_set_new(o, "updated_at", mtg_utc_or_null(json_object_get(e, "updated_at")));
	json_object_set_new(o, "decided_at", mtg_utc_or_null(json_object_get(e, "decided_at")));
	x = json_object_get(e, "slot_id");
	json_object_set_new(o, "slot", json_is_integer(x) && slot_of(s, json_integer_value(x)) ?
	    slot_view(s, slot_of(s, json_integer_value(x))) : json_null());
	return o;
}

/* The session of r's {id} that r's caller may see, stored (new
 * reference); WS_ENOTFOUND otherwise. */
static enum ws_err
session_param(struct req *r, int64_t *id, json_t **s)
{
	struct mtg_viewer v;

	*s = NULL;
	if (parse_int(r->params[0], 1, INT64_MAX, id) != WS_OK)
		return WS_ENOTFOUND;
	mtg_viewer_of(r, &v);
	return mtg_get(req_db(r), &v, *id, s);
}

/* ---- the programme ------------------------------------------------------------ */

enum ws_err
mtg_programme(struct req *r, json_t *s, json_t *out)
{
	json_t *rows = NULL, *e, *list = json_array();
	enum ws_err rc;
	size_t i;

	if ((rc = mtg_se_programme(req_db(r), json_integer_value(json_object_get(s, "id")),
	    &rows)) != WS_OK) {
		json_decref(list);
		json_decref(rows);
		return rc;
	}
	json_array_foreach(rows, i, e) {
		json_t *slot = slot_of(s, json_integer_value(json_object_get(e, "slot_id"))), *v;

		if (!slot)
			continue;
		v = slot_view(s, slot);
		json_array_append_new(list, json_pack("{s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:O,s:O,"
		    "s:O}", "id", json_object_get(e, "id"), "title", json_object_get(e, "title"),
		    "abstract", json_object_get(e, "abstract"), "organization", json_object_get(e,
		    "organization"), "co_organizers", json_object_get(e, "co_organizers"), "format",
		    json_object_get(e, "format"), "language", json_object_get(e, "language"),
		    "slot_id", json_object_get(e, "slot_id"), "start", json_object_get(v, "start"),
		    "end", json_object_get(v, "end"), "room", json_object_get(v, "room")));
		json_decref(v);
	}
	json_decref(rows);
	/* by the slot's start, then its id */
	{
		size_t n = json_array_size(list), a, b;

		for (a = 1; a < n; a++)
			for (b = a; b > 0; b--) {
				json_t *p = json_array_get(list, b - 1), *q = json_array_get(list, b);
				int64_t pa = json_integer_value(json_object_get(slot_of(s,
				    json_integer_value(json_object_get(p, "slot_id"))), "start_at"));
				int64_t qa = json_integer_value(json_object_get(slot_of(s,
				    json_integer_value(json_object_get(q, "slot_id"))), "start_at"));

				if (pa <= qa)
					break;
				json_incref(p);
				json_array_set(list, b - 1, q);
				json_array_set_new(list, b, p);
			}
	}
	json_object_set_new(out, "programme", list);
	return WS_OK;
}

enum ws_err
h_meeting_programme_ics(struct req *r, struct resp *w)
{
	json_t *s = NULL, *view = json_object(), *rows = json_array(), *p;
	const char *base = r->app->cfg.base_url;
	int64_t id;
	enum ws_err rc;
	size_t i, n;

	if ((rc = session_param(r, &id, &s)) != WS_OK)
		goto out;
	if ((rc = mtg_programme(r, s, view)) != WS_OK)
		goto out;
	n = strlen(base);
	while (n > 0 && base[n - 1] == '/')
		n--;
	json_array_foreach(json_object_get(view, "programme"), i, p) {
		json_t *slot = slot_of(s, json_integer_value(json_object_get(p, "slot_id")));
		const char *room = json_string_value(json_object_get(p, "room"));
		const char *venue = json_string_value(json_object_get(s, "venue"));

		json_array_append_new(rows, json_pack("{s:O,s:s,s:O,s:O,s:O,s:O,s:s,s:s,s:O,s:i,"
		    "s:O,s:s,s:s}", "id", json_object_get(p, "id"), "title",
		    arena_printf(r->a, "%s (%s)", json_string_value(json_object_get(p, "title")),
		    json_string_value(json_object_get(p, "organization"))), "description",
		    json_object_get(p, "abstract"), "start_at", json_object_get(slot, "start_at"),
		    "end_at", json_object_get(slot, "end_at"), "timezone", json_object_get(s,
		    "timezone"), "venue", room && *room ? arena_printf(r->a, "%s%s%s", room,
		    venue && *venue ? ", " : "", venue ? venue : "") : venue ? venue : "",
		    "online_url", "", "status", json_object_get(s, "status"), "sequence", 0,
		    "updated_at", json_object_get(s, "updated_at"), "uid", arena_printf(r->a,
		    "side-event-%lld", (long long)json_integer_value(json_object_get(p, "id"))),
		    "url", arena_printf(r->a, "%.*s/meetings/%lld#programme", (int)n, base,
		    (long long)id)));
	}
	rc = events_calendar_send(r, w, rows, arena_printf(r->a, "%s, %s",
	    mtg_body_name(r, s), json_string_value(json_object_get(s, "title"))));
	if (rc == WS_OK)
		resp_header(w, "Content-Disposition", arena_printf(r->a,
		    "inline; filename=\"session-%lld-programme.ics\"", (long long)id));
out:
	json_decref(s);
	json_decref(view);
	json_decref(rows);
	return rc;
}

/* ---- the list ------------------------------------------------------------------- */

enum ws_err
h_meeting_side_events(struct req *r, struct resp *w)
{
	int staff = r->user->role >= ROLE_STAFF;
	struct mtg_se_filter f = { "", 0 };
	json_t *s = NULL, *rows = NULL, *items, *e;
	int64_t id, page, total = 0;
	int per_page;
	enum ws_err rc;
	size_t i;

	if ((rc = session_param(r, &id, &s)) != WS_OK)
		return rc;
	if ((rc = app_list_args(r, w, &page, &per_page)) != WS_OK)
		goto out;
	f.status = req_qstr(r, "status");
	f.org = req_qint(r, "organization", 0);
	if ((rc = mtg_se_list(req_db(r), id, staff ? 0 : r->user->id, &f, page, per_page, &rows,
	    &total)) != WS_OK)
		goto out;
	items = json_array();
	json_array_foreach(rows, i, e)
		json_array_append_new(items, mtg_se_view(s, e));
	resp_value(w, app_list_value(items, page, per_page, total));
out:
	json_decref(s);
	json_decref(rows);
	return rc;
}

/* Side event {sid} of session {id} that r's caller may see: staff any,
 * the organization's admins now their own; WS_ENOTFOUND otherwise.  The
 * stored session and side event (new references). */
static enum ws_err
side_event_param(struct req *r, int64_t *id, json_t **s, json_t **e)
{
	int64_t sid;
	int admin = 0;
	enum ws_err rc;

	*e = NULL;
	if ((rc = session_param(r, id, s)) != WS_OK)
		return rc;
	if (parse_int(r->params[1], 1, INT64_MAX, &sid) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = mtg_se_get(req_db(r), *id, sid, e)) != WS_OK)
		return rc;
	if (r->user->role >= ROLE_STAFF)
		return WS_OK;
	if ((rc = mtg_admin_of(r, json_integer_value(json_object_get(*e, "organization_id")),
	    &admin)) != WS_OK)
		return rc;
	return admin ? WS_OK : WS_ENOTFOUND;
}

enum ws_err
h_meeting_side_event(struct req *r, struct resp *w)
{
	json_t *s = NULL, *e = NULL;
	int64_t id;
	enum ws_err rc;

	if ((rc = side_event_param(r, &id, &s, &e)) == WS_OK)
		resp_value(w, mtg_se_view(s, e));
	json_decref(s);
	json_decref(e);
	return rc;
}

/* ---- proposing -------------------------------------------------------------------- */

/* Whether stored session s takes proposals at now: WS_OK, or WS_ECONFLICT
 * with w->detail saying when. */
static enum ws_err
window_open(struct req *r, struct resp *w, json_t *s, int64_t now)
{
	json_t *opens = json_object_get(s, "side_events_opens_at");
	json_t *closes = json_object_get(s, "side_events_closes_at");
	const char *zone = json_string_value(json_object_get(s, "timezone"));
	json_t *t;

	if (!json_is_integer(closes)) {
		w->detail = N_("This session takes no side events yet: staff have not set when.");
		return WS_ECONFLICT;
	}
	if (json_is_integer(opens) && now < json_integer_value(opens)) {
		t = events_when(r, zone, json_integer_value(opens));
		w->detail = mtg_sub(r, N_("Proposals of side events for this session open on {{when}}."),
		    "when", arena_strdup(r->a, json_string_value(json_object_get(t, "text"))));
		json_decref(t);
		return WS_ECONFLICT;
	}
	if (now >= json_integer_value(closes)) {
		t = events_when(r, zone, json_integer_value(closes));
		w->detail = mtg_sub(r, N_("Proposals of side events for this session closed on "
		    "{{when}}."), "when", arena_strdup(r->a, json_string_value(json_object_get(t,
		    "text"))));
		json_decref(t);
		return WS_ECONFLICT;
	}
	return WS_OK;
}

/* Text v as one line of 2 to max bytes, or NULL. */
static const char *
line_of(json_t *v, size_t max)
{
	const char *s = json_string_value(v);

	if (!s || json_string_length(v) < 2 || json_string_length(v) > max ||
	    strlen(s) != json_string_length(v) || !utf8_valid_text(s, strlen(s), 0))
		return NULL;
	return s;
}

/*
 * The co-organizers sent (absent, or {organizations: ids (or {id}), others:
 * names, governments: country codes}) as stored: {organizations: [{id,
 * name}] of approved organizations, others: [names], governments:
 * [codes]}; NULL when they are not (a message in *why).
 */
static json_t *
co_organizers_of(struct req *r, json_t *in, int64_t own, const char **why)
{
	json_t *out = json_pack("{s:[],s:[],s:[]}", "organizations", "others", "governments");
	json_t *x, *o;
	size_t i, j;

	*why = N_("List the co-organizers as organizations (member organizations by id), "
	    "others (names of 2 to 200 characters) and governments (country codes), at most "
	    "20 of each, each once.");
	if (!in || json_is_null(in))
		return out;
	if (!json_is_object(in))
		goto bad;
	x = json_object_get(in, "organizations");
	if (x && !json_is_null(x)) {
		if (!json_is_array(x) || json_array_size(x) > MTG_SE_COORG_MAX)
			goto bad;
		json_array_foreach(x, i, o) {
			json_t *id = json_is_object(o) ? json_object_get(o, "id") : o, *rec = NULL;
			int64_t n;

			if (!json_is_integer(id) || (n = json_integer_value(id)) < 1 || n == own)
				goto bad;
			for (j = 0; j < json_array_size(json_object_get(out, "organizations")); j++)
				if (json_integer_value(json_object_get(json_array_get(json_object_get(
				    out, "organizations"), j), "id")) == n)
					goto bad;
			if (org_load(req_db(r), n, &rec) != WS_OK || strcmp(json_string_value(
			    json_object_get(rec, "status")), "approved") != 0) {
				json_decref(rec);
				*why = N_("A co-organizer given by id is not a member organization.");
				goto bad;
			}
			json_array_append_new(json_object_get(out, "organizations"), json_pack(
			    "{s:I,s:O}", "id", (json_int_t)n, "name", json_object_get(rec, "name")));
			json_decref(rec);
		}
	}
	x = json_object_get(in, "others");
	if (x && !json_is_null(x)) {
		if (!json_is_array(x) || json_array_size(x) > MTG_SE_COORG_MAX)
			goto bad;
		json_array_foreach(x, i, o) {
			if (!line_of(o, 200))
				goto bad;
			json_array_append(json_object_get(out, "others"), o);
		}
	}
	x = json_object_get(in, "governments");
	if (x && !json_is_null(x)) {
		if (!json_is_array(x) || json_array_size(x) > MTG_SE_COORG_MAX)
			goto bad;
		json_array_foreach(x, i, o) {
			if (!json_is_string(o) || !country_valid(json_string_value(o)))
				goto bad;
			for (j = 0; j < i; j++)
				if (json_equal(json_array_get(x, j), o))
					goto bad;
			json_array_append(json_object_get(out, "governments"), o);
		}
	}
	return out;
bad:
	json_decref(out);
	return NULL;
}

/* The slots preferred (ids of stored session s's slots, each once, in
 * order, at most MTG_SE_PREFERRED_MAX; none when it offers none), or NULL. */
static json_t *
preferred_of(json_t *s, json_t *in)
{
	json_t *x;
	size_t i, j;

	if (!in || json_is_null(in))
		in = json_array();
	else
		json_incref(in);
	if (!json_is_array(in) || json_array_size(in) > MTG_SE_PREFERRED_MAX)
		goto bad;
	json_array_foreach(in, i, x) {
		if (!json_is_integer(x) || !slot_of(s, json_integer_value(x)))
			goto bad;
		for (j = 0; j < i; j++)
			if (json_integer_value(json_array_get(in, j)) == json_integer_value(x))
				goto bad;
	}
	if (json_array_size(in) == 0 && json_array_size(json_object_get(s,
	    "side_event_slots")) > 0)
		goto bad;
	return in;
bad:
	json_decref(in);
	return NULL;
}

/* The fields of a proposal in (borrowed) for stored session s, checked:
 * *values, or WS_EINVAL with w->errors naming each. */
static enum ws_err
se_check(struct req *r, struct resp *w, json_t *s, json_t *in, int64_t own, json_t **values)
{
	json_t *vals = NULL, *errs = NULL, *was = r->in, *x;
	const char *why;

	*values = NULL;
	/* the calls' rule: an address nobody confirmed keeps nothing */
	if (!r->user->verified_at) {
		w->detail = N_("Confirm your email address before applying.");
		return WS_EFORBIDDEN;
	}
	r->in = in;
	if (form_check(r, se_fields, SE_NFIELDS, &vals, &errs) == WS_OK || !errs)
		errs = json_object();
	r->in = was;
	json_object_del(errs, "organization_id");	/* checked before, by who may */
	if ((x = co_organizers_of(r, json_object_get(in, "co_organizers"), own, &why)) == NULL)
		json_object_set_new(errs, "co_organizers", json_string(tr(r, why)));
	else
		json_object_set_new(vals, "co_organizers", x);
	if ((x = preferred_of(s, json_object_get(in, "preferred_slots"))) == NULL)
		json_object_set_new(errs, "preferred_slots", json_string(tr(r, N_("Choose the "
		    "slots you prefer, in order, among those the session offers (at most 10)."))));
	else
		json_object_set_new(vals, "preferred_slots", x);
	if (json_object_size(errs)) {
		w->errors = errs;
		w->detail = N_("Some fields need your attention.");
		json_decref(vals);
		return WS_EINVAL;
	}
	json_decref(errs);
	*values = vals;
	return WS_OK;
}

/* The entry of side event sid of stored session s in organization org's
 * history. */
static void
history(struct req *r, struct db *d, json_t *s, int64_t org, const char *action,
    const char *title, int64_t sid)
{
	org_history_add(r->app, d, org, r->user->id, 0, action, r->ip, arena_printf(r->a,
	    "session %lld: %s, %s (side event %lld: %s)",
	    (long long)json_integer_value(json_object_get(s, "id")),
	    json_string_value(json_object_get(s, "body_name_en")),
	    json_string_value(json_object_get(s, "title")), (long long)sid, title));
}

enum ws_err
h_meeting_side_event_propose(struct req *r, struct resp *w)
{
	json_t *s = NULL, *values = NULL, *org = NULL, *e = NULL, *x;
	struct db *d = req_db(r);
	int64_t id, oid = 0, sid = 0;
	int admin = 0;
	enum ws_err rc;

	if ((rc = session_param(r, &id, &s)) != WS_OK)
		return rc;
	x = json_object_get(r->in, "organization_id");
	if (!json_is_object(r->in) || !json_is_integer(x) || json_integer_value(x) < 1) {
		w->errors = json_pack("{s:s}", "organization_id", tr(r, N_("Say which "
		    "organization proposes.")));
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	/* who: an admin of an organization that meets the session's rule */
	oid = json_integer_value(x);
	if ((rc = mtg_admin_of(r, oid, &admin)) != WS_OK)
		goto out;
	if (!admin) {
		w->detail = N_("Only an admin of the organization may propose its side events.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	if ((rc = org_load(d, oid, &org)) != WS_OK)
		goto out;
	if (!mtg_org_eligible(s, org)) {
		w->detail = mtg_rule_refused(s);
		rc = WS_EFORBIDDEN;
		goto out;
	}
	/* when, then what */
	if ((rc = window_open(r, w, s, now_s())) != WS_OK)
		goto out;
	if ((rc = se_check(r, w, s, r->in, oid, &values)) != WS_OK)
		goto out;
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = mtg_se_insert(d, id, oid, r->user->id, values, &sid)) != WS_OK) {
		db_rollback(d);
		goto out;
	}
	history(r, d, s, oid, "meeting.side_event_proposed", json_string_value(
	    json_object_get(values, "title")), sid);
	if ((rc = db_commit(d)) != WS_OK) {
		db_rollback(d);
		goto out;
	}
	if ((rc = mtg_se_get(d, id, sid, &e)) != WS_OK)
		goto out;
	resp_value(w, mtg_se_view(s, e));
	w->status = 201;
out:
	json_decref(s);
	json_decref(values);
	json_decref(org);
	json_decref(e);
	return rc;
}

/* Whether side event e may still be changed by its organization: WS_OK, or
 * WS_ECONFLICT with w->detail saying why. */
static enum ws_err
changeable(struct req *r, struct resp *w, json_t *s, json_t *e)
{
	const char *st = json_string_value(json_object_get(e, "status"));

	if (strcmp(st, "pending") != 0 && strcmp(st, "changes_requested") != 0) {
		w->detail = N_("This side event is decided or withdrawn: it can no longer be "
		    "changed.");
		return WS_ECONFLICT;
	}
	/* staff asked for changes: the proposer answers them, the window
	 * closed or not */
	if (strcmp(st, "changes_requested") == 0)
		return WS_OK;
	return window_open(r, w, s, now_s());
}

/* The fields of stored side event e as input, with what in sends laid over
 * them.  New reference. */
static json_t *
merged(json_t *e, json_t *in)
{
	static const char *const names[] = { "title", "abstract", "co_organizers", "format",
		"language", "preferred_slots", NULL };
	const char *const *k;
	json_t *out = json_object(), *x;

	json_object_set(out, "organization_id", json_object_get(e, "organization_id"));
	for (k = names; *k; k++) {
		if (json_is_object(in) && (x = json_object_get(in, *k)) != NULL)
			json_object_set(out, *k, x);
		else
			json_object_set(out, *k, json_object_get(e, *k));
	}
	return out;
}

enum ws_err
h_meeting_side_event_edit(struct req *r, struct resp *w)
{
	json_t *s = NULL, *e = NULL, *in = NULL, *values = NULL, *after = NULL;
	struct db *d = req_db(r);
	int64_t id, sid, oid;
	int done = 0;
	enum ws_err rc;

	if ((rc = side_event_param(r, &id, &s, &e)) != WS_OK)
		goto out;
	sid = json_integer_value(json_object_get(e, "id"));
	oid = json_integer_value(json_object_get(e, "organization_id"));
	if (r->user->role >= ROLE_STAFF) {
		int admin = 0;

		if ((rc = mtg_admin_of(r, oid, &admin)) != WS_OK)
			goto out;
		if (!admin) {
			w->detail = N_("Only an admin of the organization may change its side "
			    "events; staff decide on them.");
			rc = WS_EFORBIDDEN;
			goto out;
		}
	}
	if (!json_is_object(r->in)) {
		rc = WS_EINVAL;
		w->detail = N_("Send the fields to change as a JSON object.");
		goto out;
	}
	if ((rc = changeable(r, w, s, e)) != WS_OK)
		goto out;
	in = merged(e, r->in);
	if ((rc = se_check(r, w, s, in, oid, &values)) != WS_OK)
		goto out;
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = mtg_se_update(d, sid, values, &done)) != WS_OK || !done) {
		db_rollback(d);
		if (rc == WS_OK) {
			w->detail = N_("This side event is decided or withdrawn: it can no longer "
			    "be changed.");
			rc = WS_ECONFLICT;
		}
		goto out;
	}
	history(r, d, s, oid, "meeting.side_event_changed", json_string_value(
	    json_object_get(values, "title")), sid);
	if ((rc = db_commit(d)) != WS_OK) {
		db_rollback(d);
		goto out;
	}
	if ((rc = mtg_se_get(d, id, sid, &after)) == WS_OK)
		resp_value(w, mtg_se_view(s, after));
out:
	json_decref(s);
	json_decref(e);
	json_decref(in);
	json_decref(values);
	json_decref(after);
	return rc;
}

enum ws_err
h_meeting_side_event_withdraw(struct req *r, struct resp *w)
{
	json_t *s = NULL, *e = NULL, *after = NULL;
	struct db *d = req_db(r);
	int64_t id, sid, oid;
	int done = 0, admin = 0;
	enum ws_err rc;

	if ((rc = side_event_param(r, &id, &s, &e)) != WS_OK)
		goto out;
	sid = json_integer_value(json_object_get(e, "id"));
	oid = json_integer_value(json_object_get(e, "organization_id"));
	if ((rc = mtg_admin_of(r, oid, &admin)) != WS_OK)
		goto out;
	if (!admin) {
		w->detail = N_("Only an admin of the organization may withdraw its side events.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = mtg_se_withdraw(d, sid, &done)) != WS_OK || !done) {
		db_rollback(d);
		if (rc == WS_OK) {
			w->detail = N_("This side event is decided or withdrawn: it can no longer "
			    "be changed.");
			rc = WS_ECONFLICT;
		}
		goto out;
	}
	history(r, d, s, oid, "meeting.side_event_withdrawn", json_string_value(
	    json_object_get(e, "title")), sid);
	if ((rc = db_commit(d)) != WS_OK) {
		db_rollback(d);
		goto out;
	}
	if ((rc = mtg_se_get(d, id, sid, &after)) == WS_OK)
		resp_value(w, mtg_se_view(s, after));
out:
	json_decref(s);
	json_decref(e);
	json_decref(after);
	return rc;
}

/* ---- staff decide ------------------------------------------------------------------ */

/* Mails the people who speak for side event e's organization now
 * (org_admin_recipients) what staff decided (e's status and message now), in the caller's transaction. */
static enum ws_err
mail_decision(struct req *r, struct db *d, json_t *s, json_t *e)
{
	const char *status = json_string_value(json_object_get(e, "status"));
	json_t *admins = NULL, *a, *slot = NULL;
	enum ws_err rc;
	size_t i;

	if ((rc = org_admin_recipients(r, d, json_integer_value(json_object_get(e,
	    "organization_id")), &admins)) != WS_OK)
		goto out;
	if (json_is_integer(json_object_get(e, "slot_id")))
		slot = slot_of(s, json_integer_value(json_object_get(e, "slot_id")));
	json_array_foreach(admins, i, a) {
		const char *lang = json_string_value(json_object_get(a, "lang"));
		const char *fr = json_string_value(json_object_get(s, "body_name_fr"));
		const char *subject;
		struct buf body;
		json_t *ctx;

		ctx = json_pack("{s:O,s:s,s:O,s:O,s:s,s:b}", "name", json_object_get(a, "name"),
		    "site", r->app->cfg.org_name, "title", json_object_get(e, "title"),
		    "organization", json_object_get(e, "organization"), "session",
		    arena_printf(r->a, "%s, %s", strcmp(lang, "fr") == 0 && fr && *fr ? fr :
		    json_string_value(json_object_get(s, "body_name_en")),
		    json_string_value(json_object_get(s, "title"))), status, 1);
		if (*json_string_value(json_object_get(e, "message")))
			json_object_set(ctx, "message", json_object_get(e, "message"));
		if (slot) {
			struct req rl = *r;
			json_t *t;

			rl.locale = lang;
			rl.user = NULL;	/* the session's zone, not the deciding staff's */
			t = events_when(&rl, json_string_value(json_object_get(s, "timezone")),
			    json_integer_value(json_object_get(slot, "start_at")));
			json_object_set_new(ctx, "slot", json_pack("{s:O,s:O}", "when",
			    json_object_get(t, "text"), "room", json_object_get(slot, "room")));
			json_decref(t);
		}
		json_object_set_new(ctx, "href", json_string(arena_printf(r->a, "%s/meetings/%lld",
		    r->app->cfg.base_url, (long long)json_integer_value(json_object_get(s, "id")))));
		buf_init(&body, 64 * 1024);
		rc = view_render(r->app->views, "mail_side_event_decision", ctx, lang, &body);
		subject = strcmp(status, "accepted") == 0 ? N_("Your side event is accepted") :
		    strcmp(status, "declined") == 0 ? N_("About your side event") :
		    N_("Changes asked to your side event");
		if (rc == WS_OK)
			rc = app_mail(r->app, d, json_string_value(json_object_get(a, "email")),
			    view_tr(r->app->views, lang, subject), buf_str(&body));
		buf_free(&body);
		json_decref(ctx);
		if (rc != WS_OK)
			break;
	}
out:
	json_decref(admins);
	return rc;
}

enum ws_err
mtg_se_decide_one(struct req *r, struct resp *w, json_t *s, int64_t sid, json_t *in,
    json_t **out)
{
	static const char *const decisions[] = { "accept", "decline", "request_changes", NULL };
	static const char *const status_of[] = { "accepted", "declined", "changes_requested" };
	json_t *errors = json_object(), *e = NULL, *x;
	struct db *d = req_db(r);
	const char *decision = json_string_value(json_object_get(in, "decision"));
	const char *message = json_string_value(json_object_get(in, "message"));
	int64_t id = json_integer_value(json_object_get(s, "id")), slot = 0, other = 0;
	int k = -1, i, done = 0;
	enum ws_err rc;

	*out = NULL;
	for (i = 0; decision && decisions[i]; i++)
		if (strcmp(decision, decisions[i]) == 0)
			k = i;
	if (k < 0)
		json_object_set_new(errors, "decision", json_string(tr(r, N_("The decision is "
		    "accept, decline or request_changes."))));
	x = json_object_get(in, "message");
	if (x && !json_is_null(x) && (!message || strlen(message) > MTG_SE_MESSAGE_MAX ||
	    !utf8_valid_text(message, strlen(message), 1)))
		json_object_set_new(errors, "message", json_string(tr(r, N_("The message is text "
		    "of at most 2000 characters."))));
	else if (k == 1 && (!message || !*message))
		json_object_set_new(errors, "message", json_string(tr(r, N_("Say why the side "
		    "event is declined: the organization reads it."))));
	else if (k == 2 && (!message || !*message))
		json_object_set_new(errors, "message", json_string(tr(r, N_("Say what should "
		    "change: the organization reads it."))));
	if (k == 0) {
		x = json_object_get(in, "slot_id");
		if (!json_is_integer(x) || !slot_of(s, json_integer_value(x)))
			json_object_set_new(errors, "slot_id", json_string(tr(r, N_("Choose one of "
			    "the slots the session offers."))));
		else
			slot = json_integer_value(x);
	}
	if (json_object_size(errors)) {
		w->errors = errors;
		errors = NULL;
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = mtg_lock(d, id)) != WS_OK || (rc = mtg_se_get(d, id, sid, &e)) != WS_OK)
		goto rollback;
	if (slot) {	/* the slot still offered, under the lock staff's edits take */
		static const struct mtg_viewer staff = { 1, 1 };
		json_t *now = NULL;
		int gone;

		if ((rc = mtg_get(d, &staff, id, &now)) != WS_OK)
			goto rollback;
		gone = slot_of(now, slot) == NULL;
		json_decref(now);
		if (gone) {
			w->detail = N_("Choose one of the slots the session offers.");
			w->errors = json_pack("{s:s}", "slot_id", tr(r, w->detail));
			rc = WS_EINVAL;
			goto rollback;
		}
	}
	if (slot && (rc = mtg_se_slot_taken(d, id, slot, &other)) != WS_OK)
		goto rollback;
	if (other) {
		w->detail = mtg_sub(r, N_("This slot has an accepted side event already (side event "
		    "{{id}}): one a slot."), "id", arena_printf(r->a, "%lld", (long long)other));
		w->errors = json_pack("{s:s}", "slot_id", w->detail);
		rc = WS_ECONFLICT;
		goto rollback;
	}
	if ((rc = mtg_se_decide(d, sid, status_of[k], slot, message, r->user->id, &done)) !=
	    WS_OK)
		goto rollback;
	if (!done) {
		w->detail = N_("This side event was decided or withdrawn already.");
		rc = WS_ECONFLICT;
		goto rollback;
	}
	json_object_set_new(e, "status", json_string(status_of[k]));
	json_object_set_new(e, "message", json_string(message ? message : ""));
	json_object_set_new(e, "slot_id", slot ? json_integer(slot) : json_null());
	history(r, d, s, json_integer_value(json_object_get(e, "organization_id")),
	    k == 0 ? "meeting.side_event_accepted" : k == 1 ? "meeting.side_event_declined" :
	    "meeting.side_event_changes_requested", json_string_value(json_object_get(e,
	    "title")), sid);
	if ((rc = mail_decision(r, d, s, e)) != WS_OK || (rc = db_commit(d)) != WS_OK)
		goto rollback;
	json_decref(e);
	e = NULL;
	if ((rc = mtg_se_get(d, id, sid, &e)) == WS_OK)
		*out = mtg_se_view(s, e);
	goto out;
rollback:
	db_rollback(d);
out:
	json_decref(errors);
	json_decref(e);
	return rc;
}

enum ws_err
h_meeting_side_event_decision(struct req *r, struct resp *w)
{
	json_t *s = NULL, *e = NULL, *out = NULL;
	int64_t id;
	enum ws_err rc;

	if ((rc = side_event_param(r, &id, &s, &e)) != WS_OK)
		goto done;
	if ((rc = mtg_se_decide_one(r, w, s, json_integer_value(json_object_get(e, "id")),
	    r->in, &out)) == WS_OK) {
		resp_value(w, out);
		out = NULL;
	}
done:
	json_decref(s);
	json_decref(e);
	json_decref(out);
	return rc;
}

/* ---- the open opportunities ------------------------------------------------------ */

/* At most this many open side-event windows are read for a person. */
#define MTG_SE_OPEN_MAX 200

enum ws_err
meetings_side_event_opportunities(struct req *r, json_t *admin_orgs, json_t *out)
{
	struct mtg_viewer v;
	json_t *rows = NULL, *s, *o;
	enum ws_err rc;
	size_t i, k;

	if (!r->user->verified_at || json_array_size(admin_orgs) == 0)
		return WS_OK;
	mtg_viewer_of(r, &v);
	if ((rc = mtg_se_open_windows(req_db(r), &v, now_s(), MTG_SE_OPEN_MAX, &rows)) != WS_OK)
		goto out;
	/* offered when one of their organizations meets the session's rule */
	json_array_foreach(rows, i, s) {
		int can = 0;

		json_array_foreach(admin_orgs, k, o)
			can = can || mtg_org_eligible(s, o);
		if (can)
			json_array_append_new(out, json_pack("{s:s,s:O,s:O,s:s,s:O,s:O,s:s,s:s,s:[],"
			    "s:[]}", "type", "side_event", "id", json_object_get(s, "id"), "title",
			    json_object_get(s, "event_title"), "kind", "session", "deadline_at",
			    json_object_get(s, "side_events_closes_at"), "timezone",
			    json_object_get(s, "timezone"), "href", arena_printf(r->a,
			    "/meetings/%lld/side-events/new", (long long)json_integer_value(
			    json_object_get(s, "id"))), "action", "propose", "themes", "countries"));
	}
out:
	json_decref(rows);
	return rc;
}
