/*
 * testsrv.h -- what tests/http needs to drive a real whatson: an SMTP sink,
 * the server under test, libcurl "browsers" and the mail they are sent.
 *
 * The sink is aiosmtpd writing a Maildir; the server is $WHATSON_BIN (default
 * build/san/whatson) started with `serve` on a free loopback port, delivering
 * its mail to the sink.  A browser is one libcurl handle with its own cookie
 * jar, optionally bound to another loopback source address (127.0.0.N) so a
 * test can have its own rate-limit and connection-limit buckets.  Every child
 * process gets SIGTERM when the test program dies, so nothing outlives it.
 *
 * Functions that can fail return 0 on success and -1 after printing why as a
 * TAP comment ("# ...") on stdout; the cmocka tests assert on that.
 */
#ifndef WS_TESTSRV_H
#define WS_TESTSRV_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "lib/rawsock.h"	/* raw sockets: ts_connect, ts_request, ... */

/* A scratch directory for this test program (logs, Maildir, SQLite files),
 * removed by ts_cleanup() unless WHATSON_TEST_KEEP is set. */
const char *ts_tmpdir(void);
/* Stops what is still running and removes the scratch directory; also
 * runs at exit. */
void ts_cleanup(void);
/* A loopback TCP port nobody listens on at the moment. */
int ts_free_port(void);

/* ---- SMTP sink ------------------------------------------------------- */

struct ts_sink {
	pid_t pid;
	int port;
	char dir[512];		/* the Maildir */
};

/* Starts `python3 -m aiosmtpd ... Mailbox DIR` and waits for its port. */
int ts_sink_start(struct ts_sink *k);
void ts_sink_stop(struct ts_sink *k);
/* Starts a stopped sink again on the same port and Maildir, so the server
 * under test reaches it at the --smtp URL it was given. */
int ts_sink_restart(struct ts_sink *k);

/* ---- mail ------------------------------------------------------------ */

struct ts_mail {
	char to[256];
	char subject[512];	/* decoded (RFC 2047) */
	char *body;		/* decoded (quoted-printable), owned */
};

/* Waits up to timeout_ms for an unread message to address `to` (the oldest
 * one), fills m and marks the message read.  -1 on timeout. */
int ts_mail_wait(struct ts_sink *k, const char *to, int timeout_ms, struct ts_mail *m);
/* Unread messages to `to`, now (no waiting). */
int ts_mail_count(struct ts_sink *k, const char *to);
/* The first http(s) link in m's body into out; -1 when none. */
int ts_mail_link(const struct ts_mail *m, char *out, size_t len);
void ts_mail_free(struct ts_mail *m);

/* ---- the server under test ------------------------------------------- */

struct ts_server {
	pid_t pid;
	int port;
	char base[64];		/* http://localhost:PORT */
	char log[512];		/* its standard output and error */
	char db[512];
};

/* Starts `whatson serve` on db with mail to k and the extra arguments
 * (NULL-terminated, may be NULL); waits up to 30 s for GET /healthz. */
int ts_server_start(struct ts_server *s, const char *db, const struct ts_sink *k,
    const char *const *extra);
/* SIGTERM, then waits up to 15 s.  -1 (and why in the TAP output) when it
 * did not stop, exited non-zero or wrote sanitizer reports to its log. */
int ts_server_stop(struct ts_server *s);

/* Runs `whatson ARGS...` (NULL-terminated) with `input` on standard input;
 * its standard output goes to out (NUL-terminated, may be NULL).  Returns the
 * exit status, -1 when it did not run or was killed.
 *
 * The set-up commands `user add --db --email --name --role [--org]` and
 * `import orgs FILE --db` go instead, when out is given, through a server
 * of that database that this program started and is running (its /_test/
 * paths, app/testhooks.c: the commands' own code, the same output and
 * status), without a new sanitized process each (about a third of a
 * second of CPU, thousands of times over a make check).  tests/cli runs
 * the commands themselves. */
int ts_whatson(const char *input, char *out, size_t outlen, ...);
/* Runs a program (NULL-terminated argv: program, arguments), output as for
 * ts_whatson. */
int ts_run(char *out, size_t outlen, ...);
/* `whatson user add` on db; the new user's id, or -1. */
int64_t ts_user_add(const char *db, const char *email, const char *name, const char *role,
    const char *password);
/* The same, a member of organization org (its id as text) when not NULL. */
int64_t ts_user_add_org(const char *db, const char *email, const char *name,
    const char *role, const char *org, const char *password);
/* `whatson import orgs` of csv (the file's text) on db, its report into
 * out: 0 when every row went in, else non-zero. */
int ts_import_csv(const char *db, const char *csv, char *out, size_t outlen);

/* Waits until no job of kind (e.g. "resource_text") is queued or running,
 * as staff's token sees them at GET /api/v1/staff/jobs from b, up to
 * timeout_ms: 0, or -1 (and how many were left). */
struct ts_browser;
int ts_jobs_idle(struct ts_browser *b, const char *token, const char *kind, int timeout_ms);

/* ---- browsers -------------------------------------------------------- */

#define TS_MAX_HEADERS 48

struct ts_res {
	long status;
	char *body;		/* NUL-terminated */
	size_t len;
	int nh;
	char *h[TS_MAX_HEADERS][2];	/* headers of the final response */
};

struct ts_browser;

/* A browser talking to s from source address ip (NULL: 127.0.0.1). */
struct ts_browser *ts_browser_new(const struct ts_server *s, const char *ip);
void ts_browser_free(struct ts_browser *b);

/*
 * A request; path is "/x" on the server or a full http:// URL.  body may be
 * NULL; headers is NULL-terminated "Name: value" lines, may be NULL.  The
 * result belongs to b and lives until its next request.  Redirects are not
 * followed.  On a transport failure the status is 0.
 */
