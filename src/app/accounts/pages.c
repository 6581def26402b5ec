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
#include "core/tz.h"
#include "core/util.h"
#include "db/db.h"
#include "http/form.h"
#include "http/ratelimit.h"
#include "views/view.h"

#define RESET_TTL 3600

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

/* A zone of the tz database (tz_get loads it: a name of the right shape
 * that names no zone is refused too). */
static int
zone_known(const char *s)
{
	const struct tz *z;

	return tz_get(s, &z) == WS_OK;
}

static const struct field tz_fields[] = {
	{"tz", FT_CHOICE, 0, 0, TZ_NAME_MAX, NULL, zone_known,
	    N_("Choose a time zone of the tz database, such as Europe/Vienna, or leave it empty.")},
};

#define NF(a) (sizeof(a) / sizeof((a)[0]))

static const char *
val(json_t *values, const char *name)
{
	return json_string_value(json_object_get(values, name));
}

/* A message page: heading and text (English source, translated).  Returns
 * why: WS_OK for news, an error (WS_EGONE: an old link) for a refusal, which
 * the page then explains. */
static enum ws_err
notice(struct req *r, struct resp *w, const char *title, const char *text, enum ws_err why)
{
	json_t *v = json_object();

	json_object_set_new(v, "heading", json_string(view_tr(r->app->views, r->locale, title)));
	json_object_set_new(v, "message", json_string(view_tr(r->app->views, r->locale, text)));
	resp_value(w, v);
	w->tpl = "notice";
	w->title = title;
	if (why != WS_OK)
		w->detail = text;	/* for the API's problem+json */
	return why;
}

/* Mails a link built from base_url, path and token, rendered from template
 * in lang (app_mail_lang: the recipient's). */
static enum ws_err
mail_link(struct req *r, struct db *d, const char *to, const char *name, const char *lang,
    const char *tpl, const char *subject, const char *path, const char *token)
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
	rc = view_render(r->app->views, tpl, ctx, lang, &body);
	if (rc == WS_OK)
		rc = app_mail(r->app, d, to, view_tr(r->app->views, lang, subject),
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
	char hash[crypto_pwhash_STRBYTES];
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
	/* Every path hashes once, so timing tells nothing. */
	if ((rc = password_hash(r->app, val(values, "password"), hash)) != WS_OK)
		goto out;
	d = req_db(r);
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	if (user_by_email(d, r->a, val(values, "email"), &u) == WS_OK) {
		if (!u.verified_at) {
			/* Never confirmed, perhaps not by its owner: the password
			 * counts only once the link sent now proves the address
			 * (POST /verify), and that voids what came before. */
			rc = user_set_password(d, u.id, hash);
			if (rc == WS_OK)
				rc = verify_token_issue(d, u.id, hash, val(values, "name"), 0,
				    tok);
			if (rc == WS_OK)
				rc = mail_link(r, d, u.email, u.name,
				    app_mail_lang(r->app, u.locale, r->locale), "mail_verify",
				    N_("Confirm your email address"), "/verify?token=", tok);
		} else {
			/* the account's owner, not whoever typed the address */
			rc = mail_link(r, d, u.email, u.name,
			    app_mail_lang(r->app, u.locale, NULL), "mail_signup_exists",
			    N_("Someone tried to create an account with your address"), "/signin",
			    NULL);
		}
		app_audit(r->app, d, u.id, "signup.exists", r->ip, NULL);
	} else {
		rc = user_create_hashed(d, val(values, "email"), val(values, "name"), hash,
		    "applicant", 0, 0, &id);
		if (rc == WS_OK)	/* the language the account is made in */
			rc = user_set_locale(d, id, r->locale);
		if (rc == WS_OK)
			rc = verify_token_issue(d, id, hash, val(values, "name"), 0, tok);
		if (rc == WS_OK)
			rc = mail_link(r, d, val(values, "email"), val(values, "name"), r->locale,
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
		    "to activate your account."), WS_OK);
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

static enum ws_err
link_expired(struct req *r, struct resp *w)
{
	return notice(r, w, N_("This link has expired"),
	    N_("The link was already used or is more than a day old. Sign in, or create "
	    "your account again to get a new link."), WS_EGONE);
}

/* Confirms a changed address (the account's owner asked for it signed in,
 * and typed the account's password on the link's form). */
static enum ws_err
verify_new_address(struct req *r, struct resp *w, const char *tok)
{
	const char *data = NULL;
	struct db *d = req_db(r);
	struct db_q *q;
	int64_t uid;
	enum ws_err rc;

	if ((rc = db_begin(d)) != WS_OK)
		return rc;
	rc = token_use(d, r->a, "email", tok, &uid, &data);
	if (rc == WS_ENOTFOUND) {
		db_rollback(d);
		return link_expired(r, w);
	}
	if (rc == WS_OK) {
		q = db_start(d, ST_USER_SET_EMAIL);
		db_bind_text(q, 1, data);
		db_bind_int(q, 2, now_s());
		db_bind_int(q, 3, now_s());
		db_bind_int(q, 4, uid);
		rc = db_exec(q, NULL);
		db_end(q);
	}
	if (rc == WS_OK)
		app_audit(r->app, d, uid, "email.changed", r->ip, data);
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
	    N_("Thank you. You can now sign in."), WS_OK);
}

