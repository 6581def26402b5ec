/*
 * store.c -- the rows of resources, resource_terms and resource_files
 * (resources_int.h).  The SQL is the ST_RES_* rows of src/db/statements.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/directory/regions.h"
#include "app/directory/search.h"
#include "app/resources/resources_int.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

const char *const res_term_facet[RT__MAX] = { "theme", "language", "country", "region" };
const char *const res_term_field[RT__MAX] = { "themes", "languages", "countries", "regions" };

const char *const res_kinds[] = { "toolkit", "guide", "concept_note", "report",
	"training_material", "publication", "legal_instrument", "presentation", "video",
	"web_link", NULL };
const char *const res_kind_labels[] = { N_("Toolkit"), N_("Guide"), N_("Concept note"),
	N_("Report"), N_("Training material"), N_("Publication"), N_("Legal instrument"),
	N_("Presentation"), N_("Video"), N_("Web link"), NULL };

void
res_viewer_of(struct req *r, struct res_viewer *v)
{
	enum role ro = r->user ? r->user->role : ROLE_ANON;

	memset(v, 0, sizeof *v);
	v->uid = r->user ? r->user->id : 0;
	v->staff = ro >= ROLE_STAFF;
	v->nongov = ro == ROLE_MEMBER || v->staff;
	v->files = ro == ROLE_MEMBER || ro == ROLE_FOCAL || v->staff;
}

/* Binds RES_VISIBLE's parameters at first.. first + 3. */
static void
bind_visible(struct db_q *q, int first, const struct res_viewer *v)
{
	db_bind_int(q, first, v->staff);
	db_bind_int(q, first + 1, v->nongov);
	db_bind_int(q, first + 2, v->uid);
	db_bind_int(q, first + 3, v->uid);
}

/* Binds RES_VISIBLE and RES_FILTER's 23 parameters from first, leaving
 * out the filter of facet skip (NULL: none).  The next parameter's
 * number. */
static int
bind_where(struct db_q *q, int first, const struct res_viewer *v, const struct res_filter *f,
    const char *skip)
{
	int i = first + 4, t;
	const char *s;

	bind_visible(q, first, v);
	s = f->status ? f->status : "";
	db_bind_text(q, i++, s);
	db_bind_text(q, i++, s);
	s = skip && strcmp(skip, "kind") == 0 ? "" : f->kind ? f->kind : "";
	db_bind_text(q, i++, s);
	db_bind_text(q, i++, *s ? s : "[]");
	s = skip && strcmp(skip, "year") == 0 ? "" : f->year ? f->year : "";
	db_bind_text(q, i++, s);
	db_bind_text(q, i++, *s ? s : "[]");
	for (t = 0; t < RT__MAX; t++) {
		s = skip && strcmp(skip, res_term_facet[t]) == 0 ? "" : f->term[t] ? f->term[t] : "";
		db_bind_text(q, i++, s);
		db_bind_text(q, i++, *s ? s : "[]");
	}
	s = f->fts ? f->fts : "";
	db_bind_text(q, i++, s);
	db_bind_text(q, i++, *s ? s : "x");	/* never an empty MATCH */
	db_bind_int(q, i++, v->files);
	s = f->meta && *f->meta ? f->meta : "x";
	db_bind_text(q, i++, s);
	s = f->like ? f->like : "";
	db_bind_text(q, i++, s);
	db_bind_text(q, i++, s);
	db_bind_text(q, i++, s);
	db_bind_int(q, i++, v->files);
	db_bind_text(q, i++, s);
	return i;
}

/* A JSON array from stored JSON text (an empty one when it is not). */
static json_t *
json_list(const char *s)
{
	json_t *v = s ? json_loads(s, 0, NULL) : NULL;

	if (!json_is_array(v)) {
		json_decref(v);
		v = json_array();
	}
	return v;
}

