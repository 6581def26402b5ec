/*
 * forums_int.h -- shared by the files of src/app/forums/: the reader (who
 * is asking and what they may see), the stored rows as JSON, the views.
 */
#ifndef WS_FORUMS_INT_H
#define WS_FORUMS_INT_H

#include "app/forums/forums.h"
#include "app/orgs/orgs.h"

/* Who reads, worked out once a request. */
struct reader {
	int64_t uid;
	int staff;		/* staff or admin: everything */
	int focal;		/* a state focal point: "members" forums only */
	enum vis vis;		/* org_viewer_level() */
	json_t *orgs;		/* ids of their approved organizations (JSON integers) */
	json_t *cache;		/* author id -> author object, org id -> level: this request's */
};

/* The reader of r: WS_EFORBIDDEN (why in w->detail) for a member whose
 * organizations are all suspended, or an applicant.  reader_free() it. */
enum ws_err forums_reader(struct req *r, struct resp *w, struct reader *rd) WS_WUR;
void forums_reader_free(struct reader *rd);
/* Whether the person uid (role, their standing read here) may read a
 * forum of audience aud; for mail. */
enum ws_err forums_may_read(struct db *d, int64_t uid, const char *role, const char *aud,
    int *ok) WS_WUR;

/* Forum id as rd may see it: WS_ENOTFOUND when absent or hidden from rd.
 * New reference. */
enum ws_err forums_get(struct req *r, struct reader *rd, int64_t id, json_t **out) WS_WUR;
/* Thread tid of forum fid (stored; with the reader's read marker).
 * WS_ENOTFOUND.  New reference. */
enum ws_err forums_thread_get(struct req *r, struct reader *rd, int64_t fid, int64_t tid,
    json_t **out) WS_WUR;
/* Post pid, stored: {id, thread_id, forum_id, user_id, body, status,
 * flag_hidden, created_at, edited_at, author, role, open_flags}. */
enum ws_err forums_post_get(struct db *d, int64_t pid, json_t **out) WS_WUR;
/* Stored post p as rd sees it (the API's ForumPost).  New reference. */
json_t *forums_post_view(struct req *r, struct reader *rd, json_t *p, int locked, int archived);
/* The author uid (name, role as stored; name NULL: a deleted account) as
 * rd may see them: {id, name, organizations}.  New reference. */
json_t *forums_author(struct req *r, struct reader *rd, json_t *uid, const char *name,
    const char *role);

/* "2031-01-02T03:04:05Z".  New reference. */
json_t *forums_time(int64_t t);
/* The thread page that holds post pid of thread tid. */
int64_t forums_page_of(struct db *d, int64_t tid, int64_t pid);

/* A page's form refused: the thread page again (422) with form (what was
 * typed, {body} or {reply_body}) and errors. */
enum ws_err forums_thread_page(struct req *r, struct resp *w, int64_t fid, int64_t tid,
    json_t *form, json_t *errors);
enum ws_err forums_forum_page(struct req *r, struct resp *w, int64_t fid, json_t *form,
    json_t *errors);

/* A form refused, its page to be shown again: w's errors (an empty object
 * when none; a reference of the taker's) and detail, taken out of w by
 * forums_again_take(); forums_again_done() is given what showing the page
 * gave (rc): when WS_OK, the answer is a 422 saying detail.  It drops the
 * errors and gives rc. */
struct forums_again {
	json_t *errors;
	const char *detail;
};
void forums_again_take(struct resp *w, struct forums_again *a);
enum ws_err forums_again_done(struct resp *w, struct forums_again *a, enum ws_err rc);

/* The signature of an unfollow link for person uid, forum fid, thread tid
 * (0: the forum), hex into out[65]. */
void forums_unfollow_sig(struct app *app, int64_t uid, int64_t fid, int64_t tid, char *out);

#endif
