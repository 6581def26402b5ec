/*
 * ratelimit.c -- fixed-size open hash of sliding windows; see ratelimit.h.
 *
 * Each entry keeps the times of its last `limit` events in a ring; a key is
 * refused while `limit` events fall inside the window.
 */
#include <pthread.h>
#include <sodium.h>
#include <string.h>

#include "core/mem.h"
#include "core/util.h"
#include "http/ratelimit.h"

#define SLOTS 8192
#define PROBE 16
#define MAXEV 32

struct rl_rule { int limit; int window; };

/* Failed sign-ins: 10 a minute.  Sign-ups: 20 an hour.  Mail: 10 an hour.
 * Public lookups by a secret code (a certificate's) that find nothing: 30
 * a minute. */
static const struct rl_rule rules[] = {
	[RL_NONE] = {0, 0},
	[RL_SIGNIN] = {10, 60},
	[RL_SIGNUP] = {20, 3600},
	[RL_MAIL] = {10, 3600},
	[RL_LOOKUP] = {30, 60},
};
_Static_assert(sizeof rules / sizeof rules[0] == RL__MAX, "a rule per class");

struct entry {
	unsigned char key[16];	/* hash of class + key */
	time_t ev[MAXEV];	/* ring of event times */
	int n, head;
	time_t last;
	int used;
};

struct ratelimit {
	pthread_mutex_t mu;
	struct entry *slots;
	unsigned char secret[crypto_generichash_KEYBYTES];	/* slots unpredictable */
};

struct ratelimit *
ratelimit_new(void)
{
	struct ratelimit *rl = xcalloc(1, sizeof *rl);

	pthread_mutex_init(&rl->mu, NULL);
	rl->slots = xcalloc(SLOTS, sizeof *rl->slots);
	randombytes_buf(rl->secret, sizeof rl->secret);
	return rl;
}

void
ratelimit_free(struct ratelimit *rl)
{
	if (!rl)
		return;
	pthread_mutex_destroy(&rl->mu);
	free(rl->slots);
	free(rl);
}

/* Keyed with rl's secret, so no one can choose keys that land in the slots
 * of another key and evict its count. */
static void
hkey(const struct ratelimit *rl, enum rl_class c, const char *key, unsigned char out[16])
{
	crypto_generichash_state st;
	unsigned char cb = (unsigned char)c;

	crypto_generichash_init(&st, rl->secret, sizeof rl->secret, 16);
	crypto_generichash_update(&st, &cb, 1);
	crypto_generichash_update(&st, (const unsigned char *)key, strlen(key));
	crypto_generichash_final(&st, out, 16);
}

/* The entry for k, or a slot to use for it (create set) ; NULL if absent. */
static struct entry *
find(struct ratelimit *rl, const unsigned char k[16], int create)
{
	unsigned h;
	struct entry *victim = NULL;
	int i;

	memcpy(&h, k, sizeof h);
	for (i = 0; i < PROBE; i++) {
		struct entry *e = &rl->slots[(h + (unsigned)i) % SLOTS];

		if (e->used && memcmp(e->key, k, 16) == 0)
			return e;
		if (!victim || !e->used || (victim->used && e->last < victim->last))
			victim = e;
	}
	if (!create)
		return NULL;
	memset(victim, 0, sizeof *victim);
	memcpy(victim->key, k, 16);
	victim->used = 1;
	return victim;
}

/* Events of e inside the window ending now; the oldest such time in *oldest. */
static int
count(const struct entry *e, int window, time_t now, time_t *oldest)
{
	int i, c = 0;

	*oldest = now;
	for (i = 0; i < e->n; i++) {
		time_t t = e->ev[i];

		if (t > now - window) {
			c++;
			if (t < *oldest)
				*oldest = t;
		}
	}
	return c;
}

int
ratelimit_check(struct ratelimit *rl, enum rl_class c, const char *key)
{
	unsigned char k[16];
	struct entry *e;
	time_t now = now_s(), oldest;
	int wait = 0;

	if (c == RL_NONE || !key)
		return 0;
	hkey(rl, c, key, k);
	pthread_mutex_lock(&rl->mu);
	e = find(rl, k, 0);
	if (e && count(e, rules[c].window, now, &oldest) >= rules[c].limit) {
		wait = (int)(oldest + rules[c].window - now);
		if (wait < 1)
			wait = 1;
	}
	pthread_mutex_unlock(&rl->mu);
	return wait;
}

void
ratelimit_hit(struct ratelimit *rl, enum rl_class c, const char *key)
{
	unsigned char k[16];
	struct entry *e;
	int cap = rules[c].limit < MAXEV ? rules[c].limit : MAXEV;

	if (c == RL_NONE || !key)
		return;
	hkey(rl, c, key, k);
	pthread_mutex_lock(&rl->mu);
	e = find(rl, k, 1);
	e->last = now_s();
	e->ev[e->head] = e->last;
	e->head = (e->head + 1) % cap;
	if (e->n < cap)
		e->n++;
	pthread_mutex_unlock(&rl->mu);
}

void
ratelimit_clear(struct ratelimit *rl, enum rl_class c, const char *key)
{
	unsigned char k[16];
	struct entry *e;

	if (c == RL_NONE || !key)
		return;
	hkey(rl, c, key, k);
	pthread_mutex_lock(&rl->mu);
	if ((e = find(rl, k, 0)) != NULL)
		memset(e, 0, sizeof *e);
	pthread_mutex_unlock(&rl->mu);
}
