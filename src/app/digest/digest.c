/*
 * digest.c -- the weekly digest job (digest.h) and the mail it writes.
 *
 * A run walks the people who want a digest and have had none this week,
 * DIGEST_BATCH at a time.  For each it asks every area what is new for
 * them, as they may read it now, since their last digest (at most
 * DIGEST_LOOKBACK_MAX back; a first one: the last 7 days).  Opportunities
 * are open until their deadline, so one is new when their last digest did
 * not list it.  With nothing new there is no mail and no row: a later run
 * of the same week (staff's) tries again.  Otherwise, in one transaction,
 * the row of (person, week) is inserted and the mail queued only when the
 * insert added it, so two nodes running the job at once mail each person
 * once (the second insert waits for the first and adds nothing).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/digest/digest_int.h"
#include "app/forums/forums.h"
#include "app/news/news.h"
#include "app/opportunities/opportunities.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/util.h"
#include "db/db.h"
#include "jobs/jobs.h"
#include "views/view.h"

#define DAY 86400
#define WEEK (7 * DAY)

int64_t
digest_week(int64_t t)
{
	return (t + 3 * DAY) / WEEK;	/* 1970-01-01 was a Thursday */
}

/* The time of the next scheduled run after week's. */
static int64_t
next_run(int64_t week)
{
	return (week + 1) * WEEK - 3 * DAY + DIGEST_HOUR * 3600;
}

void
digest_schedule(struct db *d)
{
	int64_t n = 0;

#ifdef WHATSON_TEST_HOOKS
	if (!getenv("WHATSON_TEST_DIGEST"))
		return;
#endif
	if (job_pending(d, DIGEST_JOB, &n) != WS_OK ||
	    (n == 0 && job_enqueue(d, DIGEST_JOB, NULL, next_run(digest_week(now_s())), NULL) !=
	    WS_OK))
		log_warn("the %s job is not queued", DIGEST_JOB);
}

void
digest_sig(struct app *app, int64_t uid, char *out)
{
	unsigned char mac[32];
	char msg[64];
	int n = snprintf(msg, sizeof msg, "digest-unsubscribe:%lld", (long long)uid);

	crypto_generichash(mac, sizeof mac, (const unsigned char *)msg, (size_t)n, app->key,
	    sizeof app->key);
	sodium_bin2hex(out, 65, mac, sizeof mac);
}

enum ws_err
digest_wants(struct db *d, int64_t uid, enum role stored_role, int *chosen, int *enabled)
{
	struct db_q *q = db_start(d, ST_DIGEST_SETTING_GET);
	enum ws_err rc;

	db_bind_int(q, 1, uid);
	rc = db_step(q);
	*chosen = rc == WS_OK;
	*enabled = rc == WS_OK ? db_col_int(q, 0) != 0 : stored_role == ROLE_MEMBER ||
	    stored_role == ROLE_FOCAL;
	db_end(q);
	return rc == WS_EDONE ? WS_OK : rc;
}

/* "call:3" for opportunity o.  In a. */
static const char *
opp_key(struct arena *a, json_t *o)
{
	return arena_printf(a, "%s:%lld", json_string_value(json_object_get(o, "type")),
	    (long long)json_integer_value(json_object_get(o, "id")));
}

static int
listed(json_t *keys, const char *k)
{
	json_t *x;
	size_t i;

	json_array_foreach(keys, i, x)
		if (json_is_string(x) && strcmp(json_string_value(x), k) == 0)
			return 1;
	return 0;
}

/* When person uid's last digest went (0: never) and the opportunities it
 * listed (new reference). */
static enum ws_err
last_digest(struct db *d, int64_t uid, int64_t *at, json_t **opps)
{
	struct db_q *q = db_start(d, ST_DIGEST_LAST);
	json_error_t err;
	enum ws_err rc;

	*at = 0;
	*opps = NULL;
	db_bind_int(q, 1, uid);
	if ((rc = db_step(q)) == WS_OK) {
		*at = db_col_int(q, DGL_C_SENT_AT);
		*opps = json_loads(db_col_text(q, DGL_C_OPPS), 0, &err);
	}
	db_end(q);
	if (!json_is_array(*opps)) {
		json_decref(*opps);
		*opps = json_array();
	}
	return rc == WS_EDONE ? WS_OK : rc;
}

