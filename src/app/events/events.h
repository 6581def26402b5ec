/*
 * events.h -- events and workshops (issue 14): workshops, webinars,
 * trainings, briefings and meetings that staff publish and people register
 * for, each at UTC instants shown in its own IANA time zone (core/tz.h).
 *
 * An event is one row of `events` with its themes, languages and regions
 * also as rows of event_terms, which filters and counts read.  Who sees
 * one is decided in one place, the EV_VISIBLE condition of
 * src/db/statements.c: staff every event; others a published or
 * cancelled one that is public, or for members (every approved person,
 * focal points included) when they are one.  An event a caller may not
 * see is a 404, never a 403.  Its online address is shown to staff and to
 * the people whose registration is confirmed.
 */
#ifndef WS_EVENTS_H
#define WS_EVENTS_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "http/form.h"
#include "http/http.h"

struct app;

/* The query of GET /events and /api/v1/events: kind, theme, language,
 * region, month ("2026-10", in each event's zone), when (upcoming, past,
 * all), status (staff), view (list, month: a month's events, all of them
 * up to EV_MONTH_MAX, upcoming and past), page, per_page. */
extern const struct field ev_q_list[];

/* GET /api/v1/events: a page of what the caller may see, with facets. */
enum ws_err h_events(struct req *r, struct resp *w);
/* POST /api/v1/events (staff). */
enum ws_err h_event_create(struct req *r, struct resp *w);
/* GET /api/v1/events/{id}. */
enum ws_err h_event(struct req *r, struct resp *w);
/* PATCH /api/v1/events/{id} (staff): what is sent changes. */
enum ws_err h_event_edit(struct req *r, struct resp *w);

/* POST /api/v1/events/{id}/registrations: registers the caller, or
 * (user_id) a colleague of an organization they are an admin of. */
enum ws_err h_event_register(struct req *r, struct resp *w);
/* GET /api/v1/events/{id}/registrations: staff all; others their own and
 * those they filed. */
enum ws_err h_event_registrations(struct req *r, struct resp *w);
/* GET /api/v1/events/{id}/registrations/{rid}. */
enum ws_err h_event_registration(struct req *r, struct resp *w);
/* DELETE /api/v1/events/{id}/registrations/{rid}: cancels it; the first
 * on the waiting list takes the place freed. */
enum ws_err h_event_unregister(struct req *r, struct resp *w);

/* ---- calendars (calendar.c) ---- */

/* GET /events/{id}/calendar.ics: one event as iCalendar, seen as the event
 * is (404 otherwise). */
enum ws_err h_event_ics(struct req *r, struct resp *w);
/* Answers rows as an iCalendar named name, each row {id, title,
 * description, start_at, end_at, timezone, venue, online_url (not sent),
 * status, sequence, updated_at} and, for what is not an event, its own
 * uid ("side-event-3") and url: how other areas (a session's programme)
 * publish their calendars as the events' are. */
enum ws_err events_calendar_send(struct req *r, struct resp *w, json_t *rows, const char *name)
    WS_WUR;
/* GET /events/calendar.ics: public events, upcoming and of the last 90 days. */
enum ws_err h_events_ics(struct req *r, struct resp *w);
/* GET /calendar/{token}.ics: the events a person registered for; 404 for a
 * token that is not theirs now. */
enum ws_err h_personal_ics(struct req *r, struct resp *w);
/* GET /account/calendar: whether the caller has a feed address. */
enum ws_err h_calendar_page(struct req *r, struct resp *w);
/* POST /account/calendar: a new feed address (the old one stops working),
 * shown once. */
enum ws_err h_calendar_reset(struct req *r, struct resp *w);
/* POST /api/v1/account/calendar-token: the same, for programs (201). */
enum ws_err h_api_calendar_token(struct req *r, struct resp *w);

/* POST /events/{id}/register: the page's form (answers.<question id>
 * fields), through h_event_register; back to the event's page, which on a
 * refusal says why, by each question, with what was typed. */
enum ws_err h_event_register_form(struct req *r, struct resp *w);
/* POST /events/{id}/registrations/{rid}/cancel: the page's Cancel button,
 * through h_event_unregister. */
enum ws_err h_event_cancel_form(struct req *r, struct resp *w);
/* ---- staff's side (staff.c) ---- */

/* The query of GET /api/v1/events/{id}/registrations: status,
 * organization, q (in the name or address), page, per_page. */
extern const struct field ev_q_regs[];
/* POST /api/v1/events/{id}/registrations/decisions (staff): {ids,
 * decision: approve|decline|attended|absent, reason}; each decided in its
 * own transaction, the answer saying which succeeded and which not and
 * why. */
enum ws_err h_event_decisions(struct req *r, struct resp *w);
/* GET /staff/events/{id}/registrations.csv (staff): every registration,
 * a column per question, formula-safe cells. */
