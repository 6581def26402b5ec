/*
 * messages.h -- private messages: one-to-one conversations between people
 * (DESIGN.md `messages`), with their pages /messages (the caller's
 * conversations, newest first, with unread counts) and /messages/{id} (one
 * conversation, a page at a time; reading it marks it read), the write
 * form reached from a person's page, blocking, reports to staff
 * (/staff/messages) and the mail that says a message is waiting.
 *
 * Who may start a conversation (messages.c says it once, msg_may_start):
 *   - nobody writes to an applicant (they read no message: the route
 *     table refuses them /messages), nor to an account not active;
 *   - staff write to anyone else;
 *   - a member writes to a person the people directory shows them (an
 *     approved expert with an active account: people_shown()), never to
 *     someone it hides from them;
 *   - a state focal point writes only to staff;
 *   - applicants and visitors: nobody (the route table says so, and a
 *     member of a suspended organization is an applicant).
 * Either person replies within a conversation once it exists.  Someone
 * who blocked the sender does not receive what the sender writes after
 * (it is kept, withheld: the sender is not told).  A message is plain text
 * of at most MSG_BODY_MAX bytes.  A person starts at most MSG_NEW_PER_DAY
 * conversations in 24 hours and sends at most MSG_PER_HOUR messages an
 * hour (429); sending locks both people's account rows, so requests made
 * at once count one after the other.  A person has one open report of a
 * conversation at a time (409).  The recipient is mailed in their
 * language -- who wrote and a link, never the text -- at most once an hour
 * a conversation, unless they switched these mails off or may not read it
 * now (an applicant: their organization suspended).
 */
#ifndef WS_MESSAGES_H
#define WS_MESSAGES_H

#include <jansson.h>
#include <stdint.h>

#include "http/form.h"
#include "http/http.h"

struct db;

#define MSG_BODY_MAX 4000	/* bytes of one message */
#define MSG_REASON_MAX 1000	/* bytes of a report's reason */
#define MSG_NEW_PER_DAY 20	/* conversations a person starts in 24 hours */
#define MSG_PER_HOUR 60		/* messages a person sends in an hour */
#define MSG_MAIL_EVERY 3600	/* seconds between two mails about one conversation */

/* The queries of /messages, /messages/{id} and /staff/messages. */
extern const struct field msg_q_list[];
extern const struct field msg_q_new[];
extern const struct field msg_q_reports[];

/* The unread messages of r's signed-in caller (0 for others or when the
 * database fails: a page's header does not fail for it). */
int64_t msg_unread(struct req *r);

/* Inside the caller's transaction: the conversation of a and b, opened
 * (empty, a starting it) when they have none; for a partner match, whose
 * two contacts may then write to each other.  Its id in *conv. */
enum ws_err msg_conversation_open(struct db *d, int64_t a, int64_t b, int64_t *conv) WS_WUR;

/* uid's messages for their export: what they wrote and what they
 * received, [{id, conversation_id, from_me, from, body, created_at}].  New
 * reference. */
enum ws_err msg_export_person(struct db *d, int64_t uid, json_t **out) WS_WUR;
/* Inside the caller's transaction, uid deleting their account: their
 * blocks (both ways) and their setting go; their messages stay, shown
 * from a former member. */
enum ws_err msg_forget_person(struct db *d, int64_t uid) WS_WUR;

/* `whatson seed --demo`: a few conversations of the demo member, staff and
 * focal point (seed.c); how many were added into *added (none when seeded
 * before). */
enum ws_err msg_seed_demo(struct db *d, int64_t staff_id, int64_t member_id, int64_t focal_id,
    int *added) WS_WUR;

enum ws_err h_messages(struct req *r, struct resp *w);
enum ws_err h_message_new_form(struct req *r, struct resp *w);
enum ws_err h_message_new(struct req *r, struct resp *w);
enum ws_err h_conversation(struct req *r, struct resp *w);
enum ws_err h_conversation_reply(struct req *r, struct resp *w);
enum ws_err h_conversation_block(struct req *r, struct resp *w);
enum ws_err h_conversation_unblock(struct req *r, struct resp *w);
enum ws_err h_conversation_report(struct req *r, struct resp *w);
enum ws_err h_message_settings(struct req *r, struct resp *w);
enum ws_err h_staff_message_reports(struct req *r, struct resp *w);
enum ws_err h_staff_message_report_close(struct req *r, struct resp *w);

#endif
