/*
 * ratelimit.h -- sliding-window counters per (class, key) in memory.
 *
 * Sign-ups and mail requests (password resets) are counted per address
 * (RL_SIGNIN, 10 a minute: wrong passwords on a mailed confirmation link).
 * Only what the caller records counts: page views are never throttled, so
 * an office behind one address keeps working.  The table has a fixed size;
 * when full, the stalest entry is reused.  With several nodes each keeps its
 * own counts.  Password attempts are not counted here: their back-off is in
 * the database, shared by every node (app/accounts/backoff.c).
 */
#ifndef WS_RATELIMIT_H
#define WS_RATELIMIT_H

#include "http/http.h"

struct ratelimit;

struct ratelimit *ratelimit_new(void);
void ratelimit_free(struct ratelimit *rl);
/* Seconds to wait before key may try class c again; 0 when allowed. */
int ratelimit_check(struct ratelimit *rl, enum rl_class c, const char *key);
/* Counts one event (a sign-up, a mail request) for key. */
void ratelimit_hit(struct ratelimit *rl, enum rl_class c, const char *key);
/* Forgets key. */
void ratelimit_clear(struct ratelimit *rl, enum rl_class c, const char *key);

#endif
