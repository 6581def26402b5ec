/*
 * store.c -- the rows of meetings and meeting_bodies (meetings_int.h).
 * The SQL is the ST_MTG_* rows of src/db/statements.c.
 */
#include <string.h>

#include "app/app.h"
#include "app/meetings/meetings_int.h"
#include "core/util.h"
#include "db/db.h"

void
mtg_viewer_of(struct req *r, struct mtg_viewer *v)
{
	enum role ro = r->user ? r->user->role : ROLE_ANON;

	v->staff = ro >= ROLE_STAFF;
	v->member = ro == ROLE_MEMBER || ro == ROLE_FOCAL || v->staff;
}

enum ws_err
mtg_bodies(struct db *d, json_t **out)
{
	struct db_q *q = db_start(d, ST_MTG_BODY_LIST);
	enum ws_err rc;

	*out = json_array();
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, json_pack("{s:s,s:s,s:s,s:I}",
		    "code", db_col_text(q, MTG_BODY_C_CODE),
		    "name_en", db_col_text(q, MTG_BODY_C_NAME_EN),
		    "name_fr", db_col_text(q, MTG_BODY_C_NAME_FR),
		    "position", (json_int_t)db_col_int(q, MTG_BODY_C_POSITION)));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
mtg_body_insert(struct db *d, const char *code, const char *name_en, const char *name_fr,
    int64_t by)
{
	struct db_q *q = db_start(d, ST_MTG_BODY_INSERT);
	enum ws_err rc;

	db_bind_text(q, 1, code);
	db_bind_text(q, 2, name_en);
	db_bind_text(q, 3, name_fr);
	db_bind_int(q, 4, by);
	db_bind_int(q, 5, now_s());
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

/* The current row of q (enum mtg_col) as JSON.  New reference. */
static json_t *
mtg_row(struct db_q *q)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(db_col_int(q, MTG_C_ID)));
	json_object_set_new(o, "event_title", json_string(db_col_text(q, MTG_C_EVENT_TITLE)));
	json_object_set_new(o, "description", json_string(db_col_text(q, MTG_C_DESCRIPTION)));
	json_object_set_new(o, "start_at", json_integer(db_col_int(q, MTG_C_START_AT)));
	json_object_set_new(o, "end_at", json_integer(db_col_int(q, MTG_C_END_AT)));
	json_object_set_new(o, "timezone", json_string(db_col_text(q, MTG_C_TIMEZONE)));
	json_object_set_new(o, "venue", json_string(db_col_text(q, MTG_C_VENUE)));
	json_object_set_new(o, "resources", app_col_json(q, MTG_C_RESOURCES, json_array()));
	json_object_set_new(o, "status", json_string(db_col_text(q, MTG_C_STATUS)));
	json_object_set_new(o, "visibility", json_string(db_col_text(q, MTG_C_VISIBILITY)));
	json_object_set_new(o, "created_at", json_integer(db_col_int(q, MTG_C_CREATED_AT)));
	json_object_set_new(o, "updated_at", json_integer(db_col_int(q, MTG_C_UPDATED_AT)));
	json_object_set_new(o, "body", json_string(db_col_text(q, MTG_C_BODY)));
	json_object_set_new(o, "working_group", json_string(db_col_text(q,
	    MTG_C_WORKING_GROUP)));
	json_object_set_new(o, "number", json_integer(db_col_int(q, MTG_C_NUMBER)));
	json_object_set_new(o, "title", json_string(db_col_text(q, MTG_C_TITLE)));
	json_object_set_new(o, "year", json_integer(db_col_int(q, MTG_C_YEAR)));
	json_object_set_new(o, "agenda", app_col_json(q, MTG_C_AGENDA, json_array()));
	json_object_set_new(o, "eligibility", json_string(db_col_text(q, MTG_C_ELIGIBILITY)));
	json_object_set_new(o, "invited", app_col_json(q, MTG_C_INVITED, json_array()));
	json_object_set_new(o, "nominations_opens_at", app_col_int(q, MTG_C_NOM_OPENS));
	json_object_set_new(o, "nominations_closes_at", app_col_int(q, MTG_C_NOM_CLOSES));
	json_object_set_new(o, "delegates_max", json_integer(db_col_int(q,
	    MTG_C_DELEGATES_MAX)));
	json_object_set_new(o, "body_name_en", json_string(db_col_text(q, MTG_C_BODY_NAME_EN)));
	json_object_set_new(o, "body_name_fr", json_string(db_col_text(q, MTG_C_BODY_NAME_FR)));
	json_object_set_new(o, "side_events_opens_at", app_col_int(q, MTG_C_SE_OPENS));
	json_object_set_new(o, "side_events_closes_at", app_col_int(q, MTG_C_SE_CLOSES));
	json_object_set_new(o, "side_event_slots", app_col_json(q, MTG_C_SE_SLOTS, json_array()));
	json_object_set_new(o, "speaking_opens_at", app_col_int(q, MTG_C_SPK_OPENS));
	json_object_set_new(o, "speaking_closes_at", app_col_int(q, MTG_C_SPK_CLOSES));
	return o;
}

