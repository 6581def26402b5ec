/*
 * staff.c -- staff's pages for writing calls: /staff/calls (every call,
 * drafts too, with its applications counted, filtered by status and kind,
 * a page at a time; its JSON twin and its CSV) and the call form at
 * /staff/calls/new and /staff/calls/{id}/edit.
 *
 * The form posts through h_call_create and h_call_edit, so what it sends
 * is checked by check_call() as the API's is, and audited as the API's
 * is; here its fields only become the API's shape: the eligibility's
 * (organization kinds ticked, countries and regions chosen, individuals
 * allowed, members only), the questions' rows (the events' editor,
 * events.h) and the criteria's rows (cr.<n>.id hidden, name, weight,
 * remove; criterion_rows says how many).  A refusal shows the form again
 * with what was typed and a message by each field.  Forms work without
 * JavaScript.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/calls/calls_int.h"
#include "app/directory/directory.h"
#include "app/directory/regions.h"
#include "app/events/events.h"
#include "app/orgs/orgs.h"
#include "core/tz.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

#define CALL_FORM_BLANK 3	/* empty criterion rows the form offers */
#define CALL_FORM_ROWS_MAX 64	/* criterion rows a form may send */
#define CALL_CSV_PAGE 200	/* calls read at a time for the CSV */

/* msg in r's language. */
static const char *
tr(struct req *r, const char *msg)
{
	return view_tr(r->app->views, r->locale, msg);
}

/* ---- the list ------------------------------------------------------------- */

/* Stored call c as a row of staff's list: its codes with their words, its
 * times in its zone (opens, closes) and in the reader's (opens_when,
 * closes_when), its places and its applications counted.  New reference. */
static json_t *
list_item(struct req *r, json_t *c)
{
	const char *zone = json_string_value(json_object_get(c, "timezone"));
	json_t *opens = json_object_get(c, "opens_at"), *it;
	int64_t closes = json_integer_value(json_object_get(c, "closes_at"));
	char s[40];

	it = json_pack("{s:O,s:O,s:O,s:s,s:O,s:s,s:O,s:O,s:O,s:O,s:O}", "id",
	    json_object_get(c, "id"), "title", json_object_get(c, "title"), "kind",
	    json_object_get(c, "kind"), "kind_label", call_label(r, json_string_value(
	    json_object_get(c, "kind"))), "status", json_object_get(c, "status"),
	    "status_label", call_label(r, json_string_value(json_object_get(c, "status"))),
	    "timezone", json_object_get(c, "timezone"), "places", json_object_get(c, "places"),
	    "submitted", json_object_get(c, "submitted"), "applications",
	    json_object_get(c, "applications"), "event_id", json_object_get(c, "event_id"));
	if (json_is_integer(opens)) {
		call_time(c, json_integer_value(opens), s, sizeof s);
		json_object_set_new(it, "opens", json_string(s));
		json_object_set_new(it, "opens_when", events_when(r, zone,
		    json_integer_value(opens)));
	} else {
		json_object_set_new(it, "opens", json_null());
		json_object_set_new(it, "opens_when", json_null());
	}
	call_time(c, closes, s, sizeof s);
	json_object_set_new(it, "closes", json_string(s));
	json_object_set_new(it, "closes_when", events_when(r, zone, closes));
	return it;
}

/* [{value, label, selected}] of codes (NULL-terminated), named by
 * call_label, cur selected. */
static json_t *
options(struct req *r, const char *const *codes, const char *cur)
{
	json_t *a = json_array();

	for (; *codes; codes++)
		json_array_append_new(a, json_pack("{s:s,s:s,s:b}", "value", *codes, "label",
		    call_label(r, *codes), "selected", cur && strcmp(cur, *codes) == 0));
	return a;
}

