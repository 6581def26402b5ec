/*
 * resources_input_test.c -- what a person is told when a file they send to
 * the knowledge-resources library (issue 13) is refused for its name, and
 * that the words of an Arabic document are found.
 *
 * A name with control characters (a C0 control, which the HTTP layer never
 * passes on as such; a tab; a C1 control) is refused with a 422 whose
 * message says the name has control characters; one with a slash or a
 * backslash, that it has a path separator; "." and "..", that a file needs
 * a name.  Each time nothing is half-stored: no resource, no text job, and
 * the same file under a good name is then file 1 of a new resource.  Last,
 * an Arabic PDF made by src/extract/pdfgen.c (whose text pdftotext returns
 * with bidi marks around the right-to-left runs) is found by its Arabic
 * words once its text job has run, a word beside a number too.  And staff
 * list those text jobs by status, each status exactly; and --resource-max
 * counts MB of 10^6 bytes, as its 413 says.
 *
 * The database is $WHATSON_TEST_DB (tests/http/run.t runs this program on
 * SQLite and on PostgreSQL), fresh.
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

#include "extract/pdfgen.h"
#include "lib/api.h"
#include "lib/people.h"
#include "lib/testsrv.h"

#define PW "plum tree orbit sixty"

static struct ts_sink sink;
static struct ts_server srv;
static const char *db_url;
static struct ts_browser *plain;
static char staff_tok[129];

#define FIELD(name, value) { (name), (value), 0, NULL, NULL }

/* The "total" of GET path as staff. */
static int64_t
total_of(const char *path)
{
	return ta_total(path, staff_tok);
}

/* What staff can see is stored: resources, and text jobs waiting or done
 * (the text jobs only: the server's periodic jobs come and go on their
 * own time). */
struct stored {
	int64_t resources, jobs;
};

static struct stored
stored(void)
{
	const struct ts_res *r;
	struct stored s;
	json_t *j, *job;
	size_t i;

	s.resources = total_of("/api/v1/resources?per_page=1");
	r = ta_api("GET", "/api/v1/staff/jobs?per_page=200", staff_tok, NULL);
	STATUS(r, 200);
	j = ts_jbody(r);
	assert_true(json_integer_value(json_object_get(j, "total")) < 200);
	s.jobs = 0;
	json_array_foreach(json_object_get(j, "items"), i, job)
		s.jobs += strcmp(json_string_value(json_object_get(job, "kind")), "resource_text") ==
		    0;
	json_decref(j);
	return s;
}

/* Staff send a text file named name: 422 for the "file" field, its message
 * holding words, and nothing stored. */
static void
name_refused(const char *name, const char *words)
{
	const struct ts_part parts[] = {
		FIELD("title", "Named badly"), FIELD("kind", "guide"),
		{ "file", "Words of a guide.", 0, name, "text/plain" },
	};
	struct stored before = stored(), after;
	const struct ts_res *r = ts_multipart_api(plain, "POST", "/api/v1/resources", staff_tok,
	    parts, 3);
	json_t *j;
	const char *msg;

	STATUS(r, 422);
	assert_non_null(strstr(ts_header(r, "Content-Type"), "application/problem+json"));
	j = ts_jbody(r);
	msg = json_string_value(json_object_get(json_object_get(j, "errors"), "file"));
	if (!msg || !strstr(msg, words))
		fail_msg("for the name \"%s\": \"%s\", wanted it to say \"%s\"", name,
		    msg ? msg : "(no message)", words);
	json_decref(j);
	after = stored();
	assert_int_equal(after.resources, before.resources);
	assert_int_equal(after.jobs, before.jobs);
}

/* The id of the resource r made, and its first file's number. */
static int64_t
made(const struct ts_res *r)
{
	json_t *j = ts_jbody(r);
	int64_t id = json_integer_value(json_object_get(j, "id"));

	assert_int_equal(json_integer_value(json_object_get(json_array_get(json_object_get(j,
	    "files"), 0), "n")), 1);
	json_decref(j);
	assert_true(id > 0);
	return id;
}

