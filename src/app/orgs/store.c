/*
 * store.c -- organizations as JSON: reading a row, what each viewer may see,
 * writing one (its duplicate keys are dupkeys.c's).
 *
 * Arrays (countries, themes, languages, social links) and the visibility map
 * are stored as JSON text so both backends hold them the same way; the
 * directory's search indexes are built from them in memory.
 */
#include <ctype.h>
#include <stdio.h>
#include <cmark.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/app.h"
#include "app/directory/search.h"
#include "app/orgs/orgs_int.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

const struct vis_field org_vis_fields[ORG_VIS_NFIELDS] = {
	{"acronym", VIS_PUBLIC}, {"kind", VIS_PUBLIC}, {"country", VIS_PUBLIC},
	{"themes", VIS_PUBLIC}, {"website", VIS_PUBLIC},
	{"description", VIS_MEMBERS}, {"countries", VIS_MEMBERS}, {"languages", VIS_MEMBERS},
	{"founded", VIS_MEMBERS}, {"size", VIS_MEMBERS}, {"ecosoc_status", VIS_MEMBERS},
	{"social", VIS_MEMBERS}, {"contact", VIS_NONGOV}, {"people", VIS_NONGOV},
	{"logo_url", VIS_PUBLIC},
};
const size_t org_vis_nfields = ORG_VIS_NFIELDS;
_Static_assert(sizeof org_vis_fields / sizeof org_vis_fields[0] == ORG_VIS_NFIELDS,
    "ORG_VIS_NFIELDS");

static const char *const vis_names[] = { "public", "members", "nongovernmental", "staff" };
_Static_assert(sizeof vis_names / sizeof vis_names[0] == VIS__MAX, "a name per level");

const char *
vis_name(enum vis v)
{
	return v < VIS__MAX ? vis_names[v] : "staff";
}

int
vis_parse(const char *s)
{
	int i;

	for (i = 0; s && i < VIS__MAX; i++)
		if (strcmp(vis_names[i], s) == 0)
			return i;
	return -1;
}

static json_t *
json_text(const char *s, const char *fallback)
{
	json_error_t err;
	json_t *v = s ? json_loads(s, 0, &err) : NULL;

	return v ? v : json_loads(fallback, 0, &err);
}

json_t *
org_of_row(struct db_q *q)
{
	json_t *o;
	char c[32], u[32];

	time_rfc3339((time_t)db_col_int(q, ORG_C_CREATED_AT), c, sizeof c);
	time_rfc3339((time_t)db_col_int(q, ORG_C_UPDATED_AT), u, sizeof u);
	o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:o,s:s,s:o,s:s,s:s,s:o,s:o,s:s,s:o,"
	    "s:{s:s,s:s,s:s,s:s,s:s},s:o,s:s,s:s,s:s}",
	    "id", (json_int_t)db_col_int(q, ORG_C_ID), "name", db_col_text(q, ORG_C_NAME),
	    "acronym", db_col_text(q, ORG_C_ACRONYM), "kind", db_col_text(q, ORG_C_KIND),
	    "country", db_col_text(q, ORG_C_COUNTRY),
	    "countries", json_text(db_col_text(q, ORG_C_COUNTRIES), "[]"),
	    "website", db_col_text(q, ORG_C_WEBSITE),
	    "founded", db_col_null(q, ORG_C_FOUNDED) ? json_null() :
	    json_integer(db_col_int(q, ORG_C_FOUNDED)),
	    "size", db_col_text(q, ORG_C_SIZE), "description", db_col_text(q, ORG_C_DESCRIPTION),
	    "themes", json_text(db_col_text(q, ORG_C_THEMES), "[]"),
	    "languages", json_text(db_col_text(q, ORG_C_LANGUAGES), "[]"),
	    "ecosoc_status", db_col_text(q, ORG_C_ECOSOC_STATUS),
	    "social", json_text(db_col_text(q, ORG_C_SOCIAL), "[]"),
	    "contact", "name", db_col_text(q, ORG_C_CONTACT_NAME),
	    "title", db_col_text(q, ORG_C_CONTACT_TITLE),
	    "email", db_col_text(q, ORG_C_CONTACT_EMAIL),
	    "phone", db_col_text(q, ORG_C_CONTACT_PHONE),
	    "role", db_col_text(q, ORG_C_CONTACT_ROLE),
	    "visibility", json_text(db_col_text(q, ORG_C_VISIBILITY), "{}"),
	    "status", db_col_text(q, ORG_C_STATUS),
	    "created_at", c, "updated_at", u);
	if (!o)
		return NULL;
	if (!db_col_null(q, ORG_C_REGION))
		json_object_set_new(o, "region", json_string(db_col_text(q, ORG_C_REGION)));
	if (!db_col_null(q, ORG_C_LOGO_ID)) {
		char url[64];

		snprintf(url, sizeof url, "/organizations/%lld/logo",
		    (long long)db_col_int(q, ORG_C_ID));
		json_object_set_new(o, "logo_url", json_string(url));
		json_object_set_new(o, "logo_id", json_integer(db_col_int(q, ORG_C_LOGO_ID)));
	}
	return o;
}

