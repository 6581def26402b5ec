/*
 * multipart.c -- multipart/form-data (RFC 7578), parsed as the body arrives.
 *
 * The parser is a state machine fed pieces of the body of any size, down
 * to one byte: a delimiter, a part's headers or the start of a delimiter
 * may straddle two pieces.  Text parts become fields of r->in like a
 * urlencoded form; the bytes of file parts go to a sink as they come (the
 * server's writes them to the file store, src/files), and r->files records
 * each file's name, claimed type, size, SHA-256 and first bytes.  What the
 * parser holds at once is one part's headers, a delimiter's worth of bytes
 * held back and the text fields; never a file.
 *
 * Limits: 64 parts, part headers of 1 KiB, field names of 100 bytes, text
 * fields of text_max bytes in all, REQ_MAX_FILES files; a file over
 * file_max is counted but no longer stored (u->too_big), so its handler can
 * say so next to the field.  The body's own ceiling is the server's.
 *
 * Delimiters are "\r\n--boundary"; the first may also open the body (the
 * parser starts as if a CRLF came before it).  The preamble before it and
 * the epilogue after the closing delimiter are ignored.
 */
#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "core/mem.h"
#include "core/util.h"
#include "http/http_int.h"

#define MAX_PARTS 64
#define MAX_HEADER 1024
#define MAX_NAME 100
#define NEEDLE_MAX 76		/* "\r\n--" and a boundary of at most 70 bytes */

enum mp_state {
	MP_PREAMBLE,		/* before the first delimiter */
	MP_AFTER,		/* after a delimiter: "\r\n" (a part) or "--" (the end) */
	MP_HEADERS,		/* a part's headers, up to the blank line */
	MP_DATA,		/* a part's bytes, up to the next delimiter */
	MP_DONE			/* after the closing delimiter */
};

struct multipart {
	struct req *r;
	const struct mp_sink *sink;	/* NULL: file parts are dropped */
	size_t text_max, text_used, file_max;
	enum mp_state st;
	enum ws_err err;	/* the first error; sticks */
	char needle[NEEDLE_MAX + 1];	/* "\r\n--boundary" */
	size_t nlen;
	char tail[NEEDLE_MAX];	/* bytes held back: a proper prefix of needle */
	size_t tlen;
	char after[2];
	size_t alen;
	char hdr[MAX_HEADER + 4];	/* headers and their blank line */
	size_t hlen;
	int parts;
	/* the part being read */
	const char *name;
	int is_file;
	struct upload *u;	/* its record, or NULL when dropped */
	void *file;		/* the sink's file, from the first stored byte */
	unsigned char *head;
	crypto_hash_sha256_state sha;
	struct buf text;	/* a text part's value */
};

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

/* Reads the boundary from the Content-Type into out as "\r\n--boundary". */
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
	if (n == 0 || n > 70 || n + 5 > outlen)
		return 0;
	memcpy(out, "\r\n--", 4);
	memcpy(out + 4, b, n);
	out[n + 4] = '\0';
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

struct multipart *
multipart_new(struct req *r, const char *ctype, size_t text_max, size_t file_max,
    const struct mp_sink *sink)
{
	struct multipart *m;
	char needle[NEEDLE_MAX + 1];

	if (!ctype || !boundary_of(ctype, needle, sizeof needle))
		return NULL;
	m = xcalloc(1, sizeof *m);
	m->r = r;
	m->sink = sink;
	m->text_max = text_max;
	m->file_max = file_max;
	memcpy(m->needle, needle, sizeof needle);
	m->nlen = strlen(needle);
	memcpy(m->tail, "\r\n", 2);	/* the body may open with the delimiter */
	m->tlen = 2;
	m->st = MP_PREAMBLE;
	buf_init(&m->text, text_max ? text_max : 1);
	return m;
}

/* Stops storing the current file: the sink forgets it (the server deletes
 * what it wrote). */
static void
drop_file(struct multipart *m)
{
	if (m->file)
		m->sink->abort(m->file);
	m->file = NULL;
}

static enum ws_err
fail(struct multipart *m, enum ws_err e)
{
	if (!m->err)
		m->err = e;
	drop_file(m);
	return e;
}

