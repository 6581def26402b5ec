/*
 * pages.c -- the digest's pages: a person's setting (/account/digest and
 * its JSON twin), the unsubscribe link of each mail, and staff's page of
 * the runs (/staff/digest) with the button that runs it now.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/digest/digest_int.h"
#include "core/util.h"
#include "db/db.h"
#include "jobs/jobs.h"
#include "views/view.h"

/* ---- the setting ---------------------------------------------------------------- */

static const struct field setting_fields[] = {
	{ "enabled", FT_BOOL, 0, 0, 0, NULL, NULL, NULL },
};

/* r's caller's setting: {enabled, default_enabled, chosen, receives,
 * reason (null, "unverified", "no_member_access")}.  New reference. */
static enum ws_err
setting_value(struct req *r, json_t **out)
{
	struct db *d = req_db(r);
	struct user u;
	int chosen = 0, enabled = 0, dflt;
	const char *reason = NULL;
	enum ws_err rc;

	*out = NULL;
	if ((rc = user_by_id(d, r->a, r->user->id, &u)) != WS_OK ||
	    (rc = digest_wants(d, u.id, u.role, &chosen, &enabled)) != WS_OK)
		return rc;
	dflt = u.role == ROLE_MEMBER || u.role == ROLE_FOCAL;
	if (!r->user->verified_at)
		reason = "unverified";
	else if (u.role == ROLE_MEMBER && r->user->role != ROLE_MEMBER)
		reason = "no_member_access";
	*out = json_pack("{s:b,s:b,s:b,s:b,s:s?}", "enabled", enabled, "default_enabled", dflt,
	    "chosen", chosen, "receives", enabled && !reason, "reason", reason);
	if (!reason)
		json_object_set_new(*out, "reason", json_null());
	return WS_OK;
}

/* Page extras: the radio buttons' state and the reason in words. */
static void
setting_page(struct req *r, json_t *v)
{
	const char *reason = json_string_value(json_object_get(v, "reason"));

	json_object_set_new(v, "off", json_boolean(!json_is_true(json_object_get(v,
	    "enabled"))));
	if (reason)
		json_object_set_new(v, "reason_text", json_string(view_tr(r->app->views, r->locale,
		    strcmp(reason, "unverified") == 0 ?
		    N_("Confirm your email address first: until then we send no digest.") :
		    N_("Your organization's membership is suspended: until it is reinstated we "
		    "send no digest."))));
}

enum ws_err
h_digest_settings(struct req *r, struct resp *w)
{
	json_t *v;
	enum ws_err rc;

	if ((rc = setting_value(r, &v)) != WS_OK)
		return rc;
	if (!r->api) {
		setting_page(r, v);
		json_object_set_new(v, "saved", json_boolean(req_query(r, "saved") != NULL));
	}
	resp_value(w, v);
	w->tpl = "digest_settings";
	w->title = N_("Weekly digest");
	return WS_OK;
}

/* Stores r's caller's choice on. */
static enum ws_err
setting_store(struct req *r, int on)
{
	struct db *d = req_db(r);
	struct db_q *q = db_start(d, ST_DIGEST_SETTING_SET);
	enum ws_err rc;

	db_bind_int(q, 1, r->user->id);
	db_bind_int(q, 2, on ? 1 : 0);
	db_bind_int(q, 3, now_s());
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc == WS_OK)
		app_audit(r->app, d, r->user->id, on ? "digest.on" : "digest.off", r->ip, "");
	return rc;
}

