/*
 * review.h -- what the attacks on issue 17 (tests/http/review_attack*_test.c)
 * share: JSON calls from one plain browser, accounts with their tokens,
 * records staff make (an initiative with its partner and expert, a
 * session, an event, a dialogue's call).  Each program used to carry its
 * own copy of these.
 *
 * tr_use() names the browser, the database, the one password and where
 * staff's token is (read at each call).  The makers assert what they
 * expect (201), as the tests' own code did.
 */
#ifndef WS_TEST_REVIEW_H
#define WS_TEST_REVIEW_H

#include <jansson.h>
#include <stdint.h>

#include "lib/testsrv.h"

/* The browser the calls go through, the database accounts are added to,
 * everyone's password and staff's token (a buffer the test owns). */
void tr_use(struct ts_browser *plain, const char *db, const char *password,
    const char *staff_tok);

/* A JSON call (body consumed, may be NULL) as token (NULL: a visitor). */
const struct ts_res *tr_api(const char *method, const char *path, const char *token,
    json_t *body);
/* j's integer member k (0 when none). */
int64_t tr_num(json_t *j, const char *k);
/* j's string member k, "(none)" when none. */
const char *tr_str(json_t *j, const char *k);
/* POSTs body (consumed) to path as token; the new record's id (201). */
int64_t tr_made(const char *path, const char *token, json_t *body);

/* An account email (its name the address) of role, of organization org
 * when org > 0; its id into *id and its token into tok[129] when not
 * NULL. */
void tr_account(const char *email, const char *role, int64_t org, char *tok, int64_t *id);

/* An active initiative in KE titled title with focal point fe, the
 * organization org a partner and expert a participant; its id. */
int64_t tr_initiative(const char *title, int64_t fe, int64_t org, int64_t expert);
/* A session of the UNTOC working group wg (Europe/Vienna times). */
int64_t tr_session_made(const char *wg, int number, const char *start, const char *end,
    const char *status);
/* A published workshop (online at online_url when not NULL). */
int64_t tr_event_made(const char *title, const char *start, const char *end,
    const char *online_url);
/* An open call of kind dialogue closing at closes, asking for expertise
 * (text) and the speaker's gender (a choice), both required. */
int64_t tr_call_made(const char *title, const char *closes);

#endif
