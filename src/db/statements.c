/*
 * statements.c -- the statement table and the schema migrations.
 *
 * All SQL in WhatsOn is here.  "?" marks a parameter in both dialects (the
 * PostgreSQL backend rewrites it to $n).  Users' columns are read in one
 * order everywhere (USER_COLS) so store code reads them by one set of indexes.
 */
#include <stddef.h>

#include "db/statements.h"

#define USER_COLS "u.id, u.email, u.name, u.password_hash, u.role, u.status, " \
	"u.locale, u.verified_at, u.locked_at, u.fail_window_start, u.fail_count, " \
	"u.org_id, u.created_at, u.tz"

const struct db_stmt_text db_stmt_texts[] = {
	[ST_PING] = {"ping", "SELECT 1", NULL},
	[ST_SETTING_GET] = {"setting_get",
	    "SELECT value FROM settings WHERE key = ?", NULL},
	[ST_SETTING_PUT] = {"setting_put",
	    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", NULL},

	[ST_USER_INSERT] = {"user_insert",
	    "INSERT INTO users (email, name, password_hash, role, status, org_id, "
	    "verified_at, created_at, updated_at, fail_window_start, fail_count) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0) RETURNING id", NULL},
	[ST_USER_BY_EMAIL] = {"user_by_email",
	    "SELECT " USER_COLS " FROM users u WHERE u.email = ?", NULL},
	[ST_USER_BY_ID] = {"user_by_id",
	    "SELECT " USER_COLS " FROM users u WHERE u.id = ?", NULL},
	[ST_USER_VERIFY] = {"user_verify",
	    "UPDATE users SET verified_at = ?, updated_at = ? WHERE id = ? AND verified_at IS NULL", NULL},
	[ST_USER_SET_PASSWORD] = {"user_set_password",
	    "UPDATE users SET password_hash = ?, locked_at = NULL, fail_count = 0, "
	    "updated_at = ? WHERE id = ?", NULL},
	[ST_USER_SET_EMAIL] = {"user_set_email",
	    "UPDATE users SET email = ?, verified_at = ?, updated_at = ? WHERE id = ?", NULL},
	[ST_USER_SET_ROLE] = {"user_set_role",
	    "UPDATE users SET role = ?, updated_at = ? WHERE id = ?", NULL},
	[ST_USER_SET_STATUS] = {"user_set_status",
	    "UPDATE users SET status = ?, updated_at = ? WHERE id = ?", NULL},
	[ST_USER_SET_LOCALE] = {"user_set_locale",
	    "UPDATE users SET locale = ?, updated_at = ? WHERE id = ?", NULL},
	[ST_USER_SET_FAILS] = {"user_set_fails",
	    "UPDATE users SET fail_window_start = ?, fail_count = ?, locked_at = ? WHERE id = ?", NULL},
	[ST_USER_LIST] = {"user_list",
	    "SELECT " USER_COLS " FROM users u ORDER BY u.id LIMIT ? OFFSET ?", NULL},
	[ST_USER_COUNT] = {"user_count", "SELECT count(*) FROM users", NULL},

	[ST_SESSION_INSERT] = {"session_insert",
	    "INSERT INTO sessions (id_hash, user_id, kind, created_at, seen_at, ip) "
	    "VALUES (?, ?, ?, ?, ?, ?)", NULL},
	[ST_SESSION_GET] = {"session_get",
	    "SELECT s.created_at, s.seen_at, s.kind, " USER_COLS
	    " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?", NULL},
	[ST_SESSION_TOUCH] = {"session_touch",
	    "UPDATE sessions SET seen_at = ? WHERE id_hash = ?", NULL},
	[ST_SESSION_DELETE] = {"session_delete",
	    "DELETE FROM sessions WHERE id_hash = ?", NULL},
	[ST_SESSION_DELETE_USER] = {"session_delete_user",
	    "DELETE FROM sessions WHERE user_id = ?", NULL},
	[ST_SESSION_PURGE] = {"session_purge",
	    "DELETE FROM sessions WHERE seen_at < ? OR created_at < ?", NULL},

	[ST_TOKEN_INSERT] = {"token_insert",
	    "INSERT INTO tokens (hash, kind, user_id, data, created_at, expires_at) "
	    "VALUES (?, ?, ?, ?, ?, ?)", NULL},
	[ST_TOKEN_GET] = {"token_get",
	    "SELECT user_id, data, expires_at, used_at FROM tokens WHERE hash = ? AND kind = ?", NULL},
	[ST_TOKEN_USE] = {"token_use",
	    "UPDATE tokens SET used_at = ? WHERE hash = ? AND kind = ? AND used_at IS NULL "
	    "AND expires_at > ?", NULL},

	[ST_OUTBOX_INSERT] = {"outbox_insert",
	    "INSERT INTO outbox (to_addr, subject, body, message_id, status, attempts, "
	    "next_at, created_at) VALUES (?, ?, ?, ?, 'new', 0, ?, ?) RETURNING id", NULL},
	/* Claims the oldest due row: new mail, or mail whose sender died mid-send
	 * (claimed more than ? seconds ago).  PostgreSQL nodes skip rows another
	 * node holds, so two nodes never send the same mail. */
	[ST_OUTBOX_CLAIM] = {"outbox_claim",
	    "UPDATE outbox SET status = 'sending', claimed_at = ?, attempts = attempts + 1 "
	    "WHERE id = (SELECT id FROM outbox WHERE (status = 'new' AND next_at <= ?) "
	    "OR (status = 'sending' AND claimed_at < ?) ORDER BY id LIMIT 1) "
	    "RETURNING id, to_addr, subject, body, message_id, attempts",
	    "UPDATE outbox SET status = 'sending', claimed_at = $1, attempts = attempts + 1 "
	    "WHERE id = (SELECT id FROM outbox WHERE (status = 'new' AND next_at <= $2) "
	    "OR (status = 'sending' AND claimed_at < $3) ORDER BY id LIMIT 1 "
	    "FOR UPDATE SKIP LOCKED) "
	    "RETURNING id, to_addr, subject, body, message_id, attempts"},
	[ST_OUTBOX_SENT] = {"outbox_sent",
	    "UPDATE outbox SET status = 'sent', sent_at = ?, last_error = NULL WHERE id = ?", NULL},
	[ST_OUTBOX_RETRY] = {"outbox_retry",
	    "UPDATE outbox SET status = 'new', next_at = ?, last_error = ? WHERE id = ?", NULL},
	[ST_OUTBOX_PENDING] = {"outbox_pending",
	    "SELECT count(*) FROM outbox WHERE status <> 'sent'", NULL},

	[ST_AUDIT_INSERT] = {"audit_insert",
	    "INSERT INTO audit_log (at, user_id, action, ip, detail) VALUES (?, ?, ?, ?, ?)", NULL},
	[ST_AUDIT_LIST] = {"audit_list",
	    "SELECT a.id, a.at, a.user_id, u.email, a.action, a.ip, a.detail "
	    "FROM audit_log a LEFT JOIN users u ON u.id = a.user_id "
	    "ORDER BY a.id DESC LIMIT ? OFFSET ?", NULL},
	[ST_AUDIT_COUNT] = {"audit_count", "SELECT count(*) FROM audit_log", NULL},
};
_Static_assert(sizeof db_stmt_texts / sizeof db_stmt_texts[0] == DB_STMT__MAX,
    "every enum db_stmt needs its row in db_stmt_texts");

/* ---- migrations ------------------------------------------------------ */

#define SQLITE_ID "INTEGER PRIMARY KEY"
#define PG_ID "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"

#define M1(ID) \
	"CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);" \
	"CREATE TABLE users (" \
	" id " ID "," \
	" email TEXT NOT NULL UNIQUE," \
	" name TEXT NOT NULL," \
	" password_hash TEXT NOT NULL," \
	" role TEXT NOT NULL CHECK (role IN ('member','focal','staff','admin'))," \
	" status TEXT NOT NULL CHECK (status IN ('active','disabled'))," \
	" locale TEXT, tz TEXT, org_id BIGINT," \
	" verified_at BIGINT, locked_at BIGINT," \
	" fail_window_start BIGINT NOT NULL DEFAULT 0, fail_count INTEGER NOT NULL DEFAULT 0," \
	" created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL);" \
	"CREATE TABLE sessions (" \
	" id_hash TEXT PRIMARY KEY," \
	" user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" kind TEXT NOT NULL, created_at BIGINT NOT NULL, seen_at BIGINT NOT NULL, ip TEXT);" \
	"CREATE INDEX sessions_user ON sessions(user_id);" \
	"CREATE TABLE tokens (" \
	" hash TEXT PRIMARY KEY, kind TEXT NOT NULL," \
	" user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE," \
	" data TEXT, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, used_at BIGINT);" \
	"CREATE TABLE outbox (" \
	" id " ID "," \
	" to_addr TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL," \
	" message_id TEXT NOT NULL UNIQUE," \
	" status TEXT NOT NULL, attempts INTEGER NOT NULL, next_at BIGINT NOT NULL," \
	" claimed_at BIGINT, sent_at BIGINT, last_error TEXT, created_at BIGINT NOT NULL);" \
	"CREATE INDEX outbox_due ON outbox(status, next_at);" \
	"CREATE TABLE audit_log (" \
	" id " ID "," \
	" at BIGINT NOT NULL, user_id BIGINT, action TEXT NOT NULL, ip TEXT, detail TEXT);"

const struct db_migration db_migrations[] = {
	{1, M1(SQLITE_ID), M1(PG_ID)},
	{0, NULL, NULL},
};
