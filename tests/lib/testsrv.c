/*
 * testsrv.c -- the SMTP sink, the server under test, browsers and mail for
 * tests/http; see testsrv.h.
 */
#include <arpa/inet.h>
#include <setjmp.h>
#include <stddef.h>
#include <ctype.h>
#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/testsrv.h"

#define MAX_CHILDREN 16
#define MAX_ARGS 48

static char tmpdir[256];
static pid_t children[MAX_CHILDREN];
static int curl_ready;

/* ---- processes ------------------------------------------------------- */

int64_t
ts_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

const char *
ts_tmpdir(void)
{
	const char *base = getenv("TMPDIR");

	if (tmpdir[0])
		return tmpdir;
	snprintf(tmpdir, sizeof tmpdir, "%s/whatson-http-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmpdir)) {
		printf("# mkdtemp %s: %s\n", tmpdir, strerror(errno));
		exit(1);
	}
	atexit(ts_cleanup);	/* also when a group setup fails */
	return tmpdir;
}

static void
remember(pid_t pid)
{
	int i;

	for (i = 0; i < MAX_CHILDREN; i++)
		if (children[i] == 0) {
			children[i] = pid;
			return;
		}
}

static void
forget(pid_t pid)
{
	int i;

	for (i = 0; i < MAX_CHILDREN; i++)
		if (children[i] == pid)
			children[i] = 0;
}

/*
 * The servers running now, by database: the set-up of accounts and
 * organizations goes through one of them (its /_test/ paths) instead of a
 * `whatson` command, a sanitized process of about a third of a second of
 * CPU each (app/testhooks.c).
 */
#define MAX_LIVE 16
static struct live {
	pid_t pid;
	char base[64];
	char db[512];
} live[MAX_LIVE];

static void
live_add(const struct ts_server *s)
{
	int i;

	for (i = 0; i < MAX_LIVE; i++)
		if (live[i].pid == 0) {
			live[i].pid = s->pid;
			snprintf(live[i].base, sizeof live[i].base, "%s", s->base);
			snprintf(live[i].db, sizeof live[i].db, "%s", s->db);
			return;
		}
}

static void
live_drop(pid_t pid)
{
	int i;

	for (i = 0; i < MAX_LIVE; i++)
		if (live[i].pid == pid)
			live[i].pid = 0;
}

struct hook_out {
	char *p;
	size_t len, got;
};

static size_t
hook_body(char *data, size_t size, size_t n, void *arg)
{
	struct hook_out *o = arg;
	size_t k = size * n, room = o->len - 1 - o->got;

	memcpy(o->p + o->got, data, k < room ? k : room);
	o->got += k < room ? k : room;
	o->p[o->got] = '\0';
	return k;
}

/*
 * POSTs path?query (the query's values escaped here: pairs of name and
 * value, NULL-ended) to a live server of db; its answer's text into out.
 * The HTTP status, or 0 when no server of db answered (the caller runs the
 * command instead).
 */
static long
ts_hook(const char *db, const char *path, char *out, size_t outlen, ...)
{
	struct hook_out o = { out, outlen, 0 };
	char url[16384];
	const char *name, *value;
	long status = 0;
	va_list ap;
	CURL *c;
	int i, n;

	*out = '\0';
	for (i = 0; i < MAX_LIVE && !(live[i].pid && strcmp(live[i].db, db) == 0); i++)
		;
	if (i == MAX_LIVE || !(c = curl_easy_init()))
		return 0;
	n = snprintf(url, sizeof url, "%s%s", live[i].base, path);
	va_start(ap, outlen);
	while ((name = va_arg(ap, const char *)) != NULL) {
		char *e;

		value = va_arg(ap, const char *);
		if (!value)
			continue;
		e = curl_easy_escape(c, value, 0);
		n += snprintf(url + n, sizeof url - (size_t)n, "%s%s=%s", strchr(url, '?') ? "&" :
		    "?", name, e ? e : "");
		curl_free(e);
		if ((size_t)n >= sizeof url)
			break;
	}
	va_end(ap);
	if ((size_t)n < sizeof url) {
		curl_easy_setopt(c, CURLOPT_URL, url);
		curl_easy_setopt(c, CURLOPT_POST, 1L);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, "");
		curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, hook_body);
		curl_easy_setopt(c, CURLOPT_WRITEDATA, &o);
		curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
		if (curl_easy_perform(c) == CURLE_OK)
			curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	}
	curl_easy_cleanup(c);
	return status;
}

/* Waits up to ms for pid; 1 with *status filled when it ended. */
static int
wait_for(pid_t pid, int ms, int *status)
{
	int64_t end = ts_now_ms() + ms;

	for (;;) {
		pid_t r = waitpid(pid, status, WNOHANG);

		if (r == pid || (r < 0 && errno == ECHILD))
			return 1;
		if (ts_now_ms() >= end)
			return 0;
		sleep_ms(20);
	}
}

/* Ends pid: SIGTERM, then SIGKILL after ms.  The wait status, or -1. */
static int
end_child(pid_t pid, int ms)
{
	int status = -1;

	if (pid <= 0)
		return -1;
	kill(pid, SIGTERM);
	if (!wait_for(pid, ms, &status)) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		status = -1;
	}
	forget(pid);
	return status;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

void
ts_cleanup(void)
{
	int i;

	for (i = 0; i < MAX_CHILDREN; i++)
		if (children[i])
			end_child(children[i], 5000);
	if (tmpdir[0] && !getenv("WHATSON_TEST_KEEP"))
		nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	tmpdir[0] = '\0';
	if (curl_ready) {
		curl_global_cleanup();
		curl_ready = 0;
	}
}

/* Forks argv[0] with stdin from in_fd (-1: /dev/null) and stdout+stderr to
 * out_fd (-1: log, appended).  The child dies with us. */