json_t *
res_row_of(struct db_q *q)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(db_col_int(q, RES_C_ID)));
	json_object_set_new(o, "title", json_string(db_col_text(q, RES_C_TITLE)));
	json_object_set_new(o, "summary", json_string(db_col_text(q, RES_C_SUMMARY)));
	json_object_set_new(o, "kind", json_string(db_col_text(q, RES_C_KIND)));
	json_object_set_new(o, "year", db_col_null(q, RES_C_YEAR) ? json_null() :
	    json_integer(db_col_int(q, RES_C_YEAR)));
	json_object_set_new(o, "authors", json_list(db_col_text(q, RES_C_AUTHORS)));
	json_object_set_new(o, "publisher", json_string(db_col_text(q, RES_C_PUBLISHER)));
	json_object_set_new(o, "organization_id", db_col_null(q, RES_C_ORG_ID) ? json_null() :
	    json_integer(db_col_int(q, RES_C_ORG_ID)));
	json_object_set_new(o, "visibility", json_string(db_col_text(q, RES_C_VISIBILITY)));
	json_object_set_new(o, "status", json_string(db_col_text(q, RES_C_STATUS)));
	json_object_set_new(o, "reason", db_col_text(q, RES_C_REASON) ?
	    json_string(db_col_text(q, RES_C_REASON)) : json_null());
	json_object_set_new(o, "downloads", json_integer(db_col_int(q, RES_C_DOWNLOADS)));
	json_object_set_new(o, "link", db_col_text(q, RES_C_LINK) ?
	    json_string(db_col_text(q, RES_C_LINK)) : json_null());
	json_object_set_new(o, "source", json_string(db_col_text(q, RES_C_SOURCE)));
	json_object_set_new(o, "created_by", json_integer(db_col_int(q, RES_C_CREATED_BY)));
	json_object_set_new(o, "created_at", json_integer(db_col_int(q, RES_C_CREATED_AT)));
	json_object_set_new(o, "updated_at", json_integer(db_col_int(q, RES_C_UPDATED_AT)));
	json_object_set_new(o, "published_at", json_integer(db_col_int(q, RES_C_PUBLISHED_AT)));
	json_object_set_new(o, "languages", json_list(db_col_text(q, RES_C_LANGUAGES)));
	json_object_set_new(o, "themes", json_list(db_col_text(q, RES_C_THEMES)));
	json_object_set_new(o, "countries", json_list(db_col_text(q, RES_C_COUNTRIES)));
	json_object_set_new(o, "regions", json_list(db_col_text(q, RES_C_REGIONS)));
	if (db_col_text(q, RES_C_ORG_NAME)) {
		json_object_set_new(o, "org_name", json_string(db_col_text(q, RES_C_ORG_NAME)));
		json_object_set_new(o, "org_status", json_string(db_col_text(q, RES_C_ORG_STATUS)));
	}
	return o;
}

enum ws_err
res_get(struct db *d, const struct res_viewer *v, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_RES_GET);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, id);
	bind_visible(q, 2, v);
	if ((rc = db_step(q)) == WS_OK)
		*out = res_row_of(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

json_t *
res_file_of(struct db_q *q)
{
	const char *lang = db_col_text(q, RES_FILES_C_LANGUAGE);

	return json_pack("{s:I,s:I,s:s,s:o,s:s,s:I,s:s,s:s}",
	    "n", (json_int_t)db_col_int(q, RES_FILES_C_N),
	    "file_id", (json_int_t)db_col_int(q, RES_FILES_C_FILE_ID),
	    "name", db_col_text(q, RES_FILES_C_NAME),
	    "language", lang ? json_string(lang) : json_null(),
	    "type", db_col_text(q, RES_FILES_C_TYPE),
	    "size", (json_int_t)db_col_int(q, RES_FILES_C_SIZE),
	    "sha256", db_col_text(q, RES_FILES_C_SHA256),
	    "text_status", db_col_text(q, RES_FILES_C_TEXT_STATUS));
}

enum ws_err
res_files(struct db *d, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_RES_FILES);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, id);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, res_file_of(q));
	db_end(q);
	if (rc != WS_EDONE) {
		json_decref(*out);
		*out = NULL;
		return rc;
	}
	return WS_OK;
}

