/*
 * buf.h -- a growable byte buffer with a hard ceiling (after curl's dynbuf).
 *
 * Request bodies, rendered pages, JSON and mail all pass through a struct buf.
 * Every buffer has a maximum size fixed at init; an append that would exceed it
 * fails with WS_ETOOBIG and leaves the buffer as it was, so a hostile input is
 * stopped by the limit and never by running out of memory.  The contents are
 * always NUL-terminated (the NUL is not counted in len).  Allocation failure
 * aborts (xmalloc).
 */
#ifndef WS_BUF_H
#define WS_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include "core/err.h"

struct buf {
	char *data;	/* NUL-terminated, or NULL while empty */
	size_t len;
	size_t cap;
	size_t max;	/* ceiling on len */
};

/* Sets b up empty with ceiling max; allocates nothing. */
void buf_init(struct buf *b, size_t max);
/* Frees the storage; b may be initialised again. */
void buf_free(struct buf *b);
/* Empties b, keeping its storage. */
void buf_reset(struct buf *b);
/* Appends n bytes of p.  WS_ETOOBIG when len + n > max. */
enum ws_err buf_add(struct buf *b, const void *p, size_t n) WS_WUR;
/* Appends a NUL-terminated string. */
static inline WS_WUR enum ws_err
buf_adds(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}
/* Appends one byte; inline, as an answer of the directory makes thousands
 * (cap never exceeds max + 1, so a byte that fits in cap fits in max). */
static inline WS_WUR enum ws_err
buf_addc(struct buf *b, char c)
{
	if (!b->data || b->cap - b->len < 2)
		return buf_add(b, &c, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
	return WS_OK;
}
/* Appends printf-style output. */
enum ws_err buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3))) WS_WUR;
enum ws_err buf_vprintf(struct buf *b, const char *fmt, va_list ap) WS_WUR;
/* Appends s (NULL: "") as a JSON string, quotes included: `"` and `\\`
 * escaped, control bytes as \u00XX, other bytes (UTF-8) as they are; all
 * or nothing. */
enum ws_err buf_json_str(struct buf *b, const char *s) WS_WUR;
/* Appends n in decimal, without printf. */
enum ws_err buf_add_int(struct buf *b, long long n) WS_WUR;
/* Returns the contents ("" when empty); owned by b. */
const char *buf_str(const struct buf *b);
/* Hands the storage to the caller (free() it) and empties b. */
char *buf_steal(struct buf *b);

#endif