/* The confirmation form: the link's token and, to finish, the password
 * chosen with it. */
static enum ws_err
verify_form(struct req *r, struct resp *w, const char *tok, json_t *values, json_t *errors)
{
	enum ws_err rc = WS_OK;

	if (errors)
		rc = form_fail(r, w, "verify", N_("Confirm your email address"), values, errors);
	else
		resp_value(w, json_pack("{s:s,s:{s:s}}", "status", "password_required", "form",
		    "token", tok));
	w->tpl = "verify";
	w->title = N_("Confirm your email address");
	return rc;
}

/* GET /verify?token=: confirms a new account (or an application sent
 * signed out) once the password chosen with the link is typed. Opening the
 * link changes nothing, so mail scanners that follow links cannot use it. */
enum ws_err
h_verify(struct req *r, struct resp *w)
{
	const char *tok = req_query(r, "token"), *data;
	int64_t uid;
	enum ws_err rc;

	rc = token_peek(req_db(r), r->a, req_query(r, "email") ? "email" : "verify", tok, &uid,
	    &data);
	if (rc == WS_ENOTFOUND)
		return link_expired(r, w);
	if (rc != WS_OK)
		return rc;
	if (req_query(r, "email")) {	/* a changed address: the account's password */
		verify_form(r, w, tok, NULL, NULL);
		json_object_set_new(json_object_get(w->val, "form"), "email", json_string("1"));
		return WS_OK;
	}
	return verify_form(r, w, tok, NULL, NULL);
}

static const struct field verify_fields[] = {
	{"token", FT_TOKEN, 1, 64, 64, NULL, NULL, NULL},
	{"password", FT_PASSWORD, 1, 1, PASSWORD_MAX, NULL, NULL, NULL},
	{"email", FT_LINE, 0, 0, 5, NULL, NULL, NULL},	/* "1": a changed address */
};

/*
 * POST /verify, POST /api/v1/verify {token, password}: whoever opens the
 * mailed link and knows the password chosen with it proves control of the
 * address.  An account never verified before then takes that password, and
 * every session and link made before is void (account_claim): someone who
 * signed up first with another person's address and a password of their
 * own is left with nothing.  The application sent with the link enters the
 * staff queue; on a new account, any other application that waited
 * unconfirmed is dropped.  A page signs the person in.
 */
