/*
 * http.h -- what a handler sees: the request, the response it fills, the
 * route table row that sent the request to it.
 *
 * A handler produces a value (a jansson object) and, for pages, names the
 * template that shows it.  The server then writes either the HTML page or,
 * for paths under /api/v1, the same value as JSON: the UI and the API cannot
 * drift apart.  A handler that fails returns an enum ws_err and may set
 * resp.detail; the status comes from http_status_for() and the body is an
 * error page or application/problem+json.
 */
#ifndef WS_HTTP_H
#define WS_HTTP_H

#include <jansson.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"

struct app;
struct config;
struct crypto_auth_hmacsha256_state;
struct db;
struct db_pool;
struct field;
struct obj_send;
struct http_site;
struct ratelimit;
struct views;

enum http_method { HM_GET, HM_HEAD, HM_POST, HM_PUT, HM_PATCH, HM_DELETE, HM__MAX };

enum role { ROLE_ANON, ROLE_APPLICANT, ROLE_MEMBER, ROLE_FOCAL, ROLE_STAFF, ROLE_ADMIN, ROLE__MAX };
#define R_ANON   (1u << ROLE_ANON)
#define R_APPL   (1u << ROLE_APPLICANT)	/* signed up, organization not yet approved */
#define R_MEMBER (1u << ROLE_MEMBER)
#define R_FOCAL  (1u << ROLE_FOCAL)
#define R_STAFF  (1u << ROLE_STAFF)
#define R_ADMIN  (1u << ROLE_ADMIN)
#define R_USER   (R_APPL | R_MEMBER | R_FOCAL | R_STAFF | R_ADMIN)	/* signed in */
#define R_MEMBERS (R_MEMBER | R_FOCAL | R_STAFF | R_ADMIN)	/* members' space */
#define R_ALL    (R_ANON | R_USER)
#define R_STAFFS (R_STAFF | R_ADMIN)

/* CSRF_KEEP: as CHECK, but a stale token does not lose a long form: the
 * handler is called with req.csrf_stale set and must only show the form
 * again, with what was typed and a fresh token. */
enum csrf_rule { CSRF_NONE, CSRF_CHECK, CSRF_KEEP };

/* Rate-limit classes a route can belong to (http/ratelimit.h). */
enum rl_class { RL_NONE, RL_SIGNIN, RL_SIGNUP, RL_MAIL, RL_LOOKUP, RL__MAX };

/* Route flags. */
#define RF_TWIN  0x1	/* GET page whose value is also served at /api/v1<path> */
#define RF_API   0x2	/* API-only route: JSON in, JSON out */
#define RF_OWNER 0x4	/* the handler also checks the record: 403/404 for others */
#define RF_SLOW  0x8	/* the handler may hash a password (Argon2id, up to 0.5 s, or
			 * 5 s waiting for a slot): it runs off the request thread,
			 * which serves other connections meanwhile (server.c) */

struct user {
	int64_t id;
	const char *email;
	const char *name;
	const char *password_hash;
	enum role role;
	const char *status;	/* active | disabled */
	const char *locale;	/* NULL: from the browser */
	const char *tz;
	int64_t verified_at;	/* 0: not verified */
	int64_t locked_at;	/* 0: not locked */
	int64_t fail_window_start;
	int64_t fail_count;
	int64_t org_id;
	int64_t created_at;
	const char *country;	/* a state focal point's country */
};

/* Which kind of upload a route takes (its column in the route table), and
 * so its body's ceiling: the kind's limit from the command line
 * (--logo-max, --import-max, --resource-max) plus the form limit for its
 * text fields.  Routes that take none keep the form limit, and drop any
 * file part they are sent. */
enum upload_kind { UPLOAD_NONE, UPLOAD_LOGO, UPLOAD_IMPORT, UPLOAD_RESOURCE, UPLOAD__MAX };

#define UPLOAD_HEAD 4096	/* first bytes of an upload kept for sniffing */

/*
 * A file sent in a multipart form, streamed into the file store as it
 * arrived (src/files, kind "upload": docs/internals/files.md).  A handler
 * that keeps it claims it (file_claim) in its transaction; the server
 * deletes it at the end of the request otherwise.  An empty file input (no
 * bytes) has size 0 and no file.
 */
/* Why an upload's filename is not the one sent (struct upload). */
enum upload_name {
	UPLOAD_NAME_SENT,	/* it is as sent */
	UPLOAD_NAME_CONTROL,	/* the name sent had control characters: "file" */
	UPLOAD_NAME_NOT_UTF8,	/* the name sent was not UTF-8: "file" */
};

struct upload {
	const char *field;	/* the form field's name */
	const char *filename;	/* as the browser sent it (see name); never a path to trust */
	enum upload_name name;	/* why filename is "file", for a route that refuses such names */
	const char *type;	/* as the browser claimed it; sniff before use */
	int64_t id;		/* the file, 0: none (empty, too big or not stored) */
	int64_t size;		/* bytes sent, counted on past the limit */
	int too_big;		/* over the route's kind's limit: not stored */
	char sha256[65];	/* hex, of a stored file */
	const unsigned char *head;	/* the first head_len bytes (in the arena) */
	size_t head_len;	/* up to UPLOAD_HEAD */
};