enum ws_err
res_file_get(struct db *d, struct arena *a, int64_t id, int64_t n, int64_t *file_id,
    const char **name, const char **type)
{
	struct db_q *q = db_start(d, ST_RES_FILE_GET);
	enum ws_err rc;

	db_bind_int(q, 1, id);
	db_bind_int(q, 2, n);
	if ((rc = db_step(q)) == WS_OK) {
		*file_id = db_col_int(q, RES_FILE_GET_C_FILE_ID);
		*name = arena_strdup(a, db_col_text(q, RES_FILE_GET_C_NAME));
		*type = arena_strdup(a, db_col_text(q, RES_FILE_GET_C_TYPE));
	}
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
res_list(struct db *d, const struct res_viewer *v, const struct res_filter *f,
    const char *sort, const char *title_q, int64_t page, int per_page, json_t **items,
    int64_t *total)
{
	struct db_q *q = db_start(d, ST_RES_COUNT);
	enum ws_err rc;
	int i;

	*items = NULL;
	*total = 0;
	bind_where(q, 1, v, f, NULL);
	if ((rc = db_step(q)) == WS_OK)
		*total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc;
	*items = json_array();
	q = db_start(d, ST_RES_LIST);
	i = bind_where(q, 1, v, f, NULL);
	db_bind_text(q, i++, sort);
	db_bind_text(q, i++, sort);
	db_bind_text(q, i++, title_q ? title_q : "");
	db_bind_text(q, i++, title_q && *title_q ? title_q : "x");	/* never an empty MATCH */
	db_bind_int(q, i++, per_page);
	db_bind_int(q, i, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*items, res_row_of(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
res_facet(struct db *d, const struct res_viewer *v, const struct res_filter *f,
    const char *facet, json_t **out)
{
	int term = strcmp(facet, "kind") != 0 && strcmp(facet, "year") != 0;
	struct db_q *q = db_start(d, strcmp(facet, "kind") == 0 ? ST_RES_FACET_KIND :
	    strcmp(facet, "year") == 0 ? ST_RES_FACET_YEAR : ST_RES_FACET_TERM);
	enum ws_err rc;

	*out = json_object();
	if (term)
		db_bind_text(q, 1, facet);
	bind_where(q, term ? 2 : 1, v, f, facet);
	while ((rc = db_step(q)) == WS_OK) {
		const char *k = db_col_text(q, RES_FACET_C_VALUE);

		if (k)
			json_object_set_new(*out, k, json_integer(db_col_int(q, RES_FACET_C_COUNT)));
	}
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

/* Binds stored JSON text of array a ("[]" for anything else). */
static void
bind_list(struct db_q *q, int i, json_t *a)
{
	app_bind_json(q, i, json_is_array(a) ? a : NULL, "[]");
}

/* Binds a string, NULL for "" or none. */
static void
bind_opt(struct db_q *q, int i, json_t *v)
{
	const char *s = json_string_value(v);

	db_bind_text(q, i, s && *s ? s : NULL);
}

#define VAL(k) json_object_get(values, k)
#define STR(k) (json_string_value(VAL(k)) ? json_string_value(VAL(k)) : "")

enum ws_err
res_insert(struct db *d, json_t *values, const char *status, const char *source,
    int64_t created_by, int64_t *id)
{
	struct db_q *q = db_start(d, ST_RES_INSERT);
	time_t now = now_s();
	enum ws_err rc;

	db_bind_text(q, 1, STR("title"));
	db_bind_text(q, 2, STR("summary"));
	db_bind_text(q, 3, STR("kind"));
	app_bind_int_opt(q, 4, VAL("year"));
	bind_list(q, 5, VAL("authors"));
	db_bind_text(q, 6, STR("publisher"));
	app_bind_int_opt(q, 7, VAL("organization_id"));
	db_bind_text(q, 8, STR("visibility"));
	db_bind_text(q, 9, status);
	bind_opt(q, 10, VAL("link"));
	db_bind_text(q, 11, source);
	if (created_by > 0)
		db_bind_int(q, 12, created_by);
	else
		db_bind_null(q, 12);
	db_bind_int(q, 13, now);
	db_bind_int(q, 14, now);
	if (strcmp(status, "published") == 0)
		db_bind_int(q, 15, now);
	else
		db_bind_null(q, 15);
	bind_list(q, 16, VAL("languages"));
	bind_list(q, 17, VAL("themes"));
	bind_list(q, 18, VAL("countries"));
	bind_list(q, 19, VAL("regions"));
	db_bind_int(q, 20, now);
	if ((rc = db_step(q)) == WS_OK)
		*id = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

enum ws_err
res_update(struct db *d, int64_t id, json_t *values, const char *status)
{
	struct db_q *q = db_start(d, ST_RES_UPDATE);
	time_t now = now_s();
	enum ws_err rc;

	db_bind_text(q, 1, STR("title"));
	db_bind_text(q, 2, STR("summary"));
	db_bind_text(q, 3, STR("kind"));
	app_bind_int_opt(q, 4, VAL("year"));
	bind_list(q, 5, VAL("authors"));
	db_bind_text(q, 6, STR("publisher"));
	db_bind_text(q, 7, STR("visibility"));
	bind_opt(q, 8, VAL("link"));
	bind_list(q, 9, VAL("languages"));
	bind_list(q, 10, VAL("themes"));
	bind_list(q, 11, VAL("countries"));
	bind_list(q, 12, VAL("regions"));
	db_bind_text(q, 13, status);
	db_bind_int(q, 14, now);
	db_bind_text(q, 15, status);
	db_bind_int(q, 16, now);
	db_bind_int(q, 17, now);
	db_bind_int(q, 18, id);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
res_set_status(struct db *d, int64_t id, const char *status, const char *reason)
{
	struct db_q *q = db_start(d, ST_RES_SET_STATUS);
	time_t now = now_s();
	enum ws_err rc;

	db_bind_text(q, 1, status);
	db_bind_text(q, 2, reason);
	db_bind_int(q, 3, now);
	db_bind_text(q, 4, status);
	db_bind_int(q, 5, now);
	db_bind_int(q, 6, now);
	db_bind_int(q, 7, id);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

/* Adds one resource_terms row. */
static enum ws_err
term_add(struct db *d, int64_t id, const char *facet, const char *code)
{
	struct db_q *q = db_start(d, ST_RES_TERM_ADD);
	enum ws_err rc;

	db_bind_int(q, 1, id);
	db_bind_text(q, 2, facet);
	db_bind_text(q, 3, code);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
res_terms_put(struct db *d, int64_t id, json_t *values)
{
	struct db_q *q = db_start(d, ST_RES_TERMS_DELETE);
	enum ws_err rc;
	json_t *x;
	size_t i;
	int t;

	db_bind_int(q, 1, id);
	rc = db_exec(q, NULL);
	db_end(q);
	for (t = 0; t < RT__MAX && rc == WS_OK; t++)
		json_array_foreach(VAL(res_term_field[t]), i, x)
			if (rc == WS_OK && json_is_string(x))
				rc = term_add(d, id, res_term_facet[t], json_string_value(x));
	/* a resource about Kenya is found under Africa and Eastern Africa */
	json_array_foreach(VAL("countries"), i, x) {
		const char *c = json_string_value(x);

		if (rc == WS_OK && c && m49_region(c))
			rc = term_add(d, id, "region", m49_region(c));
		if (rc == WS_OK && c && m49_subregion(c))
			rc = term_add(d, id, "region", m49_subregion(c));
	}
	return rc;
}

enum ws_err
res_file_add(struct db *d, int64_t id, int64_t file_id, const char *name,
    const char *language, const char *type, int64_t size, const char *sha256, int64_t *n)
{
	struct db_q *q = db_start(d, ST_RES_FILE_ADD);
	enum ws_err rc;

	db_bind_int(q, 1, id);
	db_bind_int(q, 2, id);
	db_bind_int(q, 3, file_id);
	db_bind_text(q, 4, name);
	db_bind_text(q, 5, language && *language ? language : NULL);
	db_bind_text(q, 6, type);
	db_bind_int(q, 7, size);
	db_bind_text(q, 8, sha256);
	if ((rc = db_step(q)) == WS_OK)
		*n = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

enum ws_err
res_file_text(struct db *d, int64_t id, int64_t n, const char *status, const char *text)
{
	struct db_q *q = db_start(d, ST_RES_FILE_TEXT);
	enum ws_err rc;

	db_bind_text(q, 1, status);
	db_bind_text(q, 2, text);
	db_bind_int(q, 3, id);
	db_bind_int(q, 4, n);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

/* Appends folded s to b, a space before; quietly stops at b's ceiling. */
static void
add_folded(struct arena *a, struct buf *b, const char *s)
{
	char *f;
	size_t room;

	if (!s || !*s)
		return;
	f = search_fold(a, s);
	room = b->max > b->len + 2 ? b->max - b->len - 2 : 0;
	if (strlen(f) > room) {	/* cut at a word */
		while (room > 0 && f[room] != ' ')
			room--;
		f[room] = '\0';
	}
	if (*f && buf_printf(b, "%s%s", b->len ? " " : "", f) != WS_OK)
		return;
}

enum ws_err
res_search_refresh(struct db *d, int64_t id)
{
	struct arena *a = arena_new();
	struct db_q *q = db_start(d, ST_RES_SEARCH_OF);
	const char *title = "";
	struct buf text, body;
	enum ws_err rc;

	buf_init(&text, RES_SEARCH_META_MAX);
	buf_init(&body, RES_SEARCH_MAX - RES_SEARCH_META_MAX);
	db_bind_int(q, 1, id);
	if ((rc = db_step(q)) == WS_OK) {
		json_t *authors = json_list(db_col_text(q, RES_SEARCH_OF_C_AUTHORS)), *x;
		size_t i;

		title = search_fold(a, db_col_text(q, RES_SEARCH_OF_C_TITLE));
		add_folded(a, &text, db_col_text(q, RES_SEARCH_OF_C_SUMMARY));
		json_array_foreach(authors, i, x)
			add_folded(a, &text, json_string_value(x));
		add_folded(a, &text, db_col_text(q, RES_SEARCH_OF_C_PUBLISHER));
		json_decref(authors);
	}
	db_end(q);
	if (rc != WS_OK)
		goto out;
	q = db_start(d, ST_RES_TEXTS);
	db_bind_int(q, 1, id);
	while ((rc = db_step(q)) == WS_OK)
		add_folded(a, &body, db_col_text(q, 0));
	db_end(q);
	if (rc != WS_EDONE)
		goto out;
	q = db_start(d, ST_RES_SET_SEARCH);
	db_bind_text(q, 1, title);
	db_bind_text(q, 2, text.len ? buf_str(&text) : "");
	db_bind_text(q, 3, body.len ? buf_str(&body) : "");
	db_bind_int(q, 4, now_s());
	db_bind_int(q, 5, id);
	rc = db_exec(q, NULL);
	db_end(q);
out:
	buf_free(&text);
	buf_free(&body);
	arena_free(a);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
res_text_heads(struct db *d, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_RES_TEXT_HEADS);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, id);
	while ((rc = db_step(q)) == WS_OK)
		if (db_col_text(q, 0))
			json_array_append_new(*out, json_string(db_col_text(q, 0)));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
res_download(struct db *d, int64_t id)
{
	struct db_q *q = db_start(d, ST_RES_DOWNLOAD);
	enum ws_err rc;

	db_bind_int(q, 1, now_s());
	db_bind_int(q, 2, id);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

/* Appends id to *ids (n of them, room for *cap). */
static void
id_add(int64_t **ids, size_t *n, size_t *cap, int64_t id)
{
	if (*n == *cap)
		*ids = xrealloc(*ids, (*cap = *cap ? 2 * *cap : 256) * sizeof **ids);
	(*ids)[(*n)++] = id;
}

enum ws_err
res_match_ids(struct db *d, const struct res_filter *f, int64_t **ids, size_t *n,
    int64_t **meta, size_t *nmeta)
{
	struct db_q *q;
	const char *fts = f->fts ? f->fts : "", *m = f->meta ? f->meta : "";
	const char *like = f->like ? f->like : "";
	size_t cap = 0, mcap = 0;
	enum ws_err rc;
	int i = 1;

	*ids = *meta = NULL;
	*n = *nmeta = 0;
	if (!*like && *fts && *m) {	/* the full-text index alone: no scan */
		q = db_start(d, ST_RES_FTS_BOTH);
		db_bind_text(q, 1, m);
		db_bind_text(q, 2, fts);
		while ((rc = db_step(q)) == WS_OK) {
			id_add(ids, n, &cap, db_col_int(q, 0));
			if (db_col_int(q, 1))
				id_add(meta, nmeta, &mcap, db_col_int(q, 0));
		}
		db_end(q);
		if (rc != WS_EDONE)
			goto fail;
		return WS_OK;
	}
	q = db_start(d, ST_RES_MATCH_IDS);
	db_bind_text(q, i++, m);
	db_bind_text(q, i++, *m ? m : "x");	/* never an empty MATCH */
	db_bind_text(q, i++, like);
	db_bind_text(q, i++, like);
	db_bind_text(q, i++, like);
	db_bind_text(q, i++, fts);
	db_bind_text(q, i++, *fts ? fts : "x");
	db_bind_text(q, i++, like);
	db_bind_text(q, i++, like);
	db_bind_text(q, i++, like);
	db_bind_text(q, i, like);
	while ((rc = db_step(q)) == WS_OK) {
		id_add(ids, n, &cap, db_col_int(q, 0));
		if (db_col_int(q, 1))
			id_add(meta, nmeta, &mcap, db_col_int(q, 0));
	}
	db_end(q);
	if (rc != WS_EDONE) {
fail:
		free(*ids);
		free(*meta);
		*ids = *meta = NULL;
		*n = *nmeta = 0;
		return rc;
	}
	return WS_OK;
}

enum ws_err
res_title_ids(struct db *d, const char *title_q, int64_t **ids, size_t *n)
{
	struct db_q *q;
	size_t cap = 0;
	enum ws_err rc;

	*ids = NULL;
	*n = 0;
	if (!title_q || !*title_q)
		return WS_OK;
	q = db_start(d, ST_RES_TITLE_IDS);
	db_bind_text(q, 1, title_q);
	while ((rc = db_step(q)) == WS_OK)
		id_add(ids, n, &cap, db_col_int(q, 0));
	db_end(q);
	if (rc != WS_EDONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return rc;
	}
	return WS_OK;
}

enum ws_err
res_query(struct arena *a, struct db *d, const char *q, const char **fts, const char **meta,
    const char **like, const char **title_q)
{
	struct search_terms t;
	int pg = db_conn_kind(d) == DB_PG;
	char *f = "", *l = "", *tl = "";
	enum ws_err rc;
	size_t i;

	*fts = *meta = *like = *title_q = "";
	if (!q || !*q)
		return WS_OK;
	if ((rc = search_parse(q, &t)) != WS_OK)
		return rc;
	for (i = 0; i < t.n; i++) {
		const char *w = t.term[i];

		if (t.cjk[i]) {
			l = arena_printf(a, "%s%%%s", l, w);
			continue;
		}
		/* folded words are letters and digits: nothing to quote but
		 * the quote characters themselves, which folding removes */
		if (strchr(w, '"') || strchr(w, '\''))
			continue;
		f = pg ? arena_printf(a, "%s%s'%s':*", f, *f ? " & " : "", w) :
		    arena_printf(a, "%s%s\"%s\"*", f, *f ? " " : "", w);
		/* the same words in the title (weight A on PostgreSQL) */
		tl = pg ? arena_printf(a, "%s%s'%s':*A", tl, *tl ? " & " : "", w) :
		    arena_printf(a, "%s%s\"%s\"*", tl, *tl ? " " : "", w);
	}
	*fts = f;
	/* the same words in title and text only (for "members" resources
	 * whose files the viewer may not read) */
	*meta = !*f ? "" : pg ? f : arena_printf(a, "{search_title search_text} : (%s)", f);
	*like = *l ? arena_printf(a, "%s%%", l) : "";
	*title_q = !*tl ? "" : pg ? tl : arena_printf(a, "{search_title} : (%s)", tl);
	return WS_OK;
}
