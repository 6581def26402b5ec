/*
 * forums.c -- reading the discussion forums: who reads (the reader), the
 * list of forums (/forums), a forum's threads (/forums/{id}, searched with
 * ?q=), a thread's posts (/forums/{id}/threads/{tid}, oldest first, a page
 * at a time, with a link to the last page), staff's forms to make and
 * change forums, staff's queue of flags (/staff/forums/flags and its CSV),
 * and a person's posts for their export.  Each page has its JSON twin.
 *
 * An author is shown as the people directory would show them to the
 * reader: by name with those of their approved organizations that show
 * their people to the reader and list them (or that the reader shares);
 * an approved expert by the name of their profile (as /people has it); anyone else as "a member"; a focal point as
 * "a government focal point"; a deleted account as "a former member".
 * Staff and the author themself see the name.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "app/app.h"
#include "app/directory/directory.h"
#include "app/events/events.h"
#include "app/forums/forums_int.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

const struct field forums_q_threads[] = {
	{ "q", FT_LINE, 0, 0, 100, NULL, NULL, NULL },
	APP_Q_PAGE, APP_Q_PER_PAGE, FIELDS_END
};

static const char *
tr(struct req *r, const char *msg)
{
	return view_tr(r->app->views, r->locale, msg);
}

static enum ws_err
param_id(struct req *r, int n, int64_t *id)
{
	return parse_int(r->params[n], 1, INT64_MAX, id) == WS_OK ? WS_OK : WS_ENOTFOUND;
}

json_t *
forums_time(int64_t t)
{
	char buf[32];
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(buf);
}

/* ---- the reader ------------------------------------------------------------- */

/* uid's standing: *blocked when they belong to organizations or have an
 * expert profile and none of them is approved (suspended, rejected). */
