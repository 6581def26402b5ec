/*
 * speaking_pages.c -- the pages of requests to speak (issue 16): what the
 * session's page shows of them (the window in words, the reader's
 * organizations' requests with a button to withdraw those pending, each
 * item's minutes and published speakers' list), the request form
 * (/meetings/{id}/speaking-requests/new), the printable speakers' lists
 * (/meetings/{id}/speakers) and staff's allocation page
 * (/staff/meetings/{id}/speakers: one form an item, an order, minutes and
 * a reason a request, saved or saved and published).
 *
 * The pages are their JSON twins' values (speaking.c) with words laid over
 * them; the forms go through the API's handlers (h_speaking_request_add,
 * h_speaking_request_withdraw, mtg_spk_allocate), and a refusal is the
 * page again with why, a message by each field and what was typed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/directory/regions.h"
#include "app/events/events.h"
#include "app/meetings/meetings_int.h"
#include "app/orgs/orgs.h"
#include "core/tz.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

static const char *
tr(struct req *r, const char *msg)
{
	return view_tr(r->app->views, r->locale, msg);
}

static const char *const spk_labels[][2] = {
	{ "pending", N_("waiting for staff's decision") },
	{ "allocated", N_("on the speakers' list") },
	{ "declined", N_("declined") },
	{ "withdrawn", N_("withdrawn") },
};

static const char *
spk_label(struct req *r, const char *status)
{
	size_t k;

	for (k = 0; k < sizeof spk_labels / sizeof spk_labels[0]; k++)
		if (status && strcmp(status, spk_labels[k][0]) == 0)
			return tr(r, spk_labels[k][1]);
	return status ? status : "";
}

/* RFC 3339 text t in words in zone (events_when), or NULL.  New reference. */
static json_t *
when_text(struct req *r, const char *zone, json_t *t)
{
	const struct tz *utc;
	int64_t at;

	if (!json_is_string(t) || tz_get("UTC", &utc) != WS_OK ||
	    tz_parse_time(utc, json_string_value(t), &at, NULL) != WS_OK)
		return NULL;
	return events_when(r, zone, at);
}

/* Adds words to the requests of list (spk_view's): status_label,
 * pending, allocated, declined. */
static void
label_requests(struct req *r, json_t *list)
{
	json_t *q;
	size_t i;

	json_array_foreach(list, i, q) {
		const char *st = json_string_value(json_object_get(q, "status"));

		json_object_set_new(q, "status_label", json_string(spk_label(r, st)));
		json_object_set_new(q, "is_pending", json_boolean(strcmp(st, "pending") == 0));
		json_object_set_new(q, "is_allocated", json_boolean(strcmp(st, "allocated") == 0));
		json_object_set_new(q, "is_declined", json_boolean(strcmp(st, "declined") == 0));
	}
}

/* The organizations r's caller is an admin of that meet stored session
 * s's rule: [{id, name}].  New reference. */
static json_t *
eligible_orgs(struct req *r, json_t *s)
{
	json_t *mine = NULL, *list = json_array(), *o, *rec;
	size_t i;

	if (!r->user || orgs_of_person(req_db(r), r->user->id, &mine) != WS_OK) {
		json_decref(mine);
		return list;
	}
	json_array_foreach(mine, i, o) {
		if (!json_is_true(json_object_get(o, "admin")))
			continue;
		if (org_load(req_db(r), json_integer_value(json_object_get(o, "id")), &rec) != WS_OK)
			continue;
		if (mtg_org_eligible(s, rec))
			json_array_append_new(list, json_pack("{s:O,s:O}", "id", json_object_get(o,
			    "id"), "name", json_object_get(o, "name")));
		json_decref(rec);
	}
	json_decref(mine);
	return list;
}

/* The items of stored session s open to statements: [{number, title,
 * minutes}].  New reference. */
static json_t *
open_items(json_t *s)
{
	json_t *list = json_array(), *it;
	size_t i;

	json_array_foreach(json_object_get(s, "agenda"), i, it)
		if (json_is_true(json_object_get(it, "statements")))
			json_array_append_new(list, json_pack("{s:O,s:O,s:O}", "number",
			    json_object_get(it, "number"), "title", json_object_get(it, "title"),
			    "minutes", json_object_get(it, "minutes") ? json_object_get(it, "minutes") :
			    json_null()));
	return list;
}

