/*
 * resources.c -- reading the library: the list with its filters and
 * counts, one resource, and its files as downloads.  What a caller may see
 * is the store's to decide (RES_VISIBLE, resources.h); here, what of a
 * resource they are shown: a "members" resource shows its summary to
 * everyone and its files only to members, state focal points and staff;
 * why a file has no text, the review's reason and the creator only to
 * staff and the people who contributed it; the contributing organization
 * is credited unless it is suspended (staff still see it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/directory/regions.h"
#include "app/directory/search.h"
#include "app/orgs/orgs.h"
#include "app/resources/resources_int.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

static const char *const res_sorts[] = { "relevance", "newest", "downloads", NULL };
static const char *const res_statuses[] = { "draft", "submitted", "changes_requested",
	"published", "rejected", NULL };

/* A year a filter may name. */
static int
year_valid(const char *s)
{
	int64_t y;

	return parse_int(s, 1900, 2100, &y) == WS_OK;
}

#define RES_MAX_WANT 20	/* values of one filter */

/* Filters take several values each (kind=guide&kind=toolkit: either). */
const struct field res_q_list[] = {
	{ "q", FT_LINE, 0, 0, SEARCH_MAX_QUERY, NULL, NULL, NULL },
	{ "kind", FT_MULTI, 0, 0, RES_MAX_WANT, res_kinds, NULL,
	    N_("Choose a kind from the list.") },
	{ "theme", FT_MULTI, 0, 0, RES_MAX_WANT, NULL, theme_known,
	    N_("Choose themes from the list.") },
	{ "language", FT_MULTI, 0, 0, RES_MAX_WANT, NULL, language_valid,
	    N_("Choose languages from the list.") },
	{ "region", FT_MULTI, 0, 0, RES_MAX_WANT, NULL, m49_valid,
	    N_("Choose a region from the list.") },
	{ "country", FT_MULTI, 0, 0, RES_MAX_WANT, NULL, country_valid,
	    N_("Choose a country from the list.") },
	{ "year", FT_MULTI, 0, 0, RES_MAX_WANT, NULL, year_valid,
	    N_("Enter a year from 1900 to 2100.") },
	{ "status", FT_CHOICE, 0, 0, 0, res_statuses, NULL, N_("Choose a status from the list.") },
	{ "sort", FT_CHOICE, 0, 0, 0, res_sorts, NULL,
	    N_("Sort by relevance, newest or downloads.") },
	APP_Q_PAGE,
	{ "per_page", FT_INT, 0, 1, 100, NULL, NULL, N_("Choose a number from 1 to 100.") },
	FIELDS_END
};

/* The organizations r's user is one of ([{id, ...}]), asked once per
 * request; an empty array for a visitor.  Borrowed (kept on r's arena's
 * life by the caller's decref). */
static json_t *
my_orgs(struct req *r)
{
	json_t *orgs = NULL;

	if (!r->user || orgs_of_person(req_db(r), r->user->id, &orgs) != WS_OK)
		return json_array();
	return orgs;
}

/* Whether r's user contributed resource res, when a member did: one of
 * the people of its organization now, or the expert who submitted it in
 * their own name. */
static int
contributor(struct req *r, json_t *res, json_t *orgs)
{
	int64_t org = json_integer_value(json_object_get(res, "organization_id"));
	json_t *o;
	size_t i;

	if (!r->user || strcmp(json_string_value(json_object_get(res, "source")), "member") != 0)
		return 0;
	if (!org)
		return json_integer_value(json_object_get(res, "created_by")) == r->user->id;
	json_array_foreach(orgs, i, o)
		if (json_integer_value(json_object_get(o, "id")) == org)
			return 1;
	return 0;
}

/* An RFC 3339 time, JSON null for 0. */
static json_t *
json_time(json_t *t)
{
	char s[40];

	if (!json_integer_value(t))
		return json_null();
	time_rfc3339((time_t)json_integer_value(t), s, sizeof s);
	return json_string(s);
}

/* Resource res (stored JSON) with its files as the caller sees it.  New
 * reference. */
