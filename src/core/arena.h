/*
 * arena.h -- a request arena: everything allocated while serving one request
 * is freed in one call when the request ends.
 *
 * Allocations come from 16 KiB blocks (large ones get a block of their own),
 * so the common request makes a handful of malloc calls.  Memory is never
 * returned early.
 */
#ifndef WS_ARENA_H
#define WS_ARENA_H

#include <stddef.h>

struct arena;

struct arena *arena_new(void);
/* Frees everything allocated from a, and a. */
void arena_free(struct arena *a);
/* n bytes, aligned for any type, zeroed.  Never NULL (aborts on OOM). */
void *arena_alloc(struct arena *a, size_t n);
/* Copies; NULL gives NULL. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* printf into the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* s percent-encoded (RFC 3986, upper-case hex): every byte but letters,
 * digits, "-._~" and those in keep becomes %XX.  For a Location, keep the
 * path and query delimiters; for a query value, keep "/" at most. */
char *arena_urlencode(struct arena *a, const char *s, const char *keep);

#endif
