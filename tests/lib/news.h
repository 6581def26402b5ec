/*
 * news.h -- what tests/http/news_test.c and news_attack_test.c share: a
 * person whose account, API token and signed-in browser are made when
 * first wanted, calls as them, an RFC 9457 problem checked, and an item
 * staff make.  Each program carried a copy of these.
 *
 * tn_use() names the server, the browser the token calls go through, the
 * database accounts are added to and everyone's password.
 */
#ifndef WS_TEST_NEWS_H
#define WS_TEST_NEWS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/testsrv.h"

struct tn_person {
	const char *email, *name, *role;
	char token[129];		/* "" until signed in */
	struct ts_browser *web;		/* NULL until signed in (caller frees) */
	int64_t id;			/* 0 until the account is added */
	const char *org;		/* an organization's id as text, or NULL */
};

/* The server, the cookie-less browser of the token calls, the database and
 * the one password (all kept by the caller). */
void tn_use(const struct ts_server *srv, struct ts_browser *api, const char *db,
    const char *password);

/* o's string member key, "" when none. */
const char *tn_jstr(json_t *o, const char *key);
/* Adds p's account (once; asserts it). */
void tn_account(struct tn_person *p);
/* p's API token, signed in (201 asserted) the first time. */
const char *tn_token(struct tn_person *p);
/* A browser signed in as p through the form (303 asserted) the first time. */
struct ts_browser *tn_web(struct tn_person *p);
/* A call as p (NULL: a visitor) with their token (body consumed). */
const struct ts_res *tn_as(struct tn_person *p, const char *method, const char *path,
    json_t *body);
/* An RFC 9457 problem with status want naming field (when not NULL). */
void tn_problem(const struct ts_res *r, int want, const char *field);
/* staff make an item (body: its fields, consumed); its id, its slug in
 * slug (may be NULL). */
int64_t tn_item_made(struct tn_person *staff, json_t *body, char *slug, size_t len);

#endif
