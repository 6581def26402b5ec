/*
 * files_test.c -- downloads streamed from the file store, as browsers and
 * download managers meet them: an import's uploaded CSV of several chunks
 * (staff, /staff/organizations/import/{job}/file) and an organization's
 * logo (/organizations/{id}/logo).
 *
 * What a user notices: the file comes back byte for byte; a cached copy is
 * revalidated (304); a resumed or partial download gets exactly the bytes
 * it asked for, across the store's 256 KiB chunks, and a range past the
 * end is refused (416); a resume against a file that changed gets the
 * whole file; HEAD tells the size without the body; the file keeps its
 * name, accents and quotes included; only staff get an import's file.
 *
 * The database is $WHATSON_TEST_DB (tests/http/run.t: SQLite, PostgreSQL).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"
#define CHUNK (256 * 1024)	/* the file store's chunk (files.h FILE_CHUNK) */

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *staff, *member, *anon;

static char *csv;		/* the uploaded file */
static size_t csv_len;
static char file_path[160];	/* where it is downloaded */
static char job_path[160];	/* the import's page */

/* Its name: quotes, a backslash and accented letters. */
static const char csv_name[] = "Liste 'Été' a\\b.csv";

#define HEADER_IS(r, name, want) do { \
	const char *h_ = ts_header((r), (name)); \
	if (!h_ || strcmp(h_, (want)) != 0) \
		printf("# %s: %s, want %s\n", (name), h_ ? h_ : "(none)", (want)); \
	assert_non_null(h_); \
	assert_string_equal(h_, (want)); \
} while (0)

/* A GET of path by b with one extra header line (NULL: none). */
static const struct ts_res *
get_with(struct ts_browser *b, const char *path, const char *h1, const char *h2)
{
	const char *h[3] = { h1, h2, NULL };

	if (!h1)
		h[0] = h2, h[1] = NULL;
	return ts_req(b, "GET", path, h, NULL, 0);
}

/* Asserts r is the 206 answer for bytes [from, to] of the CSV. */
static void
is_range(const struct ts_res *r, size_t from, size_t to)
{
	char want[80];

	STATUS(r, 206);
	snprintf(want, sizeof want, "bytes %zu-%zu/%zu", from, to, csv_len);
	HEADER_IS(r, "Content-Range", want);
	assert_int_equal(r->len, to - from + 1);
	assert_memory_equal(r->body, csv + from, to - from + 1);
}

/* ---- an import's file --------------------------------------------------- */

/* Uploads a CSV of about 700 KB (three chunks) through the import form;
 * its header names a column the import does not know, so the job refuses
 * it at once and the test waits for nothing but that. */
static void
test_upload(void **state)
{
	struct ts_part part = { "file", NULL, 0, csv_name, "text/csv" };
	const struct ts_res *r;
	const char *loc;
	size_t cap = 720 * 1000, i;
	int64_t until = ts_now_ms() + 60000;

	(void)state;
	csv = malloc(cap);
	assert_non_null(csv);
	csv_len = (size_t)snprintf(csv, cap, "name,kind,country,not_a_column\n");
	for (i = 0; csv_len < 700 * 1000; i++)
		csv_len += (size_t)snprintf(csv + csv_len, cap - csv_len,
		    "Société %zu de l'Été,ngo,KE,%zu\n", i, i * 7919);
	part.data = csv;
	part.len = csv_len;
	assert_true(csv_len > 2 * CHUNK);
	r = ts_multipart(staff, "/staff/organizations/import", 1, &part, 1);
	STATUS(r, 303);
	loc = ts_header(r, "Location");
	assert_non_null(loc);
	snprintf(job_path, sizeof job_path, "%s", loc);
	snprintf(file_path, sizeof file_path, "%s/file", loc);
	while (ts_now_ms() < until) {	/* the page refreshes itself until the job ends */
		r = ts_get(staff, job_path);
		STATUS(r, 200);
		if (!ts_has(r, "http-equiv=\"refresh\""))
			break;
		usleep(100 * 1000);
	}
	assert_false(ts_has(r, "http-equiv=\"refresh\""));
	/* the page links the file, in the reader's language too */
	{
		char href[300];
		const char *p;
		size_t k = (size_t)snprintf(href, sizeof href, "href=\"");

		for (p = file_path; *p; p++)	/* as the page escapes it */
			k += (size_t)snprintf(href + k, sizeof href - k, *p == '/' ? "&#x2F;" : "%c",
			    *p);
		snprintf(href + k, sizeof href - k, "\"");
		if (!ts_has(r, href))
			printf("# no link to %s: %.1500s\n", file_path, r->body);
		assert_true(ts_has(r, href));
		assert_true(ts_has(r, "Download the uploaded file"));
		r = get_with(staff, job_path, "Accept-Language: fr", NULL);
		STATUS(r, 200);
		assert_true(ts_has(r, "Télécharger le fichier envoyé"));
	}
}