static json_t *
res_view(struct req *r, const struct res_viewer *v, json_t *res, json_t *files, json_t *orgs)
{
	int own = v->staff || contributor(r, res, orgs);
	int64_t id = json_integer_value(json_object_get(res, "id"));
	const char *vis = json_string_value(json_object_get(res, "visibility"));
	int can = own || v->files || strcmp(vis, "members") != 0;
	static const char *const copied[] = { "id", "title", "summary", "kind", "languages",
		"themes", "countries", "regions", "year", "authors", "publisher", "visibility",
		"status", "downloads", "link", NULL };
	const char *const *k;
	json_t *out = json_object(), *fs = json_array(), *f;
	const char *org_status = json_string_value(json_object_get(res, "org_status"));
	size_t i;

	for (k = copied; *k; k++)
		json_object_set(out, *k, json_object_get(res, *k));
	json_object_set_new(out, "created_at", json_time(json_object_get(res, "created_at")));
	json_object_set_new(out, "updated_at", json_time(json_object_get(res, "updated_at")));
	json_object_set_new(out, "published_at", json_time(json_object_get(res,
	    "published_at")));
	/* a suspended organization is credited to staff only */
	if (org_status && (v->staff || strcmp(org_status, "approved") == 0)) {
		json_object_set(out, "organization_id", json_object_get(res, "organization_id"));
		json_object_set_new(out, "organization", json_pack("{s:O,s:O}", "id",
		    json_object_get(res, "organization_id"), "name",
		    json_object_get(res, "org_name")));
	} else {
		json_object_set_new(out, "organization_id", json_null());
	}
	if (own) {
		json_object_set(out, "reason", json_object_get(res, "reason"));
		json_object_set_new(out, "can_edit", json_boolean(1));
	}
	if (v->staff) {
		json_object_set(out, "source", json_object_get(res, "source"));
		json_object_set(out, "created_by", json_object_get(res, "created_by"));
	}
	json_array_foreach(files, i, f) {
		json_t *x = json_pack("{s:O,s:O,s:O,s:O,s:O,s:O}", "n", json_object_get(f, "n"),
		    "name", json_object_get(f, "name"), "language", json_object_get(f, "language"),
		    "type", json_object_get(f, "type"), "size", json_object_get(f, "size"),
		    "sha256", json_object_get(f, "sha256"));

		if (can)
			json_object_set_new(x, "url", json_string(arena_printf(r->a,
			    "/api/v1/resources/%lld/files/%lld", (long long)id,
			    (long long)json_integer_value(json_object_get(f, "n")))));
		if (own)
			json_object_set(x, "text_status", json_object_get(f, "text_status"));
		json_array_append_new(fs, x);
	}
	json_object_set_new(out, "files", fs);
	json_object_set_new(out, "can_download", json_boolean(can));
	if (!can && !r->user)
		json_object_set_new(out, "sign_in_to_download", json_true());
	return out;
}

/* ---- pages ------------------------------------------------------------------ */

/* The name of code in facet (kind, theme, language, region, country, year)
 * in r's language. */
static const char *
facet_label(struct req *r, const char *facet, const char *code)
{
	size_t i;

	if (strcmp(facet, "kind") == 0) {
		for (i = 0; res_kinds[i]; i++)
			if (strcmp(res_kinds[i], code) == 0)
				return view_tr(r->app->views, r->locale, res_kind_labels[i]);
		return code;
	}
	if (strcmp(facet, "theme") == 0)
		return theme_name(code, r->locale);
	if (strcmp(facet, "language") == 0)
		return language_name(code, r->locale);
	if (strcmp(facet, "country") == 0)
		return country_name(code, r->locale);
	if (strcmp(facet, "region") == 0)
		return m49_name(code, r->locale) ? m49_name(code, r->locale) : code;
	return code;
}

/* [{name}] of the codes in array a of facet.  New reference. */
static json_t *
names_of(struct req *r, const char *facet, json_t *a)
{
	json_t *out = json_array(), *x;
	size_t i;

	json_array_foreach(a, i, x)
		if (json_is_string(x))
			json_array_append_new(out, json_pack("{s:s}", "name",
			    facet_label(r, facet, json_string_value(x))));
	return out;
}

/* What a page shows of item (a resource as res_view made it) besides its
 * JSON: names of its codes, its summary as HTML, its files' sizes and
 * languages. */
