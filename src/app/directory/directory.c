/*
 * directory.c -- the directory page and API over the index.
 *
 * GET /organizations?country=KE&country=UG&kind=ngo&theme=corruption&
 *     language=fr&ecosoc=special&status=approved&sort=name|newest&page=&per_page=
 * Several values of one filter combine with OR, filters with AND; each
 * facet's counts apply every other filter.  Unknown codes are a 422.  Members
 * see approved organizations; staff may filter on status too.
 */
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/directory/directory.h"
#include "app/directory/index.h"
#include "app/orgs/orgs.h"
#include "core/log.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

#define MAX_WANT 32

/* The query parameter of each facet, and what is a valid value. */
static const struct {
	const char *param;
	int (*valid)(const char *);
} facets[] = {
	[DF_COUNTRY] = {"country", country_valid},
	[DF_KIND] = {"kind", kind_valid},
	[DF_THEME] = {"theme", theme_valid},
	[DF_LANGUAGE] = {"language", language_valid},
	[DF_ECOSOC] = {"ecosoc", NULL},
	[DF_STATUS] = {"status", NULL},
};
_Static_assert(sizeof facets / sizeof facets[0] == DF__MAX, "a parameter per facet");

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
status_valid(const char *v)
{
	return strcmp(v, "approved") == 0 || strcmp(v, "pending") == 0 ||
	    strcmp(v, "suspended") == 0 || strcmp(v, "rejected") == 0;
}

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

static int
staff_only(json_t *vis, const char *field)
{
	const char *v = json_string_value(json_object_get(vis, field));

	return v && strcmp(v, "staff") == 0;
}

static enum ws_err
put_row(struct dir_index *x, struct db_q *q)
{
	struct arena *a = arena_new();
	struct dir_doc d;
	enum ws_err rc;

	json_error_t err;
	json_t *vis = json_loads(db_col_text(q, 9) ? db_col_text(q, 9) : "{}", 0, &err);

	memset(&d, 0, sizeof d);
	d.id = db_col_int(q, 0);
	d.name = arena_strdup(a, db_col_text(q, 1));
	d.created_at = db_col_int(q, 2);
	/* The directory serves members: a field the organization shows to
	 * staff only is neither a filter nor a count. */
	if (!staff_only(vis, "country"))
		d.values[DF_COUNTRY][0] = arena_strdup(a, db_col_text(q, 3));
	if (!staff_only(vis, "kind"))
		d.values[DF_KIND][0] = arena_strdup(a, db_col_text(q, 4));
	if (!staff_only(vis, "themes"))
		add_values(a, &d, DF_THEME, db_col_text(q, 5));
	if (!staff_only(vis, "languages"))
		add_values(a, &d, DF_LANGUAGE, db_col_text(q, 6));
	if (!staff_only(vis, "ecosoc_status"))
		d.values[DF_ECOSOC][0] = arena_strdup(a, db_col_text(q, 7));
	d.values[DF_STATUS][0] = arena_strdup(a, db_col_text(q, 8));
	json_decref(vis);
	rc = dir_index_put(x, &d);
	arena_free(a);
	return rc;
}

enum ws_err
directory_load(struct app *app, struct db *d)
{
	struct dir_index *x = dir_index_new();
	struct db_q *q = db_start(d, ST_ORG_INDEX_ALL);
	enum ws_err rc;
	size_t n = 0;

	while ((rc = db_step(q)) == WS_OK && (rc = put_row(x, q)) == WS_OK) {
		if (db_col_int(q, 10) > app->dir_mark)
			app->dir_mark = db_col_int(q, 10);
		n++;
	}
	db_end(q);
	if (rc != WS_EDONE) {
		dir_index_free(x);
		return rc == WS_OK ? WS_EDB : rc;
	}
	app->dir = x;
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
}

/*
 * With several nodes, the others write too: at most once a second, re-read
 * what changed since the newest change the index has seen (a second of
 * overlap, as updated_at counts seconds).  Costs one indexed query a second.
 */
static void
catch_up(struct app *app, struct db *d)
{
	struct db_q *q;
	int64_t now = now_s();

	pthread_mutex_lock(&app->dir_mu);
	if (now != app->dir_checked) {
		app->dir_checked = now;
		q = db_start(d, ST_ORG_INDEX_SINCE);
		db_bind_int(q, 1, app->dir_mark - 1);
		while (db_step(q) == WS_OK) {
			if (put_row(app->dir, q) != WS_OK)
				log_error("directory: cannot index organization %lld",
				    (long long)db_col_int(q, 0));
			if (db_col_int(q, 10) > app->dir_mark)
				app->dir_mark = db_col_int(q, 10);
		}
		db_end(q);
	}
	pthread_mutex_unlock(&app->dir_mu);
}

