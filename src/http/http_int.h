/*
 * http_int.h -- pieces of the HTTP layer shared between its files.
 */
#ifndef WS_HTTP_INT_H
#define WS_HTTP_INT_H

#include "http/http.h"

/* Finds the row for r's method and path (a GET page flagged RF_TWIN also
 * under /api/v1), filling r->params.  NULL when none; *other_method is then
 * the mask (1 << method) of the methods the path accepts (405), or 0 when
 * no route has the path (404). */
const struct route *router_match(const struct route *table, struct req *r, int *other_method);

/* Decodes r->body into r->in: urlencoded forms or a JSON object.  WS_EINVAL
 * for a malformed body, WS_EIO for an unsupported Content-Type. */
enum ws_err input_decode(struct req *r) WS_WUR;
/* Parses application/x-www-form-urlencoded s[0..n) into obj (strings; a
 * repeated name becomes an array).  WS_EINVAL on bad escapes or bad UTF-8. */
enum ws_err form_parse(const char *s, size_t n, json_t *obj) WS_WUR;
/*
 * multipart/form-data parsed as the body arrives (multipart.c).  The sink
 * stores file parts: begin is called at a file's first byte (*file is what
 * write, end and abort are then given), end when it is whole (it sets
 * u->id), abort when it is given up (too big, or the body failed).
 */
struct mp_sink {
	enum ws_err (*begin)(void *arg, struct upload *u, void **file);
	enum ws_err (*write)(void *file, const void *p, size_t n);
	enum ws_err (*end)(void *file, struct upload *u);
	void (*abort)(void *file);
	void *arg;
};
struct multipart;
/* A parser for a body of Content-Type ctype into r (text parts into r->in,
 * which must be an object; files into r->files): text values of text_max
 * bytes in all, each file stored up to file_max bytes (0: no limit), file
 * parts to sink or, when sink is NULL, dropped.  NULL when ctype names no
 * usable boundary.  Free with multipart_free. */
struct multipart *multipart_new(struct req *r, const char *ctype, size_t text_max,
    size_t file_max, const struct mp_sink *sink);
/* Feeds the next n bytes of the body.  WS_EINVAL when malformed,
 * WS_ETOOBIG over the part limits, or the sink's error; the first error
 * sticks and later bytes are ignored. */
enum ws_err multipart_feed(struct multipart *m, const char *p, size_t n) WS_WUR;
/* The body ended: WS_EINVAL when it had no closing delimiter, or the
 * first error. */
enum ws_err multipart_finish(struct multipart *m) WS_WUR;
/* Frees m, aborting a file it was storing. */
void multipart_free(struct multipart *m);
/* The query string of r as a JSON object of strings (a repeated name
 * becomes an array; a name without a value, ""). New reference. */
json_t *query_object(struct req *r);
/* True when r is multipart/form-data (parsed as it arrives). */
int req_is_upload(struct req *r);

/* True when r carries a valid CSRF token (form field "csrf"), or is an
 * API request authenticated by a bearer token or sent as JSON. */
int csrf_ok(struct req *r);

/* The libmicrohttpd response of the download http_send_object() left in
 * w->obj: its body streamed from the object's reader, with its own
 * headers (respond() adds the common ones).  NULL when out of memory. */
struct MHD_Response;
struct MHD_Response *object_response(struct req *r, struct resp *w);

/* Test builds (-DWHATSON_TEST_HOOKS): answers POST /_test/clock?advance=S from
 * loopback by moving now_s() forward, and returns 1; otherwise 0. */
int http_test_clock(struct req *r, struct resp *w);

#endif
