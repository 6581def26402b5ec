/*
 * outbox.h -- outgoing mail: a table of queued messages, each sent by a
 * background job of kind "mail" (src/jobs).
 *
 * Code that wants to send mail calls outbox_enqueue() on the connection it
 * is already using, usually inside its own transaction: the message's row
 * and its job are written together, so a message is queued if and only if
 * the change that caused it commits.  The jobs workers, on every node, run
 * the job with outbox_job_run(): it delivers the message over SMTP with
 * libcurl when an SMTP URL is configured, otherwise as an .eml file in a
 * mail directory (written atomically; the rename counts as delivery), and
 * marks the row sent.  A failed delivery is an attempt of the job that
 * failed, with the SMTP server's answer as its error: the jobs module tries
 * again after its back-off, OUTBOX_ATTEMPTS times in all, then keeps the job
 * as failed, shown to staff at /staff/jobs, who can queue it again.
 *
 * Each message gets its Message-ID when it is queued.  The jobs table's
 * claim (FOR UPDATE SKIP LOCKED on PostgreSQL) means two nodes never send
 * the same message.  A message can only be delivered twice when a sender
 * died between handing it over and marking it sent; after OUTBOX_LEASE
 * seconds another worker takes the job over and sends it again with the
 * same Message-ID, so the duplicate is recognisable.
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
struct job;
struct job_ctx;

#define OUTBOX_SUBJECT_MAX	998		/* bytes, after which WS_ETOOBIG */
#define OUTBOX_BODY_MAX		(256 * 1024)	/* bytes, after which WS_ETOOBIG */
#define OUTBOX_ADDR_MAX		254		/* bytes of a recipient address */
#define OUTBOX_MID_MAX		300		/* room for a Message-ID plus NUL */
#define OUTBOX_JOB_KIND		"mail"		/* the kind of the jobs that send it */
#define OUTBOX_ATTEMPTS		12		/* then failed: about 2 h 25 min of back-off */
#define OUTBOX_LEASE		120		/* s; longer than one SMTP transaction's timeouts */

struct outbox_cfg {
	const char *smtp_url;	/* "smtp://host:port", "smtps://user:pw@host"; NULL or "": .eml files */
	const char *mail_dir;	/* where .eml files go without smtp_url; NULL: "var/mail" */
	const char *from;	/* "WhatsOn <no-reply@localhost>" or a bare address */
	const char *host;	/* right-hand side of Message-IDs; NULL: "localhost" */
};

/*
 * Queues one plain-text UTF-8 message to the address to on d, with the job
 * that will send it, inside the caller's transaction when one is open (in
 * one of its own otherwise), and returns its row id in *id_out (id_out may
 * be NULL).  Wake the jobs workers once it commits (jobs_kick).  Generates
 * the Message-ID (<32 hex digits>@host).  Copies everything; the caller
 * keeps its strings.
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

#define MAIL_UNSUB_MAX	900	/* bytes of a List-Unsubscribe address */

/* Whether url may be a message's List-Unsubscribe address: http(s), at
 * most MAIL_UNSUB_MAX bytes of printable ASCII, no spaces, < or >. */
int mail_unsub_ok(const char *url);

/*
 * outbox_enqueue(), with the address a mail program may POST to (RFC 8058
 * one-click) or open to stop this kind of mail: the message goes out with
 * List-Unsubscribe and List-Unsubscribe-Post headers.  WS_EINVAL, besides
 * outbox_enqueue()'s reasons, when unsub is not mail_unsub_ok().
 */
enum ws_err outbox_enqueue_unsub(struct db *d, const struct outbox_cfg *cfg, const char *to,
    const char *subject, const char *body, const char *unsub, int64_t *id_out) WS_WUR;

/*
 * The handler of OUTBOX_JOB_KIND jobs (struct job_kind.run), whose arg is
 * the struct outbox_cfg to send with and whose payload names the message:
 * {"outbox_id":N}.  Sends it and marks it sent; one already sent (by a
 * worker that lost its lease, or before an upgrade) is not sent again.  A
 * connection is borrowed from the pool only around each statement, never
 * during the SMTP transaction.  On failure the error kept with the job
 * says to whom and why (the SMTP server's answer, or the file error).
 */
enum ws_err outbox_job_run(struct job_ctx *c, const struct job *j) WS_WUR;

#endif
