/*
 * jobs.h -- background work kept in the database: a `jobs` table and the
 * worker threads that run it, on every node.
 *
 * Code that wants work done later calls job_enqueue() on the connection it
 * is using, usually inside its own transaction, so the job exists if and
 * only if the change that asked for it commits.  A worker claims a due job
 * (status 'queued', run_after passed), runs the handler its kind names and
 * records the outcome: 'done' with a result, or back to 'queued' with the
 * error kept and run_after pushed out by a back-off, until the kind's
 * max_attempts, when it stops as 'failed' with its last error.  Staff can
 * queue a failed job again (job_retry).
 *
 * A claim is a lease: claimed_by names the worker, claimed_until when the
 * claim lapses.  A node that dies mid-job leaves a lapsed lease, and any
 * worker takes the job over.  A handler that runs long renews its lease
 * with job_progress(), which also stores how far it is for people to see,
 * and learns there (WS_ECONFLICT) when another worker took the job over.
 * On PostgreSQL the claim skips rows other nodes hold (FOR UPDATE SKIP
 * LOCKED); on SQLite writers are serialized, so the claim's single UPDATE
 * is the same guarantee.  Either way two workers never run one job at once
 * while its lease holds.
 *
 * The module owns the jobs table's rows; its SQL is the ST_JOB_* rows of
 * src/db/statements.c.  Times come from now_s() (src/core/util.h), which
 * tests move.  It knows core and db only: the kinds and their handlers are
 * given to it by the program (src/app/app.c).
 */
#ifndef WS_JOBS_H
#define WS_JOBS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/err.h"

struct db;
struct db_pool;

#define JOB_KIND_MAX	40		/* bytes of a kind's name */
#define JOB_PAYLOAD_MAX	(64 * 1024)	/* bytes of a payload (JSON text) */
#define JOB_ERROR_MAX	1000		/* bytes of a kept error, after which it is cut */
#define JOB_BACKOFF_MAX	3600		/* seconds between attempts, at most */

/* A claimed job, as its handler sees it.  Strings live until it returns. */
struct job {
	int64_t id;
	const char *kind;
	const char *payload;	/* JSON text, as enqueued ("{}" when none) */
	int attempts;		/* this one included */
};

struct job_ctx;

/* What a kind of job is and how it runs. */
struct job_kind {
	const char *name;	/* "import_orgs"; stored in each row */
	/* Runs j.  WS_OK: done (with job_result's value, if any).  Any error:
	 * the attempt failed, with job_error's message or ws_strerror(). */
	enum ws_err (*run)(struct job_ctx *c, const struct job *j);
	int max_attempts;	/* then 'failed'; <= 0: 5 */
	int lease_seconds;	/* a claim held this long without progress lapses; <= 0: 300 */
	void *arg;		/* for the handler: job_arg() */
};

/*
 * Queues a job of kind with payload (JSON text; NULL: "{}"), due at
 * run_after (0: now), on d, inside the caller's transaction when one is
 * open.  Its id into *id when id is not NULL.  WS_EINVAL: kind empty or
 * over JOB_KIND_MAX; WS_ETOOBIG: payload over JOB_PAYLOAD_MAX.
 */
enum ws_err job_enqueue(struct db *d, const char *kind, const char *payload, time_t run_after,
    int64_t *id) WS_WUR;

/* How many jobs of kind are queued or running (*n); for a recurring kind
 * that queues its next run itself, whether one is already on its way. */
enum ws_err job_pending(struct db *d, const char *kind, int64_t *n) WS_WUR;

/* Queues failed job id again, due now, its attempts counted from zero.
 * WS_ECONFLICT when it is not 'failed', WS_ENOTFOUND when absent. */
enum ws_err job_retry(struct db *d, int64_t id) WS_WUR;

/* Seconds to wait after the attempts-th failed attempt: 5 * 2^(attempts-1),
 * at most JOB_BACKOFF_MAX. */
int job_backoff(int attempts);

/* ---- in a handler ---- */

/* The pool to work on: borrow a connection around each statement or
 * transaction, never across long waits. */
struct db_pool *job_pool(struct job_ctx *c);
/* The kind's arg. */
void *job_arg(struct job_ctx *c);
/* Stores how far the job is (JSON text, shown to staff and to whoever waits
 * on it) and renews the lease.  WS_ECONFLICT when the lease was lost:
 * another worker has the job, so stop and return the error. */
enum ws_err job_progress(struct job_ctx *c, const char *progress) WS_WUR;
/* The value stored with the job when the handler returns WS_OK (JSON text;
 * copied). */
void job_result(struct job_ctx *c, const char *result);
/* Why this attempt failed, kept with the job (cut to JOB_ERROR_MAX). */
void job_error(struct job_ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- running them ---- */

/*
 * Claims and runs due jobs until none is due, or max of them ran (<= 0: no
 * limit), as worker `node`.  *ran (may be NULL) receives how many ran.
 * WS_EDB when the database failed; a failing handler is an outcome, not an
 * error.  For tests and for the workers.
 */
enum ws_err jobs_run_once(struct db_pool *pool, const struct job_kind *kinds, size_t nkinds,
    const char *node, int max, int *ran) WS_WUR;

struct jobs;

/* Starts n worker threads (n < 1: 1) that run due jobs at least every
 * second, and at once after jobs_kick().  kinds must outlive the workers.
 * NULL when no thread could be created (logged). */
struct jobs *jobs_start(struct db_pool *pool, const struct job_kind *kinds, size_t nkinds, int n);
/* Wakes the workers (after committing a transaction that queued a job). */
void jobs_kick(struct jobs *j);
/* Stops the workers after the jobs in flight, joins and frees them.  NULL
 * is a no-op. */
void jobs_stop(struct jobs *j);

#endif
