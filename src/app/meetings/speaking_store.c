/*
 * speaking_store.c -- the rows of requests to speak (meetings_int.h,
 * migration 30): meeting_speaking_requests and meeting_speakers_lists.
 * The SQL is the ST_SPK_* rows of src/db/statements.c.
 */
#include <string.h>

#include "app/app.h"
#include "app/meetings/meetings_int.h"
#include "core/util.h"
#include "db/db.h"

/* The current row of q (enum spk_col) as JSON.  New reference. */
static json_t *
spk_row(struct db_q *q)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(db_col_int(q, SPK_C_ID)));
	json_object_set_new(o, "meeting_id", json_integer(db_col_int(q, SPK_C_EVENT_ID)));
	json_object_set_new(o, "organization_id", json_integer(db_col_int(q, SPK_C_ORG_ID)));
	json_object_set_new(o, "organization", json_string(db_col_text(q, SPK_C_ORG_NAME)));
	json_object_set_new(o, "organization_country", json_string(db_col_text(q,
	    SPK_C_ORG_COUNTRY) ? db_col_text(q, SPK_C_ORG_COUNTRY) : ""));
	json_object_set_new(o, "organization_region", json_string(db_col_text(q,
	    SPK_C_ORG_REGION) ? db_col_text(q, SPK_C_ORG_REGION) : ""));
	json_object_set_new(o, "organization_kind", json_string(db_col_text(q, SPK_C_ORG_KIND) ?
	    db_col_text(q, SPK_C_ORG_KIND) : ""));
	json_object_set_new(o, "item", json_string(db_col_text(q, SPK_C_ITEM)));
	json_object_set_new(o, "requested_by", app_col_int(q, SPK_C_REQUESTED_BY));
	json_object_set_new(o, "nomination_id", app_col_int(q, SPK_C_NOMINATION_ID));
	json_object_set_new(o, "speaker_name", json_string(db_col_text(q, SPK_C_SPEAKER_NAME)));
	json_object_set_new(o, "speaker_title", json_string(db_col_text(q,
	    SPK_C_SPEAKER_TITLE)));
	json_object_set_new(o, "summary", json_string(db_col_text(q, SPK_C_SUMMARY)));
	json_object_set_new(o, "minutes", json_integer(db_col_int(q, SPK_C_MINUTES)));
	json_object_set_new(o, "status", json_string(db_col_text(q, SPK_C_STATUS)));
	json_object_set_new(o, "order", app_col_int(q, SPK_C_POSITION));
	json_object_set_new(o, "minutes_allocated", app_col_int(q, SPK_C_MINUTES_ALLOCATED));
	json_object_set_new(o, "reason", json_string(db_col_text(q, SPK_C_REASON)));
	json_object_set_new(o, "published_status", json_string(db_col_text(q,
	    SPK_C_PUB_STATUS)));
	json_object_set_new(o, "published_order", app_col_int(q, SPK_C_PUB_POSITION));
	json_object_set_new(o, "published_minutes", app_col_int(q, SPK_C_PUB_MINUTES));
	json_object_set_new(o, "published_reason", json_string(db_col_text(q,
	    SPK_C_PUB_REASON)));
	json_object_set_new(o, "created_at", json_integer(db_col_int(q, SPK_C_CREATED_AT)));
	json_object_set_new(o, "updated_at", json_integer(db_col_int(q, SPK_C_UPDATED_AT)));
	json_object_set_new(o, "decided_at", app_col_int(q, SPK_C_DECIDED_AT));
	return o;
}

enum ws_err
mtg_spk_get(struct db *d, int64_t id, int64_t rid, json_t **out)
{
	struct db_q *q = db_start(d, ST_SPK_GET);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, rid);
	if ((rc = db_step(q)) == WS_OK)
		*out = spk_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
mtg_spk_list(struct db *d, int64_t id, int64_t uid, json_t **out)
{
	struct db_q *q = db_start(d, ST_SPK_LIST);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, uid);
	db_bind_int(q, 3, uid);
	db_bind_int(q, 4, MTG_SPK_LIST_MAX);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, spk_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
