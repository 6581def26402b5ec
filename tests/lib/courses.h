/*
 * courses.h -- what the course tests (tests/http/courses_*_test.c) share:
 * JSON calls from one plain browser, reading a JSON answer, addresses
 * built in rotating buffers, the server's clock, and staff making a
 * course's parts, cohorts and enrolments; a participant reading a lesson
 * and answering a quiz by an answer's text.  Each program used to carry
 * its own copy of these.
 *
 * tc_use() names the browser the calls go through and where staff's
 * token is (read at each call, so a token made anew is the one used).
 * The makers assert what they expect (201), as the tests' own code did.
 */
#ifndef WS_TEST_COURSES_H
#define WS_TEST_COURSES_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/testsrv.h"

/* The browser the calls go through and staff's token (a buffer the test
 * owns and may fill anew). */
void tc_use(struct ts_browser *plain, const char *staff_tok);

/* A JSON call (body consumed, may be NULL) as token (NULL: a visitor). */
const struct ts_res *tc_api(const char *method, const char *path, const char *token,
    json_t *body);
/* j's integer member k (0 when none). */
int64_t tc_num(json_t *j, const char *k);
/* j's string member k, "(none)" when none. */
const char *tc_str(json_t *j, const char *k);
/* The "id" of r's JSON body. */
int64_t tc_id_of(const struct ts_res *r);
/* printf into one of 32 rotating buffers of 512 bytes. */
const char *tc_path(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The server's clock (POST /_test/clock?advance=0), in Unix seconds. */
int64_t tc_now(void);
/* Unix seconds t as RFC 3339 UTC, in one of 8 rotating buffers. */
const char *tc_utc(int64_t t);

/* Staff add a module titled title to course c; its id (the last module
 * of the course the answer shows). */
int64_t tc_module_made(int64_t c, const char *title);
/* Staff add a lesson (body consumed) to module m of course c; its id. */
int64_t tc_lesson_made(int64_t c, int64_t m, json_t *body);
/* Staff add the quiz (body consumed) of module m of course c; its id. */
int64_t tc_quiz_made(int64_t c, int64_t m, json_t *body);
/* Staff make a cohort of course c in UTC from `from` to `to` seconds
 * after the server's clock now, tutored by tutor (0: no one); its id. */
int64_t tc_cohort_made(int64_t c, const char *title, int64_t from, int64_t to,
    int64_t tutor);
/* Staff enrol person uid in cohort kid (201). */
void tc_enrolled(int64_t kid, int64_t uid);

/* token's participant reads lesson lid of course c (200). */
void tc_lesson_read(int64_t c, int64_t lid, const char *token);
/* The id a taker was given for the answer with text in their quiz view j
 * (GET .../quizzes/{qid}: an answer's id holds for one person's attempt
 * only); "" when none. */
const char *tc_answer_id(json_t *j, const char *text);
/* Attempt number of token's at quiz q of course c, answering question "1"
 * with the answer whose text is text (asserted to be there); the answer
 * to the attempt. */
const struct ts_res *tc_attempt_with(const char *token, int64_t c, int64_t q, int number,
    const char *text);

/* An approved expert (a member without an organization, with a page at
 * /people/{id}): email added as an applicant to db with password, applied
 * through /join on s, approved there by staff (staff_email, the same
 * password); their id. */
int64_t tc_expert_made(const struct ts_server *s, const char *db, const char *staff_email,
    const char *email, const char *name, const char *password);

#endif
