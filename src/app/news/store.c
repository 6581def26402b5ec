/*
 * store.c -- the rows of news and news_orgs, read and written by name
 * (enum news_col), for the handlers of src/app/news.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/news/news_int.h"
#include "core/util.h"
#include "db/db.h"

static const char *
str_of(json_t *values, const char *key)
{
	const char *s = json_string_value(json_object_get(values, key));

	return s ? s : "";
}

json_t *
news_row_of(struct db_q *q)
{
	json_t *o = json_object();
	const char *s;

	json_object_set_new(o, "id", json_integer(db_col_int(q, NEWS_C_ID)));
	json_object_set_new(o, "slug", json_string(db_col_text(q, NEWS_C_SLUG)));
	json_object_set_new(o, "kind", json_string(db_col_text(q, NEWS_C_KIND)));
	json_object_set_new(o, "title", json_string(db_col_text(q, NEWS_C_TITLE)));
	json_object_set_new(o, "summary", json_string(db_col_text(q, NEWS_C_SUMMARY)));
	json_object_set_new(o, "body", json_string(db_col_text(q, NEWS_C_BODY)));
	json_object_set_new(o, "themes", app_col_json(q, NEWS_C_THEMES, json_array()));
	json_object_set_new(o, "language", json_string(db_col_text(q, NEWS_C_LANG)));
	json_object_set_new(o, "visibility", json_string(db_col_text(q, NEWS_C_VISIBILITY)));
	json_object_set_new(o, "status", json_string(db_col_text(q, NEWS_C_STATUS)));
	json_object_set_new(o, "image_id", app_col_int(q, NEWS_C_IMAGE_ID));
	s = db_col_text(q, NEWS_C_IMAGE_TYPE);
	json_object_set_new(o, "image_type", s ? json_string(s) : json_null());
	json_object_set_new(o, "image_alt", json_string(db_col_text(q, NEWS_C_IMAGE_ALT)));
	json_object_set_new(o, "author_id", app_col_int(q, NEWS_C_AUTHOR_ID));
	s = db_col_text(q, NEWS_C_AUTHOR);
	json_object_set_new(o, "author", s ? json_string(s) : json_null());
	json_object_set_new(o, "published_at", app_col_int(q, NEWS_C_PUBLISHED_AT));
	json_object_set_new(o, "created_at", json_integer(db_col_int(q, NEWS_C_CREATED_AT)));
	json_object_set_new(o, "updated_at", json_integer(db_col_int(q, NEWS_C_UPDATED_AT)));
	return o;
}

/* The one row of q (its parameters bound) into *out. */
static enum ws_err
one_row(struct db_q *q, json_t **out)
{
	enum ws_err rc = db_step(q);

	*out = NULL;
	if (rc == WS_OK)
		*out = news_row_of(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
news_get(struct db *d, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_NEWS_GET);

	db_bind_int(q, 1, id);
	return one_row(q, out);
}

enum ws_err
news_by_slug(struct db *d, const char *slug, json_t **out)
{
	struct db_q *q = db_start(d, ST_NEWS_BY_SLUG);

	db_bind_text(q, 1, slug);
	return one_row(q, out);
}

/* Binds NEWS_FILTER's seven parameters from 1. */
static void
bind_filter(struct db_q *q, const char *status, int members, const char *kind,
    const char *theme, const char *pattern)
{
	db_bind_text(q, 1, status);
	db_bind_text(q, 2, status);
	db_bind_int(q, 3, members);
	db_bind_text(q, 4, kind);
	db_bind_text(q, 5, kind);
	db_bind_text(q, 6, theme);
	db_bind_text(q, 7, pattern);
}

enum ws_err
news_list(struct db *d, const char *status, int members, const char *kind, const char *theme,
    int64_t page, int per_page, json_t **items, int64_t *total)
{
	char pattern[160];
	struct db_q *q;
	enum ws_err rc;

	*items = NULL;
	*total = 0;
	/* themes are stored as a JSON array of codes: ["corruption","gender"] */
	snprintf(pattern, sizeof pattern, "%%\"%s\"%%", theme);
	q = db_start(d, ST_NEWS_COUNT);
	bind_filter(q, status, members, kind, theme, pattern);
	if ((rc = db_step(q)) == WS_OK)
		*total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc == WS_EDONE ? WS_EDB : rc;
	q = db_start(d, ST_NEWS_LIST);
	bind_filter(q, status, members, kind, theme, pattern);
	db_bind_int(q, 8, per_page);
	db_bind_int(q, 9, (page - 1) * per_page);
	*items = json_array();
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*items, news_row_of(q));
	db_end(q);
	if (rc != WS_EDONE) {
		json_decref(*items);
		*items = NULL;
		return rc;
	}
	return WS_OK;
}

enum ws_err
news_slug_taken(struct db *d, const char *slug, int64_t id, int *taken)
{
	struct db_q *q = db_start(d, ST_NEWS_SLUG_TAKEN);
	enum ws_err rc;

	db_bind_text(q, 1, slug);
	db_bind_int(q, 2, id);
	rc = db_step(q);
	db_end(q);
	*taken = rc == WS_OK;
	return rc == WS_OK || rc == WS_EDONE ? WS_OK : rc;
}

/* Binds the image (0: none) at i and i + 1. */
static void
bind_image(struct db_q *q, int i, int64_t image_id, const char *image_type)
{
	if (image_id) {
		db_bind_int(q, i, image_id);
		db_bind_text(q, i + 1, image_type);
	} else {
		db_bind_null(q, i);
		db_bind_null(q, i + 1);
	}
}

