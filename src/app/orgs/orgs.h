/*
 * orgs.h -- organizations and how they join: the join form (applications),
 * staff review, organization profiles with per-field visibility, members.
 *
 * An application holds the join form as submitted (JSON in the shape of the
 * API: {organization, contact, consent}).  It waits as "unverified" until its
 * applicant's email address is confirmed, then "pending" in the staff queue;
 * staff approve it (the organization is created, the applicant becomes its
 * first admin and a member), reject it with a reason, or ask for more
 * information (the applicant edits and resubmits).  Each step mails the
 * applicant, is logged in the application's history and in the audit log.
 */
#ifndef WS_ORGS_H
#define WS_ORGS_H

#include <jansson.h>
#include <stdint.h>

#include "http/form.h"
#include "http/http.h"

struct arena;
struct db;
struct db_q;
struct views;

/* ---- the themes staff edit (themes.c) ---- */

/* GET /staff/themes: every theme, retired ones too. */
enum ws_err h_staff_themes(struct req *r, struct resp *w);
/* POST /staff/themes: {code, name_en, name_fr}; 409 when the code exists. */
enum ws_err h_theme_add(struct req *r, struct resp *w);
/* POST /staff/themes/{code} (PATCH in the API): {name_en, name_fr}. */
enum ws_err h_theme_rename(struct req *r, struct resp *w);
/* POST /staff/themes/{code}/retire and /restore. */
enum ws_err h_theme_retire(struct req *r, struct resp *w);
enum ws_err h_theme_restore(struct req *r, struct resp *w);

/* ---- reference data (ref.c) ---- */

/* Loads the themes (staff can edit them) and the embedded country and
 * language lists.  Call once at start-up and after themes change. */
enum ws_err orgs_ref_load(struct db *d) WS_WUR;
void orgs_ref_free(void);
int country_valid(const char *code);
int language_valid(const char *code);
int theme_valid(const char *code);	/* an active theme: offered, accepted anew */
int theme_known(const char *code);	/* active or retired: records may have it */
/* The first retired theme in the array now that the array before lacks (an
 * edit may keep a retired theme, not add one), or NULL. */
const char *theme_retired_added(json_t *now, json_t *before);
/* Reads the theme list again when another node changed it: asks the
 * database at most once a second.  1 when the list was read again. */
int orgs_ref_catch_up(struct db *d);
int kind_valid(const char *code);
/* The name of a code in lang ("en", "fr"); the code itself when unknown. */
const char *country_name(const char *code, const char *lang);
const char *language_name(const char *code, const char *lang);
/* A country's or language's row of the reference lists (NULL: unknown),
 * which lives as long as the process: a directory item keeps it rather
 * than looking its code up on every answer. */
struct ref_row;
const struct ref_row *country_row(const char *code);
const struct ref_row *language_row(const char *code);
/* Its name in lang as a JSON string, quotes included, *len its bytes. */
const char *ref_row_json(const struct ref_row *r, const char *lang, size_t *len);
const char *theme_name(const char *code, const char *lang);
const char *kind_name(const char *code);	/* English source; translate with view_tr */
/* Options for a <select> or checkboxes: [{value, label, selected}], where
 * selected is a string or an array of strings.  New reference. */
json_t *country_options(const char *lang, json_t *selected);
json_t *language_options(const char *lang, json_t *selected);
json_t *theme_options(const char *lang, json_t *selected);
json_t *choice_options(const char *const *codes, const char *const *labels,
    struct views *v, const char *lang, json_t *selected);
/* [{code, name}] of the string codes in codes, each named by name(code,
 * lang).  New reference. */
json_t *named_list(json_t *codes, const char *(*name)(const char *, const char *),
    const char *lang);

extern const char *const org_kinds[];		/* NULL-terminated codes */
extern const char *const org_kind_labels[];
extern const char *const org_sizes[];
extern const char *const org_ecosoc[];
extern const char *const org_ecosoc_labels[];

/* ---- visibility ---- */

/*
 * Who may see a field, widest first: everyone; every approved person, state
 * focal points included; members and staff but not focal points
 * ("nongovernmental"); staff.  An organization's own people and staff see
 * all of it.  A viewer's level is the widest field level they may read.
 */
enum vis { VIS_PUBLIC, VIS_MEMBERS, VIS_NONGOV, VIS_STAFF, VIS__MAX };

/* "public", "members", "nongovernmental", "staff". */
const char *vis_name(enum vis v);
/* The level named s; -1 when s names none. */
int vis_parse(const char *s);
/* The level a field of org has (its "visibility" map, else the default of
 * the org_vis_fields entry named field; VIS_STAFF for an unknown field). */
