/*
 * pages.c -- the account handlers, for pages and their API twins.
 *
 * Every answer that could tell a stranger whether an address has an account
 * (sign-up with a taken address, forgotten password) is the same either way;
 * the owner of the address learns the truth by mail.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/orgs/orgs.h"
#include "core/log.h"
#include "core/util.h"
#include "db/db.h"
#include "http/form.h"
#include "http/http_int.h"
#include "http/ratelimit.h"
#include "views/view.h"

#define VERIFY_TTL (24 * 3600)
#define RESET_TTL 3600
#define FAILS_PER_HOUR 100

static const struct field signup_fields[] = {
	{"name", FT_LINE, 1, 1, 200, NULL, NULL, NULL},
	{"email", FT_EMAIL, 1, 3, 254, NULL, NULL, NULL},
	{"password", FT_PASSWORD, 1, PASSWORD_MIN, PASSWORD_MAX, NULL, NULL, NULL},
	{"website", FT_LINE, 0, 0, 500, NULL, NULL, NULL},	/* honeypot: people leave it empty */
};

static const struct field signin_fields[] = {
	{"email", FT_EMAIL, 1, 3, 254, NULL, NULL, NULL},
	{"password", FT_PASSWORD, 1, 1, PASSWORD_MAX, NULL, NULL, NULL},
	{"next", FT_LINE, 0, 0, 500, NULL, NULL, NULL},
};

static const struct field email_fields[] = {
	{"email", FT_EMAIL, 1, 3, 254, NULL, NULL, NULL},
};

static const struct field reset_fields[] = {
	{"token", FT_TOKEN, 1, 64, 64, NULL, NULL, NULL},
	{"password", FT_PASSWORD, 1, PASSWORD_MIN, PASSWORD_MAX, NULL, NULL, NULL},
};

static const struct field change_pw_fields[] = {
	{"current_password", FT_PASSWORD, 1, 1, PASSWORD_MAX, NULL, NULL, NULL},
	{"password", FT_PASSWORD, 1, PASSWORD_MIN, PASSWORD_MAX, NULL, NULL, NULL},
};

static const struct field change_email_fields[] = {
	{"current_password", FT_PASSWORD, 1, 1, PASSWORD_MAX, NULL, NULL, NULL},
	{"email", FT_EMAIL, 1, 3, 254, NULL, NULL, NULL},
};

#define NF(a) (sizeof(a) / sizeof((a)[0]))

static const char *
val(json_t *values, const char *name)
{
	return json_string_value(json_object_get(values, name));
}

/* A message page: heading and text (English source, translated). */
static enum ws_err
notice(struct req *r, struct resp *w, const char *title, const char *text, int status)
{
	json_t *v = json_object();

	json_object_set_new(v, "heading", json_string(view_tr(r->app->views, r->locale, title)));
	json_object_set_new(v, "message", json_string(view_tr(r->app->views, r->locale, text)));
	resp_value(w, v);
	w->tpl = "notice";
	w->title = title;
	w->status = status;
	if (status >= 400)
		w->detail = text;	/* for the API's problem+json */
	return WS_OK;
}

/* Mails a link built from base_url, path and token, rendered from template. */
static enum ws_err
mail_link(struct req *r, struct db *d, const char *to, const char *name, const char *tpl,
    const char *subject, const char *path, const char *token)
{
	json_t *ctx = json_object();
	struct buf body;
	enum ws_err rc;

	buf_init(&body, 64 * 1024);
	json_object_set_new(ctx, "name", json_string(name ? name : ""));
	json_object_set_new(ctx, "site", json_string(r->app->cfg.org_name));
	json_object_set_new(ctx, "link", json_string(arena_printf(r->a, "%s%s%s",
	    r->app->cfg.base_url, path, token ? token : "")));
	json_object_set_new(ctx, "base_url", json_string(r->app->cfg.base_url));
	rc = view_render(r->app->views, tpl, ctx, r->locale, &body);
	if (rc == WS_OK)
		rc = app_mail(r->app, d, to, view_tr(r->app->views, r->locale, subject),
		    buf_str(&body));
	buf_free(&body);
	json_decref(ctx);
	return rc;
}

/* ---- sign up --------------------------------------------------------- */

enum ws_err
h_signup_form(struct req *r, struct resp *w)
{
	resp_value(w, json_pack("{s:{}}", "form"));
	w->tpl = "signup";
	w->title = N_("Create an account");
	return WS_OK;
}