enum ws_err
h_digest_settings_form(struct req *r, struct resp *w)
{
	const char *s = json_string_value(json_object_get(r->in, "enabled"));
	json_t *values = NULL, *errors = NULL;
	enum ws_err rc;

	if (!s || (strcmp(s, "on") != 0 && strcmp(s, "off") != 0)) {
		json_t *v;

		if ((rc = setting_value(r, &v)) != WS_OK)
			return rc;
		setting_page(r, v);
		errors = json_pack("{s:s}", "enabled", view_tr(r->app->views, r->locale,
		    N_("Choose whether you want the weekly digest.")));
		rc = form_fail(r, w, "digest_settings", N_("Weekly digest"), v, errors);
		json_object_update(w->val, v);
		json_decref(v);
		json_decref(errors);
		return rc;
	}
	if ((rc = form_check(r, setting_fields, sizeof setting_fields / sizeof setting_fields[0],
	    &values, &errors)) != WS_OK)
		goto out;
	if ((rc = setting_store(r, json_is_true(json_object_get(values, "enabled")))) != WS_OK)
		goto out;
	resp_redirect(w, "/account/digest?saved=1");
out:
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_digest_settings_api(struct req *r, struct resp *w)
{
	json_t *on = json_object_get(r->in, "enabled");
	enum ws_err rc;

	if (!json_is_boolean(on)) {
		w->errors = json_pack("{s:s}", "enabled", view_tr(r->app->views, r->locale,
		    N_("Say true or false.")));
		w->detail = N_("Some fields need your attention.");
		return WS_EINVAL;
	}
	if ((rc = setting_store(r, json_is_true(on))) != WS_OK)
		return rc;
	return h_digest_settings(r, w);
}

/* ---- the unsubscribe link ------------------------------------------------------------ */

/* The link's person, checked: WS_ENOTFOUND for a wrong signature. */
static enum ws_err
unsub_args(struct req *r, const char *u, const char *s, int64_t *uid)
{
	char sig[65];

	if (!u || !s || parse_int(u, 1, INT64_MAX, uid) != WS_OK || strlen(s) != 64)
		return WS_ENOTFOUND;
	digest_sig(r->app, *uid, sig);
	return sodium_memcmp(sig, s, 64) == 0 ? WS_OK : WS_ENOTFOUND;
}

enum ws_err
h_digest_unsubscribe_page(struct req *r, struct resp *w)
{
	const char *u = req_query(r, "u"), *s = req_query(r, "s");
	int64_t uid;

	if (unsub_args(r, u, s, &uid) != WS_OK) {
		w->detail = N_("This link is not valid: open your digest settings instead.");
		return WS_ENOTFOUND;
	}
	resp_value(w, json_pack("{s:s,s:s,s:b}", "u", u, "s", s, "done", 0));
	w->tpl = "digest_unsubscribe";
	w->title = N_("Stop the weekly digest");
	return WS_OK;
}

/* Stops uid's digest (the link was checked); audited. */
static enum ws_err
unsub_store(struct req *r, int64_t uid)
{
	struct db *d = req_db(r);
	struct db_q *q;
	struct user u;
	enum ws_err rc;

	if ((rc = user_by_id(d, r->a, uid, &u)) != WS_OK)
		return rc;	/* WS_ENOTFOUND: an account gone since */
	q = db_start(d, ST_DIGEST_SETTING_SET);
	db_bind_int(q, 1, uid);
	db_bind_int(q, 2, 0);
	db_bind_int(q, 3, now_s());
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc == WS_OK)
		app_audit(r->app, d, uid, "digest.unsubscribed", r->ip, "");
	return rc;
}

/*
 * POST /digest/unsubscribe/one-click?u=&s= with the body
 * List-Unsubscribe=One-Click: what a mail program sends for the message's
 * List-Unsubscribe-Post header (RFC 8058).  No CSRF token: the signed
 * address is the authority, and a page elsewhere cannot know it.  A GET of
 * the address (a program that only opens it) shows the page that asks.
 */
enum ws_err
h_digest_unsubscribe_oneclick(struct req *r, struct resp *w)
{
	const char *one = json_string_value(json_object_get(r->in, "List-Unsubscribe"));
	int64_t uid;
	enum ws_err rc;

	if (unsub_args(r, req_query(r, "u"), req_query(r, "s"), &uid) != WS_OK) {
		w->detail = N_("This link is not valid: open your digest settings instead.");
		return WS_ENOTFOUND;
	}
	if (!one || strcmp(one, "One-Click") != 0) {
		w->detail = N_("Send List-Unsubscribe=One-Click, or open the link to confirm.");
		return WS_EBADREQ;
	}
	if ((rc = unsub_store(r, uid)) != WS_OK)
		return rc;
	resp_value(w, json_pack("{s:b}", "done", 1));
	w->tpl = "digest_unsubscribe";
	w->title = N_("Stop the weekly digest");
	return WS_OK;
}