/* Bytes of the current part's value. */
static enum ws_err
emit(struct multipart *m, const char *p, size_t n)
{
	struct upload *u = m->u;
	enum ws_err rc;

	if (n == 0 || m->st == MP_PREAMBLE)
		return WS_OK;
	if (!m->is_file) {
		m->text_used += n;
		if (m->text_used > m->text_max || buf_add(&m->text, p, n) != WS_OK)
			return fail(m, WS_ETOOBIG);
		return WS_OK;
	}
	if (!u)
		return WS_OK;	/* a file this route does not take */
	if (u->head_len < UPLOAD_HEAD) {
		size_t k = UPLOAD_HEAD - u->head_len < n ? UPLOAD_HEAD - u->head_len : n;

		memcpy(m->head + u->head_len, p, k);
		u->head_len += k;
	}
	u->size += (int64_t)n;
	if (u->too_big)
		return WS_OK;
	if (m->file_max && (uint64_t)u->size > m->file_max) {
		u->too_big = 1;	/* counted on, not stored */
		drop_file(m);
		return WS_OK;
	}
	if (!m->file && (rc = m->sink->begin(m->sink->arg, u, &m->file)) != WS_OK)
		return fail(m, rc);
	crypto_hash_sha256_update(&m->sha, (const unsigned char *)p, n);
	if ((rc = m->sink->write(m->file, p, n)) != WS_OK)
		return fail(m, rc);
	return WS_OK;
}

/* Gives back held bytes that turned out not to start a delimiter, until
 * what is left is a prefix of one again. */
static void
release_tail(struct multipart *m)
{
	size_t i;

	for (i = 1; i < m->tlen; i++)
		if (memcmp(m->tail + i, m->needle, m->tlen - i) == 0)
			break;
	if (emit(m, m->tail, i) != WS_OK)
		return;
	memmove(m->tail, m->tail + i, m->tlen - i);
	m->tlen -= i;
}

/* Passes on the value's bytes of p[0..n) until a delimiter; returns how
 * many bytes it used and sets *found when a delimiter ended there. */
static size_t
scan(struct multipart *m, const char *p, size_t n, int *found)
{
	size_t used = 0;

	*found = 0;
	while (used < n && !m->err) {
		const char *hit;
		size_t rest, s;

		if (m->tlen > 0) {
			size_t k = m->nlen - m->tlen < n - used ? m->nlen - m->tlen : n - used;

			if (memcmp(p + used, m->needle + m->tlen, k) == 0) {
				memcpy(m->tail + m->tlen, p + used, k);
				m->tlen += k;
				used += k;
				if (m->tlen == m->nlen) {
					m->tlen = 0;
					*found = 1;
					return used;
				}
				continue;	/* used == n: wait for more */
			}
			release_tail(m);
			continue;
		}
		rest = n - used;
		hit = memmem(p + used, rest, m->needle, m->nlen);
		if (hit) {
			emit(m, p + used, (size_t)(hit - (p + used)));
			*found = 1;
			return (size_t)(hit - p) + m->nlen;
		}
		/* hold back the longest end that may begin a delimiter */
		for (s = rest < m->nlen - 1 ? rest : m->nlen - 1; s > 0; s--)
			if (p[n - s] == '\r' && memcmp(p + n - s, m->needle, s) == 0)
				break;
		if (emit(m, p + used, rest - s) != WS_OK)
			break;
		memcpy(m->tail, p + n - s, s);
		m->tlen = s;
		used = n;
	}
	return used;
}

/* The headers of a part, hdr[0..len), are in: what the part is. */
static enum ws_err
part_start(struct multipart *m, size_t len)
{
	struct req *r = m->r;
	const char *h, *end = m->hdr + len;
	char *name = NULL, *filename = NULL, *type = NULL;

	for (h = m->hdr; h < end;) {
		const char *eol = memmem(h, (size_t)(end - h), "\r\n", 2);
		size_t l = eol ? (size_t)(eol - h) : (size_t)(end - h);

		if (l > 20 && strncasecmp(h, "Content-Disposition:", 20) == 0) {
			name = header_param(r->a, h + 20, l - 20, "name");
			filename = header_param(r->a, h + 20, l - 20, "filename");
		} else if (l > 13 && strncasecmp(h, "Content-Type:", 13) == 0) {
			const char *v = h + 13;

			while (v < h + l && *v == ' ')
				v++;
			type = arena_strndup(r->a, v, (size_t)(h + l - v));
		}
		h += l + 2;
	}
	if (!name || !*name || strlen(name) > MAX_NAME ||
	    !utf8_valid_text(name, strlen(name), 0))
		return fail(m, WS_EINVAL);
	m->name = name;
	m->is_file = filename != NULL;
	m->u = NULL;
	m->file = NULL;
	buf_reset(&m->text);
	if (!m->is_file)
		return WS_OK;
	if (r->nfiles >= REQ_MAX_FILES)
		return fail(m, WS_ETOOBIG);
	if (!m->sink)
		return WS_OK;	/* dropped: the route takes no files */
	m->u = &r->files[r->nfiles++];
	memset(m->u, 0, sizeof *m->u);
	if (!utf8_valid_text(filename, strlen(filename), 0)) {
		/* tab passes utf8_valid_text: the route's own check sees it */
		m->u->name = UPLOAD_NAME_NOT_UTF8;
		for (const unsigned char *c = (const unsigned char *)filename; *c; c++)
			if ((*c < 0x20 && *c != '\t') || *c == 0x7f)
				m->u->name = UPLOAD_NAME_CONTROL;
		filename = arena_strdup(r->a, "file");
	}
	m->u->field = name;
	m->u->filename = filename;
	m->u->type = type ? type : "application/octet-stream";
	m->head = arena_alloc(r->a, UPLOAD_HEAD);
	m->u->head = m->head;
	crypto_hash_sha256_init(&m->sha);
	return WS_OK;
}

