/*
 * store.c -- the rows of dialogues, dialogue_inputs and dialogue_mailed
 * (dialogues_int.h), and what the dialogues read of their calls'
 * applications.  The SQL is the ST_DLG_* rows of src/db/statements.c.
 */
#include <string.h>

#include "app/app.h"
#include "app/dialogues/dialogues_int.h"
#include "core/util.h"
#include "db/db.h"

const char *const dlg_genders[] = { "woman", "man", "another", "prefer_not_to_say", NULL };

void
dlg_viewer_of(struct req *r, struct dlg_viewer *v)
{
	enum role ro = r->user ? r->user->role : ROLE_ANON;

	v->staff = ro >= ROLE_STAFF;
	v->member = ro == ROLE_MEMBER || ro == ROLE_FOCAL || v->staff;
}

/* The current row of q (enum dlg_col) as JSON.  New reference. */
static json_t *
dlg_row(struct db_q *q)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(db_col_int(q, DLG_C_ID)));
	json_object_set_new(o, "meeting_id", json_integer(db_col_int(q, DLG_C_MEETING_ID)));
	json_object_set_new(o, "title", json_string(db_col_text(q, DLG_C_TITLE)));
	json_object_set_new(o, "description", json_string(db_col_text(q, DLG_C_DESCRIPTION)));
	json_object_set_new(o, "prep_event_id", json_integer(db_col_int(q,
	    DLG_C_PREP_EVENT_ID)));
	json_object_set_new(o, "event_id", json_integer(db_col_int(q, DLG_C_EVENT_ID)));
	json_object_set_new(o, "call_id", json_integer(db_col_int(q, DLG_C_CALL_ID)));
	json_object_set_new(o, "countries", app_col_json(q, DLG_C_COUNTRIES, json_array()));
	json_object_set_new(o, "inputs_close_at", json_integer(db_col_int(q,
	    DLG_C_INPUTS_CLOSE)));
	json_object_set_new(o, "summary", json_string(db_col_text(q, DLG_C_SUMMARY)));
	json_object_set_new(o, "summary_published_at", app_col_int(q, DLG_C_PUBLISHED_AT));
	if (!db_col_null(q, DLG_C_SUM_FILE_ID))
		json_object_set_new(o, "summary_file", json_pack("{s:I,s:s,s:s,s:I,s:s}",
		    "file_id", (json_int_t)db_col_int(q, DLG_C_SUM_FILE_ID), "name", db_col_text(q,
		    DLG_C_SUM_FILE_NAME), "type", db_col_text(q, DLG_C_SUM_FILE_TYPE), "size",
		    (json_int_t)db_col_int(q, DLG_C_SUM_FILE_SIZE), "sha256", db_col_text(q,
		    DLG_C_SUM_FILE_SHA256)));
	json_object_set_new(o, "created_at", json_integer(db_col_int(q, DLG_C_CREATED_AT)));
	json_object_set_new(o, "updated_at", json_integer(db_col_int(q, DLG_C_UPDATED_AT)));
	json_object_set_new(o, "working_group", json_string(db_col_text(q, DLG_C_WG)));
	json_object_set_new(o, "session_number", json_integer(db_col_int(q, DLG_C_NUMBER)));
	json_object_set_new(o, "session_title", json_string(db_col_text(q,
	    DLG_C_SESSION_TITLE)));
	json_object_set_new(o, "session_start_at", json_integer(db_col_int(q,
	    DLG_C_START_AT)));
	json_object_set_new(o, "timezone", json_string(db_col_text(q, DLG_C_TIMEZONE)));
	return o;
}

enum ws_err
dlg_get(struct db *d, const struct dlg_viewer *v, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_DLG_GET);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, v->staff);
	db_bind_int(q, 3, v->member);
	if ((rc = db_step(q)) == WS_OK)
		*out = dlg_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
