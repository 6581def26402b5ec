/*
 * tutors.c -- the tutors' side of a cohort (issue 18): the table of its
 * participants' progress, its CSV, and the messages tutors send them.
 *
 * Where: /staff/courses/{id}/cohorts/{kid}/table (and its twin under
 * /api/v1/staff/..., and table.csv).  A cohort's tutors are staff (the
 * cohort's check refuses anyone else as a tutor), so the table is a staff
 * page like every other list with a CSV: the route table lets staff in
 * and answers 403 to everyone else (members, participants, focal points)
 * and 401 to a visitor.  Staff who tutor another cohort are staff, and
 * see it too: staff "manage every record".
 *
 * One row a participant: name, organization, country, region, lessons
 * read of all, quizzes passed of all, last activity (the last lesson read
 * or quiz attempt in the course), and where they stand (crs_standing):
 * finished, behind (they have read a smaller share of the lessons than
 * the share of the cohort's time gone), or on track.  Filtered (filter=
 * all, behind, finished, inactive: no activity for 14 days) and sorted
 * (sort=name, organization, country, region, lessons, quizzes, activity;
 * dir=asc or desc) by the query, so links do it without JavaScript.
 *
 * Messages: POST /api/v1/cohorts/{id}/messages {subject, body, user_ids}
 * or {subject, body, filter} (everyone the filter shows), and the
 * table's form.  Only the cohort's participants can be named (422 for
 * anyone else); at most CRS_MSG_RCPT_MAX a message and CRS_MSG_PER_DAY
 * messages a cohort in 24 hours (429).  The message is stored with who it
 * went to (migration 36) and each is mailed through the outbox in the
 * message's transaction, the frame of the mail in their language; a
 * participant's progress page lists the messages they got.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/courses/courses_int.h"
#include "app/directory/directory.h"
#include "core/buf.h"
#include "core/tz.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

#define CRS_TABLE_MAX 5000	/* participants a table shows */
#define CRS_MSG_RCPT_MAX 500	/* recipients of one message */
#define CRS_MSG_PER_DAY 20	/* messages to one cohort in 24 hours */
#define CRS_MSG_SUBJECT_MAX 200	/* bytes */
#define CRS_MSG_BODY_MAX 20000	/* bytes */
#define CRS_MSG_LIST_MAX 50	/* messages a page lists */
#define DAY 86400

static const char *const filters[] = { "all", "behind", "finished", "inactive", NULL };
static const char *const sorts[] = { "name", "organization", "country", "region", "lessons",
	"quizzes", "activity", NULL };
static const char *const dirs[] = { "asc", "desc", NULL };

const struct field crs_q_table[] = {
	{ "filter", FT_CHOICE, 0, 0, 0, filters, NULL, N_("Choose all, behind, finished or "
	    "inactive.") },
	{ "sort", FT_CHOICE, 0, 0, 0, sorts, NULL, N_("Sort by name, organization, country, "
	    "region, lessons, quizzes or activity.") },
	{ "dir", FT_CHOICE, 0, 0, 0, dirs, NULL, N_("Choose asc or desc.") },
	{ "sent", FT_INT, 0, 0, 100000, NULL, NULL, NULL },	/* after a message: to how many */
	FIELDS_END
};

static enum ws_err
param_id(struct req *r, int n, int64_t *id)
{
	return parse_int(r->params[n], 1, INT64_MAX, id) == WS_OK ? WS_OK : WS_ENOTFOUND;
}

static const char *
tr(struct req *r, const char *msg)
{
	return view_tr(r->app->views, r->locale, msg);
}

/* ---- where a participant stands ------------------------------------------------ */

const char *
crs_standing(int completed, int64_t read, int64_t lessons, int64_t starts, int64_t ends,
    int64_t now)
{
	if (completed)	/* the course's rules met (completion.c) */
		return "finished";
	if (now <= starts || ends <= starts)
		return "on_track";
	if (now >= ends)
		return "behind";
	/* read less than the share of the cohort's time gone */
	return (double)read < (double)lessons * (double)(now - starts) / (double)(ends - starts) ?
	    "behind" : "on_track";
}

int64_t
crs_active_since(int64_t enrolled, int64_t last_read, int64_t last_attempt, int64_t last_post,
    int64_t starts)
{
	int64_t t = enrolled > starts ? enrolled : starts;

	if (last_post > t)
		t = last_post;
	if (last_read > t)
		t = last_read;
	if (last_attempt > t)
		t = last_attempt;
	return t;
}

