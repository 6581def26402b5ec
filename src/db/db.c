/*
 * db.c -- the backend-independent half of the store: URL dispatch, the
 * connection pool, the writer lane, migrations and the thin wrappers over
 * struct db_ops.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "core/mem.h"
#include "db/db_int.h"

struct db_pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int n;
	int nfree;
	struct db **conns;
	struct db **idle;	/* stack of idle connections */
	enum db_kind kind;
	struct db_lane *lane;	/* one-writer backends only */
};

/* ---- the writer lane (see db_int.h) ------------------------------------- */

/* A thread waiting for the lane; lives on that thread's stack. */
struct lane_wait {
	pthread_cond_t cv;
	pthread_t who;
	struct lane_wait *next;
	int granted;		/* the lane was handed to this waiter */
};

struct db_lane {
	pthread_mutex_t mu;
	int held;
	pthread_t holder;
	struct lane_wait *head, *tail;	/* FIFO of waiters */
	int nwait;
};

static struct db_lane *
lane_new(void)
{
	struct db_lane *l = xcalloc(1, sizeof *l);

	pthread_mutex_init(&l->mu, NULL);
	return l;
}

static void
lane_free(struct db_lane *l)
{
	if (!l)
		return;
	pthread_mutex_destroy(&l->mu);
	free(l);
}

/* Takes the lane, waiting behind those who asked first; WS_EUNAVAIL after
 * DB_LANE_WAIT_MS (the server is busy: a 503, not a 500; at a load of 15,
 * 6 of make check's 500 racing registrations waited that long), or WS_EDB
 * at once when this thread holds it already (through another connection:
 * waiting would never end). */
static enum ws_err
lane_enter(struct db_lane *l)
{
	struct lane_wait w = { .who = pthread_self() };
	struct lane_wait **pp;
	pthread_condattr_t ca;
	struct timespec until;
	enum ws_err rc = WS_OK;

	pthread_mutex_lock(&l->mu);
	if (l->held && pthread_equal(l->holder, w.who)) {
		pthread_mutex_unlock(&l->mu);
		log_error("db: a thread asked for the writer lane it holds (two connections?)");
		return WS_EDB;
	}
	if (!l->held) {
		l->held = 1;
		l->holder = w.who;
		pthread_mutex_unlock(&l->mu);
		return WS_OK;
	}
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&w.cv, &ca);
	pthread_condattr_destroy(&ca);
	if (l->tail)
		l->tail->next = &w;
	else
		l->head = &w;
	l->tail = &w;
	l->nwait++;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += DB_LANE_WAIT_MS / 1000;
	until.tv_nsec += (long)(DB_LANE_WAIT_MS % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	while (!w.granted)
		if (pthread_cond_timedwait(&w.cv, &l->mu, &until) == ETIMEDOUT && !w.granted)
			break;
	if (!w.granted) {	/* gave up: leave the queue */
		struct lane_wait *prev = NULL;

		for (pp = &l->head; *pp != &w; pp = &(*pp)->next)
			prev = *pp;
		*pp = w.next;
		if (l->tail == &w)
			l->tail = prev;
		l->nwait--;
		rc = WS_EUNAVAIL;
	}
	pthread_mutex_unlock(&l->mu);
	pthread_cond_destroy(&w.cv);
	if (rc != WS_OK)
		log_error("db: waited %d ms for the writer lane; giving up", DB_LANE_WAIT_MS);
	return rc;
}

/* Hands the lane to the first waiter, or frees it. */
static void
lane_leave(struct db_lane *l)
{
	struct lane_wait *w;

	pthread_mutex_lock(&l->mu);
	if ((w = l->head) != NULL) {
		l->head = w->next;
		if (!l->head)
			l->tail = NULL;
		l->nwait--;
		l->holder = w->who;	/* still held: handed over, not freed */
		w->granted = 1;
		pthread_cond_signal(&w->cv);
	} else {
		l->held = 0;
	}
	pthread_mutex_unlock(&l->mu);
}

struct db_lane *
db_pool_lane(struct db_pool *p)
{
	return p->lane;
}

