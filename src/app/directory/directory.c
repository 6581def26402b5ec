/*
 * directory.c -- the directory page and API over the index.
 *
 * GET /organizations?q=words&country=KE&country=UG&kind=ngo&theme=corruption&
 *     language=fr&ecosoc=special&year=2025&status=approved&
 *     sort=relevance|name|newest&page=&per_page=
 * Several values of one filter combine with OR, filters with AND; each
 * facet's counts apply every other filter and the search.  Unknown codes are
 * a 422.  Members see approved organizations; staff may filter on status too.
 * The search (search.h) is one more filter; with it, results are best first
 * unless another sort is asked for, and the words are marked in them.
 *
 * Everything follows the viewer's level (org_viewer_level(): staff all,
 * members up to "nongovernmental", state focal points up to "members"): a
 * field hidden from them is neither shown in an item, nor matched by a
 * filter or the search, nor counted, and cached answers are kept per level.
 */
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/directory/cache.h"
#include "app/directory/directory.h"
#include "app/directory/index.h"
#include "app/directory/listed.h"
#include "app/directory/regions.h"
#include "app/directory/search.h"
#include "app/orgs/orgs.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

#define MAX_WANT 32
#define DIR_ITEMS_MAX (16 << 20)	/* bytes of one answer's items */
#define DIR_OVERLAP 5	/* seconds; see directory_catch_up() */

static int
ecosoc_valid(const char *v)
{
	const char *const *e;

	for (e = org_ecosoc; *e; e++)
		if (strcmp(*e, v) == 0)
			return 1;
	return 0;
}

static int
year_valid(const char *v)
{
	int64_t y;

	return strlen(v) == 4 && parse_int(v, 1900, 2999, &y) == 0;
}

static int
status_valid(const char *v)
{
	return strcmp(v, "approved") == 0 || strcmp(v, "pending") == 0 ||
	    strcmp(v, "suspended") == 0 || strcmp(v, "rejected") == 0;
}

/* The query parameter of each facet, and what is a valid value. */
static const struct {
	const char *param;
	int (*valid)(const char *);
} facets[] = {
	[DF_COUNTRY] = {"country", country_valid},
	[DF_REGION] = {"region", m49_valid},
	[DF_KIND] = {"kind", kind_valid},
	[DF_THEME] = {"theme", theme_known},	/* retired: records still have it */
	[DF_LANGUAGE] = {"language", language_valid},
	[DF_ECOSOC] = {"ecosoc", ecosoc_valid},
	[DF_YEAR] = {"year", year_valid},
	[DF_STATUS] = {"status", status_valid},
};
_Static_assert(sizeof facets / sizeof facets[0] == DF__MAX, "a parameter per facet");

/* Adds a JSON array of strings to d->values[f]. */
static void
add_values(struct arena *a, struct dir_doc *d, int f, const char *json)
{
	json_error_t err;
	json_t *arr = json_loads(json ? json : "[]", 0, &err), *v;
	size_t i, k = 0;

	json_array_foreach(arr, i, v)
		if (json_is_string(v) && k < DIR_MAX_PER_DOC)
			d->values[f][k++] = arena_strdup(a, json_string_value(v));
	json_decref(arr);
}

_Static_assert(VIS__MAX == DIR_LEVELS, "the index's levels are enum vis");

/* A hash (FNV-1a) of the columns of an index row, so that re-reading an
 * unchanged row costs the index nothing.  Every column is in (the listed
 * form shows them), updated_at too: any change to the organization renews
 * its listed form and is a new generation for cached answers (cache.h). */
static uint64_t
row_sig(struct db_q *q)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	int i;

	for (i = 0; i < ORG_INDEX_C__MAX; i++) {
		const char *t = db_col_text(q, i);

		for (; t && *t; t++)
			h = (h ^ (unsigned char)*t) * 0x100000001b3ULL;
		h = (h ^ 0xff) * 0x100000001b3ULL;	/* column separator */
	}
	return h ? h : 1;
}