/* ---- the session's page ------------------------------------------------------- */

void
mtg_page_speaking(struct req *r, json_t *m)
{
	int64_t id = json_integer_value(json_object_get(m, "id"));
	const char *st = json_string_value(json_object_get(m, "speaking"));
	const char *zone = json_string_value(json_object_get(m, "timezone"));
	json_t *s = NULL, *x, *pub = NULL, *rows = NULL, *mine, *q, *it, *orgs;
	struct mtg_viewer v;
	size_t i, k;

	mtg_viewer_of(r, &v);
	if (mtg_get(req_db(r), &v, id, &s) != WS_OK)
		return;
	if ((x = when_text(r, zone, json_object_get(m, "speaking_opens"))) != NULL)
		json_object_set_new(m, "when_speaking_opens", x);
	if ((x = when_text(r, zone, json_object_get(m, "speaking_closes"))) != NULL)
		json_object_set_new(m, "when_speaking_closes", x);
	json_object_set_new(m, "speaking_upcoming", json_boolean(strcmp(st, "upcoming") == 0));
	json_object_set_new(m, "speaking_open", json_boolean(strcmp(st, "open") == 0));
	json_object_set_new(m, "speaking_closed", json_boolean(strcmp(st, "closed") == 0));

	/* each item: its minutes and its published list */
	if (mtg_spk_published(r, s, &pub) == WS_OK) {
		json_array_foreach(json_object_get(m, "agenda"), i, it)
			json_array_foreach(json_object_get(pub, "items"), k, x)
				if (json_equal(json_object_get(it, "number"), json_object_get(x,
				    "number"))) {
					json_object_set(it, "speakers", json_object_get(x, "speakers"));
					json_object_set_new(it, "has_list", json_true());
				}
		json_object_set_new(m, "has_speakers", json_boolean(json_array_size(
		    json_object_get(pub, "items")) > 0));
	}
	json_decref(pub);
	if (!r->user)
		goto out;
	if (r->user->role >= ROLE_STAFF) {
		json_object_set_new(m, "speakers_staff_href", json_string(arena_printf(r->a,
		    "/staff/meetings/%lld/speakers", (long long)id)));
		goto out;
	}
	/* their organizations' requests, and whether they may ask */
	if (mtg_spk_list(req_db(r), id, r->user->id, &rows) == WS_OK) {
		mine = json_array();
		json_array_foreach(rows, i, q) {
			json_t *o = json_object(), *it2;
			const char *pst = json_string_value(json_object_get(q, "published_status"));
			const char *qs = json_string_value(json_object_get(q, "status"));
			const char *shown = strcmp(qs, "withdrawn") == 0 ? qs : *pst ? pst : "pending";

			json_object_set(o, "id", json_object_get(q, "id"));
			json_object_set_new(o, "meeting_id", json_integer(id));
			json_object_set(o, "item", json_object_get(q, "item"));
			json_object_set(o, "organization", json_object_get(q, "organization"));
			json_object_set(o, "speaker_name", json_object_get(q, "speaker_name"));
			json_object_set(o, "minutes", json_object_get(q, "minutes"));
			json_object_set_new(o, "status", json_string(shown));
			if (*pst && strcmp(shown, "allocated") == 0) {
				json_object_set(o, "order", json_object_get(q, "published_order"));
				json_object_set(o, "minutes_allocated", json_object_get(q,
				    "published_minutes"));
			}
			if (*pst && strcmp(shown, "declined") == 0)
				json_object_set(o, "reason", json_object_get(q, "published_reason"));
			json_object_set_new(o, "can_withdraw", json_boolean(strcmp(qs, "pending") == 0));
			json_array_foreach(json_object_get(s, "agenda"), k, it2)
				if (json_equal(json_object_get(it2, "number"), json_object_get(q, "item")))
					json_object_set(o, "item_title", json_object_get(it2, "title"));
			json_array_append_new(mine, o);
		}
		label_requests(r, mine);
		json_object_set_new(m, "my_speaking_requests", mine);
	}
	json_decref(rows);
	orgs = eligible_orgs(r, s);
	x = open_items(s);
	json_object_set_new(m, "can_speak", json_boolean(strcmp(st, "open") == 0 &&
	    json_array_size(orgs) > 0 && json_array_size(x) > 0));
	json_decref(orgs);
	json_decref(x);
out:
	json_decref(s);
}

