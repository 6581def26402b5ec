/*
 * store.c -- the rows of calls, call_applications and call_scores
 * and call_application_files, with the files of the file store the last
 * refer to (calls_int.h).  The SQL is the ST_CALL_* and ST_CAPP_* rows of
 * src/db/statements.c.
 */
#include <string.h>

#include "app/app.h"
#include "app/calls/calls_int.h"
#include "core/util.h"
#include "db/db.h"
#include "files/files.h"

const char *const call_kinds[] = { "course_cohort", "workshop", "pilot_initiative",
	"expert_roster", "dialogue", "other", NULL };
const char *const call_statuses[] = { "draft", "open", "closed", "decided", NULL };
const char *const capp_statuses[] = { "draft", "submitted", "accepted", "waitlisted",
	"declined", "withdrawn", NULL };

/* The current row of q (enum call_col) as JSON.  New reference. */
static json_t *
call_row(struct db_q *q)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(db_col_int(q, CALL_C_ID)));
	json_object_set_new(o, "kind", json_string(db_col_text(q, CALL_C_KIND)));
	json_object_set_new(o, "title", json_string(db_col_text(q, CALL_C_TITLE)));
	json_object_set_new(o, "description", json_string(db_col_text(q, CALL_C_DESCRIPTION)));
	json_object_set_new(o, "eligibility", app_col_json(q, CALL_C_ELIGIBILITY, json_object()));
	json_object_set_new(o, "opens_at", app_col_int(q, CALL_C_OPENS));
	json_object_set_new(o, "closes_at", json_integer(db_col_int(q, CALL_C_CLOSES)));
	json_object_set_new(o, "timezone", json_string(db_col_text(q, CALL_C_TIMEZONE)));
	json_object_set_new(o, "places", app_col_int(q, CALL_C_PLACES));
	json_object_set_new(o, "questions", app_col_json(q, CALL_C_QUESTIONS, json_array()));
	json_object_set_new(o, "criteria", app_col_json(q, CALL_C_CRITERIA, json_array()));
	json_object_set_new(o, "event_id", app_col_int(q, CALL_C_EVENT_ID));
	json_object_set_new(o, "status", json_string(db_col_text(q, CALL_C_STATUS)));
	json_object_set_new(o, "created_by", app_col_int(q, CALL_C_CREATED_BY));
	json_object_set_new(o, "created_at", json_integer(db_col_int(q, CALL_C_CREATED_AT)));
	json_object_set_new(o, "updated_at", json_integer(db_col_int(q, CALL_C_UPDATED_AT)));
	json_object_set_new(o, "submitted", json_integer(db_col_int(q, CALL_C_SUBMITTED)));
	json_object_set_new(o, "accepted", json_integer(db_col_int(q, CALL_C_ACCEPTED)));
	json_object_set_new(o, "mine", db_col_null(q, CALL_C_MINE) ? json_null() :
	    json_string(db_col_text(q, CALL_C_MINE)));
	json_object_set_new(o, "mine_id", app_col_int(q, CALL_C_MINE_ID));
	json_object_set_new(o, "applications", json_integer(db_col_int(q, CALL_C_APPLICATIONS)));
	return o;
}

enum ws_err
call_get(struct db *d, int64_t uid, int staff, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_CALL_GET);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, uid);
	db_bind_int(q, 2, uid);
	db_bind_int(q, 3, id);
	db_bind_int(q, 4, staff);
	if ((rc = db_step(q)) == WS_OK)
		*out = call_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

/* Binds the list's where from i: staff, status twice, kind twice. */
static int
bind_list(struct db_q *q, int i, int staff, const char *status, const char *kind)
{
	db_bind_int(q, i++, staff);
	db_bind_text(q, i++, status);
	db_bind_text(q, i++, status);
	db_bind_text(q, i++, kind);
	db_bind_text(q, i++, kind);
	return i;
}

