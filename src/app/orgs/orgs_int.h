/*
 * orgs_int.h -- shared by the files of src/app/orgs/.
 */
#ifndef WS_ORGS_INT_H
#define WS_ORGS_INT_H

#include "app/orgs/orgs.h"
#include "http/form.h"

struct db_q;

/* Likely duplicates of an application among organizations and other open
 * applications: [{id, name, why, type}] (type "organization" or
 * "application").  self is the application's own id (0 when new). */
json_t *app_duplicates(struct req *r, struct db *d, int64_t self, const struct app_keys *k);
/* What an applicant may be told of likely duplicates: member organizations
 * with the same name, wherever they are.  A name is public; matching on
 * anything else (a country an organization hides, its website) would tell
 * the applicant what they may not see, so the other hints are for staff.
 * New reference. */
json_t *app_public_duplicates(struct req *r, const char *name);
/* a as r's user may see it: only the public duplicate hints unless staff.
 * Returns a. */
json_t *app_for_viewer(struct req *r, json_t *a);
/* Reads application id as JSON (the API's shape plus applicant and history
 * fields); WS_ENOTFOUND when absent.  New reference in *out. */
enum ws_err app_load(struct db *d, int64_t id, json_t **out) WS_WUR;
/* The JSON of the application row (enum app_col) q is on. */
json_t *app_from_row(struct db_q *q);
/* WS_OK when r may manage the organization (edit it, invite, decide join
 * requests, promote): staff, or its admins while it is approved. */
enum ws_err org_may_manage(struct req *r, int64_t org_id, json_t *org) WS_WUR;
/* Inside the caller's transaction: puts uid's membership of org_id in the
 * staff queue (/staff/memberships): added_by invited them (how
 * "invitation") or approved their request (how "request"). */
enum ws_err org_member_flag(struct db *d, int64_t org_id, int64_t uid, int64_t added_by,
    const char *how) WS_WUR;
/* Inside the caller's transaction: holds organization org_id until the end
 * of the transaction, so changes to its people happen one after the other
 * (PostgreSQL's FOR UPDATE; SQLite writes one transaction at a time).
 * WS_ENOTFOUND when it does not exist. */
enum ws_err org_lock(struct db *d, int64_t org_id) WS_WUR;
/* Inside the caller's transaction: locks the organization, then removes uid
 * from its people and cancels the invitations to it that uid sent.
 * WS_ENOTFOUND when uid is not one of them, WS_ECONFLICT when uid is its
 * last active admin, unless even_last (staff revoking a membership they
 * review: the organization is then left without an admin).  A member left
 * with no organization becomes an applicant; the next request they make
 * has no member rights. */
enum ws_err org_member_remove(struct db *d, int64_t org_id, int64_t uid, int even_last) WS_WUR;
/* Inside the caller's transaction: the invitations to org_id that uid sent
 * and nobody used can no longer be used (uid left or stepped down). */
enum ws_err org_invites_cancel(struct db *d, int64_t org_id, int64_t uid) WS_WUR;
/* Fixes the domain that invitations to organization id are compared with:
 * its website's domain now.  Called when staff approve it (or create it
 * approved); editing the website later does not call it. */
enum ws_err org_fix_domain(struct db *d, int64_t id) WS_WUR;
/* The number of org_id's active admins (0 after staff revoked the last). */
enum ws_err org_admin_count(struct db *d, int64_t org_id, int64_t *n) WS_WUR;
/* True when domain is a webmail or free-mail provider's (gmail.com, gmx.*,
 * ...): an address there says nothing about an organization. */
int org_domain_is_webmail(const char *domain);
/* Whether uid is an admin of org_id (*admin, 0 or 1); WS_ENOTFOUND when uid
 * is not one of its people. */
enum ws_err org_member_is_admin(struct db *d, int64_t org_id, int64_t uid, int *admin) WS_WUR;
/* WS_ECONFLICT when uid is an admin of org_id and no other active admin
 * exists (the last one cannot leave or step down); WS_ENOTFOUND when uid is
 * not one of its people. */
enum ws_err org_last_admin_check(struct db *d, int64_t org_id, int64_t uid) WS_WUR;
/* Stores an application (its "submitted" history line too); k may be NULL
 * for kinds that are not compared for duplicates, dups NULL for none. */
enum ws_err app_insert(struct db *d, int64_t user_id, const char *kind, int64_t org_id,
    json_t *data, const char *status, json_t *dups, const struct app_keys *k,
    int64_t *id) WS_WUR;
/* Creates an approved organization from o and its contact c (and its logo
 * when o has "logo_file"). */
enum ws_err org_insert(struct arena *a, struct db *d, json_t *o, json_t *c,
    int64_t approved_by, int64_t *id) WS_WUR;
/* Adds a line to an application's history. */
enum ws_err app_event(struct db *d, int64_t app_id, int64_t user_id, const char *action,
    const char *note) WS_WUR;
/* The history of an application in r's language; staff notes only when
 * with_notes. */
json_t *app_events(struct req *r, int64_t app_id, int with_notes);

/* Checks the "logo" file of r, if one was sent: at most --logo-max, PNG,
 * JPEG or WebP by its first bytes.  Adds a message to *errors (made when
 * NULL) and returns WS_EINVAL when refused; *type is the sniffed type (NULL
 * without a logo). */
enum ws_err logo_check(struct req *r, json_t **errors, const char **type) WS_WUR;
/* Keeps the checked logo, streamed in with the request, as kind "logo" of
 * its sniffed type, in d's transaction; *file_id is 0 when there was none. */
enum ws_err logo_store(struct req *r, struct db *d, const char *type, int64_t *file_id) WS_WUR;
/* Answers with stored logo file_id (its sniffed type, ETag, sandbox CSP). */
enum ws_err logo_serve(struct req *r, struct resp *w, int64_t file_id) WS_WUR;

/*
 * Decides application id: action is "approved", "rejected" or
 * "info_requested"; note is the reason or the question.  Callers check who
 * may decide.  WS_ECONFLICT when the application's status does not allow it.
 */
enum ws_err orgs_decide(struct req *r, int64_t id, const char *action, const char *note) WS_WUR;

/* Turns an API body {organization:{...}, contact:{...}} into the form's flat
 * names (contact.name -> contact_name) in r->in. */
void join_flatten(struct req *r);
/* The join form page's value: form values, option lists, errors. */
json_t *join_page(struct req *r, json_t *values);

#endif
