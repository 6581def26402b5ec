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

#include "http/form.h"
#include "http/http.h"

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

#endif
