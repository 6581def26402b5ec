/*
 * index.c -- the library's list answered from memory: every resource in a
 * directory index (app/directory/index.h), built at start-up and kept
 * current by the code that writes resources (res_index_refresh after each
 * committed write; res_index_catch_up for what other nodes wrote).
 *
 * What a resource is in the index:
 *   - its facets are the directory's: kind, theme, language, country,
 *     region (its regions and those of its countries, as resource_terms
 *     has them), year and status; and DF_ACCESS, who may see it: its
 *     visibility once published, "unpublished" before.  A viewer's query
 *     wants the classes RES_VISIBLE (statements.c) lets them see;
 *   - its words are its search columns: the title, and the text with the
 *     files' words (search_body) after it; a "members" resource is an
 *     alt_text document whose alternative text leaves the files' words out,
 *     which is what viewers who may not download its files search (the SQL's
 *     search_meta);
 *   - it is sorted newest by coalesce(published_at, created_at), by
 *     downloads as its number, and best matches (every word in the title)
 *     come first, each group newest first: the order of ST_RES_LIST;
 *   - its item is its stored JSON (res_get's) and its files (res_files'),
 *     shared by reference: {"row": {...}, "files": [...]}.  The names and
 *     statuses of credited organizations, which change apart from the
 *     resources, are kept beside (the orgs map) and read again when the
 *     directory's index changes.
 *
 * A search's words are looked up in the vocabulary when it matches them
 * exactly as the database does: words of ASCII letters and digits as
 * prefixes, and one word with Chinese, Japanese or Korean characters as a
 * substring of a word (the database's LIKE '%word%': the word has no
 * space, so neither has what it matches).  Another search (words of other
 * scripts, which the tokenizers fold their own way, or two CJK words,
 * which LIKE wants in that order) asks the database for
 * the matching ids once (res_match_ids: one statement, where the list
 * without the index ran eight), and the index does the rest.
 *
 * What the index does not answer (res_index_usable says so, and the caller
 * asks the database): a viewer who contributed a resource that they alone
 * see (unpublished, or beyond their level): the "own" list below knows of
 * those.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/directory/directory.h"
#include "app/directory/index.h"
#include "app/directory/regions.h"
#include "app/directory/search.h"
#include "app/resources/resources_int.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"

/* A resource that only its contributors see (as well as those it is
 * otherwise for): member-contributed, and unpublished or not for everyone. */
struct own {
	int64_t id, org, creator;	/* org 0: an expert's own (creator) */
	char access;			/* 'u' unpublished, 'n' nongovernmental, 's' staff */
};

struct res_index {
	struct dir_index *x;
	/* One re-read of a resource at a time: a catch-up that read a row before
	 * the text job committed must not put it after the job's own re-read
	 * of the committed row (the list then said "pending" after the job was
	 * done, until the next catch-up). */
	pthread_mutex_t refresh_mu;
	pthread_mutex_t mu;		/* guards what follows */
	struct own *own;
	size_t nown, owncap;
	json_t *orgs;			/* {"id": [name, status]}, replaced whole */
	uint64_t dir_gen;		/* the directory's generation orgs was read at */
	int64_t mark;			/* newest changed_at seen (other nodes) */
	int64_t checked;		/* when the database was last asked */
};

static void *
item_ref(void *it)
{
	return json_incref(it);
}

static void
item_unref(void *it)
{
	json_decref(it);
}

/* Adds the strings of array a as values of facet f of d, after those it
 * has, once each. */
static void
add_values(struct arena *a, struct dir_doc *d, int f, json_t *arr)
{
	size_t k = 0, i, j;
	json_t *v;

	while (k < DIR_MAX_PER_DOC && d->values[f][k])
		k++;
	json_array_foreach(arr, i, v) {
		const char *s = json_string_value(v);

		if (!s || k >= DIR_MAX_PER_DOC)
			continue;
		for (j = 0; j < k && strcmp(d->values[f][j], s) != 0; j++)
			;
		if (j == k)
			d->values[f][k++] = arena_strdup(a, s);
	}
}

