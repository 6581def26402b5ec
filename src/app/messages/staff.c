/*
 * staff.c -- the staff's queue of reported conversations: /staff/messages
 * (open reports first by default, with the conversation's last 20
 * messages, a page at a time; its JSON twin) and closing a report.  Staff
 * read a conversation only through a report of one of its two people.
 */
#include <string.h>

#include "app/app.h"
#include "app/events/events.h"
#include "app/messages/messages_int.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

static const char *const report_statuses[] = { "open", "closed", "all", NULL };

const struct field msg_q_reports[] = {
	{ "status", FT_CHOICE, 0, 0, 0, report_statuses, NULL,
	    N_("Choose open, closed or all.") },
	APP_Q_PAGE, APP_Q_PER_PAGE, FIELDS_END
};

static json_t *
name_or_former(struct db_q *q, int id, int name)
{
	if (db_col_null(q, id))
		return json_pack("{s:n,s:s}", "id", "name", "");
	return json_pack("{s:I,s:s}", "id", (json_int_t)db_col_int(q, id), "name",
	    db_col_text(q, name) ? db_col_text(q, name) : "");
}

enum ws_err
h_staff_message_reports(struct req *r, struct resp *w)
{
	const char *status = req_qstr(r, "status");
	int64_t page = req_qint(r, "page", 1), total = 0;
	int per_page = (int)req_qint(r, "per_page", APP_PER_PAGE);
	json_t *items = json_array(), *v, *x;
	struct db *d = req_db(r);
	struct db_q *q;
	enum ws_err rc;
	size_t i;

	if (!status || !*status)
		status = "open";
	if (strcmp(status, "all") == 0)
		status = "";
	q = db_start(d, ST_MSG_REPORT_COUNT);
	db_bind_text(q, 1, status);
	db_bind_text(q, 2, status);
	if ((rc = db_step(q)) == WS_OK)
		total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		goto fail;
	q = db_start(d, ST_MSG_REPORT_LIST);
	db_bind_text(q, 1, status);
	db_bind_text(q, 2, status);
	db_bind_int(q, 3, per_page);
	db_bind_int(q, 4, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK) {
		json_t *o = json_object();

		json_object_set_new(o, "id", json_integer(db_col_int(q, MSG_REP_C_ID)));
		json_object_set_new(o, "conversation_id", json_integer(db_col_int(q,
		    MSG_REP_C_CONVERSATION_ID)));
		json_object_set_new(o, "reporter", name_or_former(q, MSG_REP_C_REPORTER_ID,
		    MSG_REP_C_REPORTER_NAME));
		json_object_set_new(o, "reason", json_string(db_col_text(q, MSG_REP_C_REASON)));
		json_object_set_new(o, "status", json_string(db_col_text(q, MSG_REP_C_STATUS)));
		json_object_set_new(o, "open", json_boolean(strcmp(db_col_text(q,
		    MSG_REP_C_STATUS), "open") == 0));
		json_object_set_new(o, "created_at", app_col_time(q, MSG_REP_C_CREATED_AT));
		if (!r->api)
			json_object_set_new(o, "when", events_when(r, "UTC", db_col_int(q,
			    MSG_REP_C_CREATED_AT)));
		json_object_set_new(o, "people", json_pack("[o,o]", name_or_former(q,
		    MSG_REP_C_A_ID, MSG_REP_C_A_NAME), name_or_former(q, MSG_REP_C_B_ID,
		    MSG_REP_C_B_NAME)));
		json_array_append_new(items, o);
	}
	db_end(q);
	if (rc != WS_EDONE)
		goto fail;
	json_array_foreach(items, i, x) {
		json_t *tail = NULL;

		if ((rc = msg_tail(d, json_integer_value(json_object_get(x, "conversation_id")),
		    &tail)) != WS_OK) {
			json_decref(tail);
			goto fail;
		}
		{
			json_t *m;
			size_t k;

			json_array_foreach(tail, k, m)
				msg_when(r, m);
		}
		json_object_set_new(x, "messages", tail);
	}
	v = app_list_value(items, page, per_page, total);
	json_object_set_new(v, "status", json_string(*status ? status : "all"));
	if (!r->api) {
		json_object_set_new(v, "is_open", json_boolean(strcmp(status, "open") == 0));
		json_object_set_new(v, "is_closed", json_boolean(strcmp(status, "closed") == 0));
		json_object_set_new(v, "is_all", json_boolean(!*status));
	}
	resp_value(w, v);
	w->tpl = "staff_message_reports";
	w->title = N_("Reported conversations");
	return WS_OK;
fail:
	json_decref(items);
	return rc;
}

enum ws_err
h_staff_message_report_close(struct req *r, struct resp *w)
{
	struct db *d = req_db(r);
	struct db_q *q;
	int64_t id, n = 0;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	q = db_start(d, ST_MSG_REPORT_CLOSE);
	db_bind_int(q, 1, r->user->id);
	db_bind_int(q, 2, now_s());
	db_bind_int(q, 3, id);
	rc = db_exec(q, &n);
	db_end(q);
	if (rc != WS_OK)
		return rc;
	if (n == 0) {	/* none, or closed already */
		w->detail = N_("There is no open report at this address.");
		return WS_ENOTFOUND;
	}
	app_audit(r->app, d, r->user->id, "message.report_closed", r->ip, arena_printf(r->a,
	    "report %lld", (long long)id));
	resp_value(w, json_pack("{s:I,s:s}", "id", (json_int_t)id, "status", "closed"));
	resp_redirect(w, "/staff/messages");
	return WS_OK;
}
