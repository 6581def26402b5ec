/*
 * pages.c -- the initiatives pages (issue 17): /initiatives (by country
 * and status, with counts and pages), /initiatives/{id} (what the reader
 * may see of one, and for staff the forms that add participants and
 * publish outputs), /initiatives/{id}/space (its documents, meetings and
 * updates, and the form that posts one), and staff's form
 * (/staff/initiatives/new, /staff/initiatives/{id}/edit), which goes
 * through ini_check, the API's one check, and comes back with a message
 * by each field and what was typed.  No page needs JavaScript.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "app/app.h"
#include "app/events/events.h"
#include "app/initiatives/initiatives_int.h"
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

static int
is_staff(struct req *r)
{
	return r->user && r->user->role >= ROLE_STAFF;
}

/* /initiatives with the list's query, key set to value (NULL: left out). */
static const char *
href_with(struct req *r, const char *key, const char *value)
{
	const char *c = strcmp(key, "country") == 0 ? value : req_qstr(r, "country");
	const char *s = strcmp(key, "status") == 0 ? value : req_qstr(r, "status");

	c = c ? c : "";
	s = s ? s : "";
	if (!*c && !*s)
		return "/initiatives";
	return arena_printf(r->a, "/initiatives?%s%s%s%s%s", *c ? "country=" : "", c,
	    *c && *s ? "&" : "", *s ? "status=" : "", s);
}

void
ini_page_list(struct req *r, json_t *val)
{
	json_t *fc = json_object_get(val, "facets"), *opts, *x;
	const char *k, *csel = req_qstr(r, "country"), *ssel = req_qstr(r, "status");
	size_t i;

	opts = json_array();
	json_object_foreach(json_object_get(fc, "country"), k, x) {
		const char *n = country_name(k, r->locale);

		json_array_append_new(opts, json_pack("{s:s,s:I,s:s,s:b}", "label", n ? n : k,
		    "count", (json_int_t)json_integer_value(x), "href", href_with(r, "country", k),
		    "selected", strcasecmp(csel, k) == 0));
	}
	json_object_set_new(val, "country_options", opts);
	opts = json_array();
	for (i = 0; ini_statuses[i]; i++) {
		x = json_object_get(json_object_get(fc, "status"), ini_statuses[i]);
		json_array_append_new(opts, json_pack("{s:s,s:I,s:s,s:b}", "label",
		    tr(r, ini_status_labels[i]), "count", (json_int_t)json_integer_value(x), "href",
		    href_with(r, "status", ini_statuses[i]), "selected", strcmp(ssel,
		    ini_statuses[i]) == 0));
	}
	json_object_set_new(val, "status_options", opts);
	json_object_set_new(val, "any_country_href", json_string(href_with(r, "country", NULL)));
	json_object_set_new(val, "any_status_href", json_string(href_with(r, "status", NULL)));
	json_object_set_new(val, "any_country", json_boolean(!*csel));
	json_object_set_new(val, "any_status", json_boolean(!*ssel));
	json_object_set_new(val, "is_staff", json_boolean(is_staff(r)));
	{
		const char *q = href_with(r, "page", NULL);
		const char *qs = strchr(q, '?');

		json_object_set_new(val, "query", json_string(qs ? qs + 1 : ""));
	}
}

void
ini_page_one(struct req *r, json_t *m)
{
	json_t *it, *drafts = json_array();
	size_t i;

	/* "title" is the page's: the initiative's is its heading */
	json_object_set(m, "heading", json_object_get(m, "title"));
	json_object_set_new(m, "is_staff", json_boolean(is_staff(r)));
	json_object_set_new(m, "signed_out", json_boolean(!r->user));
	json_array_foreach(json_object_get(m, "outputs"), i, it) {
		const char *st = json_string_value(json_object_get(it, "status"));

		json_object_set_new(it, "draft", json_boolean(strcmp(st, "draft") == 0));
		json_object_set_new(it, "to_public", json_boolean(strcmp(json_string_value(
		    json_object_get(it, "audience")), "public") == 0));
		json_object_set(it, "initiative_id", json_object_get(m, "id"));
		if (strcmp(st, "draft") == 0)
			json_array_append(drafts, it);
	}
	json_object_set_new(m, "drafts", drafts);
	json_array_foreach(json_object_get(m, "participants"), i, it) {
		const char *k = json_string_value(json_object_get(it, "kind"));

		json_object_set_new(it, "is_focal", json_boolean(strcmp(k, "focal") == 0));
		json_object_set_new(it, "is_org", json_boolean(strcmp(k, "organization") == 0));
		json_object_set_new(it, "is_expert", json_boolean(strcmp(k, "expert") == 0));
		json_object_set(it, "initiative_id", json_object_get(m, "id"));
	}
	json_object_set_new(m, "output_kinds", json_pack("[{s:s,s:s},{s:s,s:s},{s:s,s:s}]",
	    "value", ini_out_kinds[0], "label", tr(r, ini_out_kind_labels[0]),
	    "value", ini_out_kinds[1], "label", tr(r, ini_out_kind_labels[1]),
	    "value", ini_out_kinds[2], "label", tr(r, ini_out_kind_labels[2])));
}