enum ws_err
mtg_get(struct db *d, const struct mtg_viewer *v, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_MTG_GET);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, v->staff);
	db_bind_int(q, 3, v->member);
	if ((rc = db_step(q)) == WS_OK)
		*out = mtg_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
mtg_open_windows(struct db *d, const struct mtg_viewer *v, int64_t now, int max,
    json_t **out)
{
	struct db_q *q = db_start(d, ST_MTG_OPEN_WINDOWS);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, v->staff);
	db_bind_int(q, 2, v->member);
	db_bind_int(q, 3, now);
	db_bind_int(q, 4, now);
	db_bind_int(q, 5, max);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, mtg_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

/* Binds EV_VISIBLE and MTG_FILTER from first, leaving out the filter of
 * facet skip (NULL: none).  The next parameter's number. */
static int
bind_where(struct db_q *q, int first, const struct mtg_viewer *v, const struct mtg_filter *f,
    const char *skip)
{
	const char *body = skip && strcmp(skip, "body") == 0 ? "" : f->body ? f->body : "";
	int64_t year = skip && strcmp(skip, "year") == 0 ? 0 : f->year;
	int i = first;

	db_bind_int(q, i++, v->staff);
	db_bind_int(q, i++, v->member);
	db_bind_text(q, i++, body);
	db_bind_text(q, i++, body);
	db_bind_int(q, i++, year);
	db_bind_int(q, i++, year);
	return i;
}