static enum ws_err
standing(struct db *d, int64_t uid, int *blocked)
{
	struct db_q *q = db_start(d, ST_FORUM_STANDING);
	enum ws_err rc;

	*blocked = 0;
	db_bind_int(q, 1, uid);
	db_bind_int(q, 2, uid);
	db_bind_int(q, 3, uid);
	db_bind_int(q, 4, uid);
	if ((rc = db_step(q)) == WS_OK)
		*blocked = (db_col_int(q, FORUM_ST_C_ORGS) > 0 || db_col_int(q, FORUM_ST_C_EXPERT) >
		    0) && db_col_int(q, FORUM_ST_C_ORGS_OK) == 0 && db_col_int(q,
		    FORUM_ST_C_EXPERT_OK) == 0;
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

enum ws_err
forums_may_read(struct db *d, int64_t uid, const char *role, const char *aud, int *ok)
{
	int blocked = 0;
	enum ws_err rc;

	*ok = 0;
	if (strcmp(role, "staff") == 0 || strcmp(role, "admin") == 0) {
		*ok = 1;
		return WS_OK;
	}
	if (strcmp(role, "focal") == 0) {
		*ok = strcmp(aud, "members") == 0;
		return WS_OK;
	}
	if (strcmp(role, "member") != 0)
		return WS_OK;
	if ((rc = standing(d, uid, &blocked)) != WS_OK)
		return rc;
	*ok = !blocked;
	return WS_OK;
}

enum ws_err
forums_reader(struct req *r, struct resp *w, struct reader *rd)
{
	struct db *d = req_db(r);
	struct db_q *q;
	int blocked = 0;
	enum ws_err rc;

	memset(rd, 0, sizeof *rd);
	rd->orgs = json_array();
	rd->cache = json_object();
	if (!r->user)
		return WS_EUNAUTH;
	rd->uid = r->user->id;
	rd->staff = r->user->role >= ROLE_STAFF;
	rd->focal = r->user->role == ROLE_FOCAL;
	rd->vis = org_viewer_level(r);
	if (r->user->role == ROLE_APPLICANT) {
		w->detail = N_("The forums are for members: your application is not approved yet.");
		return WS_EFORBIDDEN;
	}
	if (r->user->role == ROLE_MEMBER) {
		if ((rc = standing(d, rd->uid, &blocked)) != WS_OK)
			return rc;
		if (blocked) {
			w->detail = N_("Your organization is not an approved member now: the forums "
			    "are closed to you.");
			return WS_EFORBIDDEN;
		}
	}
	q = db_start(d, ST_FORUM_AUTHOR_ORGS);
	db_bind_int(q, 1, rd->uid);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(rd->orgs, json_integer(db_col_int(q, FORUM_AO_C_ID)));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

void
forums_reader_free(struct reader *rd)
{
	json_decref(rd->orgs);
	json_decref(rd->cache);
	rd->orgs = rd->cache = NULL;
}

static int
shares_org(struct reader *rd, int64_t org)
{
	json_t *x;
	size_t i;

	json_array_foreach(rd->orgs, i, x)
		if (json_integer_value(x) == org)
			return 1;
	return 0;
}

/* The level from which organization org shows its people. */
static enum vis
people_level(struct req *r, struct reader *rd, int64_t org)
{
	const char *key = arena_printf(r->a, "o%lld", (long long)org);
	json_t *c = json_object_get(rd->cache, key), *o = NULL;
	enum vis v = VIS_STAFF;

	if (c)
		return (enum vis)json_integer_value(c);
	if (org_load(req_db(r), org, &o) == WS_OK)
		v = org_field_level(o, "people");
	json_decref(o);
	json_object_set_new(rd->cache, key, json_integer(v));
	return v;
}

json_t *
forums_author(struct req *r, struct reader *rd, json_t *uid, const char *name, const char *role)
{
	struct db *d = req_db(r);
	const char *key;
	json_t *a, *c, *orgs;
	struct db_q *q;
	int64_t id = json_integer_value(uid);
	int own, any = 0;

	if (!json_is_integer(uid) || !name)
		return json_pack("{s:n,s:s,s:[]}", "id", "name", tr(r, N_("A former member")),
		    "organizations");
	key = arena_printf(r->a, "u%lld", (long long)id);
	if ((c = json_object_get(rd->cache, key)) != NULL)
		return json_incref(c);
	own = rd->staff || id == rd->uid;
	if (role && (strcmp(role, "staff") == 0 || strcmp(role, "admin") == 0)) {
		a = json_pack("{s:I,s:s,s:[]}", "id", (json_int_t)id, "name", name,
		    "organizations");
		goto done;
	}
	if (role && strcmp(role, "focal") == 0 && !own) {
		a = json_pack("{s:n,s:s,s:[]}", "id", "name", tr(r, N_("A government focal point")),
		    "organizations");
		goto done;
	}
	orgs = json_array();
	{
		/* read whole first: one statement at a time on a connection */
		json_t *rows = json_array(), *x;
		size_t i;

		q = db_start(d, ST_FORUM_AUTHOR_ORGS);
		db_bind_int(q, 1, id);
		while (db_step(q) == WS_OK)
			json_array_append_new(rows, json_pack("{s:I,s:s,s:b}", "id",
			    (json_int_t)db_col_int(q, FORUM_AO_C_ID), "name", db_col_text(q,
			    FORUM_AO_C_NAME), "listed", (int)db_col_int(q, FORUM_AO_C_LISTED)));
		db_end(q);
		json_array_foreach(rows, i, x) {
			int64_t o = json_integer_value(json_object_get(x, "id"));

			any = 1;
			if (own || shares_org(rd, o) || (json_is_true(json_object_get(x, "listed")) &&
			    people_level(r, rd, o) <= rd->vis))
				json_array_append_new(orgs, json_pack("{s:I,s:O}", "id", (json_int_t)o,
				    "name", json_object_get(x, "name")));
		}
		json_decref(rows);
	}
	if (json_array_size(orgs) > 0 || own) {
		a = json_pack("{s:I,s:s,s:o}", "id", (json_int_t)id, "name", name, "organizations",
		    orgs);
		goto done;
	}
	if (!any) {	/* an approved expert is on /people by the name of their profile */
		struct db_q *e = db_start(d, ST_FORUM_EXPERT_NAME);
		const char *ename = NULL;

		db_bind_int(e, 1, id);
		if (db_step(e) == WS_OK && db_col_text(e, 0))
			ename = arena_strdup(r->a, db_col_text(e, 0));
		db_end(e);
		if (ename) {
			a = json_pack("{s:I,s:s,s:o}", "id", (json_int_t)id, "name", ename,
			    "organizations", orgs);
			goto done;
		}
	}
	json_decref(orgs);
	a = json_pack("{s:n,s:s,s:[]}", "id", "name", tr(r, N_("A member")), "organizations");
done:
	json_object_set(rd->cache, key, a);
	return a;
}

/* ---- the store --------------------------------------------------------------- */

static json_t *
forum_row(struct db_q *q)
{
	return json_pack("{s:I,s:s,s:s,s:s,s:I,s:s,s:b,s:I,s:I,s:I,s:o}",
	    "id", (json_int_t)db_col_int(q, FORUM_C_ID),
	    "title", db_col_text(q, FORUM_C_TITLE),
	    "description", db_col_text(q, FORUM_C_DESCRIPTION),
	    "theme", db_col_text(q, FORUM_C_THEME),
	    "position", (json_int_t)db_col_int(q, FORUM_C_POSITION),
	    "audience", db_col_text(q, FORUM_C_AUDIENCE),
	    "archived", (int)db_col_int(q, FORUM_C_ARCHIVED),
	    "created_at", (json_int_t)db_col_int(q, FORUM_C_CREATED_AT),
	    "threads", (json_int_t)db_col_int(q, FORUM_C_THREADS),
	    "posts", (json_int_t)db_col_int(q, FORUM_C_POSTS),
	    "last_post_at", app_col_int(q, FORUM_C_LAST_POST_AT));
}

/* Stored forum f as the API gives it.  New reference. */
static json_t *
forum_view(struct req *r, json_t *f)
{
	json_t *o = json_deep_copy(f);
	json_t *last = json_object_get(f, "last_post_at");

	json_object_set_new(o, "created_at", forums_time(json_integer_value(json_object_get(f,
	    "created_at"))));
	json_object_set_new(o, "last_post_at", json_is_integer(last) ?
	    forums_time(json_integer_value(last)) : json_null());
	if (!r->api) {
		json_object_set_new(o, "description_html", org_markdown_html(json_string_value(
		    json_object_get(f, "description"))));
		json_object_set_new(o, "is_nongovernmental", json_boolean(strcmp(json_string_value(
		    json_object_get(f, "audience")), "nongovernmental") == 0));
		if (*json_string_value(json_object_get(f, "theme")))
			json_object_set_new(o, "theme_name", json_string(theme_name(json_string_value(
			    json_object_get(f, "theme")), r->locale)));
	}
	return o;
}

enum ws_err
forums_get(struct req *r, struct reader *rd, int64_t id, json_t **out)
{
	struct db_q *q = db_start(req_db(r), ST_FORUM_GET);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, id);
	if ((rc = db_step(q)) == WS_OK)
		*out = forum_row(q);
	db_end(q);
	if (rc == WS_EDONE)
		return WS_ENOTFOUND;
	if (rc == WS_OK && rd->focal && strcmp(json_string_value(json_object_get(*out,
	    "audience")), "members") != 0) {
		json_decref(*out);
		*out = NULL;
		return WS_ENOTFOUND;	/* a focal point does not learn it exists */
	}
	return rc;
}

static json_t *
thread_row(struct db_q *q)
{
	return json_pack("{s:I,s:I,s:o,s:s,s:b,s:b,s:I,s:I,s:I,s:I,s:I}",
	    "id", (json_int_t)db_col_int(q, FTH_C_ID),
	    "forum_id", (json_int_t)db_col_int(q, FTH_C_FORUM_ID),
	    "user_id", app_col_int(q, FTH_C_USER_ID),
	    "title", db_col_text(q, FTH_C_TITLE),
	    "pinned", (int)db_col_int(q, FTH_C_PINNED),
	    "locked", (int)db_col_int(q, FTH_C_LOCKED),
	    "created_at", (json_int_t)db_col_int(q, FTH_C_CREATED_AT),
	    "last_post_at", (json_int_t)db_col_int(q, FTH_C_LAST_POST_AT),
	    "posts", (json_int_t)db_col_int(q, FTH_C_POSTS),
	    "last_post_id", (json_int_t)db_col_int(q, FTH_C_LAST_POST_ID),
	    "read_post_id", (json_int_t)db_col_int(q, FTH_C_READ_POST_ID));
}

enum ws_err
forums_thread_get(struct req *r, struct reader *rd, int64_t fid, int64_t tid, json_t **out)
{
	struct db_q *q = db_start(req_db(r), ST_FORUM_THREAD_GET);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, rd->uid);
	db_bind_int(q, 2, tid);
	db_bind_int(q, 3, fid);
	if ((rc = db_step(q)) == WS_OK)
		*out = thread_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

static json_t *
post_row(struct db_q *q)
{
	return json_pack("{s:I,s:I,s:I,s:o,s:s,s:s,s:b,s:I,s:o,s:o,s:o,s:I}",
	    "id", (json_int_t)db_col_int(q, FP_C_ID),
	    "thread_id", (json_int_t)db_col_int(q, FP_C_THREAD_ID),
	    "forum_id", (json_int_t)db_col_int(q, FP_C_FORUM_ID),
	    "user_id", app_col_int(q, FP_C_USER_ID),
	    "body", db_col_text(q, FP_C_BODY),
	    "status", db_col_text(q, FP_C_STATUS),
	    "flag_hidden", (int)db_col_int(q, FP_C_FLAG_HIDDEN),
	    "created_at", (json_int_t)db_col_int(q, FP_C_CREATED_AT),
	    "edited_at", app_col_int(q, FP_C_EDITED_AT),
	    "author", db_col_text(q, FP_C_AUTHOR) ? json_string(db_col_text(q, FP_C_AUTHOR)) :
	    json_null(),
	    "role", db_col_text(q, FP_C_ROLE) ? json_string(db_col_text(q, FP_C_ROLE)) :
	    json_null(),
	    "open_flags", (json_int_t)db_col_int(q, FP_C_OPEN_FLAGS));
}

enum ws_err
forums_post_get(struct db *d, int64_t pid, json_t **out)
{
	struct db_q *q = db_start(d, ST_FORUM_POST_GET);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, pid);
	if ((rc = db_step(q)) == WS_OK)
		*out = post_row(q);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

int64_t
forums_page_of(struct db *d, int64_t tid, int64_t pid)
{
	struct db_q *q = db_start(d, ST_FORUM_POST_RANK);
	int64_t n = 1;

	db_bind_int(q, 1, tid);
	db_bind_int(q, 2, pid);
	if (db_step(q) == WS_OK)
		n = db_col_int(q, 0);
	db_end(q);
	return n < 1 ? 1 : (n - 1) / FORUMS_PER_PAGE + 1;
}

/* ---- the views --------------------------------------------------------------- */

json_t *
forums_post_view(struct req *r, struct reader *rd, json_t *p, int locked, int archived)
{
	const char *status = json_string_value(json_object_get(p, "status"));
	int hidden = strcmp(status, "hidden") == 0 || json_is_true(json_object_get(p,
	    "flag_hidden"));
	int deleted = strcmp(status, "deleted") == 0;
	json_t *uid = json_object_get(p, "user_id");
	int mine = json_is_integer(uid) && json_integer_value(uid) == rd->uid;
	int64_t created = json_integer_value(json_object_get(p, "created_at"));
	json_t *edited = json_object_get(p, "edited_at");
	int shown = !deleted && (!hidden || rd->staff);
	json_t *o = json_object();

	json_object_set(o, "id", json_object_get(p, "id"));
	json_object_set(o, "thread_id", json_object_get(p, "thread_id"));
	json_object_set_new(o, "author", forums_author(r, rd, uid, json_string_value(
	    json_object_get(p, "author")), json_string_value(json_object_get(p, "role"))));
	json_object_set_new(o, "status", json_string(deleted ? "deleted" : hidden ? "hidden" :
	    "visible"));
	json_object_set_new(o, "hidden_by_flags", json_boolean(!deleted && strcmp(status,
	    "hidden") != 0 && json_is_true(json_object_get(p, "flag_hidden"))));
	json_object_set_new(o, "body", shown ? json_incref(json_object_get(p, "body")) :
	    json_null());
	json_object_set_new(o, "created_at", forums_time(created));
	json_object_set_new(o, "edited_at", json_is_integer(edited) ?
	    forums_time(json_integer_value(edited)) : json_null());
	json_object_set_new(o, "mine", json_boolean(mine));
	json_object_set_new(o, "can_edit", json_boolean(!deleted && !archived && (rd->staff ||
	    (mine && !locked && !hidden && now_s() - created <=
	    FORUMS_EDIT_WINDOW))));
	json_object_set_new(o, "can_delete", json_boolean(!deleted && !archived && (rd->staff ||
	    mine)));
	if (rd->staff)
		json_object_set(o, "open_flags", json_object_get(p, "open_flags"));
	if (!r->api) {
		if (shown)
			json_object_set_new(o, "body_html", org_markdown_html(json_string_value(
			    json_object_get(p, "body"))));
		json_object_set_new(o, "when", events_when(r, NULL, created));
		json_object_set_new(o, "is_deleted", json_boolean(deleted));
		json_object_set_new(o, "is_hidden", json_boolean(hidden && !deleted));
		json_object_set_new(o, "can_flag", json_boolean(!deleted && !hidden && !mine));
		json_object_set_new(o, "staff", json_boolean(rd->staff));
	}
	return o;
}

/* Stored thread t as the API gives it, with its author.  New reference. */
static json_t *
thread_view(struct req *r, struct reader *rd, json_t *t, const char *author, const char *role)
{
	json_t *o = json_object();
	int64_t last = json_integer_value(json_object_get(t, "last_post_id"));

	json_object_set(o, "id", json_object_get(t, "id"));
	json_object_set(o, "forum_id", json_object_get(t, "forum_id"));
	json_object_set(o, "title", json_object_get(t, "title"));
	json_object_set_new(o, "author", forums_author(r, rd, json_object_get(t, "user_id"),
	    author, role));
	json_object_set(o, "pinned", json_object_get(t, "pinned"));
	json_object_set(o, "locked", json_object_get(t, "locked"));
	json_object_set(o, "posts", json_object_get(t, "posts"));
	json_object_set_new(o, "created_at", forums_time(json_integer_value(json_object_get(t,
	    "created_at"))));
	json_object_set_new(o, "last_post_at", forums_time(json_integer_value(json_object_get(t,
	    "last_post_at"))));
	json_object_set_new(o, "unread", json_boolean(last > json_integer_value(
	    json_object_get(t, "read_post_id"))));
	json_object_set_new(o, "last_page", json_integer(json_integer_value(json_object_get(t,
	    "posts")) < 1 ? 1 : (json_integer_value(json_object_get(t, "posts")) - 1) /
	    FORUMS_PER_PAGE + 1));
	return o;
}

/* The first post of thread t (its author's name and role).  */
static void
thread_author(struct req *r, json_t *t, const char **name, const char **role)
{
	struct db_q *q = db_start(req_db(r), ST_FORUM_POSTS);

	*name = *role = NULL;
	db_bind_int(q, 1, json_integer_value(json_object_get(t, "id")));
	db_bind_int(q, 2, 1);
	db_bind_int(q, 3, 0);
	if (db_step(q) == WS_OK && db_col_int(q, FP_C_USER_ID) == json_integer_value(
	    json_object_get(t, "user_id"))) {
		*name = db_col_text(q, FP_C_AUTHOR) ? arena_strdup(r->a, db_col_text(q,
		    FP_C_AUTHOR)) : NULL;
		*role = db_col_text(q, FP_C_ROLE) ? arena_strdup(r->a, db_col_text(q,
		    FP_C_ROLE)) : NULL;
	}
	db_end(q);
}

/* Whether rd follows forum fid (thread tid, 0: the forum itself). */
static int
following(struct req *r, struct reader *rd, int64_t fid, int64_t tid)
{
	struct db_q *q = db_start(req_db(r), ST_FORUM_SUB_GET);
	int on = 0;

	db_bind_int(q, 1, rd->uid);
	db_bind_int(q, 2, fid);
	db_bind_int(q, 3, tid);
	if (db_step(q) == WS_OK)
		on = db_col_int(q, 0) != 0;
	db_end(q);
	return on;
}

/* ---- /forums ------------------------------------------------------------------ */

/* The list of forums into w, with staff's new-forum form (what was typed,
 * and errors, when not NULL). */
static enum ws_err
forums_list(struct req *r, struct resp *w, json_t *form, json_t *errors)
{
	struct reader rd;
	struct db_q *q;
	json_t *items = json_array(), *v;
	enum ws_err rc;

	if ((rc = forums_reader(r, w, &rd)) != WS_OK)
		goto out;
	q = db_start(req_db(r), ST_FORUM_LIST);
	db_bind_int(q, 1, rd.focal ? 0 : 1);
	while ((rc = db_step(q)) == WS_OK) {
		json_t *f = forum_row(q);

		json_array_append_new(items, forum_view(r, f));
		json_decref(f);
	}
	db_end(q);
	if (rc != WS_EDONE)
		goto out;
	rc = WS_OK;
	v = app_list_value(items, 1, 200, (int64_t)json_array_size(items));
	items = NULL;
	if (!r->api) {
		json_object_set_new(v, "staff", json_boolean(rd.staff));
		json_object_set_new(v, "form", form ? json_incref(form) : json_pack("{s:s,s:s,s:s,"
		    "s:s}", "title", "", "description", "", "position", "0", "audience", "members"));
		json_object_set_new(v, "audience_nongovernmental", json_boolean(form &&
		    json_is_string(json_object_get(form, "audience")) && strcmp(json_string_value(
		    json_object_get(form, "audience")), "nongovernmental") == 0));
		if (errors)
			json_object_set(v, "errors", errors);
	}
	resp_value(w, v);
	w->tpl = "forums";
	w->title = N_("Forums");
out:
	json_decref(items);
	forums_reader_free(&rd);
	return rc;
}

enum ws_err
h_forums(struct req *r, struct resp *w)
{
	return forums_list(r, w, NULL, NULL);
}

/* The LIKE pattern of a search for s ("" for none), lower case, with its
 * wildcards escaped. */
static const char *
like_of(struct req *r, const char *s)
{
	size_t n, k = 0;
	const char *p;
	char *out;

	if (!s || !*s)
		return "";
	n = strlen(s);
	out = arena_alloc(r->a, 2 * n + 3);
	out[k++] = '%';
	for (p = s; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			out[k++] = '\\';
		out[k++] = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p;
	}
	out[k++] = '%';
	out[k] = '\0';
	return out;
}

enum ws_err
forums_forum_page(struct req *r, struct resp *w, int64_t fid, json_t *form, json_t *errors)
{
	struct db *d = req_db(r);
	struct reader rd;
	struct db_q *q;
	json_t *f = NULL, *items = json_array(), *v, *errs = json_object();
	const char *s = json_string_value(json_object_get(r->query, "q")), *like;
	int64_t page = 1, total = 0;
	int per_page = APP_PER_PAGE;
	enum ws_err rc;

	if ((rc = forums_reader(r, w, &rd)) != WS_OK || (rc = forums_get(r, &rd, fid, &f)) !=
	    WS_OK)
		goto out;
	if (app_paging(r, errs, &page, &per_page) > 0) {
		w->errors = json_incref(errs);
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	like = like_of(r, s);
	q = db_start(d, ST_FORUM_THREADS_COUNT);
	db_bind_int(q, 1, fid);
	db_bind_text(q, 2, like);
	db_bind_text(q, 3, like);
	db_bind_text(q, 4, like);
	if ((rc = db_step(q)) == WS_OK)
		total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK) {
		rc = rc == WS_EDONE ? WS_EDB : rc;
		goto out;
	}
	q = db_start(d, ST_FORUM_THREADS);
	db_bind_int(q, 1, rd.uid);
	db_bind_int(q, 2, fid);
	db_bind_text(q, 3, like);
	db_bind_text(q, 4, like);
	db_bind_text(q, 5, like);
	db_bind_int(q, 6, per_page);
	db_bind_int(q, 7, (page - 1) * per_page);
	{
		json_t *rows = json_array(), *t;
		size_t i;

		while ((rc = db_step(q)) == WS_OK)
			json_array_append_new(rows, thread_row(q));
		db_end(q);
		if (rc != WS_EDONE) {
			json_decref(rows);
			goto out;
		}
		rc = WS_OK;
		json_array_foreach(rows, i, t) {
			const char *an, *ar;

			thread_author(r, t, &an, &ar);
			json_array_append_new(items, thread_view(r, &rd, t, an, ar));
		}
		json_decref(rows);
	}
	v = app_list_value(items, page, per_page, total);
	items = NULL;
	json_object_set_new(v, "forum", forum_view(r, f));
	json_object_set_new(v, "q", json_string(s ? s : ""));
	json_object_set_new(v, "following", json_boolean(following(r, &rd, fid, 0)));
	json_object_set_new(v, "can_post", json_boolean(!json_is_true(json_object_get(f,
	    "archived"))));
	if (!r->api) {
		json_object_set_new(v, "staff", json_boolean(rd.staff));
		json_object_set_new(v, "form", form ? json_incref(form) : json_pack("{s:s,s:s}",
		    "title", "", "body", ""));
		if (errors)
			json_object_set(v, "errors", errors);
	}
	resp_value(w, v);
	w->tpl = "forum";
	w->title = N_("Forum");
out:
	json_decref(f);
	json_decref(items);
	json_decref(errs);
	forums_reader_free(&rd);
	return rc;
}

enum ws_err
h_forum(struct req *r, struct resp *w)
{
	int64_t fid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &fid)) != WS_OK)
		return rc;
	return forums_forum_page(r, w, fid, NULL, NULL);
}