static void
page_item(struct req *r, json_t *item)
{
	json_t *f;
	size_t i;

	json_object_set_new(item, "kind_label", json_string(facet_label(r, "kind",
	    json_string_value(json_object_get(item, "kind")))));
	json_object_set_new(item, "theme_list", names_of(r, "theme",
	    json_object_get(item, "themes")));
	json_object_set_new(item, "language_list", names_of(r, "language",
	    json_object_get(item, "languages")));
	json_object_set_new(item, "country_list", names_of(r, "country",
	    json_object_get(item, "countries")));
	json_object_set_new(item, "region_list", names_of(r, "region",
	    json_object_get(item, "regions")));
	json_object_set_new(item, "summary_html", org_markdown_html(json_string_value(
	    json_object_get(item, "summary"))));
	json_array_foreach(json_object_get(item, "files"), i, f) {
		const char *lang = json_string_value(json_object_get(f, "language"));

		json_object_set_new(f, "kb", json_integer((json_integer_value(json_object_get(f,
		    "size")) + 1023) / 1024));
		if (lang)
			json_object_set_new(f, "language_name", json_string(language_name(lang,
			    r->locale)));
	}
}

/* The filters of the list page: [{param, label, options: [{value, label,
 * count, selected}]}] from the facets' counts. */
static json_t *
page_filters(struct req *r, json_t *facets)
{
	static const char *const params[] = { "kind", "theme", "language", "region", "country",
		"year", NULL };
	static const char *const titles[] = { N_("Kind"), N_("Thematic areas"), N_("Language"),
		N_("Region"), N_("Country"), N_("Year"), NULL };
	json_t *out = json_array();
	size_t i;

	for (i = 0; params[i]; i++) {
		json_t *opts = json_array(), *n;
		const char *k;
		json_t *want = json_object_get(r->query, params[i]);

		json_object_foreach(json_object_get(facets, params[i]), k, n) {
			json_t *x;
			size_t j;
			int sel = 0;

			json_array_foreach(want, j, x)
				sel |= json_is_string(x) && strcmp(json_string_value(x), k) == 0;
			json_array_append_new(opts, json_pack("{s:s,s:s,s:s,s:O,s:b}", "param",
			    params[i], "value", k, "label", facet_label(r, params[i], k), "count", n,
			    "selected", sel));
		}
		json_array_append_new(out, json_pack("{s:s,s:s,s:o,s:b}", "param", params[i],
		    "label", view_tr(r->app->views, r->locale, titles[i]), "options", opts,
		    "any", !json_array_size(want)));
	}
	return out;
}

/* The list's query without its page, for the pager's links. */
static const char *
page_query(struct req *r)
{
	static const char *const params[] = { "q", "kind", "theme", "language", "region",
		"country", "year", "status", "sort", NULL };
	const char *out = "";
	size_t i, j;

	for (i = 0; params[i]; i++) {
		json_t *v = json_object_get(r->query, params[i]), *x;

		if (json_is_string(v) && *json_string_value(v))
			out = arena_printf(r->a, "%s%s%s=%s", out, *out ? "&" : "", params[i],
			    arena_urlencode(r->a, json_string_value(v), ""));
		json_array_foreach(v, j, x)	/* a filter's several values */
			if (json_is_string(x))
				out = arena_printf(r->a, "%s%s%s=%s", out, *out ? "&" : "", params[i],
				    arena_urlencode(r->a, json_string_value(x), ""));
	}
	/* a page size chosen in the URL holds on the next page too */
	if (req_qint(r, "per_page", 0))
		out = arena_printf(r->a, "%s%sper_page=%lld", out, *out ? "&" : "",
		    (long long)req_qint(r, "per_page", 0));
	return out;
}

/* ---- the list ------------------------------------------------------------ */

#define RES_EXCERPT_MAX 240	/* bytes of a result's excerpt */

/* s with each run of white space (newlines, tabs, a PDF's form feeds) as
 * one space, in a. */
static char *
one_line(struct arena *a, const char *s)
{
	char *out = arena_strdup(a, s ? s : ""), *w = out;
	const char *p;
	int space = 0;

	for (p = out; *p; p++) {
		if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == '\f') {
			space = w > out;
			continue;
		}
		if (space)
			*w++ = ' ';
		space = 0;
		*w++ = *p;
	}
	*w = '\0';
	return out;
}