enum ws_err
h_verify_confirm(struct req *r, struct resp *w)
{
	json_t *values = NULL, *errors = NULL, *bound = NULL;
	const char *tok, *data = NULL, *cred, *name;
	struct db *d = req_db(r);
	struct user u;
	int64_t uid, app_id = 0;
	int claimed = 0;
	enum ws_err rc;
	json_error_t jerr;

	rc = form_check(r, verify_fields, NF(verify_fields), &values, &errors);
	if (rc != WS_OK) {
		rc = verify_form(r, w, "", values, errors);
		goto out;
	}
	tok = val(values, "token");
	if (*val(values, "email")) {
		/* A changed address: the link proves the new mailbox, the
		 * account's own password proves the person (a scanner or a
		 * stranger opening the link changes nothing). */
		rc = token_peek(d, r->a, "email", tok, &uid, &data);
		if (rc == WS_OK)
			rc = user_by_id(d, r->a, uid, &u);
		if (rc == WS_ENOTFOUND) {
			rc = link_expired(r, w);
			goto out;
		}
		if (rc == WS_OK && (rc = password_check(r->app, u.password_hash,
		    val(values, "password"))) == WS_EFORBIDDEN) {
			ratelimit_hit(r->app->rl, RL_SIGNIN, r->ip);
			errors = json_pack("{s:s}", "password", view_tr(r->app->views, r->locale,
			    N_("This is not the password of the account that asked for this link.")));
			(void)verify_form(r, w, tok, values, errors);
			rc = WS_EFORBIDDEN;	/* the form again, refused */
			goto out;
		}
		if (rc == WS_OK)
			rc = verify_new_address(r, w, tok);
		goto out;
	}
	rc = token_peek(d, r->a, "verify", tok, &uid, &data);
	if (rc == WS_OK)
		rc = user_by_id(d, r->a, uid, &u);
	if (rc == WS_ENOTFOUND) {
		rc = link_expired(r, w);
		goto out;
	}
	if (rc != WS_OK)
		goto out;
	bound = data ? json_loads(data, 0, &jerr) : NULL;
	cred = json_string_value(json_object_get(bound, "password_hash"));
	app_id = json_integer_value(json_object_get(bound, "application_id"));
	if (!cred)	/* a link sent before links were bound to a password */
		cred = u.password_hash;
	rc = password_check(r->app, cred, val(values, "password"));
	if (rc == WS_EFORBIDDEN) {
		ratelimit_hit(r->app->rl, RL_SIGNIN, r->ip);
		app_audit(r->app, d, uid, "verify.wrong_password", r->ip, NULL);
		errors = json_pack("{s:s}", "password", view_tr(r->app->views, r->locale,
		    N_("This is not the password chosen when this link was sent. If you did not "
		    "ask for this link, ignore it; otherwise use the link of your latest "
		    "request.")));
		(void)verify_form(r, w, tok, values, errors);
		rc = WS_EFORBIDDEN;	/* the form again, refused */
		goto out;
	}
	if (rc != WS_OK)
		goto out;
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	rc = token_use(d, r->a, "verify", tok, &uid, NULL);
	if (rc == WS_OK && !u.verified_at) {
		claimed = 1;
		rc = account_claim(d, uid, cred);
		if (rc == WS_OK && (name = json_string_value(json_object_get(bound, "name"))) &&
		    *name && (rc = user_set_name(d, uid, name)) == WS_OK)
			u.name = arena_strdup(r->a, name);
		if (rc == WS_OK)
			app_audit(r->app, d, uid, "email.verified", r->ip, NULL);
	}
	if (rc == WS_OK)	/* the application sent with the link enters the queue */
		rc = orgs_on_verified(r, d, uid, app_id, claimed);
	if (rc == WS_OK)
		rc = db_commit(d);
	if (rc != WS_OK) {
		db_rollback(d);
		if (rc == WS_ENOTFOUND)	/* used meanwhile */
			rc = link_expired(r, w);
		goto out;
	}
	if (r->api) {
		resp_value(w, json_pack("{s:s}", "status", "verified"));
		goto out;
	}
	if (strcmp(u.status, "active") == 0) {
		u.verified_at = now_s();
		if ((rc = session_start(r, w, &u, "web", NULL)) != WS_OK)
			goto out;
		app_audit(r->app, d, uid, "signin", r->ip, "verify");
		r->user = arena_alloc(r->a, sizeof *r->user);	/* this page shows it */
		*r->user = u;
	}
	rc = notice(r, w, N_("Your email address is confirmed"), app_id ?
	    N_("Thank you. You are signed in, and your application is with our staff.") :
	    N_("Thank you. You are signed in."), WS_OK);
out:
	json_decref(values);
	json_decref(errors);
	json_decref(bound);
	return rc;
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

/* Checks credentials; on success fills u.  Shared by page and API.  Every
 * attempt counts in the back-off (backoff.c) before the password is
 * checked; answers are the same whether or not an account uses the
 * address.  Nothing locks an account (the lock-out counted in users before
 * migration 6 is ignored). */
static enum ws_err
authenticate(struct req *r, struct resp *w, json_t *values, struct user *u, const char **why)
{
	const char *email = val(values, "email");
	struct db *d = req_db(r);
	struct guard g;
	enum ws_err rc, found;

	*why = N_("The email or password is not right.");
	found = user_by_email(d, r->a, email, u);
	if (found != WS_OK && found != WS_ENOTFOUND)
		return found;
	guard_init(r, &g, email, found == WS_OK ? u : NULL);
	if ((rc = guard_enter(r, w, &g)) != WS_OK)
		return rc;
	rc = password_check(r->app, found == WS_OK ? u->password_hash : r->app->dummy_hash,
	    val(values, "password"));
	if (rc == WS_EUNAVAIL)
		return rc;
	if (found != WS_OK || rc != WS_OK) {
		if (found == WS_OK)
			app_audit(r->app, d, u->id, "signin.failed", r->ip, NULL);
		return WS_EFORBIDDEN;
	}
	guard_pass(r, &g);
	if (strcmp(u->status, "active") != 0) {
		*why = N_("This account is disabled. Contact the site's staff.");
		return WS_EFORBIDDEN;
	}
	if (!u->verified_at) {
		*why = N_("Please confirm your email address first: open the link we mailed you.");
		return WS_EFORBIDDEN;
	}
	app_audit(r->app, d, u->id, "signin", r->ip, r->api ? "api" : "web");
	return WS_OK;
}

/* A local path to go to after sign-in, never another site, percent-encoded
 * for the Location header (next arrives decoded). */
static const char *
safe_next(struct req *r, const char *next)
{
	const unsigned char *p;

	if (!next || next[0] != '/' || next[1] == '/')
		return "/";
	/* Browsers drop tabs and newlines and read '\\' as '/': "/\t/x" and
	 * "/\\x" would leave the site. */
	for (p = (const unsigned char *)next; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '\\')
			return "/";
	/* Delimiters of a path and query stay; a space, '%', '#', quotes and
	 * bytes of UTF-8 are escaped, so the browser asks for what was meant. */
	return arena_urlencode(r->a, next, "/?&=:@!$'()*+,;");
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
		(void)form_fail(r, w, "signin", N_("Sign in"), values, errors);
		rc = WS_EFORBIDDEN;	/* the form again, refused */
		w->detail = why;
		goto out;
	}
	if (rc != WS_OK)
		goto out;
	device_remember(r, w, &u);	/* this browser gets its own back-off */
	if ((rc = session_start(r, w, &u, "web", NULL)) != WS_OK)
		goto out;
	resp_redirect(w, safe_next(r, val(values, "next")));
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
	json_t *orgs = NULL, *o;
	enum ws_err rc;
	char ts[32];
	size_t i;

	time_rfc3339((time_t)r->user->created_at, ts, sizeof ts);
	resp_value(w, json_pack("{s:I,s:s,s:s,s:s,s:s,s:b,s:s}",
	    "id", (json_int_t)r->user->id, "email", r->user->email, "name", r->user->name,
	    "role", role_name(r->user->role), "locale", r->locale,
	    "verified", r->user->verified_at != 0, "created_at", ts));
	if (r->user->org_id)
		json_object_set_new(w->val, "org_id", json_integer(r->user->org_id));
	/* A state focal point's country is what they are a focal point for;
	 * null when none is stored, as tz. */
	json_object_set_new(w->val, "country", r->user->country && *r->user->country ?
	    json_string(r->user->country) : json_null());
	json_object_set_new(w->val, "tz", r->user->tz && *r->user->tz ?
	    json_string(r->user->tz) : json_null());
	if ((rc = orgs_of_person(req_db(r), r->user->id, &orgs)) != WS_OK)
		return rc;
	json_array_foreach(orgs, i, o)	/* {id, name, admin} */
		json_object_del(o, "status");
	json_object_set_new(w->val, "organizations", orgs);
	return WS_OK;
}

