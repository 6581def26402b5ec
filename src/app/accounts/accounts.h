/*
 * accounts.h -- people: sign-up, verification, sign-in, sessions, passwords,
 * roles, and the single-use tokens mailed to them.
 *
 * Passwords are argon2id (libsodium's crypto_pwhash_str, interactive limits);
 * at most cfg.hash_slots hashes run at once so a flood of sign-ins cannot
 * take every thread.  Tokens (email verification 24 h, password reset 1 h,
 * email change 24 h) are 256-bit random, stored as SHA-256, used once.
 */
#ifndef WS_ACCOUNTS_H
#define WS_ACCOUNTS_H

#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "http/http.h"

struct app;
struct db;
struct db_q;

#define PASSWORD_MIN 12
#define VERIFY_TTL (24 * 3600)	/* a link confirming an address */
#define PASSWORD_MAX 256

/* Fills u from a user's columns of q (enum user_col), which start at
 * column off; strings are copied into a. */
void user_from_row(struct arena *a, struct db_q *q, int off, struct user *u);

/*
 * Sets u->role to the role u acts with now.  Member rights come from
 * belonging to an approved organization: an account stored as "member" that
 * belongs to organizations, none of them approved (all suspended), acts as an
 * applicant until one is reinstated.  A member that belongs to no
 * organization (an individual member, or an account made by `whatson user
 * add --role member` without --org) stays a member; removing someone from
 * their last organization stores "applicant" instead (org_member_remove).
 * Other roles are as stored.  Derived on every request, so suspension and
 * reinstatement take effect at once and nothing stored can drift.
 */
enum ws_err user_effective_role(struct db *d, struct user *u) WS_WUR;
/* The same, from the standing already read: orgs and approved count the
 * user's organizations and the approved ones among them, expert is non-zero
 * for an approved expert (session_identify reads them with the session). */
void user_role_from_standing(struct user *u, int64_t orgs, int64_t approved, int64_t expert);

/* Looks a user up; WS_ENOTFOUND when absent. */
enum ws_err user_by_email(struct db *d, struct arena *a, const char *email,
    struct user *u) WS_WUR;
enum ws_err user_by_id(struct db *d, struct arena *a, int64_t id, struct user *u) WS_WUR;

/* Why password is refused (too short, too long, common, like the email), or
 * NULL when it is acceptable. */
const char *password_problem(const char *password, const char *email, const char *name);
/* Hashes password into out (crypto_pwhash_STRBYTES).  WS_EUNAVAIL when no
 * hashing slot frees within 5 s. */
enum ws_err password_hash(struct app *app, const char *password, char *out) WS_WUR;
/* The hash itself, without a slot (start-up's dummy hash); 0 on success. */
int password_hash_raw(const char *password, char *out) WS_WUR;
/* WS_OK when password matches hash; WS_EFORBIDDEN when not. */
enum ws_err password_check(struct app *app, const char *hash, const char *password) WS_WUR;

/* Creates a user (email lower-cased by the caller).  verified: mark verified
 * now.  WS_ECONFLICT when the email is taken. */
enum ws_err user_create(struct app *app, struct db *d, const char *email, const char *name,
    const char *password, const char *role, int verified, int64_t org_id,
    int64_t *id) WS_WUR;

/* As user_create, with the password already hashed (password_hash). */
enum ws_err user_create_hashed(struct db *d, const char *email, const char *name,
    const char *hash, const char *role, int verified, int64_t org_id, int64_t *id) WS_WUR;
/* Replaces the user's password hash (and ends a lock-out). */
enum ws_err user_set_password(struct db *d, int64_t user_id, const char *hash) WS_WUR;
enum ws_err user_set_name(struct db *d, int64_t user_id, const char *name) WS_WUR;
/* Stores the user's language ("en", "fr"): what their mail is written in
 * (app_mail_lang) and their pages shown in.  Set when an account is made,
 * from the language it was made in, and when they choose one (?lang=). */
enum ws_err user_set_locale(struct db *d, int64_t user_id, const char *lang) WS_WUR;
/* Stores the user's time zone (an IANA name checked by the caller; "" for
 * none): the zone events and dates are shown to them in. */
enum ws_err user_set_tz(struct db *d, int64_t user_id, const char *zone) WS_WUR;

/*
 * The owner of an account never verified before has just proved control of
 * its address (a mailed link) with the password whose hash is given (NULL:
 * keep the stored one).  That password becomes the account's, the account
 * is verified, and every session and token made before is void: nothing
 * anyone set before the proof counts.  Inside the caller's transaction.
 */
enum ws_err account_claim(struct db *d, int64_t user_id, const char *hash) WS_WUR;

/* Issues the link that confirms user_id's address, bound to the password
 * chosen with it (hash), the name typed with it and the application sent
 * with it (app_id, 0 for none): opening it takes that password (POST
 * /verify), and on an account never verified, that name. */
enum ws_err verify_token_issue(struct db *d, int64_t user_id, const char *hash,
    const char *name, int64_t app_id, char out[65]) WS_WUR;

/* Issues a single-use token of kind for user, valid ttl seconds, with
 * optional data; writes the token (65 bytes) to out. */
enum ws_err token_issue(struct db *d, const char *kind, int64_t user_id, int ttl,
    const char *data, char out[65]) WS_WUR;
/* Uses token of kind once: WS_OK with user id and data (copied into a), or
 * WS_ENOTFOUND when unknown, used or expired. */
