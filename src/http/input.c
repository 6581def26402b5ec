/*
 * input.c -- request bodies into a jansson object: urlencoded forms and JSON.
 *
 * Multipart bodies are decoded as they arrive (multipart.c, server.c).  Values must be valid UTF-8
 * without NUL.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "core/mem.h"
#include "core/util.h"
#include "http/http_int.h"

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decodes %XX and '+' from s[0..n) into a new string; NULL on bad input. */
static char *
url_decode(const char *s, size_t n, size_t *outlen)
{
	char *o = xmalloc(n + 1);
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '+') {
			o[k++] = ' ';
		} else if (s[i] == '%') {
			int h, l;

			if (i + 2 >= n || (h = hexval((unsigned char)s[i + 1])) < 0 ||
			    (l = hexval((unsigned char)s[i + 2])) < 0) {
				free(o);
				return NULL;
			}
			o[k++] = (char)(h * 16 + l);
			i += 2;
		} else {
			o[k++] = s[i];
		}
	}
	o[k] = '\0';
	*outlen = k;
	return o;
}

enum ws_err
form_parse(const char *s, size_t n, json_t *obj)
{
	const char *p = s, *end = s + n;
	enum ws_err rc = WS_OK;

	while (p < end && rc == WS_OK) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *pe = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(pe - p));
		char *k = NULL, *v = NULL;
		size_t kl, vl;
		json_t *old;

		if (pe == p) {
			p = pe + 1;
			continue;
		}
		k = url_decode(p, (size_t)((eq ? eq : pe) - p), &kl);
		v = eq ? url_decode(eq + 1, (size_t)(pe - eq - 1), &vl) : xstrdup("");
		if (!eq)
			vl = 0;
		if (!k || !v || kl == 0 || !utf8_valid_text(k, kl, 0) ||
		    !utf8_valid_text(v, vl, 1)) {
			rc = WS_EINVAL;
		} else if ((old = json_object_get(obj, k)) != NULL) {
			if (json_is_array(old)) {
				json_array_append_new(old, json_stringn(v, vl));
			} else {
				json_t *arr = json_array();

				json_array_append(arr, old);
				json_array_append_new(arr, json_stringn(v, vl));
				json_object_set_new(obj, k, arr);
			}
		} else {
			json_object_set_new(obj, k, json_stringn(v, vl));
		}
		free(k);
		free(v);
		p = pe + 1;
	}
	return rc;
}

int
req_is_upload(struct req *r)
{
	const char *ct = req_header(r, "Content-Type");

	return ct && strncasecmp(ct, "multipart/form-data", 19) == 0;
}

enum ws_err
input_decode(struct req *r)
{
	const char *ct = req_header(r, "Content-Type");
	json_error_t jerr;

	if (r->multipart)	/* parsed as it arrived (server.c) */
		return r->multipart_rc;
	r->in = json_object();
	if (r->body.len == 0 && r->method != HM_POST && r->method != HM_PATCH &&
	    r->method != HM_PUT)
		return WS_OK;
	if (r->body.len == 0)
		return WS_OK;
	if (!ct)
		return WS_EIO;
	if (strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0)
		return form_parse(r->body.data, r->body.len, r->in);
	if (strncasecmp(ct, "application/json", 16) == 0) {
		json_t *v = json_loadb(r->body.data, r->body.len,
		    JSON_REJECT_DUPLICATES, &jerr);

		if (!v || !json_is_object(v)) {
			json_decref(v);
			return WS_EINVAL;
		}
		json_decref(r->in);
		r->in = v;
		r->json_body = 1;
		return WS_OK;
	}
	return WS_EIO;
}
