/*
 * review.h -- what the attacks on issue 17 (tests/http/review_attack*_test.c)
 * share: records staff make (an initiative with its partner and expert, a
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

#include "lib/api.h"
#include "lib/testsrv.h"

/* The browser the calls go through, the database accounts are added to,
 * everyone's password and staff's token (a buffer the test owns). */
void tr_use(struct ts_browser *plain, const char *db, const char *password,
    const char *staff_tok);

/* The generic helpers under the names the attacks know them by (see
 * lib/api.h): a JSON call as a token, j's integer and string members, a
 * record POSTed (201) and its id, an account (its name the address) with
 * its id and token. */
#define tr_api ta_api
#define tr_num ta_num
#define tr_str ta_str
#define tr_made ta_made
#define tr_account ta_account

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
