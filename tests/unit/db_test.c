/*
 * db_test.c -- the store (db/db.h) on SQLite and on PostgreSQL.
 *
 * Every test runs twice: on a fresh SQLite file in a temporary directory, and
 * on the PostgreSQL server named by WHATSON_TEST_PG (tests/run starts a
 * throw-away one).  Each test opens its own pool with migrate set.  The
 * PostgreSQL database is shared by the tests, so they make their own rows
 * with unique addresses (a random suffix) and never assume empty tables.
 * Without WHATSON_TEST_PG the PostgreSQL variants are left out.
 *
 * What a user would notice if these broke: a restart that loses or
 * duplicates the schema, two accounts with one address, a reset link that
 * works twice, half a change left behind by a failed request, a confirmed
 * write gone after a crash, a backup that misses rows.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app/accounts/accounts.h"
#include "app/events/events_int.h"
#include "app/orgs/orgs.h"
#include "core/arena.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/util.h"
#include "db/db.h"
#include "db/db_int.h"
#include "files/files.h"

/* ---- fixture ------------------------------------------------------------ */

static const int on_sqlite = 0, on_pg = 1;

struct fx {
	int pg;
	char dir[PATH_MAX];	/* this test's temporary directory */
	char url[PATH_MAX + 16];
	struct db_pool *pool;
	char tag[17];		/* random, for unique addresses */
};

#define FX(state) struct fx *f = *(state)
#define NPOOL 4

static int
rm_entry(const char *path, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb;
	(void)type;
	(void)ftw;
	(void)remove(path);
	return 0;
}

static void
rm_tree(const char *dir)
{
	(void)nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static int
setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	const char *pg = getenv("WHATSON_TEST_PG");
	struct fx *f = xcalloc(1, sizeof *f);
	char err[256];

	f->pg = *(const int *)*state;
	*state = f;
	snprintf(f->dir, sizeof f->dir, "%s/whatson-db-test.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(f->dir)) {
		f->dir[0] = '\0';
		return -1;
	}
	if (f->pg) {
		if (!pg || !*pg)
			return -1;	/* main() leaves these out */
		snprintf(f->url, sizeof f->url, "%s", pg);
	} else {
		snprintf(f->url, sizeof f->url, "sqlite:%s/whatson.db", f->dir);
	}
	random_hex(f->tag, 8);
	if (db_pool_open(f->url, NPOOL, 1, &f->pool, err, sizeof err) != WS_OK) {
		fprintf(stderr, "# db_pool_open %s: %s\n", f->url, err);
		return -1;
	}
	return 0;
}

static int
teardown(void **state)
{
	FX(state);

	db_pool_free(f->pool);
	if (f->dir[0])
		rm_tree(f->dir);
	free(f);
	return 0;
}

/* ---- helpers ------------------------------------------------------------ */

/* A unique address for this test: NAME-TAG@example.org. */
static const char *
email(struct fx *f, struct arena *a, const char *name)
{
	return arena_printf(a, "%s-%s@example.org", name, f->tag);
}

/* Inserts a user; its id in *id.  WS_OK, WS_ECONFLICT or WS_EDB. */
static enum ws_err
add_user(struct db *d, const char *addr, const char *name, int64_t *id)
{
	struct db_q *q = db_start(d, ST_USER_INSERT);
	time_t now = now_s();
	enum ws_err rc;

	db_bind_text(q, 1, addr);
	db_bind_text(q, 2, name);
	db_bind_text(q, 3, "$argon2id$not-a-real-hash");
	db_bind_text(q, 4, "member");
	db_bind_text(q, 5, "active");
	db_bind_null(q, 6);
	db_bind_null(q, 7);
	db_bind_int(q, 8, now);
	db_bind_int(q, 9, now);
	rc = db_step(q);
	if (rc == WS_OK && id)
		*id = db_col_int(q, 0);
	db_end(q);
	return rc;
}

/* 1 when a user with this address exists; its name copied into name. */
static int
has_user(struct db *d, const char *addr, char *name, size_t len)
{
	struct db_q *q = db_start(d, ST_USER_BY_EMAIL);
	enum ws_err rc;

	db_bind_text(q, 1, addr);
	rc = db_step(q);
	assert_true(rc == WS_OK || rc == WS_EDONE);
	if (rc == WS_OK && name)
		snprintf(name, len, "%s", db_col_text(q, 2));
	db_end(q);
	return rc == WS_OK;
}

static int64_t
user_count(struct db *d)
{
	struct db_q *q = db_start(d, ST_USER_COUNT);
	int64_t n;

	assert_int_equal(db_step(q), WS_OK);
	n = db_col_int(q, 0);
	db_end(q);
	return n;
}

static double
mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- migrations --------------------------------------------------------- */

/* Opening the same database again (a restart) applies nothing twice and
 * keeps the data. */
static void
test_migrate_idempotent(void **state)
{
	FX(state);
	struct arena *a = arena_new();
	struct db_pool *p2 = NULL;
	struct db *d;
	char err[256] = "";
	int64_t id;

	d = db_acquire(f->pool);
	assert_int_equal(db_ping(d), WS_OK);
	assert_int_equal(add_user(d, email(f, a, "keep"), "Kept", &id), WS_OK);
	db_release(f->pool, d);
	db_pool_free(f->pool);
	f->pool = NULL;

	/* a second start, and the command-line migration, twice */
	assert_int_equal(db_pool_open(f->url, 2, 1, &p2, err, sizeof err), WS_OK);
	assert_int_equal(db_migrate_url(f->url, 0, err, sizeof err), WS_OK);
	assert_int_equal(db_migrate_url(f->url, 0, err, sizeof err), WS_OK);
	assert_int_equal(db_pool_kind(p2), f->pg ? DB_PG : DB_SQLITE);
	d = db_acquire(p2);
	assert_true(has_user(d, email(f, a, "keep"), NULL, 0));
	db_release(p2, d);
	f->pool = p2;
	arena_free(a);
}

/* Migration 6 (the sign-in back-off) unlocks the accounts that the old
 * lock-out had locked: an upgrade leaves nobody locked out for ever. */
static void
test_migrate_unlocks(void **state)
{
	FX(state);
	struct arena *a = arena_new();
	struct db_pool *p2 = NULL;
	struct db *d;
	struct user u;
	char err[256] = "";
	const char *addr = email(f, a, "locked");
	int64_t id;

	d = db_acquire(f->pool);
	assert_int_equal(add_user(d, addr, "Locked Out", &id), WS_OK);
	/* as a database of version 3 with a locked account would be */
	if (d->ops->exec_script(d, arena_printf(a, "DROP TABLE signin_backoff;"
	    "DELETE FROM schema_version WHERE version = 6;"
	    "UPDATE users SET locked_at = 1000, fail_count = 100 WHERE email = '%s'", addr),
	    err, sizeof err) != WS_OK)
		fail_msg("script: %s", err);
	assert_int_equal(user_by_email(d, a, addr, &u), WS_OK);
	assert_int_equal(u.locked_at, 1000);
	db_release(f->pool, d);
	db_pool_free(f->pool);
	f->pool = NULL;

	assert_int_equal(db_migrate_url(f->url, 0, err, sizeof err), WS_OK);
	assert_int_equal(db_pool_open(f->url, 2, 1, &p2, err, sizeof err), WS_OK);
	f->pool = p2;
	d = db_acquire(p2);
	assert_int_equal(user_by_email(d, a, addr, &u), WS_OK);
	assert_int_equal(u.locked_at, 0);
	assert_int_equal(u.fail_count, 0);
	db_release(p2, d);
	arena_free(a);
}

/* The id of the organization whose website domain is site, 0 when none
 * (site is the test's own: no quotes). */
static int64_t
org_by_site(struct db *d, const char *site)
{
	char sql[256], err[256];
	int64_t id = 0;

	snprintf(sql, sizeof sql, "SELECT id FROM organizations WHERE website_domain = '%s'",
	    site);
	if (d->ops->query_int(d, sql, &id, err, sizeof err) != WS_OK)
		fail_msg("query: %s", err);
	return id;
}

static const char *
approved_domain(struct db *d, struct arena *a, int64_t id)
{
	struct db_q *q = db_start(d, ST_ORG_APPROVED_DOMAIN);
	const char *v = NULL;

	db_bind_int(q, 1, id);
	if (db_step(q) == WS_OK)
		v = arena_strdup(a, db_col_text(q, 0));
	db_end(q);
	return v;
}

/* Migration 8 fixes the domain invitations are compared with for the
 * organizations staff approved (suspended ones too) from their website,
 * and for no other. */