void
ini_page_space(struct req *r, json_t *val)
{
	json_t *it;
	size_t i;

	json_array_foreach(json_object_get(val, "meetings"), i, it) {
		const struct tz *utc;
		int64_t t;
		const char *s = json_string_value(json_object_get(it, "start"));

		if (s && tz_get("UTC", &utc) == WS_OK && tz_parse_time(utc, s, &t, NULL) == WS_OK)
			json_object_set_new(it, "when", events_when(r, json_string_value(
			    json_object_get(it, "timezone")), t));
	}
	json_array_foreach(json_object_get(val, "items"), i, it) {
		const struct tz *utc;
		int64_t t;
		const char *s = json_string_value(json_object_get(it, "created_at"));

		if (s && tz_get("UTC", &utc) == WS_OK && tz_parse_time(utc, s, &t, NULL) == WS_OK)
			json_object_set_new(it, "when", events_when(r, NULL, t));
	}
	json_object_set_new(val, "is_staff", json_boolean(is_staff(r)));
	{
		json_t *opts = json_array();
		size_t k;

		for (k = 0; ini_out_kinds[k]; k++)
			json_array_append_new(opts, json_pack("{s:s,s:s,s:b}", "value",
			    ini_out_kinds[k], "label", tr(r, ini_out_kind_labels[k]), "selected", 0));
		json_object_set_new(val, "output_kinds", opts);
	}
}

/* ---- staff's form ----------------------------------------------------------------------- */

/* The form's fields (r->in) as the API's input.  New reference. */
static json_t *
input_of_form(struct req *r)
{
	static const char *const names[] = { "country", "title", "summary", "status",
		"concept_note", "call_id", "meetings", "documents", "focal_points", NULL };
	const char *const *k;
	json_t *in = json_object(), *x;

	for (k = names; *k; k++)
		if ((x = json_object_get(r->in, *k)) != NULL && json_is_string(x))
			json_object_set(in, *k, x);
	return in;
}

/* Ids (an array) as the form's text "1, 2".  Borrowed from r's arena. */
static const char *
ids_text(struct req *r, json_t *ids)
{
	const char *s = "";
	json_t *x;
	size_t i;

	if (json_is_string(ids))
		return json_string_value(ids);
	json_array_foreach(ids, i, x)
		s = arena_printf(r->a, "%s%s%lld", s, i ? ", " : "", (long long)json_integer_value(x));
	return s;
}

/* Shows the form: w->val's form with its lists and where it posts. */
static enum ws_err
form_page(struct req *r, struct resp *w, const char *action, const char *title)
{
	json_t *form = json_object_get(w->val, "form"), *opts, *x;
	const char *sel = json_string_value(json_object_get(form, "status"));
	static const char *const idf[] = { "meetings", "documents", "focal_points",
		"concept_note", "call_id", NULL };
	const char *const *k;
	size_t i;

	opts = json_array();
	for (i = 0; ini_statuses[i]; i++)
		json_array_append_new(opts, json_pack("{s:s,s:s,s:b}", "value", ini_statuses[i],
		    "label", tr(r, ini_status_labels[i]), "selected", sel && strcmp(sel,
		    ini_statuses[i]) == 0));
	json_object_set_new(w->val, "statuses", opts);
	for (k = idf; *k; k++) {
		x = json_object_get(form, *k);
		if (json_is_integer(x))
			json_object_set_new(form, *k, json_string(arena_printf(r->a, "%lld",
			    (long long)json_integer_value(x))));
		else if (json_is_array(x))
			json_object_set_new(form, *k, json_string(ids_text(r, x)));
	}
	json_object_set_new(w->val, "countries", country_options(r->locale,
	    json_object_get(form, "country")));
	json_object_set_new(w->val, "action", json_string(action));
	w->tpl = "staff_initiative_form";
	w->title = title;
	return WS_OK;
}

