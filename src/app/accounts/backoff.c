/*
 * backoff.c -- slowing password guessing without letting anyone lock an
 * account (issue 9, finding 7).  See accounts.h for the contract.
 *
 * Every password attempt (sign-in, and the current password asked by the
 * account page) is counted, before the password is checked, in buckets kept
 * in the database (table signin_backoff), so every node of a site sees the
 * same counts:
 *
 *   account   the address typed into the form, whether or not an account
 *             uses it (so answers tell nothing about which accounts exist)
 *   address   the client's address (an IPv6 address by its /64)
 *   device    a browser that signed in to this account before: its
 *             ws_device cookie, instead of the two above
 *
 * A bucket allows its first `free` failures at once; after that each
 * failure makes it wait 15 s, then twice as long each time, up to a cap
 * (15 minutes for an account or device, an hour for an address).  A bucket
 * forgets its failures a day after the last one; a right password empties
 * the account or device bucket and gives the address back its attempt.
 * Nothing is ever locked: a stranger who fills an account's bucket slows
 * other strangers, while the owner's known browser uses its own bucket,
 * which only that browser can fill.
 *
 * The device cookie is "UID.ISSUED.NONCE.MAC": MAC is the HMAC-SHA-256
 * under the site key (shared by every node, from settings) of
 * "k:UID.ISSUED.NONCE.PWHASH", so it cannot be forged or moved to another
 * account, and it dies when the account's password changes (PWHASH is the
 * stored hash, salt included).  It lasts a year from the sign-in that set
 * it; later sign-ins keep it rather than set another.  It grants no access,
 * only a bucket of its own, so the number of buckets an attacker can hold
 * is what matters (issue 9, last findings): cookies are only ever handed to
 * someone who typed the account's current password (or set a new one by a
 * reset link or the account page), and they all lapse with that password.
 * Whoever guesses without one meets the account's and the address's
 * buckets, which no cookie, discarded or minted, empties.
 *
 * Bucket keys are HMACs of the kind and value under the site key: the table
 * holds neither addresses typed in nor client addresses.  An attempt is
 * counted by a compare-and-set on the row that was read, so parallel
 * attempts (on one node or several) cannot all slip past one check.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "core/config.h"
#include "core/log.h"
#include "core/util.h"
#include "db/db.h"

#define FIRST_WAIT 15			/* seconds, after the free failures */
#define ACCOUNT_CAP (15 * 60)
#define ADDRESS_CAP 3600
#define FORGET (24 * 3600)		/* failures older than this are forgotten */
#define DEVICE_LIFE (365 * 86400)
#define TRIES 4				/* compare-and-set rounds before giving up */

/* Seconds a bucket waits after its n-th failure in a row. */
static int
delay(int n, int free_fails, int cap)
{
	int over = n - free_fails - 1, d = FIRST_WAIT;

	if (over < 0)
		return 0;
	while (over-- > 0 && d < cap)
		d *= 2;
	return d < cap ? d : cap;
}

static int
rule_free(const struct req *r, enum guard_kind k)
{
	return k == GUARD_ADDRESS ? r->app->cfg.backoff_free_address :
	    r->app->cfg.backoff_free_account;
}

static int
rule_cap(enum guard_kind k)
{
	return k == GUARD_ADDRESS ? ADDRESS_CAP : ACCOUNT_CAP;
}

static void
add_key(struct req *r, struct guard *g, enum guard_kind kind, const char *value)
{
	static const char *const prefix[] = {"b:a:", "b:d:", "b:i:"};
	const char *seed = arena_printf(r->a, "%s%s", prefix[kind], value);

	hmac_hex_state(&r->app->csrf_mac, seed, g->key[g->n]);
	g->kind[g->n] = kind;
	g->set_next[g->n] = -1;
	g->n++;
}

/* The client's address as a bucket: IPv6 by its /64, which one customer
 * usually holds whole. */
static const char *
address_value(struct req *r)
{
	struct ws_net n;
	char out[64];

	if (net_parse_addr(r->ip, &n) != 0 || n.family != AF_INET6)
		return r->ip;
	memset(n.addr + 8, 0, 8);
	if (!inet_ntop(AF_INET6, n.addr, out, sizeof out))
		return r->ip;
	return arena_strdup(r->a, out);
}

static const char *
device_cookie(const struct app *app)
{
	return app->cfg.https ? "__Host-ws_device" : "ws_device";
}

static void
device_mac(struct req *r, const struct user *u, int64_t issued, const char *nonce,
    char mac[65])
{
	hmac_hex_state(&r->app->csrf_mac, arena_printf(r->a, "k:%lld.%lld.%s.%s",
	    (long long)u->id, (long long)issued, nonce, u->password_hash ? u->password_hash :
	    ""), mac);
}

const char *
device_known(struct req *r, const struct user *u)
{
	int64_t uid = u->id;
	const char *c = req_cookie(r, device_cookie(r->app));
	long long cu, ci;
	char nonce[33], sent[65], mac[65];
	int used = 0;

	if (!c || strlen(c) > 160)
		return NULL;
	if (sscanf(c, "%lld.%lld.%32[0-9a-f].%64[0-9a-f]%n", &cu, &ci, nonce, sent,
	    &used) != 4 || (size_t)used != strlen(c) || strlen(nonce) != 32)
		return NULL;
	if (cu != uid || ci > (long long)now_s() || now_s() - ci > DEVICE_LIFE)
		return NULL;
	device_mac(r, u, ci, nonce, mac);
	if (!str_eq_ct(sent, mac))
		return NULL;
	return arena_strdup(r->a, nonce);
}

