/*
 * messages.c -- the pages and API of private messages (messages.h says
 * who may write to whom): /messages, /messages/new, /messages/{id} and
 * what is done to a conversation (reply, block, unblock, report), the
 * mail setting; each page with its JSON twin, each form with its API call
 * under /api/v1.
 *
 * A conversation that is not the caller's answers 404, as one that does
 * not exist.  A person the caller may not write to answers 404 too, so
 * the write form tells nothing of a profile hidden from them.
 */
#include <stdio.h>
#include <string.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/events/events.h"
#include "app/messages/messages_int.h"
#include "app/people/people.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

#define HOUR 3600
#define DAY 86400

const struct field msg_q_list[] = { APP_Q_PAGE, APP_Q_PER_PAGE, FIELDS_END };
const struct field msg_q_new[] = {
	{ "to", FT_INT, 1, 1, INT64_MAX, NULL, NULL, N_("Choose the person to write to.") },
	FIELDS_END
};

static const struct field write_fields[] = {
	{ "to", FT_INT, 1, 1, INT64_MAX, NULL, NULL, N_("Choose the person to write to.") },
	{ "body", FT_TEXT, 1, 1, MSG_BODY_MAX, NULL, NULL,
	    N_("Write the message (plain text, at most 4000 bytes).") },
};
static const struct field reply_fields[] = {
	{ "body", FT_TEXT, 1, 1, MSG_BODY_MAX, NULL, NULL,
	    N_("Write the message (plain text, at most 4000 bytes).") },
};
static const struct field report_fields[] = {
	{ "reason", FT_TEXT, 1, 1, MSG_REASON_MAX, NULL, NULL,
	    N_("Say what is wrong (at most 1000 bytes).") },
};

static const char *
tr(struct req *r, const char *msg)
{
	return view_tr(r->app->views, r->locale, msg);
}

static enum ws_err
param_id(struct req *r, int64_t *id)
{
	return parse_int(r->params[0], 1, INT64_MAX, id) == WS_OK ? WS_OK : WS_ENOTFOUND;
}

void
msg_when(struct req *r, json_t *o)
{
	json_t *t = json_object_get(o, "_t");

	if (!r->api && json_is_integer(t))
		json_object_set_new(o, "when", events_when(r, "UTC", json_integer_value(t)));
	json_object_del(o, "_t");
}

/* Drops the internal members of a conversation's value. */
static void
conv_public(json_t *c)
{
	json_object_del(c, "_last_id");
	json_object_del(c, "_read");
	json_object_del(c, "_active");
}

int64_t
msg_unread(struct req *r)
{
	int64_t n = 0;
	struct db_q *q;

	if (!r->user || r->user->role < ROLE_MEMBER)
		return 0;
	q = db_start(req_db(r), ST_MSG_UNREAD);
	db_bind_int(q, 1, r->user->id);
	if (db_step(q) == WS_OK)
		n = db_col_int(q, 0);
	db_end(q);
	return n;
}

/* ---- who may write to whom ------------------------------------------------------ */

/*
 * Whether r's caller may start a conversation with uid (messages.h):
 * WS_OK, with their account in *u; WS_EINVAL for themself; WS_ENOTFOUND
 * for anyone else they may not write to (w->detail says so).
 */
static enum ws_err
msg_may_start(struct req *r, struct resp *w, int64_t uid, struct user *u)
{
	struct db *d = req_db(r);
	enum ws_err rc;

	if (uid == r->user->id) {
		w->detail = N_("You cannot write to yourself.");
		return WS_EINVAL;
	}
	w->detail = N_("There is nobody you may write to at this address.");
	if ((rc = user_by_id(d, r->a, uid, u)) != WS_OK)
		return rc == WS_ENOTFOUND ? WS_ENOTFOUND : rc;
	if (strcmp(u->status, "active") != 0)
		return WS_ENOTFOUND;
	if ((rc = user_effective_role(d, u)) != WS_OK)
		return rc;
	if (u->role < ROLE_MEMBER)	/* an applicant reads no message: nobody writes them */
		return WS_ENOTFOUND;
	if (r->user->role >= ROLE_STAFF)
		return WS_OK;
	if (r->user->role == ROLE_FOCAL)	/* focal points write to staff only */
		return u->role >= ROLE_STAFF ? WS_OK : WS_ENOTFOUND;
	if (r->user->role == ROLE_MEMBER) {	/* whom the people directory shows them */
		rc = people_shown(r, uid);
		return rc == WS_OK ? WS_OK : rc == WS_ENOTFOUND ? WS_ENOTFOUND : rc;
	}
	return WS_ENOTFOUND;
}

