/*
 * notify.h -- mail to the people registered for an event about the event
 * itself (notify.c, reminders.c): reminders before it starts, a change of
 * its time, place or online address, its cancellation, and a registration
 * staff declined.  Each is written in the person's language, with the
 * event's time in the person's zone when they chose one (users.tz), and
 * queued with app_mail() in the caller's transaction.
 */
#ifndef WS_EVENTS_NOTIFY_H
#define WS_EVENTS_NOTIFY_H

#include <jansson.h>
#include <stdint.h>

#include "core/err.h"

struct app;
struct db;
struct job;
struct job_ctx;

/* The reminder job: each run mails the reminders due (7 days and 1 day
 * before a start, to confirmed people), each once whatever the number of
 * nodes, and queues the next run EV_REMIND_EVERY seconds on. */
#define EV_REMIND_JOB "event_reminders"
#define EV_REMIND_EVERY 300
enum ws_err ev_remind_run(struct job_ctx *c, const struct job *j) WS_WUR;

/* Mails person uid the reminder of kind ("7d" or "1d") for event id, with
 * the online address, inside the caller's transaction; WS_ENOTFOUND (and
 * no mail) when they may no longer see the event. */
enum ws_err ev_remind_mail(struct app *app, struct db *d, int64_t id, int64_t uid,
    const char *kind) WS_WUR;

/*
 * Inside the caller's transaction, after stored event `before` (ev_get's
 * JSON) was rewritten as event id: raises its SEQUENCE when what a
 * calendar shows changed, and mails its registrants (pending, confirmed,
 * waitlisted) once: "cancelled" when its status became cancelled, else
 * "changed" with what changed of its time, venue and online address (the
 * address only to confirmed people, who alone have it).
 */
enum ws_err ev_notify_edit(struct app *app, struct db *d, json_t *before, int64_t id) WS_WUR;

/*
 * Mails person uid that their registration for event id was declined, in
 * their language, with staff's reason when there is one (may be NULL or
 * ""), inside the caller's transaction (for staff decisions).
 * WS_ENOTFOUND when there is no such event.
 */
enum ws_err ev_mail_declined(struct app *app, struct db *d, int64_t id, int64_t uid,
    const char *reason) WS_WUR;

/* The job that mails a message staff wrote to an event's people
 * (mail.c); its payload {"message": id}.  Each recipient is mailed once
 * however often and on however many nodes it runs. */
#define EV_MSG_JOB "event_message"
enum ws_err ev_msg_run(struct job_ctx *c, const struct job *j) WS_WUR;

/*
 * Mails person uid staff's message about stored event ev (ev_get's JSON):
 * subject as staff wrote it, body (Markdown, sent as its text) under a
 * greeting and above the event's title, time and address, in the
 * person's language; inside the caller's transaction.
 */
enum ws_err ev_mail_message(struct app *app, struct db *d, json_t *ev, int64_t uid,
    const char *subject, const char *body) WS_WUR;

#endif
