/*
 * review.c -- staff review of resources, with the verbs of applications:
 * approve (published), reject (with the reason the contributor reads),
 * request-info (changes_requested, with what to change).  Each decision is
 * one transaction: the status, an audit entry (in the contributing
 * organization's history when there is one), and mail to whoever
 * submitted it, in their language.  A resource staff made has no one to
 * mail.
 */
#include <stdio.h>
#include <string.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/orgs/orgs.h"
#include "app/resources/resources_int.h"
#include "core/buf.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

static const char *const review_statuses[] = { "submitted", "changes_requested", "draft",
	"rejected", "published", NULL };

const struct field res_q_review[] = {
	{ "status", FT_CHOICE, 0, 0, 0, review_statuses, NULL, N_("Choose a status from the list.") },
	APP_Q_PAGE,
	FIELDS_END
};

static const struct field reason_field[] = {
	{ "reason", FT_TEXT, 1, 3, 2000, NULL, NULL, NULL },
};

void
res_audit(struct req *r, struct db *d, json_t *res, const char *action, const char *note)
{
	int64_t id = json_integer_value(json_object_get(res, "id"));
	int64_t org = json_integer_value(json_object_get(res, "organization_id"));
	int64_t by = json_integer_value(json_object_get(res, "created_by"));
	const char *detail = arena_printf(r->a, "resource %lld: %s", (long long)id,
	    note ? note : json_string_value(json_object_get(res, "title")));
	int member = strcmp(json_string_value(json_object_get(res, "source")), "member") == 0;

	/* the organization's history is its audit entry: written once */
	if (org && member)
		org_history_add(r->app, d, org, r->user ? r->user->id : 0,
		    by != (r->user ? r->user->id : 0) ? by : 0, action, r->ip, detail);
	else
		app_audit_about(r->app, d, r->user ? r->user->id : 0, 0,
		    by != (r->user ? r->user->id : 0) ? by : 0, action, r->ip, detail);
}

/* Mails the decision status (with reason) on resource res to the member
 * who submitted it, in their language, inside the caller's transaction. */
static enum ws_err
mail_decision(struct req *r, struct db *d, json_t *res, const char *status, const char *reason)
{
	int64_t by = json_integer_value(json_object_get(res, "created_by"));
	int64_t id = json_integer_value(json_object_get(res, "id"));
	const char *tpl, *subj, *lang;
	struct buf body;
	struct user u;
	json_t *ctx;
	enum ws_err rc;

	if (strcmp(json_string_value(json_object_get(res, "source")), "member") != 0 || by <= 0 ||
	    user_by_id(d, r->a, by, &u) != WS_OK || !u.email || !*u.email)
		return WS_OK;
	if (strcmp(status, "published") == 0) {
		tpl = "mail_resource_published";
		subj = N_("Your resource is published");
	} else if (strcmp(status, "rejected") == 0) {
		tpl = "mail_resource_rejected";
		subj = N_("Your resource was not accepted");
	} else {
		tpl = "mail_resource_info";
		subj = N_("Your resource: changes needed");
	}
	lang = app_mail_lang(r->app, u.locale, NULL);
	ctx = json_pack("{s:s,s:s,s:s,s:s,s:s}", "name", u.name ? u.name : "", "site",
	    r->app->cfg.org_name, "title", json_string_value(json_object_get(res, "title")),
	    "reason", reason ? reason : "", "link", arena_printf(r->a, "%s/resources/%lld",
	    r->app->cfg.base_url, (long long)id));
	buf_init(&body, 64 * 1024);
	rc = view_render(r->app->views, tpl, ctx, lang, &body);
	if (rc == WS_OK)
		rc = app_mail(r->app, d, u.email, view_tr(r->app->views, lang, subj), buf_str(&body));
	buf_free(&body);
	json_decref(ctx);
	return rc;
}

/* Decides resource {id}: status, with reason (NULL: none), from one of
 * the statuses from; 409 from another. */
static enum ws_err
decide(struct req *r, struct resp *w, const char *status, const char *reason,
    const char *const *from)
{
	struct res_viewer v;
	struct db *d = req_db(r);
	json_t *res = NULL;
	const char *now;
	int64_t id;
	enum ws_err rc;
	int ok = 0;

	res_viewer_of(r, &v);
	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = res_get(d, &v, id, &res)) != WS_OK)
		return rc;
	now = json_string_value(json_object_get(res, "status"));
	for (; *from; from++)
		ok |= strcmp(*from, now) == 0;
	/* a member's draft is theirs until they submit it */
	if (strcmp(now, "draft") == 0 && strcmp(json_string_value(json_object_get(res,
	    "source")), "member") == 0)
		ok = 0;
	if (!ok) {
		w->detail = arena_printf(r->a, "%s", view_tr(r->app->views, r->locale,
		    strcmp(now, "published") == 0 ? N_("This resource is already published.") :
		    N_("This resource is not waiting for this decision.")));
		rc = WS_ECONFLICT;
		goto out;
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = res_set_status(d, id, status, reason)) == WS_OK &&
	    (rc = mail_decision(r, d, res, status, reason)) == WS_OK) {
		res_audit(r, d, res, strcmp(status, "published") == 0 ? "resource.published" :
		    strcmp(status, "rejected") == 0 ? "resource.rejected" :
		    "resource.changes_requested", reason);
		rc = db_commit(d);
	}
	if (rc != WS_OK) {
		db_rollback(d);
		goto out;
	}
	res_index_refresh(r->app, d, id);
	if (r->api)
		rc = h_resource(r, w);
	else
		resp_redirect(w, "/staff/resources");