int
db_lane_waiting(struct db_lane *l)
{
	int n;

	pthread_mutex_lock(&l->mu);
	n = l->nwait;
	pthread_mutex_unlock(&l->mu);
	return n;
}

/* Takes the lane for d, when its backend has one and d does not hold it. */
static enum ws_err
conn_lane_enter(struct db *d)
{
	enum ws_err rc;

	if (!d->lane || d->lane_held)
		return WS_OK;
	if ((rc = lane_enter(d->lane)) == WS_OK)
		d->lane_held = 1;
	return rc;
}

static void
conn_lane_leave(struct db *d)
{
	if (!d->lane_held)
		return;
	d->lane_held = 0;
	d->lane_stmt = 0;
	lane_leave(d->lane);
}

static const struct db_ops *
ops_for(const char *url, const char **target)
{
	if (strncmp(url, "sqlite:", 7) == 0) {
		*target = url + 7;
		return &db_sqlite_ops;
	}
	if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0) {
		*target = url;
		return &db_pg_ops;
	}
	return NULL;
}

/* Begins a migration transaction that only one connection at a time can
 * hold: SQLite's BEGIN IMMEDIATE takes the write lock; on PostgreSQL an
 * advisory lock, released at commit or rollback, keeps nodes starting
 * together from applying the same migration twice. */
static enum ws_err
migrate_begin(struct db *d, char *err, size_t errlen)
{
	enum ws_err rc;

	if ((rc = d->ops->begin(d)) != WS_OK) {
		snprintf(err, errlen, "cannot begin a migration transaction");
		return rc;
	}
	if (d->kind == DB_PG && (rc = d->ops->exec_script(d,
	    "SELECT pg_advisory_xact_lock(4097)", err, errlen)) != WS_OK)
		d->ops->rollback(d);
	return rc;
}

/* Applies each migration that schema_version does not record, in order,
 * each in one transaction with its version row, so a crash leaves either
 * all of a migration or none.  Whether it is recorded is asked again under
 * the lock, so a migration another node applied meanwhile is skipped.  (A
 * recorded set, not a highest number: migrations written on branches that
 * merged in another order are all applied.) */
static enum ws_err
migrate(struct db *d, int verbose, char *err, size_t errlen)
{
	const struct db_migration *m;
	char sql[160], ask[96];
	enum ws_err rc;
	int64_t have = 0;

	if ((rc = migrate_begin(d, err, errlen)) != WS_OK)
		return rc;
	rc = d->ops->exec_script(d, "CREATE TABLE IF NOT EXISTS schema_version "
	    "(version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)", err, errlen);
	if (rc) {
		d->ops->rollback(d);
		return rc;
	}
	if ((rc = d->ops->commit(d)) != WS_OK) {
		snprintf(err, errlen, "cannot create schema_version");
		return rc;
	}
	for (m = db_migrations; m->version; m++) {
		const char *body = d->kind == DB_PG && m->pg ? m->pg : m->sqlite;

		snprintf(ask, sizeof ask, "SELECT count(*) FROM schema_version WHERE version = %d",
		    m->version);
		if ((rc = d->ops->query_int(d, ask, &have, err, errlen)) != WS_OK)
			return rc;
		if (have)
			continue;
		if ((rc = migrate_begin(d, err, errlen)) != WS_OK)
			return rc;
		if ((rc = d->ops->query_int(d, ask, &have, err, errlen)) != WS_OK) {
			d->ops->rollback(d);
			return rc;
		}
		if (have) {	/* another node was first */
			d->ops->rollback(d);
			continue;
		}
		snprintf(sql, sizeof sql,
		    "INSERT INTO schema_version (version, applied_at) VALUES (%d, %lld)",
		    m->version, (long long)time(NULL));
		if ((rc = d->ops->exec_script(d, body, err, errlen)) != WS_OK ||
		    (rc = d->ops->exec_script(d, sql, err, errlen)) != WS_OK) {
			d->ops->rollback(d);
			return rc;
		}
		if ((rc = d->ops->commit(d)) != WS_OK) {
			snprintf(err, errlen, "cannot commit migration %d", m->version);
			return rc;
		}
		if (verbose)
			printf("applied migration %d\n", m->version);
	}
	return WS_OK;
}

