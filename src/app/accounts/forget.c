/*
 * forget.c -- what a person may know and end of their account: the account
 * page's value (their organizations, their application, their role), the
 * export of everything the hub holds about them (GET /api/v1/me/export),
 * deleting the account (POST /account/delete, DELETE /api/v1/me), and the
 * job that deletes ended sessions and expired links.
 *
 * A deleted account's row stays, so the audit log, applications and files
 * that point at it still hold: its address becomes deleted-ID@invalid
 * (unique, and .invalid never receives mail), its name "Deleted user", its
 * password hash empty (no password matches it), its status "disabled" and
 * deleted_at is set.  Every address it has had and its name are replaced in
 * the audit log's details, in the applications it filed and their notes,
 * and in mail still addressed to it, which is dropped.  The person's own
 * fields in the applications they filed (an expert's profile, a contact)
 * are blanked, an organization whose contact they were loses that contact,
 * and their expert profile is deleted.  Its sessions, links, drafts and
 * calendar address are deleted, and its answers to events' and calls'
 * questions blanked, a call's files deleted (its registrations and
 * applications stay, counted).  Its certificates of completion say
 * "Deleted user" and their codes answer 404 (its completions stay, counted
 * in the rates); what it wrote in courses' discussions is blanked (its
 * enrolments, reads and attempts stay, counted).  Its forum posts stay,
 * their author shown as a former member.  Its organizations stay: it
 * leaves them,
 * unless it is the last admin of one that has other people (409: someone
 * must take over first, as when leaving).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/calls/calls.h"
#include "app/courses/courses.h"
#include "app/digest/digest.h"
#include "app/dialogues/dialogues.h"
#include "app/events/events.h"
#include "app/forums/forums.h"
#include "app/initiatives/initiatives.h"
#include "app/meetings/meetings.h"
#include "app/news/news.h"
#include "app/messages/messages.h"
#include "app/partners/partners.h"
#include "app/orgs/orgs.h"
#include "app/people/people.h"
#include "core/log.h"
#include "core/util.h"
#include "db/db.h"
#include "jobs/jobs.h"
#include "views/view.h"

#define DELETED_NAME "Deleted user"
#define ADDRESSES_MAX 32	/* addresses of one account that are forgotten */

/* ---- the account page ------------------------------------------------ */

/* What each role means to the person who has it. */
static const char *const role_labels[] = {
	[ROLE_ANON] = N_("Visitor"),
	[ROLE_APPLICANT] = N_("Applicant: not a member yet"),
	[ROLE_MEMBER] = N_("Member"),
	[ROLE_FOCAL] = N_("State focal point"),
	[ROLE_STAFF] = N_("Staff"),
	[ROLE_ADMIN] = N_("Site administrator"),
};
_Static_assert(sizeof role_labels / sizeof role_labels[0] == ROLE__MAX, "a label per role");

/* Fills v (the account page's value) with r's user's organizations, the
 * nominations naming their address (meetings_my_nominations), the
 * initiatives they take part in (initiatives_of_person), their part in
 * constructive dialogues (dialogues_of_person) and
 * their newest application ({id, kind, status} or null). */