/* Removes id from the own list.  Holds mu. */
static void
own_drop(struct res_index *ri, int64_t id)
{
	size_t i;

	for (i = 0; i < ri->nown; i++)
		if (ri->own[i].id == id) {
			ri->own[i] = ri->own[--ri->nown];
			return;
		}
}

/* Indexes the resource of q's current row (ST_RES_INDEX_*) with its files
 * (a reference is taken). */
static enum ws_err
put_row(struct res_index *ri, struct db_q *q, json_t *files)
{
	struct arena *a = arena_new();
	struct dir_doc d;
	json_t *row, *item, *countries, *regions, *x;
	const char *status = db_col_text(q, RES_C_STATUS), *vis = db_col_text(q, RES_C_VISIBILITY);
	const char *access, *source = db_col_text(q, RES_C_SOURCE);
	int published = strcmp(status, "published") == 0;
	enum ws_err rc;
	size_t i;

	row = res_row_of(q);
	memset(&d, 0, sizeof d);
	d.id = db_col_int(q, RES_C_ID);
	d.name = db_col_text(q, RES_C_TITLE);
	d.created_at = db_col_null(q, RES_C_PUBLISHED_AT) ? db_col_int(q, RES_C_CREATED_AT) :
	    db_col_int(q, RES_C_PUBLISHED_AT);
	d.number = db_col_int(q, RES_C_DOWNLOADS);
	d.values[DF_KIND][0] = arena_strdup(a, db_col_text(q, RES_C_KIND));
	d.values[DF_STATUS][0] = arena_strdup(a, status);
	access = published ? vis : "unpublished";
	d.values[DF_ACCESS][0] = arena_strdup(a, access);
	if (!db_col_null(q, RES_C_YEAR))
		d.values[DF_YEAR][0] = arena_printf(a, "%lld", (long long)db_col_int(q, RES_C_YEAR));
	add_values(a, &d, DF_THEME, json_object_get(row, "themes"));
	add_values(a, &d, DF_LANGUAGE, json_object_get(row, "languages"));
	countries = json_object_get(row, "countries");
	add_values(a, &d, DF_COUNTRY, countries);
	/* a resource about Kenya is found under Africa and Eastern Africa
	 * (res_terms_put) */
	regions = json_deep_copy(json_object_get(row, "regions"));
	json_array_foreach(countries, i, x) {
		const char *c = json_string_value(x);

		if (c && m49_region(c))
			json_array_append_new(regions, json_string(m49_region(c)));
		if (c && m49_subregion(c))
			json_array_append_new(regions, json_string(m49_subregion(c)));
	}
	add_values(a, &d, DF_REGION, regions);
	json_decref(regions);
	/* The words as the database has them; a "members" resource's files'
	 * words only for who may download them. */
	d.alt_text = strcmp(vis, "members") == 0;
	d.text[DT_TITLE] = db_col_text(q, RES_INDEX_C_SEARCH_TITLE);
	d.text[DT_TEXT] = arena_printf(a, "%s %s", db_col_text(q, RES_INDEX_C_SEARCH_TEXT),
	    db_col_text(q, RES_INDEX_C_SEARCH_BODY));
	if (d.alt_text) {
		d.text[DT_TITLE_GOV] = d.text[DT_TITLE];
		d.text[DT_TEXT_GOV] = db_col_text(q, RES_INDEX_C_SEARCH_TEXT);
	}
	item = json_pack("{s:o,s:O}", "row", row, "files", files);
	d.listed = item;
	rc = dir_index_put(ri->x, &d);
	json_decref(item);	/* the index has its own reference */
	pthread_mutex_lock(&ri->mu);
	own_drop(ri, d.id);
	if (rc == WS_OK && strcmp(source, "member") == 0 && (!published ||
	    strcmp(vis, "nongovernmental") == 0 || strcmp(vis, "staff") == 0)) {
		if (ri->nown == ri->owncap)
			ri->own = xrealloc(ri->own, (ri->owncap = ri->owncap ? 2 * ri->owncap : 64) *
			    sizeof *ri->own);
		ri->own[ri->nown].id = d.id;
		ri->own[ri->nown].org = db_col_null(q, RES_C_ORG_ID) ? 0 :
		    db_col_int(q, RES_C_ORG_ID);
		ri->own[ri->nown].creator = db_col_null(q, RES_C_CREATED_BY) ? 0 :
		    db_col_int(q, RES_C_CREATED_BY);
		ri->own[ri->nown++].access = !published ? 'u' : *vis == 'n' ? 'n' : 's';
	}
	pthread_mutex_unlock(&ri->mu);
	arena_free(a);
	return rc;
}

