/*
 * forums.h -- what tests/http/forums_test.c and forums_attack_test.c
 * share: a thread and a reply made through the API, a link's query
 * parameter, and the clock moved with everyone signed in again.  Each
 * program carried a copy of these; the generic calls are tests/lib/api.h's
 * (ta_use() names the browser both go through).
 */
#ifndef WS_TEST_FORUMS_H
#define WS_TEST_FORUMS_H

#include <stddef.h>
#include <stdint.h>

#include "lib/testsrv.h"

/* A thread in forum as tok (201 asserted): its id. */
int64_t tf_thread_made(int64_t forum, const char *tok, const char *title, const char *body);
/* A reply to thread of forum as tok (201 asserted): its id. */
int64_t tf_reply_made(int64_t forum, int64_t thread, const char *tok, const char *body);
/* The value of query parameter name of link into out[len] (asserted there). */
void tf_param_of(const char *link, const char *name, char *out, size_t len);
/* Moves the server's clock by secs (through browser plain) and signs the n
 * people who[] in again into toks[] (their tokens lapse when idle), from a
 * fresh source address each time: 127.0.0.(ip_base + the round). */
void tf_advance(const struct ts_server *srv, struct ts_browser *plain, long secs, int ip_base,
    const char *const *who, char *const *toks, size_t n, const char *password);

#endif