static void
test_migrate_approved_domain(void **state)
{
	FX(state);
	struct arena *a = arena_new();
	struct db_pool *p2 = NULL;
	struct db *d;
	char err[256] = "";
	const char *sites[3], *status[3] = { "approved", "suspended", "pending" };
	int64_t id[3];
	int i;

	d = db_acquire(f->pool);
	for (i = 0; i < 3; i++) {
		sites[i] = arena_printf(a, "m8-%d-%s.example", i, f->tag);
		if (d->ops->exec_script(d, arena_printf(a, "INSERT INTO organizations (name, kind,"
		    " country, website, website_domain, description, status, norm_name,"
		    " created_at, updated_at) VALUES ('M8 %d %s', 'ngo', 'KE', 'https://www.%s/x',"
		    " '%s', 'd', '%s', 'm8 %d %s', 1, 1)", i, f->tag, sites[i], sites[i],
		    status[i], i, f->tag), err, sizeof err) != WS_OK)
			fail_msg("insert: %s", err);
		id[i] = org_by_site(d, sites[i]);
		assert_true(id[i] > 0);
	}
	/* as a database of version 7 would be */
	if (d->ops->exec_script(d, "ALTER TABLE organizations DROP COLUMN approved_domain;"
	    "DELETE FROM schema_version WHERE version = 8;", err, sizeof err) != WS_OK)
		fail_msg("script: %s", err);
	db_release(f->pool, d);
	db_pool_free(f->pool);
	f->pool = NULL;

	assert_int_equal(db_migrate_url(f->url, 0, err, sizeof err), WS_OK);
	assert_int_equal(db_pool_open(f->url, 2, 1, &p2, err, sizeof err), WS_OK);
	f->pool = p2;
	d = db_acquire(p2);
	assert_string_equal(approved_domain(d, a, id[0]), sites[0]);
	assert_string_equal(approved_domain(d, a, id[1]), sites[1]);
	assert_string_equal(approved_domain(d, a, id[2]), "");
	db_release(p2, d);
	arena_free(a);
}

/*
 * Migration 14 puts the audit rows written before it in the history of the
 * organization they name: "organization N" and ", user M" in their detail,
 * and an application's rows in the organization it became.  Other rows
 * (a list of organizations exported, a sign-in) belong to none.
 */
static void
test_migrate_org_history(void **state)
{
	FX(state);
	struct arena *a = arena_new();
	struct db_pool *p2 = NULL;
	struct db *d;
	struct db_q *q;
	char err[256] = "";
	const char *got = "";
	int64_t uid, org, app, n = -1;

	d = db_acquire(f->pool);
	assert_int_equal(add_user(d, email(f, a, "m14"), "Ada M14", &uid), WS_OK);
	if (d->ops->exec_script(d, arena_printf(a, "INSERT INTO organizations (name, kind,"
	    " country, description, status, norm_name, created_at, updated_at) VALUES"
	    " ('M14 %s', 'ngo', 'KE', 'd', 'approved', 'm14 %s', 1, 1)", f->tag, f->tag), err,
	    sizeof err) != WS_OK)
		fail_msg("insert: %s", err);
	if (d->ops->query_int(d, arena_printf(a, "SELECT id FROM organizations WHERE name ="
	    " 'M14 %s'", f->tag), &org, err, sizeof err) != WS_OK)
		fail_msg("query: %s", err);
	if (d->ops->exec_script(d, arena_printf(a, "INSERT INTO applications (user_id, kind,"
	    " org_id, data, status, submitted_at, created_at, updated_at) VALUES (%lld,"
	    " 'organization', %lld, '{}', 'approved', 1, 1, 1)", (long long)uid,
	    (long long)org), err, sizeof err) != WS_OK)
		fail_msg("insert: %s", err);
	if (d->ops->query_int(d, arena_printf(a, "SELECT id FROM applications WHERE user_id ="
	    " %lld", (long long)uid), &app, err, sizeof err) != WS_OK)
		fail_msg("query: %s", err);
	/* as a database of version 12 would be, with its rows */
	if (d->ops->exec_script(d, arena_printf(a,
	    "DROP INDEX audit_log_org; DROP INDEX audit_log_subject;"
	    "ALTER TABLE audit_log DROP COLUMN org_id;"
	    "ALTER TABLE audit_log DROP COLUMN subject_id;"
	    "DELETE FROM schema_version WHERE version = 14;"
	    "INSERT INTO audit_log (at, user_id, action, ip, detail) VALUES"
	    " (10, %lld, 'application.submitted', '', 'application %lld: M14'),"
	    " (11, NULL, 'application.approved', '', 'application %lld'),"
	    " (12, %lld, 'organization.admin_added', '', 'organization %lld, user %lld'),"
	    " (13, NULL, 'organizations.exported', '', 'organizations: %lld rows'),"
	    " (14, %lld, 'signin', '', 'web'),"
	    " (15, NULL, 'organization.suspended', '', 'organization %lld')",
	    (long long)uid, (long long)app, (long long)app, (long long)uid, (long long)org,
	    (long long)uid, (long long)org, (long long)uid, (long long)org), err,
	    sizeof err) != WS_OK)
		fail_msg("script: %s", err);
	db_release(f->pool, d);
	db_pool_free(f->pool);
	f->pool = NULL;

	assert_int_equal(db_migrate_url(f->url, 0, err, sizeof err), WS_OK);
	assert_int_equal(db_pool_open(f->url, 2, 1, &p2, err, sizeof err), WS_OK);
	f->pool = p2;
	d = db_acquire(p2);
	q = db_start(d, ST_ORG_HISTORY);
	db_bind_int(q, 1, org);
	db_bind_int(q, 2, 50);
	db_bind_int(q, 3, 0);
	while (db_step(q) == WS_OK)
		got = arena_printf(a, "%s%s%s:%lld", got, *got ? "," : "",
		    db_col_text(q, ORG_HISTORY_C_ACTION), db_col_null(q, ORG_HISTORY_C_SUBJECT_ID) ?
		    0LL : (long long)(db_col_int(q, ORG_HISTORY_C_SUBJECT_ID) == uid));
	db_end(q);
	assert_string_equal(got, "organization.suspended:0,organization.admin_added:1,"
	    "application.approved:1,application.submitted:1");
	q = db_start(d, ST_ORG_HISTORY_COUNT);
	db_bind_int(q, 1, org);
	if (db_step(q) == WS_OK)
		n = db_col_int(q, 0);
	db_end(q);
	assert_int_equal(n, 4);
	db_release(p2, d);
	arena_free(a);
}

/* The organizations ST_ORG_DUPS finds for keys k: "id:rule,id:rule". */
static const char *
dups_of(struct db *d, struct arena *a, const struct app_keys *k)
{
	struct db_q *q = db_start(d, ST_ORG_DUPS);
	struct dup_keys dk;
	const char *out = "";

	org_dupkeys_of(a, k, &dk);
	org_dupkeys_bind(q, 1, &dk);
	while (db_step(q) == WS_OK)
		out = arena_printf(a, "%s%s%lld:%lld", out, *out ? "," : "",
		    (long long)db_col_int(q, 0), (long long)db_col_int(q, 3));
	db_end(q);
	return out;
}

/* The migration that stores duplicate keys: organizations and applications
 * stored before it get theirs at the next start, computed by the rules of
 * now (accents folded), and their normalized name follows, which the
 * applicant's same-name hint compares. */
static void
test_migrate_dupkeys(void **state)
{
	FX(state);
	struct arena *a = arena_new();
	struct db_pool *p2 = NULL;
	struct db *d;
	char err[256] = "";
	const char *site = arena_printf(a, "mdk-%s.example", f->tag);
	struct app_keys k = { "SN", "", "", "", "", NULL };
	int64_t org, n = 0, uid = 0;
	size_t done;

	d = db_acquire(f->pool);
	assert_int_equal(add_user(d, email(f, a, "mdk"), "Applicant", &uid), WS_OK);
	/* as a database of the version before: no keys, old normalized names */
	if (d->ops->exec_script(d, arena_printf(a, "DROP TABLE org_keys; DROP TABLE app_keys;"
	    "DROP INDEX organizations_keys_version; DROP INDEX applications_keys_version;"
	    "ALTER TABLE organizations DROP COLUMN keys_version;"
	    "ALTER TABLE applications DROP COLUMN keys_version;"
	    "DELETE FROM schema_version WHERE version = %d;"
	    "INSERT INTO organizations (name, kind, country, website, website_domain,"
	    " description, status, norm_name, contact_email, created_at, updated_at)"
	    " VALUES ('Soci\xc3\xa9t\xc3\xa9 G\xc3\xa9n\xc3\xa9rale %s', 'ngo', 'SN',"
	    " 'https://www.%s/', '%s', 'd', 'approved', 'soci\xc3\xa9t\xc3\xa9 g\xc3\xa9n"
	    "\xc3\xa9rale %s', 'ana@%s', 1, 1);"
	    "INSERT INTO applications (user_id, kind, country, data, status, submitted_at,"
	    " created_at, updated_at) VALUES (%lld, 'organization', 'SN',"
	    " '{\"organization\":{\"name\":\"Other %s\",\"country\":\"SN\","
	    "\"website\":\"http://%s\"},\"contact\":{\"email\":\"x@gmail.com\"}}',"
	    " 'pending', 1, 1, 1)", DB_MIGRATION_DUPKEYS, f->tag, site, site, f->tag, site,
	    (long long)uid, f->tag, site), err, sizeof err) != WS_OK)
		fail_msg("script: %s", err);
	org = org_by_site(d, site);
	assert_true(org > 0);
	db_release(f->pool, d);
	db_pool_free(f->pool);
	f->pool = NULL;

	assert_int_equal(db_migrate_url(f->url, 0, err, sizeof err), WS_OK);
	assert_int_equal(db_pool_open(f->url, 2, 1, &p2, err, sizeof err), WS_OK);
	f->pool = p2;
	d = db_acquire(p2);
	/* migrated, not yet started: no keys */
	k.norm_name = arena_printf(a, "societe generale %s", f->tag);
	assert_string_equal(dups_of(d, a, &k), "");
	assert_int_equal(org_dupkeys_refill(d, &done), WS_OK);
	assert_true(done >= 2);
	assert_string_equal(dups_of(d, a, &k), arena_printf(a, "%lld:%d", (long long)org,
	    DUP_NAME));
	k.norm_name = "";
	k.website_domain = site;
	assert_string_equal(dups_of(d, a, &k), arena_printf(a, "%lld:%d", (long long)org,
	    DUP_SITE));
	k.website_domain = "";
	k.email_domain = site;
	assert_string_equal(dups_of(d, a, &k), arena_printf(a, "%lld:%d", (long long)org,
	    DUP_MAIL));
	/* the application got its keys too; its webmail address none */
	if (d->ops->query_int(d, arena_printf(a, "SELECT count(*) FROM app_keys k JOIN "
	    "applications p ON p.id = k.app_id WHERE p.user_id = %lld", (long long)uid), &n,
	    err, sizeof err) != WS_OK)
		fail_msg("query: %s", err);
	assert_int_equal(n, 2);	/* name, website */
	if (d->ops->query_int(d, arena_printf(a, "SELECT count(*) FROM organizations WHERE "
	    "id = %lld AND norm_name = 'societe generale %s'", (long long)org, f->tag), &n,
	    err, sizeof err) != WS_OK)
		fail_msg("query: %s", err);
	assert_int_equal(n, 1);
	/* a second start has nothing left to do */
	assert_int_equal(org_dupkeys_refill(d, &done), WS_OK);
	assert_int_equal(done, 0);
	db_release(p2, d);
	arena_free(a);
}

