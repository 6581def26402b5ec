/*
 * forums.h -- discussion forums for members (migration 40): forums made by
 * staff, threads and flat posts written by members (and by focal points
 * in forums whose audience is "members"), flags that staff decide,
 * following a forum or a thread with capped reply mail, read markers.
 *
 * Who reads: every approved person for a forum of audience "members";
 * members and staff, never focal points, for "nongovernmental" (to a
 * focal point such a forum and its threads do not exist: 404).  A member
 * whose organizations are all suspended (or whose expert profile is)
 * reads nothing; applicants and visitors neither.  Authors are shown only
 * as the people directory would show them to the reader.
 */
#ifndef WS_FORUMS_H
#define WS_FORUMS_H

#include <jansson.h>
#include <stdint.h>

#include "http/form.h"
#include "http/http.h"

struct app;
struct db;

#define FORUMS_TITLE_MAX 200	/* characters of a forum's or a thread's title */
#define FORUMS_DESC_MAX 2000	/* characters of a forum's description */
#define FORUMS_BODY_MAX 10000	/* characters of a post */
#define FORUMS_REASON_MAX 500	/* characters of a flag's reason */
#define FORUMS_RATE_HOUR 20	/* posts (threads and replies) a person writes an hour */
#define FORUMS_EDIT_WINDOW 1800	/* seconds an author may edit their post */
#define FORUMS_FLAG_ORGS 3	/* organizations whose flags hide a post until staff decide */
#define FORUMS_MAIL_GAP 3600	/* seconds between two mails of a thread to one person */
#define FORUMS_FOLLOWERS_MAX 2000	/* people mailed about one reply */
#define FORUMS_PER_PAGE 20	/* posts a page of a thread */
#define FORUMS_FLAGS_HOUR 30	/* flags a person raises an hour */
#define FORUMS_MAX 200		/* forums a hub has (staff make them) */

extern const struct field forums_q_threads[];	/* ?q=, page, per_page */

/* uid's posts, for their personal-data export: [{id, thread_id, thread,
 * forum_id, forum, body, status, created_at, edited_at}].  New reference. */
enum ws_err forums_export(struct db *d, int64_t uid, json_t **out) WS_WUR;

/* `whatson seed --demo` (seed.c): two forums with a few threads and
 * replies by the demo member member_id, seeded members and staff_id;
 * nothing when there is a forum already.  *added: how many forums. */
enum ws_err forums_seed_demo(struct app *app, struct db *d, int64_t staff_id,
    int64_t member_id, int *added) WS_WUR;

enum ws_err h_forums(struct req *r, struct resp *w);
enum ws_err h_forum(struct req *r, struct resp *w);
enum ws_err h_forum_thread(struct req *r, struct resp *w);
enum ws_err h_forum_create(struct req *r, struct resp *w);
enum ws_err h_forum_edit(struct req *r, struct resp *w);
enum ws_err h_staff_forum_create(struct req *r, struct resp *w);
enum ws_err h_staff_forum_edit(struct req *r, struct resp *w);
enum ws_err h_forum_thread_create(struct req *r, struct resp *w);
enum ws_err h_forum_thread_create_form(struct req *r, struct resp *w);
enum ws_err h_forum_thread_mod(struct req *r, struct resp *w);
enum ws_err h_forum_thread_mod_form(struct req *r, struct resp *w);
enum ws_err h_forum_reply(struct req *r, struct resp *w);
enum ws_err h_forum_reply_form(struct req *r, struct resp *w);
enum ws_err h_forum_post_edit(struct req *r, struct resp *w);
enum ws_err h_forum_post_edit_page(struct req *r, struct resp *w);
enum ws_err h_forum_post_edit_form(struct req *r, struct resp *w);
enum ws_err h_forum_post_delete(struct req *r, struct resp *w);
enum ws_err h_forum_post_delete_form(struct req *r, struct resp *w);
enum ws_err h_forum_post_flag(struct req *r, struct resp *w);
enum ws_err h_forum_post_flag_form(struct req *r, struct resp *w);
enum ws_err h_forum_post_moderate(struct req *r, struct resp *w);
enum ws_err h_forum_post_moderate_form(struct req *r, struct resp *w);
enum ws_err h_forum_follow(struct req *r, struct resp *w);
enum ws_err h_forum_follow_form(struct req *r, struct resp *w);
enum ws_err h_forum_thread_follow(struct req *r, struct resp *w);
enum ws_err h_forum_thread_follow_form(struct req *r, struct resp *w);
enum ws_err h_forum_unfollow_page(struct req *r, struct resp *w);
enum ws_err h_forum_unfollow(struct req *r, struct resp *w);
enum ws_err h_staff_forum_flags(struct req *r, struct resp *w);
enum ws_err h_staff_forum_flags_csv(struct req *r, struct resp *w);

/* The threads person uid (acting as role, "member", "focal", ...) follows
 * with visible replies by others in [since, now], in the forums they may
 * still read (a focal point never a nongovernmental one; a member whose
 * organizations are all suspended none): [{thread_id, forum_id, thread,
 * forum, new_replies}], the latest first, at most n.  Counts and titles,
 * never a post's text (the weekly digest's).  New reference in *out. */
enum ws_err forums_digest(struct db *d, int64_t uid, const char *role, int64_t since,
    int64_t now, int n, json_t **out) WS_WUR;

#endif
