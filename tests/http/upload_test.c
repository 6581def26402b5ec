/*
 * upload_test.c -- uploads streamed into the file store as the body
 * arrives (docs/internals/files.md), with a limit per kind of upload.
 *
 * What a user notices: a body over its route's ceiling (the kind's limit,
 * --logo-max or --import-max, and the form's 1 MiB) is refused with 413
 * from its Content-Length before it is sent, or, sent chunked, once it
 * passes the ceiling; a logo over --logo-max but within the ceiling gets
 * the form again with its message and what was typed; a 15 MB import is
 * taken with the default limits and a 21 MB one is not; someone a route
 * refuses (signed out, or not staff for an import) is refused from the
 * header, before the body is sent.  And what an
 * operator notices: a file is in the database while it arrives (it is not
 * held in memory), records who sent it, and no file is left behind by a
 * refused request or, after a restart or an hour's sweep, by a node that
 * died mid-upload.
 *
 * The database is read directly (tests/lib/sqldirect.h) to count the files
 * of kind "upload".
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/sqldirect.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"
#define MB (1 << 20)

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *staff_api, *staff_web, *anon;
static char staff_tok[80];

/* ---- the database, directly ------------------------------------------ */

/* Files not yet claimed by a handler. */
static int64_t
uploads(void)
{
	return ts_sql_int("SELECT count(*) FROM files WHERE kind = 'upload'");
}

/* Waits up to 20 s for uploads() to reach want; its last value. */
static int64_t
uploads_become(int64_t want)
{
	int64_t until = ts_now_ms() + 20000, n;

	while ((n = uploads()) != want && ts_now_ms() < until)
		usleep(20 * 1000);
	return n;
}

/* ---- the tests ------------------------------------------------------- */

/*
 * A Content-Length over the route's ceiling is refused from the header:
 * the server answers 413 while the client has sent nothing of the body,
 * as an error page, or problem+json under /api.  Each kind has its own
 * ceiling: 3 MB is too much for a logo, not for an import.
 */
static void
test_413_from_content_length(void **state)
{
	static const char *const mp[] = {
		"Content-Type: multipart/form-data; boundary=XyZ", "Expect: 100-continue", NULL };
	const struct ts_res *r;
	char answer[4096];
	size_t sent = 1;
	int fd;

	(void)state;
	/* a raw client that sends the header and waits */
	fd = ts_connect(srv.port, NULL);
	assert_true(fd >= 0);
	assert_int_equal(ts_send_str(fd, "POST /join HTTP/1.1\r\nHost: localhost\r\n"
	    "Content-Type: multipart/form-data; boundary=XyZ\r\n"
	    "Content-Length: 3145728\r\n\r\n"), 0);
	ts_read_answer(fd, answer, sizeof answer, 10000);
	close(fd);
	if (strncmp(answer, "HTTP/1.1 413", 12) != 0)
		printf("# the answer: %.300s\n", answer);
	assert_int_equal(strncmp(answer, "HTTP/1.1 413", 12), 0);
	assert_non_null(strstr(answer, "text/html"));

	r = ts_upload(anon, "/join", mp, 3 * MB, 0, &sent);
	STATUS(r, 413);
	assert_int_equal(sent, 0);
	r = ts_upload(anon, "/api/v1/staff/organizations/import", mp, 22 * MB, 0, &sent);
	STATUS(r, 413);
	assert_non_null(strstr(ts_header(r, "Content-Type"), "application/problem+json"));
	assert_int_equal(sent, 0);
	/* the same 3 MB is within an import's ceiling: read when staff send it
	 * (and refused here as a stale form), refused from the header when
	 * someone the route refuses does: nothing of theirs is stored */
	r = ts_upload(staff_web, "/staff/organizations/import", mp, 3 * MB, 0, &sent);
	assert_true(r->status != 413);
	assert_int_equal(sent, 3 * MB);
	r = ts_upload(anon, "/staff/organizations/import", mp, 3 * MB, 0, &sent);
	STATUS(r, 401);
	assert_int_equal(sent, 0);
	r = ts_upload(anon, "/api/v1/applications/1", mp, MB / 2, 0, &sent);
	STATUS(r, 401);
	assert_non_null(strstr(ts_header(r, "Content-Type"), "application/problem+json"));
	assert_int_equal(sent, 0);
	/* a route that takes no upload keeps the form's 1 MiB */
	r = ts_upload(anon, "/signin", mp, MB + 1, 0, &sent);
	STATUS(r, 413);
	assert_int_equal(sent, 0);
	assert_int_equal(uploads(), 0);
}