enum ws_err
mtg_list(struct db *d, const struct mtg_viewer *v, const struct mtg_filter *f, int64_t page,
    int per_page, json_t **items, int64_t *total)
{
	struct db_q *q = db_start(d, ST_MTG_COUNT);
	enum ws_err rc;
	int i;

	*items = NULL;
	*total = 0;
	bind_where(q, 1, v, f, NULL);
	if ((rc = db_step(q)) == WS_OK)
		*total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc == WS_EDONE ? WS_EDB : rc;
	*items = json_array();
	q = db_start(d, ST_MTG_LIST);
	i = bind_where(q, 1, v, f, NULL);
	db_bind_int(q, i++, per_page);
	db_bind_int(q, i, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*items, mtg_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
mtg_facet(struct db *d, const struct mtg_viewer *v, const struct mtg_filter *f,
    const char *facet, json_t **out)
{
	struct db_q *q = db_start(d, strcmp(facet, "body") == 0 ? ST_MTG_FACET_BODY :
	    ST_MTG_FACET_YEAR);
	enum ws_err rc;

	*out = json_object();
	bind_where(q, 1, v, f, facet);
	while ((rc = db_step(q)) == WS_OK) {
		const char *k = db_col_text(q, 0);

		if (k)
			json_object_set_new(*out, k, json_integer(db_col_int(q, 1)));
	}
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

#define VAL(k) json_object_get(values, k)
#define STR(k) (json_string_value(VAL(k)) ? json_string_value(VAL(k)) : "")

enum ws_err
mtg_put(struct db *d, int64_t id, json_t *values, int is_new)
{
	struct db_q *q = db_start(d, is_new ? ST_MTG_INSERT : ST_MTG_UPDATE);
	enum ws_err rc;

	db_bind_text(q, 1, STR("body"));
	db_bind_text(q, 2, STR("working_group"));
	db_bind_int(q, 3, json_integer_value(VAL("number")));
	db_bind_text(q, 4, STR("title"));
	db_bind_int(q, 5, json_integer_value(VAL("year")));
	app_bind_json(q, 6, VAL("agenda"), "[]");
	db_bind_text(q, 7, STR("eligibility"));
	app_bind_json(q, 8, VAL("invited"), "[]");
	app_bind_int_opt(q, 9, VAL("nominations_opens_at"));
	app_bind_int_opt(q, 10, VAL("nominations_closes_at"));
	db_bind_int(q, 11, json_integer_value(VAL("delegates_max")));
	app_bind_int_opt(q, 12, VAL("side_events_opens_at"));
	app_bind_int_opt(q, 13, VAL("side_events_closes_at"));
	app_bind_json(q, 14, VAL("side_event_slots"), "[]");
	db_bind_int(q, 15, id);
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc != WS_OK)
		return rc;
	/* the speaking window (migration 30) */
	q = db_start(d, ST_SPK_WINDOW_PUT);
	app_bind_int_opt(q, 1, VAL("speaking_opens_at"));
	app_bind_int_opt(q, 2, VAL("speaking_closes_at"));
	db_bind_int(q, 3, id);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
mtg_same_number(struct db *d, const char *body, const char *wg, int64_t number, int64_t id,
    int64_t *other)
{
	struct db_q *q = db_start(d, ST_MTG_SAME_NUMBER);
	enum ws_err rc;

	*other = 0;
	db_bind_text(q, 1, body);
	db_bind_text(q, 2, wg);
	db_bind_int(q, 3, number);
	db_bind_int(q, 4, id);
	if ((rc = db_step(q)) == WS_OK)
		*other = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

/* ---- nominations (nominations.c) ---------------------------------------- */

enum ws_err
mtg_lock(struct db *d, int64_t id)
{
	return app_one_int(d, ST_MTG_LOCK, id, NULL);
}

/* The current row of q (enum mtg_nom_col) as JSON.  New reference. */
static json_t *
nom_row(struct db_q *q)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(db_col_int(q, MTG_NOM_C_ID)));
	json_object_set_new(o, "meeting_id", json_integer(db_col_int(q, MTG_NOM_C_EVENT_ID)));
	json_object_set_new(o, "organization_id", json_integer(db_col_int(q, MTG_NOM_C_ORG_ID)));
	json_object_set_new(o, "organization", json_string(db_col_text(q, MTG_NOM_C_ORG_NAME)));
	json_object_set_new(o, "organization_ecosoc_status", json_string(db_col_text(q,
	    MTG_NOM_C_ORG_ECOSOC)));
	json_object_set_new(o, "nominated_by", app_col_int(q, MTG_NOM_C_NOMINATED_BY));
	json_object_set_new(o, "name", json_string(db_col_text(q, MTG_NOM_C_NAME)));
	json_object_set_new(o, "title", json_string(db_col_text(q, MTG_NOM_C_TITLE)));
	json_object_set_new(o, "email", json_string(db_col_text(q, MTG_NOM_C_EMAIL)));
	json_object_set_new(o, "nationality", json_string(db_col_text(q,
	    MTG_NOM_C_NATIONALITY)));
	json_object_set_new(o, "passport_name", json_string(db_col_text(q, MTG_NOM_C_PASSPORT)));
	json_object_set_new(o, "visa_letter", json_boolean(db_col_int(q, MTG_NOM_C_VISA)));
	json_object_set_new(o, "attendance", json_string(db_col_text(q, MTG_NOM_C_ATTENDANCE)));
	json_object_set_new(o, "status", json_string(db_col_text(q, MTG_NOM_C_STATUS)));
	json_object_set_new(o, "reason", json_string(db_col_text(q, MTG_NOM_C_REASON)));
	json_object_set_new(o, "created_at", json_integer(db_col_int(q, MTG_NOM_C_CREATED_AT)));
	json_object_set_new(o, "decided_at", app_col_int(q, MTG_NOM_C_DECIDED_AT));
	return o;
}

enum ws_err
mtg_nom_get(struct db *d, int64_t id, int64_t nid, json_t **out)
{
	struct db_q *q = db_start(d, ST_MTG_NOM_GET);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, nid);
	if ((rc = db_step(q)) == WS_OK)
		*out = nom_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

/* Binds MTG_NOM_WHERE from 1; the next parameter's number. */
static int
bind_nom_where(struct db_q *q, int64_t id, int64_t uid, const char *email,
    const struct mtg_nom_filter *f)
{
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, uid);
	db_bind_int(q, 3, uid);
	db_bind_text(q, 4, email ? email : "");
	db_bind_text(q, 5, f->status ? f->status : "");
	db_bind_text(q, 6, f->status ? f->status : "");
	db_bind_int(q, 7, f->org);
	db_bind_int(q, 8, f->org);
	return 9;
}

enum ws_err
mtg_nom_list(struct db *d, int64_t id, int64_t uid, const char *email,
    const struct mtg_nom_filter *f, int64_t page, int per_page, json_t **items, int64_t *total)
{
	struct db_q *q = db_start(d, ST_MTG_NOM_COUNT);
	enum ws_err rc;
	int i;

	*items = NULL;
	*total = 0;
	bind_nom_where(q, id, uid, email, f);
	if ((rc = db_step(q)) == WS_OK)
		*total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc == WS_EDONE ? WS_EDB : rc;
	*items = json_array();
	q = db_start(d, ST_MTG_NOM_LIST);
	i = bind_nom_where(q, id, uid, email, f);
	db_bind_int(q, i++, per_page);
	db_bind_int(q, i, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*items, nom_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
mtg_nom_org_count(struct db *d, int64_t id, int64_t org, int64_t *n)
{
	struct db_q *q = db_start(d, ST_MTG_NOM_ORG_COUNT);
	enum ws_err rc;

	*n = 0;
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, org);
	if ((rc = db_step(q)) == WS_OK)
		*n = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

enum ws_err
mtg_nom_same_email(struct db *d, int64_t id, int64_t org, const char *email, int64_t *other)
{
	struct db_q *q = db_start(d, ST_MTG_NOM_SAME_EMAIL);
	enum ws_err rc;

	*other = 0;
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, org);
	db_bind_text(q, 3, email);
	if ((rc = db_step(q)) == WS_OK)
		*other = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
mtg_nom_elsewhere(struct db *d, int64_t nid, int64_t *count, int *approved)
{
	struct db_q *q = db_start(d, ST_MTG_NOM_ELSEWHERE);
	enum ws_err rc;

	*count = 0;
	*approved = 0;
	db_bind_int(q, 1, nid);
	if ((rc = db_step(q)) == WS_OK) {
		*count = db_col_int(q, MTG_ELSE_C_COUNT);
		*approved = db_col_int(q, MTG_ELSE_C_APPROVED) != 0;
	}
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

enum ws_err
mtg_nom_insert(struct db *d, int64_t id, int64_t org, int64_t by, json_t *values,
    int64_t *nid)
{
	struct db_q *q = db_start(d, ST_MTG_NOM_INSERT);
	enum ws_err rc;

	db_bind_int(q, 1, id);
	db_bind_int(q, 2, org);
	db_bind_int(q, 3, by);
	db_bind_text(q, 4, STR("name"));
	db_bind_text(q, 5, STR("title"));
	db_bind_text(q, 6, STR("email"));
	db_bind_text(q, 7, STR("nationality"));
	db_bind_text(q, 8, STR("passport_name"));
	db_bind_int(q, 9, json_is_true(VAL("visa_letter")));
	db_bind_text(q, 10, STR("attendance"));
	db_bind_int(q, 11, now_s());
	if ((rc = db_step(q)) == WS_OK)
		*nid = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

enum ws_err
mtg_nom_decide(struct db *d, int64_t nid, const char *status, const char *reason, int64_t by,
    int *done)
{
	struct db_q *q = db_start(d, ST_MTG_NOM_DECIDE);
	int64_t n = 0;
	enum ws_err rc;

	db_bind_text(q, 1, status);
	db_bind_text(q, 2, reason ? reason : "");
	db_bind_int(q, 3, now_s());
	db_bind_int(q, 4, by);
	db_bind_int(q, 5, nid);
	rc = db_exec(q, &n);
	db_end(q);
	*done = rc == WS_OK && n == 1;
	return rc;
}

enum ws_err
mtg_nom_desk(struct db *d, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_MTG_NOM_APPROVED);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, id);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, json_pack("{s:s,s:s,s:s,s:s,s:s,s:b}",
		    "organization", db_col_text(q, MTG_DESK_C_ORG),
		    "ecosoc_status", db_col_text(q, MTG_DESK_C_ECOSOC),
		    "name", db_col_text(q, MTG_DESK_C_NAME),
		    "title", db_col_text(q, MTG_DESK_C_TITLE),
		    "nationality", db_col_text(q, MTG_DESK_C_NATIONALITY),
		    "visa_letter", db_col_int(q, MTG_DESK_C_VISA) != 0));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
mtg_nom_orgs(struct db *d, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_MTG_NOM_ORGS);
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
mtg_nom_of_email(struct db *d, const char *email, int max, json_t **out)
{
	struct db_q *q = db_start(d, ST_MTG_NOM_OF_EMAIL);
	enum ws_err rc;

	*out = json_array();
	db_bind_text(q, 1, email);
	db_bind_int(q, 2, max);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, json_pack("{s:I,s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s}",
		    "id", (json_int_t)db_col_int(q, MTG_MINE_C_ID),
		    "meeting_id", (json_int_t)db_col_int(q, MTG_MINE_C_EVENT_ID),
		    "organization_id", (json_int_t)db_col_int(q, MTG_MINE_C_ORG_ID),
		    "organization", db_col_text(q, MTG_MINE_C_ORG),
		    "status", db_col_text(q, MTG_MINE_C_STATUS),
		    "reason", db_col_text(q, MTG_MINE_C_REASON),
		    "body_name_en", db_col_text(q, MTG_MINE_C_BODY_EN),
		    "body_name_fr", db_col_text(q, MTG_MINE_C_BODY_FR),
		    "title", db_col_text(q, MTG_MINE_C_TITLE)));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

/* ---- requests to speak (speaking.c; the rest in speaking_store.c) ---------- */

enum ws_err
mtg_spk_open_windows(struct db *d, const struct mtg_viewer *v, int64_t now, int max,
    json_t **out)
{
	struct db_q *q = db_start(d, ST_SPK_OPEN_WINDOWS);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, v->staff);
	db_bind_int(q, 2, v->member);
	db_bind_int(q, 3, now);
	db_bind_int(q, 4, now);
	db_bind_int(q, 5, max);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, mtg_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}
