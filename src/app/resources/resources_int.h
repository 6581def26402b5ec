/*
 * resources_int.h -- what the files of src/app/resources share: who is
 * asking, the filters of a list, and the store (store.c), which alone
 * reads and writes the rows of resources, resource_terms and
 * resource_files.
 */
#ifndef WS_RESOURCES_INT_H
#define WS_RESOURCES_INT_H

#include <jansson.h>
#include <stdint.h>

#include "app/directory/index.h"
#include "app/resources/resources.h"
#include "core/arena.h"
#include "core/err.h"

struct db;
struct db_q;

#define RES_SEARCH_MAX (512 * 1024)	/* bytes of folded words indexed per resource
					 * (a PostgreSQL tsvector holds at most 1 MB) */
#define RES_SEARCH_META_MAX (64 * 1024)	/* of them from summary, authors, publisher;
					 * the rest from the files' text (search_body) */

/* Who asks, as RES_VISIBLE (statements.c) reads it. */
struct res_viewer {
	int64_t uid;		/* 0: a visitor */
	int staff;		/* staff or admin */
	int nongov;		/* sees "nongovernmental": members and staff */
	int files;		/* may download "members" files: members, focal points, staff */
};

/* The viewer r is. */
void res_viewer_of(struct req *r, struct res_viewer *v);

/* The facets that are lists (resource_terms.facet). */
enum res_term { RT_THEME, RT_LANGUAGE, RT_COUNTRY, RT_REGION, RT__MAX };
extern const char *const res_term_facet[RT__MAX];	/* "theme", "language", ... */
extern const char *const res_term_field[RT__MAX];	/* "themes", "languages", ... */

/* A list's filters; "" for none.  kind, year and term are each a JSON
 * array of the values wanted (any of them will do). */
struct res_filter {
	const char *status;
	const char *kind;
	const char *year;
	const char *term[RT__MAX];
	const char *fts;	/* a full-text query (res_query) */
	const char *meta;	/* the same over title and text only (res_query) */
	const char *like;	/* a substring pattern, "%...%" */
};

/* The kinds of resources, NULL-terminated, and their English names. */
extern const char *const res_kinds[];
extern const char *const res_kind_labels[];

/* ---- store.c ---- */

/* The current row of q (enum res_col, or more) as stored JSON; the current
 * row of a files statement (enum res_files_col) as res_files gives it.  New
 * references. */
json_t *res_row_of(struct db_q *q);
json_t *res_file_of(struct db_q *q);

/* Resource id as its stored JSON (every column, the organization's name
 * and status as org_name, org_status) if v may see it; WS_ENOTFOUND
 * otherwise.  New reference. */
enum ws_err res_get(struct db *d, const struct res_viewer *v, int64_t id, json_t **out) WS_WUR;
/* The files of resource id: [{n, file_id, name, language, type, size,
 * sha256, text_status}].  New reference. */
enum ws_err res_files(struct db *d, int64_t id, json_t **out) WS_WUR;
/* The file n of resource id: its file-store id, name and type (in a). */
enum ws_err res_file_get(struct db *d, struct arena *a, int64_t id, int64_t n,
    int64_t *file_id, const char **name, const char **type) WS_WUR;
/* A page of what v may see under f, sorted by sort (relevance, newest,
 * downloads; title_q: the full-text query of the best matches' titles), as
 * stored JSON (res_get's), and how many there are in all. */
enum ws_err res_list(struct db *d, const struct res_viewer *v, const struct res_filter *f,
    const char *sort, const char *title_q, int64_t page, int per_page, json_t **items,
    int64_t *total) WS_WUR;
/* {value: count} of facet ("kind", "year" or a res_term_facet) under f
 * with its own filter left out.  New reference in *out. */
enum ws_err res_facet(struct db *d, const struct res_viewer *v, const struct res_filter *f,
    const char *facet, json_t **out) WS_WUR;

/* Inside the caller's transaction: inserts a resource from checked values
 * (the JSON names), with status, source ("staff", "member") and creator. */
enum ws_err res_insert(struct db *d, json_t *values, const char *status, const char *source,
    int64_t created_by, int64_t *id) WS_WUR;
/* Inside the caller's transaction: rewrites resource id from values
 * (every field, as res_insert's), with status. */
enum ws_err res_update(struct db *d, int64_t id, json_t *values, const char *status) WS_WUR;
/* A review decision: status and reason (NULL: none). */
enum ws_err res_set_status(struct db *d, int64_t id, const char *status,
    const char *reason) WS_WUR;
/* Rewrites the resource_terms of id from values' lists (regions gain
 * those of the countries). */
