/*
 * server.c -- libmicrohttpd glue and the request pipeline.
 *
 * A connection from an address that already holds cfg.per_ip_conns open
 * connections is closed at once, except from a trusted proxy
 * (--trusted-proxy).  Behind a trusted proxy the client's address is the
 * right-most X-Forwarded-For entry that is not itself a trusted proxy, and
 * the per-address limit counts that client's requests in progress instead
 * (429).  The client address is what rate limits, audit entries and
 * sessions record.
 *
 * A request passes these steps, each of which may end it:
 *   limits      Content-Length over the ceiling: 413 before the body is read
 *               (the route is looked up when the header arrives: a route
 *               that takes uploads has its kind's ceiling, others 1 MiB)
 *   body        forms and JSON read into a buffer with that ceiling;
 *               multipart bodies parsed as they arrive, files streamed
 *               into the file store (docs/internals/files.md)
 *   route       404 (no path), 405 (path, not method)
 *   identity    session cookie or bearer token -> req.user
 *   role        the route's role mask: 401 for anonymous, 403 otherwise
 *   csrf        form posts carry a token bound to the session or visitor
 *   rate limit  the route's class (sign-in, sign-up, mail requests)
 *   handler     fills struct resp; for a route flagged RF_SLOW (it hashes a
 *               password) on a thread of the slow pool, while the request
 *               thread serves other connections (see "slow requests")
 *   render      HTML page via the view, or the same value as JSON, or a
 *               download streamed from its reader (object.c)
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "core/config.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"
#include "files/files.h"
#include "http/http.h"
#include "http/deadline.h"
#include "http/form.h"
#include "http/http_int.h"
#include "http/ratelimit.h"
#include "http/server.h"
#include "http/slowpool.h"
#include "views/view.h"

/* Open connections (or, behind a proxy, requests in progress) per client
 * address: a short array, since there are at most as many entries as
 * connections (1024). */
struct conn_count {
	struct ws_net addr;
	int n;
};

struct server {
	struct MHD_Daemon *d;
	struct http_site site;	/* what it serves: routes, settings, hooks */
	const struct config *cfg;	/* site.cfg */
	int port;
	pthread_mutex_t mu;	/* guards counts */
	struct conn_count *counts;
	size_t ncounts, cap;
	struct deadlines *dl;	/* each connection's header deadline */
	struct slowpool *slow;	/* runs the handlers of RF_SLOW routes */
};

struct slowjob;

/* Per-connection state between libmicrohttpd's calls (per request, in fact:
 * on_completed frees it). */
struct cstate {
	struct req r;		/* first: cstate_of() */
	int too_big;
	size_t limit;		/* of the body, in bytes */
	size_t got;		/* bytes of it so far */
	struct multipart *mp;	/* a multipart body being parsed */
	int64_t written[REQ_MAX_FILES];	/* files this request wrote ("upload") */
	int nwritten;
	int64_t uploader;	/* who sends the files: the signed-in user's id, 0 for a visitor */
	int refused;		/* a response was already queued */
	int counted;		/* holds a slot of client in the per-address count */
	struct ws_net client;
	struct slowjob *job;	/* an RF_SLOW request's handler, handed to the slow pool */
};

/* The connection state holding request r (r is its first member). */
static struct cstate *
cstate_of(struct req *r)
{
	return (struct cstate *)(void *)r;
}

/* The server r arrived on (r->site is its site). */
static struct server *
server_of(struct req *r)
{
	return (struct server *)(void *)((char *)(uintptr_t)r->site -
	    offsetof(struct server, site));
}

static const char *const method_names[] = {
	[HM_GET] = "GET", [HM_HEAD] = "HEAD", [HM_POST] = "POST",
	[HM_PUT] = "PUT", [HM_PATCH] = "PATCH", [HM_DELETE] = "DELETE",
};
_Static_assert(sizeof method_names / sizeof method_names[0] == HM__MAX,
    "method_names needs a row per method");

static int
method_parse(const char *m)
{
	int i;

	for (i = 0; i < HM__MAX; i++)
		if (strcmp(m, method_names[i]) == 0)
			return i;
	return -1;
}

int
http_status_for(enum ws_err e)
{
	switch (e) {
	case WS_OK: return 200;
	case WS_EINVAL: return 422;
	case WS_ENOTFOUND: return 404;
	case WS_EFORBIDDEN: return 403;
	case WS_EUNAUTH: return 401;
	case WS_ECONFLICT: return 409;
	case WS_ETOOBIG: return 413;
	case WS_ERATE: return 429;
	case WS_EUNAVAIL: return 503;
	case WS_EMETHOD: return 405;
	case WS_EBADREQ: return 400;
	case WS_EMEDIA: return 415;
	case WS_EGONE: return 410;
	default: return 500;
	}
}

static const char *
status_title(int status)
{
	switch (status) {
	case 200: return N_("OK");
	case 400: return N_("Bad request");
	case 401: return N_("Sign-in required");
	case 403: return N_("Forbidden");
	case 404: return N_("Page not found");
	case 405: return N_("Method not allowed");
	case 409: return N_("Conflict");
	case 410: return N_("Gone");
	case 413: return N_("Request too large");
	case 415: return N_("Unsupported media type");
	case 422: return N_("Please correct the form");
	case 429: return N_("Too many requests");
	case 431: return N_("Request headers too large");
	case 503: return N_("Service unavailable");
	default: return N_("Server error");
	}
}

