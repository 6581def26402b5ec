/*
 * db_sqlite.c -- the SQLite backend of struct db_ops.
 *
 * Each connection runs in WAL mode with synchronous=FULL (a write that
 * returned is on disk), foreign keys on and a busy timeout, and holds every
 * statement of the table prepared.  SQLite lets one writer in at a time;
 * the threads of this process take turns in db.c's writer lane (sq_writes
 * tells it which statements write), so the busy timeout only matters
 * against another process writing to the same file.
 */
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/mem.h"
#include "db/db_int.h"

struct sq_db {
	struct db base;		/* first: struct db * casts to struct sq_db * */
	sqlite3 *h;
	sqlite3_stmt *stmts[DB_STMT__MAX];
	struct db_q q;		/* the one statement in progress */
};

#define SQ(d) ((struct sq_db *)(d))

static void
sq_close(struct db *d)
{
	struct sq_db *s = SQ(d);
	int i;

	for (i = 0; i < DB_STMT__MAX; i++)
		sqlite3_finalize(s->stmts[i]);
	sqlite3_close(s->h);
	free(s);
}

static enum ws_err
sq_exec_script(struct db *d, const char *sql, char *err, size_t errlen)
{
	char *msg = NULL;

	if (sqlite3_exec(SQ(d)->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(err, errlen, "sqlite: %s", msg ? msg : "error");
		sqlite3_free(msg);
		return WS_EDB;
	}
	return WS_OK;
}

/* SQLite's memory statistics take one mutex of the whole process on every
 * allocation: with 64 connections asking the library at once, a third of
 * the server's time went to that lock (perf, bench/resources).  Nothing
 * here reads them.  Set once, before the first connection initializes
 * SQLite. */
static pthread_once_t sq_config_once = PTHREAD_ONCE_INIT;

static void
sq_config(void)
{
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static enum ws_err
sq_open(const char *path, struct db **out, char *err, size_t errlen)
{
	struct sq_db *s = xcalloc(1, sizeof *s);
	int rc;

	pthread_once(&sq_config_once, sq_config);
	s->base.ops = &db_sqlite_ops;
	s->base.kind = DB_SQLITE;
	rc = sqlite3_open_v2(path, &s->h,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s: %s", path,
		    s->h ? sqlite3_errmsg(s->h) : sqlite3_errstr(rc));
		sq_close(&s->base);
		return WS_EDB;
	}
	/* Another process (or a test's second "node"), not this one's threads,
	 * which queue in the writer lane: SQLite's busy handler is not fair, and
	 * two writers in a tight loop at a load of 19 on 2 cores starved one
	 * past 5 s (jobs_test, two nodes). */
	sqlite3_busy_timeout(s->h, 30000);
	if (sq_exec_script(&s->base, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
	    "PRAGMA foreign_keys=ON;", err, errlen) != WS_OK) {
		sq_close(&s->base);
		return WS_EDB;
	}
	*out = &s->base;
	return WS_OK;
}

static enum ws_err
sq_query_int(struct db *d, const char *sql, int64_t *out, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	int rc;

	*out = 0;
	if (sqlite3_prepare_v2(SQ(d)->h, sql, -1, &st, NULL) != SQLITE_OK) {
		snprintf(err, errlen, "sqlite: %s", sqlite3_errmsg(SQ(d)->h));
		return WS_EDB;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		snprintf(err, errlen, "sqlite: %s", sqlite3_errmsg(SQ(d)->h));
		return WS_EDB;
	}
	return WS_OK;
}

static enum ws_err
sq_prepare_all(struct db *d, char *err, size_t errlen)
{
	struct sq_db *s = SQ(d);
	int i;

	for (i = 0; i < DB_STMT__MAX; i++) {
		if (sqlite3_prepare_v3(s->h, db_stmt_texts[i].sqlite, -1,
		    SQLITE_PREPARE_PERSISTENT, &s->stmts[i], NULL) != SQLITE_OK) {
			snprintf(err, errlen, "statement %s: %s (schema out of date?)",
			    db_stmt_texts[i].name, sqlite3_errmsg(s->h));
			return WS_EDB;
		}
	}
	return WS_OK;
}

static int
sq_columns(struct db *d, enum db_stmt st)
{
	return sqlite3_column_count(SQ(d)->stmts[st]);
}

static struct db_q *
sq_start(struct db *d, enum db_stmt st)
{
	struct sq_db *s = SQ(d);

	s->q.d = d;
	s->q.s = st;
	return &s->q;
}

#define STMT(q) (SQ((q)->d)->stmts[(q)->s])

static void
sq_bind_text(struct db_q *q, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(STMT(q), i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(STMT(q), i);
}

static void
sq_bind_int(struct db_q *q, int i, int64_t v)
{
	sqlite3_bind_int64(STMT(q), i, v);
}

static void
sq_bind_null(struct db_q *q, int i)
{
	sqlite3_bind_null(STMT(q), i);
}

static void
sq_bind_blob(struct db_q *q, int i, const void *data, size_t n)
{
	sqlite3_bind_blob64(STMT(q), i, data, n, SQLITE_TRANSIENT);
}

static const void *
sq_col_blob(struct db_q *q, int i, size_t *len)
{
	const void *p = sqlite3_column_blob(STMT(q), i);

	*len = (size_t)sqlite3_column_bytes(STMT(q), i);
	return p;
}

static enum ws_err
sq_step(struct db_q *q)
{
	int rc = sqlite3_step(STMT(q));

	switch (rc) {
	case SQLITE_ROW:
		return WS_OK;
	case SQLITE_DONE:
		return WS_EDONE;
	case SQLITE_CONSTRAINT:
		return WS_ECONFLICT;
	default:
		log_error("sqlite %s: %s", db_stmt_texts[q->s].name,
		    sqlite3_errmsg(SQ(q->d)->h));
		return WS_EDB;
	}
}

static const char *
sq_col_text(struct db_q *q, int i)
{
	return (const char *)sqlite3_column_text(STMT(q), i);
}

static int64_t
sq_col_int(struct db_q *q, int i)
{
	return sqlite3_column_int64(STMT(q), i);
}

static int
sq_col_null(struct db_q *q, int i)
{
	return sqlite3_column_type(STMT(q), i) == SQLITE_NULL;
}

static int64_t
sq_changes(struct db_q *q)
{
	return sqlite3_changes64(SQ(q->d)->h);
}

static void
sq_end(struct db_q *q)
{
	sqlite3_reset(STMT(q));
	sqlite3_clear_bindings(STMT(q));
}

/* One writer at a time: db.c queues the statements that write. */
static int
sq_writes(struct db_q *q)
{
	return !sqlite3_stmt_readonly(STMT(q));
}

static enum ws_err
sq_simple(struct db *d, const char *sql)
{
	char err[256];
	enum ws_err rc = sq_exec_script(d, sql, err, sizeof err);

	if (rc)
		log_error("%s", err);
	return rc;
}

static enum ws_err sq_begin(struct db *d) { return sq_simple(d, "BEGIN IMMEDIATE"); }
static enum ws_err sq_commit(struct db *d) { return sq_simple(d, "COMMIT"); }

static void
sq_rollback(struct db *d)
{
	if (!sqlite3_get_autocommit(SQ(d)->h))
		(void)sq_simple(d, "ROLLBACK");
}

static enum ws_err
sq_backup(struct db *d, const char *path, char *err, size_t errlen)
{
	sqlite3 *dst;
	sqlite3_backup *b;
	int rc;

	if (sqlite3_open(path, &dst) != SQLITE_OK) {
		snprintf(err, errlen, "cannot open %s: %s", path, sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return WS_EIO;
	}
	b = sqlite3_backup_init(dst, "main", SQ(d)->h, "main");
	if (!b) {
		snprintf(err, errlen, "backup: %s", sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return WS_EIO;
	}
	/* Copy in steps so writers are not held off for the whole copy. */
	do {
		rc = sqlite3_backup_step(b, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		snprintf(err, errlen, "backup: %s", sqlite3_errstr(rc));
		sqlite3_close(dst);
		return WS_EIO;
	}
	sqlite3_close(dst);
	return WS_OK;
}

const struct db_ops db_sqlite_ops = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.exec_script = sq_exec_script,
	.query_int = sq_query_int,
	.prepare_all = sq_prepare_all,
	.start = sq_start,
	.columns = sq_columns,
	.bind_text = sq_bind_text,
	.bind_int = sq_bind_int,
	.bind_null = sq_bind_null,
	.bind_blob = sq_bind_blob,
	.step = sq_step,
	.col_text = sq_col_text,
	.col_int = sq_col_int,
	.col_null = sq_col_null,
	.col_blob = sq_col_blob,
	.changes = sq_changes,
	.end = sq_end,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.backup = sq_backup,
	.writes = sq_writes,
};