/* ---- the store ------------------------------------------------------------------ */

enum ws_err
crs_table_rows(struct db *d, int64_t kid, json_t **out)
{
	struct db_q *q = db_start(d, ST_CRS_TABLE);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, kid);
	db_bind_int(q, 2, CRS_TABLE_MAX);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:I,s:I,"
		    "s:I,s:I,s:I,s:I,s:b}", "user_id", (json_int_t)db_col_int(q, CRS_TABLE_C_USER_ID),
		    "name", db_col_text(q, CRS_TABLE_C_NAME), "email", db_col_text(q,
		    CRS_TABLE_C_EMAIL), "locale", db_col_text(q, CRS_TABLE_C_LOCALE), "status",
		    db_col_text(q, CRS_TABLE_C_STATUS), "organization", db_col_text(q,
		    CRS_TABLE_C_ORG), "country", db_col_text(q, CRS_TABLE_C_COUNTRY), "region",
		    db_col_text(q, CRS_TABLE_C_REGION), "enrolled_at", (json_int_t)db_col_int(q,
		    CRS_TABLE_C_ENROLLED_AT), "last_read", (json_int_t)db_col_int(q,
		    CRS_TABLE_C_LAST_READ), "last_attempt", (json_int_t)db_col_int(q,
		    CRS_TABLE_C_LAST_ATTEMPT), "lessons_read", (json_int_t)db_col_int(q,
		    CRS_TABLE_C_READ), "quizzes_passed", (json_int_t)db_col_int(q,
		    CRS_TABLE_C_PASSED), "last_post", (json_int_t)db_col_int(q,
		    CRS_TABLE_C_LAST_POST), "completed", db_col_int(q, CRS_TABLE_C_COMPLETED) > 0));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
crs_message_put(struct db *d, int64_t kid, int64_t by, const char *subject, const char *body,
    int64_t n, int64_t *mid)
{
	struct db_q *q = db_start(d, ST_CRS_MSG_INSERT);
	enum ws_err rc;

	db_bind_int(q, 1, kid);
	db_bind_int(q, 2, by);
	db_bind_text(q, 3, subject);
	db_bind_text(q, 4, body);
	db_bind_int(q, 5, n);
	db_bind_int(q, 6, now_s());
	if ((rc = db_step(q)) == WS_OK)
		*mid = db_col_int(q, 0);
	else if (rc == WS_EDONE)
		rc = WS_EDB;
	db_end(q);
	return rc;
}

enum ws_err
crs_message_to(struct db *d, int64_t mid, int64_t uid)
{
	struct db_q *q = db_start(d, ST_CRS_MSG_RCPT);
	enum ws_err rc;

	db_bind_int(q, 1, mid);
	db_bind_int(q, 2, uid);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

/* Rows of ST_CRS_MSG_LIST or ST_CRS_MSG_MINE into *out. */
static enum ws_err
msg_rows(struct db_q *q, json_t **out)
{
	enum ws_err rc;

	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, json_pack("{s:I,s:I,s:s,s:s,s:I,s:o,s:s}", "id",
		    (json_int_t)db_col_int(q, CRS_MSG_C_ID), "cohort_id", (json_int_t)db_col_int(q,
		    CRS_MSG_C_COHORT_ID), "subject", db_col_text(q, CRS_MSG_C_SUBJECT), "body",
		    db_col_text(q, CRS_MSG_C_BODY), "recipients", (json_int_t)db_col_int(q,
		    CRS_MSG_C_RECIPIENTS), "created_at", app_col_time(q, CRS_MSG_C_CREATED_AT),
		    "sender", db_col_text(q, CRS_MSG_C_SENDER)));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
crs_messages_of_cohort(struct db *d, int64_t kid, json_t **out)
{
	struct db_q *q = db_start(d, ST_CRS_MSG_LIST);

	*out = json_array();
	db_bind_int(q, 1, kid);
	db_bind_int(q, 2, CRS_MSG_LIST_MAX);
	return msg_rows(q, out);
}

enum ws_err
crs_messages_mine(struct db *d, int64_t uid, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_CRS_MSG_MINE);

	*out = json_array();
	db_bind_int(q, 1, uid);
	db_bind_int(q, 2, id);
	db_bind_int(q, 3, CRS_MSG_LIST_MAX);
	return msg_rows(q, out);
}

