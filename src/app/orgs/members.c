/*
 * members.c -- people joining an organization that is already a member (a
 * request its admins or staff decide), state focal points applying to
 * represent their government for one country (staff decide), an
 * organization's people (admins, listing, removal), and the staff queue of
 * people that organization admins added (invited from outside the
 * organization's domain, or let in by a join request), which staff keep or
 * revoke.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/orgs/orgs_int.h"
#include "core/buf.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

/* Stores an application of kind for r's user with data, pending. */
static enum ws_err
insert_app(struct req *r, struct db *d, const char *kind, int64_t org_id,
    const char *country, json_t *data, int64_t *id)
{
	struct app_keys k = { country, "", "", "", "", NULL };

	return app_insert(d, r->user->id, kind, org_id, data, "pending", NULL, &k, id);
}

/* Answers a new application: 201 with it (API), or its page. */
static enum ws_err
created(struct req *r, struct resp *w, struct db *d, int64_t id)
{
	json_t *a;
	enum ws_err rc = WS_OK;

	if (r->api) {
		if ((rc = app_load(d, id, &a)) == WS_OK)
			resp_value(w, app_for_viewer(r, a));
		w->status = 201;
		return rc;
	}
	resp_redirect(w, arena_printf(r->a, "/applications/%lld", (long long)id));
	return WS_OK;
}

/* True when r's user has an open application of kind (for org_id when
 * not 0). */
static int
has_open(struct req *r, const char *kind, int64_t org_id)
{
	struct db_q *q = db_start(req_db(r), ST_APP_BY_USER);
	int found = 0;

	db_bind_int(q, 1, r->user->id);
	while (!found && db_step(q) == WS_OK) {
		const char *st = db_col_text(q, APP_C_STATUS);

		found = strcmp(db_col_text(q, APP_C_KIND), kind) == 0 &&
		    (strcmp(st, "pending") == 0 || strcmp(st, "info_requested") == 0 ||
		    strcmp(st, "unverified") == 0) &&
		    (!org_id || db_col_int(q, APP_C_ORG_ID) == org_id);
	}
	db_end(q);
	return found;
}

enum ws_err
org_admin_recipients(struct req *r, struct db *d, int64_t org_id, json_t **out)
{
	struct db_q *q = db_start(d, ST_MEMBER_ADMINS);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, org_id);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(*out, json_pack("{s:s,s:s,s:s}",
		    "email", db_col_text(q, MEMBER_ADMINS_C_EMAIL),
		    "name", db_col_text(q, MEMBER_ADMINS_C_NAME),
		    "lang", app_mail_lang(r->app, db_col_text(q, MEMBER_ADMINS_C_LOCALE), NULL)));
	db_end(q);
	if (rc == WS_EDONE)
		return WS_OK;
	json_decref(*out);
	*out = NULL;
	return rc;
}

enum ws_err
org_mail_admins(struct req *r, struct db *d, int64_t org_id, const char *view,
    const char *subject, json_t *ctx, const char *except)
{
	json_t *admins, *admin, *one;
	struct buf body;
	const char *lang, *to;
	enum ws_err rc;
	size_t i;

	/* read them all first: mail is queued on the same connection, which
	 * runs one statement at a time */
	if ((rc = org_admin_recipients(r, d, org_id, &admins)) != WS_OK)
		return rc;
	json_array_foreach(admins, i, admin) {
		to = json_string_value(json_object_get(admin, "email"));
		if (except && strcasecmp(to, except) == 0)
			continue;
		lang = json_string_value(json_object_get(admin, "lang"));
		one = json_deep_copy(ctx);
		json_object_set(one, "name", json_object_get(admin, "name"));
		buf_init(&body, 64 * 1024);
		rc = view_render(r->app->views, view, one, lang, &body);
		if (rc == WS_OK)
			rc = app_mail(r->app, d, to, view_tr(r->app->views, lang, subject),
			    buf_str(&body));
		buf_free(&body);
		json_decref(one);
		if (rc != WS_OK)
			break;
	}
	json_decref(admins);
	return rc;
}

