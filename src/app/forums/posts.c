/*
 * posts.c -- writing in the forums: starting a thread, replying, an
 * author's edit (for FORUMS_EDIT_WINDOW seconds after posting) and delete,
 * flags, staff's moderation (hide, show, dismiss flags; lock and pin a
 * thread), following a forum or a thread, and the reply mail.
 *
 * Limits: FORUMS_RATE_HOUR posts a person and hour (staff are not
 * limited; 429 with Retry-After), FORUMS_FLAGS_HOUR flags; a title FORUMS_TITLE_MAX characters, a
 * post FORUMS_BODY_MAX, a reason FORUMS_REASON_MAX.  An archived forum
 * takes nothing (409); a locked thread takes replies from staff only
 * (409).
 *
 * Flags: once a person and post (409 again); a post flagged by
 * FORUMS_FLAG_ORGS organizations (a person of none counting alone, the
 * government focal points all together as one) is
 * hidden until staff decide: hiding it (the flags upheld) or dismissing
 * the flags (it shows again).
 *
 * Mail: a reply mails the thread's followers (its author and repliers
 * follow it unless they stopped; a forum's followers follow its threads)
 * but the replier, each in their language, only those who may still read
 * it (forums_may_read), at most one mail a person and thread each
 * FORUMS_MAIL_GAP seconds: replies in between are counted, and the next
 * mail says how many more there were.  Each mail has a one-click unfollow
 * link, signed, that works without signing in (a POST to confirm).
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "app/app.h"
#include "app/forums/forums_int.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

static enum ws_err post_answer(struct req *r, struct resp *w, int64_t pid);

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

/* The text of field name of in: not empty, at most max characters; NULL
 * with a message under name in errors. */
static const char *
text_of(struct req *r, json_t *in, const char *name, size_t max, int lines, json_t *errors,
    const char *empty, const char *too_long)
{
	const char *s = json_string_value(json_object_get(in, name));

	if (!s || !*s || strspn(s, " \t\r\n") == strlen(s)) {
		json_object_set_new(errors, name, json_string(tr(r, empty)));
		return NULL;
	}
	if (!utf8_valid_text(s, strlen(s), lines)) {
		json_object_set_new(errors, name, json_string(tr(r, N_("Use plain text: no control "
		    "characters."))));
		return NULL;
	}
	if (utf8_chars(s) > max) {
		json_object_set_new(errors, name, json_string(tr(r, too_long)));
		return NULL;
	}
	return s;
}

/* Inside the transaction that writes: WS_ERATE (with Retry-After) when r's
 * caller wrote FORUMS_RATE_HOUR posts in the last hour; staff are not
 * limited.  Their row is locked first, so posts sent at once are counted
 * one after the other. */
static enum ws_err
rate_check(struct req *r, struct resp *w, struct reader *rd)
{
	struct db_q *q;
	int64_t n = 0;
	enum ws_err rc;

	if (rd->staff)
		return WS_OK;
	if ((rc = app_one_int(req_db(r), ST_FORUM_USER_LOCK, rd->uid, NULL)) != WS_OK)
		return rc;
	q = db_start(req_db(r), ST_FORUM_POSTS_SINCE);
	db_bind_int(q, 1, rd->uid);
	db_bind_int(q, 2, now_s() - 3600);
	if ((rc = db_step(q)) == WS_OK)
		n = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc == WS_EDONE ? WS_EDB : rc;
	if (n >= FORUMS_RATE_HOUR) {
		w->detail = N_("You have written 20 posts in the last hour, the most the forums "
		    "take: try again later.");
		w->retry_after = 600;
		return WS_ERATE;
	}
	return WS_OK;
}

/* Inside the caller's transaction: person uid follows thread tid of forum
 * fid, unless they stopped (active 0). */