/* Whether marks (search_marks) mark something. */
static int
marked(json_t *marks)
{
	json_t *p;
	size_t i;

	json_array_foreach(marks, i, p)
		if (json_is_true(json_object_get(p, "m")))
			return 1;
	return 0;
}

/* Sets item's excerpt and excerpt_marks to the passage of src around the
 * first match of t: 1, or 0 when src has none. */
static int
excerpt_of(struct req *r, json_t *item, const char *src, const struct search_terms *t)
{
	json_t *marks;
	char *ex;

	if (!src || !*src)
		return 0;
	ex = search_excerpt(r->a, one_line(r->a, src), t, RES_EXCERPT_MAX);
	marks = search_marks(ex, t);
	if (!marked(marks)) {
		json_decref(marks);
		return 0;
	}
	json_object_set_new(item, "excerpt", json_string(ex));
	json_object_set_new(item, "excerpt_marks", marks);
	return 1;
}

/* Adds to item what matched t: title_marks, and the excerpt of the first
 * passage with a match (summary, authors, then the files' text when the
 * caller may download them) with its excerpt_marks.  The files' text is
 * read only when summary and authors have no match. */
static enum ws_err
add_matches(struct req *r, json_t *item, json_t *row, const struct search_terms *t)
{
	json_t *heads = NULL, *x;
	enum ws_err rc;
	struct buf authors;
	size_t i;
	int found;

	json_object_set_new(item, "title_marks", search_marks(json_string_value(
	    json_object_get(row, "title")), t));
	/* the summary as it reads, not its Markdown marks */
	found = excerpt_of(r, item, res_plain(r->a, json_string_value(json_object_get(row,
	    "summary"))), t);
	if (!found) {
		buf_init(&authors, 16 * 1024);
		json_array_foreach(json_object_get(row, "authors"), i, x)
			if (buf_printf(&authors, "%s%s", authors.len ? ", " : "",
			    json_string_value(x)) != WS_OK)
				break;
		found = authors.len && excerpt_of(r, item, buf_str(&authors), t);
		buf_free(&authors);
	}
	/* the files' words only to who may download them */
	if (found || !json_is_true(json_object_get(item, "can_download")))
		return WS_OK;
	if ((rc = res_text_heads(req_db(r), json_integer_value(json_object_get(row, "id")),
	    &heads)) != WS_OK)
		return rc;
	json_array_foreach(heads, i, x)
		if (i < 16 && excerpt_of(r, item, json_string_value(x), t))
			break;
	json_decref(heads);
	return WS_OK;
}

/* The values of filter name in r's query (its FT_MULTI array), as a
 * NULL-terminated list (NULL for none) and as JSON text for the database
 * ("" for none), both in r's arena. */
static const char *const *
wanted(struct req *r, const char *name, const char **json)
{
	json_t *v = json_object_get(r->query, name), *x;
	const char **out;
	size_t i, n = 0;
	char *s;

	*json = "";
	if (!json_array_size(v))
		return NULL;
	out = arena_alloc(r->a, (json_array_size(v) + 1) * sizeof *out);
	json_array_foreach(v, i, x)
		if (json_is_string(x))
			out[n++] = json_string_value(x);
	out[n] = NULL;
	if ((s = json_dumps(v, JSON_COMPACT))) {
		*json = arena_strdup(r->a, s);
		free(s);
	}
	return n ? out : NULL;
}

/* Whether the index's vocabulary matches the words of t exactly as the
 * database does (index.c): ASCII words, and at most one CJK word (a
 * substring), whose bit is set in *substr. */
static int
vocabulary_can(const struct search_terms *t, unsigned *substr)
{
	struct search_terms ascii;
	size_t i;
	int cjk = 0;

	memset(&ascii, 0, sizeof ascii);
	*substr = 0;
	for (i = 0; i < t->n; i++) {
		if (t->cjk[i]) {
			cjk++;
			*substr |= 1u << i;
		} else {
			memcpy(ascii.term[ascii.n++], t->term[i], sizeof ascii.term[0]);
		}
	}
	return cjk <= 1 && (!ascii.n || search_in_index(&ascii));
}

/* Whether the list is to be answered by the database rather than the
 * index: in test builds, a request may ask for either (X-Test-Library:
 * sql or memory), so that tests compare the two. */
