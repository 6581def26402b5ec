/*
 * pages.c -- the meetings pages (issue 16): /meetings (sessions by body
 * and year, with counts), /meetings/{id} (the session, its agenda, its
 * programme and what the reader can do now, in words), staff's form
 * for a session (/staff/meetings/new, /staff/meetings/{id}/edit), staff's
 * page of a session's nominations (/staff/meetings/{id}/nominations: the
 * bulk form posts through mtg_nom_decide_all, the API's one decision), and
 * a delegate's own nominations as their account shows them.
 *
 * The pages are their JSON twins' values (meetings.c) with names for
 * codes and times in words in the reader's zone laid over them.  The form
 * turns its fields into the API's input -- agenda rows agenda.<n>.number,
 * .title and .statements; the organizations invited and the documents as
 * ids separated by commas or spaces -- and goes through mtg_check, the
 * API's one check; a refusal is the form again with a message by each
 * field and what was typed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/dialogues/dialogues.h"
#include "app/events/events.h"
#include "app/meetings/meetings_int.h"
#include "core/tz.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

#define MTG_FORM_SPARE 3	/* empty agenda rows the form adds */

static const char *
tr(struct req *r, const char *msg)
{
	return view_tr(r->app->views, r->locale, msg);
}

/* The instant of RFC 3339 field key of view m, in words in the reader's
 * zone (events_when), or NULL when it has none.  New reference. */
static json_t *
when_of(struct req *r, json_t *m, const char *key)
{
	const char *s = json_string_value(json_object_get(m, key));
	const struct tz *utc;
	int64_t t;

	if (!s || tz_get("UTC", &utc) != WS_OK || tz_parse_time(utc, s, &t, NULL) != WS_OK)
		return NULL;
	return events_when(r, json_string_value(json_object_get(m, "timezone")), t);
}

/* ---- the list ---------------------------------------------------------- */

/* The list's query without page, with key set to value (NULL: left out). */
static const char *
query_with(struct req *r, const char *key, const char *value)
{
	const char *body = strcmp(key, "body") == 0 ? value : req_qstr(r, "body");
	int64_t y = req_qint(r, "year", 0);
	char year[24] = "";

	if (strcmp(key, "year") == 0)
		snprintf(year, sizeof year, "%s", value ? value : "");
	else if (y)
		snprintf(year, sizeof year, "%lld", (long long)y);
	return arena_printf(r->a, "%s%s%s%s%s", body && *body ? "body=" : "", body && *body ?
	    body : "", body && *body && *year ? "&" : "", *year ? "year=" : "", year);
}

/* /meetings with the list's query, key set to value (NULL: left out). */
static const char *
href_with(struct req *r, const char *key, const char *value)
{
	const char *q = query_with(r, key, value);

	return *q ? arena_printf(r->a, "/meetings?%s", q) : "/meetings";
}

void
mtg_page_list(struct req *r, json_t *val)
{
	json_t *bodies = NULL, *b, *it, *opts, *counts, *years, *x;
	const char *sel = req_qstr(r, "body"), *k;
	int64_t ysel = req_qint(r, "year", 0);
	size_t i;

	json_array_foreach(json_object_get(val, "items"), i, it) {
		json_t *s = when_of(r, it, "start"), *e = when_of(r, it, "end");

		if (s && e)
			json_object_set_new(it, "dates", json_string(arena_printf(r->a, "%s – %s",
			    json_string_value(json_object_get(s, "date")),
			    json_string_value(json_object_get(e, "date")))));
		json_decref(s);
		json_decref(e);
		json_object_set_new(it, "draft", json_boolean(strcmp(json_string_value(
		    json_object_get(it, "status")), "draft") == 0));
		json_object_set_new(it, "cancelled", json_boolean(strcmp(json_string_value(
		    json_object_get(it, "status")), "cancelled") == 0));
	}
	counts = json_object_get(json_object_get(val, "facets"), "body");
	opts = json_array();
	if (mtg_bodies(req_db(r), &bodies) == WS_OK)
		json_array_foreach(bodies, i, b) {
			const char *code = json_string_value(json_object_get(b, "code"));
			json_t *n = json_object_get(counts, code);

			if (!n && strcmp(sel, code) != 0)
				continue;
			json_array_append_new(opts, json_pack("{s:s,s:s,s:I,s:s,s:b}", "code", code,
			    "label", mtg_body_name(r, b), "count", (json_int_t)json_integer_value(n),
			    "href", href_with(r, "body", code),
			    "selected", strcmp(sel, code) == 0));
		}
	json_decref(bodies);
	json_object_set_new(val, "body_options", opts);
	json_object_set_new(val, "any_body_href", json_string(href_with(r, "body", NULL)));
	years = json_array();
	json_object_foreach(json_object_get(json_object_get(val, "facets"), "year"), k, x) {
		json_t *o = json_pack("{s:s,s:I,s:s,s:b}", "label", k, "count",
		    (json_int_t)json_integer_value(x), "href", href_with(r, "year", k), "selected", ysel == strtoll(k, NULL, 10));
		size_t j;

		/* the latest first */
		for (j = 0; j < json_array_size(years); j++)
			if (strcmp(json_string_value(json_object_get(json_array_get(years, j),
			    "label")), k) < 0)
				break;
		json_array_insert_new(years, j, o);
	}
	json_object_set_new(val, "year_options", years);
	json_object_set_new(val, "any_year_href", json_string(href_with(r, "year", NULL)));
	json_object_set_new(val, "any_body", json_boolean(!*sel));
	json_object_set_new(val, "any_year", json_boolean(!ysel));
	json_object_set_new(val, "query", json_string(query_with(r, "page", NULL)));
	json_object_set_new(val, "is_staff", json_boolean(r->user && r->user->role >=
	    ROLE_STAFF));
}