/* Shared by the page and POST /api/v1/accounts. */
static enum ws_err
signup(struct req *r, struct resp *w, const char *tpl)
{
	json_t *values = NULL, *errors = NULL;
	const char *problem;
	struct db *d;
	struct user u;
	enum ws_err rc;
	int64_t id;
	char tok[65];

	rc = form_check(r, signup_fields, NF(signup_fields), &values, &errors);
	if (rc == WS_OK && (problem = password_problem(val(values, "password"),
	    val(values, "email"), val(values, "name"))) != NULL) {
		errors = json_object();
		json_object_set_new(errors, "password", json_string(r->api ? problem :
		    view_tr(r->app->views, r->locale, problem)));
		rc = WS_EINVAL;
	}
	if (rc != WS_OK) {
		rc = form_fail(r, w, tpl, "Create an account", values, errors);
		goto out;
	}
	ratelimit_hit(r->app->rl, RL_SIGNUP, r->ip);
	if (*val(values, "website")) {
		log_info("sign-up honeypot filled from %s", r->ip);
		goto done;	/* a bot: answer as if all went well */
	}
	d = req_db(r);
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if (user_by_email(d, r->a, val(values, "email"), &u) == WS_OK) {
		char spent[crypto_pwhash_STRBYTES];

		/* As long as creating an account takes, so timing tells nothing. */
		rc = password_hash(r->app, val(values, "password"), spent);
		if (rc == WS_OK && !u.verified_at) {
			/* Never confirmed (perhaps not even by its owner): a fresh
			 * link, so nobody can hold an address by signing up first. */
			rc = token_issue(d, "verify", u.id, VERIFY_TTL, NULL, tok);
			if (rc == WS_OK)
				rc = mail_link(r, d, u.email, u.name, "mail_verify",
				    N_("Confirm your email address"), "/verify?token=", tok);
		} else if (rc == WS_OK) {
			rc = mail_link(r, d, u.email, u.name, "mail_signup_exists",
			    N_("Someone tried to create an account with your address"), "/signin",
			    NULL);
		}
		app_audit(r->app, d, u.id, "signup.exists", r->ip, NULL);
	} else {
		rc = user_create(r->app, d, val(values, "email"), val(values, "name"),
		    val(values, "password"), "applicant", 0, 0, &id);
		if (rc == WS_OK)
			rc = token_issue(d, "verify", id, VERIFY_TTL, NULL, tok);
		if (rc == WS_OK)
			rc = mail_link(r, d, val(values, "email"), val(values, "name"),
			    "mail_verify", "Confirm your email address", "/verify?token=", tok);
		if (rc == WS_OK)
			app_audit(r->app, d, id, "signup", r->ip, val(values, "email"));
	}
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK) {
		db_rollback(d);
		goto out;
	}
done:
	if (r->api) {
		resp_value(w, json_pack("{s:s}", "status", "verification_sent"));
		w->status = 202;
	} else {
		notice(r, w, N_("Check your email"),
		    N_("We have sent you a link to confirm your address. Open it within 24 hours "
		    "to activate your account."), 200);
	}
	rc = WS_OK;
out:
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_signup(struct req *r, struct resp *w)
{
	return signup(r, w, "signup");
}

enum ws_err
h_api_signup(struct req *r, struct resp *w)
{
	return signup(r, w, NULL);
}

/* GET /verify?token=: confirms a new account or a changed address. */
enum ws_err
h_verify(struct req *r, struct resp *w)
{
	const char *tok = req_query(r, "token"), *data = NULL;
	struct db *d = req_db(r);
	struct db_q *q;
	int64_t uid;
	enum ws_err rc;
	const char *kind = req_query(r, "email") ? "email" : "verify";

	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	rc = token_use(d, r->a, kind, tok, &uid, &data);
	if (rc == WS_ENOTFOUND) {
		db_rollback(d);
		return notice(r, w, N_("This link has expired"),
		    N_("The link was already used or is more than a day old. Sign in, or create "
		    "your account again to get a new link."), 410);
	}
	if (rc == WS_OK && strcmp(kind, "email") == 0) {
		q = db_start(d, ST_USER_SET_EMAIL);
		db_bind_text(q, 1, data);
		db_bind_int(q, 2, now_s());
		db_bind_int(q, 3, now_s());
		db_bind_int(q, 4, uid);
		rc = db_exec(q, NULL);
		db_end(q);
		if (rc == WS_OK)
			app_audit(r->app, d, uid, "email.changed", r->ip, data);
	} else if (rc == WS_OK) {
		q = db_start(d, ST_USER_VERIFY);
		db_bind_int(q, 1, now_s());
		db_bind_int(q, 2, now_s());
		db_bind_int(q, 3, uid);
		rc = db_exec(q, NULL);
		db_end(q);
		if (rc == WS_OK)
			app_audit(r->app, d, uid, "email.verified", r->ip, NULL);
		if (rc == WS_OK)	/* waiting applications enter the staff queue */
			rc = orgs_on_verified(r, d, uid);
	}
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK) {
		db_rollback(d);
		return rc;
	}
	if (r->api) {
		resp_value(w, json_pack("{s:s}", "status", "verified"));
		return WS_OK;
	}
	return notice(r, w, N_("Your email address is confirmed"),
	    N_("Thank you. You can now sign in."), 200);
}

