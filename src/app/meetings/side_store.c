/*
 * side_store.c -- the rows of meeting_side_events (meetings_int.h): the
 * side events organizations propose to a session.  The SQL is the
 * ST_MTG_SE_* rows of src/db/statements.c.
 */
#include <string.h>

#include "app/app.h"
#include "app/meetings/meetings_int.h"
#include "core/util.h"
#include "db/db.h"

#define VAL(k) json_object_get(values, k)
#define STR(k) (json_string_value(VAL(k)) ? json_string_value(VAL(k)) : "")

/* The current row of q (enum mtg_se_col) as JSON.  New reference. */
static json_t *
se_row(struct db_q *q)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(db_col_int(q, MTG_SE_C_ID)));
	json_object_set_new(o, "meeting_id", json_integer(db_col_int(q, MTG_SE_C_EVENT_ID)));
	json_object_set_new(o, "organization_id", json_integer(db_col_int(q, MTG_SE_C_ORG_ID)));
	json_object_set_new(o, "organization", json_string(db_col_text(q, MTG_SE_C_ORG_NAME)));
	json_object_set_new(o, "proposed_by", app_col_int(q, MTG_SE_C_PROPOSED_BY));
	json_object_set_new(o, "title", json_string(db_col_text(q, MTG_SE_C_TITLE)));
	json_object_set_new(o, "abstract", json_string(db_col_text(q, MTG_SE_C_ABSTRACT)));
	json_object_set_new(o, "co_organizers", app_col_json(q, MTG_SE_C_CO_ORGANIZERS,
	    json_object()));
	json_object_set_new(o, "format", json_string(db_col_text(q, MTG_SE_C_FORMAT)));
	json_object_set_new(o, "language", json_string(db_col_text(q, MTG_SE_C_LANGUAGE)));
	json_object_set_new(o, "preferred_slots", app_col_json(q, MTG_SE_C_PREFERRED,
	    json_array()));
	json_object_set_new(o, "status", json_string(db_col_text(q, MTG_SE_C_STATUS)));
	json_object_set_new(o, "slot_id", app_col_int(q, MTG_SE_C_SLOT));
	json_object_set_new(o, "message", json_string(db_col_text(q, MTG_SE_C_MESSAGE)));
	json_object_set_new(o, "created_at", json_integer(db_col_int(q, MTG_SE_C_CREATED_AT)));
	json_object_set_new(o, "updated_at", json_integer(db_col_int(q, MTG_SE_C_UPDATED_AT)));
	json_object_set_new(o, "decided_at", app_col_int(q, MTG_SE_C_DECIDED_AT));
	return o;
}

enum ws_err
mtg_se_get(struct db *d, int64_t id, int64_t sid, json_t **out)
{
	struct db_q *q = db_start(d, ST_MTG_SE_GET);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, sid);
	if ((rc = db_step(q)) == WS_OK)
		*out = se_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

/* Binds MTG_SE_WHERE from 1; the next parameter's number. */
static int
bind_se_where(struct db_q *q, int64_t id, int64_t uid, const struct mtg_se_filter *f)
{
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, uid);
	db_bind_int(q, 3, uid);
	db_bind_text(q, 4, f->status ? f->status : "");
	db_bind_text(q, 5, f->status ? f->status : "");
	db_bind_int(q, 6, f->org);
	db_bind_int(q, 7, f->org);
	return 8;
}

