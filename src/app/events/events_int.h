/*
 * events_int.h -- what the files of src/app/events share: who is asking,
 * a list's filters, and the store (store.c), which alone reads and writes
 * the rows of events and event_terms.
 */
#ifndef WS_EVENTS_INT_H
#define WS_EVENTS_INT_H

#include <jansson.h>
#include <stdint.h>

#include "app/events/events.h"
#include "core/buf.h"
#include "core/err.h"

struct db;
struct user;

/* Who asks, as EV_VISIBLE (statements.c) reads it. */
struct ev_viewer {
	int64_t uid;	/* 0: a visitor */
	int staff;	/* staff or admin */
	int member;	/* an approved person: a member, a focal point, staff */
};

/* The viewer r is. */
void ev_viewer_of(struct req *r, struct ev_viewer *v);
/* The viewer person u is (NULL: a visitor), u's role being the one they
 * have now (user_effective_role). */
void ev_viewer_for(const struct user *u, struct ev_viewer *v);

/* The facets that are lists (event_terms.facet). */
enum ev_term { ET_THEME, ET_LANGUAGE, ET_REGION, ET__MAX };
extern const char *const ev_term_facet[ET__MAX];	/* "theme", "language", "region" */
extern const char *const ev_term_field[ET__MAX];	/* "themes", "languages", "regions" */

/* A list's filters; "" for none. */
struct ev_filter {
	const char *status;
	const char *kind;
	const char *month;	/* "2026-10" */
	const char *when;	/* "upcoming", "past" or "" (all) */
	int64_t now;		/* what upcoming and past are measured from */
	const char *term[ET__MAX];
};

extern const char *const ev_kinds[];	/* NULL-terminated */

/* A session's event is made and changed with its meeting (app/meetings). */
#define EV_SESSION_ELSEWHERE N_("A session of a commission or conference is made and " \
	"changed on its meeting's page (/meetings), with its body and agenda.")
/* Why a draft is not cancelled (events.c, staff.c): it was never
 * announced, and a cancelled event is shown to everyone it is for. */
#define EV_DRAFT_NOT_CANCELLED N_("A draft was never announced: there is nothing to " \
	"cancel. Leave it a draft, or publish it first.")

/* Event id as stored JSON (every column; times as Unix seconds,
 * confirmed and waitlisted counts, `mine`: the status of v's own
 * registration or null) if v may see it; WS_ENOTFOUND otherwise.  New
 * reference in *out. */
enum ws_err ev_get(struct db *d, const struct ev_viewer *v, int64_t id, json_t **out) WS_WUR;
/* Whether person uid's place at event id no longer carries its link to
 * join: the event is a constructive dialogue's, and uid is no longer one
 * of its approved participants (their organization suspended or left,
 * their membership ended).  ev_get and ev_list mark such a row
 * "link_lapsed"; the registration itself stays on record. */
int ev_link_lapsed(struct db *d, int64_t id, int64_t uid);
/* A page of what v may see under f (ev_get's JSON) and how many in all. */
enum ws_err ev_list(struct db *d, const struct ev_viewer *v, const struct ev_filter *f,
    int64_t page, int per_page, json_t **items, int64_t *total) WS_WUR;
/*
 * The published events v may still register for at now (member: they may
 * register for an event for members), soonest deadline first (the
 * registration's closing, else the start), as [{id, title, kind,
 * deadline_at, timezone, themes}] into *out (a new reference): at most
 * max; and once want (> 0) are read, no more than those whose deadline is
 * within OPP_DAYS_APART of the want-th's (any later one falls on a later
 * day than each of those, in any time zone).
 */
enum ws_err ev_open_for(struct db *d, const struct ev_viewer *v, int member, int64_t now,
    int want, int max, json_t **out) WS_WUR;
/* {value: count} of facet ("kind", "month" or an ev_term_facet) under f
 * with its own filter left out.  New reference in *out. */
enum ws_err ev_facet(struct db *d, const struct ev_viewer *v, const struct ev_filter *f,
    const char *facet, json_t **out) WS_WUR;

/* Inside the caller's transaction: inserts an event from checked values
 * (ev_get's names: start_at, end_at, ... and start_month), by created_by;
 * its id in *id. */
enum ws_err ev_insert(struct db *d, json_t *values, int64_t created_by, int64_t *id) WS_WUR;
/* Inside the caller's transaction: rewrites event id from values. */
enum ws_err ev_update(struct db *d, int64_t id, json_t *values) WS_WUR;
/* Rewrites the event_terms of id from values' lists. */
enum ws_err ev_terms_put(struct db *d, int64_t id, json_t *values) WS_WUR;