/* ---- sign in --------------------------------------------------------- */

enum ws_err
h_signin_form(struct req *r, struct resp *w)
{
	const char *next = req_query(r, "next");

	resp_value(w, json_pack("{s:{s:s}}", "form", "next", next ? next : ""));
	w->tpl = "signin";
	w->title = N_("Sign in");
	return WS_OK;
}

/* Records a failed sign-in for u; locks the account after FAILS_PER_HOUR in
 * an hour, until a reset link is used. */
static void
count_failure(struct req *r, struct user *u)
{
	struct db *d = req_db(r);
	struct db_q *q;
	time_t now = now_s();
	int64_t start = u->fail_window_start, n = u->fail_count;

	if (now - start > 3600) {
		start = now;
		n = 0;
	}
	n++;
	q = db_start(d, ST_USER_SET_FAILS);
	db_bind_int(q, 1, start);
	db_bind_int(q, 2, n);
	if (n >= FAILS_PER_HOUR || u->locked_at)
		db_bind_int(q, 3, u->locked_at ? u->locked_at : now);
	else
		db_bind_null(q, 3);
	db_bind_int(q, 4, u->id);
	db_exec_logged(q);
	db_end(q);
	if (n == FAILS_PER_HOUR)
		app_audit(r->app, d, u->id, "signin.locked", r->ip, NULL);
}

/* Checks credentials; on success fills u.  Shared by page and API. */
static enum ws_err
authenticate(struct req *r, struct resp *w, json_t *values, struct user *u, const char **why)
{
	const char *email = val(values, "email");
	char *acct = arena_printf(r->a, "acct:%s", email);
	struct db *d = req_db(r);
	enum ws_err rc, found;
	int wait;

	*why = N_("The email or password is not right.");
	if ((wait = ratelimit_check(r->app->rl, RL_SIGNIN, acct)) > 0) {
		w->retry_after = wait;
		w->detail = arena_printf(r->a, "Too many failed attempts for this account. "
		    "Please try again in %d seconds.", wait);
		return WS_ERATE;
	}
	found = user_by_email(d, r->a, email, u);
	if (found != WS_OK && found != WS_ENOTFOUND)
		return found;
	rc = password_check(r->app, found == WS_OK ? u->password_hash : r->app->dummy_hash,
	    val(values, "password"));
	if (rc == WS_EUNAVAIL)
		return rc;
	if (found != WS_OK || rc != WS_OK) {
		ratelimit_hit(r->app->rl, RL_SIGNIN, r->ip);
		ratelimit_hit(r->app->rl, RL_SIGNIN, acct);
		if (found == WS_OK) {
			count_failure(r, u);
			app_audit(r->app, d, u->id, "signin.failed", r->ip, NULL);
		}
		return WS_EFORBIDDEN;
	}
	if (u->locked_at) {
		*why = N_("This account is locked after too many failed sign-ins. "
		    "Use \"Forgot your password?\" to get a reset link.");
		return WS_EFORBIDDEN;
	}
	if (strcmp(u->status, "active") != 0) {
		*why = N_("This account is disabled. Contact the site's staff.");
		return WS_EFORBIDDEN;
	}
	if (!u->verified_at) {
		*why = N_("Please confirm your email address first: open the link we mailed you.");
		return WS_EFORBIDDEN;
	}
	ratelimit_clear(r->app->rl, RL_SIGNIN, acct);
	if (u->fail_count) {
		struct db_q *q = db_start(d, ST_USER_SET_FAILS);

		db_bind_int(q, 1, 0);
		db_bind_int(q, 2, 0);
		db_bind_null(q, 3);
		db_bind_int(q, 4, u->id);
		db_exec_logged(q);
		db_end(q);
	}
	app_audit(r->app, d, u->id, "signin", r->ip, r->api ? "api" : "web");
	return WS_OK;
}

