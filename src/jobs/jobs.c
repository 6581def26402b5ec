/*
 * jobs.c -- queueing jobs, the claim-run-record loop and the worker
 * threads; see jobs.h.
 *
 * A row's life: 'queued' (due at run_after) -> 'running' (claimed, leased,
 * attempts counted) -> 'done', or back to 'queued' with run_after pushed out
 * by the back-off, or 'failed' after the kind's last attempt.  No database
 * connection is held while a handler runs: it borrows its own from the pool.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"
#include "jobs/jobs.h"

#define DEFAULT_ATTEMPTS	5
#define DEFAULT_LEASE		300
#define WORKER_PERIOD_MS	1000
#define PURGE_AFTER		(30 * 24 * 3600)	/* done jobs are kept this long */
#define NODE_MAX		64

struct job_ctx {
	struct db_pool *pool;
	const struct job_kind *kind;
	const char *node;
	int64_t id;
	char *result;		/* owned */
	char error[JOB_ERROR_MAX + 1];
};

int
job_backoff(int attempts)
{
	if (attempts < 1)
		return 5;
	if (attempts >= 11)	/* 5 * 2^10 > JOB_BACKOFF_MAX */
		return JOB_BACKOFF_MAX;
	return (5 << (attempts - 1)) < JOB_BACKOFF_MAX ? 5 << (attempts - 1) : JOB_BACKOFF_MAX;
}

enum ws_err
job_enqueue(struct db *d, const char *kind, const char *payload, time_t run_after, int64_t *id)
{
	struct db_q *q;
	enum ws_err rc;
	time_t now = now_s();

	if (!kind || !*kind || strlen(kind) > JOB_KIND_MAX)
		return WS_EINVAL;
	if (!payload)
		payload = "{}";
	if (strlen(payload) > JOB_PAYLOAD_MAX)
		return WS_ETOOBIG;
	q = db_start(d, ST_JOB_INSERT);
	db_bind_text(q, 1, kind);
	db_bind_text(q, 2, payload);
	db_bind_int(q, 3, run_after > 0 ? run_after : now);
	db_bind_int(q, 4, now);
	db_bind_int(q, 5, now);
	rc = db_step(q);
	if (rc == WS_OK && id)
		*id = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

enum ws_err
job_pending(struct db *d, const char *kind, int64_t *n)
{
	struct db_q *q = db_start(d, ST_JOB_PENDING_KIND);
	enum ws_err rc;

	*n = 0;
	db_bind_text(q, 1, kind);
	if ((rc = db_step(q)) == WS_OK)
		*n = db_col_int(q, 0);
	db_end(q);
	return rc;
}

enum ws_err
job_retry(struct db *d, int64_t id)
{
	struct db_q *q = db_start(d, ST_JOB_RETRY);
	int64_t changed = 0;
	enum ws_err rc;

	db_bind_int(q, 1, now_s());
	db_bind_int(q, 2, now_s());
	db_bind_int(q, 3, id);
	rc = db_exec(q, &changed);
	db_end(q);
	if (rc != WS_OK || changed == 1)
		return rc;
	q = db_start(d, ST_JOB_GET);	/* absent, or not failed? */
	db_bind_int(q, 1, id);
	rc = db_step(q);
	db_end(q);
	if (rc == WS_EDONE)
		return WS_ENOTFOUND;
	return rc == WS_OK ? WS_ECONFLICT : rc;
}

/* ---- in a handler ---------------------------------------------------- */

struct db_pool *
job_pool(struct job_ctx *c)
{
	return c->pool;
}

void *
job_arg(struct job_ctx *c)
{
	return c->kind->arg;
}

static int
lease_of(const struct job_kind *k)
{
	return k->lease_seconds > 0 ? k->lease_seconds : DEFAULT_LEASE;
}

enum ws_err
job_progress(struct job_ctx *c, const char *progress)
{
	struct db *d = db_acquire(c->pool);
	struct db_q *q = db_start(d, ST_JOB_LEASE);
	int64_t changed = 0;
	enum ws_err rc;

	db_bind_int(q, 1, now_s() + lease_of(c->kind));
	if (progress)
		db_bind_text(q, 2, progress);
	else
		db_bind_null(q, 2);
	db_bind_int(q, 3, now_s());
	db_bind_int(q, 4, c->id);
	db_bind_text(q, 5, c->node);
	rc = db_exec(q, &changed);
	db_end(q);
	db_release(c->pool, d);
	if (rc == WS_OK && changed != 1) {
		log_warn("job %lld: lease lost; another worker has it", (long long)c->id);
		return WS_ECONFLICT;
	}
	return rc;
}

void
job_result(struct job_ctx *c, const char *result)
{
	free(c->result);
	c->result = result ? xstrdup(result) : NULL;
}

void
job_error(struct job_ctx *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->error, sizeof c->error, fmt, ap);
	va_end(ap);
}