/* ---- security headers and sending ------------------------------------ */

static void
add_common_headers(const struct config *cfg, struct MHD_Response *resp, const char *rid)
{
	MHD_add_response_header(resp, "Content-Security-Policy",
	    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
	    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	if (cfg->https)
		MHD_add_response_header(resp, "Strict-Transport-Security",
		    "max-age=31536000; includeSubDomains");
	if (rid)
		MHD_add_response_header(resp, "X-Request-Id", rid);
}

/* Adds the headers every answer carries and w's (w may be NULL) to resp. */
static void
add_headers(const struct config *cfg, const char *rid, struct MHD_Response *resp,
    const struct resp *w)
{
	int i;

	add_common_headers(cfg, resp, rid);
	if (!w)
		return;
	for (i = 0; i < w->nheaders; i++)
		MHD_add_response_header(resp, w->headers[i][0], w->headers[i][1]);
	for (i = 0; i < w->ncookies; i++)
		MHD_add_response_header(resp, "Set-Cookie", w->cookies[i]);
	if (w->retry_after > 0) {
		char ra[16];

		snprintf(ra, sizeof ra, "%d", w->retry_after);
		MHD_add_response_header(resp, "Retry-After", ra);
	}
}

/* A response carrying body (taken: body is left empty), with the headers of
 * every answer and w's own (w may be NULL); NULL when it cannot be made. */
static struct MHD_Response *
make_response(const struct config *cfg, const char *rid, const char *ctype, struct buf *body,
    struct resp *w)
{
	struct MHD_Response *resp;
	size_t len = body->len;
	char *data = buf_steal(body);

	resp = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
	if (!resp) {
		free(data);
		return NULL;
	}
	MHD_add_response_header(resp, "Content-Type", ctype);
	add_headers(cfg, rid, resp, w);
	return resp;
}

/* Queues resp (consumed; NULL closes the connection) with status on c. */
static enum MHD_Result
queue(struct MHD_Connection *c, unsigned status, struct MHD_Response *resp)
{
	enum MHD_Result ret;

	if (!resp)
		return MHD_NO;
	ret = MHD_queue_response(c, status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static enum MHD_Result
send_buf(struct MHD_Connection *c, const struct config *cfg, const char *rid, int status,
    const char *ctype, struct buf *body, struct resp *w)
{
	return queue(c, (unsigned)status, make_response(cfg, rid, ctype, body, w));
}

/* A short self-contained page for refusals before the pipeline runs. */
static enum MHD_Result
send_short(struct MHD_Connection *c, const struct config *cfg, const char *rid, int status,
    int api)
{
	struct buf b;

	buf_init(&b, 4096);
	if (api) {
		if (buf_printf(&b, "{\"type\":\"about:blank\",\"title\":\"%s\",\"status\":%d,"
		    "\"request_id\":\"%s\"}", status_title(status), status, rid))
			return MHD_NO;
		return send_buf(c, cfg, rid, status, "application/problem+json", &b, NULL);
	}
	if (buf_printf(&b, "<!doctype html><html lang=en><meta charset=utf-8>"
	    "<title>%s</title><h1>%s</h1><p>Request id: %s</p></html>\n",
	    status_title(status), status_title(status), rid))
		return MHD_NO;
	return send_buf(c, cfg, rid, status, "text/html; charset=utf-8", &b, NULL);
}

/* ---- uploads ---------------------------------------------------------- */

size_t
http_upload_max(const struct config *cfg, enum upload_kind kind)
{
	switch (kind) {
	case UPLOAD_LOGO: return cfg->logo_max;
	case UPLOAD_IMPORT: return cfg->import_max;
	case UPLOAD_RESOURCE: return cfg->resource_max;
	default: return 0;
	}
}

/*
 * The sink of a request's multipart parser: each file part into a file of
 * kind "upload", outside any transaction, so each chunk commits as it fills
 * and the request holds one chunk.  A connection is borrowed for each
 * piece of the body and given back at once: a client that sends slowly
 * holds none between pieces, so slow uploads cannot take the pool.
 */
struct up_file {
	struct cstate *cs;
	struct file_writer *w;
};

static enum ws_err
up_begin(void *arg, struct upload *u, void **file)
{
	struct cstate *cs = arg;
	struct db_pool *pool = cs->r.site->pool;
	struct up_file *f;
	struct file_writer *w;
	struct db *d;
	enum ws_err rc;

	if (cs->nwritten >= REQ_MAX_FILES)
		return WS_ETOOBIG;
	d = db_acquire(pool);
	rc = file_begin(d, FILE_UPLOAD, u->filename, u->type, cs->uploader, &w);
	db_release(pool, d);
	if (rc != WS_OK)
		return rc;
	file_writer_use(w, NULL);
	cs->written[cs->nwritten++] = file_writer_id(w);
	f = arena_alloc(cs->r.a, sizeof *f);
	f->cs = cs;
	f->w = w;
	*file = f;
	return WS_OK;
}

static enum ws_err
up_write(void *file, const void *p, size_t n)
{
	struct up_file *f = file;
	struct db_pool *pool = f->cs->r.site->pool;
	struct db *d = db_acquire(pool);
	enum ws_err rc;

	file_writer_use(f->w, d);
	rc = file_write(f->w, p, n);
	file_writer_use(f->w, NULL);
	db_release(pool, d);
	return rc;
}

static enum ws_err
up_end(void *file, struct upload *u)
{
	struct up_file *f = file;
	struct db_pool *pool = f->cs->r.site->pool;
	struct db *d = db_acquire(pool);
	enum ws_err rc;

	file_writer_use(f->w, d);
	rc = file_end(f->w, &u->id);	/* frees the writer */
	db_release(pool, d);
	return rc;
}

static void
up_abort(void *file)
{
	file_abort(((struct up_file *)file)->w);
}

/* Deletes the files this request wrote that no handler claimed. */
static void
uploads_discard(struct cstate *cs)
{
	int i;

	multipart_free(cs->mp);
	cs->mp = NULL;
	for (i = 0; i < cs->nwritten; i++)
		if (file_discard(req_db(&cs->r), cs->written[i]) != WS_OK)
			log_error("upload: file %lld not deleted (swept later)",
			    (long long)cs->written[i]);
	cs->nwritten = 0;
	for (i = 0; i < cs->r.nfiles; i++)
		cs->r.files[i].id = 0;
}

/* ---- the pipeline ---------------------------------------------------- */

/* ---- client addresses and the per-address limit ---------------------- */

static int
net_from_sockaddr(const struct sockaddr *sa, struct ws_net *n)
{
	memset(n, 0, sizeof *n);
	if (!sa)
		return -1;
	if (sa->sa_family == AF_INET) {
		n->family = AF_INET;
		memcpy(n->addr, &((const struct sockaddr_in *)sa)->sin_addr, 4);
		n->bits = 32;
		return 0;
	}
	if (sa->sa_family == AF_INET6) {
		n->family = AF_INET6;
		memcpy(n->addr, &((const struct sockaddr_in6 *)sa)->sin6_addr, 16);
		n->bits = 128;
		return 0;
	}
	return -1;
}

static void
net_text(const struct ws_net *n, char *out, size_t len)
{
	snprintf(out, len, "unknown");
	if (n->family == AF_INET || n->family == AF_INET6)
		inet_ntop(n->family, n->addr, out, (socklen_t)len);
}

static int
net_same(const struct ws_net *a, const struct ws_net *b)
{
	return a->family == b->family && memcmp(a->addr, b->addr, sizeof a->addr) == 0;
}

/* Takes a slot for addr: 0, or -1 when addr already holds limit slots
 * (limit 0: no limit). */
static int
count_take(struct server *s, const struct ws_net *addr, int limit)
{
	size_t i;
	int rc = 0;

	pthread_mutex_lock(&s->mu);
	for (i = 0; i < s->ncounts; i++)
		if (net_same(&s->counts[i].addr, addr))
			break;
	if (i == s->ncounts) {
		if (s->ncounts == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 64;
			s->counts = xrealloc(s->counts, s->cap * sizeof *s->counts);
		}
		s->counts[i].addr = *addr;
		s->counts[i].n = 0;
		s->ncounts++;
	}
	if (limit > 0 && s->counts[i].n >= limit)
		rc = -1;
	else
		s->counts[i].n++;
	pthread_mutex_unlock(&s->mu);
	return rc;
}

static void
count_give(struct server *s, const struct ws_net *addr)
{
	size_t i;

	pthread_mutex_lock(&s->mu);
	for (i = 0; i < s->ncounts; i++) {
		if (!net_same(&s->counts[i].addr, addr))
			continue;
		if (--s->counts[i].n <= 0)
			s->counts[i] = s->counts[--s->ncounts];
		break;
	}
	pthread_mutex_unlock(&s->mu);
}

/* libmicrohttpd asks before accepting a connection: refuse an address that
 * holds its share already, unless it is a trusted proxy (a balancer keeps
 * many connections open for everyone behind it).  The slot is taken here,
 * under the lock, so connections accepted at once by several threads cannot
 * all slip under the limit; on_connection gives it back at the close. */
static enum MHD_Result
on_accept(void *cls, const struct sockaddr *sa, socklen_t len)
{
	struct server *s = cls;
	struct ws_net a;

	(void)len;
	if (net_from_sockaddr(sa, &a) != 0 || config_trusted(s->cfg, &a))
		return MHD_YES;
	return count_take(s, &a, s->cfg->per_ip_conns) == 0 ? MHD_YES : MHD_NO;
}

/* Gives back the slot taken in on_accept when a connection closes. */
static void
on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
    enum MHD_ConnectionNotificationCode toe)
{
	struct server *s = cls;
	const union MHD_ConnectionInfo *ci;
	struct ws_net a;

	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		*socket_context = ci ? deadline_open(s->dl, ci->connect_fd) : NULL;
		return;
	}
	if (toe != MHD_CONNECTION_NOTIFY_CLOSED)
		return;
	deadline_close(s->dl, *socket_context);
	*socket_context = NULL;
	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (net_from_sockaddr(ci ? ci->client_addr : NULL, &a) != 0 ||
	    config_trusted(s->cfg, &a))
		return;
	count_give(s, &a);
}

/* Collects every X-Forwarded-For header, in order, joined by commas. */
static enum MHD_Result
collect_xff(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	struct buf *b = cls;

	(void)kind;
	if (key && value && strcasecmp(key, "X-Forwarded-For") == 0) {
		if (b->len && buf_adds(b, ",") != WS_OK)
			return MHD_NO;
		if (buf_adds(b, value) != WS_OK)
			return MHD_NO;
	}
	return MHD_YES;
}

/* The address of the client of connection c into *out: the connection's
 * own, or when that is a trusted proxy, the right-most X-Forwarded-For entry
 * that is not a trusted proxy.  *proxied is set when the answer came from
 * the header. */
static void
client_addr(const struct config *cfg, struct MHD_Connection *c, struct ws_net *out, int *proxied)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	struct ws_net peer, e;
	struct buf b;
	char *p, *end, *start;

	*proxied = 0;
	if (net_from_sockaddr(ci ? ci->client_addr : NULL, &peer) != 0) {
		memset(out, 0, sizeof *out);
		return;
	}
	*out = peer;
	if (!cfg->ntrusted || !config_trusted(cfg, &peer))
		return;
	buf_init(&b, 16 * 1024);
	MHD_get_connection_values(c, MHD_HEADER_KIND, collect_xff, &b);
	if (b.len == 0) {
		buf_free(&b);
		return;
	}
	p = (char *)buf_str(&b);
	end = p + strlen(p);
	while (end > p) {	/* from the right */
		char *comma = end;

		while (comma > p && comma[-1] != ',')
			comma--;
		start = comma;
		*end = '\0';
		while (*start == ' ' || *start == '\t')
			start++;
		while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
			*--end = '\0';
		if (net_parse_addr(start, &e) != 0)
			break;	/* not an address: the chain cannot be followed */
		*out = e;
		*proxied = 1;
		if (!config_trusted(cfg, &e))
			break;
		end = comma > p ? comma - 1 : p;
	}
	buf_free(&b);
}