/* A file written as before chunks: its bytes in files.data (logo_store
 * of old); its id. */
static int64_t
legacy_file(struct db *d, const unsigned char *data, size_t len)
{
	struct db_q *q = db_start(d, ST_FILE_INSERT);
	int64_t id = 0;

	db_bind_text(q, 1, "logo");
	db_bind_text(q, 2, "image/png");
	db_bind_int(q, 3, (int64_t)len);
	db_bind_text(q, 4, "0123456789abcdef");
	db_bind_blob(q, 5, data, len);
	db_bind_null(q, 6);
	db_bind_int(q, 7, 1);
	if (db_step(q) == WS_OK)
		id = db_col_int(q, 0);
	db_end(q);
	return id;
}

struct got {
	unsigned char *p;
	size_t n, cap;
};

static int
got_bytes(void *arg, const void *p, size_t n)
{
	struct got *g = arg;

	assert_true(g->n + n <= g->cap);
	memcpy(g->p + g->n, p, n);
	g->n += n;
	return 0;
}

/* Runs script sql (printf-style), failing the test with its error. */
static void __attribute__((format(printf, 2, 3)))
run_sql(struct db *d, const char *fmt, ...)
{
	char err[256] = "", sql[2048];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(sql, sizeof sql, fmt, ap);
	va_end(ap);
	assert_true(n > 0 && (size_t)n < sizeof sql);
	if (d->ops->exec_script(d, sql, err, sizeof err) != WS_OK)
		fail_msg("script: %s\n%s", err, sql);
}

/* Migration 42 makes a delegate's address unique per session and
 * organization: the nominations (and the speaking request naming one)
 * come through, two organizations may then name one address, one
 * organization still not twice. */
static void
test_migrate_nomination_address(void **state)
{
	FX(state);
	struct arena *a = arena_new();
	struct db_pool *p2 = NULL;
	struct db *d;
	char err[256] = "";
	int64_t uid, org[2], ev, nom, n = -1;
	int k;

	d = db_acquire(f->pool);
	assert_int_equal(add_user(d, email(f, a, "m42"), "Ada M42", &uid), WS_OK);
	for (k = 0; k < 2; k++) {
		run_sql(d, "INSERT INTO organizations (name, kind, country, description, status,"
		    " norm_name, created_at, updated_at) VALUES ('M42 %d %s', 'ngo', 'KE', 'd',"
		    " 'approved', 'm42 %d %s', 1, 1)", k, f->tag, k, f->tag);
		if (d->ops->query_int(d, arena_printf(a, "SELECT id FROM organizations WHERE"
		    " name = 'M42 %d %s'", k, f->tag), &org[k], err, sizeof err) != WS_OK)
			fail_msg("query: %s", err);
	}
	run_sql(d, "INSERT INTO events (kind, title, start_at, end_at, timezone, start_month,"
	    " audience, visibility, status, created_at, updated_at) VALUES ('session',"
	    " 'M42 %s', 100, 200, 'UTC', '1970-01', 'members', 'members', 'published', 1, 1)",
	    f->tag);
	if (d->ops->query_int(d, arena_printf(a, "SELECT id FROM events WHERE title = 'M42 %s'",
	    f->tag), &ev, err, sizeof err) != WS_OK)
		fail_msg("query: %s", err);
	run_sql(d, "INSERT INTO meetings (event_id, body, number, title, year, eligibility,"
	    " delegates_max) VALUES (%lld, 'cosp', 42, 'M42', 2031, 'members', 5);"
	    "INSERT INTO meeting_nominations (event_id, organization_id, nominated_by, name,"
	    " email, nationality, passport_name, attendance, status, created_at) VALUES"
	    " (%lld, %lld, %lld, 'Dee', 'dee@m42.example', 'KE', 'DEE', 'online', 'approved', 5)",
	    (long long)ev, (long long)ev, (long long)org[0], (long long)uid);
	if (d->ops->query_int(d, arena_printf(a, "SELECT id FROM meeting_nominations WHERE"
	    " event_id = %lld", (long long)ev), &nom, err, sizeof err) != WS_OK)
		fail_msg("query: %s", err);
	run_sql(d, "INSERT INTO meeting_speaking_requests (event_id, organization_id, item,"
	    " nomination_id, speaker_name, summary, minutes, status, created_at, updated_at)"
	    " VALUES (%lld, %lld, '1', %lld, 'Dee', 'On item 1.', 3, 'pending', 6, 6)",
	    (long long)ev, (long long)org[0], (long long)nom);
	/* as a database of version 41 would be: one address per session */
	if (f->pg)
		run_sql(d, "ALTER TABLE meeting_nominations DROP CONSTRAINT"
		    " meeting_nominations_event_id_organization_id_email_key;"
		    "ALTER TABLE meeting_nominations ADD CONSTRAINT"
		    " meeting_nominations_event_id_email_key UNIQUE (event_id, email);"
		    "DROP INDEX meeting_nominations_email;"
		    "DELETE FROM schema_version WHERE version = 42;");
	else
		run_sql(d, "DROP INDEX meeting_nominations_email;"
		    "DELETE FROM schema_version WHERE version = 42;");
	db_release(f->pool, d);
	db_pool_free(f->pool);
	f->pool = NULL;

	assert_int_equal(db_migrate_url(f->url, 0, err, sizeof err), WS_OK);
	assert_int_equal(db_pool_open(f->url, 2, 1, &p2, err, sizeof err), WS_OK);
	f->pool = p2;
	d = db_acquire(p2);
	if (d->ops->query_int(d, arena_printf(a, "SELECT count(*) FROM meeting_nominations WHERE"
	    " id = %lld AND email = 'dee@m42.example' AND status = 'approved'", (long long)nom),
	    &n, err, sizeof err) != WS_OK)
		fail_msg("query: %s", err);
	assert_int_equal(n, 1);
	if (d->ops->query_int(d, arena_printf(a, "SELECT count(*) FROM meeting_speaking_requests"
	    " WHERE event_id = %lld AND nomination_id = %lld", (long long)ev, (long long)nom), &n,
	    err, sizeof err) != WS_OK)
		fail_msg("query: %s", err);
	assert_int_equal(n, 1);
	/* the other organization names the same address; the first, not twice */
	run_sql(d, "INSERT INTO meeting_nominations (event_id, organization_id, name, email,"
	    " nationality, passport_name, attendance, status, created_at) VALUES (%lld, %lld,"
	    " 'Dee', 'dee@m42.example', 'KE', 'DEE', 'online', 'pending', 7)", (long long)ev,
	    (long long)org[1]);
	assert_int_not_equal(d->ops->exec_script(d, arena_printf(a, "INSERT INTO"
	    " meeting_nominations (event_id, organization_id, name, email, nationality,"
	    " passport_name, attendance, status, created_at) VALUES (%lld, %lld, 'Dee',"
	    " 'dee@m42.example', 'KE', 'DEE', 'online', 'pending', 8)", (long long)ev,
	    (long long)org[0]), err, sizeof err), WS_OK);
	db_release(p2, d);
	arena_free(a);
}

/* Migration 12 moves the bytes of files from before chunks into chunks:
 * each reads back byte for byte, by chunks, and files.data is emptied. */
