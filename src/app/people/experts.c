/*
 * experts.c -- an individual expert's application fields and profile: the
 * form's fields, the JSON an application stores, the profile written on
 * approval, read back, and shown to each viewer as its visibility allows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/orgs/orgs.h"
#include "app/people/people_int.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

const char *const people_professions[] = {
	"academic", "independent_researcher", "journalist", "lawyer", "consultant", "other", NULL
};
const char *const people_profession_labels[] = {
	N_("Academic"), N_("Independent researcher"), N_("Journalist"), N_("Lawyer"),
	N_("Consultant"), N_("Other"), NULL
};

/* A website, or an ORCID iD on its own (0000-0002-1825-0097). */
static int
website_or_orcid(const char *v)
{
	size_t i;

	if (url_plausible(v))
		return 1;
	if (strlen(v) != 19)
		return 0;
	for (i = 0; i < 19; i++)
		if (i % 5 == 4 ? v[i] != '-' : !(v[i] >= '0' && v[i] <= '9') &&
		    !(i == 18 && (v[i] == 'X' || v[i] == 'x')))
			return 0;
	return 1;
}

const struct field people_expert_fields[] = {
	{"name", FT_LINE, 1, 2, 200, NULL, NULL, NULL},
	{"title", FT_LINE, 0, 0, 200, NULL, NULL, NULL},
	{"profession", FT_CHOICE, 0, 0, 40, people_professions, NULL,
	    N_("Choose a profession from the list.")},
	{"affiliation", FT_LINE, 0, 0, 300, NULL, NULL, NULL},
	{"country", FT_CHOICE, 1, 0, 2, NULL, country_valid, N_("Choose a country from the list.")},
	{"countries", FT_MULTI, 0, 0, 250, NULL, country_valid, N_("Choose countries from the list.")},
	{"themes", FT_MULTI, 0, 0, 30, NULL, theme_valid, N_("Choose themes from the list.")},
	{"languages", FT_MULTI, 0, 0, 30, NULL, language_valid,
	    N_("Choose languages from the list.")},
	{"biography", FT_TEXT, 0, 0, PEOPLE_BIO_MAX, NULL, NULL, NULL},
	{"website", FT_CHOICE, 0, 0, 300, NULL, website_or_orcid,
	    N_("Enter a web address starting with https://, or an ORCID iD.")},
	{"contact_email", FT_EMAIL, 1, 3, 254, NULL, NULL, NULL},
	{"contact_phone", FT_LINE, 0, 0, 40, NULL, NULL, NULL},
	{"consent", FT_BOOL, 1, 0, 0, NULL, NULL, NULL},
};
const size_t people_expert_nfields = sizeof people_expert_fields /
    sizeof people_expert_fields[0];

/* The profile's own fields (JSON names), in the form's order. */
static const char *const expert_keys[] = {
	"name", "title", "profession", "affiliation", "country", "countries", "themes",
	"languages", "biography", "website", NULL
};
static const char *const contact_keys[] = { "email", "phone", NULL };

const struct vis_field people_vis_fields[PEOPLE_VIS_NFIELDS] = {
	{"title", VIS_MEMBERS}, {"profession", VIS_MEMBERS}, {"affiliation", VIS_MEMBERS},
	{"country", VIS_MEMBERS}, {"countries", VIS_MEMBERS}, {"themes", VIS_MEMBERS},
	{"languages", VIS_MEMBERS}, {"biography", VIS_MEMBERS}, {"website", VIS_MEMBERS},
	{"contact", VIS_NONGOV},
};
_Static_assert(sizeof people_vis_fields / sizeof people_vis_fields[0] == PEOPLE_VIS_NFIELDS,
    "PEOPLE_VIS_NFIELDS");

void
people_expert_flatten(struct req *r)
{
	json_t *x = json_object_get(r->in, "expert");
	json_t *c = json_object_get(r->in, "contact");
	const char *k;
	json_t *v;

	if (json_is_object(x))
		json_object_foreach(x, k, v)
			json_object_set(r->in, k, v);
	if (json_is_object(c))
		json_object_foreach(c, k, v)
			json_object_set(r->in, arena_printf(r->a, "contact_%s", k), v);
}

json_t *
people_expert_data(json_t *values)
{
	json_t *x = json_object(), *c = json_object();
	const char *const *k;

	for (k = expert_keys; *k; k++)
		json_object_set(x, *k, json_object_get(values, *k));
	for (k = contact_keys; *k; k++) {
		char name[32];

		snprintf(name, sizeof name, "contact_%s", *k);
		json_object_set(c, *k, json_object_get(values, name));
	}
	return json_pack("{s:o,s:o,s:b}", "expert", x, "contact", c, "consent",
	    json_is_true(json_object_get(values, "consent")));
}