/* ---- registrations (store.c) ---- */

/* Taken first in a transaction that changes event id's registrations: a
 * row lock on PostgreSQL (SQLite's write transaction serializes already).
 * WS_ENOTFOUND when there is no such event. */
enum ws_err ev_lock(struct db *d, int64_t id) WS_WUR;
/* Registration rid of event ev ({id, event_id, user_id, name,
 * organization_id, registered_by, status, answers, position, created_at,
 * decided_at}, times as Unix seconds); WS_ENOTFOUND when none.  New
 * reference in *out. */
enum ws_err ev_reg_get(struct db *d, int64_t ev, int64_t rid, json_t **out) WS_WUR;
/* Person uid's registration for event ev, as ev_reg_get's. */
enum ws_err ev_reg_of_user(struct db *d, int64_t ev, int64_t uid, json_t **out) WS_WUR;
/* A page of event ev's registrations, all (uid 0) or person uid's and
 * those filed for colleagues of an approved organization uid is an admin
 * of now, oldest first, and how many in all. */
enum ws_err ev_reg_list(struct db *d, int64_t ev, int64_t uid, int64_t page, int per_page,
    json_t **items, int64_t *total) WS_WUR;
/* The places taken of event ev (confirmed, attended) and the last
 * position its waiting list has given. */
enum ws_err ev_reg_taken(struct db *d, int64_t ev, int64_t *taken, int64_t *last) WS_WUR;
/* A new registration (position 0: none); its id in *id.  answers is
 * stored JSON. */
enum ws_err ev_reg_insert(struct db *d, int64_t ev, int64_t uid, int64_t org, int64_t by,
    const char *status, json_t *answers, int64_t position, int64_t *id) WS_WUR;
/* Registration rid, cancelled or declined before, made anew. */
enum ws_err ev_reg_reopen(struct db *d, int64_t rid, int64_t org, int64_t by,
    const char *status, json_t *answers, int64_t position) WS_WUR;
enum ws_err ev_reg_set_status(struct db *d, int64_t rid, const char *status) WS_WUR;
/* The first on event ev's waiting list; WS_ENOTFOUND when nobody is. */
enum ws_err ev_reg_first_waiting(struct db *d, int64_t ev, int64_t *rid) WS_WUR;

/* ---- staff's side (store.c) ---- */

/* What staff narrow an event's registrations to; "" or 0 for all. */
struct ev_reg_filter {
	const char *status;
	int64_t org;		/* organization id */
	const char *q;		/* lower case: in the name or the address */
};

/* A page of event ev's registrations under f, all (uid 0) or person
 * uid's and those an admin filed for colleagues of an approved
 * organization uid is an admin of now, oldest first, and how many in
 * all: each as
 * ev_reg_get's with email, organization (its name or null) and country
 * (or null). */
enum ws_err ev_reg_find(struct db *d, int64_t ev, int64_t uid, const struct ev_reg_filter *f,
    int64_t page, int per_page, json_t **items, int64_t *total) WS_WUR;
/* {status: count} of event ev's registrations.  New reference. */
enum ws_err ev_reg_status_counts(struct db *d, int64_t ev, json_t **out) WS_WUR;
/* Registration rid decided: status, its place on the waiting list
 * (position 0: none), decided now. */
enum ws_err ev_reg_decide(struct db *d, int64_t rid, const char *status, int64_t position)
    WS_WUR;
/* Registration rid's status only (attendance). */
enum ws_err ev_reg_mark(struct db *d, int64_t rid, const char *status) WS_WUR;
/* [{id, name}] of the organizations event ev's registrations count for. */
enum ws_err ev_reg_orgs(struct db *d, int64_t ev, json_t **out) WS_WUR;

/* Staff's mail to an event's people (mail.c).  Inside the caller's
 * transaction: message (subject, body) of staff `by` to event ev's
 * confirmed people, and its waitlisted ones when waitlisted; its id into
 * *id, how many it goes to into *n (who they are is fixed now). */
enum ws_err ev_msg_insert(struct db *d, int64_t ev, int64_t by, const char *subject,
    const char *body, int waitlisted, int64_t *id, int64_t *n) WS_WUR;
/* Message id as {event_id, subject, body} (new reference); WS_ENOTFOUND. */
enum ws_err ev_msg_get(struct db *d, int64_t id, json_t **out) WS_WUR;
/* Up to max user ids message id is still to be mailed to (new array). */
enum ws_err ev_msg_pending(struct db *d, int64_t id, int max, json_t **uids) WS_WUR;
/* Marks message id mailed to uid: *claimed 1 when this call did it, 0 when
 * someone had (then it must not be mailed again). */
