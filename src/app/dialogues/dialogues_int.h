/*
 * dialogues_int.h -- what the files of src/app/dialogues share: the store
 * (store.c), which alone reads and writes dialogues, dialogue_inputs and
 * dialogue_mailed, the one check of a dialogue (dialogues.c) that the API
 * and the staff form share, and the views the pages add to.
 */
#ifndef WS_DIALOGUES_INT_H
#define WS_DIALOGUES_INT_H

#include <jansson.h>
#include <stdint.h>

#include "app/dialogues/dialogues.h"
#include "core/err.h"

struct db;

/* Who asks, as EV_VISIBLE (statements.c) reads it. */
struct dlg_viewer {
	int staff;	/* staff or admin */
	int member;	/* an approved person: a member, a focal point, staff */
};
void dlg_viewer_of(struct req *r, struct dlg_viewer *v);

#define DLG_COUNTRIES_MAX 200	/* countries under review a dialogue lists */
#define DLG_INPUT_MAX 20000	/* characters of a written input */
#define DLG_SUMMARY_MAX 100000	/* characters of a summary */
#define DLG_INPUTS_MAX 500	/* inputs a dialogue's list shows */
#define DLG_GENDER_Q "speaker_gender"	/* the call's question asking the speaker's gender */
#define DLG_FILE_KIND "dialogue_input"	/* the file store's kind of an input's file */
#define DLG_SUMMARY_KIND "dialogue_summary"	/* the file store's kind of a summary's file */

extern const char *const dlg_genders[];	/* woman, man, another, prefer_not_to_say */

/* ---- store.c ---- */

/* Dialogue id as stored JSON ({id, meeting_id, title, description,
 * prep_event_id, event_id, call_id, countries, inputs_close_at,
 * summary, summary_published_at (seconds or null), summary_file ({file_id,
 * name, type, size, sha256}, absent when none), created_at, updated_at,
 * working_group, session_number, session_title, session_start_at,
 * timezone}) when v may see its session; WS_ENOTFOUND otherwise.  New
 * reference in *out. */
enum ws_err dlg_get(struct db *d, const struct dlg_viewer *v, int64_t id, json_t **out) WS_WUR;
/* A page of the dialogues v may see, the latest session first, and how many. */
enum ws_err dlg_list(struct db *d, const struct dlg_viewer *v, int64_t page, int per_page,
    json_t **items, int64_t *total) WS_WUR;
/* Inside the caller's transaction: dialogue id (0: a new one, its id into
 * *out) from checked values, by person by. */
enum ws_err dlg_put(struct db *d, int64_t id, json_t *values, int64_t by, int64_t *out) WS_WUR;
/* Another dialogue than id with call call: its id into *other (0: none). */
enum ws_err dlg_same_call(struct db *d, int64_t call, int64_t id, int64_t *other) WS_WUR;
/* Session sid's body and working group into *body and *wg (new strings
 * in r's arena); WS_ENOTFOUND when sid is no session. */
enum ws_err dlg_session(struct req *r, int64_t sid, const char **body, const char **wg) WS_WUR;
/* Call id's kind (r's arena); WS_ENOTFOUND when there is none. */
enum ws_err dlg_call_kind(struct req *r, int64_t id, const char **kind) WS_WUR;
/* The applicants to call: [{application_id, user_id, organization_id
 * (or null), status, answers, name, email, organization, country, kind,
 * score_sum, score_n}], as they came.  New reference in *out. */
enum ws_err dlg_people(struct db *d, int64_t call, json_t **out) WS_WUR;
/* The accepted application of call that person uid takes part by (their
 * own, or their organization's): its id into *app and organization into
 * *org (0: none); WS_ENOTFOUND when uid is not an approved participant. */
enum ws_err dlg_approved_of(struct db *d, int64_t call, int64_t uid, int64_t *app,
    int64_t *org) WS_WUR;
/* A new written input, inside the caller's transaction; file (may be
 * NULL) {file_id, name, type, size, sha256}. */
enum ws_err dlg_input_insert(struct db *d, int64_t dlg, int64_t app, int64_t uid, int64_t org,
    const char *body, int publish, json_t *file, int64_t *id) WS_WUR;
/* Dialogue dlg's inputs: all (all), or those agreed for publication
 * (published), and those of person uid and their organizations.  New
 * reference in *out. */
enum ws_err dlg_inputs(struct db *d, int64_t dlg, int all, int published, int64_t uid,
    json_t **out) WS_WUR;
/* Dialogue id's summary published now, with file (may be NULL: {file_id,
 * name, type, size, sha256}, claimed by the caller); WS_ECONFLICT when it
 * was already. */
enum ws_err dlg_publish(struct db *d, int64_t id, const char *summary, json_t *file) WS_WUR;
/* Short lists: [{dialogue_id, title, summary_published_at, who_id, who,
 * what}] of statement s with its parameters.  New reference in *out. */
enum ws_err dlg_short(struct db *d, int s, const struct dlg_viewer *v, int64_t id,
    const char *text, json_t **out) WS_WUR;

/* ---- dialogues.c ---- */

/* Stored dialogue g as r's caller sees it (the API's Dialogue).  New
 * reference. */
json_t *dlg_view(struct req *r, json_t *g);
/* Whether r's caller may read the name of person uid, who took part for
 * organization org (0: as an expert): staff and the person all; else as
 * the organization shows its people (`people`, nongovernmental by
 * default), an expert's as /people shows experts (members, focal points). */
int dlg_person_seen(struct req *r, int64_t uid, int64_t org);
/* The dialogue of r->params[0] r's caller may see, stored (new
 * reference), its id into *id; WS_ENOTFOUND otherwise. */
enum ws_err dlg_param(struct req *r, int64_t *id, json_t **g) WS_WUR;
/*
 * The one check of a dialogue, for the API (POST, PATCH) and the staff
 * form: in (the fields by their JSON names; borrowed) as values to store
 * (*values), a message per field in r's language in *errors (NULL when
 * none).  id: the dialogue being changed (0: a new one).  New references.
 */
enum ws_err dlg_check(struct req *r, json_t *in, int64_t id, json_t **values,
    json_t **errors) WS_WUR;
/* Writes a checked dialogue as id (0: new; its id into *out), audited, in
 * one transaction. */
enum ws_err dlg_save(struct req *r, int64_t id, json_t *values, int64_t *out) WS_WUR;
/* The fields of view g as the form's input, with in laid over them.  New
 * reference. */
json_t *dlg_merged_input(json_t *g, json_t *in);
/* Instant t (seconds; a JSON integer or null) as RFC 3339 in zone.  New
 * reference. */
json_t *dlg_time(const char *zone, json_t *t);

/* ---- inputs.c ---- */

/* The inputs of stored dialogue g (id) r's caller may read, as the API
 * gives them.  New reference in *out. */
enum ws_err dlg_inputs_seen(struct req *r, json_t *g, int64_t id, json_t **out) WS_WUR;

/* ---- pages.c ---- */

/* Adds to view v (dlg_view's, of stored dialogue g) what /dialogues/{id}
 * shows. */
void dlg_page_one(struct req *r, json_t *g, json_t *v);

#endif
