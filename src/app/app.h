/*
 * app.h -- the running site: settings, the database pool, the background
 * workers, the secret key, the templates.  One struct app exists per process; request
 * handlers reach it through req->app.
 */
#ifndef WS_APP_H
#define WS_APP_H

#include <pthread.h>
#include <sodium.h>
#include <semaphore.h>

#include <jansson.h>
#include <stdint.h>

#include "core/config.h"
#include "db/statements.h"
#include "http/form.h"
#include "http/http.h"
#include "views/view.h"
#include "mail/outbox.h"

struct db_pool;
struct db;
struct db_q;
struct req;
struct resp;
struct views;
struct ratelimit;
struct dir_index;
struct dir_cache;
struct jobs;
struct res_index;

struct app {
	struct config cfg;
	struct db_pool *pool;
	struct views *views;
	struct outbox_cfg mail;		/* how the "mail" jobs send */
	struct jobs *jobs;		/* background workers; NULL in command-line tools */
	struct ratelimit *rl;
	struct dir_index *dir;		/* the directory's in-memory index */
	struct dir_cache *dir_cache;	/* recent answers of the directory's API */
	pthread_mutex_t dir_mu;		/* guards the two below */
	int64_t dir_mark;		/* newest updated_at the index has seen */
	int64_t dir_checked;		/* when the database was last asked */
	int64_t dir_removed;		/* newest org_removed.seq the index has seen */
	struct res_index *res;		/* the library's in-memory index (resources.h) */
	unsigned char key[32];		/* site secret: CSRF tokens (from settings) */
	crypto_auth_hmacsha256_state csrf_mac;	/* HMAC keyed with key, copied per token */
	sem_t hash_slots;		/* caps argon2id hashes running at once */
	char dummy_hash[128];		/* checked for unknown emails, so timing tells nothing */
};

/* The route table (routes.c), ended by a NULL fn. */
extern const struct route app_routes[];

/* Fills site with what the HTTP server needs from app (routes, settings,
 * pool, views, rate limits, CSRF key, the session lookup); app must outlive
 * the server. */
void app_http_site(struct app *app, struct http_site *site);
#ifdef WHATSON_TEST_HOOKS
/* testhooks.c: the tests' set-up paths (http_site.test_hook). */
int app_test_hook(struct req *r, struct resp *w);
#endif

/* Opens the database (migrating), loads the secret key and templates.  On
 * failure prints why and returns non-zero. */
int app_open(struct app *app, int migrate);
void app_close(struct app *app);

/* Queues mail (its row and the job that sends it) and wakes the workers
 * once it commits.  d is the caller's connection so the mail commits with
 * the caller's transaction. */
enum ws_err app_mail(struct app *app, struct db *d, const char *to, const char *subject,
    const char *body) WS_WUR;
/* app_mail, with unsub as the message's List-Unsubscribe address (an
 * absolute http(s) URL a mail program may POST to, RFC 8058). */
enum ws_err app_mail_unsub(struct app *app, struct db *d, const char *to, const char *subject,
    const char *body, const char *unsub) WS_WUR;

/*
 * The language mail to a person is written in: theirs, never that of who
 * caused it.  stored is the recipient's own (users.locale: a language they
 * chose, or the one they signed up in); asking is the language of the
 * request when the recipient is the one asking (a sign-up, a reset), else
 * NULL; the hub's (--lang) when neither is one of ours.  Borrowed.
 */
const char *app_mail_lang(struct app *app, const char *stored, const char *asking);

/* Starts the background job workers (src/jobs) with every kind of job the
 * site runs.  Non-zero when none could start. */
int app_jobs_start(struct app *app);
/* Queues a job (job_enqueue) on d, in the caller's transaction. */
enum ws_err app_job(struct app *app, struct db *d, const char *kind, const char *payload,
    int64_t *id) WS_WUR;
/* Wakes the workers: call after committing the transaction that queued. */
void app_jobs_kick(struct app *app);

/* The stores' bindings of JSON values: an integer, NULL for anything else;
 * v as compact JSON text, dflt when v is NULL. */
