/*
 * accounts.c -- the store side of accounts: users, passwords, tokens,
 * sessions.  See accounts.h.
 */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <sodium.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "core/log.h"
#include "core/util.h"
#include "db/db.h"
#include "views/assets.h"
#include "views/view.h"

void
user_from_row(struct arena *a, struct db_q *q, int off, struct user *u)
{
	int role;

	u->id = db_col_int(q, off + USER_C_ID);
	u->email = arena_strdup(a, db_col_text(q, off + USER_C_EMAIL));
	u->name = arena_strdup(a, db_col_text(q, off + USER_C_NAME));
	u->password_hash = arena_strdup(a, db_col_text(q, off + USER_C_PASSWORD_HASH));
	role = role_parse(db_col_text(q, off + USER_C_ROLE));
	u->role = role > 0 ? (enum role)role : ROLE_MEMBER;
	u->status = arena_strdup(a, db_col_text(q, off + USER_C_STATUS));
	u->locale = arena_strdup(a, db_col_text(q, off + USER_C_LOCALE));
	u->verified_at = db_col_int(q, off + USER_C_VERIFIED_AT);
	u->locked_at = db_col_int(q, off + USER_C_LOCKED_AT);
	u->fail_window_start = db_col_int(q, off + USER_C_FAIL_WINDOW_START);
	u->fail_count = db_col_int(q, off + USER_C_FAIL_COUNT);
	u->org_id = db_col_int(q, off + USER_C_ORG_ID);
	u->created_at = db_col_int(q, off + USER_C_CREATED_AT);
	u->tz = arena_strdup(a, db_col_text(q, off + USER_C_TZ));
	u->country = arena_strdup(a, db_col_text(q, off + USER_C_COUNTRY));
}

void
user_role_from_standing(struct user *u, int64_t orgs, int64_t approved, int64_t expert)
{
	/* Member rights last only while an organization of theirs is approved;
	 * an approved expert keeps them without one. */
	if (u->role == ROLE_MEMBER && orgs > 0 && approved == 0 && expert == 0)
		u->role = ROLE_APPLICANT;
}

enum ws_err
user_effective_role(struct db *d, struct user *u)
{
	struct db_q *q;
	enum ws_err rc;
	int64_t orgs = 0, approved = 0, expert = 0;

	if (u->role != ROLE_MEMBER)
		return WS_OK;
	q = db_start(d, ST_USER_ORG_STANDING);
	db_bind_int(q, 1, u->id);
	rc = db_step(q);
	if (rc == WS_OK) {
		orgs = db_col_int(q, USER_ORG_STANDING_C_ORGS);
		approved = db_col_int(q, USER_ORG_STANDING_C_APPROVED);
	}
	db_end(q);
	if (rc != WS_OK)
		return WS_EDB;
	if (orgs > 0 && approved == 0) {
		q = db_start(d, ST_EXPERT_APPROVED);
		db_bind_int(q, 1, u->id);
		rc = db_step(q);
		if (rc == WS_OK)
			expert = db_col_int(q, 0);
		db_end(q);
		if (rc != WS_OK)
			return WS_EDB;
	}
	user_role_from_standing(u, orgs, approved, expert);
	return WS_OK;
}

static enum ws_err
user_lookup(struct db *d, struct arena *a, enum db_stmt s, const char *email, int64_t id,
    struct user *u)
{
	struct db_q *q = db_start(d, s);
	enum ws_err rc;

