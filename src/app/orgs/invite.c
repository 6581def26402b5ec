/*
 * invite.c -- an organization's admins invite colleagues by email.  The link
 * in the invitation (single use, 7 days) lets the colleague join the
 * organization: signed in, with one click; without an account, by choosing a
 * name and password (the link proves the address, so the account starts
 * verified); with an account but signed out, by signing in first.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/orgs/orgs_int.h"
#include "core/log.h"
#include "core/util.h"
#include "db/db.h"
#include "views/view.h"

#define INVITE_TTL (7 * 24 * 3600)

static const struct field invite_fields[] = {
	{"email", FT_EMAIL, 1, 3, 254, NULL, NULL, NULL},
	{"name", FT_LINE, 0, 0, 200, NULL, NULL, NULL},
};

/* POST /organizations/{id}/invite */
enum ws_err
h_org_invite(struct req *r, struct resp *w)
{
	json_t *org, *values = NULL, *errors = NULL, *ctx;
	struct db *d = req_db(r);
	struct buf body;
	char tok[65];
	char *data;
	const char *lang;
	int64_t org_id;
	enum ws_err rc;

	if (parse_int(r->params[0], 1, INT64_MAX, &org_id) != WS_OK)
		return WS_ENOTFOUND;
	if ((rc = org_load(d, org_id, &org)) != WS_OK)
		return rc;
	if ((rc = org_may_manage(r, org_id, org)) != WS_OK) {
		json_decref(org);
		return rc;
	}
	if (form_check(r, invite_fields, 2, &values, &errors) != WS_OK) {
		json_decref(org);
		json_decref(values);
		w->errors = errors;
		w->detail = N_("Enter the colleague's email address.");
		return WS_EINVAL;
	}
	ctx = json_pack("{s:I,s:O,s:O}", "org_id", (json_int_t)org_id, "email",
	    json_object_get(values, "email"), "name", json_object_get(values, "name"));
	data = json_dumps(ctx, JSON_COMPACT);
	json_decref(ctx);
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	rc = token_issue(d, "invite", r->user->id, INVITE_TTL, data, tok);
	ctx = json_pack("{s:O,s:s,s:O,s:s,s:s}", "name", json_object_get(values, "name"),
	    "who", r->user->name, "org", json_object_get(org, "name"), "site",
	    r->app->cfg.org_name, "link", arena_printf(r->a, "%s/invitations/accept?token=%s",
	    r->app->cfg.base_url, tok));
	buf_init(&body, 64 * 1024);
	{	/* the invitee's language when they have an account, else the hub's */
		struct user inv;

		lang = app_mail_lang(r->app, user_by_email(d, r->a, json_string_value(
		    json_object_get(values, "email")), &inv) == WS_OK ? inv.locale : NULL, NULL);
	}
	if (rc == WS_OK)
		rc = view_render(r->app->views, "mail_invite", ctx, lang, &body);
	if (rc == WS_OK)
		rc = app_mail(r->app, d, json_string_value(json_object_get(values, "email")),
		    view_tr(r->app->views, lang, N_("An invitation to join your colleagues")),
		    buf_str(&body));
	buf_free(&body);
	json_decref(ctx);
	if (rc == WS_OK) {
		app_audit(r->app, d, r->user->id, "organization.invite", r->ip,
		    arena_printf(r->a, "organization %lld: %s", (long long)org_id,
		    json_string_value(json_object_get(values, "email"))));
		rc = db_commit(d);
	}
	if (rc != WS_OK)
		db_rollback(d);
out:
	free(data);
	json_decref(values);
	json_decref(org);
	if (rc != WS_OK)
		return rc;
	resp_value(w, json_pack("{s:s}", "status", "invited"));
	resp_redirect(w, arena_printf(r->a, "/organizations/%lld?invited=1", (long long)org_id));
	return WS_OK;
}

/* WS_OK when inviter may still let people into org_id: an active account
 * that is staff or one of its admins; WS_ENOTFOUND when not (they left,
 * stepped down or were disabled since: their invitations lapse). */
