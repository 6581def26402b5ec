/*
 * meetings_int.h -- what the files of src/app/meetings share: the store
 * (store.c), which alone reads and writes the rows of meetings and
 * meeting_bodies, the check of a session (meetings.c) that the API and the
 * staff form share, and the pages' additions (pages.c).
 */
#ifndef WS_MEETINGS_INT_H
#define WS_MEETINGS_INT_H

#include <jansson.h>
#include <stdint.h>

#include "app/meetings/meetings.h"
#include "core/err.h"

struct db;

/* Who asks, as EV_VISIBLE (statements.c) reads it. */
struct mtg_viewer {
	int staff;	/* staff or admin */
	int member;	/* an approved person: a member, a focal point, staff */
};
void mtg_viewer_of(struct req *r, struct mtg_viewer *v);

/* A list's filters: body "" and year 0 for any. */
struct mtg_filter {
	const char *body;
	int64_t year;
};

#define MTG_AGENDA_MAX 60	/* items of an agenda */
#define MTG_ITEM_NUMBER_MAX 20	/* bytes of an item's number ("4 (a)") */
#define MTG_ITEM_TITLE_MAX 500	/* bytes of its title */
#define MTG_INVITED_MAX 500	/* organizations a session invites */
#define MTG_DELEGATES_MAX 100	/* delegates an organization may nominate, at most */
#define MTG_NUMBER_MAX 999	/* a session's number */

/* The bodies, in their order: [{code, name_en, name_fr, position}].  New
 * reference in *out. */
enum ws_err mtg_bodies(struct db *d, json_t **out) WS_WUR;
/* A new body, placed before "other"; WS_ECONFLICT when code is taken. */
enum ws_err mtg_body_insert(struct db *d, const char *code, const char *name_en,
    const char *name_fr, int64_t by) WS_WUR;

/* Session id as stored JSON ({id, event_title, description, start_at,
 * end_at (Unix seconds), timezone, venue, resources, status, visibility,
 * created_at, updated_at, body, working_group, number, title, year,
 * agenda, eligibility, invited, nominations_opens_at, nominations_closes_at
 * (seconds or null), delegates_max, body_name_en, body_name_fr}) if v may
 * see it; WS_ENOTFOUND otherwise.  New reference in *out. */
enum ws_err mtg_get(struct db *d, const struct mtg_viewer *v, int64_t id, json_t **out) WS_WUR;
/* The published sessions v may see whose nomination window is open at
 * now, soonest closing first, at most max (mtg_get's JSON).  New
 * reference in *out. */
enum ws_err mtg_open_windows(struct db *d, const struct mtg_viewer *v, int64_t now, int max,
    json_t **out) WS_WUR;
/* A page of the sessions v may see under f (mtg_get's JSON), the latest
 * year first, and how many in all. */
enum ws_err mtg_list(struct db *d, const struct mtg_viewer *v, const struct mtg_filter *f,
    int64_t page, int per_page, json_t **items, int64_t *total) WS_WUR;
/* {value: count} of facet "body" or "year" under f with its own filter
 * left out.  New reference in *out. */
enum ws_err mtg_facet(struct db *d, const struct mtg_viewer *v, const struct mtg_filter *f,
    const char *facet, json_t **out) WS_WUR;
/* Inside the caller's transaction: the meetings row of event id from
 * checked values (mtg_check's), new or rewritten. */
enum ws_err mtg_put(struct db *d, int64_t id, json_t *values, int is_new) WS_WUR;
/* Whether another session than id (0: none) of body and working group
 * has number: its id into *other (0: none). */
enum ws_err mtg_same_number(struct db *d, const char *body, const char *wg, int64_t number,
    int64_t id, int64_t *other) WS_WUR;

/* ---- meetings.c ---- */

/* The working groups of untoc_wg: codes and English names, NULL-ended. */
extern const char *const mtg_wg_codes[];
extern const char *const mtg_wg_names[];
/* The name of body (a row of mtg_bodies, or stored session's body_name_*)
 * in r's language.  Borrowed. */