/* Every value of query parameter name, in want (NULL-terminated). */
struct collect {
	const char *name;
	const char **want;
	size_t n;
	struct arena *a;
};

static enum MHD_Result
collect_arg(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct collect *c = cls;

	if (value && *value && strcmp(key, c->name) == 0 && c->n < MAX_WANT)
		c->want[c->n++] = arena_strdup(c->a, value);
	return MHD_YES;
}

/* The label of value v of facet f for the reader. */
static const char *
label_of(struct req *r, int f, const char *v)
{
	size_t i;

	switch (f) {
	case DF_COUNTRY: return country_name(v, r->locale);
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

/* The filters of this page as a query string (for the pager's links). */
static const char *
query_string(struct req *r, const char **want[DF__MAX])
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf b;
	const char *sort = req_query(r, "sort");
	const char *p;
	char *out;
	size_t k;
	int f;

	buf_init(&b, 8192);
	for (f = 0; f < DF__MAX; f++)
		for (k = 0; want[f][k]; k++) {
			if ((b.len && buf_addc(&b, '&')) || buf_adds(&b, facets[f].param) ||
			    buf_addc(&b, '='))
				goto out;
			for (p = want[f][k]; *p; p++) {
				unsigned char c = (unsigned char)*p;

				if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
				    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.') {
					if (buf_addc(&b, (char)c))
						goto out;
				} else if (buf_addc(&b, '%') || buf_addc(&b, hex[c >> 4]) ||
				    buf_addc(&b, hex[c & 15])) {
					goto out;
				}
			}
		}
	if (sort && strcmp(sort, "newest") == 0 && buf_adds(&b, b.len ? "&sort=newest" :
	    "sort=newest"))
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
    int64_t *page, int64_t *per_page)
{
	static const char *const approved_only[] = { "approved", NULL };
	json_t *errors = json_object();
	const char *sort = req_query(r, "sort");
	int staff = r->user && r->user->role >= ROLE_STAFF;
	size_t i;
	int f;

	*page = 1;
	*per_page = 50;
	memset(q, 0, sizeof *q);
	for (f = 0; f < DF__MAX; f++) {
		struct collect c = { facets[f].param, NULL, 0, r->a };

		c.want = arena_alloc(r->a, (MAX_WANT + 1) * sizeof *c.want);
		MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, collect_arg, &c);
		want[f] = c.want;
		for (i = 0; i < c.n; i++) {
			int ok = f == DF_ECOSOC ? ecosoc_valid(c.want[i]) : f == DF_STATUS ?
			    status_valid(c.want[i]) : facets[f].valid(c.want[i]);

			if (!ok)
				json_object_set_new(errors, facets[f].param, json_string(arena_printf(
				    r->a, "Unknown %s: %s", facets[f].param, c.want[i])));
		}
		q->want[f] = c.n ? c.want : NULL;
	}
	if (!staff) {	/* members see member organizations only */
		if (q->want[DF_STATUS])
			json_object_set_new(errors, "status", json_string(
			    "Only staff can filter on status."));
		q->want[DF_STATUS] = approved_only;
	}
	if (sort && strcmp(sort, "name") != 0 && strcmp(sort, "newest") != 0)
		json_object_set_new(errors, "sort", json_string("Sort by name or newest."));
	if (req_query(r, "page") && parse_int(req_query(r, "page"), 1, 100000, page))
		json_object_set_new(errors, "page", json_string("Not a page number."));
	if (req_query(r, "per_page") && parse_int(req_query(r, "per_page"), 1, 100, per_page))
		json_object_set_new(errors, "per_page", json_string("From 1 to 100."));
	if (json_object_size(errors)) {
		w->errors = errors;
		w->detail = N_("Some filters are not valid.");
		return WS_EINVAL;
	}
	json_decref(errors);
	q->sort = sort && strcmp(sort, "newest") == 0 ? DIR_SORT_NEWEST : DIR_SORT_NAME;
	q->offset = (size_t)((*page - 1) * *per_page);
	q->limit = (size_t)*per_page;
	q->unknown_empty = 1;	/* a valid code no organization has: no results */
	return WS_OK;
}

