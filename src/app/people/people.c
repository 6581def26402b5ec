/*
 * people.c -- /people: approved experts with the directory's parameters,
 * facets and list shape; /people/{id}, a profile as its viewer may see it;
 * /people/{id}/edit, where an expert (or staff) edits it and its visibility.
 *
 * The list is small next to the directory (people, not organizations), so
 * it is filtered in C from every approved profile: each profile is first
 * cut down to what the viewer may see (people_view), and only that is
 * searched, filtered and counted, so a word, a country or a theme that a
 * viewer may not see never finds a person for them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/dialogues/dialogues.h"
#include "app/directory/regions.h"
#include "app/courses/courses.h"
#include "app/initiatives/initiatives.h"
#include "app/people/people_int.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

#define MAX_WANT 20	/* values of one filter */
#define MAX_VALUES 300	/* values of one facet in one profile (countries of work: 250) */

static const char *const people_sorts[] = { "relevance", "name", "newest", NULL };

const struct field people_q_list[] = {
	{ "q", FT_LINE, 0, 0, 200, NULL, NULL, NULL },
	{ "country", FT_MULTI, 0, 0, MAX_WANT, NULL, country_valid,
	    N_("Choose a country from the list.") },
	{ "region", FT_MULTI, 0, 0, MAX_WANT, NULL, m49_valid, N_("Choose a region from the list.") },
	{ "theme", FT_MULTI, 0, 0, MAX_WANT, NULL, theme_valid, N_("Choose themes from the list.") },
	{ "language", FT_MULTI, 0, 0, MAX_WANT, NULL, language_valid,
	    N_("Choose languages from the list.") },
	{ "sort", FT_CHOICE, 0, 0, 0, people_sorts, NULL, N_("Sort by relevance, name or newest.") },
	APP_Q_PAGE,
	{ "per_page", FT_INT, 0, 1, 100, NULL, NULL, N_("Choose a number from 1 to 100.") },
	FIELDS_END
};

enum pf { PF_COUNTRY, PF_REGION, PF_THEME, PF_LANGUAGE, PF__MAX };
static const char *const pf_params[] = { "country", "region", "theme", "language" };
static const char *const pf_titles[] = {
	N_("Country"), N_("Region"), N_("Thematic areas"), N_("Working languages")
};
_Static_assert(sizeof pf_titles / sizeof pf_titles[0] == PF__MAX, "a title per facet");
_Static_assert(sizeof pf_params / sizeof pf_params[0] == PF__MAX, "a parameter per facet");

/* ---- matching what a viewer sees ---------------------------------------- */

/* Adds s to out[0..*n) unless it is there or out is full. */
static void
add_value(const char **out, size_t *n, size_t max, const char *s)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp(out[i], s) == 0)
			return;
	if (*n < max)
		out[(*n)++] = s;
}

/* The values of facet f in view v (what its viewer sees), each once, into
 * out (at most max); how many. */
static size_t
values_of(json_t *v, enum pf f, const char **out, size_t max)
{
	const char *c = json_string_value(json_object_get(v, "country"));
	json_t *arr, *x;
	size_t n = 0, i;

	switch (f) {
	case PF_COUNTRY:
		if (c)
			add_value(out, &n, max, c);
		arr = json_object_get(v, "countries");
		json_array_foreach(arr, i, x)
			if (json_is_string(x))
				add_value(out, &n, max, json_string_value(x));
		break;
	case PF_REGION:	/* of the country the person is in */
		if (c && m49_region(c))
			add_value(out, &n, max, m49_region(c));
		if (c && m49_subregion(c))
			add_value(out, &n, max, m49_subregion(c));
		break;
	case PF_THEME: case PF_LANGUAGE:
		arr = json_object_get(v, f == PF_THEME ? "themes" : "languages");
		json_array_foreach(arr, i, x)
			if (json_is_string(x))
				add_value(out, &n, max, json_string_value(x));
		break;
	default:
		break;
	}
	return n;
}

/* The text of view v a search looks in, normalized (org_norm_name), with
 * a space in front so that " word" finds a word's start. */
static void
add_word(struct buf *b, const char *s)
{
	if (s && *s && buf_printf(b, " %s", s) != WS_OK)
		return;	/* at the ceiling: the rest is not searched */
}