enum ws_err
account_page_fill(struct req *r, json_t *v)
{
	json_t *orgs = NULL, *apps = NULL, *last = json_null(), *noms = NULL;
	struct db *d = req_db(r);
	enum ws_err rc;

	if ((rc = meetings_my_nominations(r, &noms)) != WS_OK)
		return rc;
	if ((rc = orgs_of_person(d, r->user->id, &orgs)) != WS_OK) {
		json_decref(noms);
		return rc;
	}
	if ((rc = orgs_person_apps(d, r->user->id, &apps)) != WS_OK) {
		json_decref(orgs);
		json_decref(noms);
		return rc;
	}
	{	/* the newest: the highest id */
		json_t *a;
		size_t i;
		json_int_t best = 0;

		json_array_foreach(apps, i, a) {
			json_int_t id = json_integer_value(json_object_get(a, "id"));

			if (id > best) {
				best = id;
				last = a;
			}
		}
		last = json_is_null(last) ? json_null() : json_pack("{s:O,s:O,s:O}", "id",
		    json_object_get(last, "id"), "kind", json_object_get(last, "kind"),
		    "status", json_object_get(last, "status"));
	}
	json_decref(apps);
	json_object_set_new(v, "organizations", orgs);
	json_object_set_new(v, "application", last);
	json_object_set_new(v, "nominations", noms);
	{	/* the pilot initiatives they take part in (issue 17) */
		json_t *inis = NULL;

		if ((rc = initiatives_of_person(r, r->user->id, &inis)) != WS_OK)
			return rc;
		json_object_set_new(v, "initiatives", inis);
	}
	{	/* their part in constructive dialogues: approved, inputs written */
		json_t *dl = NULL;

		if ((rc = dialogues_of_person(r, r->user->id, &dl)) != WS_OK) {
			json_decref(dl);
			return rc;
		}
		json_object_set_new(v, "dialogues", dl);
	}
	{	/* their courses: cohort, progress, certificate (issue 18) */
		json_t *crs = NULL;

		if ((rc = courses_of_account(r, r->user->id, &crs)) != WS_OK)
			return rc;
		json_object_set_new(v, "courses", crs);
	}
	json_object_set_new(v, "role_name", json_string(view_tr(r->app->views, r->locale,
	    role_labels[r->user->role])));
	return WS_OK;
}

/* ---- the export ------------------------------------------------------ */

static void
set_time(json_t *o, const char *key, int64_t t)
{
	char ts[32];

	if (t <= 0) {
		json_object_set_new(o, key, json_null());
		return;
	}
	time_rfc3339((time_t)t, ts, sizeof ts);
	json_object_set_new(o, key, json_string(ts));
}

/* True when detail names "user ID" (and not "user ID0"). */
static int
names_user(const char *detail, int64_t uid)
{
	char needle[32];
	const char *p = detail;
	size_t n;

	n = (size_t)snprintf(needle, sizeof needle, "user %lld", (long long)uid);
	while (p && (p = strstr(p, needle)) != NULL) {
		if (p[n] < '0' || p[n] > '9')
			return 1;
		p += n;
	}
	return 0;
}

/* Audit rows by uid or naming them.  New reference in *out. */
static enum ws_err
audit_of(struct req *r, int64_t uid, json_t **out)
{
	struct db_q *q = db_start(req_db(r), ST_AUDIT_OF_USER);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, uid);
	db_bind_text(q, 2, arena_printf(r->a, "%%user %lld%%", (long long)uid));
	while ((rc = db_step(q)) == WS_OK) {
		const char *detail = db_col_text(q, AUDIT_OF_USER_C_DETAIL);
		json_t *it;

		if (db_col_int(q, AUDIT_OF_USER_C_USER_ID) != uid && !names_user(detail, uid))
			continue;
		it = json_pack("{s:I,s:s,s:s*,s:s*}", "id",
		    (json_int_t)db_col_int(q, AUDIT_OF_USER_C_ID), "action",
		    db_col_text(q, AUDIT_OF_USER_C_ACTION), "ip", db_col_text(q, AUDIT_OF_USER_C_IP),
		    "detail", detail);
		set_time(it, "at", db_col_int(q, AUDIT_OF_USER_C_AT));
		json_object_set_new(it, "by_them",
		    json_boolean(db_col_int(q, AUDIT_OF_USER_C_USER_ID) == uid));
		json_array_append_new(*out, it);
	}
	db_end(q);
	if (rc != WS_EDONE) {
		json_decref(*out);
		*out = NULL;
		return rc;
	}
	return WS_OK;
}