/* A language chosen with ?lang= is remembered: in a cookie, and in the
 * account of a signed-in reader. */
static void
remember_lang(struct req *r, struct resp *w)
{
	const char *q = req_query(r, "lang");
	const char *c = req_cookie(r, "lang");

	if (!q || !view_lang_ok(q) || r->api)
		return;
	if (!c || strcmp(c, q) != 0)
		resp_cookie(r, w, "lang", q, 365 * 86400);
	if (r->user && (!r->user->locale || strcmp(r->user->locale, q) != 0)) {
		struct db_q *dq = db_start(req_db(r), ST_USER_SET_LOCALE);

		db_bind_text(dq, 1, q);
		db_bind_int(dq, 2, now_s());
		db_bind_int(dq, 3, r->user->id);
		db_exec_logged(dq);
		db_end(dq);
		r->user->locale = arena_strdup(r->a, q);
	}
	r->locale = http_locale(r);
}

/* Whether rt lets r's signed-in user (or a visitor, when none) in: its
 * roles column.  The one check, for the pipeline and for an upload refused
 * from its header. */
static int
route_allows(const struct route *rt, const struct req *r)
{
	return (rt->roles & (1u << (r->user ? r->user->role : ROLE_ANON))) != 0;
}

/* Runs r through the steps of the file's opening comment.  A step that ends
 * the request returns its error (http_status_for() picks the status) with
 * w->detail saying why. */
