/*
 * outbox.h -- outgoing mail: a table of queued messages and the worker that
 * delivers them.
 *
 * Code that wants to send mail calls outbox_enqueue() on the connection it is
 * already using, usually inside its own transaction, so a message is queued
 * if and only if the change that caused it commits.  The message then sits in
 * the outbox table until a worker claims it, delivers it and marks it sent:
 * over SMTP with libcurl when an SMTP URL is configured, otherwise as an .eml
 * file in a mail directory (written atomically; the rename counts as
 * delivery).  A failed delivery is retried after 2^attempts seconds, at most
 * one minute, for as long as it takes: mail is never dropped.
 *
 * Each message gets its Message-ID when it is queued.  A message can only be
 * delivered twice when a sender died between claiming it and recording the
 * result; after stale_seconds another worker reclaims it and sends it again
 * with the same Message-ID, so the duplicate is recognisable.  On PostgreSQL
 * the claim skips rows held by other nodes (FOR UPDATE SKIP LOCKED), so any
 * number of nodes may run a worker.
 *
 * The module owns the outbox table's rows; its SQL is the ST_OUTBOX_* rows of
 * src/db/statements.c.  Times come from now_s() (src/core/util.h), which
 * tests move forward with util_clock_offset().
 */
#ifndef WS_OUTBOX_H
#define WS_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

struct db;
struct db_pool;

#define OUTBOX_SUBJECT_MAX	998		/* bytes, after which WS_ETOOBIG */
#define OUTBOX_BODY_MAX		(256 * 1024)	/* bytes, after which WS_ETOOBIG */
#define OUTBOX_ADDR_MAX		254		/* bytes of a recipient address */
#define OUTBOX_MID_MAX		300		/* room for a Message-ID plus NUL */
#define OUTBOX_BACKOFF_MAX	60		/* seconds between retries, at most */
#define OUTBOX_STALE_MIN	60		/* floor on stale_seconds (> SMTP timeouts) */

struct outbox_cfg {
	const char *smtp_url;	/* "smtp://host:port", "smtps://user:pw@host"; NULL or "": .eml files */
	const char *mail_dir;	/* where .eml files go without smtp_url; NULL: "var/mail" */
	const char *from;	/* "WhatsOn <no-reply@localhost>" or a bare address */
	const char *host;	/* right-hand side of Message-IDs; NULL: "localhost" */
	int stale_seconds;	/* reclaim rows left 'sending' this long; <= 0: 300; at least OUTBOX_STALE_MIN */
};

/*
 * Queues one plain-text UTF-8 message to the address to on d, inside the
 * caller's transaction when one is open, and returns its row id in *id_out
 * (id_out may be NULL).  Generates the Message-ID (<32 hex digits>@host).
 * Copies everything; the caller keeps its strings.
 *
 * WS_EINVAL: to is not a single bare address (no '@', empty parts, spaces,
 * control characters, CR/LF, <>,;"()\ or non-ASCII), subject has CR/LF or
 * control characters, subject or body is not UTF-8, or cfg->host is not a
 * host name.  WS_ETOOBIG: to over OUTBOX_ADDR_MAX, subject over
 * OUTBOX_SUBJECT_MAX, body over OUTBOX_BODY_MAX bytes.  WS_EDB (logged).
 */
enum ws_err outbox_enqueue(struct db *d, const struct outbox_cfg *cfg, const char *to,
    const char *subject, const char *body, int64_t *id_out) WS_WUR;

/*
 * outbox_enqueue(), and also copies the Message-ID it generated, without the
 * angle brackets, into mid (size OUTBOX_MID_MAX) when mid is not NULL.
 */
enum ws_err outbox_enqueue_mid(struct db *d, const struct outbox_cfg *cfg, const char *to,
    const char *subject, const char *body, int64_t *id_out, char *mid) WS_WUR;

/*
 * Delivers every message that is due, once: claims it, sends it, and marks
 * it sent or schedules its retry.  A connection is borrowed from pool only
 * around each statement, never during the SMTP transaction.  When the SMTP
 * server cannot be reached the run stops after scheduling that message's
 * retry; the others wait for the next run.  *sent (may be NULL) receives the
 * number delivered.  Delivery failures are logged and retried, not returned:
 * the result is WS_OK, or WS_EDB when the database failed.
 */
enum ws_err outbox_run_once(struct db_pool *pool, const struct outbox_cfg *cfg,
    int *sent) WS_WUR;

/* Seconds to wait before retrying a message that failed on its attempts-th
 * try: 2^attempts, at most OUTBOX_BACKOFF_MAX. */
int outbox_backoff(int attempts);

struct outbox_worker;

/*
 * Starts a thread that runs outbox_run_once() at least every 500 ms, and at
 * once after outbox_kick().  Copies cfg's strings; pool must outlive the
 * worker.  NULL when the thread cannot be created (logged).
 */
struct outbox_worker *outbox_worker_start(struct db_pool *pool, const struct outbox_cfg *cfg);
/* Wakes the worker now (after committing a transaction that queued mail). */
void outbox_kick(struct outbox_worker *w);
/* Stops the worker after the message in flight, joins and frees it.  NULL is
 * a no-op. */
void outbox_worker_stop(struct outbox_worker *w);

#endif
