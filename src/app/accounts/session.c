/*
 * session.c -- who is asking: the session cookie or a bearer token.
 *
 * Sessions live in the database (several nodes share them) under the
 * SHA-256 of the token, so a stolen database copy holds no usable token.
 * A session ends after idle_timeout without use or abs_timeout after sign-in;
 * seen_at is written at most once a minute to spare the database.  The
 * server calls session_identify through its site hook (struct http_site).
 */
#include <string.h>
#include <strings.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "core/util.h"
#include "db/db.h"
#include "http/http.h"

enum ws_err
session_identify(struct req *r, struct resp *w)
{
	const char *auth = req_header(r, "Authorization");
	const char *tok = NULL;
	struct db *d;
	struct db_q *q;
	enum ws_err rc;
	int64_t created, seen;
	time_t now = now_s();
	const struct config *cfg = &r->app->cfg;

	if (auth && strncasecmp(auth, "Bearer ", 7) == 0) {
		tok = auth + 7;
		r->bearer = 1;
	} else {
		tok = req_cookie(r, http_session_cookie(r));
	}
	if (!tok || strlen(tok) != 64) {
		r->bearer = 0;
		goto anon;
	}
	token_hash(tok, r->session_hash);
	d = req_db(r);
	q = db_start(d, ST_SESSION_GET);
	db_bind_text(q, 1, r->session_hash);
	rc = db_step(q);
	if (rc == WS_EDONE) {
		db_end(q);
		goto none;
	}
	if (rc != WS_OK) {
		db_end(q);
		return WS_EUNAVAIL;
	}
	created = db_col_int(q, SESSION_C_CREATED_AT);
	seen = db_col_int(q, SESSION_C_SEEN_AT);
	r->user = arena_alloc(r->a, sizeof *r->user);
	user_from_row(r->a, q, SESSION_C_USER, r->user);
	user_role_from_standing(r->user, db_col_int(q, SESSION_C_ORGS),
	    db_col_int(q, SESSION_C_APPROVED), db_col_int(q, SESSION_C_EXPERT));
	db_end(q);
	if (now - seen > cfg->idle_timeout || now - created > cfg->abs_timeout ||
	    strcmp(r->user->status, "active") != 0) {
		q = db_start(d, ST_SESSION_DELETE);
		db_bind_text(q, 1, r->session_hash);
		db_exec_logged(q);
		db_end(q);
		r->user = NULL;
		goto none;
	}
	if (now - seen >= 60) {
		q = db_start(d, ST_SESSION_TOUCH);
		db_bind_int(q, 1, now);
		db_bind_text(q, 2, r->session_hash);
		db_exec_logged(q);
		db_end(q);
	}
	return WS_OK;
none:
	r->session_hash[0] = '\0';
	if (!r->bearer)
		resp_cookie(r, w, http_session_cookie(r), "", -1);
	r->bearer = 0;
anon:
	r->session_hash[0] = '\0';
	return WS_OK;
}
