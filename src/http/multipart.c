/*
 * multipart.c -- multipart/form-data (RFC 7578) from a buffered body.
 *
 * Text parts become fields of r->in like a urlencoded form; file parts are
 * kept as slices of the body (no copy) in r->files.  Limits: 64 parts, part
 * headers of 1 KiB, field names of 100 bytes; the body's own ceiling is the
 * upload limit checked before it was read.
 */
#include <string.h>
#include <strings.h>

#include "core/util.h"
#include "http/http_int.h"

#define MAX_PARTS 64
#define MAX_HEADER 1024
#define MAX_NAME 100

/* Finds needle in hay[0..n). */
static const char *
find(const char *hay, size_t n, const char *needle, size_t nlen)
{
	const char *end = hay + n;

	while ((size_t)(end - hay) >= nlen) {
		const char *p = memchr(hay, needle[0], (size_t)(end - hay) - nlen + 1);

		if (!p)
			return NULL;
		if (memcmp(p, needle, nlen) == 0)
			return p;
		hay = p + 1;
	}
	return NULL;
}

/* The value of parameter key ("name", "filename") in a header line, quoted
 * or not, copied into a; NULL when absent. */
static char *
header_param(struct arena *a, const char *line, size_t len, const char *key)
{
	size_t klen = strlen(key), i;

	for (i = 0; i + klen + 1 < len; i++) {
		const char *p = line + i, *v, *end;

		if ((i > 0 && line[i - 1] != ';' && line[i - 1] != ' ') ||
		    strncasecmp(p, key, klen) != 0 || p[klen] != '=')
			continue;
		v = p + klen + 1;
		if (*v == '"') {
			v++;
			end = memchr(v, '"', (size_t)(line + len - v));
			if (!end)
				return NULL;
		} else {
			end = v;
			while (end < line + len && *end != ';' && *end != ' ')
				end++;
		}
		return arena_strndup(a, v, (size_t)(end - v));
	}
	return NULL;
}

/* Reads the boundary from the Content-Type into out (size 75). */
static int
boundary_of(const char *ct, char *out, size_t outlen)
{
	const char *b = strcasestr(ct, "boundary=");
	size_t n;

	if (!b)
		return 0;
	b += 9;
	if (*b == '"') {
		b++;
		n = strcspn(b, "\"");
	} else {
		n = strcspn(b, "; ");
	}
	if (n == 0 || n > 70 || n + 4 >= outlen)
		return 0;
	out[0] = '-';
	out[1] = '-';
	memcpy(out + 2, b, n);
	out[n + 2] = '\0';
	return 1;
}

static void
add_field(json_t *obj, const char *k, const char *v, size_t vl)
{
	json_t *old = json_object_get(obj, k);

	if (json_is_array(old)) {
		json_array_append_new(old, json_stringn(v, vl));
	} else if (old) {
		json_t *arr = json_array();

		json_array_append(arr, old);
		json_array_append_new(arr, json_stringn(v, vl));
		json_object_set_new(obj, k, arr);
	} else {
		json_object_set_new(obj, k, json_stringn(v, vl));
	}
}

enum ws_err
multipart_parse(struct req *r, const char *ctype)
{
	char delim[80];
	const char *body = r->body.data, *p, *end;
	size_t dlen, n = r->body.len;
	int parts = 0;

	if (!body || !boundary_of(ctype, delim, sizeof delim))
		return WS_EINVAL;
	dlen = strlen(delim);
	end = body + n;
	/* The first delimiter may follow a preamble. */
	if (!(p = find(body, n, delim, dlen)))
		return WS_EINVAL;
	p += dlen;
	for (;;) {
		const char *hend, *next, *h, *data;
		char *name = NULL, *filename = NULL, *type = NULL;
		size_t dl;

		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return WS_OK;	/* the closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return WS_EINVAL;
		p += 2;
		if (++parts > MAX_PARTS)
			return WS_ETOOBIG;
		hend = find(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (!hend || hend - p > MAX_HEADER)
			return WS_EINVAL;
		for (h = p; h < hend;) {
			const char *eol = find(h, (size_t)(hend - h + 2), "\r\n", 2);
			size_t len = eol ? (size_t)(eol - h) : (size_t)(hend - h);

			if (len > 20 && strncasecmp(h, "Content-Disposition:", 20) == 0) {
				name = header_param(r->a, h + 20, len - 20, "name");
				filename = header_param(r->a, h + 20, len - 20, "filename");
			} else if (len > 13 && strncasecmp(h, "Content-Type:", 13) == 0) {
				const char *v = h + 13;

				while (*v == ' ')
					v++;
				type = arena_strndup(r->a, v, (size_t)(h + len - v));
			}
			h += len + 2;
		}
		data = hend + 4;
		next = find(data, (size_t)(end - data), delim, dlen);
		if (!next || next - data < 2 || next[-2] != '\r' || next[-1] != '\n')
			return WS_EINVAL;
		dl = (size_t)(next - 2 - data);
		if (!name || !*name || strlen(name) > MAX_NAME ||
		    !utf8_valid_text(name, strlen(name), 0))
			return WS_EINVAL;
		if (filename) {
			struct upload *u;

			if (r->nfiles >= REQ_MAX_FILES)
				return WS_ETOOBIG;
			if (!utf8_valid_text(filename, strlen(filename), 0))
				filename = arena_strdup(r->a, "file");
			u = &r->files[r->nfiles++];
			u->field = name;
			u->filename = filename;
			u->type = type ? type : "application/octet-stream";
			u->data = data;
			u->len = dl;
		} else {
			if (!utf8_valid_text(data, dl, 1))
				return WS_EINVAL;
			add_field(r->in, name, data, dl);
		}
		p = next + dlen;
	}
}