/* Reads the names and statuses of the credited organizations again. */
static enum ws_err
orgs_read(struct app *app, struct db *d)
{
	struct res_index *ri = app->res;
	struct db_q *q;
	json_t *orgs = json_object(), *old;
	uint64_t gen = app->dir ? dir_index_generation(app->dir) : 0;
	enum ws_err rc;

	q = db_start(d, ST_RES_ORGS);
	while ((rc = db_step(q)) == WS_OK) {
		char key[32];

		snprintf(key, sizeof key, "%lld", (long long)db_col_int(q, RES_ORGS_C_ID));
		json_object_set_new(orgs, key, json_pack("[ss]", db_col_text(q, RES_ORGS_C_NAME),
		    db_col_text(q, RES_ORGS_C_STATUS)));
	}
	db_end(q);
	if (rc != WS_EDONE) {
		json_decref(orgs);
		return rc;
	}
	pthread_mutex_lock(&ri->mu);
	old = ri->orgs;
	ri->orgs = orgs;
	ri->dir_gen = gen;
	pthread_mutex_unlock(&ri->mu);
	json_decref(old);
	return WS_OK;
}

enum ws_err
res_index_load(struct app *app, struct db *d)
{
	struct res_index *ri = xcalloc(1, sizeof *ri);
	json_t *files = json_object(), *fs;
	struct db_q *q;
	enum ws_err rc;
	size_t n = 0;

	ri->x = dir_index_new_items(item_ref, item_unref);
	pthread_mutex_init(&ri->mu, NULL);
	pthread_mutex_init(&ri->refresh_mu, NULL);
	ri->checked = now_s();
	q = db_start(d, ST_RES_FILES_ALL);
	while ((rc = db_step(q)) == WS_OK) {
		char key[32];

		snprintf(key, sizeof key, "%lld", (long long)db_col_int(q,
		    RES_FILES_ALL_C_RESOURCE_ID));
		if (!(fs = json_object_get(files, key))) {
			fs = json_array();
			json_object_set_new(files, key, fs);
		}
		json_array_append_new(fs, res_file_of(q));
	}
	db_end(q);
	if (rc != WS_EDONE)
		goto out;
	q = db_start(d, ST_RES_INDEX_ALL);
	while ((rc = db_step(q)) == WS_OK) {
		char key[32];

		snprintf(key, sizeof key, "%lld", (long long)db_col_int(q, RES_C_ID));
		if (!(fs = json_object_get(files, key)))	/* a link, no files */
			json_object_set_new(files, key, fs = json_array());
		if ((rc = put_row(ri, q, fs)) != WS_OK)
			break;
		if (db_col_int(q, RES_INDEX_C_CHANGED_AT) > ri->mark)
			ri->mark = db_col_int(q, RES_INDEX_C_CHANGED_AT);
		n++;
	}
	db_end(q);
	if (rc != WS_EDONE)
		goto out;
	app->res = ri;
	if ((rc = orgs_read(app, d)) != WS_OK)
		goto out;
	log_info("resources: %zu resources indexed", n);
	rc = WS_OK;
out:
	json_decref(files);
	if (rc != WS_OK) {
		app->res = NULL;
		res_index_free(ri);
	}
	return rc == WS_OK ? WS_OK : rc == WS_EDONE ? WS_EDB : rc;
}

void
res_index_free(struct res_index *ri)
{
	if (!ri)
		return;
	dir_index_free(ri->x);
	json_decref(ri->orgs);
	free(ri->own);
	pthread_mutex_destroy(&ri->mu);
	pthread_mutex_destroy(&ri->refresh_mu);
	free(ri);
}