/* The whole file, byte for byte, with its type, name and headers. */
static void
test_whole(void **state)
{
	const struct ts_res *r;
	char len[32];

	(void)state;
	r = ts_get(staff, file_path);
	STATUS(r, 200);
	assert_int_equal(r->len, csv_len);
	assert_memory_equal(r->body, csv, csv_len);
	HEADER_IS(r, "Content-Type", "text/csv");
	HEADER_IS(r, "Accept-Ranges", "bytes");
	HEADER_IS(r, "X-Content-Type-Options", "nosniff");
	HEADER_IS(r, "Content-Disposition", "attachment; filename=\"Liste '_t_' a_b.csv\"; "
	    "filename*=UTF-8''Liste%20%27%C3%89t%C3%A9%27%20a%5Cb.csv");
	HEADER_IS(r, "Cache-Control", "private, no-store");
	snprintf(len, sizeof len, "%zu", csv_len);
	HEADER_IS(r, "Content-Length", len);
	assert_non_null(ts_header(r, "Content-Security-Policy"));
	assert_non_null(ts_header(r, "X-Request-Id"));
	assert_non_null(ts_header(r, "ETag"));
}

/* A copy in the cache is revalidated by its ETag. */
static void
test_etag(void **state)
{
	const struct ts_res *r;
	char etag[100], inm[160];

	(void)state;
	r = ts_get(staff, file_path);
	STATUS(r, 200);
	snprintf(etag, sizeof etag, "%s", ts_header(r, "ETag"));
	assert_true(etag[0] == '"' && strlen(etag) > 2);
	snprintf(inm, sizeof inm, "If-None-Match: %s", etag);
	r = get_with(staff, file_path, inm, NULL);
	STATUS(r, 304);
	assert_int_equal(r->len, 0);
	HEADER_IS(r, "ETag", etag);
	snprintf(inm, sizeof inm, "If-None-Match: \"other\", W/%s", etag);	/* in a list */
	STATUS(get_with(staff, file_path, inm, NULL), 304);
	r = get_with(staff, file_path, "If-None-Match: \"other\"", NULL);
	STATUS(r, 200);
	assert_int_equal(r->len, csv_len);
}

/* Ranges: the first bytes, across a chunk's end, the last bytes, from an
 * offset to the end, and past the end. */
