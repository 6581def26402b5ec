/*
 * profile.c -- organization profiles: the members' list, the profile page
 * with per-field visibility, editing by the organization's admins and staff
 * (with a history of who changed what), suspension by staff.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/directory/directory.h"
#include "app/directory/search.h"
#include "app/orgs/orgs_int.h"
#include "core/buf.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

#define PER_PAGE 50

static const char *const vis_levels[] = { "public", "members", "nongovernmental", "staff", NULL };
static const char *const vis_labels[] = { N_("Everyone"),
	N_("Members and government focal points"), N_("Members, not government focal points"),
	N_("Staff only"), NULL };
_Static_assert(sizeof vis_levels / sizeof vis_levels[0] == VIS__MAX + 1, "a level per vis");
static const char *const vis_field_labels[] = {
	N_("Acronym"), N_("Kind"), N_("Country"), N_("Themes"), N_("Website"), N_("Description"),
	N_("Countries of operation"), N_("Working languages"), N_("Year founded"), N_("Staff size"),
	N_("ECOSOC status"), N_("Social links"), N_("Contact details"), N_("People"), N_("Logo")
};

_Static_assert(sizeof vis_field_labels / sizeof vis_field_labels[0] == ORG_VIS_NFIELDS,
    "a label for each of org_vis_fields");

json_t *
vis_field_choices(struct req *r, const struct vis_field *f, size_t n,
    const char *const *labels, json_t *vis)
{
	json_t *fields = json_array();
	size_t i;

	for (i = 0; i < n; i++) {
		const char *cur = json_string_value(json_object_get(vis, f[i].name));
		json_t *sel = json_string(cur ? cur : vis_levels[f[i].def]);

		json_array_append_new(fields, json_pack("{s:s,s:s,s:o}", "name", f[i].name,
		    "label", view_tr(r->app->views, r->locale, labels[i]), "options",
		    choice_options(vis_levels, vis_labels, r->app->views, r->locale, sel)));
		json_decref(sel);
	}
	return fields;
}

static json_t *
people_of(struct db *d, int64_t org_id, int all)
{
	struct db_q *q = db_start(d, ST_MEMBER_LIST);
	json_t *out = json_array();

	db_bind_int(q, 1, org_id);
	while (db_step(q) == WS_OK) {
		if (!all && !db_col_int(q, MEMBER_LIST_C_LISTED))
			continue;
		json_array_append_new(out, json_pack("{s:I,s:s,s:s,s:b,s:b}", "id",
		    (json_int_t)db_col_int(q, MEMBER_LIST_C_USER_ID),
		    "name", db_col_text(q, MEMBER_LIST_C_NAME),
		    "title", db_col_text(q, MEMBER_LIST_C_TITLE),
		    "admin", db_col_int(q, MEMBER_LIST_C_IS_ADMIN) != 0,
		    "listed", db_col_int(q, MEMBER_LIST_C_LISTED) != 0));
	}
	db_end(q);
	return out;
}

/* The profile's "Changes", newest first: {at, by, changes: [{field, old,
 * new}]}.  "by" is null for a change the hub made itself (a migration, an
 * import from the command line), never absent: a template looking up a
 * missing key climbs to the sections around it, and would name another
 * entry's author (org_profile.mustache also keeps the list outside the
 * section that tests history.0). */
static json_t *
changes_of(struct db *d, int64_t org_id)
{
	struct db_q *q = db_start(d, ST_ORG_CHANGE_LIST);
	json_t *out = json_array();
	json_error_t err;
	char ts[32];

	db_bind_int(q, 1, org_id);
	while (db_step(q) == WS_OK) {
		json_t *ch = json_loads(db_col_text(q, ORG_CHANGE_LIST_C_CHANGES), 0, &err);
		json_t *list = json_array(), *pair;
		const char *k;

		time_rfc3339((time_t)db_col_int(q, ORG_CHANGE_LIST_C_AT), ts, sizeof ts);
		json_object_foreach(ch, k, pair)
			json_array_append_new(list, json_pack("{s:s,s:O,s:O}", "field", k,
			    "old", json_array_get(pair, 0), "new", json_array_get(pair, 1)));
		json_array_append_new(out, json_pack("{s:s,s:s?,s:o}", "at", ts, "by",
		    db_col_text(q, ORG_CHANGE_LIST_C_USER_NAME), "changes", list));
		json_decref(ch);
	}
	db_end(q);
	return out;
}

/* For pages: which person is the reader (to choose being listed), and the
 * controls an organization admin has over each person. */
