/*
 * outbox_test.c -- the outbox delivering to a real SMTP server, through the
 * "mail" jobs that the jobs module (src/jobs) claims and retries.
 *
 * The server is aiosmtpd with its Maildir handler, started once for the run
 * on a free loopback port; each test empties its Maildir and reads what
 * arrived.  Every store test runs on a fresh SQLite file and, when
 * WHATSON_TEST_PG names a server, on a fresh PostgreSQL database made with
 * createdb (and dropped after); without the variable the PostgreSQL variants
 * are skipped.  Time moves forward with util_clock_offset(), which the outbox
 * and the jobs read through now_s().
 *
 * The interpreter that runs aiosmtpd is $WHATSON_PYTHON, else /usr/bin/python3
 * (Debian's python3-aiosmtpd), else python3 from PATH.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"
#include "jobs/jobs.h"
#include "mail/outbox.h"

/* ---- processes, files, sockets -------------------------------------- */

static char topdir[256];	/* this run's temporary directory */

static double
mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
sleep_ms(int ms)
{
	struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* Runs argv, output to log (appended); its exit status, or -1. */
static int
run_cmd(char *const argv[], const char *log)
{
	pid_t pid = fork();
	int st, fd;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		if ((fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600)) >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
rm_tree(const char *dir)
{
	(void)nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* The whole file as a NUL-terminated string (free()), or NULL. */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	s = xmalloc((size_t)n + 1);
	if (fread(s, 1, (size_t)n, f) != (size_t)n) {
		free(s);
		fclose(f);
		return NULL;
	}
	s[n] = '\0';
	fclose(f);
	return s;
}

/* A loopback port nobody listens on (at the time of asking). */
static int
free_port(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	socklen_t len = sizeof a;
	int s = socket(AF_INET, SOCK_STREAM, 0), port;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(s, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(getsockname(s, (struct sockaddr *)&a, &len), 0);
	port = ntohs(a.sin_port);
	close(s);
	return port;
}

static int
port_open(int port)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	int s = socket(AF_INET, SOCK_STREAM, 0), ok;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ok = connect(s, (struct sockaddr *)&a, sizeof a) == 0;
	close(s);
	return ok;
}

/* ---- the SMTP sink --------------------------------------------------- */

struct sink {
	pid_t pid;
	int port;
	char maildir[PATH_MAX];
};

static struct sink sink;

static int
sink_start(struct sink *s, const char *dir)
{
	const char *py = getenv("WHATSON_PYTHON");
	char listen[32], log[PATH_MAX + 8];
	int i, st, fd;

	if (!py || !*py)
		py = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
	s->port = free_port();
	snprintf(s->maildir, sizeof s->maildir, "%s", dir);
	snprintf(listen, sizeof listen, "127.0.0.1:%d", s->port);
	snprintf(log, sizeof log, "%s.log", dir);
	if ((s->pid = fork()) < 0)
		return -1;
	if (s->pid == 0) {
		char *argv[] = {(char *)py, "-m", "aiosmtpd", "-n", "-l", listen,
		    "-c", "aiosmtpd.handlers.Mailbox", s->maildir, NULL};

		if ((fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600)) >= 0) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execvp(argv[0], argv);
		_exit(127);
	}
	for (i = 0; i < 400; i++) {	/* 20 s */
		if (port_open(s->port))
			return 0;
		if (waitpid(s->pid, &st, WNOHANG) == s->pid) {
			fprintf(stderr, "# aiosmtpd exited; see %s\n", log);
			s->pid = 0;
			return -1;
		}
		sleep_ms(50);
	}
	return -1;
}

static void
sink_stop(struct sink *s)
{
	int i, st;

	if (s->pid <= 0)
		return;
	kill(s->pid, SIGTERM);
	for (i = 0; i < 100; i++) {
		if (waitpid(s->pid, &st, WNOHANG) == s->pid)
			goto done;
		sleep_ms(20);
	}
	kill(s->pid, SIGKILL);
	waitpid(s->pid, &st, 0);
done:
	s->pid = 0;
}

/* Removes every delivered message. */
static void
sink_clear(const struct sink *s)
{
	char path[PATH_MAX + 300];
	struct dirent *e;
	DIR *d;

	snprintf(path, sizeof path, "%s/new", s->maildir);
	if (!(d = opendir(path)))
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/new/%s", s->maildir, e->d_name);
		unlink(path);
	}
	closedir(d);
}

/* ---- reading messages ------------------------------------------------ */

struct mail {
	char *rcpt;	/* envelope recipient (X-RcptTo, added by the sink) */
	char *to, *subject, *mid, *cte;	/* subject decoded */
	char *body;	/* as stored, LF line ends */
};

static void
mail_free(struct mail *m)
{
	free(m->rcpt);
	free(m->to);
	free(m->subject);
	free(m->mid);
	free(m->cte);
	free(m->body);
	memset(m, 0, sizeof *m);
}

/* Decodes an unfolded Subject: encoded-words (B, UTF-8) and plain text; white
 * space between two encoded-words is dropped, as RFC 2047 says. */
static char *
decode_words(const char *v)
{
	size_t cap = strlen(v) + 1, n = 0, binlen;
	char *out = xmalloc(cap);
	const char *p = v, *end;
	int prev_ew = 0;

	while (*p) {
		const char *ws = p;

		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, "=?UTF-8?B?", 10) == 0 && (end = strstr(p + 10, "?=")) != NULL) {
			if (!prev_ew && ws != p) {
				memcpy(out + n, ws, (size_t)(p - ws));
				n += (size_t)(p - ws);
			}
			if (sodium_base642bin((unsigned char *)out + n, cap - n, p + 10,
			    (size_t)(end - p - 10), NULL, &binlen, NULL,
			    sodium_base64_VARIANT_ORIGINAL) != 0)
				fail_msg("bad base64 in %s", v);
			n += binlen;
			p = end + 2;
			prev_ew = 1;
			continue;
		}
		memcpy(out + n, ws, (size_t)(p - ws));
		n += (size_t)(p - ws);
		while (*p && *p != ' ' && *p != '\t')
			out[n++] = *p++;
		prev_ew = 0;
	}
	out[n] = '\0';
	return out;
}