static pid_t
spawn(char *const *argv, const char *log, int in_fd, int out_fd)
{
	pid_t parent = getpid(), pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		printf("# fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		int fd;

		prctl(PR_SET_PDEATHSIG, SIGTERM);
		if (getppid() != parent)
			_exit(127);
		fd = in_fd >= 0 ? in_fd : open("/dev/null", O_RDONLY);
		dup2(fd, 0);
		fd = out_fd >= 0 ? out_fd : open(log, O_WRONLY | O_CREAT | O_APPEND, 0644);
		dup2(fd, 1);
		dup2(fd, 2);
		execvp(argv[0], argv);
		fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	return pid;
}

/* Prints the last lines of a log file as TAP comments. */
static void
show_log(const char *log, int lines)
{
	char cmd[700];

	snprintf(cmd, sizeof cmd, "tail -n %d '%s' | sed 's/^/#   /'", lines, log);
	fflush(stdout);
	if (system(cmd) != 0)
		printf("# (no log %s)\n", log);
	fflush(stdout);
}

int
ts_free_port(void)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0), port = -1;

	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0 &&
	    getsockname(fd, (struct sockaddr *)&sa, &len) == 0)
		port = ntohs(sa.sin_port);
	if (fd >= 0)
		close(fd);
	return port;
}

/* Waits up to ms for a listener on port while pid lives; 0 when it is up. */
static int
wait_port(pid_t pid, int port, int ms)
{
	int64_t end = ts_now_ms() + ms;
	int status;

	while (ts_now_ms() < end) {
		int fd = ts_connect(port, NULL);

		if (fd >= 0) {
			close(fd);
			return 0;
		}
		if (waitpid(pid, &status, WNOHANG) == pid) {
			forget(pid);
			return -1;
		}
		sleep_ms(50);
	}
	return -1;
}

/* ---- SMTP sink ------------------------------------------------------- */

int
ts_sink_start(struct ts_sink *k)
{
	const char *py = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
	char listen[64], log[600];
	int attempt;

	for (attempt = 0; attempt < 3; attempt++) {
		char *argv[] = { (char *)py, "-m", "aiosmtpd", "-n", "-l", listen, "-c",
		    "aiosmtpd.handlers.Mailbox", k->dir, NULL };

		k->port = ts_free_port();
		snprintf(listen, sizeof listen, "127.0.0.1:%d", k->port);
		snprintf(k->dir, sizeof k->dir, "%s/mail-%d", ts_tmpdir(), k->port);
		snprintf(log, sizeof log, "%s/sink-%d.log", ts_tmpdir(), k->port);
		if ((k->pid = spawn(argv, log, -1, -1)) < 0)
			return -1;
		remember(k->pid);
		if (wait_port(k->pid, k->port, 15000) == 0)
			return 0;
		end_child(k->pid, 2000);
		printf("# the SMTP sink did not start (is python3-aiosmtpd installed?):\n");
		show_log(log, 5);
	}
	return -1;
}

int
ts_sink_restart(struct ts_sink *k)
{
	const char *py = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
	char listen[64], log[600];
	char *argv[] = { (char *)py, "-m", "aiosmtpd", "-n", "-l", listen, "-c",
	    "aiosmtpd.handlers.Mailbox", k->dir, NULL };

	snprintf(listen, sizeof listen, "127.0.0.1:%d", k->port);
	snprintf(log, sizeof log, "%s/sink-%d-again.log", ts_tmpdir(), k->port);
	if ((k->pid = spawn(argv, log, -1, -1)) < 0)
		return -1;
	remember(k->pid);
	if (wait_port(k->pid, k->port, 15000) == 0)
		return 0;
	printf("# the SMTP sink did not start again on port %d:\n", k->port);
	show_log(log, 5);
	return -1;
}

void
ts_sink_stop(struct ts_sink *k)
{
	end_child(k->pid, 5000);
	k->pid = 0;
}

/* ---- mail ------------------------------------------------------------ */

static char *
read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *s = NULL;
	size_t cap = 0, n = 0, r;

	if (!f)
		return NULL;
	do {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 16384;
			s = realloc(s, cap);
			if (!s)
				abort();
		}
		r = fread(s + n, 1, cap - n - 1, f);
		n += r;
	} while (r > 0);
	fclose(f);
	s[n] = '\0';
	if (len)
		*len = n;
	return s;
}

/* The unfolded value of header name in the header block hdr (ends at the
 * first empty line) into out; -1 when absent. */
static int
mail_header(const char *hdr, const char *name, char *out, size_t len)
{
	size_t nl = strlen(name), k = 0;
	const char *p = hdr;

	while (*p && *p != '\r' && *p != '\n') {
		if (strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
			p += nl + 1;
			for (;;) {
				while (*p == ' ' || *p == '\t')
					p++;
				while (*p && *p != '\r' && *p != '\n') {
					if (k + 1 < len)
						out[k++] = *p;
					p++;
				}
				if (*p == '\r')
					p++;
				if (*p == '\n')
					p++;
				if (*p != ' ' && *p != '\t')
					break;
				if (k + 1 < len)
					out[k++] = ' ';
			}
			out[k] = '\0';
			return 0;
		}
		p += strcspn(p, "\n");
		if (*p)
			p++;
	}
	return -1;
}