static void
test_migrate_file_chunks(void **state)
{
	FX(state);
	static const size_t sizes[3] = { 2 * FILE_CHUNK + 1000, FILE_CHUNK, 10 };
	struct db_pool *p2 = NULL;
	struct db *d;
	struct db_q *q;
	struct file_info fi;
	char err[256] = "";
	unsigned char *data = xmalloc(sizes[0]);
	int64_t id[3];
	size_t i, k;

	for (i = 0; i < sizes[0]; i++)
		data[i] = (unsigned char)((i * 2654435761u) >> 13);
	d = db_acquire(f->pool);
	for (k = 0; k < 3; k++) {
		id[k] = legacy_file(d, data, sizes[k]);
		assert_true(id[k] > 0);
		assert_int_equal(file_stat(d, id[k], "logo", &fi), WS_OK);
		assert_false(fi.chunked);
	}
	/* as a database of version 10 would be */
	if (d->ops->exec_script(d, "DELETE FROM schema_version WHERE version = 12;", err,
	    sizeof err) != WS_OK)
		fail_msg("script: %s", err);
	db_release(f->pool, d);
	db_pool_free(f->pool);
	f->pool = NULL;

	assert_int_equal(db_migrate_url(f->url, 0, err, sizeof err), WS_OK);
	assert_int_equal(db_pool_open(f->url, 2, 1, &p2, err, sizeof err), WS_OK);
	f->pool = p2;
	d = db_acquire(p2);
	for (k = 0; k < 3; k++) {
		struct got g = { xmalloc(sizes[k]), 0, sizes[k] };
		size_t len = 1;

		assert_int_equal(file_stat(d, id[k], "logo", &fi), WS_OK);
		assert_true(fi.chunked);
		assert_int_equal(fi.size, sizes[k]);
		assert_int_equal(file_read(d, &fi, 0, -1, got_bytes, &g), WS_OK);
		assert_int_equal(g.n, sizes[k]);
		assert_memory_equal(g.p, data, sizes[k]);
		g.n = 0;	/* across the first chunk's end */
		if (sizes[k] > FILE_CHUNK) {
			assert_int_equal(file_read(d, &fi, FILE_CHUNK - 10, 20, got_bytes, &g), WS_OK);
			assert_memory_equal(g.p, data + FILE_CHUNK - 10, 20);
		}
		free(g.p);
		q = db_start(d, ST_FILE_DATA);	/* files.data is empty */
		db_bind_int(q, 1, id[k]);
		assert_int_equal(db_step(q), WS_OK);
		(void)db_col_blob(q, 0, &len);
		assert_int_equal(len, 0);
		db_end(q);
	}
	db_release(p2, d);
	free(data);
}

struct mig_arg {
	const char *url;
	pthread_barrier_t *go;
	enum ws_err rc;
	char err[256];
};

static void *
mig_main(void *arg)
{
	struct mig_arg *m = arg;

	pthread_barrier_wait(m->go);
	m->rc = db_migrate_url(m->url, 0, m->err, sizeof m->err);
	return NULL;
}

/* Several nodes starting at once on a new database all come up. */
static void
test_migrate_concurrent(void **state)
{
	FX(state);
	enum { N = 4 };
	pthread_t th[N];
	struct mig_arg m[N];
	pthread_barrier_t go;
	char url[PATH_MAX + 64], name[64];
	int i;

	if (f->pg) {
		char cmd[PATH_MAX + 256];
		const char *s = strstr(f->url, "://"), *end;

		snprintf(name, sizeof name, "db_test_mig_%s", f->tag);
		snprintf(cmd, sizeof cmd, "createdb --maintenance-db '%s' %s", f->url, name);
		assert_int_equal(system(cmd), 0);
		end = s + 3 + strcspn(s + 3, "/?");
		snprintf(url, sizeof url, "%.*s/%s", (int)(end - f->url), f->url, name);
	} else {
		snprintf(url, sizeof url, "sqlite:%s/fresh.db", f->dir);
	}
	pthread_barrier_init(&go, NULL, N);
	for (i = 0; i < N; i++) {
		m[i].url = url;
		m[i].go = &go;
		m[i].err[0] = '\0';
		assert_int_equal(pthread_create(&th[i], NULL, mig_main, &m[i]), 0);
	}
	for (i = 0; i < N; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&go);
	for (i = 0; i < N; i++)
		if (m[i].rc != WS_OK)
			fail_msg("node %d could not start: %s", i, m[i].err);
	if (f->pg) {
		char cmd[PATH_MAX + 256];

		snprintf(cmd, sizeof cmd, "dropdb --force --maintenance-db '%s' %s", f->url, name);
		assert_int_equal(system(cmd), 0);
	}
}

/* ---- users -------------------------------------------------------------- */

static void
test_users(void **state)
{
	FX(state);
	struct arena *a = arena_new();
	struct db *d = db_acquire(f->pool);
	struct db_q *q;
	struct user u;
	int64_t id = 0, id2 = 0;
	const char *ana = email(f, a, "ana");

	assert_int_equal(add_user(d, ana, "Ana Mar\xc3\xad" "a", &id), WS_OK);
	assert_true(id > 0);
	assert_int_equal(add_user(d, email(f, a, "bob"), "Bob", &id2), WS_OK);
	assert_true(id2 > id);

	q = db_start(d, ST_USER_BY_EMAIL);
	db_bind_text(q, 1, ana);
	assert_int_equal(db_step(q), WS_OK);
	assert_int_equal(db_col_int(q, 0), id);
	assert_string_equal(db_col_text(q, 1), ana);
	assert_string_equal(db_col_text(q, 2), "Ana Mar\xc3\xad" "a");	/* UTF-8 intact */
	assert_string_equal(db_col_text(q, 4), "member");
	assert_string_equal(db_col_text(q, 5), "active");
	assert_int_equal(db_step(q), WS_EDONE);				/* one row */
	db_end(q);

	/* the accounts store reads the same row by id */
	assert_int_equal(user_by_id(d, a, id, &u), WS_OK);
	assert_string_equal(u.email, ana);
	assert_int_equal(u.role, ROLE_MEMBER);
	assert_int_equal(u.verified_at, 0);
	assert_int_equal(user_by_email(d, a, ana, &u), WS_OK);
	assert_int_equal(u.id, id);
	assert_int_equal(user_by_email(d, a, email(f, a, "nobody"), &u), WS_ENOTFOUND);
	assert_int_equal(user_by_id(d, a, INT64_MAX, &u), WS_ENOTFOUND);

	/* an unknown address is no row, not an error */
	q = db_start(d, ST_USER_BY_EMAIL);
	db_bind_text(q, 1, email(f, a, "nobody"));
	assert_int_equal(db_step(q), WS_EDONE);
	db_end(q);
	db_release(f->pool, d);
	arena_free(a);
}

static void
test_unique_email(void **state)
{
	FX(state);
	struct arena *a = arena_new();
	struct db *d = db_acquire(f->pool);
	const char *ana = email(f, a, "dup");
	char name[64];
	int64_t id;

	assert_int_equal(add_user(d, ana, "First", &id), WS_OK);
	assert_int_equal(add_user(d, ana, "Second", NULL), WS_ECONFLICT);
	assert_true(has_user(d, ana, name, sizeof name));
	assert_string_equal(name, "First");			/* the first one stays */
	/* the connection is still usable after the conflict */
	assert_int_equal(add_user(d, email(f, a, "dup2"), "Other", NULL), WS_OK);
	assert_int_equal(db_ping(d), WS_OK);

	/* inside a transaction: the conflict is reported, the rollback undoes
	 * the rest, and the connection is usable again */
	assert_int_equal(db_begin(d), WS_OK);
	assert_int_equal(add_user(d, email(f, a, "dup3"), "In tx", NULL), WS_OK);
	assert_int_equal(add_user(d, ana, "Again", NULL), WS_ECONFLICT);
	db_rollback(d);
	assert_false(has_user(d, email(f, a, "dup3"), NULL, 0));
	assert_int_equal(add_user(d, email(f, a, "dup4"), "After", NULL), WS_OK);

	/* a session for a user that does not exist: foreign key */
	{
		struct db_q *q = db_start(d, ST_SESSION_INSERT);

		db_bind_text(q, 1, arena_printf(a, "fk-%s", f->tag));
		db_bind_int(q, 2, INT64_MAX);
		db_bind_text(q, 3, "web");
		db_bind_int(q, 4, 1);
		db_bind_int(q, 5, 1);
		db_bind_null(q, 6);
		assert_int_equal(db_exec(q, NULL), WS_ECONFLICT);
		db_end(q);
	}
	db_release(f->pool, d);
	arena_free(a);
}

/* ---- NULLs and changes -------------------------------------------------- */

