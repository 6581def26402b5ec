/*
 * news.c -- reading the news: the list with its filters (kind, theme),
 * one item at /news/{slug}, its image, the Atom feed of public items, and
 * the home page's highlights and latest news.
 *
 * Who sees what is decided here, once (news_viewer_of, news_visible): a
 * draft exists for staff only; a members' item for members, focal points
 * and staff; for anyone else both are "not found", never "forbidden".  A
 * story's organizations are shown when approved, and only through
 * org_view at the reader's level, so what an organization hid stays hidden.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/events/events.h"
#include "app/news/news_int.h"
#include "app/orgs/orgs.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

const char *const news_kinds[] = { "highlight", "news", "story", NULL };
const char *const news_kind_labels[] = { N_("Highlight"), N_("News"), N_("Story"), NULL };

const struct field news_q_list[] = {
	{ "kind", FT_CHOICE, 0, 0, 0, news_kinds, NULL, N_("Choose a kind from the list.") },
	{ "theme", FT_CHOICE, 0, 0, 0, NULL, theme_known, N_("Choose themes from the list.") },
	APP_Q_PAGE,
	{ "per_page", FT_INT, 0, 1, 100, NULL, NULL, N_("Choose a number from 1 to 100.") },
	FIELDS_END
};

void
news_viewer_of(struct req *r, struct news_viewer *v)
{
	enum role ro = r->user ? r->user->role : ROLE_ANON;

	v->staff = ro >= ROLE_STAFF;
	v->members = ro == ROLE_MEMBER || ro == ROLE_FOCAL || v->staff;
}

const char *
news_kind_label(struct req *r, const char *code)
{
	size_t i;

	for (i = 0; code && news_kinds[i]; i++)
		if (strcmp(news_kinds[i], code) == 0)
			return view_tr(r->app->views, r->locale, news_kind_labels[i]);
	return code ? code : "";
}

/* Whether v may see item n (stored JSON). */
static int
news_visible(const struct news_viewer *v, json_t *n)
{
	const char *status = json_string_value(json_object_get(n, "status"));
	const char *vis = json_string_value(json_object_get(n, "visibility"));

	if (v->staff)
		return 1;
	if (!status || strcmp(status, "published") != 0)
		return 0;
	return v->members || (vis && strcmp(vis, "public") == 0);
}

/* An RFC 3339 time of a stored Unix time, JSON null for none. */
static json_t *
json_time(json_t *t)
{
	char s[40];

	if (!json_integer_value(t))
		return json_null();
	time_rfc3339((time_t)json_integer_value(t), s, sizeof s);
	return json_string(s);
}

/* The organizations item id names that r may see: [{id, name, url}], the
 * approved ones, through their privacy at r's level.  New reference. */
static json_t *
news_orgs_seen(struct req *r, int64_t id)
{
	json_t *ids = NULL, *out = json_array(), *x;
	size_t i;

	if (news_orgs_get(req_db(r), id, &ids) != WS_OK)
		return out;
	json_array_foreach(ids, i, x) {
		int64_t oid = json_integer_value(x);
		json_t *org = NULL, *seen;
		const char *status, *name;

		if (org_load(req_db(r), oid, &org) != WS_OK)
			continue;
		status = json_string_value(json_object_get(org, "status"));
		if (status && strcmp(status, "approved") == 0) {
			seen = org_view(org, org_level_for(r, oid, NULL), r->locale, r->app->views);
			name = json_string_value(json_object_get(seen, "name"));
			if (name)
				json_array_append_new(out, json_pack("{s:I,s:s,s:s}", "id",
				    (json_int_t)oid, "name", name, "url", arena_printf(r->a,
				    "/organizations/%lld", (long long)oid)));
			json_decref(seen);
		}
		json_decref(org);
	}
	json_decref(ids);
	return out;
}

/* Item n (stored JSON) as r sees it; with its body and organizations when
 * full.  New reference. */