/* ---- one session ----------------------------------------------------------- */

static const char *const elig_words[][2] = {
	{ "ecosoc", N_("Organizations in consultative status with the Economic and Social "
	    "Council (general, special or roster) may take part.") },
	{ "invited", N_("Organizations that staff invited may take part.") },
	{ "members", N_("Any member organization of the hub may take part.") },
};

static const char *const nom_labels[][2] = {
	{ "pending", N_("waiting for staff's decision") },
	{ "approved", N_("approved") },
	{ "declined", N_("declined") },
};

/* Adds to view m what the reader may do about delegates: their
 * organizations' nominations and their own (nominations), the nomination
 * form's organizations when the window is open (nominate_orgs), and, for
 * staff, the registration desks' list. */
static void
page_nominations(struct req *r, json_t *m)
{
	struct mtg_nom_filter f = { "", 0 };
	int64_t id = json_integer_value(json_object_get(m, "id")), total = 0;
	json_t *rows = NULL, *n, *orgs, *o;
	size_t i, k;

	if (!r->user)
		return;
	if (r->user->role >= ROLE_STAFF) {
		json_object_set_new(m, "desk_href", json_string(arena_printf(r->a,
		    "/staff/meetings/%lld/delegates.csv", (long long)id)));
		return;
	}
	/* by their address only once it is confirmed, as the API's list */
	if (mtg_nom_list(req_db(r), id, r->user->id, r->user->verified_at ? r->user->email : "",
	    &f, 1, APP_PER_PAGE_MAX, &rows, &total) == WS_OK) {
		json_array_foreach(rows, i, n)
			for (k = 0; k < sizeof nom_labels / sizeof nom_labels[0]; k++)
				if (strcmp(json_string_value(json_object_get(n, "status")),
				    nom_labels[k][0]) == 0)
					json_object_set_new(n, "status_label", json_string(tr(r,
					    nom_labels[k][1])));
		json_object_set(m, "my_nominations", rows);
	}
	json_decref(rows);
	orgs = json_array();
	if (strcmp(json_string_value(json_object_get(m, "nominations_state")), "open") == 0)
		json_array_foreach(json_object_get(m, "organizations"), i, o)
			if (json_is_true(json_object_get(o, "eligible")))
				json_array_append_new(orgs, json_pack("{s:O,s:O}", "id",
				    json_object_get(o, "id"), "name", json_object_get(o, "name")));
	json_object_set_new(m, "can_nominate", json_boolean(json_array_size(orgs) > 0));
	json_object_set_new(m, "nominate_orgs", orgs);
}

