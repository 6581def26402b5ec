/*
 * app.c -- opening and closing the running site; see app.h.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/accounts/accounts.h"
#include "app/app.h"
#include "app/courses/courses.h"
#include "app/digest/digest.h"
#include "app/dialogues/dialogues.h"
#include "app/directory/cache.h"
#include "app/directory/import.h"
#include "app/directory/index.h"
#include "app/directory/regions.h"
#include "app/messages/messages.h"
#include "app/events/notify.h"
#include "app/orgs/orgs.h"
#include "app/resources/resources.h"
#include "core/log.h"
#include "core/sniff.h"
#include "core/tz.h"
#include "core/util.h"
#include "db/db.h"
#include "files/files.h"
#include "http/http.h"
#include "http/ratelimit.h"
#include "jobs/jobs.h"
#include "views/mustache.h"
#include "views/view.h"

/* Reads the site key from settings, creating it on first start.  Every node
 * of a PostgreSQL site shares it. */
static enum ws_err
load_key(struct app *app)
{
	struct db *d = db_acquire(app->pool);
	struct db_q *q;
	char hex[65];
	enum ws_err rc;
	size_t len;

	random_hex(hex, 32);
	q = db_start(d, ST_SETTING_PUT);
	db_bind_text(q, 1, "site_key");
	db_bind_text(q, 2, hex);
	rc = db_exec(q, NULL);
	db_end(q);
	if (rc == WS_OK) {
		q = db_start(d, ST_SETTING_GET);
		db_bind_text(q, 1, "site_key");
		rc = db_step(q);
		if (rc == WS_OK && sodium_hex2bin(app->key, sizeof app->key, db_col_text(q, 0),
		    64, NULL, &len, NULL) != 0)
			rc = WS_EDB;
		db_end(q);
	}
	db_release(app->pool, d);
	return rc;
}

int
app_open(struct app *app, int migrate)
{
	char err[512];

	if (sodium_init() < 0) {
		fprintf(stderr, "whatson: libsodium failed to start\n");
		return 1;
	}
	/* a connection for each request thread and each slow-request thread
	 * (http/slowpool.h: the password hashes), so a hash never makes a
	 * request thread wait for one; two more for jobs and start-up work */
	if (db_pool_open(app->cfg.db_url, app->cfg.threads + app->cfg.hash_slots + 2, migrate,
	    &app->pool, err, sizeof err) != WS_OK) {
		fprintf(stderr, "whatson: %s\n", err);
		return 1;
	}
	if (load_key(app) != WS_OK) {
		fprintf(stderr, "whatson: cannot read the site key\n");
		return 1;
	}
	crypto_auth_hmacsha256_init(&app->csrf_mac, app->key, sizeof app->key);
	{
		struct db *d = db_acquire(app->pool);
		enum ws_err rc = orgs_ref_load(d);
		const char *what = "read the reference lists";
		size_t n;

		if (rc == WS_OK) {	/* rows stored before the duplicate rules changed */
			what = "compute the duplicate keys";
			rc = org_dupkeys_refill(d, &n);
		}
		db_release(app->pool, d);
		if (rc != WS_OK) {
			fprintf(stderr, "whatson: cannot %s\n", what);
			return 1;
		}
	}
	m49_load();	/* a broken region table stops the start, not a request */
	if (!(app->views = views_load())) {
		fprintf(stderr, "whatson: templates failed to load\n");
		return 1;
	}
	app->rl = ratelimit_new();
	{
		char pw[33];

		random_hex(pw, 16);
		if (password_hash_raw(pw, app->dummy_hash) != 0) {
			fprintf(stderr, "whatson: cannot hash (out of memory?)\n");
			return 1;
		}
	}
	sem_init(&app->hash_slots, 0, (unsigned)(app->cfg.hash_slots > 0 ?
	    app->cfg.hash_slots : 1));
	app->mail.smtp_url = app->cfg.smtp_url;
	app->mail.mail_dir = app->cfg.mail_dir;
	app->mail.from = app->cfg.mail_from;
	app->mail.host = NULL;
	return 0;
}

/* Every kind of background job; the handlers' arg is the app, or what the
 * module that runs them wants (set when the workers start: one app per
 * process). */