enum vis org_field_level(json_t *org, const char *field);

/* The fields whose visibility an organization chooses, with defaults. */
struct vis_field {
	const char *name;	/* JSON name: "description", "contact", ... */
	enum vis def;
};
#define ORG_VIS_NFIELDS 15
extern const struct vis_field org_vis_fields[ORG_VIS_NFIELDS];
/* An edit form's visibility choices: [{name, label, options}] for the n
 * fields f, labels[i] naming f[i] (translated here), each with its level
 * in vis, else its default, selected.  New reference. */
json_t *vis_field_choices(struct req *r, const struct vis_field *f, size_t n,
    const char *const *labels, json_t *vis);
extern const size_t org_vis_nfields;

/* ---- store (store.c) ---- */

/* Normalizes an organization name for duplicate checks (dupkeys.c): lower
 * case, Latin letters without their accents ("Société" is "societe"), runs
 * of anything but letters and digits become one space.  Into a. */
char *org_norm_name(struct arena *a, const char *name);
/* "example.org" from "https://www.example.org/x" without "www."; "" if none. */
char *url_domain(struct arena *a, const char *url);
/* The domain of an address unless it is a webmail provider; "" otherwise. */
char *email_org_domain(struct arena *a, const char *email);

/*
 * The people who speak for organization org_id now, to be mailed on its
 * behalf: its active admins with a confirmed address, none while it is
 * rejected or suspended.  [{email, name, lang}] in *out (a new reference;
 * lang is their mail language), read whole before any mail is queued.
 */
enum ws_err org_admin_recipients(struct req *r, struct db *d, int64_t org_id, json_t **out);

/*
 * Inside the caller's transaction: mails each of the people who speak for
 * organization org_id now (its active admins with a confirmed address;
 * nobody while it is rejected or suspended) view rendered with ctx and
 * their "name", in their own language, under subject (English, to
 * translate); none to the address except (NULL: none), told otherwise.
 */
enum ws_err org_mail_admins(struct req *r, struct db *d, int64_t org_id, const char *view,
    const char *subject, json_t *ctx, const char *except);

/* Makes uid one of the organization's people (admin or not) and a member;
 * role is the account's current role, kept when higher. */
enum ws_err org_member_add(struct db *d, int64_t org_id, int64_t uid, int admin,
    const char *title, enum role role) WS_WUR;
/* Reads organization id as its full JSON (every field, visibility map under
 * "visibility"); WS_ENOTFOUND when absent.  *out is a new reference. */
enum ws_err org_load(struct db *d, int64_t id, json_t **out) WS_WUR;
/* The organization in the current row of q, whose columns are enum org_col
 * (ST_ORG_GET's, and the first ones of the directory's ST_ORG_INDEX_*), as
 * org_load gives it; NULL when a column cannot be read.  New reference. */
json_t *org_of_row(struct db_q *q);
/* Copies only the fields level may see; adds names and HTML for pages. */
json_t *org_view(json_t *org, enum vis level, const char *lang, struct views *v);
/* User Markdown as HTML in cmark's safe mode (links http(s), mailto or
 * relative only).  New reference (a JSON string). */
json_t *org_markdown_html(const char *md);
/* The viewer's level for org: staff see all, the organization's own people
 * see all, otherwise as org_viewer_level(). */
enum vis org_level_for(struct req *r, int64_t org_id, int *is_org_admin);
/* The level of r's viewer for organizations that are not theirs: staff
 * VIS_STAFF, members VIS_NONGOV, state focal points VIS_MEMBERS, visitors
 * and applicants VIS_PUBLIC. */
enum vis org_viewer_level(struct req *r);

/* ---- a person and their organizations (leave.c) ---- */

/* [{id, name, admin, status}]: the organizations uid is one of, by name.
 * New reference in *out (NULL on failure). */
enum ws_err orgs_of_person(struct db *d, int64_t uid, json_t **out) WS_WUR;
/* The applications uid filed, as their owner reads them.  New reference. */
enum ws_err orgs_person_apps(struct db *d, int64_t uid, json_t **out) WS_WUR;
/*
 * Inside the caller's transaction, r's user uid deleting their account:
 * they leave every organization of theirs (an audit line each, as when
 * leaving).  WS_ECONFLICT, with that organization ({id, name, ...}, a new
 * reference) in *blocking, when they are the last admin of one that has
 * other people: someone must take over first.  The last admin of an
 * organization with nobody else may go; staff see it without an admin.
 * (Their expert profile is people_forget()'s, called by accounts/forget.c.)
 */
enum ws_err orgs_forget_person(struct req *r, struct db *d, int64_t uid,
    json_t **blocking) WS_WUR;