static const struct field request_fields[] = {
	{"message", FT_TEXT, 0, 0, 2000, NULL, NULL, NULL},
	{"title", FT_LINE, 0, 0, 200, NULL, NULL, NULL},
};

/* POST /organizations/{id}/join-request */
enum ws_err
h_join_request(struct req *r, struct resp *w)
{
	json_t *org, *values = NULL, *errors = NULL, *data;
	struct db *d = req_db(r);
	int64_t org_id, app_id = 0;
	enum vis level;
	enum ws_err rc;
	int is_admin;

	if (parse_int(r->params[0], 1, INT64_MAX, &org_id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = org_load(d, org_id, &org)) != WS_OK)
		return rc;
	level = org_level_for(r, org_id, &is_admin);
	if (strcmp(json_string_value(json_object_get(org, "status")), "approved") != 0) {
		json_decref(org);
		return WS_ENOTFOUND;
	}
	if (level == VIS_STAFF && r->user->role < ROLE_STAFF) {
		json_decref(org);
		w->detail = N_("You are already one of this organization's people.");
		return WS_ECONFLICT;
	}
	if (has_open(r, "join", org_id)) {
		json_decref(org);
		w->detail = N_("You have already asked to join this organization.");
		return WS_ECONFLICT;
	}
	if (form_check(r, request_fields, 2, &values, &errors) != WS_OK) {
		json_decref(org);
		w->errors = errors;
		json_decref(values);
		w->detail = N_("Some fields need your attention.");
		return WS_EINVAL;
	}
	data = json_pack("{s:{s:I,s:O},s:{s:s,s:s,s:O},s:O}", "organization", "id",
	    (json_int_t)org_id, "name", json_object_get(org, "name"), "contact", "name",
	    r->user->name, "email", r->user->email, "title", json_object_get(values, "title"),
	    "message", json_object_get(values, "message"));
	/* A government's focal point let in would see what the organization
	 * shows its own people only: its admins are told who is asking. */
	if (r->user->role == ROLE_FOCAL)
		json_object_set_new(data, "government_focal_point", json_pack("{s:s}",
		    "country", r->user->country ? r->user->country : ""));
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	rc = insert_app(r, d, "join", org_id, json_string_value(json_object_get(org,
	    "country")), data, &app_id);
	/* The organization's admins hear of it. */
	if (rc == WS_OK) {
		json_t *ctx = json_pack("{s:s,s:O,s:s,s:s,s:O*}", "who", r->user->name, "org",
		    json_object_get(org, "name"), "site", r->app->cfg.org_name, "link",
		    arena_printf(r->a, "%s/organizations/%lld/requests", r->app->cfg.base_url,
		    (long long)org_id), "government_focal_point",
		    json_object_get(data, "government_focal_point"));

		rc = org_mail_admins(r, d, org_id, "mail_join_request",
		    N_("Someone asks to join your organization"), ctx, NULL);
		json_decref(ctx);
	}
	if (rc == WS_OK) {
		app_audit(r->app, d, r->user->id, "application.join_request", r->ip,
		    arena_printf(r->a, "organization %lld", (long long)org_id));
		rc = db_commit(d);
	}
	if (rc != WS_OK)
		db_rollback(d);
out:
	json_decref(org);
	json_decref(values);
	json_decref(data);
	if (rc != WS_OK)
		return rc;
	return created(r, w, d, app_id);
}

/* The organization of the route, for its admins and staff only. */
static enum ws_err
admin_of(struct req *r, int64_t *org_id, json_t **org)
{
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, org_id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = org_load(req_db(r), *org_id, org)) != WS_OK)
		return rc;
	if ((rc = org_may_manage(r, *org_id, *org)) != WS_OK) {
		json_decref(*org);
		return rc;
	}
	return WS_OK;
}