json_t *
people_expert_values(json_t *data)
{
	json_t *v = json_object(), *x = json_object_get(data, "expert");
	json_t *c = json_object_get(data, "contact");
	const char *const *k;

	for (k = expert_keys; *k; k++)
		if (json_object_get(x, *k))
			json_object_set(v, *k, json_object_get(x, *k));
	for (k = contact_keys; *k; k++) {
		char name[32];

		snprintf(name, sizeof name, "contact_%s", *k);
		if (json_object_get(c, *k))
			json_object_set(v, name, json_object_get(c, *k));
	}
	if (json_object_get(data, "consent"))
		json_object_set(v, "consent", json_object_get(data, "consent"));
	return v;
}

void
people_expert_options(struct req *r, json_t *page, json_t *form)
{
	const char *lang = r->locale;

	json_object_set_new(page, "professions", choice_options(people_professions,
	    people_profession_labels, r->app->views, lang, json_object_get(form, "profession")));
	json_object_set_new(page, "countries", country_options(lang, json_object_get(form,
	    "country")));
	json_object_set_new(page, "operation_countries", country_options(lang,
	    json_object_get(form, "countries")));
	json_object_set_new(page, "themes", theme_options(lang, json_object_get(form, "themes")));
	json_object_set_new(page, "languages", language_options(lang, json_object_get(form,
	    "languages")));
}

/* ---- the profile ------------------------------------------------------- */

/* x's string field k, "" when absent. */
static const char *
str_of(json_t *x, const char *k)
{
	const char *s = json_string_value(json_object_get(x, k));

	return s ? s : "";
}

/* x's array field k as JSON text (freed by the caller); "[]" when absent. */
static char *
array_text(json_t *x, const char *k)
{
	json_t *a = json_object_get(x, k);

	return json_is_array(a) ? json_dumps(a, JSON_COMPACT) : strdup("[]");
}

enum ws_err
people_expert_approve(struct db *d, int64_t uid, int64_t app_id, json_t *data, int64_t by)
{
	json_t *x = json_object_get(data, "expert"), *c = json_object_get(data, "contact");
	char *countries = array_text(x, "countries"), *themes = array_text(x, "themes");
	char *languages = array_text(x, "languages");
	struct db_q *q;
	int64_t now = now_s();
	enum ws_err rc;

	/* the caller (orgs_decide) has checked the account is not deleted */
	q = db_start(d, ST_EXPERT_PUT);
	db_bind_int(q, 1, uid);
	db_bind_text(q, 2, str_of(x, "name"));
	db_bind_text(q, 3, str_of(x, "title"));
	db_bind_text(q, 4, str_of(x, "profession"));
	db_bind_text(q, 5, str_of(x, "affiliation"));
	db_bind_text(q, 6, str_of(x, "country"));
	db_bind_text(q, 7, countries);
	db_bind_text(q, 8, themes);
	db_bind_text(q, 9, languages);
	db_bind_text(q, 10, str_of(x, "biography"));
	db_bind_text(q, 11, str_of(x, "website"));
	db_bind_text(q, 12, str_of(c, "email"));
	db_bind_text(q, 13, str_of(c, "phone"));
	db_bind_int(q, 14, app_id);
	db_bind_int(q, 15, by);
	db_bind_int(q, 16, now);
	db_bind_int(q, 17, now);
	rc = db_exec(q, NULL);
	db_end(q);
	free(countries);
	free(themes);
	free(languages);
	if (rc != WS_OK)
		return rc;
	q = db_start(d, ST_USER_SET_MEMBER);
	db_bind_int(q, 1, now);
	db_bind_int(q, 2, uid);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

static json_t *
json_text(const char *s, const char *fallback)
{
	json_error_t err;
	json_t *v = s ? json_loads(s, 0, &err) : NULL;

	return v ? v : json_loads(fallback, 0, &err);
}

/* The profile of the row q is on.  New reference. */
static json_t *
expert_from_row(struct db_q *q)
{
	char c[32], u[32];

	time_rfc3339((time_t)db_col_int(q, EXPERT_C_CREATED_AT), c, sizeof c);
	time_rfc3339((time_t)db_col_int(q, EXPERT_C_UPDATED_AT), u, sizeof u);
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:o,s:s,s:s,s:{s:s,s:s},s:o,"
	    "s:s,s:s}",
	    "id", (json_int_t)db_col_int(q, EXPERT_C_USER_ID),
	    "status", db_col_text(q, EXPERT_C_STATUS),
	    "name", db_col_text(q, EXPERT_C_NAME),
	    "title", db_col_text(q, EXPERT_C_TITLE),
	    "profession", db_col_text(q, EXPERT_C_PROFESSION),
	    "affiliation", db_col_text(q, EXPERT_C_AFFILIATION),
	    "country", db_col_text(q, EXPERT_C_COUNTRY),
	    "countries", json_text(db_col_text(q, EXPERT_C_COUNTRIES), "[]"),
	    "themes", json_text(db_col_text(q, EXPERT_C_THEMES), "[]"),
	    "languages", json_text(db_col_text(q, EXPERT_C_LANGUAGES), "[]"),
	    "biography", db_col_text(q, EXPERT_C_BIOGRAPHY),
	    "website", db_col_text(q, EXPERT_C_WEBSITE),
	    "contact", "email", db_col_text(q, EXPERT_C_EMAIL),
	    "phone", db_col_text(q, EXPERT_C_PHONE),
	    "visibility", json_text(db_col_text(q, EXPERT_C_VISIBILITY), "{}"),
	    "created_at", c, "updated_at", u);
}