static char *
text_of(struct arena *a, json_t *v, const char *lang)
{
	static const char *const keys[] = { "name", "title", "affiliation", "biography",
		"website", NULL };
	const char *c = json_string_value(json_object_get(v, "country"));
	struct buf b;
	const char *const *k;
	json_t *x;
	size_t i;
	char *out;

	buf_init(&b, 64 * 1024);
	for (k = keys; *k; k++)
		add_word(&b, json_string_value(json_object_get(v, *k)));
	if (c) {
		add_word(&b, country_name(c, "en"));
		add_word(&b, country_name(c, lang));
	}
	json_array_foreach(json_object_get(v, "themes"), i, x)
		if (json_is_string(x)) {
			add_word(&b, theme_name(json_string_value(x), "en"));
			add_word(&b, theme_name(json_string_value(x), lang));
		}
	out = arena_printf(a, " %s", org_norm_name(a, b.len ? buf_str(&b) : ""));
	buf_free(&b);
	return out;
}

/* Whether every word of the normalized query nq starts a word of text. */
static int
text_matches(struct arena *a, const char *text, const char *nq)
{
	const char *p = nq;

	while (*p) {
		size_t n = strcspn(p, " ");

		if (n && !strstr(text, arena_printf(a, " %.*s", (int)n, p)))
			return 0;
		p += n;
		while (*p == ' ')
			p++;
	}
	return 1;
}

/* Newest first, by when the profile was made (RFC 3339 text sorts). */
static int
by_newest(const void *x, const void *y)
{
	json_t *a = *(json_t *const *)x, *b = *(json_t *const *)y;
	const char *ca = json_string_value(json_object_get(a, "created_at"));
	const char *cb = json_string_value(json_object_get(b, "created_at"));
	int c = strcmp(cb ? cb : "", ca ? ca : "");

	return c ? c : (int)(json_integer_value(json_object_get(b, "id")) -
	    json_integer_value(json_object_get(a, "id")));
}

/* Options of the filter of facet f for a page: [{value, label, count,
 * selected}] of the values counted. */
static json_t *
facet_options(struct req *r, enum pf f, json_t *counts, const char **want)
{
	json_t *out = json_array(), *n;
	const char *k, *label;
	size_t i;

	json_object_foreach(counts, k, n) {
		int sel = 0;

		for (i = 0; want[i]; i++)
			sel |= strcmp(want[i], k) == 0;
		label = f == PF_COUNTRY ? country_name(k, r->locale) : f == PF_REGION ?
		    (m49_name(k, r->locale) ? m49_name(k, r->locale) : k) : f == PF_THEME ?
		    theme_name(k, r->locale) : language_name(k, r->locale);
		json_array_append_new(out, json_pack("{s:s,s:s,s:O,s:b}", "value", k, "label",
		    label, "count", n, "selected", sel));
	}
	return out;
}

/* The list's query without its page, for the pager's links. */
static const char *
query_of(struct req *r, const char *q, const char *sort, const char **want[PF__MAX])
{
	const char *out = arena_printf(r->a, "q=%s&sort=%s", arena_urlencode(r->a, q, ""),
	    arena_urlencode(r->a, sort, ""));
	size_t k;
	int f;

	for (f = 0; f < PF__MAX; f++)
		for (k = 0; want[f][k]; k++)
			out = arena_printf(r->a, "%s&%s=%s", out, pf_params[f],
			    arena_urlencode(r->a, want[f][k], ""));
	return out;
}

/* ---- the list ------------------------------------------------------------ */

