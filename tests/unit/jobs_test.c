/*
 * jobs_test.c -- background jobs in the database (src/jobs/jobs.h): run
 * once, retried with back-off, given up with the error kept, queued again
 * by staff, taken over when a worker dies, never run twice by two workers.
 *
 * Every test runs on a fresh SQLite file and, when WHATSON_TEST_PG names a
 * server, on a fresh PostgreSQL database made with createdb (dropped
 * after).  Time moves with clock_at(), which the module reads
 * through now_s(); nothing waits on the wall clock except the worker test,
 * which waits for the job's row to change (up to 10 s), not a guessed
 * sleep.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"
#include "jobs/jobs.h"

#include "dbfx.h"

/* ---- the kinds the tests run ---------------------------------------- */

#define MANY 200
static atomic_int runs[MANY + 8];	/* per job id: how often a handler ran it */
static int fail_first;			/* "flaky" fails this many attempts */
static struct db_pool *other_pool;	/* "stolen": another node takes it mid-run */

static enum ws_err
run_echo(struct job_ctx *c, const struct job *j)
{
	char out[256];

	if (j->id < MANY + 8)
		atomic_fetch_add(&runs[j->id], 1);
	snprintf(out, sizeof out, "{\"echo\":%s}", j->payload);
	job_result(c, out);
	return WS_OK;
}

static enum ws_err
run_flaky(struct job_ctx *c, const struct job *j)
{
	if (j->attempts <= fail_first) {
		job_error(c, "the far end said no (attempt %d)", j->attempts);
		return WS_EUNAVAIL;
	}
	job_result(c, "{\"ok\":true}");
	return WS_OK;
}

/* Claims the next due job as node as a dead or rival node would. */
static int64_t
claim_as(struct db_pool *p, const char *node)
{
	struct db *d = db_acquire(p);
	struct db_q *q = db_start(d, ST_JOB_CLAIM);
	int64_t id = 0;

	db_bind_text(q, 1, node);
	db_bind_int(q, 2, now_s() + 30);
	db_bind_int(q, 3, now_s());
	db_bind_int(q, 4, now_s());
	db_bind_int(q, 5, now_s());
	if (db_step(q) == WS_OK)
		id = db_col_int(q, 0);
	db_end(q);
	db_release(p, d);
	return id;
}

static enum ws_err
run_stolen(struct job_ctx *c, const struct job *j)
{
	enum ws_err rc;

	assert_int_equal(job_progress(c, "{\"done\":1}"), WS_OK);
	clock_at(1000);	/* the lease (60 s) lapses ... */
	assert_int_equal(claim_as(other_pool, "rival"), j->id);	/* ... and it is taken */
	rc = job_progress(c, "{\"done\":2}");
	assert_int_equal(rc, WS_ECONFLICT);
	return rc;
}

