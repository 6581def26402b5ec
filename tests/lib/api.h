/*
 * api.h -- the generic helpers of the tests/http programs: JSON calls with
 * a token from one plain browser, reading a JSON answer (an integer, a
 * string, the "id"), a record made with POST, addresses built in rotating
 * buffers, the server's clock (read and moved), an account with its API
 * token, a 422 naming a field, the next mail to someone, and an
 * organization's admin made.  The programs each carried a copy of these; tests/lib/courses.h
 * (tc_*) and review.h (tr_*) hand their generic ones on to these.
 *
 * ta_use() names the browser the calls go through; ta_accounts() the
 * database accounts are added to and everyone's password.  The makers
 * assert what they expect (201, an id), as the tests' own code did.
 */
#ifndef WS_TEST_API_H
#define WS_TEST_API_H

#include <jansson.h>
#include <stdint.h>

#include "lib/testsrv.h"

/* The browser every call goes through (the caller owns it). */
void ta_use(struct ts_browser *plain);
/* The database ta_account() adds to and the one password of everyone it
 * adds (strings the caller keeps). */
void ta_accounts(const char *db, const char *password);

/* A JSON call (body consumed, may be NULL) as token (NULL: a visitor). */
const struct ts_res *ta_api(const char *method, const char *path, const char *token,
    json_t *body);
/* GET path as token; asserts status; the body as JSON (caller decrefs). */
json_t *ta_get_json(const char *path, const char *token, int status);
/* GET path as token (200 asserted): the answer's "total". */
int64_t ta_total(const char *path, const char *token);
/* j's integer member k (0 when none). */
int64_t ta_num(json_t *j, const char *k);
/* j's string member k, "(none)" when none. */
const char *ta_str(json_t *j, const char *k);
/* The "id" of r's JSON body (0 when none). */
int64_t ta_id_of(const struct ts_res *r);
/* POSTs body (consumed) to path as token; the new record's id (asserted:
 * 201 and an id). */
int64_t ta_made(const char *path, const char *token, json_t *body);
/* printf into one of 32 rotating buffers of 512 bytes. */
const char *ta_path(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The server's clock (POST /_test/clock?advance=0), in Unix seconds. */
int64_t ta_now(void);
/* Moves the server's clock forward to Unix seconds t (POST /_test/clock),
 * when t is later than it; asserts the move (200). */
void ta_clock_to(int64_t t);
/* Unix seconds t as RFC 3339 UTC, in one of 8 rotating buffers. */
const char *ta_utc(int64_t t);

/* An account email (its name the address) of role, of organization org
 * when org > 0, with the password of ta_accounts(); its id into *id and
 * its API token into tok[129] when not NULL. */
void ta_account(const char *email, const char *role, int64_t org, char *tok, int64_t *id);

/* method path as token with body (consumed): asserts a 422 whose errors
 * name field. */
void ta_refused(const char *method, const char *path, const char *token, json_t *body,
    const char *field);

/* Waits (20 s at most) for the next mail to `to` in sink k; asserts its
 * subject and that its body has each text (NULL-terminated). */
void ta_mail_says(struct ts_sink *k, const char *to, const char *subject, ...);

/* token's staff make person uid an admin of organization org (admin "1")
 * or no longer one ("0"), through POST /organizations/{org}/people/{uid}/
 * admin; asserts the answer (303). */
void ta_org_admin(const char *token, int64_t org, int64_t uid, const char *admin);

#endif