static enum ws_err
run_pipeline(struct req *r, struct resp *w, const struct route **rt_out, int *slow)
{
	const struct route *rt;
	enum ws_err rc;
	int allowed_elsewhere = 0;

	*rt_out = NULL;
	r->locale = http_locale(r);	/* error pages before sign-in too */
	if (http_test_clock(r, w))	/* test builds only: testclock.c */
		return WS_OK;
	if (http_test_slowpool(server_of(r)->slow, r, w))	/* test builds only */
		return WS_OK;
	if (r->site->test_hook && r->site->test_hook(r, w))	/* test builds only */
		return WS_OK;
	rt = router_match(r->site->routes, r, &allowed_elsewhere);
	if (!rt) {
		if (allowed_elsewhere) {	/* RFC 9110: a 405 lists what is allowed */
			char allow[64] = "";
			int m;

			for (m = 0; m < HM__MAX; m++)
				if (allowed_elsewhere & (1 << m))
					snprintf(allow + strlen(allow), sizeof allow - strlen(allow),
					    "%s%s", *allow ? ", " : "", method_names[m]);
			resp_header(w, "Allow", arena_strdup(r->a, allow));
		}
		w->detail = allowed_elsewhere ? "This address does not accept that method."
		    : "There is nothing at this address.";
		return allowed_elsewhere ? WS_EMETHOD : WS_ENOTFOUND;
	}
	*rt_out = rt;
	if ((rc = input_decode(r)) != WS_OK) {
		w->detail = N_("The request body could not be read.");
		return rc == WS_ETOOBIG ? WS_ETOOBIG : (rc == WS_EINVAL ? WS_EBADREQ : WS_EMEDIA);
	}
	if (r->site->identify(r, w) != WS_OK) {
		w->detail = N_("The database did not answer.");
		return WS_EUNAVAIL;
	}
	r->locale = http_locale(r);	/* the user's own choice, now known */
	if (!route_allows(rt, r)) {
		if (!r->user) {
			if (!r->api && r->method == HM_GET) {
				resp_redirect(w, arena_printf(r->a, "/signin?next=%s",
				    arena_urlencode(r->a, r->path, "/")));
				return WS_OK;
			}
			w->detail = N_("Sign in to see this.");
			return WS_EUNAUTH;
		}
		w->detail = N_("Your account may not do this.");
		return WS_EFORBIDDEN;
	}
	if (rt->csrf != CSRF_NONE && !csrf_ok(r)) {
		if (rt->csrf == CSRF_KEEP && !r->api) {
			/* A long form whose session ended: the handler shows it
			 * again with what was typed, changing nothing. */
			r->csrf_stale = 1;
			r->csrf = csrf_token(r);
		} else {
			w->detail = N_("The form was out of date or came from another site. "
			    "Please go back, reload the page and try again.");
			return WS_EFORBIDDEN;
		}
	}
	if (rt->rl != RL_NONE) {
		int wait = ratelimit_check(r->site->rl, rt->rl, r->ip);

		if (wait > 0) {
			w->retry_after = wait;
			w->detail = arena_printf(r->a, "Too many attempts from your address. "
			    "Please try again in %d seconds.", wait);
			return WS_ERATE;
		}
	}
	/* Requests that send mail count every attempt from the address;
	 * sign-ups count where a valid form creates something, sign-in
	 * failures where they fail. */
	if (rt->rl == RL_MAIL)
		ratelimit_hit(r->site->rl, rt->rl, r->ip);
	remember_lang(r, w);
	if (rt->query) {	/* the route's declared query parameters */
		json_t *errors = NULL;
		size_t n = 0;

		while (rt->query[n].name)
			n++;
		if (query_check(r, rt->query, n, &r->query, &errors) != WS_OK) {
			w->errors = errors;
			w->detail = N_("Some filters are not valid.");
			return WS_EINVAL;
		}
	}
	if (rt->flags & RF_SLOW) {	/* the handler runs on the slow pool */
		*slow = 1;
		return WS_OK;
	}
	return rt->fn(r, w);
}