dlg_list(struct db *d, const struct dlg_viewer *v, int64_t page, int per_page,
    json_t **items, int64_t *total)
{
	struct db_q *q = db_start(d, ST_DLG_COUNT);
	enum ws_err rc;

	*items = json_array();
	*total = 0;
	db_bind_int(q, 1, v->staff);
	db_bind_int(q, 2, v->member);
	if ((rc = db_step(q)) == WS_OK)
		*total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc == WS_EDONE ? WS_EDB : rc;
	q = db_start(d, ST_DLG_LIST);
	db_bind_int(q, 1, v->staff);
	db_bind_int(q, 2, v->member);
	db_bind_int(q, 3, per_page);
	db_bind_int(q, 4, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*items, dlg_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

#define VAL(k) json_object_get(values, k)

enum ws_err
dlg_put(struct db *d, int64_t id, json_t *values, int64_t by, int64_t *out)
{
	struct db_q *q = db_start(d, id ? ST_DLG_UPDATE : ST_DLG_INSERT);
	int64_t now = now_s();
	enum ws_err rc;

	db_bind_int(q, 1, json_integer_value(VAL("meeting_id")));
	db_bind_text(q, 2, json_string_value(VAL("title")));
	db_bind_text(q, 3, json_string_value(VAL("description")) ?
	    json_string_value(VAL("description")) : "");
	db_bind_int(q, 4, json_integer_value(VAL("prep_event_id")));
	db_bind_int(q, 5, json_integer_value(VAL("event_id")));
	db_bind_int(q, 6, json_integer_value(VAL("call_id")));
	app_bind_json(q, 7, VAL("countries"), "[]");
	db_bind_int(q, 8, json_integer_value(VAL("inputs_close_at")));
	if (id) {
		db_bind_int(q, 9, now);
		db_bind_int(q, 10, id);
		rc = db_exec(q, NULL);
		*out = id;
	} else {
		if (by > 0)
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

enum ws_err
dlg_same_call(struct db *d, int64_t call, int64_t id, int64_t *other)
{
	struct db_q *q = db_start(d, ST_DLG_SAME_CALL);
	enum ws_err rc;

	*other = 0;
	db_bind_int(q, 1, call);
	db_bind_int(q, 2, id);
	if ((rc = db_step(q)) == WS_OK)
		*other = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
dlg_session(struct req *r, int64_t sid, const char **body, const char **wg)
{
	struct db_q *q = db_start(req_db(r), ST_DLG_SESSION);
	enum ws_err rc;

	db_bind_int(q, 1, sid);
	if ((rc = db_step(q)) == WS_OK) {
		*body = arena_strdup(r->a, db_col_text(q, DLG_S_C_BODY));
		*wg = arena_strdup(r->a, db_col_text(q, DLG_S_C_WG));
	}
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
dlg_call_kind(struct req *r, int64_t id, const char **kind)
{
	struct db_q *q = db_start(req_db(r), ST_DLG_CALL_KIND);
	enum ws_err rc;

	db_bind_int(q, 1, id);
	if ((rc = db_step(q)) == WS_OK)
		*kind = arena_strdup(r->a, db_col_text(q, 0));
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

static json_t *
text_or_null(struct db_q *q, int col)
{
	return db_col_null(q, col) ? json_null() : json_string(db_col_text(q, col));
}

enum ws_err
dlg_people(struct db *d, int64_t call, json_t **out)
{
	struct db_q *q = db_start(d, ST_DLG_PEOPLE);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, call);
	while ((rc = db_step(q)) == WS_OK) {
		json_t *o = json_object();

		json_object_set_new(o, "application_id", json_integer(db_col_int(q, DLG_P_C_ID)));
		json_object_set_new(o, "user_id", json_integer(db_col_int(q, DLG_P_C_USER_ID)));
		json_object_set_new(o, "organization_id", app_col_int(q, DLG_P_C_ORG_ID));
		json_object_set_new(o, "status", json_string(db_col_text(q, DLG_P_C_STATUS)));
		json_object_set_new(o, "answers", app_col_json(q, DLG_P_C_ANSWERS, json_object()));
		json_object_set_new(o, "name", json_string(db_col_text(q, DLG_P_C_NAME)));
		json_object_set_new(o, "email", json_string(db_col_text(q, DLG_P_C_EMAIL)));
		json_object_set_new(o, "organization", text_or_null(q, DLG_P_C_ORG_NAME));
		json_object_set_new(o, "country", text_or_null(q, DLG_P_C_ORG_COUNTRY));
		json_object_set_new(o, "kind", text_or_null(q, DLG_P_C_ORG_KIND));
		json_object_set_new(o, "score_sum", app_col_int(q, DLG_P_C_SCORE_SUM));
		json_object_set_new(o, "score_n", json_integer(db_col_int(q, DLG_P_C_SCORE_N)));
		json_object_set_new(o, "live", json_boolean(db_col_int(q, DLG_P_C_ORG_LIVE)));
		json_array_append_new(*out, o);
	}
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
dlg_approved_of(struct db *d, int64_t call, int64_t uid, int64_t *app, int64_t *org)
{
	struct db_q *q = db_start(d, ST_DLG_APPROVED_OF);
	enum ws_err rc;

	*app = *org = 0;
	db_bind_int(q, 1, call);
	db_bind_int(q, 2, uid);
	db_bind_int(q, 3, uid);
	if ((rc = db_step(q)) == WS_OK) {
		*app = db_col_int(q, DLG_A_C_ID);
		*org = db_col_int(q, DLG_A_C_ORG_ID);
	}
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
dlg_input_insert(struct db *d, int64_t dlg, int64_t app, int64_t uid, int64_t org,
    const char *body, int publish, json_t *file, int64_t *id)
{
	struct db_q *q = db_start(d, ST_DLG_INPUT_INSERT);
	enum ws_err rc;

	db_bind_int(q, 1, dlg);
	db_bind_int(q, 2, app);
	db_bind_int(q, 3, uid);
	if (org > 0)
		db_bind_int(q, 4, org);
	else
		db_bind_null(q, 4);
	db_bind_text(q, 5, body);
	db_bind_int(q, 6, publish != 0);
	if (file) {
		db_bind_int(q, 7, json_integer_value(json_object_get(file, "file_id")));
		db_bind_text(q, 8, json_string_value(json_object_get(file, "name")));
		db_bind_text(q, 9, json_string_value(json_object_get(file, "type")));
		db_bind_int(q, 10, json_integer_value(json_object_get(file, "size")));
		db_bind_text(q, 11, json_string_value(json_object_get(file, "sha256")));
	} else {
		int i;

		for (i = 7; i <= 11; i++)
			db_bind_null(q, i);
	}
	db_bind_int(q, 12, now_s());
	if ((rc = db_step(q)) == WS_OK)
		*id = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

enum ws_err
dlg_inputs(struct db *d, int64_t dlg, int all, int published, int64_t uid, json_t **out)
{
	struct db_q *q = db_start(d, ST_DLG_INPUT_LIST);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, dlg);
	db_bind_int(q, 2, all);
	db_bind_int(q, 3, published);
	db_bind_int(q, 4, uid);
	db_bind_int(q, 5, uid);
	while ((rc = db_step(q)) == WS_OK && json_array_size(*out) < DLG_INPUTS_MAX) {
		json_t *o = json_object();

		json_object_set_new(o, "id", json_integer(db_col_int(q, DLG_IN_C_ID)));
		json_object_set_new(o, "user_id", json_integer(db_col_int(q, DLG_IN_C_USER_ID)));
		json_object_set_new(o, "organization_id", json_integer(db_col_int(q,
		    DLG_IN_C_ORG_ID)));
		json_object_set_new(o, "body", json_string(db_col_text(q, DLG_IN_C_BODY)));
		json_object_set_new(o, "publish", json_boolean(db_col_int(q, DLG_IN_C_PUBLISH)));
		if (!db_col_null(q, DLG_IN_C_FILE_ID))
			json_object_set_new(o, "file", json_pack("{s:I,s:s,s:s,s:I,s:s}", "file_id",
			    (json_int_t)db_col_int(q, DLG_IN_C_FILE_ID), "name", db_col_text(q,
			    DLG_IN_C_FILE_NAME), "type", db_col_text(q, DLG_IN_C_FILE_TYPE), "size",
			    (json_int_t)db_col_int(q, DLG_IN_C_FILE_SIZE), "sha256", db_col_text(q,
			    DLG_IN_C_FILE_SHA256)));
		json_object_set_new(o, "created_at", json_integer(db_col_int(q,
		    DLG_IN_C_CREATED_AT)));
		json_object_set_new(o, "name", json_string(db_col_text(q, DLG_IN_C_NAME)));
		json_object_set_new(o, "organization", json_string(db_col_text(q,
		    DLG_IN_C_ORG_NAME)));
		json_array_append_new(*out, o);
	}
	db_end(q);
	return rc == WS_EDONE || rc == WS_OK ? WS_OK : rc;
}

enum ws_err
dlg_publish(struct db *d, int64_t id, const char *summary, json_t *file)
{
	struct db_q *q = db_start(d, ST_DLG_PUBLISH);
	int64_t now = now_s(), n = 0;
	enum ws_err rc;
	int i;

	db_bind_text(q, 1, summary);
	db_bind_int(q, 2, now);
	db_bind_int(q, 3, now);
	if (file) {
		db_bind_int(q, 4, json_integer_value(json_object_get(file, "file_id")));
		db_bind_text(q, 5, json_string_value(json_object_get(file, "name")));
		db_bind_text(q, 6, json_string_value(json_object_get(file, "type")));
		db_bind_int(q, 7, json_integer_value(json_object_get(file, "size")));
		db_bind_text(q, 8, json_string_value(json_object_get(file, "sha256")));
	} else {
		for (i = 4; i <= 8; i++)
			db_bind_null(q, i);
	}
	db_bind_int(q, 9, id);
	rc = db_exec(q, &n);
	db_end(q);
	if (rc == WS_OK && n == 0)
		rc = WS_ECONFLICT;
	return rc;
}

enum ws_err
dlg_short(struct db *d, int s, const struct dlg_viewer *v, int64_t id, const char *text,
    json_t **out)
{
	struct db_q *q = db_start(d, (enum db_stmt)s);
	enum ws_err rc;

	*out = json_array();
	if (s == ST_DLG_FOR_SESSION) {
		db_bind_int(q, 1, id);
		db_bind_int(q, 2, v->staff);
		db_bind_int(q, 3, v->member);
	} else if (s == ST_DLG_OF_COUNTRY) {
		db_bind_int(q, 1, v->staff);
		db_bind_int(q, 2, v->member);
		db_bind_text(q, 3, text);
	} else {	/* ST_DLG_OF_PERSON */
		db_bind_int(q, 1, v->staff);
		db_bind_int(q, 2, v->member);
		db_bind_int(q, 3, id);
		db_bind_int(q, 4, id);
		db_bind_int(q, 5, v->staff);
		db_bind_int(q, 6, v->member);
		db_bind_int(q, 7, id);
	}
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, json_pack("{s:I,s:s,s:o,s:I,s:s,s:s}", "dialogue_id",
		    (json_int_t)db_col_int(q, DLG_SH_C_ID), "title", db_col_text(q, DLG_SH_C_TITLE),
		    "summary_published_at", app_col_int(q, DLG_SH_C_PUBLISHED_AT), "who_id",
		    (json_int_t)db_col_int(q, DLG_SH_C_WHO_ID), "who", db_col_text(q, DLG_SH_C_WHO),
		    "what", db_col_text(q, DLG_SH_C_WHAT)));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

/* ---- the person's export ------------------------------------------------------- */

/* The decision the call's status of an application stands for (the words
 * of participants.c). */
static const char *
export_decision(const char *status)
{
	if (strcmp(status, "accepted") == 0)
		return "approved";
	if (strcmp(status, "declined") == 0)
		return "not_approved";
	return "proposed";
}

enum ws_err
dialogues_export_person(struct db *d, int64_t uid, json_t **apps, json_t **inputs)
{
	struct db_q *q = db_start(d, ST_DLG_EXPORT_APPS);
	enum ws_err rc;

	*apps = json_array();
	*inputs = json_array();
	db_bind_int(q, 1, uid);
	while ((rc = db_step(q)) == WS_OK) {
		json_t *o = json_pack("{s:I,s:I,s:s,s:o}", "application_id",
		    (json_int_t)db_col_int(q, DLG_XA_C_ID), "dialogue_id",
		    (json_int_t)db_col_int(q, DLG_XA_C_DIALOGUE_ID), "dialogue_title",
		    db_col_text(q, DLG_XA_C_TITLE), "organization_id", app_col_int(q,
		    DLG_XA_C_ORG_ID));

		json_object_set_new(o, "organization", db_col_null(q, DLG_XA_C_ORG_NAME) ?
		    json_null() : json_string(db_col_text(q, DLG_XA_C_ORG_NAME)));
		/* one filed for an organization they no longer act for is the
		 * organization's: that it was filed, and nothing of it now (as
		 * the calls' export) */
		if (db_col_int(q, DLG_XA_C_ACTS)) {
			const char *st = db_col_text(q, DLG_XA_C_STATUS);

			json_object_set_new(o, "status", json_string(st));
			json_object_set_new(o, "decision", json_string(export_decision(st)));
			json_object_set_new(o, "submitted_at", app_col_time(q,
			    DLG_XA_C_SUBMITTED_AT));
			json_object_set_new(o, "decided_at", app_col_time(q, DLG_XA_C_DECIDED_AT));
		}
		json_array_append_new(*apps, o);
	}
	db_end(q);
	if (rc != WS_EDONE)
		goto fail;
	q = db_start(d, ST_DLG_EXPORT_INPUTS);
	db_bind_int(q, 1, uid);
	while ((rc = db_step(q)) == WS_OK) {
		json_t *o = json_pack("{s:I,s:I,s:s,s:o,s:s,s:b,s:o}", "id",
		    (json_int_t)db_col_int(q, DLG_XI_C_ID), "dialogue_id",
		    (json_int_t)db_col_int(q, DLG_XI_C_DIALOGUE_ID), "dialogue_title",
		    db_col_text(q, DLG_XI_C_TITLE), "organization_id", app_col_int(q,
		    DLG_XI_C_ORG_ID), "body", db_col_text(q, DLG_XI_C_BODY), "publish",
		    db_col_int(q, DLG_XI_C_PUBLISH) != 0, "created_at", app_col_time(q,
		    DLG_XI_C_CREATED_AT));

		json_object_set_new(o, "file", db_col_null(q, DLG_XI_C_FILE_NAME) ? json_null() :
		    json_pack("{s:s,s:s,s:I,s:s}", "name", db_col_text(q, DLG_XI_C_FILE_NAME),
		    "type", db_col_text(q, DLG_XI_C_FILE_TYPE), "size",
		    (json_int_t)db_col_int(q, DLG_XI_C_FILE_SIZE), "sha256", db_col_text(q,
		    DLG_XI_C_FILE_SHA256)));
		json_array_append_new(*inputs, o);
	}
	db_end(q);
	if (rc == WS_EDONE)
		return WS_OK;
fail:
	json_decref(*apps);
	json_decref(*inputs);
	*apps = *inputs = NULL;
	return rc;
}