enum ws_err h_event_registrations_csv(struct req *r, struct resp *w);
/* GET /staff/events: every event, drafts too, with its registrations
 * counted by status; copy, publish and cancel (a box to tick) buttons. */
/* POST /api/v1/events/{id}/mail (staff): {subject, body,
 * include_waitlisted?} mailed to the confirmed (and waitlisted) people,
 * 202 {recipients} (mail.c); POST /staff/events/{id}/mail, the same from
 * the registrations page's form, which it shows again (staff.c). */
enum ws_err h_event_mail(struct req *r, struct resp *w);
enum ws_err h_staff_event_mail(struct req *r, struct resp *w);
enum ws_err h_staff_events(struct req *r, struct resp *w);
/* POST /staff/events/{id}/publish: a draft published. */
enum ws_err h_staff_event_publish(struct req *r, struct resp *w);
/* POST /staff/events/{id}/cancel: confirm=yes, else a 422 asking for it. */
enum ws_err h_staff_event_cancel(struct req *r, struct resp *w);
/* POST /staff/events/{id}/copy: a draft with the same fields, "Copy of
 * ...", no registrations. */
enum ws_err h_staff_event_copy(struct req *r, struct resp *w);
/* GET /staff/events/{id}/registrations: the registrants, filtered and
 * counted, with their answers and a form to decide on those ticked. */
enum ws_err h_staff_event_registrations(struct req *r, struct resp *w);
/* POST /staff/events/{id}/registrations: that form (ids, decision,
 * reason); the page again with what became of each. */
enum ws_err h_staff_event_decide(struct req *r, struct resp *w);
/* GET /staff/events/new and /staff/events/{id}/edit: the event form;
 * POST them: the checks of POST and PATCH /api/v1/events, the form again
 * with what was typed and a message by each field that fails. */
enum ws_err h_staff_event_new_form(struct req *r, struct resp *w);
enum ws_err h_staff_event_create(struct req *r, struct resp *w);
enum ws_err h_staff_event_edit_form(struct req *r, struct resp *w);
enum ws_err h_staff_event_edit(struct req *r, struct resp *w);

/* ---- questions and answers, events' and calls' (events.c, registrations.c) ---- */

#define EV_ANSWER_LIMIT 20000	/* the most characters a text question may allow */

/*
 * The questions sent (in: absent or an array of {id, label, type,
 * required, choices, max_length}) as stored: each with an id ("q1", ...
 * when none is given), its type (text, choice, yes_no; and, when files,
 * file: a call's question answered by an uploaded document), whether
 * required, a choice question's choices and a text question's max_length
 * (1 to EV_ANSWER_LIMIT characters; 2000 when not given).  NULL when they
 * are not well formed (a file question among an event's).  New reference.
 */
json_t *events_questions_of(json_t *in, int files);
/*
 * The answers in (an object: question id -> answer, or absent) to
 * checked questions, as stored: the known questions' answers only (a
 * file question's answer is its file, which the caller keeps).  A
 * required question left empty is refused when need_required (a draft
 * may leave it).  A message in r's language per question that fails in
 * errors, under "answers.<id>".  New reference.
 */
json_t *events_answers_of(struct req *r, json_t *questions, json_t *in, int need_required,
    json_t *errors);

/*
 * Checked questions as a page's form shows them (the templates'
 * question_list: is_text, is_choice, is_yes_no, is_file, value, choice_list, yes,
 * no, error), with what form holds (the typed answers by question id, as
 * text; may be NULL) and the messages of errors ("answers.<id>"; may be
 * NULL).  New reference.
 */
json_t *events_question_list(struct req *r, json_t *questions, json_t *form, json_t *errors);
/* Instant t in words in the reader's zone (the one they chose, else zone,
 * an IANA name): {datetime, date, time, offset, zone, day, text}, as the
 * event pages show times.  New reference. */
json_t *events_when(struct req *r, const char *zone, int64_t t);
/* The answers.<id> fields of a page's form (r->in) to questions as the
 * API's answers (a yes_no question's "yes" or "no" a boolean), each also
 * into typed as the text sent (for the form again).  New reference. */
json_t *events_form_answers(struct req *r, json_t *questions, json_t *typed);

struct db;
/* Whether anyone answered question qid of the record id (an event, a
 * call) the questions belong to, into *answered. */
typedef enum ws_err (*events_answered_fn)(struct db *d, int64_t id, const char *qid,
    int *answered);
/*
 * The no-JavaScript questions editor of staff's forms (the events' and
 * the calls'; templates/question_editor.mustache): a row per question
 * (q.<n>.id hidden, label, type, required, choices one a line, remove)
 * and three blank rows; question_rows says how many rows it sends.
 *
 * events_question_rows: stored questions qs of record id (0: a new one)
 * as the editor's rows, blank ones after; is_answered (may be NULL: none
 * answered) marks those with answers; files: whether a question may ask
 * for a file (the calls'), or not (the events').  New reference in *rows.
 *
 * events_questions_from_form: the editor's rows of r as the API's
 * `questions`, set in r->in, to be checked as the API checks them;
 * stored: the record's questions (empty for a new one).  *rows (new
 * reference) what was typed, a message by each field that fails; *bad
 * whether one did.  Nothing is done (*rows NULL) when the form has no
 * question rows.  A question keeps its id; a new one gets an id no
 * stored question had; one with answers keeps its kind.
 */