static int
force_sql(struct req *r)
{
#ifdef WHATSON_TEST_HOOKS
	const char *h = req_header(r, "X-Test-Library");

	return h && strcmp(h, "sql") == 0;
#else
	(void)r;
	return 0;
#endif
}

enum ws_err
h_resources(struct req *r, struct resp *w)
{
	static const struct { const char *param; int facet; int term; } filters[] = {
		{ "kind", DF_KIND, -1 }, { "year", DF_YEAR, -1 }, { "theme", DF_THEME, RT_THEME },
		{ "language", DF_LANGUAGE, RT_LANGUAGE }, { "country", DF_COUNTRY, RT_COUNTRY },
		{ "region", DF_REGION, RT_REGION },
	};
	static const char *const facets[] = { "kind", "theme", "language", "region", "country",
		"year", NULL };
	const char *q = req_qstr(r, "q"), *sort = req_qstr(r, "sort"), *title_q;
	int64_t page = req_qint(r, "page", 1), total = 0;
	int per_page = (int)req_qint(r, "per_page", APP_PER_PAGE);
	struct res_viewer v;
	struct res_filter f;
	struct res_index_query iq;
	struct search_terms terms;
	json_t *rows = NULL, *files = NULL, *items, *fc = NULL, *val, *orgs, *row, *item;
	const char *const *k;
	enum ws_err rc;
	size_t i;
	int memory;

	res_viewer_of(r, &v);
	memset(&f, 0, sizeof f);
	memset(&iq, 0, sizeof iq);
	memset(&terms, 0, sizeof terms);
	f.status = req_qstr(r, "status");
	for (i = 0; i < sizeof filters / sizeof filters[0]; i++) {
		const char *json;

		iq.want[filters[i].facet] = wanted(r, filters[i].param, &json);
		if (filters[i].facet == DF_KIND)
			f.kind = json;
		else if (filters[i].facet == DF_YEAR)
			f.year = json;
		else
			f.term[filters[i].term] = json;
	}
	if (res_query(r->a, req_db(r), q, &f.fts, &f.meta, &f.like, &title_q) != WS_OK) {
		w->errors = json_pack("{s:s}", "q", view_tr(r->app->views, r->locale,
		    N_("The search is too long or not text.")));
		w->detail = N_("Some filters are not valid.");
		return WS_EINVAL;
	}
	if (!*sort)
		sort = *q ? "relevance" : "newest";
	if (*q && search_parse(q, &terms) != WS_OK)
		terms.n = 0;
	orgs = my_orgs(r);
	/* The index when it can answer exactly as the database would. */
	memory = !force_sql(r) && res_index_usable(r->app, &v, orgs);
	if (memory) {
		int64_t *match = NULL, *meta = NULL, *title = NULL;

		res_index_catch_up(r->app, req_db(r));
		iq.viewer = &v;
		iq.status = f.status;
		iq.terms = &terms;
		iq.sort = sort;
		iq.page = page;
		iq.per_page = per_page;
		/* words the vocabulary cannot match: the database finds them */
		iq.text = terms.n && !vocabulary_can(&terms, &iq.substr);
		rc = WS_OK;
		if (iq.text && (rc = res_match_ids(req_db(r), &f, &match, &iq.nmatch, &meta,
		    &iq.nmatch_meta)) == WS_OK && strcmp(sort, "relevance") == 0)
			rc = res_title_ids(req_db(r), title_q, &title, &iq.ntitle);
		iq.match = match;
		iq.match_meta = meta;
		iq.title = title;
		if (rc == WS_OK)
			rc = res_index_list(r->app, &iq, &rows, &files, &total, &fc);
		free(match);
		free(meta);
		free(title);
	} else {
		rc = res_list(req_db(r), &v, &f, sort, title_q, page, per_page, &rows, &total);
	}
#ifdef WHATSON_TEST_HOOKS
	resp_header(w, "X-Test-Library", memory ? "memory" : "sql");
#endif
	if (rc != WS_OK) {
		json_decref(orgs);
		goto out;
	}
	items = json_array();
	json_array_foreach(rows, i, row) {
		json_t *fs = NULL;

		if (memory)
			fs = json_incref(json_array_get(files, i));
		else if ((rc = res_files(req_db(r), json_integer_value(json_object_get(row, "id")),
		    &fs)) != WS_OK)
			break;
		item = res_view(r, &v, row, fs, orgs);
		json_decref(fs);
		json_array_append_new(items, item);
		if (terms.n && (rc = add_matches(r, item, row, &terms)) != WS_OK)
			break;
	}
	json_decref(orgs);
	if (rc != WS_OK) {
		json_decref(items);
		goto out;
	}
	val = app_list_value(items, page, per_page, total);
	if (!memory) {
		fc = json_object();
		for (k = facets; *k && rc == WS_OK; k++) {
			json_t *counts;

			if ((rc = res_facet(req_db(r), &v, &f, *k, &counts)) == WS_OK)
				json_object_set_new(fc, *k, counts);
			else
				json_decref(counts);
		}
		if (rc != WS_OK) {
			json_decref(val);
			goto out;
		}
	}
	json_object_set(val, "facets", fc);
	if (!r->api) {
		json_array_foreach(json_object_get(val, "items"), i, item)
			page_item(r, item);
		json_object_set_new(val, "filters", page_filters(r, fc));
		json_object_set_new(val, "q", json_string(q));
		json_object_set_new(val, "query", json_string(page_query(r)));
		json_object_set_new(val, "searching", json_boolean(*q != '\0'));
		json_object_set_new(val, "sort_newest", json_boolean(strcmp(sort, "newest") == 0));
		json_object_set_new(val, "sort_downloads", json_boolean(strcmp(sort,
		    "downloads") == 0));
		json_object_set_new(val, "sort_relevance", json_boolean(strcmp(sort,
		    "relevance") == 0));
		json_object_set_new(val, "can_add", json_boolean(r->user && (r->user->role ==
		    ROLE_MEMBER || r->user->role >= ROLE_STAFF)));
	}
	resp_value(w, val);
	w->tpl = "resource_list";
	w->title = N_("Library");
out:
	json_decref(fc);
	json_decref(rows);
	json_decref(files);
	return rc;
}

