/*
 * deadline.c -- the header deadline of each connection; see deadline.h.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "core/log.h"
#include "core/mem.h"
#include "http/deadline.h"

struct deadline {
	int fd;
	int waiting;		/* for a header; since says from when */
	int shut;		/* shut down already */
	struct timespec since;
	struct deadline *prev, *next;
};

struct deadlines {
	int seconds;
	pthread_t th;
	pthread_mutex_t mu;	/* guards the list and stop */
	pthread_cond_t cv;
	int stop;
	struct deadline *head;
};

static void
mono(struct timespec *ts)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
}

static void *
watch(void *arg)
{
	struct deadlines *ds = arg;
	struct timespec now, until;
	struct deadline *d;

	pthread_mutex_lock(&ds->mu);
	while (!ds->stop) {
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 1;
		pthread_cond_timedwait(&ds->cv, &ds->mu, &until);
		mono(&now);
		for (d = ds->head; d; d = d->next) {
			if (!d->waiting || d->shut || (now.tv_sec - d->since.tv_sec) * 1000 +
			    (now.tv_nsec - d->since.tv_nsec) / 1000000 < ds->seconds * 1000L)
				continue;
			/* The connection is still open: it is removed from the list
			 * under this lock before libmicrohttpd closes it. */
			shutdown(d->fd, SHUT_RDWR);
			d->shut = 1;
			log_info("closed a connection that sent no whole request header in %d s",
			    ds->seconds);
		}
	}
	pthread_mutex_unlock(&ds->mu);
	return NULL;
}

struct deadlines *
deadlines_start(int seconds)
{
	struct deadlines *ds = xcalloc(1, sizeof *ds);

	ds->seconds = seconds < 1 ? 1 : seconds;
	pthread_mutex_init(&ds->mu, NULL);
	pthread_cond_init(&ds->cv, NULL);
	if (pthread_create(&ds->th, NULL, watch, ds) != 0) {
		log_error("cannot start the header watchdog: %s", strerror(errno));
		pthread_mutex_destroy(&ds->mu);
		pthread_cond_destroy(&ds->cv);
		free(ds);
		return NULL;
	}
	return ds;
}

void
deadlines_stop(struct deadlines *ds)
{
	struct deadline *d, *next;

	if (!ds)
		return;
	pthread_mutex_lock(&ds->mu);
	ds->stop = 1;
	pthread_cond_signal(&ds->cv);
	pthread_mutex_unlock(&ds->mu);
	pthread_join(ds->th, NULL);
	for (d = ds->head; d; d = next) {
		next = d->next;
		free(d);
	}
	pthread_mutex_destroy(&ds->mu);
	pthread_cond_destroy(&ds->cv);
	free(ds);
}

struct deadline *
deadline_open(struct deadlines *ds, int fd)
{
	struct deadline *d = xcalloc(1, sizeof *d);

	d->fd = fd;
	d->waiting = 1;
	mono(&d->since);
	pthread_mutex_lock(&ds->mu);
	d->next = ds->head;
	if (ds->head)
		ds->head->prev = d;
	ds->head = d;
	pthread_mutex_unlock(&ds->mu);
	return d;
}

void
deadline_header_done(struct deadlines *ds, struct deadline *dl)
{
	if (!dl)
		return;
	pthread_mutex_lock(&ds->mu);
	dl->waiting = 0;
	pthread_mutex_unlock(&ds->mu);
}

void
deadline_wait_next(struct deadlines *ds, struct deadline *dl)
{
	if (!dl)
		return;
	pthread_mutex_lock(&ds->mu);
	dl->waiting = 1;
	mono(&dl->since);
	pthread_mutex_unlock(&ds->mu);
}

void
deadline_close(struct deadlines *ds, struct deadline *dl)
{
	if (!dl)
		return;
	pthread_mutex_lock(&ds->mu);
	if (dl->prev)
		dl->prev->next = dl->next;
	else
		ds->head = dl->next;
	if (dl->next)
		dl->next->prev = dl->prev;
	pthread_mutex_unlock(&ds->mu);
	free(dl);
}
