/*
 * outbox.c -- queueing mail and the job that sends it; see outbox.h.
 *
 * A row's life: 'queued' (its "mail" job waits in the jobs table) -> 'sent'.
 * Each attempt counts in the row's attempts and leaves its error in
 * last_error, for whoever reads the table; the job's own attempts, back-off
 * and error are what decide and what staff see.  No database connection is
 * held while a message is on its way, so a slow SMTP server never starves
 * the HTTP side of connections.
 */
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"
#include "jobs/jobs.h"
#include "mail/mail_int.h"
#include "mail/outbox.h"

#define DEFAULT_MAIL_DIR	"var/mail"
#define DEFAULT_HOST		"localhost"
#define DEFAULT_FROM		"WhatsOn <no-reply@localhost>"
#define MID_RANDOM_BYTES	16	/* 128 bits: 32 hex digits */
#define PAYLOAD_KEY		"{\"outbox_id\":"	/* a job's payload: this, the id, "}" */

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

/* libsodium (Message-IDs) and libcurl want one initialisation per process,
 * before threads use them. */
static void
init_libs(void)
{
	if (sodium_init() < 0)
		fatal("outbox: cannot initialise libsodium");
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		fatal("outbox: cannot initialise libcurl");
}

/* ---- queueing -------------------------------------------------------- */

/* A bare ASCII addr-spec with one '@' and something either side.  Quoted
 * local parts, comments and display names are refused rather than parsed. */
static enum ws_err
check_addr(const char *a)
{
	const char *p, *at = strchr(a, '@');

	for (p = a; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c <= 0x20 || c >= 0x7f || strchr("<>,;\"()\\", c))
			return WS_EINVAL;
	}
	if (!at || at == a || !at[1] || strchr(at + 1, '@'))
		return WS_EINVAL;
	if (p - a > OUTBOX_ADDR_MAX)
		return WS_ETOOBIG;
	return WS_OK;
}

