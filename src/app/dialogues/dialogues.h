/*
 * dialogues.h -- the constructive dialogues of the Review Mechanism of the
 * Organized Crime Convention (issue 17; Resolution 9/1, paragraph 53):
 * after a session of one of its working groups, non-governmental
 * stakeholders hold a dialogue with the States parties, and the summary
 * of it is shared at the working group's next session.
 *
 * A dialogue is a row of `dialogues` that ties together what other areas
 * already own: the session it follows (a meeting of body untoc_wg with a
 * working group, src/app/meetings; any other is a 422), its two events
 * (the multistakeholder preparation day and the dialogue, src/app/events,
 * whose registration only its approved participants may use), and the
 * call of kind `dialogue` stakeholders apply through (src/app/calls, open
 * to anyone non-governmental, ECOSOC status or not).  The Extended
 * Bureau's decision is the call's: staff score the applications against
 * its criteria ("from a country under review", "proven expertise") and
 * decide; an accepted application is an `approved` participant, a
 * declined one `not_approved` (the words of this module for the calls'
 * statuses: nothing is stored twice).  An organization's approval is its
 * people's while they are of it and it is not suspended or rejected.  Of its own a dialogue holds the
 * countries under review (ISO 3166-1 codes staff set), the time written
 * inputs close, the participants' written inputs (dialogue_inputs, text
 * and a file, each saying whether its author agrees to publication) and,
 * once staff publish it, its summary (Markdown), which members are mailed
 * about (a job) and which the working group's next session lists.
 *
 * Who sees a dialogue is who sees its session (EV_VISIBLE): a dialogue on
 * a session a caller may not see is a 404.  Staff alone write dialogues
 * and see the applicants' balance and the speakers' gender.
 */
#ifndef WS_DIALOGUES_H
#define WS_DIALOGUES_H

#include <stdint.h>

#include <jansson.h>

#include "http/form.h"
#include "http/http.h"

/* GET /dialogues and /api/v1/dialogues: the dialogues the caller may
 * see, the latest session first. */
enum ws_err h_dialogues(struct req *r, struct resp *w);
/* GET /dialogues/{id} and /api/v1/dialogues/{id}: one dialogue, its
 * events, call and published summary, and what the caller may do. */
enum ws_err h_dialogue(struct req *r, struct resp *w);
/* POST /api/v1/dialogues (staff): a new dialogue (dlg_check). */
enum ws_err h_dialogue_create(struct req *r, struct resp *w);
/* PATCH /api/v1/dialogues/{id} (staff): what is sent changes. */
enum ws_err h_dialogue_edit(struct req *r, struct resp *w);
/* The staff form: GET and POST /staff/dialogues/new and
 * /staff/dialogues/{id}/edit, through the API's check. */
enum ws_err h_staff_dialogue_new_form(struct req *r, struct resp *w);
enum ws_err h_staff_dialogue_create(struct req *r, struct resp *w);
enum ws_err h_staff_dialogue_edit_form(struct req *r, struct resp *w);
enum ws_err h_staff_dialogue_edit(struct req *r, struct resp *w);

/* GET /staff/dialogues/{id}/participants (staff; JSON twin): the
 * applicants with their status as the Extended Bureau's decision
 * (proposed, approved, not_approved), whether their organization's
 * country is under review, their scores and speaker's gender, and the
 * balance by region, kind of organization and gender of the approved so
 * far and of the proposed list. */
enum ws_err h_staff_dialogue_participants(struct req *r, struct resp *w);
/* GET /staff/dialogues/{id}/participants.csv (staff): the same rows. */
enum ws_err h_staff_dialogue_participants_csv(struct req *r, struct resp *w);
/* POST /api/v1/dialogues/{id}/decisions (staff): {ids (applications),
 * decision: approved|not_approved} as the call's decisions (accept,
 * decline), each applicant mailed by the calls' decision. */
enum ws_err h_dialogue_decisions(struct req *r, struct resp *w);
/* POST /staff/dialogues/{id}/participants: that page's form through it. */
enum ws_err h_staff_dialogue_decide(struct req *r, struct resp *w);

/* GET /api/v1/dialogues/{id}/inputs: staff all; an approved participant
 * their own and those published; others those published with the
 * summary. */
enum ws_err h_dialogue_inputs(struct req *r, struct resp *w);
/* POST /api/v1/dialogues/{id}/inputs: an approved participant's written
 * input {body, publish, file} until the inputs close (409 after; 403 for
 * anyone not approved, naming the rule). */
enum ws_err h_dialogue_input_add(struct req *r, struct resp *w);
/* POST /dialogues/{id}/inputs: the page's form through it. */
enum ws_err h_dialogue_input_form(struct req *r, struct resp *w);
/* GET /dialogues/{id}/inputs/{iid}/file: an input's file, to whoever may
 * read the input. */
enum ws_err h_dialogue_input_file(struct req *r, struct resp *w);
/* POST /api/v1/dialogues/{id}/summary (staff): {summary} (Markdown) and,
 * multipart, a `file` part (the rules of uploaded documents), published
 * once (409 after), with the inputs their authors agreed to publish; the
 * members are mailed by a job, so not while they may not see its session
 * (409: a draft or staff-only session). */