/* The answer to r, from the pipeline's outcome rc and w (whose buffers and
 * values are freed here): the page, JSON or error, with its status in
 * *status.  NULL when no response can be made (the connection closes). */
static struct MHD_Response *
answer(struct req *r, struct resp *w, enum ws_err rc, unsigned *status_out)
{
	struct MHD_Response *resp;
	struct buf out;
	int status;
	const char *ctype;

	buf_init(&out, 8u << 20);
	/* An error's status is http_status_for()'s; a handler that succeeds may
	 * say which success (201, 202, 204, 304), and a raw answer (/healthz,
	 * the test clock) carries its own. */
	status = rc != WS_OK ? http_status_for(rc) : (w->status ? w->status : 200);
	if (rc == WS_OK && w->redirect && !r->api) {
		resp_header(w, "Location", w->redirect);
		status = 303;
		ctype = "text/plain; charset=utf-8";
		if (buf_adds(&out, "See Other\n") != WS_OK)
			buf_reset(&out);
	} else if (rc == WS_OK && w->obj) {
		ctype = NULL;	/* a download: object_response() */
	} else if (rc == WS_OK && w->ctype) {
		ctype = w->ctype;
		out = w->raw;
		buf_init(&w->raw, 0);
	} else if (rc != WS_OK || status >= 400) {
		if (status >= 500)
			log_error("%s %s: %s", r->path, ws_strerror(rc), w->detail ? w->detail : "");
		ctype = http_error_page(r, w, status, status_title(status), &out);
	} else if (r->api) {
		ctype = "application/json";
		if (view_json(w->val, &out) != WS_OK)
			status = 500;
	} else {
		ctype = "text/html; charset=utf-8";
		if (http_page(r, w, &out) != WS_OK) {
			status = 500;
			buf_reset(&out);
			ctype = http_error_page(r, w, status, status_title(status), &out);
		}
	}
	if (r->user) {	/* what a signed-in person sees is theirs: no shared or stored copy */
		int i, set = 0;

		for (i = 0; i < w->nheaders; i++)
			set |= strcasecmp(w->headers[i][0], "Cache-Control") == 0;
		if (!set)
			resp_header(w, "Cache-Control", "private, no-store");
	}
	if (r->anon_csrf_set)
		resp_cookie(r, w, "ws_csrf", r->anon_csrf_set, 0);
	if (!r->site->cfg->quiet)
		log_info("%s %s %d %s", method_names[r->method], r->path, status, r->ip);
	if (!ctype) {	/* a download (object.c) */
		resp = object_response(r, w);
		if (resp)
			add_headers(r->site->cfg, r->id, resp, w);
	} else {
		if (r->method == HM_HEAD)
			buf_reset(&out);
		resp = make_response(r->site->cfg, r->id, ctype, &out, w);
	}
	buf_free(&out);
	buf_free(&w->raw);
	json_decref(w->val);
	json_decref(w->errors);
	w->val = w->errors = NULL;
	*status_out = (unsigned)status;
	return resp;
}

/* ---- slow requests --------------------------------------------------- */

static _Thread_local int request_thread;	/* set on libmicrohttpd's threads */

int
http_on_request_thread(void)
{
	return request_thread;
}

