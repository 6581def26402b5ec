/*
 * store.c -- the rows of events and event_terms (events_int.h).  The SQL
 * is the ST_EV_* rows of src/db/statements.c.
 */
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/dialogues/dialogues.h"
#include "app/events/events_int.h"
#include "core/util.h"
#include "db/db.h"

const char *const ev_term_facet[ET__MAX] = { "theme", "language", "region" };
const char *const ev_term_field[ET__MAX] = { "themes", "languages", "regions" };

const char *const ev_kinds[] = { "workshop", "webinar", "training", "briefing",
	"expert_group_meeting", "side_event", "session", "other", NULL };

void
ev_viewer_for(const struct user *u, struct ev_viewer *v)
{
	enum role ro = u ? u->role : ROLE_ANON;

	memset(v, 0, sizeof *v);
	v->uid = u ? u->id : 0;
	v->staff = ro >= ROLE_STAFF;
	v->member = ro == ROLE_MEMBER || ro == ROLE_FOCAL || v->staff;
}

void
ev_viewer_of(struct req *r, struct ev_viewer *v)
{
	ev_viewer_for(r->user, v);
}

/* Binds EV_VISIBLE and EV_FILTER from first, leaving out the filter of
 * facet skip (NULL: none).  The next parameter's number. */
static int
bind_where(struct db_q *q, int first, const struct ev_viewer *v, const struct ev_filter *f,
    const char *skip)
{
	int i = first, t;
	const char *s;

	db_bind_int(q, i++, v->staff);
	db_bind_int(q, i++, v->member);
	s = f->status ? f->status : "";
	db_bind_text(q, i++, s);
	db_bind_text(q, i++, s);
	s = skip && strcmp(skip, "kind") == 0 ? "" : f->kind ? f->kind : "";
	db_bind_text(q, i++, s);
	db_bind_text(q, i++, s);
	s = skip && strcmp(skip, "month") == 0 ? "" : f->month ? f->month : "";
	db_bind_text(q, i++, s);
	db_bind_text(q, i++, s);
	s = f->when ? f->when : "";
	db_bind_text(q, i++, s);
	db_bind_text(q, i++, s);
	db_bind_int(q, i++, f->now);
	db_bind_text(q, i++, s);
	db_bind_int(q, i++, f->now);
	for (t = 0; t < ET__MAX; t++) {
		s = skip && strcmp(skip, ev_term_facet[t]) == 0 ? "" : f->term[t] ? f->term[t] : "";
		db_bind_text(q, i++, s);
		db_bind_text(q, i++, s);
	}
	return i;
}

