/*
 * initiatives_int.h -- what the files of src/app/initiatives share: the
 * store (store.c), which alone reads and writes the rows of initiatives,
 * initiative_participants, initiative_outputs and initiative_updates; the
 * check of an initiative that the API and the staff form share
 * (initiatives.c); the space and its updates (space.c); the pages
 * (pages.c); changing and withdrawing updates and outputs (edits.c); the
 * staff's CSV (export.c).
 */
#ifndef WS_INITIATIVES_INT_H
#define WS_INITIATIVES_INT_H

#include <jansson.h>
#include <stdint.h>

#include "app/initiatives/initiatives.h"
#include "core/err.h"

struct db;

#define INI_TITLE_MAX 200	/* bytes of a title */
#define INI_SUMMARY_MAX 20000	/* bytes of a summary (Markdown) */
#define INI_IDS_MAX 100		/* meetings, documents or focal points it names */
#define INI_OUTPUT_MAX 50000	/* bytes of an output (Markdown) */
#define INI_UPDATE_MAX 10000	/* bytes of an update (Markdown) */
#define INI_PER_PAGE 20		/* updates a page of the space */

/* Who asks. */
struct ini_viewer {
	int64_t uid;	/* 0: a visitor */
	int staff;	/* staff or admin */
	int member;	/* an approved person: a member, a focal point, staff */
	int nongov;	/* a member or staff: `nongovernmental` resources too */
};
void ini_viewer_of(struct req *r, struct ini_viewer *v);

/* ---- store.c ---- */

/* Initiative id as stored ({id, country, title, summary, concept_note (id
 * or null), status, call_id (or null), meetings, documents (arrays of
 * ids), created_at, updated_at}); WS_ENOTFOUND.  New reference. */
enum ws_err ini_get(struct db *d, int64_t id, json_t **out) WS_WUR;
/* A page of initiatives (country, status: "" for any), newest first, and
 * how many in all. */
enum ws_err ini_list(struct db *d, const char *country, const char *status, int64_t page,
    int per_page, json_t **items, int64_t *total) WS_WUR;
/* {code: count} of facet "country" or "status", the other filter kept. */
enum ws_err ini_facet(struct db *d, const char *country, const char *status,
    const char *facet, json_t **out) WS_WUR;
/* Country code's initiatives, newest first, at most max.  New reference. */
enum ws_err ini_of_country_rows(struct db *d, const char *code, int max, json_t **out) WS_WUR;
/* Inside the caller's transaction: initiative id (0: a new one, its id
 * into *out) from checked values. */
enum ws_err ini_put(struct db *d, int64_t id, json_t *values, int64_t by, int64_t *out) WS_WUR;
/* The id of the initiative titled title, or of call call_id's, into *id
 * (0: none). */
enum ws_err ini_by_title(struct db *d, const char *title, int64_t *id) WS_WUR;
enum ws_err ini_of_call(struct db *d, int64_t call_id, int64_t *id) WS_WUR;

/* Its participants: [{id, kind, user_id, organization_id, source,
 * created_at (Unix seconds), name}], focal points first.  New reference. */
enum ws_err ini_parts(struct db *d, int64_t id, json_t **out) WS_WUR;
/* Inside the caller's transaction: a participant of kind (focal,
 * organization, expert) ref (the user's or the organization's id), from
 * source (staff, call; application: the call's application or 0); once:
 * *added 0 when it was one already. */
enum ws_err ini_part_add(struct db *d, int64_t id, const char *kind, int64_t ref,
    const char *source, int64_t application, int64_t by, int *added) WS_WUR;
/* Participant pid of initiative id removed; WS_ENOTFOUND. */
enum ws_err ini_part_remove(struct db *d, int64_t id, int64_t pid) WS_WUR;
/* Inside the caller's transaction: its focal points are those of focal
 * (an array of user ids, checked). */
enum ws_err ini_focal_set(struct db *d, int64_t id, json_t *focal, int64_t by) WS_WUR;
/* Whether person uid takes part in initiative id (*yes). */
enum ws_err ini_part_is(struct db *d, int64_t id, int64_t uid, int *yes) WS_WUR;
/* The initiatives person uid takes part in (uid > 0) or organization org
 * does: [{id, title, country, status, kind}], newest first, at most max. */
enum ws_err ini_part_of(struct db *d, int64_t uid, int64_t org, int max, json_t **out)
    WS_WUR;
/* Whom an update to initiative id by author is mailed: [{id, email, name,
 * locale}].  New reference. */
enum ws_err ini_recipients(struct db *d, int64_t id, int64_t author, json_t **out) WS_WUR;
/* Whether user uid is an active focal point of country (*yes). */
enum ws_err ini_focal_ok(struct db *d, int64_t uid, const char *country, int *yes) WS_WUR;

