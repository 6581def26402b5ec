/*
 * calls_int.h -- what the files of src/app/calls share: the store
 * (store.c), which alone reads and writes calls, call_applications and
 * call_scores, and the checks and views the handlers have in common.
 */
#ifndef WS_CALLS_INT_H
#define WS_CALLS_INT_H

#include <jansson.h>
#include <stdint.h>

#include "app/calls/calls.h"
#include "core/err.h"

struct db;

#define CALL_CRITERIA_MAX 20	/* criteria reviewers score a call's applications by */
#define CALL_WEIGHT_MAX 100	/* the heaviest criterion's weight */
#define CALL_NAME_MAX 200	/* bytes of a criterion's name */
#define CALL_SCORE_MAX 5	/* a score is 0 to 5 */
#define CALL_COMMENT_MAX 5000	/* characters of a reviewer's comment */
#define CALL_DECIDE_MAX 500	/* applications one request decides */

extern const char *const call_kinds[];		/* NULL-terminated */
extern const char *const call_statuses[];	/* draft, open, closed, decided */
extern const char *const capp_statuses[];	/* draft, submitted, ... withdrawn */

/* ---- calls (store.c) ---- */

/* Call id as stored JSON (every column, opens_at and closes_at as Unix
 * seconds, eligibility, questions and criteria as JSON, submitted and
 * accepted counts, mine and mine_id: caller uid's application's status and
 * id, or null) when a caller of that standing may see it (staff: drafts
 * too); WS_ENOTFOUND otherwise.  New reference in *out. */
enum ws_err call_get(struct db *d, int64_t uid, int staff, int64_t id, json_t **out) WS_WUR;
/* A page of the calls such a caller sees, open ones first and soonest
 * closing first, with status and kind filters ("" for any), and how many. */
enum ws_err call_list(struct db *d, int64_t uid, int staff, const char *status,
    const char *kind, int64_t page, int per_page, json_t **items, int64_t *total) WS_WUR;
/* Inside the caller's transaction: a call from checked values (call_get's
 * names) by created_by, its id into *id; or call id rewritten. */
enum ws_err call_insert(struct db *d, json_t *values, int64_t created_by, int64_t *id) WS_WUR;
enum ws_err call_update(struct db *d, int64_t id, json_t *values) WS_WUR;
/* Taken first in a transaction that decides a call's applications (a row
 * lock on PostgreSQL).  WS_ENOTFOUND when there is no such call. */
enum ws_err call_lock(struct db *d, int64_t id) WS_WUR;
/* How many scores the applications to call id have. */
enum ws_err call_scored(struct db *d, int64_t id, int64_t *n) WS_WUR;
/* Whether an application to call has answered question qid, in its
 * answers or with a file. */
enum ws_err capp_q_answered(struct db *d, int64_t call, const char *qid, int *answered) WS_WUR;

/* ---- applications (store.c) ---- */

/* What staff narrow a call's applications to; "" or 0 for all. */
struct capp_filter {
	const char *status;
	int64_t org;
	const char *sort;	/* "score": highest weighted mean first; else as they came */
};

/* Application aid to call id as stored JSON ({id, call_id, user_id,
 * organization_id, answers, status, created_at, updated_at, submitted_at,
 * decided_at (Unix seconds or null), name, email, organization, country,
 * score_sum, score_n, score_spread}); WS_ENOTFOUND when none.  New
 * reference in *out. */
enum ws_err capp_get(struct db *d, int64_t call, int64_t aid, json_t **out) WS_WUR;
/* Person uid's application to call id, as capp_get's. */
enum ws_err capp_of_user(struct db *d, int64_t call, int64_t uid, json_t **out) WS_WUR;
/* Organization org's application to call id that is not withdrawn (one at
 * most), as capp_get's; WS_ENOTFOUND when none. */
enum ws_err capp_of_org(struct db *d, int64_t call, int64_t org, json_t **out) WS_WUR;
/* A page of call id's applications under f, all (uid 0) or those person
 * uid acts for (their own, and their organizations' while they are its
 * admins), and how many in all. */
enum ws_err capp_list(struct db *d, int64_t call, int64_t uid, const struct capp_filter *f,
    int64_t page, int per_page, json_t **items, int64_t *total) WS_WUR;
/* Inside the caller's transaction: a new application (org 0: none), its
 * id into *id; submitted_at now when status is "submitted". */
enum ws_err capp_insert(struct db *d, int64_t call, int64_t uid, int64_t org, json_t *answers,
    const char *status, int64_t *id) WS_WUR;
/* Application aid's organization, answers and status; submitted_at is
 * submitted (Unix seconds, 0: NULL).  Only while its status is still was
 * (what the caller read): WS_ECONFLICT when someone changed it since. */
enum ws_err capp_update(struct db *d, int64_t aid, const char *was, int64_t org,
    json_t *answers, const char *status, int64_t submitted) WS_WUR;
/* Application aid decided by staff `by`: status, decided now; only while
 * its status is still was (WS_ECONFLICT otherwise). */
