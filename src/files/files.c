/*
 * files.c -- files in the database, in chunks; see files.h.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"
#include "files/files.h"

struct file_writer {
	struct db *d;
	int64_t id;
	int64_t n;			/* chunks written */
	int64_t size;
	size_t used;			/* bytes in buf */
	crypto_hash_sha256_state sha;
	unsigned char buf[FILE_CHUNK];
};

enum ws_err
file_begin(struct db *d, const char *kind, const char *name, const char *type,
    int64_t user_id, struct file_writer **out)
{
	struct file_writer *w;
	struct db_q *q;
	char cut[FILE_NAME_MAX + 1];
	enum ws_err rc;

	*out = NULL;
	snprintf(cut, sizeof cut, "%s", name ? name : "");
	q = db_start(d, ST_FILE_BEGIN);
	db_bind_text(q, 1, kind);
	db_bind_text(q, 2, type ? type : "application/octet-stream");
	db_bind_blob(q, 3, "", 0);
	if (user_id > 0)
		db_bind_int(q, 4, user_id);
	else
		db_bind_null(q, 4);
	db_bind_int(q, 5, now_s());
	db_bind_text(q, 6, cut);
	rc = db_step(q);
	if (rc == WS_OK) {
		w = xmalloc(sizeof *w);
		w->d = d;
		w->id = db_col_int(q, 0);
		w->n = 0;
		w->size = 0;
		w->used = 0;
		crypto_hash_sha256_init(&w->sha);
		*out = w;
	}
	db_end(q);
	return rc == WS_EDONE ? WS_EDB : rc;
}

static enum ws_err
flush(struct file_writer *w)
{
	struct db_q *q;
	enum ws_err rc;

	if (w->used == 0)
		return WS_OK;
	q = db_start(w->d, ST_FILE_CHUNK_PUT);
	db_bind_int(q, 1, w->id);
	db_bind_int(q, 2, w->n);
	db_bind_blob(q, 3, w->buf, w->used);
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc == WS_OK) {
		w->n++;
		w->used = 0;
	}
	return rc;
}

enum ws_err
file_write(struct file_writer *w, const void *p, size_t n)
{
	const unsigned char *b = p;
	enum ws_err rc;

	crypto_hash_sha256_update(&w->sha, b, n);
	w->size += (int64_t)n;
	while (n > 0) {
		size_t k = FILE_CHUNK - w->used < n ? FILE_CHUNK - w->used : n;

		memcpy(w->buf + w->used, b, k);
		w->used += k;
		b += k;
		n -= k;
		if (w->used == FILE_CHUNK && (rc = flush(w)) != WS_OK)
			return rc;
	}
	return WS_OK;
}

enum ws_err
file_end(struct file_writer *w, int64_t *id)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[65];
	struct db_q *q;
	enum ws_err rc;

	if ((rc = flush(w)) == WS_OK) {
		crypto_hash_sha256_final(&w->sha, h);
		sodium_bin2hex(hex, sizeof hex, h, sizeof h);
		q = db_start(w->d, ST_FILE_END);
		db_bind_int(q, 1, w->size);
		db_bind_text(q, 2, hex);
		db_bind_int(q, 3, w->id);
		rc = db_exec(q, NULL);
		db_end(q);
	}
	if (rc == WS_OK && id)
		*id = w->id;
	free(w);
	return rc;
}

void
file_abort(struct file_writer *w)
{
	free(w);
}

enum ws_err
file_put(struct db *d, const char *kind, const char *name, const char *type,
    int64_t user_id, const void *data, size_t len, int64_t *id)
{
	struct file_writer *w;
	enum ws_err rc;

	if ((rc = file_begin(d, kind, name, type, user_id, &w)) != WS_OK)
		return rc;
	if ((rc = file_write(w, data, len)) != WS_OK) {
		file_abort(w);
		return rc;
	}
	return file_end(w, id);
}