/* GET /organizations/{id}/requests */
enum ws_err
h_org_requests(struct req *r, struct resp *w)
{
	json_t *org, *items = json_array();
	struct db_q *q;
	int64_t org_id;
	enum ws_err rc;

	if ((rc = admin_of(r, &org_id, &org)) != WS_OK) {
		json_decref(items);
		return rc;
	}
	q = db_start(req_db(r), ST_APP_FOR_ORG);
	db_bind_int(q, 1, org_id);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(items, app_from_row(q));
	db_end(q);
	resp_value(w, json_pack("{s:I,s:O,s:o}", "org_id", (json_int_t)org_id, "name",
	    json_object_get(org, "name"), "items", items));
	json_decref(org);
	w->tpl = "org_requests";
	w->title = N_("Requests to join");
	return rc == WS_EDONE ? WS_OK : rc;
}

/* POST /organizations/{id}/requests/{app}/approve|reject */
static enum ws_err
request_decide(struct req *r, struct resp *w, const char *action)
{
	json_t *org, *a;
	int64_t org_id, app_id;
	enum ws_err rc;

	if ((rc = admin_of(r, &org_id, &org)) != WS_OK)
		return rc;
	json_decref(org);
	if (parse_int(r->params[1], 1, INT64_MAX, &app_id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = app_load(req_db(r), app_id, &a)) != WS_OK)
		return rc;
	if (strcmp(json_string_value(json_object_get(a, "kind")), "join") != 0 ||
	    json_integer_value(json_object_get(a, "organization_id")) != org_id) {
		json_decref(a);
		return WS_ENOTFOUND;
	}
	json_decref(a);
	rc = orgs_decide(r, app_id, action, strcmp(action, "rejected") == 0 ?
	    view_tr(r->app->views, r->locale, N_("The organization did not confirm the request.")) :
	    NULL);
	if (rc == WS_ECONFLICT)
		w->detail = N_("This request was already decided.");
	if (rc != WS_OK)
		return rc;
	resp_value(w, json_pack("{s:I,s:s}", "id", (json_int_t)app_id, "status", action));
	resp_redirect(w, arena_printf(r->a, "/organizations/%lld/requests", (long long)org_id));
	return WS_OK;
}

enum ws_err h_org_request_approve(struct req *r, struct resp *w)
{ return request_decide(r, w, "approved"); }
enum ws_err h_org_request_reject(struct req *r, struct resp *w)
{ return request_decide(r, w, "rejected"); }

/* ---- state focal points ------------------------------------------------- */

static const struct field focal_fields[] = {
	{"country", FT_CHOICE, 1, 0, 2, NULL, country_valid, "Choose a country from the list."},
	{"institution", FT_LINE, 1, 2, 200, NULL, NULL, NULL},
	{"title", FT_LINE, 1, 2, 200, NULL, NULL, NULL},
	{"message", FT_TEXT, 0, 0, 2000, NULL, NULL, NULL},
};

static json_t *
focal_page(struct req *r, json_t *values)
{
	return json_pack("{s:O,s:o}", "form", values ? values : json_object(), "countries",
	    country_options(r->locale, json_object_get(values, "country")));
}

enum ws_err
h_focal_form(struct req *r, struct resp *w)
{
	json_t *v = json_object();

	resp_value(w, focal_page(r, v));
	json_decref(v);
	w->tpl = "focal";
	w->title = N_("Apply as a state focal point");
	return WS_OK;
}