void
mtg_page_one(struct req *r, json_t *m)
{
	const char *st = json_string_value(json_object_get(m, "nominations"));
	const char *el = json_string_value(json_object_get(m, "eligibility"));
	json_t *x, *list, *it;
	size_t i;

	/* the summaries of the working group's dialogues shared at this session */
	if (dialogues_for_session(r, json_integer_value(json_object_get(m, "id")), &x) == WS_OK)
		json_object_set_new(m, "dialogue_summaries", x);
	else
		json_decref(x);
	if ((x = when_of(r, m, "start")) != NULL)
		json_object_set_new(m, "when_start", x);
	if ((x = when_of(r, m, "end")) != NULL)
		json_object_set_new(m, "when_end", x);
	if ((x = when_of(r, m, "nominations_opens")) != NULL)
		json_object_set_new(m, "when_opens", x);
	if ((x = when_of(r, m, "nominations_closes")) != NULL)
		json_object_set_new(m, "when_closes", x);
	json_object_set_new(m, "nominations_not_set", json_boolean(strcmp(st, "not_set") == 0));
	json_object_set_new(m, "nominations_upcoming", json_boolean(strcmp(st, "upcoming") ==
	    0));
	json_object_set_new(m, "nominations_open", json_boolean(strcmp(st, "open") == 0));
	json_object_set_new(m, "nominations_closed", json_boolean(strcmp(st, "closed") == 0));
	for (i = 0; i < sizeof elig_words / sizeof elig_words[0]; i++)
		if (el && strcmp(el, elig_words[i][0]) == 0)
			json_object_set_new(m, "eligibility_text", json_string(tr(r,
			    elig_words[i][1])));
	list = json_array();
	json_array_foreach(json_object_get(m, "documents"), i, x)
		json_array_append_new(list, json_pack("{s:O}", "id", x));
	json_object_set_new(m, "document_list", list);
	json_array_foreach(json_object_get(m, "organizations"), i, it)
		json_object_set_new(it, "ineligible", json_boolean(!json_is_true(
		    json_object_get(it, "eligible"))));
	x = json_object_get(m, "working_group_name");
	json_object_set_new(m, "heading", json_string(arena_printf(r->a, "%s%s%s, %s",
	    json_string_value(json_object_get(m, "body_name")), json_is_string(x) ? ": " : "",
	    json_is_string(x) ? json_string_value(x) : "",
	    json_string_value(json_object_get(m, "title")))));
	json_object_set_new(m, "signed_out", json_boolean(!r->user));
	json_object_set_new(m, "is_staff", json_boolean(r->user && r->user->role >= ROLE_STAFF));
	json_object_set_new(m, "draft", json_boolean(strcmp(json_string_value(json_object_get(m,
	    "status")), "draft") == 0));
	json_object_set_new(m, "cancelled", json_boolean(strcmp(json_string_value(
	    json_object_get(m, "status")), "cancelled") == 0));
	json_object_set_new(m, "nominations_state", json_string(st));
	page_nominations(r, m);
	mtg_page_side_events(r, m);
	mtg_page_speaking(r, m);
}

/* ---- staff's form ------------------------------------------------------------ */

/* [{value, label, selected}] of codes labelled by labels (translated;
 * NULL: the code itself), value selected.  New reference. */
static json_t *
options(struct req *r, const char *const *codes, const char *const *labels, const char *sel)
{
	json_t *o = json_array();
	size_t i;

	for (i = 0; codes[i]; i++)
		json_array_append_new(o, json_pack("{s:s,s:s,s:b}", "value", codes[i], "label",
		    labels ? tr(r, labels[i]) : codes[i], "selected", sel && strcmp(sel,
		    codes[i]) == 0));
	return o;
}

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

/* Ids array a as text "3, 8". */
static const char *
ids_text(struct req *r, json_t *a)
{
	const char *s = "";
	json_t *x;
	size_t i;

	if (json_is_string(a))
		return json_string_value(a);
	json_array_foreach(a, i, x)
		s = arena_printf(r->a, "%s%s%lld", s, i ? ", " : "",
		    (long long)json_integer_value(x));
	return s;
}