/* ---- /forums/{id}/threads/{tid} --------------------------------------------------- */

enum ws_err
forums_thread_page(struct req *r, struct resp *w, int64_t fid, int64_t tid, json_t *form,
    json_t *errors)
{
	struct db *d = req_db(r);
	struct reader rd;
	struct db_q *q;
	json_t *f = NULL, *t = NULL, *items = json_array(), *v, *errs = json_object(), *p;
	int64_t page = 1, total = 0, last_seen = 0, last_page;
	int per_page = FORUMS_PER_PAGE, locked, archived;
	enum ws_err rc;
	size_t i;

	if ((rc = forums_reader(r, w, &rd)) != WS_OK || (rc = forums_get(r, &rd, fid, &f)) !=
	    WS_OK || (rc = forums_thread_get(r, &rd, fid, tid, &t)) != WS_OK)
		goto out;
	if (app_paging(r, errs, &page, &per_page) > 0) {
		w->errors = json_incref(errs);
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if (!req_query(r, "per_page") || !*req_query(r, "per_page"))
		per_page = FORUMS_PER_PAGE;
	locked = json_is_true(json_object_get(t, "locked"));
	archived = json_is_true(json_object_get(f, "archived"));
	total = json_integer_value(json_object_get(t, "posts"));
	q = db_start(d, ST_FORUM_POSTS);
	db_bind_int(q, 1, tid);
	db_bind_int(q, 2, per_page);
	db_bind_int(q, 3, (page - 1) * per_page);
	{
		json_t *rows = json_array();

		while ((rc = db_step(q)) == WS_OK)
			json_array_append_new(rows, post_row(q));
		db_end(q);
		if (rc != WS_EDONE) {
			json_decref(rows);
			goto out;
		}
		rc = WS_OK;
		json_array_foreach(rows, i, p) {
			int64_t pid = json_integer_value(json_object_get(p, "id"));
			json_t *x = forums_post_view(r, &rd, p, locked, archived);

			json_object_set_new(x, "unread", json_boolean(pid > json_integer_value(
			    json_object_get(t, "read_post_id")) && !json_is_true(json_object_get(x,
			    "mine"))));
			json_array_append_new(items, x);
			if (pid > last_seen)
				last_seen = pid;
		}
		json_decref(rows);
	}
	/* the reader has now seen these posts */
	if (last_seen) {
		q = db_start(d, ST_FORUM_READ_PUT);
		db_bind_int(q, 1, rd.uid);
		db_bind_int(q, 2, tid);
		db_bind_int(q, 3, last_seen);
		rc = db_exec(q, NULL);
		db_end(q);
		if (rc != WS_OK)
			goto out;
	}
	last_page = total < 1 ? 1 : (total - 1) / per_page + 1;
	v = app_list_value(items, page, per_page, total);
	items = NULL;
	{
		const char *an = NULL, *ar = NULL;

		thread_author(r, t, &an, &ar);
		json_object_set_new(v, "thread", thread_view(r, &rd, t, an, ar));
	}
	json_object_set_new(v, "forum", forum_view(r, f));
	json_object_set_new(v, "last_page", json_integer(last_page));
	json_object_set_new(v, "following", json_boolean(following(r, &rd, fid, tid)));
	json_object_set_new(v, "can_reply", json_boolean(!archived && (!locked || rd.staff)));
	if (!r->api) {
		json_object_set_new(v, "staff", json_boolean(rd.staff));
		json_object_set_new(v, "is_last_page", json_boolean(page >= last_page));
		json_object_set_new(v, "form", form ? json_incref(form) : json_pack("{s:s}",
		    "reply_body", ""));
		if (errors)
			json_object_set(v, "errors", errors);
	}
	resp_value(w, v);
	w->tpl = "forum_thread";
	w->title = N_("Thread");
out:
	json_decref(f);
	json_decref(t);
	json_decref(items);
	json_decref(errs);
	forums_reader_free(&rd);
	return rc;
}

enum ws_err
h_forum_thread(struct req *r, struct resp *w)
{
	int64_t fid, tid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &fid)) != WS_OK || (rc = param_id(r, 1, &tid)) != WS_OK)
		return rc;
	return forums_thread_page(r, w, fid, tid, NULL, NULL);
}

