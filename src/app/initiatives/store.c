/*
 * store.c -- the rows of initiatives, initiative_participants,
 * initiative_outputs and initiative_updates (initiatives_int.h).  The SQL
 * is the ST_INI_* rows of src/db/statements.c.
 */
#include <string.h>

#include "app/app.h"
#include "app/initiatives/initiatives_int.h"
#include "core/util.h"
#include "db/db.h"

void
ini_viewer_of(struct req *r, struct ini_viewer *v)
{
	enum role ro = r->user ? r->user->role : ROLE_ANON;

	v->uid = r->user ? r->user->id : 0;
	v->staff = ro >= ROLE_STAFF;
	v->member = ro == ROLE_MEMBER || ro == ROLE_FOCAL || v->staff;
	v->nongov = ro == ROLE_MEMBER || v->staff;	/* as the library's res_viewer_of */
}

/* The current row of q (enum ini_col) as JSON.  New reference. */
static json_t *
ini_row(struct db_q *q)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(db_col_int(q, INI_C_ID)));
	json_object_set_new(o, "country", json_string(db_col_text(q, INI_C_COUNTRY)));
	json_object_set_new(o, "title", json_string(db_col_text(q, INI_C_TITLE)));
	json_object_set_new(o, "summary", json_string(db_col_text(q, INI_C_SUMMARY)));
	json_object_set_new(o, "concept_note", app_col_int(q, INI_C_CONCEPT_NOTE));
	json_object_set_new(o, "status", json_string(db_col_text(q, INI_C_STATUS)));
	json_object_set_new(o, "call_id", app_col_int(q, INI_C_CALL_ID));
	json_object_set_new(o, "meetings", app_col_json(q, INI_C_MEETINGS, json_array()));
	json_object_set_new(o, "documents", app_col_json(q, INI_C_DOCUMENTS, json_array()));
	json_object_set_new(o, "created_at", json_integer(db_col_int(q, INI_C_CREATED_AT)));
	json_object_set_new(o, "updated_at", json_integer(db_col_int(q, INI_C_UPDATED_AT)));
	return o;
}

enum ws_err
ini_get(struct db *d, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_INI_GET);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, id);
	if ((rc = db_step(q)) == WS_OK)
		*out = ini_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

/* Binds INI_FILTER from first; the next parameter's number. */
static int
bind_filter(struct db_q *q, int first, const char *country, const char *status)
{
	int i = first;

	db_bind_text(q, i++, country);
	db_bind_text(q, i++, country);
	db_bind_text(q, i++, status);
	db_bind_text(q, i++, status);
	return i;
}