enum ws_err
h_staff_calls(struct req *r, struct resp *w)
{
	int64_t page = req_qint(r, "page", 1), total = 0;
	int per_page = (int)req_qint(r, "per_page", APP_PER_PAGE);
	const char *status = req_qstr(r, "status"), *kind = req_qstr(r, "kind");
	json_t *rows = NULL, *items, *c;
	enum ws_err rc;
	size_t i;

	if ((rc = call_list(req_db(r), r->user->id, 1, status, kind, page, per_page, &rows,
	    &total)) != WS_OK) {
		json_decref(rows);
		return rc;
	}
	items = json_array();
	json_array_foreach(rows, i, c)
		json_array_append_new(items, list_item(r, c));
	json_decref(rows);
	resp_value(w, app_list_value(items, page, per_page, total));
	json_object_set_new(w->val, "status", json_string(status));
	json_object_set_new(w->val, "kind", json_string(kind));
	if (!r->api) {
		json_object_set_new(w->val, "statuses", options(r, call_statuses, status));
		json_object_set_new(w->val, "kinds", options(r, call_kinds, kind));
	}
	w->tpl = "staff_calls";
	w->title = N_("Calls for participants");
	return WS_OK;
}

/* Cell s of the CSV (a comma before it unless first). */
static enum ws_err
cell(struct buf *b, const char *s, int first)
{
	return dir_csv_cell(b, s ? s : "", first);
}

enum ws_err
h_staff_calls_csv(struct req *r, struct resp *w)
{
	static const char *const cols[] = { "id", "title", "kind", "status", "opens", "closes",
		"timezone", "places", "submitted", "applications", "event_id", NULL };
	const char *status = req_qstr(r, "status"), *kind = req_qstr(r, "kind");
	json_t *rows = NULL, *c;
	int64_t page, total = 0;
	enum ws_err rc = WS_OK;
	size_t i, k;

	for (k = 0; cols[k] && rc == WS_OK; k++)
		rc = cell(&w->raw, cols[k], k == 0);
	if (rc == WS_OK)
		rc = buf_adds(&w->raw, "\r\n");
	for (page = 1; rc == WS_OK; page++) {
		if ((rc = call_list(req_db(r), r->user->id, 1, status, kind, page, CALL_CSV_PAGE,
		    &rows, &total)) != WS_OK || json_array_size(rows) == 0)
			break;
		json_array_foreach(rows, i, c) {
			json_t *it = list_item(r, c);

			for (k = 0; cols[k] && rc == WS_OK; k++) {
				json_t *x = json_object_get(it, cols[k]);

				rc = cell(&w->raw, json_is_integer(x) ? arena_printf(r->a, "%lld",
				    (long long)json_integer_value(x)) : json_string_value(x), k == 0);
			}
			if (rc == WS_OK)
				rc = buf_adds(&w->raw, "\r\n");
			json_decref(it);
		}
		json_decref(rows);
		rows = NULL;
	}
	json_decref(rows);
	if (rc != WS_OK)
		return rc;
	w->ctype = "text/csv; charset=utf-8";
	resp_header(w, "Content-Disposition", "attachment; filename=\"calls.csv\"");
	resp_header(w, "Cache-Control", "no-store");
	return WS_OK;
}

/* ---- the criteria's rows ----------------------------------------------------- */