enum ws_err
org_load(struct db *d, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_ORG_GET);
	enum ws_err rc;
	json_t *o;

	db_bind_int(q, 1, id);
	rc = db_step(q);
	if (rc != WS_OK) {
		db_end(q);
		return rc == WS_EDONE ? WS_ENOTFOUND : rc;
	}
	o = org_of_row(q);
	db_end(q);
	if (!o)
		return WS_EDB;
	*out = o;
	return WS_OK;
}

static enum vis
field_level(json_t *org, const struct vis_field *f)
{
	int i = vis_parse(json_string_value(json_object_get(json_object_get(org, "visibility"),
	    f->name)));

	return i >= 0 ? (enum vis)i : f->def;
}

enum vis
org_field_level(json_t *org, const char *field)
{
	size_t i;

	for (i = 0; i < org_vis_nfields; i++)
		if (strcmp(org_vis_fields[i].name, field) == 0)
			return field_level(org, &org_vis_fields[i]);
	return VIS_STAFF;
}

/* Markdown to HTML in cmark's safe mode: raw HTML and javascript: links
 * are dropped.  New reference. */
/* True for a link target we let through: http(s), mailto, or no scheme. */
static int
safe_url(const char *u)
{
	const char *colon = strchr(u, ':'), *slash = strpbrk(u, "/?#");

	if (!colon || (slash && slash < colon))
		return 1;	/* relative */
	return strncasecmp(u, "http:", 5) == 0 || strncasecmp(u, "https:", 6) == 0 ||
	    strncasecmp(u, "mailto:", 7) == 0;
}

static json_t *
markdown_html(const char *md)
{
	cmark_node *doc = cmark_parse_document(md, strlen(md), CMARK_OPT_SAFE);
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	char *html;
	json_t *v;

	/* cmark's safe mode drops javascript: and friends; STYLE.md allows
	 * only http(s) and mailto, so every other scheme goes too. */
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);

		if (ev == CMARK_EVENT_ENTER && (t == CMARK_NODE_LINK || t == CMARK_NODE_IMAGE) &&
		    cmark_node_get_url(n) && !safe_url(cmark_node_get_url(n)))
			cmark_node_set_url(n, "");
	}
	cmark_iter_free(it);
	html = cmark_render_html(doc, CMARK_OPT_SAFE);
	cmark_node_free(doc);
	v = json_string(html ? html : "");
	free(html);
	return v;
}

json_t *
org_view(json_t *org, enum vis level, const char *lang, struct views *v)
{
	json_t *out = json_object(), *vis = json_object(), *x;
	size_t i;
	const char *s;

	json_object_set(out, "id", json_object_get(org, "id"));
	json_object_set(out, "name", json_object_get(org, "name"));
	json_object_set(out, "status", json_object_get(org, "status"));
	for (i = 0; i < org_vis_nfields; i++) {
		const struct vis_field *f = &org_vis_fields[i];
		enum vis need = field_level(org, f);

		json_object_set_new(vis, f->name, json_string(vis_names[need]));
		if (need > level || !(x = json_object_get(org, f->name)))
			continue;
		json_object_set(out, f->name, x);
	}
	if (level >= VIS_STAFF) {
		json_object_set_new(out, "visibility", vis);
		json_object_set(out, "created_at", json_object_get(org, "created_at"));
		json_object_set(out, "updated_at", json_object_get(org, "updated_at"));
	} else {
		json_decref(vis);
	}
	/* What pages show besides the codes. */
	if ((s = json_string_value(json_object_get(out, "kind"))))
		json_object_set_new(out, "kind_name", json_string(view_tr(v, lang, kind_name(s))));
	if ((s = json_string_value(json_object_get(out, "ecosoc_status")))) {
		size_t k;

		for (k = 0; org_ecosoc[k]; k++)
			if (strcmp(org_ecosoc[k], s) == 0)
				json_object_set_new(out, "ecosoc_name", json_string(view_tr(v, lang,
				    org_ecosoc_labels[k])));
	}
	if ((s = json_string_value(json_object_get(out, "country"))))
		json_object_set_new(out, "country_name", json_string(country_name(s, lang)));
	if ((x = json_object_get(out, "themes")))
		json_object_set_new(out, "theme_list", named_list(x, theme_name, lang));
	if ((x = json_object_get(out, "countries")))
		json_object_set_new(out, "country_list", named_list(x, country_name, lang));
	if ((x = json_object_get(out, "languages")))
		json_object_set_new(out, "language_list", named_list(x, language_name, lang));
	if ((s = json_string_value(json_object_get(out, "description"))))
		json_object_set_new(out, "description_html", markdown_html(s));
	return out;
}