/* The form's fields (r->in) as the API's input.  New reference. */
static json_t *
input_of_form(struct req *r)
{
	static const char *const plain[] = { "body", "working_group", "number", "title",
		"description", "start", "end", "timezone", "venue", "status", "visibility",
		"eligibility", "nominations_opens", "nominations_closes", "delegates_max",
		"side_events_opens", "side_events_closes", "speaking_opens", "speaking_closes",
		NULL };
	json_t *in = json_object(), *agenda = json_array(), *slots = json_array(), *x;
	const char *const *k;
	int n;

	for (k = plain; *k; k++)
		if ((x = json_object_get(r->in, *k)) != NULL)
			json_object_set(in, *k, x);
	json_object_set_new(in, "invited", ids_of(json_string_value(json_object_get(r->in,
	    "invited"))));
	json_object_set_new(in, "documents", ids_of(json_string_value(json_object_get(r->in,
	    "documents"))));
	for (n = 1; n <= MTG_AGENDA_MAX + MTG_FORM_SPARE; n++) {
		const char *num = json_string_value(json_object_get(r->in, arena_printf(r->a,
		    "agenda.%d.number", n)));
		const char *title = json_string_value(json_object_get(r->in, arena_printf(r->a,
		    "agenda.%d.title", n)));
		json_t *stm = json_object_get(r->in, arena_printf(r->a, "agenda.%d.statements", n));
		const char *mins = json_string_value(json_object_get(r->in, arena_printf(r->a,
		    "agenda.%d.minutes", n)));
		int64_t m;
		json_t *item;

		if ((!num || !*num) && (!title || !*title))
			continue;
		item = json_pack("{s:s,s:s,s:b}", "number", num ? num : "", "title",
		    title ? title : "", "statements", stm != NULL);
		/* minutes for statements: a number, or the text for the check to refuse */
		if (mins && *mins)
			json_object_set_new(item, "minutes", parse_int(mins, 1, INT64_MAX, &m) ==
			    WS_OK ? json_integer(m) : json_string(mins));
		json_array_append_new(agenda, item);
	}
	json_object_set_new(in, "agenda", agenda);
	/* slot rows: an id kept from the session, start, end and room */
	for (n = 1; n <= MTG_SLOTS_MAX + MTG_FORM_SPARE; n++) {
		const char *sid = json_string_value(json_object_get(r->in, arena_printf(r->a,
		    "slot.%d.id", n)));
		const char *start = json_string_value(json_object_get(r->in, arena_printf(r->a,
		    "slot.%d.start", n)));
		const char *end = json_string_value(json_object_get(r->in, arena_printf(r->a,
		    "slot.%d.end", n)));
		const char *room = json_string_value(json_object_get(r->in, arena_printf(r->a,
		    "slot.%d.room", n)));
		json_t *one;
		int64_t v;

		if ((!start || !*start) && (!end || !*end) && (!room || !*room))
			continue;
		one = json_pack("{s:s,s:s,s:s}", "start", start ? start : "", "end", end ? end : "",
		    "room", room ? room : "");
		if (sid && parse_int(sid, 1, INT64_MAX, &v) == WS_OK)
			json_object_set_new(one, "id", json_integer(v));
		json_array_append_new(slots, one);
	}
	json_object_set_new(in, "side_event_slots", slots);
	return in;
}

/* An RFC 3339 time of the session's zone as the form shows it, without its
 * offset ("2031-05-19T13:15"); what was typed stays as it was. */
static const char *
slot_local(struct req *r, const char *s)
{
	if (s && strlen(s) > 19 && s[10] == 'T' && strncmp(s + 16, ":00", 3) == 0 &&
	    (s[19] == '+' || s[19] == '-' || s[19] == 'Z'))
		return arena_strndup(r->a, s, 16);
	return s;
}

/* Shows the form: w->val's form (the API's input or a view) with the
 * lists to choose from, its agenda rows and where it posts. */