/* ---- the table ------------------------------------------------------------------ */

/* Stored cohort kid of course id (staff's view), or WS_ENOTFOUND. */
static enum ws_err
cohort_of(struct req *r, int64_t *id, int64_t *kid, json_t **k)
{
	enum ws_err rc;

	*k = NULL;
	if ((rc = param_id(r, 0, id)) != WS_OK || (rc = param_id(r, 1, kid)) != WS_OK)
		return rc;
	if ((rc = crs_cohort_get(req_db(r), *kid, 1, k)) != WS_OK)
		return rc;
	if (json_integer_value(json_object_get(*k, "course_id")) != *id) {
		json_decref(*k);
		*k = NULL;
		return WS_ENOTFOUND;
	}
	return WS_OK;
}

static json_t *
utc_or_null(int64_t t)
{
	char s[40];

	if (t <= 0)
		return json_null();
	time_rfc3339((time_t)t, s, sizeof s);
	return json_string(s);
}

/* The participants of stored cohort k as the table shows them (every one;
 * the filter and sort are the caller's): rows with where each stands,
 * with their address, language and account's status when mailing.  New
 * reference in *out; the course's lessons and quizzes counted into
 * *lesson_count and *quiz_count unless NULL. */
static enum ws_err
table_items(struct req *r, json_t *k, int mailing, json_t **out, int64_t *lesson_count,
    int64_t *quiz_count)
{
	struct db *d = req_db(r);
	int64_t kid = json_integer_value(json_object_get(k, "id"));
	int64_t id = json_integer_value(json_object_get(k, "course_id"));
	int64_t starts = json_integer_value(json_object_get(k, "starts_at"));
	int64_t ends = json_integer_value(json_object_get(k, "ends_at")), now = now_s();
	json_t *rows = NULL, *lessons = NULL, *quizzes = NULL, *x;
	int64_t nl, nq;
	enum ws_err rc;
	size_t i;

	*out = NULL;
	if ((rc = crs_lessons(d, id, &lessons)) != WS_OK || (rc = crs_quizzes(d, id, &quizzes)) !=
	    WS_OK || (rc = crs_table_rows(d, kid, &rows)) != WS_OK)
		goto out;
	nl = (int64_t)json_array_size(lessons);
	nq = (int64_t)json_array_size(quizzes);
	if (lesson_count)
		*lesson_count = nl;
	if (quiz_count)
		*quiz_count = nq;
	json_array_foreach(rows, i, x) {
		int64_t read = json_integer_value(json_object_get(x, "lessons_read"));
		int64_t lr = json_integer_value(json_object_get(x, "last_read"));
		int64_t la = json_integer_value(json_object_get(x, "last_attempt"));
		int64_t lp = json_integer_value(json_object_get(x, "last_post"));
		int64_t last = lr > la ? lr : la;
		int64_t since = crs_active_since(json_integer_value(json_object_get(x,
		    "enrolled_at")), lr, la, lp, starts);
		const char *st = crs_standing(json_is_true(json_object_get(x, "completed")), read, nl,
		    starts, ends, now);

		json_object_set_new(x, "lesson_count", json_integer(nl));
		json_object_set_new(x, "quiz_count", json_integer(nq));
		if (lp > last)
			last = lp;
		json_object_set_new(x, "last_activity", utc_or_null(last));
		json_object_set_new(x, "standing", json_string(st));
		json_object_set_new(x, "inactive", json_boolean(strcmp(st, "finished") != 0 &&
		    now > starts && now - since >= CRS_INACTIVE_DAYS * DAY));
		json_object_set_new(x, "activity_at", json_integer(last));
		json_object_del(x, "last_read");
		json_object_del(x, "last_attempt");
		json_object_del(x, "last_post");
		json_object_del(x, "completed");
		json_object_del(x, "enrolled_at");
		if (!mailing) {
			json_object_del(x, "locale");
			json_object_del(x, "status");
			json_object_del(x, "email");
		}
	}
	*out = rows;
	rows = NULL;
out:
	json_decref(rows);
	json_decref(lessons);
	json_decref(quizzes);
	return rc;
}

static int
shown(json_t *x, const char *filter)
{
	if (strcmp(filter, "behind") == 0 || strcmp(filter, "finished") == 0)
		return strcmp(json_string_value(json_object_get(x, "standing")), filter) == 0;
	if (strcmp(filter, "inactive") == 0)
		return json_is_true(json_object_get(x, "inactive"));
	return 1;
}

