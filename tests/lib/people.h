/*
 * people.h -- the people and organizations a tests/http program starts
 * from: organizations imported with `whatson import orgs`, accounts added
 * with `whatson user add`, and the API tokens they sign in for.  Each test
 * program used to carry its own copy of these.
 *
 * As in testsrv.h, a function that can fail returns -1 (or 0 on success)
 * after printing why as a TAP comment; the tests assert on that.
 */
#ifndef WS_TEST_PEOPLE_H
#define WS_TEST_PEOPLE_H

#include <stddef.h>
#include <stdint.h>

#include "lib/testsrv.h"

/* `whatson import orgs` on db of one NGO of country (ISO alpha-2) working on
 * corruption, with contact email and the description desc (NULL: "NAME
 * shares what it learns."); its id, or -1. */
int64_t ts_org_import(const char *db, const char *name, const char *country,
    const char *email, const char *desc);

/* `whatson user add` on db with role, a member of org when org > 0; the new
 * user's id, or -1.  Active and verified, with password. */
int64_t ts_person_add(const char *db, const char *email, const char *name, const char *role,
    int64_t org, const char *password);

/* Signs email in through the API (POST /api/v1/session) from browser b
 * (whose address the sign-in limits count); the token into tok[len].  0,
 * or -1. */
int ts_token(struct ts_browser *b, const char *email, const char *password, char *tok,
    size_t len);

/* A new browser on s signed in as email through the form (/signin); NULL
 * (and why) when the sign-in did not answer 303.  ts_browser_free() it. */
struct ts_browser *ts_signed_in(const struct ts_server *s, const char *ip, const char *email,
    const char *password);

/* Staff (signed in as browser staff, through the form) make person uid an
 * admin of organization org.  0, or -1. */
int ts_org_admin(struct ts_browser *staff, int64_t org, int64_t uid);

#endif
