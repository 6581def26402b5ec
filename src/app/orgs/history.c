/*
 * history.c -- one history per organization: everything that happened to
 * it, newest first, for its admins and staff (GET
 * /organizations/{id}/history and its JSON twin), and the one function
 * that adds to it (org_history_add).
 *
 * The history is the audit log's rows that name the organization
 * (audit_log.org_id, migration 14): its application and the decision,
 * profile edits (the names of the fields, never their values), people
 * invited, joining, made admin or not, removed or leaving, suspension and
 * reinstatement.  Nothing is written twice: an action writes its audit row
 * and that row is the history.  An action's name is shown with a label in
 * the reader's language; a name without one is shown as it is.
 */
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/orgs/orgs_int.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

/* What each action reads as in a history; others show their own name. */
static const struct {
	const char *action;
	const char *label;
} labels[] = {
	{"application.submitted", N_("Application submitted")},
	{"application.resubmitted", N_("Application resubmitted")},
	{"application.approved", N_("Application approved")},
	{"application.rejected", N_("Application rejected")},
	{"application.info_requested", N_("More information requested")},
	{"application.join_request", N_("Asked to join")},
	{"organization.edited", N_("Profile edited")},
	{"organization.invite", N_("Invitation sent")},
	{"organization.joined", N_("Joined by invitation")},
	{"organization.person_added", N_("Added from the command line")},
	{"organization.admin_added", N_("Made an admin")},
	{"organization.admin_removed", N_("No longer an admin")},
	{"organization.person_removed", N_("Removed from the organization")},
	{"organization.membership_revoked", N_("Membership revoked by staff")},
	{"organization.membership_kept", N_("Membership confirmed by staff")},
	{"organization.person_left", N_("Left the organization")},
	{"organization.suspended", N_("Suspended")},
	{"organization.reinstated", N_("Reinstated")},
	{"account.deleted", N_("Account deleted")},
	{"resource.created", N_("Resource drafted")},
	{"resource.submitted", N_("Resource submitted")},
	{"resource.edited", N_("Resource edited")},
	{"resource.published", N_("Resource published")},
	{"resource.rejected", N_("Resource not accepted")},
	{"resource.changes_requested", N_("Changes to a resource requested")},
	{"call.submitted", N_("Application to a call submitted")},
	{"call.withdrawn", N_("Application to a call withdrawn")},
	{"call.accepted", N_("Accepted by a call")},
	{"call.waitlisted", N_("On a call's waiting list")},
	{"call.declined", N_("Not selected by a call")},
	{"initiative.partner", N_("Partner of a country pilot initiative")},
	{"initiative.partner_removed", N_("No longer a partner of a country pilot initiative")},
	{"dialogue.input", N_("Written input to a constructive dialogue")},
	{"course.completed", N_("Completed a course")},
};

/* The label of action in r's language; action itself when it has none. */
static const char *
label_of(struct req *r, const char *action)
{
	size_t i;

	for (i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i].action, action) == 0)
			return view_tr(r->app->views, r->locale, labels[i].label);
	return action;
}

void
org_history_add(struct app *app, struct db *d, int64_t org_id, int64_t actor_id,
    int64_t subject_id, const char *kind, const char *ip, const char *note)
{
	char head[80];
	struct buf b;

	if (subject_id > 0)
		snprintf(head, sizeof head, "organization %lld, user %lld", (long long)org_id,
		    (long long)subject_id);
	else
		snprintf(head, sizeof head, "organization %lld", (long long)org_id);
	buf_init(&b, 16 * 1024);
	if (buf_adds(&b, head) != WS_OK || (note && *note && (buf_adds(&b, ": ") != WS_OK ||
	    buf_adds(&b, note) != WS_OK)))
		log_error("history: note of %s cut", kind);
	app_audit_about(app, d, actor_id, org_id, subject_id, kind, ip ? ip : "",
	    buf_str(&b));
	buf_free(&b);
}

/* One entry of a history from the ST_ORG_HISTORY row q is on. */
static json_t *
entry_of(struct req *r, struct db_q *q)
{
	const char *action = db_col_text(q, ORG_HISTORY_C_ACTION);
	const char *detail = db_col_text(q, ORG_HISTORY_C_DETAIL);
	const char *note = detail ? strstr(detail, ": ") : NULL;
	char ts[32];
	json_t *it;

	time_rfc3339((time_t)db_col_int(q, ORG_HISTORY_C_AT), ts, sizeof ts);
	it = json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)db_col_int(q, ORG_HISTORY_C_ID),
	    "at", ts, "action", action, "label", label_of(r, action));
	if (!db_col_null(q, ORG_HISTORY_C_USER_ID))
		json_object_set_new(it, "by", json_pack("{s:I,s:s}", "id",
		    (json_int_t)db_col_int(q, ORG_HISTORY_C_USER_ID), "name",
		    db_col_null(q, ORG_HISTORY_C_USER_NAME) ? "" :
		    db_col_text(q, ORG_HISTORY_C_USER_NAME)));
	if (!db_col_null(q, ORG_HISTORY_C_SUBJECT_ID))
		json_object_set_new(it, "subject", json_pack("{s:I,s:s}", "id",
		    (json_int_t)db_col_int(q, ORG_HISTORY_C_SUBJECT_ID), "name",
		    db_col_null(q, ORG_HISTORY_C_SUBJECT_NAME) ? "" :
		    db_col_text(q, ORG_HISTORY_C_SUBJECT_NAME)));
	if (note && note[2])
		json_object_set_new(it, "note", json_string(note + 2));
	return it;
}

/* GET /organizations/{id}/history: staff and the organization's admins
 * (a suspended organization's too: they keep their view). */
enum ws_err
h_org_history(struct req *r, struct resp *w)
{
	struct db *d = req_db(r);
	json_t *org, *items, *v;
	struct db_q *q;
	int64_t id, page, total = 0;
	int per_page, is_admin = 0;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = org_load(d, id, &org)) != WS_OK)
		return rc;
	if (r->user->role < ROLE_STAFF) {
		(void)org_level_for(r, id, &is_admin);
		if (!is_admin) {
			json_decref(org);
			return WS_EFORBIDDEN;
		}
	}
	if ((rc = app_list_args(r, w, &page, &per_page)) != WS_OK) {
		json_decref(org);
		return rc;
	}
	q = db_start(d, ST_ORG_HISTORY_COUNT);
	db_bind_int(q, 1, id);
	if ((rc = db_step(q)) == WS_OK)
		total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK) {
		json_decref(org);
		return rc == WS_EDONE ? WS_EDB : rc;
	}
	items = json_array();
	q = db_start(d, ST_ORG_HISTORY);
	db_bind_int(q, 1, id);
	db_bind_int(q, 2, per_page);
	db_bind_int(q, 3, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(items, entry_of(r, q));
	db_end(q);
	if (rc != WS_EDONE) {
		json_decref(items);
		json_decref(org);
		return rc;
	}
	v = app_list_value(items, page, per_page, total);
	json_object_set_new(v, "organization", json_pack("{s:I,s:O}", "id", (json_int_t)id,
	    "name", json_object_get(org, "name")));
	json_decref(org);
	resp_value(w, v);
	w->tpl = "org_history";
	w->title = N_("History of the organization");
	return WS_OK;
}