#define REQ_MAX_FILES 8

struct req {
	struct arena *a;	/* freed when the request ends */
	const struct http_site *site;	/* what the server was started with */
	struct app *app;	/* site->app: for handlers; http never looks inside */
	void *conn;		/* struct MHD_Connection */
	enum http_method method;
	const char *path;
	int api;		/* under /api/v1: JSON answers */
	char id[17];		/* request id, in logs and error pages */
	char ip[48];
	struct buf body;
	json_t *in;		/* form fields or JSON object body (owned) */
	int json_body;		/* in came from application/json */
	const char *params[4];	/* {captures} of the route pattern */
	json_t *query;		/* the route's declared query parameters, checked (owned) */
	struct user *user;	/* NULL: anonymous */
	char session_hash[65];	/* "" without a session */
	int bearer;		/* authenticated by Authorization: Bearer */
	const char *locale;	/* "en", "fr" */
	const char *csrf;	/* token to embed in forms */
	char *anon_csrf_set;	/* a new anonymous CSRF cookie value to set */
	int csrf_stale;		/* CSRF_KEEP route with a stale token: show, don't act */
	struct db *db;		/* borrowed from the pool on first use */
	struct upload files[REQ_MAX_FILES];
	int nfiles;
	int multipart;		/* the body was multipart, parsed as it arrived */
	enum ws_err multipart_rc;	/* and how that went */
};

#define RESP_MAX_HEADERS 8

struct resp {
	int status;		/* 0: 200 */
	const char *tpl;	/* template for HTML pages */
	const char *content;	/* tpl already rendered (view_content), or NULL */
	const char *title;	/* page title (English source; translated) */
	json_t *val;		/* the handler value (owned) */
	const char *redirect;	/* 303 See Other to this path */
	const char *detail;	/* error detail for problem+json and error pages */
	json_t *errors;		/* field -> message, for 422 (owned) */
	struct buf raw;		/* a raw body (CSV, ICS, static files) */
	const char *ctype;	/* its Content-Type */
	const char *headers[RESP_MAX_HEADERS][2];
	int nheaders;
	const char *cookies[4];	/* Set-Cookie values */
	int ncookies;
	int retry_after;	/* seconds, for 429 and 503 */
	int busy;		/* tpl is a form shown again, unacted on: the server was busy (503) */
	struct obj_send *obj;	/* a streamed body (http_send_object), or NULL */
};

typedef enum ws_err (*http_handler)(struct req *r, struct resp *w);

struct route {
	enum http_method method;
	const char *pattern;	/* "/users/{id}": {x} captures one segment */
	http_handler fn;
	unsigned roles;		/* R_* mask allowed */
	enum csrf_rule csrf;
	enum rl_class rl;
	unsigned flags;		/* RF_* */
	/* Its query parameters (form.h: type, range, allowed values), ended by
	 * a NULL name, or NULL.  They are checked before the handler runs: one
	 * that fails ends the request with a 422 naming it; the handler reads
	 * the checked values with req_qint() and req_qstr(). */
	const struct field *query;
	enum upload_kind upload;	/* files it takes (multipart bodies) */
};

/*
 * What the server is handed when it starts (server_start): the routes, the
 * settings and services a request needs, and the hooks through which it asks
 * the application what only the application knows.  http never includes
 * src/app: the application fills this in (app_http_site).
 */
struct http_site {
	const struct route *routes;	/* ended by a NULL fn */
	const struct config *cfg;	/* listen, limits, timeouts, https, proxies, site name */
	struct db_pool *pool;		/* lends req_db() its connection */
	struct views *views;		/* templates and catalogues of pages */
	struct ratelimit *rl;		/* the routes' rate-limit classes */
	const struct crypto_auth_hmacsha256_state *csrf_mac;	/* keyed with the site key */
	struct app *app;		/* given to handlers as req.app */
	/* Who is asking: from the session cookie or a bearer token, fills
	 * r->user, r->session_hash and r->bearer (and may clear a stale
	 * cookie on w).  An error ends the request (503). */
	enum ws_err (*identify)(struct req *r, struct resp *w);
	/* Test builds only (-DWHATSON_TEST_HOOKS), else NULL: answers the
	 * tests' set-up paths the application serves (/_test/...) before any
	 * route is matched; 1 when it answered r, 0 when r is not one. */
	int (*test_hook)(struct req *r, struct resp *w);
	/* Adds what the application shows of a signed-in caller in every
	 * page's header (the unread messages) to me, the layout's "me"; or
	 * NULL.  It must not fail the page. */
	void (*page_me)(struct req *r, json_t *me);
};

/* The HTTP status an error deserves; the one place errors become statuses. */
int http_status_for(enum ws_err e);

/* The uploaded file of field name in r, or NULL (none, or an empty file
 * input). */