enum ws_err
h_people(struct req *r, struct resp *w)
{
	const char **want[PF__MAX];
	const char *q = req_qstr(r, "q"), *sort = req_qstr(r, "sort");
	const char *nq = org_norm_name(r->a, q);
	int64_t page = req_qint(r, "page", 1), per_page = req_qint(r, "per_page", 50);
	json_t *all = NULL, *ex, *counts[PF__MAX], *items, *facets, *v, *filters;
	json_t **hits;
	size_t i, nhits = 0, k;
	enum ws_err rc;
	int f;

	for (f = 0; f < PF__MAX; f++) {
		size_t n;

		want[f] = arena_alloc(r->a, (MAX_WANT + 1) * sizeof *want[f]);
		n = req_query_all(r, pf_params[f], want[f], MAX_WANT);
		want[f][n] = NULL;
		counts[f] = json_object();
	}
	if ((rc = people_all(req_db(r), &all)) != WS_OK)
		goto out;
	hits = arena_alloc(r->a, (json_array_size(all) + 1) * sizeof *hits);
	json_array_foreach(all, i, ex) {
		int64_t id = json_integer_value(json_object_get(ex, "id"));
		json_t *seen = people_view(ex, people_level_for(r, id), r->locale, NULL);
		const char *vals[PF__MAX][MAX_VALUES];
		size_t nv[PF__MAX];
		int match[PF__MAX], text = 1, g;

		for (f = 0; f < PF__MAX; f++) {
			nv[f] = values_of(seen, (enum pf)f, vals[f], MAX_VALUES);
			match[f] = !want[f][0];	/* any of the values asked for */
			for (k = 0; want[f][k] && !match[f]; k++) {
				size_t j;

				for (j = 0; j < nv[f]; j++)
					match[f] |= strcmp(vals[f][j], want[f][k]) == 0;
			}
		}
		if (*nq)
			text = text_matches(r->a, text_of(r->a, seen, r->locale), nq);
		/* a facet counts with every other filter applied, as the
		 * directory's do */
		for (f = 0; f < PF__MAX && text; f++) {
			int others = 1;

			for (g = 0; g < PF__MAX; g++)
				others &= g == f || match[g];
			for (k = 0; others && k < nv[f]; k++) {
				json_t *c = json_object_get(counts[f], vals[f][k]);

				json_object_set_new(counts[f], vals[f][k], json_integer(c ?
				    json_integer_value(c) + 1 : 1));
			}
		}
		for (f = 0; f < PF__MAX; f++)
			text &= match[f];
		if (text)
			hits[nhits++] = ex;
		json_decref(seen);
	}
	if (strcmp(sort, "newest") == 0)
		qsort(hits, nhits, sizeof *hits, by_newest);
	items = json_array();
	for (i = (size_t)((page - 1) * per_page); i < nhits && i < (size_t)(page * per_page);
	    i++) {
		int64_t id = json_integer_value(json_object_get(hits[i], "id"));

		json_array_append_new(items, people_view(hits[i], people_level_for(r, id),
		    r->locale, r->api ? NULL : r->app->views));
	}
	v = app_list_value(items, page, (int)per_page, (int64_t)nhits);
	facets = json_object();
	filters = json_array();
	for (f = 0; f < PF__MAX; f++) {
		if (!r->api)
			json_array_append_new(filters, json_pack("{s:s,s:s,s:o}", "param",
			    pf_params[f], "label", view_tr(r->app->views, r->locale, pf_titles[f]),
			    "options", facet_options(r, (enum pf)f, counts[f], want[f])));
		json_object_set_new(facets, pf_params[f], counts[f]);
		counts[f] = NULL;
	}
	json_object_set_new(v, "facets", facets);
	if (!r->api) {
		json_object_set_new(v, "filters", filters);
		json_object_set_new(v, "q", json_string(q));
		json_object_set_new(v, "sort_newest", json_boolean(strcmp(sort, "newest") == 0));
		json_object_set_new(v, "searching", json_boolean(*nq != '\0'));
		json_object_set_new(v, "one", json_boolean(nhits == 1));	/* "1 expert" */
		json_object_set_new(v, "query", json_string(query_of(r, q, sort, want)));
	} else {
		json_decref(filters);
	}
	resp_value(w, v);
	w->tpl = "people_list";
	w->title = N_("Experts");
out:
	for (f = 0; f < PF__MAX; f++)
		json_decref(counts[f]);
	json_decref(all);
	return rc;
}

/* ---- one person -------------------------------------------------------- */

/* Loads profile {id} for r: staff and the person see it whatever its
 * status, others only an approved one of an account not disabled (404
 * otherwise, as /people leaves it out). */
static enum ws_err
load_param(struct req *r, json_t **ex, int64_t *id, enum vis *level)
{
	struct user u;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = people_load(req_db(r), *id, ex)) != WS_OK)
		return rc;
	*level = people_level_for(r, *id);
	if (*level < VIS_STAFF && (strcmp(json_string_value(json_object_get(*ex, "status")),
	    "approved") != 0 || user_by_id(req_db(r), r->a, *id, &u) != WS_OK ||
	    strcmp(u.status, "active") != 0)) {
		json_decref(*ex);
		return WS_ENOTFOUND;
	}
	return WS_OK;
}

enum ws_err
people_shown(struct req *r, int64_t uid)
{
	struct user u;
	json_t *ex;
	enum ws_err rc;

	if ((rc = people_load(req_db(r), uid, &ex)) != WS_OK)
		return rc;
	if (people_level_for(r, uid) < VIS_STAFF && (strcmp(json_string_value(
	    json_object_get(ex, "status")), "approved") != 0 || user_by_id(req_db(r), r->a, uid,
	    &u) != WS_OK || strcmp(u.status, "active") != 0))
		rc = WS_ENOTFOUND;
	json_decref(ex);
	return rc;
}