enum ws_err
mtg_se_list(struct db *d, int64_t id, int64_t uid, const struct mtg_se_filter *f,
    int64_t page, int per_page, json_t **items, int64_t *total)
{
	struct db_q *q = db_start(d, ST_MTG_SE_COUNT);
	enum ws_err rc;
	int i;

	*items = NULL;
	*total = 0;
	bind_se_where(q, id, uid, f);
	if ((rc = db_step(q)) == WS_OK)
		*total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc == WS_EDONE ? WS_EDB : rc;
	*items = json_array();
	q = db_start(d, ST_MTG_SE_LIST);
	i = bind_se_where(q, id, uid, f);
	db_bind_int(q, i++, per_page);
	db_bind_int(q, i, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*items, se_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
mtg_se_insert(struct db *d, int64_t id, int64_t org, int64_t by, json_t *values, int64_t *sid)
{
	struct db_q *q = db_start(d, ST_MTG_SE_INSERT);
	int64_t now = now_s();
	enum ws_err rc;

	db_bind_int(q, 1, id);
	db_bind_int(q, 2, org);
	if (by > 0)
		db_bind_int(q, 3, by);
	else
		db_bind_null(q, 3);	/* the demo's, proposed by nobody */
	db_bind_text(q, 4, STR("title"));
	db_bind_text(q, 5, STR("abstract"));
	app_bind_json(q, 6, VAL("co_organizers"), "{}");
	db_bind_text(q, 7, STR("format"));
	db_bind_text(q, 8, STR("language"));
	app_bind_json(q, 9, VAL("preferred_slots"), "[]");
	db_bind_int(q, 10, now);
	db_bind_int(q, 11, now);
	if ((rc = db_step(q)) == WS_OK)
		*sid = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

enum ws_err
mtg_se_update(struct db *d, int64_t sid, json_t *values, int *done)
{
	struct db_q *q = db_start(d, ST_MTG_SE_UPDATE);
	int64_t n = 0;
	enum ws_err rc;

	db_bind_text(q, 1, STR("title"));
	db_bind_text(q, 2, STR("abstract"));
	app_bind_json(q, 3, VAL("co_organizers"), "{}");
	db_bind_text(q, 4, STR("format"));
	db_bind_text(q, 5, STR("language"));
	app_bind_json(q, 6, VAL("preferred_slots"), "[]");
	db_bind_int(q, 7, now_s());
	db_bind_int(q, 8, sid);
	rc = db_exec(q, &n);
	db_end(q);
	*done = rc == WS_OK && n == 1;
	return rc;
}

enum ws_err
mtg_se_decide(struct db *d, int64_t sid, const char *status, int64_t slot,
    const char *message, int64_t by, int *done)
{
	struct db_q *q = db_start(d, ST_MTG_SE_DECIDE);
	int64_t n = 0, now = now_s();
	enum ws_err rc;

	db_bind_text(q, 1, status);
	if (slot > 0)
		db_bind_int(q, 2, slot);
	else
		db_bind_null(q, 2);
	db_bind_text(q, 3, message ? message : "");
	db_bind_int(q, 4, now);
	db_bind_int(q, 5, by);
	db_bind_int(q, 6, now);
	db_bind_int(q, 7, sid);
	rc = db_exec(q, &n);
	db_end(q);
	*done = rc == WS_OK && n == 1;
	return rc;
}

enum ws_err
mtg_se_withdraw(struct db *d, int64_t sid, int *done)
{
	struct db_q *q = db_start(d, ST_MTG_SE_WITHDRAW);
	int64_t n = 0;
	enum ws_err rc;

	db_bind_int(q, 1, now_s());
	db_bind_int(q, 2, sid);
	rc = db_exec(q, &n);
	db_end(q);
	*done = rc == WS_OK && n == 1;
	return rc;
}

enum ws_err
mtg_se_slot_taken(struct db *d, int64_t id, int64_t slot, int64_t *other)
{
	struct db_q *q = db_start(d, ST_MTG_SE_SLOT_TAKEN);
	enum ws_err rc;

	*other = 0;
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, slot);
	if ((rc = db_step(q)) == WS_OK)
		*other = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
mtg_se_programme(struct db *d, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_MTG_SE_PROGRAMME);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, id);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, se_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
mtg_se_held(struct db *d, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_MTG_SE_HELD);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, id);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, se_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
mtg_se_orgs(struct db *d, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_MTG_SE_ORGS);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, id);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, json_pack("{s:I,s:s}", "id",
		    (json_int_t)db_col_int(q, 0), "name", db_col_text(q, 1)));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
mtg_se_open_windows(struct db *d, const struct mtg_viewer *v, int64_t now, int max,
    json_t **out)
{
	struct db_q *q = db_start(d, ST_MTG_SE_OPEN_WINDOWS);
	json_t *ids = json_array(), *x;
	enum ws_err rc;
	size_t i;

	*out = json_array();
	db_bind_int(q, 1, v->staff);
	db_bind_int(q, 2, v->member);
	db_bind_int(q, 3, now);
	db_bind_int(q, 4, now);
	db_bind_int(q, 5, max);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(ids, json_integer(db_col_int(q, MTG_C_ID)));
	db_end(q);
	if (rc == WS_EDONE)
		rc = WS_OK;
	/* each through mtg_get, the one reading of a session's row */
	json_array_foreach(ids, i, x) {
		json_t *one = NULL;

		if (rc != WS_OK)
			break;
		if ((rc = mtg_get(d, v, json_integer_value(x), &one)) == WS_OK)
			json_array_append_new(*out, one);
	}
	json_decref(ids);
	return rc;
}