static enum ws_err
put_row(struct dir_index *x, struct db_q *q)
{
	struct arena *a = arena_new();
	struct dir_doc d;
	enum ws_err rc;

	json_t *o;

	memset(&d, 0, sizeof d);
	d.sig = row_sig(q);
	d.id = db_col_int(q, ORG_C_ID);
	if (dir_index_same(x, d.id, d.sig)) {	/* read again, unchanged */
		arena_free(a);
		return WS_OK;
	}
	/* What a list item shows, built once here rather than per answer
	 * (none for a row org_load could not read either: listed without). */
	if ((o = org_of_row(q)))
		d.listed = dir_listed_new(o);
	if (!d.listed) {
		json_error_t err;

		log_error("directory: organization %lld cannot be listed", (long long)d.id);
		json_decref(o);
		o = json_pack("{s:o?}", "visibility", json_loads(db_col_text(q, ORG_C_VISIBILITY) ?
		    db_col_text(q, ORG_C_VISIBILITY) : "{}", 0, &err));
	}
	d.name = arena_strdup(a, db_col_text(q, ORG_C_NAME));
	d.created_at = db_col_int(q, ORG_C_CREATED_AT);
	/* Every value is in; who may see it is the field's visibility, for
	 * the query to apply (a region follows its country). */
	{
		const char *cc = db_col_text(q, ORG_C_COUNTRY);
		const char *reg = m49_region(cc), *sub = m49_subregion(cc);
		size_t k = 0;

		d.values[DF_COUNTRY][0] = arena_strdup(a, cc);
		if (reg)
			d.values[DF_REGION][k++] = reg;
		if (sub && (!reg || strcmp(sub, reg) != 0))
			d.values[DF_REGION][k++] = sub;
	}
	d.need[DF_COUNTRY] = d.need[DF_REGION] = (unsigned char)org_field_level(o, "country");
	d.values[DF_KIND][0] = arena_strdup(a, db_col_text(q, ORG_C_KIND));
	d.need[DF_KIND] = (unsigned char)org_field_level(o, "kind");
	add_values(a, &d, DF_THEME, db_col_text(q, ORG_C_THEMES));
	d.need[DF_THEME] = (unsigned char)org_field_level(o, "themes");
	add_values(a, &d, DF_LANGUAGE, db_col_text(q, ORG_C_LANGUAGES));
	d.need[DF_LANGUAGE] = (unsigned char)org_field_level(o, "languages");
	d.values[DF_ECOSOC][0] = arena_strdup(a, db_col_text(q, ORG_C_ECOSOC_STATUS));
	d.need[DF_ECOSOC] = (unsigned char)org_field_level(o, "ecosoc_status");
	d.alt_text = search_gov_differs(o);
	/* The words as the database's full-text index has them. */
	d.text[DT_TITLE] = db_col_text(q, ORG_INDEX_C_SEARCH_TITLE);
	d.text[DT_TEXT] = db_col_text(q, ORG_INDEX_C_SEARCH_TEXT);
	d.text[DT_TITLE_GOV] = db_col_text(q, ORG_INDEX_C_SEARCH_TITLE_GOV);
	d.text[DT_TEXT_GOV] = db_col_text(q, ORG_INDEX_C_SEARCH_TEXT_GOV);
	d.values[DF_STATUS][0] = arena_strdup(a, db_col_text(q, ORG_C_STATUS));
	{	/* the year it became a member (applied, for others) */
		time_t t = (time_t)db_col_int(q, ORG_INDEX_C_JOINED_AT);
		struct tm tm;

		gmtime_r(&t, &tm);
		d.values[DF_YEAR][0] = arena_printf(a, "%04d", tm.tm_year + 1900);
	}
	json_decref(o);
	rc = dir_index_put(x, &d);
	dir_listed_unref(d.listed);	/* the index has its own reference */
	arena_free(a);
	return rc;
}

/*
 * Fills organizations.search_text where it is empty: rows written before
 * text search existed (migration 3).  A few hundred at a time, so that it
 * never holds one long transaction.
 */
static enum ws_err
search_backfill(struct db *d)
{
	int64_t ids[500];
	size_t n, i, total = 0;
	enum ws_err rc;

	do {
		struct db_q *q = db_start(d, ST_ORG_SEARCH_MISSING);

		for (n = 0; n < 500 && (rc = db_step(q)) == WS_OK; n++)
			ids[n] = db_col_int(q, 0);
		db_end(q);
		for (i = 0; i < n; i++) {
			struct arena *a = arena_new();
			json_t *org;

			if ((rc = org_load(d, ids[i], &org)) == WS_OK) {
				q = db_start(d, ST_ORG_SET_SEARCH);
				search_bind(a, q, 1, org);
				db_bind_int(q, 5, now_s());	/* other nodes read it */
				db_bind_int(q, 6, ids[i]);
				rc = db_exec(q, NULL);
				db_end(q);
				json_decref(org);
			}
			arena_free(a);
			if (rc != WS_OK && rc != WS_ENOTFOUND)
				return rc;
		}
		total += n;
	} while (n == 500);
	if (total)
		log_info("directory: search text written for %zu organizations", total);
	return WS_OK;
}