const struct ts_res *ts_req(struct ts_browser *b, const char *method, const char *path,
    const char *const *headers, const char *body, size_t len);
const struct ts_res *ts_get(struct ts_browser *b, const char *path);
/* POSTs total bytes of 'a' to path, with Content-Length or, when chunked,
 * Transfer-Encoding: chunked; *sent (may be NULL) receives how many bytes the
 * server read before it answered. */
const struct ts_res *ts_upload(struct ts_browser *b, const char *path,
    const char *const *headers, size_t total, int chunked, size_t *sent);
/* POSTs name/value pairs (NULL-terminated) as a urlencoded form, as given. */
const struct ts_res *ts_post(struct ts_browser *b, const char *path, ...);
/* As ts_post, adding the csrf field of the browser's latest page (fetching
 * /signin first when the session changed since). */
const struct ts_res *ts_form(struct ts_browser *b, const char *path, ...);
/* As ts_post, from a NULL-terminated array of name, value, name, value ...
 * (names may repeat), for forms built at run time; with_csrf adds the csrf
 * field as ts_form does.  No size limit. */
const struct ts_res *ts_post_list(struct ts_browser *b, const char *path, int with_csrf,
    const char *const *pairs);

/* One part of a multipart/form-data body: a field, or a file when filename
 * is not NULL. */
struct ts_part {
	const char *name;
	const char *data;
	size_t len;		/* 0: strlen(data) */
	const char *filename;
	const char *type;	/* the part's Content-Type; NULL: none */
};
/* POSTs n parts as multipart/form-data (as a browser sends a form with a
 * file input); with_csrf adds the csrf field first, as ts_form does. */
const struct ts_res *ts_multipart(struct ts_browser *b, const char *path, int with_csrf,
    const struct ts_part *parts, size_t n);
/* The same parts as an API call: method (POST, PATCH), Accept:
 * application/json, Authorization: Bearer token when token is not NULL. */
const struct ts_res *ts_multipart_api(struct ts_browser *b, const char *method,
    const char *path, const char *token, const struct ts_part *parts, size_t n);
/* A JSON call: body (may be NULL) as application/json, Authorization:
 * Bearer token when token is not NULL. */
const struct ts_res *ts_api(struct ts_browser *b, const char *method, const char *path,
    const char *token, const char *json);
/* Signs in through the form; the status of the answer (303 on success). */
long ts_signin(struct ts_browser *b, const char *email, const char *password);

/* Opens a mailed /verify?token= link in b and confirms it with password,
 * as a person does on the form it shows; the answer to the form (200 and
 * signed in when it worked).  When the link does not show the form, that
 * answer (status 0 when it showed something else with 200). */
const struct ts_res *ts_verify(struct ts_browser *b, const char *link, const char *password);

/* Moves the server's clock forward by seconds (test builds only: POST
 * /_test/clock, src/http/testclock.c); the answer's status (200). */
long ts_clock_advance(struct ts_browser *b, long seconds);

/* The CSRF token the browser would send now ("" when none seen). */
const char *ts_csrf(struct ts_browser *b);
/* A cookie's value in b's jar, or NULL. */
const char *ts_cookie(struct ts_browser *b, const char *name);

/* A response header (last of that name, case-insensitive), or NULL. */
const char *ts_header(const struct ts_res *r, const char *name);
/* True when the body contains s. */
int ts_has(const struct ts_res *r, const char *s);
/* The body parsed as JSON (caller decrefs), or NULL. */
json_t *ts_json(const struct ts_res *r);
/* The value of the first hidden csrf field in html into out; -1 when none. */
int ts_csrf_in(const char *html, char *out, size_t len);

/* ---- time ----------------------------------------------------------- */

/* Milliseconds on a monotonic clock. */
int64_t ts_now_ms(void);

/* A JSON call with body, a JSON value (consumed; may be NULL), as ts_api. */
const struct ts_res *ts_call(struct ts_browser *b, const char *method, const char *path,
    const char *token, json_t *body);
/* r's body as JSON (caller decrefs); fails the test, printing the body,
 * when it is not JSON. */
json_t *ts_jbody(const struct ts_res *r);

/* The part of an answer worth showing when an assertion fails: a page
 * from its <main>, else the whole body. */
const char *ts_excerpt(const struct ts_res *r);

/* Assert that r's body has (lacks) s, printing the start of it when not. */
#define HAS(r, s) do { \
	if (!ts_has((r), (s))) \
		printf("# the answer lacks \"%s\": %.2000s\n", (s), ts_excerpt(r)); \
	assert_true(ts_has((r), (s))); \
} while (0)
#define LACKS(r, s) do { \
	if (ts_has((r), (s))) \
		printf("# the answer has \"%s\": %.1500s\n", (s), strstr((r)->body, (s))); \
	assert_false(ts_has((r), (s))); \
} while (0)

/* Asserts r's status, printing the start of the body when it differs. */
#define STATUS(r, want) do { \
	const struct ts_res *r_ = (r); \
	if (r_->status != (want)) \
		printf("# status %ld, want %d: %.600s\n", r_->status, (want), r_->body); \
	assert_int_equal(r_->status, (want)); \
} while (0)

/* What every tests/http program does first: the database from
 * $WHATSON_TEST_DB (tests/http/run.t sets it), an SMTP sink, the server
 * (with the extra serve arguments, NULL-terminated, or NULL).
 * -1 (and why in the TAP output) on failure. */
int ts_suite_start(struct ts_sink *k, struct ts_server *s, const char **db,
    const char *const *extra);

#endif