enum ws_err
news_insert(struct db *d, json_t *values, const char *status, int64_t image_id,
    const char *image_type, int64_t author, int64_t *id)
{
	struct db_q *q = db_start(d, ST_NEWS_INSERT);
	int64_t now = now_s();
	enum ws_err rc;

	db_bind_text(q, 1, str_of(values, "slug"));
	db_bind_text(q, 2, str_of(values, "kind"));
	db_bind_text(q, 3, str_of(values, "title"));
	db_bind_text(q, 4, str_of(values, "summary"));
	db_bind_text(q, 5, str_of(values, "body"));
	app_bind_json(q, 6, json_object_get(values, "themes"), "[]");
	db_bind_text(q, 7, str_of(values, "language"));
	db_bind_text(q, 8, str_of(values, "visibility"));
	db_bind_text(q, 9, status);
	bind_image(q, 10, image_id, image_type);
	db_bind_text(q, 12, image_id ? str_of(values, "image_alt") : "");
	if (author)
		db_bind_int(q, 13, author);
	else
		db_bind_null(q, 13);
	if (strcmp(status, "published") == 0)
		db_bind_int(q, 14, now);
	else
		db_bind_null(q, 14);
	db_bind_int(q, 15, now);
	db_bind_int(q, 16, now);
	rc = db_step(q);
	if (rc == WS_OK)
		*id = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

enum ws_err
news_update(struct db *d, int64_t id, json_t *values, int64_t image_id, const char *image_type)
{
	struct db_q *q = db_start(d, ST_NEWS_UPDATE);
	int64_t n = 0;
	enum ws_err rc;

	db_bind_text(q, 1, str_of(values, "slug"));
	db_bind_text(q, 2, str_of(values, "kind"));
	db_bind_text(q, 3, str_of(values, "title"));
	db_bind_text(q, 4, str_of(values, "summary"));
	db_bind_text(q, 5, str_of(values, "body"));
	app_bind_json(q, 6, json_object_get(values, "themes"), "[]");
	db_bind_text(q, 7, str_of(values, "language"));
	db_bind_text(q, 8, str_of(values, "visibility"));
	bind_image(q, 9, image_id, image_type);
	db_bind_text(q, 11, image_id ? str_of(values, "image_alt") : "");
	db_bind_int(q, 12, now_s());
	db_bind_int(q, 13, id);
	rc = db_exec(q, &n);
	db_end(q);
	return rc == WS_OK && n == 0 ? WS_ENOTFOUND : rc;
}

enum ws_err
news_set_status(struct db *d, int64_t id, const char *status, int64_t published_at)
{
	struct db_q *q = db_start(d, ST_NEWS_SET_STATUS);
	int64_t n = 0;
	enum ws_err rc;

	db_bind_text(q, 1, status);
	if (published_at)
		db_bind_int(q, 2, published_at);
	else
		db_bind_null(q, 2);
	db_bind_int(q, 3, now_s());
	db_bind_int(q, 4, id);
	rc = db_exec(q, &n);
	db_end(q);
	return rc == WS_OK && n == 0 ? WS_ENOTFOUND : rc;
}

enum ws_err
news_delete(struct db *d, int64_t id)
{
	struct db_q *q = db_start(d, ST_NEWS_DELETE);
	int64_t n = 0;
	enum ws_err rc;

	db_bind_int(q, 1, id);
	rc = db_exec(q, &n);
	db_end(q);
	return rc == WS_OK && n == 0 ? WS_ENOTFOUND : rc;
}

enum ws_err
news_orgs_get(struct db *d, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_NEWS_ORGS);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, id);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, json_integer(db_col_int(q, 0)));
	db_end(q);
	if (rc != WS_EDONE) {
		json_decref(*out);
		*out = NULL;
		return rc;
	}
	return WS_OK;
}

enum ws_err
news_orgs_put(struct db *d, int64_t id, json_t *ids)
{
	struct db_q *q = db_start(d, ST_NEWS_ORGS_CLEAR);
	enum ws_err rc;
	json_t *x;
	size_t i;

	db_bind_int(q, 1, id);
	rc = db_exec(q, NULL);
	db_end(q);
	json_array_foreach(ids, i, x) {
		if (rc != WS_OK)
			break;
		q = db_start(d, ST_NEWS_ORG_ADD);
		db_bind_int(q, 1, id);
		db_bind_int(q, 2, json_integer_value(x));
		rc = db_exec(q, NULL);
		db_end(q);
	}
	return rc;
}

enum ws_err
news_export_person(struct db *d, int64_t uid, json_t **out)
{
	struct db_q *q = db_start(d, ST_NEWS_MINE);
	enum ws_err rc;
	char t[40];

	*out = json_array();
	db_bind_int(q, 1, uid);
	while ((rc = db_step(q)) == WS_OK) {
		time_rfc3339((time_t)db_col_int(q, NEWS_MINE_C_CREATED_AT), t, sizeof t);
		json_array_append_new(*out, json_pack("{s:I,s:s,s:s,s:s,s:s}", "id",
		    (json_int_t)db_col_int(q, NEWS_MINE_C_ID), "slug",
		    db_col_text(q, NEWS_MINE_C_SLUG), "title", db_col_text(q, NEWS_MINE_C_TITLE),
		    "status", db_col_text(q, NEWS_MINE_C_STATUS), "created_at", t));
	}
	db_end(q);
	if (rc != WS_EDONE) {
		json_decref(*out);
		*out = NULL;
		return rc;
	}
	return WS_OK;
}