/* ---- claim, run, record ---------------------------------------------- */

static const struct job_kind *
kind_find(const struct job_kind *kinds, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	return NULL;
}

/* Records the outcome of the attempt c ran: done, queued again or failed. */
static enum ws_err
record(struct job_ctx *c, const struct job *j, enum ws_err outcome)
{
	struct db *d = db_acquire(c->pool);
	struct db_q *q;
	enum ws_err rc;
	int64_t changed = 0;
	time_t now = now_s();
	int max = c->kind && c->kind->max_attempts > 0 ? c->kind->max_attempts : DEFAULT_ATTEMPTS;

	if (outcome == WS_OK) {
		q = db_start(d, ST_JOB_DONE);
		if (c->result)
			db_bind_text(q, 1, c->result);
		else
			db_bind_null(q, 1);
		db_bind_int(q, 2, now);
		db_bind_int(q, 3, now);
		db_bind_int(q, 4, j->id);
		db_bind_text(q, 5, c->node);
	} else {
		int last = j->attempts >= max;

		if (!c->error[0])
			snprintf(c->error, sizeof c->error, "%s", ws_strerror(outcome));
		log_warn("job %lld (%s), attempt %d of %d: %s%s", (long long)j->id, j->kind,
		    j->attempts, max, c->error, last ? "; giving up" : "");
		q = db_start(d, ST_JOB_FAIL);
		db_bind_text(q, 1, last ? "failed" : "queued");
		db_bind_int(q, 2, now + (last ? 0 : job_backoff(j->attempts)));
		db_bind_text(q, 3, c->error);
		db_bind_int(q, 4, now);
		db_bind_int(q, 5, j->id);
		db_bind_text(q, 6, c->node);
	}
	rc = db_exec(q, &changed);
	db_end(q);
	db_release(c->pool, d);
	if (rc == WS_OK && changed != 1)	/* taken over meanwhile: theirs to record */
		log_warn("job %lld: finished after its lease was lost", (long long)j->id);
	return rc;
}

/* Claims one due job and runs it: WS_OK when one ran, WS_EDONE when none
 * was due. */
static enum ws_err
run_one(struct db_pool *pool, const struct job_kind *kinds, size_t n, const char *node)
{
	struct job_ctx c = { .pool = pool, .node = node };
	struct job j = { 0 };
	struct db *d = db_acquire(pool);
	struct db_q *q;
	char *kind = NULL, *payload = NULL;
	enum ws_err rc, outcome;
	time_t now = now_s();

	/* The lease is the longest of any kind; the handler's first progress
	 * sets its own.  (The kind is known only once the row is claimed.) */
	q = db_start(d, ST_JOB_CLAIM);
	db_bind_text(q, 1, node);
	db_bind_int(q, 2, now + DEFAULT_LEASE);
	db_bind_int(q, 3, now);
	db_bind_int(q, 4, now);
	db_bind_int(q, 5, now);
	rc = db_step(q);
	if (rc == WS_OK) {
		j.id = db_col_int(q, JOB_CLAIM_C_ID);
		kind = xstrdup(db_col_text(q, JOB_CLAIM_C_KIND));
		payload = xstrdup(db_col_text(q, JOB_CLAIM_C_PAYLOAD));
		j.attempts = (int)db_col_int(q, JOB_CLAIM_C_ATTEMPTS);
	}
	db_end(q);
	db_release(pool, d);
	if (rc != WS_OK)
		return rc;
	j.kind = kind;
	j.payload = payload;
	c.id = j.id;
	c.kind = kind_find(kinds, n, kind);
	if (!c.kind) {
		job_error(&c, "no worker knows jobs of kind \"%s\"", kind);
		outcome = WS_EINVAL;
	} else if (j.attempts > (c.kind->max_attempts > 0 ? c.kind->max_attempts :
	    DEFAULT_ATTEMPTS)) {
		/* claimed again after every attempt lapsed: it kills its worker */
		job_error(&c, "stopped: the worker running it stopped %d times", j.attempts - 1);
		outcome = WS_EINVAL;
	} else if ((outcome = job_progress(&c, NULL)) == WS_OK) {	/* the kind's lease */
		outcome = c.kind->run(&c, &j);
	}
	rc = outcome == WS_ECONFLICT ? WS_OK : record(&c, &j, outcome);
	free(c.result);
	free(kind);
	free(payload);
	return rc == WS_OK ? WS_OK : rc;
}