/* Parses raw (LF line ends) into m. */
static void
mail_parse(const char *raw, struct mail *m)
{
	const char *body = strstr(raw, "\n\n"), *p = raw;

	memset(m, 0, sizeof *m);
	assert_non_null(body);
	m->body = xstrdup(body + 2);
	while (p < body + 1) {
		const char *e = p, *colon;
		char *v, *w;
		size_t k = 0;

		/* One header, with its continuation lines. */
		do {
			e = strchr(e, '\n');
			e++;
		} while (e <= body && (*e == ' ' || *e == '\t'));
		colon = memchr(p, ':', (size_t)(e - p));
		assert_non_null(colon);
		v = xstrndup(colon + 1, (size_t)(e - colon - 1));
		for (w = v; *w; w++)	/* unfold */
			if (*w != '\n')
				v[k++] = *w;
		v[k] = '\0';
		w = v + strspn(v, " ");
#define HDR(name, field) \
	if ((size_t)(colon - p) == strlen(name) && strncasecmp(p, name, strlen(name)) == 0) \
		field = xstrdup(w)
		HDR("X-RcptTo", m->rcpt);
		HDR("To", m->to);
		HDR("Message-ID", m->mid);
		HDR("Content-Transfer-Encoding", m->cte);
		if ((size_t)(colon - p) == 7 && strncasecmp(p, "Subject", 7) == 0)
			m->subject = decode_words(w);
#undef HDR
		free(v);
		p = e;
	}
}

/* Reads every message the sink holds into *out (free each, then the array);
 * returns how many. */
static int
sink_read(const struct sink *s, struct mail **out)
{
	char path[PATH_MAX + 300];
	struct dirent *e;
	struct mail *m = NULL;
	int n = 0;
	char *raw;
	DIR *d;

	snprintf(path, sizeof path, "%s/new", s->maildir);
	if ((d = opendir(path)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof path, "%s/new/%s", s->maildir, e->d_name);
			if (!(raw = slurp(path)))
				continue;
			m = xrealloc(m, sizeof *m * (size_t)(n + 1));
			mail_parse(raw, &m[n++]);
			free(raw);
		}
		closedir(d);
	}
	*out = m;
	return n;
}

static void
mails_free(struct mail *m, int n)
{
	int i;

	for (i = 0; i < n; i++)
		mail_free(&m[i]);
	free(m);
}

/* How many messages in the sink have this subject. */
static int
sink_count_subject(const struct sink *s, const char *subject)
{
	struct mail *m;
	int n = sink_read(s, &m), i, k = 0;

	for (i = 0; i < n; i++)
		k += m[i].subject && strcmp(m[i].subject, subject) == 0;
	mails_free(m, n);
	return k;
}

/* True when the Message-ID header hdr is "<mid>". */
static int
mid_is(const char *hdr, const char *mid)
{
	size_t n = strlen(mid);

	return hdr && hdr[0] == '<' && strncmp(hdr + 1, mid, n) == 0 &&
	    hdr[n + 1] == '>' && hdr[n + 2] == '\0';
}

/* s with CRLF and CR turned into LF, ending in LF when not empty (free()). */
static char *
lf_text(const char *s)
{
	size_t n = strlen(s), k = 0;
	char *o = xmalloc(n + 2);

	for (; *s; s++) {
		if (*s == '\r') {
			o[k++] = '\n';
			if (s[1] == '\n')
				s++;
		} else {
			o[k++] = *s;
		}
	}
	if (k && o[k - 1] != '\n')
		o[k++] = '\n';
	o[k] = '\0';
	return o;
}

/* Decodes quoted-printable text with LF line ends (free()). */
static char *
qp_decode(const char *s)
{
	char *o = xmalloc(strlen(s) + 1), h[3] = {0};
	size_t k = 0;

	while (*s) {
		if (s[0] == '=' && s[1] == '\n') {
			s += 2;
		} else if (s[0] == '=' && s[1] && s[2]) {
			h[0] = s[1];
			h[1] = s[2];
			o[k++] = (char)strtol(h, NULL, 16);
			s += 3;
		} else {
			o[k++] = *s++;
		}
	}
	o[k] = '\0';
	return o;
}

/* ---- fixtures -------------------------------------------------------- */

static const int on_sqlite = 0, on_pg = 1;

struct fx {
	int pg;
	char dir[PATH_MAX];	/* this test's temporary directory */
	char url[PATH_MAX + 32];
	char pgname[64];	/* database created for this test */
	struct db_pool *pool;
	struct outbox_cfg cfg;
	struct job_kind kind;	/* "mail", as src/app/app.c runs it, with cfg */
	char smtp_url[64];
	char mail_dir[PATH_MAX + 16];
};

/* url with its database name replaced by name. */
static void
pg_url_with_db(const char *url, const char *name, char *out, size_t len)
{
	const char *s = strstr(url, "://"), *auth_end, *query;

	assert_non_null(s);
	auth_end = s + 3 + strcspn(s + 3, "/?");
	query = strchr(auth_end, '?');
	snprintf(out, len, "%.*s/%s%s", (int)(auth_end - url), url, name, query ? query : "");
}

static int
setup(void **state)
{
	static int seq;
	const char *pg = getenv("WHATSON_TEST_PG");
	char err[256], log[PATH_MAX + 8];
	struct fx *f = xcalloc(1, sizeof *f);
	enum ws_err rc;

	f->pg = *(const int *)*state;
	*state = f;
	if (f->pg && (!pg || !*pg))
		return -1;	/* main() leaves these out */
	snprintf(f->dir, sizeof f->dir, "%s/t%d-XXXXXX", topdir, ++seq);
	if (!mkdtemp(f->dir))
		return -1;
	if (f->pg) {
		char *argv[] = {"createdb", "--maintenance-db", (char *)pg, f->pgname, NULL};

		snprintf(f->pgname, sizeof f->pgname, "outbox_test_%d_%d", (int)getpid(), seq);
		snprintf(log, sizeof log, "%s/createdb.log", topdir);
		if (run_cmd(argv, log) != 0) {
			fprintf(stderr, "# createdb %s failed; see %s\n", f->pgname, log);
			f->pgname[0] = '\0';
			return -1;
		}
		pg_url_with_db(pg, f->pgname, f->url, sizeof f->url);
	} else {
		snprintf(f->url, sizeof f->url, "sqlite:%s/whatson.db", f->dir);
	}
	if ((rc = db_pool_open(f->url, 2, 1, &f->pool, err, sizeof err)) != WS_OK) {
		fprintf(stderr, "# db_pool_open: %s\n", err);
		return -1;
	}
	snprintf(f->smtp_url, sizeof f->smtp_url, "smtp://127.0.0.1:%d", sink.port);
	snprintf(f->mail_dir, sizeof f->mail_dir, "%s/var/mail", f->dir);
	f->cfg.smtp_url = f->smtp_url;
	f->cfg.mail_dir = f->mail_dir;
	f->cfg.from = "WhatsOn <no-reply@whatson.test>";
	f->cfg.host = "whatson.test";
	f->kind = (struct job_kind){OUTBOX_JOB_KIND, outbox_job_run, OUTBOX_ATTEMPTS, OUTBOX_LEASE,
	    &f->cfg};
	sink_clear(&sink);
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;
	char log[PATH_MAX + 8];

	db_pool_free(f->pool);
	if (f->pgname[0]) {
		char *argv[] = {"dropdb", "--force", "--maintenance-db",
		    getenv("WHATSON_TEST_PG"), f->pgname, NULL};

		snprintf(log, sizeof log, "%s/createdb.log", topdir);
		(void)run_cmd(argv, log);
	}
	if (f->dir[0])
		rm_tree(f->dir);
	free(f);
	return 0;
}