/* The current row of q (enum ev_col) as JSON.  New reference. */
static json_t *
ev_row(struct db_q *q)
{
	json_t *o = json_object();
	const char *mine = db_col_text(q, EV_C_MINE);

	json_object_set_new(o, "id", json_integer(db_col_int(q, EV_C_ID)));
	json_object_set_new(o, "kind", json_string(db_col_text(q, EV_C_KIND)));
	json_object_set_new(o, "title", json_string(db_col_text(q, EV_C_TITLE)));
	json_object_set_new(o, "description", json_string(db_col_text(q, EV_C_DESCRIPTION)));
	json_object_set_new(o, "start_at", json_integer(db_col_int(q, EV_C_START_AT)));
	json_object_set_new(o, "end_at", json_integer(db_col_int(q, EV_C_END_AT)));
	json_object_set_new(o, "timezone", json_string(db_col_text(q, EV_C_TIMEZONE)));
	json_object_set_new(o, "venue", json_string(db_col_text(q, EV_C_VENUE)));
	json_object_set_new(o, "online_url", json_string(db_col_text(q, EV_C_ONLINE_URL)));
	json_object_set_new(o, "languages", app_col_json(q, EV_C_LANGUAGES, json_array()));
	json_object_set_new(o, "themes", app_col_json(q, EV_C_THEMES, json_array()));
	json_object_set_new(o, "regions", app_col_json(q, EV_C_REGIONS, json_array()));
	json_object_set_new(o, "organizer", json_string(db_col_text(q, EV_C_ORGANIZER)));
	json_object_set_new(o, "capacity", app_col_int(q, EV_C_CAPACITY));
	json_object_set_new(o, "registration_opens_at", app_col_int(q, EV_C_REG_OPENS));
	json_object_set_new(o, "registration_closes_at", app_col_int(q, EV_C_REG_CLOSES));
	json_object_set_new(o, "approval_required", json_boolean(db_col_int(q, EV_C_APPROVAL)));
	json_object_set_new(o, "audience", json_string(db_col_text(q, EV_C_AUDIENCE)));
	json_object_set_new(o, "visibility", json_string(db_col_text(q, EV_C_VISIBILITY)));
	json_object_set_new(o, "questions", app_col_json(q, EV_C_QUESTIONS, json_array()));
	json_object_set_new(o, "resources", app_col_json(q, EV_C_RESOURCES, json_array()));
	json_object_set_new(o, "status", json_string(db_col_text(q, EV_C_STATUS)));
	json_object_set_new(o, "created_by", app_col_int(q, EV_C_CREATED_BY));
	json_object_set_new(o, "created_at", json_integer(db_col_int(q, EV_C_CREATED_AT)));
	json_object_set_new(o, "updated_at", json_integer(db_col_int(q, EV_C_UPDATED_AT)));
	json_object_set_new(o, "confirmed", json_integer(db_col_int(q, EV_C_CONFIRMED)));
	json_object_set_new(o, "waitlisted", json_integer(db_col_int(q, EV_C_WAITLISTED)));
	json_object_set_new(o, "mine", mine ? json_string(mine) : json_null());
	return o;
}

int
ev_link_lapsed(struct db *d, int64_t id, int64_t uid)
{
	const char *why = NULL;

	return uid && dialogues_may_register(d, id, uid, &why) == WS_EFORBIDDEN;
}

/* Marks row o (ev_row's) "link_lapsed" when v's place there no longer
 * carries the link (ev_link_lapsed). */
static void
mark_lapsed(struct db *d, const struct ev_viewer *v, json_t *o)
{
	const char *mine = json_string_value(json_object_get(o, "mine"));

	if (!v->staff && mine && (strcmp(mine, "confirmed") == 0 || strcmp(mine,
	    "attended") == 0) && ev_link_lapsed(d, json_integer_value(json_object_get(o, "id")),
	    v->uid))
		json_object_set_new(o, "link_lapsed", json_true());
}

enum ws_err
ev_get(struct db *d, const struct ev_viewer *v, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_EV_GET);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, v->uid);
	db_bind_int(q, 2, id);
	db_bind_int(q, 3, v->staff);
	db_bind_int(q, 4, v->member);
	if ((rc = db_step(q)) == WS_OK)
		*out = ev_row(q);
	db_end(q);
	if (*out)
		mark_lapsed(d, v, *out);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
ev_list(struct db *d, const struct ev_viewer *v, const struct ev_filter *f, int64_t page,
    int per_page, json_t **items, int64_t *total)
{
	struct db_q *q = db_start(d, ST_EV_COUNT);
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
	q = db_start(d, ST_EV_LIST);
	db_bind_int(q, 1, v->uid);
	i = bind_where(q, 2, v, f, NULL);
	db_bind_text(q, i++, f->when ? f->when : "");
	db_bind_int(q, i++, per_page);
	db_bind_int(q, i, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*items, ev_row(q));
	db_end(q);
	if (rc == WS_EDONE) {
		json_t *o;
		size_t k;

		json_array_foreach(*items, k, o)
			mark_lapsed(d, v, o);
	}
	return rc == WS_EDONE ? WS_OK : rc;
}

/* Rows ev_open_for asks for first when it wants a few: most lists end
 * within them, and the database keeps no more than these in its sort. */
#define EV_OPEN_FIRST 32