static json_t *
news_view(struct req *r, json_t *n, int full)
{
	static const char *const copied[] = { "id", "slug", "kind", "title", "summary",
		"themes", "language", "visibility", "status", "author", NULL };
	const char *const *k;
	const char *slug = json_string_value(json_object_get(n, "slug"));
	json_t *out = json_object(), *t;
	size_t i;

	for (k = copied; *k; k++)
		json_object_set(out, *k, json_object_get(n, *k));
	json_object_set_new(out, "url", json_string(arena_printf(r->a, "/news/%s", slug)));
	json_object_set_new(out, "published_at", json_time(json_object_get(n, "published_at")));
	json_object_set_new(out, "updated_at", json_time(json_object_get(n, "updated_at")));
	json_object_set_new(out, "kind_label", json_string(news_kind_label(r,
	    json_string_value(json_object_get(n, "kind")))));
	if (json_integer_value(json_object_get(n, "image_id")))
		json_object_set_new(out, "image", json_pack("{s:s,s:O}", "url", arena_printf(r->a,
		    "/news/%s/image", slug), "alt", json_object_get(n, "image_alt")));
	else
		json_object_set_new(out, "image", json_null());
	{
		json_t *names = json_array();

		json_array_foreach(json_object_get(n, "themes"), i, t)
			json_array_append_new(names, json_pack("{s:O,s:s}", "code", t, "name",
			    theme_name(json_string_value(t), r->locale)));
		json_object_set_new(out, "theme_names", names);
	}
	if (full) {
		json_object_set(out, "body", json_object_get(n, "body"));
		json_object_set_new(out, "body_html", org_markdown_html(json_string_value(
		    json_object_get(n, "body"))));
		json_object_set_new(out, "organizations", news_orgs_seen(r,
		    json_integer_value(json_object_get(n, "id"))));
	}
	if (!r->api && json_integer_value(json_object_get(n, "published_at"))) {
		json_t *when = events_when(r, "UTC", json_integer_value(json_object_get(n,
		    "published_at")));

		json_object_set_new(out, "published", when);
	}
	return out;
}

/* ---- the list ------------------------------------------------------------ */

/* [{href, label, selected}] of codes (NULL-terminated) for the list's
 * filter name, the other filter kept as other=value.  New reference. */
static json_t *
filter_links(struct req *r, const char *name, const char *const *codes, const char *current,
    const char *other, const char *other_value)
{
	json_t *out = json_array();
	size_t i;

	for (i = 0; codes[i]; i++) {
		const char *label = strcmp(name, "kind") == 0 ? news_kind_label(r, codes[i]) :
		    theme_name(codes[i], r->locale);

		json_array_append_new(out, json_pack("{s:s,s:s,s:b}", "href", arena_printf(r->a,
		    "/news?%s=%s%s%s%s", name, codes[i], *other_value ? "&" : "",
		    *other_value ? other : "", *other_value ? arena_printf(r->a, "=%s",
		    other_value) : ""), "label", label, "selected", strcmp(codes[i], current) == 0));
	}
	return out;
}

enum ws_err
h_news_list(struct req *r, struct resp *w)
{
	const char *kind = req_qstr(r, "kind"), *theme = req_qstr(r, "theme");
	int64_t page = req_qint(r, "page", 1), total = 0;
	int per_page = (int)req_qint(r, "per_page", NEWS_PER_PAGE);
	struct news_viewer v;
	json_t *rows = NULL, *items, *row, *val;
	enum ws_err rc;
	size_t i;

	news_viewer_of(r, &v);
	if ((rc = news_list(req_db(r), "published", v.members, kind, theme, page, per_page,
	    &rows, &total)) != WS_OK)
		return rc;
	items = json_array();
	json_array_foreach(rows, i, row)
		json_array_append_new(items, news_view(r, row, 0));
	json_decref(rows);
	val = app_list_value(items, page, per_page, total);
	json_object_set_new(val, "kind", json_string(kind));
	json_object_set_new(val, "theme", json_string(theme));
	if (!r->api) {
		json_t *sel = json_string(theme), *themes = theme_options(r->locale, sel), *o;
		json_t *tl = json_array();

		json_decref(sel);

		/* the themes as links, each keeping the kind chosen */
		json_array_foreach(themes, i, o) {
			const char *code = json_string_value(json_object_get(o, "value"));

			json_array_append_new(tl, json_pack("{s:s,s:O,s:b}", "href",
			    *kind ? arena_printf(r->a, "/news?theme=%s&kind=%s", code, kind) :
			    arena_printf(r->a, "/news?theme=%s", code), "label",
			    json_object_get(o, "label"), "selected", strcmp(code, theme) == 0));
		}
		json_decref(themes);
		json_object_set_new(val, "kind_links", filter_links(r, "kind", news_kinds, kind,
		    "theme", theme));
		json_object_set_new(val, "theme_links", tl);
		json_object_set_new(val, "any_kind_href", json_string(*theme ?
		    arena_printf(r->a, "/news?theme=%s", theme) : "/news"));
		json_object_set_new(val, "any_theme_href", json_string(*kind ?
		    arena_printf(r->a, "/news?kind=%s", kind) : "/news"));
		json_object_set_new(val, "any_kind", json_boolean(!*kind));
		json_object_set_new(val, "any_theme", json_boolean(!*theme));
		json_object_set_new(val, "query", json_string(arena_printf(r->a,
		    "kind=%s&theme=%s&per_page=%d", kind, theme, per_page)));
		json_object_set_new(val, "is_staff", json_boolean(v.staff));
	}
	resp_value(w, val);
	w->tpl = "news_list";
	w->title = N_("News");
	return WS_OK;
}

