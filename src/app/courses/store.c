/*
 * store.c -- the rows of courses, course_modules and course_lessons
 * (courses_int.h).  The SQL is the ST_CRS_* rows of src/db/statements.c.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/courses/courses_int.h"
#include "core/util.h"
#include "db/db.h"

#define VAL(k) json_object_get(values, k)
#define STR(k) (json_string_value(VAL(k)) ? json_string_value(VAL(k)) : "")

/* The current row of q (enum crs_col) as JSON.  New reference. */
static json_t *
crs_row(struct db_q *q)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(db_col_int(q, CRS_C_ID)));
	json_object_set_new(o, "title", json_string(db_col_text(q, CRS_C_TITLE)));
	json_object_set_new(o, "summary", json_string(db_col_text(q, CRS_C_SUMMARY)));
	json_object_set_new(o, "languages", app_col_json(q, CRS_C_LANGUAGES, json_array()));
	json_object_set_new(o, "estimated_hours", json_integer(db_col_int(q, CRS_C_HOURS)));
	json_object_set_new(o, "status", json_string(db_col_text(q, CRS_C_STATUS)));
	json_object_set_new(o, "self_enrolment", json_boolean(db_col_int(q, CRS_C_SELF)));
	json_object_set_new(o, "copied_from", app_col_int(q, CRS_C_COPIED_FROM));
	json_object_set_new(o, "created_at", json_integer(db_col_int(q, CRS_C_CREATED_AT)));
	json_object_set_new(o, "updated_at", json_integer(db_col_int(q, CRS_C_UPDATED_AT)));
	json_object_set_new(o, "complete_lessons", json_boolean(db_col_int(q,
	    CRS_C_COMPLETE_LESSONS)));
	json_object_set_new(o, "complete_quizzes", json_boolean(db_col_int(q,
	    CRS_C_COMPLETE_QUIZZES)));
	json_object_set_new(o, "complete_tasks", json_boolean(db_col_int(q,
	    CRS_C_COMPLETE_TASKS)));
	return o;
}

enum ws_err
crs_get(struct db *d, int64_t id, int staff, json_t **out)
{
	struct db_q *q = db_start(d, ST_CRS_GET);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, staff);
	if ((rc = db_step(q)) == WS_OK)
		*out = crs_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