/* The conversation of r's caller and uid, 0 when none. */
static enum ws_err
conv_between(struct req *r, struct db *d, int64_t a, int64_t b, int64_t *id)
{
	struct db_q *q = db_start(d, ST_MSG_CONV_BY_PAIR);
	enum ws_err rc;

	(void)r;
	*id = 0;
	db_bind_text(q, 1, arena_printf(r->a, "%lld:%lld", (long long)(a < b ? a : b),
	    (long long)(a < b ? b : a)));
	if ((rc = db_step(q)) == WS_OK)
		*id = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

/* ---- sending ------------------------------------------------------------------------ */

/* Mails to (their account u) that from wrote in conversation conv, in
 * their language, without the text. */
static enum ws_err
mail_new(struct req *r, struct db *d, struct user *u, const char *from, int64_t conv)
{
	const char *lang = app_mail_lang(r->app, u->locale, NULL);
	json_t *ctx;
	struct buf b;
	enum ws_err rc;

	ctx = json_pack("{s:s,s:s,s:s,s:s,s:s}", "name", u->name ? u->name : "", "from", from,
	    "site", r->app->cfg.org_name, "link", arena_printf(r->a, "%s/messages/%lld",
	    r->app->cfg.base_url, (long long)conv), "settings", arena_printf(r->a,
	    "%s/messages#settings", r->app->cfg.base_url));
	buf_init(&b, 16 * 1024);
	rc = view_render(r->app->views, "mail_message_new", ctx, lang, &b);
	if (rc == WS_OK)
		rc = app_mail(r->app, d, u->email, view_tr(r->app->views, lang,
		    N_("You have a new message")), buf_str(&b));
	buf_free(&b);
	json_decref(ctx);
	return rc;
}

/*
 * Inside the caller's transaction: body from `from` into conversation
 * conv (locked here) whose other person is `to`; the new message's id in
 * *mid.  Withheld when `to` blocked `from`.  `to` is mailed unless
 * withheld, they switched it off, their account is not active, they may
 * not read it now (an applicant: their organization suspended), or they
 * were mailed about conv in the last hour.
 */
static enum ws_err
put_message(struct req *r, struct db *d, int64_t conv, int64_t from, const char *from_name,
    int64_t to, const char *body, int64_t *mid)
{
	int64_t now = now_s(), blocked = 0, a = 0, mailed = 0;
	struct user u;
	struct db_q *q;
	enum ws_err rc;
	int on = 1;

	q = db_start(d, ST_MSG_CONV_LOCK);
	db_bind_int(q, 1, conv);
	if ((rc = db_step(q)) == WS_OK) {
		a = db_col_null(q, MSG_LOCK_C_A_ID) ? 0 : db_col_int(q, MSG_LOCK_C_A_ID);
		mailed = db_col_int(q, a == to ? MSG_LOCK_C_A_MAILED : MSG_LOCK_C_B_MAILED);
	}
	db_end(q);
	if (rc != WS_OK)
		return rc == WS_EDONE ? WS_ENOTFOUND : rc;
	if ((rc = msg_count2(d, ST_MSG_BLOCKED, to, from, &blocked)) != WS_OK)
		return rc;
	q = db_start(d, ST_MSG_INSERT);
	db_bind_int(q, 1, conv);
	db_bind_int(q, 2, from);
	db_bind_text(q, 3, body);
	db_bind_int(q, 4, blocked ? 1 : 0);
	db_bind_int(q, 5, now);
	if ((rc = db_step(q)) == WS_OK)
		*mid = db_col_int(q, 0);
	else if (rc == WS_EDONE)
		rc = WS_EDB;
	db_end(q);
	if (rc != WS_OK)
		return rc;
	if ((rc = msg_read_set(d, conv, from, *mid)) != WS_OK)
		return rc;
	if (blocked || now - mailed < MSG_MAIL_EVERY)
		return WS_OK;
	if ((rc = msg_mail_on(d, to, &on)) != WS_OK || !on)
		return rc;
	if ((rc = user_by_id(d, r->a, to, &u)) != WS_OK)
		return rc == WS_ENOTFOUND ? WS_OK : rc;
	if (strcmp(u.status, "active") != 0)
		return WS_OK;
	/* nor one who may not read it now (their organization suspended) */
	if ((rc = user_effective_role(d, &u)) != WS_OK || u.role < ROLE_MEMBER)
		return rc;
	if ((rc = mail_new(r, d, &u, from_name, conv)) != WS_OK)
		return rc;
	return msg_mailed_set(d, conv, to, now);
}

/* The rate limits of r's caller (messages.h), inside the transaction:
 * WS_ERATE with w->detail saying which. */
static enum ws_err
within_limits(struct req *r, struct resp *w, struct db *d, int starting)
{
	int64_t n = 0, now = now_s();
	enum ws_err rc;

	if ((rc = msg_count2(d, ST_MSG_SENT_SINCE, r->user->id, now - HOUR, &n)) != WS_OK)
		return rc;
	if (n >= MSG_PER_HOUR) {
		w->detail = N_("You have sent 60 messages in the last hour: wait a while before "
		    "sending another.");
		w->retry_after = 600;
		return WS_ERATE;
	}
	if (!starting)
		return WS_OK;
	if ((rc = msg_count2(d, ST_MSG_STARTED_SINCE, r->user->id, now - DAY, &n)) != WS_OK)
		return rc;
	if (n >= MSG_NEW_PER_DAY) {
		w->detail = N_("You have started 20 conversations in the last 24 hours: wait "
		    "before starting another, or answer in one you have.");
		w->retry_after = 3600;
		return WS_ERATE;
	}
	return WS_OK;
}

/* Inside the caller's transaction: uid's account row locked until it ends
 * (ST_MSG_USER_LOCK; none there is no error: the checks after say so). */
static enum ws_err
lock_user(struct db *d, int64_t uid)
{
	struct db_q *q = db_start(d, ST_MSG_USER_LOCK);
	enum ws_err rc;

	db_bind_int(q, 1, uid);
	rc = db_step(q);
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
msg_conversation_open(struct db *d, int64_t a, int64_t b, int64_t *conv)
{
	char pair[48];
	struct db_q *q;
	enum ws_err rc;

	snprintf(pair, sizeof pair, "%lld:%lld", (long long)(a < b ? a : b),
	    (long long)(a < b ? b : a));
	*conv = 0;
	/* the two people's rows, lower id first, as a first message takes
	 * them: a match accepted while one of them writes the first message
	 * finds the conversation the other made, not a duplicate pair */
	if ((rc = lock_user(d, a < b ? a : b)) != WS_OK ||
	    (rc = lock_user(d, a < b ? b : a)) != WS_OK)
		return rc;
	q = db_start(d, ST_MSG_CONV_BY_PAIR);
	db_bind_text(q, 1, pair);
	if ((rc = db_step(q)) == WS_OK)
		*conv = db_col_int(q, 0);
	db_end(q);
	if (rc == WS_OK)
		return WS_OK;
	if (rc != WS_EDONE)
		return rc;
	q = db_start(d, ST_MSG_CONV_INSERT);
	db_bind_text(q, 1, pair);
	db_bind_int(q, 2, a);
	db_bind_int(q, 3, b);
	db_bind_int(q, 4, now_s());
	if ((rc = db_step(q)) == WS_OK)
		*conv = db_col_int(q, 0);
	else if (rc == WS_EDONE)
		rc = WS_EDB;
	db_end(q);
	return rc;
}


/* Writes r's caller's body to `to`, in the conversation they have or a new
 * one: ids into *conv and *mid.  Refused: w->detail (and w->errors) say
 * why. */
static enum ws_err
write_to(struct req *r, struct resp *w, int64_t to, const char *body, int64_t *conv,
    int64_t *mid)
{
	struct db *d = req_db(r);
	struct user u;
	enum ws_err rc;

	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	if ((rc = lock_user(d, r->user->id < to ? r->user->id : to)) != WS_OK ||
	    (rc = lock_user(d, r->user->id < to ? to : r->user->id)) != WS_OK)
		goto fail;
	if ((rc = conv_between(r, d, r->user->id, to, conv)) != WS_OK)
		goto fail;
	if (*conv) {	/* a reply in the conversation they have */
		json_t *c = NULL;

		if ((rc = msg_conv_get(d, r->user->id, *conv, &c)) != WS_OK)
			goto fail;
		if (!json_is_true(json_object_get(c, "_active"))) {
			json_decref(c);
			w->detail = N_("This person can no longer receive messages.");
			rc = WS_ECONFLICT;
			goto fail;
		}
		json_decref(c);
		if ((rc = within_limits(r, w, d, 0)) != WS_OK)
			goto fail;
		rc = put_message(r, d, *conv, r->user->id, r->user->name, to, body, mid);
	} else {
		if ((rc = msg_may_start(r, w, to, &u)) != WS_OK)
			goto fail;
		if ((rc = within_limits(r, w, d, 1)) != WS_OK)
			goto fail;
		{
			struct db_q *q = db_start(d, ST_MSG_CONV_INSERT);

			db_bind_text(q, 1, arena_printf(r->a, "%lld:%lld", (long long)(to <
			    r->user->id ? to : r->user->id), (long long)(to < r->user->id ?
			    r->user->id : to)));
			db_bind_int(q, 2, r->user->id);
			db_bind_int(q, 3, to);
			db_bind_int(q, 4, now_s());
			if ((rc = db_step(q)) == WS_OK)
				*conv = db_col_int(q, 0);
			else if (rc == WS_EDONE)
				rc = WS_EDB;
			db_end(q);
		}
		if (rc == WS_OK)
			rc = put_message(r, d, *conv, r->user->id, r->user->name, to, body, mid);
	}
	if (rc != WS_OK)
		goto fail;
	return db_commit(d);
fail:
	db_rollback(d);
	return rc;
}

/* ---- the list ------------------------------------------------------------------------- */

enum ws_err
h_messages(struct req *r, struct resp *w)
{
	json_t *items = NULL, *v, *x;
	int64_t page, total;
	int per_page, on = 1;
	enum ws_err rc;
	size_t i;

	if ((rc = app_list_args(r, w, &page, &per_page)) != WS_OK)
		return rc;
	if ((rc = msg_conv_list(req_db(r), r->user->id, page, per_page, &items, &total)) !=
	    WS_OK || (rc = msg_mail_on(req_db(r), r->user->id, &on)) != WS_OK) {
		json_decref(items);
		return rc;
	}
	json_array_foreach(items, i, x) {
		msg_when(r, x);
		conv_public(x);
	}
	v = app_list_value(items, page, per_page, total);
	json_object_set_new(v, "unread", json_integer(msg_unread(r)));
	json_object_set_new(v, "mail", json_boolean(on));
	if (!r->api) {
		const char *saved = req_query(r, "saved");

		json_object_set_new(v, "saved", json_boolean(saved && strcmp(saved, "1") == 0));
		if (r->user->role == ROLE_FOCAL) {	/* whom they may write to: staff */
			struct db_q *q = db_start(req_db(r), ST_MSG_STAFF);
			json_t *staff = json_array();

			while (db_step(q) == WS_OK)
				json_array_append_new(staff, json_pack("{s:I,s:s}", "id",
				    (json_int_t)db_col_int(q, MSG_STAFF_C_ID), "name", db_col_text(q,
				    MSG_STAFF_C_NAME) ? db_col_text(q, MSG_STAFF_C_NAME) : ""));
			db_end(q);
			json_object_set_new(v, "staff", staff);
		}
	}
	resp_value(w, v);
	w->tpl = "messages_list";
	w->title = N_("Messages");
	return WS_OK;
}

/* ---- writing ---------------------------------------------------------------------------- */

/* The write form's value for person u: {to: {id, name}, body}. */
static json_t *
write_view(struct req *r, int64_t to, const char *name, const char *body)
{
	(void)r;
	return json_pack("{s:{s:I,s:s},s:s}", "to", "id", (json_int_t)to, "name", name ? name :
	    "", "body", body ? body : "");
}

enum ws_err
h_message_new_form(struct req *r, struct resp *w)
{
	int64_t to = req_qint(r, "to", 0), conv = 0;
	struct user u;
	enum ws_err rc;

	if ((rc = conv_between(r, req_db(r), r->user->id, to, &conv)) != WS_OK)
		return rc;
	if (conv) {	/* they have one: write there */
		resp_redirect(w, arena_printf(r->a, "/messages/%lld#write", (long long)conv));
		return WS_OK;
	}
	if ((rc = msg_may_start(r, w, to, &u)) != WS_OK)
		return rc;
	resp_value(w, write_view(r, to, u.name, ""));
	w->tpl = "messages_new";
	w->title = N_("Write a message");
	return WS_OK;
}

enum ws_err
h_message_new(struct req *r, struct resp *w)
{
	json_t *values = NULL, *errors = NULL;
	int64_t to = 0, conv = 0, mid = 0;
	const char *body;
	enum ws_err rc;

	rc = form_check(r, write_fields, sizeof write_fields / sizeof write_fields[0], &values,
	    &errors);
	body = json_string_value(json_object_get(values, "body"));
	if (json_is_integer(json_object_get(values, "to")))
		to = json_integer_value(json_object_get(values, "to"));
	else if (rc == WS_OK)
		rc = WS_EINVAL;
	if (rc == WS_OK && !utf8_valid_text(body, strlen(body), 1)) {
		errors = json_pack("{s:s}", "body", tr(r, N_("Write the message (plain text, at "
		    "most 4000 bytes).")));
		rc = WS_EINVAL;
	}
	if (rc == WS_EINVAL && to && to != r->user->id) {
		/* the recipient first: a form refused for its text must not name,
		 * nor tell apart, someone the caller may not write to */
		struct user u;
		enum ws_err rc2 = conv_between(r, req_db(r), r->user->id, to, &conv);

		if (rc2 == WS_OK && !conv)
			rc2 = msg_may_start(r, w, to, &u);
		if (rc2 != WS_OK) {
			json_decref(values);
			json_decref(errors);
			return rc2;
		}
		conv = 0;
	}
	if (rc == WS_EINVAL) {
		w->errors = errors;
		errors = NULL;
		w->detail = N_("Some fields need your attention.");
	} else if (rc == WS_OK) {
		rc = write_to(r, w, to, body, &conv, &mid);
	}
	if (rc == WS_OK) {
		resp_value(w, json_pack("{s:I,s:I}", "conversation_id", (json_int_t)conv,
		    "message_id", (json_int_t)mid));
		w->status = 201;
		resp_redirect(w, arena_printf(r->a, "/messages/%lld#m%lld", (long long)conv,
		    (long long)mid));
	} else if (!r->api && (rc == WS_EINVAL || rc == WS_ERATE || rc == WS_ECONFLICT) && to) {
		/* the form again, with what was typed and why */
		struct user u;
		const char *detail = w->detail;

		if (user_by_id(req_db(r), r->a, to, &u) == WS_OK) {
			json_t *view = write_view(r, to, u.name, body);

			w->detail = detail;
			app_form_again(r, w, view, rc, N_("Some fields need your attention."),
			    "messages_new", N_("Write a message"));
			json_decref(view);
		}
	}
	json_decref(values);
	json_decref(errors);
	return rc;
}

/* ---- one conversation -------------------------------------------------------------------- */

/* The page of conversation id: its value (a new reference) in *out; the
 * caller's own only (404). */
static enum ws_err
conv_page(struct req *r, struct resp *w, int64_t id, json_t **out)
{
	struct db *d = req_db(r);
	json_t *c = NULL, *items = NULL, *v;
	int64_t page, total, last;
	int per_page;
	enum ws_err rc;

	*out = NULL;
	if ((rc = app_list_args(r, w, &page, &per_page)) != WS_OK)
		return rc;
	if ((rc = msg_conv_get(d, r->user->id, id, &c)) != WS_OK)
		return rc;
	if ((rc = msg_list(d, r->user->id, id, page, per_page, &items, &total)) != WS_OK) {
		json_decref(c);
		json_decref(items);
		return rc;
	}
	/* reading the newest page marks the conversation read */
	last = json_integer_value(json_object_get(c, "_last_id"));
	if (page == 1 && last > json_integer_value(json_object_get(c, "_read"))) {
		if ((rc = msg_read_set(d, id, r->user->id, last)) != WS_OK) {
			json_decref(c);
			json_decref(items);
			return rc;
		}
		json_object_set_new(c, "unread", json_integer(0));
	}
	{
		json_t *x;
		size_t i;

		json_array_foreach(items, i, x)
			msg_when(r, x);
	}
	v = app_list_value(items, page, per_page, total);
	json_object_set(v, "can_reply", json_object_get(c, "_active"));
	json_object_del(c, "_t");
	conv_public(c);
	json_object_update(v, c);
	json_decref(c);
	*out = v;
	return WS_OK;
}

enum ws_err
h_conversation(struct req *r, struct resp *w)
{
	json_t *v;
	int64_t id;
	enum ws_err rc;

	if ((rc = param_id(r, &id)) != WS_OK || (rc = conv_page(r, w, id, &v)) != WS_OK)
		return rc;
	if (!r->api) {
		const char *q = req_query(r, "done");

		json_object_set_new(v, "reported", json_boolean(q && strcmp(q, "reported") == 0));
		json_object_set_new(v, "body", json_string(""));
	}
	resp_value(w, v);
	w->tpl = "messages_thread";
	w->title = N_("Conversation");
	return WS_OK;
}

/* After a refused form on conversation id: its page again with what was
 * typed (in field) and why, with rc's status. */
static enum ws_err
thread_again(struct req *r, struct resp *w, int64_t id, enum ws_err rc, const char *field,
    const char *typed)
{
	const char *detail = w->detail;
	json_t *v = NULL, *errors = w->errors;
	enum ws_err rc2;

	w->errors = NULL;
	if (r->api || (rc != WS_EINVAL && rc != WS_ERATE && rc != WS_ECONFLICT)) {
		w->errors = errors;
		return rc;
	}
	if ((rc2 = conv_page(r, w, id, &v)) != WS_OK) {
		json_decref(errors);
		return rc2;
	}
	json_object_set_new(v, field, json_string(typed ? typed : ""));
	if (strcmp(field, "body") != 0)
		json_object_set_new(v, "body", json_string(""));
	w->errors = errors;
	w->detail = detail;
	app_form_again(r, w, v, rc, N_("Some fields need your attention."), "messages_thread",
	    N_("Conversation"));
	json_decref(v);
	return rc;
}

enum ws_err
h_conversation_reply(struct req *r, struct resp *w)
{
	json_t *values = NULL, *errors = NULL, *c = NULL;
	int64_t id, conv = 0, mid = 0, to;
	const char *body;
	enum ws_err rc;

	if ((rc = param_id(r, &id)) != WS_OK ||
	    (rc = msg_conv_get(req_db(r), r->user->id, id, &c)) != WS_OK)
		return rc;
	to = json_integer_value(json_object_get(json_object_get(c, "with"), "id"));
	rc = form_check(r, reply_fields, 1, &values, &errors);
	body = json_string_value(json_object_get(values, "body"));
	if (rc == WS_OK && !utf8_valid_text(body, strlen(body), 1)) {
		errors = json_pack("{s:s}", "body", tr(r, N_("Write the message (plain text, at "
		    "most 4000 bytes).")));
		rc = WS_EINVAL;
	}
	if (rc == WS_EINVAL) {
		w->errors = errors;
		errors = NULL;
		w->detail = N_("Some fields need your attention.");
	} else if (rc == WS_OK && !json_is_true(json_object_get(c, "_active"))) {
		w->detail = N_("This person can no longer receive messages.");
		rc = WS_ECONFLICT;
	} else if (rc == WS_OK) {
		rc = write_to(r, w, to, body, &conv, &mid);
	}
	if (rc == WS_OK) {
		resp_value(w, json_pack("{s:I,s:I}", "conversation_id", (json_int_t)conv,
		    "message_id", (json_int_t)mid));
		w->status = 201;
		resp_redirect(w, arena_printf(r->a, "/messages/%lld#m%lld", (long long)conv,
		    (long long)mid));
	} else {
		rc = thread_again(r, w, id, rc, "body", body);
	}
	json_decref(c);
	json_decref(values);
	json_decref(errors);
	return rc;
}

/* Blocks (on) or unblocks the other person of conversation {id}. */
static enum ws_err
block(struct req *r, struct resp *w, int on)
{
	json_t *c = NULL, *other;
	struct db *d = req_db(r);
	int64_t id;
	enum ws_err rc;

	if ((rc = param_id(r, &id)) != WS_OK ||
	    (rc = msg_conv_get(d, r->user->id, id, &c)) != WS_OK)
		return rc;
	other = json_object_get(json_object_get(c, "with"), "id");
	if (json_is_integer(other)) {
		if (on) {
			struct db_q *q = db_start(d, ST_MSG_BLOCK_INSERT);

			db_bind_int(q, 1, r->user->id);
			db_bind_int(q, 2, json_integer_value(other));
			db_bind_int(q, 3, now_s());
			rc = db_exec(q, NULL);
			db_end(q);
		} else {
			rc = msg_exec2(d, ST_MSG_BLOCK_DELETE, r->user->id, json_integer_value(other));
		}
	}
	json_decref(c);
	if (rc != WS_OK)
		return rc;
	resp_value(w, json_pack("{s:I,s:b}", "id", (json_int_t)id, "blocked", on));
	resp_redirect(w, arena_printf(r->a, "/messages/%lld", (long long)id));
	return WS_OK;
}

enum ws_err
h_conversation_block(struct req *r, struct resp *w)
{
	return block(r, w, 1);
}

enum ws_err
h_conversation_unblock(struct req *r, struct resp *w)
{
	return block(r, w, 0);
}

enum ws_err
h_conversation_report(struct req *r, struct resp *w)
{
	json_t *values = NULL, *errors = NULL, *c = NULL;
	struct db *d = req_db(r);
	int64_t id, rid = 0, open = 0;
	const char *reason;
	enum ws_err rc;

	if ((rc = param_id(r, &id)) != WS_OK ||
	    (rc = msg_conv_get(d, r->user->id, id, &c)) != WS_OK)
		return rc;
	json_decref(c);
	rc = form_check(r, report_fields, 1, &values, &errors);
	reason = json_string_value(json_object_get(values, "reason"));
	if (rc == WS_EINVAL) {
		w->errors = errors;
		errors = NULL;
		w->detail = N_("Some fields need your attention.");
		rc = thread_again(r, w, id, rc, "reason", reason);
		goto out;
	}
	if (rc != WS_OK)
		goto out;
	/* one open report a person a conversation: staff's queue is not flooded */
	if ((rc = msg_count2(d, ST_MSG_REPORT_OPEN, id, r->user->id, &open)) != WS_OK)
		goto out;
	if (open > 0) {
		w->detail = N_("You have reported this conversation already: staff will look at "
		    "it.");
		rc = thread_again(r, w, id, WS_ECONFLICT, "reason", reason);
		goto out;
	}
	{
		struct db_q *q = db_start(d, ST_MSG_REPORT_INSERT);

		db_bind_int(q, 1, id);
		db_bind_int(q, 2, r->user->id);
		db_bind_text(q, 3, reason);
		db_bind_int(q, 4, now_s());
		if ((rc = db_step(q)) == WS_OK)
			rid = db_col_int(q, 0);
		else if (rc == WS_EDONE)
			rc = WS_EDB;
		db_end(q);
	}
	if (rc != WS_OK)
		goto out;
	app_audit(r->app, d, r->user->id, "message.reported", r->ip, arena_printf(r->a,
	    "conversation %lld, report %lld", (long long)id, (long long)rid));
	resp_value(w, json_pack("{s:I,s:I,s:s}", "id", (json_int_t)rid, "conversation_id",
	    (json_int_t)id, "status", "open"));
	w->status = 201;
	resp_redirect(w, arena_printf(r->a, "/messages/%lld?done=reported", (long long)id));
out:
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_message_settings(struct req *r, struct resp *w)
{
	json_t *m = json_object_get(r->in, "mail");
	int on;
	struct db_q *q;
	enum ws_err rc;

	if (r->api && !json_is_boolean(m)) {
		w->errors = json_pack("{s:s}", "mail", tr(r, N_("Say true or false.")));
		w->detail = N_("Some fields need your attention.");
		return WS_EINVAL;
	}
	/* the form's checkbox: sent when ticked */
	on = r->api ? json_is_true(m) : json_is_string(m) && json_string_length(m) > 0;
	q = db_start(req_db(r), ST_MSG_PREF_SET);
	db_bind_int(q, 1, r->user->id);
	db_bind_int(q, 2, on);
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc != WS_OK)
		return rc;
	resp_value(w, json_pack("{s:b}", "mail", on));
	resp_redirect(w, "/messages?saved=1#settings");
	return WS_OK;
}