json_t *
org_markdown_html(const char *md)
{
	return markdown_html(md);
}

enum vis
org_level_for(struct req *r, int64_t org_id, int *is_org_admin)
{
	struct db_q *q;
	enum vis level;

	if (is_org_admin)
		*is_org_admin = 0;
	if (!r->user)
		return VIS_PUBLIC;
	if (r->user->role >= ROLE_STAFF)
		return VIS_STAFF;
	level = org_viewer_level(r);
	q = db_start(req_db(r), ST_MEMBER_GET);
	db_bind_int(q, 1, org_id);
	db_bind_int(q, 2, r->user->id);
	if (db_step(q) == WS_OK) {
		level = VIS_STAFF;	/* an organization's own people see it all */
		if (is_org_admin)
			*is_org_admin = db_col_int(q, MEMBER_GET_C_IS_ADMIN) != 0;
	}
	db_end(q);
	return level;
}

enum vis
org_viewer_level(struct req *r)
{
	if (!r->user)
		return VIS_PUBLIC;
	switch (r->user->role) {
	case ROLE_STAFF: case ROLE_ADMIN: return VIS_STAFF;
	case ROLE_MEMBER: return VIS_NONGOV;
	case ROLE_FOCAL: return VIS_MEMBERS;	/* governments: never nongovernmental */
	default: return VIS_PUBLIC;
	}
}