/* Inside the caller's transaction: the string from (a name, an address)
 * becomes to in the applications uid filed and in their history notes;
 * one shorter than FORGET_IN_TEXT_MIN only where it is a whole value. */
#define FORGET_IN_TEXT_MIN 4
enum ws_err orgs_forget_text(struct db *d, int64_t uid, const char *from,
    const char *to) WS_WUR;
/* Inside the caller's transaction, uid's account being deleted: in each
 * application uid filed, the person's own fields (an expert's profile, the
 * contact, a request's message) are blanked, a name becoming name_to, and
 * the names, addresses (addr_to) and phones they held are replaced in the
 * history notes.  The organization's fields stay, and each row's id, kind,
 * status and dates; an expert's application loses its duplicate keys. */
enum ws_err orgs_forget_apps(struct db *d, int64_t uid, const char *name_to,
    const char *addr_to) WS_WUR;
/* Inside the caller's transaction: organizations whose contact has the
 * address addr (a deleted person's) keep their profile without a contact. */
enum ws_err orgs_forget_contact(struct db *d, const char *addr) WS_WUR;

/* ---- handlers ---- */
enum ws_err h_org_leave(struct req *r, struct resp *w);
/* ---- history (history.c) ---- */

/*
 * Adds an entry to organization org_id's history, inside the caller's
 * transaction: what happened (kind, "area.verb": "event.registered"), who
 * did it (actor_id, 0 for the system), whom it is about when someone else
 * (subject_id, 0 for none), from where (ip, may be NULL) and a short note
 * its admins and staff may read (field names, a reason; NULL for none).  It
 * is an audit-log row ("organization N[, user M]: note"); a kind without a
 * label in history.c is shown by its name.  Never fails the caller.
 */
struct app;
void org_history_add(struct app *app, struct db *d, int64_t org_id, int64_t actor_id,
    int64_t subject_id, const char *kind, const char *ip, const char *note);

/* ---- handlers ---- */
enum ws_err h_org_history(struct req *r, struct resp *w);
enum ws_err h_join_form(struct req *r, struct resp *w);
enum ws_err h_join(struct req *r, struct resp *w);
enum ws_err h_my_application(struct req *r, struct resp *w);
enum ws_err h_resubmit(struct req *r, struct resp *w);
enum ws_err h_staff_home(struct req *r, struct resp *w);
enum ws_err h_app_list(struct req *r, struct resp *w);
extern const struct field orgs_q_apps[];	/* its query: status, kind, country, sort... */
extern const struct field orgs_q_join[];	/* GET /join's query: as */
enum ws_err h_app_detail(struct req *r, struct resp *w);
enum ws_err h_app_approve(struct req *r, struct resp *w);
enum ws_err h_app_reject(struct req *r, struct resp *w);
enum ws_err h_app_request_info(struct req *r, struct resp *w);
enum ws_err h_app_note(struct req *r, struct resp *w);
enum ws_err h_app_bulk(struct req *r, struct resp *w);
enum ws_err h_org_profile(struct req *r, struct resp *w);
enum ws_err h_org_edit_form(struct req *r, struct resp *w);
enum ws_err h_org_edit(struct req *r, struct resp *w);
enum ws_err h_org_status(struct req *r, struct resp *w);
enum ws_err h_org_logo(struct req *r, struct resp *w);
enum ws_err h_app_logo(struct req *r, struct resp *w);
enum ws_err h_join_request(struct req *r, struct resp *w);
enum ws_err h_org_requests(struct req *r, struct resp *w);
enum ws_err h_org_request_approve(struct req *r, struct resp *w);
enum ws_err h_org_request_reject(struct req *r, struct resp *w);
enum ws_err h_focal_form(struct req *r, struct resp *w);
enum ws_err h_focal(struct req *r, struct resp *w);
enum ws_err h_org_invite(struct req *r, struct resp *w);
enum ws_err h_invite_form(struct req *r, struct resp *w);
enum ws_err h_invite_accept(struct req *r, struct resp *w);
enum ws_err h_org_person_admin(struct req *r, struct resp *w);
enum ws_err h_org_listed(struct req *r, struct resp *w);
enum ws_err h_org_person_remove(struct req *r, struct resp *w);
enum ws_err h_staff_memberships(struct req *r, struct resp *w);
enum ws_err h_staff_membership_revoke(struct req *r, struct resp *w);
enum ws_err h_staff_membership_keep(struct req *r, struct resp *w);

/* ---- what the CSV import (src/app/directory/import.c) shares ---- */
/* An import cannot accept what the join form refuses nor store a row
 * differently: it checks rows with the form's fields and writes them with
 * the same binding and duplicate keys. */