enum ws_err
directory_load(struct app *app, struct db *d)
{
	struct dir_index *x;
	struct db_q *q;
	enum ws_err rc;
	size_t n = 0;

	if ((rc = search_backfill(d)) != WS_OK)
		return rc;
	q = db_start(d, ST_ORG_REMOVED_LAST);	/* deletions before now are moot */
	if (db_step(q) == WS_OK)
		app->dir_removed = db_col_int(q, 0);
	db_end(q);
	x = dir_index_new();
	q = db_start(d, ST_ORG_INDEX_ALL);

	while ((rc = db_step(q)) == WS_OK && (rc = put_row(x, q)) == WS_OK) {
		if (db_col_int(q, ORG_C_UPDATED_AT) > app->dir_mark)
			app->dir_mark = db_col_int(q, ORG_C_UPDATED_AT);
		n++;
	}
	db_end(q);
	if (rc != WS_EDONE) {
		dir_index_free(x);
		return rc == WS_OK ? WS_EDB : rc;
	}
	app->dir = x;
	/* --dir-cache 0: no answer kept, each built from the index */
	app->dir_cache = app->cfg.dir_cache > 0 ? dir_cache_new(app->cfg.dir_cache) : NULL;
	pthread_mutex_init(&app->dir_mu, NULL);
	app->dir_checked = now_s();
	log_info("directory: %zu organizations indexed", n);
	return WS_OK;
}

void
directory_refresh(struct app *app, struct db *d, int64_t id)
{
	struct db_q *q;

	if (!app->dir)
		return;
	q = db_start(d, ST_ORG_INDEX_ONE);
	db_bind_int(q, 1, id);
	if (db_step(q) == WS_OK) {
		if (put_row(app->dir, q) != WS_OK)
			log_error("directory: cannot index organization %lld", (long long)id);
	} else {
		dir_index_remove(app->dir, id);
	}
	db_end(q);
	/* Two writes within a second look the same to the index (updated_at
	 * counts seconds), but cached answers must go. */
	dir_index_touch(app->dir);
}

/*
 * With several nodes, the others write too: at most once a second, re-read
 * what changed since the newest change the index has seen, and drop what was
 * deleted (a trigger logs deletions in org_removed).  Two indexed queries a
 * second.  updated_at counts seconds of each writer's clock and a row is seen
 * when its transaction commits, so for DIR_OVERLAP seconds after the newest
 * change the window reaches back that far; rows read again unchanged cost a
 * hash (row_sig).  Nodes' clocks must agree within DIR_OVERLAP seconds (NTP).
 */
void
directory_catch_up(struct app *app, struct db *d)
{
	struct db_q *q;
	int64_t now = now_s();

	pthread_mutex_lock(&app->dir_mu);
	if (now != app->dir_checked) {
		app->dir_checked = now;
		/* Deletions first: SQLite may give a deleted row's id to a new one. */
		q = db_start(d, ST_ORG_REMOVED_SINCE);
		db_bind_int(q, 1, app->dir_removed);
		while (db_step(q) == WS_OK) {
			app->dir_removed = db_col_int(q, ORG_REMOVED_SINCE_C_SEQ);
			dir_index_remove(app->dir, db_col_int(q, ORG_REMOVED_SINCE_C_ORG_ID));
		}
		db_end(q);
		q = db_start(d, ST_ORG_INDEX_SINCE);
		db_bind_int(q, 1, now - app->dir_mark <= DIR_OVERLAP ? app->dir_mark - DIR_OVERLAP :
		    app->dir_mark + 1);
		while (db_step(q) == WS_OK) {
			if (put_row(app->dir, q) != WS_OK)
				log_error("directory: cannot index organization %lld",
				    (long long)db_col_int(q, ORG_C_ID));
			if (db_col_int(q, ORG_C_UPDATED_AT) > app->dir_mark)
				app->dir_mark = db_col_int(q, ORG_C_UPDATED_AT);
		}
		db_end(q);
		/* Theme names another node changed: answers kept hold the old. */
		if (orgs_ref_catch_up(d))
			dir_index_touch(app->dir);
	}
	pthread_mutex_unlock(&app->dir_mu);
}

