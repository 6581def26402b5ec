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
/* Decodes the multipart/form-data body of r (ctype is its Content-Type):
 * text parts into r->in, files into r->files.  WS_EINVAL when malformed,
 * WS_ETOOBIG over the part limits. */
enum ws_err multipart_parse(struct req *r, const char *ctype) WS_WUR;
/* The query string of r as a JSON object of strings (a repeated name
 * becomes an array; a name without a value, ""). New reference. */
json_t *query_object(struct req *r);
/* True when r is multipart/form-data (uploads get a larger ceiling). */
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