/* ---- the printable lists ------------------------------------------------------ */

void
mtg_speakers_page(struct req *r, json_t *val)
{
	json_t *it, *x;
	size_t i;

	json_array_foreach(json_object_get(val, "items"), i, it) {
		if ((x = when_text(r, json_string_value(json_object_get(val, "timezone")),
		    json_object_get(it, "published_at"))) != NULL)
			json_object_set_new(it, "when_published", x);
		json_object_set_new(it, "empty", json_boolean(json_array_size(json_object_get(it,
		    "speakers")) == 0));
		json_object_set_new(it, "n", json_integer((json_int_t)i + 1));
	}
	json_object_set_new(val, "none", json_boolean(json_array_size(json_object_get(val,
	    "items")) == 0));
}

/* ---- the request form --------------------------------------------------------- */

/* Puts into w the request form of stored session s (id), with form (what
 * was typed; borrowed) and errors (borrowed, or NULL), posting to action;
 * only_org > 0: a request of that organization being changed. */
static enum ws_err
request_page(struct req *r, struct resp *w, int64_t id, json_t *s, json_t *form,
    json_t *errors, const char *action, int64_t only_org)
{
	struct mtg_nom_filter f = { "approved", 0 };
	json_t *orgs = eligible_orgs(r, s), *items = open_items(s), *dels = json_array(), *o, *x;
	const char *st = mtg_window_state(s, "speaking_opens_at", "speaking_closes_at",
	    now_s());
	const char *sel_item = json_string_value(json_object_get(form, "item"));
	const char *sel_org = json_string_value(json_object_get(form, "organization_id"));
	const char *sel_nom = json_string_value(json_object_get(form, "nomination_id"));
	json_t *val, *t;
	int64_t total;
	size_t i, k;

	/* a request being changed stays its organization's */
	if (only_org > 0) {
		for (i = json_array_size(orgs); i-- > 0;)
			if (json_integer_value(json_object_get(json_array_get(orgs, i), "id")) !=
			    only_org)
				json_array_remove(orgs, i);
	}
	/* their organizations' approved delegates to the session */
	json_array_foreach(orgs, i, o) {
		json_t *rows = NULL, *n;

		f.org = json_integer_value(json_object_get(o, "id"));
		if (mtg_nom_list(req_db(r), id, 0, "", &f, 1, APP_PER_PAGE_MAX, &rows, &total) ==
		    WS_OK)
			json_array_foreach(rows, k, n) {
				char idtxt[24];

				snprintf(idtxt, sizeof idtxt, "%lld", (long long)json_integer_value(
				    json_object_get(n, "id")));
				json_array_append_new(dels, json_pack("{s:O,s:O,s:O,s:O,s:b}", "id",
				    json_object_get(n, "id"), "name", json_object_get(n, "name"),
				    "title", json_object_get(n, "title"), "organization",
				    json_object_get(n, "organization"), "selected", sel_nom &&
				    strcmp(sel_nom, idtxt) == 0));
			}
		json_decref(rows);
		json_object_set_new(o, "selected", json_boolean(sel_org && strtoll(sel_org, NULL, 10) ==
		    json_integer_value(json_object_get(o, "id"))));
	}
	json_array_foreach(items, i, x)
		json_object_set_new(x, "selected", json_boolean(sel_item && strcmp(sel_item,
		    json_string_value(json_object_get(x, "number"))) == 0));
	val = json_pack("{s:I,s:s,s:o,s:o,s:o,s:O,s:o}", "meeting_id", (json_int_t)id, "heading",
	    arena_printf(r->a, "%s, %s", mtg_body_name(r, s), json_string_value(json_object_get(s,
	    "title"))), "organizations", orgs, "items", items, "delegates", dels, "form", form,
	    "errors", errors ? json_incref(errors) : json_object());
	json_object_set_new(val, "has_delegates", json_boolean(json_array_size(dels) > 0));
	json_object_set_new(val, "open", json_boolean(strcmp(st, "open") == 0));
	json_object_set_new(val, "can_speak", json_boolean(strcmp(st, "open") == 0 &&
	    json_array_size(orgs) > 0 && json_array_size(items) > 0));
	json_object_set_new(val, "no_orgs", json_boolean(json_array_size(orgs) == 0));
	json_object_set_new(val, "minutes_max", json_integer(MTG_SPK_MINUTES_MAX));
	json_object_set_new(val, "action", json_string(action));
	json_object_set_new(val, "editing", json_boolean(only_org > 0));
	if (json_is_integer(json_object_get(s, "speaking_closes_at"))) {
		t = events_when(r, json_string_value(json_object_get(s, "timezone")),
		    json_integer_value(json_object_get(s, "speaking_closes_at")));
		json_object_set_new(val, "when_closes", t);
	}
	resp_value(w, val);
	w->tpl = "meeting_speaking_form";
	w->title = N_("Request to speak");
	return WS_OK;
}