/* Sessions of uid without their secrets.  New reference in *out. */
static enum ws_err
sessions_of(struct db *d, int64_t uid, json_t **out)
{
	struct db_q *q = db_start(d, ST_SESSION_LIST_USER);
	enum ws_err rc;

	*out = json_array();
	db_bind_int(q, 1, uid);
	while ((rc = db_step(q)) == WS_OK) {
		json_t *it = json_pack("{s:s,s:s*}", "kind",
		    db_col_text(q, SESSION_LIST_USER_C_KIND), "ip",
		    db_col_text(q, SESSION_LIST_USER_C_IP));

		set_time(it, "created_at", db_col_int(q, SESSION_LIST_USER_C_CREATED_AT));
		set_time(it, "seen_at", db_col_int(q, SESSION_LIST_USER_C_SEEN_AT));
		json_array_append_new(*out, it);
	}
	db_end(q);
	if (rc != WS_EDONE) {
		json_decref(*out);
		*out = NULL;
		return rc;
	}
	return WS_OK;
}

/* GET /api/v1/me/export: everything the hub holds about the caller, as
 * one JSON download. */
enum ws_err
h_api_me_export(struct req *r, struct resp *w)
{
	json_t *v, *account, *orgs = NULL, *apps = NULL, *sessions = NULL, *audit = NULL;
	json_t *expert = NULL, *regs = NULL, *capps = NULL, *noms = NULL;
	json_t *inis = NULL, *dapps = NULL, *dinputs = NULL;
	struct db *d = req_db(r);
	const struct user *u = r->user;
	enum ws_err rc;

	if ((rc = orgs_of_person(d, u->id, &orgs)) == WS_OK &&
	    (rc = orgs_person_apps(d, u->id, &apps)) == WS_OK &&
	    (rc = sessions_of(d, u->id, &sessions)) == WS_OK &&
	    (rc = people_export(d, u->id, &expert)) == WS_OK &&
	    (rc = events_export_person(d, u->id, &regs)) == WS_OK &&
	    (rc = calls_export_person(d, u->id, &capps)) == WS_OK &&
	    (rc = meetings_my_nominations(r, &noms)) == WS_OK &&
	    (rc = initiatives_of_person(r, u->id, &inis)) == WS_OK &&
	    (rc = dialogues_export_person(d, u->id, &dapps, &dinputs)) == WS_OK)
		rc = audit_of(r, u->id, &audit);
	if (rc != WS_OK) {
		json_decref(inis);
		json_decref(dapps);
		json_decref(dinputs);
		json_decref(noms);
		json_decref(regs);
		json_decref(capps);
		json_decref(orgs);
		json_decref(apps);
		json_decref(sessions);
		json_decref(expert);
		return rc;
	}
	account = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s*,s:s*,s:s*,s:b}", "id", (json_int_t)u->id,
	    "email", u->email, "name", u->name, "role", role_name(u->role), "status", u->status,
	    "locale", u->locale, "tz", u->tz, "country", u->country, "verified",
	    u->verified_at != 0);
	set_time(account, "created_at", u->created_at);
	set_time(account, "verified_at", u->verified_at);
	v = json_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "account", account,
	    "organizations", orgs, "applications", apps, "sessions", sessions, "audit", audit,
	    "expert", expert, "event_registrations", regs, "call_applications", capps,
	    "nominations", noms);
	/* issue 17: the initiatives they take part in, their applications to
	 * dialogues with the Extended Bureau's decision, their written inputs */
	json_object_set_new(v, "initiatives", inis);
	json_object_set_new(v, "dialogue_applications", dapps);
	json_object_set_new(v, "dialogue_inputs", dinputs);
	{	/* issue 18: their course data, and nothing of anyone else's */
		json_t *crs = NULL;

		if ((rc = courses_export_person(r, u->id, &crs)) != WS_OK) {
			json_decref(v);
			return rc;
		}
		json_object_set_new(v, "courses", crs);
	}
	{	/* the news items they wrote (staff) */
		json_t *news = NULL;

		if ((rc = news_export_person(d, u->id, &news)) != WS_OK) {
			json_decref(v);
			return rc;
		}
		json_object_set_new(v, "news_written", news);
	}
	{	/* the forums: what they wrote */
		json_t *fp = NULL;

		if ((rc = forums_export(d, u->id, &fp)) != WS_OK) {
			json_decref(fp);
			json_decref(v);
			return rc;
		}
		json_object_set_new(v, "forum_posts", fp);
	}
	{	/* their private messages: what they wrote and what they received */
		json_t *msgs = NULL;

		if ((rc = msg_export_person(d, u->id, &msgs)) != WS_OK) {
			json_decref(msgs);
			json_decref(v);
			return rc;
		}
		json_object_set_new(v, "messages", msgs);
	}
	{	/* the partner requests they asked or are a contact person of */
		json_t *ptn = NULL;

		if ((rc = ptn_export_person(d, u->id, &ptn)) != WS_OK) {
			json_decref(ptn);
			json_decref(v);
			return rc;
		}
		json_object_set_new(v, "partner_requests", ptn);
	}
	{	/* the weekly digest: their choice, the digests mailed */
		json_t *dg = NULL;

		if ((rc = digest_export(d, u->id, &dg)) != WS_OK) {
			json_decref(dg);
			json_decref(v);
			return rc;
		}
		json_object_set_new(v, "digest", dg);
	}
	set_time(v, "exported_at", now_s());
	resp_value(w, v);
	resp_header(w, "Content-Disposition", arena_printf(r->a,
	    "attachment; filename=\"whatson-account-%lld.json\"", (long long)u->id));
	return WS_OK;
}