const char *mtg_body_name(struct req *r, json_t *body_row);
/* The name of working group code in r's language; "" for none.  Borrowed. */
const char *mtg_wg_name(struct req *r, const char *code);

/*
 * The one check of a session, for the API (POST, PATCH) and the staff form:
 * in (the fields by their JSON names; borrowed) as the event of kind
 * session it is (*event: events_check's values) and its row of meetings
 * (*values); a message per field in r's language in *errors (NULL when
 * none).  id: the session being changed (0: a new one), whose number may
 * stay its own.  New references.
 */
enum ws_err mtg_check(struct req *r, json_t *in, int64_t id, json_t **event, json_t **values,
    json_t **errors) WS_WUR;
/* Writes a checked session (mtg_check's) as session id (0: new; its id
 * into *out), audited, in one transaction.  WS_EINVAL, with the messages
 * in values' "_errors", when a slot holding an accepted side event would
 * go or move (asked again under the session's lock: an accept may have
 * come since mtg_check). */
enum ws_err mtg_save(struct req *r, int64_t id, json_t *event, json_t *values, int64_t *out)
    WS_WUR;
/* The fields of session view m (mtg_view's) as input, times as RFC 3339
 * in its zone, with what in sends laid over them.  New reference. */
json_t *mtg_merged_input(json_t *m, json_t *in);
/* Stored session s as r's caller sees it (the API's Meeting).  New
 * reference. */
json_t *mtg_view(struct req *r, json_t *s);
/* Session id as r's caller sees it (WS_ENOTFOUND when they may not);
 * a new reference in *out. */
enum ws_err mtg_load_view(struct req *r, int64_t id, json_t **out) WS_WUR;

/* ---- pages.c ---- */

/* Adds to list value val what /meetings shows. */
void mtg_page_list(struct req *r, json_t *val);
/* Adds to view item m what /meetings/{id} shows. */
void mtg_page_one(struct req *r, json_t *m);
/* Adds to view item m the side events' part of /meetings/{id}: the
 * programme in words in the reader's zone, the window, whether they may
 * propose and what their organizations proposed (side_pages.c). */
void mtg_page_side_events(struct req *r, json_t *m);

/* ---- nominations (store.c, nominations.c) ---- */

/* What staff narrow a session's nominations to; "" or 0 for all. */
struct mtg_nom_filter {
	const char *status;
	int64_t org;
};

/* Taken first in a transaction that adds nominations to session id: a
 * row lock on PostgreSQL.  WS_ENOTFOUND when there is no such session. */
enum ws_err mtg_lock(struct db *d, int64_t id) WS_WUR;
/* Nomination nid of session id ({id, meeting_id, organization_id,
 * organization, nominated_by, name, title, email, nationality,
 * passport_name, visa_letter, attendance, status, reason, created_at,
 * decided_at}, times as Unix seconds); WS_ENOTFOUND.  New reference. */
enum ws_err mtg_nom_get(struct db *d, int64_t id, int64_t nid, json_t **out) WS_WUR;
/* A page of session id's nominations under f: all (uid 0), or those of
 * the organizations person uid is an admin of now (not rejected or
 * suspended) and those naming address email (the delegate's own), oldest
 * first, and how many. */
enum ws_err mtg_nom_list(struct db *d, int64_t id, int64_t uid, const char *email,
    const struct mtg_nom_filter *f, int64_t page, int per_page, json_t **items,
    int64_t *total) WS_WUR;
/* The delegates organization org has nominated to session id that count
 * against its number (pending, approved). */
enum ws_err mtg_nom_org_count(struct db *d, int64_t id, int64_t org, int64_t *n) WS_WUR;
/* Organization org's nomination of session id naming address email, into
 * *other (0: none). */
enum ws_err mtg_nom_same_email(struct db *d, int64_t id, int64_t org, const char *email,
    int64_t *other) WS_WUR;
/* How many other organizations' pending or approved nominations name
 * nomination nid's address for its session, and whether one is approved
 * (staff's flag: an address is unique only within an organization). */
enum ws_err mtg_nom_elsewhere(struct db *d, int64_t nid, int64_t *count, int *approved)
    WS_WUR;
