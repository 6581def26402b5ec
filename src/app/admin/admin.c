/*
 * admin.c -- the admin's list of users (roles, disabling) and the audit log
 * staff read.  Lists are paginated: ?page=N, 50 a page.
 */
#include <string.h>

#include "app/accounts/accounts.h"
#include "app/admin/admin.h"
#include "app/app.h"
#include "core/util.h"
#include "db/db.h"
#include "http/form.h"
#include "views/view.h"


static int64_t
count_of(struct db *d, enum db_stmt s)
{
	struct db_q *q = db_start(d, s);
	int64_t n = 0;

	if (db_step(q) == WS_OK)
		n = db_col_int(q, 0);
	db_end(q);
	return n;
}

enum ws_err
h_admin_users(struct req *r, struct resp *w)
{
	struct db *d = req_db(r);
	int64_t page, total;
	int per_page;
	json_t *v, *items;
	struct db_q *q;
	enum ws_err rc;
	static const char *const roles[] = {"applicant", "member", "focal", "staff", "admin"};

	if ((rc = app_list_args(r, w, &page, &per_page)) != WS_OK)
		return rc;
	items = json_array();
	total = count_of(d, ST_USER_COUNT);
	q = db_start(d, ST_USER_LIST);
	db_bind_int(q, 1, per_page);
	db_bind_int(q, 2, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK) {
		struct user u;
		json_t *it, *opts = json_array();
		char ts[32];
		size_t i;

		user_from_row(r->a, q, 0, &u);
		time_rfc3339((time_t)u.created_at, ts, sizeof ts);
		for (i = 0; i < sizeof roles / sizeof roles[0]; i++)
			json_array_append_new(opts, json_pack("{s:s,s:b}", "value", roles[i],
			    "selected", strcmp(roles[i], role_name(u.role)) == 0));
		it = json_pack("{s:I,s:s,s:s,s:s,s:s,s:b,s:s,s:b}", "id", (json_int_t)u.id,
		    "email", u.email, "name", u.name, "role", role_name(u.role),
		    "status", u.status, "verified", u.verified_at != 0, "created_at", ts,
		    "active", strcmp(u.status, "active") == 0);
		if (!r->api)
			json_object_set_new(it, "role_options", opts);
		else
			json_decref(opts);
		json_array_append_new(items, it);
	}
	db_end(q);
	v = app_list_value(items, page, per_page, total);
	resp_value(w, v);
	w->tpl = "admin_users";
	w->title = N_("Users");
	return rc == WS_EDONE ? WS_OK : rc;
}

static const char *const role_choices[] = {"applicant", "member", "focal", "staff", "admin", NULL};
static const char *const status_choices[] = {"active", "disabled", NULL};

/* Shared by role and status changes: one field, one statement, one audit row. */
static enum ws_err
user_change(struct req *r, struct resp *w, const struct field *f, enum db_stmt s,
    const char *action)
{
	json_t *values = NULL, *errors = NULL;
	struct db *d = req_db(r);
	struct user u;
	struct db_q *q;
	int64_t id;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = user_by_id(d, r->a, id, &u)) != WS_OK)
		return rc;
	if (form_check(r, f, 1, &values, &errors) != WS_OK) {
		w->detail = N_("Choose one of the options.");
		w->errors = errors;
		json_decref(values);
		return WS_EINVAL;
	}
	if (id == r->user->id) {
		json_decref(values);
		w->detail = N_("You cannot change your own role or status; ask another admin.");
		return WS_ECONFLICT;
	}
	q = db_start(d, s);
	db_bind_text(q, 1, json_string_value(json_object_get(values, f->name)));
	db_bind_int(q, 2, now_s());
	db_bind_int(q, 3, id);
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc == WS_OK) {
		app_audit(r->app, d, r->user->id, action, r->ip, arena_printf(r->a,
		    "user %lld: %s", (long long)id,
		    json_string_value(json_object_get(values, f->name))));
		if (s == ST_USER_SET_STATUS) {	/* a disabled account is signed out */
			q = db_start(d, ST_SESSION_DELETE_USER);
			db_bind_int(q, 1, id);
			db_exec_logged(q);
			db_end(q);
		}
	}
	json_decref(values);
	if (rc == WS_OK) {
		resp_value(w, json_pack("{s:I}", "id", (json_int_t)id));
		resp_redirect(w, "/admin/users");
	}
	return rc;
}

enum ws_err
h_admin_user_role(struct req *r, struct resp *w)
{
	static const struct field f = {"role", FT_CHOICE, 1, 0, 20, role_choices, NULL, NULL};

	return user_change(r, w, &f, ST_USER_SET_ROLE, "user.role");
}

enum ws_err
h_admin_user_status(struct req *r, struct resp *w)
{
	static const struct field f = {"status", FT_CHOICE, 1, 0, 20, status_choices, NULL, NULL};

	return user_change(r, w, &f, ST_USER_SET_STATUS, "user.status");
}

enum ws_err
h_staff_audit(struct req *r, struct resp *w)
{
	struct db *d = req_db(r);
	int64_t page, total;
	int per_page;
	json_t *v, *items;
	struct db_q *q;
	enum ws_err rc;

	if ((rc = app_list_args(r, w, &page, &per_page)) != WS_OK)
		return rc;
	items = json_array();
	total = count_of(d, ST_AUDIT_COUNT);
	q = db_start(d, ST_AUDIT_LIST);
	db_bind_int(q, 1, per_page);
	db_bind_int(q, 2, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK) {
		char ts[32];
		json_t *it;

		time_rfc3339((time_t)db_col_int(q, AUDIT_LIST_C_AT), ts, sizeof ts);
		it = json_pack("{s:I,s:s,s:s?,s:s,s:s?,s:s?}",
		    "id", (json_int_t)db_col_int(q, AUDIT_LIST_C_ID), "at", ts,
		    "email", db_col_text(q, AUDIT_LIST_C_EMAIL),
		    "action", db_col_text(q, AUDIT_LIST_C_ACTION),
		    "ip", db_col_text(q, AUDIT_LIST_C_IP), "detail", db_col_text(q, AUDIT_LIST_C_DETAIL));
		if (!db_col_null(q, AUDIT_LIST_C_USER_ID))
			json_object_set_new(it, "user_id",
			    json_integer(db_col_int(q, AUDIT_LIST_C_USER_ID)));
		json_array_append_new(items, it);
	}
	db_end(q);
	v = app_list_value(items, page, per_page, total);
	resp_value(w, v);
	w->tpl = "audit";
	w->title = N_("Audit log");
	return rc == WS_EDONE ? WS_OK : rc;
}