static void
test_nulls(void **state)
{
	FX(state);
	struct arena *a = arena_new();
	struct db *d = db_acquire(f->pool);
	struct db_q *q;
	int64_t id;

	assert_int_equal(add_user(d, email(f, a, "nul"), "N", &id), WS_OK);
	q = db_start(d, ST_USER_BY_ID);
	db_bind_int(q, 1, id);
	assert_int_equal(db_step(q), WS_OK);
	/* locale, verified_at, locked_at, org_id, tz are NULL */
	assert_true(db_col_null(q, 6));
	assert_null(db_col_text(q, 6));
	assert_true(db_col_null(q, 7));
	assert_int_equal(db_col_int(q, 7), 0);
	assert_true(db_col_null(q, 8));
	assert_true(db_col_null(q, 11));
	assert_true(db_col_null(q, 13));
	/* and these are not */
	assert_false(db_col_null(q, 1));
	assert_false(db_col_null(q, 9));	/* fail_window_start = 0 */
	assert_int_equal(db_col_int(q, 9), 0);
	assert_false(db_col_null(q, 12));
	db_end(q);

	/* binding NULL text writes NULL; binding text writes it back */
	q = db_start(d, ST_USER_SET_LOCALE);
	db_bind_text(q, 1, "fr");
	db_bind_int(q, 2, now_s());
	db_bind_int(q, 3, id);
	assert_int_equal(db_exec(q, NULL), WS_OK);
	db_end(q);
	q = db_start(d, ST_USER_BY_ID);
	db_bind_int(q, 1, id);
	assert_int_equal(db_step(q), WS_OK);
	assert_string_equal(db_col_text(q, 6), "fr");
	assert_false(db_col_null(q, 6));
	db_end(q);
	q = db_start(d, ST_USER_SET_LOCALE);
	db_bind_text(q, 1, NULL);
	db_bind_int(q, 2, now_s());
	db_bind_int(q, 3, id);
	assert_int_equal(db_exec(q, NULL), WS_OK);
	db_end(q);
	q = db_start(d, ST_USER_BY_ID);
	db_bind_int(q, 1, id);
	assert_int_equal(db_step(q), WS_OK);
	assert_null(db_col_text(q, 6));
	assert_true(db_col_null(q, 6));
	db_end(q);
	/* the empty string is not NULL */
	q = db_start(d, ST_USER_SET_LOCALE);
	db_bind_text(q, 1, "");
	db_bind_int(q, 2, now_s());
	db_bind_int(q, 3, id);
	assert_int_equal(db_exec(q, NULL), WS_OK);
	db_end(q);
	q = db_start(d, ST_USER_BY_ID);
	db_bind_int(q, 1, id);
	assert_int_equal(db_step(q), WS_OK);
	assert_non_null(db_col_text(q, 6));
	assert_string_equal(db_col_text(q, 6), "");
	assert_false(db_col_null(q, 6));
	db_end(q);
	db_release(f->pool, d);
	arena_free(a);
}

static void
add_session(struct db *d, const char *hash, int64_t uid, int64_t at)
{
	struct db_q *q = db_start(d, ST_SESSION_INSERT);

	db_bind_text(q, 1, hash);
	db_bind_int(q, 2, uid);
	db_bind_text(q, 3, "web");
	db_bind_int(q, 4, at);
	db_bind_int(q, 5, at);
	db_bind_text(q, 6, "192.0.2.1");
	assert_int_equal(db_exec(q, NULL), WS_OK);
	db_end(q);
}

static void
test_changes(void **state)
{
	FX(state);
	struct arena *a = arena_new();
	struct db *d = db_acquire(f->pool);
	struct db_q *q;
	int64_t id, n = -1;
	int i;

	assert_int_equal(add_user(d, email(f, a, "chg"), "C", &id), WS_OK);
	q = db_start(d, ST_USER_SET_STATUS);
	db_bind_text(q, 1, "disabled");
	db_bind_int(q, 2, now_s());
	db_bind_int(q, 3, id);
	assert_int_equal(db_exec(q, &n), WS_OK);
	db_end(q);
	assert_int_equal(n, 1);
	q = db_start(d, ST_USER_SET_STATUS);			/* nobody has this id */
	db_bind_text(q, 1, "disabled");
	db_bind_int(q, 2, now_s());
	db_bind_int(q, 3, INT64_MAX);
	n = -1;
	assert_int_equal(db_exec(q, &n), WS_OK);
	db_end(q);
	assert_int_equal(n, 0);

	for (i = 0; i < 3; i++)
		add_session(d, arena_printf(a, "chg-%s-%d", f->tag, i), id, 1000 + i);
	q = db_start(d, ST_SESSION_DELETE_USER);
	db_bind_int(q, 1, id);
	n = -1;
	assert_int_equal(db_exec(q, &n), WS_OK);
	db_end(q);
	assert_int_equal(n, 3);
	q = db_start(d, ST_SESSION_DELETE_USER);
	db_bind_int(q, 1, id);
	n = -1;
	assert_int_equal(db_exec(q, &n), WS_OK);
	db_end(q);
	assert_int_equal(n, 0);
	/* an INSERT counts its row; NULL for changes is allowed */
	q = db_start(d, ST_SESSION_INSERT);
	db_bind_text(q, 1, arena_printf(a, "chg-%s-x", f->tag));
	db_bind_int(q, 2, id);
	db_bind_text(q, 3, "api");
	db_bind_int(q, 4, 1);
	db_bind_int(q, 5, 1);
	db_bind_null(q, 6);
	n = -1;
	assert_int_equal(db_exec(q, &n), WS_OK);
	db_end(q);
	assert_int_equal(n, 1);
	q = db_start(d, ST_SESSION_DELETE);
	db_bind_text(q, 1, arena_printf(a, "chg-%s-x", f->tag));
	assert_int_equal(db_exec(q, NULL), WS_OK);
	db_end(q);
	db_release(f->pool, d);
	arena_free(a);
}

/* ---- single-use tokens -------------------------------------------------- */

static void
test_tokens(void **state)
{
	FX(state);
	struct arena *a = arena_new();
	struct db *d = db_acquire(f->pool);
	char tok[65], tok2[65], tok3[65], bad[65];
	const char *data = NULL;
	int64_t uid, got = 0;
	struct db_q *q;

	assert_int_equal(add_user(d, email(f, a, "tok"), "T", &uid), WS_OK);
	assert_int_equal(token_issue(d, "reset", uid, 3600, "new@example.org", tok), WS_OK);
	assert_int_equal(strlen(tok), 64);

	/* stored hashed, not as sent */
	q = db_start(d, ST_TOKEN_GET);
	db_bind_text(q, 1, tok);
	db_bind_text(q, 2, "reset");
	assert_int_equal(db_step(q), WS_EDONE);
	db_end(q);

	assert_int_equal(token_use(d, a, "verify", tok, &got, &data), WS_ENOTFOUND);	/* kind */
	assert_int_equal(token_use(d, a, "reset", tok, &got, &data), WS_OK);
	assert_int_equal(got, uid);
	assert_string_equal(data, "new@example.org");
	/* once only */
	assert_int_equal(token_use(d, a, "reset", tok, &got, &data), WS_ENOTFOUND);
	/* used_at is recorded */
	{
		char h[65];

		token_hash(tok, h);
		q = db_start(d, ST_TOKEN_GET);
		db_bind_text(q, 1, h);
		db_bind_text(q, 2, "reset");
		assert_int_equal(db_step(q), WS_OK);
		assert_int_equal(db_col_int(q, 0), uid);
		assert_false(db_col_null(q, 3));
		assert_true(db_col_int(q, 3) > 0);
		db_end(q);
	}

	/* unknown, malformed */
	memcpy(bad, tok, sizeof bad);
	bad[0] = bad[0] == 'a' ? 'b' : 'a';
	assert_int_equal(token_use(d, a, "reset", bad, &got, &data), WS_ENOTFOUND);
	assert_int_equal(token_use(d, a, "reset", "short", &got, &data), WS_ENOTFOUND);
	assert_int_equal(token_use(d, a, "reset", NULL, &got, &data), WS_ENOTFOUND);

	/* expiry: valid just before, refused after */
	assert_int_equal(token_issue(d, "verify", uid, 60, NULL, tok2), WS_OK);
	assert_int_equal(token_issue(d, "verify", uid, 60, NULL, tok3), WS_OK);
	util_clock_offset(58);
	assert_int_equal(token_use(d, a, "verify", tok2, &got, &data), WS_OK);
	assert_null(data);				/* no data stored: NULL */
	util_clock_offset(3);
	assert_int_equal(token_use(d, a, "verify", tok3, &got, &data), WS_ENOTFOUND);
	util_clock_offset(-61);

	/* tokens of one user do not touch another's */
	{
		int64_t uid2;

		assert_int_equal(add_user(d, email(f, a, "tok2"), "T2", &uid2), WS_OK);
		assert_int_equal(token_issue(d, "verify", uid, 60, NULL, tok2), WS_OK);
		assert_int_equal(token_issue(d, "verify", uid2, 60, NULL, tok3), WS_OK);
		assert_int_equal(token_use(d, a, "verify", tok3, &got, NULL), WS_OK);
		assert_int_equal(got, uid2);
		assert_int_equal(token_use(d, a, "verify", tok2, &got, NULL), WS_OK);
		assert_int_equal(got, uid);
	}
	db_release(f->pool, d);
	arena_free(a);
}

struct race {
	struct db_pool *pool;
	char (*toks)[65];
	int ntoks;
	_Atomic int *wins;
	pthread_barrier_t *go;
	int errors;
};

static void *
race_main(void *arg)
{
	struct race *r = arg;
	struct db *d = db_acquire(r->pool);
	struct arena *a = arena_new();
	int i;

	pthread_barrier_wait(r->go);
	for (i = 0; i < r->ntoks; i++) {
		int64_t uid;
		enum ws_err rc = token_use(d, a, "reset", r->toks[i], &uid, NULL);

		if (rc == WS_OK)
			atomic_fetch_add(&r->wins[i], 1);
		else if (rc != WS_ENOTFOUND)
			r->errors++;
	}
	arena_free(a);
	db_release(r->pool, d);
	return NULL;
}