enum ws_err
directory_theme_changed(struct app *app, struct db *d, const char *code, int renamed)
{
	int64_t *ids = NULL;
	size_t n = 0, cap = 0, i;
	struct db_q *q;
	enum ws_err rc = WS_OK;

	if (renamed) {	/* its names are in the search text of those that have it */
		struct arena *a = arena_new();

		q = db_start(d, ST_ORG_WITH_THEME);
		db_bind_text(q, 1, arena_printf(a, "%%\"%s\"%%", code));
		while ((rc = db_step(q)) == WS_OK) {
			if (n == cap)
				ids = xrealloc(ids, (cap = cap ? 2 * cap : 64) * sizeof *ids);
			ids[n++] = db_col_int(q, 0);
		}
		db_end(q);
		rc = rc == WS_EDONE ? WS_OK : rc;
		for (i = 0; rc == WS_OK && i < n; i++) {
			json_t *org;

			if ((rc = org_load(d, ids[i], &org)) == WS_ENOTFOUND) {
				rc = WS_OK;	/* deleted meanwhile */
				continue;
			}
			if (rc != WS_OK)
				break;
			q = db_start(d, ST_ORG_SET_SEARCH);
			search_bind(a, q, 1, org);
			db_bind_int(q, 5, now_s());
			db_bind_int(q, 6, ids[i]);
			rc = db_exec(q, NULL);
			db_end(q);
			json_decref(org);
			if (rc == WS_OK && app->dir)	/* the index's words too */
				directory_refresh(app, d, ids[i]);
		}
		free(ids);
		arena_free(a);
	}
	if (app->dir)	/* answers kept show names: none is good any more */
		dir_index_touch(app->dir);
	return rc;
}

static const char *const dir_sorts[] = { "relevance", "name", "newest", NULL };

const struct field dir_q_directory[] = {
	{ "sort", FT_CHOICE, 0, 0, 0, dir_sorts, NULL, N_("Sort by relevance, name or newest.") },
	APP_Q_PAGE,
	{ "per_page", FT_INT, 0, 1, 100, NULL, NULL, N_("Choose a number from 1 to 100.") },
	FIELDS_END
};

/* The label of value v of facet f for the reader. */
static const char *
label_of(struct req *r, int f, const char *v)
{
	size_t i;

	switch (f) {
	case DF_COUNTRY: return country_name(v, r->locale);
	case DF_REGION: return m49_name(v, r->locale) ? m49_name(v, r->locale) : v;
	case DF_LANGUAGE: return language_name(v, r->locale);
	case DF_THEME: return theme_name(v, r->locale);
	case DF_KIND: return view_tr(r->app->views, r->locale, kind_name(v));
	case DF_ECOSOC:
		for (i = 0; org_ecosoc[i]; i++)
			if (strcmp(org_ecosoc[i], v) == 0)
				return view_tr(r->app->views, r->locale, org_ecosoc_labels[i]);
		return v;
	default: return v;
	}
}

static int
label_cmp(const void *a, const void *b)
{
	return strcmp(json_string_value(json_object_get(*(json_t *const *)a, "label")),
	    json_string_value(json_object_get(*(json_t *const *)b, "label")));
}

static int
order_cmp(const void *a, const void *b)
{
	json_int_t x = json_integer_value(json_object_get(*(json_t *const *)a, "order"));
	json_int_t y = json_integer_value(json_object_get(*(json_t *const *)b, "order"));

	return x < y ? -1 : x > y;
}

/* Where area i goes in the region filter: its region's place, then itself
 * (a region before its sub-regions). */
static size_t
area_rank(const struct m49_area *ar, size_t n, size_t i)
{
	size_t p;

	if (i >= n)
		return n * n;
	if (ar[i].level == M49_REGION)
		return i * n;
	for (p = 0; p < n && strcmp(ar[p].code, ar[i].parent) != 0; p++)
		;
	return p * n + i;
}

static int
label_cmp_desc(const void *a, const void *b)
{
	return -label_cmp(a, b);
}

/* Appends "name=value" to b, value percent-encoded. */
static enum ws_err
add_param(struct buf *b, const char *name, const char *value)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *p;

	if ((b->len && buf_addc(b, '&')) || buf_adds(b, name) || buf_addc(b, '='))
		return WS_ETOOBIG;
	for (p = value; *p; p++) {
		unsigned char c = (unsigned char)*p;
		enum ws_err rc;

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.')
			rc = buf_addc(b, (char)c);
		else
			rc = buf_printf(b, "%%%c%c", hex[c >> 4], hex[c & 15]);
		if (rc != WS_OK)
			return rc;
	}
	return WS_OK;
}