static struct job_kind job_kinds[] = {
	/* an import is not run twice on its own: staff retry it */
	{"import_orgs", import_job_run, 1, 120, NULL},
	/* mail: arg is the app's struct outbox_cfg */
	{OUTBOX_JOB_KIND, outbox_job_run, OUTBOX_ATTEMPTS, OUTBOX_LEASE, NULL},
	/* ended sessions and expired links; each run queues the next */
	{ACCOUNTS_CLEANUP_JOB, accounts_cleanup_run, 3, 120, NULL},
	/* unclaimed uploads (filestore.c); each run queues the next */
	{APP_SWEEP_JOB, app_sweep_run, 3, 120, NULL},
	/* a file's text (resources/text.c): a converter runs up to 30 s */
	{RES_TEXT_JOB, res_text_run, 3, 120, NULL},
	/* event reminders (events/reminders.c); each run queues the next */
	{EV_REMIND_JOB, ev_remind_run, 3, 120, NULL},
	/* staff's message to an event's people (events/mail.c) */
	{EV_MSG_JOB, ev_msg_run, 5, 120, NULL},
	/* a dialogue's summary mailed to the members (dialogues/summary.c) */
	{DLG_MAIL_JOB, dlg_mail_run, 5, 120, NULL},
	/* the course's reminders (courses/reminders.c); each run queues the next */
	{CRS_REMIND_JOB, crs_remind_run, 3, 120, NULL},
	/* the weekly digest (digest/digest.c); a scheduled run queues the next */
	{DIGEST_JOB, digest_run, 3, 300, NULL},
};

/* Queues the first run of a job that recurs by queuing its next run, on
 * the first start of a site (or one after it failed for good). */
static void
recurring(struct db *d, const char *kind)
{
	int64_t n = 0;

	if (job_pending(d, kind, &n) != WS_OK ||
	    (n == 0 && job_enqueue(d, kind, NULL, 0, NULL) != WS_OK))
		log_warn("the %s job is not queued", kind);
}

int
app_jobs_start(struct app *app)
{
	size_t i;

	{	/* uploads a node that died mid-request left (files.h): at
		 * once, then hourly by the sweep job */
		struct db *d = db_acquire(app->pool);
		int64_t n = 0;

		if (file_sweep(d, now_s() - FILE_SWEEP_AGE, &n) != WS_OK)
			log_warn("files: left uploads not swept");
		else if (n)
			log_info("files: %lld left uploads swept", (long long)n);
		recurring(d, ACCOUNTS_CLEANUP_JOB);
		recurring(d, APP_SWEEP_JOB);
		recurring(d, EV_REMIND_JOB);
		recurring(d, CRS_REMIND_JOB);
		digest_schedule(d);
		db_release(app->pool, d);
	}
	for (i = 0; i < sizeof job_kinds / sizeof job_kinds[0]; i++)
		job_kinds[i].arg = job_kinds[i].run == outbox_job_run ? (void *)&app->mail :
		    (void *)app;
	app->jobs = jobs_start(app->pool, job_kinds, sizeof job_kinds / sizeof job_kinds[0], 2);
	return app->jobs ? 0 : 1;
}

enum ws_err
app_job(struct app *app, struct db *d, const char *kind, const char *payload, int64_t *id)
{
	(void)app;
	return job_enqueue(d, kind, payload, 0, id);
}

void
app_jobs_kick(struct app *app)
{
	jobs_kick(app->jobs);
}

void
app_close(struct app *app)
{
	jobs_stop(app->jobs);	/* before the pool: they borrow from it */
	app->jobs = NULL;
	views_free(app->views);
	if (app->dir)
		pthread_mutex_destroy(&app->dir_mu);
	dir_index_free(app->dir);
	app->dir = NULL;
	res_index_free(app->res);
	app->res = NULL;
	dir_cache_free(app->dir_cache);
	app->dir_cache = NULL;
	orgs_ref_free();
	sniff_shutdown();
	ratelimit_free(app->rl);
	db_pool_free(app->pool);
	sem_destroy(&app->hash_slots);
}

/* db_after_commit() callback: the mail just committed can be sent. */
static void
kick(void *arg)
{
	app_jobs_kick(arg);
}

enum ws_err
app_mail(struct app *app, struct db *d, const char *to, const char *subject,
    const char *body)
{
	enum ws_err rc = outbox_enqueue(d, &app->mail, to, subject, body, NULL);

	if (rc == WS_OK)
		db_after_commit(d, kick, app);
	return rc;
}