/* The session of r's {id} that r's caller may see, stored; a new
 * reference. */
static enum ws_err
page_session(struct req *r, int64_t *id, json_t **s)
{
	struct mtg_viewer v;

	*s = NULL;
	if (parse_int(r->params[0], 1, INT64_MAX, id) != WS_OK)
		return WS_ENOTFOUND;
	mtg_viewer_of(r, &v);
	return mtg_get(req_db(r), &v, *id, s);
}

enum ws_err
h_speaking_request_form(struct req *r, struct resp *w)
{
	json_t *s = NULL, *form = json_object();
	int64_t id;
	enum ws_err rc;

	if ((rc = page_session(r, &id, &s)) == WS_OK)
		rc = request_page(r, w, id, s, form, NULL, arena_printf(r->a,
		    "/meetings/%lld/speaking-requests/new", (long long)id), 0);
	json_decref(s);
	json_decref(form);
	return rc;
}

enum ws_err
h_speaking_request_form_post(struct req *r, struct resp *w)
{
	static const char *const names[] = { "organization_id", "item", "nomination_id",
		"speaker_name", "speaker_title", "summary", "minutes", NULL };
	json_t *s = NULL, *typed = json_object(), *in = json_object(), *errors = NULL, *x;
	const char *const *k, *detail;
	int64_t id;
	enum ws_err rc, rc2;

	if ((rc = page_session(r, &id, &s)) != WS_OK)
		goto out;
	for (k = names; *k; k++)
		if ((x = json_object_get(r->in, *k)) != NULL && json_is_string(x)) {
			json_object_set(typed, *k, x);
			if (*json_string_value(x) || strcmp(*k, "nomination_id") != 0)
				json_object_set(in, *k, x);
		}
	/* a delegate chosen names the speaker; a name typed is used otherwise */
	json_decref(r->in);
	r->in = in;
	in = NULL;
	rc = h_speaking_request_add(r, w);
	if (rc == WS_OK) {
		json_decref(w->val);
		w->val = NULL;
		w->status = 0;
		resp_redirect(w, arena_printf(r->a, "/meetings/%lld#speaking", (long long)id));
		goto out;
	}
	if (rc != WS_EINVAL && rc != WS_ECONFLICT && rc != WS_EFORBIDDEN)
		goto out;
	errors = w->errors ? json_incref(w->errors) : json_object();
	detail = w->detail;
	if ((rc2 = request_page(r, w, id, s, typed, errors, arena_printf(r->a,
	    "/meetings/%lld/speaking-requests/new", (long long)id), 0)) != WS_OK) {
		rc = rc2;
		goto out;
	}
	w->detail = detail;
	x = json_incref(w->val);
	app_form_again(r, w, x, rc, N_("Some fields need your attention."),
	    "meeting_speaking_form", N_("Request to speak"));
	json_decref(x);
out:
	json_decref(s);
	json_decref(typed);
	json_decref(in);
	json_decref(errors);
	return rc;
}

/* Request {rid} of session {id} (stored, *s and *q new references) that
 * r's caller may change: an admin of its organization now (WS_ENOTFOUND
 * for others), and pending (WS_ECONFLICT, w->detail saying so). */
static enum ws_err
page_request(struct req *r, struct resp *w, int64_t *id, json_t **s, json_t **q)
{
	int64_t rid;
	int admin = 0;
	enum ws_err rc;

	*q = NULL;
	if ((rc = page_session(r, id, s)) != WS_OK)
		return rc;
	if (parse_int(r->params[1], 1, INT64_MAX, &rid) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = mtg_spk_get(req_db(r), *id, rid, q)) != WS_OK ||
	    (rc = mtg_admin_of(r, json_integer_value(json_object_get(*q, "organization_id")),
	    &admin)) != WS_OK)
		return rc;
	if (!admin)
		return WS_ENOTFOUND;
	if (strcmp(json_string_value(json_object_get(*q, "status")), "pending") != 0) {
		w->detail = N_("This request is not pending any more: staff have decided it, or it "
		    "was withdrawn.");
		return WS_ECONFLICT;
	}
	return WS_OK;
}