/* The search, filters and sort of this page as a query string (for the
 * pager's and the CSV's links). */
static const char *
query_string(struct req *r, const char **want[DF__MAX])
{
	const char *sort = req_query(r, "sort"), *text = req_query(r, "q");
	struct buf b;
	size_t k;
	int f;
	char *out;

	buf_init(&b, 16384);
	if (text && *text && add_param(&b, "q", text))
		goto out;
	for (f = 0; f < DF__MAX; f++)
		for (k = 0; want[f][k]; k++)
			if (add_param(&b, facets[f].param, want[f][k]))
				goto out;
	if (sort && *sort && add_param(&b, "sort", sort))
		goto out;
	if (req_query(r, "per_page") && add_param(&b, "per_page", req_query(r, "per_page")))
		goto out;
out:
	out = arena_strdup(r->a, buf_str(&b));
	buf_free(&b);
	return out;
}

/*
 * Reads the directory's query from r: filters, sort, page.  Fills q (and
 * want, the values per facet, for the page).  WS_EINVAL with w->errors set
 * for an unknown code or a bad number.
 */
static enum ws_err
read_query(struct req *r, struct resp *w, struct dir_query *q, const char **want[DF__MAX],
    struct search_terms *terms, int64_t *page, int64_t *per_page)
{
	static const char *const approved_only[] = { "approved", NULL };
	json_t *errors = json_object();
	const char *sort = req_query(r, "sort");
	int staff = r->user && r->user->role >= ROLE_STAFF;
	size_t i;
	int f;

	if (sort && !*sort)
		sort = NULL;	/* the form's "best match": the default */
	*page = 1;
	*per_page = 50;
	memset(q, 0, sizeof *q);
	for (f = 0; f < DF__MAX; f++) {
		const char **vals = arena_alloc(r->a, (MAX_WANT + 1) * sizeof *vals);
		size_t n = req_query_all(r, facets[f].param, vals, MAX_WANT);

		vals[n] = NULL;
		want[f] = vals;
		for (i = 0; i < n; i++) {
			if (!facets[f].valid(vals[i]))
				json_object_set_new(errors, facets[f].param, json_string(arena_printf(
				    r->a, "Unknown %s: %s", facets[f].param, vals[i])));
		}
		q->want[f] = n ? vals : NULL;
	}
	if (!staff) {	/* members see member organizations only */
		if (q->want[DF_STATUS])
			json_object_set_new(errors, "status", json_string(
			    "Only staff can filter on status."));
		q->want[DF_STATUS] = approved_only;
	}
	if (search_parse(req_query(r, "q"), terms) != WS_OK)
		json_object_set_new(errors, "q", json_string(arena_printf(r->a,
		    "Search for at most %d characters of text.", SEARCH_MAX_QUERY)));
	/* sort, page and per_page: checked by the route's declared query */
	*page = req_qint(r, "page", 1);
	*per_page = req_qint(r, "per_page", 50);
	if (json_object_size(errors)) {
		w->errors = errors;
		w->detail = N_("Some filters are not valid.");
		return WS_EINVAL;
	}
	json_decref(errors);
	q->sort = sort && strcmp(sort, "newest") == 0 ? DIR_SORT_NEWEST : sort &&
	    strcmp(sort, "name") == 0 ? DIR_SORT_NAME : terms->n ? DIR_SORT_RELEVANCE :
	    DIR_SORT_NAME;
	q->offset = (size_t)((*page - 1) * *per_page);
	q->limit = (size_t)*per_page;
	q->unknown_empty = 1;	/* a valid code no organization has: no results */
	return WS_OK;
}

/* An answer's place in the cache (cache.h): the API's JSON, or a page's
 * content without the layout. */
struct cached {
	const char *key;
	uint64_t gen;		/* the index's, before the answer was built */
	int hit;		/* the answer is in w already */
};

/*
 * The directory's query from r, run: the search in the database, then the
 * filters and counts in the index.  With cached (API answers), an answer
 * kept from before may come back in w->raw instead (cached->hit).  *res is the page (all of it when all is
 * set) with the counts; free it with dir_result_free().
 */
