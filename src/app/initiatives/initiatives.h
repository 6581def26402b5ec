/*
 * initiatives.h -- country pilot initiatives (issue 17): a government and
 * its stakeholders working together on one country before the working
 * groups of the Review Mechanism meet.
 *
 * An initiative is a country's (ISO 3166-1 alpha-2), with a title, a
 * summary, its concept note (a resource of the library), a status
 * (proposed, active, concluded), its participants -- the government's
 * focal points (users with the role focal of that country, chosen by
 * staff), partner organizations and experts, who join through the call of
 * kind pilot_initiative linked to it (an accepted application makes its
 * organization, or its person as an expert, a participant in the
 * decision's transaction: initiatives_call_accepted) or are invited by
 * staff -- its meetings (events) and documents (resources) by id, and its
 * outputs: lessons learned, best practices, recommendations, Markdown
 * drafts that staff alone publish, to members or to the public.
 *
 * Who sees what: every initiative's public fields (country, title,
 * summary, status, concept note as the library lets the reader see it,
 * the count of participants) are everyone's, and its outputs published to
 * the public; members (focal points and staff too) see the participants
 * and the outputs published to members; participants and staff see the
 * drafts and the private space (/initiatives/{id}/space): its documents,
 * meetings and the updates staff and participants post, each mailed to
 * the other participants.  As an initiative's existence is public, a
 * signed-in person who takes no part gets 403 from the space (and from
 * posting to it), never 404; an initiative that does not exist is a 404.
 * The participants are the focal points and experts themselves and every
 * person of a partner organization: a focal point while they are one of
 * the initiative's country, an organization's people while it is not
 * suspended or rejected (its history keeps the initiative).
 *
 * What was written can be changed and withdrawn (edits.c): an update by
 * its author or staff, a draft output by its author or staff, a published
 * output by staff alone.  A withdrawn update or draft is deleted (the
 * update's mail is out already; the audit log keeps who withdrew it); a
 * withdrawn published output is unpublished, a draft again, kept so that
 * staff may correct and publish it again.
 */
#ifndef WS_INITIATIVES_H
#define WS_INITIATIVES_H

#include <jansson.h>
#include <stdint.h>

#include "http/form.h"
#include "http/http.h"

struct app;
struct db;

/* The query of /initiatives: country, status, page, per_page. */
extern const struct field ini_q_list[];
/* The query of /initiatives/{id}/space: page, per_page. */
extern const struct field ini_q_space[];

/* GET /initiatives and /api/v1/initiatives: the list, newest first, with
 * counts by country and status. */
enum ws_err h_initiatives(struct req *r, struct resp *w);
/* GET /initiatives/{id} and /api/v1/initiatives/{id}. */
enum ws_err h_initiative(struct req *r, struct resp *w);
/* POST /api/v1/initiatives and PATCH /api/v1/initiatives/{id} (staff),
 * through ini_check, the staff form's check. */
enum ws_err h_initiative_create(struct req *r, struct resp *w);
enum ws_err h_initiative_edit(struct req *r, struct resp *w);
/* POST /api/v1/initiatives/{id}/participants (staff): {kind:
 * organization|expert|focal, organization_id | user_id}; DELETE
 * /api/v1/initiatives/{id}/participants/{pid} (staff). */
enum ws_err h_initiative_part_add(struct req *r, struct resp *w);
enum ws_err h_initiative_part_remove(struct req *r, struct resp *w);
/* POST /api/v1/initiatives/{id}/outputs: a draft {kind, title, body} by
 * staff or a participant (403 for others); POST
 * /api/v1/initiatives/{id}/outputs/{oid}/publish (staff): {audience:
 * members|public}. */
enum ws_err h_initiative_output_add(struct req *r, struct resp *w);
enum ws_err h_initiative_output_publish(struct req *r, struct resp *w);
/* POST /initiatives/{id}/outputs: the space page's form for a draft
 * output, through h_initiative_output_add; on to the initiative's page,
 * or the space again with the messages and what was typed. */
enum ws_err h_initiative_output_form(struct req *r, struct resp *w);
/* GET /initiatives/{id}/space and its twin: the private space (staff and
 * participants; 403 for others, 401 for visitors). */
enum ws_err h_initiative_space(struct req *r, struct resp *w);
/* POST /api/v1/initiatives/{id}/updates {body}: an update posted to the
 * space and mailed to the other participants (staff and participants; 403
 * for others).  POST /initiatives/{id}/space: the space page's form. */
enum ws_err h_initiative_update_add(struct req *r, struct resp *w);
enum ws_err h_initiative_update_form(struct req *r, struct resp *w);
/* The staff form: GET and POST /staff/initiatives/new and
 * /staff/initiatives/{id}/edit, through ini_check; and its participant
 * forms POST /staff/initiatives/{id}/participants and
 * /staff/initiatives/{id}/participants/{pid}/remove, and
 * /staff/initiatives/{id}/outputs/{oid}/publish. */