enum ws_err
h_person(struct req *r, struct resp *w)
{
	json_t *ex, *v;
	int64_t id;
	enum vis level;
	enum ws_err rc;

	if ((rc = load_param(r, &ex, &id, &level)) != WS_OK)
		return rc;
	v = people_view(ex, level, r->locale, r->api ? NULL : r->app->views);
	/* the pilot initiatives they take part in, for those who see the
	 * initiatives' participants: members, focal points, staff, themselves */
	if (r->user && (r->user->role >= ROLE_MEMBER || r->user->id == id) &&
	    r->user->role != ROLE_APPLICANT) {
		json_t *inis = NULL;

		if ((rc = initiatives_of_person(r, id, &inis)) != WS_OK) {
			json_decref(ex);
			json_decref(v);
			return rc;
		}
		if (level < VIS_STAFF) {	/* not the person's own nor staff's */
			json_t *own = json_array(), *it;
			size_t k;

			/* a part through an organization is the organization's (its
			 * history): shown to others it would tell whose person they
			 * are, which an organization may keep from governments and
			 * even from members */
			json_array_foreach(inis, k, it)
				if (strcmp(json_string_value(json_object_get(it, "as")),
				    "organization") != 0)
					json_array_append(own, it);
			json_decref(inis);
			inis = own;
		}
		json_object_set_new(v, "initiatives", inis);
	}
	if (level >= VIS_MEMBERS) {	/* the courses they completed (certificates are public) */
		json_t *done = NULL;

		if (courses_of_person(r, id, &done) == WS_OK)
			json_object_set_new(v, "courses_completed", done);
		else
			json_decref(done);
	}
	if (level >= VIS_MEMBERS) {	/* their part in constructive dialogues */
		json_t *dl = NULL;

		if (dialogues_of_person(r, id, &dl) == WS_OK)
			json_object_set_new(v, "dialogues", dl);
		else
			json_decref(dl);
	}
	if (!r->api) {
		json_object_set_new(v, "can_edit", json_boolean(level >= VIS_STAFF && r->user));
		/* the write form (app/messages): members and staff write to
		 * the people the directory shows them, focal points only to staff */
		json_object_set_new(v, "can_message", json_boolean(r->user && r->user->id != id &&
		    (r->user->role == ROLE_MEMBER || r->user->role >= ROLE_STAFF)));
		if (json_object_get(v, "title"))	/* "title" is the page's */
			json_object_set(v, "position", json_object_get(v, "title"));
	}
	json_decref(ex);
	resp_value(w, v);
	w->tpl = "person";
	w->title = N_("Expert");
	return WS_OK;
}

/* ---- editing ----------------------------------------------------------- */

static const char *const vis_field_labels[] = {
	N_("Title"), N_("Profession"), N_("Affiliation"), N_("Country"), N_("Countries of work"),
	N_("Themes"), N_("Working languages"), N_("Biography"), N_("Website or ORCID iD"),
	N_("Contact details")
};
_Static_assert(sizeof vis_field_labels / sizeof vis_field_labels[0] == PEOPLE_VIS_NFIELDS,
    "a label for each of people_vis_fields");

/* Loads profile {id} for editing: the person or staff; 403 for others. */
static enum ws_err
may_edit(struct req *r, json_t **ex, int64_t *id)
{
	enum vis level;
	enum ws_err rc;

	if ((rc = load_param(r, ex, id, &level)) != WS_OK)
		return rc;
	if (level < VIS_STAFF) {
		json_decref(*ex);
		return WS_EFORBIDDEN;
	}
	return WS_OK;
}

/* The edit form's value: the fields, their options and a visibility
 * choice for each field that has one. */
static json_t *
edit_page(struct req *r, json_t *values, json_t *vis, int64_t id)
{
	json_t *page = json_object();

	json_object_set(page, "form", values);
	people_expert_options(r, page, values);
	json_object_set_new(page, "visibility_fields", vis_field_choices(r, people_vis_fields,
	    PEOPLE_VIS_NFIELDS, vis_field_labels, vis));
	json_object_set_new(page, "id", json_integer(id));
	return page;
}