crs_list(struct db *d, int staff, int64_t page, int per_page, json_t **items, int64_t *total)
{
	struct db_q *q = db_start(d, ST_CRS_COUNT);
	enum ws_err rc;

	*items = NULL;
	*total = 0;
	db_bind_int(q, 1, staff);
	if ((rc = db_step(q)) == WS_OK)
		*total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc == WS_EDONE ? WS_EDB : rc;
	*items = json_array();
	q = db_start(d, ST_CRS_LIST);
	db_bind_int(q, 1, staff);
	db_bind_int(q, 2, per_page);
	db_bind_int(q, 3, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*items, crs_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

/* A completion rule of values: 1 unless it says false (a course made
 * without them, as the demo's, asks for everything). */
static int
rule(json_t *values, const char *k)
{
	return VAL(k) ? json_is_true(VAL(k)) : 1;
}

enum ws_err
crs_insert(struct db *d, json_t *values, int64_t from, int64_t by, int64_t *id)
{
	struct db_q *q = db_start(d, ST_CRS_INSERT);
	int64_t now = now_s();
	enum ws_err rc;

	db_bind_text(q, 1, STR("title"));
	db_bind_text(q, 2, STR("summary"));
	app_bind_json(q, 3, VAL("languages"), "[]");
	db_bind_int(q, 4, json_integer_value(VAL("estimated_hours")));
	db_bind_text(q, 5, STR("status"));
	db_bind_int(q, 6, json_is_true(VAL("self_enrolment")));
	if (from)
		db_bind_int(q, 7, from);
	else
		db_bind_null(q, 7);
	db_bind_int(q, 8, by);
	db_bind_int(q, 9, now);
	db_bind_int(q, 10, now);
	db_bind_int(q, 11, rule(values, "complete_lessons"));
	db_bind_int(q, 12, rule(values, "complete_quizzes"));
	db_bind_int(q, 13, rule(values, "complete_tasks"));
	if ((rc = db_step(q)) == WS_OK)
		*id = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

enum ws_err
crs_update(struct db *d, int64_t id, json_t *values)
{
	struct db_q *q = db_start(d, ST_CRS_UPDATE);
	enum ws_err rc;

	db_bind_text(q, 1, STR("title"));
	db_bind_text(q, 2, STR("summary"));
	app_bind_json(q, 3, VAL("languages"), "[]");
	db_bind_int(q, 4, json_integer_value(VAL("estimated_hours")));
	db_bind_text(q, 5, STR("status"));
	db_bind_int(q, 6, json_is_true(VAL("self_enrolment")));
	db_bind_int(q, 7, now_s());
	db_bind_int(q, 8, rule(values, "complete_lessons"));
	db_bind_int(q, 9, rule(values, "complete_quizzes"));
	db_bind_int(q, 10, rule(values, "complete_tasks"));
	db_bind_int(q, 11, id);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

/* Runs statement s with the one parameter id, a write. */
static enum ws_err
exec_id(struct db *d, enum db_stmt s, int64_t id)
{
	struct db_q *q = db_start(d, s);
	enum ws_err rc;

	db_bind_int(q, 1, id);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
crs_delete(struct db *d, int64_t id)
{
	return exec_id(d, ST_CRS_DELETE, id);
}

enum ws_err
crs_touch(struct db *d, int64_t id)
{
	struct db_q *q = db_start(d, ST_CRS_TOUCH);
	enum ws_err rc;

	db_bind_int(q, 1, now_s());
	db_bind_int(q, 2, id);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
crs_lock(struct db *d, int64_t id)
{
	return app_one_int(d, ST_CRS_LOCK, id, NULL);
}

/* ---- modules ---------------------------------------------------------- */

static json_t *
module_row(struct db_q *q)
{
	return json_pack("{s:I,s:I,s:I,s:s,s:s}",
	    "id", (json_int_t)db_col_int(q, CRS_MOD_C_ID),
	    "course_id", (json_int_t)db_col_int(q, CRS_MOD_C_COURSE_ID),
	    "position", (json_int_t)db_col_int(q, CRS_MOD_C_POSITION),
	    "title", db_col_text(q, CRS_MOD_C_TITLE),
	    "summary", db_col_text(q, CRS_MOD_C_SUMMARY));
}

enum ws_err
crs_modules(struct db *d, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_CRS_MODULES);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, id);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, module_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
crs_module_get(struct db *d, int64_t id, int64_t mid, json_t **out)
{
	struct db_q *q = db_start(d, ST_CRS_MODULE_GET);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, mid);
	db_bind_int(q, 2, id);
	if ((rc = db_step(q)) == WS_OK)
		*out = module_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
crs_module_insert(struct db *d, int64_t id, json_t *values, int64_t *mid)
{
	struct db_q *q = db_start(d, ST_CRS_MODULE_INSERT);
	int64_t now = now_s();
	enum ws_err rc;

	db_bind_int(q, 1, id);
	db_bind_int(q, 2, id);
	db_bind_text(q, 3, STR("title"));
	db_bind_text(q, 4, STR("summary"));
	db_bind_int(q, 5, now);
	db_bind_int(q, 6, now);
	if ((rc = db_step(q)) == WS_OK)
		*mid = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

enum ws_err
crs_module_update(struct db *d, int64_t id, int64_t mid, json_t *values)
{
	struct db_q *q = db_start(d, ST_CRS_MODULE_UPDATE);
	enum ws_err rc;

	db_bind_text(q, 1, STR("title"));
	db_bind_text(q, 2, STR("summary"));
	db_bind_int(q, 3, now_s());
	db_bind_int(q, 4, mid);
	db_bind_int(q, 5, id);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
crs_module_delete(struct db *d, int64_t id, int64_t mid)
{
	struct db_q *q = db_start(d, ST_CRS_MODULE_DELETE);
	enum ws_err rc;

	db_bind_int(q, 1, mid);
	db_bind_int(q, 2, id);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

/* ---- lessons ---------------------------------------------------------- */

static json_t *
lesson_row(struct db_q *q)
{
	json_t *o = json_object();
	const char *rt = db_col_text(q, CRS_LESSON_C_RESOURCE_TITLE);

	json_object_set_new(o, "id", json_integer(db_col_int(q, CRS_LESSON_C_ID)));
	json_object_set_new(o, "module_id", json_integer(db_col_int(q, CRS_LESSON_C_MODULE_ID)));
	json_object_set_new(o, "course_id", json_integer(db_col_int(q, CRS_LESSON_C_COURSE_ID)));
	json_object_set_new(o, "position", json_integer(db_col_int(q, CRS_LESSON_C_POSITION)));
	json_object_set_new(o, "title", json_string(db_col_text(q, CRS_LESSON_C_TITLE)));
	json_object_set_new(o, "kind", json_string(db_col_text(q, CRS_LESSON_C_KIND)));
	json_object_set_new(o, "body", json_string(db_col_text(q, CRS_LESSON_C_BODY)));
	json_object_set_new(o, "video_url", json_string(db_col_text(q, CRS_LESSON_C_VIDEO_URL)));
	json_object_set_new(o, "resource_id", app_col_int(q, CRS_LESSON_C_RESOURCE_ID));
	json_object_set_new(o, "resource_title", rt ? json_string(rt) : json_null());
	json_object_set_new(o, "minutes", json_integer(db_col_int(q, CRS_LESSON_C_MINUTES)));
	return o;
}

enum ws_err
crs_lessons(struct db *d, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_CRS_LESSONS);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, id);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, lesson_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
crs_lesson_get(struct db *d, int64_t id, int64_t lid, json_t **out)
{
	struct db_q *q = db_start(d, ST_CRS_LESSON_GET);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, lid);
	db_bind_int(q, 2, id);
	if ((rc = db_step(q)) == WS_OK)
		*out = lesson_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

/* Binds a lesson's fields from 1 (title, kind, body, video_url,
 * resource_id, minutes); the next parameter's number. */
static int
bind_lesson(struct db_q *q, int i, json_t *values)
{
	db_bind_text(q, i++, STR("title"));
	db_bind_text(q, i++, STR("kind"));
	db_bind_text(q, i++, STR("body"));
	db_bind_text(q, i++, STR("video_url"));
	app_bind_int_opt(q, i++, VAL("resource_id"));
	db_bind_int(q, i++, json_integer_value(VAL("minutes")));
	return i;
}

enum ws_err
crs_lesson_insert(struct db *d, int64_t mid, json_t *values, int64_t *lid)
{
	struct db_q *q = db_start(d, ST_CRS_LESSON_INSERT);
	int64_t now = now_s();
	enum ws_err rc;
	int i;

	db_bind_int(q, 1, mid);
	db_bind_int(q, 2, mid);
	i = bind_lesson(q, 3, values);
	db_bind_int(q, i++, now);
	db_bind_int(q, i, now);
	if ((rc = db_step(q)) == WS_OK)
		*lid = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

enum ws_err
crs_lesson_update(struct db *d, int64_t lid, json_t *values)
{
	struct db_q *q = db_start(d, ST_CRS_LESSON_UPDATE);
	enum ws_err rc;
	int i;

	i = bind_lesson(q, 1, values);
	db_bind_int(q, i++, now_s());
	db_bind_int(q, i, lid);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
crs_lesson_delete(struct db *d, int64_t lid)
{
	return exec_id(d, ST_CRS_LESSON_DELETE, lid);
}

int
crs_resource_exists(struct db *d, int64_t rid)
{
	return app_one_int(d, ST_CRS_RESOURCE_EXISTS, rid, NULL) == WS_OK;
}

enum ws_err
crs_reorder(struct db *d, int lessons, json_t *ids, int64_t id, int64_t pos)
{
	json_t *order = json_array(), *x;
	enum ws_err rc = WS_OK;
	size_t i, n = json_array_size(ids);

	json_array_foreach(ids, i, x)
		if (json_integer_value(x) != id)
			json_array_append(order, x);
	if (pos < 1)
		pos = 1;
	if ((size_t)pos > n)
		pos = (int64_t)n;
	json_array_insert_new(order, (size_t)pos - 1, json_integer(id));
	json_array_foreach(order, i, x) {
		struct db_q *q = db_start(d, lessons ? ST_CRS_LESSON_SET_POS :
		    ST_CRS_MODULE_SET_POS);

		db_bind_int(q, 1, (int64_t)i + 1);
		db_bind_int(q, 2, json_integer_value(x));
		rc = db_exec(q, NULL);
		db_end(q);
		if (rc != WS_OK)
			break;
	}
	json_decref(order);
	return rc;
}

/* ---- cohorts -------------------------------------------------------------- */

static json_t *
cohort_row(struct db_q *q)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(db_col_int(q, CRS_COHORT_C_ID)));
	json_object_set_new(o, "course_id", json_integer(db_col_int(q, CRS_COHORT_C_COURSE_ID)));
	json_object_set_new(o, "title", json_string(db_col_text(q, CRS_COHORT_C_TITLE)));
	json_object_set_new(o, "timezone", json_string(db_col_text(q, CRS_COHORT_C_TIMEZONE)));
	json_object_set_new(o, "enrolment_opens_at", app_col_int(q, CRS_COHORT_C_OPENS));
	json_object_set_new(o, "enrolment_closes_at", app_col_int(q, CRS_COHORT_C_CLOSES));
	json_object_set_new(o, "starts_at", json_integer(db_col_int(q, CRS_COHORT_C_STARTS)));
	json_object_set_new(o, "ends_at", json_integer(db_col_int(q, CRS_COHORT_C_ENDS)));
	json_object_set_new(o, "call_id", app_col_int(q, CRS_COHORT_C_CALL_ID));
	json_object_set_new(o, "created_at", json_integer(db_col_int(q, CRS_COHORT_C_CREATED_AT)));
	json_object_set_new(o, "updated_at", json_integer(db_col_int(q, CRS_COHORT_C_UPDATED_AT)));
	json_object_set_new(o, "course_title", json_string(db_col_text(q,
	    CRS_COHORT_C_COURSE_TITLE)));
	json_object_set_new(o, "course_status", json_string(db_col_text(q,
	    CRS_COHORT_C_COURSE_STATUS)));
	json_object_set_new(o, "self_enrolment", json_boolean(db_col_int(q, CRS_COHORT_C_SELF)));
	json_object_set_new(o, "participants", json_integer(db_col_int(q,
	    CRS_COHORT_C_PARTICIPANTS)));
	return o;
}

enum ws_err
crs_cohort_get(struct db *d, int64_t kid, int staff, json_t **out)
{
	struct db_q *q = db_start(d, ST_CRS_COHORT_GET);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, kid);
	db_bind_int(q, 2, staff);
	if ((rc = db_step(q)) == WS_OK)
		*out = cohort_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
crs_cohort_list(struct db *d, int64_t id, int staff, int max, json_t **out)
{
	struct db_q *q = db_start(d, ST_CRS_COHORT_LIST);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, id);
	db_bind_int(q, 3, staff);
	db_bind_int(q, 4, max);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, cohort_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
crs_cohort_put(struct db *d, int64_t kid, json_t *values, int64_t by, int64_t *out)
{
	struct db_q *q = db_start(d, kid ? ST_CRS_COHORT_UPDATE : ST_CRS_COHORT_INSERT);
	int64_t now = now_s();
	enum ws_err rc;
	json_t *x;
	size_t i;

	db_bind_int(q, 1, json_integer_value(VAL("course_id")));
	db_bind_text(q, 2, STR("title"));
	db_bind_text(q, 3, STR("timezone"));
	app_bind_int_opt(q, 4, VAL("enrolment_opens_at"));
	app_bind_int_opt(q, 5, VAL("enrolment_closes_at"));
	db_bind_int(q, 6, json_integer_value(VAL("start_at")));
	db_bind_int(q, 7, json_integer_value(VAL("end_at")));
	app_bind_int_opt(q, 8, VAL("call_id"));
	if (kid) {
		db_bind_int(q, 9, now);
		db_bind_int(q, 10, kid);
		rc = db_exec(q, NULL);
		*out = kid;
	} else {
		db_bind_int(q, 9, by);
		db_bind_int(q, 10, now);
		db_bind_int(q, 11, now);
		if ((rc = db_step(q)) == WS_OK)
			*out = db_col_int(q, 0);
		else if (rc == WS_EDONE)
			rc = WS_EDB;
	}
	db_end(q);
	if (rc != WS_OK || (rc = exec_id(d, ST_CRS_TUTORS_CLEAR, *out)) != WS_OK)
		return rc;
	json_array_foreach(VAL("tutors"), i, x) {
		q = db_start(d, ST_CRS_TUTOR_ADD);
		db_bind_int(q, 1, *out);
		db_bind_int(q, 2, json_integer_value(x));
		rc = db_exec(q, NULL);
		db_end(q);
		if (rc != WS_OK)
			break;
	}
	return rc;
}

enum ws_err
crs_cohort_lock(struct db *d, int64_t kid)
{
	return app_one_int(d, ST_CRS_COHORT_LOCK, kid, NULL);
}

enum ws_err
crs_cohorts_of_call(struct db *d, int64_t cid, json_t **out)
{
	struct db_q *q = db_start(d, ST_CRS_COHORTS_OF_CALL);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, cid);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, json_integer(db_col_int(q, 0)));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
crs_tutors(struct db *d, int64_t kid, json_t **out)
{
	struct db_q *q = db_start(d, ST_CRS_TUTORS);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, kid);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, json_pack("{s:I,s:s}", "id",
		    (json_int_t)db_col_int(q, CRS_TUTOR_C_ID), "name", db_col_text(q,
		    CRS_TUTOR_C_NAME)));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
crs_enrol(struct db *d, int64_t kid, int64_t uid, const char *source, int64_t aid, int64_t by,
    int *added)
{
	struct db_q *q = db_start(d, ST_CRS_ENROL);
	int64_t changed = 0;
	enum ws_err rc;

	db_bind_int(q, 1, kid);
	db_bind_int(q, 2, uid);
	db_bind_text(q, 3, source);
	if (aid)
		db_bind_int(q, 4, aid);
	else
		db_bind_null(q, 4);
	if (by)
		db_bind_int(q, 5, by);
	else
		db_bind_null(q, 5);
	db_bind_int(q, 6, now_s());
	rc = db_exec(q, &changed);
	db_end(q);
	*added = changed > 0;
	return rc;
}

enum ws_err
crs_enrolments(struct db *d, int64_t kid, int64_t uid, int64_t page, int per_page,
    json_t **out)
{
	struct db_q *q = db_start(d, ST_CRS_ENROLMENTS);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, kid);
	db_bind_int(q, 2, uid);
	db_bind_int(q, 3, uid);
	db_bind_int(q, 4, per_page);
	db_bind_int(q, 5, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, json_pack("{s:I,s:I,s:s,s:s,s:I}", "id",
		    (json_int_t)db_col_int(q, CRS_ENROL_C_ID), "user_id",
		    (json_int_t)db_col_int(q, CRS_ENROL_C_USER_ID), "name", db_col_text(q,
		    CRS_ENROL_C_NAME), "source", db_col_text(q, CRS_ENROL_C_SOURCE),
		    "created_at", (json_int_t)db_col_int(q, CRS_ENROL_C_CREATED_AT)));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
crs_call_kind(struct db *d, int64_t cid, char *buf, size_t len)
{
	struct db_q *q = db_start(d, ST_CRS_CALL_KIND);
	enum ws_err rc;

	buf[0] = '\0';
	db_bind_int(q, 1, cid);
	if ((rc = db_step(q)) == WS_OK)
		snprintf(buf, len, "%s", db_col_text(q, 0) ? db_col_text(q, 0) : "");
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

/* ---- reading ----------------------------------------------------------------- */

/* id as a key of a JSON object, in a static buffer (one at a time). */
static const char *
key_of(int64_t id)
{
	static _Thread_local char key[24];

	snprintf(key, sizeof key, "%lld", (long long)id);
	return key;
}

enum ws_err
crs_access(struct db *d, int64_t uid, int64_t id, int64_t now, int64_t *running,
    int64_t *enrolled, int64_t *tutor)
{
	struct db_q *q = db_start(d, ST_CRS_ACCESS);
	enum ws_err rc;

	*running = *enrolled = *tutor = 0;
	db_bind_int(q, 1, uid);
	db_bind_int(q, 2, id);
	db_bind_int(q, 3, now);
	db_bind_int(q, 4, now);
	db_bind_int(q, 5, uid);
	db_bind_int(q, 6, id);
	db_bind_int(q, 7, uid);
	db_bind_int(q, 8, id);
	if ((rc = db_step(q)) == WS_OK) {
		*running = db_col_int(q, CRS_ACCESS_C_RUNNING);
		*enrolled = db_col_int(q, CRS_ACCESS_C_ENROLLED);
		*tutor = db_col_int(q, CRS_ACCESS_C_TUTOR);
	}
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

enum ws_err
crs_read_mark(struct db *d, int64_t uid, int64_t lid, int64_t kid)
{
	struct db_q *q = db_start(d, ST_CRS_READ_MARK);
	enum ws_err rc;

	db_bind_int(q, 1, uid);
	db_bind_int(q, 2, lid);
	db_bind_int(q, 3, kid);
	db_bind_int(q, 4, now_s());
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
crs_reads(struct db *d, int64_t uid, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_CRS_READS);
	enum ws_err rc;

	*out = json_object();
	db_bind_int(q, 1, uid);
	db_bind_int(q, 2, id);
	while ((rc = db_step(q)) == WS_OK)
		json_object_set_new(*out, key_of(db_col_int(q, 0)), json_true());
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}