/* A local path to go to after sign-in, never another site. */
static const char *
safe_next(const char *next)
{
	const unsigned char *p;

	if (!next || next[0] != '/' || next[1] == '/')
		return "/";
	/* Browsers drop tabs and newlines and read '\\' as '/': "/\t/x" and
	 * "/\\x" would leave the site. */
	for (p = (const unsigned char *)next; *p; p++)
		if (*p <= 0x20 || *p == 0x7f || *p == '\\')
			return "/";
	return next;
}

enum ws_err
h_signin(struct req *r, struct resp *w)
{
	json_t *values = NULL, *errors = NULL;
	struct user u;
	const char *why;
	enum ws_err rc;

	rc = form_check(r, signin_fields, NF(signin_fields), &values, &errors);
	if (rc != WS_OK) {
		rc = form_fail(r, w, "signin", N_("Sign in"), values, errors);
		goto out;
	}
	rc = authenticate(r, w, values, &u, &why);
	if (rc == WS_EFORBIDDEN) {
		errors = json_pack("{s:s}", "password", view_tr(r->app->views, r->locale, why));
		rc = form_fail(r, w, "signin", N_("Sign in"), values, errors);
		w->status = 403;
		w->detail = why;
		goto out;
	}
	if (rc != WS_OK)
		goto out;
	if ((rc = session_start(r, w, &u, "web", NULL)) != WS_OK)
		goto out;
	resp_redirect(w, arena_strdup(r->a, safe_next(val(values, "next"))));
out:
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_api_session(struct req *r, struct resp *w)
{
	json_t *values = NULL, *errors = NULL;
	struct user u;
	const char *why;
	char tok[65];
	enum ws_err rc;

	rc = form_check(r, signin_fields, NF(signin_fields), &values, &errors);
	if (rc != WS_OK) {
		rc = form_fail(r, w, NULL, NULL, values, errors);
		goto out;
	}
	rc = authenticate(r, w, values, &u, &why);
	if (rc == WS_EFORBIDDEN) {
		w->detail = why;
		rc = WS_EUNAUTH;
		goto out;
	}
	if (rc == WS_OK && (rc = session_start(r, w, &u, "api", tok)) == WS_OK) {
		resp_value(w, json_pack("{s:s,s:i}", "token", tok, "expires_in",
		    r->app->cfg.abs_timeout));
		w->status = 201;
	}
out:
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_api_session_end(struct req *r, struct resp *w)
{
	session_end(r, w, 0);
	w->status = 204;
	resp_value(w, json_object());
	return WS_OK;
}

enum ws_err
h_signout(struct req *r, struct resp *w)
{
	app_audit(r->app, req_db(r), r->user->id, "signout", r->ip, NULL);
	session_end(r, w, 0);
	resp_redirect(w, "/");
	return WS_OK;
}

enum ws_err
h_signout_all(struct req *r, struct resp *w)
{
	app_audit(r->app, req_db(r), r->user->id, "signout.everywhere", r->ip, NULL);
	session_end(r, w, 1);
	resp_redirect(w, "/signin");
	return WS_OK;
}

enum ws_err
h_api_me(struct req *r, struct resp *w)
{
	char ts[32];

	time_rfc3339((time_t)r->user->created_at, ts, sizeof ts);
	resp_value(w, json_pack("{s:I,s:s,s:s,s:s,s:s,s:b,s:s}",
	    "id", (json_int_t)r->user->id, "email", r->user->email, "name", r->user->name,
	    "role", role_name(r->user->role), "locale", r->locale,
	    "verified", r->user->verified_at != 0, "created_at", ts));
	if (r->user->org_id)
		json_object_set_new(w->val, "org_id", json_integer(r->user->org_id));
	/* A state focal point's country: what they are a focal point for. */
	if (r->user->role == ROLE_FOCAL && r->user->country && *r->user->country)
		json_object_set_new(w->val, "country", json_string(r->user->country));
	return WS_OK;
}

/* ---- forgotten password ---------------------------------------------- */

enum ws_err
h_forgot_form(struct req *r, struct resp *w)
{
	resp_value(w, json_pack("{s:{}}", "form"));
	w->tpl = "forgot";
	w->title = N_("Forgotten password");
	return WS_OK;
}

enum ws_err
h_forgot(struct req *r, struct resp *w)
{
	json_t *values = NULL, *errors = NULL;
	struct user u;
	struct db *d;
	char tok[65];
	enum ws_err rc;

	rc = form_check(r, email_fields, NF(email_fields), &values, &errors);
	if (rc != WS_OK) {
		rc = form_fail(r, w, "forgot", N_("Forgotten password"), values, errors);
		goto out;
	}
	d = req_db(r);
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	rc = user_by_email(d, r->a, val(values, "email"), &u);
	if (rc == WS_OK && strcmp(u.status, "active") == 0) {
		rc = token_issue(d, "reset", u.id, RESET_TTL, NULL, tok);
		if (rc == WS_OK)
			rc = mail_link(r, d, u.email, u.name, "mail_reset",
			    "Reset your password", "/reset?token=", tok);
		if (rc == WS_OK)
			app_audit(r->app, d, u.id, "password.reset_requested", r->ip, NULL);
	} else if (rc == WS_ENOTFOUND || rc == WS_OK) {
		rc = WS_OK;
	}
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK) {
		db_rollback(d);
		goto out;
	}
	if (r->api)
		resp_value(w, json_pack("{s:s}", "status", "sent_if_known"));
	else
		notice(r, w, N_("Check your email"),
		    N_("If an account uses this address, we have sent it a link to choose a new "
		    "password. The link works once, within one hour."), 200);
out:
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_reset_form(struct req *r, struct resp *w)
{
	const char *tok = req_query(r, "token");

	resp_value(w, json_pack("{s:{s:s}}", "form", "token", tok ? tok : ""));
	w->tpl = "reset";
	w->title = N_("Choose a new password");
	return WS_OK;
}

enum ws_err
h_reset(struct req *r, struct resp *w)
{
	json_t *values = NULL, *errors = NULL;
	char hash[crypto_pwhash_STRBYTES];
	struct db *d;
	struct db_q *q;
	const char *problem;
	int64_t uid;
	enum ws_err rc;

	rc = form_check(r, reset_fields, NF(reset_fields), &values, &errors);
	if (rc == WS_OK && (problem = password_problem(val(values, "password"), NULL,
	    NULL)) != NULL) {
		errors = json_pack("{s:s}", "password", view_tr(r->app->views, r->locale,
		    problem));
		rc = WS_EINVAL;
	}
	if (rc != WS_OK) {
		rc = form_fail(r, w, "reset", N_("Choose a new password"), values, errors);
		goto out;
	}
	if ((rc = password_hash(r->app, val(values, "password"), hash)) != WS_OK)
		goto out;
	d = req_db(r);
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	rc = token_use(d, r->a, "reset", val(values, "token"), &uid, NULL);
	if (rc == WS_ENOTFOUND) {
		db_rollback(d);
		rc = notice(r, w, N_("This link has expired"),
		    N_("The reset link was already used or is more than an hour old. "
		    "Ask for a new one."), 410);
		goto out;
	}
	if (rc == WS_OK) {
		q = db_start(d, ST_USER_SET_PASSWORD);
		db_bind_text(q, 1, hash);
		db_bind_int(q, 2, now_s());
		db_bind_int(q, 3, uid);
		rc = db_exec(q, NULL);
		db_end(q);
	}
	if (rc == WS_OK) {	/* the link came by mail: the address is confirmed */
		q = db_start(d, ST_USER_VERIFY);
		db_bind_int(q, 1, now_s());
		db_bind_int(q, 2, now_s());
		db_bind_int(q, 3, uid);
		rc = db_exec(q, NULL);
		db_end(q);
	}
	if (rc == WS_OK) {	/* a reset signs out every session */
		q = db_start(d, ST_SESSION_DELETE_USER);
		db_bind_int(q, 1, uid);
		rc = db_exec(q, NULL);
		db_end(q);
	}
	if (rc == WS_OK) {
		tokens_revoke(d, uid);
		app_audit(r->app, d, uid, "password.reset", r->ip, NULL);
	}
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK) {
		db_rollback(d);
		goto out;
	}
	rc = notice(r, w, N_("Your password is changed"),
	    N_("Sign in with your new password."), 200);
out:
	json_decref(values);
	json_decref(errors);
	return rc;
}

/* ---- the signed-in account page -------------------------------------- */

enum ws_err
h_account(struct req *r, struct resp *w)
{
	resp_value(w, json_pack("{s:s,s:s,s:s,s:{}}", "email", r->user->email, "name",
	    r->user->name, "role", role_name(r->user->role), "form"));
	w->tpl = "account";
	w->title = N_("Your account");
	return WS_OK;
}

static enum ws_err
account_fail(struct req *r, struct resp *w, json_t *values, json_t *errors)
{
	enum ws_err rc = form_fail(r, w, "account", N_("Your account"), values, errors);

	json_object_set_new(w->val, "email", json_string(r->user->email));
	json_object_set_new(w->val, "name", json_string(r->user->name));
	return rc;
}

enum ws_err
h_change_password(struct req *r, struct resp *w)
{
	json_t *values = NULL, *errors = NULL;
	char hash[crypto_pwhash_STRBYTES];
	struct db *d = req_db(r);
	struct db_q *q;
	const char *problem;
	enum ws_err rc;

	rc = form_check(r, change_pw_fields, NF(change_pw_fields), &values, &errors);
	if (rc == WS_OK && password_check(r->app, r->user->password_hash,
	    val(values, "current_password")) != WS_OK) {
		errors = json_pack("{s:s}", "current_password",
		    view_tr(r->app->views, r->locale, N_("This is not your current password.")));
		rc = WS_EINVAL;
	}
	if (rc == WS_OK && (problem = password_problem(val(values, "password"),
	    r->user->email, r->user->name)) != NULL) {
		errors = json_pack("{s:s}", "password", view_tr(r->app->views, r->locale,
		    problem));
		rc = WS_EINVAL;
	}
	if (rc != WS_OK) {
		rc = account_fail(r, w, values, errors);
		goto out;
	}
	if ((rc = password_hash(r->app, val(values, "password"), hash)) != WS_OK)
		goto out;
	q = db_start(d, ST_USER_SET_PASSWORD);
	db_bind_text(q, 1, hash);
	db_bind_int(q, 2, now_s());
	db_bind_int(q, 3, r->user->id);
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc != WS_OK)
		goto out;
	app_audit(r->app, d, r->user->id, "password.changed", r->ip, NULL);
	tokens_revoke(d, r->user->id);
	/* Other sessions end; this one is rotated. */
	q = db_start(d, ST_SESSION_DELETE_USER);
	db_bind_int(q, 1, r->user->id);
	db_exec_logged(q);
	db_end(q);
	r->session_hash[0] = '\0';
	if ((rc = session_start(r, w, r->user, "web", NULL)) != WS_OK)
		goto out;
	rc = notice(r, w, N_("Your password is changed"),
	    N_("Your other sessions have been signed out."), 200);
out:
	json_decref(values);
	json_decref(errors);
	return rc;
}

