/*
 * calls.h -- calls for participants (issue 15): a course's cohort, a
 * workshop's participants, a country pilot initiative's stakeholders, an
 * expert roster, a dialogue.  Staff write a call (its eligibility, its
 * questions, the criteria reviewers score by, the time it closes in its
 * own zone) and open it; anyone with a verified account, member or not,
 * answers it with an application (`call_application`, not the membership
 * `application`), for themselves or, as its admin, for their
 * organization; staff score the applications and decide on them once the
 * call is closed.
 *
 * A draft call is staff's (404 for others); every other call is seen by
 * everyone.  An application is seen by staff and by those who act for it
 * (404 for others): its person, or, for one filed for an organization,
 * the organization's admins of the moment, whoever filed it; an
 * organization has one live application a call, which its admins share.
 * So are the files that answer its file questions (uploaded under the
 * rules of the library's files).  The rules (a closed call refuses with its closing time, an
 * ineligible applicant is told the rule, a missing answer is named) are
 * checked on the server, each write in one transaction.
 */
#ifndef WS_CALLS_H
#define WS_CALLS_H

#include "http/form.h"
#include "http/http.h"

/* The query of GET /api/v1/calls: status, kind, page, per_page. */
extern const struct field call_q_list[];
/* The query of GET /api/v1/calls/{id}/applications: status, organization,
 * sort (submitted, score), page, per_page. */
extern const struct field call_q_apps[];

/* GET /api/v1/calls: the calls the caller may see, open ones first. */
enum ws_err h_calls(struct req *r, struct resp *w);
/* POST /api/v1/calls (staff). */
enum ws_err h_call_create(struct req *r, struct resp *w);
/* GET /api/v1/calls/{id}. */
enum ws_err h_call(struct req *r, struct resp *w);
/* PATCH /api/v1/calls/{id} (staff): what is sent changes. */
enum ws_err h_call_edit(struct req *r, struct resp *w);

/* GET /api/v1/calls/{id}/applications: staff all of them (drafts only when
 * asked), filtered and sorted; others those they act for. */
enum ws_err h_call_apps(struct req *r, struct resp *w);
/* POST /api/v1/calls/{id}/applications: the caller's application, a draft
 * or (status "submitted") submitted; a second gives back the first, and so
 * does a second admin's for the same organization. */
enum ws_err h_call_apply(struct req *r, struct resp *w);
/* GET /api/v1/calls/{id}/applications/{aid}. */
enum ws_err h_call_app(struct req *r, struct resp *w);
/* PATCH /api/v1/calls/{id}/applications/{aid}: its person (or its
 * organization's admins) saves the draft, submits it or withdraws it. */
enum ws_err h_call_app_edit(struct req *r, struct resp *w);
/* DELETE /api/v1/calls/{id}/applications/{aid}: a draft deleted (204), a
 * submitted application withdrawn. */
enum ws_err h_call_app_delete(struct req *r, struct resp *w);

/* GET /api/v1/calls/{id}/applications/{aid}/files/{question} (and the
 * page's twin): the file answering that question, as an attachment, to
 * whoever may read the application (its person, staff); 404 for others. */
enum ws_err h_call_app_file(struct req *r, struct resp *w);

/* POST /api/v1/calls/{id}/applications/{aid}/scores (staff): the caller's
 * scores against the call's criteria (0-5 each) and a comment. */
enum ws_err h_call_app_score(struct req *r, struct resp *w);
/* POST /api/v1/calls/{id}/applications/decisions (staff): {ids, decision:
 * accept|waitlist|decline}, each in its own transaction, each applicant
 * mailed; the accepted of a workshop call registered for its event. */
enum ws_err h_call_decisions(struct req *r, struct resp *w);
/* GET /staff/calls/{id}/applications.csv (staff). */
enum ws_err h_call_apps_csv(struct req *r, struct resp *w);

/* ---- pages (pages.c); GET /calls and /calls/{id} are h_calls and h_call ---- */

/* POST /calls/{id}/apply: the call page's form (answers.<id>,
 * organization_id, status: draft or submitted), through h_call_apply or,
 * for a draft there is, h_call_app_edit; back to the call's page, which
 * on a refusal says why, by each question, with what was typed. */
enum ws_err h_call_apply_form(struct req *r, struct resp *w);
/* POST /calls/{id}/withdraw: the page's Withdraw button. */
enum ws_err h_call_withdraw_form(struct req *r, struct resp *w);
/* GET /staff/calls/{id}/applications (staff): the applications with their
 * answers, scores and spread, filtered and sorted, a decision form and a
 * scoring form for each; its JSON twin is h_call_apps' list with the call. */
enum ws_err h_staff_call_apps(struct req *r, struct resp *w);
/* POST /staff/calls/{id}/applications: that page's decision form (ids,
 * decision, reason); the page again with what became of each. */