const struct upload *req_upload(struct req *r, const char *name);
/* The limit of an upload of kind under cfg, in bytes (0 for UPLOAD_NONE). */
size_t http_upload_max(const struct config *cfg, enum upload_kind kind);
/* True on a libmicrohttpd request thread, where nothing may wait long (a
 * password hash belongs on the slow pool: flag its route RF_SLOW); false on
 * the slow pool's threads and outside the server. */
int http_on_request_thread(void);

/* The connection for r, borrowed on first use and given back when r ends. */
struct db *req_db(struct req *r);
/* A request header, or NULL. */
const char *req_header(struct req *r, const char *name);
/* A query-string argument, or NULL. */
const char *req_query(struct req *r, const char *name);
/* Every non-empty value of a repeated query-string argument, in order, at
 * most max of them, into out (copies in r's arena); returns how many. */
size_t req_query_all(struct req *r, const char *name, const char **out, size_t max);
/* A cookie, or NULL. */
const char *req_cookie(struct req *r, const char *name);
/* A body field as a string (form or JSON), or NULL. */
const char *req_field(struct req *r, const char *name);

/* Adds a response header (name and value must outlive the request). */
void resp_header(struct resp *w, const char *name, const char *value);
/* Sets a cookie: name=value with the site's attributes; max_age < 0 deletes. */
void resp_cookie(struct req *r, struct resp *w, const char *name, const char *value,
    int max_age);
/* The cookie name for the session (__Host- prefixed under https). */
const char *http_session_cookie(const struct req *r);
/* The CSRF token for forms of r's caller (made on first use; for a visitor
 * it also sets the visitor cookie). */
const char *csrf_token(struct req *r);
/* Redirect after a POST (303). */
void resp_redirect(struct resp *w, const char *path);
/* Sets val (taking ownership), replacing any earlier one. */
void resp_value(struct resp *w, json_t *val);

/*
 * Downloads (object.c): a handler describes an object -- its size, type,
 * ETag, name -- and how to read it, and the server streams it in pieces
 * of at most HTTP_PIECE bytes, never holding it whole.  It answers
 * If-None-Match (304), one Range (206, or 416 with a Content-Range that
 * names the size; several ranges get the whole object, 200), If-Range (a range
 * only while the ETag still matches), HEAD (headers only), and sends
 * Accept-Ranges and Content-Disposition with a safe name (RFC 6266).
 */
#define HTTP_PIECE (256 * 1024)

struct http_object {
	int64_t size;
	const char *type;	/* its media type */
	const char *etag;	/* a strong ETag, quoted ("\"abc\""), or NULL */
	int64_t mtime;		/* Last-Modified, Unix seconds; 0: none */
	const char *filename;	/* UTF-8 name for Content-Disposition, or NULL: none */
	int attachment;		/* attachment (download), else inline */
	const char *cache;	/* Cache-Control, or NULL: the server's default */
	/*
	 * Copies bytes [off, off + len) of the object into dst (len at most
	 * HTTP_PIECE; a piece never crosses a multiple of HTTP_PIECE).  Called
	 * while the response is sent, on the request's thread and only while
	 * the request lives, so it may use req_db(r): the connection is the
	 * request's until it ends.  An error ends the stream (the client sees
	 * a short body).
	 */
	enum ws_err (*read)(void *arg, int64_t off, size_t len, void *dst);
	void *arg;		/* for read; must live as long as the request */
};

/* Answers r with object o (copied; strings must outlive the request):
 * sets w's status (200, 206, 304 or 416) and headers.  WS_OK; the body is
 * sent by the server after the handler returns. */
enum ws_err http_send_object(struct req *r, struct resp *w, const struct http_object *o) WS_WUR;

/* The Range header h of an object of size bytes: 1 and the byte range
 * [*from, *to] to send; 0 when it is absent, malformed, not in bytes or
 * asks for several ranges (send the whole object); -1 when no byte of it
 * exists (416). */
int http_range_parse(const char *h, int64_t size, int64_t *from, int64_t *to);
/* The Content-Disposition value for a download named name ("attachment"
 * or "inline"): an ASCII filename="..." with quotes, backslashes, control
 * and non-ASCII characters replaced, and filename*=UTF-8''<percent-encoded>
 * (RFC 6266, RFC 8187), in a's memory. */
const char *http_disposition(struct arena *a, const char *name, int attachment);

/* Pages (page.c).  http_page renders w->tpl with w->val inside the layout
 * into out.  http_page_content renders only w's template with w's value, as
 * http_page would, without the layout: a page's content to keep (the layout
 * holds per-person parts, the CSRF token); set w->content to it to have
 * http_page use it.  http_error_page renders an error page (HTML) or
 * problem+json (API) for status into out and returns the Content-Type. */
enum ws_err http_page(struct req *r, struct resp *w, struct buf *out) WS_WUR;
enum ws_err http_page_content(struct req *r, struct resp *w, struct buf *out) WS_WUR;
const char *http_error_page(struct req *r, struct resp *w, int status, const char *title,
    struct buf *out);
/* The reader's language: account, ?lang= / cookie, Accept-Language. */
const char *http_locale(struct req *r);

/* The role's name ("anon", "member", ...) and back; -1 when unknown. */
const char *role_name(enum role r);
int role_parse(const char *s);

#endif
