/*
 * courses.h -- what the course tests (tests/http/courses_*_test.c) share:
 * staff making a course's parts, cohorts and enrolments; a participant
 * reading a lesson and answering a quiz by an answer's text; an approved
 * expert.  Each program used to carry its own copy of these.  The generic
 * helpers (JSON calls from one plain browser, reading a JSON answer,
 * addresses in rotating buffers, the server's clock) are lib/api.h's,
 * known here by their tc_ names too.
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

#include "lib/api.h"
#include "lib/testsrv.h"

/* The browser the calls go through and staff's token (a buffer the test
 * owns and may fill anew). */
void tc_use(struct ts_browser *plain, const char *staff_tok);

/* The generic helpers under the names the course tests know them by (see
 * lib/api.h): a JSON call as a token, j's integer and string members, the
 * "id" of an answer, printf into rotating buffers, the server's clock, a
 * time in RFC 3339 UTC. */
#define tc_api ta_api
#define tc_num ta_num
#define tc_str ta_str
#define tc_id_of ta_id_of
#define tc_path ta_path
#define tc_now ta_now
#define tc_utc ta_utc

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
