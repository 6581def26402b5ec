/*
 * side_pages.c -- the side-event pages (issue 16): the session page's
 * programme and what the reader's organizations proposed, the proposal
 * form (/meetings/{id}/side-events/new) and its change
 * (/meetings/{id}/side-events/{sid}/edit, withdrawing too), and staff's
 * page of a session's proposals (/staff/meetings/{id}/side-events, with
 * filters, a decision form by each proposal and the CSV).
 *
 * The form's fields become the API's input -- co-organizers as
 * co_member_ids (ids separated by commas or spaces), co_others (one name a
 * line) and co_governments (country codes separated by commas or spaces);
 * the preferred slots as preferred_1..3 -- and go through the API's
 * handlers (side_events.c); a refusal is the form again with a message by
 * each field and what was typed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/directory/directory.h"
#include "app/events/events.h"
#include "app/meetings/meetings_int.h"
#include "app/orgs/orgs.h"
#include "core/buf.h"
#include "core/tz.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

#define SE_FORM_PREFS 3	/* the slots a form may prefer, in order */

static const char *
tr(struct req *r, const char *msg)
{
	return view_tr(r->app->views, r->locale, msg);
}

static const char *const se_labels[][2] = {
	{ "pending", N_("waiting for staff's decision") },
	{ "changes_requested", N_("changes asked by staff") },
	{ "accepted", N_("accepted") },
	{ "declined", N_("declined") },
	{ "withdrawn", N_("withdrawn") },
};

static const char *const format_labels[][2] = {
	{ "in_person", N_("In person") },
	{ "online", N_("Online") },
	{ "hybrid", N_("Hybrid") },
};

static const char *
se_label(struct req *r, const char *status)
{
	size_t k;

	for (k = 0; k < sizeof se_labels / sizeof se_labels[0]; k++)
		if (status && strcmp(status, se_labels[k][0]) == 0)
			return tr(r, se_labels[k][1]);
	return status ? status : "";
}

static const char *
format_label(struct req *r, const char *f)
{
	size_t k;

	for (k = 0; k < sizeof format_labels / sizeof format_labels[0]; k++)
		if (f && strcmp(f, format_labels[k][0]) == 0)
			return tr(r, format_labels[k][1]);
	return f ? f : "";
}

/* RFC 3339 time s in words in the reader's zone (zone the session's), or
 * NULL.  New reference. */
static json_t *
when_text(struct req *r, const char *zone, json_t *s)
{
	const struct tz *utc;
	int64_t t;

	if (!json_is_string(s) || tz_get("UTC", &utc) != WS_OK ||
	    tz_parse_time(utc, json_string_value(s), &t, NULL) != WS_OK)
		return NULL;
	return events_when(r, zone, t);
}

/* Slot view x's times in words: "22 October 2026, 13:15 – 14:30". */
static const char *
slot_words(struct req *r, const char *zone, json_t *x)
{
	json_t *a = when_text(r, zone, json_object_get(x, "start"));
	json_t *b = when_text(r, zone, json_object_get(x, "end"));
	const char *room = json_string_value(json_object_get(x, "room"));
	const char *s = arena_printf(r->a, "%s – %s%s%s",
	    a ? json_string_value(json_object_get(a, "text")) : "",
	    b ? json_string_value(json_object_get(b, "time")) : "",
	    room && *room ? ", " : "", room && *room ? room : "");

	json_decref(a);
	json_decref(b);
	return s;
}

/* Co-organizers co as one line of names. */
static const char *
co_words(struct req *r, json_t *co)
{
	const char *s = "";
	json_t *x;
	size_t i;

	json_array_foreach(json_object_get(co, "organizations"), i, x)
		s = arena_printf(r->a, "%s%s%s", s, *s ? ", " : "",
		    json_string_value(json_object_get(x, "name")));
	json_array_foreach(json_object_get(co, "others"), i, x)
		s = arena_printf(r->a, "%s%s%s", s, *s ? ", " : "", json_string_value(x));
	json_array_foreach(json_object_get(co, "governments"), i, x)
		s = arena_printf(r->a, "%s%s%s", s, *s ? ", " : "", arena_printf(r->a, "%s %s",
		    tr(r, N_("Government of")), country_name(json_string_value(x), r->locale)));
	return s;
}