enum ws_err
h_change_email(struct req *r, struct resp *w)
{
	json_t *values = NULL, *errors = NULL;
	struct db *d = req_db(r);
	struct user other;
	char tok[65];
	enum ws_err rc;

	rc = form_check(r, change_email_fields, NF(change_email_fields), &values, &errors);
	if (rc == WS_OK && password_check(r->app, r->user->password_hash,
	    val(values, "current_password")) != WS_OK) {
		errors = json_pack("{s:s}", "current_password",
		    view_tr(r->app->views, r->locale, N_("This is not your current password.")));
		rc = WS_EINVAL;
	}
	if (rc != WS_OK) {
		rc = account_fail(r, w, values, errors);
		goto out;
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if (user_by_email(d, r->a, val(values, "email"), &other) == WS_OK) {
		/* Taken: tell nobody here; the owner is not told either. */
		rc = WS_OK;
	} else {
		rc = token_issue(d, "email", r->user->id, VERIFY_TTL, val(values, "email"), tok);
		if (rc == WS_OK)
			rc = mail_link(r, d, val(values, "email"), r->user->name, "mail_verify",
			    "Confirm your new email address", "/verify?email=1&token=", tok);
		if (rc == WS_OK)
			app_audit(r->app, d, r->user->id, "email.change_requested", r->ip,
			    val(values, "email"));
	}
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK) {
		db_rollback(d);
		goto out;
	}
	rc = notice(r, w, N_("Check your email"),
	    N_("We have sent a link to your new address. Your address changes when you open it."),
	    200);
out:
	json_decref(values);
	json_decref(errors);
	return rc;
}