enum ws_err
app_mail_unsub(struct app *app, struct db *d, const char *to, const char *subject,
    const char *body, const char *unsub)
{
	enum ws_err rc = outbox_enqueue_unsub(d, &app->mail, to, subject, body, unsub, NULL);

	if (rc == WS_OK)
		db_after_commit(d, kick, app);
	return rc;
}

/* The number after prefix at the start of s ("organization 12, ..."), or
 * after prefix anywhere in s when anywhere; 0 when there is none. */
static int64_t
id_after(const char *s, const char *prefix, int anywhere)
{
	const char *p;
	size_t n = strlen(prefix);
	int64_t v = 0;
	int digits = 0;

	if (!s)
		return 0;
	if (anywhere)
		p = strstr(s, prefix);
	else
		p = strncmp(s, prefix, n) == 0 ? s : NULL;
	if (!p)
		return 0;
	for (p += n; *p >= '0' && *p <= '9' && digits < 18; p++, digits++)
		v = v * 10 + (*p - '0');
	return v;
}

const char *
app_mail_lang(struct app *app, const char *stored, const char *asking)
{
	if (view_lang_ok(stored))
		return stored;
	if (view_lang_ok(asking))
		return asking;
	return view_lang_ok(app->cfg.lang) ? app->cfg.lang : "en";
}

void
app_audit(struct app *app, struct db *d, int64_t user_id, const char *action,
    const char *ip, const char *detail)
{
	int64_t org_id = id_after(detail, "organization ", 0);

	app_audit_about(app, d, user_id, org_id, org_id ? id_after(detail, ", user ", 1) : 0,
	    action, ip, detail);
}

void
app_audit_about(struct app *app, struct db *d, int64_t user_id, int64_t org_id,
    int64_t subject_id, const char *action, const char *ip, const char *detail)
{
	struct db_q *q = db_start(d, ST_AUDIT_INSERT);

	(void)app;
	db_bind_int(q, 1, now_s());
	if (user_id > 0)
		db_bind_int(q, 2, user_id);
	else
		db_bind_null(q, 2);
	db_bind_text(q, 3, action);
	db_bind_text(q, 4, ip);
	db_bind_text(q, 5, detail);
	if (org_id > 0)
		db_bind_int(q, 6, org_id);
	else
		db_bind_null(q, 6);
	if (subject_id > 0)
		db_bind_int(q, 7, subject_id);
	else
		db_bind_null(q, 7);
	if (db_exec(q, NULL) != WS_OK)
		log_error("audit: cannot record %s", action);
	db_end(q);
}

void
app_bind_int_opt(struct db_q *q, int i, json_t *v)
{
	if (json_is_integer(v))
		db_bind_int(q, i, json_integer_value(v));
	else
		db_bind_null(q, i);
}

void
app_bind_json(struct db_q *q, int i, json_t *v, const char *dflt)
{
	char *s = v ? json_dumps(v, JSON_COMPACT) : NULL;

	db_bind_text(q, i, s ? s : dflt);
	free(s);
}

void
app_time_field(struct req *r, const struct tz *z, json_t *values, json_t *errors,
    const char *name, const char *name_at, const char *bad, const char *gap)
{
	const char *s = json_string_value(json_object_get(values, name));
	enum tz_fit fit;
	int64_t t;

	if (json_object_get(errors, name))
		return;
	if (!s || !*s) {
		json_object_set_new(values, name_at, json_null());
		return;
	}
	if (tz_parse_time(z, s, &t, &fit) != WS_OK)
		json_object_set_new(errors, name, json_string(view_tr(r->app->views, r->locale,
		    bad)));
	else if (fit == TZ_GAP)
		json_object_set_new(errors, name, json_string(view_tr(r->app->views, r->locale,
		    gap)));
	else
		json_object_set_new(values, name_at, json_integer(t));
}

void
app_form_again(struct req *r, struct resp *w, json_t *view, enum ws_err rc,
    const char *invalid, const char *tpl, const char *title)
{
	json_object_set_new(view, "problem", json_string(view_tr(r->app->views, r->locale,
	    rc == WS_EINVAL ? invalid : w->detail ? w->detail : "")));
	json_decref(w->val);
	w->val = json_incref(view);
	w->tpl = tpl;
	w->title = title;
}