/* ---- the session page ------------------------------------------------------------ */

void
mtg_page_side_events(struct req *r, json_t *m)
{
	const char *zone = json_string_value(json_object_get(m, "timezone"));
	const char *st = json_string_value(json_object_get(m, "side_events"));
	int64_t id = json_integer_value(json_object_get(m, "id")), total = 0;
	struct mtg_se_filter f = { "", 0 };
	json_t *x, *rows = NULL, *e, *o;
	int can = 0;
	size_t i;

	json_array_foreach(json_object_get(m, "programme"), i, x) {
		json_object_set_new(x, "when", json_string(slot_words(r, zone, x)));
		json_object_set_new(x, "format_label", json_string(format_label(r,
		    json_string_value(json_object_get(x, "format")))));
		json_object_set_new(x, "language_name", json_string(language_name(
		    json_string_value(json_object_get(x, "language")), r->locale)));
		json_object_set_new(x, "with", json_string(co_words(r, json_object_get(x,
		    "co_organizers"))));
	}
	if ((x = when_text(r, zone, json_object_get(m, "side_events_opens"))) != NULL)
		json_object_set_new(m, "when_se_opens", x);
	if ((x = when_text(r, zone, json_object_get(m, "side_events_closes"))) != NULL)
		json_object_set_new(m, "when_se_closes", x);
	json_object_set_new(m, "se_upcoming", json_boolean(st && strcmp(st, "upcoming") == 0));
	json_object_set_new(m, "se_open", json_boolean(st && strcmp(st, "open") == 0));
	json_object_set_new(m, "se_closed", json_boolean(st && strcmp(st, "closed") == 0));
	if (!r->user)
		return;
	json_array_foreach(json_object_get(m, "organizations"), i, o)
		if (json_is_true(json_object_get(o, "eligible")))
			can = 1;
	json_object_set_new(m, "can_propose", json_boolean(can && st && strcmp(st, "open") ==
	    0 && r->user->role < ROLE_STAFF));
	if (r->user->role >= ROLE_STAFF)
		return;
	if (mtg_se_list(req_db(r), id, r->user->id, &f, 1, APP_PER_PAGE_MAX, &rows, &total) ==
	    WS_OK) {
		json_array_foreach(rows, i, e) {
			const char *s = json_string_value(json_object_get(e, "status"));

			json_object_set_new(e, "status_label", json_string(se_label(r, s)));
			json_object_set_new(e, "changeable", json_boolean(strcmp(s,
			    "changes_requested") == 0 || (strcmp(s, "pending") == 0 && st &&
			    strcmp(st, "open") == 0)));
		}
		json_object_set(m, "my_side_events", rows);
	}
	json_decref(rows);
}

/* ---- the proposal form ---------------------------------------------------------- */

/* Ids in text s (separated by commas or spaces) as a JSON array, or s
 * itself (for the check to refuse) when one is not a number. */
static json_t *
ids_of(const char *s)
{
	json_t *out = json_array();
	char *end;

	while (s && *s) {
		long long v;

		while (*s == ' ' || *s == ',' || *s == '\n' || *s == '\r' || *s == '\t')
			s++;
		if (!*s)
			break;
		v = strtoll(s, &end, 10);
		if (end == s || v < 1) {
			json_decref(out);
			return json_string(s);
		}
		json_array_append_new(out, json_integer(v));
		s = end;
	}
	return out;
}

/* Words of s separated by any of seps, as a JSON array of strings. */
static json_t *
words_of(const char *s, const char *seps)
{
	json_t *out = json_array();

	while (s && *s) {
		size_t n;

		s += strspn(s, seps);
		n = strcspn(s, seps);
		if (n) {
			char *w = strndup(s, n);
			char *end = w + strlen(w);

			while (end > w && end[-1] == ' ')
				*--end = '\0';
			if (*w)
				json_array_append_new(out, json_string(w));
			free(w);
		}
		s += n;
	}
	return out;
}

static const char *
in_str(struct req *r, const char *k)
{
	const char *s = json_string_value(json_object_get(r->in, k));

	return s ? s : "";
}