enum ws_err ev_msg_claim(struct db *d, int64_t id, int64_t uid, int *claimed) WS_WUR;
/* The max latest messages about event ev, newest first: [{id, sent_at
 * (seconds), sent_by (a name), subject, recipients, include_waitlisted,
 * mailed}] (new array). */
enum ws_err ev_msg_list(struct db *d, int64_t ev, int max, json_t **out) WS_WUR;

/* Whether a registration for event ev answered question qid. */
enum ws_err ev_q_answered(struct db *d, int64_t ev, const char *qid, int *answered) WS_WUR;

#define EV_QUESTIONS_MAX 20	/* questions an event asks */
#define EV_CHOICES_MAX 20	/* choices of one question */
#define EV_LABEL_MAX 300	/* bytes of a question's label */
#define EV_CHOICE_MAX 200	/* bytes of one of its choices */

/* ---- mail.c ---- */

#define EV_MSG_SUBJECT_MAX 200		/* characters of a message's subject */
#define EV_MSG_BODY_MAX 20000		/* characters of its text */

/* Checks r's subject, body and include_waitlisted: trimmed values (in r's
 * arena) into *subject and *body, the box into *waitlisted, a message per
 * field that fails in errors. */
void ev_mail_input(struct req *r, json_t *errors, const char **subject, const char **body,
    int *waitlisted);
/* Sends checked message subject, body from r's caller to event id's
 * (stored ev's) confirmed people, and waitlisted ones when waitlisted:
 * stored with its recipients, audited and its job queued in one
 * transaction; how many it goes to into *n. */
enum ws_err ev_mail_send(struct req *r, int64_t id, json_t *ev, const char *subject,
    const char *body, int waitlisted, int64_t *n) WS_WUR;

/* ---- staff.c ---- */

/* The filters of r's query (ev_q_regs), q lower-cased in r's arena. */
void ev_reg_filter_of(struct req *r, struct ev_reg_filter *f);
/* Takes decision ("approve", "decline", "attended", "absent") on each of
 * event id's registrations ids, each in its own transaction: *out is
 * {event_id, decision, succeeded, refused, results: [{id, ok, status or
 * reason}]}, a new reference. */
enum ws_err ev_decide_all(struct req *r, int64_t id, json_t *ids, const char *decision,
    const char *reason, json_t **out) WS_WUR;

/* Event id's registrations as CSV, header first, to out (WS_ENOTFOUND
 * when there is no such event). */
enum ws_err ev_reg_csv(struct db *d, int64_t id, struct buf *out) WS_WUR;

/* ---- registrations.c ---- */

/* Stored registration g as r's caller sees it.  New reference. */
json_t *ev_reg_view(struct req *r, json_t *g);
/* Inside the caller's transaction with event ev (stored JSON) locked:
 * gives freed places to the first on the waiting list. */
enum ws_err ev_reg_promote(struct req *r, struct db *d, json_t *ev) WS_WUR;
/* Inside the caller's transaction: mails person uid what their
 * registration for ev became ("pending", "confirmed", "waitlisted",
 * "promoted"). */
enum ws_err ev_reg_mail(struct req *r, struct db *d, json_t *ev, int64_t uid,
    const char *status) WS_WUR;
/* The entry of a registration in its organization's history (org), or
 * the audit log for a person without one. */
void ev_reg_audit(struct req *r, struct db *d, json_t *ev, int64_t org, int64_t uid,
    const char *action, const char *status);

/* ---- pages.c ---- */

#define EV_MONTH_MAX 200	/* events a month's calendar shows */

/* Adds to list value val (h_events') what the /events page shows: its
 * items' times in words in the reader's zone, the filters as links, the
 * tabs and, for ?view=month, the month's calendar. */
void ev_page_list(struct req *r, json_t *val);
/* The month ?view=month shows ("2026-10": ?month, else the reader's this
 * month); "" when the list is not a month view. */
const char *ev_page_month(struct req *r);
/* Instant t in words in the reader's zone (the one they chose, else
 * stored or view event ev's, which may be NULL, else UTC): when's {datetime
 * (RFC 3339), date, time, offset, zone, day} and text ("1 June 2029, 09:00
 * (UTC+2, Europe/Vienna)").  New reference. */
json_t *ev_page_when(struct req *r, json_t *ev, int64_t t);
/* Kind code of an event in words, in the reader's language (borrowed). */
const char *ev_kind_label(struct req *r, const char *kind);
/* Adds to view item ev (event id) what /events/{id} shows: times in words,
 * the description as HTML, the reader's registration and the form. */
enum ws_err ev_page_one(struct req *r, json_t *ev, int64_t id) WS_WUR;

#endif