/* Mails person u (effective role, in a) their digest of week if there is
 * something new; *sent 1 when it was queued by this run. */
static enum ws_err
person_digest(struct app *app, struct db *d, struct arena *a, struct user *u, int64_t week,
    int64_t now, int *sent)
{
	const char *lang = app_mail_lang(app, u->locale, NULL);
	const char *base = app->cfg.base_url;
	json_t *prev = NULL, *news = NULL, *threads = NULL, *opps = NULL, *keys = json_array();
	json_t *ctx = NULL, *x;
	int64_t last = 0, since, n = 0;
	int members = u->role != ROLE_APPLICANT, fresh = 0;
	char sig[65], *kt = NULL;
	struct req fake;
	struct buf b;
	enum ws_err rc;
	size_t i;

	*sent = 0;
	buf_init(&b, 256 * 1024);
	if ((rc = last_digest(d, u->id, &last, &prev)) != WS_OK)
		goto out;
	since = last ? last : now - WEEK;
	if (since < now - DIGEST_LOOKBACK_MAX)
		since = now - DIGEST_LOOKBACK_MAX;
	if ((rc = news_since(d, members, since, now, DIGEST_NEWS, &news)) != WS_OK ||
	    (rc = forums_digest(d, u->id, role_name(u->role), since, now, DIGEST_THREADS,
	    &threads)) != WS_OK)
		goto out;
	/* the opportunities page's own rule, for u as if they asked */
	memset(&fake, 0, sizeof fake);
	fake.a = a;
	fake.app = app;
	fake.user = u;
	fake.locale = lang;
	fake.db = d;
	fake.path = "/opportunities";
	opps = opp_next(&fake, DIGEST_OPPS);
	json_array_foreach(opps, i, x) {
		const char *k = opp_key(a, x);

		json_array_append_new(keys, json_string(k));
		if (!listed(prev, k)) {
			json_object_set_new(x, "new", json_true());
			fresh++;
		}
		json_object_set_new(x, "link", json_sprintf("%s%s", base,
		    json_string_value(json_object_get(x, "href"))));
	}
	if (json_array_size(news) == 0 && json_array_size(threads) == 0 && fresh == 0)
		goto out;	/* nothing new: no mail */
	json_array_foreach(news, i, x)
		json_object_set_new(x, "link", json_sprintf("%s/news/%s", base,
		    json_string_value(json_object_get(x, "slug"))));
	json_array_foreach(threads, i, x)
		json_object_set_new(x, "link", json_sprintf("%s/forums/%lld/threads/%lld", base,
		    (long long)json_integer_value(json_object_get(x, "forum_id")),
		    (long long)json_integer_value(json_object_get(x, "thread_id"))));
	digest_sig(app, u->id, sig);
	ctx = json_pack("{s:s,s:s,s:O,s:O,s:O,s:b,s:b,s:b,s:s,s:s}", "name", u->name, "site",
	    app->cfg.org_name, "news", news, "opportunities", opps, "threads", threads,
	    "has_news", json_array_size(news) > 0, "has_opportunities", json_array_size(opps) > 0,
	    "has_threads", json_array_size(threads) > 0,
	    "unsubscribe", arena_printf(a, "%s/digest/unsubscribe?u=%lld&s=%s", base,
	    (long long)u->id, sig), "settings", arena_printf(a, "%s/account/digest", base));
	if ((rc = view_render(app->views, "mail_digest", ctx, lang, &b)) != WS_OK)
		goto out;
	kt = json_dumps(keys, JSON_COMPACT);
	if ((rc = db_begin(d)) != WS_OK)
		goto out;
	{
		struct db_q *q = db_start(d, ST_DIGEST_CLAIM);

		db_bind_int(q, 1, u->id);
		db_bind_int(q, 2, week);
		db_bind_int(q, 3, now);
		db_bind_int(q, 4, (int64_t)json_array_size(news));
		db_bind_int(q, 5, (int64_t)json_array_size(opps));
		db_bind_int(q, 6, (int64_t)json_array_size(threads));
		db_bind_text(q, 7, kt);
		rc = db_exec(q, &n);
		db_end(q);
	}
	if (rc == WS_OK && n == 1)
		rc = app_mail_unsub(app, d, u->email, view_tr(app->views, lang,
		    N_("Your weekly digest")), buf_str(&b), arena_printf(a,
		    "%s/digest/unsubscribe/one-click?u=%lld&s=%s", base, (long long)u->id, sig));
	if (rc != WS_OK || n != 1) {
		db_rollback(d);	/* another run mailed it first */
		goto out;
	}
	if ((rc = db_commit(d)) == WS_OK)
		*sent = 1;
out:
	free(kt);
	buf_free(&b);
	json_decref(ctx);
	json_decref(prev);
	json_decref(news);
	json_decref(threads);
	json_decref(opps);
	json_decref(keys);
	return rc;
}