/*
 * A chunked body, which says nothing of its length: the file is in the
 * database while it arrives, and once the body passes the ceiling, the
 * file is deleted and the answer is 413.
 */
static void
test_413_chunked(void **state)
{
	static const char head[] =
	    "--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nChunky\r\n"
	    "--XyZ\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"big.png\"\r\n"
	    "Content-Type: image/png\r\n\r\n";
	char *block = malloc(64 * 1024), answer[4096];
	int fd, i;

	(void)state;
	memset(block, 'p', 64 * 1024);
	assert_int_equal(uploads(), 0);
	fd = ts_connect(srv.port, NULL);
	assert_true(fd >= 0);
	assert_int_equal(ts_send_str(fd, "POST /join HTTP/1.1\r\nHost: localhost\r\n"
	    "Content-Type: multipart/form-data; boundary=XyZ\r\n"
	    "Transfer-Encoding: chunked\r\n\r\n"), 0);
	assert_int_equal(ts_send_chunk(fd, head, sizeof head - 1), 0);
	for (i = 0; i < 16; i++)	/* 1 MiB of the logo */
		assert_int_equal(ts_send_chunk(fd, block, 64 * 1024), 0);
	/* stored as it arrives: a file of kind "upload" exists already */
	assert_int_equal(uploads_become(1), 1);
	for (i = 0; i < 24; i++)	/* 1.5 MiB more: past 1 MB + 1 MiB */
		assert_int_equal(ts_send_chunk(fd, block, 64 * 1024), 0);
	assert_int_equal(ts_send_str(fd, "0\r\n\r\n"), 0);
	ts_read_answer(fd, answer, sizeof answer, 20000);
	close(fd);
	if (strncmp(answer, "HTTP/1.1 413", 12) != 0)
		printf("# the answer: %.300s\n", answer);
	assert_int_equal(strncmp(answer, "HTTP/1.1 413", 12), 0);
	assert_int_equal(uploads_become(0), 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM files"), ts_sql_int("SELECT count(*) FROM "
	    "files WHERE kind <> 'upload'"));
	free(block);
}

/* A join form's fields with a logo part. */
static const struct ts_res *
join(struct ts_browser *b, const char *email, const char *logo, size_t len)
{
	struct ts_part p[] = {
		{ "name", "Saffron Delta Watch", 0, NULL, NULL },
		{ "kind", "ngo", 0, NULL, NULL },
		{ "country", "BD", 0, NULL, NULL },
		{ "description", "Saffron Delta Watch documents illegal sand mining.", 0, NULL,
		    NULL },
		{ "themes", "corruption", 0, NULL, NULL },
		{ "contact_name", "Rumi Saffron", 0, NULL, NULL },
		{ "contact_email", email, 0, NULL, NULL },
		{ "consent", "1", 0, NULL, NULL },
		{ "password", PW, 0, NULL, NULL },
		{ "logo", logo, len, "logo.png", "image/png" },
	};

	return ts_multipart(b, "/join", 1, p, sizeof p / sizeof p[0]);
}

/* The start of a PNG: what the logo's type is sniffed from. */
static char *
png_of(size_t len)
{
	static const unsigned char sig[] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R',
		0, 0, 0, 16, 0, 0, 0, 16, 8, 2, 0, 0, 0, 0x90, 0x91, 0x68, 0x36 };
	char *p = malloc(len);
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = (char)(i * 2654435761u >> 13);
	memcpy(p, sig, sizeof sig);
	return p;
}

/*
 * A logo over --logo-max within the ceiling: the form again, with the
 * message and what was typed; a form refused for another field keeps no
 * file either.  None of them leaves a file behind.
 */