/* ---- deleting the account -------------------------------------------- */

static const struct field delete_fields[] = {
	{"password", FT_PASSWORD, 1, 1, PASSWORD_MAX, NULL, NULL, NULL},
};

/* Adds s to the n addresses in out unless there already (or empty). */
static void
add_address(const char **out, size_t *n, const char *s)
{
	size_t i;

	if (!s || !*s || !strchr(s, '@') || *n >= ADDRESSES_MAX)
		return;
	for (i = 0; i < *n; i++)
		if (strcmp(out[i], s) == 0)
			return;
	out[(*n)++] = s;
}

/* Every address u has had (now, at sign-up, asked for and changed to),
 * from the audit log; copies in a. */
static enum ws_err
addresses_of(struct db *d, struct arena *a, const struct user *u, const char **out, size_t *n)
{
	struct db_q *q = db_start(d, ST_AUDIT_ADDRESSES);
	enum ws_err rc;

	*n = 0;
	add_address(out, n, u->email);
	db_bind_int(q, 1, u->id);
	while ((rc = db_step(q)) == WS_OK)
		add_address(out, n, arena_strdup(a, db_col_text(q, 0)));
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

/* Runs statement s binding (text, text, int) or (text, text, text):
 * the shapes of the forgetting statements. */
static enum ws_err
forget_exec(struct db *d, enum db_stmt s, const char *a, const char *b, const char *c,
    int64_t id)
{
	struct db_q *q = db_start(d, s);
	enum ws_err rc;

	db_bind_text(q, 1, a);
	db_bind_text(q, 2, b);
	if (c)
		db_bind_text(q, 3, c);
	else
		db_bind_int(q, 3, id);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

static enum ws_err
exec_id(struct db *d, enum db_stmt s, int64_t id)
{
	struct db_q *q = db_start(d, s);
	enum ws_err rc;

	db_bind_int(q, 1, id);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

/* Inside the caller's transaction: forgets user u (see the file's head).
 * WS_ECONFLICT when an organization needs them as its admin. */
static enum ws_err
forget(struct req *r, struct db *d, const struct user *u, json_t **blocking)
{
	const char *addr[ADDRESSES_MAX], *anon;
	struct db_q *q;
	size_t n = 0, i;
	enum ws_err rc;

	anon = arena_printf(r->a, "deleted-%lld@invalid", (long long)u->id);
	if ((rc = orgs_forget_person(r, d, u->id, blocking)) != WS_OK)
		return rc;
	/* the expert profile, and what it said in their applications: before
	 * orgs_forget_apps() blanks those, as it reads them */
	if ((rc = people_forget(d, u->id)) != WS_OK)
		return rc;
	if ((rc = addresses_of(d, r->a, u, addr, &n)) != WS_OK)
		return rc;
	for (i = 0; rc == WS_OK && i < n; i++) {
		rc = forget_exec(d, ST_AUDIT_FORGET, addr[i], anon, addr[i], 0);
		if (rc == WS_OK)
			rc = orgs_forget_text(d, u->id, addr[i], anon);
		if (rc == WS_OK)
			rc = orgs_forget_contact(d, addr[i]);
		if (rc == WS_OK) {
			q = db_start(d, ST_OUTBOX_FORGET);
			db_bind_text(q, 1, anon);
			db_bind_int(q, 2, now_s());
			db_bind_text(q, 3, addr[i]);
			rc = db_exec(q, NULL);
			db_end(q);
		}
	}
	/* the name, in the audit lines that concern them (a short one could
	 * be part of other words: then in the applications only) */
	if (rc == WS_OK && strlen(u->name) >= FORGET_IN_TEXT_MIN) {
		q = db_start(d, ST_AUDIT_FORGET_OWN);
		db_bind_text(q, 1, u->name);
		db_bind_text(q, 2, DELETED_NAME);
		db_bind_int(q, 3, u->id);
		db_bind_text(q, 4, arena_printf(r->a, "%%user %lld%%", (long long)u->id));
		rc = db_exec(q, NULL);
		db_end(q);
	}
	if (rc == WS_OK && *u->name)
		rc = orgs_forget_text(d, u->id, u->name, DELETED_NAME);
	if (rc == WS_OK)
		rc = orgs_forget_apps(d, u->id, DELETED_NAME, anon);
	if (rc == WS_OK)
		rc = exec_id(d, ST_SESSION_DELETE_USER, u->id);
	if (rc == WS_OK)
		rc = exec_id(d, ST_TOKEN_DELETE_USER, u->id);
	if (rc == WS_OK)
		rc = exec_id(d, ST_DRAFT_DELETE_USER, u->id);
	/* their answers to events' questions and calls' (a call's files too),
	 * and their calendar's address */
	if (rc == WS_OK)
		rc = exec_id(d, ST_EV_REG_FORGET, u->id);
	if (rc == WS_OK)
		rc = calls_forget_person(d, u->id);
	if (rc == WS_OK)
		rc = courses_forget_person(d, u->id, DELETED_NAME);
	if (rc == WS_OK)	/* their messages stay, from a former member */
		rc = msg_forget_person(d, u->id);
	if (rc == WS_OK)
		rc = exec_id(d, ST_CAL_TOKEN_DELETE_USER, u->id);
	if (rc == WS_OK) {
		q = db_start(d, ST_USER_FORGET);
		db_bind_text(q, 1, anon);
		db_bind_text(q, 2, DELETED_NAME);
		db_bind_int(q, 3, now_s());
		db_bind_int(q, 4, now_s());
		db_bind_int(q, 5, u->id);
		rc = db_exec(q, NULL);
		db_end(q);
	}
	if (rc == WS_OK)
		app_audit(r->app, d, u->id, "account.deleted", r->ip,
		    arena_printf(r->a, "user %lld", (long long)u->id));
	return rc;
}

/* The account page again with msg under the delete form's password. */
static enum ws_err
delete_refused(struct req *r, struct resp *w, const char *msg, enum ws_err why)
{
	json_t *v = json_pack("{s:s,s:s,s:s,s:{}}", "email", r->user->email, "name",
	    r->user->name, "role", role_name(r->user->role), "form");

	if (account_page_fill(r, v) == WS_OK) {
		resp_value(w, v);
		w->tpl = "account";
		w->title = N_("Your account");
	} else {
		json_decref(v);
	}
	json_decref(w->errors);
	/* the page has other password fields; the API's field is "password" */
	w->errors = json_pack("{s:s}", r->api ? "password" : "delete_password",
	    view_tr(r->app->views, r->locale, msg));
	w->detail = msg;
	return why;
}

/* POST /account/delete {password} and DELETE /api/v1/me {"password"}:
 * the account is forgotten at once.  Wrong password: 403 and nothing
 * changes (it counts in the sign-in back-off).  The last admin of an
 * organization with other people: 409. */
enum ws_err
h_account_delete(struct req *r, struct resp *w)
{
	json_t *values = NULL, *errors = NULL, *blocking = NULL;
	struct db *d = req_db(r);
	struct user u = *r->user;
	struct guard g;
	enum ws_err rc;

	if (form_check(r, delete_fields, 1, &values, &errors) != WS_OK) {
		json_decref(values);
		json_decref(errors);
		return delete_refused(r, w, N_("Type your password to delete your account."),
		    WS_EINVAL);
	}
	guard_init(r, &g, u.email, &u);
	if ((rc = guard_enter(r, w, &g)) != WS_OK)
		goto out;	/* 429 when the caller must wait */
	rc = password_check(r->app, u.password_hash, json_string_value(json_object_get(values,
	    "password")));
	if (rc == WS_EFORBIDDEN) {
		app_audit(r->app, d, u.id, "password.check_failed", r->ip, "account.delete");
		rc = delete_refused(r, w, N_("This is not your password. Nothing was deleted."),
		    WS_EFORBIDDEN);
		goto out;
	}
	if (rc != WS_OK)
		goto out;
	guard_pass(r, &g);
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	rc = forget(r, d, &u, &blocking);
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK) {
		db_rollback(d);
		if (rc == WS_ECONFLICT)
			rc = delete_refused(r, w, N_("You are the last administrator of an "
			    "organization that has other people. Make one of them an administrator "
			    "before you delete your account."), WS_ECONFLICT);
		json_decref(blocking);
		goto out;
	}
	log_info("accounts: user %lld deleted their account", (long long)u.id);
	/* Their sessions are gone; this answer also drops the cookie. */
	r->session_hash[0] = '\0';
	if (!r->bearer)
		resp_cookie(r, w, http_session_cookie(r), "", -1);
	r->user = NULL;
	if (r->api) {
		resp_value(w, json_object());
		w->status = 204;
		goto out;
	}
	resp_value(w, json_pack("{s:s,s:s}", "heading", view_tr(r->app->views, r->locale,
	    N_("Your account is deleted")), "message", view_tr(r->app->views, r->locale,
	    N_("Your name and address are no longer on this site. Thank you for taking part."))));
	w->tpl = "notice";
	w->title = N_("Your account is deleted");
out:
	json_decref(values);
	return rc;
}

/* ---- the cleanup job ------------------------------------------------- */

enum ws_err
accounts_cleanup_run(struct job_ctx *c, const struct job *j)
{
	struct app *app = job_arg(c);
	struct db *d = db_acquire(job_pool(c));
	time_t now = now_s();
	int64_t sessions = 0, tokens = 0;
	struct db_q *q;
	enum ws_err rc;
	char res[96];

	(void)j;
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	q = db_start(d, ST_SESSION_PURGE);
	db_bind_int(q, 1, now - app->cfg.idle_timeout);
	db_bind_int(q, 2, now - app->cfg.abs_timeout);
	rc = db_exec(q, &sessions);
	db_end(q);
	if (rc == WS_OK) {
		q = db_start(d, ST_TOKEN_PURGE);
		db_bind_int(q, 1, now);
		rc = db_exec(q, &tokens);
		db_end(q);
	}
	/* the next run, committed with this one's work */
	if (rc == WS_OK)
		rc = job_enqueue(d, ACCOUNTS_CLEANUP_JOB, NULL, now + ACCOUNTS_CLEANUP_EVERY, NULL);
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK) {
		db_rollback(d);
		goto out;
	}
	snprintf(res, sizeof res, "{\"sessions\":%lld,\"tokens\":%lld}", (long long)sessions,
	    (long long)tokens);
	job_result(c, res);
out:
	db_release(job_pool(c), d);
	return rc;
}