enum ws_err
ini_list(struct db *d, const char *country, const char *status, int64_t page, int per_page,
    json_t **items, int64_t *total)
{
	struct db_q *q = db_start(d, ST_INI_COUNT);
	enum ws_err rc;
	int i;

	*items = NULL;
	*total = 0;
	bind_filter(q, 1, country, status);
	if ((rc = db_step(q)) == WS_OK)
		*total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc == WS_EDONE ? WS_EDB : rc;
	*items = json_array();
	q = db_start(d, ST_INI_LIST);
	i = bind_filter(q, 1, country, status);
	db_bind_int(q, i++, per_page);
	db_bind_int(q, i, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*items, ini_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
ini_facet(struct db *d, const char *country, const char *status, const char *facet,
    json_t **out)
{
	int by_country = strcmp(facet, "country") == 0;
	struct db_q *q = db_start(d, by_country ? ST_INI_FACET_COUNTRY : ST_INI_FACET_STATUS);
	enum ws_err rc;

	*out = json_object();
	bind_filter(q, 1, by_country ? "" : country, by_country ? status : "");
	while ((rc = db_step(q)) == WS_OK) {
		const char *k = db_col_text(q, 0);

		if (k)
			json_object_set_new(*out, k, json_integer(db_col_int(q, 1)));
	}
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
ini_of_country_rows(struct db *d, const char *code, int max, json_t **out)
{
	struct db_q *q = db_start(d, ST_INI_OF_COUNTRY);
	enum ws_err rc;

	*out = json_array();
	db_bind_text(q, 1, code);
	db_bind_int(q, 2, max);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, ini_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

#define VAL(k) json_object_get(values, k)
#define STR(k) (json_string_value(VAL(k)) ? json_string_value(VAL(k)) : "")

enum ws_err
ini_put(struct db *d, int64_t id, json_t *values, int64_t by, int64_t *out)
{
	struct db_q *q = db_start(d, id ? ST_INI_UPDATE : ST_INI_INSERT);
	int64_t now = now_s();
	enum ws_err rc;

	db_bind_text(q, 1, STR("country"));
	db_bind_text(q, 2, STR("title"));
	db_bind_text(q, 3, STR("summary"));
	app_bind_int_opt(q, 4, VAL("concept_note"));
	db_bind_text(q, 5, STR("status"));
	app_bind_int_opt(q, 6, VAL("call_id"));
	app_bind_json(q, 7, VAL("meetings"), "[]");
	app_bind_json(q, 8, VAL("documents"), "[]");
	if (id) {
		db_bind_int(q, 9, now);
		db_bind_int(q, 10, id);
		rc = db_exec(q, NULL);
		*out = id;
	} else {
		if (by)
			db_bind_int(q, 9, by);
		else
			db_bind_null(q, 9);
		db_bind_int(q, 10, now);
		db_bind_int(q, 11, now);
		if ((rc = db_step(q)) == WS_OK)
			*out = db_col_int(q, 0);
		else if (rc == WS_EDONE)
			rc = WS_EDB;
	}
	db_end(q);
	return rc;
}

/* Runs s with text or integer key: its first column into *id (0: none). */
static enum ws_err
one_id(struct db *d, enum db_stmt s, const char *text, int64_t n, int64_t *id)
{
	struct db_q *q = db_start(d, s);
	enum ws_err rc;

	*id = 0;
	if (text)
		db_bind_text(q, 1, text);
	else
		db_bind_int(q, 1, n);
	if ((rc = db_step(q)) == WS_OK)
		*id = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
ini_by_title(struct db *d, const char *title, int64_t *id)
{
	return one_id(d, ST_INI_BY_TITLE, title, 0, id);
}

enum ws_err
ini_of_call(struct db *d, int64_t call_id, int64_t *id)
{
	return one_id(d, ST_INI_OF_CALL, NULL, call_id, id);
}

/* ---- participants ---------------------------------------------------------- */

enum ws_err
ini_parts(struct db *d, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_INI_PART_LIST);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, id);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, json_pack("{s:I,s:s,s:o,s:o,s:s,s:I,s:s,s:b}",
		    "id", (json_int_t)db_col_int(q, INI_PART_C_ID),
		    "kind", db_col_text(q, INI_PART_C_KIND),
		    "user_id", app_col_int(q, INI_PART_C_USER_ID),
		    "organization_id", app_col_int(q, INI_PART_C_ORG_ID),
		    "source", db_col_text(q, INI_PART_C_SOURCE),
		    "created_at", (json_int_t)db_col_int(q, INI_PART_C_CREATED_AT),
		    "name", db_col_text(q, INI_PART_C_NAME),
		    "live", (int)db_col_int(q, INI_PART_C_ORG_LIVE)));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
ini_part_add(struct db *d, int64_t id, const char *kind, int64_t ref, const char *source,
    int64_t application, int64_t by, int *added)
{
	struct db_q *q = db_start(d, ST_INI_PART_INSERT);
	int org = strcmp(kind, "organization") == 0;
	int64_t n = 0;
	enum ws_err rc;

	db_bind_int(q, 1, id);
	db_bind_text(q, 2, kind);
	db_bind_int(q, 3, ref);
	if (org) {
		db_bind_null(q, 4);
		db_bind_int(q, 5, ref);
	} else {
		db_bind_int(q, 4, ref);
		db_bind_null(q, 5);
	}
	db_bind_text(q, 6, source);
	if (application)
		db_bind_int(q, 7, application);
	else
		db_bind_null(q, 7);
	if (by)
		db_bind_int(q, 8, by);
	else
		db_bind_null(q, 8);
	db_bind_int(q, 9, now_s());
	rc = db_exec(q, &n);
	db_end(q);
	if (added)
		*added = n > 0;
	return rc;
}

enum ws_err
ini_part_remove(struct db *d, int64_t id, int64_t pid)
{
	struct db_q *q = db_start(d, ST_INI_PART_DELETE);
	int64_t n = 0;
	enum ws_err rc;

	db_bind_int(q, 1, id);
	db_bind_int(q, 2, pid);
	rc = db_exec(q, &n);
	db_end(q);
	return rc == WS_OK && n == 0 ? WS_ENOTFOUND : rc;
}

enum ws_err
ini_focal_set(struct db *d, int64_t id, json_t *focal, int64_t by)
{
	struct db_q *q = db_start(d, ST_INI_PART_DELETE_FOCAL);
	enum ws_err rc;
	json_t *x;
	size_t i;

	db_bind_int(q, 1, id);
	rc = db_exec(q, NULL);
	db_end(q);
	json_array_foreach(focal, i, x)
		if (rc == WS_OK)
			rc = ini_part_add(d, id, "focal", json_integer_value(x), "staff", 0, by, NULL);
	return rc;
}

enum ws_err
ini_part_is(struct db *d, int64_t id, int64_t uid, int *yes)
{
	struct db_q *q = db_start(d, ST_INI_PART_IS);
	enum ws_err rc;

	*yes = 0;
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, uid);
	db_bind_int(q, 3, uid);
	if ((rc = db_step(q)) == WS_OK)
		*yes = 1;
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
ini_part_of(struct db *d, int64_t uid, int64_t org, int max, json_t **out)
{
	struct db_q *q = db_start(d, uid ? ST_INI_PART_OF_USER : ST_INI_PART_OF_ORG);
	enum ws_err rc;
	int i = 1;

	*out = json_array();
	if (uid) {
		db_bind_int(q, i++, uid);
		db_bind_int(q, i++, uid);
	} else {
		db_bind_int(q, i++, org);
	}
	db_bind_int(q, i, max);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, json_pack("{s:I,s:s,s:s,s:s,s:s}",
		    "id", (json_int_t)db_col_int(q, INI_MINE_C_ID),
		    "title", db_col_text(q, INI_MINE_C_TITLE),
		    "country", db_col_text(q, INI_MINE_C_COUNTRY),
		    "status", db_col_text(q, INI_MINE_C_STATUS),
		    "kind", db_col_text(q, INI_MINE_C_KIND)));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
ini_recipients(struct db *d, int64_t id, int64_t author, json_t **out)
{
	struct db_q *q = db_start(d, ST_INI_RECIPIENTS);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, author);
	db_bind_int(q, 2, id);
	db_bind_int(q, 3, id);
	while ((rc = db_step(q)) == WS_OK) {
		const char *loc = db_col_text(q, INI_RCPT_C_LOCALE);

		json_array_append_new(*out, json_pack("{s:I,s:s,s:s,s:s?}",
		    "id", (json_int_t)db_col_int(q, INI_RCPT_C_ID),
		    "email", db_col_text(q, INI_RCPT_C_EMAIL),
		    "name", db_col_text(q, INI_RCPT_C_NAME),
		    "locale", loc));
	}
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
ini_focal_ok(struct db *d, int64_t uid, const char *country, int *yes)
{
	struct db_q *q = db_start(d, ST_INI_FOCAL_OK);
	enum ws_err rc;

	*yes = 0;
	db_bind_int(q, 1, uid);
	db_bind_text(q, 2, country);
	if ((rc = db_step(q)) == WS_OK)
		*yes = 1;
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

/* ---- outputs ------------------------------------------------------------------ */

static json_t *
out_row(struct db_q *q)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:I,s:o,s:I}",
	    "id", (json_int_t)db_col_int(q, INI_OUT_C_ID),
	    "kind", db_col_text(q, INI_OUT_C_KIND),
	    "title", db_col_text(q, INI_OUT_C_TITLE),
	    "body", db_col_text(q, INI_OUT_C_BODY),
	    "status", db_col_text(q, INI_OUT_C_STATUS),
	    "audience", db_col_text(q, INI_OUT_C_AUDIENCE),
	    "created_at", (json_int_t)db_col_int(q, INI_OUT_C_CREATED_AT),
	    "published_at", app_col_int(q, INI_OUT_C_PUBLISHED_AT),
	    "created_by", (json_int_t)db_col_int(q, INI_OUT_C_CREATED_BY));
}

enum ws_err
ini_out_insert(struct db *d, int64_t id, const char *kind, const char *title, const char *body,
    int64_t by, int64_t *oid)
{
	struct db_q *q = db_start(d, ST_INI_OUT_INSERT);
	enum ws_err rc;

	db_bind_int(q, 1, id);
	db_bind_text(q, 2, kind);
	db_bind_text(q, 3, title);
	db_bind_text(q, 4, body);
	db_bind_int(q, 5, by);
	db_bind_int(q, 6, now_s());
	if ((rc = db_step(q)) == WS_OK)
		*oid = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

enum ws_err
ini_out_get(struct db *d, int64_t id, int64_t oid, json_t **out)
{
	struct db_q *q = db_start(d, ST_INI_OUT_GET);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, oid);
	if ((rc = db_step(q)) == WS_OK)
		*out = out_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
ini_out_list(struct db *d, int64_t id, int all, int members, json_t **out)
{
	struct db_q *q = db_start(d, ST_INI_OUT_LIST);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, all);
	db_bind_int(q, 3, members);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, out_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
ini_out_publish(struct db *d, int64_t id, int64_t oid, const char *audience, int64_t by)
{
	struct db_q *q = db_start(d, ST_INI_OUT_PUBLISH);
	int64_t n = 0;
	enum ws_err rc;

	db_bind_text(q, 1, audience);
	db_bind_int(q, 2, now_s());
	db_bind_int(q, 3, by);
	db_bind_int(q, 4, id);
	db_bind_int(q, 5, oid);
	rc = db_exec(q, &n);
	db_end(q);
	return rc == WS_OK && n == 0 ? WS_ENOTFOUND : rc;
}

/* ---- updates ------------------------------------------------------------------ */

enum ws_err
ini_upd_insert(struct db *d, int64_t id, int64_t author, const char *body, int64_t *out)
{
	struct db_q *q = db_start(d, ST_INI_UPD_INSERT);
	enum ws_err rc;

	db_bind_int(q, 1, id);
	db_bind_int(q, 2, author);
	db_bind_text(q, 3, body);
	db_bind_int(q, 4, now_s());
	if ((rc = db_step(q)) == WS_OK)
		*out = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

enum ws_err
ini_upd_list(struct db *d, int64_t id, int64_t page, int per_page, json_t **items,
    int64_t *total)
{
	struct db_q *q = db_start(d, ST_INI_UPD_COUNT);
	enum ws_err rc;

	*items = NULL;
	*total = 0;
	db_bind_int(q, 1, id);
	if ((rc = db_step(q)) == WS_OK)
		*total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc == WS_EDONE ? WS_EDB : rc;
	*items = json_array();
	q = db_start(d, ST_INI_UPD_LIST);
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, per_page);
	db_bind_int(q, 3, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*items, json_pack("{s:I,s:o,s:s,s:s,s:I}",
		    "id", (json_int_t)db_col_int(q, INI_UPD_C_ID),
		    "author_id", app_col_int(q, INI_UPD_C_AUTHOR_ID),
		    "author", db_col_text(q, INI_UPD_C_AUTHOR),
		    "body", db_col_text(q, INI_UPD_C_BODY),
		    "created_at", (json_int_t)db_col_int(q, INI_UPD_C_CREATED_AT)));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
ini_brief(struct db *d, int event, const struct ini_viewer *v, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, event ? ST_INI_EVENT_BRIEF : ST_INI_RES_BRIEF);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, v->staff);
	/* an event for members is a focal point's too; a resource for
	 * members (`nongovernmental`) is not */
	db_bind_int(q, 3, event ? v->member : v->nongov);
	if (!event) {
		db_bind_int(q, 4, v->uid);
		db_bind_int(q, 5, v->uid);
	}
	if ((rc = db_step(q)) == WS_OK)
		*out = json_pack("{s:I,s:s,s:o,s:s}", "id", (json_int_t)db_col_int(q,
		    INI_BRIEF_C_ID), "title", db_col_text(q, INI_BRIEF_C_TITLE), "when",
		    app_col_int(q, INI_BRIEF_C_WHEN), "timezone", db_col_text(q, INI_BRIEF_C_TZ) ?
		    db_col_text(q, INI_BRIEF_C_TZ) : "");
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
ini_csv_rows(struct db *d, const char *country, const char *status, int64_t page,
    int per_page, json_t **out)
{
	struct db_q *q = db_start(d, ST_INI_CSV);
	enum ws_err rc;
	int i;

	*out = json_array();
	i = bind_filter(q, 1, country, status);
	db_bind_int(q, i++, per_page);
	db_bind_int(q, i, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, json_pack("{s:I,s:s,s:s,s:s,s:I,s:I,s:I,s:I,s:I,s:I,s:I}",
		    "id", (json_int_t)db_col_int(q, INI_CSV_C_ID), "country", db_col_text(q,
		    INI_CSV_C_COUNTRY), "title", db_col_text(q, INI_CSV_C_TITLE), "status",
		    db_col_text(q, INI_CSV_C_STATUS), "focal_points", (json_int_t)db_col_int(q,
		    INI_CSV_C_FOCAL), "organizations", (json_int_t)db_col_int(q, INI_CSV_C_ORGS),
		    "experts", (json_int_t)db_col_int(q, INI_CSV_C_EXPERTS), "outputs_published",
		    (json_int_t)db_col_int(q, INI_CSV_C_PUBLISHED), "outputs_draft",
		    (json_int_t)db_col_int(q, INI_CSV_C_DRAFTS), "created_at",
		    (json_int_t)db_col_int(q, INI_CSV_C_CREATED_AT), "updated_at",
		    (json_int_t)db_col_int(q, INI_CSV_C_UPDATED_AT)));
	db_end(q);
	if (rc != WS_EDONE) {
		json_decref(*out);
		*out = NULL;
		return rc;
	}
	return WS_OK;
}

/* ---- editing and withdrawing ------------------------------------------------ */

/* Runs statement s binding text a, b, c (those not NULL) then id and
 * oid; WS_ENOTFOUND when it changed no row. */
static enum ws_err
change(struct db *d, enum db_stmt s, const char *a, const char *b, const char *c, int64_t id,
    int64_t oid)
{
	struct db_q *q = db_start(d, s);
	int64_t n = 0;
	int i = 1;
	enum ws_err rc;

	if (a)
		db_bind_text(q, i++, a);
	if (b)
		db_bind_text(q, i++, b);
	if (c)
		db_bind_text(q, i++, c);
	db_bind_int(q, i++, id);
	db_bind_int(q, i, oid);
	rc = db_exec(q, &n);
	db_end(q);
	if (rc == WS_OK && n == 0)
		rc = WS_ENOTFOUND;
	return rc;
}

enum ws_err
ini_upd_get(struct db *d, int64_t id, int64_t uid, json_t **out)
{
	struct db_q *q = db_start(d, ST_INI_UPD_GET);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, uid);
	if ((rc = db_step(q)) == WS_OK)
		*out = json_pack("{s:I,s:o,s:s,s:s,s:I}",
		    "id", (json_int_t)db_col_int(q, INI_UPD_C_ID),
		    "author_id", app_col_int(q, INI_UPD_C_AUTHOR_ID),
		    "author", db_col_text(q, INI_UPD_C_AUTHOR),
		    "body", db_col_text(q, INI_UPD_C_BODY),
		    "created_at", (json_int_t)db_col_int(q, INI_UPD_C_CREATED_AT));
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
ini_upd_set(struct db *d, int64_t id, int64_t uid, const char *body)
{
	return change(d, ST_INI_UPD_SET, body, NULL, NULL, id, uid);
}

enum ws_err
ini_upd_delete(struct db *d, int64_t id, int64_t uid)
{
	return change(d, ST_INI_UPD_DELETE, NULL, NULL, NULL, id, uid);
}

enum ws_err
ini_out_set(struct db *d, int64_t id, int64_t oid, int draft_only, const char *kind,
    const char *title, const char *body)
{
	return change(d, draft_only ? ST_INI_OUT_SET_DRAFT : ST_INI_OUT_SET, kind, title, body,
	    id, oid);
}

enum ws_err
ini_out_withdraw(struct db *d, int64_t id, int64_t oid, int published)
{
	return change(d, published ? ST_INI_OUT_UNPUBLISH : ST_INI_OUT_DELETE, NULL, NULL, NULL,
	    id, oid);
}