void app_bind_int_opt(struct db_q *q, int i, json_t *v);
void app_bind_json(struct db_q *q, int i, json_t *v, const char *dflt);

/* The stores' readings of columns: stored JSON text as JSON of the type of
 * dflt (dflt when it is not; takes dflt), and an integer or null.  New
 * references. */
json_t *app_col_json(struct db_q *q, int col, json_t *dflt);
json_t *app_col_int(struct db_q *q, int col);
/* Runs statement s with id as its one parameter: WS_OK when it returns a
 * row (its first column into *n unless n is NULL), WS_ENOTFOUND when it
 * returns none.  A row lock (SELECT ... FOR UPDATE) is taken so. */
enum ws_err app_one_int(struct db *d, enum db_stmt s, int64_t id, int64_t *n) WS_WUR;
/* Column col of q, Unix seconds, as RFC 3339 UTC text; null when it is
 * NULL or not after 1970.  New reference. */
json_t *app_col_time(struct db_q *q, int col);

/*
 * Reads the local time field name of values (RFC 3339 with an offset, or a
 * wall-clock time without one in zone z) into values' name_at as Unix
 * seconds, null when empty; when it is not a time, or one the clocks skip
 * in z, puts message bad or gap (English, given in r's language) under
 * name in errors.  Nothing when errors has name already.
 */
struct tz;
void app_time_field(struct req *r, const struct tz *z, json_t *values, json_t *errors,
    const char *name, const char *name_at, const char *bad, const char *gap);

/*
 * One item of a bulk decision (app_decide_each): inside the transaction
 * made for it, decides item id (ctx: the caller's), giving WS_OK with what
 * it became in *now (a static string), or WS_ECONFLICT with why (English,
 * to translate) in *why; whom it is about, when known, in *name (r's
 * arena).  Another error when the database fails.
 */
typedef enum ws_err (*app_decide_fn)(struct req *r, struct db *d, int64_t id, void *ctx,
    const char **now, const char **why, const char **name);
/*
 * Decides each of ids (JSON integers) with fn, each in its own transaction,
 * committed when fn gives WS_OK and rolled back otherwise, so that one
 * refused does not undo the others: *out is {succeeded, refused, results:
 * [{id, ok, status or reason (in r's language), name}]}, a new reference.
 * A database failure stops it (*out NULL).
 */
enum ws_err app_decide_each(struct req *r, json_t *ids, app_decide_fn fn, void *ctx,
    json_t **out) WS_WUR;

/* A page's form refused with rc (WS_EINVAL: fields to fix, said by
 * invalid; otherwise w->detail says why): view, the page's value with what
 * was typed (a new reference is taken), shown again with tpl and title,
 * its "problem" saying why in r's language. */
void app_form_again(struct req *r, struct resp *w, json_t *view, enum ws_err rc,
    const char *invalid, const char *tpl, const char *title);

/* A list's value: {total, page, per_page, items, prev_page?, next_page?};
 * takes items.  New reference. */
json_t *app_list_value(json_t *items, int64_t page, int per_page, int64_t total);

/* Appends the head of the Atom feed at base path.atom, whose page is base
 * path ("/calls"): its id, title ("site: title"), links and updated
 * (Unix seconds as a JSON integer; NULL for an empty feed). */
enum ws_err app_atom_head(struct buf *b, const char *base, const char *path, const char *site,
    const char *title, json_t *updated) WS_WUR;
/* Appends an entry of an Atom feed: the record at base path ("/calls/3",
 * its id and link), its title, published and updated times (as
 * app_xml_time's), author and summary; the text escaped. */
enum ws_err app_atom_entry(struct buf *b, const char *base, const char *path, const char *title,
    json_t *published, json_t *updated, const char *author, const char *summary) WS_WUR;

#define APP_PAGE_MAX 100000	/* the highest page number of any list */
#define APP_PER_PAGE 50		/* items a page of a list, unless ?per_page= says */
#define APP_PER_PAGE_MAX 200

