/*
 * speaking.c -- requests to speak in a session (issue 16): an
 * organization's admin asks to speak on an agenda item open to statements
 * (GET and POST /api/v1/meetings/{id}/speaking-requests, GET, PATCH and
 * DELETE .../{rid}); staff allocate each item's minutes for statements by
 * non-governmental speakers to the requests -- an order and minutes --,
 * decline the rest with a reason and publish the item's speakers' list
 * (POST /api/v1/meetings/{id}/speakers, the one path of the API and of
 * the staff page); the published lists (GET /meetings/{id}/speakers and
 * its JSON twin); staff's CSV; and the open speaking windows for the
 * open opportunities.
 *
 * A request is checked in this order, each refusal saying why and nothing
 * written: the caller is an admin of the organization and it meets the
 * session's rule (403 naming it, the nominations' own check), the speaking
 * window is open (409 saying whether it opens later, closed or is not
 * set), the fields (422 naming each; an item that is not open to
 * statements is a 422 naming the item; the speaker is one of the
 * organization's approved delegates for the session, or a name), and one
 * live request (pending or allocated) an organization and item (409).
 * The organization's admins change or withdraw it while it is pending
 * (not once it stands on a published list: only withdraw it then, which
 * takes it off the list).
 *
 * Staff's allocation is per item: each request allocated (an order and
 * minutes), declined (a reason) or left pending, in one transaction that
 * is refused (409 saying the sums) when the minutes allocated would be
 * more than the item's.  The order is kept as 1, 2, 3... by the orders
 * given.  Publishing is explicit: it records the list as published and,
 * for each request whose slot (allocated with its order and minutes, or
 * declined with its reason) is not the one published last, mails the
 * organization's admins and writes the organization's history; a
 * republished list mails only those whose slot changed.  Who is not staff
 * sees a request's slot as published, never staff's work before it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/directory/directory.h"
#include "app/directory/regions.h"
#include "app/events/events.h"
#include "app/meetings/meetings_int.h"
#include "app/orgs/orgs.h"
#include "core/buf.h"
#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

#define MTG_SPK_REASON_MAX 2000	/* bytes of staff's reason */
#define MTG_SPK_ORDER_MAX 999	/* an order on a list */

static const struct field spk_fields[] = {
	{ "organization_id", FT_INT, 1, 1, INT64_MAX, NULL, NULL,
	    N_("Say which organization asks to speak.") },
	{ "item", FT_LINE, 1, 1, MTG_ITEM_NUMBER_MAX, NULL, NULL,
	    N_("Choose the agenda item.") },
	{ "nomination_id", FT_INT, 0, 1, INT64_MAX, NULL, NULL,
	    N_("Choose one of your organization's approved delegates.") },
	{ "speaker_name", FT_LINE, 0, 2, 200, NULL, NULL, NULL },
	{ "speaker_title", FT_LINE, 0, 0, 200, NULL, NULL, NULL },
	{ "summary", FT_TEXT, 1, 10, 2000, NULL, NULL, NULL },
	{ "minutes", FT_INT, 1, 1, MTG_SPK_MINUTES_MAX, NULL, NULL,
	    N_("Ask for 1 to 30 minutes.") },
};
#define SPK_NFIELDS (sizeof spk_fields / sizeof spk_fields[0])