static enum ws_err
inviter_may(struct req *r, struct db *d, int64_t inviter, int64_t org_id)
{
	struct user by;
	enum ws_err rc;
	int admin;

	if ((rc = user_by_id(d, r->a, inviter, &by)) != WS_OK)
		return rc;
	if (strcmp(by.status, "active") != 0)
		return WS_ENOTFOUND;
	if (by.role >= ROLE_STAFF)
		return WS_OK;
	if ((rc = org_member_is_admin(d, org_id, inviter, &admin)) != WS_OK)
		return rc;	/* WS_ENOTFOUND: no longer one of its people */
	return admin ? WS_OK : WS_ENOTFOUND;
}

enum ws_err
org_invites_cancel(struct db *d, int64_t org_id, int64_t uid)
{
	struct db_q *q = db_start(d, ST_INVITES_OF);
	json_t *hashes = json_array(), *h;
	json_error_t err;
	enum ws_err rc;
	size_t i;

	/* Read them all first: one statement at a time on a connection. */
	db_bind_int(q, 1, uid);
	db_bind_int(q, 2, now_s());
	while ((rc = db_step(q)) == WS_OK) {
		json_t *data = json_loads(db_col_text(q, INVITES_OF_C_DATA), 0, &err);

		if (json_integer_value(json_object_get(data, "org_id")) == org_id)
			json_array_append_new(hashes,
			    json_string(db_col_text(q, INVITES_OF_C_HASH)));
		json_decref(data);
	}
	db_end(q);
	rc = rc == WS_EDONE ? WS_OK : rc;
	json_array_foreach(hashes, i, h) {
		if (rc != WS_OK)
			break;
		q = db_start(d, ST_TOKEN_CANCEL);
		db_bind_int(q, 1, now_s());
		db_bind_text(q, 2, json_string_value(h));
		rc = db_exec(q, NULL);
		db_end(q);
	}
	if (rc == WS_OK && json_array_size(hashes))
		log_info("cancelled %zu invitations of user %lld to organization %lld",
		    json_array_size(hashes), (long long)uid, (long long)org_id);
	json_decref(hashes);
	return rc;
}

/* Reads an unused, unexpired invitation without using it; one whose sender
 * may no longer invite is as good as expired. */
static enum ws_err
invitation(struct req *r, const char *tok, json_t **data, json_t **org)
{
	char hash[65];
	struct db_q *q;
	json_error_t err;
	enum ws_err rc;
	int64_t inviter = 0;

	*data = NULL;
	if (!tok || strlen(tok) != 64)
		return WS_ENOTFOUND;
	token_hash(tok, hash);
	q = db_start(req_db(r), ST_TOKEN_GET);
	db_bind_text(q, 1, hash);
	db_bind_text(q, 2, "invite");
	rc = db_step(q);
	if (rc == WS_OK && db_col_null(q, TOKEN_GET_C_USED_AT) &&
	    db_col_int(q, TOKEN_GET_C_EXPIRES_AT) > now_s()) {
		*data = json_loads(db_col_text(q, TOKEN_GET_C_DATA), 0, &err);
		inviter = db_col_int(q, TOKEN_GET_C_USER_ID);
	}
	db_end(q);
	if (!*data)
		return rc == WS_OK || rc == WS_EDONE ? WS_ENOTFOUND : rc;
	rc = org_load(req_db(r), json_integer_value(json_object_get(*data, "org_id")), org);
	if (rc == WS_OK && strcmp(json_string_value(json_object_get(*org, "status")),
	    "approved") != 0) {
		json_decref(*org);
		rc = WS_ENOTFOUND;	/* suspended since: the invitation lapses */
	} else if (rc == WS_OK && (rc = inviter_may(r, req_db(r), inviter,
	    json_integer_value(json_object_get(*data, "org_id")))) != WS_OK) {
		json_decref(*org);
	}
	if (rc != WS_OK) {
		json_decref(*data);
		*data = NULL;
	}
	return rc;
}

static enum ws_err
expired(struct req *r, struct resp *w)
{
	resp_value(w, json_pack("{s:s,s:s}", "heading", view_tr(r->app->views, r->locale,
	    N_("This link has expired")), "message", view_tr(r->app->views, r->locale,
	    N_("The invitation was already used or is more than a week old. Ask your colleague "
	    "for a new one."))));
	w->tpl = "notice";
	w->title = N_("This link has expired");
	return WS_EGONE;
}

static json_t *
accept_page(struct req *r, const char *tok, json_t *data, json_t *org, int has_account)
{
	return json_pack("{s:s,s:O,s:O,s:o,s:b,s:b}", "token", tok, "org", json_object_get(org,
	    "name"), "email", json_object_get(data, "email"), "form", json_object_get(data,
	    "name") ? json_pack("{s:O}", "name", json_object_get(data, "name")) : json_object(),
	    "signed_in", r->user != NULL, "has_account", has_account);
}