/* A new pending nomination from checked values, for org by person by. */
enum ws_err mtg_nom_insert(struct db *d, int64_t id, int64_t org, int64_t by, json_t *values,
    int64_t *nid) WS_WUR;
/* Nomination nid, if still pending, decided (status, reason) by person
 * by: *done 1 when this call decided it. */
enum ws_err mtg_nom_decide(struct db *d, int64_t nid, const char *status, const char *reason,
    int64_t by, int *done) WS_WUR;
/* The approved delegates of session id as the registration desks list
 * them: [{organization, ecosoc_status, name, title, nationality,
 * visa_letter}], by organization.  New reference. */
enum ws_err mtg_nom_desk(struct db *d, int64_t id, json_t **out) WS_WUR;

/* The nominations naming address email, newest first, at most max:
 * [{id, meeting_id, organization_id, organization, status, reason,
 * body_name_en, body_name_fr, title}].  New reference in *out. */
enum ws_err mtg_nom_of_email(struct db *d, const char *email, int max, json_t **out) WS_WUR;
/* The organizations that nominated to session id: [{id, name}] by name.
 * New reference in *out. */
enum ws_err mtg_nom_orgs(struct db *d, int64_t id, json_t **out) WS_WUR;

/*
 * Staff's decision on nominations of stored session s (id), the one path
 * of the API and the staff page: r->in's ids (JSON integers), decision
 * (approve, decline) and reason (needed to decline).  WS_EINVAL with
 * w->errors by field (nothing decided) when they do not do; otherwise
 * app_decide_each's {succeeded, refused, results} with meeting_id and
 * decision, a new reference in *out.
 */
enum ws_err mtg_nom_decide_all(struct req *r, struct resp *w, int64_t id, json_t *s,
    json_t **out) WS_WUR;

/* Whether stored organization o meets stored session s's rule (meetings.c). */
int mtg_org_eligible(json_t *s, json_t *o);

/* ---- side events (side_store.c, side_events.c, side_pages.c) ---- */

#define MTG_SLOTS_MAX 100	/* side-event slots of a session */
#define MTG_SE_PREFERRED_MAX 10	/* slots a proposal may prefer */
#define MTG_SE_COORG_MAX 20	/* co-organizers of each kind */

/* What staff narrow a session's side events to; "" or 0 for all. */
struct mtg_se_filter {
	const char *status;
	int64_t org;
};

/* Side event sid of session id ({id, meeting_id, organization_id,
 * organization, proposed_by, title, abstract, co_organizers, format,
 * language, preferred_slots, status, slot_id, message, created_at,
 * updated_at, decided_at}, times as Unix seconds); WS_ENOTFOUND.  New
 * reference. */
enum ws_err mtg_se_get(struct db *d, int64_t id, int64_t sid, json_t **out) WS_WUR;
/* A page of session id's side events under f: all (uid 0), or those of the
 * organizations person uid is an admin of now, oldest first, and how many. */
enum ws_err mtg_se_list(struct db *d, int64_t id, int64_t uid, const struct mtg_se_filter *f,
    int64_t page, int per_page, json_t **items, int64_t *total) WS_WUR;
/* A new pending side event from checked values, for org by person by. */
enum ws_err mtg_se_insert(struct db *d, int64_t id, int64_t org, int64_t by, json_t *values,
    int64_t *sid) WS_WUR;
/* Side event sid rewritten from checked values and pending again, if it is
 * pending or changes were asked: *done 1 when this call changed it. */
enum ws_err mtg_se_update(struct db *d, int64_t sid, json_t *values, int *done) WS_WUR;
/* Side event sid, if pending or changes were asked, decided by person by:
 * status, slot (0: none), message.  *done 1 when this call decided it. */
enum ws_err mtg_se_decide(struct db *d, int64_t sid, const char *status, int64_t slot,
    const char *message, int64_t by, int *done) WS_WUR;
/* Side event sid withdrawn, if pending or changes were asked. */
enum ws_err mtg_se_withdraw(struct db *d, int64_t sid, int *done) WS_WUR;
/* The side event accepted into slot of session id, into *other (0: none). */
enum ws_err mtg_se_slot_taken(struct db *d, int64_t id, int64_t slot, int64_t *other) WS_WUR;
/* Session id's programme: its accepted side events by slot, but for those
 * of organizations suspended or rejected now (mtg_se_get's JSON).  New
 * reference in *out. */