enum ws_err
h_focal(struct req *r, struct resp *w)
{
	json_t *values = NULL, *errors = NULL, *data;
	struct db *d = req_db(r);
	int64_t id;
	enum ws_err rc;

	if (form_check(r, focal_fields, 4, &values, &errors) != WS_OK) {
		rc = form_fail(r, w, "focal", N_("Apply as a state focal point"), values, errors);
		if (!r->api)
			resp_value(w, focal_page(r, values));
		json_decref(values);
		json_decref(errors);
		return rc;
	}
	if (has_open(r, "focal", 0)) {
		json_decref(values);
		w->detail = N_("You already have an application as a focal point under review.");
		return WS_ECONFLICT;
	}
	data = json_pack("{s:{s:O,s:O,s:O},s:{s:s,s:s},s:O,s:{s:O}}", "focal", "country",
	    json_object_get(values, "country"), "institution", json_object_get(values,
	    "institution"), "title", json_object_get(values, "title"), "contact", "name",
	    r->user->name, "email", r->user->email, "message", json_object_get(values,
	    "message"), "organization", "name", json_object_get(values, "institution"));
	if ((rc = db_begin(d)) == WS_OK) {
		rc = insert_app(r, d, "focal", 0, json_string_value(json_object_get(values,
		    "country")), data, &id);
		if (rc == WS_OK) {
			app_audit(r->app, d, r->user->id, "application.focal", r->ip,
			    json_string_value(json_object_get(values, "country")));
			rc = db_commit(d);
		}
		if (rc != WS_OK)
			db_rollback(d);
	}
	json_decref(values);
	json_decref(data);
	if (rc != WS_OK)
		return rc;
	return created(r, w, d, id);
}

/* ---- an organization's people ------------------------------------------- */

static const char LAST_ADMIN[] = N_("This person is the organization's last administrator. "
    "Make someone else an administrator first.");

/* POST /organizations/{id}/people/{user}/admin {admin: 1|0}: the
 * organization's admins (and staff) promote a colleague or step one down. */
enum ws_err
h_org_person_admin(struct req *r, struct resp *w)
{
	static const char *const yesno[] = { "0", "1", NULL };
	static const struct field f[] = {
		{"admin", FT_CHOICE, 1, 0, 1, yesno, NULL, N_("Choose yes or no.")},
	};
	json_t *org, *values = NULL, *errors = NULL;
	struct db *d = req_db(r);
	struct db_q *q;
	int64_t org_id, uid, changed = 0;
	enum ws_err rc;
	int admin;

	if ((rc = admin_of(r, &org_id, &org)) != WS_OK)
		return rc;
	json_decref(org);
	if (parse_int(r->params[1], 1, INT64_MAX, &uid) != WS_OK)
		return WS_ENOTFOUND;
	if (form_check(r, f, 1, &values, &errors) != WS_OK) {
		w->errors = errors;
		json_decref(values);
		return WS_EINVAL;
	}
	admin = strcmp(json_string_value(json_object_get(values, "admin")), "1") == 0;
	json_decref(values);
	if (!admin && uid == r->user->id && r->user->role < ROLE_STAFF) {
		w->detail = N_("Ask another administrator to step you down.");
		return WS_ECONFLICT;
	}
	/* Under the organization's lock: two admins stepping each other down
	 * at once leave one, never none. */
	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	rc = org_lock(d, org_id);
	if (rc == WS_OK && !admin)
		rc = org_last_admin_check(d, org_id, uid);
	if (rc == WS_OK) {
		q = db_start(d, ST_MEMBER_SET_ADMIN);
		db_bind_int(q, 1, admin);
		db_bind_int(q, 2, org_id);
		db_bind_int(q, 3, uid);
		rc = db_exec(q, &changed);
		db_end(q);
		if (rc == WS_OK && changed != 1)
			rc = WS_ENOTFOUND;
	}
	/* An admin no more: the invitations they sent lapse. */
	if (rc == WS_OK && !admin)
		rc = org_invites_cancel(d, org_id, uid);
	if (rc == WS_OK) {
		app_audit(r->app, d, r->user->id, admin ? "organization.admin_added" :
		    "organization.admin_removed", r->ip, arena_printf(r->a,
		    "organization %lld, user %lld", (long long)org_id, (long long)uid));
		rc = db_commit(d);
	}
	if (rc != WS_OK) {
		db_rollback(d);
		if (rc == WS_ECONFLICT)
			w->detail = LAST_ADMIN;
		return rc;
	}
	resp_value(w, json_pack("{s:I,s:b}", "user_id", (json_int_t)uid, "admin", admin));
	resp_redirect(w, arena_printf(r->a, "/organizations/%lld", (long long)org_id));
	return WS_OK;
}

