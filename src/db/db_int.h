/*
 * db_int.h -- what the backends share with db.c: the ops struct each backend
 * implements (db_sqlite.c, db_pg.c) and the header every connection and
 * statement starts with.
 */
#ifndef WS_DB_INT_H
#define WS_DB_INT_H

#include <stddef.h>

#include "db/db.h"

struct db_ops {
	const char *name;
	/* Opens one connection to target (URL with any "sqlite:" prefix removed). */
	enum ws_err (*open)(const char *target, struct db **out, char *err, size_t errlen);
	void (*close)(struct db *d);
	/* Runs a script of several statements (migrations). */
	enum ws_err (*exec_script)(struct db *d, const char *sql, char *err, size_t errlen);
	/* Runs sql (no parameters) and reads the first column of its first row
	 * as an integer; 0 when there is no row.  For migrations only. */
	enum ws_err (*query_int)(struct db *d, const char *sql, int64_t *out, char *err, size_t errlen);
	/* Prepares every statement of the table. */
	enum ws_err (*prepare_all)(struct db *d, char *err, size_t errlen);
	struct db_q *(*start)(struct db *d, enum db_stmt s);
	/* How many columns statement s returns (0 for none); -1 on failure. */
	int (*columns)(struct db *d, enum db_stmt s);
	void (*bind_text)(struct db_q *q, int i, const char *v);
	void (*bind_int)(struct db_q *q, int i, int64_t v);
	void (*bind_null)(struct db_q *q, int i);
	void (*bind_blob)(struct db_q *q, int i, const void *data, size_t n);
	enum ws_err (*step)(struct db_q *q);
	const char *(*col_text)(struct db_q *q, int i);
	int64_t (*col_int)(struct db_q *q, int i);
	int (*col_null)(struct db_q *q, int i);
	const void *(*col_blob)(struct db_q *q, int i, size_t *len);
	int64_t (*changes)(struct db_q *q);
	void (*end)(struct db_q *q);
	enum ws_err (*begin)(struct db *d);
	enum ws_err (*commit)(struct db *d);
	void (*rollback)(struct db *d);
	enum ws_err (*backup)(struct db *d, const char *path, char *err, size_t errlen);
	/* Backends with one writer at a time for the whole database (SQLite):
	 * true when q's statement writes, so that db.c queues it in the
	 * writer lane.  NULL for backends that lock rows (PostgreSQL). */
	int (*writes)(struct db_q *q);
};

/*
 * The writer lane: one per pool of a one-writer backend.  Write
 * transactions (db_begin) and writes outside one (a write statement from
 * its first db_step to its db_end) hold it; a thread that asks while it is
 * held waits in a FIFO queue and is handed the lane in turn when its
 * holder lets go.  SQLite's own busy handler sleeps and retries, so a
 * writer that has waited long can lose again and again to one that just
 * arrived; the lane puts the threads of this process in order before
 * they reach SQLite's lock, which then only arbitrates between processes
 * (a command line run next to the server).  See docs/internals/db.md.
 */
struct db_lane;

/* How long a writer waits in the lane before its request fails with
 * WS_EUNAVAIL (a 503), as SQLite's busy timeout did before the lane. */
#define DB_LANE_WAIT_MS 5000

struct db {
	const struct db_ops *ops;
	enum db_kind kind;
	int in_tx;		/* a transaction is open */
	int busy;		/* a statement is in progress */
	struct {
		void (*fn)(void *);
		void *arg;
	} after[DB_AFTER_COMMIT_MAX];	/* db_after_commit() calls waiting for COMMIT */
	int nafter;
	struct db_lane *lane;	/* the pool's writer lane; NULL when the backend needs none */
	int lane_held;		/* this connection holds the lane */
	int lane_stmt;		/* ... for the statement in progress only (no transaction) */
};

struct db_q {
	struct db *d;
	enum db_stmt s;
};

/* The lane of p, or NULL; and how many threads wait in it now (for tests). */
struct db_lane *db_pool_lane(struct db_pool *p);
int db_lane_waiting(struct db_lane *l);

extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_pg_ops;

#endif
