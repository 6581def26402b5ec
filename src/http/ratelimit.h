/*
 * ratelimit.h -- sliding-window counters per (class, key) in memory.
 *
 * Sign-in failures are counted per address and per account, sign-ups and
 * mail requests (password resets) per address.  Only what the caller records
 * counts: successful sign-ins and page views are never throttled, so an
 * office behind one address keeps working.  The table has a fixed size; when
 * full, the stalest entry is reused.  With several nodes each keeps its own
 * counts (the per-account hourly lock-out is in the database).
 */
#ifndef WS_RATELIMIT_H
#define WS_RATELIMIT_H

#include "http/http.h"

struct ratelimit;

struct ratelimit *ratelimit_new(void);
void ratelimit_free(struct ratelimit *rl);
/* Seconds to wait before key may try class c again; 0 when allowed. */
int ratelimit_check(struct ratelimit *rl, enum rl_class c, const char *key);
/* Counts one event (a failed sign-in, a sign-up) for key. */
void ratelimit_hit(struct ratelimit *rl, enum rl_class c, const char *key);
/* Forgets key (after a successful sign-in). */
void ratelimit_clear(struct ratelimit *rl, enum rl_class c, const char *key);

#endif