static void
test_ranges(void **state)
{
	const struct ts_res *r;
	char h[80], want[80];

	(void)state;
	is_range(get_with(staff, file_path, "Range: bytes=0-99", NULL), 0, 99);
	is_range(get_with(staff, file_path, "Range: bytes=262100-262200", NULL), 262100, 262200);
	is_range(get_with(staff, file_path, "Range: bytes=-10", NULL), csv_len - 10, csv_len - 1);
	is_range(get_with(staff, file_path, "Range: bytes=300000-", NULL), 300000, csv_len - 1);
	/* the second chunk, exactly, and a range longer than the file */
	is_range(get_with(staff, file_path, "Range: bytes=262144-524287", NULL), CHUNK,
	    2 * CHUNK - 1);
	snprintf(h, sizeof h, "Range: bytes=%zu-%zu", csv_len - 3, csv_len + 1000);
	is_range(get_with(staff, file_path, h, NULL), csv_len - 3, csv_len - 1);
	/* nothing there */
	snprintf(h, sizeof h, "Range: bytes=%zu-", csv_len);
	r = get_with(staff, file_path, h, NULL);
	STATUS(r, 416);
	snprintf(want, sizeof want, "bytes */%zu", csv_len);
	HEADER_IS(r, "Content-Range", want);
	assert_int_equal(r->len, 0);
	/* several ranges, or one the server cannot read: the whole file */
	r = get_with(staff, file_path, "Range: bytes=0-1,5-9", NULL);
	STATUS(r, 200);
	assert_int_equal(r->len, csv_len);
	r = get_with(staff, file_path, "Range: bytes=9-1", NULL);
	STATUS(r, 200);
	assert_int_equal(r->len, csv_len);
}

/* A resume checks that the file is still the one it began with. */
static void
test_if_range(void **state)
{
	const struct ts_res *r;
	char etag[100], ifr[160];

	(void)state;
	r = ts_get(staff, file_path);
	snprintf(etag, sizeof etag, "%s", ts_header(r, "ETag"));
	snprintf(ifr, sizeof ifr, "If-Range: %s", etag);
	is_range(get_with(staff, file_path, "Range: bytes=100-199", ifr), 100, 199);
	r = get_with(staff, file_path, "Range: bytes=100-199", "If-Range: \"changed\"");
	STATUS(r, 200);
	assert_int_equal(r->len, csv_len);
	assert_memory_equal(r->body, csv, csv_len);
	r = get_with(staff, file_path, "Range: bytes=100-199",
	    "If-Range: Sat, 05 Dec 2026 10:00:00 GMT");	/* a date: the whole file */
	STATUS(r, 200);
	assert_int_equal(r->len, csv_len);
}

/* HEAD: the headers of the GET, without the body. */
static void
test_head(void **state)
{
	const struct ts_res *r;
	char len[32];

	(void)state;
	r = ts_req(staff, "HEAD", file_path, NULL, NULL, 0);
	STATUS(r, 200);
	snprintf(len, sizeof len, "%zu", csv_len);
	HEADER_IS(r, "Content-Length", len);
	HEADER_IS(r, "Content-Type", "text/csv");
	assert_non_null(ts_header(r, "ETag"));
	assert_int_equal(r->len, 0);
	r = ts_req(staff, "HEAD", file_path, (const char *const[]){ "Range: bytes=0-9", NULL },
	    NULL, 0);
	STATUS(r, 206);
	HEADER_IS(r, "Content-Length", "10");
	assert_int_equal(r->len, 0);
}

/* Only staff: a member is refused, a visitor asked to sign in, and a job
 * that is no import has no file. */
static void
test_staff_only(void **state)
{
	const struct ts_res *r;
	char want[200];

	(void)state;
	STATUS(ts_get(member, file_path), 403);
	r = ts_get(anon, file_path);
	STATUS(r, 303);
	snprintf(want, sizeof want, "/signin?next=%s", file_path);
	HEADER_IS(r, "Location", want);
	STATUS(ts_get(staff, "/staff/organizations/import/999999/file"), 404);
	STATUS(ts_get(staff, "/staff/organizations/import/abc/file"), 404);
}

/* ---- a logo ------------------------------------------------------------ */