/* Person uid (stored role stored) as the digest sees them: 0 in *ok for
 * one who gets none (disabled, unverified, deleted, or a member who lost
 * member access); else u filled, with their effective role, from a. */
static enum ws_err
recipient(struct db *d, struct arena *a, int64_t uid, struct user *u, int *ok)
{
	enum role stored;
	enum ws_err rc;

	*ok = 0;
	if ((rc = user_by_id(d, a, uid, u)) != WS_OK)
		return rc == WS_ENOTFOUND ? WS_OK : rc;
	if (strcmp(u->status, "active") != 0 || !u->verified_at)
		return WS_OK;
	stored = u->role;
	if ((rc = user_effective_role(d, u)) != WS_OK)
		return rc;
	*ok = !(stored == ROLE_MEMBER && u->role != ROLE_MEMBER);
	return WS_OK;
}

enum ws_err
digest_run(struct job_ctx *c, const struct job *j)
{
	struct app *app = job_arg(c);
	struct db *d = db_acquire(job_pool(c));
	int64_t now = now_s(), week = digest_week(now), after = 0, id;
	int manual = strstr(j->payload, "\"by\"") != NULL, sent = 0, seen = 0;
	enum ws_err rc = WS_OK;
	char res[128];

	for (;;) {
		json_t *ids = json_array(), *x;
		struct db_q *q = db_start(d, ST_DIGEST_PEOPLE);
		size_t i;

		db_bind_int(q, 1, week);
		db_bind_int(q, 2, after);
		db_bind_int(q, 3, DIGEST_BATCH);
		while ((rc = db_step(q)) == WS_OK)
			json_array_append_new(ids, json_integer(db_col_int(q, DGP_C_ID)));
		db_end(q);
		rc = rc == WS_EDONE ? WS_OK : rc;
		json_array_foreach(ids, i, x) {
			struct arena *a = arena_new();
			struct user u;
			int ok = 0, one = 0;

			if (rc != WS_OK) {
				arena_free(a);
				break;
			}
			id = json_integer_value(x);
			after = id;
			seen++;
			rc = recipient(d, a, id, &u, &ok);
			if (rc == WS_OK && ok)
				rc = person_digest(app, d, a, &u, week, now, &one);
			sent += one;
			arena_free(a);
		}
		i = json_array_size(ids);
		json_decref(ids);
		if (rc != WS_OK || i < DIGEST_BATCH)
			break;
		snprintf(res, sizeof res, "{\"clock\":%lld,\"sent\":%d,\"seen\":%d}", (long long)now,
		    sent, seen);
		if ((rc = job_progress(c, res)) != WS_OK)
			break;
	}
	if (rc == WS_OK) {
		struct db_q *q = db_start(d, ST_DIGEST_RUN_ADD);

		db_bind_int(q, 1, now);
		db_bind_int(q, 2, week);
		db_bind_int(q, 3, sent);
		db_bind_int(q, 4, manual);
		rc = db_exec(q, NULL);
		db_end(q);
	}
	/* the next scheduled run: next Monday at DIGEST_HOUR; a failed one is
	 * retried by the job's back-off.  A run staff asked for queues it too
	 * when no other digest job (the scheduled one) is on its way, or a
	 * run asked for while the scheduled one was not queued (digest_schedule
	 * at start-up sees the asked-for one pending) would end the schedule. */
	if (rc == WS_OK && manual) {
		int64_t n = 0;

		if ((rc = job_pending(d, DIGEST_JOB, &n)) == WS_OK && n <= 1)	/* this run */
			manual = 0;
	}
	if (rc == WS_OK && !manual)
		rc = job_enqueue(d, DIGEST_JOB, NULL, next_run(week), NULL);
	db_release(job_pool(c), d);
	if (rc != WS_OK)
		return rc;
	if (sent)
		app_jobs_kick(app);
	snprintf(res, sizeof res, "{\"clock\":%lld,\"sent\":%d,\"seen\":%d}", (long long)now,
	    sent, seen);
	job_result(c, res);
	return job_progress(c, res);
}