/* A host name fit for the right-hand side of a Message-ID. */
static int
host_ok(const char *h)
{
	size_t n = strspn(h, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-");

	return n > 0 && h[n] == '\0' && n <= 253;
}

/* Inserts the message's row and its job on d; the id into *id. */
static enum ws_err
insert(struct db *d, const char *to, const char *subject, const char *body, const char *mid,
    int64_t *id)
{
	char payload[sizeof PAYLOAD_KEY + 24];
	struct db_q *q;
	time_t now = now_s();
	enum ws_err rc;

	*id = 0;
	q = db_start(d, ST_OUTBOX_INSERT);
	db_bind_text(q, 1, to);
	db_bind_text(q, 2, subject);
	db_bind_text(q, 3, body);
	db_bind_text(q, 4, mid);
	db_bind_int(q, 5, (int64_t)now);
	db_bind_int(q, 6, (int64_t)now);
	if ((rc = db_step(q)) == WS_OK) {
		*id = db_col_int(q, 0);
		while ((rc = db_step(q)) == WS_OK)
			;
	}
	db_end(q);
	if (rc != WS_EDONE || *id == 0)
		return rc == WS_EDONE ? WS_EDB : rc;
	snprintf(payload, sizeof payload, PAYLOAD_KEY "%lld}", (long long)*id);
	return job_enqueue(d, OUTBOX_JOB_KIND, payload, 0, NULL);
}

enum ws_err
outbox_enqueue_mid(struct db *d, const struct outbox_cfg *cfg, const char *to,
    const char *subject, const char *body, int64_t *id_out, char *mid_out)
{
	char hex[2 * MID_RANDOM_BYTES + 1], mid[OUTBOX_MID_MAX];
	const char *host = cfg->host ? cfg->host : DEFAULT_HOST;
	int64_t id = 0;
	size_t sl, bl;
	int own;
	enum ws_err rc;

	if (!to || !subject || !body)
		return WS_EINVAL;
	if ((rc = check_addr(to)) != WS_OK)
		return rc;
	sl = strlen(subject);
	bl = strlen(body);
	if (sl > OUTBOX_SUBJECT_MAX || bl > OUTBOX_BODY_MAX)
		return WS_ETOOBIG;
	if (!utf8_valid_text(subject, sl, 0) || !utf8_valid_text(body, bl, 1) || !host_ok(host))
		return WS_EINVAL;
	pthread_once(&init_once, init_libs);
	random_hex(hex, MID_RANDOM_BYTES);
	snprintf(mid, sizeof mid, "%s@%s", hex, host);

	/* The row and its job, both or neither. */
	own = !db_in_tx(d);
	if (own && (rc = db_begin(d)) != WS_OK)
		return rc;
	rc = insert(d, to, subject, body, mid, &id);
	if (own) {
		if (rc == WS_OK)
			rc = db_commit(d);
		else
			db_rollback(d);
	}
	if (rc != WS_OK)
		return rc;
	log_info("outbox: queued %lld <%s>", (long long)id, mid);
	if (id_out)
		*id_out = id;
	if (mid_out)
		snprintf(mid_out, OUTBOX_MID_MAX, "%s", mid);
	return WS_OK;
}

enum ws_err
outbox_enqueue(struct db *d, const struct outbox_cfg *cfg, const char *to,
    const char *subject, const char *body, int64_t *id_out)
{
	return outbox_enqueue_mid(d, cfg, to, subject, body, id_out, NULL);
}

enum ws_err
outbox_enqueue_unsub(struct db *d, const struct outbox_cfg *cfg, const char *to,
    const char *subject, const char *body, const char *unsub, int64_t *id_out)
{
	struct db_q *q;
	int64_t id = 0;
	int own;
	enum ws_err rc;

	if (!mail_unsub_ok(unsub))
		return WS_EINVAL;
	/* the row, its job and its header, all or none */
	own = !db_in_tx(d);
	if (own && (rc = db_begin(d)) != WS_OK)
		return rc;
	if ((rc = outbox_enqueue_mid(d, cfg, to, subject, body, &id, NULL)) == WS_OK) {
		q = db_start(d, ST_OUTBOX_SET_UNSUB);
		db_bind_text(q, 1, unsub);
		db_bind_int(q, 2, id);
		rc = db_exec(q, NULL);
		db_end(q);
	}
	if (own) {
		if (rc == WS_OK)
			rc = db_commit(d);
		else
			db_rollback(d);
	}
	if (rc == WS_OK && id_out)
		*id_out = id;
	return rc;
}

/* ---- one delivery ---------------------------------------------------- */

struct msg {
	int64_t id;
	char *to, *subject, *body, *mid;
	char *unsub;		/* List-Unsubscribe address, or NULL */
	int sent;		/* marked sent already */
};

static void
msg_free(struct msg *m)
{
	free(m->to);
	free(m->subject);
	free(m->body);
	free(m->mid);
	free(m->unsub);
	memset(m, 0, sizeof *m);
}

static char *
col_dup(struct db_q *q, int i)
{
	const char *s = db_col_text(q, i);

	return xstrdup(s ? s : "");
}

/* Reads message id into m (free with msg_free).  WS_ENOTFOUND: no such
 * row. */
static enum ws_err
load(struct db_pool *pool, int64_t id, struct msg *m)
{
	struct db *d = db_acquire(pool);
	struct db_q *q = db_start(d, ST_OUTBOX_GET);
	enum ws_err rc;

	db_bind_int(q, 1, id);
	if ((rc = db_step(q)) == WS_OK) {
		m->id = id;
		m->to = col_dup(q, OUTBOX_GET_C_TO_ADDR);
		m->subject = col_dup(q, OUTBOX_GET_C_SUBJECT);
		m->body = col_dup(q, OUTBOX_GET_C_BODY);
		m->mid = col_dup(q, OUTBOX_GET_C_MESSAGE_ID);
		m->unsub = db_col_null(q, OUTBOX_GET_C_LIST_UNSUB) ? NULL : col_dup(q,
		    OUTBOX_GET_C_LIST_UNSUB);
		m->sent = strcmp(db_col_text(q, OUTBOX_GET_C_STATUS), "sent") == 0;
	}
	db_end(q);
	db_release(pool, d);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

/* Records on m's row that it was sent, or why this attempt failed. */
static enum ws_err
record(struct db_pool *pool, const struct msg *m, int ok, const char *reason)
{
	struct db *d = db_acquire(pool);
	struct db_q *q;
	enum ws_err rc;

	if (ok) {
		q = db_start(d, ST_OUTBOX_SENT);
		db_bind_int(q, 1, (int64_t)now_s());
		db_bind_int(q, 2, m->id);
	} else {
		q = db_start(d, ST_OUTBOX_FAILED);
		db_bind_text(q, 1, reason);
		db_bind_int(q, 2, m->id);
	}
	rc = db_exec(q, NULL);
	db_end(q);
	db_release(pool, d);
	if (rc)
		log_error("outbox: %lld <%s>: cannot record the outcome of its delivery: %s",
		    (long long)m->id, m->mid, ws_strerror(rc));
	return rc;
}

/* mkdir -p with mode 0750 for what it creates. */
static int
make_dirs(const char *dir)
{
	char path[PATH_MAX];
	char *p;

	if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path) {
		errno = ENAMETOOLONG;
		return -1;
	}
	for (p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0750) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(path, 0750) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

/*
 * Writes msg to dir/<id>-<local part of the Message-ID>.eml: to a hidden
 * temporary file first, flushed to disk, then renamed into place and the
 * directory flushed, so the file is either absent or whole.  A message
 * delivered twice (after a crash) overwrites its own file.
 */
static enum ws_err
eml_write(const char *dir, const struct msg *c, const struct buf *msg, char *err,
    size_t errlen)
{
	char local[OUTBOX_MID_MAX], path[PATH_MAX], tmp[PATH_MAX];
	const char *what, *obj = tmp, *p = msg->data;
	size_t i, left = msg->len;
	int fd = -1, dfd, n;
	ssize_t w;

	for (i = 0; c->mid[i] && c->mid[i] != '@' && i + 1 < sizeof local; i++)
		local[i] = strchr("0123456789abcdefABCDEF", c->mid[i]) ? c->mid[i] : '_';
	local[i] = '\0';
	n = snprintf(path, sizeof path, "%s/%lld-%s.eml", dir, (long long)c->id, local);
	if (n < 0 || (size_t)n >= sizeof path ||
	    snprintf(tmp, sizeof tmp, "%s/.%lld-%s.eml.tmp", dir, (long long)c->id, local) >=
	    (int)sizeof tmp) {
		snprintf(err, errlen, "mail directory path too long");
		return WS_EIO;
	}
	if (make_dirs(dir) != 0) {
		what = "cannot create the mail directory";
		obj = dir;
		goto fail;
	}
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0640)) < 0) {
		what = "cannot create";
		goto fail;
	}
	while (left > 0) {
		if ((w = write(fd, p, left)) < 0) {
			if (errno == EINTR)
				continue;
			what = "cannot write";
			goto fail;
		}
		p += w;
		left -= (size_t)w;
	}
	if (fsync(fd) != 0) {
		what = "cannot flush";
		goto fail;
	}
	if (close(fd) != 0) {
		fd = -1;
		what = "cannot close";
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0) {
		what = "cannot rename into place";
		goto fail;
	}
	/* The rename is durable once the directory is. */
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
	return WS_OK;