/*
 * A route flagged RF_SLOW goes through the pipeline on its request thread up
 * to its handler (so a refusal, a 429 or a stale form costs no wait), then:
 *
 *   request thread  gives back the request's database connection, suspends
 *                   the connection and queues the job on the slow pool;
 *   pool thread     runs the handler (the Argon2id hash), builds the answer,
 *                   gives back the database connection it borrowed, and
 *                   resumes the connection;
 *   request thread  libmicrohttpd calls on_request again: the answer is
 *                   queued (on_request -> respond -> slow_answer).
 *
 * The request thread meanwhile serves its other connections.  libmicrohttpd
 * neither times out nor closes a suspended connection (its idle timeout
 * starts again at the resume; the header deadline, deadline.h, stopped
 * when the header arrived); server_stop() stops the pool, which finishes
 * every job, before it stops the daemon, which must hold no suspended
 * connection.  A job touches nothing of its request after the resume: the
 * request may end, and be freed, at once.
 */
struct slowjob {
	struct MHD_Connection *c;
	const struct route *rt;
	struct resp w;		/* the pipeline's, then the handler's */
	struct MHD_Response *answer;	/* left by the pool thread */
	unsigned status;
};

#define SLOW_WAIT 5		/* seconds a job may wait for a pool thread, as for a hashing slot */

/*
 * A browser's form that the server was too busy to act on (it waited too
 * long for a pool thread, or for a hashing slot) comes back as its page,
 * with what was typed and a message, instead of a bare error page: the
 * page of the GET route at the same path, when r's user may see it, with
 * the posted fields (never a password, nor the CSRF token) as its form
 * values.  1 when w holds that page (w->busy set), 0 to answer as before.
 */
static int
busy_form(struct req *r, struct resp *w)
{
	const char *ctype = req_header(r, "Content-Type");
	const struct route *page;
	enum http_method m = r->method;
	json_t *form, *v;
	const char *key;
	int other;

	if (r->api || r->method != HM_POST || !json_is_object(r->in) || !ctype ||
	    (strncasecmp(ctype, "application/x-www-form-urlencoded", 33) != 0 &&
	    strncasecmp(ctype, "multipart/form-data", 19) != 0))
		return 0;
	r->method = HM_GET;
	page = router_match(r->site->routes, r, &other);
	r->method = m;
	if (!page || !route_allows(page, r))
		return 0;
	json_decref(w->val);
	json_decref(w->errors);
	w->val = w->errors = NULL;
	w->tpl = NULL;
	if (page->query) {	/* the page's declared query, as for a GET */
		json_t *errors = NULL;
		size_t n = 0;

		while (page->query[n].name)
			n++;
		json_decref(r->query);
		r->query = NULL;
		if (query_check(r, page->query, n, &r->query, &errors) != WS_OK) {
			json_decref(errors);
			return 0;
		}
	}
	if (page->fn(r, w) != WS_OK || !w->tpl || w->redirect || !json_is_object(w->val))
		return 0;
	form = json_object_get(w->val, "form");
	if (!json_is_object(form)) {
		form = json_object();
		json_object_set_new(w->val, "form", form);
	}
	json_object_foreach(r->in, key, v) {
		if (strstr(key, "password") || strcmp(key, "csrf") == 0)
			continue;
		json_object_set(form, key, v);
	}
	w->busy = 1;
	return 1;
}

/* The job of the slow pool (slowpool_fn): arg is the request's cstate. */
static void
slow_run(void *arg, int late)
{
	struct cstate *cs = arg;
	struct slowjob *j = cs->job;
	struct MHD_Connection *c = j->c;
	struct server *s = server_of(&cs->r);
	enum ws_err rc;

	log_set_request_id(cs->r.id);
	if (late) {
		j->w.retry_after = SLOW_WAIT;
		j->w.detail = N_("The server is busy. Please try again in a moment.");
		rc = WS_EUNAVAIL;
	} else {
		rc = j->rt->fn(&cs->r, &j->w);
	}
	if (rc == WS_EUNAVAIL && busy_form(&cs->r, &j->w)) {
		j->w.retry_after = SLOW_WAIT;
		j->w.detail = N_("The server is busy; please try again in a few seconds.");
	}
	j->answer = answer(&cs->r, &j->w, rc, &j->status);
	if (cs->r.db) {
		db_release(s->site.pool, cs->r.db);
		cs->r.db = NULL;
	}
	slowpool_gate(s->slow);	/* test builds may hold the answer here */
	log_set_request_id(NULL);
	MHD_resume_connection(c);	/* the last touch: cs may be gone after it */
}

/* Hands the rest of r (its handler rt, what the pipeline put in w) to the
 * slow pool; see above. */
static enum MHD_Result
slow_start(struct MHD_Connection *c, struct cstate *cs, const struct route *rt,
    struct resp *w)
{
	struct server *s = server_of(&cs->r);
	struct slowjob *j = xcalloc(1, sizeof *j);

	j->c = c;
	j->rt = rt;
	j->w = *w;		/* w's buffer and values move to the job */
	cs->job = j;
	if (cs->r.db) {		/* a queued job holds no connection of the pool */
		db_release(s->site.pool, cs->r.db);
		cs->r.db = NULL;
	}
	MHD_suspend_connection(c);
	if (slowpool_submit(s->slow, slow_run, cs) != 0)
		slow_run(cs, 1);	/* the server is stopping: 503 */
	return MHD_YES;
}