static enum ws_err
run_query(struct req *r, struct resp *w, int all, const char **want[DF__MAX],
    struct search_terms *terms, struct dir_query *q, struct dir_result *res,
    int64_t *page, int64_t *per_page, struct cached *cached)
{
	int64_t *ids = NULL, *titles = NULL, *ids_alt = NULL, *titles_alt = NULL;
	size_t nids = 0, ntitles = 0, nids_alt = 0, ntitles_alt = 0;
	enum vis level = org_viewer_level(r);
	const char *bad;
	enum ws_err rc;

	if (!r->app->dir)
		return WS_EUNAVAIL;
	if (level < VIS_MEMBERS)
		return WS_EFORBIDDEN;	/* the routes let only members' space in */
	directory_catch_up(r->app, req_db(r));
	if ((rc = read_query(r, w, q, want, terms, page, per_page)) != WS_OK)
		return rc;
	q->level = (int)level;
	q->alt = level < VIS_NONGOV;	/* focal points search their own text */
	if (cached && r->app->dir_cache) {	/* the same question, nothing changed */
		cached->gen = dir_index_generation(r->app->dir);
		/* The viewer's level is in the key: one level's answer is never
		 * served to another. */
		cached->key = arena_printf(r->a, "%s|%s|%s|%s|page=%lld&per_page=%lld",
		    r->api ? "api" : "html", vis_name(level), r->locale,
		    query_string(r, want), (long long)*page, (long long)*per_page);
		cached->hit = dir_cache_get(r->app->dir_cache, cached->key, cached->gen, now_s(),
		    &w->raw);
		if (cached->hit && r->api) {
			w->ctype = "application/json";
		} else if (cached->hit) {	/* the page's content; the layout is per person */
			w->content = arena_strndup(r->a, w->raw.data, w->raw.len);
			buf_reset(&w->raw);
			w->tpl = "org_list";
			w->title = N_("Organizations");
			resp_value(w, json_object());
		}
		if (cached->hit)
			return WS_OK;
	}
	if (all) {
		q->offset = 0;
		q->limit = dir_index_size(r->app->dir) + 1;
	}
	if (terms->n && search_in_index(terms)) {	/* the index's own vocabulary */
		size_t i;

		for (i = 0; i < terms->n && i < DIR_MAX_WORDS; i++)
			q->words[i] = terms->term[i];
		q->nwords = i;
	} else if (terms->n) {	/* what only the database can tell */
		if ((rc = search_ids(req_db(r), terms, 0, &ids, &nids, q->sort ==
		    DIR_SORT_RELEVANCE ? &titles : NULL, &ntitles)) != WS_OK)
			return rc;
		if (q->alt && (rc = search_ids(req_db(r), terms, 1, &ids_alt, &nids_alt,
		    q->sort == DIR_SORT_RELEVANCE ? &titles_alt : NULL, &ntitles_alt)) != WS_OK) {
			free(ids);
			free(titles);
			return rc;
		}
		q->text = 1;
		q->match = ids;
		q->nmatch = nids;
		q->boost = titles;
		q->nboost = ntitles;
		q->match_alt = ids_alt;
		q->nmatch_alt = nids_alt;
		q->boost_alt = titles_alt;
		q->nboost_alt = ntitles_alt;
	}
	rc = dir_index_query(r->app->dir, q, res, &bad);
	free(ids);
	free(titles);
	free(ids_alt);
	free(titles_alt);
	return rc;
}

/* GET /staff/organizations.csv: the directory's current filter as CSV, every
 * organization that matches, every column. */
enum ws_err
h_directory_csv(struct req *r, struct resp *w)
{
	const char **want[DF__MAX];
	struct search_terms terms;
	struct dir_query q;
	struct dir_result res;
	int64_t page, per_page;
	enum ws_err rc;
	size_t i;

	if ((rc = run_query(r, w, 1, want, &terms, &q, &res, &page, &per_page, NULL)) != WS_OK)
		return rc;
	rc = orgs_csv_header(&w->raw);
	for (i = 0; rc == WS_OK && i < res.nids; i++) {
		rc = orgs_csv_row(req_db(r), res.ids[i], &w->raw);
		if (rc == WS_ENOTFOUND)
			rc = WS_OK;	/* removed since */
	}
	dir_result_free(&res);
	if (rc != WS_OK)
		return rc;
	w->ctype = "text/csv; charset=utf-8";
	resp_header(w, "Content-Disposition", "attachment; filename=\"organizations.csv\"");
	resp_header(w, "Cache-Control", "no-store");
	app_audit(r->app, req_db(r), r->user->id, "organizations.exported", r->ip,
	    arena_printf(r->a, "%zu rows", res.nids));
	return WS_OK;
}