enum ws_err capp_decide(struct db *d, int64_t aid, const char *was, const char *status,
    int64_t by) WS_WUR;
/* Draft aid deleted, with its files from the store; WS_ECONFLICT when it
 * is no draft (submitted meanwhile). */
enum ws_err capp_delete(struct db *d, int64_t aid) WS_WUR;
/* The kind of the file store's files that answer calls' questions. */
#define CAPP_FILE_KIND "call_file"

/* The files answering application aid's file questions, by question:
 * [{question, file_id, name, type, size, sha256}].  New reference. */
enum ws_err capp_files(struct db *d, int64_t aid, json_t **out) WS_WUR;
/* The file answering question of application aid, as capp_files' items;
 * WS_ENOTFOUND when none. */
enum ws_err capp_file_get(struct db *d, int64_t aid, const char *question, json_t **out)
    WS_WUR;
/* Inside the caller's transaction: file_id of the store (claimed by the
 * caller) answers question of application aid, with its name, type, size
 * and sha256; the file it replaces is deleted from the store. */
enum ws_err capp_file_put(struct db *d, int64_t aid, const char *question, int64_t file_id,
    const char *name, const char *type, int64_t size, const char *sha256) WS_WUR;
/* Inside the caller's transaction: application aid's files deleted, rows
 * and store files (nothing else refers to them). */
enum ws_err capp_files_drop(struct db *d, int64_t aid) WS_WUR;
/* How many of call id's applications are accepted. */
enum ws_err capp_accepted(struct db *d, int64_t call, int64_t *n) WS_WUR;
/* {status: count} of call id's applications but drafts.  New reference. */
enum ws_err capp_status_counts(struct db *d, int64_t call, json_t **out) WS_WUR;

/* Reviewer `by`'s scores ({criterion id: 0-5}) of application aid, with
 * comment and their weighted mean in hundredths, replacing theirs. */
enum ws_err call_score_put(struct db *d, int64_t aid, int64_t by, json_t *scores,
    const char *comment, int64_t weighted) WS_WUR;
/* [{reviewer_id, reviewer, scores, comment, weighted (a number 0-5),
 * updated_at (Unix seconds)}] of application aid.  New reference. */
enum ws_err call_score_list(struct db *d, int64_t aid, json_t **out) WS_WUR;

/* ---- shared by the handlers (calls.c) ---- */

/* Stored call c as r's caller sees it (times RFC 3339 in its zone,
 * `accepting`: open to applications now, `application`: the caller's own
 * {id, status} or null).  New reference. */
json_t *call_view(struct req *r, json_t *c);
/* The call of r's {id} r's caller may see, stored JSON (new reference);
 * WS_ENOTFOUND otherwise. */
enum ws_err call_param(struct req *r, int64_t *id, json_t **c) WS_WUR;
/* Whether stored call c takes applications at instant now (Unix
 * seconds): open, opened and not closed. */
int call_accepting_at(json_t *c, int64_t now);
/* Whether stored call c takes applications now: WS_OK, or WS_ECONFLICT
 * with why (w->detail, in r's language: not open yet, or closed at its
 * closing time). */
enum ws_err call_accepting(struct req *r, struct resp *w, json_t *c) WS_WUR;
/* msg in r's language with {{key}} replaced by value, in r's arena (for
 * w->detail and messages by a field). */
const char *call_sub(struct req *r, const char *msg, const char *key, const char *value);
/* Instant t as RFC 3339 in stored call c's zone, into s[n]. */
void call_time(json_t *c, int64_t t, char *s, size_t n);

/* ---- applications (apply.c) ---- */

/* The rule of stored call c's eligibility that r's caller, applying for
 * organization rec (a stored record; NULL: for themselves), breaks, in
 * words for w->detail (r's arena or static); NULL when they meet it. */
const char *call_rule_broken(struct req *r, json_t *c, json_t *rec);

/* Whether r's signed-in caller acts for stored application a: it is
 * their own, made for no organization, or made for an organization they
 * are now an admin of that is not rejected or suspended (whoever filed
 * it).  Staff see every application but act for those alone too. */
int capp_mine(struct req *r, json_t *a);

/* Stored application a as r's caller sees it, with its files ({question,
 * name, type, size, sha256, url}): staff also the person's address, the
 * reviewers' scores and comments and the weighted mean and spread.  New
 * reference. */
json_t *capp_view(struct req *r, json_t *a);

/* ---- pages (pages.c) ---- */

/* A code's words in r's language: a call's kind or status, an
 * application's status; the code itself when unknown. */
const char *call_label(struct req *r, const char *code);
/* Adds to list value val (h_calls') what the /calls page shows. */
void call_page_list(struct req *r, json_t *val);
/* Adds to view item c (call id) what /calls/{id} shows: its times in the
 * reader's zone, the description as HTML, who may apply, the reader's
 * application and the form. */
enum ws_err call_page_one(struct req *r, json_t *c, int64_t id) WS_WUR;

#endif