/* The connection was resumed: sends the answer the pool thread left. */
static enum MHD_Result
slow_answer(struct MHD_Connection *c, struct cstate *cs)
{
	struct MHD_Response *resp = cs->job->answer;

	cs->job->answer = NULL;
	return queue(c, cs->job->status, resp);
}

static enum MHD_Result
respond(struct MHD_Connection *c, struct req *r)
{
	struct cstate *cs = cstate_of(r);
	struct MHD_Response *resp;
	struct resp w;
	const struct route *rt = NULL;
	enum ws_err rc;
	unsigned status;
	int slow = 0;

	if (cs->job)
		return slow_answer(c, cs);
	memset(&w, 0, sizeof w);
	buf_init(&w.raw, 64u << 20);
	rc = run_pipeline(r, &w, &rt, &slow);
	if (slow)
		return slow_start(c, cs, rt, &w);
	resp = answer(r, &w, rc, &status);
	return queue(c, status, resp);
}

/*
 * Who may send a route's upload is known from the header: a file from
 * someone the route refuses is never stored.  Signs r in with a throw-away
 * answer (the pipeline does it again for the answer that is sent) and gives
 * the connection back at once, as an upload holds none between pieces.
 * 0 when the route takes it, else 401 or 403; 0 too when the database does
 * not answer, for the pipeline's 503.  Who sends the files (their
 * user_id in the store) into cs->uploader.
 */