/* ---- one resource -------------------------------------------------------- */

/* The resource of r's {id} that r's caller may see (WS_ENOTFOUND
 * otherwise), stored JSON, a new reference. */
static enum ws_err
load_param(struct req *r, const struct res_viewer *v, int64_t *id, json_t **res)
{
	if (parse_int(r->params[0], 1, INT64_MAX, id) != WS_OK)
		return WS_ENOTFOUND;
	return res_get(req_db(r), v, *id, res);
}

enum ws_err
h_resource(struct req *r, struct resp *w)
{
	struct res_viewer v;
	json_t *res, *files, *orgs;
	int64_t id;
	enum ws_err rc;

	res_viewer_of(r, &v);
	if ((rc = load_param(r, &v, &id, &res)) != WS_OK)
		return rc;
	if ((rc = res_files(req_db(r), id, &files)) == WS_OK) {
		json_t *item;

		orgs = my_orgs(r);
		item = res_view(r, &v, res, files, orgs);
		w->title = N_("Resource");
		if (!r->api) {	/* the page's "title" is the layout's */
			page_item(r, item);
			res_page_owner(r, res, item);
			json_object_set(item, "heading", json_object_get(item, "title"));
			w->title = arena_strdup(r->a, json_string_value(json_object_get(item,
			    "title")));
		}
		resp_value(w, item);
		json_decref(orgs);
		json_decref(files);
		w->tpl = "resource";
	}
	json_decref(res);
	return rc;
}

/* Types a browser may show in place; anything else is an attachment. */
static int
inline_type(const char *type)
{
	return strcmp(type, "application/pdf") == 0 || strcmp(type, "image/png") == 0 ||
	    strcmp(type, "image/jpeg") == 0 || strcmp(type, "text/plain") == 0;
}

