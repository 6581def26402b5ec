/*
 * store.c -- the rows of private messages (migration 41) as JSON values:
 * conversations as one of their two people sees them, messages, blocks,
 * the mail setting, reports; and a deleted account's part.
 *
 * Every read of a conversation or its messages names the viewer, and
 * matches nothing of a conversation that is not theirs: a conversation is
 * found only through one of its two people.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/messages/messages_int.h"
#include "core/util.h"
#include "db/db.h"

/* {id, name, former}: the person at column id of q (a former member when
 * their account was deleted or is gone: no id, no name). */
static json_t *
person_of(struct db_q *q, int id, int name, int deleted)
{
	if (db_col_null(q, id) || db_col_int(q, deleted))
		return json_pack("{s:n,s:s,s:b}", "id", "name", "", "former", 1);
	return json_pack("{s:I,s:s,s:b}", "id", (json_int_t)db_col_int(q, id), "name",
	    db_col_text(q, name) ? db_col_text(q, name) : "", "former", 0);
}

static json_t *
conv_row(struct db_q *q, int64_t me)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(db_col_int(q, MSG_CONV_C_ID)));
	json_object_set_new(o, "with", person_of(q, MSG_CONV_C_OTHER_ID, MSG_CONV_C_OTHER_NAME,
	    MSG_CONV_C_OTHER_DELETED));
	json_object_set_new(o, "started_by_me", json_boolean(!db_col_null(q,
	    MSG_CONV_C_STARTED_BY) && db_col_int(q, MSG_CONV_C_STARTED_BY) == me));
	json_object_set_new(o, "unread", json_integer(db_col_int(q, MSG_CONV_C_UNREAD)));
	json_object_set_new(o, "last_at", app_col_time(q, MSG_CONV_C_LAST_AT));
	json_object_set_new(o, "created_at", app_col_time(q, MSG_CONV_C_CREATED_AT));
	json_object_set_new(o, "blocked", json_boolean(db_col_int(q, MSG_CONV_C_BLOCKED)));
	/* internal: taken out before the value is sent */
	json_object_set_new(o, "_t", json_integer(db_col_int(q, MSG_CONV_C_LAST_AT)));
	json_object_set_new(o, "_last_id", json_integer(db_col_int(q, MSG_CONV_C_LAST_ID)));
	json_object_set_new(o, "_read", json_integer(db_col_int(q, MSG_CONV_C_READ)));
	json_object_set_new(o, "_active", json_boolean(db_col_text(q, MSG_CONV_C_OTHER_STATUS) &&
	    strcmp(db_col_text(q, MSG_CONV_C_OTHER_STATUS), "active") == 0 &&
	    !db_col_int(q, MSG_CONV_C_OTHER_DELETED)));
	return o;
}

enum ws_err
msg_conv_get(struct db *d, int64_t me, int64_t id, json_t **out)
{
	struct db_q *q = db_start(d, ST_MSG_CONV_GET);
	enum ws_err rc;

	*out = NULL;
	db_bind_int(q, 1, me);
	db_bind_int(q, 2, id);
	if ((rc = db_step(q)) == WS_OK)
		*out = conv_row(q, me);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
msg_conv_list(struct db *d, int64_t me, int64_t page, int per_page, json_t **out,
    int64_t *total)
{
	struct db_q *q;
	enum ws_err rc;

	*out = json_array();
	*total = 0;
	q = db_start(d, ST_MSG_CONV_COUNT);
	db_bind_int(q, 1, me);
	if ((rc = db_step(q)) == WS_OK)
		*total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc;
	q = db_start(d, ST_MSG_CONV_LIST);
	db_bind_int(q, 1, me);
	db_bind_int(q, 2, per_page);
	db_bind_int(q, 3, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, conv_row(q, me));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

static json_t *
msg_row(struct db_q *q, int64_t me)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(db_col_int(q, MSG_C_ID)));
	json_object_set_new(o, "from", person_of(q, MSG_C_SENDER_ID, MSG_C_SENDER_NAME,
	    MSG_C_SENDER_DELETED));
	json_object_set_new(o, "from_me", json_boolean(!db_col_null(q, MSG_C_SENDER_ID) &&
	    db_col_int(q, MSG_C_SENDER_ID) == me));
	json_object_set_new(o, "body", json_string(db_col_text(q, MSG_C_BODY)));
	json_object_set_new(o, "created_at", app_col_time(q, MSG_C_CREATED_AT));
	json_object_set_new(o, "_t", json_integer(db_col_int(q, MSG_C_CREATED_AT)));
	return o;
}