/* Where the change form of request q of session id posts. */
static const char *
edit_action(struct req *r, int64_t id, json_t *q)
{
	return arena_printf(r->a, "/meetings/%lld/speaking-requests/%lld/edit", (long long)id,
	    (long long)json_integer_value(json_object_get(q, "id")));
}

enum ws_err
h_speaking_request_edit_form(struct req *r, struct resp *w)
{
	json_t *s = NULL, *q = NULL, *form = NULL;
	int64_t id;
	enum ws_err rc;

	if ((rc = page_request(r, w, &id, &s, &q)) == WS_OK) {
		form = json_pack("{s:s,s:O,s:s,s:O,s:O,s:O,s:s}", "organization_id",
		    arena_printf(r->a, "%lld", (long long)json_integer_value(json_object_get(q,
		    "organization_id"))), "item", json_object_get(q, "item"), "nomination_id",
		    json_is_integer(json_object_get(q, "nomination_id")) ? arena_printf(r->a, "%lld",
		    (long long)json_integer_value(json_object_get(q, "nomination_id"))) : "",
		    "speaker_name", json_object_get(q, "speaker_name"), "speaker_title",
		    json_object_get(q, "speaker_title"), "summary", json_object_get(q, "summary"),
		    "minutes", arena_printf(r->a, "%lld", (long long)json_integer_value(
		    json_object_get(q, "minutes"))));
		rc = request_page(r, w, id, s, form, NULL, edit_action(r, id, q),
		    json_integer_value(json_object_get(q, "organization_id")));
		w->title = N_("Change a request to speak");
	}
	json_decref(s);
	json_decref(q);
	json_decref(form);
	return rc;
}

enum ws_err
h_speaking_request_edit_form_post(struct req *r, struct resp *w)
{
	static const char *const names[] = { "item", "nomination_id", "speaker_name",
		"speaker_title", "summary", "minutes", NULL };
	json_t *s = NULL, *q = NULL, *typed = json_object(), *in = json_object(), *errors = NULL;
	json_t *x;
	const char *const *k, *detail;
	int64_t id;
	enum ws_err rc, rc2;

	if ((rc = page_request(r, w, &id, &s, &q)) != WS_OK)
		goto out;
	for (k = names; *k; k++)
		if ((x = json_object_get(r->in, *k)) != NULL && json_is_string(x)) {
			json_object_set(typed, *k, x);
			/* no delegate chosen: the speaker named */
			json_object_set(in, *k, strcmp(*k, "nomination_id") == 0 &&
			    !*json_string_value(x) ? json_null() : x);
		}
	json_object_set_new(typed, "organization_id", json_string(arena_printf(r->a, "%lld",
	    (long long)json_integer_value(json_object_get(q, "organization_id")))));
	json_decref(r->in);
	r->in = in;
	in = NULL;
	rc = h_speaking_request_edit(r, w);
	if (rc == WS_OK) {
		json_decref(w->val);
		w->val = NULL;
		w->status = 0;
		resp_redirect(w, arena_printf(r->a, "/meetings/%lld#speaking", (long long)id));
		goto out;
	}
	if (rc != WS_EINVAL && rc != WS_ECONFLICT && rc != WS_EFORBIDDEN)
		goto out;
	errors = w->errors ? json_incref(w->errors) : json_object();
	detail = w->detail;
	if ((rc2 = request_page(r, w, id, s, typed, errors, edit_action(r, id, q),
	    json_integer_value(json_object_get(q, "organization_id")))) != WS_OK) {
		rc = rc2;
		goto out;
	}
	w->detail = detail;
	x = json_incref(w->val);
	app_form_again(r, w, x, rc, N_("Some fields need your attention."),
	    "meeting_speaking_form", N_("Change a request to speak"));
	json_decref(x);
out:
	json_decref(s);
	json_decref(q);
	json_decref(typed);
	json_decref(in);
	json_decref(errors);
	return rc;
}