fail:
	snprintf(err, errlen, "%s %s: %s", what, obj, strerror(errno));
	if (fd >= 0)
		close(fd);
	if (obj == tmp)
		(void)unlink(tmp);
	return WS_EIO;
}

/* Renders and delivers c; on failure the reason is in err. */
static enum ws_err
deliver(const struct outbox_cfg *cfg, const struct msg *c, char *err, size_t errlen)
{
	const char *from = cfg->from ? cfg->from : DEFAULT_FROM;
	char envfrom[OUTBOX_ADDR_MAX + 1];
	struct mail_smtp *smtp = NULL;
	struct buf msg;
	enum ws_err rc;

	buf_init(&msg, MAIL_MSG_MAX);
	if ((rc = mail_format_unsub(&msg, from, c->to, c->subject, c->body, c->mid, now_s(),
	    c->unsub)) != WS_OK) {
		snprintf(err, errlen, "cannot render the message: %s", ws_strerror(rc));
		goto out;
	}
	if (!cfg->smtp_url || !*cfg->smtp_url) {
		rc = eml_write(cfg->mail_dir ? cfg->mail_dir : DEFAULT_MAIL_DIR, c, &msg, err, errlen);
		goto out;
	}
	if (!(smtp = mail_smtp_new())) {
		snprintf(err, errlen, "cannot start a libcurl handle");
		rc = WS_EUNAVAIL;
		goto out;
	}
	mail_addr_of(from, envfrom, sizeof envfrom);
	rc = mail_smtp_send(smtp, cfg->smtp_url, envfrom, c->to, msg.data, msg.len, err, errlen);
out:
	mail_smtp_free(smtp);
	buf_free(&msg);
	return rc;
}

/* ---- the job --------------------------------------------------------- */

/* The outbox id a job's payload names, or 0. */
static int64_t
payload_id(const char *payload)
{
	const char *p;
	char *end;
	long long id;

	if (!payload || strncmp(payload, PAYLOAD_KEY, sizeof PAYLOAD_KEY - 1) != 0)
		return 0;
	p = payload + sizeof PAYLOAD_KEY - 1;
	if (*p < '1' || *p > '9')
		return 0;
	errno = 0;
	id = strtoll(p, &end, 10);
	if (errno || strcmp(end, "}") != 0)
		return 0;
	return (int64_t)id;
}

enum ws_err
outbox_job_run(struct job_ctx *c, const struct job *j)
{
	const struct outbox_cfg *cfg = job_arg(c);
	struct db_pool *pool = job_pool(c);
	char err[PATH_MAX + 256];	/* room for a path and its reason */
	struct msg m = {0};
	int64_t id = payload_id(j->payload);
	enum ws_err rc;

	if (id == 0) {
		job_error(c, "not a message of the outbox: %.100s", j->payload);
		return WS_EINVAL;
	}
	if ((rc = load(pool, id, &m)) != WS_OK) {
		if (rc == WS_ENOTFOUND)
			job_error(c, "message %lld is not in the outbox", (long long)id);
		return rc;
	}
	if (m.sent) {
		log_info("outbox: %lld <%s> was sent already", (long long)id, m.mid);
		goto out;
	}
	pthread_once(&init_once, init_libs);
	err[0] = '\0';
	if ((rc = deliver(cfg, &m, err, sizeof err)) == WS_OK) {
		log_info("outbox: sent %lld <%s> (attempt %d, %s)", (long long)id, m.mid,
		    j->attempts, cfg->smtp_url && *cfg->smtp_url ? "smtp" : "eml file");
		/* Sent is sent: a failure to mark it is logged, not retried. */
		(void)record(pool, &m, 1, NULL);
	} else {
		if (!err[0])
			snprintf(err, sizeof err, "%s", ws_strerror(rc));
		job_error(c, "to %s: %s", m.to, err);
		(void)record(pool, &m, 0, err);
	}
out:
	msg_free(&m);
	return rc;
}