/* GET /invitations/accept?token= */
enum ws_err
h_invite_form(struct req *r, struct resp *w)
{
	const char *tok = req_query(r, "token");
	json_t *data, *org;
	struct user u;
	int has;

	if (invitation(r, tok, &data, &org) != WS_OK)
		return expired(r, w);
	/* An account never verified is as good as none: opening the mailed
	 * invitation proves the address, and its password is chosen here. */
	has = user_by_email(req_db(r), r->a, json_string_value(json_object_get(data, "email")),
	    &u) == WS_OK && u.verified_at;
	resp_value(w, accept_page(r, tok, data, org, has));
	json_decref(data);
	json_decref(org);
	w->tpl = "invite_accept";
	w->title = N_("Join your colleagues");
	return WS_OK;
}

/* True when address is at site (the domain fixed when staff approved the
 * organization) or one of its subdomains.  An organization without one has
 * no domain: every address is outside it; so is every address at a webmail
 * provider, whatever the organization's domain. */
static int
inside_domain(const char *address, const char *site)
{
	const char *at = strrchr(address, '@');
	size_t ls = strlen(site), ld;

	if (!ls || !at || org_domain_is_webmail(site) || org_domain_is_webmail(at + 1))
		return 0;
	at++;
	ld = strlen(at);
	if (strcasecmp(at, site) == 0)
		return 1;
	return ld > ls && at[ld - ls - 1] == '.' && strcasecmp(at + ld - ls, site) == 0;
}

/* The domain fixed when staff approved organization org_id, into *site
 * (r's arena; "" when none). */