/* Two requests using the same link at once: exactly one succeeds. */
static void
test_tokens_race(void **state)
{
	FX(state);
	enum { T = NPOOL, N = 40 };
	struct arena *a = arena_new();
	struct db *d = db_acquire(f->pool);
	char toks[N][65];
	_Atomic int wins[N];
	struct race r[T];
	pthread_t th[T];
	pthread_barrier_t go;
	int64_t uid;
	int i;

	assert_int_equal(add_user(d, email(f, a, "race"), "R", &uid), WS_OK);
	for (i = 0; i < N; i++) {
		assert_int_equal(token_issue(d, "reset", uid, 3600, NULL, toks[i]), WS_OK);
		atomic_init(&wins[i], 0);
	}
	db_release(f->pool, d);
	pthread_barrier_init(&go, NULL, T);
	for (i = 0; i < T; i++) {
		r[i] = (struct race){f->pool, toks, N, wins, &go, 0};
		assert_int_equal(pthread_create(&th[i], NULL, race_main, &r[i]), 0);
	}
	for (i = 0; i < T; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&go);
	for (i = 0; i < T; i++)
		assert_int_equal(r[i].errors, 0);
	for (i = 0; i < N; i++)
		if (atomic_load(&wins[i]) != 1)
			fail_msg("token %d was used %d times", i, atomic_load(&wins[i]));
	arena_free(a);
}

/* ---- transactions ------------------------------------------------------- */

static void
test_transactions(void **state)
{
	FX(state);
	struct arena *a = arena_new();
	struct db *d = db_acquire(f->pool), *other = db_acquire(f->pool);

	/* rolled back: gone */
	assert_int_equal(db_begin(d), WS_OK);
	assert_int_equal(add_user(d, email(f, a, "rb"), "RB", NULL), WS_OK);
	assert_true(has_user(d, email(f, a, "rb"), NULL, 0));	/* seen inside */
	db_rollback(d);
	assert_false(has_user(d, email(f, a, "rb"), NULL, 0));
	assert_false(has_user(other, email(f, a, "rb"), NULL, 0));

	/* committed: visible to other connections only after the commit */
	assert_int_equal(db_begin(d), WS_OK);
	assert_int_equal(add_user(d, email(f, a, "cm"), "CM", NULL), WS_OK);
	assert_false(has_user(other, email(f, a, "cm"), NULL, 0));
	assert_int_equal(db_commit(d), WS_OK);
	assert_true(has_user(other, email(f, a, "cm"), NULL, 0));

	/* a rollback with no transaction open is harmless */
	db_rollback(d);
	assert_int_equal(db_ping(d), WS_OK);

	/* a connection given back with a transaction open is rolled back, so
	 * the next request does not inherit (or commit) it */
	assert_int_equal(db_begin(d), WS_OK);
	assert_int_equal(add_user(d, email(f, a, "leak"), "Leak", NULL), WS_OK);
	db_release(f->pool, d);
	assert_false(has_user(other, email(f, a, "leak"), NULL, 0));
	d = db_acquire(f->pool);
	assert_false(has_user(d, email(f, a, "leak"), NULL, 0));
	assert_int_equal(db_begin(d), WS_OK);		/* and a new one can begin */
	assert_int_equal(db_commit(d), WS_OK);
	db_release(f->pool, d);
	db_release(f->pool, other);
	arena_free(a);
}

static void
count_call(void *arg)
{
	(*(int *)arg)++;
}

/* Work queued in a transaction wakes its workers only once the rows can be
 * seen: after COMMIT, never after a rollback or a failed COMMIT; with no
 * transaction open, at once; the same wake-up asked twice comes once. */
static void
test_after_commit(void **state)
{
	FX(state);
	struct db *d = db_acquire(f->pool);
	int calls[DB_AFTER_COMMIT_MAX + 2] = {0};
	int i;

	db_after_commit(d, count_call, &calls[0]);	/* none open: now */
	assert_int_equal(calls[0], 1);

	assert_int_equal(db_begin(d), WS_OK);
	assert_true(db_in_tx(d));
	db_after_commit(d, count_call, &calls[0]);
	db_after_commit(d, count_call, &calls[0]);
	db_after_commit(d, count_call, &calls[1]);
	assert_int_equal(calls[0], 1);			/* not before the commit */
	assert_int_equal(calls[1], 0);
	assert_int_equal(db_commit(d), WS_OK);
	assert_false(db_in_tx(d));
	assert_int_equal(calls[0], 2);			/* once each */
	assert_int_equal(calls[1], 1);

	assert_int_equal(db_begin(d), WS_OK);
	db_after_commit(d, count_call, &calls[0]);
	db_rollback(d);
	assert_int_equal(calls[0], 2);			/* rolled back: never */
	assert_int_equal(db_begin(d), WS_OK);
	assert_int_equal(db_commit(d), WS_OK);
	assert_int_equal(calls[0], 2);			/* and not by the next one */

	/* more than it keeps: the extra ones run at once, none is lost */
	memset(calls, 0, sizeof calls);
	assert_int_equal(db_begin(d), WS_OK);
	for (i = 0; i < DB_AFTER_COMMIT_MAX + 2; i++)
		db_after_commit(d, count_call, &calls[i]);
	assert_int_equal(calls[DB_AFTER_COMMIT_MAX], 1);
	assert_int_equal(calls[0], 0);
	assert_int_equal(db_commit(d), WS_OK);
	for (i = 0; i < DB_AFTER_COMMIT_MAX + 2; i++)
		assert_int_equal(calls[i], 1);

	/* given back with a transaction open: rolled back, forgotten */
	memset(calls, 0, sizeof calls);
	assert_int_equal(db_begin(d), WS_OK);
	db_after_commit(d, count_call, &calls[0]);
	db_release(f->pool, d);
	d = db_acquire(f->pool);
	assert_int_equal(db_begin(d), WS_OK);
	assert_int_equal(db_commit(d), WS_OK);
	assert_int_equal(calls[0], 0);
	db_release(f->pool, d);
}

/* A statement that fails inside a transaction: PostgreSQL then refuses the
 * rest and turns COMMIT into a rollback, SQLite undoes only that statement.
 * Either way db_commit must tell the truth, or a request would report a
 * change as saved (and mail as queued) that is gone. */
static void
test_commit_after_failure(void **state)
{
	FX(state);
	struct arena *a = arena_new();
	struct db *d = db_acquire(f->pool), *other = db_acquire(f->pool);
	enum ws_err rc;
	int woken = 0;

	assert_int_equal(add_user(d, email(f, a, "taken"), "Taken", NULL), WS_OK);
	assert_int_equal(db_begin(d), WS_OK);
	assert_int_equal(add_user(d, email(f, a, "first"), "First", NULL), WS_OK);
	db_after_commit(d, count_call, &woken);
	assert_int_equal(add_user(d, email(f, a, "taken"), "Again", NULL), WS_ECONFLICT);
	rc = db_commit(d);
	if (rc == WS_OK)
		assert_true(has_user(other, email(f, a, "first"), NULL, 0));
	else
		assert_false(has_user(other, email(f, a, "first"), NULL, 0));
	assert_int_equal(woken, rc == WS_OK);	/* wakes only for a real commit */
	if (f->pg)
		assert_int_not_equal(rc, WS_OK);
	/* the connection is usable afterwards either way */
	db_rollback(d);
	assert_int_equal(db_ping(d), WS_OK);
	assert_int_equal(add_user(d, email(f, a, "later"), "Later", NULL), WS_OK);
	db_release(f->pool, d);
	db_release(f->pool, other);
	arena_free(a);
}

/* ---- the writer lane ----------------------------------------------------- */

#define LANE_N 6

struct lane_run {
	struct fx *f;
	pthread_mutex_t mu;
	int64_t ids[LANE_N];	/* the user each writer inserted: ids grow in write order */
	int n;		/* writers done writing */
	int failed;
};

struct lane_arg {
	struct lane_run *run;
	struct db_pool *pool;
	int i;
};

/* Writer i: a transaction (even i) or a lone write (odd i) inserting a
 * user, whose id tells when it wrote. */
static void *
lane_writer(void *arg)
{
	struct lane_arg *la = arg;
	struct lane_run *run = la->run;
	struct db *d = db_acquire(la->pool);
	char addr[96];
	enum ws_err rc = WS_OK;

	snprintf(addr, sizeof addr, "lane-%d-%s@example.org", la->i, run->f->tag);
	if (la->i % 2 == 0 && (rc = db_begin(d)) != WS_OK)
		goto out;
	if ((rc = add_user(d, addr, "Lane", &run->ids[la->i])) != WS_OK)
		goto out;
	pthread_mutex_lock(&run->mu);
	run->n++;
	pthread_mutex_unlock(&run->mu);
	if (la->i % 2 == 0)
		rc = db_commit(d);
out:
	if (rc != WS_OK) {
		pthread_mutex_lock(&run->mu);
		run->failed++;
		pthread_mutex_unlock(&run->mu);
	}
	db_release(la->pool, d);
	return NULL;
}

/* Writers that wait take their turns in the order they came: while one
 * holds a write transaction, LANE_N more ask one after another (half of
 * them for a transaction, half with a single write) and are served first
 * come, first served -- SQLite's busy handler alone lets a late arrival
 * win while an early one sleeps, which starved a member's profile edits
 * behind a stream of join applications.  A thread that asks again for
 * the lane it holds (through a second connection) fails at once instead
 * of waiting for itself.  On PostgreSQL, which locks rows and needs no
 * lane, the same writers all get through. */