enum ws_err mtg_se_programme(struct db *d, int64_t id, json_t **out) WS_WUR;
/* The side events holding a slot of session id: every accepted one, its
 * organization suspended or not (the programme leaves those out), as
 * mtg_se_get's rows, by slot.  New reference in *out. */
enum ws_err mtg_se_held(struct db *d, int64_t id, json_t **out) WS_WUR;
/* The organizations that proposed to session id: [{id, name}].  New
 * reference in *out. */
enum ws_err mtg_se_orgs(struct db *d, int64_t id, json_t **out) WS_WUR;
/* The published sessions v may see whose side-event window is open at
 * now, soonest closing first, at most max (mtg_get's JSON). */
enum ws_err mtg_se_open_windows(struct db *d, const struct mtg_viewer *v, int64_t now,
    int max, json_t **out) WS_WUR;

/* msg in r's language with {{key}} replaced by val (r's arena;
 * meetings.c). */
const char *mtg_sub(struct req *r, const char *msg, const char *key, const char *val);
/* Unix seconds t as RFC 3339 UTC, or null.  New reference (meetings.c). */
json_t *mtg_utc_or_null(json_t *t);

/* Where stored session s's window closes..opens_key stands at now:
 * "not_set", "upcoming", "open" or "closed" (a cancelled session's, whatever
 * its times; meetings.c). */
const char *mtg_window_state(json_t *s, const char *opens_key, const char *closes_key,
    int64_t now);
/* Slots of stored session s as the API gives them, times in its zone:
 * [{id, start, end, room}].  New reference. */
json_t *mtg_slots_view(json_t *s);
/* Adds to the view out of stored session s (id) its programme: the accepted
 * side events in their slots, [{id, title, organization, co_organizers,
 * format, language, slot_id, start, end, room}] (side_events.c). */
enum ws_err mtg_programme(struct req *r, json_t *s, json_t *out) WS_WUR;
/* Whether r's caller acts for organization org now: one of its admins, and
 * it neither rejected nor suspended (nominations.c). */
enum ws_err mtg_admin_of(struct req *r, int64_t org, int *admin) WS_WUR;
/* The rule of stored session s that an organization does not meet, in
 * words (English, to translate; nominations.c). */
const char *mtg_rule_refused(json_t *s);
/* The view of side event e (mtg_se_get's) with its slot's times in stored
 * session s's zone.  New reference (side_events.c). */
json_t *mtg_se_view(json_t *s, json_t *e);
/* Staff's decision on side event sid of stored session s, the one path of
 * the API and the staff page: in's decision (accept, decline,
 * request_changes), slot_id (to accept) and message (to decline or ask
 * for changes).  WS_EINVAL with w->errors, WS_ECONFLICT with w->detail (a
 * slot taken, decided already); otherwise the side event after it, a new
 * reference in *out.  Mailed to its organization's admins, in its history. */
enum ws_err mtg_se_decide_one(struct req *r, struct resp *w, json_t *s, int64_t sid,
    json_t *in, json_t **out) WS_WUR;

/* ---- requests to speak (speaking.c, speaking_pages.c, speaking_store.c) ---- */

#define MTG_ITEM_MINUTES_MAX 600	/* minutes of an item for statements */
#define MTG_SPK_MINUTES_MAX 30		/* minutes a request may ask */
#define MTG_SPK_LIST_MAX 5000		/* requests of a session read at once */

/* The published sessions v may see whose speaking window is open at now,
 * soonest closing first, at most max (mtg_get's JSON; store.c). */
enum ws_err mtg_spk_open_windows(struct db *d, const struct mtg_viewer *v, int64_t now,
    int max, json_t **out) WS_WUR;

/* Request rid of session id ({id, meeting_id, organization_id,
 * organization, organization_country, organization_region,
 * organization_kind, item, requested_by, nomination_id, speaker_name,
 * speaker_title, summary, minutes, status, order, minutes_allocated,
 * reason, published_status, published_order, published_minutes,
 * published_reason, created_at, updated_at, decided_at}, times as Unix
 * seconds); WS_ENOTFOUND.  New reference. */