static enum ws_err
form_page(struct req *r, struct resp *w, const char *action, const char *title)
{
	static const char *const elig[] = { "ecosoc", "invited", "members", NULL };
	static const char *const elig_labels[] = { N_("ECOSOC status"), N_("Invited by staff"),
		N_("Any member organization"), NULL };
	static const char *const statuses[] = { "draft", "published", "cancelled", NULL };
	static const char *const status_labels[] = { N_("Draft"), N_("Published"),
		N_("Cancelled"), NULL };
	static const char *const vis[] = { "public", "members", "staff", NULL };
	static const char *const vis_labels[] = { N_("Everyone"), N_("Members"), N_("Staff"),
		NULL };
	json_t *form = json_object_get(w->val, "form"), *bodies = NULL, *b, *opts, *rows, *it;
	const char *sel;
	enum ws_err rc;
	size_t i;
	int n;

	if ((rc = mtg_bodies(req_db(r), &bodies)) != WS_OK) {
		json_decref(bodies);
		return rc;
	}
	sel = json_string_value(json_object_get(form, "body"));
	opts = json_array();
	json_array_foreach(bodies, i, b)
		json_array_append_new(opts, json_pack("{s:O,s:s,s:b}", "value", json_object_get(b,
		    "code"), "label", mtg_body_name(r, b), "selected", sel && strcmp(sel,
		    json_string_value(json_object_get(b, "code"))) == 0));
	json_decref(bodies);
	json_object_set_new(w->val, "bodies", opts);
	json_object_set_new(w->val, "working_groups", options(r, mtg_wg_codes, mtg_wg_names,
	    json_string_value(json_object_get(form, "working_group"))));
	json_object_set_new(w->val, "eligibilities", options(r, elig, elig_labels,
	    json_string_value(json_object_get(form, "eligibility"))));
	json_object_set_new(w->val, "statuses", options(r, statuses, status_labels,
	    json_string_value(json_object_get(form, "status"))));
	json_object_set_new(w->val, "visibilities", options(r, vis, vis_labels,
	    json_string_value(json_object_get(form, "visibility"))));
	json_object_set_new(form, "invited_text", json_string(ids_text(r, json_object_get(form,
	    "invited"))));
	json_object_set_new(form, "documents_text", json_string(ids_text(r,
	    json_object_get(form, "documents"))));
	if (json_is_integer(json_object_get(form, "number")))
		json_object_set_new(form, "number", json_string(arena_printf(r->a, "%lld",
		    (long long)json_integer_value(json_object_get(form, "number")))));
	if (json_is_integer(json_object_get(form, "delegates_max")))
		json_object_set_new(form, "delegates_max", json_string(arena_printf(r->a, "%lld",
		    (long long)json_integer_value(json_object_get(form, "delegates_max")))));
	rows = json_array();
	n = 0;
	json_array_foreach(json_object_get(form, "agenda"), i, it) {
		n++;
		json_t *mins = json_object_get(it, "minutes");

		json_array_append_new(rows, json_pack("{s:i,s:O,s:O,s:b,s:s}", "n", n, "number",
		    json_object_get(it, "number"), "title", json_object_get(it, "title"),
		    "statements", json_is_true(json_object_get(it, "statements")), "minutes",
		    json_is_integer(mins) ? arena_printf(r->a, "%lld", (long long)
		    json_integer_value(mins)) : json_is_string(mins) ? json_string_value(mins) :
		    ""));
	}
	for (i = 0; i < MTG_FORM_SPARE && n < MTG_AGENDA_MAX + MTG_FORM_SPARE; i++) {
		n++;
		json_array_append_new(rows, json_pack("{s:i,s:s,s:s,s:b,s:s}", "n", n, "number", "",
		    "title", "", "statements", 0, "minutes", ""));
	}
	json_object_set_new(w->val, "agenda_rows", rows);
	rows = json_array();
	n = 0;
	json_array_foreach(json_object_get(form, "side_event_slots"), i, it) {
		json_t *sid = json_object_get(it, "id");

		n++;
		json_array_append_new(rows, json_pack("{s:i,s:s,s:s?,s:s?,s:s?}", "n", n, "id",
		    json_is_integer(sid) ? arena_printf(r->a, "%lld", (long long)json_integer_value(
		    sid)) : "", "start", slot_local(r, json_string_value(json_object_get(it, "start"))),
		    "end", slot_local(r, json_string_value(json_object_get(it, "end"))), "room",
		    json_string_value(json_object_get(it, "room"))));
	}
	for (i = 0; i < MTG_FORM_SPARE && n < MTG_SLOTS_MAX + MTG_FORM_SPARE; i++) {
		n++;
		json_array_append_new(rows, json_pack("{s:i,s:s,s:s,s:s,s:s}", "n", n, "id", "",
		    "start", "", "end", "", "room", ""));
	}
	json_object_set_new(w->val, "slot_rows", rows);
	json_object_set_new(w->val, "action", json_string(action));
	w->tpl = "staff_meeting_form";
	w->title = title;
	return WS_OK;
}

enum ws_err
h_staff_meeting_new_form(struct req *r, struct resp *w)
{
	resp_value(w, json_pack("{s:{s:s,s:s,s:s,s:s,s:s}}", "form", "body", "ccpcj",
	    "timezone", "Europe/Vienna", "status", "draft", "visibility", "public",
	    "eligibility", "ecosoc"));
	return form_page(r, w, "/staff/meetings/new", N_("New session"));
}