/* ---- staff: forums ------------------------------------------------------------------ */

static const char *const audiences[] = { "members", "nongovernmental", NULL };

/* Checks a forum's fields in in over the stored f (NULL: a new one): into
 * *vals {title, description, theme, position, audience, archived}, or
 * WS_EINVAL with w->errors. */
static enum ws_err
forum_fields(struct req *r, struct resp *w, json_t *in, json_t *f, json_t **vals)
{
	json_t *errors = json_object(), *x;
	json_t *v = f ? json_deep_copy(f) : json_pack("{s:s,s:s,s:s,s:i,s:s,s:b}", "title", "",
	    "description", "", "theme", "", "position", 0, "audience", "members", "archived", 0);
	const char *s;

	*vals = NULL;
	if ((x = json_object_get(in, "title")) || !f) {
		s = json_string_value(x);
		if (!s || strspn(s, " \t") == strlen(s) || utf8_chars(s) > FORUMS_TITLE_MAX ||
		    !utf8_valid_text(s, strlen(s), 0))
			json_object_set_new(errors, "title", json_string(tr(r, N_("Give a title of "
			    "at most 200 characters."))));
		else
			json_object_set(v, "title", x);
	}
	if ((x = json_object_get(in, "description"))) {
		s = json_string_value(x);
		if (!s || utf8_chars(s) > FORUMS_DESC_MAX || !utf8_valid_text(s, strlen(s), 1))
			json_object_set_new(errors, "description", json_string(tr(r, N_("Describe it "
			    "in at most 2000 characters."))));
		else
			json_object_set(v, "description", x);
	}
	if ((x = json_object_get(in, "theme"))) {
		s = json_string_value(x);
		if (!s || (*s && !theme_known(s)))
			json_object_set_new(errors, "theme", json_string(tr(r, N_("Choose a theme "
			    "from the list."))));
		else
			json_object_set(v, "theme", x);
	}
	if ((x = json_object_get(in, "position"))) {
		int64_t n = 0;

		if (json_is_integer(x))
			n = json_integer_value(x);
		if ((!json_is_integer(x) && (!json_is_string(x) || parse_int(json_string_value(x),
		    0, 10000, &n) != WS_OK)) || n < 0 || n > 10000)
			json_object_set_new(errors, "position", json_string(tr(r, N_("Choose a number "
			    "from 0 to 10000."))));
		else
			json_object_set_new(v, "position", json_integer(n));
	}
	if ((x = json_object_get(in, "audience"))) {
		const char *const *a;

		s = json_string_value(x);
		for (a = audiences; s && *a; a++)
			if (strcmp(*a, s) == 0)
				break;
		if (!s || !*a)
			json_object_set_new(errors, "audience", json_string(tr(r, N_("Choose members "
			    "or nongovernmental."))));
		else
			json_object_set(v, "audience", x);
	}
	if ((x = json_object_get(in, "archived"))) {
		if (json_is_boolean(x))
			json_object_set(v, "archived", x);
		else if (json_is_string(x) && (strcmp(json_string_value(x), "1") == 0 ||
		    strcmp(json_string_value(x), "0") == 0))
			json_object_set_new(v, "archived", json_boolean(*json_string_value(x) == '1'));
		else
			json_object_set_new(errors, "archived", json_string(tr(r, N_("Choose yes or "
			    "no."))));
	}
	if (json_object_size(errors) > 0) {
		w->errors = errors;
		w->detail = N_("Some fields need your attention.");
		json_decref(v);
		return WS_EINVAL;
	}
	json_decref(errors);
	*vals = v;
	return WS_OK;
}