enum ws_err
app_decide_each(struct req *r, json_t *ids, app_decide_fn fn, void *ctx, json_t **out)
{
	struct db *d = req_db(r);
	json_t *results = json_array(), *x, *res;
	int64_t ok = 0, refused = 0;
	enum ws_err rc = WS_OK;
	size_t i;

	*out = NULL;
	json_array_foreach(ids, i, x) {
		int64_t id = json_integer_value(x);
		const char *now = NULL, *why = NULL, *name = NULL;

		if ((rc = db_begin(d)) != WS_OK)
			break;
		if ((rc = fn(r, d, id, ctx, &now, &why, &name)) == WS_OK)
			rc = db_commit(d);
		else
			db_rollback(d);
		if (rc == WS_ECONFLICT) {
			res = json_pack("{s:I,s:b,s:s}", "id", (json_int_t)id, "ok", 0, "reason",
			    view_tr(r->app->views, r->locale, why ? why : ""));
			refused++;
		} else if (rc == WS_OK) {
			res = json_pack("{s:I,s:b,s:s}", "id", (json_int_t)id, "ok", 1, "status", now);
			ok++;
		} else {
			break;
		}
		if (name)
			json_object_set_new(res, "name", json_string(name));
		json_array_append_new(results, res);
		rc = WS_OK;
	}
	if (rc != WS_OK) {
		json_decref(results);
		return rc;
	}
	*out = json_pack("{s:I,s:I,s:o}", "succeeded", (json_int_t)ok, "refused",
	    (json_int_t)refused, "results", results);
	return WS_OK;
}

json_t *
app_col_json(struct db_q *q, int col, json_t *dflt)
{
	const char *s = db_col_text(q, col);
	json_t *v = s ? json_loads(s, 0, NULL) : NULL;

	if (!v || json_typeof(v) != json_typeof(dflt)) {
		json_decref(v);
		return dflt;
	}
	json_decref(dflt);
	return v;
}

json_t *
app_col_int(struct db_q *q, int col)
{
	return db_col_null(q, col) ? json_null() : json_integer(db_col_int(q, col));
}

enum ws_err
app_one_int(struct db *d, enum db_stmt s, int64_t id, int64_t *n)
{
	struct db_q *q = db_start(d, s);
	enum ws_err rc;

	db_bind_int(q, 1, id);
	if ((rc = db_step(q)) == WS_OK && n)
		*n = db_col_int(q, 0);
	db_end(q);
	return rc == WS_EDONE ? WS_ENOTFOUND : rc;
}

json_t *
app_col_time(struct db_q *q, int col)
{
	char ts[32];

	if (db_col_null(q, col) || db_col_int(q, col) <= 0)
		return json_null();
	time_rfc3339((time_t)db_col_int(q, col), ts, sizeof ts);
	return json_string(ts);
}

/* Appends s (NULL: nothing) to b escaped for XML text or an attribute.
 * Stored text is valid UTF-8 without control characters, but U+FFFE and
 * U+FFFF are no XML characters either: one in a title would make the
 * whole feed unreadable, so each becomes U+FFFD. */
static enum ws_err
xml_text(struct buf *b, const char *s)
{
	const char *p = s ? s : "", *nc;
	enum ws_err rc = WS_OK;

	while (rc == WS_OK && (nc = strstr(p, "\xef\xbf")) != NULL && nc[2]) {
		int non = nc[2] == '\xbe' || nc[2] == '\xbf';

		rc = mst_escape_html(b, p, (size_t)(nc - p) + (non ? 0 : 3));
		if (rc == WS_OK && non)
			rc = buf_adds(b, "\xef\xbf\xbd");
		p = nc + 3;
	}
	return rc == WS_OK ? mst_escape_html(b, p, strlen(p)) : rc;
}

/* Appends instant t (Unix seconds as a JSON integer) as RFC 3339 UTC. */
static enum ws_err
xml_time(struct buf *b, json_t *t)
{
	char s[40];

	time_rfc3339((time_t)json_integer_value(t), s, sizeof s);
	return buf_adds(b, s);
}

enum ws_err
app_atom_head(struct buf *b, const char *base, const char *path, const char *site,
    const char *title, json_t *updated)
{
	enum ws_err rc = buf_printf(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<id>%s%s.atom</id>\n<title>", base,
	    path);

	if (rc == WS_OK)
		rc = xml_text(b, site);
	if (rc == WS_OK)
		rc = buf_adds(b, ": ");
	if (rc == WS_OK)
		rc = xml_text(b, title);
	if (rc == WS_OK)
		rc = buf_printf(b, "</title>\n<link rel=\"self\" href=\"%s%s.atom\"/>\n"
		    "<link rel=\"alternate\" type=\"text/html\" href=\"%s%s\"/>\n<updated>",
		    base, path, base, path);
	if (rc == WS_OK)
		rc = updated ? xml_time(b, updated) : buf_adds(b, "1970-01-01T00:00:00Z");
	if (rc == WS_OK)
		rc = buf_adds(b, "</updated>\n");
	return rc;
}