/* The form posted for session id (0: new): saved and on to the session's
 * page, or the form again with why. */
static enum ws_err
form_post(struct req *r, struct resp *w, int64_t id, json_t *base, const char *action,
    const char *title)
{
	json_t *typed = input_of_form(r), *in, *event = NULL, *values = NULL, *errors = NULL;
	int64_t out = 0;
	enum ws_err rc;

	in = base ? mtg_merged_input(base, typed) : json_incref(typed);
	if ((rc = mtg_check(r, in, id, &event, &values, &errors)) != WS_OK)
		goto out;
	if (!errors) {
		rc = mtg_save(r, id, event, values, &out);
		if (rc == WS_ECONFLICT)
			errors = json_pack("{s:s}", "number", tr(r, N_("This body already has a "
			    "session with this number.")));
		else if (rc == WS_EINVAL && json_object_get(values, "_errors"))
			errors = json_incref(json_object_get(values, "_errors"));
		else if (rc != WS_OK)
			goto out;
	}
	if (errors) {
		rc = form_fail(r, w, "staff_meeting_form", title, in, errors);
		if (id)
			json_object_set_new(w->val, "id", json_integer(id));
		if (form_page(r, w, action, title) != WS_OK)
			rc = WS_EDB;
		goto out;
	}
	resp_redirect(w, arena_printf(r->a, "/meetings/%lld", (long long)out));
	rc = WS_OK;
out:
	json_decref(typed);
	json_decref(in);
	json_decref(event);
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_staff_meeting_create(struct req *r, struct resp *w)
{
	return form_post(r, w, 0, NULL, "/staff/meetings/new", N_("New session"));
}

enum ws_err
h_staff_meeting_edit_form(struct req *r, struct resp *w)
{
	json_t *m = NULL;
	int64_t id;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = mtg_load_view(r, id, &m)) != WS_OK)
		return rc;
	resp_value(w, json_pack("{s:o,s:I}", "form", mtg_merged_input(m, NULL), "id",
	    (json_int_t)id));
	json_decref(m);
	return form_page(r, w, arena_printf(r->a, "/staff/meetings/%lld/edit", (long long)id),
	    N_("Edit the session"));
}

enum ws_err
h_staff_meeting_edit(struct req *r, struct resp *w)
{
	json_t *m = NULL;
	int64_t id;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = mtg_load_view(r, id, &m)) != WS_OK)
		return rc;
	/* the form sends every field: what it leaves empty is emptied */
	rc = form_post(r, w, id, NULL, arena_printf(r->a, "/staff/meetings/%lld/edit",
	    (long long)id), N_("Edit the session"));
	json_decref(m);
	return rc;
}

/* ---- nominating through the page ----------------------------------------------- */

enum ws_err
h_meeting_nominate_form(struct req *r, struct resp *w)
{
	static const char *const names[] = { "organization_id", "name", "title", "email",
		"nationality", "passport_name", "visa_letter", "attendance", NULL };
	json_t *typed = json_object(), *in = json_object(), *view = NULL, *errors = NULL, *x;
	const char *const *k, *detail;
	int64_t id, org;
	enum ws_err rc, rc2;
	size_t i;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK) {
		rc = WS_ENOTFOUND;
		goto out;
	}
	for (k = names; *k; k++)
		if ((x = json_object_get(r->in, *k)) != NULL && json_is_string(x)) {
			json_object_set(typed, *k, x);
			json_object_set(in, *k, x);
		}
	/* the form's organization is a number; an unticked box is no */
	x = json_object_get(typed, "organization_id");
	if (x && parse_int(json_string_value(x), 1, INT64_MAX, &org) == WS_OK)
		json_object_set_new(in, "organization_id", json_integer(org));
	json_object_set_new(in, "visa_letter", json_boolean(json_object_get(typed,
	    "visa_letter") != NULL));
	json_decref(r->in);
	r->in = in;
	in = NULL;
	rc = h_meeting_nominate(r, w);
	if (rc == WS_OK) {
		json_decref(w->val);
		w->val = NULL;
		w->status = 0;
		resp_redirect(w, arena_printf(r->a, "/meetings/%lld#delegates", (long long)id));
		goto out;
	}
	if (rc != WS_EINVAL && rc != WS_ECONFLICT && rc != WS_EFORBIDDEN)
		goto out;
	/* refused: the session's page again, with why and what was typed */
	errors = w->errors ? json_incref(w->errors) : json_object();
	detail = w->detail;
	if ((rc2 = mtg_load_view(r, id, &view)) != WS_OK) {
		rc = rc2;
		goto out;
	}
	mtg_page_one(r, view);
	json_object_set(view, "nom_form", typed);
	json_object_set(view, "nom_errors", errors);
	json_object_set_new(view, "nom_in_person", json_boolean(!json_is_string(json_object_get(
	    typed, "attendance")) || strcmp(json_string_value(json_object_get(typed,
	    "attendance")), "online") != 0));
	json_array_foreach(json_object_get(view, "nominate_orgs"), i, x)
		json_object_set_new(x, "selected", json_boolean(json_string_value(json_object_get(
		    typed, "organization_id")) && json_integer_value(json_object_get(x, "id")) ==
		    strtoll(json_string_value(json_object_get(typed, "organization_id")), NULL,
		    10)));
	w->detail = detail;
	app_form_again(r, w, view, rc, N_("Some fields need your attention."), "meeting",
	    N_("Session"));