/* Creates a forum from in (staff); its id into *id. */
static enum ws_err
forum_create(struct req *r, struct resp *w, json_t *in, int64_t *id)
{
	struct db *d = req_db(r);
	json_t *v = NULL;
	struct db_q *q;
	int64_t now = now_s();
	enum ws_err rc;

	if ((rc = forum_fields(r, w, in, NULL, &v)) != WS_OK)
		return rc;
	q = db_start(d, ST_FORUM_COUNT);
	if ((rc = db_step(q)) == WS_OK && db_col_int(q, 0) >= FORUMS_MAX)
		rc = WS_ECONFLICT;
	db_end(q);
	if (rc != WS_OK) {
		if (rc == WS_ECONFLICT)
			w->detail = N_("The hub has 200 forums, the most it keeps: archive or change "
			    "one instead.");
		json_decref(v);
		return rc == WS_EDONE ? WS_EDB : rc;
	}
	q = db_start(d, ST_FORUM_INSERT);
	db_bind_text(q, 1, json_string_value(json_object_get(v, "title")));
	db_bind_text(q, 2, json_string_value(json_object_get(v, "description")));
	db_bind_text(q, 3, json_string_value(json_object_get(v, "theme")));
	db_bind_int(q, 4, json_integer_value(json_object_get(v, "position")));
	db_bind_text(q, 5, json_string_value(json_object_get(v, "audience")));
	db_bind_int(q, 6, json_is_true(json_object_get(v, "archived")));
	db_bind_int(q, 7, r->user->id);
	db_bind_int(q, 8, now);
	db_bind_int(q, 9, now);
	if ((rc = db_step(q)) == WS_OK)
		*id = db_col_int(q, 0);
	else if (rc == WS_EDONE)
		rc = WS_EDB;
	db_end(q);
	if (rc == WS_OK)
		app_audit(r->app, d, r->user->id, "forum.created", r->ip, arena_printf(r->a,
		    "forum %lld", (long long)*id));
	json_decref(v);
	return rc;
}