static enum ws_err
auto_follow(struct db *d, int64_t uid, int64_t fid, int64_t tid)
{
	struct db_q *q = db_start(d, ST_FORUM_SUB_AUTO);
	enum ws_err rc;

	db_bind_int(q, 1, uid);
	db_bind_int(q, 2, fid);
	db_bind_int(q, 3, tid);
	db_bind_int(q, 4, now_s());
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

/* Inside the caller's transaction: adds post body by uid to thread tid;
 * its id into *pid. */
static enum ws_err
post_add(struct db *d, int64_t tid, int64_t uid, const char *body, int64_t *pid)
{
	struct db_q *q = db_start(d, ST_FORUM_POST_INSERT);
	int64_t now = now_s();
	enum ws_err rc;

	db_bind_int(q, 1, tid);
	db_bind_int(q, 2, uid);
	db_bind_text(q, 3, body);
	db_bind_int(q, 4, now);
	if ((rc = db_step(q)) == WS_OK)
		*pid = db_col_int(q, 0);
	else if (rc == WS_EDONE)
		rc = WS_EDB;
	db_end(q);
	if (rc != WS_OK)
		return rc;
	q = db_start(d, ST_FORUM_THREAD_BUMP);
	db_bind_int(q, 1, now);
	db_bind_int(q, 2, *pid);
	db_bind_int(q, 3, tid);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

/* ---- mail ---------------------------------------------------------------------- */

/* Inside the caller's transaction: mails the followers of thread t of
 * forum f about reply pid (body) by r's caller, as the file's comment
 * says. */
static enum ws_err
mail_followers(struct req *r, struct db *d, json_t *f, json_t *t, int64_t pid, const char *body)
{
	struct db_q *q;
	json_t *people = json_array(), *x;
	int64_t fid = json_integer_value(json_object_get(f, "id"));
	int64_t tid = json_integer_value(json_object_get(t, "id"));
	int64_t now = now_s(), page = forums_page_of(d, tid, pid);
	const char *aud = json_string_value(json_object_get(f, "audience"));
	const char *base = r->app->cfg.base_url ? r->app->cfg.base_url : "";
	enum ws_err rc;
	size_t i;

	q = db_start(d, ST_FORUM_FOLLOWERS);
	db_bind_int(q, 1, r->user->id);
	db_bind_int(q, 2, fid);
	db_bind_int(q, 3, tid);
	db_bind_int(q, 4, fid);
	db_bind_int(q, 5, fid);
	db_bind_int(q, 6, tid);
	db_bind_int(q, 7, FORUMS_FOLLOWERS_MAX);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(people, json_pack("{s:I,s:s,s:s,s:s}", "id",
		    (json_int_t)db_col_int(q, FFO_C_ID), "email", db_col_text(q, FFO_C_EMAIL),
		    "locale", db_col_text(q, FFO_C_LOCALE) ? db_col_text(q, FFO_C_LOCALE) : "",
		    "role", db_col_text(q, FFO_C_ROLE)));
	db_end(q);
	if (rc != WS_EDONE)
		goto out;
	rc = WS_OK;
	json_array_foreach(people, i, x) {
		int64_t uid = json_integer_value(json_object_get(x, "id"));
		int64_t last = 0, missed = 0;
		int ok = 0, have = 0;
		char sig[65], fsig[65];
		const char *lang, *more = "";

		if ((rc = forums_may_read(d, uid, json_string_value(json_object_get(x, "role")), aud,
		    &ok)) != WS_OK)
			break;
		if (!ok)
			continue;
		q = db_start(d, ST_FORUM_MAILSTATE_GET);
		db_bind_int(q, 1, tid);
		db_bind_int(q, 2, uid);
		if ((rc = db_step(q)) == WS_OK) {
			have = 1;
			last = db_col_int(q, FML_C_LAST_MAILED_AT);
			missed = db_col_int(q, FML_C_MISSED);
		}
		db_end(q);
		if (rc != WS_OK && rc != WS_EDONE)
			break;
		q = db_start(d, ST_FORUM_MAILSTATE_PUT);
		db_bind_int(q, 1, tid);
		db_bind_int(q, 2, uid);
		if (have && now - last < FORUMS_MAIL_GAP) {	/* counted for the next mail */
			db_bind_int(q, 3, last);
			db_bind_int(q, 4, missed + 1);
			rc = db_exec(q, NULL);
			db_end(q);
			if (rc != WS_OK)
				break;
			continue;
		}
		db_bind_int(q, 3, now);
		db_bind_int(q, 4, 0);
		rc = db_exec(q, NULL);
		db_end(q);
		if (rc != WS_OK)
			break;
		lang = app_mail_lang(r->app, json_string_value(json_object_get(x, "locale")), NULL);
		if (missed > 0)
			more = arena_printf(r->a, "\n\n%s %lld\n", view_tr(r->app->views, lang,
			    N_("Replies to this thread since our last mail, not mailed one by one:")),
			    (long long)missed);
		forums_unfollow_sig(r->app, uid, fid, tid, sig);
		forums_unfollow_sig(r->app, uid, fid, 0, fsig);
		rc = app_mail(r->app, d, json_string_value(json_object_get(x, "email")),
		    arena_printf(r->a, "%s: %s", view_tr(r->app->views, lang, N_("New reply")),
		    json_string_value(json_object_get(t, "title"))), arena_printf(r->a,
		    "%s\n\n%s\n\n%s%s\n\n%s%s/forums/%lld/threads/%lld?page=%lld#post-%lld\n\n"
		    "%s\n%s/forums/unfollow?u=%lld&f=%lld&t=%lld&s=%s\n\n"
		    "%s\n%s/forums/unfollow?u=%lld&f=%lld&t=0&s=%s\n",
		    view_tr(r->app->views, lang, N_("There is a new reply in a thread you follow:")),
		    json_string_value(json_object_get(t, "title")), body, more,
		    view_tr(r->app->views, lang, N_("Read it:")), base, (long long)fid,
		    (long long)tid, (long long)page, (long long)pid,
		    view_tr(r->app->views, lang, N_("Stop following this thread:")), base,
		    (long long)uid, (long long)fid, (long long)tid, sig,
		    view_tr(r->app->views, lang, N_("Stop following the whole forum (if you "
		    "follow it):")), base, (long long)uid, (long long)fid, fsig));
		if (rc != WS_OK)
			break;
	}
out:
	json_decref(people);
	return rc;
}

/* ---- threads and replies -------------------------------------------------------------- */

/* Starts a thread in forum fid from in ({title, body}); its id into *tid. */
static enum ws_err
thread_start(struct req *r, struct resp *w, int64_t fid, json_t *in, int64_t *tid)
{
	struct db *d = req_db(r);
	struct reader rd;
	json_t *f = NULL, *errors = json_object();
	const char *title, *body;
	struct db_q *q;
	int64_t pid = 0, now = now_s();
	enum ws_err rc;

	if ((rc = forums_reader(r, w, &rd)) != WS_OK || (rc = forums_get(r, &rd, fid, &f)) !=
	    WS_OK)
		goto out;
	if (json_is_true(json_object_get(f, "archived"))) {
		w->detail = N_("This forum is archived: it can be read, not written in.");
		rc = WS_ECONFLICT;
		goto out;
	}
	title = text_of(r, in, "title", FORUMS_TITLE_MAX, 0, errors, N_("Give your thread a "
	    "title."), N_("The title is too long: 200 characters at most."));
	body = text_of(r, in, "body", FORUMS_BODY_MAX, 1, errors, N_("Write your post."),
	    N_("Your post is too long: 10000 characters at most."));
	if (!title || !body) {
		w->errors = json_incref(errors);
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = rate_check(r, w, &rd)) != WS_OK) {
		db_rollback(d);
		goto out;
	}
	q = db_start(d, ST_FORUM_THREAD_INSERT);
	db_bind_int(q, 1, fid);
	db_bind_int(q, 2, rd.uid);
	db_bind_text(q, 3, title);
	db_bind_int(q, 4, now);
	db_bind_int(q, 5, now);
	if ((rc = db_step(q)) == WS_OK)
		*tid = db_col_int(q, 0);
	else if (rc == WS_EDONE)
		rc = WS_EDB;
	db_end(q);
	if (rc == WS_OK)
		rc = post_add(d, *tid, rd.uid, body, &pid);
	if (rc == WS_OK)
		rc = auto_follow(d, rd.uid, fid, *tid);
	if (rc == WS_OK)
		app_audit(r->app, d, rd.uid, "forum.thread_started", r->ip, arena_printf(r->a,
		    "forum %lld: thread %lld", (long long)fid, (long long)*tid));
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK)
		db_rollback(d);
out:
	json_decref(f);
	json_decref(errors);
	forums_reader_free(&rd);
	return rc;
}