enum ws_err
msg_list(struct db *d, int64_t me, int64_t conv, int64_t page, int per_page, json_t **out,
    int64_t *total)
{
	struct db_q *q;
	enum ws_err rc;
	json_t *newest = json_array();
	size_t i;

	*out = json_array();
	*total = 0;
	q = db_start(d, ST_MSG_COUNT);
	db_bind_int(q, 1, conv);
	db_bind_int(q, 2, me);
	if ((rc = db_step(q)) == WS_OK)
		*total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK) {
		json_decref(newest);
		return rc;
	}
	q = db_start(d, ST_MSG_LIST);
	db_bind_int(q, 1, conv);
	db_bind_int(q, 2, me);
	db_bind_int(q, 3, per_page);
	db_bind_int(q, 4, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(newest, msg_row(q, me));
	db_end(q);
	/* a page is read oldest first */
	for (i = json_array_size(newest); i > 0; i--)
		json_array_append(*out, json_array_get(newest, i - 1));
	json_decref(newest);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
msg_tail(struct db *d, int64_t conv, json_t **out)
{
	struct db_q *q = db_start(d, ST_MSG_TAIL);
	json_t *newest = json_array();
	enum ws_err rc;
	size_t i;

	*out = json_array();
	db_bind_int(q, 1, conv);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(newest, msg_row(q, 0));
	db_end(q);
	for (i = json_array_size(newest); i > 0; i--) {
		json_t *m = json_array_get(newest, i - 1);

		json_object_del(m, "from_me");
		json_array_append(*out, m);
	}
	json_decref(newest);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
msg_count2(struct db *d, enum db_stmt s, int64_t a, int64_t b, int64_t *n)
{
	struct db_q *q = db_start(d, s);
	enum ws_err rc;

	*n = 0;
	db_bind_int(q, 1, a);
	db_bind_int(q, 2, b);
	if ((rc = db_step(q)) == WS_OK)
		*n = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
msg_exec2(struct db *d, enum db_stmt s, int64_t a, int64_t b)
{
	struct db_q *q = db_start(d, s);
	enum ws_err rc;

	db_bind_int(q, 1, a);
	db_bind_int(q, 2, b);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
msg_read_set(struct db *d, int64_t conv, int64_t me, int64_t upto)
{
	struct db_q *q = db_start(d, ST_MSG_READ_SET);
	enum ws_err rc;

	db_bind_int(q, 1, me);
	db_bind_int(q, 2, upto);
	db_bind_int(q, 3, upto);
	db_bind_int(q, 4, me);
	db_bind_int(q, 5, upto);
	db_bind_int(q, 6, upto);
	db_bind_int(q, 7, conv);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
msg_mailed_set(struct db *d, int64_t conv, int64_t who, int64_t at)
{
	struct db_q *q = db_start(d, ST_MSG_MAILED_SET);
	enum ws_err rc;

	db_bind_int(q, 1, who);
	db_bind_int(q, 2, at);
	db_bind_int(q, 3, who);
	db_bind_int(q, 4, at);
	db_bind_int(q, 5, conv);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
msg_mail_on(struct db *d, int64_t uid, int *on)
{
	struct db_q *q = db_start(d, ST_MSG_PREF_GET);
	enum ws_err rc;

	*on = 1;
	db_bind_int(q, 1, uid);
	if ((rc = db_step(q)) == WS_OK)
		*on = db_col_int(q, 0) != 0;
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
msg_export_person(struct db *d, int64_t uid, json_t **out)
{
	struct db_q *q = db_start(d, ST_MSG_MINE);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, uid);
	while ((rc = db_step(q)) == WS_OK) {
		int mine = !db_col_null(q, MSG_MINE_C_SENDER_ID) &&
		    db_col_int(q, MSG_MINE_C_SENDER_ID) == uid;

		json_array_append_new(*out, json_pack("{s:I,s:I,s:b,s:s,s:s,s:o}", "id",
		    (json_int_t)db_col_int(q, MSG_MINE_C_ID), "conversation_id",
		    (json_int_t)db_col_int(q, MSG_MINE_C_CONVERSATION_ID), "from_me", mine,
		    "from", db_col_text(q, MSG_MINE_C_SENDER_NAME) ?
		    db_col_text(q, MSG_MINE_C_SENDER_NAME) : "", "body",
		    db_col_text(q, MSG_MINE_C_BODY), "created_at",
		    app_col_time(q, MSG_MINE_C_CREATED_AT)));
	}
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

enum ws_err
msg_forget_person(struct db *d, int64_t uid)
{
	struct db_q *q;
	enum ws_err rc;

	if ((rc = msg_exec2(d, ST_MSG_FORGET_BLOCKS, uid, uid)) != WS_OK)
		return rc;
	q = db_start(d, ST_MSG_FORGET_PREFS);
	db_bind_int(q, 1, uid);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}