/* A row to sort, with the key and direction (qsort takes no argument). */
struct srow {
	json_t *x;
	const char *key;
	int desc;
};

static int
by_key(const void *pa, const void *pb)
{
	const struct srow *sa = pa, *sb = pb;
	json_t *a = sa->x, *b = sb->x;
	const char *k = sa->key;
	int c = 0;

	if (strcmp(k, "lessons") == 0 || strcmp(k, "quizzes") == 0 ||
	    strcmp(k, "activity") == 0) {
		const char *n = k[0] == 'l' ? "lessons_read" : k[0] == 'q' ? "quizzes_passed" :
		    "activity_at";
		int64_t x = json_integer_value(json_object_get(a, n));
		int64_t y = json_integer_value(json_object_get(b, n));

		c = x < y ? -1 : x > y;
	} else {
		c = strcmp(json_string_value(json_object_get(a, k)),
		    json_string_value(json_object_get(b, k)));
	}
	if (c == 0)	/* then by name, then by id: a stable order */
		c = strcmp(json_string_value(json_object_get(a, "name")),
		    json_string_value(json_object_get(b, "name")));
	if (c == 0)
		c = json_integer_value(json_object_get(a, "user_id")) <
		    json_integer_value(json_object_get(b, "user_id")) ? -1 : 1;
	return sa->desc ? -c : c;
}

/* Rows (borrowed) filtered and sorted as r's query says.  New reference. */
static json_t *
filtered(struct req *r, json_t *rows)
{
	const char *filter = *req_qstr(r, "filter") ? req_qstr(r, "filter") : "all";
	const char *sort = *req_qstr(r, "sort") ? req_qstr(r, "sort") : "name";
	int desc = strcmp(req_qstr(r, "dir"), "desc") == 0;
	json_t *x, *out = json_array();
	struct srow *v;
	size_t i, n = 0;

	v = arena_alloc(r->a, (json_array_size(rows) + 1) * sizeof *v);
	json_array_foreach(rows, i, x)
		if (shown(x, filter)) {
			v[n].x = x;
			v[n].key = sort;
			v[n++].desc = desc;
		}
	qsort(v, n, sizeof *v, by_key);
	for (i = 0; i < n; i++)
		json_array_append(out, v[i].x);
	return out;
}

/* What the table's page and twin show of stored cohort k. */
static json_t *
cohort_brief(struct req *r, json_t *k)
{
	const char *zone = json_string_value(json_object_get(k, "timezone"));
	const struct tz *z = NULL;
	char s[40], e[40];

	if (tz_get(zone, &z) != WS_OK && tz_get("UTC", &z) != WS_OK) {
		time_rfc3339((time_t)json_integer_value(json_object_get(k, "starts_at")), s, sizeof s);
		time_rfc3339((time_t)json_integer_value(json_object_get(k, "ends_at")), e, sizeof e);
	} else {
		tz_rfc3339(z, json_integer_value(json_object_get(k, "starts_at")), s, sizeof s);
		tz_rfc3339(z, json_integer_value(json_object_get(k, "ends_at")), e, sizeof e);
	}
	(void)r;
	return json_pack("{s:O,s:O,s:O,s:O,s:O,s:s,s:s}", "id", json_object_get(k, "id"),
	    "title", json_object_get(k, "title"), "course_id", json_object_get(k, "course_id"),
	    "course_title", json_object_get(k, "course_title"), "timezone", json_object_get(k,
	    "timezone"), "start", s, "end", e);
}

/* The page's links to sort by each column, each keeping the filter. */
static json_t *
sort_links(struct req *r, const char *base, const char *filter, const char *sort,
    int desc)
{
	static const char *const labels[] = { N_("Name"), N_("Organization"), N_("Country"),
		N_("Region"), N_("Lessons read"), N_("Quizzes passed"), N_("Last activity") };
	json_t *o = json_object();
	size_t i;

	for (i = 0; sorts[i]; i++) {
		int on = strcmp(sorts[i], sort) == 0;

		json_object_set_new(o, sorts[i], json_pack("{s:s,s:s,s:s}", "label", tr(r,
		    labels[i]), "href", arena_printf(r->a, "%s?filter=%s&sort=%s&dir=%s", base,
		    filter, sorts[i], on && !desc ? "desc" : "asc"), "aria", on ? (desc ?
		    "descending" : "ascending") : "none"));
	}
	return o;
}