/* Re-reads resource id (and its files) into the index. */
static void
refresh_one(struct res_index *ri, struct db *d, int64_t id)
{
	struct db_q *q;
	json_t *files = NULL;

	pthread_mutex_lock(&ri->refresh_mu);
	/* its files first: one statement at a time on a connection */
	if (res_files(d, id, &files) != WS_OK) {
		log_error("resources: cannot index resource %lld", (long long)id);
		pthread_mutex_unlock(&ri->refresh_mu);
		return;
	}
	q = db_start(d, ST_RES_INDEX_ONE);
	db_bind_int(q, 1, id);
	if (db_step(q) == WS_OK) {
		if (put_row(ri, q, files) != WS_OK)
			log_error("resources: cannot index resource %lld", (long long)id);
	} else {
		dir_index_remove(ri->x, id);
		pthread_mutex_lock(&ri->mu);
		own_drop(ri, id);
		pthread_mutex_unlock(&ri->mu);
	}
	db_end(q);
	pthread_mutex_unlock(&ri->refresh_mu);
	json_decref(files);
}

void
res_index_refresh(struct app *app, struct db *d, int64_t id)
{
	if (!app || !app->res)
		return;
	refresh_one(app->res, d, id);
}

/*
 * With several nodes, the others write too: at most once a second, re-read
 * the resources changed since the newest change seen (changed_at: every
 * write, the text job's and downloads included).  changed_at counts seconds
 * of each writer's clock and a row is seen when its transaction commits, so
 * for RES_OVERLAP seconds after the newest change the window reaches back
 * that far (as the directory's, directory.c).  And on every request, the
 * credited organizations when the directory's index has changed (a
 * suspension, a new name: on this node at once, from others when the
 * directory catches up).
 */
#define RES_OVERLAP 5

void
res_index_catch_up(struct app *app, struct db *d)
{
	struct res_index *ri = app->res;
	int64_t now = now_s(), from, *ids = NULL;
	size_t n = 0, cap = 0, i;
	struct db_q *q;
	int again;

	if (!ri)
		return;
	pthread_mutex_lock(&ri->mu);
	again = now != ri->checked;
	ri->checked = now;
	from = now - ri->mark <= RES_OVERLAP ? ri->mark - RES_OVERLAP : ri->mark + 1;
	pthread_mutex_unlock(&ri->mu);
	if (again && app->dir)
		directory_catch_up(app, d);
	if (app->dir && dir_index_generation(app->dir) != ri->dir_gen &&
	    orgs_read(app, d) != WS_OK)
		log_warn("resources: credited organizations not read");
	if (!again)
		return;
	q = db_start(d, ST_RES_CHANGED_SINCE);
	db_bind_int(q, 1, from);
	while (db_step(q) == WS_OK) {
		if (n == cap)
			ids = xrealloc(ids, (cap = cap ? 2 * cap : 64) * sizeof *ids);
		ids[n++] = db_col_int(q, 0);
		pthread_mutex_lock(&ri->mu);
		if (db_col_int(q, 1) > ri->mark)
			ri->mark = db_col_int(q, 1);
		pthread_mutex_unlock(&ri->mu);
	}
	db_end(q);
	for (i = 0; i < n; i++)
		refresh_one(ri, d, ids[i]);
	free(ids);
}

/* ---- answers ------------------------------------------------------------- */

/* Whether v sees, only as a contributor, a resource the index holds (its
 * organizations orgs, [{id}]): the index cannot say which, the database
 * can. */
static int
sees_own(struct res_index *ri, const struct res_viewer *v, json_t *orgs)
{
	size_t i, k;
	json_t *o;
	int found = 0;

	if (v->staff || !v->uid)
		return 0;
	pthread_mutex_lock(&ri->mu);
	for (i = 0; i < ri->nown && !found; i++) {
		const struct own *w = &ri->own[i];

		if (w->access == 'n' && v->nongov)
			continue;	/* seen anyway */
		if (!w->org) {
			found = w->creator == v->uid;
			continue;
		}
		json_array_foreach(orgs, k, o)
			if (json_integer_value(json_object_get(o, "id")) == w->org)
				found = 1;
	}
	pthread_mutex_unlock(&ri->mu);
	return found;
}