enum ws_err
file_stat(struct db *d, int64_t id, const char *kind, struct file_info *fi)
{
	struct db_q *q = db_start(d, ST_FILE_STAT);
	enum ws_err rc;

	memset(fi, 0, sizeof *fi);
	db_bind_int(q, 1, id);
	rc = db_step(q);
	if (rc == WS_OK && (!kind || strcmp(kind, db_col_text(q, FILE_STAT_C_KIND)) == 0)) {
		fi->id = id;
		snprintf(fi->kind, sizeof fi->kind, "%s", db_col_text(q, FILE_STAT_C_KIND));
		snprintf(fi->type, sizeof fi->type, "%s", db_col_text(q, FILE_STAT_C_TYPE));
		snprintf(fi->name, sizeof fi->name, "%s", db_col_text(q, FILE_STAT_C_NAME));
		fi->size = db_col_int(q, FILE_STAT_C_SIZE);
		snprintf(fi->sha256, sizeof fi->sha256, "%s", db_col_text(q, FILE_STAT_C_SHA256));
		fi->chunked = db_col_int(q, FILE_STAT_C_CHUNKED) != 0;
	} else if (rc == WS_OK) {
		rc = WS_EDONE;	/* another kind: as if absent */
	}
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

enum ws_err
file_read(struct db *d, const struct file_info *fi, int64_t off, int64_t len,
    int (*fn)(void *arg, const void *p, size_t n), void *arg)
{
	int64_t end, n;
	enum ws_err rc = WS_OK;

	if (off < 0 || off > fi->size)
		return WS_EINVAL;
	end = len < 0 || off + len > fi->size ? fi->size : off + len;
	for (n = off / FILE_CHUNK; rc == WS_OK && n * FILE_CHUNK < end; n++) {
		struct db_q *q = db_start(d, fi->chunked ? ST_FILE_CHUNK_GET : ST_FILE_DATA);
		const unsigned char *p;
		size_t got;
		int64_t base = fi->chunked ? n * FILE_CHUNK : 0, from, to;

		db_bind_int(q, 1, fi->id);
		if (fi->chunked)
			db_bind_int(q, 2, n);
		if ((rc = db_step(q)) == WS_OK) {
			p = db_col_blob(q, 0, &got);
			from = (off > base ? off : base) - base;
			to = (end < base + (int64_t)got ? end : base + (int64_t)got) - base;
			if (to > from && fn(arg, p + from, (size_t)(to - from)) != 0)
				rc = WS_EINVAL;
			if (!fi->chunked)
				n = end / FILE_CHUNK;	/* one row held it all */
		} else if (rc == WS_EDONE) {
			rc = WS_EDB;	/* a chunk is missing */
		}
		db_end(q);
	}
	return rc;
}

enum ws_err
file_delete(struct db *d, int64_t id)
{
	struct db_q *q = db_start(d, ST_FILE_DELETE);
	enum ws_err rc;

	db_bind_int(q, 1, id);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
file_purge(struct db *d, const char *kind, int64_t before)
{
	struct db_q *q = db_start(d, ST_FILE_PURGE);
	enum ws_err rc;

	db_bind_text(q, 1, kind);
	db_bind_int(q, 2, before);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

int64_t
file_writer_id(const struct file_writer *w)
{
	return w->id;
}

void
file_writer_use(struct file_writer *w, struct db *d)
{
	w->d = d;
}

enum ws_err
file_claim(struct db *d, int64_t id, const char *kind, const char *type)
{
	struct db_q *q = db_start(d, ST_FILE_CLAIM);
	int64_t n = 0;
	enum ws_err rc;

	db_bind_text(q, 1, kind);
	db_bind_text(q, 2, type);
	db_bind_int(q, 3, id);
	rc = db_exec(q, &n);
	db_end(q);
	return rc == WS_OK && n == 0 ? WS_ENOTFOUND : rc;
}

enum ws_err
file_discard(struct db *d, int64_t id)
{
	struct db_q *q = db_start(d, ST_FILE_DISCARD);
	enum ws_err rc;

	db_bind_int(q, 1, id);
	rc = db_exec(q, NULL);
	db_end(q);
	return rc;
}

enum ws_err
file_sweep(struct db *d, int64_t before, int64_t *n)
{
	struct db_q *q = db_start(d, ST_FILE_SWEEP);
	int64_t k = 0;
	enum ws_err rc;

	db_bind_int(q, 1, before);
	rc = db_exec(q, &k);
	db_end(q);
	if (n)
		*n = k;
	return rc;
}
