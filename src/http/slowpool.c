/*
 * slowpool.c -- the threads that run slow requests; see slowpool.h.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"
#include "http/http.h"
#include "http/slowpool.h"

struct job {
	slowpool_fn fn;
	void *arg;
	struct timespec since;	/* queued at (monotonic) */
	time_t skew;		/* util_clock_skew() when queued */
	int exempt;		/* queued while a test held the answers: not late by the
				 * real time it waited, only by the test clock's */
	struct job *next;
};

struct slowpool {
	pthread_mutex_t mu;	/* guards everything below */
	pthread_cond_t cv;	/* a job was queued, or stop */
	pthread_cond_t held_cv;	/* hold was lifted, or stop */
	struct job *head, *tail;
	int stop;
	int held;		/* test builds: answers wait at slowpool_gate */
	int nqueued;		/* jobs in the queue */
	int nheld;		/* jobs waiting at slowpool_gate */
	int max_wait;
	int nthreads;
	pthread_t *th;
};

static void *
work(void *arg)
{
	struct slowpool *p = arg;
	struct timespec now;
	struct job *j;
	int late, stopping;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->head && !p->stop)
			pthread_cond_wait(&p->cv, &p->mu);
		if (!(j = p->head))
			break;	/* stopping, and nothing is left */
		if (!(p->head = j->next))
			p->tail = NULL;
		p->nqueued--;
		clock_gettime(CLOCK_MONOTONIC, &now);
		stopping = p->stop;
		/* A test that moves the clock past the wait makes the job late
		 * without waiting for it. */
		late = stopping || util_clock_skew() - j->skew > p->max_wait ||
		    (!j->exempt && (now.tv_sec - j->since.tv_sec) * 1000 +
		    (now.tv_nsec - j->since.tv_nsec) / 1000000 > p->max_wait * 1000L);
		pthread_mutex_unlock(&p->mu);
		if (late && !stopping)
			log_warn("password hashing busy: a request waited over %d s", p->max_wait);
		j->fn(j->arg, late);
		free(j);
		pthread_mutex_lock(&p->mu);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

struct slowpool *
slowpool_start(int threads, int max_wait)
{
	struct slowpool *p = xcalloc(1, sizeof *p);
	int i;

	p->max_wait = max_wait;
	p->th = xcalloc((size_t)(threads < 1 ? 1 : threads), sizeof *p->th);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	pthread_cond_init(&p->held_cv, NULL);
	for (i = 0; i < (threads < 1 ? 1 : threads); i++) {
		if (pthread_create(&p->th[i], NULL, work, p) != 0) {
			log_error("cannot start a thread for slow requests: %s", strerror(errno));
			break;
		}
		p->nthreads++;
	}
	if (p->nthreads == 0) {
		slowpool_free(p);
		return NULL;
	}
	return p;
}

int
slowpool_submit(struct slowpool *p, slowpool_fn fn, void *arg)
{
	struct job *j;

	if (!p)
		return -1;
	j = xcalloc(1, sizeof *j);
	j->fn = fn;
	j->arg = arg;
	clock_gettime(CLOCK_MONOTONIC, &j->since);
	j->skew = util_clock_skew();
	pthread_mutex_lock(&p->mu);
	if (p->stop) {
		pthread_mutex_unlock(&p->mu);
		free(j);
		return -1;
	}
	j->exempt = p->held;
	if (p->tail)
		p->tail->next = j;
	else
		p->head = j;
	p->tail = j;
	p->nqueued++;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
	return 0;
}

void
slowpool_stop(struct slowpool *p)
{
	int i, n;

	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	p->held = 0;
	n = p->nthreads;
	p->nthreads = 0;	/* a second stop joins nothing */
	pthread_cond_broadcast(&p->cv);
	pthread_cond_broadcast(&p->held_cv);
	pthread_mutex_unlock(&p->mu);
	/* the threads leave with the queue empty: every job has run */
	for (i = 0; i < n; i++)
		pthread_join(p->th[i], NULL);
}

void
slowpool_free(struct slowpool *p)
{
	if (!p)
		return;
	slowpool_stop(p);
	pthread_cond_destroy(&p->held_cv);
	pthread_cond_destroy(&p->cv);
	pthread_mutex_destroy(&p->mu);
	free(p->th);
	free(p);
}

void
slowpool_gate(struct slowpool *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->nheld++;
	while (p->held && !p->stop)
		pthread_cond_wait(&p->held_cv, &p->mu);
	p->nheld--;
	pthread_mutex_unlock(&p->mu);
}

#ifdef WHATSON_TEST_HOOKS
int
http_test_slowpool(struct slowpool *p, struct req *r, struct resp *w)
{
	const char *h = req_query(r, "hold");
	int held = 0, queued = 0, threads = 0;

	if (r->method != HM_POST || strcmp(r->path, "/_test/slow") != 0)
		return 0;
	w->ctype = "text/plain; charset=utf-8";
	w->status = 200;
	if (strncmp(r->ip, "127.", 4) != 0 && strcmp(r->ip, "::1") != 0)
		w->status = 403;
	else if (!p || (h && strcmp(h, "0") != 0 && strcmp(h, "1") != 0))
		w->status = 422;
	if (w->status == 200) {
		pthread_mutex_lock(&p->mu);
		if (h) {
			p->held = *h == '1';
			pthread_cond_broadcast(&p->held_cv);
		}
		held = p->nheld;
		queued = p->nqueued;
		threads = p->nthreads;
		pthread_mutex_unlock(&p->mu);
	}
	if (buf_printf(&w->raw, "held %d queued %d threads %d\n", held, queued, threads) !=
	    WS_OK)
		w->status = 500;
	return 1;
}
#else
int
http_test_slowpool(struct slowpool *p, struct req *r, struct resp *w)
{
	(void)p;
	(void)r;
	(void)w;
	return 0;
}
#endif
