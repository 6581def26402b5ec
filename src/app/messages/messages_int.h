/*
 * messages_int.h -- shared by the files of src/app/messages/: the store
 * (store.c) the handlers (messages.c, staff.c) read and write through.
 */
#ifndef WS_MESSAGES_INT_H
#define WS_MESSAGES_INT_H

#include "app/messages/messages.h"
#include "db/statements.h"

/* Values below carry "_t", the time they show (Unix seconds), until
 * msg_when() turns it into "when" for a page (or drops it for the API). */
void msg_when(struct req *r, json_t *o);

/* Conversation id as me, one of its two people, sees it: {id, with: {id,
 * name, former}, started_by_me, unread, last_at, created_at, blocked} and
 * the internal _last_id (the last message me may see), _read and _active
 * (whether the other may receive a message); WS_ENOTFOUND when it is not
 * theirs.  New reference. */
enum ws_err msg_conv_get(struct db *d, int64_t me, int64_t id, json_t **out) WS_WUR;
/* A page of me's conversations, the newest first, and how many. */
enum ws_err msg_conv_list(struct db *d, int64_t me, int64_t page, int per_page, json_t **out,
    int64_t *total) WS_WUR;
/* A page of conversation conv as me sees it (page 1 the newest messages,
 * each page oldest first): [{id, from: {id, name, former}, from_me, body,
 * created_at}], and how many in all. */
enum ws_err msg_list(struct db *d, int64_t me, int64_t conv, int64_t page, int per_page,
    json_t **out, int64_t *total) WS_WUR;
/* The last 20 messages of conv, withheld ones too (staff reading a report). */
enum ws_err msg_tail(struct db *d, int64_t conv, json_t **out) WS_WUR;
/* The single count statement s returns for parameters a, b. */
enum ws_err msg_count2(struct db *d, enum db_stmt s, int64_t a, int64_t b, int64_t *n) WS_WUR;
/* Runs write s with parameters a, b. */
enum ws_err msg_exec2(struct db *d, enum db_stmt s, int64_t a, int64_t b) WS_WUR;
/* me has read conv up to message upto. */
enum ws_err msg_read_set(struct db *d, int64_t conv, int64_t me, int64_t upto) WS_WUR;
/* who was mailed about conv at time at. */
enum ws_err msg_mailed_set(struct db *d, int64_t conv, int64_t who, int64_t at) WS_WUR;
/* Whether uid is mailed about new messages. */
enum ws_err msg_mail_on(struct db *d, int64_t uid, int *on) WS_WUR;

#endif