/* The table of cohort kid of course id into w: its value, and for the
 * page the links, the filter's options, the form (typed and errors). */
static enum ws_err
table_page(struct req *r, struct resp *w, json_t *typed, json_t *errors)
{
	static const char *const flabels[] = { N_("Everyone"), N_("Behind"), N_("Finished"),
		N_("Inactive for 14 days") };
	json_t *k = NULL, *rows = NULL, *items = NULL, *msgs = NULL, *v, *x;
	const char *filter = *req_qstr(r, "filter") ? req_qstr(r, "filter") : "all";
	const char *sort = *req_qstr(r, "sort") ? req_qstr(r, "sort") : "name";
	int desc = strcmp(req_qstr(r, "dir"), "desc") == 0;
	int64_t id, kid, nl = 0, nq = 0;
	enum ws_err rc;
	size_t i;

	if ((rc = cohort_of(r, &id, &kid, &k)) != WS_OK)
		return rc;
	if ((rc = table_items(r, k, 0, &rows, &nl, &nq)) != WS_OK ||
	    (rc = crs_messages_of_cohort(req_db(r), kid, &msgs)) != WS_OK)
		goto out;
	items = filtered(r, rows);
	v = json_pack("{s:o,s:s,s:s,s:s,s:I,s:I,s:O,s:O}", "cohort", cohort_brief(r, k),
	    "filter", filter, "sort", sort, "dir", desc ? "desc" : "asc", "participants",
	    (json_int_t)json_array_size(rows), "total", (json_int_t)json_array_size(items),
	    "items", items, "messages", msgs);
	json_object_set_new(v, "lesson_count", json_integer(nl));
	json_object_set_new(v, "quiz_count", json_integer(nq));
	json_array_foreach(items, i, x)
		json_object_del(x, "activity_at");
	if (!r->api) {
		const char *base = arena_printf(r->a, "/staff/courses/%lld/cohorts/%lld/table",
		    (long long)id, (long long)kid);
		json_t *opts = json_array(), *m;

		for (i = 0; filters[i]; i++)
			json_array_append_new(opts, json_pack("{s:s,s:s,s:b}", "value", filters[i],
			    "label", tr(r, flabels[i]), "selected", strcmp(filters[i], filter) == 0));
		json_object_set_new(v, "filters", opts);
		json_object_set_new(v, "columns", sort_links(r, base, filter, sort, desc));
		json_object_set_new(v, "base", json_string(base));
		json_object_set_new(v, "csv", json_string(arena_printf(r->a, "%s.csv?filter=%s&"
		    "sort=%s&dir=%s", base, filter, sort, desc ? "desc" : "asc")));
		json_array_foreach(items, i, x) {
			const char *st = json_string_value(json_object_get(x, "standing"));

			json_object_set_new(x, "standing_label", json_string(tr(r, strcmp(st,
			    "finished") == 0 ? N_("Finished") : strcmp(st, "behind") == 0 ?
			    N_("Behind") : N_("On track"))));
			if (json_is_string(json_object_get(x, "last_activity")))
				json_object_set_new(x, "activity_day", json_string(arena_printf(r->a,
				    "%.10s", json_string_value(json_object_get(x, "last_activity")))));
		}
		json_array_foreach(msgs, i, m)
			if (json_is_string(json_object_get(m, "created_at")))
				json_object_set_new(m, "day", json_string(arena_printf(r->a, "%.10s",
				    json_string_value(json_object_get(m, "created_at")))));
		json_object_set_new(v, "message_form", typed ? json_incref(typed) : json_object());
		if (req_qint(r, "sent", 0) > 0)
			json_object_set_new(v, "sent", json_integer(req_qint(r, "sent", 0)));
		if (errors)
			json_object_set_new(v, "message_errors", json_incref(errors));
		json_object_set(v, "heading", json_object_get(k, "title"));
	}
	resp_value(w, v);
	w->tpl = "staff_course_table";
	w->title = N_("Tutors' table");
out:
	json_decref(k);
	json_decref(rows);
	json_decref(items);
	json_decref(msgs);
	return rc;
}

enum ws_err
h_staff_cohort_table(struct req *r, struct resp *w)
{
	return table_page(r, w, NULL, NULL);
}