/* The form's fields (r->in) as the API's input.  New reference. */
static json_t *
input_of_form(struct req *r)
{
	static const char *const plain[] = { "title", "abstract", "format", "language", NULL };
	json_t *in = json_object(), *prefs = json_array(), *x;
	const char *const *k;
	int64_t n;
	int i;

	for (k = plain; *k; k++)
		if ((x = json_object_get(r->in, *k)) != NULL && json_is_string(x))
			json_object_set(in, *k, x);
	if (parse_int(in_str(r, "organization_id"), 1, INT64_MAX, &n) == WS_OK)
		json_object_set_new(in, "organization_id", json_integer(n));
	json_object_set_new(in, "co_organizers", json_pack("{s:o,s:o,s:o}", "organizations",
	    ids_of(in_str(r, "co_member_ids")), "others", words_of(in_str(r, "co_others"),
	    "\r\n"), "governments", words_of(in_str(r, "co_governments"), ", \t\r\n")));
	for (i = 1; i <= SE_FORM_PREFS; i++) {
		const char *v = in_str(r, arena_printf(r->a, "preferred_%d", i));

		if (parse_int(v, 1, INT64_MAX, &n) == WS_OK)
			json_array_append_new(prefs, json_integer(n));
	}
	json_object_set_new(in, "preferred_slots", prefs);
	return in;
}

/* The form's text fields from stored side event e (to edit it).  New
 * reference. */
static json_t *
form_of_stored(struct req *r, json_t *e)
{
	json_t *co = json_object_get(e, "co_organizers"), *f, *x;
	const char *ids = "", *others = "", *govs = "";
	size_t i;

	json_array_foreach(json_object_get(co, "organizations"), i, x)
		ids = arena_printf(r->a, "%s%s%lld", ids, i ? ", " : "",
		    (long long)json_integer_value(json_object_get(x, "id")));
	json_array_foreach(json_object_get(co, "others"), i, x)
		others = arena_printf(r->a, "%s%s%s", others, i ? "\n" : "", json_string_value(x));
	json_array_foreach(json_object_get(co, "governments"), i, x)
		govs = arena_printf(r->a, "%s%s%s", govs, i ? ", " : "", json_string_value(x));
	f = json_pack("{s:O,s:O,s:O,s:O,s:s,s:s,s:s}", "title", json_object_get(e, "title"),
	    "abstract", json_object_get(e, "abstract"), "format", json_object_get(e, "format"),
	    "language", json_object_get(e, "language"), "co_member_ids", ids, "co_others",
	    others, "co_governments", govs);
	json_object_set_new(f, "organization_id", json_string(arena_printf(r->a, "%lld",
	    (long long)json_integer_value(json_object_get(e, "organization_id")))));
	json_array_foreach(json_object_get(e, "preferred_slots"), i, x)
		json_object_set_new(f, arena_printf(r->a, "preferred_%zu", i + 1),
		    json_string(arena_printf(r->a, "%lld", (long long)json_integer_value(x))));
	return f;
}

/*
 * Puts into w the proposal form of session view m: form (the typed text
 * fields; borrowed), errors (may be NULL), the organization's choice
 * (orgs: [{id, name}]), the slots as choices for each preference, and
 * where it posts.
 */