static const char *
tr(struct req *r, const char *msg)
{
	return view_tr(r->app->views, r->locale, msg);
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

/* The agenda item of stored session s numbered number, or NULL. */
static json_t *
agenda_item(json_t *s, const char *number)
{
	json_t *it;
	size_t i;

	json_array_foreach(json_object_get(s, "agenda"), i, it)
		if (number && strcmp(json_string_value(json_object_get(it, "number")), number) == 0)
			return it;
	return NULL;
}

/* "<body>, <title>" of stored session s in language lang. */
static const char *
session_heading(struct req *r, json_t *s, const char *lang)
{
	const char *fr = json_string_value(json_object_get(s, "body_name_fr"));

	return arena_printf(r->a, "%s, %s", lang && strcmp(lang, "fr") == 0 && fr && *fr ? fr :
	    json_string_value(json_object_get(s, "body_name_en")),
	    json_string_value(json_object_get(s, "title")));
}

/* Stored request q of stored session s as r's caller sees it (the API's
 * SpeakingRequest): staff its current slot; others the slot as published
 * (pending until then).  New reference. */
static json_t *
spk_view(struct req *r, json_t *s, json_t *q)
{
	static const char *const copied[] = { "id", "meeting_id", "organization_id",
		"organization", "organization_country", "organization_region",
		"organization_kind", "item", "nomination_id", "speaker_name", "speaker_title",
		"summary", "minutes", NULL };
	int staff = r->user && r->user->role >= ROLE_STAFF;
	const char *st = json_string_value(json_object_get(q, "status"));
	const char *pub = json_string_value(json_object_get(q, "published_status"));
	json_t *o = json_object(), *it;
	const char *const *k;
	int same;

	for (k = copied; *k; k++)
		json_object_set(o, *k, json_object_get(q, *k));
	/* the region the organization gave, else its country's */
	if (!*json_string_value(json_object_get(q, "organization_region")) &&
	    *json_string_value(json_object_get(q, "organization_country")) &&
	    m49_region(json_string_value(json_object_get(q, "organization_country"))))
		json_object_set_new(o, "organization_region", json_string(m49_region(
		    json_string_value(json_object_get(q, "organization_country")))));
	it = agenda_item(s, json_string_value(json_object_get(q, "item")));
	json_object_set_new(o, "item_title", json_string(it ? json_string_value(
	    json_object_get(it, "title")) : ""));
	same = strcmp(st, pub) == 0 && json_equal(json_object_get(q, "order"),
	    json_object_get(q, "published_order")) && json_equal(json_object_get(q,
	    "minutes_allocated"), json_object_get(q, "published_minutes")) &&
	    json_equal(json_object_get(q, "reason"), json_object_get(q, "published_reason"));
	if (staff || strcmp(st, "withdrawn") == 0) {
		json_object_set(o, "status", json_object_get(q, "status"));
		json_object_set(o, "order", json_object_get(q, "order"));
		json_object_set(o, "minutes_allocated", json_object_get(q, "minutes_allocated"));
		json_object_set(o, "reason", json_object_get(q, "reason"));
	} else if (*pub) {
		json_object_set_new(o, "status", json_string(pub));
		json_object_set(o, "order", json_object_get(q, "published_order"));
		json_object_set(o, "minutes_allocated", json_object_get(q, "published_minutes"));
		json_object_set(o, "reason", json_object_get(q, "published_reason"));
	} else {
		json_object_set_new(o, "status", json_string("pending"));
		json_object_set_new(o, "order", json_null());
		json_object_set_new(o, "minutes_allocated", json_null());
		json_object_set_new(o, "reason", json_string(""));
	}
	json_object_set_new(o, "published", json_boolean(*pub && same));
	json_object_set_new(o, "created_at", mtg_utc_or_null(json_object_get(q, "created_at")));
	json_object_set_new(o, "updated_at", mtg_utc_or_null(json_object_get(q, "updated_at")));
	json_object_set_new(o, "decided_at", staff ? mtg_utc_or_null(json_object_get(q,
	    "decided_at")) : json_null());
	return o;
}

/* Whether stored session s takes requests to speak at now: WS_OK, or
 * WS_ECONFLICT with w->detail saying when. */
static enum ws_err
window_open(struct req *r, struct resp *w, json_t *s, int64_t now)
{
	const char *st = mtg_window_state(s, "speaking_opens_at", "speaking_closes_at", now);
	const char *zone = json_string_value(json_object_get(s, "timezone"));
	json_t *t;

	if (strcmp(st, "not_set") == 0) {
		w->detail = N_("This session takes no requests to speak yet: staff have not set "
		    "when.");
		return WS_ECONFLICT;
	}
	if (strcmp(st, "upcoming") == 0) {
		t = events_when(r, zone, json_integer_value(json_object_get(s,
		    "speaking_opens_at")));
		w->detail = mtg_sub(r, N_("Requests to speak at this session open on {{when}}."),
		    "when", arena_strdup(r->a, json_string_value(json_object_get(t, "text"))));
		json_decref(t);
		return WS_ECONFLICT;
	}
	if (strcmp(st, "closed") == 0) {
		t = events_when(r, zone, json_integer_value(json_object_get(s,
		    "speaking_closes_at")));
		w->detail = mtg_sub(r, N_("Requests to speak at this session closed on {{when}}."),
		    "when", arena_strdup(r->a, json_string_value(json_object_get(t, "text"))));
		json_decref(t);
		return WS_ECONFLICT;
	}
	return WS_OK;
}

/* The entry of request rid in organization org's history. */
static void
history(struct req *r, struct db *d, json_t *s, int64_t org, const char *action,
    const char *item, int64_t rid, const char *what)
{
	org_history_add(r->app, d, org, r->user->id, 0, action, r->ip, arena_printf(r->a,
	    "session %lld: %s, %s (request to speak %lld on item %s%s%s)",
	    (long long)json_integer_value(json_object_get(s, "id")),
	    json_string_value(json_object_get(s, "body_name_en")),
	    json_string_value(json_object_get(s, "title")), (long long)rid, item,
	    what ? ": " : "", what ? what : ""));
}

/* ---- asking to speak ----------------------------------------------------------- */

/*
 * Checks r->in as a request of stored session s (id) by r's caller, over
 * was (the stored request being changed, or NULL): who, when, what.  The
 * checked values ({organization_id, item, nomination_id, speaker_name,
 * speaker_title, summary, minutes}) into *out (new reference); a refusal
 * into w (WS_EFORBIDDEN, WS_ECONFLICT, WS_EINVAL with w->errors).
 */
static enum ws_err
request_check(struct req *r, struct resp *w, int64_t id, json_t *s, json_t *was, json_t **out)
{
	json_t *values = NULL, *errors = NULL, *org = NULL, *it, *x, *in = r->in, *orig = r->in;
	struct mtg_nom_filter f = { "approved", 0 };
	int64_t oid, nid, total = 0;
	const char *item;
	int admin = 0;
	enum ws_err rc;

	*out = NULL;
	if (!json_is_object(in)) {
		w->detail = N_("Send the request's fields as a JSON object.");
		return WS_EINVAL;
	}
	/* what a change does not send keeps its value; an item may be a number */
	in = json_deep_copy(in);
	if (was) {
		static const char *const kept[] = { "organization_id", "item", "nomination_id",
			"speaker_name", "speaker_title", "summary", "minutes", NULL };
		const char *const *k;

		for (k = kept; *k; k++)
			if (!json_object_get(in, *k) && !json_is_null(json_object_get(was, *k)))
				json_object_set(in, *k, json_object_get(was, *k));
		json_object_set(in, "organization_id", json_object_get(was, "organization_id"));
	}
	if (json_is_integer(x = json_object_get(in, "item")))
		json_object_set_new(in, "item", json_string(arena_printf(r->a, "%lld",
		    (long long)json_integer_value(x))));
	if (json_is_null(json_object_get(in, "nomination_id")))
		json_object_del(in, "nomination_id");
	r->in = in;
	rc = form_check(r, spk_fields, SPK_NFIELDS, &values, &errors);
	r->in = orig;
	if (rc != WS_OK && json_object_get(errors, "organization_id")) {
		w->errors = errors;
		errors = NULL;
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	rc = WS_OK;
	/* who: an admin of an organization that meets the session's rule */
	oid = json_integer_value(json_object_get(values, "organization_id"));
	if ((rc = mtg_admin_of(r, oid, &admin)) != WS_OK)
		goto out;
	if (!admin) {
		w->detail = N_("Only an admin of the organization may ask to speak for it.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	/* the calls' rule: an address nobody confirmed keeps nothing */
	if (!r->user->verified_at) {
		w->detail = N_("Confirm your email address before applying.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	if ((rc = org_load(req_db(r), oid, &org)) != WS_OK)
		goto out;
	if (!mtg_org_eligible(s, org)) {
		w->detail = mtg_rule_refused(s);
		rc = WS_EFORBIDDEN;
		goto out;
	}
	/* when */
	if ((rc = window_open(r, w, s, now_s())) != WS_OK)
		goto out;
	/* what: the item, the minutes it has, the speaker */
	if (!errors)
		errors = json_object();
	item = json_string_value(json_object_get(values, "item"));
	it = agenda_item(s, item);
	if (!json_object_get(errors, "item") && (!it || !json_is_true(json_object_get(it,
	    "statements"))))
		json_object_set_new(errors, "item", json_string(it ? mtg_sub(r, N_("Item {{item}} of "
		    "the agenda is not open to statements."), "item", item) : mtg_sub(r, N_("The "
		    "agenda has no item {{item}}."), "item", item)));
	if (it && json_is_integer(json_object_get(it, "minutes")) &&
	    !json_object_get(errors, "minutes") &&
	    json_is_integer(json_object_get(values, "minutes")) &&
	    json_integer_value(json_object_get(values, "minutes")) >
	    json_integer_value(json_object_get(it, "minutes")))
		json_object_set_new(errors, "minutes", json_string(mtg_sub(r, mtg_sub(r, N_("Item {{item}} "
		    "has {{minutes}} minutes for statements: ask for that or less."), "item", item),
		    "minutes", arena_printf(r->a, "%lld", (long long)json_integer_value(
		    json_object_get(it, "minutes"))))));
	nid = json_integer_value(json_object_get(values, "nomination_id"));
	if (nid > 0) {
		json_t *rows = NULL, *n;
		size_t i;
		int found = 0;

		f.org = oid;
		if ((rc = mtg_nom_list(req_db(r), id, 0, "", &f, 1, APP_PER_PAGE_MAX, &rows,
		    &total)) != WS_OK) {
			json_decref(rows);
			goto out;
		}
		json_array_foreach(rows, i, n)
			if (json_integer_value(json_object_get(n, "id")) == nid) {
				found = 1;
				json_object_set(values, "speaker_name", json_object_get(n, "name"));
				json_object_set(values, "speaker_title", json_object_get(n, "title"));
			}
		json_decref(rows);
		if (!found)
			json_object_set_new(errors, "nomination_id", json_string(tr(r,
			    N_("Choose one of your organization's approved delegates to this "
			    "session."))));
	} else {
		json_object_set_new(values, "nomination_id", json_null());
		if (!json_object_get(errors, "speaker_name") &&
		    !*json_string_value(json_object_get(values, "speaker_name")))
			json_object_set_new(errors, "speaker_name", json_string(tr(r,
			    N_("Say who speaks: one of your approved delegates, or a name."))));
	}
	if (json_object_size(errors)) {
		w->errors = errors;
		errors = NULL;
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	*out = values;
	values = NULL;
out:
	json_decref(in);
	json_decref(values);
	json_decref(errors);
	json_decref(org);
	return rc;
}

/* A second live request of the same organization on the same item. */
static enum ws_err
refuse_twice(struct req *r, struct resp *w)
{
	w->detail = N_("Your organization has asked to speak on this item already; change or "
	    "withdraw that request.");
	w->errors = json_pack("{s:s}", "item", tr(r, w->detail));
	return WS_ECONFLICT;
}

enum ws_err
h_speaking_request_add(struct req *r, struct resp *w)
{
	json_t *s = NULL, *values = NULL, *q = NULL;
	struct db *d = req_db(r);
	int64_t id, oid, rid = 0, other = 0;
	enum ws_err rc;

	if ((rc = session_param(r, &id, &s)) != WS_OK)
		return rc;
	if ((rc = request_check(r, w, id, s, NULL, &values)) != WS_OK)
		goto out;
	oid = json_integer_value(json_object_get(values, "organization_id"));
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = mtg_lock(d, id)) != WS_OK || (rc = mtg_spk_live(d, id,
	    json_string_value(json_object_get(values, "item")), oid, 0, &other)) != WS_OK)
		goto rollback;
	if (other) {
		rc = refuse_twice(r, w);
		goto rollback;
	}
	if ((rc = mtg_spk_insert(d, id, oid, r->user->id, values, &rid)) != WS_OK)
		goto rollback;
	history(r, d, s, oid, "meeting.speaking_requested", json_string_value(json_object_get(
	    values, "item")), rid, json_string_value(json_object_get(values, "speaker_name")));
	if ((rc = db_commit(d)) != WS_OK)
		goto rollback;
	if ((rc = mtg_spk_get(d, id, rid, &q)) != WS_OK)
		goto out;
	resp_value(w, spk_view(r, s, q));
	w->status = 201;
	goto out;
rollback:
	db_rollback(d);
out:
	json_decref(s);
	json_decref(values);
	json_decref(q);
	return rc;
}

/* Request {rid} of session {id} as stored, that r's caller may see (staff,
 * or an admin of its organization now); WS_ENOTFOUND otherwise.  *admin:
 * whether they are such an admin. */
static enum ws_err
request_param(struct req *r, int64_t *id, json_t **s, json_t **q, int *admin)
{
	int64_t rid;
	enum ws_err rc;

	*q = NULL;
	*admin = 0;
	if ((rc = session_param(r, id, s)) != WS_OK)
		return rc;
	if (parse_int(r->params[1], 1, INT64_MAX, &rid) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = mtg_spk_get(req_db(r), *id, rid, q)) != WS_OK)
		return rc;
	if ((rc = mtg_admin_of(r, json_integer_value(json_object_get(*q, "organization_id")),
	    admin)) != WS_OK)
		return rc;
	if (!*admin && r->user->role < ROLE_STAFF)
		return WS_ENOTFOUND;
	return WS_OK;
}

enum ws_err
h_speaking_request(struct req *r, struct resp *w)
{
	json_t *s = NULL, *q = NULL;
	int64_t id;
	int admin;
	enum ws_err rc;

	if ((rc = request_param(r, &id, &s, &q, &admin)) == WS_OK)
		resp_value(w, spk_view(r, s, q));
	json_decref(s);
	json_decref(q);
	return rc;
}

/* A request that is not pending any more cannot be changed or withdrawn. */
static enum ws_err
refuse_decided(struct resp *w)
{
	w->detail = N_("This request is not pending any more: staff have decided it, or it was "
	    "withdrawn.");
	return WS_ECONFLICT;
}

enum ws_err
h_speaking_request_edit(struct req *r, struct resp *w)
{
	json_t *s = NULL, *q = NULL, *values = NULL;
	struct db *d = req_db(r);
	int64_t id, rid, oid, other = 0;
	int admin, done = 0;
	enum ws_err rc;

	if ((rc = request_param(r, &id, &s, &q, &admin)) != WS_OK)
		goto out;
	if (!admin) {
		w->detail = N_("Only an admin of the organization may change its request.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	/* pending, and not standing on a published list: what it shows changes
	 * only when staff publish */
	if (strcmp(json_string_value(json_object_get(q, "status")), "pending") != 0 ||
	    strcmp(json_string_value(json_object_get(q, "published_status")), "allocated") == 0) {
		rc = refuse_decided(w);
		goto out;
	}
	if ((rc = request_check(r, w, id, s, q, &values)) != WS_OK)
		goto out;
	rid = json_integer_value(json_object_get(q, "id"));
	oid = json_integer_value(json_object_get(q, "organization_id"));
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = mtg_lock(d, id)) != WS_OK || (rc = mtg_spk_live(d, id,
	    json_string_value(json_object_get(values, "item")), oid, rid, &other)) != WS_OK)
		goto rollback;
	if (other) {
		rc = refuse_twice(r, w);
		goto rollback;
	}
	if ((rc = mtg_spk_update(d, rid, values, &done)) != WS_OK)
		goto rollback;
	if (!done) {
		rc = refuse_decided(w);
		goto rollback;
	}
	history(r, d, s, oid, "meeting.speaking_changed", json_string_value(json_object_get(
	    values, "item")), rid, NULL);
	if ((rc = db_commit(d)) != WS_OK)
		goto rollback;
	json_decref(q);
	q = NULL;
	if ((rc = mtg_spk_get(d, id, rid, &q)) == WS_OK)
		resp_value(w, spk_view(r, s, q));
	goto out;
rollback:
	db_rollback(d);
out:
	json_decref(s);
	json_decref(q);
	json_decref(values);
	return rc;
}

enum ws_err
h_speaking_request_withdraw(struct req *r, struct resp *w)
{
	json_t *s = NULL, *q = NULL;
	struct db *d = req_db(r);
	int64_t id, rid;
	int admin, done = 0;
	enum ws_err rc;

	if ((rc = request_param(r, &id, &s, &q, &admin)) != WS_OK)
		goto out;
	if (!admin) {
		w->detail = N_("Only an admin of the organization may withdraw its request.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	rid = json_integer_value(json_object_get(q, "id"));
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = mtg_spk_withdraw(d, rid, &done)) != WS_OK)
		goto rollback;
	if (!done) {
		rc = refuse_decided(w);
		goto rollback;
	}
	history(r, d, s, json_integer_value(json_object_get(q, "organization_id")),
	    "meeting.speaking_withdrawn", json_string_value(json_object_get(q, "item")), rid,
	    NULL);
	if ((rc = db_commit(d)) != WS_OK)
		goto rollback;
	json_decref(q);
	q = NULL;
	if ((rc = mtg_spk_get(d, id, rid, &q)) == WS_OK)
		resp_value(w, spk_view(r, s, q));
	goto out;
rollback:
	db_rollback(d);
out:
	json_decref(s);
	json_decref(q);
	return rc;
}

enum ws_err
h_speaking_requests(struct req *r, struct resp *w)
{
	json_t *s = NULL, *rows = NULL, *items, *q;
	int64_t id;
	enum ws_err rc;
	size_t i;

	if ((rc = session_param(r, &id, &s)) != WS_OK)
		return rc;
	if ((rc = mtg_spk_list(req_db(r), id, r->user->role >= ROLE_STAFF ? 0 : r->user->id,
	    &rows)) == WS_OK) {
		items = json_array();
		json_array_foreach(rows, i, q)
			json_array_append_new(items, spk_view(r, s, q));
		resp_value(w, json_pack("{s:I,s:I,s:o}", "meeting_id", (json_int_t)id, "total",
		    (json_int_t)json_array_size(items), "items", items));
	}
	json_decref(rows);
	json_decref(s);
	return rc;
}

/* ---- the published lists ------------------------------------------------------ */

enum ws_err
mtg_spk_published(struct req *r, json_t *s, json_t **out)
{
	int64_t id = json_integer_value(json_object_get(s, "id"));
	json_t *rows = NULL, *lists = NULL, *items = json_array(), *it, *q;
	enum ws_err rc;
	size_t i, k;

	*out = NULL;
	if ((rc = mtg_spk_list(req_db(r), id, 0, &rows)) != WS_OK ||
	    (rc = mtg_spk_lists(req_db(r), id, &lists)) != WS_OK)
		goto out;
	json_array_foreach(json_object_get(s, "agenda"), i, it) {
		const char *num = json_string_value(json_object_get(it, "number"));
		json_t *at = json_object_get(lists, num), *speakers = json_array();

		if (!at) {
			json_decref(speakers);
			continue;
		}
		json_array_foreach(rows, k, q) {
			json_t *sp;
			size_t j;

			if (strcmp(json_string_value(json_object_get(q, "item")), num) != 0 ||
			    strcmp(json_string_value(json_object_get(q, "published_status")),
			    "allocated") != 0 ||
			    strcmp(json_string_value(json_object_get(q, "status")), "withdrawn") == 0)
				continue;
			sp = json_pack("{s:O,s:O,s:O,s:O,s:O}", "order", json_object_get(q,
			    "published_order"), "organization", json_object_get(q, "organization"),
			    "speaker_name", json_object_get(q, "speaker_name"), "speaker_title",
			    json_object_get(q, "speaker_title"), "minutes", json_object_get(q,
			    "published_minutes"));
			/* by order */
			for (j = 0; j < json_array_size(speakers); j++)
				if (json_integer_value(json_object_get(json_array_get(speakers, j),
				    "order")) > json_integer_value(json_object_get(sp, "order")))
					break;
			json_array_insert_new(speakers, j, sp);
		}
		json_array_append_new(items, json_pack("{s:O,s:O,s:O,s:o,s:o}", "number",
		    json_object_get(it, "number"), "title", json_object_get(it, "title"), "minutes",
		    json_object_get(it, "minutes") ? json_object_get(it, "minutes") : json_null(),
		    "published_at", mtg_utc_or_null(at), "speakers", speakers));
	}
	*out = json_pack("{s:I,s:s,s:O,s:O}", "meeting_id", (json_int_t)id, "session",
	    session_heading(r, s, r->locale), "timezone", json_object_get(s, "timezone"),
	    "items", items);
out:
	json_decref(items);
	json_decref(rows);
	json_decref(lists);
	return rc;
}

enum ws_err
h_meeting_speakers(struct req *r, struct resp *w)
{
	json_t *s = NULL, *val = NULL;
	int64_t id;
	enum ws_err rc;

	if ((rc = session_param(r, &id, &s)) != WS_OK)
		return rc;
	if ((rc = mtg_spk_published(r, s, &val)) == WS_OK) {
		if (!r->api)
			mtg_speakers_page(r, val);
		resp_value(w, val);
		w->tpl = "meeting_speakers";
		w->title = N_("Speakers' lists");
	}
	json_decref(s);
	return rc;
}

/* ---- staff: allocate, decline, publish ------------------------------------------ */

enum ws_err
mtg_spk_staff_value(struct req *r, json_t *s, json_t **out)
{
	int64_t id = json_integer_value(json_object_get(s, "id"));
	json_t *rows = NULL, *lists = NULL, *items = json_array(), *it, *q;
	enum ws_err rc;
	size_t i, k;

	*out = NULL;
	if ((rc = mtg_spk_list(req_db(r), id, 0, &rows)) != WS_OK ||
	    (rc = mtg_spk_lists(req_db(r), id, &lists)) != WS_OK)
		goto out;
	json_array_foreach(json_object_get(s, "agenda"), i, it) {
		const char *num = json_string_value(json_object_get(it, "number"));
		json_t *reqs, *v;
		int64_t allocated = 0;
		int changed = 0;

		if (!json_is_true(json_object_get(it, "statements")))
			continue;
		reqs = json_array();
		json_array_foreach(rows, k, q) {
			if (strcmp(json_string_value(json_object_get(q, "item")), num) != 0)
				continue;
			v = spk_view(r, s, q);
			if (strcmp(json_string_value(json_object_get(q, "status")), "allocated") == 0)
				allocated += json_integer_value(json_object_get(q, "minutes_allocated"));
			if (!json_is_true(json_object_get(v, "published")) &&
			    strcmp(json_string_value(json_object_get(q, "status")), "withdrawn") != 0 &&
			    (strcmp(json_string_value(json_object_get(q, "status")), "pending") != 0 ||
			    *json_string_value(json_object_get(q, "published_status"))))
				changed = 1;
			json_array_append_new(reqs, v);
		}
		json_array_append_new(items, json_pack("{s:O,s:O,s:O,s:I,s:o,s:b,s:o}", "number",
		    json_object_get(it, "number"), "title", json_object_get(it, "title"), "minutes",
		    json_object_get(it, "minutes") ? json_object_get(it, "minutes") : json_null(),
		    "minutes_allocated", (json_int_t)allocated, "published_at",
		    mtg_utc_or_null(json_object_get(lists, num)), "unpublished_changes", changed,
		    "requests", reqs));
	}
	*out = json_pack("{s:I,s:s,s:O,s:O}", "meeting_id", (json_int_t)id, "session",
	    session_heading(r, s, r->locale), "timezone", json_object_get(s, "timezone"),
	    "items", items);
out:
	json_decref(items);
	json_decref(rows);
	json_decref(lists);
	return rc;
}

/* Mails the people who speak for request q's organization now
 * (org_admin_recipients) about its published slot on
 * item of stored session s, in the caller's transaction. */
static enum ws_err
mail_slot(struct req *r, struct db *d, json_t *s, json_t *q)
{
	const char *status = json_string_value(json_object_get(q, "status"));
	json_t *admins = NULL, *a;
	enum ws_err rc;
	size_t i;

	if ((rc = org_admin_recipients(r, d, json_integer_value(json_object_get(q,
	    "organization_id")), &admins)) != WS_OK)
		goto out;
	json_array_foreach(admins, i, a) {
		const char *lang = json_string_value(json_object_get(a, "lang"));
		struct buf body;
		json_t *ctx;

		ctx = json_pack("{s:O,s:s,s:O,s:O,s:O,s:s,s:s,s:b}", "name", json_object_get(a,
		    "name"), "site", r->app->cfg.org_name, "organization", json_object_get(q,
		    "organization"), "speaker", json_object_get(q, "speaker_name"), "item",
		    json_object_get(q, "item"), "session", session_heading(r, s, lang), "href",
		    arena_printf(r->a, "%s/meetings/%lld/speakers", r->app->cfg.base_url ?
		    r->app->cfg.base_url : "", (long long)json_integer_value(json_object_get(s,
		    "id"))), status, 1);
		json_object_set_new(ctx, "order", json_string(arena_printf(r->a, "%lld",
		    (long long)json_integer_value(json_object_get(q, "order")))));
		json_object_set_new(ctx, "minutes", json_string(arena_printf(r->a, "%lld",
		    (long long)json_integer_value(json_object_get(q, "minutes_allocated")))));
		if (*json_string_value(json_object_get(q, "reason")))
			json_object_set(ctx, "reason", json_object_get(q, "reason"));
		if (*json_string_value(json_object_get(q, "published_status")))
			json_object_set_new(ctx, "changed", json_true());
		buf_init(&body, 64 * 1024);
		rc = view_render(r->app->views, "mail_speaking_decision", ctx, lang, &body);
		if (rc == WS_OK)
			rc = app_mail(r->app, d, json_string_value(json_object_get(a, "email")),
			    view_tr(r->app->views, lang, strcmp(status, "allocated") == 0 ?
			    N_("On the speakers' list") : N_("About a request to speak")),
			    buf_str(&body));
		buf_free(&body);
		json_decref(ctx);
		if (rc != WS_OK)
			break;
	}
out:
	json_decref(admins);
	return rc;
}

/* Publishes item of stored session s (id) in the caller's transaction:
 * each request whose slot changed since it was last published mailed,
 * in its organization's history, and marked as published. */
static enum ws_err
publish_item(struct req *r, struct db *d, int64_t id, json_t *s, const char *item)
{
	json_t *rows = NULL, *q;
	enum ws_err rc;
	size_t i;

	if ((rc = mtg_spk_list_put(d, id, item, r->user->id)) != WS_OK ||
	    (rc = mtg_spk_list(d, id, 0, &rows)) != WS_OK)
		goto out;
	json_array_foreach(rows, i, q) {
		const char *st = json_string_value(json_object_get(q, "status"));
		int64_t rid = json_integer_value(json_object_get(q, "id"));

		if (strcmp(json_string_value(json_object_get(q, "item")), item) != 0 ||
		    strcmp(st, "withdrawn") == 0)
			continue;
		if (strcmp(st, json_string_value(json_object_get(q, "published_status"))) == 0 &&
		    json_equal(json_object_get(q, "order"), json_object_get(q, "published_order")) &&
		    json_equal(json_object_get(q, "minutes_allocated"), json_object_get(q,
		    "published_minutes")) && json_equal(json_object_get(q, "reason"),
		    json_object_get(q, "published_reason")))
			continue;
		if (strcmp(st, "pending") != 0) {
			if ((rc = mail_slot(r, d, s, q)) != WS_OK)
				goto out;
			history(r, d, s, json_integer_value(json_object_get(q, "organization_id")),
			    strcmp(st, "allocated") == 0 ? "meeting.speaking_allocated" :
			    "meeting.speaking_declined", item, rid, strcmp(st, "allocated") == 0 ?
			    arena_printf(r->a, "order %lld, %lld minutes",
			    (long long)json_integer_value(json_object_get(q, "order")),
			    (long long)json_integer_value(json_object_get(q, "minutes_allocated"))) :
			    json_string_value(json_object_get(q, "reason")));
		}
		if ((rc = mtg_spk_mark_published(d, rid)) != WS_OK)
			goto out;
	}
out:
	json_decref(rows);
	return rc;
}

/* One request's decision as sent: {id, decision, order, minutes, reason}. */
struct spk_decision {
	int64_t id;
	const char *status;	/* "allocated", "declined", "pending" */
	int64_t order, minutes;
	const char *reason;
};

static int
decision_cmp(const void *a, const void *b)
{
	const struct spk_decision *x = a, *y = b;

	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

enum ws_err
mtg_spk_allocate(struct req *r, struct resp *w, json_t *s, json_t *in)
{
	int64_t id = json_integer_value(json_object_get(s, "id"));
	json_t *errors = json_object(), *rows = NULL, *reqs, *x, *q, *it;
	struct spk_decision *dec = NULL, *alloc = NULL;
	struct db *d = req_db(r);
	const char *item;
	int64_t total = 0, pos;
	size_t i, k, n = 0, na = 0;
	int began = 0;
	enum ws_err rc = WS_OK;

	item = json_is_integer(json_object_get(in, "item")) ? arena_printf(r->a, "%lld",
	    (long long)json_integer_value(json_object_get(in, "item"))) :
	    json_string_value(json_object_get(in, "item"));
	it = agenda_item(s, item);
	if (!it || !json_is_true(json_object_get(it, "statements"))) {
		json_object_set_new(errors, "item", json_string(item && it ? mtg_sub(r, N_("Item "
		    "{{item}} of the agenda is not open to statements."), "item", item) :
		    tr(r, N_("Choose an agenda item open to statements."))));
		goto refused;
	}
	reqs = json_object_get(in, "requests");
	if (reqs && (!json_is_array(reqs) || json_array_size(reqs) > MTG_SPK_LIST_MAX)) {
		json_object_set_new(errors, "requests", json_string(tr(r, N_("List the requests "
		    "as [{id, decision, order, minutes, reason}]."))));
		goto refused;
	}
	/* the requests read under the session's lock, so two of staff at once
	 * cannot pass the item's minutes between them */
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	began = 1;
	if ((rc = mtg_lock(d, id)) != WS_OK || (rc = mtg_spk_list(d, id, 0, &rows)) != WS_OK)
		goto out;
	dec = xcalloc(json_array_size(reqs) + 1, sizeof *dec);
	json_array_foreach(reqs, i, x) {
		const char *dc = json_string_value(json_object_get(x, "decision"));
		json_t *o = json_object_get(x, "order"), *m = json_object_get(x, "minutes");
		const char *reason = json_string_value(json_object_get(x, "reason"));
		int found = 0;

		dec[n].id = json_integer_value(json_object_get(x, "id"));
		json_array_foreach(rows, k, q)
			if (json_integer_value(json_object_get(q, "id")) == dec[n].id &&
			    strcmp(json_string_value(json_object_get(q, "item")), item) == 0 &&
			    strcmp(json_string_value(json_object_get(q, "status")), "withdrawn") != 0)
				found = 1;
		for (k = 0; k < n; k++)
			if (dec[k].id == dec[n].id)
				found = 0;
		if (!json_is_object(x) || !found) {
			json_object_set_new(errors, "requests", json_string(mtg_sub(r, N_("Request {{id}} "
			    "is not a live request on this item (or is listed twice)."), "id",
			    arena_printf(r->a, "%lld", (long long)dec[n].id))));
			goto refused;
		}
		if (dc && strcmp(dc, "allocate") == 0) {
			if (!json_is_integer(m) || json_integer_value(m) < 1 ||
			    json_integer_value(m) > MTG_ITEM_MINUTES_MAX ||
			    (o && !json_is_null(o) && (!json_is_integer(o) || json_integer_value(o) < 1 ||
			    json_integer_value(o) > MTG_SPK_ORDER_MAX))) {
				json_object_set_new(errors, arena_printf(r->a, "r%lld", (long long)
				    dec[n].id), json_string(tr(r, N_("Give minutes from 1 to 600 and an "
				    "order from 1 to 999."))));
				continue;
			}
			dec[n].status = "allocated";
			dec[n].minutes = json_integer_value(m);
			dec[n].order = json_is_integer(o) ? json_integer_value(o) : MTG_SPK_ORDER_MAX;
			dec[n].reason = "";
		} else if (dc && strcmp(dc, "decline") == 0) {
			if (!reason || !*reason || strlen(reason) > MTG_SPK_REASON_MAX ||
			    !utf8_valid_text(reason, strlen(reason), 1)) {
				json_object_set_new(errors, arena_printf(r->a, "r%lld", (long long)
				    dec[n].id), json_string(tr(r, N_("Say why the request is declined "
				    "(at most 2000 characters): the organization reads it."))));
				continue;
			}
			dec[n].status = "declined";
			dec[n].reason = reason;
		} else if (dc && strcmp(dc, "pending") == 0) {
			dec[n].status = "pending";
			dec[n].reason = "";
		} else {
			json_object_set_new(errors, arena_printf(r->a, "r%lld", (long long)dec[n].id),
			    json_string(tr(r, N_("The decision is allocate, decline or pending."))));
			continue;
		}
		n++;
	}
	if (json_object_size(errors))
		goto refused;

	/* the order as 1, 2, 3...: the allocated, those sent and those kept, by
	 * the order given, then the oldest first */
	alloc = xcalloc(json_array_size(rows) + 1, sizeof *alloc);
	json_array_foreach(rows, k, q) {
		int64_t qid = json_integer_value(json_object_get(q, "id"));
		struct spk_decision *sent = NULL;

		if (strcmp(json_string_value(json_object_get(q, "item")), item) != 0)
			continue;
		for (i = 0; i < n; i++)
			if (dec[i].id == qid)
				sent = &dec[i];
		if (sent && strcmp(sent->status, "allocated") == 0) {
			alloc[na++] = *sent;
		} else if (!sent && strcmp(json_string_value(json_object_get(q, "status")),
		    "allocated") == 0) {
			alloc[na].id = qid;
			alloc[na].status = "allocated";
			alloc[na].order = json_integer_value(json_object_get(q, "order"));
			alloc[na].minutes = json_integer_value(json_object_get(q, "minutes_allocated"));
			alloc[na++].reason = "";
		}
	}
	for (i = 0; i < na; i++)
		total += alloc[i].minutes;
	/* the item's minutes, never more */
	if (na > 0 && (!json_is_integer(json_object_get(it, "minutes")) || total >
	    json_integer_value(json_object_get(it, "minutes")))) {
		const char *msg = json_is_integer(json_object_get(it, "minutes")) ?
		    mtg_sub(r, N_("The minutes allocated on item {{item}} add up to {{total}}, more than "
		    "the {{minutes}} minutes it has for statements."), "item", item) :
		    mtg_sub(r, N_("Item {{item}} has no minutes for statements set: set them in the "
		    "session's agenda first."), "item", item);

		msg = mtg_sub(r, msg, "total", arena_printf(r->a, "%lld", (long long)total));
		msg = mtg_sub(r, msg, "minutes", arena_printf(r->a, "%lld", (long long)
		    json_integer_value(json_object_get(it, "minutes"))));
		w->detail = msg;
		w->errors = json_pack("{s:s}", "requests", msg);
		rc = WS_ECONFLICT;
		goto out;
	}
	qsort(alloc, na, sizeof *alloc, decision_cmp);

	for (i = 0; i < n; i++) {
		if (strcmp(dec[i].status, "allocated") == 0)
			continue;
		if ((rc = mtg_spk_decide(d, dec[i].id, dec[i].status, 0, 0, dec[i].reason,
		    r->user->id)) != WS_OK)
			goto rollback;
	}
	for (i = 0, pos = 1; i < na; i++, pos++)
		if ((rc = mtg_spk_decide(d, alloc[i].id, "allocated", pos, alloc[i].minutes, "",
		    r->user->id)) != WS_OK)
			goto rollback;
	if (json_is_true(json_object_get(in, "publish")) &&
	    (rc = publish_item(r, d, id, s, item)) != WS_OK)
		goto rollback;
	app_audit_about(r->app, d, r->user->id, 0, 0, json_is_true(json_object_get(in,
	    "publish")) ? "meeting.speakers_published" : "meeting.speakers_allocated", r->ip,
	    arena_printf(r->a, "session %lld, item %s: %zu decided", (long long)id, item, n));
	if ((rc = db_commit(d)) != WS_OK)
		goto rollback;
	began = 0;
	goto out;
refused:
	w->errors = errors;
	errors = NULL;
	w->detail = N_("Some fields need your attention.");
	rc = WS_EINVAL;
	goto out;
rollback:
out:
	if (began)
		db_rollback(d);
	free(dec);
	free(alloc);
	json_decref(errors);
	json_decref(rows);
	return rc;
}

enum ws_err
h_meeting_speakers_allocate(struct req *r, struct resp *w)
{
	json_t *s = NULL, *val = NULL;
	int64_t id;
	enum ws_err rc;

	if ((rc = session_param(r, &id, &s)) != WS_OK)
		return rc;
	if (!json_is_object(r->in)) {
		w->detail = N_("Send the allocation as a JSON object.");
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = mtg_spk_allocate(r, w, s, r->in)) != WS_OK)
		goto out;
	if ((rc = mtg_spk_staff_value(r, s, &val)) == WS_OK)
		resp_value(w, val);
out:
	json_decref(s);
	return rc;
}

/* ---- staff's CSV ---------------------------------------------------------------- */

enum ws_err
h_meeting_speakers_csv(struct req *r, struct resp *w)
{
	static const char *const head[] = { "item", "order", "organization", "country",
		"region", "kind", "speaker", "speaker_title", "minutes_asked", "minutes_allocated",
		"status", "published", "reason", "summary", NULL };
	json_t *s = NULL, *val = NULL, *it, *q;
	struct buf *out = &w->raw;
	int64_t id;
	enum ws_err rc;
	size_t i, k, c;

	if ((rc = session_param(r, &id, &s)) != WS_OK)
		return rc;
	if ((rc = mtg_spk_staff_value(r, s, &val)) != WS_OK)
		goto out;
	rc = buf_adds(out, "\xEF\xBB\xBF");
	for (c = 0; rc == WS_OK && head[c]; c++)
		rc = dir_csv_cell(out, head[c], c == 0);
	if (rc == WS_OK)
		rc = buf_adds(out, "\r\n");
	json_array_foreach(json_object_get(val, "items"), i, it)
		json_array_foreach(json_object_get(it, "requests"), k, q) {
			const char *cells[14];
			const char *reg = json_string_value(json_object_get(q, "organization_region"));

			cells[0] = json_string_value(json_object_get(q, "item"));
			cells[1] = json_is_integer(json_object_get(q, "order")) ? arena_printf(r->a,
			    "%lld", (long long)json_integer_value(json_object_get(q, "order"))) : "";
			cells[2] = json_string_value(json_object_get(q, "organization"));
			cells[3] = json_string_value(json_object_get(q, "organization_country"));
			cells[4] = reg && *reg && m49_name(reg, "en") ? m49_name(reg, "en") : "";
			cells[5] = json_string_value(json_object_get(q, "organization_kind"));
			cells[6] = json_string_value(json_object_get(q, "speaker_name"));
			cells[7] = json_string_value(json_object_get(q, "speaker_title"));
			cells[8] = arena_printf(r->a, "%lld", (long long)json_integer_value(
			    json_object_get(q, "minutes")));
			cells[9] = json_is_integer(json_object_get(q, "minutes_allocated")) ?
			    arena_printf(r->a, "%lld", (long long)json_integer_value(json_object_get(q,
			    "minutes_allocated"))) : "";
			cells[10] = json_string_value(json_object_get(q, "status"));
			cells[11] = json_is_true(json_object_get(q, "published")) ? "yes" : "no";
			cells[12] = json_string_value(json_object_get(q, "reason"));
			cells[13] = json_string_value(json_object_get(q, "summary"));
			for (c = 0; rc == WS_OK && c < 14; c++)
				rc = dir_csv_cell(out, cells[c] ? cells[c] : "", c == 0);
			if (rc == WS_OK)
				rc = buf_adds(out, "\r\n");
		}
	if (rc != WS_OK)
		goto out;
	w->ctype = "text/csv; charset=utf-8";
	resp_header(w, "Content-Disposition", arena_printf(r->a,
	    "attachment; filename=\"session-%lld-speakers.csv\"", (long long)id));
	resp_header(w, "Cache-Control", "no-store");
out:
	json_decref(s);
	json_decref(val);
	return rc;
}

/* ---- the open opportunities ----------------------------------------------------- */

#define MTG_SPK_OPEN_MAX 200	/* open speaking windows read for a person */

enum ws_err
meetings_speaking_opportunities(struct req *r, json_t *admin_orgs, int want, json_t *out)
{
	struct mtg_viewer v;
	json_t *rows = NULL, *s, *o;
	enum ws_err rc;
	size_t i, k;

	(void)want;
	if (!r->user->verified_at || json_array_size(admin_orgs) == 0)
		return WS_OK;
	mtg_viewer_of(r, &v);
	if ((rc = mtg_spk_open_windows(req_db(r), &v, now_s(), MTG_SPK_OPEN_MAX, &rows)) !=
	    WS_OK)
		goto out;
	/* offered when one of their organizations meets the session's rule and
	 * the agenda has an item open to statements */
	json_array_foreach(rows, i, s) {
		int can = 0, open = 0;
		json_t *it;

		json_array_foreach(json_object_get(s, "agenda"), k, it)
			open = open || json_is_true(json_object_get(it, "statements"));
		json_array_foreach(admin_orgs, k, o)
			can = can || mtg_org_eligible(s, o);
		if (can && open)
			json_array_append_new(out, json_pack("{s:s,s:O,s:O,s:s,s:O,s:O,s:s,s:s,s:[],"
			    "s:[]}", "type", "speaking", "id", json_object_get(s, "id"), "title",
			    json_object_get(s, "event_title"), "kind", "session", "deadline_at",
			    json_object_get(s, "speaking_closes_at"), "timezone",
			    json_object_get(s, "timezone"), "href", arena_printf(r->a,
			    "/meetings/%lld/speaking-requests/new", (long long)json_integer_value(
			    json_object_get(s, "id"))), "action", "request_to_speak", "themes",
			    "countries"));
	}
out:
	json_decref(rows);
	return rc;
}