#define FX(state) struct fx *f = *(state)

static int
group_setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	char dir[sizeof topdir + 8];

	(void)state;
	log_set_quiet(1);
	if (sodium_init() < 0)
		return -1;
	snprintf(topdir, sizeof topdir, "%s/outbox-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(topdir))
		return -1;
	snprintf(dir, sizeof dir, "%s/sink", topdir);
	if (sink_start(&sink, dir) != 0) {
		fprintf(stderr, "# cannot start the SMTP sink (python3 -m aiosmtpd)\n");
		return -1;
	}
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	sink_stop(&sink);
	rm_tree(topdir);
	return 0;
}

/* ---- helpers on the store ------------------------------------------- */

static int64_t
pending(struct db_pool *p)
{
	struct db *d = db_acquire(p);
	struct db_q *q = db_start(d, ST_OUTBOX_PENDING);
	int64_t n;

	assert_int_equal(db_step(q), WS_OK);
	n = db_col_int(q, 0);
	db_end(q);
	db_release(p, d);
	return n;
}

static int64_t
enqueue(struct fx *f, const char *to, const char *subject, const char *body, char *mid)
{
	struct db *d = db_acquire(f->pool);
	int64_t id = 0;
	enum ws_err rc = outbox_enqueue_mid(d, &f->cfg, to, subject, body, &id, mid);

	db_release(f->pool, d);
	assert_int_equal(rc, WS_OK);
	assert_true(id > 0);
	return id;
}

/* Runs the due jobs once as node "node-a"; how many messages went out. */
static int
run_once(struct fx *f)
{
	int64_t before = pending(f->pool);

	assert_int_equal(jobs_run_once(f->pool, &f->kind, 1, "node-a", 0, NULL), WS_OK);
	return (int)(before - pending(f->pool));
}

/* The mail job of message id, as /staff/jobs shows it. */
struct jrow {
	int64_t id, attempts, run_after;
	char status[16], error[512];
};

static void
job_of(struct fx *f, int64_t outbox_id, struct jrow *r)
{
	char payload[64];
	struct db *d = db_acquire(f->pool);
	struct db_q *q = db_start(d, ST_JOB_LIST);
	int found = 0;

	snprintf(payload, sizeof payload, "{\"outbox_id\":%lld}", (long long)outbox_id);
	memset(r, 0, sizeof *r);
	db_bind_text(q, 1, "");
	db_bind_text(q, 2, "");
	db_bind_int(q, 3, 1000);
	db_bind_int(q, 4, 0);
	while (db_step(q) == WS_OK) {
		if (strcmp(db_col_text(q, 1), OUTBOX_JOB_KIND) != 0 ||
		    strcmp(db_col_text(q, 2), payload) != 0)
			continue;
		found++;
		r->id = db_col_int(q, 0);
		snprintf(r->status, sizeof r->status, "%s", db_col_text(q, 3));
		r->run_after = db_col_int(q, 4);
		r->attempts = db_col_int(q, 5);
		snprintf(r->error, sizeof r->error, "%s", db_col_null(q, 8) ? "" : db_col_text(q, 8));
	}
	db_end(q);
	db_release(f->pool, d);
	assert_int_equal(found, 1);	/* one job per message */
}

/* How many jobs there are, of any kind. */
static int64_t
jobs_count(struct fx *f)
{
	struct db *d = db_acquire(f->pool);
	struct db_q *q = db_start(d, ST_JOB_COUNT);
	int64_t n;

	db_bind_text(q, 1, "");
	db_bind_text(q, 2, "");
	assert_int_equal(db_step(q), WS_OK);
	n = db_col_int(q, 0);
	db_end(q);
	db_release(f->pool, d);
	return n;
}

/* Claims the next due job as a node that then dies, holding it lease
 * seconds; the job's id. */
static int64_t
claim_and_die(struct fx *f, int lease)
{
	char err[256];
	struct db_pool *dead;
	struct db_q *q;
	struct db *d;
	int64_t id = 0;

	assert_int_equal(db_pool_open(f->url, 1, 0, &dead, err, sizeof err), WS_OK);
	d = db_acquire(dead);
	q = db_start(d, ST_JOB_CLAIM);
	db_bind_text(q, 1, "dead-node");
	db_bind_int(q, 2, now_s() + lease);
	db_bind_int(q, 3, now_s());
	db_bind_int(q, 4, now_s());
	db_bind_int(q, 5, now_s());
	assert_int_equal(db_step(q), WS_OK);
	id = db_col_int(q, 0);
	assert_string_equal(db_col_text(q, 1), OUTBOX_JOB_KIND);
	assert_int_equal(db_step(q), WS_EDONE);
	db_end(q);
	db_release(dead, d);
	db_pool_free(dead);
	return id;
}

/* ---- tests ----------------------------------------------------------- */

/* Three queued messages arrive, each once, with the right envelope,
 * headers (a French subject among them), body and stored Message-ID; their
 * jobs are done. */