static void
form_page(struct req *r, struct resp *w, json_t *m, json_t *form, json_t *errors,
    json_t *orgs, const char *action, const char *title, int64_t sid)
{
	const char *zone = json_string_value(json_object_get(m, "timezone"));
	const char *fmt = json_string_value(json_object_get(form, "format"));
	json_t *val = json_object(), *prefs = json_array(), *o, *x, *fmts = json_array();
	const char *sel_org = json_string_value(json_object_get(form, "organization_id"));
	size_t i, k;
	int p;

	json_object_set(val, "session", json_pack("{s:O,s:O}", "id", json_object_get(m, "id"),
	    "heading", json_object_get(m, "heading")));
	json_decref(json_object_get(val, "session"));
	json_object_set(val, "form", form);
	json_object_set_new(val, "errors", errors ? json_incref(errors) : json_object());
	json_array_foreach(orgs, i, o)
		json_object_set_new(o, "selected", json_boolean(sel_org && json_integer_value(
		    json_object_get(o, "id")) == strtoll(sel_org, NULL, 10)));
	json_object_set(val, "orgs", orgs);
	json_object_set_new(val, "one_org", json_boolean(json_array_size(orgs) == 1));
	for (k = 0; k < sizeof format_labels / sizeof format_labels[0]; k++)
		json_array_append_new(fmts, json_pack("{s:s,s:s,s:b}", "value",
		    format_labels[k][0], "label", tr(r, format_labels[k][1]), "checked",
		    fmt ? strcmp(fmt, format_labels[k][0]) == 0 : k == 0));
	json_object_set_new(val, "formats", fmts);
	json_object_set_new(val, "languages", language_options(r->locale, json_object_get(form,
	    "language")));
	for (p = 1; p <= SE_FORM_PREFS; p++) {
		const char *v = json_string_value(json_object_get(form, arena_printf(r->a,
		    "preferred_%d", p)));
		json_t *opts = json_array();

		json_array_foreach(json_object_get(m, "side_event_slots"), i, x)
			json_array_append_new(opts, json_pack("{s:I,s:s,s:b}", "value",
			    (json_int_t)json_integer_value(json_object_get(x, "id")), "label",
			    slot_words(r, zone, x), "selected", v && json_integer_value(
			    json_object_get(x, "id")) == strtoll(v, NULL, 10)));
		json_array_append_new(prefs, json_pack("{s:i,s:s,s:o,s:b}", "n", p, "label",
		    tr(r, p == 1 ? N_("First choice") : p == 2 ? N_("Second choice") :
		    N_("Third choice")), "options", opts, "first", p == 1));
	}
	json_object_set_new(val, "preferences", prefs);
	json_object_set_new(val, "has_slots", json_boolean(json_array_size(json_object_get(m,
	    "side_event_slots")) > 0));
	json_object_set_new(val, "action", json_string(action));
	if (sid)
		json_object_set_new(val, "sid", json_integer(sid));
	x = json_object_get(m, "when_se_closes");
	if (x)
		json_object_set(val, "when_closes", x);
	json_decref(w->val);
	w->val = val;
	w->tpl = "meeting_side_event_form";
	w->title = title;
}

/* Session {id} as the page shows it, a new reference; the eligible
 * organizations r's caller is an admin of in *orgs ([{id, name}]). */
static enum ws_err
session_for_form(struct req *r, int64_t *id, json_t **m, json_t **orgs)
{
	json_t *o;
	enum ws_err rc;
	size_t i;

	*m = NULL;
	*orgs = json_array();
	if (parse_int(r->params[0], 1, INT64_MAX, id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = mtg_load_view(r, *id, m)) != WS_OK)
		return rc;
	mtg_page_one(r, *m);
	json_array_foreach(json_object_get(*m, "organizations"), i, o)
		if (json_is_true(json_object_get(o, "eligible")))
			json_array_append_new(*orgs, json_pack("{s:O,s:O}", "id", json_object_get(o,
			    "id"), "name", json_object_get(o, "name")));
	return WS_OK;
}

enum ws_err
h_meeting_side_event_new_form(struct req *r, struct resp *w)
{
	json_t *m = NULL, *orgs = NULL, *form = json_object();
	int64_t id;
	enum ws_err rc;

	if ((rc = session_for_form(r, &id, &m, &orgs)) == WS_OK) {
		form_page(r, w, m, form, NULL, orgs, arena_printf(r->a,
		    "/meetings/%lld/side-events/new", (long long)id), N_("Propose a side event"), 0);
		if (json_array_size(orgs) == 0)
			json_object_set_new(w->val, "problem", json_string(tr(r, N_("None of your "
			    "organizations may propose a side event to this session: you must be an "
			    "admin of an organization that meets the session's rule."))));
		else if (!json_is_true(json_object_get(m, "se_open")))
			json_object_set_new(w->val, "problem", json_string(tr(r, N_("This session "
			    "takes no proposals of side events now."))));
	}
	json_decref(m);
	json_decref(orgs);
	json_decref(form);
	return rc;
}