/* The item of r's {slug} that r may see; WS_ENOTFOUND otherwise. */
static enum ws_err
item_for(struct req *r, json_t **out)
{
	struct news_viewer v;
	enum ws_err rc;

	news_viewer_of(r, &v);
	if ((rc = news_by_slug(req_db(r), r->params[0], out)) != WS_OK)
		return rc;
	if (!news_visible(&v, *out)) {
		json_decref(*out);
		*out = NULL;
		return WS_ENOTFOUND;
	}
	return WS_OK;
}

enum ws_err
h_news_item(struct req *r, struct resp *w)
{
	struct news_viewer v;
	json_t *n = NULL, *val;
	enum ws_err rc;

	if ((rc = item_for(r, &n)) != WS_OK)
		return rc;
	news_viewer_of(r, &v);
	val = news_view(r, n, 1);
	if (!r->api) {
		json_object_set_new(val, "is_staff", json_boolean(v.staff));
		json_object_set_new(val, "is_draft", json_boolean(strcmp(json_string_value(
		    json_object_get(n, "status")), "draft") == 0));
		json_object_set_new(val, "members_only", json_boolean(strcmp(json_string_value(
		    json_object_get(n, "visibility")), "members") == 0));
		json_object_set(val, "heading", json_object_get(n, "title"));
	}
	json_decref(n);
	resp_value(w, val);
	w->tpl = "news_item";
	w->title = N_("News");
	return WS_OK;
}

enum ws_err
h_news_image(struct req *r, struct resp *w)
{
	json_t *n = NULL;
	int64_t file;
	enum ws_err rc;

	if ((rc = item_for(r, &n)) != WS_OK)
		return rc;
	file = json_integer_value(json_object_get(n, "image_id"));
	json_decref(n);
	if (!file)
		return WS_ENOTFOUND;
	resp_header(w, "Cache-Control", "private, max-age=3600");
	resp_header(w, "Content-Security-Policy", "default-src 'none'; sandbox");
	return app_file_send(r, w, file, "news_image", 0, "image");
}

enum ws_err
h_news_atom(struct req *r, struct resp *w)
{
	const char *base = r->app->cfg.base_url;
	json_t *rows = NULL, *row, *newest = NULL;
	struct buf *b = &w->raw;
	int64_t total;
	enum ws_err rc;
	size_t i;

	/* what a visitor sees: public and published */
	if ((rc = news_list(req_db(r), "published", 0, "", "", 1, NEWS_FEED_MAX, &rows,
	    &total)) != WS_OK)
		return rc;
	json_array_foreach(rows, i, row)
		if (!newest || json_integer_value(json_object_get(row, "updated_at")) >
		    json_integer_value(newest))
			newest = json_object_get(row, "updated_at");
	rc = app_atom_head(b, base, "/news", r->app->cfg.org_name,
	    view_tr(r->app->views, r->locale, N_("News")), newest);
	json_array_foreach(rows, i, row) {
		const char *author = json_string_value(json_object_get(row, "author"));

		if (rc != WS_OK)
			break;
		rc = app_atom_entry(b, base, arena_printf(r->a, "/news/%s",
		    json_string_value(json_object_get(row, "slug"))),
		    json_string_value(json_object_get(row, "title")),
		    json_object_get(row, "published_at"), json_object_get(row, "updated_at"),
		    author ? author : r->app->cfg.org_name,
		    json_string_value(json_object_get(row, "summary")));
	}
	if (rc == WS_OK)
		rc = buf_adds(b, "</feed>\n");
	json_decref(rows);
	if (rc != WS_OK)
		return rc;
	w->ctype = "application/atom+xml; charset=utf-8";
	return WS_OK;
}

json_t *
news_home(struct req *r, int n)
{
	struct news_viewer v;
	json_t *out = json_object(), *rows = NULL, *row, *hl = json_array(), *news = json_array();
	int64_t total;
	size_t i;

	news_viewer_of(r, &v);
	if (news_list(req_db(r), "published", v.members, "highlight", "", 1, 1, &rows,
	    &total) == WS_OK)
		json_array_foreach(rows, i, row)
			json_array_append_new(hl, news_view(r, row, 0));
	json_decref(rows);
	rows = NULL;
	/* the newest items that are not the highlight shown above */
	if (news_list(req_db(r), "published", v.members, "", "", 1, n + 1, &rows,
	    &total) == WS_OK)
		json_array_foreach(rows, i, row) {
			if (json_array_size(news) >= (size_t)n)
				break;
			if (json_array_size(hl) && json_equal(json_object_get(row, "id"),
			    json_object_get(json_array_get(hl, 0), "id")))
				continue;
			json_array_append_new(news, news_view(r, row, 0));
		}
	json_decref(rows);
	json_object_set_new(out, "highlights", hl);
	json_object_set_new(out, "news", news);
	return out;
}
