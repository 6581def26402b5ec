/*
 * news_int.h -- what the files of src/app/news share: who is asking, and
 * the store (store.c), which alone reads and writes the rows of news and
 * news_orgs.
 */
#ifndef WS_NEWS_INT_H
#define WS_NEWS_INT_H

#include <jansson.h>
#include <stdint.h>

#include "app/news/news.h"
#include "core/err.h"

struct db;
struct db_q;

#define NEWS_TITLE_MAX 200
#define NEWS_SUMMARY_MAX 600
#define NEWS_BODY_MAX 60000
#define NEWS_SLUG_MAX 80
#define NEWS_ALT_MAX 300
#define NEWS_THEMES_MAX 15	/* themes of an item */
#define NEWS_ORGS_MAX 20	/* organizations a story names */
#define NEWS_FEED_MAX 50	/* entries of the Atom feed */
#define NEWS_PER_PAGE 20	/* items a page of the public list */

/* The kinds of items and their English names, NULL-terminated. */
extern const char *const news_kinds[];
extern const char *const news_kind_labels[];

/* What r may see: members' items (members, focal points, staff), drafts
 * (staff). */
struct news_viewer {
	int members;
	int staff;
};
void news_viewer_of(struct req *r, struct news_viewer *v);

/* The name of kind code in r's language; not to be freed. */
const char *news_kind_label(struct req *r, const char *code);

/* ---- store.c ---- */

/* The current row of q (enum news_col) as stored JSON: {id, slug, kind,
 * title, summary, body, themes: [], language, visibility, status,
 * image_id, image_type, image_alt, author_id, author, published_at,
 * created_at, updated_at}, times as Unix seconds (null when none).  New
 * reference. */
json_t *news_row_of(struct db_q *q);
/* Item id, or the item of slug, as stored JSON; WS_ENOTFOUND when none. */
enum ws_err news_get(struct db *d, int64_t id, json_t **out) WS_WUR;
enum ws_err news_by_slug(struct db *d, const char *slug, json_t **out) WS_WUR;
/* A page of items, newest first, with status ("" any), members' items
 * when members, kind and theme ("" any), and how many in all. */
enum ws_err news_list(struct db *d, const char *status, int members, const char *kind,
    const char *theme, int64_t page, int per_page, json_t **items, int64_t *total) WS_WUR;
/* Whether another item than id (0: none) has slug. */
enum ws_err news_slug_taken(struct db *d, const char *slug, int64_t id, int *taken) WS_WUR;
/* Inside the caller's transaction: a new item from checked values (the
 * JSON names: slug, kind, title, summary, body, themes, language,
 * visibility, image_alt) with status, image (0: none) and author. */
enum ws_err news_insert(struct db *d, json_t *values, const char *status, int64_t image_id,
    const char *image_type, int64_t author, int64_t *id) WS_WUR;
/* Rewrites item id's fields from values, and its image. */
enum ws_err news_update(struct db *d, int64_t id, json_t *values, int64_t image_id,
    const char *image_type) WS_WUR;
/* Item id's status; published_at is set when it is first published and
 * kept after. */
enum ws_err news_set_status(struct db *d, int64_t id, const char *status,
    int64_t published_at) WS_WUR;
enum ws_err news_delete(struct db *d, int64_t id) WS_WUR;
/* The organizations item id names, [id].  New reference in *out. */
enum ws_err news_orgs_get(struct db *d, int64_t id, json_t **out) WS_WUR;
/* Replaces them with ids (a JSON array of integers; unknown ones are
 * left out). */
enum ws_err news_orgs_put(struct db *d, int64_t id, json_t *ids) WS_WUR;

#endif
