/*
 * cache.c -- recent directory answers; see cache.h.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "app/directory/cache.h"
#include "core/mem.h"

struct slot {
	char *key;
	uint64_t gen;
	int64_t at;
	char *body;
	size_t len;
};

struct dir_cache {
	pthread_mutex_t mu;
	int64_t ttl;		/* seconds */
	struct slot s[DIR_CACHE_SLOTS];
};

struct dir_cache *
dir_cache_new(int ttl)
{
	struct dir_cache *c = xcalloc(1, sizeof *c);

	c->ttl = ttl;
	pthread_mutex_init(&c->mu, NULL);
	return c;
}

void
dir_cache_free(struct dir_cache *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < DIR_CACHE_SLOTS; i++) {
		free(c->s[i].key);
		free(c->s[i].body);
	}
	pthread_mutex_destroy(&c->mu);
	free(c);
}

static struct slot *
slot_of(struct dir_cache *c, const char *key)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *key; key++)
		h = (h ^ (unsigned char)*key) * 0x100000001b3ULL;
	return &c->s[h % DIR_CACHE_SLOTS];
}

int
dir_cache_get(struct dir_cache *c, const char *key, uint64_t gen, int64_t now, struct buf *out)
{
	struct slot *s;
	int hit = 0;

	pthread_mutex_lock(&c->mu);
	s = slot_of(c, key);
	if (s->key && s->gen == gen && now - s->at < c->ttl && now >= s->at &&
	    strcmp(s->key, key) == 0)
		hit = buf_add(out, s->body, s->len) == WS_OK;
	pthread_mutex_unlock(&c->mu);
	return hit;
}

void
dir_cache_put(struct dir_cache *c, const char *key, uint64_t gen, int64_t now,
    const char *body, size_t len)
{
	struct slot *s;

	if (len > DIR_CACHE_MAX_BODY)
		return;
	pthread_mutex_lock(&c->mu);
	s = slot_of(c, key);
	free(s->key);
	free(s->body);
	s->key = xstrdup(key);
	s->body = xmalloc(len ? len : 1);
	memcpy(s->body, body, len);
	s->len = len;
	s->gen = gen;
	s->at = now;
	pthread_mutex_unlock(&c->mu);
}