static void
test_logo_refusals_leave_nothing(void **state)
{
	struct ts_browser *b = ts_browser_new(&srv, NULL);
	const struct ts_res *r;
	size_t big = MB + 300 * 1024;
	char *png = png_of(big);
	int64_t files = ts_sql_int("SELECT count(*) FROM files");

	(void)state;
	r = join(b, "rumi@saffrondelta.example", png, big);
	STATUS(r, 422);
	HAS(r, "id=\"e-logo\">The logo must be at most 1 MB.</p>");
	HAS(r, "value=\"Saffron Delta Watch\"");
	HAS(r, "value=\"rumi@saffrondelta.example\"");
	/* a valid logo with a bad field */
	r = join(b, "not-an-address", png, 4000);
	STATUS(r, 422);
	HAS(r, "id=\"e-contact_email\"");
	HAS(r, "value=\"Saffron Delta Watch\"");
	assert_int_equal(uploads_become(0), 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM files"), files);
	free(png);
	ts_browser_free(b);
}

/*
 * A file records who sent it: a signed-in member's logo has their id, a
 * visitor's (a join form that makes the account) none.
 */
static void
test_upload_records_sender(void **state)
{
	struct ts_browser *b = ts_browser_new(&srv, "127.0.0.61");
	int64_t mia = ts_user_add(db_url, "mia.member@upload.test", "Mia Member", "member", PW);
	char *png = png_of(4000);
	const struct ts_res *r;

	(void)state;
	assert_true(mia > 0);
	assert_int_equal(ts_signin(b, "mia.member@upload.test", PW), 303);
	r = join(b, "mia.member@upload.test", png, 4000);
	STATUS(r, 200);
	assert_int_equal(ts_sql_int("SELECT coalesce(user_id, 0) FROM files WHERE kind = 'logo'"
	    " ORDER BY id DESC LIMIT 1"), mia);
	ts_browser_free(b);

	b = ts_browser_new(&srv, "127.0.0.62");
	r = join(b, "vic.visitor@upload.test", png, 4000);
	STATUS(r, 200);
	assert_int_equal(ts_sql_int("SELECT coalesce(user_id, 0) FROM files WHERE kind = 'logo'"
	    " ORDER BY id DESC LIMIT 1"), 0);
	assert_int_equal(uploads_become(0), 0);
	free(png);
	ts_browser_free(b);
}

/* The CSV import over the API: 15 MB is taken (its file kept as the
 * import's, byte for byte), 21 MB is refused. */
static void
test_import_sizes(void **state)
{
	static const char pre[] =
	    "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n"
	    "Content-Type: text/csv\r\n\r\n";
	static const char post[] = "\r\n--XyZ--\r\n";
	static const char *const mp[] = {
		"Content-Type: multipart/form-data; boundary=XyZ", "Expect: 100-continue", NULL };
	size_t csv = 15 * 1000 * 1000, n = sizeof pre - 1 + csv + sizeof post - 1, i;
	char *body = malloc(n), auth[128];
	const char *headers[] = { "Content-Type: multipart/form-data; boundary=XyZ", auth, NULL };
	const struct ts_res *r;
	size_t sent = 1;

	(void)state;
	/* the import page says the default limit */
	r = ts_get(staff_web, "/staff/organizations/import");
	STATUS(r, 200);
	HAS(r, "at most 20 MB.");
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", staff_tok);
	memcpy(body, pre, sizeof pre - 1);
	/* an unknown column: the job refuses it at once, the file is kept */
	memcpy(body + sizeof pre - 1, "nickname\n", 9);
	for (i = sizeof pre - 1 + 9; i < sizeof pre - 1 + csv; i++)
		body[i] = (i % 40 == 39) ? '\n' : 'x';
	memcpy(body + sizeof pre - 1 + csv, post, sizeof post - 1);
	r = ts_req(staff_api, "POST", "/api/v1/staff/organizations/import", headers, body, n);
	STATUS(r, 202);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM files WHERE kind = 'import' AND size = %zu"
	    " AND chunked = 1", csv), 1);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM file_chunks c JOIN files f ON"
	    " f.id = c.file_id WHERE f.kind = 'import' AND f.size = %zu", csv),
	    (int64_t)((csv + 256 * 1024 - 1) / (256 * 1024)));
	assert_int_equal(uploads_become(0), 0);
	free(body);
	/* a 21 MB file and its part's header: over 20 MB and the form's 1 MiB */
	r = ts_upload(staff_api, "/api/v1/staff/organizations/import", mp, 21 * MB + 200, 0,
	    &sent);
	STATUS(r, 413);
	assert_int_equal(sent, 0);
}

/*
 * Uploads a node left when it died mid-request (kind "upload", older than
 * a day) are deleted when the server starts; a recent one (a request in
 * progress on another node) is not.
 */
