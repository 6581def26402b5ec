/*
 * db.h -- the store's one interface, over SQLite (default, embedded) and
 * PostgreSQL (several nodes).
 *
 * A struct db_pool owns a fixed number of connections opened at start-up; a
 * request borrows one with db_acquire() and gives it back with db_release().
 * Every SQL statement the program runs is a row of the statement table in
 * statements.c, named by enum db_stmt and prepared on every connection when it
 * opens, so a schema mismatch fails at start-up and no SQL is ever assembled
 * from strings at run time.  Parameters are written "?" in the table; the
 * PostgreSQL backend numbers them.  Times are stored as integer Unix seconds.
 *
 * Nothing outside src/db/ includes sqlite3.h or libpq-fe.h.
 */
#ifndef WS_DB_H
#define WS_DB_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "db/statements.h"

struct db;		/* one connection */
struct db_pool;		/* a fixed set of connections to one database */
struct db_q;		/* a statement in progress on a connection */

enum db_kind { DB_SQLITE, DB_PG };

/*
 * Opens n connections to url ("sqlite:PATH", "postgresql://...",
 * "postgres://...") and prepares every statement on each.  When migrate is
 * set, first applies pending migrations.  On failure writes a one-line reason
 * into err and returns WS_EDB.  Free with db_pool_free().
 */
enum ws_err db_pool_open(const char *url, int n, int migrate, struct db_pool **out,
    char *err, size_t errlen) WS_WUR;
void db_pool_free(struct db_pool *p);
enum db_kind db_pool_kind(const struct db_pool *p);
enum db_kind db_conn_kind(const struct db *d);

/* Borrows a connection, waiting while all are in use.  Never NULL. */
struct db *db_acquire(struct db_pool *p);
/* Gives it back; an open transaction is rolled back first. */
void db_release(struct db_pool *p, struct db *d);

/* Applies pending migrations; reports what it did on stdout when verbose. */
enum ws_err db_migrate_url(const char *url, int verbose, char *err, size_t errlen) WS_WUR;

/*
 * Starts statement s on d.  Bind parameters (1-based) with db_bind_*, then
 * call db_step() until it returns WS_EDONE; read columns (0-based) after each
 * WS_OK.  db_end() always, whatever happened.  Only one statement may be in
 * progress on a connection at a time.
 */
struct db_q *db_start(struct db *d, enum db_stmt s);
void db_bind_text(struct db_q *q, int i, const char *v);	/* NULL binds NULL */
void db_bind_int(struct db_q *q, int i, int64_t v);
void db_bind_null(struct db_q *q, int i);
/* Binds n bytes of data as a BLOB (BYTEA); copied. */
void db_bind_blob(struct db_q *q, int i, const void *data, size_t n);
/* WS_OK: a row is ready; WS_EDONE: no more rows; WS_ECONFLICT: a unique or
 * foreign-key constraint failed; WS_EDB: anything else (logged). */
enum ws_err db_step(struct db_q *q) WS_WUR;
/* Column values of the current row; text is owned by q and valid until the
 * next db_step/db_end.  NULL text for SQL NULL. */
const char *db_col_text(struct db_q *q, int i);
int64_t db_col_int(struct db_q *q, int i);
int db_col_null(struct db_q *q, int i);
/* A BLOB column: its bytes (owned by q, valid like db_col_text) and length. */
const void *db_col_blob(struct db_q *q, int i, size_t *len);
void db_end(struct db_q *q);

/* Convenience: run s to completion (a write); WS_OK, WS_ECONFLICT or WS_EDB.
 * changes, when not NULL, receives the number of rows changed. */
enum ws_err db_exec(struct db_q *q, int64_t *changes) WS_WUR;

/* db_exec() for writes whose failure the caller can only log (best-effort
 * bookkeeping such as touching a session); failures are logged. */
void db_exec_logged(struct db_q *q);

/* Transactions on d: BEGIN (IMMEDIATE on SQLite), COMMIT, ROLLBACK. */
enum ws_err db_begin(struct db *d) WS_WUR;
enum ws_err db_commit(struct db *d) WS_WUR;
void db_rollback(struct db *d);

/* Whether a transaction is open on d. */
int db_in_tx(const struct db *d);

#define DB_AFTER_COMMIT_MAX 4	/* distinct calls one transaction can wait with */

/*
 * Calls fn(arg) once the transaction open on d has committed, or at once
 * when none is open; forgets it when the transaction rolls back or its
 * COMMIT fails.  The same fn and arg asked for twice run once.  For waking
 * whoever works on the rows the transaction wrote (job workers), so they
 * look when the rows can be seen.  Over DB_AFTER_COMMIT_MAX distinct calls
 * in one transaction, the extra ones run at once.
 */
void db_after_commit(struct db *d, void (*fn)(void *), void *arg);

/* How many result columns statement s has on d, as prepared: for the test
 * that holds them to the names statements.h gives them.  -1 on failure. */
int db_stmt_columns(struct db *d, enum db_stmt s);

/* Answers WS_OK when the database answers a trivial query. */
enum ws_err db_ping(struct db *d) WS_WUR;

/* SQLite only: copies the live database into path (online backup API). */
enum ws_err db_backup(struct db *d, const char *path, char *err, size_t errlen) WS_WUR;

#endif
