/*
 * fuzz_multipart.c -- the multipart parser (src/http/multipart.c) on
 * arbitrary bytes fed in pieces.  Every upload (logos, CSV imports) goes
 * through it.
 *
 * The input's first byte (mod 72) is the boundary's length and the next
 * bytes the boundary, given in the Content-Type quoted or not (the second
 * byte's low bit); the rest is the body, fed in pieces whose sizes come
 * from a generator seeded by the second byte.  On top of "no crash, no
 * leak" the harness checks what handlers rely on: when the parse succeeds,
 * every field is a string or an array of strings of valid UTF-8 without
 * NUL, every name is valid UTF-8 of at most 100 bytes, at most 8 files,
 * each stored file is as long as its recorded size and its first bytes are
 * its head; and a sink's file is never written after it ended or was given
 * up.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/util.h"
#include "http/http_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct mfile {
	size_t len;
	unsigned char head[UPLOAD_HEAD];
	int ended, aborted;
};
static struct mfile mfiles[REQ_MAX_FILES];
static int nmfiles;

static enum ws_err
m_begin(void *arg, struct upload *u, void **file)
{
	(void)arg;
	(void)u;
	if (nmfiles >= REQ_MAX_FILES)
		abort();
	memset(&mfiles[nmfiles], 0, sizeof mfiles[0]);
	*file = &mfiles[nmfiles++];
	return WS_OK;
}

static enum ws_err
m_write(void *file, const void *p, size_t n)
{
	struct mfile *f = file;

	if (f->ended || f->aborted)
		abort();
	if (f->len < UPLOAD_HEAD)
		memcpy(f->head + f->len, p, UPLOAD_HEAD - f->len < n ? UPLOAD_HEAD - f->len : n);
	f->len += n;
	return WS_OK;
}

static enum ws_err
m_end(void *file, struct upload *u)
{
	struct mfile *f = file;

	if (f->ended || f->aborted)
		abort();
	f->ended = 1;
	u->id = (f - mfiles) + 1;
	return WS_OK;
}

static void
m_abort(void *file)
{
	((struct mfile *)file)->aborted = 1;
}

static const struct mp_sink msink = { m_begin, m_write, m_end, m_abort, NULL };

static void
check_string(const json_t *s)
{
	if (!json_is_string(s) ||
	    !utf8_valid_text(json_string_value(s), json_string_length(s), 1) ||
	    strlen(json_string_value(s)) != json_string_length(s))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct req r;
	struct multipart *m;
	char ct[200], bnd[80];
	size_t blen, i, off, n;
	uint32_t seed;
	const uint8_t *body;
	const char *k;
	json_t *v, *e;
	enum ws_err rc = WS_OK;

	if (size < 2)
		return 0;
	blen = data[0] % 72;
	if (blen > size - 2)
		blen = size - 2;
	for (i = 0; i < blen; i++)	/* a Content-Type header cannot hold these */
		bnd[i] = data[2 + i] < 0x20 || data[2 + i] > 0x7e || data[2 + i] == '"' ?
		    'x' : (char)data[2 + i];
	bnd[blen] = '\0';
	snprintf(ct, sizeof ct, (data[1] & 1) ? "multipart/form-data; boundary=\"%s\"" :
	    "multipart/form-data; boundary=%s", bnd);
	memset(&r, 0, sizeof r);
	nmfiles = 0;
	r.a = arena_new();
	r.in = json_object();
	body = data + 2 + blen;
	n = size - 2 - blen;
	seed = data[1] * 2654435761u + 1;
	m = multipart_new(&r, ct, 1 << 20, (data[1] & 2) ? 64 : 0, &msink);
	if (m) {
		/* random-sized pieces, from 1 byte to the whole body */
		for (off = 0; off < n && rc == WS_OK;) {
			size_t piece;

			seed = seed * 1103515245u + 12345u;
			piece = 1 + (seed >> 8) % ((seed & 0x10) ? 8 : 512);
			if (piece > n - off)
				piece = n - off;
			rc = multipart_feed(m, (const char *)body + off, piece);
			off += piece;
		}
		if (rc == WS_OK)
			rc = multipart_finish(m);
		multipart_free(m);
	}
	if (m && rc == WS_OK) {
		json_object_foreach(r.in, k, v) {
			if (strlen(k) > 100 || !utf8_valid_text(k, strlen(k), 0))
				abort();
			if (json_is_array(v))
				json_array_foreach(v, i, e)
					check_string(e);
			else
				check_string(v);
		}
		if (r.nfiles < 0 || r.nfiles > REQ_MAX_FILES)
			abort();
		for (i = 0; i < (size_t)r.nfiles; i++) {
			const struct upload *u = &r.files[i];

			if (!u->field || !u->filename || !u->type || u->size < 0 ||
			    u->head_len > UPLOAD_HEAD || u->head_len > (size_t)u->size ||
			    (u->id && (u->too_big || mfiles[u->id - 1].len != (size_t)u->size ||
			    memcmp(mfiles[u->id - 1].head, u->head, u->head_len) != 0)))
				abort();
		}
	}
	json_decref(r.in);
	arena_free(r.a);
	return 0;
}