/* The forum id as staff read it (API).  */
static enum ws_err
forum_answer(struct req *r, struct resp *w, int64_t id)
{
	struct reader rd;
	json_t *f = NULL;
	enum ws_err rc;

	if ((rc = forums_reader(r, w, &rd)) == WS_OK && (rc = forums_get(r, &rd, id, &f)) ==
	    WS_OK)
		resp_value(w, forum_view(r, f));
	json_decref(f);
	forums_reader_free(&rd);
	return rc;
}

enum ws_err
h_forum_create(struct req *r, struct resp *w)
{
	int64_t id = 0;
	enum ws_err rc;

	if (!json_is_object(r->in)) {
		w->detail = N_("Send the forum as a JSON object.");
		return WS_EINVAL;
	}
	if ((rc = forum_create(r, w, r->in, &id)) != WS_OK || (rc = forum_answer(r, w, id)) !=
	    WS_OK)
		return rc;
	w->status = 201;
	return WS_OK;
}

enum ws_err
h_staff_forum_create(struct req *r, struct resp *w)
{
	int64_t id = 0;
	enum ws_err rc;

	if ((rc = forum_create(r, w, r->in, &id)) == WS_OK) {
		resp_redirect(w, arena_printf(r->a, "/forums/%lld", (long long)id));
		return WS_OK;
	}
	if (rc == WS_EINVAL) {	/* the list again, with what was typed */
		struct forums_again a;
		json_t *form = json_object();
		const char *const keep[] = { "title", "description", "position", "audience" };
		size_t i;

		forums_again_take(w, &a);
		for (i = 0; i < sizeof keep / sizeof keep[0]; i++) {
			const char *v = json_string_value(json_object_get(r->in, keep[i]));

			json_object_set_new(form, keep[i], json_string(v ? v : ""));
		}
		rc = forums_again_done(w, &a, forums_list(r, w, form, a.errors));
		json_decref(form);
	}
	return rc;
}