/* The join form's fields and the value a page shows for them. */
extern const struct field join_fields[];
extern const size_t join_nfields;
/* join_fields with "themes" accepting retired themes too, for edits of a
 * stored record (a retired theme it has is kept); join_themes_kept() then
 * refuses a retired theme that the stored themes before lack, setting
 * errors.themes (WS_EINVAL). */
const struct field *join_fields_edit(void);
enum ws_err join_themes_kept(struct req *r, json_t *values, json_t *before,
    json_t *errors) WS_WUR;
/* {organization, contact, consent} from checked form values.  New reference. */
json_t *join_data(json_t *values);
/* Flat form values from stored data (to edit an application).  New reference. */
json_t *join_values(json_t *data);
/* The keys an application is compared on for duplicates. */
struct app_keys {
	const char *country;
	const char *norm_name;
	const char *norm_acronym;
	const char *website_domain;
	const char *email_domain;
	const char *person_email;	/* an expert's: the address; NULL for others */
};

/* Computes k from an application's data ({organization, contact}, or an
 * expert's {expert, contact}); strings in a. */
void app_keys_of(struct arena *a, json_t *data, struct app_keys *k);

/* ---- duplicate keys (dupkeys.c): the one definition of a duplicate ---- */

/* The rules, in the order a reason is chosen when several keys match. */
enum dup_rule { DUP_NAME, DUP_ACRONYM, DUP_SITE, DUP_MAIL, DUP_PERSON, DUP_EMAIL, DUP__MAX };
/* An organization's keys, one per rule; "" where the rule does not apply
 * (no acronym, a website or an address any organization could share). */
struct dup_keys {
	const char *key[DUP__MAX];
};
/* The keys of k ("name:lantern watch|KE", "site:lanternwatch.org", ...; an
 * expert's "person:ana lima" and "email:ana@example.org", which only other
 * experts' applications share);
 * strings in a.  Two organizations with one equal key are likely
 * duplicates. */
void org_dupkeys_of(struct arena *a, const struct app_keys *k, struct dup_keys *out);
/* Why a match on rule is a likely duplicate, as staff read it. */
const char *org_dupkeys_why(int rule);
/* Binds the DUP__MAX keys as parameters first.. of q (ST_ORG_DUPS, ST_APP_DUPS). */
void org_dupkeys_bind(struct db_q *q, int first, const struct dup_keys *dk);
/* Inside the caller's transaction, after a write of organization org_id
 * (application app_id) whose keys are k: stores its keys (org_keys,
 * app_keys) and normalized name and acronym. */
enum ws_err org_dupkeys_put_org(struct db *d, int64_t org_id, const struct app_keys *k) WS_WUR;
enum ws_err org_dupkeys_put_app(struct db *d, int64_t app_id, const struct app_keys *k) WS_WUR;
/* At start-up: computes the keys of the rows stored before the keys (or
 * their rules) last changed, in transactions of a few hundred rows; *done
 * is how many. */
enum ws_err org_dupkeys_refill(struct db *d, size_t *done) WS_WUR;
/* Two arrays with the same members, in any order, repeats aside (themes,
 * countries: forms send them in their own order and drop repeats). */
int org_same_set(json_t *a, json_t *b);
/* Inserts organization o (contact c) with status and the keys duplicates
 * are found by; an approved one approved now, by approved_by when > 0. */
enum ws_err org_insert_row(struct arena *a, struct db *d, json_t *o, json_t *c,
    const char *status, const struct app_keys *k, int64_t approved_by, int64_t *id) WS_WUR;
/* Binds the 19 leading columns ST_ORG_INSERT and ST_ORG_UPDATE share from
 * an organization object o and its contact c. */
void org_bind_fields(struct arena *a, struct db_q *q, json_t *o, json_t *c);

/* Adds norgs demo organizations (the first run by member_id) and six
 * applications waiting for review, one a likely duplicate.  Does nothing
 * when they exist.  Deterministic. */
struct app;
enum ws_err orgs_seed_demo(struct app *app, struct db *d, int norgs, int64_t staff_id,
    int64_t member_id) WS_WUR;

/* Called when a user confirms their address with a link: application app_id
 * (sent with that link; 0 for none) enters the staff queue.  claimed: the
 * account was never verified before, so its other applications that waited
 * unconfirmed were sent by someone who never proved the address, and are
 * deleted.  Inside the caller's transaction. */
enum ws_err orgs_on_verified(struct req *r, struct db *d, int64_t user_id, int64_t app_id,
    int claimed) WS_WUR;

#endif
