/*
 * people.h -- individual experts: people who join without an organization
 * (academics, independent researchers, journalists, lawyers, consultants),
 * their profiles and the list of them at /people.
 *
 * An expert applies on the join form (kind "expert"; src/app/orgs/join.c
 * stores the application, staff review it in the same queue).  Approving
 * it calls people_expert_approve(): the person gets a profile in the
 * experts table, keyed by their account, and the role member without an
 * organization.  Each field of a profile has a visibility, with the levels
 * of organization profiles (enum vis in orgs.h): what a viewer may not see
 * is neither shown nor searched nor counted in the facets.  Experts are not
 * organizations: they are in no organization count nor in the directory.
 */
#ifndef WS_PEOPLE_H
#define WS_PEOPLE_H

#include <jansson.h>
#include <stdint.h>

#include "http/form.h"
#include "http/http.h"

struct db;

/* The expert's part of the join form, flat names as the form sends them
 * (contact.email is contact_email); name, contact_email, country and
 * consent are required, the biography is Markdown of at most
 * PEOPLE_BIO_MAX bytes. */
#define PEOPLE_BIO_MAX 4000
extern const struct field people_expert_fields[];
extern const size_t people_expert_nfields;

/* An API body {expert:{...}, contact:{...}} into the form's flat names in
 * r->in. */
void people_expert_flatten(struct req *r);
/* {expert:{...}, contact:{email, phone}, consent} from checked values.  New
 * reference. */
json_t *people_expert_data(json_t *values);
/* The flat form values of stored data (to edit it again).  New reference. */
json_t *people_expert_values(json_t *data);
/* The option lists of the expert form for form values (selected ones
 * marked), added to page. */
void people_expert_options(struct req *r, json_t *page, json_t *form);

/* An application's expert object x as staff read it on a page (names of
 * codes, the biography as HTML).  New reference. */
json_t *people_expert_view(struct req *r, json_t *x);

/* Inside the caller's transaction: application app_id of user uid, whose
 * data is data, is approved by staff member by: uid gets (or gets again)
 * an approved expert profile and the role member (a higher role stays).
 * (orgs_decide() refuses first when uid has deleted their account.) */
enum ws_err people_expert_approve(struct db *d, int64_t uid, int64_t app_id, json_t *data,
    int64_t by) WS_WUR;

/* Inside the caller's transaction, uid deleting their account: their
 * profile is deleted (gone from /people and its page, for staff too), and
 * what it and their expert applications said of them (title, affiliation,
 * biography, website, contact address and phone) is blanked in the
 * applications they filed; their name and account addresses are the
 * account's to forget.  Nothing to do for someone who is no expert. */
enum ws_err people_forget(struct db *d, int64_t uid) WS_WUR;

/* uid's expert profile as stored, every field and its visibility, for
 * their own export; JSON null when they have none.  New reference. */
enum ws_err people_export(struct db *d, int64_t uid, json_t **out) WS_WUR;

/* The query of /people: q, country, region, theme, language, sort, page,
 * per_page. */
extern const struct field people_q_list[];

/* Whether the people directory shows person uid to r's viewer, as
 * /people/{id} does: an approved profile of an active account (the person
 * and staff see theirs whatever its status).  WS_OK, WS_ENOTFOUND when it
 * does not (no profile, or one hidden from them). */
enum ws_err people_shown(struct req *r, int64_t uid) WS_WUR;

enum ws_err h_people(struct req *r, struct resp *w);
enum ws_err h_person(struct req *r, struct resp *w);
enum ws_err h_person_edit_form(struct req *r, struct resp *w);
enum ws_err h_person_edit(struct req *r, struct resp *w);

#endif