enum ws_err
digest_seed_demo(struct app *app, struct db *d, int64_t member_id, int *added)
{
	struct arena *a = arena_new();
	struct db_q *q = db_start(d, ST_DIGEST_RUNS_COUNT);
	int64_t now = now_s(), runs = 0;
	struct user u;
	int ok = 0, sent = 0;
	enum ws_err rc;

	*added = 0;
	if ((rc = db_step(q)) == WS_OK)
		runs = db_col_int(q, 0);
	db_end(q);
	if (rc != WS_OK || runs > 0)
		goto out;	/* seeded, or a real hub: nothing */
	if ((rc = recipient(d, a, member_id, &u, &ok)) != WS_OK)
		goto out;
	if (ok && (rc = person_digest(app, d, a, &u, digest_week(now), now, &sent)) != WS_OK)
		goto out;
	q = db_start(d, ST_DIGEST_RUN_ADD);
	db_bind_int(q, 1, now);
	db_bind_int(q, 2, digest_week(now));
	db_bind_int(q, 3, sent);
	db_bind_int(q, 4, 1);
	rc = db_exec(q, NULL);
	db_end(q);
	*added = rc == WS_OK;
out:
	arena_free(a);
	return rc == WS_EDONE ? WS_EDB : rc;
}

enum ws_err
digest_export(struct db *d, int64_t uid, json_t **out)
{
	struct db_q *q = db_start(d, ST_DIGEST_SETTING_GET);
	json_t *sent = json_array();
	enum ws_err rc;
	char ts[32], wk[32];

	*out = json_object();
	db_bind_int(q, 1, uid);
	rc = db_step(q);
	json_object_set_new(*out, "enabled", rc == WS_OK ? json_boolean(db_col_int(q, 0)) :
	    json_null());
	db_end(q);
	if (rc != WS_OK && rc != WS_EDONE) {
		json_decref(sent);
		return rc;
	}
	q = db_start(d, ST_DIGEST_MINE);
	db_bind_int(q, 1, uid);
	while ((rc = db_step(q)) == WS_OK) {
		time_rfc3339((time_t)(db_col_int(q, DGM_C_WEEK) * WEEK - 3 * DAY), wk, sizeof wk);
		time_rfc3339((time_t)db_col_int(q, DGM_C_SENT_AT), ts, sizeof ts);
		json_array_append_new(sent, json_pack("{s:s,s:s,s:I,s:I,s:I}", "week_of", wk,
		    "sent_at", ts, "news", (json_int_t)db_col_int(q, DGM_C_NEWS), "opportunities",
		    (json_int_t)db_col_int(q, DGM_C_OPPORTUNITIES), "threads",
		    (json_int_t)db_col_int(q, DGM_C_THREADS)));
	}
	db_end(q);
	json_object_set_new(*out, "sent", sent);
	return rc == WS_EDONE ? WS_OK : rc;
}