/* Decodes =?UTF-8?B?...?= words of s in place (only what message.c writes). */
static void
decode_words(char *s)
{
	char out[512];
	size_t k = 0;
	char *p = s;

	while (*p && k + 1 < sizeof out) {
		if (strncasecmp(p, "=?UTF-8?B?", 10) == 0) {
			char *end = strstr(p + 10, "?=");
			size_t bl;

			if (!end)
				break;
			if (sodium_base642bin((unsigned char *)out + k, sizeof out - 1 - k, p + 10,
			    (size_t)(end - p - 10), NULL, &bl, NULL,
			    sodium_base64_VARIANT_ORIGINAL) == 0)
				k += bl;
			p = end + 2;
			/* white space between two encoded-words is not text */
			if (*p == ' ' && strncasecmp(p + 1, "=?UTF-8?B?", 10) == 0)
				p++;
			continue;
		}
		out[k++] = *p++;
	}
	out[k] = '\0';
	memcpy(s, out, k + 1);
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = toupper(c);
	return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The body after hdr's blank line, CRLF turned into LF and, when qp,
 * quoted-printable decoded.  Owned by the caller. */
static char *
mail_body(const char *msg, int qp)
{
	const char *p = strstr(msg, "\n\n"), *q = strstr(msg, "\r\n\r\n");
	char *out, *o;

	if (q && (!p || q < p))
		p = q + 4;
	else if (p)
		p += 2;
	else
		p = msg + strlen(msg);
	out = o = malloc(strlen(p) + 1);
	if (!out)
		abort();
	while (*p) {
		if (*p == '\r' && p[1] == '\n') {
			p++;
			continue;
		}
		if (qp && *p == '=') {
			if (p[1] == '\n') {
				p += 2;
				continue;
			}
			if (p[1] == '\r' && p[2] == '\n') {
				p += 3;
				continue;
			}
			if (hexval((unsigned char)p[1]) >= 0 && hexval((unsigned char)p[2]) >= 0) {
				*o++ = (char)(hexval((unsigned char)p[1]) * 16 +
				    hexval((unsigned char)p[2]));
				p += 3;
				continue;
			}
		}
		*o++ = *p++;
	}
	*o = '\0';
	return out;
}

/* Fills m from the message file path when it is addressed to `to`. */
static int
mail_load(const char *path, const char *to, struct ts_mail *m)
{
	char *msg = read_all(path, NULL);
	char rcpt[256], cte[64];

	if (!msg)
		return -1;
	if (mail_header(msg, "X-RcptTo", rcpt, sizeof rcpt) != 0 &&
	    mail_header(msg, "To", rcpt, sizeof rcpt) != 0) {
		free(msg);
		return -1;
	}
	if (strcasecmp(rcpt, to) != 0) {
		free(msg);
		return -1;
	}
	memset(m, 0, sizeof *m);
	snprintf(m->to, sizeof m->to, "%s", rcpt);
	if (mail_header(msg, "Subject", m->subject, sizeof m->subject) == 0)
		decode_words(m->subject);
	if (mail_header(msg, "Content-Transfer-Encoding", cte, sizeof cte) != 0)
		cte[0] = '\0';
	m->body = mail_body(msg, strcasecmp(cte, "quoted-printable") == 0);
	free(msg);
	return 0;
}

/* The oldest unread message to `to`: its file name in name, m filled when m
 * is not NULL.  Also counts them into *count.  -1 when none. */
static int
mail_scan(struct ts_sink *k, const char *to, struct ts_mail *m, char *name, size_t len,
    int *count)
{
	char dir[600], path[1200];
	DIR *d;
	struct dirent *e;
	struct timespec best = {0, 0};
	int found = 0;

	*count = 0;
	snprintf(dir, sizeof dir, "%s/new", k->dir);
	if (!(d = opendir(dir)))
		return -1;
	while ((e = readdir(d)) != NULL) {
		struct ts_mail t;
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0 || mail_load(path, to, &t) != 0)
			continue;
		(*count)++;
		if (!found || st.st_mtim.tv_sec < best.tv_sec ||
		    (st.st_mtim.tv_sec == best.tv_sec && st.st_mtim.tv_nsec < best.tv_nsec)) {
			if (found && m)
				ts_mail_free(m);
			best = st.st_mtim;
			snprintf(name, len, "%s", e->d_name);
			if (m)
				*m = t;
			else
				ts_mail_free(&t);
			found = 1;
		} else {
			ts_mail_free(&t);
		}
	}
	closedir(d);
	return found ? 0 : -1;
}

int
ts_mail_wait(struct ts_sink *k, const char *to, int timeout_ms, struct ts_mail *m)
{
	int64_t end = ts_now_ms() + timeout_ms;
	char name[400], from[1200], dest[1200];
	int n;

	for (;;) {
		if (mail_scan(k, to, m, name, sizeof name, &n) == 0) {
			snprintf(from, sizeof from, "%s/new/%s", k->dir, name);
			snprintf(dest, sizeof dest, "%s/cur/%s:2,S", k->dir, name);
			if (rename(from, dest) != 0)
				remove(from);
			return 0;
		}
		if (ts_now_ms() >= end) {
			printf("# no mail to %s within %d ms\n", to, timeout_ms);
			return -1;
		}
		sleep_ms(25);
	}
}

int
ts_mail_count(struct ts_sink *k, const char *to)
{
	char name[400];
	int n;

	mail_scan(k, to, NULL, name, sizeof name, &n);
	return n;
}

int
ts_mail_link(const struct ts_mail *m, char *out, size_t len)
{
	const char *p = m->body ? strstr(m->body, "http://") : NULL;
	const char *q = m->body ? strstr(m->body, "https://") : NULL;
	size_t n;

	if (q && (!p || q < p))
		p = q;
	if (!p)
		return -1;
	n = strcspn(p, " \t\r\n<>\"'");
	if (n >= len)
		return -1;
	memcpy(out, p, n);
	out[n] = '\0';
	return 0;
}

void
ts_mail_free(struct ts_mail *m)
{
	free(m->body);
	m->body = NULL;
}

/* ---- the server under test ------------------------------------------- */

static const char *
whatson_bin(void)
{
	const char *b = getenv("WHATSON_BIN");

	return b && *b ? b : "build/san/whatson";
}

/* GET /healthz once; the status, 0 when nothing answered. */
static long
healthz(int port)
{
	CURL *c = curl_easy_init();
	char url[96];
	long status = 0;

	snprintf(url, sizeof url, "http://127.0.0.1:%d/healthz", port);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 2000L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(c);
	return status;
}

/* True when the file at path contains s. */
static int
log_has(const char *path, const char *s)
{
	char *text = read_all(path, NULL);
	int has = text && strstr(text, s) != NULL;

	free(text);
	return has;
}

static void
curl_init_once(void)
{
	if (!curl_ready) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		curl_ready = 1;
	}
}