/* The form's typed text (r->in's strings).  New reference. */
static json_t *
typed_of(struct req *r)
{
	static const char *const names[] = { "organization_id", "title", "abstract", "format",
		"language", "co_member_ids", "co_others", "co_governments", "preferred_1",
		"preferred_2", "preferred_3", NULL };
	json_t *t = json_object(), *x;
	const char *const *k;

	for (k = names; *k; k++)
		if ((x = json_object_get(r->in, *k)) != NULL && json_is_string(x))
			json_object_set(t, *k, x);
	return t;
}

/* After handler h refused the form (rc; w's errors and detail): the form
 * again with why and what was typed. */
static enum ws_err
form_again(struct req *r, struct resp *w, enum ws_err rc, json_t *typed, const char *action,
    const char *title, int64_t sid)
{
	json_t *m = NULL, *orgs = NULL, *errors = w->errors ? json_incref(w->errors) : NULL, *view;
	const char *detail = w->detail;
	int64_t id;
	enum ws_err rc2;

	if ((rc2 = session_for_form(r, &id, &m, &orgs)) != WS_OK) {
		rc = rc2;
		goto out;
	}
	/* the API's names to the form's */
	if (errors && json_object_get(errors, "co_organizers"))
		json_object_set(errors, "co", json_object_get(errors, "co_organizers"));
	if (errors && json_object_get(errors, "preferred_slots"))
		json_object_set(errors, "preferred", json_object_get(errors, "preferred_slots"));
	form_page(r, w, m, typed, errors, orgs, action, title, sid);
	w->detail = detail;
	view = json_incref(w->val);
	app_form_again(r, w, view, rc, N_("Some fields need your attention."),
	    "meeting_side_event_form", title);
	json_decref(view);
out:
	json_decref(m);
	json_decref(orgs);
	json_decref(errors);
	return rc;
}

enum ws_err
h_meeting_side_event_new(struct req *r, struct resp *w)
{
	json_t *typed = typed_of(r), *in = input_of_form(r);
	int64_t id;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK) {
		rc = WS_ENOTFOUND;
		goto out;
	}
	json_decref(r->in);
	r->in = in;
	in = NULL;
	rc = h_meeting_side_event_propose(r, w);
	if (rc == WS_OK) {
		json_decref(w->val);
		w->val = NULL;
		w->status = 0;
		resp_redirect(w, arena_printf(r->a, "/meetings/%lld#side-events", (long long)id));
		goto out;
	}
	if (rc == WS_EINVAL || rc == WS_ECONFLICT || rc == WS_EFORBIDDEN)
		rc = form_again(r, w, rc, typed, arena_printf(r->a,
		    "/meetings/%lld/side-events/new", (long long)id), N_("Propose a side event"), 0);
out:
	json_decref(typed);
	json_decref(in);
	return rc;
}

enum ws_err
h_meeting_side_event_edit_form(struct req *r, struct resp *w)
{
	json_t *m = NULL, *orgs = NULL, *e = NULL, *form = NULL;
	int64_t id, sid;
	int admin = 0;
	enum ws_err rc;

	if ((rc = session_for_form(r, &id, &m, &orgs)) != WS_OK)
		goto out;
	if (parse_int(r->params[1], 1, INT64_MAX, &sid) != WS_OK ||
	    mtg_se_get(req_db(r), id, sid, &e) != WS_OK) {
		rc = WS_ENOTFOUND;
		goto out;
	}
	if ((rc = mtg_admin_of(r, json_integer_value(json_object_get(e, "organization_id")),
	    &admin)) != WS_OK)
		goto out;
	if (!admin) {
		rc = WS_ENOTFOUND;
		goto out;
	}
	json_decref(orgs);
	orgs = json_pack("[{s:O,s:O}]", "id", json_object_get(e, "organization_id"), "name",
	    json_object_get(e, "organization"));
	form = form_of_stored(r, e);
	form_page(r, w, m, form, NULL, orgs, arena_printf(r->a,
	    "/meetings/%lld/side-events/%lld/edit", (long long)id, (long long)sid),
	    N_("Change the side event"), sid);
	json_object_set_new(w->val, "status_label", json_string(se_label(r, json_string_value(
	    json_object_get(e, "status")))));
	json_object_set(w->val, "message", json_object_get(e, "message"));
out:
	json_decref(m);
	json_decref(orgs);
	json_decref(e);
	json_decref(form);
	return rc;
}