enum ws_err
h_person_edit_form(struct req *r, struct resp *w)
{
	json_t *ex, *data, *values;
	int64_t id;
	enum ws_err rc;

	if ((rc = may_edit(r, &ex, &id)) != WS_OK)
		return rc;
	data = json_pack("{s:O,s:O}", "expert", ex, "contact", json_object_get(ex, "contact"));
	values = people_expert_values(data);
	resp_value(w, edit_page(r, values, json_object_get(ex, "visibility"), id));
	json_decref(values);
	json_decref(data);
	json_decref(ex);
	w->tpl = "person_edit";
	w->title = N_("Edit your expert profile");
	return WS_OK;
}

/* The visibility map sent (JSON "visibility" {field: level}, or the form's
 * vis_<field>) laid over cur into *out; a message under "visibility" in
 * errors for a level or a field that does not exist. */
static void
read_visibility(struct req *r, json_t *cur, json_t **out, json_t *errors)
{
	json_t *in = json_object_get(r->in, "visibility");
	json_t *vis = json_is_object(cur) ? json_copy(cur) : json_object();
	const char *k;
	json_t *v;
	size_t i;

	for (i = 0; i < PEOPLE_VIS_NFIELDS; i++) {
		const char *name = people_vis_fields[i].name;

		v = json_is_object(in) ? json_object_get(in, name) :
		    json_object_get(r->in, arena_printf(r->a, "vis_%s", name));
		if (!v)
			continue;
		if (!json_is_string(v) || vis_parse(json_string_value(v)) < 0) {
			json_object_set_new(errors, "visibility", json_string(
			    "Visibility must be public, members, nongovernmental or staff."));
			continue;
		}
		json_object_set(vis, name, v);
	}
	if (in && !json_is_object(in))
		json_object_set_new(errors, "visibility", json_string(
		    "Visibility must be an object of field: level."));
	if (json_is_object(in))
		json_object_foreach(in, k, v) {
			for (i = 0; i < PEOPLE_VIS_NFIELDS; i++)
				if (strcmp(people_vis_fields[i].name, k) == 0)
					break;
			if (i == PEOPLE_VIS_NFIELDS)
				json_object_set_new(errors, "visibility", json_string(
				    "Unknown field in visibility."));
		}
	*out = vis;
}

/* POST /people/{id}/edit and PATCH /api/v1/people/{id}: what is not sent
 * keeps its value. */
enum ws_err
h_person_edit(struct req *r, struct resp *w)
{
	json_t *ex, *data, *cur, *merged, *values = NULL, *errors = NULL, *vis = NULL, *fresh;
	int64_t id;
	enum ws_err rc;
	const char *key;
	json_t *v;

	if ((rc = may_edit(r, &ex, &id)) != WS_OK)
		return rc;
	data = json_pack("{s:O,s:O}", "expert", ex, "contact", json_object_get(ex, "contact"));
	cur = people_expert_values(data);
	json_decref(data);
	people_expert_flatten(r);
	merged = json_copy(cur);
	json_object_foreach(r->in, key, v)
		json_object_set(merged, key, v);
	json_decref(r->in);
	r->in = merged;
	json_decref(cur);
	/* every field but consent, given when the person applied */
	rc = form_check(r, people_expert_fields, people_expert_nfields - 1, &values, &errors);
	if (!errors)
		errors = json_object();
	read_visibility(r, json_object_get(ex, "visibility"), &vis, errors);
	if (rc != WS_OK || json_object_size(errors)) {
		rc = form_fail(r, w, "person_edit", N_("Edit your expert profile"), values, errors);
		if (!r->api) {
			json_t *page = edit_page(r, values, vis, id);

			json_object_set(page, "errors", errors);
			resp_value(w, page);
		}
		goto out;
	}
	data = people_expert_data(values);
	fresh = json_copy(json_object_get(data, "expert"));
	json_object_set(fresh, "contact", json_object_get(data, "contact"));
	json_object_set(fresh, "visibility", vis);
	json_decref(data);
	rc = people_update(req_db(r), id, fresh);
	json_decref(fresh);
	if (rc != WS_OK)
		goto out;
	app_audit(r->app, req_db(r), r->user->id, "expert.edited", r->ip,
	    arena_printf(r->a, "expert %lld", (long long)id));
	if (r->api) {
		json_t *now;

		if ((rc = people_load(req_db(r), id, &now)) == WS_OK) {
			resp_value(w, people_view(now, VIS_STAFF, r->locale, NULL));
			json_decref(now);
		}
	} else {
		resp_redirect(w, arena_printf(r->a, "/people/%lld", (long long)id));
	}
out:
	json_decref(ex);
	json_decref(values);
	json_decref(errors);
	json_decref(vis);
	return rc;
}
