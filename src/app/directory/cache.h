/*
 * cache.h -- recent directory answers, reused while nothing changed.
 *
 * Building a page of the directory costs far more than finding it (each
 * item is read, shaped and encoded), and the same few filters are asked for
 * again and again.  An answer is kept under its key (who may see what, the
 * language, the canonical query) with the index's generation; it is reused
 * only while the generation is the same (no write this node knows of) and
 * for at most ttl seconds (--dir-cache, 2 by default; writes on other nodes
 * within a second of one already seen).  With --dir-cache 0 there is no
 * cache at all: every answer is built from the index.  A fixed number of slots, direct-mapped by the key's
 * hash: a busy slot is simply replaced.
 */
#ifndef WS_DIR_CACHE_H
#define WS_DIR_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

#define DIR_CACHE_SLOTS 128
#define DIR_CACHE_MAX_BODY (512 * 1024)	/* larger answers are not kept */

struct dir_cache;

/* A cache keeping answers ttl seconds (> 0). */
struct dir_cache *dir_cache_new(int ttl);
void dir_cache_free(struct dir_cache *c);
/* Appends the answer kept under key to out: 1 when there was one still
 * good for generation gen at time now, else 0. */
int dir_cache_get(struct dir_cache *c, const char *key, uint64_t gen, int64_t now,
    struct buf *out);
/* Keeps body under key for generation gen, made at time now. */
void dir_cache_put(struct dir_cache *c, const char *key, uint64_t gen, int64_t now,
    const char *body, size_t len);

#endif
