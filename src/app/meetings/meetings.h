/*
 * meetings.h -- intergovernmental meetings (issue 16): the sessions of the
 * bodies civil society follows (the crime and drug commissions, the
 * conferences of the parties to the Organized Crime and Corruption
 * Conventions, their working groups and review group, the Crime Congress)
 * and, later, the delegates organizations nominate to them, their side
 * events and their requests to speak.
 *
 * A session is an event of kind `session` (src/app/events) with more to
 * it: one row of `meetings` per session event holds its body, number and
 * title, its agenda of numbered items (each open to statements or not),
 * who may take part (organizations in consultative status with ECOSOC,
 * those staff invited, or any member organization: the rules of
 * procedure differ from body to body), the window for nominating
 * delegates and how many delegates an organization may nominate.  Its
 * place, dates, time zone, status, who sees it and its documents are its
 * event's, so the events list, calendars and reminders carry sessions as
 * they do any event, and who sees a session is who sees its event
 * (EV_VISIBLE): a draft is staff's, and a session a caller may not see is
 * a 404.  The bodies are rows of `meeting_bodies` (a fixed list, English
 * and French names) that staff add to.
 */
#ifndef WS_MEETINGS_H
#define WS_MEETINGS_H

#include <stdint.h>

#include "http/form.h"
#include "http/http.h"

/* The query of GET /meetings and /api/v1/meetings: body, year, page,
 * per_page. */
extern const struct field mtg_q_list[];

/* GET /api/v1/meetings (and the page /meetings): the sessions the caller
 * may see, the latest year first, with counts by body and year. */
enum ws_err h_meetings(struct req *r, struct resp *w);
/* GET /api/v1/meetings/{id} (and /meetings/{id}): a session with its
 * agenda and what the caller can do now. */
enum ws_err h_meeting(struct req *r, struct resp *w);
/* POST /api/v1/meetings (staff): a new session and its event. */
enum ws_err h_meeting_create(struct req *r, struct resp *w);
/* PATCH /api/v1/meetings/{id} (staff): what is sent changes. */
enum ws_err h_meeting_edit(struct req *r, struct resp *w);
/* GET /api/v1/bodies: the bodies, in their order, named in the reader's
 * language. */
enum ws_err h_bodies(struct req *r, struct resp *w);
/* POST /api/v1/bodies (staff): a new body {code, name_en, name_fr}. */
enum ws_err h_body_add(struct req *r, struct resp *w);

/* Appends to out the sessions whose nomination window is open and that
 * r's signed-in caller may nominate delegates to for one of admin_orgs
 * (stored records of the organizations they are an admin of): one that
 * meets the session's rule and has delegates left to nominate.  Each as
 * the open opportunities take them (app/opportunities): {type
 * "nomination", id, title, kind "session", deadline_at (the window's
 * close), timezone, href, action "nominate", themes [], countries []}. */
enum ws_err meetings_opportunities(struct req *r, json_t *admin_orgs, int want, json_t *out)
    WS_WUR;

/* The staff form (pages.c): GET and POST /staff/meetings/new and
 * /staff/meetings/{id}/edit, through the same check as the API. */
enum ws_err h_staff_meeting_new_form(struct req *r, struct resp *w);
enum ws_err h_staff_meeting_create(struct req *r, struct resp *w);
enum ws_err h_staff_meeting_edit_form(struct req *r, struct resp *w);
enum ws_err h_staff_meeting_edit(struct req *r, struct resp *w);

/* The query of GET /api/v1/meetings/{id}/nominations: status,
 * organization, page, per_page. */
extern const struct field mtg_q_noms[];
/* GET /api/v1/meetings/{id}/nominations: staff all of a session's; others
 * those of the organizations they are an admin of (while it is not
 * rejected or suspended), and their own as a delegate. */
enum ws_err h_meeting_nominations(struct req *r, struct resp *w);
/* POST /api/v1/meetings/{id}/nominations: an organization's admin
 * nominates a delegate (nominations.c says what is refused, and how). */