out:
	json_decref(typed);
	json_decref(in);
	json_decref(view);
	json_decref(errors);
	return rc;
}

/* ---- staff's list of nominations --------------------------------------------- */

static const char *
nom_label(struct req *r, const char *status)
{
	size_t k;

	for (k = 0; k < sizeof nom_labels / sizeof nom_labels[0]; k++)
		if (strcmp(status, nom_labels[k][0]) == 0)
			return tr(r, nom_labels[k][1]);
	return status;
}

/* Puts into w the staff page of session view m's nominations under the
 * query's status, organization and page. */
static enum ws_err
noms_page(struct req *r, struct resp *w, json_t *m)
{
	static const char *const statuses[] = { "pending", "approved", "declined", NULL };
	static const char *const ecosoc[][2] = {
		{ "general", N_("General consultative status") },
		{ "special", N_("Special consultative status") },
		{ "roster", N_("Roster") },
		{ "none", N_("No consultative status") },
	};
	struct mtg_nom_filter f;
	int64_t id = json_integer_value(json_object_get(m, "id")), page, total = 0, elsewhere;
	json_t *rows = NULL, *orgs = NULL, *n, *opts, *o;
	int approved;
	enum ws_err rc;
	size_t i, k;

	f.status = req_qstr(r, "status");
	f.org = req_qint(r, "organization", 0);
	page = req_qint(r, "page", 1);
	if ((rc = mtg_nom_list(req_db(r), id, 0, "", &f, page, APP_PER_PAGE, &rows, &total)) !=
	    WS_OK || (rc = mtg_nom_orgs(req_db(r), id, &orgs)) != WS_OK)
		goto out;
	json_array_foreach(rows, i, n) {
		const char *e = json_string_value(json_object_get(n, "organization_ecosoc_status"));

		json_object_set_new(n, "status_label", json_string(nom_label(r,
		    json_string_value(json_object_get(n, "status")))));
		for (k = 0; k < sizeof ecosoc / sizeof ecosoc[0]; k++)
			if (strcmp(e, ecosoc[k][0]) == 0)
				json_object_set_new(n, "ecosoc_label", json_string(tr(r,
				    ecosoc[k][1])));
		json_object_set_new(n, "online", json_boolean(strcmp(json_string_value(
		    json_object_get(n, "attendance")), "online") == 0));
		/* the address nominated by other organizations too: staff decide */
		if ((rc = mtg_nom_elsewhere(req_db(r), json_integer_value(json_object_get(n, "id")),
		    &elsewhere, &approved)) != WS_OK)
			goto out;
		if (elsewhere)
			json_object_set_new(n, "nominated_elsewhere", json_integer(elsewhere));
	}
	resp_value(w, app_list_value(rows, page, APP_PER_PAGE, total));
	rows = NULL;
	opts = json_array();
	for (k = 0; statuses[k]; k++)
		json_array_append_new(opts, json_pack("{s:s,s:s,s:b}", "status", statuses[k],
		    "label", nom_label(r, statuses[k]), "selected", strcmp(f.status, statuses[k]) ==
		    0));
	json_object_set_new(w->val, "statuses", opts);
	json_array_foreach(orgs, i, o)
		json_object_set_new(o, "selected", json_boolean(json_integer_value(json_object_get(o,
		    "id")) == f.org));
	json_object_set(w->val, "organizations", orgs);
	/* the filters, kept in the pages' links and the form's address */
	json_object_set_new(w->val, "filter_status", json_string(f.status));
	json_object_set_new(w->val, "filter_org", json_string(f.org ? arena_printf(r->a, "%lld",
	    (long long)f.org) : ""));
	json_object_set_new(w->val, "session", json_pack("{s:I,s:O}", "id", (json_int_t)id,
	    "heading", json_object_get(m, "heading")));
	w->tpl = "staff_meeting_nominations";
	w->title = N_("Nominations");
out:
	json_decref(rows);
	json_decref(orgs);
	return rc;
}