enum ws_err
h_meeting_side_event_edit_post(struct req *r, struct resp *w)
{
	json_t *typed = typed_of(r), *in = NULL;
	const char *action;
	int64_t id, sid;
	int withdraw = json_object_get(r->in, "withdraw") != NULL;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK ||
	    parse_int(r->params[1], 1, INT64_MAX, &sid) != WS_OK) {
		rc = WS_ENOTFOUND;
		goto out;
	}
	action = arena_printf(r->a, "/meetings/%lld/side-events/%lld/edit", (long long)id,
	    (long long)sid);
	if (withdraw) {
		rc = h_meeting_side_event_withdraw(r, w);
	} else {
		in = input_of_form(r);
		json_object_del(in, "organization_id");
		json_decref(r->in);
		r->in = in;
		in = NULL;
		rc = h_meeting_side_event_edit(r, w);
	}
	if (rc == WS_OK) {
		json_decref(w->val);
		w->val = NULL;
		w->status = 0;
		resp_redirect(w, arena_printf(r->a, "/meetings/%lld#side-events", (long long)id));
		goto out;
	}
	if (rc == WS_EINVAL || rc == WS_ECONFLICT)
		rc = form_again(r, w, rc, typed, action, N_("Change the side event"), sid);
out:
	json_decref(typed);
	json_decref(in);
	return rc;
}

/* ---- staff's page -------------------------------------------------------------- */

/* Puts into w staff's page of session view m's side events under the
 * query's status, organization and page. */
static enum ws_err
staff_page(struct req *r, struct resp *w, json_t *m, json_t *s)
{
	static const char *const statuses[] = { "pending", "changes_requested", "accepted",
		"declined", "withdrawn", NULL };
	const char *zone = json_string_value(json_object_get(m, "timezone"));
	struct mtg_se_filter f;
	int64_t id = json_integer_value(json_object_get(m, "id")), page, total = 0;
	json_t *rows = NULL, *orgs = NULL, *items, *e, *opts, *o, *x;
	enum ws_err rc;
	size_t i, k;

	f.status = req_qstr(r, "status");
	f.org = req_qint(r, "organization", 0);
	page = req_qint(r, "page", 1);
	if ((rc = mtg_se_list(req_db(r), id, 0, &f, page, APP_PER_PAGE, &rows, &total)) !=
	    WS_OK || (rc = mtg_se_orgs(req_db(r), id, &orgs)) != WS_OK)
		goto out;
	items = json_array();
	json_array_foreach(rows, i, e) {
		json_t *v = mtg_se_view(s, e), *slots = json_array(), *prefs;
		const char *st = json_string_value(json_object_get(e, "status"));
		const char *pw = "";

		json_object_set_new(v, "status_label", json_string(se_label(r, st)));
		json_object_set_new(v, "format_label", json_string(format_label(r,
		    json_string_value(json_object_get(e, "format")))));
		json_object_set_new(v, "language_name", json_string(language_name(
		    json_string_value(json_object_get(e, "language")), r->locale)));
		json_object_set_new(v, "with", json_string(co_words(r, json_object_get(e,
		    "co_organizers"))));
		json_object_set_new(v, "open", json_boolean(strcmp(st, "pending") == 0 ||
		    strcmp(st, "changes_requested") == 0));
		if (json_is_object(json_object_get(v, "slot")))
			json_object_set_new(v, "slot_words", json_string(slot_words(r, zone,
			    json_object_get(v, "slot"))));
		prefs = json_object_get(e, "preferred_slots");
		json_array_foreach(json_object_get(m, "side_event_slots"), k, x) {
			json_t *p;
			size_t q;
			int rank = 0;

			json_array_foreach(prefs, q, p)
				if (json_integer_value(p) == json_integer_value(json_object_get(x,
				    "id")))
					rank = (int)q + 1;
			json_array_append_new(slots, json_pack("{s:O,s:s,s:b}", "value",
			    json_object_get(x, "id"), "label", rank ? arena_printf(r->a, "%s (%s %d)",
			    slot_words(r, zone, x), tr(r, N_("choice")), rank) : slot_words(r, zone, x),
			    "selected", rank == 1));
			if (rank)
				pw = arena_printf(r->a, "%s%s%d. %s", pw, *pw ? "; " : "", rank,
				    slot_words(r, zone, x));
		}
		json_object_set_new(v, "slot_options", slots);
		json_object_set_new(v, "preferred_words", json_string(pw));
		json_array_append_new(items, v);
	}
	resp_value(w, app_list_value(items, page, APP_PER_PAGE, total));
	opts = json_array();
	for (k = 0; statuses[k]; k++)
		json_array_append_new(opts, json_pack("{s:s,s:s,s:b}", "status", statuses[k],
		    "label", se_label(r, statuses[k]), "selected", strcmp(f.status, statuses[k]) ==
		    0));
	json_object_set_new(w->val, "statuses", opts);
	json_array_foreach(orgs, i, o)
		json_object_set_new(o, "selected", json_boolean(json_integer_value(json_object_get(o,
		    "id")) == f.org));
	json_object_set(w->val, "organizations", orgs);
	json_object_set_new(w->val, "filter_status", json_string(f.status));
	json_object_set_new(w->val, "filter_org", json_string(f.org ? arena_printf(r->a, "%lld",
	    (long long)f.org) : ""));
	json_object_set_new(w->val, "session", json_pack("{s:I,s:O}", "id", (json_int_t)id,
	    "heading", json_object_get(m, "heading")));
	w->tpl = "staff_meeting_side_events";
	w->title = N_("Side events");
out:
	json_decref(rows);
	json_decref(orgs);
	return rc;
}