enum ws_err
h_resource_file(struct req *r, struct resp *w)
{
	struct res_viewer v;
	json_t *res, *orgs;
	int64_t id, n, file_id;
	const char *name, *type, *range;
	enum ws_err rc;
	int can;

	res_viewer_of(r, &v);
	if ((rc = load_param(r, &v, &id, &res)) != WS_OK)
		return rc;
	orgs = my_orgs(r);
	can = v.staff || v.files || contributor(r, res, orgs) ||
	    strcmp(json_string_value(json_object_get(res, "visibility")), "members") != 0;
	json_decref(orgs);
	json_decref(res);
	if (!can) {
		w->detail = r->user ? N_("This file is for members of the hub.") :
		    N_("Sign in to download this file: it is for members of the hub.");
		return r->user ? WS_EFORBIDDEN : WS_EUNAUTH;
	}
	if (parse_int(r->params[1], 1, 10000, &n) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = res_file_get(req_db(r), r->a, id, n, &file_id, &name, &type)) != WS_OK)
		return rc;
	resp_header(w, "Content-Security-Policy", "default-src 'none'; sandbox");
	if ((rc = app_file_send(r, w, file_id, "resource", !inline_type(type), name)) != WS_OK)
		return rc;
	/* one download per reader: not a HEAD, a 304, nor the later pieces
	 * of a download in ranges */
	range = req_header(r, "Range");
	if (r->method == HM_GET && (w->status == 0 || w->status == 200 ||
	    (w->status == 206 && range && strncmp(range, "bytes=0-", 8) == 0))) {
		if (res_download(req_db(r), id) != WS_OK)
			log_warn("resources: download of %lld not counted", (long long)id);
		else	/* the list sorts by downloads */
			res_index_refresh(r->app, req_db(r), id);
	}
	return WS_OK;
}

/* ---- the home page's block ----------------------------------------------------- */

json_t *
res_newest(struct req *r, int n)
{
	struct res_viewer v;
	struct res_filter f;
	json_t *rows = NULL, *row, *out = json_array();
	int64_t total;
	size_t i;

	res_viewer_of(r, &v);
	memset(&f, 0, sizeof f);
	f.status = "published";
	if (res_list(req_db(r), &v, &f, "newest", "", 1, n, &rows, &total) != WS_OK) {
		json_decref(rows);
		return out;
	}
	json_array_foreach(rows, i, row)
		json_array_append_new(out, json_pack("{s:O,s:O,s:O,s:s}", "id",
		    json_object_get(row, "id"), "title", json_object_get(row, "title"), "kind",
		    json_object_get(row, "kind"), "kind_label", facet_label(r, "kind",
		    json_string_value(json_object_get(row, "kind")))));
	json_decref(rows);
	return out;
}

/* ---- the feed -------------------------------------------------------------- */

#define RES_FEED_MAX 50	/* newest public resources in the feed */

enum ws_err
h_resources_atom(struct req *r, struct resp *w)
{
	struct res_viewer v;
	struct res_filter f;
	const char *base = r->app->cfg.base_url;
	json_t *rows = NULL, *row, *newest = NULL;
	struct buf *b = &w->raw;
	int64_t total;
	enum ws_err rc;
	size_t i;

	memset(&v, 0, sizeof v);	/* what a visitor sees */
	memset(&f, 0, sizeof f);
	f.status = "published";
	if ((rc = res_list(req_db(r), &v, &f, "newest", "", 1, RES_FEED_MAX, &rows,
	    &total)) != WS_OK)
		return rc;
	json_array_foreach(rows, i, row)
		if (!newest || json_integer_value(json_object_get(row, "updated_at")) >
		    json_integer_value(newest))
			newest = json_object_get(row, "updated_at");
	rc = app_atom_head(b, base, "/resources", r->app->cfg.org_name,
	    view_tr(r->app->views, r->locale, N_("Library")), newest);
	json_array_foreach(rows, i, row) {
		const char *org = json_string_value(json_object_get(row, "org_name"));

		/* the feed is for everyone: public resources only */
		if (rc != WS_OK || strcmp(json_string_value(json_object_get(row, "visibility")),
		    "public") != 0)
			continue;
		rc = app_atom_entry(b, base, arena_printf(r->a, "/resources/%lld",
		    (long long)json_integer_value(json_object_get(row, "id"))),
		    json_string_value(json_object_get(row, "title")),
		    json_object_get(row, "published_at"), json_object_get(row, "updated_at"),
		    org && strcmp(json_string_value(json_object_get(row, "org_status")),
		    "approved") == 0 ? org : r->app->cfg.org_name,
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

int
resources_may_see(struct req *r, int64_t id)
{
	struct res_viewer v;
	json_t *res = NULL;
	int yes;

	res_viewer_of(r, &v);
	yes = res_get(req_db(r), &v, id, &res) == WS_OK;
	json_decref(res);
	return yes;
}