enum ws_err
h_digest_unsubscribe(struct req *r, struct resp *w)
{
	int64_t uid;
	enum ws_err rc;

	if (unsub_args(r, json_string_value(json_object_get(r->in, "u")),
	    json_string_value(json_object_get(r->in, "s")), &uid) != WS_OK) {
		w->detail = N_("This link is not valid: open your digest settings instead.");
		return WS_ENOTFOUND;
	}
	if ((rc = unsub_store(r, uid)) != WS_OK)
		return rc;
	resp_value(w, json_pack("{s:b}", "done", 1));
	w->tpl = "digest_unsubscribe";
	w->title = N_("Stop the weekly digest");
	return WS_OK;
}

/* ---- staff ---------------------------------------------------------------------------- */

static json_t *
time_of(int64_t t)
{
	char ts[32];

	time_rfc3339((time_t)t, ts, sizeof ts);
	return json_string(ts);
}

enum ws_err
h_staff_digest(struct req *r, struct resp *w)
{
	struct db *d = req_db(r);
	int64_t page, total = 0, week = digest_week(now_s()), this_week = 0, pending = 0;
	json_t *items, *v;
	struct db_q *q;
	int per_page;
	enum ws_err rc;

	if ((rc = app_list_args(r, w, &page, &per_page)) != WS_OK)
		return rc;
	q = db_start(d, ST_DIGEST_RUNS_COUNT);
	if ((rc = db_step(q)) == WS_OK)
		total = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc == WS_EDONE ? WS_EDB : rc;
	q = db_start(d, ST_DIGEST_WEEK_COUNT);
	db_bind_int(q, 1, week);
	if ((rc = db_step(q)) == WS_OK)
		this_week = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK)
		return rc == WS_EDONE ? WS_EDB : rc;
	if ((rc = job_pending(d, DIGEST_JOB, &pending)) != WS_OK)
		return rc;
	items = json_array();
	q = db_start(d, ST_DIGEST_RUNS);
	db_bind_int(q, 1, per_page);
	db_bind_int(q, 2, (page - 1) * per_page);
	while ((rc = db_step(q)) == WS_OK)
		json_array_append_new(items, json_pack("{s:I,s:o,s:o,s:I,s:b}",
		    "id", (json_int_t)db_col_int(q, DGR_C_ID),
		    "ran_at", time_of(db_col_int(q, DGR_C_RAN_AT)),
		    "week_of", time_of(db_col_int(q, DGR_C_WEEK) * 7 * 86400 - 3 * 86400),
		    "mailed", (json_int_t)db_col_int(q, DGR_C_MAILED),
		    "manual", db_col_int(q, DGR_C_MANUAL) != 0));
	db_end(q);
	if (rc != WS_EDONE) {
		json_decref(items);
		return rc;
	}
	v = app_list_value(items, page, per_page, total);
	json_object_set(v, "last_run", page == 1 && json_array_size(items) ?
	    json_array_get(items, 0) : json_null());
	json_object_set_new(v, "mailed_this_week", json_integer(this_week));
	json_object_set_new(v, "week_of", time_of(week * 7 * 86400 - 3 * 86400));
	json_object_set_new(v, "queued", json_integer(pending));
	if (!r->api)
		json_object_set_new(v, "asked", json_boolean(req_query(r, "queued") != NULL));
	resp_value(w, v);
	w->tpl = "staff_digest";
	w->title = N_("Weekly digest");
	return WS_OK;
}

enum ws_err
h_staff_digest_run(struct req *r, struct resp *w)
{
	struct db *d = req_db(r);
	char payload[48];
	int64_t id = 0;
	enum ws_err rc;

	snprintf(payload, sizeof payload, "{\"by\":%lld}", (long long)r->user->id);
	if ((rc = job_enqueue(d, DIGEST_JOB, payload, 0, &id)) != WS_OK)
		return rc;
	app_audit(r->app, d, r->user->id, "digest.run", r->ip, arena_printf(r->a, "job %lld",
	    (long long)id));
	app_jobs_kick(r->app);
	if (!r->api) {
		resp_redirect(w, "/staff/digest?queued=1");
		return WS_OK;
	}
	resp_value(w, json_pack("{s:I,s:s}", "job_id", (json_int_t)id, "status", "queued"));
	w->status = 202;
	return WS_OK;
}