int
res_index_usable(struct app *app, const struct res_viewer *v, json_t *orgs)
{
	return app->res && !sees_own(app->res, v, orgs);
}

enum ws_err
res_index_list(struct app *app, const struct res_index_query *in, json_t **rows,
    json_t **files, int64_t *total, json_t **facets)
{
	static const char *const seen_by_all[] = { "public", "members", NULL };
	static const char *const seen_by_nongov[] = { "public", "members", "nongovernmental",
		NULL };
	static const int shown[] = { DF_KIND, DF_THEME, DF_LANGUAGE, DF_REGION, DF_COUNTRY,
		DF_YEAR };
	static const char *const shown_name[] = { "kind", "theme", "language", "region",
		"country", "year" };
	struct res_index *ri = app->res;
	const char *status[2] = { in->status, NULL };
	struct dir_query q;
	struct dir_result res;
	const char *bad;
	json_t *orgs;
	enum ws_err rc;
	size_t i, k;
	int f;

	*rows = *files = *facets = NULL;
	*total = 0;
	memset(&q, 0, sizeof q);
	for (f = 0; f < DF__MAX; f++)
		q.want[f] = in->want[f];
	if (in->status && *in->status)
		q.want[DF_STATUS] = status;
	if (!in->viewer->staff)
		q.want[DF_ACCESS] = in->viewer->nongov ? seen_by_nongov : seen_by_all;
	if (in->text) {	/* the database's matches */
		q.text = 1;
		q.match = in->match;
		q.nmatch = in->nmatch;
		q.match_alt = in->match_meta;
		q.nmatch_alt = in->nmatch_meta;
		q.boost = q.boost_alt = in->title;
		q.nboost = q.nboost_alt = in->ntitle;
	} else {	/* the vocabulary's */
		for (i = 0; in->terms && i < in->terms->n && i < DIR_MAX_WORDS; i++)
			q.words[q.nwords++] = in->terms->term[i];
		q.substr = in->substr;
	}
	q.alt = !in->viewer->files;
	q.sort = strcmp(in->sort, "downloads") == 0 ? DIR_SORT_NUMBER :
	    strcmp(in->sort, "relevance") == 0 ? DIR_SORT_RELEVANCE : DIR_SORT_NEWEST;
	q.relevance_newest = 1;
	q.offset = (size_t)((in->page - 1) * in->per_page);
	q.limit = (size_t)in->per_page;
	q.unknown_empty = 1;
	if ((rc = dir_index_query(ri->x, &q, &res, &bad)) != WS_OK)
		return rc;
	pthread_mutex_lock(&ri->mu);
	orgs = json_incref(ri->orgs);
	pthread_mutex_unlock(&ri->mu);
	*rows = json_array();
	*files = json_array();
	for (i = 0; i < res.nids; i++) {
		json_t *item = res.items[i], *row, *org;
		char key[32];

		if (!item)
			continue;
		/* the organization's name and status now, not when indexed */
		row = json_copy(json_object_get(item, "row"));
		snprintf(key, sizeof key, "%lld", (long long)json_integer_value(json_object_get(row,
		    "organization_id")));
		if ((org = json_object_get(orgs, key))) {
			json_object_set(row, "org_name", json_array_get(org, 0));
			json_object_set(row, "org_status", json_array_get(org, 1));
		}
		json_array_append_new(*rows, row);
		json_array_append(*files, json_object_get(item, "files"));
	}
	json_decref(orgs);
	*total = (int64_t)res.total;
	*facets = json_object();
	for (k = 0; k < sizeof shown / sizeof shown[0]; k++) {
		json_t *counts = json_object();

		f = shown[k];
		for (i = 0; i < res.ncounts[f]; i++)
			if (res.counts[f][i].n)
				json_object_set_new(counts, res.counts[f][i].value,
				    json_integer((json_int_t)res.counts[f][i].n));
		json_object_set_new(*facets, shown_name[k], counts);
	}
	dir_result_free(&res);
	return WS_OK;
}