static void
test_control_characters(void **state)
{
	const struct ts_part good[] = {
		FIELD("title", "Named well"), FIELD("kind", "guide"),
		{ "file", "Words of a guide.", 0, "guide.txt", "text/plain" },
	};
	struct stored before;

	(void)state;
	name_refused("bad\x01name.txt", "control characters");
	name_refused("bad\x1bname.txt", "control characters");
	name_refused("tab\tname.txt", "control characters");
	name_refused("del\x7fname.txt", "control characters");
	name_refused("c1\xc2\x85name.txt", "control characters");
	/* not UTF-8 says so, not "control characters" */
	name_refused("latin\xe9.txt", "not UTF-8");
	/* the same file under a good name: one new resource, its file 1, one job */
	before = stored();
	made(ts_multipart_api(plain, "POST", "/api/v1/resources", staff_tok, good, 3));
	assert_int_equal(stored().resources, before.resources + 1);
	assert_int_equal(stored().jobs, before.jobs + 1);
}

static void
test_path_separators(void **state)
{
	(void)state;
	name_refused("../../etc/notes.txt", "path separator");
	name_refused("../../etc/notes.txt", "../../etc/notes.txt");	/* named */
	name_refused("..\\windows\\notes.txt", "path separator");
	name_refused("reports/2024.txt", "slashes and backslashes");
	name_refused("..", "needs a name");
	name_refused(".", "needs a name");
}

/* The resource id as staff once its text jobs have run (up to 60 s). */
static void
text_done(int64_t id)
{
	int64_t end = ts_now_ms() + 60000;
	char path[96];

	snprintf(path, sizeof path, "/api/v1/resources/%lld", (long long)id);
	for (;;) {
		json_t *j = ts_jbody(ta_api("GET", path, staff_tok, NULL));
		const char *st = json_string_value(json_object_get(json_array_get(
		    json_object_get(j, "files"), 0), "text_status"));
		int pending = !st || strcmp(st, "pending") == 0;

		if (!pending)
			assert_string_equal(st, "extracted");
		json_decref(j);
		if (!pending)
			return;
		assert_true(ts_now_ms() < end);
		usleep(50 * 1000);	/* polling for the job, not guessing its time */
	}
}

/* Whether a search for q (URL-encoded) lists resource id, for a visitor. */
static int
found(const char *q, int64_t id)
{
	char path[512];
	json_t *j, *it;
	size_t i;
	int yes = 0;

	snprintf(path, sizeof path, "/api/v1/resources?per_page=100&q=%s", q);
	j = ts_jbody(ta_api("GET", path, NULL, NULL));
	json_array_foreach(json_object_get(j, "items"), i, it)
		yes |= json_integer_value(json_object_get(it, "id")) == id;
	json_decref(j);
	return yes;
}

static void
test_arabic_pdf(void **state)
{
	/* "The conference adopted resolution 9/1 in 2024 on combating
	 * corruption" and "integrity and transparency" */
	static const char *const paras[] = {
		"\u0627\u0639\u062a\u0645\u062f \u0627\u0644\u0645\u0624\u062a\u0645\u0631 "
		"\u0627\u0644\u0642\u0631\u0627\u0631 9/1 \u0641\u064a \u0639\u0627\u0645 2024 "
		"\u0628\u0634\u0623\u0646 \u0645\u0643\u0627\u0641\u062d\u0629 "
		"\u0627\u0644\u0641\u0633\u0627\u062f",
		"\u0627\u0644\u0646\u0632\u0627\u0647\u0629 \u0648\u0627\u0644\u0634\u0641\u0627"
		"\u0641\u064a\u0629",
	};
	struct buf pdf;
	int64_t id;

	(void)state;
	buf_init(&pdf, 1u << 20);
	assert_int_equal(pdfgen_text(&pdf, "\u062f\u0644\u064a\u0644", paras, 2), WS_OK);
	{
		const struct ts_part parts[] = {
			FIELD("title", "Guide"), FIELD("kind", "guide"),
			FIELD("status", "published"), FIELD("languages", "ar"),
			{ "file", pdf.data, pdf.len, "guide-ar.pdf", "application/pdf" },
		};

		id = made(ts_multipart_api(plain, "POST", "/api/v1/resources", staff_tok, parts,
		    5));
	}
	buf_free(&pdf);
	text_done(id);
	/* al-fasad (corruption), al-nazaha (integrity), bi-sha'n (on: the word
	 * after "2024", which pdftotext parts from it by a bidi mark alone) */
	assert_true(found("%D8%A7%D9%84%D9%81%D8%B3%D8%A7%D8%AF", id));
	assert_true(found("%D8%A7%D9%84%D9%86%D8%B2%D8%A7%D9%87%D8%A9", id));
	assert_true(found("%D8%A8%D8%B4%D8%A3%D9%86", id));
	assert_true(found("2024", id));
	/* a query typed with bidi marks around the word finds it the same */
	assert_true(found("%E2%80%8F%D8%A7%D9%84%D9%81%D8%B3%D8%A7%D8%AF%E2%80%8F", id));
	assert_false(found("%D8%B3%D9%84%D8%A7%D9%85", id));	/* salam: not in it */
}