enum ws_err h_staff_initiative_new_form(struct req *r, struct resp *w);
enum ws_err h_staff_initiative_create(struct req *r, struct resp *w);
enum ws_err h_staff_initiative_edit_form(struct req *r, struct resp *w);
enum ws_err h_staff_initiative_edit(struct req *r, struct resp *w);
enum ws_err h_staff_initiative_part_add(struct req *r, struct resp *w);
enum ws_err h_staff_initiative_part_remove(struct req *r, struct resp *w);
enum ws_err h_staff_initiative_publish(struct req *r, struct resp *w);
/* Changing and withdrawing what was written (edits.c): PATCH and DELETE
 * /api/v1/initiatives/{id}/updates/{uid} ({body}; an update, by its author
 * or staff; DELETE deletes it) and /api/v1/initiatives/{id}/outputs/{oid}
 * ({kind, title, body}, what is not sent stays; a draft by its author or
 * staff, a published output by staff alone; DELETE deletes a draft (204)
 * and unpublishes a published one, back to a draft (200, the output)); 403
 * for anyone else, 404 for an update or output not the initiative's.  The
 * pages' forms through them: GET and POST
 * /initiatives/{id}/updates/{uid}/edit, POST .../withdraw, and the same
 * for /initiatives/{id}/outputs/{oid}. */
enum ws_err h_initiative_update_patch(struct req *r, struct resp *w);
enum ws_err h_initiative_update_delete(struct req *r, struct resp *w);
enum ws_err h_initiative_output_patch(struct req *r, struct resp *w);
enum ws_err h_initiative_output_delete(struct req *r, struct resp *w);
enum ws_err h_initiative_update_edit_form(struct req *r, struct resp *w);
enum ws_err h_initiative_update_edit(struct req *r, struct resp *w);
enum ws_err h_initiative_update_withdraw(struct req *r, struct resp *w);
enum ws_err h_initiative_output_edit_form(struct req *r, struct resp *w);
enum ws_err h_initiative_output_edit(struct req *r, struct resp *w);
enum ws_err h_initiative_output_withdraw(struct req *r, struct resp *w);
/* GET /staff/initiatives.csv?country=&status= (staff): every initiative
 * the filters keep, a row each: country, title, status, participants by
 * kind, outputs published and drafts, dates (export.c). */
enum ws_err h_staff_initiatives_csv(struct req *r, struct resp *w);

/* ---- what other areas ask of initiatives ---- */

/*
 * Inside the caller's transaction (calls/review.c deciding on application
 * aid of call call_id, accepted): when call call_id is the call of an
 * initiative, the application's organization (org > 0), else its person
 * uid as an expert, becomes a participant of it, once, in the
 * organization's history; nothing when no initiative has that call.
 */
enum ws_err initiatives_call_accepted(struct app *app, struct db *d, int64_t call_id,
    int64_t aid, int64_t uid, int64_t org, int64_t by) WS_WUR;

/* At most this many initiatives in a person's, organization's or
 * country's list. */
#define INITIATIVES_OF_MAX 50

/*
 * The initiatives r's caller takes part in (as a focal point, an expert,
 * or through an organization of theirs), for /account and the export:
 * [{id, title, country, country_name, status, status_label, as}], newest
 * first.  New reference in *out.
 */
enum ws_err initiatives_of_person(struct req *r, int64_t uid, json_t **out) WS_WUR;
/* Organization org's initiatives as a partner, for its history page: the
 * same items.  New reference in *out. */
enum ws_err initiatives_of_org(struct req *r, int64_t org, json_t **out) WS_WUR;

/*
 * For the country page (/countries/{code}) and a focal point's country
 * view: country code's initiatives as r's caller may see them, newest
 * first, at most INITIATIVES_OF_MAX -- each {id, title, country,
 * country_name, status, status_label, concept_note, participants (their
 * count), href} and, for members, focal points and staff, partners
 * [{id, kind (focal, organization, expert), name, source, organization_id
 * or user_id}] -- into *json (an array, a new
 * reference), and the same as an HTML block (<section
 * class="initiatives">, escaped, in r's language; "" when the country has
 * none) into *html (r's arena).  Either may be NULL when not wanted.  The
 * caller decides who may see the page; this decides what of each
 * initiative they see.
 */
enum ws_err initiatives_of_country(struct req *r, const char *code, json_t **json,
    const char **html) WS_WUR;

/* `whatson seed --demo`: two initiatives, both in Kenya where the demo
 * focal point (focal_id) works: one active, with the demo member's first
 * organization (member_id's) as a partner, the focal point, the demo's
 * call of kind pilot_initiative linked, two updates and an output
 * published to the public; one proposed.  None added twice (an
 * initiative is known by its title).  How many were added into *added. */
enum ws_err initiatives_seed_demo(struct app *app, struct db *d, int64_t staff_id,
    int64_t member_id, int64_t focal_id, int *added) WS_WUR;

#endif