/* The thread tid of forum fid as its page's JSON twin gives it, first page. */
static enum ws_err
thread_answer(struct req *r, struct resp *w, int64_t fid, int64_t tid)
{
	return forums_thread_page(r, w, fid, tid, NULL, NULL);
}

enum ws_err
h_forum_thread_create(struct req *r, struct resp *w)
{
	int64_t fid, tid = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &fid)) != WS_OK)
		return rc;
	if (!json_is_object(r->in)) {
		w->detail = N_("Send the thread as a JSON object.");
		return WS_EINVAL;
	}
	if ((rc = thread_start(r, w, fid, r->in, &tid)) != WS_OK ||
	    (rc = thread_answer(r, w, fid, tid)) != WS_OK)
		return rc;
	w->status = 201;
	return WS_OK;
}

/* The forum page again, 422, with what was typed. */
static enum ws_err
forum_again(struct req *r, struct resp *w, int64_t fid, json_t *form)
{
	struct forums_again a;

	forums_again_take(w, &a);
	return forums_again_done(w, &a, forums_forum_page(r, w, fid, form, a.errors));
}

enum ws_err
h_forum_thread_create_form(struct req *r, struct resp *w)
{
	json_t *in = json_object();
	const char *title = json_string_value(json_object_get(r->in, "title"));
	const char *body = json_string_value(json_object_get(r->in, "body"));
	int64_t fid, tid = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &fid)) != WS_OK)
		goto out;
	json_object_set_new(in, "title", json_string(title ? title : ""));
	json_object_set_new(in, "body", json_string(body ? body : ""));
	rc = thread_start(r, w, fid, in, &tid);
	if (rc == WS_OK)
		resp_redirect(w, arena_printf(r->a, "/forums/%lld/threads/%lld", (long long)fid,
		    (long long)tid));
	else if (rc == WS_EINVAL)
		rc = forum_again(r, w, fid, in);
out:
	json_decref(in);
	return rc;
}

/* Adds r's caller's reply from in ({body}) to thread tid of forum fid;
 * its id into *pid. */
static enum ws_err
reply(struct req *r, struct resp *w, int64_t fid, int64_t tid, json_t *in, int64_t *pid)
{
	struct db *d = req_db(r);
	struct reader rd;
	json_t *f = NULL, *t = NULL, *errors = json_object();
	const char *body;
	enum ws_err rc;

	if ((rc = forums_reader(r, w, &rd)) != WS_OK || (rc = forums_get(r, &rd, fid, &f)) !=
	    WS_OK || (rc = forums_thread_get(r, &rd, fid, tid, &t)) != WS_OK)
		goto out;
	if (json_is_true(json_object_get(f, "archived"))) {
		w->detail = N_("This forum is archived: it can be read, not written in.");
		rc = WS_ECONFLICT;
		goto out;
	}
	if (json_is_true(json_object_get(t, "locked")) && !rd.staff) {
		w->detail = N_("This thread is locked: it takes no more replies.");
		rc = WS_ECONFLICT;
		goto out;
	}
	if (!(body = text_of(r, in, "body", FORUMS_BODY_MAX, 1, errors, N_("Write your reply."),
	    N_("Your reply is too long: 10000 characters at most.")))) {
		w->errors = json_incref(errors);
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = rate_check(r, w, &rd)) != WS_OK) {
		db_rollback(d);
		goto out;
	}
	rc = post_add(d, tid, rd.uid, body, pid);
	if (rc == WS_OK)
		rc = auto_follow(d, rd.uid, fid, tid);
	if (rc == WS_OK)
		rc = mail_followers(r, d, f, t, *pid, body);
	if (rc == WS_OK)
		app_audit(r->app, d, rd.uid, "forum.reply", r->ip, arena_printf(r->a,
		    "forum %lld, thread %lld: post %lld", (long long)fid, (long long)tid,
		    (long long)*pid));
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK)
		db_rollback(d);
out:
	json_decref(f);
	json_decref(t);
	json_decref(errors);
	forums_reader_free(&rd);
	return rc;
}


enum ws_err
h_forum_reply(struct req *r, struct resp *w)
{
	int64_t fid, tid, pid = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &fid)) != WS_OK || (rc = param_id(r, 1, &tid)) != WS_OK)
		return rc;
	if (!json_is_object(r->in)) {
		w->detail = N_("Send the reply as a JSON object.");
		return WS_EINVAL;
	}
	if ((rc = reply(r, w, fid, tid, r->in, &pid)) != WS_OK ||
	    (rc = post_answer(r, w, pid)) != WS_OK)
		return rc;
	w->status = 201;
	return WS_OK;
}