enum ws_err res_terms_put(struct db *d, int64_t id, json_t *values) WS_WUR;
/* Adds a file to resource id (text_status "pending"); its number in *n. */
enum ws_err res_file_add(struct db *d, int64_t id, int64_t file_id, const char *name,
    const char *language, const char *type, int64_t size, const char *sha256,
    int64_t *n) WS_WUR;
/* Stores the text (NULL: none) and text_status of file n of id. */
enum ws_err res_file_text(struct db *d, int64_t id, int64_t n, const char *status,
    const char *text) WS_WUR;
/* Makes resource id's search words again from its title, summary,
 * authors, publisher and its files' text. */
enum ws_err res_search_refresh(struct db *d, int64_t id) WS_WUR;
/* The first 65536 characters of the text of each file of resource id
 * that has text, in order: [string].  New reference in *out. */
enum ws_err res_text_heads(struct db *d, int64_t id, json_t **out) WS_WUR;
/* Counts one download of resource id. */
enum ws_err res_download(struct db *d, int64_t id) WS_WUR;

/* The resources whose words match f's search (fts, meta, like), in no
 * order, in *ids (free()); those that match in title and text alone (what
 * is searched of a "members" resource by who may not download its files)
 * in *meta (free()).  For the index (index.c), which filters, counts and
 * sorts them. */
enum ws_err res_match_ids(struct db *d, const struct res_filter *f, int64_t **ids, size_t *n,
    int64_t **meta, size_t *nmeta) WS_WUR;
/* The resources whose title has every word of title_q (res_query's), in
 * *ids (free()); none for "". */
enum ws_err res_title_ids(struct db *d, const char *title_q, int64_t **ids, size_t *n) WS_WUR;

/* The full-text query (FTS5 on SQLite, tsquery on PostgreSQL), the same
 * over title and text only, the substring pattern and the full-text query
 * of the title alone of query q, in a; "" when none.  WS_EINVAL for a
 * query search_parse refuses. */
enum ws_err res_query(struct arena *a, struct db *d, const char *q, const char **fts,
    const char **meta, const char **like, const char **title_q) WS_WUR;

/* ---- index.c: the list from memory ---- */

struct app;
struct search_terms;

/* A list's question to the index: a facet's values any of which will do
 * (NULL: any; DF_ACCESS and DF_STATUS are the index's to fill), the
 * status wanted ("" any), the words, the sort (relevance, newest,
 * downloads) and the page. */
struct res_index_query {
	const struct res_viewer *viewer;
	const char *const *want[DF__MAX];
	const char *status;
	const struct search_terms *terms;
	unsigned substr;	/* bit k: term k is a CJK substring (index.h) */
	/* or, with text, the matches the database found (res_match_ids) and
	 * the best of them (res_title_ids) */
	int text;
	const int64_t *match, *match_meta, *title;
	size_t nmatch, nmatch_meta, ntitle;
	const char *sort;
	int64_t page;
	int per_page;
};

/* Whether the index answers v's list (v's organizations orgs, [{id}])
 * exactly as the database would: not for someone who sees, as its
 * contributor, a resource others do not. */
int res_index_usable(struct app *app, const struct res_viewer *v, json_t *orgs);
/* The page of in as res_list gives it (stored JSON rows) with each row's
 * files (res_files'), the total, and the facets {kind: {value: count},
 * ...} as res_facet gives them.  New references. */
enum ws_err res_index_list(struct app *app, const struct res_index_query *in, json_t **rows,
    json_t **files, int64_t *total, json_t **facets) WS_WUR;

/* ---- labels.c ---- */

/* The statuses of a resource, NULL-terminated, and their English names. */
extern const char *const res_status_codes[];
extern const char *const res_status_labels[];
/* The name of a kind or a status code in r's language (the code itself
 * when unknown); not to be freed. */
const char *res_kind_label(struct req *r, const char *code);
const char *res_status_label(struct req *r, const char *code);
/* Markdown md as plain text (its words, code and link texts; no marks, no
 * raw HTML, no link targets), blocks apart by a space, at most 64 KiB of
 * it, in a. */
char *res_plain(struct arena *a, const char *md);

/* ---- submit.c: the pages ---- */

/* What the resource page adds for those who may change item (the page's
 * value of stored resource res): its status in words (status_label,
 * is_<status>, status_reason), and may_edit when they may use its edit
 * form. */
void res_page_owner(struct req *r, json_t *res, json_t *item);

/* ---- review.c ---- */

/* The audit entry of action (note: a reason; NULL: the title) on resource
 * res (stored JSON): in its organization's history when a member of it
 * contributed it, else in the audit log, about its submitter.  Inside the
 * caller's transaction; never fails the caller. */
void res_audit(struct req *r, struct db *d, json_t *res, const char *action,
    const char *note);

#endif