static int
upload_refusal(struct server *s, struct cstate *cs, const struct route *rt)
{
	struct req *r = &cs->r;
	struct resp w0;
	int status = 0;

	memset(&w0, 0, sizeof w0);
	if (s->site.identify(r, &w0) == WS_OK && !route_allows(rt, r))
		status = r->user ? 403 : 401;
	cs->uploader = r->user ? r->user->id : 0;
	if (r->db) {
		db_release(s->site.pool, r->db);
		r->db = NULL;
	}
	r->user = NULL;
	r->bearer = 0;
	r->session_hash[0] = '\0';
	return status;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
    const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
	struct server *s = cls;
	struct cstate *cs = *con_cls;
	enum MHD_Result ret;
	int m;

	request_thread = 1;
	if (!cs) {
		const union MHD_ConnectionInfo *sc =
		    MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
		const char *cl;
		const struct route *rt;
		enum upload_kind kind = UPLOAD_NONE;
		size_t limit;
		int api = strncmp(url, "/api/", 5) == 0, proxied, other;

		/* the whole header is here: no deadline until the request ends */
		deadline_header_done(s->dl, sc ? sc->socket_context : NULL);

		cs = xcalloc(1, sizeof *cs);
		*con_cls = cs;
		cs->r.a = arena_new();
		cs->r.site = &s->site;
		cs->r.app = s->site.app;
		cs->r.conn = c;
		random_hex(cs->r.id, 8);
		log_set_request_id(cs->r.id);
		client_addr(s->cfg, c, &cs->client, &proxied);
		net_text(&cs->client, cs->r.ip, sizeof cs->r.ip);
		cs->r.path = arena_strdup(cs->r.a, url);
		cs->r.api = strncmp(url, "/api/v1/", 8) == 0 || strcmp(url, "/api/v1") == 0;
		m = method_parse(method);
		limit = s->cfg->body_max;
		buf_init(&cs->r.body, limit);
		if (proxied) {	/* the per-address limit, for a client behind a proxy */
			if (count_take(s, &cs->client, s->cfg->per_ip_conns) != 0) {
				cs->refused = 1;
				return send_short(c, s->cfg, cs->r.id, 429, api);
			}
			cs->counted = 1;
		}
		if (m < 0) {
			cs->refused = 1;
			return send_short(c, s->cfg, cs->r.id, 405, api);
		}
		cs->r.method = (enum http_method)m;
		/* The route, for its ceiling: a multipart body to a route that
		 * takes uploads may hold its kind's limit and the form's. */
		if (req_is_upload(&cs->r)) {
			static const struct mp_sink sink0 = { up_begin, up_write, up_end, up_abort,
			    NULL };
			struct mp_sink *sink = arena_alloc(cs->r.a, sizeof *sink);

			rt = router_match(s->site.routes, &cs->r, &other);
			kind = rt ? rt->upload : UPLOAD_NONE;
			if (kind != UPLOAD_NONE)
				limit += http_upload_max(s->cfg, kind);
			*sink = sink0;
			sink->arg = cs;
			cs->r.multipart = 1;
			cs->r.in = json_object();
			cs->mp = multipart_new(&cs->r, req_header(&cs->r, "Content-Type"),
			    s->cfg->body_max, http_upload_max(s->cfg, kind),
			    kind != UPLOAD_NONE ? sink : NULL);
			if (!cs->mp)
				cs->r.multipart_rc = WS_EINVAL;
		}
		cs->limit = limit;
		cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		if (cl) {
			int64_t n;

			if (parse_int(cl, 0, INT64_MAX, &n) != WS_OK) {
				cs->refused = 1;
				return send_short(c, s->cfg, cs->r.id, 400, api);
			}
			if ((uint64_t)n > limit) {
				cs->refused = 1;
				return send_short(c, s->cfg, cs->r.id, 413, api);
			}
		}
		if (kind != UPLOAD_NONE) {
			int refusal = upload_refusal(s, cs, rt);

			if (refusal) {
				cs->refused = 1;
				return send_short(c, s->cfg, cs->r.id, refusal, api);
			}
		}
		return MHD_YES;
	}
	log_set_request_id(cs->r.id);
	if (cs->refused) {
		*upload_size = 0;
		return MHD_YES;
	}
	if (*upload_size) {
		/* A body without Content-Length (chunked) over the ceiling: what
		 * was stored goes at once, the rest is read and dropped, and the
		 * 413 comes at the end, since libmicrohttpd (0.9.75) cannot answer
		 * before the body has been consumed. */
		cs->got += *upload_size;
		if (!cs->too_big && cs->got > cs->limit) {
			cs->too_big = 1;
			uploads_discard(cs);
		}
		if (cs->too_big) {
			/* dropped */
		} else if (cs->r.multipart) {
			if (cs->mp && multipart_feed(cs->mp, upload_data, *upload_size) != WS_OK) {
				cs->r.multipart_rc = multipart_finish(cs->mp);
				uploads_discard(cs);	/* the request fails: nothing to keep */
			}
		} else if (buf_add(&cs->r.body, upload_data, *upload_size) != WS_OK) {
			cs->too_big = 1;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (cs->too_big)
		return send_short(c, s->cfg, cs->r.id, 413, cs->r.api);
	if (cs->mp) {
		cs->r.multipart_rc = cs->got ? multipart_finish(cs->mp) : WS_OK;
		multipart_free(cs->mp);
		cs->mp = NULL;
	}
	ret = respond(c, &cs->r);
	return ret;
}

static void
on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct server *s = cls;
	struct cstate *cs = *con_cls;
	const union MHD_ConnectionInfo *sc =
	    MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	/* a kept-alive connection has the deadline again for its next header */
	deadline_wait_next(s->dl, sc ? sc->socket_context : NULL);
	if (!cs)
		return;
	if (cs->job) {		/* an answer left unsent when the client went away */
		if (cs->job->answer)
			MHD_destroy_response(cs->job->answer);
		free(cs->job);
	}
	if (cs->counted)
		count_give(s, &cs->client);
	if (cs->mp || cs->nwritten)	/* what no handler claimed, or a body cut short */
		uploads_discard(cs);
	if (cs->r.db)
		db_release(s->site.pool, cs->r.db);
	buf_free(&cs->r.body);
	json_decref(cs->r.in);
	json_decref(cs->r.query);
	arena_free(cs->r.a);
	free(cs);
	*con_cls = NULL;
	log_set_request_id(NULL);
}

static void
on_panic(void *cls, const char *file, unsigned int line, const char *reason)
{
	fatal("libmicrohttpd: %s:%u %s", file, line, reason ? reason : "");
}

struct server *
server_start(const struct http_site *site)
{
	struct server *s = xcalloc(1, sizeof *s);
	struct sockaddr_in sa;
	const union MHD_DaemonInfo *di;
	char host[64];
	const char *colon = strrchr(site->cfg->listen, ':');
	int64_t port;

	if (!colon || (size_t)(colon - site->cfg->listen) >= sizeof host ||
	    parse_int(colon + 1, 0, 65535, &port) != WS_OK) {
		log_error("--listen wants ADDR:PORT, got %s", site->cfg->listen);
		free(s);
		return NULL;
	}
	snprintf(host, sizeof host, "%.*s", (int)(colon - site->cfg->listen), site->cfg->listen);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, strcmp(host, "localhost") == 0 ? "127.0.0.1" : host,
	    &sa.sin_addr) != 1) {
		log_error("--listen: %s is not an IPv4 address", host);
		free(s);
		return NULL;
	}
	s->site = *site;
	s->cfg = site->cfg;
	pthread_mutex_init(&s->mu, NULL);
	MHD_set_panic_func(on_panic, NULL);
	if (!(s->dl = deadlines_start(site->cfg->header_timeout))) {
		pthread_mutex_destroy(&s->mu);
		free(s);
		return NULL;
	}
	if (!(s->slow = slowpool_start(site->cfg->hash_slots, SLOW_WAIT))) {
		deadlines_stop(s->dl);
		pthread_mutex_destroy(&s->mu);
		free(s);
		return NULL;
	}
	s->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
	    MHD_USE_TURBO | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG, 0,
	    on_accept, s, on_request, s,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)site->cfg->threads,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)1024,
	    MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)site->cfg->conn_timeout,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(32 * 1024),	/* caps request headers */
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
	    MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024,
	    MHD_OPTION_END);
	if (!s->d) {
		log_error("cannot listen on %s", site->cfg->listen);
		slowpool_free(s->slow);
		deadlines_stop(s->dl);
		pthread_mutex_destroy(&s->mu);
		free(s);
		return NULL;
	}
	di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : (int)port;
	return s;
}

int
server_port(const struct server *s)
{
	return s->port;
}

void
server_stop(struct server *s)
{
	if (!s)
		return;
	/* every job ends (queued ones with a 503) and resumes its connection:
	 * libmicrohttpd must not be stopped with a connection suspended */
	slowpool_stop(s->slow);
	MHD_stop_daemon(s->d);
	slowpool_free(s->slow);
	deadlines_stop(s->dl);
	pthread_mutex_destroy(&s->mu);
	free(s->counts);
	free(s);
}