/* The thread page again, 422, with what was typed. */
static enum ws_err
thread_again(struct req *r, struct resp *w, int64_t fid, int64_t tid, json_t *form)
{
	struct forums_again a;

	forums_again_take(w, &a);
	return forums_again_done(w, &a, forums_thread_page(r, w, fid, tid, form, a.errors));
}

enum ws_err
h_forum_reply_form(struct req *r, struct resp *w)
{
	json_t *in = json_object();
	const char *body = json_string_value(json_object_get(r->in, "body"));
	int64_t fid, tid, pid = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &fid)) != WS_OK || (rc = param_id(r, 1, &tid)) != WS_OK)
		goto out;
	json_object_set_new(in, "body", json_string(body ? body : ""));
	rc = reply(r, w, fid, tid, in, &pid);
	if (rc == WS_OK) {
		resp_redirect(w, arena_printf(r->a, "/forums/%lld/threads/%lld?page=%lld#post-%lld",
		    (long long)fid, (long long)tid, (long long)forums_page_of(req_db(r), tid, pid),
		    (long long)pid));
	} else if (rc == WS_EINVAL) {
		json_t *typed = json_pack("{s:O}", "reply_body", json_object_get(in, "body"));

		rc = thread_again(r, w, fid, tid, typed);
		json_decref(typed);
	}
out:
	json_decref(in);
	return rc;
}

/* ---- one post: edit, delete, flag, moderate --------------------------------------------- */

/* Post pid with its thread and forum, when r's caller may read them. */
static enum ws_err
post_access(struct req *r, struct resp *w, struct reader *rd, int64_t pid, json_t **p,
    json_t **f, json_t **t)
{
	enum ws_err rc;

	*p = *f = *t = NULL;
	if ((rc = forums_reader(r, w, rd)) != WS_OK ||
	    (rc = forums_post_get(req_db(r), pid, p)) != WS_OK ||
	    (rc = forums_get(r, rd, json_integer_value(json_object_get(*p, "forum_id")), f)) !=
	    WS_OK)
		return rc;
	return forums_thread_get(r, rd, json_integer_value(json_object_get(*p, "forum_id")),
	    json_integer_value(json_object_get(*p, "thread_id")), t);
}

static void
post_access_free(struct reader *rd, json_t *p, json_t *f, json_t *t)
{
	json_decref(p);
	json_decref(f);
	json_decref(t);
	forums_reader_free(rd);
}

/* Post pid as the API gives it to r's caller (what they may do with it
 * as its thread and forum are now). */
static enum ws_err
post_answer(struct req *r, struct resp *w, int64_t pid)
{
	struct reader rd;
	json_t *p, *f, *t;
	enum ws_err rc;

	if ((rc = post_access(r, w, &rd, pid, &p, &f, &t)) == WS_OK)
		resp_value(w, forums_post_view(r, &rd, p, json_is_true(json_object_get(t,
		    "locked")), json_is_true(json_object_get(f, "archived"))));
	post_access_free(&rd, p, f, t);
	return rc;
}

/* Edits post pid from in ({body}): its author within the window, staff
 * always. */
static enum ws_err
post_edit(struct req *r, struct resp *w, int64_t pid, json_t *in)
{
	struct db *d = req_db(r);
	struct reader rd;
	json_t *p, *f, *t, *errors = json_object();
	const char *body;
	struct db_q *q;
	int mine;
	enum ws_err rc;

	if ((rc = post_access(r, w, &rd, pid, &p, &f, &t)) != WS_OK)
		goto out;
	mine = json_integer_value(json_object_get(p, "user_id")) == rd.uid;
	if (strcmp(json_string_value(json_object_get(p, "status")), "deleted") == 0) {
		w->detail = N_("This post was deleted.");
		rc = WS_ECONFLICT;
		goto out;
	}
	if (!rd.staff && !mine) {
		w->detail = N_("Only its author and staff edit a post.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	if (!rd.staff && json_is_true(json_object_get(p, "flag_hidden"))) {
		w->detail = N_("Flags hide this post until staff decide: it cannot be edited "
		    "meanwhile.");
		rc = WS_ECONFLICT;
		goto out;
	}
	if (!rd.staff && (json_is_true(json_object_get(f, "archived")) ||
	    json_is_true(json_object_get(t, "locked")) ||
	    strcmp(json_string_value(json_object_get(p, "status")), "visible") != 0 ||
	    now_s() - json_integer_value(json_object_get(p, "created_at")) > FORUMS_EDIT_WINDOW)) {
		w->detail = N_("A post can be edited for 30 minutes after it is written, while its "
		    "thread is open.");
		rc = WS_ECONFLICT;
		goto out;
	}
	if (!(body = text_of(r, in, "body", FORUMS_BODY_MAX, 1, errors, N_("Write your post."),
	    N_("Your post is too long: 10000 characters at most.")))) {
		w->errors = json_incref(errors);
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	q = db_start(d, ST_FORUM_POST_EDIT);
	db_bind_text(q, 1, body);
	db_bind_int(q, 2, now_s());
	db_bind_int(q, 3, pid);
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc == WS_OK && !mine)
		app_audit(r->app, d, rd.uid, "forum.post_edited_by_staff", r->ip, arena_printf(r->a,
		    "post %lld", (long long)pid));
out:
	post_access_free(&rd, p, f, t);
	json_decref(errors);
	return rc;
}

/* A JSON route on post {id}: op with the request's body (a JSON object,
 * else a 400 saying detail), then the post as it now is. */
static enum ws_err
post_route(struct req *r, struct resp *w, enum ws_err (*op)(struct req *, struct resp *,
    int64_t, json_t *), const char *detail)
{
	int64_t pid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &pid)) != WS_OK)
		return rc;
	if (!json_is_object(r->in)) {
		w->detail = detail;
		return WS_EINVAL;
	}
	if ((rc = op(r, w, pid, r->in)) != WS_OK)
		return rc;
	return post_answer(r, w, pid);
}