static void
mark_people(struct req *r, json_t *v, int is_admin)
{
	json_t *people = json_object_get(v, "people"), *p;
	size_t i;

	json_array_foreach(people, i, p) {
		int64_t pid = json_integer_value(json_object_get(p, "id"));

		if (r->user && pid == r->user->id) {
			json_object_set_new(p, "me", json_true());
			json_object_set_new(v, "me_listed", json_object_get(p, "listed") ?
			    json_incref(json_object_get(p, "listed")) : json_true());
			json_object_set_new(v, "me_member", json_true());
		} else {
			/* not the layout's "me" (the reader), which {{^me}} would find */
			json_object_set_new(p, "me", json_false());
		}
		if (is_admin || (r->user && r->user->role >= ROLE_STAFF))
			json_object_set_new(p, "can_promote", json_true());
		json_object_set(p, "org_id", json_object_get(v, "id"));
	}
}

/* Loads the organization of the route for r, with the viewer's level.  A
 * pending, rejected or suspended organization exists only for staff and its
 * own people. */
static enum ws_err
load_for(struct req *r, json_t **org, int64_t *id, enum vis *level, int *is_admin)
{
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = org_load(req_db(r), *id, org)) != WS_OK)
		return rc;
	*level = org_level_for(r, *id, is_admin);
	if (strcmp(json_string_value(json_object_get(*org, "status")), "approved") != 0 &&
	    *level < VIS_STAFF) {
		json_decref(*org);
		return WS_ENOTFOUND;
	}
	return WS_OK;
}

/* Rewrites < > & in JSON text as \u escapes, in place where it fits: a
 * <script> block must never see "</script>" or "<!--" in the data.
 * Returns a string in a static thread-local buffer. */
static const char *
html_safe_json(const char *s)
{
	static _Thread_local char out[8192];
	size_t k = 0;

	for (; *s && k + 7 < sizeof out; s++) {
		if (*s == '<' || *s == '>' || *s == '&') {
			snprintf(out + k, sizeof out - k, "\\u%04x", (unsigned)*s);
			k += 6;
		} else {
			out[k++] = *s;
		}
	}
	out[k] = '\0';
	return out;
}

/* schema.org Organization for search engines: only public fields. */
static json_t *
json_ld(json_t *pub, const char *base_url)
{
	json_t *ld = json_pack("{s:s,s:s,s:O,s:s}", "@context", "https://schema.org",
	    "@type", "Organization", "name", json_object_get(pub, "name"), "url",
	    "");
	char url[512];
	char *s;
	json_t *v;

	snprintf(url, sizeof url, "%s/organizations/%lld", base_url,
	    (long long)json_integer_value(json_object_get(pub, "id")));
	json_object_set_new(ld, "url", json_string(url));
	if ((v = json_object_get(pub, "acronym")) && json_string_length(v))
		json_object_set(ld, "alternateName", v);
	if ((v = json_object_get(pub, "website")) && json_string_length(v))
		json_object_set(ld, "sameAs", v);
	if ((v = json_object_get(pub, "country")))
		json_object_set_new(ld, "address", json_pack("{s:s,s:O}", "@type",
		    "PostalAddress", "addressCountry", v));
	s = json_dumps(ld, JSON_COMPACT | JSON_ESCAPE_SLASH);
	json_decref(ld);
	v = json_string(s ? html_safe_json(s) : "{}");
	free(s);
	return v;
}

/* GET /organizations/{id}/logo: for whoever may see the logo. */
enum ws_err
h_org_logo(struct req *r, struct resp *w)
{
	json_t *org, *v;
	int64_t id;
	enum vis level;
	int is_admin;
	enum ws_err rc;

	if ((rc = load_for(r, &org, &id, &level, &is_admin)) != WS_OK)
		return rc;
	v = org_view(org, level, r->locale, r->app->views);
	rc = json_object_get(v, "logo_url") && json_is_integer(json_object_get(org, "logo_id")) ?
	    logo_serve(r, w, json_integer_value(json_object_get(org, "logo_id"))) : WS_ENOTFOUND;
	json_decref(v);
	json_decref(org);
	return rc;
}