/* Session {id} as staff see it (page view *m, stored *s); new references. */
static enum ws_err
staff_session(struct req *r, int64_t *id, json_t **m, json_t **s)
{
	struct mtg_viewer v;
	enum ws_err rc;

	*m = *s = NULL;
	if (parse_int(r->params[0], 1, INT64_MAX, id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = mtg_load_view(r, *id, m)) != WS_OK)
		return rc;
	mtg_page_one(r, *m);
	mtg_viewer_of(r, &v);
	return mtg_get(req_db(r), &v, *id, s);
}

enum ws_err
h_staff_meeting_side_events(struct req *r, struct resp *w)
{
	json_t *m = NULL, *s = NULL;
	int64_t id;
	enum ws_err rc;

	if ((rc = staff_session(r, &id, &m, &s)) == WS_OK)
		rc = staff_page(r, w, m, s);
	json_decref(m);
	json_decref(s);
	return rc;
}

enum ws_err
h_staff_meeting_side_events_decide(struct req *r, struct resp *w)
{
	json_t *m = NULL, *s = NULL, *in = json_object(), *out = NULL, *errors = NULL;
	const char *detail = NULL;
	int64_t id, sid = 0, slot;
	enum ws_err rc, refused;

	if ((rc = staff_session(r, &id, &m, &s)) != WS_OK)
		goto out;
	json_object_set(in, "decision", json_object_get(r->in, "decision"));
	json_object_set(in, "message", json_object_get(r->in, "message"));
	if (parse_int(in_str(r, "slot_id"), 1, INT64_MAX, &slot) == WS_OK)
		json_object_set_new(in, "slot_id", json_integer(slot));
	if (parse_int(in_str(r, "sid"), 1, INT64_MAX, &sid) != WS_OK) {
		rc = WS_ENOTFOUND;
		goto out;
	}
	{
		json_t *e = NULL;

		if ((rc = mtg_se_get(req_db(r), id, sid, &e)) != WS_OK)
			goto out;
		json_decref(e);
	}
	rc = mtg_se_decide_one(r, w, s, sid, in, &out);
	refused = rc;
	if (rc == WS_EINVAL || rc == WS_ECONFLICT) {
		errors = w->errors ? w->errors : json_object();
		detail = w->detail;
		w->errors = NULL;
		w->detail = NULL;
	} else if (rc != WS_OK) {
		goto out;
	}
	if ((rc = staff_page(r, w, m, s)) != WS_OK)
		goto out;
	if (out)
		json_object_set_new(w->val, "decided", json_pack("{s:O,s:s}", "title",
		    json_object_get(out, "title"), "label", se_label(r, json_string_value(
		    json_object_get(out, "status")))));
	if (errors) {
		json_object_set_new(w->val, "refused", json_pack("{s:I,s:s,s:O}", "sid",
		    (json_int_t)sid, "detail", tr(r, detail ? detail : ""), "errors", errors));
		w->status = refused == WS_ECONFLICT ? 409 : 422;
	}
out:
	json_decref(m);
	json_decref(s);
	json_decref(in);
	json_decref(out);
	json_decref(errors);
	return rc;
}