void
device_remember(struct req *r, struct resp *w, const struct user *u)
{
	char nonce[33], mac[65];
	int64_t now = now_s();

	if (device_known(r, u))
		return;		/* one browser, one bucket */
	random_hex(nonce, 16);
	device_mac(r, u, now, nonce, mac);
	resp_cookie(r, w, device_cookie(r->app), arena_printf(r->a, "%lld.%lld.%s.%s",
	    (long long)u->id, (long long)now, nonce, mac), DEVICE_LIFE);
}

void
guard_init(struct req *r, struct guard *g, const char *email, const struct user *u)
{
	const char *dev = u ? device_known(r, u) : NULL;

	memset(g, 0, sizeof *g);
	if (dev) {
		add_key(r, g, GUARD_DEVICE, dev);
		return;
	}
	add_key(r, g, GUARD_ACCOUNT, email ? email : "");
	add_key(r, g, GUARD_ADDRESS, address_value(r));
}

/* Reads key's row: 1 found, 0 absent, -1 database error. */
static int
row_get(struct db *d, const char *key, int64_t *fails, int64_t *last, int64_t *next)
{
	struct db_q *q = db_start(d, ST_BACKOFF_GET);
	enum ws_err rc;

	db_bind_text(q, 1, key);
	rc = db_step(q);
	if (rc == WS_OK) {
		*fails = db_col_int(q, BACKOFF_GET_C_FAILS);
		*last = db_col_int(q, BACKOFF_GET_C_LAST_AT);
		*next = db_col_int(q, BACKOFF_GET_C_NEXT_AT);
	}
	db_end(q);
	return rc == WS_OK ? 1 : rc == WS_EDONE ? 0 : -1;
}

/* Counts one attempt in bucket i: WS_OK, or WS_ERATE with *wait. */
static enum ws_err
take(struct req *r, struct db *d, struct guard *g, int i, int *wait)
{
	int64_t fails = 0, last = 0, next = 0, n, now = now_s(), changed;
	struct db_q *q;
	enum ws_err rc;
	int t, found;

	for (t = 0; t < TRIES; t++) {
		if ((found = row_get(d, g->key[i], &fails, &last, &next)) < 0)
			return WS_EDB;
		if (found && next > now) {
			*wait = (int)(next - now);
			return WS_ERATE;
		}
		n = found && now - last <= FORGET ? fails + 1 : 1;
		g->set_next[i] = now + delay((int)n, rule_free(r, g->kind[i]), rule_cap(g->kind[i]));
		q = db_start(d, found ? ST_BACKOFF_UPDATE : ST_BACKOFF_INSERT);
		if (found) {
			db_bind_int(q, 1, n);
			db_bind_int(q, 2, now);
			db_bind_int(q, 3, g->set_next[i]);
			db_bind_text(q, 4, g->key[i]);
			db_bind_int(q, 5, fails);
			db_bind_int(q, 6, last);
		} else {
			db_bind_text(q, 1, g->key[i]);
			db_bind_int(q, 2, n);
			db_bind_int(q, 3, now);
			db_bind_int(q, 4, g->set_next[i]);
		}
		changed = 0;
		rc = db_exec(q, &changed);
		db_end(q);
		if (rc != WS_OK)
			return rc;
		if (changed == 1)
			return WS_OK;
		/* another attempt changed the row since it was read: again */
	}
	g->set_next[i] = -1;
	*wait = 1;
	return WS_ERATE;
}

static void
refuse(struct req *r, struct resp *w, enum guard_kind k, int wait)
{
	if (wait < 1)
		wait = 1;
	w->retry_after = wait;
	w->detail = arena_printf(r->a, k == GUARD_ADDRESS ?
	    "Too many failed sign-ins from your address. Please try again in %d seconds." :
	    "Too many failed sign-ins for this account. Please try again in %d seconds.",
	    wait);
}

enum ws_err
guard_enter(struct req *r, struct resp *w, struct guard *g)
{
	struct db *d = req_db(r);
	int64_t fails, last, next, now = now_s();
	int i, found, wait = 0, which = 0;
	enum ws_err rc;

	/* Look first, so a refused attempt counts in no bucket. */
	for (i = 0; i < g->n; i++) {
		if ((found = row_get(d, g->key[i], &fails, &last, &next)) < 0)
			return WS_EDB;
		if (found && next - now > wait) {
			wait = (int)(next - now);
			which = i;
		}
	}
	if (wait > 0) {
		refuse(r, w, g->kind[which], wait);
		return WS_ERATE;
	}
	for (i = 0; i < g->n; i++) {
		if ((rc = take(r, d, g, i, &wait)) == WS_ERATE)
			refuse(r, w, g->kind[i], wait);
		if (rc != WS_OK)
			return rc;
	}
	return WS_OK;
}

void
guard_pass(struct req *r, struct guard *g)
{
	struct db *d = req_db(r);
	struct db_q *q;
	int i;

	for (i = 0; i < g->n; i++) {
		if (g->kind[i] != GUARD_ADDRESS) {
			q = db_start(d, ST_BACKOFF_DELETE);
			db_bind_text(q, 1, g->key[i]);
		} else if (g->set_next[i] >= 0) {
			/* An office shares an address: its successes do not add up
			 * to a wait.  The attempt is given back unless another came
			 * since. */
			q = db_start(d, ST_BACKOFF_REFUND);
			db_bind_int(q, 1, now_s());
			db_bind_text(q, 2, g->key[i]);
			db_bind_int(q, 3, g->set_next[i]);
		} else {
			continue;
		}
		db_exec_logged(q);
		db_end(q);
	}
	q = db_start(d, ST_BACKOFF_PURGE);
	db_bind_int(q, 1, now_s() - FORGET);
	db_exec_logged(q);
	db_end(q);
}