enum ws_err mtg_spk_get(struct db *d, int64_t id, int64_t rid, json_t **out) WS_WUR;
/* Session id's requests, oldest first: all (uid 0), or those of the
 * organizations person uid is an admin of now.  New reference. */
enum ws_err mtg_spk_list(struct db *d, int64_t id, int64_t uid, json_t **out) WS_WUR;
/* Another live request (pending, allocated) than rid of org on item of
 * session id, into *other (0: none). */
enum ws_err mtg_spk_live(struct db *d, int64_t id, const char *item, int64_t org, int64_t rid,
    int64_t *other) WS_WUR;
/* A new pending request from checked values ({item, nomination_id,
 * speaker_name, speaker_title, summary, minutes}) of org by person by. */
enum ws_err mtg_spk_insert(struct db *d, int64_t id, int64_t org, int64_t by, json_t *values,
    int64_t *rid) WS_WUR;
/* Request rid, if still pending, rewritten from values: *done 1 when so. */
enum ws_err mtg_spk_update(struct db *d, int64_t rid, json_t *values, int *done) WS_WUR;
/* Request rid, if still pending, withdrawn: *done 1 when so. */
enum ws_err mtg_spk_withdraw(struct db *d, int64_t rid, int *done) WS_WUR;
/* Staff's decision on request rid: status (pending, allocated, declined),
 * order and minutes (0: none), reason, by person by. */
enum ws_err mtg_spk_decide(struct db *d, int64_t rid, const char *status, int64_t order,
    int64_t minutes, const char *reason, int64_t by) WS_WUR;
/* Request rid's slot as published now. */
enum ws_err mtg_spk_mark_published(struct db *d, int64_t rid) WS_WUR;
/* Item item of session id's speakers' list published now by by. */
enum ws_err mtg_spk_list_put(struct db *d, int64_t id, const char *item, int64_t by) WS_WUR;
/* {item: published_at (Unix seconds)} of session id's published lists.
 * New reference in *out. */
enum ws_err mtg_spk_lists(struct db *d, int64_t id, json_t **out) WS_WUR;

/* Adds to view item m what /meetings/{id} shows of requests to speak
 * (speaking_pages.c): the window in words, the caller's organizations'
 * requests, the form's link, and each item's published list. */
void mtg_page_speaking(struct req *r, json_t *m);

/* The published speakers' lists of stored session s, as the API's
 * SpeakersLists ({meeting_id, session, items: [{number, title, minutes,
 * published_at, speakers: [{order, organization, speaker_name,
 * speaker_title, minutes}]}]}, items with a published list only).  New
 * reference in *out. */
enum ws_err mtg_spk_published(struct req *r, json_t *s, json_t **out) WS_WUR;
/* Staff's view of stored session s's requests by item open to statements
 * (the API's SpeakersAllocation).  New reference in *out. */
enum ws_err mtg_spk_staff_value(struct req *r, json_t *s, json_t **out) WS_WUR;
/* Staff's allocation in (item, requests [{id, decision: allocate, decline
 * or pending, order, minutes, reason}], publish) on stored session s, the
 * one path of the API and the staff page: nothing written and w saying
 * why (WS_EINVAL with w->errors by field, "r<id>" for a request's;
 * WS_ECONFLICT when the minutes allocated would be more than the
 * item's), or all of it in one transaction. */
enum ws_err mtg_spk_allocate(struct req *r, struct resp *w, json_t *s, json_t *in) WS_WUR;
/* Adds to published lists val what /meetings/{id}/speakers shows. */
void mtg_speakers_page(struct req *r, json_t *val);

/* `seed --demo` (speaking_seed.c): the Conference of the States Parties'
 * twelfth session takes requests to speak, with minutes for its items and
 * requests in several states, one item's list published; none added when
 * the session has requests already. */
enum ws_err mtg_spk_seed_demo(struct db *d, int64_t staff_id) WS_WUR;

#endif
