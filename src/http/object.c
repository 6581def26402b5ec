/*
 * object.c -- downloads: an object a handler describes (http.h, struct
 * http_object) streamed with MHD_create_response_from_callback.
 *
 * http_send_object() decides the answer while the handler runs, from the
 * request's If-None-Match, Range and If-Range headers, and leaves it in
 * w->obj; answer() (server.c) asks object_response() for the MHD response
 * and adds the headers every answer carries.  The body is read piece by
 * piece as libmicrohttpd wants it: one piece of at most HTTP_PIECE bytes,
 * aligned to multiples of HTTP_PIECE (so a piece is one chunk of a file
 * in src/files), is held at a time.
 *
 * Lifetimes: libmicrohttpd calls the reader only while it sends the body,
 * which ends before on_completed (server.c) gives back the request's
 * database connection and frees its arena; what the reader needs from the
 * request it uses only then.  The stream itself (struct stream) is
 * malloc'd, since libmicrohttpd frees the response, and with it the
 * stream, after on_completed.
 */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/log.h"
#include "core/mem.h"
#include "http/http.h"
#include "http/http_int.h"

/* What http_send_object decided, kept in the request's arena. */
struct obj_send {
	struct http_object o;
	int64_t from, len;	/* the bytes of the body: [from, from + len) */
	const char *range;	/* Content-Range, or NULL */
	const char *disp;	/* Content-Disposition, or NULL */
	char mtime[40];		/* Last-Modified, or "" */
	int status;
};

/* A body being sent; freed by libmicrohttpd (stream_free). */
struct stream {
	enum ws_err (*read)(void *arg, int64_t off, size_t len, void *dst);
	void *arg;
	int64_t from, len;
	unsigned char *piece;	/* HTTP_PIECE bytes, allocated at the first read */
	int64_t at;		/* the object's offset of piece[0] */
	size_t have;		/* bytes in piece (0: none) */
	char rid[17];		/* the request id, for the log */
};

/* ---- Range ----------------------------------------------------------- */

/* Reads a decimal number at *s (at most 18 digits); -1 when none. */
static int64_t
number(const char **s)
{
	int64_t n = 0;
	int digits = 0;

	while (**s >= '0' && **s <= '9') {
		if (++digits > 18)
			return -1;
		n = n * 10 + (**s - '0');
		(*s)++;
	}
	return digits ? n : -1;
}

static const char *
skip_ws(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

int
http_range_parse(const char *h, int64_t size, int64_t *from, int64_t *to)
{
	const char *s;
	int64_t a = -1, b = -1;

	if (!h)
		return 0;
	s = skip_ws(h);
	if (strncasecmp(s, "bytes", 5) != 0)
		return 0;
	s = skip_ws(s + 5);
	if (*s++ != '=')
		return 0;
	s = skip_ws(s);
	if (*s != '-' && (a = number(&s)) < 0)
		return 0;
	s = skip_ws(s);
	if (*s++ != '-')
		return 0;
	s = skip_ws(s);
	if (*s >= '0' && *s <= '9' && (b = number(&s)) < 0)
		return 0;
	s = skip_ws(s);
	if (*s != '\0')
		return 0;	/* several ranges (","), or junk: the whole object */
	if (a < 0 && b < 0)
		return 0;	/* "bytes=-" */
	if (a < 0) {		/* the last b bytes */
		if (b == 0 || size == 0)
			return -1;
		*from = b >= size ? 0 : size - b;
		*to = size - 1;
		return 1;
	}
	if (b >= 0 && b < a)
		return 0;	/* malformed: ignored, as RFC 9110 says */
	if (a >= size)
		return -1;
	*from = a;
	*to = b < 0 || b >= size ? size - 1 : b;
	return 1;
}

/* ---- Content-Disposition --------------------------------------------- */

const char *
http_disposition(struct arena *a, const char *name, int attachment)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	size_t n = name ? strlen(name) : 0, k = 0, e = 0;
	char *ascii = arena_alloc(a, n + 9), *enc = arena_alloc(a, 3 * n + 1);

	for (p = (const unsigned char *)(name ? name : ""); *p; p++) {
		/* attr-char of RFC 8187, as is; every other byte %XX */
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("!#$&+-.^_`|~", *p)) {
			enc[e++] = (char)*p;
		} else {
			enc[e++] = '%';
			enc[e++] = hex[*p >> 4];
			enc[e++] = hex[*p & 15];
		}
		/* the fallback: printable ASCII but for " \ % / (some browsers
		 * decode %XX in it); a UTF-8 character becomes one _ */
		if (*p >= 0x80 && *p < 0xc0)
			continue;	/* a continuation byte */
		ascii[k++] = *p < 0x20 || *p >= 0x7f || strchr("\"\\%/", *p) ? '_' : (char)*p;
	}
	enc[e] = '\0';
	ascii[k] = '\0';
	if (k == 0)
		snprintf(ascii, n + 9, "download");
	if (e == 0)
		return arena_printf(a, "%s; filename=\"%s\"", attachment ? "attachment" : "inline",
		    ascii);
	return arena_printf(a, "%s; filename=\"%s\"; filename*=UTF-8''%s",
	    attachment ? "attachment" : "inline", ascii, enc);
}