static void
test_writer_lane(void **state)
{
	FX(state);
	struct arena *a = arena_new();
	struct lane_run run = { .f = f, .n = 0 };
	struct lane_arg args[LANE_N];
	pthread_t th[LANE_N];
	struct db_pool *p;
	struct db_lane *lane;
	struct db *d, *d2;
	char err[256];
	double t0;
	int i, early;

	pthread_mutex_init(&run.mu, NULL);
	assert_int_equal(db_pool_open(f->url, LANE_N + 2, 0, &p, err, sizeof err), WS_OK);
	lane = db_pool_lane(p);
	if (f->pg)
		assert_null(lane);
	else
		assert_non_null(lane);
	d = db_acquire(p);
	assert_int_equal(db_begin(d), WS_OK);
	assert_int_equal(add_user(d, email(f, a, "holder"), "Holder", NULL), WS_OK);

	/* the holder asking again through another connection: refused at once */
	d2 = db_acquire(p);
	if (lane) {
		t0 = mono_now();
		assert_int_equal(db_begin(d2), WS_EDB);
		assert_int_equal(add_user(d2, email(f, a, "self"), "Self", NULL), WS_EDB);
		/* at once, not after the lane's wait (each of the two would take
		 * DB_LANE_WAIT_MS): a bound that holds on a busy machine */
		assert_true(mono_now() - t0 < DB_LANE_WAIT_MS / 1000.0);
	}
	assert_true(has_user(d2, email(f, a, "nobody-yet"), NULL, 0) == 0);	/* reads go on */
	db_release(p, d2);

	for (i = 0; i < LANE_N; i++) {
		args[i] = (struct lane_arg){ &run, p, i };
		assert_int_equal(pthread_create(&th[i], NULL, lane_writer, &args[i]), 0);
		if (!lane)
			continue;
		/* the next one starts only once this one waits in the lane */
		t0 = mono_now();
		while (db_lane_waiting(lane) < i + 1) {
			if (mono_now() - t0 > 120)	/* a hang, not a slow machine */
				fail_msg("writer %d never queued", i);
			sched_yield();
		}
	}
	pthread_mutex_lock(&run.mu);
	early = run.n;
	pthread_mutex_unlock(&run.mu);
	assert_int_equal(db_commit(d), WS_OK);
	for (i = 0; i < LANE_N; i++)
		pthread_join(th[i], NULL);
	if (lane)
		assert_int_equal(early, 0);	/* nobody wrote while the holder held it */
	assert_int_equal(run.failed, 0);
	assert_int_equal(run.n, LANE_N);
	if (lane)
		for (i = 1; i < LANE_N; i++)
			if (run.ids[i] < run.ids[i - 1])
				fail_msg("writer %d, who asked after writer %d, wrote before it", i,
				    i - 1);
	for (i = 0; i < LANE_N; i++) {
		char addr[96];

		snprintf(addr, sizeof addr, "lane-%d-%s@example.org", i, f->tag);
		assert_true(has_user(d, addr, NULL, 0));
	}
	assert_true(has_user(d, email(f, a, "holder"), NULL, 0));
	assert_false(has_user(d, email(f, a, "self"), NULL, 0));
	/* the lane is free again: a write goes through at once */
	assert_int_equal(add_user(d, email(f, a, "after"), "After", NULL), WS_OK);
	if (lane)
		assert_int_equal(db_lane_waiting(lane), 0);
	db_release(p, d);
	db_pool_free(p);
	pthread_mutex_destroy(&run.mu);
	arena_free(a);
}

/* ---- durability --------------------------------------------------------- */

/* The child: inserts users NAME-i one by one (odd ones in an explicit
 * transaction), writing "committed i" to fd after each returns.  Never
 * returns; killed by the parent. */
static void __attribute__((noreturn))
durability_child(const char *url, const char *tag, int fd)
{
	struct db_pool *p;
	struct db *d;
	char err[256], addr[128], line[64];
	int i;

	if (db_pool_open(url, 1, 0, &p, err, sizeof err) != WS_OK) {
		dprintf(fd, "error %s\n", err);
		_exit(1);
	}
	d = db_acquire(p);
	for (i = 0;; i++) {
		int n;

		snprintf(addr, sizeof addr, "k9-%d-%s@example.org", i, tag);
		if (i % 2 && db_begin(d) != WS_OK)
			_exit(1);
		if (add_user(d, addr, "Killed", NULL) != WS_OK)
			_exit(1);
		if (i % 2 && db_commit(d) != WS_OK)
			_exit(1);
		n = snprintf(line, sizeof line, "committed %d\n", i);
		if (write(fd, line, (size_t)n) != n)
			_exit(1);
	}
}

/* A write that returned survives the process being killed at once. */
static void
test_kill9(void **state)
{
	FX(state);
	struct arena *a = arena_new();
	struct db_pool *p2;
	struct db *d;
	char err[256], line[300];
	int fds[2], st, last = -1, i;
	FILE *in;
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		durability_child(f->url, f->tag, fds[1]);
	}
	close(fds[1]);
	in = fdopen(fds[0], "r");
	assert_non_null(in);
	while (last < 19 && fgets(line, sizeof line, in)) {
		if (sscanf(line, "committed %d", &i) != 1) {
			kill(pid, SIGKILL);
			fail_msg("child: %s", line);
		}
		last = i;
	}
	kill(pid, SIGKILL);			/* right after the 20th "committed" */
	fclose(in);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	assert_int_equal(last, 19);

	/* a fresh start finds every row the child was told was written */
	assert_int_equal(db_pool_open(f->url, 1, 1, &p2, err, sizeof err), WS_OK);
	d = db_acquire(p2);
	for (i = 0; i <= last; i++) {
		const char *addr = arena_printf(a, "k9-%d-%s@example.org", i, f->tag);

		if (!has_user(d, addr, NULL, 0))
			fail_msg("row %d was reported committed but is gone", i);
	}
	assert_int_equal(db_ping(d), WS_OK);
	assert_int_equal(add_user(d, email(f, a, "after-crash"), "A", NULL), WS_OK);
	db_release(p2, d);
	db_pool_free(p2);
	/* the old pool still works too */
	d = db_acquire(f->pool);
	assert_true(has_user(d, email(f, a, "after-crash"), NULL, 0));
	db_release(f->pool, d);
	arena_free(a);
}

/* ---- backup ------------------------------------------------------------- */

struct writer {
	struct db_pool *pool;
	atomic_int stop;
	atomic_int timed_out;
	atomic_int written;
	int failed;
};

/* Inserts users w-i one at a time until told to stop (or 20 s passed). */
static void *
writer_main(void *arg)
{
	struct writer *w = arg;
	struct db *d = db_acquire(w->pool);
	double t0 = mono_now();
	char addr[64];

	while (!atomic_load(&w->stop)) {
		if (mono_now() - t0 > 300) {	/* a backup that never ends */
			atomic_store(&w->timed_out, 1);
			break;
		}
		snprintf(addr, sizeof addr, "w-%d@example.org", atomic_load(&w->written));
		if (add_user(d, addr, "Writer", NULL) != WS_OK) {
			w->failed = 1;
			break;
		}
		atomic_fetch_add(&w->written, 1);
	}
	db_release(w->pool, d);
	return NULL;
}

/* Opens the copy at path as a WhatsOn database (every statement prepares)
 * and checks it holds users 1..n in order: the N bulk rows, then the
 * writer's rows, with no gap.  Returns n. */
static int64_t
check_copy(const char *path, int bulk, const char *bulk_name, int max_written)
{
	struct db_pool *bp;
	struct db *d;
	struct db_q *q;
	char url[PATH_MAX + 40], err[256] = "", want[64];
	int64_t n, i = 0;

	snprintf(url, sizeof url, "sqlite:%s", path);
	if (db_pool_open(url, 1, 0, &bp, err, sizeof err) != WS_OK)
		fail_msg("the backup does not open: %s", err);
	d = db_acquire(bp);
	n = user_count(d);
	assert_true(n >= bulk);
	assert_true(n <= bulk + max_written);
	q = db_start(d, ST_USER_LIST);
	db_bind_int(q, 1, n + 10);
	db_bind_int(q, 2, 0);
	while (db_step(q) == WS_OK) {
		assert_int_equal(db_col_int(q, 0), i + 1);
		if (i < bulk) {
			snprintf(want, sizeof want, "bk-%d@example.org", (int)i);
			assert_string_equal(db_col_text(q, 2), bulk_name);
		} else {
			snprintf(want, sizeof want, "w-%d@example.org", (int)(i - bulk));
		}
		assert_string_equal(db_col_text(q, 1), want);
		i++;
	}
	db_end(q);
	assert_int_equal(i, n);
	db_release(bp, d);
	db_pool_free(bp);
	return n;
}

/* A backup taken while the site keeps writing is a consistent copy with
 * every row written before it started. */
