/*
 * slowpool.h -- a few threads for the requests that are slow by design.
 *
 * libmicrohttpd serves each connection on one thread of a fixed pool, one
 * request at a time, and a request thread that runs a handler serves none of
 * its other connections meanwhile.  A route flagged RF_SLOW hashes a
 * password with Argon2id (0.1 to 0.5 s and 64 MiB, or up to 5 s waiting for
 * a hashing slot): server.c suspends its connection, hands the handler to
 * this pool and resumes the connection once the answer is built, so the
 * request thread goes on serving an unrelated page or edit in the meantime.
 *
 * The pool owns its threads and a queue of jobs, run in arrival order.  A job
 * that waited longer than max_wait seconds for a thread (a flood of
 * sign-ins) is run with late set: it should answer 503 without doing the
 * slow work, as a hash that finds no hashing slot within 5 s does.
 */
#ifndef WS_SLOWPOOL_H
#define WS_SLOWPOOL_H

struct req;
struct resp;
struct slowpool;

/* A job: runs on a pool thread (or, when the pool is stopping, on the
 * caller's), with late set when it should only answer "busy". */
typedef void (*slowpool_fn)(void *arg, int late);

/* Starts threads (>= 1) threads.  NULL when none can start (logged). */
struct slowpool *slowpool_start(int threads, int max_wait);
/* Queues fn(arg, late): 0, or -1 when the pool is stopping and took nothing
 * (the caller then runs the job itself). */
int slowpool_submit(struct slowpool *p, slowpool_fn fn, void *arg);
/* Stops taking jobs, runs the ones still queued with late set (each still
 * ends, so a suspended connection is resumed) and waits for the threads.
 * Later submits fail; p stays valid until slowpool_free().  NULL is ignored. */
void slowpool_stop(struct slowpool *p);
/* Stops p if need be and frees it.  NULL is ignored. */
void slowpool_free(struct slowpool *p);

/* Called by a job between building its answer and sending it: returns at
 * once, except in test builds while a test holds the answers (below). */
void slowpool_gate(struct slowpool *p);
/* Test builds (-DWHATSON_TEST_HOOKS): answers POST /_test/slow from loopback
 * with "held H queued Q" (jobs waiting at slowpool_gate, jobs waiting for a
 * thread), after holding (?hold=1) or releasing (?hold=0) the answers of
 * slow requests at slowpool_gate, so that a test keeps sign-ins in flight
 * for as long as it needs without guessing at times; returns 1.  Otherwise
 * (and in release builds, where the path is an ordinary 404) 0. */
int http_test_slowpool(struct slowpool *p, struct req *r, struct resp *w);

#endif