enum ws_err
ev_open_for(struct db *d, const struct ev_viewer *v, int member, int64_t now, int want,
    int max, json_t **out)
{
	int limit = want > 0 && want < EV_OPEN_FIRST / 2 && max > EV_OPEN_FIRST ?
	    EV_OPEN_FIRST : max, read, enough;
	struct db_q *q;
	int64_t at, last;
	enum ws_err rc;

again:
	*out = json_array();
	q = db_start(d, ST_EV_OPEN_FOR);
	db_bind_int(q, 1, v->staff);
	db_bind_int(q, 2, v->member);
	db_bind_int(q, 3, now);
	db_bind_int(q, 4, now);
	db_bind_int(q, 5, now);
	db_bind_int(q, 6, member);
	db_bind_int(q, 7, v->uid);
	db_bind_int(q, 8, limit);
	read = enough = 0;
	last = 0;
	while ((rc = db_step(q)) == WS_OK) {
		read++;
		at = db_col_int(q, EV_OPEN_C_DEADLINE);
		if (want > 0 && json_array_size(*out) >= (size_t)want &&
		    at >= last + OPP_DAYS_APART) {
			enough = 1;	/* all that can come before it are read */
			break;
		}
		if (want > 0 && json_array_size(*out) < (size_t)want)
			last = at;
		json_array_append_new(*out, json_pack("{s:I,s:s,s:s,s:I,s:s,s:o}", "id",
		    (json_int_t)db_col_int(q, EV_OPEN_C_ID), "title", db_col_text(q,
		    EV_OPEN_C_TITLE), "kind", db_col_text(q, EV_OPEN_C_KIND), "deadline_at",
		    (json_int_t)at, "timezone", db_col_text(q, EV_OPEN_C_TIMEZONE), "themes",
		    app_col_json(q, EV_OPEN_C_THEMES, json_array())));
	}
	db_end(q);
	if (rc != WS_OK && rc != WS_EDONE)
		return rc;
	if (!enough && read == limit && limit < max) {	/* more may matter: all of them */
		json_decref(*out);
		limit = max;
		goto again;
	}
	return WS_OK;
}