enum ws_err h_staff_call_decide(struct req *r, struct resp *w);
/* POST /staff/calls/{id}/applications/{aid}/scores: a scoring form
 * (scores.<criterion>, comment); back to the page, or the page with why. */
enum ws_err h_staff_call_score(struct req *r, struct resp *w);

/* ---- staff writing calls (staff.c) ---- */

/* GET /staff/calls (staff): every call, drafts too, filtered by status and
 * kind, a page at a time, each with its times, places and applications
 * (submitted / all); its JSON twin is GET /api/v1/staff/calls. */
enum ws_err h_staff_calls(struct req *r, struct resp *w);
/* GET /staff/calls.csv (staff): that list, every page, as CSV. */
enum ws_err h_staff_calls_csv(struct req *r, struct resp *w);
/* GET /staff/calls/new and /staff/calls/{id}/edit: the call form; POST
 * them: through h_call_create and h_call_edit (check_call, the audit), on
 * to /staff/calls, or the form again with what was typed and a message by
 * each field that fails. */
enum ws_err h_staff_call_new_form(struct req *r, struct resp *w);
enum ws_err h_staff_call_create(struct req *r, struct resp *w);
enum ws_err h_staff_call_edit_form(struct req *r, struct resp *w);
enum ws_err h_staff_call_edit(struct req *r, struct resp *w);

/* ---- what others ask of calls ---- */

struct db;
/* Inside the caller's transaction, as account uid is deleted
 * (accounts/forget.c): the files answering its own applications' file
 * questions leave the store, and their answers are blanked; the
 * applications stay, counted (store.c).  Those it filed for an
 * organization are the organization's, and stay as they are. */
enum ws_err calls_forget_person(struct db *d, int64_t uid) WS_WUR;
/* Account uid's applications to calls, oldest first, for their export
 * (GET /api/v1/me/export): each with its call's title, its status,
 * answers, times and files (question, name, type, size, sha256); one filed
 * for an organization they no longer act for, only that it was filed.
 * New reference in *out (store.c). */
enum ws_err calls_export_person(struct db *d, int64_t uid, json_t **out) WS_WUR;

/* ---- what others show of calls (opportunities.c, feed.c) ---- */

/* At most this many open calls are read for a list of opportunities or
 * the feed: more than a hub ever has open at once. */
#define CALLS_OPEN_MAX 500

/*
 * Appends to out (an array) each call r's signed-in caller can still act
 * on: open now, not answered (their own draft is offered to continue),
 * and eligible for themselves or for one of orgs (the stored records of
 * the organizations they are an admin of; one rejected or suspended does
 * not apply), soonest closing first.  Each
 * is {type: "call", id, title, kind, deadline_at (Unix seconds), timezone,
 * href, action: "apply" or "continue", themes: [], countries: the
 * eligibility's}.  want > 0: only those that may be among the first want
 * of a list sorted by deadline day (events.h's OPP_DAYS_APART); 0: all.
 */
enum ws_err calls_opportunities(struct req *r, json_t *orgs, int want, json_t *out) WS_WUR;
/* Up to n calls open now to everyone (not for members only), soonest
 * closing first: [{id, title, kind, closes: its time in the reader's zone
 * (events_when)}].  New reference; an empty array when it cannot read. */
json_t *calls_open_public(struct req *r, int n);
/* GET /calls.atom: an Atom feed of the calls open now to everyone. */
enum ws_err h_calls_atom(struct req *r, struct resp *w);

/* ---- demo data (seed.c) ---- */

struct app;
struct db;

/* `whatson seed --demo`: six demo calls, one of each kind staff run (a
 * workshop's, filling the first upcoming demo workshop there is), with
 * the demo people's applications in every status, those of the decided
 * call scored by staff_id and reviewer_id; none when the hub has a call
 * already.  How many were added into *added. */
enum ws_err calls_seed_demo(struct app *app, struct db *d, int64_t staff_id,
    int64_t reviewer_id, int *added) WS_WUR;

/* ---- demo data other areas build on calls (seed_for.c) ---- */

/* Inside the caller's transaction: a call from values as the calls'
 * store takes them (kind, title, description, eligibility, opens_at,
 * closes_at, timezone, places, questions, criteria, event_id, status), by
 * person by; its id into *id.  For another area's `seed --demo` (a
 * dialogue's call). */
enum ws_err calls_seed_call(struct db *d, json_t *values, int64_t by, int64_t *id) WS_WUR;
/* Inside the caller's transaction: person uid's submitted application to
 * call (for organization org; 0: none) with answers, then, unless status
 * is "submitted", decided as status by person by; its id into *id. */
enum ws_err calls_seed_application(struct db *d, int64_t call, int64_t uid, int64_t org,
    json_t *answers, const char *status, int64_t by, int64_t *id) WS_WUR;

#endif