/* The query parameter ?page= of every list (struct route.query), with the
 * one page-number limit of the program. */
#define APP_Q_PAGE { "page", FT_INT, 0, 1, APP_PAGE_MAX, NULL, NULL, N_("Not a page number.") }
/* ?per_page= of a list, 1 to APP_PER_PAGE_MAX. */
#define APP_Q_PER_PAGE { "per_page", FT_INT, 0, 1, APP_PER_PAGE_MAX, NULL, NULL, \
	N_("Choose a number from 1 to 200.") }
/* The declared query of a list with no other parameter: page and per_page. */
extern const struct field app_q_list[];

/* Reads a list's ?page= (1 to APP_PAGE_MAX) and ?per_page= (1 to
 * APP_PER_PAGE_MAX, default APP_PER_PAGE): the checked values when the
 * route declares them (APP_Q_PAGE, APP_Q_PER_PAGE), else from the query
 * string.  A value out of range adds a message in r's language to errors
 * under its name; returns how many. */
int app_paging(struct req *r, json_t *errors, int64_t *page, int *per_page);
/* app_paging for a list with no other filters: WS_EINVAL with w->errors
 * set (a 422 naming the parameter) when one is wrong. */
enum ws_err app_list_args(struct req *r, struct resp *w, int64_t *page, int *per_page) WS_WUR;

/* Writes an audit-log row (who, what, from where, detail).  A detail that
 * begins "organization N" puts the row in organization N's history
 * (orgs/history.c), and ", user M" in it names the person it is about:
 * the form every entry about an organization has long been written in. */
void app_audit(struct app *app, struct db *d, int64_t user_id, const char *action,
    const char *ip, const char *detail);
/* app_audit with the organization (org_id) and the person it is about
 * (subject_id) given; 0 for none.  Logs, never fails: an audit row is not
 * worth a user's request. */
void app_audit_about(struct app *app, struct db *d, int64_t user_id, int64_t org_id,
    int64_t subject_id, const char *action, const char *ip, const char *detail);

/* Sends file file_id of kind (NULL: any) from the file store (src/files)
 * as a download (http_send_object): ETag from its SHA-256, Range, HEAD;
 * named filename (NULL: the file's own name) inline or as an attachment.
 * WS_ENOTFOUND when there is no such file (filestore.c). */
enum ws_err app_file_send(struct req *r, struct resp *w, int64_t file_id, const char *kind,
    int attachment, const char *filename) WS_WUR;

/* An uploaded file that meets the rules of documents (app_upload_check). */
struct app_upload {
	const char *type;	/* its media type, as libmagic found it */
	const char *sniffed;	/* what libmagic found of a file not of its name's type */
	const char *why;	/* the rule it breaks, in the reader's language */
};

/*
 * Whether upload u (a multipart part the server stored) meets the rules
 * of an uploaded document, a resource's file or a call's answer (uploads.c):
 * at most --resource-max bytes (WS_ETOOBIG), a plain file name and at least
 * a byte (WS_EINVAL), a name ending in an accepted type (PDF, DOCX, XLSX,
 * PPTX, ODT, ODS, TXT, PNG, JPEG) and bytes libmagic finds to be of it
 * (WS_EMEDIA).  On WS_OK, out->type; otherwise out->why says the rule, in
 * r's language (r's arena).
 */
enum ws_err app_upload_check(struct req *r, const struct upload *u, struct app_upload *out)
    WS_WUR;

/* The kind of the job that deletes the uploads no handler claimed (a node
 * that died mid-request leaves them) once FILE_SWEEP_AGE old; each run
 * queues the next APP_SWEEP_EVERY seconds later (filestore.c). */
#define APP_SWEEP_JOB "sweep_uploads"
#define APP_SWEEP_EVERY 3600

struct job_ctx;
struct job;
/* The sweep job's handler (struct job_kind.run); its result is how many
 * uploads went ({"swept": n}). */
enum ws_err app_sweep_run(struct job_ctx *c, const struct job *j) WS_WUR;

#endif