enum ws_err
jobs_run_once(struct db_pool *pool, const struct job_kind *kinds, size_t nkinds,
    const char *node, int max, int *ran)
{
	enum ws_err rc = WS_OK;
	int n = 0;

	while (max <= 0 || n < max) {
		rc = run_one(pool, kinds, nkinds, node);
		if (rc != WS_OK)
			break;
		n++;
	}
	if (ran)
		*ran = n;
	return rc == WS_EDONE ? WS_OK : rc;
}

/* ---- the workers ------------------------------------------------------ */

struct worker {
	struct jobs *js;
	pthread_t thread;
	char node[NODE_MAX];	/* this thread's name in claimed_by */
};

struct jobs {
	struct db_pool *pool;
	const struct job_kind *kinds;
	size_t nkinds;
	struct worker *w;
	int n;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int stop, kicked;
	time_t purged;		/* when done jobs were last purged */
};

static void
purge(struct jobs *js)
{
	struct db *d;
	struct db_q *q;

	if (now_s() - js->purged < 3600)
		return;
	js->purged = now_s();
	d = db_acquire(js->pool);
	q = db_start(d, ST_JOB_PURGE);
	db_bind_int(q, 1, now_s() - PURGE_AFTER);
	db_exec_logged(q);
	db_end(q);
	db_release(js->pool, d);
}

static void *
worker(void *arg)
{
	struct worker *me = arg;
	struct jobs *js = me->js;
	struct timespec until;

	for (;;) {
		pthread_mutex_lock(&js->mu);
		if (js->stop) {
			pthread_mutex_unlock(&js->mu);
			break;
		}
		if (!js->kicked) {
			clock_gettime(CLOCK_REALTIME, &until);
			until.tv_sec += WORKER_PERIOD_MS / 1000;
			pthread_cond_timedwait(&js->cv, &js->mu, &until);
		}
		js->kicked = 0;
		if (js->stop) {
			pthread_mutex_unlock(&js->mu);
			break;
		}
		pthread_mutex_unlock(&js->mu);
		if (jobs_run_once(js->pool, js->kinds, js->nkinds, me->node, 0, NULL) != WS_OK)
			log_warn("jobs: the database failed; trying again shortly");
		pthread_mutex_lock(&js->mu);
		purge(js);
		pthread_mutex_unlock(&js->mu);
	}
	return NULL;
}

struct jobs *
jobs_start(struct db_pool *pool, const struct job_kind *kinds, size_t nkinds, int n)
{
	struct jobs *js = xcalloc(1, sizeof *js);
	char host[NODE_MAX / 2] = "node";
	int i;

	js->pool = pool;
	js->kinds = kinds;
	js->nkinds = nkinds;
	js->w = xcalloc((size_t)(n < 1 ? 1 : n), sizeof *js->w);
	gethostname(host, sizeof host - 1);
	pthread_mutex_init(&js->mu, NULL);
	pthread_cond_init(&js->cv, NULL);
	for (i = 0; i < (n < 1 ? 1 : n); i++) {
		js->w[i].js = js;
		snprintf(js->w[i].node, sizeof js->w[i].node, "%s:%ld:%d", host, (long)getpid(), i);
		if (pthread_create(&js->w[i].thread, NULL, worker, &js->w[i]) != 0) {
			log_warn("jobs: cannot start worker %d: %s", i, strerror(errno));
			break;
		}
		js->n = i + 1;
	}
	if (js->n == 0) {
		jobs_stop(js);
		return NULL;
	}
	return js;
}

void
jobs_kick(struct jobs *js)
{
	if (!js)
		return;
	pthread_mutex_lock(&js->mu);
	js->kicked = 1;
	pthread_cond_broadcast(&js->cv);
	pthread_mutex_unlock(&js->mu);
}

void
jobs_stop(struct jobs *js)
{
	int i;

	if (!js)
		return;
	pthread_mutex_lock(&js->mu);
	js->stop = 1;
	pthread_cond_broadcast(&js->cv);
	pthread_mutex_unlock(&js->mu);
	for (i = 0; i < js->n; i++)
		pthread_join(js->w[i].thread, NULL);
	pthread_mutex_destroy(&js->mu);
	pthread_cond_destroy(&js->cv);
	free(js->w);
	free(js);
}