enum ws_err
h_staff_cohort_table_csv(struct req *r, struct resp *w)
{
	/* the table's columns, then the enrolment's: with filter=all (the
	 * default) it is the cohort's list of enrolments too */
	static const char *const cols[] = { "name", "organization", "country", "region",
		"lessons_read", "lesson_count", "quizzes_passed", "quiz_count", "last_activity",
		"standing", "email", "source", "enrolled_at", NULL };
	json_t *k = NULL, *rows = NULL, *items = NULL, *enrols = NULL, *by, *x, *e;
	int64_t id, kid;
	enum ws_err rc;
	size_t i, c, n;

	if ((rc = cohort_of(r, &id, &kid, &k)) != WS_OK)
		return rc;
	if ((rc = table_items(r, k, 1, &rows, NULL, NULL)) != WS_OK ||
	    (rc = crs_enrolments(req_db(r), kid, 0, 1, CRS_TABLE_MAX, &enrols)) != WS_OK)
		goto out;
	items = filtered(r, rows);
	by = json_object();	/* how and when each was enrolled, by person */
	json_array_foreach(enrols, n, e)
		json_object_set(by, arena_printf(r->a, "%lld", (long long)json_integer_value(
		    json_object_get(e, "user_id"))), e);
	json_array_foreach(items, i, x) {
		e = json_object_get(by, arena_printf(r->a, "%lld", (long long)json_integer_value(
		    json_object_get(x, "user_id"))));
		if (!e)
			continue;
		json_object_set(x, "source", json_object_get(e, "source"));
		json_object_set_new(x, "enrolled_at", utc_or_null(json_integer_value(
		    json_object_get(e, "created_at"))));
	}
	json_decref(by);
	for (c = 0; cols[c] && rc == WS_OK; c++)
		rc = dir_csv_cell(&w->raw, cols[c], c == 0);
	if (rc == WS_OK)
		rc = buf_adds(&w->raw, "\r\n");
	json_array_foreach(items, i, x) {
		for (c = 0; cols[c] && rc == WS_OK; c++) {
			json_t *v = json_object_get(x, cols[c]);

			rc = dir_csv_cell(&w->raw, json_is_integer(v) ? arena_printf(r->a, "%lld",
			    (long long)json_integer_value(v)) : json_is_string(v) ?
			    json_string_value(v) : "", c == 0);
		}
		if (rc == WS_OK)
			rc = buf_adds(&w->raw, "\r\n");
		if (rc != WS_OK)
			break;
	}
	if (rc != WS_OK)
		goto out;
	w->ctype = "text/csv; charset=utf-8";
	resp_header(w, "Content-Disposition", arena_printf(r->a, "attachment; filename=\""
	    "cohort-%lld.csv\"", (long long)kid));
	resp_header(w, "Cache-Control", "no-store");
out:
	json_decref(k);
	json_decref(rows);
	json_decref(items);
	json_decref(enrols);
	return rc;
}

/* ---- messages ------------------------------------------------------------------- */

/* Mails participant x (a table row, with email and locale) tutor's
 * message from stored cohort k, in the caller's transaction. */
static enum ws_err
mail_message(struct req *r, struct db *d, json_t *k, json_t *x, const char *subject,
    const char *body)
{
	const char *lang = app_mail_lang(r->app, json_string_value(json_object_get(x, "locale")),
	    NULL);
	json_t *ctx;
	struct buf b;
	enum ws_err rc;

	ctx = json_pack("{s:O,s:s,s:s,s:O,s:O,s:s,s:s}", "name", json_object_get(x, "name"),
	    "site", r->app->cfg.org_name, "tutor", r->user->name ? r->user->name : "", "course",
	    json_object_get(k, "course_title"), "cohort", json_object_get(k, "title"), "body",
	    body, "link", arena_printf(r->a, "%s/courses/%lld/progress", r->app->cfg.base_url,
	    (long long)json_integer_value(json_object_get(k, "course_id"))));
	buf_init(&b, 64 * 1024);
	rc = view_render(r->app->views, "mail_course_message", ctx, lang, &b);
	if (rc == WS_OK)
		rc = app_mail(r->app, d, json_string_value(json_object_get(x, "email")), subject,
		    buf_str(&b));
	buf_free(&b);
	json_decref(ctx);
	return rc;
}

static int
text_ok(const char *s, size_t max, int lines)
{
	return s && *s && strlen(s) <= max && utf8_valid_text(s, strlen(s), lines);
}