/* POST /organizations/{id}/listed {listed: 1|0}: a person chooses whether
 * the profile lists them among the organization's people. */
enum ws_err
h_org_listed(struct req *r, struct resp *w)
{
	static const char *const yesno[] = { "0", "1", NULL };
	static const struct field f[] = {
		{"listed", FT_CHOICE, 1, 0, 1, yesno, NULL, N_("Choose yes or no.")},
	};
	json_t *values = NULL, *errors = NULL;
	struct db *d = req_db(r);
	struct db_q *q;
	int64_t org_id, changed = 0;
	enum ws_err rc;
	int listed;

	if (parse_int(r->params[0], 1, INT64_MAX, &org_id) != WS_OK)
		return WS_ENOTFOUND;
	if (form_check(r, f, 1, &values, &errors) != WS_OK) {
		w->errors = errors;
		json_decref(values);
		return WS_EINVAL;
	}
	listed = strcmp(json_string_value(json_object_get(values, "listed")), "1") == 0;
	json_decref(values);
	q = db_start(d, ST_MEMBER_SET_LISTED);
	db_bind_int(q, 1, listed);
	db_bind_int(q, 2, org_id);
	db_bind_int(q, 3, r->user->id);
	rc = db_exec(q, &changed);
	db_end(q);
	if (rc == WS_OK && changed != 1)
		return WS_ENOTFOUND;	/* not one of its people */
	if (rc != WS_OK)
		return rc;
	resp_value(w, json_pack("{s:I,s:b}", "organization_id", (json_int_t)org_id, "listed",
	    listed));
	resp_redirect(w, arena_printf(r->a, "/organizations/%lld", (long long)org_id));
	return WS_OK;
}

/* Tells u that they are no longer one of org's people. */
static enum ws_err
mail_removed(struct req *r, struct db *d, const struct user *u, json_t *org)
{
	json_t *ctx = json_pack("{s:s,s:O,s:s}", "name", u->name, "org", json_object_get(org,
	    "name"), "site", r->app->cfg.org_name);
	const char *lang = app_mail_lang(r->app, u->locale, NULL);	/* theirs, not the remover's */
	struct buf body;
	enum ws_err rc;

	buf_init(&body, 64 * 1024);
	rc = view_render(r->app->views, "mail_person_removed", ctx, lang, &body);
	if (rc == WS_OK)
		rc = app_mail(r->app, d, u->email, view_tr(r->app->views, lang,
		    N_("You are no longer one of an organization's people")), buf_str(&body));
	buf_free(&body);
	json_decref(ctx);
	return rc;
}

/* Removes person uid from organization org_id (org its JSON) in one
 * transaction: the membership, the invitations they sent to it, the audit
 * line (action), the mail to them.  Their next request has no rights from
 * it.  The last admin stays (WS_ECONFLICT) unless even_last. */
static enum ws_err
remove_person(struct req *r, struct resp *w, int64_t org_id, json_t *org, int64_t uid,
    const char *action, int even_last)
{
	struct db *d = req_db(r);
	struct user u;
	enum ws_err rc;

	if ((rc = user_by_id(d, r->a, uid, &u)) != WS_OK)
		return rc;
	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	rc = org_member_remove(d, org_id, uid, even_last);
	if (rc == WS_OK)
		rc = mail_removed(r, d, &u, org);
	if (rc == WS_OK) {
		app_audit(r->app, d, r->user->id, action, r->ip, arena_printf(r->a,
		    "organization %lld, user %lld (%s)", (long long)org_id, (long long)uid, u.email));
		rc = db_commit(d);
	}
	if (rc != WS_OK)
		db_rollback(d);
	if (rc == WS_ECONFLICT)
		w->detail = LAST_ADMIN;
	else if (rc == WS_ENOTFOUND)
		w->detail = N_("This person is not one of the organization's people.");
	return rc;
}