enum ws_err
people_load(struct db *d, int64_t uid, json_t **out)
{
	struct db_q *q = db_start(d, ST_EXPERT_GET);
	enum ws_err rc;

	db_bind_int(q, 1, uid);
	rc = db_step(q);
	if (rc == WS_OK)
		*out = expert_from_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
people_export(struct db *d, int64_t uid, json_t **out)
{
	enum ws_err rc = people_load(d, uid, out);

	if (rc == WS_ENOTFOUND) {
		*out = json_null();
		rc = WS_OK;
	}
	return rc;
}

enum ws_err
people_all(struct db *d, json_t **out)
{
	struct db_q *q = db_start(d, ST_EXPERT_LIST);
	json_t *all = json_array();
	enum ws_err rc;

	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(all, expert_from_row(q));
	db_end(q);
	if (rc != WS_EDONE) {
		json_decref(all);
		return rc;
	}
	*out = all;
	return WS_OK;
}

enum vis
people_field_level(json_t *ex, const char *field)
{
	size_t i;
	int v;

	for (i = 0; i < PEOPLE_VIS_NFIELDS; i++) {
		if (strcmp(people_vis_fields[i].name, field) != 0)
			continue;
		v = vis_parse(json_string_value(json_object_get(json_object_get(ex, "visibility"),
		    field)));
		return v >= 0 ? (enum vis)v : people_vis_fields[i].def;
	}
	return VIS_STAFF;
}

enum vis
people_level_for(struct req *r, int64_t uid)
{
	if (!r->user)
		return VIS_PUBLIC;
	if (r->user->id == uid || r->user->role >= ROLE_STAFF)
		return VIS_STAFF;	/* the person and staff see all of it */
	return org_viewer_level(r);
}

json_t *
people_view(json_t *ex, enum vis level, const char *lang, struct views *v)
{
	json_t *out = json_object(), *vis = json_object(), *x;
	const char *s;
	size_t i;

	json_object_set(out, "id", json_object_get(ex, "id"));
	json_object_set(out, "name", json_object_get(ex, "name"));
	for (i = 0; i < PEOPLE_VIS_NFIELDS; i++) {
		const char *f = people_vis_fields[i].name;
		enum vis need = people_field_level(ex, f);

		json_object_set_new(vis, f, json_string(vis_name(need)));
		if (need > level || !(x = json_object_get(ex, f)))
			continue;
		if ((json_is_string(x) && !json_string_length(x)) ||
		    (json_is_array(x) && !json_array_size(x)))
			continue;	/* nothing given */
		json_object_set(out, f, x);
	}
	if (level >= VIS_STAFF) {
		json_object_set_new(out, "visibility", vis);
		json_object_set(out, "status", json_object_get(ex, "status"));
		json_object_set(out, "created_at", json_object_get(ex, "created_at"));
		json_object_set(out, "updated_at", json_object_get(ex, "updated_at"));
	} else {
		json_decref(vis);
	}
	if (!v)
		return out;
	/* What pages show besides the codes. */
	if ((s = json_string_value(json_object_get(out, "profession"))))
		for (i = 0; people_professions[i]; i++)
			if (strcmp(people_professions[i], s) == 0)
				json_object_set_new(out, "profession_name", json_string(view_tr(v,
				    lang, people_profession_labels[i])));
	if ((s = json_string_value(json_object_get(out, "country"))))
		json_object_set_new(out, "country_name", json_string(country_name(s, lang)));
	if ((x = json_object_get(out, "themes")))
		json_object_set_new(out, "theme_list", named_list(x, theme_name, lang));
	if ((x = json_object_get(out, "countries")))
		json_object_set_new(out, "country_list", named_list(x, country_name, lang));
	if ((x = json_object_get(out, "languages")))
		json_object_set_new(out, "language_list", named_list(x, language_name, lang));
	if ((s = json_string_value(json_object_get(out, "biography"))))
		json_object_set_new(out, "biography_html", org_markdown_html(s));
	return out;
}

/* The strings of x's keys (NULL-terminated) that say who a person is,
 * into out (at most max, each once); how many are there now. */
static size_t
add_strings(json_t *x, const char *const *keys, const char **out, size_t n, size_t max)
{
	const char *s;
	size_t i;

	for (; *keys && n < max; keys++) {
		if (!(s = json_string_value(json_object_get(x, *keys))) || !*s)
			continue;
		for (i = 0; i < n && strcmp(out[i], s) != 0; i++)
			;
		if (i == n)
			out[n++] = s;
	}
	return n;
}

enum ws_err
people_forget(struct db *d, int64_t uid)
{
	static const char *const own[] = { "title", "affiliation", "biography", "website",
		NULL };
	static const char *const contact[] = { "email", "phone", NULL };
	const char *said[64];
	json_t *ex = NULL, *apps = NULL, *a;
	struct db_q *q;
	size_t n = 0, i;
	enum ws_err rc;

	rc = people_load(d, uid, &ex);
	if (rc == WS_ENOTFOUND)
		rc = WS_OK;	/* no profile; an application may still say it */
	if (rc != WS_OK)
		return rc;
	if ((rc = orgs_person_apps(d, uid, &apps)) != WS_OK)
		goto out;
	n = add_strings(ex, own, said, n, 64);
	n = add_strings(json_object_get(ex, "contact"), contact, said, n, 64);
	json_array_foreach(apps, i, a) {
		n = add_strings(json_object_get(a, "expert"), own, said, n, 64);
		if (json_object_get(a, "expert"))
			n = add_strings(json_object_get(a, "contact"), contact, said, n, 64);
	}
	for (i = 0; rc == WS_OK && i < n; i++)
		rc = orgs_forget_text(d, uid, said[i], "");
	if (rc != WS_OK)
		goto out;
	q = db_start(d, ST_EXPERT_DELETE);
	db_bind_int(q, 1, uid);
	rc = db_exec(q, NULL);
	db_end(q);
out:
	json_decref(ex);
	json_decref(apps);
	return rc;
}

json_t *
people_expert_view(struct req *r, json_t *x)
{
	return people_view(x, VIS_STAFF, r->locale, r->app->views);
}

enum ws_err
people_update(struct db *d, int64_t uid, json_t *ex)
{
	json_t *c = json_object_get(ex, "contact");
	char *countries = array_text(ex, "countries"), *themes = array_text(ex, "themes");
	char *languages = array_text(ex, "languages");
	json_t *vo = json_object_get(ex, "visibility");
	char *vis = json_is_object(vo) ? json_dumps(vo, JSON_COMPACT) : strdup("{}");
	struct db_q *q = db_start(d, ST_EXPERT_UPDATE);
	enum ws_err rc;

	db_bind_text(q, 1, str_of(ex, "name"));
	db_bind_text(q, 2, str_of(ex, "title"));
	db_bind_text(q, 3, str_of(ex, "profession"));
	db_bind_text(q, 4, str_of(ex, "affiliation"));
	db_bind_text(q, 5, str_of(ex, "country"));
	db_bind_text(q, 6, countries);
	db_bind_text(q, 7, themes);
	db_bind_text(q, 8, languages);
	db_bind_text(q, 9, str_of(ex, "biography"));
	db_bind_text(q, 10, str_of(ex, "website"));
	db_bind_text(q, 11, str_of(c, "email"));
	db_bind_text(q, 12, str_of(c, "phone"));
	db_bind_text(q, 13, vis);
	db_bind_int(q, 14, now_s());
	db_bind_int(q, 15, uid);
	rc = db_exec(q, NULL);
	db_end(q);
	free(countries);
	free(themes);
	free(languages);
	free(vis);
	return rc;
}