enum ws_err
ev_facet(struct db *d, const struct ev_viewer *v, const struct ev_filter *f, const char *facet,
    json_t **out)
{
	int kind = strcmp(facet, "kind") == 0, month = strcmp(facet, "month") == 0;
	struct db_q *q = db_start(d, kind ? ST_EV_FACET_KIND : month ? ST_EV_FACET_MONTH :
	    ST_EV_FACET_TERM);
	enum ws_err rc;

	*out = json_object();
	if (!kind && !month)
		db_bind_text(q, 1, facet);
	bind_where(q, kind || month ? 1 : 2, v, f, facet);
	while ((rc = db_step(q)) == WS_OK) {
		const char *k = db_col_text(q, EV_FACET_C_VALUE);

		if (k)
			json_object_set_new(*out, k, json_integer(db_col_int(q, EV_FACET_C_COUNT)));
	}
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

#define VAL(k) json_object_get(values, k)
#define STR(k) (json_string_value(VAL(k)) ? json_string_value(VAL(k)) : "")

/* Binds the columns ST_EV_INSERT and ST_EV_UPDATE share, kind to status
 * (22 of them), from 1. */
static void
bind_fields(struct db_q *q, json_t *values)
{
	db_bind_text(q, 1, STR("kind"));
	db_bind_text(q, 2, STR("title"));
	db_bind_text(q, 3, STR("description"));
	db_bind_int(q, 4, json_integer_value(VAL("start_at")));
	db_bind_int(q, 5, json_integer_value(VAL("end_at")));
	db_bind_text(q, 6, STR("timezone"));
	db_bind_text(q, 7, STR("start_month"));
	db_bind_text(q, 8, STR("venue"));
	db_bind_text(q, 9, STR("online_url"));
	app_bind_json(q, 10, VAL("languages"), "[]");
	app_bind_json(q, 11, VAL("themes"), "[]");
	app_bind_json(q, 12, VAL("regions"), "[]");
	db_bind_text(q, 13, STR("organizer"));
	app_bind_int_opt(q, 14, VAL("capacity"));
	app_bind_int_opt(q, 15, VAL("registration_opens_at"));
	app_bind_int_opt(q, 16, VAL("registration_closes_at"));
	db_bind_int(q, 17, json_is_true(VAL("approval_required")));
	db_bind_text(q, 18, STR("audience"));
	db_bind_text(q, 19, STR("visibility"));
	app_bind_json(q, 20, VAL("questions"), "[]");
	app_bind_json(q, 21, VAL("resources"), "[]");
	db_bind_text(q, 22, STR("status"));
}

enum ws_err
ev_insert(struct db *d, json_t *values, int64_t created_by, int64_t *id)
{
	struct db_q *q = db_start(d, ST_EV_INSERT);
	time_t now = now_s();
	enum ws_err rc;

	bind_fields(q, values);
	if (created_by > 0)
		db_bind_int(q, 23, created_by);
	else
		db_bind_null(q, 23);
	db_bind_int(q, 24, now);
	db_bind_int(q, 25, now);
	if ((rc = db_step(q)) == WS_OK)
		*id = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

enum ws_err
ev_update(struct db *d, int64_t id, json_t *values)
{
	struct db_q *q = db_start(d, ST_EV_UPDATE);
	enum ws_err rc;

	bind_fields(q, values);
	db_bind_int(q, 23, now_s());
	db_bind_int(q, 24, id);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
ev_terms_put(struct db *d, int64_t id, json_t *values)
{
	struct db_q *q = db_start(d, ST_EV_TERMS_DELETE);
	enum ws_err rc;
	int t;

	db_bind_int(q, 1, id);
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc != WS_OK)
		return rc;
	for (t = 0; t < ET__MAX; t++) {
		json_t *x;
		size_t i;

		json_array_foreach(json_object_get(values, ev_term_field[t]), i, x) {
			if (!json_is_string(x))
				continue;
			q = db_start(d, ST_EV_TERM_ADD);
			db_bind_int(q, 1, id);
			db_bind_text(q, 2, ev_term_facet[t]);
			db_bind_text(q, 3, json_string_value(x));
			rc = db_exec(q, NULL);
			db_end(q);
			if (rc != WS_OK)
				return rc;
		}
	}
	return WS_OK;
}

/* ---- registrations ---------------------------------------------------------- */

enum ws_err
ev_lock(struct db *d, int64_t id)
{
	return app_one_int(d, ST_EV_LOCK, id, NULL);
}

/* The current row of q (enum ev_reg_col) as JSON.  New reference. */
static json_t *
reg_row(struct db_q *q)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(db_col_int(q, EV_REG_C_ID)));
	json_object_set_new(o, "event_id", json_integer(db_col_int(q, EV_REG_C_EVENT_ID)));
	json_object_set_new(o, "user_id", json_integer(db_col_int(q, EV_REG_C_USER_ID)));
	json_object_set_new(o, "name", json_string(db_col_text(q, EV_REG_C_NAME)));
	json_object_set_new(o, "organization_id", app_col_int(q, EV_REG_C_ORG_ID));
	json_object_set_new(o, "registered_by", app_col_int(q, EV_REG_C_REGISTERED_BY));
	json_object_set_new(o, "status", json_string(db_col_text(q, EV_REG_C_STATUS)));
	json_object_set_new(o, "answers", app_col_json(q, EV_REG_C_ANSWERS, json_object()));
	json_object_set_new(o, "position", app_col_int(q, EV_REG_C_POSITION));
	json_object_set_new(o, "created_at", json_integer(db_col_int(q, EV_REG_C_CREATED_AT)));
	json_object_set_new(o, "decided_at", app_col_int(q, EV_REG_C_DECIDED_AT));
	return o;
}

enum ws_err
events_export_person(struct db *d, int64_t uid, json_t **out)
{
	struct db_q *q = db_start(d, ST_EV_REG_EXPORT);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, uid);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, json_pack("{s:I,s:I,s:s,s:o,s:o,s:s,s:o,s:o,s:o}",
		    "id", (json_int_t)db_col_int(q, EV_REG_X_C_ID), "event_id",
		    (json_int_t)db_col_int(q, EV_REG_X_C_EVENT_ID), "event_title",
		    db_col_text(q, EV_REG_X_C_TITLE), "organization_id", app_col_int(q,
		    EV_REG_X_C_ORG_ID), "registered_by", app_col_int(q, EV_REG_X_C_REGISTERED_BY),
		    "status", db_col_text(q, EV_REG_X_C_STATUS), "answers", app_col_json(q,
		    EV_REG_X_C_ANSWERS, json_object()), "created_at", app_col_time(q,
		    EV_REG_X_C_CREATED_AT), "decided_at", app_col_time(q, EV_REG_X_C_DECIDED_AT)));
	db_end(q);
	if (rc != WS_EDONE) {
		json_decref(*out);
		*out = NULL;
		return rc;
	}
	return WS_OK;
}