static void
test_sweep_at_start(void **state)
{
	long long now = (long long)time(NULL);

	(void)state;
	ts_sql_int("INSERT INTO files (kind, type, size, sha256, data, created_at, name, chunked)"
	    " VALUES ('upload', 'text/csv', 0, '', '', %lld, 'left-old', 1)", now - 2 * 86400);
	ts_sql_int("INSERT INTO files (kind, type, size, sha256, data, created_at, name, chunked)"
	    " VALUES ('upload', 'text/csv', 0, '', '', %lld, 'left-new', 1)", now - 60);
	assert_int_equal(uploads(), 2);
	assert_int_equal(ts_server_stop(&srv), 0);
	assert_int_equal(ts_server_start(&srv, db_url, &sink, NULL), 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM files WHERE name = 'left-old'"), 0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM files WHERE name = 'left-new'"), 1);
	ts_sql_int("DELETE FROM files WHERE name = 'left-new'");
}

/* Waits up to 20 s for sql's count to reach want; its last value. */
static int64_t
count_becomes(int64_t want, const char *sql)
{
	int64_t until = ts_now_ms() + 20000, n;

	while ((n = ts_sql_int("%s", sql)) != want && ts_now_ms() < until)
		usleep(20 * 1000);
	return n;
}

/*
 * The sweep is a job that recurs every hour, not only a start's: a day
 * and an hour later (the server's clock moved), an upload no handler
 * claimed is gone without a restart; a claimed file of the same age stays,
 * and the next sweep is queued.
 */
static void
test_sweep_job(void **state)
{
	long long now = (long long)time(NULL);

	(void)state;
	ts_sql_int("INSERT INTO files (kind, type, size, sha256, data, created_at, name, chunked)"
	    " VALUES ('upload', 'text/csv', 0, '', '', %lld, 'job-left', 1)", now - 60);
	ts_sql_int("INSERT INTO files (kind, type, size, sha256, data, created_at, name, chunked)"
	    " VALUES ('import', 'text/csv', 0, '', '', %lld, 'job-kept', 1)", now - 60);
	assert_int_equal(ts_clock_advance(anon, 24 * 3600 + 3600 + 60), 200);
	assert_int_equal(count_becomes(0, "SELECT count(*) FROM files WHERE name = 'job-left'"),
	    0);
	assert_int_equal(ts_sql_int("SELECT count(*) FROM files WHERE name = 'job-kept'"), 1);
	assert_int_equal(count_becomes(1, "SELECT count(*) FROM jobs WHERE kind = "
	    "'sweep_uploads' AND status = 'queued'"), 1);
	assert_true(ts_sql_int("SELECT count(*) FROM jobs WHERE kind = 'sweep_uploads' AND "
	    "status = 'done'") >= 1);
}

static const char *
token_for(const char *email)
{
	struct ts_browser *b = ts_browser_new(&srv, NULL);
	const struct ts_res *r;
	json_t *j;
	char body[256];

	snprintf(body, sizeof body, "{\"email\":\"%s\",\"password\":\"%s\"}", email, PW);
	r = ts_api(b, "POST", "/api/v1/session", NULL, body);
	if (r->status != 201) {
		ts_browser_free(b);
		return NULL;
	}
	j = ts_json(r);
	snprintf(staff_tok, sizeof staff_tok, "%s", json_string_value(json_object_get(j,
	    "token")));
	json_decref(j);
	ts_browser_free(b);
	return staff_tok;
}

static int
setup(void **state)
{
	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	if (ts_user_add(db_url, "ula.staff@upload.test", "Ula Staff", "staff", PW) <= 0)
		return -1;
	staff_api = ts_browser_new(&srv, NULL);
	staff_web = ts_browser_new(&srv, NULL);
	anon = ts_browser_new(&srv, NULL);
	if (!token_for("ula.staff@upload.test") ||
	    ts_signin(staff_web, "ula.staff@upload.test", PW) != 303)
		return -1;
	ts_db_open(db_url);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ts_db_close();
	ts_browser_free(staff_api);
	ts_browser_free(staff_web);
	ts_browser_free(anon);
	ts_sink_stop(&sink);
	return ts_server_stop(&srv) == 0 ? 0 : -1;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_413_from_content_length),
		cmocka_unit_test(test_413_chunked),
		cmocka_unit_test(test_logo_refusals_leave_nothing),
		cmocka_unit_test(test_upload_records_sender),
		cmocka_unit_test(test_import_sizes),
		cmocka_unit_test(test_sweep_at_start),	/* restarts the server */
		cmocka_unit_test(test_sweep_job),	/* moves the clock: last */
	};

	return cmocka_run_group_tests_name("upload", tests, setup, teardown);
}