/* POST /organizations/{id}/people/{user}/remove: the organization's admins
 * (and staff) remove a person from it; the last admin stays until another
 * exists. */
enum ws_err
h_org_person_remove(struct req *r, struct resp *w)
{
	json_t *org;
	int64_t org_id, uid;
	enum ws_err rc;

	if ((rc = admin_of(r, &org_id, &org)) != WS_OK)
		return rc;
	if (parse_int(r->params[1], 1, INT64_MAX, &uid) != WS_OK) {
		json_decref(org);
		return WS_ENOTFOUND;
	}
	rc = remove_person(r, w, org_id, org, uid, "organization.person_removed", 0);
	json_decref(org);
	if (rc != WS_OK)
		return rc;
	resp_value(w, json_pack("{s:I,s:I,s:b}", "organization_id", (json_int_t)org_id,
	    "user_id", (json_int_t)uid, "removed", 1));
	resp_redirect(w, arena_printf(r->a, "/organizations/%lld", (long long)org_id));
	return WS_OK;
}

/* ---- staff review of people added by organization admins ---------------- */

/* GET /staff/memberships: people an organization's admins added that staff
 * have not looked at, oldest first: who, to which organization, how, by whom. */
enum ws_err
h_staff_memberships(struct req *r, struct resp *w)
{
	struct db *d = req_db(r);
	json_t *items;
	struct db_q *q;
	int64_t page, total = 0;
	int per_page;
	enum ws_err rc;

	if ((rc = app_list_args(r, w, &page, &per_page)) != WS_OK)
		return rc;
	items = json_array();
	q = db_start(d, ST_MEMBER_REVIEW_COUNT);
	if ((rc = db_step(q)) == WS_OK)
		total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK) {
		json_decref(items);
		return rc;
	}
	q = db_start(d, ST_MEMBER_REVIEW_LIST);
	db_bind_int(q, 1, per_page);
	db_bind_int(q, 2, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK) {
		const char *how = db_col_text(q, MEMBER_REVIEW_LIST_C_ADDED_HOW);
		int invited = strcmp(how, "invitation") == 0;
		char ts[32];
		json_t *it;

		time_rfc3339((time_t)db_col_int(q, MEMBER_REVIEW_LIST_C_CREATED_AT), ts, sizeof ts);
		it = json_pack("{s:I,s:s,s:s,s:I,s:s,s:s,s:s,s:s,s:s}", "organization_id",
		    (json_int_t)db_col_int(q, MEMBER_REVIEW_LIST_C_ORG_ID),
		    "organization", db_col_text(q, MEMBER_REVIEW_LIST_C_ORG_NAME),
		    "website", db_col_text(q, MEMBER_REVIEW_LIST_C_ORG_WEBSITE),
		    "user_id", (json_int_t)db_col_int(q, MEMBER_REVIEW_LIST_C_USER_ID),
		    "name", db_col_text(q, MEMBER_REVIEW_LIST_C_USER_NAME),
		    "email", db_col_text(q, MEMBER_REVIEW_LIST_C_USER_EMAIL), "how",
		    how, "why", view_tr(r->app->views, r->locale, invited ?
		    N_("Invited at an address outside the organization's website domain") :
		    N_("Asked to join; an administrator of the organization approved")),
		    "added_at", ts);
		json_object_set_new(it, "domain",
		    json_string(db_col_text(q, MEMBER_REVIEW_LIST_C_APPROVED_DOMAIN)));
		json_object_set_new(it, "added_by", db_col_null(q, MEMBER_REVIEW_LIST_C_ADDED_BY) ?
		    json_null() : json_pack("{s:I,s:s,s:s}",
		    "id", (json_int_t)db_col_int(q, MEMBER_REVIEW_LIST_C_ADDED_BY),
		    "name", db_col_text(q, MEMBER_REVIEW_LIST_C_ADDER_NAME),
		    "email", db_col_text(q, MEMBER_REVIEW_LIST_C_ADDER_EMAIL)));
		json_array_append_new(items, it);
	}
	db_end(q);
	if (rc != WS_EDONE) {
		json_decref(items);
		return rc;
	}
	resp_value(w, app_list_value(items, page, per_page, total));
	w->tpl = "staff_memberships";
	w->title = N_("People added by organizations");
	return WS_OK;
}

