/*
 * themes.c -- the thematic areas staff edit at /staff/themes and its JSON
 * twin: add a theme (a stable code and its English and French names),
 * rename it in each language, retire it and bring it back.
 *
 * A code never changes and a theme is never deleted: records store codes
 * (organizations.themes, applications' data), and a retired theme keeps its
 * names on the records that have it (profiles, the directory's facets and
 * filters, CSV export).  It is no longer offered (the join and edit forms
 * list it only where it is already chosen) nor accepted as a new value;
 * an edit or an import that keeps it is accepted (ref.c, profile.c,
 * import.c).  Every change is audited ("theme.added", "theme.renamed",
 * "theme.retired", "theme.restored"), then the list is read again
 * (orgs_ref_load), the directory forgets the answers it kept and, on a
 * rename, the search text of the organizations with the theme is written
 * again (directory_theme_changed).  Other nodes read the list again within
 * a second of their next directory request or form (orgs_ref_catch_up).
 */
#include <string.h>

#include "app/app.h"
#include "app/directory/directory.h"
#include "app/orgs/orgs.h"
#include "core/log.h"
#include "core/util.h"
#include "db/db.h"
#include "http/form.h"
#include "views/view.h"

#define THEME_NAME_MAX 120	/* bytes of a name */

static int
code_valid(const char *v)
{
	size_t n = strlen(v), i;

	if (n < 2 || n > 40 || !(v[0] >= 'a' && v[0] <= 'z'))
		return 0;
	for (i = 0; i < n; i++)
		if (!((v[i] >= 'a' && v[i] <= 'z') || (v[i] >= '0' && v[i] <= '9') || v[i] == '_'))
			return 0;
	return 1;
}

static const struct field add_fields[] = {
	{"code", FT_CHOICE, 1, 0, 40, NULL, code_valid,
	    N_("A code is 2 to 40 lower-case letters, digits or underscores, starting with a letter.")},
	{"name_en", FT_LINE, 1, 1, THEME_NAME_MAX, NULL, NULL, NULL},
	{"name_fr", FT_LINE, 1, 1, THEME_NAME_MAX, NULL, NULL, NULL},
};
static const struct field name_fields[] = {
	{"name_en", FT_LINE, 1, 1, THEME_NAME_MAX, NULL, NULL, NULL},
	{"name_fr", FT_LINE, 1, 1, THEME_NAME_MAX, NULL, NULL, NULL},
};

/* One theme as the API shows it. */
static json_t *
theme_of(struct req *r, struct db_q *q)
{
	(void)r;
	return json_pack("{s:s,s:s,s:s,s:b}", "code", db_col_text(q, THEME_LIST_C_CODE),
	    "name_en", db_col_text(q, THEME_LIST_C_NAME_EN),
	    "name_fr", db_col_null(q, THEME_LIST_C_NAME_FR) ? "" :
	    db_col_text(q, THEME_LIST_C_NAME_FR),
	    "active", db_col_int(q, THEME_LIST_C_ACTIVE) != 0);
}