enum ws_err h_meeting_nominate(struct req *r, struct resp *w);
/* POST /api/v1/meetings/{id}/nominations/decisions (staff): {ids,
 * decision: approve|decline, reason}, each in its own transaction. */
enum ws_err h_meeting_nomination_decisions(struct req *r, struct resp *w);
/* POST /meetings/{id}/nominate: the session page's nomination form
 * through h_meeting_nominate; back to the page, or the page with why and
 * what was typed. */
enum ws_err h_meeting_nominate_form(struct req *r, struct resp *w);
/* GET /staff/meetings/{id}/delegates.csv (staff): the approved delegates
 * as the registration desks use them. */
enum ws_err h_meeting_delegates_csv(struct req *r, struct resp *w);
/* /staff/meetings/{id}/nominations: staff's page of a session's
 * nominations (filters by status and organization, pages), and its POST,
 * the bulk approve or decline through the API's one decision. */
enum ws_err h_staff_meeting_nominations(struct req *r, struct resp *w);
/* The nominations naming r's caller's address, as their account shows
 * them: [{id, meeting_id, session (the body and title in r's language),
 * organization_id, organization, status, status_label, reason}], newest
 * first, at most MEETINGS_MINE_MAX.  New reference in *out. */
#define MEETINGS_MINE_MAX 100
enum ws_err meetings_my_nominations(struct req *r, json_t **out) WS_WUR;
enum ws_err h_staff_meeting_nominations_decide(struct req *r, struct resp *w);

/* ---- side events (side_events.c, side_pages.c) ---- */

/* The query of GET /api/v1/meetings/{id}/side-events and staff's page:
 * status, organization, page, per_page. */
extern const struct field mtg_q_side_events[];
/* GET /api/v1/meetings/{id}/side-events: staff all of a session's
 * proposals; others those of the organizations they are an admin of. */
enum ws_err h_meeting_side_events(struct req *r, struct resp *w);
/* POST /api/v1/meetings/{id}/side-events: an organization's admin proposes
 * a side event (side_events.c says what is refused, and how). */
enum ws_err h_meeting_side_event_propose(struct req *r, struct resp *w);
/* GET /api/v1/meetings/{id}/side-events/{sid}: staff, or an admin of its
 * organization (404 for others). */
enum ws_err h_meeting_side_event(struct req *r, struct resp *w);
/* PATCH: its organization's admins change it (pending again). */
enum ws_err h_meeting_side_event_edit(struct req *r, struct resp *w);
/* DELETE: its organization's admins withdraw it (kept, withdrawn). */
enum ws_err h_meeting_side_event_withdraw(struct req *r, struct resp *w);
/* POST /api/v1/meetings/{id}/side-events/{sid}/decision (staff): {decision:
 * accept|decline|request_changes, slot_id, message}. */
enum ws_err h_meeting_side_event_decision(struct req *r, struct resp *w);
/* GET /meetings/{id}/programme.ics: the accepted side events in their
 * slots as iCalendar, seen as the session is. */
enum ws_err h_meeting_programme_ics(struct req *r, struct resp *w);
/* GET and POST /meetings/{id}/side-events/new: the proposal form. */
enum ws_err h_meeting_side_event_new_form(struct req *r, struct resp *w);
enum ws_err h_meeting_side_event_new(struct req *r, struct resp *w);
/* GET and POST /meetings/{id}/side-events/{sid}/edit: the proposer's change
 * (and, with withdraw=1, withdrawal) through the API's handlers. */
enum ws_err h_meeting_side_event_edit_form(struct req *r, struct resp *w);
enum ws_err h_meeting_side_event_edit_post(struct req *r, struct resp *w);
/* /staff/meetings/{id}/side-events: staff's page of a session's proposals
 * (filters by status and organization), its POST deciding one through the
 * API's decision, and the CSV. */
