/*
 * partners.h -- partner matching (DESIGN.md "Beyond what other hubs do"):
 * approved organizations suggested to each other by shared thematic areas
 * and countries of operation, and asked before any contact is shown.
 *
 * Who takes part: the admins of an approved organization (a member of a
 * suspended one is an applicant, refused by the route table); focal points
 * and experts without an organization do not (403).
 *
 * Suggestions (/partners/suggestions, for one organization the caller
 * administers): every other approved organization, scored from what the
 * directory shows the caller of it -- PTN_SCORE_THEME points a shared
 * thematic area, PTN_SCORE_COUNTRY a shared country of operation (its
 * country and its countries of work, as far as the caller may see them)
 * -- those scoring 0 left out, the highest first (then by name); never
 * one the caller's organization has a pending or accepted request with,
 * nor one that declined or was declined in the last PTN_DECLINED_DAYS
 * days.  Each shows the directory's public summary, nothing more.
 *
 * A request (POST /partners/requests): a short note (PTN_NOTE_MAX bytes)
 * and the asking side's contact person (one of its people, by default the
 * asker); at most PTN_OPEN_MAX requests of an organization wait for an
 * answer at once (429).  The asked organization's admins are mailed; they
 * accept, naming their contact person, or decline; the asking side's
 * admins are mailed either way.  Accepted, the two contacts' names are
 * shown to both sides' admins and a conversation is opened between them
 * (app/messages): the only contact detail a match reveals.  (An asking
 * contact who left their organization before the answer is dropped: not
 * named, no conversation.)  Before that,
 * the asked side sees the asking organization and the note, no person.
 * Staff see every request (/staff/partners, its CSV).
 */
#ifndef WS_PARTNERS_H
#define WS_PARTNERS_H

#include <jansson.h>
#include <stdint.h>

#include "http/form.h"
#include "http/http.h"

#define PTN_SCORE_THEME 3
#define PTN_SCORE_COUNTRY 1
#define PTN_DECLINED_DAYS 180
#define PTN_NOTE_MAX 1000
#define PTN_OPEN_MAX 10

extern const struct field ptn_q_suggestions[];
extern const struct field ptn_q_list[];
extern const struct field ptn_q_staff[];

struct app;
struct db;

/* `whatson seed --demo` (seed.c): two demo organization admins, an
 * accepted and a pending request of the demo member's organization; how
 * many requests were added into *added (none when seeded before). */
enum ws_err ptn_seed_demo(struct app *app, struct db *d, int64_t member_id, int *added) WS_WUR;

/* uid's partner requests for their export: those they asked and those
 * they are a contact person of, [{id, from, to, note, status, created_at,
 * decided_at, asked, contact}] (their own part only: no other person's
 * name).  New reference. */
enum ws_err ptn_export_person(struct db *d, int64_t uid, json_t **out) WS_WUR;

enum ws_err h_partner_suggestions(struct req *r, struct resp *w);
enum ws_err h_partners(struct req *r, struct resp *w);
enum ws_err h_partner_request(struct req *r, struct resp *w);
enum ws_err h_partner_accept(struct req *r, struct resp *w);
enum ws_err h_partner_decline(struct req *r, struct resp *w);
enum ws_err h_staff_partners(struct req *r, struct resp *w);
enum ws_err h_staff_partners_csv(struct req *r, struct resp *w);

#endif