int
ts_server_start(struct ts_server *s, const char *db, const struct ts_sink *k,
    const char *const *extra)
{
	int attempt, status;

	curl_init_once();
	snprintf(s->db, sizeof s->db, "%s", db);
	for (attempt = 0; attempt < 3; attempt++) {
		char listen[64], smtp[64];
		char *argv[MAX_ARGS];
		int n = 0, i;
		int64_t end;

		s->port = ts_free_port();
		snprintf(listen, sizeof listen, "127.0.0.1:%d", s->port);
		snprintf(s->base, sizeof s->base, "http://localhost:%d", s->port);
		snprintf(smtp, sizeof smtp, "smtp://127.0.0.1:%d", k->port);
		snprintf(s->log, sizeof s->log, "%s/server-%d.log", ts_tmpdir(), s->port);
		argv[n++] = (char *)whatson_bin();
		argv[n++] = "serve";
		argv[n++] = "--db";
		argv[n++] = s->db;
		argv[n++] = "--listen";
		argv[n++] = listen;
		argv[n++] = "--base-url";
		argv[n++] = s->base;
		argv[n++] = "--smtp";
		argv[n++] = smtp;
		argv[n++] = "--quiet";
		for (i = 0; extra && extra[i] && n < MAX_ARGS - 1; i++)
			argv[n++] = (char *)extra[i];
		argv[n] = NULL;
		if ((s->pid = spawn(argv, s->log, -1, -1)) < 0)
			return -1;
		remember(s->pid);
		live_add(s);
		end = ts_now_ms() + 30000;
		while (ts_now_ms() < end) {
			/* our server, not another one that took the port meanwhile */
			if (log_has(s->log, "whatson: serving") && healthz(s->port) == 200)
				return 0;
			if (waitpid(s->pid, &status, WNOHANG) == s->pid) {
				forget(s->pid);
				live_drop(s->pid);
				s->pid = 0;
				break;
			}
			sleep_ms(50);
		}
		if (s->pid) {
			live_drop(s->pid);
			end_child(s->pid, 5000);
		}
		s->pid = 0;
		printf("# whatson serve did not come up on port %d:\n", s->port);
		show_log(s->log, 10);
	}
	return -1;
}

int
ts_server_stop(struct ts_server *s)
{
	int status, bad = 0;
	char *log;

	if (s->pid <= 0)
		return -1;
	kill(s->pid, SIGTERM);
	if (!wait_for(s->pid, 15000, &status)) {
		printf("# whatson did not stop within 15 s of SIGTERM\n");
		kill(s->pid, SIGKILL);
		waitpid(s->pid, &status, 0);
		bad = 1;
	} else if (WIFSIGNALED(status)) {
		printf("# whatson died of signal %d\n", WTERMSIG(status));
		bad = 1;
	} else if (WEXITSTATUS(status) != 0) {
		printf("# whatson exited %d\n", WEXITSTATUS(status));
		bad = 1;
	}
	forget(s->pid);
	live_drop(s->pid);
	s->pid = 0;
	if ((log = read_all(s->log, NULL)) != NULL) {
		if (strstr(log, "Sanitizer") || strstr(log, "runtime error:")) {
			printf("# sanitizer reports in %s\n", s->log);
			bad = 1;
		}
		free(log);
	}
	if (bad)
		show_log(s->log, 40);
	return bad ? -1 : 0;
}

/* Runs argv with input on standard input, its output (both streams) into
 * out; the exit status or -1. */