/* The title of facet f's filter. */
static const char *
facet_title(int f)
{
	switch (f) {
	case DF_COUNTRY: return N_("Country");
	case DF_REGION: return N_("Region");
	case DF_KIND: return N_("Kind");
	case DF_THEME: return N_("Thematic areas");
	case DF_LANGUAGE: return N_("Working languages");
	case DF_ECOSOC: return N_("ECOSOC status");
	case DF_YEAR: return N_("Year joined");
	default: return N_("Status");
	}
}

/* Facet f's options for the page: every value with its count, by label. */
static json_t *
facet_options(struct req *r, const struct dir_result *res, int f, const char **want,
    json_t *counts)
{
	json_t *opts = json_array(), **sorted = calloc(res->ncounts[f] + 1, sizeof *sorted);
	size_t i, k, n = 0;

	for (i = 0; i < res->ncounts[f]; i++) {
		const char *val = res->counts[f][i].value;
		int selected = 0;

		json_object_set_new(counts, val, json_integer((json_int_t)res->counts[f][i].n));
		for (k = 0; want[k]; k++)
			if (strcmp(want[k], val) == 0)
				selected = 1;
		sorted[n++] = json_pack("{s:s,s:s,s:I,s:b,s:b}", "value", val, "label",
		    label_of(r, f, val), "count", (json_int_t)res->counts[f][i].n,
		    "selected", selected, "disabled", res->counts[f][i].n == 0 && !selected);
		if (f == DF_REGION) {	/* regions, each followed by its sub-regions */
			size_t na, ai;
			const struct m49_area *ar = m49_areas(&na);

			for (ai = 0; ai < na && strcmp(ar[ai].code, val) != 0; ai++)
				;
			json_object_set_new(sorted[n - 1], "order", json_integer((json_int_t)
			    area_rank(ar, na, ai)));
			json_object_set_new(sorted[n - 1], "sub", json_boolean(ai < na &&
			    ar[ai].level == M49_SUBREGION));
		}
	}
	qsort(sorted, n, sizeof *sorted, f == DF_YEAR ? label_cmp_desc : f == DF_REGION ?
	    order_cmp : label_cmp);
	for (i = 0; i < n; i++)
		json_array_append_new(opts, sorted[i]);
	free(sorted);
	return opts;
}

/* The API's answer, written without building it in jansson first (every
 * facet's counts are hundreds of members): {"items":[the items as
 * written],"total","page","per_page",["prev_page",]["next_page",]"facets"},
 * the members in app_list_value()'s order; the status facet for staff only. */
static enum ws_err
api_answer(struct buf *out, const struct buf *items, const struct dir_result *res,
    int64_t page, int64_t per_page, int staff)
{
	enum ws_err rc = buf_adds(out, "{\"items\":[");
	size_t i;
	int f, first = 1;

	if (rc == WS_OK)
		rc = buf_add(out, items->data ? items->data : "", items->len);
	if (rc == WS_OK)
		rc = buf_printf(out, "],\"total\":%zu,\"page\":%lld,\"per_page\":%lld",
		    res->total, (long long)page, (long long)per_page);
	if (rc == WS_OK && page > 1)
		rc = buf_printf(out, ",\"prev_page\":%lld", (long long)page - 1);
	if (rc == WS_OK && page * per_page < (int64_t)res->total)
		rc = buf_printf(out, ",\"next_page\":%lld", (long long)page + 1);
	if (rc == WS_OK)
		rc = buf_adds(out, ",\"facets\":{");
	for (f = 0; rc == WS_OK && f < DF__MAX; f++) {
		if (f == DF_STATUS && !staff)
			continue;
		rc = buf_adds(out, first ? "\"" : ",\"");
		first = 0;
		if (rc == WS_OK)
			rc = buf_adds(out, facets[f].param);
		if (rc == WS_OK)
			rc = buf_adds(out, "\":{");
		for (i = 0; rc == WS_OK && i < res->ncounts[f]; i++) {
			if (i)
				rc = buf_addc(out, ',');
			if (rc == WS_OK)
				rc = buf_json_str(out, res->counts[f][i].value);
			if (rc == WS_OK)
				rc = buf_addc(out, ':');
			if (rc == WS_OK)
				rc = buf_add_int(out, (long long)res->counts[f][i].n);
		}
		if (rc == WS_OK)
			rc = buf_addc(out, '}');
	}
	return rc == WS_OK ? buf_adds(out, "}}") : rc;
}