enum ws_err
h_forum_post_edit(struct req *r, struct resp *w)
{
	return post_route(r, w, post_edit, N_("Send the post as a JSON object."));
}

/* The edit page of post pid, with form (what was typed) and errors. */
static enum ws_err
edit_page(struct req *r, struct resp *w, int64_t pid, json_t *form, json_t *errors)
{
	struct reader rd;
	json_t *p, *f, *t, *v, *pv;
	enum ws_err rc;

	if ((rc = post_access(r, w, &rd, pid, &p, &f, &t)) != WS_OK)
		goto out;
	pv = forums_post_view(r, &rd, p, json_is_true(json_object_get(t, "locked")),
	    json_is_true(json_object_get(f, "archived")));
	if (!json_is_true(json_object_get(pv, "can_edit"))) {
		json_decref(pv);
		w->detail = N_("A post can be edited for 30 minutes after it is written, while its "
		    "thread is open.");
		rc = json_integer_value(json_object_get(p, "user_id")) == rd.uid || rd.staff ?
		    WS_ECONFLICT : WS_EFORBIDDEN;
		goto out;
	}
	v = json_pack("{s:o,s:{s:O,s:O},s:{s:O,s:O}}", "post", pv, "thread", "id",
	    json_object_get(t, "id"), "title", json_object_get(t, "title"), "forum", "id",
	    json_object_get(f, "id"), "title", json_object_get(f, "title"));
	json_object_set_new(v, "form", form ? json_incref(form) : json_pack("{s:O}", "body",
	    json_object_get(p, "body")));
	if (errors)
		json_object_set(v, "errors", errors);
	resp_value(w, v);
	w->tpl = "forum_post_edit";
	w->title = N_("Edit your post");
out:
	post_access_free(&rd, p, f, t);
	return rc;
}

enum ws_err
h_forum_post_edit_page(struct req *r, struct resp *w)
{
	int64_t pid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &pid)) != WS_OK)
		return rc;
	return edit_page(r, w, pid, NULL, NULL);
}

/* Where post pid is: its thread's page. */
static const char *
post_path(struct req *r, int64_t pid)
{
	json_t *p = NULL;
	const char *s = "/forums";

	if (forums_post_get(req_db(r), pid, &p) == WS_OK) {
		int64_t tid = json_integer_value(json_object_get(p, "thread_id"));

		s = arena_printf(r->a, "/forums/%lld/threads/%lld?page=%lld#post-%lld",
		    (long long)json_integer_value(json_object_get(p, "forum_id")), (long long)tid,
		    (long long)forums_page_of(req_db(r), tid, pid), (long long)pid);
	}
	json_decref(p);
	return s;
}

enum ws_err
h_forum_post_edit_form(struct req *r, struct resp *w)
{
	json_t *in = json_object();
	const char *body = json_string_value(json_object_get(r->in, "body"));
	int64_t pid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &pid)) != WS_OK)
		goto out;
	json_object_set_new(in, "body", json_string(body ? body : ""));
	if ((rc = post_edit(r, w, pid, in)) == WS_OK) {
		resp_redirect(w, post_path(r, pid));
	} else if (rc == WS_EINVAL) {
		struct forums_again a;

		forums_again_take(w, &a);
		rc = forums_again_done(w, &a, edit_page(r, w, pid, in, a.errors));
	}
out:
	json_decref(in);
	return rc;
}

/* Deletes post pid: its author or staff.  It stays, as "deleted". */
static enum ws_err
post_delete(struct req *r, struct resp *w, int64_t pid)
{
	struct db *d = req_db(r);
	struct reader rd;
	json_t *p, *f, *t;
	struct db_q *q;
	enum ws_err rc;

	if ((rc = post_access(r, w, &rd, pid, &p, &f, &t)) != WS_OK)
		goto out;
	if (!rd.staff && json_integer_value(json_object_get(p, "user_id")) != rd.uid) {
		w->detail = N_("Only its author and staff delete a post.");
		rc = WS_EFORBIDDEN;
		goto out;
	}
	if (!rd.staff && json_is_true(json_object_get(f, "archived"))) {
		w->detail = N_("This forum is archived: it can be read, not written in.");
		rc = WS_ECONFLICT;
		goto out;
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	q = db_start(d, ST_FORUM_POST_STATUS);
	db_bind_text(q, 1, "deleted");
	db_bind_int(q, 2, 0);
	db_bind_int(q, 3, pid);
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc == WS_OK) {
		q = db_start(d, ST_FORUM_FLAGS_DECIDE);
		db_bind_text(q, 1, "upheld");
		db_bind_int(q, 2, rd.uid);
		db_bind_int(q, 3, now_s());
		db_bind_int(q, 4, pid);
		rc = db_exec(q, NULL);
		db_end(q);
	}
	if (rc == WS_OK)
		app_audit(r->app, d, rd.uid, "forum.post_deleted", r->ip, arena_printf(r->a,
		    "post %lld", (long long)pid));
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK)
		db_rollback(d);
out:
	post_access_free(&rd, p, f, t);
	return rc;
}

enum ws_err
h_forum_post_delete(struct req *r, struct resp *w)
{
	int64_t pid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &pid)) != WS_OK || (rc = post_delete(r, w, pid)) != WS_OK)
		return rc;
	return post_answer(r, w, pid);
}

enum ws_err
h_forum_post_delete_form(struct req *r, struct resp *w)
{
	int64_t pid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &pid)) != WS_OK || (rc = post_delete(r, w, pid)) != WS_OK)
		return rc;
	resp_redirect(w, post_path(r, pid));
	return WS_OK;
}