/* The text jobs of the files above, as staff list them by status (each
 * status its own statement and index, migration 22): every job listed is
 * of the status asked, and the totals of the statuses add up to all. */
static void
test_jobs_by_status(void **state)
{
	static const char *const st[] = { "queued", "running", "failed", "done" };
	int64_t all = total_of("/api/v1/staff/jobs?per_page=1"), sum = 0;

	(void)state;
	assert_true(all >= 2);
	for (size_t i = 0; i < 4; i++) {
		char path[128];
		const struct ts_res *r;
		json_t *j, *it;
		size_t k;

		snprintf(path, sizeof path, "/api/v1/staff/jobs?status=%s&per_page=200", st[i]);
		r = ta_api("GET", path, staff_tok, NULL);
		STATUS(r, 200);
		j = ts_jbody(r);
		json_array_foreach(json_object_get(j, "items"), k, it)
			assert_string_equal(json_string_value(json_object_get(it, "status")), st[i]);
		assert_int_equal((int64_t)json_array_size(json_object_get(j, "items")),
		    json_integer_value(json_object_get(j, "total")));
		sum += json_integer_value(json_object_get(j, "total"));
		json_decref(j);
	}
	assert_int_equal(sum, all);
	assert_true(total_of("/api/v1/staff/jobs?status=done&per_page=1") >= 2);
	/* the page too, filtered */
	{
		const struct ts_res *r = ta_api("GET", "/staff/jobs?status=failed", staff_tok,
		    NULL);

		STATUS(r, 200);
	}
}

/* --resource-max counts MB of 10^6 bytes, as its messages say (the suite
 * runs with --resource-max 1): 1,000,000 bytes are taken, 1,000,001 are
 * refused with a 413 that names the file and says 1 MB. */
static void
test_limit_in_mb(void **state)
{
	const size_t n = 1000000;
	char *big = malloc(n + 1);
	struct stored before;
	const struct ts_res *r;

	(void)state;
	assert_non_null(big);
	memset(big, 'a', n + 1);
	{
		const struct ts_part parts[] = { FIELD("title", "Just under"),
			FIELD("kind", "guide"), { "file", big, n, "exact.txt", "text/plain" } };

		r = ts_multipart_api(plain, "POST", "/api/v1/resources", staff_tok, parts, 3);
		STATUS(r, 201);
	}
	before = stored();
	{
		const struct ts_part parts[] = { FIELD("title", "Just over"),
			FIELD("kind", "guide"), { "file", big, n + 1, "over.txt", "text/plain" } };

		r = ts_multipart_api(plain, "POST", "/api/v1/resources", staff_tok, parts, 3);
		STATUS(r, 413);
		HAS(r, "over.txt");
		HAS(r, "1 MB");
	}
	free(big);
	assert_int_equal(stored().resources, before.resources);
	assert_int_equal(stored().jobs, before.jobs);
}

static int
setup(void **state)
{
	static const char *const extra[] = { "--resource-max", "1", NULL };

	(void)state;
	if (ts_suite_start(&sink, &srv, &db_url, extra) != 0)
		return -1;
	plain = ts_browser_new(&srv, NULL);
	ta_use(plain);
	if (ts_person_add(db_url, "sam.staff@hub.test", "Sam", "staff", 0, PW) < 0 ||
	    ts_token(plain, "sam.staff@hub.test", PW, staff_tok, sizeof staff_tok) != 0)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	ts_browser_free(plain);
	ts_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_control_characters),
		cmocka_unit_test(test_path_separators),
		cmocka_unit_test(test_arabic_pdf),
		cmocka_unit_test(test_jobs_by_status),
		cmocka_unit_test(test_limit_in_mb),
	};

	return cmocka_run_group_tests_name("resources_input", tests, setup, teardown);
}