static void
test_backup(void **state)
{
	FX(state);
	enum { N = 3000 };
	struct arena *a = arena_new();
	struct db *d;
	struct writer w;
	pthread_t th;
	char path[PATH_MAX + 32], err[256] = "", name[600];
	int i, during, timed_out;
	int64_t n;
	enum ws_err rc;
	double t0;

	snprintf(path, sizeof path, "%s/backup.db", f->dir);
	d = db_acquire(f->pool);
	if (f->pg) {
		assert_int_equal(db_backup(d, path, err, sizeof err), WS_EINVAL);
		assert_non_null(strstr(err, "pg_dump"));
		db_release(f->pool, d);
		arena_free(a);
		return;
	}
	/* a few megabytes: more than one backup step */
	memset(name, 'n', sizeof name - 1);
	name[sizeof name - 1] = '\0';
	assert_int_equal(db_begin(d), WS_OK);
	for (i = 0; i < N; i++)
		assert_int_equal(add_user(d, arena_printf(a, "bk-%d@example.org", i), name, NULL),
		    WS_OK);
	assert_int_equal(db_commit(d), WS_OK);
	db_release(f->pool, d);

	memset(&w, 0, sizeof w);
	w.pool = f->pool;
	assert_int_equal(pthread_create(&th, NULL, writer_main, &w), 0);
	t0 = mono_now();
	while (atomic_load(&w.written) < 5 && mono_now() - t0 < 120)
		usleep(1000);
	d = db_acquire(f->pool);
	during = atomic_load(&w.written);
	rc = db_backup(d, path, err, sizeof err);
	during = atomic_load(&w.written) - during;
	timed_out = atomic_load(&w.timed_out);
	atomic_store(&w.stop, 1);
	pthread_join(th, NULL);
	db_release(f->pool, d);
	if (rc != WS_OK)
		fail_msg("db_backup: %s", err);
	assert_false(w.failed);
	/* the copy finished while the writer was still at work */
	assert_false(timed_out);
	printf("# %d rows written during the backup\n", during);
	n = check_copy(path, N, name, atomic_load(&w.written));
	assert_true(n >= N);

	/* again, quiet: the copy has exactly the rows of the source */
	d = db_acquire(f->pool);
	assert_int_equal(db_backup(d, path, err, sizeof err), WS_OK);
	n = user_count(d);
	db_release(f->pool, d);
	assert_int_equal(check_copy(path, N, name, atomic_load(&w.written)), n);
	assert_int_equal(n, N + atomic_load(&w.written));

	/* an unusable destination is an error, not a crash */
	d = db_acquire(f->pool);
	snprintf(path, sizeof path, "%s/no/such/dir/backup.db", f->dir);
	assert_int_not_equal(db_backup(d, path, err, sizeof err), WS_OK);
	db_release(f->pool, d);
	arena_free(a);
}

/* ---- result columns ----------------------------------------------------- */

/* Every statement returns as many columns as statements.h names for it
 * (db_stmt_cols), or one or none when it names none: code that reads a
 * column by a name that is not where the SQL puts it would read another. */
static void
test_stmt_columns(void **state)
{
	FX(state);
	struct db *d = db_acquire(f->pool);
	int i, n, bad = 0;

	for (i = 0; i < DB_STMT__MAX; i++) {
		n = db_stmt_columns(d, (enum db_stmt)i);
		if (db_stmt_cols[i] ? n != db_stmt_cols[i] : n < 0 || n > 1) {
			fprintf(stderr, "# %s: %d columns, %d named in statements.h\n",
			    db_stmt_texts[i].name, n, db_stmt_cols[i]);
			bad++;
		}
	}
	db_release(f->pool, d);
	assert_int_equal(bad, 0);
}

#define BOTH(name, fn) \
	{name "/sqlite", fn, setup, teardown, (void *)&on_sqlite}, \
	{name "/postgresql", fn, setup, teardown, (void *)&on_pg}

/*
 * Staff's message to an event's people (app/events/mail.c): its
 * recipients are fixed when it is sent (the confirmed; the waitlisted
 * only when asked), and each is claimed once: a second run of the job
 * finds them claimed and mails nobody again.
 */
static void
test_event_message_once(void **state)
{
	FX(state);
	struct arena *a = arena_new();
	struct db *d = db_acquire(f->pool);
	int64_t staff, p1, p2, ev, rid, mid, n, start = now_s() + 86400 * 30;
	json_t *vals, *uids;
	int claimed;

	assert_int_equal(add_user(d, email(f, a, "msg-staff"), "Staff", &staff), WS_OK);
	assert_int_equal(add_user(d, email(f, a, "msg-one"), "One", &p1), WS_OK);
	assert_int_equal(add_user(d, email(f, a, "msg-two"), "Two", &p2), WS_OK);
	vals = json_pack("{s:s,s:s,s:I,s:I,s:s,s:s,s:s,s:s,s:s}", "kind", "workshop", "title",
	    "Mailed", "start_at", (json_int_t)start, "end_at", (json_int_t)(start + 3600),
	    "timezone", "UTC", "start_month", "2030-01", "audience", "members", "visibility",
	    "public", "status", "published");
	assert_int_equal(ev_insert(d, vals, staff, &ev), WS_OK);
	json_decref(vals);
	vals = json_object();
	assert_int_equal(ev_reg_insert(d, ev, p1, 0, p1, "confirmed", vals, 0, &rid), WS_OK);
	assert_int_equal(ev_reg_insert(d, ev, p2, 0, p2, "waitlisted", vals, 1, &rid), WS_OK);
	json_decref(vals);

	assert_int_equal(ev_msg_insert(d, ev, staff, "Both", "Text", 1, &mid, &n), WS_OK);
	assert_int_equal(n, 2);
	assert_int_equal(ev_msg_insert(d, ev, staff, "Confirmed", "Text", 0, &mid, &n), WS_OK);
	assert_int_equal(n, 1);
	assert_int_equal(ev_msg_pending(d, mid, 10, &uids), WS_OK);
	assert_int_equal(json_array_size(uids), 1);
	assert_int_equal(json_integer_value(json_array_get(uids, 0)), p1);
	json_decref(uids);
	/* the first run claims them; a second (the job again, another node) none */
	assert_int_equal(ev_msg_claim(d, mid, p1, &claimed), WS_OK);
	assert_int_equal(claimed, 1);
	assert_int_equal(ev_msg_claim(d, mid, p1, &claimed), WS_OK);
	assert_int_equal(claimed, 0);
	assert_int_equal(ev_msg_claim(d, mid, p2, &claimed), WS_OK);
	assert_int_equal(claimed, 0);	/* not a recipient */
	assert_int_equal(ev_msg_pending(d, mid, 10, &uids), WS_OK);
	assert_int_equal(json_array_size(uids), 0);
	json_decref(uids);
	assert_int_equal(ev_msg_list(d, ev, 10, &uids), WS_OK);
	assert_int_equal(json_array_size(uids), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(uids, 0),
	    "subject")), "Confirmed");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(uids, 0), "mailed")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(uids, 1), "mailed")), 0);
	json_decref(uids);
	db_release(f->pool, d);
	arena_free(a);
}

int
main(void)
{
	static const struct CMUnitTest all[] = {
		BOTH("migrations are idempotent", test_migrate_idempotent),
		BOTH("nodes starting at once all migrate", test_migrate_concurrent),
		BOTH("migration 6 unlocks locked accounts", test_migrate_unlocks),
		BOTH("migration 8 fixes approved organizations' domains",
		    test_migrate_approved_domain),
		BOTH("stored duplicate keys are computed for rows stored before",
		    test_migrate_dupkeys),
		BOTH("migration 12 moves files from before chunks into chunks",
		    test_migrate_file_chunks),
		BOTH("migration 14 puts earlier audit rows in organizations' histories",
		    test_migrate_org_history),
		BOTH("migration 42 makes a delegate's address unique per organization",
		    test_migrate_nomination_address),
		BOTH("statements return the columns statements.h names", test_stmt_columns),
		BOTH("users insert and look up", test_users),
		BOTH("a second account with one email conflicts", test_unique_email),
		BOTH("NULL columns and bindings", test_nulls),
		BOTH("db_exec counts changed rows", test_changes),
		BOTH("tokens are single-use and expire", test_tokens),
		BOTH("a token used at once by several wins once", test_tokens_race),
		BOTH("transactions roll back and isolate", test_transactions),
		BOTH("after-commit calls wait for the commit", test_after_commit),
		BOTH("a commit after a failed statement tells the truth", test_commit_after_failure),
		BOTH("writers wait their turn in the order they came", test_writer_lane),
		BOTH("a returned write survives kill -9", test_kill9),
		BOTH("backup while writing", test_backup),
		BOTH("an event's message is claimed once per person", test_event_message_once),
	};
	struct CMUnitTest tests[sizeof all / sizeof all[0]];
	const char *pg = getenv("WHATSON_TEST_PG");
	size_t i, n = 0;

	log_set_quiet(1);
	if (sodium_init() < 0)
		return 1;
	/* Without a server the PostgreSQL variants are left out rather than
	 * skipped: cmocka prints a skip as "not ok ... # SKIP". */
	for (i = 0; i < sizeof all / sizeof all[0]; i++)
		if (all[i].initial_state != &on_pg || (pg && *pg))
			tests[n++] = all[i];
	if (n < sizeof all / sizeof all[0])
		printf("# WHATSON_TEST_PG is not set: PostgreSQL variants not run\n");
	return _cmocka_run_group_tests("db", tests, n, NULL, NULL);
}