enum ws_err
h_directory(struct req *r, struct resp *w)
{
	const char **want[DF__MAX];
	struct search_terms terms;
	struct dir_query q;
	struct dir_result res;
	json_t *items, *facet_json, *v, *filters;
	int64_t page, per_page;
	int staff = r->user && r->user->role >= ROLE_STAFF;
	enum vis level = org_viewer_level(r);
	const char *qs, *sort;
	size_t i;
	enum ws_err rc;
	int f, chosen;
	struct cached cached = { NULL, 0, 0 };
	struct dir_marks_memo *memo;
	struct buf listed;

	if ((rc = run_query(r, w, 0, want, &terms, &q, &res, &page, &per_page, &cached)) !=
	    WS_OK || cached.hit)
		return rc;
	/* The items, written from their listed forms (listed.h): the API's
	 * as JSON text, put in the answer below; the page's as values for
	 * its template. */
	buf_init(&listed, DIR_ITEMS_MAX);
	memo = arena_alloc(r->a, sizeof *memo);
	memset(memo, 0, sizeof *memo);
	items = json_array();
	for (i = 0; i < res.nids; i++) {
		size_t at;

		if (!res.items[i])
			continue;	/* a row that could not be read */
		if (listed.len && (rc = buf_addc(&listed, ',')) != WS_OK)
			break;
		at = listed.len;
		if ((rc = dir_listed_write(res.items[i], (int)level, r->locale, r->app->views,
		    terms.n || !r->api ? &terms : NULL, memo, r->a, &listed)) != WS_OK)
			break;
		if (!r->api) {
			json_error_t err;
			json_t *item = json_loadb(listed.data + at, listed.len - at, 0, &err);

			if (!item) {
				rc = WS_EINVAL;
				break;
			}
			json_array_append_new(items, item);
		}
	}
	if (rc != WS_OK) {
		buf_free(&listed);
		json_decref(items);
		dir_result_free(&res);
		return rc;
	}
	if (r->api) {	/* written here: the items spliced in as written */
		rc = api_answer(&w->raw, &listed, &res, page, per_page, staff);
		dir_result_free(&res);
		buf_free(&listed);
		json_decref(items);
		if (rc != WS_OK)
			return rc;
		w->ctype = "application/json";
		if (cached.key)
			dir_cache_put(r->app->dir_cache, cached.key, cached.gen, now_s(),
			    w->raw.data, w->raw.len);
		return WS_OK;
	}
	qs = req_query(r, "q");
	sort = req_query(r, "sort");
	chosen = sort && *sort && strcmp(sort, "relevance") != 0;
	v = app_list_value(items, page, (int)per_page, (int64_t)res.total);
	facet_json = json_object();
	filters = json_array();
	for (f = 0; f < DF__MAX; f++) {
		json_t *counts = json_object(), *opts;

		if (f == DF_STATUS && !staff) {
			json_decref(counts);
			continue;
		}
		json_object_set_new(facet_json, facets[f].param, counts);
		opts = facet_options(r, &res, f, want[f], counts);
		json_array_append_new(filters, json_pack("{s:s,s:s,s:o}", "param", facets[f].param,
		    "label", view_tr(r->app->views, r->locale, facet_title(f)), "options", opts));
	}
	json_object_set_new(v, "facets", facet_json);
	json_object_set_new(v, "filters", filters);
	json_object_set_new(v, "q", json_string(qs && utf8_valid_text(qs, strlen(qs), 0) ?
	    qs : ""));
	/* The form's first choice is the default: best match with a search,
	 * else name; so a new search is not stuck on "name". */
	json_object_set_new(v, "sort_default", json_boolean(!chosen));
	json_object_set_new(v, "sort_name", json_boolean(chosen && q.sort == DIR_SORT_NAME));
	json_object_set_new(v, "sort_newest", json_boolean(chosen && q.sort == DIR_SORT_NEWEST));
	json_object_set_new(v, "searching", json_boolean(terms.n > 0));
	json_object_set_new(v, "one", json_boolean(res.total == 1));
	json_object_set_new(v, "query", json_string(query_string(r, want)));
	dir_result_free(&res);
	buf_free(&listed);
	resp_value(w, v);
	w->tpl = "org_list";
	w->title = N_("Organizations");
	if (cached.key) {	/* the content rendered here, to be kept */
		struct buf content;

		buf_init(&content, DIR_CACHE_MAX_BODY);
		if (http_page_content(r, w, &content) == WS_OK) {
			w->content = arena_strndup(r->a, content.data ? content.data : "",
			    content.len);
			dir_cache_put(r->app->dir_cache, cached.key, cached.gen, now_s(),
			    w->content, content.len);
		}
		buf_free(&content);
	}
	return WS_OK;
}