	if (email)
		db_bind_text(q, 1, email);
	else
		db_bind_int(q, 1, id);
	rc = db_step(q);
	if (rc == WS_OK)
		user_from_row(a, q, 0, u);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
user_by_email(struct db *d, struct arena *a, const char *email, struct user *u)
{
	return user_lookup(d, a, ST_USER_BY_EMAIL, email, 0, u);
}

enum ws_err
user_by_id(struct db *d, struct arena *a, int64_t id, struct user *u)
{
	return user_lookup(d, a, ST_USER_BY_ID, NULL, id, u);
}

/* The common-passwords list is data (src/views/static is for the web; this
 * one is embedded from src/views/i18n's sibling data file). */
static int
is_common(const char *pw)
{
	const struct asset *a = asset_find("data/common-passwords.txt");
	const char *p, *end;
	size_t n = strlen(pw);

	if (!a)
		return 0;
	for (p = a->data, end = a->data + a->len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (len == n && strncasecmp(p, pw, n) == 0)
			return 1;
		p += len + 1;
	}
	return 0;
}

const char *
password_problem(const char *pw, const char *email, const char *name)
{
	size_t n = strlen(pw), i, same = 1;
	char local[128];
	const char *at;

	if (n < PASSWORD_MIN)
		return N_("Use at least 12 characters.");
	if (n > PASSWORD_MAX)
		return N_("Use at most 256 characters.");
	for (i = 1; i < n; i++)
		if (pw[i] != pw[0])
			same = 0;
	if (same || is_common(pw))
		return N_("This password is too common; choose another.");
	if (email && (at = strchr(email, '@')) && (size_t)(at - email) >= 4 &&
	    (size_t)(at - email) < sizeof local) {
		snprintf(local, sizeof local, "%.*s", (int)(at - email), email);
		if (strcasestr(pw, local) && n < (size_t)(at - email) + 6)
			return N_("Your password must not be mostly your email address.");
	}
	if (name && strlen(name) >= 4 && strcasecmp(pw, name) == 0)
		return N_("Your password must not be your name.");
	return NULL;
}

static enum ws_err
slot_take(struct app *app)
{
	struct timespec ts;

	if (http_on_request_thread()) {	/* every other connection of the thread would wait */
#ifdef WHATSON_TEST_HOOKS
		fatal("a password hash on a request thread: flag its route RF_SLOW");
#else
		log_error("a password hash on a request thread: flag its route RF_SLOW");
#endif
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 5;
	while (sem_timedwait(&app->hash_slots, &ts) != 0) {
		if (errno != EINTR) {
			log_warn("password hashing busy");
			return WS_EUNAVAIL;
		}
	}
	return WS_OK;
}

/* The argon2id cost: libsodium's interactive limits, 2 passes over 64 MiB
 * (about 0.2 s on the machines we test on).  Test builds read
 * WHATSON_TEST_PWHASH=min from the environment and then hash at the least
 * cost libsodium allows: make check creates and signs in thousands of
 * accounts, and at full cost it spent about a third of its CPU time here.
 * A stored hash names its own cost, so checking needs no setting; release
 * builds compile none of this. */
int
password_hash_raw(const char *pw, char *out)
{
	unsigned long long ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
	size_t mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
#ifdef WHATSON_TEST_HOOKS
	const char *t = getenv("WHATSON_TEST_PWHASH");

	if (t && strcmp(t, "min") == 0) {
		ops = crypto_pwhash_OPSLIMIT_MIN;
		mem = crypto_pwhash_MEMLIMIT_MIN;
	}
#endif
	return crypto_pwhash_str(out, pw, strlen(pw), ops, mem);
}

enum ws_err
password_hash(struct app *app, const char *pw, char *out)
{
	enum ws_err rc;
	int r;

	if ((rc = slot_take(app)) != WS_OK)
		return rc;
	r = password_hash_raw(pw, out);
	sem_post(&app->hash_slots);
	return r == 0 ? WS_OK : WS_EUNAVAIL;
}

enum ws_err
password_check(struct app *app, const char *hash, const char *pw)
{
	enum ws_err rc;
	int r;

	if ((rc = slot_take(app)) != WS_OK)
		return rc;
	r = crypto_pwhash_str_verify(hash, pw, strlen(pw));
	sem_post(&app->hash_slots);
	return r == 0 ? WS_OK : WS_EFORBIDDEN;
}

enum ws_err
user_create(struct app *app, struct db *d, const char *email, const char *name,
    const char *pw, const char *role, int verified, int64_t org_id, int64_t *id)
{
	char hash[crypto_pwhash_STRBYTES];
	enum ws_err rc;

	if ((rc = password_hash(app, pw, hash)) != WS_OK)
		return rc;
	return user_create_hashed(d, email, name, hash, role, verified, org_id, id);
}

enum ws_err
user_create_hashed(struct db *d, const char *email, const char *name, const char *hash,
    const char *role, int verified, int64_t org_id, int64_t *id)
{
	struct db_q *q;
	enum ws_err rc;
	time_t now = now_s();

	q = db_start(d, ST_USER_INSERT);
	db_bind_text(q, 1, email);
	db_bind_text(q, 2, name);
	db_bind_text(q, 3, hash);
	db_bind_text(q, 4, role);
	db_bind_text(q, 5, "active");
	if (org_id > 0)
		db_bind_int(q, 6, org_id);
	else
		db_bind_null(q, 6);
	if (verified)
		db_bind_int(q, 7, now);
	else
		db_bind_null(q, 7);
	db_bind_int(q, 8, now);
	db_bind_int(q, 9, now);
	rc = db_step(q);
	if (rc == WS_OK && id)
		*id = db_col_int(q, 0);
	db_end(q);
	return rc;
}

enum ws_err
token_issue(struct db *d, const char *kind, int64_t user_id, int ttl, const char *data,
    char out[65])
{
	char hash[65];
	struct db_q *q;
	enum ws_err rc;
	time_t now = now_s();

	random_hex(out, 32);
	token_hash(out, hash);
	q = db_start(d, ST_TOKEN_INSERT);
	db_bind_text(q, 1, hash);
	db_bind_text(q, 2, kind);
	db_bind_int(q, 3, user_id);
	db_bind_text(q, 4, data);
	db_bind_int(q, 5, now);
	db_bind_int(q, 6, now + ttl);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
token_use(struct db *d, struct arena *a, const char *kind, const char *token,
    int64_t *user_id, const char **data)
{
	char hash[65];
	struct db_q *q;
	enum ws_err rc;
	int64_t changed = 0;
	time_t now = now_s();

	if (!token || strlen(token) != 64)
		return WS_ENOTFOUND;
	token_hash(token, hash);
	q = db_start(d, ST_TOKEN_USE);
	db_bind_int(q, 1, now);
	db_bind_text(q, 2, hash);
	db_bind_text(q, 3, kind);
	db_bind_int(q, 4, now);
	rc = db_exec(q, &changed);
	db_end(q);
	if (rc)
		return rc;
	if (changed != 1)
		return WS_ENOTFOUND;
	q = db_start(d, ST_TOKEN_GET);
	db_bind_text(q, 1, hash);
	db_bind_text(q, 2, kind);
	rc = db_step(q);
	if (rc == WS_OK) {
		*user_id = db_col_int(q, TOKEN_GET_C_USER_ID);
		if (data)
			*data = arena_strdup(a, db_col_text(q, TOKEN_GET_C_DATA));
	}
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

static void
session_delete(struct db *d, const char *hash)
{
	struct db_q *q = db_start(d, ST_SESSION_DELETE);

	db_bind_text(q, 1, hash);
	db_exec_logged(q);
	db_end(q);
}

enum ws_err
session_start(struct req *r, struct resp *w, const struct user *u, const char *kind,
    char out[65])
{
	char tok[65], hash[65];
	struct db *d = req_db(r);
	struct db_q *q;
	enum ws_err rc;
	time_t now = now_s();

	if (r->session_hash[0] && !r->bearer)
		session_delete(d, r->session_hash);
	random_hex(tok, 32);
	token_hash(tok, hash);
	q = db_start(d, ST_SESSION_INSERT);
	db_bind_text(q, 1, hash);
	db_bind_int(q, 2, u->id);
	db_bind_text(q, 3, kind);
	db_bind_int(q, 4, now);
	db_bind_int(q, 5, now);
	db_bind_text(q, 6, r->ip);
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc)
		return rc;
	/* Sign-ins are a good moment to forget sessions that have ended. */
	q = db_start(d, ST_SESSION_PURGE);
	db_bind_int(q, 1, now - r->app->cfg.idle_timeout);
	db_bind_int(q, 2, now - r->app->cfg.abs_timeout);
	db_exec_logged(q);
	db_end(q);
	if (out)
		memcpy(out, tok, 65);
	if (strcmp(kind, "web") == 0) {
		resp_cookie(r, w, http_session_cookie(r), arena_strdup(r->a, tok), 0);
		memcpy(r->session_hash, hash, sizeof hash);
		r->csrf = csrf_token(r);
	}
	return WS_OK;
}

void
session_end(struct req *r, struct resp *w, int everywhere)
{
	struct db *d = req_db(r);
	struct db_q *q;

	if (everywhere && r->user) {
		q = db_start(d, ST_SESSION_DELETE_USER);
		db_bind_int(q, 1, r->user->id);
		db_exec_logged(q);
		db_end(q);
	} else if (r->session_hash[0]) {
		session_delete(d, r->session_hash);
	}
	if (!r->bearer)
		resp_cookie(r, w, http_session_cookie(r), "", -1);
	r->session_hash[0] = '\0';
}

static enum ws_err
exec_ids(struct db *d, enum db_stmt s, int64_t a, int64_t b)
{
	struct db_q *q = db_start(d, s);
	enum ws_err rc;

	db_bind_int(q, 1, a);
	db_bind_int(q, 2, b);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

/* Runs s, an UPDATE of users taking (text, updated_at, id). */
static enum ws_err
user_set_text(struct db *d, enum db_stmt s, int64_t user_id, const char *text)
{
	struct db_q *q = db_start(d, s);
	enum ws_err rc;

	db_bind_text(q, 1, text);
	db_bind_int(q, 2, now_s());
	db_bind_int(q, 3, user_id);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
user_set_password(struct db *d, int64_t user_id, const char *hash)
{
	return user_set_text(d, ST_USER_SET_PASSWORD, user_id, hash);
}

enum ws_err
user_set_locale(struct db *d, int64_t user_id, const char *lang)
{
	return user_set_text(d, ST_USER_SET_LOCALE, user_id, lang);
}

enum ws_err
user_set_tz(struct db *d, int64_t user_id, const char *zone)
{
	return user_set_text(d, ST_USER_SET_TZ, user_id, zone);
}

enum ws_err
user_set_name(struct db *d, int64_t user_id, const char *name)
{
	return user_set_text(d, ST_USER_SET_NAME, user_id, name);
}

enum ws_err
account_claim(struct db *d, int64_t user_id, const char *hash)
{
	struct db_q *q;
	enum ws_err rc;
	time_t now = now_s();

	if (hash && (rc = user_set_password(d, user_id, hash)) != WS_OK)
		return rc;
	q = db_start(d, ST_USER_VERIFY);
	db_bind_int(q, 1, now);
	db_bind_int(q, 2, now);
	db_bind_int(q, 3, user_id);
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc == WS_OK) {
		q = db_start(d, ST_SESSION_DELETE_USER);
		db_bind_int(q, 1, user_id);
		rc = db_exec(q, NULL);
		db_end(q);
	}
	if (rc == WS_OK)
		rc = exec_ids(d, ST_TOKEN_REVOKE_ALL, now, user_id);
	return rc;
}

enum ws_err
verify_token_issue(struct db *d, int64_t user_id, const char *hash, const char *name,
    int64_t app_id, char out[65])
{
	json_t *v = json_pack("{s:s,s:s}", "password_hash", hash, "name", name);
	char *data;
	enum ws_err rc;

	if (app_id > 0)
		json_object_set_new(v, "application_id", json_integer(app_id));
	data = json_dumps(v, JSON_COMPACT);
	json_decref(v);
	rc = token_issue(d, "verify", user_id, VERIFY_TTL, data, out);
	free(data);
	return rc;
}

enum ws_err
token_peek(struct db *d, struct arena *a, const char *kind, const char *token,
    int64_t *user_id, const char **data)
{
	char hash[65];
	struct db_q *q;
	enum ws_err rc;

	if (!token || strlen(token) != 64)
		return WS_ENOTFOUND;
	token_hash(token, hash);
	q = db_start(d, ST_TOKEN_PEEK);
	db_bind_text(q, 1, hash);
	db_bind_text(q, 2, kind);
	db_bind_int(q, 3, now_s());
	rc = db_step(q);
	if (rc == WS_OK) {
		*user_id = db_col_int(q, TOKEN_PEEK_C_USER_ID);
		*data = db_col_null(q, TOKEN_PEEK_C_DATA) ? NULL :
		    arena_strdup(a, db_col_text(q, TOKEN_PEEK_C_DATA));
	}
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

void
tokens_revoke(struct db *d, int64_t user_id)
{
	struct db_q *q = db_start(d, ST_TOKEN_REVOKE_USER);

	db_bind_int(q, 1, now_s());
	db_bind_int(q, 2, user_id);
	db_exec_logged(q);
	db_end(q);
}