/* A 1x1 PNG. */
static const unsigned char png[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48,
	0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00,
	0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78,
	0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00,
	0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

/* `whatson import orgs` of one organization; its id. */
static int64_t
org_made(void)
{
	char path[512], out[4096];
	const char *line;
	FILE *f;

	snprintf(path, sizeof path, "%s/logo-org.csv", ts_tmpdir());
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "name,kind,country,description,themes,contact_name,contact_email\n"
	    "Logo Keepers,ngo,KE,Logo Keepers keep logos.,corruption,Contact,lk@logo.example\n");
	fclose(f);
	assert_int_equal(ts_whatson(NULL, out, sizeof out, "import", "orgs", path, "--db",
	    db_url, (char *)NULL), 0);
	line = strstr(out, "created ");
	assert_non_null(line);
	return strtoll(line + 8, NULL, 10);
}

/* A logo staff put on a profile comes back as sent, with its type and
 * the headers that keep it an image. */
static void
test_logo(void **state)
{
	struct ts_part part = { "logo", (const char *)png, sizeof png, "l.png", "image/png" };
	const struct ts_res *r;
	char path[120], etag[100], inm[160];
	int64_t id = org_made();

	(void)state;
	assert_true(id > 0);
	snprintf(path, sizeof path, "/organizations/%lld/edit", (long long)id);
	STATUS(ts_get(staff, path), 200);	/* the form, for its token */
	r = ts_multipart(staff, path, 1, &part, 1);
	if (r->status != 303)
		printf("# edit: %ld %.1500s\n", r->status, r->body);
	STATUS(r, 303);
	snprintf(path, sizeof path, "/organizations/%lld/logo", (long long)id);
	r = ts_get(staff, path);
	STATUS(r, 200);
	assert_int_equal(r->len, sizeof png);
	assert_memory_equal(r->body, png, sizeof png);
	HEADER_IS(r, "Content-Type", "image/png");
	HEADER_IS(r, "Cache-Control", "private, max-age=3600");
	HEADER_IS(r, "Content-Disposition", "inline; filename=\"logo\"; filename*=UTF-8''logo");
	HEADER_IS(r, "X-Content-Type-Options", "nosniff");
	assert_non_null(strstr(ts_header(r, "Content-Security-Policy") ?
	    ts_header(r, "Content-Security-Policy") : "", "sandbox"));
	snprintf(etag, sizeof etag, "%s", ts_header(r, "ETag"));
	snprintf(inm, sizeof inm, "If-None-Match: %s", etag);
	STATUS(get_with(staff, path, inm, NULL), 304);
	r = get_with(staff, path, "Range: bytes=0-7", NULL);
	STATUS(r, 206);
	assert_int_equal(r->len, 8);
	assert_memory_equal(r->body, png, 8);
}

static int
setup(void **state)
{
	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, NULL) != 0)
		return -1;
	if (ts_user_add(db_url, "sam.staff@files.test", "Sam Staff", "staff", PW) <= 0 ||
	    ts_user_add(db_url, "mo.member@files.test", "Mo Member", "member", PW) <= 0)
		return -1;
	staff = ts_browser_new(&srv, NULL);
	member = ts_browser_new(&srv, NULL);
	anon = ts_browser_new(&srv, NULL);
	if (ts_signin(staff, "sam.staff@files.test", PW) != 303 ||
	    ts_signin(member, "mo.member@files.test", PW) != 303)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ts_browser_free(staff);
	ts_browser_free(member);
	ts_browser_free(anon);
	free(csv);
	if (ts_server_stop(&srv) != 0)
		return -1;
	ts_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_upload),
		cmocka_unit_test(test_whole),
		cmocka_unit_test(test_etag),
		cmocka_unit_test(test_ranges),
		cmocka_unit_test(test_if_range),
		cmocka_unit_test(test_head),
		cmocka_unit_test(test_staff_only),
		cmocka_unit_test(test_logo),
	};

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (getenv("WHATSON_TEST_ONLY"))
		cmocka_set_test_filter(getenv("WHATSON_TEST_ONLY"));
	return cmocka_run_group_tests_name("files", tests, setup, teardown);
}