enum ws_err
h_org_profile(struct req *r, struct resp *w)
{
	json_t *org, *v;
	int64_t id;
	enum vis level;
	int is_admin;
	enum ws_err rc;

	if ((rc = load_for(r, &org, &id, &level, &is_admin)) != WS_OK)
		return rc;
	v = org_view(org, level, r->locale, r->app->views);
	{
		/* People who chose to be listed, when the organization shows them. */
		json_t *probe = json_pack("{s:O,s:b}", "visibility",
		    json_object_get(org, "visibility"), "people", 1);
		json_t *seen = org_view(probe, level, r->locale, r->app->views);

		if (json_object_get(seen, "people") || level >= VIS_STAFF)
			json_object_set_new(v, "people", people_of(req_db(r), id, level >= VIS_STAFF));
		json_decref(seen);
		json_decref(probe);
	}
	if (!r->api) {
		json_t *pub = org_view(org, VIS_PUBLIC, r->locale, r->app->views);

		json_object_set_new(v, "json_ld", json_ld(pub, r->app->cfg.base_url));
		json_decref(pub);
		json_object_set_new(v, "can_edit", json_boolean(is_admin ||
		    (r->user && r->user->role >= ROLE_STAFF)));
		json_object_set_new(v, "is_staff", json_boolean(r->user &&
		    r->user->role >= ROLE_STAFF));
		/* partner matching (app/partners): its admins, while it is approved */
		json_object_set_new(v, "can_match", json_boolean(is_admin && r->user &&
		    r->user->role == ROLE_MEMBER && strcmp(json_string_value(json_object_get(org,
		    "status")), "approved") == 0));
		/* Signed-in people who are not yet its people may ask to join. */
		json_object_set_new(v, "can_request", json_boolean(r->user && level < VIS_STAFF &&
		    strcmp(json_string_value(json_object_get(org, "status")), "approved") == 0));
		json_object_set_new(v, "suspended", json_boolean(strcmp(json_string_value(
		    json_object_get(org, "status")), "suspended") == 0));
		if (is_admin || (r->user && r->user->role >= ROLE_STAFF))
			json_object_set_new(v, "history", changes_of(req_db(r), id));
		if (r->user && r->user->role >= ROLE_STAFF) {
			/* staff revoked its last admin: staff make another */
			json_t *p;
			size_t i;
			int admins = 0;

			json_array_foreach(json_object_get(v, "people"), i, p)
				admins += json_is_true(json_object_get(p, "admin"));
			json_object_set_new(v, "without_admin", json_boolean(admins == 0));
		}
		mark_people(r, v, is_admin);
		{
			/* its country's page (issue 17), for those who may see it */
			const char *c = json_string_value(json_object_get(v, "country"));
			enum role ro = r->user ? r->user->role : ROLE_ANON;

			if (c && *c && (ro == ROLE_MEMBER || ro >= ROLE_STAFF || (ro == ROLE_FOCAL &&
			    r->user->country && strcmp(r->user->country, c) == 0)))
				json_object_set_new(v, "country_href", json_sprintf("/countries/%s", c));
		}
	}
	json_decref(org);
	resp_value(w, v);
	w->tpl = "org_profile";
	w->title = N_("Organization");
	return WS_OK;
}

/* The edit form's value: the join form's options plus a visibility choice
 * per field. */
static json_t *
edit_page(struct req *r, json_t *values, json_t *vis, int64_t id)
{
	json_t *page = join_page(r, values);

	json_object_set_new(page, "visibility_fields", vis_field_choices(r, org_vis_fields,
	    org_vis_nfields, vis_field_labels, vis));
	json_object_set_new(page, "id", json_integer(id));
	return page;
}

static enum ws_err
may_edit(struct req *r, json_t **org, int64_t *id)
{
	enum vis level;
	int is_admin;
	enum ws_err rc;

	if ((rc = load_for(r, org, id, &level, &is_admin)) != WS_OK)
		return rc;
	if ((rc = org_may_manage(r, *id, *org)) != WS_OK) {
		json_decref(*org);
		return rc;
	}
	return WS_OK;
}

enum ws_err
h_org_edit_form(struct req *r, struct resp *w)
{
	json_t *org, *data, *values;
	int64_t id;
	enum ws_err rc;

	if ((rc = may_edit(r, &org, &id)) != WS_OK)
		return rc;
	data = json_pack("{s:O,s:O}", "organization", org, "contact",
	    json_object_get(org, "contact"));
	values = join_values(data);
	resp_value(w, edit_page(r, values, json_object_get(org, "visibility"), id));
	json_decref(values);
	json_decref(data);
	json_decref(org);
	w->tpl = "org_edit";
	w->title = N_("Edit the organization's profile");
	return WS_OK;
}

/* The visibility map from "vis_<field>" form fields or a JSON "visibility"
 * object; unknown fields and levels are errors. */