/* The organization and person of a /staff/memberships/{id}/{user} route. */
static enum ws_err
queue_item(struct req *r, int64_t *org_id, json_t **org, int64_t *uid)
{
	if (parse_int(r->params[0], 1, INT64_MAX, org_id) != WS_OK ||
	    parse_int(r->params[1], 1, INT64_MAX, uid) != WS_OK)
		return WS_ENOTFOUND;
	return org_load(req_db(r), *org_id, org);
}

/* POST /staff/memberships/{id}/{user}/revoke: the person loses their
 * membership of the organization at once, even when they have become its
 * last admin (staff decide; the organization is then without one, which
 * its profile tells staff, and staff may make another person admin). */
enum ws_err
h_staff_membership_revoke(struct req *r, struct resp *w)
{
	json_t *org;
	int64_t org_id, uid, admins = 0;
	enum ws_err rc;

	if ((rc = queue_item(r, &org_id, &org, &uid)) != WS_OK)
		return rc;
	rc = remove_person(r, w, org_id, org, uid, "organization.membership_revoked", 1);
	json_decref(org);
	if (rc == WS_OK)
		rc = org_admin_count(req_db(r), org_id, &admins);
	if (rc != WS_OK)
		return rc;
	resp_value(w, json_pack("{s:I,s:I,s:s,s:b}", "organization_id", (json_int_t)org_id,
	    "user_id", (json_int_t)uid, "review", "revoked", "without_admin", admins == 0));
	resp_redirect(w, admins == 0 ? arena_printf(r->a, "/organizations/%lld",
	    (long long)org_id) : "/staff/memberships");
	return WS_OK;
}

/* POST /staff/memberships/{id}/{user}/keep: staff looked and the person
 * stays; the item leaves the queue. */
enum ws_err
h_staff_membership_keep(struct req *r, struct resp *w)
{
	struct db *d = req_db(r);
	struct db_q *q;
	json_t *org;
	int64_t org_id, uid, changed = 0;
	enum ws_err rc;

	if ((rc = queue_item(r, &org_id, &org, &uid)) != WS_OK)
		return rc;
	json_decref(org);
	q = db_start(d, ST_MEMBER_REVIEW_KEEP);
	db_bind_int(q, 1, org_id);
	db_bind_int(q, 2, uid);
	rc = db_exec(q, &changed);
	db_end(q);
	if (rc != WS_OK)
		return rc;
	if (changed != 1) {
		w->detail = N_("This person is not waiting for review.");
		return WS_ENOTFOUND;
	}
	app_audit(r->app, d, r->user->id, "organization.membership_kept", r->ip,
	    arena_printf(r->a, "organization %lld, user %lld", (long long)org_id, (long long)uid));
	resp_value(w, json_pack("{s:I,s:I,s:s}", "organization_id", (json_int_t)org_id,
	    "user_id", (json_int_t)uid, "review", "kept"));
	resp_redirect(w, "/staff/memberships");
	return WS_OK;
}