/* Whether the checked questions of values keep the kind of each of the
 * stored questions of record id that people answered (is_answered): if
 * not, *errors (new; untouched when already set) names the first.  The
 * events' edit and the calls' (app/calls) both hold to it. */
enum ws_err events_kinds_kept(struct req *r, int64_t id, json_t *stored, json_t *values,
    events_answered_fn is_answered, json_t **errors) WS_WUR;
enum ws_err events_question_rows(struct req *r, int64_t id, json_t *qs,
    events_answered_fn is_answered, int files, json_t **rows) WS_WUR;
enum ws_err events_questions_from_form(struct req *r, int64_t id, json_t *stored,
    events_answered_fn is_answered, int files, json_t **rows, int *bad) WS_WUR;
/* Upcoming events, drafts too, soonest first (at most 200), and event
 * keep (0: none) whenever it is, for staff to choose one from:
 * [{id, title, start (RFC 3339 in its zone), selected: id is keep}].  New
 * reference; an empty array when it cannot read. */
json_t *events_choices(struct req *r, int64_t keep);

struct app;
/* Seconds between two deadlines beyond which the later one falls on a
 * later day than the earlier, whatever the time zones each is shown in
 * (offsets from UTC-12 to UTC+14, a day, and a margin): a list that wants
 * only its first few opportunities reads no further than that past them. */
#define OPP_DAYS_APART (50 * 3600)
/*
 * Appends to out (an array) each published event whose registration is
 * open now to r's signed-in caller and that they are not registered for,
 * as an opportunity: {type: "event", id, title, kind, deadline_at (when
 * registration closes, else when it starts; Unix seconds), timezone, href,
 * action: "register", themes, countries: []}, soonest deadline first.
 * want > 0: only those that may be among the first want of a list sorted
 * by deadline day (the first want, and those within OPP_DAYS_APART of the
 * want-th); 0: all (up to 500).
 */
enum ws_err events_opportunities(struct req *r, int want, json_t *out) WS_WUR;

struct db;
/*
 * For an area whose records are events with more to them (a meeting's
 * session is an event of kind `session`): checks in (an event's fields by
 * their JSON names, as POST /api/v1/events takes them; borrowed) as that
 * route does, *values the checked values as events_store takes them (times
 * as instants, start_month "2026-10" in the event's zone), a message per
 * field in r's language in *errors (NULL when none).  New references.
 */
void events_check(struct req *r, json_t *in, json_t **values, json_t **errors);
/*
 * Inside the caller's transaction: writes checked values (events_check's)
 * as a new event by person by (id 0; its id into *out) or over event id,
 * whose registrants are told of a change of time, place or status as any
 * event's are.  WS_ENOTFOUND when there is no event id.
 */
enum ws_err events_store(struct app *app, struct db *d, int64_t id, json_t *values, int64_t by,
    int64_t *out) WS_WUR;
/* Whether event id exists (whatever its status). */
int events_exists(struct db *d, int64_t id);
/*
 * Inside the caller's transaction: registers person uid for event ev, as
 * staff selected them elsewhere (a call's accepted applicants): counting
 * for organization org (0: none), confirmed while there are places,
 * waitlisted after, whatever the event's window and approval; the
 * registration is in the organization's history (or the audit log) and
 * the person is mailed, as any.  Nothing changes for someone registered
 * already.  What their registration is into *status (static).
 * WS_ENOTFOUND when there is no such event.
 */
enum ws_err events_enrol(struct req *r, struct db *d, int64_t ev, int64_t uid, int64_t org,
    const char **status) WS_WUR;

/* `whatson seed --demo --events n`: demo events up to n in all (0 to
 * 1000), past and to come, in several zones, with registrations of every
 * status from the demo accounts and organizations' people; staff_id
 * created them.  How many were added into *added. */
enum ws_err events_seed_demo(struct app *app, struct db *d, int n, int64_t staff_id,
    int *added) WS_WUR;
/* `whatson export registrations --event ID`: event id's registrations as
 * that CSV to f (WS_ENOTFOUND when there is no such event). */
enum ws_err events_csv_export(struct db *d, int64_t id, FILE *f) WS_WUR;

/* Account uid's registrations for events, oldest first, for their export
 * (GET /api/v1/me/export): each with its event's title, status, answers
 * and times.  New reference in *out (store.c). */
enum ws_err events_export_person(struct db *d, int64_t uid, json_t **out) WS_WUR;
/* Whether stored event ev (or an event's values) is a session of a
 * meeting, which takes no registrations: its delegates are nominated. */
int events_is_session(json_t *ev);

#endif