static enum ws_err
read_visibility(struct req *r, json_t *current, json_t **out, json_t *errors)
{
	json_t *vis = json_copy(current), *in = json_object_get(r->in, "visibility");
	size_t i;

	for (i = 0; i < org_vis_nfields; i++) {
		const char *name = org_vis_fields[i].name;
		json_t *v = json_is_object(in) ? json_object_get(in, name) :
		    json_object_get(r->in, arena_printf(r->a, "vis_%s", name));
		const char *const *l;

		if (!v)
			continue;
		for (l = vis_levels; *l; l++)
			if (json_is_string(v) && strcmp(*l, json_string_value(v)) == 0)
				break;
		if (!*l) {
			json_object_set_new(errors, "visibility", json_string(
			    "Visibility must be public, members, nongovernmental or staff."));
			continue;
		}
		json_object_set_new(vis, name, json_string(*l));
	}
	if (json_is_object(in)) {
		const char *k;
		json_t *v;

		json_object_foreach(in, k, v) {
			for (i = 0; i < org_vis_nfields; i++)
				if (strcmp(org_vis_fields[i].name, k) == 0)
					break;
			if (i == org_vis_nfields)
				json_object_set_new(errors, "visibility", json_string(
				    "Unknown field in visibility."));
		}
	}
	*out = vis;
	return json_object_size(errors) ? WS_EINVAL : WS_OK;
}

/* {field: [old, new]} for what differs between two organizations. */
static json_t *
diff_of(json_t *old, json_t *new)
{
	static const char *const keys[] = {
		"name", "acronym", "kind", "country", "countries", "website", "founded", "size",
		"description", "themes", "languages", "ecosoc_status", "social", "contact",
		"visibility", NULL
	};
	json_t *out = json_object();
	const char *const *k;

	for (k = keys; *k; k++) {
		json_t *a = json_object_get(old, *k), *b = json_object_get(new, *k);

		if (!json_equal(a, b) && !org_same_set(a, b) && !(json_is_null(a) && !b) &&
		    !(!a && json_is_null(b)))
			json_object_set_new(out, *k, json_pack("[O?,O?]", a, b));
	}
	return out;
}

/* POST /organizations/{id}/edit and PATCH /api/v1/organizations/{id}: what is
 * not sent keeps its value. */