static void
test_send_three(void **state)
{
	static const struct {
		const char *to, *subject, *body;
	} in[] = {
		{"alice@example.org", "Welcome to WhatsOn", "Hello Alice,\n\nWelcome.\n"},
		{"bob@example.org", "V\xc3\xa9rification de votre adresse",
		    "Bonjour Bob,\r\n\r\nOuvrez https://whatson.test/verify?t=abc123\r\n.\r\n"
		    "..deux points\r\n\xe2\x80\x94 l'\xc3\xa9quipe"},
		{"carol@example.org", "A rather long subject line that goes on and on about "
		    "the events of the week, the calls that close soon and what else is new",
		    "Line one\rLine two\n"},
	};
	char mids[3][OUTBOX_MID_MAX];
	int64_t ids[3];
	struct jrow jr;
	struct mail *m;
	int i, j, n;
	FX(state);

	for (i = 0; i < 3; i++)
		ids[i] = enqueue(f, in[i].to, in[i].subject, in[i].body, mids[i]);
	assert_int_equal(pending(f->pool), 3);
	for (i = 0; i < 3; i++) {
		job_of(f, ids[i], &jr);
		assert_string_equal(jr.status, "queued");
	}
	assert_int_equal(run_once(f), 3);
	assert_int_equal(pending(f->pool), 0);
	for (i = 0; i < 3; i++) {
		job_of(f, ids[i], &jr);
		assert_string_equal(jr.status, "done");
		assert_int_equal(jr.attempts, 1);
	}

	n = sink_read(&sink, &m);
	assert_int_equal(n, 3);
	for (i = 0; i < 3; i++) {
		char *want_body = lf_text(in[i].body);

		for (j = 0; j < n && strcmp(m[j].rcpt, in[i].to) != 0; j++)
			;
		assert_true(j < n);
		assert_string_equal(m[j].to, in[i].to);
		assert_string_equal(m[j].subject, in[i].subject);
		assert_true(mid_is(m[j].mid, mids[i]));
		assert_string_equal(m[j].cte, "8bit");
		assert_string_equal(m[j].body, want_body);
		assert_non_null(strstr(mids[i], "@whatson.test"));
		assert_int_equal(strcspn(mids[i], "@"), 32);
		free(want_body);
	}
	mails_free(m, n);
	/* Nothing is sent twice. */
	assert_int_equal(run_once(f), 0);
	assert_int_equal(sink_count_subject(&sink, in[0].subject), 1);
}

/* With the server refusing connections the message stays queued, its job
 * keeping why, and waits out the jobs' back-off; once the server is back
 * it arrives exactly once. */
static void
test_smtp_down(void **state)
{
	char url[64];
	struct jrow jr;
	int64_t id;
	FX(state);

	snprintf(url, sizeof url, "smtp://127.0.0.1:%d", free_port());
	f->cfg.smtp_url = url;
	id = enqueue(f, "dave@example.org", "Server down, then up", "Still here.\n", NULL);
	assert_int_equal(run_once(f), 0);
	assert_int_equal(pending(f->pool), 1);
	job_of(f, id, &jr);
	assert_string_equal(jr.status, "queued");
	assert_int_equal(jr.attempts, 1);
	assert_non_null(strstr(jr.error, "to dave@example.org: "));
	assert_non_null(strstr(jr.error, "connect"));
	assert_true(jr.run_after >= now_s() + job_backoff(1) - 1);

	f->cfg.smtp_url = f->smtp_url;	/* the server is back ... */
	assert_int_equal(run_once(f), 0);	/* ... but the back-off holds */
	assert_int_equal(sink_count_subject(&sink, "Server down, then up"), 0);
	util_clock_offset(job_backoff(1) + 1);
	assert_int_equal(run_once(f), 1);
	assert_int_equal(run_once(f), 0);
	assert_int_equal(sink_count_subject(&sink, "Server down, then up"), 1);
	assert_int_equal(pending(f->pool), 0);
	job_of(f, id, &jr);
	assert_string_equal(jr.status, "done");
	assert_int_equal(jr.attempts, 2);
}
/* A server that answers every connection "421" and hangs up; counts them. */
struct refuser {
	int fd, port;
	atomic_int conns, stop;
	pthread_t th;
};

static void *
refuser_main(void *arg)
{
	static const char bye[] = "421 4.3.2 closing for maintenance\r\n";
	struct refuser *r = arg;
	struct pollfd p = {.fd = r->fd, .events = POLLIN};
	int c;

	while (!atomic_load(&r->stop)) {
		if (poll(&p, 1, 50) <= 0)
			continue;
		if ((c = accept(r->fd, NULL, NULL)) < 0)
			continue;
		atomic_fetch_add(&r->conns, 1);
		(void)!write(c, bye, sizeof bye - 1);
		close(c);
	}
	return NULL;
}