/* Outputs: a new draft (its id into *oid); one ({id, kind, title, body,
 * status, audience, created_at, published_at, created_by (0: unknown)}); those a viewer sees (all:
 * staff and participants; else members: also those published to
 * members); one published. */
enum ws_err ini_out_insert(struct db *d, int64_t id, const char *kind, const char *title,
    const char *body, int64_t by, int64_t *oid) WS_WUR;
enum ws_err ini_out_get(struct db *d, int64_t id, int64_t oid, json_t **out) WS_WUR;
enum ws_err ini_out_list(struct db *d, int64_t id, int all, int members, json_t **out) WS_WUR;
enum ws_err ini_out_publish(struct db *d, int64_t id, int64_t oid, const char *audience,
    int64_t by) WS_WUR;

/* Output oid of initiative id: its kind, title and body changed (only
 * while a draft when draft_only: its author's change); withdrawn
 * (published: back to a draft, unpublished; else deleted).  WS_ENOTFOUND
 * when it is not there (or no longer a draft when draft_only; or,
 * withdrawn, no longer published or draft). */
enum ws_err ini_out_set(struct db *d, int64_t id, int64_t oid, int draft_only,
    const char *kind, const char *title, const char *body) WS_WUR;
enum ws_err ini_out_withdraw(struct db *d, int64_t id, int64_t oid, int published) WS_WUR;

/* Updates: a new one (its id into *out); a page, newest first ([{id,
 * author_id, author, body, created_at (Unix seconds)}]), and how many. */
enum ws_err ini_upd_insert(struct db *d, int64_t id, int64_t author, const char *body,
    int64_t *out) WS_WUR;
enum ws_err ini_upd_list(struct db *d, int64_t id, int64_t page, int per_page, json_t **items,
    int64_t *total) WS_WUR;

/* A page of initiatives for staff's CSV (country, status: "" for any),
 * oldest first: [{id, country, title, status, focal_points,
 * organizations, experts, outputs_published, outputs_draft, created_at,
 * updated_at (Unix seconds)}].  New reference in *out. */
enum ws_err ini_csv_rows(struct db *d, const char *country, const char *status, int64_t page,
    int per_page, json_t **out) WS_WUR;

/* Update uid of initiative id ({id, author_id, author, body, created_at
 * (Unix seconds)}; new reference), its body changed, or deleted;
 * WS_ENOTFOUND when it is not there. */
enum ws_err ini_upd_get(struct db *d, int64_t id, int64_t uid, json_t **out) WS_WUR;
enum ws_err ini_upd_set(struct db *d, int64_t id, int64_t uid, const char *body) WS_WUR;
enum ws_err ini_upd_delete(struct db *d, int64_t id, int64_t uid) WS_WUR;

/* The event (ST_INI_EVENT_BRIEF) or resource (ST_INI_RES_BRIEF) id as v
 * may see it: {id, title, when, timezone}; WS_ENOTFOUND when v may not. */
enum ws_err ini_brief(struct db *d, int event, const struct ini_viewer *v, int64_t id,
    json_t **out) WS_WUR;

/* ---- initiatives.c ---- */

extern const char *const ini_statuses[];
extern const char *const ini_status_labels[];
extern const char *const ini_out_kinds[];
extern const char *const ini_out_kind_labels[];
/* The label of code among codes (labels: its twin), in r's language. */
const char *ini_label(struct req *r, const char *const *codes, const char *const *labels,
    const char *code);

/*
 * The one check of an initiative, for the API (POST, PATCH) and the staff
 * form: in (its fields by their JSON names; borrowed) as stored values in
 * *values and a message per field in r's language in *errors (NULL when
 * none).  New references.
 */
enum ws_err ini_check(struct req *r, json_t *in, json_t **values, json_t **errors) WS_WUR;
/* Writes checked values as initiative id (0: new; its id into *out) with
 * its focal points, audited, in one transaction. */
enum ws_err ini_save(struct req *r, int64_t id, json_t *values, int64_t *out) WS_WUR;
/* The fields of stored initiative s with its focal points (parts) as
 * input, with what in sends laid over them.  New reference. */
json_t *ini_merged_input(json_t *s, json_t *parts, json_t *in);
/* Initiative id as r's caller sees it (the API's Initiative): public
 * fields, outputs they may read, participants for members; whether they
 * take part into *part (may be NULL).  New reference in *out. */
enum ws_err ini_load_view(struct req *r, int64_t id, json_t **out, int *part) WS_WUR;
/* Stored initiative s in a list, as r's caller sees it.  New reference. */
json_t *ini_brief_view(struct req *r, json_t *s);

/* ---- pages.c ---- */

void ini_page_list(struct req *r, json_t *val);
void ini_page_one(struct req *r, json_t *val);
void ini_page_space(struct req *r, json_t *val);

#endif