static enum ws_err
approved_domain(struct req *r, struct db *d, int64_t org_id, const char **site)
{
	struct db_q *q = db_start(d, ST_ORG_APPROVED_DOMAIN);
	enum ws_err rc;

	*site = "";
	db_bind_int(q, 1, org_id);
	if ((rc = db_step(q)) == WS_OK)
		*site = arena_strdup(r->a, db_col_text(q, 0));
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

/* Makes uid one of org_id's people and a member.  When inviter (not staff)
 * invited an address outside the domain staff approved with the
 * organization, the new membership waits in the staff queue. */
static enum ws_err
join_org(struct req *r, struct db *d, int64_t org_id, const struct user *who,
    int64_t inviter)
{
	struct db_q *q = db_start(d, ST_MEMBER_GET);
	const char *site;
	struct user by;
	enum ws_err rc;
	int already;

	db_bind_int(q, 1, org_id);
	db_bind_int(q, 2, who->id);
	rc = db_step(q);
	db_end(q);
	if (rc != WS_OK && rc != WS_EDONE)
		return rc;
	already = rc == WS_OK;
	if ((rc = org_member_add(d, org_id, who->id, 0, "", who->role)) != WS_OK || already)
		return rc;
	if ((rc = approved_domain(r, d, org_id, &site)) != WS_OK)
		return rc;
	if (inside_domain(who->email, site))
		return WS_OK;
	if ((rc = user_by_id(d, r->a, inviter, &by)) != WS_OK)
		return rc;
	if (by.role >= ROLE_STAFF)
		return WS_OK;
	return org_member_flag(d, org_id, who->id, inviter, "invitation");
}

/* POST /invitations/accept */
enum ws_err
h_invite_accept(struct req *r, struct resp *w)
{
	static const struct field fields[] = {
		{"token", FT_TOKEN, 1, 64, 64, NULL, NULL, NULL},
		{"name", FT_LINE, 0, 0, 200, NULL, NULL, NULL},
		{"password", FT_PASSWORD, 0, 0, PASSWORD_MAX, NULL, NULL, NULL},
	};
	json_t *values = NULL, *errors = NULL, *data = NULL, *org = NULL;
	struct db *d = req_db(r);
	const char *tok, *email, *problem;
	struct user u, *who = NULL;
	int64_t uid = 0, org_id, used_uid;
	enum ws_err rc;

	if (form_check(r, fields, 3, &values, &errors) != WS_OK) {
		json_decref(values);
		json_decref(errors);
		return expired(r, w);
	}
	tok = arena_strdup(r->a, json_string_value(json_object_get(values, "token")));
	if (invitation(r, tok, &data, &org) != WS_OK) {
		json_decref(values);
		return expired(r, w);
	}
	email = arena_strdup(r->a, json_string_value(json_object_get(data, "email")));
	org_id = json_integer_value(json_object_get(data, "org_id"));
	if (r->user && strcasecmp(r->user->email, email) != 0) {
		w->detail = N_("This invitation was sent to another address. Sign out, or sign in "
		    "with that address, and open the link again.");
		rc = WS_EFORBIDDEN;
		goto out;
	} else if (r->user) {
		who = r->user;
	} else if (user_by_email(d, r->a, email, &u) == WS_OK && u.verified_at) {
		/* An account exists: its owner signs in, then accepts. */
		resp_redirect(w, arena_printf(r->a, "/signin?next=/invitations/accept%%3Ftoken%%3D%s",
		    tok));
		rc = WS_OK;
		goto out;
	} else {
		const char *name = json_string_value(json_object_get(values, "name"));
		const char *pw = json_string_value(json_object_get(values, "password"));

		errors = json_object();
		if (!*name)
			json_object_set_new(errors, "name", json_string(view_tr(r->app->views,
			    r->locale, N_("This field is required."))));
		if ((problem = password_problem(pw, email, name)) != NULL)
			json_object_set_new(errors, "password", json_string(view_tr(r->app->views,
			    r->locale, problem)));
		if (json_object_size(errors)) {
			rc = form_fail(r, w, "invite_accept", N_("Join your colleagues"), values, errors);
			if (!r->api) {
				json_t *page = accept_page(r, tok, data, org, 0);

				json_object_set(page, "form", json_object_get(w->val, "form"));
				resp_value(w, page);
			}
			goto out;
		}
	}
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	/* Under the organization's lock, as removals and step-downs are: the
	 * inviter is still one of its admins (or staff) when it is used. */
	rc = org_lock(d, org_id);
	if (rc == WS_OK)
		rc = token_use(d, r->a, "invite", tok, &used_uid, NULL);
	if (rc == WS_OK)
		rc = inviter_may(r, d, used_uid, org_id);
	if (rc == WS_OK && !who && user_by_email(d, r->a, email, &u) == WS_OK) {
		/* Someone signed up with this address and never proved it: the
		 * invitation proves it now, so the password chosen here replaces
		 * theirs and whatever they set in motion is void. */
		char hash[crypto_pwhash_STRBYTES];

		uid = u.id;
		rc = password_hash(r->app, json_string_value(json_object_get(values, "password")),
		    hash);
		if (rc == WS_OK)
			rc = account_claim(d, uid, hash);
		if (rc == WS_OK)
			rc = user_set_name(d, uid, json_string_value(json_object_get(values, "name")));
		if (rc == WS_OK)
			rc = orgs_on_verified(r, d, uid, 0, 1);
		if (rc == WS_OK)
			rc = user_by_id(d, r->a, uid, &u);
		who = &u;
	} else if (rc == WS_OK && !who) {
		rc = user_create(r->app, d, email, json_string_value(json_object_get(values,
		    "name")), json_string_value(json_object_get(values, "password")), "member", 1,
		    org_id, &uid);
		if (rc == WS_OK)	/* the language the account is made in */
			rc = user_set_locale(d, uid, r->locale);
		if (rc == WS_OK)
			rc = user_by_id(d, r->a, uid, &u);
		who = &u;
	}
	if (rc == WS_OK)
		rc = join_org(r, d, org_id, who, used_uid);
	if (rc == WS_OK) {
		app_audit(r->app, d, who->id, "organization.joined", r->ip,
		    arena_printf(r->a, "organization %lld by invitation", (long long)org_id));
		rc = db_commit(d);
	}
	if (rc != WS_OK) {
		db_rollback(d);
		if (rc == WS_ENOTFOUND) {
			rc = expired(r, w);
		}
		goto out;
	}
	if (!r->user && (rc = session_start(r, w, who, "web", NULL)) != WS_OK)
		goto out;
	resp_value(w, json_pack("{s:I}", "organization_id", (json_int_t)org_id));
	resp_redirect(w, arena_printf(r->a, "/organizations/%lld", (long long)org_id));
out:
	json_decref(values);
	json_decref(errors);
	json_decref(data);
	json_decref(org);
	return rc;
}