/* Sends r->in ({subject, body, user_ids | filter}) to participants of
 * cohort kid of course id: the message's id and how many got it into
 * *mid and *n; refused, w->detail and w->errors say why. */
static enum ws_err
send_message(struct req *r, struct resp *w, json_t *k, int64_t *mid, int64_t *n)
{
	struct db *d = req_db(r);
	int64_t kid = json_integer_value(json_object_get(k, "id")), recent = 0;
	const char *subject = json_string_value(json_object_get(r->in, "subject"));
	const char *body = json_string_value(json_object_get(r->in, "body"));
	json_t *ids = json_object_get(r->in, "user_ids"), *fv = json_object_get(r->in, "filter");
	json_t *rows = NULL, *to = json_array(), *errs = json_object(), *x, *y;
	enum ws_err rc;
	struct db_q *q;
	size_t i, j;

	*mid = *n = 0;
	if (!text_ok(subject, CRS_MSG_SUBJECT_MAX, 0))
		json_object_set_new(errs, "subject", json_string(tr(r, N_("Write a subject (one "
		    "line, at most 200 bytes)."))));
	if (!text_ok(body, CRS_MSG_BODY_MAX, 1))
		json_object_set_new(errs, "body", json_string(tr(r, N_("Write the message (at "
		    "most 20000 bytes)."))));
	if ((rc = table_items(r, k, 1, &rows, NULL, NULL)) != WS_OK)
		goto out;
	if (ids && !json_is_null(ids)) {
		int bad = !json_is_array(ids) || json_array_size(ids) == 0;

		json_array_foreach(json_is_array(ids) ? ids : NULL, i, x) {
			json_t *hit = NULL;

			json_array_foreach(rows, j, y)
				if (json_is_integer(x) && json_integer_value(x) ==
				    json_integer_value(json_object_get(y, "user_id")))
					hit = y;
			if (!hit) {
				bad = 1;
				break;
			}
			{	/* each once */
				int dup = 0;
				json_t *z;
				size_t m;

				json_array_foreach(to, m, z)
					dup |= z == hit;
				if (!dup)
					json_array_append(to, hit);
			}
		}
		if (bad)
			json_object_set_new(errs, "user_ids", json_string(tr(r, N_("Choose "
			    "participants of this cohort."))));
	} else {
		const char *f = json_string_value(fv);

		for (i = 0; f && filters[i]; i++)
			if (strcmp(filters[i], f) == 0)
				break;
		if (!f || !filters[i])
			json_object_set_new(errs, "filter", json_string(tr(r, N_("Choose the "
			    "participants, or send to everyone a filter shows (all, behind, "
			    "finished or inactive)."))));
		else
			json_array_foreach(rows, i, x)
				if (shown(x, f))
					json_array_append(to, x);
		if (f && filters[i] && json_array_size(to) == 0)
			json_object_set_new(errs, "filter", json_string(tr(r, N_("Nobody is shown "
			    "by this filter."))));
	}
	if (json_object_size(errs) > 0) {
		w->errors = json_incref(errs);
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if (json_array_size(to) > CRS_MSG_RCPT_MAX) {
		w->detail = N_("A message goes to at most 500 participants at once.");
		rc = WS_ETOOBIG;
		goto out;
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = crs_cohort_lock(d, kid)) != WS_OK)
		goto fail;
	q = db_start(d, ST_CRS_MSG_RECENT);
	db_bind_int(q, 1, kid);
	db_bind_int(q, 2, now_s() - DAY);
	if ((rc = db_step(q)) == WS_OK)
		recent = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		goto fail;
	if (recent >= CRS_MSG_PER_DAY) {
		w->detail = N_("This cohort has had 20 messages in the last 24 hours: wait "
		    "before sending another.");
		rc = WS_ERATE;
		goto fail;
	}
	rc = crs_message_put(d, kid, r->user->id, subject, body, (int64_t)json_array_size(to),
	    mid);
	json_array_foreach(to, i, x) {
		if (rc != WS_OK)
			break;
		rc = crs_message_to(d, *mid, json_integer_value(json_object_get(x, "user_id")));
		/* a disabled account is not mailed (the message stays listed) */
		if (rc == WS_OK && strcmp(json_string_value(json_object_get(x, "status")),
		    "active") == 0)
			rc = mail_message(r, d, k, x, subject, body);
	}
	if (rc != WS_OK)
		goto fail;
	app_audit(r->app, d, r->user->id, "course.message_sent", r->ip, arena_printf(r->a,
	    "message %lld to %zu participants of cohort %lld", (long long)*mid,
	    json_array_size(to), (long long)kid));
	if ((rc = db_commit(d)) != WS_OK)
		goto fail;
	*n = (int64_t)json_array_size(to);
	goto out;
fail:
	db_rollback(d);
out:
	json_decref(rows);
	json_decref(to);
	json_decref(errs);
	return rc;
}

