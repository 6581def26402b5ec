/*
 * digest.h -- the weekly digest mail (migration 43): once a week each
 * person who wants it gets one mail, in their language, with what is new
 * for them since their last digest (or the last 7 days): the news items
 * published that they may read, the open opportunities they can still act
 * on (soonest first, at most DIGEST_OPPS), and the forum threads they
 * follow with new replies (counts and links, never a post's text).  One
 * with nothing new gets no mail.
 *
 * Who wants it: their choice on /account/digest, else on for members and
 * focal points and off for everyone else.  Who gets it: active, verified
 * accounts only; never a deleted or disabled one, nor a member whose
 * organizations are all suspended (they lost member access).  What they
 * may read is asked of each area at each digest (news_since,
 * forums_digest, opp_next), so a focal point never hears of a
 * nongovernmental forum.
 *
 * Each mail links to the settings page and has a signed one-click
 * unsubscribe link (/digest/unsubscribe?u=&s=: a page that confirms with a
 * POST, without signing in).  The module owns digest_settings (choices),
 * digest_sent (one row a person and week: a person is mailed at most once
 * a week, whichever node or run gets there first) and digest_runs (what
 * staff see at /staff/digest, where they can also run it now).
 */
#ifndef WS_DIGEST_H
#define WS_DIGEST_H

#include <jansson.h>
#include <stdint.h>

#include "http/form.h"
#include "http/http.h"

struct app;
struct db;
struct job;
struct job_ctx;

#define DIGEST_JOB "digest"
#define DIGEST_NEWS 10		/* news items a digest lists */
#define DIGEST_OPPS 10		/* opportunities a digest lists */
#define DIGEST_THREADS 20	/* threads a digest lists */
#define DIGEST_BATCH 200	/* people read at a time by a run */
#define DIGEST_HOUR 6		/* the scheduled run: Mondays at 06:00 UTC */
#define DIGEST_LOOKBACK_MAX (28 * 86400)	/* a digest tells of at most 4 weeks */

/* The week t falls in: weeks start on Mondays 00:00 UTC. */
int64_t digest_week(int64_t t);

/* The job (DIGEST_JOB): mails this week's digests not yet mailed.  A
 * scheduled run (empty payload) queues the next for next Monday; one
 * staff asked for ({"by": id}) does not. */
enum ws_err digest_run(struct job_ctx *c, const struct job *j) WS_WUR;

/* Queues the next scheduled run (next Monday at DIGEST_HOUR UTC) when
 * none is on its way; at start-up.  The test build schedules none unless
 * WHATSON_TEST_DIGEST is set in the environment, so that the other tests'
 * mail is not joined by digests when they move the clock by weeks; staff
 * can run it there too. */
void digest_schedule(struct db *d);

/* `whatson seed --demo`: when no digest ever ran, this week's digest of
 * the demo member member_id (into the outbox, so var/mail has one to
 * read) and its run, for staff's page; *added 1 when it did. */
enum ws_err digest_seed_demo(struct app *app, struct db *d, int64_t member_id, int *added)
    WS_WUR;

/* Person uid's digests, for their export: {enabled (their choice or
 * null), sent: [{week_of, sent_at, news, opportunities, threads}]}.  New
 * reference in *out. */
enum ws_err digest_export(struct db *d, int64_t uid, json_t **out) WS_WUR;

/* GET /account/digest (and /api/v1/account/digest), POST /account/digest,
 * PATCH /api/v1/account/digest {enabled}. */
enum ws_err h_digest_settings(struct req *r, struct resp *w);
enum ws_err h_digest_settings_form(struct req *r, struct resp *w);
enum ws_err h_digest_settings_api(struct req *r, struct resp *w);
/* GET /digest/unsubscribe?u=&s= (the page that confirms), POST it. */
enum ws_err h_digest_unsubscribe_page(struct req *r, struct resp *w);
enum ws_err h_digest_unsubscribe(struct req *r, struct resp *w);
/* POST /digest/unsubscribe/one-click?u=&s= (List-Unsubscribe=One-Click,
 * RFC 8058: the mail's List-Unsubscribe-Post), and its GET: the page. */
enum ws_err h_digest_unsubscribe_oneclick(struct req *r, struct resp *w);
/* GET /staff/digest (and JSON): the runs; POST /staff/digest/run (and
 * POST /api/v1/staff/digest/run): run it now. */
enum ws_err h_staff_digest(struct req *r, struct resp *w);
enum ws_err h_staff_digest_run(struct req *r, struct resp *w);

#endif