enum ws_err
call_list(struct db *d, int64_t uid, int staff, const char *status, const char *kind,
    int64_t page, int per_page, json_t **items, int64_t *total)
{
	struct db_q *q = db_start(d, ST_CALL_COUNT);
	enum ws_err rc;
	int i;

	*items = NULL;
	*total = 0;
	bind_list(q, 1, staff, status, kind);
	if ((rc = db_step(q)) == WS_OK)
		*total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc;
	*items = json_array();
	q = db_start(d, ST_CALL_LIST);
	db_bind_int(q, 1, uid);
	db_bind_int(q, 2, uid);
	i = bind_list(q, 3, staff, status, kind);
	db_bind_int(q, i++, per_page);
	db_bind_int(q, i, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*items, call_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

#define VAL(k) json_object_get(values, k)
#define STR(k) (json_string_value(VAL(k)) ? json_string_value(VAL(k)) : "")

/* Binds the columns ST_CALL_INSERT and ST_CALL_UPDATE share, kind to
 * status (12 of them), from 1. */
static void
bind_fields(struct db_q *q, json_t *values)
{
	db_bind_text(q, 1, STR("kind"));
	db_bind_text(q, 2, STR("title"));
	db_bind_text(q, 3, STR("description"));
	app_bind_json(q, 4, VAL("eligibility"), "{}");
	app_bind_int_opt(q, 5, VAL("opens_at"));
	db_bind_int(q, 6, json_integer_value(VAL("closes_at")));
	db_bind_text(q, 7, STR("timezone"));
	app_bind_int_opt(q, 8, VAL("places"));
	app_bind_json(q, 9, VAL("questions"), "[]");
	app_bind_json(q, 10, VAL("criteria"), "[]");
	app_bind_int_opt(q, 11, VAL("event_id"));
	db_bind_text(q, 12, STR("status"));
}

enum ws_err
call_insert(struct db *d, json_t *values, int64_t created_by, int64_t *id)
{
	struct db_q *q = db_start(d, ST_CALL_INSERT);
	time_t now = now_s();
	enum ws_err rc;

	bind_fields(q, values);
	if (created_by > 0)
		db_bind_int(q, 13, created_by);
	else
		db_bind_null(q, 13);
	db_bind_int(q, 14, now);
	db_bind_int(q, 15, now);
	if ((rc = db_step(q)) == WS_OK)
		*id = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

enum ws_err
call_update(struct db *d, int64_t id, json_t *values)
{
	struct db_q *q = db_start(d, ST_CALL_UPDATE);
	enum ws_err rc;

	bind_fields(q, values);
	db_bind_int(q, 13, now_s());
	db_bind_int(q, 14, id);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}


enum ws_err
call_lock(struct db *d, int64_t id)
{
	return app_one_int(d, ST_CALL_LOCK, id, NULL);
}

enum ws_err
call_scored(struct db *d, int64_t id, int64_t *n)
{
	return app_one_int(d, ST_CALL_SCORED, id, n);
}

/* ---- applications ------------------------------------------------------------ */

static json_t *
text_or_null(struct db_q *q, int col)
{
	return db_col_null(q, col) ? json_null() : json_string(db_col_text(q, col));
}

/* The current row of q (enum capp_col) as JSON.  New reference. */
static json_t *
capp_row(struct db_q *q)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(db_col_int(q, CAPP_C_ID)));
	json_object_set_new(o, "call_id", json_integer(db_col_int(q, CAPP_C_CALL_ID)));
	json_object_set_new(o, "user_id", json_integer(db_col_int(q, CAPP_C_USER_ID)));
	json_object_set_new(o, "organization_id", app_col_int(q, CAPP_C_ORG_ID));
	json_object_set_new(o, "answers", app_col_json(q, CAPP_C_ANSWERS, json_object()));
	json_object_set_new(o, "status", json_string(db_col_text(q, CAPP_C_STATUS)));
	json_object_set_new(o, "created_at", json_integer(db_col_int(q, CAPP_C_CREATED_AT)));
	json_object_set_new(o, "updated_at", json_integer(db_col_int(q, CAPP_C_UPDATED_AT)));
	json_object_set_new(o, "submitted_at", app_col_int(q, CAPP_C_SUBMITTED_AT));
	json_object_set_new(o, "decided_at", app_col_int(q, CAPP_C_DECIDED_AT));
	json_object_set_new(o, "name", text_or_null(q, CAPP_C_NAME));
	json_object_set_new(o, "email", text_or_null(q, CAPP_C_EMAIL));
	json_object_set_new(o, "organization", text_or_null(q, CAPP_C_ORG_NAME));
	json_object_set_new(o, "country", text_or_null(q, CAPP_C_ORG_COUNTRY));
	json_object_set_new(o, "score_sum", app_col_int(q, CAPP_C_SCORE_SUM));
	json_object_set_new(o, "score_n", json_integer(db_col_int(q, CAPP_C_SCORE_N)));
	json_object_set_new(o, "score_spread", app_col_int(q, CAPP_C_SCORE_SPREAD));
	return o;
}

/* Runs s (ST_CAPP_GET or ST_CAPP_OF_USER) on call and x. */
static enum ws_err
capp_one(struct db *d, enum db_stmt s, int64_t call, int64_t x, json_t **out)
{
	struct db_q *q = db_start(d, s);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, call);
	db_bind_int(q, 2, x);
	if ((rc = db_step(q)) == WS_OK)
		*out = capp_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
capp_get(struct db *d, int64_t call, int64_t aid, json_t **out)
{
	return capp_one(d, ST_CAPP_GET, call, aid, out);
}

enum ws_err
capp_of_user(struct db *d, int64_t call, int64_t uid, json_t **out)
{
	return capp_one(d, ST_CAPP_OF_USER, call, uid, out);
}

enum ws_err
capp_of_org(struct db *d, int64_t call, int64_t org, json_t **out)
{
	return capp_one(d, ST_CAPP_OF_ORG, call, org, out);
}

/* Binds CAPP_WHERE from 1; the next parameter's number. */
static int
bind_capp_where(struct db_q *q, int64_t call, int64_t uid, const struct capp_filter *f)
{
	const char *st = f->status ? f->status : "";

	db_bind_int(q, 1, call);
	db_bind_int(q, 2, uid);
	db_bind_int(q, 3, uid);
	db_bind_int(q, 4, uid);
	db_bind_text(q, 5, st);
	db_bind_text(q, 6, st);
	db_bind_int(q, 7, f->org);
	db_bind_int(q, 8, f->org);
	db_bind_int(q, 9, uid);
	db_bind_text(q, 10, st);
	return 11;
}

enum ws_err
capp_list(struct db *d, int64_t call, int64_t uid, const struct capp_filter *f, int64_t page,
    int per_page, json_t **items, int64_t *total)
{
	struct db_q *q = db_start(d, ST_CAPP_COUNT);
	enum ws_err rc;
	int i;

	*items = NULL;
	*total = 0;
	bind_capp_where(q, call, uid, f);
	if ((rc = db_step(q)) == WS_OK)
		*total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc;
	*items = json_array();
	q = db_start(d, ST_CAPP_LIST);
	i = bind_capp_where(q, call, uid, f);
	db_bind_text(q, i++, f->sort ? f->sort : "");
	db_bind_int(q, i++, per_page);
	db_bind_int(q, i, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*items, capp_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
capp_insert(struct db *d, int64_t call, int64_t uid, int64_t org, json_t *answers,
    const char *status, int64_t *id)
{
	struct db_q *q = db_start(d, ST_CAPP_INSERT);
	int64_t now = now_s();
	enum ws_err rc;

	db_bind_int(q, 1, call);
	db_bind_int(q, 2, uid);
	if (org > 0)
		db_bind_int(q, 3, org);
	else
		db_bind_null(q, 3);
	app_bind_json(q, 4, answers, "{}");
	db_bind_text(q, 5, status);
	db_bind_int(q, 6, now);
	db_bind_int(q, 7, now);
	if (strcmp(status, "submitted") == 0)
		db_bind_int(q, 8, now);
	else
		db_bind_null(q, 8);
	if ((rc = db_step(q)) == WS_OK)
		*id = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

enum ws_err
capp_update(struct db *d, int64_t aid, const char *was, int64_t org, json_t *answers,
    const char *status, int64_t submitted)
{
	struct db_q *q = db_start(d, ST_CAPP_UPDATE);
	int64_t n = 0;
	enum ws_err rc;

	if (org > 0)
		db_bind_int(q, 1, org);
	else
		db_bind_null(q, 1);
	app_bind_json(q, 2, answers, "{}");
	db_bind_text(q, 3, status);
	db_bind_int(q, 4, now_s());
	if (submitted > 0)
		db_bind_int(q, 5, submitted);
	else
		db_bind_null(q, 5);
	db_bind_int(q, 6, aid);
	db_bind_text(q, 7, was);
	rc = db_exec(q, &n);
	db_end(q);
	return rc == WS_OK && n == 0 ? WS_ECONFLICT : rc;
}

enum ws_err
capp_decide(struct db *d, int64_t aid, const char *was, const char *status, int64_t by)
{
	struct db_q *q = db_start(d, ST_CAPP_DECIDE);
	int64_t now = now_s(), n = 0;
	enum ws_err rc;

	db_bind_text(q, 1, status);
	db_bind_int(q, 2, now);
	db_bind_int(q, 3, by);
	db_bind_int(q, 4, now);
	db_bind_int(q, 5, aid);
	db_bind_text(q, 6, was);
	rc = db_exec(q, &n);
	db_end(q);
	return rc == WS_OK && n == 0 ? WS_ECONFLICT : rc;
}

enum ws_err
capp_delete(struct db *d, int64_t aid)
{
	json_t *files = NULL, *f;
	struct db_q *q;
	int64_t n = 0;
	enum ws_err rc;
	size_t i;

	/* its files' rows go with it (ON DELETE CASCADE); their files are
	 * deleted from the store after, once the draft is surely gone */
	if ((rc = capp_files(d, aid, &files)) == WS_OK) {
		q = db_start(d, ST_CAPP_DELETE);
		db_bind_int(q, 1, aid);
		rc = db_exec(q, &n);
		db_end(q);
	}
	if (rc == WS_OK && n == 0)
		rc = WS_ECONFLICT;
	json_array_foreach(files, i, f)
		if (rc == WS_OK)
			rc = file_delete(d, json_integer_value(json_object_get(f, "file_id")));
	json_decref(files);
	return rc;
}

enum ws_err
capp_accepted(struct db *d, int64_t call, int64_t *n)
{
	return app_one_int(d, ST_CAPP_ACCEPTED, call, n);
}

enum ws_err
capp_status_counts(struct db *d, int64_t call, json_t **out)
{
	struct db_q *q = db_start(d, ST_CAPP_STATUS_COUNTS);
	enum ws_err rc;

	*out = json_object();
	db_bind_int(q, 1, call);
	while ((rc = db_step(q)) == WS_OK)
		json_object_set_new(*out, db_col_text(q, 0), json_integer(db_col_int(q, 1)));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
call_score_put(struct db *d, int64_t aid, int64_t by, json_t *scores, const char *comment,
    int64_t weighted)
{
	struct db_q *q = db_start(d, ST_CALL_SCORE_PUT);
	enum ws_err rc;

	db_bind_int(q, 1, aid);
	db_bind_int(q, 2, by);
	app_bind_json(q, 3, scores, "{}");
	db_bind_text(q, 4, comment ? comment : "");
	db_bind_int(q, 5, weighted);
	db_bind_int(q, 6, now_s());
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
call_score_list(struct db *d, int64_t aid, json_t **out)
{
	struct db_q *q = db_start(d, ST_CALL_SCORE_LIST);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, aid);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, json_pack("{s:I,s:o,s:o,s:s,s:f,s:I}", "reviewer_id",
		    (json_int_t)db_col_int(q, CALL_SCORE_C_REVIEWER), "reviewer",
		    text_or_null(q, CALL_SCORE_C_NAME), "scores",
		    app_col_json(q, CALL_SCORE_C_SCORES, json_object()), "comment",
		    db_col_text(q, CALL_SCORE_C_COMMENT) ? db_col_text(q, CALL_SCORE_C_COMMENT) : "",
		    "weighted", (double)db_col_int(q, CALL_SCORE_C_WEIGHTED) / 100.0, "updated_at",
		    (json_int_t)db_col_int(q, CALL_SCORE_C_UPDATED_AT)));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

/* ---- the files answering file questions --------------------------------- */

enum ws_err
capp_q_answered(struct db *d, int64_t call, const char *qid, int *answered)
{
	struct db_q *q = db_start(d, ST_CAPP_Q_ANSWERED);
	enum ws_err rc;

	*answered = 0;
	db_bind_int(q, 1, call);
	db_bind_text(q, 2, qid);
	db_bind_text(q, 3, qid);
	if ((rc = db_step(q)) == WS_OK)
		*answered = db_col_int(q, 0) > 0;
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

enum ws_err
calls_export_person(struct db *d, int64_t uid, json_t **out)
{
	struct db_q *q = db_start(d, ST_CAPP_EXPORT);
	json_t *o, *files, *f;
	enum ws_err rc;
	size_t i;

	*out = json_array();
	db_bind_int(q, 1, uid);
	while ((rc = db_step(q)) == WS_OK) {
		o = json_pack("{s:I,s:I,s:s,s:o,s:o,s:o}", "id",
		    (json_int_t)db_col_int(q, CAPP_X_C_ID), "call_id",
		    (json_int_t)db_col_int(q, CAPP_X_C_CALL_ID), "call_title",
		    db_col_text(q, CAPP_X_C_CALL_TITLE), "organization_id",
		    app_col_int(q, CAPP_X_C_ORG_ID), "organization", text_or_null(q,
		    CAPP_X_C_ORG_NAME), "created_at", app_col_time(q, CAPP_X_C_CREATED_AT));
		/* one filed for an organization they no longer act for is the
		 * organization's: that it was filed, and nothing of it now */
		if (db_col_int(q, CAPP_X_C_ACTS)) {
			json_object_set_new(o, "status", json_string(db_col_text(q,
			    CAPP_X_C_STATUS)));
			json_object_set_new(o, "answers", app_col_json(q, CAPP_X_C_ANSWERS,
			    json_object()));
			json_object_set_new(o, "submitted_at", app_col_time(q,
			    CAPP_X_C_SUBMITTED_AT));
			json_object_set_new(o, "decided_at", app_col_time(q, CAPP_X_C_DECIDED_AT));
			json_object_set_new(o, "files", json_array());
		}
		json_array_append_new(*out, o);
	}
	db_end(q);
	/* the files' names, types, sizes and hashes; the files are downloaded
	 * from the application */
	json_array_foreach(*out, i, o)
		if (rc == WS_EDONE && json_object_get(o, "files") &&
		    (rc = capp_files(d, json_integer_value(json_object_get(o, "id")), &files)) ==
		    WS_OK) {
			size_t k;

			json_array_foreach(files, k, f)
				json_object_del(f, "file_id");
			json_object_set_new(o, "files", files);
			rc = WS_EDONE;
		}
	if (rc != WS_EDONE) {
		json_decref(*out);
		*out = NULL;
		return rc;
	}
	return WS_OK;
}

/* The current row of q (enum capp_file_col) as JSON.  New reference. */
static json_t *
capp_file_row(struct db_q *q)
{
	return json_pack("{s:s,s:I,s:s,s:s,s:I,s:s}", "question",
	    db_col_text(q, CAPP_FILE_C_QUESTION), "file_id",
	    (json_int_t)db_col_int(q, CAPP_FILE_C_FILE_ID), "name",
	    db_col_text(q, CAPP_FILE_C_NAME), "type", db_col_text(q, CAPP_FILE_C_TYPE), "size",
	    (json_int_t)db_col_int(q, CAPP_FILE_C_SIZE), "sha256",
	    db_col_text(q, CAPP_FILE_C_SHA256));
}

enum ws_err
capp_files(struct db *d, int64_t aid, json_t **out)
{
	struct db_q *q = db_start(d, ST_CAPP_FILE_LIST);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, aid);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, capp_file_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
capp_file_get(struct db *d, int64_t aid, const char *question, json_t **out)
{
	struct db_q *q = db_start(d, ST_CAPP_FILE_ONE);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, aid);
	db_bind_text(q, 2, question);
	if ((rc = db_step(q)) == WS_OK)
		*out = capp_file_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

/* Deletes the row of application aid's file answering question, and its
 * file from the store: nothing else refers to it. */
static enum ws_err
file_drop(struct db *d, int64_t aid, const char *question, int64_t file_id)
{
	struct db_q *q = db_start(d, ST_CAPP_FILE_DELETE);
	enum ws_err rc;

	db_bind_int(q, 1, aid);
	db_bind_text(q, 2, question);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc == WS_OK ? file_delete(d, file_id) : rc;
}

enum ws_err
capp_file_put(struct db *d, int64_t aid, const char *question, int64_t file_id,
    const char *name, const char *type, int64_t size, const char *sha256)
{
	json_t *was = NULL;
	struct db_q *q;
	enum ws_err rc;

	if ((rc = capp_file_get(d, aid, question, &was)) == WS_OK)
		rc = file_drop(d, aid, question, json_integer_value(json_object_get(was,
		    "file_id")));
	json_decref(was);
	if (rc != WS_OK && rc != WS_ENOTFOUND)
		return rc;
	q = db_start(d, ST_CAPP_FILE_PUT);
	db_bind_int(q, 1, aid);
	db_bind_text(q, 2, question);
	db_bind_int(q, 3, file_id);
	db_bind_text(q, 4, name);
	db_bind_text(q, 5, type);
	db_bind_int(q, 6, size);
	db_bind_text(q, 7, sha256);
	db_bind_int(q, 8, now_s());
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
capp_files_drop(struct db *d, int64_t aid)
{
	json_t *files = NULL, *f;
	enum ws_err rc;
	size_t i;

	if ((rc = capp_files(d, aid, &files)) == WS_OK)
		json_array_foreach(files, i, f)
			if ((rc = file_drop(d, aid, json_string_value(json_object_get(f, "question")),
			    json_integer_value(json_object_get(f, "file_id")))) != WS_OK)
				break;
	json_decref(files);
	return rc;
}

enum ws_err
calls_forget_person(struct db *d, int64_t uid)
{
	struct db_q *q = db_start(d, ST_CAPP_FILES_OF_USER);
	json_t *files = json_array(), *f;
	enum ws_err rc;
	size_t i;

	db_bind_int(q, 1, uid);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(files, json_pack("{s:I,s:s,s:I}", "application",
		    (json_int_t)db_col_int(q, CAPP_UFILE_C_APPLICATION), "question",
		    db_col_text(q, CAPP_UFILE_C_QUESTION), "file_id",
		    (json_int_t)db_col_int(q, CAPP_UFILE_C_FILE_ID)));
	db_end(q);
	rc = rc == WS_EDONE ? WS_OK : rc;
	json_array_foreach(files, i, f)
		if (rc == WS_OK)
			rc = file_drop(d, json_integer_value(json_object_get(f, "application")),
			    json_string_value(json_object_get(f, "question")),
			    json_integer_value(json_object_get(f, "file_id")));
	json_decref(files);
	if (rc == WS_OK) {
		q = db_start(d, ST_CAPP_FORGET);
		db_bind_int(q, 1, uid);
		rc = db_exec(q, NULL);
		db_end(q);
	}
	return rc;
}