/* r's caller flags post pid with in's reason. */
static enum ws_err
post_flag(struct req *r, struct resp *w, int64_t pid, json_t *in)
{
	struct db *d = req_db(r);
	struct reader rd;
	json_t *p, *f, *t, *errors = json_object();
	const char *reason;
	struct db_q *q;
	int64_t orgs = 0;
	enum ws_err rc;

	if ((rc = post_access(r, w, &rd, pid, &p, &f, &t)) != WS_OK)
		goto out;
	if (strcmp(json_string_value(json_object_get(p, "status")), "deleted") == 0) {
		w->detail = N_("This post was deleted.");
		rc = WS_ECONFLICT;
		goto out;
	}
	/* a hidden post is not read by those who would flag it: staff have it */
	if (strcmp(json_string_value(json_object_get(p, "status")), "hidden") == 0 ||
	    json_is_true(json_object_get(p, "flag_hidden"))) {
		w->detail = N_("This post is hidden already: staff will decide on it.");
		rc = WS_ECONFLICT;
		goto out;
	}
	if (!(reason = text_of(r, in, "reason", FORUMS_REASON_MAX, 1, errors, N_("Say what is "
	    "wrong with this post."), N_("The reason is too long: 500 characters at most.")))) {
		w->errors = json_incref(errors);
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	/* the person's row locked first, then the post's: flags sent at once
	 * (by one person, or on one post) are counted in turn */
	if ((rc = app_one_int(d, ST_FORUM_USER_LOCK, rd.uid, NULL)) != WS_OK ||
	    (rc = app_one_int(d, ST_FORUM_POST_LOCK, pid, NULL)) != WS_OK) {
		db_rollback(d);
		goto out;
	}
	q = db_start(d, ST_FORUM_FLAGS_SINCE);
	db_bind_int(q, 1, rd.uid);
	db_bind_int(q, 2, now_s() - 3600);
	if ((rc = db_step(q)) == WS_OK)
		orgs = db_col_int(q, 0);
	db_end(q);
	if (rc == WS_OK && orgs >= FORUMS_FLAGS_HOUR) {
		w->detail = N_("You have flagged 30 posts in the last hour, the most the forums take: "
		    "staff will look at them; try again later.");
		w->retry_after = 600;
		rc = WS_ERATE;
	}
	if (rc != WS_OK) {
		db_rollback(d);
		rc = rc == WS_EDONE ? WS_EDB : rc;
		goto out;
	}
	orgs = 0;
	q = db_start(d, ST_FORUM_FLAG_INSERT);
	db_bind_int(q, 1, pid);
	db_bind_int(q, 2, rd.uid);
	db_bind_int(q, 3, rd.uid);
	db_bind_text(q, 4, reason);
	db_bind_int(q, 5, now_s());
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc == WS_ECONFLICT)
		w->detail = N_("You have flagged this post already.");
	if (rc == WS_OK) {
		q = db_start(d, ST_FORUM_FLAG_ORGS);
		db_bind_int(q, 1, pid);
		if ((rc = db_step(q)) == WS_OK)
			orgs = db_col_int(q, 0);
		db_end(q);
		if (rc == WS_EDONE)
			rc = WS_EDB;
	}
	if (rc == WS_OK && orgs >= FORUMS_FLAG_ORGS &&
	    strcmp(json_string_value(json_object_get(p, "status")), "visible") == 0) {
		q = db_start(d, ST_FORUM_POST_STATUS);
		db_bind_text(q, 1, "visible");
		db_bind_int(q, 2, 1);
		db_bind_int(q, 3, pid);
		rc = db_exec(q, NULL);
		db_end(q);
	}
	if (rc == WS_OK)
		app_audit(r->app, d, rd.uid, "forum.post_flagged", r->ip, arena_printf(r->a,
		    "post %lld", (long long)pid));
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK)
		db_rollback(d);
out:
	post_access_free(&rd, p, f, t);
	json_decref(errors);
	return rc;
}

enum ws_err
h_forum_post_flag(struct req *r, struct resp *w)
{
	enum ws_err rc = post_route(r, w, post_flag, N_("Send the flag as a JSON object."));

	if (rc == WS_OK)
		w->status = 201;
	return rc;
}

enum ws_err
h_forum_post_flag_form(struct req *r, struct resp *w)
{
	int64_t pid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &pid)) != WS_OK)
		return rc;
	if ((rc = post_flag(r, w, pid, r->in)) != WS_OK)
		return rc;
	resp_redirect(w, post_path(r, pid));
	return WS_OK;
}

/* Staff decide post pid: in's action hide (the flags upheld), show (it
 * shows again, the flags dismissed) or dismiss (the flags dismissed). */
static enum ws_err
post_moderate(struct req *r, struct resp *w, int64_t pid, json_t *in)
{
	struct db *d = req_db(r);
	struct reader rd;
	json_t *p, *f, *t;
	const char *action = json_string_value(json_object_get(in, "action"));
	struct db_q *q;
	int hide;
	enum ws_err rc;

	if ((rc = post_access(r, w, &rd, pid, &p, &f, &t)) != WS_OK)
		goto out;
	if (!action || (strcmp(action, "hide") != 0 && strcmp(action, "show") != 0 &&
	    strcmp(action, "dismiss") != 0)) {
		w->errors = json_pack("{s:s}", "action", tr(r, N_("Choose hide, show or dismiss.")));
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	if (strcmp(json_string_value(json_object_get(p, "status")), "deleted") == 0) {
		w->detail = N_("This post was deleted.");
		rc = WS_ECONFLICT;
		goto out;
	}
	hide = strcmp(action, "hide") == 0;
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	q = db_start(d, ST_FORUM_POST_STATUS);
	db_bind_text(q, 1, hide ? "hidden" : strcmp(action, "show") == 0 ? "visible" :
	    json_string_value(json_object_get(p, "status")));
	db_bind_int(q, 2, 0);
	db_bind_int(q, 3, pid);
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc == WS_OK) {
		q = db_start(d, ST_FORUM_FLAGS_DECIDE);
		db_bind_text(q, 1, hide ? "upheld" : "dismissed");
		db_bind_int(q, 2, rd.uid);
		db_bind_int(q, 3, now_s());
		db_bind_int(q, 4, pid);
		rc = db_exec(q, NULL);
		db_end(q);
	}
	if (rc == WS_OK)
		app_audit(r->app, d, rd.uid, "forum.post_moderated", r->ip, arena_printf(r->a,
		    "post %lld: %s", (long long)pid, action));
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK)
		db_rollback(d);