static enum ws_err
open_one(const char *url, int do_migrate, int verbose, int prepare, struct db **out,
    char *err, size_t errlen)
{
	const struct db_ops *ops;
	const char *target;
	struct db *d;
	enum ws_err rc;

	if (!(ops = ops_for(url, &target))) {
		snprintf(err, errlen, "unknown database URL (want sqlite:PATH or postgresql://...)");
		return WS_EINVAL;
	}
	if ((rc = ops->open(target, &d, err, errlen)) != WS_OK)
		return rc;
	if (do_migrate && (rc = migrate(d, verbose, err, errlen)) != WS_OK)
		goto fail;
	if (prepare && (rc = ops->prepare_all(d, err, errlen)) != WS_OK)
		goto fail;
	*out = d;
	return WS_OK;
fail:
	ops->close(d);
	return rc;
}

enum ws_err
db_migrate_url(const char *url, int verbose, char *err, size_t errlen)
{
	struct db *d;
	enum ws_err rc;

	if ((rc = open_one(url, 1, verbose, 1, &d, err, errlen)) != WS_OK)
		return rc;
	d->ops->close(d);
	return WS_OK;
}

enum ws_err
db_pool_open(const char *url, int n, int do_migrate, struct db_pool **out, char *err,
    size_t errlen)
{
	struct db_pool *p;
	enum ws_err rc;
	int i;

	if (n < 1)
		n = 1;
	p = xcalloc(1, sizeof *p);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	p->conns = xcalloc((size_t)n, sizeof *p->conns);
	p->idle = xcalloc((size_t)n, sizeof *p->idle);
	for (i = 0; i < n; i++) {
		rc = open_one(url, do_migrate && i == 0, 0, 1, &p->conns[i], err, errlen);
		if (rc) {
			p->n = i;
			db_pool_free(p);
			return rc;
		}
		p->idle[i] = p->conns[i];
	}
	p->n = p->nfree = n;
	p->kind = p->conns[0]->kind;
	if (p->conns[0]->ops->writes) {
		p->lane = lane_new();
		for (i = 0; i < n; i++)
			p->conns[i]->lane = p->lane;
	}
	*out = p;
	return WS_OK;
}

void
db_pool_free(struct db_pool *p)
{
	int i;

	if (!p)
		return;
	for (i = 0; i < p->n; i++)
		p->conns[i]->ops->close(p->conns[i]);
	free(p->conns);
	free(p->idle);
	lane_free(p->lane);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	free(p);
}

enum db_kind
db_pool_kind(const struct db_pool *p)
{
	return p->kind;
}

enum db_kind
db_conn_kind(const struct db *d)
{
	return d->kind;
}

struct db *
db_acquire(struct db_pool *p)
{
	struct db *d;

	pthread_mutex_lock(&p->mu);
	while (p->nfree == 0)
		pthread_cond_wait(&p->cv, &p->mu);
	d = p->idle[--p->nfree];
	pthread_mutex_unlock(&p->mu);
	return d;
}