static int
run_argv(char **argv, const char *input, char *out, size_t outlen)
{
	int in[2], outp[2], status;
	size_t got = 0;
	pid_t pid;

	if (pipe(in) != 0)
		return -1;
	if (pipe(outp) != 0) {
		close(in[0]);
		close(in[1]);
		return -1;
	}
	pid = spawn(argv, NULL, in[0], outp[1]);
	close(in[0]);
	close(outp[1]);
	if (pid < 0) {
		close(in[1]);
		close(outp[0]);
		return -1;
	}
	if (input && write(in[1], input, strlen(input)) < 0)
		printf("# writing to %s: %s\n", argv[0], strerror(errno));
	close(in[1]);
	for (;;) {
		char buf[1024];
		ssize_t r = read(outp[0], buf, sizeof buf);

		if (r <= 0)
			break;
		if (out && got + 1 < outlen) {
			size_t take = (size_t)r < outlen - 1 - got ? (size_t)r : outlen - 1 - got;

			memcpy(out + got, buf, take);
			got += take;
		}
	}
	if (out && outlen)
		out[got] = '\0';
	close(outp[0]);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* The value of option name in argv[from..n) of `--name value` pairs, or
 * NULL; *other set when a pair names none of known. */
static const char *
opt_of(char **argv, int from, int n, const char *name, const char *const *known, int *other)
{
	const char *v = NULL;
	int i, k;

	for (i = from; i + 1 < n; i += 2) {
		for (k = 0; known[k] && strcmp(argv[i], known[k]) != 0; k++)
			;
		if (!known[k])
			*other = 1;
		if (strcmp(argv[i], name) == 0)
			v = argv[i + 1];
	}
	if ((n - from) % 2)
		*other = 1;
	return v;
}

/*
 * `whatson user add --db --email --name --role [--org]` and `whatson import
 * orgs FILE --db` through a live server of that database (app/testhooks.c),
 * answering as the command would (its output, its exit status): 1 when it
 * did, 0 when the command must run (other options, no server of db, an
 * answer that did not come).
 */
static int
hooked(char **argv, int n, const char *input, char *out, size_t outlen, int *rc)
{
	static const char *const user_opts[] = { "--db", "--email", "--name", "--role", "--org",
		NULL };
	static const char *const import_opts[] = { "--db", NULL };
	char hash[crypto_pwhash_STRBYTES], pw[256], *csv;
	const char *db;
	int other = 0;
	long st;

	if (n >= 3 && strcmp(argv[1], "user") == 0 && strcmp(argv[2], "add") == 0) {
		if (!(db = opt_of(argv, 3, n, "--db", user_opts, &other)) || other || !input)
			return 0;
		snprintf(pw, sizeof pw, "%.*s", (int)strcspn(input, "\r\n"), input);
		/* at argon2id's least cost, as the test build's server hashes */
		if (sodium_init() < 0 || crypto_pwhash_str(hash, pw, strlen(pw),
		    crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN) != 0)
			return 0;
		st = ts_hook(db, "/_test/user", out, outlen, "email", opt_of(argv, 3, n, "--email",
		    user_opts, &other), "name", opt_of(argv, 3, n, "--name", user_opts, &other),
		    "role", opt_of(argv, 3, n, "--role", user_opts, &other), "org", opt_of(argv, 3,
		    n, "--org", user_opts, &other), "hash", hash, (char *)NULL);
	} else if (n == 6 && strcmp(argv[1], "import") == 0 && strcmp(argv[2], "orgs") == 0) {
		if (!(db = opt_of(argv, 4, n, "--db", import_opts, &other)) || other ||
		    !(csv = read_all(argv[3], NULL)))
			return 0;
		st = ts_hook(db, "/_test/import", out, outlen, "csv", csv, (char *)NULL);
		free(csv);
	} else {
		return 0;
	}
	if (st == 0)
		return 0;
	*rc = st == 200 ? 0 : 1;
	return 1;
}

int
ts_whatson(const char *input, char *out, size_t outlen, ...)
{
	char *argv[MAX_ARGS];
	int n = 0, rc;
	va_list ap;
	const char *a;

	argv[n++] = (char *)whatson_bin();
	va_start(ap, outlen);
	while ((a = va_arg(ap, const char *)) != NULL && n < MAX_ARGS - 1)
		argv[n++] = (char *)a;
	va_end(ap);
	argv[n] = NULL;
	if (out && outlen && hooked(argv, n, input, out, outlen, &rc))
		return rc;
	return run_argv(argv, input, out, outlen);
}

int
ts_run(char *out, size_t outlen, ...)
{
	char *argv[MAX_ARGS];
	int n = 0;
	va_list ap;
	const char *a;

	va_start(ap, outlen);
	while ((a = va_arg(ap, const char *)) != NULL && n < MAX_ARGS - 1)
		argv[n++] = (char *)a;
	va_end(ap);
	argv[n] = NULL;
	if (n == 0)
		return -1;
	return run_argv(argv, NULL, out, outlen);
}

int64_t
ts_user_add_org(const char *db, const char *email, const char *name, const char *role,
    const char *org, const char *password)
{
	char in[300], out[4096];
	long long id;
	char *end;
	int rc;

	snprintf(in, sizeof in, "%s\n", password);
	if (org)
		rc = ts_whatson(in, out, sizeof out, "user", "add", "--db", db, "--email", email,
		    "--name", name, "--role", role, "--org", org, (char *)NULL);
	else
		rc = ts_whatson(in, out, sizeof out, "user", "add", "--db", db, "--email", email,
		    "--name", name, "--role", role, (char *)NULL);
	id = strtoll(out, &end, 10);
	if (rc != 0 || end == out || id <= 0) {
		printf("# whatson user add %s%s%s exited %d: %s\n", email, org ? " --org " : "",
		    org ? org : "", rc, out);
		return -1;
	}
	return id;
}

int64_t
ts_user_add(const char *db, const char *email, const char *name, const char *role,
    const char *password)
{
	return ts_user_add_org(db, email, name, role, NULL, password);
}

int
ts_import_csv(const char *db, const char *csv, char *out, size_t outlen)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/import-%d.csv", ts_tmpdir(), (int)getpid());
	if (!(f = fopen(path, "w")) || fputs(csv, f) == EOF) {
		printf("# cannot write %s\n", path);
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	return ts_whatson(NULL, out, outlen, "import", "orgs", path, "--db", db, (char *)NULL);
}

/* How many jobs of kind are in status, as GET /api/v1/staff/jobs lists
 * them to token; -1 when it did not answer. */
static long
jobs_in(struct ts_browser *b, const char *token, const char *kind, const char *status)
{
	char path[96];
	const struct ts_res *r;
	json_t *j, *job;
	long n = 0;
	size_t i;

	snprintf(path, sizeof path, "/api/v1/staff/jobs?status=%s&per_page=200", status);
	r = ts_call(b, "GET", path, token, NULL);
	if (r->status != 200 || !(j = ts_json(r)))
		return -1;
	json_array_foreach(json_object_get(j, "items"), i, job)
		n += strcmp(json_string_value(json_object_get(job, "kind")), kind) == 0;
	json_decref(j);
	return n;
}

int
ts_jobs_idle(struct ts_browser *b, const char *token, const char *kind, int timeout_ms)
{
	int64_t end = ts_now_ms() + timeout_ms;
	long q, run;

	for (;;) {
		q = jobs_in(b, token, kind, "queued");
		run = jobs_in(b, token, kind, "running");
		if (q == 0 && run == 0)
			return 0;
		if (ts_now_ms() > end) {
			printf("# %ld %s jobs queued and %ld running after %d ms\n", q, kind, run,
			    timeout_ms);
			return -1;
		}
		sleep_ms(50);	/* polling for the jobs, not guessing their time */
	}
}

/* ---- browsers -------------------------------------------------------- */

struct ts_browser {
	CURL *c;
	const struct ts_server *s;
	char ip[64];
	struct ts_res res;
	size_t cap;		/* of res.body */
	char csrf[129];
	int csrf_stale;
	char cookie[1024];
	struct curl_slist *hdrs;
	const char *upload;	/* ts_upload's state */
	size_t up_left, up_sent;
};

static void
res_clear_headers(struct ts_res *r)
{
	int i;

	for (i = 0; i < r->nh; i++) {
		free(r->h[i][0]);
		free(r->h[i][1]);
	}
	r->nh = 0;
}

static size_t
on_header(char *p, size_t size, size_t n, void *ud)
{
	struct ts_browser *b = ud;
	size_t len = size * n, k;
	const char *colon;

	if (len >= 5 && strncmp(p, "HTTP/", 5) == 0) {	/* a new (possibly final) response */
		res_clear_headers(&b->res);
		return len;
	}
	colon = memchr(p, ':', len);
	if (!colon || b->res.nh >= TS_MAX_HEADERS)
		return len;
	k = len;
	while (k && (p[k - 1] == '\r' || p[k - 1] == '\n'))
		k--;
	b->res.h[b->res.nh][0] = strndup(p, (size_t)(colon - p));
	colon++;
	while (colon < p + k && (*colon == ' ' || *colon == '\t'))
		colon++;
	b->res.h[b->res.nh][1] = strndup(colon, (size_t)(p + k - colon));
	b->res.nh++;
	return len;
}

static size_t
on_body(char *p, size_t size, size_t n, void *ud)
{
	struct ts_browser *b = ud;
	size_t len = size * n;

	if (b->res.len + len + 1 > b->cap) {
		while (b->res.len + len + 1 > b->cap)
			b->cap = b->cap ? b->cap * 2 : 65536;
		b->res.body = realloc(b->res.body, b->cap);
		if (!b->res.body)
			abort();
	}
	memcpy(b->res.body + b->res.len, p, len);
	b->res.len += len;
	b->res.body[b->res.len] = '\0';
	return len;
}

static size_t
on_read(char *p, size_t size, size_t n, void *ud)
{
	struct ts_browser *b = ud;
	size_t len = size * n;

	if (len > b->up_left)
		len = b->up_left;
	memset(p, 'a', len);
	b->up_left -= len;
	b->up_sent += len;
	return len;
}

struct ts_browser *
ts_browser_new(const struct ts_server *s, const char *ip)
{
	struct ts_browser *b = calloc(1, sizeof *b);

	if (!b)
		abort();
	curl_init_once();
	b->c = curl_easy_init();
	b->s = s;
	curl_easy_setopt(b->c, CURLOPT_COOKIEFILE, "");	/* a jar of its own */
	curl_easy_setopt(b->c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(b->c, CURLOPT_IPRESOLVE, (long)CURL_IPRESOLVE_V4);	/* localhost */
	curl_easy_setopt(b->c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(b->c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(b->c, CURLOPT_HEADERDATA, b);
	curl_easy_setopt(b->c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(b->c, CURLOPT_WRITEDATA, b);
	curl_easy_setopt(b->c, CURLOPT_READFUNCTION, on_read);
	curl_easy_setopt(b->c, CURLOPT_READDATA, b);
	if (ip) {
		snprintf(b->ip, sizeof b->ip, "host!%s", ip);
		curl_easy_setopt(b->c, CURLOPT_INTERFACE, b->ip);
	}
	b->csrf_stale = 1;
	return b;
}

void
ts_browser_free(struct ts_browser *b)
{
	if (!b)
		return;
	res_clear_headers(&b->res);
	free(b->res.body);
	curl_slist_free_all(b->hdrs);
	curl_easy_cleanup(b->c);
	free(b);
}

/* Sets the handle up for a new request to path with headers: back to a
 * plain GET.  (Not curl_easy_reset(): it would leak the cookie engine's file
 * list in libcurl 7.88.) */
static void
prepare(struct ts_browser *b, const char *path, const char *const *headers)
{
	char url[2048];
	int i;

	if (strncmp(path, "http://", 7) == 0 || strncmp(path, "https://", 8) == 0)
		snprintf(url, sizeof url, "%s", path);
	else
		snprintf(url, sizeof url, "%s%s", b->s->base, path);
	curl_easy_setopt(b->c, CURLOPT_URL, url);
	curl_easy_setopt(b->c, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(b->c, CURLOPT_NOBODY, 0L);
	curl_easy_setopt(b->c, CURLOPT_CUSTOMREQUEST, NULL);
	curl_easy_setopt(b->c, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(b->hdrs);
	b->hdrs = NULL;
	for (i = 0; headers && headers[i]; i++)
		b->hdrs = curl_slist_append(b->hdrs, headers[i]);
	if (b->hdrs)
		curl_easy_setopt(b->c, CURLOPT_HTTPHEADER, b->hdrs);
	res_clear_headers(&b->res);
	b->res.len = 0;
	b->res.status = 0;
	if (b->res.body)
		b->res.body[0] = '\0';
}

/*
 * When $WHATSON_TEST_API_LOG names a file, every answer under /api/ and every
 * JSON answer elsewhere is appended to it as one JSON line {program, method,
 * path, status, content_type, body}; tests/http/run.t then checks each one
 * against docs/openapi.yaml (tests/docs/check-api.js).  The test clock's
 * /_test/ hooks are not part of the API and are left out.  One write(2) per
 * line on an O_APPEND descriptor, so lines never interleave.
 */
static void
api_log(struct ts_browser *b, const char *method)
{
	const char *file = getenv("WHATSON_TEST_API_LOG"), *ctype, *url = NULL, *path;
	const char *m = NULL;
	json_t *line, *body;
	char *text;
	int fd;

	if (!file || !*file)
		return;
	if (curl_easy_getinfo(b->c, CURLINFO_EFFECTIVE_URL, &url) != CURLE_OK || !url)
		return;
	path = strstr(url, "://");
	path = path ? strchr(path + 3, '/') : NULL;
	if (!path)
		path = "/";
	ctype = ts_header(&b->res, "Content-Type");
	if (strncmp(path, "/_test/", 7) == 0)
		return;
	if (strncmp(path, "/api/", 5) != 0 && !(ctype && strstr(ctype, "json")))
		return;
	if (curl_easy_getinfo(b->c, CURLINFO_EFFECTIVE_METHOD, &m) != CURLE_OK || !m)
		m = method;
	line = json_pack("{s:s, s:s, s:s, s:i, s:s?}", "program", program_invocation_short_name,
	    "method", m, "path", path, "status", (int)b->res.status, "content_type", ctype);
	if (!line)
		abort();
	body = json_stringn(b->res.body, b->res.len);
	/* not UTF-8: body is null, and the check says so */
	json_object_set_new(line, "body", body ? body : json_null());
	text = json_dumps(line, JSON_COMPACT);
	json_decref(line);
	if (!text)
		abort();
	fd = open(file, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd >= 0) {
		size_t n = strlen(text);

		text[n] = '\n';	/* the NUL becomes the line's end */
		if (write(fd, text, n + 1) != (ssize_t)(n + 1))
			printf("# %s: %s\n", file, strerror(errno));
		close(fd);
	} else {
		printf("# %s: %s\n", file, strerror(errno));
	}
	free(text);
}

/* Runs the prepared request and notes what changed for the CSRF token. */
static const struct ts_res *
perform(struct ts_browser *b, const char *method, const char *path)
{
	CURLcode cc = curl_easy_perform(b->c);
	char tok[129];

	if (!b->res.body)
		on_body("", 1, 0, b);
	if (cc != CURLE_OK) {
		printf("# %s %s: %s\n", method, path, curl_easy_strerror(cc));
		b->res.status = 0;
		return &b->res;
	}
	curl_easy_getinfo(b->c, CURLINFO_RESPONSE_CODE, &b->res.status);
	api_log(b, method);
	if (ts_header(&b->res, "Set-Cookie"))
		b->csrf_stale = 1;	/* a new session or visitor: a new token */
	if (ts_csrf_in(b->res.body, tok, sizeof tok) == 0) {
		snprintf(b->csrf, sizeof b->csrf, "%s", tok);
		b->csrf_stale = 0;
	}
	return &b->res;
}

const struct ts_res *
ts_req(struct ts_browser *b, const char *method, const char *path,
    const char *const *headers, const char *body, size_t len)
{
	prepare(b, path, headers);
	if (strcmp(method, "HEAD") == 0) {
		curl_easy_setopt(b->c, CURLOPT_NOBODY, 1L);
	} else if (body || strcmp(method, "POST") == 0) {
		curl_easy_setopt(b->c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(body ? len : 0));
		curl_easy_setopt(b->c, CURLOPT_POSTFIELDS, body ? body : "");
		if (strcmp(method, "POST") != 0)
			curl_easy_setopt(b->c, CURLOPT_CUSTOMREQUEST, method);
	} else if (strcmp(method, "GET") != 0) {
		curl_easy_setopt(b->c, CURLOPT_CUSTOMREQUEST, method);
	}
	return perform(b, method, path);
}

const struct ts_res *
ts_upload(struct ts_browser *b, const char *path, const char *const *headers, size_t total,
    int chunked, size_t *sent)
{
	prepare(b, path, headers);
	b->up_left = total;
	b->up_sent = 0;
	curl_easy_setopt(b->c, CURLOPT_POST, 1L);
	curl_easy_setopt(b->c, CURLOPT_POSTFIELDS, NULL);	/* read from on_read */
	curl_easy_setopt(b->c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(chunked ? -1 :
	    (curl_off_t)total));
	perform(b, "POST", path);
	if (sent)
		*sent = b->up_sent;
	return &b->res;
}

const struct ts_res *
ts_get(struct ts_browser *b, const char *path)
{
	return ts_req(b, "GET", path, NULL, NULL, 0);
}

/* Appends name=value (urlencoded) to a body of at most len bytes. */
static void
add_field(CURL *c, char *body, size_t len, const char *name, const char *value)
{
	char *n = curl_easy_escape(c, name, 0), *v = curl_easy_escape(c, value, 0);
	size_t used = strlen(body);

	snprintf(body + used, len - used, "%s%s=%s", used ? "&" : "", n, v);
	curl_free(n);
	curl_free(v);
}

static const struct ts_res *
post_va(struct ts_browser *b, const char *path, int with_csrf, va_list ap)
{
	static const char *const form_hdr[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL };
	char body[16384] = "";
	const char *name;

	if (with_csrf)
		add_field(b->c, body, sizeof body, "csrf", ts_csrf(b));
	while ((name = va_arg(ap, const char *)) != NULL) {
		const char *value = va_arg(ap, const char *);

		add_field(b->c, body, sizeof body, name, value ? value : "");
	}
	return ts_req(b, "POST", path, form_hdr, body, strlen(body));
}

const struct ts_res *
ts_post(struct ts_browser *b, const char *path, ...)
{
	const struct ts_res *r;
	va_list ap;

	va_start(ap, path);
	r = post_va(b, path, 0, ap);
	va_end(ap);
	return r;
}

const char *
ts_csrf(struct ts_browser *b)
{
	if (b->csrf_stale || !b->csrf[0]) {
		b->csrf[0] = '\0';
		ts_get(b, "/signin");
	}
	return b->csrf;
}

const struct ts_res *
ts_form(struct ts_browser *b, const char *path, ...)
{
	const struct ts_res *r;
	va_list ap;

	ts_csrf(b);
	va_start(ap, path);
	r = post_va(b, path, 1, ap);
	va_end(ap);
	return r;
}

const struct ts_res *
ts_verify(struct ts_browser *b, const char *link, const char *password)
{
	static struct ts_res none;
	const struct ts_res *r;
	const char *t = strstr(link, "token=");
	char tok[65];

	r = ts_get(b, link);
	if (r->status != 200 || !t || strlen(t + 6) < 64) {
		printf("# %s: %ld, not the confirmation form: %.300s\n", link, r->status, r->body);
		return r->status == 200 ? &none : r;
	}
	snprintf(tok, sizeof tok, "%.64s", t + 6);
	return ts_form(b, "/verify", "token", tok, "password", password, (char *)NULL);
}

long
ts_clock_advance(struct ts_browser *b, long seconds)
{
	char path[64];

	snprintf(path, sizeof path, "/_test/clock?advance=%ld", seconds);
	return ts_req(b, "POST", path, NULL, "", 0)->status;
}

/* A growing body for the builders below. */
struct body {
	char *p;
	size_t len, cap;
};

static void
body_add(struct body *d, const void *p, size_t n)
{
	if (d->len + n + 1 > d->cap) {
		while (d->len + n + 1 > d->cap)
			d->cap = d->cap ? d->cap * 2 : 4096;
		d->p = realloc(d->p, d->cap);
		if (!d->p)
			abort();
	}
	memcpy(d->p + d->len, p, n);
	d->len += n;
	d->p[d->len] = '\0';
}

static void
body_adds(struct body *d, const char *s)
{
	body_add(d, s, strlen(s));
}

/* Appends name=value (urlencoded) to d. */
static void
body_field(CURL *c, struct body *d, const char *name, const char *value)
{
	char *n = curl_easy_escape(c, name, 0), *v = curl_easy_escape(c, value, 0);

	if (d->len)
		body_adds(d, "&");
	body_adds(d, n);
	body_adds(d, "=");
	body_adds(d, v);
	curl_free(n);
	curl_free(v);
}

const struct ts_res *
ts_post_list(struct ts_browser *b, const char *path, int with_csrf, const char *const *pairs)
{
	static const char *const form_hdr[] = {
		"Content-Type: application/x-www-form-urlencoded", NULL };
	struct body d = { NULL, 0, 0 };
	const struct ts_res *r;
	size_t i;

	body_adds(&d, "");
	if (with_csrf)
		body_field(b->c, &d, "csrf", ts_csrf(b));
	for (i = 0; pairs && pairs[i]; i += 2)
		body_field(b->c, &d, pairs[i], pairs[i + 1] ? pairs[i + 1] : "");
	r = ts_req(b, "POST", path, form_hdr, d.p, d.len);
	free(d.p);
	return r;
}

/* The multipart call of ts_multipart (api 0) and ts_multipart_api (api 1:
 * asks for JSON, with a bearer token when token is not NULL). */
static const struct ts_res *
multipart(struct ts_browser *b, const char *method, const char *path, int with_csrf, int api,
    const char *token, const struct ts_part *parts, size_t n)
{
	struct body d = { NULL, 0, 0 };
	const struct ts_res *r;
	static unsigned serial;
	char bound[64], ctype[128], line[512], auth[256];
	const char *h[4];
	size_t i, k = 0;

	/* Long enough that no test's data contains it by chance. */
	snprintf(bound, sizeof bound, "----tsform-%ld-%u-7f3a9c2e51d04b86", (long)getpid(),
	    ++serial);
	body_adds(&d, "");
	if (with_csrf) {
		snprintf(line, sizeof line, "--%s\r\nContent-Disposition: form-data; "
		    "name=\"csrf\"\r\n\r\n%s\r\n", bound, ts_csrf(b));
		body_adds(&d, line);
	}
	for (i = 0; i < n; i++) {
		const struct ts_part *p = &parts[i];

		snprintf(line, sizeof line, "--%s\r\nContent-Disposition: form-data; name=\"%s\"",
		    bound, p->name);
		body_adds(&d, line);
		if (p->filename) {
			snprintf(line, sizeof line, "; filename=\"%s\"", p->filename);
			body_adds(&d, line);
		}
		body_adds(&d, "\r\n");
		if (p->type) {
			snprintf(line, sizeof line, "Content-Type: %s\r\n", p->type);
			body_adds(&d, line);
		}
		body_adds(&d, "\r\n");
		body_add(&d, p->data, p->len ? p->len : strlen(p->data));
		body_adds(&d, "\r\n");
	}
	snprintf(line, sizeof line, "--%s--\r\n", bound);
	body_adds(&d, line);
	snprintf(ctype, sizeof ctype, "Content-Type: multipart/form-data; boundary=%s", bound);
	h[k++] = ctype;
	if (api)
		h[k++] = "Accept: application/json";
	if (api && token) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
		h[k++] = auth;
	}
	h[k] = NULL;
	r = ts_req(b, method, path, h, d.p, d.len);
	free(d.p);
	return r;
}

const struct ts_res *
ts_multipart(struct ts_browser *b, const char *path, int with_csrf,
    const struct ts_part *parts, size_t n)
{
	return multipart(b, "POST", path, with_csrf, 0, NULL, parts, n);
}

const struct ts_res *
ts_multipart_api(struct ts_browser *b, const char *method, const char *path, const char *token,
    const struct ts_part *parts, size_t n)
{
	return multipart(b, method, path, 0, 1, token, parts, n);
}

const struct ts_res *
ts_api(struct ts_browser *b, const char *method, const char *path, const char *token,
    const char *json)
{
	char auth[256];
	const char *h[4];
	int n = 0;

	h[n++] = "Accept: application/json";
	if (json)
		h[n++] = "Content-Type: application/json";
	if (token) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
		h[n++] = auth;
	}
	h[n] = NULL;
	return ts_req(b, method, path, h, json, json ? strlen(json) : 0);
}

long
ts_signin(struct ts_browser *b, const char *email, const char *password)
{
	return ts_form(b, "/signin", "email", email, "password", password, (char *)NULL)->status;
}

const char *
ts_cookie(struct ts_browser *b, const char *name)
{
	struct curl_slist *list = NULL, *l;
	const char *found = NULL;

	if (curl_easy_getinfo(b->c, CURLINFO_COOKIELIST, &list) != CURLE_OK)
		return NULL;
	for (l = list; l; l = l->next) {
		/* domain, subdomains, path, secure, expiry, name, value (tabs) */
		const char *f = l->data;
		int i;

		for (i = 0; i < 5 && f; i++) {
			f = strchr(f, '\t');
			if (f)
				f++;
		}
		if (!f || strncmp(f, name, strlen(name)) != 0 || f[strlen(name)] != '\t')
			continue;
		snprintf(b->cookie, sizeof b->cookie, "%s", f + strlen(name) + 1);
		found = b->cookie[0] ? b->cookie : NULL;
	}
	curl_slist_free_all(list);
	return found;
}

const char *
ts_header(const struct ts_res *r, const char *name)
{
	const char *v = NULL;
	int i;

	for (i = 0; i < r->nh; i++)
		if (strcasecmp(r->h[i][0], name) == 0)
			v = r->h[i][1];
	return v;
}

int
ts_has(const struct ts_res *r, const char *s)
{
	return r->body && strstr(r->body, s) != NULL;
}

json_t *
ts_json(const struct ts_res *r)
{
	json_error_t e;

	return r->body ? json_loadb(r->body, r->len, 0, &e) : NULL;
}

const struct ts_res *
ts_call(struct ts_browser *b, const char *method, const char *path, const char *token,
    json_t *body)
{
	char *s = body ? json_dumps(body, JSON_COMPACT) : NULL;
	const struct ts_res *r = ts_api(b, method, path, token, s);

	free(s);
	json_decref(body);
	return r;
}

const char *
ts_excerpt(const struct ts_res *r)
{
	const char *m = r->body ? strstr(r->body, "<main") : NULL;

	return m ? m : r->body ? r->body : "";
}

json_t *
ts_jbody(const struct ts_res *r)
{
	json_t *j = ts_json(r);

	if (!j)
		printf("# not JSON: %.600s\n", r->body ? r->body : "");
	assert_non_null(j);
	return j;
}

int
ts_csrf_in(const char *html, char *out, size_t len)
{
	static const char pat[] = "name=\"csrf\" value=\"";
	const char *p = html ? strstr(html, pat) : NULL;
	size_t n;

	if (!p)
		return -1;
	p += sizeof pat - 1;
	n = strcspn(p, "\"");
	if (n == 0 || n >= len)
		return -1;
	memcpy(out, p, n);
	out[n] = '\0';
	return 0;
}

int
ts_suite_start(struct ts_sink *k, struct ts_server *s, const char **db,
    const char *const *extra)
{
	*db = getenv("WHATSON_TEST_DB");
	if (!*db || !**db) {
		printf("# WHATSON_TEST_DB is not set (tests/http/run.t sets it)\n");
		return -1;
	}
	if (ts_sink_start(k) != 0 || ts_server_start(s, *db, k, extra) != 0)
		return -1;
	return 0;
}