enum ws_err h_dialogue_publish(struct req *r, struct resp *w);
/* GET /dialogues/{id}/summary/file: the published summary's file, to
 * whoever sees the dialogue. */
enum ws_err h_dialogue_summary_file(struct req *r, struct resp *w);
/* POST /staff/dialogues/{id}/summary: the page's form through it. */
enum ws_err h_staff_dialogue_publish(struct req *r, struct resp *w);

/* ---- what other areas ask of dialogues ---- */

/* Whether person uid may register for event ev: WS_OK when ev is no
 * dialogue's event or uid is an approved participant of its dialogue;
 * WS_EFORBIDDEN with the rule (English, to translate) in *why otherwise
 * (events' registration answers 403 with it). */
enum ws_err dialogues_may_register(struct db *d, int64_t ev, int64_t uid, const char **why)
    WS_WUR;

/*
 * The dialogues the stakeholders of country (ISO 3166-1 alpha-2) took
 * part in, as r's caller may see them (dialogues on sessions they may
 * see; approved organizations of the country whose applications were
 * accepted), for the country page and the focal point's view:
 * [{id, title, href, summary_published, organizations: [{id, name}]}],
 * latest first.  New reference in *out.  *html (r's arena) the same as a
 * block of HTML (a heading and a list; "" when there are none), unless
 * html is NULL.
 */
enum ws_err dialogues_of_country(struct req *r, const char *country, json_t **out,
    const char **html) WS_WUR;
/* Person uid's part in dialogues (approved, inputs written) as r's caller
 * may see them, for the person's page: [{id, title, href, what}]; a part
 * through an organization is shown to the person and staff only.  New
 * reference in *out. */
enum ws_err dialogues_of_person(struct req *r, int64_t uid, json_t **out) WS_WUR;
/*
 * For person uid's account export (GET /api/v1/me/export): the
 * applications they filed to dialogues' calls, [{application_id,
 * dialogue_id, dialogue_title, organization_id, organization, and while
 * they still act for it: status, decision (proposed, approved,
 * not_approved), submitted_at, decided_at}], into *apps, and the written
 * inputs they wrote themselves (not their organization's by others),
 * [{id, dialogue_id, dialogue_title, organization_id, body, publish (their
 * consent to publication), file ({name, type, size, sha256} or null),
 * created_at}], into *inputs.  New references; both NULL on failure.
 */
struct db;
enum ws_err dialogues_export_person(struct db *d, int64_t uid, json_t **apps, json_t **inputs)
    WS_WUR;
/* The published summaries that session sid (a meeting's event) is the
 * next session of its working group for: [{id, title, href}].  New
 * reference in *out ([] for any other session). */
enum ws_err dialogues_for_session(struct req *r, int64_t sid, json_t **out) WS_WUR;

struct app;
struct db;
struct job_ctx;
struct job;
/* The job that mails members a dialogue's published summary (payload
 * {"dialogue": id}); each member once, whatever reruns. */
#define DLG_MAIL_JOB "dialogue_summary_mail"
enum ws_err dlg_mail_run(struct job_ctx *c, const struct job *j) WS_WUR;

/* `whatson seed --demo`: two dialogues on demo working-group sessions,
 * with their events, calls, approved participants and inputs, one with
 * its summary published; none when the hub has a dialogue already.  How
 * many were added into *added. */
enum ws_err dialogues_seed_demo(struct app *app, struct db *d, int64_t staff_id, int *added)
    WS_WUR;

/*
 * The dialogues still ahead for country (ISO 3166-1 alpha-2) at now, as r's
 * caller may see them, for the focal point's open opportunities: those
 * whose call takes applications or whose preparation day or dialogue is
 * still to come, and which concern the country (among its countries under
 * review, one of its focal points invited, or an approved organization of
 * it applied to the call): [{type: "dialogue", id, title, href, what
 * (call_closes, preparation_day or dialogue: the first still ahead), at
 * (Unix seconds), timezone, under_review, invited}].  New reference in
 * *out.
 */
enum ws_err dialogues_ahead_of_country(struct req *r, const char *country, int64_t now,
    json_t **out) WS_WUR;

/* POST /api/v1/dialogues/{id}/invitations (staff): {user_id}, an active
 * focal point, invited to the dialogue: mailed, and the dialogue is among
 * the open opportunities of their country's view.  201 with the
 * invitation; 422 for someone who is no focal point; 409 when invited
 * already or when focal points may not see the dialogue's session yet. */
enum ws_err h_dialogue_invite(struct req *r, struct resp *w);
/* POST /staff/dialogues/{id}/invitations: the participants page's form
 * through it, back to that page. */
enum ws_err h_staff_dialogue_invite(struct req *r, struct resp *w);
/* The focal points invited to dialogue id ([{id, user_id, name, country,
 * created_at}]) for the participants page and its twin; with choices
 * (non-NULL) the active focal points not invited yet, [{id, label}], for
 * its form.  New references. */
enum ws_err dialogues_invitations(struct req *r, int64_t id, json_t **out, json_t **choices)
    WS_WUR;

#endif