enum ws_err
h_change_tz(struct req *r, struct resp *w)
{
	json_t *values = NULL, *errors = NULL;
	enum ws_err rc;

	/* the API's null is "none", as GET /api/v1/me gives it */
	if (json_is_null(json_object_get(r->in, "tz")))
		json_object_set_new(r->in, "tz", json_string(""));
	if ((rc = form_check(r, tz_fields, NF(tz_fields), &values, &errors)) != WS_OK) {
		rc = form_fail(r, w, "account", N_("Your account"), values, errors);
		if (!r->api) {
			json_object_set_new(w->val, "email", json_string(r->user->email));
			json_object_set_new(w->val, "name", json_string(r->user->name));
			if (account_page_fill(r, w->val) != WS_OK)
				log_warn("account page: organizations not shown");
		}
		goto out;
	}
	if ((rc = user_set_tz(req_db(r), r->user->id, val(values, "tz"))) != WS_OK)
		goto out;
	app_audit(r->app, req_db(r), r->user->id, "account.timezone", r->ip, val(values, "tz"));
	if (r->api) {
		r->user->tz = arena_strdup(r->a, val(values, "tz"));
		rc = h_api_me(r, w);
	} else {
		resp_redirect(w, "/account");
	}
out:
	json_decref(values);
	json_decref(errors);
	return rc;
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
	/*
	 * Both answers do the same work, so the time taken tells nothing: a
	 * mail rendered and queued, an audit row, one commit.  An active
	 * account gets its reset link; any other address a note that no
	 * active account uses it.  Only the reset token's row differs.
	 */
	d = req_db(r);
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	rc = user_by_email(d, r->a, val(values, "email"), &u);
	if (rc == WS_OK && strcmp(u.status, "active") == 0) {
		rc = token_issue(d, "reset", u.id, RESET_TTL, NULL, tok);
		if (rc == WS_OK)
			rc = mail_link(r, d, u.email, u.name,
			    app_mail_lang(r->app, u.locale, NULL), "mail_reset",
			    "Reset your password", "/reset?token=", tok);
		if (rc == WS_OK)
			app_audit(r->app, d, u.id, "password.reset_requested", r->ip, NULL);
	} else if (rc == WS_ENOTFOUND || rc == WS_OK) {
		random_hex(tok, 32);	/* as token_issue does */
		/* No account says whose language: the one it was asked in. */
		rc = mail_link(r, d, val(values, "email"), "", r->locale, "mail_reset_unknown",
		    N_("Password reset asked for an address without an account"), "/forgot",
		    NULL);
		if (rc == WS_OK)
			app_audit(r->app, d, 0, "password.reset_unknown", r->ip, NULL);
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
		    "password. The link works once, within one hour."), WS_OK);
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
	struct user u;
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
		    "Ask for a new one."), WS_EGONE);
		goto out;
	}
	if (rc == WS_OK && (rc = user_by_id(d, r->a, uid, &u)) == WS_OK && !u.verified_at) {
		/* The link came by mail: the address is proved, and whatever was
		 * set before (another sign-up's links) is void. */
		rc = account_claim(d, uid, hash);
		if (rc == WS_OK)
			app_audit(r->app, d, uid, "email.verified", r->ip, "reset");
	} else if (rc == WS_OK) {
		rc = user_set_password(d, uid, hash);
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
	/* The new password ends every browser's own bucket; this browser,
	 * which the mailed link came to, gets one again. */
	u.password_hash = arena_strdup(r->a, hash);
	device_remember(r, w, &u);
	rc = notice(r, w, N_("Your password is changed"),
	    N_("Sign in with your new password."), WS_OK);
out:
	json_decref(values);
	json_decref(errors);
	return rc;
}