enum ws_err
h_org_edit(struct req *r, struct resp *w)
{
	json_t *org, *values = NULL, *errors = NULL, *vis = NULL, *newdata = NULL, *merged;
	json_t *newo = NULL, *diff = NULL, *data, *cur;
	struct app_keys k;
	struct db *d = req_db(r);
	struct db_q *q;
	char *vtext = NULL, *dtext = NULL;
	const char *logo_type = NULL;
	int64_t id;
	enum ws_err rc;
	const char *key;
	json_t *v;

	if ((rc = may_edit(r, &org, &id)) != WS_OK)
		return rc;
	/* Start from the current values; lay what was sent over them. */
	data = json_pack("{s:O,s:O,s:b}", "organization", org, "contact",
	    json_object_get(org, "contact"), "consent", 1);
	cur = join_values(data);
	json_decref(data);
	join_flatten(r);
	merged = json_copy(cur);
	json_object_foreach(r->in, key, v)
		json_object_set(merged, key, v);
	json_decref(r->in);
	r->in = merged;
	json_decref(cur);
	/* A retired theme the organization has stays; one it lacks is refused. */
	orgs_ref_catch_up(d);
	rc = form_check(r, join_fields_edit(), join_nfields, &values, &errors);
	if (!errors)
		errors = json_object();
	if (rc == WS_OK)
		rc = join_themes_kept(r, values, json_object_get(org, "themes"), errors);
	if (read_visibility(r, json_object_get(org, "visibility"), &vis, errors) != WS_OK ||
	    rc != WS_OK) {
		rc = form_fail(r, w, "org_edit", N_("Edit the organization's profile"), values, errors);
		if (!r->api) {
			json_t *page = edit_page(r, values, vis, id);

			json_object_set(page, "errors", errors);
			resp_value(w, page);
		}
		goto out;
	}
	{
		json_t *lerr = NULL;

		if ((rc = logo_check(r, &lerr, &logo_type)) != WS_OK) {
			rc = form_fail(r, w, "org_edit", N_("Edit the organization's profile"), values,
			    lerr);
			if (!r->api) {
				json_t *page = edit_page(r, values, vis, id);

				json_object_set(page, "errors", lerr);
				resp_value(w, page);
			}
			json_decref(lerr);
			goto out;
		}
	}
	newdata = join_data(values);
	app_keys_of(r->a, newdata, &k);
	newo = json_copy(json_object_get(newdata, "organization"));
	json_object_set(newo, "contact", json_object_get(newdata, "contact"));
	json_object_set(newo, "visibility", vis);
	diff = diff_of(org, newo);
	vtext = json_dumps(vis, JSON_COMPACT);
	dtext = json_dumps(diff, JSON_COMPACT);
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	q = db_start(d, ST_ORG_UPDATE);
	org_bind_fields(r->a, q, json_object_get(newdata, "organization"),
	    json_object_get(newdata, "contact"));
	db_bind_text(q, 20, vtext);
	db_bind_text(q, 21, k.norm_name);
	db_bind_text(q, 22, k.norm_acronym);
	db_bind_text(q, 23, k.email_domain);
	db_bind_int(q, 24, now_s());
	search_bind(r->a, q, 25, newo);
	db_bind_int(q, 29, id);
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc == WS_OK)
		rc = org_dupkeys_put_org(d, id, &k);
	if (rc == WS_OK && logo_type) {
		int64_t logo_id;

		rc = logo_store(r, d, logo_type, &logo_id);
		if (rc == WS_OK) {
			q = db_start(d, ST_ORG_SET_LOGO);
			db_bind_int(q, 1, logo_id);
			db_bind_int(q, 2, now_s());
			db_bind_int(q, 3, id);
			rc = db_exec(q, NULL);
			db_end(q);
			json_object_set_new(diff, "logo", json_pack("[s,s]", "", "new logo"));
			free(dtext);
			dtext = json_dumps(diff, JSON_COMPACT);
		}
	}
	if (rc == WS_OK && json_object_size(diff)) {
		q = db_start(d, ST_ORG_CHANGE_INSERT);
		db_bind_int(q, 1, id);
		db_bind_int(q, 2, now_s());
		db_bind_int(q, 3, r->user->id);
		db_bind_text(q, 4, dtext);
		rc = db_exec(q, NULL);
		db_end(q);
		if (rc == WS_OK) {
			/* The history names the fields that changed, not their values. */
			struct buf names;
			const char *f;
			json_t *fv;

			buf_init(&names, 4096);
			json_object_foreach(diff, f, fv)
				if ((names.len && buf_adds(&names, ", ") != WS_OK) ||
				    buf_adds(&names, f) != WS_OK)
					break;
			org_history_add(r->app, d, id, r->user->id, 0, "organization.edited", r->ip,
			    buf_str(&names));
			buf_free(&names);
		}
	}
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK) {
		db_rollback(d);
		goto out;
	}
	directory_refresh(r->app, d, id);
	if (r->api) {
		json_t *fresh;

		if ((rc = org_load(d, id, &fresh)) == WS_OK) {
			resp_value(w, org_view(fresh, VIS_STAFF, r->locale, r->app->views));
			json_decref(fresh);
		}
	} else {
		resp_redirect(w, arena_printf(r->a, "/organizations/%lld", (long long)id));
	}
out:
	json_decref(org);
	json_decref(values);
	json_decref(errors);
	json_decref(vis);
	json_decref(newdata);
	json_decref(newo);
	json_decref(diff);
	free(vtext);
	free(dtext);
	return rc;
}

/* Staff suspend an organization or reinstate it. */
enum ws_err
h_org_status(struct req *r, struct resp *w)
{
	static const char *const statuses[] = { "approved", "suspended", NULL };
	static const struct field f[] = {
		{"status", FT_CHOICE, 1, 0, 20, statuses, NULL,
		    "Choose approved (reinstate) or suspended."},
	};
	json_t *values = NULL, *errors = NULL, *org;
	struct db *d = req_db(r);
	struct db_q *q;
	int64_t id;
	enum ws_err rc;
	const char *status;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = org_load(d, id, &org)) != WS_OK)
		return rc;
	json_decref(org);
	if (form_check(r, f, 1, &values, &errors) != WS_OK) {
		w->errors = errors;
		w->detail = N_("Choose approved (reinstate) or suspended.");
		json_decref(values);
		return WS_EINVAL;
	}
	status = arena_strdup(r->a, json_string_value(json_object_get(values, "status")));
	json_decref(values);
	q = db_start(d, ST_ORG_SET_STATUS);
	db_bind_text(q, 1, status);
	db_bind_int(q, 2, now_s());
	db_bind_int(q, 3, id);
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc != WS_OK)
		return rc;
	directory_refresh(r->app, d, id);
	app_audit(r->app, d, r->user->id, strcmp(status, "suspended") == 0 ?
	    "organization.suspended" : "organization.reinstated", r->ip,
	    arena_printf(r->a, "organization %lld", (long long)id));
	resp_value(w, json_pack("{s:I,s:s}", "id", (json_int_t)id, "status", status));
	resp_redirect(w, arena_printf(r->a, "/organizations/%lld", (long long)id));
	return WS_OK;
}