/* Every theme, active and retired, in the list's order.  New reference. */
static enum ws_err
themes_all(struct req *r, json_t **out)
{
	struct db_q *q = db_start(req_db(r), ST_THEME_LIST);
	enum ws_err rc;

	*out = json_array();
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, theme_of(r, q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

/* The theme with code, or NULL.  Borrowed from list. */
static json_t *
find(json_t *list, const char *code)
{
	size_t i;
	json_t *t;

	json_array_foreach(list, i, t)
		if (strcmp(json_string_value(json_object_get(t, "code")), code) == 0)
			return t;
	return NULL;
}

/*
 * The page: {items, add_form, add_errors?}.  With editing, the item with
 * that code shows form (the names sent) and errors instead of its own.
 */
static enum ws_err
themes_page(struct req *r, struct resp *w, json_t *add_form, json_t *add_errors,
    const char *editing, json_t *form, json_t *errors)
{
	json_t *items, *t;
	enum ws_err rc;
	size_t i;

	if ((rc = themes_all(r, &items)) != WS_OK) {
		json_decref(items);
		return rc;
	}
	if (r->api) {
		resp_value(w, json_pack("{s:o}", "items", items));
	} else {
		json_array_foreach(items, i, t) {
			int ed = editing && strcmp(editing, json_string_value(json_object_get(t,
			    "code"))) == 0;

			json_object_set_new(t, "form", ed ? json_copy(form) : json_pack("{s:O,s:O}",
			    "name_en", json_object_get(t, "name_en"),
			    "name_fr", json_object_get(t, "name_fr")));
			/* Always there, so {{errors.x}} never reaches the page's. */
			json_object_set_new(t, "errors", ed && errors ? json_copy(errors) :
			    json_object());
		}
		resp_value(w, json_pack("{s:o,s:o}", "items", items, "add_form",
		    add_form ? json_copy(add_form) : json_object()));
		if (add_errors)
			json_object_set(w->val, "add_errors", add_errors);
	}
	w->tpl = "staff_themes";
	w->title = N_("Thematic areas");
	return WS_OK;
}

enum ws_err
h_staff_themes(struct req *r, struct resp *w)
{
	return themes_page(r, w, NULL, NULL, NULL, NULL, NULL);
}

/* A change committed: the list read again, the directory told, the audit
 * row written.  The theme's new state is the answer (API) or the page is
 * shown again (HTML). */
static enum ws_err
changed(struct req *r, struct resp *w, const char *code, const char *action, int renamed)
{
	struct db *d = req_db(r);
	json_t *items = NULL, *t;
	enum ws_err rc;

	app_audit(r->app, d, r->user->id, action, r->ip, code);
	if ((rc = orgs_ref_load(d)) != WS_OK)
		log_error("themes: cannot read the list again after %s %s", action, code);
	if (directory_theme_changed(r->app, d, code, renamed) != WS_OK)
		log_error("themes: the search text of organizations with %s is stale", code);
	if (!r->api) {
		resp_redirect(w, "/staff/themes");
		return WS_OK;
	}
	if ((rc = themes_all(r, &items)) == WS_OK && (t = find(items, code)))
		resp_value(w, json_incref(t));
	else if (rc == WS_OK)
		rc = WS_ENOTFOUND;
	json_decref(items);
	return rc;
}

/* A field failed: 422 naming it (API), or the page with the form again. */
static enum ws_err
refused(struct req *r, struct resp *w, const char *editing, json_t *values, json_t *errors)
{
	enum ws_err rc = form_fail(r, w, "staff_themes", N_("Thematic areas"), values, errors);

	if (!r->api && themes_page(r, w, editing ? NULL : values, editing ? NULL : errors,
	    editing, values, errors) != WS_OK)
		return WS_EDB;
	return rc;
}

/* POST /staff/themes and /api/v1/staff/themes: a new theme, active. */
enum ws_err
h_theme_add(struct req *r, struct resp *w)
{
	json_t *values = NULL, *errors = NULL;
	struct db_q *q;
	const char *code;
	enum ws_err rc;

	if (form_check(r, add_fields, 3, &values, &errors) != WS_OK) {
		rc = refused(r, w, NULL, values, errors);
		goto out;
	}
	code = json_string_value(json_object_get(values, "code"));
	q = db_start(req_db(r), ST_THEME_INSERT);
	db_bind_text(q, 1, code);
	db_bind_text(q, 2, json_string_value(json_object_get(values, "name_en")));
	db_bind_text(q, 3, json_string_value(json_object_get(values, "name_fr")));
	db_bind_int(q, 4, now_s());
	db_bind_int(q, 5, r->user->id);
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc == WS_ECONFLICT) {
		w->detail = N_("A theme with this code exists already; rename it instead.");
		json_decref(errors);
		errors = json_pack("{s:s}", "code", view_tr(r->app->views, r->locale, w->detail));
		if (refused(r, w, NULL, values, errors) != WS_EINVAL)
			rc = WS_EDB;
		w->detail = N_("A theme with this code exists already; rename it instead.");
		goto out;
	}
	if (rc == WS_OK && (rc = changed(r, w, code, "theme.added", 0)) == WS_OK && r->api)
		w->status = 201;
out:
	json_decref(values);
	json_decref(errors);
	return rc;
}

/* POST /staff/themes/{code} and PATCH /api/v1/staff/themes/{code}: new
 * names; a name not sent keeps its value (the API), an empty one is
 * refused. */
enum ws_err
h_theme_rename(struct req *r, struct resp *w)
{
	json_t *items = NULL, *t, *values = NULL, *errors = NULL;
	const char *code = r->params[0];
	struct db_q *q;
	enum ws_err rc;
	size_t i;

	if ((rc = themes_all(r, &items)) != WS_OK)
		goto out;
	if (!(t = find(items, code))) {
		w->detail = N_("There is no theme with this code.");
		rc = WS_ENOTFOUND;
		goto out;
	}
	if (!json_is_object(r->in)) {
		json_decref(r->in);
		r->in = json_object();
	}
	for (i = 0; i < 2; i++)
		if (!json_object_get(r->in, name_fields[i].name))
			json_object_set(r->in, name_fields[i].name,
			    json_object_get(t, name_fields[i].name));
	if (form_check(r, name_fields, 2, &values, &errors) != WS_OK) {
		rc = refused(r, w, code, values, errors);
		goto out;
	}
	q = db_start(req_db(r), ST_THEME_RENAME);
	db_bind_text(q, 1, json_string_value(json_object_get(values, "name_en")));
	db_bind_text(q, 2, json_string_value(json_object_get(values, "name_fr")));
	db_bind_int(q, 3, now_s());
	db_bind_int(q, 4, r->user->id);
	db_bind_text(q, 5, code);
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc == WS_OK)
		rc = changed(r, w, code, "theme.renamed", 1);
out:
	json_decref(items);
	json_decref(values);
	json_decref(errors);
	return rc;
}

/* Retire (active 0) or restore (1) theme {code}. */
static enum ws_err
set_active(struct req *r, struct resp *w, int active)
{
	struct db_q *q = db_start(req_db(r), ST_THEME_SET_ACTIVE);
	int64_t n = 0;
	enum ws_err rc;

	db_bind_int(q, 1, active);
	db_bind_int(q, 2, now_s());
	db_bind_int(q, 3, r->user->id);
	db_bind_text(q, 4, r->params[0]);
	rc = db_exec(q, &n);
	db_end(q);
	if (rc == WS_OK && n == 0) {
		w->detail = N_("There is no theme with this code.");
		return WS_ENOTFOUND;
	}
	if (rc != WS_OK)
		return rc;
	return changed(r, w, r->params[0], active ? "theme.restored" : "theme.retired", 0);
}

enum ws_err h_theme_retire(struct req *r, struct resp *w) { return set_active(r, w, 0); }
enum ws_err h_theme_restore(struct req *r, struct resp *w) { return set_active(r, w, 1); }