static void
refuser_start(struct refuser *r)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	socklen_t len = sizeof a;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	r->fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_int_equal(bind(r->fd, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(getsockname(r->fd, (struct sockaddr *)&a, &len), 0);
	assert_int_equal(listen(r->fd, 16), 0);
	r->port = ntohs(a.sin_port);
	atomic_init(&r->conns, 0);
	atomic_init(&r->stop, 0);
	assert_int_equal(pthread_create(&r->th, NULL, refuser_main, r), 0);
}

static void
refuser_stop(struct refuser *r)
{
	atomic_store(&r->stop, 1);
	pthread_join(r->th, NULL);
	close(r->fd);
}

/* Retries wait as long as the jobs' back-off says; after OUTBOX_ATTEMPTS
 * attempts the job stops as failed, with the server's answer as its error,
 * and the message stays unsent until staff queue the job again, when it is
 * delivered once. */
static void
test_backoff(void **state)
{
	struct refuser r;
	struct jrow jr;
	struct db *d;
	char url[64];
	int64_t id;
	int i, before;
	FX(state);

	refuser_start(&r);
	snprintf(url, sizeof url, "smtp://127.0.0.1:%d", r.port);
	f->cfg.smtp_url = url;
	id = enqueue(f, "erin@example.org", "Back-off", "Patience.\n", NULL);

	assert_int_equal(run_once(f), 0);	/* attempt 1 */
	assert_int_equal(atomic_load(&r.conns), 1);
	for (i = 1; i < OUTBOX_ATTEMPTS; i++) {
		/* Not due yet (allowing a second of real time to pass) ... */
		before = atomic_load(&r.conns);
		util_clock_offset(job_backoff(i) - 2);
		assert_int_equal(run_once(f), 0);
		assert_int_equal(atomic_load(&r.conns), before);
		/* ... and due once the wait is over. */
		util_clock_offset(2);
		assert_int_equal(run_once(f), 0);
		assert_int_equal(atomic_load(&r.conns), before + 1);
	}
	job_of(f, id, &jr);
	assert_string_equal(jr.status, "failed");
	assert_int_equal(jr.attempts, OUTBOX_ATTEMPTS);
	assert_non_null(strstr(jr.error, "to erin@example.org: "));
	assert_non_null(strstr(jr.error, "421"));
	/* Failed stays failed. */
	util_clock_offset(10 * JOB_BACKOFF_MAX);
	assert_int_equal(run_once(f), 0);
	assert_int_equal(atomic_load(&r.conns), OUTBOX_ATTEMPTS);
	refuser_stop(&r);
	assert_int_equal(pending(f->pool), 1);

	/* Staff try it again (/staff/jobs/{id}/retry) once the server works. */
	f->cfg.smtp_url = f->smtp_url;
	d = db_acquire(f->pool);
	assert_int_equal(job_retry(d, jr.id), WS_OK);
	db_release(f->pool, d);
	assert_int_equal(run_once(f), 1);
	assert_int_equal(sink_count_subject(&sink, "Back-off"), 1);
	assert_int_equal(pending(f->pool), 0);
	job_of(f, id, &jr);
	assert_string_equal(jr.status, "done");
}

/* A node claims a message's job and dies inside the SMTP transaction.  Once
 * its lease lapses another node sends it, with the same Message-ID. */
static void
test_crash_reclaim(void **state)
{
	char mid[OUTBOX_MID_MAX];
	struct jrow jr;
	struct mail *m;
	int64_t id;
	int n;
	FX(state);

	id = enqueue(f, "frank@example.org", "Crash in flight", "Sent once more.\n", mid);
	job_of(f, id, &jr);
	assert_int_equal(claim_and_die(f, OUTBOX_LEASE), jr.id);

	assert_int_equal(run_once(f), 0);	/* someone holds it */
	util_clock_offset(OUTBOX_LEASE - 2);
	assert_int_equal(run_once(f), 0);	/* the lease holds */
	assert_int_equal(pending(f->pool), 1);
	util_clock_offset(3);
	assert_int_equal(run_once(f), 1);	/* lapsed: taken over */
	assert_int_equal(run_once(f), 0);
	assert_int_equal(pending(f->pool), 0);

	n = sink_read(&sink, &m);
	assert_int_equal(n, 1);
	assert_true(mid_is(m[0].mid, mid));
	assert_string_equal(m[0].subject, "Crash in flight");
	mails_free(m, n);
}

/* A node that sent a message and marked it sent, but died before its job
 * was recorded done: the node that takes the job over does not send it
 * again. */
static void
test_sent_not_resent(void **state)
{
	struct jrow jr;
	struct db_q *q;
	struct db *d;
	int64_t id;
	FX(state);

	id = enqueue(f, "gus@example.org", "Sent before the crash", "Once.\n", NULL);
	job_of(f, id, &jr);
	assert_int_equal(claim_and_die(f, OUTBOX_LEASE), jr.id);
	d = db_acquire(f->pool);
	q = db_start(d, ST_OUTBOX_SENT);
	db_bind_int(q, 1, now_s());
	db_bind_int(q, 2, id);
	assert_int_equal(db_exec(q, NULL), WS_OK);
	db_end(q);
	db_release(f->pool, d);

	util_clock_offset(OUTBOX_LEASE + 1);
	assert_int_equal(jobs_run_once(f->pool, &f->kind, 1, "node-a", 0, NULL), WS_OK);
	job_of(f, id, &jr);
	assert_string_equal(jr.status, "done");
	assert_int_equal(sink_count_subject(&sink, "Sent before the crash"), 0);
}

/* Polls the sink for a subject for up to secs; seconds waited, or -1. */
static double
wait_for(const char *subject, double secs)
{
	double t0 = mono_now();

	while (mono_now() - t0 < secs) {
		if (sink_count_subject(&sink, subject) == 1)
			return mono_now() - t0;
		sleep_ms(20);
	}
	return -1;
}

static void
kick(void *arg)
{
	jobs_kick(arg);
}

/* The jobs workers send at once when kicked after the commit that queued
 * the mail, and within their period when not. */
static void
test_worker(void **state)
{
	struct jobs *w;
	struct db *d;
	double t;
	FX(state);

	w = jobs_start(f->pool, &f->kind, 1, 1);
	assert_non_null(w);
	d = db_acquire(f->pool);
	assert_int_equal(db_begin(d), WS_OK);
	assert_int_equal(outbox_enqueue(d, &f->cfg, "gina@example.org", "Kicked", "Now.\n", NULL),
	    WS_OK);
	db_after_commit(d, kick, w);	/* as app_mail() does */
	assert_int_equal(db_commit(d), WS_OK);
	db_release(f->pool, d);
	t = wait_for("Kicked", 3.0);
	assert_true(t >= 0);
	print_message("# kicked mail arrived after %.3f s\n", t);

	enqueue(f, "gina@example.org", "Not kicked", "Soon.\n", NULL);
	t = wait_for("Not kicked", 3.0);
	assert_true(t >= 0);
	print_message("# mail queued without a kick arrived after %.3f s\n", t);
	jobs_stop(w);
	assert_int_equal(pending(f->pool), 0);
}

/* Without an SMTP URL a message becomes <id>-<local part>.eml in a mail
 * directory created 0750, written whole, CRLF line ends. */
static void
test_eml(void **state)
{
	static const char body[] = "Bonjour,\n\nCliquez ici : https://whatson.test/v?t=1\n";
	char mid[OUTBOX_MID_MAX], path[PATH_MAX + 400], local[OUTBOX_MID_MAX], *raw, *lf, *want;
	struct dirent *e;
	struct mail m;
	struct stat st;
	mode_t mask;
	int64_t id;
	int files = 0;
	DIR *dir;
	FX(state);

	f->cfg.smtp_url = NULL;
	id = enqueue(f, "hana@example.org", "V\xc3\xa9rification de votre adresse", body, mid);
	assert_int_equal(run_once(f), 1);
	assert_int_equal(run_once(f), 0);
	assert_int_equal(sink_count_subject(&sink, "V\xc3\xa9rification de votre adresse"), 0);

	mask = umask(0);
	umask(mask);
	assert_int_equal(stat(f->mail_dir, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 0777, 0750 & ~mask);

	snprintf(local, sizeof local, "%.*s", (int)strcspn(mid, "@"), mid);
	snprintf(path, sizeof path, "%s/%lld-%s.eml", f->mail_dir, (long long)id, local);
	raw = slurp(path);
	assert_non_null(raw);
	assert_true(strncmp(raw, "Date: ", 6) == 0);
	assert_non_null(strstr(raw, "\r\nFrom: WhatsOn <no-reply@whatson.test>\r\n"));
	assert_non_null(strstr(raw, "\r\nTo: hana@example.org\r\n"));
	assert_non_null(strstr(raw, "\r\nSubject: =?UTF-8?B?"));
	snprintf(path, sizeof path, "\r\nMessage-ID: <%s>\r\n", mid);
	assert_non_null(strstr(raw, path));
	assert_non_null(strstr(raw, "\r\nMIME-Version: 1.0\r\n"));
	assert_non_null(strstr(raw, "\r\nContent-Type: text/plain; charset=UTF-8\r\n"));
	assert_non_null(strstr(raw, "\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
	    "Bonjour,\r\n\r\nCliquez ici : https://whatson.test/v?t=1\r\n"));
	for (lf = raw; (lf = strchr(lf, '\n')) != NULL; lf++)
		assert_true(lf > raw && lf[-1] == '\r');	/* no bare LF */
	lf = lf_text(raw);
	mail_parse(lf, &m);
	assert_string_equal(m.subject, "V\xc3\xa9rification de votre adresse");
	want = lf_text(body);
	assert_string_equal(m.body, want);
	free(want);
	mail_free(&m);
	free(lf);
	free(raw);

	assert_non_null(dir = opendir(f->mail_dir));	/* no temporary left over */
	while ((e = readdir(dir)) != NULL)
		files += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(dir);
	assert_int_equal(files, 1);
}

/* A message with a List-Unsubscribe address (the weekly digest's) goes
 * out with it and the one-click header (RFC 8058); an address that could
 * break the header (CR, LF, a space, '>', not http, too long) is refused
 * and nothing is queued. */
static void
test_unsub_header(void **state)
{
	static const char url[] = "https://whatson.test/digest/unsubscribe/one-click?u=7&s=ab12";
	char path[PATH_MAX + 400], big[MAIL_UNSUB_MAX + 16], *raw;
	const char *bad[] = { "https://x.test/a\r\nBcc: eve@example.org", "https://x.test/a b",
	    "https://x.test/a>", "mailto:stop@x.test", "", big };
	struct dirent *e;
	struct db *d;
	int64_t id = 0, before;
	size_t i;
	DIR *dir;
	FX(state);

	memset(big, 'a', sizeof big - 1);
	memcpy(big, "https://", 8);
	big[sizeof big - 1] = '\0';
	f->cfg.smtp_url = NULL;
	d = db_acquire(f->pool);
	before = pending(f->pool);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(outbox_enqueue_unsub(d, &f->cfg, "ines@example.org", "Digest",
		    "Hello.\n", bad[i], NULL), WS_EINVAL);
	assert_int_equal(pending(f->pool), before);
	assert_int_equal(outbox_enqueue_unsub(d, &f->cfg, "ines@example.org", "Digest",
	    "Hello.\n", url, &id), WS_OK);
	db_release(f->pool, d);
	assert_true(id > 0);
	assert_int_equal(run_once(f), 1);
	assert_non_null(dir = opendir(f->mail_dir));
	path[0] = '\0';
	while ((e = readdir(dir)) != NULL)
		if (strncmp(e->d_name, ".", 1) != 0)
			snprintf(path, sizeof path, "%s/%s", f->mail_dir, e->d_name);
	closedir(dir);
	raw = slurp(path);
	assert_non_null(raw);
	assert_non_null(strstr(raw, "\r\nList-Unsubscribe: <https://whatson.test/digest/"
	    "unsubscribe/one-click?u=7&s=ab12>\r\nList-Unsubscribe-Post: "
	    "List-Unsubscribe=One-Click\r\n"));
	assert_null(strstr(raw, "Bcc:"));
	free(raw);
}

/* A mail directory that cannot be made keeps the message queued, its job
 * saying why, until it can. */
static void
test_eml_dir_unusable(void **state)
{
	char blocker[PATH_MAX + 16];
	struct jrow jr;
	int64_t id;
	FILE *fp;
	FX(state);

	snprintf(blocker, sizeof blocker, "%s/var", f->dir);	/* a file where a dir should be */
	assert_non_null(fp = fopen(blocker, "w"));
	fclose(fp);
	f->cfg.smtp_url = NULL;
	id = enqueue(f, "lea@example.org", "No directory", "Wait for it.\n", NULL);
	assert_int_equal(run_once(f), 0);
	assert_int_equal(pending(f->pool), 1);
	job_of(f, id, &jr);
	assert_string_equal(jr.status, "queued");
	assert_non_null(strstr(jr.error, "cannot create the mail directory"));

	assert_int_equal(unlink(blocker), 0);
	util_clock_offset(job_backoff(1));
	assert_int_equal(run_once(f), 1);
	assert_int_equal(pending(f->pool), 0);
}

/* Every line of raw (CRLF) is at most max bytes. */
static void
assert_lines_fit(const char *raw, size_t max)
{
	const char *p = raw, *e;

	while ((e = strstr(p, "\r\n")) != NULL) {
		assert_in_range((size_t)(e - p), 0, max);
		p = e + 2;
	}
	assert_string_equal(p, "");
}

/* The longest subjects (ASCII and not) and a body line far over 998 bytes
 * still make a message whose lines fit, and read back unchanged. */
static void
test_long_lines(void **state)
{
	char *subj_ascii = xmalloc(OUTBOX_SUBJECT_MAX + 1), *subj_utf8 = xmalloc(OUTBOX_SUBJECT_MAX + 1);
	char *body = xmalloc(8000), path[PATH_MAX + 400], mid[2][OUTBOX_MID_MAX];
	const char *subj[2];
	int64_t id[2];
	size_t len;
	int i;
	FX(state);

	for (i = 0; i < OUTBOX_SUBJECT_MAX; i++) {
		subj_ascii[i] = i % 7 == 6 ? ' ' : (char)('a' + i % 7);
		subj_utf8[i] = i % 2 ? '\xa9' : '\xc3';	/* "é" * 499 */
	}
	subj_ascii[OUTBOX_SUBJECT_MAX] = subj_utf8[OUTBOX_SUBJECT_MAX] = '\0';
	subj[0] = subj_ascii;
	subj[1] = subj_utf8;
	/* One line of 3000+ bytes, with "=", non-ASCII and runs of spaces. */
	len = (size_t)snprintf(body, 8000, "Short line.\n");
	while (len < 3000)
		len += (size_t)snprintf(body + len, 8000 - len, "d\xc3\xa9j\xc3\xa0 vu = trailing  ");
	snprintf(body + len, 8000 - len, " \nend \t\n.\n");

	f->cfg.smtp_url = NULL;
	for (i = 0; i < 2; i++)
		id[i] = enqueue(f, "ivan@example.org", subj[i], body, mid[i]);
	assert_int_equal(run_once(f), 2);
	for (i = 0; i < 2; i++) {
		struct mail m;
		char *raw, *lf, *dec, *want, *hdr;

		snprintf(path, sizeof path, "%s/%lld-%.32s.eml", f->mail_dir, (long long)id[i], mid[i]);
		assert_non_null(raw = slurp(path));
		assert_lines_fit(raw, 998);
		/* Headers keep to the recommended 78 characters. */
		hdr = xstrndup(raw, (size_t)(strstr(raw, "\r\n\r\n") + 2 - raw));
		assert_lines_fit(hdr, 78);
		free(hdr);
		lf = lf_text(raw);
		mail_parse(lf, &m);
		assert_string_equal(m.subject, subj[i]);
		assert_string_equal(m.cte, "quoted-printable");
		dec = qp_decode(m.body);
		want = lf_text(body);
		assert_string_equal(dec, want);
		free(want);
		free(dec);
		mail_free(&m);
		free(lf);
		free(raw);
	}
	free(subj_ascii);
	free(subj_utf8);
	free(body);
}

/* Bad addresses, header injection and oversized input are refused and
 * queue nothing; the limits themselves are accepted. */
static void
test_bad_input(void **state)
{
	static const char *const bad_to[] = {
		"eve@example.org\r\nBcc: mallory@example.org", "eve@example.org\n",
		"eve@example.org\r", "no-at-sign", "@example.org", "eve@", "",
		"Eve <eve@example.org>", "eve@example.org, bob@example.org",
		"eve@bob@example.org", "\xc3\xa9ve@example.org", "eve @example.org",
	};
	char *big = xmalloc(OUTBOX_BODY_MAX + 2), subj[OUTBOX_SUBJECT_MAX + 2], addr[300];
	struct outbox_cfg badhost;
	struct db *d;
	size_t i;
	FX(state);

	d = db_acquire(f->pool);
	for (i = 0; i < sizeof bad_to / sizeof bad_to[0]; i++)
		assert_int_equal(outbox_enqueue(d, &f->cfg, bad_to[i], "Hi", "Hi", NULL), WS_EINVAL);
	assert_int_equal(outbox_enqueue(d, &f->cfg, NULL, "Hi", "Hi", NULL), WS_EINVAL);
	assert_int_equal(outbox_enqueue(d, &f->cfg, "eve@example.org",
	    "Hi\r\nBcc: mallory@example.org", "Hi", NULL), WS_EINVAL);
	assert_int_equal(outbox_enqueue(d, &f->cfg, "eve@example.org", "Hi\n", "Hi", NULL), WS_EINVAL);
	assert_int_equal(outbox_enqueue(d, &f->cfg, "eve@example.org", "\xc3(", "Hi", NULL), WS_EINVAL);
	assert_int_equal(outbox_enqueue(d, &f->cfg, "eve@example.org", "Hi", "caf\xe9", NULL), WS_EINVAL);
	badhost = f->cfg;
	badhost.host = "evil>\r\nBcc: x";
	assert_int_equal(outbox_enqueue(d, &badhost, "eve@example.org", "Hi", "Hi", NULL), WS_EINVAL);

	/* Address: 254 bytes is the limit. */
	memset(addr, 'a', sizeof addr);
	snprintf(addr + OUTBOX_ADDR_MAX - 12, sizeof addr - (OUTBOX_ADDR_MAX - 12), "@example.org");
	assert_int_equal(strlen(addr), OUTBOX_ADDR_MAX);
	assert_int_equal(outbox_enqueue(d, &f->cfg, addr, "Hi", "Hi", NULL), WS_OK);
	memset(addr, 'a', sizeof addr);
	snprintf(addr + OUTBOX_ADDR_MAX - 11, sizeof addr - (OUTBOX_ADDR_MAX - 11), "@example.org");
	assert_int_equal(outbox_enqueue(d, &f->cfg, addr, "Hi", "Hi", NULL), WS_ETOOBIG);

	/* Subject: 998 bytes. */
	memset(subj, 's', sizeof subj);
	subj[OUTBOX_SUBJECT_MAX + 1] = '\0';
	assert_int_equal(outbox_enqueue(d, &f->cfg, "eve@example.org", subj, "Hi", NULL), WS_ETOOBIG);
	subj[OUTBOX_SUBJECT_MAX] = '\0';
	assert_int_equal(outbox_enqueue(d, &f->cfg, "eve@example.org", subj, "Hi", NULL), WS_OK);

	/* Body: 256 KiB. */
	memset(big, 'b', OUTBOX_BODY_MAX + 1);
	big[OUTBOX_BODY_MAX + 1] = '\0';
	assert_int_equal(outbox_enqueue(d, &f->cfg, "eve@example.org", "Hi", big, NULL), WS_ETOOBIG);
	big[OUTBOX_BODY_MAX] = '\0';
	assert_int_equal(outbox_enqueue(d, &f->cfg, "eve@example.org", "Big", big, NULL), WS_OK);
	db_release(f->pool, d);
	free(big);

	/* Only the three accepted messages were queued, with their jobs, and
	 * they all go out. */
	assert_int_equal(pending(f->pool), 3);
	assert_int_equal(jobs_count(f), 3);
	assert_int_equal(run_once(f), 3);
	assert_int_equal(sink_count_subject(&sink, "Big"), 1);
}

/* Mail queued in a transaction, message and job, exists only if the
 * transaction commits. */
static void
test_transaction(void **state)
{
	struct db *d;
	FX(state);

	d = db_acquire(f->pool);
	assert_int_equal(db_begin(d), WS_OK);
	assert_int_equal(outbox_enqueue(d, &f->cfg, "jo@example.org", "Rolled back", "x", NULL), WS_OK);
	db_rollback(d);
	assert_int_equal(pending(f->pool), 0);
	assert_int_equal(jobs_count(f), 0);
	assert_int_equal(db_begin(d), WS_OK);
	assert_int_equal(outbox_enqueue(d, &f->cfg, "jo@example.org", "Committed", "x", NULL), WS_OK);
	assert_int_equal(db_commit(d), WS_OK);
	db_release(f->pool, d);
	assert_int_equal(pending(f->pool), 1);
	assert_int_equal(jobs_count(f), 1);

	assert_int_equal(run_once(f), 1);
	assert_int_equal(sink_count_subject(&sink, "Committed"), 1);
	assert_int_equal(sink_count_subject(&sink, "Rolled back"), 0);
}

/* Two nodes, each with its own connections, run the same jobs at once:
 * every message goes out exactly once. */
struct node {
	struct db_pool *pool;
	const struct job_kind *kind;
	const char *name;
	int ran;
	enum ws_err rc;
};

static void *
node_main(void *arg)
{
	struct node *n = arg;

	n->rc = jobs_run_once(n->pool, n->kind, 1, n->name, 0, &n->ran);
	return NULL;
}

#define NODE_MAIL 24

static void
test_two_nodes(void **state)
{
	char mids[NODE_MAIL][OUTBOX_MID_MAX], subject[32], err[256];
	struct node nodes[2];
	pthread_t th[2];
	struct mail *m;
	int i, j, n, seen[NODE_MAIL] = {0};
	FX(state);

	for (i = 0; i < NODE_MAIL; i++) {
		snprintf(subject, sizeof subject, "Node test %d", i);
		enqueue(f, "kim@example.org", subject, "One of many.\n", mids[i]);
	}
	nodes[0] = (struct node){f->pool, &f->kind, "node-a", 0, WS_OK};
	nodes[1] = (struct node){NULL, &f->kind, "node-b", 0, WS_OK};
	assert_int_equal(db_pool_open(f->url, 1, 0, &nodes[1].pool, err, sizeof err), WS_OK);
	for (i = 0; i < 2; i++)
		assert_int_equal(pthread_create(&th[i], NULL, node_main, &nodes[i]), 0);
	for (i = 0; i < 2; i++)
		pthread_join(th[i], NULL);
	db_pool_free(nodes[1].pool);
	assert_int_equal(nodes[0].rc, WS_OK);
	assert_int_equal(nodes[1].rc, WS_OK);
	assert_int_equal(nodes[0].ran + nodes[1].ran, NODE_MAIL);
	print_message("# nodes sent %d and %d\n", nodes[0].ran, nodes[1].ran);

	n = sink_read(&sink, &m);
	assert_int_equal(n, NODE_MAIL);
	for (i = 0; i < n; i++) {
		for (j = 0; j < NODE_MAIL; j++) {
			if (mid_is(m[i].mid, mids[j]))
				seen[j]++;
		}
	}
	mails_free(m, n);
	for (j = 0; j < NODE_MAIL; j++)
		assert_int_equal(seen[j], 1);
	assert_int_equal(pending(f->pool), 0);
}

/* Runs sql on f's database with the sqlite3 or psql command. */
static void
sql(struct fx *f, const char *text)
{
	char log[PATH_MAX + 8];

	snprintf(log, sizeof log, "%s/sql.log", topdir);
	if (f->pg) {
		char *argv[] = {"psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", f->url, "-c",
		    (char *)text, NULL};

		assert_int_equal(run_cmd(argv, log), 0);
	} else {
		char *argv[] = {"sqlite3", f->url + strlen("sqlite:"), (char *)text, NULL};

		assert_int_equal(run_cmd(argv, log), 0);
	}
}

/* Mail the outbox's own worker had not sent when the site was upgraded
 * (migration 10) is sent by jobs: waiting mail at once, mail a worker was
 * sending once its claim would have gone stale; sent mail is not sent
 * again. */
static void
test_upgrade(void **state)
{
	char text[1024], err[256];
	long long now = (long long)now_s();
	FX(state);

	/* The outbox as the old worker left it, and the schema before 10. */
	snprintf(text, sizeof text,
	    "INSERT INTO outbox (to_addr, subject, body, message_id, status, attempts, next_at,"
	    " claimed_at, sent_at, created_at) VALUES"
	    " ('old@example.org', 'Waiting', 'w', 'a1@whatson.test', 'new', 2, %lld, %lld, NULL, %lld),"
	    " ('old@example.org', 'In flight', 'f', 'a2@whatson.test', 'sending', 1, %lld, %lld, NULL,"
	    " %lld),"
	    " ('old@example.org', 'Delivered', 'd', 'a3@whatson.test', 'sent', 1, %lld, %lld, %lld,"
	    " %lld);"
	    "DELETE FROM schema_version WHERE version = 10;",
	    now - 5, now - 60, now - 100, now - 10, now - 10, now - 20, now - 50, now - 50,
	    now - 50, now - 60);
	sql(f, text);
	assert_int_equal(db_migrate_url(f->url, 0, err, sizeof err), WS_OK);
	assert_int_equal(pending(f->pool), 2);
	assert_int_equal(jobs_count(f), 2);

	assert_int_equal(run_once(f), 1);
	assert_int_equal(sink_count_subject(&sink, "Waiting"), 1);
	assert_int_equal(sink_count_subject(&sink, "In flight"), 0);
	util_clock_offset(300 - 10 + 1);	/* its claim is stale */
	assert_int_equal(run_once(f), 1);
	assert_int_equal(sink_count_subject(&sink, "In flight"), 1);
	assert_int_equal(sink_count_subject(&sink, "Delivered"), 0);
	assert_int_equal(pending(f->pool), 0);
}

#define BOTH(name, fn) \
	{name "/sqlite", fn, setup, teardown, (void *)&on_sqlite}, \
	{name "/postgresql", fn, setup, teardown, (void *)&on_pg}

int
main(void)
{
	static const struct CMUnitTest all[] = {
		BOTH("sends queued mail with headers and Message-ID", test_send_three),
		BOTH("keeps mail while the SMTP server is down", test_smtp_down),
		BOTH("retries with the jobs' back-off, fails, is retried", test_backoff),
		BOTH("resends after a lapsed lease with the same Message-ID", test_crash_reclaim),
		BOTH("does not resend mail marked sent", test_sent_not_resent),
		BOTH("workers send on kick and on their own", test_worker),
		BOTH("writes .eml files without SMTP", test_eml),
		BOTH("a List-Unsubscribe address goes out, one that could break it does not",
		    test_unsub_header),
		BOTH("keeps mail while the mail directory is unusable", test_eml_dir_unusable),
		BOTH("long subjects and lines fit in 998 bytes", test_long_lines),
		BOTH("refuses bad addresses and oversized input", test_bad_input),
		BOTH("queues only when the transaction commits", test_transaction),
		BOTH("two nodes never send the same mail", test_two_nodes),
		BOTH("mail queued before the upgrade is sent", test_upgrade),
	};
	struct CMUnitTest tests[sizeof all / sizeof all[0]];
	const char *pg = getenv("WHATSON_TEST_PG");
	size_t i, n = 0;

	/* Without a PostgreSQL server its variants are left out rather than
	 * skipped: cmocka reports a skip as "not ok ... # SKIP". */
	for (i = 0; i < sizeof all / sizeof all[0]; i++)
		if (all[i].initial_state != &on_pg || (pg && *pg))
			tests[n++] = all[i];
	if (n < sizeof all / sizeof all[0])
		printf("# WHATSON_TEST_PG is not set: PostgreSQL variants not run\n");
	return _cmocka_run_group_tests("outbox", tests, n, group_setup, group_teardown);
}