enum ws_err
app_atom_entry(struct buf *b, const char *base, const char *path, const char *title,
    json_t *published, json_t *updated, const char *author, const char *summary)
{
	enum ws_err rc = buf_printf(b, "<entry>\n<id>%s%s</id>\n<link rel=\"alternate\" "
	    "type=\"text/html\" href=\"%s%s\"/>\n<title>", base, path, base, path);

	if (rc == WS_OK)
		rc = xml_text(b, title);
	if (rc == WS_OK)
		rc = buf_adds(b, "</title>\n<published>");
	if (rc == WS_OK)
		rc = xml_time(b, published);
	if (rc == WS_OK)
		rc = buf_adds(b, "</published>\n<updated>");
	if (rc == WS_OK)
		rc = xml_time(b, updated);
	if (rc == WS_OK)
		rc = buf_adds(b, "</updated>\n<author><name>");
	if (rc == WS_OK)
		rc = xml_text(b, author);
	if (rc == WS_OK)
		rc = buf_adds(b, "</name></author>\n<summary>");
	if (rc == WS_OK)
		rc = xml_text(b, summary);
	if (rc == WS_OK)
		rc = buf_adds(b, "</summary>\n</entry>\n");
	return rc;
}

json_t *
app_list_value(json_t *items, int64_t page, int per_page, int64_t total)
{
	json_t *v = json_pack("{s:I,s:I,s:i,s:o}", "total", (json_int_t)total, "page",
	    (json_int_t)page, "per_page", per_page, "items", items);

	if (page > 1)
		json_object_set_new(v, "prev_page", json_integer(page - 1));
	if (page * per_page < total)
		json_object_set_new(v, "next_page", json_integer(page + 1));
	return v;
}

const struct field app_q_list[] = { APP_Q_PAGE, APP_Q_PER_PAGE, FIELDS_END };

int
app_paging(struct req *r, json_t *errors, int64_t *page, int *per_page)
{
	const char *p = req_query(r, "page"), *pp = req_query(r, "per_page");
	int64_t n;
	int bad = 0;

	*page = 1;
	*per_page = APP_PER_PAGE;
	if (r->query) {	/* declared by the route: checked already */
		*page = req_qint(r, "page", 1);
		*per_page = (int)req_qint(r, "per_page", APP_PER_PAGE);
		return 0;
	}
	if (p && *p && parse_int(p, 1, APP_PAGE_MAX, page) != WS_OK) {
		json_object_set_new(errors, "page", json_string(view_tr(r->app->views, r->locale,
		    N_("Not a page number."))));
		bad++;
	}
	if (pp && *pp) {
		if (parse_int(pp, 1, APP_PER_PAGE_MAX, &n) == WS_OK) {
			*per_page = (int)n;
		} else {
			json_object_set_new(errors, "per_page", json_string(view_tr(r->app->views,
			    r->locale, N_("Choose a number from 1 to 200."))));
			bad++;
		}
	}
	return bad;
}

enum ws_err
app_list_args(struct req *r, struct resp *w, int64_t *page, int *per_page)
{
	json_t *errors = json_object();

	if (app_paging(r, errors, page, per_page) == 0) {
		json_decref(errors);
		return WS_OK;
	}
	w->errors = errors;
	w->detail = N_("Some filters are not valid.");
	return WS_EINVAL;
}

/* The header's part of the caller that only the application knows: their
 * unread messages (app/messages), when there are any. */
static void
page_me(struct req *r, json_t *me)
{
	int64_t n = msg_unread(r);

	if (n > 0)
		json_object_set_new(me, "unread", json_integer(n));
}

void
app_http_site(struct app *app, struct http_site *site)
{
	memset(site, 0, sizeof *site);
	site->routes = app_routes;
	site->cfg = &app->cfg;
	site->pool = app->pool;
	site->views = app->views;
	site->rl = app->rl;
	site->csrf_mac = &app->csrf_mac;
	site->app = app;
	site->identify = session_identify;
	site->page_me = page_me;
#ifdef WHATSON_TEST_HOOKS
	site->test_hook = app_test_hook;
#endif
}