/* ---- deciding the answer --------------------------------------------- */

/* True when the If-None-Match list h holds etag ("*" holds any; weak
 * comparison, so W/"x" matches "x"). */
static int
etag_listed(const char *h, const char *etag)
{
	size_t n = strlen(etag);
	const char *s = h;

	while (*s) {
		const char *end;

		s = skip_ws(s);
		if (*s == '*')
			return 1;
		if (strncmp(s, "W/", 2) == 0)
			s += 2;
		end = s + strcspn(s, ",");
		while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if ((size_t)(end - s) == n && strncmp(s, etag, n) == 0)
			return 1;
		s += strcspn(s, ",");
		if (*s == ',')
			s++;
	}
	return 0;
}

enum ws_err
http_send_object(struct req *r, struct resp *w, const struct http_object *o)
{
	struct obj_send *x = arena_alloc(r->a, sizeof *x);
	const char *inm = req_header(r, "If-None-Match");
	const char *range = req_header(r, "Range");
	const char *ifr = req_header(r, "If-Range");
	int64_t from = 0, to = o->size - 1;
	int rc = 0;

	memset(x, 0, sizeof *x);
	x->o = *o;
	x->from = 0;
	x->len = o->size;
	x->status = 200;
	if (o->filename)
		x->disp = http_disposition(r->a, o->filename, o->attachment);
	if (o->mtime > 0) {
		time_t t = (time_t)o->mtime;
		struct tm tm;

		if (gmtime_r(&t, &tm))
			strftime(x->mtime, sizeof x->mtime, "%a, %d %b %Y %H:%M:%S GMT", &tm);
	}
	if (o->cache)
		resp_header(w, "Cache-Control", o->cache);
	if (o->etag && inm && etag_listed(inm, o->etag)) {
		x->status = 304;
		x->len = 0;
	} else if (range && (r->method == HM_GET || r->method == HM_HEAD) &&
	    (!ifr || (o->etag && strcmp(ifr, o->etag) == 0)) &&
	    (rc = http_range_parse(range, o->size, &from, &to)) != 0) {
		if (rc < 0) {
			x->status = 416;
			x->len = 0;
			x->range = arena_printf(r->a, "bytes */%lld", (long long)o->size);
		} else {
			x->status = 206;
			x->from = from;
			x->len = to - from + 1;
			x->range = arena_printf(r->a, "bytes %lld-%lld/%lld", (long long)from,
			    (long long)to, (long long)o->size);
		}
	}
	w->status = x->status;
	w->obj = x;
	return WS_OK;
}

/* ---- streaming ------------------------------------------------------- */

static ssize_t
stream_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct stream *s = cls;
	int64_t off = s->from + (int64_t)pos, end = s->from + s->len;
	size_t k;

	if ((int64_t)pos >= s->len)
		return MHD_CONTENT_READER_END_OF_STREAM;
	if (s->have == 0 || off < s->at || off >= s->at + (int64_t)s->have) {
		int64_t stop = (off / HTTP_PIECE + 1) * HTTP_PIECE;
		enum ws_err rc;

		if (stop > end)
			stop = end;
		if (!s->piece)
			s->piece = xmalloc(HTTP_PIECE);
		s->have = 0;
		if ((rc = s->read(s->arg, off, (size_t)(stop - off), s->piece)) != WS_OK) {
			log_error("download [%s]: reading bytes %lld-%lld failed: %s", s->rid,
			    (long long)off, (long long)stop - 1, ws_strerror(rc));
			return MHD_CONTENT_READER_END_WITH_ERROR;
		}
		s->at = off;
		s->have = (size_t)(stop - off);
	}
	k = (size_t)(s->at + (int64_t)s->have - off);
	if (k > max)
		k = max;
	memcpy(out, s->piece + (off - s->at), k);
	return (ssize_t)k;
}

static void
stream_free(void *cls)
{
	struct stream *s = cls;

	free(s->piece);
	free(s);
}

struct MHD_Response *
object_response(struct req *r, struct resp *w)
{
	const struct obj_send *x = w->obj;
	struct MHD_Response *resp;

	if (x->len > 0) {
		struct stream *s = xcalloc(1, sizeof *s);

		s->read = x->o.read;
		s->arg = x->o.arg;
		s->from = x->from;
		s->len = x->len;
		snprintf(s->rid, sizeof s->rid, "%s", r->id);
		resp = MHD_create_response_from_callback((uint64_t)x->len, 32 * 1024, stream_read,
		    s, stream_free);
		if (!resp) {
			stream_free(s);
			return NULL;
		}
	} else {
		resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
		if (!resp)
			return NULL;
	}
	if (x->status != 416)
		MHD_add_response_header(resp, "Content-Type", x->o.type ? x->o.type :
		    "application/octet-stream");
	MHD_add_response_header(resp, "Accept-Ranges", "bytes");
	if (x->o.etag)
		MHD_add_response_header(resp, "ETag", x->o.etag);
	if (x->mtime[0])
		MHD_add_response_header(resp, "Last-Modified", x->mtime);
	if (x->range)
		MHD_add_response_header(resp, "Content-Range", x->range);
	if (x->disp && x->status != 416)
		MHD_add_response_header(resp, "Content-Disposition", x->disp);
	return resp;
}