/* ---- the signed-in account page -------------------------------------- */

enum ws_err
h_account(struct req *r, struct resp *w)
{
	const char *tz = r->user->tz ? r->user->tz : "";
	json_t *v = json_pack("{s:s,s:s,s:s,s:{s:s}}", "email", r->user->email, "name",
	    r->user->name, "role", role_name(r->user->role), "form", "tz", tz);
	enum ws_err rc = account_page_fill(r, v);

	if (rc != WS_OK) {
		json_decref(v);
		return rc;
	}
	json_object_set_new(v, "tz", *tz ? json_string(tz) : json_null());
	if (!r->api && r->user->role == ROLE_FOCAL && r->user->country && *r->user->country)
		json_object_set_new(v, "country_view", json_pack("{s:s,s:s}", "code",
		    r->user->country, "name", country_name(r->user->country, r->locale)));
	resp_value(w, v);
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

/* The account page's check of the current password, counted in the same
 * back-off as sign-in: a stolen session cannot be used to guess it.
 * WS_OK; WS_EINVAL with *errors set when it is wrong; WS_ERATE (429) when
 * the caller must wait; WS_EUNAVAIL or WS_EDB. */
static enum ws_err
current_password_ok(struct req *r, struct resp *w, json_t *values, json_t **errors)
{
	struct guard g;
	enum ws_err rc;

	guard_init(r, &g, r->user->email, r->user);
	if ((rc = guard_enter(r, w, &g)) != WS_OK)
		return rc;
	rc = password_check(r->app, r->user->password_hash, val(values, "current_password"));
	if (rc == WS_EFORBIDDEN) {
		app_audit(r->app, req_db(r), r->user->id, "password.check_failed", r->ip, NULL);
		*errors = json_pack("{s:s}", "current_password",
		    view_tr(r->app->views, r->locale, N_("This is not your current password.")));
		return WS_EINVAL;
	}
	if (rc == WS_OK)
		guard_pass(r, &g);
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
	if (rc == WS_OK && (rc = current_password_ok(r, w, values, &errors)) != WS_OK &&
	    rc != WS_EINVAL)
		goto out;	/* 429 when the caller must wait */
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
	{	/* this browser keeps a bucket of its own; others' lapse */
		struct user now = *r->user;

		now.password_hash = arena_strdup(r->a, hash);
		device_remember(r, w, &now);
	}
	if ((rc = session_start(r, w, r->user, "web", NULL)) != WS_OK)
		goto out;
	rc = notice(r, w, N_("Your password is changed"),
	    N_("Your other sessions have been signed out."), WS_OK);
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
	if (rc == WS_OK && (rc = current_password_ok(r, w, values, &errors)) != WS_OK &&
	    rc != WS_EINVAL)
		goto out;	/* 429 when the caller must wait */
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
			rc = mail_link(r, d, val(values, "email"), r->user->name,
			    app_mail_lang(r->app, r->user->locale, r->locale), "mail_verify",
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
	    WS_OK);
out:
	json_decref(values);
	json_decref(errors);
	return rc;
}
