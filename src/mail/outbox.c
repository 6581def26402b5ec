/*
 * outbox.c -- queueing mail, the delivery run and the worker thread; see
 * outbox.h.
 *
 * A row's life: 'new' (queued, due at next_at) -> 'sending' (claimed, attempts
 * counted) -> 'sent', or back to 'new' with next_at pushed out by the back-off
 * when delivery failed.  No database connection is held while a message is on
 * its way, so a slow SMTP server never starves the HTTP side of connections.
 */
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdatomic.h>
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
#include "mail/mail_int.h"
#include "mail/outbox.h"

#define DEFAULT_MAIL_DIR	"var/mail"
#define DEFAULT_HOST		"localhost"
#define DEFAULT_FROM		"WhatsOn <no-reply@localhost>"
#define DEFAULT_STALE		300
#define WORKER_PERIOD_MS	500
#define MID_RANDOM_BYTES	16	/* 128 bits: 32 hex digits */

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

int
outbox_backoff(int attempts)
{
	if (attempts < 1)
		return 1;
	if (attempts >= 6)	/* 2^6 = 64 */
		return OUTBOX_BACKOFF_MAX;
	return 1 << attempts;
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

enum ws_err
outbox_enqueue_mid(struct db *d, const struct outbox_cfg *cfg, const char *to,
    const char *subject, const char *body, int64_t *id_out, char *mid_out)
{
	char hex[2 * MID_RANDOM_BYTES + 1], mid[OUTBOX_MID_MAX];
	const char *host = cfg->host ? cfg->host : DEFAULT_HOST;
	int64_t id = 0;
	size_t sl, bl;
	struct db_q *q;
	time_t now;
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
	now = now_s();

	q = db_start(d, ST_OUTBOX_INSERT);
	db_bind_text(q, 1, to);
	db_bind_text(q, 2, subject);
	db_bind_text(q, 3, body);
	db_bind_text(q, 4, mid);
	db_bind_int(q, 5, (int64_t)now);
	db_bind_int(q, 6, (int64_t)now);
	if ((rc = db_step(q)) == WS_OK) {
		id = db_col_int(q, 0);
		while ((rc = db_step(q)) == WS_OK)
			;
	}
	db_end(q);
	if (rc != WS_EDONE || id == 0)
		return rc == WS_EDONE ? WS_EDB : rc;
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

/* ---- one delivery ---------------------------------------------------- */

struct claimed {
	int64_t id;
	char *to, *subject, *body, *mid;
	int attempts;		/* including this one */
};

static void
claimed_free(struct claimed *c)
{
	free(c->to);
	free(c->subject);
	free(c->body);
	free(c->mid);
	memset(c, 0, sizeof *c);
}

static char *
col_dup(struct db_q *q, int i)
{
	const char *s = db_col_text(q, i);

	return xstrdup(s ? s : "");
}

/* Claims the oldest due message, or one whose sender has been silent for
 * stale seconds, into c (free with claimed_free).  WS_EDONE: none due. */
static enum ws_err
claim(struct db_pool *pool, int stale, struct claimed *c)
{
	struct db *d = db_acquire(pool);
	struct db_q *q = db_start(d, ST_OUTBOX_CLAIM);
	time_t now = now_s();
	enum ws_err rc;

	db_bind_int(q, 1, (int64_t)now);
	db_bind_int(q, 2, (int64_t)now);
	db_bind_int(q, 3, (int64_t)(now - stale));
	if ((rc = db_step(q)) == WS_OK) {
		c->id = db_col_int(q, 0);
		c->to = col_dup(q, 1);
		c->subject = col_dup(q, 2);
		c->body = col_dup(q, 3);
		c->mid = col_dup(q, 4);
		c->attempts = (int)db_col_int(q, 5);
		while ((rc = db_step(q)) == WS_OK)
			;
		if (rc == WS_EDONE)
			rc = WS_OK;
		else
			claimed_free(c);
	}
	db_end(q);
	db_release(pool, d);
	return rc;
}

/* Records the outcome: sent, or due again after the back-off with reason. */
static enum ws_err
finish(struct db_pool *pool, const struct claimed *c, int ok, const char *reason)
{
	struct db *d = db_acquire(pool);
	struct db_q *q;
	time_t now = now_s();
	enum ws_err rc;

	if (ok) {
		q = db_start(d, ST_OUTBOX_SENT);
		db_bind_int(q, 1, (int64_t)now);
		db_bind_int(q, 2, c->id);
	} else {
		q = db_start(d, ST_OUTBOX_RETRY);
		db_bind_int(q, 1, (int64_t)(now + outbox_backoff(c->attempts)));
		db_bind_text(q, 2, reason);
		db_bind_int(q, 3, c->id);
	}
	rc = db_exec(q, NULL);
	db_end(q);
	db_release(pool, d);
	if (rc)
		log_error("outbox: %lld <%s>: cannot record the outcome of its delivery: %s",
		    (long long)c->id, c->mid, ws_strerror(rc));
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
eml_write(const char *dir, const struct claimed *c, const struct buf *msg, char *err,
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

/* Renders and delivers c.  WS_EUNAVAIL when no other message would get
 * through either (SMTP server down, configuration wrong). */
static enum ws_err
deliver(const struct outbox_cfg *cfg, struct mail_smtp **smtp, const struct claimed *c,
    char *err, size_t errlen)
{
	const char *from = cfg->from ? cfg->from : DEFAULT_FROM;
	char envfrom[OUTBOX_ADDR_MAX + 1];
	struct buf msg;
	enum ws_err rc;

	buf_init(&msg, MAIL_MSG_MAX);
	if ((rc = mail_format(&msg, from, c->to, c->subject, c->body, c->mid, now_s())) != WS_OK) {
		snprintf(err, errlen, "cannot render the message: %s", ws_strerror(rc));
		rc = WS_EUNAVAIL;
		goto out;
	}
	if (!cfg->smtp_url || !*cfg->smtp_url) {
		rc = eml_write(cfg->mail_dir ? cfg->mail_dir : DEFAULT_MAIL_DIR, c, &msg, err, errlen);
		goto out;
	}
	if (!*smtp && !(*smtp = mail_smtp_new())) {
		snprintf(err, errlen, "cannot start a libcurl handle");
		rc = WS_EUNAVAIL;
		goto out;
	}
	mail_addr_of(from, envfrom, sizeof envfrom);
	rc = mail_smtp_send(*smtp, cfg->smtp_url, envfrom, c->to, msg.data, msg.len, err, errlen);
out:
	buf_free(&msg);
	return rc;
}

/* ---- the run --------------------------------------------------------- */

/* outbox_run_once(), stopping between messages once *stop is set. */
static enum ws_err
run(struct db_pool *pool, const struct outbox_cfg *cfg, int *sent, atomic_int *stop)
{
	struct mail_smtp *smtp = NULL;
	struct claimed c = {0};
	char err[PATH_MAX + 256];	/* room for a path and its reason */
	int n = 0, stale = cfg->stale_seconds > 0 ? cfg->stale_seconds : DEFAULT_STALE;
	enum ws_err rc, drc;

	if (stale < OUTBOX_STALE_MIN)
		stale = OUTBOX_STALE_MIN;
	pthread_once(&init_once, init_libs);
	for (;;) {
		if (stop && atomic_load(stop)) {
			rc = WS_OK;
			break;
		}
		if ((rc = claim(pool, stale, &c)) != WS_OK) {
			if (rc == WS_EDONE)
				rc = WS_OK;
			break;
		}
		err[0] = '\0';
		drc = deliver(cfg, &smtp, &c, err, sizeof err);
		if (drc == WS_OK) {
			n++;
			log_info("outbox: sent %lld <%s> (attempt %d, %s)", (long long)c.id, c.mid,
			    c.attempts, cfg->smtp_url && *cfg->smtp_url ? "smtp" : "eml file");
		} else {
			log_warn("outbox: %lld <%s> attempt %d failed, next try in %d s: %s",
			    (long long)c.id, c.mid, c.attempts, outbox_backoff(c.attempts), err);
		}
		rc = finish(pool, &c, drc == WS_OK, err);
		claimed_free(&c);
		if (rc != WS_OK || drc == WS_EUNAVAIL)
			break;
	}
	mail_smtp_free(smtp);
	if (sent)
		*sent = n;
	return rc;
}

enum ws_err
outbox_run_once(struct db_pool *pool, const struct outbox_cfg *cfg, int *sent)
{
	return run(pool, cfg, sent, NULL);
}

/* ---- the worker ------------------------------------------------------ */

struct outbox_worker {
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;	/* on CLOCK_MONOTONIC */
	int kicked;		/* under mu */
	atomic_int stop;	/* set under mu, read anywhere */
	struct db_pool *pool;
	struct outbox_cfg cfg;	/* its strings are the copies below */
	char *smtp_url, *mail_dir, *from, *host;
};

static void *
worker_main(void *arg)
{
	struct outbox_worker *w = arg;
	enum ws_err rc, last = WS_OK;
	struct timespec ts;

	log_set_request_id("outbox");
	pthread_mutex_lock(&w->mu);
	while (!atomic_load(&w->stop)) {
		if (!w->kicked) {
			clock_gettime(CLOCK_MONOTONIC, &ts);
			ts.tv_nsec += WORKER_PERIOD_MS * 1000000L;
			if (ts.tv_nsec >= 1000000000L) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000L;
			}
			(void)pthread_cond_timedwait(&w->cv, &w->mu, &ts);
			if (atomic_load(&w->stop))
				break;
		}
		w->kicked = 0;
		pthread_mutex_unlock(&w->mu);
		rc = run(w->pool, &w->cfg, NULL, &w->stop);
		if (rc != WS_OK && rc != last)
			log_warn("outbox: delivery run failed: %s", ws_strerror(rc));
		last = rc;
		pthread_mutex_lock(&w->mu);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

static void
worker_free(struct outbox_worker *w)
{
	pthread_cond_destroy(&w->cv);
	pthread_mutex_destroy(&w->mu);
	free(w->smtp_url);
	free(w->mail_dir);
	free(w->from);
	free(w->host);
	free(w);
}

struct outbox_worker *
outbox_worker_start(struct db_pool *pool, const struct outbox_cfg *cfg)
{
	struct outbox_worker *w = xcalloc(1, sizeof *w);
	pthread_condattr_t ca;
	sigset_t all, old;
	int e;

	pthread_once(&init_once, init_libs);
	w->pool = pool;
	w->cfg = *cfg;
	w->cfg.smtp_url = w->smtp_url = xstrdup(cfg->smtp_url);
	w->cfg.mail_dir = w->mail_dir = xstrdup(cfg->mail_dir);
	w->cfg.from = w->from = xstrdup(cfg->from);
	w->cfg.host = w->host = xstrdup(cfg->host);
	atomic_init(&w->stop, 0);
	pthread_mutex_init(&w->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&w->cv, &ca);
	pthread_condattr_destroy(&ca);
	/* Signals are the main thread's business. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	e = pthread_create(&w->th, NULL, worker_main, w);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (e != 0) {
		log_error("outbox: cannot start the worker thread: %s", strerror(e));
		worker_free(w);
		return NULL;
	}
	return w;
}

void
outbox_kick(struct outbox_worker *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	w->kicked = 1;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
}

void
outbox_worker_stop(struct outbox_worker *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	atomic_store(&w->stop, 1);
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->th, NULL);
	worker_free(w);
}