out:
	post_access_free(&rd, p, f, t);
	return rc;
}

enum ws_err
h_forum_post_moderate(struct req *r, struct resp *w)
{
	return post_route(r, w, post_moderate, N_("Send the decision as a JSON object."));
}

enum ws_err
h_forum_post_moderate_form(struct req *r, struct resp *w)
{
	int64_t pid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &pid)) != WS_OK || (rc = post_moderate(r, w, pid, r->in)) !=
	    WS_OK)
		return rc;
	resp_redirect(w, json_is_string(json_object_get(r->in, "back")) &&
	    strcmp(json_string_value(json_object_get(r->in, "back")), "queue") == 0 ?
	    "/staff/forums/flags" : post_path(r, pid));
	return WS_OK;
}

/* ---- staff: lock and pin ------------------------------------------------------------------ */

/* A yes/no of in: 1, 0, or -1 when absent; -2 when it is neither. */
static int
yesno(json_t *in, const char *name)
{
	json_t *x = json_object_get(in, name);

	if (!x)
		return -1;
	if (json_is_boolean(x))
		return json_is_true(x);
	if (json_is_string(x) && strcmp(json_string_value(x), "1") == 0)
		return 1;
	if (json_is_string(x) && strcmp(json_string_value(x), "0") == 0)
		return 0;
	return -2;
}

static enum ws_err
thread_mod(struct req *r, struct resp *w, int64_t fid, int64_t tid, json_t *in)
{
	struct db *d = req_db(r);
	struct reader rd;
	json_t *f = NULL, *t = NULL;
	int pinned = yesno(in, "pinned"), locked = yesno(in, "locked");
	struct db_q *q;
	enum ws_err rc;

	if ((rc = forums_reader(r, w, &rd)) != WS_OK || (rc = forums_get(r, &rd, fid, &f)) !=
	    WS_OK || (rc = forums_thread_get(r, &rd, fid, tid, &t)) != WS_OK)
		goto out;
	if (pinned == -2 || locked == -2) {
		w->errors = json_object();
		if (pinned == -2)
			json_object_set_new(w->errors, "pinned", json_string(tr(r, N_("Choose yes or "
			    "no."))));
		if (locked == -2)
			json_object_set_new(w->errors, "locked", json_string(tr(r, N_("Choose yes or "
			    "no."))));
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	q = db_start(d, ST_FORUM_THREAD_MOD);
	db_bind_int(q, 1, pinned >= 0 ? pinned : json_is_true(json_object_get(t, "pinned")));
	db_bind_int(q, 2, locked >= 0 ? locked : json_is_true(json_object_get(t, "locked")));
	db_bind_int(q, 3, tid);
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc == WS_OK)
		app_audit(r->app, d, rd.uid, "forum.thread_moderated", r->ip, arena_printf(r->a,
		    "thread %lld: pinned %d, locked %d", (long long)tid, pinned, locked));
out:
	json_decref(f);
	json_decref(t);
	forums_reader_free(&rd);
	return rc;
}

enum ws_err
h_forum_thread_mod(struct req *r, struct resp *w)
{
	int64_t fid, tid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &fid)) != WS_OK || (rc = param_id(r, 1, &tid)) != WS_OK)
		return rc;
	if (!json_is_object(r->in)) {
		w->detail = N_("Send the thread's state as a JSON object.");
		return WS_EINVAL;
	}
	if ((rc = thread_mod(r, w, fid, tid, r->in)) != WS_OK)
		return rc;
	return thread_answer(r, w, fid, tid);
}

enum ws_err
h_forum_thread_mod_form(struct req *r, struct resp *w)
{
	int64_t fid, tid;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &fid)) != WS_OK || (rc = param_id(r, 1, &tid)) != WS_OK ||
	    (rc = thread_mod(r, w, fid, tid, r->in)) != WS_OK)
		return rc;
	resp_redirect(w, arena_printf(r->a, "/forums/%lld/threads/%lld", (long long)fid,
	    (long long)tid));
	return WS_OK;
}

/* ---- following ------------------------------------------------------------------------------ */

/* r's caller follows (in's follow: yes/no) forum fid, or its thread tid. */
static enum ws_err
follow(struct req *r, struct resp *w, int64_t fid, int64_t tid, json_t *in, int *on)
{
	struct db *d = req_db(r);
	struct reader rd;
	json_t *f = NULL, *t = NULL;
	struct db_q *q;
	enum ws_err rc;

	*on = yesno(in, "follow");
	if ((rc = forums_reader(r, w, &rd)) != WS_OK || (rc = forums_get(r, &rd, fid, &f)) !=
	    WS_OK || (tid && (rc = forums_thread_get(r, &rd, fid, tid, &t)) != WS_OK))
		goto out;
	if (*on < 0) {
		w->errors = json_pack("{s:s}", "follow", tr(r, N_("Choose yes or no.")));
		w->detail = N_("Some fields need your attention.");
		rc = WS_EINVAL;
		goto out;
	}
	q = db_start(d, ST_FORUM_SUB_SET);
	db_bind_int(q, 1, rd.uid);
	db_bind_int(q, 2, fid);
	db_bind_int(q, 3, tid);
	db_bind_int(q, 4, *on);
	db_bind_int(q, 5, now_s());
	rc = db_exec(q, NULL);
	db_end(q);
out:
	json_decref(f);
	json_decref(t);
	forums_reader_free(&rd);
	return rc;
}