/* Form field cr.<n>.<k> of r, trimmed, in r's arena; "" when absent. */
static const char *
crfield(struct req *r, int n, const char *k)
{
	json_t *x = json_object_get(r->in, arena_printf(r->a, "cr.%d.%s", n, k));
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

/* A row of the criteria's editor.  New reference. */
static json_t *
crrow(int n, const char *id, const char *name, const char *weight)
{
	return json_pack("{s:i,s:i,s:s,s:s,s:s,s:b,s:b}", "n", n, "number", n + 1, "id", id,
	    "name", name, "weight", weight, "removable", *id != '\0', "remove", 0);
}

/* Stored criteria cs as the editor's rows, blank ones after.  New
 * reference. */
static json_t *
crrows_of(json_t *cs)
{
	json_t *rows = json_array(), *c;
	char wt[24];
	size_t i;
	int n = 0;

	json_array_foreach(cs, i, c) {
		const char *id = json_string_value(json_object_get(c, "id"));
		const char *name = json_string_value(json_object_get(c, "name"));

		if (!id)
			continue;
		snprintf(wt, sizeof wt, "%lld", (long long)json_integer_value(json_object_get(c,
		    "weight")));
		json_array_append_new(rows, crrow(n++, id, name ? name : "", wt));
	}
	for (i = 0; i < CALL_FORM_BLANK; i++)
		json_array_append_new(rows, crrow(n++, "", "", ""));
	return rows;
}

/* Whether stored criteria cs have one with id. */
static int
has_criterion(json_t *cs, const char *id)
{
	json_t *c;
	size_t i;

	json_array_foreach(cs, i, c)
		if (*id && json_string_value(json_object_get(c, "id")) &&
		    strcmp(json_string_value(json_object_get(c, "id")), id) == 0)
			return 1;
	return 0;
}

/* Sets message msg (English) on row's field k. */
static void
crerr(struct req *r, json_t *row, const char *k, const char *msg)
{
	json_t *e = json_object_get(row, "problems");

	if (!e) {
		e = json_object();
		json_object_set_new(row, "problems", e);
	}
	if (!json_object_get(e, k))
		json_object_set_new(e, k, json_string(tr(r, msg)));
}

/*
 * The form's criterion rows of r as the API's `criteria`, set in r->in;
 * stored: the call's criteria (empty for a new one).  *rows (new
 * reference) what was typed, a message by each field that fails; *bad
 * whether one did.  Nothing is done (*rows NULL) when the form has no
 * criterion rows.  A criterion keeps its id, so its scores stay with it; a
 * new one gets an id no criterion of the call had.
 */
static void
criteria_from_form(struct req *r, json_t *stored, json_t **rows, int *bad)
{
	json_t *out, *used;
	int64_t count = 0, wt;
	int n, kept = 0, next = 1;
	json_t *c;
	size_t i;

	*rows = NULL;
	*bad = 0;
	if (!json_string_value(json_object_get(r->in, "criterion_rows")) ||
	    parse_int(json_string_value(json_object_get(r->in, "criterion_rows")), 0,
	    CALL_FORM_ROWS_MAX, &count) != WS_OK)
		return;
	out = json_array();
	used = json_object();
	json_array_foreach(stored, i, c)	/* a new criterion takes no old id */
		if (json_string_value(json_object_get(c, "id")))
			json_object_set_new(used, json_string_value(json_object_get(c, "id")),
			    json_true());
	*rows = json_array();
	for (n = 0; n < (int)count; n++) {
		const char *id = crfield(r, n, "id"), *name = crfield(r, n, "name");
		const char *weight = crfield(r, n, "weight");
		json_t *row;

		if (!has_criterion(stored, id))
			id = "";
		row = crrow(n, id, name, weight);
		json_array_append_new(*rows, row);
		if (*id && *crfield(r, n, "remove")) {
			json_object_set_new(row, "remove", json_true());
			continue;
		}
		if (!*id && !*name && !*weight)	/* a blank row */
			continue;
		if (!*name)
			crerr(r, row, "name", N_("Give the criterion a name."));
		else if (strlen(name) > CALL_NAME_MAX || !utf8_valid_text(name, strlen(name), 0))
			crerr(r, row, "name", N_("Keep the name to one line of 200 characters."));
		wt = 1;
		if (*weight && parse_int(weight, 1, CALL_WEIGHT_MAX, &wt) != WS_OK)
			crerr(r, row, "weight", N_("A weight is a whole number from 1 to 100."));
		if (++kept > CALL_CRITERIA_MAX)
			crerr(r, row, "name", N_("A call has at most 20 criteria."));
		if (json_object_get(row, "problems")) {
			*bad = 1;
			continue;
		}
		if (!*id) {	/* a new id, never an old one's */
			do
				id = arena_printf(r->a, "c%d", next++);
			while (json_object_get(used, id));
		}
		json_object_set_new(used, id, json_true());
		json_array_append_new(out, json_pack("{s:s,s:s,s:I}", "id", id, "name", name,
		    "weight", (json_int_t)wt));
	}
	if (!*bad)
		json_object_set(r->in, "criteria", out);
	json_decref(out);
	json_decref(used);
}

/* ---- the eligibility's fields -------------------------------------------------- */

/* Form value x (absent, a string, or an array of strings: a repeated
 * field) as a new array of strings. */
static json_t *
strings_of(json_t *x)
{
	json_t *a = json_array(), *s;
	size_t i;

	if (json_is_string(x) && json_string_length(x))
		json_array_append(a, x);
	json_array_foreach(x, i, s)
		if (json_is_string(s) && json_string_length(s))
			json_array_append(a, s);
	return a;
}

/* Whether form value x is a ticked box. */
static int
ticked(json_t *x)
{
	return json_is_true(x) || (json_is_string(x) && json_string_length(x) > 0 &&
	    strcmp(json_string_value(x), "0") != 0);
}

/* The form's eligibility fields of r (organization_kinds, countries,
 * regions: repeated; experts: a box; audience: open or members) as the
 * API's `eligibility`, set in r->in; nothing when the form has none. */
static void
eligibility_from_form(struct req *r)
{
	json_t *aud = json_object_get(r->in, "audience");

	if (!json_is_string(aud))
		return;
	json_object_set_new(r->in, "eligibility", json_pack("{s:o,s:o,s:o,s:b,s:O}",
	    "organization_kinds", strings_of(json_object_get(r->in, "organization_kinds")),
	    "countries", strings_of(json_object_get(r->in, "countries")),
	    "regions", strings_of(json_object_get(r->in, "regions")),
	    "experts", ticked(json_object_get(r->in, "experts")), "audience", aud));
}

/* ---- the form -------------------------------------------------------------------- */

/* [{value, label, selected}] of the UN regions and sub-regions, those in
 * selected (an array) selected.  New reference. */
static json_t *
region_options(struct req *r, json_t *selected)
{
	const struct m49_area *a;
	json_t *out = json_array(), *s;
	size_t n = 0, i, k;

	a = m49_areas(&n);
	for (i = 0; a && i < n; i++) {
		int sel = 0;

		json_array_foreach(selected, k, s)
			if (json_string_value(s) && strcmp(json_string_value(s), a[i].code) == 0)
				sel = 1;
		json_array_append_new(out, json_pack("{s:s,s:s,s:b}", "value", a[i].code, "label",
		    m49_name(a[i].code, r->locale), "selected", sel));
	}
	return out;
}

/* Call view v (call_view's) as the form's values: what the form's fields
 * hold for it.  New reference. */
static json_t *
form_of_view(json_t *v)
{
	static const char *const copied[] = { "id", "kind", "title", "description",
		"timezone", "opens", "closes", "places", "event_id", "status", NULL };
	json_t *el = json_object_get(v, "eligibility"), *form = json_object();
	const char *const *k;

	for (k = copied; *k; k++)
		if (json_object_get(v, *k) && !json_is_null(json_object_get(v, *k)))
			json_object_set(form, *k, json_object_get(v, *k));
	json_object_set(form, "organization_kinds", json_object_get(el, "organization_kinds"));
	json_object_set(form, "countries", json_object_get(el, "countries"));
	json_object_set(form, "regions", json_object_get(el, "regions"));
	json_object_set_new(form, "experts", json_boolean(!json_is_false(json_object_get(el,
	    "experts"))));
	json_object_set_new(form, "audience", json_string(json_string_value(json_object_get(el,
	    "audience")) ? json_string_value(json_object_get(el, "audience")) : "open"));
	return form;
}

/* Completes the form page's value in w (its form: what was typed or
 * stored; stored: the call's stored questions and criteria, NULL for a
 * new call) with the lists to choose from, the editors' rows (unless set
 * already) and where it posts. */
static enum ws_err
form_page(struct req *r, struct resp *w, int64_t id, json_t *stored, const char *action,
    const char *title)
{
	static const char *const audiences[] = { "open", "members", NULL };
	json_t *form = json_object_get(w->val, "form"), *sel, *x;
	int64_t ev = 0;
	size_t i;

	if (!json_is_object(form)) {
		form = json_object();
		json_object_set_new(w->val, "form", form);
	}
	json_object_set_new(form, "id", id > 0 ? json_integer(id) : json_null());
	json_object_set_new(w->val, "kinds", options(r, call_kinds, json_string_value(
	    json_object_get(form, "kind"))));
	json_object_set_new(w->val, "statuses", options(r, call_statuses, json_string_value(
	    json_object_get(form, "status"))));
	json_object_set_new(w->val, "audiences", json_array());
	for (i = 0; audiences[i]; i++)
		json_array_append_new(json_object_get(w->val, "audiences"), json_pack(
		    "{s:s,s:s,s:b}", "value", audiences[i], "label", i == 0 ? tr(r,
		    N_("Anyone with a confirmed account")) : tr(r, N_("Members of the hub only")),
		    "selected", json_string_value(json_object_get(form, "audience")) &&
		    strcmp(json_string_value(json_object_get(form, "audience")), audiences[i]) == 0));
	sel = strings_of(json_object_get(form, "organization_kinds"));
	json_object_set_new(w->val, "org_kinds", choice_options(org_kinds, org_kind_labels,
	    r->app->views, r->locale, sel));
	json_decref(sel);
	sel = strings_of(json_object_get(form, "countries"));
	json_object_set_new(w->val, "countries", country_options(r->locale, sel));
	json_decref(sel);
	sel = strings_of(json_object_get(form, "regions"));
	json_object_set_new(w->val, "regions", region_options(r, sel));
	json_decref(sel);
	json_object_set_new(w->val, "experts", json_boolean(ticked(json_object_get(form,
	    "experts"))));
	x = json_object_get(form, "event_id");
	if (json_is_integer(x))
		ev = json_integer_value(x);
	else if (json_is_string(x) && parse_int(json_string_value(x), 1, INT64_MAX, &ev) != WS_OK)
		ev = 0;
	json_object_set_new(w->val, "events", events_choices(r, ev));
	json_object_set_new(w->val, "no_event", json_boolean(ev == 0));
	if (!json_object_get(w->val, "question_rows")) {
		json_t *rows = NULL;
		enum ws_err rc = events_question_rows(r, id, stored ? json_object_get(stored,
		    "questions") : NULL, capp_q_answered, 1, &rows);

		if (rc != WS_OK) {
			json_decref(rows);
			return rc;
		}
		json_object_set_new(w->val, "question_rows", rows);
	}
	json_object_set_new(w->val, "question_count", json_integer((json_int_t)json_array_size(
	    json_object_get(w->val, "question_rows"))));
	if (!json_object_get(w->val, "criterion_rows"))
		json_object_set_new(w->val, "criterion_rows", crrows_of(stored ?
		    json_object_get(stored, "criteria") : NULL));
	json_object_set_new(w->val, "criterion_count", json_integer((json_int_t)json_array_size(
	    json_object_get(w->val, "criterion_rows"))));
	if (id > 0)
		json_object_set_new(w->val, "applications_href", json_string(arena_printf(r->a,
		    "/staff/calls/%lld/applications", (long long)id)));
	json_object_set_new(w->val, "action", json_string(action));
	w->tpl = "staff_call_form";
	w->title = title;
	return WS_OK;
}

/* The form again, 422: typed (what was sent) with errors by field, the
 * editors' rows as typed (qrows, crrows: taken; NULL for the stored
 * ones). */
static enum ws_err
form_again(struct req *r, struct resp *w, int64_t id, json_t *stored, json_t *typed,
    json_t *errors, json_t *qrows, json_t *crrows, const char *action, const char *title)
{
	enum ws_err rc = form_fail(r, w, "staff_call_form", title, typed, errors);

	json_object_del(json_object_get(w->val, "form"), "csrf");
	if (qrows)
		json_object_set_new(w->val, "question_rows", qrows);
	if (crrows)
		json_object_set_new(w->val, "criterion_rows", crrows);
	if (form_page(r, w, id, stored, action, title) != WS_OK)
		return WS_EDB;
	return rc;
}

/*
 * POST of the form for call id (0: a new one; stored: its stored JSON,
 * NULL for a new one): the rows and fields become the API's shape, then
 * write (h_call_create or h_call_edit) checks and writes; on to the list,
 * or the form again.
 */
static enum ws_err
form_post(struct req *r, struct resp *w, int64_t id, json_t *stored, const char *action,
    const char *title, enum ws_err (*write)(struct req *, struct resp *))
{
	json_t *typed, *qrows = NULL, *crrows = NULL, *errors = NULL;
	enum ws_err rc;
	int qbad = 0, cbad = 0;

	if (!json_is_object(r->in))
		return WS_EINVAL;
	typed = json_deep_copy(r->in);
	if ((rc = events_questions_from_form(r, id, stored ? json_object_get(stored,
	    "questions") : NULL, capp_q_answered, 1, &qrows, &qbad)) != WS_OK)
		goto out;
	criteria_from_form(r, stored ? json_object_get(stored, "criteria") : NULL, &crrows,
	    &cbad);
	eligibility_from_form(r);
	if (qbad || cbad) {
		errors = json_object();
		if (qbad)
			json_object_set_new(errors, "questions", json_string(tr(r,
			    N_("Some questions need your attention."))));
		if (cbad)
			json_object_set_new(errors, "criteria", json_string(tr(r,
			    N_("Some criteria need your attention."))));
		rc = form_again(r, w, id, stored, typed, errors, qrows, crrows, action, title);
		qrows = crrows = NULL;
		goto out;
	}
	rc = write(r, w);
	if (rc == WS_EINVAL && w->errors) {
		errors = json_incref(w->errors);
		rc = form_again(r, w, id, stored, typed, errors, qrows, crrows, action, title);
		qrows = crrows = NULL;
		goto out;
	}
	if (rc == WS_OK) {
		w->status = 0;
		resp_redirect(w, "/staff/calls");
	}
out:
	json_decref(typed);
	json_decref(qrows);
	json_decref(crrows);
	json_decref(errors);
	return rc;
}

enum ws_err
h_staff_call_new_form(struct req *r, struct resp *w)
{
	resp_value(w, json_pack("{s:{s:s,s:s,s:s,s:s,s:b}}", "form", "kind", "workshop",
	    "timezone", "Europe/Vienna", "status", "draft", "audience", "open", "experts", 1));
	return form_page(r, w, 0, NULL, "/staff/calls/new", N_("New call"));
}

enum ws_err
h_staff_call_create(struct req *r, struct resp *w)
{
	return form_post(r, w, 0, NULL, "/staff/calls/new", N_("New call"), h_call_create);
}

enum ws_err
h_staff_call_edit_form(struct req *r, struct resp *w)
{
	json_t *c = NULL, *v;
	int64_t id;
	enum ws_err rc;

	if ((rc = call_param(r, &id, &c)) != WS_OK)
		return rc;
	v = call_view(r, c);
	resp_value(w, json_pack("{s:o}", "form", form_of_view(v)));
	json_decref(v);
	rc = form_page(r, w, id, c, arena_printf(r->a, "/staff/calls/%lld/edit", (long long)id),
	    N_("Edit the call"));
	json_decref(c);
	return rc;
}

enum ws_err
h_staff_call_edit(struct req *r, struct resp *w)
{
	json_t *c = NULL;
	int64_t id;
	enum ws_err rc;

	if ((rc = call_param(r, &id, &c)) != WS_OK)
		return rc;
	rc = form_post(r, w, id, c, arena_printf(r->a, "/staff/calls/%lld/edit", (long long)id),
	    N_("Edit the call"), h_call_edit);
	json_decref(c);
	return rc;
}