static const struct job_kind kinds[] = {
	{"echo", run_echo, 3, 60, NULL},
	{"flaky", run_flaky, 3, 60, NULL},
	{"stolen", run_stolen, 3, 60, NULL},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

/* ---- helpers --------------------------------------------------------- */

struct row {
	char status[16], error[256], result[256], progress[64], by[64];
	int64_t attempts, run_after;
};

static void
row_of(struct db_pool *p, int64_t id, struct row *r)
{
	struct db *d = db_acquire(p);
	struct db_q *q = db_start(d, ST_JOB_GET);

	memset(r, 0, sizeof *r);
	db_bind_int(q, 1, id);
	assert_int_equal(db_step(q), WS_OK);
	snprintf(r->status, sizeof r->status, "%s", db_col_text(q, 3));
	r->run_after = db_col_int(q, 4);
	r->attempts = db_col_int(q, 5);
	snprintf(r->by, sizeof r->by, "%s", db_col_null(q, 6) ? "" : db_col_text(q, 6));
	snprintf(r->error, sizeof r->error, "%s", db_col_null(q, 8) ? "" : db_col_text(q, 8));
	snprintf(r->progress, sizeof r->progress, "%s", db_col_null(q, 9) ? "" :
	    db_col_text(q, 9));
	snprintf(r->result, sizeof r->result, "%s", db_col_null(q, 10) ? "" :
	    db_col_text(q, 10));
	db_end(q);
	db_release(p, d);
}

static int64_t
enqueue(struct db_pool *p, const char *kind, const char *payload, time_t at)
{
	struct db *d = db_acquire(p);
	int64_t id = 0;

	assert_int_equal(job_enqueue(d, kind, payload, at, &id), WS_OK);
	db_release(p, d);
	assert_true(id > 0);
	return id;
}

static int
run(struct db_pool *p, const char *node)
{
	int n = -1;

	assert_int_equal(jobs_run_once(p, kinds, NKINDS, node, 0, &n), WS_OK);
	return n;
}

/* ---- tests ----------------------------------------------------------- */

static void
test_runs_once(void **state)
{
	struct fx *f = *state;
	struct row r;
	int64_t id = enqueue(f->pool, "echo", "{\"n\":7}", 0);

	row_of(f->pool, id, &r);
	assert_string_equal(r.status, "queued");
	assert_int_equal(run(f->pool, "a"), 1);
	row_of(f->pool, id, &r);
	assert_string_equal(r.status, "done");
	assert_string_equal(r.result, "{\"echo\":{\"n\":7}}");
	assert_int_equal(r.attempts, 1);
	assert_int_equal(run(f->pool, "a"), 0);	/* done is done */
}

static void
test_not_before_due(void **state)
{
	struct fx *f = *state;
	struct row r;
	int64_t id = enqueue(f->pool, "echo", NULL, now_s() + 3600);

	assert_int_equal(run(f->pool, "a"), 0);
	clock_at(3600);
	assert_int_equal(run(f->pool, "a"), 1);
	row_of(f->pool, id, &r);
	assert_string_equal(r.status, "done");
	assert_string_equal(r.result, "{\"echo\":{}}");
}

static void
test_retry_backoff_then_failed(void **state)
{
	struct fx *f = *state;
	struct row r;
	int64_t id, t0;

	fail_first = 99;
	id = enqueue(f->pool, "flaky", NULL, 0);
	t0 = now_s();	/* the clock may tick a second during the run */
	assert_int_equal(run(f->pool, "a"), 1);
	row_of(f->pool, id, &r);
	assert_string_equal(r.status, "queued");
	assert_string_equal(r.error, "the far end said no (attempt 1)");
	assert_in_range(r.run_after, t0 + job_backoff(1), now_s() + job_backoff(1));
	assert_int_equal(job_backoff(1), 5);
	assert_int_equal(job_backoff(2), 10);
	assert_int_equal(job_backoff(30), JOB_BACKOFF_MAX);
	assert_int_equal(run(f->pool, "a"), 0);	/* not before the back-off */
	clock_at(job_backoff(1));
	assert_int_equal(run(f->pool, "a"), 1);
	clock_at(job_backoff(1) + job_backoff(2));
	assert_int_equal(run(f->pool, "a"), 1);
	row_of(f->pool, id, &r);
	assert_string_equal(r.status, "failed");	/* the kind's 3 attempts */
	assert_string_equal(r.error, "the far end said no (attempt 3)");
	clock_at(100000);
	assert_int_equal(run(f->pool, "a"), 0);	/* failed stays failed */

	/* staff queue it again; it works now */
	fail_first = 0;
	{
		struct db *d = db_acquire(f->pool);

		assert_int_equal(job_retry(d, id), WS_OK);
		assert_int_equal(job_retry(d, id), WS_ECONFLICT);	/* queued, not failed */
		assert_int_equal(job_retry(d, id + 1000), WS_ENOTFOUND);
		db_release(f->pool, d);
	}
	assert_int_equal(run(f->pool, "a"), 1);
	row_of(f->pool, id, &r);
	assert_string_equal(r.status, "done");
	assert_int_equal(r.attempts, 1);
}

/* A node dies holding a job: once its lease lapses another worker runs it,
 * and the dead node's late word changes nothing. */
static void
test_lapsed_lease_taken_over(void **state)
{
	struct fx *f = *state;
	struct row r;
	int64_t id = enqueue(f->pool, "echo", "{\"x\":1}", 0);
	struct db *d;
	struct db_q *q;
	int64_t changed = -1;

	assert_int_equal(claim_as(f->pool, "dead"), id);
	assert_int_equal(run(f->pool, "b"), 0);	/* leased: nobody else runs it */
	clock_at(31);
	assert_int_equal(run(f->pool, "b"), 1);
	row_of(f->pool, id, &r);
	assert_string_equal(r.status, "done");
	assert_int_equal(r.attempts, 2);
	d = db_acquire(f->pool);	/* the dead node wakes up and says "done" */
	q = db_start(d, ST_JOB_DONE);
	db_bind_text(q, 1, "{\"late\":true}");
	db_bind_int(q, 2, now_s());
	db_bind_int(q, 3, now_s());
	db_bind_int(q, 4, id);
	db_bind_text(q, 5, "dead");
	assert_int_equal(db_exec(q, &changed), WS_OK);
	db_end(q);
	db_release(f->pool, d);
	assert_int_equal(changed, 0);
	row_of(f->pool, id, &r);
	assert_string_equal(r.result, "{\"echo\":{\"x\":1}}");
}

/* A handler that loses its lease learns it at its next progress report,
 * stops, and leaves the job to the worker that has it. */
static void
test_lost_lease_stops_handler(void **state)
{
	struct fx *f = *state;
	struct row r;
	int64_t id = enqueue(f->pool, "stolen", NULL, 0);

	other_pool = f->pool;
	assert_int_equal(run(f->pool, "a"), 1);
	row_of(f->pool, id, &r);
	assert_string_equal(r.status, "running");
	assert_string_equal(r.by, "rival");
	assert_string_equal(r.progress, "{\"done\":1}");
}

/* A job killing its worker every time is given up after the kind's
 * attempts, with a reason. */
static void
test_poison_job_stops(void **state)
{
	struct fx *f = *state;
	struct row r;
	int64_t id = enqueue(f->pool, "echo", NULL, 0);
	int i;

	for (i = 1; i <= 3; i++) {
		assert_int_equal(claim_as(f->pool, "crashing"), id);
		clock_at(31 * i);
	}
	assert_int_equal(run(f->pool, "b"), 1);
	row_of(f->pool, id, &r);
	assert_string_equal(r.status, "failed");
	assert_non_null(strstr(r.error, "stopped 3 times"));
}

static void
test_unknown_kind_and_bad_input(void **state)
{
	struct fx *f = *state;
	struct db *d;
	char *big = xmalloc(JOB_PAYLOAD_MAX + 2);
	struct row r;
	int64_t id = enqueue(f->pool, "from_the_future", NULL, 0), none = 0;
	int i;

	for (i = 0; i < 5; i++) {
		clock_at(i * JOB_BACKOFF_MAX);
		assert_int_equal(run(f->pool, "a"), 1);
	}
	row_of(f->pool, id, &r);
	assert_string_equal(r.status, "failed");
	assert_non_null(strstr(r.error, "no worker knows jobs of kind \"from_the_future\""));

	memset(big, 'x', JOB_PAYLOAD_MAX + 1);
	big[JOB_PAYLOAD_MAX + 1] = '\0';
	d = db_acquire(f->pool);
	assert_int_equal(job_enqueue(d, "echo", big, 0, &none), WS_ETOOBIG);
	assert_int_equal(job_enqueue(d, "", NULL, 0, &none), WS_EINVAL);
	assert_int_equal(job_enqueue(d, "a-kind-name-much-longer-than-forty-bytes-x", NULL, 0,
	    &none), WS_EINVAL);
	/* a job queued in a transaction that rolls back never existed */
	assert_int_equal(db_begin(d), WS_OK);
	assert_int_equal(job_enqueue(d, "echo", NULL, 0, &none), WS_OK);
	db_rollback(d);
	db_release(f->pool, d);
	assert_int_equal(run(f->pool, "a"), 0);
	free(big);
}

struct node {
	struct db_pool *pool;
	const char *name;
	int ran;
	enum ws_err rc;
};

static void *
node_main(void *arg)
{
	struct node *n = arg;

	n->rc = jobs_run_once(n->pool, kinds, NKINDS, n->name, 0, &n->ran);
	return NULL;
}

/* Two nodes (each its own pool) drain MANY jobs: each runs exactly once. */
static void
test_two_nodes_never_share(void **state)
{
	struct fx *f = *state;
	struct node nodes[2] = {{f->pool, "one", 0, WS_OK}, {NULL, "two", 0, WS_OK}};
	pthread_t th[2];
	char err[256];
	int i;

	for (i = 0; i < MANY + 8; i++)
		atomic_store(&runs[i], 0);
	for (i = 0; i < MANY; i++)
		enqueue(f->pool, "echo", NULL, 0);
	assert_int_equal(db_pool_open(f->url, 2, 0, &nodes[1].pool, err, sizeof err), WS_OK);
	for (i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&th[i], NULL, node_main, &nodes[i]), 0);
	for (i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	db_pool_free(nodes[1].pool);
	assert_int_equal(nodes[0].rc, WS_OK);
	assert_int_equal(nodes[1].rc, WS_OK);
	print_message("# nodes ran %d and %d\n", nodes[0].ran, nodes[1].ran);
	assert_int_equal(nodes[0].ran + nodes[1].ran, MANY);
	for (i = 1; i <= MANY; i++)
		assert_int_equal(atomic_load(&runs[i]), 1);
}

/* The worker threads run a queued job once kicked. */
static void
test_workers(void **state)
{
	struct fx *f = *state;
	struct jobs *js = jobs_start(f->pool, kinds, NKINDS, 2);
	struct row r;
	int64_t id;
	int i;

	assert_non_null(js);
	id = enqueue(f->pool, "echo", "{\"w\":1}", 0);
	jobs_kick(js);
	for (i = 0; i < 1000; i++) {	/* the row's change, up to 10 s */
		struct timespec ts = {0, 10 * 1000000L};

		row_of(f->pool, id, &r);
		if (strcmp(r.status, "done") == 0)
			break;
		nanosleep(&ts, NULL);
	}
	jobs_stop(js);
	assert_string_equal(r.status, "done");
	assert_string_equal(r.result, "{\"echo\":{\"w\":1}}");
}

int
main(void)
{
	static const struct CMUnitTest all[] = {
		BOTH("runs a queued job once and keeps its result", test_runs_once),
		BOTH("waits until the job is due", test_not_before_due),
		BOTH("retries with back-off, then fails with the error; staff retry",
		    test_retry_backoff_then_failed),
		BOTH("a lapsed lease is taken over; the dead node's word counts for nothing",
		    test_lapsed_lease_taken_over),
		BOTH("a handler that lost its lease stops", test_lost_lease_stops_handler),
		BOTH("a job that kills its worker is given up", test_poison_job_stops),
		BOTH("unknown kinds fail; bad input is refused; rollback queues nothing",
		    test_unknown_kind_and_bad_input),
		BOTH("two nodes never run the same job", test_two_nodes_never_share),
		BOTH("worker threads run a job when kicked", test_workers),
	};

	return dbfx_run("jobs", all, sizeof all / sizeof all[0]);
}