enum ws_err
h_forum_follow(struct req *r, struct resp *w)
{
	int64_t fid;
	int on = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &fid)) != WS_OK)
		return rc;
	if (!json_is_object(r->in)) {
		w->detail = N_("Send {\"follow\": true} or false.");
		return WS_EINVAL;
	}
	if ((rc = follow(r, w, fid, 0, r->in, &on)) != WS_OK)
		return rc;
	resp_value(w, json_pack("{s:I,s:n,s:b}", "forum_id", (json_int_t)fid, "thread_id",
	    "following", on));
	return WS_OK;
}

enum ws_err
h_forum_follow_form(struct req *r, struct resp *w)
{
	int64_t fid;
	int on = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &fid)) != WS_OK || (rc = follow(r, w, fid, 0, r->in, &on)) !=
	    WS_OK)
		return rc;
	resp_redirect(w, arena_printf(r->a, "/forums/%lld", (long long)fid));
	return WS_OK;
}

enum ws_err
h_forum_thread_follow(struct req *r, struct resp *w)
{
	int64_t fid, tid;
	int on = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &fid)) != WS_OK || (rc = param_id(r, 1, &tid)) != WS_OK)
		return rc;
	if (!json_is_object(r->in)) {
		w->detail = N_("Send {\"follow\": true} or false.");
		return WS_EINVAL;
	}
	if ((rc = follow(r, w, fid, tid, r->in, &on)) != WS_OK)
		return rc;
	resp_value(w, json_pack("{s:I,s:I,s:b}", "forum_id", (json_int_t)fid, "thread_id",
	    (json_int_t)tid, "following", on));
	return WS_OK;
}

enum ws_err
h_forum_thread_follow_form(struct req *r, struct resp *w)
{
	int64_t fid, tid;
	int on = 0;
	enum ws_err rc;

	if ((rc = param_id(r, 0, &fid)) != WS_OK || (rc = param_id(r, 1, &tid)) != WS_OK ||
	    (rc = follow(r, w, fid, tid, r->in, &on)) != WS_OK)
		return rc;
	resp_redirect(w, arena_printf(r->a, "/forums/%lld/threads/%lld", (long long)fid,
	    (long long)tid));
	return WS_OK;
}

/* The unfollow link's values, checked: WS_ENOTFOUND for a wrong signature. */
static enum ws_err
unfollow_args(struct req *r, json_t *src, int64_t *uid, int64_t *fid, int64_t *tid)
{
	const char *u = json_string_value(json_object_get(src, "u"));
	const char *f = json_string_value(json_object_get(src, "f"));
	const char *t = json_string_value(json_object_get(src, "t"));
	const char *s = json_string_value(json_object_get(src, "s"));
	char sig[65];

	if (!u || !f || !t || !s || parse_int(u, 1, INT64_MAX, uid) != WS_OK ||
	    parse_int(f, 1, INT64_MAX, fid) != WS_OK || parse_int(t, 0, INT64_MAX, tid) != WS_OK ||
	    strlen(s) != 64)
		return WS_ENOTFOUND;
	forums_unfollow_sig(r->app, *uid, *fid, *tid, sig);
	return sodium_memcmp(sig, s, 64) == 0 ? WS_OK : WS_ENOTFOUND;
}

/* GET /forums/unfollow?u=&f=&t=&s=: the page that confirms (a POST, so a
 * mail scanner following links unfollows nobody). */
enum ws_err
h_forum_unfollow_page(struct req *r, struct resp *w)
{
	json_t *src = json_object();
	const char *k[] = { "u", "f", "t", "s" };
	int64_t uid, fid, tid;
	enum ws_err rc;
	size_t i;

	for (i = 0; i < 4; i++) {
		const char *v = req_query(r, k[i]);

		if (v)
			json_object_set_new(src, k[i], json_string(v));
	}
	if ((rc = unfollow_args(r, src, &uid, &fid, &tid)) != WS_OK) {
		w->detail = N_("This link is not valid: open your forum settings instead.");
		json_decref(src);
		return rc;
	}
	json_object_set_new(src, "done", json_false());
	json_object_set_new(src, "forum_level", json_boolean(tid == 0));
	resp_value(w, src);
	w->tpl = "forum_unfollow";
	w->title = N_("Stop following");
	return WS_OK;
}

enum ws_err
h_forum_unfollow(struct req *r, struct resp *w)
{
	struct db *d = req_db(r);
	struct db_q *q;
	int64_t uid, fid, tid;
	enum ws_err rc;

	if ((rc = unfollow_args(r, r->in, &uid, &fid, &tid)) != WS_OK) {
		w->detail = N_("This link is not valid: open your forum settings instead.");
		return rc;
	}
	q = db_start(d, ST_FORUM_SUB_SET);
	db_bind_int(q, 1, uid);
	db_bind_int(q, 2, fid);
	db_bind_int(q, 3, tid);
	db_bind_int(q, 4, 0);
	db_bind_int(q, 5, now_s());
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc != WS_OK)
		return rc;
	resp_value(w, json_pack("{s:b,s:I,s:I,s:b}", "done", 1, "forum_id", (json_int_t)fid,
	    "thread_id", (json_int_t)tid, "forum_level", tid == 0));
	w->tpl = "forum_unfollow";
	w->title = N_("Stop following");
	return WS_OK;
}