/* A delimiter ended the current part. */
static enum ws_err
part_end(struct multipart *m)
{
	struct upload *u = m->u;
	enum ws_err rc;

	if (!m->is_file) {
		if (!utf8_valid_text(m->text.data ? m->text.data : "", m->text.len, 1))
			return fail(m, WS_EINVAL);
		add_field(m->r->in, m->name, m->text.data ? m->text.data : "", m->text.len);
		return WS_OK;
	}
	if (!u || !m->file)
		return WS_OK;	/* dropped, empty or too big: no file */
	rc = m->sink->end(m->file, u);
	m->file = NULL;
	if (rc != WS_OK)
		return fail(m, rc);
	{
		unsigned char h[crypto_hash_sha256_BYTES];

		crypto_hash_sha256_final(&m->sha, h);
		sodium_bin2hex(u->sha256, sizeof u->sha256, h, sizeof h);
	}
	return WS_OK;
}

/* Headers from p[0..n): returns the bytes used. */
static size_t
headers(struct multipart *m, const char *p, size_t n)
{
	size_t old = m->hlen, c = sizeof m->hdr - old < n ? sizeof m->hdr - old : n;
	size_t from = old >= 3 ? old - 3 : 0;
	const char *end;

	memcpy(m->hdr + old, p, c);
	end = memmem(m->hdr + from, old + c - from, "\r\n\r\n", 4);
	if (!end) {
		m->hlen = old + c;
		if (m->hlen == sizeof m->hdr)
			fail(m, WS_EINVAL);	/* over 1 KiB */
		return c;
	}
	m->hlen = 0;
	if (part_start(m, (size_t)(end - m->hdr)) == WS_OK)
		m->st = MP_DATA;
	return (size_t)(end - m->hdr) + 4 - old;
}

enum ws_err
multipart_feed(struct multipart *m, const char *p, size_t n)
{
	while (n > 0 && !m->err) {
		size_t used = n;
		int found;

		switch (m->st) {
		case MP_PREAMBLE:
		case MP_DATA:
			used = scan(m, p, n, &found);
			if (!found || m->err)
				break;
			if (m->st == MP_DATA && part_end(m) != WS_OK)
				break;
			m->st = MP_AFTER;
			m->alen = 0;
			break;
		case MP_AFTER:
			m->after[m->alen++] = *p;
			used = 1;
			if (m->alen < 2)
				break;
			if (memcmp(m->after, "--", 2) == 0) {
				m->st = MP_DONE;
			} else if (memcmp(m->after, "\r\n", 2) != 0) {
				fail(m, WS_EINVAL);
			} else if (++m->parts > MAX_PARTS) {
				fail(m, WS_ETOOBIG);
			} else {
				m->st = MP_HEADERS;
				m->hlen = 0;
			}
			break;
		case MP_HEADERS:
			used = headers(m, p, n);
			break;
		case MP_DONE:
			break;	/* the epilogue */
		}
		p += used;
		n -= used;
	}
	return m->err;
}

enum ws_err
multipart_finish(struct multipart *m)
{
	if (m->err)
		return m->err;
	if (m->st != MP_DONE)
		return fail(m, WS_EINVAL);	/* cut short: no closing delimiter */
	return WS_OK;
}

void
multipart_free(struct multipart *m)
{
	if (!m)
		return;
	drop_file(m);
	buf_free(&m->text);
	free(m);
}