enum ws_err
h_cohort_message(struct req *r, struct resp *w)
{
	json_t *k = NULL;
	int64_t kid, mid, n;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &kid)) != WS_OK ||
	    (rc = crs_cohort_get(req_db(r), kid, 1, &k)) != WS_OK)
		return rc;
	if (!json_is_object(r->in)) {
		w->detail = N_("Send the message as a JSON object.");
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = send_message(r, w, k, &mid, &n)) != WS_OK)
		goto out;
	resp_value(w, json_pack("{s:I,s:I,s:I}", "id", (json_int_t)mid, "cohort_id",
	    (json_int_t)kid, "recipients", (json_int_t)n));
	w->status = 201;
out:
	json_decref(k);
	return rc;
}

enum ws_err
h_staff_cohort_message(struct req *r, struct resp *w)
{
	json_t *k = NULL, *in, *was = r->in, *ids = json_array(), *x, *typed;
	const char *to = json_string_value(json_object_get(r->in, "to"));
	int64_t id, kid, mid, n, v;
	enum ws_err rc;
	size_t i;

	if ((rc = cohort_of(r, &id, &kid, &k)) != WS_OK) {
		json_decref(ids);
		return rc;
	}
	/* the form's user_ids come as text, one or several */
	x = json_object_get(r->in, "user_ids");
	if (json_is_string(x) && parse_int(json_string_value(x), 1, INT64_MAX, &v) == WS_OK)
		json_array_append_new(ids, json_integer(v));
	json_array_foreach(json_is_array(x) ? x : NULL, i, x)
		if (json_is_string(x) && parse_int(json_string_value(x), 1, INT64_MAX, &v) == WS_OK)
			json_array_append_new(ids, json_integer(v));
	in = json_pack("{s:O,s:O}", "subject", json_object_get(r->in, "subject") ?
	    json_object_get(r->in, "subject") : json_null(), "body", json_object_get(r->in,
	    "body") ? json_object_get(r->in, "body") : json_null());
	if (to && strcmp(to, "shown") == 0)
		json_object_set_new(in, "filter", json_is_string(json_object_get(r->in, "filter")) ?
		    json_incref(json_object_get(r->in, "filter")) : json_string("all"));
	else
		json_object_set(in, "user_ids", ids);
	r->in = in;
	rc = send_message(r, w, k, &mid, &n);
	r->in = was;
	if (rc == WS_OK) {
		const char *f = json_string_value(json_object_get(r->in, "filter"));

		resp_redirect(w, arena_printf(r->a, "/staff/courses/%lld/cohorts/%lld/table?"
		    "filter=%s&sent=%lld", (long long)id, (long long)kid, f && *f &&
		    strspn(f, "abcdefghijklmnopqrstuvwxyz") == strlen(f) ? f : "all",
		    (long long)n));
	} else if (rc == WS_EINVAL || rc == WS_ETOOBIG || rc == WS_ERATE) {
		/* the table again, with why and what was typed */
		json_t *errors = w->errors ? json_incref(w->errors) : json_pack("{s:s}", "body",
		    tr(r, w->detail));
		const char *detail = w->detail;
		int status = rc == WS_EINVAL ? 422 : rc == WS_ETOOBIG ? 413 : 429;
		const char *subject = json_string_value(json_object_get(was, "subject"));
		const char *text = json_string_value(json_object_get(was, "body"));

		typed = json_pack("{s:s,s:s,s:s,s:b}", "subject", subject ? subject : "", "body",
		    text ? text : "", "to", to && strcmp(to, "shown") == 0 ? "shown" : "selected",
		    "shown", to && strcmp(to, "shown") == 0);
		json_decref(w->errors);
		w->errors = NULL;
		if ((rc = table_page(r, w, typed, errors)) == WS_OK) {
			w->status = status;
			w->detail = detail;
		}
		json_decref(typed);
		json_decref(errors);
	}
	json_decref(in);
	json_decref(ids);
	json_decref(k);
	return rc;
}