out:
	json_decref(res);
	return rc;
}

/* The staff review page's value: the resources of a status (submitted
 * unless ?status= says), oldest first as they wait. */
static enum ws_err
review_page(struct req *r, struct resp *w)
{
	const char *status = r->query ? req_qstr(r, "status") : "";
	int64_t page = r->query ? req_qint(r, "page", 1) : 1, total = 0;
	struct res_viewer v;
	struct res_filter f;
	json_t *rows = NULL, *row, *files, *items;
	enum ws_err rc;
	size_t i;

	res_viewer_of(r, &v);
	memset(&f, 0, sizeof f);
	f.status = *status ? status : "submitted";
	if ((rc = res_list(req_db(r), &v, &f, "newest", "", page, APP_PER_PAGE, &rows,
	    &total)) != WS_OK)
		return rc;
	items = json_array();
	json_array_foreach(rows, i, row) {
		json_t *it = json_pack("{s:O,s:O,s:O,s:O,s:O}", "id", json_object_get(row, "id"),
		    "title", json_object_get(row, "title"), "kind", json_object_get(row, "kind"),
		    "status", json_object_get(row, "status"), "reason", json_object_get(row,
		    "reason"));

		json_object_set_new(it, "kind_label", json_string(res_kind_label(r,
		    json_string_value(json_object_get(row, "kind")))));
		json_object_set_new(it, "status_label", json_string(res_status_label(r,
		    json_string_value(json_object_get(row, "status")))));
		if (json_object_get(row, "org_name"))
			json_object_set(it, "organization", json_object_get(row, "org_name"));
		if (res_files(req_db(r), json_integer_value(json_object_get(row, "id")), &files) ==
		    WS_OK)
			json_object_set_new(it, "files", files);
		json_object_set_new(it, "waiting", json_boolean(strcmp(json_string_value(
		    json_object_get(row, "status")), "submitted") == 0));
		json_array_append_new(items, it);
	}
	json_decref(rows);
	resp_value(w, app_list_value(items, page, APP_PER_PAGE, total));
	json_object_set_new(w->val, "status", json_string(f.status));
	json_object_set_new(w->val, "status_label", json_string(res_status_label(r, f.status)));
	json_object_set_new(w->val, arena_printf(r->a, "is_%s", f.status), json_true());
	w->tpl = "staff_resources";
	w->title = N_("Resources to review");
	return WS_OK;
}

enum ws_err
h_staff_resources(struct req *r, struct resp *w)
{
	return review_page(r, w);
}

/* The reason of a decision, checked: a 422 naming it when missing (on a
 * page, the review page again with the message by the form). */
static enum ws_err
reason_of(struct req *r, struct resp *w, const char **out)
{
	json_t *values = NULL, *errors = NULL;

	if (form_check(r, reason_field, 1, &values, &errors) != WS_OK) {
		json_decref(values);
		if (!r->api && review_page(r, w) == WS_OK)
			json_object_set_new(w->val, "error_id", json_string(r->params[0]));
		w->errors = errors;
		w->detail = N_("Write the reason the contributor will read.");
		return WS_EINVAL;
	}
	*out = arena_strdup(r->a, json_string_value(json_object_get(values, "reason")));
	json_decref(values);
	return WS_OK;
}

enum ws_err
h_resource_approve(struct req *r, struct resp *w)
{
	static const char *const from[] = { "draft", "submitted", "changes_requested",
		"rejected", NULL };

	return decide(r, w, "published", NULL, from);
}

enum ws_err
h_resource_reject(struct req *r, struct resp *w)
{
	static const char *const from[] = { "submitted", "changes_requested", NULL };
	const char *reason;
	enum ws_err rc;

	if ((rc = reason_of(r, w, &reason)) != WS_OK)
		return rc;
	return decide(r, w, "rejected", reason, from);
}

enum ws_err
h_resource_request_info(struct req *r, struct resp *w)
{
	static const char *const from[] = { "submitted", NULL };
	const char *reason;
	enum ws_err rc;

	if ((rc = reason_of(r, w, &reason)) != WS_OK)
		return rc;
	return decide(r, w, "changes_requested", reason, from);
}