enum ws_err h_staff_meeting_side_events(struct req *r, struct resp *w);
enum ws_err h_staff_meeting_side_events_decide(struct req *r, struct resp *w);
enum ws_err h_staff_meeting_side_events_csv(struct req *r, struct resp *w);
/* Appends to out the sessions whose side-event window is open that one of
 * admin_orgs meets the rule of, as meetings_opportunities does ({type
 * "side_event", ..., action "propose"}). */
enum ws_err meetings_side_event_opportunities(struct req *r, json_t *admin_orgs, json_t *out)
    WS_WUR;

#include <stdio.h>

struct app;
struct db;
/* `whatson export delegates --session ID`: h_meeting_delegates_csv's CSV
 * to f (WS_ENOTFOUND when there is no such session). */
enum ws_err meetings_delegates_export(struct db *d, int64_t id, FILE *f) WS_WUR;
/* `whatson seed --demo`: a few sessions of several bodies with their
 * agendas, made by staff_id; none added twice (a body's number is its
 * key).  How many were added into *added. */
enum ws_err meetings_seed_demo(struct app *app, struct db *d, int64_t staff_id, int *added)
    WS_WUR;

/* Requests to speak (speaking.c, speaking_pages.c). */
/* GET /api/v1/meetings/{id}/speaking-requests: staff all of a session's;
 * others those of the organizations they are an admin of now. */
enum ws_err h_speaking_requests(struct req *r, struct resp *w);
/* POST /api/v1/meetings/{id}/speaking-requests: an organization's admin
 * asks to speak on an item (speaking.c says what is refused, and how). */
enum ws_err h_speaking_request_add(struct req *r, struct resp *w);
/* GET, PATCH, DELETE /api/v1/meetings/{id}/speaking-requests/{rid}: staff
 * and the organization's admins see it; its admins change or withdraw it
 * while it is pending. */
enum ws_err h_speaking_request(struct req *r, struct resp *w);
enum ws_err h_speaking_request_edit(struct req *r, struct resp *w);
enum ws_err h_speaking_request_withdraw(struct req *r, struct resp *w);
/* GET /meetings/{id}/speakers (and its JSON twin): the published lists. */
enum ws_err h_meeting_speakers(struct req *r, struct resp *w);
/* POST /api/v1/meetings/{id}/speakers (staff): an item's allocation, and
 * its publication. */
enum ws_err h_meeting_speakers_allocate(struct req *r, struct resp *w);
/* GET /staff/meetings/{id}/speakers.csv (staff): every request by item. */
enum ws_err h_meeting_speakers_csv(struct req *r, struct resp *w);
/* /staff/meetings/{id}/speakers (staff; a JSON twin): the requests by
 * item, and its POST, one item's form through mtg_spk_allocate. */
enum ws_err h_staff_meeting_speakers(struct req *r, struct resp *w);
enum ws_err h_staff_meeting_speakers_post(struct req *r, struct resp *w);
/* GET and POST /meetings/{id}/speaking-requests/new: the request form,
 * through h_speaking_request_add. */
enum ws_err h_speaking_request_form(struct req *r, struct resp *w);
enum ws_err h_speaking_request_form_post(struct req *r, struct resp *w);
/* POST /meetings/{id}/speaking-requests/{rid}/withdraw: the session page's
 * button, through h_speaking_request_withdraw. */
enum ws_err h_speaking_request_withdraw_form(struct req *r, struct resp *w);
/* GET and POST /meetings/{id}/speaking-requests/{rid}/edit: the request
 * form for a pending request of the caller's organization, through
 * h_speaking_request_edit. */
enum ws_err h_speaking_request_edit_form(struct req *r, struct resp *w);
enum ws_err h_speaking_request_edit_form_post(struct req *r, struct resp *w);
/* Appends to out the sessions whose speaking window is open, that have an
 * item open to statements, and that one of admin_orgs (the organizations
 * r's caller is an admin of) meets the rule of: {type "speaking", id,
 * title, kind "session", deadline_at, timezone, href (the request form),
 * action "request_to_speak", themes [], countries []}. */
enum ws_err meetings_speaking_opportunities(struct req *r, json_t *admin_orgs, int want,
    json_t *out) WS_WUR;

#endif