/* One registration by statement s with parameters a and b. */
static enum ws_err
reg_one(struct db *d, enum db_stmt s, int64_t a, int64_t b, json_t **out)
{
	struct db_q *q = db_start(d, s);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, a);
	db_bind_int(q, 2, b);
	if ((rc = db_step(q)) == WS_OK)
		*out = reg_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
ev_reg_get(struct db *d, int64_t ev, int64_t rid, json_t **out)
{
	return reg_one(d, ST_EV_REG_GET, ev, rid, out);
}

enum ws_err
ev_reg_of_user(struct db *d, int64_t ev, int64_t uid, json_t **out)
{
	return reg_one(d, ST_EV_REG_OF_USER, ev, uid, out);
}

enum ws_err
ev_reg_list(struct db *d, int64_t ev, int64_t uid, int64_t page, int per_page, json_t **items,
    int64_t *total)
{
	struct db_q *q = db_start(d, ST_EV_REG_COUNT);
	enum ws_err rc;

	*items = NULL;
	*total = 0;
	db_bind_int(q, 1, ev);
	db_bind_int(q, 2, uid);
	db_bind_int(q, 3, uid);
	db_bind_int(q, 4, uid);
	if ((rc = db_step(q)) == WS_OK)
		*total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc;
	*items = json_array();
	q = db_start(d, ST_EV_REG_LIST);
	db_bind_int(q, 1, ev);
	db_bind_int(q, 2, uid);
	db_bind_int(q, 3, uid);
	db_bind_int(q, 4, uid);
	db_bind_int(q, 5, per_page);
	db_bind_int(q, 6, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*items, reg_row(q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
ev_reg_taken(struct db *d, int64_t ev, int64_t *taken, int64_t *last)
{
	struct db_q *q = db_start(d, ST_EV_REG_TAKEN);
	enum ws_err rc;

	db_bind_int(q, 1, ev);
	db_bind_int(q, 2, ev);
	if ((rc = db_step(q)) == WS_OK) {
		*taken = db_col_int(q, 0);
		*last = db_col_int(q, 1);
	}
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

/* Binds id, NULL for 0. */
static void
bind_id(struct db_q *q, int i, int64_t id)
{
	if (id > 0)
		db_bind_int(q, i, id);
	else
		db_bind_null(q, i);
}

enum ws_err
ev_reg_insert(struct db *d, int64_t ev, int64_t uid, int64_t org, int64_t by,
    const char *status, json_t *answers, int64_t position, int64_t *id)
{
	struct db_q *q = db_start(d, ST_EV_REG_INSERT);
	time_t now = now_s();
	enum ws_err rc;

	db_bind_int(q, 1, ev);
	db_bind_int(q, 2, uid);
	bind_id(q, 3, org);
	bind_id(q, 4, by);
	db_bind_text(q, 5, status);
	app_bind_json(q, 6, answers, "{}");
	bind_id(q, 7, position);
	db_bind_int(q, 8, now);
	if (strcmp(status, "pending") != 0)
		db_bind_int(q, 9, now);
	else
		db_bind_null(q, 9);
	if ((rc = db_step(q)) == WS_OK)
		*id = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

enum ws_err
ev_reg_reopen(struct db *d, int64_t rid, int64_t org, int64_t by, const char *status,
    json_t *answers, int64_t position)
{
	struct db_q *q = db_start(d, ST_EV_REG_REOPEN);
	time_t now = now_s();
	enum ws_err rc;

	bind_id(q, 1, org);
	bind_id(q, 2, by);
	db_bind_text(q, 3, status);
	app_bind_json(q, 4, answers, "{}");
	bind_id(q, 5, position);
	db_bind_int(q, 6, now);
	if (strcmp(status, "pending") != 0)
		db_bind_int(q, 7, now);
	else
		db_bind_null(q, 7);
	db_bind_int(q, 8, rid);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
ev_reg_set_status(struct db *d, int64_t rid, const char *status)
{
	struct db_q *q = db_start(d, ST_EV_REG_SET_STATUS);
	enum ws_err rc;

	db_bind_text(q, 1, status);
	db_bind_int(q, 2, now_s());
	db_bind_int(q, 3, rid);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
ev_reg_first_waiting(struct db *d, int64_t ev, int64_t *rid)
{
	struct db_q *q = db_start(d, ST_EV_REG_FIRST_WAITING);
	enum ws_err rc;

	db_bind_int(q, 1, ev);
	if ((rc = db_step(q)) == WS_OK)
		*rid = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

/* ---- staff's side (staff.c) ---------------------------------------------- */

/* Binds ST_EV_REG_FIND's filters from 1; the next parameter's number. */
static int
bind_find(struct db_q *q, int64_t ev, int64_t uid, const struct ev_reg_filter *f)
{
	const char *status = f->status ? f->status : "", *s = f->q ? f->q : "";

	db_bind_int(q, 1, ev);
	db_bind_int(q, 2, uid);
	db_bind_int(q, 3, uid);
	db_bind_int(q, 4, uid);
	db_bind_text(q, 5, status);
	db_bind_text(q, 6, status);
	db_bind_int(q, 7, f->org);
	db_bind_int(q, 8, f->org);
	db_bind_text(q, 9, s);
	db_bind_text(q, 10, s);
	db_bind_text(q, 11, s);
	return 12;
}

enum ws_err
ev_reg_find(struct db *d, int64_t ev, int64_t uid, const struct ev_reg_filter *f,
    int64_t page, int per_page, json_t **items, int64_t *total)
{
	struct db_q *q = db_start(d, ST_EV_REG_FIND_COUNT);
	enum ws_err rc;
	int i;

	*items = NULL;
	*total = 0;
	bind_find(q, ev, uid, f);
	if ((rc = db_step(q)) == WS_OK)
		*total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc;
	*items = json_array();
	q = db_start(d, ST_EV_REG_FIND);
	i = bind_find(q, ev, uid, f);
	db_bind_int(q, i++, per_page);
	db_bind_int(q, i, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK) {
		json_t *o = reg_row(q);
		const char *s;

		json_object_set_new(o, "email", json_string(db_col_text(q, EV_REGX_C_EMAIL)));
		s = db_col_text(q, EV_REGX_C_ORG_NAME);
		json_object_set_new(o, "organization", s ? json_string(s) : json_null());
		s = db_col_text(q, EV_REGX_C_ORG_COUNTRY);
		json_object_set_new(o, "country", s && *s ? json_string(s) : json_null());
		json_array_append_new(*items, o);
	}
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
ev_reg_status_counts(struct db *d, int64_t ev, json_t **out)
{
	struct db_q *q = db_start(d, ST_EV_REG_STATUS_COUNTS);
	enum ws_err rc;

	*out = json_object();
	db_bind_int(q, 1, ev);
	while ((rc = db_step(q)) == WS_OK)
		json_object_set_new(*out, db_col_text(q, 0), json_integer(db_col_int(q, 1)));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
ev_reg_decide(struct db *d, int64_t rid, const char *status, int64_t position)
{
	struct db_q *q = db_start(d, ST_EV_REG_DECIDE);
	enum ws_err rc;

	db_bind_text(q, 1, status);
	bind_id(q, 2, position);
	db_bind_int(q, 3, now_s());
	db_bind_int(q, 4, rid);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
ev_reg_mark(struct db *d, int64_t rid, const char *status)
{
	struct db_q *q = db_start(d, ST_EV_REG_MARK);
	enum ws_err rc;

	db_bind_text(q, 1, status);
	db_bind_int(q, 2, rid);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
ev_reg_orgs(struct db *d, int64_t ev, json_t **out)
{
	struct db_q *q = db_start(d, ST_EV_REG_ORGS);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, ev);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, json_pack("{s:I,s:s}", "id",
		    (json_int_t)db_col_int(q, 0), "name", db_col_text(q, 1)));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

/* ---- staff's mail to an event's people (mail.c) ------------------------------ */

enum ws_err
ev_msg_insert(struct db *d, int64_t ev, int64_t by, const char *subject, const char *body,
    int waitlisted, int64_t *id, int64_t *n)
{
	struct db_q *q = db_start(d, ST_EV_MSG_INSERT);
	enum ws_err rc;

	*id = *n = 0;
	db_bind_int(q, 1, ev);
	db_bind_int(q, 2, by);
	db_bind_text(q, 3, subject);
	db_bind_text(q, 4, body);
	db_bind_int(q, 5, waitlisted ? 1 : 0);
	db_bind_int(q, 6, now_s());
	if ((rc = db_step(q)) == WS_OK)
		*id = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc == WS_EDONE ? WS_EDB : rc;
	q = db_start(d, ST_EV_MSG_RECIPIENTS_ADD);
	db_bind_int(q, 1, *id);
	db_bind_int(q, 2, ev);
	db_bind_int(q, 3, waitlisted ? 1 : 0);
	rc = db_exec(q, n);
	db_end(q);
	if (rc != WS_OK)
		return rc;
	q = db_start(d, ST_EV_MSG_SET_COUNT);
	db_bind_int(q, 1, *n);
	db_bind_int(q, 2, *id);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
ev_msg_get(struct db *d, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_EV_MSG_GET);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, id);
	if ((rc = db_step(q)) == WS_OK)
		*out = json_pack("{s:I,s:s,s:s}", "event_id",
		    (json_int_t)db_col_int(q, EV_MSG_C_EVENT_ID), "subject",
		    db_col_text(q, EV_MSG_C_SUBJECT), "body", db_col_text(q, EV_MSG_C_BODY));
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
ev_msg_pending(struct db *d, int64_t id, int max, json_t **uids)
{
	struct db_q *q = db_start(d, ST_EV_MSG_PENDING);
	enum ws_err rc;

	*uids = json_array();
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, max);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*uids, json_integer(db_col_int(q, 0)));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
ev_msg_claim(struct db *d, int64_t id, int64_t uid, int *claimed)
{
	struct db_q *q = db_start(d, ST_EV_MSG_CLAIM);
	int64_t n = 0;
	enum ws_err rc;

	db_bind_int(q, 1, now_s());
	db_bind_int(q, 2, id);
	db_bind_int(q, 3, uid);
	rc = db_exec(q, &n);
	db_end(q);
	*claimed = rc == WS_OK && n == 1;
	return rc;
}

enum ws_err
ev_msg_list(struct db *d, int64_t ev, int max, json_t **out)
{
	struct db_q *q = db_start(d, ST_EV_MSG_LIST);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, ev);
	db_bind_int(q, 2, max);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, json_pack("{s:I,s:I,s:s,s:s,s:I,s:b,s:I}",
		    "id", (json_int_t)db_col_int(q, EV_MSG_LIST_C_ID),
		    "sent_at", (json_int_t)db_col_int(q, EV_MSG_LIST_C_CREATED_AT),
		    "sent_by", db_col_text(q, EV_MSG_LIST_C_SENDER),
		    "subject", db_col_text(q, EV_MSG_LIST_C_SUBJECT),
		    "recipients", (json_int_t)db_col_int(q, EV_MSG_LIST_C_RECIPIENTS),
		    "include_waitlisted", db_col_int(q, EV_MSG_LIST_C_WAITLISTED) != 0,
		    "mailed", (json_int_t)db_col_int(q, EV_MSG_LIST_C_SENT)));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
ev_q_answered(struct db *d, int64_t ev, const char *qid, int *answered)
{
	struct db_q *q = db_start(d, ST_EV_Q_ANSWERED);
	enum ws_err rc;

	*answered = 0;
	db_bind_int(q, 1, ev);
	db_bind_text(q, 2, qid);
	if ((rc = db_step(q)) == WS_OK)
		*answered = db_col_int(q, 0) > 0;
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}