/* GET /staff/organizations.csv: the directory's current filter as CSV, every
 * organization that matches, every column. */
enum ws_err
h_directory_csv(struct req *r, struct resp *w)
{
	const char **want[DF__MAX];
	struct dir_query q;
	struct dir_result res;
	const char *bad;
	int64_t page, per_page;
	enum ws_err rc;
	size_t i;

	if (!r->app->dir)
		return WS_EUNAVAIL;
	catch_up(r->app, req_db(r));
	if ((rc = read_query(r, w, &q, want, &page, &per_page)) != WS_OK)
		return rc;
	q.offset = 0;
	q.limit = dir_index_size(r->app->dir) + 1;
	if ((rc = dir_index_query(r->app->dir, &q, &res, &bad)) != WS_OK)
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

enum ws_err
h_directory(struct req *r, struct resp *w)
{
	const char **want[DF__MAX];
	struct dir_query q;
	struct dir_result res;
	json_t *items, *facet_json, *v, *filters;
	const char *bad;
	int64_t page, per_page;
	int staff = r->user && r->user->role >= ROLE_STAFF;
	size_t i;
	enum ws_err rc;
	int f;

	if (!r->app->dir)
		return WS_EUNAVAIL;
	catch_up(r->app, req_db(r));
	if ((rc = read_query(r, w, &q, want, &page, &per_page)) != WS_OK)
		return rc;
	if ((rc = dir_index_query(r->app->dir, &q, &res, &bad)) != WS_OK)
		return rc;
	items = json_array();
	for (i = 0; i < res.nids; i++) {
		json_t *org;

		if (org_load(req_db(r), res.ids[i], &org) != WS_OK)
			continue;	/* deleted since: the index catches up */
		json_array_append_new(items, org_view(org, staff ? VIS_STAFF : VIS_MEMBERS,
		    r->locale, r->app->views));
		json_decref(org);
	}
	v = app_list_value(items, page, (int)per_page, (int64_t)res.total);
	facet_json = json_object();
	filters = json_array();
	for (f = 0; f < DF__MAX; f++) {
		json_t *counts = json_object(), *opts = json_array();
		json_t **sorted = calloc(res.ncounts[f] + 1, sizeof *sorted);
		size_t n = 0;

		if (f == DF_STATUS && !staff) {
			json_decref(counts);
			json_decref(opts);
			free(sorted);
			continue;
		}
		for (i = 0; i < res.ncounts[f]; i++) {
			const char *val = res.counts[f][i].value;
			int selected = 0;
			size_t k;

			json_object_set_new(counts, val, json_integer((json_int_t)res.counts[f][i].n));
			for (k = 0; want[f][k]; k++)
				if (strcmp(want[f][k], val) == 0)
					selected = 1;
			sorted[n++] = json_pack("{s:s,s:s,s:I,s:b,s:b}", "value", val, "label",
			    label_of(r, f, val), "count", (json_int_t)res.counts[f][i].n,
			    "selected", selected, "disabled", res.counts[f][i].n == 0 && !selected);
		}
		qsort(sorted, n, sizeof *sorted, label_cmp);
		for (i = 0; i < n; i++)
			json_array_append_new(opts, sorted[i]);
		free(sorted);
		json_object_set_new(facet_json, facets[f].param, counts);
		json_array_append_new(filters, json_pack("{s:s,s:s,s:o}", "param", facets[f].param,
		    "label", view_tr(r->app->views, r->locale, f == DF_COUNTRY ? N_("Country") :
		    f == DF_KIND ? N_("Kind") : f == DF_THEME ? N_("Thematic areas") :
		    f == DF_LANGUAGE ? N_("Working languages") : f == DF_ECOSOC ?
		    N_("ECOSOC status") : N_("Status")), "options", opts));
	}
	json_object_set_new(v, "facets", facet_json);
	if (!r->api) {
		json_object_set_new(v, "filters", filters);
		json_object_set_new(v, "sort_newest", json_boolean(q.sort == DIR_SORT_NEWEST));
		json_object_set_new(v, "query", json_string(query_string(r, want)));
	} else {
		json_decref(filters);
	}
	dir_result_free(&res);
	resp_value(w, v);
	w->tpl = "org_list";
	w->title = N_("Organizations");
	return WS_OK;
}