void
forums_again_take(struct resp *w, struct forums_again *a)
{
	a->errors = w->errors ? json_incref(w->errors) : json_object();
	a->detail = w->detail;
	json_decref(w->errors);
	w->errors = NULL;
}

enum ws_err
forums_again_done(struct resp *w, struct forums_again *a, enum ws_err rc)
{
	json_decref(a->errors);
	a->errors = NULL;
	if (rc == WS_OK) {
		w->status = 422;
		w->detail = a->detail;
	}
	return rc;
}

/* Writes forum id's fields v (forum_fields()'s) and audits staff's change. */
static enum ws_err
forum_update(struct req *r, int64_t id, json_t *v)
{
	struct db *d = req_db(r);
	struct db_q *q;
	enum ws_err rc;

	q = db_start(d, ST_FORUM_UPDATE);
	db_bind_text(q, 1, json_string_value(json_object_get(v, "title")));
	db_bind_text(q, 2, json_string_value(json_object_get(v, "description")));
	db_bind_text(q, 3, json_string_value(json_object_get(v, "theme")));
	db_bind_int(q, 4, json_integer_value(json_object_get(v, "position")));
	db_bind_text(q, 5, json_string_value(json_object_get(v, "audience")));
	db_bind_int(q, 6, json_is_true(json_object_get(v, "archived")));
	db_bind_int(q, 7, now_s());
	db_bind_int(q, 8, id);
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc == WS_OK)
		app_audit(r->app, d, r->user->id, "forum.changed", r->ip, arena_printf(r->a,
		    "forum %lld", (long long)id));
	return rc;
}

/* POST /staff/forums/{id}: staff change a forum from its page's form (the
 * fields given; archived 1 or 0). */
enum ws_err
h_staff_forum_edit(struct req *r, struct resp *w)
{
	struct reader rd;
	json_t *f = NULL, *v = NULL, *in = json_object(), *x;
	const char *const keep[] = { "title", "description", "position", "audience", "archived" };
	int64_t id;
	enum ws_err rc;
	size_t i;

	if ((rc = param_id(r, 0, &id)) != WS_OK)
		goto out;
	for (i = 0; i < sizeof keep / sizeof keep[0]; i++)
		if ((x = json_object_get(r->in, keep[i])) != NULL)
			json_object_set(in, keep[i], x);
	if ((rc = forums_reader(r, w, &rd)) != WS_OK || (rc = forums_get(r, &rd, id, &f)) !=
	    WS_OK || (rc = forum_fields(r, w, in, f, &v)) != WS_OK)
		goto end;
	if ((rc = forum_update(r, id, v)) == WS_OK)
		resp_redirect(w, arena_printf(r->a, "/forums/%lld", (long long)id));
end:
	forums_reader_free(&rd);
out:
	json_decref(f);
	json_decref(v);
	json_decref(in);
	return rc;
}

/* PATCH /api/v1/forums/{id}: staff change its fields, or archive it. */
enum ws_err
h_forum_edit(struct req *r, struct resp *w)
{
	struct reader rd;
	json_t *f = NULL, *v = NULL;
	int64_t id;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &id)) != WS_OK)
		return rc;
	if (!json_is_object(r->in)) {
		w->detail = N_("Send the forum as a JSON object.");
		return WS_EINVAL;
	}
	if ((rc = forums_reader(r, w, &rd)) != WS_OK || (rc = forums_get(r, &rd, id, &f)) !=
	    WS_OK || (rc = forum_fields(r, w, r->in, f, &v)) != WS_OK)
		goto out;
	if ((rc = forum_update(r, id, v)) == WS_OK)
		rc = forum_answer(r, w, id);
out:
	json_decref(f);
	json_decref(v);
	forums_reader_free(&rd);
	return rc;
}

/* ---- staff: the flags --------------------------------------------------------------- */

static json_t *
flag_row(struct req *r, struct db_q *q)
{
	const char *body = db_col_text(q, FF_C_BODY);
	size_t n = strlen(body);

	if (n > 300) {	/* cut on a character's boundary: the row must stay UTF-8 */
		n = 300;
		while (n > 0 && ((unsigned char)body[n] & 0xC0) == 0x80)
			n--;
	}
	return json_pack("{s:I,s:I,s:I,s:I,s:s,s:s,s:s,s:b,s:s,s:s,s:s,s:o}",
	    "id", (json_int_t)db_col_int(q, FF_C_ID),
	    "post_id", (json_int_t)db_col_int(q, FF_C_POST_ID),
	    "thread_id", (json_int_t)db_col_int(q, FF_C_THREAD_ID),
	    "forum_id", (json_int_t)db_col_int(q, FF_C_FORUM_ID),
	    "thread", db_col_text(q, FF_C_THREAD),
	    "excerpt", arena_strndup(r->a, body, n),
	    "post_status", db_col_text(q, FF_C_POST_STATUS),
	    "hidden_by_flags", (int)db_col_int(q, FF_C_FLAG_HIDDEN),
	    "reason", db_col_text(q, FF_C_REASON),
	    "flagged_by", db_col_text(q, FF_C_FLAGGER),
	    "organization", db_col_text(q, FF_C_ORG),
	    "created_at", forums_time(db_col_int(q, FF_C_CREATED_AT)));
}