/* Session {id} as staff see it, with its heading; a new reference. */
static enum ws_err
staff_session(struct req *r, int64_t *id, json_t **m)
{
	enum ws_err rc;

	*m = NULL;
	if (parse_int(r->params[0], 1, INT64_MAX, id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = mtg_load_view(r, *id, m)) != WS_OK)
		return rc;
	mtg_page_one(r, *m);
	return WS_OK;
}

enum ws_err
h_staff_meeting_nominations(struct req *r, struct resp *w)
{
	json_t *m = NULL;
	int64_t id;
	enum ws_err rc;

	if ((rc = staff_session(r, &id, &m)) == WS_OK)
		rc = noms_page(r, w, m);
	json_decref(m);
	return rc;
}

/* Result x of a decision ({ok, status or reason}) in words. */
static const char *
decided_label(struct req *r, json_t *x)
{
	if (!json_is_true(json_object_get(x, "ok")))
		return arena_printf(r->a, "%s %s", tr(r, N_("Refused:")),
		    json_string_value(json_object_get(x, "reason")));
	return nom_label(r, json_string_value(json_object_get(x, "status")));
}

enum ws_err
h_staff_meeting_nominations_decide(struct req *r, struct resp *w)
{
	json_t *m = NULL, *s = NULL, *in = json_object_get(r->in, "ids"), *ids = json_array();
	json_t *out = NULL, *errors = NULL, *x;
	struct mtg_viewer v;
	int64_t id, n;
	enum ws_err rc;
	size_t i;

	if ((rc = staff_session(r, &id, &m)) != WS_OK)
		goto out;
	mtg_viewer_of(r, &v);
	if ((rc = mtg_get(req_db(r), &v, id, &s)) != WS_OK)
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
	rc = mtg_nom_decide_all(r, w, id, s, &out);
	if (rc == WS_EINVAL) {
		errors = w->errors;
		w->errors = NULL;
		w->detail = NULL;
	} else if (rc != WS_OK) {
		goto out;
	}
	if ((rc = noms_page(r, w, m)) != WS_OK)
		goto out;
	if (out) {
		json_array_foreach(json_object_get(out, "results"), i, x)
			json_object_set_new(x, "label", json_string(decided_label(r, x)));
		json_object_set(w->val, "decided", out);
	}
	if (errors) {
		json_object_set(w->val, "errors", errors);
		x = json_object_get(r->in, "reason");
		json_object_set_new(w->val, "reason", json_string(json_is_string(x) ?
		    json_string_value(x) : ""));
		w->status = 422;
	}
out:
	json_decref(m);
	json_decref(s);
	json_decref(ids);
	json_decref(out);
	json_decref(errors);
	return rc;
}

/* ---- the delegate's own ---------------------------------------------------------- */

enum ws_err
meetings_my_nominations(struct req *r, json_t **out)
{
	json_t *rows = NULL, *n;
	enum ws_err rc;
	size_t i;

	*out = NULL;
	if (!r->user->verified_at) {	/* the address is not shown to be theirs yet */
		*out = json_array();
		return WS_OK;
	}
	if ((rc = mtg_nom_of_email(req_db(r), r->user->email, MEETINGS_MINE_MAX, &rows)) !=
	    WS_OK) {
		json_decref(rows);
		return rc;
	}
	json_array_foreach(rows, i, n) {
		json_object_set_new(n, "session", json_string(arena_printf(r->a, "%s, %s",
		    mtg_body_name(r, n), json_string_value(json_object_get(n, "title")))));
		json_object_set_new(n, "status_label", json_string(nom_label(r,
		    json_string_value(json_object_get(n, "status")))));
		json_object_del(n, "body_name_en");
		json_object_del(n, "body_name_fr");
		json_object_del(n, "title");
	}
	*out = rows;
	return WS_OK;
}