enum ws_err
org_fix_domain(struct db *d, int64_t id)
{
	struct db_q *q = db_start(d, ST_ORG_FIX_DOMAIN);
	enum ws_err rc;

	db_bind_int(q, 1, id);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
org_insert_row(struct arena *a, struct db *d, json_t *o, json_t *c, const char *status,
    const struct app_keys *k, int64_t approved_by, int64_t *id)
{
	struct db_q *q = db_start(d, ST_ORG_INSERT);
	int approved = strcmp(status, "approved") == 0;
	time_t now = now_s();
	enum ws_err rc;

	org_bind_fields(a, q, o, c);
	db_bind_text(q, 20, "{}");
	db_bind_text(q, 21, status);
	db_bind_text(q, 22, k->norm_name);
	db_bind_text(q, 23, k->norm_acronym);
	db_bind_text(q, 24, k->email_domain);
	db_bind_int(q, 25, now);
	db_bind_int(q, 26, now);
	if (approved && approved_by > 0)
		db_bind_int(q, 27, approved_by);
	else
		db_bind_null(q, 27);
	if (approved)
		db_bind_int(q, 28, now);
	else
		db_bind_null(q, 28);
	search_bind(a, q, 29, o);	/* visibility: the defaults */
	rc = db_step(q);
	if (rc == WS_OK)
		*id = db_col_int(q, 0);
	db_end(q);
	if (rc == WS_OK)
		rc = org_dupkeys_put_org(d, *id, k);
	if (rc == WS_OK && approved)
		rc = org_fix_domain(d, *id);
	return rc == WS_EDONE ? WS_EDB : rc;
}

enum ws_err
org_insert(struct arena *a, struct db *d, json_t *o, json_t *c, int64_t approved_by,
    int64_t *id)
{
	json_t *data = json_pack("{s:O,s:O}", "organization", o, "contact", c);
	json_t *logo = json_object_get(o, "logo_file");
	struct app_keys k;
	struct db_q *q;
	enum ws_err rc;

	app_keys_of(a, data, &k);
	json_decref(data);
	rc = org_insert_row(a, d, o, c, "approved", &k, approved_by, id);
	if (rc == WS_OK && json_is_integer(logo)) {
		q = db_start(d, ST_ORG_SET_LOGO);
		db_bind_int(q, 1, json_integer_value(logo));
		db_bind_int(q, 2, now_s());
		db_bind_int(q, 3, *id);
		rc = db_exec(q, NULL);
		db_end(q);
	}
	return rc;
}

enum ws_err
org_member_add(struct db *d, int64_t org_id, int64_t uid, int admin, const char *title,
    enum role role)
{
	struct db_q *q = db_start(d, ST_MEMBER_ADD);
	enum ws_err rc;

	db_bind_int(q, 1, org_id);
	db_bind_int(q, 2, uid);
	db_bind_int(q, 3, admin);
	db_bind_int(q, 4, 1);
	db_bind_text(q, 5, title ? title : "");
	db_bind_int(q, 6, now_s());
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc != WS_OK)
		return rc;
	q = db_start(d, ST_USER_SET_ORG);
	db_bind_int(q, 1, org_id);
	db_bind_text(q, 2, role_name(role >= ROLE_MEMBER ? role : ROLE_MEMBER));
	db_bind_int(q, 3, now_s());
	db_bind_int(q, 4, uid);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
org_member_flag(struct db *d, int64_t org_id, int64_t uid, int64_t added_by, const char *how)
{
	struct db_q *q = db_start(d, ST_MEMBER_SET_REVIEW);
	enum ws_err rc;

	db_bind_int(q, 1, added_by);
	db_bind_text(q, 2, how);
	db_bind_text(q, 3, "pending");
	db_bind_int(q, 4, org_id);
	db_bind_int(q, 5, uid);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
org_member_is_admin(struct db *d, int64_t org_id, int64_t uid, int *admin)
{
	struct db_q *q = db_start(d, ST_MEMBER_GET);
	enum ws_err rc;

	*admin = 0;
	db_bind_int(q, 1, org_id);
	db_bind_int(q, 2, uid);
	rc = db_step(q);
	if (rc == WS_OK)
		*admin = db_col_int(q, MEMBER_GET_C_IS_ADMIN) != 0;
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
org_last_admin_check(struct db *d, int64_t org_id, int64_t uid)
{
	struct db_q *q;
	int64_t others = 0;
	enum ws_err rc;
	int admin;

	if ((rc = org_member_is_admin(d, org_id, uid, &admin)) != WS_OK)
		return rc;
	if (!admin)
		return WS_OK;
	q = db_start(d, ST_MEMBER_OTHER_ADMINS);
	db_bind_int(q, 1, org_id);
	db_bind_int(q, 2, uid);
	if ((rc = db_step(q)) == WS_OK)
		others = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc;
	return others > 0 ? WS_OK : WS_ECONFLICT;
}

enum ws_err
org_lock(struct db *d, int64_t org_id)
{
	struct db_q *q = db_start(d, ST_ORG_LOCK);
	enum ws_err rc;

	db_bind_int(q, 1, org_id);
	rc = db_step(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
org_member_remove(struct db *d, int64_t org_id, int64_t uid, int even_last)
{
	struct db_q *q;
	int64_t changed = 0;
	enum ws_err rc;

	if ((rc = org_lock(d, org_id)) != WS_OK)
		return rc;
	if ((rc = org_last_admin_check(d, org_id, uid)) != WS_OK &&
	    !(rc == WS_ECONFLICT && even_last))
		return rc;
	if ((rc = org_invites_cancel(d, org_id, uid)) != WS_OK)
		return rc;
	q = db_start(d, ST_MEMBER_DELETE);
	db_bind_int(q, 1, org_id);
	db_bind_int(q, 2, uid);
	rc = db_exec(q, &changed);
	db_end(q);
	if (rc == WS_OK && changed != 1)
		rc = WS_ENOTFOUND;
	if (rc != WS_OK)
		return rc;
	q = db_start(d, ST_USER_AFTER_LEAVE);
	db_bind_int(q, 1, org_id);
	db_bind_int(q, 2, now_s());
	db_bind_int(q, 3, uid);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
org_admin_count(struct db *d, int64_t org_id, int64_t *n)
{
	struct db_q *q = db_start(d, ST_MEMBER_ADMIN_COUNT);
	enum ws_err rc;

	*n = 0;
	db_bind_int(q, 1, org_id);
	if ((rc = db_step(q)) == WS_OK)
		*n = db_col_int(q, 0);
	db_end(q);
	return rc;
}

enum ws_err
org_may_manage(struct req *r, int64_t org_id, json_t *org)
{
	int is_admin;

	if (r->user && r->user->role >= ROLE_STAFF)
		return WS_OK;
	(void)org_level_for(r, org_id, &is_admin);
	if (!is_admin)
		return WS_EFORBIDDEN;
	/* A suspended organization's admins keep their view, not their powers. */
	if (strcmp(json_string_value(json_object_get(org, "status")), "approved") != 0)
		return WS_EFORBIDDEN;
	return WS_OK;
}

/* Two arrays with the same members, repeats aside (the forms drop repeats;
 * older rows may hold them). */
int
org_same_set(json_t *a, json_t *b)
{
	size_t i, j;

	if (!json_is_array(a) || !json_is_array(b))
		return 0;
	for (i = 0; i < json_array_size(a); i++) {
		for (j = 0; j < json_array_size(b); j++)
			if (json_equal(json_array_get(a, i), json_array_get(b, j)))
				break;
		if (j == json_array_size(b))
			return 0;
	}
	for (j = 0; j < json_array_size(b); j++) {
		for (i = 0; i < json_array_size(a); i++)
			if (json_equal(json_array_get(a, i), json_array_get(b, j)))
				break;
		if (i == json_array_size(a))
			return 0;
	}
	return 1;
}
