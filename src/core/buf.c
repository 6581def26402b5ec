/* buf.c -- growable buffer with a ceiling; see buf.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/mem.h"

void
buf_init(struct buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

static enum ws_err
buf_reserve(struct buf *b, size_t n)
{
	size_t need, ncap;

	if (n > b->max || b->len > b->max - n)
		return WS_ETOOBIG;
	need = b->len + n + 1;
	if (need <= b->cap)
		return WS_OK;
	ncap = b->cap ? b->cap : 64;
	while (ncap < need)
		ncap *= 2;
	if (ncap > b->max + 1)
		ncap = b->max + 1;
	b->data = xrealloc(b->data, ncap);
	b->cap = ncap;
	return WS_OK;
}

enum ws_err
buf_add(struct buf *b, const void *p, size_t n)
{
	enum ws_err rc;

	if ((rc = buf_reserve(b, n)) != WS_OK)
		return rc;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return WS_OK;
}

enum ws_err
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	enum ws_err rc;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return WS_EINVAL;
	if ((rc = buf_reserve(b, (size_t)n)) != WS_OK)
		return rc;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return WS_OK;
}

enum ws_err
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	enum ws_err rc;

	va_start(ap, fmt);
	rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

enum ws_err
buf_json_str(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *p, *run;
	size_t start = b->len;
	enum ws_err rc = buf_addc(b, '"');

	for (p = run = s ? s : ""; rc == WS_OK && *p; p++) {
		unsigned char c = (unsigned char)*p;
		char esc[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		if ((rc = buf_add(b, run, (size_t)(p - run))) != WS_OK)
			break;
		run = p + 1;
		if (c == '"' || c == '\\') {
			esc[1] = (char)c;
			rc = buf_add(b, esc, 2);
		} else {
			rc = buf_add(b, esc, sizeof esc);
		}
	}
	if (rc == WS_OK)
		rc = buf_add(b, run, (size_t)(p - run));
	if (rc == WS_OK)
		rc = buf_addc(b, '"');
	if (rc != WS_OK && b->data) {	/* all or nothing */
		b->len = start;
		b->data[start] = '\0';
	}
	return rc;
}

enum ws_err
buf_add_int(struct buf *b, long long n)
{
	char d[24];
	size_t i = sizeof d;
	unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;

	do {
		d[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (n < 0)
		d[--i] = '-';
	return buf_add(b, d + i, sizeof d - i);
}

const char *
buf_str(const struct buf *b)
{
	return b->data ? b->data : "";
}

char *
buf_steal(struct buf *b)
{
	char *p = b->data ? b->data : xstrdup("");

	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}