enum ws_err
h_speaking_request_withdraw_form(struct req *r, struct resp *w)
{
	int64_t id;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = h_speaking_request_withdraw(r, w)) != WS_OK)
		return rc;
	json_decref(w->val);
	w->val = NULL;
	resp_redirect(w, arena_printf(r->a, "/meetings/%lld#speaking", (long long)id));
	return WS_OK;
}

/* ---- staff's allocation page ------------------------------------------------- */

static const char *const decisions[] = { "pending", "allocate", "decline", NULL };
static const char *const decision_labels[] = { N_("Pending"), N_("Allocate"), N_("Decline"),
	NULL };

/* Adds to staff value val what the page shows: names of countries,
 * regions and kinds, each request's inputs (typed, when item typed_item's
 * form came back: typed by request id) and message (errors by "r<id>"). */
static void
staff_page(struct req *r, json_t *val, const char *typed_item, json_t *typed, json_t *errors)
{
	json_t *it, *q;
	size_t i, k, j;

	json_array_foreach(json_object_get(val, "items"), i, it) {
		const char *num = json_string_value(json_object_get(it, "number"));
		int back = typed_item && strcmp(typed_item, num) == 0;
		json_t *x;

		json_object_set_new(it, "n", json_integer((json_int_t)i + 1));
		if ((x = when_text(r, json_string_value(json_object_get(val, "timezone")),
		    json_object_get(it, "published_at"))) != NULL)
			json_object_set_new(it, "when_published", x);
		json_object_set_new(it, "no_minutes", json_boolean(!json_is_integer(
		    json_object_get(it, "minutes"))));
		if (back && errors)
			json_object_set(it, "problem", json_object_get(val, "page_problem"));
		json_array_foreach(json_object_get(it, "requests"), k, q) {
			const char *st = json_string_value(json_object_get(q, "status"));
			const char *reg = json_string_value(json_object_get(q, "organization_region"));
			const char *kind = json_string_value(json_object_get(q, "organization_kind"));
			const char *ctry = json_string_value(json_object_get(q, "organization_country"));
			char key[32];
			json_t *t, *opts = json_array();
			const char *dsel;

			snprintf(key, sizeof key, "r%lld", (long long)json_integer_value(
			    json_object_get(q, "id")));
			json_object_set_new(q, "status_label", json_string(spk_label(r, st)));
			json_object_set_new(q, "withdrawn", json_boolean(strcmp(st, "withdrawn") == 0));
			json_object_set_new(q, "country_name", json_string(ctry && *ctry ?
			    country_name(ctry, r->locale) : ""));
			json_object_set_new(q, "region_name", json_string(reg && *reg &&
			    m49_name(reg, r->locale) ? m49_name(reg, r->locale) : ""));
			json_object_set_new(q, "kind_name", json_string(kind && *kind ?
			    tr(r, kind_name(kind)) : ""));
			t = back ? json_object_get(typed, key) : NULL;
			dsel = t ? json_string_value(json_object_get(t, "decision")) :
			    strcmp(st, "allocated") == 0 ? "allocate" : strcmp(st, "declined") == 0 ?
			    "decline" : "pending";
			for (j = 0; decisions[j]; j++)
				json_array_append_new(opts, json_pack("{s:s,s:s,s:b}", "value",
				    decisions[j], "label", tr(r, decision_labels[j]), "selected", dsel &&
				    strcmp(dsel, decisions[j]) == 0));
			json_object_set_new(q, "decisions", opts);
			json_object_set_new(q, "in_order", json_string(t ? json_string_value(
			    json_object_get(t, "order")) : json_is_integer(json_object_get(q, "order")) ?
			    arena_printf(r->a, "%lld", (long long)json_integer_value(json_object_get(q,
			    "order"))) : ""));
			json_object_set_new(q, "in_minutes", json_string(t ? json_string_value(
			    json_object_get(t, "minutes")) : json_is_integer(json_object_get(q,
			    "minutes_allocated")) ? arena_printf(r->a, "%lld", (long long)
			    json_integer_value(json_object_get(q, "minutes_allocated"))) : ""));
			json_object_set_new(q, "in_reason", json_string(t ? json_string_value(
			    json_object_get(t, "reason")) : json_string_value(json_object_get(q,
			    "reason"))));
			if (back && errors && json_object_get(errors, key))
				json_object_set(q, "error", json_object_get(errors, key));
		}
	}
}