/* A page of open flags into *items, their number into *total. */
static enum ws_err
flag_queue(struct req *r, int64_t page, int per_page, json_t **items, int64_t *total)
{
	struct db *d = req_db(r);
	struct db_q *q;
	enum ws_err rc;

	*items = json_array();
	q = db_start(d, ST_FORUM_FLAG_QUEUE_COUNT);
	if ((rc = db_step(q)) == WS_OK)
		*total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc == WS_EDONE ? WS_EDB : rc;
	q = db_start(d, ST_FORUM_FLAG_QUEUE);
	db_bind_int(q, 1, per_page);
	db_bind_int(q, 2, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*items, flag_row(r, q));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
h_staff_forum_flags(struct req *r, struct resp *w)
{
	json_t *items = NULL;
	int64_t page = 1, total = 0;
	int per_page = APP_PER_PAGE;
	enum ws_err rc;

	if ((rc = app_list_args(r, w, &page, &per_page)) != WS_OK)
		return rc;
	if ((rc = flag_queue(r, page, per_page, &items, &total)) != WS_OK) {
		json_decref(items);
		return rc;
	}
	resp_value(w, app_list_value(items, page, per_page, total));
	w->tpl = "staff_forum_flags";
	w->title = N_("Flagged posts");
	return WS_OK;
}

enum ws_err
h_staff_forum_flags_csv(struct req *r, struct resp *w)
{
	static const char *const cols[] = { "id", "post_id", "thread_id", "forum_id", "thread",
		"excerpt", "post_status", "hidden_by_flags", "reason", "flagged_by", "organization",
		"created_at", NULL };
	json_t *items = NULL, *x;
	int64_t total = 0;
	enum ws_err rc;
	size_t i, c;

	if ((rc = flag_queue(r, 1, 10000, &items, &total)) != WS_OK)
		goto out;
	for (c = 0; cols[c] && rc == WS_OK; c++)
		rc = dir_csv_cell(&w->raw, cols[c], c == 0);
	if (rc == WS_OK)
		rc = buf_adds(&w->raw, "\r\n");
	json_array_foreach(items, i, x) {
		for (c = 0; cols[c] && rc == WS_OK; c++) {
			json_t *v = json_object_get(x, cols[c]);

			rc = dir_csv_cell(&w->raw, json_is_integer(v) ? arena_printf(r->a, "%lld",
			    (long long)json_integer_value(v)) : json_is_boolean(v) ?
			    (json_is_true(v) ? "yes" : "no") : json_is_string(v) ?
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
	resp_header(w, "Content-Disposition", "attachment; filename=\"forum-flags.csv\"");
	resp_header(w, "Cache-Control", "no-store");
out:
	json_decref(items);
	return rc;
}

/* ---- the export ------------------------------------------------------------------------ */

enum ws_err
forums_export(struct db *d, int64_t uid, json_t **out)
{
	struct db_q *q = db_start(d, ST_FORUM_MY_POSTS);
	json_t *rows = json_array(), *x;
	enum ws_err rc;
	size_t i;

	*out = json_array();
	db_bind_int(q, 1, uid);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(rows, json_pack("{s:I,s:I,s:s,s:I,s:s,s:s,s:s,s:o,s:o,s:s,"
		    "s:b,s:s}",
		    "id", (json_int_t)db_col_int(q, FMY_C_ID),
		    "thread_id", (json_int_t)db_col_int(q, FMY_C_THREAD_ID),
		    "thread", db_col_text(q, FMY_C_THREAD),
		    "forum_id", (json_int_t)db_col_int(q, FMY_C_FORUM_ID),
		    "forum", db_col_text(q, FMY_C_FORUM),
		    "body", db_col_text(q, FMY_C_BODY),
		    "status", db_col_text(q, FMY_C_STATUS),
		    "created_at", forums_time(db_col_int(q, FMY_C_CREATED_AT)),
		    "edited_at", db_col_null(q, FMY_C_EDITED_AT) ? json_null() :
		    forums_time(db_col_int(q, FMY_C_EDITED_AT)),
		    "audience", db_col_text(q, FMY_C_AUDIENCE),
		    "own_thread", !db_col_null(q, FMY_C_THREAD_USER) && db_col_int(q,
		    FMY_C_THREAD_USER) == uid,
		    "role", db_col_text(q, FMY_C_ROLE)));
	db_end(q);
	if (rc != WS_EDONE) {
		json_decref(rows);
		return rc;
	}
	rc = WS_OK;
	/* what they wrote is theirs; where they wrote, only while they may
	 * read it (a focal point never learns of a nongovernmental forum) */
	json_array_foreach(rows, i, x) {
		int ok = 0;

		if ((rc = forums_may_read(d, uid, json_string_value(json_object_get(x, "role")),
		    json_string_value(json_object_get(x, "audience")), &ok)) != WS_OK)
			break;
		if (!ok) {
			json_object_set_new(x, "forum", json_null());
			if (!json_is_true(json_object_get(x, "own_thread")))
				json_object_set_new(x, "thread", json_null());
		}
		json_object_del(x, "audience");
		json_object_del(x, "own_thread");
		json_object_del(x, "role");
		json_array_append(*out, x);
	}
	json_decref(rows);
	return rc;
}

/* ---- unfollow links ------------------------------------------------------------------------ */

void
forums_unfollow_sig(struct app *app, int64_t uid, int64_t fid, int64_t tid, char *out)
{
	unsigned char mac[32];
	char msg[96];
	int n = snprintf(msg, sizeof msg, "forum-unfollow:%lld:%lld:%lld", (long long)uid,
	    (long long)fid, (long long)tid);

	crypto_generichash(mac, sizeof mac, (const unsigned char *)msg, (size_t)n, app->key,
	    sizeof app->key);
	sodium_bin2hex(out, 65, mac, sizeof mac);
}