mtg_spk_live(struct db *d, int64_t id, const char *item, int64_t org, int64_t rid,
    int64_t *other)
{
	struct db_q *q = db_start(d, ST_SPK_LIVE);
	enum ws_err rc;

	*other = 0;
	db_bind_int(q, 1, id);
	db_bind_text(q, 2, item);
	db_bind_int(q, 3, org);
	db_bind_int(q, 4, rid);
	if ((rc = db_step(q)) == WS_OK)
		*other = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

#define VAL(k) json_object_get(values, k)
#define STR(k) (json_string_value(VAL(k)) ? json_string_value(VAL(k)) : "")

enum ws_err
mtg_spk_insert(struct db *d, int64_t id, int64_t org, int64_t by, json_t *values,
    int64_t *rid)
{
	struct db_q *q = db_start(d, ST_SPK_INSERT);
	int64_t now = now_s();
	enum ws_err rc;

	db_bind_int(q, 1, id);
	db_bind_int(q, 2, org);
	db_bind_text(q, 3, STR("item"));
	db_bind_int(q, 4, by);
	app_bind_int_opt(q, 5, VAL("nomination_id"));
	db_bind_text(q, 6, STR("speaker_name"));
	db_bind_text(q, 7, STR("speaker_title"));
	db_bind_text(q, 8, STR("summary"));
	db_bind_int(q, 9, json_integer_value(VAL("minutes")));
	db_bind_int(q, 10, now);
	db_bind_int(q, 11, now);
	if ((rc = db_step(q)) == WS_OK)
		*rid = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

enum ws_err
mtg_spk_update(struct db *d, int64_t rid, json_t *values, int *done)
{
	struct db_q *q = db_start(d, ST_SPK_UPDATE);
	int64_t n = 0;
	enum ws_err rc;

	db_bind_text(q, 1, STR("item"));
	app_bind_int_opt(q, 2, VAL("nomination_id"));
	db_bind_text(q, 3, STR("speaker_name"));
	db_bind_text(q, 4, STR("speaker_title"));
	db_bind_text(q, 5, STR("summary"));
	db_bind_int(q, 6, json_integer_value(VAL("minutes")));
	db_bind_int(q, 7, now_s());
	db_bind_int(q, 8, rid);
	rc = db_exec(q, &n);
	db_end(q);
	*done = rc == WS_OK && n == 1;
	return rc;
}

enum ws_err
mtg_spk_withdraw(struct db *d, int64_t rid, int *done)
{
	struct db_q *q = db_start(d, ST_SPK_WITHDRAW);
	int64_t n = 0;
	enum ws_err rc;

	db_bind_int(q, 1, now_s());
	db_bind_int(q, 2, rid);
	rc = db_exec(q, &n);
	db_end(q);
	*done = rc == WS_OK && n == 1;
	return rc;
}

enum ws_err
mtg_spk_decide(struct db *d, int64_t rid, const char *status, int64_t order, int64_t minutes,
    const char *reason, int64_t by)
{
	struct db_q *q = db_start(d, ST_SPK_DECIDE);
	int64_t now = now_s();
	enum ws_err rc;

	db_bind_text(q, 1, status);
	if (order > 0)
		db_bind_int(q, 2, order);
	else
		db_bind_null(q, 2);
	if (minutes > 0)
		db_bind_int(q, 3, minutes);
	else
		db_bind_null(q, 3);
	db_bind_text(q, 4, reason ? reason : "");
	db_bind_int(q, 5, now);
	db_bind_int(q, 6, by);
	db_bind_int(q, 7, now);
	db_bind_int(q, 8, rid);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
mtg_spk_mark_published(struct db *d, int64_t rid)
{
	struct db_q *q = db_start(d, ST_SPK_MARK_PUBLISHED);
	enum ws_err rc;

	db_bind_int(q, 1, rid);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
mtg_spk_list_put(struct db *d, int64_t id, const char *item, int64_t by)
{
	struct db_q *q = db_start(d, ST_SPK_LIST_PUT);
	enum ws_err rc;

	db_bind_int(q, 1, id);
	db_bind_text(q, 2, item);
	db_bind_int(q, 3, now_s());
	db_bind_int(q, 4, by);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
mtg_spk_lists(struct db *d, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_SPK_LISTS);
	enum ws_err rc;

	*out = json_object();
	db_bind_int(q, 1, id);
	while ((rc = db_step(q)) == WS_OK)
		json_object_set_new(*out, db_col_text(q, 0), json_integer(db_col_int(q, 1)));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