enum ws_err
h_staff_meeting_side_events_csv(struct req *r, struct resp *w)
{
	static const char *const head[] = { "id", "organization", "title", "format", "language",
		"co_organizers", "preferred_slots", "status", "slot_start", "slot_end", "room",
		"message", "created_at", NULL };
	struct mtg_se_filter f;
	json_t *s = NULL, *rows = NULL, *e;
	struct mtg_viewer v;
	struct buf *out = &w->raw;
	int64_t id, total = 0;
	enum ws_err rc;
	size_t i, k;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	mtg_viewer_of(r, &v);
	if ((rc = mtg_get(req_db(r), &v, id, &s)) != WS_OK)
		return rc;
	f.status = req_qstr(r, "status");
	f.org = req_qint(r, "organization", 0);
	if ((rc = mtg_se_list(req_db(r), id, 0, &f, 1, 100000, &rows, &total)) != WS_OK)
		goto out;
	rc = buf_adds(out, "\xEF\xBB\xBF");
	for (k = 0; rc == WS_OK && head[k]; k++)
		rc = dir_csv_cell(out, head[k], k == 0);
	if (rc == WS_OK)
		rc = buf_adds(out, "\r\n");
	json_array_foreach(rows, i, e) {
		json_t *view = mtg_se_view(s, e), *slot = json_object_get(view, "slot"), *p;
		const char *prefs = "", *cells[13];
		size_t q;

		json_array_foreach(json_object_get(e, "preferred_slots"), q, p)
			prefs = arena_printf(r->a, "%s%s%lld", prefs, q ? " " : "",
			    (long long)json_integer_value(p));
		cells[0] = arena_printf(r->a, "%lld", (long long)json_integer_value(json_object_get(e,
		    "id")));
		cells[1] = json_string_value(json_object_get(e, "organization"));
		cells[2] = json_string_value(json_object_get(e, "title"));
		cells[3] = json_string_value(json_object_get(e, "format"));
		cells[4] = json_string_value(json_object_get(e, "language"));
		cells[5] = co_words(r, json_object_get(e, "co_organizers"));
		cells[6] = prefs;
		cells[7] = json_string_value(json_object_get(e, "status"));
		cells[8] = json_is_object(slot) ? json_string_value(json_object_get(slot, "start")) :
		    "";
		cells[9] = json_is_object(slot) ? json_string_value(json_object_get(slot, "end")) :
		    "";
		cells[10] = json_is_object(slot) ? json_string_value(json_object_get(slot, "room")) :
		    "";
		cells[11] = json_string_value(json_object_get(e, "message"));
		cells[12] = json_string_value(json_object_get(view, "created_at"));
		for (k = 0; rc == WS_OK && k < 13; k++)
			rc = dir_csv_cell(out, cells[k] ? cells[k] : "", k == 0);
		if (rc == WS_OK)
			rc = buf_adds(out, "\r\n");
		json_decref(view);
	}
	if (rc != WS_OK)
		goto out;
	w->ctype = "text/csv; charset=utf-8";
	resp_header(w, "Content-Disposition", arena_printf(r->a,
	    "attachment; filename=\"session-%lld-side-events.csv\"", (long long)id));
	resp_header(w, "Cache-Control", "no-store");
out:
	json_decref(s);
	json_decref(rows);
	return rc;
}