void
db_release(struct db_pool *p, struct db *d)
{
	if (!d)
		return;
	if (d->in_tx || d->lane_held)
		db_rollback(d);
	pthread_mutex_lock(&p->mu);
	p->idle[p->nfree++] = d;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

/* ---- wrappers -------------------------------------------------------- */

struct db_q *
db_start(struct db *d, enum db_stmt s)
{
	if ((unsigned)s >= DB_STMT__MAX || d->busy)
		fatal("db_start(%d): bad statement or one already in progress", (int)s);
	d->busy = 1;
	return d->ops->start(d, s);
}

void db_bind_text(struct db_q *q, int i, const char *v) { q->d->ops->bind_text(q, i, v); }
void db_bind_int(struct db_q *q, int i, int64_t v) { q->d->ops->bind_int(q, i, v); }
void db_bind_null(struct db_q *q, int i) { q->d->ops->bind_null(q, i); }
void db_bind_blob(struct db_q *q, int i, const void *p, size_t n) { q->d->ops->bind_blob(q, i, p, n); }
const void *db_col_blob(struct db_q *q, int i, size_t *n) { return q->d->ops->col_blob(q, i, n); }

/* A write outside a transaction takes the lane at its first step and keeps
 * it until db_end (SQLite holds its lock that long). */
enum ws_err
db_step(struct db_q *q)
{
	struct db *d = q->d;
	enum ws_err rc;

	if (d->lane && !d->lane_held && d->ops->writes(q)) {
		if ((rc = conn_lane_enter(d)) != WS_OK)
			return rc;
		d->lane_stmt = 1;
	}
	return d->ops->step(q);
}
const char *db_col_text(struct db_q *q, int i) { return q->d->ops->col_text(q, i); }
int64_t db_col_int(struct db_q *q, int i) { return q->d->ops->col_int(q, i); }
int db_col_null(struct db_q *q, int i) { return q->d->ops->col_null(q, i); }

void
db_end(struct db_q *q)
{
	struct db *d;

	if (!q)
		return;
	d = q->d;
	d->ops->end(q);
	d->busy = 0;
	if (d->lane_stmt)
		conn_lane_leave(d);
}

enum ws_err
db_exec(struct db_q *q, int64_t *changes)
{
	enum ws_err rc;

	while ((rc = db_step(q)) == WS_OK)
		;
	if (rc == WS_EDONE) {
		rc = WS_OK;
		if (changes)
			*changes = q->d->ops->changes(q);
	}
	return rc;
}

void
db_exec_logged(struct db_q *q)
{
	if (db_exec(q, NULL) != WS_OK)
		log_warn("statement %s failed", db_stmt_texts[q->s].name);
}

/* On a one-writer backend a transaction holds the lane from BEGIN to its
 * COMMIT or ROLLBACK: every transaction here begins IMMEDIATE, a write one. */
enum ws_err
db_begin(struct db *d)
{
	enum ws_err rc;

	if ((rc = conn_lane_enter(d)) != WS_OK)
		return rc;
	d->lane_stmt = 0;
	if ((rc = d->ops->begin(d)) == WS_OK)
		d->in_tx = 1;
	else
		conn_lane_leave(d);
	return rc;
}

/* A COMMIT that failed may leave the transaction open: the lane is kept
 * until the db_rollback (or db_release) that follows. */
enum ws_err
db_commit(struct db *d)
{
	enum ws_err rc = d->ops->commit(d);
	int i, n = d->nafter;

	d->in_tx = 0;
	d->nafter = 0;
	if (rc == WS_OK)
		conn_lane_leave(d);	/* before the callbacks: they may wake writers */
	for (i = 0; rc == WS_OK && i < n; i++)
		d->after[i].fn(d->after[i].arg);
	return rc;
}

void
db_rollback(struct db *d)
{
	d->ops->rollback(d);
	d->in_tx = 0;
	d->nafter = 0;
	conn_lane_leave(d);
}

int
db_in_tx(const struct db *d)
{
	return d->in_tx;
}

void
db_after_commit(struct db *d, void (*fn)(void *), void *arg)
{
	int i;

	if (!d->in_tx) {
		fn(arg);
		return;
	}
	for (i = 0; i < d->nafter; i++)
		if (d->after[i].fn == fn && d->after[i].arg == arg)
			return;
	if (d->nafter == DB_AFTER_COMMIT_MAX) {
		fn(arg);	/* early is only less useful than on time */
		return;
	}
	d->after[d->nafter].fn = fn;
	d->after[d->nafter++].arg = arg;
}

int
db_stmt_columns(struct db *d, enum db_stmt s)
{
	return d->ops->columns(d, s);
}

enum ws_err
db_ping(struct db *d)
{
	struct db_q *q = db_start(d, ST_PING);
	enum ws_err rc = db_step(q);

	db_end(q);
	return rc == WS_OK ? WS_OK : WS_EUNAVAIL;
}

enum ws_err
db_backup(struct db *d, const char *path, char *err, size_t errlen)
{
	if (!d->ops->backup) {
		snprintf(err, errlen, "backup: use pg_dump for PostgreSQL");
		return WS_EINVAL;
	}
	return d->ops->backup(d, path, err, errlen);
}