enum ws_err
h_staff_meeting_speakers(struct req *r, struct resp *w)
{
	json_t *s = NULL, *val = NULL;
	int64_t id;
	enum ws_err rc;

	if ((rc = page_session(r, &id, &s)) != WS_OK)
		return rc;
	if ((rc = mtg_spk_staff_value(r, s, &val)) == WS_OK) {
		if (!r->api)
			staff_page(r, val, NULL, NULL, NULL);
		resp_value(w, val);
		w->tpl = "staff_meeting_speakers";
		w->title = N_("Speakers' lists");
	}
	json_decref(s);
	return rc;
}

/* A form's text field name of r->in, "" when absent. */
static const char *
form_str(struct req *r, const char *name)
{
	const char *v = json_string_value(json_object_get(r->in, name));

	return v ? v : "";
}

enum ws_err
h_staff_meeting_speakers_post(struct req *r, struct resp *w)
{
	json_t *s = NULL, *val = NULL, *rows = NULL, *in = NULL, *reqs, *typed = json_object(), *q;
	const char *item = form_str(r, "item"), *detail;
	int64_t id, v;
	enum ws_err rc, rc2;
	size_t i;

	if ((rc = page_session(r, &id, &s)) != WS_OK)
		goto out;
	if ((rc = mtg_spk_list(req_db(r), id, 0, &rows)) != WS_OK)
		goto out;
	/* the item's requests as the form sends them: r<id>.decision, .order,
	 * .minutes, .reason */
	reqs = json_array();
	in = json_pack("{s:s,s:o,s:b}", "item", item, "requests", reqs, "publish",
	    json_object_get(r->in, "publish") != NULL);
	json_array_foreach(rows, i, q) {
		int64_t rid = json_integer_value(json_object_get(q, "id"));
		const char *dc, *o, *m, *why;
		json_t *one;

		if (strcmp(json_string_value(json_object_get(q, "item")), item) != 0 ||
		    strcmp(json_string_value(json_object_get(q, "status")), "withdrawn") == 0)
			continue;
		dc = form_str(r, arena_printf(r->a, "r%lld.decision", (long long)rid));
		o = form_str(r, arena_printf(r->a, "r%lld.order", (long long)rid));
		m = form_str(r, arena_printf(r->a, "r%lld.minutes", (long long)rid));
		why = form_str(r, arena_printf(r->a, "r%lld.reason", (long long)rid));
		if (!*dc)
			continue;
		json_object_set_new(typed, arena_printf(r->a, "r%lld", (long long)rid), json_pack(
		    "{s:s,s:s,s:s,s:s}", "decision", dc, "order", o, "minutes", m, "reason", why));
		one = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)rid, "decision", dc, "reason",
		    why);
		if (*o)
			json_object_set_new(one, "order", parse_int(o, 1, INT64_MAX, &v) == WS_OK ?
			    json_integer(v) : json_string(o));
		if (*m)
			json_object_set_new(one, "minutes", parse_int(m, 1, INT64_MAX, &v) == WS_OK ?
			    json_integer(v) : json_string(m));
		json_array_append_new(reqs, one);
	}
	rc = mtg_spk_allocate(r, w, s, in);
	if (rc == WS_OK) {
		resp_redirect(w, arena_printf(r->a, "/staff/meetings/%lld/speakers", (long long)id));
		goto out;
	}
	if (rc != WS_EINVAL && rc != WS_ECONFLICT)
		goto out;
	/* refused: the page again, the item's form as it was typed */
	detail = w->detail;
	if ((rc2 = mtg_spk_staff_value(r, s, &val)) != WS_OK) {
		rc = rc2;
		goto out;
	}
	json_object_set_new(val, "page_problem", json_string(rc == WS_EINVAL ? tr(r,
	    N_("Some fields need your attention.")) : tr(r, detail ? detail : "")));
	if (w->errors && json_object_get(w->errors, "requests"))
		json_object_set(val, "problem_detail", json_object_get(w->errors, "requests"));
	if (!w->errors)
		w->errors = json_object();
	staff_page(r, val, item, typed, w->errors);
	json_decref(w->errors);
	w->errors = NULL;
	w->detail = detail;
	resp_value(w, val);
	val = NULL;
	w->tpl = "staff_meeting_speakers";
	w->title = N_("Speakers' lists");
out:
	json_decref(s);
	json_decref(val);
	json_decref(rows);
	json_decref(in);
	json_decref(typed);
	return rc;
}