enum ws_err token_use(struct db *d, struct arena *a, const char *kind, const char *token,
    int64_t *user_id, const char **data) WS_WUR;

/* Reads a token of kind that is still good, without using it: user id and
 * data (copied into a, NULL when none); WS_ENOTFOUND when unknown, used or
 * expired. */
enum ws_err token_peek(struct db *d, struct arena *a, const char *kind, const char *token,
    int64_t *user_id, const char **data) WS_WUR;

/* Ends the user's reset and address-change links (after a new password). */
void tokens_revoke(struct db *d, int64_t user_id);

/* Starts a session for u: kind "web" sets the cookie on w, "api" returns
 * the bearer token in out (65 bytes).  Ends r's current session first
 * (rotation). */
enum ws_err session_start(struct req *r, struct resp *w, const struct user *u,
    const char *kind, char out[65]) WS_WUR;
/* Ends r's session, or every session of the user when everywhere. */
void session_end(struct req *r, struct resp *w, int everywhere);
/* Looks the caller up from the session cookie or bearer token (the server's
 * identify hook): fills r->user, r->session_hash, r->bearer.  Expired
 * sessions are deleted; WS_EUNAVAIL when the database does not answer. */
enum ws_err session_identify(struct req *r, struct resp *w) WS_WUR;

/* ---- the password back-off (backoff.c) ------------------------------ */

enum guard_kind { GUARD_ACCOUNT, GUARD_DEVICE, GUARD_ADDRESS };

/* The buckets one password attempt counts in. */
struct guard {
	char key[2][65];		/* keyed hashes naming the buckets */
	enum guard_kind kind[2];
	int64_t set_next[2];		/* the wait this attempt set; -1: none */
	int n;
};

/* Chooses the buckets for an attempt with the address typed in (email) on
 * account u (NULL when no account uses it): the browser's own bucket when
 * it signed in to u before, else the account's and the client address's. */
void guard_init(struct req *r, struct guard *g, const char *email, const struct user *u);
/* Before checking a password: counts the attempt and returns WS_OK, or
 * WS_ERATE having set w's Retry-After and detail when a bucket must wait
 * (the attempt then counts nowhere); WS_EDB when the database fails. */
enum ws_err guard_enter(struct req *r, struct resp *w, struct guard *g) WS_WUR;
/* After a right password: empties the account's or browser's bucket and
 * gives the address back its attempt. */
void guard_pass(struct req *r, struct guard *g);
/* The browser's known-device nonce for account u (copied into r's arena),
 * or NULL when its ws_device cookie is absent, forged, expired, for another
 * account or from before u's password last changed. */
const char *device_known(struct req *r, const struct user *u);
/* Sets the long-lived ws_device cookie binding this browser to u and its
 * password of now (u->password_hash), unless the browser holds a valid one
 * already (it keeps it). */
void device_remember(struct req *r, struct resp *w, const struct user *u);

/* ---- the account page, export, deletion, cleanup (forget.c) --------- */

/* The kind of the job that deletes ended sessions and expired links; each
 * run queues the next ACCOUNTS_CLEANUP_EVERY seconds later. */
#define ACCOUNTS_CLEANUP_JOB "cleanup"
#define ACCOUNTS_CLEANUP_EVERY 3600

struct job_ctx;
struct job;
/* The cleanup job's handler (struct job_kind.run); its arg is the app. */
enum ws_err accounts_cleanup_run(struct job_ctx *c, const struct job *j) WS_WUR;
/* Adds to v, the account page's value, r's user's organizations
 * ([{id, name, admin, status}]), newest application ({id, kind, status} or
 * null) and role in words (role_name). */
enum ws_err account_page_fill(struct req *r, json_t *v) WS_WUR;
enum ws_err h_account_delete(struct req *r, struct resp *w);
enum ws_err h_api_me_export(struct req *r, struct resp *w);

/* The handlers (pages.c, api.c) used by the route table. */
enum ws_err h_signup_form(struct req *r, struct resp *w);
enum ws_err h_signup(struct req *r, struct resp *w);
enum ws_err h_verify(struct req *r, struct resp *w);
enum ws_err h_verify_confirm(struct req *r, struct resp *w);
enum ws_err h_signin_form(struct req *r, struct resp *w);
enum ws_err h_signin(struct req *r, struct resp *w);
enum ws_err h_signout(struct req *r, struct resp *w);
enum ws_err h_signout_all(struct req *r, struct resp *w);
enum ws_err h_forgot_form(struct req *r, struct resp *w);
enum ws_err h_forgot(struct req *r, struct resp *w);
enum ws_err h_reset_form(struct req *r, struct resp *w);
enum ws_err h_reset(struct req *r, struct resp *w);
enum ws_err h_account(struct req *r, struct resp *w);
enum ws_err h_change_password(struct req *r, struct resp *w);
enum ws_err h_change_email(struct req *r, struct resp *w);
/* POST /account/timezone and PATCH /api/v1/me: the reader's time zone
 * (tz: an IANA name, "" for none); an unknown zone is a 422 on tz. */
enum ws_err h_change_tz(struct req *r, struct resp *w);
enum ws_err h_api_signup(struct req *r, struct resp *w);
enum ws_err h_api_session(struct req *r, struct resp *w);
enum ws_err h_api_session_end(struct req *r, struct resp *w);
enum ws_err h_api_me(struct req *r, struct resp *w);

#endif