enum ws_err
h_staff_initiative_new_form(struct req *r, struct resp *w)
{
	resp_value(w, json_pack("{s:{s:s}}", "form", "status", "proposed"));
	return form_page(r, w, "/staff/initiatives/new", N_("New initiative"));
}

static enum ws_err
form_post(struct req *r, struct resp *w, int64_t id, const char *action, const char *title)
{
	json_t *in = input_of_form(r), *values = NULL, *errors = NULL;
	int64_t out = 0;
	enum ws_err rc;

	if ((rc = ini_check(r, in, &values, &errors)) != WS_OK)
		goto out;
	if (!errors) {
		rc = ini_save(r, id, values, &out);
		if (rc == WS_ECONFLICT)
			errors = json_pack("{s:s}", "call_id", tr(r, N_("Another initiative has this "
			    "call.")));
		else if (rc != WS_OK)
			goto out;
	}
	if (errors) {
		rc = form_fail(r, w, "staff_initiative_form", title, in, errors);
		if (id)
			json_object_set_new(w->val, "id", json_integer(id));
		(void)form_page(r, w, action, title);
		goto out;
	}
	resp_redirect(w, arena_printf(r->a, "/initiatives/%lld", (long long)out));
	rc = WS_OK;
out:
	json_decref(in);
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_staff_initiative_create(struct req *r, struct resp *w)
{
	return form_post(r, w, 0, "/staff/initiatives/new", N_("New initiative"));
}

enum ws_err
h_staff_initiative_edit_form(struct req *r, struct resp *w)
{
	json_t *s = NULL, *parts = NULL;
	int64_t id;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = ini_get(req_db(r), id, &s)) != WS_OK)
		return rc;
	if ((rc = ini_parts(req_db(r), id, &parts)) == WS_OK) {
		resp_value(w, json_pack("{s:o,s:I}", "form", ini_merged_input(s, parts, NULL), "id",
		    (json_int_t)id));
		rc = form_page(r, w, arena_printf(r->a, "/staff/initiatives/%lld/edit",
		    (long long)id), N_("Edit the initiative"));
	}
	json_decref(s);
	json_decref(parts);
	return rc;
}

enum ws_err
h_staff_initiative_edit(struct req *r, struct resp *w)
{
	json_t *s = NULL;
	int64_t id;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = ini_get(req_db(r), id, &s)) != WS_OK)
		return rc;
	json_decref(s);
	/* the form sends every field: what it leaves empty is emptied */
	return form_post(r, w, id, arena_printf(r->a, "/staff/initiatives/%lld/edit",
	    (long long)id), N_("Edit the initiative"));
}

/* The initiative's page again after a staff form refused with rc: its
 * message on top. */
static enum ws_err
page_again(struct req *r, struct resp *w, enum ws_err rc)
{
	json_t *errors = w->errors;
	const char *detail = w->detail;
	enum ws_err rc2;

	w->errors = NULL;
	json_decref(w->val);
	w->val = NULL;
	rc2 = h_initiative(r, w);
	if (rc2 != WS_OK) {
		json_decref(errors);
		return rc2;
	}
	json_object_set_new(w->val, "problem", json_string(tr(r, detail ? detail :
	    N_("Some fields need your attention."))));
	json_object_set_new(w->val, "errors", errors ? errors : json_object());
	w->status = rc == WS_EINVAL ? 422 : rc == WS_EFORBIDDEN ? 403 : 409;
	return WS_OK;
}

enum ws_err
h_staff_initiative_part_add(struct req *r, struct resp *w)
{
	enum ws_err rc = h_initiative_part_add(r, w);

	if (rc == WS_OK) {
		json_decref(w->val);
		w->val = NULL;
		w->status = 0;
		resp_redirect(w, arena_printf(r->a, "/initiatives/%s", r->params[0]));
		return WS_OK;
	}
	return rc == WS_EINVAL ? page_again(r, w, rc) : rc;
}

enum ws_err
h_staff_initiative_part_remove(struct req *r, struct resp *w)
{
	enum ws_err rc = h_initiative_part_remove(r, w);

	if (rc == WS_OK) {
		w->status = 0;
		resp_redirect(w, arena_printf(r->a, "/initiatives/%s", r->params[0]));
	}
	return rc;
}

enum ws_err
h_staff_initiative_publish(struct req *r, struct resp *w)
{
	enum ws_err rc = h_initiative_output_publish(r, w);

	if (rc == WS_OK) {
		json_decref(w->val);
		w->val = NULL;
		resp_redirect(w, arena_printf(r->a, "/initiatives/%s", r->params[0]));
		return WS_OK;
	}
	return rc == WS_EINVAL ? page_again(r, w, rc) : rc;
}
